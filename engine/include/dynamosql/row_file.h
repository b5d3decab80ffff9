// Rows in temporary files: an exact binary encoding of rows, and the unlinked temporary file they go
// to. The ODBC static cursor keeps rows past its memory budget this way (driver/row_store.h); the
// engine's Sort writes its sorted runs this way once it holds more than work_memory_mb.
#pragma once

#include <cstdint>
#include <string>

#include "dynamosql/value.h"

namespace dynamosql {

inline constexpr const char* kDiskFullState = "53100";  // SQLSTATE disk_full

// Appends `row` to `out`, exactly: every Value type, Missing apart from NULL, numbers as their text
// (38 digits and their spelling kept), sets, nested documents, intervals with their length.
void encode_row(std::string& out, const Row& row);

// Reads back, one after another, the rows encode_row appended to a buffer.
class RowDecoder {
 public:
  RowDecoder(const char* data, size_t size) : data_(data), size_(size) {}
  bool done() const { return pos_ >= size_; }
  // The next row; throws Error HY000 when the bytes are not what encode_row wrote.
  Row row();

 private:
  uint64_t count();
  std::string text();
  std::vector<Value> members();
  Value value();
  Value interval();

  const char* data_;
  size_t size_;
  size_t pos_ = 0;
};

// A temporary file, created mode 0600 in `directory` (empty: $TMPDIR, else /tmp) and unlinked at once,
// so nothing is left behind however the process ends; the destructor closes it, which frees its space.
// `owner` names what uses it in errors ("static cursor", "sort").
class TemporaryFile {
 public:
  // Throws Error 53100 when the file cannot be created.
  TemporaryFile(const std::string& directory, std::string owner);
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  // Appends `bytes` with write(2), so a full disk fails here (Error 53100), not later; returns the
  // offset they start at.
  uint64_t append(const std::string& bytes);
  // The `size` bytes at `offset` (written before) into `out`; Error HY000 when they cannot be read.
  void read(uint64_t offset, size_t size, std::string& out) const;
  uint64_t size() const { return size_; }
  const std::string& directory() const { return directory_; }

 private:
  std::string directory_;
  std::string owner_;
  int fd_ = -1;
  uint64_t size_ = 0;
};

}  // namespace dynamosql

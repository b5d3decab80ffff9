// The reject files of a COPY FROM with on_error = 'continue' and reject_file: each bad record as it was
// (CSV with the header first, so the file can be fixed and loaded) and "line N: reason" in
// reject_file.log. A resumed COPY cuts both files back to where its checkpoint was taken and appends.
#pragma once

#include <cstdint>
#include <deque>
#include <fstream>
#include <string>
#include <utility>

namespace dynamosql {

class RejectFiles {
 public:
  // Creates the files, or with `data_bytes` / `log_bytes` (a resume) cuts them to those sizes. A CSV
  // header goes first into a new data file.
  void open(const std::string& path, bool csv_header_needed, const std::string& header, uint64_t data_bytes, uint64_t log_bytes);
  bool enabled() const { return !path_.empty(); }
  void add(int64_t line, const std::string& record, const std::string& reason);
  // Sizes of the files without the rejects at or after `line` (those will be read again on resume).
  std::pair<uint64_t, uint64_t> sizes_before(int64_t line);

 private:
  struct Mark {
    int64_t line;
    uint64_t data, log;
  };
  static void truncate(const std::string& path, uint64_t size);
  void write_data(const std::string& text);

  std::string path_;
  std::ofstream data_, log_;
  uint64_t data_bytes_ = 0, log_bytes_ = 0;
  std::deque<Mark> marks_;
};

}  // namespace dynamosql

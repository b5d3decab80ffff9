// The files COPY reads and writes: a path, "-" for standard input / output, and gzip (by the ".gz"
// suffix, through zlib) so DynamoDB's S3 export files load as they are.
//
// InputFile hands out lines with the byte offset each starts at, so a checkpoint can note where to
// resume. OutputFile writes a regular file under a temporary name and renames it into place only when
// commit() is called: an interrupted COPY TO never leaves a half-written file behind.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

namespace dynamosql {

class InputFile {
 public:
  // Throws Error 58030 (I/O error) naming the path when it cannot be opened.
  static std::unique_ptr<InputFile> open(const std::string& path);
  virtual ~InputFile() = default;
  // Reads one line including its '\n' (the last line may lack it); false at the end.
  virtual bool read_line(std::string& line) = 0;
  // Bytes of (uncompressed) input consumed so far.
  uint64_t offset() const { return offset_; }
  // Plain regular files can jump to a checkpoint's offset; others skip lines instead.
  virtual bool can_seek() const { return false; }
  virtual void seek(uint64_t offset);
  // Share of the input read, 0..1, when the size is known (progress and ETA); nullopt otherwise.
  virtual std::optional<double> fraction_read() const { return std::nullopt; }

 protected:
  uint64_t offset_ = 0;
};

class OutputFile {
 public:
  static std::unique_ptr<OutputFile> open(const std::string& path);
  virtual ~OutputFile() = default;
  virtual void write(const std::string& text) = 0;
  // Flushes and, for a regular file, moves it into place. Without commit() the file is removed.
  virtual void commit() = 0;
};

// Error 58030 for a failed file operation, naming the path and the system's reason.
[[noreturn]] void throw_io_error(const std::string& what, const std::string& path);

}  // namespace dynamosql

// The reject files of a COPY FROM; see reject_files.h.
#include "copy/reject_files.h"

#include <unistd.h>

#include <cerrno>

#include "copy/copy_file.h"

namespace dynamosql {

void RejectFiles::open(const std::string& path, bool csv_header_needed, const std::string& header, uint64_t data_bytes,
                       uint64_t log_bytes) {
  path_ = path;
  bool resume = data_bytes > 0 || log_bytes > 0;
  if (resume) {
    truncate(path_, data_bytes);
    truncate(path_ + ".log", log_bytes);
  }
  data_.open(path_, resume ? std::ios::app | std::ios::binary : std::ios::trunc | std::ios::binary);
  log_.open(path_ + ".log", resume ? std::ios::app : std::ios::trunc);
  if (!data_ || !log_) throw_io_error("cannot create the reject file", path_);
  data_bytes_ = data_bytes;
  log_bytes_ = log_bytes;
  if (csv_header_needed && data_bytes_ == 0) write_data(header);
}

void RejectFiles::add(int64_t line, const std::string& record, const std::string& reason) {
  marks_.push_back({line, data_bytes_, log_bytes_});
  std::string text = record;
  if (text.empty() || text.back() != '\n') text += '\n';
  write_data(text);
  std::string entry = "line " + std::to_string(line) + ": " + reason + "\n";
  log_ << entry;
  log_bytes_ += entry.size();
  if (!log_) throw_io_error("cannot write the reject file", path_ + ".log");
}

std::pair<uint64_t, uint64_t> RejectFiles::sizes_before(int64_t line) {
  data_.flush();
  log_.flush();
  while (!marks_.empty() && marks_.front().line < line && marks_.size() > 1 && marks_[1].line < line) marks_.pop_front();
  for (const auto& m : marks_)
    if (m.line >= line) return {m.data, m.log};
  return {data_bytes_, log_bytes_};
}

void RejectFiles::truncate(const std::string& path, uint64_t size) {
  if (::truncate(path.c_str(), static_cast<off_t>(size)) != 0 && errno != ENOENT) throw_io_error("cannot cut back the reject file", path);
}

void RejectFiles::write_data(const std::string& text) {
  data_ << text;
  data_bytes_ += text.size();
  if (!data_) throw_io_error("cannot write the reject file", path_);
}

}  // namespace dynamosql

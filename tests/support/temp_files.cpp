// Test helpers for temporary files; see temp_files.h.
#include "support/temp_files.h"

#include <filesystem>
#include <stdexcept>

namespace dynamosql::testing {

int open_files_under(const std::string& prefix) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code error;
    const std::filesystem::path target = std::filesystem::read_symlink(entry.path(), error);
    if (!error && target.string().rfind(prefix, 0) == 0) count++;
  }
  return count;
}

FileSizeLimit::FileSizeLimit(rlim_t bytes) {
  if (getrlimit(RLIMIT_FSIZE, &before_) != 0) throw std::runtime_error("getrlimit failed");
  old_handler_ = signal(SIGXFSZ, SIG_IGN);
  rlimit small = before_;
  small.rlim_cur = bytes;
  if (setrlimit(RLIMIT_FSIZE, &small) != 0) throw std::runtime_error("setrlimit failed");
}

FileSizeLimit::~FileSizeLimit() {
  setrlimit(RLIMIT_FSIZE, &before_);
  signal(SIGXFSZ, old_handler_);
}

}  // namespace dynamosql::testing

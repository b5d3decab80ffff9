// Test helpers for temporary files: the descriptors a process holds open on files under a path
// (unlinked ones too: how a test sees that a statement's temporary files are closed), and a full disk
// stood in for by RLIMIT_FSIZE.
#pragma once

#include <sys/resource.h>

#include <csignal>
#include <string>

namespace dynamosql::testing {

// The descriptors of this process open on files whose path starts with `prefix`.
int open_files_under(const std::string& prefix);

// While it lives, writes past `bytes` into any file fail (EFBIG, as a full disk fails them) instead of
// raising SIGXFSZ.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes);
  ~FileSizeLimit();
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit before_{};
  void (*old_handler_)(int) = nullptr;
};

}  // namespace dynamosql::testing

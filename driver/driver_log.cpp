// The driver's log; see driver_log.h.
#include "driver_log.h"

#include <ctime>
#include <sys/time.h>

#include "connection_string.h"

namespace dynamosql::odbc {

DriverLog::~DriverLog() {
  if (file_ && file_ != stderr) std::fclose(file_);
}

void DriverLog::open(int level, const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (file_ && file_ != stderr) std::fclose(file_);
  file_ = nullptr;
  level_ = level;
  if (level <= 0) return;
  file_ = path.empty() || path == "stderr" ? stderr : std::fopen(path.c_str(), "a");
}

void DriverLog::write(int level, const std::string& message) {
  if (!enabled(level)) return;
  std::lock_guard<std::mutex> lock(mutex_);
  timeval tv;
  gettimeofday(&tv, nullptr);
  std::tm tm;
  gmtime_r(&tv.tv_sec, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
  std::fprintf(file_, "%s.%03dZ %s\n", stamp, static_cast<int>(tv.tv_usec / 1000), message.c_str());
  std::fflush(file_);
}

std::string mask_secrets(const std::string& connection_string) {
  ConnectionKeys keys = parse_connection_string(connection_string);
  for (auto& [name, value] : keys)
    if (is_secret_key(name)) value = "***";
  return format_connection_string(keys);
}

}  // namespace dynamosql::odbc

// The driver's optional log (connection keys LogLevel and LogFile): 0 off, 1 errors, 2 connections
// and statements, 3 every ODBC call. Secrets never reach it: connection strings are logged with
// SecretAccessKey, SessionToken and PWD masked, and errors carry engine messages, which never
// quote credentials.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

namespace dynamosql::odbc {

class DriverLog {
 public:
  ~DriverLog();
  void open(int level, const std::string& path);
  bool enabled(int level) const { return file_ && level <= level_; }
  void write(int level, const std::string& message);

 private:
  int level_ = 0;
  FILE* file_ = nullptr;
  std::mutex mutex_;
};

// A connection string with secret values replaced by "***".
std::string mask_secrets(const std::string& connection_string);

}  // namespace dynamosql::odbc

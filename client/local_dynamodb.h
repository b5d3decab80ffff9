// The embedded DynamoDB Local of `dynamosql --local`: started on a free 127.0.0.1 port from the npm
// package the setup script installs, and stopped when the console exits (the child also receives
// SIGTERM if the console dies).
#pragma once

#include <sys/types.h>

#include <string>

namespace dynamosql {

class LocalDynamoDB {
 public:
  LocalDynamoDB() = default;
  ~LocalDynamoDB();
  LocalDynamoDB(const LocalDynamoDB&) = delete;
  LocalDynamoDB& operator=(const LocalDynamoDB&) = delete;

  // Throws Error 08001 when Java or the jar cannot be found or the server does not answer in time.
  void start();
  void stop();
  const std::string& endpoint() const { return endpoint_; }

 private:
  pid_t pid_ = -1;
  std::string endpoint_;
};

}  // namespace dynamosql

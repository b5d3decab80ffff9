// How a session reaches DynamoDB: where and as whom (AwsSettings: endpoint, region, profile, keys;
// whatever is not given is resolved as the AWS SDKs do, see engine/dynamo/aws_config.h), and how
// patiently (ClientOptions: timeouts and retries of the HTTP client).
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace dynamosql {

struct AwsSettings {
  std::optional<std::string> endpoint;
  std::optional<std::string> region;
  std::optional<std::string> profile;
  std::optional<std::string> access_key_id;
  std::optional<std::string> secret_access_key;
  std::optional<std::string> session_token;
};

struct HttpTimeouts {
  long connect_ms = 5000;
  long request_ms = 60000;
};

struct RetryPolicy {
  int max_attempts = 10;  // boto's default for DynamoDB
  std::chrono::milliseconds base{25};
  std::chrono::milliseconds cap{5000};
};

struct ClientOptions {
  RetryPolicy retry;
  HttpTimeouts timeouts;
};

}  // namespace dynamosql

// Where credentials, region and endpoint come from, resolved in the order the AWS SDKs use:
//   credentials: explicit settings; AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN; the profile
//     (AWS_PROFILE, else "default") in the shared credentials file, then in the config file, static keys
//     before credential_process;
//   region: explicit; AWS_REGION; AWS_DEFAULT_REGION; the profile's region;
//   endpoint: explicit; AWS_ENDPOINT_URL_DYNAMODB; AWS_ENDPOINT_URL; the profile's endpoint_url; else
//     https://dynamodb.REGION.amazonaws.com (Streams: https://streams.dynamodb.REGION.amazonaws.com).
// File locations honour AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, else ~/.aws/credentials and
// ~/.aws/config. A failure says where it looked and never quotes a secret.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "dynamo/sigv4.h"
#include "dynamosql/connection.h"

namespace dynamosql {

// Environment lookup, replaceable in tests.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup process_environment();

class CredentialProvider {
 public:
  virtual ~CredentialProvider() = default;
  // Thread-safe; may refresh (credential_process with an Expiration).
  virtual Credentials get() = 0;
  // Where the credentials come from, for diagnostics; never contains a secret.
  virtual std::string source() const = 0;
};

class StaticCredentials : public CredentialProvider {
 public:
  StaticCredentials(Credentials c, std::string source) : credentials_(std::move(c)), source_(std::move(source)) {}
  Credentials get() override { return credentials_; }
  std::string source() const override { return source_; }

 private:
  Credentials credentials_;
  std::string source_;
};

// Runs a profile's credential_process and caches its answer until five minutes before Expiration.
class ProcessCredentials : public CredentialProvider {
 public:
  ProcessCredentials(std::string command, std::string profile) : command_(std::move(command)), profile_(std::move(profile)) {}
  Credentials get() override;
  std::string source() const override { return "credential_process of profile '" + profile_ + "'"; }

 private:
  std::string command_;
  std::string profile_;
  std::mutex mutex_;
  std::optional<Credentials> cached_;
  std::optional<std::chrono::system_clock::time_point> expires_;
};

struct ResolvedAws {
  std::string region;
  std::string endpoint;          // DynamoDB
  std::string streams_endpoint;  // DynamoDB Streams
  std::shared_ptr<CredentialProvider> credentials;
};

// Throws Error 28000 (no credentials) or 08001 (no region, bad endpoint), naming where it looked.
ResolvedAws resolve_aws(const AwsSettings& settings, const EnvLookup& env = process_environment());

// INI sections of an AWS shared file: section name -> key -> value. Missing file -> empty.
using IniFile = std::map<std::string, std::map<std::string, std::string>>;
IniFile read_ini_file(const std::string& path);

}  // namespace dynamosql

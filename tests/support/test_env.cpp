// Test helpers; see test_env.h.
#include "support/test_env.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

namespace dynamosql::testing {

std::string local_endpoint() {
  if (const char* e = std::getenv("DYNAMOSQL_TEST_ENDPOINT"); e && *e) return e;
  if (const char* state = std::getenv("DYNAMOSQL_TEST_STATE"); state && *state) {
    std::ifstream in(std::string(state) + "/endpoint");
    std::string endpoint;
    if (in >> endpoint) return endpoint;
  }
  throw std::runtime_error("no DynamoDB Local endpoint: run through ctest (which starts one) or set "
                           "DYNAMOSQL_TEST_ENDPOINT");
}

ResolvedAws local_aws() {
  AwsSettings s;
  s.endpoint = local_endpoint();
  s.region = "us-east-1";
  s.access_key_id = "local";
  s.secret_access_key = "local";
  return resolve_aws(s, [](const std::string&) { return std::nullopt; });
}

std::unique_ptr<DynamoClient> local_client(ClientOptions options) {
  return std::make_unique<DynamoClient>(local_aws(), options);
}

std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static std::mt19937 rng{std::random_device{}()};
  return prefix + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rng() % 100000);
}

std::string scratch_dir() {
  char tmpl[] = "/tmp/dynamosql-test-XXXXXX";
  char* d = mkdtemp(tmpl);
  if (!d) throw std::runtime_error("mkdtemp failed");
  return d;
}

SessionSettings local_session_settings() {
  SessionSettings s;
  s.aws.endpoint = local_endpoint();
  s.aws.region = "us-east-1";
  s.aws.access_key_id = "t";
  s.aws.secret_access_key = "t";
  return s;
}

}  // namespace dynamosql::testing

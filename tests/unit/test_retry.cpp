// Retries against a scripted local HTTP server: throttling, 500s, dropped connections and wrong
// x-amz-crc32 are retried until success; after the cap the right error comes back; a
// ConditionalCheckFailed or ValidationException is never retried, nor is anything that fails the same
// way every time (a certificate that does not verify, a host name that does not resolve, DynamoDB
// Local's InternalFailure once it repeats).
#include <catch2/catch.hpp>
#include <curl/curl.h>

#include "dynamo/aws_error.h"
#include "dynamo/dynamo_client.h"
#include "dynamosql/error.h"
#include "support/fake_http_server.h"
#include "support/tls_server.h"

using namespace dynamosql;
using namespace dynamosql::testing;

namespace {

std::unique_ptr<DynamoClient> client_for(const std::string& endpoint, int max_attempts = 10) {
  AwsSettings s;
  s.endpoint = endpoint;
  s.region = "us-east-1";
  s.access_key_id = "AKIDTEST";
  s.secret_access_key = "SUPERSECRETKEY";
  ClientOptions options;
  options.retry.max_attempts = max_attempts;
  options.retry.base = std::chrono::milliseconds(1);
  options.retry.cap = std::chrono::milliseconds(5);
  options.timeouts.request_ms = 2000;
  return std::make_unique<DynamoClient>(resolve_aws(s, [](const std::string&) { return std::nullopt; }), options);
}

// The Error `call` throws; the test fails when it throws none.
template <typename Call>
Error error_of(Call&& call) {
  try {
    call();
  } catch (const Error& e) {
    return e;
  }
  FAIL("expected an error");
  return Error("", "");
}

}  // namespace

TEST_CASE("retry: transient failures are retried until the call succeeds", "[retry]") {
  FakeHttpServer server({Reply::Throttle, Reply::ServerError, Reply::Drop, Reply::BadCrc, Reply::Throttle});
  auto client = client_for(server.endpoint());
  auto tables = client->list_all_tables();
  REQUIRE(tables == std::vector<std::string>{"t"});
  CHECK(server.requests() == 6);
  // curl itself re-sends once when a reused connection turns out dead, so 4 or 5 are ours.
  CHECK(client->counters().retries >= 4);
  CHECK(client->counters().throttles == 2);
}

TEST_CASE("retry: gives up after max attempts with the last error", "[retry]") {
  FakeHttpServer server(std::vector<Reply>(10, Reply::Throttle));
  auto client = client_for(server.endpoint(), 4);
  Error e = error_of([&] { client->list_all_tables(); });
  CHECK(e.aws_type() == "ProvisionedThroughputExceededException");
  CHECK(std::string(e.what()).find("gave up after 4 attempts") != std::string::npos);
  CHECK(server.requests() == 4);
}

TEST_CASE("retry: a CRC32 mismatch that persists is a communication error", "[retry]") {
  FakeHttpServer server(std::vector<Reply>(10, Reply::BadCrc));
  auto client = client_for(server.endpoint(), 3);
  Error e = error_of([&] { client->list_all_tables(); });
  CHECK(e.sqlstate() == "08S01");
  CHECK(std::string(e.what()).find("CRC32") != std::string::npos);
  CHECK(server.requests() == 3);
}

TEST_CASE("retry: ConditionalCheckFailed and ValidationException are never retried", "[retry]") {
  {
    FakeHttpServer server({Reply::ConditionalFailed});
    auto client = client_for(server.endpoint());
    Error e = error_of([&] { client->list_all_tables(); });
    CHECK(e.sqlstate() == "23000");
    CHECK(e.aws_type() == "ConditionalCheckFailedException");
    CHECK(server.requests() == 1);
  }
  {
    FakeHttpServer server({Reply::Validation});
    auto client = client_for(server.endpoint());
    Error e = error_of([&] { client->list_all_tables(); });
    CHECK(e.sqlstate() == "22023");
    CHECK(e.aws_type() == "ValidationException");
    CHECK(server.requests() == 1);
  }
}

TEST_CASE("retry: DynamoDB Local's InternalFailure stops once it repeats; InternalServerError does not", "[retry]") {
  {
    FakeHttpServer server(std::vector<Reply>(10, Reply::InternalFailure));
    auto client = client_for(server.endpoint());
    Error e = error_of([&] { client->list_all_tables(); });
    CHECK(e.aws_type() == "InternalFailure");
    CHECK(std::string(e.what()).find("(the same answer 3 times in a row)") != std::string::npos);
    CHECK(server.requests() == 3);
  }
  {
    // Once between other answers it is retried like any 500, and the call succeeds.
    FakeHttpServer server({Reply::InternalFailure, Reply::InternalFailure, Reply::Throttle, Reply::InternalFailure,
                           Reply::InternalFailure});
    auto client = client_for(server.endpoint());
    CHECK(client->list_all_tables() == std::vector<std::string>{"t"});
    CHECK(server.requests() == 6);
  }
  {
    // DynamoDB's own 500 is retried up to the cap: a real service's failure passes.
    FakeHttpServer server(std::vector<Reply>(10, Reply::ServerError));
    auto client = client_for(server.endpoint(), 6);
    CHECK_THROWS_WITH(client->list_all_tables(), Catch::Contains("gave up after 6 attempts"));
    CHECK(server.requests() == 6);
  }
}

TEST_CASE("retry: a TLS certificate that does not verify is refused at once, not retried", "[retry]") {
  UntrustedTlsServer server;
  auto client = client_for(server.endpoint());
  Error e = error_of([&] { client->list_all_tables(); });
  CHECK(e.sqlstate() == "08001");
  CHECK(std::string(e.what()).find("certificate") != std::string::npos);
  CHECK(std::string(e.what()).find("gave up") == std::string::npos);
  CHECK(server.connections() == 1);
}

TEST_CASE("retry: a host name that does not resolve is refused at once, not retried", "[retry]") {
  auto client = client_for("http://no-such-host.invalid");  // .invalid never resolves (RFC 6761)
  Error e = error_of([&] { client->list_all_tables(); });
  INFO(e.what());
  CHECK(e.sqlstate() == "08001");
  CHECK(std::string(e.what()).find("no-such-host.invalid") != std::string::npos);
  CHECK(client->counters().requests == 1);
}

TEST_CASE("retry: an unreachable endpoint is a connection error, and secrets stay out of it", "[retry]") {
  std::string endpoint;
  {
    FakeHttpServer server({});
    endpoint = server.endpoint();
  }  // closed: nothing listens there now
  AwsSettings s;
  s.endpoint = endpoint;
  s.region = "us-east-1";
  s.access_key_id = "AKIDTEST";
  s.secret_access_key = "SUPERSECRETKEY";
  ClientOptions options;
  options.retry.max_attempts = 2;
  options.retry.base = std::chrono::milliseconds(1);
  DynamoClient client(resolve_aws(s, [](const std::string&) { return std::nullopt; }), options);
  Error e = error_of([&] { client.list_all_tables(); });
  CHECK(e.sqlstate() == "08001");
  CHECK(std::string(e.what()).find("SUPERSECRETKEY") == std::string::npos);
}

TEST_CASE("requests are signed and carry no secret in clear", "[retry]") {
  FakeHttpServer server({});
  auto client = client_for(server.endpoint());
  client->list_all_tables();
  std::string headers = server.last_request_headers();
  CHECK(headers.find("AWS4-HMAC-SHA256 Credential=AKIDTEST/") != std::string::npos);
  CHECK(headers.find("x-amz-target: DynamoDB_20120810.ListTables") != std::string::npos);
  CHECK(headers.find("SUPERSECRETKEY") == std::string::npos);
}

TEST_CASE("retry: a host name that stops resolving after the endpoint answered is retried as not sent", "[retry]") {
  // Before any answer a mistyped host fails at once; after one, a resolver failure is a moment's outage
  // (EAI_AGAIN) and the request never left, so retrying it cannot apply a write twice.
  CHECK(classify_transport_failure(CURLE_COULDNT_RESOLVE_HOST, false) == RetryClass::Never);
  CHECK(classify_transport_failure(CURLE_COULDNT_RESOLVE_HOST, true) == RetryClass::NotSent);
  CHECK(classify_transport_failure(CURLE_COULDNT_RESOLVE_PROXY, true) == RetryClass::NotSent);
  // A certificate that does not verify stays refused however often the endpoint answered.
  CHECK(classify_transport_failure(CURLE_PEER_FAILED_VERIFICATION, true) == RetryClass::Never);
  CHECK(classify_transport_failure(CURLE_OPERATION_TIMEDOUT, false) == RetryClass::Transient);
}

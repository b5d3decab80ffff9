// batch_write against a scripted server: UnprocessedItems are sent again until written, and when they
// stay unprocessed the error names the keys not written and how many were. (DynamoDB Local never
// returns UnprocessedItems, so this cannot be tested against it.)
#include <catch2/catch.hpp>

#include "exec/item_writer.h"
#include "support/fake_http_server.h"

using namespace dynamosql;
using namespace dynamosql::testing;

namespace {

std::unique_ptr<DynamoClient> client_for(const FakeHttpServer& server) {
  AwsSettings s;
  s.endpoint = server.endpoint();
  s.region = "us-east-1";
  s.access_key_id = "AKIDTEST";
  s.secret_access_key = "SECRET";
  ClientOptions options;
  options.retry.base = std::chrono::milliseconds(1);
  options.retry.cap = std::chrono::milliseconds(5);
  return std::make_unique<DynamoClient>(resolve_aws(s, [](const std::string&) { return std::nullopt; }), options);
}

std::vector<WriteRequest> puts(int n) {
  std::vector<WriteRequest> w;
  for (int i = 0; i < n; ++i) w.push_back({true, {{"pk", Value::string("k" + std::to_string(i))}}});
  return w;
}

const char* kOneLeft = R"({"UnprocessedItems":{"t":[{"PutRequest":{"Item":{"pk":{"S":"k1"}}}}]}})";
const char* kNoneLeft = R"({"UnprocessedItems":{}})";

}  // namespace

TEST_CASE("batch_write: UnprocessedItems are retried until written", "[writer]") {
  FakeHttpServer server({}, kNoneLeft, {kOneLeft, kOneLeft});
  auto client = client_for(server);
  BatchStats stats = batch_write(*client, "t", puts(3), {"pk", ""}, 1);
  CHECK(stats.written == 3);
  CHECK(stats.retried == 2);
  CHECK(server.requests() == 3);
}

TEST_CASE("batch_write: items that stay unprocessed are an error naming them", "[writer]") {
  FakeHttpServer server({}, kOneLeft);
  auto client = client_for(server);
  try {
    batch_write(*client, "t", puts(3), {"pk", ""}, 1, 4);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("2 items were written") != std::string::npos);
    REQUIRE(e.details().size() == 1);
    CHECK(e.details()[0] == "not written: pk='k1'");
  }
  CHECK(server.requests() == 4);
}

TEST_CASE("batch_write: more than 25 items go out in several requests", "[writer]") {
  FakeHttpServer server({}, kNoneLeft);
  auto client = client_for(server);
  CHECK(batch_write(*client, "t", puts(60), {"pk", ""}, 1).written == 60);
  CHECK(server.requests() == 3);  // 25 + 25 + 10
}

TEST_CASE("batch_write: one key never twice in a request (DynamoDB rejects that)", "[writer]") {
  FakeHttpServer server({}, kNoneLeft);
  auto client = client_for(server);
  auto writes = puts(3);
  writes.push_back({true, {{"pk", Value::string("k0")}, {"v", Value::number_text("2")}}});  // k0 again, later
  CHECK(batch_write(*client, "t", writes, {"pk", ""}, 1).written == 4);
  CHECK(server.requests() == 2);  // [k0 k1 k2], then [k0] after it, in order
}

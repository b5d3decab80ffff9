// A small HTTP/1.1 server on 127.0.0.1 for fault-injection tests: it answers requests following a
// script of replies (throttling, 500s, dropped connections, wrong x-amz-crc32, ...), then OK.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dynamosql::testing {

// ServerError is DynamoDB's 500 InternalServerError; InternalFailure the 500 DynamoDB Local gives some
// invalid requests.
enum class Reply { Ok, Throttle, ServerError, InternalFailure, Drop, BadCrc, ConditionalFailed, Validation };

class FakeHttpServer {
 public:
  // `ok_bodies[i]`, when present, is the body of request i's OK reply; later OK replies use `ok_body`.
  explicit FakeHttpServer(std::vector<Reply> script, std::string ok_body = R"({"TableNames":["t"]})",
                          std::vector<std::string> ok_bodies = {});
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }
  // The raw headers of the last request (for checks such as "no secret in any header but auth").
  std::string last_request_headers();

 private:
  void serve();
  bool handle(int fd);

  std::vector<Reply> script_;
  std::string ok_body_;
  std::vector<std::string> ok_bodies_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::string last_headers_;
  std::thread thread_;
};

}  // namespace dynamosql::testing

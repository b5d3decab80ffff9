// Scripted fault-injecting HTTP server; see fake_http_server.h.
#include "support/fake_http_server.h"

#include "support/http_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace dynamosql::testing {

FakeHttpServer::FakeHttpServer(std::vector<Reply> script, std::string ok_body, std::vector<std::string> ok_bodies)
    : script_(std::move(script)), ok_body_(std::move(ok_body)), ok_bodies_(std::move(ok_bodies)) {
  listen_fd_ = listen_on_loopback(port_);
  thread_ = std::thread([this] { serve(); });
}

FakeHttpServer::~FakeHttpServer() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

std::string FakeHttpServer::last_request_headers() {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_headers_;
}

void FakeHttpServer::serve() {
  serve_connections(listen_fd_, stop_, [this](int fd) { return handle(fd); });
}

// Reads one request and answers it; false when the connection is to be closed.
bool FakeHttpServer::handle(int fd) {
  std::string headers, request_body;
  if (!read_http_request(fd, stop_, headers, request_body)) return false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    last_headers_ = headers;
  }
  int index = requests_++;
  Reply reply = index < static_cast<int>(script_.size()) ? script_[index] : Reply::Ok;
  if (reply == Reply::Drop) return false;

  int status = 200;
  std::string body = index < static_cast<int>(ok_bodies_.size()) ? ok_bodies_[static_cast<size_t>(index)] : ok_body_;
  switch (reply) {
    case Reply::Throttle:
      status = 400;
      body = R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"slow down"})";
      break;
    case Reply::ServerError:
      status = 500;
      body = R"({"__type":"com.amazon.coral.service#InternalServerError","message":"oops"})";
      break;
    case Reply::InternalFailure:
      status = 500;
      body = R"({"__type":"com.amazon.coral.service#InternalFailure","message":"The request processing has failed because of an unknown error, exception or failure."})";
      break;
    case Reply::ConditionalFailed:
      status = 400;
      body = R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"})";
      break;
    case Reply::Validation:
      status = 400;
      body = R"({"__type":"com.amazon.coral.validate#ValidationException","message":"bad request"})";
      break;
    default: break;
  }
  send_http_response(fd, status, body, reply == Reply::BadCrc);
  return true;
}

}  // namespace dynamosql::testing

// Scripted fault-injecting HTTP server; see fake_http_server.h.
#include "support/fake_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <stdexcept>

namespace dynamosql::testing {

FakeHttpServer::FakeHttpServer(std::vector<Reply> script, std::string ok_body, std::vector<std::string> ok_bodies)
    : script_(std::move(script)), ok_body_(std::move(ok_body)), ok_bodies_(std::move(ok_bodies)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listen_fd_, 16) != 0)
    throw std::runtime_error("fake server: bind/listen failed");
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
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
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    while (!stop_ && handle(fd)) {
    }
    close(fd);
  }
}

// Reads one request and answers it; false when the connection is to be closed.
bool FakeHttpServer::handle(int fd) {
  std::string data;
  char buf[8192];
  size_t header_end;
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) {
      if (stop_) return false;
      continue;
    }
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    data.append(buf, static_cast<size_t>(n));
  }
  std::string headers = data.substr(0, header_end);
  size_t length = 0;
  for (const char* name : {"Content-Length:", "content-length:"}) {
    auto pos = headers.find(name);
    if (pos != std::string::npos) length = std::stoul(headers.substr(pos + 15));
  }
  while (data.size() < header_end + 4 + length) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    data.append(buf, static_cast<size_t>(n));
  }
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
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  if (reply == Reply::BadCrc) crc ^= 1;
  std::string response = "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Error") +
                         "\r\nContent-Type: application/x-amz-json-1.0\r\nx-amz-crc32: " + std::to_string(crc) +
                         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  send(fd, response.data(), response.size(), MSG_NOSIGNAL);
  return true;
}

}  // namespace dynamosql::testing

// HTTP/1.1 framing for the test servers; see http_wire.h.
#include "support/http_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <thread>
#include <vector>

namespace dynamosql::testing {

int listen_on_loopback(int& port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 64) != 0)
    throw std::runtime_error("test server: bind/listen on 127.0.0.1 failed");
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port = ntohs(addr.sin_port);
  return fd;
}

void serve_connections(int listen_fd, const std::atomic<bool>& stop, const std::function<bool(int fd)>& answer_one,
                       bool concurrently) {
  auto serve_one = [&stop, &answer_one](int fd) {
    while (!stop && answer_one(fd)) {
    }
    close(fd);
  };
  std::vector<std::thread> connections;
  while (!stop) {
    pollfd p{listen_fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    int fd = accept(listen_fd, nullptr, nullptr);
    if (fd < 0) continue;
    if (concurrently) connections.emplace_back(serve_one, fd);
    else serve_one(fd);
  }
  for (auto& t : connections) t.join();
}

std::string header_value(const std::string& headers, const std::string& name) {
  std::string lower_headers = headers;
  std::transform(lower_headers.begin(), lower_headers.end(), lower_headers.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string key = "\n" + name + ":";
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  auto pos = lower_headers.find(key);
  if (pos == std::string::npos) return {};
  size_t start = pos + key.size();
  size_t end = headers.find("\r\n", start);
  std::string v = headers.substr(start, end == std::string::npos ? std::string::npos : end - start);
  v.erase(0, v.find_first_not_of(" \t"));
  return v;
}

bool read_http_request(int fd, const std::atomic<bool>& stop, std::string& headers, std::string& body) {
  std::string data;
  char buf[16384];
  size_t header_end;
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) {
      if (stop) return false;
      continue;
    }
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    data.append(buf, static_cast<size_t>(n));
  }
  headers = data.substr(0, header_end);
  std::string length = header_value(headers, "content-length");
  size_t want = length.empty() ? 0 : std::stoul(length);
  while (data.size() < header_end + 4 + want) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    data.append(buf, static_cast<size_t>(n));
  }
  body = data.substr(header_end + 4, want);
  return true;
}

void send_http_response(int fd, int status, const std::string& body, bool bad_crc) {
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  if (bad_crc) crc ^= 1;
  std::string response = "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Error") +
                         "\r\nContent-Type: application/x-amz-json-1.0\r\nx-amz-crc32: " + std::to_string(crc) +
                         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  send(fd, response.data(), response.size(), MSG_NOSIGNAL);
}

}  // namespace dynamosql::testing

// HTTP/1.1 framing shared by the test servers: read one request, write one response.
#pragma once

#include <atomic>
#include <functional>
#include <string>

namespace dynamosql::testing {

// A listening socket on 127.0.0.1 and a free port; throws std::runtime_error on failure.
int listen_on_loopback(int& port);

// Accepts connections until `stop`, calling `answer_one(fd)` for each request on a connection until it
// returns false (then the connection is closed): one connection at a time, or with `concurrently` each
// on its own thread (for clients with several requests in flight; `answer_one` must then be thread-safe).
void serve_connections(int listen_fd, const std::atomic<bool>& stop, const std::function<bool(int fd)>& answer_one,
                       bool concurrently = false);

// Reads one request (headers and a Content-Length body) from `fd`; false when the peer closed the
// connection or `stop` was set while waiting.
bool read_http_request(int fd, const std::atomic<bool>& stop, std::string& headers, std::string& body);

// The value of a request header (case-insensitive name), empty when absent.
std::string header_value(const std::string& headers, const std::string& name);

// Sends a JSON response with its x-amz-crc32 (deliberately wrong with `bad_crc`).
void send_http_response(int fd, int status, const std::string& body, bool bad_crc = false);

}  // namespace dynamosql::testing

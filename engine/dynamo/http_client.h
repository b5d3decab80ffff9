// HTTP over libcurl for the DynamoDB client. A pool of easy handles, each keeping its connection alive,
// lets any number of threads send requests at once (parallel scan segments, batch writes in flight)
// while reusing connections. TLS peer and host verification are always on for https.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dynamosql/error.h"
#include "dynamo/sigv4.h"
#include "dynamosql/connection.h"

namespace dynamosql {

struct HttpRequest {
  std::string url;
  HeaderList headers;
  std::string body;
};

struct HttpResponse {
  long status = 0;
  HeaderList headers;  // names lower-cased
  std::string body;
  // The request went out on a new connection although a kept-alive one was at hand. libcurl then
  // either found the old connection dead before sending, or sent the request on it, lost the
  // connection and silently sent it again: an earlier copy of the request may have been applied.
  bool reconnected = false;
  const std::string* header(const std::string& lower_name) const;
};

// A request that got no HTTP answer: Error 08001 (could not connect: refused, a host name that does
// not resolve, a certificate that does not verify), 08S01 (dropped) or HYT00 (timed out), with
// libcurl's code for the retry policy (classify_transport_failure in aws_error.h).
class TransportError : public Error {
 public:
  TransportError(const char* state, const std::string& message, int curl_code) : Error(state, message), curl_code_(curl_code) {}
  int curl_code() const { return curl_code_; }

 private:
  int curl_code_;
};

class HttpClient {
 public:
  explicit HttpClient(HttpTimeouts timeouts = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // POSTs the request. Throws TransportError when no answer came; any HTTP status, including 4xx and
  // 5xx, is returned, not thrown. The body is received into `buffer` (emptied first): a caller that
  // hands back the last response's body reuses its memory, so a scan does not allocate and fault in
  // megabytes for every page.
  HttpResponse post(const HttpRequest& request, std::string buffer = {});

 private:
  void* acquire(bool& reused);  // reused: the handle (and its connection) served a request before
  void release(void* handle);

  HttpTimeouts timeouts_;
  std::mutex mutex_;
  std::vector<void*> idle_;  // CURL* handles with live connections
};

}  // namespace dynamosql

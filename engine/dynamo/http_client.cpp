// libcurl-backed HTTP POST with a pool of keep-alive handles.
#include "dynamo/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

struct GlobalInit {
  GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

// DynamoDB's largest answers (BatchGetItem) are 16 MB.
constexpr unsigned long kMaxReserve = 32ul << 20;

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (line.rfind("HTTP/", 0) == 0) {
    response->headers.clear();  // a new response (e.g. after 100-continue)
  } else if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    size_t start = line.find_first_not_of(" \t", colon + 1);
    size_t end = line.find_last_not_of(" \t\r\n");
    std::string value = start == std::string::npos || end < start ? "" : line.substr(start, end - start + 1);
    // The body arrives in 16 KB pieces: room for all of it at once, not a copy at every doubling
    // (up to a bound: the header is the server's word, not a promise).
    if (name == "content-length") response->body.reserve(std::min(std::strtoul(value.c_str(), nullptr, 10), kMaxReserve));
    response->headers.emplace_back(std::move(name), std::move(value));
  }
  return size * count;
}

}  // namespace

const std::string* HttpResponse::header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return &v;
  return nullptr;
}

HttpClient::HttpClient(HttpTimeouts timeouts) : timeouts_(timeouts) { static GlobalInit init; }

HttpClient::~HttpClient() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* HttpClient::acquire(bool& reused) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      reused = true;
      return h;
    }
  }
  CURL* h = curl_easy_init();
  if (!h) throw Error(sqlstate::kGeneral, "could not create an HTTP handle");
  return h;
}

void HttpClient::release(void* handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(handle);
}

HttpResponse HttpClient::post(const HttpRequest& request, std::string buffer) {
  bool reused = false;
  CURL* curl = static_cast<CURL*>(acquire(reused));
  HttpResponse response;
  response.body = std::move(buffer);
  response.body.clear();
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeouts_.connect_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeouts_.request_ms);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "identity");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  char detail[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  if (rc != CURLE_OK) {
    curl_easy_cleanup(curl);  // the connection is in an unknown state
    // The URL is safe to show; it carries no credentials. libcurl's detail says which certificate
    // problem, which host, ...
    std::string message = std::string("HTTP request to ") + request.url + " failed: " + curl_easy_strerror(rc);
    if (detail[0] && message.find(detail) == std::string::npos) message += " (" + std::string(detail) + ")";
    const int code = static_cast<int>(rc);
    if (rc == CURLE_OPERATION_TIMEDOUT) throw TransportError(sqlstate::kTimeout, message, code);
    if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_PEER_FAILED_VERIFICATION)
      throw TransportError(sqlstate::kUnableToConnect, message, code);
    throw TransportError(sqlstate::kCommunicationFailure, message, code);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  long connects = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
  response.reconnected = reused && connects > 0;
  release(curl);
  return response;
}

}  // namespace dynamosql

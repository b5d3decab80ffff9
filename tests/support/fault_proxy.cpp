// The fault-injecting proxy; see fault_proxy.h.
#include "support/fault_proxy.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "support/http_wire.h"
#include "support/test_env.h"

namespace dynamosql::testing {
namespace {

size_t collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// POSTs `body` upstream with the request's own headers (DynamoDB Local does not check signatures, so
// a shortened BatchWriteItem body is accepted). Returns the HTTP status and fills `response`.
long forward(CURL* curl, const std::string& upstream, const std::string& headers, const std::string& body, std::string& response) {
  curl_slist* list = nullptr;
  size_t pos = headers.find("\r\n");
  while (pos != std::string::npos) {
    size_t end = headers.find("\r\n", pos + 2);
    std::string line = headers.substr(pos + 2, end == std::string::npos ? std::string::npos : end - pos - 2);
    std::string lower = line;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!line.empty() && lower.rfind("host:", 0) != 0 && lower.rfind("content-length:", 0) != 0 &&
        lower.rfind("connection:", 0) != 0 && lower.rfind("expect:", 0) != 0)
      list = curl_slist_append(list, line.c_str());
    pos = end;
  }
  list = curl_slist_append(list, "Expect:");
  response.clear();
  curl_easy_setopt(curl, CURLOPT_URL, (upstream + "/").c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(list);
  long status = 0;
  if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

std::string to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  v.Accept(w);
  return sb.GetString();
}

}  // namespace

FaultProxy::FaultProxy(std::string upstream, FaultRates rates, unsigned seed)
    : upstream_(std::move(upstream)), rates_(rates), rng_(seed) {
  listen_fd_ = listen_on_loopback(port_);
  thread_ = std::thread([this] { serve(); });
}

FaultProxy::~FaultProxy() {
  stop_ = true;
  thread_.join();
  for (auto& t : connections_) t.join();
  close(listen_fd_);
}

std::map<std::string, int> FaultProxy::counts() {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

void FaultProxy::count(const std::string& what) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_[what];
}

void FaultProxy::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    connections_.emplace_back([this, fd] { handle_connection(fd); });
  }
}

void FaultProxy::deny_table(const std::string& table) {
  std::lock_guard<std::mutex> lock(mutex_);
  denied_table_ = table;
}

std::string FaultProxy::choose(const std::string& operation, const std::string& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (outage_) return "outage";
  if (!denied_table_.empty() && body.find("\"" + denied_table_ + "\"") != std::string::npos) return "deny";
  // Table management is left alone so tests can set up and compare.
  if (operation == "DescribeTable" || operation == "CreateTable" || operation == "DeleteTable" || operation == "ListTables")
    return "forward";
  double x = std::uniform_real_distribution<double>(0, 1)(rng_);
  for (const auto& [name, rate] : {std::pair<const char*, double>{"throttle", rates_.throttle}, {"error_before", rates_.error_before},
                                   {"error_after", rates_.error_after}, {"drop_before", rates_.drop_before},
                                   {"drop_after", rates_.drop_after}}) {
    if (x < rate) {
      bool throttled_before = name == std::string("throttle") && rates_.throttle_each_request_once &&
                              !throttled_bodies_.insert(std::hash<std::string>{}(body)).second;
      return throttled_before ? "forward" : name;
    }
    x -= rate;
  }
  if (operation == "BatchWriteItem" && x < rates_.partial) return "partial";
  return "forward";
}

void FaultProxy::handle_connection(int fd) {
  CURL* curl = curl_easy_init();
  std::string headers, body, response;
  while (!stop_ && read_http_request(fd, stop_, headers, body)) {
    std::string target = header_value(headers, "x-amz-target");
    std::string operation = target.substr(target.find('.') + 1);
    std::string fault = choose(operation, body);
    count(fault);
    if (fault == "outage" || fault == "drop_before") break;
    if (fault == "throttle") {
      send_http_response(fd, 400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"injected throttle"})");
      continue;
    }
    if (fault == "deny") {
      send_http_response(fd, 400, R"({"__type":"com.amazon.coral.service#AccessDeniedException","message":"injected: not authorized"})");
      continue;
    }
    if (fault == "error_before") {
      send_http_response(fd, 500, R"({"__type":"com.amazon.coral.service#InternalServerError","message":"injected error"})");
      continue;
    }
    std::string held_back;  // "partial": the items not forwarded, as an UnprocessedItems object
    if (fault == "partial") {
      rapidjson::Document request;
      request.Parse(body.c_str());
      rapidjson::Document unprocessed;
      unprocessed.SetObject();
      auto& a = unprocessed.GetAllocator();
      for (auto& table : request["RequestItems"].GetObject()) {
        auto& items = table.value;
        rapidjson::SizeType keep = items.Size() / 2;
        if (items.Size() < 2) continue;
        rapidjson::Value rest(rapidjson::kArrayType);
        for (rapidjson::SizeType i = keep; i < items.Size(); ++i) rest.PushBack(rapidjson::Value(items[i], a), a);
        while (items.Size() > keep) items.PopBack();
        unprocessed.AddMember(rapidjson::Value(table.name, a), rest, a);
      }
      body = to_text(request);
      held_back = to_text(unprocessed);
    }
    long status = forward(curl, upstream_, headers, body, response);
    if (status == 0) break;  // upstream unreachable: look like a dropped connection
    if (fault == "drop_after") break;
    if (fault == "error_after") {
      send_http_response(fd, 500, R"({"__type":"com.amazon.coral.service#InternalServerError","message":"injected error after applying"})");
      continue;
    }
    if (fault == "partial" && status == 200 && held_back != "{}") {
      rapidjson::Document doc;
      doc.Parse(response.c_str());
      auto& a = doc.GetAllocator();
      rapidjson::Document extra;
      extra.Parse(held_back.c_str());
      if (!doc.HasMember("UnprocessedItems")) doc.AddMember("UnprocessedItems", rapidjson::Value(rapidjson::kObjectType), a);
      auto& u = doc["UnprocessedItems"];
      for (auto& table : extra.GetObject()) {
        if (!u.HasMember(table.name.GetString()))
          u.AddMember(rapidjson::Value(table.name, a), rapidjson::Value(rapidjson::kArrayType), a);
        for (auto& item : table.value.GetArray()) u[table.name.GetString()].PushBack(rapidjson::Value(item, a), a);
      }
      response = to_text(doc);
    }
    if (status == 200 && --outage_countdown_ == 0) outage_ = true;
    send_http_response(fd, static_cast<int>(status), response);
  }
  curl_easy_cleanup(curl);
  close(fd);
}

FaultRates heavy_faults() {
  FaultRates r;
  r.throttle = 0.06;
  r.error_before = 0.03;
  r.error_after = 0.03;
  r.drop_before = 0.03;
  r.drop_after = 0.03;
  r.partial = 0.25;
  return r;
}

SessionSettings through(const FaultProxy& proxy, bool give_up_soon) {
  SessionSettings s = local_session_settings();
  s.aws.endpoint = proxy.endpoint();
  if (give_up_soon) {
    s.client.retry.max_attempts = 3;
    s.client.retry.cap = std::chrono::milliseconds(50);
  }
  return s;
}

}  // namespace dynamosql::testing

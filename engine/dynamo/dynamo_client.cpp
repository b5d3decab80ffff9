// The call path shared by every operation: sign, send, verify CRC32, classify errors, retry.
#include "dynamo/dynamo_client.h"

#include <zlib.h>

#include <random>
#include <thread>

#include "dynamo/aws_error.h"

namespace dynamosql {
namespace {

std::string host_of(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::chrono::milliseconds backoff(const RetryPolicy& policy, int attempt) {
  // Full jitter: uniform in [0, min(cap, base * 2^attempt)].
  thread_local std::mt19937_64 rng{std::random_device{}()};
  int64_t ceiling = policy.base.count() << std::min(attempt, 20);
  ceiling = std::min<int64_t>(ceiling, policy.cap.count());
  std::uniform_int_distribution<int64_t> dist(0, std::max<int64_t>(ceiling, 1));
  return std::chrono::milliseconds(dist(rng));
}

// The short name of an AWS error: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" ->
// "ResourceNotFoundException".
std::string short_type(const std::string& type) {
  auto hash = type.rfind('#');
  return hash == std::string::npos ? type : type.substr(hash + 1);
}

// The error a response that is not a success stands for, and whether to retry it. A 200 whose body
// could not be read is an InvalidResponse, retried as a 500.
Error error_of(const HttpResponse& response, RetryClass& retry) {
  rapidjson::Document doc;
  std::string type, message;
  if (response.status != 200) doc.Parse(response.body.c_str(), response.body.size());
  if (response.status != 200 && !doc.HasParseError() && doc.IsObject()) {
    auto t = doc.FindMember("__type");
    if (t != doc.MemberEnd() && t->value.IsString()) type = short_type(t->value.GetString());
    for (const char* key : {"message", "Message"}) {
      auto m = doc.FindMember(key);
      if (m != doc.MemberEnd() && m->value.IsString()) message = m->value.GetString();
    }
  } else if (response.status == 200) {
    type = "InvalidResponse";
    message = "response is not a JSON object";
  }
  retry = classify_aws_error(type, response.status == 200 ? 500 : response.status).retry;
  Error failure = make_aws_error(type, message, response.status);
  if (type == "TransactionCanceledException") {
    std::vector<std::string> details;
    auto reasons = doc.FindMember("CancellationReasons");
    if (reasons != doc.MemberEnd() && reasons->value.IsArray()) {
      int i = 0;
      for (const auto& r : reasons->value.GetArray()) {
        ++i;
        std::string code = r.HasMember("Code") && r["Code"].IsString() ? r["Code"].GetString() : "";
        if (code.empty() || code == "None") continue;
        std::string msg = r.HasMember("Message") && r["Message"].IsString() ? r["Message"].GetString() : "";
        details.push_back("action " + std::to_string(i) + ": " + code + (msg.empty() ? "" : ": " + msg));
      }
    }
    failure.with_details(std::move(details));
  }
  return failure;
}

}  // namespace

DynamoClient::DynamoClient(ResolvedAws aws, ClientOptions options)
    : aws_(std::move(aws)), options_(options), http_(options.timeouts) {}

HttpRequest DynamoClient::build_request(Api api, const char* operation, const std::string& body) {
  const std::string& url = api == Api::DynamoDB ? aws_.endpoint : aws_.streams_endpoint;
  std::string target = std::string(api == Api::DynamoDB ? "DynamoDB_20120810." : "DynamoDBStreams_20120810.") + operation;
  Credentials credentials = aws_.credentials->get();
  SigningScope scope{aws_.region, "dynamodb", amz_date_now()};

  HttpRequest request;
  request.url = url + "/";
  request.body = body;
  request.headers = {{"host", host_of(url)},
                     {"content-type", "application/x-amz-json-1.0"},
                     {"x-amz-date", scope.amz_date},
                     {"x-amz-target", target}};
  if (!credentials.session_token.empty()) request.headers.emplace_back("x-amz-security-token", credentials.session_token);
  SignableRequest signable{"POST", "/", "", request.headers, request.body};
  request.headers.emplace_back("authorization", authorization_header(signable, credentials, scope));
  request.headers.emplace_back("user-agent", "dynamosql/0.1");
  return request;
}

rapidjson::Document DynamoClient::call(Api api, const char* operation, const std::string& body) {
  rapidjson::Document doc;
  call(api, operation, body, [&doc](std::string& response) {
    doc.Parse(response.c_str(), response.size());
    return !doc.HasParseError() && doc.IsObject();
  });
  return doc;
}

void DynamoClient::call(Api api, const char* operation, const std::string& body, const ResponseReader& read,
                        CallPacer* pacer) {
  const RetryPolicy& policy = options_.retry;
  bool ambiguous = false;  // an earlier attempt may have been applied
  std::string previous_answer;
  int identical_answers = 0;  // how many times in a row the same error answer came
  for (int attempt = 0;; ++attempt) {
    bool last = attempt + 1 >= policy.max_attempts;
    std::optional<Error> failure;
    RetryClass retry = RetryClass::Never;
    counters_.requests++;
    // Each thread receives into the buffer of its previous response (see HttpClient::post).
    thread_local std::string spare;
    HttpResponse response;
    if (pacer) pacer->before_attempt();
    try {
      response = http_.post(build_request(api, operation, body), std::move(spare));
    } catch (const TransportError& e) {
      // No answer: connection refused or dropped, timeouts, a certificate that does not verify.
      failure = e;
      retry = classify_transport_failure(e.curl_code(), answered_);
    }
    if (!failure) {
      answered_ = true;
      if (response.reconnected) ambiguous = true;  // libcurl may have sent it twice
      // x-amz-crc32 is over the body exactly as received.
      if (const std::string* crc = response.header("x-amz-crc32")) {
        uLong actual = crc32(0L, reinterpret_cast<const Bytef*>(response.body.data()),
                             static_cast<uInt>(response.body.size()));
        if (std::to_string(actual) != *crc) {
          failure = Error(sqlstate::kCommunicationFailure,
                          std::string(operation) + ": response failed its CRC32 check (x-amz-crc32 " + *crc +
                              ", computed " + std::to_string(actual) + ")",
                          "CRC32CheckFailed");
          retry = RetryClass::Transient;
        }
      }
      if (!failure) {
        bool ok = response.status == 200 && read(response.body);
        if (!ok) failure = error_of(response, retry);
        if (pacer) pacer->after_attempt(retry == RetryClass::Throttling);
        if (ok) {
          spare = std::move(response.body);
          return;
        }
      }
    }
    if (retry == RetryClass::Never) {
      if (ambiguous) failure->after_ambiguous_attempt();
      throw *failure;
    }
    std::string answer = failure->aws_type() + ": " + failure->what();
    identical_answers = answer == previous_answer ? identical_answers + 1 : 1;
    previous_answer = answer;
    bool repeated = retry == RetryClass::UntilRepeated && identical_answers >= kIdenticalAnswerLimit;
    // Throttling means the request was refused and NotSent that it never left; a transport failure or
    // a 5xx leaves it unknown.
    if (retry != RetryClass::Throttling && retry != RetryClass::NotSent) ambiguous = true;
    if (retry == RetryClass::Throttling) counters_.throttles++;
    if (last || repeated) {
      Error out(failure->sqlstate(),
                std::string(failure->what()) + (repeated ? " (the same answer " + std::to_string(identical_answers) + " times in a row)"
                                                         : " (gave up after " + std::to_string(attempt + 1) + " attempts)"),
                failure->aws_type());
      if (ambiguous) out.after_ambiguous_attempt();
      throw out;
    }
    counters_.retries++;
    std::this_thread::sleep_for(backoff(policy, attempt));
  }
}

}  // namespace dynamosql

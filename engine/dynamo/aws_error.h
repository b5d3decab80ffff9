// The mapping from AWS error names to SQLSTATEs, in one table, and the retry classification: which
// answers and which failures to get an answer are worth sending the request again for. A failure that
// repeats identically is not retried ten times.
#pragma once

#include <string>

#include "dynamosql/error.h"

namespace dynamosql {

enum class RetryClass {
  Never,          // the same request fails the same way again
  Throttling,     // refused for now: retried with backoff, known not to be applied
  Transient,      // may pass next time (and may have been applied)
  UntilRepeated,  // retried, but not once the same answer came kIdenticalAnswerLimit times in a row
};

// DynamoDB Local answers some invalid requests with HTTP 500 InternalFailure, the same every time.
inline constexpr int kIdenticalAnswerLimit = 3;

struct AwsErrorInfo {
  const char* sqlstate;
  RetryClass retry;
};

// `type` is the short AWS error name ("ValidationException"); unknown names map to HY000 and are
// retried only for HTTP 5xx.
AwsErrorInfo classify_aws_error(const std::string& type, long http_status);

// A request that got no HTTP answer, by libcurl's code: Never for what repeats identically (a TLS
// certificate that does not verify, a host name that does not resolve, a malformed URL, an unsupported
// protocol), Transient otherwise (refused, dropped or reset connections, timeouts).
RetryClass classify_transport_failure(int curl_code);

// Builds the Error for an AWS error response: SQLSTATE from the table, the AWS name, and its message.
Error make_aws_error(const std::string& type, const std::string& message, long http_status);

}  // namespace dynamosql

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
  NotSent,        // nothing reached the server (a host name that did not resolve): retried, known not applied
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
// certificate that does not verify, a malformed URL, an unsupported protocol), Transient otherwise
// (refused, dropped or reset connections, timeouts). A host name that does not resolve is Never until
// the endpoint has answered once (a mistyped host fails at once) and NotSent after (a resolver that
// fails for a moment an hour into a load must not stop it half-applied).
RetryClass classify_transport_failure(int curl_code, bool endpoint_answered_before);

// Builds the Error for an AWS error response: SQLSTATE from the table, the AWS name, and its message.
Error make_aws_error(const std::string& type, const std::string& message, long http_status);

}  // namespace dynamosql

// The mapping from AWS error names to SQLSTATEs, in one table, and the retry classification.
#pragma once

#include <string>

#include "dynamosql/error.h"

namespace dynamosql {

enum class RetryClass { Never, Throttling, Transient };

struct AwsErrorInfo {
  const char* sqlstate;
  RetryClass retry;
};

// `type` is the short AWS error name ("ValidationException"); unknown names map to HY000 and are
// retried only for HTTP 5xx.
AwsErrorInfo classify_aws_error(const std::string& type, long http_status);

// Builds the Error for an AWS error response: SQLSTATE from the table, the AWS name, and its message.
Error make_aws_error(const std::string& type, const std::string& message, long http_status);

}  // namespace dynamosql

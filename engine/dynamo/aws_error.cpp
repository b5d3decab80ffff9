// AWS error name -> SQLSTATE and retry class, and transport failures -> retry class. Reviewable in one
// place, like psqlODBC's table.
#include "dynamo/aws_error.h"

#include <curl/curl.h>

#include <cstring>

namespace dynamosql {
namespace {

struct Entry {
  const char* type;
  AwsErrorInfo info;
};

constexpr Entry kErrors[] = {
    {"ConditionalCheckFailedException", {sqlstate::kIntegrityViolation, RetryClass::Never}},
    {"ValidationException", {sqlstate::kInvalidParameter, RetryClass::Never}},
    {"SerializationException", {sqlstate::kInvalidParameter, RetryClass::Never}},
    {"ResourceNotFoundException", {sqlstate::kTableNotFound, RetryClass::Never}},
    {"ResourceInUseException", {sqlstate::kTableExists, RetryClass::Never}},
    {"TransactionCanceledException", {sqlstate::kSerializationFailure, RetryClass::Never}},
    {"TransactionConflictException", {sqlstate::kSerializationFailure, RetryClass::Never}},
    {"TransactionInProgressException", {sqlstate::kSerializationFailure, RetryClass::Never}},
    {"IdempotentParameterMismatchException", {sqlstate::kInvalidParameter, RetryClass::Never}},
    {"ItemCollectionSizeLimitExceededException", {sqlstate::kLimitExceeded, RetryClass::Never}},
    {"LimitExceededException", {sqlstate::kLimitExceeded, RetryClass::Never}},
    {"UnrecognizedClientException", {sqlstate::kInvalidAuthorization, RetryClass::Never}},
    {"InvalidSignatureException", {sqlstate::kInvalidAuthorization, RetryClass::Never}},
    {"MissingAuthenticationTokenException", {sqlstate::kInvalidAuthorization, RetryClass::Never}},
    {"IncompleteSignatureException", {sqlstate::kInvalidAuthorization, RetryClass::Never}},
    {"ExpiredTokenException", {sqlstate::kInvalidAuthorization, RetryClass::Never}},
    {"AccessDeniedException", {sqlstate::kSyntax, RetryClass::Never}},
    {"ProvisionedThroughputExceededException", {sqlstate::kGeneral, RetryClass::Throttling}},
    {"ThrottlingException", {sqlstate::kGeneral, RetryClass::Throttling}},
    {"RequestLimitExceeded", {sqlstate::kGeneral, RetryClass::Throttling}},
    {"InternalServerError", {sqlstate::kGeneral, RetryClass::Transient}},
    {"ServiceUnavailable", {sqlstate::kGeneral, RetryClass::Transient}},
    {"InternalFailure", {sqlstate::kGeneral, RetryClass::UntilRepeated}},
    {"ExpiredIteratorException", {sqlstate::kGeneral, RetryClass::Never}},
    {"TrimmedDataAccessException", {sqlstate::kDataException, RetryClass::Never}},
};

}  // namespace

AwsErrorInfo classify_aws_error(const std::string& type, long http_status) {
  for (const auto& e : kErrors)
    if (type == e.type) return e.info;
  if (http_status >= 500) return {sqlstate::kGeneral, RetryClass::Transient};
  return {sqlstate::kGeneral, RetryClass::Never};
}

RetryClass classify_transport_failure(int curl_code, bool endpoint_answered_before) {
  switch (static_cast<CURLcode>(curl_code)) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return endpoint_answered_before ? RetryClass::NotSent : RetryClass::Never;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return RetryClass::Never;
    default:
      return RetryClass::Transient;
  }
}

Error make_aws_error(const std::string& type, const std::string& message, long http_status) {
  std::string text = type.empty() ? "DynamoDB returned HTTP " + std::to_string(http_status) : type;
  if (!message.empty()) text += ": " + message;
  return Error(classify_aws_error(type, http_status).sqlstate, text, type);
}

}  // namespace dynamosql

// The one error type of dynamosql. Every failure that ends a statement or a call is an Error carrying
// an SQLSTATE (the five-character code ODBC and the console show), a message, and where it came from:
// the AWS error name (`__type`, e.g. "ConditionalCheckFailedException") for DynamoDB failures, and a
// 1-based line:column for parse and bind errors. Messages never contain secrets.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace dynamosql {

// SQLSTATEs used across the engine, named so call sites read as intent.
namespace sqlstate {
inline constexpr const char* kGeneral = "HY000";
inline constexpr const char* kSyntax = "42000";
inline constexpr const char* kGrouping = "42803";  // PostgreSQL's grouping_error: GROUPING of what is not grouped
inline constexpr const char* kTableNotFound = "42S02";
inline constexpr const char* kTableExists = "42S01";
inline constexpr const char* kColumnNotFound = "42S22";
inline constexpr const char* kAmbiguousColumn = "42702";  // a GROUP BY name two select items carry; a column two joins merged
inline constexpr const char* kInvalidParameter = "22023";
inline constexpr const char* kInvalidCharacterValue = "22018";
inline constexpr const char* kNumericOutOfRange = "22003";
inline constexpr const char* kDivisionByZero = "22012";
inline constexpr const char* kDatatypeMismatch = "42804";
inline constexpr const char* kInvalidRecursion = "42P19";  // a WITH RECURSIVE query's self-reference out of place
inline constexpr const char* kDataException = "22000";
inline constexpr const char* kIntegrityViolation = "23000";
inline constexpr const char* kInvalidAuthorization = "28000";
inline constexpr const char* kUnableToConnect = "08001";
inline constexpr const char* kCommunicationFailure = "08S01";
inline constexpr const char* kTimeout = "HYT00";
inline constexpr const char* kSerializationFailure = "40001";
inline constexpr const char* kLimitExceeded = "54000";
inline constexpr const char* kStatementTooComplex = "54001";  // a WITH RECURSIVE query past max_recursion
inline constexpr const char* kConfigurationLimitExceeded = "53400";  // a statement over max_read_units
inline constexpr const char* kOutOfMemory = "53200";  // a statement holding more rows than work_memory_mb
inline constexpr const char* kFeatureNotSupported = "0A000";
inline constexpr const char* kOperationCanceled = "HY008";
inline constexpr const char* kFunctionSequence = "HY010";
}  // namespace sqlstate

class Error : public std::runtime_error {
 public:
  Error(std::string state, const std::string& message, std::string aws_type = {})
      : std::runtime_error(message), sqlstate_(std::move(state)), aws_type_(std::move(aws_type)) {}

  Error& at(int line, int column) {
    line_ = line;
    column_ = column;
    return *this;
  }
  Error& with_details(std::vector<std::string> details) {
    details_ = std::move(details);
    return *this;
  }

  const std::string& sqlstate() const { return sqlstate_; }
  // The AWS error name (`__type` without its namespace), empty for errors raised by the engine.
  const std::string& aws_type() const { return aws_type_; }
  int line() const { return line_; }      // 0 when there is no position
  int column() const { return column_; }  // 1-based
  // Extra lines, e.g. one per action of a cancelled transaction.
  const std::vector<std::string>& details() const { return details_; }

  // The call was sent more than once and an earlier attempt ended without an answer (a dropped
  // connection, a 5xx): that attempt may have been applied. A ConditionalCheckFailed after such an
  // attempt may be the write's own earlier success.
  Error& after_ambiguous_attempt() {
    after_ambiguous_attempt_ = true;
    return *this;
  }
  bool follows_ambiguous_attempt() const { return after_ambiguous_attempt_; }

  // "ERROR 42S22: column "nope" not found (1:8)"
  std::string describe() const;

 private:
  std::string sqlstate_;
  std::string aws_type_;
  int line_ = 0;
  int column_ = 0;
  bool after_ambiguous_attempt_ = false;
  std::vector<std::string> details_;
};

}  // namespace dynamosql

// SQL type names and the DynamoDB -> SQL type mapping.
#include "dynamosql/sql_type.h"

namespace dynamosql {

const char* sql_type_name(SqlType type) {
  switch (type) {
    case SqlType::Varchar: return "VARCHAR";
    case SqlType::Decimal: return "DECIMAL";
    case SqlType::Bigint: return "BIGINT";
    case SqlType::Boolean: return "BOOLEAN";
    case SqlType::Varbinary: return "VARBINARY";
    case SqlType::Json: return "JSON";
    case SqlType::Timestamp: return "TIMESTAMP";
    case SqlType::Date: return "DATE";
    case SqlType::Time: return "TIME";
    case SqlType::Interval: return "INTERVAL";
  }
  return "VARCHAR";
}

bool is_numeric(SqlType type) { return type == SqlType::Decimal || type == SqlType::Bigint; }

bool is_datetime(SqlType type) {
  return type == SqlType::Timestamp || type == SqlType::Date || type == SqlType::Time || type == SqlType::Interval;
}

SqlType sql_type_of(ValueType type) {
  switch (type) {
    case ValueType::String: return SqlType::Varchar;
    case ValueType::Number: return SqlType::Decimal;
    case ValueType::Bool: return SqlType::Boolean;
    case ValueType::Binary: return SqlType::Varbinary;
    case ValueType::Missing:
    case ValueType::Null: return SqlType::Varchar;
    default: return SqlType::Json;
  }
}

}  // namespace dynamosql

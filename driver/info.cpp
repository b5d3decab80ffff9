// SQLGetInfo, SQLGetFunctions and SQLGetTypeInfo; see info.h.
#include "info.h"

#include <cstring>

#include "handles.h"

namespace dynamosql::odbc {
namespace {

constexpr const char* kDriverVersion = "00.01.0000";

// Every ODBC function the driver exports (ANSI and wide forms count as one).
constexpr SQLUSMALLINT kSupported[] = {
    SQL_API_SQLALLOCHANDLE,     SQL_API_SQLFREEHANDLE,      SQL_API_SQLSETENVATTR,      SQL_API_SQLGETENVATTR,
    SQL_API_SQLCONNECT,         SQL_API_SQLDRIVERCONNECT,   SQL_API_SQLDISCONNECT,      SQL_API_SQLSETCONNECTATTR,
    SQL_API_SQLGETCONNECTATTR,  SQL_API_SQLGETINFO,         SQL_API_SQLGETFUNCTIONS,    SQL_API_SQLGETTYPEINFO,
    SQL_API_SQLALLOCSTMT,       SQL_API_SQLFREESTMT,        SQL_API_SQLSETSTMTATTR,     SQL_API_SQLGETSTMTATTR,
    SQL_API_SQLPREPARE,         SQL_API_SQLEXECUTE,         SQL_API_SQLEXECDIRECT,      SQL_API_SQLNATIVESQL,
    SQL_API_SQLBINDPARAMETER,   SQL_API_SQLNUMPARAMS,       SQL_API_SQLDESCRIBEPARAM,   SQL_API_SQLPARAMDATA,
    SQL_API_SQLPUTDATA,         SQL_API_SQLNUMRESULTCOLS,   SQL_API_SQLDESCRIBECOL,     SQL_API_SQLCOLATTRIBUTE,
    SQL_API_SQLBINDCOL,         SQL_API_SQLFETCH,           SQL_API_SQLFETCHSCROLL,     SQL_API_SQLGETDATA,
    SQL_API_SQLEXTENDEDFETCH,
    SQL_API_SQLROWCOUNT,        SQL_API_SQLMORERESULTS,     SQL_API_SQLCLOSECURSOR,     SQL_API_SQLCANCEL,
    SQL_API_SQLENDTRAN,         SQL_API_SQLGETDIAGREC,      SQL_API_SQLGETDIAGFIELD,    SQL_API_SQLERROR,
    SQL_API_SQLTABLES,          SQL_API_SQLCOLUMNS,         SQL_API_SQLPRIMARYKEYS,     SQL_API_SQLSTATISTICS,
    SQL_API_SQLSPECIALCOLUMNS,  SQL_API_SQLFOREIGNKEYS,     SQL_API_SQLPROCEDURES,      SQL_API_SQLPROCEDURECOLUMNS,
    SQL_API_SQLTABLEPRIVILEGES, SQL_API_SQLCOLUMNPRIVILEGES, SQL_API_SQLGETCURSORNAME,  SQL_API_SQLSETCURSORNAME,
};

// The scalar functions the engine evaluates, as ODBC bitmasks.
constexpr SQLUINTEGER kStringFunctions = SQL_FN_STR_CONCAT | SQL_FN_STR_LCASE | SQL_FN_STR_LEFT | SQL_FN_STR_LENGTH |
                                         SQL_FN_STR_LTRIM | SQL_FN_STR_REPLACE | SQL_FN_STR_RIGHT | SQL_FN_STR_RTRIM |
                                         SQL_FN_STR_SUBSTRING | SQL_FN_STR_UCASE | SQL_FN_STR_CHAR_LENGTH |
                                         SQL_FN_STR_CHARACTER_LENGTH;
// The date functions of function/datetime_functions.cpp ({fn YEAR(x)} reaches the engine as YEAR(x)).
constexpr SQLUINTEGER kTimeDateFunctions =
    SQL_FN_TD_CURRENT_DATE | SQL_FN_TD_CURRENT_TIME | SQL_FN_TD_CURRENT_TIMESTAMP | SQL_FN_TD_CURDATE |
    SQL_FN_TD_CURTIME | SQL_FN_TD_NOW | SQL_FN_TD_EXTRACT | SQL_FN_TD_YEAR | SQL_FN_TD_QUARTER | SQL_FN_TD_MONTH |
    SQL_FN_TD_WEEK | SQL_FN_TD_DAYOFYEAR | SQL_FN_TD_DAYOFMONTH | SQL_FN_TD_DAYOFWEEK | SQL_FN_TD_HOUR |
    SQL_FN_TD_MINUTE | SQL_FN_TD_SECOND | SQL_FN_TD_MONTHNAME | SQL_FN_TD_DAYNAME | SQL_FN_TD_TIMESTAMPADD |
    SQL_FN_TD_TIMESTAMPDIFF;
// TIMESTAMPADD's and TIMESTAMPDIFF's SQL_TSI_* units.
constexpr SQLUINTEGER kTimeDateIntervals = SQL_FN_TSI_FRAC_SECOND | SQL_FN_TSI_SECOND | SQL_FN_TSI_MINUTE |
                                           SQL_FN_TSI_HOUR | SQL_FN_TSI_DAY | SQL_FN_TSI_WEEK | SQL_FN_TSI_MONTH |
                                           SQL_FN_TSI_QUARTER | SQL_FN_TSI_YEAR;
constexpr SQLUINTEGER kNumericFunctions =
    SQL_FN_NUM_ABS | SQL_FN_NUM_CEILING | SQL_FN_NUM_FLOOR | SQL_FN_NUM_MOD | SQL_FN_NUM_ROUND | SQL_FN_NUM_TRUNCATE;

InfoValue text(const char* s) { return std::string(s); }
InfoValue u16(SQLUSMALLINT v) { return v; }
InfoValue u32(SQLUINTEGER v) { return v; }

}  // namespace

InfoValue get_info(Connection& dbc, SQLUSMALLINT info_type) {
  switch (info_type) {
    // Driver and data source.
    case SQL_DRIVER_NAME: return text("libdynamosqlodbc.so");
    case SQL_DRIVER_VER: return text(kDriverVersion);
    case SQL_DRIVER_ODBC_VER: return text("03.80");
    case SQL_ODBC_VER: return text("03.80.0000");
    case SQL_DBMS_NAME: return text("DynamoDB");
    case SQL_DBMS_VER: return text("2012.08.10");  // the DynamoDB API version the driver speaks
    case SQL_SERVER_NAME: return dbc.connected() ? text("dynamodb") : text("");
    case SQL_DATA_SOURCE_NAME: return dbc.dsn;
    case SQL_DATABASE_NAME: return text("");
    case SQL_USER_NAME: return text("");
    case SQL_DATA_SOURCE_READ_ONLY: return text(dbc.access_mode == SQL_MODE_READ_ONLY ? "Y" : "N");
    case SQL_ACCESSIBLE_TABLES: return text("Y");
    case SQL_ACCESSIBLE_PROCEDURES: return text("N");
    case SQL_ODBC_INTERFACE_CONFORMANCE: return u32(SQL_OIC_CORE);
    case SQL_SQL_CONFORMANCE: return u32(SQL_SC_SQL92_ENTRY);
    case SQL_ODBC_SQL_CONFORMANCE: return u16(SQL_OSC_MINIMUM);
    case SQL_ODBC_API_CONFORMANCE: return u16(SQL_OAC_LEVEL1);
    case SQL_ODBC_SAG_CLI_CONFORMANCE: return u16(SQL_OSCC_COMPLIANT);
    case SQL_STANDARD_CLI_CONFORMANCE: return u32(SQL_SCC_ISO92_CLI);
    case SQL_DRIVER_HDBC: case SQL_DRIVER_HENV: case SQL_DRIVER_HSTMT: case SQL_DRIVER_HLIB: case SQL_DRIVER_HDESC:
      return SQLULEN{0};
    case SQL_ASYNC_MODE: return u32(SQL_AM_NONE);
    case SQL_ASYNC_DBC_FUNCTIONS: return u32(SQL_ASYNC_DBC_NOT_CAPABLE);
    case SQL_MAX_ASYNC_CONCURRENT_STATEMENTS: return u32(0);
    case SQL_MAX_DRIVER_CONNECTIONS: return u16(0);
    case SQL_MAX_CONCURRENT_ACTIVITIES: return u16(0);
    case SQL_FILE_USAGE: return u16(SQL_FILE_NOT_SUPPORTED);
    case SQL_DM_VER: return text("");
    case SQL_PARAM_ARRAY_ROW_COUNTS: return u32(SQL_PARC_BATCH);
    case SQL_PARAM_ARRAY_SELECTS: return u32(SQL_PAS_NO_SELECT);
    case SQL_BATCH_ROW_COUNT: return u32(0);
    case SQL_BATCH_SUPPORT: return u32(0);
    case SQL_DESCRIBE_PARAMETER: return text("Y");
    case SQL_NEED_LONG_DATA_LEN: return text("N");
    case SQL_MULT_RESULT_SETS: return text("N");
    case SQL_MULTIPLE_ACTIVE_TXN: return text("Y");
    case SQL_ROW_UPDATES: return text("N");
    case SQL_PROCEDURES: return text("N");
    case SQL_EXPRESSIONS_IN_ORDERBY: return text("Y");
    case SQL_ORDER_BY_COLUMNS_IN_SELECT: return text("N");
    case SQL_COLUMN_ALIAS: return text("Y");
    case SQL_LIKE_ESCAPE_CLAUSE: return text("Y");
    case SQL_OUTER_JOINS: return text("Y");
    case SQL_OJ_CAPABILITIES: return u32(SQL_OJ_LEFT | SQL_OJ_NOT_ORDERED | SQL_OJ_ALL_COMPARISON_OPS);
    case SQL_INTEGRITY: return text("N");
    case SQL_MAX_ROW_SIZE_INCLUDES_LONG: return text("Y");
    case SQL_NULL_COLLATION: return u16(SQL_NC_LOW);  // NULL sorts first ascending
    case SQL_CONCAT_NULL_BEHAVIOR: return u16(SQL_CB_NULL);
    case SQL_CORRELATION_NAME: return u16(SQL_CN_ANY);
    case SQL_NON_NULLABLE_COLUMNS: return u16(SQL_NNC_NULL);
    case SQL_GROUP_BY: return u16(SQL_GB_GROUP_BY_CONTAINS_SELECT);
    case SQL_QUOTED_IDENTIFIER_CASE: return u16(SQL_IC_SENSITIVE);
    case SQL_IDENTIFIER_CASE: return u16(SQL_IC_SENSITIVE);
    case SQL_IDENTIFIER_QUOTE_CHAR: return text("\"");
    case SQL_SEARCH_PATTERN_ESCAPE: return text("\\");
    case SQL_SPECIAL_CHARACTERS: return text("-.");
    case SQL_CATALOG_NAME_SEPARATOR: return text(".");
    case SQL_CATALOG_TERM: return text("");
    case SQL_CATALOG_NAME: return text("N");
    case SQL_CATALOG_LOCATION: return u16(0);
    case SQL_CATALOG_USAGE: return u32(0);
    case SQL_SCHEMA_TERM: return text("schema");
    case SQL_SCHEMA_USAGE: return u32(SQL_SU_DML_STATEMENTS | SQL_SU_TABLE_DEFINITION);
    case SQL_TABLE_TERM: return text("table");
    case SQL_PROCEDURE_TERM: return text("");
    case SQL_KEYWORDS:
      return text("BEGIN,COMMIT,DESCRIBE,EXPLAIN,MISSING,REMOVE,ROLLBACK,SHOW,TABLES,UPSERT,begins_with,contains,"
                  "size,attribute_exists,attribute_not_exists,attribute_type");
    // SQL support.
    case SQL_STRING_FUNCTIONS: return u32(kStringFunctions);
    case SQL_NUMERIC_FUNCTIONS: return u32(kNumericFunctions);
    case SQL_SYSTEM_FUNCTIONS: return u32(SQL_FN_SYS_IFNULL);
    case SQL_TIMEDATE_FUNCTIONS: return u32(kTimeDateFunctions);
    case SQL_TIMEDATE_ADD_INTERVALS: case SQL_TIMEDATE_DIFF_INTERVALS: return u32(kTimeDateIntervals);
    case SQL_CONVERT_FUNCTIONS: return u32(SQL_FN_CVT_CAST | SQL_FN_CVT_CONVERT);
    case SQL_CONVERT_BIGINT: case SQL_CONVERT_BINARY: case SQL_CONVERT_BIT: case SQL_CONVERT_CHAR:
    case SQL_CONVERT_DATE: case SQL_CONVERT_DECIMAL: case SQL_CONVERT_DOUBLE: case SQL_CONVERT_FLOAT:
    case SQL_CONVERT_INTEGER: case SQL_CONVERT_LONGVARBINARY: case SQL_CONVERT_LONGVARCHAR: case SQL_CONVERT_NUMERIC:
    case SQL_CONVERT_REAL: case SQL_CONVERT_SMALLINT: case SQL_CONVERT_TIME: case SQL_CONVERT_TIMESTAMP:
    case SQL_CONVERT_TINYINT: case SQL_CONVERT_VARBINARY: case SQL_CONVERT_VARCHAR: case SQL_CONVERT_WCHAR:
    case SQL_CONVERT_WLONGVARCHAR: case SQL_CONVERT_WVARCHAR: case SQL_CONVERT_GUID:
    case SQL_CONVERT_INTERVAL_DAY_TIME: case SQL_CONVERT_INTERVAL_YEAR_MONTH:
      return u32(SQL_CVT_CHAR | SQL_CVT_VARCHAR | SQL_CVT_WVARCHAR | SQL_CVT_DECIMAL | SQL_CVT_NUMERIC |
                 SQL_CVT_BIGINT | SQL_CVT_INTEGER | SQL_CVT_BIT | SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP);
    case SQL_AGGREGATE_FUNCTIONS:
      return u32(SQL_AF_AVG | SQL_AF_COUNT | SQL_AF_MAX | SQL_AF_MIN | SQL_AF_SUM | SQL_AF_DISTINCT | SQL_AF_ALL);
    case SQL_SQL92_PREDICATES:
      return u32(SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_IN | SQL_SP_ISNOTNULL | SQL_SP_ISNULL | SQL_SP_LIKE |
                 SQL_SP_QUANTIFIED_COMPARISON);
    case SQL_SQL92_RELATIONAL_JOIN_OPERATORS: return u32(SQL_SRJO_INNER_JOIN | SQL_SRJO_LEFT_OUTER_JOIN);
    case SQL_SQL92_VALUE_EXPRESSIONS: return u32(SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE | SQL_SVE_NULLIF);
    case SQL_SQL92_STRING_FUNCTIONS: return u32(SQL_SSF_LOWER | SQL_SSF_UPPER | SQL_SSF_SUBSTRING | SQL_SSF_TRIM_BOTH);
    case SQL_SQL92_NUMERIC_VALUE_FUNCTIONS: return u32(SQL_SNVF_CHAR_LENGTH | SQL_SNVF_CHARACTER_LENGTH);
    case SQL_SQL92_DATETIME_FUNCTIONS: return u32(0);
    case SQL_SQL92_FOREIGN_KEY_DELETE_RULE: case SQL_SQL92_FOREIGN_KEY_UPDATE_RULE: return u32(0);
    case SQL_SQL92_GRANT: case SQL_SQL92_REVOKE: return u32(0);
    case SQL_SQL92_ROW_VALUE_CONSTRUCTOR: return u32(SQL_SRVC_VALUE_EXPRESSION | SQL_SRVC_NULL);
    case SQL_DATETIME_LITERALS: return u32(0);
    case SQL_SUBQUERIES: return u32(SQL_SQ_IN);
    case SQL_UNION: return u32(SQL_U_UNION_ALL);
    case SQL_TXN_CAPABLE: return u16(SQL_TC_DML);
    case SQL_TXN_ISOLATION_OPTION: return u32(SQL_TXN_SERIALIZABLE);
    case SQL_DEFAULT_TXN_ISOLATION: return u32(SQL_TXN_SERIALIZABLE);
    case SQL_CURSOR_COMMIT_BEHAVIOR: case SQL_CURSOR_ROLLBACK_BEHAVIOR: return u16(SQL_CB_PRESERVE);
    case SQL_CURSOR_SENSITIVITY: return u32(SQL_INSENSITIVE);
    // Cursors: forward-only (streaming) and static (scrollable, read-only; static_cursor.h).
    case SQL_SCROLL_OPTIONS: return u32(SQL_SO_FORWARD_ONLY | SQL_SO_STATIC);
    case SQL_SCROLL_CONCURRENCY: return u32(SQL_SCCO_READ_ONLY);
    case SQL_STATIC_SENSITIVITY: return u32(0);
    case SQL_FETCH_DIRECTION:
      return u32(SQL_FD_FETCH_NEXT | SQL_FD_FETCH_FIRST | SQL_FD_FETCH_LAST | SQL_FD_FETCH_PRIOR | SQL_FD_FETCH_ABSOLUTE |
                 SQL_FD_FETCH_RELATIVE);
    case SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1: return u32(SQL_CA1_NEXT);
    case SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2: return u32(SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT);
    case SQL_STATIC_CURSOR_ATTRIBUTES1: return u32(SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE);
    case SQL_STATIC_CURSOR_ATTRIBUTES2: return u32(SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT);
    case SQL_KEYSET_CURSOR_ATTRIBUTES1: case SQL_KEYSET_CURSOR_ATTRIBUTES2: case SQL_DYNAMIC_CURSOR_ATTRIBUTES1:
    case SQL_DYNAMIC_CURSOR_ATTRIBUTES2:
      return u32(0);
    case SQL_LOCK_TYPES: return u32(0);
    case SQL_POS_OPERATIONS: return u32(0);
    case SQL_POSITIONED_STATEMENTS: return u32(0);
    case SQL_BOOKMARK_PERSISTENCE: return u32(0);
    case SQL_GETDATA_EXTENSIONS: return u32(SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND);
    case SQL_INFO_SCHEMA_VIEWS: return u32(0);
    // Data definition.
    case SQL_CREATE_TABLE: return u32(SQL_CT_CREATE_TABLE);
    case SQL_DROP_TABLE: return u32(SQL_DT_DROP_TABLE);
    case SQL_ALTER_TABLE: return u32(0);
    case SQL_INDEX_KEYWORDS: return u32(SQL_IK_NONE);
    case SQL_CREATE_VIEW: case SQL_DROP_VIEW: case SQL_CREATE_SCHEMA: case SQL_DROP_SCHEMA:
    case SQL_CREATE_ASSERTION: case SQL_DROP_ASSERTION: case SQL_CREATE_CHARACTER_SET: case SQL_DROP_CHARACTER_SET:
    case SQL_CREATE_COLLATION: case SQL_DROP_COLLATION: case SQL_CREATE_DOMAIN: case SQL_DROP_DOMAIN:
    case SQL_CREATE_TRANSLATION: case SQL_DROP_TRANSLATION: case SQL_ALTER_DOMAIN:
      return u32(0);
    case SQL_DDL_INDEX: return u32(SQL_DI_CREATE_INDEX | SQL_DI_DROP_INDEX);
    case SQL_INSERT_STATEMENT: return u32(SQL_IS_INSERT_LITERALS | SQL_IS_INSERT_SEARCHED);
    // Limits (0: no fixed limit).
    case SQL_MAX_COLUMN_NAME_LEN: return u16(255);  // DynamoDB attribute names: up to 64 KB, keys 255 bytes
    case SQL_MAX_TABLE_NAME_LEN: return u16(255);
    case SQL_MAX_SCHEMA_NAME_LEN: return u16(7);  // "streams"
    case SQL_MAX_CATALOG_NAME_LEN: return u16(0);
    case SQL_MAX_CURSOR_NAME_LEN: return u16(128);
    case SQL_MAX_IDENTIFIER_LEN: return u16(255);
    case SQL_MAX_PROCEDURE_NAME_LEN: return u16(0);
    case SQL_MAX_USER_NAME_LEN: return u16(0);
    case SQL_MAX_COLUMNS_IN_GROUP_BY: case SQL_MAX_COLUMNS_IN_ORDER_BY: case SQL_MAX_COLUMNS_IN_SELECT:
    case SQL_MAX_COLUMNS_IN_TABLE: case SQL_MAX_TABLES_IN_SELECT:
      return u16(0);
    case SQL_MAX_COLUMNS_IN_INDEX: return u16(2);
    case SQL_MAX_INDEX_SIZE: return u32(0);
    case SQL_MAX_ROW_SIZE: return u32(400 * 1024);
    case SQL_MAX_STATEMENT_LEN: return u32(0);
    case SQL_MAX_CHAR_LITERAL_LEN: return u32(0);
    case SQL_MAX_BINARY_LITERAL_LEN: return u32(0);
    case SQL_COLLATION_SEQ: return text("UTF-8 binary");
    case SQL_XOPEN_CLI_YEAR: return text("1995");
    case SQL_ACTIVE_ENVIRONMENTS: return u16(0);
  }
  throw Error("HY096", "information type " + std::to_string(info_type) + " is not known to dynamosql");
}

bool function_supported(SQLUSMALLINT function_id) {
  for (SQLUSMALLINT f : kSupported)
    if (f == function_id) return true;
  return false;
}

void fill_odbc3_functions(SQLUSMALLINT* bitmap) {
  std::memset(bitmap, 0, sizeof(SQLUSMALLINT) * SQL_API_ODBC3_ALL_FUNCTIONS_SIZE);
  for (SQLUSMALLINT f : kSupported) bitmap[f >> 4] |= static_cast<SQLUSMALLINT>(1 << (f & 0xF));
}

void fill_odbc2_functions(SQLUSMALLINT* array) {
  std::memset(array, 0, sizeof(SQLUSMALLINT) * 100);
  for (SQLUSMALLINT f : kSupported)
    if (f < 100) array[f] = SQL_TRUE;
  // ODBC 2 names the driver manager maps onto ODBC 3 functions.
  for (SQLUSMALLINT f : {SQL_API_SQLALLOCENV, SQL_API_SQLALLOCCONNECT, SQL_API_SQLFREEENV, SQL_API_SQLFREECONNECT,
                         SQL_API_SQLCOLATTRIBUTES, SQL_API_SQLTRANSACT, SQL_API_SQLSETCONNECTOPTION,
                         SQL_API_SQLGETCONNECTOPTION, SQL_API_SQLSETSTMTOPTION, SQL_API_SQLGETSTMTOPTION})
    array[f] = SQL_TRUE;
}

std::unique_ptr<ResultSet> type_info_result(SQLSMALLINT data_type) {
  std::vector<ResultColumn> columns = {
      text_column("TYPE_NAME"),          small_int_column("DATA_TYPE"),      int_column("COLUMN_SIZE"),
      text_column("LITERAL_PREFIX"),     text_column("LITERAL_SUFFIX"),     text_column("CREATE_PARAMS"),
      small_int_column("NULLABLE"),      small_int_column("CASE_SENSITIVE"), small_int_column("SEARCHABLE"),
      small_int_column("UNSIGNED_ATTRIBUTE"), small_int_column("FIXED_PREC_SCALE"), small_int_column("AUTO_UNIQUE_VALUE"),
      text_column("LOCAL_TYPE_NAME"),    small_int_column("MINIMUM_SCALE"),  small_int_column("MAXIMUM_SCALE"),
      small_int_column("SQL_DATA_TYPE"), small_int_column("SQL_DATETIME_SUB"), int_column("NUM_PREC_RADIX"),
      small_int_column("INTERVAL_PRECISION")};
  columns[0].nullable = SQL_NO_NULLS;
  columns[1].nullable = SQL_NO_NULLS;
  auto n = [](int64_t v) { return Value::number(Number(v)); };
  auto s = [](const char* v) { return v ? Value::string(v) : Value::null(); };
  const Value null = Value::null();
  // Ordered by DATA_TYPE, as the specification asks.
  struct TypeRow {
    const char* name;
    SQLSMALLINT type;
    int64_t size;
    const char* prefix;
    const char* suffix;
    const char* params;
    SQLSMALLINT case_sensitive;
    SQLSMALLINT searchable;
    bool numeric;
    SQLSMALLINT max_scale;
    SQLSMALLINT datetime_sub;
  };
  const TypeRow types[] = {
      {"JSON", SQL_WLONGVARCHAR, 400 * 1024, "'", "'", nullptr, SQL_TRUE, SQL_PRED_CHAR, false, 0, 0},
      {"VARCHAR", SQL_WVARCHAR, 65535, "'", "'", "max length", SQL_TRUE, SQL_SEARCHABLE, false, 0, 0},
      {"BOOLEAN", SQL_BIT, 1, nullptr, nullptr, nullptr, SQL_FALSE, SQL_PRED_BASIC, false, 0, 0},
      {"BIGINT", SQL_BIGINT, 19, nullptr, nullptr, nullptr, SQL_FALSE, SQL_SEARCHABLE, true, 0, 0},
      {"VARBINARY", SQL_VARBINARY, 400 * 1024, nullptr, nullptr, "max length", SQL_TRUE, SQL_PRED_BASIC, false, 0, 0},
      {"DECIMAL", SQL_DECIMAL, kMaxNumberPrecision, nullptr, nullptr, "precision,scale", SQL_FALSE, SQL_SEARCHABLE, true, 38, 0},
      {"TIMESTAMP", SQL_TYPE_TIMESTAMP, 23, "'", "'", nullptr, SQL_FALSE, SQL_SEARCHABLE, false, 3, SQL_CODE_TIMESTAMP},
  };
  std::vector<Row> rows;
  for (const auto& t : types) {
    if (data_type != SQL_ALL_TYPES && data_type != t.type) continue;
    SQLSMALLINT verbose = t.type == SQL_TYPE_TIMESTAMP ? SQL_DATETIME : t.type;
    rows.push_back({s(t.name), n(t.type), n(t.size), s(t.prefix), s(t.suffix), s(t.params), n(SQL_NULLABLE),
                    n(t.case_sensitive), n(t.searchable), t.numeric ? n(SQL_FALSE) : null, n(SQL_FALSE), n(SQL_FALSE),
                    s(t.name), t.numeric ? n(0) : null, t.numeric || t.max_scale ? n(t.max_scale) : null, n(verbose),
                    t.datetime_sub ? n(t.datetime_sub) : null, t.numeric ? n(10) : null, null});
  }
  return std::make_unique<StaticResult>(std::move(columns), std::move(rows));
}

}  // namespace dynamosql::odbc

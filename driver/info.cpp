// SQLGetInfo, SQLGetFunctions and SQLGetTypeInfo; see info.h.
#include "info.h"

#include <cstring>
#include <unordered_map>
#include <vector>

#include "dynamosql/functions.h"
#include "handles.h"

namespace dynamosql::odbc {
namespace {

constexpr const char* kDriverVersion = "00.01.0000";

// Every ODBC function the driver exports (ANSI and wide forms count as one).
constexpr SQLUSMALLINT kSupported[] = {
    SQL_API_SQLALLOCHANDLE,      SQL_API_SQLFREEHANDLE,      SQL_API_SQLSETENVATTR,
    SQL_API_SQLGETENVATTR,       SQL_API_SQLCONNECT,         SQL_API_SQLDRIVERCONNECT,
    SQL_API_SQLDISCONNECT,       SQL_API_SQLSETCONNECTATTR,  SQL_API_SQLGETCONNECTATTR,
    SQL_API_SQLGETINFO,          SQL_API_SQLGETFUNCTIONS,    SQL_API_SQLGETTYPEINFO,
    SQL_API_SQLALLOCSTMT,        SQL_API_SQLFREESTMT,        SQL_API_SQLSETSTMTATTR,
    SQL_API_SQLGETSTMTATTR,      SQL_API_SQLPREPARE,         SQL_API_SQLEXECUTE,
    SQL_API_SQLEXECDIRECT,       SQL_API_SQLNATIVESQL,       SQL_API_SQLBINDPARAMETER,
    SQL_API_SQLNUMPARAMS,        SQL_API_SQLDESCRIBEPARAM,   SQL_API_SQLPARAMDATA,
    SQL_API_SQLPUTDATA,          SQL_API_SQLNUMRESULTCOLS,   SQL_API_SQLDESCRIBECOL,
    SQL_API_SQLCOLATTRIBUTE,     SQL_API_SQLBINDCOL,         SQL_API_SQLFETCH,
    SQL_API_SQLFETCHSCROLL,      SQL_API_SQLGETDATA,         SQL_API_SQLEXTENDEDFETCH,
    SQL_API_SQLROWCOUNT,         SQL_API_SQLMORERESULTS,     SQL_API_SQLCLOSECURSOR,
    SQL_API_SQLCANCEL,           SQL_API_SQLENDTRAN,         SQL_API_SQLGETDIAGREC,
    SQL_API_SQLGETDIAGFIELD,     SQL_API_SQLERROR,           SQL_API_SQLTABLES,
    SQL_API_SQLCOLUMNS,          SQL_API_SQLPRIMARYKEYS,     SQL_API_SQLSTATISTICS,
    SQL_API_SQLSPECIALCOLUMNS,   SQL_API_SQLFOREIGNKEYS,     SQL_API_SQLPROCEDURES,
    SQL_API_SQLPROCEDURECOLUMNS, SQL_API_SQLTABLEPRIVILEGES, SQL_API_SQLCOLUMNPRIVILEGES,
    SQL_API_SQLGETCURSORNAME,    SQL_API_SQLSETCURSORNAME,
};

// ODBC's scalar-function bits and the registry's names for them ({fn LOCATE(...)} reaches the engine as
// LOCATE(...)): a bit is reported when the engine has the function, so these masks follow the registry.
struct FunctionBit {
  SQLUINTEGER bit;
  const char* name;
};
constexpr FunctionBit kStringFunctionBits[] = {
    {SQL_FN_STR_ASCII, "ascii"},
    {SQL_FN_STR_BIT_LENGTH, "bit_length"},
    {SQL_FN_STR_CHAR, "char"},
    {SQL_FN_STR_CHAR_LENGTH, "char_length"},
    {SQL_FN_STR_CHARACTER_LENGTH, "character_length"},
    {SQL_FN_STR_CONCAT, "concat"},
    {SQL_FN_STR_DIFFERENCE, "difference"},
    {SQL_FN_STR_INSERT, "insert"},
    {SQL_FN_STR_LCASE, "lcase"},
    {SQL_FN_STR_LEFT, "left"},
    {SQL_FN_STR_LENGTH, "length"},
    {SQL_FN_STR_LOCATE, "locate"},
    {SQL_FN_STR_LOCATE_2, "locate"},
    {SQL_FN_STR_LTRIM, "ltrim"},
    {SQL_FN_STR_OCTET_LENGTH, "octet_length"},
    {SQL_FN_STR_POSITION, "position"},
    {SQL_FN_STR_REPEAT, "repeat"},
    {SQL_FN_STR_REPLACE, "replace"},
    {SQL_FN_STR_RIGHT, "right"},
    {SQL_FN_STR_RTRIM, "rtrim"},
    {SQL_FN_STR_SOUNDEX, "soundex"},
    {SQL_FN_STR_SPACE, "space"},
    {SQL_FN_STR_SUBSTRING, "substring"},
    {SQL_FN_STR_UCASE, "ucase"},
};
// ODBC's LOG is the natural logarithm; the engine has it as LN, and LOG is left unclaimed so that
// {fn LOG(x)} is never answered by a function of another base.
constexpr FunctionBit kNumericFunctionBits[] = {
    {SQL_FN_NUM_ABS, "abs"},     {SQL_FN_NUM_ACOS, "acos"},       {SQL_FN_NUM_ASIN, "asin"},
    {SQL_FN_NUM_ATAN, "atan"},   {SQL_FN_NUM_ATAN2, "atan2"},     {SQL_FN_NUM_CEILING, "ceiling"},
    {SQL_FN_NUM_COS, "cos"},     {SQL_FN_NUM_COT, "cot"},         {SQL_FN_NUM_DEGREES, "degrees"},
    {SQL_FN_NUM_EXP, "exp"},     {SQL_FN_NUM_FLOOR, "floor"},     {SQL_FN_NUM_LOG, "log"},
    {SQL_FN_NUM_LOG10, "log10"}, {SQL_FN_NUM_MOD, "mod"},         {SQL_FN_NUM_PI, "pi"},
    {SQL_FN_NUM_POWER, "power"}, {SQL_FN_NUM_RADIANS, "radians"}, {SQL_FN_NUM_RAND, "rand"},
    {SQL_FN_NUM_ROUND, "round"}, {SQL_FN_NUM_SIGN, "sign"},       {SQL_FN_NUM_SIN, "sin"},
    {SQL_FN_NUM_SQRT, "sqrt"},   {SQL_FN_NUM_TAN, "tan"},         {SQL_FN_NUM_TRUNCATE, "truncate"},
};
constexpr FunctionBit kSystemFunctionBits[] = {
    {SQL_FN_SYS_DBNAME, "database"}, {SQL_FN_SYS_IFNULL, "ifnull"}, {SQL_FN_SYS_USERNAME, "user"}};

template <size_t N>
SQLUINTEGER mask_of(const FunctionBit (&bits)[N]) {
  SQLUINTEGER mask = 0;
  for (const FunctionBit& f : bits)
    if (is_scalar_function(f.name)) mask |= f.bit;
  return mask;
}

// The date functions of function/datetime_functions.cpp ({fn YEAR(x)} reaches the engine as YEAR(x)).
constexpr SQLUINTEGER kTimeDateFunctions =
    SQL_FN_TD_CURRENT_DATE | SQL_FN_TD_CURRENT_TIME | SQL_FN_TD_CURRENT_TIMESTAMP | SQL_FN_TD_CURDATE |
    SQL_FN_TD_CURTIME | SQL_FN_TD_NOW | SQL_FN_TD_EXTRACT | SQL_FN_TD_YEAR | SQL_FN_TD_QUARTER | SQL_FN_TD_MONTH |
    SQL_FN_TD_WEEK | SQL_FN_TD_DAYOFYEAR | SQL_FN_TD_DAYOFMONTH | SQL_FN_TD_DAYOFWEEK | SQL_FN_TD_HOUR |
    SQL_FN_TD_MINUTE | SQL_FN_TD_SECOND | SQL_FN_TD_MONTHNAME | SQL_FN_TD_DAYNAME | SQL_FN_TD_TIMESTAMPADD |
    SQL_FN_TD_TIMESTAMPDIFF;
// DATE '...', TIME '...', TIMESTAMP '...' and every INTERVAL '...' field and range the grammar has.
constexpr SQLUINTEGER kDatetimeLiterals =
    SQL_DL_SQL92_DATE | SQL_DL_SQL92_TIME | SQL_DL_SQL92_TIMESTAMP | SQL_DL_SQL92_INTERVAL_YEAR |
    SQL_DL_SQL92_INTERVAL_MONTH | SQL_DL_SQL92_INTERVAL_DAY | SQL_DL_SQL92_INTERVAL_HOUR |
    SQL_DL_SQL92_INTERVAL_MINUTE | SQL_DL_SQL92_INTERVAL_SECOND | SQL_DL_SQL92_INTERVAL_YEAR_TO_MONTH |
    SQL_DL_SQL92_INTERVAL_DAY_TO_HOUR | SQL_DL_SQL92_INTERVAL_DAY_TO_MINUTE | SQL_DL_SQL92_INTERVAL_DAY_TO_SECOND |
    SQL_DL_SQL92_INTERVAL_HOUR_TO_MINUTE | SQL_DL_SQL92_INTERVAL_HOUR_TO_SECOND |
    SQL_DL_SQL92_INTERVAL_MINUTE_TO_SECOND;
// TIMESTAMPADD's and TIMESTAMPDIFF's SQL_TSI_* units.
constexpr SQLUINTEGER kTimeDateIntervals = SQL_FN_TSI_FRAC_SECOND | SQL_FN_TSI_SECOND | SQL_FN_TSI_MINUTE |
                                           SQL_FN_TSI_HOUR | SQL_FN_TSI_DAY | SQL_FN_TSI_WEEK | SQL_FN_TSI_MONTH |
                                           SQL_FN_TSI_QUARTER | SQL_FN_TSI_YEAR;

InfoValue text(const char* s) { return std::string(s); }
InfoValue u16(SQLUSMALLINT v) { return v; }
InfoValue u32(SQLUINTEGER v) { return v; }

// Every SQLGetInfo answer that does not depend on the connection, by info type.
const std::unordered_map<SQLUSMALLINT, InfoValue>& info_table() {
  static const std::vector<std::pair<std::vector<SQLUSMALLINT>, InfoValue>> kAnswers = {
      // Driver and data source.
      {{SQL_DRIVER_NAME}, text("libdynamosqlodbc.so")},
      {{SQL_DRIVER_VER}, text(kDriverVersion)},
      {{SQL_DRIVER_ODBC_VER}, text("03.80")},
      {{SQL_ODBC_VER}, text("03.80.0000")},
      {{SQL_DBMS_NAME}, text("DynamoDB")},
      {{SQL_DBMS_VER}, text("2012.08.10")},  // the DynamoDB API version the driver speaks
      {{SQL_DATABASE_NAME}, text("")},
      {{SQL_USER_NAME}, text("")},
      {{SQL_ACCESSIBLE_TABLES}, text("Y")},
      {{SQL_ACCESSIBLE_PROCEDURES}, text("N")},
      {{SQL_ODBC_INTERFACE_CONFORMANCE}, u32(SQL_OIC_CORE)},
      {{SQL_SQL_CONFORMANCE}, u32(SQL_SC_SQL92_ENTRY)},
      {{SQL_ODBC_SQL_CONFORMANCE}, u16(SQL_OSC_MINIMUM)},
      {{SQL_ODBC_API_CONFORMANCE}, u16(SQL_OAC_LEVEL1)},
      {{SQL_ODBC_SAG_CLI_CONFORMANCE}, u16(SQL_OSCC_COMPLIANT)},
      {{SQL_STANDARD_CLI_CONFORMANCE}, u32(SQL_SCC_ISO92_CLI)},
      {{SQL_DRIVER_HDBC, SQL_DRIVER_HENV, SQL_DRIVER_HSTMT, SQL_DRIVER_HLIB, SQL_DRIVER_HDESC}, SQLULEN{0}},
      {{SQL_ASYNC_MODE}, u32(SQL_AM_NONE)},
      {{SQL_ASYNC_DBC_FUNCTIONS}, u32(SQL_ASYNC_DBC_NOT_CAPABLE)},
      {{SQL_MAX_ASYNC_CONCURRENT_STATEMENTS}, u32(0)},
      {{SQL_MAX_DRIVER_CONNECTIONS}, u16(0)},
      {{SQL_MAX_CONCURRENT_ACTIVITIES}, u16(0)},
      {{SQL_FILE_USAGE}, u16(SQL_FILE_NOT_SUPPORTED)},
      {{SQL_DM_VER}, text("")},
      {{SQL_PARAM_ARRAY_ROW_COUNTS}, u32(SQL_PARC_BATCH)},
      {{SQL_PARAM_ARRAY_SELECTS}, u32(SQL_PAS_NO_SELECT)},
      {{SQL_BATCH_ROW_COUNT}, u32(0)},
      {{SQL_BATCH_SUPPORT}, u32(0)},
      {{SQL_DESCRIBE_PARAMETER}, text("Y")},
      {{SQL_NEED_LONG_DATA_LEN}, text("N")},
      {{SQL_MULT_RESULT_SETS}, text("N")},
      {{SQL_MULTIPLE_ACTIVE_TXN}, text("Y")},
      {{SQL_ROW_UPDATES}, text("N")},
      {{SQL_PROCEDURES}, text("N")},
      {{SQL_EXPRESSIONS_IN_ORDERBY}, text("Y")},
      {{SQL_ORDER_BY_COLUMNS_IN_SELECT}, text("N")},
      {{SQL_COLUMN_ALIAS}, text("Y")},
      {{SQL_LIKE_ESCAPE_CLAUSE}, text("Y")},
      {{SQL_OUTER_JOINS}, text("Y")},
      {{SQL_OJ_CAPABILITIES},
       u32(SQL_OJ_LEFT | SQL_OJ_RIGHT | SQL_OJ_FULL | SQL_OJ_NESTED | SQL_OJ_NOT_ORDERED | SQL_OJ_INNER |
           SQL_OJ_ALL_COMPARISON_OPS)},
      {{SQL_INTEGRITY}, text("N")},
      {{SQL_MAX_ROW_SIZE_INCLUDES_LONG}, text("Y")},
      {{SQL_NULL_COLLATION}, u16(SQL_NC_LOW)},  // NULL sorts first ascending
      {{SQL_CONCAT_NULL_BEHAVIOR}, u16(SQL_CB_NULL)},
      {{SQL_CORRELATION_NAME}, u16(SQL_CN_ANY)},
      {{SQL_NON_NULLABLE_COLUMNS}, u16(SQL_NNC_NULL)},
      {{SQL_GROUP_BY}, u16(SQL_GB_GROUP_BY_CONTAINS_SELECT)},
      {{SQL_QUOTED_IDENTIFIER_CASE}, u16(SQL_IC_SENSITIVE)},
      {{SQL_IDENTIFIER_CASE}, u16(SQL_IC_SENSITIVE)},
      {{SQL_IDENTIFIER_QUOTE_CHAR}, text("\"")},
      {{SQL_SEARCH_PATTERN_ESCAPE}, text("\\")},
      {{SQL_SPECIAL_CHARACTERS}, text("-.")},
      {{SQL_CATALOG_NAME_SEPARATOR}, text(".")},
      {{SQL_CATALOG_TERM}, text("")},
      {{SQL_CATALOG_NAME}, text("N")},
      {{SQL_CATALOG_LOCATION}, u16(0)},
      {{SQL_CATALOG_USAGE}, u32(0)},
      {{SQL_SCHEMA_TERM}, text("schema")},
      {{SQL_SCHEMA_USAGE}, u32(SQL_SU_DML_STATEMENTS | SQL_SU_TABLE_DEFINITION)},
      {{SQL_TABLE_TERM}, text("table")},
      {{SQL_PROCEDURE_TERM}, text("")},
      {{SQL_KEYWORDS},
       text("BEGIN,COMMIT,DESCRIBE,EXPLAIN,MISSING,REMOVE,ROLLBACK,SHOW,TABLES,UPSERT,begins_with,contains,"
            "size,attribute_exists,attribute_not_exists,attribute_type")},
      // SQL support.
      {{SQL_STRING_FUNCTIONS}, u32(mask_of(kStringFunctionBits))},
      {{SQL_NUMERIC_FUNCTIONS}, u32(mask_of(kNumericFunctionBits))},
      {{SQL_SYSTEM_FUNCTIONS}, u32(mask_of(kSystemFunctionBits))},
      {{SQL_TIMEDATE_FUNCTIONS}, u32(kTimeDateFunctions)},
      {{SQL_TIMEDATE_ADD_INTERVALS, SQL_TIMEDATE_DIFF_INTERVALS}, u32(kTimeDateIntervals)},
      {{SQL_CONVERT_FUNCTIONS}, u32(SQL_FN_CVT_CAST | SQL_FN_CVT_CONVERT)},
      {{SQL_CONVERT_BIGINT,
        SQL_CONVERT_BINARY,
        SQL_CONVERT_BIT,
        SQL_CONVERT_CHAR,
        SQL_CONVERT_DATE,
        SQL_CONVERT_DECIMAL,
        SQL_CONVERT_DOUBLE,
        SQL_CONVERT_FLOAT,
        SQL_CONVERT_INTEGER,
        SQL_CONVERT_LONGVARBINARY,
        SQL_CONVERT_LONGVARCHAR,
        SQL_CONVERT_NUMERIC,
        SQL_CONVERT_REAL,
        SQL_CONVERT_SMALLINT,
        SQL_CONVERT_TIME,
        SQL_CONVERT_TIMESTAMP,
        SQL_CONVERT_TINYINT,
        SQL_CONVERT_VARBINARY,
        SQL_CONVERT_VARCHAR,
        SQL_CONVERT_WCHAR,
        SQL_CONVERT_WLONGVARCHAR,
        SQL_CONVERT_WVARCHAR,
        SQL_CONVERT_GUID,
        SQL_CONVERT_INTERVAL_DAY_TIME,
        SQL_CONVERT_INTERVAL_YEAR_MONTH},
       u32(SQL_CVT_CHAR | SQL_CVT_VARCHAR | SQL_CVT_WVARCHAR | SQL_CVT_DECIMAL | SQL_CVT_NUMERIC | SQL_CVT_BIGINT |
           SQL_CVT_INTEGER | SQL_CVT_BIT | SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP)},
      {{SQL_AGGREGATE_FUNCTIONS},
       u32(SQL_AF_AVG | SQL_AF_COUNT | SQL_AF_MAX | SQL_AF_MIN | SQL_AF_SUM | SQL_AF_DISTINCT | SQL_AF_ALL)},
      {{SQL_SQL92_PREDICATES},
       u32(SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_IN | SQL_SP_ISNOTNULL | SQL_SP_ISNULL | SQL_SP_LIKE |
           SQL_SP_EXISTS)},
      {{SQL_SQL92_RELATIONAL_JOIN_OPERATORS},
       u32(SQL_SRJO_CROSS_JOIN | SQL_SRJO_INNER_JOIN | SQL_SRJO_LEFT_OUTER_JOIN | SQL_SRJO_RIGHT_OUTER_JOIN |
           SQL_SRJO_FULL_OUTER_JOIN)},
      {{SQL_SQL92_VALUE_EXPRESSIONS}, u32(SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE | SQL_SVE_NULLIF)},
      {{SQL_SQL92_STRING_FUNCTIONS},
       u32(SQL_SSF_LOWER | SQL_SSF_UPPER | SQL_SSF_SUBSTRING | SQL_SSF_TRIM_BOTH | SQL_SSF_TRIM_LEADING |
           SQL_SSF_TRIM_TRAILING)},
      {{SQL_SQL92_NUMERIC_VALUE_FUNCTIONS},
       u32(SQL_SNVF_CHAR_LENGTH | SQL_SNVF_CHARACTER_LENGTH | SQL_SNVF_EXTRACT | SQL_SNVF_POSITION)},
      {{SQL_SQL92_DATETIME_FUNCTIONS}, u32(SQL_SDF_CURRENT_DATE | SQL_SDF_CURRENT_TIME | SQL_SDF_CURRENT_TIMESTAMP)},
      {{SQL_SQL92_FOREIGN_KEY_DELETE_RULE, SQL_SQL92_FOREIGN_KEY_UPDATE_RULE}, u32(0)},
      {{SQL_SQL92_GRANT, SQL_SQL92_REVOKE}, u32(0)},
      {{SQL_SQL92_ROW_VALUE_CONSTRUCTOR}, u32(SQL_SRVC_VALUE_EXPRESSION | SQL_SRVC_NULL)},
      {{SQL_DATETIME_LITERALS}, u32(kDatetimeLiterals)},
      {{SQL_SUBQUERIES}, u32(SQL_SQ_CORRELATED_SUBQUERIES | SQL_SQ_COMPARISON | SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_QUANTIFIED)},
      {{SQL_UNION}, u32(SQL_U_UNION | SQL_U_UNION_ALL)},
      {{SQL_TXN_CAPABLE}, u16(SQL_TC_DML)},
      {{SQL_TXN_ISOLATION_OPTION}, u32(SQL_TXN_SERIALIZABLE)},
      {{SQL_DEFAULT_TXN_ISOLATION}, u32(SQL_TXN_SERIALIZABLE)},
      {{SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CURSOR_ROLLBACK_BEHAVIOR}, u16(SQL_CB_PRESERVE)},
      {{SQL_CURSOR_SENSITIVITY}, u32(SQL_INSENSITIVE)},
      // Cursors: forward-only (streaming) and static (scrollable, read-only; static_cursor.h).
      {{SQL_SCROLL_OPTIONS}, u32(SQL_SO_FORWARD_ONLY | SQL_SO_STATIC)},
      {{SQL_SCROLL_CONCURRENCY}, u32(SQL_SCCO_READ_ONLY)},
      {{SQL_STATIC_SENSITIVITY}, u32(0)},
      {{SQL_FETCH_DIRECTION},
       u32(SQL_FD_FETCH_NEXT | SQL_FD_FETCH_FIRST | SQL_FD_FETCH_LAST | SQL_FD_FETCH_PRIOR | SQL_FD_FETCH_ABSOLUTE |
           SQL_FD_FETCH_RELATIVE)},
      {{SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1}, u32(SQL_CA1_NEXT)},
      {{SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2}, u32(SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT)},
      {{SQL_STATIC_CURSOR_ATTRIBUTES1}, u32(SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE)},
      {{SQL_STATIC_CURSOR_ATTRIBUTES2}, u32(SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT)},
      {{SQL_KEYSET_CURSOR_ATTRIBUTES1, SQL_KEYSET_CURSOR_ATTRIBUTES2, SQL_DYNAMIC_CURSOR_ATTRIBUTES1,
        SQL_DYNAMIC_CURSOR_ATTRIBUTES2},
       u32(0)},
      {{SQL_LOCK_TYPES}, u32(0)},
      {{SQL_POS_OPERATIONS}, u32(0)},
      {{SQL_POSITIONED_STATEMENTS}, u32(0)},
      {{SQL_BOOKMARK_PERSISTENCE}, u32(0)},
      {{SQL_GETDATA_EXTENSIONS}, u32(SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND)},
      {{SQL_INFO_SCHEMA_VIEWS}, u32(0)},
      // Data definition.
      {{SQL_CREATE_TABLE}, u32(SQL_CT_CREATE_TABLE)},
      {{SQL_DROP_TABLE}, u32(SQL_DT_DROP_TABLE)},
      {{SQL_ALTER_TABLE}, u32(0)},
      {{SQL_INDEX_KEYWORDS}, u32(SQL_IK_NONE)},
      {{SQL_CREATE_VIEW, SQL_DROP_VIEW, SQL_CREATE_SCHEMA, SQL_DROP_SCHEMA, SQL_CREATE_ASSERTION, SQL_DROP_ASSERTION,
        SQL_CREATE_CHARACTER_SET, SQL_DROP_CHARACTER_SET, SQL_CREATE_COLLATION, SQL_DROP_COLLATION, SQL_CREATE_DOMAIN,
        SQL_DROP_DOMAIN, SQL_CREATE_TRANSLATION, SQL_DROP_TRANSLATION, SQL_ALTER_DOMAIN},
       u32(0)},
      {{SQL_DDL_INDEX}, u32(SQL_DI_CREATE_INDEX | SQL_DI_DROP_INDEX)},
      {{SQL_INSERT_STATEMENT}, u32(SQL_IS_INSERT_LITERALS | SQL_IS_INSERT_SEARCHED)},
      // Limits (0: no fixed limit).
      {{SQL_MAX_COLUMN_NAME_LEN}, u16(255)},  // DynamoDB attribute names: up to 64 KB, keys 255 bytes
      {{SQL_MAX_TABLE_NAME_LEN}, u16(255)},
      {{SQL_MAX_SCHEMA_NAME_LEN}, u16(7)},  // "streams"
      {{SQL_MAX_CATALOG_NAME_LEN}, u16(0)},
      {{SQL_MAX_CURSOR_NAME_LEN}, u16(128)},
      {{SQL_MAX_IDENTIFIER_LEN}, u16(255)},
      {{SQL_MAX_PROCEDURE_NAME_LEN}, u16(0)},
      {{SQL_MAX_USER_NAME_LEN}, u16(0)},
      {{SQL_MAX_COLUMNS_IN_GROUP_BY, SQL_MAX_COLUMNS_IN_ORDER_BY, SQL_MAX_COLUMNS_IN_SELECT, SQL_MAX_COLUMNS_IN_TABLE,
        SQL_MAX_TABLES_IN_SELECT},
       u16(0)},
      {{SQL_MAX_COLUMNS_IN_INDEX}, u16(2)},
      {{SQL_MAX_INDEX_SIZE}, u32(0)},
      {{SQL_MAX_ROW_SIZE}, u32(400 * 1024)},
      {{SQL_MAX_STATEMENT_LEN}, u32(0)},
      {{SQL_MAX_CHAR_LITERAL_LEN}, u32(0)},
      {{SQL_MAX_BINARY_LITERAL_LEN}, u32(0)},
      {{SQL_COLLATION_SEQ}, text("UTF-8 binary")},
      {{SQL_XOPEN_CLI_YEAR}, text("1995")},
      {{SQL_ACTIVE_ENVIRONMENTS}, u16(0)},
  };
  static const std::unordered_map<SQLUSMALLINT, InfoValue> by_type = [] {
    std::unordered_map<SQLUSMALLINT, InfoValue> map;
    for (const auto& [types, value] : kAnswers)
      for (SQLUSMALLINT type : types) map.emplace(type, value);
    return map;
  }();
  return by_type;
}

}  // namespace

InfoValue get_info(Connection& dbc, SQLUSMALLINT info_type) {
  switch (info_type) {
    case SQL_SERVER_NAME:
      return dbc.connected() ? text("dynamodb") : text("");
    case SQL_DATA_SOURCE_NAME:
      return dbc.dsn;
    case SQL_DATA_SOURCE_READ_ONLY:
      return text(dbc.access_mode == SQL_MODE_READ_ONLY ? "Y" : "N");
    default:
      break;
  }
  const auto& table = info_table();
  auto it = table.find(info_type);
  if (it == table.end())
    throw Error("HY096", "information type " + std::to_string(info_type) + " is not known to dynamosql");
  return it->second;
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
  std::vector<ResultColumn> columns = {text_column("TYPE_NAME"),
                                       small_int_column("DATA_TYPE"),
                                       int_column("COLUMN_SIZE"),
                                       text_column("LITERAL_PREFIX"),
                                       text_column("LITERAL_SUFFIX"),
                                       text_column("CREATE_PARAMS"),
                                       small_int_column("NULLABLE"),
                                       small_int_column("CASE_SENSITIVE"),
                                       small_int_column("SEARCHABLE"),
                                       small_int_column("UNSIGNED_ATTRIBUTE"),
                                       small_int_column("FIXED_PREC_SCALE"),
                                       small_int_column("AUTO_UNIQUE_VALUE"),
                                       text_column("LOCAL_TYPE_NAME"),
                                       small_int_column("MINIMUM_SCALE"),
                                       small_int_column("MAXIMUM_SCALE"),
                                       small_int_column("SQL_DATA_TYPE"),
                                       small_int_column("SQL_DATETIME_SUB"),
                                       int_column("NUM_PREC_RADIX"),
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
      {"DECIMAL", SQL_DECIMAL, kMaxNumberPrecision, nullptr, nullptr, "precision,scale", SQL_FALSE, SQL_SEARCHABLE,
       true, 38, 0},
      {"DATE", SQL_TYPE_DATE, 10, "'", "'", nullptr, SQL_FALSE, SQL_SEARCHABLE, false, 0, SQL_CODE_DATE},
      {"TIME", SQL_TYPE_TIME, 8, "'", "'", nullptr, SQL_FALSE, SQL_SEARCHABLE, false, 0, SQL_CODE_TIME},
      // Microseconds, as result columns say (26, 6): pyodbc cut bound datetimes to what this row said.
      {"TIMESTAMP", SQL_TYPE_TIMESTAMP, 26, "'", "'", nullptr, SQL_FALSE, SQL_SEARCHABLE, false, 6, SQL_CODE_TIMESTAMP},
  };
  std::vector<Row> rows;
  for (const auto& t : types) {
    if (data_type != SQL_ALL_TYPES && data_type != t.type) continue;
    SQLSMALLINT verbose = t.datetime_sub ? SQL_DATETIME : t.type;
    rows.push_back({s(t.name), n(t.type), n(t.size), s(t.prefix), s(t.suffix), s(t.params), n(SQL_NULLABLE),
                    n(t.case_sensitive), n(t.searchable), t.numeric ? n(SQL_FALSE) : null, n(SQL_FALSE), n(SQL_FALSE),
                    s(t.name), t.numeric ? n(0) : null, t.numeric || t.max_scale ? n(t.max_scale) : null, n(verbose),
                    t.datetime_sub ? n(t.datetime_sub) : null, t.numeric ? n(10) : null, null});
  }
  return std::make_unique<StaticResult>(std::move(columns), std::move(rows));
}

}  // namespace dynamosql::odbc

// What the driver says about itself: SQLGetInfo, SQLGetFunctions and SQLGetTypeInfo.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <memory>
#include <string>
#include <variant>

#include "result_set.h"

namespace dynamosql::odbc {

class Connection;

// A SQLGetInfo answer: text, a 16-bit or a 32-bit number (SQLUSMALLINT or SQLUINTEGER), or SQLULEN.
using InfoValue = std::variant<std::string, SQLUSMALLINT, SQLUINTEGER, SQLULEN>;
// Throws Error HY096 for an info type the driver does not know.
InfoValue get_info(Connection& dbc, SQLUSMALLINT info_type);

// The ODBC functions this driver implements (SQLGetFunctions tells exactly these).
bool function_supported(SQLUSMALLINT function_id);
void fill_odbc3_functions(SQLUSMALLINT* bitmap);  // SQL_API_ODBC3_ALL_FUNCTIONS_SIZE entries
void fill_odbc2_functions(SQLUSMALLINT* array);   // 100 entries

// SQLGetTypeInfo's result: every type the driver returns, or the ones of `data_type`.
std::unique_ptr<ResultSet> type_info_result(SQLSMALLINT data_type);

}  // namespace dynamosql::odbc

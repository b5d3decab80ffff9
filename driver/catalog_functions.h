// The ODBC catalog functions as result sets with the columns the ODBC specification names.
//
// dynamosql has no catalogs. DynamoDB tables have no schema (TABLE_SCHEM is NULL, type TABLE); stream
// tables live in the schema `streams` with type VIEW (read-only, derived from a table). Names and
// patterns are case-sensitive like DynamoDB's, with % and _ wildcards and \ as the escape.
// A null argument means "any"; SQL_ATTR_METADATA_ID makes arguments identifiers, not patterns.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <memory>
#include <optional>
#include <string>

#include "result_set.h"

namespace dynamosql::odbc {

using Argument = std::optional<std::string>;

struct CatalogContext {
  Session& session;
  bool metadata_id = false;
  int number_scale = kDefaultNumberScale;  // see describe_sql_type
};

std::unique_ptr<ResultSet> tables_result(CatalogContext ctx, const Argument& catalog, const Argument& schema,
                                         const Argument& table, const Argument& table_type);
std::unique_ptr<ResultSet> columns_result(CatalogContext ctx, const Argument& schema, const Argument& table,
                                          const Argument& column);
std::unique_ptr<ResultSet> primary_keys_result(CatalogContext ctx, const Argument& schema, const Argument& table);
std::unique_ptr<ResultSet> statistics_result(CatalogContext ctx, const Argument& schema, const Argument& table,
                                             SQLUSMALLINT unique);
std::unique_ptr<ResultSet> special_columns_result(CatalogContext ctx, SQLUSMALLINT identifier_type,
                                                  const Argument& schema, const Argument& table);
// Valid, empty result sets: dynamosql has no foreign keys, procedures or privileges.
std::unique_ptr<ResultSet> foreign_keys_result();
std::unique_ptr<ResultSet> procedures_result();
std::unique_ptr<ResultSet> procedure_columns_result();
std::unique_ptr<ResultSet> table_privileges_result();
std::unique_ptr<ResultSet> column_privileges_result();

}  // namespace dynamosql::odbc

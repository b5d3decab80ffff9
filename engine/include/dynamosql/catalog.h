// What a session knows of the tables, as its clients need it: ODBC's catalog functions (SQLTables,
// SQLColumns, SQLPrimaryKeys, SQLStatistics, SQLSpecialColumns) and the console's completion.
// Tables have no schema; every table with an enabled stream is also the table streams.<table>.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dynamosql/sql_type.h"

namespace dynamosql {

inline constexpr const char* kStreamsSchema = "streams";
// SELECT * adds this JSON column: the attributes outside a table's inferred columns.
inline constexpr const char* kOtherColumn = "_other";

struct CatalogColumn {
  std::string name;
  SqlType type = SqlType::Varchar;
  // A key attribute of the table (of a stream table: of the table whose stream it is).
  bool is_partition_key = false;
  bool is_sort_key = false;
  int scale = 0;  // DECIMAL: the most digits after the point seen in the sample
};

struct CatalogIndex {
  std::string name;
  bool global = true;  // GSI; false: LSI
  std::string partition_key;
  std::string sort_key;  // empty when none
};

struct CatalogTable {
  std::string schema;  // "" for a table, kStreamsSchema for a stream table
  std::string name;
  // The columns as SELECT * returns them: a table's keys, its inferred attributes, then _other; a stream
  // table's record columns, then the key attributes.
  std::vector<CatalogColumn> columns;
  std::string partition_key, sort_key;  // a table's key (sort_key empty when none); empty for a stream table
  std::vector<CatalogIndex> indexes;
  int64_t item_count = 0;  // DescribeTable's approximate count
};

}  // namespace dynamosql

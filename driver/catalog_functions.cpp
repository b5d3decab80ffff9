// ODBC catalog functions; see catalog_functions.h.
#include "catalog_functions.h"

#include <algorithm>

#include "dynamosql/error.h"
#include "dynamosql/text.h"

namespace dynamosql::odbc {
namespace {

struct TableEntry {
  std::string schema;  // "" for none
  std::string name;
  std::string type;  // TABLE or VIEW
};

std::vector<TableEntry> all_tables(Session& session, bool with_streams = true) {
  std::vector<TableEntry> out;
  for (auto& name : session.table_names()) out.push_back({"", name, "TABLE"});
  if (with_streams)
    for (auto& name : session.stream_table_names()) out.push_back({kStreamsSchema, name, "VIEW"});
  return out;
}

// Pattern arguments: null matches anything; "%" too; otherwise LIKE with '\' escapes (or, with
// SQL_ATTR_METADATA_ID, the exact identifier).
bool matches(const Argument& pattern, const std::string& value, bool metadata_id) {
  if (!pattern) return true;
  if (metadata_id) return *pattern == value;
  return like_match(value, *pattern, '\\');
}

bool schema_matches(const Argument& pattern, const std::string& schema, bool metadata_id) {
  if (!pattern || *pattern == "%") return true;
  if (pattern->empty()) return schema.empty();
  return !schema.empty() && matches(pattern, schema, metadata_id);
}

Value text_or_null(const std::string& s) { return s.empty() ? Value::null() : Value::string(s); }
Value num(int64_t v) { return Value::number(Number(v)); }

std::vector<std::string> split_types(const std::string& list) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    size_t b = current.find_first_not_of(" '");
    size_t e = current.find_last_not_of(" '");
    if (b != std::string::npos) out.push_back(current.substr(b, e - b + 1));
    current.clear();
  };
  for (char c : list) {
    if (c == ',') flush();
    else current += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  flush();
  return out;
}

// Tables matching the schema and table arguments; stream tables only when `with_streams` and the
// schema argument allows them.
std::vector<TableEntry> matching_tables(CatalogContext& ctx, const Argument& schema, const Argument& table,
                                        bool with_streams) {
  std::vector<TableEntry> out;
  bool streams_wanted = with_streams && (!schema || *schema == "%" || schema_matches(schema, kStreamsSchema, ctx.metadata_id));
  for (auto& t : all_tables(ctx.session, streams_wanted))
    if (schema_matches(schema, t.schema, ctx.metadata_id) && matches(table, t.name, ctx.metadata_id)) out.push_back(t);
  return out;
}

std::vector<TableEntry> matching_base_tables(CatalogContext& ctx, const Argument& schema, const Argument& table) {
  return matching_tables(ctx, schema, table, false);
}

// SQLColumns' REMARKS: what a key or the _other column is.
const char* column_remark(const CatalogColumn& def, bool stream_table) {
  if (stream_table) return def.is_partition_key || def.is_sort_key ? "key attribute of the table" : "";
  if (def.name == kOtherColumn) return "attributes outside the inferred columns, as DynamoDB JSON (typed)";
  return def.is_partition_key ? "partition key" : def.is_sort_key ? "sort key" : "";
}

SQLLEN buffer_length(const ResultColumn& c) {
  switch (c.sql_type) {
    case SQL_WVARCHAR: case SQL_WLONGVARCHAR: return static_cast<SQLLEN>(c.column_size * 2);
    case SQL_DECIMAL: return static_cast<SQLLEN>(kNumberTextLength);
    case SQL_BIT: return 1;
    case SQL_TYPE_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
    default: return static_cast<SQLLEN>(c.column_size);
  }
}

std::vector<ResultColumn> text_columns(std::initializer_list<const char*> names) {
  std::vector<ResultColumn> out;
  for (const char* n : names) out.push_back(text_column(n));
  return out;
}

}  // namespace

std::unique_ptr<ResultSet> tables_result(CatalogContext ctx, const Argument& catalog, const Argument& schema,
                                         const Argument& table, const Argument& table_type) {
  auto columns = text_columns({"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"});
  std::vector<Row> rows;
  auto is = [](const Argument& a, const char* v) { return a && *a == v; };
  auto empty = [](const Argument& a) { return a && a->empty(); };
  if (is(catalog, SQL_ALL_CATALOGS) && empty(schema) && empty(table)) {
    // Catalog enumeration: there are none.
  } else if (is(schema, SQL_ALL_SCHEMAS) && empty(catalog) && empty(table)) {
    rows.push_back({Value::null(), Value::string(kStreamsSchema), Value::null(), Value::null(), Value::null()});
  } else if (is(table_type, SQL_ALL_TABLE_TYPES) && empty(catalog) && empty(schema) && empty(table)) {
    for (const char* type : {"TABLE", "VIEW"})
      rows.push_back({Value::null(), Value::null(), Value::null(), Value::string(type), Value::null()});
  } else if (!catalog || catalog->empty() || *catalog == "%") {
    std::vector<std::string> types;
    if (table_type && !table_type->empty() && *table_type != "%") types = split_types(*table_type);
    for (auto& t : all_tables(ctx.session)) {
      if (!schema_matches(schema, t.schema, ctx.metadata_id) || !matches(table, t.name, ctx.metadata_id)) continue;
      if (!types.empty() && std::find(types.begin(), types.end(), t.type) == types.end()) continue;
      rows.push_back({Value::null(), text_or_null(t.schema), Value::string(t.name), Value::string(t.type),
                      Value::string(t.type == "TABLE" ? "DynamoDB table" : "DynamoDB stream")});
    }
  }
  return std::make_unique<StaticResult>(std::move(columns), std::move(rows));
}

std::unique_ptr<ResultSet> columns_result(CatalogContext ctx, const Argument& schema, const Argument& table,
                                          const Argument& column) {
  std::vector<ResultColumn> columns = {
      text_column("TABLE_CAT"),       text_column("TABLE_SCHEM"),     text_column("TABLE_NAME"),
      text_column("COLUMN_NAME"),     small_int_column("DATA_TYPE"),  text_column("TYPE_NAME"),
      int_column("COLUMN_SIZE"),      int_column("BUFFER_LENGTH"),    small_int_column("DECIMAL_DIGITS"),
      small_int_column("NUM_PREC_RADIX"), small_int_column("NULLABLE"), text_column("REMARKS"),
      text_column("COLUMN_DEF"),      small_int_column("SQL_DATA_TYPE"), small_int_column("SQL_DATETIME_SUB"),
      int_column("CHAR_OCTET_LENGTH"), int_column("ORDINAL_POSITION"), text_column("IS_NULLABLE")};
  std::vector<Row> rows;
  for (auto& t : matching_tables(ctx, schema, table, true)) {
    CatalogTable described = ctx.session.describe_table(t.schema, t.name);
    int position = 0;
    auto add = [&](const std::string& name, SqlType type, int scale, bool key, const char* remark) {
      ++position;
      if (!matches(column, name, ctx.metadata_id)) return;
      ResultColumn c = describe_sql_type(type, scale, ctx.number_scale);
      bool is_numeric = c.sql_type == SQL_DECIMAL;
      bool is_char = c.sql_type == SQL_WVARCHAR || c.sql_type == SQL_WLONGVARCHAR;
      bool is_time = c.sql_type == SQL_TYPE_TIMESTAMP;
      rows.push_back({Value::null(), text_or_null(t.schema), Value::string(t.name), Value::string(name),
                      num(c.sql_type), Value::string(c.type_name), num(static_cast<int64_t>(c.column_size)),
                      num(buffer_length(c)), is_numeric || is_time ? num(c.decimal_digits) : Value::null(),
                      is_numeric ? num(10) : Value::null(), num(key ? SQL_NO_NULLS : SQL_NULLABLE),
                      Value::string(remark), Value::null(), num(is_time ? SQL_DATETIME : c.sql_type),
                      is_time ? num(SQL_CODE_TIMESTAMP) : Value::null(),
                      is_char ? num(static_cast<int64_t>(c.column_size) * 4) : Value::null(), num(position),
                      Value::string(key ? "NO" : "YES")});
    };
    bool stream = t.schema == kStreamsSchema;
    for (const auto& def : described.columns)
      add(def.name, def.type, def.scale, !stream && (def.is_partition_key || def.is_sort_key), column_remark(def, stream));
  }
  return std::make_unique<StaticResult>(std::move(columns), std::move(rows));
}

std::unique_ptr<ResultSet> primary_keys_result(CatalogContext ctx, const Argument& schema, const Argument& table) {
  std::vector<ResultColumn> columns = {text_column("TABLE_CAT"),   text_column("TABLE_SCHEM"),
                                       text_column("TABLE_NAME"),  text_column("COLUMN_NAME"),
                                       small_int_column("KEY_SEQ"), text_column("PK_NAME")};
  std::vector<Row> rows;
  if (!table) throw Error("HY009", "SQLPrimaryKeys needs a table name");
  CatalogContext exact{ctx.session, true, ctx.number_scale};
  for (auto& t : matching_base_tables(exact, schema, table)) {
    CatalogTable d = ctx.session.describe_table("", t.name);
    rows.push_back({Value::null(), Value::null(), Value::string(t.name), Value::string(d.partition_key), num(1),
                    Value::string("PRIMARY")});
    if (!d.sort_key.empty())
      rows.push_back({Value::null(), Value::null(), Value::string(t.name), Value::string(d.sort_key), num(2),
                      Value::string("PRIMARY")});
  }
  return std::make_unique<StaticResult>(std::move(columns), std::move(rows));
}

std::unique_ptr<ResultSet> statistics_result(CatalogContext ctx, const Argument& schema, const Argument& table,
                                             SQLUSMALLINT unique) {
  std::vector<ResultColumn> columns = {
      text_column("TABLE_CAT"),   text_column("TABLE_SCHEM"),     text_column("TABLE_NAME"),
      small_int_column("NON_UNIQUE"), text_column("INDEX_QUALIFIER"), text_column("INDEX_NAME"),
      small_int_column("TYPE"),   small_int_column("ORDINAL_POSITION"), text_column("COLUMN_NAME"),
      text_column("ASC_OR_DESC"), int_column("CARDINALITY"),      int_column("PAGES"),
      text_column("FILTER_CONDITION")};
  std::vector<Row> rows;
  if (!table) throw Error("HY009", "SQLStatistics needs a table name");
  CatalogContext exact{ctx.session, true, ctx.number_scale};
  for (auto& t : matching_base_tables(exact, schema, table)) {
    CatalogTable d = ctx.session.describe_table("", t.name);
    const Value name = Value::string(t.name);
    // The table's statistics row: DescribeTable's approximate item count.
    rows.push_back({Value::null(), Value::null(), name, Value::null(), Value::null(), Value::null(),
                    num(SQL_TABLE_STAT), Value::null(), Value::null(), Value::null(), num(d.item_count),
                    Value::null(), Value::null()});
    auto add_index = [&](const std::string& index, bool non_unique, const std::string& partition_key,
                         const std::string& sort_key) {
      int position = 0;
      for (const auto* attr : {&partition_key, &sort_key}) {
        if (attr->empty()) continue;
        rows.push_back({Value::null(), Value::null(), name, num(non_unique ? SQL_TRUE : SQL_FALSE), Value::null(),
                        Value::string(index), num(SQL_INDEX_HASHED), num(++position), Value::string(*attr),
                        Value::null(), Value::null(), Value::null(), Value::null()});
      }
    };
    add_index("PRIMARY", false, d.partition_key, d.sort_key);
    if (unique != SQL_INDEX_UNIQUE)
      for (const auto& index : d.indexes) add_index(index.name, true, index.partition_key, index.sort_key);
  }
  return std::make_unique<StaticResult>(std::move(columns), std::move(rows));
}

std::unique_ptr<ResultSet> special_columns_result(CatalogContext ctx, SQLUSMALLINT identifier_type,
                                                  const Argument& schema, const Argument& table) {
  std::vector<ResultColumn> columns = {small_int_column("SCOPE"),       text_column("COLUMN_NAME"),
                                       small_int_column("DATA_TYPE"),   text_column("TYPE_NAME"),
                                       int_column("COLUMN_SIZE"),       int_column("BUFFER_LENGTH"),
                                       small_int_column("DECIMAL_DIGITS"), small_int_column("PSEUDO_COLUMN")};
  std::vector<Row> rows;
  if (!table) throw Error("HY009", "SQLSpecialColumns needs a table name");
  if (identifier_type == SQL_BEST_ROWID) {
    CatalogContext exact{ctx.session, true, ctx.number_scale};
    for (auto& t : matching_base_tables(exact, schema, table)) {
      for (const auto& def : ctx.session.describe_table("", t.name).columns) {
        if (!def.is_partition_key && !def.is_sort_key) continue;
        ResultColumn c = describe_sql_type(def.type, def.scale, ctx.number_scale);
        rows.push_back({num(SQL_SCOPE_SESSION), Value::string(def.name), num(c.sql_type), Value::string(c.type_name),
                        num(static_cast<int64_t>(c.column_size)), num(buffer_length(c)),
                        c.sql_type == SQL_DECIMAL ? num(c.decimal_digits) : Value::null(), num(SQL_PC_NOT_PSEUDO)});
      }
    }
  }
  return std::make_unique<StaticResult>(std::move(columns), std::move(rows));
}

std::unique_ptr<ResultSet> foreign_keys_result() {
  auto columns = text_columns({"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT",
                               "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME"});
  for (const char* n : {"KEY_SEQ", "UPDATE_RULE", "DELETE_RULE"}) columns.push_back(small_int_column(n));
  for (const char* n : {"FK_NAME", "PK_NAME"}) columns.push_back(text_column(n));
  columns.push_back(small_int_column("DEFERRABILITY"));
  return std::make_unique<StaticResult>(std::move(columns), std::vector<Row>{});
}

std::unique_ptr<ResultSet> procedures_result() {
  auto columns = text_columns({"PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME"});
  for (const char* n : {"NUM_INPUT_PARAMS", "NUM_OUTPUT_PARAMS", "NUM_RESULT_SETS"}) columns.push_back(int_column(n));
  columns.push_back(text_column("REMARKS"));
  columns.push_back(small_int_column("PROCEDURE_TYPE"));
  return std::make_unique<StaticResult>(std::move(columns), std::vector<Row>{});
}

std::unique_ptr<ResultSet> procedure_columns_result() {
  auto columns = text_columns({"PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME"});
  columns.push_back(small_int_column("COLUMN_TYPE"));
  columns.push_back(small_int_column("DATA_TYPE"));
  columns.push_back(text_column("TYPE_NAME"));
  columns.push_back(int_column("COLUMN_SIZE"));
  columns.push_back(int_column("BUFFER_LENGTH"));
  columns.push_back(small_int_column("DECIMAL_DIGITS"));
  columns.push_back(small_int_column("NUM_PREC_RADIX"));
  columns.push_back(small_int_column("NULLABLE"));
  columns.push_back(text_column("REMARKS"));
  columns.push_back(text_column("COLUMN_DEF"));
  columns.push_back(small_int_column("SQL_DATA_TYPE"));
  columns.push_back(small_int_column("SQL_DATETIME_SUB"));
  columns.push_back(int_column("CHAR_OCTET_LENGTH"));
  columns.push_back(int_column("ORDINAL_POSITION"));
  columns.push_back(text_column("IS_NULLABLE"));
  return std::make_unique<StaticResult>(std::move(columns), std::vector<Row>{});
}

std::unique_ptr<ResultSet> table_privileges_result() {
  return std::make_unique<StaticResult>(
      text_columns({"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"}),
      std::vector<Row>{});
}

std::unique_ptr<ResultSet> column_privileges_result() {
  return std::make_unique<StaticResult>(text_columns({"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
                                                      "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"}),
                                        std::vector<Row>{});
}

}  // namespace dynamosql::odbc

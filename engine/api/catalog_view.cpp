// The catalog as clients see it (dynamosql/catalog.h): table names, stream tables, and a table's
// columns, keys, indexes and item count, from the session's cached schemas.
#include <set>

#include "api/session.h"
#include "streams/stream_table.h"

namespace dynamosql {
namespace {

CatalogColumn catalog_column(const ColumnDef& def) {
  return {def.name, def.type, def.is_partition_key, def.is_sort_key, def.scale};
}

}  // namespace

std::vector<std::string> Session::table_names() { return catalog_->table_names(); }

std::vector<std::string> Session::stream_table_names() {
  std::set<std::string> tables;
  for (const auto& summary : client_->list_streams({})) tables.insert(summary.table);
  std::vector<std::string> out;
  for (const auto& table : tables) {
    try {
      TableDescription d = client_->describe_table(table);
      if (d.stream.enabled && !d.latest_stream_arn.empty()) out.push_back(table);
    } catch (const Error& e) {
      if (e.sqlstate() != sqlstate::kTableNotFound && e.aws_type() != "ResourceNotFoundException") throw;
      // Deleted since ListStreams answered: its stream is no table's any more.
    }
  }
  return out;
}

CatalogTable Session::describe_table(const std::string& schema, const std::string& name) {
  if (!schema.empty() && schema != kStreamsSchema)
    throw Error(sqlstate::kTableNotFound, "schema \"" + schema + "\" does not exist");
  auto table = catalog_->table(name);
  CatalogTable out;
  out.schema = schema;
  out.name = name;
  if (schema == kStreamsSchema) {
    for (const auto& def : stream_column_defs(stream_table_info(*table))) out.columns.push_back(catalog_column(def));
    return out;
  }
  for (const auto& def : table->columns) out.columns.push_back(catalog_column(def));
  out.columns.push_back({kOtherColumn, SqlType::Json});
  const TableDescription& d = table->description;
  out.partition_key = d.keys.partition_key;
  out.sort_key = d.keys.sort_key;
  for (const auto& index : d.indexes) out.indexes.push_back({index.name, index.global, index.keys.partition_key, index.keys.sort_key});
  out.item_count = d.item_count;
  return out;
}

}  // namespace dynamosql

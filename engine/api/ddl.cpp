// DDL: CREATE TABLE (with GLOBAL / LOCAL INDEX clauses), DROP TABLE, CREATE / DROP INDEX (global
// secondary indexes) and ALTER TABLE ... SET (...).
// Each waits until the table and its indexes are ACTIVE again (or gone), so the next line of a script can
// use the change.
#include <algorithm>

#include "api/session.h"
#include "dynamosql/error.h"

namespace dynamosql {
namespace {

std::string option_text(const Value& v) {
  std::string t = v.type() == ValueType::String || v.type() == ValueType::Number ? v.text() : "";
  return t;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

int64_t capacity(const std::string& name, const Value& v) {
  auto n = v.type() == ValueType::Number ? v.as_number().to_int64() : std::nullopt;
  if (!n || *n < 1) throw Error(sqlstate::kInvalidParameter, name + " must be a positive integer");
  return *n;
}

// "S", "N" or "B" for a key type name; empty for an unknown one.
std::string key_type(const std::string& t) {
  if (t == "VARCHAR" || t == "STRING" || t == "TEXT" || t == "CHAR" || t == "S") return "S";
  if (t == "NUMBER" || t == "DECIMAL" || t == "NUMERIC" || t == "INT" || t == "INTEGER" || t == "BIGINT" || t == "N") return "N";
  if (t == "VARBINARY" || t == "BINARY" || t == "BLOB" || t == "BYTES" || t == "B") return "B";
  return "";
}

// The WITH (...) / SET (...) options of CREATE TABLE and ALTER TABLE.
struct TableOptions {
  std::optional<std::string> billing_mode;  // PAY_PER_REQUEST or PROVISIONED
  ThroughputSetting throughput;             // 0: not given
  std::optional<StreamSpecification> stream;
  std::optional<std::string> ttl;           // attribute, or NONE
};

TableOptions parse_table_options(const std::vector<std::pair<std::string, Value>>& options) {
  TableOptions out;
  for (const auto& [name, v] : options) {
    std::string u = upper(option_text(v));
    if (name == "billing_mode") {
      if (u == "ON_DEMAND" || u == "PAY_PER_REQUEST") out.billing_mode = "PAY_PER_REQUEST";
      else if (u == "PROVISIONED") out.billing_mode = "PROVISIONED";
      else throw Error(sqlstate::kInvalidParameter, "billing_mode is 'on_demand' or 'provisioned'");
    } else if (name == "read_capacity") {
      out.throughput.read_units = capacity(name, v);
    } else if (name == "write_capacity") {
      out.throughput.write_units = capacity(name, v);
    } else if (name == "stream") {
      if (u == "NONE" || u == "OFF") out.stream = StreamSpecification{false, ""};
      else if (u == "KEYS_ONLY" || u == "NEW_IMAGE" || u == "OLD_IMAGE" || u == "NEW_AND_OLD_IMAGES") out.stream = StreamSpecification{true, u};
      else throw Error(sqlstate::kInvalidParameter, "stream is KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or NONE");
    } else if (name == "ttl") {
      out.ttl = option_text(v);
    } else {
      throw Error(sqlstate::kInvalidParameter,
                  "unknown table option \"" + name + "\" (billing_mode, read_capacity, write_capacity, stream, ttl)");
    }
  }
  return out;
}

// The WITH (...) options of an index: projection ('ALL', 'KEYS_ONLY', 'INCLUDE a, b') and, for GSIs of
// provisioned tables, read_capacity / write_capacity (returned; 0 when not given).
ThroughputSetting apply_index_options(IndexDescription& index, const Options& options) {
  ThroughputSetting throughput;
  for (const auto& [name, v] : options) {
    if (name == "projection") {
      std::string p = upper(option_text(v));
      if (p == "ALL" || p == "KEYS_ONLY") {
        index.projection.type = p;
      } else if (p.rfind("INCLUDE", 0) == 0) {
        index.projection.type = "INCLUDE";
        std::string list = option_text(v).substr(7);
        size_t start = 0;
        while (start < list.size()) {
          size_t end = list.find(',', start);
          std::string a = list.substr(start, end == std::string::npos ? std::string::npos : end - start);
          a.erase(0, a.find_first_not_of(" \t"));
          a.erase(a.find_last_not_of(" \t") + 1);
          if (!a.empty()) index.projection.non_key_attributes.push_back(a);
          if (end == std::string::npos) break;
          start = end + 1;
        }
        if (index.projection.non_key_attributes.empty())
          throw Error(sqlstate::kInvalidParameter, "projection 'INCLUDE a, b' needs attribute names");
      } else {
        throw Error(sqlstate::kInvalidParameter, "projection is 'ALL', 'KEYS_ONLY' or 'INCLUDE a, b, ...'");
      }
    } else if (index.global && name == "read_capacity") {
      throughput.read_units = capacity(name, v);
    } else if (index.global && name == "write_capacity") {
      throughput.write_units = capacity(name, v);
    } else {
      throw Error(sqlstate::kInvalidParameter, "unknown option \"" + name + "\" for index \"" + index.name + "\" (" +
                                                   (index.global ? "projection, read_capacity, write_capacity)" : "projection; a local index shares the table's capacity)"));
    }
  }
  return throughput;
}

// A secondary index declared inside CREATE TABLE. Key types come from the index's own key list or the
// table's column definitions, and join the request's attribute definitions. A LOCAL index shares the
// table's partition key: `LOCAL INDEX by_date (created)` means (partition key, created).
IndexDescription index_of(const IndexSpec& spec, const CreateTableStatement& c, CreateTableRequest& r) {
  auto fail = [&](const std::string& message) -> Error {
    return Error(sqlstate::kSyntax, message).at(spec.position.line, spec.position.column);
  };
  IndexDescription index;
  index.name = spec.name;
  index.global = !spec.local;
  std::vector<ColumnSpec> keys = spec.keys;
  if (spec.local) {
    if (r.keys.sort_key.empty()) throw fail("local index \"" + spec.name + "\" needs a table with a sort key (PRIMARY KEY (pk, sk))");
    if (keys.size() == 1 && keys[0].name != r.keys.partition_key) keys.insert(keys.begin(), ColumnSpec{r.keys.partition_key, "", spec.position});
    if (keys.size() != 2 || keys[0].name != r.keys.partition_key)
      throw fail("local index \"" + spec.name + "\" is keyed by the table's partition key \"" + r.keys.partition_key +
                 "\" and one sort key: LOCAL INDEX " + spec.name + " (" + r.keys.partition_key + ", attribute)");
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    const ColumnSpec& k = keys[i];
    std::string declared = k.type;
    if (declared.empty()) {
      auto col = std::find_if(c.columns.begin(), c.columns.end(), [&](const ColumnSpec& x) { return x.name == k.name; });
      if (col != c.columns.end()) declared = col->type;
    }
    std::string type = key_type(declared);
    if (declared.empty())
      throw Error(sqlstate::kSyntax, "index key \"" + k.name + "\" needs a type: declare the column or write " + k.name + " VARCHAR")
          .at(k.position.line, k.position.column);
    if (type.empty())
      throw Error(sqlstate::kSyntax, "index key \"" + k.name + "\" must be VARCHAR, NUMBER or VARBINARY, not " + declared)
          .at(k.position.line, k.position.column);
    auto known = std::find_if(r.attribute_definitions.begin(), r.attribute_definitions.end(),
                              [&](const AttributeDefinition& a) { return a.name == k.name; });
    if (known == r.attribute_definitions.end()) r.attribute_definitions.push_back({k.name, type});
    else if (known->type != type)
      throw Error(sqlstate::kSyntax, "attribute \"" + k.name + "\" is used as a key with two types (" + known->type + " and " + type + ")")
          .at(k.position.line, k.position.column);
    (i == 0 ? index.keys.partition_key : index.keys.sort_key) = k.name;
  }
  ThroughputSetting t = apply_index_options(index, spec.options);
  if (t.read_units || t.write_units) {
    if (t.read_units < 1 || t.write_units < 1) throw fail("index \"" + spec.name + "\" needs both read_capacity and write_capacity");
    index.throughput = t;
  }
  return index;
}

}  // namespace

std::unique_ptr<Cursor> Session::run_create_index(const Statement& s) {
  if (in_transaction()) throw Error("25000", "CREATE INDEX cannot run inside a transaction");
  catalog_->invalidate(s.table->table);
  auto schema = catalog_->table(s.table->table);
  const TableDescription& d = schema->description;
  IndexDescription index;
  index.name = s.index_name;
  index.global = true;
  std::vector<AttributeDefinition> definitions;
  for (size_t i = 0; i < s.create->columns.size(); ++i) {
    const ColumnSpec& c = s.create->columns[i];
    std::string type = c.type.empty() ? d.attribute_type(c.name) : key_type(c.type);
    if (type.empty() && c.type.empty()) {  // not a key anywhere yet: take the sampled type
      const ColumnDef* def = schema->find(c.name);
      type = def && def->type == SqlType::Decimal ? "N" : def && def->type == SqlType::Varbinary ? "B" : "S";
    }
    if (type.empty())
      throw Error(sqlstate::kSyntax, "index key \"" + c.name + "\" must be VARCHAR, NUMBER or VARBINARY, not " + c.type)
          .at(c.position.line, c.position.column);
    definitions.push_back({c.name, type});
    (i == 0 ? index.keys.partition_key : index.keys.sort_key) = c.name;
  }
  ThroughputSetting throughput = apply_index_options(index, s.create->options);
  if (d.billing_mode == "PROVISIONED") {
    if (throughput.read_units < 1) throughput.read_units = std::max<int64_t>(1, d.throughput.read_units);
    if (throughput.write_units < 1) throughput.write_units = std::max<int64_t>(1, d.throughput.write_units);
    index.throughput = throughput;
  }
  UpdateTableRequest r;
  r.name = d.name;
  r.attribute_definitions = definitions;
  r.create_index = index;
  try {
    client_->update_table(r);
  } catch (const Error& e) {
    if (e.aws_type() == "ValidationException" && std::string(e.what()).find("already exists") != std::string::npos)
      throw Error(sqlstate::kTableExists, "index \"" + index.name + "\" already exists on \"" + d.name + "\"", e.aws_type());
    throw;
  }
  client_->wait_until_active(d.name, std::chrono::seconds(900));
  catalog_->invalidate(d.name);
  return outcome(0, "index " + index.name + " created");
}

std::unique_ptr<Cursor> Session::run_drop_index(const Statement& s) {
  if (in_transaction()) throw Error("25000", "DROP INDEX cannot run inside a transaction");
  catalog_->invalidate(s.table->table);
  auto schema = catalog_->table(s.table->table);
  const IndexDescription* index = schema->description.find_index(s.index_name);
  if (!index) throw Error(sqlstate::kTableNotFound, "table \"" + s.table->table + "\" has no index \"" + s.index_name + "\"");
  if (!index->global)
    throw Error(sqlstate::kFeatureNotSupported, "\"" + s.index_name + "\" is a local secondary index; DynamoDB drops those only with the table");
  UpdateTableRequest r;
  r.name = s.table->table;
  r.delete_index = s.index_name;
  client_->update_table(r);
  client_->wait_until_active(r.name, std::chrono::seconds(900));  // waits while the index is DELETING
  catalog_->invalidate(r.name);
  return outcome(0, "index " + s.index_name + " dropped");
}

std::unique_ptr<Cursor> Session::run_alter_table(const Statement& s) {
  if (in_transaction()) throw Error("25000", "ALTER TABLE cannot run inside a transaction");
  const std::string& table = s.table->table;
  catalog_->invalidate(table);
  auto schema = catalog_->table(table);
  TableOptions o = parse_table_options(s.create->options);
  const auto& stream = o.stream;
  const auto& ttl = o.ttl;
  const auto& billing = o.billing_mode;
  const ThroughputSetting& throughput = o.throughput;
  std::vector<std::string> done;
  if (stream) {
    if (stream->enabled && schema->description.stream.enabled)  // changing the view type: off, then on
    {
      UpdateTableRequest off;
      off.name = table;
      off.stream = StreamSpecification{false, ""};
      client_->update_table(off);
      client_->wait_until_active(table, std::chrono::seconds(300));
    }
    if (stream->enabled || schema->description.stream.enabled) {
      UpdateTableRequest r;
      r.name = table;
      r.stream = stream;
      client_->update_table(r);
      client_->wait_until_active(table, std::chrono::seconds(300));
    }
    done.push_back(stream->enabled ? "stream " + stream->view_type : "stream off");
  }
  if (billing || throughput.read_units || throughput.write_units) {
    UpdateTableRequest r;
    r.name = table;
    std::string mode = billing.value_or(throughput.read_units || throughput.write_units ? "PROVISIONED" : schema->description.billing_mode);
    r.billing_mode = mode;
    if (mode == "PROVISIONED") {
      ThroughputSetting t = schema->description.throughput;
      if (throughput.read_units) t.read_units = throughput.read_units;
      if (throughput.write_units) t.write_units = throughput.write_units;
      if (t.read_units < 1 || t.write_units < 1)
        throw Error(sqlstate::kInvalidParameter, "a provisioned table needs read_capacity and write_capacity");
      r.throughput = t;
      // On-demand GSIs have no throughput: DynamoDB needs one for each when the table becomes
      // provisioned. They take the table's (as in CREATE TABLE); provisioned ones keep their own.
      if (schema->description.billing_mode != "PROVISIONED")
        for (const auto& index : schema->description.indexes)
          if (index.global) r.index_throughput.emplace_back(index.name, t);
    }
    client_->update_table(r);
    client_->wait_until_active(table, std::chrono::seconds(300));
    done.push_back("billing " + mode);
  }
  if (ttl) {
    std::string u = upper(*ttl);
    if (u == "NONE" || u == "OFF") {
      auto current = client_->describe_time_to_live(table);
      if (current.status == "ENABLED" || current.status == "ENABLING") client_->update_time_to_live(table, current.attribute, false);
      done.push_back("ttl off");
    } else {
      client_->update_time_to_live(table, *ttl, true);
      done.push_back("ttl " + *ttl);
    }
  }
  catalog_->invalidate(table);
  std::string summary;
  for (const auto& d : done) summary += (summary.empty() ? "" : ", ") + d;
  return outcome(0, "table " + table + " altered" + (summary.empty() ? "" : ": " + summary));
}

// ---- CREATE / DROP TABLE ------------------------------------------------------------------------

std::unique_ptr<Cursor> Session::run_create_table(const Statement& s) {
  if (in_transaction()) throw Error("25000", "CREATE TABLE cannot run inside a transaction; COMMIT or ROLLBACK first");
  const CreateTableStatement& c = *s.create;
  if (c.primary_key.empty() || c.primary_key.size() > 2)
    throw Error(sqlstate::kSyntax, "CREATE TABLE needs PRIMARY KEY (partition_key[, sort_key])").at(s.position.line, s.position.column);
  CreateTableRequest r;
  r.name = s.table->table;
  r.keys.partition_key = c.primary_key[0];
  if (c.primary_key.size() == 2) r.keys.sort_key = c.primary_key[1];
  for (const auto& key : c.primary_key) {
    auto col = std::find_if(c.columns.begin(), c.columns.end(), [&](const ColumnSpec& x) { return x.name == key; });
    if (col == c.columns.end()) throw Error(sqlstate::kSyntax, "key attribute \"" + key + "\" needs a column definition with its type");
    const std::string& t = col->type;
    std::string type = key_type(t);
    if (type.empty())
      throw Error(sqlstate::kSyntax, "key attribute \"" + key + "\" must be VARCHAR, NUMBER or VARBINARY, not " + t)
          .at(col->position.line, col->position.column);
    r.attribute_definitions.push_back({key, type});
  }
  for (const IndexSpec& spec : c.indexes) r.indexes.push_back(index_of(spec, c, r));
  TableOptions o = parse_table_options(c.options);
  if (o.billing_mode) r.billing_mode = *o.billing_mode;
  if (o.throughput.read_units || o.throughput.write_units) {
    r.throughput = o.throughput;
    r.billing_mode = "PROVISIONED";
  }
  if (o.stream) r.stream = *o.stream;
  std::optional<std::string> ttl = o.ttl;
  if (r.billing_mode == "PROVISIONED" && (r.throughput.read_units < 1 || r.throughput.write_units < 1))
    throw Error(sqlstate::kInvalidParameter, "a provisioned table needs read_capacity and write_capacity");
  for (const auto& index : r.indexes)
    if (index.throughput && r.billing_mode != "PROVISIONED")
      throw Error(sqlstate::kInvalidParameter, "index \"" + index.name + "\" has a capacity but the table is on-demand");
  try {
    client_->create_table(r);
  } catch (const Error& e) {
    if (e.aws_type() == "ResourceInUseException") {
      if (c.if_not_exists) return outcome(0, "table " + r.name + " already exists");
      throw Error(sqlstate::kTableExists, "table \"" + r.name + "\" already exists", e.aws_type());
    }
    throw;
  }
  client_->wait_until_active(r.name, std::chrono::seconds(300));
  if (ttl) client_->update_time_to_live(r.name, *ttl, true);
  catalog_->invalidate(r.name);
  return outcome(0, "table " + r.name + " created");
}

std::unique_ptr<Cursor> Session::run_drop_table(const Statement& s) {
  if (in_transaction()) throw Error("25000", "DROP TABLE cannot run inside a transaction; COMMIT or ROLLBACK first");
  const std::string& name = s.table->table;
  try {
    client_->delete_table(name);
  } catch (const Error& e) {
    if (e.aws_type() == "ResourceNotFoundException") {
      if (s.if_exists) return outcome(0, "table " + name + " does not exist");
      throw Error(sqlstate::kTableNotFound, "table \"" + name + "\" does not exist", e.aws_type());
    }
    throw;
  }
  client_->wait_until_deleted(name, std::chrono::seconds(300));
  catalog_->invalidate(name);
  return outcome(0, "table " + name + " dropped");
}

}  // namespace dynamosql

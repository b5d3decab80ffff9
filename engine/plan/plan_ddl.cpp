// Plans DDL statements as ordered control-plane requests; see plan_ddl.h.
#include "plan/plan_ddl.h"

#include <algorithm>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

using Seconds = std::chrono::seconds;

std::string option_text(const Value& v) {
  return v.type() == ValueType::String || v.type() == ValueType::Number ? v.text() : "";
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

DdlPlan plan_for(const std::string& table, std::string done) {
  DdlPlan plan;
  plan.table = table;
  plan.done = std::move(done);
  return plan;
}

DdlStep step_of(DdlStep::Action action, std::string ttl_attribute = {}) {
  DdlStep step;
  step.action = action;
  step.ttl_attribute = std::move(ttl_attribute);
  return step;
}

Error syntax_error(const std::string& message, const Position& at) {
  return Error(sqlstate::kSyntax, message).at(at.line, at.column);
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

// `role` names the key in the message: "key attribute" (of the table) or "index key".
std::string checked_key_type(const ColumnSpec& key, const std::string& declared, const char* role) {
  std::string type = key_type(declared);
  if (type.empty())
    throw syntax_error(std::string(role) + " \"" + key.name + "\" must be VARCHAR, NUMBER or VARBINARY, not " + declared, key.position);
  return type;
}

// ---- options ------------------------------------------------------------------------------------

// The WITH (...) / SET (...) options of CREATE TABLE and ALTER TABLE.
struct TableOptions {
  std::optional<std::string> billing_mode;  // PAY_PER_REQUEST or PROVISIONED
  ThroughputSetting throughput;             // 0: not given
  std::optional<StreamSpecification> stream;
  std::optional<std::string> ttl;           // attribute, or NONE
};

std::optional<StreamSpecification> stream_option(const std::string& u) {
  if (u == "NONE" || u == "OFF") return StreamSpecification{false, ""};
  if (u == "KEYS_ONLY" || u == "NEW_IMAGE" || u == "OLD_IMAGE" || u == "NEW_AND_OLD_IMAGES") return StreamSpecification{true, u};
  throw Error(sqlstate::kInvalidParameter, "stream is KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or NONE");
}

TableOptions table_options(const Options& options) {
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
      out.stream = stream_option(u);
    } else if (name == "ttl") {
      out.ttl = option_text(v);
    } else {
      throw Error(sqlstate::kInvalidParameter,
                  "unknown table option \"" + name + "\" (billing_mode, read_capacity, write_capacity, stream, ttl)");
    }
  }
  return out;
}

// projection = 'ALL', 'KEYS_ONLY' or 'INCLUDE a, b, ...'.
Projection projection_option(const std::string& text) {
  Projection projection;
  std::string u = upper(text);
  if (u == "ALL" || u == "KEYS_ONLY") {
    projection.type = u;
    return projection;
  }
  if (u.rfind("INCLUDE", 0) != 0) throw Error(sqlstate::kInvalidParameter, "projection is 'ALL', 'KEYS_ONLY' or 'INCLUDE a, b, ...'");
  projection.type = "INCLUDE";
  std::string list = text.substr(7) + ",";
  for (size_t start = 0, end; (end = list.find(',', start)) != std::string::npos; start = end + 1) {
    std::string a = list.substr(start, end - start);
    a.erase(0, a.find_first_not_of(" \t"));
    a.erase(a.find_last_not_of(" \t") + 1);
    if (!a.empty()) projection.non_key_attributes.push_back(a);
  }
  if (projection.non_key_attributes.empty())
    throw Error(sqlstate::kInvalidParameter, "projection 'INCLUDE a, b' needs attribute names");
  return projection;
}

// The WITH (...) options of an index: its projection and, for GSIs of provisioned tables,
// read_capacity / write_capacity (returned; 0 when not given).
ThroughputSetting apply_index_options(IndexDescription& index, const Options& options) {
  ThroughputSetting throughput;
  for (const auto& [name, v] : options) {
    if (name == "projection") {
      index.projection = projection_option(option_text(v));
    } else if (index.global && name == "read_capacity") {
      throughput.read_units = capacity(name, v);
    } else if (index.global && name == "write_capacity") {
      throughput.write_units = capacity(name, v);
    } else {
      throw Error(sqlstate::kInvalidParameter, "unknown option \"" + name + "\" for index \"" + index.name + "\" (" +
                                                   (index.global ? "projection, read_capacity, write_capacity)"
                                                                 : "projection; a local index shares the table's capacity)"));
    }
  }
  return throughput;
}

// ---- CREATE TABLE -------------------------------------------------------------------------------

// The key list of an index declared in CREATE TABLE. A LOCAL index shares the table's partition key:
// `LOCAL INDEX by_date (created)` means (partition key, created).
std::vector<ColumnSpec> index_keys(const IndexSpec& spec, const KeySchema& table_keys) {
  std::vector<ColumnSpec> keys = spec.keys;
  if (!spec.local) return keys;
  if (table_keys.sort_key.empty())
    throw syntax_error("local index \"" + spec.name + "\" needs a table with a sort key (PRIMARY KEY (pk, sk))", spec.position);
  if (keys.size() == 1 && keys[0].name != table_keys.partition_key)
    keys.insert(keys.begin(), ColumnSpec{table_keys.partition_key, "", spec.position});
  if (keys.size() != 2 || keys[0].name != table_keys.partition_key)
    throw syntax_error("local index \"" + spec.name + "\" is keyed by the table's partition key \"" + table_keys.partition_key +
                           "\" and one sort key: LOCAL INDEX " + spec.name + " (" + table_keys.partition_key + ", attribute)",
                       spec.position);
  return keys;
}

// Adds `key` with `type` to the request's attribute definitions; one attribute has one key type.
void define_key_attribute(const ColumnSpec& key, const std::string& type, std::vector<AttributeDefinition>& definitions) {
  auto known = std::find_if(definitions.begin(), definitions.end(), [&](const AttributeDefinition& a) { return a.name == key.name; });
  if (known == definitions.end()) definitions.push_back({key.name, type});
  else if (known->type != type)
    throw syntax_error("attribute \"" + key.name + "\" is used as a key with two types (" + known->type + " and " + type + ")",
                       key.position);
}

// A secondary index declared inside CREATE TABLE. Key types come from the index's own key list or the
// table's column definitions, and join the request's attribute definitions.
IndexDescription index_of(const IndexSpec& spec, const CreateTableStatement& c, CreateTableRequest& r) {
  IndexDescription index;
  index.name = spec.name;
  index.global = !spec.local;
  std::vector<ColumnSpec> keys = index_keys(spec, r.keys);
  for (size_t i = 0; i < keys.size(); ++i) {
    const ColumnSpec& k = keys[i];
    std::string declared = k.type;
    if (declared.empty()) {
      auto col = std::find_if(c.columns.begin(), c.columns.end(), [&](const ColumnSpec& x) { return x.name == k.name; });
      if (col != c.columns.end()) declared = col->type;
    }
    if (declared.empty()) throw syntax_error("index key \"" + k.name + "\" needs a type: declare the column or write " + k.name + " VARCHAR", k.position);
    define_key_attribute(k, checked_key_type(k, declared, "index key"), r.attribute_definitions);
    (i == 0 ? index.keys.partition_key : index.keys.sort_key) = k.name;
  }
  ThroughputSetting t = apply_index_options(index, spec.options);
  if (t.read_units || t.write_units) {
    if (t.read_units < 1 || t.write_units < 1) throw syntax_error("index \"" + spec.name + "\" needs both read_capacity and write_capacity", spec.position);
    index.throughput = t;
  }
  return index;
}

CreateTableRequest create_table_request(const Statement& s) {
  const CreateTableStatement& c = *s.create;
  if (c.primary_key.empty() || c.primary_key.size() > 2) throw syntax_error("CREATE TABLE needs PRIMARY KEY (partition_key[, sort_key])", s.position);
  CreateTableRequest r;
  r.name = s.table->table;
  r.keys.partition_key = c.primary_key[0];
  if (c.primary_key.size() == 2) r.keys.sort_key = c.primary_key[1];
  for (const auto& key : c.primary_key) {
    auto col = std::find_if(c.columns.begin(), c.columns.end(), [&](const ColumnSpec& x) { return x.name == key; });
    if (col == c.columns.end()) throw Error(sqlstate::kSyntax, "key attribute \"" + key + "\" needs a column definition with its type");
    r.attribute_definitions.push_back({key, checked_key_type(*col, col->type, "key attribute")});
  }
  for (const IndexSpec& spec : c.indexes) r.indexes.push_back(index_of(spec, c, r));
  return r;
}

DdlPlan plan_create_table(const Statement& s) {
  CreateTableRequest r = create_table_request(s);
  TableOptions o = table_options(s.create->options);
  if (o.billing_mode) r.billing_mode = *o.billing_mode;
  if (o.throughput.read_units || o.throughput.write_units) {
    r.throughput = o.throughput;
    r.billing_mode = "PROVISIONED";
  }
  if (o.stream) r.stream = *o.stream;
  if (r.billing_mode == "PROVISIONED" && (r.throughput.read_units < 1 || r.throughput.write_units < 1))
    throw Error(sqlstate::kInvalidParameter, "a provisioned table needs read_capacity and write_capacity");
  for (const auto& index : r.indexes)
    if (index.throughput && r.billing_mode != "PROVISIONED")
      throw Error(sqlstate::kInvalidParameter, "index \"" + index.name + "\" has a capacity but the table is on-demand");
  DdlPlan plan = plan_for(r.name, "table " + r.name + " created");
  plan.if_not_exists = s.create->if_not_exists;
  DdlStep create = step_of(DdlStep::Action::CreateTable);
  create.create = std::move(r);
  plan.steps.push_back(std::move(create));
  if (o.ttl) plan.steps.push_back(step_of(DdlStep::Action::EnableTimeToLive, *o.ttl));
  return plan;
}

DdlPlan plan_drop_table(const Statement& s) {
  const std::string& name = s.table->table;
  DdlPlan plan = plan_for(name, "table " + name + " dropped");
  plan.if_exists = s.if_exists;
  plan.steps.push_back(step_of(DdlStep::Action::DeleteTable));
  return plan;
}

// ---- indexes on an existing table ---------------------------------------------------------------

DdlStep update_step(UpdateTableRequest request, Seconds wait = Seconds(300)) {
  DdlStep step = step_of(DdlStep::Action::UpdateTable);
  step.update = std::move(request);
  step.wait = wait;
  return step;
}

// The DynamoDB type of an index key: as declared in the statement, else as the table's key definitions
// have it, else the sampled column's type (an attribute that is not a key anywhere yet).
std::string index_key_type(const ColumnSpec& c, const TableSchema& schema) {
  if (!c.type.empty()) return checked_key_type(c, c.type, "index key");
  std::string type = schema.description.attribute_type(c.name);
  if (!type.empty()) return type;
  const ColumnDef* def = schema.find(c.name);
  return def && def->type == SqlType::Decimal ? "N" : def && def->type == SqlType::Varbinary ? "B" : "S";
}

DdlPlan plan_create_index(const Statement& s, const TableSchema& schema) {
  const TableDescription& d = schema.description;
  IndexDescription index;
  index.name = s.index_name;
  index.global = true;
  UpdateTableRequest r;
  r.name = d.name;
  for (size_t i = 0; i < s.create->columns.size(); ++i) {
    const ColumnSpec& c = s.create->columns[i];
    r.attribute_definitions.push_back({c.name, index_key_type(c, schema)});
    (i == 0 ? index.keys.partition_key : index.keys.sort_key) = c.name;
  }
  ThroughputSetting throughput = apply_index_options(index, s.create->options);
  if (d.billing_mode == "PROVISIONED") {
    if (throughput.read_units < 1) throughput.read_units = std::max<int64_t>(1, d.throughput.read_units);
    if (throughput.write_units < 1) throughput.write_units = std::max<int64_t>(1, d.throughput.write_units);
    index.throughput = throughput;
  }
  r.create_index = index;
  DdlPlan plan = plan_for(d.name, "index " + index.name + " created");
  plan.steps.push_back(update_step(std::move(r), Seconds(900)));  // backfilling a GSI takes a while
  return plan;
}

DdlPlan plan_drop_index(const Statement& s, const TableSchema& schema) {
  const IndexDescription* index = schema.description.find_index(s.index_name);
  if (!index) throw Error(sqlstate::kTableNotFound, "table \"" + s.table->table + "\" has no index \"" + s.index_name + "\"");
  if (!index->global)
    throw Error(sqlstate::kFeatureNotSupported, "\"" + s.index_name + "\" is a local secondary index; DynamoDB drops those only with the table");
  UpdateTableRequest r;
  r.name = schema.description.name;
  r.delete_index = s.index_name;
  DdlPlan plan = plan_for(r.name, "index " + s.index_name + " dropped");
  plan.steps.push_back(update_step(std::move(r), Seconds(900)));  // waits while the index is DELETING
  return plan;
}

// ---- ALTER TABLE --------------------------------------------------------------------------------

// Changing a stream's view type is two updates (off, then on); switching off one that is off is none.
void add_stream_steps(const StreamSpecification& stream, const TableDescription& d, DdlPlan& plan) {
  auto switch_to = [&](const StreamSpecification& to) {
    UpdateTableRequest r;
    r.name = d.name;
    r.stream = to;
    plan.steps.push_back(update_step(std::move(r)));
  };
  if (stream.enabled && d.stream.enabled) switch_to(StreamSpecification{false, ""});
  if (stream.enabled || d.stream.enabled) switch_to(stream);
}

UpdateTableRequest billing_request(const TableOptions& o, const TableDescription& d) {
  UpdateTableRequest r;
  r.name = d.name;
  const ThroughputSetting& asked = o.throughput;
  std::string mode = o.billing_mode.value_or(asked.read_units || asked.write_units ? "PROVISIONED" : d.billing_mode);
  r.billing_mode = mode;
  if (mode != "PROVISIONED") return r;
  ThroughputSetting t = d.throughput;
  if (asked.read_units) t.read_units = asked.read_units;
  if (asked.write_units) t.write_units = asked.write_units;
  if (t.read_units < 1 || t.write_units < 1) throw Error(sqlstate::kInvalidParameter, "a provisioned table needs read_capacity and write_capacity");
  r.throughput = t;
  // On-demand GSIs have no throughput: DynamoDB needs one for each when the table becomes provisioned.
  // They take the table's (as in CREATE TABLE); provisioned ones keep their own.
  if (d.billing_mode != "PROVISIONED")
    for (const auto& index : d.indexes)
      if (index.global) r.index_throughput.emplace_back(index.name, t);
  return r;
}

DdlPlan plan_alter_table(const Statement& s, const TableSchema& schema) {
  const TableDescription& d = schema.description;
  TableOptions o = table_options(s.create->options);
  DdlPlan plan = plan_for(d.name, "table " + d.name + " altered");
  std::vector<std::string> done;
  if (o.stream) {
    add_stream_steps(*o.stream, d, plan);
    done.push_back(o.stream->enabled ? "stream " + o.stream->view_type : "stream off");
  }
  if (o.billing_mode || o.throughput.read_units || o.throughput.write_units) {
    UpdateTableRequest r = billing_request(o, d);
    done.push_back("billing " + *r.billing_mode);
    plan.steps.push_back(update_step(std::move(r)));
  }
  if (o.ttl) {
    bool off = upper(*o.ttl) == "NONE" || upper(*o.ttl) == "OFF";
    plan.steps.push_back(off ? step_of(DdlStep::Action::DisableTimeToLive) : step_of(DdlStep::Action::EnableTimeToLive, *o.ttl));
    done.push_back(off ? "ttl off" : "ttl " + *o.ttl);
  }
  for (size_t i = 0; i < done.size(); ++i) plan.done += (i ? ", " : ": ") + done[i];
  return plan;
}

}  // namespace

const char* ddl_statement_name(StatementKind kind) {
  switch (kind) {
    case StatementKind::CreateTable: return "CREATE TABLE";
    case StatementKind::DropTable: return "DROP TABLE";
    case StatementKind::CreateIndex: return "CREATE INDEX";
    case StatementKind::DropIndex: return "DROP INDEX";
    case StatementKind::AlterTable: return "ALTER TABLE";
    default: return nullptr;
  }
}

DdlPlan plan_ddl(const Statement& s, Catalog& catalog, DdlPlanning planning) {
  switch (s.kind) {
    case StatementKind::CreateTable: return plan_create_table(s);
    case StatementKind::DropTable: return plan_drop_table(s);
    default: break;
  }
  if (planning == DdlPlanning::ToRun) catalog.invalidate(s.table->table);  // plan the change from the table as it is now
  auto schema = catalog.table(s.table->table);
  switch (s.kind) {
    case StatementKind::CreateIndex: return plan_create_index(s, *schema);
    case StatementKind::DropIndex: return plan_drop_index(s, *schema);
    case StatementKind::AlterTable: return plan_alter_table(s, *schema);
    default: break;
  }
  throw Error(sqlstate::kGeneral, "internal error: not a DDL statement");
}

}  // namespace dynamosql

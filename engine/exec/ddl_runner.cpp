// Sends a DDL plan's requests; see ddl_runner.h.
#include "exec/ddl_runner.h"

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

bool already_exists(const Error& e) {
  return e.aws_type() == "ResourceInUseException" ||
         (e.aws_type() == "ValidationException" && std::string(e.what()).find("already exists") != std::string::npos);
}

// A table or index that exists already (or is missing) as the SQL error a user recognises.
[[noreturn]] void fail_as_sql(const Error& e, const DdlPlan& plan, const DdlStep& step) {
  if (step.action == DdlStep::Action::CreateTable && e.aws_type() == "ResourceInUseException")
    throw Error(sqlstate::kTableExists, "table \"" + plan.table + "\" already exists", e.aws_type());
  if (step.action == DdlStep::Action::DeleteTable && e.aws_type() == "ResourceNotFoundException")
    throw Error(sqlstate::kTableNotFound, "table \"" + plan.table + "\" does not exist", e.aws_type());
  if (step.update.create_index && already_exists(e))
    throw Error(sqlstate::kTableExists, "index \"" + step.update.create_index->name + "\" already exists on \"" + plan.table + "\"",
                e.aws_type());
  throw;  // called inside the handler: rethrows DynamoDB's error as it was
}

void disable_time_to_live(DynamoClient& client, const std::string& table) {
  TimeToLive current = client.describe_time_to_live(table);
  if (current.status == "ENABLED" || current.status == "ENABLING") client.update_time_to_live(table, current.attribute, false);
}

void send(const DdlStep& step, const std::string& table, DynamoClient& client) {
  switch (step.action) {
    case DdlStep::Action::CreateTable:
      client.create_table(step.create);
      client.wait_until_active(table, step.wait);
      return;
    case DdlStep::Action::DeleteTable:
      client.delete_table(table);
      client.wait_until_deleted(table, step.wait);
      return;
    case DdlStep::Action::UpdateTable:
      client.update_table(step.update);
      client.wait_until_active(table, step.wait);
      return;
    case DdlStep::Action::EnableTimeToLive: client.update_time_to_live(table, step.ttl_attribute, true); return;
    case DdlStep::Action::DisableTimeToLive: disable_time_to_live(client, table); return;
  }
}

// ---- EXPLAIN ------------------------------------------------------------------------------------

// "key=(pk S, sk N)"; a key without a definition in `definitions` is shown by name alone.
std::string key_text(const KeySchema& keys, const std::vector<AttributeDefinition>& definitions) {
  auto typed = [&](const std::string& name) {
    for (const auto& d : definitions)
      if (d.name == name) return name + " " + d.type;
    return name;
  };
  return "key=(" + typed(keys.partition_key) + (keys.sort_key.empty() ? "" : ", " + typed(keys.sort_key)) + ")";
}

std::string capacity_text(const ThroughputSetting& t) {
  return " read_capacity=" + std::to_string(t.read_units) + " write_capacity=" + std::to_string(t.write_units);
}

std::string index_text(const IndexDescription& index, const std::vector<AttributeDefinition>& definitions) {
  std::string text = std::string(index.global ? "GSI " : "LSI ") + index.name + " " + key_text(index.keys, definitions) +
                     " projection=" + index.projection.type;
  for (size_t i = 0; i < index.projection.non_key_attributes.size(); ++i)
    text += (i ? ", " : " (") + index.projection.non_key_attributes[i] + (i + 1 == index.projection.non_key_attributes.size() ? ")" : "");
  if (index.throughput) text += capacity_text(*index.throughput);
  return text;
}

std::string stream_text(const StreamSpecification& stream) { return "stream=" + (stream.enabled ? stream.view_type : "OFF"); }

void explain_create(const CreateTableRequest& r, std::vector<std::string>& lines) {
  std::string line = "CreateTable " + r.name + " " + key_text(r.keys, r.attribute_definitions) + " billing=" + r.billing_mode;
  if (r.billing_mode == "PROVISIONED") line += capacity_text(r.throughput);
  if (r.stream.enabled) line += " " + stream_text(r.stream);
  lines.push_back(line);
  for (const auto& index : r.indexes) lines.push_back("  " + index_text(index, r.attribute_definitions));
}

void explain_update(const UpdateTableRequest& r, std::vector<std::string>& lines) {
  std::string line = "UpdateTable " + r.name;
  if (r.billing_mode) line += " billing=" + *r.billing_mode;
  if (r.throughput) line += capacity_text(*r.throughput);
  if (r.stream) line += " " + stream_text(*r.stream);
  if (r.create_index) line += " create " + index_text(*r.create_index, r.attribute_definitions);
  if (r.delete_index) line += " delete index " + *r.delete_index;
  lines.push_back(line);
  for (const auto& [index, t] : r.index_throughput) lines.push_back("  GSI " + index + capacity_text(t));
}

}  // namespace

std::vector<std::string> explain_ddl_plan(const DdlPlan& plan) {
  std::vector<std::string> lines;
  for (const DdlStep& step : plan.steps) {
    switch (step.action) {
      case DdlStep::Action::CreateTable: explain_create(step.create, lines); break;
      case DdlStep::Action::DeleteTable: lines.push_back("DeleteTable " + plan.table); break;
      case DdlStep::Action::UpdateTable: explain_update(step.update, lines); break;
      case DdlStep::Action::EnableTimeToLive: lines.push_back("UpdateTimeToLive " + plan.table + " enable attribute=" + step.ttl_attribute); break;
      case DdlStep::Action::DisableTimeToLive: lines.push_back("UpdateTimeToLive " + plan.table + " disable"); break;
    }
  }
  if (lines.empty()) lines.push_back("nothing to change on " + plan.table);
  return lines;
}

std::string run_ddl_plan(const DdlPlan& plan, DynamoClient& client, Catalog& catalog) {
  for (const DdlStep& step : plan.steps) {
    try {
      send(step, plan.table, client);
    } catch (const Error& e) {
      if (plan.if_not_exists && step.action == DdlStep::Action::CreateTable && e.aws_type() == "ResourceInUseException")
        return "table " + plan.table + " already exists";
      if (plan.if_exists && step.action == DdlStep::Action::DeleteTable && e.aws_type() == "ResourceNotFoundException")
        return "table " + plan.table + " does not exist";
      fail_as_sql(e, plan, step);
    }
  }
  catalog.invalidate(plan.table);
  return plan.done;
}

}  // namespace dynamosql

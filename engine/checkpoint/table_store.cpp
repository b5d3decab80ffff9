// Checkpoints in the DynamoDB table dynamosql_checkpoints, so that any machine can continue a job:
// partition key `name` (the checkpoint name), sort key `entry` (the entry's key), `state` the entry as
// JSON text, the entry's plain members (strings, integers, booleans) copied beside it as attributes so
// `SELECT entry, rows_written, done FROM dynamosql_checkpoints WHERE name = 'x'` shows a job's progress,
// and `updated` (UTC) and `host` (hostname:pid) of the last save. Loads are consistent reads. A save is
// one PutItem whose condition refuses to replace a finished entry (done = true). The table is created
// (on-demand billing) by the first save that finds it missing; processes racing to create it wait
// for it to become ACTIVE.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <chrono>
#include <ctime>

#include "checkpoint/checkpoint_store.h"
#include "dynamosql/error.h"
#include "dynamo/dynamo_client.h"

namespace dynamosql {
namespace {

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string host_and_pid() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

bool is_missing_table(const Error& e) { return e.aws_type() == "ResourceNotFoundException"; }

class TableCheckpointStore : public CheckpointStore {
 public:
  TableCheckpointStore(std::string name, DynamoClient& client) : name_(std::move(name)), client_(client) {}

  rapidjson::Document load_entry(const std::string& key) const override {
    rapidjson::Document out;
    out.SetObject();
    GetItemRequest get;
    get.table = kCheckpointTable;
    get.key = key_of(key);
    get.consistent_read = true;
    std::optional<Item> item;
    try {
      item = client_.get_item(get).item;
    } catch (const Error& e) {
      if (is_missing_table(e)) return out;  // nothing was ever saved
      throw;
    }
    const Value* state = item ? find_attribute(*item, "state") : nullptr;
    if (!state) return out;
    out.Parse(state->text().c_str());
    if (out.HasParseError() || !out.IsObject())
      throw Error(sqlstate::kDataException, "the checkpoint entry " + key + " in " + where() + " is not valid JSON");
    return out;
  }

  bool save_entry(const std::string& key, const rapidjson::Value& entry) const override {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    entry.Accept(writer);
    PutItemRequest put;
    put.table = kCheckpointTable;
    put.item = key_of(key);
    for (const auto& m : entry.GetObject()) {
      std::string member = m.name.GetString();
      if (member == "name" || member == "entry" || member == "state") continue;
      if (m.value.IsString()) put.item.emplace_back(member, Value::string(m.value.GetString()));
      else if (m.value.IsInt64()) put.item.emplace_back(member, Value::number(Number(m.value.GetInt64())));
      else if (m.value.IsBool()) put.item.emplace_back(member, Value::boolean(m.value.GetBool()));
    }
    put.item.emplace_back("state", Value::string(buffer.GetString()));
    put.item.emplace_back("updated", Value::string(utc_now()));
    put.item.emplace_back("host", Value::string(host_and_pid()));
    put.condition = "attribute_not_exists(#done) OR #done = :false";
    put.attributes.names["#done"] = "done";
    put.attributes.values[":false"] = Value::boolean(false);
    for (int attempt = 0;; ++attempt) {
      try {
        client_.put_item(put);
        return true;
      } catch (const Error& e) {
        if (e.aws_type() == "ConditionalCheckFailedException") return false;
        if (!is_missing_table(e) || attempt > 0) throw;
      }
      create_table();
    }
  }

  std::string where() const override { return "table " + std::string(kCheckpointTable) + ", name '" + name_ + "'"; }

 private:
  Item key_of(const std::string& key) const { return {{"name", Value::string(name_)}, {"entry", Value::string(key)}}; }

  void create_table() const {
    CreateTableRequest create;
    create.name = kCheckpointTable;
    create.keys = {"name", "entry"};
    create.attribute_definitions = {{"name", "S"}, {"entry", "S"}};
    try {
      client_.create_table(create);
    } catch (const Error& e) {
      if (e.aws_type() != "ResourceInUseException") throw;  // another process is creating it
    }
    client_.wait_until_active(kCheckpointTable, std::chrono::seconds(120));
  }

  std::string name_;
  DynamoClient& client_;
};

}  // namespace

std::unique_ptr<CheckpointStore> open_table_checkpoint_store(const std::string& name, DynamoClient& client) {
  return std::make_unique<TableCheckpointStore>(name, client);
}

}  // namespace dynamosql

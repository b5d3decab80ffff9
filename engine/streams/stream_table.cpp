// The stream virtual table; see stream_table.h.
#include "streams/stream_table.h"

#include "checkpoint/checkpoint_store.h"
#include "dynamosql/error.h"
#include "function/datetime_values.h"

namespace dynamosql {
namespace {

struct FixedColumn {
  const char* name;
  SqlType type;
};

constexpr FixedColumn kFixed[] = {
    {"event_id", SqlType::Varchar},        {"event_name", SqlType::Varchar},
    {"sequence_number", SqlType::Decimal}, {"approximate_creation_time", SqlType::Timestamp},
    {"shard_id", SqlType::Varchar},        {"parent_shard_id", SqlType::Varchar},
    {"stream_view_type", SqlType::Varchar}, {"size_bytes", SqlType::Decimal},
    {"keys", SqlType::Json},               {"new_image", SqlType::Json},
    {"old_image", SqlType::Json},          {"user_identity", SqlType::Json},
};

// DynamoDB sends ApproximateCreationDateTime as epoch seconds (a JSON number); a TIMESTAMP's canonical
// text (UTC), so it compares and sorts with other timestamps.
Value creation_time(const std::string& epoch) {
  auto n = Number::parse(epoch);
  if (!n) return Value::null();
  try {
    return timestamp_value(timestamp_from_epoch(*n, EpochUnit::Seconds));
  } catch (const Error&) {
    return Value::null();
  }
}

std::string start_text(const StreamSourceOptions& o) {
  std::string s;
  if (o.read.from_sequence) s = std::string(o.read.from_inclusive ? "at" : "after") + " sequence number " + *o.read.from_sequence;
  else if (o.read.start_at_latest) s = "LATEST";
  else s = "TRIM_HORIZON";
  if (!o.checkpoint.empty()) s += ", checkpoint '" + o.checkpoint + "'";
  if (o.read.follow) s += ", follow";
  return s;
}


// A stream's positions in a checkpoint: the entry keyed by the stream ARN, one member per shard
// ({"sequence_number": ..., "done": ...}). A re-created stream (new ARN) starts from its beginning.
StreamPositions load_positions(const CheckpointStore& store, const std::string& stream_arn) {
  StreamPositions out;
  rapidjson::Document entry = store.load_entry(stream_arn);
  for (auto& shard : entry.GetObject()) {
    if (!shard.value.IsObject()) continue;
    ShardPosition p;
    if (shard.value.HasMember("sequence_number") && shard.value["sequence_number"].IsString())
      p.sequence_number = shard.value["sequence_number"].GetString();
    p.done = shard.value.HasMember("done") && shard.value["done"].IsBool() && shard.value["done"].GetBool();
    out[shard.name.GetString()] = p;
  }
  return out;
}

void save_positions(const CheckpointStore& store, const std::string& stream_arn, const StreamPositions& positions) {
  rapidjson::Document entry;
  entry.SetObject();
  auto& alloc = entry.GetAllocator();
  for (const auto& [shard_id, p] : positions) {
    rapidjson::Value shard(rapidjson::kObjectType);
    shard.AddMember("sequence_number", rapidjson::Value(p.sequence_number.c_str(), alloc), alloc);
    shard.AddMember("done", p.done, alloc);
    entry.AddMember(rapidjson::Value(shard_id.c_str(), alloc), shard, alloc);
  }
  store.save_entry(stream_arn, entry);
}

}  // namespace

StreamTableInfo stream_table_info(const TableSchema& base) {
  const TableDescription& d = base.description;
  if (!d.stream.enabled || d.latest_stream_arn.empty())
    throw Error("55000", "table \"" + d.name + "\" has no stream enabled; turn one on with ALTER TABLE " + d.name +
                             " SET (stream = 'NEW_AND_OLD_IMAGES')");
  StreamTableInfo info;
  info.table = d.name;
  info.stream_arn = d.latest_stream_arn;
  info.view_type = d.stream.view_type;
  for (const auto& c : base.columns) {
    if (!c.is_partition_key && !c.is_sort_key) continue;
    bool clash = false;
    for (const auto& f : kFixed) clash = clash || c.name == f.name;
    if (!clash) info.key_columns.push_back(c);
  }
  return info;
}

std::vector<ColumnDef> stream_column_defs(const StreamTableInfo& info) {
  std::vector<ColumnDef> out;
  for (const auto& f : kFixed) out.push_back({f.name, f.type, false, false, 0, std::nullopt, std::nullopt});
  out.insert(out.end(), info.key_columns.begin(), info.key_columns.end());
  return out;
}

Row stream_record_row(StreamRecord&& r, const StreamTableInfo& info, const std::string& shard_id,
                      const std::string& parent_shard_id) {
  Row row;
  row.reserve(std::size(kFixed) + info.key_columns.size());
  row.push_back(Value::string(std::move(r.event_id)));
  row.push_back(Value::string(std::move(r.event_name)));
  row.push_back(Value::number_text(std::move(r.sequence_number)));
  row.push_back(creation_time(r.approximate_creation_time));
  row.push_back(Value::string(shard_id));
  row.push_back(parent_shard_id.empty() ? Value::null() : Value::string(parent_shard_id));
  row.push_back(Value::string(r.view_type.empty() ? info.view_type : r.view_type));
  row.push_back(Value::number(Number(r.size_bytes)));
  std::vector<Value> key_values;
  for (const auto& k : info.key_columns) {
    const Value* v = find_attribute(r.keys, k.name);
    key_values.push_back(v ? *v : Value::missing());
  }
  row.push_back(Value::map(std::move(r.keys)));
  row.push_back(r.new_image ? Value::map(std::move(*r.new_image)) : Value::null());
  row.push_back(r.old_image ? Value::map(std::move(*r.old_image)) : Value::null());
  if (r.user_identity_type.empty()) {
    row.push_back(Value::null());
  } else {
    row.push_back(Value::map({{"type", Value::string(r.user_identity_type)},
                              {"principal_id", Value::string(r.user_identity_principal)}}));
  }
  for (auto& v : key_values) row.push_back(std::move(v));
  return row;
}

StreamSource::StreamSource(StreamTableInfo info, StreamSourceOptions options)
    : info_(std::move(info)), options_(std::move(options)) {
  // Virtual columns: no base table.
  for (const auto& c : stream_column_defs(info_)) columns.push_back({c.name, "", c.type, false});
}

StreamSource::~StreamSource() = default;

void StreamSource::open(ExecContext& ctx) {
  ctx_ = &ctx;
  finished_ = false;
  StreamReadOptions read = options_.read;
  if (!options_.checkpoint.empty())
    read.checkpoint = load_positions(*open_checkpoint_store(options_.checkpoint_store, options_.checkpoint, *ctx.client), info_.stream_arn);
  api_ = std::make_unique<ClientStreamApi>(*ctx.client);
  reader_ = std::make_unique<StreamReader>(*api_, info_.stream_arn, std::move(read));
}

bool StreamSource::next(RowBatch& batch) {
  if (finished_) return false;
  std::vector<StreamRecord> records;
  auto check = [this] { ctx_->check_cancelled(); };
  while (records.empty()) {
    if (!reader_->next(records, check)) {
      finished_ = true;
      if (!options_.checkpoint.empty()) {
        // Saved only when the whole statement succeeds (see ExecContext::on_success).
        ctx_->on_success.push_back([options = options_, client = ctx_->client, arn = info_.stream_arn, positions = reader_->positions()] {
          save_positions(*open_checkpoint_store(options.checkpoint_store, options.checkpoint, *client), arn, positions);
        });
      }
      return false;
    }
  }
  // Stream reads cost no read units; read_rows_per_second holds them to its rate in records.
  ctx_->reads.read({}, records.size(), 0);
  const std::string& shard = reader_->current_shard();
  const std::string& parent = reader_->parent_of(shard);
  for (auto& r : records) batch.push_back(stream_record_row(std::move(r), info_, shard, parent));
  rows_out += records.size();
  return true;
}

std::string StreamSource::describe(bool analyze) const {
  std::string s = "StreamRead " + std::string(kStreamsSchema) + "." + info_.table + " (" + start_text(options_) + ")";
  if (analyze && reader_) {
    const auto& st = reader_->stats();
    s += " [records=" + std::to_string(st.records) + " shards=" + std::to_string(st.shards) +
         " requests=" + std::to_string(st.requests) + " expired_iterators=" + std::to_string(st.expired_iterators) + "]";
  }
  return s;
}

}  // namespace dynamosql

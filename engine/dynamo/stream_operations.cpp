// DynamoDB Streams calls: ListStreams, DescribeStream (one page of shards), GetShardIterator (all four
// iterator types) and GetRecords.
#include "dynamo/dynamo_client.h"
#include "dynamo/wire.h"
#include "dynamosql/error.h"

namespace dynamosql {

using namespace wire;

std::vector<StreamSummary> DynamoClient::list_streams(const std::string& table) {
  std::vector<StreamSummary> out;
  std::string start;
  do {
    auto doc = call(Api::Streams, "ListStreams", body_of([&](JsonWriter& w) {
                      optional_string(w, "TableName", table);
                      optional_string(w, "ExclusiveStartStreamArn", start);
                    }));
    auto streams = doc.FindMember("Streams");
    if (streams != doc.MemberEnd() && streams->value.IsArray())
      for (const auto& s : streams->value.GetArray())
        out.push_back({string_member(s, "StreamArn"), string_member(s, "TableName"), string_member(s, "StreamLabel")});
    start = string_member(doc, "LastEvaluatedStreamArn");
  } while (!start.empty());
  return out;
}

StreamDescription DynamoClient::describe_stream(const std::string& stream_arn, const std::string& exclusive_start_shard_id) {
  auto doc = call(Api::Streams, "DescribeStream", body_of([&](JsonWriter& w) {
                    key_value(w, "StreamArn", stream_arn);
                    optional_string(w, "ExclusiveStartShardId", exclusive_start_shard_id);
                  }));
  const auto& d = doc["StreamDescription"];
  StreamDescription out;
  out.arn = string_member(d, "StreamArn");
  out.label = string_member(d, "StreamLabel");
  out.status = string_member(d, "StreamStatus");
  out.view_type = string_member(d, "StreamViewType");
  out.table = string_member(d, "TableName");
  auto ks = d.FindMember("KeySchema");
  if (ks != d.MemberEnd()) out.keys = key_schema(ks->value);
  auto shards = d.FindMember("Shards");
  if (shards != d.MemberEnd() && shards->value.IsArray())
    for (const auto& s : shards->value.GetArray()) {
      Shard shard;
      shard.shard_id = string_member(s, "ShardId");
      shard.parent_shard_id = string_member(s, "ParentShardId");
      auto range = s.FindMember("SequenceNumberRange");
      if (range != s.MemberEnd()) {
        shard.starting_sequence_number = string_member(range->value, "StartingSequenceNumber");
        shard.ending_sequence_number = string_member(range->value, "EndingSequenceNumber");
      }
      out.shards.push_back(std::move(shard));
    }
  out.last_evaluated_shard_id = string_member(d, "LastEvaluatedShardId");
  return out;
}

std::string DynamoClient::get_shard_iterator(const std::string& stream_arn, const std::string& shard_id,
                                             ShardIteratorType type, const std::string& sequence_number) {
  static const char* names[] = {"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"};
  auto doc = call(Api::Streams, "GetShardIterator", body_of([&](JsonWriter& w) {
                    key_value(w, "StreamArn", stream_arn);
                    key_value(w, "ShardId", shard_id);
                    key_value(w, "ShardIteratorType", names[static_cast<int>(type)]);
                    if (type == ShardIteratorType::AtSequenceNumber || type == ShardIteratorType::AfterSequenceNumber)
                      key_value(w, "SequenceNumber", sequence_number);
                  }));
  return string_member(doc, "ShardIterator");
}

RecordsPage DynamoClient::get_records(const std::string& shard_iterator, int limit) {
  auto doc = call(Api::Streams, "GetRecords", body_of([&](JsonWriter& w) {
                    key_value(w, "ShardIterator", shard_iterator);
                    if (limit > 0) w.Key("Limit"), w.Int(limit);
                  }));
  RecordsPage page;
  page.next_shard_iterator = string_member(doc, "NextShardIterator");
  auto records = doc.FindMember("Records");
  if (records == doc.MemberEnd() || !records->value.IsArray()) return page;
  for (const auto& r : records->value.GetArray()) {
    StreamRecord rec;
    rec.event_id = string_member(r, "eventID");
    rec.event_name = string_member(r, "eventName");
    rec.event_source = string_member(r, "eventSource");
    rec.aws_region = string_member(r, "awsRegion");
    auto ui = r.FindMember("userIdentity");
    if (ui != r.MemberEnd()) {
      rec.user_identity_type = string_member(ui->value, "type");
      rec.user_identity_principal = string_member(ui->value, "principalId");
    }
    auto d = r.FindMember("dynamodb");
    if (d != r.MemberEnd() && d->value.IsObject()) {
      const auto& db = d->value;
      rec.sequence_number = string_member(db, "SequenceNumber");
      auto t = db.FindMember("ApproximateCreationDateTime");
      if (t != db.MemberEnd() && t->value.IsNumber()) {
        rapidjson::StringBuffer sb;
        rapidjson::Writer<rapidjson::StringBuffer> w(sb);
        t->value.Accept(w);
        rec.approximate_creation_time = sb.GetString();
      }
      rec.size_bytes = int_member(db, "SizeBytes");
      rec.view_type = string_member(db, "StreamViewType");
      auto keys = db.FindMember("Keys");
      if (keys != db.MemberEnd()) rec.keys = item_from_wire(keys->value);
      auto ni = db.FindMember("NewImage");
      if (ni != db.MemberEnd()) rec.new_image = item_from_wire(ni->value);
      auto oi = db.FindMember("OldImage");
      if (oi != db.MemberEnd()) rec.old_image = item_from_wire(oi->value);
    }
    page.records.push_back(std::move(rec));
  }
  return page;
}

}  // namespace dynamosql

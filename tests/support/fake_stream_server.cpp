// A fake DynamoDB Streams API with split shards; see fake_stream_server.h.
#include "support/fake_stream_server.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "streams/stream_reader.h"
#include "support/http_wire.h"

namespace dynamosql::testing {
namespace {

constexpr size_t kShardsPerPage = 2;   // DescribeStream pages, so paging is exercised
constexpr size_t kRecordsPerPage = 2;  // GetRecords pages

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

std::string member(const rapidjson::Document& d, const char* name) {
  auto it = d.FindMember(name);
  return it != d.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

std::string validation(const std::string& message) {
  return R"({"__type":"com.amazon.coral.validate#ValidationException","message":")" + message + "\"}";
}

}  // namespace

FakeStreamServer::FakeStreamServer(std::vector<FakeShard> shards) : shards_(std::move(shards)) {
  listen_fd_ = listen_on_loopback(port_);
  thread_ = std::thread([this] { serve_connections(listen_fd_, stop_, [this](int fd) { return answer(fd); }, true); });
}

FakeStreamServer::~FakeStreamServer() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

void FakeStreamServer::set_shards(std::vector<FakeShard> shards) {
  std::lock_guard<std::mutex> lock(mutex_);
  shards_ = std::move(shards);
}

std::vector<std::string> FakeStreamServer::iterator_calls() {
  std::lock_guard<std::mutex> lock(mutex_);
  return iterator_calls_;
}

int FakeStreamServer::most_get_records_in_flight() {
  std::lock_guard<std::mutex> lock(mutex_);
  return most_in_flight_;
}

int FakeStreamServer::most_get_records_in_flight_on_one_shard() {
  std::lock_guard<std::mutex> lock(mutex_);
  return most_in_flight_one_shard_;
}

const FakeShard* FakeStreamServer::find(const std::string& id) const {
  for (const auto& s : shards_)
    if (s.id == id) return &s;
  return nullptr;
}

bool FakeStreamServer::answer(int fd) {
  std::string headers, body;
  if (!read_http_request(fd, stop_, headers, body)) return false;
  rapidjson::Document request;
  request.Parse(body.c_str());
  std::string target = header_value(headers, "x-amz-target");
  std::string operation = target.substr(target.find('.') + 1);
  int status = 200;
  std::string reply;
  std::string reading_shard;  // GetRecords: counted in flight while it waits
  if (operation == "GetRecords") {
    std::string iterator = member(request, "ShardIterator");
    reading_shard = iterator.substr(0, iterator.find('|'));
    std::lock_guard<std::mutex> lock(mutex_);
    int total = 1;
    for (const auto& [shard, n] : in_flight_) total += n;
    most_in_flight_ = std::max(most_in_flight_, total);
    most_in_flight_one_shard_ = std::max(most_in_flight_one_shard_, ++in_flight_[reading_shard]);
  }
  if (!reading_shard.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(get_records_delay_ms_.load()));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (request.HasParseError() || !request.IsObject()) {
      status = 400;
      reply = validation("not JSON");
    } else if (operation == "DescribeStream") {
      reply = describe_stream(member(request, "ExclusiveStartShardId"));
    } else if (operation == "GetShardIterator") {
      reply = get_shard_iterator(member(request, "ShardId"), member(request, "ShardIteratorType"), member(request, "SequenceNumber"), status);
    } else if (operation == "GetRecords") {
      reply = get_records(member(request, "ShardIterator"), status);
    } else {
      status = 400;
      reply = validation("the fake stream server does not answer " + operation);
    }
    if (!reading_shard.empty()) --in_flight_[reading_shard];
  }
  send_http_response(fd, status, reply);
  return true;
}

std::string FakeStreamServer::describe_stream(const std::string& exclusive_start) {
  size_t first = 0;
  if (!exclusive_start.empty())
    while (first < shards_.size() && shards_[first++].id != exclusive_start) {
    }
  size_t last = std::min(shards_.size(), first + kShardsPerPage);
  rapidjson::StringBuffer out;
  Writer w(out);
  w.StartObject();
  w.Key("StreamDescription");
  w.StartObject();
  w.Key("StreamArn"), w.String(arn().c_str());
  w.Key("StreamStatus"), w.String("ENABLED");
  w.Key("StreamViewType"), w.String("KEYS_ONLY");
  w.Key("TableName"), w.String("fake");
  w.Key("KeySchema"), w.StartArray(), w.StartObject();
  w.Key("AttributeName"), w.String("pk"), w.Key("KeyType"), w.String("HASH");
  w.EndObject(), w.EndArray();
  w.Key("Shards");
  w.StartArray();
  for (size_t i = first; i < last; ++i) {
    const FakeShard& s = shards_[i];
    w.StartObject();
    w.Key("ShardId"), w.String(s.id.c_str());
    if (!s.parent.empty()) w.Key("ParentShardId"), w.String(s.parent.c_str());
    w.Key("SequenceNumberRange");
    w.StartObject();
    w.Key("StartingSequenceNumber"), w.String(s.start.c_str());
    if (s.end) w.Key("EndingSequenceNumber"), w.String(s.end->c_str());
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  if (last < shards_.size()) w.Key("LastEvaluatedShardId"), w.String(shards_[last - 1].id.c_str());
  w.EndObject();
  w.EndObject();
  return out.GetString();
}

// Iterators are "<shard>|<index of the next record>".
std::string FakeStreamServer::get_shard_iterator(const std::string& shard_id, const std::string& type,
                                                 const std::string& sequence, int& status) {
  iterator_calls_.push_back("GetShardIterator " + shard_id + " " + type + (sequence.empty() ? "" : " " + sequence));
  const FakeShard* s = find(shard_id);
  if (!s) {
    status = 400;
    return R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no such shard"})";
  }
  size_t index = 0;
  if (type == "LATEST") {
    index = s->records.size();
  } else if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
    if (compare_sequence_numbers(sequence, s->start) < 0 || (s->end && compare_sequence_numbers(sequence, *s->end) > 0)) {
      status = 400;
      return validation("Invalid SequenceNumber for ShardIterator: " + sequence + " is not in shard " + shard_id);
    }
    int stop_at = type == "AT_SEQUENCE_NUMBER" ? 0 : 1;  // the first record >= (or >) the sequence number
    while (index < s->records.size() && compare_sequence_numbers(s->records[index].first, sequence) < stop_at) ++index;
  }
  return R"({"ShardIterator":")" + shard_id + "|" + std::to_string(index) + "\"}";
}

std::string FakeStreamServer::get_records(const std::string& iterator, int& status) {
  size_t bar = iterator.find('|');
  const FakeShard* s = bar == std::string::npos ? nullptr : find(iterator.substr(0, bar));
  if (!s) {
    status = 400;
    return validation("bad iterator " + iterator);
  }
  size_t index = std::stoul(iterator.substr(bar + 1));
  size_t last = std::min(s->records.size(), index + kRecordsPerPage);
  rapidjson::StringBuffer out;
  Writer w(out);
  w.StartObject();
  w.Key("Records");
  w.StartArray();
  for (size_t i = index; i < last; ++i) {
    const auto& [sequence, key] = s->records[i];
    w.StartObject();
    w.Key("eventID"), w.String((s->id + "-" + sequence).c_str());
    w.Key("eventName"), w.String("MODIFY");
    w.Key("dynamodb");
    w.StartObject();
    w.Key("SequenceNumber"), w.String(sequence.c_str());
    w.Key("StreamViewType"), w.String("KEYS_ONLY");
    w.Key("SizeBytes"), w.Int(10);
    w.Key("Keys"), w.StartObject(), w.Key("pk"), w.StartObject(), w.Key("S"), w.String(key.c_str()), w.EndObject(), w.EndObject();
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  if (!(s->end && last == s->records.size())) w.Key("NextShardIterator"), w.String((s->id + "|" + std::to_string(last)).c_str());
  w.EndObject();
  return out.GetString();
}

}  // namespace dynamosql::testing

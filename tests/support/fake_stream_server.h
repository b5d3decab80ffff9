// A fake DynamoDB Streams API on 127.0.0.1 with the shapes DynamoDB Local never has: split shards (a
// parent, its children, grandchildren), closed and open. It answers DescribeStream (a few shards per
// page, in the order given), GetShardIterator (all four types; a sequence number outside the shard is a
// ValidationException, as DynamoDB says) and GetRecords (a few records per page; no NextShardIterator
// once a closed shard is read to its end). The shards can be changed between reads (a split), and every
// GetShardIterator call is logged. Connections are served concurrently, GetRecords calls in flight
// counted.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace dynamosql::testing {

struct FakeShard {
  std::string id;
  std::string parent;                    // empty for a shard without a parent
  std::string start;                     // StartingSequenceNumber
  std::optional<std::string> end;        // EndingSequenceNumber: the shard is closed
  std::vector<std::pair<std::string, std::string>> records;  // (sequence number, key), ascending
};

class FakeStreamServer {
 public:
  explicit FakeStreamServer(std::vector<FakeShard> shards);
  ~FakeStreamServer();
  FakeStreamServer(const FakeStreamServer&) = delete;
  FakeStreamServer& operator=(const FakeStreamServer&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  static std::string arn() { return "arn:aws:dynamodb:us-east-1:000000000000:table/fake/stream/2024-01-01T00:00:00.000"; }
  void set_shards(std::vector<FakeShard> shards);
  // "GetShardIterator <shard> <type>[ <sequence number>]", in order.
  std::vector<std::string> iterator_calls();
  // Each GetRecords answer waits this long first, so readers of different shards overlap.
  void set_get_records_delay(std::chrono::milliseconds delay) { get_records_delay_ms_ = static_cast<int>(delay.count()); }
  // The most GetRecords calls that were in flight at once: on all shards, and on any one shard.
  int most_get_records_in_flight();
  int most_get_records_in_flight_on_one_shard();

 private:
  bool answer(int fd);
  std::string describe_stream(const std::string& exclusive_start);
  std::string get_shard_iterator(const std::string& shard_id, const std::string& type, const std::string& sequence, int& status);
  std::string get_records(const std::string& iterator, int& status);
  const FakeShard* find(const std::string& id) const;

  std::mutex mutex_;
  std::vector<FakeShard> shards_;
  std::vector<std::string> iterator_calls_;
  std::map<std::string, int> in_flight_;  // GetRecords calls being answered, by shard
  int most_in_flight_ = 0, most_in_flight_one_shard_ = 0;
  std::atomic<int> get_records_delay_ms_{0};
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace dynamosql::testing

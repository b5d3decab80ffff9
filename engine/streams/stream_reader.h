// Reads a DynamoDB stream's change records: every shard (DescribeStream, paged with
// ExclusiveStartShardId), each in lineage order (a parent completely before its children), with
// GetShardIterator and GetRecords until the shard is closed and read to its end or, for an open
// shard, caught up (an empty page). Shards whose parents are done are independent and read in
// parallel: up to kParallelShards at once, one GetRecords in flight on each (DynamoDB allows two
// readers a shard), their pages returned in a fixed order (lowest starting sequence number first); a
// child is read only once its parent's last page has been returned, so each key's records come in
// order. That is a bounded snapshot of what the stream holds now; in follow
// mode the reader keeps polling open shards and picks up new ones, like `tail -f`.
//
// Where each shard starts: after the position a checkpoint remembers for it; else, with a lower bound
// on sequence_number, after (or at) that sequence number in the shard that holds it, skipping shards
// that end before it; else at TRIM_HORIZON, or at LATEST when asked.
//
// ExpiredIteratorException: a fresh iterator after the last sequence number read, and on.
// TrimmedDataAccessException from GetRecords: one fresh iterator from the same position (an iterator can
// go stale while the records after our position are still there; DynamoDB Local does this for
// iterators taken on an empty shard); if the records are really gone, GetShardIterator or the next
// GetRecords says so again, and that - or a shard a checkpoint names that no longer exists before it
// was read to its end - is an error saying records were lost: never silence.
#pragma once

#include <chrono>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dynamo/dynamo_client.h"

namespace dynamosql {

// Sequence numbers are decimal digit strings of varying length: compared as numbers (-1, 0, 1).
int compare_sequence_numbers(const std::string& a, const std::string& b);

// The Streams calls the reader makes; tests wrap the real client to inject faults.
class StreamApi {
 public:
  virtual ~StreamApi() = default;
  virtual StreamDescription describe_stream(const std::string& arn, const std::string& exclusive_start_shard_id) = 0;
  virtual std::string get_shard_iterator(const std::string& arn, const std::string& shard_id, ShardIteratorType type,
                                         const std::string& sequence_number) = 0;
  virtual RecordsPage get_records(const std::string& iterator) = 0;
};

class ClientStreamApi : public StreamApi {
 public:
  explicit ClientStreamApi(DynamoClient& client) : client_(client) {}
  StreamDescription describe_stream(const std::string& arn, const std::string& start) override {
    return client_.describe_stream(arn, start);
  }
  std::string get_shard_iterator(const std::string& arn, const std::string& shard_id, ShardIteratorType type,
                                 const std::string& sequence_number) override {
    return client_.get_shard_iterator(arn, shard_id, type, sequence_number);
  }
  RecordsPage get_records(const std::string& iterator) override { return client_.get_records(iterator); }

 private:
  DynamoClient& client_;
};

// Where a shard stands: the last sequence number read from it, and whether it was read to its end.
struct ShardPosition {
  std::string sequence_number;
  bool done = false;
};
using StreamPositions = std::map<std::string, ShardPosition>;  // shard id -> position

struct StreamReadOptions {
  bool start_at_latest = false;
  std::optional<std::string> from_sequence;  // sequence_number > x (or >= x when inclusive)
  bool from_inclusive = false;
  StreamPositions checkpoint;  // resume after these
  bool follow = false;
  std::chrono::milliseconds poll_interval{1000};  // follow mode, when caught up (DynamoDB: <= 5 reads/s/shard)
};

struct StreamReadStats {
  uint64_t requests = 0;
  uint64_t records = 0;
  uint64_t shards = 0;
  uint64_t expired_iterators = 0;
};

class StreamReader {
 public:
  StreamReader(StreamApi& api, std::string stream_arn, StreamReadOptions options);
  // Appends the records of one GetRecords page (possibly none); false when the snapshot is complete
  // (never in follow mode). `check_cancelled` throws to stop (HY008), also while follow mode waits.
  bool next(std::vector<StreamRecord>& out, const std::function<void()>& check_cancelled);
  // Every shard's position now, checkpoint positions included: what a checkpoint saves.
  const StreamPositions& positions() const { return positions_; }
  const StreamReadStats& stats() const { return stats_; }
  // The shard a record came from and its parent (for the shard_id/parent_shard_id columns).
  const std::string& current_shard() const { return current_; }
  const std::string& parent_of(const std::string& shard_id) const;

 private:
  struct ShardState {
    Shard shard;
    std::string iterator;
    bool started = false;
    bool done = false;        // closed and read to its end, or skipped
    bool caught_up = false;   // open and an empty page came back (snapshot: finished for now)
    bool renewed_after_trim = false;  // one fresh iterator after TrimmedDataAccessException
    uint64_t last_read_round = 0;     // the round of GetRecords it was last read in; 0: never
  };
  // A page read and not returned yet.
  struct ReadPage {
    std::string shard_id;
    std::vector<StreamRecord> records;
  };
  // One GetRecords answer: the page, or what it threw.
  struct Answer {
    RecordsPage page;
    std::exception_ptr error;
  };
  static constexpr size_t kParallelShards = 4;

  void refresh_shards();
  // The shards to read now, at most `n`: not done, parent done or unknown; the least recently read
  // first, then the lowest starting sequence number. So with more busy shards than are read at once,
  // every one is read within a few rounds (a shard left unread past DynamoDB's 24-hour retention loses
  // records); a child still comes after every page of its parent.
  std::vector<ShardState*> ready_shards(size_t n);
  void start(ShardState& s);
  // GetRecords on each shard's iterator, all at once.
  std::vector<Answer> get_records(const std::vector<ShardState*>& shards);
  // Moves the shard on by its answer (position, end, fresh iterator after an expired or trimmed one)
  // and queues its records; throws what cannot be retried.
  void take(ShardState& s, Answer answer);
  void wait(const std::function<void()>& check_cancelled);

  StreamApi& api_;
  std::string arn_;
  StreamReadOptions options_;
  std::vector<ShardState> shards_;
  StreamPositions positions_;
  StreamReadStats stats_;
  std::deque<ReadPage> read_pages_;
  std::string current_;
  uint64_t rounds_ = 0;  // rounds of GetRecords sent
  bool described_ = false;
};

}  // namespace dynamosql

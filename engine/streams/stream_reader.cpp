// Reading a stream's shards in lineage order; see stream_reader.h.
#include "streams/stream_reader.h"

#include <algorithm>
#include <thread>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

Error records_lost(const std::string& what) {
  return Error(sqlstate::kDataException, "stream records were lost: " + what);
}

}  // namespace

int compare_sequence_numbers(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

StreamReader::StreamReader(StreamApi& api, std::string stream_arn, StreamReadOptions options)
    : api_(api), arn_(std::move(stream_arn)), options_(std::move(options)), positions_(options_.checkpoint) {}

const std::string& StreamReader::parent_of(const std::string& shard_id) const {
  static const std::string none;
  for (const auto& s : shards_)
    if (s.shard.shard_id == shard_id) return s.shard.parent_shard_id;
  return none;
}

void StreamReader::refresh_shards() {
  std::string start;
  std::vector<Shard> listed;
  do {
    StreamDescription d = api_.describe_stream(arn_, start);
    ++stats_.requests;
    for (auto& s : d.shards) listed.push_back(std::move(s));
    start = d.last_evaluated_shard_id;
  } while (!start.empty());
  for (auto& shard : listed) {
    auto known = std::find_if(shards_.begin(), shards_.end(), [&](const ShardState& s) { return s.shard.shard_id == shard.shard_id; });
    if (known != shards_.end()) {
      known->shard.ending_sequence_number = shard.ending_sequence_number;  // a shard closes
      continue;
    }
    ShardState state;
    state.shard = std::move(shard);
    auto pos = positions_.find(state.shard.shard_id);
    if (pos != positions_.end() && pos->second.done) state.done = true;
    shards_.push_back(std::move(state));
  }
  if (!described_) {
    // A checkpointed shard that no longer exists, not read to its end: what it held after our
    // position is gone.
    for (const auto& [shard_id, pos] : positions_) {
      if (pos.done) continue;
      bool present = std::any_of(shards_.begin(), shards_.end(), [&](const ShardState& s) { return s.shard.shard_id == shard_id; });
      if (!present)
        throw records_lost("shard " + shard_id + " of the checkpoint no longer exists (read up to sequence number " +
                           pos.sequence_number + "); DynamoDB keeps stream records for 24 hours");
    }
  }
  described_ = true;
  stats_.shards = shards_.size();
}

std::vector<StreamReader::ShardState*> StreamReader::ready_shards(size_t n) {
  std::vector<ShardState*> ready;
  for (auto& s : shards_) {
    if (s.done || s.caught_up) continue;
    const std::string& parent = s.shard.parent_shard_id;
    bool parent_pending = !parent.empty() && std::any_of(shards_.begin(), shards_.end(), [&](const ShardState& p) {
      return p.shard.shard_id == parent && !p.done;
    });
    if (!parent_pending) ready.push_back(&s);
  }
  std::stable_sort(ready.begin(), ready.end(), [](const ShardState* a, const ShardState* b) {
    if (a->last_read_round != b->last_read_round) return a->last_read_round < b->last_read_round;
    return compare_sequence_numbers(a->shard.starting_sequence_number, b->shard.starting_sequence_number) < 0;
  });
  if (ready.size() > n) ready.resize(n);
  return ready;
}

void StreamReader::start(ShardState& s) {
  s.started = true;
  const Shard& shard = s.shard;
  auto pos = positions_.find(shard.shard_id);
  ShardIteratorType type = ShardIteratorType::TrimHorizon;
  std::string sequence;
  if (pos != positions_.end() && !pos->second.sequence_number.empty()) {
    type = ShardIteratorType::AfterSequenceNumber;
    sequence = pos->second.sequence_number;
  } else if (options_.from_sequence) {
    const std::string& from = *options_.from_sequence;
    bool closed = !shard.ending_sequence_number.empty();
    int vs_end = closed ? compare_sequence_numbers(from, shard.ending_sequence_number) : -1;
    if (closed && (vs_end > 0 || (vs_end == 0 && !options_.from_inclusive))) {
      s.done = true;  // the whole shard lies before the bound
      positions_[shard.shard_id] = {shard.ending_sequence_number, true};
      return;
    }
    if (compare_sequence_numbers(from, shard.starting_sequence_number) >= 0) {
      type = options_.from_inclusive ? ShardIteratorType::AtSequenceNumber : ShardIteratorType::AfterSequenceNumber;
      sequence = from;
    }
  } else if (options_.start_at_latest) {
    if (!shard.ending_sequence_number.empty()) {
      s.done = true;  // LATEST: closed shards hold only the past
      positions_[shard.shard_id] = {shard.ending_sequence_number, true};
      return;
    }
    type = ShardIteratorType::Latest;
  }
  try {
    s.iterator = api_.get_shard_iterator(arn_, shard.shard_id, type, sequence);
  } catch (const Error& e) {
    if (e.aws_type() == "TrimmedDataAccessException")
      throw records_lost("shard " + shard.shard_id + " no longer holds the records after sequence number " + sequence +
                         " (trimmed after 24 hours)");
    throw;
  }
  ++stats_.requests;
}

void StreamReader::wait(const std::function<void()>& check_cancelled) {
  auto until = std::chrono::steady_clock::now() + options_.poll_interval;
  while (std::chrono::steady_clock::now() < until) {
    check_cancelled();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  check_cancelled();
}

std::vector<StreamReader::Answer> StreamReader::get_records(const std::vector<ShardState*>& shards) {
  std::vector<Answer> answers(shards.size());
  auto read = [&](size_t i) {
    try {
      answers[i].page = api_.get_records(shards[i]->iterator);
    } catch (...) {
      answers[i].error = std::current_exception();
    }
  };
  std::vector<std::thread> others;
  for (size_t i = 1; i < shards.size(); ++i) others.emplace_back(read, i);
  if (!shards.empty()) read(0);
  for (auto& t : others) t.join();
  return answers;
}

void StreamReader::take(ShardState& s, Answer answer) {
  if (answer.error) {
    try {
      std::rethrow_exception(answer.error);
    } catch (const Error& e) {
      if (e.aws_type() == "ExpiredIteratorException") {
        // Iterators last 15 minutes: take a fresh one after the last record read.
        ++stats_.expired_iterators;
        s.iterator.clear();
        return;
      }
      if (e.aws_type() == "TrimmedDataAccessException") {
        if (!s.renewed_after_trim) {
          s.renewed_after_trim = true;
          s.iterator.clear();
          return;
        }
        throw records_lost("shard " + s.shard.shard_id + " was trimmed before it was read (records older than 24 hours)");
      }
      throw;
    }
  }
  RecordsPage& page = answer.page;
  s.renewed_after_trim = false;
  ++stats_.requests;
  if (!page.records.empty()) positions_[s.shard.shard_id] = {page.records.back().sequence_number, false};
  stats_.records += page.records.size();
  if (page.next_shard_iterator.empty()) {
    s.done = true;  // closed and read to its end
    ShardPosition& p = positions_[s.shard.shard_id];
    p.done = true;
    if (p.sequence_number.empty()) p.sequence_number = s.shard.ending_sequence_number;
  } else {
    s.iterator = page.next_shard_iterator;
    if (page.records.empty() && s.shard.ending_sequence_number.empty()) s.caught_up = true;
  }
  if (!page.records.empty()) read_pages_.push_back({s.shard.shard_id, std::move(page.records)});
}

// Pages are returned from read_pages_ until it is empty; only then are the ready shards read again, so
// a child (ready once its parent's last page was taken) comes after every page of its parent.
bool StreamReader::next(std::vector<StreamRecord>& out, const std::function<void()>& check_cancelled) {
  if (!described_) refresh_shards();
  for (;;) {
    check_cancelled();
    if (!read_pages_.empty()) {
      ReadPage& page = read_pages_.front();
      current_ = std::move(page.shard_id);
      for (auto& r : page.records) out.push_back(std::move(r));
      read_pages_.pop_front();
      return true;
    }
    std::vector<ShardState*> reading;
    for (bool skipped = true; skipped;) {  // a shard start() skips may make its children ready
      skipped = false;
      reading.clear();
      for (ShardState* s : ready_shards(kParallelShards)) {
        if (!s->started || s->iterator.empty()) start(*s);
        if (s->done) skipped = true;
        else reading.push_back(s);
      }
    }
    if (reading.empty()) {
      if (!options_.follow) return false;
      // Caught up everywhere: wait, look for new shards, and poll the open ones again.
      wait(check_cancelled);
      refresh_shards();
      for (auto& shard : shards_) shard.caught_up = false;
      continue;
    }
    ++rounds_;
    for (ShardState* s : reading) s->last_read_round = rounds_;
    std::vector<Answer> answers = get_records(reading);
    for (size_t i = 0; i < reading.size(); ++i) take(*reading[i], std::move(answers[i]));
  }
}

}  // namespace dynamosql

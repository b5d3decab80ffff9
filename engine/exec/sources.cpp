// DynamoDB sources: parallel Scan, Query per partition value, GetItem/BatchGetItem lookups.
#include "exec/sources.h"

#include <algorithm>
#include <random>

#include "dynamosql/error.h"
#include "value/json.h"

namespace dynamosql {

std::string read_details(const DynamoRead& r) {
  std::string out = r.table;
  if (!r.index.empty()) out += "." + r.index;
  auto resolve = [&](const std::string& expr) {
    // Show names instead of #placeholders and values instead of :placeholders, for people.
    std::string s;
    for (size_t i = 0; i < expr.size();) {
      if (expr[i] == '#' || expr[i] == ':') {
        size_t j = i + 1;
        while (j < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[j])) || expr[j] == '_')) ++j;
        std::string ph = expr.substr(i, j - i);
        if (expr[i] == '#' && r.attributes.names.count(ph)) {
          s += r.attributes.names.at(ph);
        } else if (expr[i] == ':' && r.attributes.values.count(ph)) {
          const Value& v = r.attributes.values.at(ph);
          s += v.type() == ValueType::String ? "'" + v.text() + "'" : plain_json(v);
        } else {
          s += ph;
        }
        i = j;
      } else {
        s += expr[i++];
      }
    }
    return s;
  };
  if (!r.key_condition.empty()) out += " key=[" + resolve(r.key_condition) + "]";
  if (!r.filter.empty()) out += " filter=[" + resolve(r.filter) + "]";
  out += r.projection.empty() ? " projection=*" : " projection=[" + resolve(r.projection) + "]";
  if (r.page_limit > 0) out += " limit=" + std::to_string(r.page_limit);
  if (r.consistent_read) out += " consistent";
  return out;
}

std::string stats_text(const SourceStats& s) {
  char capacity[32];
  snprintf(capacity, sizeof capacity, "%.1f", static_cast<double>(s.capacity_milli.load()) / 1000.0);
  return " (requests=" + std::to_string(s.requests.load()) + " pages=" + std::to_string(s.pages.load()) +
         " scanned=" + std::to_string(s.items_scanned.load()) + " returned=" + std::to_string(s.items_returned.load()) +
         " capacity=" + capacity + ")";
}

namespace {

// The planner's estimate, and with ANALYZE what the read did.
std::string cost_text(const DynamoRead& read, const SourceStats& s, bool analyze) {
  std::string out = read.estimate ? " (" + read.estimate->text() + ")" : "";
  return analyze ? out + stats_text(s) : out;
}

// The fields Scan and Query requests share, from the planned read and the statement's pacing.
template <typename Request>
Request request_from(const DynamoRead& read, ReadPacer& reads) {
  Request r;
  r.return_capacity = reads.wants_capacity();
  r.pacer = &reads.adaptive();
  r.table = read.table;
  r.index = read.index;
  r.filter = read.filter;
  r.projection = read.projection;
  r.attributes = read.attributes;
  r.consistent_read = read.consistent_read;
  r.limit = read.page_limit;
  return r;
}

}  // namespace

// ---- Scan ---------------------------------------------------------------------------------------

std::vector<SegmentPosition> scan_segments(int parallel, SegmentRestriction restriction) {
  if (restriction.active()) return {SegmentPosition{restriction.index, restriction.total, std::nullopt, false}};
  parallel = std::max(1, parallel);
  std::vector<SegmentPosition> out;
  for (int s = 0; s < parallel; ++s) out.push_back({s, parallel > 1 ? parallel : 0, std::nullopt, false});
  return out;
}

ScanSource::ScanSource(DynamoRead read, ItemShape shape, std::vector<SegmentPosition> segments)
    : read_(std::move(read)), layout_(shape.layout()), start_(std::move(segments)), positions_(start_) {}

ScanSource::~ScanSource() { close(); }

void ScanSource::open(ExecContext& ctx) {
  ctx_ = &ctx;
  stop_ = false;
  positions_ = start_;
  running_ = static_cast<int>(std::count_if(positions_.begin(), positions_.end(), [](const SegmentPosition& p) { return !p.done; }));
  queue_limit_ = 2 * static_cast<size_t>(std::max(running_, 1));
  std::vector<ScanRequest> requests;
  for (const auto& p : positions_) {
    auto request = request_from<ScanRequest>(read_, ctx.reads);
    request.segment = p.segment;
    request.total_segments = p.total;
    request.exclusive_start_key = p.start_key;
    request.layout = &layout_;
    requests.push_back(std::move(request));
  }
  for (size_t slot = 0; slot < positions_.size(); ++slot) {
    if (positions_[slot].done) continue;
    workers_.emplace_back([this, slot, request = std::move(requests[slot])]() mutable { run_segment(slot, std::move(request)); });
  }
}

void ScanSource::run_segment(size_t slot, ScanRequest request) {
  try {
    do {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        // Bounded: at most two pages per segment wait for the consumer.
        changed_.wait(lock, [&] { return stop_ || pages_.size() < queue_limit_; });
        if (stop_) break;
      }
      ctx_->check_cancelled();
      ReadTicket ticket = ctx_->reads.before_request(read_.page_limit, static_cast<int>(positions_.size()));
      request.limit = ticket.limit();
      Page page = ctx_->client->scan(request);
      ctx_->reads.read(std::move(ticket), static_cast<uint64_t>(page.scanned_count), page.consumed_capacity);
      stats.add_page(page);
      ctx_->report_page(page);
      request.exclusive_start_key = page.last_evaluated_key;
      std::lock_guard<std::mutex> lock(mutex_);
      // Empty pages are queued too: they move the segment's position on.
      pages_.push_back({slot, std::move(page.rows), std::move(page.last_evaluated_key)});
      changed_.notify_all();
    } while (request.exclusive_start_key);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!error_) error_ = std::current_exception();
    stop_ = true;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  --running_;
  changed_.notify_all();
}

bool ScanSource::next(RowBatch& batch) {
  for (;;) {
    ScanPage page;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return !pages_.empty() || running_ == 0 || error_; });
      if (error_) {
        auto e = error_;
        lock.unlock();
        close();
        std::rethrow_exception(e);
      }
      if (pages_.empty()) return false;
      page = std::move(pages_.front());
      pages_.pop_front();
      changed_.notify_all();
      SegmentPosition& position = positions_[page.slot];
      position.done = !page.last_key;
      position.start_key = std::move(page.last_key);
    }
    if (page.rows.empty()) continue;
    rows_out += page.rows.size();
    if (batch.empty()) batch = std::move(page.rows);
    else std::move(page.rows.begin(), page.rows.end(), std::back_inserter(batch));
    return true;
  }
}

std::vector<SegmentPosition> ScanSource::positions() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return positions_;
}

void ScanSource::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    changed_.notify_all();
  }
  for (auto& t : workers_)
    if (t.joinable()) t.join();
  workers_.clear();
}

std::string ScanSource::describe(bool analyze) const {
  std::string out = "Scan " + read_details(read_);
  if (restricted())
    out += " segment=" + std::to_string(positions_[0].segment) + "/" + std::to_string(positions_[0].total);
  else
    out += " segments=" + std::to_string(positions_.size());
  return out + cost_text(read_, stats, analyze);
}

// ---- Query --------------------------------------------------------------------------------------

QuerySource::QuerySource(DynamoRead read, std::vector<Value> partition_values, bool forward, ItemShape shape)
    : read_(std::move(read)), partition_values_(std::move(partition_values)), forward_(forward), layout_(shape.layout()) {}

void QuerySource::open(ExecContext& ctx) {
  ctx_ = &ctx;
  current_ = 0;
  start_key_.reset();
  started_ = false;
}

bool QuerySource::next(RowBatch& batch) {
  while (current_ < partition_values_.size()) {
    if (started_ && !start_key_) {  // this partition value is done
      ++current_;
      started_ = false;
      continue;
    }
    ctx_->check_cancelled();
    auto q = request_from<QueryRequest>(read_, ctx_->reads);
    q.key_condition = read_.key_condition;
    q.attributes.values[":pk"] = partition_values_[current_];
    q.scan_forward = forward_;
    q.exclusive_start_key = start_key_;
    q.layout = &layout_;
    ReadTicket ticket = ctx_->reads.before_request(read_.page_limit);
    q.limit = ticket.limit();
    Page page = ctx_->client->query(q);
    ctx_->reads.read(std::move(ticket), static_cast<uint64_t>(page.scanned_count), page.consumed_capacity);
    stats.add_page(page);
    ctx_->report_page(page);
    started_ = true;
    start_key_ = std::move(page.last_evaluated_key);
    if (page.rows.empty()) continue;
    rows_out += page.rows.size();
    std::move(page.rows.begin(), page.rows.end(), std::back_inserter(batch));
    return true;
  }
  return false;
}

std::string QuerySource::describe(bool analyze) const {
  std::string values;
  for (size_t i = 0; i < partition_values_.size() && i < 5; ++i) {
    if (i) values += ", ";
    const Value& v = partition_values_[i];
    values += v.type() == ValueType::String ? "'" + v.text() + "'" : plain_json(v);
  }
  if (partition_values_.size() > 5) values += ", ... (" + std::to_string(partition_values_.size()) + " values)";
  std::string out = "Query " + read_details(read_) + " :pk in (" + values + ")" + (forward_ ? "" : " descending");
  return out + cost_text(read_, stats, analyze);
}

// ---- GetItem / BatchGetItem ---------------------------------------------------------------------

size_t batch_get(ExecContext& ctx, const DynamoRead& read, const std::vector<Item>& keys, size_t from, size_t to,
                 SourceStats& stats, std::vector<Item>& items) {
  ReadPacer& reads = ctx.reads;
  // Up to `to`, fewer when the read limits or the budget say so.
  ReadTicket ticket = reads.before_request(static_cast<int64_t>(to - from));
  size_t end = std::min(to, from + static_cast<size_t>(ticket.limit()));
  BatchGetTable t;
  t.keys.assign(keys.begin() + static_cast<long>(from), keys.begin() + static_cast<long>(end));
  t.projection = read.projection;
  t.attributes.names = read.attributes.names;
  t.consistent_read = read.consistent_read;
  std::map<std::string, BatchGetTable> request{{read.table, t}};
  thread_local std::mt19937 rng{std::random_device{}()};
  double units = 0;
  for (int attempt = 0; !request.empty(); ++attempt) {
    if (attempt > 0) {
      if (attempt > 12) throw Error(sqlstate::kGeneral, "BatchGetItem: keys still unprocessed after 12 retries");
      std::uniform_int_distribution<int> jitter(0, std::min(2000, 25 << std::min(attempt, 7)));
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    }
    auto r = ctx.client->batch_get_item(request, reads.wants_capacity());
    stats.requests++;
    stats.pages++;
    stats.capacity_milli += static_cast<uint64_t>(r.consumed_capacity * 1000 + 0.5);
    units += r.consumed_capacity;
    for (auto& item : r.items[read.table]) items.push_back(std::move(item));
    request.clear();
    auto it = r.unprocessed_keys.find(read.table);
    if (it != r.unprocessed_keys.end() && !it->second.empty()) {
      t.keys = it->second;
      request[read.table] = t;
    }
  }
  stats.items_scanned += end - from;
  reads.read(std::move(ticket), end - from, units);
  return end;
}

KeyLookupSource::KeyLookupSource(DynamoRead read, std::vector<Item> keys, ItemShape shape)
    : read_(std::move(read)), keys_(std::move(keys)), layout_(shape.layout()) {}

void KeyLookupSource::open(ExecContext& ctx) {
  ctx_ = &ctx;
  next_key_ = 0;
}

bool KeyLookupSource::next(RowBatch& batch) {
  while (next_key_ < keys_.size()) {
    ctx_->check_cancelled();
    std::vector<Item> items;
    ReadPacer& reads = ctx_->reads;
    if (keys_.size() == 1) {
      GetItemRequest g;
      g.table = read_.table;
      g.key = keys_[0];
      g.projection = read_.projection;
      g.attributes = read_.attributes;
      g.consistent_read = read_.consistent_read;
      g.return_capacity = reads.wants_capacity();
      ReadTicket ticket = reads.before_request(1);
      auto r = ctx_->client->get_item(g);
      reads.read(std::move(ticket), 1, r.consumed_capacity);
      stats.requests++;
      stats.pages++;
      stats.items_scanned++;
      stats.capacity_milli += static_cast<uint64_t>(r.consumed_capacity * 1000 + 0.5);
      if (r.item) items.push_back(std::move(*r.item));
      next_key_ = 1;
    } else {
      next_key_ = batch_get(*ctx_, read_, keys_, next_key_, std::min(keys_.size(), next_key_ + 100), stats, items);
    }
    stats.items_returned += items.size();
    if (items.empty()) continue;
    for (auto& item : items) batch.push_back(layout_.row_of(std::move(item)));
    rows_out += items.size();
    return true;
  }
  return false;
}

std::string KeyLookupSource::describe(bool analyze) const {
  std::string out = keys_.size() == 1 ? "GetItem " : "BatchGetItem ";
  out += read_details(read_) + " keys=" + std::to_string(keys_.size());
  if (keys_.size() > 1) out += " batches=" + std::to_string((keys_.size() + 99) / 100);
  return out + cost_text(read_, stats, analyze);
}

// ---- Rows ---------------------------------------------------------------------------------------

RowsSource::RowsSource(std::vector<OutputColumn> cols, std::vector<Row> rows, std::string label)
    : rows_(std::move(rows)), label_(std::move(label)) {
  columns = std::move(cols);
}

bool RowsSource::next(RowBatch& batch) {
  if (position_ >= rows_.size()) return false;
  size_t end = std::min(rows_.size(), position_ + kBatchSize);
  rows_out += end - position_;
  for (; position_ < end; ++position_) batch.push_back(rows_[position_]);
  return true;
}

}  // namespace dynamosql

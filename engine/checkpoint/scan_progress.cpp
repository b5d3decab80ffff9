// Scan checkpoints; see scan_progress.h.
#include "checkpoint/scan_progress.h"

#include <algorithm>
#include <chrono>

#include "dynamosql/error.h"
#include "dynamo/sigv4.h"
#include "value/json.h"

namespace dynamosql {
namespace {

// Positions advance by pages: small ones, saved often, keep what a resumed run reads again small.
// Every segment of a job saves under one checkpoint name, which is one partition key of the table
// store (at most 1,000 writes a second): a job of N segments saves each at most every 2N ms, so all
// of them together stay under 500 saves a second.
constexpr int64_t kPageItems = 1000;
constexpr int64_t kSaveEveryMs = 500;
constexpr int64_t kJobSavesPerSecond = 500;

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Whether every row `scan` hands out reaches the root as it arrives (see Operator::streamed_child).
bool streams_from(const Operator& root, const Operator* scan) {
  for (const Operator* op = &root; op; op = op->streamed_child())
    if (op == scan) return true;
  return false;
}

std::string entry_key(const std::string& statement, const std::string& parameters, SegmentRestriction segment) {
  std::string hash = sha256_hex(statement + '\n' + parameters).substr(0, 20);
  return "scan:" + hash + ":" + (segment.active() ? std::to_string(segment.index) + "/" + std::to_string(segment.total) : "all");
}

int64_t member_int(const rapidjson::Value& v, const char* name) {
  return v.HasMember(name) && v[name].IsInt64() ? v[name].GetInt64() : 0;
}

std::vector<SegmentPosition> positions_from_json(const rapidjson::Value& json, const std::string& where) {
  std::vector<SegmentPosition> out;
  if (!json.IsArray()) throw Error(sqlstate::kDataException, "the scan checkpoint in " + where + " has no positions");
  for (const auto& p : json.GetArray()) {
    if (!p.IsObject() || !p.HasMember("segment") || !p["segment"].IsInt() || !p.HasMember("total") || !p["total"].IsInt())
      throw Error(sqlstate::kDataException, "the scan checkpoint in " + where + " has a damaged position");
    SegmentPosition position;
    position.segment = p["segment"].GetInt();
    position.total = p["total"].GetInt();
    position.done = p.HasMember("done") && p["done"].IsBool() && p["done"].GetBool();
    if (p.HasMember("start_key")) position.start_key = item_from_wire(p["start_key"]);
    out.push_back(std::move(position));
  }
  return out;
}

rapidjson::Value positions_to_json(const std::vector<SegmentPosition>& positions, rapidjson::Document::AllocatorType& alloc) {
  rapidjson::Value out(rapidjson::kArrayType);
  for (const auto& p : positions) {
    rapidjson::Value entry(rapidjson::kObjectType);
    entry.AddMember("segment", p.segment, alloc);
    entry.AddMember("total", p.total, alloc);
    entry.AddMember("done", p.done, alloc);
    if (p.start_key) {
      rapidjson::StringBuffer buffer;
      JsonWriter writer(buffer);
      write_wire_item(writer, *p.start_key);
      rapidjson::Document key;
      key.Parse(buffer.GetString());
      entry.AddMember("start_key", rapidjson::Value(key, alloc), alloc);
    }
    out.PushBack(entry, alloc);
  }
  return out;
}

}  // namespace

ScanProgress::ScanProgress(std::unique_ptr<CheckpointStore> store, const std::string& checkpoint, const std::string& statement,
                           const std::string& parameters, SegmentRestriction segment, const Operator& root,
                           const std::vector<ResumableScan*>& scans)
    : store_(std::move(store)), checkpoint_(checkpoint), statement_(statement), key_(entry_key(statement, parameters, segment)),
      segment_(segment), save_every_ms_(std::max<int64_t>(kSaveEveryMs, 1000 * int64_t{segment.total} / kJobSavesPerSecond)) {
  if (scans.size() > 1)
    throw Error(sqlstate::kFeatureNotSupported, "scan_checkpoint resumes a statement that scans its first table once; this one scans it " +
                                                    std::to_string(scans.size()) + " times (UNION, INTERSECT or EXCEPT)");
  if (scans.size() == 1) {
    if (!streams_from(root, &scans[0]->reader()))
      throw Error(sqlstate::kFeatureNotSupported, "scan_checkpoint resumes statements that write rows as their scan reads them: "
                                                  "not with GROUP BY, DISTINCT, ORDER BY, LIMIT or a RIGHT or FULL JOIN");
    scan_ = scans[0];
  }
  rapidjson::Document saved = store_->load_entry(key_);
  if (saved.ObjectEmpty()) return;
  if (!saved.HasMember("statement") || !saved["statement"].IsString() || saved["statement"].GetString() != statement_)
    throw Error(sqlstate::kInvalidParameter, "the checkpoint entry " + key_ + " in " + store_->where() + " belongs to another statement");
  saved_done_ = saved.HasMember("done") && saved["done"].IsBool() && saved["done"].GetBool();
  base_read_ = member_int(saved, "rows_read");
  base_written_ = member_int(saved, "rows_written");
  runs_ = member_int(saved, "runs");
  if (saved.HasMember("positions")) saved_positions_ = positions_from_json(saved["positions"], store_->where());
  resumed_ = !saved_positions_.empty() || saved_done_;
}

void ScanProgress::start() {
  if (scan_ && !saved_positions_.empty()) scan_->resume(saved_positions_);
  if (scan_) scan_->limit_pages(kPageItems);
  ++runs_;
  Mark first{scan_ ? (saved_positions_.empty() ? scan_->positions() : saved_positions_) : std::vector<SegmentPosition>{}, 1, 0};
  save(first, false);  // counts the run now: a run that dies before its first position still shows
  last_saved_ = first;
  last_save_ms_ = now_ms();
}

void ScanProgress::handed_out(int64_t next_row) {
  if (!scan_) return;
  std::vector<SegmentPosition> positions = scan_->positions();
  // Rows handed out while the position stays (a fetch-back within an index page) lie beyond it: the
  // mark of the position is the one made when it was reached.
  const Mark& latest = marks_.empty() ? *last_saved_ : marks_.back();
  if (positions == latest.positions) return;
  marks_.push_back({std::move(positions), next_row, static_cast<int64_t>(scan_->reader().rows_out.load())});
}

void ScanProgress::save_written(int64_t low_water, bool force) {
  if (!force && now_ms() - last_save_ms_ < save_every_ms_) return;
  std::optional<Mark> newest;
  while (!marks_.empty() && marks_.front().next_row <= low_water) {
    newest = std::move(marks_.front());
    marks_.pop_front();
  }
  if (!newest) return;
  save(*newest, false);
  last_saved_ = std::move(newest);
  last_save_ms_ = now_ms();
}

void ScanProgress::finish(int64_t rows_written) {
  Mark end{scan_ ? scan_->positions() : std::vector<SegmentPosition>{}, rows_written + 1, rows_read()};
  save(end, true);
}

int64_t ScanProgress::rows_read() const { return scan_ ? static_cast<int64_t>(scan_->reader().rows_out.load()) : 0; }

void ScanProgress::save(const Mark& mark, bool done) {
  rapidjson::Document entry;
  entry.SetObject();
  auto& alloc = entry.GetAllocator();
  entry.AddMember("statement", rapidjson::Value(statement_.c_str(), alloc), alloc);
  if (segment_.active()) {
    entry.AddMember("segment", segment_.index, alloc);
    entry.AddMember("total_segments", segment_.total, alloc);
  }
  entry.AddMember("positions", positions_to_json(mark.positions, alloc), alloc);
  entry.AddMember("rows_read", base_read_ + mark.rows_read, alloc);
  entry.AddMember("rows_written", base_written_ + mark.next_row - 1, alloc);
  entry.AddMember("runs", runs_, alloc);
  entry.AddMember("done", done, alloc);
  store_->save_entry(key_, entry);
}

std::string ScanProgress::describe() const {
  std::string out = "checkpoint '" + checkpoint_ + "' (run " + std::to_string(runs_);
  if (resumed_) out += ", resumed after " + std::to_string(base_written_) + " rows written";
  return out + ")";
}

}  // namespace dynamosql

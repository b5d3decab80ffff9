// COPY FROM: a bulk load from a file or standard input (copy.cpp has the statement's forms).
//
// It reads records (copy/copy_format.h), checks each item against the table and hands it to a
// BulkWriter: BatchWriteItem puts, 25 per request, several lanes in flight, UnprocessedItems re-sent,
// an optional rate limit. Puts overwrite an item with the same key (the last record of a key wins),
// which is what makes a resumed load safe: with `checkpoint = 'name'` the position below which every
// record is written (copy/load_position.h) is saved every two seconds and when the COPY stops for any
// reason; running the same COPY again continues there, and the records written twice are overwritten
// with themselves.
//
// A bad record (unparsable, wrong type, missing key, over 400 KB) stops the COPY with its line number
// and reason, after everything before it is written (on_error = 'stop', the default), or is set aside
// and counted (on_error = 'continue', implied by reject_file; copy/reject_files.h).
#include <algorithm>
#include <chrono>
#include <mutex>

#include "api/copy_options.h"
#include "api/session.h"
#include "checkpoint/checkpoint_store.h"
#include "copy/copy_file.h"
#include "copy/load_position.h"
#include "copy/reject_files.h"
#include "dynamosql/error.h"
#include "exec/bulk_writer.h"
#include "exec/item_writer.h"

namespace dynamosql {
namespace {

using Clock = std::chrono::steady_clock;

// The CSV columns of a load: names from the header (or the column list without a header), types from
// the column list, the table's keys, its inferred schema, else strings.
std::vector<CsvColumn> csv_columns(const std::vector<std::string>& names, const CopyStatement& c, const TableSchema& schema) {
  std::vector<CsvColumn> out;
  for (const auto& spec : c.columns)
    if (std::find(names.begin(), names.end(), spec.name) == names.end())
      throw Error(sqlstate::kColumnNotFound, "column \"" + spec.name + "\" is not in the file's header")
          .at(spec.position.line, spec.position.column);
  for (const auto& name : names) {
    CsvColumn col{name, FieldType::String};
    auto spec = std::find_if(c.columns.begin(), c.columns.end(), [&](const ColumnSpec& s) { return s.name == name; });
    std::string key_type = schema.description.attribute_type(name);
    if (spec != c.columns.end() && !spec->type.empty()) {
      auto t = field_type_named(spec->type);
      if (!t)
        throw Error(sqlstate::kSyntax, "column \"" + name + "\": type " + spec->type + " is not VARCHAR, NUMBER, BOOLEAN, BINARY or JSON")
            .at(spec->position.line, spec->position.column);
      col.type = *t;
    } else if (!key_type.empty()) {
      col.type = key_type == "N" ? FieldType::Number : key_type == "B" ? FieldType::Binary : FieldType::String;
    } else if (name == kOtherColumn) {
      col.type = FieldType::Other;
    } else if (const ColumnDef* def = schema.find(name)) {
      switch (def->type) {
        case SqlType::Decimal: col.type = FieldType::Number; break;
        case SqlType::Boolean: col.type = FieldType::Boolean; break;
        case SqlType::Varbinary: col.type = FieldType::Binary; break;
        case SqlType::Json: col.type = FieldType::Json; break;
        default: break;
      }
    }
    out.push_back(col);
  }
  return out;
}

// The options of a COPY FROM: those of COPY TO refused.
CopyOptions copy_from_options(const Statement& s) {
  CopyOptions o = copy_options(s);
  auto refuse = [&](const char* sqlstate, const std::string& why) { throw Error(sqlstate, why).at(s.position.line, s.position.column); };
  if (!s.copy->columns.empty() && o.format != CopyFormat::Csv) refuse(sqlstate::kSyntax, "a column list applies to CSV; JSON records name their attributes");
  if (o.scan_segment || o.scan_total_segments)
    refuse(sqlstate::kInvalidParameter, "scan_segment and scan_total_segments apply to COPY TO, which scans a table");
  if (o.read_rows_per_second > 0 || o.read_units_per_second > 0 || o.max_read_units > 0)
    refuse(sqlstate::kInvalidParameter, "read_rows_per_second, read_units_per_second and max_read_units apply to COPY TO, which reads a table");
  return o;
}

// What a load needs of its session.
struct LoadContext {
  DynamoClient& client;
  CheckpointBackend checkpoint_backend;
  WriteThrottle session_throttle;  // SET write_rows_per_second / write_units_per_second
  const std::atomic<bool>& cancelled;
  ProgressSink* progress;
};

// One COPY FROM, from its checkpoint to its summary.
class CopyLoad {
 public:
  CopyLoad(const Statement& s, CopyOptions o, std::shared_ptr<const TableSchema> schema, LoadContext session)
      : s_(s), c_(*s.copy), o_(std::move(o)), schema_(std::move(schema)), d_(schema_->description), session_(session),
        key_("copy:" + d_.name), retries_at_start_(session.client.counters().retries.load()) {}

  // The status to return without loading (the checkpoint says this COPY completed, or the input is
  // empty); nullopt to load.
  std::optional<std::string> open();
  // Loads every record; an Error says how far the load got (and saves the checkpoint).
  void load();
  std::string summary();
  const std::string& table() const { return d_.name; }
  int64_t written() const { return writer_->stats().written; }

 private:
  void open_checkpoint();
  bool read_csv_header();
  void start_writer();
  std::optional<Item> item_of(const InputRecord& record);
  void note_reject(int64_t line, const std::string& text, const std::string& reason);
  void drain_late_rejects();
  CopyCheckpoint position(int64_t next_line, uint64_t next_offset);
  CopyCheckpoint position_now() { return position(reader_->lines_read() + 1, reader_->offset()); }
  void save(const CopyCheckpoint& cp);
  void report(bool force);
  int64_t retried() const;
  Error stop_with(const Error& e, int64_t line, uint64_t offset, bool wait_for_writes);

  const Statement& s_;
  const CopyStatement& c_;
  CopyOptions o_;
  std::shared_ptr<const TableSchema> schema_;
  const TableDescription& d_;
  LoadContext session_;
  std::string key_;  // of the checkpoint
  Clock::time_point start_ = Clock::now(), last_report_, last_save_ = Clock::now();
  std::unique_ptr<CheckpointStore> store_;
  CopyCheckpoint checkpoint_;  // resumed from, or a fresh one
  bool resuming_ = false;
  std::unique_ptr<InputFile> input_;
  std::unique_ptr<RecordReader> reader_;
  std::vector<CsvColumn> columns_;
  std::string header_text_;  // the CSV header line, first in the reject file
  RejectFiles rejects_;
  std::unique_ptr<LoadPosition> position_;
  // The COPY's own limits replace the session's.
  std::optional<RateLimiter> rows_limiter_, units_limiter_;
  std::unique_ptr<BulkWriter> writer_;
  std::mutex late_mutex_;  // records DynamoDB itself refused arrive from the writer's threads
  std::vector<std::pair<BulkEntry, std::string>> late_rejects_;
  int64_t read_ = 0, rejected_ = 0;
  std::vector<std::string> reasons_;  // the first few, for the summary
  uint64_t retries_at_start_;
};

std::optional<std::string> CopyLoad::open() {
  checkpoint_.line = 0;
  if (!o_.checkpoint.empty()) open_checkpoint();
  if (checkpoint_.done)
    return "COPY 0: checkpoint '" + o_.checkpoint + "' says this COPY completed (" + std::to_string(checkpoint_.written) +
           " rows written); nothing to do";
  resuming_ = checkpoint_.line > 0;
  if (!resuming_) checkpoint_ = CopyCheckpoint{c_.path, 1, 0, 0, 0, 0, 0, false};
  rejected_ = checkpoint_.rejected;
  position_ = std::make_unique<LoadPosition>(checkpoint_);
  input_ = InputFile::open(c_.path);
  reader_ = std::make_unique<RecordReader>(*input_, o_.format, o_.delimiter);
  if (o_.format == CopyFormat::Csv && !read_csv_header()) return std::string("COPY 0: the input is empty");
  if (resuming_) reader_->resume_at(checkpoint_.line, checkpoint_.offset);
  if (!o_.reject_file.empty()) {
    bool header = o_.format == CopyFormat::Csv && o_.header;
    rejects_.open(o_.reject_file, header, header ? header_text_ : std::string(), resuming_ ? checkpoint_.reject_bytes : 0,
                  resuming_ ? checkpoint_.reject_log_bytes : 0);
  }
  start_writer();
  return std::nullopt;
}

void CopyLoad::open_checkpoint() {
  if (c_.path == "-") throw Error(sqlstate::kInvalidParameter, "a COPY from standard input cannot be resumed: give a file");
  store_ = open_checkpoint_store(session_.checkpoint_backend, o_.checkpoint, session_.client);
  checkpoint_ = load_copy_checkpoint(*store_, key_);
  if (checkpoint_.line > 0 && checkpoint_.source != c_.path)
    throw Error(sqlstate::kInvalidParameter, "checkpoint '" + o_.checkpoint + "' belongs to a COPY into " + d_.name + " from '" +
                                                 checkpoint_.source + "', not '" + c_.path + "'");
}

// The CSV columns, named by the header line or the column list; false when the input is empty.
bool CopyLoad::read_csv_header() {
  std::vector<std::string> names;
  if (o_.header) {
    InputRecord record;
    if (!reader_->next(record)) return false;
    if (!record.error.empty()) throw Error(sqlstate::kInvalidCharacterValue, "line 1: " + record.error);
    names = record.csv.values;
    header_text_ = record.text;
    for (const auto& n : names)
      if (n.empty()) throw Error(sqlstate::kInvalidCharacterValue, "line 1: the header has an empty column name");
  } else {
    if (c_.columns.empty())
      throw Error(sqlstate::kSyntax, "without a header, COPY needs the column list: COPY t (a, b, ...) FROM ...")
          .at(s_.position.line, s_.position.column);
    for (const auto& spec : c_.columns) names.push_back(spec.name);
  }
  columns_ = csv_columns(names, c_, *schema_);
  return true;
}

void CopyLoad::start_writer() {
  if (o_.rows_per_second > 0) rows_limiter_.emplace(o_.rows_per_second);
  if (o_.write_units_per_second > 0) units_limiter_.emplace(o_.write_units_per_second);
  BulkWriterOptions wo;
  wo.lanes = o_.concurrency;
  wo.throttle = session_.session_throttle;
  if (rows_limiter_ || units_limiter_)
    wo.throttle = {rows_limiter_ ? &*rows_limiter_ : nullptr, units_limiter_ ? &*units_limiter_ : nullptr};
  wo.cancelled = &session_.cancelled;
  writer_ = std::make_unique<BulkWriter>(session_.client, d_.name, d_.keys, wo, [this](const BulkEntry& e, const Error& err) {
    std::lock_guard<std::mutex> lock(late_mutex_);
    late_rejects_.emplace_back(e, err.what());
  });
}

void CopyLoad::load() {
  InputRecord record;
  for (;;) {
    bool more = false;
    try {
      more = reader_->next(record);
    } catch (const Error& e) {  // the input failed (a file cut short, a read error): keep what was read
      throw stop_with(e, reader_->lines_read() + 1, reader_->offset(), true);
    }
    if (!more) break;
    if (session_.cancelled) throw stop_with(Error(sqlstate::kOperationCanceled, "COPY cancelled"), record.line, record.offset, false);
    ++read_;
    std::optional<Item> item = item_of(record);
    if (!item) continue;
    position_->handed_to_writer(record.line, record.offset);
    try {
      writer_->put({std::move(*item), record.line, record.line, rejects_.enabled() ? record.text : std::string()});
    } catch (const Error& e) {
      throw stop_with(e, record.line, record.offset, false);
    }
    report(false);
    if (store_ && Clock::now() - last_save_ > std::chrono::seconds(2)) {
      drain_late_rejects();
      save(position_now());
      last_save_ = Clock::now();
    }
  }
  try {
    writer_->finish([&] { report(false); });
  } catch (const Error& e) {
    throw stop_with(e, reader_->lines_read() + 1, reader_->offset(), false);
  }
}

// The record's item, checked against the table; a bad record stops the load, or with on_error =
// 'continue' is set aside (nullopt).
std::optional<Item> CopyLoad::item_of(const InputRecord& record) {
  try {
    if (!record.error.empty()) throw Error(sqlstate::kInvalidCharacterValue, record.error);
    Item item = o_.format == CopyFormat::Csv         ? item_from_csv(record.csv, columns_)
                : o_.format == CopyFormat::JsonLines ? item_from_json_line(record.text)
                                                     : item_from_dynamodb_json(record.text);
    check_item(item, d_);
    return item;
  } catch (const Error& e) {
    if (o_.stop_on_error)
      throw stop_with(Error(e.sqlstate(), "line " + std::to_string(record.line) + ": " + e.what()), record.line, record.offset, true);
    note_reject(record.line, record.text, e.what());
    position_->rejected_when_read(record.line);
    return std::nullopt;
  }
}

void CopyLoad::note_reject(int64_t line, const std::string& text, const std::string& reason) {
  ++rejected_;
  if (reasons_.size() < 10) reasons_.push_back("line " + std::to_string(line) + ": " + reason);
  if (rejects_.enabled()) rejects_.add(line, text, reason);
}

void CopyLoad::drain_late_rejects() {
  std::lock_guard<std::mutex> lock(late_mutex_);
  for (const auto& [e, reason] : late_rejects_) {
    note_reject(e.line, e.source, reason);
    position_->refused_by_writer(e.line);
  }
  late_rejects_.clear();
}

CopyCheckpoint CopyLoad::position(int64_t next_line, uint64_t next_offset) {
  return position_->settle(writer_->low_water(), next_line, next_offset, rejects_);
}

void CopyLoad::save(const CopyCheckpoint& cp) {
  if (store_) save_copy_checkpoint(*store_, key_, cp);
}

int64_t CopyLoad::retried() const {
  return writer_->stats().retried + static_cast<int64_t>(session_.client.counters().retries.load() - retries_at_start_);
}

void CopyLoad::report(bool force) {
  auto now = Clock::now();
  if (!session_.progress || (!force && now - last_report_ < std::chrono::milliseconds(200))) return;
  last_report_ = now;
  CopyProgress p;
  p.read = read_;
  p.written = checkpoint_.written + writer_->stats().written;
  p.rejected = rejected_;
  p.retried = retried();
  // The share of the input read, scaled by the share of what was read that is written: the reader
  // runs ahead of the writers by up to their queues.
  if (auto f = input_->fraction_read(); f && read_ > 0)
    p.fraction = *f * static_cast<double>(p.written - checkpoint_.written + p.rejected - checkpoint_.rejected) / static_cast<double>(read_);
  p.seconds = std::chrono::duration<double>(now - start_).count();
  session_.progress->on_copy(p);
}

// Ends the COPY early: waits for what can still be written (or abandons it), saves the checkpoint,
// and says how far the load got.
Error CopyLoad::stop_with(const Error& e, int64_t line, uint64_t offset, bool wait_for_writes) {
  if (wait_for_writes) {
    try {
      writer_->finish();
    } catch (const Error&) {
      writer_->stop();
    }
  } else {
    writer_->stop();
  }
  drain_late_rejects();
  CopyCheckpoint cp = position(line, offset);
  std::string note = "; " + std::to_string(cp.written) + " rows written in all (every record before line " + std::to_string(cp.line) + ")";
  try {
    save(cp);
    if (store_) note += "; run the same COPY again to continue from line " + std::to_string(cp.line) + " (checkpoint '" + o_.checkpoint + "')";
  } catch (const Error& se) {
    note += "; the checkpoint could not be saved: " + std::string(se.what());
  }
  Error out(e.sqlstate(), std::string(e.what()) + note, e.aws_type());
  out.with_details(e.details());
  return out;
}

// Saves the final checkpoint (done) and tells what was loaded.
std::string CopyLoad::summary() {
  drain_late_rejects();
  CopyCheckpoint final_point = position_now();
  final_point.done = true;
  save(final_point);
  report(true);
  int64_t written = this->written(), rejected = rejected_ - checkpoint_.rejected;
  double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  std::string status = "COPY " + std::to_string(written) + ": read " + std::to_string(read_) + " records, wrote " +
                       std::to_string(written) + ", rejected " + std::to_string(rejected) + ", retried " +
                       std::to_string(retried()) + " in " + seconds_text(seconds) + " (" + rate_text(written, seconds) + ")";
  if (resuming_) status += "; resumed at line " + std::to_string(checkpoint_.line) + ", " + std::to_string(final_point.written) + " written in all";
  for (const auto& r : reasons_) status += "\n  rejected " + r;
  if (rejected > static_cast<int64_t>(reasons_.size()))
    status += "\n  ... " + (rejects_.enabled() ? "all of them in " + o_.reject_file + " (reasons in " + o_.reject_file + ".log)"
                                               : std::string("give reject_file to keep every rejected record"));
  return status;
}

}  // namespace

std::unique_ptr<Cursor> Session::run_copy_from(const Statement& s) {
  CopyOptions options = copy_from_options(s);
  catalog_->invalidate(s.table->table);
  CopyLoad load(s, std::move(options), catalog_->table(s.table->table),
                {*client_, checkpoint_backend(), write_throttle(), cancelled_, progress_});
  if (std::optional<std::string> nothing_to_do = load.open()) return outcome(0, *nothing_to_do);
  try {
    load.load();
  } catch (const Error&) {
    catalog_->invalidate(load.table());
    throw;
  }
  std::string status = load.summary();
  catalog_->invalidate(load.table());
  return outcome(load.written(), status);
}

}  // namespace dynamosql

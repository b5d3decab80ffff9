// COPY: bulk loads from and exports to files, the scripted migration path.
//
//   COPY t [(col [type], ...)] FROM 'file' | '-' [WITH (option = value, ...)]
//   COPY t [(col, ...)] TO 'file' | '-' [WITH (...)]
//   COPY (SELECT ...) TO 'file' | '-' [WITH (...)]
//
// COPY FROM reads records (copy/copy_format.h), checks each item against the table and hands it to a
// BulkWriter: BatchWriteItem puts, 25 per request, several lanes in flight, UnprocessedItems re-sent,
// an optional rate limit. Puts overwrite an item with the same key (the last record of a key wins),
// which is what makes a resumed load safe: with `checkpoint = 'name'` the position below which every
// record is written is saved every two seconds and when the COPY stops for any reason; running the
// same COPY again continues there, and the records written twice are overwritten with themselves.
//
// A bad record (unparsable, wrong type, missing key, over 400 KB) stops the COPY with its line number
// and reason, after everything before it is written (on_error = 'stop', the default), or is set aside
// and counted (on_error = 'continue', implied by reject_file): reject_file receives the record as it
// was (CSV with the header first, so the file can be fixed and loaded) and reject_file.log one
// "line N: reason" per record.
//
// COPY TO runs the query and writes its rows; a file is written under a temporary name and renamed
// into place at the end, so a failed or cancelled export leaves no partial file.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <deque>
#include <fstream>
#include <mutex>

#include "api/session.h"
#include "copy/copy_file.h"
#include "copy/copy_format.h"
#include "dynamosql/error.h"
#include "exec/bulk_writer.h"
#include "exec/evaluator.h"
#include "exec/item_writer.h"
#include "exec/rate_limiter.h"
#include "checkpoint/checkpoint_store.h"

namespace dynamosql {
namespace {

using Clock = std::chrono::steady_clock;

struct CopyOptions {
  CopyFormat format = CopyFormat::Csv;
  bool header = true;
  char delimiter = ',';
  bool stop_on_error = true;
  std::string reject_file;
  std::string checkpoint;
  double rows_per_second = 0;
  double write_units_per_second = 0;
  // COPY TO: replace the session's read limits and budget for this COPY (0: the session's).
  double read_rows_per_second = 0, read_units_per_second = 0, max_read_units = 0;
  int concurrency = 8;
  std::optional<int> scan_segment, scan_total_segments;  // COPY TO: replace the session's for this COPY
};

std::string option_string(const std::string& name, const Value& v) {
  if (v.type() == ValueType::String || v.type() == ValueType::Number) return v.text();
  throw Error(sqlstate::kInvalidParameter, "COPY option " + name + " takes a string");
}

double option_rate(const std::string& name, const Value& v) {
  auto n = v.type() == ValueType::Number ? Number::parse(v.text()) : std::nullopt;
  if (!n || n->compare(Number(0)) <= 0) throw Error(sqlstate::kInvalidParameter, "COPY option " + name + " must be a positive number");
  return std::stod(n->to_string());  // a rate, not data: a double is exact enough
}

bool option_bool(const std::string& name, const Value& v) {
  if (v.type() == ValueType::Bool) return v.as_bool();
  std::string t = v.type() == ValueType::String || v.type() == ValueType::Number ? v.text() : "";
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (t == "true" || t == "on" || t == "1") return true;
  if (t == "false" || t == "off" || t == "0") return false;
  throw Error(sqlstate::kInvalidParameter, "COPY option " + name + " is true or false");
}

CopyOptions parse_copy_options(const CopyStatement& c) {
  CopyOptions o;
  std::optional<CopyFormat> format = copy_format_for_path(c.path);
  bool on_error_given = false;
  for (const auto& [name, v] : c.options) {
    if (name == "format") {
      format = copy_format_named(option_string(name, v));
      if (!format) throw Error(sqlstate::kInvalidParameter, "COPY format is 'csv', 'jsonl' or 'dynamodb_json'");
    } else if (name == "header") {
      o.header = option_bool(name, v);
    } else if (name == "delimiter") {
      std::string d = option_string(name, v);
      if (d == "\\t" || d == "tab") d = "\t";
      if (d.size() != 1 || d == "\"" || d == "\n" || d == "\r")
        throw Error(sqlstate::kInvalidParameter, "COPY delimiter is one character (not a quote or a line break)");
      o.delimiter = d[0];
    } else if (name == "on_error") {
      std::string m = option_string(name, v);
      if (m == "stop" || m == "abort") o.stop_on_error = true;
      else if (m == "continue" || m == "skip") o.stop_on_error = false;
      else throw Error(sqlstate::kInvalidParameter, "COPY on_error is 'stop' or 'continue'");
      on_error_given = true;
    } else if (name == "reject_file") {
      o.reject_file = option_string(name, v);
    } else if (name == "checkpoint") {
      o.checkpoint = option_string(name, v);
    } else if (name == "rows_per_second") {
      o.rows_per_second = option_rate(name, v);
    } else if (name == "write_units_per_second") {
      o.write_units_per_second = option_rate(name, v);
    } else if (name == "read_rows_per_second") {
      o.read_rows_per_second = option_rate(name, v);
    } else if (name == "read_units_per_second") {
      o.read_units_per_second = option_rate(name, v);
    } else if (name == "max_read_units") {
      o.max_read_units = option_rate(name, v);
    } else if (name == "scan_segment" || name == "scan_total_segments") {
      SettingValue n = parse_setting(setting_named(name), value_to_text(v), "COPY option " + name);  // the setting's limits
      (name == "scan_segment" ? o.scan_segment : o.scan_total_segments) = static_cast<int>(std::get<int64_t>(n));
    } else if (name == "concurrency") {
      double n = option_rate(name, v);
      if (n > 64) throw Error(sqlstate::kInvalidParameter, "COPY concurrency is at most 64");
      o.concurrency = static_cast<int>(n);
    } else {
      throw Error(sqlstate::kInvalidParameter,
                  "unknown COPY option \"" + name +
                      "\" (format, header, delimiter, on_error, reject_file, checkpoint, rows_per_second, "
                      "write_units_per_second, read_rows_per_second, read_units_per_second, max_read_units, "
                      "concurrency, scan_segment, scan_total_segments)");
    }
  }
  if (format) o.format = *format;
  if (!o.reject_file.empty() && !on_error_given) o.stop_on_error = false;
  if (!o.reject_file.empty() && o.stop_on_error)
    throw Error(sqlstate::kInvalidParameter, "reject_file collects the bad records of on_error = 'continue'");
  return o;
}

// The options of a COPY statement; errors point at the statement.
CopyOptions copy_options(const Statement& s) {
  try {
    return parse_copy_options(*s.copy);
  } catch (Error& e) {
    throw e.at(s.position.line, s.position.column);
  }
}

std::string rate_text(int64_t rows, double seconds) {
  return std::to_string(static_cast<int64_t>(seconds > 0 ? static_cast<double>(rows) / seconds : 0.0)) + " rows/s";
}

std::string seconds_text(double s) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.1f s", s);
  return buf;
}

// Bad records set aside by on_error = 'continue': the record to `path`, the reason to `path`.log.
// On resume both files are cut back to where the checkpoint was taken and appended to.
class RejectFiles {
 public:
  void open(const std::string& path, bool csv_header_needed, const std::string& header, uint64_t data_bytes, uint64_t log_bytes) {
    path_ = path;
    bool resume = data_bytes > 0 || log_bytes > 0;
    if (resume) {
      truncate(path_, data_bytes);
      truncate(path_ + ".log", log_bytes);
    }
    data_.open(path_, resume ? std::ios::app | std::ios::binary : std::ios::trunc | std::ios::binary);
    log_.open(path_ + ".log", resume ? std::ios::app : std::ios::trunc);
    if (!data_ || !log_) throw_io_error("cannot create the reject file", path_);
    data_bytes_ = data_bytes;
    log_bytes_ = log_bytes;
    if (csv_header_needed && data_bytes_ == 0) write_data(header);
  }
  bool enabled() const { return !path_.empty(); }
  void add(int64_t line, const std::string& record, const std::string& reason) {
    marks_.push_back({line, data_bytes_, log_bytes_});
    std::string text = record;
    if (text.empty() || text.back() != '\n') text += '\n';
    write_data(text);
    std::string entry = "line " + std::to_string(line) + ": " + reason + "\n";
    log_ << entry;
    log_bytes_ += entry.size();
    if (!log_) throw_io_error("cannot write the reject file", path_ + ".log");
  }
  // Sizes of the files without the rejects at or after `line` (those will be read again on resume).
  std::pair<uint64_t, uint64_t> sizes_before(int64_t line) {
    data_.flush();
    log_.flush();
    while (!marks_.empty() && marks_.front().line < line && marks_.size() > 1 && marks_[1].line < line) marks_.pop_front();
    for (const auto& m : marks_)
      if (m.line >= line) return {m.data, m.log};
    return {data_bytes_, log_bytes_};
  }

 private:
  struct Mark {
    int64_t line;
    uint64_t data, log;
  };
  static void truncate(const std::string& path, uint64_t size) {
    if (::truncate(path.c_str(), static_cast<off_t>(size)) != 0 && errno != ENOENT) throw_io_error("cannot cut back the reject file", path);
  }
  void write_data(const std::string& text) {
    data_ << text;
    data_bytes_ += text.size();
    if (!data_) throw_io_error("cannot write the reject file", path_);
  }
  std::string path_;
  std::ofstream data_, log_;
  uint64_t data_bytes_ = 0, log_bytes_ = 0;
  std::deque<Mark> marks_;
};

// The checkpoint of one COPY FROM: under "copy:<table>" in the named checkpoint file.
struct CopyCheckpoint {
  std::string source;
  int64_t line = 1;     // the first line not known to be written
  uint64_t offset = 0;  // where that line starts
  int64_t written = 0, rejected = 0;
  uint64_t reject_bytes = 0, reject_log_bytes = 0;
  bool done = false;
};

CopyCheckpoint load_checkpoint(const CheckpointStore& store, const std::string& key) {
  rapidjson::Document d = store.load_entry(key);
  CopyCheckpoint c;
  if (d.ObjectEmpty()) {
    c.line = 0;  // none saved
    return c;
  }
  auto text = [&](const char* k) { return d.HasMember(k) && d[k].IsString() ? std::string(d[k].GetString()) : std::string(); };
  auto num = [&](const char* k) { return d.HasMember(k) && d[k].IsInt64() ? d[k].GetInt64() : int64_t{0}; };
  c.source = text("source");
  c.line = num("line");
  c.offset = static_cast<uint64_t>(num("offset"));
  c.written = num("written");
  c.rejected = num("rejected");
  c.reject_bytes = static_cast<uint64_t>(num("reject_bytes"));
  c.reject_log_bytes = static_cast<uint64_t>(num("reject_log_bytes"));
  c.done = d.HasMember("done") && d["done"].IsBool() && d["done"].GetBool();
  if (c.line < 1) throw Error(sqlstate::kDataException, "the checkpoint " + store.where() + " has no valid COPY position");
  return c;
}

void save_checkpoint(const CheckpointStore& store, const std::string& key, const CopyCheckpoint& c) {
  rapidjson::Document d;
  d.SetObject();
  auto& a = d.GetAllocator();
  d.AddMember("source", rapidjson::Value(c.source.c_str(), a), a);
  d.AddMember("line", c.line, a);
  d.AddMember("offset", static_cast<int64_t>(c.offset), a);
  d.AddMember("written", c.written, a);
  d.AddMember("rejected", c.rejected, a);
  d.AddMember("reject_bytes", static_cast<int64_t>(c.reject_bytes), a);
  d.AddMember("reject_log_bytes", static_cast<int64_t>(c.reject_log_bytes), a);
  d.AddMember("done", c.done, a);
  store.save_entry(key, d);
}

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

// A COPY TO path: `{segment}` stands for the segment number of a COPY restricted to one segment, so
// that one statement run for every segment writes one file each.
std::string output_path(const std::string& path, const SegmentRestriction& segment) {
  const std::string mark = "{segment}";
  size_t at = path.find(mark);
  if (at == std::string::npos) return path;
  if (!segment.active())
    throw Error(sqlstate::kInvalidParameter, "the path '" + path + "' names {segment}, but the COPY is not restricted to a segment "
                                             "(scan_segment / scan_total_segments)");
  std::string out = path;
  for (; at != std::string::npos; at = out.find(mark, at)) out.replace(at, mark.size(), std::to_string(segment.index));
  return out;
}

}  // namespace

std::unique_ptr<Cursor> Session::run_copy(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  if (in_transaction()) throw Error("25000", "COPY cannot run inside a transaction; COMMIT or ROLLBACK first");
  auto result = s.copy->to ? run_copy_to(s, parameters) : run_copy_from(s);
  if (s.copy->path == "-") result->mark_standard_stream();
  return result;
}

std::unique_ptr<Cursor> Session::run_copy_from(const Statement& s) {
  const CopyStatement& c = *s.copy;
  CopyOptions o = copy_options(s);
  if (!c.columns.empty() && o.format != CopyFormat::Csv)
    throw Error(sqlstate::kSyntax, "a column list applies to CSV; JSON records name their attributes").at(s.position.line, s.position.column);
  if (o.scan_segment || o.scan_total_segments)
    throw Error(sqlstate::kInvalidParameter, "scan_segment and scan_total_segments apply to COPY TO, which scans a table")
        .at(s.position.line, s.position.column);
  if (o.read_rows_per_second > 0 || o.read_units_per_second > 0 || o.max_read_units > 0)
    throw Error(sqlstate::kInvalidParameter,
                "read_rows_per_second, read_units_per_second and max_read_units apply to COPY TO, which reads a table")
        .at(s.position.line, s.position.column);
  catalog_->invalidate(s.table->table);
  auto schema = catalog_->table(s.table->table);
  const TableDescription& d = schema->description;
  auto start = Clock::now();

  std::unique_ptr<CheckpointStore> store;
  std::string key = "copy:" + d.name;
  CopyCheckpoint checkpoint;
  checkpoint.line = 0;
  if (!o.checkpoint.empty()) {
    if (c.path == "-") throw Error(sqlstate::kInvalidParameter, "a COPY from standard input cannot be resumed: give a file");
    store = open_checkpoint_store(checkpoint_backend(), o.checkpoint, *client_);
    checkpoint = load_checkpoint(*store, key);
    if (checkpoint.line > 0 && checkpoint.source != c.path)
      throw Error(sqlstate::kInvalidParameter, "checkpoint '" + o.checkpoint + "' belongs to a COPY into " + d.name + " from '" +
                                                   checkpoint.source + "', not '" + c.path + "'");
    if (checkpoint.done)
      return outcome(0, "COPY 0: checkpoint '" + o.checkpoint + "' says this COPY completed (" + std::to_string(checkpoint.written) +
                            " rows written); nothing to do");
  }
  bool resuming = checkpoint.line > 0;
  if (!resuming) checkpoint = CopyCheckpoint{c.path, 1, 0, 0, 0, 0, 0, false};

  auto input = InputFile::open(c.path);
  RecordReader reader(*input, o.format, o.delimiter);
  InputRecord record;
  std::vector<CsvColumn> columns;
  std::string csv_header;
  if (o.format == CopyFormat::Csv) {
    std::vector<std::string> names;
    if (o.header) {
      if (!reader.next(record)) return outcome(0, "COPY 0: the input is empty");
      if (!record.error.empty()) throw Error(sqlstate::kInvalidCharacterValue, "line 1: " + record.error);
      names = record.csv.values;
      csv_header = record.text;
      for (const auto& n : names)
        if (n.empty()) throw Error(sqlstate::kInvalidCharacterValue, "line 1: the header has an empty column name");
    } else {
      if (c.columns.empty())
        throw Error(sqlstate::kSyntax, "without a header, COPY needs the column list: COPY t (a, b, ...) FROM ...")
            .at(s.position.line, s.position.column);
      for (const auto& spec : c.columns) names.push_back(spec.name);
    }
    columns = csv_columns(names, c, *schema);
  }
  if (resuming) reader.resume_at(checkpoint.line, checkpoint.offset);

  RejectFiles rejects;
  if (!o.reject_file.empty())
    rejects.open(o.reject_file, o.format == CopyFormat::Csv && o.header, csv_header, resuming ? checkpoint.reject_bytes : 0,
                 resuming ? checkpoint.reject_log_bytes : 0);

  // The COPY's own limits replace the session's (SET write_rows_per_second / write_units_per_second).
  std::optional<RateLimiter> rows_limiter, units_limiter;
  if (o.rows_per_second > 0) rows_limiter.emplace(o.rows_per_second);
  if (o.write_units_per_second > 0) units_limiter.emplace(o.write_units_per_second);
  BulkWriterOptions wo;
  wo.lanes = o.concurrency;
  wo.throttle = write_throttle();
  if (rows_limiter || units_limiter) wo.throttle = {rows_limiter ? &*rows_limiter : nullptr, units_limiter ? &*units_limiter : nullptr};
  wo.cancelled = &cancelled_;

  // Records DynamoDB itself refused arrive from the writer's threads.
  std::mutex late_mutex;
  std::vector<std::pair<BulkEntry, std::string>> late_rejects;
  BulkWriter writer(*client_, d.name, d.keys, wo, [&](const BulkEntry& e, const Error& err) {
    std::lock_guard<std::mutex> lock(late_mutex);
    late_rejects.emplace_back(e, err.what());
  });

  const int64_t base_written = checkpoint.written;
  int64_t read = 0, rejected = checkpoint.rejected;
  std::vector<std::string> reasons;  // the first few, for the summary
  std::deque<std::pair<int64_t, uint64_t>> pending;  // (line, offset) of records handed to the writer
  // What a checkpoint counts is what lies below its position, exactly: records read and not yet below
  // a saved position (line, rejected when read), and records the writer gave back as refused.
  std::deque<std::pair<int64_t, bool>> unsettled;
  std::vector<int64_t> refused_lines;
  int64_t settled_written = checkpoint.written, settled_rejected = checkpoint.rejected;
  auto retries_at_start = client_->counters().retries.load();
  auto retried = [&] {
    return writer.stats().retried + static_cast<int64_t>(client_->counters().retries.load() - retries_at_start);
  };
  auto note_reject = [&](int64_t line, const std::string& text, const std::string& reason) {
    ++rejected;
    if (reasons.size() < 10) reasons.push_back("line " + std::to_string(line) + ": " + reason);
    if (rejects.enabled()) rejects.add(line, text, reason);
  };
  auto drain_late_rejects = [&] {
    std::lock_guard<std::mutex> lock(late_mutex);
    for (const auto& [e, reason] : late_rejects) {
      note_reject(e.line, e.source, reason);
      refused_lines.push_back(e.line);
    }
    late_rejects.clear();
  };
  // The position below which everything is written: the oldest record still with the writer, else
  // where the reader stands.
  auto resume_point = [&](int64_t next_line, uint64_t next_offset) {
    int64_t low = writer.low_water();
    while (!pending.empty() && pending.front().first < low) pending.pop_front();
    CopyCheckpoint cp = checkpoint;
    if (pending.empty()) {
      cp.line = next_line;
      cp.offset = next_offset;
    } else {
      cp.line = pending.front().first;
      cp.offset = pending.front().second;
    }
    // Records below the position are written or rejected for good (positions only move forward).
    for (; !unsettled.empty() && unsettled.front().first < cp.line; unsettled.pop_front())
      ++(unsettled.front().second ? settled_rejected : settled_written);
    for (auto it = refused_lines.begin(); it != refused_lines.end();) {
      if (*it >= cp.line) {
        ++it;
        continue;
      }
      --settled_written, ++settled_rejected;  // handed to the writer, refused by DynamoDB
      it = refused_lines.erase(it);
    }
    cp.written = settled_written;  // not the writes after the position, which a resume repeats
    cp.rejected = settled_rejected;
    if (rejects.enabled()) std::tie(cp.reject_bytes, cp.reject_log_bytes) = rejects.sizes_before(cp.line);
    return cp;
  };
  auto save = [&](const CopyCheckpoint& cp) {
    if (store) save_checkpoint(*store, key, cp);
  };
  Clock::time_point last;
  auto report = [&](bool force) {
    auto now = Clock::now();
    if (!progress_ || (!force && now - last < std::chrono::milliseconds(200))) return;
    last = now;
    CopyProgress p;
    p.read = read;
    p.written = base_written + writer.stats().written;
    p.rejected = rejected;
    p.retried = retried();
    // The share of the input read, scaled by the share of what was read that is written: the reader
    // runs ahead of the writers by up to their queues.
    if (auto f = input->fraction_read(); f && read > 0)
      p.fraction = *f * static_cast<double>(p.written - base_written + p.rejected - checkpoint.rejected) / static_cast<double>(read);
    p.seconds = std::chrono::duration<double>(now - start).count();
    progress_->on_copy(p);
  };
  // Ends the COPY early: waits for what can still be written (or abandons it), saves the checkpoint,
  // and says how far the load got.
  auto stop_with = [&](const Error& e, int64_t line, uint64_t offset, bool wait_for_writes) -> Error {
    if (wait_for_writes) {
      try {
        writer.finish();
      } catch (const Error&) {
        writer.stop();
      }
    } else {
      writer.stop();
    }
    drain_late_rejects();
    CopyCheckpoint cp = resume_point(line, offset);
    std::string note = "; " + std::to_string(cp.written) + " rows written in all (every record before line " +
                       std::to_string(cp.line) + ")";
    try {
      save(cp);
      if (store) note += "; run the same COPY again to continue from line " + std::to_string(cp.line) + " (checkpoint '" + o.checkpoint + "')";
    } catch (const Error& se) {
      note += "; the checkpoint could not be saved: " + std::string(se.what());
    }
    Error out(e.sqlstate(), std::string(e.what()) + note, e.aws_type());
    out.with_details(e.details());
    return out;
  };

  auto last_save = Clock::now();
  try {
    for (;;) {
      bool more = false;
      try {
        more = reader.next(record);
      } catch (const Error& e) {  // the input failed (a file cut short, a read error): keep what was read
        throw stop_with(e, reader.lines_read() + 1, reader.offset(), true);
      }
      if (!more) break;
      if (cancelled_) throw stop_with(Error(sqlstate::kOperationCanceled, "COPY cancelled"), record.line, record.offset, false);
      ++read;
      Item item;
      std::string reason;
      try {
        if (!record.error.empty()) throw Error(sqlstate::kInvalidCharacterValue, record.error);
        item = o.format == CopyFormat::Csv        ? item_from_csv(record.csv, columns)
               : o.format == CopyFormat::JsonLines ? item_from_json_line(record.text)
                                                   : item_from_dynamodb_json(record.text);
        check_item(item, d);
      } catch (const Error& e) {
        if (o.stop_on_error)
          throw stop_with(Error(e.sqlstate(), "line " + std::to_string(record.line) + ": " + e.what()), record.line, record.offset, true);
        note_reject(record.line, record.text, e.what());
        unsettled.emplace_back(record.line, true);
        continue;
      }
      pending.emplace_back(record.line, record.offset);
      unsettled.emplace_back(record.line, false);
      try {
        writer.put({std::move(item), record.line, record.line, rejects.enabled() ? record.text : std::string()});
      } catch (const Error& e) {
        throw stop_with(e, record.line, record.offset, false);
      }
      report(false);
      if (store && Clock::now() - last_save > std::chrono::seconds(2)) {
        drain_late_rejects();
        save(resume_point(reader.lines_read() + 1, reader.offset()));
        last_save = Clock::now();
      }
    }
    try {
      writer.finish([&] { report(false); });
    } catch (const Error& e) {
      throw stop_with(e, reader.lines_read() + 1, reader.offset(), false);
    }
  } catch (const Error& e) {
    catalog_->invalidate(d.name);
    throw;
  }
  drain_late_rejects();
  CopyCheckpoint final_point = resume_point(reader.lines_read() + 1, reader.offset());
  final_point.done = true;
  save(final_point);
  report(true);
  catalog_->invalidate(d.name);

  BulkStats stats = writer.stats();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::string status = "COPY " + std::to_string(stats.written) + ": read " + std::to_string(read) + " records, wrote " +
                       std::to_string(stats.written) + ", rejected " + std::to_string(rejected - checkpoint.rejected) +
                       ", retried " + std::to_string(retried()) + " in " + seconds_text(seconds) + " (" +
                       rate_text(stats.written, seconds) + ")";
  if (resuming) status += "; resumed at line " + std::to_string(checkpoint.line) + ", " + std::to_string(final_point.written) + " written in all";
  for (const auto& r : reasons) status += "\n  rejected " + r;
  if (rejected - checkpoint.rejected > static_cast<int64_t>(reasons.size()))
    status += "\n  ... " + (rejects.enabled() ? "all of them in " + o.reject_file + " (reasons in " + o.reject_file + ".log)"
                                              : std::string("give reject_file to keep every rejected record"));
  return outcome(stats.written, status);
}

std::unique_ptr<Cursor> Session::run_copy_to(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  const CopyStatement& c = *s.copy;
  CopyOptions o = copy_options(s);
  if (!o.checkpoint.empty() || !o.reject_file.empty() || o.write_units_per_second > 0)
    throw Error(sqlstate::kInvalidParameter,
                "checkpoint, reject_file and write_units_per_second apply to COPY FROM; a COPY TO file is written whole or not at all")
        .at(s.position.line, s.position.column);
  // The COPY's own segment options replace the session's for this statement.
  struct Restore {
    SessionSettings& settings;
    int segment, total;
    ~Restore() { settings.scan_segment = segment, settings.scan_total_segments = total; }
  } restore{settings_, settings_.scan_segment, settings_.scan_total_segments};
  if (o.scan_segment) settings_.scan_segment = *o.scan_segment;
  if (o.scan_total_segments) settings_.scan_total_segments = *o.scan_total_segments;
  std::string path = output_path(c.path, segment_restriction());
  auto start = Clock::now();
  std::shared_ptr<Query> query = c.query;
  std::optional<int64_t> total;
  if (!query) {
    // COPY t [(cols)] TO ...: SELECT cols (or *) FROM t.
    auto spec = std::make_shared<QuerySpec>();
    spec->position = s.position;
    auto from = std::make_shared<TableRef>(*s.table);
    spec->from = from;
    if (c.columns.empty()) {
      SelectItem all;
      all.kind = SelectItem::Kind::All;
      all.position = s.position;
      spec->items.push_back(std::move(all));
    } else {
      for (const auto& col : c.columns) {
        SelectItem item;
        auto e = std::make_unique<Expr>();
        e->kind = ExprKind::Column;
        e->path = {PathElement{col.name, -1}};
        e->position = col.position;
        e->text = col.name;
        item.expr = std::move(e);
        item.alias = col.name;
        item.position = col.position;
        spec->items.push_back(std::move(item));
      }
    }
    query = std::make_shared<Query>();
    query->position = s.position;
    query->terms.push_back({spec, nullptr});
    if (s.table->schema.empty() && s.table->index.empty()) {
      try {
        total = catalog_->table(s.table->table)->description.item_count;
      } catch (const Error&) {
      }
    }
  }
  auto ctx = new_context();
  // The COPY's own read limits replace the session's (they live as long as the statement).
  std::optional<RateLimiter> read_rows, read_units;
  if (o.read_rows_per_second > 0 || o.read_units_per_second > 0 || o.max_read_units > 0) {
    ReadLimits limits = read_limits();
    if (o.read_rows_per_second > 0) limits.rows = &read_rows.emplace(o.read_rows_per_second);
    if (o.read_units_per_second > 0) limits.units = &read_units.emplace(o.read_units_per_second);
    if (o.max_read_units > 0) limits.max_units = o.max_read_units;
    ctx->reads.set_limits(limits, &cancelled_);
  }
  OperatorPtr root = plan_query(*query, parameters, *ctx);
  std::vector<ColumnInfo> cols;
  std::vector<std::string> names;
  for (const auto& col : root->columns)
    if (!col.hidden) {
      cols.push_back({col.name, col.type, col.base_table});
      names.push_back(col.name);
    }
  Cursor cursor(cols, std::move(root), std::move(ctx));
  auto out = OutputFile::open(path);
  RowEncoder encoder(o.format, names, o.delimiter);
  std::string buf = o.header ? encoder.header() : std::string();
  std::optional<RateLimiter> limiter;
  if (o.rows_per_second > 0) limiter.emplace(o.rows_per_second);
  int64_t rows = 0;
  Clock::time_point last_report;
  RowBatch batch;
  try {
    while (cursor.fetch(batch)) {
      if (limiter && !limiter->acquire(static_cast<double>(batch.size()), &cancelled_))
        throw Error(sqlstate::kOperationCanceled, "COPY cancelled");
      for (const auto& row : batch) encoder.append(buf, row);
      rows += static_cast<int64_t>(batch.size());
      batch.clear();
      if (buf.size() > (1 << 16)) {
        out->write(buf);
        buf.clear();
      }
      auto now = Clock::now();
      if (progress_ && now - last_report > std::chrono::milliseconds(200)) {
        last_report = now;
        CopyProgress p;
        p.read = p.written = rows;
        if (total && *total > 0) p.fraction = std::min(1.0, static_cast<double>(rows) / static_cast<double>(*total));
        p.seconds = std::chrono::duration<double>(now - start).count();
        progress_->on_copy(p);
      }
    }
    out->write(buf);
    out->commit();
  } catch (const Error& e) {
    std::string note = path == "-" ? "; " + std::to_string(rows) + " rows had been written to standard output"
                                   : "; nothing was written to '" + path + "'";
    Error shown(e.sqlstate(), std::string(e.what()) + note, e.aws_type());
    if (e.line() > 0) shown.at(e.line(), e.column());
    throw shown;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return outcome(rows, "COPY " + std::to_string(rows) + ": wrote " + std::to_string(rows) + " rows to " +
                           (path == "-" ? std::string("standard output") : "'" + path + "'") + " in " +
                           seconds_text(seconds) + " (" + rate_text(rows, seconds) + ")");
}

}  // namespace dynamosql

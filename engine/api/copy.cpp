// COPY: bulk loads from and exports to files, the scripted migration path.
//
//   COPY t [(col [type], ...)] FROM 'file' | '-' [WITH (option = value, ...)]
//   COPY t [(col, ...)] TO 'file' | '-' [WITH (...)]
//   COPY (SELECT ...) TO 'file' | '-' [WITH (...)]
//
// Here: the options, and COPY TO, which runs the query and writes its rows (copy/copy_format.h); a file
// is written under a temporary name and renamed into place at the end (copy/copy_file.h), so a failed
// or cancelled export leaves no partial file. COPY FROM is copy_from.cpp.
#include <algorithm>
#include <chrono>

#include "api/copy_options.h"
#include "api/session.h"
#include "copy/copy_file.h"
#include "dynamosql/error.h"
#include "exec/rate_limiter.h"

namespace dynamosql {
namespace {

using Clock = std::chrono::steady_clock;

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

// COPY t [(cols)] TO ...: SELECT cols (or *) FROM t.
std::shared_ptr<Query> table_query(const Statement& s) {
  const CopyStatement& c = *s.copy;
  auto spec = std::make_shared<QuerySpec>();
  spec->position = s.position;
  spec->from = std::make_shared<TableRef>(*s.table);
  if (c.columns.empty()) {
    SelectItem all;
    all.kind = SelectItem::Kind::All;
    all.position = s.position;
    spec->items.push_back(std::move(all));
  }
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
  auto query = std::make_shared<Query>();
  query->position = s.position;
  query->terms.push_back({spec, nullptr});
  return query;
}

// Writes the rows of `cursor` to `out` (held to `rows_per_second` when given), telling `progress`
// every 200 ms; `total`, when known, is the table's item count. `rows` counts the rows encoded.
void export_rows(Cursor& cursor, OutputFile& out, RowEncoder& encoder, std::string buf, double rows_per_second,
                 const std::atomic<bool>& cancelled, ProgressSink* progress, std::optional<int64_t> total, int64_t& rows) {
  auto start = Clock::now();
  std::optional<RateLimiter> limiter;
  if (rows_per_second > 0) limiter.emplace(rows_per_second);
  Clock::time_point last_report;
  RowBatch batch;
  while (cursor.fetch(batch)) {
    if (limiter && !limiter->acquire(static_cast<double>(batch.size()), &cancelled))
      throw Error(sqlstate::kOperationCanceled, "COPY cancelled");
    for (const auto& row : batch) encoder.append(buf, row);
    rows += static_cast<int64_t>(batch.size());
    batch.clear();
    if (buf.size() > (1 << 16)) {
      out.write(buf);
      buf.clear();
    }
    auto now = Clock::now();
    if (progress && now - last_report > std::chrono::milliseconds(200)) {
      last_report = now;
      CopyProgress p;
      p.read = p.written = rows;
      if (total && *total > 0) p.fraction = std::min(1.0, static_cast<double>(rows) / static_cast<double>(*total));
      p.seconds = std::chrono::duration<double>(now - start).count();
      progress->on_copy(p);
    }
  }
  out.write(buf);
  out.commit();
}

}  // namespace

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

std::string seconds_text(double seconds) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.1f s", seconds);
  return buf;
}

std::unique_ptr<Cursor> Session::run_copy(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  if (in_transaction()) throw Error("25000", "COPY cannot run inside a transaction; COMMIT or ROLLBACK first");
  auto result = s.copy->to ? run_copy_to(s, parameters) : run_copy_from(s);
  if (s.copy->path == "-") result->mark_standard_stream();
  return result;
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
  std::shared_ptr<Query> query = c.query ? c.query : table_query(s);
  std::optional<int64_t> total;  // the table's item count, for progress
  if (!c.query && s.table->schema.empty() && s.table->index.empty()) {
    try {
      total = catalog_->table(s.table->table)->description.item_count;
    } catch (const Error&) {
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
  int64_t rows = 0;
  try {
    export_rows(cursor, *out, encoder, o.header ? encoder.header() : std::string(), o.rows_per_second, cancelled_, progress_, total, rows);
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

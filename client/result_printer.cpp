// Result formatting for the console; see result_printer.h.
#include "result_printer.h"

#include <algorithm>

#include "dynamosql/json.h"
#include "dynamosql/text.h"

namespace dynamosql {
namespace {

uint64_t print_table(Cursor& cursor, FILE* out) {
  const auto& cols = cursor.columns();
  uint64_t total = 0;
  bool header_done = false;
  std::vector<size_t> widths(cols.size());
  RowBatch batch;
  std::vector<std::vector<std::string>> cells;
  auto flush = [&](bool final) {
    if (!header_done) {
      for (size_t i = 0; i < cols.size(); ++i) widths[i] = std::max(widths[i], utf8_length(cols[i].name));
      for (const auto& r : cells)
        for (size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], std::min<size_t>(utf8_length(r[i]), 80));
      std::string line;
      for (size_t i = 0; i < cols.size(); ++i) {
        line += (i ? " | " : " ") + cols[i].name + std::string(widths[i] - utf8_length(cols[i].name), ' ');
      }
      std::string rule;
      for (size_t i = 0; i < cols.size(); ++i) rule += (i ? "-+-" : "-") + std::string(widths[i], '-');
      fprintf(out, "%s\n%s-\n", line.c_str(), rule.c_str());
      header_done = true;
    }
    for (const auto& r : cells) {
      std::string line;
      for (size_t i = 0; i < r.size(); ++i) {
        std::string cell = r[i];
        for (auto& c : cell)
          if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        size_t w = utf8_length(cell);
        bool numeric = is_numeric(cols[i].type);
        std::string pad(w < widths[i] ? widths[i] - w : 0, ' ');
        line += (i ? " | " : " ") + (numeric ? pad + cell : cell + pad);
      }
      fprintf(out, "%s\n", line.c_str());
    }
    cells.clear();
    if (final) fprintf(out, "(%llu row%s)\n", static_cast<unsigned long long>(total), total == 1 ? "" : "s");
  };
  while (cursor.fetch(batch)) {
    for (const auto& row : batch) {
      std::vector<std::string> r;
      for (const auto& v : row) r.push_back(v.is_null_or_missing() ? "NULL" : value_to_text(v));
      cells.push_back(std::move(r));
    }
    total += batch.size();
    batch.clear();
    if (cells.size() >= 1000) flush(false);  // column widths come from the first 1000 rows
  }
  flush(true);
  return total;
}

uint64_t print_csv(Cursor& cursor, FILE* out) {
  const auto& cols = cursor.columns();
  std::string buf, cell;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i) buf += ',';
    append_csv_field(buf, cols[i].name);
  }
  buf += "\r\n";
  uint64_t total = 0;
  RowBatch batch;
  while (cursor.fetch(batch)) {
    for (const auto& row : batch) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) buf += ',';
        const Value& v = row[i];
        if (v.type() == ValueType::String) {
          append_csv_field(buf, v.text());
        } else if (!v.is_null_or_missing()) {
          cell.clear();
          append_value_text(cell, v);
          append_csv_field(buf, cell);
        }
      }
      buf += "\r\n";
    }
    total += batch.size();
    batch.clear();
    fwrite(buf.data(), 1, buf.size(), out);
    fflush(out);  // rows appear as pages arrive (a followed stream, a pipe)
    buf.clear();
  }
  fwrite(buf.data(), 1, buf.size(), out);
  return total;
}

uint64_t print_json(Cursor& cursor, FILE* out, bool lines) {
  // Each column's `"name":` (with the comma before it), escaped once instead of once per row.
  std::vector<std::string> keys;
  for (const auto& c : cursor.columns()) {
    rapidjson::StringBuffer key;
    JsonWriter w(key);
    w.String(c.name.c_str(), static_cast<rapidjson::SizeType>(c.name.size()));
    keys.push_back((keys.empty() ? "" : ",") + std::string(key.GetString(), key.GetSize()) + ":");
  }
  uint64_t total = 0;
  RowBatch batch;
  rapidjson::StringBuffer sb;
  JsonWriter w(sb);
  if (!lines) fputs("[", out);
  while (cursor.fetch(batch)) {
    for (const auto& row : batch) {
      if (!lines) {
        if (total) sb.Put(',');
        sb.Put('\n');
      }
      sb.Put('{');
      for (size_t i = 0; i < row.size(); ++i) {
        for (char c : keys[i]) sb.Put(c);
        w.Reset(sb);  // each value is written as a document of its own
        write_plain_json(w, row[i]);
      }
      sb.Put('}');
      if (lines) sb.Put('\n');
      ++total;
    }
    batch.clear();
    fwrite(sb.GetString(), 1, sb.GetSize(), out);
    fflush(out);
    sb.Clear();
  }
  fputs(lines ? "" : total ? "\n]\n" : "]\n", out);
  return total;
}

}  // namespace

uint64_t print_result(Cursor& cursor, OutputFormat format, FILE* out) {
  switch (format) {
    case OutputFormat::Table: return print_table(cursor, out);
    case OutputFormat::Csv: return print_csv(cursor, out);
    case OutputFormat::Json: return print_json(cursor, out, false);
    case OutputFormat::Jsonl: return print_json(cursor, out, true);
  }
  return 0;
}

}  // namespace dynamosql

// Result formatting for the console; see result_printer.h.
#include "result_printer.h"

#include <algorithm>

#include "dynamosql/json.h"
#include "dynamosql/text.h"

namespace dynamosql {
namespace {

std::string display_text(const Value& v) {
  if (v.is_null_or_missing()) return "";
  if (v.type() == ValueType::String) return v.text();
  return value_to_text(v);
}

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
      for (const auto& v : row) r.push_back(v.is_null_or_missing() ? "NULL" : display_text(v));
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
  std::string buf;
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
        if (!row[i].is_null_or_missing()) append_csv_field(buf, display_text(row[i]));
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
  const auto& cols = cursor.columns();
  uint64_t total = 0;
  RowBatch batch;
  if (!lines) fputs("[", out);
  while (cursor.fetch(batch)) {
    for (const auto& row : batch) {
      rapidjson::StringBuffer sb;
      JsonWriter w(sb);
      w.StartObject();
      for (size_t i = 0; i < row.size(); ++i) {
        w.Key(cols[i].name.c_str(), static_cast<rapidjson::SizeType>(cols[i].name.size()));
        write_plain_json(w, row[i]);
      }
      w.EndObject();
      if (lines) {
        fwrite(sb.GetString(), 1, sb.GetSize(), out);
        fputc('\n', out);
      } else {
        fputs(total ? ",\n" : "\n", out);
        fwrite(sb.GetString(), 1, sb.GetSize(), out);
      }
      ++total;
    }
    batch.clear();
    fflush(out);
  }
  if (!lines) fputs(total ? "\n]\n" : "]\n", out);
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

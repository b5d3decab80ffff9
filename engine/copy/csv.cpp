// RFC 4180 fields; see csv.h.
#include "copy/csv.h"

namespace dynamosql {

bool parse_csv_record(std::string_view text, char delimiter, CsvFields& out) {
  out.values.clear();
  out.quoted.clear();
  size_t end = text.size();
  if (end > 0 && text[end - 1] == '\n') --end;
  if (end > 0 && text[end - 1] == '\r') --end;
  size_t i = 0;
  for (;;) {
    std::string field;
    bool quoted = false;
    if (i < end && text[i] == '"') {
      quoted = true;
      ++i;
      for (;;) {
        if (i >= text.size()) return false;  // the quote is still open
        char c = text[i];
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += c;
        ++i;
      }
      // Text after the closing quote (a"b"c) is kept, as spreadsheets do.
      while (i < end && text[i] != delimiter) field += text[i++];
    } else {
      size_t next = text.find(delimiter, i);
      if (next == std::string_view::npos || next > end) next = end;
      field.assign(text.substr(i, next - i));
      i = next;
    }
    out.values.push_back(std::move(field));
    out.quoted.push_back(quoted);
    if (i >= end) return true;
    ++i;  // the delimiter
    if (i == end) {  // a trailing delimiter: one more empty field
      out.values.emplace_back();
      out.quoted.push_back(false);
      return true;
    }
  }
}

void append_csv_field(std::string& out, std::string_view field, char delimiter, bool force_quote) {
  bool quote = force_quote;
  for (char c : field)
    if (c == delimiter || c == '"' || c == '\r' || c == '\n') quote = true;
  if (!quote) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace dynamosql

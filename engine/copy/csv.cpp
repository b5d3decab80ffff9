// RFC 4180 fields; see csv.h.
#include "copy/csv.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

namespace {

// Whether a field holds the delimiter, a quote or a line break. This runs for every field an export
// or the console's CSV writes: 16 bytes at a time where SSE2 is there (every x86-64).
bool needs_quotes(std::string_view field, char delimiter) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i d = _mm_set1_epi8(delimiter), q = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
  for (; i + 16 <= field.size(); i += 16) {
    __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(field.data() + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, d), _mm_cmpeq_epi8(c, q)),
                               _mm_or_si128(_mm_cmpeq_epi8(c, cr), _mm_cmpeq_epi8(c, lf)));
    if (_mm_movemask_epi8(hit)) return true;
  }
#endif
  for (; i < field.size(); ++i) {
    char c = field[i];
    if (c == delimiter || c == '"' || c == '\r' || c == '\n') return true;
  }
  return false;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field, char delimiter, bool force_quote) {
  if (!force_quote && !needs_quotes(field, delimiter)) {
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

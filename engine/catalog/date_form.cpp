// Recognising and writing the fixed ISO 8601 forms of inferred date columns; see date_form.h.
#include "catalog/date_form.h"

#include <algorithm>
#include <cstdio>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

bool digits_at(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return false;
  for (size_t k = at; k < at + n; ++k)
    if (s[k] < '0' || s[k] > '9') return false;
  return true;
}

// Shape: fixed-width fields and separators, nothing else; validity (a real day) is checked by parsing.
std::optional<StoredDateForm> shape_of(std::string_view s) {
  if (!digits_at(s, 0, 4) || s.size() < 10 || s[4] != '-' || !digits_at(s, 5, 2) || s[7] != '-' || !digits_at(s, 8, 2))
    return std::nullopt;
  StoredDateForm form;
  if (s.size() == 10) return form;
  form.type = SqlType::Timestamp;
  form.separator = s[10];
  if ((form.separator != 'T' && form.separator != ' ') || s.size() < 19 || !digits_at(s, 11, 2) || s[13] != ':' ||
      !digits_at(s, 14, 2) || s[16] != ':' || !digits_at(s, 17, 2))
    return std::nullopt;
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    size_t k = ++i;
    while (digits_at(s, k, 1)) ++k;
    form.fraction_digits = static_cast<int>(k - i);
    if (form.fraction_digits == 0 || form.fraction_digits > 9) return std::nullopt;
    i = k;
  }
  if (i < s.size() && s[i] == 'Z') {
    form.zulu = true;
    ++i;
  }
  if (i != s.size()) return std::nullopt;
  return form;
}

}  // namespace

std::optional<StoredDateForm> stored_date_form_of(std::string_view text) {
  auto form = shape_of(text);
  if (!form) return std::nullopt;
  try {
    parse_timestamp(text);
  } catch (const Error&) {
    return std::nullopt;  // 2026-02-30, 25:00:00, year 0
  }
  return form;
}

std::string format_in_form(Timestamp t, const StoredDateForm& form) {
  std::string out = format_date(date_of(t));
  if (form.type == SqlType::Date) return out;
  int64_t micros = time_of(t).micros;
  char text[32];
  snprintf(text, sizeof text, "%c%02d:%02d:%02d", form.separator, static_cast<int>(micros / kMicrosPerHour),
           static_cast<int>(micros / kMicrosPerMinute % 60), static_cast<int>(micros / kMicrosPerSecond % 60));
  out += text;
  snprintf(text, sizeof text, "%06d000", static_cast<int>(micros % kMicrosPerSecond));
  size_t digits = 6;
  while (digits > 0 && text[digits - 1] == '0') --digits;  // the digits the value needs
  digits = std::max(digits, static_cast<size_t>(form.fraction_digits));
  if (digits > 0) out += "." + std::string(text, digits);
  if (form.zulu) out += 'Z';
  return out;
}

std::string describe(const StoredDateForm& form) {
  if (form.type == SqlType::Date) return "YYYY-MM-DD";
  std::string out = "YYYY-MM-DD";
  out += form.separator;
  out += "HH:MM:SS";
  if (form.fraction_digits > 0) out += "." + std::string(static_cast<size_t>(form.fraction_digits), 'f');
  if (form.zulu) out += 'Z';
  return out;
}

}  // namespace dynamosql

// ODBC escape sequences; see escapes.h.
#include "escapes.h"

#include <cctype>

#include "dynamosql/error.h"

namespace dynamosql::odbc {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Translator {
 public:
  explicit Translator(const std::string& sql) : s_(sql) {}

  std::string run() {
    std::string out = until_close(false);
    return out;
  }

 private:
  // Copies text until the end, or (inside an escape) its closing brace, translating nested escapes.
  std::string until_close(bool inside) {
    std::string out;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\'' || c == '"') {
        out += quoted(c);
      } else if (c == '-' && i_ + 1 < s_.size() && s_[i_ + 1] == '-') {
        size_t end = s_.find('\n', i_);
        end = end == std::string::npos ? s_.size() : end;
        out += s_.substr(i_, end - i_);
        i_ = end;
      } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
        size_t end = s_.find("*/", i_ + 2);
        end = end == std::string::npos ? s_.size() : end + 2;
        out += s_.substr(i_, end - i_);
        i_ = end;
      } else if (c == '{') {
        size_t start = i_;
        ++i_;
        std::string word = keyword();
        if (word.empty()) {
          // Not an escape: a PartiQL document literal {'a': 1}. Keep the brace and go on.
          out += '{';
          out += until_close(true);
          out += '}';
          continue;
        }
        out += escape(word, start);
      } else if (c == '}' && inside) {
        ++i_;
        return out;
      } else {
        out += c;
        ++i_;
      }
    }
    return out;
  }

  std::string quoted(char q) {
    size_t start = i_++;
    while (i_ < s_.size()) {
      if (s_[i_] == q) {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == q) {
          i_ += 2;
          continue;
        }
        ++i_;
        break;
      }
      ++i_;
    }
    return s_.substr(start, i_ - start);
  }

  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }

  // The escape keyword after '{' (fn, d, t, ts, oj, escape, call, ...), or "" when '{' starts a
  // document literal; i_ is left after the keyword only when one is found.
  std::string keyword() {
    size_t save = i_;
    skip_space();
    size_t b = i_;
    if (i_ < s_.size() && s_[i_] == '?') return "call";  // {? = call ...}
    while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
    std::string word = lower(s_.substr(b, i_ - b));
    static const char* kKeywords[] = {"fn", "d", "t", "ts", "oj", "escape", "call", "guid", "interval"};
    for (const char* k : kKeywords)
      if (word == k && (i_ >= s_.size() || !std::isalnum(static_cast<unsigned char>(s_[i_])))) return word;
    i_ = save;
    return {};
  }

  std::string escape(const std::string& word, size_t start) {
    if (word == "call" || word == "interval")
      throw Error(sqlstate::kFeatureNotSupported,
                  word == "call" ? "dynamosql has no stored procedures ({call ...})" : "interval literals are not supported")
          .at(1, static_cast<int>(start) + 1);
    std::string body = until_close(true);
    // {d '2026-01-31'} -> DATE '2026-01-31', {t ...} -> TIME, {ts ...} -> TIMESTAMP.
    if (word == "d") return "DATE " + trim(body);
    if (word == "t") return "TIME " + trim(body);
    if (word == "ts") return "TIMESTAMP " + trim(body);
    if (word == "guid") return trim(body);
    if (word == "escape") return "ESCAPE " + trim(body);
    if (word == "oj") return trim(body);
    return function(trim(body));
  }

  static std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
  }

  // {fn CONVERT(expr, SQL_TYPE)} -> CAST(expr AS TYPE); other functions pass through unchanged.
  static std::string function(const std::string& call) {
    size_t paren = call.find('(');
    if (paren == std::string::npos || lower(trim(call.substr(0, paren))) != "convert") return call;
    size_t close = call.rfind(')');
    std::string args = call.substr(paren + 1, close == std::string::npos ? std::string::npos : close - paren - 1);
    // The last top-level comma separates the type.
    int depth = 0;
    size_t comma = std::string::npos;
    char quote = 0;
    for (size_t k = 0; k < args.size(); ++k) {
      char c = args[k];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')') {
        --depth;
      } else if (c == ',' && depth == 0) {
        comma = k;
      }
    }
    if (comma == std::string::npos) throw Error(sqlstate::kSyntax, "{fn CONVERT(value, type)} needs a type");
    std::string type = lower(trim(args.substr(comma + 1)));
    if (type.rfind("sql_", 0) == 0) type = type.substr(4);
    std::string target;
    if (type == "char" || type == "varchar" || type == "longvarchar" || type == "wchar" || type == "wvarchar" ||
        type == "wlongvarchar")
      target = "VARCHAR";
    else if (type == "decimal" || type == "numeric" || type == "double" || type == "float" || type == "real")
      target = "DECIMAL";
    else if (type == "integer" || type == "bigint" || type == "smallint" || type == "tinyint")
      target = "BIGINT";
    else if (type == "bit")
      target = "BOOLEAN";
    else if (type == "type_date" || type == "date")
      target = "DATE";
    else if (type == "type_time" || type == "time")
      target = "TIME";
    else if (type == "type_timestamp" || type == "timestamp")
      target = "TIMESTAMP";
    else
      throw Error(sqlstate::kFeatureNotSupported, "{fn CONVERT} to " + trim(args.substr(comma + 1)) + " is not supported");
    return "CAST(" + trim(args.substr(0, comma)) + " AS " + target + ")";
  }

  const std::string& s_;
  size_t i_ = 0;
};

}  // namespace

std::string translate_escapes(const std::string& sql) {
  if (sql.find('{') == std::string::npos) return sql;
  return Translator(sql).run();
}

}  // namespace dynamosql::odbc

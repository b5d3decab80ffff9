// Expression evaluation; see evaluator.h for the NULL/MISSING and comparison rules.
#include "exec/evaluator.h"

#include <algorithm>
#include <cctype>

#include "dynamosql/error.h"
#include "value/base64.h"
#include "value/json.h"

namespace dynamosql {
namespace {

Value truth(bool b) { return Value::boolean(b); }

[[noreturn]] void fail(const Expr& e, const char* state, const std::string& message) {
  throw Error(state, message).at(e.position.line, e.position.column);
}

Number number_arg(const Expr& e, const Value& v) {
  if (v.type() != ValueType::Number)
    fail(e, sqlstate::kInvalidCharacterValue,
         "'" + e.text + "' needs a number, got " + std::string(type_descriptor(v.type())));
  return v.as_number();
}

bool scalar(ValueType t) {
  return t == ValueType::Number || t == ValueType::String || t == ValueType::Binary || t == ValueType::Bool;
}

// Comparison with SQL NULLs and DynamoDB's type rules. Returns Null, or Bool.
Value compare_values(const std::string& op, const Value& a, const Value& b) {
  if (a.is_null_or_missing() || b.is_null_or_missing()) return Value::null();
  if (a.type() != b.type()) {
    if (op == "=") return truth(false);
    if (op == "<>") return truth(true);
    return Value::null();
  }
  if (op == "=" || op == "<>") {
    bool eq = a.compare(b) == 0;
    return truth(op == "=" ? eq : !eq);
  }
  if (!scalar(a.type())) return Value::null();  // no ordering of documents
  int c = a.compare(b);
  if (op == "<") return truth(c < 0);
  if (op == "<=") return truth(c <= 0);
  if (op == ">") return truth(c > 0);
  return truth(c >= 0);
}

// Byte offset of the n-th UTF-8 character (n from 0), or s.size().
size_t utf8_offset(const std::string& s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == n) return i;
      ++chars;
    }
  }
  return s.size();
}

Value cast_value(const Expr& e, const Value& v, const std::string& type) {
  if (v.is_null_or_missing()) return v;
  if (type == "VARCHAR" || type == "TEXT" || type == "STRING" || type == "CHAR" || type == "NVARCHAR" ||
      type == "CHARACTER")
    return Value::string(value_to_text(v));
  if (type == "JSON") return Value::string(plain_json(v));
  if (type == "DECIMAL" || type == "NUMERIC" || type == "NUMBER" || type == "INT" || type == "INTEGER" ||
      type == "BIGINT" || type == "SMALLINT" || type == "DOUBLE" || type == "FLOAT" || type == "REAL") {
    Number n;
    if (v.type() == ValueType::Number) {
      n = v.as_number();
    } else if (v.type() == ValueType::String) {
      std::string t = v.text();
      t.erase(0, t.find_first_not_of(" \t"));
      t.erase(t.find_last_not_of(" \t") + 1);
      auto parsed = Number::parse(t);
      if (!parsed) fail(e, sqlstate::kInvalidCharacterValue, "cannot cast '" + v.text().substr(0, 40) + "' to " + type);
      n = *parsed;
    } else if (v.type() == ValueType::Bool) {
      n = Number(v.as_bool() ? 1 : 0);
    } else {
      fail(e, sqlstate::kInvalidCharacterValue, std::string("cannot cast ") + type_descriptor(v.type()) + " to " + type);
    }
    if (type == "INT" || type == "INTEGER" || type == "BIGINT" || type == "SMALLINT") n = n.round_scale(0);
    return Value::number(n);
  }
  if (type == "BOOLEAN" || type == "BOOL") {
    if (v.type() == ValueType::Bool) return v;
    if (v.type() == ValueType::Number) return truth(!v.as_number().is_zero());
    if (v.type() == ValueType::String) {
      std::string t = v.text();
      std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
      if (t == "true" || t == "t" || t == "1" || t == "yes") return truth(true);
      if (t == "false" || t == "f" || t == "0" || t == "no") return truth(false);
    }
    fail(e, sqlstate::kInvalidCharacterValue, "cannot cast " + value_to_text(v).substr(0, 40) + " to BOOLEAN");
  }
  if (type == "VARBINARY" || type == "BINARY" || type == "BLOB") {
    if (v.type() == ValueType::Binary) return v;
    if (v.type() == ValueType::String) return Value::binary(v.text());
  }
  fail(e, sqlstate::kFeatureNotSupported, "unsupported CAST target type " + type);
}

Value call_function(const Expr& e, const std::vector<Value>& args) {
  const std::string& f = e.op;
  auto arity = [&](size_t lo, size_t hi) {
    if (args.size() < lo || args.size() > hi)
      fail(e, sqlstate::kSyntax, "wrong number of arguments to " + f + "()");
  };
  auto any_null = [&]() {
    for (const auto& a : args)
      if (a.is_null_or_missing()) return true;
    return false;
  };
  // DynamoDB's functions.
  if (f == "attribute_exists") { arity(1, 1); return truth(!args[0].is_missing()); }
  if (f == "attribute_not_exists") { arity(1, 1); return truth(args[0].is_missing()); }
  if (f == "attribute_type") {
    arity(2, 2);
    if (args[0].is_missing() || args[1].type() != ValueType::String) return Value::null();
    return truth(args[1].text() == type_descriptor(args[0].type()));
  }
  if (f == "begins_with") {
    arity(2, 2);
    if (any_null()) return Value::null();
    if (args[0].type() != args[1].type() || (args[0].type() != ValueType::String && args[0].type() != ValueType::Binary))
      return truth(false);
    return truth(args[0].text().compare(0, args[1].text().size(), args[1].text()) == 0);
  }
  if (f == "contains") {
    arity(2, 2);
    if (any_null()) return Value::null();
    const Value& a = args[0];
    if (a.type() == ValueType::String && args[1].type() == ValueType::String)
      return truth(a.text().find(args[1].text()) != std::string::npos);
    if (a.is_set() || a.type() == ValueType::List) {
      for (const auto& item : a.items())
        if (item.type() == args[1].type() && item.compare(args[1]) == 0) return truth(true);
      return truth(false);
    }
    return truth(false);
  }
  if (f == "size") {
    arity(1, 1);
    const Value& a = args[0];
    if (a.is_null_or_missing()) return Value::null();
    switch (a.type()) {
      case ValueType::String: return Value::number(Number(static_cast<int64_t>(utf8_length(a.text()))));
      case ValueType::Binary: return Value::number(Number(static_cast<int64_t>(a.text().size())));
      case ValueType::Map: return Value::number(Number(static_cast<int64_t>(a.entries().size())));
      case ValueType::List:
      case ValueType::StringSet:
      case ValueType::NumberSet:
      case ValueType::BinarySet: return Value::number(Number(static_cast<int64_t>(a.items().size())));
      default: return Value::null();
    }
  }
  // Standard SQL functions.
  if (f == "coalesce" || f == "ifnull" || f == "nvl") {
    for (const auto& a : args)
      if (!a.is_null_or_missing()) return a;
    return Value::null();
  }
  if (f == "nullif") {
    arity(2, 2);
    Value eq = compare_values("=", args[0], args[1]);
    if (eq.type() == ValueType::Bool && eq.as_bool()) return Value::null();
    return args[0];
  }
  if (f == "upper" || f == "ucase" || f == "lower" || f == "lcase") {
    arity(1, 1);
    if (any_null()) return Value::null();
    std::string s = value_to_text(args[0]);
    bool up = f == "upper" || f == "ucase";
    for (auto& c : s)
      if (static_cast<unsigned char>(c) < 128) c = static_cast<char>(up ? std::toupper(c) : std::tolower(c));
    return Value::string(s);
  }
  if (f == "length" || f == "char_length" || f == "character_length" || f == "len") {
    arity(1, 1);
    if (any_null()) return Value::null();
    return Value::number(Number(static_cast<int64_t>(utf8_length(value_to_text(args[0])))));
  }
  if (f == "substr" || f == "substring") {
    arity(2, 3);
    if (any_null()) return Value::null();
    std::string s = value_to_text(args[0]);
    int64_t start = number_arg(e, args[1]).round_scale(0).to_int64().value_or(1);
    int64_t len = args.size() == 3 ? number_arg(e, args[2]).round_scale(0).to_int64().value_or(0) : INT32_MAX;
    if (len < 0) fail(e, sqlstate::kInvalidParameter, "negative substring length");
    int64_t first = std::max<int64_t>(start, 1), last = start + len;  // exclusive, 1-based
    if (last <= first) return Value::string("");
    size_t b = utf8_offset(s, static_cast<size_t>(first - 1));
    size_t end = utf8_offset(s, static_cast<size_t>(std::min<int64_t>(last - 1, INT32_MAX)));
    return Value::string(s.substr(b, end - b));
  }
  if (f == "left" || f == "right") {
    arity(2, 2);
    if (any_null()) return Value::null();
    std::string s = value_to_text(args[0]);
    int64_t n = std::max<int64_t>(0, number_arg(e, args[1]).to_int64().value_or(0));
    size_t chars = utf8_length(s);
    if (static_cast<size_t>(n) >= chars) return Value::string(s);
    if (f == "left") return Value::string(s.substr(0, utf8_offset(s, static_cast<size_t>(n))));
    return Value::string(s.substr(utf8_offset(s, chars - static_cast<size_t>(n))));
  }
  if (f == "trim" || f == "ltrim" || f == "rtrim") {
    arity(1, 1);
    if (any_null()) return Value::null();
    std::string s = value_to_text(args[0]);
    if (f != "rtrim") s.erase(0, s.find_first_not_of(' '));
    if (f != "ltrim") {
      auto last = s.find_last_not_of(' ');
      s.erase(last == std::string::npos ? 0 : last + 1);
    }
    return Value::string(s);
  }
  if (f == "replace") {
    arity(3, 3);
    if (any_null()) return Value::null();
    std::string s = value_to_text(args[0]), from = value_to_text(args[1]), to = value_to_text(args[2]);
    if (from.empty()) return Value::string(s);
    std::string out;
    size_t pos = 0, hit;
    while ((hit = s.find(from, pos)) != std::string::npos) {
      out += s.substr(pos, hit - pos) + to;
      pos = hit + from.size();
    }
    return Value::string(out + s.substr(pos));
  }
  if (f == "concat") {
    std::string out;
    for (const auto& a : args)
      if (!a.is_null_or_missing()) out += value_to_text(a);
    return Value::string(out);
  }
  if (f == "abs") {
    arity(1, 1);
    if (any_null()) return Value::null();
    Number n = number_arg(e, args[0]);
    return Value::number(n.is_negative() ? -n : n);
  }
  if (f == "round") {
    arity(1, 2);
    if (any_null()) return Value::null();
    int64_t scale = args.size() == 2 ? number_arg(e, args[1]).to_int64().value_or(0) : 0;
    return Value::number(number_arg(e, args[0]).round_scale(static_cast<int>(scale)));
  }
  if (f == "floor" || f == "ceil" || f == "ceiling" || f == "truncate" || f == "trunc") {
    arity(1, 1);
    if (any_null()) return Value::null();
    Number n = number_arg(e, args[0]);
    Number t = n.truncate_to_integer();
    if (f == "floor" && n.is_negative() && t != n) t = t - Number(1);
    if ((f == "ceil" || f == "ceiling") && !n.is_negative() && t != n) t = t + Number(1);
    return Value::number(t);
  }
  if (f == "mod") {
    arity(2, 2);
    if (any_null()) return Value::null();
    Number a = number_arg(e, args[0]), b = number_arg(e, args[1]);
    if (b.is_zero()) fail(e, sqlstate::kDivisionByZero, "division by zero");
    return Value::number(a - b * a.divide(b, 80).truncate_to_integer());
  }
  if (f == "to_json" || f == "json") { arity(1, 1); return args[0].is_missing() ? args[0] : Value::string(plain_json(args[0])); }
  if (f == "list_append") {  // a NULL or missing list counts as empty, as PostgreSQL's array_cat
    arity(2, 2);
    if (args[0].is_null_or_missing() && args[1].is_null_or_missing()) return Value::null();
    std::vector<Value> items;
    for (const Value& a : args) {
      if (a.is_null_or_missing()) continue;
      if (a.type() != ValueType::List)
        fail(e, sqlstate::kInvalidCharacterValue, "list_append() needs lists, got " + std::string(type_descriptor(a.type())));
      items.insert(items.end(), a.items().begin(), a.items().end());
    }
    return Value::list(std::move(items));
  }
  if (f == "if_not_exists") { arity(2, 2); return args[0].is_missing() ? args[1] : args[0]; }
  if (f == "typeof") { arity(1, 1); return Value::string(type_descriptor(args[0].type())); }
  fail(e, sqlstate::kSyntax, "unknown function " + f + "()");
}

}  // namespace

bool is_aggregate_function(const std::string& name) {
  return name == "count" || name == "sum" || name == "min" || name == "max" || name == "avg";
}

Value navigate(const Value& root, const std::vector<PathElement>& path, size_t from) {
  const Value* v = &root;
  for (size_t i = from; i < path.size(); ++i) {
    const auto& step = path[i];
    if (step.is_index()) {
      if (v->type() != ValueType::List || static_cast<size_t>(step.index) >= v->items().size()) return Value::missing();
      v = &v->items()[static_cast<size_t>(step.index)];
    } else {
      const Value* next = v->find(step.name);
      if (!next) return Value::missing();
      v = next;
    }
  }
  return *v;
}

Value evaluate(const Expr& e, const Row& row, const Row* aggregates) {
  switch (e.kind) {
    case ExprKind::Literal: return e.value;
    case ExprKind::Parameter: fail(e, sqlstate::kInvalidParameter, "parameter " + std::to_string(e.parameter_index + 1) + " is not bound");
    case ExprKind::Column: {
      if (e.slot < 0 || static_cast<size_t>(e.slot) >= row.size()) fail(e, sqlstate::kGeneral, "internal error: unbound column " + e.text);
      if (e.path_start >= e.path.size()) return row[static_cast<size_t>(e.slot)];
      return navigate(row[static_cast<size_t>(e.slot)], e.path, e.path_start + 1);
    }
    case ExprKind::Unary: {
      Value v = evaluate(*e.children[0], row, aggregates);
      if (v.is_null_or_missing()) return Value::null();
      Number n = number_arg(e, v);
      return Value::number(e.op == "-" ? -n : n);
    }
    case ExprKind::Binary: {
      Value a = evaluate(*e.children[0], row, aggregates);
      Value b = evaluate(*e.children[1], row, aggregates);
      if (a.is_null_or_missing() || b.is_null_or_missing()) return Value::null();
      if (e.op == "||") return Value::string(value_to_text(a) + value_to_text(b));
      Number x = number_arg(*e.children[0], a), y = number_arg(*e.children[1], b);
      if (e.op == "+") return Value::number(x + y);
      if (e.op == "-") return Value::number(x - y);
      if (e.op == "*") return Value::number(x * y);
      if (y.is_zero()) fail(e, sqlstate::kDivisionByZero, "division by zero");
      if (e.op == "/") return Value::number(x.divide(y));
      return Value::number(x - y * x.divide(y, 80).truncate_to_integer());  // %
    }
    case ExprKind::Compare:
      return compare_values(e.op, evaluate(*e.children[0], row, aggregates), evaluate(*e.children[1], row, aggregates));
    case ExprKind::Between: {
      Value v = evaluate(*e.children[0], row, aggregates);
      Value lo = compare_values(">=", v, evaluate(*e.children[1], row, aggregates));
      Value hi = compare_values("<=", v, evaluate(*e.children[2], row, aggregates));
      Value r;
      if ((lo.type() == ValueType::Bool && !lo.as_bool()) || (hi.type() == ValueType::Bool && !hi.as_bool()))
        r = truth(false);
      else if (lo.type() == ValueType::Bool && hi.type() == ValueType::Bool)
        r = truth(true);
      else
        r = Value::null();
      if (e.negated && r.type() == ValueType::Bool) return truth(!r.as_bool());
      return r;
    }
    case ExprKind::InList: {
      Value v = evaluate(*e.children[0], row, aggregates);
      if (v.is_null_or_missing()) return Value::null();
      bool saw_null = false;
      for (size_t i = 1; i < e.children.size(); ++i) {
        Value r = compare_values("=", v, evaluate(*e.children[i], row, aggregates));
        if (r.type() == ValueType::Bool && r.as_bool()) return truth(!e.negated);
        if (r.type() != ValueType::Bool) saw_null = true;
      }
      if (saw_null) return Value::null();
      return truth(e.negated);
    }
    case ExprKind::InSubquery: fail(e, sqlstate::kGeneral, "internal error: IN subquery not planned");
    case ExprKind::Subquery: fail(e, sqlstate::kGeneral, "internal error: subquery not planned");
    case ExprKind::Exists:
    case ExprKind::IsDistinctFrom:
    case ExprKind::TypedLiteral: fail(e, sqlstate::kGeneral, "internal error: " + e.text + " was not bound");
    case ExprKind::Like: {
      Value v = evaluate(*e.children[0], row, aggregates);
      Value p = evaluate(*e.children[1], row, aggregates);
      if (v.is_null_or_missing() || p.is_null_or_missing()) return Value::null();
      if (v.type() != ValueType::String) return truth(e.negated);
      int escape = -1;
      if (e.children.size() > 2) {
        Value esc = evaluate(*e.children[2], row, aggregates);
        if (esc.type() != ValueType::String || esc.text().size() != 1)
          fail(e, sqlstate::kInvalidParameter, "ESCAPE needs exactly one character");
        escape = static_cast<unsigned char>(esc.text()[0]);
      }
      bool m = like_match(v.text(), value_to_text(p), escape);
      return truth(e.negated ? !m : m);
    }
    case ExprKind::IsNull: {
      bool is = evaluate(*e.children[0], row, aggregates).is_null_or_missing();
      return truth(e.negated ? !is : is);
    }
    case ExprKind::IsMissing: {
      bool is = evaluate(*e.children[0], row, aggregates).is_missing();
      return truth(e.negated ? !is : is);
    }
    case ExprKind::Not: {
      Value v = evaluate(*e.children[0], row, aggregates);
      if (v.type() != ValueType::Bool) return Value::null();
      return truth(!v.as_bool());
    }
    case ExprKind::And: {
      Value a = evaluate(*e.children[0], row, aggregates);
      if (a.type() == ValueType::Bool && !a.as_bool()) return truth(false);
      Value b = evaluate(*e.children[1], row, aggregates);
      if (b.type() == ValueType::Bool && !b.as_bool()) return truth(false);
      if (a.type() == ValueType::Bool && b.type() == ValueType::Bool) return truth(true);
      return Value::null();
    }
    case ExprKind::Or: {
      Value a = evaluate(*e.children[0], row, aggregates);
      if (a.type() == ValueType::Bool && a.as_bool()) return truth(true);
      Value b = evaluate(*e.children[1], row, aggregates);
      if (b.type() == ValueType::Bool && b.as_bool()) return truth(true);
      if (a.type() == ValueType::Bool && b.type() == ValueType::Bool) return truth(false);
      return Value::null();
    }
    case ExprKind::Function: {
      if (e.aggregate_slot >= 0) {
        if (!aggregates) fail(e, sqlstate::kSyntax, "aggregate " + e.op + "() is not allowed here");
        return (*aggregates)[static_cast<size_t>(e.aggregate_slot)];
      }
      std::vector<Value> args;
      args.reserve(e.children.size());
      for (const auto& c : e.children) args.push_back(evaluate(*c, row, aggregates));
      return call_function(e, args);
    }
    case ExprKind::Case: {
      size_t i = 0;
      Value operand;
      if (e.has_operand) operand = evaluate(*e.children[i++], row, aggregates);
      size_t end = e.children.size() - (e.has_else ? 1 : 0);
      for (; i + 1 < end; i += 2) {
        Value cond = evaluate(*e.children[i], row, aggregates);
        bool hit = e.has_operand ? compare_values("=", operand, cond).type() == ValueType::Bool &&
                                       compare_values("=", operand, cond).as_bool()
                                 : cond.type() == ValueType::Bool && cond.as_bool();
        if (hit) return evaluate(*e.children[i + 1], row, aggregates);
      }
      if (e.has_else) return evaluate(*e.children.back(), row, aggregates);
      return Value::null();
    }
    case ExprKind::Cast: return cast_value(e, evaluate(*e.children[0], row, aggregates), e.type_name);
    case ExprKind::Document: {
      MapEntries entries;
      for (size_t i = 0; i < e.children.size(); ++i) {
        Value v = evaluate(*e.children[i], row, aggregates);
        if (!v.is_missing()) entries.emplace_back(e.keys[i], std::move(v));
      }
      return Value::map(std::move(entries));
    }
    case ExprKind::List: {
      std::vector<Value> items;
      for (const auto& c : e.children) {
        Value v = evaluate(*c, row, aggregates);
        items.push_back(v.is_missing() ? Value::null() : std::move(v));
      }
      return Value::list(std::move(items));
    }
    case ExprKind::Set: {
      std::vector<Value> items;
      for (const auto& c : e.children) items.push_back(evaluate(*c, row, aggregates));
      if (items.empty()) fail(e, sqlstate::kInvalidParameter, "DynamoDB sets cannot be empty");
      ValueType t = items[0].type();
      for (const auto& v : items)
        if (v.type() != t) fail(e, sqlstate::kInvalidParameter, "set members must all be strings, numbers or binary");
      if (t == ValueType::String) {
        std::vector<std::string> m;
        for (auto& v : items) m.push_back(v.text());
        return Value::string_set(std::move(m));
      }
      if (t == ValueType::Number) {
        std::vector<Number> m;
        for (auto& v : items) m.push_back(v.as_number());
        return Value::number_set(std::move(m));
      }
      if (t == ValueType::Binary) {
        std::vector<std::string> m;
        for (auto& v : items) m.push_back(v.text());
        return Value::binary_set(std::move(m));
      }
      fail(e, sqlstate::kInvalidParameter, "set members must all be strings, numbers or binary");
    }
  }
  return Value::null();
}

bool evaluate_predicate(const Expr& e, const Row& row, const Row* aggregates) {
  Value v = evaluate(e, row, aggregates);
  return v.type() == ValueType::Bool && v.as_bool();
}

SqlType result_type(const Expr& e, const std::vector<OutputColumn>& input) {
  switch (e.kind) {
    case ExprKind::Literal: return sql_type_of(e.value.type());
    case ExprKind::Column:
      if (e.slot >= 0 && static_cast<size_t>(e.slot) < input.size() && e.path_start + 1 >= e.path.size())
        return input[static_cast<size_t>(e.slot)].type;
      return e.path.empty() && e.slot >= 0 && static_cast<size_t>(e.slot) < input.size()
                 ? input[static_cast<size_t>(e.slot)].type
                 : SqlType::Json;
    case ExprKind::Unary: return SqlType::Decimal;
    case ExprKind::Binary: return e.op == "||" ? SqlType::Varchar : SqlType::Decimal;
    case ExprKind::Compare:
    case ExprKind::Between:
    case ExprKind::InList:
    case ExprKind::InSubquery:
    case ExprKind::Like:
    case ExprKind::IsNull:
    case ExprKind::IsMissing:
    case ExprKind::Not:
    case ExprKind::And:
    case ExprKind::Or: return SqlType::Boolean;
    case ExprKind::Function: {
      const std::string& f = e.op;
      if (f == "count" || f == "size" || f == "length" || f == "char_length" || f == "character_length" || f == "len")
        return SqlType::Bigint;
      if (f == "sum" || f == "avg" || f == "abs" || f == "round" || f == "floor" || f == "ceil" || f == "ceiling" ||
          f == "mod" || f == "truncate" || f == "trunc")
        return SqlType::Decimal;
      if (f == "min" || f == "max" || f == "coalesce" || f == "nullif" || f == "ifnull" || f == "nvl")
        return e.children.empty() ? SqlType::Varchar : result_type(*e.children[0], input);
      if (f == "attribute_exists" || f == "attribute_not_exists" || f == "attribute_type" || f == "begins_with" ||
          f == "contains")
        return SqlType::Boolean;
      return SqlType::Varchar;
    }
    case ExprKind::Case: {
      size_t first_result = e.has_operand ? 2 : 1;
      return first_result < e.children.size() ? result_type(*e.children[first_result], input) : SqlType::Varchar;
    }
    case ExprKind::Cast: {
      const std::string& t = e.type_name;
      if (t == "DECIMAL" || t == "NUMERIC" || t == "NUMBER" || t == "INT" || t == "INTEGER" || t == "BIGINT" ||
          t == "SMALLINT" || t == "DOUBLE" || t == "FLOAT" || t == "REAL")
        return SqlType::Decimal;
      if (t == "BOOLEAN" || t == "BOOL") return SqlType::Boolean;
      if (t == "VARBINARY" || t == "BINARY" || t == "BLOB") return SqlType::Varbinary;
      return SqlType::Varchar;
    }
    case ExprKind::Document:
    case ExprKind::List:
    case ExprKind::Set: return SqlType::Json;
    default: return SqlType::Varchar;
  }
}

}  // namespace dynamosql

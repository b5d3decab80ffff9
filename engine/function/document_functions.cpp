// DynamoDB's functions and the document functions: attribute_exists, attribute_not_exists,
// attribute_type, begins_with, contains, size, list_append, if_not_exists, TO_JSON, TYPEOF.
//
// Pushdown: attribute_exists/_not_exists(path), and begins_with/contains/attribute_type(path, 'text')
// mean in DynamoDB exactly what they mean here, so they go into Filter/ConditionExpressions. size() does
// not: DynamoDB counts a string's bytes, SQL its characters. list_append and if_not_exists are what
// UPDATE's SET sends to DynamoDB when it can (see the UPDATE planning); here they are evaluated.
#include "dynamosql/error.h"
#include "dynamosql/text.h"
#include "function/function.h"
#include "value/json.h"

namespace dynamosql {
namespace {

using A = ArgumentType;

Value attribute_exists(ArgList args, const CallSite&) { return Value::boolean(!args[0].is_missing()); }
Value attribute_not_exists(ArgList args, const CallSite&) { return Value::boolean(args[0].is_missing()); }

Value attribute_type(ArgList args, const CallSite&) {
  if (args[0].is_missing() || args[1].type() != ValueType::String) return Value::null();
  return Value::boolean(args[1].text() == type_descriptor(args[0].type()));
}

Value begins_with(ArgList args, const CallSite&) {
  if (args.any_null()) return Value::null();
  if (args[0].type() != args[1].type() || (args[0].type() != ValueType::String && args[0].type() != ValueType::Binary))
    return Value::boolean(false);
  return Value::boolean(args[0].text().compare(0, args[1].text().size(), args[1].text()) == 0);
}

// A substring of a string, or a member of a set or list.
Value contains(ArgList args, const CallSite&) {
  if (args.any_null()) return Value::null();
  const Value& a = args[0];
  if (a.type() == ValueType::String && args[1].type() == ValueType::String)
    return Value::boolean(a.text().find(args[1].text()) != std::string::npos);
  if (a.is_set() || a.type() == ValueType::List) {
    for (const auto& item : a.items())
      if (item.type() == args[1].type() && item.compare(args[1]) == 0) return Value::boolean(true);
  }
  return Value::boolean(false);
}

Value count_of(size_t n) { return Value::number(Number(static_cast<int64_t>(n))); }

// Characters of a string, bytes of a binary, entries of a map, elements of a list or set.
Value size(ArgList args, const CallSite&) {
  const Value& a = args[0];
  switch (a.type()) {
    case ValueType::String: return count_of(utf8_length(a.text()));
    case ValueType::Binary: return count_of(a.text().size());
    case ValueType::Map: return count_of(a.entries().size());
    case ValueType::List:
    case ValueType::StringSet:
    case ValueType::NumberSet:
    case ValueType::BinarySet: return count_of(a.items().size());
    default: return Value::null();
  }
}

// A NULL or missing list counts as empty, as PostgreSQL's array_cat.
Value list_append(ArgList args, const CallSite& site) {
  if (args[0].is_null_or_missing() && args[1].is_null_or_missing()) return Value::null();
  std::vector<Value> items;
  for (const Value& a : args) {
    if (a.is_null_or_missing()) continue;
    if (a.type() != ValueType::List)
      site.fail(sqlstate::kInvalidCharacterValue, "list_append() needs lists, got " + std::string(type_descriptor(a.type())));
    items.insert(items.end(), a.items().begin(), a.items().end());
  }
  return Value::list(std::move(items));
}

Value if_not_exists(ArgList args, const CallSite&) { return args[0].is_missing() ? args[1] : args[0]; }
Value to_json(ArgList args, const CallSite&) { return args[0].is_missing() ? args[0] : Value::string(plain_json(args[0])); }
Value type_of(ArgList args, const CallSite&) { return Value::string(type_descriptor(args[0].type())); }

}  // namespace

std::vector<FunctionEntry> document_functions() {
  return {
      scalar_function("attribute_exists", {}, 1, 1, {A::Any}, SqlType::Boolean, attribute_exists).pushed(Pushdown::Path),
      scalar_function("attribute_not_exists", {}, 1, 1, {A::Any}, SqlType::Boolean, attribute_not_exists).pushed(Pushdown::Path),
      scalar_function("attribute_type", {}, 2, 2, {A::Any, A::Text}, SqlType::Boolean, attribute_type).pushed(Pushdown::PathAndString),
      scalar_function("begins_with", {}, 2, 2, {A::Any, A::SameAsFirst}, SqlType::Boolean, begins_with).pushed(Pushdown::PathAndString),
      scalar_function("contains", {}, 2, 2, {A::Any}, SqlType::Boolean, contains).pushed(Pushdown::PathAndString),
      scalar_function("size", {}, 1, 1, {A::Any}, SqlType::Bigint, size),
      scalar_function("list_append", {}, 2, 2, {A::Any}, SqlType::Varchar, list_append),
      scalar_function("if_not_exists", {}, 2, 2, {A::Any, A::SameAsFirst}, SqlType::Varchar, if_not_exists),
      scalar_function("to_json", {"json"}, 1, 1, {A::Any}, SqlType::Varchar, to_json),
      scalar_function("typeof", {}, 1, 1, {A::Any}, SqlType::Varchar, type_of),
  };
}

}  // namespace dynamosql

// DynamoDB's item size rules ("Item sizes and formats" in the developer guide); see item_size.h.
#include "value/item_size.h"

namespace dynamosql {
namespace {

// A number takes about one byte per two significant digits plus one.
uint64_t number_size(const std::string& text) {
  uint64_t digits = 0;
  bool leading = true;
  for (char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++digits;
  }
  return (digits + 1) / 2 + 1;
}

}  // namespace

uint64_t value_size(const Value& v) {
  switch (v.type()) {
    case ValueType::Missing: return 0;
    case ValueType::Null:
    case ValueType::Bool: return 1;
    case ValueType::Number: return number_size(v.text());
    case ValueType::String:
    case ValueType::Binary: return v.text().size();
    case ValueType::StringSet:
    case ValueType::BinarySet:
    case ValueType::NumberSet: {
      uint64_t n = 0;
      for (const auto& m : v.items()) n += value_size(m);
      return n;
    }
    case ValueType::List: {
      uint64_t n = 3;
      for (const auto& e : v.items()) n += 1 + value_size(e);
      return n;
    }
    case ValueType::Map: {
      uint64_t n = 3;
      for (const auto& [name, e] : v.entries()) n += 1 + name.size() + value_size(e);
      return n;
    }
  }
  return 0;
}

uint64_t item_size(const Item& item) {
  uint64_t n = 0;
  for (const auto& [name, v] : item) n += name.size() + value_size(v);
  return n;
}

uint64_t write_units(const Item& item) {
  uint64_t size = item_size(item);
  return size == 0 ? 1 : (size + 1023) / 1024;
}

}  // namespace dynamosql

// Value construction, ordering and hashing; see value.h.
#include "dynamosql/value.h"

#include <algorithm>
#include <functional>

#include "dynamosql/error.h"

namespace dynamosql {
static_assert(sizeof(Value) <= 56, "a Value stays one type byte, a string and one pointer");

namespace {
const std::vector<Value> kNoItems;
const MapEntries kNoEntries;

__extension__ typedef unsigned __int128 UnsignedLength;

int rank(ValueType t) { return static_cast<int>(t); }

template <typename T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}
}  // namespace

const char* type_descriptor(ValueType type) {
  switch (type) {
    case ValueType::Missing: return "MISSING";
    case ValueType::Null: return "NULL";
    case ValueType::Bool: return "BOOL";
    case ValueType::Number: return "N";
    case ValueType::String: return "S";
    case ValueType::Binary: return "B";
    case ValueType::List: return "L";
    case ValueType::Map: return "M";
    case ValueType::StringSet: return "SS";
    case ValueType::NumberSet: return "NS";
    case ValueType::BinarySet: return "BS";
  }
  return "?";
}

Value Value::null() {
  Value v;
  v.type_ = ValueType::Null;
  return v;
}

Value Value::boolean(bool b) {
  Value v;
  v.type_ = ValueType::Bool;
  v.bool_ = b;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.type_ = ValueType::String;
  v.text_ = std::move(s);
  return v;
}

Value Value::binary(std::string bytes) {
  Value v;
  v.type_ = ValueType::Binary;
  v.text_ = std::move(bytes);
  return v;
}

Value Value::number_text(std::string text) {
  Value v;
  v.type_ = ValueType::Number;
  v.text_ = std::move(text);
  return v;
}

Value Value::number(const Number& n) { return number_text(n.to_string()); }

Value Value::interval(std::string text, IntervalLength length) {
  Value v = string(std::move(text));
  v.children_ = std::make_shared<const IntervalLength>(length);
  return v;
}

Value Value::list(std::vector<Value> items) {
  Value v;
  v.type_ = ValueType::List;
  v.children_ = std::make_shared<const std::vector<Value>>(std::move(items));
  return v;
}

void normalise_item(Item& item) {
  if (std::is_sorted(item.begin(), item.end(), [](const auto& a, const auto& b) { return a.first < b.first; }) &&
      std::adjacent_find(item.begin(), item.end(), [](const auto& a, const auto& b) { return a.first == b.first; }) ==
          item.end())
    return;
  std::stable_sort(item.begin(), item.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Item unique;
  unique.reserve(item.size());
  for (auto& e : item) {
    if (!unique.empty() && unique.back().first == e.first)
      unique.back().second = std::move(e.second);
    else
      unique.push_back(std::move(e));
  }
  item = std::move(unique);
}

Value Value::map(MapEntries entries) {
  normalise_item(entries);
  Value v;
  v.type_ = ValueType::Map;
  v.children_ = std::make_shared<const MapEntries>(std::move(entries));
  return v;
}

// A list of sorted, distinct members; the caller sets the set type.
static Value make_set(std::vector<Value> members) {
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return Value::list(std::move(members));
}

Value Value::string_set(std::vector<std::string> members) {
  std::vector<Value> vs;
  vs.reserve(members.size());
  for (auto& m : members) vs.push_back(string(std::move(m)));
  Value v = make_set(std::move(vs));
  v.type_ = ValueType::StringSet;
  return v;
}

Value Value::number_set(std::vector<Number> members) {
  std::vector<Value> vs;
  vs.reserve(members.size());
  for (auto& m : members) vs.push_back(number(m));
  Value v = make_set(std::move(vs));
  v.type_ = ValueType::NumberSet;
  return v;
}

Value Value::binary_set(std::vector<std::string> members) {
  std::vector<Value> vs;
  vs.reserve(members.size());
  for (auto& m : members) vs.push_back(binary(std::move(m)));
  Value v = make_set(std::move(vs));
  v.type_ = ValueType::BinarySet;
  return v;
}

const std::vector<Value>& Value::items() const {
  return children_ && (type_ == ValueType::List || is_set()) ? *static_cast<const std::vector<Value>*>(children_.get()) : kNoItems;
}

const MapEntries& Value::entries() const {
  return children_ && type_ == ValueType::Map ? *static_cast<const MapEntries*>(children_.get()) : kNoEntries;
}

const Value* Value::find(std::string_view name) const {
  if (type_ != ValueType::Map) return nullptr;
  return find_attribute(entries(), name);
}

const Value* find_attribute(const Item& item, std::string_view name) {
  auto it = std::lower_bound(item.begin(), item.end(), name,
                             [](const auto& e, std::string_view n) { return std::string_view(e.first) < n; });
  if (it != item.end() && it->first == name) return &it->second;
  return nullptr;
}

int Value::compare(const Value& o) const {
  if (type_ != o.type_) return three_way(rank(type_), rank(o.type_));
  switch (type_) {
    case ValueType::Missing:
    case ValueType::Null: return 0;
    case ValueType::Bool: return three_way(bool_, o.bool_);
    case ValueType::Number:
      if (text_ == o.text_) return 0;
      if (auto c = compare_number_text(text_, o.text_)) return *c;
      return as_number().compare(o.as_number());
    case ValueType::String: return compare_strings(o);
    case ValueType::Binary: {
      int c = text_.compare(o.text_);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueType::List:
    case ValueType::StringSet:
    case ValueType::NumberSet:
    case ValueType::BinarySet: {
      const auto& a = items();
      const auto& b = o.items();
      for (size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (int c = a[i].compare(b[i])) return c;
      return three_way(a.size(), b.size());
    }
    case ValueType::Map: {
      const auto& a = entries();
      const auto& b = o.entries();
      for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (int c = a[i].first.compare(b[i].first)) return c < 0 ? -1 : 1;
        if (int c = a[i].second.compare(b[i].second)) return c;
      }
      return three_way(a.size(), b.size());
    }
  }
  return 0;
}

// Plain strings by bytes, before intervals; intervals by length.
int Value::compare_strings(const Value& o) const {
  if (!is_interval() && !o.is_interval()) {
    int c = text_.compare(o.text_);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (!is_interval() || !o.is_interval()) return is_interval() ? 1 : -1;
  return three_way(interval_length(), o.interval_length());
}

size_t Value::hash() const {
  size_t h = std::hash<int>()(rank(type_));
  auto mix = [&h](size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  switch (type_) {
    case ValueType::Missing:
    case ValueType::Null: break;
    case ValueType::Bool: mix(bool_); break;
    case ValueType::Number: {
      auto canonical = canonical_number_text(text_);
      mix(std::hash<std::string>()(canonical ? *canonical : as_number().to_string()));
      break;
    }
    case ValueType::String:
      if (is_interval()) {
        auto length = static_cast<UnsignedLength>(interval_length());
        mix(static_cast<uint64_t>(length)), mix(static_cast<uint64_t>(length >> 64)), mix(1);
        break;
      }
      [[fallthrough]];
    case ValueType::Binary: mix(std::hash<std::string>()(text_)); break;
    case ValueType::Map:
      for (const auto& [k, v] : entries()) mix(std::hash<std::string>()(k)), mix(v.hash());
      break;
    default:
      for (const auto& v : items()) mix(v.hash());
  }
  return h;
}

size_t Value::approximate_size() const {
  switch (type_) {
    case ValueType::Missing: return 0;
    case ValueType::Null:
    case ValueType::Bool: return 1;
    case ValueType::Number: return text_.size() / 2 + 1;
    case ValueType::String:
    case ValueType::Binary: return text_.size();
    case ValueType::Map: {
      size_t n = 3;
      for (const auto& [k, v] : entries()) n += k.size() + v.approximate_size() + 1;
      return n;
    }
    default: {
      size_t n = 3;
      for (const auto& v : items()) n += v.approximate_size() + 1;
      return n;
    }
  }
}

}  // namespace dynamosql

// The value model: one Value type for DynamoDB's ten AttributeValue types plus Missing, the engine's
// marker for "this item has no such attribute". Missing never travels to DynamoDB; in SQL it reads as
// NULL, and `IS MISSING` tells it apart from a stored NULL (type Null).
//
// Numbers keep the exact text DynamoDB sent (or the canonical text of a parsed Number), so a scan that
// only passes numbers through never parses them; number() parses on demand. Binary values hold raw
// bytes (base64 only on the wire). Maps keep their entries sorted by name; sets keep their members sorted
// (numerically for NS), so equal values compare and print identically.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamosql/number.h"

namespace dynamosql {

enum class ValueType : uint8_t {
  Missing,
  Null,
  Bool,
  Number,
  String,
  Binary,
  List,
  Map,
  StringSet,
  NumberSet,
  BinarySet,
};

// The DynamoDB type descriptor ("S", "N", ... "BS"); "MISSING" for Missing.
const char* type_descriptor(ValueType type);

// An INTERVAL's length in microseconds, a month counted as 30 days and a day as 24 hours (PostgreSQL's
// interval order): exact for every interval (|months| < 2^31).
__extension__ typedef __int128 IntervalLength;

class Value;
using MapEntries = std::vector<std::pair<std::string, Value>>;

class Value {
 public:
  Value() = default;  // Missing

  static Value missing() { return Value(); }
  static Value null();
  static Value boolean(bool b);
  static Value string(std::string s);
  static Value binary(std::string bytes);
  // Trusted number text (from DynamoDB or already validated); see number_from() for checked input.
  static Value number_text(std::string text);
  static Value number(const Number& n);
  static Value list(std::vector<Value> items);
  static Value map(MapEntries entries);  // sorts by name; a repeated name keeps the last value
  // Sets: members must all be of the set's element type; duplicates are removed, members sorted.
  static Value string_set(std::vector<std::string> members);
  static Value number_set(std::vector<Number> members);
  static Value binary_set(std::vector<std::string> members);
  // An INTERVAL: a String holding its PostgreSQL text (so it prints, casts and is stored as that text)
  // that compares and hashes by `length` instead, so '1 day' = '24:00:00' and '23:00:00' < '2 days'
  // in ORDER BY, GROUP BY, DISTINCT, MIN/MAX, windows and hash joins alike.
  static Value interval(std::string text, IntervalLength length);

  ValueType type() const { return type_; }
  bool is_missing() const { return type_ == ValueType::Missing; }
  // SQL NULL: a stored NULL or a missing attribute.
  bool is_null_or_missing() const { return type_ == ValueType::Missing || type_ == ValueType::Null; }
  bool is_set() const {
    return type_ == ValueType::StringSet || type_ == ValueType::NumberSet || type_ == ValueType::BinarySet;
  }

  bool is_interval() const { return type_ == ValueType::String && children_ != nullptr; }
  // An interval's length, how it compares (only where is_interval()).
  IntervalLength interval_length() const { return *static_cast<const IntervalLength*>(children_.get()); }

  bool as_bool() const { return bool_; }
  // S text, B bytes, or N text.
  const std::string& text() const { return text_; }
  Number as_number() const { return Number::from_text(text_); }
  // L elements or set members (set members are Values of type S, N or B).
  const std::vector<Value>& items() const;
  const MapEntries& entries() const;
  // Map lookup; nullptr when absent or not a map.
  const Value* find(std::string_view name) const;

  // Total order used by ORDER BY, DISTINCT, GROUP BY and joins: Missing < Null < Bool < Number <
  // String < Binary < List < Map < sets; within a type, numbers numerically, strings and binary by
  // bytes (intervals by length, after every other string), collections element-wise.
  int compare(const Value& other) const;
  bool operator==(const Value& o) const { return compare(o) == 0; }
  bool operator!=(const Value& o) const { return compare(o) != 0; }
  bool operator<(const Value& o) const { return compare(o) < 0; }
  bool operator>(const Value& o) const { return compare(o) > 0; }

  // A hash consistent with compare() == 0 (numbers hash by canonical form).
  size_t hash() const;
  // Approximate bytes DynamoDB counts for this value (for progress and rate estimates).
  size_t approximate_size() const;

 private:
  ValueType type_ = ValueType::Missing;
  bool bool_ = false;
  std::string text_;
  // List and sets: a std::vector<Value>; Map: MapEntries; an interval's String: its IntervalLength. One
  // pointer, so a Value is 56 bytes, not 72, and a plain string (every scanned one) allocates nothing more.
  std::shared_ptr<const void> children_;

  int compare_strings(const Value& other) const;
};

// A value as text, as `||`, CAST(... AS VARCHAR), LIKE and the console show it: strings as they are,
// numbers in canonical form, true/false, binary as base64, documents and sets as plain JSON, NULL and
// Missing as "".
std::string value_to_text(const Value& v);
// The same text appended to `out` (no string of its own per value: the console's CSV and tables).
void append_value_text(std::string& out, const Value& v);

// A row of a result: one Value per column (Missing and Null both mean SQL NULL).
using Row = std::vector<Value>;
using RowBatch = std::vector<Row>;

// An item as DynamoDB returns it: attribute name -> value, sorted by name.
using Item = MapEntries;
const Value* find_attribute(const Item& item, std::string_view name);
// Sorts entries by name; of repeated names the last one wins.
void normalise_item(Item& item);

}  // namespace dynamosql

// The SAX decoder of DynamoDB AttributeValues; see wire_reader.h.
#include "value/wire_reader.h"

#include "dynamosql/error.h"
#include "value/base64.h"

namespace dynamosql {
namespace {

std::string bytes_of(std::string_view text) {
  auto decoded = base64_decode(std::string(text));
  if (!decoded) throw_malformed("binary value is not base64");
  return std::move(*decoded);
}

}  // namespace

void throw_malformed(const std::string& what) {
  throw Error(sqlstate::kDataException, "malformed DynamoDB attribute value: " + what);
}

void throw_wrong_payload(ValueType t) {
  const char* expected = t == ValueType::Bool || t == ValueType::Null ? "a boolean"
                         : t == ValueType::Map                        ? "an object"
                         : t == ValueType::String || t == ValueType::Number || t == ValueType::Binary ? "a string"
                                                                                                      : "an array";
  throw_malformed(std::string(type_descriptor(t)) + " is not " + expected);
}

ValueType wire_type(std::string_view d) {
  switch (d.size()) {
    case 1:
      switch (d[0]) {
        case 'S': return ValueType::String;
        case 'N': return ValueType::Number;
        case 'B': return ValueType::Binary;
        case 'M': return ValueType::Map;
        case 'L': return ValueType::List;
      }
      break;
    case 2:
      if (d == "SS") return ValueType::StringSet;
      if (d == "NS") return ValueType::NumberSet;
      if (d == "BS") return ValueType::BinarySet;
      break;
    case 4:
      if (d == "BOOL") return ValueType::Bool;
      if (d == "NULL") return ValueType::Null;
      break;
  }
  return ValueType::Missing;
}

Value scalar_from_wire(ValueType type, std::string_view text) {
  switch (type) {
    case ValueType::String: return Value::string(std::string(text));
    case ValueType::Number:
      if (!is_number_text(text)) throw_malformed("N is not a number: '" + std::string(text.substr(0, 40)) + "'");
      return Value::number_text(std::string(text));
    case ValueType::Binary: return Value::binary(bytes_of(text));
    default: throw_wrong_payload(type);
  }
}

Value boolean_from_wire(ValueType type, bool b) {
  if (type == ValueType::Bool) return Value::boolean(b);
  if (type == ValueType::Null) return Value::null();
  throw_wrong_payload(type);
}

void WireValueReader::read_value() {
  depth_ = 0;
  done_ = false;
  item_mode_ = false;
}

void WireValueReader::read_item() {
  read_value();
  item_mode_ = true;
}

Value WireValueReader::take() {
  done_ = false;
  return std::move(result_);
}

Item WireValueReader::take_item() {
  done_ = false;
  return std::move(item_);
}

WireValueReader::Frame& WireValueReader::push(Kind kind) {
  if (depth_ == stack_.size()) stack_.emplace_back();
  Frame& f = stack_[depth_++];
  f.kind = kind;
  f.type = ValueType::Missing;
  f.has_value = false;
  f.key.clear();
  f.entries.clear();
  f.items.clear();
  f.members.clear();
  return f;
}

void WireValueReader::deliver(Value v) {
  if (depth_ == 0) {
    result_ = std::move(v);
    done_ = true;
    return;
  }
  Frame& parent = stack_[depth_ - 1];
  switch (parent.kind) {
    case Kind::AttributeValue:  // a finished M or L payload
      parent.value = std::move(v);
      parent.has_value = true;
      break;
    case Kind::MapPayload: parent.entries.emplace_back(std::move(parent.key), std::move(v)); break;
    case Kind::ListPayload: parent.items.push_back(std::move(v)); break;
    case Kind::SetPayload: wrong_payload();
  }
}

void WireValueReader::set_scalar(Value v) {
  Frame& f = stack_[depth_ - 1];
  f.value = std::move(v);
  f.has_value = true;
}

bool WireValueReader::awaits_payload() const {
  if (depth_ == 0) return false;
  const Frame& f = stack_[depth_ - 1];
  return f.kind == Kind::AttributeValue && f.type != ValueType::Missing && !f.has_value;
}

void WireValueReader::wrong_payload() const {
  if (depth_ && stack_[depth_ - 1].kind == Kind::SetPayload) throw_malformed("a set member is not a string");
  if (!awaits_payload()) throw_malformed("expected one type key");
  throw_wrong_payload(stack_[depth_ - 1].type);
}

bool WireValueReader::Bool(bool b) {
  if (!awaits_payload()) wrong_payload();
  set_scalar(boolean_from_wire(stack_[depth_ - 1].type, b));
  return true;
}

bool WireValueReader::String(const char* s, rapidjson::SizeType n, bool) {
  if (depth_ == 0) wrong_payload();
  Frame& f = stack_[depth_ - 1];
  std::string_view text(s, n);
  if (f.kind == Kind::SetPayload) {
    f.members.emplace_back(text);
    return true;
  }
  if (!awaits_payload()) wrong_payload();
  set_scalar(scalar_from_wire(f.type, text));
  return true;
}

bool WireValueReader::StartObject() {
  if (depth_ == 0) {
    push(item_mode_ ? Kind::MapPayload : Kind::AttributeValue);
    return true;
  }
  Frame& f = stack_[depth_ - 1];
  if (f.kind == Kind::MapPayload || f.kind == Kind::ListPayload) {
    push(Kind::AttributeValue);
    return true;
  }
  if (!awaits_payload() || f.type != ValueType::Map) wrong_payload();
  push(Kind::MapPayload).type = ValueType::Map;
  return true;
}

bool WireValueReader::Key(const char* s, rapidjson::SizeType n, bool) {
  Frame& f = stack_[depth_ - 1];
  if (f.kind == Kind::MapPayload) {
    f.key.assign(s, n);
    return true;
  }
  if (f.type != ValueType::Missing) throw_malformed("expected one type key");
  f.type = wire_type(std::string_view(s, n));
  if (f.type == ValueType::Missing) throw_malformed("unknown type '" + std::string(s, n) + "'");
  return true;
}

bool WireValueReader::EndObject(rapidjson::SizeType) {
  Frame& f = stack_[depth_ - 1];
  if (f.kind == Kind::MapPayload) {
    MapEntries entries = std::move(f.entries);
    if (--depth_ == 0 && item_mode_) {
      normalise_item(entries);
      item_ = std::move(entries);
      done_ = true;
    } else {
      deliver(Value::map(std::move(entries)));
    }
    return true;
  }
  if (!f.has_value) throw_malformed("expected one type key");
  Value v = std::move(f.value);
  --depth_;
  deliver(std::move(v));
  return true;
}

bool WireValueReader::StartArray() {
  if (!awaits_payload()) wrong_payload();
  ValueType t = stack_[depth_ - 1].type;
  if (t == ValueType::List) {
    push(Kind::ListPayload);
  } else if (t == ValueType::StringSet || t == ValueType::NumberSet || t == ValueType::BinarySet) {
    push(Kind::SetPayload).type = t;
  } else {
    wrong_payload();
  }
  return true;
}

bool WireValueReader::EndArray(rapidjson::SizeType) {
  Frame& f = stack_[depth_ - 1];
  Value v;
  if (f.kind == Kind::ListPayload) {
    v = Value::list(std::move(f.items));
  } else if (f.type == ValueType::StringSet) {
    v = Value::string_set(std::move(f.members));
  } else if (f.type == ValueType::NumberSet) {
    std::vector<Number> numbers;
    numbers.reserve(f.members.size());
    for (const auto& m : f.members) numbers.push_back(Number::from_text(m));
    v = Value::number_set(std::move(numbers));
  } else {
    std::vector<std::string> bytes;
    bytes.reserve(f.members.size());
    for (const auto& m : f.members) bytes.push_back(bytes_of(m));
    v = Value::binary_set(std::move(bytes));
  }
  --depth_;
  deliver(std::move(v));
  return true;
}

}  // namespace dynamosql

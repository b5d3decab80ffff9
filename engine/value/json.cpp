// Conversions between Values and the two JSON forms (see json.h).
#include "value/json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/encodedstream.h>

#include <cctype>

#include "dynamosql/error.h"
#include "value/base64.h"
#include "value/wire_reader.h"

namespace dynamosql {
namespace {

// The decoder reading a parsed document's events; one per thread, so its buffers are reused.
WireValueReader& wire_reader() {
  thread_local WireValueReader reader;
  return reader;
}

}  // namespace

Value value_from_wire(const rapidjson::Value& json) {
  WireValueReader& reader = wire_reader();
  reader.read_value();
  json.Accept(reader);
  return reader.take();
}

Item item_from_wire(const rapidjson::Value& json) {
  if (!json.IsObject()) throw Error(sqlstate::kDataException, "malformed DynamoDB attribute value: item is not an object");
  WireValueReader& reader = wire_reader();
  reader.read_item();
  json.Accept(reader);
  return reader.take_item();
}

void write_wire_value(JsonWriter& w, const Value& v) {
  w.StartObject();
  switch (v.type()) {
    case ValueType::Missing:
      throw Error(sqlstate::kGeneral, "internal error: a missing value cannot be sent to DynamoDB");
    case ValueType::Null: w.Key("NULL"); w.Bool(true); break;
    case ValueType::Bool: w.Key("BOOL"); w.Bool(v.as_bool()); break;
    case ValueType::Number: w.Key("N"); w.String(v.text().data(), v.text().size()); break;
    case ValueType::String: w.Key("S"); w.String(v.text().data(), v.text().size()); break;
    case ValueType::Binary: {
      w.Key("B");
      std::string b = base64_encode(v.text());
      w.String(b.data(), b.size());
      break;
    }
    case ValueType::List:
      w.Key("L");
      w.StartArray();
      for (const auto& e : v.items()) write_wire_value(w, e);
      w.EndArray();
      break;
    case ValueType::Map:
      w.Key("M");
      write_wire_item(w, v.entries());
      break;
    case ValueType::StringSet:
    case ValueType::NumberSet:
    case ValueType::BinarySet:
      w.Key(type_descriptor(v.type()));
      w.StartArray();
      for (const auto& e : v.items()) {
        if (v.type() == ValueType::BinarySet) {
          std::string b = base64_encode(e.text());
          w.String(b.data(), b.size());
        } else {
          w.String(e.text().data(), e.text().size());
        }
      }
      w.EndArray();
      break;
  }
  w.EndObject();
}

void write_wire_item(JsonWriter& w, const Item& item) {
  w.StartObject();
  for (const auto& [name, value] : item) {
    if (value.is_missing()) continue;
    w.Key(name.data(), name.size());
    write_wire_value(w, value);
  }
  w.EndObject();
}

std::string wire_json(const Value& v) {
  rapidjson::StringBuffer sb;
  JsonWriter w(sb);
  write_wire_value(w, v);
  return std::string(sb.GetString(), sb.GetSize());
}

std::string dynamodb_json(const Value& document) {
  rapidjson::StringBuffer sb;
  JsonWriter w(sb);
  write_wire_item(w, document.entries());
  return std::string(sb.GetString(), sb.GetSize());
}

namespace {

// {"S": ...}, {"SS": [...]}, ...: one member, named by a type descriptor.
bool is_typed_value(const rapidjson::Value& json) {
  if (!json.IsObject() || json.MemberCount() != 1) return false;
  static constexpr const char* kDescriptors[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};
  const std::string_view name(json.MemberBegin()->name.GetString(), json.MemberBegin()->name.GetStringLength());
  for (const char* d : kDescriptors)
    if (name == d) return true;
  return false;
}

}  // namespace

std::optional<Item> parse_dynamodb_json_item(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseNumbersAsStringsFlag>(text.data(), text.size());
  if (doc.HasParseError())
    throw Error(sqlstate::kDataException, std::string("invalid JSON at offset ") + std::to_string(doc.GetErrorOffset()) +
                                              ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject() || doc.MemberCount() == 0) return std::nullopt;
  for (const auto& m : doc.GetObject())
    if (!is_typed_value(m.value)) return std::nullopt;
  return item_from_wire(doc);
}

void write_plain_json(JsonWriter& w, const Value& v) {
  switch (v.type()) {
    case ValueType::Missing:
    case ValueType::Null: w.Null(); break;
    case ValueType::Bool: w.Bool(v.as_bool()); break;
    case ValueType::Number: {
      thread_local std::string text;
      text.clear();
      append_canonical_number(text, v.text());
      w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
      break;
    }
    case ValueType::String: w.String(v.text().data(), v.text().size()); break;
    case ValueType::Binary: {
      std::string b = base64_encode(v.text());
      w.String(b.data(), b.size());
      break;
    }
    case ValueType::Map:
      w.StartObject();
      for (const auto& [k, e] : v.entries()) {
        w.Key(k.data(), k.size());
        write_plain_json(w, e);
      }
      w.EndObject();
      break;
    default:  // list and sets
      w.StartArray();
      for (const auto& e : v.items()) write_plain_json(w, e);
      w.EndArray();
  }
}

std::string plain_json(const Value& v) {
  rapidjson::StringBuffer sb;
  JsonWriter w(sb);
  write_plain_json(w, v);
  return std::string(sb.GetString(), sb.GetSize());
}

Value value_from_plain_json(const rapidjson::Value& json) {
  switch (json.GetType()) {
    case rapidjson::kNullType: return Value::null();
    case rapidjson::kFalseType: return Value::boolean(false);
    case rapidjson::kTrueType: return Value::boolean(true);
    case rapidjson::kStringType: return Value::string(std::string(json.GetString(), json.GetStringLength()));
    case rapidjson::kNumberType: {
      // Parsed with kParseNumbersAsStringsFlag, so this only happens for documents built in code.
      if (json.IsInt64()) return Value::number(Number(json.GetInt64()));
      throw Error(sqlstate::kDataException, "inexact JSON number");
    }
    case rapidjson::kArrayType: {
      std::vector<Value> items;
      items.reserve(json.Size());
      for (const auto& e : json.GetArray()) items.push_back(value_from_plain_json(e));
      return Value::list(std::move(items));
    }
    case rapidjson::kObjectType: {
      MapEntries entries;
      entries.reserve(json.MemberCount());
      for (const auto& m : json.GetObject())
        entries.emplace_back(std::string(m.name.GetString(), m.name.GetStringLength()),
                             value_from_plain_json(m.value));
      return Value::map(std::move(entries));
    }
  }
  return Value::null();
}

namespace {
// With kParseNumbersAsStringsFlag RapidJSON hands numbers over as strings; we need to tell them from
// real strings, so plain JSON is parsed through a handler that builds Values directly.
struct PlainJsonHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, PlainJsonHandler> {
  struct Frame {
    bool is_object;
    std::vector<Value> items;
    MapEntries entries;
    std::string key;
  };
  std::vector<Frame> stack;
  Value result;

  void emit(Value v) {
    if (stack.empty()) {
      result = std::move(v);
    } else if (stack.back().is_object) {
      stack.back().entries.emplace_back(std::move(stack.back().key), std::move(v));
    } else {
      stack.back().items.push_back(std::move(v));
    }
  }
  bool Null() { emit(Value::null()); return true; }
  bool Bool(bool b) { emit(Value::boolean(b)); return true; }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    auto num = Number::parse(std::string_view(s, n));
    if (!num) return false;
    emit(Value::number(*num));
    return true;
  }
  bool String(const char* s, rapidjson::SizeType n, bool) { emit(Value::string(std::string(s, n))); return true; }
  bool Key(const char* s, rapidjson::SizeType n, bool) { stack.back().key.assign(s, n); return true; }
  bool StartObject() { stack.push_back({true, {}, {}, {}}); return true; }
  bool EndObject(rapidjson::SizeType) {
    Frame f = std::move(stack.back());
    stack.pop_back();
    emit(Value::map(std::move(f.entries)));
    return true;
  }
  bool StartArray() { stack.push_back({false, {}, {}, {}}); return true; }
  bool EndArray(rapidjson::SizeType) {
    Frame f = std::move(stack.back());
    stack.pop_back();
    emit(Value::list(std::move(f.items)));
    return true;
  }
};
}  // namespace

Value parse_plain_json(std::string_view text) {
  PlainJsonHandler handler;
  rapidjson::Reader reader;
  rapidjson::MemoryStream ms(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> is(ms);
  auto ok = reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag>(is, handler);
  if (ok.IsError())
    throw Error(sqlstate::kDataException, std::string("invalid JSON at offset ") + std::to_string(ok.Offset()) +
                                              ": " + rapidjson::GetParseError_En(ok.Code()));
  // Anything but whitespace after the document is an error.
  for (size_t i = is.Tell(); i < text.size(); ++i)
    if (!std::isspace(static_cast<unsigned char>(text[i])))
      throw Error(sqlstate::kDataException, "invalid JSON: text after the value at offset " + std::to_string(i));
  return std::move(handler.result);
}

}  // namespace dynamosql

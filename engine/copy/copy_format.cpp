// COPY's record formats; see copy_format.h.
#include "copy/copy_format.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>

#include "catalog/catalog.h"
#include "dynamosql/error.h"
#include "dynamosql/text.h"
#include "value/base64.h"
#include "value/json.h"

namespace dynamosql {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void check_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t at = i;
    if (!decode_utf8(s, i)) throw Error("22021", "invalid UTF-8 at byte " + std::to_string(at + 1) + " of the record");
  }
}

Value field_value(const std::string& name, const std::string& text, FieldType type) {
  switch (type) {
    case FieldType::String: return Value::string(text);
    case FieldType::Number: {
      auto n = Number::parse(text);
      if (!n) throw Error(sqlstate::kInvalidCharacterValue, "column " + name + ": '" + text + "' is not a number");
      n->check_dynamodb_range();
      return Value::number(*n);
    }
    case FieldType::Boolean: {
      std::string l = lower(text);
      if (l == "true" || l == "t" || l == "1" || l == "yes") return Value::boolean(true);
      if (l == "false" || l == "f" || l == "0" || l == "no") return Value::boolean(false);
      throw Error(sqlstate::kInvalidCharacterValue, "column " + name + ": '" + text + "' is not a boolean");
    }
    case FieldType::Binary: {
      auto bytes = base64_decode(text);
      if (!bytes) throw Error(sqlstate::kInvalidCharacterValue, "column " + name + ": '" + text + "' is not base64");
      return Value::binary(std::move(*bytes));
    }
    case FieldType::Json:
    case FieldType::Other: {
      try {
        return parse_plain_json(text);
      } catch (const Error& e) {
        throw Error(sqlstate::kInvalidCharacterValue, "column " + name + ": " + e.what());
      }
    }
  }
  return Value::string(text);
}

Item finish_item(Item item) {
  normalise_item(item);
  return item;
}

}  // namespace

std::optional<CopyFormat> copy_format_named(const std::string& name) {
  std::string n = lower(name);
  if (n == "csv") return CopyFormat::Csv;
  if (n == "jsonl" || n == "json" || n == "ndjson" || n == "json_lines") return CopyFormat::JsonLines;
  if (n == "dynamodb_json" || n == "ddb_json" || n == "dynamodb") return CopyFormat::DynamoDbJson;
  return std::nullopt;
}

std::optional<CopyFormat> copy_format_for_path(const std::string& path) {
  std::string p = lower(path);
  if (ends_with(p, ".gz")) p.resize(p.size() - 3);
  if (ends_with(p, ".csv")) return CopyFormat::Csv;
  if (ends_with(p, ".jsonl") || ends_with(p, ".ndjson") || ends_with(p, ".json")) return CopyFormat::JsonLines;
  return std::nullopt;
}

bool RecordReader::next(InputRecord& record) {
  for (;;) {
    record.offset = in_.offset();
    if (!in_.read_line(record.text)) return false;
    record.line = ++line_;
    record.error.clear();
    if (record.line == 1 && record.text.compare(0, 3, "\xEF\xBB\xBF") == 0) record.text.erase(0, 3);  // a BOM
    if (is_blank(record.text)) continue;
    if (format_ != CopyFormat::Csv) return true;
    while (!parse_csv_record(record.text, delimiter_, record.csv)) {
      if (!in_.read_line(buffer_)) {
        record.error = "a quoted field is not closed before the end of the input";
        return true;
      }
      ++line_;
      record.text += buffer_;
    }
    return true;
  }
}

void RecordReader::resume_at(int64_t line, uint64_t offset) {
  if (in_.can_seek()) {
    in_.seek(offset);
    line_ = line - 1;
    return;
  }
  std::string skipped;
  while (line_ + 1 < line && in_.read_line(skipped)) ++line_;
}

std::optional<FieldType> field_type_named(const std::string& t) {
  std::string u = t;
  std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return std::toupper(c); });
  if (u == "VARCHAR" || u == "STRING" || u == "TEXT" || u == "CHAR" || u == "S") return FieldType::String;
  if (u == "NUMBER" || u == "DECIMAL" || u == "NUMERIC" || u == "INT" || u == "INTEGER" || u == "BIGINT" ||
      u == "DOUBLE" || u == "FLOAT" || u == "REAL" || u == "N")
    return FieldType::Number;
  if (u == "BOOLEAN" || u == "BOOL") return FieldType::Boolean;
  if (u == "BINARY" || u == "VARBINARY" || u == "BLOB" || u == "BYTES" || u == "B") return FieldType::Binary;
  if (u == "JSON" || u == "DOCUMENT" || u == "MAP" || u == "LIST") return FieldType::Json;
  return std::nullopt;
}

Item item_from_csv(const CsvFields& fields, const std::vector<CsvColumn>& columns) {
  if (fields.values.size() != columns.size())
    throw Error(sqlstate::kInvalidCharacterValue, "has " + std::to_string(fields.values.size()) + " fields, expected " +
                                                      std::to_string(columns.size()));
  Item item;
  item.reserve(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string& text = fields.values[i];
    check_utf8(text);
    const CsvColumn& c = columns[i];
    if (text.empty() && !(fields.quoted[i] && c.type == FieldType::String)) continue;  // absent
    Value v = field_value(c.name, text, c.type);
    if (c.type == FieldType::Other) {
      if (v.type() != ValueType::Map) throw Error(sqlstate::kInvalidCharacterValue, "column " + c.name + " must hold a JSON object");
      for (const auto& e : v.entries()) item.push_back(e);
      continue;
    }
    item.emplace_back(c.name, std::move(v));
  }
  return finish_item(std::move(item));
}

Item item_from_json_line(std::string_view text) {
  Value v = parse_plain_json(text);
  if (v.type() != ValueType::Map) throw Error(sqlstate::kInvalidCharacterValue, "the line is not a JSON object");
  return finish_item(v.entries());
}

Item item_from_dynamodb_json(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (doc.HasParseError())
    throw Error(sqlstate::kInvalidCharacterValue, std::string("invalid JSON at offset ") + std::to_string(doc.GetErrorOffset()) +
                                                      ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject()) throw Error(sqlstate::kInvalidCharacterValue, "the line is not a JSON object");
  const rapidjson::Value* item = &doc;
  auto wrapped = doc.FindMember("Item");
  if (doc.MemberCount() == 1 && wrapped != doc.MemberEnd() && wrapped->value.IsObject()) item = &wrapped->value;
  try {
    return item_from_wire(*item);
  } catch (const Error& e) {
    throw Error(sqlstate::kInvalidCharacterValue, e.what());
  }
}

std::string RowEncoder::header() const {
  if (format_ != CopyFormat::Csv) return {};
  std::string out;
  for (size_t i = 0; i < names_.size(); ++i) {
    if (i) out += delimiter_;
    append_csv_field(out, names_[i], delimiter_);
  }
  out += "\r\n";
  return out;
}

void RowEncoder::append(std::string& out, const Row& row) const {
  if (format_ == CopyFormat::Csv) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += delimiter_;
      const Value& v = row[i];
      switch (v.type()) {
        case ValueType::Missing:
        case ValueType::Null: break;
        case ValueType::String: append_csv_field(out, v.text(), delimiter_, v.text().empty()); break;
        case ValueType::Number: out += v.text(); break;
        case ValueType::Bool: out += v.as_bool() ? "true" : "false"; break;
        case ValueType::Binary: out += base64_encode(v.text()); break;
        default: append_csv_field(out, plain_json(v), delimiter_); break;
      }
    }
    out += "\r\n";
    return;
  }
  rapidjson::StringBuffer sb;
  JsonWriter w(sb);
  w.StartObject();
  if (format_ == CopyFormat::DynamoDbJson) {
    w.Key("Item");
    w.StartObject();
  }
  auto member = [&](const std::string& name, const Value& v) {
    if (v.is_missing()) return;
    w.Key(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
    if (format_ == CopyFormat::DynamoDbJson) write_wire_value(w, v);
    else write_plain_json(w, v);
  };
  for (size_t i = 0; i < row.size(); ++i) {
    if (names_[i] == kOtherColumn && row[i].type() == ValueType::Map) {
      for (const auto& [name, v] : row[i].entries()) member(name, v);
    } else {
      member(names_[i], row[i]);
    }
  }
  if (format_ == CopyFormat::DynamoDbJson) w.EndObject();
  w.EndObject();
  out.append(sb.GetString(), sb.GetSize());
  out += '\n';
}

}  // namespace dynamosql

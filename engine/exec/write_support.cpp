// Helpers shared by the write statements; see write_support.h.
#include "exec/write_support.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "value/json.h"

namespace dynamosql::write_support {

namespace {

// The attributes an `_other` value stands for: NULL (or MISSING) is none, a document its entries, and
// text a JSON object: plain JSON (what the console shows; arrays become lists), or with DynamoDbFirst
// DynamoDB JSON when every attribute is typed (what the ODBC driver returns, so sets and binary come
// back as they were). Plain JSON that looks typed ({"size": {"S": "small"}}) is a map there and
// typed only where the client asked for DynamoDB JSON. Anything else names the column.
MapEntries other_attributes(const Value& v, OtherJson other_json) {
  if (v.is_null_or_missing()) return {};
  if (v.type() == ValueType::Map) return v.entries();
  if (v.type() == ValueType::String) {
    Value parsed;
    try {
      if (other_json == OtherJson::DynamoDbFirst)
        if (auto typed = parse_dynamodb_json_item(v.text())) return std::move(*typed);
      parsed = parse_plain_json(v.text());
    } catch (const Error& e) {
      throw Error(sqlstate::kInvalidParameter,
                  std::string(kOtherColumn) + " must be NULL or a JSON object of attributes: " + e.what());
    }
    if (parsed.type() == ValueType::Map) return parsed.entries();
  }
  throw Error(sqlstate::kInvalidParameter, std::string(kOtherColumn) + " must be NULL or a JSON object of attributes, not " +
                                               type_descriptor(v.type()) + " " + plain_json(v));
}

}  // namespace

OtherJson other_json_of(const std::string& setting) {
  return setting == "dynamodb" ? OtherJson::DynamoDbFirst : OtherJson::Plain;
}

Item item_from_row(const Row& row, const std::vector<std::string>& names, OtherJson other_json) {
  Item item;
  MapEntries other;
  for (size_t i = 0; i < row.size(); ++i) {
    const Value& v = row[i];
    if (names[i] == kOtherColumn) {
      for (auto& e : other_attributes(v, other_json)) other.push_back(std::move(e));
      continue;
    }
    if (v.is_missing()) continue;
    if (names[i] == kDocumentColumn) {
      if (v.type() != ValueType::Map)
        throw Error(sqlstate::kInvalidParameter, "INSERT ... VALUE needs documents ({'attribute': value, ...})");
      for (const auto& e : v.entries()) item.push_back(e);
      continue;
    }
    item.emplace_back(names[i], v);
  }
  for (auto& e : other) {
    if (std::find(names.begin(), names.end(), e.first) != names.end())
      throw Error(sqlstate::kInvalidParameter, "attribute " + e.first + " is given both as a column and in " + kOtherColumn);
    item.push_back(std::move(e));
  }
  normalise_item(item);
  return item;
}

Error with_progress(const Error& e, int64_t done, const char* verb, bool pending) {
  std::string note = pending ? "nothing was added to the transaction"
                     : done == 0 ? "nothing was written"
                                 : std::to_string(done) + (done == 1 ? " row was " : " rows were ") + verb +
                                       " before the failure; the rest were not";
  Error out(e.sqlstate(), std::string(e.what()) + "; " + note, e.aws_type());
  if (e.line() > 0) out.at(e.line(), e.column());
  out.with_details(e.details());
  return out;
}

std::string row_reason(const Error& e) { return e.sqlstate() + " " + e.what(); }

}  // namespace dynamosql::write_support

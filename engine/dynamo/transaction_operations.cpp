// TransactWriteItems (with a ClientRequestToken, so a retried commit is applied once) and
// TransactGetItems.
#include "dynamo/dynamo_client.h"
#include "dynamo/wire.h"
#include "dynamosql/error.h"

namespace dynamosql {

using namespace wire;

void DynamoClient::transact_write_items(const std::vector<TransactWriteAction>& actions,
                                        const std::string& client_request_token) {
  call(Api::DynamoDB, "TransactWriteItems", body_of([&](JsonWriter& w) {
         w.Key("TransactItems");
         w.StartArray();
         for (const auto& a : actions) {
           w.StartObject();
           using Kind = TransactWriteAction::Kind;
           w.Key(a.kind == Kind::Put ? "Put" : a.kind == Kind::Update ? "Update" : a.kind == Kind::Delete ? "Delete" : "ConditionCheck");
           w.StartObject();
           key_value(w, "TableName", a.table);
           w.Key(a.kind == Kind::Put ? "Item" : "Key");
           write_wire_item(w, a.item);
           optional_string(w, "UpdateExpression", a.update);
           optional_string(w, "ConditionExpression", a.condition);
           expression_attributes(w, a.attributes);
           w.EndObject();
           w.EndObject();
         }
         w.EndArray();
         optional_string(w, "ClientRequestToken", client_request_token);
       }));
}

std::vector<std::optional<Item>> DynamoClient::transact_get_items(const std::vector<TransactGetAction>& actions) {
  auto doc = call(Api::DynamoDB, "TransactGetItems", body_of([&](JsonWriter& w) {
                    w.Key("TransactItems");
                    w.StartArray();
                    for (const auto& a : actions) {
                      w.StartObject();
                      w.Key("Get");
                      w.StartObject();
                      key_value(w, "TableName", a.table);
                      w.Key("Key");
                      write_wire_item(w, a.key);
                      optional_string(w, "ProjectionExpression", a.projection);
                      expression_attributes(w, a.attributes);
                      w.EndObject();
                      w.EndObject();
                    }
                    w.EndArray();
                  }));
  std::vector<std::optional<Item>> out;
  auto responses = doc.FindMember("Responses");
  if (responses != doc.MemberEnd() && responses->value.IsArray())
    for (const auto& r : responses->value.GetArray()) {
      auto item = r.FindMember("Item");
      if (item != r.MemberEnd() && item->value.IsObject())
        out.emplace_back(item_from_wire(item->value));
      else
        out.emplace_back(std::nullopt);
    }
  return out;
}

}  // namespace dynamosql

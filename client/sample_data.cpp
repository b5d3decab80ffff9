// Deterministic sample data: 20 customers, 200 orders, 12 products.
#include "sample_data.h"

#include <string>

#include "common/error.h"

namespace dynamosql {
namespace {

void create_if_missing(DynamoClient& client, const CreateTableRequest& request) {
  try {
    client.create_table(request);
  } catch (const Error& e) {
    if (e.aws_type() != "ResourceInUseException") throw;
  }
  client.wait_until_active(request.name, std::chrono::seconds(60));
}

void write_all(DynamoClient& client, const std::string& table, const std::vector<Item>& items) {
  for (size_t i = 0; i < items.size(); i += 25) {
    std::vector<WriteRequest> writes;
    for (size_t j = i; j < items.size() && j < i + 25; ++j) writes.push_back({true, items[j]});
    std::map<std::string, std::vector<WriteRequest>> request{{table, writes}};
    while (!request.empty()) request = client.batch_write_item(request).unprocessed;
  }
}

std::string pad(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
}

}  // namespace

int load_sample_data(DynamoClient& client) {
  static const char* kCities[] = {"Lisbon", "Oslo", "Kyoto", "Lima", "Austin"};
  static const char* kStatuses[] = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
  static const char* kNames[] = {"Ada", "Brian", "Chloé", "Dmitri", "Eun-ji", "Farah", "Gus", "Hiroshi", "Inès", "Jonas"};

  CreateTableRequest customers;
  customers.name = "customers";
  customers.keys = {"customer_id", ""};
  customers.attribute_definitions = {{"customer_id", "S"}};
  create_if_missing(client, customers);

  CreateTableRequest orders;
  orders.name = "orders";
  orders.keys = {"customer_id", "order_id"};
  orders.attribute_definitions = {{"customer_id", "S"}, {"order_id", "N"}, {"status", "S"}, {"order_date", "S"}, {"total", "N"}};
  IndexDescription by_status{"by_status", true, {"status", "order_date"}, {"ALL", {}}, "", std::nullopt};
  IndexDescription by_total{"by_total", false, {"customer_id", "total"}, {"KEYS_ONLY", {}}, "", std::nullopt};
  orders.indexes = {by_status, by_total};
  orders.stream = {true, "NEW_AND_OLD_IMAGES"};
  create_if_missing(client, orders);

  CreateTableRequest products;
  products.name = "products";
  products.keys = {"sku", ""};
  products.attribute_definitions = {{"sku", "S"}};
  create_if_missing(client, products);

  std::vector<Item> customer_items, order_items, product_items;
  for (int c = 1; c <= 20; ++c) {
    Item item{{"customer_id", Value::string("C" + pad(c, 3))},
              {"name", Value::string(std::string(kNames[c % 10]) + " " + std::to_string(c))},
              {"city", Value::string(kCities[c % 5])},
              {"since", Value::string("20" + pad(15 + c % 10, 2) + "-0" + std::to_string(1 + c % 9) + "-15")},
              {"vip", Value::boolean(c % 4 == 0)}};
    if (c % 3 == 0) item.emplace_back("email", Value::string("customer" + std::to_string(c) + "@example.com"));
    if (c % 7 == 0) item.emplace_back("phone", Value::null());  // stored NULL (others: missing)
    normalise_item(item);
    customer_items.push_back(std::move(item));
  }
  for (int o = 1; o <= 200; ++o) {
    int c = 1 + o % 20;
    // Totals with exact cents, some beyond double's precision.
    std::string total = std::to_string(10 + (o * 37) % 990) + "." + pad((o * 13) % 100, 2);
    if (o % 50 == 0) total = "12345678901234567890.12";
    Item item{{"customer_id", Value::string("C" + pad(c, 3))},
              {"order_id", Value::number(Number(o))},
              {"status", Value::string(kStatuses[o % 5])},
              {"order_date", Value::string("2026-" + pad(1 + o % 12, 2) + "-" + pad(1 + o % 28, 2))},
              {"total", Value::number_text(total)},
              {"items", Value::list({Value::map({{"sku", Value::string("P" + pad(1 + o % 12, 2))},
                                                  {"qty", Value::number(Number(1 + o % 3))}})})},
              {"shipping", Value::map({{"city", Value::string(kCities[o % 5])},
                                       {"express", Value::boolean(o % 6 == 0)}})}};
    if (o % 4 == 0) item.emplace_back("coupon", Value::string("SAVE" + std::to_string(o % 30)));
    if (o % 9 == 0) item.emplace_back("tags", Value::string_set({"gift", o % 2 ? "fragile" : "bulk"}));
    normalise_item(item);
    order_items.push_back(std::move(item));
  }
  static const char* kProducts[] = {"Kettle", "Teapot", "Mug", "Grinder", "Scale", "Filter",
                                    "Beans 1kg", "Tin", "Spoon", "Tray", "Cosy", "Strainer"};
  for (int p = 1; p <= 12; ++p) {
    Item item{{"sku", Value::string("P" + pad(p, 2))},
              {"name", Value::string(kProducts[p - 1])},
              {"price", Value::number_text(std::to_string(3 + p * 4) + ".99")},
              {"stock", Value::number(Number(p * 17 % 50))},
              {"colors", Value::string_set({"black", p % 2 ? "white" : "red"})}};
    if (p % 5 == 0) item.emplace_back("discontinued", Value::boolean(true));
    normalise_item(item);
    product_items.push_back(std::move(item));
  }
  write_all(client, "customers", customer_items);
  write_all(client, "orders", order_items);
  write_all(client, "products", product_items);
  return static_cast<int>(customer_items.size() + order_items.size() + product_items.size());
}

}  // namespace dynamosql

// Deterministic sample data: 20 customers, 200 orders, 12 products, loaded through SQL (CREATE TABLE
// IF NOT EXISTS with the indexes and the stream, then one UPSERT of PartiQL documents per table).
#include "sample_data.h"

#include <string>
#include <utility>
#include <vector>

namespace dynamosql {
namespace {

// SQL literals.
std::string text(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}
std::string boolean(bool b) { return b ? "TRUE" : "FALSE"; }

using Entries = std::vector<std::pair<std::string, std::string>>;  // attribute -> SQL literal

std::string document(const Entries& entries) {
  std::string out = "{";
  for (const auto& [name, literal] : entries) out += (out.size() > 1 ? ", " : "") + text(name) + ": " + literal;
  return out + "}";
}

std::string pad(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
}

// Writes the documents with one UPSERT; returns the items written.
int64_t upsert_all(Session& session, const std::string& table, const std::vector<std::string>& documents) {
  std::string sql = "UPSERT INTO " + table + " VALUE ";
  for (size_t i = 0; i < documents.size(); ++i) sql += (i ? ",\n  " : "") + documents[i];
  return session.execute(sql)->rows_affected();
}

std::vector<std::string> customers() {
  static const char* kCities[] = {"Lisbon", "Oslo", "Kyoto", "Lima", "Austin"};
  static const char* kNames[] = {"Ada", "Brian", "Chloé", "Dmitri", "Eun-ji", "Farah", "Gus", "Hiroshi", "Inès", "Jonas"};
  std::vector<std::string> out;
  for (int c = 1; c <= 20; ++c) {
    Entries item{{"customer_id", text("C" + pad(c, 3))},
                 {"name", text(std::string(kNames[c % 10]) + " " + std::to_string(c))},
                 {"city", text(kCities[c % 5])},
                 {"since", text("20" + pad(15 + c % 10, 2) + "-0" + std::to_string(1 + c % 9) + "-15")},
                 {"vip", boolean(c % 4 == 0)}};
    if (c % 3 == 0) item.emplace_back("email", text("customer" + std::to_string(c) + "@example.com"));
    if (c % 7 == 0) item.emplace_back("phone", "NULL");  // stored NULL (others: missing)
    out.push_back(document(item));
  }
  return out;
}

std::vector<std::string> orders() {
  static const char* kCities[] = {"Lisbon", "Oslo", "Kyoto", "Lima", "Austin"};
  static const char* kStatuses[] = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
  std::vector<std::string> out;
  for (int o = 1; o <= 200; ++o) {
    int c = 1 + o % 20;
    // Totals with exact cents, some beyond double's precision.
    std::string total = std::to_string(10 + (o * 37) % 990) + "." + pad((o * 13) % 100, 2);
    if (o % 50 == 0) total = "12345678901234567890.12";
    std::string line = document({{"sku", text("P" + pad(1 + o % 12, 2))}, {"qty", std::to_string(1 + o % 3)}});
    Entries item{{"customer_id", text("C" + pad(c, 3))},
                 {"order_id", std::to_string(o)},
                 {"status", text(kStatuses[o % 5])},
                 {"order_date", text("2026-" + pad(1 + o % 12, 2) + "-" + pad(1 + o % 28, 2))},
                 {"total", total},
                 {"items", "[" + line + "]"},
                 {"shipping", document({{"city", text(kCities[o % 5])}, {"express", boolean(o % 6 == 0)}})}};
    if (o % 4 == 0) item.emplace_back("coupon", text("SAVE" + std::to_string(o % 30)));
    if (o % 9 == 0) item.emplace_back("tags", "<<'gift', " + text(o % 2 ? "fragile" : "bulk") + ">>");
    out.push_back(document(item));
  }
  return out;
}

std::vector<std::string> products() {
  static const char* kProducts[] = {"Kettle", "Teapot", "Mug", "Grinder", "Scale", "Filter",
                                    "Beans 1kg", "Tin", "Spoon", "Tray", "Cosy", "Strainer"};
  std::vector<std::string> out;
  for (int p = 1; p <= 12; ++p) {
    Entries item{{"sku", text("P" + pad(p, 2))},
                 {"name", text(kProducts[p - 1])},
                 {"price", std::to_string(3 + p * 4) + ".99"},
                 {"stock", std::to_string(p * 17 % 50)},
                 {"colors", "<<'black', " + text(p % 2 ? "white" : "red") + ">>"}};
    if (p % 5 == 0) item.emplace_back("discontinued", boolean(true));
    out.push_back(document(item));
  }
  return out;
}

}  // namespace

int64_t load_sample_data(Session& session) {
  session.execute("CREATE TABLE IF NOT EXISTS customers (customer_id VARCHAR, PRIMARY KEY (customer_id))");
  session.execute(
      "CREATE TABLE IF NOT EXISTS orders (customer_id VARCHAR, order_id NUMBER, status VARCHAR, order_date VARCHAR,"
      " total NUMBER, PRIMARY KEY (customer_id, order_id),"
      " GLOBAL INDEX by_status (status, order_date),"
      " LOCAL INDEX by_total (total) WITH (projection = 'KEYS_ONLY'))"
      " WITH (stream = 'NEW_AND_OLD_IMAGES')");
  session.execute("CREATE TABLE IF NOT EXISTS products (sku VARCHAR, PRIMARY KEY (sku))");
  return upsert_all(session, "customers", customers()) + upsert_all(session, "orders", orders()) +
         upsert_all(session, "products", products());
}

}  // namespace dynamosql

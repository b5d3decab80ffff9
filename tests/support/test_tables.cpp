// Test tables; see test_tables.h.
#include "support/test_tables.h"

#include <catch2/catch.hpp>

#include "support/test_env.h"
#include "value/json.h"

namespace dynamosql::testing {

DropAtEnd::~DropAtEnd() {
  for (const auto& table : tables_) {
    try {
      session_.execute("DROP TABLE IF EXISTS " + table)->fetch_all();
    } catch (const Error&) {  // a test that failed may leave the server unreachable; nothing to add
    }
  }
}

void create_table(Session& s, const std::string& name) {
  s.execute("CREATE TABLE " + name + " (pk VARCHAR PRIMARY KEY)")->fetch_all();
}

std::string make_varied_table(Session& s, const std::string& prefix, int items) {
  std::string table = unique_name(prefix);
  create_table(s, table);
  std::string values;
  for (int i = 0; i < items; ++i) {
    if (!values.empty()) values += ", ";
    std::string n = std::to_string(i);
    values += "{'pk': 'k" + n + "', 'n': " + n + "1234567890123456789012345." + n + ", 'doc': {'i': " + n +
              ", 'l': ['x', " + n + ", NULL]}, 'tags': <<'a" + n + "', 'b'>>, 'note': '" + (i % 7 == 0 ? "" : "note " + n) +
              "', 'gone': NULL, 'flag': " + (i % 2 ? "true" : "false") + "}";
    if ((i + 1) % 500 == 0 || i + 1 == items) {
      s.execute("UPSERT INTO " + table + " VALUE " + values)->fetch_all();
      values.clear();
    }
  }
  return table;
}

std::map<std::string, std::string> snapshot(DynamoClient& client, const std::string& table, const std::string& key) {
  std::map<std::string, std::string> out;
  ScanRequest scan;
  scan.table = table;
  scan.consistent_read = true;
  for (;;) {
    Page page = client.scan(scan);
    for (const auto& item : page.items) {
      const Value* k = find_attribute(item, key);
      REQUIRE(k);
      bool fresh = out.emplace(k->text(), wire_json(Value::map(item))).second;
      REQUIRE(fresh);  // a key seen twice would be a duplicate
    }
    if (!page.last_evaluated_key) break;
    scan.exclusive_start_key = page.last_evaluated_key;
  }
  return out;
}

std::string differences(const std::map<std::string, std::string>& actual, const std::map<std::string, std::string>& expected) {
  int missing = 0, extra = 0, altered = 0;
  std::string examples;
  auto example = [&](const std::string& what, const std::string& key) {
    if (examples.size() < 600) examples += " " + what + ":" + key;
  };
  for (const auto& [k, v] : expected) {
    auto it = actual.find(k);
    if (it == actual.end()) ++missing, example("missing", k);
    else if (it->second != v) ++altered, example("altered", k + " " + it->second + " vs " + v);
  }
  for (const auto& [k, v] : actual)
    if (!expected.count(k)) ++extra, example("extra", k);
  if (!missing && !extra && !altered) return {};
  return std::to_string(missing) + " missing, " + std::to_string(extra) + " extra, " + std::to_string(altered) + " altered;" + examples;
}

}  // namespace dynamosql::testing

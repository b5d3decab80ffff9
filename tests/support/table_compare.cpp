// Table snapshots for tests; see table_compare.h.
#include "support/table_compare.h"

#include <catch2/catch.hpp>

#include "value/json.h"

namespace dynamosql::testing {

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

// Benchmark helper:
//   bench_tool load ENDPOINT TABLE N      creates TABLE (pk S) and writes N items with 8 threads
//   bench_tool plan ENDPOINT TABLE        parse+plan time per statement, in microseconds
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "api/session.h"
#include "dynamosql/error.h"
#include "plan/planner.h"
#include "sql/parser.h"

using namespace dynamosql;

static SessionSettings settings_for(const char* endpoint) {
  SessionSettings s;
  s.aws.endpoint = endpoint;
  s.aws.region = "us-east-1";
  s.aws.access_key_id = "bench";
  s.aws.secret_access_key = "bench";
  return s;
}

static int load(const char* endpoint, const std::string& table, int n) {
  Session session(settings_for(endpoint));
  DynamoClient& client = SessionInternals(session).client();
  CreateTableRequest create;
  create.name = table;
  create.keys = {"pk", ""};
  create.attribute_definitions = {{"pk", "S"}};
  client.create_table(create);
  client.wait_until_active(table, std::chrono::seconds(60));
  const int threads = 8;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int start = t * 25; start < n; start += threads * 25) {
        std::vector<WriteRequest> writes;
        for (int i = start; i < start + 25 && i < n; ++i) {
          char pk[32];
          snprintf(pk, sizeof pk, "item-%07d", i);
          writes.push_back({true,
                            {{"pk", Value::string(pk)},
                             {"n", Value::number(Number(i))},
                             {"price", Value::number_text(std::to_string(i % 1000) + "." + std::to_string(10 + i % 90))},
                             {"name", Value::string("product name number " + std::to_string(i) + " with some text")},
                             {"active", Value::boolean(i % 3 == 0)}}});
        }
        std::map<std::string, std::vector<WriteRequest>> request{{table, writes}};
        while (!request.empty()) request = client.batch_write_item(request).unprocessed;
      }
    });
  }
  for (auto& w : workers) w.join();
  return 0;
}

static int plan(const char* endpoint, const std::string& table) {
  Session session(settings_for(endpoint));
  std::vector<std::string> statements = {
      "SELECT * FROM " + table + " WHERE pk = 'item-0000001'",
      "SELECT pk, n, price FROM " + table + " WHERE n > 10 AND price < 100 ORDER BY n DESC LIMIT 10",
      "SELECT active, COUNT(*), SUM(price) FROM " + table + " GROUP BY active HAVING COUNT(*) > 1",
      "SELECT COUNT(*) FROM (SELECT pk FROM " + table + " WHERE name LIKE 'product%') AS t",
  };
  SessionInternals(session).catalog().table(table);  // warm the schema cache: we time parsing and planning, not DescribeTable
  for (const auto& sql : statements) {
    const int rounds = 2000;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) {
      auto ast = parse_statement(sql);
      auto ctx = SessionInternals(session).new_context();
      SessionInternals(session).plan_query(*ast->query, {}, *ctx);
    }
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / rounds;
    printf("%8.1f us  %s\n", us, sql.c_str());
  }
  return 0;
}

int main(int argc, char** argv) {
  try {
    if (argc == 5 && std::string(argv[1]) == "load") return load(argv[2], argv[3], atoi(argv[4]));
    if (argc == 4 && std::string(argv[1]) == "plan") return plan(argv[2], argv[3]);
  } catch (const Error& e) {
    fprintf(stderr, "%s\n", e.describe().c_str());
    return 1;
  }
  fprintf(stderr, "usage: bench_tool load ENDPOINT TABLE N | plan ENDPOINT TABLE\n");
  return 2;
}

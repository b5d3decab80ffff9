// Benchmark helper:
//   bench_tool load ENDPOINT TABLE N              creates TABLE (pk S) and writes N items with 8 threads
//   bench_tool plan ENDPOINT TABLE                parse+plan CPU time per statement, in microseconds
//   bench_tool raw-scan ENDPOINT TABLE SEGMENTS   the server's own scan speed: parallel Scan requests
//                                                 whose items are skipped unread; prints items, requests,
//                                                 seconds, and the mean request time of the first and
//                                                 last tenth of each segment's pages
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
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

// Parse and plan each statement `rounds` times; `only` >= 0 runs just that statement (for a profiler).
static int plan(const char* endpoint, const std::string& table, int only, int rounds) {
  Session session(settings_for(endpoint));
  std::vector<std::string> statements = {
      "SELECT * FROM " + table + " WHERE pk = 'item-0000001'",
      "SELECT pk, n, price FROM " + table + " WHERE n > 10 AND price < 100 ORDER BY n DESC LIMIT 10",
      "SELECT active, COUNT(*), SUM(price) FROM " + table + " GROUP BY active HAVING COUNT(*) > 1",
      "SELECT COUNT(*) FROM (SELECT pk FROM " + table + " WHERE name LIKE 'product%') AS t",
  };
  SessionInternals(session).catalog().table(table);  // warm the schema cache: we time parsing and planning, not DescribeTable
  // CPU time of this thread, not wall time: on a shared machine it is what the statement costs.
  auto cpu_us = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
  };
  printf("%8s %8s %8s  %s\n", "total", "parse", "plan", "statement (CPU us per statement)");
  for (size_t n = 0; n < statements.size(); ++n) {
    if (only >= 0 && static_cast<size_t>(only) != n) continue;
    const std::string& sql = statements[n];
    double parse_us = 0, plan_us = 0;
    for (int i = 0; i < rounds; ++i) {
      double start = cpu_us();
      auto ast = parse_statement(sql);
      double parsed = cpu_us();
      auto ctx = SessionInternals(session).new_context();
      SessionInternals(session).plan_query(*ast->query, {}, *ctx);
      plan_us += cpu_us() - parsed;
      parse_us += parsed - start;
    }
    printf("%8.1f %8.1f %8.1f  %s\n", (parse_us + plan_us) / rounds, parse_us / rounds, plan_us / rounds, sql.c_str());
  }
  return 0;
}

static int raw_scan(const char* endpoint, const std::string& table, int segments) {
  Session session(settings_for(endpoint));
  DynamoClient& client = SessionInternals(session).client();
  ItemLayout nothing({}, false, {});  // keeps no attribute: items are parsed past, never built
  std::vector<std::vector<double>> page_ms(static_cast<size_t>(segments));
  std::vector<int64_t> items(static_cast<size_t>(segments));
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int s = 0; s < segments; ++s) {
    workers.emplace_back([&, s] {
      ScanRequest r;
      r.table = table;
      r.segment = s;
      r.total_segments = segments > 1 ? segments : 0;
      r.layout = &nothing;
      do {
        auto t0 = std::chrono::steady_clock::now();
        Page page = client.scan(r);
        page_ms[static_cast<size_t>(s)].push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        items[static_cast<size_t>(s)] += page.count;
        r.exclusive_start_key = std::move(page.last_evaluated_key);
      } while (r.exclusive_start_key);
    });
  }
  for (auto& w : workers) w.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int64_t total = 0, requests = 0;
  double first = 0, last = 0;
  int first_n = 0, last_n = 0;
  for (size_t s = 0; s < page_ms.size(); ++s) {
    total += items[s];
    const auto& ms = page_ms[s];
    requests += static_cast<int64_t>(ms.size());
    size_t tenth = std::max<size_t>(1, ms.size() / 10);
    for (size_t i = 0; i < tenth && i < ms.size(); ++i) first += ms[i], ++first_n;
    for (size_t i = ms.size() - std::min(tenth, ms.size()); i < ms.size(); ++i) last += ms[i], ++last_n;
  }
  printf("%lld %lld %.3f %.1f %.1f\n", static_cast<long long>(total), static_cast<long long>(requests), seconds,
         first / std::max(first_n, 1), last / std::max(last_n, 1));
  return 0;
}

int main(int argc, char** argv) {
  try {
    if (argc == 5 && std::string(argv[1]) == "load") return load(argv[2], argv[3], atoi(argv[4]));
    if (argc == 4 && std::string(argv[1]) == "plan") return plan(argv[2], argv[3], -1, 2000);
    if (argc == 6 && std::string(argv[1]) == "plan") return plan(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]));
    if (argc == 5 && std::string(argv[1]) == "raw-scan") return raw_scan(argv[2], argv[3], atoi(argv[4]));
  } catch (const Error& e) {
    fprintf(stderr, "%s\n", e.describe().c_str());
    return 1;
  }
  fprintf(stderr, "usage: bench_tool load ENDPOINT TABLE N | plan ENDPOINT TABLE [STATEMENT ROUNDS] | raw-scan ENDPOINT TABLE SEGMENTS\n");
  return 2;
}

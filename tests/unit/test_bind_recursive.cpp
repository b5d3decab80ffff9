// The bound tree of WITH RECURSIVE without a server: the recursive term's reference to its own query
// does not own it, so the whole tree is freed with the statement (a shared_ptr cycle would leak every
// statement's tree).
#include <catch2/catch.hpp>

#include "bind/binder.h"
#include "dynamo/dynamo_client.h"
#include "sql/parser.h"

using namespace dynamosql;

TEST_CASE("bind recursive: the working-table reference does not keep its query alive", "[bind]") {
  DynamoClient client(ResolvedAws{"us-east-1", "http://127.0.0.1:1", "http://127.0.0.1:1", nullptr});
  Catalog catalog(client, 0, false);  // the statement reads no table: nothing is asked of the client
  auto statement = parse_statement("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT n FROM t");
  std::weak_ptr<BoundCte> cte;
  {
    Binder binder(catalog, 0);
    BoundStatement bound = binder.bind_statement(*statement);
    cte = bound.query->terms.at(0).select->relations.at(0).cte;
    auto held = cte.lock();
    REQUIRE(held);
    CHECK(held->recursive);
    const BoundRelation& working = held->query->terms.back().select->relations.at(0);
    CHECK(working.working_table == held.get());
    CHECK(working.cte == nullptr);
  }
  CHECK(cte.expired());
}

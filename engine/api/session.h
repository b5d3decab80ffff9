// The engine's side of a Session (the public one is dynamosql/session.h): the internal types its
// members use, the pending transaction, and SessionInternals, through which the engine's own code,
// the tests and the benchmarks reach a session's client, catalog, planner and transaction. Clients
// cannot include this: they see only engine/include.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "dynamo/dynamo_client.h"
#include "dynamosql/session.h"
#include "exec/operator.h"
#include "exec/rate_limiter.h"
#include "exec/sources.h"
#include "sql/ast.h"

namespace dynamosql {

// The writes collected between BEGIN and COMMIT (transaction.cpp).
struct PendingTransaction {
  std::vector<TransactWriteAction> actions;
  std::vector<std::string> origins;
  std::vector<std::string> item_ids;  // table + key, to refuse two actions on one item
  std::string token;                  // ClientRequestToken: a retried commit is applied once
  int statements = 0;
  std::vector<std::function<void()>> on_commit;  // stream checkpoints of INSERT ... SELECT
};

// A session's internals, by the names Session gives them (see dynamosql/session.h for each).
class SessionInternals {
 public:
  SessionInternals(Session& session) : session_(session) {}  // implicit: helpers taking it are called with *this
  DynamoClient& client() { return *session_.client_; }
  Catalog& catalog() { return *session_.catalog_; }
  OperatorPtr plan_query(const Query& query, const std::vector<std::optional<Value>>& parameters, ExecContext& ctx,
                         bool run_subqueries = true) {
    return session_.plan_query(query, parameters, ctx, run_subqueries);
  }
  std::unique_ptr<ExecContext> new_context() { return session_.new_context(); }
  SegmentRestriction segment_restriction() const { return session_.segment_restriction(); }
  bool in_transaction() const { return session_.in_transaction(); }
  void add_transaction_actions(std::vector<TransactWriteAction> actions, std::vector<std::string> origins,
                               const KeySchema& keys) {
    session_.add_transaction_actions(std::move(actions), std::move(origins), keys);
  }
  WriteThrottle write_throttle() { return session_.write_throttle(); }
  const std::atomic<bool>* cancelled_flag() const { return session_.cancelled_flag(); }

 private:
  Session& session_;
};

}  // namespace dynamosql

// UPDATE and DELETE: bound (bind/bind_write.cpp), planned (plan/plan_write.h: which items, how each is
// written) and run by their sink (exec/modify_sink.h); here they are dispatched and their result told.
#include "api/session.h"
#include "bind/binder.h"
#include "exec/modify_sink.h"
#include "plan/plan_write.h"

namespace dynamosql {

std::unique_ptr<Cursor> Session::run_update(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  int64_t n = run_modification(s, parameters, true);
  return outcome(n, std::to_string(n) + (n == 1 ? " row updated" : " rows updated") + (in_transaction() ? " (pending COMMIT)" : ""));
}

std::unique_ptr<Cursor> Session::run_delete(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  int64_t n = run_modification(s, parameters, false);
  return outcome(n, std::to_string(n) + (n == 1 ? " row deleted" : " rows deleted") + (in_transaction() ? " (pending COMMIT)" : ""));
}

// Returns the rows changed (inside a transaction: the items found now, written at COMMIT).
int64_t Session::run_modification(const Statement& s, const std::vector<std::optional<Value>>& parameters, bool is_update) {
  Binder binder(*catalog_, s.parameter_count);
  BoundStatement bound = binder.bind_statement(s);
  auto ctx = new_context();
  Planner planner(planner_settings(), *ctx, bound.parameters, parameters);
  ModificationPlan plan(std::move(bound.modification), is_update, in_transaction(), planner, [this] { return new_context(); });
  if (plan.outside_segment()) return 0;
  ModifySinkOptions options;
  options.throttle = in_transaction() ? WriteThrottle{} : write_throttle();  // COMMIT waits instead
  options.cancelled = cancelled_flag();
  options.in_transaction = in_transaction();
  ModifySink sink(*client_, plan.table(), plan, options);
  int64_t n = sink.run();
  if (in_transaction()) add_transaction_actions(sink.take_transaction_actions(), sink.take_transaction_origins(), plan.table().keys);
  // An attribute this UPDATE creates is a column the cached schema does not know yet.
  for (const auto& t : plan.bound().targets)
    if (n > 0 && !catalog_->knows_column(plan.table().name, t->attribute)) catalog_->invalidate(plan.table().name);
  return n;
}

}  // namespace dynamosql

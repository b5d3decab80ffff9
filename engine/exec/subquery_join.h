// The join that answers a correlated subquery for every row of its SELECT, after the planner has
// decorrelated it (plan/decorrelate.h): the subquery was run once for all outer rows, grouped by its
// correlation keys, and its rows are held in a hash table by those keys. Each outer row looks its keys
// up and gets one more column: the subquery's value for that row.
//
//   Scalar:  the one value of the rows found; NULL when none; more than one is 21000.
//   Exists:  whether any row was found (NOT EXISTS: whether none was).
//   In:      probe IN (the values found), or probe op ANY / ALL (...), with SQL's NULL rules
//            (compare_quantified, function/operators.h): over no values ANY is false and ALL true; NOT
//            IN is the negation, NULL staying NULL.
//
// An outer row with a NULL key finds nothing (a NULL never equals anything). A subquery that aggregates
// without GROUP BY yields one row even where nothing matched (COUNT(*) is 0 there): `no_match` is that
// row's value, computed by the planner, used for every key the table lacks.
#pragma once

#include <optional>
#include <unordered_map>

#include "bind/bound_expr.h"
#include "exec/operators.h"

namespace dynamosql {

enum class SubqueryJoinKind : uint8_t { Scalar, Exists, In };

struct SubqueryJoinSpec {
  SubqueryJoinKind kind = SubqueryJoinKind::Scalar;
  bool negated = false;                   // NOT EXISTS, NOT IN
  CompareOp compare = CompareOp::Equal;   // In: probe compare ANY (IN) or ALL (`all`) the values found
  bool all = false;
  std::vector<BoundExprPtr> outer_keys;   // over the outer row, equal in number to the inner keys
  std::vector<std::string> inner_keys;    // as written, for EXPLAIN
  size_t keys_at = 0;                     // where the keys start in an inner row (the value is at 0)
  BoundExprPtr probe;                     // In: the left side, over the outer row
  std::optional<Value> no_match;          // the value of the row yielded where nothing matched
  Position position;                      // of the subquery, for 21000
  std::string text;                       // of the subquery expression
};

class SubqueryJoinOperator : public Operator {
 public:
  SubqueryJoinOperator(OperatorPtr outer, OperatorPtr inner, SubqueryJoinSpec spec);
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  void close() override { outer_->close(); }
  std::string describe(bool) const override;
  std::vector<const Operator*> children() const override { return {outer_.get(), inner_.get()}; }
  const Operator* streamed_child() const override { return outer_.get(); }

 private:
  void read_inner(ExecContext& ctx);
  Value answer(const Row& outer) const;

  OperatorPtr outer_, inner_;
  SubqueryJoinSpec spec_;
  std::unordered_map<Row, std::vector<Value>, RowHash, RowEq> found_;  // keys -> the values of their rows
  bool read_ = false;  // found_ holds the subquery's rows
};

}  // namespace dynamosql

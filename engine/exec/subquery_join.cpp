// The hash join of a decorrelated subquery; see subquery_join.h.
#include "exec/subquery_join.h"

#include "dynamosql/error.h"
#include "exec/evaluator.h"
#include "function/operators.h"

namespace dynamosql {
namespace {

std::string kind_name(const SubqueryJoinSpec& spec) {
  switch (spec.kind) {
    case SubqueryJoinKind::Scalar: return "ScalarSubqueryJoin";
    case SubqueryJoinKind::Exists: return spec.negated ? "AntiJoin (NOT EXISTS)" : "SemiJoin (EXISTS)";
    case SubqueryJoinKind::In:
      if (spec.compare == CompareOp::Equal && !spec.all) return spec.negated ? "AntiJoin (NOT IN)" : "SemiJoin (IN)";
      return std::string(spec.negated ? "QuantifiedJoin (NOT " : "QuantifiedJoin (") + compare_op_text(spec.compare) +
             (spec.all ? " ALL)" : " ANY)");
  }
  return "";
}

Value negated_if(Value v, bool negated) { return negated && v.type() == ValueType::Bool ? Value::boolean(!v.as_bool()) : v; }

}  // namespace

SubqueryJoinOperator::SubqueryJoinOperator(OperatorPtr outer, OperatorPtr inner, SubqueryJoinSpec spec)
    : outer_(std::move(outer)), inner_(std::move(inner)), spec_(std::move(spec)) {
  columns = outer_->columns;
  SqlType type = spec_.kind == SubqueryJoinKind::Scalar ? inner_->columns[0].type : SqlType::Boolean;
  columns.push_back({spec_.text, "", type, false});
}

// Reads the subquery once, at the first opening: its rows by their keys (rows with a NULL key can match
// nothing), each held against work_memory_mb. It does not depend on the outer rows (they are joined by
// the keys), so a WITH RECURSIVE's recursive term, opened again for each iteration, reuses it.
void SubqueryJoinOperator::open(ExecContext& ctx) {
  if (!read_) read_inner(ctx);
  outer_->open(ctx);
}

void SubqueryJoinOperator::read_inner(ExecContext& ctx) {
  inner_->open(ctx);
  RowBatch in;
  while (inner_->next(in)) {
    for (auto& row : in) {
      ctx.hold(row);
      Row keys(std::make_move_iterator(row.begin() + static_cast<long>(spec_.keys_at)), std::make_move_iterator(row.end()));
      bool null_key = false;
      for (const auto& k : keys) null_key |= k.is_null_or_missing();
      if (null_key) continue;
      auto& values = found_[std::move(keys)];
      if (spec_.kind != SubqueryJoinKind::Exists) values.push_back(row[0].is_missing() ? Value::null() : std::move(row[0]));
    }
    in.clear();
  }
  inner_->close();
  read_ = true;
}

Value SubqueryJoinOperator::answer(const Row& outer) const {
  static const std::vector<Value> kNone;
  Row keys;
  keys.reserve(spec_.outer_keys.size());
  bool null_key = false;
  for (const auto& k : spec_.outer_keys) {
    keys.push_back(evaluate(*k, outer));
    null_key |= keys.back().is_null_or_missing();
  }
  auto it = null_key ? found_.end() : found_.find(keys);
  bool found = it != found_.end();
  std::vector<Value> no_match;
  if (!found && spec_.no_match) no_match.push_back(*spec_.no_match);
  const std::vector<Value>& values = found ? it->second : spec_.no_match ? no_match : kNone;
  switch (spec_.kind) {
    case SubqueryJoinKind::Exists: return Value::boolean((found || spec_.no_match) != spec_.negated);
    case SubqueryJoinKind::In:
      return negated_if(compare_quantified(spec_.compare, spec_.all, evaluate(*spec_.probe, outer), values), spec_.negated);
    case SubqueryJoinKind::Scalar:
      if (values.size() > 1)
        throw Error("21000", "more than one row returned by a subquery used as an expression: " + spec_.text)
            .at(spec_.position.line, spec_.position.column);
      return values.empty() ? Value::null() : values[0];
  }
  return Value::null();
}

bool SubqueryJoinOperator::next(RowBatch& batch) {
  size_t before = batch.size();
  if (!outer_->next(batch)) return false;
  for (size_t i = before; i < batch.size(); ++i) {
    Value v = answer(batch[i]);
    batch[i].push_back(std::move(v));
  }
  rows_out += batch.size() - before;
  return true;
}

std::string SubqueryJoinOperator::describe(bool) const {
  std::string s = kind_name(spec_) + " hash [";
  for (size_t i = 0; i < spec_.outer_keys.size(); ++i) s += (i ? ", " : "") + spec_.outer_keys[i]->text + " = " + spec_.inner_keys[i];
  s += "]";
  if (spec_.no_match) s += " no-match=" + (spec_.no_match->is_null_or_missing() ? std::string("NULL") : value_to_text(*spec_.no_match));
  return s;
}

}  // namespace dynamosql

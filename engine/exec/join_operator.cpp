// The hash join (INNER, LEFT, RIGHT, FULL, with a residual condition on matched pairs); see operators.h.
// NULL and MISSING keys match nothing, as SQL's NULL.
#include "exec/operators.h"

#include "exec/evaluator.h"

namespace dynamosql {

// ---- Join ---------------------------------------------------------------------------------------

JoinOperator::JoinOperator(OperatorPtr left, OperatorPtr right, bool left_outer, bool right_outer,
                           std::vector<BoundExprPtr> left_keys, std::vector<BoundExprPtr> right_keys, BoundExprPtr residual)
    : left_(std::move(left)), right_(std::move(right)), left_outer_(left_outer), right_outer_(right_outer),
      left_keys_(std::move(left_keys)), right_keys_(std::move(right_keys)), residual_(std::move(residual)) {
  columns = left_->columns;
  columns.insert(columns.end(), right_->columns.begin(), right_->columns.end());
  left_width_ = left_->columns.size();
  right_width_ = right_->columns.size();
}

namespace {

// The hash of a row's join keys; false when one of them is NULL or MISSING (it can match nothing).
bool hash_keys(const std::vector<BoundExprPtr>& keys, const Row& row, size_t& hash) {
  hash = 0;
  for (const auto& k : keys) {
    Value v = evaluate(*k, row);
    if (v.is_null_or_missing()) return false;
    hash = hash * 31 + v.hash();
  }
  return true;
}

}  // namespace

void JoinOperator::open(ExecContext& ctx) {
  if (!built_ || !right_->same_rows_on_every_open()) build_hash_table(ctx);
  right_matched_.assign(right_outer_ ? right_rows_.size() : 0, false);
  left_done_ = false;
  unmatched_position_ = 0;
  left_->open(ctx);
}

void JoinOperator::build_hash_table(ExecContext& ctx) {
  right_->open(ctx);
  right_rows_.clear();
  index_.clear();
  ctx.release(std::exchange(held_, 0));
  RowBatch in;
  while (right_->next(in)) {
    ctx.check_cancelled();
    for (auto& row : in) {
      size_t h = 0;
      bool keyed = !right_keys_.empty() && hash_keys(right_keys_, row, h);
      if (!right_keys_.empty() && !keyed && !right_outer_) continue;  // matches nothing and is not kept
      if (keyed) index_.emplace(h, right_rows_.size());
      held_ += ctx.hold(row);
      right_rows_.push_back(std::move(row));
    }
    in.clear();
  }
  right_->close();
  built_ = true;
}

void JoinOperator::find_candidates(const Row& l) {
  candidates_.clear();
  if (left_keys_.empty()) {
    for (size_t i = 0; i < right_rows_.size(); ++i) candidates_.push_back(i);
    return;
  }
  size_t h = 0;
  if (!hash_keys(left_keys_, l, h)) return;
  std::vector<Value> keys;
  for (const auto& k : left_keys_) keys.push_back(evaluate(*k, l));
  auto range = index_.equal_range(h);
  for (auto it = range.first; it != range.second; ++it) {
    const Row& r = right_rows_[it->second];
    bool equal = true;
    for (size_t i = 0; i < right_keys_.size() && equal; ++i) {
      Value rv = evaluate(*right_keys_[i], r);
      equal = rv.type() == keys[i].type() && rv.compare(keys[i]) == 0;
    }
    if (equal) candidates_.push_back(it->second);
  }
}

bool JoinOperator::next(RowBatch& batch) {
  RowBatch in;
  while (!left_done_ && left_->next(in)) {
    size_t before = batch.size();
    for (const auto& l : in) {
      bool matched = false;
      find_candidates(l);
      for (size_t i : candidates_) {
        const Row& r = right_rows_[i];
        Row joined = l;
        joined.insert(joined.end(), r.begin(), r.end());
        if (residual_ && !evaluate_predicate(*residual_, joined)) continue;
        matched = true;
        if (right_outer_) right_matched_[i] = true;
        batch.push_back(std::move(joined));
      }
      if (!matched && left_outer_) {
        Row joined = l;
        joined.resize(left_width_ + right_width_, Value::null());
        batch.push_back(std::move(joined));
      }
    }
    in.clear();
    if (batch.size() > before) {
      rows_out += batch.size() - before;
      return true;
    }
  }
  left_done_ = true;
  return emit_unmatched_right(batch);
}

// RIGHT and FULL, once the left side has ended: the right rows nothing matched, null-extended.
bool JoinOperator::emit_unmatched_right(RowBatch& batch) {
  size_t before = batch.size();
  for (; unmatched_position_ < right_matched_.size() && batch.size() - before < kBatchSize; ++unmatched_position_) {
    if (right_matched_[unmatched_position_]) continue;
    Row joined(left_width_, Value::null());
    const Row& r = right_rows_[unmatched_position_];
    joined.insert(joined.end(), r.begin(), r.end());
    batch.push_back(std::move(joined));
  }
  rows_out += batch.size() - before;
  return batch.size() > before;
}

void JoinOperator::close() {
  left_->close();
  right_->close();
}

std::string JoinOperator::describe(bool) const {
  const char* kind = left_outer_ ? (right_outer_ ? "FullJoin" : "LeftJoin") : right_outer_ ? "RightJoin" : "InnerJoin";
  std::string s = std::string(kind) + (left_keys_.empty() ? " nested-loop" : " hash");
  for (size_t i = 0; i < left_keys_.size(); ++i) s += (i ? ", " : " [") + left_keys_[i]->text + " = " + right_keys_[i]->text;
  if (!left_keys_.empty()) s += "]";
  if (residual_) s += " filter=[" + residual_->text + "]";
  return s;
}

}  // namespace dynamosql

// UNION, INTERSECT and EXCEPT over hashed rows (see set_operations.h), and UNION ALL (operators.h).
#include "exec/set_operations.h"

namespace dynamosql {
SetOperationOperator::SetOperationOperator(SetOperation op, std::vector<OperatorPtr> inputs)
    : op_(op), inputs_(std::move(inputs)) {
  columns = inputs_.front()->columns;
}

void SetOperationOperator::open(ExecContext& ctx) {
  ctx_ = &ctx;
  current_ = 0;
  counts_.clear();
  ctx.release(std::exchange(held_, 0));
  if (op_ == SetOperation::Union) union_rows_ = std::make_unique<DistinctRows>(ctx);
  else count_right_input();
  inputs_[0]->open(ctx);
}

// The right input of INTERSECT or EXCEPT, read whole: how many copies of each distinct row it has.
void SetOperationOperator::count_right_input() {
  Operator& right = *inputs_[1];
  right.open(*ctx_);
  RowBatch in;
  while (right.next(in)) {
    ctx_->check_cancelled();
    for (const auto& row : in) {
      auto [it, added] = counts_.emplace(as_sql_keys(row), 0);
      if (added) held_ += ctx_->hold(it->first);
      ++it->second;
    }
    in.clear();
  }
  right.close();
}

// INTERSECT and EXCEPT (UNION: union_rows_).
bool SetOperationOperator::keeps(const Row& row) {
  Row key = as_sql_keys(row);
  auto it = counts_.find(key);
  switch (op_) {
    case SetOperation::Except:  // a row of the right input, or one handed on already, is in counts_
      if (it != counts_.end()) return false;
      held_ += ctx_->hold(key);
      counts_.emplace(std::move(key), 0);
      return true;
    case SetOperation::Intersect:
    case SetOperation::IntersectAll:
      if (it == counts_.end() || it->second == 0) return false;
      it->second = op_ == SetOperation::Intersect ? 0 : it->second - 1;
      return true;
    case SetOperation::ExceptAll:
      if (it == counts_.end() || it->second == 0) return true;
      --it->second;
      return false;
    case SetOperation::Union:
    case SetOperation::UnionAll: break;
  }
  return true;
}

bool SetOperationOperator::next(RowBatch& batch) {
  size_t streamed = op_ == SetOperation::Union ? inputs_.size() : 1;
  RowBatch in;
  while (current_ < streamed) {
    if (!inputs_[current_]->next(in)) {
      inputs_[current_]->close();
      if (++current_ < streamed) inputs_[current_]->open(*ctx_);
      continue;
    }
    ctx_->check_cancelled();
    if (union_rows_ ? union_rows_->hand_on_new(in, batch, rows_out)
                    : hand_on_kept(in, batch, rows_out, [this](const Row& row) { return keeps(row); }))
      return true;
  }
  return union_rows_ && union_rows_->hand_on_spilled(batch, rows_out);
}

void SetOperationOperator::close() {
  for (auto& i : inputs_) i->close();
  counts_.clear();
  if (union_rows_) union_rows_->clear();
}

std::string SetOperationOperator::describe(bool analyze) const {
  switch (op_) {
    case SetOperation::Union: return "Union" + (analyze && union_rows_ ? union_rows_->explain() : std::string());
    case SetOperation::IntersectAll: return "IntersectAll";
    case SetOperation::Intersect: return "Intersect";
    case SetOperation::ExceptAll: return "ExceptAll";
    case SetOperation::Except: return "Except";
    case SetOperation::UnionAll: break;
  }
  return "UnionAll";
}

std::vector<const Operator*> SetOperationOperator::children() const {
  std::vector<const Operator*> out;
  for (const auto& i : inputs_) out.push_back(i.get());
  return out;
}

// ---- Union all ----------------------------------------------------------------------------------

UnionAllOperator::UnionAllOperator(std::vector<OperatorPtr> inputs) : inputs_(std::move(inputs)) {
  columns = inputs_.front()->columns;
}

void UnionAllOperator::open(ExecContext& ctx) {
  ctx_ = &ctx;
  current_ = 0;
  inputs_[0]->open(ctx);
}

bool UnionAllOperator::next(RowBatch& batch) {
  while (current_ < inputs_.size()) {
    if (inputs_[current_]->next(batch)) {
      rows_out += batch.size();
      return true;
    }
    inputs_[current_]->close();
    if (++current_ < inputs_.size()) inputs_[current_]->open(*ctx_);
  }
  return false;
}

void UnionAllOperator::close() {
  for (auto& i : inputs_) i->close();
}

std::vector<const Operator*> UnionAllOperator::children() const {
  std::vector<const Operator*> out;
  for (const auto& i : inputs_) out.push_back(i.get());
  return out;
}

}  // namespace dynamosql

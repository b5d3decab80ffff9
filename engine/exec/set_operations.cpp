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
  end_pass();
  if (op_ == SetOperation::Union) {
    union_rows_ = std::make_unique<DistinctRows>(ctx);
  } else {
    const bool intersect = op_ == SetOperation::Intersect || op_ == SetOperation::IntersectAll;
    spill_ = std::make_unique<GroupSpill>(ctx, intersect ? "INTERSECT" : "EXCEPT", GroupSpill::Headroom::Quarter, 2);
    count_right_input();
  }
  inputs_[0]->open(ctx);
}

// The right input of INTERSECT or EXCEPT, read whole: how many copies of each distinct row it has.
void SetOperationOperator::count_right_input() {
  Operator& right = *inputs_[1];
  right.open(*ctx_);
  RowBatch in;
  while (right.next(in)) {
    ctx_->check_cancelled();
    for (const auto& row : in) count_right(as_sql_keys(row), row);
    in.clear();
  }
  right.close();
}

// Counts a right row, or spills it (side 0) when its row is not counted and cannot be.
void SetOperationOperator::count_right(Row key, const Row& row) {
  auto it = spill_->group_of(counts_, held_, std::move(key), row, [] { return int64_t{0}; }).first;
  if (it != counts_.end()) ++it->second;
}

// INTERSECT and EXCEPT (UNION: union_rows_). A left row whose row is not counted once the pass spills
// goes to disk (side 1), beside the right rows of the same row.
bool SetOperationOperator::keeps(Row key, const Row& row) {
  auto it = counts_.find(key);
  if (it == counts_.end() && spill_->spilling()) {
    spill_->spill(key, row, 1);
    return false;
  }
  switch (op_) {
    case SetOperation::Except:  // a row of the right input, or one handed on already, is in counts_
      if (it != counts_.end()) return false;
      return spill_->group_of(counts_, held_, std::move(key), row, [] { return int64_t{0}; }, 1).second;
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
                    : hand_on_kept(in, batch, rows_out, [this](const Row& row) { return keeps(as_sql_keys(row), row); }))
      return true;
  }
  return union_rows_ ? union_rows_->hand_on_spilled(batch, rows_out) : hand_on_spilled(batch);
}

// Once the left input has ended (INTERSECT, EXCEPT): each partition's right rows counted, then its
// left rows streamed, a block at a time.
bool SetOperationOperator::hand_on_spilled(RowBatch& batch) {
  std::vector<SortEntry> entries;
  for (;;) {
    while (spill_->read(entries, 1)) {
      const size_t before = batch.size();
      for (auto& entry : entries)
        if (keeps(std::move(entry.key), entry.row)) batch.push_back(std::move(entry.row));
      rows_out += batch.size() - before;
      if (batch.size() > before) return true;
    }
    end_pass();
    if (!spill_->next_pass()) return false;
    while (spill_->read(entries, 0))
      for (auto& entry : entries) count_right(std::move(entry.key), entry.row);
  }
}

void SetOperationOperator::end_pass() {
  counts_.clear();
  if (ctx_) ctx_->release(std::exchange(held_, 0));
}

void SetOperationOperator::close() {
  for (auto& i : inputs_) i->close();
  end_pass();
  if (union_rows_) union_rows_->clear();
  if (spill_) spill_->clear();
}

std::string SetOperationOperator::describe(bool analyze) const {
  const std::string spilled = analyze && spill_ ? spill_->explain() : analyze && union_rows_ ? union_rows_->explain() : "";
  switch (op_) {
    case SetOperation::Union: return "Union" + spilled;
    case SetOperation::IntersectAll: return "IntersectAll" + spilled;
    case SetOperation::Intersect: return "Intersect" + spilled;
    case SetOperation::ExceptAll: return "ExceptAll" + spilled;
    case SetOperation::Except: return "Except" + spilled;
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

// Engine-side operators; see operators.h. MISSING and NULL are the same SQL NULL for grouping,
// DISTINCT, sorting and join keys.
#include "exec/operators.h"

#include <algorithm>

#include "dynamosql/error.h"
#include "exec/distinct_rows.h"
#include "exec/evaluator.h"

namespace dynamosql {

Value as_sql_key(Value v) { return v.is_missing() ? Value::null() : v; }

int compare_in_order(const Value& x, const Value& y, bool descending, bool nulls_first) {
  bool xn = x.is_null_or_missing(), yn = y.is_null_or_missing();
  if (xn || yn) {
    if (xn && yn) return 0;
    return xn == nulls_first ? -1 : 1;
  }
  int c = x.compare(y);
  return descending ? -c : c;
}

Row as_sql_keys(const Row& row) {
  Row key;
  key.reserve(row.size());
  for (const auto& v : row) key.push_back(as_sql_key(v));
  return key;
}

bool emit_held(std::vector<Row>& rows, size_t& position, RowBatch& batch, std::atomic<uint64_t>& rows_out) {
  if (position >= rows.size()) return false;
  size_t end = std::min(rows.size(), position + kBatchSize);
  rows_out += end - position;
  for (; position < end; ++position) batch.push_back(std::move(rows[position]));
  return true;
}

std::string exprs_text(const std::vector<BoundExprPtr>& exprs) {
  std::string s;
  for (const auto& e : exprs) {
    if (!s.empty()) s += ", ";
    s += e ? e->text : "*";
  }
  return s;
}

// ---- Filter -------------------------------------------------------------------------------------

FilterOperator::FilterOperator(OperatorPtr child, BoundExprPtr predicate, std::string label)
    : child_(std::move(child)), predicate_(std::move(predicate)), label_(std::move(label)) {
  columns = child_->columns;
}

bool FilterOperator::next(RowBatch& batch) {
  RowBatch in;
  while (child_->next(in)) {
    size_t before = batch.size();
    for (auto& row : in)
      if (evaluate_predicate(*predicate_, row)) batch.push_back(std::move(row));
    in.clear();
    if (batch.size() > before) {
      rows_out += batch.size() - before;
      return true;
    }
  }
  return false;
}

std::string FilterOperator::describe(bool) const { return label_ + " [" + predicate_->text + "]"; }

// ---- Project ------------------------------------------------------------------------------------

ProjectOperator::ProjectOperator(OperatorPtr child, std::vector<BoundExprPtr> exprs, std::vector<OutputColumn> cols)
    : child_(std::move(child)), exprs_(std::move(exprs)) {
  columns = std::move(cols);
  std::vector<int> reads;  // per input slot: how many times the outputs read it
  for (const auto& e : exprs_)
    visit_bound(*e, [&](const BoundExpr& x) {
      if (x.slot < 0) return;
      if (static_cast<size_t>(x.slot) >= reads.size()) reads.resize(static_cast<size_t>(x.slot) + 1);
      ++reads[static_cast<size_t>(x.slot)];
    });
  for (const auto& e : exprs_)
    moved_from_.push_back(reads_slot_as_is(*e) && e->slot >= 0 && reads[static_cast<size_t>(e->slot)] == 1 ? e->slot : -1);
  for (size_t i = 0; i < moved_from_.size(); ++i) keeps_leading_slots_ = keeps_leading_slots_ && moved_from_[i] == static_cast<int>(i);
}

bool ProjectOperator::next(RowBatch& batch) {
  RowBatch in;
  if (!child_->next(in)) return false;
  for (auto& row : in) {
    if (keeps_leading_slots_ && row.size() >= exprs_.size()) {  // the row itself, cut to the outputs: no copy
      row.resize(exprs_.size());
      batch.push_back(std::move(row));
      continue;
    }
    Row out;
    out.reserve(exprs_.size());
    for (size_t i = 0; i < exprs_.size(); ++i) {
      int from = moved_from_[i];
      if (from >= 0 && static_cast<size_t>(from) < row.size()) out.push_back(std::move(row[static_cast<size_t>(from)]));
      else out.push_back(evaluate(*exprs_[i], row));
    }
    batch.push_back(std::move(out));
  }
  rows_out += in.size();
  return true;
}

std::string ProjectOperator::describe(bool) const { return "Project [" + exprs_text(exprs_) + "]"; }

// ---- Sort ---------------------------------------------------------------------------------------

SortOperator::SortOperator(OperatorPtr child, std::vector<SortKey> keys, std::optional<uint64_t> keep)
    : child_(std::move(child)), keys_(std::move(keys)), keep_(keep) {
  columns = child_->columns;
}

SortOperator::~SortOperator() = default;

void SortOperator::open(ExecContext& ctx) {
  ctx_ = &ctx;
  ctx.release(std::exchange(held_, 0));
  child_->open(ctx);
  rows_.clear();
  runs_.reset();
  cutoff_.reset();
  position_ = 0;
  sorted_ = false;
}

void SortOperator::close() {
  runs_.reset();  // closes the temporary files
  child_->close();
}

int SortOperator::compare_keys(const Row& a, const Row& b) const {
  for (size_t i = 0; i < keys_.size(); ++i)
    if (int c = compare_in_order(a[i], b[i], keys_[i].descending, keys_[i].nulls_first)) return c;
  return 0;
}

bool SortOperator::before(const SortEntry& a, const SortEntry& b) const {
  if (int c = compare_keys(a.key, b.key)) return c < 0;
  return a.arrival < b.arrival;
}

// Keys are evaluated once per row.
SortEntry SortOperator::keyed(Row row, uint64_t arrival) const {
  Row key;
  for (const auto& k : keys_) key.push_back(as_sql_key(evaluate(*k.expr, row)));
  return {std::move(key), std::move(row), arrival, 0};
}

// By key, ties in input order (a heap's rows too: every row has its arrival).
void SortOperator::sort_held(std::vector<SortEntry>& held) const {
  std::sort(held.begin(), held.end(), [this](const SortEntry& a, const SortEntry& b) { return before(a, b); });
}

// Reads the input, holding its rows, and sorts them: in memory while they fit, in runs on disk past
// work_memory_mb. With keep_, only rows that can still be among the first keep_ are held: a bounded
// heap, its worst on top (a row that sorts before the worst replaces it) while it fits; past that, runs
// of at most keep_ rows, and a row that does not sort before the cutoff (the last row of the best such
// run) is dropped.
void SortOperator::sort_input() {
  if (keep_ && *keep_ == 0) return;  // LIMIT 0: nothing to keep (the heap below needs a first row)
  auto worst_on_top = [this](const SortEntry& a, const SortEntry& b) { return before(a, b); };
  bool as_heap = keep_.has_value();
  std::vector<SortEntry> held;
  uint64_t held_bytes = 0, arrival = 0;
  RowBatch in;
  while (child_->next(in)) {
    for (auto& row : in) {
      SortEntry entry = keyed(std::move(row), arrival++);
      if (cutoff_ && !before(entry, *cutoff_)) continue;
      const bool full = as_heap && held.size() == *keep_;
      if (full && !before(entry, held.front())) continue;
      const uint64_t bytes = ExecContext::row_bytes(entry.row);
      if (must_spill(held_bytes, bytes)) {
        as_heap = false;
        spill(held, held_bytes);
      }
      entry.held = ctx_->hold_bytes(bytes);
      held_bytes += entry.held;
      if (as_heap && full) {
        std::pop_heap(held.begin(), held.end(), worst_on_top);
        held_bytes -= held.back().held;
        ctx_->release(held.back().held);
        held.back() = std::move(entry);
      } else {
        held.push_back(std::move(entry));
      }
      if (as_heap) std::push_heap(held.begin(), held.end(), worst_on_top);
    }
    in.clear();
  }
  sort_held(held);
  if (keep_ && held.size() > *keep_) held.resize(*keep_);
  held_ = held_bytes;
  if (runs_) {
    runs_->start_merge(std::move(held));
    bytes_spilled_ = runs_->bytes_written();
    return;
  }
  rows_.reserve(held.size());
  for (auto& k : held) rows_.push_back(std::move(k.row));
}

// Whether the rows held go to a run before `more` bytes are held (ExecContext::should_spill, leaving a
// quarter of the budget to the rest of the statement).
bool SortOperator::must_spill(uint64_t held_bytes, uint64_t more) const {
  return ctx_->should_spill(held_bytes, more, ctx_->work_memory_budget / 4);
}

// Writes the rows held (in input order, or a heap) as a sorted run: with keep_, its first keep_ rows,
// the last of which becomes the cutoff if it sorts before the cutoff so far.
void SortOperator::spill(std::vector<SortEntry>& held, uint64_t& held_bytes) {
  sort_held(held);
  if (keep_ && held.size() >= *keep_) {
    held.resize(*keep_);
    if (!cutoff_ || before(held.back(), *cutoff_)) cutoff_ = SortEntry{held.back().key, {}, held.back().arrival, 0};
  }
  if (!runs_) runs_ = std::make_unique<SortRuns>(*ctx_, [this](const Row& a, const Row& b) { return compare_keys(a, b); });
  runs_->write_run(held);
  held.clear();
  ctx_->release(held_bytes);
  held_bytes = 0;
  runs_spilled_ = runs_->runs_written();
  bytes_spilled_ = runs_->bytes_written();
}

bool SortOperator::next(RowBatch& batch) {
  if (!sorted_) {
    sort_input();
    sorted_ = true;
  }
  if (!runs_) return emit_held(rows_, position_, batch, rows_out);
  const size_t before = batch.size();
  const bool more = runs_->next(batch);
  rows_out += batch.size() - before;
  return more;
}

std::optional<uint64_t> rows_to_keep(int64_t limit, int64_t offset) {
  if (limit < 0) return std::nullopt;
  return static_cast<uint64_t>(limit) + static_cast<uint64_t>(std::max<int64_t>(0, offset));
}

std::string SortOperator::describe(bool analyze) const {
  std::string s;
  for (const auto& k : keys_) {
    if (!s.empty()) s += ", ";
    s += k.expr->text + (k.descending ? " DESC" : "");
  }
  s = "Sort [" + s + "]" + (keep_ ? " top " + std::to_string(*keep_) : "");
  if (analyze && runs_spilled_ > 0)
    s += " (spilled " + std::to_string(runs_spilled_) + " runs, " + std::to_string((bytes_spilled_ + 1023) / 1024) +
         " KB written)";
  return s;
}

// ---- Limit --------------------------------------------------------------------------------------

LimitOperator::LimitOperator(OperatorPtr child, int64_t limit, int64_t offset)
    : child_(std::move(child)), limit_(limit), offset_(offset) {
  columns = child_->columns;
}

void LimitOperator::open(ExecContext& ctx) {
  child_->open(ctx);
  seen_ = emitted_ = 0;
}

bool LimitOperator::next(RowBatch& batch) {
  RowBatch in;
  while (limit_ < 0 || emitted_ < limit_) {
    in.clear();
    if (!child_->next(in)) return false;
    size_t before = batch.size();
    for (auto& row : in) {
      if (seen_++ < offset_) continue;
      if (limit_ >= 0 && emitted_ >= limit_) break;
      batch.push_back(std::move(row));
      ++emitted_;
    }
    if (batch.size() > before) {
      rows_out += batch.size() - before;
      return true;
    }
  }
  return false;  // the child is not pulled further: a Scan stops paging
}

std::string LimitOperator::describe(bool) const {
  return "Limit " + (limit_ >= 0 ? std::to_string(limit_) : std::string("all")) +
         (offset_ ? " offset " + std::to_string(offset_) : "");
}

// ---- Distinct -----------------------------------------------------------------------------------

size_t RowHash::operator()(const Row& r) const {
  size_t h = 0;
  for (const auto& v : r) h = h * 31 + v.hash();
  return h;
}

bool RowEq::operator()(const Row& a, const Row& b) const {
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].compare(b[i]) != 0) return false;
  return true;
}

DistinctOperator::DistinctOperator(OperatorPtr child) : child_(std::move(child)) { columns = child_->columns; }

DistinctOperator::~DistinctOperator() = default;

void DistinctOperator::open(ExecContext& ctx) {
  child_->open(ctx);
  rows_ = std::make_unique<DistinctRows>(ctx);
  input_read_ = false;
}

bool DistinctOperator::next(RowBatch& batch) {
  RowBatch in;
  while (!input_read_) {
    if (!child_->next(in)) input_read_ = true;
    else if (rows_->hand_on_new(in, batch, rows_out)) return true;
  }
  return rows_->hand_on_spilled(batch, rows_out);
}

void DistinctOperator::close() {
  if (rows_) rows_->clear();
  child_->close();
}

std::string DistinctOperator::describe(bool analyze) const {
  return std::string("Distinct") + (analyze && rows_ ? rows_->explain() : "");
}

}  // namespace dynamosql

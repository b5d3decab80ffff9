// The window operator; see window_operator.h. Every input row is held (the rows are needed again once
// the sort has put them in partitions), then for each distinct PARTITION BY + ORDER BY: the row
// indexes are sorted, cut into partitions and peer groups, each call's arguments evaluated along the
// partition, each row's frame found, and the call's value stored in the row's column for it.
#include "exec/window_operator.h"

#include <algorithm>
#include <deque>
#include <numeric>

#include "dynamosql/error.h"
#include "exec/evaluator.h"
#include "exec/operators.h"

namespace dynamosql {
namespace {

using Kind = FrameBound::Kind;
using Unit = WindowFrame::Unit;

// Whether two window calls sort their input the same way (same PARTITION BY and ORDER BY).
bool same_ordering(const BoundExpr& a, const BoundExpr& b) {
  const CallClauses& x = *a.clauses;
  const CallClauses& y = *b.clauses;
  if (x.partitions != y.partitions || x.descending != y.descending || x.nulls_first != y.nulls_first) return false;
  size_t keys = x.partitions + x.order_keys();
  for (size_t i = 0; i < keys; ++i)
    if (!same_bound_expr(*a.children[x.arguments + i], *b.children[y.arguments + i])) return false;
  return true;
}

// The peer groups of a partition: rows equal in every ORDER BY key.
struct Peers {
  std::vector<size_t> group;   // per row
  std::vector<size_t> starts;  // per group, then the partition's size
  size_t begin(size_t row) const { return starts[group[row]]; }
  size_t end(size_t row) const { return starts[group[row] + 1]; }
  size_t count() const { return starts.size() - 1; }
};

// One call's view of one partition (see WindowPartition in function.h).
class Partition : public WindowPartition {
 public:
  Partition(const Peers& peers, size_t argument_count, CallSite site) : peers_(peers), count_(argument_count), site_(site) {}
  size_t size() const override { return arguments.size(); }
  const Value& argument(size_t row, size_t k) const override { return arguments[row][k]; }
  size_t argument_count() const override { return count_; }
  size_t peer_begin(size_t row) const override { return peers_.begin(row); }
  size_t peer_end(size_t row) const override { return peers_.end(row); }
  size_t peer_group(size_t row) const override { return peers_.group[row]; }
  size_t frame_begin(size_t row) const override { return begins[row]; }
  size_t frame_end(size_t row) const override { return ends[row]; }
  const CallSite& site() const override { return site_; }

  std::vector<Row> arguments;  // per row of the partition, in window order
  std::vector<size_t> begins, ends;

 private:
  const Peers& peers_;
  size_t count_;
  CallSite site_;
};

// A frame offset (n PRECEDING / n FOLLOWING): a non-negative number, an integer for ROWS and GROUPS.
Number frame_offset(const BoundExpr& offset, Unit unit) {
  Value v = evaluate(offset, Row{});
  if (v.type() != ValueType::Number || v.as_number().is_negative() || (unit != Unit::Range && !v.as_number().is_integer()))
    offset.site().fail(sqlstate::kInvalidParameter, std::string("a frame offset must be a non-negative ") +
                                                        (unit == Unit::Range ? "number" : "integer") + ", got " + v.text());
  return v.as_number();
}

// The frames of one call over one partition. `keys` are the rows' first ORDER BY key (RANGE offsets).
class FrameFinder {
 public:
  FrameFinder(const BoundExpr& call, const Peers& peers, const std::vector<Value>& keys)
      : w_(*call.clauses), peers_(peers), keys_(keys), n_(keys.size()) {
    size_t next = w_.arguments + w_.partitions + w_.order_keys();
    if (w_.start_has_offset()) start_offset_ = frame_offset(*call.children[next++], w_.unit);
    if (w_.end_has_offset()) end_offset_ = frame_offset(*call.children[next], w_.unit);
    start_steps_ = steps_within(start_offset_);
    end_steps_ = steps_within(end_offset_);
    if (w_.unit == Unit::Range && (w_.start_has_offset() || w_.end_has_offset()))
      for (const auto& k : keys_)
        if (!k.is_null_or_missing() && k.type() != ValueType::Number)
          call.site().fail(sqlstate::kInvalidParameter, "RANGE with an offset needs a numeric ORDER BY key, got " + k.text());
  }

  void find(Partition& p) const {
    p.begins.resize(n_);
    p.ends.resize(n_);
    for (size_t row = 0; row < n_; ++row) {
      if (!w_.explicit_frame) {
        p.begins[row] = 0;
        p.ends[row] = w_.order_keys() ? peers_.end(row) : n_;
        continue;
      }
      p.begins[row] = bound(w_.start, start_offset_, row, true);
      p.ends[row] = std::max(p.begins[row], bound(w_.end, end_offset_, row, false));
    }
  }

 private:
  // Where the frame of `row` starts (`start`) or ends (exclusive).
  size_t bound(Kind kind, const Number& offset, size_t row, bool start) const {
    switch (kind) {
      case Kind::UnboundedPreceding: return 0;
      case Kind::UnboundedFollowing: return n_;
      case Kind::CurrentRow:
        if (w_.unit == Unit::Rows) return start ? row : row + 1;
        return start ? peers_.begin(row) : peers_.end(row);
      case Kind::Preceding:
      case Kind::Following: break;
    }
    bool preceding = kind == Kind::Preceding;
    if (w_.unit == Unit::Range) return range_bound(offset, row, preceding, start);
    // ROWS and GROUPS: `steps` rows or peer groups away, in size_t with no overflow; a target before
    // the first or past the last is the partition's edge.
    bool rows = w_.unit == Unit::Rows;
    size_t steps = start ? start_steps_ : end_steps_, i = rows ? row : peers_.group[row], limit = rows ? n_ : peers_.count();
    if (preceding ? steps > i : steps >= limit - i) return preceding ? 0 : n_;
    size_t target = preceding ? i - steps : i + steps;
    if (rows) return start ? target : target + 1;
    return peers_.starts[target + (start ? 0 : 1)];
  }

  // A ROWS or GROUPS offset as a count, saturated at the partition's size (an offset of 2^63 or 10^20
  // reaches past the partition as one of n does).
  size_t steps_within(const Number& offset) const {
    auto k = offset.to_int64();
    return k && static_cast<uint64_t>(*k) < n_ ? static_cast<size_t>(*k) : n_;
  }

  // RANGE n PRECEDING / FOLLOWING: the rows whose key is within n of the row's key, along the order.
  // A row whose key is NULL has its peers (the other NULLs) as that part of its frame.
  size_t range_bound(const Number& offset, size_t row, bool preceding, bool start) const {
    const Value& v = keys_[row];
    if (v.is_null_or_missing()) return start ? peers_.begin(row) : peers_.end(row);
    bool descending = w_.descending[0], nulls_first = w_.nulls_first[0];
    Number toward_preceding = descending ? v.as_number() + offset : v.as_number() - offset;
    Number toward_following = descending ? v.as_number() - offset : v.as_number() + offset;
    Value t = Value::number(preceding ? toward_preceding : toward_following);
    // The first row not sorting before the target (start), or the first sorting after it (end).
    auto position = [&](auto&& predicate) {
      size_t low = 0, high = n_;
      while (low < high) {
        size_t mid = (low + high) / 2;
        if (predicate(mid)) low = mid + 1;
        else high = mid;
      }
      return low;
    };
    if (start) return position([&](size_t p) { return compare_in_order(keys_[p], t, descending, nulls_first) < 0; });
    return position([&](size_t p) { return compare_in_order(keys_[p], t, descending, nulls_first) <= 0; });
  }

  const CallClauses& w_;
  const Peers& peers_;
  const std::vector<Value>& keys_;
  size_t n_;
  Number start_offset_, end_offset_;
  size_t start_steps_ = 0, end_steps_ = 0;
};

constexpr size_t kRowsBetweenCancelChecks = 4096;

// An aggregate's value over each row's frame. Frames that all start at the partition's first row grow
// a running state; frames that all end at its last row grow one from the end (unless the aggregate
// depends on its input's order); frames that slide (neither end ever moves back: ROWS/RANGE/GROUPS
// between n PRECEDING and m FOLLOWING) keep one state that adds the rows entering and removes those
// leaving, for aggregates that can remove exactly (COUNT, SUM, AVG, the variances), or a monotonic
// queue for MIN and MAX; any other frame is aggregated afresh (a row whose frame is its predecessor's
// reuses the value). Each way checks for cancellation every few thousand rows.
class FrameAggregator {
 public:
  FrameAggregator(const BoundExpr& call, const Partition& p, const ExecContext& ctx)
      : call_(call), f_(*call.function), p_(p), ctx_(ctx), site_(call.star ? CallSite{} : call.children[0]->site()) {}

  void run(std::vector<Value>& out) {
    size_t n = p_.size();
    out.assign(n, Value::null());
    bool from_first = true, to_last = !f_.order_sensitive, slides = true;
    for (size_t row = 0; row < n; ++row) {
      bool begins_on = row == 0 || p_.begins[row] >= p_.begins[row - 1];
      bool ends_on = row == 0 || p_.ends[row] >= p_.ends[row - 1];
      from_first &= p_.begins[row] == 0 && ends_on;
      to_last &= p_.ends[row] == n && begins_on;
      slides &= begins_on && ends_on;
    }
    if (from_first || to_last) return running(from_first, out);
    auto probe = f_.aggregate();
    if (slides && probe->can_remove()) return sliding(out);
    if (slides && probe->extreme() && !call_.star) return sliding_extreme(probe->extreme(), out);
    afresh(out);
  }

 private:
  // Adds (or removes) row `row`'s input: NULLs are skipped, COUNT(*) counts every row.
  void feed(AggregateState& state, size_t row, bool remove) const {
    if (call_.star) return remove ? state.remove(Value::null(), site_) : state.update(Value::null(), site_);
    const Value& v = p_.argument(row, 0);
    if (v.is_null_or_missing()) return;
    if (remove) return state.remove(v, site_);
    if (p_.argument_count() > 1) state.more_arguments(ArgList(&p_.argument(row, 1), p_.argument_count() - 1));
    state.update(v, site_);
  }

  void check_cancelled(size_t row) const {
    if (row % kRowsBetweenCancelChecks == 0) ctx_.check_cancelled();
  }

  void running(bool from_first, std::vector<Value>& out) const {
    size_t n = p_.size();
    auto state = f_.aggregate();
    size_t added = from_first ? 0 : n;
    for (size_t i = 0; i < n; ++i) {
      check_cancelled(i);
      size_t row = from_first ? i : n - 1 - i;
      if (from_first)
        while (added < p_.ends[row]) feed(*state, added++, false);
      else
        while (added > p_.begins[row]) feed(*state, --added, false);
      out[row] = state->finish();
    }
  }

  // The state holds rows [low, high): each row's frame adds what enters and removes what leaves.
  void sliding(std::vector<Value>& out) const {
    auto state = f_.aggregate();
    size_t low = 0, high = 0;
    for (size_t row = 0; row < p_.size(); ++row) {
      check_cancelled(row);
      size_t begin = p_.begins[row], end = p_.ends[row];
      if (begin >= high) {  // nothing of the last frame stays
        if (low < high) state = f_.aggregate();
        low = high = begin;
      }
      while (high < end) feed(*state, high++, false);
      while (low < begin) feed(*state, low++, true);
      out[row] = state->finish();
    }
  }

  // MIN/MAX over sliding frames: a queue of the frame's rows whose value no later row's beats, so its
  // front is the frame's extreme (the first of equal ones, as MIN/MAX keeps); each row enters and leaves
  // once.
  void sliding_extreme(int direction, std::vector<Value>& out) const {
    std::deque<size_t> candidates;
    size_t high = 0;
    for (size_t row = 0; row < p_.size(); ++row) {
      check_cancelled(row);
      size_t begin = p_.begins[row], end = p_.ends[row];
      for (; high < end; ++high) {
        const Value& v = p_.argument(high, 0);
        if (v.is_null_or_missing()) continue;
        while (!candidates.empty() && direction * v.compare(p_.argument(candidates.back(), 0)) > 0) candidates.pop_back();
        candidates.push_back(high);
      }
      while (!candidates.empty() && candidates.front() < begin) candidates.pop_front();
      out[row] = candidates.empty() ? Value::null() : p_.argument(candidates.front(), 0);
    }
  }

  void afresh(std::vector<Value>& out) const {
    for (size_t row = 0; row < p_.size(); ++row) {
      check_cancelled(row);
      if (row > 0 && p_.begins[row] == p_.begins[row - 1] && p_.ends[row] == p_.ends[row - 1]) {
        out[row] = out[row - 1];
        continue;
      }
      auto state = f_.aggregate();
      for (size_t i = p_.begins[row]; i < p_.ends[row]; ++i) feed(*state, i, false);
      out[row] = state->finish();
    }
  }

  const BoundExpr& call_;
  const FunctionEntry& f_;
  const Partition& p_;
  const ExecContext& ctx_;
  CallSite site_;
};

}  // namespace

WindowOperator::WindowOperator(OperatorPtr child, std::vector<BoundExprPtr> calls, std::vector<OutputColumn> cols)
    : child_(std::move(child)), calls_(std::move(calls)) {
  input_width_ = child_->columns.size();
  columns = std::move(cols);
}

void WindowOperator::open(ExecContext& ctx) {
  ctx_ = &ctx;
  child_->open(ctx);
  rows_.clear();
  position_ = 0;
  done_ = false;
}

bool WindowOperator::next(RowBatch& batch) {
  if (!done_) compute();
  return emit_held(rows_, position_, batch, rows_out);
}

void WindowOperator::compute() {
  RowBatch in;
  while (child_->next(in)) {
    for (auto& row : in) {
      row.resize(input_width_ + calls_.size(), Value::null());
      ctx_->hold(row);
      rows_.push_back(std::move(row));
    }
    in.clear();
  }
  std::vector<bool> computed(calls_.size(), false);
  for (size_t i = 0; i < calls_.size(); ++i) {
    if (computed[i]) continue;
    std::vector<size_t> group;
    for (size_t j = i; j < calls_.size(); ++j)
      if (!computed[j] && same_ordering(*calls_[i], *calls_[j])) group.push_back(j), computed[j] = true;
    compute_sorted_group(group);
  }
  done_ = true;
}

// The calls of `group`, which share their PARTITION BY and ORDER BY: one sort, then per partition.
void WindowOperator::compute_sorted_group(const std::vector<size_t>& group) {
  const BoundExpr& first = *calls_[group[0]];
  const CallClauses& w = *first.clauses;
  size_t key_count = w.partitions + w.order_keys();
  std::vector<Row> keys(rows_.size());
  uint64_t keys_held = 0;  // the keys live while the group is computed; the rows stay held
  for (size_t r = 0; r < rows_.size(); ++r) {
    for (size_t k = 0; k < key_count; ++k) keys[r].push_back(as_sql_key(evaluate(*first.children[w.arguments + k], rows_[r])));
    keys_held += ctx_->hold(keys[r]);
  }
  // <0 / 0 / >0 over keys [from, to): PARTITION BY keys ascending, ORDER BY keys as written.
  auto compare = [&](size_t a, size_t b, size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
      bool partition = k < w.partitions;
      bool descending = !partition && w.descending[k - w.partitions];
      bool nulls_first = partition || w.nulls_first[k - w.partitions];
      if (int c = compare_in_order(keys[a][k], keys[b][k], descending, nulls_first)) return c;
    }
    return 0;
  };
  std::vector<size_t> order(rows_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return compare(a, b, 0, key_count) < 0; });

  for (size_t begin = 0; begin < order.size();) {
    ctx_->check_cancelled();
    size_t end = begin + 1;
    while (end < order.size() && compare(order[begin], order[end], 0, w.partitions) == 0) ++end;
    Peers peers;
    std::vector<Value> first_keys;
    for (size_t i = begin; i < end; ++i) {
      if (i == begin || compare(order[i - 1], order[i], w.partitions, key_count) != 0) peers.starts.push_back(i - begin);
      peers.group.push_back(peers.starts.size() - 1);
      first_keys.push_back(w.order_keys() ? keys[order[i]][w.partitions] : Value::null());
    }
    peers.starts.push_back(end - begin);
    for (size_t c : group) {
      const BoundExpr& call = *calls_[c];
      Partition p(peers, call.clauses->arguments, call.site());
      uint64_t arguments_held = 0;
      for (size_t i = begin; i < end; ++i) {
        Row arguments;
        for (size_t a = 0; a < call.clauses->arguments; ++a) arguments.push_back(evaluate(*call.children[a], rows_[order[i]]));
        arguments_held += ctx_->hold(arguments);
        p.arguments.push_back(std::move(arguments));
      }
      FrameFinder(call, peers, first_keys).find(p);
      std::vector<Value> values;
      if (call.function->is_window()) {
        for (size_t row = 0; row < p.size(); ++row) {
          if (row % kRowsBetweenCancelChecks == 0) ctx_->check_cancelled();
          values.push_back(call.function->window(p, row));
        }
      } else {
        FrameAggregator(call, p, *ctx_).run(values);
      }
      for (size_t row = 0; row < values.size(); ++row) rows_[order[begin + row]][input_width_ + c] = std::move(values[row]);
      ctx_->release(arguments_held);
    }
    begin = end;
  }
  ctx_->release(keys_held);
}

std::string WindowOperator::describe(bool) const {
  std::string s;
  for (const auto& c : calls_) s += (s.empty() ? "" : ", ") + c->text;
  return "Window [" + s + "]";
}

}  // namespace dynamosql

// GROUP BY and aggregates over the whole input: a table of groups in memory, and past work_memory_mb
// partitions on disk aggregated one after another (exec/group_spill.h); see AggregateOperator in
// operators.h.
#include <algorithm>
#include <map>
#include <set>

#include "exec/evaluator.h"
#include "exec/operators.h"

namespace dynamosql {

namespace {

// One aggregate's state in one group, with the values seen when it is DISTINCT and, for an aggregate
// with ORDER BY, its inputs held until the group is complete: (ORDER BY keys, [value, more...]).
struct GroupAggregate {
  std::unique_ptr<AggregateState> state;
  std::set<Value> seen;
  std::vector<std::pair<Row, Row>> held;
};

std::vector<GroupAggregate> new_group(const std::vector<BoundAggregate>& aggregates) {
  std::vector<GroupAggregate> out(aggregates.size());
  for (size_t i = 0; i < aggregates.size(); ++i)
    if (aggregates[i].function) out[i].state = aggregates[i].function->aggregate();
  return out;
}

// Hands one input (the value, then the other arguments) to the state.
void feed(const BoundAggregate& aggregate, GroupAggregate& group, const Row& input) {
  if (input.size() > 1) group.state->more_arguments(ArgList(input.data() + 1, input.size() - 1));
  group.state->update(input[0], aggregate.argument->site());
}

// Counts `row` in the group's aggregate; the DISTINCT values and ORDER BY inputs it keeps are held
// (ExecContext::hold) and added to `held`.
void accumulate(const BoundAggregate& aggregate, GroupAggregate& group, const Row& row, ExecContext& ctx, uint64_t& held) {
  if (!aggregate.function) return;  // GROUPING: a value of the set, not of the rows
  if (aggregate.filter && !evaluate_predicate(*aggregate.filter, row)) return;
  if (!aggregate.argument) {  // COUNT(*)
    group.state->update(Value::null(), CallSite{});
    return;
  }
  Value v = evaluate(*aggregate.argument, row);
  if (v.is_null_or_missing()) return;
  if (aggregate.distinct && !group.seen.insert(v).second) return;
  Row input{std::move(v)};
  if (aggregate.distinct) held += ctx.hold(input);
  for (const auto& m : aggregate.more) input.push_back(evaluate(*m, row));
  if (aggregate.order.empty()) return feed(aggregate, group, input);
  Row keys;
  for (const auto& k : aggregate.order) keys.push_back(as_sql_key(evaluate(*k, row)));
  held += ctx.hold(keys);
  held += ctx.hold(input);
  group.held.emplace_back(std::move(keys), std::move(input));
}

// The group's value: held inputs go to the state in their ORDER BY order first.
Value finish_aggregate(const BoundAggregate& aggregate, GroupAggregate& group) {
  std::stable_sort(group.held.begin(), group.held.end(), [&](const auto& a, const auto& b) {
    for (size_t i = 0; i < aggregate.order.size(); ++i)
      if (int c = compare_in_order(a.first[i], b.first[i], aggregate.descending[i], aggregate.nulls_first[i])) return c < 0;
    return false;
  });
  for (const auto& [keys, input] : group.held) feed(aggregate, group, input);
  group.held.clear();
  return group.state->finish();
}

struct KeyLess {
  bool operator()(const Row& a, const Row& b) const {
    for (size_t i = 0; i < a.size(); ++i)
      if (int c = a[i].compare(b[i])) return c < 0;
    return false;
  }
};

// Whether an aggregate's state grows with its group's rows (DISTINCT values, ORDER BY inputs).
bool grows(const BoundAggregate& aggregate) { return aggregate.distinct || !aggregate.order.empty(); }

}  // namespace

// The groups of one pass by key, in key order, and the bytes they hold against work_memory_mb.
struct AggregateOperator::GroupTable {
  std::map<Row, std::vector<GroupAggregate>, KeyLess> groups;
  uint64_t held = 0;
};

AggregateOperator::AggregateOperator(OperatorPtr child, std::vector<BoundExprPtr> groups, std::vector<BoundAggregate> aggregates,
                                     std::vector<OutputColumn> cols, std::vector<std::vector<size_t>> grouping_sets)
    : child_(std::move(child)), groups_(std::move(groups)), aggregates_(std::move(aggregates)), sets_(std::move(grouping_sets)) {
  columns = std::move(cols);
  if (sets_.empty()) in_set_.assign(1, std::vector<bool>(groups_.size(), true));
  for (const auto& set : sets_) {
    in_set_.emplace_back(groups_.size(), false);
    for (size_t g : set) in_set_.back()[g] = true;
  }
}

AggregateOperator::~AggregateOperator() = default;

// A set without groups has its one row over no input too: its group is in the first pass's table
// from the start, so it is never spilled.
void AggregateOperator::open(ExecContext& ctx) {
  ctx_ = &ctx;
  child_->open(ctx);
  if (table_) ctx.release(table_->held);
  table_ = std::make_unique<GroupTable>();
  // Groups held keep growing while the rows of others are spilled: leave them half the budget.
  const bool growing = std::any_of(aggregates_.begin(), aggregates_.end(), grows);
  spill_ = std::make_unique<GroupSpill>(ctx, "grouping", growing ? GroupSpill::Headroom::Half : GroupSpill::Headroom::Quarter);
  results_.clear();
  position_ = 0;
  input_read_ = false;
  for (size_t set = 0; set < in_set_.size(); ++set)
    if (std::find(in_set_[set].begin(), in_set_[set].end(), true) == in_set_[set].end()) {
      Row key;
      if (!sets_.empty()) key.assign(groups_.size() + 1, Value::null()), key[0] = Value::number(Number(static_cast<int64_t>(set)));
      table_->held += ctx.hold(key);
      table_->groups.emplace(std::move(key), new_group(aggregates_));
    }
}

void AggregateOperator::close() {
  if (spill_) spill_->clear();  // closes the partitions' files
  if (table_) ctx_->release(table_->held);
  table_.reset();
  child_->close();
}

// Counts `row` in the group of `key` when the table holds it or takes it, else spills it.
void AggregateOperator::add(Row key, const Row& row) {
  auto it = spill_->group_of(table_->groups, table_->held, std::move(key), row, [this] { return new_group(aggregates_); }).first;
  if (it == table_->groups.end()) return;
  for (size_t i = 0; i < aggregates_.size(); ++i) accumulate(aggregates_[i], it->second[i], row, *ctx_, table_->held);
}

// Groups are keyed by their values, preceded by the set's index when there are grouping sets (so a
// set's NULL for a group outside it is never the same group as a stored NULL of another set, and a
// row's group in each set goes to its own place).
void AggregateOperator::consume_input() {
  const bool labelled = !sets_.empty();
  RowBatch in;
  while (child_->next(in)) {
    for (const auto& row : in) {
      Row values;
      values.reserve(groups_.size());
      for (const auto& g : groups_) values.push_back(as_sql_key(evaluate(*g, row)));
      if (!labelled) {
        add(std::move(values), row);
        continue;
      }
      for (size_t set = 0; set < in_set_.size(); ++set) {
        Row key{Value::number(Number(static_cast<int64_t>(set)))};
        for (size_t g = 0; g < values.size(); ++g) key.push_back(in_set_[set][g] ? values[g] : Value::null());
        add(std::move(key), row);
      }
    }
    in.clear();
  }
}

void AggregateOperator::consume_partition() {
  std::vector<SortEntry> entries;
  while (spill_->read(entries))
    for (auto& entry : entries) add(std::move(entry.key), entry.row);
}

// The table's groups become result rows, and the table is emptied for the next pass.
void AggregateOperator::finish_pass() {
  const bool labelled = !sets_.empty();
  results_.clear();
  position_ = 0;
  for (auto& [key, states] : table_->groups) {
    size_t set = labelled ? static_cast<size_t>(*key[0].as_number().to_int64()) : 0;
    Row out(key.begin() + (labelled ? 1 : 0), key.end());
    for (size_t i = 0; i < states.size(); ++i)
      out.push_back(aggregates_[i].function ? finish_aggregate(aggregates_[i], states[i]) : grouping_value(aggregates_[i], set));
    results_.push_back(std::move(out));
  }
  table_->groups.clear();
  ctx_->release(std::exchange(table_->held, 0));
}

// GROUPING(a, b) in a row of `set`: a bit per argument, the last the lowest, 1 when it is not in the set.
Value AggregateOperator::grouping_value(const BoundAggregate& grouping, size_t set) const {
  int64_t bits = 0;
  for (size_t g : grouping.grouping) bits = bits * 2 + (in_set_[set][g] ? 0 : 1);
  return Value::number(Number(bits));
}

bool AggregateOperator::next(RowBatch& batch) {
  while (!emit_held(results_, position_, batch, rows_out)) {
    if (!input_read_) {
      consume_input();
      input_read_ = true;
    } else if (spill_->next_pass()) {
      consume_partition();
    } else {
      return false;
    }
    finish_pass();
  }
  return true;
}

std::string AggregateOperator::describe(bool analyze) const {
  std::string aggs;
  for (const auto& a : aggregates_) {
    if (!aggs.empty()) aggs += ", ";
    if (!a.function) {
      aggs += "GROUPING(";
      for (size_t k = 0; k < a.grouping.size(); ++k) aggs += (k ? ", " : "") + groups_[a.grouping[k]]->text;
      aggs += ")";
      continue;
    }
    aggs += a.function->name + "(" + (a.distinct ? "DISTINCT " : "") + (a.argument ? a.argument->text : "*");
    for (const auto& m : a.more) aggs += ", " + m->text;
    for (size_t k = 0; k < a.order.size(); ++k)
      aggs += (k ? ", " : " ORDER BY ") + a.order[k]->text + (a.descending[k] ? " DESC" : "");
    aggs += ")";
    if (a.filter) aggs += " FILTER (WHERE " + a.filter->text + ")";
  }
  return "Aggregate" + grouping_text() + " [" + aggs + "]" + (analyze && spill_ ? spill_->explain() : "");
}

// " group=[a, b]", or with grouping sets " sets=[(a, b), (a), ()]".
std::string AggregateOperator::grouping_text() const {
  std::string text;
  if (sets_.empty()) return groups_.empty() ? std::string() : " group=[" + exprs_text(groups_) + "]";
  for (const auto& set : sets_) {
    text += text.empty() ? "(" : ", (";
    for (size_t k = 0; k < set.size(); ++k) text += (k ? ", " : "") + groups_[set[k]]->text;
    text += ")";
  }
  return " sets=[" + text + "]";
}

}  // namespace dynamosql

// Aggregate functions: COUNT, SUM, AVG, MIN, MAX. All skip NULL and MISSING inputs; COUNT(*) counts
// rows, and its type is BIGINT. SUM is exact, AVG rounds to 38 significant digits; over no input COUNT is 0 and the others NULL.
// MIN and MAX use the engine's total order of values (see Value::compare), so they work on any type.
#include "dynamosql/error.h"
#include "function/function.h"

namespace dynamosql {
namespace {

class CountState : public AggregateState {
 public:
  void update(const Value&, const CallSite&) override { ++count_; }
  Value finish() const override { return Value::number(Number(count_)); }

 private:
  int64_t count_ = 0;
};

class SumState : public AggregateState {
 public:
  explicit SumState(bool average) : average_(average) {}
  void update(const Value& v, const CallSite& argument) override {
    if (v.type() != ValueType::Number)
      argument.fail(sqlstate::kInvalidCharacterValue, std::string(average_ ? "avg" : "sum") + "() needs numbers, got " +
                                                          type_descriptor(v.type()) + " in '" + *argument.text + "'");
    sum_ = sum_ + v.as_number();
    ++count_;
  }
  Value finish() const override {
    if (count_ == 0) return Value::null();
    return Value::number(average_ ? sum_.divide(Number(count_)) : sum_);
  }

 private:
  bool average_;
  Number sum_;
  int64_t count_ = 0;
};

class ExtremeState : public AggregateState {
 public:
  explicit ExtremeState(bool maximum) : maximum_(maximum) {}
  void update(const Value& v, const CallSite&) override {
    if (!seen_ || (maximum_ ? v.compare(extreme_) > 0 : v.compare(extreme_) < 0)) extreme_ = v;
    seen_ = true;
  }
  Value finish() const override { return seen_ ? extreme_ : Value::null(); }

 private:
  bool maximum_;
  bool seen_ = false;
  Value extreme_;
};

template <typename State, auto... Arguments>
std::unique_ptr<AggregateState> make_state() {
  return std::make_unique<State>(Arguments...);
}

FunctionEntry aggregate(std::string name, AggregateStateFactory factory, SqlType result, ResultRule rule) {
  FunctionEntry e;
  e.name = std::move(name);
  e.min_arguments = 1;
  e.max_arguments = 1;
  e.arguments = {ArgumentType::Any};
  e.result = result;
  e.result_rule = rule;
  e.aggregate = factory;
  return e;
}

}  // namespace

std::vector<FunctionEntry> aggregate_functions() {
  FunctionEntry count = aggregate("count", make_state<CountState>, SqlType::Bigint, ResultRule::Fixed);
  count.allows_star = true;
  FunctionEntry sum = aggregate("sum", make_state<SumState, false>, SqlType::Decimal, ResultRule::Fixed);
  FunctionEntry avg = aggregate("avg", make_state<SumState, true>, SqlType::Decimal, ResultRule::Fixed);
  sum.arguments = avg.arguments = {ArgumentType::Number};
  return {count, sum, avg, aggregate("min", make_state<ExtremeState, false>, SqlType::Decimal, ResultRule::FirstArgument),
          aggregate("max", make_state<ExtremeState, true>, SqlType::Decimal, ResultRule::FirstArgument)};
}

}  // namespace dynamosql

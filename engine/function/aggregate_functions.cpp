// Aggregate functions: COUNT, SUM, AVG, MIN, MAX, STRING_AGG, MEDIAN, PERCENTILE_CONT, PERCENTILE_DISC,
// STDDEV/VARIANCE and their _SAMP/_POP forms, BOOL_AND (EVERY), BOOL_OR. All skip NULL and MISSING
// inputs; COUNT(*) counts rows, and its type is BIGINT. Over no input COUNT is 0 and the others NULL.
// Arithmetic is exact (Number): SUM and the sums under VARIANCE and the percentiles' interpolation are
// exact; AVG and VARIANCE round their one division to 38 significant digits, STDDEV takes the square
// root of the variance (its quotient kept to 76 digits) rounded half away from zero to 38.
// MIN and MAX use the engine's total order of values (see Value::compare), so they work on any type.
#include "dynamosql/error.h"
#include "function/function.h"

namespace dynamosql {
namespace {

class CountState : public AggregateState {
 public:
  void update(const Value&, const CallSite&) override { ++count_; }
  Value finish() const override { return Value::number(Number(count_)); }
  bool can_remove() const override { return true; }
  void remove(const Value&, const CallSite&) override { --count_; }

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
  bool can_remove() const override { return true; }
  void remove(const Value& v, const CallSite&) override {
    sum_ = sum_ - v.as_number();
    --count_;
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
  int extreme() const override { return maximum_ ? 1 : -1; }

 private:
  bool maximum_;
  bool seen_ = false;
  Value extreme_;
};

// STRING_AGG(x, separator): the values' text joined, each after the first preceded by its row's
// separator (NULL: none). Strings, numbers and booleans; other types are 22018.
class StringAggState : public AggregateState {
 public:
  void more_arguments(ArgList more) override { separator_ = more.size() && more[0].type() == ValueType::String ? more[0].text() : ""; }
  void update(const Value& v, const CallSite& argument) override {
    if (seen_) text_ += separator_;
    seen_ = true;
    switch (v.type()) {
      case ValueType::String: text_ += v.text(); break;
      case ValueType::Number: text_ += v.as_number().to_string(); break;
      case ValueType::Bool: text_ += v.as_bool() ? "true" : "false"; break;
      default:
        argument.fail(sqlstate::kInvalidCharacterValue, std::string("string_agg() needs text, got ") + type_descriptor(v.type()) +
                                                            " in '" + *argument.text + "'");
    }
  }
  Value finish() const override { return seen_ ? Value::string(text_) : Value::null(); }

 private:
  std::string separator_;
  std::string text_;
  bool seen_ = false;
};

// PERCENTILE_CONT / PERCENTILE_DISC (f) WITHIN GROUP (ORDER BY x), MEDIAN(x): the values arrive in the
// WITHIN GROUP order. CONT interpolates linearly between the two values around position f x (n - 1),
// exactly; DISC takes the first value whose cumulative share of the rows reaches f.
enum class Percentile { Continuous, Discrete, Median };

class PercentileState : public AggregateState {
 public:
  explicit PercentileState(Percentile kind) : kind_(kind) {}
  void more_arguments(ArgList more) override {
    if (more.size()) fraction_ = more[0];
  }
  void update(const Value& v, const CallSite& argument) override {
    if (kind_ != Percentile::Discrete && v.type() != ValueType::Number)
      argument.fail(sqlstate::kInvalidCharacterValue, std::string(kind_ == Percentile::Median ? "median" : "percentile_cont") +
                                                          "() needs numbers, got " + type_descriptor(v.type()) + " in '" +
                                                          *argument.text + "'");
    values_.push_back(v);
  }
  Value finish() const override {
    if (values_.empty()) return Value::null();
    Number f = kind_ == Percentile::Median ? Number::from_text("0.5") : fraction();
    Number n(static_cast<int64_t>(values_.size()));
    if (kind_ == Percentile::Discrete) {
      Number position = f * n;
      Number whole = position.truncate_to_integer();
      int64_t at = *whole.to_int64() + (position == whole ? 0 : 1) - 1;
      return values_[static_cast<size_t>(std::max<int64_t>(at, 0))];
    }
    Number position = f * (n - Number(1));
    Number whole = position.truncate_to_integer();
    auto low = static_cast<size_t>(*whole.to_int64());
    Number value = values_[low].as_number();
    if (position != whole) value = value + (position - whole) * (values_[low + 1].as_number() - value);
    return Value::number(value.round_significant(38));
  }

 private:
  Number fraction() const {
    if (fraction_.type() != ValueType::Number || fraction_.as_number() < Number() || fraction_.as_number() > Number(1))
      throw Error(sqlstate::kNumericOutOfRange, "percentile value " + fraction_.text() + " is not between 0 and 1");
    return fraction_.as_number();
  }
  Percentile kind_;
  Value fraction_;
  std::vector<Value> values_;
};

// VARIANCE / STDDEV, sample (n - 1) or population (n): from the exact n, sum and sum of squares.
class VarianceState : public AggregateState {
 public:
  VarianceState(bool sample, bool root) : sample_(sample), root_(root) {}
  void update(const Value& v, const CallSite& argument) override {
    Number x = argument.number(v);
    sum_ = sum_ + x;
    squares_ = squares_ + x * x;
    ++count_;
  }
  Value finish() const override {
    if (count_ == 0 || (sample_ && count_ == 1)) return Value::null();
    Number n(count_);
    Number spread = n * squares_ - sum_ * sum_;
    Number divisor = sample_ ? n * (n - Number(1)) : n * n;
    if (!root_) return Value::number(spread.divide(divisor));
    return Value::number(spread.divide(divisor, 76).square_root(38));
  }
  bool can_remove() const override { return true; }
  void remove(const Value& v, const CallSite& argument) override {
    Number x = argument.number(v);
    sum_ = sum_ - x;
    squares_ = squares_ - x * x;
    --count_;
  }

 private:
  bool sample_, root_;
  Number sum_, squares_;
  int64_t count_ = 0;
};

// BOOL_AND (EVERY) / BOOL_OR over booleans.
class BoolState : public AggregateState {
 public:
  explicit BoolState(bool all) : all_(all), result_(all) {}
  void update(const Value& v, const CallSite& argument) override {
    if (v.type() != ValueType::Bool)
      argument.fail(sqlstate::kInvalidCharacterValue, std::string(all_ ? "bool_and" : "bool_or") + "() needs booleans, got " +
                                                          type_descriptor(v.type()) + " in '" + *argument.text + "'");
    result_ = all_ ? result_ && v.as_bool() : result_ || v.as_bool();
    seen_ = true;
  }
  Value finish() const override { return seen_ ? Value::boolean(result_) : Value::null(); }

 private:
  bool all_, result_, seen_ = false;
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
  std::vector<FunctionEntry> out{count, sum, avg,
                                 aggregate("min", make_state<ExtremeState, false>, SqlType::Decimal, ResultRule::FirstArgument),
                                 aggregate("max", make_state<ExtremeState, true>, SqlType::Decimal, ResultRule::FirstArgument)};

  FunctionEntry string_agg = aggregate("string_agg", make_state<StringAggState>, SqlType::Varchar, ResultRule::Fixed);
  string_agg.min_arguments = string_agg.max_arguments = 2;
  string_agg.arguments = {ArgumentType::Any, ArgumentType::Text};
  string_agg.order_sensitive = true;
  out.push_back(std::move(string_agg));
  FunctionEntry median = aggregate("median", make_state<PercentileState, Percentile::Median>, SqlType::Decimal, ResultRule::Fixed);
  median.sorts_argument = median.order_sensitive = true;
  out.push_back(std::move(median));
  auto percentile = [&](const char* name, AggregateStateFactory factory, ResultRule rule) {
    FunctionEntry p = aggregate(name, factory, SqlType::Decimal, rule);
    p.arguments = {ArgumentType::Number};
    p.within_group = p.order_sensitive = true;
    out.push_back(std::move(p));
  };
  percentile("percentile_cont", make_state<PercentileState, Percentile::Continuous>, ResultRule::Fixed);
  percentile("percentile_disc", make_state<PercentileState, Percentile::Discrete>, ResultRule::FirstArgument);
  auto spread = [&](const char* name, std::vector<std::string> aliases, AggregateStateFactory factory) {
    FunctionEntry e = aggregate(name, factory, SqlType::Decimal, ResultRule::Fixed);
    e.aliases = std::move(aliases);
    e.arguments = {ArgumentType::Number};
    out.push_back(std::move(e));
  };
  spread("var_samp", {"variance"}, make_state<VarianceState, true, false>);
  spread("var_pop", {}, make_state<VarianceState, false, false>);
  spread("stddev_samp", {"stddev"}, make_state<VarianceState, true, true>);
  spread("stddev_pop", {}, make_state<VarianceState, false, true>);
  FunctionEntry bool_and = aggregate("bool_and", make_state<BoolState, true>, SqlType::Boolean, ResultRule::Fixed);
  bool_and.aliases = {"every"};
  out.push_back(std::move(bool_and));
  out.push_back(aggregate("bool_or", make_state<BoolState, false>, SqlType::Boolean, ResultRule::Fixed));
  return out;
}

}  // namespace dynamosql

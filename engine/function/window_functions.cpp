// Window functions, valid only with OVER: ROW_NUMBER, RANK, DENSE_RANK, NTILE (ranking; BIGINT),
// PERCENT_RANK and CUME_DIST (relative ranks, exact DECIMAL),
// LAG and LEAD (a value `offset` rows before or after in the partition, else the default), and
// FIRST_VALUE, LAST_VALUE, NTH_VALUE (a value of the row's frame). Each is a function of one row of a
// WindowPartition (see function.h); the window operator sorts, partitions and frames. The aggregates
// (SUM, COUNT, ...) are window functions too, through their aggregate entries.
#include "dynamosql/error.h"
#include "function/function.h"

namespace dynamosql {
namespace {

// A positive integer argument (NTILE's bucket count, NTH_VALUE's position); 22023 otherwise.
int64_t positive_count(const WindowPartition& p, size_t row, size_t k, const char* what) {
  const Value& v = p.argument(row, k);
  std::optional<int64_t> n;
  if (v.type() == ValueType::Number && v.as_number().is_integer()) n = v.as_number().to_int64();
  if (!n || *n <= 0) p.site().fail(sqlstate::kInvalidParameter, std::string(what) + " must be a positive integer");
  return *n;
}

Value row_number(const WindowPartition&, size_t row) { return Value::number(Number(static_cast<int64_t>(row + 1))); }

Value rank(const WindowPartition& p, size_t row) { return Value::number(Number(static_cast<int64_t>(p.peer_begin(row) + 1))); }

Value dense_rank(const WindowPartition& p, size_t row) {
  return Value::number(Number(static_cast<int64_t>(p.peer_group(row) + 1)));
}

// PERCENT_RANK: (rank - 1) / (rows - 1), 0 for a partition of one row; CUME_DIST: the share of the
// partition's rows up to the row's last peer. Exact decimals (PostgreSQL's are double precision).
Value percent_rank(const WindowPartition& p, size_t row) {
  if (p.size() < 2) return Value::number(Number(0));
  return Value::number(Number(static_cast<int64_t>(p.peer_begin(row))).divide(Number(static_cast<int64_t>(p.size() - 1))));
}

Value cume_dist(const WindowPartition& p, size_t row) {
  return Value::number(Number(static_cast<int64_t>(p.peer_end(row))).divide(Number(static_cast<int64_t>(p.size()))));
}

// NTILE(n): the partition cut into n buckets as equal as can be, the larger ones first.
Value ntile(const WindowPartition& p, size_t row) {
  if (p.argument(row, 0).is_null_or_missing()) return Value::null();
  auto buckets = static_cast<size_t>(positive_count(p, row, 0, "the argument of ntile()"));
  size_t per = p.size() / buckets, extra = p.size() % buckets;
  size_t bucket = row < extra * (per + 1) ? row / (per + 1) : extra + (row - extra * (per + 1)) / std::max<size_t>(per, 1);
  return Value::number(Number(static_cast<int64_t>(bucket + 1)));
}

// LAG / LEAD (x [, offset [, default]]): x at `offset` rows before (LAG) or after (LEAD) the row; the
// default (NULL unless given) when that is outside the partition. A negative offset looks the other
// way, as in PostgreSQL; a NULL offset gives NULL.
Value shifted(const WindowPartition& p, size_t row, int direction) {
  Number offset(1);
  if (p.argument_count() > 1) {
    const Value& o = p.argument(row, 1);
    if (o.is_null_or_missing()) return Value::null();
    if (o.type() != ValueType::Number || !o.as_number().is_integer())
      p.site().fail(sqlstate::kInvalidParameter, "the offset of lag() and lead() must be an integer");
    offset = o.as_number();
  }
  // Steps in size_t, counted in the direction looked: an offset past any partition (2^63 and beyond,
  // -2^63 included) is simply outside it.
  bool backward = (direction < 0) != offset.is_negative();
  auto magnitude = (offset.is_negative() ? -offset : offset).to_int64();
  size_t steps = magnitude ? static_cast<size_t>(*magnitude) : SIZE_MAX;
  if (backward ? steps <= row : steps < p.size() - row) return p.argument(backward ? row - steps : row + steps, 0);
  return p.argument_count() > 2 ? p.argument(row, 2) : Value::null();
}

Value lag(const WindowPartition& p, size_t row) { return shifted(p, row, -1); }
Value lead(const WindowPartition& p, size_t row) { return shifted(p, row, 1); }

Value first_value(const WindowPartition& p, size_t row) {
  return p.frame_begin(row) < p.frame_end(row) ? p.argument(p.frame_begin(row), 0) : Value::null();
}

Value last_value(const WindowPartition& p, size_t row) {
  return p.frame_begin(row) < p.frame_end(row) ? p.argument(p.frame_end(row) - 1, 0) : Value::null();
}

Value nth_value(const WindowPartition& p, size_t row) {
  if (p.argument(row, 1).is_null_or_missing()) return Value::null();
  auto n = static_cast<size_t>(positive_count(p, row, 1, "the position of nth_value()"));
  size_t at = p.frame_begin(row) + n - 1;
  return at < p.frame_end(row) ? p.argument(at, 0) : Value::null();
}

FunctionEntry window(std::string name, int min_arguments, int max_arguments, std::vector<ArgumentType> arguments,
                     SqlType result, ResultRule rule, WindowEvaluator evaluate) {
  FunctionEntry e = scalar_function(std::move(name), {}, min_arguments, max_arguments, std::move(arguments), result, nullptr);
  e.result_rule = rule;
  e.window = evaluate;
  return e;
}

}  // namespace

std::vector<FunctionEntry> window_functions() {
  using A = ArgumentType;
  const SqlType big = SqlType::Bigint;
  return {
      window("row_number", 0, 0, {}, big, ResultRule::Fixed, row_number),
      window("rank", 0, 0, {}, big, ResultRule::Fixed, rank),
      window("dense_rank", 0, 0, {}, big, ResultRule::Fixed, dense_rank),
      window("ntile", 1, 1, {A::Number}, big, ResultRule::Fixed, ntile),
      window("percent_rank", 0, 0, {}, SqlType::Decimal, ResultRule::Fixed, percent_rank),
      window("cume_dist", 0, 0, {}, SqlType::Decimal, ResultRule::Fixed, cume_dist),
      window("lag", 1, 3, {A::Any, A::Number, A::SameAsFirst}, SqlType::Varchar, ResultRule::FirstArgument, lag),
      window("lead", 1, 3, {A::Any, A::Number, A::SameAsFirst}, SqlType::Varchar, ResultRule::FirstArgument, lead),
      window("first_value", 1, 1, {A::Any}, SqlType::Varchar, ResultRule::FirstArgument, first_value),
      window("last_value", 1, 1, {A::Any}, SqlType::Varchar, ResultRule::FirstArgument, last_value),
      window("nth_value", 2, 2, {A::Any, A::Number}, SqlType::Varchar, ResultRule::FirstArgument, nth_value),
  };
}

}  // namespace dynamosql

// The function registry: every SQL function the engine knows, scalar and aggregate, as one table of
// entries. An entry says everything about a function: its name and aliases, its arity, the types of
// its arguments and result, how it is evaluated (a function pointer for a scalar; a state with
// update/finish for an aggregate) and whether DynamoDB can evaluate it for us in a Filter- or
// ConditionExpression. The binder resolves each call to its entry once (arity and argument typing are
// checked there); execution calls through the pointer; pushdown and EXPLAIN read the entry.
//
// Adding a function is one entry in its family's file (string_functions.cpp, numeric_functions.cpp,
// conditional_functions.cpp, document_functions.cpp, datetime_functions.cpp, regex_functions.cpp,
// aggregate_functions.cpp, window_functions.cpp) plus its tests.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dynamosql/sql_type.h"
#include "function/call_site.h"

namespace dynamosql {

// The evaluated arguments of one call.
class ArgList {
 public:
  ArgList(const Value* values, size_t count) : values_(values), count_(count) {}
  const Value& operator[](size_t i) const { return values_[i]; }
  size_t size() const { return count_; }
  const Value* begin() const { return values_; }
  const Value* end() const { return values_ + count_; }
  bool any_null() const;

 private:
  const Value* values_;
  size_t count_;
};

using ScalarEvaluator = Value (*)(ArgList args, const CallSite& site);

// One group's running state of an aggregate. update() sees each input value; NULL and MISSING inputs
// are skipped before it for entries that ignore NULLs (every standard aggregate), and COUNT(*) sees a
// NULL per row. DISTINCT is applied before update() by the caller. finish() may be called again after
// more updates (a window's running aggregate reads it at every row).
class AggregateState {
 public:
  virtual ~AggregateState() = default;
  virtual void update(const Value& v, const CallSite& argument) = 0;
  // The call's other arguments (STRING_AGG's separator, PERCENTILE_CONT's fraction), evaluated on the
  // same row, just before update().
  virtual void more_arguments(ArgList) {}
  virtual Value finish() const = 0;
  // Whether remove() can take back an earlier update() exactly (COUNT, SUM, AVG, the variances), so a
  // window frame that slides keeps one state instead of aggregating each frame afresh.
  virtual bool can_remove() const { return false; }
  virtual void remove(const Value&, const CallSite&) {}
  // MAX: 1, MIN: -1 (the value kept is the greatest or least in Value::compare's order); 0 for others.
  // A sliding window frame finds these with a monotonic queue.
  virtual int extreme() const { return 0; }
};
using AggregateStateFactory = std::unique_ptr<AggregateState> (*)();

// One partition of a window function's input, as the window operator hands it over: its rows in the
// window's order (positions 0..size()-1), each call's arguments evaluated on every row, the peer groups
// (rows equal in ORDER BY; the whole partition without ORDER BY) and each row's frame [begin, end).
class WindowPartition {
 public:
  virtual ~WindowPartition() = default;
  virtual size_t size() const = 0;
  virtual const Value& argument(size_t row, size_t k) const = 0;  // k < the call's argument count
  virtual size_t argument_count() const = 0;
  virtual size_t peer_begin(size_t row) const = 0;
  virtual size_t peer_end(size_t row) const = 0;    // one past the row's last peer
  virtual size_t peer_group(size_t row) const = 0;  // 0 for the first peer group, 1 for the next, ...
  virtual size_t frame_begin(size_t row) const = 0;
  virtual size_t frame_end(size_t row) const = 0;
  virtual const CallSite& site() const = 0;  // the call, for errors
};
// The value of a window function (ROW_NUMBER, LAG, ...) at one row of its partition. Aggregates used
// as window functions (SUM(x) OVER ...) have no evaluator: the window operator runs their state over
// each row's frame.
using WindowEvaluator = Value (*)(const WindowPartition& partition, size_t row);

// What an argument must be; it types a `?` passed there (see bind/parameter_types.h).
// DateTime: a DATE, TIME, TIMESTAMP or INTERVAL; the binder makes a value of any other type read as a
// TIMESTAMP (bind/bind_datetime.cpp).
enum class ArgumentType : uint8_t { Any, Text, Number, SameAsFirst, DateTime };

// How a call's result type follows from its arguments' types.
enum class ResultRule : uint8_t {
  Fixed,             // always `result`
  FirstArgument,     // min, max, nullif: the first argument's type
  CommonOfArguments  // coalesce: the type that holds every argument's values (common_result_type)
};

// How a function goes to DynamoDB, where it means exactly what SQL means.
enum class Pushdown : uint8_t {
  None,           // only the engine evaluates it
  Path,           // f(path): attribute_exists, attribute_not_exists
  PathAndString,  // f(path, 'text'): begins_with, contains, attribute_type
};

struct FunctionEntry {
  std::string name;                   // lower case, as SQL, DynamoDB and EXPLAIN name it
  std::vector<std::string> aliases;   // other names for the same function (ucase, nvl, ...)
  int min_arguments = 0;
  int max_arguments = 0;              // -1: any number
  std::vector<ArgumentType> arguments;  // by position; the last one repeats
  SqlType result = SqlType::Varchar;
  ResultRule result_rule = ResultRule::Fixed;
  ScalarEvaluator evaluate = nullptr;       // scalar functions
  AggregateStateFactory aggregate = nullptr;  // aggregate functions
  WindowEvaluator window = nullptr;           // window functions, only valid with OVER
  bool allows_star = false;                 // COUNT(*)
  // Aggregates: an ordered-set aggregate (PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x)) aggregates its
  // WITHIN GROUP key, its arguments are direct; `sorts_argument` (MEDIAN) sees its values ascending;
  // `order_sensitive` ones (STRING_AGG) give another answer when their input comes in another order.
  bool within_group = false;
  bool sorts_argument = false;
  bool order_sensitive = false;
  Pushdown pushdown = Pushdown::None;

  bool is_aggregate() const { return aggregate != nullptr; }
  bool is_window() const { return window != nullptr; }
  // The same entry, pushed down to DynamoDB / typed by another rule (for the families' tables).
  FunctionEntry pushed(Pushdown how) && { return pushdown = how, std::move(*this); }
  FunctionEntry typed(ResultRule rule) && { return result_rule = rule, std::move(*this); }
  ArgumentType argument_type(size_t position) const;
};

// An entry for a scalar function (the families build their tables with it).
FunctionEntry scalar_function(std::string name, std::vector<std::string> aliases, int min_arguments, int max_arguments,
                              std::vector<ArgumentType> arguments, SqlType result, ScalarEvaluator evaluate);

class FunctionRegistry {
 public:
  static const FunctionRegistry& instance();
  // `name` in lower case; nullptr when no function has that name or alias.
  const FunctionEntry* lookup(std::string_view name) const;
  const std::vector<FunctionEntry>& entries() const { return entries_; }

 private:
  FunctionRegistry();
  std::vector<FunctionEntry> entries_;
  std::unordered_map<std::string_view, const FunctionEntry*> by_name_;
};

// The families, each in its own file.
std::vector<FunctionEntry> string_functions();
std::vector<FunctionEntry> numeric_functions();
std::vector<FunctionEntry> conditional_functions();
std::vector<FunctionEntry> document_functions();
std::vector<FunctionEntry> datetime_functions();
std::vector<FunctionEntry> regex_functions();
std::vector<FunctionEntry> aggregate_functions();
std::vector<FunctionEntry> window_functions();

}  // namespace dynamosql

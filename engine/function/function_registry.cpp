// The registry: the families' entries, indexed by name and alias; see function.h.
#include "function/function.h"
#include "dynamosql/functions.h"

#include <algorithm>

namespace dynamosql {

bool ArgList::any_null() const {
  for (const auto& v : *this)
    if (v.is_null_or_missing()) return true;
  return false;
}

ArgumentType FunctionEntry::argument_type(size_t position) const {
  if (arguments.empty()) return ArgumentType::Any;
  return arguments[std::min(position, arguments.size() - 1)];
}

FunctionEntry scalar_function(std::string name, std::vector<std::string> aliases, int min_arguments, int max_arguments,
                              std::vector<ArgumentType> arguments, SqlType result, ScalarEvaluator evaluate) {
  FunctionEntry e;
  e.name = std::move(name);
  e.aliases = std::move(aliases);
  e.min_arguments = min_arguments;
  e.max_arguments = max_arguments;
  e.arguments = std::move(arguments);
  e.result = result;
  e.evaluate = evaluate;
  return e;
}

FunctionRegistry::FunctionRegistry() {
  for (auto family : {string_functions, numeric_functions, conditional_functions, document_functions,
                      datetime_functions, regex_functions, aggregate_functions, window_functions})
    for (auto& entry : family()) entries_.push_back(std::move(entry));
  for (const auto& entry : entries_) {
    by_name_.emplace(entry.name, &entry);
    for (const auto& alias : entry.aliases) by_name_.emplace(alias, &entry);
  }
}

const FunctionRegistry& FunctionRegistry::instance() {
  static const FunctionRegistry registry;
  return registry;
}

const FunctionEntry* FunctionRegistry::lookup(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

}  // namespace dynamosql

namespace dynamosql {

bool is_scalar_function(std::string_view name) {
  const FunctionEntry* entry = FunctionRegistry::instance().lookup(name);
  return entry && entry->evaluate && !entry->is_aggregate() && !entry->is_window();
}

}  // namespace dynamosql

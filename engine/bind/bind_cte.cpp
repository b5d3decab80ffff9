// WITH queries: each is bound once, in order (a later one may read an earlier one), and is in scope for
// the rest of its query, subqueries included; a FROM item naming one reads it rather than a table of
// that name. Under WITH RECURSIVE each is in scope in its own query too (bind_recursive.cpp).
#include "bind/binder.h"
#include "dynamosql/error.h"

namespace dynamosql {

Binder::CteGuard::CteGuard(Binder& binder, const Query& query) : binder(binder) {
  binder.ctes_.emplace_back();
  if (query.with.empty()) return;
  RecursionContextGuard with(binder, RecursionContext::WithQuery);
  binder.bind_with(query);
}

std::vector<BoundColumn> named_columns(const CommonTableExpr& with, std::vector<BoundColumn> columns) {
  if (with.columns.empty()) return columns;
  if (with.columns.size() != columns.size())
    fail_at(with.position, sqlstate::kSyntax,
            "WITH query \"" + with.name + "\" has " + std::to_string(columns.size()) + " columns available but " +
                std::to_string(with.columns.size()) + " columns specified");
  for (size_t i = 0; i < with.columns.size(); ++i) columns[i].name = with.columns[i];
  return columns;
}

void Binder::bind_with(const Query& q) {
  if (q.recursive) return bind_recursive_with(q);
  for (const auto& with : q.with) {
    auto cte = std::make_shared<BoundCte>();
    cte->name = with.name;
    cte->position = with.position;
    cte->query = bind_subquery(*with.query);
    cte->columns = named_columns(with, query_output_columns(*cte->query));
    ctes_.back().push_back(std::move(cte));
  }
}

std::shared_ptr<BoundCte> Binder::find_cte(const std::string& name) const {
  for (size_t s = ctes_.size(); s-- > 0;)
    for (const auto& cte : ctes_[s])
      if (cte->name == name) return cte;
  return nullptr;
}

}  // namespace dynamosql

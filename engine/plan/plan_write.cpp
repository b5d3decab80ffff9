// Planning for the write statements; see plan_write.h.
#include "plan/plan_write.h"

#include "bind/binder.h"

namespace dynamosql {

std::unique_ptr<BoundQuery> items_to_modify(const BoundModification& m, const BoundExpr* where) {
  const BoundRelation& table = m.relations[0];
  auto select = std::make_unique<BoundSelect>();
  select->position = table.position;
  BoundRelation rel;
  rel.alias = table.alias;
  rel.position = table.position;
  rel.table = table.table;
  rel.attributes = table.attributes;
  rel.star = true;
  rel.finish_layout();
  select->relations.push_back(std::move(rel));
  if (where) select->where = where->clone();
  append_star_columns(*select, 0, table.position);
  auto query = std::make_unique<BoundQuery>();
  query->position = table.position;
  query->terms.push_back({std::move(select), nullptr});
  type_query_columns(*query);
  return query;
}

}  // namespace dynamosql

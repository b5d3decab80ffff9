// Row layouts and the placing of expressions; see row_layout.h.
#include "plan/row_layout.h"

#include <algorithm>

#include "dynamosql/error.h"

namespace dynamosql {

void RowLayout::append(size_t r) {
  offsets_[r] = width_;
  width_ += static_cast<int>((*relations_)[r].columns.size());
}

void RowLayout::place(BoundExpr& root) const {
  bool retyped = false;
  visit_bound(root, [&](BoundExpr& e) {
    if (e.kind != BoundKind::ColumnRef || e.depth != 0) return;
    const BoundRelation& rel = (*relations_)[static_cast<size_t>(e.relation)];
    int column = rel.column_index(e.attribute);
    int offset = offsets_[static_cast<size_t>(e.relation)];
    if (column < 0 || offset < 0)
      throw Error(sqlstate::kGeneral, "internal error: column " + e.text + " is not in the row").at(e.position.line, e.position.column);
    e.slot = offset + column;
    if (e.path.empty() && e.type != rel.columns[static_cast<size_t>(column)].type) {
      e.type = rel.columns[static_cast<size_t>(column)].type;
      retyped = true;
    }
  });
  if (retyped) retype(root);
}

std::vector<int> RowLayout::relations_of(const BoundExpr& root) {
  std::vector<int> out;
  visit_bound(root, [&](const BoundExpr& e) {
    if (e.kind == BoundKind::ColumnRef && e.depth == 0 && std::find(out.begin(), out.end(), e.relation) == out.end())
      out.push_back(e.relation);
  });
  std::sort(out.begin(), out.end());
  return out;
}

void place_over_aggregation(BoundExpr& root, const std::vector<OutputColumn>& columns, size_t group_count) {
  visit_bound(root, [&](BoundExpr& e) {
    if (e.kind != BoundKind::GroupRef && e.kind != BoundKind::AggregateRef) return;
    e.slot = e.index + (e.kind == BoundKind::AggregateRef ? static_cast<int>(group_count) : 0);
    e.type = columns[static_cast<size_t>(e.slot)].type;
  });
  retype(root);
}

std::vector<OutputColumn> output_columns(const BoundRelation& relation) {
  std::vector<OutputColumn> out;
  out.reserve(relation.columns.size());
  for (const auto& c : relation.columns) out.push_back({c.name, c.base_table, c.type, false});
  return out;
}

}  // namespace dynamosql

// The row layout of FROM items; see bound_statement.h.
#include "bind/bound_statement.h"

#include "bind/binder.h"

#include <algorithm>

namespace dynamosql {

void BoundRelation::note_attribute(const std::string& attribute) {
  if (kind == RelationKind::BaseTable && std::find(attributes.begin(), attributes.end(), attribute) == attributes.end())
    attributes.push_back(attribute);
}

void BoundRelation::finish_layout() {
  if (kind != RelationKind::BaseTable) return;
  std::vector<std::string> ordered;
  ordered.reserve((star ? table->columns.size() : 0) + attributes.size());
  if (star) {
    for (const auto& c : table->columns) ordered.push_back(c.name);
    with_other = true;
  }
  for (const auto& a : attributes) {
    if (a == kOtherColumn) with_other = true;
    else if (std::find(ordered.begin(), ordered.end(), a) == ordered.end()) ordered.push_back(a);
  }
  attributes = std::move(ordered);
  columns.clear();
  columns.reserve(attributes.size() + 1);
  for (const auto& a : attributes) {
    const ColumnDef* def = table->find(a);
    columns.push_back({a, def ? def->type : SqlType::Json, table->description.name});
  }
  if (with_other) columns.push_back({kOtherColumn, SqlType::Json, table->description.name});
}

bool BoundRelation::has_column(const std::string& name) const {
  if (kind == RelationKind::BaseTable) return table->find(name) != nullptr || name == kOtherColumn;
  return column_index(name) >= 0;
}

int BoundRelation::column_index(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return static_cast<int>(i);
  return -1;
}

void append_star_columns(BoundSelect& select, size_t r, const Position& position, const std::vector<std::string>& hidden) {
  const BoundRelation& rel = select.relations[r];
  select.outputs.reserve(select.outputs.size() + rel.columns.size());
  select.output_columns.reserve(select.output_columns.size() + rel.columns.size());
  for (const auto& c : rel.columns) {
    bool base = rel.kind == RelationKind::BaseTable;
    if (base && c.name != kOtherColumn && !rel.table->find(c.name)) continue;
    if (std::find(hidden.begin(), hidden.end(), c.name) != hidden.end()) continue;
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundKind::ColumnRef;
    e->relation = static_cast<int>(r);
    e->attribute = c.name;
    e->type = c.type;
    e->text = c.name;
    e->position = position;
    select.output_columns.push_back({c.name, c.type, base ? rel.table->description.name : c.base_table});
    if (base && c.name != kOtherColumn) {
      const ColumnDef* def = rel.table->find(c.name);
      if (def->date_form) e->type = SqlType::Varchar;
      e = read_inferred_date(std::move(e), def);
    }
    select.outputs.push_back(std::move(e));
  }
}

}  // namespace dynamosql

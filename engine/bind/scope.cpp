// Name resolution over the stack of scopes; see binder.h for the rules.
#include "bind/binder.h"
#include "dynamosql/error.h"

namespace dynamosql {
Binder::Resolved Binder::resolve(const Expr& e) {
  if (e.path.empty() || e.path[0].is_index()) fail_at(e.position, sqlstate::kSyntax, "invalid column reference");
  std::optional<Resolved> r = resolve_qualified(e);
  if (!r) r = resolve_in_schema(e);
  if (!r) r = resolve_schemaless(e);
  note_reference(*r, e);
  return *r;
}

std::optional<Binder::Resolved> Binder::resolve_qualified(const Expr& e) const {
  if (e.path.size() < 2 || e.path[1].is_index()) return std::nullopt;
  for (size_t s = scopes_.size(); s-- > 0;) {
    const auto& relations = *scopes_[s].relations;
    for (size_t r = 0; r < relations.size(); ++r) {
      const BoundRelation& rel = relations[r];
      if (rel.alias != e.path[0].name) continue;
      if (rel.kind != RelationKind::BaseTable && rel.column_index(e.path[1].name) < 0)
        fail_at(e.position, sqlstate::kColumnNotFound, "column \"" + e.path[1].name + "\" not found in \"" + rel.alias + "\"");
      return Resolved{static_cast<int>(scopes_.size() - 1 - s), static_cast<int>(r), 1};
    }
  }
  return std::nullopt;
}

std::optional<Binder::Resolved> Binder::resolve_in_schema(const Expr& e) const {
  const std::string& name = e.path[0].name;
  for (size_t s = scopes_.size(); s-- > 0;) {
    const auto& relations = *scopes_[s].relations;
    std::optional<Resolved> found;
    for (size_t r = 0; r < relations.size(); ++r) {
      if (!relations[r].has_column(name)) continue;
      if (found) fail_at(e.position, sqlstate::kSyntax, "column reference \"" + name + "\" is ambiguous; qualify it with a table alias");
      found = Resolved{static_cast<int>(scopes_.size() - 1 - s), static_cast<int>(r), 0};
    }
    if (found) return found;
  }
  return std::nullopt;
}

Binder::Resolved Binder::resolve_schemaless(const Expr& e) const {
  const std::string& name = e.path[0].name;
  for (size_t s = scopes_.size(); s-- > 0;) {
    const auto& relations = *scopes_[s].relations;
    if (relations.empty()) continue;
    if (relations.size() == 1 && relations[0].kind == RelationKind::BaseTable)
      return Resolved{static_cast<int>(scopes_.size() - 1 - s), 0, 0};
    fail_at(e.position, sqlstate::kColumnNotFound,
         "column \"" + name + "\" not found" +
             std::string(relations.size() > 1 ? "; qualify attributes outside the sampled schema" : ""));
  }
  fail_at(e.position, sqlstate::kColumnNotFound, "column \"" + name + "\" not found (there is no FROM)");
}

// A base table reads every attribute named; an outer reference makes the queries in between correlated.
void Binder::note_reference(const Resolved& r, const Expr& e) {
  size_t scope = scopes_.size() - 1 - static_cast<size_t>(r.depth);
  (*scopes_[scope].relations)[static_cast<size_t>(r.relation)].note_attribute(e.path[r.attribute].name);
  for (size_t s = scope + 1; s < scopes_.size(); ++s)
    if (!scopes_[s].outer_reference) scopes_[s].outer_reference = OuterReference{e.text, e.position};
}

}  // namespace dynamosql

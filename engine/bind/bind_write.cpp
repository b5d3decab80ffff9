// Binding of statements as a whole, and of the writes: INSERT/UPSERT (VALUES rows, VALUE documents or
// a query, each value typed by the column it goes to), UPDATE and DELETE (WHERE and SET over the one
// table, whose key is always read).
#include "bind/binder.h"
#include "bind/parameter_types.h"
#include "dynamosql/error.h"
#include "exec/write_support.h"

namespace dynamosql {

namespace {

// Calls `f` with each SELECT whose rows a query returns: its terms, and the terms of nested set operations.
template <typename F>
void for_each_term_select(BoundQuery& query, const F& f) {
  for (auto& term : query.terms)
    if (term.select) f(*term.select);
    else for_each_term_select(*term.nested, f);
}

// A date inserted into a column (or a document's attribute) that holds dates in a form of its own is
// written in that form (write_in_stored_form), so that the next sample of the table sees one form.
void write_dates_in_stored_form(const BoundInsert& insert) {
  for_each_term_select(*insert.source, [&](BoundSelect& select) {
    auto& outputs = select.outputs;
    for (size_t i = 0; i < outputs.size() && i < insert.columns.size(); ++i) {
      if (insert.columns[i] != kDocumentColumn) {
        outputs[i] = write_in_stored_form(std::move(outputs[i]), insert.table->find(insert.columns[i]));
      } else if (outputs[i]->kind == BoundKind::Document) {
        BoundExpr& document = *outputs[i];
        for (size_t k = 0; k < document.keys.size(); ++k)
          document.children[k] = write_in_stored_form(std::move(document.children[k]), insert.table->find(document.keys[k]));
      }
    }
  });
}

}  // namespace

BoundStatement Binder::bind_statement(const Statement& s) {
  BoundStatement out;
  switch (s.kind) {
    case StatementKind::Query: out.query = bind_query(*s.query); break;
    case StatementKind::Explain: return bind_statement(*s.explained);
    case StatementKind::Insert: out.insert = bind_insert(s); break;
    case StatementKind::Update:
    case StatementKind::Delete: out.modification = bind_modification(s); break;
    case StatementKind::Copy:
      if (s.copy->query) out.query = bind_query(*s.copy->query);
      break;
    default: break;
  }
  out.parameters = parameters_;
  return out;
}

std::unique_ptr<BoundInsert> Binder::bind_insert(const Statement& s) {
  const InsertStatement& ins = *s.insert;
  auto out = std::make_unique<BoundInsert>();
  out->table = catalog_.table(s.table->table);
  out->upsert = ins.upsert;
  out->columns = ins.columns;
  if (ins.query) {
    out->source = bind_query(*ins.query);
    if (out->columns.empty())
      for (const auto& c : query_output_columns(*out->source)) out->columns.push_back(c.name);
    else if (out->columns.size() != query_output_columns(*out->source).size())
      fail_at(s.position, sqlstate::kSyntax, "INSERT has " + std::to_string(out->columns.size()) + " columns but the query returns " +
                                                 std::to_string(query_output_columns(*out->source).size()));
  } else if (!ins.rows.empty()) {
    if (ins.columns.empty())
      fail_at(s.position, sqlstate::kSyntax, "INSERT ... VALUES needs a column list: INSERT INTO t (a, b) VALUES (...)");
    out->source = bind_rows(ins.rows, ins.columns, s.position);
  } else {
    if (!ins.columns.empty()) fail_at(s.position, sqlstate::kSyntax, "INSERT ... VALUE {document} takes no column list");
    out->columns = {kDocumentColumn};
    std::vector<std::vector<ExprPtr>> rows;
    for (const auto& doc : ins.documents) {
      rows.emplace_back();
      rows.back().push_back(doc->clone());
    }
    out->source = bind_rows(rows, out->columns, s.position);
  }
  type_inserted_values(*out);
  write_dates_in_stored_form(*out);
  return out;
}


// VALUES rows (or VALUE documents) as a UNION ALL of SELECTs without FROM.
std::unique_ptr<BoundQuery> Binder::bind_rows(const std::vector<std::vector<ExprPtr>>& rows, const std::vector<std::string>& columns,
                                              const Position& position) {
  auto query = std::make_unique<BoundQuery>();
  query->position = position;
  for (const auto& row : rows) {
    if (row.size() != columns.size())
      fail_at(row.empty() ? position : row[0]->position, sqlstate::kSyntax,
              "VALUES row has " + std::to_string(row.size()) + " values for " + std::to_string(columns.size()) + " columns");
    auto select = std::make_unique<BoundSelect>();
    select->position = row.empty() ? position : row[0]->position;
    ScopeGuard scope(*this, select->relations);
    for (size_t i = 0; i < row.size(); ++i) {
      select->outputs.push_back(bind_expr(*row[i]));
      select->output_columns.push_back({columns[i], select->outputs.back()->type, ""});
    }
    query->terms.push_back({std::move(select), nullptr});
  }
  if (!query->terms.empty()) type_query_columns(*query);
  return query;
}

// A `?` inserted into a column (or a document's attribute) is expected to be of that column's type.
void Binder::type_inserted_values(const BoundInsert& insert) {
  for_each_term_select(*insert.source, [&](const BoundSelect& select) {
    for (size_t i = 0; i < select.outputs.size() && i < insert.columns.size(); ++i) {
      const BoundExpr& value = *select.outputs[i];
      if (insert.columns[i] != kDocumentColumn) {
        expect(value, parameter_for_attribute(*insert.table, insert.columns[i]));
      } else if (value.kind == BoundKind::Document) {
        for (size_t k = 0; k < value.keys.size(); ++k) expect(*value.children[k], parameter_for_attribute(*insert.table, value.keys[k]));
      }
    }
  });
}

std::unique_ptr<BoundModification> Binder::bind_modification(const Statement& s) {
  auto out = std::make_unique<BoundModification>();
  out->relations.push_back(bind_table_ref(*s.table));
  BoundRelation& rel = out->relations[0];
  if (rel.kind != RelationKind::BaseTable) fail_at(s.table->position, sqlstate::kSyntax, "UPDATE and DELETE write tables");
  ScopeGuard scope(*this, out->relations);
  auto bind_plain = [&](const Expr* e) -> BoundExprPtr {
    if (!e) return nullptr;
    BoundExprPtr b = bind_expr(*e);
    visit_bound(*b, [&](const BoundExpr& x) {
      // A subquery runs once, before anything is written (Planner::prepare); one that reads the item
      // being written would have to run per item.
      if (x.subquery && x.subquery->outer_reference)
        fail_at(x.subquery->outer_reference->position, sqlstate::kFeatureNotSupported,
                "correlated subqueries in UPDATE and DELETE are not supported yet: " + x.subquery->outer_reference->text +
                    " refers to the table being written");
      if (x.kind == BoundKind::AggregateCall) fail_at(x.position, sqlstate::kSyntax, "aggregate functions are not allowed here");
      if (x.kind == BoundKind::GroupingCall) fail_at(x.position, sqlstate::kGrouping, "grouping operations are not allowed here");
    });
    return b;
  };
  out->where = bind_plain(s.where.get());
  for (const auto& a : s.assignments) {
    if (a.target->kind != ExprKind::Column) fail_at(a.target->position, sqlstate::kSyntax, "SET and REMOVE need an attribute path");
    out->targets.push_back(bind_plain(a.target.get()));
    auto& target = out->targets.back();
    if (target->kind == BoundKind::Cast && target->stored_form) target = std::move(target->children[0]);  // the attribute itself
    out->values.push_back(bind_plain(a.value.get()));
    check_assignment(*out->targets.back(), rel);
    if (out->values.back() && out->targets.back()->path.empty()) {
      expect(*out->values.back(), parameter_for_attribute(*rel.table, out->targets.back()->attribute));
      out->values.back() = write_in_stored_form(std::move(out->values.back()), rel.table->find(out->targets.back()->attribute));
    }
  }
  const KeySchema& keys = rel.table->description.keys;
  for (const auto& key : {keys.partition_key, keys.sort_key})
    if (!key.empty()) rel.note_attribute(key);
  rel.finish_layout();
  return out;
}

void Binder::check_assignment(const BoundExpr& target, const BoundRelation& rel) const {
  const KeySchema& keys = rel.table->description.keys;
  if (target.attribute == keys.partition_key || target.attribute == keys.sort_key)
    fail_at(target.position, sqlstate::kFeatureNotSupported,
            "cannot update key attribute \"" + target.attribute + "\"; DELETE the item and INSERT it with the new key");
}

}  // namespace dynamosql

// The AST builder's queries: WITH, set operations, SELECT, joins, GROUP BY with grouping sets, and
// windows; see ast_builder.h.
#include <algorithm>

#include "dynamosql/error.h"
#include "sql/ast_builder.h"

namespace dynamosql {
namespace {

constexpr size_t kMaxCubeElements = 12;    // as PostgreSQL
constexpr size_t kMaxGroupingSets = 4096;  // as PostgreSQL

// A single-term query used as an operand is that term; anything else is a nested query.
Query::Term as_term(const std::shared_ptr<Query>& q) {
  if (q->terms.size() == 1) return q->terms[0];
  return {nullptr, q};
}

SetOperation set_operation_of(antlr4::Token* keyword, P::SetQuantifierContext* quantifier) {
  bool all = quantifier && quantifier->ALL();
  switch (keyword->getType()) {
    case L::UNION: return all ? SetOperation::UnionAll : SetOperation::Union;
    case L::INTERSECT: return all ? SetOperation::IntersectAll : SetOperation::Intersect;
    default: return all ? SetOperation::ExceptAll : SetOperation::Except;
  }
}

// FROM a, b RIGHT JOIN c ON x is a CROSS JOIN (b RIGHT JOIN c ON x), as SQL and PostgreSQL read it: a
// comma binds looser than JOIN, so the items from a comma to the next are one joined table. Only a RIGHT
// or FULL join among them makes that differ from the left-deep chain; such a run becomes a group.
void group_comma_segments(JoinedTable& chain) {
  std::vector<Join> joins;
  for (size_t i = 0; i < chain.joins.size();) {
    size_t end = i + 1;
    while (end < chain.joins.size() && !chain.joins[end].comma) ++end;
    bool keeps_right = std::any_of(chain.joins.begin() + static_cast<std::ptrdiff_t>(i) + 1, chain.joins.begin() + static_cast<std::ptrdiff_t>(end),
                                   [](const Join& j) { return j.right_outer; });
    if (!chain.joins[i].comma || !keeps_right) {
      for (; i < end; ++i) joins.push_back(std::move(chain.joins[i]));
      continue;
    }
    Join comma = std::move(chain.joins[i]);
    auto group = comma.right->joined ? comma.right->joined : std::make_shared<JoinedTable>(JoinedTable{comma.right, {}});
    for (size_t j = i + 1; j < end; ++j) group->joins.push_back(std::move(chain.joins[j]));
    Position at = comma.right->position;
    comma.right = std::make_shared<TableRef>();
    comma.right->position = at;
    comma.right->joined = std::move(group);
    joins.push_back(std::move(comma));
    i = end;
  }
  chain.joins = std::move(joins);
}

// The cross product of grouping elements' sets: GROUP BY a, ROLLUP (b) is {a, b}, {a}.
std::vector<std::vector<size_t>> cross(const std::vector<std::vector<size_t>>& left,
                                       const std::vector<std::vector<size_t>>& right, const Position& at) {
  if (left.size() * right.size() > kMaxGroupingSets)
    fail_at(at, sqlstate::kLimitExceeded, "too many grouping sets (at most " + std::to_string(kMaxGroupingSets) + ")");
  std::vector<std::vector<size_t>> out;
  for (const auto& l : left)
    for (const auto& r : right) {
      out.push_back(l);
      out.back().insert(out.back().end(), r.begin(), r.end());
    }
  return out;
}

}  // namespace

std::shared_ptr<Query> AstBuilder::query(P::QueryContext* ctx) {
  // query_body() returns a fresh Query: WITH, ORDER BY and LIMIT of the whole go on it, while a
  // parenthesised query keeps its own as a nested term.
  auto q = query_body(ctx->body);
  q->position = position_of(ctx);
  if (auto* with = ctx->ctes) {
    q->recursive = with->RECURSIVE() != nullptr;
    for (auto* named : with->namedQuery()) {
      CommonTableExpr cte;
      cte.name = identifier(named->identifier());
      if (named->columnList()) cte.columns = identifiers(named->columnList());
      for (size_t i = 0; i < cte.columns.size(); ++i)  // PostgreSQL's codes: 42701 a column, 42712 a name
        if (std::find(cte.columns.begin(), cte.columns.begin() + static_cast<long>(i), cte.columns[i]) != cte.columns.begin() + static_cast<long>(i))
          fail_at(position_of(named->columnList()->identifier(i)), "42701", "column \"" + cte.columns[i] + "\" specified more than once");
      cte.query = query(named->query());
      cte.position = position_of(named);
      for (const auto& earlier : q->with)
        if (earlier.name == cte.name)
          fail_at(cte.position, "42712", "WITH query name \"" + cte.name + "\" specified more than once");
      q->with.push_back(std::move(cte));
    }
  }
  if (ctx->ordering) q->order_by = order_by(ctx->ordering);
  if (auto* lc = ctx->paging) {
    if (lc->limit) q->limit = expr(lc->limit);
    if (lc->offset) q->offset = expr(lc->offset);
    if (!lc->limit && lc->FETCH()) {  // FETCH FIRST ROW ONLY
      q->limit = std::make_unique<Expr>();
      q->limit->value = Value::number(Number(1));
    }
  }
  return q;
}

std::shared_ptr<Query> AstBuilder::query_body(P::QueryBodyContext* ctx) {
  auto operands = ctx->intersection();
  auto q = intersection(operands[0]);
  for (size_t i = 1; i < operands.size(); ++i) {
    auto* op = ctx->unionOperator(i - 1);
    q = set_operation(ctx, set_operation_of(op->op, op->setQuantifier()), q, intersection(operands[i]), op->op);
  }
  return q;
}

std::shared_ptr<Query> AstBuilder::intersection(P::IntersectionContext* ctx) {
  auto operands = ctx->queryTerm();
  auto q = query_term(operands[0]);
  for (size_t i = 1; i < operands.size(); ++i) {
    auto* op = ctx->intersectOperator(i - 1);
    antlr4::Token* keyword = op->INTERSECT()->getSymbol();
    q = set_operation(ctx, set_operation_of(keyword, op->setQuantifier()), q, query_term(operands[i]), keyword);
  }
  return q;
}

std::shared_ptr<Query> AstBuilder::query_term(P::QueryTermContext* ctx) {
  auto q = std::make_shared<Query>();
  q->position = position_of(ctx);
  Query::Term t;
  if (ctx->spec) t.spec = spec(ctx->spec);
  else t.nested = query(ctx->nested);
  q->terms.push_back(std::move(t));
  return q;
}

// a UNION b UNION c: one query of three terms (operators of one level associate to the left).
std::shared_ptr<Query> AstBuilder::set_operation(antlr4::ParserRuleContext* ctx, SetOperation op,
                                                 std::shared_ptr<Query> l, std::shared_ptr<Query> r,
                                                 antlr4::Token* keyword) {
  if (l->terms.size() > 1 && l->set_operation == op) {
    l->terms.push_back(as_term(r));
    return l;
  }
  auto q = std::make_shared<Query>();
  q->position = position_of(ctx);
  q->set_operation = op;
  q->set_operation_position = position_of(keyword);
  q->terms.push_back(as_term(l));
  q->terms.push_back(as_term(r));
  return q;
}

std::shared_ptr<QuerySpec> AstBuilder::spec(P::QuerySpecificationContext* ctx) {
  auto s = std::make_shared<QuerySpec>();
  s->position = position_of(ctx);
  s->distinct = ctx->quantifier && ctx->quantifier->DISTINCT();
  for (auto* item : ctx->items) {
    SelectItem si;
    si.position = position_of(item);
    if (auto* e = dynamic_cast<P::SelectExpressionContext*>(item)) {
      si.expr = expr(e->value);
      if (e->alias) si.alias = identifier(e->alias);
    } else if (auto* of = dynamic_cast<P::SelectAllOfContext*>(item)) {
      si.kind = SelectItem::Kind::AllOf;
      si.qualifier = identifier(of->identifier());
    } else {
      si.kind = SelectItem::Kind::All;
    }
    s->items.push_back(std::move(si));
  }
  if (auto* from = ctx->from) {
    JoinedTable chain;
    join_chain(from->first, from->joins, chain);
    group_comma_segments(chain);
    s->from = std::move(chain.first);
    s->joins = std::move(chain.joins);
  }
  if (ctx->where) s->where = expr(ctx->where);
  group_by(ctx->groups, *s);
  if (ctx->having) s->having = expr(ctx->having);
  for (auto* w : ctx->windows) {
    NamedWindow named{identifier(w->identifier()), std::move(*window_spec(w->windowSpecification())), position_of(w)};
    for (const auto& earlier : s->windows)
      if (earlier.name == named.name) fail_at(named.position, "42P20", "window \"" + named.name + "\" is already defined");
    s->windows.push_back(std::move(named));
  }
  return s;
}

void AstBuilder::group_by(const std::vector<P::GroupingElementContext*>& elements, QuerySpec& s) {
  auto add = [&](P::ExpressionContext* e) {
    s.group_by.push_back(expr(e));
    return s.group_by.size() - 1;
  };
  bool plain = true;
  std::vector<std::vector<size_t>> sets{{}};
  for (auto* element : elements) {
    std::vector<std::vector<size_t>> element_sets;
    if (auto* single = dynamic_cast<P::ExpressionGroupingContext*>(element)) {
      element_sets.push_back({add(single->expression())});
    } else if (auto* rollup = dynamic_cast<P::RollupGroupingContext*>(element)) {
      std::vector<size_t> all;  // (a, b, c), (a, b), (a), ()
      for (auto* e : rollup->expression()) all.push_back(add(e));
      for (size_t n = all.size() + 1; n-- > 0;) element_sets.emplace_back(all.begin(), all.begin() + static_cast<long>(n));
    } else if (auto* cube = dynamic_cast<P::CubeGroupingContext*>(element)) {
      std::vector<size_t> all;  // every subset, largest first
      for (auto* e : cube->expression()) all.push_back(add(e));
      if (all.size() > kMaxCubeElements)
        fail_at(position_of(cube), sqlstate::kLimitExceeded, "CUBE is limited to " + std::to_string(kMaxCubeElements) + " elements");
      for (size_t mask = (size_t{1} << all.size()); mask-- > 0;) {
        std::vector<size_t> subset;
        for (size_t k = 0; k < all.size(); ++k)
          if (mask & (size_t{1} << (all.size() - 1 - k))) subset.push_back(all[k]);
        element_sets.push_back(std::move(subset));
      }
    } else if (dynamic_cast<P::EmptyGroupingContext*>(element)) {
      element_sets.emplace_back();
    } else {
      for (auto* set : static_cast<P::GroupingSetsGroupingContext*>(element)->groupingSet()) {
        std::vector<size_t> members;
        for (auto* e : set->expression()) members.push_back(add(e));
        element_sets.push_back(std::move(members));
      }
    }
    if (plain && !dynamic_cast<P::ExpressionGroupingContext*>(element)) {
      plain = false;
      s.grouping_sets_position = position_of(element);
    }
    sets = cross(sets, element_sets, position_of(element));
  }
  if (!plain) s.grouping_sets = std::move(sets);
}

Join AstBuilder::join(P::JoinClauseContext* ctx) {
  Join join;
  join.position = position_of(ctx);
  if (auto* q = dynamic_cast<P::QualifiedJoinContext*>(ctx)) {
    auto* type = q->joinType();
    join.left = type->LEFT() || type->FULL();
    join.right_outer = type->RIGHT() || type->FULL();
    if (q->nested.empty()) {
      join.right = relation(q->relation());
    } else {  // a JOIN b JOIN c ON x ON y: the right side is (b JOIN c ON x)
      join.right = std::make_shared<TableRef>();
      join.right->position = position_of(q->relation());
      join.right->joined = std::make_shared<JoinedTable>();
      join_chain(q->relation(), q->nested, *join.right->joined);
    }
    if (q->expression()) join.condition = expr(q->expression());
    else join.using_columns = identifiers(q->columnList());
    return join;
  }
  if (auto* n = dynamic_cast<P::NaturalJoinContext*>(ctx)) {
    auto* type = n->joinType();
    join.left = type->LEFT() || type->FULL();
    join.right_outer = type->RIGHT() || type->FULL();
    join.right = relation(n->relation());
    join.natural = true;
    return join;
  }
  auto* c = static_cast<P::CrossJoinContext*>(ctx);
  if (c->COMMA() && !dynamic_cast<P::FromClauseContext*>(c->parent))  // as PostgreSQL: (a, b) is no joined table
    fail_at(position_of(c), sqlstate::kSyntax, "syntax error at ',': a comma joins only FROM items outside parentheses; use CROSS JOIN");
  join.comma = c->COMMA() != nullptr;
  join.right = relation(c->relation());
  join.condition = std::make_unique<Expr>();  // ON TRUE
  join.condition->value = Value::boolean(true);
  join.condition->text = "TRUE";
  join.condition->position = position_of(c);
  return join;
}

// `first` and the joins after it, as one left-deep chain: a parenthesised joined table written first,
// (a JOIN b ON x) JOIN c ON y, is the chain a JOIN b ON x JOIN c ON y itself.
void AstBuilder::join_chain(P::RelationContext* first, const std::vector<P::JoinClauseContext*>& clauses, JoinedTable& out) {
  std::shared_ptr<TableRef> ref = relation(first);
  if (ref->joined) out = std::move(*ref->joined);
  else out.first = std::move(ref);
  for (auto* c : clauses) out.joins.push_back(join(c));
}

std::shared_ptr<TableRef> AstBuilder::relation(P::RelationContext* ctx) {
  if (auto* t = dynamic_cast<P::TableRelationContext*>(ctx)) {
    auto ref = table_name(t->tableName());
    if (t->alias) ref->alias = identifier(t->alias);
    return ref;
  }
  if (auto* j = dynamic_cast<P::JoinedRelationContext*>(ctx)) {
    if (j->alias)
      fail_at(position_of(j->alias), sqlstate::kFeatureNotSupported,
              "an alias on a parenthesised join is not supported yet; qualify columns by their tables, or join a derived table "
              "(SELECT ... FROM a JOIN b ON ...) AS " + identifier(j->alias));
    auto ref = std::make_shared<TableRef>();
    ref->position = position_of(j);
    ref->joined = std::make_shared<JoinedTable>();
    join_chain(j->first, j->joins, *ref->joined);
    if (ref->joined->joins.empty())  // (a): as PostgreSQL, parentheses hold a join (or, doubled, a joined table)
      fail_at(position_of(j->RPAREN()->getSymbol()), sqlstate::kSyntax, "syntax error at or near \")\": parentheses in FROM must hold a join");
    return ref;
  }
  auto* s = static_cast<P::SubqueryRelationContext*>(ctx);
  auto ref = std::make_shared<TableRef>();
  ref->position = position_of(s);
  ref->subquery = query(s->query());
  ref->alias = identifier(s->identifier());
  return ref;
}

std::vector<OrderItem> AstBuilder::order_by(P::OrderByClauseContext* ctx) {
  std::vector<OrderItem> out;
  for (auto* item : ctx->orderItem()) {
    OrderItem o;
    o.expr = expr(item->expression());
    o.descending = item->ordering && item->ordering->getType() == L::DESC;
    if (item->nullOrder) o.nulls_first = item->nullOrder->getType() == L::FIRST;
    out.push_back(std::move(o));
  }
  return out;
}

std::unique_ptr<WindowSpec> AstBuilder::window_spec(P::WindowSpecificationContext* ctx) {
  auto w = std::make_unique<WindowSpec>();
  w->position = position_of(ctx);
  if (ctx->base) w->base = identifier(ctx->base);
  for (auto* e : ctx->expression()) w->partition_by.push_back(expr(e));
  if (ctx->orderByClause()) w->order_by = order_by(ctx->orderByClause());
  if (auto* f = ctx->windowFrame()) {
    WindowFrame frame;
    frame.position = position_of(f);
    frame.unit = f->unit->getType() == L::ROWS    ? WindowFrame::Unit::Rows
                 : f->unit->getType() == L::RANGE ? WindowFrame::Unit::Range
                                                  : WindowFrame::Unit::Groups;
    frame.start = frame_bound(f->frameStart);
    if (f->frameEnd) frame.end = frame_bound(f->frameEnd);
    else frame.end.position = frame.start.position;  // a lone start: ... AND CURRENT ROW
    // SQL's rules: the frame cannot start after it ends.
    using K = FrameBound::Kind;
    if (frame.start.kind == K::UnboundedFollowing)
      fail_at(frame.start.position, "42P20", "frame start cannot be UNBOUNDED FOLLOWING");
    if (frame.end.kind == K::UnboundedPreceding)
      fail_at(frame.end.position, "42P20", "frame end cannot be UNBOUNDED PRECEDING");
    if ((frame.start.kind == K::CurrentRow && frame.end.kind == K::Preceding) ||
        (frame.start.kind == K::Following && (frame.end.kind == K::Preceding || frame.end.kind == K::CurrentRow)))
      fail_at(frame.end.position, "42P20", "a frame starting after the current row cannot end before it");
    w->frame = std::move(frame);
  }
  return w;
}

FrameBound AstBuilder::frame_bound(P::FrameBoundContext* ctx) {
  FrameBound b;
  b.position = position_of(ctx);
  if (auto* u = dynamic_cast<P::UnboundedFrameBoundContext*>(ctx)) {
    b.kind = u->direction->getType() == L::PRECEDING ? FrameBound::Kind::UnboundedPreceding
                                                     : FrameBound::Kind::UnboundedFollowing;
  } else if (auto* o = dynamic_cast<P::OffsetFrameBoundContext*>(ctx)) {
    b.kind = o->direction->getType() == L::PRECEDING ? FrameBound::Kind::Preceding : FrameBound::Kind::Following;
    b.offset = value(o->valueExpression());
  }
  return b;
}

}  // namespace dynamosql

// The AST builder's expressions: predicates, arithmetic, literals (typed ones validated by
// value/datetime), function calls with their ORDER BY, WITHIN GROUP, FILTER and OVER, and the
// specially spelled functions (EXTRACT, POSITION, SUBSTRING, TRIM, CURRENT_DATE, ~, SIMILAR TO), which
// become ordinary Function nodes as ast.h lists; see ast_builder.h.
#include "dynamosql/error.h"
#include "sql/ast_builder.h"
#include "value/datetime.h"

namespace dynamosql {
namespace {

// Runs a value/datetime call for a literal, giving its errors the literal's position.
template <typename F>
auto checked_literal(const Position& at, F&& canonical_text) -> decltype(canonical_text()) {
  try {
    return canonical_text();
  } catch (Error& e) {
    if (e.line() == 0) e.at(at.line, at.column);
    throw;
  }
}

IntervalField interval_field(P::IntervalFieldContext* ctx) {
  if (!ctx) return IntervalField::None;
  switch (ctx->getStart()->getType()) {
    case L::YEAR: return IntervalField::Year;
    case L::MONTH: return IntervalField::Month;
    case L::DAY: return IntervalField::Day;
    case L::HOUR: return IntervalField::Hour;
    case L::MINUTE: return IntervalField::Minute;
    default: return IntervalField::Second;
  }
}

}  // namespace

ExprPtr AstBuilder::make(ExprKind kind, antlr4::ParserRuleContext* ctx) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->position = position_of(ctx);
  e->text = source_text(ctx);
  return e;
}

ExprPtr AstBuilder::function(const std::string& name, antlr4::ParserRuleContext* ctx, std::vector<ExprPtr> arguments) {
  auto e = make(ExprKind::Function, ctx);
  e->op = name;
  e->children = std::move(arguments);
  return e;
}

ExprPtr AstBuilder::string_literal(const std::string& text, antlr4::ParserRuleContext* ctx) {
  auto e = make(ExprKind::Literal, ctx);
  e->value = Value::string(text);
  e->text = "'" + text + "'";
  return e;
}

ExprPtr AstBuilder::expr(P::ExpressionContext* ctx) {
  if (auto* c = dynamic_cast<P::PredicatedContext*>(ctx)) {
    auto left = value(c->operand);
    if (!c->condition) return left;
    return predicate(c, c->condition, std::move(left));
  }
  if (auto* c = dynamic_cast<P::LogicalNotContext*>(ctx)) {
    auto inner = expr(c->expression());
    if (inner->kind == ExprKind::Exists && !inner->negated) {  // NOT EXISTS, as NOT IN
      inner->negated = true;
      inner->position = position_of(ctx);
      inner->text = source_text(ctx);
      return inner;
    }
    auto e = make(ExprKind::Not, ctx);
    e->children.push_back(std::move(inner));
    return e;
  }
  bool is_and = dynamic_cast<P::LogicalAndContext*>(ctx) != nullptr;
  auto e = make(is_and ? ExprKind::And : ExprKind::Or, ctx);
  e->op = is_and ? "AND" : "OR";
  auto operands = is_and ? static_cast<P::LogicalAndContext*>(ctx)->expression()
                         : static_cast<P::LogicalOrContext*>(ctx)->expression();
  e->children.push_back(expr(operands[0]));
  e->children.push_back(expr(operands[1]));
  return e;
}

ExprPtr AstBuilder::predicate(P::PredicatedContext* whole, P::PredicateContext* ctx, ExprPtr left) {
  if (auto* c = dynamic_cast<P::ComparisonPredicateContext*>(ctx)) {
    auto e = make(ExprKind::Compare, whole);
    std::string op = c->op->getText();
    e->op = op == "==" ? "=" : op == "!=" ? "<>" : op;
    e->children.push_back(std::move(left));
    e->children.push_back(value(c->right));
    return e;
  }
  if (auto* c = dynamic_cast<P::BetweenPredicateContext*>(ctx)) {
    auto e = make(ExprKind::Between, whole);
    e->negated = c->NOT() != nullptr;
    e->children.push_back(std::move(left));
    e->children.push_back(value(c->lower));
    e->children.push_back(value(c->upper));
    return e;
  }
  if (auto* c = dynamic_cast<P::InSubqueryPredicateContext*>(ctx)) {
    auto e = make(ExprKind::InSubquery, whole);
    e->negated = c->NOT() != nullptr;
    e->children.push_back(std::move(left));
    e->subquery = query(c->query());
    return e;
  }
  if (auto* c = dynamic_cast<P::QuantifiedPredicateContext*>(ctx)) {
    auto e = make(ExprKind::InSubquery, whole);
    std::string op = c->op->getText();
    e->op = op == "==" ? "=" : op == "!=" ? "<>" : op;
    e->all = c->quantifier->getType() == L::ALL;
    e->children.push_back(std::move(left));
    e->subquery = query(c->query());
    return e;
  }
  if (auto* c = dynamic_cast<P::InListPredicateContext*>(ctx)) {
    auto e = make(ExprKind::InList, whole);
    e->negated = c->NOT() != nullptr;
    e->children.push_back(std::move(left));
    for (auto* x : c->expression()) e->children.push_back(expr(x));
    return e;
  }
  if (auto* c = dynamic_cast<P::DistinctFromPredicateContext*>(ctx)) {
    auto e = make(ExprKind::IsDistinctFrom, whole);
    e->negated = c->NOT() != nullptr;
    e->children.push_back(std::move(left));
    e->children.push_back(value(c->right));
    return e;
  }
  if (ExprPtr e = pattern_predicate(whole, ctx, left)) return e;
  auto* c = static_cast<P::IsPredicateContext*>(ctx);
  auto e = make(c->kind->getType() == L::NULL_ ? ExprKind::IsNull : ExprKind::IsMissing, whole);
  e->negated = c->NOT() != nullptr;
  e->children.push_back(std::move(left));
  return e;
}

// LIKE, SIMILAR TO and the regex operators (~, ~*, !~, !~*); null when `ctx` is another predicate, and
// then `left` is untouched.
ExprPtr AstBuilder::pattern_predicate(P::PredicatedContext* whole, P::PredicateContext* ctx, ExprPtr& left) {
  if (auto* c = dynamic_cast<P::LikePredicateContext*>(ctx)) {
    auto e = make(ExprKind::Like, whole);
    e->negated = c->NOT() != nullptr;
    e->children.push_back(std::move(left));
    e->children.push_back(value(c->pattern));
    if (c->escape) e->children.push_back(value(c->escape));
    return e;
  }
  if (auto* c = dynamic_cast<P::SimilarPredicateContext*>(ctx)) {
    std::vector<ExprPtr> arguments;
    arguments.push_back(std::move(left));
    arguments.push_back(value(c->pattern));
    if (c->escape) arguments.push_back(value(c->escape));
    return negated_if(c->NOT() != nullptr, function("similar_to", whole, std::move(arguments)), whole);
  }
  if (auto* c = dynamic_cast<P::RegexPredicateContext*>(ctx)) {
    int op = c->op->getType();
    std::vector<ExprPtr> arguments;
    arguments.push_back(std::move(left));
    arguments.push_back(value(c->pattern));
    if (op == L::TILDE_STAR || op == L::NOT_TILDE_STAR) arguments.push_back(string_literal("i", whole));
    bool negated = op == L::NOT_TILDE || op == L::NOT_TILDE_STAR;
    return negated_if(negated, function("regexp_like", whole, std::move(arguments)), whole);
  }
  return nullptr;
}

// NOT e when `negated`, else e.
ExprPtr AstBuilder::negated_if(bool negated, ExprPtr e, P::PredicatedContext* whole) {
  if (!negated) return e;
  auto negation = make(ExprKind::Not, whole);
  negation->children.push_back(std::move(e));
  return negation;
}

ExprPtr AstBuilder::value(P::ValueExpressionContext* ctx) {
  if (auto* c = dynamic_cast<P::PrimaryValueContext*>(ctx)) {
    auto e = primary(c->inner);
    e->text = source_text(ctx);
    return e;
  }
  if (auto* c = dynamic_cast<P::MemberValueContext*>(ctx)) return member(c);
  if (auto* c = dynamic_cast<P::IndexValueContext*>(ctx)) return index(c);
  if (auto* c = dynamic_cast<P::UnaryValueContext*>(ctx)) return unary(c);
  if (auto* c = dynamic_cast<P::MultiplicativeValueContext*>(ctx))
    return binary(ctx, c->op->getText(), c->valueExpression(0), c->valueExpression(1));
  if (auto* c = dynamic_cast<P::AdditiveValueContext*>(ctx))
    return binary(ctx, c->op->getText(), c->valueExpression(0), c->valueExpression(1));
  auto* c = static_cast<P::ConcatValueContext*>(ctx);
  return binary(ctx, "||", c->valueExpression(0), c->valueExpression(1));
}

ExprPtr AstBuilder::member(P::MemberValueContext* ctx) {
  auto base = value(ctx->valueExpression());
  if (base->kind != ExprKind::Column)
    fail_at(position_of(ctx), sqlstate::kSyntax, "'.' can only follow an attribute path");
  base->path.push_back({identifier(ctx->identifier()), -1});
  base->text = source_text(ctx);
  return base;
}

ExprPtr AstBuilder::index(P::IndexValueContext* ctx) {
  auto base = value(ctx->valueExpression(0));
  auto position = value(ctx->valueExpression(1));
  if (base->kind != ExprKind::Column || position->kind != ExprKind::Literal || position->value.type() != ValueType::Number)
    fail_at(position_of(ctx), sqlstate::kSyntax, "a list index must follow an attribute path and be a number");
  auto n = position->value.as_number().to_int64();
  if (!n || *n < 0 || *n > 1000000) fail_at(position_of(ctx), sqlstate::kSyntax, "list index out of range");
  base->path.push_back({"", static_cast<int>(*n)});
  base->text = source_text(ctx);
  return base;
}

ExprPtr AstBuilder::unary(P::UnaryValueContext* ctx) {
  auto inner = value(ctx->valueExpression());
  // Fold -literal so "-0.25" is one exact literal.
  if (ctx->op->getType() == L::MINUS && inner->kind == ExprKind::Literal && inner->value.type() == ValueType::Number) {
    inner->value = Value::number(-inner->value.as_number());
    inner->position = position_of(ctx);
    inner->text = source_text(ctx);
    return inner;
  }
  auto e = make(ExprKind::Unary, ctx);
  e->op = ctx->op->getText();
  e->children.push_back(std::move(inner));
  return e;
}

ExprPtr AstBuilder::binary(antlr4::ParserRuleContext* ctx, const std::string& op, P::ValueExpressionContext* l,
                           P::ValueExpressionContext* r) {
  auto e = make(ExprKind::Binary, ctx);
  e->op = op;
  e->children.push_back(value(l));
  e->children.push_back(value(r));
  return e;
}

ExprPtr AstBuilder::primary(P::PrimaryContext* ctx) {
  // The commonest alternatives first: each test is a dynamic_cast.
  if (auto* c = dynamic_cast<P::ColumnPrimaryContext*>(ctx)) {
    auto e = make(ExprKind::Column, ctx);
    e->path.push_back({identifier(c->identifier()), -1});
    return e;
  }
  if (auto* c = dynamic_cast<P::LiteralPrimaryContext*>(ctx)) {
    auto e = make(ExprKind::Literal, ctx);
    e->value = literal(c->literal());
    return e;
  }
  if (auto* c = dynamic_cast<P::FunctionPrimaryContext*>(ctx)) return function_call(c);
  if (auto* c = dynamic_cast<P::CountStarPrimaryContext*>(ctx)) {
    auto e = make(ExprKind::Function, ctx);
    e->op = function_name(c->name);
    e->star = true;
    call_clauses(*e, c->filter, c->over);
    return e;
  }
  if (auto* c = dynamic_cast<P::ParameterPrimaryContext*>(ctx)) {
    auto e = make(ExprKind::Parameter, ctx);
    e->parameter_index = parameter_ordinals_.at(c->QUESTION()->getSymbol()->getTokenIndex());
    return e;
  }
  if (auto* c = dynamic_cast<P::ParenthesizedPrimaryContext*>(ctx)) return expr(c->expression());
  if (auto* c = dynamic_cast<P::TypedLiteralPrimaryContext*>(ctx)) return typed_literal(c->typedLiteral());
  if (auto* c = dynamic_cast<P::CasePrimaryContext*>(ctx)) return case_expression(c);
  if (auto* c = dynamic_cast<P::CastPrimaryContext*>(ctx)) {
    auto e = make(ExprKind::Cast, ctx);
    e->children.push_back(expr(c->expression()));
    e->type_name = type_name(c->typeName());
    return e;
  }
  if (auto* c = dynamic_cast<P::SubqueryPrimaryContext*>(ctx)) {
    auto e = make(ExprKind::Subquery, ctx);
    e->subquery = query(c->query());
    return e;
  }
  if (auto* c = dynamic_cast<P::ExistsPrimaryContext*>(ctx)) {
    auto e = make(ExprKind::Exists, ctx);
    e->subquery = query(c->query());
    return e;
  }
  if (auto* c = dynamic_cast<P::DocumentPrimaryContext*>(ctx)) {
    auto e = make(ExprKind::Document, ctx);
    for (auto* entry : c->documentEntry()) {
      e->keys.push_back(entry->STRING() ? unquote(entry->STRING()->getText(), '\'') : identifier(entry->identifier()));
      e->children.push_back(expr(entry->expression()));
    }
    return e;
  }
  if (auto* c = dynamic_cast<P::ListPrimaryContext*>(ctx)) return collection(ExprKind::List, c, c->expression());
  if (auto* c = dynamic_cast<P::SetPrimaryContext*>(ctx)) return collection(ExprKind::Set, c, c->expression());
  return special_function(ctx);
}

// CURRENT_DATE & co., EXTRACT, POSITION, SUBSTRING and TRIM as the Function nodes ast.h lists.
ExprPtr AstBuilder::special_function(P::PrimaryContext* ctx) {
  std::vector<ExprPtr> arguments;
  if (auto* c = dynamic_cast<P::CurrentTimePrimaryContext*>(ctx)) {
    if (c->precision) {
      if (c->name->getType() == L::CURRENT_DATE)
        fail_at(position_of(c->precision), sqlstate::kSyntax, "CURRENT_DATE takes no precision");
      auto p = make(ExprKind::Literal, ctx);
      p->value = Value::number(Number::from_text(c->precision->getText()));
      if (p->value.as_number() > Number(6))
        fail_at(position_of(c->precision), sqlstate::kSyntax, "the precision of " + upper(c->name->getText()) + " is 0 to 6");
      arguments.push_back(std::move(p));
    }
    return function(lower(c->name->getText()), ctx, std::move(arguments));
  }
  if (auto* c = dynamic_cast<P::ExtractPrimaryContext*>(ctx)) {
    auto* f = c->field;
    std::string name = f->STRING() ? unquote(f->STRING()->getText(), '\'') : identifier(f->identifier());
    if (!parse_field(name)) fail_at(position_of(f), "22023", "EXTRACT field \"" + name + "\" is not recognized");
    arguments.push_back(string_literal(lower(name), f));
    arguments.push_back(value(c->valueExpression()));
    return function("extract", ctx, std::move(arguments));
  }
  if (auto* c = dynamic_cast<P::PositionPrimaryContext*>(ctx)) {
    arguments.push_back(value(c->needle));
    arguments.push_back(value(c->haystack));
    return function("position", ctx, std::move(arguments));
  }
  if (auto* c = dynamic_cast<P::SubstringPrimaryContext*>(ctx)) {
    arguments.push_back(value(c->valueExpression(0)));
    if (c->startAt) {
      arguments.push_back(value(c->startAt));
    } else {  // SUBSTRING(x FOR n): from the first character
      arguments.push_back(make(ExprKind::Literal, ctx));
      arguments.back()->value = Value::number(Number(1));
      arguments.back()->text = "1";
    }
    if (c->length) arguments.push_back(value(c->length));
    return function("substring", ctx, std::move(arguments));
  }
  auto* c = static_cast<P::TrimPrimaryContext*>(ctx);
  arguments.push_back(value(c->trimmed));
  if (c->characters) arguments.push_back(value(c->characters));
  size_t side = c->side ? c->side->getType() : size_t{L::BOTH};
  return function(side == L::LEADING ? "ltrim" : side == L::TRAILING ? "rtrim" : "trim", ctx, std::move(arguments));
}

ExprPtr AstBuilder::function_call(P::FunctionPrimaryContext* ctx) {
  auto e = make(ExprKind::Function, ctx);
  e->op = function_name(ctx->name);
  e->distinct = ctx->quantifier && ctx->quantifier->DISTINCT();
  for (auto* x : ctx->arguments) e->children.push_back(expr(x));
  if (ctx->ordering) e->order_by = order_by(ctx->ordering);
  if (auto* within = ctx->within) {
    if (!e->order_by.empty())
      fail_at(position_of(within), sqlstate::kSyntax, "ORDER BY cannot be given both in the arguments and WITHIN GROUP");
    e->within_group = true;
    e->order_by = order_by(within->orderByClause());
  }
  call_clauses(*e, ctx->filter, ctx->over);
  return e;
}

void AstBuilder::call_clauses(Expr& e, P::FilterClauseContext* filter, P::OverClauseContext* over) {
  if (filter) e.filter = expr(filter->expression());
  if (!over) return;
  if (over->windowSpecification()) {
    e.window = window_spec(over->windowSpecification());
  } else {  // OVER w
    e.window = std::make_unique<WindowSpec>();
    e.window->base = identifier(over->identifier());
    e.window->position = position_of(over->identifier());
  }
}

ExprPtr AstBuilder::typed_literal(P::TypedLiteralContext* ctx) {
  auto e = make(ExprKind::TypedLiteral, ctx);
  antlr4::tree::TerminalNode* string = nullptr;
  std::string canonical;
  if (auto* c = dynamic_cast<P::DateLiteralContext*>(ctx)) {
    string = c->STRING();
    e->type_name = "DATE";
    std::string text = unquote(string->getText(), '\'');
    canonical = checked_literal(e->position, [&] { return format_date(parse_date(text)); });
  } else if (auto* t = dynamic_cast<P::TimeLiteralContext*>(ctx)) {
    string = t->STRING();
    e->type_name = "TIME";
    std::string text = unquote(string->getText(), '\'');
    canonical = checked_literal(e->position, [&] { return format_time(parse_time(text)); });
  } else if (auto* ts = dynamic_cast<P::TimestampLiteralContext*>(ctx)) {
    string = ts->STRING();
    bool zoned = ts->withZone != nullptr;
    e->type_name = zoned ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
    std::string text = unquote(string->getText(), '\'');
    // Both kinds hold UTC (the UTC rule of value/datetime.h); the canonical text sorts in time order.
    canonical = checked_literal(e->position, [&] { return format_timestamp(parse_timestamp(text)); });
  } else {
    auto* i = static_cast<P::IntervalLiteralContext*>(ctx);
    string = i->STRING();
    e->type_name = "INTERVAL";
    IntervalField first = interval_field(i->first), last = interval_field(i->last);
    bool year_month = first == IntervalField::Year || first == IntervalField::Month;
    if (i->last && (last <= first || year_month != (last == IntervalField::Month)))
      fail_at(position_of(i->first), sqlstate::kSyntax,
              "invalid interval qualifier " + i->first->getText() + " TO " + i->last->getText());
    std::string text = unquote(string->getText(), '\'');
    Interval interval = checked_literal(e->position, [&] { return parse_interval(text, first, last); });
    e->value = Value::interval(format_interval(interval), length_of(interval));
    return e;
  }
  e->value = Value::string(canonical);
  return e;
}

ExprPtr AstBuilder::case_expression(P::CasePrimaryContext* ctx) {
  auto e = make(ExprKind::Case, ctx);
  if (ctx->operand) {
    e->has_operand = true;
    e->children.push_back(expr(ctx->operand));
  }
  for (auto* w : ctx->whenClause()) {
    e->children.push_back(expr(w->condition));
    e->children.push_back(expr(w->result));
  }
  if (ctx->elseExpr) {
    e->has_else = true;
    e->children.push_back(expr(ctx->elseExpr));
  }
  return e;
}

ExprPtr AstBuilder::collection(ExprKind kind, antlr4::ParserRuleContext* ctx, const std::vector<P::ExpressionContext*>& items) {
  auto e = make(kind, ctx);
  for (auto* x : items) e->children.push_back(expr(x));
  return e;
}

Value AstBuilder::literal(P::LiteralContext* ctx) {
  antlr4::Token* token = ctx->getStart();  // every literal is one token
  switch (token->getType()) {
    case L::STRING: return Value::string(unquote(token->getText(), '\''));
    case L::INTEGER_VALUE:
    case L::DECIMAL_VALUE: return Value::number(Number::from_text(token->getText()));
    case L::TRUE_: return Value::boolean(true);
    case L::FALSE_: return Value::boolean(false);
    case L::NULL_: return Value::null();
    default: return Value::missing();
  }
}

}  // namespace dynamosql

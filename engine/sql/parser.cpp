// Parsing with the ANTLR-generated lexer and parser, and the parse tree -> AST builder. This is the
// only file that includes generated headers.
#include "sql/parser.h"

#include <algorithm>
#include <map>

#include "DynamoSqlLexer.h"
#include "DynamoSqlParser.h"
#include "antlr4-runtime.h"
#include "common/error.h"
#include "value/utf8.h"

namespace dynamosql {
namespace {

using P = dynamosql_generated::DynamoSqlParser;
using L = dynamosql_generated::DynamoSqlLexer;

class ThrowingErrorListener : public antlr4::BaseErrorListener {
 public:
  void syntaxError(antlr4::Recognizer*, antlr4::Token* token, size_t line, size_t column, const std::string& msg,
                   std::exception_ptr) override {
    std::string near;
    if (!token || token->getType() == antlr4::Token::EOF) {
      near = "at end of input";
    } else {
      std::string text = token->getText();
      if (text.size() > 40) text = text.substr(0, 40) + "...";
      near = "at or near \"" + text + "\"";
    }
    std::string detail;
    if (msg.rfind("extraneous", 0) == 0 || msg.rfind("mismatched", 0) == 0 || msg.rfind("missing", 0) == 0) {
      auto pos = msg.find("expecting");
      if (pos != std::string::npos && msg.size() - pos < 80) detail = " (" + msg.substr(pos) + ")";
    } else if (msg.rfind("token recognition error", 0) == 0) {
      detail = "";
    }
    throw Error(sqlstate::kSyntax, "syntax error " + near + detail)
        .at(static_cast<int>(line), static_cast<int>(column) + 1);
  }
};

std::string unquote(const std::string& text, char quote) {
  std::string out;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    out += text[i];
    if (text[i] == quote && i + 2 < text.size() && text[i + 1] == quote) ++i;
  }
  return out;
}

Position pos_of(antlr4::ParserRuleContext* ctx) {
  return {static_cast<int>(ctx->getStart()->getLine()), static_cast<int>(ctx->getStart()->getCharPositionInLine()) + 1};
}

class AstBuilder {
 public:
  explicit AstBuilder(antlr4::CommonTokenStream& tokens, const std::string& source)
      : tokens_(tokens), source_(source) {
    int ordinal = 0;
    for (auto* t : tokens_.getTokens())
      if (t->getType() == L::QUESTION) parameter_ordinals_[t->getTokenIndex()] = ordinal++;
    parameter_count_ = ordinal;
  }

  int parameter_count() const { return parameter_count_; }

  std::unique_ptr<Statement> statement(P::StatementContext* ctx) {
    auto s = std::make_unique<Statement>();
    s->position = pos_of(ctx);
    if (auto* e = dynamic_cast<P::ExplainStatementContext*>(ctx)) {
      s->kind = StatementKind::Explain;
      s->analyze = e->ANALYZE() != nullptr;
      s->explained = statement(e->statement());
    } else if (auto* q = dynamic_cast<P::QueryStatementContext*>(ctx)) {
      s->kind = StatementKind::Query;
      s->query = query(q->query());
    } else if (dynamic_cast<P::ShowTablesStatementContext*>(ctx)) {
      s->kind = StatementKind::ShowTables;
    } else if (auto* d = dynamic_cast<P::DescribeStatementContext*>(ctx)) {
      s->kind = StatementKind::Describe;
      s->table = table_name(d->tableName());
    } else if (auto* set = dynamic_cast<P::SetStatementContext*>(ctx)) {
      s->kind = StatementKind::Set;
      s->setting = identifier(set->identifier());
      if (set->setValue()->literal()) {
        s->setting_value = literal(set->setValue()->literal());
        if (set->setValue()->MINUS()) {
          if (s->setting_value.type() != ValueType::Number)
            throw Error(sqlstate::kSyntax, "'-' can only precede a number")
                .at(pos_of(set->setValue()).line, pos_of(set->setValue()).column);
          s->setting_value = Value::number(-s->setting_value.as_number());
        }
      } else
        s->setting_value = Value::string(identifier(set->setValue()->identifier()));
    } else if (auto* show = dynamic_cast<P::ShowSettingStatementContext*>(ctx)) {
      s->kind = StatementKind::ShowSetting;
      s->show_all = show->ALL() != nullptr;
      if (!s->show_all) s->setting = identifier(show->identifier());
    } else if (auto* ins = dynamic_cast<P::InsertStatementContext*>(ctx)) {
      s->kind = StatementKind::Insert;
      s->table = table_name(ins->tableName());
      s->insert = std::make_shared<InsertStatement>();
      s->insert->upsert = ins->UPSERT() != nullptr;
      if (ins->columnList())
        for (auto* id : ins->columnList()->identifier()) s->insert->columns.push_back(identifier(id));
      auto* src = ins->insertSource();
      if (auto* v = dynamic_cast<P::ValuesSourceContext*>(src)) {
        for (auto* row : v->valuesRow()) {
          std::vector<ExprPtr> values;
          for (auto* x : row->expression()) values.push_back(expr(x));
          s->insert->rows.push_back(std::move(values));
        }
      } else if (auto* docs = dynamic_cast<P::DocumentSourceContext*>(src)) {
        for (auto* x : docs->expression()) s->insert->documents.push_back(expr(x));
      } else {
        s->insert->query = query(static_cast<P::QuerySourceContext*>(src)->query());
      }
    } else if (auto* up = dynamic_cast<P::UpdateStatementContext*>(ctx)) {
      s->kind = StatementKind::Update;
      s->table = table_name(up->tableName());
      for (auto* action : up->updateAction()) {
        if (auto* set_action = dynamic_cast<P::SetActionContext*>(action)) {
          for (auto* clause : set_action->setClause()) s->assignments.push_back({value(clause->target), expr(clause->expression())});
        } else {
          for (auto* target : static_cast<P::RemoveActionContext*>(action)->valueExpression())
            s->assignments.push_back({value(target), nullptr});
        }
      }
      if (up->where) s->where = expr(up->where);
    } else if (auto* del = dynamic_cast<P::DeleteStatementContext*>(ctx)) {
      s->kind = StatementKind::Delete;
      s->table = table_name(del->tableName());
      if (del->where) s->where = expr(del->where);
    } else if (auto* create = dynamic_cast<P::CreateTableStatementContext*>(ctx)) {
      s->kind = StatementKind::CreateTable;
      s->table = table_name(create->tableName());
      s->create = std::make_shared<CreateTableStatement>();
      s->create->if_not_exists = create->EXISTS() != nullptr;
      for (auto* element : create->tableElement()) {
        if (auto* col = dynamic_cast<P::ColumnDefinitionContext*>(element)) {
          std::string name = identifier(col->identifier());
          s->create->columns.push_back({name, upper(identifier(col->typeName()->identifier())), pos_of(col)});
          if (col->PRIMARY()) s->create->primary_key.push_back(name);
        } else if (auto* ix = dynamic_cast<P::IndexDefinitionContext*>(element)) {
          IndexSpec index;
          index.name = identifier(ix->identifier());
          index.local = ix->LOCAL() != nullptr;
          index.keys = index_keys(ix->indexKey());
          index.options = options(ix->tableOption());
          index.position = pos_of(ix);
          s->create->indexes.push_back(std::move(index));
        } else {
          auto* pk = static_cast<P::PrimaryKeyDefinitionContext*>(element);
          if (!s->create->primary_key.empty())
            throw Error(sqlstate::kSyntax, "the primary key is given twice").at(pos_of(pk).line, pos_of(pk).column);
          for (auto* id : pk->identifier()) s->create->primary_key.push_back(identifier(id));
        }
      }
      s->create->options = options(create->tableOption());
    } else if (auto* ci = dynamic_cast<P::CreateIndexStatementContext*>(ctx)) {
      s->kind = StatementKind::CreateIndex;
      s->index_name = identifier(ci->identifier());
      s->table = table_name(ci->tableName());
      s->create = std::make_shared<CreateTableStatement>();
      s->create->columns = index_keys(ci->indexKey());
      for (const auto& key : s->create->columns) s->create->primary_key.push_back(key.name);
      s->create->options = options(ci->tableOption());
    } else if (auto* di = dynamic_cast<P::DropIndexStatementContext*>(ctx)) {
      s->kind = StatementKind::DropIndex;
      s->index_name = identifier(di->identifier());
      s->table = table_name(di->tableName());
    } else if (auto* at = dynamic_cast<P::AlterTableStatementContext*>(ctx)) {
      s->kind = StatementKind::AlterTable;
      s->table = table_name(at->tableName());
      s->create = std::make_shared<CreateTableStatement>();
      s->create->options = options(at->tableOption());
    } else if (auto* from = dynamic_cast<P::CopyFromStatementContext*>(ctx)) {
      s->kind = StatementKind::Copy;
      s->table = table_name(from->tableName());
      s->copy = copy_statement(from->copyColumns(), from->path, from->copyOptions());
    } else if (auto* to = dynamic_cast<P::CopyToStatementContext*>(ctx)) {
      s->kind = StatementKind::Copy;
      s->copy = copy_statement(to->copyColumns(), to->path, to->copyOptions());
      s->copy->to = true;
      if (to->tableName()) s->table = table_name(to->tableName());
      else s->copy->query = query(to->query());
    } else if (dynamic_cast<P::BeginStatementContext*>(ctx)) {
      s->kind = StatementKind::Begin;
    } else if (dynamic_cast<P::CommitStatementContext*>(ctx)) {
      s->kind = StatementKind::Commit;
    } else if (dynamic_cast<P::RollbackStatementContext*>(ctx)) {
      s->kind = StatementKind::Rollback;
    } else if (auto* drop = dynamic_cast<P::DropTableStatementContext*>(ctx)) {
      s->kind = StatementKind::DropTable;
      s->table = table_name(drop->tableName());
      s->if_exists = drop->EXISTS() != nullptr;
    }
    return s;
  }

 private:
  std::vector<ColumnSpec> index_keys(const std::vector<P::IndexKeyContext*>& keys) {
    std::vector<ColumnSpec> out;
    for (auto* key : keys)
      out.push_back({identifier(key->identifier()), key->typeName() ? upper(identifier(key->typeName()->identifier())) : "", pos_of(key)});
    return out;
  }

  Options options(const std::vector<P::TableOptionContext*>& list) {
    Options out;
    for (auto* option : list) out.emplace_back(lower(identifier(option->identifier())), literal(option->literal()));
    return out;
  }

  std::shared_ptr<CopyStatement> copy_statement(P::CopyColumnsContext* columns, antlr4::Token* path, P::CopyOptionsContext* opts) {
    auto c = std::make_shared<CopyStatement>();
    if (columns) c->columns = index_keys(columns->indexKey());
    c->path = unquote(path->getText(), '\'');
    c->path_position = {static_cast<int>(path->getLine()), static_cast<int>(path->getCharPositionInLine()) + 1};
    if (opts) {
      for (auto* option : opts->copyOption()) {
        // A bare option (HEADER) is true; an identifier value (FORMAT csv) is its text.
        Value v = option->literal() ? literal(option->literal())
                  : option->identifier().size() > 1 ? Value::string(identifier(option->identifier(1)))
                                                    : Value::boolean(true);
        c->options.emplace_back(lower(identifier(option->identifier(0))), std::move(v));
      }
    }
    return c;
  }

  std::string identifier(P::IdentifierContext* ctx) {
    if (ctx->QUOTED_IDENTIFIER()) return unquote(ctx->getText(), '"');
    return ctx->getText();
  }

  std::string function_name(P::FunctionNameContext* ctx) {
    return ctx->identifier() ? identifier(ctx->identifier()) : ctx->getText();
  }

  std::string source_text(antlr4::ParserRuleContext* ctx) {
    auto start = ctx->getStart()->getStartIndex();
    auto stop = ctx->getStop() ? ctx->getStop()->getStopIndex() : start;
    if (start == INVALID_INDEX || stop == INVALID_INDEX || stop < start) return ctx->getText();
    return source_.substr(start, stop - start + 1);
  }

  std::shared_ptr<TableRef> table_name(P::TableNameContext* ctx) {
    auto t = std::make_shared<TableRef>();
    t->position = pos_of(ctx);
    auto ids = ctx->identifier();
    t->table = identifier(ids[0]);
    if (ids.size() > 1) {
      // streams.orders names a stream table; "table"."index" an index.
      if (ids[0]->getText() == "streams") {
        t->schema = "streams";
        t->table = identifier(ids[1]);
      } else {
        t->index = identifier(ids[1]);
      }
    }
    return t;
  }

  std::shared_ptr<Query> query(P::QueryContext* ctx) {
    auto q = std::make_shared<Query>();
    q->position = pos_of(ctx);
    for (auto* term : ctx->queryTerm()) {
      Query::Term t;
      if (term->querySpecification())
        t.spec = spec(term->querySpecification());
      else
        t.nested = query(term->query());
      q->terms.push_back(std::move(t));
    }
    if (auto* ob = ctx->orderByClause()) {
      for (auto* item : ob->orderItem()) {
        OrderItem o;
        o.expr = expr(item->expression());
        o.descending = item->ordering && item->ordering->getType() == L::DESC;
        if (item->nullOrder) o.nulls_first = item->nullOrder->getType() == L::FIRST;
        q->order_by.push_back(std::move(o));
      }
    }
    if (auto* lc = ctx->limitClause()) {
      if (lc->limit) q->limit = expr(lc->limit);
      if (lc->offset) q->offset = expr(lc->offset);
      if (!lc->limit && lc->FETCH()) {  // FETCH FIRST ROW ONLY
        q->limit = std::make_unique<Expr>();
        q->limit->value = Value::number(Number(1));
      }
    }
    return q;
  }

  std::shared_ptr<QuerySpec> spec(P::QuerySpecificationContext* ctx) {
    auto s = std::make_shared<QuerySpec>();
    s->position = pos_of(ctx);
    s->distinct = ctx->setQuantifier() && ctx->setQuantifier()->DISTINCT();
    for (auto* item : ctx->selectItem()) {
      SelectItem si;
      si.position = pos_of(item);
      if (dynamic_cast<P::SelectAllContext*>(item)) {
        si.kind = SelectItem::Kind::All;
      } else if (auto* of = dynamic_cast<P::SelectAllOfContext*>(item)) {
        si.kind = SelectItem::Kind::AllOf;
        si.qualifier = identifier(of->identifier());
      } else {
        auto* e = static_cast<P::SelectExpressionContext*>(item);
        si.expr = expr(e->expression());
        if (e->identifier()) si.alias = identifier(e->identifier());
      }
      s->items.push_back(std::move(si));
    }
    if (auto* from = ctx->fromClause()) {
      s->from = relation(from->relation());
      for (auto* j : from->joinClause()) {
        Join join;
        if (auto* q = dynamic_cast<P::QualifiedJoinContext*>(j)) {
          join.left = q->joinType()->LEFT() != nullptr;
          join.right = relation(q->relation());
          join.condition = expr(q->expression());
        } else {
          auto* c = static_cast<P::CrossJoinContext*>(j);
          join.right = relation(c->relation());
          join.condition = std::make_unique<Expr>();  // ON TRUE
          join.condition->value = Value::boolean(true);
          join.condition->text = "TRUE";
          join.condition->position = pos_of(c);
        }
        s->joins.push_back(std::move(join));
      }
    }
    if (ctx->where) s->where = expr(ctx->where);
    if (ctx->GROUP()) {
      auto exprs = ctx->expression();
      // expression() lists WHERE, the GROUP BY items and HAVING in order; take the GROUP BY ones.
      for (auto* e : exprs)
        if (e != ctx->where && e != ctx->having) s->group_by.push_back(expr(e));
    }
    if (ctx->having) s->having = expr(ctx->having);
    return s;
  }

  std::shared_ptr<TableRef> relation(P::RelationContext* ctx) {
    if (auto* t = dynamic_cast<P::TableRelationContext*>(ctx)) {
      auto ref = table_name(t->tableName());
      if (t->identifier()) ref->alias = identifier(t->identifier());
      return ref;
    }
    auto* s = static_cast<P::SubqueryRelationContext*>(ctx);
    auto ref = std::make_shared<TableRef>();
    ref->position = pos_of(s);
    ref->subquery = query(s->query());
    ref->alias = identifier(s->identifier());
    return ref;
  }

  Value literal(P::LiteralContext* ctx) {
    if (auto* s = dynamic_cast<P::StringLiteralContext*>(ctx)) return Value::string(unquote(s->getText(), '\''));
    if (auto* n = dynamic_cast<P::NumberLiteralContext*>(ctx)) {
      Number num = Number::from_text(n->getText());
      return Value::number(num);
    }
    if (auto* b = dynamic_cast<P::BooleanLiteralContext*>(ctx)) return Value::boolean(b->TRUE_() != nullptr);
    if (dynamic_cast<P::NullLiteralContext*>(ctx)) return Value::null();
    return Value::missing();
  }

  ExprPtr make(ExprKind kind, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->position = pos_of(ctx);
    e->text = source_text(ctx);
    return e;
  }

  ExprPtr expr(P::ExpressionContext* ctx) { return boolean(ctx->booleanExpression()); }

  ExprPtr boolean(P::BooleanExpressionContext* ctx) {
    if (auto* c = dynamic_cast<P::PredicatedContext*>(ctx)) {
      auto left = value(c->valueExpression());
      if (!c->predicate()) return left;
      return predicate(c, c->predicate(), std::move(left));
    }
    if (auto* c = dynamic_cast<P::LogicalNotContext*>(ctx)) {
      auto e = make(ExprKind::Not, ctx);
      e->children.push_back(boolean(c->booleanExpression()));
      return e;
    }
    if (auto* c = dynamic_cast<P::LogicalAndContext*>(ctx)) {
      auto e = make(ExprKind::And, ctx);
      e->op = "AND";
      e->children.push_back(boolean(c->booleanExpression(0)));
      e->children.push_back(boolean(c->booleanExpression(1)));
      return e;
    }
    auto* c = static_cast<P::LogicalOrContext*>(ctx);
    auto e = make(ExprKind::Or, ctx);
    e->op = "OR";
    e->children.push_back(boolean(c->booleanExpression(0)));
    e->children.push_back(boolean(c->booleanExpression(1)));
    return e;
  }

  ExprPtr predicate(P::PredicatedContext* whole, P::PredicateContext* ctx, ExprPtr left) {
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
    if (auto* c = dynamic_cast<P::InListPredicateContext*>(ctx)) {
      auto e = make(ExprKind::InList, whole);
      e->negated = c->NOT() != nullptr;
      e->children.push_back(std::move(left));
      for (auto* x : c->expression()) e->children.push_back(expr(x));
      return e;
    }
    if (auto* c = dynamic_cast<P::LikePredicateContext*>(ctx)) {
      auto e = make(ExprKind::Like, whole);
      e->negated = c->NOT() != nullptr;
      e->children.push_back(std::move(left));
      e->children.push_back(value(c->pattern));
      if (c->escape) e->children.push_back(value(c->escape));
      return e;
    }
    auto* c = static_cast<P::IsPredicateContext*>(ctx);
    auto e = make(c->kind->getType() == L::NULL_ ? ExprKind::IsNull : ExprKind::IsMissing, whole);
    e->negated = c->NOT() != nullptr;
    e->children.push_back(std::move(left));
    return e;
  }

  ExprPtr value(P::ValueExpressionContext* ctx) {
    if (auto* c = dynamic_cast<P::PrimaryValueContext*>(ctx)) {
      auto e = primary(c->primary());
      e->text = source_text(ctx);
      return e;
    }
    if (auto* c = dynamic_cast<P::MemberValueContext*>(ctx)) {
      auto base = value(c->valueExpression());
      if (base->kind == ExprKind::Column) {
        base->path.push_back({identifier(c->identifier()), -1});
        base->text = source_text(ctx);
        return base;
      }
      throw Error(sqlstate::kSyntax, "'.' can only follow an attribute path").at(pos_of(ctx).line, pos_of(ctx).column);
    }
    if (auto* c = dynamic_cast<P::IndexValueContext*>(ctx)) {
      auto base = value(c->valueExpression(0));
      auto index = value(c->valueExpression(1));
      if (base->kind != ExprKind::Column || index->kind != ExprKind::Literal || index->value.type() != ValueType::Number)
        throw Error(sqlstate::kSyntax, "a list index must follow an attribute path and be a number")
            .at(pos_of(ctx).line, pos_of(ctx).column);
      auto n = index->value.as_number().to_int64();
      if (!n || *n < 0 || *n > 1000000)
        throw Error(sqlstate::kSyntax, "list index out of range").at(pos_of(ctx).line, pos_of(ctx).column);
      base->path.push_back({"", static_cast<int>(*n)});
      base->text = source_text(ctx);
      return base;
    }
    if (auto* c = dynamic_cast<P::UnaryValueContext*>(ctx)) {
      auto inner = value(c->valueExpression());
      // Fold -literal so "-0.25" is one exact literal.
      if (c->op->getType() == L::MINUS && inner->kind == ExprKind::Literal && inner->value.type() == ValueType::Number) {
        inner->value = Value::number(-inner->value.as_number());
        inner->position = pos_of(ctx);
        inner->text = source_text(ctx);
        return inner;
      }
      auto e = make(ExprKind::Unary, ctx);
      e->op = c->op->getText();
      e->children.push_back(std::move(inner));
      return e;
    }
    if (auto* c = dynamic_cast<P::MultiplicativeValueContext*>(ctx))
      return binary(ExprKind::Binary, ctx, c->op->getText(), c->valueExpression(0), c->valueExpression(1));
    if (auto* c = dynamic_cast<P::AdditiveValueContext*>(ctx))
      return binary(ExprKind::Binary, ctx, c->op->getText(), c->valueExpression(0), c->valueExpression(1));
    auto* c = static_cast<P::ConcatValueContext*>(ctx);
    return binary(ExprKind::Binary, ctx, "||", c->valueExpression(0), c->valueExpression(1));
  }

  ExprPtr binary(ExprKind kind, antlr4::ParserRuleContext* ctx, const std::string& op, P::ValueExpressionContext* l,
                 P::ValueExpressionContext* r) {
    auto e = make(kind, ctx);
    e->op = op;
    e->children.push_back(value(l));
    e->children.push_back(value(r));
    return e;
  }

  ExprPtr primary(P::PrimaryContext* ctx) {
    if (auto* c = dynamic_cast<P::LiteralPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Literal, ctx);
      e->value = literal(c->literal());
      return e;
    }
    if (auto* c = dynamic_cast<P::ParameterPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Parameter, ctx);
      e->parameter_index = parameter_ordinals_.at(c->QUESTION()->getSymbol()->getTokenIndex());
      return e;
    }
    if (auto* c = dynamic_cast<P::CountStarPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Function, ctx);
      e->op = lower(function_name(c->functionName()));
      e->star = true;
      return e;
    }
    if (auto* c = dynamic_cast<P::FunctionPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Function, ctx);
      e->op = lower(function_name(c->functionName()));
      e->distinct = c->setQuantifier() && c->setQuantifier()->DISTINCT();
      for (auto* x : c->expression()) e->children.push_back(expr(x));
      return e;
    }
    if (auto* c = dynamic_cast<P::CasePrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Case, ctx);
      if (c->operand) {
        e->has_operand = true;
        e->children.push_back(expr(c->operand));
      }
      for (auto* w : c->whenClause()) {
        e->children.push_back(expr(w->condition));
        e->children.push_back(expr(w->result));
      }
      if (c->elseExpr) {
        e->has_else = true;
        e->children.push_back(expr(c->elseExpr));
      }
      return e;
    }
    if (auto* c = dynamic_cast<P::CastPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Cast, ctx);
      e->children.push_back(expr(c->expression()));
      e->type_name = upper(identifier(c->typeName()->identifier()));
      return e;
    }
    if (auto* c = dynamic_cast<P::ColumnPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Column, ctx);
      e->path.push_back({identifier(c->identifier()), -1});
      return e;
    }
    if (auto* c = dynamic_cast<P::SubqueryPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Subquery, ctx);
      e->subquery = query(c->query());
      return e;
    }
    if (auto* c = dynamic_cast<P::ParenthesizedPrimaryContext*>(ctx)) return expr(c->expression());
    if (auto* c = dynamic_cast<P::DocumentPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Document, ctx);
      for (auto* entry : c->documentEntry()) {
        e->keys.push_back(entry->STRING() ? unquote(entry->STRING()->getText(), '\'') : identifier(entry->identifier()));
        e->children.push_back(expr(entry->expression()));
      }
      return e;
    }
    if (auto* c = dynamic_cast<P::ListPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::List, ctx);
      for (auto* x : c->expression()) e->children.push_back(expr(x));
      return e;
    }
    if (auto* c = dynamic_cast<P::SetPrimaryContext*>(ctx)) {
      auto e = make(ExprKind::Set, ctx);
      for (auto* x : c->expression()) e->children.push_back(expr(x));
      return e;
    }
    throw Error(sqlstate::kSyntax, "unsupported expression").at(pos_of(ctx).line, pos_of(ctx).column);
  }

  static std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  }
  static std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
  }

  antlr4::CommonTokenStream& tokens_;
  const std::string& source_;
  std::map<size_t, int> parameter_ordinals_;
  int parameter_count_ = 0;
};

// SQL text must be UTF-8 (ANTLR's input stream throws std::range_error otherwise): a bad byte is a
// 22021 error at its line and column.
void check_utf8(const std::string& text) {
  int line = 1, column = 1;
  for (size_t i = 0; i < text.size();) {
    auto cp = decode_utf8(text, i);
    if (!cp) throw Error("22021", "the statement is not valid UTF-8").at(line, column);
    if (*cp == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

}  // namespace

std::unique_ptr<Statement> parse_statement(const std::string& sql) {
  check_utf8(sql);
  antlr4::ANTLRInputStream input(sql);
  L lexer(&input);
  ThrowingErrorListener listener;
  lexer.removeErrorListeners();
  lexer.addErrorListener(&listener);
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  for (auto* t : tokens.getTokens())
    if (t->getType() == L::UNRECOGNIZED)
      throw Error(sqlstate::kSyntax, "syntax error at or near \"" + t->getText() + "\"")
          .at(static_cast<int>(t->getLine()), static_cast<int>(t->getCharPositionInLine()) + 1);
  P parser(&tokens);
  parser.removeErrorListeners();
  P::SingleStatementContext* tree = nullptr;
  // Two-stage parsing: fast SLL first, full LL only when SLL fails.
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    tree = parser.singleStatement();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(0);
    parser.reset();
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    tree = parser.singleStatement();
  }
  AstBuilder builder(tokens, sql);
  auto statement = builder.statement(tree->statement());
  statement->parameter_count = builder.parameter_count();
  return statement;
}

std::vector<StatementText> split_statements(const std::string& script) {
  // Not UTF-8: one piece, so that parsing it reports where (22021).
  try {
    check_utf8(script);
  } catch (const Error&) {
    return {{script, 1, false}};
  }
  antlr4::ANTLRInputStream input(script);
  L lexer(&input);
  lexer.removeErrorListeners();
  std::vector<StatementText> out;
  size_t start = 0;
  int start_line = 1;
  bool has_content = false;
  for (auto token = lexer.nextToken(); token->getType() != antlr4::Token::EOF; token = lexer.nextToken()) {
    bool hidden = token->getChannel() != antlr4::Token::DEFAULT_CHANNEL;
    if (token->getType() == L::SEMI) {
      if (has_content) out.push_back({script.substr(start, token->getStartIndex() - start), start_line, true});
      start = token->getStopIndex() + 1;
      has_content = false;
      continue;
    }
    if (!hidden && !has_content) {
      has_content = true;
      start = token->getStartIndex();
      start_line = static_cast<int>(token->getLine());
    }
  }
  if (has_content) out.push_back({script.substr(start), start_line, false});
  return out;
}

}  // namespace dynamosql

// The AST builder's statements and shared helpers; see ast_builder.h.
#include "sql/ast_builder.h"

#include <algorithm>

#include "dynamosql/error.h"

namespace dynamosql {

Position position_of(antlr4::ParserRuleContext* ctx) { return position_of(ctx->getStart()); }

Position position_of(antlr4::Token* token) {
  return {static_cast<int>(token->getLine()), static_cast<int>(token->getCharPositionInLine()) + 1};
}

std::string unquote(const std::string& text, char quote) {
  std::string out;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    out += text[i];
    if (text[i] == quote && i + 2 < text.size() && text[i + 1] == quote) ++i;
  }
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

AstBuilder::AstBuilder(antlr4::CommonTokenStream& tokens) : tokens_(tokens) {
  int ordinal = 0;
  for (size_t i = 0; i < tokens_.size(); ++i)
    if (tokens_.get(i)->getType() == L::QUESTION) parameter_ordinals_[i] = ordinal++;
  parameter_count_ = ordinal;
}

std::unique_ptr<Statement> AstBuilder::statement(P::StatementContext* ctx) {
  auto s = std::make_unique<Statement>();
  s->position = position_of(ctx);
  if (auto* q = dynamic_cast<P::QueryStatementContext*>(ctx)) {
    s->kind = StatementKind::Query;
    s->query = query(q->query());
  } else if (auto* e = dynamic_cast<P::ExplainStatementContext*>(ctx)) {
    s->kind = StatementKind::Explain;
    s->analyze = e->ANALYZE() != nullptr;
    s->explained = statement(e->statement());
  } else if (dynamic_cast<P::ShowTablesStatementContext*>(ctx)) {
    s->kind = StatementKind::ShowTables;
  } else if (auto* d = dynamic_cast<P::DescribeStatementContext*>(ctx)) {
    s->kind = StatementKind::Describe;
    s->table = table_name(d->tableName());
  } else if (auto* set = dynamic_cast<P::SetStatementContext*>(ctx)) {
    set_statement(set, *s);
  } else if (auto* show = dynamic_cast<P::ShowSettingStatementContext*>(ctx)) {
    s->kind = StatementKind::ShowSetting;
    s->show_all = show->ALL() != nullptr;
    if (!s->show_all) s->setting = identifier(show->identifier());
  } else if (auto* ins = dynamic_cast<P::InsertStatementContext*>(ctx)) {
    insert_statement(ins, *s);
  } else if (auto* up = dynamic_cast<P::UpdateStatementContext*>(ctx)) {
    update_statement(up, *s);
  } else if (auto* del = dynamic_cast<P::DeleteStatementContext*>(ctx)) {
    s->kind = StatementKind::Delete;
    s->table = table_name(del->tableName());
    if (del->where) s->where = expr(del->where);
  } else if (auto* create = dynamic_cast<P::CreateTableStatementContext*>(ctx)) {
    create_table_statement(create, *s);
  } else if (auto* ci = dynamic_cast<P::CreateIndexStatementContext*>(ctx)) {
    create_index_statement(ci, *s);
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
    copy_to_statement(to, *s);
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

// SET name = literal | -number | identifier.
void AstBuilder::set_statement(P::SetStatementContext* ctx, Statement& s) {
  s.kind = StatementKind::Set;
  s.setting = identifier(ctx->identifier());
  P::SetValueContext* value = ctx->setValue();
  if (!value->literal()) {
    s.setting_value = Value::string(identifier(value->identifier()));
    return;
  }
  s.setting_value = literal(value->literal());
  if (!value->MINUS()) return;
  if (s.setting_value.type() != ValueType::Number)
    throw Error(sqlstate::kSyntax, "'-' can only precede a number").at(position_of(value).line, position_of(value).column);
  s.setting_value = Value::number(-s.setting_value.as_number());
}

// CREATE INDEX name ON t (keys) [WITH (...)]: the keys and options travel as a CreateTableStatement's.
void AstBuilder::create_index_statement(P::CreateIndexStatementContext* ctx, Statement& s) {
  s.kind = StatementKind::CreateIndex;
  s.index_name = identifier(ctx->identifier());
  s.table = table_name(ctx->tableName());
  s.create = std::make_shared<CreateTableStatement>();
  s.create->columns = index_keys(ctx->indexKey());
  for (const auto& key : s.create->columns) s.create->primary_key.push_back(key.name);
  s.create->options = options(ctx->tableOption());
}

// COPY t TO ... or COPY (query) TO ...
void AstBuilder::copy_to_statement(P::CopyToStatementContext* ctx, Statement& s) {
  s.kind = StatementKind::Copy;
  s.copy = copy_statement(ctx->copyColumns(), ctx->path, ctx->copyOptions());
  s.copy->to = true;
  if (ctx->tableName()) s.table = table_name(ctx->tableName());
  else s.copy->query = query(ctx->query());
}

void AstBuilder::insert_statement(P::InsertStatementContext* ctx, Statement& s) {
  s.kind = StatementKind::Insert;
  s.table = table_name(ctx->tableName());
  s.insert = std::make_shared<InsertStatement>();
  s.insert->upsert = ctx->UPSERT() != nullptr;
  if (ctx->columnList()) s.insert->columns = identifiers(ctx->columnList());
  auto* source = ctx->insertSource();
  if (auto* v = dynamic_cast<P::ValuesSourceContext*>(source)) {
    for (auto* row : v->valuesRow()) {
      std::vector<ExprPtr> values;
      for (auto* x : row->expression()) values.push_back(expr(x));
      s.insert->rows.push_back(std::move(values));
    }
  } else if (auto* docs = dynamic_cast<P::DocumentSourceContext*>(source)) {
    for (auto* x : docs->expression()) s.insert->documents.push_back(expr(x));
  } else {
    s.insert->query = query(static_cast<P::QuerySourceContext*>(source)->query());
  }
}

void AstBuilder::update_statement(P::UpdateStatementContext* ctx, Statement& s) {
  s.kind = StatementKind::Update;
  s.table = table_name(ctx->tableName());
  for (auto* action : ctx->updateAction()) {
    if (auto* set_action = dynamic_cast<P::SetActionContext*>(action)) {
      for (auto* clause : set_action->setClause()) s.assignments.push_back({value(clause->target), expr(clause->expression())});
    } else {
      for (auto* target : static_cast<P::RemoveActionContext*>(action)->valueExpression())
        s.assignments.push_back({value(target), nullptr});
    }
  }
  if (ctx->where) s.where = expr(ctx->where);
}

void AstBuilder::create_table_statement(P::CreateTableStatementContext* ctx, Statement& s) {
  s.kind = StatementKind::CreateTable;
  s.table = table_name(ctx->tableName());
  s.create = std::make_shared<CreateTableStatement>();
  s.create->if_not_exists = ctx->EXISTS() != nullptr;
  for (auto* element : ctx->tableElement()) {
    if (auto* col = dynamic_cast<P::ColumnDefinitionContext*>(element)) {
      std::string name = identifier(col->identifier());
      s.create->columns.push_back({name, type_name(col->typeName()), position_of(col)});
      if (col->PRIMARY()) s.create->primary_key.push_back(name);
    } else if (auto* ix = dynamic_cast<P::IndexDefinitionContext*>(element)) {
      IndexSpec index;
      index.name = identifier(ix->identifier());
      index.local = ix->LOCAL() != nullptr;
      index.keys = index_keys(ix->indexKey());
      index.options = options(ix->tableOption());
      index.position = position_of(ix);
      s.create->indexes.push_back(std::move(index));
    } else {
      auto* pk = static_cast<P::PrimaryKeyDefinitionContext*>(element);
      if (!s.create->primary_key.empty())
        throw Error(sqlstate::kSyntax, "the primary key is given twice").at(position_of(pk).line, position_of(pk).column);
      for (auto* id : pk->identifier()) s.create->primary_key.push_back(identifier(id));
    }
  }
  s.create->options = options(ctx->tableOption());
}

std::vector<ColumnSpec> AstBuilder::index_keys(const std::vector<P::IndexKeyContext*>& keys) {
  std::vector<ColumnSpec> out;
  for (auto* key : keys)
    out.push_back({identifier(key->identifier()), key->typeName() ? type_name(key->typeName()) : "", position_of(key)});
  return out;
}

Options AstBuilder::options(const std::vector<P::TableOptionContext*>& list) {
  Options out;
  for (auto* option : list) out.emplace_back(lower(identifier(option->identifier())), literal(option->literal()));
  return out;
}

std::shared_ptr<CopyStatement> AstBuilder::copy_statement(P::CopyColumnsContext* columns, antlr4::Token* path,
                                                          P::CopyOptionsContext* opts) {
  auto c = std::make_shared<CopyStatement>();
  if (columns) c->columns = index_keys(columns->indexKey());
  c->path = unquote(path->getText(), '\'');
  c->path_position = position_of(path);
  if (opts) {
    for (auto* option : opts->copyOption()) {
      // A bare option (HEADER) is true; an identifier value (FORMAT csv) is its text.
      Value v = option->literal()                    ? literal(option->literal())
                : option->identifier().size() > 1 ? Value::string(identifier(option->identifier(1)))
                                                  : Value::boolean(true);
      c->options.emplace_back(lower(identifier(option->identifier(0))), std::move(v));
    }
  }
  return c;
}

std::shared_ptr<TableRef> AstBuilder::table_name(P::TableNameContext* ctx) {
  auto t = std::make_shared<TableRef>();
  t->position = position_of(ctx);
  const auto& ids = ctx->parts;
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

std::string AstBuilder::identifier(P::IdentifierContext* ctx) {
  antlr4::Token* token = ctx->getStart();  // an identifier is one token
  return token->getType() == L::QUOTED_IDENTIFIER ? unquote(token->getText(), '"') : token->getText();
}

std::vector<std::string> AstBuilder::identifiers(P::ColumnListContext* ctx) {
  std::vector<std::string> out;
  for (auto* id : ctx->identifier()) out.push_back(identifier(id));
  return out;
}

std::string AstBuilder::type_name(P::TypeNameContext* ctx) {
  std::string name = upper(identifier(ctx->identifier()));
  return ctx->withZone ? name + " WITH TIME ZONE" : name;
}

std::string AstBuilder::function_name(P::FunctionNameContext* ctx) {
  return lower(ctx->name ? identifier(ctx->name) : ctx->getText());
}

std::string AstBuilder::source_text(antlr4::ParserRuleContext* ctx) {
  auto start = ctx->getStart()->getStartIndex();
  auto stop = ctx->getStop() ? ctx->getStop()->getStopIndex() : start;
  if (start == INVALID_INDEX || stop == INVALID_INDEX || stop < start) return ctx->getText();
  // Token indexes count code points: the input stream turns the range back into UTF-8.
  return tokens_.getTokenSource()->getInputStream()->getText(antlr4::misc::Interval(start, stop));
}

}  // namespace dynamosql

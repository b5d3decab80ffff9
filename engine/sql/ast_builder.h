// The parse tree -> AST builder, internal to the parser (with parser.cpp, the only code including the
// generated headers). One class whose methods are split by statement family: ast_builder.cpp
// (statements and shared helpers), ast_builder_query.cpp (WITH, set operations, SELECT, joins,
// grouping, windows), ast_builder_expression.cpp (expressions, literals, functions). Errors found while
// building (a bad literal, an invalid window frame) carry the line:column of the text at fault.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "DynamoSqlLexer.h"
#include "DynamoSqlParser.h"
#include "antlr4-runtime.h"
#include "sql/ast.h"

namespace dynamosql {

using P = dynamosql_generated::DynamoSqlParser;
using L = dynamosql_generated::DynamoSqlLexer;

Position position_of(antlr4::ParserRuleContext* ctx);
Position position_of(antlr4::Token* token);
std::string unquote(const std::string& text, char quote);
std::string lower(std::string s);
std::string upper(std::string s);

class AstBuilder {
 public:
  explicit AstBuilder(antlr4::CommonTokenStream& tokens);

  int parameter_count() const { return parameter_count_; }
  std::unique_ptr<Statement> statement(P::StatementContext* ctx);

 private:
  // ---- statements (ast_builder.cpp) ----
  void set_statement(P::SetStatementContext* ctx, Statement& s);
  void create_index_statement(P::CreateIndexStatementContext* ctx, Statement& s);
  void copy_to_statement(P::CopyToStatementContext* ctx, Statement& s);
  void insert_statement(P::InsertStatementContext* ctx, Statement& s);
  void update_statement(P::UpdateStatementContext* ctx, Statement& s);
  void create_table_statement(P::CreateTableStatementContext* ctx, Statement& s);
  std::vector<ColumnSpec> index_keys(const std::vector<P::IndexKeyContext*>& keys);
  Options options(const std::vector<P::TableOptionContext*>& list);
  std::shared_ptr<CopyStatement> copy_statement(P::CopyColumnsContext* columns, antlr4::Token* path,
                                                P::CopyOptionsContext* opts);
  std::shared_ptr<TableRef> table_name(P::TableNameContext* ctx);
  std::string identifier(P::IdentifierContext* ctx);
  std::vector<std::string> identifiers(P::ColumnListContext* ctx);
  std::string type_name(P::TypeNameContext* ctx);  // upper case, "TIMESTAMP WITH TIME ZONE"
  std::string function_name(P::FunctionNameContext* ctx);  // lower case
  std::string source_text(antlr4::ParserRuleContext* ctx);

  // ---- queries (ast_builder_query.cpp) ----
  std::shared_ptr<Query> query(P::QueryContext* ctx);
  std::shared_ptr<Query> query_body(P::QueryBodyContext* ctx);
  std::shared_ptr<Query> intersection(P::IntersectionContext* ctx);
  std::shared_ptr<Query> query_term(P::QueryTermContext* ctx);
  std::shared_ptr<Query> set_operation(antlr4::ParserRuleContext* ctx, SetOperation op, std::shared_ptr<Query> l,
                                       std::shared_ptr<Query> r, antlr4::Token* keyword);
  std::shared_ptr<QuerySpec> spec(P::QuerySpecificationContext* ctx);
  void group_by(const std::vector<P::GroupingElementContext*>& elements, QuerySpec& s);
  Join join(P::JoinClauseContext* ctx);
  void join_chain(P::RelationContext* first, const std::vector<P::JoinClauseContext*>& clauses, JoinedTable& out);
  std::shared_ptr<TableRef> relation(P::RelationContext* ctx);
  std::vector<OrderItem> order_by(P::OrderByClauseContext* ctx);
  std::unique_ptr<WindowSpec> window_spec(P::WindowSpecificationContext* ctx);
  FrameBound frame_bound(P::FrameBoundContext* ctx);

  // ---- expressions (ast_builder_expression.cpp) ----
  ExprPtr expr(P::ExpressionContext* ctx);
  ExprPtr predicate(P::PredicatedContext* whole, P::PredicateContext* ctx, ExprPtr left);
  ExprPtr pattern_predicate(P::PredicatedContext* whole, P::PredicateContext* ctx, ExprPtr& left);
  ExprPtr negated_if(bool negated, ExprPtr e, P::PredicatedContext* whole);
  ExprPtr value(P::ValueExpressionContext* ctx);
  ExprPtr member(P::MemberValueContext* ctx);
  ExprPtr index(P::IndexValueContext* ctx);
  ExprPtr unary(P::UnaryValueContext* ctx);
  ExprPtr binary(antlr4::ParserRuleContext* ctx, const std::string& op, P::ValueExpressionContext* l,
                 P::ValueExpressionContext* r);
  ExprPtr primary(P::PrimaryContext* ctx);
  ExprPtr special_function(P::PrimaryContext* ctx);
  ExprPtr function_call(P::FunctionPrimaryContext* ctx);
  void call_clauses(Expr& e, P::FilterClauseContext* filter, P::OverClauseContext* over);
  ExprPtr typed_literal(P::TypedLiteralContext* ctx);
  ExprPtr case_expression(P::CasePrimaryContext* ctx);
  ExprPtr collection(ExprKind kind, antlr4::ParserRuleContext* ctx, const std::vector<P::ExpressionContext*>& items);
  Value literal(P::LiteralContext* ctx);
  ExprPtr make(ExprKind kind, antlr4::ParserRuleContext* ctx);
  ExprPtr function(const std::string& name, antlr4::ParserRuleContext* ctx, std::vector<ExprPtr> arguments);
  ExprPtr string_literal(const std::string& text, antlr4::ParserRuleContext* ctx);

  antlr4::CommonTokenStream& tokens_;
  std::map<size_t, int> parameter_ordinals_;
  int parameter_count_ = 0;
};

}  // namespace dynamosql

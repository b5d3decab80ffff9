// Parsing: our lexer (sql/lexer.h) feeds the ANTLR-generated parser (SLL first, full LL only when SLL
// fails), then ast_builder turns the tree into our AST. With the builder and the lexer, the only code
// including generated headers.
#include "sql/parser.h"

#include "dynamosql/error.h"
#include "sql/ast_builder.h"
#include "sql/lexer.h"
#include "dynamosql/text.h"

namespace dynamosql {
namespace {

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

}  // namespace

std::unique_ptr<Statement> parse_statement(const std::string& sql) {
  SqlText input(sql);
  SqlLexer lexer(input, /*with_hidden=*/false);
  ThrowingErrorListener listener;
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  for (size_t i = 0; i < tokens.size(); ++i)
    if (auto* t = tokens.get(i); t->getType() == L::UNRECOGNIZED)
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
  AstBuilder builder(tokens);
  auto statement = builder.statement(tree->statement());
  statement->parameter_count = builder.parameter_count();
  return statement;
}

std::vector<StatementText> split_statements(const std::string& script) {
  // Not UTF-8: one piece, so that parsing it reports where (22021).
  std::optional<SqlText> input;
  try {
    input.emplace(script);
  } catch (const Error&) {
    return {{script, 1, false}};
  }
  // Token indexes count code points; the script is UTF-8 bytes: the byte where each code point starts.
  std::vector<size_t> byte_of;
  for (size_t i = 0; i < script.size(); ++i)
    if ((static_cast<unsigned char>(script[i]) & 0xC0) != 0x80) byte_of.push_back(i);
  byte_of.push_back(script.size());
  SqlLexer lexer(*input);
  std::vector<StatementText> out;
  size_t start = 0;  // a byte offset
  int start_line = 1;
  bool has_content = false;
  for (auto token = lexer.nextToken(); token->getType() != antlr4::Token::EOF; token = lexer.nextToken()) {
    bool hidden = token->getChannel() != antlr4::Token::DEFAULT_CHANNEL;
    if (token->getType() == L::SEMI) {
      if (has_content) out.push_back({script.substr(start, byte_of[token->getStartIndex()] - start), start_line, true});
      start = byte_of[token->getStopIndex() + 1];
      has_content = false;
      continue;
    }
    if (!hidden && !has_content) {
      has_content = true;
      start = byte_of[token->getStartIndex()];
      start_line = static_cast<int>(token->getLine());
    }
  }
  if (has_content) out.push_back({script.substr(start), start_line, false});
  return out;
}

}  // namespace dynamosql

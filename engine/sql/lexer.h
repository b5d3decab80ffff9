// The SQL lexer: code points -> the tokens of grammar/DynamoSql.g4, for the ANTLR-generated parser.
//
// The grammar's lexer rules stay the definition of every token; this hand-written reader produces the
// same tokens (type, channel, text, start/stop index, line, column) about ten times faster than ANTLR's
// lexer simulator, which was a third of the parse time of a point SELECT. Keywords are learnt from the
// generated lexer once per process (each keyword rule's name, checked by lexing it), so a keyword added
// to the grammar needs no change here; unit_parser's lexer tests compare both lexers token by token on
// the golden SQL files and on random text.
#pragma once

#include <memory>
#include <string>

#include "antlr4-runtime.h"

namespace dynamosql {

// A statement's text for the lexer and for ANTLR (tokens read their text from it), decoded from UTF-8
// once: a byte that is not UTF-8 is a 22021 error at its line and column.
class SqlText : public antlr4::ANTLRInputStream {
 public:
  explicit SqlText(const std::string& utf8);  // `utf8` must outlive this
  const std::u32string& code_points() const { return _data; }
  // The text of code points [a, b]: a slice of the UTF-8 as given when every character is ASCII (token
  // and source texts are read this way, without the runtime's code-point-by-code-point re-encoding).
  std::string getText(const antlr4::misc::Interval& interval) override;

 private:
  const std::string& utf8_;
  bool ascii_ = true;
};

class SqlLexer : public antlr4::TokenSource {
 public:
  // Whitespace and comments are tokens of the hidden channel; a parser never reads them, so it may ask
  // for them to be skipped (`with_hidden` false) rather than made. `input` must outlive the tokens.
  explicit SqlLexer(SqlText& input, bool with_hidden = true);

  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override { return line_; }
  size_t getCharPositionInLine() override { return column_; }
  antlr4::CharStream* getInputStream() override { return &input_; }
  std::string getSourceName() override { return input_.getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override;

 private:
  // Each returns the token type of the longest match at pos_ and leaves end_ past it.
  size_t word();
  size_t number();
  size_t quoted(char32_t quote, size_t type);
  size_t symbol();
  bool comment();
  void skip_hidden();     // past whitespace and comments
  void advance_to_end();  // pos_ to end_, counting lines and columns

  char32_t at(size_t i) const { return i < text_.size() ? text_[i] : U'\0'; }
  bool has(size_t i) const { return i < text_.size(); }
  size_t digits_from(size_t i) const;

  SqlText& input_;
  const std::u32string& text_;
  bool with_hidden_;
  size_t pos_ = 0;   // start of the next token
  size_t end_ = 0;   // one past the token being read
  size_t line_ = 1;
  size_t column_ = 0;
};

}  // namespace dynamosql

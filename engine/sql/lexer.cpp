// The SQL lexer; see lexer.h. Each rule below is the grammar's lexer rule of the same name, with ANTLR's
// matching rules: the longest match wins, a tie goes to the rule written first (keywords before
// IDENTIFIER), and a rule that fails part-way gives back to its last complete match ("'a''b" is the
// string 'a' followed by an unrecognized quote).
#include "sql/lexer.h"

#include <unordered_map>

#include "dynamosql/error.h"
#include "dynamosql/text.h"

#include "DynamoSqlLexer.h"

namespace dynamosql {
namespace {

using L = dynamosql_generated::DynamoSqlLexer;

bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_word_char(char32_t c) { return is_letter(c) || is_digit(c) || c == '_' || c == '$'; }

// Keyword text (upper case) -> token type, learnt from the generated lexer: every token whose rule name
// (without the trailing '_' of TRUE_, NULL_, ...) lexes, as text, to exactly that token.
std::unordered_map<std::string, size_t> learn_keywords() {
  std::unordered_map<std::string, size_t> out;
  antlr4::ANTLRInputStream probe("");
  L lexer(&probe);
  lexer.removeErrorListeners();
  const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
  for (size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
    std::string name = vocabulary.getSymbolicName(type);
    while (!name.empty() && name.back() == '_') name.pop_back();
    if (name.empty() || name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") != std::string::npos) continue;
    antlr4::ANTLRInputStream input(name);
    lexer.setInputStream(&input);
    auto tokens = lexer.getAllTokens();
    if (tokens.size() == 1 && tokens[0]->getType() == type && tokens[0]->getText() == name) out.emplace(name, type);
  }
  return out;
}

const std::unordered_map<std::string, size_t>& keywords() {
  static const std::unordered_map<std::string, size_t> table = learn_keywords();
  return table;
}

}  // namespace

SqlText::SqlText(const std::string& utf8) : utf8_(utf8) {
  _data.reserve(utf8.size());
  int line = 1, column = 1;
  for (size_t i = 0; i < utf8.size();) {
    auto cp = decode_utf8(utf8, i);
    if (!cp) throw Error("22021", "the statement is not valid UTF-8").at(line, column);
    _data.push_back(*cp);
    ascii_ = ascii_ && *cp < 0x80;
    if (*cp == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

std::string SqlText::getText(const antlr4::misc::Interval& interval) {
  if (!ascii_) return ANTLRInputStream::getText(interval);
  auto start = static_cast<size_t>(interval.a), stop = static_cast<size_t>(interval.b);
  if (interval.a < 0 || interval.b < 0 || start >= utf8_.size()) return "";
  return utf8_.substr(start, std::min(stop, utf8_.size() - 1) - start + 1);
}

SqlLexer::SqlLexer(SqlText& input, bool with_hidden)
    : input_(input), text_(input.code_points()), with_hidden_(with_hidden) {
  keywords();  // learnt before the first token, not in the middle of a statement
}

antlr4::TokenFactory<antlr4::CommonToken>* SqlLexer::getTokenFactory() { return antlr4::CommonTokenFactory::DEFAULT.get(); }

std::unique_ptr<antlr4::Token> SqlLexer::nextToken() {
  std::pair<antlr4::TokenSource*, antlr4::CharStream*> source{this, &input_};
  if (!with_hidden_) skip_hidden();
  if (pos_ >= text_.size()) {
    auto eof = std::make_unique<antlr4::CommonToken>(source, antlr4::Token::EOF, antlr4::Token::DEFAULT_CHANNEL, pos_, pos_ - 1);
    eof->setLine(line_);
    eof->setCharPositionInLine(column_);
    return eof;
  }
  size_t channel = antlr4::Token::DEFAULT_CHANNEL;
  size_t type;
  char32_t c = text_[pos_];
  if (comment()) {
    type = at(pos_) == '-' ? L::LINE_COMMENT : L::BLOCK_COMMENT;
    channel = antlr4::Token::HIDDEN_CHANNEL;
  } else if (is_space(c)) {
    for (end_ = pos_; has(end_) && is_space(text_[end_]);) ++end_;
    type = L::WS;
    channel = antlr4::Token::HIDDEN_CHANNEL;
  } else if (is_letter(c) || c == '_') {
    type = word();
  } else if (is_digit(c) || (c == '.' && is_digit(at(pos_ + 1)))) {
    type = number();
  } else if (c == '\'') {
    type = quoted('\'', L::STRING);
  } else if (c == '"') {
    type = quoted('"', L::QUOTED_IDENTIFIER);
  } else {
    type = symbol();
  }
  auto token = std::make_unique<antlr4::CommonToken>(source, type, channel, pos_, end_ - 1);
  token->setLine(line_);
  token->setCharPositionInLine(column_);
  advance_to_end();
  return token;
}

void SqlLexer::advance_to_end() {
  for (; pos_ < end_; ++pos_) {
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 0;
    } else {
      ++column_;
    }
  }
}

void SqlLexer::skip_hidden() {
  while (pos_ < text_.size()) {
    if (is_space(text_[pos_])) {
      for (end_ = pos_; has(end_) && is_space(text_[end_]);) ++end_;
    } else if (!comment()) {
      return;
    }
    advance_to_end();
  }
}

// LINE_COMMENT ('--' to the end of the line) or BLOCK_COMMENT ('/*' to the first '*/'); an unclosed
// '/*' is no comment but a SLASH and a STAR.
bool SqlLexer::comment() {
  if (at(pos_) == '-' && at(pos_ + 1) == '-') {
    for (end_ = pos_ + 2; has(end_) && text_[end_] != '\r' && text_[end_] != '\n';) ++end_;
    return true;
  }
  if (at(pos_) != '/' || at(pos_ + 1) != '*') return false;
  for (size_t i = pos_ + 2; i + 1 < text_.size(); ++i) {
    if (text_[i] == '*' && text_[i + 1] == '/') {
      end_ = i + 2;
      return true;
    }
  }
  return false;
}

// IDENTIFIER, or the keyword it spells: a keyword only matches when it is the whole word.
size_t SqlLexer::word() {
  std::string upper;
  bool ascii = true;
  for (end_ = pos_; has(end_) && is_word_char(text_[end_]); ++end_) {
    char32_t c = text_[end_];
    if (c >= 0x80) ascii = false;
    if (ascii) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  if (!ascii) return L::IDENTIFIER;
  auto keyword = keywords().find(upper);
  return keyword == keywords().end() ? static_cast<size_t>(L::IDENTIFIER) : keyword->second;
}

size_t SqlLexer::digits_from(size_t i) const {
  while (has(i) && is_digit(text_[i])) ++i;
  return i;
}

// INTEGER_VALUE or DECIMAL_VALUE (DIGIT+ '.' DIGIT* EXPONENT? | '.' DIGIT+ EXPONENT? | DIGIT+ EXPONENT),
// where an EXPONENT ([eE] [+-]? DIGIT+) that has no digit is not part of the number.
size_t SqlLexer::number() {
  end_ = digits_from(pos_);
  bool decimal = false;
  if (at(end_) == '.') {
    end_ = digits_from(end_ + 1);
    decimal = true;
  }
  if (at(end_) == 'e' || at(end_) == 'E') {
    size_t digits = end_ + 1;
    if (at(digits) == '+' || at(digits) == '-') ++digits;
    if (is_digit(at(digits))) {
      end_ = digits_from(digits);
      decimal = true;
    }
  }
  return decimal ? L::DECIMAL_VALUE : L::INTEGER_VALUE;
}

// STRING ('...' with '' inside) or QUOTED_IDENTIFIER ("..." with "" inside): the longest complete one;
// an opening quote that never closes is UNRECOGNIZED.
size_t SqlLexer::quoted(char32_t quote, size_t type) {
  size_t last_complete = 0;
  for (size_t i = pos_ + 1; has(i); ++i) {
    if (text_[i] != quote) continue;
    last_complete = i + 1;
    if (at(i + 1) != quote) break;
    ++i;  // a doubled quote: the text goes on
  }
  if (last_complete == 0) {
    end_ = pos_ + 1;
    return L::UNRECOGNIZED;
  }
  end_ = last_complete;
  return type;
}

// Operators and punctuation, longest first; any other character is UNRECOGNIZED.
size_t SqlLexer::symbol() {
  struct Spelling {
    const char32_t* text;
    size_t type;
  };
  static const Spelling kSymbols[] = {
      {U"!~*", L::NOT_TILDE_STAR}, {U"==", L::EQ}, {U"<>", L::NEQ}, {U"!=", L::NEQ}, {U"~*", L::TILDE_STAR},
      {U"!~", L::NOT_TILDE}, {U"<=", L::LTE}, {U">=", L::GTE}, {U"<<", L::SET_OPEN}, {U">>", L::SET_CLOSE},
      {U"||", L::CONCAT}, {U"=", L::EQ}, {U"~", L::TILDE}, {U"<", L::LT}, {U">", L::GT}, {U"+", L::PLUS},
      {U"-", L::MINUS}, {U"*", L::STAR}, {U"/", L::SLASH}, {U"%", L::PERCENT}, {U"(", L::LPAREN},
      {U")", L::RPAREN}, {U"[", L::LBRACKET}, {U"]", L::RBRACKET}, {U"{", L::LBRACE}, {U"}", L::RBRACE},
      {U",", L::COMMA}, {U".", L::DOT}, {U":", L::COLON}, {U";", L::SEMI}, {U"?", L::QUESTION},
  };
  for (const auto& s : kSymbols) {
    size_t n = std::char_traits<char32_t>::length(s.text);
    if (text_.compare(pos_, n, s.text) == 0) {
      end_ = pos_ + n;
      return s.type;
    }
  }
  end_ = pos_ + 1;
  return L::UNRECOGNIZED;
}

}  // namespace dynamosql

// Our lexer (sql/lexer.h) against the lexer ANTLR generates from grammar/DynamoSql.g4, which stays the
// definition of the tokens: the same tokens (type, channel, text, start/stop, line, column) for every
// golden SQL file, for hand-picked edge cases (longest match, give-back, comments, quotes, numbers,
// non-ASCII) and for random text over an alphabet of the characters the rules treat specially.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "DynamoSqlLexer.h"
#include "dynamosql/text.h"
#include "sql/lexer.h"

using namespace dynamosql;

namespace {

std::string describe(const antlr4::Token& t) {
  std::ostringstream out;
  out << t.getType() << "/" << t.getChannel() << " [" << t.getStartIndex() << "," << t.getStopIndex() << "] "
      << t.getLine() << ":" << t.getCharPositionInLine() << " '" << t.getText() << "'";
  return out.str();
}

// with_hidden false: only the tokens a parser reads (the default channel).
std::vector<std::string> antlr_tokens(const std::string& text, bool with_hidden = true) {
  antlr4::ANTLRInputStream input(text);
  dynamosql_generated::DynamoSqlLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<std::string> out;
  for (auto t = lexer.nextToken();; t = lexer.nextToken()) {
    if (with_hidden || t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) out.push_back(describe(*t));
    if (t->getType() == antlr4::Token::EOF) return out;
  }
}

std::vector<std::string> our_tokens(const std::string& text, bool with_hidden = true) {
  SqlText input(text);
  SqlLexer lexer(input, with_hidden);
  std::vector<std::string> out;
  for (auto t = lexer.nextToken();; t = lexer.nextToken()) {
    out.push_back(describe(*t));
    if (t->getType() == antlr4::Token::EOF) return out;
  }
}

void check_same_tokens(const std::string& text) {
  INFO("input: " << text);
  CHECK(our_tokens(text) == antlr_tokens(text));
  CHECK(our_tokens(text, false) == antlr_tokens(text, false));
}

}  // namespace

TEST_CASE("lexer: the same tokens as ANTLR's on edge cases", "[lexer]") {
  for (const char* text : {
           "", " ", "SELECT * FROM t WHERE pk = 'a'", "select Select sElEcT selected _select select$ 1select",
           "true TRUE_ null nulls current_date current_dates", "'' 'a''b' 'a''' ''' 'open", "\"\" \"a\"\"b\" \"open",
           "'a''b", "1 1. .5 1.5 1e5 1E+5 1e-5 1e 1e+ 1.e5 1.5e+x 1..2 .e5 . 123abc 0x1F",
           "a=b==c<>d!=e<f<=g<<h>i>=j>>k||l|m!n~o~*p!~q!~*r", "a--comment\nb -- x\r\nc", "a/*x*/b/**/c/*/d*/e /* open",
           "a/b*c%d", "é ée €x x€ 𝄞 a\u00a0b", "( ) [ ] { } , . : ; ? # @ ` \\ ^ &", "\t\r\n \n\n x\n  y",
           "{fn UCASE(name)} {d '2026-01-31'} {ts '2026-01-31 10:20:30'}", "x.y.z a.\"b c\".d t.* 'it''s'",
           "SELECT\n  a,\n  b -- trailing\nFROM t /* c1\n c2 */ WHERE x = ?;"}) {
    check_same_tokens(text);
  }
}

TEST_CASE("lexer: the same tokens as ANTLR's on every golden SQL file", "[lexer]") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(DYNAMOSQL_SQL_TESTS)) {
    if (entry.path().extension() != ".test") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    INFO("file: " << entry.path());
    check_same_tokens(text.str());
    ++files;
  }
  CHECK(files > 10);
}

TEST_CASE("lexer: the same tokens as ANTLR's on random text", "[lexer]") {
  const std::vector<std::string> alphabet = {"a", "E", "e", "s", "_", "$", "0", "7", ".", "+", "-", "*", "/", "'",
                                             "\"", " ", "\n", "\r", "\t", "<", ">", "=", "!", "~", "|", "%", "(",
                                             "é", "𝄞", "SELECT", "null", "--", "/*", "*/", "''", "#", "?", ":"};
  std::mt19937 random(20261201);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1), length(0, 24);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (size_t n = length(random); n > 0; --n) text += alphabet[pick(random)];
    auto ours = our_tokens(text), antlr = antlr_tokens(text);
    auto ours_read = our_tokens(text, false), antlr_read = antlr_tokens(text, false);
    if (ours != antlr || ours_read != antlr_read) {
      INFO("input: " << text);
      CHECK(ours == antlr);
      CHECK(ours_read == antlr_read);
      break;
    }
  }
}

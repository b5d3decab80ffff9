// The interactive prompt: libedit line editing (emacs keys, ~/.editrc), history, Tab completion of
// table names, UTF-8 input, and Ctrl-C as psql, sqlite3 and the DuckDB shell handle it: Ctrl-C while a
// statement runs cancels it (between pages, HY008); Ctrl-C while typing drops what was typed and gives
// a fresh prompt; only end of input (Ctrl-D on an empty line) ends the prompt.
//
// libedit reads each key through our reader, which waits on the terminal and on a pipe the SIGINT
// handler writes to, so a Ctrl-C is noticed whenever it falls (an interrupted read() alone would miss
// one that arrives while libedit is drawing), and which decodes UTF-8 itself. libedit's readline
// emulation is not used: it passes keys on byte by byte and cuts lines with multibyte characters short.
#pragma once

#include <functional>
#include <string>
#include <vector>

struct editline;
struct historyW;

namespace dynamosql {

class Session;

// Installs the SIGINT handler, which cancels `session`'s running statement.
void install_interrupt_handler(Session* session);

struct PromptLine {
  enum class Kind { Line, Interrupted, EndOfInput } kind = Kind::EndOfInput;
  std::string text;  // Kind::Line, without its newline
};

class LineEditor {
 public:
  // `history_file` is loaded now and saved by the destructor (empty: no file); `completions` lists
  // the names Tab completes.
  LineEditor(std::string history_file, std::function<std::vector<std::string>()> completions);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // Shows `prompt` and reads one line.
  PromptLine read_line(const std::string& prompt);
  void add_history(const std::string& entry);

 private:
  static char* prompt_text(editline* el);
  static unsigned char complete(editline* el, int key);

  std::string history_file_;
  std::function<std::vector<std::string>()> completions_;
  std::string prompt_;
  editline* el_ = nullptr;
  historyW* history_ = nullptr;
};

}  // namespace dynamosql

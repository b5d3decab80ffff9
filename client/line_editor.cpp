// The interactive prompt; see line_editor.h.
#include "line_editor.h"

#include <fcntl.h>
#include <histedit.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <cwctype>

#include "dynamosql/session.h"
#include "dynamosql/text.h"

namespace dynamosql {
namespace {

Session* g_session = nullptr;
int g_wake[2] = {-1, -1};  // the SIGINT handler writes a byte to [1]; read_key polls [0]

void on_sigint(int) {
  int saved = errno;
  if (g_session) g_session->cancel();
  if (g_wake[1] >= 0) (void)!write(g_wake[1], "x", 1);
  errno = saved;
}

bool interrupted() {
  pollfd p{g_wake[0], POLLIN, 0};
  return g_wake[0] >= 0 && poll(&p, 1, 0) > 0;
}

// One key for libedit: waits for input or a Ctrl-C and decodes UTF-8. Returns 1 with the character,
// 0 for Ctrl-C or the end of input (read_line tells them apart), -1 on an error.
int read_key(EditLine* el, wchar_t* out) {
  (void)el;
  const int fd = STDIN_FILENO;
  std::string bytes;
  size_t need = 1;
  for (;;) {
    pollfd p[2] = {{fd, POLLIN, 0}, {g_wake[0], POLLIN, 0}};
    if (poll(p, g_wake[0] >= 0 ? 2 : 1, -1) < 0) {
      if (errno == EINTR) continue;  // the handler has written to the pipe
      return -1;
    }
    if (p[1].revents & POLLIN) return 0;  // Ctrl-C
    unsigned char b;
    ssize_t n = read(fd, &b, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n == 0 ? 0 : -1;
    if (bytes.empty()) need = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    bytes.push_back(static_cast<char>(b));
    if (bytes.size() < need) continue;
    size_t at = 0;
    auto code_point = decode_utf8(bytes, at);
    *out = static_cast<wchar_t>(code_point ? *code_point : 0xFFFD);
    return 1;
  }
}

std::string to_utf8(const wchar_t* begin, const wchar_t* end) {
  std::string out;
  for (const wchar_t* c = begin; c < end; ++c) append_utf8(out, static_cast<char32_t>(*c));
  return out;
}

std::wstring to_wide(const std::string& text) {
  std::wstring out;
  for (size_t i = 0; i < text.size();) {
    auto code_point = decode_utf8(text, i);
    out.push_back(static_cast<wchar_t>(code_point ? *code_point : 0xFFFD));
  }
  return out;
}

}  // namespace

void install_interrupt_handler(Session* session) {
  g_session = session;
  if (g_wake[0] < 0 && pipe2(g_wake, O_NONBLOCK | O_CLOEXEC) != 0) g_wake[0] = g_wake[1] = -1;
  struct sigaction sa {};
  sa.sa_handler = on_sigint;  // no SA_RESTART: a blocking call in a statement returns to notice it
  sigaction(SIGINT, &sa, nullptr);
}

LineEditor::LineEditor(std::string history_file, std::function<std::vector<std::string>()> completions)
    : history_file_(std::move(history_file)), completions_(std::move(completions)) {
  // libedit draws characters in the locale's encoding; SQL text is UTF-8 whatever LANG says.
  if (!setlocale(LC_CTYPE, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
  el_ = el_init("dynamosql", stdin, stdout, stderr);
  history_ = history_winit();
  HistEventW ev;
  history_w(history_, &ev, H_SETSIZE, 2000);
  history_w(history_, &ev, H_SETUNIQUE, 1);
  if (!history_file_.empty()) history_w(history_, &ev, H_LOAD, history_file_.c_str());
  el_set(el_, EL_CLIENTDATA, this);
  el_set(el_, EL_EDITOR, "emacs");
  el_set(el_, EL_SIGNAL, 0);  // libedit's own handler would re-raise SIGINT to the whole process group
  el_set(el_, EL_PROMPT, &LineEditor::prompt_text);
  el_wset(el_, EL_HIST, history_w, history_);
  el_set(el_, EL_GETCFN, read_key);
  el_set(el_, EL_ADDFN, "dynamosql-complete", "complete a table name", &LineEditor::complete);
  el_set(el_, EL_BIND, "^I", "dynamosql-complete", nullptr);
  el_source(el_, nullptr);  // the user's ~/.editrc
}

LineEditor::~LineEditor() {
  HistEventW ev;
  if (!history_file_.empty()) history_w(history_, &ev, H_SAVE, history_file_.c_str());
  el_end(el_);
  history_wend(history_);
}

PromptLine LineEditor::read_line(const std::string& prompt) {
  char drained[64];
  while (g_wake[0] >= 0 && read(g_wake[0], drained, sizeof drained) > 0) {
  }  // a Ctrl-C that cancelled the statement before is spent
  if (g_session) g_session->clear_cancel();
  prompt_ = prompt;
  int count = 0;
  const wchar_t* line = el_wgets(el_, &count);
  PromptLine out;
  if (line && count > 0) {
    const wchar_t* end = line + count;
    while (end > line && (end[-1] == L'\n' || end[-1] == L'\r')) --end;
    out.kind = PromptLine::Kind::Line;
    out.text = to_utf8(line, end);
  } else {
    out.kind = interrupted() ? PromptLine::Kind::Interrupted : PromptLine::Kind::EndOfInput;
  }
  return out;
}

void LineEditor::add_history(const std::string& entry) {
  HistEventW ev;
  history_w(history_, &ev, H_ENTER, to_wide(entry).c_str());
}

char* LineEditor::prompt_text(EditLine* el) {
  LineEditor* self = nullptr;
  el_get(el, EL_CLIENTDATA, &self);
  return const_cast<char*>(self->prompt_.c_str());
}

// Tab: completes the word before the cursor to a table name (the common prefix of several); lists
// the candidates when there is nothing more to add.
unsigned char LineEditor::complete(EditLine* el, int) {
  LineEditor* self = nullptr;
  el_get(el, EL_CLIENTDATA, &self);
  const LineInfoW* li = el_wline(el);
  const wchar_t* start = li->cursor;
  while (start > li->buffer && (iswalnum(static_cast<wint_t>(start[-1])) || wcschr(L"_-.", start[-1]))) --start;
  std::string word = to_utf8(start, li->cursor);
  std::vector<std::string> matches;
  for (const auto& name : self->completions_())
    if (name.compare(0, word.size(), word) == 0) matches.push_back(name);
  if (matches.empty()) return CC_REFRESH_BEEP;
  std::string common = matches[0];
  for (const auto& m : matches) common.resize(static_cast<size_t>(std::mismatch(common.begin(), common.end(), m.begin(), m.end()).first - common.begin()));
  if (matches.size() == 1) common += " ";
  if (common.size() > word.size()) {
    el_winsertstr(el, to_wide(common.substr(word.size())).c_str());
    return CC_REFRESH;
  }
  fputc('\n', stdout);
  for (const auto& m : matches) fprintf(stdout, "%s  ", m.c_str());
  fputc('\n', stdout);
  return CC_REDISPLAY;
}

}  // namespace dynamosql

// The console's statement runner; see console.h.
#include "console.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "dynamosql/error.h"
#include "dynamosql/script.h"

namespace dynamosql {
namespace {

// Progress of long scans on stderr, redrawn at most every 200 ms.
class TerminalProgress : public ProgressSink {
 public:
  void on_page(uint64_t items, uint64_t pages) override {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double s = std::chrono::duration<double>(now - start_).count();
    if (s < 1.0) return;
    shown_ = true;
    fprintf(stderr, "\r-- scanned %llu items, %llu pages, %.1f s ", static_cast<unsigned long long>(items),
            static_cast<unsigned long long>(pages), s);
    fflush(stderr);
  }
  // COPY: a bar when the total is known, rows, rows/s, elapsed, ETA, rejected and retried counts.
  void on_copy(const CopyProgress& p) override {
    shown_ = true;
    double rate = p.seconds > 0 ? static_cast<double>(p.written) / p.seconds : 0;
    std::string line = "\r";
    if (p.fraction) {
      int filled = static_cast<int>(*p.fraction * 30);
      line += "[" + std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(30 - filled), '.') + "] ";
      char pct[16];
      snprintf(pct, sizeof pct, "%3d%% ", static_cast<int>(*p.fraction * 100));
      line += pct;
    }
    char buf[200];
    snprintf(buf, sizeof buf, "%lld rows  %.0f rows/s  %.1f s", static_cast<long long>(p.written), rate, p.seconds);
    line += buf;
    if (p.fraction && *p.fraction > 0.01 && *p.fraction < 1) {
      snprintf(buf, sizeof buf, "  ETA %.0f s", p.seconds * (1 - *p.fraction) / *p.fraction);
      line += buf;
    }
    if (p.rejected) line += "  rejected " + std::to_string(p.rejected);
    if (p.retried) line += "  retried " + std::to_string(p.retried);
    fprintf(stderr, "%s\033[K", line.c_str());
    fflush(stderr);
  }
  ~TerminalProgress() override {
    if (shown_) fprintf(stderr, "\r\033[K");
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
  bool shown_ = false;
};

}  // namespace

const char* console_help() {
  return "Statements end with ';'. SQL: SELECT ..., SHOW TABLES, DESCRIBE t, EXPLAIN [ANALYZE] SELECT ...,\n"
         "SET <setting> = value, SHOW <setting>, SHOW ALL (every setting, its value and what it does).\n"
         "COPY t FROM 'file' | COPY (SELECT ...) TO 'file' [WITH (format = 'csv'|'jsonl'|'dynamodb_json', ...)];\n"
         "'-' is standard input / output. See the README for every option.\n"
         "Commands:\n"
         "  \\timing             toggle printing each statement's time\n"
         "  \\format FORMAT      table, csv, json or jsonl\n"
         "  \\help  \\?           this text\n"
         "  \\q                  quit\n";
}

bool Console::run_command(const std::string& line) {
  std::string cmd = line.substr(0, line.find_first_of(" \t"));
  std::string arg = line.size() > cmd.size() ? line.substr(cmd.size()) : "";
  arg.erase(0, arg.find_first_not_of(" \t"));
  arg.erase(arg.find_last_not_of(" \t;") + 1);
  if (cmd == "\\q" || cmd == "\\quit") return false;
  if (cmd == "\\timing") {
    timing_ = !timing_;
    printf("Timing is %s.\n", timing_ ? "on" : "off");
  } else if (cmd == "\\format") {
    if (arg == "table") format_ = OutputFormat::Table;
    else if (arg == "csv") format_ = OutputFormat::Csv;
    else if (arg == "json") format_ = OutputFormat::Json;
    else if (arg == "jsonl") format_ = OutputFormat::Jsonl;
    else fprintf(stderr, "ERROR 22023: \\format takes table, csv, json or jsonl\n");
  } else if (cmd == "\\help" || cmd == "\\?" || cmd == "\\h") {
    fputs(console_help(), stdout);
  } else {
    fprintf(stderr, "ERROR 42000: unknown command %s (try \\help)\n", cmd.c_str());
    failed_ = true;
  }
  return true;
}

bool Console::run_statement(const std::string& sql, int line) {
  auto start = std::chrono::steady_clock::now();
  TerminalProgress progress;
  session_.set_progress(progress_ ? &progress : nullptr);
  bool ok = true;
  try {
    auto cursor = session_.execute(sql);
    if (!cursor->columns().empty()) {
      print_result(*cursor, format_, stdout);
    } else {
      cursor->fetch_all();
      const std::string& status = cursor->status().empty() ? std::string("OK") : cursor->status();
      // Machine formats and COPY FROM/TO '-' keep stdout for data: the status goes to stderr there.
      bool to_stdout = format_ == OutputFormat::Table && !cursor->used_standard_stream();
      fprintf(to_stdout ? stdout : stderr, "%s\n", status.c_str());
      if (!cursor->notice().empty()) {
        fflush(stdout);
        fprintf(stderr, "NOTICE: %s\n", cursor->notice().c_str());
      }
    }
    for (const auto& warning : cursor->take_warnings()) {
      fflush(stdout);
      fprintf(stderr, "WARNING: %s\n", warning.c_str());
    }
  } catch (const Error& e) {
    Error shown = e;
    if (shown.line() > 0) shown.at(shown.line() + line - 1, shown.column());
    fflush(stdout);
    fprintf(stderr, "%s\n", shown.describe().c_str());
    ok = false;
  } catch (const std::exception& e) {
    fflush(stdout);
    fprintf(stderr, "ERROR HY000: %s\n", e.what());
    ok = false;
  }
  session_.set_progress(nullptr);
  if (timing_) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    printf("Time: %.3f ms\n", ms);
  }
  fflush(stdout);
  if (!ok) failed_ = true;
  return ok;
}

bool Console::run_script(const std::string& script, bool stop_on_error, int first_line) {
  bool all_ok = true;
  for (const auto& st : split_statements(script)) {
    std::string text = st.text;
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '\\') {
      // A backslash command inside a script runs to the end of its line.
      size_t eol = text.find('\n', first);
      if (!run_command(text.substr(first, eol == std::string::npos ? std::string::npos : eol - first))) return all_ok;
      if (eol == std::string::npos) continue;
      text = text.substr(eol + 1);
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    }
    if (!run_statement(text, st.line + first_line - 1)) {
      all_ok = false;
      if (stop_on_error) return false;
    }
  }
  return all_ok;
}

}  // namespace dynamosql

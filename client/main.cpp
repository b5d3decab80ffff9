// dynamosql, the console:
//   dynamosql [--endpoint URL] [--region R] [--profile P] [--local] [-c SQL]... [-f FILE]
//             [--format table|csv|json|jsonl] [--continue-on-error] [flags of settings: --scan-segments N ...]
// With -c or -f it runs those and exits; otherwise it reads stdin as a script when stdin is not a
// terminal, or starts an interactive session (libedit line editing, history in ~/.dynamosql_history,
// table-name completion; Ctrl-C as in psql: see line_editor.h). --local starts an embedded DynamoDB
// Local with the sample data.
// Argument parsing is getopt_long (libc), line editing libedit: both do it better than code we would write.
#include <getopt.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "console.h"
#include "dynamosql/error.h"
#include "dynamosql/script.h"
#include "dynamosql/settings.h"
#include "line_editor.h"
#include "local_dynamodb.h"
#include "sample_data.h"

using namespace dynamosql;

namespace {

// One line of usage: the flag (and its argument) in a column, then its help, continued lines indented.
void usage_line(FILE* out, const std::string& flag, const std::string& help) {
  std::string text = help;
  for (size_t at = 0; (at = text.find('\n', at)) != std::string::npos; at += 25) text.insert(at + 1, 24, ' ');
  if (flag.size() < 22) fprintf(out, "  %-22s%s\n", flag.c_str(), text.c_str());
  else fprintf(out, "  %s\n%24s%s\n", flag.c_str(), "", text.c_str());
}

// The flags of settings come from the settings table (connection settings first), the rest are the console's.
void usage(FILE* out) {
  fputs("usage: dynamosql [--endpoint URL] [--region R] [--profile P] [--local] [-c SQL]... [-f FILE]\n"
        "                 [--format table|csv|json|jsonl] [--continue-on-error]\n",
        out);
  auto setting_flags = [&](SettingKind kind) {
    for (const auto& s : settings_table())
      if (s.kind == kind && !s.console_flag.empty())
        usage_line(out, s.console_flag + (s.console_argument.empty() ? "" : " " + s.console_argument), s.console_help);
  };
  setting_flags(SettingKind::Connection);
  usage_line(out, "--local", "start an embedded DynamoDB Local with sample data");
  usage_line(out, "-c, --command SQL", "run SQL (repeatable) and exit");
  usage_line(out, "-f, --file FILE", "run a script and exit ('-' for stdin); stops at the first error");
  usage_line(out, "--format F", "output format: table (default), csv, json, jsonl");
  usage_line(out, "--continue-on-error", "keep running a script after a failed statement");
  setting_flags(SettingKind::Session);
}

std::string home_history() {
  const char* home = getenv("HOME");
  return home ? std::string(home) + "/.dynamosql_history" : "";
}

int interactive(Console& console, Session& session) {
  std::vector<std::string> tables;
  auto refresh_tables = [&] {
    try {
      tables = session.table_names();
    } catch (const Error&) {
    }
  };
  refresh_tables();
  LineEditor editor(home_history(), [&] { return tables; });
  printf("dynamosql - SQL for DynamoDB (%s). Type \\help for help, \\q to quit.\n", session.settings().aws.endpoint->c_str());
  std::string buffer;
  int buffer_line = 1;
  for (;;) {
    PromptLine read = editor.read_line(buffer.empty() ? "dynamosql> " : "       ...> ");
    if (read.kind == PromptLine::Kind::Interrupted) {  // Ctrl-C while typing: the statement is dropped
      printf("^C\n");
      buffer.clear();
      continue;
    }
    if (read.kind == PromptLine::Kind::EndOfInput) {  // Ctrl-D on an empty line
      printf("\n");
      break;
    }
    std::string line = std::move(read.text);
    if (buffer.empty()) {
      std::string trimmed = line.substr(line.find_first_not_of(" \t") == std::string::npos ? line.size() : line.find_first_not_of(" \t"));
      if (trimmed.empty()) continue;
      if (trimmed[0] == '\\') {
        editor.add_history(trimmed);
        if (!console.run_command(trimmed)) break;
        continue;
      }
    }
    buffer += (buffer.empty() ? "" : "\n") + line;
    auto statements = split_statements(buffer);
    bool complete = !statements.empty() && statements.back().complete;
    if (statements.empty()) {  // only comments or blank
      if (buffer.find_first_not_of(" \t\r\n;") == std::string::npos) buffer.clear();
      continue;
    }
    if (!complete) continue;
    editor.add_history(buffer);
    console.run_script(buffer, false, buffer_line);
    buffer.clear();
    refresh_tables();
  }
  return console.failed() ? 1 : 0;
}

// What the command line asks for.
struct CommandLine {
  SessionSettings settings;
  bool local = false;
  bool stop_on_error = true;
  OutputFormat format = OutputFormat::Table;
  bool format_given = false;
  std::vector<std::pair<char, std::string>> actions;  // 'c' SQL or 'f' file, in order
};

std::optional<OutputFormat> format_named(const std::string& f) {
  if (f == "table") return OutputFormat::Table;
  if (f == "csv") return OutputFormat::Csv;
  if (f == "json") return OutputFormat::Json;
  if (f == "jsonl") return OutputFormat::Jsonl;
  return std::nullopt;
}

// Reads the flags into `line`; returns the exit status when the console should stop here (--help, a bad
// flag), nothing when it should go on. Every setting's flag comes from the settings table.
std::optional<int> parse_command_line(int argc, char** argv, CommandLine& line) {
  enum { kLocal = 256, kFormat, kContinue, kHelp, kFirstSetting };
  std::vector<option> options = {{"local", no_argument, nullptr, kLocal},
                                 {"command", required_argument, nullptr, 'c'},
                                 {"file", required_argument, nullptr, 'f'},
                                 {"format", required_argument, nullptr, kFormat},
                                 {"continue-on-error", no_argument, nullptr, kContinue},
                                 {"help", no_argument, nullptr, kHelp}};
  const auto& table = settings_table();
  for (size_t i = 0; i < table.size(); ++i)
    if (!table[i].console_flag.empty())
      options.push_back({table[i].console_flag.c_str() + 2, table[i].console_argument.empty() ? no_argument : required_argument,
                         nullptr, kFirstSetting + static_cast<int>(i)});
  options.push_back({nullptr, 0, nullptr, 0});
  int opt;
  while ((opt = getopt_long(argc, argv, "c:f:h", options.data(), nullptr)) != -1) {
    if (opt >= kFirstSetting) {
      const SettingInfo& setting = table[static_cast<size_t>(opt - kFirstSetting)];
      try {
        apply_setting(line.settings, setting, setting.console_argument.empty() ? setting.console_value : optarg, setting.console_flag);
      } catch (const Error& e) {
        fprintf(stderr, "dynamosql: %s\n", e.what());
        return 2;
      }
      continue;
    }
    switch (opt) {
      case kLocal: line.local = true; break;
      case 'c': line.actions.emplace_back('c', optarg); break;
      case 'f': line.actions.emplace_back('f', optarg); break;
      case kFormat: {
        std::optional<OutputFormat> format = format_named(optarg);
        if (!format) {
          fprintf(stderr, "dynamosql: unknown format '%s'\n", optarg);
          return 2;
        }
        line.format = *format;
        line.format_given = true;
        break;
      }
      case kContinue: line.stop_on_error = false; break;
      case kHelp:
      case 'h': usage(stdout); return 0;
      default: usage(stderr); return 2;
    }
  }
  if (optind < argc) {
    usage(stderr);
    return 2;
  }
  return std::nullopt;
}

// --local: starts the embedded DynamoDB Local, points the settings at it and loads the sample tables
// (in a session of their own, so the console's session samples the tables' columns afresh).
void start_local(LocalDynamoDB& server, SessionSettings& settings) {
  fprintf(stderr, "Starting DynamoDB Local...\n");
  server.start();
  settings.aws.endpoint = server.endpoint();
  if (!settings.aws.region) settings.aws.region = "us-east-1";
  settings.aws.access_key_id = "local";
  settings.aws.secret_access_key = "local";
  Session loader(settings);
  int64_t n = load_sample_data(loader);
  fprintf(stderr, "Loaded %lld sample items into customers, orders and products at %s.\n", static_cast<long long>(n),
          server.endpoint().c_str());
}

// The text of a -f file ("-": standard input), or nothing when it cannot be read.
std::optional<std::string> script_file(const std::string& path) {
  std::stringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path);
  if (!in) return std::nullopt;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the -c and -f actions in order; the exit status.
int run_actions(Console& console, const CommandLine& line) {
  bool ok = true;
  for (const auto& [kind, text] : line.actions) {
    std::optional<std::string> script = kind == 'f' ? script_file(text) : text;
    if (!script) {
      fprintf(stderr, "ERROR 58030: cannot read %s\n", text.c_str());
      return 1;
    }
    ok &= console.run_script(*script, line.stop_on_error);
    if (!ok && line.stop_on_error) break;
  }
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  // Scan segments build rows on their own threads and the printer frees them on its: with glibc's
  // default arena per thread, every segment grows a heap of its own. Two arenas let freed rows be
  // reused across threads: a quarter less peak memory and fewer page faults on a large scan.
  mallopt(M_ARENA_MAX, 2);
  CommandLine line;
  if (std::optional<int> status = parse_command_line(argc, argv, line)) return *status;
  // Following a stream prints records as they arrive: JSON lines unless another format was chosen.
  if (line.settings.stream_follow && !line.format_given) line.format = OutputFormat::Jsonl;

  LocalDynamoDB server;
  try {
    if (line.local) start_local(server, line.settings);
    Session session(line.settings);
    install_interrupt_handler(&session);
    Console console(session, line.format, isatty(STDERR_FILENO));  // progress goes to stderr
    if (!line.actions.empty()) return run_actions(console, line);
    if (!isatty(STDIN_FILENO)) {
      std::stringstream ss;
      ss << std::cin.rdbuf();
      return console.run_script(ss.str(), line.stop_on_error) ? 0 : 1;
    }
    return interactive(console, session);
  } catch (const Error& e) {
    fprintf(stderr, "%s\n", e.describe().c_str());
    return 1;
  }
}

// The console binary as users run it: -c and -f, stdin scripts, output formats (csv RFC 4180, json,
// jsonl with exact numbers), errors as `ERROR <SQLSTATE>: ...` on stderr, exit codes, -f stopping at
// the first error unless --continue-on-error; interactively on a pseudo-terminal, Ctrl-C and Ctrl-D.
#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "support/test_env.h"

using namespace dynamosql;

namespace {

struct Run {
  int status;
  std::string out;
  std::string err;
};

// `wrapper` goes before the console binary (e.g. "timeout 60").
Run run_console(const std::string& args, const std::string& stdin_text = "", const std::string& wrapper = "") {
  std::string dir = testing::scratch_dir();
  std::string in = dir + "/in", out = dir + "/out", err = dir + "/err";
  std::ofstream(in) << stdin_text;
  std::string cmd = std::string("AWS_ACCESS_KEY_ID=t AWS_SECRET_ACCESS_KEY=t AWS_REGION=us-east-1 ") + wrapper + " " + DYNAMOSQL_CONSOLE +
                    " --endpoint " + testing::local_endpoint() + " " + args + " <" + in + " >" + out + " 2>" + err;
  int status = std::system(cmd.c_str());
  auto slurp = [](const std::string& p) {
    std::ifstream f(p);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  };
  Run r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  std::system(("rm -rf " + dir).c_str());
  return r;
}

void setup_table(const std::string& name) {
  auto client = testing::local_client();
  CreateTableRequest c;
  c.name = name;
  c.keys = {"id", ""};
  c.attribute_definitions = {{"id", "S"}};
  client->create_table(c);
  client->wait_until_active(name, std::chrono::seconds(30));
  PutItemRequest p;
  p.table = name;
  p.item = {{"id", Value::string("a")}, {"big", Value::number_text("12345678901234567890123456789012345678")},
            {"text", Value::string("has, comma and \"quote\"\nand newline")}, {"doc", Value::map({{"k", Value::list({Value::number_text("1.5")})}})},
            {"flag", Value::boolean(true)}};
  client->put_item(p);
  p.item = {{"id", Value::string("b")}};
  client->put_item(p);
}

// The console on a pseudo-terminal, as a person at a terminal runs it: what is typed goes in as
// keystrokes (Ctrl-C is "\x03", which the terminal turns into SIGINT), and the screen is read back.
class TerminalConsole {
 public:
  TerminalConsole() : home_(testing::scratch_dir()) {
    std::string endpoint = testing::local_endpoint();
    pid_ = forkpty(&fd_, nullptr, nullptr, nullptr);
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      setenv("AWS_ACCESS_KEY_ID", "t", 1);
      setenv("AWS_SECRET_ACCESS_KEY", "t", 1);
      setenv("AWS_REGION", "us-east-1", 1);
      setenv("HOME", home_.c_str(), 1);  // the history file goes here, not to the user's home
      setenv("TERM", "xterm", 1);
      execl(DYNAMOSQL_CONSOLE, DYNAMOSQL_CONSOLE, "--endpoint", endpoint.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~TerminalConsole() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(fd_);
    std::system(("rm -rf " + home_).c_str());
  }

  void type(const std::string& keys) { REQUIRE(write(fd_, keys.data(), keys.size()) == static_cast<ssize_t>(keys.size())); }

  // Reads the screen until `text` appears after what earlier calls consumed; false after `seconds`.
  bool wait_for(const std::string& text, double seconds = 30) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    for (;;) {
      size_t at = screen_.find(text, consumed_);
      if (at != std::string::npos) {
        consumed_ = at + text.size();
        return true;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0 || !read_some(static_cast<int>(left))) return false;
    }
  }
  // What appeared since the last wait_for match, up to the next prompt (reading until it shows). The
  // prompt is required: without it the next keys would be typed into a statement still running.
  std::string until_prompt() {
    size_t from = consumed_;
    bool shown = wait_for("dynamosql> ", 120);
    INFO(screen_.substr(from));
    REQUIRE(shown);
    return screen_.substr(from, consumed_ - from);
  }
  // The exit status once the console has ended; -1 if it is still running after `seconds`.
  int exit_status(double seconds = 30) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      read_some(100);
    }
    return -1;
  }
  const std::string& screen() const { return screen_; }
  // Waits until the console's terminal is in canonical mode (ICANON: the line editor has taken the line
  // typed and gave the terminal back, before the statement is parsed) or, with `canonical` false, in
  // the line editor's raw mode (it waits for keys at a prompt: a Ctrl-D typed now is a key, not a
  // cooked-mode end of file the editor would never see).
  bool wait_for_terminal(bool canonical, double seconds = 30) {
    int tty = open(ptsname(fd_), O_RDWR | O_NOCTTY);
    if (tty < 0) return false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    bool reached = false;
    termios mode{};
    while (!reached && std::chrono::steady_clock::now() < deadline) {
      reached = tcgetattr(tty, &mode) == 0 && ((mode.c_lflag & ICANON) != 0) == canonical;
      if (!reached) read_some(5);
    }
    close(tty);
    return reached;
  }

 private:
  bool read_some(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[4096];
    ssize_t n = read(fd_, buf, sizeof buf);
    if (n <= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms < 100 ? timeout_ms : 100));
      return false;  // the console has closed the terminal
    }
    screen_.append(buf, static_cast<size_t>(n));
    return true;
  }

  std::string home_;
  pid_t pid_ = -1;
  int fd_ = -1;
  bool exited_ = false;
  std::string screen_;
  size_t consumed_ = 0;
};

}  // namespace

TEST_CASE("console: Ctrl-C clears the statement being typed or cancels the running one; Ctrl-D ends", "[integration][console]") {
  std::string table = testing::unique_name("console_ctrl_c");
  TerminalConsole console;
  REQUIRE(console.wait_for("dynamosql> "));

  // At the continuation prompt: the lines typed so far are dropped, and the console goes on.
  console.type("SELECT 'first' AS v\n");
  REQUIRE(console.wait_for("...> "));
  console.type("\x03");
  CHECK(console.until_prompt().find("^C") != std::string::npos);
  console.type("SELECT 'second' AS v;\n");
  std::string answer = console.until_prompt();
  CHECK(answer.find("second") != std::string::npos);
  CHECK(answer.find("ERROR") == std::string::npos);

  // In the middle of a line at the first prompt: the same.
  console.type("SELECT 'third'");
  REQUIRE(console.wait_for("SELECT 'third'"));
  console.type("\x03");
  console.until_prompt();
  console.type("SELECT 'fourth' AS v;\n");
  answer = console.until_prompt();
  CHECK(answer.find("fourth") != std::string::npos);
  CHECK(answer.find("ERROR") == std::string::npos);

  // During a statement: 60 rows at 2 rows/s would take half a minute; Ctrl-C cancels it (HY008)
  // and the console is back at its prompt, with the rows written before the cancel still there.
  console.type("CREATE TABLE " + table + " (id VARCHAR PRIMARY KEY);\n");
  CHECK(console.until_prompt().find("created") != std::string::npos);
  console.type("SET write_rows_per_second = 2;\n");
  console.until_prompt();
  std::string rows;
  for (int i = 0; i < 60; ++i) rows += std::string(rows.empty() ? "" : ", ") + "('r" + std::to_string(i) + "')";
  auto start = std::chrono::steady_clock::now();
  console.type("INSERT INTO " + table + " (id) VALUES " + rows + ";\n");
  REQUIRE(console.wait_for("\n"));
  // Ctrl-C once the INSERT provably runs (a row is written), not after a fixed sleep: on a loaded
  // machine parsing can outlast any sleep, and a Ctrl-C before the statement starts is not this test's case.
  auto client = testing::local_client();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  ScanRequest any_row;
  any_row.table = table;
  while (client->scan(any_row).size() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  console.type("\x03");
  answer = console.until_prompt();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(answer.find("ERROR HY008") != std::string::npos);
  CHECK(seconds < 20);
  console.type("SELECT COUNT(*) BETWEEN 1 AND 59 AS partial FROM " + table + ";\n");
  CHECK(console.until_prompt().find("true") != std::string::npos);

  // Ctrl-C right after Enter, while the statement is still being parsed or has not reached its first
  // write: it is cancelled all the same (at 2 rows/s the 600 rows would take five minutes).
  // (The Ctrl-C goes once the console has taken the line: its terminal is back in canonical mode.)
  console.type("DROP TABLE " + table + ";\n");
  console.until_prompt();
  console.type("CREATE TABLE " + table + " (id VARCHAR PRIMARY KEY);\n");
  console.until_prompt();
  std::string more;
  for (int i = 0; i < 600; ++i) more += std::string(more.empty() ? "" : ", ") + "('s" + std::to_string(i) + "')";
  REQUIRE(console.wait_for_terminal(false));  // the editor reads keys (else canonical mode is the last statement's)
  start = std::chrono::steady_clock::now();
  console.type("INSERT INTO " + table + " (id) VALUES " + more + ";\n");
  REQUIRE(console.wait_for_terminal(true));
  console.type("\x03");
  answer = console.until_prompt();
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(answer.find("ERROR HY008") != std::string::npos);
  CHECK(seconds < 60);
  console.type("SELECT COUNT(*) < 600 AS partial FROM " + table + ";\n");
  CHECK(console.until_prompt().find("true") != std::string::npos);
  console.type("DROP TABLE " + table + ";\n");
  console.until_prompt();

  // Ctrl-D on an empty line ends the console (its status says a statement failed: the cancelled one).
  REQUIRE(console.wait_for_terminal(false));
  console.type("\x04");
  INFO(console.screen());
  CHECK(console.exit_status() == 1);
}

TEST_CASE("console: typing UTF-8, Tab completion and \\q at an interactive console", "[integration][console]") {
  std::string table = testing::unique_name("console_tab");
  REQUIRE(run_console("-c \"CREATE TABLE " + table + " (id VARCHAR PRIMARY KEY)\"").status == 0);
  TerminalConsole console;
  REQUIRE(console.wait_for("dynamosql> "));
  console.type("\x03");  // at an empty prompt too, Ctrl-C only gives a fresh prompt
  console.until_prompt();
  console.type("SELECT 'café ✓' AS v, 1 AS w;\n");  // keys are read as UTF-8 characters
  std::string answer = console.until_prompt();
  CHECK(answer.find("café ✓") != std::string::npos);
  CHECK(answer.find(" w") != std::string::npos);
  // Tab completes the table name from its first characters.
  console.type("SELECT COUNT(*) AS n FROM " + table.substr(0, table.size() - 4) + "\t;\n");
  CHECK(console.until_prompt().find("(1 row)") != std::string::npos);
  console.type("\\q\n");
  CHECK(console.exit_status() == 0);
  run_console("-c \"DROP TABLE " + table + "\"");
}

TEST_CASE("console: formats, errors and exit codes", "[integration][console]") {
  std::string table = testing::unique_name("console");
  setup_table(table);

  SECTION("csv: header, quoting, NULL as an empty field, CRLF") {
    auto r = run_console("--format csv -c \"SELECT id, big, text, flag FROM " + table + " ORDER BY id\"");
    CHECK(r.status == 0);
    CHECK(r.out ==
          "id,big,text,flag\r\n"
          "a,12345678901234567890123456789012345678,\"has, comma and \"\"quote\"\"\nand newline\",true\r\n"
          "b,,,\r\n");
  }
  SECTION("jsonl: exact numbers, documents as JSON, NULL as null") {
    auto r = run_console("--format jsonl -c \"SELECT id, big, doc FROM " + table + " ORDER BY id\"");
    CHECK(r.status == 0);
    CHECK(r.out ==
          "{\"id\":\"a\",\"big\":12345678901234567890123456789012345678,\"doc\":{\"k\":[1.5]}}\n"
          "{\"id\":\"b\",\"big\":null,\"doc\":null}\n");
  }
  SECTION("json: one array") {
    auto r = run_console("--format json -c \"SELECT id FROM " + table + " WHERE id = 'b'\"");
    CHECK(r.out == "[\n{\"id\":\"b\"}\n]\n");
  }
  SECTION("table: aligned, with a row count") {
    auto r = run_console("-c \"SELECT id FROM " + table + " ORDER BY id\"");
    CHECK(r.out == " id\n----\n a \n b \n(2 rows)\n");
  }
  SECTION("an error prints ERROR <SQLSTATE> on stderr and exits non-zero") {
    auto r = run_console("-c \"SELECT * FROM no_such_table_xyz\"");
    CHECK(r.status == 1);
    CHECK(r.err.find("ERROR 42S02: table \"no_such_table_xyz\" does not exist") != std::string::npos);
    CHECK(r.out.empty());
  }
  SECTION("-f stops at the first error, with the script's line number") {
    std::string dir = testing::scratch_dir();
    std::ofstream(dir + "/s.sql") << "SELECT 1 AS one;\n\nSELECT nope(1);\nSELECT 2 AS two;\n";
    auto r = run_console("--format csv -f " + dir + "/s.sql");
    CHECK(r.status == 1);
    CHECK(r.out == "one\r\n1\r\n");
    CHECK(r.err.find("ERROR 42000: unknown function nope() (3:8)") != std::string::npos);
    auto r2 = run_console("--format csv --continue-on-error -f " + dir + "/s.sql");
    CHECK(r2.status == 1);
    CHECK(r2.out == "one\r\n1\r\ntwo\r\n2\r\n");
  }
  SECTION("stdin that is not a terminal is a script") {
    auto r = run_console("--format csv", "SELECT id FROM " + table + " WHERE id = 'a';\nSELECT 'x;y' AS s;\n");
    CHECK(r.status == 0);
    CHECK(r.out == "id\r\na\r\ns\r\nx;y\r\n");
  }
  SECTION("bad arguments") {
    auto r = run_console("--format xml -c \"SELECT 1\"");
    CHECK(r.status == 2);
  }
  SECTION("a setting's flag takes what SET takes, with the settings table's message") {
    for (const char* bad : {"0", "1001", "lots"}) {
      auto r = run_console(std::string("--scan-segments ") + bad + " -c \"SHOW scan_segments\"");
      CHECK(r.status == 2);
      CHECK(r.err == "dynamosql: --scan-segments must be an integer from 1 to 1000\n");
    }
    auto r = run_console("--format csv --scan-segments 1000 --no-full-scan -c \"SHOW scan_segments\" -c \"SHOW allow_full_scan\"");
    CHECK(r.status == 0);
    CHECK(r.out == "scan_segments\r\n1000\r\nallow_full_scan\r\nfalse\r\n");
  }
}

TEST_CASE("console: --follow prints stream records as they arrive", "[integration][console][streams]") {
  std::string table = testing::unique_name("console_follow");
  auto created = run_console("-c \"CREATE TABLE " + table + " (id VARCHAR, PRIMARY KEY (id)) WITH (stream = 'NEW_IMAGE')\"");
  REQUIRE(created.status == 0);
  // The console follows in a thread from the stream's start (the table is new); LIMIT 2 bounds it,
  // and `timeout` stops it if the records never come.
  Run followed;
  std::thread follower([&] {
    followed = run_console("--follow -c \"SELECT id, event_name, new_image.n AS n FROM streams." + table + " LIMIT 2\"", "",
                           "timeout 60");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  auto wrote = run_console("-c \"INSERT INTO " + table + " (id, n) VALUES ('x', 1)\" -c \"UPDATE " + table + " SET n = 2 WHERE id = 'x'\"");
  REQUIRE(wrote.status == 0);
  follower.join();
  INFO(followed.err);
  CHECK(followed.status == 0);
  CHECK(followed.out == "{\"id\":\"x\",\"event_name\":\"INSERT\",\"n\":1}\n{\"id\":\"x\",\"event_name\":\"MODIFY\",\"n\":2}\n");
}

TEST_CASE("console: COPY from standard input and to standard output", "[integration][console][copy]") {
  std::string table = testing::unique_name("console_copy");
  auto created = run_console("-c \"CREATE TABLE " + table + " (id VARCHAR PRIMARY KEY)\"");
  REQUIRE(created.status == 0);
  auto loaded = run_console("-c \"COPY " + table + " FROM '-' WITH (format = 'jsonl')\"",
                            "{\"id\": \"a\", \"n\": 1.50}\n{\"id\": \"b\", \"n\": 12345678901234567890123456789012345678}\n\n{\"id\": \"c\"}\n");
  INFO(loaded.err);
  REQUIRE(loaded.status == 0);
  // The summary on stderr, as for any COPY through a standard stream: stdout stays for data.
  CHECK(loaded.err.find("COPY 3: read 3 records, wrote 3, rejected 0") == 0);
  CHECK(loaded.out.empty());
  // The rows alone on stdout (a pipe's data); the summary on stderr.
  auto exported = run_console("-c \"COPY (SELECT id, n FROM " + table + " ORDER BY id) TO '-' WITH (format csv)\"");
  REQUIRE(exported.status == 0);
  CHECK(exported.out == "id,n\r\na,1.5\r\nb,12345678901234567890123456789012345678\r\nc,\r\n");
  CHECK(exported.err.find("COPY 3: wrote 3 rows to standard output") == 0);
  // A bad record stops the load with its line and SQLSTATE, and the exit status says so.
  auto bad = run_console("-c \"COPY " + table + " FROM '-' WITH (format = 'jsonl')\"", "{\"id\": \"d\"}\n{\"id\": 5}\n");
  CHECK(bad.status != 0);
  CHECK(bad.err.find("ERROR 22018: line 2: key attribute \"id\" must be of type S, got N") == 0);
  run_console("-c \"DROP TABLE " + table + "\"");
}

TEST_CASE("console: COPY draws a progress bar on a terminal's stderr", "[integration][console][copy]") {
  std::string table = testing::unique_name("console_progress");
  REQUIRE(run_console("-c \"CREATE TABLE " + table + " (id VARCHAR PRIMARY KEY)\"").status == 0);
  std::string dir = testing::scratch_dir();
  {
    std::ofstream rows(dir + "/rows.jsonl");
    for (int i = 0; i < 600; ++i) rows << "{\"id\": \"r" << i << "\"}\n";
    // `script` gives the console a pseudo-terminal, as a person at a terminal has.
    std::ofstream(dir + "/run.sh") << "AWS_ACCESS_KEY_ID=t AWS_SECRET_ACCESS_KEY=t AWS_REGION=us-east-1 " << DYNAMOSQL_CONSOLE
                                   << " --endpoint " << testing::local_endpoint() << " -c \"COPY " << table << " FROM '" << dir
                                   << "/rows.jsonl' WITH (rows_per_second = 200)\"\n";
  }
  std::string cmd = "script -qec 'sh " + dir + "/run.sh' /dev/null > " + dir + "/tty.txt 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream f(dir + "/tty.txt");
  std::string tty((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  INFO(tty);
  // 600 rows at 200/s take about two seconds: the bar is redrawn with a share, a rate and an ETA,
  // and the summary follows.
  CHECK(tty.find("] ") != std::string::npos);
  CHECK(tty.find("% ") != std::string::npos);
  CHECK(tty.find("rows/s") != std::string::npos);
  CHECK(tty.find("ETA") != std::string::npos);
  CHECK(tty.find("COPY 600: read 600 records, wrote 600") != std::string::npos);
  std::system(("rm -rf " + dir).c_str());
  run_console("-c \"DROP TABLE " + table + "\"");
}

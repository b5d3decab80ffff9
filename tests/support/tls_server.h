// A TLS listener on 127.0.0.1 whose certificate, made fresh and self-signed, no client trusts: it counts
// the connections that reach it. A client that verifies certificates gives up during the handshake.
#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace dynamosql::testing {

class UntrustedTlsServer {
 public:
  UntrustedTlsServer();
  ~UntrustedTlsServer();
  UntrustedTlsServer(const UntrustedTlsServer&) = delete;
  UntrustedTlsServer& operator=(const UntrustedTlsServer&) = delete;

  std::string endpoint() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_; }

 private:
  void serve();

  void* context_ = nullptr;  // SSL_CTX
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<int> connections_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace dynamosql::testing

// A fault-injecting proxy in front of DynamoDB Local, on 127.0.0.1, for migration tests. Each request
// is forwarded, or answered with a fault drawn from a seeded random sequence:
//   throttle        400 ProvisionedThroughputExceededException, not forwarded
//   error_before    500 InternalServerError, not forwarded
//   error_after     forwarded (applied), then answered 500: the client cannot know it was applied
//   drop_before     connection closed without forwarding
//   drop_after      forwarded (applied), then the connection closed without an answer
//   partial         BatchWriteItem only: a prefix of the items is forwarded, the rest come back as
//                   UnprocessedItems
// With outage() every request is dropped unforwarded, as when the network goes away; with deny_table()
// every request naming that table is answered 400 AccessDeniedException, as under a policy without it.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/session.h"

namespace dynamosql::testing {

struct FaultRates {
  double throttle = 0, error_before = 0, error_after = 0, drop_before = 0, drop_after = 0, partial = 0;
  // Each request (by its body: a retry sends the same one) is throttled at most once, so a client that
  // makes at least 2 attempts never gives up on a request for throttling, however long the run.
  bool throttle_each_request_once = false;
};

class FaultProxy {
 public:
  FaultProxy(std::string upstream, FaultRates rates, unsigned seed = 20261122);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void set_outage(bool on) { outage_ = on; }
  // After this many more forwarded requests, the outage begins (0: never).
  void outage_after(int requests) { outage_countdown_ = requests; }
  // Requests naming `table` are refused from now on ("": none is).
  void deny_table(const std::string& table);
  // How often each fault was injected, by name ("throttle", ... "partial"), and "forwarded".
  std::map<std::string, int> counts();

 private:
  void serve();
  void handle_connection(int fd);
  std::string choose(const std::string& operation, const std::string& body);
  void count(const std::string& what);

  std::string upstream_;
  FaultRates rates_;
  std::mt19937 rng_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> outage_{false};
  std::atomic<int> outage_countdown_{0};
  std::mutex mutex_;
  std::map<std::string, int> counts_;
  std::set<size_t> throttled_bodies_;  // hashes, for throttle_each_request_once
  std::string denied_table_;
  std::thread thread_;
  std::vector<std::thread> connections_;
};

// Every fault at rates a migration must survive: 6% throttled, 3% each of 500s before and after
// applying and of connections dropped before and after applying, 25% of batches partial.
FaultRates heavy_faults();

// Engine settings for a session whose requests go through `proxy` to the test's DynamoDB Local;
// `give_up_soon` (3 attempts, backoff capped at 50 ms) makes an outage fail a statement quickly.
SessionSettings through(const FaultProxy& proxy, bool give_up_soon = false);

}  // namespace dynamosql::testing

// How a statement's reads share production capacity. Every DynamoDB read a statement makes (each Scan
// segment, Query, GetItem, BatchGetItem, stream GetRecords) goes through the statement's ReadPacer:
//   - read limits (read_rows_per_second, read_units_per_second): after each response the pacer spends
//     what it read (items DynamoDB read, i.e. ScannedCount, and the ConsumedCapacity it reported) on
//     the session's rate limiters, which hold the reader back until the rate allows more; before each
//     request it shrinks DynamoDB's Limit so one request reads about a second's worth for its share of
//     the segments, so the rate is smooth rather than a page now and a long wait after;
//   - the budget (max_read_units): before each request the pacer predicts its cost (the most units per
//     item read that any response of the statement has cost, 1 before the first, plus the half unit a
//     response's rounding up to 4 KB may add) and sets Limit so the prediction fits in what is left;
//     when not even one item fits, the statement fails with 53400 before sending it;
//   - throttling (AdaptiveRate): one rate for all the statement's Scan and Query attempts, cut when
//     DynamoDB throttles any of them, so the segments slow down together.
// ConsumedCapacity is asked for only when a unit limit, a budget or EXPLAIN ANALYZE needs it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <utility>

#include "dynamo/dynamo_client.h"
#include "exec/rate_limiter.h"

namespace dynamosql {

// The AWS SDKs' adaptive retry rate (a token bucket whose rate is cut to 70% of the measured send rate
// on throttling and grows back along a CUBIC curve), shared by every thread of one statement. Until the
// first throttle it lets everything through.
class AdaptiveRate : public CallPacer {
 public:
  void before_attempt() override;
  void after_attempt(bool throttled) override;
  // Requests per second allowed now; 0 until DynamoDB first throttles.
  double rate() const;
  uint64_t throttles() const { return throttles_; }

 private:
  using Clock = std::chrono::steady_clock;
  double seconds_since(Clock::time_point t) const;
  void measure(Clock::time_point now);  // the send rate, in half-second windows

  mutable std::mutex mutex_;
  bool enabled_ = false;
  double fill_rate_ = 0;  // tokens (requests) per second
  double tokens_ = 0;
  Clock::time_point last_fill_{};
  double last_max_rate_ = 0;
  Clock::time_point last_throttle_{};
  double measured_rate_ = 0;
  Clock::time_point window_start_{};
  int window_requests_ = 0;
  std::atomic<uint64_t> throttles_{0};
};

// The session's read limits for one statement (either limiter absent; max_units 0: no budget).
struct ReadLimits {
  RateLimiter* rows = nullptr;   // items DynamoDB reads per second
  RateLimiter* units = nullptr;  // read capacity units per second
  double max_units = 0;          // per statement
};

class ReadPacer;

// A request's share of the budget: the Limit to send and the units set aside for it until its
// response is counted (ReadPacer::read); a request that never got one gives them back when its ticket
// is destroyed.
class ReadTicket {
 public:
  ReadTicket() = default;
  ReadTicket(ReadTicket&& other) noexcept { *this = std::move(other); }
  ReadTicket& operator=(ReadTicket&& other) noexcept;
  ~ReadTicket();
  int64_t limit() const { return limit_; }  // 0: no Limit

 private:
  friend class ReadPacer;
  ReadTicket(ReadPacer* pacer, int64_t limit, double reserved) : pacer_(pacer), limit_(limit), reserved_(reserved) {}
  ReadPacer* pacer_ = nullptr;
  int64_t limit_ = 0;
  double reserved_ = 0;
};

class ReadPacer {
 public:
  void set_limits(ReadLimits limits, const std::atomic<bool>* cancelled);
  void set_analyze() { analyze_ = true; }
  // Whether requests must ask for ConsumedCapacity.
  bool wants_capacity() const { return analyze_ || limits_.units || limits_.max_units > 0; }

  // Before a request that would read up to `limit` items (0: as many as a page holds), by one of
  // `readers` concurrent readers: the Limit to send and the budget it holds. Waits for requests in
  // flight when the budget has too little left, then throws 53400 if it still cannot pay for one item
  // (HY008 if the statement is cancelled meanwhile).
  ReadTicket before_request(int64_t limit, int readers = 1);
  // After the response to a request: DynamoDB read `items` items for `units` capacity units. Waits
  // while the read limits are exceeded; throws HY008 when the statement is cancelled meanwhile.
  void read(ReadTicket ticket, uint64_t items, double units);
  AdaptiveRate& adaptive() { return adaptive_; }

 private:
  friend class ReadTicket;
  void release(double reserved);

  ReadLimits limits_;
  const std::atomic<bool>* cancelled_ = nullptr;
  bool analyze_ = false;
  std::mutex mutex_;
  std::condition_variable returned_;  // a response came back: reservations changed
  double units_read_ = 0;
  double units_reserved_ = 0;  // set aside for the requests in flight (budget only)
  double units_per_item_ = 0;  // the most any response cost per item read (0: none seen yet)
  AdaptiveRate adaptive_;
};

}  // namespace dynamosql

// Read limits, budgets and the shared adaptive rate; see read_pacer.h.
#include "exec/read_pacer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

// The AWS SDKs' constants for adaptive retries.
constexpr double kBeta = 0.7;          // the share of the measured rate kept on throttling
constexpr double kScale = 0.4;         // CUBIC's growth constant
constexpr double kSmooth = 0.8;        // weight of the newest half-second in the measured rate
constexpr double kMinFillRate = 0.5;   // requests per second, however often DynamoDB throttles
constexpr double kRoundingUnits = 0.5; // a response's size is rounded up to 4 KB: half a unit at most
constexpr double kFirstUnitsPerItem = 1;  // an item up to 4 KB read strongly, 8 KB eventually

std::string units_text(double units) {
  char text[32];
  snprintf(text, sizeof text, "%g", std::round(units * 10) / 10);
  return text;
}

}  // namespace

// ---- AdaptiveRate -------------------------------------------------------------------------------

double AdaptiveRate::seconds_since(Clock::time_point t) const {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double AdaptiveRate::rate() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return enabled_ ? fill_rate_ : 0;
}

void AdaptiveRate::before_attempt() {
  double wait = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!enabled_) return;
    auto now = Clock::now();
    double capacity = std::max(fill_rate_, 1.0);
    tokens_ = std::min(capacity, tokens_ + std::chrono::duration<double>(now - last_fill_).count() * fill_rate_);
    last_fill_ = now;
    tokens_ -= 1;  // taken now, paid for by waiting until the bucket has refilled it
    if (tokens_ < 0) wait = -tokens_ / fill_rate_;
  }
  if (wait > 0) std::this_thread::sleep_for(std::chrono::duration<double>(wait));
}

void AdaptiveRate::measure(Clock::time_point now) {
  if (window_start_ == Clock::time_point{}) window_start_ = now;
  ++window_requests_;
  double elapsed = std::chrono::duration<double>(now - window_start_).count();
  if (elapsed < 0.5) return;
  double current = window_requests_ / elapsed;
  measured_rate_ = measured_rate_ == 0 ? current : current * kSmooth + measured_rate_ * (1 - kSmooth);
  window_start_ = now;
  window_requests_ = 0;
}

void AdaptiveRate::after_attempt(bool throttled) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto now = Clock::now();
  measure(now);
  // Before the first half-second has passed, what has been sent so far stands for the rate.
  double measured = measured_rate_ > 0 ? measured_rate_
                                       : window_requests_ / std::max(0.05, seconds_since(window_start_));
  if (throttled) {
    ++throttles_;
    last_max_rate_ = enabled_ ? std::min(measured, fill_rate_) : measured;
    last_throttle_ = now;
    if (!enabled_) tokens_ = 0, last_fill_ = now;
    enabled_ = true;
    fill_rate_ = std::max(last_max_rate_ * kBeta, kMinFillRate);
    return;
  }
  if (!enabled_) return;
  // CUBIC: back to the rate of the last throttle after K seconds, faster after that.
  double k = std::cbrt(last_max_rate_ * (1 - kBeta) / kScale);
  double t = seconds_since(last_throttle_) - k;
  double cubic = kScale * t * t * t + last_max_rate_;
  fill_rate_ = std::max(std::min(cubic, 2 * measured), kMinFillRate);
}

// ---- ReadPacer ----------------------------------------------------------------------------------

ReadTicket& ReadTicket::operator=(ReadTicket&& other) noexcept {
  if (this != &other) {
    if (pacer_ && reserved_ > 0) pacer_->release(reserved_);
    pacer_ = other.pacer_;
    limit_ = other.limit_;
    reserved_ = other.reserved_;
    other.reserved_ = 0;
  }
  return *this;
}

ReadTicket::~ReadTicket() {
  if (pacer_ && reserved_ > 0) pacer_->release(reserved_);
}

void ReadPacer::release(double reserved) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    units_reserved_ = std::max(0.0, units_reserved_ - reserved);
  }
  returned_.notify_all();
}

void ReadPacer::set_limits(ReadLimits limits, const std::atomic<bool>* cancelled) {
  limits_ = limits;
  cancelled_ = cancelled;
}

ReadTicket ReadPacer::before_request(int64_t limit, int readers) {
  auto cap = [&limit](double items) {
    auto n = static_cast<int64_t>(std::max(1.0, std::floor(items)));
    limit = limit > 0 ? std::min(limit, n) : n;
  };
  readers = std::max(readers, 1);
  std::unique_lock<std::mutex> lock(mutex_);
  double per_item = units_per_item_ > 0 ? units_per_item_ : kFirstUnitsPerItem;
  // About a second's worth for this reader's share of the rate.
  if (limits_.rows) cap(limits_.rows->per_second() / readers);
  if (limits_.units) cap(limits_.units->per_second() / readers / per_item);
  if (limits_.max_units <= 0) return ReadTicket(this, limit, 0);
  for (;;) {
    per_item = units_per_item_ > 0 ? units_per_item_ : kFirstUnitsPerItem;
    double left = limits_.max_units - units_read_ - units_reserved_;
    double items = std::floor((left - kRoundingUnits) / per_item);
    if (items >= 1) {
      cap(items);
      double reserved = static_cast<double>(limit) * per_item + kRoundingUnits;
      units_reserved_ += reserved;
      return ReadTicket(this, limit, reserved);
    }
    if (units_reserved_ <= 0)
      throw Error(sqlstate::kConfigurationLimitExceeded,
                  "the statement would read more than max_read_units (" + units_text(limits_.max_units) +
                      "): it has read " + units_text(units_read_) + " read units and its next request could cost " +
                      units_text(per_item + kRoundingUnits) + "; stopped before sending it, no partial result is returned");
    // The requests in flight may cost less than they set aside.
    returned_.wait_for(lock, std::chrono::milliseconds(100));
    if (cancelled_ && cancelled_->load()) throw Error(sqlstate::kOperationCanceled, "statement cancelled");
  }
}

void ReadPacer::read(ReadTicket ticket, uint64_t items, double units) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    units_read_ += units;
    units_reserved_ = std::max(0.0, units_reserved_ - ticket.reserved_);
    ticket.reserved_ = 0;
    if (items > 0) units_per_item_ = std::max(units_per_item_, units / static_cast<double>(items));
  }
  returned_.notify_all();
  bool waited = (!limits_.rows || limits_.rows->acquire(static_cast<double>(items), cancelled_)) &&
                (!limits_.units || limits_.units->acquire(units, cancelled_));
  if (!waited) throw Error(sqlstate::kOperationCanceled, "statement cancelled");
}

}  // namespace dynamosql

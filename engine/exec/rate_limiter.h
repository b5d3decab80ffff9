// A rate limit shared by writers: acquire(units) waits until spending `units` keeps the long-run rate at
// or under `per_second`, allowing a burst of about one second's worth. Units are items or write
// capacity units, whichever the caller limits. Waiting wakes every 100 ms to honour cancellation.
// WriteThrottle pairs the two limits a write may be under (items/s and write units/s, either absent).
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

#include "dynamosql/value.h"

namespace dynamosql {

class RateLimiter {
 public:
  explicit RateLimiter(double per_second) : per_second_(per_second) {}
  double per_second() const { return per_second_; }
  // Returns false if `cancelled` became true while waiting (the units are spent anyway).
  bool acquire(double units, const std::atomic<bool>* cancelled = nullptr);

 private:
  double per_second_;
  std::mutex mutex_;
  // The "theoretical arrival time" of the generic cell rate algorithm: when the bucket is empty again.
  std::chrono::steady_clock::time_point empty_at_{};
};

struct WriteThrottle {
  RateLimiter* items = nullptr;
  RateLimiter* write_units = nullptr;  // one unit per started KB of each item written
  bool active() const { return items || write_units; }
  // Waits before writing `written`: the items put, or as read for an UPDATE or DELETE (an empty list is
  // one write of a key alone, one unit). Sizes are counted only when write units are limited;
  // `transactional` writes cost double. Throws HY008 if `cancelled` becomes true meanwhile.
  void await(const std::vector<const Item*>& written, bool transactional, const std::atomic<bool>* cancelled) const;
};

}  // namespace dynamosql

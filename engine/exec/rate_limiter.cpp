// Generic cell rate algorithm with a one-second burst; see rate_limiter.h.
#include "exec/rate_limiter.h"

#include <algorithm>
#include <thread>

#include "dynamosql/error.h"
#include "value/item_size.h"

namespace dynamosql {

bool RateLimiter::acquire(double units, const std::atomic<bool>* cancelled) {
  using namespace std::chrono;
  steady_clock::time_point allowed_at;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto now = steady_clock::now();
    auto cost = duration_cast<steady_clock::duration>(duration<double>(units / per_second_));
    empty_at_ = std::max(empty_at_, now) + cost;
    allowed_at = empty_at_ - seconds(1);  // one second of burst
  }
  while (steady_clock::now() < allowed_at) {
    if (cancelled && cancelled->load()) return false;
    std::this_thread::sleep_for(std::min<steady_clock::duration>(milliseconds(100), allowed_at - steady_clock::now()));
  }
  return true;
}

void WriteThrottle::await(const std::vector<const Item*>& written, bool transactional,
                          const std::atomic<bool>* cancelled) const {
  if (!active()) return;
  double count = static_cast<double>(std::max<size_t>(written.size(), 1));
  double units = written.empty() ? 1 : 0;
  if (write_units)
    for (const Item* item : written) units += static_cast<double>(dynamosql::write_units(*item));
  if (transactional) units *= 2;
  bool waited = (!items || items->acquire(count, cancelled)) && (!write_units || write_units->acquire(units, cancelled));
  if (!waited) throw Error(sqlstate::kOperationCanceled, "statement cancelled");
}

}  // namespace dynamosql

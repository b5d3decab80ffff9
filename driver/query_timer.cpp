// Query timeouts; see query_timer.h.
#include <sql.h>

#include "query_timer.h"

namespace dynamosql::odbc {

QueryTimer::QueryTimer(Session& session, SQLULEN seconds) : seconds_(seconds) {
  if (seconds == 0) return;
  thread_ = std::thread([this, &session] {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!done_.wait_for(lock, std::chrono::seconds(seconds_), [this] { return finished_; })) {
      fired_ = true;
      session.cancel();
    }
  });
}

QueryTimer::~QueryTimer() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
  }
  done_.notify_all();
  thread_.join();
}

}  // namespace dynamosql::odbc

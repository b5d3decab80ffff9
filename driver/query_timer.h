// SQL_ATTR_QUERY_TIMEOUT: while a statement call runs, a timer thread cancels the session's running
// statement when the timeout passes; the call then fails with HYT00 instead of HY008.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include <sql.h>
#include <sqlext.h>

#include <atomic>

#include "dynamosql/error.h"
#include "dynamosql/session.h"

namespace dynamosql::odbc {

class QueryTimer {
 public:
  QueryTimer(Session& session, SQLULEN seconds);
  ~QueryTimer();
  bool fired() const { return fired_; }
  // Runs `body`; a cancellation caused by this timer becomes Error HYT00.
  template <class Body>
  auto run(Body&& body) -> decltype(body()) {
    try {
      return body();
    } catch (const Error& e) {
      if (fired_ && e.sqlstate() == sqlstate::kOperationCanceled)
        throw Error(sqlstate::kTimeout, "query timeout expired (SQL_ATTR_QUERY_TIMEOUT = " + std::to_string(seconds_) + " s)");
      throw;
    }
  }

 private:
  SQLULEN seconds_;
  std::mutex mutex_;
  std::condition_variable done_;
  bool finished_ = false;
  std::atomic<bool> fired_{false};
  std::thread thread_;
};

}  // namespace dynamosql::odbc

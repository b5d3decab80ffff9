// Progress of long statements, for a display (the console's progress line and COPY's progress bar):
// a client implements ProgressSink and hands it to Session::set_progress.
#pragma once

#include <cstdint>
#include <optional>

namespace dynamosql {

// Where a COPY stands.
struct CopyProgress {
  int64_t read = 0;      // records read (COPY FROM) or rows fetched (COPY TO)
  int64_t written = 0;   // items written (COPY FROM) or rows written to the file (COPY TO)
  int64_t rejected = 0;
  int64_t retried = 0;   // items re-sent after UnprocessedItems plus requests retried
  std::optional<double> fraction;  // share done, when the total is known (file size, table item count)
  double seconds = 0;
};

// Called between pages of long scans and as a COPY advances, from the thread running the statement.
struct ProgressSink {
  virtual ~ProgressSink() = default;
  virtual void on_page(uint64_t items_scanned, uint64_t pages) = 0;
  virtual void on_copy(const CopyProgress&) {}
};

}  // namespace dynamosql

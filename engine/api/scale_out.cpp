// Scale-out support for the write statements: scan checkpoints (SET scan_checkpoint) and the notice a
// statement restricted to a segment gives (what it read, wrote and retried), which run_segmented of
// the Dask package and people running segments by hand read.
#include "api/session.h"
#include "checkpoint/scan_progress.h"
#include "dynamosql/error.h"
#include "value/json.h"

namespace dynamosql {

std::unique_ptr<ScanProgress> Session::open_scan_progress(const Statement& s, const std::vector<std::optional<Value>>& parameters,
                                                          const Operator& root, const ExecContext& ctx) {
  if (settings_.scan_checkpoint.empty()) return nullptr;
  if (in_transaction())
    throw Error("25000", "scan_checkpoint cannot resume a statement inside a transaction; COMMIT first or SET scan_checkpoint = ''");
  if (s.text.empty())  // statements are told apart by their text: one without would match every other
    throw Error(sqlstate::kGeneral, "internal error: a statement run under scan_checkpoint needs its SQL text (Session::prepare)");
  std::string values;
  for (const auto& p : parameters) values += (p ? wire_json(p->is_missing() ? Value::null() : *p) : "unbound") + "\n";
  try {
    return std::make_unique<ScanProgress>(open_checkpoint_store(checkpoint_backend(), settings_.scan_checkpoint, *client_),
                                          settings_.scan_checkpoint, s.text, values, segment_restriction(), root,
                                          ctx.first_table_scans);
  } catch (Error& e) {
    if (e.line() == 0) e.at(s.position.line, s.position.column);
    throw;
  }
}

CheckpointBackend Session::checkpoint_backend() const {
  return checkpoint_backend_named(settings_.checkpoint_store).value_or(CheckpointBackend::File);  // the table allows no other
}

std::string Session::scale_out_notice(int64_t read, int64_t written, int64_t retried, const ScanProgress* progress) const {
  SegmentRestriction segment = segment_restriction();
  if (!segment.active() && !progress) return {};
  std::string out = segment.active() ? segment.text() : std::string("whole table");
  if (progress && progress->done())
    return out + ": nothing to do: completed under checkpoint '" + progress->name() + "' (run " + std::to_string(progress->runs()) +
           ", " + std::to_string(progress->rows_written_before()) + " rows written)";
  out += ": read " + std::to_string(read) + " rows, wrote " + std::to_string(written) + ", retried " + std::to_string(retried);
  if (progress) out += "; " + progress->describe() + ", " + std::to_string(progress->rows_written_before() + written) + " written in all";
  return out;
}

}  // namespace dynamosql

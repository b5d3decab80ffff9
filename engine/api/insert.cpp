// INSERT and UPSERT: bound (bind/bind_write.cpp: VALUES rows and PartiQL VALUE documents become constant
// SELECTs, so INSERT ... SELECT, parameters and expressions share one path), planned
// (plan/plan_write.h: the source's operators and the puts' condition) and written by their sink
// (exec/insert_sink.h) as the rows stream through. Here the rows become checked items, a scan
// checkpoint (SET scan_checkpoint) advances below the first row not known to be written, and the
// result is told.
#include "api/session.h"
#include "bind/binder.h"
#include "checkpoint/scan_progress.h"
#include "dynamosql/error.h"
#include "exec/insert_sink.h"
#include "exec/item_writer.h"
#include "exec/write_support.h"
#include "plan/plan_write.h"

namespace dynamosql {
namespace {

using namespace write_support;

// The item of source row number `row`, checked before it is sent (see item_from_row, check_item); an
// error names the row.
Item checked_item(const Row& source, const std::vector<std::string>& names, OtherJson other_json,
                  const TableDescription& d, int64_t row) {
  try {
    Item item = item_from_row(source, names, other_json);
    check_item(item, d);
    return item;
  } catch (const Error& e) {
    throw Error(e.sqlstate(), "row " + std::to_string(row) + ": " + e.what());
  }
}

// Hands every row of `cursor` to `sink` as an item, numbered from 1; returns how many there were.
// Positions are saved below the sink's low water as the rows go.
int64_t write_rows(Cursor& cursor, const BoundInsert& insert, OtherJson other_json, Catalog& catalog, InsertSink& sink,
                   ScanProgress* progress) {
  const TableDescription& d = insert.table->description;
  int64_t rows = 0;
  RowBatch batch;
  while (cursor.fetch(batch)) {
    for (const auto& row : batch) {
      Item item = checked_item(row, insert.columns, other_json, d, ++rows);
      catalog.note_item(d.name, item);
      sink.add(std::move(item), rows);
    }
    batch.clear();
    if (progress) {
      progress->handed_out(rows + 1);
      progress->save_written(sink.low_water());
    }
  }
  sink.finish([&] {
    if (progress) progress->save_written(sink.low_water());
  });
  return rows;
}

// A statement that fails keeps the position below which everything is written, so a re-run resumes.
Error save_progress_after_failure(ScanProgress* progress, int64_t low_water, Error shown) {
  if (!progress) return shown;
  try {
    progress->save_written(low_water, true);
  } catch (const Error& e) {
    shown = Error(shown.sqlstate(), std::string(shown.what()) + "; the scan checkpoint could not be saved: " + e.what(), shown.aws_type())
                .with_details(shown.details());
  }
  return shown;
}

}  // namespace

std::unique_ptr<Cursor> Session::run_insert(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  Binder binder(*catalog_, s.parameter_count);
  BoundStatement bound = binder.bind_statement(s);
  const BoundInsert& insert = *bound.insert;
  auto ctx = new_context();
  Planner planner(planner_settings(), *ctx, bound.parameters, parameters);
  InsertPlan plan = plan_insert(insert, planner);
  ctx->first_table_scans = planner.first_table_scans();
  std::vector<ColumnInfo> cols;
  for (const auto& c : plan.source->columns)
    if (!c.hidden) cols.push_back({c.name, c.type, c.base_table});

  std::unique_ptr<ScanProgress> progress = open_scan_progress(s, parameters, *plan.source, *ctx);
  const char* verb = insert.upsert ? "upserted" : "inserted";
  if (progress && progress->done()) {
    auto result = outcome(0, "0 rows " + std::string(verb) + ": this statement completed under checkpoint '" + progress->name() + "' (" +
                                 std::to_string(progress->rows_written_before()) + " rows written); nothing to do");
    result->set_notice(scale_out_notice(0, 0, 0, progress.get()));
    return result;
  }
  if (progress) progress->start();
  Cursor cursor(cols, std::move(plan.source), std::move(ctx));
  cursor.defer_success();  // stream checkpoints advance only once the rows are written
  const uint64_t retries_at_start = client_->counters().retries.load();
  InsertSinkOptions options{insert.upsert, plan.condition, plan.condition_attributes, write_throttle(), &cancelled_,
                            progress && progress->resumed(), nullptr};
  if (in_transaction())
    options.add_to_transaction = [&](std::vector<TransactWriteAction> actions, std::vector<std::string> origins) {
      add_transaction_actions(std::move(actions), std::move(origins), insert.table->description.keys);
    };
  InsertSink sink(*client_, insert.table->description, std::move(options));
  int64_t rows = 0;
  try {
    rows = write_rows(cursor, insert, other_json_of(settings_.other_json), *catalog_, sink, progress.get());
  } catch (const Error& e) {
    // A bad row, a failed source read or a batch that could not be written: earlier chunks are in.
    sink.stop();
    throw save_progress_after_failure(progress.get(), sink.low_water(), with_progress(e, sink.written(), verb, in_transaction()));
  }
  if (std::optional<Error> refused = sink.refused(rows)) throw save_progress_after_failure(progress.get(), sink.low_water(), *refused);
  int64_t written = sink.written();
  if (progress) progress->finish(written);
  on_statement_success(std::move(cursor.context().on_success));
  auto result = outcome(written, std::to_string(written) + (written == 1 ? " row " : " rows ") + verb + (in_transaction() ? " (pending COMMIT)" : ""));
  const auto& scans = cursor.context().first_table_scans;
  int64_t read = scans.empty() ? rows : static_cast<int64_t>(scans[0]->reader().rows_out.load());
  int64_t retried = static_cast<int64_t>(client_->counters().retries.load() - retries_at_start) + sink.retried();
  result->set_notice(scale_out_notice(read, written, retried, progress.get()));
  return result;
}

}  // namespace dynamosql

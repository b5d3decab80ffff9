// INSERT and UPSERT.
//
// INSERT writes each row with PutItem and attribute_not_exists(key), several in flight: a row whose key
// exists fails with 23000, the others are written, and the error names the failed rows. UPSERT
// overwrites through BatchWriteItem. The binder makes VALUES rows and PartiQL VALUE documents constant
// SELECTs, so INSERT ... SELECT, parameters and expressions share one path; rows stream through in
// chunks.
#include <algorithm>
#include <limits>
#include <mutex>

#include "api/session.h"
#include "api/write_support.h"
#include "bind/binder.h"
#include "checkpoint/scan_progress.h"
#include "dynamosql/error.h"
#include "exec/bulk_writer.h"
#include "exec/item_writer.h"
#include "plan/expression_builder.h"
#include "plan/planner.h"

namespace dynamosql {
namespace {

using namespace write_support;

// The item of source row number `row`, checked before it is sent (see item_from_row, check_item); an
// error names the row.
Item checked_item(const Row& source, const std::vector<std::string>& names, const TableDescription& d, int64_t row) {
  try {
    Item item = item_from_row(source, names);
    check_item(item, d);
    return item;
  } catch (const Error& e) {
    throw Error(e.sqlstate(), "row " + std::to_string(row) + ": " + e.what());
  }
}

// The first row an UPSERT's writer has not written, or for INSERT (no writer) `inserted_below`.
int64_t upserter_low_water(const BulkWriter* upserter, int64_t inserted_below) {
  return upserter ? upserter->low_water() : inserted_below;
}

// A statement that fails keeps the position below which everything is written, so a re-run resumes.
void save_progress_after_failure(ScanProgress& progress, int64_t low_water, Error& shown) {
  try {
    progress.save_written(low_water, true);
  } catch (const Error& e) {
    shown = Error(shown.sqlstate(), std::string(shown.what()) + "; the scan checkpoint could not be saved: " + e.what(), shown.aws_type())
                .with_details(shown.details());
  }
}

}  // namespace

std::unique_ptr<Cursor> Session::run_insert(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  Binder binder(*catalog_, s.parameter_count);
  BoundStatement bound = binder.bind_statement(s);
  const BoundInsert& ins = *bound.insert;
  const TableDescription& d = ins.table->description;
  const std::vector<std::string>& names = ins.columns;
  auto ctx = new_context();
  Planner planner(planner_settings(), *ctx, bound.parameters, parameters);
  OperatorPtr root = planner.plan_query(*bound.insert->source);
  ctx->first_table_scans = planner.first_table_scans();
  std::vector<ColumnInfo> cols;
  for (const auto& c : root->columns)
    if (!c.hidden) cols.push_back({c.name, c.type, c.base_table});

  std::unique_ptr<ScanProgress> progress = open_scan_progress(s, parameters, *root, *ctx);
  const char* verb = ins.upsert ? "upserted" : "inserted";
  if (progress && progress->done()) {
    auto result = outcome(0, "0 rows " + std::string(verb) + ": this statement completed under checkpoint '" + progress->name() + "' (" +
                                 std::to_string(progress->rows_written_before()) + " rows written); nothing to do");
    result->set_notice(scale_out_notice(0, 0, 0, progress.get()));
    return result;
  }
  if (progress) progress->start();
  Cursor cursor(cols, std::move(root), std::move(ctx));
  cursor.defer_success();  // stream checkpoints advance only once the rows are written
  int64_t row_number = 0, written = 0;
  std::vector<std::string> failures;
  int64_t failed = 0;
  // Rows are numbered from 1 as they reach the writers. Scan checkpoints are saved below the first
  // row not known to be written: the BulkWriter's low water, for INSERT the end of the last chunk,
  // and never past a row that failed.
  int64_t first_failed_row = std::numeric_limits<int64_t>::max(), inserted_below = 1;
  const uint64_t retries_at_start = client_->counters().retries.load();
  bool only_conflicts = true;
  std::string first_state;
  RowBatch batch;
  std::vector<Item> chunk;
  std::vector<int64_t> chunk_rows;
  // UPSERT outside a transaction streams through BatchWriteItem; an item DynamoDB refuses fails its row.
  std::mutex refused_mutex;
  std::unique_ptr<BulkWriter> upserter;
  if (ins.upsert && !in_transaction()) {
    BulkWriterOptions options;
    options.cancelled = &cancelled_;
    options.throttle = write_throttle();
    upserter = std::make_unique<BulkWriter>(*client_, d.name, d.keys, options, [&](const BulkEntry& e, const Error& error) {
      std::lock_guard<std::mutex> lock(refused_mutex);
      ++failed;
      first_failed_row = std::min(first_failed_row, e.seq);
      only_conflicts = false;
      if (first_state.empty()) first_state = error.sqlstate();
      if (failures.size() < kMaxReportedRows)
        failures.push_back("row " + std::to_string(e.line) + " (" + describe_key(e.item, d.keys) + "): " + row_reason(error));
    });
  }
  auto low_water = [&] {
    std::lock_guard<std::mutex> lock(refused_mutex);  // the writer's lanes report refused rows
    return std::min(first_failed_row, upserter_low_water(upserter.get(), inserted_below));
  };
  auto flush = [&]() {
    if (chunk.empty()) return;
    if (in_transaction()) {
      std::vector<TransactWriteAction> actions;
      std::vector<std::string> origins;
      ExpressionBuilder b;
      std::string condition = ins.upsert ? "" : "attribute_not_exists(" + b.name(d.keys.partition_key) + ")";
      for (size_t i = 0; i < chunk.size(); ++i) {
        TransactWriteAction a;
        a.kind = TransactWriteAction::Kind::Put;
        a.table = d.name;
        a.item = chunk[i];
        a.condition = condition;
        if (!condition.empty()) a.attributes = b.attributes;
        actions.push_back(std::move(a));
        origins.push_back(std::string(ins.upsert ? "(UPSERT" : "(INSERT") + " row " + std::to_string(chunk_rows[i]) + ", " +
                          describe_key(chunk[i], d.keys) + ")");
      }
      add_transaction_actions(std::move(actions), std::move(origins), d.keys);
      written += static_cast<int64_t>(chunk.size());
      chunk.clear();
      chunk_rows.clear();
      return;
    }
    if (ins.upsert) {
      for (size_t i = 0; i < chunk.size(); ++i) upserter->put({std::move(chunk[i]), chunk_rows[i], chunk_rows[i], {}});
    } else {
      ExpressionBuilder b;
      std::string condition = "attribute_not_exists(" + b.name(d.keys.partition_key) + ")";
      WriteThrottle throttle = write_throttle();
      auto report = run_conditional_writes(chunk.size(), kWriters, [&](size_t i) {
        throttle.await({&chunk[i]}, false, &cancelled_);
        PutItemRequest put;
        put.table = d.name;
        put.item = chunk[i];
        put.condition = condition;
        put.attributes = b.attributes;
        try {
          client_->put_item(put);
        } catch (const Error& e) {
          // A retry of a put whose first attempt was applied but not answered finds its own item, and
          // so may a resumed statement, whose earlier run wrote rows after its checkpoint.
          bool own_write = e.aws_type() == "ConditionalCheckFailedException" &&
                           (e.follows_ambiguous_attempt() || (progress && progress->resumed())) &&
                           put_was_applied_earlier(*client_, d.name, d.keys, chunk[i]);
          if (!own_write) throw;
        }
      });
      written += report.applied();
      for (size_t i = 0; i < chunk.size(); ++i) {
        if (report.status[i] == WriteStatus::Applied) continue;
        ++failed;
        first_failed_row = std::min(first_failed_row, chunk_rows[i]);
        const Error& e = *report.errors[i];
        if (report.status[i] != WriteStatus::ConditionFailed) only_conflicts = false;
        if (first_state.empty() || first_state == sqlstate::kIntegrityViolation)
          first_state = report.status[i] == WriteStatus::ConditionFailed ? sqlstate::kIntegrityViolation : e.sqlstate();
        if (failures.size() < kMaxReportedRows)
          failures.push_back("row " + std::to_string(chunk_rows[i]) + " (" + describe_key(chunk[i], d.keys) + "): " +
                             (report.status[i] == WriteStatus::ConditionFailed ? "an item with this key already exists"
                                                                                : row_reason(e)));
      }
      inserted_below = chunk_rows.back() + 1;
    }
    chunk.clear();
    chunk_rows.clear();
  };
  try {
    while (cursor.fetch(batch)) {
      for (const auto& row : batch) {
        ++row_number;
        Item item = checked_item(row, names, d, row_number);
        catalog_->note_item(d.name, item);
        chunk.push_back(std::move(item));
        chunk_rows.push_back(row_number);
        if (chunk.size() >= kChunk) flush();
      }
      batch.clear();
      if (progress) {
        progress->handed_out(row_number + 1);
        progress->save_written(low_water());
      }
    }
    flush();
    if (upserter) {
      upserter->finish([&] {  // the writers drain their queues: positions keep advancing
        if (progress) progress->save_written(low_water());
      });
      written = upserter->stats().written;
    }
  } catch (const Error& e) {
    // A bad row, a failed source read or a batch that could not be written: earlier chunks are in.
    if (upserter) {
      upserter->stop();
      written = upserter->stats().written;
    }
    Error shown = with_progress(e, written, verb, in_transaction());
    if (progress) save_progress_after_failure(*progress, low_water(), shown);
    throw shown;
  }
  if (failed > 0) {
    if (failures.size() < static_cast<size_t>(failed)) failures.push_back("... and " + std::to_string(failed - static_cast<int64_t>(failures.size())) + " more");
    Error shown = Error(only_conflicts ? sqlstate::kIntegrityViolation : first_state,
                        std::to_string(failed) + " of " + std::to_string(row_number) + " rows were not " + verb + "; the other " +
                            std::to_string(written) + " were written")
                      .with_details(failures);
    if (progress) save_progress_after_failure(*progress, low_water(), shown);
    throw shown;
  }
  if (progress) progress->finish(written);
  on_statement_success(std::move(cursor.context().on_success));
  auto result = outcome(written, std::to_string(written) + (written == 1 ? " row " : " rows ") + verb +
                                     (in_transaction() ? " (pending COMMIT)" : ""));
  const auto& scans = cursor.context().first_table_scans;
  int64_t read = scans.empty() ? row_number : static_cast<int64_t>(scans[0]->rows_out.load());
  int64_t retried = static_cast<int64_t>(client_->counters().retries.load() - retries_at_start) + (upserter ? upserter->stats().retried : 0);
  result->set_notice(scale_out_notice(read, written, retried, progress.get()));
  return result;
}

}  // namespace dynamosql

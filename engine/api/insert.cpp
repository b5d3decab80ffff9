// INSERT and UPSERT.
//
// INSERT writes each row with PutItem and attribute_not_exists(key), several in flight: a row whose key
// exists fails with 23000, the others are written, and the error names the failed rows. UPSERT
// overwrites through BatchWriteItem. VALUES rows and PartiQL VALUE documents are planned as constant
// SELECTs, so INSERT ... SELECT, parameters and expressions share one path; rows stream through in
// chunks.
#include <mutex>

#include "api/session.h"
#include "api/write_support.h"
#include "dynamosql/error.h"
#include "exec/bulk_writer.h"
#include "exec/item_writer.h"
#include "plan/expression_builder.h"

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

// A constant SELECT standing for one VALUES row or one VALUE document.
std::shared_ptr<QuerySpec> constant_select(std::vector<ExprPtr> values, const std::vector<std::string>& names) {
  auto spec = std::make_shared<QuerySpec>();
  for (size_t i = 0; i < values.size(); ++i) {
    SelectItem item;
    item.alias = names[i];
    item.position = values[i]->position;
    item.expr = std::move(values[i]);
    spec->items.push_back(std::move(item));
  }
  return spec;
}

}  // namespace

std::unique_ptr<Cursor> Session::run_insert(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  const InsertStatement& ins = *s.insert;
  auto schema = catalog_->table(s.table->table);
  const TableDescription& d = schema->description;

  // The rows to write, as a query.
  std::shared_ptr<Query> source;
  std::vector<std::string> names = ins.columns;
  if (ins.query) {
    source = ins.query;
  } else {
    source = std::make_shared<Query>();
    source->position = s.position;
    if (!ins.rows.empty()) {
      if (ins.columns.empty())
        fail_at(s.position, sqlstate::kSyntax, "INSERT ... VALUES needs a column list: INSERT INTO t (a, b) VALUES (...)");
      for (const auto& row : ins.rows) {
        if (row.size() != ins.columns.size())
          fail_at(row.empty() ? s.position : row[0]->position, sqlstate::kSyntax,
                  "VALUES row has " + std::to_string(row.size()) + " values for " + std::to_string(ins.columns.size()) + " columns");
        std::vector<ExprPtr> values;
        for (const auto& v : row) values.push_back(v->clone());
        source->terms.push_back({constant_select(std::move(values), ins.columns), nullptr});
      }
    } else {
      if (!ins.columns.empty()) fail_at(s.position, sqlstate::kSyntax, "INSERT ... VALUE {document} takes no column list");
      names = {"__document"};
      for (const auto& doc : ins.documents) {
        std::vector<ExprPtr> values;
        values.push_back(doc->clone());
        source->terms.push_back({constant_select(std::move(values), names), nullptr});
      }
    }
  }
  auto ctx = new_context();
  OperatorPtr root = plan_query(*source, parameters, *ctx);
  std::vector<ColumnInfo> cols;
  for (const auto& c : root->columns)
    if (!c.hidden) cols.push_back({c.name, c.type, c.base_table});
  if (names.empty()) {
    for (const auto& c : cols) names.push_back(c.name);
  } else if (names.size() != cols.size()) {
    fail_at(s.position, sqlstate::kSyntax,
            "INSERT has " + std::to_string(names.size()) + " columns but the query returns " + std::to_string(cols.size()));
  }

  Cursor cursor(cols, std::move(root), std::move(ctx));
  cursor.defer_success();  // stream checkpoints advance only once the rows are written
  int64_t row_number = 0, written = 0;
  std::vector<std::string> failures;
  int64_t failed = 0;
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
      only_conflicts = false;
      if (first_state.empty()) first_state = error.sqlstate();
      if (failures.size() < kMaxReportedRows)
        failures.push_back("row " + std::to_string(e.line) + " (" + describe_key(e.item, d.keys) + "): " + row_reason(error));
    });
  }
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
          // A retry of a put whose first attempt was applied but not answered finds its own item.
          bool own_write = e.aws_type() == "ConditionalCheckFailedException" && e.follows_ambiguous_attempt() &&
                           put_was_applied_earlier(*client_, d.name, d.keys, chunk[i]);
          if (!own_write) throw;
        }
      });
      written += report.applied();
      for (size_t i = 0; i < chunk.size(); ++i) {
        if (report.status[i] == WriteStatus::Applied) continue;
        ++failed;
        const Error& e = *report.errors[i];
        if (report.status[i] != WriteStatus::ConditionFailed) only_conflicts = false;
        if (first_state.empty() || first_state == sqlstate::kIntegrityViolation)
          first_state = report.status[i] == WriteStatus::ConditionFailed ? sqlstate::kIntegrityViolation : e.sqlstate();
        if (failures.size() < kMaxReportedRows)
          failures.push_back("row " + std::to_string(chunk_rows[i]) + " (" + describe_key(chunk[i], d.keys) + "): " +
                             (report.status[i] == WriteStatus::ConditionFailed ? "an item with this key already exists"
                                                                                : row_reason(e)));
      }
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
    }
    flush();
    if (upserter) {
      upserter->finish();
      written = upserter->stats().written;
    }
  } catch (const Error& e) {
    // A bad row, a failed source read or a batch that could not be written: earlier chunks are in.
    if (upserter) {
      upserter->stop();
      written = upserter->stats().written;
    }
    throw with_progress(e, written, ins.upsert ? "upserted" : "inserted", in_transaction());
  }
  if (failed > 0) {
    if (failures.size() < static_cast<size_t>(failed)) failures.push_back("... and " + std::to_string(failed - static_cast<int64_t>(failures.size())) + " more");
    throw Error(only_conflicts ? sqlstate::kIntegrityViolation : first_state,
                std::to_string(failed) + " of " + std::to_string(row_number) + " rows were not " + (ins.upsert ? "upserted" : "inserted") + "; the other " +
                    std::to_string(written) + " were written")
        .with_details(failures);
  }
  on_statement_success(std::move(cursor.context().on_success));
  return outcome(written, std::to_string(written) + (written == 1 ? " row " : " rows ") + (ins.upsert ? "upserted" : "inserted") +
                              (in_transaction() ? " (pending COMMIT)" : ""));
}

}  // namespace dynamosql

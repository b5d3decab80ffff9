// The sink of an INSERT or UPSERT; see insert_sink.h.
#include "exec/insert_sink.h"

#include <algorithm>

#include "exec/item_writer.h"
#include "exec/write_support.h"

namespace dynamosql {

using namespace write_support;

InsertSink::InsertSink(DynamoClient& client, const TableDescription& table, InsertSinkOptions options)
    : client_(client), table_(table), options_(std::move(options)) {
  if (!options_.upsert || options_.add_to_transaction) return;
  BulkWriterOptions writer;
  writer.cancelled = options_.cancelled;
  writer.throttle = options_.throttle;
  upserter_ = std::make_unique<BulkWriter>(client_, table_.name, table_.keys, writer, [this](const BulkEntry& e, const Error& error) {
    refuse(e.seq, e.item, row_reason(error), error.sqlstate(), false);
  });
}

void InsertSink::add(Item item, int64_t row) {
  chunk_.push_back(std::move(item));
  chunk_rows_.push_back(row);
  if (chunk_.size() >= kChunk) flush();
}

void InsertSink::finish(const std::function<void()>& tick) {
  flush();
  if (upserter_) upserter_->finish(tick);  // the writers drain their queues: positions keep advancing
}

void InsertSink::stop() {
  if (upserter_) upserter_->stop();
}

int64_t InsertSink::written() const { return upserter_ ? upserter_->stats().written : written_; }

int64_t InsertSink::retried() const { return upserter_ ? upserter_->stats().retried : 0; }

int64_t InsertSink::low_water() const {
  std::lock_guard<std::mutex> lock(refused_mutex_);
  return std::min(first_failed_row_, upserter_ ? upserter_->low_water() : inserted_below_);
}

std::optional<Error> InsertSink::refused(int64_t rows) const {
  std::lock_guard<std::mutex> lock(refused_mutex_);
  if (failed_ == 0) return std::nullopt;
  std::vector<std::string> details = failures_;
  if (details.size() < static_cast<size_t>(failed_))
    details.push_back("... and " + std::to_string(failed_ - static_cast<int64_t>(details.size())) + " more");
  const char* verb = options_.upsert ? "upserted" : "inserted";
  return Error(only_conflicts_ ? sqlstate::kIntegrityViolation : first_state_,
               std::to_string(failed_) + " of " + std::to_string(rows) + " rows were not " + verb + "; the other " +
                   std::to_string(written()) + " were written")
      .with_details(details);
}

void InsertSink::flush() {
  if (chunk_.empty()) return;
  if (options_.add_to_transaction) {
    add_chunk_to_transaction();
  } else if (upserter_) {
    for (size_t i = 0; i < chunk_.size(); ++i) upserter_->put({std::move(chunk_[i]), chunk_rows_[i], chunk_rows_[i], {}});
  } else {
    put_chunk();
  }
  chunk_.clear();
  chunk_rows_.clear();
}

void InsertSink::add_chunk_to_transaction() {
  std::vector<TransactWriteAction> actions;
  std::vector<std::string> origins;
  for (size_t i = 0; i < chunk_.size(); ++i) {
    TransactWriteAction a;
    a.kind = TransactWriteAction::Kind::Put;
    a.table = table_.name;
    a.item = chunk_[i];
    a.condition = options_.condition;
    a.attributes = options_.condition_attributes;
    actions.push_back(std::move(a));
    origins.push_back(std::string(options_.upsert ? "(UPSERT" : "(INSERT") + " row " + std::to_string(chunk_rows_[i]) + ", " +
                      describe_key(chunk_[i], table_.keys) + ")");
  }
  options_.add_to_transaction(std::move(actions), std::move(origins));
  written_ += static_cast<int64_t>(chunk_.size());
}

// INSERT: conditional puts, several in flight; a row whose key exists is refused, the others written.
void InsertSink::put_chunk() {
  auto report = run_conditional_writes(chunk_.size(), kWriters, [&](size_t i) {
    options_.throttle.await({&chunk_[i]}, false, options_.cancelled);
    PutItemRequest put;
    put.table = table_.name;
    put.item = chunk_[i];
    put.condition = options_.condition;
    put.attributes = options_.condition_attributes;
    try {
      client_.put_item(put);
    } catch (const Error& e) {
      // A retry of a put whose first attempt was applied but not answered finds its own item, and
      // so may a resumed statement, whose earlier run wrote rows after its checkpoint.
      bool own_write = e.aws_type() == "ConditionalCheckFailedException" && (e.follows_ambiguous_attempt() || options_.resumed) &&
                       put_was_applied_earlier(client_, table_.name, table_.keys, chunk_[i]);
      if (!own_write) throw;
    }
  });
  written_ += report.applied();
  for (size_t i = 0; i < chunk_.size(); ++i) {
    if (report.status[i] == WriteStatus::Applied) continue;
    bool conflict = report.status[i] == WriteStatus::ConditionFailed;
    const Error& e = *report.errors[i];
    refuse(chunk_rows_[i], chunk_[i], conflict ? "an item with this key already exists" : row_reason(e),
           conflict ? sqlstate::kIntegrityViolation : e.sqlstate(), conflict);
  }
  inserted_below_ = chunk_rows_.back() + 1;
}

void InsertSink::refuse(int64_t row, const Item& item, const std::string& reason, const std::string& state, bool conflict) {
  std::lock_guard<std::mutex> lock(refused_mutex_);
  ++failed_;
  first_failed_row_ = std::min(first_failed_row_, row);
  only_conflicts_ &= conflict;
  if (first_state_.empty() || first_state_ == sqlstate::kIntegrityViolation) first_state_ = state;
  if (failures_.size() < kMaxReportedRows)
    failures_.push_back("row " + std::to_string(row) + " (" + describe_key(item, table_.keys) + "): " + reason);
}

}  // namespace dynamosql

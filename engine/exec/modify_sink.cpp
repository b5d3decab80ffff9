// The sink of an UPDATE or DELETE; see modify_sink.h.
#include "exec/modify_sink.h"

#include "exec/item_writer.h"
#include "exec/write_support.h"

namespace dynamosql {

using namespace write_support;

ModifySink::ModifySink(DynamoClient& client, const TableDescription& table, const ModificationWrites& plan,
                       ModifySinkOptions options)
    : client_(client), table_(table), plan_(plan), options_(options), verb_(plan.is_update() ? "updated" : "deleted") {}

int64_t ModifySink::run() {
  if (std::optional<ItemWrite> pinned = plan_.pinned_write())
    if (std::optional<int64_t> changed = try_pinned(*pinned)) return *changed;
  try {
    write_found();
  } catch (const Error& e) {
    throw with_progress(e, changed_, verb_, options_.in_transaction);
  }
  if (failed_ > 0 && !options_.in_transaction)
    throw Error(first_error_->sqlstate(),
                std::to_string(failed_) + " items could not be " + verb_ + "; " + std::to_string(changed_) + " were",
                first_error_->aws_type())
        .with_details(failures_);
  return changed_;
}

// The item whose key WHERE pins, written without reading it: 1 or 0 rows, or nullopt when it must be
// read after all. A failed condition means no such item or WHERE false, unless the condition holds the
// types DynamoDB's arithmetic needs (NULL, missing or a string there: the engine applies SQL's rule to
// the item as read). A ValidationException of an UPDATE may be a value DynamoDB computed but cannot
// store (more than 38 digits), a nested target without its parent or an item grown past 400 KB: the
// item is read and checked, for the engine's error (22003, 22023, 54000) naming it.
std::optional<int64_t> ModifySink::try_pinned(const ItemWrite& write) {
  try {
    options_.throttle.await({}, write.reapplies, options_.cancelled);  // nothing read: the key, one unit
    write_one(write);
    return 1;
  } catch (const Error& e) {
    if (e.aws_type() == "ConditionalCheckFailedException") {
      if (!write.relies_on_types) return 0;
    } else if (e.aws_type() != "ValidationException" || !plan_.is_update()) {
      throw;
    }
  }
  return std::nullopt;
}

// Each chunk of found items is written as it is found, unless the plan checks them all first.
void ModifySink::write_found() {
  std::vector<Item> chunk;
  if (!plan_.check_first()) {
    std::unique_ptr<FoundItems> found = plan_.find();
    while (found->next(chunk)) write_chunk(chunk);
    return;
  }
  auto check = [&](const std::vector<Item>& items) {
    for (const auto& item : items) plan_.prepare(item);
  };
  bool found_more = false;
  {
    std::unique_ptr<FoundItems> found = plan_.find();
    if (!found->next(chunk)) return;
    check(chunk);
    std::vector<Item> rest;
    while (found->next(rest)) found_more = true, check(rest);
  }
  if (!found_more) return write_chunk(chunk);
  // Read again: an item changed in between is checked again, and should it fail now it stops the
  // statement with what it had written.
  std::unique_ptr<FoundItems> again = plan_.find();
  while (again->next(chunk)) write_chunk(chunk);
}

void ModifySink::write_chunk(std::vector<Item>& chunk) {
  if (plan_.deletes_by_key()) {
    std::vector<WriteRequest> deletes;
    for (auto& item : chunk) deletes.push_back({false, std::move(item)});  // sent as keys, counted as read
    changed_ += batch_write(client_, table_.name, deletes, table_.keys, 4, 12, options_.throttle, options_.cancelled).written;
    return;
  }
  std::vector<ItemWrite> prepared;
  for (const auto& item : chunk) prepared.push_back(plan_.prepare(item));  // may fail: before the chunk's writes
  auto report = run_conditional_writes(chunk.size(), kWriters, [&](size_t i) {
    options_.throttle.await({&chunk[i]}, prepared[i].reapplies, options_.cancelled);
    write_one(prepared[i]);
  });
  changed_ += report.applied();
  for (size_t i = 0; i < chunk.size(); ++i) {
    if (report.status[i] != WriteStatus::Failed) continue;
    ++failed_;
    if (!first_error_) first_error_ = report.errors[i];
    if (failures_.size() < kMaxReportedRows) failures_.push_back(describe_key(chunk[i], table_.keys) + ": " + row_reason(*report.errors[i]));
  }
}

// Inside a transaction the write becomes an action for COMMIT; otherwise it is sent, and a retry that
// failed its own condition counts when the first attempt was applied.
void ModifySink::write_one(const ItemWrite& write) {
  if (options_.in_transaction) {
    TransactWriteAction a;
    a.kind = plan_.is_update() ? TransactWriteAction::Kind::Update : TransactWriteAction::Kind::Delete;
    a.table = table_.name;
    a.item = write.key;
    a.update = write.update;
    a.condition = write.condition;
    a.attributes = write.attributes;
    std::lock_guard<std::mutex> lock(actions_mutex_);
    actions_.push_back(std::move(a));
    origins_.push_back(std::string(plan_.is_update() ? "(UPDATE " : "(DELETE ") + describe_key(write.key, table_.keys) + ")");
    return;
  }
  try {
    send(write);
  } catch (const Error& e) {
    if (e.aws_type() == "ConditionalCheckFailedException" && e.follows_ambiguous_attempt() && applied_earlier(write)) return;
    throw;
  }
}

void ModifySink::send(const ItemWrite& write) {
  if (!plan_.is_update()) {
    DeleteItemRequest r;
    r.table = table_.name;
    r.key = write.key;
    r.condition = write.condition;
    r.attributes = write.attributes;
    client_.delete_item(r);
    return;
  }
  UpdateItemRequest r;
  r.table = table_.name;
  r.key = write.key;
  r.update = write.update;
  r.condition = write.condition;
  r.attributes = write.attributes;
  if (write.reapplies) update_item_exactly_once(client_, r);  // a retry must not add twice
  else client_.update_item(r);
}

// A retried conditional write whose first attempt was applied but not answered fails its own
// condition: the item is read (consistently) to see whether it is as this write leaves it.
bool ModifySink::applied_earlier(const ItemWrite& write) {
  try {
    GetItemRequest get;
    get.table = table_.name;
    get.key = write.key;
    get.consistent_read = true;
    return plan_.is_as_written(write, client_.get_item(get).item);
  } catch (const Error&) {
    return false;  // cannot tell: the condition failure stands
  }
}

}  // namespace dynamosql

// BEGIN / COMMIT / ROLLBACK. Between BEGIN and COMMIT the writes of INSERT, UPSERT, UPDATE and DELETE
// are collected as actions (with the same conditions they would have had alone) and COMMIT sends them
// as one TransactWriteItems, all or nothing, with a ClientRequestToken so a retried commit is applied
// once. At most 100 actions and one action per item, as DynamoDB allows; going past either is an error
// before anything is sent. Reads inside a transaction see committed data, not its own pending writes.
// A cancelled transaction reports the reason for each failed action and which statement and row it
// came from.

#include "api/session.h"
#include "dynamosql/error.h"
#include "exec/item_writer.h"

namespace dynamosql {
namespace {

constexpr size_t kMaxActions = 100;

std::string item_id(const std::string& table, const Item& key, const KeySchema& keys) {
  return table + "/" + describe_key(key, keys);
}

}  // namespace

void Session::add_transaction_actions(std::vector<TransactWriteAction> actions, std::vector<std::string> origins,
                                      const KeySchema& keys) {
  PendingTransaction& t = *transaction_;
  if (t.actions.size() + actions.size() > kMaxActions)
    throw Error(sqlstate::kLimitExceeded,
                "a transaction holds at most 100 writes; this statement would make it " +
                    std::to_string(t.actions.size() + actions.size()) +
                    ". Nothing has been sent; the statement was not added (COMMIT sends the " +
                    std::to_string(t.actions.size()) + " before it, ROLLBACK discards them)");
  std::vector<std::string> ids;
  for (const auto& a : actions) {
    std::string id = item_id(a.table, keys.key_of(a.item), keys);
    if (std::find(t.item_ids.begin(), t.item_ids.end(), id) != t.item_ids.end() ||
        std::find(ids.begin(), ids.end(), id) != ids.end())
      throw Error(sqlstate::kFeatureNotSupported,
                  "the transaction already writes " + id + "; DynamoDB allows one write per item in a transaction");
    ids.push_back(id);
  }
  ++t.statements;
  for (size_t i = 0; i < actions.size(); ++i) {
    t.actions.push_back(std::move(actions[i]));
    t.origins.push_back("statement " + std::to_string(t.statements) + " " + origins[i]);
    t.item_ids.push_back(ids[i]);
  }
}

std::unique_ptr<Cursor> Session::run_begin() {
  if (transaction_) throw Error("25001", "a transaction is already in progress");
  transaction_ = std::make_unique<PendingTransaction>();
  transaction_->token = new_client_request_token();
  return outcome(0, "BEGIN");
}

std::unique_ptr<Cursor> Session::run_rollback() {
  if (!transaction_) return outcome(0, "no transaction in progress");
  size_t n = transaction_->actions.size();
  transaction_.reset();
  return outcome(0, "ROLLBACK (" + std::to_string(n) + (n == 1 ? " write" : " writes") + " discarded)");
}

void Session::on_statement_success(std::vector<std::function<void()>> actions) {
  if (transaction_) {
    for (auto& a : actions) transaction_->on_commit.push_back(std::move(a));
    return;
  }
  for (auto& a : actions) a();
}

std::unique_ptr<Cursor> Session::run_commit() {
  if (!transaction_) return outcome(0, "no transaction in progress");
  // Under a write rate limit: a transactional write costs two write units per KB. Cancelled while
  // waiting, the transaction stays open, nothing sent.
  std::vector<const Item*> items;
  for (const auto& a : transaction_->actions) items.push_back(&a.item);
  write_throttle().await(items, true, &cancelled_);
  PendingTransaction t = std::move(*transaction_);
  transaction_.reset();
  if (t.actions.empty()) {
    for (auto& action : t.on_commit) action();
    return outcome(0, "COMMIT (nothing to write)");
  }
  try {
    client_->transact_write_items(t.actions, t.token);
  } catch (const Error& e) {
    if (e.aws_type() != "TransactionCanceledException") throw;
    bool condition = false;
    std::vector<std::string> details;
    for (const auto& d : e.details()) {
      // "action N: Code: message" -> the statement and row it came from.
      size_t n = 0;
      if (sscanf(d.c_str(), "action %zu:", &n) == 1 && n >= 1 && n <= t.origins.size()) {
        std::string rest = d.substr(d.find(':') + 2);
        condition |= rest.rfind("ConditionalCheckFailed", 0) == 0;
        details.push_back(t.origins[n - 1] + ": " + rest);
      } else {
        details.push_back(d);
      }
    }
    throw Error(condition ? sqlstate::kIntegrityViolation : sqlstate::kSerializationFailure,
                "transaction cancelled; none of its " + std::to_string(t.actions.size()) + " writes were applied",
                e.aws_type())
        .with_details(details);
  }
  for (auto& action : t.on_commit) action();
  return outcome(static_cast<int64_t>(t.actions.size()),
                 "COMMIT (" + std::to_string(t.actions.size()) + (t.actions.size() == 1 ? " write)" : " writes)"));
}

}  // namespace dynamosql

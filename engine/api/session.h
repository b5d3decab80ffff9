// The engine's public API, used by the console and the ODBC driver:
//
//   Session session(settings);                 // resolves credentials, region, endpoint
//   auto stmt = session.prepare("SELECT ... WHERE id = ?");
//   stmt->bind(0, Value::string("C001"));
//   auto cursor = stmt->execute();
//   for (RowBatch batch; cursor->fetch(batch); batch.clear()) ...
//
// Every error is a dynamosql::Error with an SQLSTATE. A Cursor streams: rows arrive as DynamoDB pages
// do. Session::cancel() stops the running statement between pages (HY008).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "dynamosql/settings.h"
#include "dynamo/dynamo_client.h"
#include "exec/operator.h"
#include "exec/rate_limiter.h"
#include "exec/sources.h"
#include "sql/ast.h"

namespace dynamosql {

struct ColumnInfo {
  std::string name;
  SqlType type = SqlType::Varchar;
  std::string table;  // the base table, when the column comes straight from one
};

class Cursor {
 public:
  Cursor(std::vector<ColumnInfo> columns, OperatorPtr root, std::unique_ptr<ExecContext> ctx);
  ~Cursor();
  const std::vector<ColumnInfo>& columns() const { return columns_; }
  // Appends the next rows; false at the end. Rows hold Values: Missing and Null both mean SQL NULL.
  bool fetch(RowBatch& batch);
  // Reads everything that is left.
  std::vector<Row> fetch_all();
  void close();
  ExecContext& context() { return *ctx_; }
  // INSERT/UPDATE/DELETE: the number of items written; -1 for statements that return rows.
  int64_t rows_affected() const { return rows_affected_; }
  // A one-line summary for people: "3 rows inserted", "table created".
  const std::string& status() const { return status_; }
  // By default the statement's success actions (stream checkpoints) run when fetch() reaches the end;
  // a writer that consumes the cursor defers them until its own writes are done.
  void defer_success() { defer_success_ = true; }
  void finish_success();
  void set_outcome(int64_t rows, std::string status) {
    rows_affected_ = rows;
    status_ = std::move(status);
  }
  // COPY ... TO '-' wrote its rows to standard output: a console prints the status elsewhere.
  void mark_wrote_stdout() { wrote_stdout_ = true; }
  bool wrote_stdout() const { return wrote_stdout_; }

 private:
  std::vector<ColumnInfo> columns_;
  OperatorPtr root_;
  std::unique_ptr<ExecContext> ctx_;
  bool open_ = false;
  bool done_ = false;
  bool defer_success_ = false;
  bool wrote_stdout_ = false;
  int64_t rows_affected_ = -1;
  std::string status_;
};

class Session;

class PreparedStatement {
 public:
  PreparedStatement(Session& session, std::string sql, std::unique_ptr<Statement> ast);
  int parameter_count() const { return ast_->parameter_count; }
  // 0-based. Unbound parameters are an error (07002) at execute.
  void bind(int index, Value value);
  void clear_bindings();
  // Result columns, known before execution (planning with NULL parameters; no data is read).
  std::vector<ColumnInfo> describe_columns();
  std::unique_ptr<Cursor> execute();
  const Statement& ast() const { return *ast_; }

 private:
  Session& session_;
  std::string sql_;
  std::unique_ptr<Statement> ast_;
  std::vector<std::optional<Value>> parameters_;
};

class Session {
 public:
  explicit Session(SessionSettings settings);
  ~Session();

  std::unique_ptr<PreparedStatement> prepare(const std::string& sql);
  std::unique_ptr<Cursor> execute(const std::string& sql);
  // Stops the running statement between pages; safe from another thread or a signal-driven flag.
  void cancel() { cancelled_ = true; }
  void set_progress(ProgressSink* sink) { progress_ = sink; }

  SessionSettings& settings() { return settings_; }
  // Tables whose stream is enabled: each is also the stream table streams.<table>.
  std::vector<std::string> stream_table_names();
  Catalog& catalog() { return *catalog_; }
  DynamoClient& client() { return *client_; }

  // Runs a parsed statement; used by PreparedStatement.
  std::unique_ptr<Cursor> run(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  // Plans a query; uncorrelated subqueries run in `ctx` while planning, unless `run_subqueries` is
  // false (describing result columns reads no data: subqueries then count as empty).
  OperatorPtr plan_query(const Query& query, const std::vector<std::optional<Value>>& parameters, ExecContext& ctx,
                         bool run_subqueries = true);
  std::unique_ptr<ExecContext> new_context();
  // The settings' segment restriction, checked (scan_segment must be below scan_total_segments).
  SegmentRestriction segment_restriction() const;

 private:
  std::unique_ptr<Cursor> run_set(const Statement& statement);
  std::unique_ptr<Cursor> run_show_setting(const Statement& statement);
  std::unique_ptr<Cursor> run_show_all();
  std::unique_ptr<Cursor> run_show_tables();
  std::unique_ptr<Cursor> run_describe(const Statement& statement);
  std::unique_ptr<Cursor> run_describe_stream(const Statement& statement);
  std::unique_ptr<Cursor> run_explain(const Statement& statement);
  // insert.cpp, update_delete.cpp
  std::unique_ptr<Cursor> run_insert(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  std::unique_ptr<Cursor> run_update(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  std::unique_ptr<Cursor> run_delete(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  std::unique_ptr<Cursor> run_create_table(const Statement& statement);
  std::unique_ptr<Cursor> run_drop_table(const Statement& statement);
  std::unique_ptr<Cursor> run_create_index(const Statement& statement);
  std::unique_ptr<Cursor> run_drop_index(const Statement& statement);
  std::unique_ptr<Cursor> run_alter_table(const Statement& statement);
  // copy.cpp
  std::unique_ptr<Cursor> run_copy(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  std::unique_ptr<Cursor> run_copy_from(const Statement& statement);
  std::unique_ptr<Cursor> run_copy_to(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  std::unique_ptr<Cursor> outcome(int64_t rows, std::string status);
  // transaction.cpp
  std::unique_ptr<Cursor> run_begin();
  std::unique_ptr<Cursor> run_commit();
  std::unique_ptr<Cursor> run_rollback();

 public:
  // Inside BEGIN ... COMMIT writes become actions of one TransactWriteItems instead of being sent.
  bool in_transaction() const { return transaction_.has_value(); }
  // Adds one statement's actions; all or none (a 101st action or a second action on one item is an
  // error, and the transaction keeps what it had). `origins` describe each action for error messages.
  void add_transaction_actions(std::vector<TransactWriteAction> actions, std::vector<std::string> origins,
                               const KeySchema& keys);
  // Runs `actions` now, or at COMMIT inside a transaction (dropped by ROLLBACK).
  void on_statement_success(std::vector<std::function<void()>> actions);
  // The write rate limits of the settings. The limiters live as long as the session, so a script of
  // single-row statements is held to the rate as much as one big statement is.
  WriteThrottle write_throttle();
  const std::atomic<bool>* cancelled_flag() const { return &cancelled_; }

 private:
  struct PendingTransaction {
    std::vector<TransactWriteAction> actions;
    std::vector<std::string> origins;
    std::vector<std::string> item_ids;  // table + key, to refuse two actions on one item
    std::string token;                  // ClientRequestToken: a retried commit is applied once
    int statements = 0;
    std::vector<std::function<void()>> on_commit;  // stream checkpoints of INSERT ... SELECT
  };
  std::optional<PendingTransaction> transaction_;

  SessionSettings settings_;
  std::unique_ptr<DynamoClient> client_;
  std::unique_ptr<Catalog> catalog_;
  std::atomic<bool> cancelled_{false};
  ProgressSink* progress_ = nullptr;
  std::unique_ptr<RateLimiter> write_rows_limiter_, write_units_limiter_;
};

}  // namespace dynamosql

// The engine's API, used by the console and the ODBC driver:
//
//   Session session(settings);                 // resolves credentials, region, endpoint
//   auto stmt = session.prepare("SELECT ... WHERE id = ?");
//   stmt->bind(0, Value::string("C001"));
//   auto cursor = stmt->execute();
//   for (RowBatch batch; cursor->fetch(batch); batch.clear()) ...
//
// Every error is a dynamosql::Error with an SQLSTATE. A Cursor streams: rows arrive as DynamoDB pages
// do. Session::cancel() stops the running statement between pages (HY008). The engine's internals a
// session holds are only declared here; their headers are not visible to clients.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dynamosql/catalog.h"
#include "dynamosql/error.h"
#include "dynamosql/parameter.h"
#include "dynamosql/progress.h"
#include "dynamosql/settings.h"
#include "dynamosql/sql_type.h"
#include "dynamosql/value.h"

namespace dynamosql {

class Catalog;
class DynamoClient;
class Operator;
class RateLimiter;
class ScanProgress;
class SessionInternals;
enum class CheckpointBackend;
struct ExecContext;
struct KeySchema;
struct PendingTransaction;
struct PlannerSettings;
struct Query;
struct SegmentRestriction;
struct Statement;
struct TransactWriteAction;
struct WriteThrottle;
struct ReadLimits;
struct Page;
struct ScanRequest;

struct ColumnInfo {
  std::string name;
  SqlType type = SqlType::Varchar;
  std::string table;  // the base table, when the column comes straight from one
  int scale = 0;      // DECIMAL from a base table: the most digits after the point seen in its sample
};

class Cursor {
 public:
  // Cursors are made by the engine.
  Cursor(std::vector<ColumnInfo> columns, std::unique_ptr<Operator> root, std::unique_ptr<ExecContext> ctx);
  ~Cursor();
  const std::vector<ColumnInfo>& columns() const { return columns_; }
  // Appends the next rows; false at the end. Rows hold Values: Missing and Null both mean SQL NULL.
  bool fetch(RowBatch& batch);
  // Reads everything that is left.
  std::vector<Row> fetch_all();
  void close();
  // INSERT/UPDATE/DELETE: the number of items written; -1 for statements that return rows.
  int64_t rows_affected() const { return rows_affected_; }
  // A one-line summary for people: "3 rows inserted", "table created".
  const std::string& status() const { return status_; }
  // COPY ... FROM '-' or TO '-' used standard input or output: a console prints the status on stderr,
  // keeping stdout for data.
  bool used_standard_stream() const { return standard_stream_; }
  // A message beyond the status, for a client to show (as PostgreSQL's NOTICE): what a statement
  // restricted to a segment or resumed from a scan checkpoint read, wrote and retried. The console
  // prints it on stderr; the ODBC driver returns it as an 01000 diagnostic (SQL_SUCCESS_WITH_INFO).
  const std::string& notice() const { return notice_; }
  // Warnings the rows fetched so far raised, each handed out once (a value of an inferred DATE column
  // that is not a date, read as NULL). The ODBC driver returns them as 01000 diagnostics with
  // SQL_SUCCESS_WITH_INFO on the fetch that read them; the console prints them on stderr.
  std::vector<std::string> take_warnings();

 private:
  friend class Session;
  ExecContext& context() { return *ctx_; }
  // By default the statement's success actions (stream checkpoints) run when fetch() reaches the end;
  // a writer that consumes the cursor defers them until its own writes are done.
  void defer_success() { defer_success_ = true; }
  void finish_success();
  void set_outcome(int64_t rows, std::string status) {
    rows_affected_ = rows;
    status_ = std::move(status);
  }
  void mark_standard_stream() { standard_stream_ = true; }
  void set_notice(std::string notice) { notice_ = std::move(notice); }

  std::vector<ColumnInfo> columns_;
  // The context is declared first so that it is destroyed last: operators (a spilled Sort's runs)
  // give their resources back to it when they are destroyed.
  std::unique_ptr<ExecContext> ctx_;
  std::unique_ptr<Operator> root_;
  bool open_ = false;
  bool done_ = false;
  bool defer_success_ = false;
  bool standard_stream_ = false;
  int64_t rows_affected_ = -1;
  std::string status_;
  std::string notice_;
};

class Session;

class PreparedStatement {
 public:
  ~PreparedStatement();
  int parameter_count() const;
  // 0-based. Unbound parameters are an error (07002) at execute.
  void bind(int index, Value value);
  void clear_bindings();
  // Result columns, known before execution (planning with NULL parameters; no data is read).
  std::vector<ColumnInfo> describe_columns();
  // One per `?`: what the statement expects there (see dynamosql/parameter.h). Reads table metadata like
  // describe_columns(), no data.
  std::vector<ParameterDescription> describe_parameters();
  std::unique_ptr<Cursor> execute();

 private:
  friend class Session;
  PreparedStatement(Session& session, std::string sql, std::unique_ptr<Statement> ast);

  Session& session_;
  std::string sql_;
  std::unique_ptr<Statement> ast_;
  std::vector<std::optional<Value>> parameters_;
};

// Checks that DynamoDB answers with these settings (ListTables, Limit 1), with its timeouts and
// retries; throws what the call threw (28000 rejected credentials, 08001/08S01/HYT00 unreachable).
void check_connection(const SessionSettings& settings);

class Session {
 public:
  explicit Session(SessionSettings settings);
  ~Session();

  std::unique_ptr<PreparedStatement> prepare(const std::string& sql);
  std::unique_ptr<Cursor> execute(const std::string& sql);
  // Stops the running statement between pages; safe from another thread or a signal handler. A cancel
  // that arrives before a statement starts (between the console reading a line and the statement
  // running) stays pending and stops that statement: starting a statement does not withdraw it.
  void cancel() { cancelled_ = true; }
  // Withdraws a pending cancel. A caller calls this where a new request from its user begins (the console
  // when it shows a prompt, the ODBC driver at SQLExecute/SQLExecDirect), before parsing, so that a cancel
  // for the previous statement does not stop the next and one pressed while this one parses is kept.
  void clear_cancel() { cancelled_ = false; }
  void set_progress(ProgressSink* sink) { progress_ = sink; }
  // What SET changed, and the endpoint and region the session resolved.
  const SessionSettings& settings() const { return settings_; }
  // Inside BEGIN ... COMMIT writes become actions of one TransactWriteItems instead of being sent.
  bool in_transaction() const { return transaction_ != nullptr; }

  // The catalog (catalog_view.cpp). Tables, sorted by name.
  std::vector<std::string> table_names();
  // Tables whose stream is enabled: each is also the stream table streams.<table>.
  std::vector<std::string> stream_table_names();
  // A table ("" schema) or stream table (kStreamsSchema) with its columns as sampled (cached per
  // session), keys, indexes and item count. Throws 42S02 when there is none.
  CatalogTable describe_table(const std::string& schema, const std::string& name);

 private:
  friend class PreparedStatement;
  friend class SessionInternals;  // the engine's own code, tests and benchmarks: engine/api/session_internals.h

  std::unique_ptr<Cursor> run(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  // Plans a query; uncorrelated subqueries run in `ctx` while planning, unless `run_subqueries` is
  // false (describing result columns reads no data: subqueries then count as empty).
  std::unique_ptr<Operator> plan_query(const Query& query, const std::vector<std::optional<Value>>& parameters,
                                       ExecContext& ctx, bool run_subqueries = true);
  std::unique_ptr<ExecContext> new_context();
  // How the session's settings ask statements to be planned.
  PlannerSettings planner_settings(bool run_subqueries = true) const;
  // The settings' segment restriction, checked (scan_segment must be below scan_total_segments).
  SegmentRestriction segment_restriction() const;

  std::unique_ptr<Cursor> run_set(const Statement& statement);
  std::unique_ptr<Cursor> run_show_setting(const Statement& statement);
  std::unique_ptr<Cursor> run_show_all();
  std::unique_ptr<Cursor> run_show_tables();
  std::unique_ptr<Cursor> run_describe(const Statement& statement);
  std::unique_ptr<Cursor> run_describe_stream(const Statement& statement);
  std::unique_ptr<Cursor> run_explain(const Statement& statement);
  void refresh_descriptions_read_by(const Statement& explained);
  // insert.cpp, update_delete.cpp
  std::unique_ptr<Cursor> run_insert(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  std::unique_ptr<Cursor> run_update(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  std::unique_ptr<Cursor> run_delete(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  int64_t run_modification(const Statement& statement, const std::vector<std::optional<Value>>& parameters, bool is_update);
  std::unique_ptr<Cursor> run_ddl(const Statement& statement);
  std::unique_ptr<Cursor> run_explain_ddl(const Statement& statement);
  // copy.cpp, copy_from.cpp
  std::unique_ptr<Cursor> run_copy(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  std::unique_ptr<Cursor> run_copy_from(const Statement& statement);
  std::unique_ptr<Cursor> run_copy_to(const Statement& statement, const std::vector<std::optional<Value>>& parameters);
  std::unique_ptr<Cursor> outcome(int64_t rows, std::string status);
  // scale_out.cpp: the scan checkpoint of an INSERT/UPSERT (null without SET scan_checkpoint), and
  // the notice of a statement restricted to a segment or checkpointed (empty otherwise; for one its
  // checkpoint says is done, that there is nothing to do).
  std::unique_ptr<ScanProgress> open_scan_progress(const Statement& s, const std::vector<std::optional<Value>>& parameters,
                                                   const Operator& root, const ExecContext& ctx);
  std::string scale_out_notice(int64_t read, int64_t written, int64_t retried, const ScanProgress* progress) const;
  // The settings' checkpoint_store.
  CheckpointBackend checkpoint_backend() const;
  // transaction.cpp
  std::unique_ptr<Cursor> run_begin();
  std::unique_ptr<Cursor> run_commit();
  std::unique_ptr<Cursor> run_rollback();
  // Adds one statement's actions; all or none (a 101st action or a second action on one item is an
  // error, and the transaction keeps what it had). `origins` describe each action for error messages.
  void add_transaction_actions(std::vector<TransactWriteAction> actions, std::vector<std::string> origins,
                               const KeySchema& keys);
  // Runs `actions` now, or at COMMIT inside a transaction (dropped by ROLLBACK).
  void on_statement_success(std::vector<std::function<void()>> actions);
  // The write rate limits of the settings. The limiters live as long as the session, so a script of
  // single-row statements is held to the rate as much as one big statement is.
  WriteThrottle write_throttle();
  // The read limits and budget of the settings, for a statement's ExecContext (the limiters, like the
  // write ones, live as long as the session).
  ReadLimits read_limits();
  Page read_sample_page(ScanRequest& scan);  // the catalog's schema sample, paced
  const std::atomic<bool>* cancelled_flag() const { return &cancelled_; }

  std::unique_ptr<PendingTransaction> transaction_;  // inside BEGIN ... COMMIT
  SessionSettings settings_;
  std::unique_ptr<DynamoClient> client_;
  std::unique_ptr<Catalog> catalog_;
  std::atomic<bool> cancelled_{false};
  ProgressSink* progress_ = nullptr;
  std::unique_ptr<RateLimiter> write_rows_limiter_, write_units_limiter_;
  std::unique_ptr<RateLimiter> read_rows_limiter_, read_units_limiter_;
};

}  // namespace dynamosql

// Sessions, prepared statements and cursors; the statements that are not queries (SHOW, DESCRIBE,
// EXPLAIN, SET) are answered here.
#include "api/session.h"

#include <algorithm>
#include <set>

#include "bind/binder.h"
#include "dynamosql/error.h"
#include "exec/sources.h"
#include "plan/plan_ddl.h"
#include "plan/planner.h"
#include "plan/unsupported.h"
#include "sql/parser.h"
#include "streams/stream_table.h"

namespace dynamosql {
namespace {

// The result columns clients see. With a catalog, a DECIMAL straight from a base table carries the
// scale its sample showed (cached: planning has just read the table), so ODBC tools do not round it.
std::vector<ColumnInfo> column_infos(const std::vector<OutputColumn>& cols, Catalog* catalog = nullptr) {
  std::vector<ColumnInfo> out;
  for (const auto& c : cols) {
    if (c.hidden) continue;
    ColumnInfo info{c.name, c.type, c.base_table};
    if (catalog && c.type == SqlType::Decimal && !c.base_table.empty())
      if (const ColumnDef* def = catalog->table(c.base_table)->find(c.name)) info.scale = def->scale;
    out.push_back(std::move(info));
  }
  return out;
}

std::unique_ptr<Cursor> rows_cursor(std::vector<OutputColumn> cols, std::vector<Row> rows, std::unique_ptr<ExecContext> ctx,
                                    const std::string& label) {
  auto infos = column_infos(cols);
  auto source = std::make_unique<RowsSource>(std::move(cols), std::move(rows), label);
  return std::make_unique<Cursor>(std::move(infos), std::move(source), std::move(ctx));
}

OutputColumn text_column(const std::string& name) { return {name, "", SqlType::Varchar, false}; }

}  // namespace

// ---- Cursor -------------------------------------------------------------------------------------

Cursor::Cursor(std::vector<ColumnInfo> columns, OperatorPtr root, std::unique_ptr<ExecContext> ctx)
    : columns_(std::move(columns)), ctx_(std::move(ctx)), root_(std::move(root)) {}

Cursor::~Cursor() { close(); }

bool Cursor::fetch(RowBatch& batch) {
  if (done_ || !root_) return false;
  CurrentContextScope scope(ctx_.get());
  try {
    if (!open_) {
      open_ = true;  // first: an open that fails part-way still closes what it opened
      root_->open(*ctx_);
    }
    if (root_->next(batch)) return true;
  } catch (...) {
    close();
    throw;
  }
  close();
  if (!defer_success_) finish_success();
  return false;
}

std::vector<std::string> Cursor::take_warnings() { return ctx_ ? ctx_->take_warnings() : std::vector<std::string>{}; }

void Cursor::finish_success() {
  auto actions = std::move(ctx_->on_success);
  ctx_->on_success.clear();
  for (auto& action : actions) action();
}

std::vector<Row> Cursor::fetch_all() {
  std::vector<Row> rows;
  RowBatch batch;
  while (fetch(batch)) {
    for (auto& r : batch) rows.push_back(std::move(r));
    batch.clear();
  }
  return rows;
}

void Cursor::close() {
  if (root_ && open_ && !done_) root_->close();
  done_ = true;
}

// ---- PreparedStatement --------------------------------------------------------------------------

PreparedStatement::PreparedStatement(Session& session, std::string sql, std::unique_ptr<Statement> ast)
    : session_(session), sql_(std::move(sql)), ast_(std::move(ast)),
      parameters_(static_cast<size_t>(ast_->parameter_count)) {}

PreparedStatement::~PreparedStatement() = default;

int PreparedStatement::parameter_count() const { return ast_->parameter_count; }

void PreparedStatement::bind(int index, Value value) {
  if (index < 0 || index >= static_cast<int>(parameters_.size()))
    throw Error("07009", "parameter index " + std::to_string(index + 1) + " is out of range (the statement has " +
                             std::to_string(parameters_.size()) + ")");
  parameters_[static_cast<size_t>(index)] = std::move(value);
}

void PreparedStatement::clear_bindings() {
  for (auto& p : parameters_) p.reset();
}

std::vector<ColumnInfo> PreparedStatement::describe_columns() {
  switch (ast_->kind) {
    case StatementKind::Query: break;
    case StatementKind::ShowTables:
    case StatementKind::Describe:
    case StatementKind::Explain:
    case StatementKind::ShowSetting: return execute()->columns();  // read-only
    default: return {};  // writes, DDL and SET return no rows
  }
  std::vector<std::optional<Value>> nulls(parameters_.size(), Value::null());
  auto ctx = session_.new_context();
  return column_infos(session_.plan_query(*ast_->query, nulls, *ctx, false)->columns, session_.catalog_.get());
}

std::vector<ParameterDescription> PreparedStatement::describe_parameters() {
  std::vector<ParameterDescription> out = Binder(*session_.catalog_, ast_->parameter_count).bind_statement(*ast_).parameters;
  out.resize(parameters_.size());
  return out;
}

std::unique_ptr<Cursor> PreparedStatement::execute() { return session_.run(*ast_, parameters_); }

std::unique_ptr<Cursor> Session::outcome(int64_t rows, std::string status) {
  auto cursor = std::make_unique<Cursor>(std::vector<ColumnInfo>{}, nullptr, new_context());
  cursor->set_outcome(rows, std::move(status));
  return cursor;
}

// ---- Session ------------------------------------------------------------------------------------

Session::Session(SessionSettings settings) : settings_(std::move(settings)) {
  client_ = std::make_unique<DynamoClient>(resolve_aws(settings_.aws), settings_.client);
  settings_.aws.region = client_->aws().region;  // SHOW region / endpoint show what was resolved
  settings_.aws.endpoint = client_->aws().endpoint;
  catalog_ = std::make_unique<Catalog>(*client_, settings_.schema_sample_size, settings_.infer_dates,
                                       [this](ScanRequest& scan) { return read_sample_page(scan); });
}

Session::~Session() = default;

void check_connection(const SessionSettings& settings) {
  DynamoClient probe(resolve_aws(settings.aws), settings.client);
  probe.list_tables({}, 1);
}

namespace {

// The limiter of a rate setting: none for 0, a new one when the rate changed, else the same one.
RateLimiter* limiter_for(std::unique_ptr<RateLimiter>& limiter, double rate) {
  if (rate <= 0) limiter.reset();
  else if (!limiter || limiter->per_second() != rate) limiter = std::make_unique<RateLimiter>(rate);
  return limiter.get();
}

}  // namespace

WriteThrottle Session::write_throttle() {
  return {limiter_for(write_rows_limiter_, settings_.write_rows_per_second),
          limiter_for(write_units_limiter_, settings_.write_units_per_second)};
}

ReadLimits Session::read_limits() {
  return {limiter_for(read_rows_limiter_, settings_.read_rows_per_second),
          limiter_for(read_units_limiter_, settings_.read_units_per_second), settings_.max_read_units};
}

std::unique_ptr<PreparedStatement> Session::prepare(const std::string& sql) {
  auto statement = parse_statement(sql);
  reject_unsupported(*statement);
  statement->text = sql;
  return std::unique_ptr<PreparedStatement>(new PreparedStatement(*this, sql, std::move(statement)));
}

std::unique_ptr<Cursor> Session::execute(const std::string& sql) {
  auto statement = prepare(sql);
  return statement->execute();
}

std::unique_ptr<ExecContext> Session::new_context() {
  auto ctx = std::make_unique<ExecContext>();
  ctx->client = client_.get();
  ctx->cancelled = &cancelled_;
  ctx->progress = progress_;
  ctx->reads.set_limits(read_limits(), &cancelled_);
  ctx->work_memory_budget = static_cast<uint64_t>(settings_.work_memory_mb) << 20;
  ctx->max_recursion = static_cast<uint64_t>(settings_.max_recursion);
  ctx->spill_to_disk = settings_.spill_to_disk;
  ctx->temp_directory = settings_.temp_directory;
  ctx->temp_file_limit = static_cast<uint64_t>(settings_.temp_file_limit_mb) << 20;
  return ctx;
}

// A page of a table's schema sample, held to the session's read limits like every read. Not to a
// statement's max_read_units: the sample is the catalog's, shared by the statements after it.
Page Session::read_sample_page(ScanRequest& scan) {
  ReadLimits limits = read_limits();
  limits.max_units = 0;
  ReadPacer pacer;
  pacer.set_limits(limits, &cancelled_);
  ReadTicket ticket = pacer.before_request(scan.limit);
  scan.limit = ticket.limit();
  scan.return_capacity = pacer.wants_capacity();
  scan.pacer = &pacer.adaptive();
  Page page = client_->scan(scan);
  scan.pacer = nullptr;
  pacer.read(std::move(ticket), static_cast<uint64_t>(page.scanned_count), page.consumed_capacity);
  return page;
}

SegmentRestriction Session::segment_restriction() const {
  int index = settings_.scan_segment, total = settings_.scan_total_segments;
  if (total == 0 && index != 0)
    throw Error(sqlstate::kInvalidParameter, "scan_segment " + std::to_string(index) + " needs scan_total_segments (SET scan_total_segments = N)");
  if (total > 0 && index >= total)
    throw Error(sqlstate::kInvalidParameter, "scan_segment " + std::to_string(index) + " is not below scan_total_segments " +
                                                 std::to_string(total) + " (segments are numbered 0 to " + std::to_string(total - 1) + ")");
  return {index, total};
}

PlannerSettings Session::planner_settings(bool run_subqueries) const {
  return {settings_.scan_segments,      settings_.allow_full_scan || !run_subqueries, settings_.consistent_read,
          settings_.stream_checkpoint,  settings_.stream_start == "latest",        settings_.stream_follow,
          segment_restriction(),        settings_.segment_partial_results || !run_subqueries,
          checkpoint_backend(),         run_subqueries};
}

OperatorPtr Session::plan_query(const Query& query, const std::vector<std::optional<Value>>& parameters, ExecContext& ctx,
                                bool run_subqueries) {
  Binder binder(*catalog_, static_cast<int>(parameters.size()));
  std::unique_ptr<BoundQuery> bound = binder.bind_query(query);
  Planner planner(planner_settings(run_subqueries), ctx, binder.parameters(), parameters);
  OperatorPtr root = planner.plan_query(*bound);
  ctx.first_table_scans = planner.first_table_scans();
  return root;
}

std::unique_ptr<Cursor> Session::run(const Statement& s, const std::vector<std::optional<Value>>& parameters) {
  switch (s.kind) {
    case StatementKind::Query: {
      auto ctx = new_context();
      OperatorPtr root = plan_query(*s.query, parameters, *ctx);
      auto infos = column_infos(root->columns, catalog_.get());
      return std::make_unique<Cursor>(std::move(infos), std::move(root), std::move(ctx));
    }
    case StatementKind::ShowTables: return run_show_tables();
    case StatementKind::Describe: return run_describe(s);
    case StatementKind::Explain: return run_explain(s);
    case StatementKind::Set: return run_set(s);
    case StatementKind::ShowSetting: return run_show_setting(s);
    case StatementKind::Insert: return run_insert(s, parameters);
    case StatementKind::Update: return run_update(s, parameters);
    case StatementKind::Delete: return run_delete(s, parameters);
    case StatementKind::CreateTable:
    case StatementKind::DropTable:
    case StatementKind::CreateIndex:
    case StatementKind::DropIndex:
    case StatementKind::AlterTable: return run_ddl(s);  // is_ddl()
    case StatementKind::Begin: return run_begin();
    case StatementKind::Commit: return run_commit();
    case StatementKind::Rollback: return run_rollback();
    case StatementKind::Copy: return run_copy(s, parameters);
  }
  throw Error(sqlstate::kGeneral, "internal error: unknown statement");
}

// DDL is planned whole (every option checked) before its first request; it does not join a transaction.
std::unique_ptr<Cursor> Session::run_ddl(const Statement& s) {
  if (in_transaction())
    throw Error("25000", std::string(ddl_statement_name(s.kind)) + " cannot run inside a transaction; COMMIT or ROLLBACK first");
  DdlPlan plan = plan_ddl(s, *catalog_, DdlPlanning::ToRun);
  return outcome(0, run_ddl_plan(plan, *client_, *catalog_));
}

// The requests a DDL statement would send, sent by none (planned from the table's cached description).
std::unique_ptr<Cursor> Session::run_explain_ddl(const Statement& s) {
  std::vector<Row> rows;
  for (auto& line : explain_ddl_plan(plan_ddl(s, *catalog_, DdlPlanning::ToExplain))) rows.push_back({Value::string(std::move(line))});
  return rows_cursor({text_column("plan")}, std::move(rows), new_context(), "Explain");
}

std::unique_ptr<Cursor> Session::run_show_tables() {
  std::vector<Row> rows;
  auto names = client_->list_all_tables();
  std::sort(names.begin(), names.end());
  for (const auto& n : names) rows.push_back({Value::string(n)});
  for (const auto& n : stream_table_names()) rows.push_back({Value::string(std::string(kStreamsSchema) + "." + n)});
  return rows_cursor({text_column("table_name")}, std::move(rows), new_context(), "ShowTables");
}

std::unique_ptr<Cursor> Session::run_describe(const Statement& s) {
  if (!s.table->schema.empty()) return run_describe_stream(s);
  catalog_->invalidate(s.table->table);
  auto schema = catalog_->table(s.table->table);
  const auto& d = schema->description;
  std::vector<Row> rows;
  auto add = [&](const std::string& kind, const std::string& name, const std::string& type, const std::string& detail) {
    rows.push_back({Value::string(kind), Value::string(name), Value::string(type), Value::string(detail)});
  };
  for (const auto& c : schema->columns)
    add("column", c.name, sql_type_name(c.type), c.is_partition_key ? "partition key" : c.is_sort_key ? "sort key" : "");
  add("column", kOtherColumn, "JSON", "attributes outside the inferred columns (SELECT * only)");
  const bool provisioned = d.billing_mode == "PROVISIONED";
  auto capacity = [](const ThroughputSetting& t) {
    return ", read capacity " + std::to_string(t.read_units) + ", write capacity " + std::to_string(t.write_units);
  };
  for (const auto& i : d.indexes) {
    std::string detail = "key (" + i.keys.partition_key + (i.keys.sort_key.empty() ? "" : ", " + i.keys.sort_key) +
                         "), projection " + i.projection.type;
    for (size_t k = 0; k < i.projection.non_key_attributes.size(); ++k)
      detail += (k ? ", " : " (") + i.projection.non_key_attributes[k] + (k + 1 == i.projection.non_key_attributes.size() ? ")" : "");
    if (provisioned && i.global && i.throughput) detail += capacity(*i.throughput);
    add("index", i.name, i.global ? "GSI" : "LSI", detail);
  }
  add("stream", d.stream.enabled ? d.latest_stream_arn : "", d.stream.enabled ? d.stream.view_type : "DISABLED", "");
  auto ttl = client_->describe_time_to_live(d.name);
  add("ttl", ttl.attribute, ttl.status, "");
  add("table", d.name, d.billing_mode,
      "status " + d.status + (provisioned ? capacity(d.throughput) : "") + ", about " + std::to_string(d.item_count) +
          " items, " + std::to_string(schema->sampled_items) + " sampled for the schema");
  return rows_cursor({text_column("kind"), text_column("name"), text_column("type"), text_column("detail")}, std::move(rows),
                     new_context(), "Describe");
}

std::unique_ptr<Cursor> Session::run_describe_stream(const Statement& s) {
  if (s.table->schema != kStreamsSchema)
    throw Error(sqlstate::kTableNotFound, "schema \"" + s.table->schema + "\" does not exist");
  catalog_->invalidate(s.table->table);
  StreamTableInfo info = stream_table_info(*catalog_->table(s.table->table));
  std::vector<Row> rows;
  auto add = [&](const std::string& kind, const std::string& name, const std::string& type, const std::string& detail) {
    rows.push_back({Value::string(kind), Value::string(name), Value::string(type), Value::string(detail)});
  };
  for (const auto& c : stream_column_defs(info))
    add("column", c.name, sql_type_name(c.type), c.is_partition_key ? "partition key of " + info.table : c.is_sort_key ? "sort key of " + info.table : "");
  StreamDescription d = client_->describe_stream(info.stream_arn);
  size_t shards = d.shards.size();
  while (!d.last_evaluated_shard_id.empty()) {
    d = client_->describe_stream(info.stream_arn, d.last_evaluated_shard_id);
    shards += d.shards.size();
  }
  add("stream", info.stream_arn, info.view_type, "status " + d.status + ", " + std::to_string(shards) + (shards == 1 ? " shard" : " shards"));
  return rows_cursor({text_column("kind"), text_column("name"), text_column("type"), text_column("detail")}, std::move(rows),
                     new_context(), "Describe");
}

// DescribeTable again for the tables `explained` reads (those this statement loaded are fresh already).
void Session::refresh_descriptions_read_by(const Statement& explained) {
  auto since = std::chrono::steady_clock::now();
  Binder binder(*catalog_, explained.parameter_count);
  binder.bind_query(*explained.query);
  catalog_->refresh_descriptions(binder.tables_read(), since);
}

std::unique_ptr<Cursor> Session::run_explain(const Statement& s) {
  const Statement& inner = *s.explained;
  if (is_ddl(inner.kind) && !s.analyze) return run_explain_ddl(inner);
  if (inner.kind != StatementKind::Query)
    throw Error(sqlstate::kFeatureNotSupported, s.analyze ? "EXPLAIN ANALYZE runs queries" : "EXPLAIN supports queries and DDL");
  auto ctx = new_context();
  if (s.analyze) ctx->reads.set_analyze();  // ask for ConsumedCapacity to report it
  refresh_descriptions_read_by(inner);     // the figures the read estimates start from
  ExecContext* raw = ctx.get();
  uint64_t requests_before = client_->counters().requests;
  uint64_t retries_before = client_->counters().retries;
  OperatorPtr root =
      plan_query(*inner.query, std::vector<std::optional<Value>>(static_cast<size_t>(inner.parameter_count), Value::null()), *ctx);
  std::vector<std::string> lines;
  if (s.analyze) {
    auto start = std::chrono::steady_clock::now();
    root->open(*raw);
    RowBatch batch;
    uint64_t rows = 0;
    while (root->next(batch)) {
      rows += batch.size();
      batch.clear();
    }
    root->close();
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    lines = explain_tree(*root, true);
    char summary[300];
    int n = snprintf(summary, sizeof summary, "Total: %llu rows, %llu requests, %llu retries, %.1f ms",
                     static_cast<unsigned long long>(rows),
                     static_cast<unsigned long long>(client_->counters().requests - requests_before),
                     static_cast<unsigned long long>(client_->counters().retries - retries_before), ms);
    const AdaptiveRate& adaptive = raw->reads.adaptive();
    if (adaptive.throttles() > 0)
      snprintf(summary + n, sizeof summary - static_cast<size_t>(n), "; %llu requests throttled, reads slowed to %.1f requests/s",
               static_cast<unsigned long long>(adaptive.throttles()), adaptive.rate());
    lines.push_back(summary);
  } else {
    lines = explain_tree(*root, false);
  }
  std::vector<Row> rows;
  for (auto& l : lines) rows.push_back({Value::string(l)});
  return rows_cursor({text_column("plan")}, std::move(rows), std::move(ctx), "Explain");
}

std::unique_ptr<Cursor> Session::run_set(const Statement& s) {
  const SettingInfo& setting = setting_named(s.setting);
  if (setting.kind != SettingKind::Session)
    throw Error(sqlstate::kInvalidParameter, setting.name + " is fixed when the session starts (ODBC key " + setting.odbc_key +
                                                 (setting.console_flag.empty() ? "" : ", console flag " + setting.console_flag) + ")");
  apply_setting(settings_, setting, value_to_text(s.setting_value), setting.name);  // NULL: the empty text
  if (setting.field == SettingField(&SessionSettings::schema_sample_size)) catalog_->set_sample_size(settings_.schema_sample_size);
  if (setting.field == SettingField(&SessionSettings::infer_dates)) catalog_->set_infer_dates(settings_.infer_dates);
  return rows_cursor({}, {}, new_context(), "Set");
}

std::unique_ptr<Cursor> Session::run_show_setting(const Statement& s) {
  if (s.show_all) return run_show_all();
  const SettingInfo& setting = setting_named(s.setting);
  if (setting.kind == SettingKind::Credential) throw Error(sqlstate::kInvalidParameter, setting.name + " is never shown");
  return rows_cursor({text_column(setting.name)}, {{Value::string(setting_text(settings_, setting))}}, new_context(), "Show");
}

// SHOW ALL: every setting but the credentials, with its value and what it does (as PostgreSQL's).
std::unique_ptr<Cursor> Session::run_show_all() {
  std::vector<Row> rows;
  for (const auto& setting : settings_table())
    if (setting.kind != SettingKind::Credential)
      rows.push_back({Value::string(setting.name), Value::string(setting_text(settings_, setting)), Value::string(setting.description)});
  return rows_cursor({text_column("name"), text_column("setting"), text_column("description")}, std::move(rows), new_context(),
                     "Show");
}

}  // namespace dynamosql

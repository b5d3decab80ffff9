// The planner: a bound SELECT becomes a tree of operators. For each base table it asks
// choose_access_path() for the DynamoDB calls, then stacks the engine's work on top: residual filters,
// joins, aggregation, projection, DISTINCT, sort (skipped when a Query already returns the order),
// and LIMIT/OFFSET. Uncorrelated subqueries (IN (SELECT ...), scalar) run once while planning and their
// results become literals.
#pragma once

#include <functional>
#include <string>

#include "catalog/catalog.h"
#include "checkpoint/checkpoint_store.h"
#include "exec/operator.h"
#include "exec/sources.h"
#include "sql/ast.h"
#include "streams/stream_reader.h"

namespace dynamosql {

struct PlannerSettings {
  int scan_segments = 4;
  bool allow_full_scan = true;
  bool consistent_read = false;
  // Stream tables (streams.<table>).
  std::string stream_checkpoint;  // name, or empty
  bool stream_start_latest = false;
  bool stream_follow = false;
  // SET scan_segment / scan_total_segments. It applies to the first FROM item of the statement's query
  // (of each UNION ALL term, through derived tables): a Scan of it reads only that segment; a GetItem,
  // Query or stream read of it, or a SELECT without FROM, runs whole in segment 0 and returns nothing in
  // the others. Join partners and subqueries in expressions are read whole. So the N segments' rows
  // together are the statement's rows, for statements that work row by row.
  SegmentRestriction segment;
  // With a segment: false refuses (42000) what combines the restricted table's rows (aggregates,
  // DISTINCT, LIMIT/OFFSET), whose answer would be the segment's alone; true plans it per segment.
  bool segment_partial_results = false;
  CheckpointBackend checkpoint_store = CheckpointBackend::File;  // where stream_checkpoint is kept
};

class Planner {
 public:
  // `run` executes a planned subquery to completion and returns its rows.
  using RunSubquery = std::function<std::vector<Row>(Operator&)>;
  // `parameters` are the values of `?` in order; an unbound one (nullopt) is error 07002.
  Planner(Catalog& catalog, PlannerSettings settings, RunSubquery run, std::vector<std::optional<Value>> parameters)
      : catalog_(catalog), settings_(settings), run_(std::move(run)), parameters_(std::move(parameters)) {}

  OperatorPtr plan_query(const Query& query);
  // The Scans of the query's first FROM table (see PlannerSettings::segment), after plan_query.
  const std::vector<ScanSource*>& first_table_scans() const { return first_table_scans_; }

 private:
  OperatorPtr plan_spec(const QuerySpec& spec, const Query* order_source);
  void resolve_subqueries(Expr& e);
  void substitute_parameters(Expr& e) const;
  int64_t constant_count(const Expr* e, const char* what);
  void stream_lower_bound(const Expr* where, const std::string& alias, StreamReadOptions& read) const;
  // Plans a nested query; `driving` says whether the segment restriction applies to it.
  OperatorPtr plan_subquery(const Query& query, bool driving);
  // Segments other than 0 of a restricted statement whose first table is not scanned: no rows, and
  // `why` for EXPLAIN.
  OperatorPtr outside_segment(std::vector<OutputColumn> columns, const std::string& why) const;
  // Refuses `what` (e.g. "DISTINCT"), which would combine the segment's rows only, unless
  // segment_partial_results allows it; nothing without a segment or outside the restricted part.
  void check_segment_may_combine(const std::string& what, const Position& position) const;

  Catalog& catalog_;
  PlannerSettings settings_;
  RunSubquery run_;
  std::vector<std::optional<Value>> parameters_;
  bool driving_ = true;  // planning the part of the statement a segment restriction applies to
  std::vector<ScanSource*> first_table_scans_;
};

}  // namespace dynamosql

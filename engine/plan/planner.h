// The planner: a bound query becomes a tree of operators. A UNION, INTERSECT or EXCEPT plans each
// term, combines them and stacks ORDER BY and LIMIT on top; a SELECT is planned in steps
// (plan_select.cpp): read each FROM item (the access path and pushdown for base tables), join, filter
// what is left of WHERE, aggregate, project, DISTINCT, sort (skipped when a Query already returns the
// order), LIMIT/OFFSET.
//
// Before a SELECT's expressions are placed onto rows, parameters become constants (converted to the
// types the binder expected, see bind/parameter_types.h) and uncorrelated subqueries run once, their
// results becoming constants too, so that IN (SELECT ...) can still become key lookups. A correlated
// subquery in WHERE or the select list is joined to its SELECT instead (see decorrelate.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bind/bound_statement.h"
#include "checkpoint/checkpoint_store.h"
#include "exec/cte_scan.h"
#include "exec/recursive_cte.h"
#include "exec/operator.h"
#include "exec/sources.h"

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
  // false when only describing result columns: subqueries then count as empty and nothing is read.
  bool run_subqueries = true;
};

class Planner {
 public:
  // `values` are the bound values of the `?`s (nullopt: unbound, error 07002 where one is used);
  // `expected` what the binder expects of each. Subqueries run in `ctx`.
  Planner(PlannerSettings settings, ExecContext& ctx, std::vector<ParameterDescription> expected,
          std::vector<std::optional<Value>> values);

  OperatorPtr plan_query(BoundQuery& query);
  // A nested query; `driving` says whether the segment restriction applies to it.
  OperatorPtr plan_subquery(BoundQuery& query, bool driving);

  // A FROM item naming WITH query `cte`, which is named more than once: its plan is made once, at its
  // first reader, and its rows are read once and held (exec/cte_scan.h). Read whole: refused under a
  // segment restriction unless segment_partial_results (42000 at `at`).
  OperatorPtr read_materialized(BoundCte& cte, const Position& at);
  // WITH query `cte` (named once, or for read_materialized): its query planned as a derived table, or,
  // recursive, as a RecursiveCte over its anchor and recursive term (plan_recursive.cpp; read whole,
  // so refused under a segment restriction like read_materialized).
  OperatorPtr plan_cte(BoundCte& cte, bool driving);
  // The recursive term's FROM item naming its own query (planned inside plan_cte): the working table.
  OperatorPtr read_working_table(const BoundCte& cte);
  // A FROM item of a recursive term other than the working table: read at its first iteration and held
  // for the others, so a DynamoDB table is read once, not once per iteration.
  static OperatorPtr hold_for_iterations(OperatorPtr source, const std::string& name);
  // For the SELECT steps: parameters and subqueries of `e` replaced by constants; with keep_correlated,
  // correlated subqueries are left for the SELECT to join (decorrelate.h), else they are refused.
  void prepare(BoundExprPtr& e, bool keep_correlated = false);
  // LIMIT / OFFSET: -1 when absent; 22023 unless a non-negative integer.
  int64_t count(BoundExprPtr& e, const char* what);
  const PlannerSettings& settings() const { return settings_; }
  // Whether the segment restriction applies to the SELECT being planned, and its segment is not 0.
  bool driving() const { return driving_; }
  bool outside_segment_zero() const { return driving_ && settings_.segment.active() && settings_.segment.index != 0; }
  // What a segment other than 0 reads of a FROM item that is not scanned: nothing; `why` for EXPLAIN.
  OperatorPtr outside_segment(std::vector<OutputColumn> columns, const std::string& why) const;
  // The Scans of the query's first FROM table (see PlannerSettings::segment), after plan_query: what a
  // scan checkpoint positions.
  const std::vector<ResumableScan*>& first_table_scans() const { return first_table_scans_; }
  void note_first_table_scan(ResumableScan* scan) { first_table_scans_.push_back(scan); }
  // Refuses `what` (e.g. "SELECT DISTINCT"), which would combine the segment's rows only, unless
  // segment_partial_results (42000 at `position`).
  void check_segment_may_combine(const std::string& what, const Position& position) const;
  // A correlated subquery (0A000) `where` it is not supported, pointing at its outer reference.
  [[noreturn]] static void correlated(const OuterReference& outer, const std::string& where);

 private:
  OperatorPtr plan_union(BoundQuery& query);
  OperatorPtr plan_term(BoundQuery::Term& term);
  OperatorPtr plan_recursive(BoundCte& cte);
  OperatorPtr combine_terms(const BoundQuery& query, std::vector<OperatorPtr> inputs) const;
  void substitute(BoundExpr& e) const;
  // Sets whether the segment restriction applies (driving_) for as long as it lives.
  struct DrivingScope {
    DrivingScope(Planner& planner, bool driving) : planner(planner), saved(planner.driving_) { planner.driving_ = driving; }
    ~DrivingScope() { planner.driving_ = saved; }
    Planner& planner;
    bool saved;
  };
  void run_subquery(BoundExpr& e);

  PlannerSettings settings_;
  ExecContext& ctx_;
  std::vector<ParameterDescription> expected_;
  std::vector<std::optional<Value>> values_;
  bool driving_ = true;  // planning the part of the statement a segment restriction applies to
  std::vector<ResumableScan*> first_table_scans_;
  std::map<const BoundCte*, std::shared_ptr<MaterializedQuery>> materialized_;
  std::map<const BoundCte*, std::shared_ptr<WorkingTable>> working_tables_;
};

// One SELECT; plan_select.cpp.
OperatorPtr plan_select(Planner& planner, BoundSelect& select, BoundQuery* owner);

}  // namespace dynamosql

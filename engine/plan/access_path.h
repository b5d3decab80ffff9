// Choosing how to read one base table, and what DynamoDB evaluates for us.
//
// WHERE's conjuncts on the table are first put in per-attribute normal form (key_conditions.h). Then,
// in order of preference: GetItem when equality pins the whole primary key, BatchGetItem for IN lists
// or ORs of whole keys; a Query on the table, an LSI or a GSI when its partition key is pinned (one
// Query per value), with the best sort-key condition as KeyConditionExpression; otherwise a Scan with
// parallel segments. An index that does not project every attribute the statement reads is followed by
// a fetch-back (BatchGetItem of the items it finds; exec/fetch_back.h) when that is estimated to read
// fewer units than a Scan, or when it is forced; a covering candidate wins a tie.
//
// Conjuncts DynamoDB evaluates exactly as SQL go into the FilterExpression and are not re-checked (see
// expression_builder.h); everything else comes back as residual, for the engine to filter.
//
// Order: the request may carry the order the statement wants (ORDER BY one attribute); a Query over one
// partition value whose sort key is that attribute returns rows in that order (ScanIndexForward=false
// for DESC), and the plan says so, so that no Sort is needed.
#pragma once

#include <optional>

#include "bind/bound_expr.h"
#include "catalog/catalog.h"
#include "exec/sources.h"

namespace dynamosql {

struct WantedOrder {
  std::string attribute;
  bool descending = false;
};

struct AccessRequest {
  const TableSchema* table = nullptr;
  int relation = 0;                     // which FROM item; columns of other FROM items are not attributes
  std::string forced_index;             // "table"."index"
  std::vector<std::string> attributes;  // attributes the statement reads
  bool star = false;
  bool with_other = false;
  std::vector<BoundExprPtr> conjuncts;  // over this relation
  int scan_segments = 4;
  SegmentRestriction restriction;   // a Scan reads only this segment (a GetItem or Query is unaffected)
  bool consistent_read = false;
  bool full_scan_allowed = true;      // false: an index is read with a fetch-back even where a Scan costs less
  std::optional<int64_t> limit_hint;  // rows wanted, when the engine has no residual work
  // Rows wanted when they come in `order` (a Query that returns them so needs no Sort), else as above.
  std::optional<int64_t> ordered_limit_hint;
  std::optional<WantedOrder> order;
};

struct AccessPlan {
  OperatorPtr source;
  std::vector<BoundExprPtr> residual;  // conjuncts DynamoDB did not absorb
  bool is_scan = false;
  bool provides_order = false;  // rows come in the request's order
  ResumableScan* scan = nullptr;  // the source, when it is a Scan (of the table, or of a forced index and its fetch-back)
};

AccessPlan choose_access_path(AccessRequest request);

}  // namespace dynamosql

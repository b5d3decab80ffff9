// Choosing how to read one base table, and what DynamoDB evaluates for us.
//
// WHERE is first normalised per attribute (AND of equality sets, ranges and prefixes on top-level
// attributes). Then: GetItem when equality pins the whole primary key; BatchGetItem for IN lists or ORs
// of whole keys; Query on the table, an LSI or a GSI when its partition key is pinned (one Query per
// value), with the best sort-key condition as KeyConditionExpression; otherwise Scan with parallel
// segments. An index is used only when it projects every attribute the statement needs.
//
// Pushdown contract (as SQLite's `omit` bit): a conjunct goes into FilterExpression only when DynamoDB
// evaluates it exactly as SQL does; it is then not re-checked. Everything else comes back as residual
// and is filtered by the engine. Positive comparisons with literals, BETWEEN, IN, begins_with, LIKE
// 'prefix%', contains with a string, attribute_exists/_not_exists/_type, IS [NOT] NULL and IS [NOT]
// MISSING qualify (and ANDs/ORs of them); NOT, <>, arithmetic and functions of attributes do not,
// because DynamoDB treats a missing attribute as false where SQL says NULL. Every attribute name and
// value goes in as a #name/:value placeholder.
#pragma once

#include "catalog/catalog.h"
#include "exec/sources.h"
#include "sql/ast.h"

namespace dynamosql {

struct AccessRequest {
  const TableSchema* table = nullptr;
  int relation = 0;                 // which FROM item; conjunct columns of other relations are ignored
  std::string forced_index;         // "table"."index"
  std::vector<std::string> attributes;  // attributes the statement reads (empty with `star`)
  bool star = false;
  bool with_other = false;
  std::vector<ExprPtr> conjuncts;   // bound to this relation
  int scan_segments = 4;
  SegmentRestriction restriction;   // a Scan reads only this segment (a GetItem or Query is unaffected)
  bool consistent_read = false;
  std::optional<int64_t> limit_hint;  // rows wanted, when the engine has no residual work
};

struct AccessPlan {
  OperatorPtr source;
  std::vector<ExprPtr> residual;  // conjuncts DynamoDB did not absorb
  bool is_scan = false;
  ScanSource* scan = nullptr;     // the source, when it is a Scan
  // Set for a Query over one partition value: the sort-key attribute whose order it returns.
  std::string ordered_by;
  QuerySource* query = nullptr;   // to flip ScanIndexForward for ORDER BY ... DESC
};

AccessPlan choose_access_path(AccessRequest request);

}  // namespace dynamosql

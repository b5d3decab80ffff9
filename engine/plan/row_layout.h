// Where the columns of each FROM item sit in an operator's input row, and placing bound expressions
// onto a row: every column reference gets its slot (and, for a whole column, the type of the column as
// planned), then the expression is retyped.
#pragma once

#include <vector>

#include "bind/bound_statement.h"
#include "exec/operator.h"

namespace dynamosql {

class RowLayout {
 public:
  explicit RowLayout(const std::vector<BoundRelation>& relations) : relations_(&relations), offsets_(relations.size(), -1) {}
  // Appends FROM item `r`'s columns to the row.
  void append(size_t r);
  // Places the column references of this query level in `e`.
  void place(BoundExpr& e) const;
  // The set of FROM items `e` reads.
  static std::vector<int> relations_of(const BoundExpr& e);

 private:
  const std::vector<BoundRelation>* relations_;
  std::vector<int> offsets_;  // per FROM item; -1 when not in the row
  int width_ = 0;
};

// Places GroupRefs and AggregateRefs onto an aggregation's output row: the groups, then the aggregates.
void place_over_aggregation(BoundExpr& e, const std::vector<OutputColumn>& aggregation_columns, size_t group_count);

// The relation's columns as an operator produces them.
std::vector<OutputColumn> output_columns(const BoundRelation& relation);

}  // namespace dynamosql

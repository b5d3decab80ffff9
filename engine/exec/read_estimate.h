// What a DynamoDB read is expected to cost, predicted while planning: EXPLAIN prints it on each source,
// EXPLAIN ANALYZE beside what the read consumed. The figures are DescribeTable's (ItemCount and
// TableSizeBytes, or IndexSizeBytes for an index; DynamoDB refreshes them about every six hours) and
// the schema sample's (how many items share a partition key value); the rules are DynamoDB's pricing:
// Scan and Query use a read unit per 4 KB they read, summed over a page (eventually consistent: half),
// GetItem and BatchGetItem one per 4 KB of each item, a page holds at most 1 MB.
#pragma once

#include <cstdint>
#include <string>

namespace dynamosql {

struct ReadEstimate {
  double items = 0;       // items DynamoDB reads (before any FilterExpression)
  double read_units = 0;  // read capacity units
  double requests = 0;
  std::string stale;  // why the figures are older than this statement (ReadTarget::stale)
  // "est. ~1,250 items, ~40.0 RCU, ~2 requests"
  std::string text() const;
};

// The size figures of the table or index read.
struct ReadTarget {
  int64_t item_count = 0;
  int64_t size_bytes = 0;
  double items_per_partition = 1;  // items sharing one partition key value (the sample's average)
  bool consistent = false;
  std::string stale;  // set when refreshing the table's description failed (TableSchema::stale)
};

// A Scan of `segments_read` of `total_segments` equal segments (total 0: the whole table, read by
// `segments_read` parallel workers); `item_limit` > 0 when DynamoDB's Limit stops it early (LIMIT
// without a filter).
ReadEstimate estimate_scan(const ReadTarget& t, int segments_read, int total_segments, int64_t item_limit);
// A Query per partition value; `unique` when the key condition pins one item (the whole primary key),
// `narrowed` when a sort-key range narrows each partition (taken as a third of it, as PostgreSQL
// takes an inequality's selectivity).
ReadEstimate estimate_query(const ReadTarget& t, size_t partition_values, bool unique, bool narrowed, int64_t item_limit);
// GetItem (one key) or BatchGetItem (100 keys a request); also the fetch-back of the items an index
// read finds (as many keys as it is expected to find).
ReadEstimate estimate_lookup(const ReadTarget& t, double keys);
// "~40.0 RCU", as ReadEstimate::text() shows units.
std::string read_units_text(double read_units);

}  // namespace dynamosql

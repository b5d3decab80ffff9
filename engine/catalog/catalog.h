// Table metadata and inferred column schemas, cached per table for the session.
//
// DynamoDB tables have no schema beyond their keys, so a table's columns are inferred: the key
// attributes first (typed from the attribute definitions), then every other attribute found in a
// sample of items (SchemaSampleSize, one Scan), sorted by name, each typed by what the sample holds
// (one DynamoDB type -> its SQL type; mixed -> JSON). `SELECT *` also returns `_other`, a JSON document
// of any attributes outside the inferred columns, so nothing outside the sample is silently dropped.
// With infer_dates, a string attribute whose every sampled value is ISO 8601 text in one fixed form
// (date_form.h) is typed DATE or TIMESTAMP and remembers that form; the binder reads it as a date.
// Key attributes (of the table or an index) stay VARCHAR, so key conditions on them stay exact. A
// number column remembers whether its numbers look like epoch seconds or milliseconds, the form a date
// written into it is stored in.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "catalog/date_form.h"
#include "dynamo/dynamo_client.h"
#include "dynamosql/catalog.h"  // kOtherColumn
#include "dynamosql/sql_type.h"

namespace dynamosql {

struct ColumnDef {
  std::string name;
  SqlType type = SqlType::Varchar;
  bool is_partition_key = false;
  bool is_sort_key = false;
  // Decimal columns: the most digits after the point seen in the sample (what ODBC reports as scale).
  int scale = 0;
  // An inferred DATE/TIMESTAMP column: the form its sampled values are stored in (date_form.h).
  std::optional<StoredDateForm> date_form;
  // A number column: the unit of the epoch number a DATE/TIMESTAMP written into it is stored as
  // (milliseconds when a sampled number is millisecond-sized, epoch_unit_of; else seconds).
  std::optional<EpochUnit> epoch_unit;
};

// The epoch unit a number attribute's value suggests: milliseconds from 10^11 up in magnitude (10^11
// seconds is the year 5138, 10^11 milliseconds March 1973), seconds below.
EpochUnit epoch_unit_of(const Value& number);

struct TableSchema {
  TableDescription description;
  std::vector<ColumnDef> columns;  // inferred; `_other` not included
  int64_t sampled_items = 0;
  // For the partition key of the table and of each index: how many sampled items share one of its
  // values, on average (a Scan returns a partition's items together, so the sample sees them as runs).
  std::map<std::string, double> items_per_partition;
  std::chrono::steady_clock::time_point described_at;  // when `description` was read
  // Why the last DescribeTable of a refresh failed (the AWS error name or SQLSTATE); empty when
  // `description` is the latest DynamoDB gave. Estimates from a stale description say so.
  std::string stale;
  const ColumnDef* find(const std::string& name) const;
};

class Catalog {
 public:
  // Reads one page of a schema sample (the session holds it to its read limits); `scan.limit` may be
  // cut. Without one, pages are read unpaced.
  using SamplePageReader = std::function<Page(ScanRequest& scan)>;
  Catalog(DynamoClient& client, int sample_size, bool infer_dates, SamplePageReader read_sample_page = {})
      : client_(client), sample_size_(sample_size), infer_dates_(infer_dates), read_sample_page_(std::move(read_sample_page)) {}

  // DescribeTable + sample, cached. Throws 42S02 for a table that does not exist.
  std::shared_ptr<const TableSchema> table(const std::string& name);
  std::vector<std::string> table_names();
  void invalidate(const std::string& name);
  // Learns from an item this session writes: attributes the cached schema lacks become columns, a
  // second type turns a column into JSON, a longer fraction raises a decimal's scale. Cheap when the
  // item brings nothing new (the usual case); a table not cached yet is left alone.
  void note_item(const std::string& name, const Item& item);
  // True when the cached schema of `name` (if any) has a column `attribute`.
  bool knows_column(const std::string& name, const std::string& attribute);
  void invalidate_all();
  // DescribeTable again for the cached tables among `names` (the tables a statement reads) whose
  // description is older than `since`, keeping their inferred columns: the item counts and sizes
  // EXPLAIN estimates from are then DynamoDB's latest. A table that no longer exists is forgotten
  // (binding it again says 42S02); on any other error (throttled, access denied) the cached
  // description is kept and marked `stale`. A table sampled while it was empty and holding items now
  // is sampled again when next used. Other cached tables are left as they are.
  void refresh_descriptions(const std::set<std::string>& names, std::chrono::steady_clock::time_point since);
  void set_sample_size(int n);
  void set_infer_dates(bool on);

 private:
  std::shared_ptr<TableSchema> load(const std::string& name);

  DynamoClient& client_;
  int sample_size_;
  bool infer_dates_;
  SamplePageReader read_sample_page_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const TableSchema>> tables_;
};

}  // namespace dynamosql

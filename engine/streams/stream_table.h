// The stream virtual table: every table with an enabled stream also appears as `streams.<table>`,
// one row per change record, with the columns
//   event_id, event_name (INSERT/MODIFY/REMOVE), sequence_number (exact DECIMAL),
//   approximate_creation_time (TIMESTAMP, UTC), shard_id, parent_shard_id, stream_view_type,
//   size_bytes, keys, new_image, old_image (documents: new_image.status, old_image.price),
//   user_identity (TTL deletions: {"type": "Service", "principal_id": "dynamodb.amazonaws.com"}),
// and the table's key attributes as plain columns.
//
// StreamSource reads it through a StreamReader; a SELECT is a bounded snapshot of what the stream holds
// now, unless the session follows (SET stream_follow = true, or the console's --follow).
#pragma once

#include <memory>

#include "catalog/catalog.h"
#include "checkpoint/checkpoint_store.h"
#include "exec/operator.h"
#include "streams/stream_reader.h"

namespace dynamosql {

struct StreamTableInfo {
  std::string table;
  std::string stream_arn;
  std::string view_type;
  std::vector<ColumnDef> key_columns;  // the key attributes that are columns of the stream table
};

// The stream of a table; Error 55000 when the table has no enabled stream.
StreamTableInfo stream_table_info(const TableSchema& base);
// The virtual table's columns: the record columns, then the key attributes (a key named like a
// record column is left out; it is still in `keys`).
std::vector<ColumnDef> stream_column_defs(const StreamTableInfo& info);
// One change record as a row of stream_column_defs().
Row stream_record_row(StreamRecord&& record, const StreamTableInfo& info, const std::string& shard_id,
                      const std::string& parent_shard_id);

struct StreamSourceOptions {
  StreamReadOptions read;
  std::string checkpoint;  // name, or empty
  CheckpointBackend checkpoint_store = CheckpointBackend::File;
};

class StreamSource : public Operator {
 public:
  StreamSource(StreamTableInfo info, StreamSourceOptions options);
  ~StreamSource() override;
  void open(ExecContext& ctx) override;
  bool next(RowBatch& batch) override;
  std::string describe(bool analyze) const override;

 private:
  StreamTableInfo info_;
  StreamSourceOptions options_;
  ExecContext* ctx_ = nullptr;
  std::unique_ptr<StreamApi> api_;
  std::unique_ptr<StreamReader> reader_;
  bool finished_ = false;
};

}  // namespace dynamosql

// Named checkpoints: where a long job stopped, so that the same job run again continues there instead
// of starting over. Stream reads keep their shard positions in them (SET stream_checkpoint), COPY FROM
// its input position (WITH (checkpoint = ...)), INSERT/UPSERT its scan position per segment
// (SET scan_checkpoint; see scan_progress.h).
//
// One name holds several entries, each a JSON object under a key ("copy:<table>", a stream ARN,
// "scan:..."). Two backends, chosen with SET checkpoint_store:
//   'file'      $DYNAMOSQL_CHECKPOINT_DIR/<name>.json (default ~/.dynamosql/checkpoints/), one file per
//               name, replaced atomically under a lock, so processes on one machine can share a name;
//   'dynamodb'  the table dynamosql_checkpoints (created on first save, on-demand billing) in the
//               session's DynamoDB: key (name, entry), the entry's JSON in `state`, its plain members
//               copied beside it as attributes (rows_written, done, ...), and `updated` and `host`.
//               Any machine that reaches the table can continue a job another machine started.
// An entry whose "done" member is true is final: saving over it changes nothing, so a late run of a
// finished job (a worker thought dead) cannot reopen it.
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <optional>
#include <string>

namespace dynamosql {

class DynamoClient;

enum class CheckpointBackend { File, Table };
inline constexpr const char* kCheckpointTable = "dynamosql_checkpoints";

// 'file' or 'dynamodb'; nullopt for anything else.
std::optional<CheckpointBackend> checkpoint_backend_named(const std::string& name);
const char* checkpoint_backend_name(CheckpointBackend backend);
// A checkpoint name is plain (not empty, no '/' or '\', no leading '.'): Error 22023 otherwise.
void check_checkpoint_name(const std::string& name);

class CheckpointStore {
 public:
  virtual ~CheckpointStore() = default;
  // The entry `key` under this name; an empty object when none is saved.
  virtual rapidjson::Document load_entry(const std::string& key) const = 0;
  // Replaces the entry whole, unless the saved one is done: then nothing changes and it returns false.
  virtual bool save_entry(const std::string& key, const rapidjson::Value& entry) const = 0;
  // Where the entries are kept, for messages.
  virtual std::string where() const = 0;
};

// The store of checkpoint `name` (checked with check_checkpoint_name). The table backend uses `client`,
// which must outlive the store.
std::unique_ptr<CheckpointStore> open_checkpoint_store(CheckpointBackend backend, const std::string& name, DynamoClient& client);
// The two backends, as open_checkpoint_store chooses them (file_store.cpp, table_store.cpp).
std::unique_ptr<CheckpointStore> open_file_checkpoint_store(const std::string& name);
std::unique_ptr<CheckpointStore> open_table_checkpoint_store(const std::string& name, DynamoClient& client);

}  // namespace dynamosql

// Named stream checkpoints, kept in local files: where a consumer stopped, per stream and shard, so
// that it can continue later without missing or repeating a record, across shard splits.
//
// SET stream_checkpoint = 'name' makes a session's stream reads start after the positions saved
// under `name` and save the new positions when a statement has read its stream to the end and
// completed (a SELECT fully fetched, an INSERT ... SELECT written, a transaction committed). A
// statement that fails or is cancelled saves nothing, so its records are read again next time.
//
// Files: $DYNAMOSQL_CHECKPOINT_DIR/<name>.json, else ~/.dynamosql/checkpoints/<name>.json, written
// atomically (a temporary file renamed over the old one). One file holds every stream read under
// the name, keyed by stream ARN: a re-created stream (new ARN) starts from its beginning. COPY FROM
// keeps its input position in the same files (see api/copy.cpp).
#pragma once

#include <rapidjson/document.h>

#include <string>

#include "streams/stream_reader.h"

namespace dynamosql {

class CheckpointStore {
 public:
  explicit CheckpointStore(std::string name);
  const std::string& path() const { return path_; }
  // The saved positions of one stream (empty when none are saved).
  StreamPositions load(const std::string& stream_arn) const;
  // Replaces the positions of one stream, keeping the other streams' entries.
  void save(const std::string& stream_arn, const StreamPositions& positions) const;

  // Other entries under the same name, e.g. COPY's input position under "copy:<table>": a JSON object
  // (an empty object when there is none), replaced whole by save_entry.
  rapidjson::Document load_entry(const std::string& key) const;
  void save_entry(const std::string& key, const rapidjson::Value& entry) const;

 private:
  std::string path_;
};

}  // namespace dynamosql

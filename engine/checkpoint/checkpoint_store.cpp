// Checkpoint names and the choice of backend; see checkpoint_store.h.
#include "checkpoint/checkpoint_store.h"

#include "dynamosql/error.h"

namespace dynamosql {

std::optional<CheckpointBackend> checkpoint_backend_named(const std::string& name) {
  if (name == "file") return CheckpointBackend::File;
  if (name == "dynamodb") return CheckpointBackend::Table;
  return std::nullopt;
}

const char* checkpoint_backend_name(CheckpointBackend backend) { return backend == CheckpointBackend::File ? "file" : "dynamodb"; }

void check_checkpoint_name(const std::string& name) {
  if (name.empty() || name.find_first_of("/\\") != std::string::npos || name[0] == '.')
    throw Error(sqlstate::kInvalidParameter, "checkpoint name '" + name + "' must be a plain name (no '/', no leading '.')");
}

std::unique_ptr<CheckpointStore> open_checkpoint_store(CheckpointBackend backend, const std::string& name, DynamoClient& client) {
  check_checkpoint_name(name);
  return backend == CheckpointBackend::File ? open_file_checkpoint_store(name) : open_table_checkpoint_store(name, client);
}

}  // namespace dynamosql

// Test helpers: where the DynamoDB Local started by the CTest fixture listens, a client for it, unique
// table names, and a scratch directory.
#pragma once

#include <memory>
#include <string>

#include "api/session.h"
#include "dynamo/dynamo_client.h"

namespace dynamosql::testing {

// From DYNAMOSQL_TEST_ENDPOINT, else the file DYNAMOSQL_TEST_STATE/endpoint the fixture wrote.
// Fails the test (throws) when neither is there: integration tests never run against a default address.
std::string local_endpoint();
ResolvedAws local_aws();
std::unique_ptr<DynamoClient> local_client(ClientOptions options = {});
// Engine session settings for that DynamoDB Local (any key; region us-east-1).
SessionSettings local_session_settings();
// "prefix_<pid>_<counter>_<random>": tables of concurrent test runs never collide.
std::string unique_name(const std::string& prefix);
// A fresh empty directory under /tmp, removed by the caller if it wants.
std::string scratch_dir();

}  // namespace dynamosql::testing

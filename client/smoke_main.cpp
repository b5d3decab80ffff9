// Interim first README command until the console lands: loads the sample data into the DynamoDB Local
// at $DYNAMOSQL_TEST_ENDPOINT and lists its tables.
#include <cstdlib>
#include <iostream>

#include "common/error.h"
#include "sample_data.h"

int main() {
  using namespace dynamosql;
  try {
    AwsSettings s;
    s.endpoint = std::getenv("DYNAMOSQL_TEST_ENDPOINT");
    s.region = "us-east-1";
    s.access_key_id = "local";
    s.secret_access_key = "local";
    DynamoClient client(resolve_aws(s));
    int n = load_sample_data(client);
    std::cout << "loaded " << n << " sample items\n";
    for (const auto& t : client.list_all_tables()) {
      auto d = client.describe_table(t);
      std::cout << t << "  (" << d.item_count << " items, key " << d.keys.partition_key
                << (d.keys.sort_key.empty() ? "" : ", " + d.keys.sort_key) << ")\n";
    }
  } catch (const Error& e) {
    std::cerr << e.describe() << "\n";
    return 1;
  }
}

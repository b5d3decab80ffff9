// libFuzzer target for the SQL parser: any input must parse or fail with dynamosql::Error, never crash,
// hang or leak. Build and run: see README ("Fuzzing the parser").
#include <cstddef>
#include <cstdint>
#include <string>

#include "dynamosql/error.h"
#include "sql/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string sql(reinterpret_cast<const char*>(data), size);
  try {
    dynamosql::parse_statement(sql);
  } catch (const dynamosql::Error&) {
  }
  dynamosql::split_statements(sql);
  return 0;
}

// Helpers shared by the write sinks (insert_sink, modify_sink, found_items): how rows become items,
// how a statement that stopped part-way reports what it wrote, and the sizes of their batches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dynamosql/error.h"
#include "exec/operator.h"

namespace dynamosql {
// The column of an INSERT ... VALUE row whose value is a document of the item's attributes.
inline constexpr const char* kDocumentColumn = "__document";
}  // namespace dynamosql

namespace dynamosql::write_support {

inline constexpr size_t kChunk = 1000;            // source rows written per round
inline constexpr int kWriters = 16;               // conditional single-item writes in flight
inline constexpr size_t kMaxReportedRows = 20;    // failed rows named in an error

// How the text of an `_other` value is read (the setting other_json): as plain JSON, or as DynamoDB JSON
// when it is that (every attribute typed, {"n":{"N":"1"}}) and as plain JSON otherwise.
enum class OtherJson { Plain, DynamoDbFirst };
OtherJson other_json_of(const std::string& setting);

// A row of the source query -> an item: MISSING values are left out; `_other` (NULL, a document or the
// text of a JSON object, as SELECT * returns it) adds its attributes, which no named column may repeat.
Item item_from_row(const Row& row, const std::vector<std::string>& names, OtherJson other_json = OtherJson::Plain);

// The error of a statement that stopped part-way, saying what it had already written, so no partial
// write is ever silent. `pending`: inside a transaction, where nothing was sent.
Error with_progress(const Error& e, int64_t done, const char* verb, bool pending);

// The engine's answer for a DynamoDB error of one row, for messages.
std::string row_reason(const Error& e);

}  // namespace dynamosql::write_support

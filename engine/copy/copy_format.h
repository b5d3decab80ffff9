// The record formats of COPY and how records become items and rows become records.
//
//   csv            a header line, then one record per row. A field's type comes from the COPY column
//                  list (COPY t (id NUMBER, tags JSON) FROM ...), else the table's key types and
//                  inferred schema, else it is a string. An unquoted empty field is an absent
//                  attribute; "" is an empty string. A column named _other holds a JSON object whose
//                  attributes are added to the item (SELECT * writes the attributes outside the
//                  inferred schema there).
//   jsonl          one plain JSON object per line; numbers stay exact; null is a stored NULL.
//   dynamodb_json  one item per line in typed AttributeValue JSON, as DynamoDB's S3 export writes it
//                  ({"Item": {"id": {"S": "a"}}}), or the bare item ({"id": {"S": "a"}}).
//
// Written records leave absent attributes out (CSV: an empty field), so NULL and absent survive a
// round trip through jsonl and dynamodb_json; CSV cannot tell them apart (both empty).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "copy/copy_file.h"
#include "copy/csv.h"
#include "dynamosql/value.h"
#include "exec/operator.h"

namespace dynamosql {

enum class CopyFormat { Csv, JsonLines, DynamoDbJson };

// "csv", "jsonl" (also "json", "ndjson"), "dynamodb_json" (also "ddb_json", "dynamodb").
std::optional<CopyFormat> copy_format_named(const std::string& name);
// By extension (ignoring ".gz"): .csv -> csv, .jsonl/.ndjson/.json -> jsonl; nullopt otherwise.
std::optional<CopyFormat> copy_format_for_path(const std::string& path);

// One input record: its text (a CSV record may span lines), first line number and byte offset.
struct InputRecord {
  std::string text;
  int64_t line = 0;
  uint64_t offset = 0;
  CsvFields csv;
  std::string error;  // a record that cannot even be split (an unterminated quote)
};

class RecordReader {
 public:
  RecordReader(InputFile& in, CopyFormat format, char delimiter) : in_(in), format_(format), delimiter_(delimiter) {}
  // The next record; blank lines are skipped. False at the end of the input.
  bool next(InputRecord& record);
  // Continues at `line` (1-based), at byte `offset` when the input can seek, else by reading lines.
  void resume_at(int64_t line, uint64_t offset);
  int64_t lines_read() const { return line_; }
  uint64_t offset() const { return in_.offset(); }

 private:
  InputFile& in_;
  CopyFormat format_;
  char delimiter_;
  int64_t line_ = 0;
  std::string buffer_;
};

// How a CSV field's text becomes a value.
enum class FieldType { String, Number, Boolean, Binary, Json, Other };
struct CsvColumn {
  std::string name;
  FieldType type = FieldType::String;
};
// VARCHAR/STRING/TEXT, NUMBER/DECIMAL/NUMERIC/INT/INTEGER/BIGINT/DOUBLE/FLOAT, BOOLEAN/BOOL,
// BINARY/VARBINARY/BLOB (base64), JSON/DOCUMENT/MAP/LIST; nullopt for anything else.
std::optional<FieldType> field_type_named(const std::string& sql_type);

// Each throws Error (22xxx) whose message is the reason, without the line number.
Item item_from_csv(const CsvFields& fields, const std::vector<CsvColumn>& columns);
Item item_from_json_line(std::string_view text);
Item item_from_dynamodb_json(std::string_view text);

// Rows of a result as records of one format.
class RowEncoder {
 public:
  RowEncoder(CopyFormat format, std::vector<std::string> names, char delimiter)
      : format_(format), names_(std::move(names)), delimiter_(delimiter) {}
  std::string header() const;  // the CSV header line; empty for the JSON formats
  void append(std::string& out, const Row& row) const;

 private:
  CopyFormat format_;
  std::vector<std::string> names_;
  char delimiter_;
};

}  // namespace dynamosql

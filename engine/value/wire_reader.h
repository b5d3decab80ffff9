// Reading DynamoDB's wire JSON ({"S": "x"}, {"M": {...}}, ...) from RapidJSON SAX events into Values,
// one event at a time. It is the one decoder of AttributeValues: the Scan/Query page reader replays the
// documents, lists and sets of its simdjson parse into it (scalars it decodes itself, with the helpers
// below), and value_from_wire()/item_from_wire() replay a RapidJSON document into it.
//
// Contract: feed the events of exactly one AttributeValue (or, for read_item(), one item object); each
// handler returns true; done() turns true when the value is complete, then take() hands it over and
// the reader can start again. Malformed input throws Error 22000 (22018 for a bad NS member).
#pragma once

#include <rapidjson/reader.h>

#include <string>
#include <string_view>
#include <vector>

#include "dynamosql/value.h"

namespace dynamosql {

// The type a descriptor ("S", "N", ... "BS") names; Missing for anything else.
ValueType wire_type(std::string_view descriptor);
// The Value of an AttributeValue of type S, N (checked) or B (base64) whose payload is `text`.
Value scalar_from_wire(ValueType type, std::string_view text);
// The Value of an AttributeValue of type BOOL or NULL whose payload is the boolean `b`.
Value boolean_from_wire(ValueType type, bool b);
// Error 22000 "malformed DynamoDB attribute value: <what>".
[[noreturn]] void throw_malformed(const std::string& what);
// The error for an AttributeValue of type `type` whose payload is the wrong kind of JSON.
[[noreturn]] void throw_wrong_payload(ValueType type);

class WireValueReader {
 public:
  // Starts reading one AttributeValue ({"S": ...}).
  void read_value();
  // Starts reading one item: an object of attribute name -> AttributeValue (what M holds).
  void read_item();
  bool done() const { return done_; }
  // The finished value (read_value) or item, sorted by name (read_item).
  Value take();
  Item take_item();

  // RapidJSON SAX handler interface.
  bool Null() { wrong_payload(); }
  bool Bool(bool b);
  bool Int(int) { wrong_payload(); }
  bool Uint(unsigned) { wrong_payload(); }
  bool Int64(int64_t) { wrong_payload(); }
  bool Uint64(uint64_t) { wrong_payload(); }
  bool Double(double) { wrong_payload(); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { wrong_payload(); }
  bool String(const char* s, rapidjson::SizeType n, bool copy);
  bool StartObject();
  bool Key(const char* s, rapidjson::SizeType n, bool copy);
  bool EndObject(rapidjson::SizeType members);
  bool StartArray();
  bool EndArray(rapidjson::SizeType elements);

 private:
  // What an open JSON object or array is, from the reader's point of view.
  enum class Kind : uint8_t {
    AttributeValue,  // {"TYPE": payload}: `type` is set once its key is seen, `value` once its payload is read
    MapPayload,      // the object M holds (or an item): name -> AttributeValue
    ListPayload,     // the array L holds
    SetPayload,      // the array of strings SS, NS or BS holds
  };
  struct Frame {
    Kind kind;
    ValueType type = ValueType::Missing;  // AttributeValue: its type once the key is read; SetPayload: the set
    bool has_value = false;
    Value value;
    std::string key;  // MapPayload: the name whose value is being read
    MapEntries entries;
    std::vector<Value> items;
    std::vector<std::string> members;
  };

  // Throws the error for a JSON value of the wrong kind where it stands.
  [[noreturn]] void wrong_payload() const;
  Frame& push(Kind kind);
  // The AttributeValue on top has its type key and waits for its payload.
  bool awaits_payload() const;
  // A finished value goes to the frame below: a list element, a map entry, or the result.
  void deliver(Value v);
  // A scalar payload of the AttributeValue on top.
  void set_scalar(Value v);

  std::vector<Frame> stack_;
  size_t depth_ = 0;  // frames in use; stack_ keeps its vectors between values
  bool item_mode_ = false;
  bool done_ = false;
  Value result_;
  Item item_;
};

}  // namespace dynamosql

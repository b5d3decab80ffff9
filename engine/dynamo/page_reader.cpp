// Scan and Query responses read with simdjson; see page_reader.h.
//
// Why simdjson (Debian's libsimdjson-dev) and not RapidJSON, which every other response uses: a scan's
// cost is parsing its pages. On a 2 MB dynoxide page of 13,566 items, RapidJSON's fastest reader (SAX,
// in place, SSE2) takes 0.37 us of CPU per item and simdjson's DOM parser, walk included, 0.12 us: a
// sixth of the 1.5 us a scanned row may cost from the wire to the console's CSV.
#include "dynamo/page_reader.h"

#include <simdjson.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "value/wire_reader.h"

namespace dynamosql {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Plays a parsed value to a RapidJSON-style SAX handler, as RapidJSON's Accept() does for its own
// documents: documents, lists and sets reach the one AttributeValue decoder this way.
template <typename Handler>
void replay(element e, Handler& handler) {
  switch (e.type()) {
    case element_type::OBJECT: {
      handler.StartObject();
      rapidjson::SizeType members = 0;
      for (auto [key, value] : simdjson::dom::object(e)) {
        handler.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()), true);
        replay(value, handler);
        ++members;
      }
      handler.EndObject(members);
      break;
    }
    case element_type::ARRAY: {
      handler.StartArray();
      rapidjson::SizeType elements = 0;
      for (element value : simdjson::dom::array(e)) {
        replay(value, handler);
        ++elements;
      }
      handler.EndArray(elements);
      break;
    }
    case element_type::STRING: {
      std::string_view s(e);
      handler.String(s.data(), static_cast<rapidjson::SizeType>(s.size()), true);
      break;
    }
    case element_type::INT64: handler.Int64(int64_t(e)); break;
    case element_type::UINT64: handler.Uint64(uint64_t(e)); break;
    case element_type::DOUBLE: handler.Double(double(e)); break;
    case element_type::BOOL: handler.Bool(bool(e)); break;
    case element_type::NULL_VALUE: handler.Null(); break;
  }
}

// Turns the items of a page into rows (through a layout) or Items.
class ItemReader {
 public:
  explicit ItemReader(const ItemLayout* layout) : layout_(layout) {}

  void read_items(element items, Page& page) {
    simdjson::dom::array list;
    if (items.get_array().get(list)) throw_malformed("Items is not an array");
    if (layout_) page.rows.reserve(list.size());
    else page.items.reserve(list.size());
    for (element item : list) {
      simdjson::dom::object attributes;
      if (item.get_object().get(attributes)) throw_malformed("item is not an object");
      if (layout_) page.rows.push_back(row_of(attributes));
      else page.items.push_back(item_of(attributes));
    }
  }

  Item read_item(element item) {
    value_reader_.read_item();
    replay(item, value_reader_);
    return value_reader_.take_item();
  }

 private:
  std::vector<Value> row_of(simdjson::dom::object attributes) {
    std::vector<Value> row(layout_->width());
    MapEntries other;
    for (auto [name, value] : attributes) {
      ItemLayout::Slot slot = layout_->slot(name);
      if (slot.wanted()) layout_->place(row, name, slot, value_of(value), other);
    }
    layout_->finish(row, std::move(other));
    return row;
  }

  Item item_of(simdjson::dom::object attributes) {
    Item item;
    item.reserve(attributes.size());
    for (auto [name, value] : attributes) item.emplace_back(std::string(name), value_of(value));
    normalise_item(item);
    return item;
  }

  // One AttributeValue: scalars decoded here, anything else by the WireValueReader.
  Value value_of(element e) {
    simdjson::dom::object o;
    if (e.get_object().get(o) || o.size() != 1) throw_malformed("expected one type key");
    auto [descriptor, payload] = *o.begin();
    ValueType type = wire_type(descriptor);
    switch (type) {
      case ValueType::String:
      case ValueType::Number:
      case ValueType::Binary: {
        std::string_view text;
        if (payload.get_string().get(text)) throw_wrong_payload(type);
        return scalar_from_wire(type, text);
      }
      case ValueType::Bool:
      case ValueType::Null: {
        bool b = false;
        if (payload.get_bool().get(b)) throw_wrong_payload(type);
        return boolean_from_wire(type, b);
      }
      default:
        value_reader_.read_value();
        replay(e, value_reader_);
        return value_reader_.take();
    }
  }

  const ItemLayout* layout_;
  WireValueReader value_reader_;
};

// CapacityUnits of a ConsumedCapacity: an object, or (BatchGetItem-style) an array of them.
double capacity_units(element capacity) {
  double total = 0;
  auto add = [&total](element c) {
    double units = 0;
    if (!c[std::string_view("CapacityUnits")].get_double().get(units)) total += units;
  };
  if (capacity.is_array())
    for (element c : simdjson::dom::array(capacity)) add(c);
  else if (capacity.is_object())
    add(capacity);
  return total;
}

int64_t integer_of(element e) {
  int64_t n = 0;
  return e.get_int64().get(n) ? 0 : n;
}

// The parsers of the process, at most one per core: a parser keeps buffers a few times the size of
// the largest page it read (megabytes), so eight scan segments waiting on the network must not hold
// eight of them. A thread borrows one for the time it takes to turn a page into rows.
class ParserPool {
 public:
  class Lease {
   public:
    explicit Lease(ParserPool& pool) : pool_(pool), parser_(pool.acquire()) {}
    ~Lease() { pool_.release(std::move(parser_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    simdjson::dom::parser& parser() { return *parser_; }

   private:
    ParserPool& pool_;
    std::unique_ptr<simdjson::dom::parser> parser_;
  };

  static ParserPool& instance() {
    static ParserPool pool(std::max(1u, std::thread::hardware_concurrency()));
    return pool;
  }

 private:
  explicit ParserPool(unsigned limit) : limit_(limit) {}

  std::unique_ptr<simdjson::dom::parser> acquire() {
    std::unique_lock<std::mutex> lock(mutex_);
    returned_.wait(lock, [&] { return !idle_.empty() || created_ < limit_; });
    if (idle_.empty()) {
      ++created_;
      return std::make_unique<simdjson::dom::parser>();
    }
    auto parser = std::move(idle_.back());
    idle_.pop_back();
    return parser;
  }

  void release(std::unique_ptr<simdjson::dom::parser> parser) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(parser));
    returned_.notify_one();
  }

  const unsigned limit_;
  unsigned created_ = 0;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<simdjson::dom::parser>> idle_;
};

}  // namespace

bool read_page(std::string& body, const ItemLayout* layout, Page& page) {
  ParserPool::Lease lease(ParserPool::instance());
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  simdjson::dom::object response;
  if (lease.parser().parse(body.data(), body.size(), false).get_object().get(response)) return false;
  page = Page();
  ItemReader reader(layout);
  for (auto [key, value] : response) {
    if (key == "Items") reader.read_items(value, page);
    else if (key == "LastEvaluatedKey") page.last_evaluated_key = reader.read_item(value);
    else if (key == "Count") page.count = integer_of(value);
    else if (key == "ScannedCount") page.scanned_count = integer_of(value);
    else if (key == "ConsumedCapacity") page.consumed_capacity = capacity_units(value);
  }
  return true;
}

}  // namespace dynamosql

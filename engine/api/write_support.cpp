// Helpers shared by the write statements; see write_support.h.
#include "api/write_support.h"

#include "catalog/catalog.h"

namespace dynamosql::write_support {

void fail_at(const Position& p, const char* state, const std::string& message) {
  throw Error(state, message).at(p.line, p.column);
}

Item item_from_row(const Row& row, const std::vector<std::string>& names) {
  Item item;
  for (size_t i = 0; i < row.size(); ++i) {
    const Value& v = row[i];
    if (v.is_missing()) continue;
    if (names[i] == kOtherColumn || names[i] == "__document") {
      if (v.type() != ValueType::Map)
        throw Error(sqlstate::kInvalidParameter, "INSERT ... VALUE needs documents ({'attribute': value, ...})");
      for (const auto& e : v.entries()) item.push_back(e);
      continue;
    }
    item.emplace_back(names[i], v);
  }
  normalise_item(item);
  return item;
}

Error with_progress(const Error& e, int64_t done, const char* verb, bool pending) {
  std::string note = pending ? "nothing was added to the transaction"
                     : done == 0 ? "nothing was written"
                                 : std::to_string(done) + (done == 1 ? " row was " : " rows were ") + verb +
                                       " before the failure; the rest were not";
  Error out(e.sqlstate(), std::string(e.what()) + "; " + note, e.aws_type());
  if (e.line() > 0) out.at(e.line(), e.column());
  out.with_details(e.details());
  return out;
}

std::string row_reason(const Error& e) { return e.sqlstate() + " " + e.what(); }

}  // namespace dynamosql::write_support

// Where the attributes of an item go in a row (a vector of Values): column i holds attributes[i]
// (Missing when the item lacks it); with `with_other`, one more, last column holds a Map of every
// attribute not in `known` (Missing when there is none) — SELECT *'s `_other`. Built once per read and
// shared by its threads; lookups hash the name, so a scan pays one probe per attribute, and attributes
// nobody reads are not decoded at all.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dynamosql/value.h"

namespace dynamosql {

class ItemLayout {
 public:
  ItemLayout(const std::vector<std::string>& attributes, bool with_other, const std::set<std::string>& known);

  // Where one attribute goes: its first column (-1: none) and whether `_other` holds it too.
  struct Slot {
    int column = -1;
    bool other = false;
    bool wanted() const { return column >= 0 || other; }
  };
  Slot slot(std::string_view attribute) const;

  size_t width() const { return attributes_.size() + (with_other_ ? 1 : 0); }
  // Puts the value of an attribute at its slot (`other` collects the entries for `_other`).
  void place(std::vector<Value>& row, std::string_view attribute, Slot slot, Value value, MapEntries& other) const;
  // Completes a row whose attributes are placed: repeated columns, then `_other`.
  void finish(std::vector<Value>& row, MapEntries&& other) const;
  // The row of a whole item.
  std::vector<Value> row_of(Item&& item) const;

 private:
  std::vector<std::string> attributes_;
  bool with_other_;
  // Open addressing: names_[i] and slots_[i] for each distinct name that is a column or known;
  // buckets_ holds i + 1 (0: empty), size a power of two at least twice the names.
  std::vector<std::string> names_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> buckets_;
  std::vector<std::pair<int, int>> repeats_;  // (from, to): a column that repeats an earlier one
};

}  // namespace dynamosql

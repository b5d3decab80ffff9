// Item-to-row placement; see item_layout.h.
#include "value/item_layout.h"

namespace dynamosql {
namespace {

uint32_t hash_name(std::string_view name) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (unsigned char c : name) h = (h ^ c) * 16777619u;
  return h;
}

}  // namespace

ItemLayout::ItemLayout(const std::vector<std::string>& attributes, bool with_other, const std::set<std::string>& known)
    : attributes_(attributes), with_other_(with_other) {
  names_.reserve(attributes_.size() + (with_other_ ? known.size() : 0));
  slots_.reserve(names_.capacity());
  auto index_of = [&](const std::string& name) {
    for (size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return static_cast<int>(i);
    names_.push_back(name);
    slots_.push_back({-1, with_other_});
    return static_cast<int>(names_.size() - 1);
  };
  for (size_t c = 0; c < attributes_.size(); ++c) {
    Slot& s = slots_[static_cast<size_t>(index_of(attributes_[c]))];
    if (s.column < 0) s.column = static_cast<int>(c);
    else repeats_.emplace_back(s.column, static_cast<int>(c));
  }
  if (with_other_)
    for (const auto& name : known) slots_[static_cast<size_t>(index_of(name))].other = false;
  size_t size = 8;
  while (size < 2 * names_.size()) size *= 2;
  buckets_.assign(size, 0);
  for (size_t i = 0; i < names_.size(); ++i) {
    size_t b = hash_name(names_[i]) & (size - 1);
    while (buckets_[b]) b = (b + 1) & (size - 1);
    buckets_[b] = static_cast<uint32_t>(i + 1);
  }
}

ItemLayout::Slot ItemLayout::slot(std::string_view attribute) const {
  size_t mask = buckets_.size() - 1;
  for (size_t b = hash_name(attribute) & mask; buckets_[b]; b = (b + 1) & mask) {
    size_t i = buckets_[b] - 1;
    if (names_[i] == attribute) return slots_[i];
  }
  return {-1, with_other_};  // neither a column nor known
}

void ItemLayout::place(std::vector<Value>& row, std::string_view attribute, Slot slot, Value value,
                      MapEntries& other) const {
  if (slot.other) {
    if (slot.column < 0) {
      other.emplace_back(std::string(attribute), std::move(value));
      return;
    }
    other.emplace_back(std::string(attribute), value);
  }
  if (slot.column >= 0) row[static_cast<size_t>(slot.column)] = std::move(value);
}

void ItemLayout::finish(std::vector<Value>& row, MapEntries&& other) const {
  for (const auto& [from, to] : repeats_) row[static_cast<size_t>(to)] = row[static_cast<size_t>(from)];
  if (with_other_ && !other.empty()) row.back() = Value::map(std::move(other));
}

std::vector<Value> ItemLayout::row_of(Item&& item) const {
  std::vector<Value> row(width());
  MapEntries other;
  for (auto& [name, value] : item) {
    Slot s = slot(name);
    if (s.wanted()) place(row, name, s, std::move(value), other);
  }
  finish(row, std::move(other));
  return row;
}

}  // namespace dynamosql

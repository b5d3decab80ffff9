// Rows in memory up to a budget, then in an unlinked temporary file; see row_store.h. Rows are
// encoded exactly by dynamosql/row_file.h.
#include "row_store.h"

namespace dynamosql::odbc {
namespace {

// Bytes a value takes in memory, roughly: the object, text past the small-string buffer, members.
size_t memory_size(const Value& v) {
  size_t size = sizeof(Value) + (v.text().size() > 15 ? v.text().capacity() : 0);
  switch (v.type()) {
    case ValueType::List:
    case ValueType::StringSet:
    case ValueType::NumberSet:
    case ValueType::BinarySet:
      size += 32;  // the shared vector
      for (const Value& item : v.items()) size += memory_size(item);
      break;
    case ValueType::Map:
      size += 32;
      for (const auto& [name, item] : v.entries()) size += sizeof(std::string) + name.capacity() + memory_size(item);
      break;
    default: break;
  }
  return size;
}

size_t memory_size(const Row& row) {
  size_t size = sizeof(Row);
  for (const Value& v : row) size += memory_size(v);
  return size;
}

}  // namespace

void RowStore::append(Row row) {
  if (spilled_ == 0) {
    const size_t size = memory_size(row);
    if (memory_used_ + size <= memory_budget_) {
      memory_used_ += size;
      in_memory_.push_back(std::move(row));
      return;
    }
  }
  spill(row);
}

void RowStore::spill(const Row& row) {
  encode_row(open_block_, row);
  const size_t open_block = block_offsets_.size();
  if (cached_block_ == open_block) cached_block_ = SIZE_MAX;
  if (++spilled_ % kRowsPerBlock == 0) write_open_block();
}

void RowStore::write_open_block() {
  if (!file_) file_ = std::make_unique<TemporaryFile>("", "static cursor");
  block_offsets_.push_back(file_->append(open_block_));
  open_block_.clear();
}

void RowStore::load_block(size_t block) {
  if (block == cached_block_) return;
  std::string bytes;
  if (block == block_offsets_.size()) {
    bytes = open_block_;
  } else {
    const uint64_t start = block_offsets_[block];
    const uint64_t end = block + 1 < block_offsets_.size() ? block_offsets_[block + 1] : file_->size();
    file_->read(start, end - start, bytes);
  }
  cached_rows_.clear();
  for (RowDecoder decoder(bytes.data(), bytes.size()); !decoder.done();) cached_rows_.push_back(decoder.row());
  cached_block_ = block;
}

void RowStore::get(size_t index, Row& row) {
  if (index < in_memory_.size()) {
    row = in_memory_[index];
    return;
  }
  const size_t spilled_index = index - in_memory_.size();
  load_block(spilled_index / kRowsPerBlock);
  row = cached_rows_[spilled_index % kRowsPerBlock];
}

}  // namespace dynamosql::odbc

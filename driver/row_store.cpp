// Rows in memory up to a budget, then in an unlinked temporary file; see row_store.h. Rows are
// encoded exactly (every Value type, Missing apart from NULL, numbers as their text) in a compact
// binary form: a type byte, then a length-prefixed text or a count of members.
#include "row_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "dynamosql/error.h"

namespace dynamosql::odbc {
namespace {

constexpr const char* kDiskFull = "53100";

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

void put_count(std::string& out, uint64_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

void put_text(std::string& out, const std::string& text) {
  put_count(out, text.size());
  out += text;
}

void encode(std::string& out, const Value& v) {
  out += static_cast<char>(v.type());
  switch (v.type()) {
    case ValueType::Missing:
    case ValueType::Null: break;
    case ValueType::Bool: out += v.as_bool() ? '\1' : '\0'; break;
    case ValueType::Number:
    case ValueType::String:
    case ValueType::Binary: put_text(out, v.text()); break;
    case ValueType::List:
    case ValueType::StringSet:
    case ValueType::NumberSet:
    case ValueType::BinarySet:
      put_count(out, v.items().size());
      for (const Value& item : v.items()) encode(out, item);
      break;
    case ValueType::Map:
      put_count(out, v.entries().size());
      for (const auto& [name, item] : v.entries()) {
        put_text(out, name);
        encode(out, item);
      }
      break;
  }
}

// Reads what encode() wrote, from `data` at `pos`.
class Decoder {
 public:
  Decoder(const char* data, size_t size) : data_(data), size_(size) {}
  bool done() const { return pos_ >= size_; }

  Row row() {
    Row row(count());
    for (Value& v : row) v = value();
    return row;
  }

 private:
  uint64_t count() {
    uint64_t n = 0;
    for (int shift = 0;; shift += 7) {
      const auto byte = static_cast<unsigned char>(data_[pos_++]);
      n |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return n;
    }
  }
  std::string text() {
    const size_t n = count();
    std::string s(data_ + pos_, n);
    pos_ += n;
    return s;
  }
  std::vector<Value> members() {
    std::vector<Value> items(count());
    for (Value& item : items) item = value();
    return items;
  }
  template <class T, class Convert>
  std::vector<T> member_texts(Convert convert) {
    std::vector<T> out;
    for (Value& member : members()) out.push_back(convert(member.text()));
    return out;
  }

  Value value() {
    const auto type = static_cast<ValueType>(data_[pos_++]);
    switch (type) {
      case ValueType::Missing: return Value::missing();
      case ValueType::Null: return Value::null();
      case ValueType::Bool: return Value::boolean(data_[pos_++] != 0);
      case ValueType::Number: return Value::number_text(text());
      case ValueType::String: return Value::string(text());
      case ValueType::Binary: return Value::binary(text());
      case ValueType::List: return Value::list(members());
      case ValueType::Map: {
        MapEntries entries(count());
        for (auto& [name, item] : entries) {
          name = text();
          item = value();
        }
        return Value::map(std::move(entries));
      }
      case ValueType::StringSet:
        return Value::string_set(member_texts<std::string>([](const std::string& s) { return s; }));
      case ValueType::NumberSet:
        return Value::number_set(member_texts<Number>([](const std::string& s) { return Number::from_text(s); }));
      case ValueType::BinarySet:
        return Value::binary_set(member_texts<std::string>([](const std::string& s) { return s; }));
    }
    throw Error(sqlstate::kGeneral, "static cursor: a row in its temporary file is damaged");
  }

  const char* data_;
  size_t size_;
  size_t pos_ = 0;
};

std::string temporary_directory() {
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

int create_unlinked_file() {
  std::string path = temporary_directory() + "/dynamosql-cursor-XXXXXX";
  const int fd = mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0)
    throw Error(kDiskFull, "static cursor: cannot create a temporary file in " + temporary_directory() + ": " +
                               std::strerror(errno));
  unlink(path.c_str());
  return fd;
}

// All of `bytes` at the end of the file (write(2) directly, so a full disk shows here, not later).
void write_fully(int fd, const std::string& bytes) {
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw Error(kDiskFull, "static cursor: cannot write its temporary file in " + temporary_directory() + ": " +
                                 std::strerror(n < 0 ? errno : ENOSPC));
    done += static_cast<size_t>(n);
  }
}

}  // namespace

RowStore::~RowStore() {
  if (file_ >= 0) close(file_);
}

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
  put_count(open_block_, row.size());
  for (const Value& v : row) encode(open_block_, v);
  const size_t open_block = block_offsets_.size();
  if (cached_block_ == open_block) cached_block_ = SIZE_MAX;
  if (++spilled_ % kRowsPerBlock == 0) write_open_block();
}

void RowStore::write_open_block() {
  if (file_ < 0) file_ = create_unlinked_file();
  write_fully(file_, open_block_);
  block_offsets_.push_back(file_size_);
  file_size_ += open_block_.size();
  open_block_.clear();
}

void RowStore::load_block(size_t block) {
  if (block == cached_block_) return;
  std::string bytes;
  if (block == block_offsets_.size()) {
    bytes = open_block_;
  } else {
    const uint64_t start = block_offsets_[block];
    const uint64_t end = block + 1 < block_offsets_.size() ? block_offsets_[block + 1] : file_size_;
    bytes.resize(end - start);
    if (pread(file_, bytes.data(), bytes.size(), static_cast<off_t>(start)) != static_cast<ssize_t>(bytes.size()))
      throw Error(sqlstate::kGeneral, std::string("static cursor: cannot read its temporary file: ") + std::strerror(errno));
  }
  cached_rows_.clear();
  for (Decoder decoder(bytes.data(), bytes.size()); !decoder.done();) cached_rows_.push_back(decoder.row());
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

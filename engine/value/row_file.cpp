// Rows in temporary files; see dynamosql/row_file.h. The encoding is compact: per value a type byte,
// then a length-prefixed text or a count of members; counts and lengths are base-128 varints.
#include "dynamosql/row_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

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

// An interval is a String that also carries its length (how it compares): a tag of its own, its text,
// then the length's 16 bytes, least significant first.
constexpr char kIntervalTag = 0x7f;
__extension__ typedef unsigned __int128 UnsignedLength;

void encode(std::string& out, const Value& v) {
  if (v.is_interval()) {
    out += kIntervalTag;
    put_text(out, v.text());
    auto length = static_cast<UnsignedLength>(v.interval_length());
    for (int i = 0; i < 16; ++i, length >>= 8) out += static_cast<char>(length & 0xff);
    return;
  }
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

Error damaged() { return Error(sqlstate::kGeneral, "a row in a temporary file is damaged"); }

std::string directory_or_default(const std::string& directory) {
  if (!directory.empty()) return directory;
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

}  // namespace

void encode_row(std::string& out, const Row& row) {
  put_count(out, row.size());
  for (const Value& v : row) encode(out, v);
}

Row RowDecoder::row() {
  Row row(count());
  for (Value& v : row) v = value();
  return row;
}

uint64_t RowDecoder::count() {
  uint64_t n = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= size_) throw damaged();
    const auto byte = static_cast<unsigned char>(data_[pos_++]);
    n |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return n;
  }
  throw damaged();
}

std::string RowDecoder::text() {
  const uint64_t n = count();
  if (n > size_ - pos_) throw damaged();
  std::string s(data_ + pos_, n);
  pos_ += n;
  return s;
}

std::vector<Value> RowDecoder::members() {
  const uint64_t n = count();
  if (n > size_ - pos_) throw damaged();  // every member takes a byte at least
  std::vector<Value> items(n);
  for (Value& item : items) item = value();
  return items;
}

Value RowDecoder::value() {
  if (pos_ >= size_) throw damaged();
  if (data_[pos_] == kIntervalTag) return interval();
  const auto type = static_cast<ValueType>(data_[pos_++]);
  switch (type) {
    case ValueType::Missing: return Value::missing();
    case ValueType::Null: return Value::null();
    case ValueType::Bool:
      if (pos_ >= size_) throw damaged();
      return Value::boolean(data_[pos_++] != 0);
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
    case ValueType::BinarySet: {
      std::vector<std::string> texts;
      for (Value& member : members()) texts.push_back(member.text());
      return type == ValueType::StringSet ? Value::string_set(std::move(texts)) : Value::binary_set(std::move(texts));
    }
    case ValueType::NumberSet: {
      std::vector<Number> numbers;
      for (Value& member : members()) numbers.push_back(Number::from_text(member.text()));
      return Value::number_set(std::move(numbers));
    }
  }
  throw damaged();
}

Value RowDecoder::interval() {
  pos_++;
  std::string spelled = text();
  if (size_ - pos_ < 16) throw damaged();
  UnsignedLength length = 0;
  for (int i = 15; i >= 0; --i) length = (length << 8) | static_cast<unsigned char>(data_[pos_ + static_cast<size_t>(i)]);
  pos_ += 16;
  return Value::interval(std::move(spelled), static_cast<IntervalLength>(length));
}

TemporaryFile::TemporaryFile(const std::string& directory, std::string owner)
    : directory_(directory_or_default(directory)), owner_(std::move(owner)) {
  std::string name = "dynamosql-" + owner_ + "-XXXXXX";
  for (char& c : name)
    if (c == ' ') c = '-';
  std::string path = directory_ + "/" + name;
  fd_ = mkostemp(path.data(), O_CLOEXEC);  // mode 0600
  if (fd_ < 0)
    throw Error(kDiskFullState, owner_ + ": cannot create a temporary file in " + directory_ + ": " + std::strerror(errno));
  unlink(path.c_str());
}

TemporaryFile::~TemporaryFile() {
  if (fd_ >= 0) close(fd_);
}

uint64_t TemporaryFile::append(const std::string& bytes) {
  const uint64_t start = size_;
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t n = pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(size_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw Error(kDiskFullState, owner_ + ": cannot write its temporary file in " + directory_ + ": " +
                                      std::strerror(n < 0 ? errno : ENOSPC));
    done += static_cast<size_t>(n);
  }
  size_ += bytes.size();
  return start;
}

void TemporaryFile::read(uint64_t offset, size_t size, std::string& out) const {
  out.resize(size);
  for (size_t done = 0; done < size;) {
    const ssize_t n = pread(fd_, out.data() + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw Error(sqlstate::kGeneral, owner_ + ": cannot read its temporary file: " + std::strerror(n < 0 ? errno : EIO));
    done += static_cast<size_t>(n);
  }
}

}  // namespace dynamosql

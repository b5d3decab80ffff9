// Plain, standard-stream and gzip files for COPY; see copy_file.h.
#include "copy/copy_file.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

bool is_gzip(const std::string& path) { return path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0; }

class StdioInput : public InputFile {
 public:
  StdioInput(FILE* f, bool owned, std::optional<uint64_t> size) : f_(f), owned_(owned), size_(size) {
    if (owned_) setvbuf(f_, nullptr, _IOFBF, 1 << 20);
  }
  ~StdioInput() override {
    free(buf_);
    if (owned_) fclose(f_);
  }
  bool read_line(std::string& line) override {
    ssize_t n = getline(&buf_, &cap_, f_);
    if (n < 0) {
      if (ferror(f_)) throw Error("58030", std::string("reading the input failed: ") + std::strerror(errno));
      return false;
    }
    line.assign(buf_, static_cast<size_t>(n));
    offset_ += static_cast<uint64_t>(n);
    return true;
  }
  bool can_seek() const override { return owned_ && size_.has_value(); }
  void seek(uint64_t offset) override {
    if (fseeko(f_, static_cast<off_t>(offset), SEEK_SET) != 0) throw Error("58030", "cannot seek in the input");
    offset_ = offset;
  }
  std::optional<double> fraction_read() const override {
    if (!size_ || *size_ == 0) return std::nullopt;
    return std::min(1.0, static_cast<double>(offset_) / static_cast<double>(*size_));
  }

 private:
  FILE* f_;
  bool owned_;
  std::optional<uint64_t> size_;
  char* buf_ = nullptr;
  size_t cap_ = 0;
};

class GzipInput : public InputFile {
 public:
  GzipInput(gzFile f, uint64_t compressed_size) : f_(f), size_(compressed_size) { gzbuffer(f_, 1 << 18); }
  ~GzipInput() override { gzclose(f_); }
  bool read_line(std::string& line) override {
    line.clear();
    char chunk[65536];
    for (;;) {
      if (!gzgets(f_, chunk, sizeof chunk)) {  // the end, or an error: which one only now
        int err = 0;
        const char* msg = gzerror(f_, &err);
        // Z_BUF_ERROR: the file ended inside its compressed stream, as a download cut short does.
        if (err == Z_BUF_ERROR)
          throw Error("58030", "reading the gzip input failed: the file ends inside its compressed data (cut short?)");
        if (err != Z_OK) throw Error("58030", std::string("reading the gzip input failed: ") + msg);
        break;
      }
      size_t n = std::strlen(chunk);
      line.append(chunk, n);
      if (n > 0 && chunk[n - 1] == '\n') break;
    }
    offset_ += line.size();
    return !line.empty();
  }
  std::optional<double> fraction_read() const override {
    if (size_ == 0) return std::nullopt;
    return std::min(1.0, static_cast<double>(gzoffset(f_)) / static_cast<double>(size_));
  }

 private:
  gzFile f_;
  uint64_t size_;
};

class StdoutOutput : public OutputFile {
 public:
  void write(const std::string& text) override {
    if (fwrite(text.data(), 1, text.size(), stdout) != text.size()) throw Error("58030", "writing standard output failed");
  }
  void commit() override { fflush(stdout); }
};

// Writes `path`.tmp.<pid> and renames it over `path` at commit.
class FileOutput : public OutputFile {
 public:
  explicit FileOutput(std::string path) : path_(std::move(path)), tmp_(path_ + ".tmp." + std::to_string(::getpid())) {
    if (is_gzip(path_)) {
      gz_ = gzopen(tmp_.c_str(), "wb6");
      if (!gz_) throw_io_error("cannot create", tmp_);
    } else {
      f_ = fopen(tmp_.c_str(), "wb");
      if (!f_) throw_io_error("cannot create", tmp_);
      setvbuf(f_, nullptr, _IOFBF, 1 << 20);
    }
  }
  ~FileOutput() override {
    if (committed_) return;
    if (f_) fclose(f_);
    if (gz_) gzclose(gz_);
    ::unlink(tmp_.c_str());
  }
  void write(const std::string& text) override {
    if (text.empty()) return;
    bool ok = f_ ? fwrite(text.data(), 1, text.size(), f_) == text.size()
                 : gzwrite(gz_, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size());
    if (!ok) throw_io_error("cannot write", tmp_);
  }
  void commit() override {
    bool ok = f_ ? fclose(f_) == 0 : gzclose(gz_) == Z_OK;
    f_ = nullptr;
    gz_ = nullptr;
    if (!ok) throw_io_error("cannot write", tmp_);
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) throw_io_error("cannot rename the output into place:", path_);
    committed_ = true;
  }

 private:
  std::string path_, tmp_;
  FILE* f_ = nullptr;
  gzFile gz_ = nullptr;
  bool committed_ = false;
};

}  // namespace

void throw_io_error(const std::string& what, const std::string& path) {
  throw Error("58030", what + " '" + path + "': " + std::strerror(errno));
}

void InputFile::seek(uint64_t) { throw Error(sqlstate::kGeneral, "internal error: this input cannot seek"); }

std::unique_ptr<InputFile> InputFile::open(const std::string& path) {
  if (path == "-") return std::make_unique<StdioInput>(stdin, false, std::nullopt);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw_io_error("cannot open", path);
  if (S_ISDIR(st.st_mode)) throw Error("58030", "cannot open '" + path + "': it is a directory");
  if (is_gzip(path)) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) throw_io_error("cannot open", path);
    return std::make_unique<GzipInput>(f, static_cast<uint64_t>(st.st_size));
  }
  FILE* f = fopen(path.c_str(), "rb");
  if (!f) throw_io_error("cannot open", path);
  std::optional<uint64_t> size;
  if (S_ISREG(st.st_mode)) size = static_cast<uint64_t>(st.st_size);
  return std::make_unique<StdioInput>(f, true, size);
}

std::unique_ptr<OutputFile> OutputFile::open(const std::string& path) {
  if (path == "-") return std::make_unique<StdoutOutput>();
  return std::make_unique<FileOutput>(path);
}

}  // namespace dynamosql

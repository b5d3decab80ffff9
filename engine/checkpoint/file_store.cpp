// Checkpoints in local files: $DYNAMOSQL_CHECKPOINT_DIR/<name>.json (default ~/.dynamosql/checkpoints/),
// one JSON object per name holding every entry by key. A save reads the file, replaces one entry and
// renames a temporary file over it, under an exclusive flock on <name>.json.lock, so concurrent
// processes saving different entries of one name (segments of one job) never lose each other's.
#include <fcntl.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "checkpoint/checkpoint_store.h"
#include "dynamosql/error.h"

namespace dynamosql {
namespace {

std::string checkpoint_dir() {
  if (const char* dir = std::getenv("DYNAMOSQL_CHECKPOINT_DIR"); dir && *dir) return dir;
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.dynamosql/checkpoints";
}

void make_dirs(const std::string& dir) {
  for (size_t i = 1; i <= dir.size(); ++i) {
    if (i == dir.size() || dir[i] == '/') {
      std::string part = dir.substr(0, i);
      if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST)
        throw Error(sqlstate::kGeneral, "cannot create the checkpoint directory " + part);
    }
  }
}

rapidjson::Document read_document(const std::string& path) {
  rapidjson::Document doc;
  std::ifstream in(path);
  if (!in) {
    doc.SetObject();
    return doc;
  }
  std::stringstream text;
  text << in.rdbuf();
  doc.Parse(text.str().c_str());
  if (doc.HasParseError() || !doc.IsObject())
    throw Error(sqlstate::kDataException, "the checkpoint file " + path + " is not valid JSON");
  return doc;
}

// Written to a temporary file and renamed over `path`, so a reader never sees half a file.
void write_document(const std::string& path, const rapidjson::Document& doc) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << buffer.GetString() << "\n";
    out.flush();
    if (!out) throw Error(sqlstate::kGeneral, "cannot write the checkpoint file " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw Error(sqlstate::kGeneral, "cannot replace the checkpoint file " + path);
}

bool is_done(const rapidjson::Value& entry) {
  return entry.IsObject() && entry.HasMember("done") && entry["done"].IsBool() && entry["done"].GetBool();
}

// An exclusive lock on `path`, held while alive.
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_ < 0) throw Error(sqlstate::kGeneral, "cannot open the checkpoint lock " + path);
    while (::flock(fd_, LOCK_EX) != 0)
      if (errno != EINTR) throw Error(sqlstate::kGeneral, "cannot lock " + path);
  }
  ~FileLock() { ::close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

class FileCheckpointStore : public CheckpointStore {
 public:
  explicit FileCheckpointStore(const std::string& name) : path_(checkpoint_dir() + "/" + name + ".json") {}

  rapidjson::Document load_entry(const std::string& key) const override {
    rapidjson::Document doc = read_document(path_);
    rapidjson::Document out;
    out.SetObject();
    auto entry = doc.FindMember(key.c_str());
    if (entry != doc.MemberEnd() && entry->value.IsObject()) out.CopyFrom(entry->value, out.GetAllocator());
    return out;
  }

  bool save_entry(const std::string& key, const rapidjson::Value& entry) const override {
    make_dirs(path_.substr(0, path_.rfind('/')));
    FileLock lock(path_ + ".lock");
    rapidjson::Document doc = read_document(path_);
    auto& alloc = doc.GetAllocator();
    auto old = doc.FindMember(key.c_str());
    if (old != doc.MemberEnd() && is_done(old->value)) return false;
    doc.RemoveMember(key.c_str());
    rapidjson::Value copy(entry, alloc);
    doc.AddMember(rapidjson::Value(key.c_str(), alloc), copy, alloc);
    write_document(path_, doc);
    return true;
  }

  std::string where() const override { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<CheckpointStore> open_file_checkpoint_store(const std::string& name) {
  return std::make_unique<FileCheckpointStore>(name);
}

}  // namespace dynamosql

// Stream checkpoints in local files; see checkpoint_store.h.
#include "streams/checkpoint_store.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

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

}  // namespace

CheckpointStore::CheckpointStore(std::string name) {
  if (name.empty() || name.find_first_of("/\\") != std::string::npos || name[0] == '.')
    throw Error(sqlstate::kInvalidParameter, "checkpoint name '" + name + "' must be a plain name (no '/', no leading '.')");
  path_ = checkpoint_dir() + "/" + name + ".json";
}

StreamPositions CheckpointStore::load(const std::string& stream_arn) const {
  StreamPositions out;
  rapidjson::Document doc = read_document(path_);
  auto stream = doc.FindMember(stream_arn.c_str());
  if (stream == doc.MemberEnd() || !stream->value.IsObject()) return out;
  for (auto& shard : stream->value.GetObject()) {
    if (!shard.value.IsObject()) continue;
    ShardPosition p;
    if (shard.value.HasMember("sequence_number") && shard.value["sequence_number"].IsString())
      p.sequence_number = shard.value["sequence_number"].GetString();
    p.done = shard.value.HasMember("done") && shard.value["done"].IsBool() && shard.value["done"].GetBool();
    out[shard.name.GetString()] = p;
  }
  return out;
}

void CheckpointStore::save(const std::string& stream_arn, const StreamPositions& positions) const {
  make_dirs(path_.substr(0, path_.rfind('/')));
  rapidjson::Document doc = read_document(path_);
  auto& alloc = doc.GetAllocator();
  rapidjson::Value shards(rapidjson::kObjectType);
  for (const auto& [shard_id, p] : positions) {
    rapidjson::Value entry(rapidjson::kObjectType);
    entry.AddMember("sequence_number", rapidjson::Value(p.sequence_number.c_str(), alloc), alloc);
    entry.AddMember("done", p.done, alloc);
    shards.AddMember(rapidjson::Value(shard_id.c_str(), alloc), entry, alloc);
  }
  doc.RemoveMember(stream_arn.c_str());
  doc.AddMember(rapidjson::Value(stream_arn.c_str(), alloc), shards, alloc);
  write_document(path_, doc);
}

rapidjson::Document CheckpointStore::load_entry(const std::string& key) const {
  rapidjson::Document doc = read_document(path_);
  rapidjson::Document out;
  out.SetObject();
  auto entry = doc.FindMember(key.c_str());
  if (entry != doc.MemberEnd() && entry->value.IsObject()) out.CopyFrom(entry->value, out.GetAllocator());
  return out;
}

void CheckpointStore::save_entry(const std::string& key, const rapidjson::Value& entry) const {
  make_dirs(path_.substr(0, path_.rfind('/')));
  rapidjson::Document doc = read_document(path_);
  auto& alloc = doc.GetAllocator();
  doc.RemoveMember(key.c_str());
  rapidjson::Value copy(entry, alloc);
  doc.AddMember(rapidjson::Value(key.c_str(), alloc), copy, alloc);
  write_document(path_, doc);
}

}  // namespace dynamosql

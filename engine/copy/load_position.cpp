// Where a COPY FROM stands; see load_position.h.
#include "copy/load_position.h"

#include <tuple>

#include "dynamosql/error.h"

namespace dynamosql {

CopyCheckpoint load_copy_checkpoint(const CheckpointStore& store, const std::string& key) {
  rapidjson::Document d = store.load_entry(key);
  CopyCheckpoint c;
  if (d.ObjectEmpty()) {
    c.line = 0;  // none saved
    return c;
  }
  auto text = [&](const char* k) { return d.HasMember(k) && d[k].IsString() ? std::string(d[k].GetString()) : std::string(); };
  auto num = [&](const char* k) { return d.HasMember(k) && d[k].IsInt64() ? d[k].GetInt64() : int64_t{0}; };
  c.source = text("source");
  c.line = num("line");
  c.offset = static_cast<uint64_t>(num("offset"));
  c.written = num("written");
  c.rejected = num("rejected");
  c.reject_bytes = static_cast<uint64_t>(num("reject_bytes"));
  c.reject_log_bytes = static_cast<uint64_t>(num("reject_log_bytes"));
  c.done = d.HasMember("done") && d["done"].IsBool() && d["done"].GetBool();
  if (c.line < 1) throw Error(sqlstate::kDataException, "the checkpoint " + store.where() + " has no valid COPY position");
  return c;
}

void save_copy_checkpoint(const CheckpointStore& store, const std::string& key, const CopyCheckpoint& c) {
  rapidjson::Document d;
  d.SetObject();
  auto& a = d.GetAllocator();
  d.AddMember("source", rapidjson::Value(c.source.c_str(), a), a);
  d.AddMember("line", c.line, a);
  d.AddMember("offset", static_cast<int64_t>(c.offset), a);
  d.AddMember("written", c.written, a);
  d.AddMember("rejected", c.rejected, a);
  d.AddMember("reject_bytes", static_cast<int64_t>(c.reject_bytes), a);
  d.AddMember("reject_log_bytes", static_cast<int64_t>(c.reject_log_bytes), a);
  d.AddMember("done", c.done, a);
  store.save_entry(key, d);
}


void LoadPosition::handed_to_writer(int64_t line, uint64_t offset) {
  pending_.emplace_back(line, offset);
  unsettled_.emplace_back(line, false);
}

CopyCheckpoint LoadPosition::settle(int64_t low_water, int64_t next_line, uint64_t next_offset, RejectFiles& rejects) {
  while (!pending_.empty() && pending_.front().first < low_water) pending_.pop_front();
  CopyCheckpoint cp = start_;
  if (pending_.empty()) {
    cp.line = next_line;
    cp.offset = next_offset;
  } else {
    cp.line = pending_.front().first;
    cp.offset = pending_.front().second;
  }
  // Records below the position are written or rejected for good.
  for (; !unsettled_.empty() && unsettled_.front().first < cp.line; unsettled_.pop_front())
    ++(unsettled_.front().second ? settled_rejected_ : settled_written_);
  for (auto it = refused_lines_.begin(); it != refused_lines_.end();) {
    if (*it >= cp.line) {
      ++it;
      continue;
    }
    --settled_written_, ++settled_rejected_;  // handed to the writer, refused by DynamoDB
    it = refused_lines_.erase(it);
  }
  cp.written = settled_written_;  // not the writes after the position, which a resume repeats
  cp.rejected = settled_rejected_;
  if (rejects.enabled()) std::tie(cp.reject_bytes, cp.reject_log_bytes) = rejects.sizes_before(cp.line);
  return cp;
}

}  // namespace dynamosql

// Shared executor plumbing: cancellation, progress, EXPLAIN tree printing, running a tree to its end.
#include "exec/operator.h"

#include <utility>

#include "dynamosql/error.h"
#include "value/item_size.h"

namespace dynamosql {

void ExecContext::check_cancelled() const {
  if (cancelled && cancelled->load()) throw Error(sqlstate::kOperationCanceled, "statement cancelled");
}

uint64_t ExecContext::row_bytes(const Row& row) {
  uint64_t bytes = sizeof(Row) + row.size() * sizeof(Value);
  for (const auto& v : row) bytes += value_size(v);
  return bytes;
}

bool ExecContext::fits(uint64_t bytes) const {
  return work_memory_budget == 0 || work_memory_used.load() + bytes <= work_memory_budget;
}

uint64_t ExecContext::hold_bytes(uint64_t bytes) {
  uint64_t used = work_memory_used += bytes;
  if (work_memory_budget > 0 && used > work_memory_budget)
    throw Error(sqlstate::kOutOfMemory, "this statement holds more than work_memory_mb = " +
                                            std::to_string(work_memory_budget >> 20) +
                                            " MB of rows (to sort, group, DISTINCT, compute window functions, join or keep a "
                                            "subquery's or WITH query's rows); "
                                            "narrow it, or SET work_memory_mb higher (0: no limit)");
  return bytes;
}

void ExecContext::use_temp_space(uint64_t bytes) {
  const uint64_t used = temp_file_used += bytes;
  if (temp_file_limit > 0 && used > temp_file_limit) {
    temp_file_used -= bytes;
    throw Error(sqlstate::kConfigurationLimitExceeded,
                "this statement's temporary files would pass temp_file_limit_mb = " + std::to_string(temp_file_limit >> 20) +
                    " MB (sorting, grouping or DISTINCT past work_memory_mb); narrow it, or SET temp_file_limit_mb higher (0: no limit)");
  }
}

void ExecContext::warn_once(const std::string& key, std::string message) {
  std::lock_guard<std::mutex> lock(warnings_mutex_);
  if (warned_.insert(key).second) warnings_.push_back(std::move(message));
}

std::vector<std::string> ExecContext::take_warnings() {
  std::lock_guard<std::mutex> lock(warnings_mutex_);
  return std::exchange(warnings_, {});
}

namespace {
thread_local ExecContext* current = nullptr;
}  // namespace

ExecContext* current_context() { return current; }
CurrentContextScope::CurrentContextScope(ExecContext* ctx) : previous_(current) { current = ctx; }
CurrentContextScope::~CurrentContextScope() { current = previous_; }

void ExecContext::report_page(const Page& page) {
  total_pages++;
  total_scanned += static_cast<uint64_t>(page.scanned_count ? page.scanned_count : page.count);
  if (progress) progress->on_page(total_scanned, total_pages);
}

static void explain_into(const Operator& op, bool analyze, int depth, std::vector<std::string>& out) {
  std::string line = std::string(depth * 2, ' ') + (depth ? "-> " : "") + op.describe(analyze);
  if (analyze) line += "  [rows=" + std::to_string(op.rows_out.load()) + "]";
  out.push_back(line);
  for (const auto* child : op.children()) explain_into(*child, analyze, depth + 1, out);
}

std::vector<std::string> explain_tree(const Operator& root, bool analyze) {
  std::vector<std::string> out;
  explain_into(root, analyze, 0, out);
  return out;
}

std::vector<Row> run_to_end(Operator& root, ExecContext& ctx) {
  std::vector<Row> rows;
  root.open(ctx);
  RowBatch batch;
  while (root.next(batch)) {
    for (auto& r : batch) {
      ctx.hold(r);
      rows.push_back(std::move(r));
    }
    batch.clear();
  }
  root.close();
  return rows;
}

bool has_rows(Operator& root, ExecContext& ctx) {
  root.open(ctx);
  RowBatch batch;
  bool found = false;
  while (!found && root.next(batch)) found = !batch.empty();
  root.close();
  return found;
}

}  // namespace dynamosql

// Read cost estimates; see read_estimate.h.
#include "exec/read_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dynamosql {

namespace {

constexpr double kUnitBytes = 4096;        // one read unit reads up to 4 KB (strongly consistent)
constexpr double kPageBytes = 1024 * 1024;  // a Scan or Query page stops at 1 MB
constexpr double kRangeSelectivity = 1.0 / 3;

double average_item_bytes(const ReadTarget& t) {
  return t.item_count > 0 ? static_cast<double>(t.size_bytes) / static_cast<double>(t.item_count) : 0;
}

double unit_factor(const ReadTarget& t) { return t.consistent ? 1.0 : 0.5; }

// Scan and Query: units for the bytes a sequence of pages reads (each page rounded up to 4 KB).
double paged_units(const ReadTarget& t, double bytes, double pages) {
  return std::max(std::ceil(bytes / kUnitBytes), pages) * unit_factor(t);
}

std::string grouped(double value) {
  std::string digits = std::to_string(static_cast<long long>(std::llround(value)));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string read_units_text(double read_units) {
  char units[32];
  if (read_units < 1000) std::snprintf(units, sizeof units, "%.1f", read_units);
  else std::snprintf(units, sizeof units, "%s", grouped(read_units).c_str());
  return std::string("~") + units + " RCU";
}

std::string ReadEstimate::text() const {
  std::string out = "est. ~" + grouped(items) + " items, " + read_units_text(read_units) + ", ~" + grouped(requests) + " requests";
  if (!stale.empty()) out += ", from stale figures (DescribeTable failed: " + stale + ")";
  return out;
}

ReadEstimate estimate_scan(const ReadTarget& t, int segments_read, int total_segments, int64_t item_limit) {
  double share = total_segments > 0 ? 1.0 / total_segments : 1.0;
  ReadEstimate e;
  e.stale = t.stale;
  e.items = static_cast<double>(t.item_count) * share;
  if (item_limit > 0) e.items = std::min(e.items, static_cast<double>(item_limit));
  double bytes = e.items * average_item_bytes(t);
  double workers = std::max(segments_read, 1);
  e.requests = std::max(workers, std::ceil(bytes / kPageBytes));
  e.read_units = paged_units(t, bytes, e.requests);
  return e;
}

ReadEstimate estimate_query(const ReadTarget& t, size_t partition_values, bool unique, bool narrowed, int64_t item_limit) {
  double per_value = unique ? 1.0 : std::max(1.0, t.items_per_partition * (narrowed ? kRangeSelectivity : 1.0));
  if (item_limit > 0) per_value = std::min(per_value, static_cast<double>(item_limit));
  const double values = static_cast<double>(partition_values);
  const double bytes_per_value = per_value * average_item_bytes(t);
  const double pages_per_value = std::max(1.0, std::ceil(bytes_per_value / kPageBytes));
  ReadEstimate e;
  e.stale = t.stale;
  e.items = per_value * values;
  e.requests = pages_per_value * values;
  e.read_units = paged_units(t, bytes_per_value, pages_per_value) * values;
  return e;
}

ReadEstimate estimate_lookup(const ReadTarget& t, double keys) {
  ReadEstimate e;
  e.stale = t.stale;
  e.items = keys;
  e.requests = keys <= 1 ? 1 : std::ceil(keys / 100);
  e.read_units = e.items * std::max(1.0, std::ceil(average_item_bytes(t) / kUnitBytes)) * unit_factor(t);
  return e;
}

}  // namespace dynamosql

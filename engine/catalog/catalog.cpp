// Schema inference from a sample of items; see catalog.h.
#include "catalog/catalog.h"

#include <algorithm>
#include <set>

#include "dynamosql/error.h"

namespace dynamosql {
namespace {

// Digits after the point of plain decimal text (what ODBC reports as scale); 0 for other values.
int scale_of(const Value& value) {
  if (value.type() != ValueType::Number) return 0;
  const std::string& text = value.text();
  size_t point = text.find('.');
  if (point == std::string::npos || text.find_first_of("eE") != std::string::npos) return 0;
  return static_cast<int>(text.size() - point - 1);
}

// The date form all sampled string values of an attribute share, while they do: a value in another
// form (or not a date) ends it for good.
struct DateFormTally {
  std::optional<StoredDateForm> form;
  bool mixed = false;
  void see(const Value& value) {
    if (mixed || value.type() != ValueType::String) return;
    auto f = stored_date_form_of(value.text());
    if (!f || (form && *form != *f)) {
      mixed = true;
      form.reset();
      return;
    }
    form = f;
  }
};

// A column of numbers holds dates written into it as epoch numbers in `unit`; other columns never.
std::optional<EpochUnit> epoch_unit_for(SqlType type, EpochUnit unit) {
  return type == SqlType::Decimal ? std::optional<EpochUnit>(unit) : std::nullopt;
}

// The unit of the larger numbers of the two.
EpochUnit wider_unit(EpochUnit a, EpochUnit b) { return a == EpochUnit::Milliseconds || b == EpochUnit::Milliseconds ? EpochUnit::Milliseconds : EpochUnit::Seconds; }

// What a sample of items says of each attribute: the types seen, the most decimals, the date form all
// its strings share, the unit of its numbers; and, per partition key attribute of the table and its
// indexes, how many items hold it and their distinct values (how many items share a key value).
struct SampleTally {
  SampleTally(const TableDescription& d, bool infer_dates) : infer_dates(infer_dates) {
    partition_values[d.keys.partition_key];
    for (const auto& index : d.indexes) partition_values[index.keys.partition_key];
  }

  // Scans up to `sample` items, a page at a time.
  void read(const std::string& table, int sample, const Catalog::SamplePageReader& read_page) {
    ScanRequest scan;
    scan.table = table;
    scan.limit = sample;
    do {
      Page page = read_page(scan);
      for (const auto& item : page.items) see(item);
      items += static_cast<int64_t>(page.items.size());
      scan.exclusive_start_key = page.last_evaluated_key;
      scan.limit = sample - items;
    } while (scan.exclusive_start_key && items < sample);
  }

  void see(const Item& item) {
    for (const auto& [attr, value] : item) {
      if (auto p = partition_values.find(attr); p != partition_values.end()) {
        p->second.first++;
        p->second.second.insert(value.text());
      }
      if (value.type() != ValueType::Null) seen[attr].insert(value.type());
      else seen[attr];
      int& scale = scales[attr];
      scale = std::max(scale, scale_of(value));
      if (infer_dates) date_forms[attr].see(value);
      if (value.type() == ValueType::Number) {
        auto [unit, first] = epoch_units.emplace(attr, epoch_unit_of(value));
        if (!first) unit->second = wider_unit(unit->second, epoch_unit_of(value));
      }
    }
  }

  std::map<std::string, double> items_per_partition() const {
    std::map<std::string, double> out;
    for (const auto& [key, values] : partition_values)
      if (!values.second.empty()) out[key] = static_cast<double>(values.first) / static_cast<double>(values.second.size());
    return out;
  }

  bool infer_dates;
  int64_t items = 0;
  std::map<std::string, std::set<ValueType>> seen;
  std::map<std::string, int> scales;
  std::map<std::string, DateFormTally> date_forms;
  std::map<std::string, EpochUnit> epoch_units;
  std::map<std::string, std::pair<int64_t, std::set<std::string>>> partition_values;
};

}  // namespace

EpochUnit epoch_unit_of(const Value& number) {
  static const Number kMillisecondSized = *Number::parse("100000000000");
  if (number.type() != ValueType::Number) return EpochUnit::Seconds;
  const Number& n = number.as_number();
  return (n.is_negative() ? -n : n) >= kMillisecondSized ? EpochUnit::Milliseconds : EpochUnit::Seconds;
}

const ColumnDef* TableSchema::find(const std::string& name) const {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

std::shared_ptr<const TableSchema> Catalog::table(const std::string& name) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = tables_.find(name);
    if (it != tables_.end()) return it->second;
  }
  auto schema = load(name);
  std::lock_guard<std::mutex> lock(mutex_);
  tables_[name] = schema;
  return schema;
}

std::vector<std::string> Catalog::table_names() { return client_.list_all_tables(); }

void Catalog::invalidate(const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);
  tables_.erase(name);
}

void Catalog::note_item(const std::string& name, const Item& item) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = tables_.find(name);
  if (it == tables_.end()) return;
  std::shared_ptr<TableSchema> updated;
  auto writable = [&]() -> TableSchema& {
    if (!updated) updated = std::make_shared<TableSchema>(*it->second);
    return *updated;
  };
  for (const auto& [attr, value] : item) {
    if (value.is_null_or_missing()) continue;
    SqlType type = sql_type_of(value.type());
    int scale = scale_of(value);
    const ColumnDef* known = (updated ? updated.get() : it->second.get())->find(attr);
    if (!known) {
      writable().columns.push_back({attr, type, false, false, scale, std::nullopt, epoch_unit_for(type, epoch_unit_of(value))});
      continue;
    }
    if (known->date_form && value.type() == ValueType::String) {
      if (stored_date_form_of(value.text())) continue;  // a date (a write may add fraction digits)
      for (auto& c : writable().columns)  // text that is not a date: the column is text again
        if (c.name == attr) c.type = SqlType::Varchar, c.date_form.reset();
      continue;
    }
    bool retype = known->type != type && !known->is_partition_key && !known->is_sort_key && known->type != SqlType::Json;
    bool wider = known->epoch_unit && *known->epoch_unit != wider_unit(*known->epoch_unit, epoch_unit_of(value));
    if (retype || scale > known->scale || wider) {
      for (auto& c : writable().columns) {
        if (c.name != attr) continue;
        if (retype) c.type = SqlType::Json, c.date_form.reset(), c.epoch_unit.reset();  // as a fresh sample would type it
        else if (wider) c.epoch_unit = EpochUnit::Milliseconds;
        c.scale = std::max(c.scale, scale);
      }
    }
  }
  if (!updated) return;
  // Keys first, the rest by name, as load() orders them.
  std::stable_sort(updated->columns.begin(), updated->columns.end(), [](const ColumnDef& a, const ColumnDef& b) {
    int ka = a.is_partition_key ? 0 : a.is_sort_key ? 1 : 2;
    int kb = b.is_partition_key ? 0 : b.is_sort_key ? 1 : 2;
    return ka != kb ? ka < kb : (ka == 2 && a.name < b.name);
  });
  it->second = updated;
}

bool Catalog::knows_column(const std::string& name, const std::string& attribute) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = tables_.find(name);
  return it == tables_.end() || it->second->find(attribute) != nullptr;
}

void Catalog::refresh_descriptions(const std::set<std::string>& names, std::chrono::steady_clock::time_point since) {
  for (const auto& name : names) {
    std::shared_ptr<const TableSchema> cached;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = tables_.find(name);
      if (it == tables_.end() || it->second->described_at >= since) continue;
      cached = it->second;
    }
    auto refreshed = std::make_shared<TableSchema>(*cached);
    try {
      refreshed->description = client_.describe_table(name);
      refreshed->described_at = std::chrono::steady_clock::now();
      refreshed->stale.clear();
    } catch (const Error& e) {
      if (e.aws_type() == "ResourceNotFoundException") {
        invalidate(name);  // dropped since: binding it again says so
        continue;
      }
      refreshed->stale = e.aws_type().empty() ? e.sqlstate() : e.aws_type();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = tables_.find(name);
    if (it == tables_.end() || it->second != cached) continue;  // changed meanwhile: keep the newer
    bool sampled_empty = cached->sampled_items == 0 && refreshed->description.item_count > 0 && sample_size_ > 0;
    if (refreshed->stale.empty() && sampled_empty) tables_.erase(it);  // sample it again (columns, items per partition)
    else it->second = std::move(refreshed);
  }
}

void Catalog::invalidate_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  tables_.clear();
}

void Catalog::set_sample_size(int n) {
  std::lock_guard<std::mutex> lock(mutex_);
  sample_size_ = n;
  tables_.clear();
}

void Catalog::set_infer_dates(bool on) {
  std::lock_guard<std::mutex> lock(mutex_);
  infer_dates_ = on;
  tables_.clear();
}

std::shared_ptr<TableSchema> Catalog::load(const std::string& name) {
  auto schema = std::make_shared<TableSchema>();
  try {
    schema->description = client_.describe_table(name);
    schema->described_at = std::chrono::steady_clock::now();
  } catch (const Error& e) {
    if (e.aws_type() == "ResourceNotFoundException")
      throw Error(sqlstate::kTableNotFound, "table \"" + name + "\" does not exist", e.aws_type());
    throw;
  }
  const auto& d = schema->description;
  auto key_type = [&](const std::string& attr) {
    std::string t = d.attribute_type(attr);
    return t == "N" ? SqlType::Decimal : t == "B" ? SqlType::Varbinary : SqlType::Varchar;
  };
  schema->columns.push_back({d.keys.partition_key, key_type(d.keys.partition_key), true, false, 0, std::nullopt, std::nullopt});
  if (!d.keys.sort_key.empty()) schema->columns.push_back({d.keys.sort_key, key_type(d.keys.sort_key), false, true, 0, std::nullopt, std::nullopt});

  SampleTally tally(d, infer_dates_);
  if (sample_size_ > 0) {
    SamplePageReader read_page = read_sample_page_;
    if (!read_page) read_page = [this](ScanRequest& scan) { return client_.scan(scan); };
    tally.read(name, sample_size_, read_page);
    schema->sampled_items = tally.items;
    schema->items_per_partition = tally.items_per_partition();
  }
  auto& seen = tally.seen;
  auto& scales = tally.scales;
  auto& date_forms = tally.date_forms;
  auto& epoch_units = tally.epoch_units;
  auto epoch_unit = [&](const std::string& attr, SqlType type) {
    auto it = epoch_units.find(attr);
    return epoch_unit_for(type, it == epoch_units.end() ? EpochUnit::Seconds : it->second);
  };
  for (auto& column : schema->columns) {
    column.scale = scales[column.name];
    column.epoch_unit = epoch_unit(column.name, column.type);
  }
  for (const auto& [attr, types] : seen) {
    if (attr == d.keys.partition_key || attr == d.keys.sort_key) continue;
    SqlType type = SqlType::Varchar;
    if (types.size() == 1) type = sql_type_of(*types.begin());
    else if (types.size() > 1) type = SqlType::Json;
    ColumnDef column{attr, type, false, false, scales[attr], std::nullopt, epoch_unit(attr, type)};
    // Key attributes of indexes stay VARCHAR, so their key conditions still go to DynamoDB exactly.
    if (type == SqlType::Varchar && date_forms[attr].form && d.attribute_type(attr).empty()) {
      column.date_form = date_forms[attr].form;
      column.type = column.date_form->type;
    }
    schema->columns.push_back(std::move(column));
  }
  return schema;
}

}  // namespace dynamosql

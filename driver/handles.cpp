// Handles and the registry; see handles.h.
#include "handles.h"

#include <atomic>
#include <cstdint>
#include <unordered_set>

namespace dynamosql::odbc {
namespace {

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

std::unordered_set<Handle*>& registry() {
  static std::unordered_set<Handle*> handles;
  return handles;
}

// Bumped whenever a handle is freed, so a thread's memory of the handle it last looked up (SQLGetData
// is called per column of every row) is trusted only while no handle has been freed since.
std::atomic<uint64_t> frees{0};

struct LastLookup {
  Handle* handle = nullptr;
  uint64_t frees = 0;
};
thread_local LastLookup last_lookup;

template <class T>
constexpr HandleType type_of();
template <>
constexpr HandleType type_of<Environment>() { return HandleType::Environment; }
template <>
constexpr HandleType type_of<Connection>() { return HandleType::Connection; }
template <>
constexpr HandleType type_of<Statement>() { return HandleType::Statement; }
template <>
constexpr HandleType type_of<Descriptor>() { return HandleType::Descriptor; }

}  // namespace

void register_handle(Handle* h) {
  std::lock_guard<std::mutex> lock(registry_mutex());
  registry().insert(h);
}

void unregister_handle(Handle* h) {
  std::lock_guard<std::mutex> lock(registry_mutex());
  registry().erase(h);
  ++frees;
}

template <class T>
T* lookup(void* raw) {
  if (!raw) return nullptr;
  // Handles are handed out as Handle*; the address is looked up before the object is touched, so a
  // stale or foreign pointer is never dereferenced.
  Handle* h = static_cast<Handle*>(raw);
  if (last_lookup.handle != h || last_lookup.frees != frees.load()) {
    std::lock_guard<std::mutex> lock(registry_mutex());
    if (registry().count(h) == 0) return nullptr;
    last_lookup = {h, frees.load()};
  }
  if constexpr (std::is_same<T, Handle>::value) return h;
  else return h->type() == type_of<T>() ? static_cast<T*>(h) : nullptr;
}

template Handle* lookup<Handle>(void*);
template Environment* lookup<Environment>(void*);
template Connection* lookup<Connection>(void*);
template Statement* lookup<Statement>(void*);
template Descriptor* lookup<Descriptor>(void*);

Session& Connection::require_session() {
  if (!session) throw Error("08003", "the connection is not open");
  return *session;
}

Statement::Statement(Connection* c) : Handle(HandleType::Statement), dbc(c) {
  for (Descriptor* d : {&app_row_desc, &app_param_desc, &imp_row_desc, &imp_param_desc}) register_handle(d);
}

Statement::~Statement() {
  for (Descriptor* d : {&app_row_desc, &app_param_desc, &imp_row_desc, &imp_param_desc}) unregister_handle(d);
}

const std::vector<ResultColumn>& Statement::result_columns() {
  if (result) return result->columns();
  if (state == State::Executed) {
    static const std::vector<ResultColumn> none;
    return none;
  }
  if (state == State::Prepared && prepared) {
    if (!prepared_columns_known) {
      prepared_columns = describe_engine_columns(prepared->describe_columns(), dbc->number_scale);
      prepared_columns_known = true;
    }
    return prepared_columns;
  }
  throw Error(sqlstate::kFunctionSequence, "no statement has been prepared or executed");
}

const ResultColumn& Statement::parameter_description(SQLUSMALLINT number) {
  if (prepared_parameters.empty())
    for (const ParameterDescription& p : prepared->describe_parameters())
      prepared_parameters.push_back(describe_parameter(p, dbc->number_scale));
  return prepared_parameters.at(number - 1u);
}

void Statement::open_cursor(std::unique_ptr<ResultSet> rows) {
  close_cursor();
  result = std::move(rows);
  if (cursor_type == SQL_CURSOR_STATIC) static_rows = std::make_unique<StaticCursor>(*result, max_rows, dbc->static_cursor_memory);
}

void Statement::close_cursor() {
  static_rows.reset();  // refers to `result`
  position = CursorPosition();
  result.reset();
  has_current = false;
  current.clear();
  getdata_column = 0;
  getdata_offset = 0;
  rows_returned = 0;
  if (state == State::Executed) state = prepared ? State::Prepared : State::Allocated;
}

}  // namespace dynamosql::odbc

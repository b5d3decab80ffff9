// The one place where engine errors become ODBC diagnostics. Every exported entry point runs its body
// through guarded(): the incoming handle is validated against the registry (SQL_INVALID_HANDLE if it
// is not a live handle of the expected type), its diagnostics are cleared, its mutex held, and any
// exception is caught and turned into a diagnostic record. Nothing escapes into the application.
#pragma once

#include <new>

#include "handles.h"

namespace dynamosql::odbc {

template <class T, class Body>
SQLRETURN guarded(void* raw, Body&& body, bool clear_diagnostics = true) noexcept {
  T* handle = lookup<T>(raw);
  if (!handle) return SQL_INVALID_HANDLE;
  try {
    std::lock_guard<std::recursive_mutex> lock(handle->mutex);
    try {
      if (clear_diagnostics) handle->diag.clear();
      SQLRETURN rc = body(*handle);
      if (clear_diagnostics) handle->diag.set_return_code(rc);
      return rc;
    } catch (const Error& e) {
      handle->diag.add(e);
    } catch (const std::bad_alloc&) {
      handle->diag.add("HY001", "memory allocation error");
    } catch (const std::exception& e) {
      handle->diag.add("HY000", std::string("internal error: ") + e.what());
    } catch (...) {
      handle->diag.add("HY000", "internal error");
    }
    handle->diag.set_return_code(SQL_ERROR);
    return SQL_ERROR;
  } catch (...) {
    return SQL_ERROR;  // the mutex could not be taken
  }
}

// For the diagnostic functions themselves: they read the records and must not clear them.
template <class T, class Body>
SQLRETURN inspect(void* raw, Body&& body) noexcept {
  return guarded<T>(raw, std::forward<Body>(body), false);
}

}  // namespace dynamosql::odbc

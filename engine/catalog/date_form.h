// The fixed ISO 8601 forms in which an inferred DATE or TIMESTAMP column holds its values (catalog.h
// types a string attribute so when every sampled value has one and the same of them): `YYYY-MM-DD`,
// or `YYYY-MM-DDTHH:MM:SS` (a space for the T) with a fixed number of fraction digits and an optional
// `Z`. Every field is zero-padded to a fixed width and the zone is UTC, so the byte order of texts in
// one form is their order in time. Writes store dates in the form the column holds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dynamosql/sql_type.h"
#include "value/datetime.h"

namespace dynamosql {

struct StoredDateForm {
  SqlType type = SqlType::Date;  // DATE (YYYY-MM-DD alone) or TIMESTAMP
  char separator = 'T';          // TIMESTAMP: 'T' or ' '
  int fraction_digits = 0;       // TIMESTAMP: digits after the seconds' point, 0 for none
  bool zulu = false;             // TIMESTAMP: a trailing Z
  bool operator==(const StoredDateForm& o) const {
    return type == o.type && separator == o.separator && fraction_digits == o.fraction_digits && zulu == o.zulu;
  }
  bool operator!=(const StoredDateForm& o) const { return !(*this == o); }
};

// The form `text` has, when it is a valid date or timestamp (a real day, hours 0-23) in one of them.
std::optional<StoredDateForm> stored_date_form_of(std::string_view text);
// `t` as text in `form` (DATE: its UTC day). A fraction of a second the form has too few digits for is
// kept, with as many digits as it needs: a write never loses part of a value.
std::string format_in_form(Timestamp t, const StoredDateForm& form);
// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS.fffZ": the form as people read it (EXPLAIN, messages).
std::string describe(const StoredDateForm& form);

}  // namespace dynamosql

// Formatting of Error for people: the console and logs print describe().
#include "dynamosql/error.h"

namespace dynamosql {

std::string Error::describe() const {
  std::string out = "ERROR " + sqlstate_ + ": " + what();
  if (line_ > 0) out += " (" + std::to_string(line_) + ":" + std::to_string(column_) + ")";
  for (const auto& d : details_) out += "\n  " + d;
  return out;
}

}  // namespace dynamosql

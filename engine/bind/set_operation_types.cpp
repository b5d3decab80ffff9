// The type check of UNION, INTERSECT and EXCEPT (and their ALL forms), as PostgreSQL's: column i of
// every term must be of one family of types (numbers; text; booleans; binary; DATE and TIMESTAMP; TIME;
// INTERVAL), else the statement fails with 42804 naming the column and the two types. So a number and
// a text never meet in one column, where they would never compare equal. Values the schema cannot
// type match anything: a NULL, a `?`, and a JSON column (an inferred attribute holding mixed types).
// So do, as text is what the table holds, a string literal and a DATE, TIME, TIMESTAMP or INTERVAL
// term (PostgreSQL reads the literal as that type), and an inferred DATE/TIMESTAMP column and text.
// VALUES rows of INSERT may mix types (each item is schemaless); they are not checked here.
#include "bind/binder.h"
#include "dynamosql/error.h"

namespace dynamosql {
namespace {

using Families = unsigned;
constexpr Families kNumber = 1, kText = 2, kBoolean = 4, kBinary = 8, kDateTime = 16, kTime = 32, kInterval = 64;
constexpr Families kAny = 127;

Families family_of(SqlType type) {
  switch (type) {
    case SqlType::Decimal:
    case SqlType::Bigint: return kNumber;
    case SqlType::Varchar: return kText;
    case SqlType::Boolean: return kBoolean;
    case SqlType::Varbinary: return kBinary;
    case SqlType::Date:
    case SqlType::Timestamp: return kDateTime;
    case SqlType::Time: return kTime;
    case SqlType::Interval: return kInterval;
    case SqlType::Json: return kAny;
  }
  return kAny;
}

// The families a term's output may join: its type's, widened for what the schema cannot type.
Families families_of(const BoundExpr& e) {
  if (is_null_literal(e) || e.kind == BoundKind::Parameter) return kAny;
  if (e.kind == BoundKind::Constant && e.type == SqlType::Varchar && e.type_name.empty()) return kText | kDateTime | kTime | kInterval;
  if (&column_below_inferred_date(e) != &e) return kDateTime | kText;
  return family_of(e.type);
}

struct TermColumn {
  Families families;
  SqlType type;
  Position position;
};

TermColumn term_column(const BoundQuery::Term& term, size_t i) {
  if (term.select) {
    const BoundExpr& e = *term.select->outputs[i];
    return {families_of(e), e.type, e.position};
  }
  SqlType type = query_output_columns(*term.nested).at(i).type;
  return {family_of(type), type, term.nested->position};
}

}  // namespace

void check_set_operation_types(const BoundQuery& q) {
  if (q.terms.size() < 2) return;
  size_t width = query_output_columns(q).size();
  for (size_t i = 0; i < width; ++i) {
    Families common = kAny;
    std::optional<SqlType> typed;  // the type of the term that last narrowed `common`, for the message
    for (const auto& term : q.terms) {
      TermColumn column = term_column(term, i);
      if ((common & column.families) == 0)
        fail_at(column.position, sqlstate::kDatatypeMismatch,
                std::string(set_operation_text(q.operation)) + " types " + sql_type_name(*typed) + " and " + sql_type_name(column.type) +
                    " cannot be matched (column " + std::to_string(i + 1) + "); CAST one of them to the other's type");
      if ((common & column.families) != common) typed = column.type;
      common &= column.families;
    }
  }
}

}  // namespace dynamosql

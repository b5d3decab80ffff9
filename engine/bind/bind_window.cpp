// Binding of window calls: f(...) OVER (PARTITION BY ... ORDER BY ... frame), OVER w and OVER (w ...)
// resolved against the SELECT's WINDOW clause, and the calls gathered into the SELECT's list of
// windows (BoundSelect::windows) once the select list and ORDER BY are bound; see binder.h.
#include "bind/binder.h"
#include "bind/parameter_types.h"
#include "dynamosql/error.h"

namespace dynamosql {

namespace {

constexpr const char* kWindowingError = "42P20";

[[noreturn]] void window_error(const Position& at, const std::string& message) { fail_at(at, kWindowingError, message); }

}  // namespace

// A window's clauses after OVER w / OVER (w ...) took what they copy from the WINDOW clause.
struct Binder::WindowClauses {
  const std::vector<ExprPtr>* partition_by = nullptr;
  const std::vector<OrderItem>* order_by = nullptr;
  const WindowFrame* frame = nullptr;
};

// SQL's copying rules: OVER w is w; OVER (w ORDER BY ... frame) keeps w's PARTITION BY, may add an
// ORDER BY only when w has none, and w may not have a frame. WINDOW definitions may build on earlier ones.
Binder::WindowClauses Binder::resolve_window(const WindowSpec& spec, size_t visible) const {
  WindowClauses out{&spec.partition_by, &spec.order_by, spec.frame ? &*spec.frame : nullptr};
  if (spec.base.empty()) return out;
  const NamedWindow* named = nullptr;
  size_t named_at = 0;
  if (scopes_.back().windows)
    for (size_t i = 0; i < scopes_.back().windows->size() && i < visible; ++i)
      if ((*scopes_.back().windows)[i].name == spec.base) named = &(*scopes_.back().windows)[i], named_at = i;
  if (!named) window_error(spec.position, "window \"" + spec.base + "\" does not exist");
  WindowClauses base = resolve_window(named->spec, named_at);
  bool whole = spec.partition_by.empty() && spec.order_by.empty() && !spec.frame;
  if (whole) return base;
  if (!spec.partition_by.empty()) window_error(spec.position, "cannot override PARTITION BY clause of window \"" + spec.base + "\"");
  if (!spec.order_by.empty() && !base.order_by->empty())
    window_error(spec.position, "cannot override ORDER BY clause of window \"" + spec.base + "\"");
  if (base.frame) window_error(spec.position, "cannot copy window \"" + spec.base + "\" because it has a frame clause");
  out.partition_by = base.partition_by;
  if (spec.order_by.empty()) out.order_by = base.order_by;
  return out;
}

// A window call: a window function (ROW_NUMBER, LAG, ...) or an aggregate over a window.
BoundExprPtr Binder::bind_window_call(const Expr& e) {
  const FunctionEntry* f = FunctionRegistry::instance().lookup(e.op);
  if (!f) fail_at(e.position, sqlstate::kSyntax, "unknown function " + e.op + "()");
  if (!f->is_window() && !f->is_aggregate())
    fail_at(e.position, sqlstate::kSyntax, "OVER specified, but " + e.op + "() is not a window function nor an aggregate function");
  if (e.star && !f->allows_star) fail_at(e.position, sqlstate::kSyntax, e.op + "(*) is not valid; only COUNT(*)");
  if (e.distinct) fail_at(e.position, sqlstate::kFeatureNotSupported, "DISTINCT is not supported in window functions");
  if (e.filter && !f->is_aggregate())
    fail_at(e.position, sqlstate::kFeatureNotSupported, "FILTER is not implemented for non-aggregate window functions");
  if (!e.order_by.empty() || f->within_group || f->sorts_argument)
    fail_at(e.position, sqlstate::kFeatureNotSupported, "ordered aggregates (ORDER BY inside, WITHIN GROUP, MEDIAN) are not supported with OVER");
  int n = static_cast<int>(e.children.size());
  int low = e.star ? 0 : f->min_arguments;
  int high = e.star ? 0 : f->max_arguments;
  if (n < low || n > high) fail_at(e.position, sqlstate::kSyntax, "wrong number of arguments to " + e.op + "()");

  auto b = std::make_unique<BoundExpr>();
  b->kind = BoundKind::WindowCall;
  b->position = e.position;
  b->text = e.text;
  b->function = f;
  b->star = e.star;
  auto shape = std::make_shared<CallClauses>();
  WindowClauses clauses = resolve_window(*e.window);
  for (const auto& c : e.children) b->children.push_back(bind_expr(*c));
  if (e.filter) filter_window_argument(*b, bind_expr(*e.filter));
  shape->arguments = b->children.size();
  for (const auto& p : *clauses.partition_by) b->children.push_back(bind_expr(*p));
  shape->partitions = clauses.partition_by->size();
  for (const auto& o : *clauses.order_by) {
    b->children.push_back(bind_expr(*o.expr));
    shape->descending.push_back(o.descending);
    shape->nulls_first.push_back(o.nulls_first.value_or(!o.descending));
  }
  if (clauses.frame) bind_frame(*clauses.frame, *shape, *b);
  for (const auto& c : b->children) {
    if (contains_kind(*c, BoundKind::WindowCall)) fail_at(c->position, kWindowingError, "window function calls cannot be nested");
  }
  b->clauses = std::move(shape);
  type_operands(*b);
  b->type = type_of(*b);
  return b;
}

// agg(x) FILTER (WHERE c) OVER (...) as agg(CASE WHEN c THEN x END) OVER (...): every aggregate skips
// NULL input, so the rows the filter rejects add nothing (COUNT(*) becomes COUNT(CASE WHEN c THEN 1 END)).
void Binder::filter_window_argument(BoundExpr& call, BoundExprPtr condition) {
  expect(*condition, parameter_of_type(SqlType::Boolean));
  if (call.star) {
    call.star = false;
    call.children.insert(call.children.begin(), make_constant(Value::number(Number(1)), call.position, "1"));
  }
  auto when = std::make_unique<BoundExpr>();
  when->kind = BoundKind::Case;
  when->position = call.children[0]->position;
  when->text = "CASE WHEN " + condition->text + " THEN " + call.children[0]->text + " END";
  when->children.push_back(std::move(condition));
  when->children.push_back(std::move(call.children[0]));
  when->type = type_of(*when);
  call.children[0] = std::move(when);
}

// ROWS | RANGE | GROUPS BETWEEN start AND end; offsets are numbers or `?`, checked when the window
// runs. RANGE with an offset measures along the one ORDER BY key.
void Binder::bind_frame(const WindowFrame& frame, CallClauses& shape, BoundExpr& bound) {
  shape.explicit_frame = true;
  shape.unit = frame.unit;
  shape.start = frame.start.kind;
  shape.end = frame.end.kind;
  bool offsets = false;
  for (const FrameBound* fb : {&frame.start, &frame.end}) {
    if (!fb->offset) continue;
    offsets = true;
    if (fb->offset->kind != ExprKind::Literal && fb->offset->kind != ExprKind::Parameter)
      fail_at(fb->offset->position, sqlstate::kFeatureNotSupported, "a frame offset must be a number or a parameter");
    bound.children.push_back(bind_expr(*fb->offset));
    expect(*bound.children.back(), parameter_of_type(SqlType::Decimal));
  }
  if (offsets && frame.unit == WindowFrame::Unit::Range && shape.order_keys() != 1)
    window_error(frame.position, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
  if (frame.unit == WindowFrame::Unit::Groups && shape.order_keys() == 0)
    window_error(frame.position, "GROUPS mode requires an ORDER BY clause");
}

// Window calls of the select list and ORDER BY -> WindowRefs into select.windows (one per distinct call).
void Binder::collect_windows(BoundSelect& select) {
  for (auto& e : select.outputs) e = window_refs(std::move(e), select);
  for (auto& key : select.order)
    if (key.expr) key.expr = window_refs(std::move(key.expr), select);
}

BoundExprPtr Binder::window_refs(BoundExprPtr e, BoundSelect& select) {
  if (e->kind != BoundKind::WindowCall) {
    for (auto& c : e->children)
      if (c) c = window_refs(std::move(c), select);
    return e;
  }
  size_t index = 0;
  while (index < select.windows.size() && !same_bound_expr(*select.windows[index], *e)) ++index;
  if (index == select.windows.size()) select.windows.push_back(e->clone());
  auto ref = std::make_unique<BoundExpr>();
  ref->kind = BoundKind::WindowRef;
  ref->index = static_cast<int>(index);
  ref->type = e->type;
  ref->text = e->text;
  ref->position = e->position;
  return ref;
}

}  // namespace dynamosql

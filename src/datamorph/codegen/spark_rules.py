"""A spec's SQL made right for Spark where sqlglot's translation would not run there.

Found by running every function a spec may call on a real Spark (tests/compile_battery.py):
- `date_add(date, INTERVAL ...)` becomes Spark's `DATE_ADD(date, INTERVAL ...)`, which takes
  a number of days only: the interval is added with `+`, as DuckDB means it;
- `quantile_cont(x, p)` and `quantile_disc(x, p)` become `PERCENTILE_CONT(x, p)`, which Spark
  does not take: the exact `percentile(x, p)` (linear interpolation, like quantile_cont) and
  `percentile_disc(p) WITHIN GROUP (ORDER BY x)`.
What cannot be made right is refused by dialect_check.py, naming the function.
"""

from __future__ import annotations

from sqlglot import exp

from datamorph.codegen.format_strings import printf_format


def adapt_for_spark(tree: exp.Expr) -> exp.Expr:
    """The same query, with DuckDB's semantics, in terms Spark runs."""
    return tree.transform(_adapt)


def _adapt(node: exp.Expr) -> exp.Expr:
    if isinstance(node, exp.Format):
        return printf_format(node, "spark")
    if isinstance(node, exp.DateAdd) and isinstance(node.expression, exp.Interval):
        return exp.paren(exp.Add(this=node.this.copy(), expression=node.expression.copy()))
    if isinstance(node, exp.PercentileCont) and node.expression is not None:
        return exp.Anonymous(this="PERCENTILE", expressions=[node.this.copy(), node.expression])
    if isinstance(node, exp.PercentileDisc) and node.expression is not None:
        order = exp.Order(expressions=[exp.Ordered(this=node.this.copy(), nulls_first=False)])
        call = exp.Anonymous(this="PERCENTILE_DISC", expressions=[node.expression.copy()])
        return exp.WithinGroup(this=call, expression=order)
    return node

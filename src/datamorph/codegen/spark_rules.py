"""A spec's SQL made right for Spark where sqlglot's translation would not run there, or would
run and mean something else.

Found by running every function a spec may call on a real Spark and comparing its values with
DuckDB's (tests/compile_battery.py):
- `date_add(date, INTERVAL ...)` becomes Spark's `DATE_ADD(date, INTERVAL ...)`, which takes
  a number of days only: the interval is added with `+`, as DuckDB means it;
- `quantile_cont(x, p)` and `quantile_disc(x, p)` become `PERCENTILE_CONT(x, p)`, which Spark
  does not take: the exact `percentile(x, p)` (linear interpolation, like quantile_cont) and
  `percentile_disc(p) WITHIN GROUP (ORDER BY x)`;
- `dayofweek` and `extract(dow ...)` count from Sunday = 0 in DuckDB, from 1 in Spark; sqlglot's
  `isodow` gives Sunday 2 (Spark's `weekday` + 1 is ISO's Monday = 1 ... Sunday = 7);
- `dayname` and `monthname` are 'Tuesday' and 'December' in DuckDB, 'Tue' and 'Dec' in Spark;
- `date_diff` counts the boundaries crossed in DuckDB (31 months from 2021-01-31 to 2023-08-01)
  and whole units in Spark (30): days, months, quarters and years are computed from the
  calendar fields; smaller or week units are refused;
- `skewness` and `kurtosis` are the sample's (bias-corrected) in DuckDB, the population's in
  Spark: corrected with the count;
- `regexp_replace` without 'g' replaces the first match in DuckDB and every match in Spark: it
  is refused unless the spec passes 'g' (other flags are refused too, Spark would drop them).
What cannot be made right is refused by dialect_check.py, naming the function.
"""

from __future__ import annotations

from sqlglot import exp

from datamorph.codegen.dialect_check import refused
from datamorph.codegen.format_strings import printf_format

_CALENDAR_UNITS = {"DAY", "MONTH", "QUARTER", "YEAR"}


def adapt_for_spark(tree: exp.Expr) -> exp.Expr:
    """The same query, with DuckDB's semantics, in terms Spark runs."""
    return tree.transform(_adapt)


def _adapt(node: exp.Expr) -> exp.Expr:
    if isinstance(node, exp.Format):
        return printf_format(node, "spark")
    if isinstance(node, exp.DateAdd) and isinstance(node.expression, exp.Interval):
        return exp.paren(exp.Add(this=node.this.copy(), expression=node.expression.copy()))
    if isinstance(node, exp.PercentileCont | exp.PercentileDisc):
        return _percentile(node)
    if isinstance(node, exp.DayOfWeek) or _extracts(node, "DOW"):
        day = node.this if isinstance(node, exp.DayOfWeek) else node.expression
        return exp.paren(exp.Sub(this=exp.DayOfWeek(this=day.copy()), expression=_one()))
    if isinstance(node, exp.DayOfWeekIso) or _extracts(node, "ISODOW"):
        day = node.this if isinstance(node, exp.DayOfWeekIso) else node.expression
        return exp.paren(exp.Add(this=_call("WEEKDAY", day), expression=_one()))
    if isinstance(node, exp.Dayname | exp.Monthname):
        pattern = "EEEE" if isinstance(node, exp.Dayname) else "MMMM"
        return _call("DATE_FORMAT", node.this, exp.Literal.string(pattern))
    if isinstance(node, exp.DateDiff):
        return _date_diff(node)
    if isinstance(node, exp.RegexpReplace):
        _require_global(node)
    if isinstance(node, exp.Skewness | exp.Kurtosis):
        return _sample_moment(node)
    return node


def _sample_moment(node: exp.Skewness | exp.Kurtosis) -> exp.Expr:
    """DuckDB's skewness and kurtosis are the sample's (bias-corrected), Spark's the
    population's: corrected with n = count(x), NULL below three (four) values as in DuckDB."""
    if isinstance(node.parent, exp.Window | exp.Filter):
        raise refused(
            "spark",
            f"{node.key}() over a window or with FILTER (Spark's is the "
            "population's, DuckDB's the sample's)",
        )
    population = node.copy()
    n = exp.Count(this=node.this.copy())

    def minus(k: int) -> exp.Expr:
        return exp.paren(exp.Sub(this=n.copy(), expression=exp.Literal.number(k)))

    if isinstance(node, exp.Skewness):  # G1 = g1 * sqrt(n (n - 1)) / (n - 2)
        root = exp.Sqrt(this=exp.Mul(this=n.copy(), expression=minus(1)))
        scaled = exp.Mul(this=population, expression=root)
        return exp.paren(
            exp.Div(
                this=scaled, expression=exp.Nullif(this=minus(2), expression=exp.Literal.number(0))
            )
        )
    # G2 = ((n + 1) g2 + 6) (n - 1) / ((n - 2) (n - 3))
    plus_one = exp.paren(exp.Add(this=n.copy(), expression=exp.Literal.number(1)))
    inner = exp.paren(
        exp.Add(
            this=exp.Mul(this=plus_one, expression=population), expression=exp.Literal.number(6)
        )
    )
    top = exp.Mul(this=inner, expression=minus(1))
    bottom = exp.Nullif(
        this=exp.Mul(this=minus(2), expression=minus(3)), expression=exp.Literal.number(0)
    )
    return exp.paren(exp.Div(this=top, expression=bottom))


def _percentile(node: exp.PercentileCont | exp.PercentileDisc) -> exp.Expr:
    if node.expression is None:  # already WITHIN GROUP: sqlglot's own rendering
        return node
    if isinstance(node, exp.PercentileCont):
        return _call("PERCENTILE", node.this, node.expression)
    order = exp.Order(expressions=[exp.Ordered(this=node.this.copy(), nulls_first=False)])
    return exp.WithinGroup(this=_call("PERCENTILE_DISC", node.expression), expression=order)


def _date_diff(node: exp.DateDiff) -> exp.Expr:
    """DuckDB's boundary count from the calendar fields (`this` is the end, as sqlglot reads
    `date_diff(unit, start, end)`)."""
    unit = (node.unit.name if node.unit is not None else "DAY").upper().rstrip("S")
    end, start = node.this, node.expression
    if unit not in _CALENDAR_UNITS:
        raise refused(
            "spark",
            f"date_diff() in {unit.lower()}s (DuckDB counts the boundaries crossed, Spark whole "
            f"{unit.lower()}s)",
            hint="use days, months, quarters or years, or run it on DuckDB",
        )
    if unit == "DAY":
        as_date = exp.DataType.Type.DATE
        return _call("DATEDIFF", exp.cast(end.copy(), as_date), exp.cast(start.copy(), as_date))
    years = exp.Sub(this=exp.Year(this=end.copy()), expression=exp.Year(this=start.copy()))
    if unit == "YEAR":
        return exp.paren(years)
    field, per_year = (exp.Month, 12) if unit == "MONTH" else (exp.Quarter, 4)
    within = exp.Sub(this=field(this=end.copy()), expression=field(this=start.copy()))
    scaled = exp.Mul(this=exp.paren(years), expression=exp.Literal.number(per_year))
    return exp.paren(exp.Add(this=scaled, expression=exp.paren(within)))


def _require_global(node: exp.RegexpReplace) -> None:
    modifiers = node.args.get("modifiers")
    flags = modifiers.this if isinstance(modifiers, exp.Literal) else None
    if flags != "g":
        raise refused(
            "spark",
            "regexp_replace() without the 'g' option (DuckDB replaces the first match, Spark "
            "every match; Spark takes no other options)",
            hint="pass 'g' to replace every match, or run it on DuckDB",
        )


def _extracts(node: exp.Expr, part: str) -> bool:
    return isinstance(node, exp.Extract) and node.this.name.upper() == part


def _call(name: str, *arguments: exp.Expr) -> exp.Anonymous:
    return exp.Anonymous(this=name, expressions=[a.copy() for a in arguments])


def _one() -> exp.Expr:
    return exp.Literal.number(1)

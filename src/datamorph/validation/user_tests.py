"""The tests a user declares in `spec.tests`, run in validation's phase 1 beside the checks
derived from the spec (`checks.py`), whatever those found.

Each test becomes a query of its FAILING rows against the table being validated, built with
sqlglot and rendered in the engine's dialect, identifiers quoted. The failing rows are counted
exactly (`SELECT count(*) FROM (failing) q`, never capped at the sample) and a sample of at most
MAX_SAMPLE_ROWS is kept; the test fails when the count is above 0. What fails, per type:

- unique: non-NULL values that occur more than once; with several columns, combinations with
  no NULL in them. A NULL is not a value here, as in a SQL UNIQUE constraint (not_null is the
  test that forbids it). `observed` is the number of duplicated values (keys, not rows); the
  message also says how many rows hold them.
- not_null: rows where the column is NULL; with several columns, where any of them is.
- accepted_values: rows whose value is not NULL and not in the list. A NULL in the list is
  ignored: `x NOT IN (..., NULL)` is never true and would let every row pass.
- relationships: rows whose non-NULL value has no match in `to`.`field`. `to` is a table of
  the same database (the spec's own target means the table being validated); a table the
  database does not have makes the test `error`, never a pass.
- expression_is_true: rows where `(expression) IS NOT TRUE`. Stricter than dbt, whose
  `WHERE NOT (expression)` lets a NULL result pass: here a NULL fails (write `coalesce(...)`
  where NULL is fine). The expression is a spec expression (DuckDB's SQL, output columns).
- row_count: the table's row count outside [min, max], both bounds inclusive; `observed` is
  the row count.
- freshness: max(column) older than now - max_age. "Now" is the end of the DATAMORPH_AS_OF day
  (the next midnight UTC) when set, for reruns and backfills, else the current UTC time; a
  timestamp without a time zone is read as UTC. An empty table, or a column with only NULLs,
  FAILS: it has no recent data. `observed` is the latest value.
- sql: a singular test: the user's SELECT, `{{ this }}` being the table being validated; the
  rows it returns are the failing rows. It must be one read-only SELECT calling only the
  functions a spec may (otherwise `error`, and refused before anything runs by the spec check).

A failing test of severity `warn` is reported as a warning and fails neither the report nor
the run (report.py). A test whose own query breaks is `error`: what it tests is not verified.
A column the test names that the output lacks: `skipped` when the spec has it (the schema check
already failed, and says so), else `error`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterator

from sqlglot import exp
from sqlglot.errors import SqlglotError

from datamorph.catalog import type_family
from datamorph.errors import DataMorphError, NotFoundError, UsageError, did_you_mean
from datamorph.spec import expressions as ex
from datamorph.spec.user_tests import UserTest
from datamorph.validation.context import Context, skipped
from datamorph.validation.report import MAX_SAMPLE_ROWS, CheckResult

KIND = "user_test"


def user_tests(ctx: Context) -> Iterator[CheckResult]:
    """One result per test, in the spec's order; one test breaking never hides the others."""
    for name, test in _named(ctx.spec.tests):
        started = time.perf_counter()
        try:
            result = _run(ctx, test, name)
        except (DataMorphError, SqlglotError, ValueError) as error:
            why = error.message if isinstance(error, DataMorphError) else str(error)
            result = CheckResult(
                name=name, kind=KIND, status="error", message=f"the test could not run: {why}"
            )
        result.severity = test.severity
        if result.is_warning:
            result.message += " (severity warn: reported, it does not fail the run)"
        result.seconds = round(time.perf_counter() - started, 4)
        yield result


def _named(tests: tuple[UserTest, ...]) -> Iterator[tuple[str, UserTest]]:
    """Each test's name in the report: "test: " and its label, so that it never clashes with a
    derived check; a repeated label is numbered, as phase 4.5 matches results by name."""
    seen: Counter[str] = Counter()
    for test in tests:
        base = f"test: {test.label}"
        seen[base] += 1
        yield (base if seen[base] == 1 else f"{base} ({seen[base]})"), test


def _run(ctx: Context, test: UserTest, name: str) -> CheckResult:
    tree = ex.parse_expression(test.expression) if test.expression else None
    named = [*test.columns, *(c.name for c in ex.columns_of(tree) if not c.table)] if tree else []
    gap = _missing(ctx, named or list(test.columns), name)
    if gap is not None:
        return gap
    table = exp.Table(this=exp.to_identifier(ctx.table, quoted=True))
    if test.type == "unique":
        return _unique(ctx, test, name, table)
    if test.type == "row_count":
        return _row_count(ctx, test, name, table)
    if test.type == "freshness":
        return _freshness(ctx, test, name, table)
    query, what = _failing_rows(ctx, test, table, tree)
    sql = query.sql(dialect=ctx.engine.dialect)
    count, sample = ctx.found(sql)
    return CheckResult(
        name=name,
        kind=KIND,
        status="fail" if count else "pass",
        observed=count,
        expected=0,
        sample_rows=sample,
        query=sql,
        message=f"{count:,} {_rows(count)} {what}{_shown(count)}" if count else f"no row {what}",
    )


def _missing(ctx: Context, named: list[str], name: str) -> CheckResult | None:
    """The result of a test whose column the output lacks, or None when it has them all."""
    have = {c.lower() for c in ctx.columns}
    missing = [c for c in named if c.lower() not in have]
    if not missing:
        return None
    if all(c.lower() in {o.lower() for o in ctx.outputs} for c in missing):
        return skipped(
            name, KIND, f"the output has no column '{missing[0]}': the schema check failed"
        )
    return CheckResult(
        name=name,
        kind=KIND,
        status="error",
        message=f"'{missing[0]}' is not an output column of the spec",
    )


def _column(ctx: Context, name: str) -> exp.Column:
    """The output's own spelling of a column, quoted (PostgreSQL folds unquoted names)."""
    actual = {c.lower(): c for c in ctx.columns}.get(name.lower(), name)
    return exp.column(actual, quoted=True)


def _failing_rows(
    ctx: Context, test: UserTest, table: exp.Table, tree: exp.Expr | None
) -> tuple[exp.Query, str]:
    """The query of the failing rows of a per-row test, and what is wrong with them."""
    rows = exp.select("*").from_(table)
    if test.type == "not_null":
        nulls = [exp.Is(this=_column(ctx, c), expression=exp.null()) for c in test.columns]
        return rows.where(exp.or_(*nulls)), f"with a NULL {' or '.join(test.columns)}"
    if test.type == "accepted_values":
        (column,) = test.columns
        known = [exp.convert(v) for v in test.values if v is not None]
        value = _column(ctx, column)
        outside = exp.not_(value.isin(*known)) if known else exp.true()
        listed = ", ".join(repr(v) for v in test.values[:5] if v is not None) or "nothing"
        return rows.where(exp.and_(value.is_(exp.null()).not_(), outside)), (
            f"with a {column} outside {listed}" + (", ..." if len(test.values) > 5 else "")
        )
    if test.type == "relationships":
        return _orphans(ctx, test, table)
    if test.type == "expression_is_true" and tree is not None:
        on_output = tree.transform(
            lambda node: (
                _column(ctx, node.name)
                if isinstance(node, exp.Column)
                and not node.table
                and node.name.lower() in _lower(ctx)
                else node
            )
        )
        holds = exp.Is(this=exp.Paren(this=on_output), expression=exp.true())
        return rows.where(exp.not_(holds)), f"where `{test.expression}` is not true"
    if test.type == "sql":
        try:
            return test.singular_query(ctx.table), "returned by the test's query"
        except UsageError as error:
            raise UsageError(f"the sql test was refused: {error.message}") from None
    raise ValueError(f"a {test.type} test has no query")  # the model's validator forbids it


def _lower(ctx: Context) -> set[str]:
    return {c.lower() for c in ctx.columns}


def _orphans(ctx: Context, test: UserTest, table: exp.Table) -> tuple[exp.Query, str]:
    """Rows whose value has no match in the table referred to; NULL refers to nothing."""
    (column,) = test.columns
    to, field = test.to or "", test.field or ""
    parent = _parent_table(ctx, to)
    probe = exp.select("*").from_(exp.to_identifier(parent, quoted=True)).limit(0)
    columns = ctx.engine.query(probe.sql(dialect=ctx.engine.dialect)).columns
    actual = {c.lower(): c for c in columns}
    if field.lower() not in actual:
        guess = did_you_mean(field, columns)
        raise NotFoundError(
            f"'{to}' has no column '{field}'" + (f"; did you mean '{guess}'?" if guess else "")
        )
    child = exp.column(_column(ctx, column).name, table="_dm_child", quoted=True)
    match = (
        exp.select("1")
        .from_(exp.Table(this=exp.to_identifier(parent, quoted=True), alias="_dm_parent"))
        .where(exp.column(actual[field.lower()], table="_dm_parent", quoted=True).eq(child))
    )
    query = (
        exp.select(exp.Star())
        .from_(table.copy().as_("_dm_child"))
        .where(exp.and_(child.is_(exp.null()).not_(), exp.not_(exp.Exists(this=match))))
    )
    return query, f"whose {column} is not in {to}.{field}"


def _parent_table(ctx: Context, to: str) -> str:
    """The table `to` names, as the database spells it; the spec's own target is the output
    being validated (its new rows, not the published ones)."""
    if to.lower() == ctx.spec.target_table.name.lower():
        return ctx.table
    listing = getattr(ctx.engine, "table_names", None)
    if not callable(listing):
        return to
    names: list[str] = list(listing())
    found = {n.lower(): n for n in names}
    if to.lower() not in found:
        guess = did_you_mean(to, names)
        raise NotFoundError(
            f"the table '{to}' the test refers to is not in the database"
            + (f"; did you mean '{guess}'?" if guess else "")
        )
    return found[to.lower()]


def _unique(ctx: Context, test: UserTest, name: str, table: exp.Table) -> CheckResult:
    columns = [_column(ctx, c) for c in test.columns]
    copies = exp.to_identifier("_dm_copies", quoted=True)
    duplicated = (
        exp.select(*columns, exp.alias_(exp.Count(this=exp.Star()), copies))
        .from_(table)
        .where(exp.and_(*(c.copy().is_(exp.null()).not_() for c in columns)))
        .group_by(*(c.copy() for c in columns))
        .having(exp.Count(this=exp.Star()) > 1)
    )
    sql = duplicated.sql(dialect=ctx.engine.dialect)
    sample = ctx.rows(sql)
    keys, rows = 0, 0
    if sample:  # counted, not the sample's length
        total = exp.select(
            exp.Count(this=exp.Star()), exp.Sum(this=exp.column(copies.copy()))
        ).from_(duplicated.subquery("_dm_dups"))
        ((keys, rows),) = ctx.q(total.sql(dialect=ctx.engine.dialect))
        keys, rows = int(keys), int(rows)
    what = ", ".join(test.columns)
    return CheckResult(
        name=name,
        kind=KIND,
        status="fail" if keys else "pass",
        observed=keys,
        expected=0,
        sample_rows=sample,
        query=sql,
        message=f"{keys:,} duplicated values of {what} (keys, not rows) over {rows:,} rows"
        f"{_shown(keys)}"
        if keys
        else f"every non-NULL {what} occurs once",
    )


def _row_count(ctx: Context, test: UserTest, name: str, table: exp.Table) -> CheckResult:
    counted = exp.select(exp.alias_(exp.Count(this=exp.Star()), "row_count", quoted=True))
    count_sql = counted.from_(table).sql(dialect=ctx.engine.dialect)
    n = exp.column("row_count", quoted=True)
    outside = [
        *([n.copy() < test.min] if test.min is not None else []),
        *([n.copy() > test.max] if test.max is not None else []),
    ]
    failing = (
        exp.select("*").from_(counted.from_(table).subquery("_dm_counted")).where(exp.or_(*outside))
    )
    sql = failing.sql(dialect=ctx.engine.dialect)
    sample = ctx.rows(sql)
    ((rows,),) = [tuple(sample[0].values())] if sample else ctx.q(count_sql)
    top = "no maximum" if test.max is None else f"{test.max:,}"
    expected = f"between {test.min or 0:,} and {top}"
    return CheckResult(
        name=name,
        kind=KIND,
        status="fail" if sample else "pass",
        observed=int(rows),
        expected=expected,
        sample_rows=sample,
        query=sql,
        message=f"the output has {int(rows):,} rows, not {expected}"
        if sample
        else f"{int(rows):,} rows",
    )


def _freshness(ctx: Context, test: UserTest, name: str, table: exp.Table) -> CheckResult:
    (column,) = test.columns
    kind = ctx.columns[{c.lower(): c for c in ctx.columns}[column.lower()]]
    upper = kind.upper()
    if (
        type_family(kind) != "temporal"
        or upper.startswith(("TIME ", "INTERVAL"))
        or upper == "TIME"
    ):
        raise UsageError(f"freshness needs a date or timestamp column; {column} is {kind}")
    cutoff = _now() - test.max_age_delta
    zoned = "TZ" in upper or "TIME ZONE" in upper
    text = cutoff.strftime("%Y-%m-%d %H:%M:%S") + ("+00:00" if zoned else "")
    bound = exp.cast(exp.Literal.string(text), "TIMESTAMPTZ" if zoned else "TIMESTAMP")
    latest = exp.column("latest", quoted=True)
    newest = exp.select(exp.alias_(exp.Max(this=_column(ctx, column)), "latest", quoted=True))
    failing = (
        exp.select("*")
        .from_(newest.from_(table).subquery("_dm_latest"))
        .where(exp.or_(latest.is_(exp.null()), latest.copy() < bound))
    )
    sql = failing.sql(dialect=ctx.engine.dialect)
    sample = ctx.rows(sql)
    if sample:
        value = sample[0]["latest"]
    else:
        ((value,),) = ctx.q(newest.from_(table).sql(dialect=ctx.engine.dialect))
    expected = f">= {cutoff:%Y-%m-%d %H:%M:%S} UTC (now - {test.max_age})"
    if not sample:
        message = f"the latest {column} is {value}"
    elif value is None:
        message = f"no {column} at all (an empty output has no recent data)"
    else:
        message = f"the latest {column} is {value}, older than {test.max_age}"
    return CheckResult(
        name=name,
        kind=KIND,
        status="fail" if sample else "pass",
        observed=None if value is None else str(value),
        expected=expected,
        sample_rows=sample,
        query=sql,
        message=message,
    )


def _now() -> dt.datetime:
    """The clock freshness reads: the end of the DATAMORPH_AS_OF day when set (its relative
    periods end on that day, so the day is over), else the current UTC time."""
    from datamorph.planning import as_of_date  # the one reader of DATAMORPH_AS_OF

    day = as_of_date()
    if day is None:
        return dt.datetime.now(dt.UTC)
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


def _rows(count: int) -> str:
    return "row" if count == 1 else "rows"


def _shown(count: int) -> str:
    return f" ({MAX_SAMPLE_ROWS} shown)" if count > MAX_SAMPLE_ROWS else ""

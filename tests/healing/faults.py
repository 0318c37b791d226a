"""Fault injections: realistic mistakes in a pipeline's CODE, for the self-healing suite.

Every fault takes the correct compiled SQL of a pipeline (`compile_sql(spec, catalog,
"duckdb")`) as a sqlglot tree plus a `FaultContext`, and returns the broken SQL text, or None
when the mistake does not apply (no join to misspell, no HAVING to drop, ...). The spec stays
correct: healing must bring the code back to what the spec asks for. The tree passed in is
never changed.

Two families:

- the code does not run (the engine refuses it): unknown_column (`o.amount` -> `o.amont`),
  unknown_table (`orders` -> `ordrs`), ambiguous_column (`c.customer_id` -> `customer_id` where
  two joined tables have it), unknown_function (`SUM` -> `SUMM`, `COALESCE` -> `COALESE`,
  `DATE_TRUNC` -> `DATE_TRUNCATE`, ...), syntax_error (a missing comma between select items, or
  `GROUP BY` -> `GROUP`), type_mismatch (a number compared with `'abc'`, a date with an int),
  misspelt_join_key (`o.customer_id` -> `o.custmer_id` in the ON);
- the code runs but the output is wrong: wrong_aggregate_column (`SUM(o.amount)` ->
  `SUM(o.discount)`), wrong_join_type (LEFT / RIGHT -> inner), missing_filter (a WHERE
  conjunct dropped), missing_having (the HAVING dropped), misnamed_output (`AS total_amount` ->
  `AS total_amt`).

`inject` applies every fault to a pipeline and keeps the broken SQL only when it behaves as its
family says on the real database (a refused query, or a different output): a LEFT join made
inner that loses no row is not a fault. `expected_rows` is the correct output a healed run is
compared with.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

from datamorph.catalog import Catalog, Column, type_family
from datamorph.codegen.sql import compile_sql
from datamorph.spec import Spec

DIALECT = "duckdb"


@dataclass
class FaultContext:
    name: str  # the pipeline's name (a stable seed for choosing between variants)
    spec: Spec
    catalog: Catalog
    sql: str  # the correct compiled SQL, as text

    @property
    def keys(self) -> list[str]:
        return list(self.spec.target_table.keys)


Fault = Callable[[exp.Select, FaultContext], str | None]


# ---- helpers ----------------------------------------------------------------------------------


def render(tree: exp.Expr) -> str:
    """The tree as the compiler writes it (pretty, DuckDB), so only the fault differs."""
    return tree.sql(dialect=DIALECT, pretty=True)


def parse(sql: str) -> exp.Select:
    tree = sqlglot.parse_one(sql, read=DIALECT)
    assert isinstance(tree, exp.Select), sql
    return tree


def source_aliases(select: exp.Select, catalog: Catalog) -> dict[str, str]:
    """Alias (or name) -> catalog table, for the FROM table and every joined table (CTEs and
    unknown tables are left out)."""
    tables = [select.args["from_"].this] if select.args.get("from_") else []
    tables += [join.this for join in select.args.get("joins") or []]
    return {
        t.alias_or_name.lower(): catalog.table(t.name).name
        for t in tables
        if isinstance(t, exp.Table) and catalog.has_table(t.name)
    }


def column_of(select: exp.Select, catalog: Catalog, column: exp.Column) -> Column | None:
    """The catalog column a qualified column reference reads."""
    table = source_aliases(select, catalog).get(column.table.lower()) if column.table else None
    if table is None:
        return None
    for candidate in catalog.table(table).columns:
        if candidate.name.lower() == column.name.lower():
            return candidate
    return None


def is_key_like(name: str) -> bool:
    return name.lower().endswith("_id")


def is_numeric(column: Column) -> bool:
    return type_family(column.type) == "numeric"


def in_join(node: exp.Expr) -> bool:
    return node.find_ancestor(exp.Join) is not None


def typo(name: str, taken: Sequence[str] = ()) -> str:
    """A plausible misspelling: a vowel of the first word dropped (`customer_id` ->
    `custmer_id`, `orders` -> `ordrs`), never a name in `taken`."""
    first, _, rest = name.partition("_")
    vowels = [i for i, ch in enumerate(first) if ch.lower() in "aeiou" and i > 0]
    middle = len(vowels) // 2  # the middle vowel first, then its neighbours
    order = sorted(range(len(vowels)), key=lambda n: abs(n - middle))
    candidates = [first[: vowels[n]] + first[vowels[n] + 1 :] for n in order if len(first) > 3]
    candidates += [first[:-2] + first[-1] + first[-2]] if len(first) > 2 else []  # swap
    blocked = {t.lower() for t in taken} | {name.lower()}
    for candidate in candidates:
        misspelt = candidate + ("_" + rest if rest else "")
        if misspelt.lower() not in blocked:
            return misspelt
    return name + "x"


def replace_everywhere(tree: exp.Expr, old: exp.Expr, new: exp.Expr) -> exp.Expr:
    """Every subtree equal to `old` becomes `new` (code repeats an aggregate in HAVING,
    QUALIFY and windows, and repeats the mistake with it)."""
    return tree.transform(lambda node: new.copy() if node == old else node)


def conjuncts(condition: exp.Expr) -> list[exp.Expr]:
    return list(condition.flatten()) if isinstance(condition, exp.And) else [condition]


def projected_columns(select: exp.Select) -> list[exp.Column]:
    """The column references of the SELECT list, those inside aggregates first."""
    columns = [c for item in select.expressions for c in item.find_all(exp.Column)]
    aggregated = [c for c in columns if c.find_ancestor(exp.AggFunc) is not None]
    return aggregated + [c for c in columns if c not in aggregated]


# ---- faults where the code does not run -------------------------------------------------------


def unknown_column(tree: exp.Select, ctx: FaultContext) -> str | None:
    """A column of the SELECT list misspelt once (`o.amount` -> `o.amont`): measures before
    other columns, never an id."""
    tree = tree.copy()
    for column in projected_columns(tree):
        found = column_of(tree, ctx.catalog, column)
        if found is None or is_key_like(found.name):
            continue
        table = source_aliases(tree, ctx.catalog)[column.table.lower()]
        taken = [c.name for c in ctx.catalog.table(table).columns]
        column.set("this", exp.to_identifier(typo(found.name, taken)))
        return render(tree)
    return None


def unknown_table(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first table the main query reads misspelt (`orders` -> `ordrs`)."""
    tree = tree.copy()
    tables = [tree.args["from_"].this] if tree.args.get("from_") else []
    tables += [join.this for join in tree.args.get("joins") or []]
    for table in tables:
        if isinstance(table, exp.Table) and ctx.catalog.has_table(table.name):
            table.set("this", exp.to_identifier(typo(table.name, ctx.catalog.table_names)))
            return render(tree)
    return None


def ambiguous_column(tree: exp.Select, ctx: FaultContext) -> str | None:
    """A qualified column left unqualified where two of the joined tables have a column of that
    name (`c.customer_id` -> `customer_id`); outside the join conditions first."""
    tree = tree.copy()
    aliases = source_aliases(tree, ctx.catalog)
    if len(aliases) < 2:
        return None
    columns = [c for c in tree.find_all(exp.Column) if c.table]
    ordered = [c for c in columns if not in_join(c)] + [c for c in columns if in_join(c)]
    for column in ordered:
        owners = [t for t in aliases.values() if ctx.catalog.table(t).has_column(column.name)]
        if len(owners) >= 2:
            column.set("table", None)
            return render(tree)
    return None


# What people type instead of the function (the first one in the code that has a typo here).
FUNCTION_TYPOS = {
    "SUM": "SUMM",
    "COALESCE": "COALESE",
    "DATE_TRUNC": "DATE_TRUNCATE",  # (DuckDB knows `datetrunc`)
    "AVG": "AVERAGE",
    "ROUND": "ROUNDUP",
    "ROW_NUMBER": "ROWNUMBER",
    "RANK": "RANKING",
    "TRIM": "STRIP",
    "LOWER": "LOWERCASE",
}
_FUNCTION = re.compile(r"\b(" + "|".join(FUNCTION_TYPOS) + r")\(")


def unknown_function(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first function with a common misspelling here gets it wherever the code calls it
    (`SUM(` -> `SUMM(`): whoever believes the name is `DATE_TRUNCATE` writes it every time."""
    match = _FUNCTION.search(ctx.sql)
    if match is None:
        return None
    name = match.group(1)
    return re.sub(rf"\b{name}\(", FUNCTION_TYPOS[name] + "(", ctx.sql)


def parses(sql: str) -> bool:
    try:
        duckdb.extract_statements(sql)
    except duckdb.Error:
        return False
    return True


def syntax_error(tree: exp.Select, ctx: FaultContext) -> str | None:
    """`GROUP BY` -> `GROUP` (for about half of the grouped pipelines, chosen by name), else a
    comma missing between two select items (the first whose loss the parser refuses)."""
    text = ctx.sql
    if "GROUP BY" in text and zlib.crc32(ctx.name.encode()) % 2 == 0:
        return text.replace("GROUP BY", "GROUP", 1)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.rstrip().endswith(",") and i + 1 < len(lines):
            broken = "\n".join([*lines[:i], line.rstrip()[:-1], *lines[i + 1 :]])
            if not parses(broken):
                return broken
    return None


def _number_or_aggregate(select: exp.Select, ctx: FaultContext, node: exp.Expr) -> bool:
    if isinstance(node, exp.Count | exp.Sum | exp.Avg | exp.Window):
        return True
    if isinstance(node, exp.Column):
        found = column_of(select, ctx.catalog, node)
        return found is not None and is_numeric(found)
    return False


def _date_column(select: exp.Select, ctx: FaultContext, node: exp.Expr) -> bool:
    if not isinstance(node, exp.Column):
        return False
    found = column_of(select, ctx.catalog, node)
    return found is not None and type_family(found.type) == "temporal"


def _year_of(node: exp.Expr) -> exp.Expr | None:
    """A date literal (`CAST('2024-01-01' AS DATE)`) as the int people write for it (2024)."""
    if isinstance(node, exp.Cast) and isinstance(node.this, exp.Literal) and node.this.is_string:
        match = re.match(r"(\d{4})-", node.this.name)
        if match:
            return exp.Literal.number(match.group(1))
    return None


def type_mismatch(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first comparison of a number with a number literal compares it with `'abc'`, or of
    a date with a date literal compares it with an int (`o.order_date >= 2024`); in WHERE, then
    HAVING, then QUALIFY."""
    tree = tree.copy()
    comparisons = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE)
    for clause in ("where", "having", "qualify"):
        condition = tree.args.get(clause)
        if condition is None:
            continue
        for node in condition.find_all(*comparisons, exp.Between):
            left = node.this.unnest()
            right = node.args["low"] if isinstance(node, exp.Between) else node.expression
            if _date_column(tree, ctx, left) and (year := _year_of(right)) is not None:
                right.replace(year)
                return render(tree)
            if (
                _number_or_aggregate(tree, ctx, left)
                and isinstance(right, exp.Literal)
                and right.is_number
            ):
                right.replace(exp.Literal.string("abc"))
                return render(tree)
    return None


def misspelt_join_key(tree: exp.Select, ctx: FaultContext) -> str | None:
    """A key of the first join condition misspelt (`o.customer_id` -> `o.custmer_id`): the
    joined table's side when it is a catalog table, else the other side."""
    tree = tree.copy()
    for join in tree.args.get("joins") or []:
        on = join.args.get("on")
        if on is None:
            continue
        for eq in on.find_all(exp.EQ):
            for side in (eq.expression, eq.this):
                if isinstance(side, exp.Column):
                    found = column_of(tree, ctx.catalog, side)
                    if found is None:
                        continue
                    table = source_aliases(tree, ctx.catalog)[side.table.lower()]
                    taken = [c.name for c in ctx.catalog.table(table).columns]
                    side.set("this", exp.to_identifier(typo(found.name, taken)))
                    return render(tree)
    return None


# ---- faults where the code runs and the output is wrong ---------------------------------------


def wrong_aggregate_column(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first SUM / AVG / MIN / MAX of the SELECT list aggregates another numeric column of
    the same table (`SUM(o.amount)` -> `SUM(o.discount)`), wherever the code repeats it."""
    tree = tree.copy()
    for agg in (a for item in tree.expressions for a in item.find_all(exp.AggFunc)):
        if not isinstance(agg, exp.Sum | exp.Avg | exp.Min | exp.Max):
            continue
        for column in agg.find_all(exp.Column):
            found = column_of(tree, ctx.catalog, column)
            if found is None or not is_numeric(found):
                continue
            table = source_aliases(tree, ctx.catalog)[column.table.lower()]
            others = [
                c
                for c in ctx.catalog.table(table).columns
                if is_numeric(c) and not is_key_like(c.name) and c.name != found.name
            ]
            if not others:
                continue
            old = agg.copy()
            new = agg.copy()
            for target in new.find_all(exp.Column):
                if target == column:
                    target.set("this", exp.to_identifier(others[0].name))
            return render(replace_everywhere(tree, old, new))
    return None


def wrong_join_type(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first LEFT / RIGHT / FULL join becomes an inner join."""
    tree = tree.copy()
    for join in tree.args.get("joins") or []:
        if join.side:
            join.set("side", None)
            join.set("kind", None)
            return render(tree)
    return None


def missing_filter(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first WHERE conjunct is dropped (the WHERE, when it was the only one)."""
    tree = tree.copy()
    where = tree.args.get("where")
    if where is None:
        return None
    rest = conjuncts(where.this)[1:]
    tree.set("where", exp.Where(this=exp.and_(*rest)) if rest else None)
    return render(tree)


def missing_having(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The HAVING is dropped."""
    if tree.args.get("having") is None:
        return None
    tree = tree.copy()
    tree.set("having", None)
    return render(tree)


# Abbreviations people use for output names (`total_amount` -> `total_amt`).
ABBREVIATIONS = {
    "amount": "amt",
    "count": "cnt",
    "revenue": "rev",
    "value": "val",
    "quantity": "qty",
    "units": "qty",
    "number": "num",
    "name": "nm",
    "discount": "disc",
    "share": "pct",
    "change": "chg",
    "spend": "total",
    "orders": "n_orders",
    "customers": "n_customers",
    "payments": "n_payments",
    "paid": "amount_paid",
    "order": "ord",
    "category": "cat",
    "customer": "cust",
}


def abbreviate(name: str) -> str:
    words = name.split("_")
    for i in range(len(words) - 1, -1, -1):
        if words[i] in ABBREVIATIONS:
            return "_".join([*words[:i], ABBREVIATIONS[words[i]], *words[i + 1 :]])
    return name[:3] if len(name) > 3 else name + "_col"


def misnamed_output(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first non-key output is named otherwise (`AS total_amount` -> `AS total_amt`; a
    plain column gains such an alias); ORDER BY and QUALIFY follow the new name."""
    tree = tree.copy()
    keys = {k.lower() for k in ctx.keys}
    items = [i for i in tree.expressions if i.alias_or_name.lower() not in keys]
    # Aliased outputs first, then plain columns; ids last.
    items.sort(key=lambda i: (is_key_like(i.alias_or_name), not isinstance(i, exp.Alias)))
    for item in items:
        old = item.alias_or_name
        new = abbreviate(old)
        if new == old or any(i.alias_or_name == new for i in tree.expressions):
            continue
        body = item.this if isinstance(item, exp.Alias) else item
        item.replace(exp.alias_(body.copy(), new))
        for clause in ("order", "qualify"):
            node = tree.args.get(clause)
            for column in node.find_all(exp.Column) if node is not None else ():
                if not column.table and column.name == old:
                    column.set("this", exp.to_identifier(new))
        return render(tree)
    return None


# ---- the registry -----------------------------------------------------------------------------

# The code fails to run: the engine's error is what healing starts from.
ERROR_FAULTS: dict[str, Fault] = {
    "unknown_column": unknown_column,
    "unknown_table": unknown_table,
    "ambiguous_column": ambiguous_column,
    "unknown_function": unknown_function,
    "syntax_error": syntax_error,
    "type_mismatch": type_mismatch,
    "misspelt_join_key": misspelt_join_key,
}
# The code runs and its output is wrong: validation's failed checks are what healing starts from.
RESULT_FAULTS: dict[str, Fault] = {
    "wrong_aggregate_column": wrong_aggregate_column,
    "wrong_join_type": wrong_join_type,
    "missing_filter": missing_filter,
    "missing_having": missing_having,
    "misnamed_output": misnamed_output,
}
FAULTS: dict[str, Fault] = ERROR_FAULTS | RESULT_FAULTS


# ---- results ----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _sort_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Orders rows of mixed values (None first); floats to 6 significant digits, so that
    last-bit differences do not reorder rows."""
    key: list[tuple[int, float, str]] = []
    for value in row:
        if value is None:
            key.append((0, 0.0, ""))
        elif isinstance(value, bool):
            key.append((1, float(value), ""))
        elif isinstance(value, int | float):
            key.append((1, float(f"{value:.6g}"), ""))
        else:
            key.append((2, 0.0, str(value)))
    return tuple(key)


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


@dataclass
class Result:
    """A query's output: column names and the rows as a sorted multiset of plain values."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    @classmethod
    def of(cls, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Result:
        plain = [tuple(_plain(v) for v in row) for row in rows]
        return cls(tuple(columns), sorted(plain, key=_sort_key))

    def same_as(self, other: Result) -> bool:
        """Same column names (in order) and the same multiset of rows, numbers compared with
        a relative tolerance of 1e-9."""
        if [c.lower() for c in self.columns] != [c.lower() for c in other.columns]:
            return False
        if len(self.rows) != len(other.rows):
            return False
        return all(
            len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
            for a, b in zip(self.rows, other.rows, strict=True)
        )


def fetch(engine_or_con: Any, sql: str) -> Result:
    """Run a SELECT on a DuckDBEngine or a duckdb connection."""
    cursor = engine_or_con.execute(sql)
    columns = [d[0] for d in cursor.description or []]
    return Result.of(columns, cursor.fetchall())


def expected_rows(engine_or_con: Any, spec: Spec, catalog: Catalog) -> Result:
    """The correct output of `spec`: its compiled SQL run on the database."""
    return fetch(engine_or_con, compile_sql(spec, catalog, DIALECT))


# ---- injection --------------------------------------------------------------------------------


@dataclass
class Case:
    """One broken pipeline: the spec (correct), the broken code, and the correct output."""

    pipeline: str
    kind: str
    spec: Spec
    broken_sql: str
    correct_sql: str
    expected: Result
    engine_error: str | None = None  # what the engine said about the broken code, if it refused

    @property
    def family(self) -> str:
        return "error" if self.kind in ERROR_FAULTS else "result"


def inject(
    engine: Any,
    name: str,
    spec: Spec,
    catalog: Catalog,
    kinds: Sequence[str] | None = None,
) -> list[Case]:
    """Every fault (or those of `kinds`) that applies to the pipeline and behaves as its family
    says on this database: an error fault's code must be refused, a result fault's code must
    run and give another output (other names or other rows)."""
    sql = compile_sql(spec, catalog, DIALECT)
    expected = fetch(engine, sql)
    ctx = FaultContext(name, spec, catalog, sql)
    cases = []
    for kind in kinds or FAULTS:
        broken = FAULTS[kind](parse(sql), ctx)
        if broken is None or broken.strip() == sql.strip():
            continue
        try:
            output: Result | None = fetch(engine, broken)
            error = None
        except Exception as refused:  # the engine's error type (EngineError, duckdb.Error)
            output, error = None, str(getattr(refused, "message", refused))
        if kind in ERROR_FAULTS and output is not None:
            continue  # the engine accepted it: not the mistake this kind is about
        if kind in RESULT_FAULTS and (output is None or output.same_as(expected)):
            continue  # refused, or no change on this data
        cases.append(Case(name, kind, spec, broken, sql, expected, error))
    return cases


# ---- the harness: run a broken pipeline through `datamorph.run` and judge it ------------------

SENTINEL = "previous target"  # what the target holds before each run; a failed run keeps it


@dataclass
class Outcome:
    """What healing made of one broken pipeline."""

    case: Case
    status: str  # the run's status: completed | failed | needs_attention
    healed: bool  # completed, and the published table equals the correct output
    target_ok: bool  # the target holds the correct output, or (not completed) what it held
    iterations: int
    seconds: float  # the whole run, wall clock
    fixes: list[dict[str, Any]]  # healing/iteration-N.json, in order
    message: str | None
    # Each remediation iteration, wall clock from the run's events: the fix, then executing
    # and validating the corrected code again.
    iteration_seconds: list[float] = field(default_factory=list)

    @property
    def regenerated(self) -> bool:
        return any(f.get("regenerated") for f in self.fixes)

    @property
    def last_failure(self) -> str:
        """The failure the healer saw last (kind: message), or the run's message."""
        if self.fixes:
            failure = self.fixes[-1].get("failure") or {}
            checks = ", ".join(failure.get("failed_checks") or [])
            detail = f"failed checks {checks}" if checks else failure.get("message", "")
            return f"{failure.get('kind', '?')}: {detail}"
        return self.message or ""


def iteration_artifacts(store: Any, run_id: str) -> list[dict[str, Any]]:
    """The run's `healing/iteration-N.json` artifacts, in iteration order."""
    found = []
    for artifact in store.artifacts(run_id):
        match = re.fullmatch(r"healing/iteration-(\d+)\.json", artifact.name)
        if match:
            found.append(
                (int(match.group(1)), json.loads(store.read_artifact(run_id, artifact.name)))
            )
    return [data for _, data in sorted(found, key=lambda pair: pair[0])]


def iteration_times(store: Any, run_id: str) -> list[float]:
    """Seconds of each remediation iteration: from its "remediating started" event to the next
    one, or to publishing (or the run's last event) for the last iteration."""
    events = store.events(run_id)
    starts = [
        i for i, e in enumerate(events) if e.step == "remediating" and e.message.endswith("started")
    ]
    times = []
    for n, start in enumerate(starts):
        if n + 1 < len(starts):
            end = starts[n + 1]
        else:
            after = [i for i in range(start, len(events)) if events[i].step == "publishing"]
            end = after[0] if after else len(events) - 1
        times.append((events[end].time - events[start].time).total_seconds())
    return times


def run_case(database: Path, store: Any, case: Case, number: int) -> Outcome:
    """Run the broken code through validate-and-heal (`datamorph.run`, code given), then read
    the target: a completed run must have published the correct output, any other run must
    have left the target as it was (a sentinel table written just before)."""
    import datamorph
    from datamorph.engines.duckdb import DuckDBEngine

    target = case.spec.target_table.name
    sentinel = Result.of(("sentinel", "case_number"), [(SENTINEL, number)])
    with DuckDBEngine(database) as engine:
        engine.execute(
            f'CREATE OR REPLACE TABLE "{target}" AS '
            f"SELECT '{SENTINEL}' AS sentinel, {number} AS case_number"
        )
    started = time.perf_counter()
    result = datamorph.run(case.spec, code=case.broken_sql, database=str(database), store=store)
    seconds = time.perf_counter() - started
    with DuckDBEngine(database) as engine:
        published = (
            fetch(engine, f'SELECT * FROM "{target}"') if engine.table_exists(target) else None
        )
    completed = result.status == "completed"
    healed = completed and published is not None and published.same_as(case.expected)
    kept = published is not None and published.same_as(sentinel)
    return Outcome(
        case=case,
        status=result.status,
        healed=healed,
        target_ok=healed if completed else kept,
        iterations=result.iterations,
        seconds=seconds,
        fixes=iteration_artifacts(store, result.run_id),
        message=result.message,
        iteration_seconds=iteration_times(store, result.run_id),
    )


# ---- the report -------------------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


@dataclass
class KindFigures:
    kind: str
    applied: int
    healed: int
    mean_iterations: float | None  # over healed runs
    seconds_per_iteration: float | None  # fix, execute and validate again, per iteration
    fix_seconds: float | None  # the healer's own time per iteration (choosing the fix)
    run_seconds: float | None  # the whole run, wall clock, per run
    lines_changed: float | None  # per fix
    regenerated: int  # runs that used the last resort (the query rebuilt from the spec)
    fixers: str  # which fixers acted, with counts
    classified: str  # what the first failure was classified as, with counts
    target_violations: int

    @property
    def share(self) -> float:
        return self.healed / self.applied if self.applied else 0.0

    def row(self) -> list[str]:
        return [
            self.kind,
            str(self.applied),
            str(self.healed),
            f"{100 * self.share:.0f} %",
            _fmt(self.mean_iterations),
            _fmt(self.seconds_per_iteration, 3),
            _fmt(None if self.fix_seconds is None else 1000 * self.fix_seconds, 1),
            _fmt(self.run_seconds, 2),
            _fmt(self.lines_changed, 1),
            str(self.regenerated),
            self.fixers or "-",
            self.classified or "-",
        ]


COLUMNS = [
    "fault",
    "applied",
    "healed",
    "share",
    "mean iterations",
    "s / iteration",
    "fix ms",
    "run s",
    "lines changed / fix",
    "regenerated",
    "fixers",
    "classified as",
]


def _counts(values: Sequence[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in Counter(values).most_common())


def figures(outcomes: Sequence[Outcome], label: str) -> KindFigures:
    fixes = [f for o in outcomes for f in o.fixes]
    healed = [o for o in outcomes if o.healed]
    return KindFigures(
        kind=label,
        applied=len(outcomes),
        healed=len(healed),
        mean_iterations=_mean([o.iterations for o in healed]),
        seconds_per_iteration=_mean([t for o in outcomes for t in o.iteration_seconds]),
        fix_seconds=_mean([f.get("seconds", 0.0) for f in fixes]),
        run_seconds=_mean([o.seconds for o in outcomes]),
        lines_changed=_mean([f.get("lines_changed", 0) for f in fixes]),
        regenerated=sum(o.regenerated for o in outcomes),
        fixers=_counts([f.get("fixer", "?") for f in fixes]),
        classified=_counts(
            [(o.fixes[0].get("failure") or {}).get("kind", "?") for o in outcomes if o.fixes]
        ),
        target_violations=sum(not o.target_ok for o in outcomes),
    )


def per_kind(outcomes: Sequence[Outcome]) -> list[KindFigures]:
    """One line per fault kind (in FAULTS order), then the total."""
    rows = []
    for kind in FAULTS:
        group = [o for o in outcomes if o.case.kind == kind]
        if group:
            rows.append(figures(group, kind))
    rows.append(figures(outcomes, "all"))
    return rows


def unhealed(outcomes: Sequence[Outcome]) -> list[str]:
    return [
        f"{o.case.pipeline} / {o.case.kind}: {o.status} after {o.iterations} iteration(s); "
        f"{o.last_failure[:300]}"
        for o in outcomes
        if not o.healed
    ]


def markdown(outcomes: Sequence[Outcome], title: str, preamble: str = "") -> str:
    rows = per_kind(outcomes)
    total = rows[-1]
    lines = [
        title,
        "",
        *([preamble, ""] if preamble else []),
        f"{total.applied} broken pipelines over {len({o.case.pipeline for o in outcomes})} "
        f"pipelines and {len(rows) - 1} fault kinds: {total.healed} healed "
        f"({100 * total.share:.1f} %), mean iterations {_fmt(total.mean_iterations)} over the "
        f"healed, {total.regenerated} used the last resort (regeneration from the spec), "
        f"{total.target_violations} left wrong rows in the target.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
        *("| " + " | ".join(r.row()) + " |" for r in rows),
        "",
    ]
    failed = unhealed(outcomes)
    if failed:
        lines += ["Not healed:", "", *(f"- {line}" for line in failed), ""]
    wrong = [o for o in outcomes if not o.target_ok]
    if wrong:
        lines += [
            "Target holding wrong rows:",
            "",
            *(f"- {o.case.pipeline} / {o.case.kind} ({o.status})" for o in wrong),
            "",
        ]
    return "\n".join(lines)

"""Score a planner by what its spec returns, not by what its spec says.

`judge` compares a result (the planner's spec, compiled and executed) with a reference (a
hand-written SQL query) as tables of values:

- every reference column must be matched by a distinct result column holding the same values;
  the result may have extra columns, and column names and positions do not matter;
- the row counts must be equal and, projected on the matched columns, the result's rows must be
  the reference's rows as a multiset; with `ordered`, also in the same sequence;
- numbers compare with a tolerance (relative 1e-6, absolute 0.01), whatever their type (int,
  Decimal, float); booleans only equal booleans; strings compare exactly;
- dates and timestamps compare as ISO strings, a timestamp at midnight as its date; against a
  date column of the reference (a time grain: the first day of each period) a result column may
  also name the periods as ISO strings, 'YYYY-MM' strings (months) or integer years.

Columns are paired in two passes: first each reference column lists the result columns whose
values are equal as a multiset (a cheap per-column check), then assignments of distinct
candidates are tried until one makes the rows match as well.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

import duckdb

from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.spec import Spec

REL_TOL = 1e-6
ABS_TOL = 0.01
# Complete column assignments tried before giving up (only reached by pathological results).
MAX_ASSIGNMENTS = 2_000
# Largest group of rows differing only in their numbers that is matched pair by pair.
MAX_FUZZY_GROUP = 400

Canon = None | bool | float | str
Row = tuple[Any, ...]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str
    # reference column -> result column, when every reference column found its match
    mapping: dict[str, str] | None = None

    def __bool__(self) -> bool:
        return self.ok


class QueryOutput(NamedTuple):
    columns: list[str]
    rows: list[Row]


# ---- running -----------------------------------------------------------------------------------


def _connection(con: Any) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection, or anything holding one as `.con` (a DuckDBEngine)."""
    return con if isinstance(con, duckdb.DuckDBPyConnection) else con.con


def run_reference(con: Any, sql: str) -> QueryOutput:
    cursor = _connection(con).execute(sql)
    return QueryOutput([d[0] for d in cursor.description or []], cursor.fetchall())


def run_spec(con: Any, spec: Spec, catalog: Catalog) -> QueryOutput:
    """The spec compiled for DuckDB and executed (its target table is not written)."""
    return run_reference(con, compile_sql(spec, catalog, "duckdb"))


# ---- values ------------------------------------------------------------------------------------


def _iso(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    return value.isoformat()


def canon(value: Any) -> Canon:
    """The comparable form of a value: None, bool, float or str."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float | Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime):
        return _iso(value)
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00:00(\.0+)?$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def _as_period(value: Any) -> Canon:
    """A result value read as a period start, for comparison with a date column."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return f"{value:04d}-01-01"
    if isinstance(value, str):
        if _MONTH.match(value):
            return value + "-01"
        midnight = _MIDNIGHT.match(value)
        if midnight:
            return midnight.group(1)
    return canon(value)


def values_equal(a: Canon, b: Canon) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return type(a) is type(b) and a == b


def _sort_key(value: Canon) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, float):
        return (3, 0) if math.isnan(value) else (2, value)
    return (4, value)


def _is_exact(value: Canon) -> bool:
    """Compared exactly in practice: not a number, or a whole one too small for two different
    values to be within tolerance of each other (1 apart needs |x| >= 1 / REL_TOL)."""
    if not isinstance(value, float):
        return True
    return math.isfinite(value) and value.is_integer() and abs(value) < 1 / REL_TOL


def _rows_equal(a: Sequence[Canon], b: Sequence[Canon]) -> bool:
    return all(values_equal(x, y) for x, y in zip(a, b, strict=True))


def _same_column(a: list[Canon], b: list[Canon]) -> bool:
    """Equal as multisets: in one dimension, sorting pairs up tolerant matches."""
    return all(
        values_equal(x, y)
        for x, y in zip(sorted(a, key=_sort_key), sorted(b, key=_sort_key), strict=True)
    )


def _fuzzy_matching(left: list[Row], right: list[Row]) -> bool:
    """A perfect matching between two equal-sized row lists under tolerant equality (Kuhn)."""
    match: list[int | None] = [None] * len(right)

    def augment(i: int, seen: set[int]) -> bool:
        for j, candidate in enumerate(right):
            if j in seen or not _rows_equal(left[i], candidate):
                continue
            seen.add(j)
            owner = match[j]
            if owner is None or augment(owner, seen):
                match[j] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(left)))


def _same_rows(result: list[Row], reference: list[Row]) -> bool:
    """Equal as multisets of rows, numbers with tolerance."""
    if not reference:
        return not result
    # Sort on the columns whose values are exact on both sides first (keys, labels, counts):
    # fractional numbers equal within tolerance can sort either way round.
    width = len(reference[0])
    exact = [i for i in range(width) if all(_is_exact(r[i]) for r in (*result, *reference))]
    order = exact + [i for i in range(width) if i not in exact]

    def key(row: Row) -> tuple[tuple[int, Any], ...]:
        return tuple(_sort_key(row[i]) for i in order)

    if all(
        _rows_equal(x, y)
        for x, y in zip(sorted(result, key=key), sorted(reference, key=key), strict=True)
    ):
        return True
    # Rows that agree on the exact columns but whose fractional numbers sort differently:
    # match the rows of each such group one to one.
    groups: dict[tuple[Any, ...], tuple[list[Row], list[Row]]] = defaultdict(lambda: ([], []))
    for side, rows in ((0, result), (1, reference)):
        for row in rows:
            groups[tuple(_sort_key(row[i]) for i in exact)][side].append(row)
    for left, right in groups.values():
        if len(left) != len(right) or len(left) > MAX_FUZZY_GROUP:
            return False
        if not _fuzzy_matching(left, right):
            return False
    return True


# ---- judging -----------------------------------------------------------------------------------


def _is_temporal_column(values: list[Any]) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, dt.date | dt.datetime) for v in present)


def _show(values: list[Canon], limit: int = 3) -> str:
    return ", ".join(repr(v) for v in values[:limit]) + (" ..." if len(values) > limit else "")


def _assignments(
    order: list[int], candidates: dict[int, list[int]], used: set[int]
) -> Iterator[dict[int, int]]:
    if not order:
        yield {}
        return
    first, rest = order[0], order[1:]
    for k in candidates[first]:
        if k in used:
            continue
        for tail in _assignments(rest, candidates, used | {k}):
            yield {first: k, **tail}


def judge(
    result_columns: Sequence[str],
    result_rows: Sequence[Sequence[Any]],
    reference_columns: Sequence[str],
    reference_rows: Sequence[Sequence[Any]],
    *,
    ordered: bool,
) -> Verdict:
    """Whether the result answers the reference; `reason` says why not (or how it matched)."""
    if not reference_columns:
        return Verdict(False, "the reference has no columns")
    n_ref, n_res = len(reference_rows), len(result_rows)
    if n_res != n_ref:
        return Verdict(False, f"expected {n_ref} rows, got {n_res}")
    ref_cols = [[row[j] for row in reference_rows] for j in range(len(reference_columns))]
    res_cols = [[row[k] for row in result_rows] for k in range(len(result_columns))]
    ref_canon = [[canon(v) for v in col] for col in ref_cols]
    res_canon = [[canon(v) for v in col] for col in res_cols]
    res_period = [[_as_period(v) for v in col] for col in res_cols]
    # As a result column reads against each reference column: periods against dates.
    readings: dict[tuple[int, int], list[Canon]] = {}
    candidates: dict[int, list[int]] = {}
    for j, ref in enumerate(ref_canon):
        temporal = _is_temporal_column(ref_cols[j])
        candidates[j] = []
        for k in range(len(result_columns)):
            reading = res_period[k] if temporal else res_canon[k]
            if _same_column(reading, ref):
                readings[j, k] = reading
                candidates[j].append(k)
    missing = [j for j, found in candidates.items() if not found]
    if missing:
        j = missing[0]
        return Verdict(
            False,
            f"no result column holds the values of reference column {reference_columns[j]!r} "
            f"({_show(sorted(ref_canon[j], key=_sort_key))}); result columns: "
            f"{list(result_columns)}",
        )
    # Most constrained first; the search stops at the first assignment that matches rows.
    order = sorted(candidates, key=lambda j: (len(candidates[j]), j))
    tried, out_of_order = 0, False
    for assignment in _assignments(order, candidates, set()):
        tried += 1
        if tried > MAX_ASSIGNMENTS:
            break
        columns = [readings[j, assignment[j]] for j in range(len(reference_columns))]
        projected = list(zip(*columns, strict=True))
        expected = list(zip(*ref_canon, strict=True))
        if not _same_rows(projected, expected):
            continue
        mapping = {reference_columns[j]: result_columns[k] for j, k in assignment.items()}
        if ordered and not all(_rows_equal(a, b) for a, b in zip(projected, expected, strict=True)):
            out_of_order = True
            continue
        how = ", ".join(f"{ref} <- {res}" for ref, res in mapping.items())
        return Verdict(True, f"{n_ref} rows match ({how})", mapping)
    if out_of_order:
        return Verdict(False, "the right rows, but not in the requested order")
    if tried > MAX_ASSIGNMENTS:
        return Verdict(False, f"no column assignment matched the rows in {MAX_ASSIGNMENTS} tries")
    return Verdict(
        False,
        "each reference column has a matching result column, but the rows do not pair up "
        "(values are combined differently)",
    )


def judge_outputs(result: QueryOutput, reference: QueryOutput, *, ordered: bool) -> Verdict:
    return judge(result.columns, result.rows, reference.columns, reference.rows, ordered=ordered)

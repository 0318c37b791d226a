"""Phase-1 checks against the reference, the spec evaluated on its own (`context.py`):

- row_count: as many rows as the reference;
- reconciliation: each measure's sum, count, min and max equal the reference's;
- row_diff: on a deterministic sample of keys, every value equals the reference's.

Keys are matched null-safely: a NULL group key is a value that must be on both sides, not a
missing row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlglot import exp

from datamorph.catalog import type_family
from datamorph.engines.base import quote
from datamorph.validation.context import Context, skipped
from datamorph.validation.report import CheckResult

ROW_DIFF_SAMPLE = 10_000
_TOLERANCE = "abs({t} - {r}) > 1e-6 * greatest(1, abs({r}))"
# a column that is never NULL on a side that has the row: a missing row is the only NULL
_PRESENT = "_dm_present"


def row_count(ctx: Context) -> Iterator[CheckResult]:
    ((got,),) = ctx.q(f"SELECT count(*) FROM {quote(ctx.table)}")
    ((want,),) = ctx.q(f"SELECT count(*) FROM {quote(ctx.ref_table)}")
    yield CheckResult(
        name="row_count",
        kind="row_count",
        status="pass" if got == want else "fail",
        observed=got,
        expected=want,
        message="" if got == want else f"{got - want:+d} rows against the spec",
    )


def reconciliation(ctx: Context) -> Iterator[CheckResult]:
    """Sum (numbers), count, min and max of every non-key column against the reference, with
    one scan of each table for all columns."""
    measures = ctx.measures()
    if ctx.spec.limit is not None and _truncated(ctx):
        measures = [m for m in measures if m.lower() in _order_outputs(ctx)]
    if not measures:
        yield skipped("reconciliation", "reconciliation", "no measures to reconcile")
        return
    stats = ", ".join(_stats(column, ctx.columns[column]) for column in measures)
    got = ctx.q(f"SELECT {stats} FROM {quote(ctx.table)}")[0]
    want = ctx.q(f"SELECT {stats} FROM {quote(ctx.ref_table)}")[0]
    for i, column in enumerate(measures):
        g, w = got[4 * i : 4 * i + 4], want[4 * i : 4 * i + 4]
        off = [
            f"{n}: {a} vs {b}"
            for n, a, b in zip(("sum", "count", "min", "max"), g, w, strict=True)
            if not _close(a, b)
        ]
        yield CheckResult(
            name=f"reconcile {column}",
            kind="reconciliation",
            status="fail" if off else "pass",
            observed=list(g),
            expected=list(w),
            message="; ".join(off) or "sum, count, min, max",
        )


def _stats(column: str, sql_type: str) -> str:
    c = quote(column)
    total = f"sum({c})" if type_family(sql_type) == "numeric" else "NULL"
    return f"{total}, count({c}), min({c}), max({c})"


def _order_outputs(ctx: Context) -> set[str]:
    names = set()
    for tree, _, _ in ctx.resolved.main.order_by:
        if isinstance(tree, exp.Column) and not tree.table:
            names.add(tree.name.lower())
    return names


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return bool(a == b)
    return abs(x - y) <= 1e-6 * max(1.0, abs(y))


def row_diff(ctx: Context) -> Iterator[CheckResult]:
    keys = [k for k in ctx.keys if k.lower() in {c.lower() for c in ctx.columns}]
    if not keys:
        yield skipped("row_diff", "row_diff", "no keys to match rows on")
        return
    if ctx.spec.limit is not None and _truncated(ctx):
        yield skipped(
            "row_diff",
            "row_diff",
            "the LIMIT cut the result, and ties may break "
            "differently; checked by row_count and reconciliation",
        )
        return
    sql = _diff_sql(ctx, keys)
    # keys, not rows: with duplicate keys (grain unique fails then) a key pairs with several
    # rows of the other side, and counting the pairs would overstate the difference
    count, sample = ctx.found(sql, distinct=keys)
    yield CheckResult(
        name=f"row_diff ({', '.join(keys)})",
        kind="row_diff",
        status="fail" if count else "pass",
        observed=count,
        expected=0,
        sample_rows=sample,
        query=sql,
        message=f"{count:,} keys differ from the spec's result in a sample of up to "
        f"{ROW_DIFF_SAMPLE:,} keys"
        if count
        else f"sample of up to {ROW_DIFF_SAMPLE:,} keys matches",
    )


def _truncated(ctx: Context) -> bool:
    """Did the LIMIT drop rows? Only then can ties pick different rows."""
    ((rows,),) = ctx.q(f"SELECT count(*) FROM {quote(ctx.ref_table)}")
    return rows >= (ctx.spec.limit or 0)


def _diff_sql(ctx: Context, keys: list[str]) -> str:
    """Sampled keys of either side joined null-safely on the keys; a row differs when its key
    is missing on one side or any value differs (numbers within a relative 1e-6)."""
    on = " AND ".join(f"t.{quote(k)} IS NOT DISTINCT FROM r.{quote(k)}" for k in keys)
    key_list = ", ".join(quote(k) for k in keys)
    # a spread-out yet repeatable sample: ordered by a hash of the keys, in each engine's words
    hashed = (
        f"md5(CAST(ROW({key_list}, 0) AS TEXT))"
        if ctx.engine.dialect == "postgres"
        else f"hash({key_list})"
    )
    present = quote(_PRESENT)
    sample = f"(SELECT *, 1 AS {present} FROM {{src}} ORDER BY {hashed} LIMIT {ROW_DIFF_SAMPLE})"
    differs = []
    for column, kind in ctx.columns.items():
        if column.lower() in {k.lower() for k in keys}:
            continue
        t, r = f"t.{quote(column)}", f"r.{quote(column)}"
        if type_family(kind) == "numeric":
            differs.append(f"({t} IS NULL) <> ({r} IS NULL) OR " + _TOLERANCE.format(t=t, r=r))
        else:
            differs.append(f"{t} IS DISTINCT FROM {r}")
    # a key may be NULL (a NULL group): the side's marker, not its key, tells a missing row
    missing = f"t.{present} IS NULL OR r.{present} IS NULL"
    condition = " OR ".join(f"({d})" for d in [missing, *differs])
    picked = ", ".join(f"coalesce(t.{quote(k)}, r.{quote(k)}) AS {quote(k)}" for k in keys)
    others = [c for c in ctx.columns if c.lower() not in {k.lower() for k in keys}]
    # both sides' other columns, named apart (a `t.* EXCLUDE` is DuckDB's alone)
    sides = "".join(
        f", {side}.{quote(c)} AS {quote(c if side == 't' else c + '_expected')}"
        for side in ("t", "r")
        for c in others
    )
    mine, theirs = sample.format(src=quote(ctx.table)), sample.format(src=quote(ctx.ref_table))
    if ctx.engine.dialect != "postgres":
        return (
            f"SELECT {picked}{sides} FROM {mine} t FULL JOIN {theirs} r ON {on} WHERE {condition}"
        )
    # PostgreSQL runs a FULL JOIN only on conditions it can hash or merge, and IS NOT DISTINCT
    # FROM is neither: the same rows as a LEFT JOIN each way
    return (
        f"SELECT {picked}{sides} FROM {mine} t LEFT JOIN {theirs} r ON {on} WHERE {condition} "
        f"UNION ALL SELECT {picked}{sides} FROM {theirs} r LEFT JOIN {mine} t ON {on} "
        f"WHERE t.{present} IS NULL"
    )

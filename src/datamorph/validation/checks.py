"""Phase 1: checks derived from the spec and the catalog, run read-only against the output.

The context (`context.py`) holds the output, the resolved spec and the reference, the spec
evaluated on its own; the checks against the reference are in `compare.py`. Here:

- schema: the output's columns are the spec's outputs, with compatible types;
- not_empty: rows exist (unless `target_table.allow_empty`);
- grain: one row per key (the declared keys, else the group-by outputs), a NULL key being one
  value; no NULL in a key that may not be NULL (`Context.not_null_keys`);
- filter / having / qualify: each predicate holds on every output row, where its columns are
  output columns (a window predicate evaluated in a sub-query, where the engine allows it);
- then row_count, reconciliation and row_diff against the reference;
- and the tests the user declares in `spec.tests` (`user_tests.py`), whatever the others found.

Every count a check reports is the true count, computed by an aggregate; the rows shown are a
sample of at most MAX_SAMPLE_ROWS.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from sqlglot import exp

from datamorph.catalog import compatible_types
from datamorph.engines.base import quote
from datamorph.errors import DataMorphError
from datamorph.spec import expressions as ex
from datamorph.validation.compare import ROW_DIFF_SAMPLE, reconciliation, row_count, row_diff
from datamorph.validation.context import (
    CHECK_TIMEOUT,
    Context,
    close_context,
    open_context,
    skipped,
)
from datamorph.validation.report import MAX_SAMPLE_ROWS, CheckResult
from datamorph.validation.user_tests import user_tests

__all__ = [
    "CHECK_TIMEOUT", "PHASE1", "ROW_DIFF_SAMPLE", "Check", "Context", "close_context",
    "open_context", "run_phase1",
]  # fmt: skip

Check = Callable[[Context], Iterator[CheckResult]]


# ---- the checks -----------------------------------------------------------------------------


def schema(ctx: Context) -> Iterator[CheckResult]:
    got = list(ctx.columns)
    want = ctx.outputs
    if ctx.reference is None:
        status = "pass" if [c.lower() for c in got] == [c.lower() for c in want] else "fail"
        yield CheckResult(
            name="schema",
            kind="schema",
            status=status,
            observed=got,
            expected=want,
            message="names and order"
            if status == "pass"
            else "the output's columns are not the spec's",
        )
        return
    if [c.lower() for c in got] != [c.lower() for c in want]:
        yield CheckResult(
            name="schema",
            kind="schema",
            status="fail",
            observed=got,
            expected=want,
            message="the output's columns are not the spec's",
        )
        return
    mismatched = [
        f"{c}: {ctx.columns[c]} vs {ctx.reference_columns[r]}"
        for c, r in zip(got, ctx.reference_columns, strict=True)
        if not compatible_types(ctx.columns[c], ctx.reference_columns[r])
    ]
    yield CheckResult(
        name="schema",
        kind="schema",
        status="fail" if mismatched else "pass",
        observed=got,
        expected=want,
        message="; ".join(mismatched) or "names, order and types match",
    )


def not_empty(ctx: Context) -> Iterator[CheckResult]:
    ((rows,),) = ctx.q(f"SELECT count(*) FROM {quote(ctx.table)}")
    allowed = ctx.spec.target_table.allow_empty
    status = "pass" if rows or allowed else "fail"
    yield CheckResult(
        name="not_empty",
        kind="not_empty",
        status=status,
        observed=rows,
        expected="> 0" if not allowed else ">= 0",
        message="" if status == "pass" else "the output has no rows",
    )


def grain(ctx: Context) -> Iterator[CheckResult]:
    names = {c.lower() for c in ctx.columns}
    keys = [k for k in ctx.keys if k.lower() in names]
    if not keys:
        yield skipped("grain", "grain", "no declared keys or group-by outputs")
        return
    yield _unique(ctx, keys)
    strict = [k for k in ctx.not_null_keys if k.lower() in names]
    label = f"grain not null ({', '.join(keys)})"
    if not strict:
        yield skipped(
            label,
            "grain",
            "group keys may be NULL: GROUP BY makes one group of the NULLs "
            "(list a key in target_table.not_null to forbid it)",
        )
        return
    null_sql = f"SELECT * FROM {quote(ctx.table)} WHERE " + " OR ".join(
        f"{quote(k)} IS NULL" for k in strict
    )
    count, sample = ctx.found(null_sql)
    yield CheckResult(
        name=f"grain not null ({', '.join(strict)})",
        kind="grain",
        status="fail" if count else "pass",
        observed=count,
        expected=0,
        sample_rows=sample,
        query=null_sql,
        message=f"{count:,} rows with a NULL key{_shown(count)}" if count else "no null keys",
    )


def _unique(ctx: Context, keys: list[str]) -> CheckResult:
    """One row per key; GROUP BY puts NULLs together, so a NULL key is one value."""
    cols = ", ".join(quote(k) for k in keys)
    dup_sql = (
        f"SELECT {cols}, count(*) AS copies FROM {quote(ctx.table)} GROUP BY {cols} "
        "HAVING count(*) > 1"
    )
    sample = ctx.rows(dup_sql)
    duplicated, rows = 0, 0
    if sample:
        ((duplicated, rows),) = ctx.q(
            f"SELECT count(*), sum(copies) FROM ({dup_sql}) AS {quote('_dm_dups')}"
        )
    return CheckResult(
        name=f"grain unique ({', '.join(keys)})",
        kind="grain",
        status="fail" if duplicated else "pass",
        observed=int(duplicated),
        expected=0,
        sample_rows=sample,
        query=dup_sql,
        message=f"{duplicated:,} duplicate keys over {int(rows):,} rows{_shown(duplicated)}"
        if duplicated
        else "one row per key",
    )


def _shown(count: int) -> str:
    return f" ({MAX_SAMPLE_ROWS} shown)" if count > MAX_SAMPLE_ROWS else ""


def predicates(ctx: Context) -> Iterator[CheckResult]:
    main = ctx.resolved.main
    groups = [("filter", main.filters), ("having", main.having), ("qualify", main.qualify)]
    for kind, trees in groups:
        for i, tree in enumerate(trees):
            name = f"{kind}[{i}]"
            on_output = _on_output(tree, main.outputs)
            if on_output is None:
                yield skipped(name, kind, "its columns are not all in the output")
                continue
            why = _not_checkable(on_output)
            if why:
                yield skipped(name, kind, why)
                continue
            text = on_output.sql(dialect=ctx.engine.dialect)
            sql = _breaking_rows(ctx, on_output, text)
            count, sample = ctx.found(sql)
            yield CheckResult(
                name=name,
                kind=kind,
                status="fail" if count else "pass",
                observed=count,
                expected=0,
                sample_rows=sample,
                query=sql,
                message=f"{count:,} rows break `{text}`{_shown(count)}"
                if count
                else f"`{text}` holds",
            )


def _on_output(tree: exp.Expr, outputs: list[tuple[str, exp.Expr]]) -> exp.Expr | None:
    """The predicate over output columns (subtrees equal to an output replaced by its name),
    or None when it still needs a source column."""
    by_key = {ex.key(body): name for name, body in outputs}
    rewritten = tree.copy().transform(
        lambda node: (
            exp.column(by_key[ex.key(node)], quoted=True) if ex.key(node) in by_key else node
        )
    )
    names = {name.lower() for name, _ in outputs}
    for column in ex.columns_of(rewritten):
        if column.table or column.name.lower() not in names:
            return None
    return rewritten


def _breaking_rows(ctx: Context, predicate: exp.Expr, text: str) -> str:
    """The output rows the predicate does not hold on. A window may not stand in a WHERE (nor
    does every engine have QUALIFY): it is computed in a sub-query's select list first."""
    table = quote(ctx.table)
    if not any(True for _ in predicate.find_all(exp.Window)):
        return f"SELECT * FROM {table} WHERE ({text}) IS NOT TRUE"
    holds = quote("_dm_holds")
    columns = ", ".join(quote(c) for c in ctx.columns)
    return (
        f"SELECT {columns} FROM (SELECT *, ({text}) AS {holds} FROM {table}) "
        f"AS {quote('_dm_rows')} WHERE {holds} IS NOT TRUE"
    )


# Ranks whose value on a subset of a partition is never above their value on the whole: a row
# ranked within N where the spec ranked it still is on the output, whose rows are a subset.
_RANKS = (exp.RowNumber, exp.Rank, exp.DenseRank)


def _not_checkable(predicate: exp.Expr) -> str | None:
    """Why the predicate cannot be judged on the output rows alone, or None when it can.

    The output holds what is left after the predicate, so a window over it sees fewer rows
    than the spec's did: only a cap on a rank (`row_number() OVER (...) <= 3`, `= 1`) keeps
    holding. An aggregate left after mapping outputs back to names aggregates source rows the
    output does not have."""
    windows = list(predicate.find_all(exp.Window))
    inside = {id(n) for w in windows for n in w.walk()}
    if any(isinstance(n, exp.AggFunc) and id(n) not in inside for n in predicate.walk()):
        return "it aggregates source rows that are not in the output"
    if windows and not _rank_cap(predicate):
        return (
            "a window over the output rows is not the window over the rows the spec "
            "filtered; only a cap on a rank (row_number/rank/dense_rank <= N) is checked"
        )
    return None


def _rank_cap(predicate: exp.Expr) -> bool:
    """`rank() OVER (...) <= N`, `< N` or `= 1` (either way round), or an AND of such caps and
    conditions without windows."""
    if isinstance(predicate, exp.Paren):
        return _rank_cap(predicate.this)
    if isinstance(predicate, exp.And):
        return all(
            _rank_cap(side) or not any(True for _ in side.find_all(exp.Window))
            for side in (predicate.left, predicate.right)
        )
    if isinstance(predicate, exp.LTE | exp.LT):  # rank <= N
        return _is_rank(predicate.left) and _is_int(predicate.right)
    if isinstance(predicate, exp.GTE | exp.GT):  # N >= rank
        return _is_rank(predicate.right) and _is_int(predicate.left)
    if isinstance(predicate, exp.EQ):  # rank = 1, either way round
        sides = (predicate.left, predicate.right)
        return any(_is_rank(a) and _is_int(b, 1) for a, b in (sides, sides[::-1]))
    return False


def _is_rank(node: exp.Expr) -> bool:
    return isinstance(node, exp.Window) and isinstance(node.this, _RANKS)


def _is_int(node: exp.Expr, value: int | None = None) -> bool:
    if not (isinstance(node, exp.Literal) and node.is_int):
        return False
    return value is None or int(node.this) == value


PHASE1: list[tuple[str, Check]] = [
    ("schema", schema),
    ("not_empty", not_empty),
    ("grain", grain),
    ("predicates", predicates),
    ("row_count", row_count),
    ("reconciliation", reconciliation),
    ("row_diff", row_diff),
    ("user_tests", user_tests),
]


_NEEDS_REFERENCE = {"row_count", "reconciliation", "row_diff"}


def run_phase1(ctx: Context) -> list[CheckResult]:
    """Every check runs, whatever the others found; a check that breaks is `error`."""
    results: list[CheckResult] = []
    schema_ok = True
    for name, check in PHASE1:
        started = time.perf_counter()
        if ctx.reference is None and name in _NEEDS_REFERENCE:
            results.append(skipped(name, name, ctx.same_as_spec))
            continue
        if not schema_ok and name in {"reconciliation", "row_diff", "predicates"}:
            results.append(skipped(name, name, "the schema does not match the spec"))
            continue
        try:
            found = list(check(ctx))
        except DataMorphError as error:
            found = [
                CheckResult(
                    name=name,
                    kind=name,
                    status="error",
                    message=f"the check's own query failed: {error.message}",
                )
            ]
        for result in found:  # user tests time each of theirs
            result.seconds = result.seconds or round(time.perf_counter() - started, 4)
        if name == "schema":
            schema_ok = all(r.status == "pass" for r in found)
        results.extend(found)
    return results

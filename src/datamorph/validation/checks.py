"""Phase 1: checks derived from the spec and the catalog, run read-only against the output.

The reference is the spec evaluated on its own (compiled from the spec, not taken from the
code under test, which may be LLM-written or edited by hand) into a temporary table, once.
Checks compare the output with it and with the spec's own rules:

- schema: the output's columns are the spec's outputs, with compatible types;
- not_empty: rows exist (unless `target_table.allow_empty`);
- grain: the declared keys (else the group-by outputs) are unique and not null;
- filter / having / qualify: each predicate holds on every output row, where its columns are
  output columns;
- row_count: as many rows as the reference;
- reconciliation: each measure's sum, count, min and max equal the reference's;
- row_diff: on a deterministic sample of keys, every value equals the reference's.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp

from datamorph.catalog import Catalog, compatible_types, type_family
from datamorph.codegen.sql import compile_sql
from datamorph.engines.base import Engine, quote
from datamorph.errors import DataMorphError
from datamorph.spec import Spec, resolve_spec
from datamorph.spec import expressions as ex
from datamorph.spec.check import ResolvedSpec
from datamorph.validation.report import MAX_SAMPLE_ROWS, CheckResult

ROW_DIFF_SAMPLE = 10_000
CHECK_TIMEOUT = 300.0  # seconds per check query; a check that runs out is `error`
_TOLERANCE = "abs({t} - {r}) > 1e-6 * greatest(1, abs({r}))"


@dataclass
class Context:
    engine: Engine
    spec: Spec
    table: str
    resolved: ResolvedSpec
    reference: str | None  # temporary table holding the spec's own result; None: see below
    columns: dict[str, str]  # output column -> type, as the output has them
    reference_columns: dict[str, str]

    def q(self, sql: str) -> list[tuple[Any, ...]]:
        return self.engine.query(sql, timeout=CHECK_TIMEOUT).rows

    def rows(self, sql: str) -> list[dict[str, Any]]:
        return self.engine.query(sql, limit=MAX_SAMPLE_ROWS, timeout=CHECK_TIMEOUT).as_dicts()

    @property
    def ref_table(self) -> str:
        """The reference table; reference-based checks only run when there is one."""
        assert self.reference is not None
        return self.reference

    @property
    def outputs(self) -> list[str]:
        return self.resolved.main.output_names

    @property
    def keys(self) -> list[str]:
        declared = list(self.spec.target_table.keys)
        if declared:
            return declared
        if self.spec.is_aggregate and self.spec.limit is None:
            return [name for name, _ in self.resolved.main.group_items]
        return []

    def measures(self) -> list[str]:
        keys = {k.lower() for k in self.keys}
        return [
            c
            for c, t in self.columns.items()
            if c.lower() not in keys and type_family(t) == "numeric"
        ]


Check = Callable[[Context], Iterator[CheckResult]]


def open_context(
    engine: Engine, spec: Spec, table: str, catalog: Catalog, code: str | None = None
) -> Context:
    """When the code under test is the spec's own compiled SQL, its output IS the reference:
    evaluating it again would only compare the output with itself, so the reference-based
    checks are skipped (and say so). Any other code (LLM-written, edited, given) is compared
    with the spec evaluated on its own."""
    resolved = resolve_spec(spec, catalog)
    sql = compile_sql(spec, catalog, engine.dialect)
    columns = _types(engine, table)
    if code is not None and _same_sql(code, sql, engine.dialect):
        return Context(engine, spec, table, resolved, None, columns, columns)
    reference = f"_dm_ref_{secrets.token_hex(4)}"
    engine.execute(f"CREATE TEMP TABLE {quote(reference)} AS {sql}")
    return Context(engine, spec, table, resolved, reference, columns, _types(engine, reference))


def _same_sql(a: str, b: str, dialect: str) -> bool:
    try:
        return bool(sqlglot.parse_one(a, read=dialect) == sqlglot.parse_one(b, read=dialect))
    except sqlglot.errors.ParseError:
        return False


def close_context(ctx: Context) -> None:
    if ctx.reference is not None:
        # PostgreSQL drops a temporary table on a read-only connection only when named as one
        schema = getattr(ctx.engine, "temp_schema", None)
        where = f"{quote(schema)}." if schema else ""
        ctx.engine.execute(f"DROP TABLE IF EXISTS {where}{quote(ctx.ref_table)}")


def _types(engine: Engine, table: str) -> dict[str, str]:
    result = engine.query(f"SELECT * FROM {quote(table)} LIMIT 0")
    return dict(zip(result.columns, result.types, strict=True))


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
    keys = [k for k in ctx.keys if k.lower() in {c.lower() for c in ctx.columns}]
    if not keys:
        yield _skipped("grain", "grain", "no declared keys or group-by outputs")
        return
    cols = ", ".join(quote(k) for k in keys)
    dup_sql = (
        f"SELECT {cols}, count(*) AS copies FROM {quote(ctx.table)} GROUP BY {cols} "
        "HAVING count(*) > 1"
    )
    dups = ctx.rows(dup_sql)
    yield CheckResult(
        name=f"grain unique ({', '.join(keys)})",
        kind="grain",
        status="fail" if dups else "pass",
        observed=len(dups),
        expected=0,
        sample_rows=dups,
        query=dup_sql,
        message="duplicate keys" if dups else "one row per key",
    )
    null_sql = f"SELECT * FROM {quote(ctx.table)} WHERE " + " OR ".join(
        f"{quote(k)} IS NULL" for k in keys
    )
    nulls = ctx.rows(null_sql)
    yield CheckResult(
        name=f"grain not null ({', '.join(keys)})",
        kind="grain",
        status="fail" if nulls else "pass",
        observed=len(nulls),
        expected=0,
        sample_rows=nulls,
        query=null_sql,
        message="null keys" if nulls else "no null keys",
    )


def predicates(ctx: Context) -> Iterator[CheckResult]:
    main = ctx.resolved.main
    groups = [("filter", main.filters), ("having", main.having), ("qualify", main.qualify)]
    for kind, trees in groups:
        for i, tree in enumerate(trees):
            name = f"{kind}[{i}]"
            on_output = _on_output(tree, main.outputs)
            if on_output is None:
                yield _skipped(name, kind, "its columns are not all in the output")
                continue
            text = on_output.sql(dialect=ctx.engine.dialect)
            sql = f"SELECT * FROM {quote(ctx.table)} WHERE ({text}) IS NOT TRUE"
            bad = ctx.rows(sql)
            yield CheckResult(
                name=name,
                kind=kind,
                status="fail" if bad else "pass",
                observed=len(bad),
                expected=0,
                sample_rows=bad,
                query=sql,
                message=f"rows break `{text}`" if bad else f"`{text}` holds",
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
        yield _skipped("reconciliation", "reconciliation", "no measures to reconcile")
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
        yield _skipped("row_diff", "row_diff", "no keys to match rows on")
        return
    if ctx.spec.limit is not None and _truncated(ctx):
        yield _skipped(
            "row_diff",
            "row_diff",
            "the LIMIT cut the result, and ties may break "
            "differently; checked by row_count and reconciliation",
        )
        return
    sql = _diff_sql(ctx, keys)
    bad = ctx.rows(sql)
    yield CheckResult(
        name=f"row_diff ({', '.join(keys)})",
        kind="row_diff",
        status="fail" if bad else "pass",
        observed=len(bad),
        expected=0,
        sample_rows=bad,
        query=sql,
        message="rows differ from the spec's result"
        if bad
        else f"sample of up to {ROW_DIFF_SAMPLE:,} keys matches",
    )


def _truncated(ctx: Context) -> bool:
    """Did the LIMIT drop rows? Only then can ties pick different rows."""
    ((rows,),) = ctx.q(f"SELECT count(*) FROM {quote(ctx.ref_table)}")
    return rows >= (ctx.spec.limit or 0)


def _diff_sql(ctx: Context, keys: list[str]) -> str:
    """Sampled keys of either side joined on the keys; a row differs when a key is missing on
    one side or any value differs (numbers within a relative 1e-6)."""
    on = " AND ".join(f"t.{quote(k)} IS NOT DISTINCT FROM r.{quote(k)}" for k in keys)
    key_list = ", ".join(quote(k) for k in keys)
    # a spread-out yet repeatable sample: ordered by a hash of the keys, in each engine's words
    hashed = (
        f"md5(CAST(ROW({key_list}, 0) AS TEXT))"
        if ctx.engine.dialect == "postgres"
        else f"hash({key_list})"
    )
    sample = f"(SELECT * FROM {{src}} ORDER BY {hashed} LIMIT {ROW_DIFF_SAMPLE})"
    differs = []
    for column, kind in ctx.columns.items():
        if column.lower() in {k.lower() for k in keys}:
            continue
        t, r = f"t.{quote(column)}", f"r.{quote(column)}"
        if type_family(kind) == "numeric":
            differs.append(f"({t} IS NULL) <> ({r} IS NULL) OR " + _TOLERANCE.format(t=t, r=r))
        else:
            differs.append(f"{t} IS DISTINCT FROM {r}")
    missing = " OR ".join(f"{side}.{quote(keys[0])} IS NULL" for side in ("t", "r"))
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
        f"WHERE t.{quote(keys[0])} IS NULL"
    )


def _skipped(name: str, kind: str, why: str) -> CheckResult:
    return CheckResult(name=name, kind=kind, status="skipped", message=why)


PHASE1: list[tuple[str, Check]] = [
    ("schema", schema),
    ("not_empty", not_empty),
    ("grain", grain),
    ("predicates", predicates),
    ("row_count", row_count),
    ("reconciliation", reconciliation),
    ("row_diff", row_diff),
]


_NEEDS_REFERENCE = {"row_count", "reconciliation", "row_diff"}


def run_phase1(ctx: Context) -> list[CheckResult]:
    """Every check runs, whatever the others found; a check that breaks is `error`."""
    results: list[CheckResult] = []
    schema_ok = True
    for name, check in PHASE1:
        started = time.perf_counter()
        if ctx.reference is None and name in _NEEDS_REFERENCE:
            results.append(
                _skipped(
                    name,
                    name,
                    "the code is the spec's own compiled SQL: its output is the reference",
                )
            )
            continue
        if not schema_ok and name in {"reconciliation", "row_diff", "predicates"}:
            results.append(_skipped(name, name, "the schema does not match the spec"))
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
        for result in found:
            result.seconds = round(time.perf_counter() - started, 4)
        if name == "schema":
            schema_ok = all(r.status == "pass" for r in found)
        results.extend(found)
    return results

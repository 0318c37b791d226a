"""Merging a run's output into its target, and the increment filter: the SQL DuckDB and
PostgreSQL share (both have transactional DDL, IS NOT DISTINCT FROM and CREATE TABLE AS).

How a merge is made visible, and why (the cost is the price of checking before publishing):
the merged result is built into the run's own staging table, in one transaction that leaves
it either the increment or the merged table, never half of each:

    CREATE TABLE _dm_merging_<run> AS
        SELECT <output rows whose delete_when is not true> FROM staging
        UNION ALL
        SELECT <target rows whose keys are not in the output> FROM target;
    DROP staging; RENAME _dm_merging_<run> TO staging

It is then validated like any output (its grain, the spec's own tests) with the ordinary
read-only checks, and published with the same swap as `replace`, in one transaction that also
checks no other run published the target since this one read it (`require_generation`). A kill
at any moment leaves the target exactly as it was: the target is only ever touched by that
swap. The cost: every merge rewrites the whole target (its size in writes, and the checks scan
it), where an in-place DELETE + INSERT would write only the increment. In-place would need the
checks inside the open write transaction, which PostgreSQL's read-only check transactions
cannot join, and a failed check would then cost a rollback of the writes instead of a dropped
staging table. Correctness first; a target too large to rewrite is a reason to partition it.

Keys match with IS NOT DISTINCT FROM: a NULL group key is one value, as validation treats it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Protocol

import sqlglot
from sqlglot import exp

from datamorph.catalog import compatible_types
from datamorph.engines.base import QueryResult, Staging, quote, require_select, safe_run_suffix
from datamorph.engines.publish_log import PUBLISH_LOG
from datamorph.errors import DataMorphError, PipelineError, UsageError
from datamorph.spec.model import EXPRESSION_DIALECT, TargetTable

MERGING_PREFIX = "_dm_merging_"  # exists only inside the transaction that builds it
INCREMENT_ALIAS = "_dm_inc"


class MergeEngine(Protocol):
    """What merging needs of an engine (DuckDB and PostgreSQL have it)."""

    dialect: str

    def execute(self, sql: str, params: list[Any] | None = None) -> Any: ...

    def query(
        self, sql: str, *, limit: int | None = None, timeout: float | None = None
    ) -> QueryResult: ...

    def table_exists(self, name: str) -> bool: ...


class TargetMoved(PipelineError):
    """Another run published the target after this run read it: publishing would lose that."""


@dataclass(frozen=True)
class MergeCounts:
    increment: int  # rows of the run's output
    inserted: int  # output rows with a key new to the target
    updated: int  # output rows replacing the target's row(s) with their key
    deleted: int  # target rows removed because delete_when held for their key
    delete_rows: int  # output rows for which delete_when held (never inserted)
    merged: int  # rows of the merged result: the target once published

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def columns_of(engine: MergeEngine, table: str) -> dict[str, str]:
    """The table's columns and their types, in order."""
    result = engine.query(f"SELECT * FROM {quote(table)} LIMIT 0")
    return dict(zip(result.columns, result.types, strict=True))


def named(columns: dict[str, str] | list[str], name: str) -> str:
    """The column's name as the table spells it (names match ignoring case, as the spec's do)."""
    for column in columns:
        if column.lower() == name.lower():
            return column
    raise UsageError(f"the output has no column '{name}'", hint="check target_table in the spec")


def check_columns(output: dict[str, str], target: dict[str, str], name: str) -> None:
    """An output that does not have the target's columns cannot be merged into it."""
    have = {c.lower(): t for c, t in output.items()}
    want = {c.lower(): t for c, t in target.items()}
    missing = [c for c in target if c.lower() not in have]
    extra = [c for c in output if c.lower() not in want]
    changed = [
        f"{c} ({t} vs {want[c.lower()]})"
        for c, t in output.items()
        if c.lower() in want and not compatible_types(t, want[c.lower()])
    ]
    parts = [
        f"{label} {', '.join(items)}"
        for label, items in (
            ("missing", missing), ("not in the target", extra), ("other types", changed)
        )
        if items
    ]  # fmt: skip
    if parts:
        raise UsageError(
            f"the output's columns differ from the target '{name}': {'; '.join(parts)}",
            hint="rebuild the target from the full output with --full-refresh, or choose "
            "another target (--target); nothing was published",
        )


def check_unique_keys(engine: MergeEngine, staging: str, keys: list[str]) -> None:
    """Duplicate keys in the output are bad input for a merge (which row would win?)."""
    cols = ", ".join(quote(k) for k in keys)
    dup = f"SELECT {cols}, count(*) AS n FROM {quote(staging)} GROUP BY {cols} HAVING count(*) > 1"
    ((values, rows),) = engine.query(f"SELECT count(*), sum(n) FROM ({dup}) AS d").rows
    if not values:
        return
    top = engine.query(f"{dup} ORDER BY n DESC", limit=1).rows[0]
    example = ", ".join(f"{k} = {v!r}" for k, v in zip(keys, top, strict=False))
    raise UsageError(
        f"duplicate keys in the run's output: {', '.join(keys)} repeats for {values} "
        f"value{'s' if values != 1 else ''} ({int(rows)} rows; e.g. {example} x{top[-1]}); "
        "a merge needs one row per key",
        hint="make the output one row per key (group, or qualify row_number() = 1); "
        "nothing was published",
    )


def condition(text: str, columns: list[str], dialect: str) -> str:
    """A spec expression on output columns (DuckDB's SQL) in `dialect`, each column quoted
    as the table spells it (PostgreSQL would fold an unquoted name to lower case)."""
    tree = sqlglot.parse_one(text, read=EXPRESSION_DIALECT)
    for column in list(tree.find_all(exp.Column)):
        column.replace(exp.column(named(columns, column.name), quoted=True))
    return tree.sql(dialect=dialect)


def merge_staging(
    engine: MergeEngine, staging: Staging, target: TargetTable, *, full: bool
) -> tuple[Staging, MergeCounts]:
    """Turn the staging table (the run's output) into the merged result (see the module's
    docstring); `full`: merge into nothing, the target rebuilt from the output alone."""
    output = columns_of(engine, staging.name)
    columns = list(output)
    existed = not full and engine.table_exists(target.name)
    theirs = columns_of(engine, target.name) if existed else {}
    if existed:
        check_columns(output, theirs, target.name)
    dropped = "FALSE"
    if target.delete_when is not None:
        dropped = f"coalesce(({condition(target.delete_when, columns, engine.dialect)}), FALSE)"
    keys = [named(columns, k) for k in target.keys]
    stage, merging = quote(staging.name), quote(MERGING_PREFIX + safe_run_suffix(staging.run_id))
    select = f"SELECT {', '.join(map(quote, columns))} FROM {stage} WHERE NOT {dropped}"
    counts = [0, 0, 0]
    if existed:
        match = " AND ".join(
            f"s.{quote(k)} IS NOT DISTINCT FROM t.{quote(named(theirs, k))}" for k in keys
        )
        kept = ", ".join(f"t.{quote(named(theirs, c))}" for c in columns)
        select += (
            f" UNION ALL SELECT {kept} FROM {quote(target.name)} AS t "
            f"WHERE NOT EXISTS (SELECT 1 FROM {stage} AS s WHERE {match})"
        )
        counts = _counts(engine, stage, quote(target.name), match, dropped)
    ((delete_rows,),) = engine.query(f"SELECT count(*) FROM {stage} WHERE {dropped}").rows
    engine.execute("BEGIN TRANSACTION")
    try:
        engine.execute(f"CREATE TABLE {merging} AS {select}")
        engine.execute(f"DROP TABLE {stage}")
        engine.execute(f"ALTER TABLE {merging} RENAME TO {stage}")
        engine.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(DataMorphError):  # the error may have ended it already
            engine.execute("ROLLBACK")
        raise
    ((merged,),) = engine.query(f"SELECT count(*) FROM {stage}").rows
    upserts = staging.rows - int(delete_rows)
    updated, deleted = int(counts[0]), int(counts[1])
    result = MergeCounts(
        increment=staging.rows,
        inserted=upserts - updated,
        updated=updated,
        deleted=deleted,
        delete_rows=int(delete_rows),
        merged=int(merged),
    )
    return Staging(name=staging.name, run_id=staging.run_id, rows=int(merged)), result


def _counts(engine: MergeEngine, stage: str, target: str, match: str, dropped: str) -> list[int]:
    """[output rows that replace a target row, target rows deleted] before merging. Inside
    the sub-queries an unqualified column (delete_when's) is the nearest table's: s."""
    updated = (
        f"SELECT count(*) FROM {stage} AS s WHERE NOT {dropped} "
        f"AND EXISTS (SELECT 1 FROM {target} AS t WHERE {match})"
    )
    deleted = (
        f"SELECT count(*) FROM {target} AS t "
        f"WHERE EXISTS (SELECT 1 FROM {stage} AS s WHERE {match} AND {dropped})"
    )
    ((a,),) = engine.query(updated).rows
    ((b,),) = engine.query(deleted).rows
    return [int(a or 0), int(b or 0)]


def generation(engine: MergeEngine, target: str) -> int:
    """How many publishes of `target` this database's publish log holds: any publish since a
    run read this number changes it."""
    if not engine.table_exists(PUBLISH_LOG):
        return 0
    marker = "%s" if engine.dialect == "postgres" else "?"
    sql = f"SELECT count(*) FROM {PUBLISH_LOG} WHERE lower(target) = lower({marker})"
    (count,) = engine.execute(sql, [target]).fetchone() or (0,)
    return int(count)


def require_generation(
    execute: Any, target: str, expected: int, *, logged: bool, marker: str
) -> None:
    """Inside the publish transaction: refuse when another run published `target` since this
    run read `expected` (its rows would be lost, or an increment applied twice). `logged`: the
    publish log exists, asked before the transaction."""
    found = 0
    where = f"FROM {PUBLISH_LOG} WHERE lower(target) = lower({marker})"
    if logged:
        (found,) = execute(f"SELECT count(*) {where}", [target]).fetchone() or (0,)
    if int(found) == expected:
        return
    run_id = "?"  # the log is gone (dropped by hand): who published is not known
    if logged:
        last = execute(f"SELECT run_id {where} ORDER BY published_at DESC LIMIT 1", [target])
        (run_id,) = last.fetchone() or ("?",)
    raise TargetMoved(
        f"run {run_id} published {target} while this run was running; nothing was published",
        hint="run it again: it reads the target and its high-water mark afresh",
    )


def high_mark(engine: MergeEngine, table: str, column: str) -> tuple[str, str] | None:
    """max(column) over `table` as text, and the column's type; None when it has no value."""
    types = columns_of(engine, table)
    name = named(types, column)
    ((value,),) = engine.query(
        f"SELECT CAST(max({quote(name)}) AS VARCHAR) FROM {quote(table)}"
    ).rows
    return None if value is None else (str(value), types[name])


def above_mark(
    code: str,
    dialect: str,
    column: str,
    value: str,
    value_type: str | None,
    *,
    inclusive: bool = False,
) -> str:
    """`code` keeping only its rows whose `column` is above the mark:
    SELECT * FROM (<code>) AS _dm_inc WHERE _dm_inc.column > CAST('value' AS type).

    Row-level models read exactly the new rows. Aggregated ones are exact when `column` is a
    group key: a group passes or fails the filter whole. Code that does not parse is wrapped
    as text, so the engine reports the parse error (and healing can repair it) rather than
    staging rows that were never filtered."""
    literal: exp.Expr = exp.Literal.string(value)
    try:
        if value_type:
            literal = exp.cast(literal, exp.DataType.build(value_type, dialect=dialect))
    except (sqlglot.errors.SqlglotError, ValueError):
        pass  # a string literal: both engines read it as the column's type
    compare = exp.GTE if inclusive else exp.GT  # inclusive: at the mark or above
    keep = compare(this=exp.column(column, table=INCREMENT_ALIAS, quoted=True), expression=literal)
    try:
        tree = require_select(code, dialect)
    except UsageError:
        where = keep.sql(dialect=dialect)
        return f"SELECT * FROM ({code}\n) AS {INCREMENT_ALIAS} WHERE {where}"
    query = exp.select("*").from_(tree.subquery(INCREMENT_ALIAS)).where(keep)
    return query.sql(dialect=dialect)

"""What every phase-1 check reads: the output, the spec resolved against the catalog, and the
reference (the spec evaluated on its own into a temporary table, once).

The reference is compiled from the spec, not taken from the code under test, which may be
LLM-written or edited by hand. When the code under test IS the spec's compiled SQL, or is
proven to return the same table in every database (equivalence.py), its output is the
reference: evaluating the spec again would only compare the output with itself, so there is
no reference and the checks that need one are skipped (and say so).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlglot

from datamorph.catalog import Catalog, type_family
from datamorph.codegen.sql import compile_sql
from datamorph.engines.base import Engine, quote
from datamorph.spec import Spec, resolve_spec
from datamorph.spec.check import ResolvedSpec
from datamorph.validation.report import MAX_SAMPLE_ROWS, CheckResult

CHECK_TIMEOUT = 300.0  # seconds per check query; a check that runs out is `error`


@dataclass
class Context:
    engine: Engine
    spec: Spec
    table: str
    resolved: ResolvedSpec
    reference: str | None  # temporary table holding the spec's own result; None: see above
    columns: dict[str, str]  # output column -> type, as the output has them
    reference_columns: dict[str, str]
    # why there is no reference: the code is the spec's own query, as written or as proven
    same_as_spec: str = ""

    def q(self, sql: str) -> list[tuple[Any, ...]]:
        return self.engine.query(sql, timeout=CHECK_TIMEOUT).rows

    def rows(self, sql: str) -> list[dict[str, Any]]:
        return self.engine.query(sql, limit=MAX_SAMPLE_ROWS, timeout=CHECK_TIMEOUT).as_dicts()

    def found(
        self, sql: str, distinct: list[str] | None = None
    ) -> tuple[int, list[dict[str, Any]]]:
        """How many rows `sql` selects (or distinct values of the `distinct` columns), counted
        by an aggregate, and a sample of them. The sample is capped at MAX_SAMPLE_ROWS; the
        count never is."""
        sample = self.rows(sql)
        if not sample:
            return 0, sample
        found = f"({sql}) AS {quote('_dm_found')}"
        if distinct:  # DISTINCT, unlike count(DISTINCT ...), counts a NULL key as a value
            found = f"(SELECT DISTINCT {', '.join(map(quote, distinct))} FROM {found}) AS _dm_keys"
        ((count,),) = self.q(f"SELECT count(*) FROM {found}")
        return int(count), sample

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
        """The grain: the declared keys, else the group-by outputs of an aggregate."""
        declared = list(self.spec.target_table.keys)
        if declared:
            return declared
        if self.spec.is_aggregate and self.spec.limit is None:
            return self.group_keys
        return []

    @property
    def group_keys(self) -> list[str]:
        return [name for name, _ in self.resolved.main.group_items]

    @property
    def not_null_keys(self) -> list[str]:
        """The keys that may never be NULL. A group-by output may: GROUP BY makes one group,
        one row, of its NULLs, and the spec's own result has that row too. It may not when the
        spec lists it in `target_table.not_null`. A declared key of an output that is not
        grouped (one row per source row) names a row, and a row without its name is wrong:
        that is v1's "keys are unique and not null", unchanged."""
        grouped = {k.lower() for k in self.group_keys} if self.spec.is_aggregate else set()
        declared = {k.lower() for k in self.spec.target_table.not_null}
        return [k for k in self.keys if k.lower() in declared or k.lower() not in grouped]

    def measures(self) -> list[str]:
        keys = {k.lower() for k in self.keys}
        return [
            c
            for c, t in self.columns.items()
            if c.lower() not in keys and type_family(t) == "numeric"
        ]


def open_context(
    engine: Engine,
    spec: Spec,
    table: str,
    catalog: Catalog,
    code: str | None = None,
    *,
    wrap: Callable[[str], str] | None = None,
    no_reference: str = "",
) -> Context:
    """The context of one validation; the caller closes it (the reference is dropped).
    `wrap` and `no_reference`: see validation.validate."""
    resolved = resolve_spec(spec, catalog)
    sql = compile_sql(spec, catalog, engine.dialect)
    if wrap is not None:  # the reference reads what the code read: the same increment
        sql = wrap(sql)
    columns = _types(engine, table)
    same = no_reference
    if not same and code is not None:
        same = _same_as_spec(code, sql, catalog, engine.dialect)
    if same:
        return Context(engine, spec, table, resolved, None, columns, columns, same)
    reference = f"_dm_ref_{secrets.token_hex(4)}"
    engine.execute(f"CREATE TEMP TABLE {quote(reference)} AS {sql}")
    return Context(engine, spec, table, resolved, reference, columns, _types(engine, reference))


def _same_as_spec(code: str, sql: str, catalog: Catalog, dialect: str) -> str:
    """Why `code` needs no reference (it is the spec's query), or "" when it may not be."""
    own = "the code is the spec's own compiled SQL: its output is the reference"
    if code.strip() == sql.strip():  # the run's own compiled SQL: no need to parse either
        return own
    from datamorph.validation.equivalence import proven_equivalent  # only for --code

    if proven_equivalent(code, sql, catalog, dialect):
        return (
            "the code is proven equivalent to the spec's compiled SQL (the same tables, "
            "joins, filters, groups and outputs, written differently): its output is the "
            "reference"
        )
    return own if _same_sql(code, sql, dialect) else ""


def _same_sql(a: str, b: str, dialect: str) -> bool:
    """The same statement once parsed (where the prover does not reason, e.g. a subquery)."""
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


def skipped(name: str, kind: str, why: str) -> CheckResult:
    return CheckResult(name=name, kind=kind, status="skipped", message=why)

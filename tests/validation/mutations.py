"""The tools the seeded defects are made with: the context a defect sees, and sqlglot tree
helpers to find sources, columns, keys and rows in the correct compiled SQL."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from datamorph.catalog import Catalog, Column, type_family
from datamorph.spec import Spec

DIALECT = "duckdb"
AGGREGATES = (exp.Sum, exp.Avg, exp.Min, exp.Max)
ARITHMETIC = {exp.Sub: exp.Add, exp.Add: exp.Sub, exp.Mul: exp.Div, exp.Div: exp.Mul}
COARSER = {"DAY": "WEEK", "WEEK": "MONTH", "MONTH": "QUARTER", "QUARTER": "YEAR", "YEAR": "MONTH"}


@dataclass
class DefectContext:
    spec: Spec
    catalog: Catalog
    rows: list[dict[str, Any]]  # the correct output, sorted by the declared keys
    types: dict[str, str]  # output column -> DuckDB type
    lookup: Callable[[str], list[tuple[Any, ...]]]  # runs a read-only query on the sources

    @property
    def keys(self) -> list[str]:
        return list(self.spec.target_table.keys)


Defect = Callable[[exp.Select, DefectContext], str | None]


# ---- helpers ----------------------------------------------------------------------------------


def render(tree: exp.Expr) -> str:
    return tree.sql(dialect=DIALECT)


def source_aliases(select: exp.Select) -> dict[str, str]:
    """Alias (or name) -> table name, for the FROM table and every joined table."""
    tables = [select.args["from_"].this] if select.args.get("from_") else []
    tables += [join.this for join in select.args.get("joins") or []]
    return {t.alias_or_name: t.name for t in tables if isinstance(t, exp.Table)}


def table_columns(ctx: DefectContext, select: exp.Select, alias: str) -> list[Column]:
    """The catalog columns behind an alias; [] for a CTE or unknown table."""
    name = source_aliases(select).get(alias)
    if name is None or not ctx.catalog.has_table(name):
        return []
    return list(ctx.catalog.table(name).columns)


def column_type(ctx: DefectContext, select: exp.Select, column: exp.Column) -> Column | None:
    for candidate in table_columns(ctx, select, column.table):
        if candidate.name.lower() == column.name.lower():
            return candidate
    return None


def is_key_like(ctx: DefectContext, select: exp.Select, alias: str, name: str) -> bool:
    table = source_aliases(select).get(alias)
    primary: tuple[str, ...] = ()
    if table and ctx.catalog.has_table(table):
        primary = ctx.catalog.table(table).primary_key
    return name.lower().endswith("_id") or name in primary


def replace_everywhere(tree: exp.Expr, old: exp.Expr, new: exp.Expr) -> exp.Expr:
    """Every subtree equal to `old` becomes `new`: code that repeats an expression (in HAVING,
    QUALIFY, windows) repeats the mistake too."""
    return tree.transform(lambda node: new.copy() if node == old else node)


def projection(select: exp.Select, name: str) -> exp.Expr | None:
    for item in select.expressions:
        if item.alias_or_name.lower() == name.lower():
            return item
    return None


def unaliased(item: exp.Expr) -> exp.Expr:
    return item.this if isinstance(item, exp.Alias) else item


def typed_literal(value: Any, sql_type: str) -> exp.Expr:
    """A value of the output as a SQL literal of the output's type."""
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float | decimal.Decimal):
        return exp.Literal.number(str(value))
    if isinstance(value, str) and type_family(sql_type) == "text":
        return exp.Literal.string(value)
    text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else str(value)
    return exp.cast(exp.Literal.string(text), sql_type, dialect=DIALECT)


def pick_row(ctx: DefectContext, columns: list[str], fraction: float) -> dict[str, Any] | None:
    """A deterministic row (about `fraction` of the way through) whose `columns` are not null."""
    usable = [row for row in ctx.rows if all(row.get(c) is not None for c in columns)]
    return usable[int(len(usable) * fraction)] if usable else None


def key_condition(select: exp.Select, ctx: DefectContext, row: dict[str, Any]) -> exp.Expr | None:
    """`key_expr = value AND ...` selecting exactly `row` by its key values, as the code sees
    them (the expressions behind the key outputs, so it works in WHERE and projections)."""
    parts = []
    for key in ctx.keys:
        item = projection(select, key)
        if item is None or has_aggregate_or_window(unaliased(item)):
            return None
        parts.append(
            exp.EQ(this=unaliased(item).copy(), expression=typed_literal(row[key], ctx.types[key]))
        )
    return exp.and_(*parts) if parts else None


def most_nulls(ctx: DefectContext, table: str, columns: list[str]) -> str:
    """The column of `table` with the most NULLs (the first on a tie)."""
    nulls = ctx.lookup(
        "SELECT " + ", ".join(f'count(*) - count("{c}")' for c in columns) + f" FROM {table}"
    )[0]
    return columns[max(range(len(columns)), key=lambda i: (nulls[i], -i))]


def has_aggregate_or_window(node: exp.Expr) -> bool:
    return bool(node.find(exp.AggFunc, exp.Window))


def conjunct_list(condition: exp.Expr) -> list[exp.Expr]:
    return list(condition.flatten()) if isinstance(condition, exp.And) else [condition]


def frequent_other(
    ctx: DefectContext, select: exp.Select, expr: exp.Expr, not_in: list[Any]
) -> Any:
    """The most frequent value of `expr` (over one table) other than `not_in`, or None."""
    aliases = {c.table for c in expr.find_all(exp.Column)}
    if len(aliases) != 1:
        return None
    alias = aliases.pop()
    table = source_aliases(select).get(alias)
    if table is None or not ctx.catalog.has_table(table):
        return None
    rows = ctx.lookup(
        f"SELECT v FROM (SELECT {render(expr)} AS v, count(*) AS n FROM {table} AS {alias} "
        f"GROUP BY 1) WHERE v IS NOT NULL ORDER BY n DESC, v::VARCHAR"
    )
    for (value,) in rows:
        if str(value) not in {str(v) for v in not_in}:
            return value
    return None


# ---- the defects ------------------------------------------------------------------------------

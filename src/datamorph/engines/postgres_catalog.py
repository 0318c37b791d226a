"""The catalog of one PostgreSQL schema, read from pg_catalog in a handful of queries.

Tables, views and foreign tables; columns with their types as PostgreSQL names them
(`numeric(12,2)`, `character varying(80)`, `timestamp with time zone`), NOT NULL and comments;
primary, unique and foreign keys. Row counts are exact when the planner's estimate says the
table is small (a count(*) is then cheap) and the estimate otherwise, so a catalog of a
billion-row table does not scan it.
"""

from __future__ import annotations

from typing import Any

import psycopg

from datamorph.catalog import Catalog, Column, ForeignKey, Table
from datamorph.engines.base import quote
from datamorph.engines.profiling import SAMPLE_ROWS, profile_column

EXACT_COUNT_BELOW = 1_000_000  # estimated rows under which count(*) is run
_RELATIONS = "('r', 'p', 'v', 'm', 'f')"


def read_catalog(
    con: psycopg.Connection[Any], schema: str, *, samples: int, profile: bool, counts: bool
) -> Catalog:
    estimates = _estimates(con, schema)
    columns = _columns(con, schema)
    keys = _keys(con, schema)
    tables = []
    for name, estimate in estimates.items():
        if name.lower().startswith("_dm_"):
            continue
        row_count = _row_count(con, schema, name, estimate) if counts or profile else None
        cols = columns.get(name, [])
        if profile and row_count:
            cols = [_profiled(con, schema, name, column) for column in cols]
        entry = keys.get(name, {})
        tables.append(
            Table(
                name=name,
                columns=tuple(cols),
                row_count=row_count,
                primary_key=tuple(entry.get("pk", ())),
                unique_keys=tuple(entry.get("unique", ())),
                foreign_keys=tuple(entry.get("fk", ())),
                samples=tuple(first_rows(con, schema, name, samples)) if samples else (),
            )
        )
    return Catalog.of(tables, functions=_functions(con), dialect="postgres")


def table_names(con: psycopg.Connection[Any], schema: str) -> list[str]:
    return [name for name in _estimates(con, schema) if not name.lower().startswith("_dm_")]


def first_rows(con: psycopg.Connection[Any], schema: str, table: str, limit: int) -> list[dict]:
    from datamorph.engines.duckdb import json_value

    cursor = con.execute(f"SELECT * FROM {qualified(schema, table)} LIMIT {int(limit)}")
    names = [d.name for d in cursor.description or []]
    return [dict(zip(names, map(json_value, row), strict=True)) for row in cursor.fetchall()]


def qualified(schema: str, table: str) -> str:
    return f"{quote(schema)}.{quote(table)}"


def _estimates(con: psycopg.Connection[Any], schema: str) -> dict[str, float]:
    rows = con.execute(
        "SELECT c.relname, c.reltuples FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        f"WHERE n.nspname = %s AND c.relkind IN {_RELATIONS} ORDER BY c.relname",
        [schema],
    ).fetchall()
    return {name: float(estimate) for name, estimate in rows}


def _row_count(con: psycopg.Connection[Any], schema: str, table: str, estimate: float) -> int:
    # reltuples is -1 for a table never analysed, 0 for a new one: both are counted
    if estimate < EXACT_COUNT_BELOW:
        (count,) = con.execute(f"SELECT count(*) FROM {qualified(schema, table)}").fetchone() or (
            0,
        )
        return int(count)
    return int(estimate)


def _columns(con: psycopg.Connection[Any], schema: str) -> dict[str, list[Column]]:
    rows = con.execute(
        "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
        "col_description(a.attrelid, a.attnum) FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        f"WHERE n.nspname = %s AND c.relkind IN {_RELATIONS} AND a.attnum > 0 "
        "AND NOT a.attisdropped ORDER BY c.relname, a.attnum",
        [schema],
    ).fetchall()
    found: dict[str, list[Column]] = {}
    for table, name, sql_type, not_null, comment in rows:
        found.setdefault(table, []).append(
            Column(name=name, type=sql_type, nullable=not not_null, comment=comment or None)
        )
    return found


def _keys(con: psycopg.Connection[Any], schema: str) -> dict[str, dict[str, list[Any]]]:
    rows = con.execute(
        "SELECT c.relname, k.contype, "
        "ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(num, i) "
        "  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.i), "
        "r.relname, "
        "ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS u(num, i) "
        "  JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.i) "
        "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class r ON r.oid = k.confrelid "
        "WHERE n.nspname = %s AND k.contype IN ('p', 'u', 'f') ORDER BY c.relname, k.conname",
        [schema],
    ).fetchall()
    found: dict[str, dict[str, list[Any]]] = {}
    for table, kind, cols, ref_table, ref_cols in rows:
        entry = found.setdefault(table, {"pk": [], "unique": [], "fk": []})
        if kind == "p":
            entry["pk"] = list(cols)
        elif kind == "u":
            entry["unique"].append(tuple(cols))
        else:
            entry["fk"].append(
                ForeignKey(columns=tuple(cols), ref_table=ref_table, ref_columns=tuple(ref_cols))
            )
    return found


def _functions(con: psycopg.Connection[Any]) -> frozenset[str]:
    rows = con.execute("SELECT DISTINCT proname FROM pg_proc").fetchall()
    return frozenset(name for (name,) in rows)


def _profiled(con: psycopg.Connection[Any], schema: str, table: str, column: Column) -> Column:
    """Over the first rows read; distinct count, min and max only for types PostgreSQL
    compares and orders (not json, not boolean)."""
    ordered = column.family in ("numeric", "text", "temporal")
    return profile_column(
        column,
        lambda sql: con.execute(sql).fetchall(),
        f"(SELECT * FROM {qualified(schema, table)} LIMIT {SAMPLE_ROWS}) s",
        distinct="count(DISTINCT {col})" if ordered else "NULL::bigint",
        ranged=ordered,
    )

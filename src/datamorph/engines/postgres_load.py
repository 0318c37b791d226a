"""A data file into a new PostgreSQL table: DuckDB reads it (CSV dialect and type inference,
Parquet, JSON), psycopg streams the rows with COPY, the fastest way into PostgreSQL.

Types map to their PostgreSQL names; a type without a plain counterpart (a list, a struct, a
map) arrives as its text form rather than failing the load.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import psycopg

from datamorph.engines.base import quote
from datamorph.engines.duckdb_confine import CONFIG, confine

_BATCH_ROWS = 50_000
_TYPES = {
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "UTINYINT": "integer",
    "USMALLINT": "integer",
    "UINTEGER": "bigint",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "DATE": "date",
    "TIME": "time",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "VARCHAR": "text",
    "UUID": "uuid",
    "INTERVAL": "interval",
    "BLOB": "bytea",
}
_DECIMAL = re.compile(r"^DECIMAL\(\d+,\s*\d+\)$")


def copy_file(con: psycopg.Connection[Any], path: Path, table: str) -> int:
    """Create `table` (schema-qualified, quoted) from the file and COPY its rows; row count."""
    from datamorph.engines.duckdb import loader_for

    reader = duckdb.connect(":memory:", config=CONFIG)
    try:
        confine(reader, [path])
        relation = reader.sql(f"SELECT * FROM {loader_for(path)}(?)", params=[str(path)])
        columns = [
            (name, _pg_type(str(kind)))
            for name, kind in zip(relation.columns, relation.types, strict=True)
        ]
        casts = ", ".join(
            quote(name) if pg != "text" or kind == "VARCHAR" else f"{quote(name)}::VARCHAR"
            for (name, pg), kind in zip(columns, map(str, relation.types), strict=True)
        )
        definition = ", ".join(f"{quote(name)} {pg}" for name, pg in columns)
        con.execute(f"CREATE TABLE {table} ({definition})")
        names = ", ".join(quote(name) for name, _ in columns)
        rows = 0
        result = reader.execute(f"SELECT {casts} FROM {loader_for(path)}(?)", [str(path)])
        with con.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            while batch := result.fetchmany(_BATCH_ROWS):
                for row in batch:
                    copy.write_row(row)
                rows += len(batch)
        return rows
    finally:
        reader.close()


def _pg_type(duckdb_type: str) -> str:
    if _DECIMAL.match(duckdb_type):
        return "numeric" + duckdb_type.removeprefix("DECIMAL")
    return _TYPES.get(duckdb_type, "text")

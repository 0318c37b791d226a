"""A data file into a new PostgreSQL table: DuckDB reads it (CSV dialect and type inference,
Parquet, JSON), psycopg streams the rows with COPY, the fastest way into PostgreSQL.

Types map to their PostgreSQL names; a type without a plain counterpart (a list, a struct, a
map) arrives as its text form rather than failing the load.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pyarrow.csv as pa_csv

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
}
# DuckDB types whose Arrow CSV rendering PostgreSQL reads as is; the rest go as DuckDB's text
_AS_IS = {
    "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT",
    "UINTEGER", "FLOAT", "DOUBLE", "DATE", "TIMESTAMP", "VARCHAR",
}  # fmt: skip
_DECIMAL = re.compile(r"^DECIMAL\(\d+,\s*\d+\)$")


def copy_file(con: psycopg.Connection[Any], path: Path, table: str) -> int:
    """Create `table` (schema-qualified, quoted) from the file and COPY its rows in; the row
    count. The rows travel as CSV written by Arrow in batches: a Python call per batch, not
    per row."""
    from datamorph.engines.duckdb import loader_for

    reader = duckdb.connect(":memory:", config=CONFIG)
    try:
        confine(reader, [path])
        source = f"{loader_for(path)}(?)"
        relation = reader.sql(f"SELECT * FROM {source}", params=[str(path)])
        kinds = [str(kind) for kind in relation.types]
        columns = [
            (name, _pg_type(kind)) for name, kind in zip(relation.columns, kinds, strict=True)
        ]
        # what PostgreSQL reads from text rather than from Arrow's rendering: as DuckDB's text
        casts = ", ".join(
            f"{quote(name)}::VARCHAR" if kind not in _AS_IS else quote(name)
            for (name, _), kind in zip(columns, kinds, strict=True)
        )
        definition = ", ".join(f"{quote(name)} {pg}" for name, pg in columns)
        con.execute(f"CREATE TABLE {table} ({definition})")
        names = ", ".join(quote(name) for name, _ in columns)
        selected = reader.sql(f"SELECT {casts} FROM {source}", params=[str(path)])
        batches = selected.to_arrow_reader(_BATCH_ROWS)
        rows = 0
        options = pa_csv.WriteOptions(include_header=False)
        with con.cursor().copy(f"COPY {table} ({names}) FROM STDIN (FORMAT csv)") as copy:
            for batch in batches:
                buffer = io.BytesIO()
                pa_csv.write_csv(batch, buffer, options)  # strings quoted; NULL left empty
                copy.write(buffer.getvalue())
                rows += batch.num_rows
        return rows
    finally:
        reader.close()


def _pg_type(duckdb_type: str) -> str:
    if _DECIMAL.match(duckdb_type):
        return "numeric" + duckdb_type.removeprefix("DECIMAL")
    return _TYPES.get(duckdb_type, "text")

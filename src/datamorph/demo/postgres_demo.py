"""The demo's retail database on PostgreSQL: generated with DuckDB (fast, seeded), then copied
table by table with COPY into the URL's schema, keys included, each table replaced atomically."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from datamorph.demo.showcase import DemoDatabase, build_demo_database
from datamorph.engines import open_engine
from datamorph.engines.base import quote
from datamorph.engines.transfer import copy_tables


def build_demo_on_postgres(url: str, *, orders: int, seed: int = 42) -> DemoDatabase:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dm-demo-") as folder:
        local = Path(folder) / "demo.duckdb"
        built = build_demo_database(local, orders=orders, seed=seed)
        keys = _keys(local)
        engine = open_engine(url, create=True)
        try:
            copy_tables(local, built.rows, engine, Path(folder))
            for statement in keys:
                engine.execute(statement)
            engine.execute("ANALYZE")
            location = engine.location
        finally:
            engine.close()
    return DemoDatabase(path=location, rows=built.rows, seconds=time.perf_counter() - started)


def _keys(database: Path) -> list[str]:
    """Primary keys first, then foreign keys: the statements that give PostgreSQL the same."""
    with duckdb.connect(str(database), read_only=True) as con:
        rows: list[Any] = con.execute(
            "SELECT table_name, constraint_type, constraint_column_names, referenced_table, "
            "referenced_column_names FROM duckdb_constraints() "
            "WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') "
            "ORDER BY constraint_type DESC, table_name"
        ).fetchall()
    statements = []
    for table, kind, columns, ref_table, ref_columns in rows:
        cols = ", ".join(quote(c) for c in columns)
        if kind == "PRIMARY KEY":
            statements.append(f"ALTER TABLE {quote(table)} ADD PRIMARY KEY ({cols})")
        else:
            refs = ", ".join(quote(c) for c in ref_columns)
            statements.append(
                f"ALTER TABLE {quote(table)} ADD FOREIGN KEY ({cols}) "
                f"REFERENCES {quote(ref_table)} ({refs})"
            )
    return statements

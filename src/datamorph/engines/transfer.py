"""Tables of a DuckDB file copied into another engine: each written to Parquet by DuckDB, then
loaded by the engine's own `stage_file` and published (PostgreSQL through COPY, Spark through
its reader). The demo on a server and the tests' fixtures share it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from datamorph.engines.base import quote
from datamorph.spec.model import TargetTable


def copy_tables(source: Path, tables: Iterable[str], engine: Any, folder: Path) -> None:
    """Replace each of `tables` in `engine` with the rows of the DuckDB file `source`;
    `folder` holds the Parquet files on the way."""
    with duckdb.connect(str(source), read_only=True) as con:
        for table in tables:
            parquet = folder / f"{table}.parquet"
            con.execute(f"COPY {quote(table)} TO '{parquet}' (FORMAT parquet)")
            staging = engine.stage_file(parquet, f"load_{table}")
            engine.publish(staging, TargetTable(name=table))

"""A DuckDB database's own list of the staging tables that exist, so that a run finds the
leftovers of crashed runs without listing every table.

Listing tables (duckdb_tables(), information_schema, SHOW TABLES) makes DuckDB load the
metadata of every table in the file: 10-20 ms on a fresh connection to a 1M-row database,
more than the rest of a small run's statements together, and every run sweeps leftovers. So a
staging table is created and listed here in one transaction, and leaves the list in the
transaction that publishes or drops it: a process killed at any point leaves either both or
neither. The sweep reads this one small table. A database without the list (written before
it existed, or never staged into) gets one full sweep by name, which also creates the list.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from datamorph.engines.base import BACKUP_PREFIX, STAGING_PREFIX, leftover_run, quote
from datamorph.errors import DataMorphError

STAGING_LOG = "_dm_staging_log"
_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {STAGING_LOG} "
    "(table_name VARCHAR PRIMARY KEY, run_id VARCHAR NOT NULL)"
)

Execute = Callable[..., Any]  # the engine's execute(sql, params=None)


def ensure(execute: Execute) -> None:
    """Create the list before runs start at once (see publish_log.ensure)."""
    execute(_CREATE, [])


def create(execute: Execute, name: str, run_id: str, select: str, params: list[Any] | None) -> int:
    """Replace the staging table `name` by `select`, listed; its row count."""
    execute("BEGIN TRANSACTION")
    try:
        execute(_CREATE)
        execute(f"DROP TABLE IF EXISTS {quote(name)}")
        created = execute(f"CREATE TABLE {quote(name)} AS {select}", params)
        (rows,) = created.fetchone() or (0,)  # CREATE TABLE AS answers with its row count
        execute(f"INSERT OR REPLACE INTO {STAGING_LOG} VALUES (?, ?)", [name, run_id])
        execute("COMMIT")
    except BaseException:
        _rollback(execute)
        raise
    return int(rows)


def forget(execute: Execute, name: str) -> None:
    """Inside the transaction that publishes or drops `name`."""
    execute(_CREATE)
    execute(f"DELETE FROM {STAGING_LOG} WHERE table_name = ?", [name])


def drop(execute: Execute, name: str) -> None:
    execute("BEGIN TRANSACTION")
    try:
        execute(f"DROP TABLE IF EXISTS {quote(name)}")
        forget(execute, name)
        execute("COMMIT")
    except BaseException:
        _rollback(execute)
        raise


def sweep(execute: Execute, active: set[str]) -> list[str]:
    """Drop the staging and backup tables of runs not in `active` (suffixes); their names."""
    listed = _listed(execute)
    if listed is None:
        listed = _by_name(execute)
        execute(_CREATE)
    dropped = []
    for name in listed:
        run = leftover_run(name)
        if run is not None and run not in active:
            drop(execute, name)
            dropped.append(name)
    return dropped


def _listed(execute: Execute) -> list[str] | None:
    try:
        rows = execute(f"SELECT table_name FROM {STAGING_LOG} ORDER BY 1").fetchall()
    except DataMorphError:  # no list yet
        return None
    return [name for (name,) in rows]


def _by_name(execute: Execute) -> list[str]:
    rows = execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND (table_name LIKE ? OR table_name LIKE ?) ORDER BY 1",
        [STAGING_PREFIX + "%", BACKUP_PREFIX + "%"],
    ).fetchall()
    return [name for (name,) in rows]


def _rollback(execute: Execute) -> None:
    # No transaction may be left to roll back: the error can have ended it already.
    with contextlib.suppress(DataMorphError):
        execute("ROLLBACK")

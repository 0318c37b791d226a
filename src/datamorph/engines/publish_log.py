"""Which runs published, written by the publish itself, in the target's own database.

A process can die after the database committed a publish and before the run store heard of
it. The run store then says "publishing", the target holds the new rows, and a resumed run
must not publish again (an append would add its rows twice). So the publish transaction also
inserts one row here, keyed by run id: either both the swap and the row are committed or
neither is, and a second publish of the same run fails on the key instead of repeating.

SQL engines with transactions (DuckDB, PostgreSQL) share this; the table's `_dm_` prefix keeps
it out of catalogs, like staging tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from datamorph.engines.base import PublishResult

PUBLISH_LOG = "_dm_publish_log"

_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {PUBLISH_LOG} ("
    "run_id VARCHAR(64) PRIMARY KEY, target VARCHAR(512) NOT NULL, mode VARCHAR(16) NOT NULL, "
    "row_count BIGINT NOT NULL, replaced BOOLEAN NOT NULL, "
    "published_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP)"
)

Execute = Callable[[str, list[Any]], Any]


def ensure(execute: Execute) -> None:
    """Create the log before runs start at once: two transactions creating it together race
    (PostgreSQL: a unique violation on its catalog), and the second run fails for nothing."""
    execute(_CREATE, [])


def record(execute: Execute, run_id: str, result: PublishResult, marker: str) -> None:
    """Inside the publish transaction: this run published `result` (`marker`: '?' or '%s')."""
    execute(_CREATE, [])
    values = ", ".join([marker] * 5)
    execute(
        f"INSERT INTO {PUBLISH_LOG} (run_id, target, mode, row_count, replaced) VALUES ({values})",
        [run_id, result.target, result.mode, result.rows, result.replaced],
    )


def lookup(
    query: Callable[[str, list[Any]], list[tuple[Any, ...]]], run_id: str, marker: str, exists: bool
) -> PublishResult | None:
    """What `run_id` published, or None when it never did (`exists`: the log table exists)."""
    if not exists:
        return None
    rows = query(
        f"SELECT target, mode, row_count, replaced FROM {PUBLISH_LOG} WHERE run_id = {marker}",
        [run_id],
    )
    if not rows:
        return None
    target, mode, count, replaced = rows[0]
    return PublishResult(target=target, mode=mode, rows=int(count), replaced=bool(replaced))

"""High-water marks of incremental targets, kept in the run store (`watermarks` table).

A mark says: run R published `target` in `database`, and the largest value of `column` among
the rows it published was `value` (text, with the column's type). The next incremental run
reads only rows above it. A mark is added as pending just before its run publishes and is
marked committed right after the publish committed; a pending mark whose run the target's own
publish log names (the process died between the two) counts as committed too (run_increment.py
checks that). So the store never gives a mark for rows the target does not hold, and never
loses one for rows it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from datamorph.runs.schema import watermarks_table as table

if TYPE_CHECKING:
    from datamorph.runs.store import RunStore

RECENT = 20  # marks looked at, newest first: pending ones of runs that never published skipped


@dataclass(frozen=True)
class Watermark:
    id: int
    database: str
    target_table: str
    column: str
    value: str | None  # None: a full load that published no rows; the next run reads everything
    value_type: str | None
    run_id: str
    committed: bool
    created_at: datetime


def place(location: str) -> str:
    """The database as marks are keyed: a DuckDB file by its absolute path, so a relative path
    given from another folder is the same database; a URL as the engine shows it."""
    if "://" in location or location.startswith("spark:") or location == ":memory:":
        return location
    return str(Path(location).expanduser().resolve())


class Watermarks:
    """The marks of one run store (shares its engine and its transaction discipline)."""

    def __init__(self, store: RunStore) -> None:
        self.store = store

    def add_pending(
        self,
        run_id: str,
        database: str,
        target: str,
        column: str,
        value: str | None,
        value_type: str | None,
    ) -> None:
        with self.store._write() as conn:  # a later attempt's mark replaces a pending one
            conn.execute(
                table.delete().where(table.c.run_id == run_id, table.c.committed.is_(False))
            )
            conn.execute(
                table.insert().values(
                    database=place(database),
                    target_table=target.lower(),
                    column_name=column,
                    value=value,
                    value_type=value_type,
                    run_id=run_id,
                    committed=False,
                    created_at=self.store.now(),
                )
            )

    def commit(self, run_id: str) -> None:
        """The run's publish committed: its marks count from now on."""
        with self.store._write() as conn:
            conn.execute(table.update().where(table.c.run_id == run_id).values(committed=True))

    def discard(self, run_id: str) -> None:
        """The run did not publish: its pending marks go (committed ones stay)."""
        with self.store._write() as conn:
            conn.execute(
                table.delete().where(table.c.run_id == run_id, table.c.committed.is_(False))
            )

    def recent(self, database: str, target: str, limit: int = RECENT) -> list[Watermark]:
        """The target's marks, newest first, pending ones included (the caller checks them)."""
        query = (
            sa.select(table)
            .where(table.c.database == place(database), table.c.target_table == target.lower())
            .order_by(table.c.id.desc())
            .limit(limit)
        )
        with self.store._read() as conn:
            rows = conn.execute(query).all()
        return [
            Watermark(
                id=row.id,
                database=row.database,
                target_table=row.target_table,
                column=row.column_name,
                value=row.value,
                value_type=row.value_type,
                run_id=row.run_id,
                committed=bool(row.committed),
                created_at=row.created_at,
            )
            for row in rows
        ]

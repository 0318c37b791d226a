"""Versioned upgrades of the run store's tables, so an older store is upgraded, not broken.

The store records its schema version in `store_version`. A store made before versions existed
has runs but no version row: it is version 1. Opening a store brings it to `CURRENT` in one
transaction (SQLite and PostgreSQL both run DDL inside transactions, so a crash mid-upgrade
leaves the old version whole); a store newer than this code is refused rather than misread.

Each step is a function of alembic `Operations`, which writes the ALTER statements each
dialect understands; the version bookkeeping is ours, as the steps ship inside the package
rather than as a migration script folder.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from datamorph.errors import ConfigurationError
from datamorph.runs.schema import METADATA, watermarks_table

CURRENT = 3

version_table = sa.Table(
    "store_version",
    METADATA,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),  # always 1
    sa.Column("version", sa.Integer(), nullable=False),
)


def _v2_owner_and_request(op: object) -> None:
    """Who drives each run (liveness), and the options `runs resume` continues it with."""
    op.add_column("runs", sa.Column("owner", sa.String(200)))  # type: ignore[attr-defined]
    op.add_column("runs", sa.Column("request", sa.JSON()))  # type: ignore[attr-defined]


def _v3_watermarks(op: object) -> None:
    """The high-water marks of incremental targets: a new table, nothing else changes."""
    watermarks_table.create(op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]


# STEPS[n] takes a store from version n to n + 1.
STEPS: dict[int, Callable[[object], None]] = {1: _v2_owner_and_request, 2: _v3_watermarks}


def upgrade(conn: Connection) -> tuple[int, int]:
    """Create or upgrade the store's tables on `conn` (a write transaction); (from, to)."""
    _serialize(conn)
    inspector = sa.inspect(conn)
    if not inspector.has_table("runs"):
        METADATA.create_all(conn)
        _set_version(conn, CURRENT)
        return 0, CURRENT
    found = _version(conn, inspector.has_table("store_version"))
    if found > CURRENT:
        raise ConfigurationError(
            f"the run store has schema version {found}; this DataMorph knows up to {CURRENT}",
            hint="upgrade DataMorph (the store was written by a newer release)",
        )
    if found < CURRENT:
        _apply(conn, found)
        METADATA.create_all(conn)  # tables added since (checkfirst: existing ones are kept)
        _set_version(conn, CURRENT)
    return found, CURRENT


def _apply(conn: Connection, found: int) -> None:
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    op = Operations(MigrationContext.configure(conn))
    for version in range(found, CURRENT):
        STEPS[version](op)


def _version(conn: Connection, has_table: bool) -> int:
    if not has_table:
        return 1  # runs without a version row: the store as it was before versions
    found = conn.execute(sa.select(version_table.c.version)).scalar()
    return int(found) if found is not None else 1


def _set_version(conn: Connection, version: int) -> None:
    METADATA.create_all(conn, tables=[version_table])
    if conn.execute(sa.select(version_table.c.id)).first() is None:
        conn.execute(version_table.insert().values(id=1, version=version))
    else:
        conn.execute(version_table.update().values(version=version))


def _serialize(conn: Connection) -> None:
    """One upgrader at a time: SQLite's write transaction already is; PostgreSQL takes a
    transaction-level advisory lock, so two workers opening an old store do not race."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(7140531)"))  # any fixed number

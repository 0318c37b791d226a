"""What the run store keeps (record models, portable tables) and how it connects.

Only SQLAlchemy types are used (JSON, DateTime, String...), no dialect-specific DDL, so the same
tables can be created on SQLite today and PostgreSQL later. The SQLite-only parts (pragmas and
transaction control) are engine events that `make_engine` installs only for the SQLite dialect.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from sqlalchemy.engine import Connection, Engine

EVENT_LEVELS = frozenset({"debug", "info", "warning", "error"})
WRITE_OPTION = "datamorph_write"  # execution option marking a connection that will write
_BUSY_TIMEOUT_MS = 30_000  # writers queue behind each other instead of failing at once


class RunStatus(StrEnum):
    PLANNING = "planning"
    CHECKING = "checking"
    GENERATING = "generating"
    EXECUTING = "executing"
    VALIDATING = "validating"
    REMEDIATING = "remediating"
    PUBLISHING = "publishing"
    COMPLETED = "completed"
    FAILED = "failed"
    NEEDS_ATTENTION = "needs_attention"
    # its process died (kill, power cut) before the run ended: `datamorph runs resume` continues it
    INTERRUPTED = "interrupted"
    CANCELLED = "cancelled"  # a person declined the plan before anything ran

    @property
    def terminal(self) -> bool:
        """True when the run will not move again on its own."""
        return self in TERMINAL


TERMINAL = frozenset(
    {
        RunStatus.COMPLETED,
        RunStatus.FAILED,
        RunStatus.NEEDS_ATTENTION,
        RunStatus.INTERRUPTED,
        RunStatus.CANCELLED,
    }
)


class RunRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    run_id: str
    created_at: datetime
    updated_at: datetime
    status: RunStatus
    prompt: str | None
    engine: str
    database: str
    target_table: str | None
    iterations: int = 0
    validation_status: str = "skipped"
    rows: int | None = None
    message: str | None = None
    error_category: str | None = None
    usage: dict[str, Any] = Field(default_factory=dict)
    heartbeat_at: datetime
    owner: str | None = None  # host:pid of the process that drives the run now
    request: dict[str, Any] | None = None  # what `runs resume` needs to continue the run


class Event(BaseModel):
    model_config = ConfigDict(frozen=True)

    run_id: str
    seq: int
    time: datetime
    step: str
    level: str  # one of EVENT_LEVELS
    message: str
    metadata: dict[str, Any]


@dataclass(frozen=True)
class EventEntry:
    """An event not yet written: what `RunStore.add_events` takes."""

    step: str
    message: str
    level: str = "info"
    metadata: Mapping[str, Any] = field(default_factory=dict)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Timezone-aware UTC in and out, whatever the backend keeps (SQLite drops the offset)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("run store times must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


METADATA = sa.MetaData()

runs_table = sa.Table(
    "runs",
    METADATA,
    sa.Column("run_id", sa.String(64), primary_key=True),
    sa.Column("created_at", UTCDateTime(), nullable=False, index=True),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    sa.Column("heartbeat_at", UTCDateTime(), nullable=False),
    sa.Column("status", sa.String(32), nullable=False, index=True),
    sa.Column("prompt", sa.Text()),
    sa.Column("engine", sa.String(64), nullable=False),
    sa.Column("database", sa.Text(), nullable=False),
    sa.Column("target_table", sa.Text()),
    sa.Column("iterations", sa.Integer(), nullable=False),
    sa.Column("validation_status", sa.String(32), nullable=False),
    sa.Column("rows", sa.BigInteger()),
    sa.Column("message", sa.Text()),
    sa.Column("error_category", sa.String(64)),
    sa.Column("usage", sa.JSON(), nullable=False),
    # Last event number handed out; bumping it serializes event writers of one run.
    sa.Column("last_seq", sa.Integer(), nullable=False, server_default=sa.text("0")),
    # schema v2 (migrations.py): who drives the run, and the request's options for resuming it
    sa.Column("owner", sa.String(200)),
    sa.Column("request", sa.JSON()),
)

events_table = sa.Table(
    "run_events",
    METADATA,
    sa.Column("run_id", sa.ForeignKey("runs.run_id"), primary_key=True),
    sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("time", UTCDateTime(), nullable=False),
    sa.Column("step", sa.String(64), nullable=False),
    sa.Column("level", sa.String(16), nullable=False),
    sa.Column("message", sa.Text(), nullable=False),
    sa.Column("metadata", sa.JSON(), nullable=False),
)

artifacts_table = sa.Table(
    "run_artifacts",
    METADATA,
    # A surrogate key gives the save order; timestamps can tie or step back with the clock.
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.ForeignKey("runs.run_id"), nullable=False),
    sa.Column("name", sa.String(512), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("attempt", sa.Integer()),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.BigInteger(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.UniqueConstraint("run_id", "name"),
)

# schema v3 (migrations.py): the high-water marks of incremental targets (run_increment.py).
# A mark is written as pending before its run publishes and counts only once that publish
# committed (`committed`, or the target database's publish log says so): the store never
# holds a mark the target does not.
watermarks_table = sa.Table(
    "watermarks",
    METADATA,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),  # the order of marks
    sa.Column("database", sa.Text(), nullable=False),  # the target's database location
    sa.Column("target_table", sa.String(512), nullable=False),  # lower case
    sa.Column("column_name", sa.String(512), nullable=False),
    sa.Column("value", sa.Text()),  # max(column) as text; NULL: a full load with no rows
    sa.Column("value_type", sa.String(128)),  # the column's type, as the engine names it
    sa.Column("run_id", sa.ForeignKey("runs.run_id"), nullable=False, index=True),
    sa.Column("committed", sa.Boolean(), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Index("ix_watermarks_target", "database", "target_table"),
)

# RunRecord's columns: everything but the internal event counter.
RUN_COLUMNS = [c for c in runs_table.c if c.name != "last_seq"]
_STORE_MANAGED = frozenset({"run_id", "created_at", "updated_at", "heartbeat_at"})
UPDATABLE_FIELDS = frozenset(RunRecord.model_fields) - _STORE_MANAGED


def json_safe(value: Mapping[str, Any]) -> dict[str, Any]:
    # Round-trip now so the caller gets back exactly what a later read returns, and odd values
    # (paths, datetimes) become strings instead of failing half-way through a write.
    result: dict[str, Any] = json.loads(json.dumps(dict(value), default=str))
    return result


@cache
def _field_adapter(name: str) -> TypeAdapter[Any]:
    annotation = RunRecord.model_fields[name].annotation
    if annotation is None:  # cannot happen (every field is annotated); narrows the type
        raise TypeError(f"RunRecord.{name} has no annotation")
    return TypeAdapter(annotation)


def validated_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Column values for `update_run`, checked against RunRecord's field types."""
    unknown = sorted(set(fields) - UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(
            f"cannot update run field(s) {unknown}; allowed: {sorted(UPDATABLE_FIELDS)}"
        )
    values = {name: _field_adapter(name).validate_python(v) for name, v in fields.items()}
    if "status" in values:
        values["status"] = values["status"].value
    for name in ("usage", "request"):
        if values.get(name) is not None:
            values[name] = json_safe(values[name])
    return values


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        # WAL lets readers (listing runs, tailing events) proceed while a pipeline writes.
        cursor.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL never corrupts the store and survives a crashed process; only a
        # power cut can lose the last commits. FULL would fsync every event (~2 ms each).
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")  # enforce the same rules PostgreSQL would
    finally:
        cursor.close()
    # Take BEGIN away from the sqlite3 module, which skips it before SELECTs (see _sqlite_begin).
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE): the busy timeout then queues them.
    # A deferred transaction that reads first and writes later can instead fail with "database
    # is locked" at once, because SQLite cannot wait out a conflict on a stale snapshot.
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str | sa.URL) -> Engine:
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine

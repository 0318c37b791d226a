"""The run store's hot statements in the driver's own words (runs/store_sql.py) store exactly
what SQLAlchemy Core stores: the same text for times and JSON in SQLite, the same values back
in PostgreSQL, secrets masked, and a missing run refused the same way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa

from datamorph.errors import NotFoundError
from datamorph.runs import RunStore
from datamorph.runs.schema import EventEntry, RunStatus, artifacts_table, events_table


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    if request.param == "sqlite":
        yield None
        return
    server: Any = request.getfixturevalue("postgres")
    with psycopg.connect(server.dsn(), autocommit=True) as con:
        con.execute("DROP DATABASE IF EXISTS dm_store_sql")
        con.execute("CREATE DATABASE dm_store_sql")
    yield f"postgresql://postgres:{server.password}@{server.host}:{server.port}/dm_store_sql"


def _core(store: RunStore) -> RunStore:
    """The same store writing through SQLAlchemy Core, as before the driver statements."""
    store._sql._marker = ""
    return store


def _raw_rows(store: RunStore, table: sa.Table, *columns: str) -> list[tuple[Any, ...]]:
    with store._engine.connect() as conn:
        query = sa.select(*(sa.cast(table.c[c], sa.Text) for c in columns)).order_by(
            *table.primary_key.columns
        )
        return [tuple(row) for row in conn.execute(query)]


def _shape(text: str) -> str:
    """Digits aside (PostgreSQL prints no trailing zeros of a fraction of a second)."""
    return re.sub(r"\d+", "0", text)


def test_driver_statements_store_what_core_stores(url: str | None, tmp_path: Path) -> None:
    with RunStore(tmp_path / "home", url=url) as lean, RunStore(tmp_path / "home", url=url) as core:
        assert lean._sql.supported
        _core(core)
        run = lean.create_run(engine="duckdb", database="x.duckdb", target_table="t")
        metadata = {"rows": 3, "nested": {"a": [1, 2]}, "password": "hunter2"}
        update = {"status": RunStatus.EXECUTING, "rows": 3}
        for store in (lean, core):
            entry = EventEntry("executing", "staged 3 rows", "info", metadata)
            store.add_events(run.run_id, [entry], run_update=update)
            store.save_artifact(run.run_id, f"notes-{id(store)}.txt", "token=abc", kind="log")
        events = lean.events(run.run_id)
        assert [e.seq for e in events] == [1, 2]
        assert events[0].model_dump(exclude={"seq", "time"}) == events[1].model_dump(
            exclude={"seq", "time"}
        )
        assert events[0].metadata["password"] != "hunter2"  # masked on the way in, both ways
        assert all(e.time.tzinfo is not None for e in events)
        times, bodies = zip(*_raw_rows(lean, events_table, "time", "metadata"), strict=True)
        assert len({_shape(t) for t in times}) == 1  # one text format for both writers
        assert bodies[0] == bodies[1]
        created = _raw_rows(lean, artifacts_table, "created_at", "kind")
        assert len({_shape(c) for c, _ in created}) == 1 and {k for _, k in created} == {"log"}
        record = lean.get_run(run.run_id)
        assert record.status is RunStatus.EXECUTING and record.rows == 3


def test_an_event_for_a_missing_run_is_refused(url: str | None, tmp_path: Path) -> None:
    with RunStore(tmp_path / "home", url=url) as store:
        with pytest.raises(NotFoundError):
            store.add_events("20260101-000000-abcdef", [EventEntry("planning", "x", "info", {})])
        with pytest.raises(NotFoundError):
            store.save_artifact("20260101-000000-abcdef", "x.txt", "x", kind="log")

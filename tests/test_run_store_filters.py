"""Listing runs with filters and an offset (the web page's history), the same on SQLite and on
PostgreSQL: LIKE heeds case on one and not on the other, and the store must agree on both."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from datamorph.runs import RunStatus, RunStore

CLOCK_START = datetime(2026, 11, 23, 14, 25, 1, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunStore]:
    url = None
    if request.param == "postgres":
        server: Any = request.getfixturevalue("postgres")
        with psycopg.connect(server.dsn(), autocommit=True) as con:
            con.execute("DROP DATABASE IF EXISTS dm_filters")
            con.execute("CREATE DATABASE dm_filters")
        url = f"postgresql://postgres:{server.password}@{server.host}:{server.port}/dm_filters"
    ticks = iter(range(1000))
    with RunStore(
        tmp_path / ".datamorph", url, clock=lambda: CLOCK_START + timedelta(seconds=next(ticks))
    ) as opened:
        yield opened


def _record(store: RunStore, prompt: str, database: str, target: str, status: RunStatus) -> str:
    run = store.create_run(
        engine="duckdb", database=database, prompt=prompt, target_table=target, claim=False
    )
    store.update_run(run.run_id, status=status, message=f"run {status}")
    return run.run_id


def test_filters_and_offset_agree_on_both_stores(store: RunStore) -> None:
    S = RunStatus
    sales = _record(store, "Total SALES per customer", "/data/shop.duckdb", "sales", S.COMPLETED)
    late = _record(store, "late orders per week", "/data/shop.duckdb", "late_Orders", S.FAILED)
    other = _record(store, "sales per region", "/data/other.duckdb", "region_sales", S.COMPLETED)
    percent = _record(store, "share of 100% paid", "/data/other.duckdb", "paid", S.FAILED)

    def ids(**filters: Any) -> list[str]:
        return [r.run_id for r in store.list_runs(limit=10, **filters)]

    assert ids() == [percent, other, late, sales]  # no filter: as before, newest first
    assert ids(text="sales") == [other, sales]  # prompt or target, either case
    assert ids(text="SALES", status=S.COMPLETED, database="shop") == [sales]
    assert ids(target="orders") == [late]  # case-insensitive on PostgreSQL too
    assert ids(database="OTHER.duckdb") == [percent, other]
    assert ids(text="100%") == [percent]  # % is a character, not a wildcard
    assert ids(text="run failed") == [percent, late]  # the message is searched too
    assert ids(text=late[-6:]) == [late]  # and the run id
    assert ids(text="nowhere") == []
    # pages: offset skips, limit cuts, and the two tile the whole list
    assert [r.run_id for r in store.list_runs(limit=2)] == [percent, other]
    assert [r.run_id for r in store.list_runs(limit=2, offset=2)] == [late, sales]
    assert store.list_runs(limit=2, offset=4) == []
    with pytest.raises(ValueError, match="negative"):
        store.list_runs(offset=-1)

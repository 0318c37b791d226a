"""The day relative periods end on: the day the spec runs, or DATAMORPH_AS_OF for reruns and
backfills (and for evaluation sets written as of a past day)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from datamorph.cli import main
from datamorph.codegen.sql import compile_sql
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.planning.rules import RulePlanner


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, signed_up_on DATE,"
            " left_on DATE);"
            "INSERT INTO customers SELECT i, DATE '2024-01-01' + CAST(i AS INT), NULL"
            " FROM range(1, 6) t(i);"
            "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, ordered_on DATE, amount DOUBLE,"
            " customer_id INTEGER REFERENCES customers);"
            "INSERT INTO orders SELECT i, DATE '2025-01-01' + CAST(i AS INT), i, 1 + i % 5"
            " FROM range(0, 272) t(i)"
        )
    return path


def _total(shop: Path, prompt: str, as_of: dt.date | None) -> Any:
    with DuckDBEngine(shop) as engine:
        catalog = engine.catalog(samples=3, profile=True)
        spec = RulePlanner(as_of=as_of).plan(prompt, catalog)
        return engine.con.execute(compile_sql(spec, catalog, "duckdb")).fetchone()[0]


@pytest.mark.parametrize(
    ("prompt", "first", "last"),
    [
        ("total amount of orders last month", "2025-08-01", "2025-08-31"),
        ("total amount of orders this year", "2025-01-01", "2025-09-30"),
    ],
)
def test_calendar_periods_end_on_the_day_asked(
    shop: Path, prompt: str, first: str, last: str
) -> None:
    with duckdb.connect(str(shop), read_only=True) as con:
        (want,) = con.execute(
            f"SELECT sum(amount) FROM orders WHERE ordered_on BETWEEN '{first}' AND '{last}'"
        ).fetchone() or (None,)
    assert _total(shop, prompt, dt.date(2025, 9, 30)) == want


def test_without_a_day_the_spec_stays_relative(shop: Path) -> None:
    with DuckDBEngine(shop) as engine:
        catalog = engine.catalog(samples=3, profile=True)
        spec = RulePlanner().plan("total amount of orders last month", catalog)
    assert "current_date" in spec.to_json().lower()


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: Any, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["datamorph", *args])
    try:
        main()
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_environment_sets_the_day_and_a_bad_day_is_one_line(
    shop: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("DATAMORPH_AS_OF", "2025-09-30")
    code, out, err = _cli(
        monkeypatch, capsys, "plan", "total amount of orders last month",
        "--database", str(shop), "--json",
    )  # fmt: skip
    assert code == 0, err
    assert "2025-09-30" in out and "current_date" not in out.lower()
    json.loads(out)
    monkeypatch.setenv("DATAMORPH_AS_OF", "last tuesday")
    code, _, err = _cli(
        monkeypatch, capsys, "plan", "total amount of orders last month", "--database", str(shop)
    )
    assert code == 2 and "YYYY-MM-DD" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_period_of_a_total_is_the_measured_rows_period(shop: Path) -> None:
    """'total amount per customer last month': the orders' month, not the customers' dates."""
    with DuckDBEngine(shop) as engine:
        catalog = engine.catalog(samples=3, profile=True)
        spec = RulePlanner(as_of=dt.date(2025, 9, 30)).plan(
            "total amount per customer last month", catalog
        )
        got = sorted(engine.con.execute(compile_sql(spec, catalog, "duckdb")).fetchall())
        want = engine.con.execute(
            "SELECT customer_id, sum(amount) FROM orders WHERE ordered_on BETWEEN"
            " '2025-08-01' AND '2025-08-31' GROUP BY 1 ORDER BY 1"
        ).fetchall()
    assert got == want

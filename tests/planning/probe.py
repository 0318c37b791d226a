"""Helpers for the construct tests: plan a request on a schema written for the test, run it,
and compare with a hand-written query (numbers compared rounded, as the judge does)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.planning.base import PlanningError
from datamorph.planning.rules import RulePlanner

Database = tuple[DuckDBEngine, Catalog]


def open_schema(folder: Path, sql: str) -> Iterator[Database]:
    """A DuckDB file built from `sql`, with its catalog; closed when the caller is done."""
    path = folder / "schema.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(sql)
    engine = DuckDBEngine(Path(path))
    yield engine, engine.catalog(samples=3, profile=True)
    engine.close()


def answer(prompt: str, db: Database) -> list[tuple[Any, ...]]:
    spec = RulePlanner().plan(prompt, db[1])
    return db[0].con.execute(compile_sql(spec, db[1], "duckdb")).fetchall()


def expect(sql: str, db: Database) -> list[tuple[Any, ...]]:
    return db[0].con.execute(sql).fetchall()


def refusal(prompt: str, db: Database) -> str:
    with pytest.raises(PlanningError) as refused:
        RulePlanner().plan(prompt, db[1])
    return refused.value.message


def numbers(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [
        tuple(round(float(v), 6) if isinstance(v, float | Decimal) else v for v in row)
        for row in rows
    ]


def outcome(prompt: str, db: Database) -> list[tuple[Any, ...]] | PlanningError:
    """The rows the planned request returns, sorted; or the refusal."""
    try:
        spec = RulePlanner().plan(prompt, db[1])
    except PlanningError as refused:
        return refused
    return sorted(db[0].con.execute(compile_sql(spec, db[1], "duckdb")).fetchall())


def sorted_rows(sql: str, db: Database) -> list[tuple[Any, ...]]:
    return sorted(db[0].con.execute(sql).fetchall())

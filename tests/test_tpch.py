"""TPC-H on the spec: hand-written specs of nine standard queries give the reference answers.

Data: TPC-H SF 0.01 generated with tpchgen-cli (about 1 s) and loaded through the engine.
Answers: the DuckDB tpch extension's, in the shared data directory beside the repository.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import math
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import datamorph
from datamorph.catalog import Catalog
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.runs import RunStore
from datamorph.spec import Spec
from datamorph.spec.model import TargetTable

# one worker runs the module: its fixtures (the data, a Spark session) are built once
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("tpch")]

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "examples" / "tpch"
ANSWERS = REPO.parent / "shared" / "data" / "tpch" / "answers" / "sf0.01"
QUERIES = ["q01", "q03", "q04", "q05", "q06", "q10", "q12", "q14", "q18"]
TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]
# The generators' random text differs from dbgen's (see the shared README): not compared.
FREE_TEXT = {
    "s_address",
    "c_address",
    "s_comment",
    "c_comment",
    "p_comment",
    "o_comment",
    "l_comment",
}
TOLERANCE = 0.01


def _tpchgen() -> str:
    beside_python = Path(sys.executable).parent / "tpchgen-cli"
    found = shutil.which("tpchgen-cli") or (str(beside_python) if beside_python.exists() else None)
    if found is None:
        pytest.fail("tpchgen-cli not found: install the dev dependencies")
    return found


@pytest.fixture(scope="module")
def tpch_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file holding the eight TPC-H SF 0.01 tables, loaded through the engine."""
    root = tmp_path_factory.mktemp("tpch")
    data = root / "data"
    subprocess.run(
        [_tpchgen(), "parquet", "-s", "0.01", f"--output-dir={data}"],
        check=True,
        capture_output=True,
    )
    database = root / "tpch.duckdb"
    with DuckDBEngine(database, create=True, files=[data / "*.parquet"]) as engine:
        for table in TABLES:
            staging = engine.stage_file(data / f"{table}.parquet", f"load_{table}")
            engine.publish(staging, TargetTable(name=table))
    return database


@pytest.fixture(scope="module")
def tpch_catalog(tpch_db: Path) -> Catalog:
    with DuckDBEngine(tpch_db) as engine:
        return engine.catalog(samples=0)


@pytest.fixture
def run_store(tmp_path: Path) -> Iterator[RunStore]:
    with RunStore(tmp_path / "tpch-runs") as store:
        yield store


def _answer(query: str) -> tuple[list[str], list[list[str]]]:
    if not ANSWERS.is_dir():
        pytest.skip(
            f"TPC-H answers not found at {ANSWERS} (the shared data directory is "
            "expected beside the repository)"
        )
    with (ANSWERS / f"{query}.csv").open(newline="", encoding="utf-8") as handle:
        header, *rows = csv.reader(handle, delimiter="|")
    return header, rows


def _same(actual: Any, expected: str) -> bool:
    if actual is None:
        return expected.strip() in {"", "NULL"}
    if isinstance(actual, bool):
        return str(actual).lower() == expected.strip().lower()
    if isinstance(actual, int | float | decimal.Decimal):
        value = round(float(actual), 2)
        return math.isclose(value, round(float(expected), 2), rel_tol=0, abs_tol=TOLERANCE)
    if isinstance(actual, dt.date):
        return actual.isoformat() == expected.strip()
    return str(actual).strip() == expected.strip()


@pytest.mark.parametrize("query", QUERIES)
def test_spec_checks_clean(query: str, tpch_catalog: Catalog) -> None:
    spec = Spec.load(SPECS / f"{query}.json")
    assert spec.check(tpch_catalog) == []


@pytest.mark.parametrize("query", QUERIES)
def test_spec_matches_reference_answer(query: str, tpch_db: Path, run_store: RunStore) -> None:
    header, expected = _answer(query)
    spec = Spec.load(SPECS / f"{query}.json")

    result = datamorph.run(spec, database=str(tpch_db), store=run_store)

    assert result.status == "completed", result.message
    assert result.target_table == spec.target_table.name
    table = result.to_arrow()
    assert table.column_names == header
    rows = table.to_pylist()
    assert len(rows) == len(expected)
    mismatches = _mismatches(header, rows, expected)
    assert not mismatches, "\n".join(mismatches[:10])


def _mismatches(
    header: list[str], rows: list[dict[str, Any]], expected: list[list[str]]
) -> list[str]:
    """Cell by cell, in order (every query here has ORDER BY or returns one row)."""
    compared = [(i, name) for i, name in enumerate(header) if name not in FREE_TEXT]
    return [
        f"row {r} {name}: got {row[name]!r}, expected {want[i]!r}"
        for r, (row, want) in enumerate(zip(rows, expected, strict=True))
        for i, name in compared
        if not _same(row[name], want[i])
    ]


@pytest.fixture(scope="module")
def tpch_pg(postgres: Any, tpch_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same eight tables in a PostgreSQL schema, copied through the engine's COPY load."""
    from datamorph.engines import open_engine
    from datamorph.engines.transfer import copy_tables

    url = (
        f"postgresql://postgres:{postgres.password}@{postgres.host}:{postgres.port}"
        "/postgres?schema=tpch"
    )
    engine = open_engine(url, create=True)
    try:
        copy_tables(tpch_db, TABLES, engine, tmp_path_factory.mktemp("tpch_pg"))
        engine.execute("ANALYZE")
    finally:
        engine.close()
    return url


@pytest.mark.parametrize("query", QUERIES)
def test_spec_matches_reference_answer_on_postgres(
    query: str, tpch_pg: str, run_store: RunStore
) -> None:
    """The same specs on a real PostgreSQL server give the same reference answers."""
    header, expected = _answer(query)
    spec = Spec.load(SPECS / f"{query}.json")
    result = datamorph.run(spec, database=tpch_pg, store=run_store)
    assert result.status == "completed", result.message
    rows = result.to_arrow().to_pylist()
    assert len(rows) == len(expected)
    mismatches = _mismatches(header, rows, expected)
    assert not mismatches, "\n".join(mismatches[:10])


@pytest.fixture(scope="module")
def tpch_spark(tpch_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The same eight tables in a Spark warehouse (local[2]), read by Spark's Parquet reader;
    the warehouse's folder is the module's, so every run here shares one session."""
    if shutil.which("java") is None:
        pytest.skip("java is not installed: cannot start Spark")
    pytest.importorskip("pyspark")
    from datamorph.engines import spark_session
    from datamorph.engines.spark import SparkEngine
    from datamorph.engines.transfer import copy_tables

    root = tmp_path_factory.mktemp("tpch_spark")
    warehouse = root / "warehouse"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATAMORPH_SPARK_WAREHOUSE", str(warehouse))
        engine = SparkEngine("local[2]", warehouse=warehouse)
        copy_tables(tpch_db, TABLES, engine, root)
        yield warehouse
    session = spark_session._current.get("session")
    if session is not None:
        spark_session._stop(session, new_jvm=False)


@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
@pytest.mark.parametrize("query", QUERIES)
def test_spec_matches_reference_answer_on_spark(
    query: str, tpch_spark: Path, run_store: RunStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same specs as Spark SQL on a local Spark session give the same reference answers."""
    monkeypatch.setenv("DATAMORPH_SPARK_WAREHOUSE", str(tpch_spark))
    header, expected = _answer(query)
    spec = Spec.load(SPECS / f"{query}.json")
    result = datamorph.run(spec, database="spark:local[2]", store=run_store)
    assert (result.status, result.validation_status, result.engine) == (
        "completed",
        "pass",
        "spark",
    ), result.message
    table = result.to_arrow()
    assert table.column_names == header
    rows = table.to_pylist()
    assert len(rows) == len(expected)
    mismatches = _mismatches(header, rows, expected)
    assert not mismatches, "\n".join(mismatches[:10])

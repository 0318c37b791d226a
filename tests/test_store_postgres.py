"""The run store in PostgreSQL (`--store` / DATAMORPH_STORE): several processes record runs in
one store and every one of them sees them all; a store it cannot reach is one line, exit 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
import pytest

from datamorph.demo.showcase import demo_spec


@pytest.fixture(scope="module")
def store_url(postgres: Any) -> str:
    with psycopg.connect(postgres.dsn(), autocommit=True) as con:
        con.execute("DROP DATABASE IF EXISTS dm_store")
        con.execute("CREATE DATABASE dm_store")
    return f"postgresql://postgres:{postgres.password}@{postgres.host}:{postgres.port}/dm_store"


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATAMORPH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "datamorph.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_workers_in_several_processes_share_one_store(
    store_url: str, postgres: Any, retail_db: Path, tmp_path: Path
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(demo_spec().to_json())
    homes = [tmp_path / f"worker{i}" for i in range(3)]
    # one database each: the test is about the shared store, and a DuckDB file admits one
    # writing process at a time (under load, lock retries could run out)
    for home in homes:
        home.mkdir()
        shutil.copy(retail_db, home / "retail.duckdb")
    with ThreadPoolExecutor(3) as pool:  # three processes at once, each with its own files
        done = list(
            pool.map(
                lambda home: _cli(
                    "--store", store_url, "run", "--spec", str(spec),
                    "-d", str(home / "retail.duckdb"), "--target", f"t_{home.name}", "--json",
                    home=home,
                ),
                homes,
            )
        )  # fmt: skip
    assert all(d.returncode == 0 for d in done), [d.stderr for d in done]
    ids = {json.loads(d.stdout)["run_id"] for d in done}
    listed = _cli("--store", store_url, "runs", "list", "--json", home=tmp_path / "reader")
    assert listed.returncode == 0, listed.stderr
    assert ids <= {run["run_id"] for run in json.loads(listed.stdout)}
    for d in (*done, listed):
        assert postgres.password not in d.stdout + d.stderr


def test_an_unreachable_or_refused_store_is_one_line(postgres: Any, tmp_path: Path) -> None:
    wrong = f"postgresql://postgres:wrong-pw@{postgres.host}:{postgres.port}/postgres"
    for url in (wrong, "postgresql://postgres@127.0.0.1:1/postgres"):
        done = _cli("--store", url, "runs", "list", home=tmp_path)
        assert done.returncode == 2, done.stderr
        assert "the run store" in done.stderr and "Traceback" not in done.stderr
        assert "wrong-pw" not in done.stderr and len(done.stderr.strip().splitlines()) == 1

"""Bad input on the way to Spark, said in one line before a JVM starts: a master URL that is
not one, no Java, --master beside another engine's database, a master nobody answers at,
PySpark asked of DuckDB. And the errors of a running Spark, named by their words when they
carry no SQLSTATE (out of memory, a context that went away)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from datamorph.demo.showcase import demo_spec
from datamorph.engines.base import ErrorCategory
from datamorph.engines.spark_errors import map_spark_error


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(demo_spec().model_dump(mode="json")))
    return path


def _datamorph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "datamorph.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.mark.parametrize("master", ["local[0]", "mesos://m:5050", "local[two]"])
def test_a_master_that_is_not_a_url_is_refused(spec: Path, master: str) -> None:
    done = _datamorph("run", "--spec", str(spec), "--master", master, "--target", "x")
    assert done.returncode == 2
    assert "is not a Spark master URL" in _one_line(done)


def test_without_java_spark_says_so(spec: Path, tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    done = _datamorph(
        "run", "--spec", str(spec), "--master", "local[2]", "--target", "x",
        env={"PATH": f"{bin_dir}:{tmp_path}", "JAVA_HOME": ""},
    )  # fmt: skip
    assert done.returncode == 2
    assert "needs a Java runtime" in _one_line(done)


def test_master_beside_another_engine_s_database_is_refused(spec: Path, retail_db: Path) -> None:
    done = _datamorph(
        "run", "--spec", str(spec), "--database", str(retail_db), "--master", "local[2]"
    )
    assert done.returncode == 2
    assert "--master is for the spark engine" in _one_line(done)


def test_a_master_nobody_answers_at_fails_the_run_and_names_it(spec: Path) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"spark://127.0.0.1:{port}"
    done = _datamorph("run", "--spec", str(spec), "--database", url, "--target", "x", "--json")
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] in {"failed", "needs_attention"}
    assert f"no Spark master answers at {url}" in result["message"]


def test_pyspark_on_duckdb_is_refused(spec: Path, retail_db: Path) -> None:
    done = _datamorph(
        "run", "--spec", str(spec), "--database", str(retail_db), "--codegen", "pyspark"
    )
    assert done.returncode == 2
    assert "PySpark runs on the spark engine" in _one_line(done)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("java.lang.OutOfMemoryError: Java heap space", ErrorCategory.RESOURCE_EXHAUSTION),
        ("Job aborted: ExecutorLostFailure (executor 1 exited)", ErrorCategory.TRANSIENT),
        ("Cannot call methods on a stopped SparkContext.", ErrorCategory.TRANSIENT),
        ("java.io.IOException: No space left on device", ErrorCategory.RESOURCE_EXHAUSTION),
        ("something nobody has seen", ErrorCategory.UNKNOWN),
    ],
)
def test_spark_errors_without_a_sqlstate_are_named_by_their_words(
    text: str, category: ErrorCategory
) -> None:
    error = map_spark_error(RuntimeError(f"An error occurred while calling o1.sql.\n: {text}"))
    assert error.category is category
    assert error.message == text and "\n" not in error.message

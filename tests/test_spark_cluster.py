"""Runs on a real Spark standalone cluster: a master and two workers started on loopback from
the scripts that ship in the pyspark package, the retail tables loaded through the cluster, and
specs (Spark SQL and a PySpark script) giving DuckDB's rows. Then the cluster goes away: a
session that connects afresh fails at once with one error naming the master. (The session
kept from before the cluster went away is not asked again: its next job waits for executors
that never come, so that part is an expected failure, bounded by a timeout.)

Everything runs on this machine: the warehouse and its Derby metastore are a local folder that
the driver (the metastore's only client) and the executors (which write the table files) share
because they share the disk. A cluster on several hosts would need a shared filesystem there.

One cluster, one warehouse and so one driver session for the module (starting them costs tens
of seconds); each test publishes its own target, as its run store is its own. The session is
stopped at the end and the cluster's process groups are killed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import datamorph
from datamorph.codegen.sql import compile_sql
from datamorph.engines import open_engine
from datamorph.engines.base import EngineError, ErrorCategory
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.spec import Spec
from rows import plain

pytestmark = [
    pytest.mark.slow,
    # one cluster per worker process: under `--dist loadgroup` the module stays on one worker
    # (under the default `load` it may be split, and each part then starts its own cluster)
    pytest.mark.xdist_group("spark_cluster"),
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]
SPECS = Path(__file__).parent / "specs"
TABLES = ("customers", "orders", "order_items", "products")  # what the specs below read
STARTUP_SECONDS = 180.0  # JVMs start slowly on a busy 2-core runner
HANG_SECONDS = 10.0  # a run that has not come back by then is waiting for executors forever


class Cluster:
    """A standalone master and two one-core workers, each JVM in its own process group."""

    def __init__(self, root: Path) -> None:
        from pyspark.find_spark_home import _find_spark_home

        self.root = root
        self.spark_class = Path(_find_spark_home()) / "bin" / "spark-class"
        self.env = {
            **os.environ,
            "SPARK_HOME": str(self.spark_class.parents[1]),
            "SPARK_LOCAL_IP": "127.0.0.1",
            "SPARK_DAEMON_MEMORY": "384m",
            # the REST submission server would take the fixed port 6066
            "SPARK_MASTER_OPTS": "-Dspark.master.rest.enabled=false",
            "PYSPARK_PYTHON": sys.executable,
            # short-lived JVMs (the daemons and the executors they launch): less JIT and GC work
            "JAVA_TOOL_OPTIONS": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
        }
        self.master: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []
        self.url = ""
        self.ui = ""

    def start(self) -> None:
        """The master, then the two workers (which register while the driver starts)."""
        self.master = self._launch(
            "master",
            "org.apache.spark.deploy.master.Master",
            *("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"),
        )
        log = self.root / "master.log"
        self.url = self._wait_for(log, r"Starting Spark master at (spark://\S+)")
        ui_port = self._wait_for(log, r"'MasterUI' on port (\d+)")
        self.ui = f"http://127.0.0.1:{ui_port}"
        self._wait_for(log, r"elected leader")
        for n in (1, 2):
            work = self.root / f"worker{n}"
            work.mkdir()
            self.workers.append(
                self._launch(
                    f"worker{n}",
                    "org.apache.spark.deploy.worker.Worker",
                    self.url,
                    *("--cores", "1", "--memory", "1g", "--host", "127.0.0.1"),
                    *("--webui-port", "0", "--work-dir", str(work)),
                )
            )

    def wait_for_workers(self) -> None:
        self._until(lambda: self.state()["aliveworkers"] == 2, "two workers registered")

    def state(self) -> dict[str, Any]:
        """The master's own view (its web UI's JSON): workers, applications."""
        with urllib.request.urlopen(f"{self.ui}/json/", timeout=5) as response:
            return dict(json.load(response))

    def kill_master(self) -> None:
        if self.master is not None:
            _kill_group(self.master, signal.SIGKILL)
            self.master.wait(timeout=30)

    def stop_workers(self) -> None:
        """As when their host shuts down: each worker stops its executors, then itself."""
        _stop(self.workers)

    def stop(self) -> None:
        _stop([p for p in (*self.workers, self.master) if p is not None])

    def _launch(self, name: str, main_class: str, *args: str) -> subprocess.Popen[bytes]:
        with (self.root / f"{name}.log").open("wb") as log:
            return subprocess.Popen(
                [str(self.spark_class), main_class, *args],
                cwd=self.root,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as one
            )

    def _wait_for(self, log: Path, pattern: str) -> str:
        found: list[str] = []

        def seen() -> bool:
            match = re.search(pattern, log.read_text(errors="replace"))
            if match:
                found.append(match.group(1) if match.groups() else match.group(0))
            return bool(match)

        self._until(seen, f"{log.name}: {pattern}")
        return found[0]

    def _until(self, ready: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, ValueError, KeyError):
                if ready():
                    return
            for process in [self.master, *self.workers]:
                if process is not None and process.poll() is not None:
                    pytest.fail(f"a cluster process exited ({what}):\n{self._logs()}")
            time.sleep(0.3)
        pytest.fail(f"the cluster was not ready in {STARTUP_SECONDS} s ({what}):\n{self._logs()}")

    def _logs(self) -> str:
        return "\n".join(
            f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-15:])
            for log in sorted(self.root.glob("*.log"))
        )


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """TERM to each leader (a worker kills and reaps its executors: killed together, they would
    be left unreaped), then KILL to whatever of its group is left."""
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
        _kill_group(process, signal.SIGKILL)
        process.wait(timeout=30)


def _kill_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)  # start_new_session: the group's id is the leader's pid


def _survivors(pgids: set[int], seconds: float = 20.0) -> list[int]:
    """Processes still running in the groups (not zombies waiting for init), after a grace
    period for the ones a KILL has just reached."""
    deadline = time.monotonic() + seconds
    while True:
        alive = []
        for entry in Path("/proc").iterdir():
            with contextlib.suppress(OSError, ValueError):
                # /proc/PID/stat: "pid (comm) state ppid pgrp ...", comm may hold spaces
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if fields[0] != "Z" and int(fields[2]) in pgids:
                    alive.append(int(entry.name))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.5)


def _stop_session() -> None:
    """Stop this process's Spark session (the JVM stays for the next module's session)."""
    from datamorph.engines import spark_session as sessions

    session = sessions._current.get("session")
    if session is not None:
        sessions._stop(session, new_jvm=False)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if shutil.which("java") is None:
        pytest.skip("java is not installed: cannot start Spark")
    pytest.importorskip("pyspark")
    started = Cluster(tmp_path_factory.mktemp("spark_cluster"))
    try:
        started.start()
        yield started
    finally:
        _stop_session()
        started.stop()
        pgids = {p.pid for p in [started.master, *started.workers] if p is not None}
        assert not _survivors(pgids), "cluster processes outlived the module"


@pytest.fixture(scope="module")
def warehouse(
    cluster: Cluster, retail_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The retail tables, loaded through the cluster into a warehouse of the module's."""
    from datamorph.engines.transfer import copy_tables

    root = tmp_path_factory.mktemp("spark_cluster_warehouse") / "warehouse"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATAMORPH_SPARK_WAREHOUSE", str(root))
        patch.setenv("SPARK_LOCAL_IP", "127.0.0.1")  # the driver too, if it starts a JVM
        engine = open_engine(cluster.url, create=True)
        cluster.wait_for_workers()
        copy_tables(retail_template, TABLES, engine, root.parent)
        yield root


@pytest.fixture
def spark(cluster: Cluster, warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("DATAMORPH_SPARK_WAREHOUSE", str(warehouse))
    return open_engine(cluster.url)


def test_the_application_runs_on_the_cluster_s_two_workers(cluster: Cluster, spark: Any) -> None:
    context = spark.spark.sparkContext
    assert context.master == cluster.url
    deadline = time.monotonic() + STARTUP_SECONDS
    while context._jsc.sc().getExecutorMemoryStatus().size() < 3:  # the driver and two
        assert time.monotonic() < deadline, "the two executors did not register"
        time.sleep(0.5)
    state = cluster.state()
    assert state["status"] == "ALIVE" and state["aliveworkers"] == 2
    (app,) = state["activeapps"]
    assert (app["name"], app["state"], app["cores"]) == ("datamorph", "RUNNING", 2)
    assert spark.query("SELECT count(*) FROM orders").rows[0][0] > 0


@pytest.mark.parametrize(
    ("name", "codegen"),
    [
        ("customer_order_summary", "compiler"),
        ("top_customers_by_month", "compiler"),
        ("category_share", "pyspark"),
    ],
)
def test_a_spec_run_on_the_cluster_gives_duckdb_s_rows(
    cluster: Cluster, spark: Any, retail_template: Path, name: str, codegen: str
) -> None:
    spec = Spec.from_json((SPECS / f"{name}.json").read_text())
    target = f"cluster_{name}_{codegen}"
    result = datamorph.run(spec, database=cluster.url, target=target, codegen=codegen)
    assert (result.status, result.validation_status, result.engine) == (
        "completed",
        "pass",
        "spark",
    ), result.message
    assert result.database == cluster.url
    table = result.to_arrow()
    with DuckDBEngine(retail_template, read_only=True) as duck:
        expected = duck.query(compile_sql(spec, duck.catalog(samples=0)))
    assert table.column_names == expected.columns
    got = [tuple(row.values()) for row in table.to_pylist()]
    assert got and plain(got) == plain(expected.rows)


def _bounded(call: Callable[[], Any], seconds: float) -> tuple[bool, Any]:
    """(True, what `call` returned or raised), or (False, the thread) if it has not ended."""
    outcome: list[Any] = []

    def target() -> None:
        try:
            outcome.append(call())
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    return (True, outcome[0]) if outcome else (False, thread)


def _refused(result: Any, url: str) -> bool:
    """A run the monitor could not help: failed, or handed to a person, naming the master."""
    return result.status in ("failed", "needs_attention") and url in (result.message or "")


def test_a_cluster_that_went_away_is_one_clear_error(cluster: Cluster, spark: Any) -> None:
    """Last in the module: it kills the cluster. A session kept from before asks the master
    again before a new run uses it, so the run ends with the master named, not waiting for
    executors that will never come."""
    spec = Spec.from_json((SPECS / "customer_order_summary.json").read_text())
    assert spark.query("SELECT count(*) FROM customers").rows[0][0] > 0

    # Without its master, the application keeps its executors (standalone Spark's own rule):
    # the running session's query may finish, or fail saying so; it must not hang.
    cluster.kill_master()
    ended, outcome = _bounded(lambda: spark.query("SELECT count(*) FROM orders"), 120)
    assert ended, "a query with the master gone did not come back"
    if isinstance(outcome, Exception):
        assert cluster.url in str(outcome), outcome
    else:
        assert outcome.rows[0][0] > 0

    # Without its workers too, nothing can run the session's jobs.
    cluster.stop_workers()
    ended, waiting = _bounded(
        lambda: datamorph.run(spec, database=cluster.url, target="after_workers"), HANG_SECONDS
    )
    assert ended, "a run on a session whose cluster went away waited for executors"
    assert _refused(waiting, cluster.url), waiting

    # A session connecting afresh (a new `datamorph run`) asks the master's port first.
    _stop_session()
    started = time.monotonic()
    with pytest.raises(EngineError) as caught:
        open_engine(cluster.url)
    assert caught.value.category is ErrorCategory.CONFIGURATION
    assert caught.value.message == f"no Spark master answers at {cluster.url}"
    result = datamorph.run(spec, database=cluster.url, target="after_cluster")
    assert _refused(result, cluster.url), result
    assert time.monotonic() - started < 30

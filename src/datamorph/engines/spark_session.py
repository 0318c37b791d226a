"""The process's one Spark session: started on first use, kept while its master, warehouse and
startup settings stay the same, started again when they change.

Starting Spark costs seconds (a JVM, then the context), so every engine opened in a process
shares the session. Settings Spark reads only at startup (driver and executor memory, cores)
need a new session; in local mode the driver *is* the JVM PySpark launched, so raising its
memory means a new JVM too. Before anything starts, the two failures a person must fix are
said in one line: no Java runtime, and a standalone master that does not answer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datamorph.engines.base import EngineError, ErrorCategory
from datamorph.errors import ConfigurationError

# Settings Spark reads once, when the application starts.
STARTUP_SETTINGS = frozenset(
    {"spark.driver.memory", "spark.executor.memory", "spark.executor.cores", "spark.cores.max"}
)
_PROBE_SECONDS = 3.0


@dataclass(frozen=True)
class SessionKey:
    master: str
    root: Path
    startup: tuple[tuple[str, str], ...] = field(default=())


_current: dict[str, Any] = {}  # "key" -> SessionKey, "session" -> SparkSession


def spark_session(master: str, root: Path, startup: Mapping[str, str] | None = None) -> Any:
    """The session for `master` with its warehouse and metastore under `root`."""
    key = SessionKey(master, root.resolve(), tuple(sorted((startup or {}).items())))
    session = _current.get("session")
    if session is not None and _current.get("key") == key and _alive(session):
        _still_answering(session, master)
        return session
    if session is not None:
        _stop(session, new_jvm=_driver_memory_changes(_current.get("key"), key))
    require_java()
    probe_master(master)
    _current["session"] = _start(key)
    _current["key"] = key
    return _current["session"]


def startup_settings() -> dict[str, str]:
    """The startup settings of the running session (empty before one starts)."""
    key = _current.get("key")
    return dict(key.startup) if key is not None else {}


def require_java() -> None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise ConfigurationError(
            "the spark engine needs a Java runtime and none was found (no `java`, no JAVA_HOME)",
            hint="install one (apt-get install default-jre-headless) or set JAVA_HOME",
        )


def probe_master(master: str) -> None:
    """A standalone master that does not answer would keep Spark retrying for a minute: ask
    its port first, and say which address did not answer."""
    if not master.startswith("spark://"):
        return
    for address in master.removeprefix("spark://").split(","):
        host, _, port = address.partition(":")
        try:
            socket.create_connection((host, int(port or 7077)), timeout=_PROBE_SECONDS).close()
            return
        except OSError:
            continue
    raise EngineError(
        f"no Spark master answers at {master}",
        category=ErrorCategory.CONFIGURATION,
        engine="spark",
        native_type="MasterUnreachable",
        hint="start the master (spark-class org.apache.spark.deploy.master.Master) or fix the URL",
    )


def _still_answering(session: Any, master: str) -> None:
    """A kept session whose standalone master has gone would wait for executors forever: ask
    the master again, and stop the session when nobody answers (the next start says why)."""
    try:
        probe_master(master)
    except EngineError:
        _stop(session, new_jvm=False)
        raise


def _start(key: SessionKey) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigurationError(
            "pyspark is not installed", hint="pip install 'datamorph[spark]'"
        ) from None
    root = key.root
    root.mkdir(parents=True, exist_ok=True)
    metastore = f"jdbc:derby:;databaseName={root / 'metastore_db'};create=true"
    builder = (
        SparkSession.builder.master(key.master)
        .appName("datamorph")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", str(root / "warehouse"))
        .config("spark.sql.catalogImplementation", "hive")
        .config("spark.hadoop.javax.jdo.option.ConnectionURL", metastore)
        .config("spark.ui.showConsoleProgress", "false")
        # Derby writes derby.log into the working directory unless told where
        .config("spark.driver.extraJavaOptions", f"-Dderby.stream.error.file={root / 'derby.log'}")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "true")
        # "name" is an identifier, as in DuckDB and PostgreSQL: the shared checks' SQL reads alike
        .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
        # no csv.`/path` in a query: files are read only as the run's declared sources
        .config("spark.sql.runSQLOnFiles", "false")
    )
    for name, value in key.startup:
        builder = builder.config(name, value)
    try:
        with _jvm_output_to(root / "spark.log"):
            session = builder.getOrCreate()
    except Exception as error:  # the JVM did not start, or the master refused the application
        raise EngineError(
            f"Spark did not start: {str(error).strip().splitlines()[0][:300]}",
            category=ErrorCategory.CONFIGURATION,
            engine="spark",
            native_type=type(error).__name__,
            hint="check the Java runtime and the master URL",
        ) from None
    session.sparkContext.setLogLevel("OFF")  # errors come back as exceptions, said once
    _quiet_python_loggers()
    return session


@contextmanager
def _jvm_output_to(log: Path) -> Iterator[None]:
    """The JVM inherits this process's stderr and writes its start-up chatter there (log4j
    before the level is set, JDK warnings): point the inherited descriptor at a log file."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with log.open("ab") as sink:
            os.dup2(sink.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _quiet_python_loggers() -> None:
    """PySpark logs each analysis error as JSON before raising it; the raised error is enough."""
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger", "py4j"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _alive(session: Any) -> bool:
    context = session.sparkContext
    return context._jsc is not None and not context._jsc.sc().isStopped()


def _driver_memory_changes(old: SessionKey | None, new: SessionKey) -> bool:
    if old is None or not new.master.startswith("local"):
        return False
    return dict(old.startup).get("spark.driver.memory") != dict(new.startup).get(
        "spark.driver.memory"
    )


def _stop(session: Any, *, new_jvm: bool) -> None:
    """Stop the session; with `new_jvm`, the JVM too, so the next start reads driver memory."""
    from pyspark import SparkContext

    with contextlib.suppress(Exception):  # a context whose master went away errs on stop
        session.stop()
    gateway = SparkContext._gateway
    if new_jvm and gateway is not None:
        process = getattr(gateway, "proc", None)
        gateway.shutdown()
        SparkContext._gateway = None
        SparkContext._jvm = None
        if process is not None:  # the JVM exits when its stdin closes; it holds Derby's lock
            process.stdin.close()
            process.wait(timeout=60)
    _current.clear()

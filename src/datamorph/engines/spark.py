"""Apache Spark: tables in a Spark warehouse with a persistent catalog, queried as Spark SQL.

A local session (`local[2]`) or any master URL. The catalog is Spark's Hive-style session
catalog kept in an embedded Derby metastore beside the warehouse (both under
`<home>/spark/` unless told otherwise), so tables outlive the process. Embedded Derby admits one
process at a time: two runs on one warehouse from two processes are refused by Derby.

Publishing: a target is a view over a versioned table (`_dm_v_<target>_<run>`). The run's
staging table is renamed to a new version, then one `CREATE OR REPLACE VIEW` switches readers
from the old version to the new: a metastore update, so a reader sees the old rows or the new,
never a half-written table, and a run killed before the switch leaves the old view whole. The
old version is dropped after the switch. Appending adds a version and switches the view to the
union of all of them: no row already published is rewritten. (A target that is a plain table,
a source DataMorph is told to replace, is renamed to a backup first, marked with its name:
between that rename and the view there is a moment without the table, and a run killed there
has its backup renamed back by the next run's cleanup.)

Chosen by `--database spark:MASTER` (`spark:local[4]`, `spark:` for the configured master) or a
standalone master's URL `spark://host:7077`; the session itself is spark_session.py's.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
from sqlglot import exp
from sqlglot.dialects.spark import Spark

from datamorph.catalog import Catalog, Column, Table
from datamorph.engines.base import (
    BACKUP_PREFIX,
    STAGING_PREFIX,
    EngineError,
    PublishResult,
    QueryResult,
    Staging,
    backup_name,
    require_select,
    safe_run_suffix,
    staging_name,
)
from datamorph.engines.spark_controls import SparkControls, read_file
from datamorph.engines.spark_errors import map_spark_error
from datamorph.engines.spark_profile import profiled_columns
from datamorph.engines.spark_session import spark_session
from datamorph.errors import ConfigurationError, unknown_name_error
from datamorph.faults import crash_point
from datamorph.spec.model import TargetTable

VERSION_PREFIX = "_dm_v_"
_TIMEOUT_TAG = "datamorph-query"


def quote(identifier: str) -> str:
    """Spark quotes identifiers with backticks."""
    return "`" + identifier.replace("`", "``") + "`"


class SparkAnsi(Spark):
    """Spark SQL as the session reads it: with `spark.sql.ansi.doubleQuotedIdentifiers`,
    "name" is an identifier (as in DuckDB and PostgreSQL) and only 'text' is a string."""

    class Tokenizer(Spark.Tokenizer):
        QUOTES: ClassVar = ["'"]
        IDENTIFIERS: ClassVar = ["`", '"']


class SparkEngine(SparkControls):
    name: ClassVar[str] = "spark"
    dialect: ClassVar[str] = "spark"  # what code is written in; read with SparkAnsi

    def __init__(
        self,
        master: str = "local[*]",
        *,
        warehouse: str | Path | None = None,
        create: bool = False,
        read_only: bool = False,
        files: Sequence[str | Path] = (),
        settings: Mapping[str, str] | None = None,
    ) -> None:
        from datamorph.config import spark_warehouse

        self.master = master
        self.root = Path(warehouse) if warehouse is not None else spark_warehouse()
        self.location = master if "://" in master else f"spark:{master}"
        self._read_only = read_only
        self._files = [str(f) for f in files]  # a run's file sources, read by attach_sources
        self._sources: dict[str, str] = {}
        self._functions: frozenset[str] | None = None
        self.spark = spark_session(master, self.root)
        if settings:
            self.configure(settings)

    @contextmanager
    def _native_errors(self) -> Iterator[None]:
        from py4j.protocol import Py4JError
        from pyspark.errors import PySparkException

        try:
            yield
        except (PySparkException, Py4JError) as error:
            raise map_spark_error(error) from None

    def execute(self, sql: str, params: list[Any] | None = None) -> Any:
        """Run a statement of the engine's own (DDL); errors are mapped. The portable
        `CREATE TEMP TABLE t AS ...` (validation's reference) is cached as a temporary view."""
        if params:
            raise ConfigurationError("the spark engine takes no query parameters")
        with self._native_errors():
            return self.spark.sql(_spark_statement(sql))

    def close(self) -> None:
        """The session stays for the process: starting one costs seconds."""

    # ---- catalog ------------------------------------------------------------------------------

    def table_names(self) -> list[str]:
        with self._native_errors():
            listed = self.spark.catalog.listTables()
        sources = {name.lower() for name in self._sources}  # a run's files, as temporary views
        return sorted(
            t.name
            for t in listed
            if (not t.isTemporary or t.name.lower() in sources)
            and not t.name.lower().startswith("_dm_")
        )

    def table_exists(self, name: str) -> bool:
        with self._native_errors():
            return bool(self.spark.catalog.tableExists(name))

    def catalog(self, *, samples: int = 3, profile: bool = False, counts: bool = True) -> Catalog:
        tables = []
        for name in self.table_names():
            with self._native_errors():
                columns = self.spark.catalog.listColumns(name)
                rows = self.spark.table(name).count() if counts or profile else None
            listed = tuple(
                Column(name=c.name, type=c.dataType.upper(), nullable=c.nullable) for c in columns
            )
            if profile and rows:
                listed = profiled_columns(name, listed, lambda sql: self.query(sql).rows)
            tables.append(
                Table(
                    name=name,
                    columns=listed,
                    row_count=rows,
                    samples=tuple(self.sample_rows(name, samples)) if samples else (),
                )
            )
        # no function list: specs name functions in DuckDB's words, which the compiler
        # translates; a PySpark script is checked against `functions()` instead
        return Catalog.of(tables, dialect=self.dialect)

    def functions(self) -> frozenset[str]:
        """The functions this session can call (built-in and registered), lower case."""
        if self._functions is None:
            with self._native_errors():
                rows = self.spark.sql("SHOW FUNCTIONS").collect()
            self._functions = frozenset(str(row[0]).lower() for row in rows)
        return self._functions

    def sample_rows(self, table: str, limit: int = 10) -> list[dict[str, Any]]:
        from datamorph.engines.duckdb import json_value

        names = self.table_names()
        if table not in names:
            raise unknown_name_error("table", table, names)
        with self._native_errors():
            rows = self.spark.table(table).limit(int(limit)).collect()
        return [{k: json_value(v) for k, v in row.asDict().items()} for row in rows]

    # ---- queries ------------------------------------------------------------------------------

    def query(
        self, sql: str, *, limit: int | None = None, timeout: float | None = None
    ) -> QueryResult:
        """One SELECT, else UsageError; its Spark jobs are cancelled after `timeout` seconds."""
        tree = require_select(sql, SparkAnsi)
        if limit is not None:
            tree = exp.select("*").from_(tree.subquery("q")).limit(limit)
        with self._cancelled_after(timeout), self._native_errors():
            frame = self.spark.sql(tree.sql(dialect=self.dialect))
            rows = [tuple(row) for row in frame.collect()]
        return QueryResult(
            columns=frame.columns, rows=rows, types=[t.upper() for _, t in frame.dtypes]
        )

    @contextmanager
    def _cancelled_after(self, timeout: float | None) -> Iterator[None]:
        if not timeout:
            yield
            return
        context = self.spark.sparkContext
        done = threading.Event()
        late = threading.Event()

        def cancel() -> None:
            # a job may start after the deadline (planning, broadcasts): cancel until done
            if done.wait(timeout):
                return
            late.set()
            while not done.wait(0.2):
                context.cancelJobGroup(_TIMEOUT_TAG)

        # the job group is the calling thread's (pinned to a JVM thread)
        context.setJobGroup(_TIMEOUT_TAG, "datamorph read-only query", interruptOnCancel=True)
        threading.Thread(target=cancel, daemon=True).start()
        try:
            yield
        except EngineError as error:
            if late.is_set():
                error.message = f"the query timed out after {timeout} s: {error.message}"
            raise
        finally:
            done.set()
            context.setLocalProperty("spark.jobGroup.id", None)

    def query_arrow(self, sql: str) -> pa.Table:
        tree = require_select(sql, SparkAnsi)
        with self._native_errors():
            return self.spark.sql(tree.sql(dialect=self.dialect)).toArrow()

    # ---- staging and publishing ---------------------------------------------------------------

    def build_staging(self, code: str, run_id: str) -> Staging:
        tree = require_select(code, SparkAnsi)
        return self._create_staging(run_id, tree.sql(dialect=self.dialect))

    def build_staging_python(self, code: str, run_id: str) -> Staging:
        """A PySpark script's `build(spark)` written to staging (see spark_python.py)."""
        from datamorph.engines.spark_python import run_build

        frame = run_build(self.spark, code, self.functions())
        return self._write_staging(frame, run_id)

    def stage_file(self, path: Path, run_id: str) -> Staging:
        """A Parquet, CSV or JSON file (or folder) into a staging table."""
        with self._native_errors():
            frame = read_file(self.spark, path)
        return self._write_staging(frame, run_id)

    def _write_staging(self, frame: Any, run_id: str) -> Staging:
        with self._native_errors():
            name = staging_name(run_id)
            self.spark.sql(f"DROP TABLE IF EXISTS {quote(name)}")
            frame.write.format("parquet").saveAsTable(name)
            rows = self.spark.table(name).count()
        return Staging(name=name, run_id=run_id, rows=rows)

    def _create_staging(self, run_id: str, select: str) -> Staging:
        name = staging_name(run_id)
        with self._native_errors():
            self.spark.sql(f"DROP TABLE IF EXISTS {quote(name)}")
            self.spark.sql(f"CREATE TABLE {quote(name)} USING parquet AS {select}")
            rows = self.spark.table(name).count()
        return Staging(name=name, run_id=run_id, rows=rows)

    def publish(self, staging: Staging, target: TargetTable) -> PublishResult:
        """Switch the target view to the staging rows (see the module's docstring)."""
        existed = self.table_exists(target.name)
        append = target.mode == "append" and existed
        with self._native_errors():
            self._switch(staging, target.name, existed, append=append)
            rows = self.spark.table(target.name).count() if append else staging.rows
        return PublishResult(target=target.name, mode=target.mode, rows=rows, replaced=existed)

    def _switch(self, staging: Staging, target: str, existed: bool, *, append: bool) -> None:
        """Rename staging to a new version, then one view switch: over the new version alone
        (replace), or over the versions so far and the new one (append, no row rewritten)."""
        version = f"{VERSION_PREFIX}{target}_{safe_run_suffix(staging.run_id)}"
        old = self._current_versions(target) if existed else []
        self.spark.sql(f"ALTER TABLE {quote(staging.name)} RENAME TO {quote(version)}")
        if existed and not old:  # a plain table: out of the way first, marked to restore
            backup = backup_name(staging.run_id)
            self.spark.sql(f"ALTER TABLE {quote(target)} RENAME TO {quote(backup)}")
            self.spark.sql(
                f"ALTER TABLE {quote(backup)} SET TBLPROPERTIES ('{_BACKUP_OF}' = '{target}')"
            )
            old = [backup]
        crash_point("mid_publish")
        reads = [*old, version] if append else [version]
        union = " UNION ALL ".join(f"SELECT * FROM {quote(name)}" for name in reads)
        self.spark.sql(f"CREATE OR REPLACE VIEW {quote(target)} AS {union}")
        for name in old if not append else []:
            self.spark.sql(f"DROP TABLE IF EXISTS {quote(name)}")

    def _current_versions(self, target: str) -> list[str]:
        """The versioned tables a target view reads; empty when the target is not such a view
        (a backup kept under an append is one of them)."""
        with contextlib.suppress(Exception):
            rows = self.spark.sql(f"SHOW CREATE TABLE {quote(target)}").collect()
            text = rows[0][0] if rows else ""
            return _VERSION_IN_VIEW.findall(text)
        return []

    def published_by(self, run_id: str, target: str) -> PublishResult | None:
        """Whether `run_id`'s version is what the target view reads: the view switch is the
        publish, so a run that died after it has published and one that died before has not."""
        version = f"{VERSION_PREFIX}{target}_{safe_run_suffix(run_id)}".lower()
        reads = [name.lower() for name in self._current_versions(target)]
        if version not in reads:
            return None
        with self._native_errors():
            rows = self.spark.table(target).count()
        mode = "append" if len(reads) > 1 else "replace"
        return PublishResult(target=target, mode=mode, rows=rows, replaced=len(reads) > 1)

    def drop_staging(self, staging: Staging) -> None:
        self.execute(f"DROP TABLE IF EXISTS {quote(staging.name)}")

    def cleanup_leftovers(self, active_run_ids: set[str]) -> list[str]:
        """Staging tables of dead runs, versions no target view reads (unless their run is
        still going), and backups of dead runs: a backup whose target is gone (the run died
        between moving the table aside and the switch) is renamed back, not dropped."""
        active = {safe_run_suffix(run_id) for run_id in active_run_ids}
        with self._native_errors():
            listed = [t for t in self.spark.catalog.listTables() if not t.isTemporary]
        current = {
            v for t in listed if t.tableType == "VIEW" for v in self._current_versions(t.name)
        }
        dropped = []
        for name in (t.name for t in listed):
            lower = name.lower()
            if any(lower.endswith(run) for run in active) or name in current:
                continue
            if lower.startswith(BACKUP_PREFIX) and self._restored(name):
                continue
            if lower.startswith((STAGING_PREFIX, BACKUP_PREFIX, VERSION_PREFIX)):
                self.execute(f"DROP TABLE IF EXISTS {quote(name)}")
                dropped.append(name)
        return dropped

    def _restored(self, backup: str) -> bool:
        """Rename a dead run's backup back to its target when the target is missing."""
        rows = self.execute(f"SHOW TBLPROPERTIES {quote(backup)} ('{_BACKUP_OF}')").collect()
        target = str(rows[0][1]) if rows else ""
        if not target or "does not have property" in target or self.table_exists(target):
            return False
        self.execute(f"ALTER TABLE {quote(backup)} RENAME TO {quote(target)}")
        return True


_BACKUP_OF = "datamorph.backup_of"
_VERSION_IN_VIEW = re.compile(rf"`((?:{VERSION_PREFIX}|{BACKUP_PREFIX})[^`]+)`")
_TEMP_TABLE = re.compile(r"^\s*CREATE\s+TEMP(ORARY)?\s+TABLE\s+", re.I)


def _spark_statement(sql: str) -> str:
    """`CREATE TEMP TABLE` in Spark's words: a cached temporary view (computed once, dropped
    with the session or by DROP TABLE)."""
    return _TEMP_TABLE.sub("CACHE TABLE ", sql, count=1)

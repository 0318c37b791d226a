"""The embedded default engine: a DuckDB database file.

Publishing is the tmp -> backup -> rename pattern inside one DuckDB transaction (DuckDB's DDL
is transactional): a failure or a crash at any point rolls back to the previous target, and the
staging table of a crashed run is dropped by the next run's cleanup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import duckdb
from sqlglot import exp

from datamorph.catalog import Catalog
from datamorph.engines import duckdb_staging, publish_log
from datamorph.engines.base import (
    EngineError,
    ErrorCategory,
    PublishResult,
    QueryResult,
    Staging,
    backup_name,
    quote,
    require_select,
    safe_run_suffix,
    staging_name,
)
from datamorph.engines.duckdb_catalog import IN_SCOPE, first_rows, read_catalog, read_named
from datamorph.engines.duckdb_confine import CONFIG as _CONFIG
from datamorph.engines.duckdb_confine import confine
from datamorph.engines.duckdb_controls import RunControls
from datamorph.engines.duckdb_errors import map_duckdb_error
from datamorph.engines.duckdb_file import (
    DAMAGED,
    check_blocks,
    check_database_file,
    damaged_database,
    known_sound,
    remember_sound,
)
from datamorph.engines.duckdb_interrupt import InterruptibleStatements
from datamorph.engines.merge import require_generation
from datamorph.errors import DataMorphError, NotFoundError, UsageError, unknown_name_error
from datamorph.faults import crash_point
from datamorph.spec.model import TargetTable

if TYPE_CHECKING:  # pyarrow (and numpy) load when a table is read as Arrow
    import pyarrow as pa

_LOADERS = {
    ".csv": "read_csv_auto",
    ".tsv": "read_csv_auto",
    ".parquet": "read_parquet",
    ".json": "read_json_auto",
    ".jsonl": "read_json_auto",
    ".ndjson": "read_json_auto",
}

# the crash point in the middle of each mode's swap (a merge's is its own: tests kill it there)
_VERB = {"replace": "publish", "append": "publish", "merge": "merge"}

# Connections to one file in one process share a database instance, made by the first connect
# and torn down by the last close. Two threads doing either at once can race to attach the
# file twice ("Unique file handle conflict"), as runs and service requests do: one at a time.
_CONNECTING = threading.Lock()
# Connections this process holds open, per file (under _CONNECTING). A file already open here
# was checked when its instance attached it; what changed it since is that instance's own
# writing, which a block check would misread as a cut file (blocks not yet in the file).
_OPEN_HERE: dict[str, int] = {}


class DuckDBEngine(RunControls):
    name: ClassVar[str] = "duckdb"
    dialect: ClassVar[str] = "duckdb"
    _sound: Path | None = None  # the file, found whole when opened: stamped when closed
    _database: str | None = None  # current_database(), once asked

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = False,
        read_only: bool = False,
        files: Sequence[str | Path] = (),
        settings: Mapping[str, str] | None = None,
    ) -> None:
        """Open `path`; the connection may read no file but the database and `files` (a run's
        sources, a file being loaded; a glob opens its folder). `settings` as `configure`."""
        self.path = Path(path) if str(path) != ":memory:" else None
        self.location = str(path)
        if self.path is not None and not self.path.exists() and not create:
            raise NotFoundError(
                f"database file '{path}' not found",
                hint="create it with `datamorph demo` or `datamorph load FILE --table NAME`",
            )
        if self.path is not None and self.path.exists() and not self.path.is_file():
            raise UsageError(  # a FIFO or a device would block the open forever
                f"'{path}' is not a regular file", hint="pass a DuckDB database file"
            )
        existing = self.path is not None and self.path.exists()
        if self.path is not None and existing:
            check_database_file(self.path)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._read_only = read_only
        self._files = list(files)
        self._shared = False  # True: the file was open in this process already
        self._connect(settings or {})
        if self.path is not None and existing and not read_only and not self._shared:
            self._check_blocks(self.path)  # a read fails on a cut file; a write would not

    def _check_blocks(self, path: Path) -> None:
        try:
            if not known_sound(path):
                with self._native_errors():
                    check_blocks(self.con, path)
            self._sound = path
        except BaseException:
            self.close()
            raise

    def _connect(self, settings: Mapping[str, str]) -> None:
        self._statements = InterruptibleStatements(lambda: self.con.interrupt())
        try:
            with _CONNECTING:
                self.con = duckdb.connect(self.location, read_only=self._read_only, config=_CONFIG)
                if self.path is not None:
                    self._shared = _OPEN_HERE.get(self._key, 0) > 0
                    _OPEN_HERE[self._key] = _OPEN_HERE.get(self._key, 0) + 1
                    self._counted = True
        except duckdb.Error as error:
            raise self._mapped(error) from None
        try:
            self.configure(settings)  # the spill folder can only be chosen before the fence
            with self._native_errors():
                confine(self.con, self._files)
        except BaseException:
            self.close()
            raise

    # ---- low level ----------------------------------------------------------------------------

    @contextmanager
    def _native_errors(self) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as error:
            raise self._mapped(error) from None
        except RuntimeError as error:
            # DuckDB takes a Ctrl-C that lands mid-query and raises this instead of Python's
            # KeyboardInterrupt: given back as what it was, the run ends interrupted (resumable),
            # not failed and not healed as a transient fault
            if str(error) == "Query interrupted":
                raise KeyboardInterrupt from None
            raise

    def _mapped(self, error: duckdb.Error) -> Exception:
        """A damaged file is the user's input, not a fault a retry or a code fix could cure."""
        if DAMAGED.search(str(error)):
            return damaged_database(self.location, str(error).splitlines()[0][:160])
        return map_duckdb_error(error)

    def execute(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        """Run any statement (the engine's own DDL); errors are mapped."""
        with self._native_errors():
            return self._statements.run(lambda: self.con.execute(sql, params or []))

    @property
    def _key(self) -> str:
        return str(self.path.resolve()) if self.path is not None else ""

    def close(self) -> None:
        self._statements.close()
        with _CONNECTING:
            self.con.close()
            if getattr(self, "_counted", False):  # once, however often close is called
                self._counted = False
                _OPEN_HERE[self._key] -= 1
        if self._sound is not None:
            remember_sound(self._sound)  # found whole, written by DuckDB alone since
            self._sound = None

    def __enter__(self) -> DuckDBEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- catalog ------------------------------------------------------------------------------

    def table_names(self) -> list[str]:
        rows = self.execute(
            f"SELECT table_name FROM duckdb_tables() WHERE {IN_SCOPE} AND NOT internal UNION "
            f"SELECT view_name FROM duckdb_views() WHERE {IN_SCOPE} AND NOT internal ORDER BY 1"
        ).fetchall()
        return [name for (name,) in rows if not name.startswith(("_dm_", "_DM_"))]

    def table_exists(self, name: str) -> bool:
        """A base table of this database's main schema (case-insensitive) by that name. Asked
        of the table itself, not of a listing, which loads every table's metadata (see
        duckdb_staging.py); a view has no rowid, a temporary table another catalog."""
        if self._database is None:
            ((self._database,),) = self.execute("SELECT current_database()").fetchall()
        try:
            self.execute(f"SELECT rowid FROM {quote(self._database)}.main.{quote(name)} LIMIT 0")
        except DataMorphError:
            return False
        return True

    def catalog(self, *, samples: int = 3, profile: bool = False, counts: bool = True) -> Catalog:
        """Tables, columns, keys; with `counts` exact row counts, with `samples` first rows,
        with `profile` column statistics from a bounded sample (duckdb_catalog.py)."""
        return read_catalog(
            self.execute, self.path, json_value, samples=samples, profile=profile, counts=counts
        )

    def catalog_of(self, names: Sequence[str], optional: Sequence[str] = ()) -> Catalog | None:
        """Just the schema of these tables (and of those of `optional` that exist), or None when
        only the whole catalog can answer (a table missing, file sources read into temporary
        tables): see duckdb_catalog.read_named."""
        if getattr(self, "_sources", None):
            return None
        return read_named(self.execute, names, optional)

    def sample_rows(self, table: str, limit: int = 10) -> list[dict[str, Any]]:
        names = self.table_names()
        if table not in names:
            raise unknown_name_error("table", table, names)
        return self._first_rows(table, limit)

    def _first_rows(self, table: str, limit: int) -> list[dict[str, Any]]:
        return first_rows(self.execute, json_value, table, limit)

    def value_overlap(self, left: str, lcol: str, right: str, rcol: str) -> float:
        """Fraction of (a sample of) left's distinct values present in right's column."""
        (fraction,) = self.execute(
            f"WITH l AS (SELECT DISTINCT {quote(lcol)} AS v FROM {quote(left)} "
            f"WHERE {quote(lcol)} IS NOT NULL LIMIT 2000) "
            f"SELECT coalesce(avg(CASE WHEN EXISTS (SELECT 1 FROM {quote(right)} r "
            f"WHERE r.{quote(rcol)} = l.v) THEN 1.0 ELSE 0.0 END), 0) FROM l"
        ).fetchone() or (0.0,)
        return float(fraction)

    # ---- queries ------------------------------------------------------------------------------

    def query(
        self, sql: str, *, limit: int | None = None, timeout: float | None = None
    ) -> QueryResult:
        """A read-only query: exactly one SELECT, else UsageError; interrupted after
        `timeout` seconds (a transient EngineError saying so)."""
        tree = require_select(sql, self.dialect)
        if limit is not None:
            tree = exp.select("*").from_(tree.subquery("q")).limit(limit)
        timer = threading.Timer(timeout, self.con.interrupt) if timeout else None
        try:
            if timer is not None:
                # a daemon, started inside the try: a Ctrl-C landing while it starts must not
                # leave it waiting out the timeout with the process unable to exit
                timer.daemon = True
                timer.start()
            cursor = self.execute(tree.sql(dialect=self.dialect))
            rows = cursor.fetchall()
        except EngineError as error:
            if timer is not None and not timer.is_alive():
                error.message = f"the query timed out after {timeout} s: {error.message}"
            raise
        finally:
            if timer is not None:
                timer.cancel()
        description = cursor.description or []
        return QueryResult(
            columns=[d[0] for d in description], rows=rows, types=[str(d[1]) for d in description]
        )

    def query_arrow(self, sql: str) -> pa.Table:
        tree = require_select(sql, self.dialect)
        with self._native_errors():
            return self._statements.run(
                lambda: self.con.sql(tree.sql(dialect=self.dialect)).to_arrow_table()
            )

    # ---- staging and publishing -----------------------------------------------------------------

    def build_staging(self, code: str, run_id: str) -> Staging:
        """Run the SELECT `code` into this run's staging table (replacing an earlier attempt)."""
        try:
            tree = require_select(code, self.dialect)
        except UsageError as error:  # broken code is a code defect for healing, not bad input
            raise EngineError(
                error.message,
                category=ErrorCategory.CODE_DEFECT,
                engine=self.name,
                native_type="ParseError",
                hint="the code does not parse; healing can rewrite it",
            ) from None
        return self._create_staging(run_id, tree.sql(dialect=self.dialect))

    def stage_file(self, path: Path, run_id: str) -> Staging:
        """Read a CSV, Parquet or JSON file into a staging table."""
        return self._create_staging(run_id, f"SELECT * FROM {loader_for(path)}(?)", [str(path)])

    def stage_select(self, select: str, params: list[Any], run_id: str) -> Staging:
        """A load's own SELECT over the file (datamorph/loading.py: its reader, with the
        options applied) into a staging table."""
        return self._create_staging(run_id, select, params)

    def _create_staging(self, run_id: str, select: str, params: list[Any] | None = None) -> Staging:
        name = staging_name(run_id)
        rows = duckdb_staging.create(self.execute, name, run_id, select, params)
        return Staging(name=name, run_id=run_id, rows=rows)

    def publish(
        self, staging: Staging, target: TargetTable, *, expected: int | None = None
    ) -> PublishResult:
        """Swap staging in as the target in one transaction; on any error roll back. A merge's
        staging already holds the merged result (merge.py). `expected`: the target's publish
        count the run read, checked in the transaction (merge.require_generation)."""
        existed = self.table_exists(target.name)
        logged = expected is not None and self.table_exists(publish_log.PUBLISH_LOG)
        self.execute("BEGIN TRANSACTION")
        try:
            if expected is not None:
                require_generation(self.execute, target.name, expected, logged=logged, marker="?")
            if target.mode == "append" and existed:
                self.execute(
                    f"INSERT INTO {quote(target.name)} BY NAME SELECT * FROM {quote(staging.name)}"
                )
                crash_point("mid_publish")
                self.execute(f"DROP TABLE {quote(staging.name)}")
                (rows,) = self.execute(f"SELECT count(*) FROM {quote(target.name)}").fetchone() or (
                    0,
                )
            else:
                self._swap(staging, target.name, existed, f"mid_{_VERB[target.mode]}")
                rows = staging.rows
            result = PublishResult(
                target=target.name, mode=target.mode, rows=rows, replaced=existed
            )
            publish_log.record(self.execute, staging.run_id, result, "?")
            duckdb_staging.forget(self.execute, staging.name)
            self.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return result

    def published_by(self, run_id: str, target: str) -> PublishResult | None:
        """What `run_id` published here, from the log its publish wrote (None: it did not)."""
        return publish_log.lookup(
            lambda sql, params: self.execute(sql, params).fetchall(),
            run_id,
            "?",
            self.table_exists(publish_log.PUBLISH_LOG),
        )

    def _swap(self, staging: Staging, target: str, existed: bool, point: str) -> None:
        backup = backup_name(staging.run_id)
        if existed:
            self.execute(f"ALTER TABLE {quote(target)} RENAME TO {quote(backup)}")
        crash_point(point)
        self.execute(f"ALTER TABLE {quote(staging.name)} RENAME TO {quote(target)}")
        if existed:
            self.execute(f"DROP TABLE {quote(backup)}")

    def _rollback(self) -> None:
        # No transaction may be left to roll back: the error can have ended it already.
        with contextlib.suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    def drop_staging(self, staging: Staging) -> None:
        duckdb_staging.drop(self.execute, staging.name)

    def cleanup_leftovers(self, active_run_ids: set[str]) -> list[str]:
        """Drop staging and backup tables of runs that are no longer running."""
        active = {safe_run_suffix(run_id) for run_id in active_run_ids}
        return duckdb_staging.sweep(self.execute, active)


def loader_for(path: Path, *, must_exist: bool = True) -> str:
    """The DuckDB reader for a data file; checked before anything is opened or written."""
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise UsageError(
            f"cannot load '{path.name}': unknown file type",
            hint="use a .csv, .tsv, .parquet, .json or .jsonl file",
        )
    if must_exist and not path.is_file():
        raise NotFoundError(f"file '{path}' not found", hint="check the path")
    if must_exist and path.stat().st_size == 0:  # DuckDB would make a one-column, 0-row table
        raise UsageError(f"'{path}' is empty: nothing to load", hint="check the file was written")
    return loader


def json_value(value: Any) -> Any:
    """A value as JSON can hold it (sample rows travel to reports, prompts and the web page)."""
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value

"""PostgreSQL: sources and target tables in one schema of a server, through psycopg 3.

Publishing is the same staging -> target swap as on DuckDB, inside one transaction (DDL is
transactional in PostgreSQL): rename target -> backup, staging -> target, drop the backup,
commit. A kill at any point before the commit leaves the old target as it was, and the next
run drops the dead run's staging table. The swap waits at most `lock_timeout` for readers of
the target, so a long query elsewhere cannot hold a run forever. The target's comments,
privileges and indexes are carried over to the new table.

Read-only queries run in a READ ONLY transaction under `statement_timeout`; a connection opened
read-only makes every transaction read-only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import psycopg
import pyarrow as pa
from sqlglot import exp

from datamorph.catalog import Catalog
from datamorph.engines import publish_log
from datamorph.engines.base import (
    BACKUP_PREFIX,
    STAGING_PREFIX,
    EngineError,
    PublishResult,
    QueryResult,
    Staging,
    backup_name,
    leftover_run,
    quote,
    require_select,
    safe_run_suffix,
    staging_name,
)
from datamorph.engines.merge import require_generation
from datamorph.engines.postgres_carry import carried_over, restore
from datamorph.engines.postgres_catalog import first_rows, qualified, read_catalog, table_names
from datamorph.engines.postgres_errors import map_postgres_error
from datamorph.engines.postgres_temp import only_temporary
from datamorph.engines.postgres_url import parse_postgres_url
from datamorph.errors import ConfigurationError, NotFoundError, unknown_name_error
from datamorph.faults import crash_point
from datamorph.spec.model import TargetTable

CONNECT_TIMEOUT = 10  # seconds; a host that does not answer is reported, not waited on
LOCK_TIMEOUT = "10s"  # how long a publish waits for readers of the target


class PostgresEngine:
    name: ClassVar[str] = "postgres"
    dialect: ClassVar[str] = "postgres"
    temp_schema: ClassVar[str] = "pg_temp"  # where this session's temporary tables live

    def __init__(
        self,
        url: str,
        *,
        create: bool = False,
        read_only: bool = False,
        files: Sequence[str | Path] = (),
        settings: Mapping[str, str] | None = None,
        schema: str | None = None,
    ) -> None:
        """Connect to `url`; `create` makes the schema when it does not exist (load, demo)."""
        if files:
            raise ConfigurationError(
                "the postgres engine cannot read file sources",
                hint="load them first: datamorph load FILE --table NAME --database URL",
            )
        # memory is the server's to manage; any other setting is a mistake worth saying
        unknown = set(settings or {}) - {"memory_limit"}
        if unknown:
            raise ConfigurationError(
                f"the postgres engine takes no setting {', '.join(sorted(unknown))}",
                hint="drop --set",
            )
        parsed = parse_postgres_url(url, schema)
        self.location = parsed.shown
        self.schema = parsed.schema
        self._read_only = read_only
        try:
            self.con: psycopg.Connection[Any] = psycopg.connect(
                parsed.conninfo,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT,
                application_name="datamorph",
            )
        except psycopg.Error as error:
            raise map_postgres_error(error) from None
        try:
            self._enter_schema(create)
        except BaseException:
            self.close()
            raise

    def _enter_schema(self, create: bool) -> None:
        with self._native_errors():
            found = self.con.execute(
                "SELECT 1 FROM pg_namespace WHERE nspname = %s", [self.schema]
            ).fetchone()
            if found is None and create:
                self.con.execute(f"CREATE SCHEMA IF NOT EXISTS {quote(self.schema)}")
            elif found is None:
                raise NotFoundError(
                    f"schema '{self.schema}' does not exist in this database",
                    hint="check ?schema= in the URL (the default is public)",
                )
            self.con.execute(f"SET search_path TO {quote(self.schema)}")
            if self._read_only:
                self.con.execute("SET default_transaction_read_only = on")

    # ---- low level ----------------------------------------------------------------------------

    @contextmanager
    def _native_errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as error:
            raise map_postgres_error(error) from None

    def execute(self, sql: str, params: list[Any] | None = None) -> psycopg.Cursor[Any]:
        """Run any statement (the engine's own DDL); errors are mapped. On a read-only
        connection, a temporary table (validation's reference result) may still be made and
        dropped: PostgreSQL refuses every CREATE in a read-only transaction, temporary or not."""
        with self._native_errors():
            if self._read_only and only_temporary(sql):
                with self.con.transaction():
                    self.con.execute("SET TRANSACTION READ WRITE")
                    return self.con.execute(sql, params)
            return self.con.execute(sql, params)

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error):
            self.con.close()

    def __enter__(self) -> PostgresEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- catalog ------------------------------------------------------------------------------

    def table_names(self) -> list[str]:
        with self._native_errors():
            return table_names(self.con, self.schema)

    def table_exists(self, name: str) -> bool:
        row = self.execute(
            "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND lower(c.relname) = lower(%s) AND c.relkind IN ('r', 'p')",
            [self.schema, name],
        ).fetchone()
        return row is not None

    def catalog(self, *, samples: int = 3, profile: bool = False, counts: bool = True) -> Catalog:
        with self._native_errors():
            return read_catalog(
                self.con, self.schema, samples=samples, profile=profile, counts=counts
            )

    def sample_rows(self, table: str, limit: int = 10) -> list[dict[str, Any]]:
        names = self.table_names()
        if table not in names:
            raise unknown_name_error("table", table, names)
        with self._native_errors():
            return first_rows(self.con, self.schema, table, limit)

    # ---- queries ------------------------------------------------------------------------------

    def query(
        self, sql: str, *, limit: int | None = None, timeout: float | None = None
    ) -> QueryResult:
        """A read-only query: exactly one SELECT, else UsageError; in a READ ONLY transaction,
        cancelled by the server after `timeout` seconds (a transient EngineError saying so)."""
        tree = require_select(sql, self.dialect)
        if limit is not None:
            tree = exp.select("*").from_(tree.subquery("q")).limit(limit)
        try:
            with self._native_errors(), self.con.transaction():
                self.con.execute("SET TRANSACTION READ ONLY")
                if timeout:
                    self.con.execute(f"SET LOCAL statement_timeout = {int(timeout * 1000)}")
                cursor = self.con.execute(tree.sql(dialect=self.dialect))
                rows = cursor.fetchall()
        except EngineError as error:
            if error.native_code == "sqlstate:57014" and timeout:
                error.message = f"the query timed out after {timeout} s: {error.message}"
            raise
        description = cursor.description or []
        return QueryResult(
            columns=[d.name for d in description],
            rows=[tuple(row) for row in rows],
            types=[_type_name(self.con, d.type_code) for d in description],
        )

    def query_arrow(self, sql: str) -> pa.Table:
        tree = require_select(sql, self.dialect)
        with self._native_errors(), self.con.transaction():
            self.con.execute("SET TRANSACTION READ ONLY")
            cursor = self.con.execute(tree.sql(dialect=self.dialect))
            rows = cursor.fetchall()
            names = [d.name for d in cursor.description or []]
        return pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})

    # ---- staging and publishing -----------------------------------------------------------------

    def build_staging(self, code: str, run_id: str) -> Staging:
        """Run the pipeline's SELECT into a new staging table; the target is not touched."""
        tree = require_select(code, self.dialect)
        return self._create_staging(run_id, tree.sql(dialect=self.dialect))

    def stage_file(self, path: Path, run_id: str) -> Staging:
        """Read a CSV, Parquet or JSON file (DuckDB infers its types) into a staging table,
        streamed with COPY."""
        from datamorph.engines.postgres_load import copy_file

        name = staging_name(run_id)
        with self._native_errors():
            self.con.execute(f"DROP TABLE IF EXISTS {quote(name)}")
            rows = copy_file(self.con, path, qualified(self.schema, name))
        return Staging(name=name, run_id=run_id, rows=rows)

    def _create_staging(self, run_id: str, select: str) -> Staging:
        name = staging_name(run_id)
        with self._native_errors():
            self.con.execute(f"DROP TABLE IF EXISTS {quote(name)}")
            created = self.con.execute(f"CREATE TABLE {quote(name)} AS {select}")
        return Staging(name=name, run_id=run_id, rows=max(created.rowcount, 0))

    def publish(
        self, staging: Staging, target: TargetTable, *, expected: int | None = None
    ) -> PublishResult:
        """Swap staging in as the target in one transaction; on any error nothing changed. A
        merge's staging already holds the merged result (merge.py). `expected`: the target's
        publish count the run read, checked once the target is locked (no publish can then
        slip in before the commit)."""
        with self._native_errors(), self.con.transaction():
            self.con.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            existed = self.table_exists(target.name)
            if expected is not None:
                if existed:
                    self.con.execute(f"LOCK TABLE {quote(target.name)} IN ACCESS EXCLUSIVE MODE")
                logged = self.table_exists(publish_log.PUBLISH_LOG)
                require_generation(
                    self.con.execute, target.name, expected, logged=logged, marker="%s"
                )
            if target.mode == "append" and existed:
                rows = self._append(staging, target.name)
            else:
                self._swap(staging, target.name, existed, target.mode == "merge")
                rows = staging.rows
            result = PublishResult(
                target=target.name, mode=target.mode, rows=rows, replaced=existed
            )
            publish_log.record(self.con.execute, staging.run_id, result, "%s")
        return result

    def published_by(self, run_id: str, target: str) -> PublishResult | None:
        """What `run_id` published here, from the log its publish wrote (None: it did not)."""
        with self._native_errors():
            return publish_log.lookup(
                lambda sql, params: self.con.execute(sql, params).fetchall(),
                run_id,
                "%s",
                self.table_exists(publish_log.PUBLISH_LOG),
            )

    def _append(self, staging: Staging, target: str) -> int:
        cursor = self.con.execute(f"SELECT * FROM {quote(staging.name)} LIMIT 0")
        names = ", ".join(quote(d.name) for d in cursor.description or [])
        self.con.execute(
            f"INSERT INTO {quote(target)} ({names}) SELECT {names} FROM {quote(staging.name)}"
        )
        crash_point("mid_publish")
        self.con.execute(f"DROP TABLE {quote(staging.name)}")
        (rows,) = self.con.execute(f"SELECT count(*) FROM {quote(target)}").fetchone() or (0,)
        return int(rows)

    def _swap(self, staging: Staging, target: str, existed: bool, merge: bool) -> None:
        backup = backup_name(staging.run_id)
        kept = carried_over(self.con, self.schema, target) if existed else None
        if existed:
            self.con.execute(f"ALTER TABLE {quote(target)} RENAME TO {quote(backup)}")
        crash_point("mid_merge" if merge else "mid_publish")
        self.con.execute(f"ALTER TABLE {quote(staging.name)} RENAME TO {quote(target)}")
        if existed:
            self.con.execute(f"DROP TABLE {quote(backup)}")
        if kept is not None:
            restore(self.con, self.schema, target, kept)

    def drop_staging(self, staging: Staging) -> None:
        self.execute(f"DROP TABLE IF EXISTS {quote(staging.name)}")

    def cleanup_leftovers(self, active_run_ids: set[str]) -> list[str]:
        """Drop staging and backup tables of runs that are no longer running."""
        active = {safe_run_suffix(run_id) for run_id in active_run_ids}
        rows = self.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r' AND (c.relname LIKE %s OR c.relname LIKE %s)",
            [self.schema, STAGING_PREFIX + "%", BACKUP_PREFIX + "%"],
        ).fetchall()
        dropped = []
        for (name,) in rows:
            run = leftover_run(name)
            if run is not None and run not in active:
                self.execute(f"DROP TABLE IF EXISTS {quote(name)}")
                dropped.append(name)
        return dropped


def _type_name(con: psycopg.Connection[Any], oid: int) -> str:
    info = con.adapters.types.get(oid)
    return info.name.upper() if info is not None else str(oid)

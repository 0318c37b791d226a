"""Canaries and checks shared by the hostile service and spec batteries.

Before a module runs: environment variables (`DATAMORPH_API_TOKEN`, `DM_CANARY_SECRET`) with
random values, a watched directory of canary files (text, CSV, JSON, Parquet and another DuckDB
database, each holding its own random value under a random name), a private copy of the seeded
retail database in its own directory beside a canary file, and `secret.csv` in each test's
working directory. A case then fails when an answer (or a published table) holds any canary
value, a canary file's name, `stored_secrets`, the database's directory or the PATH value; when
a file appears in (or disappears from) a watched directory; when the database's tables, views,
macros, sequences, schemas or rows change; or when it takes longer than its bound.

Needles the request itself contains (a path the attacker typed) are not counted as leaks: an
error message may quote the query back. Their files' contents and names are still needles.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import decimal
import json
import os
import secrets
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from datamorph.api import ServiceSettings, create_app

QUERY_TIMEOUT = 2.0  # the service's own limit, configured for the battery (seconds)
CASE_BOUND = 15.0  # a refused or answered case must finish within this (seconds)
RESOURCE_BOUND = QUERY_TIMEOUT + 5.0  # a resource bomb: the service's limit plus slack
DB_NAME = "retail.duckdb"
HEALTH_SQL = "SELECT count(*) AS n FROM customers"

# a row per publish, written by the publish itself; the staging tables that exist
BOOKKEEPING = ("_dm_publish_log", "_dm_staging_log")
_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="hostile")


def _token(prefix: str) -> str:
    return f"{prefix}{secrets.token_hex(12)}"


@dataclass
class HostileEnv:
    """The canaries of one module and where they are."""

    watch_dir: Path
    db_dir: Path
    db_path: Path
    values: dict[str, str]  # label -> secret value
    paths: dict[str, str]  # placeholder name -> path
    path_env: str
    customers: int = 0
    last_fingerprint: dict[str, Any] = field(default_factory=dict)
    last_stat: tuple[Any, ...] = ()

    def fill(self, text: str) -> str:
        for name, value in self.paths.items():
            text = text.replace(f"<<{name}>>", value)
        return text

    def needles(self) -> dict[str, str]:
        found = {f"canary:{label}": value for label, value in self.values.items()}
        for name, value in self.paths.items():
            if name.startswith("CANARY_") or name in ("OTHER_DB", "DB_SIBLING"):
                found[f"file name:{name}"] = Path(value).name
        found["stored_secrets"] = "stored_secrets"
        found["database directory"] = str(self.db_dir)
        if self.path_env:
            found["PATH value"] = self.path_env
        return found

    def leaks(self, text: str, request: str) -> list[str]:
        """The needles `text` holds that the request did not contain itself."""
        return [
            label
            for label, needle in self.needles().items()
            if needle and needle in text and needle not in request
        ]


def build_env(root: Path, template: Path) -> HostileEnv:
    watch, db_dir = root / "watched", root / "db"
    watch.mkdir()
    db_dir.mkdir()
    values = {
        "env DM_CANARY_SECRET": _token("CNRYENV"),
        "env DATAMORPH_API_TOKEN": _token("CNRYTOK"),
        "txt": _token("CNRYTXT"),
        "csv": _token("CNRYCSV"),
        "json": _token("CNRYJSN"),
        "parquet": _token("CNRYPQT"),
        "other db": _token("CNRYODB"),
        "db sibling": _token("CNRYSIB"),
        "cwd secret.csv": _token("CNRYCWD"),
    }
    stem = f"cnry_{secrets.token_hex(6)}"
    paths = {
        "CANARY_TXT": str(watch / f"{stem}.txt"),
        "CANARY_CSV": str(watch / f"{stem}.csv"),
        "CANARY_JSON": str(watch / f"{stem}.json"),
        "CANARY_PARQUET": str(watch / f"{stem}.parquet"),
        "OTHER_DB": str(watch / f"{stem}_other.duckdb"),
        "DB_SIBLING": str(db_dir / f"sib_{secrets.token_hex(6)}.csv"),
        "WATCH_DIR": str(watch),
        "DB_DIR": str(db_dir),
        "DB_PATH": str(db_dir / DB_NAME),
    }
    Path(paths["CANARY_TXT"]).write_text(values["txt"] + "\n")
    Path(paths["CANARY_CSV"]).write_text(f"secret\n{values['csv']}\n")
    Path(paths["CANARY_JSON"]).write_text(json.dumps([{"secret": values["json"]}]))
    Path(paths["DB_SIBLING"]).write_text(f"secret\n{values['db sibling']}\n")
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT '{values['parquet']}' AS secret) TO '{paths['CANARY_PARQUET']}' "
            "(FORMAT parquet)"
        )
    with duckdb.connect(paths["OTHER_DB"]) as con:
        con.execute(f"CREATE TABLE secret AS SELECT '{values['other db']}' AS secret")
    shutil.copy(template, paths["DB_PATH"])
    return HostileEnv(
        watch_dir=watch,
        db_dir=db_dir,
        db_path=Path(paths["DB_PATH"]),
        values=values,
        paths=paths,
        path_env=os.environ.get("PATH", ""),
    )


@pytest.fixture(scope="module")
def hostile_env(
    tmp_path_factory: pytest.TempPathFactory, retail_template: Path
) -> Iterator[HostileEnv]:
    env = build_env(tmp_path_factory.mktemp("hostile"), retail_template)
    patch = pytest.MonkeyPatch()
    patch.setenv("DM_CANARY_SECRET", env.values["env DM_CANARY_SECRET"])
    patch.setenv("DATAMORPH_API_TOKEN", env.values["env DATAMORPH_API_TOKEN"])
    try:
        env.last_fingerprint = fingerprint(env.db_path)
        env.last_stat = db_stat(env.db_path)
        env.customers = env.last_fingerprint["tables"]["main.customers"][0]
        yield env
    finally:
        patch.undo()


@pytest.fixture
def cwd_secret(hostile_env: HostileEnv, tmp_path: Path) -> Path:
    """`secret.csv` with a canary in the working directory (tests/conftest.py changes into
    tmp_path), for the cases that read relative paths."""
    assert Path.cwd() == tmp_path
    (tmp_path / "secret.csv").write_text(f"secret\n{hostile_env.values['cwd secret.csv']}\n")
    return tmp_path


# ---- state ----------------------------------------------------------------------------------


def fingerprint(db_path: Path, wait: float = 15.0) -> dict[str, Any]:
    """Tables (rows and a hash of their contents), views, macros, sequences, schemas, indexes
    and comments of a DuckDB file, read from a copy so that no connection of the service is
    disturbed."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return _fingerprint_copy(db_path)
        except duckdb.Error:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextlib.contextmanager
def copy_connection(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a copy of the database file (and its write-ahead log), so
    that no connection of the code under test is disturbed."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / db_path.name
        shutil.copy(db_path, copy)
        wal = db_path.with_name(db_path.name + ".wal")
        if wal.exists():
            shutil.copy(wal, copy.with_name(copy.name + ".wal"))
        with duckdb.connect(str(copy), read_only=True) as con:
            yield con


def _fingerprint_copy(db_path: Path) -> dict[str, Any]:
    with copy_connection(db_path) as con:
        tables: dict[str, tuple[int, int]] = {}
        rows = con.execute(
            "SELECT schema_name, table_name, comment FROM duckdb_tables() "
            "WHERE database_name = current_database() ORDER BY ALL"
        ).fetchall()
        for schema, table, _ in rows:
            if table in BOOKKEEPING:
                continue
            count, digest = con.execute(
                f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{schema}"."{table}" AS t'
            ).fetchone()  # type: ignore[misc]
            tables[f"{schema}.{table}"] = (int(count), int(digest))

        def listing(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(map(str, row)) for row in con.execute(sql).fetchall()]

        # DataMorph's own publish log changes with every publish, by design
        database = "database_name = current_database()"
        kept = ", ".join(f"'{name}'" for name in BOOKKEEPING)
        current = f"database_name = current_database() AND table_name NOT IN ({kept})"
        return {
            "tables": tables,
            "comments": listing(f"SELECT table_name, comment FROM duckdb_tables() WHERE {current}"),
            "views": listing(
                f"SELECT schema_name, view_name, sql FROM duckdb_views() "
                f"WHERE NOT internal AND {database} ORDER BY ALL"
            ),
            "macros": listing(
                "SELECT schema_name, function_name FROM duckdb_functions() "
                f"WHERE NOT internal AND {database} ORDER BY ALL"
            ),
            "sequences": listing(
                f"SELECT schema_name, sequence_name FROM duckdb_sequences() WHERE {database}"
            ),
            "schemas": listing(
                f"SELECT schema_name FROM duckdb_schemas() WHERE {database} ORDER BY ALL"
            ),
            "indexes": listing(
                f"SELECT schema_name, index_name FROM duckdb_indexes() WHERE {current}"
            ),
            "types": listing(
                "SELECT schema_name, type_name FROM duckdb_types() "
                f"WHERE NOT internal AND {database} ORDER BY ALL"
            ),
            "columns": listing(
                "SELECT table_name, column_name, data_type FROM duckdb_columns() "
                f"WHERE {current} ORDER BY ALL"
            ),
        }


def listing(directory: Path, ignore_prefix: str | None = None) -> set[str]:
    """Every path under `directory` (relative), less those starting with `ignore_prefix`."""
    found = set()
    for path in directory.rglob("*"):
        rel = str(path.relative_to(directory))
        if ignore_prefix and rel.startswith(ignore_prefix):
            continue
        found.add(rel)
    return found


def db_stat(db_path: Path) -> tuple[Any, ...]:
    """Size and modification time of the database file and of its write-ahead log: a write
    that reaches the disk changes one of them."""
    stats = []
    for path in (db_path, db_path.with_name(db_path.name + ".wal")):
        try:
            st = path.stat()
            stats.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            stats.append(None)
    return tuple(stats)


def db_changes(
    env: HostileEnv, before: tuple[Any, ...], allowed: frozenset[str] = frozenset()
) -> list[str]:
    """What changed in the database since `before` (its db_stat): nothing when the files were
    not touched; else a comparison of fingerprints (tables, rows, views, macros...)."""
    now = db_stat(env.db_path)
    if now == before:
        return []
    fresh = fingerprint(env.db_path)
    problems = []
    for key, was in env.last_fingerprint.items():
        after = fresh[key]
        if key == "tables":
            was = {k: v for k, v in was.items() if k not in allowed}
            after = {k: v for k, v in after.items() if k not in allowed}
        if key in ("comments", "columns"):
            was = [r for r in was if f"main.{r[0]}" not in allowed]
            after = [r for r in after if f"main.{r[0]}" not in allowed]
        if was != after:
            problems.append(
                f"the database changed ({key}): before {was!r:.300} after {after!r:.300}"
            )
    env.last_fingerprint = fresh
    return problems


@dataclass
class Snapshot:
    env: HostileEnv
    cwd: Path
    watched: set[str]
    db_dir: set[str]
    cwd_files: set[str]
    db: tuple[Any, ...]

    @classmethod
    def take(cls, env: HostileEnv, cwd: Path) -> Snapshot:
        stat = db_stat(env.db_path)
        if stat != env.last_stat:  # changed since the last case looked: start from here
            env.last_fingerprint = fingerprint(env.db_path)
            env.last_stat = stat
        return cls(
            env=env,
            cwd=cwd,
            watched=listing(env.watch_dir),
            db_dir=listing(env.db_dir, ignore_prefix=env.db_path.name),
            cwd_files=listing(cwd, ignore_prefix=".datamorph"),
            db=stat,
        )

    def changes(self, allowed_tables: frozenset[str] = frozenset()) -> list[str]:
        """Files created or removed in the watched directories, and changes to the database
        (tables named in `allowed_tables` may appear or change: a run's own target)."""
        env, problems = self.env, []
        now = {
            "watched": listing(env.watch_dir),
            "db_dir": listing(env.db_dir, ignore_prefix=env.db_path.name),
            "cwd_files": listing(self.cwd, ignore_prefix=".datamorph"),
        }
        for name, after in now.items():
            was = getattr(self, name)
            if was != after:
                problems.append(
                    f"files changed in the {name} directory: new {sorted(after - was)}, "
                    f"gone {sorted(was - after)}"
                )
        problems += db_changes(env, self.db, allowed_tables)
        env.last_stat = db_stat(env.db_path)
        return problems


# ---- requests with a bound ------------------------------------------------------------------


def bounded(call: Callable[[], Any], bound: float) -> tuple[Any, float]:
    """`call()` in a worker thread; (its result or exception, seconds), or TimeoutError."""
    started = time.monotonic()
    future = _POOL.submit(call)
    try:
        result: Any = future.result(timeout=bound)
    except concurrent.futures.TimeoutError:
        raise TimeoutError(f"no answer within {bound:.0f} s") from None
    except Exception as error:
        result = error
    return result, time.monotonic() - started


@dataclass
class Service:
    client: TestClient
    env: HostileEnv
    headers: dict[str, str]
    settings: ServiceSettings

    def query(self, sql: str, bound: float = CASE_BOUND) -> tuple[Any, float]:
        return bounded(
            lambda: self.client.post("/execute/query", json={"query": sql}, headers=self.headers),
            bound,
        )

    def health_problems(self, bound: float = 10.0) -> list[str]:
        """The service answers /health ok and a benign SELECT correctly."""
        problems = []
        try:
            health, _ = bounded(lambda: self.client.get("/health"), bound)
            if isinstance(health, Exception) or health.status_code != 200:
                problems.append(f"/health afterwards: {health!r}")
            elif health.json().get("status") != "ok":
                problems.append(f"/health afterwards: {health.text[:300]}")
            answer, _ = self.query(HEALTH_SQL, bound)
            if isinstance(answer, Exception) or answer.status_code != 200:
                problems.append(
                    f"a benign SELECT afterwards: {answer!r} {getattr(answer, 'text', '')[:300]}"
                )
            elif answer.json()["rows"] != [[self.env.customers]]:
                problems.append(f"a benign SELECT afterwards answered {answer.text[:300]}")
        except TimeoutError as error:
            problems.append(f"the service did not answer afterwards: {error}")
        return problems


def make_service(env: HostileEnv, home: Path) -> tuple[TestClient, Service]:
    token = env.values["env DATAMORPH_API_TOKEN"]
    settings = ServiceSettings(
        database=str(env.db_path),
        home=home,
        workers=2,
        poll_seconds=0.05,
        token=token,
        query_timeout=QUERY_TIMEOUT,
    )
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    client.__enter__()
    service = Service(client, env, {"Authorization": f"Bearer {token}"}, settings)
    return client, service


@pytest.fixture(scope="module")
def hostile_service(
    hostile_env: HostileEnv, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    client, service = make_service(hostile_env, tmp_path_factory.mktemp("hostile_home"))
    try:
        yield service
    finally:
        client.__exit__(None, None, None)


# ---- expected answers -----------------------------------------------------------------------


def normal(value: Any) -> Any:
    """A value as the service's JSON carries it, for comparing with DuckDB's Python values."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | float):
        return round(float(value), 6)
    if isinstance(value, uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, list | tuple):
        return [normal(v) for v in value]
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    return value


def direct_answer(db_path: Path, sql: str) -> list[list[Any]] | None:
    """What a plain read-only DuckDB connection answers; None when it cannot fetch the rows."""
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            return [normal(list(row)) for row in con.execute(sql).fetchall()]
    except duckdb.Error:
        return None

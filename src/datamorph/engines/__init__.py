"""Engines, chosen by name from a plain dict; databases named by path or URL."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datamorph.config import default_database, demo_database, spark_master
from datamorph.errors import ConfigurationError, NotFoundError, refuse_blank, unknown_name_error

if TYPE_CHECKING:
    from datamorph.engines.base import Engine, EngineError, ErrorCategory, QueryResult, Staging
    from datamorph.engines.duckdb import DuckDBEngine

__all__ = [
    "ENGINES",
    "DatabaseLocation",
    "DuckDBEngine",
    "Engine",
    "EngineError",
    "ErrorCategory",
    "QueryResult",
    "Staging",
    "database_for",
    "open_engine",
    "parse_database",
]


# Naming a database (parse_database, database_for) must not load an engine: the engines, and
# the protocol they share (pyarrow, sqlglot), are imported when one is opened or named.
_LAZY = {
    "DuckDBEngine": "datamorph.engines.duckdb",
    **dict.fromkeys(("Engine", "EngineError", "ErrorCategory", "QueryResult", "Staging"),
                    "datamorph.engines.base"),
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_LAZY[name]), name)


def _duckdb(path: str, **options: Any) -> Engine:
    from datamorph.engines.duckdb import DuckDBEngine

    return DuckDBEngine(path, **options)


def _postgres(url: str, **options: Any) -> Engine:
    # psycopg is imported by the commands that use PostgreSQL, not by every CLI start
    from datamorph.engines.postgres import PostgresEngine

    return PostgresEngine(url, **options)


def _spark(master: str, **options: Any) -> Engine:
    # pyspark (and the JVM it starts) only for commands that run on Spark
    from datamorph.engines.spark import SparkEngine

    return SparkEngine(master, **options)


ENGINES: dict[str, Callable[..., Engine]] = {
    "duckdb": _duckdb,
    "postgres": _postgres,
    "spark": _spark,
}

_POSTGRES_SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class DatabaseLocation:
    engine: str
    target: str  # a file path for DuckDB, a URL for server engines (with its password)

    @property
    def shown(self) -> str:
        """The location as it may be printed, logged and stored: no password."""
        if self.engine == "spark":  # the master; spark://host:port is already a URL
            return self.target if "://" in self.target else f"spark:{self.target}"
        if self.engine != "postgres":
            return self.target
        from datamorph.engines.postgres_url import mask_url

        return mask_url(self.target)


def parse_database(database: str | None) -> DatabaseLocation:
    """`x.duckdb`, `duckdb:///relative.duckdb`, `duckdb:////abs.duckdb`, `:memory:`;
    `postgresql://...`; Spark as its master: `spark:` (the configured master), `spark:local[4]`,
    `spark:yarn`, or a standalone master's own URL `spark://host:7077`."""
    refuse_blank("--database", database)
    text = database or default_database()
    if text.lower() == "spark" or text.lower().startswith("spark:"):
        return DatabaseLocation("spark", _spark_master(text))
    scheme, sep, rest = text.partition("://")
    if not sep:
        return DatabaseLocation("duckdb", text)
    scheme = scheme.lower()
    if scheme == "duckdb":
        # SQLAlchemy's convention: three slashes for a relative path, four for an absolute one.
        return DatabaseLocation("duckdb", rest[1:] if rest.startswith("/") else rest)
    if scheme in _POSTGRES_SCHEMES:
        return DatabaseLocation("postgres", text)
    raise unknown_name_error("database URL scheme", scheme, ["duckdb", "postgresql", "spark"])


def _spark_master(text: str) -> str:
    """The master URL a Spark location names (`spark://h:p` is one already)."""
    if text.lower().startswith("spark://"):
        master = text
    else:
        master = text[len("spark") :].removeprefix(":").strip() or spark_master()
    if not _MASTER.match(master):
        raise ConfigurationError(
            f"'{master}' is not a Spark master URL",
            hint="use local, local[N], local[*], spark://HOST:PORT, yarn or k8s://URL",
        )
    return master


_MASTER = re.compile(
    r"^(local(\[(\*|[1-9]\d{0,3})(,\s*[1-9]\d{0,2})?\])?|yarn|"
    r"spark://[A-Za-z0-9._\-]+(:\d{1,5})?(,[A-Za-z0-9._\-]+(:\d{1,5})?)*|k8s://\S+)$"
)


def database_for(database: str | None, engine: str | None, master: str | None) -> str | None:
    """The database a command opens when it is named by engine and master, not by URL:
    `--engine spark` alone means the configured master, `--master URL` means Spark there."""
    if master is not None:
        refuse_blank("--master", master)
        if database is not None and parse_database(database).engine != "spark":
            raise ConfigurationError(
                "--master is for the spark engine", hint="drop --master or --database"
            )
        return master if master.lower().startswith("spark://") else f"spark:{master}"
    if engine == "spark" and database is None:
        return "spark:"
    return database


def connectable(location: str) -> str:
    """A location as the run store keeps it, made openable again (a server URL's masked
    password dropped, for PGPASSWORD or ~/.pgpass to supply)."""
    if location.startswith("spark:") and not location.startswith("spark://"):
        return location  # spark:local[2], spark:yarn...
    if parse_database(location).engine != "postgres":
        return location
    from datamorph.engines.postgres_url import unmasked

    return unmasked(location)


def open_engine(
    database: str | None = None,
    engine: str | None = None,
    *,
    create: bool = False,
    files: Sequence[str | Path] = (),
    read_only: bool = False,
    settings: Mapping[str, str] | None = None,
) -> Engine:
    """Open the engine for `database`; `engine`, when given, must agree with the URL. The
    engine may read no file outside the database but `files` (a run's sources); a command
    that only reads opens it `read_only`, so the file is never changed."""
    refuse_blank("--engine", engine)
    database = database_for(database, engine, None)
    location = parse_database(database)
    name = engine or location.engine
    if name not in ENGINES:
        raise unknown_name_error("engine", name, ENGINES)
    if name != location.engine:
        raise ConfigurationError(
            f"engine '{name}' cannot open '{location.shown}' ({location.engine})",
            hint=f"drop --engine or pass a {name} database",
        )
    if name == "duckdb" and not create and database is None and not Path(location.target).exists():
        raise NotFoundError(
            f"no database given and the demo database '{demo_database()}' does not exist",
            hint="run `datamorph demo` first, or pass --database",
        )
    options: dict[str, Any] = {"create": create, "files": files, "read_only": read_only}
    if settings:
        options["settings"] = settings
    return ENGINES[name](location.target, **options)

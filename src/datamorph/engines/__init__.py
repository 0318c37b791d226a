"""Engines, chosen by name from a plain dict; databases named by path or URL."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datamorph.config import default_database, demo_database
from datamorph.engines.base import Engine, EngineError, ErrorCategory, QueryResult, Staging
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.errors import ConfigurationError, NotFoundError, refuse_blank, unknown_name_error

__all__ = [
    "ENGINES",
    "DatabaseLocation",
    "DuckDBEngine",
    "Engine",
    "EngineError",
    "ErrorCategory",
    "QueryResult",
    "Staging",
    "open_engine",
    "parse_database",
]


def _postgres(url: str, **options: Any) -> Engine:
    # psycopg is imported by the commands that use PostgreSQL, not by every CLI start
    from datamorph.engines.postgres import PostgresEngine

    return PostgresEngine(url, **options)


ENGINES: dict[str, Callable[..., Engine]] = {"duckdb": DuckDBEngine, "postgres": _postgres}

# URL schemes of engines that are designed but not part of this build yet.
_PLANNED_SCHEMES = {"spark": "spark"}
_POSTGRES_SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class DatabaseLocation:
    engine: str
    target: str  # a file path for DuckDB, a URL for server engines (with its password)

    @property
    def shown(self) -> str:
        """The location as it may be printed, logged and stored: no password."""
        if self.engine != "postgres":
            return self.target
        from datamorph.engines.postgres_url import mask_url

        return mask_url(self.target)


def parse_database(database: str | None) -> DatabaseLocation:
    """`x.duckdb`, `duckdb:///relative.duckdb`, `duckdb:////abs.duckdb`, `:memory:`."""
    refuse_blank("--database", database)
    text = database or default_database()
    scheme, sep, rest = text.partition("://")
    if not sep:
        return DatabaseLocation("duckdb", text)
    scheme = scheme.lower()
    if scheme == "duckdb":
        # SQLAlchemy's convention: three slashes for a relative path, four for an absolute one.
        return DatabaseLocation("duckdb", rest[1:] if rest.startswith("/") else rest)
    if scheme in _POSTGRES_SCHEMES:
        return DatabaseLocation("postgres", text)
    if scheme in _PLANNED_SCHEMES:
        raise ConfigurationError(
            f"the {_PLANNED_SCHEMES[scheme]} engine is not available in this version",
            hint="use a DuckDB file for now (the default)",
        )
    raise unknown_name_error("database URL scheme", scheme, ["duckdb", "postgresql"])


def connectable(location: str) -> str:
    """A location as the run store keeps it, made openable again (a server URL's masked
    password dropped, for PGPASSWORD or ~/.pgpass to supply)."""
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
    location = parse_database(database)
    refuse_blank("--engine", engine)
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

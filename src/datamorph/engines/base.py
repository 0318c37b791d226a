"""What every engine offers, and the portable errors its native errors map onto.

An engine lists tables, samples rows, runs generated code into a staging table, runs
read-only queries, publishes staging to the target atomically, and cleans up the leftovers of
crashed runs. Its native errors become `EngineError`s with a small portable category (what
healing keys on) while keeping the native type, code and message (what a person reads).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import DialectType
from sqlglot.errors import ParseError, TokenError

from datamorph.catalog import Catalog
from datamorph.errors import PipelineError, UsageError
from datamorph.spec.model import TargetTable

STAGING_PREFIX = "_dm_stage_"
BACKUP_PREFIX = "_dm_backup_"
_RUN_SUFFIX = re.compile(r"^_dm_(?:stage|backup)_(?P<run>[a-z0-9_]+)$")

if TYPE_CHECKING:  # pyarrow (and numpy) load when a table is read as Arrow
    import pyarrow as pa


class ErrorCategory(StrEnum):
    CODE_DEFECT = "code_defect"  # the code is wrong: syntax, unknown function, bad grouping
    SCHEMA_MISMATCH = "schema_mismatch"  # code and data disagree: unknown column or table
    DATA_ERROR = "data_error"  # the data breaks the code: bad cast, constraint, out of range
    TRANSIENT = "transient"  # may pass on retry: conflict, interrupted, connection lost
    RESOURCE_EXHAUSTION = "resource_exhaustion"  # memory, disk, time
    PERMISSION = "permission"
    CONFIGURATION = "configuration"  # the environment needs a person: dependencies, settings
    UNKNOWN = "unknown"


# What to try next, the same on every engine; each engine's error module adds its own words
# for what depends on it (memory, privileges, where it is configured).
COMMON_HINTS: dict[ErrorCategory, str] = {
    ErrorCategory.CODE_DEFECT: "the generated or given code is wrong; healing can rewrite it",
    ErrorCategory.SCHEMA_MISMATCH: (
        "a table or column is not where the code expects it; check the catalog"
    ),
    ErrorCategory.DATA_ERROR: (
        "some rows do not fit the code's assumptions; inspect the failing values"
    ),
    ErrorCategory.TRANSIENT: "retrying may succeed",
    ErrorCategory.UNKNOWN: "see the native message",
}


class EngineError(PipelineError):
    """A native engine error, mapped onto the portable categories."""

    def __init__(
        self,
        message: str,
        *,
        category: ErrorCategory,
        engine: str,
        native_type: str,
        native_code: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.category = category
        self.engine = engine
        self.native_type = native_type
        self.native_code = native_code

    def as_dict(self) -> dict[str, Any]:
        return {
            "category": str(self.category),
            "engine": self.engine,
            "native_type": self.native_type,
            "native_code": self.native_code,
            "message": self.message,
        }


@dataclass(frozen=True)
class Staging:
    """A staging table built by one run, not yet visible under the target's name."""

    name: str
    run_id: str
    rows: int


@dataclass(frozen=True)
class PublishResult:
    target: str
    mode: str
    rows: int  # rows in the target after publishing
    replaced: bool  # a previous target existed


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    types: list[str] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@runtime_checkable
class Engine(Protocol):
    name: ClassVar[str]
    dialect: ClassVar[str]
    location: str

    def catalog(
        self, *, samples: int = 3, profile: bool = False, counts: bool = True
    ) -> Catalog: ...

    def sample_rows(self, table: str, limit: int = 10) -> list[dict[str, Any]]: ...

    def query(
        self, sql: str, *, limit: int | None = None, timeout: float | None = None
    ) -> QueryResult: ...

    def query_arrow(self, sql: str) -> pa.Table: ...

    def execute(self, sql: str, params: list[Any] | None = None) -> Any:
        """The engine's own statements (staging, temporary reference tables)."""
        ...

    def build_staging(self, code: str, run_id: str) -> Staging: ...

    def publish(self, staging: Staging, target: TargetTable) -> PublishResult: ...

    def drop_staging(self, staging: Staging) -> None: ...

    def cleanup_leftovers(self, active_run_ids: set[str]) -> list[str]: ...

    def table_exists(self, name: str) -> bool: ...

    def close(self) -> None: ...


def quote(identifier: str) -> str:
    """An identifier quoted the SQL-standard way (DuckDB, PostgreSQL): any name is safe."""
    return '"' + identifier.replace('"', '""') + '"'


def staging_name(run_id: str) -> str:
    return STAGING_PREFIX + safe_run_suffix(run_id)


def backup_name(run_id: str) -> str:
    return BACKUP_PREFIX + safe_run_suffix(run_id)


def safe_run_suffix(run_id: str) -> str:
    return re.sub(r"[^a-z0-9]", "_", run_id.lower())


def leftover_run(table_name: str) -> str | None:
    """The run suffix of a staging or backup table, None for any other table."""
    match = _RUN_SUFFIX.match(table_name.lower())
    return match.group("run") if match else None


class QueryDoesNotParse(UsageError):
    """SQL that is broken rather than unsafe: the engine says where, healing may repair it."""


def require_select(sql: str, dialect: DialectType) -> exp.Query:
    """Parse `sql` and insist it is exactly one read-only query (SELECT, WITH ... SELECT)."""
    try:
        parsed = sqlglot.parse(sql, read=dialect)
        # a comment after the last semicolon parses as a statement of its own
        statements = [s for s in parsed if s is not None and not isinstance(s, exp.Semicolon)]
    except ParseError as error:
        first = error.errors[0] if error.errors else {}
        detail = first.get("description") or str(error).splitlines()[0]
        raise QueryDoesNotParse(
            f"the query does not parse: {detail}", hint="write one SELECT"
        ) from None
    except TokenError as error:  # before parsing: an open quote, a stray character
        raise QueryDoesNotParse(
            f"the query does not parse: {str(error).splitlines()[0]}",
            hint="look for an unclosed quote or a character SQL does not use",
        ) from None
    if len(statements) != 1:
        raise UsageError(
            f"expected one statement, found {len(statements)}", hint="send a single SELECT"
        )
    statement = statements[0]
    if not isinstance(statement, exp.Query):
        raise _not_select(statement)
    writer = _writer(statement)
    if writer is not None:
        raise _not_select(writer)
    return statement


def _not_select(node: exp.Expr) -> UsageError:
    kind = "SELECT ... INTO" if isinstance(node, exp.Into) else type(node).__name__.upper()
    return UsageError(f"only SELECT is allowed, not {kind}", hint="queries here are read-only")


_WRITING = (exp.Insert, exp.Update, exp.Delete, exp.Create, exp.Drop, exp.Alter, exp.Merge)


def _writer(statement: exp.Expr) -> exp.Expr | None:
    """The first node of a query that writes. `SELECT ... INTO t` parses as a query, yet it
    creates a table (DuckDB renders it CREATE TABLE AS): Into writes too."""
    return next((n for n in statement.walk() if isinstance(n, (*_WRITING, exp.Into))), None)


class Unopened:
    """Stands in for an engine that could not be opened yet (a lock held by another process).

    The run is recorded anyway, so the failure is classified and healed like any other: the
    planning step opens the real engine, and anything else touching this one raises the error.
    """

    def __init__(self, name: str, location: str, error: EngineError) -> None:
        self.name = name
        self.location = location
        self.dialect = name
        self.error = error

    def close(self) -> None:
        """Nothing was opened."""

    def __getattr__(self, attribute: str) -> Any:
        raise self.error

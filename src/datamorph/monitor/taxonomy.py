"""The failure categories the monitor classifies into, and what each one calls for.

The first eleven are the original monitor's categories; `code_defect` and `resource_locked`
are the pipeline's own: the code is wrong (the engine rejected it, or validation found a wrong
result), and another process holds what the run needs. `docs/monitor.md` is written from this
table (`taxonomy_markdown`), so the documentation cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    PERMISSION_DENIED = "permission_denied"
    NETWORK_TIMEOUT = "network_timeout"
    SCHEMA_MISMATCH = "schema_mismatch"
    RESOURCE_EXHAUSTION = "resource_exhaustion"
    DATA_DUPLICATION = "data_duplication"
    MISSING_DEPENDENCY = "missing_dependency"
    CONFIGURATION_ERROR = "configuration_error"
    QUOTA_EXCEEDED = "quota_exceeded"
    AUTHENTICATION_FAILURE = "authentication_failure"
    DATA_CORRUPTION = "data_corruption"
    CODE_DEFECT = "code_defect"
    RESOURCE_LOCKED = "resource_locked"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CategoryInfo:
    meaning: str
    examples: str
    strategy: str  # the strategy recommended when the classifier is confident
    transient: bool  # may pass by itself: retrying is allowed


C = Category
TAXONOMY: dict[Category, CategoryInfo] = {
    C.PERMISSION_DENIED: CategoryInfo(
        "the identity is known but not allowed to read or write something",
        "SQLSTATE 42501, EACCES, HTTP 403, AccessDenied",
        "escalate",  # raising permissions is never automatic
        False,
    ),
    C.NETWORK_TIMEOUT: CategoryInfo(
        "a peer did not answer in time, or the connection dropped",
        "SQLSTATE 08006, ETIMEDOUT, ECONNRESET, HTTP 504, RequestTimeout",
        "retry",
        True,
    ),
    C.SCHEMA_MISMATCH: CategoryInfo(
        "a table or column is not where the spec or the code expects it (schema drift)",
        "SQLSTATE 42703/42P01, DuckDB Binder/Catalog errors, UNRESOLVED_COLUMN",
        "refresh_catalog",
        False,
    ),
    C.RESOURCE_EXHAUSTION: CategoryInfo(
        "memory, disk or time ran out for the work as configured",
        "SQLSTATE 53200, DuckDB OutOfMemory, MemoryError, Java heap space, ENOSPC",
        "scale",
        False,
    ),
    C.DATA_DUPLICATION: CategoryInfo(
        "rows repeat a key that must be unique",
        "SQLSTATE 23505, DuckDB Constraint (duplicate key), a failed grain check",
        "deduplicate",
        False,
    ),
    C.MISSING_DEPENDENCY: CategoryInfo(
        "an input or a component is not there yet: a file, a module, an upstream table",
        "ENOENT, 'No files found that match the pattern', ModuleNotFoundError, NoSuchKey",
        "retry",  # upstream may not have landed yet; bounded, then escalate
        True,
    ),
    C.CONFIGURATION_ERROR: CategoryInfo(
        "a setting, option or URL cannot work",
        "SQLSTATE 42704 (setting), invalid option values, unknown engine",
        "escalate",
        False,
    ),
    C.QUOTA_EXCEEDED: CategoryInfo(
        "a rate or usage limit was hit",
        "HTTP 429, ThrottlingException, rate_limit_error, SQLSTATE 53300",
        "backoff_fallback",
        True,
    ),
    C.AUTHENTICATION_FAILURE: CategoryInfo(
        "the identity itself was rejected: wrong, missing or expired credentials",
        "SQLSTATE 28P01/28000, HTTP 401, ExpiredToken, authentication_error",
        "refresh_credentials",
        False,
    ),
    C.DATA_CORRUPTION: CategoryInfo(
        "the bytes cannot be read as what they claim to be",
        "invalid Parquet magic, malformed CSV or JSON, UnicodeDecodeError, SQLSTATE XX001",
        "escalate",
        False,
    ),
    C.CODE_DEFECT: CategoryInfo(
        "the pipeline's code is wrong: it does not parse or bind, or gives a wrong result",
        "DuckDB Parser errors, SQLSTATE 42601/42883, failed reconciliation or row-diff checks",
        "fix_code",
        False,
    ),
    C.RESOURCE_LOCKED: CategoryInfo(
        "another process holds a lock on what the run needs",
        "DuckDB 'Could not set lock on file', SQLSTATE 55P03, 'database is locked'",
        "retry",  # a few bounded retries, then escalate with the holder
        True,
    ),
    C.UNKNOWN: CategoryInfo(
        "none of the above with any confidence",
        "anything the layers cannot place",
        "escalate",
        False,
    ),
}

CATEGORIES: tuple[str, ...] = tuple(str(c) for c in Category)
TRANSIENT: frozenset[Category] = frozenset(c for c, info in TAXONOMY.items() if info.transient)


def taxonomy_markdown() -> str:
    rows = ["| category | meaning | examples | strategy | transient |", "|---|---|---|---|---|"]
    for category, info in TAXONOMY.items():
        flag = "yes" if info.transient else "no"
        rows.append(
            f"| `{category}` | {info.meaning} | {info.examples} | `{info.strategy}` | {flag} |"
        )
    return "\n".join(rows)

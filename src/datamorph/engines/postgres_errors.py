"""PostgreSQL errors -> portable error categories, by SQLSTATE.

Every server error carries a five-character SQLSTATE whose first two characters are its class
(PostgreSQL manual, Appendix A). The exact code decides where one class mixes causes (class 42
holds both a misspelt column, which is the schema's or the code's, and a syntax error, which is
the code's); otherwise the class does. A failure to connect has no SQLSTATE from the server:
its message decides between "the server is not there" (may pass) and "these credentials or
this database are wrong" (will not).
"""

from __future__ import annotations

import re

import psycopg

from datamorph.engines.base import EngineError, ErrorCategory

C = ErrorCategory
_BY_CODE: dict[str, ErrorCategory] = {
    "42601": C.CODE_DEFECT,  # syntax_error
    "42803": C.CODE_DEFECT,  # grouping_error
    "42804": C.CODE_DEFECT,  # datatype_mismatch
    "42883": C.CODE_DEFECT,  # undefined_function
    "42725": C.CODE_DEFECT,  # ambiguous_function
    "42702": C.CODE_DEFECT,  # ambiguous_column
    "42P18": C.CODE_DEFECT,  # indeterminate_datatype
    "42P20": C.CODE_DEFECT,  # windowing_error
    "42703": C.SCHEMA_MISMATCH,  # undefined_column
    "42P01": C.SCHEMA_MISMATCH,  # undefined_table
    "42P07": C.SCHEMA_MISMATCH,  # duplicate_table
    "3F000": C.SCHEMA_MISMATCH,  # invalid_schema_name
    "42501": C.PERMISSION,  # insufficient_privilege
    "57014": C.TRANSIENT,  # query_canceled (statement_timeout, a cancel)
    "55P03": C.TRANSIENT,  # lock_not_available (lock_timeout)
    "55006": C.TRANSIENT,  # object_in_use
    "3D000": C.CONFIGURATION,  # invalid_catalog_name: no such database
    "0A000": C.CODE_DEFECT,  # feature_not_supported
    "25006": C.PERMISSION,  # read_only_sql_transaction
}
_BY_CLASS: dict[str, ErrorCategory] = {
    "08": C.TRANSIENT,  # connection exception
    "22": C.DATA_ERROR,  # data exception (a bad value, division by zero)
    "23": C.DATA_ERROR,  # integrity constraint violation
    "28": C.CONFIGURATION,  # invalid authorization
    "40": C.TRANSIENT,  # transaction rollback: serialization failure, deadlock
    "42": C.SCHEMA_MISMATCH,
    "53": C.RESOURCE_EXHAUSTION,  # insufficient resources: disk full, out of memory
    "54": C.RESOURCE_EXHAUSTION,  # program limit exceeded
    "57": C.TRANSIENT,  # operator intervention: shutdown, crash
    "58": C.CONFIGURATION,  # system error: an I/O error on the server
    "XX": C.UNKNOWN,
}
_HINTS = {
    C.CODE_DEFECT: "the generated or given code is wrong; healing can rewrite it",
    C.SCHEMA_MISMATCH: "a table or column is not where the code expects it; check the catalog",
    C.DATA_ERROR: "some rows do not fit the code's assumptions; inspect the failing values",
    C.TRANSIENT: "retrying may succeed",
    C.RESOURCE_EXHAUSTION: "the server ran short of memory or disk; reduce the data or ask its "
    "administrator",
    C.PERMISSION: "the database user lacks a privilege; GRANT it or use another user",
    C.CONFIGURATION: "check the URL: user, password, host, port and database name",
    C.UNKNOWN: "see the native message",
}
_UNREACHABLE = re.compile(
    r"Connection refused|could not translate host name|timeout expired|No route to host"
    r"|server closed the connection|Network is unreachable|the database system is starting",
    re.IGNORECASE,
)
_PASSWORD = re.compile(r"(password=|://[^:/@\s]*:)[^@\s]*", re.IGNORECASE)


def map_postgres_error(error: Exception) -> EngineError:
    """An EngineError whose category, code and hint come from the error's SQLSTATE."""
    sqlstate = getattr(error, "sqlstate", None) or None
    message = _first_lines(str(error))
    if sqlstate is None and isinstance(error, psycopg.OperationalError):
        category = C.TRANSIENT if _UNREACHABLE.search(message) else C.CONFIGURATION
        hint = (
            "is the server running and reachable at that host and port?"
            if category is C.TRANSIENT
            else _HINTS[C.CONFIGURATION]
        )
    else:
        category = _category(sqlstate)
        hint = _HINTS[category]
    return EngineError(
        message,
        category=category,
        engine="postgres",
        native_type=type(error).__name__,
        native_code=f"sqlstate:{sqlstate}" if sqlstate else None,
        hint=hint,
    )


def _category(sqlstate: str | None) -> ErrorCategory:
    if sqlstate is None:
        return C.UNKNOWN
    return _BY_CODE.get(sqlstate) or _BY_CLASS.get(sqlstate[:2], C.UNKNOWN)


def _first_lines(text: str, limit: int = 3) -> str:
    """The diagnosis, without a password a connection string may have carried."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:limit]
    return _PASSWORD.sub(lambda m: m.group(1) + "***", " | ".join(lines))

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

from datamorph.engines.base import COMMON_HINTS, EngineError, ErrorCategory
from datamorph.engines.sqlstate import category_of_sqlstate

C = ErrorCategory
_HINTS = {
    **COMMON_HINTS,
    C.RESOURCE_EXHAUSTION: "the server ran short of memory or disk; reduce the data or ask its "
    "administrator",
    C.PERMISSION: "the database user lacks a privilege; GRANT it or use another user",
    C.CONFIGURATION: "check the URL: user, password, host, port and database name",
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
        category = category_of_sqlstate(sqlstate)
        hint = _HINTS[category]
    return EngineError(
        message,
        category=category,
        engine="postgres",
        native_type=type(error).__name__,
        native_code=f"sqlstate:{sqlstate}" if sqlstate else None,
        hint=hint,
    )


def _first_lines(text: str, limit: int = 3) -> str:
    """The diagnosis, without a password a connection string may have carried."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:limit]
    return _PASSWORD.sub(lambda m: m.group(1) + "***", " | ".join(lines))

"""What a broken run store means for the person at the keyboard: one line and what to do.

SQLite reports a damaged, read-only, locked or full store as a DBAPI error whose text names
the cause; every command opens the store, so each would otherwise end as an internal error.
"""

from __future__ import annotations

import sqlalchemy as sa

from datamorph.errors import ConfigurationError

_CAUSES = (
    (
        ("not a database", "malformed", "file is encrypted"),
        "is damaged (not a SQLite database)",
        "move it aside (mv {path} {path}.damaged) and run again: a new, empty store is made",
    ),
    (
        ("readonly", "read-only", "unable to open database file"),
        "cannot be written (read-only file or folder)",
        "make it writable, or set DATAMORPH_HOME to a folder you can write",
    ),
    (
        ("database is locked", "locked"),
        "is locked by another process",
        "wait for the other DataMorph command to finish, then run again",
    ),
    (
        ("disk is full", "disk i/o error", "no space"),
        "cannot be written: the disk is full or failing",
        "free disk space, or set DATAMORPH_HOME to another disk",
    ),
)


def store_error(error: sa.exc.DBAPIError, path: str) -> ConfigurationError:
    """The one-line error for a SQLite store at `path` that failed with `error`."""
    text = str(error.orig or error).lower()
    for needles, what, hint in _CAUSES:
        if any(needle in text for needle in needles):
            return ConfigurationError(f"the run store {path} {what}", hint=hint.format(path=path))
    first = str(error.orig or error).splitlines()[0]
    return ConfigurationError(
        f"the run store {path} failed: {first}",
        hint="set DATAMORPH_HOME to another folder to start a fresh store",
    )


def server_store_error(error: sa.exc.OperationalError, shown_url: str) -> ConfigurationError:
    """A store on a server (PostgreSQL) that cannot be reached or refuses the credentials."""
    first = str(error.orig or error).splitlines()[0]
    return ConfigurationError(
        f"the run store {shown_url} cannot be used: {first}",
        hint="check --store / DATAMORPH_STORE: user, password, host, port and database",
    )

"""The engine's own fence around a DuckDB database: it reads no file it was not given.

Parsing SQL is one defence; the engine is the other, and it holds whatever the parser misses.
Every connection opens with extensions neither installed nor loaded, then names the files the
work needs (a run's sources, a file being loaded) and switches external access off. DuckDB
refuses from then on to read or write any other file (`read_text('/proc/self/environ')`,
`COPY ... TO`, `ATTACH`, `INSTALL`), to read environment variables, and to switch access back
on, whoever asks: a user's query, a spec expression, an LLM's code.

Connections to one file in one process share one database instance, and these settings are
the instance's: the first connection sets them, later ones must fit inside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from datamorph.errors import UsageError

CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}
_GLOB = frozenset("*?[{")


def confine(con: duckdb.DuckDBPyConnection, files: Sequence[str | Path]) -> None:
    """Allow `files` (a glob: its folder) and nothing else outside the database."""
    paths, folders = _allowed(files)
    if not confined(con):
        if paths:
            con.execute("SET allowed_paths = ?", [paths])
        if folders:
            con.execute("SET allowed_directories = ?", [folders])
        con.execute("SET enable_external_access = false")
        return
    # the instance was opened by another connection of this process: it must allow these files
    allowed = {*_listed(con, "allowed_paths"), *_listed(con, "allowed_directories")}
    missing = [p for p in paths if p not in allowed and not _inside(p, allowed)]
    missing += [f for f in folders if f not in allowed]
    if missing:
        raise UsageError(
            f"the database is already open in this process without access to {missing[0]}",
            hint="close the other connection first, or load the file in its own command",
        )


def _allowed(files: Sequence[str | Path]) -> tuple[list[str], list[str]]:
    paths: list[str] = []
    folders: list[str] = []
    for file in files:
        text = str(Path(file).expanduser().absolute())
        if _GLOB & set(text):
            head = text[: min(text.index(c) for c in _GLOB if c in text)]
            folders.append(str(Path(head if head.endswith("/") else Path(head).parent)) + "/")
        else:  # a path that is not there yet is read as a folder: DuckDB looks inside it
            paths.append(text)
            folders.append(text + "/")
    return paths, folders


def confined(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database instance has switched external access off already."""
    return not _setting(con, "enable_external_access")


def _setting(con: duckdb.DuckDBPyConnection, name: str) -> object:
    row = con.execute("SELECT current_setting(?)", [name]).fetchone()
    return row[0] if row else None


def _listed(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    value = _setting(con, name)
    return [str(v) for v in value] if isinstance(value, list) else []


def _inside(path: str, allowed: set[str]) -> bool:
    return any(a.endswith("/") and path.startswith(a) for a in allowed)

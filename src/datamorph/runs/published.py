"""The tables DataMorph published into a database, for `plan`, which only reads: straight from
the SQLite run store file, read-only, without SQLAlchemy, the schema check or the sweep for
interrupted runs that opening the store does (15-30 ms of a plan that takes 100). Any other
store, or a file this cannot read as expected, goes through `RunStore`."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

_QUERY = (
    "SELECT DISTINCT target_table FROM runs WHERE database = ? AND status = 'completed' "
    "AND target_table IS NOT NULL"
)


def published_tables(location: str) -> set[str]:
    """What `open_store().published_tables(location)` returns (lower-case names)."""
    path = _sqlite_file()
    # a regular file only: a missing store is created, and a FIFO, a folder or a home that is
    # a file are refused, by the store as any command would
    if path is not None and path.is_file():
        found = _read(path, location)
        if found is not None:
            return found
    from datamorph.runs.store import open_store

    with open_store() as store:
        return store.published_tables(location)


def _sqlite_file() -> Path | None:
    """The store's SQLite file, or None for a store named some other way."""
    from datamorph.config import home, store_url

    url = store_url()
    if url is None:
        return Path(home()).expanduser().resolve() / "runs.db"
    if url.startswith("sqlite:///") and "?" not in url:
        return Path(url.removeprefix("sqlite:///")).expanduser()
    return None


def _read(path: Path, location: str) -> set[str] | None:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=30)) as con:
            rows = con.execute(_QUERY, (location,)).fetchall()
    except sqlite3.Error:  # an old or foreign file, a WAL it cannot open read-only: the store
        return None
    return {str(name).lower() for (name,) in rows}

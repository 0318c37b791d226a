"""Catalogs (with their column profiles) kept between processes, as JSON under the cache dir.

An entry is served only when its key, which the engine builds from everything that changes
when the data does (for DuckDB: the file header, the WAL, the table list), equals the
database's key now; one entry per database and reading options, replaced on a change. A
cache that cannot be read or written is skipped: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from datamorph.catalog import Catalog
from datamorph.config import cache_dir

# The database header and its two checkpoint headers (DuckDB: 3 blocks of 4 KiB): a
# checkpoint rewrites one of them with its counter incremented.
HEADER_BYTES = 3 * 4096
MAX_ENTRIES = 64


def file_signature(path: Path) -> dict[str, Any]:
    """The file's identity, size, times and header bytes, and its WAL's (or its absence)."""
    resolved = path.resolve()
    with resolved.open("rb") as file:
        header = hashlib.sha256(file.read(HEADER_BYTES)).hexdigest()
    return {
        "path": str(resolved),
        "file": _stat(resolved),
        "header": header,
        "wal": _stat(resolved.with_name(resolved.name + ".wal")),
    }


def _stat(path: Path) -> list[int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return [found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns]


def _entry(key: dict[str, Any]) -> Path:
    # One file per database and options: a newer state of the same database replaces it
    where = {k: key.get(k) for k in ("path", "samples", "profile", "counts", "format")}
    name = hashlib.sha256(json.dumps(where, sort_keys=True).encode()).hexdigest()[:32]
    return cache_dir() / "catalogs" / f"{name}.json"


def options(*, samples: int, profile: bool, counts: bool) -> dict[str, Any]:
    """What a catalog was read with: part of its key."""
    from datamorph.engines.profiling import PROFILE_FORMAT

    return {"samples": samples, "profile": profile, "counts": counts, "format": PROFILE_FORMAT}


def load_unopened(path: Path, engine: dict[str, str], read: dict[str, Any]) -> Catalog | None:
    """The stored catalog of a database file nobody has written to since, without opening it:
    what a fresh connection would find is the file's content alone, which its signature
    pins (an entry is stored only when the connection that read it had no temporary tables,
    no views and no open transaction). `engine` names the engine build, `read` the options."""
    key = {**file_signature(path), **engine, **read}
    return _load(key, "file_key")


def load(key: dict[str, Any]) -> Catalog | None:
    """The stored catalog when it was stored under exactly this key, else None."""
    return _load(key, "key")


def _load(key: dict[str, Any], field: str) -> Catalog | None:
    """The entry's catalog when its `field` ("key", or "file_key" for load_unopened) equals
    `key`; None when missing, unreadable or stored under another key."""
    try:
        stored = json.loads(_entry(key).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get(field) != _plain(key):
        return None
    try:
        return Catalog.model_validate(stored.get("catalog"))
    except ValidationError:
        return None


def store(key: dict[str, Any], catalog: Catalog) -> None:
    """Write the entry atomically (a reader never sees half a file), readable by the owner
    only: first rows and frequent values are the user's data."""
    path = _entry(key)
    file_key = {k: v for k, v in key.items() if k != "tables"}  # for load_unopened
    body = json.dumps(
        {
            "key": _plain(key),
            "file_key": _plain(file_key),
            "catalog": catalog.model_dump(mode="json"),
        }
    )
    with contextlib.suppress(OSError):
        _write_atomically(path, body)
        _prune(path.parent)


def load_functions(engine_version: str) -> frozenset[str] | None:
    """The function names an engine build was found to have, if stored."""
    try:
        stored = json.loads(_functions_entry(engine_version).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("version") != engine_version:
        return None
    names = stored.get("functions")
    return frozenset(names) if isinstance(names, list) else None


def store_functions(engine_version: str, names: frozenset[str]) -> None:
    body = json.dumps({"version": engine_version, "functions": sorted(names)})
    with contextlib.suppress(OSError):
        _write_atomically(_functions_entry(engine_version), body)


def _functions_entry(engine_version: str) -> Path:
    safe = "".join(c if c.isalnum() or c in ".-" else "_" for c in engine_version)
    return cache_dir() / "functions" / f"duckdb-{safe}.json"


def _write_atomically(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w") as file:
            file.write(body)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _prune(folder: Path) -> None:
    """Keep the MAX_ENTRIES newest entries: every database ever planned against (tests make
    thousands) would otherwise leave one behind."""
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)


def _plain(key: dict[str, Any]) -> Any:
    """The key as JSON gives it back (tuples as lists), so that stored and fresh compare."""
    return json.loads(json.dumps(key, sort_keys=True, default=str))

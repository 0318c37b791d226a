"""Is this file a whole DuckDB database? Checked before DuckDB opens it.

DuckDB opens a SQLite file by installing its sqlite extension (refused here: no network, no
autoinstall), says a text file "exists, but is not valid" as an I/O error that reads like a
passing fault, and opens a file cut short without complaint until a query reaches the missing
blocks; a `load` into it then writes past the cut. Each is the user's input being wrong, so
each gets one line that names the file and what is wrong with it.

The layout read here is DuckDB's storage format: a 4 KiB main header with the magic bytes
"DUCK" at offset 8, then two 4 KiB database headers (the newer one, by iteration count, is
current) whose fields give the block size. Whether the file was cut short is read from the
tables' own block numbers (`check_blocks`).
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
from pathlib import Path

import duckdb

from datamorph.errors import UsageError

_HEADER = 4096
_MAGIC = b"DUCK"
_SQLITE = b"SQLite format 3\x00"
_DEFAULT_BLOCK = 262_144
# checksum, iteration, meta block, free list, block count, block allocation size
_DATABASE_HEADER = struct.Struct("<QQQQQQ")
# DuckDB's words for a file whose bytes are not what its headers promise
DAMAGED = re.compile(
    r"Corrupt database file|not a valid DuckDB database|Could not read enough bytes"
    r"|database file .* is truncated|Invalid block|Unsupported serialization",
    re.IGNORECASE,
)


def check_database_file(path: Path) -> None:
    """Raise UsageError when `path` holds something other than a whole DuckDB database."""
    size = path.stat().st_size
    if size == 0:  # DuckDB will not start a database in an empty file either
        raise UsageError(
            f"'{path}' is an empty file, not a DuckDB database",
            hint="remove it, and a new database is created there",
        )
    with path.open("rb") as handle:
        head = handle.read(3 * _HEADER)
    if head.startswith(_SQLITE):
        raise _not_duckdb(path, "it is a SQLite database")
    if len(head) < 12 or head[8:12] != _MAGIC:
        raise _not_duckdb(path, "it does not start like one")
    if len(head) < 3 * _HEADER:
        raise damaged_database(path, f"it is cut short ({size:,} bytes, not even its headers)")


def check_blocks(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Raise UsageError when a table's data lives in blocks past the end of the file: a file
    cut short. DuckDB opens one without complaint and would write into it. (The headers'
    block count cannot tell: DuckDB itself shortens the file when trailing blocks fall free.)
    Reads table metadata only: milliseconds, even for large tables."""
    in_file = (path.stat().st_size - 3 * _HEADER) // _block_size(path)
    tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
    ).fetchall()
    for (table,) in tables:
        (last,) = con.execute(
            "SELECT max(block_id) FROM pragma_storage_info(?)", [table]
        ).fetchone() or (None,)
        if last is not None and last >= in_file:
            raise damaged_database(
                path, f"table {table} needs block {last:,}, and the file holds {in_file:,}"
            )


def known_sound(path: Path) -> bool:
    """True when this very file (same device, inode, size and modification time) was found
    whole before and closed by DataMorph since: `check_blocks` reads every table's storage
    list (tens of ms, more on large tables), which a file nobody else changed need not pay.
    A cut, a copy over it or any outside write changes the stamp, and the check runs."""
    try:
        return _stamp_file(path).read_text() == _stamp(path)
    except OSError:
        return False


def remember_sound(path: Path) -> None:
    """After DataMorph closed a file it had found whole: its stamp, for `known_sound`."""
    try:
        marker = _stamp_file(path)
        marker.parent.mkdir(parents=True, exist_ok=True)
        partial = marker.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(_stamp(path))
        partial.replace(marker)  # atomic: a reader sees the old stamp or the new one
    except OSError:
        pass  # a read-only cache costs the next open one check


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def _stamp_file(path: Path) -> Path:
    from datamorph.config import cache_dir

    name = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / "sound-files" / name


def _block_size(path: Path) -> int:
    with path.open("rb") as handle:
        head = handle.read(3 * _HEADER)
    headers = [_DATABASE_HEADER.unpack_from(head, offset) for offset in (_HEADER, 2 * _HEADER)]
    block_size = max(headers, key=lambda fields: fields[1])[5]
    return block_size if 0 < block_size <= 1 << 30 else _DEFAULT_BLOCK


def damaged_database(path: Path | str, what: str) -> UsageError:
    return UsageError(
        f"'{path}' is a damaged DuckDB database: {what}",
        hint="restore it from a copy, or point --database at another file",
    )


def _not_duckdb(path: Path, why: str) -> UsageError:
    return UsageError(
        f"'{path}' is not a DuckDB database ({why})",
        hint="pass a DuckDB file, or import the data with `datamorph load FILE --table NAME`",
    )

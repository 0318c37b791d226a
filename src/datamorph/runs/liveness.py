"""Is the process driving a run still alive? A lock per run, held for as long as it runs.

The process that starts (or resumes) a run takes a lock named after it and holds it until the
run ends; the operating system or the database releases it when the process dies, however it
dies (SIGKILL, power cut, OOM killer). Anyone can then ask "is this run's lock free?" — a run
whose lock is free but whose status says it is going has lost its process. No clock is
involved, so a long step is never mistaken for a dead one.

- SQLite store: `flock` on `<store>/locks/<run_id>.lock` (one machine, like the store file).
  `flock` locks belong to an open file, not to a process, so two threads of one service
  holding and probing the same run conflict exactly as two processes would.
- PostgreSQL store: a session advisory lock on a connection kept open for the run, so a run on
  one machine is seen alive (or dead) from every other machine sharing the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa

from datamorph.errors import UsageError

_PG_NAMESPACE = 7140532  # first key of the two-key advisory lock: DataMorph's run locks


def owner_name() -> str:
    """Who holds a run: shown to people, never used to decide liveness."""
    return f"{socket.gethostname()}:{os.getpid()}"


class RunBusy(UsageError):
    """Another process (or thread) drives this run now."""


class Claim(Protocol):
    def release(self) -> None: ...


class RunLocks(Protocol):
    def claim(self, run_id: str) -> Claim:
        """Take the run's lock for this process, or raise RunBusy."""
        ...

    def is_free(self, run_id: str) -> bool:
        """True when nobody holds the run's lock (its process is gone)."""
        ...


def busy(run_id: str) -> RunBusy:
    return RunBusy(
        f"run {run_id} is being driven by another process",
        hint="wait for it to end (datamorph runs show), then try again",
    )


class _FileClaim:
    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self._path = path

    def release(self) -> None:
        if self._fd is None:
            return
        # Unlink while still holding the lock: a prober that opens the path afterwards makes a
        # new file, and the run's status (already terminal) tells it there is nothing to do.
        with contextlib.suppress(OSError):
            self._path.unlink()
        os.close(self._fd)  # closing releases the flock
        self._fd = None


class FileLocks:
    def __init__(self, root: Path) -> None:
        self.folder = root / "locks"

    def _open(self, run_id: str) -> tuple[int, Path]:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{run_id}.lock"
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600), path

    def claim(self, run_id: str) -> Claim:
        import fcntl

        fd, path = self._open(run_id)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise busy(run_id) from None
        os.ftruncate(fd, 0)
        os.write(fd, owner_name().encode())
        return _FileClaim(fd, path)

    def is_free(self, run_id: str) -> bool:
        import fcntl

        path = self.folder / f"{run_id}.lock"
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            return True  # released at the end of the run, or never taken
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        finally:
            os.close(fd)
        return True

    def forget(self, run_id: str) -> None:
        """Remove the lock file of a run found dead (nobody holds it)."""
        with contextlib.suppress(OSError):
            (self.folder / f"{run_id}.lock").unlink()


def _pg_key(run_id: str) -> int:
    # a signed 32-bit number from the run id; collisions only make a dead run look alive
    return int.from_bytes(hashlib.sha256(run_id.encode()).digest()[:4], "big", signed=True)


class _PgClaim:
    def __init__(self, conn: sa.Connection, key: int) -> None:
        self._conn: sa.Connection | None = conn
        self._key = key

    def release(self) -> None:
        if self._conn is None:
            return
        with contextlib.suppress(sa.exc.DBAPIError):
            self._conn.execute(
                sa.text("SELECT pg_advisory_unlock(:ns, :key)"),
                {"ns": _PG_NAMESPACE, "key": self._key},
            )
        self._conn.close()
        self._conn = None


class PgLocks:
    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def _try(self, conn: sa.Connection, key: int) -> bool:
        return bool(
            conn.execute(
                sa.text("SELECT pg_try_advisory_lock(:ns, :key)"), {"ns": _PG_NAMESPACE, "key": key}
            ).scalar()
        )

    def claim(self, run_id: str) -> Claim:
        key = _pg_key(run_id)
        # autocommit: the session lock outlives any transaction; the connection is the claim
        conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        if not self._try(conn, key):
            conn.close()
            raise busy(run_id)
        return _PgClaim(conn, key)

    def is_free(self, run_id: str) -> bool:
        key = _pg_key(run_id)
        with self._engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if not self._try(conn, key):
                return False
            conn.execute(
                sa.text("SELECT pg_advisory_unlock(:ns, :key)"), {"ns": _PG_NAMESPACE, "key": key}
            )
        return True

    def forget(self, run_id: str) -> None:
        """Nothing to remove: an advisory lock leaves no trace."""


def locks_for(engine: sa.Engine, root: Path) -> Any:
    """The lock kind that sees every process sharing this store."""
    if engine.dialect.name == "postgresql":
        return PgLocks(engine)
    return FileLocks(root)

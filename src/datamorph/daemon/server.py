"""The fork server: import everything once, then fork one child per command.

The parent never runs a command and never opens a database or the run store: it holds only
imported modules, so every child starts from the same clean state a fresh process would have,
minus the imports. It reaps each child and sends its exit status to the client that asked.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import importlib
import json
import os
import selectors
import signal
import socket
import struct
import sys
import time
from pathlib import Path
from typing import Any

from datamorph.daemon import protocol

# What commands use, imported before any fork. Nothing here may start a thread, open a file it
# keeps, or read the environment at import: the children inherit all of it.
WARM_MODULES = (
    "datamorph.cli",
    "datamorph.runner",
    "datamorph.orchestrator",
    "datamorph.run_validate",
    "datamorph.validation",
    "datamorph.codegen.sql",
    "datamorph.commands",
    "datamorph.engines.duckdb",
    "datamorph.runs.store",
    "datamorph.spec",
    "datamorph.plan_request",
    "datamorph.query",
    "datamorph.display",
    "datamorph.healing",
    "datamorph.monitor",
    "datamorph.planning.rules",  # the offline planner and the ~40 modules of its passes
    "datamorph.planning.fanout",
    "datamorph.planning.shapes",
    "datamorph.planning.reading",
    "datamorph.planning.compounds",
    "datamorph.planning.described",
    "datamorph.planning.spelling",
    "datamorph.runs.migrations",
    "datamorph.validation.llm_tests",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql",
    "sqlite3",
    "rich._emoji_codes",
    "typer._adapters",
    "typer._click.decorators",
    "duckdb",
    "sqlglot.dialects.duckdb",
    "sqlglot.dialects.postgres",
    "sqlglot.dialects.spark",
)
IDLE_DEFAULT_S = 3600.0
_CHECK_SOCKET_S = 10.0


def serve(idle_seconds: float = IDLE_DEFAULT_S) -> None:
    """Run the server until it is stopped or idle for `idle_seconds` with no child running."""
    lock = _only_server(protocol.socket_path())  # before a second of imports for nothing
    for name in WARM_MODULES:
        importlib.import_module(name)
    from datamorph.cli import click_command

    click_command()  # Typer's command tree, built once for every child
    # Children would otherwise copy most of the server's pages: the collector writes to every
    # object it scans. Frozen objects are never scanned (gc.freeze's documented purpose).
    gc.collect()
    gc.freeze()
    server = _Server(protocol.fingerprint(), idle_seconds)
    try:
        server.loop()
    finally:
        server.close()
        os.close(lock)


class _Server:
    def __init__(self, fingerprint: str, idle_seconds: float) -> None:
        self.fingerprint = fingerprint
        self.idle_seconds = idle_seconds
        self.children: dict[int, socket.socket] = {}
        self.served = 0
        self.started = time.time()
        self.stopping = False
        self.path = protocol.socket_path()
        self.listener = _listen(self.path)
        self.inode = os.stat(self.path).st_ino
        Path(protocol.pid_path()).write_text(f"{os.getpid()}\n")
        self.wakeup_read, wakeup_write = os.pipe()
        os.set_blocking(wakeup_write, False)
        os.set_blocking(self.wakeup_read, False)
        signal.set_wakeup_fd(wakeup_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so the wakeup fd fires
        signal.signal(signal.SIGTERM, self._stop)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ, "accept")
        self.selector.register(self.wakeup_read, selectors.EVENT_READ, "signal")
        self.last_activity = time.monotonic()

    def _stop(self, *_: object) -> None:
        self.stopping = True

    def loop(self) -> None:
        while not self.stopping:
            for key, _ in self.selector.select(timeout=self._time_left()):
                if key.data == "accept":
                    self._accept()
                else:
                    with contextlib.suppress(BlockingIOError):
                        os.read(self.wakeup_read, 512)
                    self._reap()
            if not self.children and time.monotonic() - self.last_activity > self.idle_seconds:
                return
            if not self.children and self._socket_gone():
                return

    def _time_left(self) -> float:
        left = self.idle_seconds - (time.monotonic() - self.last_activity)
        return min(max(0.1, left), _CHECK_SOCKET_S)

    def _socket_gone(self) -> bool:
        """Its socket deleted or replaced (a cleaned-up folder, a server started by hand
        over it): nobody can reach this server any more."""
        try:
            return os.stat(self.path).st_ino != self.inode
        except FileNotFoundError:
            return True

    def _accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except BlockingIOError:
            return
        self.last_activity = time.monotonic()
        try:
            self._handle(conn)
        except (OSError, ValueError):  # a client that went away mid-request: nothing to run
            conn.close()

    def _handle(self, conn: socket.socket) -> None:
        conn.setblocking(True)
        if not _same_user(conn):
            conn.close()
            return
        request, fds = protocol.Reader(conn).receive()
        if request is None:
            conn.close()
            return
        if request.get("status"):
            protocol.send(conn, self._status())
            conn.close()
            return
        if request.get("stop"):
            protocol.send(conn, {"stopping": True})
            conn.close()
            self.stopping = True
            return
        if request.get("fingerprint") != self.fingerprint or len(fds) != protocol.STDIO:
            for fd in fds:
                os.close(fd)
            # Either this server's code changed under it (stop: a later `daemon start` loads
            # the new code) or the client runs other code (a PYTHONPATH): it runs on its own.
            stale = protocol.fingerprint() != self.fingerprint
            protocol.send(conn, {"stale": stale})
            conn.close()
            self.stopping = stale
            return
        elsewhere = protocol.mismatch(request.get("placement"))
        if elsewhere is not None:  # the client runs it under its own cgroup, nice value, CPUs
            for fd in fds:
                os.close(fd)
            protocol.send(conn, {"elsewhere": elsewhere})
            conn.close()
            return
        self._fork(conn, request, fds)

    def _fork(self, conn: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
        pid = os.fork()
        if pid == 0:
            self.selector.close()
            self.listener.close()
            for other in self.children.values():
                other.close()
            from datamorph.daemon.child import run_command

            run_command(conn, request, fds)  # never returns
        for fd in fds:
            os.close(fd)
        self.children[pid] = conn
        self.served += 1
        protocol.send(conn, {"pid": pid})

    def _reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.children.pop(pid, None)
            self.last_activity = time.monotonic()
            if conn is not None:
                with contextlib.suppress(OSError), conn:
                    protocol.send(conn, _ended(status))

    def _status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "since": self.started,
            "served": self.served,
            "busy": len(self.children),
            "idle_seconds": self.idle_seconds,
        }

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self.selector.close()
        self.listener.close()
        if not self._socket_gone():  # never another server's socket
            for path in (self.path, protocol.pid_path()):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)


def _ended(status: int) -> dict[str, Any]:
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        return {"exit": 128 + signum, "signal": signum}
    return {"exit": os.waitstatus_to_exitcode(status)}


class AlreadyRunning(Exception):
    """Another server of this installation holds the lock: this one has nothing to do."""


def _only_server(path: str) -> int:
    """Hold the installation's lock for the server's life (released by the kernel at exit)."""
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    lock = os.open(path.removesuffix(".sock") + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock)
        raise AlreadyRunning from None
    return lock


def _listen(path: str) -> socket.socket:
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    os.chmod(folder, 0o700)  # the socket hands over environments: its owner's eyes only
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    listener.setblocking(False)
    return listener


def _same_user(conn: socket.socket) -> bool:
    credentials = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return uid == os.getuid()


def main() -> None:
    """`python -m datamorph.daemon.server [IDLE_SECONDS]`, as `datamorph daemon start` runs it."""
    idle = float(sys.argv[1]) if len(sys.argv) > 1 else IDLE_DEFAULT_S
    try:
        serve(idle)
    except AlreadyRunning:
        return
    except OSError as error:
        sys.stderr.write(json.dumps({"error": str(error)}) + "\n")
        sys.exit(1)


if __name__ == "__main__":
    main()

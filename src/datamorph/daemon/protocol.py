"""What the client and the fork server share: where the socket is, which code is running,
and how a message is framed. Standard library only: the client imports this on every command.

A message is a 4-byte big-endian length and that many bytes of JSON. The request carries the
caller's stdin, stdout and stderr as ancillary data (SCM_RIGHTS) on its first bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import struct
import sys

TYPE_CHECKING = False  # not `typing`'s, nor pathlib: the client imports this on every command
if TYPE_CHECKING:
    from typing import Any

_LENGTH = struct.Struct(">I")
MAX_MESSAGE = 16 * 1024 * 1024  # an environment is a few KiB; anything this big is not ours
STDIO = 3  # stdin, stdout, stderr: the descriptors a request hands over
_CODE_SUFFIXES = (".py", ".json", ".npz", ".sql", ".html", ".js", ".css")


def directory() -> str:
    """The folder of the socket and the pid file (0700): per user, per machine."""
    configured = os.environ.get("DATAMORPH_DAEMON_DIR")
    if configured:
        return configured
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "datamorph")
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "datamorph", "daemon")


def socket_path() -> str:
    # One server per Python installation and control group: two virtual environments never
    # share one, and a command never runs under another cgroup's limits (a systemd unit's, a
    # container's) because a server started there is the one that answered.
    install = hashlib.blake2b(f"{sys.prefix}\0{cgroup()}".encode(), digest_size=6).hexdigest()
    return os.path.join(directory(), f"{install}.sock")


def cgroup() -> str:
    """The process's control groups (Linux; empty elsewhere)."""
    try:
        with open("/proc/self/cgroup", encoding="utf-8") as groups:
            return groups.read()
    except OSError:
        return ""


def placement() -> dict[str, Any]:
    """Where the scheduler put this process: cgroup, nice value and the CPUs it may use. A
    server's child takes the caller's nice value and CPUs; the server declines a caller it
    cannot match (another cgroup, a higher priority than its own, CPUs it may not use)."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    return {"cgroup": cgroup(), "nice": os.getpriority(os.PRIO_PROCESS, 0), "cpus": cpus}


def mismatch(wanted: object) -> str | None:
    """Why this process cannot run a command placed as `wanted` (its `placement()`), or None."""
    if not isinstance(wanted, dict):
        return "no placement"
    own = placement()
    if wanted.get("cgroup") != own["cgroup"]:
        return "another cgroup"
    if int(wanted.get("nice", 0)) < own["nice"]:  # a child may lower its priority, not raise it
        return "a lower nice value"
    if not set(wanted.get("cpus") or []) <= set(own["cpus"]):
        return "other CPUs"
    return None


def pid_path() -> str:
    return socket_path().removesuffix(".sock") + ".pid"


def fingerprint() -> str:
    """Which code would run: the interpreter, the import path, DataMorph's own files (name,
    size, mtime) and the installed packages (site-packages changes when one is added, removed
    or upgraded). A server
    whose fingerprint differs from its client's must not run the client's command."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.executable}\0{sys.version}\0".encode())
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    for root, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith(_CODE_SUFFIXES):
                stat = os.stat(os.path.join(root, name))
                digest.update(f"{root}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    # Where imports come from (PYTHONPATH, .pth files); the first entry is the script's or the
    # working directory, which differ between the launcher and the server by design.
    digest.update("\0".join(sys.path[1:]).encode())
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            digest.update(f"{entry}\0{os.stat(entry).st_mtime_ns}\0".encode())
    salt = os.environ.get("DATAMORPH_DAEMON_SALT", "")  # tests: a server with other code
    digest.update(salt.encode())
    return digest.hexdigest()


def encode(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return _LENGTH.pack(len(body)) + body


def send(conn: socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    data = encode(message)
    if fds:
        sent = socket.send_fds(conn, [data], fds)
        data = data[sent:]
    if data:
        conn.sendall(data)


class Reader:
    """Messages from one connection, in order (two may arrive in one read)."""

    def __init__(self, conn: socket.socket) -> None:
        self.conn = conn
        self.buffer = b""

    def receive(self) -> tuple[dict[str, Any] | None, list[int]]:
        """The next message and any descriptors sent with it; (None, []) at end of stream."""
        fds: list[int] = []
        if not self._fill(_LENGTH.size, fds):
            return None, []
        (length,) = _LENGTH.unpack_from(self.buffer)
        if length > MAX_MESSAGE:
            _close_all(fds)
            raise ValueError(f"a daemon message of {length:,} bytes")
        if not self._fill(_LENGTH.size + length, fds):
            return None, []
        body = self.buffer[_LENGTH.size : _LENGTH.size + length]
        self.buffer = self.buffer[_LENGTH.size + length :]
        return json.loads(body), fds

    def _fill(self, size: int, fds: list[int]) -> bool:
        while len(self.buffer) < size:
            chunk, new_fds, _flags, _address = socket.recv_fds(self.conn, 65536, STDIO)
            fds.extend(new_fds)
            if not chunk:
                _close_all(fds)
                return False
            self.buffer += chunk
        return True


def _close_all(fds: list[int]) -> None:
    for fd in fds:
        os.close(fd)

"""The `datamorph` process's side: hand the command to a running fork server, if there is one
running this very code, and become its exit status. Standard library only, nothing imported
that the command itself would not need: without a server this costs one stat()."""

from __future__ import annotations

import os
import resource
import signal
import socket
import sys
import time
from types import FrameType

from datamorph.daemon import protocol

# What a terminal, a scheduler or a parent process may send: each is passed on to the child.
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1)
_CONNECT_TIMEOUT_S = 2.0
REPEAT_S = 600.0  # two commands without a server this close: the default mode starts one
DEFAULT_IDLE_MINUTES = 30.0  # a server the default mode started stops after this long unused
# The caller's resource limits (a scheduler's `ulimit -v`, `-t`...) bind the child as they would
# bind the command run here.
LIMITS = ("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_DATA", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_CORE")


def run_through_daemon(argv: list[str]) -> int | None:
    """The command's exit status, or None when no server (or a server of other code) is there:
    the caller then runs the command itself."""
    if not _stdio_open():
        return None
    conn = _connect(protocol.socket_path())
    if conn is None:
        return None
    with conn:
        try:  # a closed stdin or stdout cannot be handed over: the command runs here
            protocol.send(conn, _request(argv), fds=[0, 1, 2])
            reader = protocol.Reader(conn)
            started, _ = reader.receive()
        except (OSError, ValueError):
            return None
        if started is None or "pid" not in started:
            _say_why(started)
            return None
        pid = int(started["pid"])
        try:
            return _wait(reader, pid)
        except (OSError, ValueError):
            return _lost(pid)


def _stdio_open() -> bool:
    # A closed stdin cannot be handed over as it is (the socket would take its number)
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)
    except OSError:
        return False
    return True


def _connect(path: str) -> socket.socket | None:
    if not os.path.exists(path):  # no server: the usual case, one stat()
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(_CONNECT_TIMEOUT_S)
    try:
        conn.connect(path)
    except OSError:  # a socket left by a server that died: run the command here
        conn.close()
        return None
    conn.settimeout(None)
    return conn


def _request(argv: list[str]) -> dict[str, object]:
    mask = os.umask(0)
    os.umask(mask)
    return {
        "argv": argv,
        "cwd": os.getcwd(),
        "env": dict(os.environ),
        "umask": mask,
        "fingerprint": protocol.fingerprint(),
        "encoding": [sys.stdout.encoding, sys.stdout.errors, sys.stderr.encoding],
        "limits": {name: resource.getrlimit(getattr(resource, name)) for name in LIMITS},
        "placement": protocol.placement(),
    }


def _lost(pid: int) -> int:
    """The server died under its child: wait for the child (it still writes to our stdout and
    takes our forwarded signals) so that nothing prints after we exit; its status is lost."""
    while _running(pid):
        time.sleep(0.05)
    sys.stderr.write(
        "error: the DataMorph daemon stopped during the command, so its exit status is lost. "
        "Hint: `datamorph runs list` shows how a run ended; DATAMORPH_DAEMON=off runs "
        "commands without the daemon\n"
    )
    return 1


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # a zombie nobody reaps (a container's init may not) has ended all the same
            return stat.read().rsplit(b")", 1)[1][:3] != b" Z "
    except (ProcessLookupError, PermissionError, FileNotFoundError):
        return False  # gone, or its number reused by another user's process


def _say_why(answer: dict[str, object] | None) -> None:
    if answer and answer.get("stale"):
        sys.stderr.write(
            "note: the DataMorph daemon ran other code (an upgrade or an edit) and stopped; "
            "this command runs without it. `datamorph daemon start` starts a new one.\n"
        )


def _wait(reader: protocol.Reader, pid: int) -> int:
    def forward(signum: int, _frame: FrameType | None) -> None:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:  # it has just ended: its status is on the way
            return

    for signum in FORWARDED:
        signal.signal(signum, forward)
    ended, _ = reader.receive()
    if ended is None:
        return _lost(pid)
    killed_by = ended.get("signal")
    if killed_by:  # die of the same signal: a parent sees exactly what it would have
        signal.signal(int(killed_by), signal.SIG_DFL)
        os.kill(os.getpid(), int(killed_by))
    return int(ended["exit"])


def control(message: dict[str, object]) -> dict[str, object] | None:
    """Ask the server for its status or to stop; None when none is listening."""
    conn = _connect(protocol.socket_path())
    if conn is None:
        return None
    with conn:
        protocol.send(conn, message)
        answer, _ = protocol.Reader(conn).receive()
        return answer


def start_when_repeated() -> None:
    """The default: a command that ran without a server starts one if another did within
    REPEAT_S, so a shell session, a Makefile or a scheduler's loop gets warm commands and a
    one-off command (a fresh container, a cron job once a day) leaves nothing behind. A server
    started here that is gone before its idle time (stopped with its systemd unit, killed) is
    not started again until that time has passed."""
    base = protocol.socket_path().removesuffix(".sock")
    now = time.time()
    started = _modified(base + ".started")
    if started is not None and now - started < DEFAULT_IDLE_MINUTES * 60:
        return
    previous = _modified(base + ".cold")
    try:
        _touch(base + ".cold")
        if previous is not None and now - previous < REPEAT_S:
            _touch(base + ".started")
            start_in_background(DEFAULT_IDLE_MINUTES)
    except OSError:  # a read-only home: the command runs as it would without a server
        return


def _modified(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


def _touch(path: str) -> None:
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.utime(path)


def start_in_background(idle_minutes: float = 60) -> None:
    """Start a server and return at once (it imports for a second or two before it listens).
    Two commands starting one each is harmless: the second server finds the first's lock and
    exits."""
    import subprocess

    folder = protocol.directory()
    os.makedirs(folder, mode=0o700, exist_ok=True)
    log = os.open(os.path.join(folder, "daemon.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        subprocess.Popen(
            [sys.executable, "-m", "datamorph.daemon.server", str(idle_minutes * 60)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,  # not in the terminal's process group: Ctrl-C spares it
            cwd="/",
        )
    finally:
        os.close(log)

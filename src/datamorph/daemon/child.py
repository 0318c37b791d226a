"""A forked child of the server becomes the client's command: the client's descriptors,
directory, environment, umask and argv, the signal dispositions of a fresh process, and
consoles that look at the new terminal. Then it runs the CLI exactly as `datamorph` does."""

from __future__ import annotations

import contextlib
import io
import os
import resource
import signal
import socket
import sys
import threading
import time
from typing import Any, NoReturn


def run_command(conn: socket.socket, request: dict[str, Any], fds: list[int]) -> NoReturn:
    try:
        _become_the_caller(request, fds)
        _stop_when_client_goes(conn)
        from datamorph.cli import main as cli_main
        from datamorph.cli_entry import run_then_exit

        run_then_exit(cli_main)
    except BaseException as error:  # a child must never return into the server's loop
        with contextlib.suppress(OSError):
            os.write(2, f"error: the DataMorph daemon could not run it: {error}\n".encode())
        os._exit(3)


def _become_the_caller(request: dict[str, Any], fds: list[int]) -> None:
    signal.set_wakeup_fd(-1)
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()  # TZ may differ from the server's
    os.umask(int(request["umask"]))
    _limit_as_the_caller(request.get("limits", {}))
    _place_as_the_caller(request.get("placement", {}))
    sys.argv = ["datamorph", *request["argv"]]
    _reopen_stdio(request["encoding"])
    _refresh_consoles()


def _limit_as_the_caller(limits: dict[str, list[int]]) -> None:
    """The caller's limits, or the server's where those are lower (a child cannot raise a
    hard limit): never looser than the command run on its own."""
    for name, (soft, hard) in limits.items():
        which = getattr(resource, name)
        own_hard = resource.getrlimit(which)[1]
        hard = _lower(hard, own_hard)
        soft = _lower(soft, hard)
        resource.setrlimit(which, (soft, hard))


def _place_as_the_caller(placement: dict[str, Any]) -> None:
    """The caller's nice value and CPUs (the server checked it may take them)."""
    nice = placement.get("nice")
    if nice is not None and int(nice) != os.getpriority(os.PRIO_PROCESS, 0):
        os.setpriority(os.PRIO_PROCESS, 0, int(nice))
    cpus = placement.get("cpus")
    if cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, cpus)


def _lower(a: int, b: int) -> int:
    if a == resource.RLIM_INFINITY:
        return b
    return a if b == resource.RLIM_INFINITY else min(a, b)


def _reopen_stdio(encoding: list[str]) -> None:
    # The server's stdio was /dev/null (block-buffered, not a terminal); a fresh process would
    # line-buffer a terminal, and stderr always.
    out_encoding, out_errors, err_encoding = encoding
    sys.stdin = _text(0, "r", out_encoding, "strict", False)
    sys.stdout = _text(1, "w", out_encoding, out_errors, os.isatty(1))
    sys.stderr = _text(2, "w", err_encoding, "backslashreplace", True)


def _text(fd: int, mode: str, encoding: str, errors: str, line: bool) -> io.TextIOWrapper:
    raw = io.FileIO(fd, mode, closefd=False)
    buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
    return io.TextIOWrapper(buffered, encoding=encoding, errors=errors, line_buffering=line)


def _refresh_consoles() -> None:
    """Rich consoles made at import (module-level `out`/`err`) read the terminal, NO_COLOR and
    FORCE_COLOR when they were made, in the server. Made again here, they see the caller's."""
    from rich.console import Console

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("datamorph."):
            for value in vars(module).values():
                if isinstance(value, Console):
                    value.__init__(stderr=value.stderr)  # type: ignore[misc]


def _stop_when_client_goes(conn: socket.socket) -> None:
    """A client killed outright (SIGKILL: nothing to forward) closes its end of the socket:
    the command is interrupted as Ctrl-C would, so the run ends `interrupted`, resumable."""

    def watch() -> None:
        try:
            while conn.recv(64):
                pass
        except OSError:
            pass
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=watch, name="datamorph-client-watch", daemon=True).start()

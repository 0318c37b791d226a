"""The `datamorph` executable's entry point. It answers `--version` on its own (the CLI module
is not needed for it), runs the CLI, and ends the process without Python's slow teardown."""

from __future__ import annotations

import os
import sys
import threading

TYPE_CHECKING = False  # not `typing`'s: 15 ms to import, on every command (see datamorph/__init__)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from importlib.metadata import version

        sys.stdout.write(f"datamorph {version('datamorph')}\n")
        return
    mode = os.environ.get("DATAMORPH_DAEMON", "").lower()
    # `daemon ...` manages the server and so runs here; DATAMORPH_DAEMON=off never uses it
    if mode not in ("off", "0", "false", "no") and sys.argv[1:2] != ["daemon"]:
        from datamorph.daemon import client

        code = client.run_through_daemon(sys.argv[1:])
        if code is not None:
            os._exit(code)
        if mode == "auto":  # none running: start one for the next commands, run this one here
            client.start_in_background()
        elif mode != "manual":  # the default: start one when commands come in a series
            client.start_when_repeated()
    from datamorph.cli import main as cli_main

    run_then_exit(cli_main)


def run_then_exit(command: Callable[[], None]) -> NoReturn:
    """Run the CLI, then end the process at once with its exit code."""
    try:
        command()
        code = 0
    except SystemExit as done:
        code = exit_code(done.code)
    exit_now(code)


def exit_code(code: object) -> int:
    """What Python's own exit makes of `SystemExit.code`: None is 0, a text is printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def exit_now(code: int) -> NoReturn:
    """End the process once the command is done. Python's own exit tears every module down
    and collects what is left (sqlglot trees, pydantic models, SQLAlchemy): 0.2-0.4 s after a
    run, longer than some runs. Nothing is lost by skipping it: engines and stores are closed
    where they were used, and what a normal exit does that matters is done here: the atexit
    handlers (temporary folders, Spark's JVM, logging) and the flush of stdout and stderr. A
    thread still at work (not a daemon) gets the normal exit, which waits for it."""
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not _MAIN):
        sys.exit(code)
    import atexit
    import contextlib

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (`datamorph ... | head`): nothing more to say
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


_MAIN = threading.main_thread()

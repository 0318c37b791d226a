"""The CLI's edge: every error becomes one line on stderr (and JSON with --json), then an
exit code. Input the tool cannot take is said as such, never as an internal error."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeGuard

from rich.console import Console
from rich.text import Text

from datamorph.redact import install_logging, redact, remember_in

if TYPE_CHECKING:
    from pydantic import ValidationError

err = Console(stderr=True)
install_logging()  # this process's log records (a library's warning on stderr) are masked too


def print_json(data: Any) -> None:
    sys.stdout.write(redact(json.dumps(data, default=str)) + "\n")


def input_error(error: BaseException) -> str:
    """Input the tool cannot take, said in one line: a file nested too deeply, not UTF-8, a
    path the system refuses, a value out of its shape."""
    if isinstance(error, RecursionError):
        return "the input nests too deeply to read. Hint: flatten it"
    if isinstance(error, UnicodeDecodeError):
        return (
            f"a file is not UTF-8 text (byte {error.start}: {error.reason}). Hint: save it as UTF-8"
        )
    if isinstance(error, OSError):
        name = str(error.filename or "")
        shown = name if len(name) <= 80 else name[:60] + "…" + name[-15:]
        return f"{error.strerror or error}: '{shown}'. Hint: check the path"
    if is_validation_error(error):
        details = error.errors()
        if not details:
            return f"invalid value: {error}"
        where = ".".join(str(p) for p in details[0]["loc"])
        return f"invalid value for {where or 'an option'}: {details[0]['msg']}"
    return f"{type(error).__name__}: {error}"


def is_validation_error(error: BaseException) -> TypeGuard[ValidationError]:
    """pydantic's ValidationError, without importing pydantic for commands that never load it
    (an error of a module nobody imported cannot have been raised)."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(error, pydantic.ValidationError)


_MAX_MESSAGE = 280  # a message quoting a 1 MB name would bury its own point


def fail(message: str, code: int, error_type: str, as_json: bool) -> None:
    for argument in sys.argv[1:]:  # a password given on the command line, in any echo
        remember_in(argument)
    message = redact(" | ".join(line.strip() for line in message.splitlines() if line.strip()))
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 20] + f"… ({len(message):,} characters)"
    if as_json:
        print_json({"error": True, "message": message, "error_type": error_type})
    # the message is the user's text at times ('[/]' in a name): printed, never read as markup
    err.print(Text.assemble(("error:", "bold red"), " ", message), soft_wrap=True)
    sys.exit(code)


_SIGINT = {"seen": False}


@contextmanager
def watching_interrupts() -> Iterator[None]:
    """Remember a Ctrl-C while the command runs. DuckDB turns SIGINT into its own 'Query
    interrupted' error, which a run would take for a transient failure and heal, and a command
    would report as an internal error; remembered, the CLI stops with exit 130 instead."""
    _SIGINT["seen"] = False
    try:
        previous = signal.signal(signal.SIGINT, _remember_interrupt)
    except ValueError:  # not the main thread (an embedding caller's): nothing to watch
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _remember_interrupt(signum: int, frame: FrameType | None) -> None:
    _SIGINT["seen"] = True
    signal.default_int_handler(signum, frame)  # KeyboardInterrupt, as without the watch


def interrupted() -> bool:
    return _SIGINT["seen"]

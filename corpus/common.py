"""What every harvester shares: the entry format, the recorder, scratch directories, sockets.

An entry is one error message with its true category, decided by what the trigger did (its
intent), never by reading the message:

    {"message", "category", "source", "native_code", "origin", "trigger"[, "reference"]}

`message` is the producer's text (`str(exception)`), trailing whitespace trimmed, at most the
first three non-empty lines joined with " | " (DuckDB and PostgreSQL append the query and a
caret; long hints follow). Lines are stripped the way DataMorph's own `EngineError` strips
them (`engines/duckdb_errors._first_lines`), so the corpus reads like what the monitor sees.
"""

from __future__ import annotations

import contextlib
import errno as errno_module
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datamorph.monitor.taxonomy import CATEGORIES, Category

MAX_LINES = 3
FIELDS = ("message", "category", "source", "native_code", "origin", "trigger")
ORIGINS = ("triggered", "documented")


class TriggerError(RuntimeError):
    """A trigger could not set its failure up (not the failure it provokes)."""


def clean(text: str) -> str:
    """The first three non-empty lines of `text`, each stripped, joined with " | "."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " | ".join(lines[:MAX_LINES])


def python_code(error: BaseException) -> str:
    """`errno:ENOENT` when the error carries a (positive) errno, else `python:ClassName`."""
    number = getattr(error, "errno", None)
    if isinstance(number, int) and number in errno_module.errorcode:
        return "errno:" + errno_module.errorcode[number]
    return "python:" + type(error).__name__


def entry(
    message: str,
    category: Category | str,
    *,
    source: str,
    native_code: str | None,
    trigger: str,
    origin: str = "triggered",
    reference: str | None = None,
) -> dict[str, Any]:
    if str(category) not in CATEGORIES:
        raise ValueError(f"unknown category {category!r} ({trigger})")
    found: dict[str, Any] = {
        "message": clean(message),
        "category": str(category),
        "source": source,
        "native_code": native_code,
        "origin": origin,
        "trigger": trigger,
    }
    if reference is not None:
        found["reference"] = reference
    return found


@dataclass
class Recorder:
    """Collects the failures of one producer; a trigger that does not fail is a miss.

    `code_of` turns the producer's exception into its namespaced native code. Misses are kept
    (not raised) so that one drifting trigger does not hide the rest; the harvest prints them
    and the reproducibility tests notice the entries that went missing.
    """

    source: str
    code_of: Callable[[BaseException], str | None] = python_code
    text_of: Callable[[BaseException], str] = str
    entries: list[dict[str, Any]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def expect(
        self,
        trigger: str,
        category: Category,
        action: Callable[[], object],
        *,
        source: str | None = None,
        code: str | None = None,
        unwrap: Callable[[BaseException], BaseException] | None = None,
    ) -> None:
        """Run `action`, which must fail; record its exception under `trigger`."""
        try:
            action()
        except Exception as error:  # the failure under study, whatever its class
            found = unwrap(error) if unwrap else error
            self.add(
                trigger,
                category,
                self.text_of(found),
                code if code is not None else self.code_of(found),
                source=source,
            )
        else:
            self.misses.append(trigger)

    def add(
        self,
        trigger: str,
        category: Category,
        message: str,
        native_code: str | None,
        *,
        source: str | None = None,
    ) -> None:
        if not clean(message):
            self.misses.append(trigger + " (empty message)")
            return
        source = source or self.source
        self.entries.append(
            entry(
                message,
                category,
                source=source,
                native_code=native_code,
                trigger=trigger if "." in trigger else f"{source}.{trigger}",
            )
        )

    def finish(self) -> list[dict[str, Any]]:
        for miss in self.misses:
            print(f"warning: trigger {self.source}.{miss} did not fail", file=sys.stderr)
        return self.entries


@contextlib.contextmanager
def workdir(prefix: str) -> Iterator[Path]:
    """A fresh temporary directory as the current directory: triggers use fixed relative
    names in it, so most messages do not depend on where the harvest ran."""
    previous = Path.cwd()
    path = Path(tempfile.mkdtemp(prefix=f"dm-corpus-{prefix}-"))
    os.chdir(path)
    try:
        yield path
    finally:
        os.chdir(previous)
        shutil.rmtree(path, ignore_errors=True)


def free_port() -> int:
    """A local TCP port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers: the kernel completes the handshake
    for the listen backlog, nobody reads or writes. Clients wait until their timeout."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield int(listener.getsockname()[1])


# ---- unprivileged attempts ------------------------------------------------------------------

_DROP = """
import json, os, sys
{imports}
if os.geteuid() == 0:
    # Root bypasses file permissions: become nobody before the attempt. Everything the attempt
    # needs is imported above, because nobody may not read the interpreter's directories.
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
try:
{body}
except Exception as error:
    number = getattr(error, "errno", None)
    print(json.dumps({{"type": type(error).__name__, "message": str(error), "errno": number}}))
else:
    print(json.dumps(None))
"""


def unprivileged(body: str, *, imports: str = "", cwd: Path | None = None) -> dict[str, Any] | None:
    """Run `body` (indented Python) in a subprocess as an unprivileged user; the exception it
    raised as {type, message, errno}, or None when it did not fail."""
    code = _DROP.format(imports=imports, body=_indent(body))
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise TriggerError(f"unprivileged attempt crashed: {done.stderr.strip()[-500:]}")
    result: dict[str, Any] | None = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _indent(body: str) -> str:
    return "\n".join("    " + line for line in body.strip("\n").splitlines())


def world_writable(path: Path) -> Path:
    """Open a scratch directory to the unprivileged user (its attempt runs inside it)."""
    path.chmod(0o777)
    return path


@contextlib.contextmanager
def serving(httpd: Any) -> Iterator[None]:
    """Run a local `http.server` in a thread for the duration of the block."""
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)

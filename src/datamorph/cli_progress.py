"""Live progress on stderr while a command works: a spinner naming the step under way, and a
line for each step that finished and each healing decision (its classification, confidence and
strategy). Drawn only for a person at a terminal: never under --json, never when stderr is a
pipe or a file (even with FORCE_COLOR, which makes Rich treat any file as a terminal), nor for
a terminal that cannot redraw a line (TERM=dumb, TTY_INTERACTIVE=0), so scripts, CI logs and
tests see nothing of it.

The library stays free of the UI: a run tells its events to `on_event` (datamorph.run_state),
and `RunProgress` renders them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from datamorph.cli_errors import interrupted
from datamorph.redact import redact

if TYPE_CHECKING:
    from rich.status import Status

    from datamorph.runs import EventEntry

T = TypeVar("T")

# What the orchestrator logs around each step (orchestrator._step): "<step> started" and
# "<step> finished" (with `seconds`).
_STARTED, _FINISHED = " started", " finished"
_DOING = {
    "planning": "planning (reading the catalog)",
    "checking": "checking the plan against the catalog",
    "generating": "writing the code",
    "executing": "executing",
    "validating": "validating",
    "remediating": "healing",
    "publishing": "publishing",
}


def at_terminal(console: Console) -> bool:
    """A terminal a spinner can redraw: Rich's `is_interactive`, and really a TTY."""
    isatty = getattr(console.file, "isatty", None)
    return console.is_interactive and isatty is not None and bool(isatty())


def shows_progress(console: Console, as_json: bool) -> bool:
    return at_terminal(console) and not as_json


def progress_status(
    console: Console, text: str, *, enabled: bool = True
) -> AbstractContextManager[Any]:
    """A spinner for one slow call (planning, profiling), or nothing when nobody watches."""
    if enabled and at_terminal(console):
        return console.status(escape(text))  # a table's name is not markup
    return nullcontext()


class RunProgress:
    """An `on_event` observer for a run: `with RunProgress(err, on) as progress: run(...,
    on_event=progress)`. Does nothing when not `enabled`."""

    def __init__(self, console: Console, enabled: bool) -> None:
        self.console = console
        self.enabled = enabled
        self._status: Status | None = None
        self._stopping = False

    def __enter__(self) -> RunProgress:
        if self.enabled:
            self._status = self.console.status("starting the run...")
            self._status.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None

    def __call__(self, event: EventEntry) -> None:
        if interrupted() and not self._stopping and not _aborting(event):
            # a Ctrl-C an engine took for its own error (DuckDB's 'Query interrupted'): stop
            # here rather than heal it; once, so the run can then record how it ended
            self._stopping = True
            raise KeyboardInterrupt
        if self._status is None:
            return
        line = describe(event)
        if line is not None:
            self.console.print(line)
        doing = _doing(event)
        if doing is not None:
            self._status.update(f"{doing}...")

    def pausing(self, ask: Callable[..., T]) -> Callable[..., T]:
        """`ask` (a question at the terminal) with the spinner stopped while it waits."""

        def asked(*args: Any) -> T:
            with self._paused():
                return ask(*args)

        return asked

    @contextmanager
    def _paused(self) -> Iterator[None]:
        if self._status is None:
            yield
            return
        self._status.stop()
        try:
            yield
        finally:
            self._status.start()


def _aborting(event: EventEntry) -> bool:
    """The run's own record of an abort (orchestrator._record_abort): let it be written."""
    return event.message.startswith("interrupted in step ")


def _doing(event: EventEntry) -> str | None:
    if event.message == event.step + _STARTED:
        return _DOING.get(event.step, event.step)
    return None


def describe(event: EventEntry) -> Text | None:
    """The line an event leaves above the spinner, or None for one not worth a line."""
    data = event.metadata
    if event.message == event.step + _FINISHED:
        seconds = data.get("seconds")
        took = f" ({seconds:.1f} s)" if isinstance(seconds, int | float) else ""
        return Text.assemble(("✓ ", "green"), event.step, (took, "dim"))
    if event.step == "remediating" and "category" in data:
        return Text.assemble(
            ("↻ healing: ", "yellow"),
            f"{data['category']} (confidence {float(data.get('confidence', 0)):.2f}) -> "
            f"{data.get('strategy', '?')}",
        )
    if event.step == "remediating" and event.message.startswith("iteration "):
        return Text.assemble(("↻ ", "yellow"), _first_line(event.message, 120))
    if event.level == "error" and not event.message.startswith("run "):
        shown = redact(_first_line(event.message))
        return Text.assemble(("✗ ", "red"), f"{event.step}: {shown}")
    if event.step == "validating" and event.level == "warning":
        return Text.assemble(("! ", "yellow"), event.message)
    return None


def _first_line(message: str, width: int = 160) -> str:
    line = message.strip().splitlines()[0] if message.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"

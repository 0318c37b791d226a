"""The errors DataMorph raises, split by what the caller should do about them.

- `UsageError` (and subclasses): the input is wrong (a bad spec, an unknown table, a missing
  file). Fix the input; retrying changes nothing. The CLI prints one line and exits 2.
- `PipelineError`: the pipeline ran and failed (engine error, failed checks). The run records
  it; healing may act on it. The CLI exits 1.

Every error carries a `hint`: the one thing a person should try next.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from datamorph.redact import redact


class DataMorphError(Exception):
    """Base of every error DataMorph raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        # masked at birth: an error's text reaches the run store, logs, the CLI, the API and
        # the model, and a password or key it quotes must reach none of them
        message = redact(message)
        super().__init__(message)
        self.message = message
        self.hint = redact(hint) if hint else hint

    def one_line(self) -> str:
        text = self.message.rstrip(".")
        return f"{text}. Hint: {self.hint}" if self.hint else f"{text}."


class UsageError(DataMorphError):
    """The request itself is wrong; nothing was run and nothing was written."""

    exit_code = 2


class NotFoundError(UsageError):
    """A named thing (table, column, run, engine, dialect, file) does not exist."""


class ConfigurationError(UsageError):
    """A setting, URL or option combination cannot work."""


class PipelineError(DataMorphError):
    """The pipeline ran and failed; the run store holds the details."""


def refuse_blank(option: str, value: str | None) -> None:
    """An option given as '' is a slip (an unset shell variable), never "use the default"."""
    if value is not None and not value.strip():
        raise UsageError(f"{option} is empty", hint=f"give a value, or leave {option} out")


def did_you_mean(name: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The closest candidate to `name`, case-insensitively, or None when nothing is close."""
    by_lower = {c.lower(): c for c in candidates}
    matches = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=cutoff)
    return by_lower[matches[0]] if matches else None


def unknown_name_error(kind: str, name: str, candidates: Iterable[str]) -> NotFoundError:
    """`unknown table 'custmers'` with a did-you-mean, or the list of choices when it is short."""
    names = sorted(candidates)
    guess = did_you_mean(name, names)
    if guess:
        hint = f"did you mean '{guess}'?"
    elif names and len(names) <= 8:
        hint = "choose one of: " + ", ".join(names)
    else:
        hint = _WHERE_TO_LOOK.get(kind, "see `datamorph --help`")
    return NotFoundError(f"unknown {kind} '{name}'", hint=hint)


_WHERE_TO_LOOK = {
    "table": "list tables with `datamorph catalog`",
    "column": "list columns with `datamorph catalog`",
    "run": "list runs with `datamorph runs list`",
    "artifact": "list a run's artifacts with `datamorph runs show RUN_ID`",
}

"""A problem found in a spec, and the error that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass

from datamorph.errors import UsageError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a spec, located by its field path (e.g. `filters[0]`)."""

    path: str
    message: str
    code: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict[str, str | None]:
        return {"path": self.path, "message": self.message, "code": self.code, "hint": self.hint}


class SpecError(UsageError):
    """The spec does not check clean against the catalog; nothing was run."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
        super().__init__(
            f"{first.path}: {first.message}" + (more if len(problems) > 1 else ""),
            hint=first.hint or "fix the spec; `datamorph catalog` lists tables and columns",
        )
        self.problems = problems

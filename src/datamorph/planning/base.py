"""What a planner is: English in, a spec out, or a clear account of what it could not read."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from datamorph.catalog import Catalog
from datamorph.errors import PipelineError
from datamorph.spec import Spec


class PlanningError(PipelineError):
    """The request could not be turned into a spec; a person has to rephrase or decide.

    `unplaced` names the words of the prompt the planner could not link to the catalog or to
    an operation: the run ends `needs_attention` with them instead of guessing.
    """

    def __init__(
        self, message: str, *, unplaced: list[str] | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint or "rephrase the request with table and column names")
        self.unplaced = unplaced or []


@runtime_checkable
class Planner(Protocol):
    name: str

    def plan(self, prompt: str, catalog: Catalog) -> Spec:
        """A spec for `prompt` that checks clean against `catalog`, or PlanningError."""
        ...


MAX_PROMPT_CHARS = 20_000

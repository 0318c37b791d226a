"""English to spec: the offline planner (`rules`) and the LLM planner (`llm`)."""

from __future__ import annotations

import datetime as dt
import os

from datamorph.planning.base import Planner, PlanningError


def make_planner(llm: str | None = None, *, samples: bool = True) -> Planner:
    """The LLM planner when a model is configured (`provider:model` or DATAMORPH_LLM), else
    the offline planner. Never a silent fake: a configured model that cannot be reached fails."""
    from datamorph.llm.registry import get_llm

    model = get_llm(llm)
    if model is None:
        from datamorph.planning.rules import RulePlanner

        return RulePlanner(as_of=as_of_date())
    from datamorph.planning.llm import LLMPlanner

    return LLMPlanner(model, samples=samples)


def as_of_date() -> dt.date | None:
    """DATAMORPH_AS_OF (YYYY-MM-DD): the day relative periods ("last month") end on, for
    reruns and backfills; unset, they end on the day the spec runs."""
    said = os.environ.get("DATAMORPH_AS_OF", "").strip()
    if not said:
        return None
    try:
        return dt.date.fromisoformat(said)
    except ValueError:
        from datamorph.errors import UsageError

        raise UsageError(
            f"DATAMORPH_AS_OF={said!r} is not a date", hint="write it as YYYY-MM-DD"
        ) from None


__all__ = ["Planner", "PlanningError", "as_of_date", "make_planner"]

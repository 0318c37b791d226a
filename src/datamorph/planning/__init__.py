"""English to spec: the offline planner (`rules`) and the LLM planner (`llm`)."""

from __future__ import annotations

from datamorph.planning.base import Planner, PlanningError


def make_planner(llm: str | None = None, *, samples: bool = True) -> Planner:
    """The LLM planner when a model is configured (`provider:model` or DATAMORPH_LLM), else
    the offline planner. Never a silent fake: a configured model that cannot be reached fails."""
    from datamorph.llm.registry import get_llm

    model = get_llm(llm)
    if model is None:
        from datamorph.planning.rules import RulePlanner

        return RulePlanner()
    from datamorph.planning.llm import LLMPlanner

    return LLMPlanner(model, samples=samples)


__all__ = ["Planner", "PlanningError", "make_planner"]

"""Plan a request without running it: `datamorph.plan`, `datamorph plan` and the API's plan
route. The run itself (runner.py) plans the same way, through the same planners."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from datamorph import notebook
from datamorph.engines import open_engine
from datamorph.engines.unopened import cached_catalog
from datamorph.errors import UsageError, refuse_blank
from datamorph.orchestrator import Planner
from datamorph.planning import make_planner
from datamorph.planning.explain import explain
from datamorph.planning.sources import sources_only
from datamorph.runs.published import published_tables
from datamorph.spec import Spec


@dataclass(repr=False)
class PlanResult(notebook.Shown):
    """A plan before it runs: the `spec`, its `explanation` in English, which words produced
    which element (`reading`), the `planner` and how many `seconds` it took."""

    spec: Spec
    explanation: str
    planner: str
    seconds: float
    usage: dict[str, Any] = field(default_factory=dict)
    # which words of the request produced which element (the offline planner's reading)
    reading: list[str] = field(default_factory=list)

    def _view(self) -> notebook.View:
        return notebook.plan_view(self)


def plan(
    prompt: str,
    *,
    database: str | None = None,
    engine: str | None = None,
    llm: str | None = None,
    samples: bool = True,
    target: str | None = None,
    planner: Planner | None = None,
    read_only: bool = True,
) -> PlanResult:
    """Plan `prompt` (a request in English) against the database's catalog; runs nothing.

    `database` and `engine` say whose catalog, as in `datamorph.catalog`. The LLM planner
    plans when a model is configured (`llm="provider:model"` or DATAMORPH_LLM), else the
    offline planner; `samples=False` keeps sample rows out of LLM prompts. `target` names the
    output table; `planner` replaces the planner (tests). `read_only=False` opens the database
    as the caller's other connections in this process do (DuckDB refuses a read-only and a
    read-write connection to one file in one process at the same time: the HTTP service).
    Raises `PlanningError` when the request cannot be read (a run would stop as
    `needs_attention`), `UsageError` on bad input.

        planned = datamorph.plan("total amount per customer", database="shop.duckdb")
        planned.spec.to_json()
    """
    text = require_prompt(prompt)
    refuse_blank("--target", target)
    planner = planner or make_planner(llm, samples=samples)
    cached = cached_catalog(database, engine, samples=3, profile=True)
    if cached is not None:
        catalog, location = cached
    else:
        opened = open_engine(database, engine, read_only=read_only)
        try:
            catalog = opened.catalog(samples=3, profile=True)
            location = opened.location
        finally:
            opened.close()
    sources, _ = sources_only(catalog, text, published_tables(location))
    started = time.perf_counter()
    spec = planner.plan(text, sources)
    seconds = time.perf_counter() - started
    if target:
        spec = spec.model_copy(
            update={"target_table": spec.target_table.model_copy(update={"name": target})}
        )
        spec.require_valid(catalog)
    usage = getattr(planner, "last_usage", None)
    return PlanResult(
        spec,
        explain(spec),
        planner.name,
        seconds,
        usage.as_dict() if usage is not None else {},
        list(getattr(planner, "last_reading", [])),
    )


def require_prompt(prompt: str | None) -> str:
    """The request, or UsageError when it is missing or blank."""
    if prompt is None or not prompt.strip():
        raise UsageError(
            "the request is empty",
            hint='describe the table you want, e.g. "total order amount per customer"',
        )
    return prompt

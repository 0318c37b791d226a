"""What a run keeps about itself in its record: the options it can be resumed with, and what
its models spent. Kept apart from the loop (`orchestrator.py`), which only writes them."""

from __future__ import annotations

from typing import Any

from datamorph.run_state import Run, RunRequest


def resumable_options(request: RunRequest) -> dict[str, Any]:
    """What `runs resume` needs besides the stored spec and code; no secrets."""
    settings = {
        key: value for key, value in request.engine_settings.items() if not _secret_name(key)
    }
    return {
        "codegen": request.codegen,
        "language": request.language,
        "target": request.target,
        "engine": request.engine,
        "samples": request.samples,
        "sources": request.sources,
        "engine_settings": settings,
        "replace_source": request.replace_source,
        "given_spec": request.spec is not None,
        "given_code": request.code is not None,
        # kept until the run saves them as artifacts: a run killed before that still resumes
        "spec": request.spec.to_json() if request.spec is not None else None,
        "code": request.code,
        "confirm": request.confirm is not None,  # a person had to agree to the plan
    } | request.options


def _secret_name(key: str) -> bool:
    return any(word in key.lower() for word in ("secret", "password", "token", "key"))


def model_usage(run: Run) -> dict[str, Any] | None:
    """What the run's models spent in all, from their budgets (None: no model was called)."""
    from datamorph.llm.base import Usage

    models = {id(m): m for m in (run.llm, getattr(run.planner, "llm", None)) if m is not None}
    total = Usage()
    for model in models.values():
        budget = getattr(model, "budget", None)
        if budget is not None:
            total.add(budget.spent)
    return total.as_dict() if total.calls else None

"""The strategies the monitor can apply: each acts for real, and the loop verifies it.

A strategy changes something (waits, resizes the engine, re-reads the catalog and re-plans,
reconnects, deduplicates on the spec's keys, switches to a second model, rewrites the code)
and names the step the run resumes from. The orchestrator then re-runs from there and
validates again: the strategy worked only if that attempt passes (`Monitor.finish`).
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from datamorph.engines.base import quote
from datamorph.engines.duckdb_controls import parse_bytes as parse_bytes  # where tests read it
from datamorph.monitor.taxonomy import TRANSIENT, Category
from datamorph.runs import RunStatus

if TYPE_CHECKING:
    from datamorph.monitor.classifier import Classification
    from datamorph.monitor.findings import Duplicates
    from datamorph.orchestrator import Run

S = RunStatus
# Where a run picks up again after a strategy acted on a failure of this step.
RESUME = {
    "planning": S.PLANNING,
    "checking": S.PLANNING,  # the catalog is read again on the way
    "generating": S.GENERATING,
    "executing": S.EXECUTING,
    "validating": S.EXECUTING,  # re-run, then validate again
    "publishing": S.PUBLISHING,
}


@dataclass(frozen=True)
class Backoff:
    """Capped exponential backoff with equal jitter: half fixed, half random."""

    base: float = 1.0
    cap: float = 30.0

    def delay(self, attempt: int) -> float:
        ceiling = min(self.cap, self.base * 2 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)


@dataclass
class Situation:
    run: Run
    classification: Classification
    step: str
    message: str
    attempt: int  # 1 for the first time this strategy acts in this run
    backoff: Backoff
    failure: Any  # the DataMorphError or the failed ValidationOutcome
    fallback_llm: Callable[[], Any] | None = None
    remediator: Any = None  # the code-fixing loop (healing.Remediator)


@dataclass
class Outcome:
    resume: RunStatus | None  # None: escalate to a person
    summary: str
    detail: dict[str, Any] = field(default_factory=dict)


def resume_after(step: str) -> RunStatus:
    return RESUME.get(step, S.PLANNING)


class Strategy:
    name: ClassVar[str]
    changes: ClassVar[str] = "nothing"  # nothing | code | resources | data | schema | credentials
    max_attempts: ClassVar[int] = 1

    def act(self, situation: Situation) -> Outcome:
        raise NotImplementedError


class Retry(Strategy):
    name = "retry"
    max_attempts = 3

    def act(self, situation: Situation) -> Outcome:
        category = Category(situation.classification.category)
        if category not in TRANSIENT:  # code and permission errors never pass by waiting
            return Outcome(None, f"{category} is not transient; retrying would not help")
        delay = situation.backoff.delay(situation.attempt)
        time.sleep(delay)
        return Outcome(
            resume_after(situation.step),
            f"waited {delay:.2f} s (attempt {situation.attempt} of {self.max_attempts}), "
            f"retrying from {resume_after(situation.step)}",
            {"delay_seconds": round(delay, 3)},
        )


class Scale(Strategy):
    """More of the run's own engine resources: memory (within 80 % of the machine), threads,
    a spill folder (DuckDB); partitions and adaptive execution (Spark). Each engine knows how
    its settings may change (`scale_up` in duckdb_controls.py and spark_controls.py); this
    run's settings alone change, and its spill folder goes when the run ends (spill.py)."""

    name = "scale"
    changes = "resources"
    max_attempts = 2
    factor = 4

    def act(self, situation: Situation) -> Outcome:
        from datamorph.errors import UsageError
        from datamorph.monitor.spill import spill_folder

        engine: Any = situation.run.engine
        if not hasattr(engine, "scale_up"):
            return Outcome(None, f"the {engine.name} engine has no resources to scale")
        cap = int(_physical_memory() * 0.8)
        try:
            before, after = engine.scale_up(
                self.factor, cap, spill=spill_folder(situation.run.run_id)
            )
        except UsageError as error:
            return Outcome(None, error.message)
        changed = [f"{k} {before.get(k) or 'unset'} -> {v}" for k, v in after.items()
                   if before.get(k) != v]  # fmt: skip
        return Outcome(
            resume_after(situation.step),
            ", ".join(changed) or "settings unchanged",
            {"before": before, "after": after},
        )


class RefreshCatalog(Strategy):
    name = "refresh_catalog"
    changes = "plan"  # a new spec, checked and validated like the first; no data is touched

    def act(self, situation: Situation) -> Outcome:
        run = situation.run
        if situation.step in ("executing", "validating"):
            # The code, not the plan, refers to what is missing: a code fix is the cure.
            return FixCode().act(situation)
        if not (run.request.prompt and run.planner is not None):
            return Outcome(
                None,
                "the catalog no longer matches the spec and there is no prompt to re-plan from",
            )
        stale = run.spec.to_json() if run.spec is not None else None
        run.request.spec = None  # plan again, against the catalog as it is now
        run.spec = None
        return Outcome(
            S.PLANNING,
            "the catalog changed since the spec was planned; re-planning from the prompt",
            {"stale_spec": stale},
        )


class RefreshCredentials(Strategy):
    name = "refresh_credentials"
    changes = "credentials"

    def act(self, situation: Situation) -> Outcome:
        run = situation.run
        refreshed = []
        for holder in (run.llm, getattr(run.planner, "llm", None)):
            refresh = getattr(holder, "refresh_credentials", None)
            if refresh is not None and holder is not None:
                refresh()
                refreshed.append(type(holder).__name__)
        if not refreshed:
            return Outcome(None, "nothing holds credentials that can be re-read")
        return Outcome(
            resume_after(situation.step),
            f"re-read credentials for {', '.join(refreshed)} and reconnected",
        )


class Deduplicate(Strategy):
    """One row per declared key, the first in the order of every output column. Changes the
    data, so it acts only with approval (gate.py); what it removes is counted exactly on the
    staged output and shown (`monitor/deduplicate.json`: the rows of a few keys, kept or not)."""

    name = "deduplicate"
    changes = "data"

    def act(self, situation: Situation) -> Outcome:
        run = situation.run
        if run.spec is None or not run.spec.target_table.keys:
            return Outcome(None, "no declared keys: deduplicating would be a guess")
        keys = list(run.spec.target_table.keys)
        found = _measure(run, keys)
        outputs = _staged_columns(run) or keys
        keep = (
            f"row_number() OVER (PARTITION BY {', '.join(quote(k) for k in keys)} "
            f"ORDER BY {', '.join(quote(c) for c in outputs)}) = 1"
        )
        run.spec = run.spec.model_copy(update={"qualify": (*run.spec.qualify, keep)})
        run.request.spec = run.spec
        if run.request.code is not None:  # the person's code stays theirs, wrapped
            run.request.code = f"SELECT * FROM ({run.request.code.rstrip(';')}) AS q QUALIFY {keep}"
        detail: dict[str, Any] = {"keys": keys, "qualify": keep}
        key = ", ".join(keys)
        if found is None:
            change = (
                f"deduplicate kept one row per {key}; the rows it removed were not counted "
                "(nothing was staged to count them on)"
            )
        else:
            artifact = run.store.next_artifact_name(run.run_id, "monitor/deduplicate", ".json")
            run.store.save_artifact(
                run.run_id, artifact, json.dumps(found.as_dict(), indent=2), kind="report"
            )
            detail |= {**found.as_dict(), "artifact": artifact}
            change = (
                f"deduplicate removed {found.removed:,} row{'s' if found.removed != 1 else ''} "
                f"({found.values:,} {key} value{'s' if found.values != 1 else ''} had more "
                f"than one row; kept the first of each in the order of every output column); "
                f"kept and removed rows: {_shown(found)} (all in {artifact})"
            )
        return Outcome(
            S.CHECKING,
            f"deduplicating on the spec's keys ({key}): {_grain_observed(situation.failure)}; "
            + change,
            {**detail, "found": _grain_observed(situation.failure), "change": change},
        )


class FallbackModel(Strategy):
    name = "backoff_fallback"
    max_attempts = 3

    def act(self, situation: Situation) -> Outcome:
        delay = situation.backoff.delay(situation.attempt)
        time.sleep(delay)
        run = situation.run
        second = situation.fallback_llm() if situation.fallback_llm else None
        if second is None:
            return Outcome(
                resume_after(situation.step),
                f"backed off {delay:.2f} s; no fallback model configured, trying the same one",
                {"delay_seconds": round(delay, 3)},
            )
        name = f"{second.provider}:{second.model}"
        if run.planner is not None and hasattr(run.planner, "llm"):
            run.planner.llm = second
        if run.llm is not None:
            run.llm = second
        return Outcome(
            resume_after(situation.step),
            f"backed off {delay:.2f} s and switched to the fallback model {name}",
            {"delay_seconds": round(delay, 3), "fallback": name},
        )


class FixCode(Strategy):
    name = "fix_code"
    changes = "code"
    max_attempts = 5

    def act(self, situation: Situation) -> Outcome:
        run = situation.run
        remediator = situation.remediator
        if run.code is None or remediator is None:
            return Outcome(None, "there is no code to fix")
        if not remediator.heal(run, situation.failure):
            return Outcome(None, "no fixer could correct the code")
        fix = remediator.history[-1]
        return Outcome(S.EXECUTING, f"code fixed by {fix.fixer}", {"fixer": fix.fixer})


class Escalate(Strategy):
    name = "escalate"

    def act(self, situation: Situation) -> Outcome:
        return Outcome(None, "handed to a person with the diagnosis")


STRATEGIES: dict[str, Strategy] = {
    s.name: s
    for s in (
        Retry(),
        Scale(),
        RefreshCatalog(),
        RefreshCredentials(),
        Deduplicate(),
        FallbackModel(),
        FixCode(),
        Escalate(),
    )
}


def _physical_memory() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return 4 * 2**30


def _staged_columns(run: Run) -> list[str]:
    if run.staging is None:
        return []
    result = run.engine.query(f"SELECT * FROM {quote(run.staging.name)}", limit=0)
    return list(result.columns)


def _measure(run: Run, keys: list[str]) -> Duplicates | None:
    from datamorph.errors import DataMorphError
    from datamorph.monitor.findings import measure_duplicates

    if run.staging is None:
        return None
    try:
        return measure_duplicates(run, keys)
    except DataMorphError:
        return None


def _shown(found: Duplicates, rows: int = 4) -> str:
    """A few sample rows, one line, by key and the columns that differ:
    `{customer_id: 7, customer_name: 'Ada'} kept`."""
    from datamorph.monitor.findings import KEPT

    columns = [*found.keys, *found.differing[:3]]
    shown = []
    for row in found.sample[:rows]:
        cells = ", ".join(f"{k}: {row.get(k)!r}" for k in columns)
        shown.append(f"{{{cells}}} {'kept' if row.get(KEPT) else 'removed'}")
    return "; ".join(shown) or "none"


def _grain_observed(failure: Any) -> str:
    report = getattr(failure, "report", None) or {}
    for check in report.get("checks", []):
        if check.get("name") == "grain" and check.get("status") == "fail":
            return str(check.get("message") or check.get("observed"))
    return "duplicate keys"

"""The monitor: the run's healer. Classify the failure, gate, act, audit, learn.

One call of `heal` per failure: it records the event in its incident, classifies it (codes,
ML, retrieval), closes the previous decision as failed (the failure came back), picks the
category's strategy, asks the gate, acts, and records the decision. `finish` closes the last
decision when the run ends: a completed run verifies it, and a verified resolution joins the
knowledge base (unless its template belongs to the frozen evaluation set).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from datamorph.engines.base import EngineError
from datamorph.errors import DataMorphError
from datamorph.monitor.findings import Finding, data_findings, from_findings
from datamorph.monitor.gate import GatePolicy, project_approvals
from datamorph.monitor.spill import remove_dead_spills, remove_spill
from datamorph.monitor.strategies import STRATEGIES, Backoff, Outcome, Situation, Strategy
from datamorph.monitor.taxonomy import TAXONOMY, Category
from datamorph.run_state import MAX_ITERATIONS
from datamorph.runs import RunStatus
from datamorph.spec import SpecError

if TYPE_CHECKING:
    from datamorph.monitor.classifier import Classification, Classifier
    from datamorph.orchestrator import Run

S = RunStatus


@dataclass
class MonitorConfig:
    policy: GatePolicy = field(default_factory=GatePolicy)
    backoff: Backoff = field(default_factory=Backoff)
    max_iterations: int = MAX_ITERATIONS
    fallback_llm: Callable[[], Any] | None = None  # builds the second model on first use


@dataclass(frozen=True)
class FailureEvent:
    """A failure as the monitor reads it: text, code, where it happened."""

    message: str
    native_code: str | None
    source: str
    step: str


@dataclass
class _Pending:
    decision_id: int
    incident_id: str
    strategy: str
    summary: str
    change: str | None = None  # what the strategy changed in the data, for the run's message


class Monitor:
    def __init__(
        self,
        *,
        classifier: Classifier | None = None,
        config: MonitorConfig | None = None,
        remediator: Any = None,
        strategies: dict[str, Strategy] | None = None,
    ) -> None:
        self._classifier = classifier
        self.config = config or MonitorConfig()
        self.remediator = remediator
        self.strategies = strategies or STRATEGIES
        self._pending: dict[str, _Pending] = {}
        self._acted: dict[str, Counter[str]] = {}

    def classifier(self, run: Run) -> Classifier:
        if self._classifier is None:
            from datamorph.monitor.service import classifier_with_knowledge

            self._classifier = classifier_with_knowledge(run.store)
        return self._classifier

    def policy(self) -> GatePolicy:
        """The gate, with the strategies the project's configuration approves."""
        policy = self.config.policy
        return replace(policy, project=policy.project | project_approvals())

    # ---- one failure ---------------------------------------------------------------------------

    def heal(self, run: Run, failure: Any) -> RunStatus:
        event = describe(run, failure)
        started = time.perf_counter()
        findings = data_findings(run, failure)
        classification = (
            from_findings(findings, event.native_code)
            if findings
            else self.classifier(run).classify(event.message, event.native_code)
        )
        incidents = run.store.incidents
        incident_id, _ = incidents.record_event(
            classification.event(
                event.message,
                event.source,
                run_id=run.run_id,
                step=event.step,
                engine=run.engine.name,
                native_code=event.native_code,
            )
        )
        self._close_pending(run, f"failed again: {classification.category}")
        strategy, outcome, reason = self._act(run, event, classification, failure)
        seconds = time.perf_counter() - started
        escalated = outcome.resume is None
        if findings:
            outcome.detail["findings"] = [
                {"kind": f.kind, "text": f.text, **f.counts} for f in findings
            ]
            if escalated:  # the data, told plainly, replaces the gate's bare refusal
                outcome.summary = " | ".join(f.text for f in findings)
        decision_id = incidents.record_decision(
            incident_id,
            run_id=run.run_id,
            category=classification.category,
            confidence=classification.confidence,
            strategy=strategy,
            action="escalate" if escalated else "act",
            outcome="escalated" if escalated else "pending",
            seconds=round(seconds, 4),
            detail={
                "gate": reason,
                "summary": outcome.summary,
                "strategy_confidence": round(choose_strategy(classification, event.step)[1], 4),
                **outcome.detail,
            },
        )
        self._log(run, classification, strategy, outcome, reason, incident_id)
        if escalated:
            incidents.set_status(incident_id, "escalated")
            self._save_diagnosis(run, event, classification, strategy, outcome, reason, findings)
            return S.NEEDS_ATTENTION
        self._pending[run.run_id] = _Pending(
            decision_id, incident_id, strategy, outcome.summary, outcome.detail.get("change")
        )
        return outcome.resume or S.NEEDS_ATTENTION

    def _act(
        self, run: Run, event: FailureEvent, classification: Classification, failure: Any
    ) -> tuple[str, Outcome, str]:
        name, confidence = choose_strategy(classification, event.step)
        strategy = self.strategies.get(name, self.strategies["escalate"])
        acted = self._acted.setdefault(run.run_id, Counter())
        if run.iterations > self.config.max_iterations:
            return name, Outcome(None, f"gave up after {self.config.max_iterations} iterations"), ""
        if acted[name] >= strategy.max_attempts:
            summary = f"{name} already acted {acted[name]} times and the failure persists"
            return name, Outcome(None, summary), "attempts exhausted"
        allowed, reason = self.policy().verdict(name, strategy.changes, confidence)
        if not allowed:
            return name, Outcome(None, f"not acting: {reason}"), reason
        acted[name] += 1
        situation = Situation(
            run=run,
            classification=classification,
            step=event.step,
            message=event.message,
            attempt=acted[name],
            backoff=self.config.backoff,
            failure=failure,
            fallback_llm=self.config.fallback_llm,
            remediator=self.remediator,
        )
        return name, strategy.act(situation), reason

    # ---- the end of the run --------------------------------------------------------------------

    def finish(self, run: Run, status: RunStatus) -> None:
        if status is S.COMPLETED:
            pending = self._pending.pop(run.run_id, None)
            if pending is not None:
                self._verify(run, pending)
        else:
            self._close_pending(run, f"the run ended {status}")
        self._acted.pop(run.run_id, None)
        _clean_spills(run)

    def _verify(self, run: Run, pending: _Pending) -> None:
        from datamorph.monitor.service import is_frozen_template

        incidents = run.store.incidents
        incidents.finish_decision(pending.decision_id, "verified", verified_by="re-run validated")
        incidents.set_status(pending.incident_id, "resolved")
        incident = incidents.incident(pending.incident_id)
        learned = not is_frozen_template(incident["template_id"])
        if learned:
            incidents.learn(
                pending.incident_id, resolution=pending.summary, strategy=pending.strategy
            )
        run.log(
            "monitor",
            f"{pending.strategy} verified: the re-run passed validation"
            + ("; added to the knowledge base" if learned else ""),
            incident=pending.incident_id,
            update={"message": f"completed; {pending.change}"} if pending.change else None,
        )

    def _close_pending(self, run: Run, why: str) -> None:
        pending = self._pending.pop(run.run_id, None)
        if pending is not None:
            run.store.incidents.finish_decision(pending.decision_id, "failed", reason=why)

    # ---- records -------------------------------------------------------------------------------

    def _log(
        self,
        run: Run,
        classification: Classification,
        strategy: str,
        outcome: Outcome,
        reason: str,
        incident_id: str,
    ) -> None:
        verb = "escalated" if outcome.resume is None else strategy
        run.log(
            "remediating",
            f"classified {classification.category} ({classification.confidence:.2f}) -> "
            f"{verb}: {outcome.summary}",
            level="warning" if outcome.resume is not None else "error",
            incident=incident_id,
            category=classification.category,
            confidence=round(classification.confidence, 4),
            strategy=strategy,
            gate=reason,
        )

    def _save_diagnosis(
        self,
        run: Run,
        event: FailureEvent,
        classification: Classification,
        strategy: str,
        outcome: Outcome,
        reason: str,
        findings: list[Finding],
    ) -> None:
        diagnosis = {
            "step": event.step,
            "message": event.message,
            "native_code": event.native_code,
            "classification": classification.as_dict(),
            "strategy_considered": strategy,
            "why_escalated": outcome.summary,
            "gate": reason,
            "what_to_do": [o for f in findings for o in f.options]
            or [s for hit in classification.runbooks for s in hit.document.steps],
        }
        name = run.store.next_artifact_name(run.run_id, "monitor/diagnosis", ".json")
        run.store.save_artifact(
            run.run_id, name, json.dumps(diagnosis, indent=2, default=str), kind="report"
        )
        message = (
            f"needs attention: the data, not the code: {outcome.summary}"
            if findings
            else f"needs attention: {classification.category} "
            f"({classification.confidence:.2f}): {outcome.summary}. Failure: {event.message[:500]}"
        )
        run.store.update_run(run.run_id, message=message, error_category=classification.category)


def _clean_spills(run: Run) -> None:
    """This run's spill folder (its engine is closed), and those of runs that died."""
    removed = remove_spill(run.run_id)
    dead = remove_dead_spills(run.store.active_run_ids() - {run.run_id})
    if removed or dead:
        run.log(
            "monitor",
            "removed spill folders: " + ", ".join(([run.run_id] if removed else []) + dead),
        )


def choose_strategy(classification: Classification, step: str) -> tuple[str, float]:
    """The strategy to gate, and how sure the classifier is that it is the right one.

    The decision is about the action, not the label: the probabilities of every category that
    calls for the same strategy here add up. A column missing from code that is executing is
    the code's to fix (`refresh_catalog` would hand it to `fix_code` anyway), so at those steps
    a schema mismatch and a code defect both argue for `fix_code`.
    """
    mass: dict[str, float] = defaultdict(float)
    for category, p in classification.probabilities.items():
        mass[_strategy_at(category, step)] += p
    best = max(mass, key=mass.__getitem__)
    return best, mass[best]


def _strategy_at(category: str, step: str) -> str:
    strategy = TAXONOMY[Category(category)].strategy
    if strategy == "refresh_catalog" and step in ("executing", "validating"):
        return "fix_code"
    return strategy


def describe(run: Run, failure: Any) -> FailureEvent:
    """The text and native code of a failure, whatever raised it."""
    step = run.failed_step or "executing"
    if isinstance(failure, DataMorphError):
        code = native_code(failure, run.code)
        return FailureEvent(failure.message, code, _source(run, failure), step)
    report = getattr(failure, "report", None) or {}
    failed = sorted(
        (c for c in report.get("checks", []) if c.get("status") == "fail"), key=_check_rank
    )
    message = "validation failed: " + "; ".join(
        f"{c['name']}: {c.get('message') or ''}".strip() for c in failed
    )
    code = f"datamorph:check:{_check_kind(failed[0])}" if failed else None
    return FailureEvent(message, code, "datamorph", "validating")


# Checks against the spec's own result come first: when the output differs from what the spec
# computes on the same data, the code is wrong, whatever else failed with it. Duplicated source
# rows would be in that reference too; only then does the grain check speak for the data.
_REFERENCE_CHECKS = ("row_diff", "reconciliation", "row_count")


def _check_kind(check: dict[str, Any]) -> str:
    return str(check["name"]).split()[0]  # "grain unique (customer_id)" -> "grain"


def _check_rank(check: dict[str, Any]) -> int:
    kind = _check_kind(check)
    return _REFERENCE_CHECKS.index(kind) if kind in _REFERENCE_CHECKS else len(_REFERENCE_CHECKS)


_UNCONVERTIBLE = re.compile(r"Could not convert string (['\"])(?P<value>.{1,200}?)\1")


def native_code(error: DataMorphError, code: str | None = None) -> str | None:
    """The failure's code; the run's own code is read when it tells cause from symptom."""
    if isinstance(error, EngineError):
        kind = error.native_type.removesuffix("Exception")
        if error.native_type == "ParseError":  # rejected by the static parse before running
            return "datamorph:code:parse_error"
        if kind == "Conversion" and code and _literal_in_code(error.message, code):
            return "datamorph:code:literal_conversion"
        return f"{error.engine}:{kind}"
    if isinstance(error, SpecError) and error.problems:
        return f"datamorph:spec:{error.problems[0].code}"
    return None


def _literal_in_code(message: str, code: str) -> bool:
    """A value that will not convert is written in the code itself: the code is wrong, not the
    data (`WHERE amount >= 'abc'`). A value read from a column is the data's."""
    match = _UNCONVERTIBLE.search(message)
    if match is None:
        return False
    value = match.group("value").replace("'", "''")
    return f"'{value}'" in code


def _source(run: Run, error: DataMorphError) -> str:
    if isinstance(error, EngineError):
        return error.engine
    module = type(error).__module__
    return "llm" if ".llm" in module else "datamorph"

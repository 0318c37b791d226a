"""The validating step: every configured validator judges the staged output, and the verdict
decides whether the run publishes.

- `fail` (a check failed): the run heals, or fails; nothing is published.
- `error` (no check failed, but some gave no answer; `validation/report.py` states the rule):
  an error is never a pass. When one of the spec's own checks gave no answer, the run stops
  before publishing and needs attention; when only LLM-written tests broke, it publishes with
  validation status `error`, not `pass`. Either way the run says what was not verified.
- `pass`: the run publishes.
Each attempt's report is stored as JSON and Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from datamorph.errors import PipelineError
from datamorph.run_state import Run, ValidationOutcome
from datamorph.runs import RunStatus

S = RunStatus


def validate_step(run: Run) -> RunStatus:
    if not run.validators:
        run.validation = ValidationOutcome("skipped")
        run.log("validating", "no validators configured; validation skipped", level="warning")
        return S.PUBLISHING
    outcomes = [validator.validate(run) for validator in run.validators]
    failed = [o for o in outcomes if o.status == "fail"]
    errored = [o for o in outcomes if o.status == "error"]
    run.validation = (failed or errored or [ValidationOutcome("pass", _merge(outcomes))])[0]
    _save_report(run)
    if failed:
        return _failed(run)
    return _unverified(run) if errored else S.PUBLISHING


def _failed(run: Run) -> RunStatus:
    names = [c["name"] for c in run.validation.report.get("checks", []) if c["status"] == "fail"]
    run.failure = PipelineError(
        f"validation failed: {', '.join(names) or 'see the report'}",
        hint="see the validation report; the previous target is untouched",
    )
    run.log("validating", run.failure.message, level="error", failed=names)
    run.store.update_run(run.run_id, message=run.failure.one_line(), validation_status="fail")
    return S.REMEDIATING if run.healer is not None else S.FAILED


def _unverified(run: Run) -> RunStatus:
    """Some checks gave no answer. Healing is not asked: the code is not known to be wrong,
    and weakening or dropping a check to get a pass is not a fix."""
    from datamorph.validation.report import blocks_publishing, unverified_names

    names = unverified_names(run.validation.report)
    shown = ", ".join(names) or "see the report"
    if not blocks_publishing(run.validation.report):
        run.log(
            "validating",
            f"publishing with validation status error; not verified (broken tests): {shown}",
            level="warning",
            unverified=names,
        )
        return S.PUBLISHING
    run.failure = PipelineError(
        f"validation incomplete: not verified: {shown}",
        hint="those checks could not run (see the validation report); nothing was published "
        "and the previous target is untouched",
    )
    run.log("validating", run.failure.message, level="error", unverified=names)
    run.store.update_run(run.run_id, message=run.failure.one_line(), validation_status="error")
    return S.NEEDS_ATTENTION


def completed_message(run: Run) -> str:
    """The message of a published run: what was not verified, when something was not."""
    if run.validation.status != "error":
        return "completed"
    from datamorph.validation.report import unverified_names

    return f"completed; not verified: {', '.join(unverified_names(run.validation.report))}"


def _save_report(run: Run) -> None:
    """The report of this attempt, as JSON for machines and Markdown for people."""
    from datamorph.validation.report import ValidationReport

    report = run.validation.report
    if not report.get("checks"):
        return
    name = f"reports/validation-attempt-{run.attempt}"
    run.store.save_artifact(
        run.run_id,
        f"{name}.json",
        json.dumps(report, indent=2, default=str),
        kind="report",
        attempt=run.attempt,
    )
    markdown = ValidationReport.model_validate(report).to_markdown()
    run.store.save_artifact(run.run_id, f"{name}.md", markdown, kind="report", attempt=run.attempt)
    counts = report.get("counts", {})
    run.log(
        "validating",
        f"validation {run.validation.status}: {counts.get('pass', 0)} "
        f"passed, {counts.get('fail', 0)} failed, {counts.get('error', 0)} errors, "
        f"{counts.get('skipped', 0)} skipped",
        counts=counts,
    )


def _merge(outcomes: Sequence[ValidationOutcome]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for outcome in outcomes:
        merged.update(outcome.report)
    return merged

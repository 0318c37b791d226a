"""What validation found: one result per check, and the report for an attempt.

Report schema (JSON, `ValidationReport.model_dump(mode="json")`):

    {"status": "pass" | "fail" | "error", "table": str, "seconds": float,
     "counts": {"pass": int, "fail": int, "error": int, "skipped": int, "warn": int},
     "unverified": [{"name", "phase", "message", "severity"}],
     "checks": [{"name", "phase", "kind", "status", "observed", "expected", "message",
                 "sample_rows", "query", "seconds", "verified", "severity"}]}

A check's status: `pass`, `fail` (after verification), `skipped` (it does not apply, and says
why) or `error`: it gave no answer (its own query broke or timed out, it failed once and passed
once, or an LLM-written test was broken or its failure unconfirmed). A check's `severity` is
`error` except for a user test declared `warn` (spec.tests): a failing warn test is a warning,
counted under `warn` and not `fail`, and it neither fails the report nor stops the publish.
The report's status:

- `fail` when any check of severity `error` failed;
- else `error` when any check errored: what those checks test was NOT verified, and the
  report lists them under `unverified`. An error is never a pass;
- else `pass`.

What a run does with `error` (`blocks_publishing`): when one of the spec's own checks (phase 1)
errored, the run stops before publishing (needs attention; the target is untouched), since the
spec's contract was not verified. When only LLM-written tests (phase 2) or user tests of
severity `warn` errored, they are broken tests, not a broken pipeline: every rule the run must
hold to held, so the run publishes, with validation status `error`, not `pass`, and says which
tests did not verify.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field

from datamorph import notebook

CheckStatus = Literal["pass", "fail", "error", "skipped"]
Severity = Literal["error", "warn"]
ReportStatus = Literal["pass", "fail", "error"]
MAX_SAMPLE_ROWS = 5


class CheckResult(BaseModel):
    name: str
    phase: int = 1  # 1: from the spec and catalog; 2: LLM-written from the prompt
    kind: str  # schema | not_empty | grain | filter | having | row_count | reconciliation | ...
    status: CheckStatus
    observed: Any = None
    expected: Any = None
    message: str = ""
    sample_rows: list[dict[str, Any]] = Field(default_factory=list)
    query: str | None = None
    seconds: float = 0.0
    verified: bool = False  # a failure re-run (and, for LLM checks, confirmed) before counting
    # `warn`: a user test whose failure is reported and never fails the report or the run
    severity: Severity = "error"

    @property
    def is_warning(self) -> bool:
        """A failure that is only a warning."""
        return self.status == "fail" and self.severity == "warn"


def overall(checks: list[CheckResult]) -> ReportStatus:
    """The report's status from its checks: a failure fails (a warning does not); an error is
    not a pass, whatever its severity."""
    if any(c.status == "fail" and c.severity == "error" for c in checks):
        return "fail"
    return "error" if any(c.status == "error" for c in checks) else "pass"


def blocks_publishing(report: dict[str, Any]) -> bool:
    """Does an `error` report stop the run before publishing? Yes when a check of the spec's
    own (phase 1) errored, unless it is a user test of severity `warn` (a broken warning
    cannot stop what a failing one would not), or when the report does not say which did."""
    errored = [c for c in report.get("checks", []) if c.get("status") == "error"]
    return not errored or any(
        c.get("phase", 1) == 1 and c.get("severity", "error") != "warn" for c in errored
    )


def unverified_names(report: dict[str, Any]) -> list[str]:
    return [c["name"] for c in report.get("checks", []) if c.get("status") == "error"]


class ValidationReport(notebook.Shown, BaseModel):
    """What validating a table found: its `status`, one result per check (`checks`), the
    `failed`, `warnings` and `unverified` ones, and `counts` by status (a failing `warn` test
    counted under `warn`, not `fail`)."""

    status: ReportStatus
    table: str
    seconds: float = 0.0
    checks: list[CheckResult] = Field(default_factory=list)

    def _view(self) -> notebook.View:
        return notebook.validation_view(self)

    @property
    def counts(self) -> dict[str, int]:
        found = {"pass": 0, "fail": 0, "error": 0, "skipped": 0, "warn": 0}
        for check in self.checks:
            found["warn" if check.is_warning else check.status] += 1
        return found

    @property
    def failed(self) -> list[CheckResult]:
        """The failures that fail the report (not the warnings)."""
        return [c for c in self.checks if c.status == "fail" and not c.is_warning]

    @property
    def warnings(self) -> list[CheckResult]:
        """The failing user tests of severity `warn`: reported, not failing."""
        return [c for c in self.checks if c.is_warning]

    @property
    def unverified(self) -> list[CheckResult]:
        """The checks that gave no answer: what they test was not verified."""
        return [c for c in self.checks if c.status == "error"]

    def as_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        data["counts"] = self.counts
        data["unverified"] = [
            {"name": c.name, "phase": c.phase, "message": c.message, "severity": c.severity}
            for c in self.unverified
        ]
        return data

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, default=str)

    def to_markdown(self) -> str:
        counts = self.counts
        lines = [
            f"# Validation of `{self.table}`: **{self.status.upper()}**",
            "",
            f"{counts['pass']} passed, {counts['fail']} failed, {_warnings(counts['warn'])}, "
            f"{counts['error']} errors, {counts['skipped']} skipped in {self.seconds:.2f} s.",
            "",
            *self._unverified_lines(),
            "| check | phase | status | observed | expected | message |",
            "|---|---|---|---|---|---|",
        ]
        for c in self.checks:
            lines.append(
                f"| {c.name} | {c.phase} | {_status(c)} | {_cell(c.observed)} | "
                f"{_cell(c.expected)} | {_cell(c.message)} |"
            )
        for c in [*self.failed, *self.warnings]:
            if c.sample_rows:
                lines += [
                    "",
                    f"## {c.name}: failing rows" + (" (a warning)" if c.is_warning else ""),
                    "",
                    "```json",
                    json.dumps(c.sample_rows, indent=1, default=str),
                    "```",
                ]
        return "\n".join(lines) + "\n"

    def _unverified_lines(self) -> list[str]:
        if not self.unverified:
            return []
        lines = ["Not verified (the check gave no answer; an error is not a pass):", ""]
        lines += [f"- {c.name}: {_cell(c.message)}" for c in self.unverified]
        return [*lines, ""]


def _warnings(count: int) -> str:
    return f"{count} warning" + ("" if count == 1 else "s")


def _status(check: CheckResult) -> str:
    """`warn` for a failing warn test; an errored one says its severity, as it does not
    stop the publish."""
    if check.is_warning:
        return "warn"
    return "error (warn)" if check.status == "error" and check.severity == "warn" else check.status


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")[:120]

"""What validation found: one result per check, and the report for an attempt.

Report schema (JSON, `ValidationReport.model_dump(mode="json")`):

    {"status": "pass" | "fail", "table": str, "seconds": float,
     "counts": {"pass": int, "fail": int, "error": int, "skipped": int},
     "checks": [{"name", "phase", "kind", "status", "observed", "expected", "message",
                 "sample_rows", "query", "seconds", "verified"}]}

`status` is fail when any check failed (after verification); a check whose own query broke is
`error` (a broken test, reported, not a failed pipeline) and skipped checks say why.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field

CheckStatus = Literal["pass", "fail", "error", "skipped"]
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


class ValidationReport(BaseModel):
    status: Literal["pass", "fail"]
    table: str
    seconds: float = 0.0
    checks: list[CheckResult] = Field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        found = {"pass": 0, "fail": 0, "error": 0, "skipped": 0}
        for check in self.checks:
            found[check.status] += 1
        return found

    @property
    def failed(self) -> list[CheckResult]:
        return [c for c in self.checks if c.status == "fail"]

    def as_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        data["counts"] = self.counts
        return data

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, default=str)

    def to_markdown(self) -> str:
        counts = self.counts
        lines = [
            f"# Validation of `{self.table}`: **{self.status.upper()}**",
            "",
            f"{counts['pass']} passed, {counts['fail']} failed, {counts['error']} errors, "
            f"{counts['skipped']} skipped in {self.seconds:.2f} s.",
            "",
            "| check | phase | status | observed | expected | message |",
            "|---|---|---|---|---|---|",
        ]
        for c in self.checks:
            lines.append(
                f"| {c.name} | {c.phase} | {c.status} | {_cell(c.observed)} | "
                f"{_cell(c.expected)} | {_cell(c.message)} |"
            )
        for c in self.failed:
            if c.sample_rows:
                lines += [
                    "",
                    f"## {c.name}: failing rows",
                    "",
                    "```json",
                    json.dumps(c.sample_rows, indent=1, default=str),
                    "```",
                ]
        return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")[:120]

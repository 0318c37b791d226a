"""Validation: a run succeeds only when its output passes the checks, not when its code ran.

    report = validate(engine, spec, "staging_table", catalog, llm=llm, prompt=prompt)

Phase 1 rule-based checks (`checks.py`), phase 2 LLM-written tests from the prompt
(`llm_tests.py`), phase 3 read-only execution, phase 4 comparison, phase 4.5 verification of
failures, phase 5 the report (`report.py`, which also states the rule for a check that
errors: it is not a pass).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from datamorph.catalog import Catalog
from datamorph.engines.base import Engine
from datamorph.spec import Spec
from datamorph.validation.checks import run_phase1
from datamorph.validation.context import Context, close_context, open_context
from datamorph.validation.report import CheckResult, ValidationReport, overall

__all__ = ["CheckResult", "SpecValidator", "ValidationReport", "validate"]


def validate(
    engine: Engine,
    spec: Spec,
    table: str,
    catalog: Catalog,
    *,
    llm: Any = None,
    prompt: str | None = None,
    code: str | None = None,
    wrap: Callable[[str], str] | None = None,
    no_reference: str = "",
) -> ValidationReport:
    """Validate `table` against `spec`; `code` is the code that produced it, when known.
    `wrap` filters the spec's own query as the code was (an incremental run's rows above its
    high-water mark); `no_reference` says why `table` is not compared with the spec's own
    query at all (a merged target: the checks that need it are skipped with that reason)."""
    started = time.perf_counter()
    ctx = open_context(engine, spec, table, catalog, code, wrap=wrap, no_reference=no_reference)
    try:
        results = run_phase1(ctx)
        results = _verify(ctx, results)
        results += _phase2(engine, table, ctx, llm, prompt, results)
    finally:
        close_context(ctx)
    return ValidationReport(
        status=overall(results),
        table=table,
        checks=results,
        seconds=round(time.perf_counter() - started, 4),
    )


def _verify(ctx: Context, results: list[CheckResult]) -> list[CheckResult]:
    """Phase 4.5: a failing check is run again; it counts only if it fails again."""
    if not any(r.status == "fail" for r in results):
        return results
    again = {r.name: r for r in run_phase1(ctx)}
    verified = []
    for result in results:
        if result.status != "fail":
            verified.append(result)
            continue
        second = again.get(result.name)
        if second is not None and second.status == "fail":
            result.verified = True
            verified.append(result)
        else:
            verified.append(
                result.model_copy(
                    update={"status": "error", "message": "flaky: failed once, passed when re-run"}
                )
            )
    return verified


def _phase2(
    engine: Engine,
    table: str,
    ctx: Context,
    llm: Any,
    prompt: str | None,
    rule_results: list[CheckResult],
) -> list[CheckResult]:
    try:
        from datamorph.validation.llm_tests import llm_checks
    except ImportError:  # phase 2 is optional at import time
        return [
            CheckResult(
                name="llm tests",
                phase=2,
                kind="llm",
                status="skipped",
                message="LLM-written tests are not available",
            )
        ]
    columns = list(ctx.columns.items())
    return llm_checks(llm, prompt, table, columns, engine, rule_results=rule_results)


class SpecValidator:
    """The orchestrator's validator: validates the run's staging table against its spec."""

    def __init__(self, llm: Any = None) -> None:
        self.llm = llm

    def validate(self, run: Any) -> Any:
        from datamorph.orchestrator import ValidationOutcome
        from datamorph.run_increment import increment_view

        assert run.spec is not None and run.catalog is not None and run.staging is not None
        spec, code, wrap = increment_view(run)  # the spec and code as an increment was staged
        report = validate(
            run.engine,
            spec,
            run.staging.name,
            run.catalog,
            # the run's model when it has switched to a fallback since this validator was made
            llm=(getattr(run, "llm", None) or self.llm) if self.llm is not None else None,
            prompt=run.request.prompt,
            code=code,
            wrap=wrap,
        )
        return ValidationOutcome(report.status, report.as_dict())

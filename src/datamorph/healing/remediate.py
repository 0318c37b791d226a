"""The remediation loop's healer: classify the failure, pick a fix, record the iteration.

The orchestrator drives the loop (execute -> validate -> remediate -> execute ...); each call
of `heal` is one iteration. It classifies the failure, asks the fixers of that kind in order
for code that differs from every version tried so far, stores the iteration (analysis, changes,
diff, the fixer, whether it was the last resort) as new artifacts, and hands the corrected code
back. Checks were fixed before the loop began and no fixer can reach them: only code changes.
"""

from __future__ import annotations

import json
import time
from typing import Any

from datamorph.errors import DataMorphError
from datamorph.healing.failure import Failure, classify
from datamorph.healing.fix import Fix, Fixer, FixRequest
from datamorph.healing.fixers import CHAINS, FIXERS
from datamorph.healing.pyspark_fixers import PYSPARK_CHAINS, PYSPARK_FIXERS
from datamorph.run_state import MAX_ITERATIONS


class Remediator:
    def __init__(
        self,
        *,
        max_iterations: int = MAX_ITERATIONS,
        fixers: dict[str, Fixer] | None = None,
        first: tuple[str, ...] = (),
    ) -> None:
        """`first`: fixers tried before every chain (the LLM fixer, when a model is set)."""
        self.max_iterations = max_iterations
        self.fixers = {**PYSPARK_FIXERS, **(fixers or FIXERS)}
        missing = [name for name in first if name not in self.fixers]
        if missing:
            raise ValueError(f"unknown fixers in first: {', '.join(missing)}")
        self.first = first
        self.history: list[Fix] = []

    def chain(self, kind: str, language: str = "sql") -> tuple[str, ...]:
        """The fixers to try for a failure of `kind` in code of `language`, in order."""
        chains = PYSPARK_CHAINS if language == "pyspark" else CHAINS
        offline = chains.get(kind, chains["unknown"])
        return (*self.first, *(name for name in offline if name not in self.first))

    def heal(self, run: Any, failure: Any) -> bool:
        """One iteration: True when `run.code` now holds corrected code to try."""
        diagnosis = self._failure(run, failure)
        if run.iterations > self.max_iterations:
            run.log(
                "remediating",
                f"gave up after {self.max_iterations} iterations; last failure {diagnosis.summary}",
                level="error",
            )
            return False
        started = time.perf_counter()
        fix = self._pick(run, diagnosis)
        self._save_traces(run)
        if fix is None:
            run.log("remediating", f"no fixer can act on {diagnosis.summary}", level="error")
            return False
        self._record(run, diagnosis, fix, time.perf_counter() - started)
        run.code = fix.corrected_code
        return True

    @staticmethod
    def _failure(run: Any, failure: Any) -> Failure:
        if isinstance(failure, DataMorphError):
            return classify(failure)
        return classify(None, getattr(failure, "report", None))

    def _save_traces(self, run: Any) -> None:
        """What model-backed fixers did this iteration, accepted or declined (and why)."""
        for name, fixer in self.fixers.items():
            trace = getattr(fixer, "trace", None)
            if trace:
                run.store.save_artifact(
                    run.run_id,
                    f"healing/iteration-{run.iterations}-{name}-trace.json",
                    json.dumps(trace, indent=2, default=str),
                    kind="log",
                    attempt=run.iterations,
                )
                trace.clear()

    def _pick(self, run: Any, diagnosis: Failure) -> Fix | None:
        tried = {run.code.strip(), *(f.corrected_code.strip() for f in self.history)}
        request = FixRequest(
            diagnosis,
            run.code,
            run.spec,
            run.catalog,
            run.engine.dialect,
            run.iterations,
            list(self.history),
            language=run.language,
        )
        for name in self.chain(diagnosis.kind, request.language):
            fix = self.fixers[name].fix(request)
            if fix is not None and fix.corrected_code.strip() not in tried:
                return fix
        return None

    def _record(self, run: Any, diagnosis: Failure, fix: Fix, seconds: float) -> None:
        self.history.append(fix)
        data = fix.as_dict() | {
            "iteration": run.iterations,
            "failure": {
                "kind": diagnosis.kind,
                "message": diagnosis.message[:2000],
                "failed_checks": [c.get("name") for c in diagnosis.failed_checks],
            },
            "lines_changed": fix.lines_changed(run.code),
            "seconds": round(seconds, 4),
        }
        name = f"healing/iteration-{run.iterations}"
        run.store.save_artifact(
            run.run_id,
            f"{name}.json",
            json.dumps(data, indent=2),
            kind="report",
            attempt=run.iterations,
        )
        run.store.save_artifact(
            run.run_id, f"{name}.diff", fix.diff(run.code), kind="diff", attempt=run.iterations
        )
        verb = (
            "regenerated the query from the spec"
            if fix.regenerated
            else f"{fix.fixer}: {'; '.join(fix.changes_made)}"
        )
        run.log(
            "remediating",
            f"iteration {run.iterations}: {diagnosis.summary} -> {verb}",
            fixer=fix.fixer,
            regenerated=fix.regenerated,
            lines_changed=data["lines_changed"],
        )

"""A run as the page shows it: record, spec, code per attempt, checks, healing, result preview.

Everything comes from the run store (the record, the artifacts the orchestrator saved, the
monitor's decisions) except the preview, read from the published table.
"""

from __future__ import annotations

import json
import re
from typing import Any, cast

from datamorph.api.models import (
    CodeAttempt,
    EventOut,
    HealingIteration,
    Preview,
    RunDetail,
    RunState,
    RunSummary,
    ValidationAttempt,
)
from datamorph.api.service import Service
from datamorph.api.timeline import timeline
from datamorph.api.workers import Submission, location_of
from datamorph.engines.base import quote
from datamorph.errors import DataMorphError
from datamorph.json_cells import rows
from datamorph.planning.explain import explain
from datamorph.redact import redact
from datamorph.runs import Artifact, RunRecord, RunStatus
from datamorph.runs.schema import json_safe
from datamorph.spec import Spec

_CODE = re.compile(r"^code/attempt-(\d+)\.(?:sql|py)$")
_REPORT = re.compile(r"^reports/validation-attempt-(\d+)\.json$")
_HEALING = re.compile(r"^healing/iteration-(\d+)\.json$")


def summary(run: RunRecord | Submission, service_database: str = "") -> RunSummary:
    """The run's line in the history; a waiting run will run on `service_database`."""
    if isinstance(run, Submission):
        engine, database = location_of(service_database) if service_database else (None, None)
        return RunSummary(
            engine=engine,
            database=database,
            run_id=run.run_id,
            status="queued",
            prompt=run.prompt,
            created_at=run.submitted_at,
            updated_at=run.submitted_at,
            target_table=run.target or (run.spec.target_table.name if run.spec else None),
            validation_status="skipped",
            iterations=0,
            rows=None,
            message="waiting for a free worker",
        )
    return RunSummary.model_validate(run.model_dump() | {"status": str(run.status)})


def status_of(run: RunRecord | Submission) -> RunState:
    return "queued" if isinstance(run, Submission) else cast(RunState, str(run.status))


def events(service: Service, run: RunRecord | Submission, after: int = 0) -> list[EventOut]:
    if isinstance(run, Submission):
        return []
    found = service.store.events(run.run_id, after_seq=after)
    return [EventOut.model_validate(event.model_dump()) for event in found]


def detail(service: Service, run: RunRecord | Submission) -> RunDetail:
    base = summary(run, service.settings.database).model_dump()
    if isinstance(run, Submission):
        spec = run.spec.model_dump(mode="json") if run.spec is not None else None
        return RunDetail(
            **base,
            error_category=None,
            usage={},
            spec=spec,
            explanation=_explanation(spec),
            code=[],
            validation=[],
            healing=[],
            decisions=[],
            preview=None,
            artifacts=[],
        )
    artifacts = service.store.artifacts(run.run_id)
    spec = _latest_spec(service, artifacts)
    preview, preview_note = _preview(service, run)
    return RunDetail(
        **base,
        error_category=run.error_category,
        usage=run.usage,
        spec=spec,
        explanation=_explanation(spec),
        code=_code(service, artifacts),
        validation=_validation(service, artifacts),
        healing=_healing(service, artifacts),
        decisions=[json_safe(d) for d in service.store.incidents.decisions(run.run_id)],
        preview=preview,
        preview_note=preview_note,
        artifacts=[a.name for a in artifacts],
        timeline=timeline(service.store.events(run.run_id), ended=run.status.terminal),
    )


def _text(service: Service, artifact: Artifact) -> str:
    return service.store.artifact_text(artifact)


def _latest_spec(service: Service, artifacts: list[Artifact]) -> dict[str, Any] | None:
    specs = [a for a in artifacts if a.kind == "spec"]  # spec.json, then spec-revision-N.json
    if not specs:
        return None
    loaded: dict[str, Any] = json.loads(_text(service, specs[-1]))
    return loaded


def _explanation(spec: dict[str, Any] | None) -> list[str]:
    if spec is None:
        return []
    try:
        text = explain(Spec.from_dict(spec))
    except (DataMorphError, ValueError):  # a spec saved by an older version: show it unexplained
        return []
    return plain_lines(text)


def plain_lines(text: str) -> list[str]:
    """`explain()`'s bullet list as a list of sentences."""
    return [line.removeprefix("- ") for line in text.splitlines() if line.strip()]


def _numbered(artifacts: list[Artifact], pattern: re.Pattern[str]) -> list[tuple[int, Artifact]]:
    found = [(int(m.group(1)), a) for a in artifacts if (m := pattern.match(a.name))]
    return sorted(found, key=lambda pair: pair[0])


def _code(service: Service, artifacts: list[Artifact]) -> list[CodeAttempt]:
    return [
        CodeAttempt(attempt=n, name=a.name, code=_text(service, a))
        for n, a in _numbered(artifacts, _CODE)
    ]


def _validation(service: Service, artifacts: list[Artifact]) -> list[ValidationAttempt]:
    return [
        ValidationAttempt(attempt=n, report=json.loads(_text(service, a)))
        for n, a in _numbered(artifacts, _REPORT)
    ]


def _healing(service: Service, artifacts: list[Artifact]) -> list[HealingIteration]:
    diffs = {a.name: a for a in artifacts if a.kind == "diff"}
    iterations = []
    for n, artifact in _numbered(artifacts, _HEALING):
        diff = diffs.get(artifact.name.removesuffix(".json") + ".diff")
        iterations.append(
            HealingIteration(
                iteration=n,
                analysis=json.loads(_text(service, artifact)),
                diff=_text(service, diff) if diff is not None else "",
            )
        )
    return iterations


def _preview(service: Service, run: RunRecord) -> tuple[Preview | None, str | None]:
    """The first rows of the published table, or why there are none to show."""
    if run.status is not RunStatus.COMPLETED:
        return None, None  # the page says why from the status
    if not run.target_table:
        return None, "the run recorded no target table"
    limit = service.settings.preview_rows
    try:
        with service.engine() as engine:
            if redact(engine.location) != run.database:  # a run of the CLI on another database
                return None, (
                    f"{run.target_table} was published in {run.database}; this service reads "
                    f"{engine.location}, so its rows are not shown here"
                )
            sql = f"SELECT * FROM {quote(run.target_table)}"
            result = engine.query(sql, limit=limit + 1)
    except DataMorphError:  # dropped or renamed since: the run's record still stands
        return None, f"{run.target_table} is no longer readable (dropped or renamed since)"
    preview = Preview(
        table=run.target_table,
        columns=result.columns,
        rows=rows(result.rows[:limit]),
        truncated=len(result.rows) > limit,
    )
    return preview, None

"""The page as a run console: re-run and cancel a run, browse the catalog, read the incidents.

Errors are raised as DataMorph errors and converted at the edge (errors.py): an unknown run
is 404, a run that cannot be re-run or cancelled 400 with the reason and a hint.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from datamorph.api import run_detail
from datamorph.api.models import StartResponse
from datamorph.api.models_console import (
    CancelResponse,
    CatalogColumn,
    CatalogResponse,
    CatalogTable,
    Decision,
    Incident,
    IncidentList,
)
from datamorph.api.service import Service, service_of
from datamorph.api.workers import Submission
from datamorph.errors import UsageError
from datamorph.redact import redact
from datamorph.runs import RunRecord
from datamorph.spec import Spec

router = APIRouter(prefix="/api", tags=["page"])


@router.post("/runs/{run_id}/rerun", status_code=202, response_model=StartResponse)
def rerun_run(run_id: str, request: Request) -> StartResponse:
    """Run a finished run's spec again as a new run, on this service's database (the spec is
    checked against the catalog first). A run with no spec is planned again from its request."""
    service = service_of(request)
    record = _finished_record(service, run_id)
    spec = _stored_spec(service, record)
    with service.engine() as engine:
        if record.database != redact(engine.location):  # as the store keeps it
            raise UsageError(
                f"run {record.run_id} ran on {record.database}, not on this service's database",
                hint=f"run it again where it ran: datamorph runs rerun {record.run_id}",
            )
        if spec is not None:
            spec.require_valid(engine.catalog(samples=0, counts=False))
    if spec is None and not record.prompt:
        raise UsageError(
            f"run {record.run_id} has neither a spec nor a request to run again",
            hint="start a new run",
        )
    submission = service.pool.submit(
        record.prompt,
        target=record.target_table if spec is None else None,
        spec=spec,
        replace_source=bool((record.request or {}).get("replace_source", False)),
    )
    return StartResponse(run_id=submission.run_id, status="queued")


def _finished_record(service: Service, run_id: str) -> RunRecord:
    run = service.find_run(run_id)
    if isinstance(run, Submission) or not run.status.terminal:
        raise UsageError(
            f"run {run.run_id} has not ended yet", hint="wait for it to end, or cancel it"
        )
    return run


def _stored_spec(service: Service, record: RunRecord) -> Spec | None:
    specs = [a for a in service.store.artifacts(record.run_id) if a.kind == "spec"]
    if not specs:  # it stopped before planning finished
        return None
    return Spec.from_json(service.store.artifact_text(specs[-1]))


@router.post("/runs/{run_id}/cancel", response_model=CancelResponse)
def cancel_run(run_id: str, request: Request) -> CancelResponse:
    """Cancel a run of this service: a waiting run is removed from the queue and recorded
    `cancelled`; a running one stops at its next step boundary (a step is never cut off
    half-way, and publishing is atomic: the table is published whole or not at all)."""
    service = service_of(request)
    run = service.find_run(run_id)
    removed = service.pool.cancel(run.run_id)
    if removed is None:
        status = run_detail.status_of(run)
        if isinstance(run, RunRecord) and run.status.terminal:
            raise UsageError(f"run {run.run_id} has already ended ({status})")
        raise UsageError(
            f"run {run.run_id} is not running in this service",
            hint="it was started elsewhere (the command line?): stop it there with Ctrl-C",
        )
    now = run_detail.status_of(service.find_run(run.run_id))
    if removed:  # a waiting resume leaves its run as it was: interrupted
        said = "cancelled before it started" if now == "cancelled" else f"the run stays {now}"
        return CancelResponse(run_id=run.run_id, status=now, message=said)
    return CancelResponse(
        run_id=run.run_id,
        status=now,
        message="asked to stop before its next step; a step under way finishes first "
        "(publishing is all or nothing)",
    )


@router.get("/catalog", response_model=CatalogResponse)
def catalog(
    request: Request,
    profile: Annotated[
        bool, Query(description="Also read each column's statistics (slower).")
    ] = False,
) -> CatalogResponse:
    """The database's tables: columns, types, keys and row counts, with column profiles when
    asked (what the planner reads to link words to columns and values)."""
    with service_of(request).engine() as engine:
        found = engine.catalog(samples=0, counts=True, profile=profile)
        location = engine.location
    tables = [
        CatalogTable(
            name=table.name,
            row_count=table.row_count,
            primary_key=list(table.primary_key),
            columns=[
                CatalogColumn(
                    name=c.name,
                    type=c.type,
                    nullable=c.nullable,
                    profile=c.profile.model_dump(mode="json") if c.profile else None,
                )
                for c in table.columns
            ],
        )
        for table in sorted(found.tables.values(), key=lambda t: t.name.lower())
    ]
    return CatalogResponse(database=location, tables=tables)


@router.get("/incidents", response_model=IncidentList)
def incidents(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    status: Literal["open", "resolved", "escalated"] | None = None,
) -> IncidentList:
    """The monitor's incidents (failures grouped by template), newest first, each with the
    decisions taken on it: category, confidence, strategy, action and outcome."""
    log = service_of(request).store.incidents
    found = [_incident(log.incident(row["incident_id"])) for row in log.incidents(
        limit=limit, status=status
    )]  # fmt: skip
    return IncidentList(incidents=found)


def _incident(data: dict[str, Any]) -> Incident:
    decisions = [Decision.model_validate(d) for d in data["decisions"]]
    return Incident.model_validate(data | {"decisions": decisions})

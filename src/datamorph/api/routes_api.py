"""The page's REST: plan a request, list runs, one run in full, and its live event stream."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse

from datamorph.api import run_detail
from datamorph.api.models import (
    PlanRequest,
    PlanResponse,
    RunDetail,
    RunList,
    RunState,
    StartResponse,
)
from datamorph.api.service import Service, service_of
from datamorph.api.sse import run_events
from datamorph.api.workers import Submission, location_of
from datamorph.planning import make_planner
from datamorph.planning.base import Planner
from datamorph.planning.scope import ScopedPlanner
from datamorph.runner import plan
from datamorph.runs import RunStatus

router = APIRouter(prefix="/api", tags=["page"])
_CONTAINS = "Keep the runs whose value contains this (ignoring case)."


@router.post("/plan", response_model=PlanResponse)
def plan_request(body: PlanRequest, request: Request) -> PlanResponse:
    """The spec a request plans to and its reading in plain English; runs nothing. A request
    the planner cannot read gets 422, naming the words it could not place."""
    service = service_of(request)
    tables = tuple(body.source_tables or ())
    with service.engine() as engine:  # an unreachable database is 503, an unknown table 404
        catalog = engine.catalog(samples=0, counts=False)
    for name in tables:
        catalog.table(name)
    planner: Planner | None = None
    if tables:
        planner = ScopedPlanner(make_planner(service.settings.llm), tables)
    planned = plan(
        body.user_prompt,
        database=service.settings.database,
        llm=service.settings.llm,
        target=body.target_table,
        planner=planner,
        read_only=False,  # as service.engine() and the runs open it: one configuration per file
    )
    return PlanResponse(
        spec=planned.spec.model_dump(mode="json"),
        explanation=run_detail.plain_lines(planned.explanation),
        reading=planned.reading,
        planner=planned.planner,
        seconds=round(planned.seconds, 4),
    )


@router.get("/runs", response_model=RunList)
def list_runs(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    status: RunState | None = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    database: Annotated[str | None, Query(max_length=500, description=_CONTAINS)] = None,
    target: Annotated[str | None, Query(max_length=255, description=_CONTAINS)] = None,
    q: Annotated[
        str | None, Query(max_length=500, description="In the id, request, target or message.")
    ] = None,
) -> RunList:
    """Newest first; runs waiting for a worker come first of all. Filters combine; text
    filters ignore case. `has_more` says whether a next page (`offset` + `limit`) has runs."""
    service = service_of(request)
    service.store.mark_interrupted()  # runs of processes that died since are shown as such
    filters = {"database": database, "target": target, "text": q}
    waiting = [] if status not in (None, "queued") else _matching(service, filters)
    here = service.settings.database
    runs = [run_detail.summary(s, here) for s in waiting[offset : offset + limit + 1]]
    if status != "queued" and len(runs) <= limit:  # one more than asked: is there a next page
        wanted = RunStatus(status) if status else None
        skip = max(0, offset - len(waiting))
        records = service.store.list_runs(
            limit=limit + 1 - len(runs), offset=skip, status=wanted, **filters
        )
        runs += [run_detail.summary(r) for r in records]
    return RunList(runs=runs[:limit], offset=offset, has_more=len(runs) > limit)


def _matching(service: Service, filters: dict[str, str | None]) -> list[Submission]:
    """The queued runs (newest first) the text filters keep; a queued run has no database
    recorded yet: it will run on the service's."""
    database = location_of(service.settings.database)[1].lower()
    kept = []
    for submission in reversed(service.pool.queued()):
        target = (run_detail.summary(submission).target_table or "").lower()
        searched = " ".join([submission.run_id, submission.prompt or "", target]).lower()
        if (
            (filters["database"] or "").lower() in database
            and (filters["target"] or "").lower() in target
            and (filters["text"] or "").lower() in searched
        ):
            kept.append(submission)
    return kept


@router.get("/runs/{run_id}", response_model=RunDetail)
def get_run(run_id: str, request: Request) -> RunDetail:
    """One run in full: status, spec, code per attempt, validation reports, healing
    iterations with their diffs, the monitor's decisions, and a preview of the result."""
    service = service_of(request)
    return run_detail.detail(service, service.find_run(run_id))


@router.post("/runs/{run_id}/resume", status_code=202, response_model=StartResponse)
def resume_run(run_id: str, request: Request) -> StartResponse:
    """Continue an interrupted run in the background, from its last finished step (its
    stored spec and code, validated again; never published twice). A run that is not
    interrupted, or was overtaken by a newer publish of its target, is a 400 saying why."""
    service = service_of(request)
    submission = service.pool.submit_resume(run_id)
    return StartResponse(run_id=submission.run_id, status="queued")


@router.get(
    "/runs/{run_id}/events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "Server-sent events"}},
)
def stream_run_events(
    run_id: str,
    request: Request,
    after: Annotated[int, Query(ge=0, description="Send events after this seq.")] = 0,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """The run's events as server-sent events (`log`, then `end` with the final status)."""
    service = service_of(request)
    run = service.find_run(run_id)  # an unknown run is a 404 now, not an empty stream
    if last_event_id and last_event_id.isdigit():
        after = max(after, int(last_event_id))
    return StreamingResponse(
        run_events(service, run.run_id, after),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )

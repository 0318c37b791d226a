"""The original Flask API's endpoints, same paths and bodies: start a run, read schemas and
sample rows, run a read-only query, read a run's log, check health.

Routes are plain `def`: FastAPI runs them in its thread pool, so a DuckDB or SQLite call
never blocks the event loop that streams events.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Request, Response

import datamorph
from datamorph.api import run_detail
from datamorph.api.models import (
    ColumnSchema,
    ComponentHealth,
    DataRequest,
    DataResponse,
    HealthResponse,
    LogsResponse,
    QueryRequest,
    QueryResponse,
    SchemasRequest,
    SchemasResponse,
    StartRequest,
    StartResponse,
    TableSchema,
)
from datamorph.api.service import Service, service_of
from datamorph.catalog import Catalog
from datamorph.errors import DataMorphError
from datamorph.json_cells import cell, rows
from datamorph.query import sandboxed_query
from datamorph.run_guards import refuse_source_target
from datamorph.spec import Spec

router = APIRouter(tags=["original"])


@router.post("/start", status_code=202, response_model=StartResponse)
def start(body: StartRequest, request: Request) -> StartResponse:
    """Start a run in the background; poll `/api/runs/{run_id}` or read `/get/logs/{run_id}`."""
    service = service_of(request)
    spec = Spec.from_dict(body.spec) if body.spec is not None else None
    tables = tuple(body.source_tables or ())
    target = body.target_table or (spec.target_table.name if spec is not None else None)
    if spec is not None or tables or target:  # bad names are the client's to fix now
        with service.engine() as engine:
            catalog = engine.catalog(samples=0, counts=False)
            location = engine.location
        for name in tables:
            catalog.table(name)
        if spec is not None:
            with_target(spec, body.target_table).require_valid(catalog)
        if target and not body.replace_source and catalog.has_table(target):
            refuse_source_target(  # the run would refuse it too, but after saying 'queued'
                target,
                service.store.published_tables(location),
                mode=spec.target_table.mode if spec is not None else "replace",
                hint='choose another target_table, or send "replace_source": true if you mean it',
            )
    submission = service.pool.submit(
        body.user_prompt,
        target=body.target_table,
        source_tables=tables,
        spec=spec,
        replace_source=body.replace_source,
    )
    return StartResponse(run_id=submission.run_id, status="queued")


def with_target(spec: Spec, target: str | None) -> Spec:
    """The spec writing to `target` instead (as the run will apply it)."""
    if target is None:
        return spec
    renamed = spec.target_table.model_copy(update={"name": target})
    return spec.model_copy(update={"target_table": renamed})


@router.post("/get/schemas", response_model=SchemasResponse)
def get_schemas(body: SchemasRequest, request: Request) -> SchemasResponse:
    """Columns, types, primary key and row count of each named table."""
    with service_of(request).engine() as engine:
        catalog = engine.catalog(samples=0)
    return SchemasResponse(schemas={name: _schema(catalog, name) for name in body.table_names})


def _schema(catalog: Catalog, name: str) -> TableSchema:
    table = catalog.table(name)
    return TableSchema(
        name=table.name,
        columns=[
            ColumnSchema(name=c.name, type=c.type, nullable=c.nullable) for c in table.columns
        ],
        row_count=table.row_count,
        primary_key=list(table.primary_key),
    )


@router.post("/get/data", response_model=DataResponse)
def get_data(body: DataRequest, request: Request) -> DataResponse:
    """The first `limit` rows of each named table."""
    with service_of(request).engine() as engine:
        data = {
            name: [cell(row) for row in engine.sample_rows(name, body.limit)]
            for name in body.table_names
        }
    return DataResponse(data=data)


@router.post("/execute/query", response_model=QueryResponse)
def execute_query(body: QueryRequest, request: Request) -> QueryResponse:
    """One read-only SELECT over the database's tables (parsed, not pattern-matched): anything
    else, and anything reading files or other databases, is refused with 400 and the reason."""
    settings = service_of(request).settings
    with service_of(request).engine() as engine:
        answer = sandboxed_query(
            engine, body.query, limit=settings.max_query_rows, timeout=settings.query_timeout
        )
    return QueryResponse(
        columns=answer.columns,
        types=answer.types,
        rows=rows(answer.rows),
        row_count=len(answer.rows),
        truncated=answer.truncated,
    )


@router.get("/get/logs/{run_id}", response_model=LogsResponse)
def get_logs(run_id: str, request: Request) -> LogsResponse:
    """The run's events, oldest first (a unique prefix of the run id is enough)."""
    service = service_of(request)
    run = service.find_run(run_id)
    return LogsResponse(
        run_id=run.run_id,
        status=run_detail.status_of(run),
        events=run_detail.events(service, run),
    )


@router.get("/health", response_model=HealthResponse)
def health(request: Request, response: Response) -> HealthResponse:
    """Whether the run store and the database answer; 503 when one of them does not."""
    service = service_of(request)
    store = _probe(lambda: f"{len(service.store.list_runs(limit=1))} run(s) readable")
    engine = _probe(lambda: _engine_detail(service))
    ok = store.ok and engine.ok
    response.status_code = 200 if ok else 503
    return HealthResponse(
        status="ok" if ok else "degraded",
        version=datamorph.__version__,
        store=store,
        engine=engine,
        workers=service.pool.stats(),
        auth=service.settings.token is not None,
    )


def _engine_detail(service: Service) -> str:
    with service.engine() as engine:
        engine.query("SELECT 1")
        return f"{engine.name} {Path(engine.location).name}"  # no path: /health needs no token


def _probe(check: Callable[[], str]) -> ComponentHealth:
    try:
        return ComponentHealth(ok=True, detail=check())
    except DataMorphError as error:
        return ComponentHealth(ok=False, detail=error.one_line())
    except Exception as error:  # health reports what is wrong; it never fails itself
        return ComponentHealth(ok=False, detail=f"{type(error).__name__}: {error}")

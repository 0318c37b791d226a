"""The page's project view: `GET /api/project`, the project the service runs in (found from
its working directory, as `datamorph build` finds it), its models, the graph and the last
build's status of each model, with the run that built it (the page links to the run view).

Outside a project the answer is 404. A project whose model files do not read (bad YAML, a
cycle) is the service's own setup, not the client's request: 503 with the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from datamorph.errors import ConfigurationError, NotFoundError, UsageError

router = APIRouter(prefix="/api", tags=["page"])


class ProjectModel(BaseModel):
    name: str
    description: str
    file: str = Field(description="The model's file, under the project's folder.")
    materialization: str = Field(description="replace, append, merge or incremental")
    tags: list[str]
    depends_on: list[str] = Field(description="The models built before it.")
    sources: list[str] = Field(description="The database's tables it reads (no model's).")
    depth: int = Field(description="Its column in a left-to-right drawing; sources are 0.")
    status: str | None = Field(
        description="In the last build: success, warn, fail, error or skipped; null when the "
        "last build did not select it (or there was none)."
    )
    message: str | None = None
    run_id: str | None = Field(default=None, description="The run that built it: /api/runs/ID.")
    rows: int | None = None
    completed_at: str | None = None


class ProjectEdge(BaseModel):
    upstream: str
    downstream: str
    kind: Literal["model", "source"] = Field(description="What the upstream is.")


class LastBuild(BaseModel):
    generated_at: str | None
    invocation_id: str | None
    elapsed_time: float | None


class ProjectResponse(BaseModel):
    name: str
    models: list[ProjectModel] = Field(description="In build order, upstream first.")
    sources: list[str]
    edges: list[ProjectEdge]
    last_build: LastBuild | None


# Left out of the OpenAPI document for now: tests/api/test_openapi.py fuzzes every documented
# operation and lists them; documenting this one means adding ("GET", "/api/project") there.
@router.get(
    "/project",
    response_model=ProjectResponse,
    responses={204: {"description": "No project, and `optional` was asked."}},
    include_in_schema=False,
)
def project(
    optional: Annotated[
        bool,
        Query(
            description="Outside a project answer 204 (no body) rather than 404: the page "
            "asks so, to show its Project tab only in a project without logging an error."
        ),
    ] = False,
) -> ProjectResponse | Response:
    """The project the service runs in: its models (materialization, tags, upstreams, file),
    the edges of its graph, and each model's status in the last `datamorph build`
    (target/run_results.json) with its run. 404 when the service does not run in a project."""
    from datamorph.project import find_root, load_project
    from datamorph.project import graph as project_graph
    from datamorph.project.docs import depths, edges, last_build, source_tables

    root = find_root(Path.cwd())
    if root is None and optional:
        return Response(status_code=204)
    if root is None:
        raise NotFoundError(
            "the service does not run in a project (no datamorph.toml in its folder or above)",
            hint="start `datamorph serve` inside the project's folder",
        )
    try:
        found = load_project(root)
        order = project_graph.order(found)
    except UsageError as error:  # a model file to fix: the service's setup, not the request
        raise ConfigurationError(error.message, hint=error.hint) from None
    depth = depths(found)
    meta, results = last_build(found.root)
    models = []
    for name in order:
        model = found.models[name]
        result = results.get(name, {})
        models.append(
            ProjectModel(
                name=name,
                description=model.spec.description,
                file=model.path.relative_to(found.root).as_posix(),
                materialization=model.materialization,
                tags=list(model.tags),
                depends_on=list(model.depends_on),
                sources=source_tables(model, found),
                depth=depth[name],
                status=_text(result.get("status")),
                message=_text(result.get("message")),
                run_id=_text(result.get("run_id")),
                rows=result.get("rows") if isinstance(result.get("rows"), int) else None,
                completed_at=_completed_at(result),
            )
        )
    built = None
    if meta is not None:
        built = LastBuild(
            generated_at=_text(meta.get("generated_at")),
            invocation_id=_text(meta.get("invocation_id")),
            elapsed_time=_number(meta.get("elapsed_time")),
        )
    kind = {up: "model" if up in found.models else "source" for up, _ in edges(found)}
    return ProjectResponse(
        name=found.name,
        models=models,
        sources=sorted({s for m in models for s in m.sources}),
        edges=[ProjectEdge(upstream=u, downstream=d, kind=kind[u]) for u, d in edges(found)],
        last_build=built,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _completed_at(result: dict[str, Any]) -> str | None:
    timing = result.get("timing")
    if isinstance(timing, list) and timing and isinstance(timing[0], dict):
        return _text(timing[0].get("completed_at"))
    return None

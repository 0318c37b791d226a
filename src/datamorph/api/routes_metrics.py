"""Run metrics over a window: JSON for the page and scripts, text for a Prometheus scraper.

Both read `datamorph.runs.metrics.collect`, so they report the same numbers.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from datamorph.api.service import service_of
from datamorph.runs.metrics import DEFAULT_WINDOW, Metrics, collect

router = APIRouter(tags=["metrics"])

SinceQuery = Annotated[
    str,
    Query(
        max_length=16,
        description="The window: runs created in the last 90m, 24h, 7d, 30d, 2w... or `all`.",
    ),
]


@router.get("/api/metrics", response_model=Metrics)
def metrics(request: Request, since: SinceQuery = DEFAULT_WINDOW) -> Metrics:
    """Runs by status, success on the first attempt and after healing, mean healing
    iterations, step and run durations (p50/p90/p99/max), healing by fault category and
    strategy, and model tokens and cost. An unknown window is 400."""
    return collect(service_of(request).store, since)


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text format"}},
)
def prometheus(request: Request, since: SinceQuery = DEFAULT_WINDOW) -> Response:
    """The same figures in Prometheus's text exposition format (all gauges over the window)."""
    from datamorph.runs.metrics_prometheus import CONTENT_TYPE, exposition

    body = exposition(collect(service_of(request).store, since))
    return Response(body, media_type=CONTENT_TYPE)

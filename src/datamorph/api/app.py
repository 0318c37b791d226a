"""`create_app(settings)`: the FastAPI application, its routers, guards and error handlers.

Middleware order, outermost first: the URL and header sizes, the Host check, the token, the
body limit. A request is
refused as early as possible, and before any of its body is read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI

import datamorph
from datamorph.api import (
    page,
    routes_api,
    routes_console,
    routes_metrics,
    routes_original,
    routes_project,
)
from datamorph.api.auth import TokenGuard, document_security
from datamorph.api.errors import install_error_handlers
from datamorph.api.middleware import BodyLimit, HostGuard, LineLimits, MaskSecrets
from datamorph.api.service import Service
from datamorph.api.settings import ServiceSettings

DESCRIPTION = """Start pipeline runs from requests in English, watch them plan, run, validate
and heal, read their logs, schemas and sample data, and run read-only queries.

Errors are `{"error": true, "message": ..., "error_type": ...}`: 4xx for the request, 503 when
the service cannot serve it now. With DATAMORPH_API_TOKEN set, every endpoint but /health needs
`Authorization: Bearer <token>`."""


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or ServiceSettings.from_env()
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await to_thread.run_sync(service.close)  # lets running runs finish

    app = FastAPI(
        title="DataMorph",
        version=datamorph.__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.service = service
    install_error_handlers(app)
    app.include_router(routes_original.router)
    app.include_router(routes_api.router)
    app.include_router(routes_console.router)
    app.include_router(routes_metrics.router)
    app.include_router(routes_project.router)
    app.include_router(page.router)
    app.mount("/static", page.static_files(), name="static")
    # add_middleware puts each one outside the previous: add the innermost first.
    app.add_middleware(MaskSecrets)  # innermost: sees every route's answer (redact.py)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    if settings.token is not None:
        app.add_middleware(TokenGuard, token=settings.token)
        _document_token(app)
    if settings.allowed_hosts is not None:
        app.add_middleware(HostGuard, hosts=settings.allowed_hosts)
    app.add_middleware(LineLimits)
    return app


def _document_token(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        return document_security(generate())  # idempotent: FastAPI caches the document

    app.openapi = openapi  # type: ignore[method-assign]

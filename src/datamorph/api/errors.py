"""Errors become HTTP answers here, and only here: `{"error": true, "message", "error_type"}`.

The same body as the CLI's `--json` errors. The status says whose move it is: 4xx the client's
(bad input 400, unknown name 404, too large 413, a request the planner cannot read 422),
5xx the service's (502 the model provider failed; 503 busy, misconfigured, database
unavailable, a transient engine failure). Anything else is a bug: 500 with a one-line message,
the traceback only in the service's log.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from datamorph.engines.base import EngineError, ErrorCategory
from datamorph.errors import ConfigurationError, DataMorphError, NotFoundError, UsageError
from datamorph.llm.base import LLMError
from datamorph.planning.base import PlanningError
from datamorph.redact import install_logging, redact

log = logging.getLogger("datamorph.api")

_RETRYABLE = {ErrorCategory.TRANSIENT, ErrorCategory.RESOURCE_EXHAUSTION}
_HTTP_NAMES = {
    400: "BadRequest",
    401: "Unauthorized",
    404: "NotFound",
    405: "MethodNotAllowed",
    413: "ContentTooLarge",
    415: "UnsupportedMediaType",
}


class ServiceUnavailable(DataMorphError):
    """The service cannot reach what it serves (its database); not the client's fault."""


class ServiceBusy(ServiceUnavailable):
    """Every worker is busy and the queue is full; the client should retry later."""


def error_body(message: str, error_type: str) -> dict[str, Any]:
    return {"error": True, "message": redact(message), "error_type": error_type}


def error_response(
    status: int, message: str, error_type: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(message, error_type), status_code=status, headers=headers)


def status_for(error: DataMorphError) -> int:
    # Over HTTP a configuration problem is the server's own setup (its database URL, its
    # model), never the client's request.
    if isinstance(error, ServiceUnavailable | ConfigurationError):
        return 503
    if isinstance(error, LLMError):
        return 502  # the model provider failed, after the retries
    if isinstance(error, EngineError):
        return 503 if error.category in _RETRYABLE else 400
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, PlanningError):
        return 422
    if isinstance(error, UsageError):
        return 400
    return 422  # a pipeline error answering a request: the request could not be carried out


def install_error_handlers(app: FastAPI) -> None:
    install_logging()  # the service's log (tracebacks of 500s included) masks secrets too
    app.add_exception_handler(DataMorphError, _datamorph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)


async def _datamorph_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DataMorphError)
    return error_response(status_for(error), error.one_line(), type(error).__name__)


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = list(error.errors())
    if any(p.get("type") == "json_invalid" for p in problems):
        detail = problems[0].get("ctx", {}).get("error", "invalid JSON")
        return error_response(
            400, f"malformed JSON: {detail}. Hint: send a JSON object", "MalformedJSON"
        )
    return error_response(422, _describe(problems), "ValidationError")


def _describe(problems: Sequence[Any]) -> str:
    """`body.limit: Input should be less than or equal to 1000` (at most three problems)."""
    parts = []
    for problem in problems[:3]:
        where = ".".join(str(part) for part in problem.get("loc", ()))
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return "; ".join(parts) + more + ". Hint: see the request schema at /docs"


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    error_type = _HTTP_NAMES.get(error.status_code, "HTTPError")
    return error_response(error.status_code, str(error.detail), error_type, error.headers)


async def _internal_error(request: Request, error: Exception) -> JSONResponse:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
    return error_response(
        500,
        f"internal error: {type(error).__name__}. Hint: the service log has the details; "
        "please report it",
        "InternalError",
    )

"""Bearer-token auth: with DATAMORPH_API_TOKEN set, every route but /health needs
`Authorization: Bearer <token>`; so do unknown paths, which say nothing to a stranger.

The page's shell (`/` and `/static/`) is exempt: it holds no data, and a browser cannot attach
a header to a navigation. The page asks for the token and sends it with every API call.

Checked in middleware rather than a route dependency: FastAPI parses a body before it solves
dependencies, so a dependency would answer a stranger's malformed JSON with 400, not 401.
"""

from __future__ import annotations

import hmac
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from datamorph.api.errors import error_response

PUBLIC_PATHS = frozenset({"/health", "/", "/favicon.ico"})
PUBLIC_PREFIXES = ("/static/",)
SCHEME = "bearer"


def token_matches(authorization: str | None, token: str) -> bool:
    scheme, _, given = (authorization or "").partition(" ")
    # compare_digest: how long the comparison takes says nothing about the token.
    return scheme.lower() == SCHEME and hmac.compare_digest(given.strip().encode(), token.encode())


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


class TokenGuard:
    """401 for any request to a non-public path without the token."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._allowed(scope):
            response = error_response(
                401,
                "a bearer token is required. Hint: send the header "
                "'Authorization: Bearer <DATAMORPH_API_TOKEN>'",
                "Unauthorized",
                headers={"WWW-Authenticate": "Bearer"},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        if is_public(scope["path"]):
            return True
        return token_matches(Headers(scope=scope).get("authorization"), self.token)


def document_security(schema: dict[str, Any]) -> dict[str, Any]:
    """Declare the bearer scheme in an OpenAPI document, on every operation that needs it."""
    components = schema.setdefault("components", {})
    components.setdefault("securitySchemes", {})[SCHEME] = {"type": "http", "scheme": "bearer"}
    for path, operations in schema.get("paths", {}).items():
        if is_public(path):
            continue
        for operation in operations.values():
            operation["security"] = [{SCHEME: []}]
    return schema

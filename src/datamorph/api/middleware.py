"""Guards in front of every route: the size of a request body, and the Host it was sent to;
and the mask over every JSON answer (`MaskSecrets`).

Both answer with the service's JSON error body, so a client never has to parse a plain-text
refusal. They are plain ASGI middleware: a body is refused before it is read into memory.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from datamorph.api.errors import error_response
from datamorph.redact import redact_content


class LineLimits:
    """Refuse a URL longer than `max_url` bytes (414) or headers over `max_headers` bytes in
    all (431) before any route sees them: nothing downstream has to cope with either."""

    def __init__(self, app: ASGIApp, max_url: int = 8_192, max_headers: int = 32_768) -> None:
        self.app = app
        self.max_url = max_url
        self.max_headers = max_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            url = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            headers = sum(len(k) + len(v) for k, v in scope.get("headers") or [])
            if url > self.max_url:
                message = f"the URL is longer than {self.max_url:,} bytes"
                await error_response(414, message, "URITooLong")(scope, receive, send)
                return
            if headers > self.max_headers:
                message = f"the request headers are larger than {self.max_headers:,} bytes"
                await error_response(431, message, "HeadersTooLarge")(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyTooLarge(HTTPException):
    """Raised while a body is read; FastAPI passes HTTPExceptions on to the error handlers."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit:,} bytes")


class BodyLimit:
    """Refuse bodies over `limit` bytes: at once when Content-Length says so, else as they
    stream in (a chunked body has no length to check up front)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            error = BodyTooLarge(self.limit)
            await error_response(413, str(error.detail), "ContentTooLarge")(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, counted, send)


class HostGuard:
    """Answer only requests addressed to `hosts` (by name, any port).

    A service without a token listens on loopback; this keeps a web page on another site from
    reaching it through DNS rebinding (its requests carry that site's name as Host).
    """

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = Headers(scope=scope).get("host", "")
            if _hostname(host) not in self.hosts:
                response = error_response(
                    400,
                    f"requests to host '{host}' are not served. Hint: use "
                    "http://127.0.0.1, or set DATAMORPH_API_TOKEN to serve other hosts",
                    "HostNotAllowed",
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _hostname(host: str) -> str:
    """The name part of a Host header (`host[:port]`, an IPv6 literal in brackets), lower
    case; '' when the header is not of that shape (`[::1].evil.com`, `localhost:evil`)."""
    match = _HOST.fullmatch(host.strip().lower())
    return (match.group("ipv6") or match.group("name")) if match else ""


_HOST = re.compile(r"(?:(?P<ipv6>\[[0-9a-f:.]+\])|(?P<name>[a-z0-9.-]+))(?::\d{1,5})?")


class MaskSecrets:
    """Every JSON answer with its secrets masked (redact.py), whatever route built it: a queued
    run's request held in memory, a database URL, a row of a `password` column.

    A JSON body is held until it is complete, masked, and sent with its new length; other
    bodies (the page, SSE streams of events already masked in the store) pass as they are.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def masked(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = Headers(raw=message.get("headers", [])).get("content-type", "")
                if content_type.startswith("application/json"):
                    start = message
                    return
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = redact_content(b"".join(chunks))
                assert isinstance(body, bytes)
                headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body, "more_body": False})
                start = None
                return
            await send(message)

        await self.app(scope, receive, masked)

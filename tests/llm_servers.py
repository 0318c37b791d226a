"""Local HTTP servers that speak the model providers' protocols, driven by a script.

Each server listens on 127.0.0.1 (port 0) in a background thread and answers the real SDKs:
- `AnthropicServer`: the Messages API, `POST /v1/messages`; errors in Anthropic's shape
  (`{"type": "error", "error": {"type": "rate_limit_error", ...}}`).
- `BedrockServer`: the Bedrock runtime path `AnthropicBedrock` uses,
  `POST /model/{model_id}/invoke` (the model id leaves the body for the URL, `anthropic_version`
  joins the body; see `anthropic/lib/bedrock/_client.py`); it insists on a SigV4 (or bearer)
  `Authorization` header, and errors come in AWS's shape (`{"message": ...}` plus
  `x-amzn-ErrorType`).
- `OpenAIServer`: Chat Completions, `POST /v1/chat/completions`; errors in OpenAI's shape
  (`{"error": {"message", "type", "param", "code"}}`). It can reject response formats
  (`rejects={"json_schema"}`) as servers without structured output do.

A script is a queue of `Reply`s (`text(...)`, `data(...)`, `error(...)`); every request is
recorded (`server.requests`: method, path, lower-cased headers, parsed JSON body) so tests can
assert on prompts, schemas, temperature and headers. An empty queue answers 400, loudly.

    with AnthropicServer() as server:
        server.script(error(429, retry_after="2"), text("hello"))
        ... point the SDK at server.url ...
        assert len(server.requests) == 2
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any
from urllib.parse import unquote

Answer = tuple[int, dict[str, str], Any]


@dataclass
class Reply:
    status: int = 200
    text: str | None = None
    data: Any = None  # the JSON answer: Anthropic tool input, or OpenAI message content
    error_type: str | None = None
    message: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    input_tokens: int = 12
    output_tokens: int = 7
    stop_reason: str | None = None


def text(value: str, **kwargs: Any) -> Reply:
    return Reply(text=value, **kwargs)


def data(value: Any, **kwargs: Any) -> Reply:
    return Reply(data=value, **kwargs)


def error(
    status: int,
    error_type: str | None = None,
    message: str = "",
    *,
    retry_after: str | None = None,
) -> Reply:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    return Reply(status=status, error_type=error_type, message=message, headers=headers)


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


class ScriptedServer:
    """The HTTP plumbing; subclasses turn (request, reply) into a protocol answer."""

    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._ids = count(1)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---
    def start(self) -> ScriptedServer:
        handler = type("Handler", (_Handler,), {"owner": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    # --- script ---
    def script(self, *replies: Reply) -> ScriptedServer:
        with self._lock:
            self.replies.extend(replies)
        return self

    @property
    def bodies(self) -> list[Any]:
        return [request.body for request in self.requests]

    @property
    def last(self) -> Recorded:
        return self.requests[-1]

    def next_id(self, prefix: str) -> str:
        return f"{prefix}_test_{next(self._ids):04d}"

    def _dispatch(self, request: Recorded) -> Answer:
        with self._lock:
            self.requests.append(request)
        early = self.precheck(request)
        if early is not None:
            return early
        with self._lock:
            reply = self.replies.popleft() if self.replies else None
        if reply is None:
            reply = Reply(status=400, message="test server: no scripted reply left")
        if reply.status >= 400:
            return self.error_answer(reply)
        return 200, dict(reply.headers), self.answer(request, reply)

    # --- protocol (overridden) ---
    def precheck(self, request: Recorded) -> Answer | None:
        """An answer that does not consume the script (wrong path, rejected parameter)."""
        return None

    def answer(self, request: Recorded, reply: Reply) -> Any:
        raise NotImplementedError

    def error_answer(self, reply: Reply) -> Answer:
        raise NotImplementedError


class _Handler(BaseHTTPRequestHandler):
    owner: ScriptedServer  # HTTP/1.0: one request per connection, no idle threads at stop

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        headers = {name.lower(): value for name, value in self.headers.items()}
        status, extra, payload = self.owner._dispatch(Recorded("POST", self.path, headers, body))
        encoded = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(encoded)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(encoded)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass


# --- Anthropic ------------------------------------------------------------------------

ANTHROPIC_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    503: "api_error",
    529: "overloaded_error",
}


class AnthropicServer(ScriptedServer):
    path = "/v1/messages"

    def precheck(self, request: Recorded) -> Answer | None:
        if request.path != self.path:
            return self.error_answer(Reply(status=404, message=f"no route {request.path}"))
        return None

    def answer(self, request: Recorded, reply: Reply) -> Any:
        body = request.body if isinstance(request.body, dict) else {}
        content: list[dict[str, Any]] = []
        if reply.text is not None:
            content.append({"type": "text", "text": reply.text})
        stop_reason = "end_turn"
        if reply.data is not None:
            content.append(
                {
                    "type": "tool_use",
                    "id": self.next_id("toolu"),
                    "name": _tool_name(body),
                    "input": reply.data,
                }
            )
            stop_reason = "tool_use"
        return {
            "id": self.next_id("msg"),
            "type": "message",
            "role": "assistant",
            "model": body.get("model", self.model_of(request)),
            "content": content,
            "stop_reason": reply.stop_reason or stop_reason,
            "stop_sequence": None,
            "usage": {"input_tokens": reply.input_tokens, "output_tokens": reply.output_tokens},
        }

    def model_of(self, request: Recorded) -> str:
        return "unknown"

    def error_answer(self, reply: Reply) -> Answer:
        error_type = reply.error_type or ANTHROPIC_ERROR_TYPES.get(reply.status, "api_error")
        body = {
            "type": "error",
            "error": {"type": error_type, "message": reply.message or error_type},
            "request_id": self.next_id("req"),
        }
        return reply.status, {"request-id": body["request_id"], **reply.headers}, body


def _tool_name(body: dict[str, Any]) -> str:
    choice = body.get("tool_choice") or {}
    if choice.get("name"):
        return str(choice["name"])
    tools = body.get("tools") or [{}]
    return str(tools[0].get("name", "output"))


# --- Bedrock --------------------------------------------------------------------------

BEDROCK_ERROR_TYPES = {
    400: "ValidationException",
    403: "AccessDeniedException",
    404: "ResourceNotFoundException",
    408: "ModelTimeoutException",
    429: "ThrottlingException",
    500: "InternalServerException",
    503: "ServiceUnavailableException",
}
_INVOKE = re.compile(r"^/model/(?P<model>[^/]+)/invoke$")


class BedrockServer(AnthropicServer):
    def precheck(self, request: Recorded) -> Answer | None:
        if not _INVOKE.match(request.path):
            return self.error_answer(Reply(status=404, message=f"no route {request.path}"))
        auth = request.headers.get("authorization", "")
        if not (auth.startswith("AWS4-HMAC-SHA256 Credential=") or auth.startswith("Bearer ")):
            return self.error_answer(Reply(status=403, message="Missing Authentication Token"))
        return None

    def model_of(self, request: Recorded) -> str:
        match = _INVOKE.match(request.path)
        return unquote(match.group("model")) if match else "unknown"

    def error_answer(self, reply: Reply) -> Answer:
        error_type = reply.error_type or BEDROCK_ERROR_TYPES.get(
            reply.status, "InternalServerException"
        )
        headers = {
            "x-amzn-ErrorType": f"{error_type}:http://internal.amazon.com/coral/com.amazon.bedrock/",
            "x-amzn-RequestId": self.next_id("req"),
            **reply.headers,
        }
        return reply.status, headers, {"message": reply.message or error_type}


# --- OpenAI ---------------------------------------------------------------------------

OPENAI_ERRORS = {  # status: (type, code)
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
    500: ("server_error", None),
    503: ("server_error", None),
}


class OpenAIServer(ScriptedServer):
    path = "/v1/chat/completions"

    def __init__(self, *, rejects: set[str] | None = None) -> None:
        super().__init__()
        self.rejects = set(rejects or ())  # response_format types answered with a 400

    def precheck(self, request: Recorded) -> Answer | None:
        if request.path != self.path:
            return self.error_answer(Reply(status=404, message=f"no route {request.path}"))
        body = request.body if isinstance(request.body, dict) else {}
        kind = (body.get("response_format") or {}).get("type")
        if kind in self.rejects:
            message = f"Invalid parameter: 'response_format' of type '{kind}' is not supported."
            return self.error_answer(Reply(status=400, message=message), param="response_format")
        return None

    def answer(self, request: Recorded, reply: Reply) -> Any:
        body = request.body if isinstance(request.body, dict) else {}
        content = reply.text if reply.text is not None else json.dumps(reply.data)
        usage = {
            "prompt_tokens": reply.input_tokens,
            "completion_tokens": reply.output_tokens,
            "total_tokens": reply.input_tokens + reply.output_tokens,
        }
        return {
            "id": self.next_id("chatcmpl"),
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": body.get("model", "unknown"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "finish_reason": reply.stop_reason or "stop",
                    "logprobs": None,
                }
            ],
            "usage": usage,
        }

    def error_answer(self, reply: Reply, *, param: str | None = None) -> Answer:
        error_type, code = OPENAI_ERRORS.get(reply.status, ("server_error", None))
        message = reply.message or f"test error {reply.status}"
        body = {
            "error": {
                "message": message,
                "type": reply.error_type or error_type,
                "param": param,
                "code": code,
            }
        }
        return reply.status, {"x-request-id": self.next_id("req"), **reply.headers}, body

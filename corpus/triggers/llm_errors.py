"""LLM SDK failures provoked for real: the official `anthropic` and `openai` SDKs (and
`AnthropicBedrock`) call a local HTTP server that answers with the providers' error bodies.

The SDKs do the real work (status handling, error classes, `str(exception)`); the bodies follow
the providers' public documentation of their error formats:
https://docs.anthropic.com/en/api/errors, https://platform.openai.com/docs/guides/error-codes,
https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html.
Timeouts come from a server that answers too late, connection errors from a closed port.

Labelling decisions:
- an overloaded provider (Anthropic 529 `overloaded_error`, OpenAI's "engine is currently
  overloaded") is `quota_exceeded`: the provider sheds load, and the remedy is backing off or
  falling back to another model, as for a rate limit;
- a prompt over the model's context window, or a request over the size limit, is
  `resource_exhaustion` (the work does not fit what it was given: split or scale it);
- an unknown model id is `configuration_error`; a wrong request shape (missing field,
  unsupported parameter) is `code_defect`; a bare 500 is `unknown`.
"""

from __future__ import annotations

import contextlib
import json
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import anthropic
import openai

from corpus.common import Recorder, free_port, python_code, serving
from corpus.triggers.llm_bodies import ANTHROPIC, BEDROCK, OPENAI
from datamorph.monitor.taxonomy import Category

C = Category
TIMEOUT = 0.3


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class ErrorServer:
    """Answers every request with the current `reply` (one trigger at a time)."""

    def __init__(self) -> None:
        self.reply = Reply(500, {})
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length") or 0))
                reply = owner.reply
                if reply.delay:
                    time.sleep(reply.delay)
                encoded = json.dumps(reply.body).encode()
                with contextlib.suppress(OSError):  # the client may have given up already
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(encoded)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(encoded)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # a sleeping handler must not hold up shutdown

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"


@contextlib.contextmanager
def error_server() -> Iterator[ErrorServer]:
    server = ErrorServer()
    with serving(server.httpd):
        yield server


def ask_anthropic(url: str, timeout: float = TIMEOUT) -> Callable[[], object]:
    client = anthropic.Anthropic(
        api_key="sk-ant-test", base_url=url, max_retries=0, timeout=timeout
    )
    return lambda: client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=64,
        messages=[{"role": "user", "content": "Summarise yesterday's failed runs."}],
    )


def ask_openai(url: str, timeout: float = TIMEOUT) -> Callable[[], object]:
    client = openai.OpenAI(api_key="sk-test", base_url=f"{url}/v1", max_retries=0, timeout=timeout)
    return lambda: client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Summarise yesterday's failed runs."}]
    )


def ask_bedrock(url: str, timeout: float = TIMEOUT) -> Callable[[], object]:
    client = anthropic.AnthropicBedrock(
        aws_access_key="AKIAIOSFODNN7EXAMPLE",
        aws_secret_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        aws_region="us-east-1",
        base_url=url,
        max_retries=0,
        timeout=timeout,
    )
    return lambda: client.messages.create(
        model="anthropic.claude-sonnet-4-5-20250929-v1:0",
        max_tokens=64,
        messages=[{"role": "user", "content": "Summarise yesterday's failed runs."}],
    )


def provider_code(error: BaseException) -> str | None:
    """`anthropic:rate_limit_error`, `openai:rate_limit_exceeded`, `aws:ThrottlingException`
    from the answer; `python:APITimeoutError` when there was no answer."""
    response = getattr(error, "response", None)
    body = getattr(error, "body", None)
    if response is None:
        return python_code(error)
    amzn = response.headers.get("x-amzn-errortype")
    if amzn:
        return "aws:" + amzn.split(":")[0]
    if isinstance(error, openai.APIError):
        details = body if isinstance(body, dict) else {}
        return f"openai:{details.get('code') or details.get('type')}"
    details = body.get("error", {}) if isinstance(body, dict) else {}
    return f"anthropic:{details.get('type')}" if details else None


def run_provider(
    recorder: Recorder,
    source: str,
    server: ErrorServer,
    ask: Callable[[str], Callable[[], object]],
    replies: list[tuple[str, Reply, Category]],
) -> None:
    call = ask(server.url)
    with warnings.catch_warnings():
        # The SDK warns that a model id is deprecated: not the failure under study.
        warnings.simplefilter("ignore", DeprecationWarning)
        for trigger, reply, category in replies:
            server.reply = reply
            recorder.expect(f"{source}.{trigger}", category, call, source=source)
        server.reply = Reply(200, {}, delay=TIMEOUT * 4)
        recorder.expect(f"{source}.timeout", C.NETWORK_TIMEOUT, call, source=source)
        closed = ask(f"http://127.0.0.1:{free_port()}")
        recorder.expect(f"{source}.connection_error", C.NETWORK_TIMEOUT, closed, source=source)


def harvest() -> list[dict[str, Any]]:
    recorder = Recorder("anthropic", provider_code)
    ids = iter(range(1, 1000))

    def request_id() -> str:
        return f"req_011CTrigger{next(ids):04d}"  # fixed ids: the messages stay reproducible

    anthropic_replies = []
    for trigger, status, kind, message, category in ANTHROPIC:
        rid = request_id()
        body = {"type": "error", "error": {"type": kind, "message": message}, "request_id": rid}
        anthropic_replies.append((trigger, Reply(status, body, {"request-id": rid}), category))
    openai_replies = [
        (name, Reply(s, {"error": {"message": m, "type": t, "param": None, "code": c}}), category)
        for name, s, t, c, m, category in OPENAI
    ]
    bedrock_replies = [
        (
            kind,
            Reply(s, {"message": m}, {"x-amzn-ErrorType": f"{kind}:http://internal.amazon.com/"}),
            cat,
        )
        for kind, s, _, m, cat in BEDROCK
    ]
    with error_server() as server:
        run_provider(recorder, "anthropic", server, ask_anthropic, anthropic_replies)
        run_provider(recorder, "openai", server, ask_openai, openai_replies)
        run_provider(recorder, "bedrock", server, ask_bedrock, bedrock_replies)
    return recorder.finish()

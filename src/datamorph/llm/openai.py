"""OpenAI, and every OpenAI-compatible server (Ollama, vLLM, LM Studio), via the official SDK.

`OPENAI_API_KEY` and `OPENAI_BASE_URL` as the SDK reads them; a server on this machine may run
without a key (a placeholder is sent). Structured output asks for a JSON-schema response format;
a server that rejects it (400/422 naming the response format) gets `json_object`, then plain
text, and the answer is parsed with `extract_json` in every case. The modes a server rejected
are remembered for the provider's lifetime. The same adaptation drops `temperature` for models
that only accept the default, and swaps `max_tokens` / `max_completion_tokens` when the server
names the other one.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import openai

from datamorph.llm import jsonextract
from datamorph.llm.base import (
    Budget,
    Completion,
    LLMConfigurationError,
    LLMResponseError,
    Message,
    Usage,
    outgoing,
)
from datamorph.llm.network import check_url, is_loopback_url, url_host
from datamorph.llm.pricing import usage_for
from datamorph.llm.retry import RetryPolicy, SdkErrors, call_with_retries, describe, to_llm_error
from datamorph.redact import remember

DEFAULT_TIMEOUT = 300.0
OPENAI_URL = "https://api.openai.com/v1"
LOCAL_PLACEHOLDER_KEY = "datamorph-local"  # Ollama & co. ignore the key but the SDK wants one
STRUCTURED_MODES = ("json_schema", "json_object", "text")
SDK_ERRORS = SdkErrors(status=openai.APIStatusError, connection=openai.APIConnectionError)
INSTRUCTION = "Answer with one JSON object only, no prose, matching this JSON schema:\n"

Build = Callable[[str | None], dict[str, Any]]


class OpenAILLM:
    """Chat Completions (`openai:gpt-4o-mini`, or `openai:llama3.1` with OPENAI_BASE_URL)."""

    provider = "openai"
    key_hint = "set OPENAI_API_KEY to a valid key (any value for a local server that needs none)"

    def __init__(
        self,
        model: str,
        budget: Budget | None = None,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        url = base_url or os.environ.get("OPENAI_BASE_URL") or OPENAI_URL
        key = api_key or os.environ.get("OPENAI_API_KEY")
        if not key and is_loopback_url(url):
            key = LOCAL_PLACEHOLDER_KEY
        if not key:
            raise LLMConfigurationError(
                "no OpenAI API key: OPENAI_API_KEY is not set",
                hint="export OPENAI_API_KEY=... (or OPENAI_BASE_URL for a local server)",
            )
        check_url(url, provider=self.provider)
        remember(api_key)  # masked in whatever DataMorph keeps or shows, in any shape
        self.model = model
        self.budget = budget if budget is not None else Budget()
        self.retry = retry or RetryPolicy()
        self.client = openai.OpenAI(api_key=key, base_url=url, max_retries=0, timeout=timeout)
        self._explicit_key = api_key
        self.modes = list(STRUCTURED_MODES)  # what this server still accepts, best first
        # api.openai.com wants max_completion_tokens (reasoning models reject max_tokens);
        # OpenAI-compatible servers have long known max_tokens
        official = url_host(url) == "api.openai.com"
        self.token_param = "max_completion_tokens" if official else "max_tokens"
        self.send_temperature = True
        self._adapted: set[str] = set()

    def refresh_credentials(self) -> None:
        """Read the key again (a rotated OPENAI_API_KEY) and reconnect with it."""
        key = self._explicit_key or os.environ.get("OPENAI_API_KEY")
        if key:
            self.client = self.client.copy(api_key=key)

    def complete(
        self,
        messages: Sequence[Message],
        *,
        system: str | None = None,
        json_schema: dict[str, Any] | None = None,
        schema_name: str = "output",
        temperature: float = 0.0,
        max_tokens: int = 4096,
    ) -> Completion:
        check_url(str(self.client.base_url), provider=self.provider)
        self.budget.check()
        schema, wrapped = (
            (None, False) if json_schema is None else jsonextract.object_schema(json_schema)
        )
        name = jsonextract.schema_name(schema_name)

        def build(mode: str | None) -> dict[str, Any]:
            return self._params(messages, system, schema, name, temperature, max_tokens, mode)

        start = time.perf_counter()
        response: Any = None
        try:
            response = self._call(build, structured=schema is not None)
        finally:
            usage = self._charge(response, time.perf_counter() - start)
        return self._completion(response, usage, schema is not None, wrapped)

    # --- request -------------------------------------------------------------------------

    def _params(
        self,
        messages: Sequence[Message],
        system: str | None,
        schema: dict[str, Any] | None,
        name: str,
        temperature: float,
        max_tokens: int,
        mode: str | None,
    ) -> dict[str, Any]:
        messages, system = outgoing(messages, system)
        instructions = [system] if system else []
        if schema is not None:
            instructions.append(INSTRUCTION + json.dumps(schema))
        chat = [{"role": "system", "content": "\n\n".join(instructions)}] if instructions else []
        chat += [{"role": m.role, "content": m.content} for m in messages]
        params: dict[str, Any] = {
            "model": self.model,
            "messages": chat,
            self.token_param: max_tokens,
        }
        if self.send_temperature:
            params["temperature"] = temperature
        if mode == "json_schema":
            params["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": name, "schema": schema, "strict": False},
            }
        elif mode == "json_object":
            params["response_format"] = {"type": "json_object"}
        return params

    def _call(self, build: Build, *, structured: bool) -> Any:
        try:
            for _ in range(8):  # each adaptation happens at most once, so this ends
                mode = self.modes[0] if structured else None
                try:
                    return call_with_retries(
                        partial(self.client.chat.completions.create, **build(mode)),
                        policy=self.retry,
                        errors=SDK_ERRORS,
                        provider=self.provider,
                    )
                except openai.APIStatusError as exc:
                    if exc.status_code not in (400, 422) or not self._adapt(exc, mode):
                        raise
            raise LLMResponseError(f"{self.provider}: the server rejected every request shape")
        except SDK_ERRORS.any as exc:
            raise to_llm_error(exc, provider=self.provider, key_hint=self.key_hint) from exc
        except openai.OpenAIError as exc:
            raise LLMConfigurationError(f"{self.provider}: {exc}", hint=self.key_hint) from exc

    def _adapt(self, exc: openai.APIStatusError, mode: str | None) -> bool:
        """Change what the server objected to; False when there is nothing left to change."""
        said = f"{describe(exc)} {getattr(exc, 'param', '') or ''} {exc.message}".lower()
        rejects_format = any(
            word in said for word in ("response_format", "json_schema", "json_object")
        )
        if mode in ("json_schema", "json_object") and rejects_format:
            self.modes.remove(mode)
            return True
        if "temperature" in said and "support" in said and self.send_temperature:
            self.send_temperature = False
            return True
        other = (
            "max_tokens" if self.token_param == "max_completion_tokens" else "max_completion_tokens"
        )
        if self.token_param in said and other in said and other not in self._adapted:
            self._adapted.add(other)
            self.token_param = other
            return True
        return False

    # --- response ------------------------------------------------------------------------

    def _charge(self, response: Any, seconds: float) -> Usage:
        usage = getattr(response, "usage", None)
        input_tokens = getattr(usage, "prompt_tokens", 0) or 0
        output_tokens = getattr(usage, "completion_tokens", 0) or 0
        charged = usage_for(self.model, input_tokens, output_tokens, seconds)
        self.budget.charge(charged)
        return charged

    def _completion(
        self, response: Any, usage: Usage, want_json: bool, wrapped: bool
    ) -> Completion:
        if not response.choices:
            raise LLMResponseError(f"{self.provider}: the answer has no choices")
        choice = response.choices[0]
        refusal = getattr(choice.message, "refusal", None)
        if refusal:
            raise LLMResponseError(f"{self.provider}: the model refused: {refusal}")
        text = choice.message.content or ""
        data = None
        if want_json:
            data = jsonextract.unwrap(self._parse(text, choice.finish_reason), wrapped)
        return Completion(
            text=text,
            provider=self.provider,
            model=self.model,
            usage=usage,
            data=data,
            stop_reason=choice.finish_reason,
        )

    def _parse(self, text: str, finish_reason: str | None) -> dict[str, Any]:
        try:
            return jsonextract.extract_json(text)
        except LLMResponseError:
            if finish_reason == "length":
                raise LLMResponseError(
                    f"{self.provider}: the answer was cut off at max_tokens",
                    hint="raise max_tokens or ask for less",
                ) from None
            raise

"""Claude, through the Messages API (`anthropic`) or AWS Bedrock (`bedrock`), via the official SDK.

Structured output is tool use: one tool whose `input_schema` is the requested JSON schema, and
`tool_choice` forcing it; the tool input is the answer. Sampling parameters are not sent: the
SDK (2.x, API version 2026-10-21) dropped `temperature`, and the API rejects it, so the
`temperature` argument is accepted for the protocol and ignored here.

Credentials and URLs come from the SDK's standard variables: `ANTHROPIC_API_KEY` (or
`ANTHROPIC_AUTH_TOKEN`) and `ANTHROPIC_BASE_URL`; for Bedrock the AWS chain (`AWS_ACCESS_KEY_ID`,
`AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_PROFILE`, `AWS_REGION`, or
`AWS_BEARER_TOKEN_BEDROCK`) and `ANTHROPIC_BEDROCK_BASE_URL`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import time
from collections.abc import Sequence
from typing import Any

import anthropic

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
from datamorph.llm.network import check_url, network_forbidden
from datamorph.llm.pricing import usage_for
from datamorph.llm.retry import RetryPolicy, SdkErrors, call_with_retries, to_llm_error
from datamorph.redact import remember

DEFAULT_TIMEOUT = 300.0
ANTHROPIC_URL = "https://api.anthropic.com"
SDK_ERRORS = SdkErrors(status=anthropic.APIStatusError, connection=anthropic.APIConnectionError)
TOOL_DESCRIPTION = "Record the answer. Its input is the complete answer, in the required shape."


class ClaudeLLM:
    """What the two Claude routes share: request building, the call, charging, parsing."""

    provider = "claude"
    key_hint = ""

    def __init__(
        self, model: str, client: Any, budget: Budget | None, retry: RetryPolicy | None
    ) -> None:
        self.model = model
        self.budget = budget if budget is not None else Budget()
        self.retry = retry or RetryPolicy()
        self.client = client
        check_url(str(client.base_url), provider=self.provider)

    def complete(
        self,
        messages: Sequence[Message],
        *,
        system: str | None = None,
        json_schema: dict[str, Any] | None = None,
        schema_name: str = "output",
        temperature: float = 0.0,  # not sent: see the module docstring
        max_tokens: int = 4096,
    ) -> Completion:
        check_url(str(self.client.base_url), provider=self.provider)
        self.budget.check()
        params, wrapped = self._params(messages, system, json_schema, schema_name, max_tokens)
        start = time.perf_counter()
        message: Any = None
        try:
            message = self._call(params)
        finally:
            usage = self._charge(message, time.perf_counter() - start)
        return self._completion(message, usage, json_schema is not None, wrapped)

    def _call(self, params: dict[str, Any]) -> Any:
        try:
            return call_with_retries(
                lambda: self.client.messages.create(**params),
                policy=self.retry,
                errors=SDK_ERRORS,
                provider=self.provider,
            )
        except SDK_ERRORS.any as exc:
            raise to_llm_error(exc, provider=self.provider, key_hint=self.key_hint) from exc
        except anthropic.AnthropicError as exc:  # credentials that cannot be loaded, and such
            raise LLMConfigurationError(f"{self.provider}: {exc}", hint=self.key_hint) from exc

    def _params(
        self,
        messages: Sequence[Message],
        system: str | None,
        json_schema: dict[str, Any] | None,
        schema_name: str,
        max_tokens: int,
    ) -> tuple[dict[str, Any], bool]:
        messages, system = outgoing(messages, system)
        params: dict[str, Any] = {
            "model": self.model,
            "max_tokens": max_tokens,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
        }
        if system:
            params["system"] = system
        if json_schema is None:
            return params, False
        schema, wrapped = jsonextract.object_schema(json_schema)
        name = jsonextract.schema_name(schema_name)
        params["tools"] = [{"name": name, "description": TOOL_DESCRIPTION, "input_schema": schema}]
        params["tool_choice"] = {"type": "tool", "name": name, "disable_parallel_tool_use": True}
        return params, wrapped

    def _charge(self, message: Any, seconds: float) -> Usage:
        usage = getattr(message, "usage", None)
        input_tokens = output_tokens = 0
        if usage is not None:
            input_tokens = (
                usage.input_tokens
                + (usage.cache_creation_input_tokens or 0)
                + (usage.cache_read_input_tokens or 0)
            )
            output_tokens = usage.output_tokens
        charged = usage_for(self.model, input_tokens, output_tokens, seconds)
        self.budget.charge(charged)
        return charged

    def _completion(self, message: Any, usage: Usage, want_json: bool, wrapped: bool) -> Completion:
        text = "".join(block.text for block in message.content if block.type == "text")
        data = None
        if want_json:
            data = jsonextract.unwrap(self._tool_input(message, text), wrapped)
            text = text or json.dumps(data)
        return Completion(
            text=text,
            provider=self.provider,
            model=self.model,
            usage=usage,
            data=data,
            stop_reason=message.stop_reason,
        )

    def _tool_input(self, message: Any, text: str) -> dict[str, Any]:
        if message.stop_reason == "max_tokens":
            raise LLMResponseError(
                f"{self.provider}: the answer was cut off at max_tokens",
                hint="raise max_tokens or ask for less",
            )
        for block in message.content:
            if block.type == "tool_use" and isinstance(block.input, dict):
                return dict(block.input)
        return jsonextract.extract_json(text)  # no tool call: the JSON may still be in the text


class AnthropicLLM(ClaudeLLM):
    """Claude through the Anthropic Messages API (`anthropic:claude-sonnet-5-5`)."""

    provider = "anthropic"
    key_hint = "set ANTHROPIC_API_KEY to a valid key (console.anthropic.com)"

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
        key, token = _anthropic_credential(api_key)
        remember(key, token)  # masked in whatever DataMorph keeps or shows, in any shape
        url = base_url or os.environ.get("ANTHROPIC_BASE_URL") or ANTHROPIC_URL
        check_url(url, provider=self.provider)  # before the client exists
        client = anthropic.Anthropic(
            api_key=key, auth_token=token, base_url=url, max_retries=0, timeout=timeout
        )
        super().__init__(model, client, budget, retry)
        self._explicit_key = api_key

    def refresh_credentials(self) -> None:
        """Read the key again (a rotated ANTHROPIC_API_KEY) and reconnect with it."""
        key, token = _anthropic_credential(self._explicit_key)
        self.client = self.client.copy(api_key=key, auth_token=token)


def _anthropic_credential(api_key: str | None) -> tuple[str | None, str | None]:
    """(api_key, auth_token), exactly one set, as the SDK would read them; else raise."""
    key = api_key or os.environ.get("ANTHROPIC_API_KEY")
    if key:
        return key, None
    token = os.environ.get("ANTHROPIC_AUTH_TOKEN")
    if token:
        return None, token
    raise LLMConfigurationError(
        "no Anthropic API key: ANTHROPIC_API_KEY is not set",
        hint="export ANTHROPIC_API_KEY=... (or choose another provider with --llm)",
    )


class BedrockLLM(ClaudeLLM):
    """Claude on AWS Bedrock (`bedrock:us.anthropic.claude-sonnet-4-5-20250929-v1:0`)."""

    provider = "bedrock"
    key_hint = (
        "check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and that they may "
        "call bedrock:InvokeModel on this model in AWS_REGION"
    )

    def __init__(
        self,
        model: str,
        budget: Budget | None = None,
        *,
        region: str | None = None,
        base_url: str | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        _require_aws_credentials()
        url = base_url or os.environ.get("ANTHROPIC_BEDROCK_BASE_URL") or None
        if url:
            check_url(url, provider=self.provider)
        try:
            client = anthropic.AnthropicBedrock(
                aws_region=region, base_url=url, max_retries=0, timeout=timeout
            )
        except ValueError as exc:  # no region anywhere
            raise LLMConfigurationError(
                f"bedrock: {exc}", hint="export AWS_REGION=us-east-1 (the model's region)"
            ) from exc
        super().__init__(model, client, budget, retry)


_AWS_CREDENTIAL_VARS = (
    "AWS_BEARER_TOKEN_BEDROCK",
    "AWS_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
)


def _require_aws_credentials() -> None:
    if os.environ.get("AWS_BEARER_TOKEN_BEDROCK"):
        return
    if importlib.util.find_spec("boto3") is None:
        raise LLMConfigurationError(
            "bedrock needs boto3 to sign requests",
            hint="pip install 'datamorph[bedrock]'",
        )
    if _aws_credentials_configured():
        return
    raise LLMConfigurationError(
        "no AWS credentials for bedrock",
        hint="export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and AWS_REGION",
    )


def _aws_credentials_configured() -> bool:
    if os.environ.get("AWS_ACCESS_KEY_ID") and os.environ.get("AWS_SECRET_ACCESS_KEY"):
        return True
    if any(os.environ.get(name) for name in _AWS_CREDENTIAL_VARS):
        return True
    if network_forbidden():  # the rest of the chain may ask the instance metadata service
        return False
    try:
        import boto3

        return boto3.Session().get_credentials() is not None
    except Exception:  # any failure to find credentials means: none
        return False

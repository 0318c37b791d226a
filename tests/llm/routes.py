"""Shared by the LLM provider tests: the prompt and schema, and a `Route` per provider."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from datamorph.llm import LLM, Budget, Message
from datamorph.llm.anthropic import AnthropicLLM, BedrockLLM
from datamorph.llm.openai import OpenAILLM
from datamorph.llm.retry import RetryPolicy
from llm_servers import AnthropicServer, BedrockServer, OpenAIServer, ScriptedServer

HI = [Message("user", "How many orders per region?")]
SCHEMA = {
    "type": "object",
    "properties": {"table": {"type": "string"}, "rows": {"type": "integer"}},
    "required": ["table", "rows"],
}
BEDROCK_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"
ENV_TO_CLEAR = [
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_BEDROCK_BASE_URL",
    "ANTHROPIC_PROFILE",
    "ANTHROPIC_CUSTOM_HEADERS",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_BEARER_TOKEN_BEDROCK",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "OPENAI_CUSTOM_HEADERS",
    "DATAMORPH_LLM",
    "DATAMORPH_LLM_MAX_CALLS",
    "DATAMORPH_LLM_MAX_TOKENS",
    "DATAMORPH_LLM_MAX_SECONDS",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
]


class Sleeps(list[float]):
    """The injected sleep: records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@dataclass
class Route:
    """One provider with its local server and a way to build it."""

    name: str
    server: ScriptedServer
    make: Callable[..., LLM]
    sleeps: Sleeps
    auth_status: int  # what this service answers for bad credentials

    def llm(self, *, attempts: int = 3, budget: Budget | None = None) -> LLM:
        policy = RetryPolicy(attempts=attempts, base_delay=0.01, max_delay=0.05, sleep=self.sleeps)
        return self.make(retry=policy, budget=budget)

    def schema_sent(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.name == "openai":
            response_format = body["response_format"]
            assert response_format["type"] == "json_schema"
            assert response_format["json_schema"]["name"] == "plan"
            return dict(response_format["json_schema"]["schema"])
        assert body["tool_choice"] == {
            "type": "tool",
            "name": "plan",
            "disable_parallel_tool_use": True,
        }
        (tool,) = body["tools"]
        assert tool["name"] == "plan"
        return dict(tool["input_schema"])


def make_route(name: str, server: ScriptedServer) -> Route:
    sleeps = Sleeps()
    if name == "anthropic":

        def make(**kw: Any) -> LLM:
            return AnthropicLLM(
                "claude-sonnet-5-5", api_key="sk-ant-test", base_url=server.url, **kw
            )

        return Route(name, server, make, sleeps, 401)
    if name == "bedrock":

        def make(**kw: Any) -> LLM:
            return BedrockLLM(BEDROCK_MODEL, base_url=server.url, **kw)

        return Route(name, server, make, sleeps, 403)

    def make(**kw: Any) -> LLM:
        return OpenAILLM("gpt-4o-mini", api_key="sk-test", base_url=f"{server.url}/v1", **kw)

    return Route(name, server, make, sleeps, 401)


SERVERS: dict[str, Callable[[], ScriptedServer]] = {
    "anthropic": AnthropicServer,
    "bedrock": BedrockServer,
    "openai": OpenAIServer,
}

"""The LLM providers through the real SDKs, against local servers that speak each protocol.

Nothing here reaches the network: the module installs the network guard (offline switch +
socket guard) for itself, in addition to any session-wide install in conftest.py.
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import network_guard
from datamorph.errors import UsageError
from datamorph.llm import (
    LLM,
    PROVIDERS,
    Budget,
    LLMBudgetExceeded,
    LLMConfigurationError,
    LLMError,
    LLMResponseError,
    LLMRetryableError,
    Message,
    get_llm,
)
from datamorph.llm import network as net
from datamorph.llm.anthropic import AnthropicLLM, BedrockLLM
from datamorph.llm.jsonextract import extract_json, strip_trailing_commas
from datamorph.llm.openai import OpenAILLM
from datamorph.llm.pricing import cost_usd, normalize_model, price_known
from datamorph.llm.registry import budget_from_env, parse_spec
from datamorph.llm.retry import RetryPolicy, retry_after_seconds
from llm_servers import (
    AnthropicServer,
    BedrockServer,
    OpenAIServer,
    ScriptedServer,
    data,
    error,
    text,
)

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


@pytest.fixture(autouse=True, scope="module")
def no_network() -> Iterator[None]:
    undo = network_guard.install()
    yield
    undo()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    for name in ENV_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANTHROPIC_CONFIG_DIR", str(tmp_path / "anthropic-config"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-credentials"))


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    monkeypatch.setenv("AWS_REGION", "us-east-1")


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


def _make_route(name: str, server: ScriptedServer) -> Route:
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


@pytest.fixture(params=list(SERVERS))
def route(request: pytest.FixtureRequest, aws_env: None) -> Iterator[Route]:
    with SERVERS[request.param]() as server:
        yield _make_route(request.param, server)


# --- every provider ---------------------------------------------------------------------


def test_text_reply(route: Route) -> None:
    route.server.script(text("Sales by region, grouped by month."))
    llm = route.llm()
    completion = llm.complete(HI, system="You plan ETL pipelines.", temperature=0.3, max_tokens=500)
    assert isinstance(llm, LLM)
    assert completion.text == "Sales by region, grouped by month."
    assert completion.data is None
    assert completion.provider == route.name
    assert completion.stop_reason in {"end_turn", "stop"}
    body = route.server.last.body
    if route.name == "openai":
        assert body["messages"][0] == {"role": "system", "content": "You plan ETL pipelines."}
        assert body["messages"][1] == {"role": "user", "content": HI[0].content}
        assert body["temperature"] == 0.3
        assert body["max_tokens"] == 500
    else:
        assert body["system"] == "You plan ETL pipelines."
        assert body["messages"] == [{"role": "user", "content": HI[0].content}]
        assert body["max_tokens"] == 500
        assert "temperature" not in body  # the 2026-10-21 API rejects sampling parameters


def test_structured_reply(route: Route) -> None:
    route.server.script(data({"table": "orders", "rows": 42}))
    completion = route.llm().complete(HI, json_schema=SCHEMA, schema_name="plan")
    assert completion.data == {"table": "orders", "rows": 42}
    assert json.loads(completion.text) == {"table": "orders", "rows": 42}
    assert route.schema_sent(route.server.last.body) == SCHEMA


def test_rate_limit_then_success(route: Route) -> None:
    route.server.script(error(429, retry_after="2"), text("done"))
    completion = route.llm().complete(HI)
    assert completion.text == "done"
    assert len(route.server.requests) == 2
    assert route.sleeps == [2.0]  # the server's retry-after, not our backoff


def test_server_errors_exhausted(route: Route) -> None:
    route.server.script(error(503), error(500), error(503))
    with pytest.raises(LLMRetryableError) as caught:
        route.llm(attempts=3).complete(HI)
    assert caught.value.status == 503
    assert len(route.server.requests) == 3
    assert len(route.sleeps) == 2
    assert all(0 <= wait <= 0.05 for wait in route.sleeps)  # jittered, capped


def test_connection_refused_is_retried(route: Route) -> None:
    llm = route.llm(attempts=2)
    route.server.stop()  # nothing listens on that port any more
    with pytest.raises(LLMRetryableError) as caught:
        llm.complete(HI)
    assert caught.value.status is None
    assert len(route.sleeps) == 1


def test_bad_credentials_not_retried(route: Route) -> None:
    route.server.script(error(route.auth_status, message="invalid x-api-key"), text("never"))
    llm = route.llm()
    with pytest.raises(LLMConfigurationError) as caught:
        llm.complete(HI)
    assert len(route.server.requests) == 1
    assert route.sleeps == []
    assert caught.value.hint is not None
    assert ("API_KEY" in caught.value.hint) or ("AWS_ACCESS_KEY_ID" in caught.value.hint)


def test_bad_request_not_retried(route: Route) -> None:
    route.server.script(error(400, message="prompt is too long"), text("never"))
    with pytest.raises(LLMError, match="prompt is too long") as caught:
        route.llm().complete(HI)
    assert not isinstance(caught.value, (LLMRetryableError, LLMConfigurationError))
    assert len(route.server.requests) == 1


def test_usage_cost_and_budget(route: Route) -> None:
    route.server.script(text("one", input_tokens=1000, output_tokens=200), text("two"))
    budget = Budget()
    llm = route.llm(budget=budget)
    first = llm.complete(HI)
    assert (first.usage.calls, first.usage.input_tokens, first.usage.output_tokens) == (
        1,
        1000,
        200,
    )
    assert first.usage.cost_usd == pytest.approx(cost_usd(llm.model, 1000, 200))
    assert first.usage.cost_usd > 0
    assert first.usage.seconds > 0
    llm.complete(HI)
    assert budget.spent.calls == 2
    assert budget.spent.input_tokens == 1000 + 12
    assert budget.spent.output_tokens == 200 + 7


def test_budget_exhausted_before_any_request(route: Route) -> None:
    route.server.script(text("one"), text("two"))
    llm = route.llm(budget=Budget(max_calls=1))
    llm.complete(HI)
    with pytest.raises(LLMBudgetExceeded):
        llm.complete(HI)
    assert len(route.server.requests) == 1

    spent = Budget(max_tokens=100)
    spent.spent.output_tokens = 100
    with pytest.raises(LLMBudgetExceeded):
        route.llm(budget=spent).complete(HI)
    assert len(route.server.requests) == 1


def test_non_loopback_url_refused_before_connecting(route: Route) -> None:
    kwargs: dict[str, Any] = {"base_url": "https://llm.example.com"}
    if route.name == "anthropic":
        kwargs["api_key"] = "sk-ant-test"
        cls: Any = AnthropicLLM
    elif route.name == "bedrock":
        cls = BedrockLLM
    else:
        kwargs["api_key"] = "sk-test"
        cls = OpenAILLM
    with pytest.raises(LLMConfigurationError, match="network calls are disabled"):
        cls("some-model", **kwargs)
    assert route.server.requests == []


# --- Anthropic specifics ----------------------------------------------------------------


def test_anthropic_headers_and_overloaded(aws_env: None) -> None:
    with AnthropicServer() as server:
        route = _make_route("anthropic", server)
        server.script(error(529), text("ok"))
        assert route.llm().complete(HI).text == "ok"
        assert [r.headers["authorization"] for r in server.requests] == ["Bearer sk-ant-test"] * 2
        assert server.last.headers["anthropic-version"]
        assert server.last.body["model"] == "claude-sonnet-5-5"
        assert len(route.sleeps) == 1


def test_anthropic_key_from_env_and_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    with AnthropicServer() as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        with pytest.raises(LLMConfigurationError) as caught:
            AnthropicLLM("claude-sonnet-5-5")
        assert "ANTHROPIC_API_KEY" in caught.value.one_line()
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-env")
        server.script(text("hi"))
        AnthropicLLM("claude-sonnet-5-5").complete(HI)
        assert server.last.headers["authorization"] == "Bearer sk-ant-env"


def test_anthropic_non_object_schema_is_wrapped() -> None:
    with AnthropicServer() as server:
        server.script(data({"result": ["orders", "customers"]}))
        llm = _make_route("anthropic", server).llm()
        schema = {"type": "array", "items": {"type": "string"}}
        completion = llm.complete(HI, json_schema=schema)
        assert completion.data == ["orders", "customers"]
        sent = server.last.body["tools"][0]["input_schema"]
        assert sent["type"] == "object" and sent["properties"]["result"] == schema


def test_anthropic_answer_without_tool_call() -> None:
    with AnthropicServer() as server:
        server.script(
            text('Here it is: {"table": "orders", "rows": 3}'),
            text("I cannot do that."),
            data({"table": "x"}, stop_reason="max_tokens"),
        )
        llm = _make_route("anthropic", server).llm()
        assert llm.complete(HI, json_schema=SCHEMA).data == {"table": "orders", "rows": 3}
        with pytest.raises(LLMResponseError, match="I cannot do that"):
            llm.complete(HI, json_schema=SCHEMA)
        with pytest.raises(LLMResponseError, match="max_tokens"):
            llm.complete(HI, json_schema=SCHEMA)


# --- Bedrock specifics ------------------------------------------------------------------


def test_bedrock_invoke_path_and_signature(aws_env: None) -> None:
    with BedrockServer() as server:
        server.script(text("ok"))
        _make_route("bedrock", server).llm().complete(HI)
        request = server.last
        assert request.path == f"/model/{BEDROCK_MODEL}/invoke"
        assert "model" not in request.body
        assert request.body["anthropic_version"]
        auth = request.headers["authorization"]
        assert auth.startswith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
        assert "/us-east-1/bedrock/aws4_request" in auth


def test_bedrock_base_url_from_env(aws_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    with BedrockServer() as server:
        monkeypatch.setenv("ANTHROPIC_BEDROCK_BASE_URL", server.url)
        server.script(text("ok"))
        assert BedrockLLM(BEDROCK_MODEL).complete(HI).text == "ok"


def test_bedrock_needs_credentials_and_region(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(LLMConfigurationError, match="AWS credentials") as caught:
        BedrockLLM(BEDROCK_MODEL, base_url="http://127.0.0.1:9")
    assert "AWS_ACCESS_KEY_ID" in (caught.value.hint or "")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    with pytest.raises(LLMConfigurationError) as caught:
        BedrockLLM(BEDROCK_MODEL, base_url="http://127.0.0.1:9")
    assert "AWS_REGION" in (caught.value.hint or "")


def test_bedrock_default_endpoint_refused_offline(aws_env: None) -> None:
    with pytest.raises(
        LLMConfigurationError, match=re.escape("bedrock-runtime.us-east-1.amazonaws.com")
    ):
        BedrockLLM(BEDROCK_MODEL)


# --- OpenAI-compatible specifics --------------------------------------------------------


def test_openai_falls_back_to_json_object() -> None:
    with OpenAIServer(rejects={"json_schema"}) as server:
        server.script(data({"table": "orders", "rows": 1}), data({"table": "items", "rows": 2}))
        llm = _make_route("openai", server).llm()
        assert llm.complete(HI, json_schema=SCHEMA).data == {"table": "orders", "rows": 1}
        kinds = [(body.get("response_format") or {}).get("type") for body in server.bodies]
        assert kinds == ["json_schema", "json_object"]
        system = server.last.body["messages"][0]
        assert system["role"] == "system" and "JSON" in system["content"]  # json_object needs it
        # the rejection is remembered: the next call goes straight to json_object
        assert llm.complete(HI, json_schema=SCHEMA).data == {"table": "items", "rows": 2}
        assert server.last.body["response_format"] == {"type": "json_object"}
        assert len(server.requests) == 3


def test_openai_plain_text_json_extraction() -> None:
    answer = (
        'Sure! Here is the plan:\n```json\n{"table": "orders", "rows": 7,}\n```\nAnything else?'
    )
    with OpenAIServer(rejects={"json_schema", "json_object"}) as server:
        server.script(text(answer), text("Sorry, I can't produce that."))
        llm = _make_route("openai", server).llm()
        completion = llm.complete(HI, json_schema=SCHEMA)
        assert completion.data == {"table": "orders", "rows": 7}
        assert "response_format" not in server.last.body
        with pytest.raises(LLMResponseError, match="can't produce that"):
            llm.complete(HI, json_schema=SCHEMA)
        assert len(server.requests) == 4  # two rejections, then one request per call


def test_openai_truncated_json_says_max_tokens() -> None:
    with OpenAIServer() as server:
        server.script(text('{"table": "ord', stop_reason="length"))
        with pytest.raises(LLMResponseError, match="max_tokens"):
            _make_route("openai", server).llm().complete(HI, json_schema=SCHEMA)


def test_openai_local_server_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    with OpenAIServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{server.url}/v1")
        server.script(text("hello from llama"))
        llm = get_llm("openai:llama3.1")
        assert isinstance(llm, OpenAILLM)
        assert llm.complete(HI).text == "hello from llama"
        assert server.last.headers["authorization"].startswith("Bearer ")
        assert server.last.body["model"] == "llama3.1"


def test_openai_missing_key_for_remote_server() -> None:
    with pytest.raises(LLMConfigurationError) as caught:
        OpenAILLM("gpt-4o-mini")
    assert "OPENAI_API_KEY" in caught.value.one_line()


def test_openai_drops_unsupported_temperature() -> None:
    message = "Unsupported value: 'temperature' does not support 0.0 with this model."
    with OpenAIServer() as server:
        server.script(error(400, message=message), text("ok"))
        llm = _make_route("openai", server).llm()
        assert llm.complete(HI).text == "ok"
        assert "temperature" in server.bodies[0] and "temperature" not in server.bodies[1]


# --- registry -----------------------------------------------------------------------------


def test_get_llm_none_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    assert get_llm() is None
    assert get_llm("") is None
    monkeypatch.setenv("DATAMORPH_LLM", "  ")
    assert get_llm() is None


def test_get_llm_from_env_with_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    with AnthropicServer() as server:
        monkeypatch.setenv("DATAMORPH_LLM", "anthropic:claude-sonnet-4-5")
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        monkeypatch.setenv("DATAMORPH_LLM_MAX_CALLS", "3")
        monkeypatch.setenv("DATAMORPH_LLM_MAX_SECONDS", "12.5")
        llm = get_llm()
        assert isinstance(llm, AnthropicLLM)
        assert (llm.provider, llm.model) == ("anthropic", "claude-sonnet-4-5")
        assert (llm.budget.max_calls, llm.budget.max_seconds) == (3, 12.5)
        mine = Budget(max_calls=9)
        assert get_llm(budget=mine).budget is mine  # type: ignore[union-attr]


def test_get_llm_spec_errors() -> None:
    with pytest.raises(LLMConfigurationError) as caught:
        get_llm("antropic:claude-sonnet-4-5")
    assert caught.value.hint == "did you mean 'anthropic'?"
    assert isinstance(caught.value, UsageError)
    with pytest.raises(LLMConfigurationError, match="provider:model"):
        get_llm("claude-sonnet-4-5")
    with pytest.raises(LLMConfigurationError, match="provider:model"):
        get_llm("openai:")
    with pytest.raises(LLMConfigurationError, match="unknown LLM provider 'gemini'") as caught:
        get_llm("gemini:pro")
    assert "anthropic, bedrock, openai" in (caught.value.hint or "")


def test_parse_spec_keeps_colons_in_model_ids() -> None:
    assert parse_spec(f" Bedrock:{BEDROCK_MODEL} ") == ("bedrock", BEDROCK_MODEL)
    assert sorted(PROVIDERS) == ["anthropic", "bedrock", "openai"]


def test_budget_from_env_rejects_garbage() -> None:
    assert budget_from_env({"DATAMORPH_LLM_MAX_TOKENS": "5000"}).max_tokens == 5000
    with pytest.raises(LLMConfigurationError, match="DATAMORPH_LLM_MAX_CALLS"):
        budget_from_env({"DATAMORPH_LLM_MAX_CALLS": "lots"})


# --- network switch -----------------------------------------------------------------------


def test_socket_guard_refuses_non_loopback() -> None:
    assert net.socket_guard_installed()
    with pytest.raises(net.NetworkDisabledError):
        socket.create_connection(("203.0.113.7", 443), timeout=1)
    for address in [("198.51.100.1", 80), ("api.anthropic.com", 443)]:
        with socket.socket() as sock, pytest.raises(net.NetworkDisabledError):
            sock.connect(address)
        with socket.socket() as sock, pytest.raises(net.NetworkDisabledError):
            sock.connect_ex(address)
    with socket.socket(socket.AF_INET6) as sock, pytest.raises(net.NetworkDisabledError):
        sock.connect(("2001:db8::1", 443, 0, 0))


def test_socket_guard_lets_loopback_through() -> None:
    with AnthropicServer() as server:
        port = int(server.url.rsplit(":", 1)[1])
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        socket.create_connection(("localhost", port), timeout=1).close()


def test_offline_switch_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(net, "_forbidden", False)
    monkeypatch.setenv("DATAMORPH_OFFLINE", "0")
    assert not net.network_forbidden()
    net.check_url("https://api.openai.com/v1", provider="openai")  # allowed: nothing connects
    monkeypatch.setenv("DATAMORPH_OFFLINE", "1")
    with pytest.raises(LLMConfigurationError, match="network calls are disabled"):
        net.check_url("https://api.openai.com/v1", provider="openai")
    for url in ["http://127.0.0.1:8000/v1", "http://localhost:11434/v1", "http://[::1]:8080"]:
        net.check_url(url, provider="openai")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("::ffff:127.0.0.1", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("10.0.0.1", False),
        ("0.0.0.0", False),
        ("api.openai.com", False),
        ("localhost.example.com", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert net.is_loopback(host) is loopback


# --- JSON extraction, retry timing, pricing -----------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ('```json\n{"a": [1, 2,],}\n```', {"a": [1, 2]}),
        ('```\n{"a": 1}\n```', {"a": 1}),
        ('Plan: {"a": "x}y", "b": {"c": 2}} -- done', {"a": "x}y", "b": {"c": 2}}),
        ('{not json} then {"a": "comma, inside",}', {"a": "comma, inside"}),
        ('```python\nprint(1)\n```\n```json\n{"a": 2}\n```', {"a": 2}),
        ('He said "{" and then {"a": "\\"q\\""}', {"a": '"q"'}),
    ],
)
def test_extract_json(answer: str, expected: dict[str, Any]) -> None:
    assert extract_json(answer) == expected


def test_extract_json_failure_has_excerpt() -> None:
    with pytest.raises(LLMResponseError, match="no JSON object") as caught:
        extract_json("I think the answer is [1, 2, 3] " + "blah " * 100)
    assert "I think the answer" in caught.value.message
    assert len(caught.value.message) < 250


def test_strip_trailing_commas_leaves_strings_alone() -> None:
    assert strip_trailing_commas('{"a": ",}", "b": [1,],}') == '{"a": ",}", "b": [1]}'


def test_backoff_is_capped_full_jitter() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=8.0, random=lambda: 1.0)
    assert [policy.backoff(n) for n in range(1, 7)] == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert RetryPolicy(random=lambda: 0.25).backoff(3, None) == 1.0
    assert RetryPolicy(max_retry_after=10).backoff(1, retry_after=120) == 10


def test_retry_after_forms() -> None:
    assert retry_after_seconds({"retry-after": "3"}) == 3.0
    assert retry_after_seconds({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert retry_after_seconds({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None


def test_pricing_names() -> None:
    assert normalize_model("us.anthropic.claude-sonnet-4-5-20250929-v1:0") == "claude-sonnet-4-5"
    assert normalize_model("gpt-4o-mini-2024-07-18") == "gpt-4o-mini"
    assert normalize_model("claude-sonnet-5-5") == "claude-sonnet-5-5"
    assert cost_usd("claude-sonnet-4-5", 1_000_000, 1_000_000) == pytest.approx(18.0)
    assert cost_usd("claude-sonnet-5-5", 1_000_000, 0) == pytest.approx(2.0)
    assert price_known("gpt-4o") and not price_known("llama3.1")
    assert cost_usd("llama3.1", 10_000, 10_000) == 0.0

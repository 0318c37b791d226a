"""What every provider does alike: replies, retries, errors, usage and budgets, offline refusal."""

from __future__ import annotations

import json
from typing import Any

import pytest

from datamorph.llm import (
    LLM,
    Budget,
    LLMBudgetExceeded,
    LLMConfigurationError,
    LLMError,
    LLMRetryableError,
)
from datamorph.llm.anthropic import AnthropicLLM, BedrockLLM
from datamorph.llm.openai import OpenAILLM
from datamorph.llm.pricing import cost_usd
from llm_servers import data, error, text

from .routes import HI, SCHEMA, Route


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

"""Anthropic specifics, direct and through Amazon Bedrock."""

from __future__ import annotations

import re

import pytest

from datamorph.llm import LLMConfigurationError, LLMResponseError
from datamorph.llm.anthropic import AnthropicLLM, BedrockLLM
from llm_servers import AnthropicServer, BedrockServer, data, error, text

from .routes import BEDROCK_MODEL, HI, SCHEMA, make_route

# --- Anthropic specifics ----------------------------------------------------------------


def test_anthropic_headers_and_overloaded(aws_env: None) -> None:
    with AnthropicServer() as server:
        route = make_route("anthropic", server)
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
        llm = make_route("anthropic", server).llm()
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
        llm = make_route("anthropic", server).llm()
        assert llm.complete(HI, json_schema=SCHEMA).data == {"table": "orders", "rows": 3}
        with pytest.raises(LLMResponseError, match="I cannot do that"):
            llm.complete(HI, json_schema=SCHEMA)
        with pytest.raises(LLMResponseError, match="max_tokens"):
            llm.complete(HI, json_schema=SCHEMA)


# --- Bedrock specifics ------------------------------------------------------------------


def test_bedrock_invoke_path_and_signature(aws_env: None) -> None:
    with BedrockServer() as server:
        server.script(text("ok"))
        make_route("bedrock", server).llm().complete(HI)
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

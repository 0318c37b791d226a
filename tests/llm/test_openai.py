"""OpenAI-compatible specifics: structured-output fallbacks, local servers, keys, temperature."""

from __future__ import annotations

import pytest

from datamorph.llm import LLMConfigurationError, LLMResponseError, get_llm
from datamorph.llm.openai import OpenAILLM
from llm_servers import OpenAIServer, data, error, text

from .routes import HI, SCHEMA, make_route


def test_openai_falls_back_to_json_object() -> None:
    with OpenAIServer(rejects={"json_schema"}) as server:
        server.script(data({"table": "orders", "rows": 1}), data({"table": "items", "rows": 2}))
        llm = make_route("openai", server).llm()
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
        llm = make_route("openai", server).llm()
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
            make_route("openai", server).llm().complete(HI, json_schema=SCHEMA)


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
        llm = make_route("openai", server).llm()
        assert llm.complete(HI).text == "ok"
        assert "temperature" in server.bodies[0] and "temperature" not in server.bodies[1]

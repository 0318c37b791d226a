"""Choosing a provider (`get_llm`, `DATAMORPH_LLM`, budgets from env) and the network switch."""

from __future__ import annotations

import socket

import pytest

from datamorph.errors import UsageError
from datamorph.llm import PROVIDERS, Budget, LLMConfigurationError, get_llm
from datamorph.llm import network as net
from datamorph.llm.anthropic import AnthropicLLM
from datamorph.llm.registry import budget_from_env, parse_spec
from llm_servers import AnthropicServer

from .routes import BEDROCK_MODEL

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

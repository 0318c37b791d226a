"""Fixtures for the LLM provider tests: no network, a clean environment, a route per provider."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import network_guard

from .routes import ENV_TO_CLEAR, SERVERS, Route, make_route


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


@pytest.fixture(params=list(SERVERS))
def route(request: pytest.FixtureRequest, aws_env: None) -> Iterator[Route]:
    with SERVERS[request.param]() as server:
        yield make_route(request.param, server)

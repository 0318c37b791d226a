"""Model failures in a real run: the official SDK against a local Anthropic-protocol server.

429s that outlive the client's own retries are quota_exceeded: the monitor backs off and moves
the run to the configured second model. A key rejected mid-run is an authentication failure:
with approval the monitor re-reads the credentials (a rotated key) and reconnects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import datamorph
from datamorph.demo.showcase import demo_spec
from datamorph.runs import RunStore
from datamorph.validation import SpecValidator
from llm_servers import AnthropicServer, Recorded, data, error

from .scenarios import quick

PROMPT = "total completed order amount per customer, customers above 1000"
PLAN: dict[str, Any] = demo_spec().model_dump(mode="json")


class KeyCheckingServer(AnthropicServer):
    """Answers 401 to any key but the valid one, without consuming the script."""

    def __init__(self, valid_key: str, on_reject: Callable[[], None]) -> None:
        super().__init__()
        self.valid_key = valid_key
        self.on_reject = on_reject

    def precheck(self, request: Recorded) -> Any:
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if self.valid_key in (request.headers.get("x-api-key"), bearer):
            return None
        self.on_reject()
        return self.error_answer(error(401, message="invalid x-api-key"))


@pytest.fixture
def anthropic(monkeypatch: pytest.MonkeyPatch) -> Iterator[AnthropicServer]:
    with AnthropicServer() as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
        yield server


def decisions(home: Path, run_id: str) -> list[dict[str, Any]]:
    with RunStore(home) as store:
        return store.incidents.decisions(run_id)


def test_rate_limits_that_outlive_retries_move_the_run_to_the_fallback_model(
    anthropic: AnthropicServer, retail_db: Path, isolated_home: Path
) -> None:
    # the first model answers 429 to each of the client's 4 tries; then the fallback plans
    anthropic.script(*[error(429, retry_after="0") for _ in range(4)], data(PLAN))
    result = datamorph.run(
        prompt=PROMPT,
        database=str(retail_db),
        llm="anthropic:model-a",
        fallback_llm="anthropic:model-b",
        validators=(SpecValidator(),),
        monitor=quick(),
    )
    assert result.status == "completed", result.message
    models = [r.body["model"] for r in anthropic.requests]
    assert models == ["model-a"] * 4 + ["model-b"]
    made = decisions(isolated_home, result.run_id)
    assert [(d["category"], d["strategy"], d["outcome"]) for d in made] == [
        ("quota_exceeded", "backoff_fallback", "verified")
    ]
    assert made[0]["detail"]["fallback"] == "anthropic:model-b"


def test_a_key_rotated_mid_run_is_read_again_with_approval(
    monkeypatch: pytest.MonkeyPatch, retail_db: Path, isolated_home: Path
) -> None:
    def rotate() -> None:  # the secrets manager puts the new key where the client reads it
        monkeypatch.setenv("ANTHROPIC_API_KEY", "rotated-key")

    with KeyCheckingServer("rotated-key", rotate) as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "expired-key")
        server.script(data(PLAN))
        result = datamorph.run(
            prompt=PROMPT,
            database=str(retail_db),
            llm="anthropic:model-a",
            approve=("refresh_credentials",),
            validators=(SpecValidator(),),
            monitor=quick(),
        )
        keys = [r.headers.get("authorization") for r in server.requests]
    assert result.status == "completed", result.message
    assert keys == ["Bearer expired-key", "Bearer rotated-key"]
    made = decisions(isolated_home, result.run_id)
    assert [(d["category"], d["strategy"], d["outcome"]) for d in made] == [
        ("authentication_failure", "refresh_credentials", "verified")
    ]


def test_a_key_that_stays_rejected_is_read_again_once_then_escalated(
    monkeypatch: pytest.MonkeyPatch, retail_db: Path, isolated_home: Path
) -> None:
    with KeyCheckingServer("other-key", lambda: None) as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "expired-key")
        result = datamorph.run(
            prompt=PROMPT,
            database=str(retail_db),
            llm="anthropic:model-a",
            validators=(SpecValidator(),),
            monitor=quick(),
        )
        calls = len(server.requests)
    made = decisions(isolated_home, result.run_id)
    assert result.status == "needs_attention" and calls == 2
    assert [(d["strategy"], d["action"], d["outcome"]) for d in made] == [
        ("refresh_credentials", "act", "failed"),
        ("refresh_credentials", "escalate", "escalated"),
    ]

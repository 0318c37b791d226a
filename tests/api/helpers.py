"""What the API tests share: the seed prompt, starting a run, waiting for it, error bodies."""

from __future__ import annotations

import time
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from datamorph.demo.showcase import demo_spec

SEED_PROMPT = demo_spec().description  # "Total completed order amount per customer, ..."
TERMINAL = {"completed", "failed", "needs_attention", "cancelled"}


def app_of(client: TestClient) -> FastAPI:
    app = client.app
    assert isinstance(app, FastAPI)
    return app


def wait_for(client: TestClient, run_id: str, timeout: float = 60.0) -> dict[str, Any]:
    """The run's detail once it is terminal (polling, as a client of the API would)."""
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(f"/api/runs/{run_id}")
        assert response.status_code == 200, response.text
        run: dict[str, Any] = response.json()
        if run["status"] in TERMINAL:
            return run
        assert time.monotonic() < deadline, f"run {run_id} still {run['status']}"
        time.sleep(0.05)


def start(client: TestClient, **body: Any) -> str:
    response = client.post("/start", json={"user_prompt": SEED_PROMPT} | body)
    assert response.status_code == 202, response.text
    run_id: str = response.json()["run_id"]
    return run_id


def assert_error(response: Any, status: int, error_type: str | None = None) -> dict[str, Any]:
    """The service's error body: exactly error, message and error_type; never a traceback."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error", "message", "error_type"}
    assert body["error"] is True and body["message"]
    assert "Traceback" not in response.text
    if error_type is not None:
        assert body["error_type"] == error_type
    return body

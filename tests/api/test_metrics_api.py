"""`GET /api/metrics` and `GET /metrics` on the real service: runs started through the API are
counted, the JSON and the Prometheus text agree, a bad window is 400, the token guards both."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from datamorph.api import ServiceSettings

from .helpers import assert_error, start, wait_for


def test_metrics_count_the_runs_the_service_ran(client: TestClient) -> None:
    assert client.get("/api/metrics").json()["runs"] == 0
    done = [wait_for(client, start(client)) for _ in range(2)]
    assert [run["status"] for run in done] == ["completed", "completed"]

    response = client.get("/api/metrics", params={"since": "7d"})
    assert response.status_code == 200, response.text
    m = response.json()
    assert m["window"] == "7d" and m["runs"] == m["finished"] == 2
    assert m["by_status"] == {"completed": 2}
    assert m["first_attempt"] == {"count": 2, "rate": 1.0}
    assert m["after_healing"] == {"count": 0, "rate": 0.0}
    steps = {d["step"]: d for d in m["step_durations"]}
    assert {"planning", "checking", "generating", "executing", "validating", "publishing"} <= set(
        steps
    )
    assert all(d["count"] == 2 and 0 <= d["p50"] <= d["p90"] <= d["max"] for d in steps.values())
    assert m["run_durations"]["count"] == 2

    text = client.get("/metrics", params={"since": "7d"})
    assert text.status_code == 200
    assert text.headers["content-type"].startswith("text/plain")
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text.text)
        for s in family.samples
    }
    assert samples[("datamorph_runs", (("status", "completed"),))] == 2
    assert samples[("datamorph_runs_success_ratio", (("attempt", "first"),))] == 1.0
    p90 = samples[("datamorph_step_duration_seconds", (("quantile", "0.9"), ("step", "executing")))]
    assert p90 == steps["executing"]["p90"]  # the same numbers as the JSON


def test_a_bad_window_is_400_with_a_hint(client: TestClient) -> None:
    for path in ("/api/metrics", "/metrics"):
        body = assert_error(client.get(path, params={"since": "soon"}), 400, "UsageError")
        assert "unknown window 'soon'" in body["message"] and "24h" in body["message"]
    assert client.get("/api/metrics", params={"since": "x" * 17}).status_code == 422


def test_the_token_guards_the_metrics(
    make_client: Callable[..., TestClient], settings: ServiceSettings
) -> None:
    client = make_client(settings.model_copy(update={"token": "s3cret-token"}))
    for path in ("/api/metrics", "/metrics"):
        assert client.get(path).status_code == 401
        allowed = client.get(path, headers={"Authorization": "Bearer s3cret-token"})
        assert allowed.status_code == 200

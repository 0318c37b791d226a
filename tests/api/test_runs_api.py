"""The page's REST: planning, runs in full (code, checks, healing, preview), the live event
stream, the bounded pool, and a service that outlives its failing runs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from fastapi.testclient import TestClient

import datamorph
from datamorph.api import ServiceSettings
from datamorph.api.service import Service
from datamorph.codegen.sql import compile_sql
from datamorph.demo.showcase import demo_spec
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.runs import RunStore
from datamorph.spec import Spec

from .helpers import SEED_PROMPT, app_of, assert_error, start, wait_for


def test_plan_shows_the_spec_and_its_reading_and_runs_nothing(client: TestClient) -> None:
    response = client.post("/api/plan", json={"user_prompt": SEED_PROMPT, "target_table": "t1"})

    body = response.json()
    assert response.status_code == 200
    assert body["planner"] == "rules" and body["seconds"] >= 0
    assert body["spec"]["target_table"]["name"] == "t1"
    assert any("o.status = 'completed'" in line for line in body["explanation"])
    assert any("total_amount > 1000" in line for line in body["explanation"])
    assert client.get("/api/runs").json()["runs"] == []


def test_a_request_the_planner_cannot_read_is_422_naming_the_words(client: TestClient) -> None:
    response = client.post("/api/plan", json={"user_prompt": "average salary of the astronauts"})

    body = assert_error(response, 422, "PlanningError")
    assert "'astronauts'" in body["message"] and "'salary'" in body["message"]


def test_an_impossible_date_is_named_not_a_server_error(client: TestClient) -> None:
    response = client.post("/api/plan", json={"user_prompt": "orders placed after 2025-13-45"})

    body = assert_error(response, 422, "PlanningError")
    assert "2025-13-45" in body["message"]


def test_a_completed_run_in_full(client: TestClient) -> None:
    run = wait_for(client, start(client, target_table="summary"))

    assert run["status"] == "completed" and run["prompt"] == SEED_PROMPT
    assert run["spec"]["target_table"]["name"] == "summary"
    assert run["explanation"][-1].startswith("replace table summary")
    assert [c["name"] for c in run["code"]] == ["code/attempt-1.sql"]
    assert run["code"][0]["code"].lstrip().upper().startswith(("SELECT", "WITH"))
    (report,) = run["validation"]
    assert report["attempt"] == 1 and report["report"]["status"] == "pass"
    assert {c["status"] for c in report["report"]["checks"]} <= {"pass", "skipped"}
    assert run["healing"] == [] and run["decisions"] == []
    preview = run["preview"]
    assert preview["table"] == "summary" and preview["columns"][0] == "customer_id"
    assert len(preview["rows"]) == 20 and preview["truncated"] is True
    assert "spec.json" in run["artifacts"]


def test_a_healed_run_shows_each_iteration_with_its_diff(
    client: TestClient, retail_db: Path
) -> None:
    service = app_of(client).state.service
    planned = client.post("/api/plan", json={"user_prompt": SEED_PROMPT}).json()
    spec = Spec.from_dict(planned["spec"])
    with DuckDBEngine(retail_db) as engine:
        code = compile_sql(spec, engine.catalog(samples=0), "duckdb")
    broken = code.replace("o.amount", "o.amout", 1)
    # Runs from any client of the same store show up in the service: here the Python API.
    result = datamorph.run(spec, code=broken, database=str(retail_db), store=service.store)

    run = client.get(f"/api/runs/{result.run_id}").json()

    assert run["status"] == "completed" and run["iterations"] == 1
    assert [c["attempt"] for c in run["code"]] == [1, 2]
    assert "o.amout" in run["code"][0]["code"] and "o.amout" not in run["code"][1]["code"]
    (iteration,) = run["healing"]
    assert iteration["iteration"] == 1 and iteration["analysis"]["changes_made"]
    assert "-" in iteration["diff"] and "+" in iteration["diff"] and "amout" in iteration["diff"]
    assert run["decisions"] and run["decisions"][0]["run_id"] == result.run_id


def test_the_event_stream_follows_a_run_to_its_end(client: TestClient) -> None:
    run_id = start(client)

    events, end = read_stream(client, f"/api/runs/{run_id}/events")

    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[0]["step"] == "planning" and events[-1]["message"] == "run completed"
    assert end == {"run_id": run_id, "status": "completed"}
    logs = client.get(f"/get/logs/{run_id}").json()["events"]
    assert [e["seq"] for e in logs] == [e["seq"] for e in events]


def test_the_event_stream_resumes_after_the_last_event_id(client: TestClient) -> None:
    run_id = start(client)
    wait_for(client, run_id)

    resumed, end = read_stream(client, f"/api/runs/{run_id}/events", {"Last-Event-ID": "5"})
    after, _ = read_stream(client, f"/api/runs/{run_id}/events?after=7")

    assert resumed[0]["seq"] == 6 and after[0]["seq"] == 8 and end["status"] == "completed"


def test_the_event_stream_of_a_run_whose_process_is_gone_ends(
    make_client: Callable[..., TestClient], settings: ServiceSettings
) -> None:
    client = make_client(settings.model_copy(update={"stale_run_seconds": 0.5}))
    with RunStore(settings.home) as store:  # a run some other process started, then lost
        record = store.create_run(engine="duckdb", database=settings.database, prompt="x")
    events, end = read_stream(client, f"/api/runs/{record.run_id}/events")
    assert events == [] and end["gone"] is True and end["status"] == "planning"
    assert "process has most likely stopped" in end["message"]


def test_the_event_stream_of_an_unknown_run_is_404(client: TestClient) -> None:
    assert_error(client.get("/api/runs/nope/events"), 404, "NotFoundError")
    assert_error(client.get("/api/runs/nope"), 404, "NotFoundError")


def test_runs_wait_for_a_free_worker_and_show_as_queued(
    make_client: Callable[..., TestClient], settings: ServiceSettings
) -> None:
    client = make_client(settings.model_copy(update={"workers": 1}))

    run_ids = [start(client, target_table=f"q{i}") for i in range(3)]

    # One worker, three runs of several hundred milliseconds: the last has not started yet.
    waiting = client.get(f"/api/runs/{run_ids[-1]}").json()
    assert waiting["status"] == "queued" and waiting["prompt"] == SEED_PROMPT
    assert waiting["target_table"] == "q2" and waiting["code"] == []
    listed = client.get("/api/runs", params={"status": "queued"}).json()["runs"]
    assert run_ids[-1] in [r["run_id"] for r in listed]
    assert client.get(f"/get/logs/{run_ids[-1]}").json() == {
        "run_id": run_ids[-1],
        "status": "queued",
        "events": [],
    }
    assert [wait_for(client, rid)["status"] for rid in run_ids] == ["completed"] * 3
    listed = client.get("/api/runs").json()["runs"]
    assert [r["run_id"] for r in listed] == run_ids[::-1]  # newest first


def test_a_full_pool_answers_503_busy(
    make_client: Callable[..., TestClient], settings: ServiceSettings
) -> None:
    client = make_client(settings.model_copy(update={"workers": 1, "max_queued": 0}))
    first = start(client)

    response = client.post("/start", json={"user_prompt": SEED_PROMPT})

    body = assert_error(response, 503, "ServiceBusy")
    assert "retry" in body["message"]
    assert wait_for(client, first)["status"] == "completed"
    assert client.post("/start", json={"user_prompt": SEED_PROMPT}).status_code == 202


def test_the_service_outlives_failing_runs(client: TestClient, retail_db: Path) -> None:
    unreadable = start(client, user_prompt="average salary of the astronauts")
    unscoped = start(client, source_tables=["products"])  # the request needs other tables
    good = start(client, target_table="after_failures")

    failed = wait_for(client, unreadable)
    assert failed["status"] == "needs_attention" and "astronauts" in failed["message"]
    assert failed["preview"] is None and failed["code"] == []
    assert wait_for(client, unscoped)["status"] == "needs_attention"
    assert wait_for(client, good)["status"] == "completed"
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["workers"]["running"] == 0


def test_a_run_whose_database_vanished_is_recorded_as_failed(
    make_client: Callable[..., TestClient], settings: ServiceSettings, tmp_path: Path
) -> None:
    client = make_client(settings.model_copy(update={"database": str(tmp_path / "gone.duckdb")}))

    run_id = start(client)

    run = wait_for(client, run_id)
    assert run["status"] == "failed" and "not found" in run["message"]
    events = client.get(f"/get/logs/{run_id}").json()["events"]
    assert events[-1]["level"] == "error"


def test_stopping_the_service_records_the_runs_still_waiting_as_failed(
    settings: ServiceSettings,
) -> None:
    service = Service(settings.model_copy(update={"workers": 1}))
    run_ids = [service.pool.submit(SEED_PROMPT, target=f"s{i}").run_id for i in range(4)]

    service.close()  # one run is under way: it finishes; the others never start

    with RunStore(settings.home) as store:
        records = [store.get_run(run_id) for run_id in run_ids]
    assert all(record.status.terminal for record in records)
    assert records[0].status == "completed"
    stopped = [r for r in records if r.message == "the service stopped before the run started"]
    assert len(stopped) >= 2 and all(r.status == "failed" for r in stopped)


def test_runs_are_listed_newest_first_and_filtered_by_status(client: TestClient) -> None:
    bad = start(client, user_prompt="average salary of the astronauts")
    wait_for(client, bad)
    good = start(client, target_table="listed")
    wait_for(client, good)

    runs = client.get("/api/runs").json()["runs"]
    attention = client.get("/api/runs", params={"status": "needs_attention"}).json()["runs"]

    assert [r["run_id"] for r in runs] == [good, bad]
    assert [r["run_id"] for r in attention] == [bad]
    assert_error(client.get("/api/runs", params={"status": "sleeping"}), 422, "ValidationError")
    assert_error(client.get("/api/runs", params={"limit": 0}), 422, "ValidationError")


def read_stream(
    client: TestClient, url: str, headers: dict[str, str] | None = None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The `log` events of an SSE stream, and its `end` event's data."""
    events: list[dict[str, Any]] = []
    end: dict[str, Any] = {}
    with client.stream("GET", url, headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        kind = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                kind = line.removeprefix("event: ")
            elif line.startswith("data: "):
                data = json.loads(line.removeprefix("data: "))
                if kind == "log":
                    events.append(data)
                elif kind == "end":
                    end = data
    return events, end


def test_a_source_table_as_target_needs_replace_source_over_http(
    client: TestClient, retail_db: Path
) -> None:
    with duckdb.connect(str(retail_db), read_only=True) as con:
        before = con.sql("SELECT count(*), sum(hash(p)) FROM products p").fetchall()
    body = assert_error(
        client.post("/start", json={"user_prompt": SEED_PROMPT, "target_table": "products"}), 400
    )
    assert "did not publish" in body["message"] and "replace_source" in body["message"]
    spec = demo_spec().model_dump(mode="json")
    spec["target_table"]["name"] = "orders"  # the spec's own target is checked the same way
    assert_error(client.post("/start", json={"user_prompt": SEED_PROMPT, "spec": spec}), 400)
    with duckdb.connect(str(retail_db), read_only=True) as con:
        assert con.sql("SELECT count(*), sum(hash(p)) FROM products p").fetchall() == before
    run_id = start(client, target_table="products", replace_source=True)
    assert wait_for(client, run_id)["status"] == "completed"
    with duckdb.connect(str(retail_db), read_only=True) as con:
        assert con.sql("SELECT count(*), sum(hash(p)) FROM products p").fetchall() != before

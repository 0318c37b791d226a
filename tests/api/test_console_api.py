"""The page as a run console, over HTTP: the history's filters and pages, a run's timeline,
re-running and cancelling runs, the catalog and the monitor's incidents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

import datamorph
from datamorph import cancellation
from datamorph.api import ServiceSettings
from datamorph.demo.showcase import demo_spec
from datamorph.runs import RunStore

from .helpers import assert_error, start, wait_for
from .test_resume_api import until


def _tables(database: str) -> set[str]:
    with duckdb.connect(database, read_only=True) as con:
        return {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def test_history_filters_pages_and_shows_the_database(client: TestClient) -> None:
    ids = [wait_for(client, start(client, target_table=f"t{n}"))["run_id"] for n in range(3)]
    newest_first = ids[::-1]

    def listed(**params: str | int) -> list[str]:
        response = client.get("/api/runs", params=params)
        assert response.status_code == 200, response.text
        return [r["run_id"] for r in response.json()["runs"]]

    assert listed() == newest_first
    first = client.get("/api/runs", params={"limit": 2}).json()
    assert [r["run_id"] for r in first["runs"]] == newest_first[:2] and first["has_more"]
    second = client.get("/api/runs", params={"limit": 2, "offset": 2}).json()
    assert [r["run_id"] for r in second["runs"]] == newest_first[2:]
    assert not second["has_more"] and second["offset"] == 2
    assert listed(target="T1") == [ids[1]]
    assert listed(q="completed order amount", status="completed") == newest_first
    assert listed(q="t2") == [ids[2]]
    assert listed(status="failed") == [] and listed(q="no such words") == []
    run = client.get("/api/runs").json()["runs"][0]
    assert run["engine"] == "duckdb" and run["database"].endswith(".duckdb")
    assert listed(database=Path(run["database"]).name.upper()) == newest_first
    assert listed(database="elsewhere.duckdb") == []
    assert_error(client.get("/api/runs", params={"offset": -1}), 422)


def test_a_run_has_a_timeline_of_its_steps_with_durations(client: TestClient) -> None:
    run = wait_for(client, start(client))

    spans = run["timeline"]
    steps = [span["step"] for span in spans]
    assert steps == ["planning", "checking", "generating", "executing", "validating", "publishing"]
    assert all(span["outcome"] == "finished" and span["seconds"] >= 0 for span in spans)
    starts = [datetime.fromisoformat(span["started_at"]) for span in spans]
    assert starts == sorted(starts)
    assert sum(span["seconds"] for span in spans) > 0


def test_a_failed_step_ends_the_timeline_as_failed(
    client: TestClient, settings: ServiceSettings
) -> None:
    with RunStore(settings.home) as store:
        failed = store.create_run(engine="duckdb", database="x", claim=False)
        store.add_event(failed.run_id, "executing", "executing started")
        store.add_event(failed.run_id, "executing", "Binder Error", level="error")
        store.add_event(failed.run_id, "failed", "run failed", run_update={"status": "failed"})
    (span,) = client.get(f"/api/runs/{failed.run_id}").json()["timeline"]
    assert span["step"] == "executing" and span["outcome"] == "failed"
    assert span["seconds"] is not None and span["seconds"] >= 0


def test_rerun_runs_the_stored_spec_again_as_a_new_run(
    client: TestClient, settings: ServiceSettings
) -> None:
    first = wait_for(client, start(client, target_table="summary"))
    response = client.post(f"/api/runs/{first['run_id'][:12]}/rerun")  # a prefix will do
    assert response.status_code == 202, response.text
    again = wait_for(client, response.json()["run_id"])

    assert again["run_id"] != first["run_id"] and again["status"] == "completed"
    assert again["spec"] == first["spec"] and again["rows"] == first["rows"]
    assert again["target_table"] == "summary" and again["prompt"] == first["prompt"]
    assert_error(client.post("/api/runs/nosuchrun/rerun"), 404)


def test_rerun_refuses_a_run_of_another_database(
    client: TestClient, settings: ServiceSettings, tmp_path: Path
) -> None:
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t AS SELECT 1 AS x").close()
    with RunStore(settings.home) as store:
        record = store.create_run(engine="duckdb", database=str(other), claim=False)
        store.add_event(record.run_id, "failed", "run failed", run_update={"status": "failed"})
    body = assert_error(client.post(f"/api/runs/{record.run_id}/rerun"), 400, "UsageError")
    assert "not on this service's database" in body["message"]
    assert "datamorph runs rerun" in body["message"]


def test_cancel_removes_a_waiting_run_and_refuses_an_ended_one(
    make_client: Callable[..., TestClient],
    settings: ServiceSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one worker, held in its publishing step for a moment: the second run surely waits
    monkeypatch.setenv("DATAMORPH_PAUSE_AT", "after_staging")
    monkeypatch.setenv("DATAMORPH_PAUSE_SECONDS", "1.5")
    client = make_client(settings.model_copy(update={"workers": 1}))
    busy = start(client, target_table="first")
    waiting = start(client, target_table="second")
    queued = client.get("/api/runs", params={"status": "queued", "target": "SECOND"}).json()
    (line,) = queued["runs"]  # a waiting run is listed and filtered like the others
    assert line["run_id"] == waiting and line["database"] == settings.database
    assert client.get("/api/runs", params={"status": "queued", "q": "no such"}).json()["runs"] == []
    response = client.post(f"/api/runs/{waiting}/cancel")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "cancelled"
    assert client.get(f"/api/runs/{waiting}").json()["status"] == "cancelled"

    until(client, busy, "publishing")  # held there, mid-step, by the pause
    asked = client.post(f"/api/runs/{busy}/cancel").json()
    assert asked["status"] == "publishing" and "publishing is all or nothing" in asked["message"]
    done = wait_for(client, busy)  # the step under way finished: published whole, not half
    assert done["status"] == "completed" and done["rows"] > 0
    with duckdb.connect(settings.database, read_only=True) as con:
        (count,) = con.execute("SELECT count(*) FROM first").fetchone() or (None,)
    assert count == done["rows"]
    cancelled = wait_for(client, waiting)
    assert cancelled["status"] == "cancelled" and cancelled["target_table"] == "second"
    assert "second" not in _tables(settings.database)
    ended = assert_error(client.post(f"/api/runs/{busy}/cancel"), 400, "UsageError")
    assert "already ended (completed)" in ended["message"]
    assert_error(client.post("/api/runs/nosuchrun/cancel"), 404)


def test_a_running_run_asked_to_stop_ends_cancelled_at_a_step_boundary(
    retail_db: Path, isolated_home: Path
) -> None:
    # the flag the service's cancel sets, read by the orchestrator before each step
    run_id = "20261207-120000-abcdef"
    cancellation.request_stop(run_id, "a person cancelled the run")
    try:
        result = datamorph.run(
            demo_spec(), database=str(retail_db), run_id=run_id, target="never", confirm=None
        )
    finally:
        cancellation.forget(run_id)
    assert result.status == "cancelled"
    assert "never" not in _tables(str(retail_db))
    with RunStore(isolated_home) as store:
        messages = [e.message for e in store.events(run_id)]
    assert any("a person cancelled the run before step planning" in m for m in messages)


def test_the_catalog_lists_tables_columns_types_and_profiles(client: TestClient) -> None:
    plain = client.get("/api/catalog").json()
    names = [t["name"] for t in plain["tables"]]
    assert "orders" in names and "customers" in names and names == sorted(names, key=str.lower)
    orders = next(t for t in plain["tables"] if t["name"] == "orders")
    assert orders["row_count"] > 0
    columns = {c["name"]: c for c in orders["columns"]}
    assert "status" in columns and columns["status"]["profile"] is None
    assert plain["database"].endswith(".duckdb")

    profiled = client.get("/api/catalog", params={"profile": "true"}).json()
    orders = next(t for t in profiled["tables"] if t["name"] == "orders")
    status = next(c for c in orders["columns"] if c["name"] == "status")
    assert "completed" in status["profile"]["top_values"]


def test_incidents_list_the_monitors_decisions(
    client: TestClient, settings: ServiceSettings
) -> None:
    assert client.get("/api/incidents").json() == {"incidents": []}
    with RunStore(settings.home) as store:
        from datamorph.runs.incidents import NewEvent

        log = store.incidents
        incident_id, _ = log.record_event(
            NewEvent(
                message='Binder Error: column "amt" not found',
                source="datamorph",
                template_id="t-1",
                category="schema_drift",
                confidence=0.92,
                classification={"category": "schema_drift"},
            )
        )
        decision = log.record_decision(
            incident_id,
            category="schema_drift",
            confidence=0.92,
            strategy="remap_column",
            action="act",
            outcome="pending",
            seconds=0.4,
        )
        log.finish_decision(decision, "verified")
    (incident,) = client.get("/api/incidents").json()["incidents"]
    assert incident["incident_id"] == incident_id and incident["category"] == "schema_drift"
    assert incident["strategy"] == "remap_column" and incident["status"] == "open"
    (made,) = incident["decisions"]
    assert (made["action"], made["outcome"], made["confidence"]) == ("act", "verified", 0.92)
    assert client.get("/api/incidents", params={"status": "resolved"}).json()["incidents"] == []
    assert_error(client.get("/api/incidents", params={"status": "bogus"}), 422)

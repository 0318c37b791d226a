"""Resuming over HTTP: an interrupted run is continued by the service's workers; a run that
cannot be resumed is a 400 saying why, before anything is queued."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from datamorph.api import ServiceSettings
from datamorph.demo.showcase import demo_spec
from datamorph.faults import CRASH_EXIT_CODE

from .helpers import assert_error, start, wait_for


def crashed_run(database: str, home: Path, spec: Path) -> None:
    """A run of another process, killed after staging (its lock freed by the OS)."""
    spec.write_text(demo_spec().to_json())
    done = subprocess.run(
        [sys.executable, "-m", "datamorph.cli", "run", "--spec", str(spec), "-d", database],
        env={**os.environ, "DATAMORPH_HOME": str(home), "DATAMORPH_CRASH_AT": "after_staging"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == CRASH_EXIT_CODE, done.stderr


def until(client: TestClient, run_id: str, status: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        run: dict[str, Any] = client.get(f"/api/runs/{run_id}").json()
        if run["status"] == status:
            return run
        assert time.monotonic() < deadline, f"run {run_id} still {run['status']}"
        time.sleep(0.05)


def test_an_interrupted_run_is_resumed_by_the_service(
    client: TestClient, settings: ServiceSettings, tmp_path: Path
) -> None:
    crashed_run(settings.database, settings.home, tmp_path / "spec.json")
    runs = client.get("/api/runs", params={"status": "interrupted"}).json()["runs"]
    (dead,) = runs  # the service noticed the dead process when listing
    response = client.post(f"/api/runs/{dead['run_id']}/resume")
    assert response.status_code == 202, response.text
    assert response.json() == {"run_id": dead["run_id"], "status": "queued"}
    run = until(client, dead["run_id"], "completed")
    assert run["rows"] and run["validation_status"] == "pass"

    again = client.post(f"/api/runs/{dead['run_id']}/resume")  # completed now
    assert "only an interrupted run can be resumed" in assert_error(again, 400)["message"]


def test_resume_of_a_finished_or_unknown_run_is_refused(client: TestClient) -> None:
    done = wait_for(client, start(client, target_table="summary"))
    assert_error(client.post(f"/api/runs/{done['run_id']}/resume"), 400)
    assert_error(client.post("/api/runs/nosuchrun/resume"), 404)

"""Hostile specs through the HTTP API: `POST /start` with `{"user_prompt", "spec"}` (the path
the web page takes after a person confirms a plan), then the run polled to its end.

A hostile spec must be refused (a 4xx) or its run must end without completing; either way
nothing it publishes, and nothing the service says about the run (its detail, log, preview,
code), holds a canary. The run detail's `database` field names the database by design and is
left out of the scan. The controls must complete and publish.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import Service, Snapshot
from .spec_cases import SpecCase, fill, spec_cases
from .spec_harness import table_text
from .sql_cases import MUST_ANSWER, MUST_REFUSE

pytestmark = pytest.mark.slow  # every test of the battery is in the slow tier
TERMINAL = {"completed", "failed", "needs_attention"}
RUN_BOUND = 60.0
HTTP_IDS = [
    "spec-ok-customer_order_summary",
    "spec-ok-slot-having",
    "spec-ok-literal_words",
    "spec-ok-slot-step_column",
    *(
        f"spec-{pid}-{position}"
        for pid in (
            "current_setting_temp_directory",
            "current_setting_threads",
            "getvariable",
            "getenv",
            "subquery_read_text",
            "subquery_duckdb_settings",
        )
        for position in ("column", "filter")
    ),
    "spec-current_setting_temp_directory-transformation",
    "spec-current_setting_temp_directory-step_column",
    "spec-current_setting_temp_directory-group_by",
    "spec-current_setting_temp_directory-aggregation",
    "spec-current_setting_temp_directory-order_by",
    "spec-dot_call_setting-column",
    "spec-current_setting_secret_directory-column",
    "spec-subquery_duckdb_databases-column",
    "spec-quoted_setting-column",
    "spec-computed_setting-column",
    "spec-subquery_string_table-column",
    "spec-subquery_proc_environ-column",
    "spec-subquery_other_db-column",
    "spec-inject_drop-column",
    "spec-source-read_text",
    "spec-step-source-duckdb_settings",
    "spec-target-stacked_drop",
]
BY_ID = {case.id: case for case in spec_cases()}
CASES = [BY_ID[case_id] for case_id in HTTP_IDS]


def run_detail(service: Service, run_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + RUN_BOUND
    while True:
        response = service.client.get(f"/api/runs/{run_id}", headers=service.headers)
        assert response.status_code == 200, response.text
        detail: dict[str, Any] = response.json()
        if detail["status"] in TERMINAL:
            return detail
        assert time.monotonic() < deadline, f"run {run_id} still {detail['status']}"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_spec_case_http(case: SpecCase, hostile_service: Service, cwd_secret: Path) -> None:
    env = hostile_service.env
    target = case.target + "_http"
    spec = fill(case.spec, env.fill)
    spec["target_table"] = {**spec["target_table"], "name": target}
    spec_text = json.dumps(spec)
    before = Snapshot.take(env, cwd_secret)
    response = hostile_service.client.post(
        "/start",
        json={"user_prompt": spec["description"], "spec": spec},
        headers=hostile_service.headers,
    )
    problems = []
    if response.status_code >= 500 or "Traceback" in response.text:
        problems.append(f"a {response.status_code}: {response.text[:300]}")
    problems += [f"/start answer leaks {label}" for label in env.leaks(response.text, spec_text)]
    status = None
    if response.status_code == 202:
        run_id = response.json()["run_id"]
        detail = run_detail(hostile_service, run_id)
        status = detail["status"]
        scanned = json.dumps({k: v for k, v in detail.items() if k != "database"})
        logs = hostile_service.client.get(f"/get/logs/{run_id}", headers=hostile_service.headers)
        problems += [f"run detail leaks {label}" for label in env.leaks(scanned, spec_text)]
        problems += [f"run log leaks {label}" for label in env.leaks(logs.text, spec_text)]
    elif case.kind == MUST_ANSWER or not 400 <= response.status_code < 500:
        problems.append(f"/start answered {response.status_code}: {response.text[:300]}")
    published = table_text(env.db_path, target)
    if case.kind == MUST_REFUSE:
        if status == "completed":
            problems.append("the run completed")
        if published is not None:
            problems.append(f"published {target}: {published[:300]}")
    if case.kind == MUST_ANSWER and (status != "completed" or published is None):
        problems.append(f"a legitimate spec ended {status}, published: {published is not None}")
    if published is not None:
        problems += [f"{target} holds {label}" for label in env.leaks(published, spec_text)]
    problems += before.changes(allowed_tables=frozenset({f"main.{target}"}))
    assert not problems, f"{case.id} [{case.kind}, {case.carrier}]\n{spec_text}\n- " + "\n- ".join(
        problems
    )

"""The monitor's commands: classify, monitor ingest, incidents, and the run options it adds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datamorph.monitor.taxonomy import CATEGORIES
from datamorph.runs import RunStore

from .scenarios import DEMO_SPEC


def test_classify_json_gives_category_confidence_strategy_and_similar_cases(run_cli: Any) -> None:
    code, out, _ = run_cli(
        "classify",
        'ERROR:  permission denied for table "orders"',
        "--code",
        "sqlstate:42501",
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and len(out.strip().splitlines()) == 1
    assert data["category"] == "permission_denied" and data["strategy"] == "escalate"
    assert 0.75 <= data["confidence"] <= 1.0
    assert data["similar"] and all("category" in s and "score" in s for s in data["similar"])


def test_classify_from_a_file_prints_one_object_per_line_in_order(
    run_cli: Any, tmp_path: Path
) -> None:
    messages = [
        "Out of Memory Error: failed to allocate data of size 64.0 MiB (90.1 MiB/95.3 MiB used)",
        "An error occurred (ThrottlingException) when calling the GetObject operation: "
        "Rate exceeded",
        'duplicate key value violates unique constraint "orders_pkey"',
    ]
    path = tmp_path / "errors.jsonl"
    path.write_text("".join(json.dumps({"message": m}) + "\n" for m in messages))
    code, out, _ = run_cli("classify", "--from", str(path), "--json")
    lines = [json.loads(line) for line in out.strip().splitlines()]
    assert code == 0 and len(lines) == 3
    assert [line["category"] for line in lines] == [
        "resource_exhaustion",
        "quota_exceeded",
        "data_duplication",
    ]
    assert all(line["category"] in CATEGORIES for line in lines)


def test_bad_input_is_one_line_with_a_hint(run_cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"message": "ok"}\nnot json\n')
    code, out, err = run_cli("classify", "--from", str(bad), "--json")
    data = json.loads(out)
    assert code == 2 and data["error"] is True and "bad.jsonl:2" in data["message"]
    code, _, err = run_cli("classify")
    assert code == 2 and "Hint:" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli("monitor", "ingest", str(tmp_path / "missing.jsonl"))
    assert code == 2 and "not found" in err


def test_ingested_events_become_incidents_with_a_recommendation(
    run_cli: Any, tmp_path: Path, isolated_home: Path
) -> None:
    events = [
        {"message": "Connection timed out after 30000 ms to 10.1.2.3:5432", "source": "glue",
         "job_id": "nightly-1"},
        {"message": "Connection timed out after 45000 ms to 10.1.2.4:5432", "source": "glue",
         "job_id": "nightly-2"},
        {"message": "FileNotFoundError: [Errno 2] No such file or directory: '/landing/x.csv'",
         "source": "airflow", "job_id": "load-x"},
    ]  # fmt: skip
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in events))
    code, out, _ = run_cli("monitor", "ingest", str(path), "--json")
    filed = [json.loads(line) for line in out.strip().splitlines()]
    assert code == 0 and [f["line"] for f in filed] == [1, 2, 3]
    assert filed[0]["incident_id"] == filed[1]["incident_id"] != filed[2]["incident_id"]
    code, out, _ = run_cli("incidents", "list", "--json")
    listed = json.loads(out)
    assert {i["event_count"] for i in listed} == {2, 1}
    code, out, _ = run_cli("incidents", "show", filed[0]["incident_id"], "--json")
    shown = json.loads(out)
    assert [d["action"] for d in shown["decisions"]] == ["recommend", "recommend"]
    assert [e["job_id"] for e in shown["events"]] == ["nightly-1", "nightly-2"]
    code, _, err = run_cli("incidents", "show", "inc-nope")
    assert code == 2 and "unknown incident" in err


def test_run_options_reach_the_engine_and_rerun_repeats_a_run(
    run_cli: Any, retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    code, out, _ = run_cli(
        "run", "--spec", str(DEMO_SPEC), "--database", str(retail_db),
        "--set", "threads=1", "--set", "memory_limit=512MB", "--json",
    )  # fmt: skip
    first = json.loads(out)
    assert code == 0 and first["status"] == "completed"
    code, out, _ = run_cli("runs", "rerun", first["run_id"], "--json")
    again = json.loads(out)
    assert code == 0 and again["status"] == "completed" and again["run_id"] != first["run_id"]
    code, _, err = run_cli("run", "--spec", str(DEMO_SPEC), "--set", "memory_limit")
    assert code == 2 and "KEY=VALUE" in err
    code, _, err = run_cli(
        "run", "--spec", str(DEMO_SPEC), "--database", str(retail_db), "--set", "colour=red"
    )
    assert code == 2 and "unknown engine setting 'colour'" in err
    code, _, err = run_cli("run", "--spec", str(DEMO_SPEC), "--approve", "dedupe")
    assert code == 2 and "did you mean 'deduplicate'" in err


def test_incidents_of_a_healed_run_are_resolved_and_learned(
    run_cli: Any, retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    landing = tmp_path / "late"
    code, out, _ = run_cli(
        "run", "--spec", str(DEMO_SPEC), "--database", str(retail_db),
        "--source", f"orders={landing}/orders.csv", "--json",
    )  # fmt: skip
    result = json.loads(out)
    assert code == 1 and result["status"] == "needs_attention"  # it never landed
    with RunStore(isolated_home) as store:
        made = store.incidents.decisions(result["run_id"])
        assert store.incidents.knowledge() == []  # nothing was verified, nothing learned
    assert [d["action"] for d in made] == ["act", "act", "act", "escalate"]

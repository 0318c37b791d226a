"""Real faults end to end: provoked for real, classified by the shipped classifier, healed
(or escalated) by a strategy that acts; healed means the re-run validated and published."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from datamorph.demo.showcase import build_demo_database
from datamorph.runs import RunStore

from . import scenarios


@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.duckdb"
    build_demo_database(path, orders=scenarios.BIG_ORDERS, seed=3)
    return path


def decisions(home: Path, run_id: str) -> list[dict[str, Any]]:
    with RunStore(home) as store:
        return store.incidents.decisions(run_id)


def events(home: Path, run_id: str) -> str:
    with RunStore(home) as store:
        return "\n".join(e.message for e in store.events(run_id))


def spec_artifacts(home: Path, run_id: str) -> list[str]:
    with RunStore(home) as store:
        return [a.name for a in store.artifacts(run_id) if a.kind == "spec"]


def test_memory_limit_too_small_is_scaled_and_the_run_completes(
    big_template: Path, tmp_path: Path, isolated_home: Path
) -> None:
    db = tmp_path / "big.duckdb"
    shutil.copy(big_template, db)
    result = scenarios.memory_too_small(db, tmp_path)
    assert result.status == "completed", result.message
    made = decisions(isolated_home, result.run_id)
    assert [d["strategy"] for d in made] == ["scale"]
    assert made[0]["category"] == "resource_exhaustion" and made[0]["outcome"] == "verified"
    assert made[0]["confidence"] >= 0.75
    before, after = made[0]["detail"]["before"], made[0]["detail"]["after"]
    assert before["memory_limit"] != after["memory_limit"] and after["temp_directory"]
    con = duckdb.connect(str(db), read_only=True)
    published = con.execute("SELECT count(*) FROM customer_order_summary").fetchone()
    con.close()
    assert published is not None and published[0] == result.rows > 0


def test_a_source_file_that_lands_late_is_retried_with_backoff(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    result = scenarios.late_file(retail_db, tmp_path)
    assert result.status == "completed", result.message
    made = decisions(isolated_home, result.run_id)
    assert made and {d["strategy"] for d in made} == {"retry"}
    assert {d["category"] for d in made} == {"missing_dependency"}
    assert made[-1]["outcome"] == "verified"
    assert all(d["detail"]["delay_seconds"] > 0 for d in made)


def test_duplicate_keys_in_a_source_are_deduplicated_and_reported(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    result = scenarios.duplicate_keys(retail_db, tmp_path)
    assert result.status == "completed", result.message
    made = decisions(isolated_home, result.run_id)
    assert [d["strategy"] for d in made] == ["deduplicate"]
    assert made[0]["category"] == "data_duplication" and made[0]["outcome"] == "verified"
    assert made[0]["detail"]["keys"] == ["customer_id"]
    assert "deduplicating on the spec's keys (customer_id)" in events(isolated_home, result.run_id)
    assert len(spec_artifacts(isolated_home, result.run_id)) == 2  # the spec, and its revision
    con = duckdb.connect(str(retail_db), read_only=True)
    dupes = con.execute(
        "SELECT count(*) - count(DISTINCT customer_id) FROM customer_order_summary"
    ).fetchone()
    con.close()
    assert dupes == (0,)


def test_a_locked_database_is_retried_a_bounded_number_of_times_then_escalated(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    started = time.perf_counter()
    result = scenarios.locked_database(retail_db, tmp_path)
    elapsed = time.perf_counter() - started
    assert result.status == "needs_attention"
    made = decisions(isolated_home, result.run_id)
    assert {d["category"] for d in made} == {"resource_locked"}
    assert [d["action"] for d in made] == ["act", "act", "act", "escalate"]
    assert elapsed < 30  # bounded: never retried forever
    assert "needs attention: resource_locked" in (result.message or "")


def test_an_unreadable_source_is_escalated_at_once(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    result = scenarios.corrupt_source(retail_db, tmp_path)
    assert result.status == "needs_attention"
    made = decisions(isolated_home, result.run_id)
    assert [d["action"] for d in made] == ["escalate"]
    assert made[0]["category"] == "data_corruption"
    with RunStore(isolated_home) as store:
        names = [a.name for a in store.artifacts(result.run_id)]
    assert "monitor/diagnosis-1.json" in names


def test_a_renamed_column_between_runs_is_replanned_from_the_prompt(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    first, second = scenarios.renamed_column(retail_db, tmp_path)
    assert first.status == "completed", first.message
    assert second.status == "completed", second.message
    made = decisions(isolated_home, second.run_id)
    assert [d["strategy"] for d in made] == ["refresh_catalog"]
    assert made[0]["category"] == "schema_mismatch" and made[0]["outcome"] == "verified"
    names = spec_artifacts(isolated_home, second.run_id)
    assert len(names) == 2
    with RunStore(isolated_home) as store:
        assert "order_amount" in store.read_artifact(second.run_id, names[-1])

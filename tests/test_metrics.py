"""Run metrics (`datamorph.runs.metrics`): real runs on a DuckDB file counted by status, success,
healing, durations; exact figures from a store filled by hand (percentiles, healing by category
and strategy, model usage, a status the code does not know); the window; the Prometheus text;
`datamorph stats`; and the same figures from a PostgreSQL store."""

from __future__ import annotations

import json
import math
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families

import datamorph
from datamorph.cli import main
from datamorph.demo.showcase import demo_spec
from datamorph.errors import UsageError
from datamorph.healing import Remediator
from datamorph.runs import RunStatus, RunStore
from datamorph.runs.incidents import NewEvent
from datamorph.runs.metrics import Metrics, collect, parse_window
from datamorph.runs.metrics_prometheus import exposition
from datamorph.runs.schema import TERMINAL, runs_table

SPECS = Path(__file__).parent / "specs"
BROKEN_SQL = """
SELECT c.customer_id, c.customer_name,
       sum(o.amout - coalesce(o.discount, 0)) AS total_amount, count(o.order_id) AS order_count
FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id
WHERE o.status = 'completed'
GROUP BY c.customer_id, c.customer_name
HAVING sum(o.amout - coalesce(o.discount, 0)) > 100
"""


class ShiftedClock:
    """Real time, moved by `offset`: runs in the past without waiting for it."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


class FakeClock:
    """Time that moves only by hand: every figure of a hand-filled store is known exactly."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 14, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def nearest_rank(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(p / 100 * len(ordered)) - 1]


# ---- real runs ----------------------------------------------------------------------------------


@dataclass
class RealRuns:
    store: RunStore
    ids: dict[str, str]


@pytest.fixture(scope="module")
def real(retail_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealRuns]:
    """Five runs through `datamorph.run`: one ten days ago, then one each that completes at
    once, heals itself, fails on a bad spec, and stops for a person."""
    root = tmp_path_factory.mktemp("metrics")
    database = root / "retail.duckdb"
    shutil.copy(retail_template, database)
    clock = ShiftedClock()
    ids: dict[str, str] = {}
    with RunStore(root / ".datamorph", clock=clock) as store:
        db = str(database)
        clock.offset = -timedelta(days=10)
        ids["old"] = datamorph.run(SPECS / "overall_totals.json", database=db, store=store).run_id
        clock.offset = timedelta(0)
        spec = SPECS / "customer_order_summary.json"
        ids["first"] = datamorph.run(spec, database=db, store=store).run_id
        broken = root / "broken.sql"
        broken.write_text(BROKEN_SQL)
        ids["healed"] = datamorph.run(spec, code=broken, database=db, store=store).run_id
        bad = json.loads(demo_spec().to_json()) | {"filters": ["o.missing = 1"]}
        with pytest.raises(UsageError):
            datamorph.run(bad, database=db, store=store)
        ids["failed"] = store.list_runs(limit=1)[0].run_id
        cast = root / "cast.sql"
        cast.write_text("SELECT CAST(customer_name AS INTEGER) AS x FROM customers")
        ids["stopped"] = datamorph.run(
            spec, code=cast, database=db, store=store, healer=Remediator(max_iterations=0)
        ).run_id
        yield RealRuns(store, ids)


def test_real_runs_by_status_and_success(real: RealRuns) -> None:
    m = collect(real.store, "24h")
    assert m.runs == 4  # the run of ten days ago is outside the window
    assert m.by_status == {"completed": 2, "failed": 1, "needs_attention": 1}
    assert m.finished == 4
    assert (m.first_attempt.count, m.after_healing.count) == (1, 1)
    assert m.first_attempt.rate == m.after_healing.rate == 0.25
    records = [real.store.get_run(real.ids[k]) for k in ("first", "healed", "failed", "stopped")]
    healed = real.store.get_run(real.ids["healed"])
    assert healed.status == "completed" and healed.iterations >= 1
    assert m.mean_healing_iterations == round(sum(r.iterations for r in records) / 4, 4)
    everything = collect(real.store, "all")
    assert everything.runs == 5 and everything.first_attempt.count == 2
    assert everything.window == "all" and everything.since is None


def test_real_step_and_run_durations(real: RealRuns) -> None:
    m = collect(real.store, "24h")
    seconds: dict[str, list[float]] = {}
    for key in ("first", "healed", "failed", "stopped"):
        for event in real.store.events(real.ids[key]):
            if event.message == f"{event.step} finished":
                seconds.setdefault(event.step, []).append(event.metadata["seconds"])
    assert [d.step for d in m.step_durations] == [s for s in RunStatus if s in seconds]
    assert {"planning", "executing", "validating", "remediating", "publishing"} <= set(seconds)
    for d in m.step_durations:
        values = seconds[d.step]
        assert d.count == len(values)
        assert (d.p50, d.p90, d.p99) == tuple(nearest_rank(values, p) for p in (50, 90, 99))
        assert d.max == max(values)
    assert m.run_durations is not None and m.run_durations.count == 4
    records = [real.store.get_run(real.ids[k]) for k in ("first", "healed", "failed", "stopped")]
    spans = [(r.updated_at - r.created_at).total_seconds() for r in records]
    assert m.run_durations.max == pytest.approx(max(spans), abs=0.002)
    assert m.run_durations.p50 == pytest.approx(nearest_rank(spans, 50), abs=0.002)
    # healing took the longest run: the healed one spans its remediating step
    assert m.run_durations.max >= max(seconds["remediating"])


def test_real_healing_is_counted_from_the_monitors_decisions(real: RealRuns) -> None:
    m = collect(real.store, "24h")
    decisions = [
        d for k in ("healed", "stopped") for d in real.store.incidents.decisions(real.ids[k])
    ]
    assert any(d["outcome"] == "verified" for d in decisions)  # the healed run's last fix
    by_category = {g.name: g for g in m.healing_by_category}
    assert set(by_category) == {d["category"] for d in decisions}
    for name, group in by_category.items():
        mine = [d for d in decisions if d["category"] == name]
        assert group.decisions == len(mine)
        assert group.verified == sum(d["outcome"] == "verified" for d in mine)
    assert sum(g.decisions for g in m.healing_by_strategy) == len(decisions)
    assert m.llm.runs == 0 and m.llm.cost_usd == 0  # the spec was given: no model was asked


# ---- a store filled by hand ---------------------------------------------------------------------


def fill(store: RunStore, clock: FakeClock) -> None:
    """Ten finished runs whose executing step took 1..10 s and whose whole run took 1..10
    minutes, one still planning, one three days old; decisions, model usage."""
    start = clock.now
    clock.now = start - timedelta(days=3)
    old = store.create_run(engine="duckdb", database="x.duckdb")
    store.add_event(old.run_id, "executing", "executing finished", metadata={"seconds": 100.0})
    store.update_run(old.run_id, status=RunStatus.COMPLETED)
    _decide(store, "timeout", "retry", "failed", run_id=old.run_id)
    plan = [
        ("completed", 0), ("completed", 0), ("completed", 0), ("completed", 0),
        ("completed", 1), ("completed", 3), ("failed", 2), ("failed", 0),
        ("needs_attention", 5), ("cancelled", 0),
    ]  # fmt: skip
    usages = [
        {"planner": "llm", "llm": _usage(calls=2, input_tokens=1000, output_tokens=200)},
        {"planner": "llm", "llm": _usage(calls=1, input_tokens=500, output_tokens=100)},
        {"planner": "rules", "planning_seconds": 0.01},  # no model asked
    ]
    usages[0]["llm"]["cost_usd"], usages[1]["llm"]["cost_usd"] = 0.0123, 0.004
    ids = []
    for i, (status, iterations) in enumerate(plan, start=1):
        clock.now = start + timedelta(minutes=10 * i)
        run = store.create_run(engine="duckdb", database="x.duckdb")
        ids.append(run.run_id)
        if i <= len(usages):  # set while planning, as the orchestrator does
            store.update_run(run.run_id, usage=usages[i - 1])
        store.add_event(run.run_id, "executing", "executing started")
        store.add_event(run.run_id, "executing", "executing finished", metadata={"seconds": i})
        store.add_event(run.run_id, "monitor", "waited", metadata={"seconds": 999})  # no step
        clock.now += timedelta(minutes=i)
        known = status in {s.value for s in RunStatus}
        store.update_run(run.run_id, iterations=iterations, **({"status": status} if known else {}))
        if not known:  # a status added after this code: only the column knows it
            with store._write() as conn:
                conn.execute(
                    runs_table.update()
                    .where(runs_table.c.run_id == run.run_id)
                    .values(status=status)
                )
    store.create_run(engine="duckdb", database="x.duckdb")  # still planning
    for outcome in ("verified", "verified", "failed"):
        _decide(store, "schema_drift", "replan", outcome, run_id=ids[4])
    _decide(store, "timeout", "retry", "verified", run_id=ids[5])
    _decide(store, "timeout", "retry", "pending", run_id=ids[6])
    _decide(store, "permission", "escalate", "escalated", run_id=ids[8], action="escalate")
    _decide(store, "code_defect", "fix_code", "recommended", action="recommend")  # not a run's
    clock.now = start + timedelta(hours=3)


def _usage(**tokens: int) -> dict[str, Any]:
    return {**tokens, "seconds": 1.5, "cost_usd": 0.0}


def _decide(
    store: RunStore,
    category: str,
    strategy: str,
    outcome: str,
    *,
    run_id: str | None = None,
    action: str = "act",
) -> None:
    incidents = store.incidents
    event = NewEvent(
        message=f"{category} failure {outcome}",
        source="datamorph",
        template_id=category[:16],
        category=category,
        confidence=0.9,
        classification={},
        run_id=run_id,
    )
    incident_id, _ = incidents.record_event(event)
    first = "pending" if outcome in ("verified", "failed") else outcome
    decision = incidents.record_decision(
        incident_id,
        run_id=run_id,
        category=category,
        confidence=0.9,
        strategy=strategy,
        action=action,
        outcome=first,
        seconds=0.1,
    )
    if first != outcome:
        incidents.finish_decision(decision, outcome)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def filled(tmp_path: Path, clock: FakeClock) -> Iterator[RunStore]:
    with RunStore(tmp_path / "filled", clock=clock) as store:
        fill(store, clock)
        yield store


def cancelled_is_terminal() -> bool:
    # Another part of the code may make "cancelled" a terminal status; both must count right.
    return "cancelled" in {s.value for s in TERMINAL}


def test_exact_figures_of_a_store_filled_by_hand(filled: RunStore, clock: FakeClock) -> None:
    m = collect(filled, "24h")
    assert m.until == clock.now and m.since == clock.now - timedelta(hours=24)
    assert m.runs == 11
    assert m.by_status == {
        "planning": 1, "completed": 6, "failed": 2, "needs_attention": 1, "cancelled": 1,
    }  # fmt: skip
    finished = 10 if cancelled_is_terminal() else 9
    assert m.finished == finished
    assert (m.first_attempt.count, m.after_healing.count) == (4, 2)
    assert m.first_attempt.rate == pytest.approx(4 / finished)
    assert m.after_healing.rate == pytest.approx(2 / finished)
    assert m.mean_healing_iterations == round(11 / finished, 4)
    (executing,) = m.step_durations  # "started" events and other steps' seconds do not count
    assert executing.step == "executing" and executing.count == 10
    assert (executing.p50, executing.p90, executing.p99, executing.max) == (5, 9, 10, 10)
    whole = m.run_durations
    assert whole is not None and whole.count == finished
    minutes = list(range(1, finished + 1))
    expected = [60.0 * nearest_rank(minutes, p) for p in (50, 90, 99)] + [60.0 * finished]
    assert [whole.p50, whole.p90, whole.p99, whole.max] == pytest.approx(expected, abs=0.01)


def test_healing_by_category_and_strategy(filled: RunStore) -> None:
    m = collect(filled, "24h")
    strategies = {g.name: g for g in m.healing_by_strategy}
    assert list(strategies) == ["replan", "retry", "escalate"]  # most decisions first
    replan, retry, escalate = strategies.values()
    assert (replan.decisions, replan.verified, replan.failed) == (3, 2, 1)
    assert replan.success_rate == pytest.approx(2 / 3)
    assert (retry.decisions, retry.verified, retry.pending, retry.success_rate) == (2, 1, 1, 1.0)
    assert (escalate.escalated, escalate.success_rate) == (1, 0.0)
    categories = {g.name: g.success_rate for g in m.healing_by_category}
    # the recommendation for an outside pipeline and the decision of three days ago: left out
    assert categories == {"schema_drift": pytest.approx(2 / 3), "timeout": 1.0, "permission": 0}
    week = {g.name: g for g in collect(filled, "7d").healing_by_category}
    assert (week["timeout"].decisions, week["timeout"].failed) == (3, 1)  # the old one counts


def test_model_usage_is_summed(filled: RunStore) -> None:
    llm = collect(filled, "24h").llm
    assert (llm.runs, llm.calls, llm.input_tokens, llm.output_tokens) == (2, 3, 1500, 300)
    assert llm.cost_usd == pytest.approx(0.0163)


def test_the_window_moves_with_the_clock(filled: RunStore, clock: FakeClock) -> None:
    assert collect(filled, "all").runs == 12
    assert collect(filled, "7d").runs == 12
    # runs began 10, 20 ... 100 minutes after the start, the planning one at 110; now is 180
    assert collect(filled, "1h").runs == 0
    assert collect(filled, "75m").by_status == {"planning": 1}
    assert collect(filled, "2h").runs == 6  # the one of minute 60 is in: the window includes it
    clock.now += timedelta(days=30)
    assert collect(filled, "30d").runs == 0 and collect(filled, "31d").runs == 11


@pytest.mark.parametrize("text", ["3x", "", "0h", "-1d", "24 hours", "1e3d"])
def test_an_unknown_window_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="unknown window") as caught:
        parse_window(text)
    assert "24h" in (caught.value.hint or "")


def test_windows_that_parse() -> None:
    assert parse_window("all") is None and parse_window(" ALL ") is None
    assert parse_window("90m") == timedelta(minutes=90)
    assert parse_window("7D") == timedelta(days=7)
    assert parse_window("2w") == timedelta(weeks=2)


def test_an_empty_store_has_zeros_not_errors(store: RunStore) -> None:
    m = collect(store, "all")
    assert (m.runs, m.finished, m.by_status) == (0, 0, {})
    assert m.first_attempt.rate is None and m.mean_healing_iterations is None
    assert m.step_durations == [] and m.run_durations is None
    text = exposition(m).decode()
    assert "datamorph_runs_success_ratio{" not in text  # no ratio of nothing


# ---- Prometheus ---------------------------------------------------------------------------------


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_prometheus_text_parses_and_has_the_figures(filled: RunStore) -> None:
    m = collect(filled, "24h")
    found = samples(exposition(m).decode())
    assert found[("datamorph_metrics_window_seconds", ())] == 86400
    assert found[("datamorph_runs", (("status", "completed"),))] == 6
    assert found[("datamorph_runs", (("status", "cancelled"),))] == 1
    assert found[("datamorph_runs_finished", ())] == m.finished
    assert found[("datamorph_runs_completed", (("attempt", "healed"),))] == 2
    ratio = found[("datamorph_runs_success_ratio", (("attempt", "first"),))]
    assert ratio == pytest.approx(m.first_attempt.rate)
    step = (("quantile", "0.9"), ("step", "executing"))
    assert found[("datamorph_step_duration_seconds", step)] == 9
    assert found[("datamorph_step_duration_max_seconds", (("step", "executing"),))] == 10
    assert found[("datamorph_run_duration_seconds", (("quantile", "0.5"),))] > 0
    replan = (("outcome", "verified"), ("strategy", "replan"))
    assert found[("datamorph_healing_strategy_decisions", replan)] == 2
    drift = (("category", "schema_drift"),)
    assert found[("datamorph_healing_category_success_ratio", drift)] == pytest.approx(2 / 3)
    assert found[("datamorph_llm_tokens", (("direction", "input"),))] == 1500
    assert found[("datamorph_llm_cost_usd", ())] == pytest.approx(0.0163)
    all_time = samples(exposition(collect(filled, "all")).decode())
    assert all_time[("datamorph_metrics_window_seconds", ())] == math.inf


# ---- the CLI ------------------------------------------------------------------------------------


def stats(capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch, *args: str) -> Any:
    mp.setattr(sys, "argv", ["datamorph", "stats", *args])
    with pytest.raises(SystemExit) as done:
        main()
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


def test_stats_command_json_and_tables(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    clock.now = datetime.now(UTC) - timedelta(hours=3)  # `stats` reads the real time
    with RunStore(isolated_home, clock=clock) as store:
        fill(store, clock)
    code, out, err = stats(capsys, monkeypatch, "--since", "7d", "--json")
    assert code == 0, err
    m = Metrics.model_validate(json.loads(out))  # stdout is exactly the metrics object
    assert m.runs == 12 and m.window == "7d" and m.after_healing.count == 2
    code, out, _ = stats(capsys, monkeypatch, "--since", "all")
    assert code == 0
    for text in ("12 runs", "runs by status", "completed after healing", "executing",
                 "whole run", "schema_drift", "replan", "1,500 input"):  # fmt: skip
        assert text in out
    code, out, err = stats(capsys, monkeypatch, "--since", "forever", "--json")
    assert code == 2 and "Traceback" not in err
    assert json.loads(out)["message"].startswith("unknown window 'forever'")


# ---- PostgreSQL ---------------------------------------------------------------------------------


def test_a_postgresql_store_gives_the_same_figures(
    postgres: Any, tmp_path: Path, clock: FakeClock
) -> None:
    with psycopg.connect(postgres.dsn(), autocommit=True) as con:
        con.execute("DROP DATABASE IF EXISTS dm_metrics")
        con.execute("CREATE DATABASE dm_metrics")
    url = f"postgresql://postgres:{postgres.password}@{postgres.host}:{postgres.port}/dm_metrics"
    lite_clock = FakeClock()
    with (
        RunStore(tmp_path / "pg", url=url, clock=clock) as pg,
        RunStore(tmp_path / "lite", clock=lite_clock) as lite,
    ):
        fill(pg, clock)
        fill(lite, lite_clock)
        assert pg._engine.dialect.name == "postgresql"
        for window in ("24h", "all"):
            on_pg, on_lite = collect(pg, window), collect(lite, window)
            assert on_pg.runs > 0 and on_pg.run_durations is not None
            assert on_pg.model_dump() == on_lite.model_dump()
        assert "datamorph_runs" in exposition(collect(pg, "all")).decode()

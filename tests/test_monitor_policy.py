"""The monitor acts only where a person would agree: data changes wait for approval, what
they change is shown exactly, data properties are explained as data; and the scale strategy's
resources (spill folders) go when the run ends. Real DuckDB runs throughout."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

import datamorph
from datamorph.cli import app
from datamorph.demo.data import generate_retail
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.monitor.gate import GatePolicy
from datamorph.monitor.monitor import MonitorConfig
from datamorph.monitor.strategies import Backoff
from datamorph.runs import RunStore

SPEC = Path(datamorph.__file__).parent / "demo" / "customer_order_summary.json"
DUPLICATED = 3  # customers a change feed sent twice
EMAILS = {  # a declared key with NULLs in the data (2 % of customers have no email)
    "version": 1,
    "source_tables": [{"name": "customers", "alias": "c"}],
    "columns": ["c.customer_id", "c.email"],
    "target_table": {"name": "customer_emails", "keys": ["email"]},
}


def quick() -> MonitorConfig:
    return MonitorConfig(backoff=Backoff(base=0.1, cap=0.3))


def decisions(home: Path, run_id: str) -> list[dict[str, Any]]:
    with RunStore(home) as store:
        return store.incidents.decisions(run_id)


def customers_sent_twice(db: Path, folder: Path, twice: int = DUPLICATED) -> Path:
    """customers.csv with `twice` customers of the summary repeated under a changed name."""
    path = folder / "customers.csv"
    con = duckdb.connect(str(db), read_only=True)
    con.execute(f"COPY (SELECT * FROM customers ORDER BY customer_id) TO '{path}' (HEADER)")
    chosen = {  # customers the summary keeps (completed orders above 1000)
        str(r[0])
        for r in con.execute(
            "SELECT customer_id FROM orders WHERE status = 'completed' GROUP BY 1 "
            "HAVING sum(amount - coalesce(discount, 0)) > 1000 ORDER BY 1 LIMIT ?",
            [twice],
        ).fetchall()
    }
    con.close()
    assert len(chosen) == twice
    with path.open() as handle:
        rows = list(csv.reader(handle))
    key, name = rows[0].index("customer_id"), rows[0].index("customer_name")
    again = [
        [*r[:name], r[name] + " (updated)", *r[name + 1 :]] for r in rows[1:] if r[key] in chosen
    ]
    with path.open("a", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(again)
    return path


def published_rows(db: Path, table: str) -> int | None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
        ).fetchone()
        if not found or not found[0]:
            return None
        row = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        return int(row[0]) if row else None
    finally:
        con.close()


# ---- the gate ----------------------------------------------------------------------------------


def test_data_changes_need_approval_whatever_the_confidence() -> None:
    policy = GatePolicy()
    acted, why = policy.verdict("deduplicate", "data", 0.999)
    assert not acted
    assert "`--approve deduplicate`" in why
    assert 'approve = ["deduplicate"]' in why and "[policy]" in why
    assert not policy.verdict("anything", "configuration", 1.0)[0]
    assert policy.verdict("scale", "resources", 0.8)[0]  # this run's own resources
    assert not policy.verdict("refresh_credentials", "credentials", 0.8)[0]  # stricter
    assert policy.verdict("refresh_credentials", "credentials", 0.95)[0]
    by_flag = GatePolicy(approved=frozenset({"deduplicate"}))
    assert by_flag.verdict("deduplicate", "data", 0.8) == (
        True,
        "deduplicate changes data; approved for this run (--approve)",
    )
    by_project = GatePolicy(project=frozenset({"deduplicate"}))
    acted, why = by_project.verdict("deduplicate", "data", 0.8)
    assert acted and "datamorph.toml" in why
    assert not by_project.verdict("deduplicate", "data", 0.5)[0]  # approval never beats 0.75


# ---- duplicates: refused without approval, explained; counted exactly with it ------------------


def test_duplicate_source_rows_wait_for_approval_and_say_which(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    source = customers_sent_twice(retail_db, tmp_path)
    result = datamorph.run(
        SPEC, database=str(retail_db), sources={"customers": str(source)}, monitor=quick()
    )
    assert result.status == "needs_attention"
    message = result.message or ""
    assert message.startswith("needs attention: the data, not the code")
    assert f"{DUPLICATED} customer_id values have more than one row" in message
    assert f"({DUPLICATED} extra rows; rows of one customer_id differ in customer_name" in message
    assert "(updated)'" in message  # an example of the rows that differ
    assert "`--approve deduplicate`" in message and 'approve = ["deduplicate"]' in message
    made = decisions(isolated_home, result.run_id)
    assert [(d["strategy"], d["action"]) for d in made] == [("deduplicate", "escalate")]
    assert made[0]["category"] == "data_duplication" and made[0]["confidence"] >= 0.9
    assert "waits for approval" in made[0]["detail"]["gate"]
    assert published_rows(retail_db, "customer_order_summary") is None  # nothing published


@pytest.mark.parametrize("twice", [DUPLICATED, 120])
def test_approved_deduplicate_reports_exactly_what_it_removed(
    retail_db: Path, tmp_path: Path, isolated_home: Path, twice: int
) -> None:
    source = customers_sent_twice(retail_db, tmp_path, twice)
    result = datamorph.run(
        SPEC,
        database=str(retail_db),
        sources={"customers": str(source)},
        approve=("deduplicate",),
        monitor=quick(),
    )
    assert result.status == "completed", result.message
    with RunStore(isolated_home) as store:
        record = store.get_run(result.run_id)
        report = json.loads(store.read_artifact(result.run_id, "monitor/deduplicate-1.json"))
    removed = report["rows_removed"]
    assert removed == report["key_values_duplicated"] == twice  # exact, not capped by a sample
    assert record.message == result.message
    assert (result.message or "").startswith(f"completed; deduplicate removed {removed:,} row")
    sample = report["sample"]
    assert 2 <= len(sample) <= 10
    first = sample[0]["customer_id"]
    names = {r["customer_name"]: r["_dm_kept"] for r in sample if r["customer_id"] == first}
    assert sorted(names.values()) == [False, True]  # one kept, one removed, by key
    assert any(n.endswith("(updated)") for n in names)
    made = decisions(isolated_home, result.run_id)
    assert made[0]["outcome"] == "verified" and made[0]["detail"]["rows_removed"] == removed


def test_the_cli_json_and_runs_show_say_what_deduplicate_changed(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    source = customers_sent_twice(retail_db, tmp_path)
    runner = CliRunner()
    args = ["run", "--spec", str(SPEC), "-d", str(retail_db), "--source", f"customers={source}"]
    refused = runner.invoke(app, [*args, "--json"])
    assert refused.exit_code == 1, refused.output
    assert "--approve deduplicate" in json.loads(refused.output)["message"]
    done = runner.invoke(app, [*args, "--approve", "deduplicate", "--json"])
    assert done.exit_code == 0, done.output
    result = json.loads(done.output)
    assert "deduplicate removed 3 rows" in result["message"]
    shown = runner.invoke(app, ["runs", "show", result["run_id"], "--json"])
    data = json.loads(shown.output)
    assert "deduplicate removed 3 rows" in data["message"]
    assert "monitor/deduplicate-1.json" in [a["name"] for a in data["artifacts"]]


def test_a_project_policy_approves_deduplicate(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    (tmp_path / "datamorph.toml").write_text('[policy]\napprove = ["deduplicate"]\n')
    source = customers_sent_twice(retail_db, tmp_path)
    result = datamorph.run(
        SPEC, database=str(retail_db), sources={"customers": str(source)}, monitor=quick()
    )
    assert result.status == "completed", result.message
    made = decisions(isolated_home, result.run_id)
    assert "approved by the project" in made[0]["detail"]["gate"]


# ---- NULL keys: the data, explained with the person's options ----------------------------------


def test_null_keys_are_explained_as_data_with_options(retail_db: Path, isolated_home: Path) -> None:
    con = duckdb.connect(str(retail_db), read_only=True)
    nulls = con.execute("SELECT count(*) FROM customers WHERE email IS NULL").fetchone()
    con.close()
    assert nulls is not None and nulls[0] > 1
    result = datamorph.run(EMAILS, database=str(retail_db), monitor=quick())
    assert result.status == "needs_attention"
    message = result.message or ""
    assert message.startswith("needs attention: the data, not the code")
    assert f"column email of customers has {nulls[0]} NULLs" in message
    assert f"{nulls[0]} output rows have no email" in message
    assert "filter them (`c.email is not null`)" in message
    assert "take email out of target_table.keys" in message
    assert "repeats" not in message  # NULL rows share one key value: told as NULLs, not copies
    made = decisions(isolated_home, result.run_id)
    assert made[0]["category"] != "code_defect" and made[0]["action"] == "escalate"
    with RunStore(isolated_home) as store:
        diagnosis = json.loads(store.read_artifact(result.run_id, "monitor/diagnosis-1.json"))
    assert any("is not null" in step for step in diagnosis["what_to_do"])


# ---- scale on DuckDB: a fresh instance, and no spill folder left behind -------------------------


def test_scale_up_moves_the_spill_folder_of_an_instance_that_already_spilled(
    tmp_path: Path,
) -> None:
    db = tmp_path / "spilled.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(200000)")
    con.close()
    spill = tmp_path / "spill" / "run"
    settings = {"memory_limit": "16MB", "threads": "1", "preserve_insertion_order": "false"}
    with DuckDBEngine(db, settings=settings) as engine:
        engine.execute("CREATE TABLE sorted AS SELECT * FROM t ORDER BY s")
        assert Path(f"{db}.tmp").is_dir()  # it spilled beside the database
        with pytest.raises(duckdb.Error, match=r"temp_directory|temporary directory"):
            engine.con.execute(f"SET temp_directory = '{tmp_path / 'elsewhere'}'")
        before, after = engine.scale_up(4, 2**30, spill=spill)
        assert after["temp_directory"] == str(spill)
        assert after["memory_limit"] != before["memory_limit"]
        assert after["preserve_insertion_order"].lower() == "false"  # the run's other settings stay
        assert engine.query("SELECT count(*) FROM sorted").rows == [(200000,)]


def test_scale_up_keeps_the_spill_folder_another_connection_holds(tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    with DuckDBEngine(db, create=True, settings={"memory_limit": "16MB"}) as first:
        first.execute("CREATE TABLE t AS SELECT 1 AS a")
        with DuckDBEngine(db) as second:
            before, after = second.scale_up(4, 2**30, spill=tmp_path / "spill")
            assert after["temp_directory"] == before["temp_directory"]  # the instance's own
            assert after["memory_limit"] != before["memory_limit"]
            assert second.query("SELECT a FROM t").rows == [(1,)]
        assert first.query("SELECT a FROM t").rows == [(1,)]


@pytest.fixture(scope="module")
def orders_200k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "orders200k.duckdb"
    con = duckdb.connect(str(path))
    generate_retail(con, orders=200_000, seed=1)
    con.close()
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    "settings", [{"memory_limit": "8MB"}, {"memory_limit": "8MB", "threads": "8"}]
)
def test_a_scaled_run_completes_and_leaves_no_spill_folder(
    orders_200k: Path, tmp_path: Path, isolated_home: Path, settings: dict[str, str]
) -> None:
    db = tmp_path / "orders.duckdb"
    shutil.copy(orders_200k, db)
    dead = isolated_home / "spill" / "20200101-000000-dead00"
    dead.mkdir(parents=True)
    (dead / "duckdb_temp_block-1.block").write_bytes(b"\0" * 1024)
    result = datamorph.run(
        SPEC, database=str(db), settings=settings, target="summary_200k", monitor=quick()
    )
    assert result.status == "completed", result.message
    made = decisions(isolated_home, result.run_id)
    assert [d["strategy"] for d in made][:1] == ["scale"] and made[-1]["outcome"] == "verified"
    after = made[0]["detail"]["after"]
    assert after["temp_directory"] == str(isolated_home / "spill" / result.run_id)
    assert not (isolated_home / "spill" / result.run_id).exists()  # removed when the run ended
    assert not dead.exists()  # a dead run's leftovers, removed by this run


def test_a_failed_run_removes_its_spill_folder_and_keeps_a_live_runs(
    retail_db: Path, isolated_home: Path
) -> None:
    own = isolated_home / "spill" / "20260101-000000-f00d01"
    own.mkdir(parents=True)
    (own / "duckdb_temp_block-1.block").write_bytes(b"\0" * 1024)
    with RunStore(isolated_home) as store:
        live = store.create_run(engine="duckdb", database=str(retail_db))  # held: still going
        kept = isolated_home / "spill" / live.run_id
        kept.mkdir(parents=True)
        result = datamorph.run(EMAILS, database=str(retail_db), run_id=own.name, monitor=quick())
        assert result.status == "needs_attention"  # NULL emails in a declared key
        assert not own.exists()  # its own, whatever the ending
        assert kept.exists()  # that run is still going

"""The Python API: `datamorph.run(...)` and its result object."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import datamorph
from datamorph.demo.showcase import demo_spec
from datamorph.errors import UsageError
from datamorph.healing import Remediator
from datamorph.runs import RunStore


def test_run_returns_a_result_that_reads_the_table_back(retail_db: Path, store: RunStore) -> None:
    result = datamorph.run(demo_spec(), database=str(retail_db), store=store)
    assert result.ok and result.status == "completed"
    table = result.to_arrow()
    assert table.num_rows == result.rows
    assert table.column_names == ["customer_id", "customer_name", "total_amount", "order_count"]
    frame = result.to_pandas(limit=5)
    assert len(frame) == 5
    assert frame["total_amount"].is_monotonic_decreasing  # the spec's ORDER BY holds
    assert (frame["total_amount"] > 1000).all()


@pytest.mark.parametrize("form", ["model", "dict", "json", "path"])
def test_spec_can_be_given_in_every_form(
    form: str, retail_db: Path, store: RunStore, tmp_path: Path
) -> None:
    spec = demo_spec()
    path = tmp_path / "s.json"
    path.write_text(spec.to_json())
    given = {
        "model": spec,
        "dict": json.loads(spec.to_json()),
        "json": spec.to_json(),
        "path": str(path),
    }[form]
    assert datamorph.run(given, database=str(retail_db), store=store).ok


HAND_WRITTEN = """
SELECT c.customer_id, c.customer_name,
       sum(o.amount - coalesce(o.discount, 0)) AS total_amount, count(o.order_id) AS order_count
FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id
WHERE o.status = 'completed'
GROUP BY c.customer_id, c.customer_name
HAVING sum(o.amount - coalesce(o.discount, 0)) > 1000
"""


def test_target_override_and_user_code(retail_db: Path, store: RunStore, tmp_path: Path) -> None:
    code = tmp_path / "q.sql"
    code.write_text(HAND_WRITTEN)
    result = datamorph.run(
        demo_spec(), code=code, database=str(retail_db), store=store, target="my_summary"
    )
    assert result.ok and result.target_table == "my_summary"
    assert result.validation_status == "pass"
    assert Path(result.code_path or "").read_text() == code.read_text()


def test_code_that_breaks_its_spec_fails_validation_and_publishes_nothing(
    retail_db: Path, store: RunStore, tmp_path: Path
) -> None:
    assert datamorph.run(demo_spec(), database=str(retail_db), store=store).ok
    before = datamorph.run(demo_spec(), database=str(retail_db), store=store).to_arrow()
    wrong = tmp_path / "wrong.sql"
    wrong.write_text(HAND_WRITTEN.replace("> 1000", "> 100"))  # a loosened HAVING
    result = datamorph.run(
        demo_spec(),
        code=wrong,
        database=str(retail_db),
        store=store,
        healer=Remediator(max_iterations=0),
    )  # no healing: it must stop
    assert result.status == "needs_attention" and result.validation_status == "fail"
    failed = [c["name"] for c in result.report["checks"] if c["status"] == "fail"]
    assert "having[0]" in failed and "row_count" in failed
    with duckdb.connect(str(retail_db), read_only=True) as con:
        after = con.sql("SELECT * FROM customer_order_summary").to_arrow_table()
    assert after.equals(before)  # the published target never saw the wrong rows
    names = {a.name for a in store.artifacts(result.run_id)}
    assert {"reports/validation-attempt-1.json", "reports/validation-attempt-1.md"} <= names


def test_bad_spec_raises_and_records_a_failed_run(retail_db: Path, store: RunStore) -> None:
    bad = json.loads(demo_spec().to_json())
    bad["filters"] = ["o.missing = 1"]
    with pytest.raises(UsageError):
        datamorph.run(bad, database=str(retail_db), store=store)
    (record,) = store.list_runs()
    assert record.status == "failed" and "o.missing" in (record.message or "")


def test_engine_failure_is_a_failed_result_not_an_exception(
    retail_db: Path, store: RunStore, tmp_path: Path
) -> None:
    code = tmp_path / "q.sql"
    code.write_text("SELECT CAST(customer_name AS INTEGER) AS x FROM customers")
    result = datamorph.run(
        demo_spec(),
        code=code,
        database=str(retail_db),
        store=store,
        healer=Remediator(max_iterations=0),
    )
    assert result.status == "needs_attention" and not result.ok
    record = store.get_run(result.run_id)
    assert record.error_category == "data_error"
    with pytest.raises(UsageError):
        result.to_arrow()  # nothing was published


def test_compiled_runs_skip_the_reference_and_given_code_is_checked_against_it(
    retail_db: Path, store: RunStore, tmp_path: Path
) -> None:
    compiled = datamorph.run(demo_spec(), database=str(retail_db), store=store)
    checks = {c["name"]: c for c in compiled.report["checks"]}
    assert checks["row_count"]["status"] == "skipped"
    assert "compiled SQL" in checks["row_count"]["message"]
    code = tmp_path / "q.sql"
    code.write_text(HAND_WRITTEN)
    given = datamorph.run(demo_spec(), code=code, database=str(retail_db), store=store)
    checks = {c["name"]: c for c in given.report["checks"]}
    assert checks["row_count"]["status"] == "pass"
    assert checks["row_diff (customer_id)"]["status"] == "pass"


def test_broken_code_heals_itself_and_publishes_the_specs_result(
    retail_db: Path, store: RunStore, tmp_path: Path
) -> None:
    expected = datamorph.run(demo_spec(), database=str(retail_db), store=store).to_arrow()
    broken = tmp_path / "broken.sql"
    broken.write_text(HAND_WRITTEN.replace("o.amount", "o.amout").replace("> 1000", "> 100"))
    result = datamorph.run(demo_spec(), code=broken, database=str(retail_db), store=store)
    assert result.status == "completed" and result.validation_status == "pass"
    assert 1 <= result.iterations <= 5
    assert result.to_arrow().sort_by("customer_id").equals(expected.sort_by("customer_id"))
    names = {a.name for a in store.artifacts(result.run_id)}
    assert {"healing/iteration-1.json", "healing/iteration-1.diff", "code/attempt-2.sql"} <= names
    logs = [e.message for e in store.events(result.run_id) if e.step == "remediating"]
    assert any(m.startswith("iteration 1:") for m in logs)

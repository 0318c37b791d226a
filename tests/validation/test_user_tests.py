"""User tests (`spec.tests`) run in validation beside the derived checks, on real DuckDB files:
each type passes and fails with the exact count of failing rows (the sample holds 5), NULLs
follow the documented semantics, `warn` reports without failing or blocking a run, a singular
sql test runs on `{{ this }}` and a writing one is refused, and a bad test is exit 2 before
anything runs."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

import datamorph
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.spec import Spec
from datamorph.validation import validate
from datamorph.validation.context import close_context, open_context
from datamorph.validation.report import (
    MAX_SAMPLE_ROWS,
    CheckResult,
    ValidationReport,
    blocks_publishing,
)
from datamorph.validation.user_tests import user_tests

# 5,000 rows. cust: NULL for id < 1234, else id % 100 (0..99, each many times); ext: NULL for
# id < 1234, else id (unique); status: 'lost' when id % 10 = 0, NULL when 1, else 'paid';
# amount: -1 when id % 10 = 0, NULL when 5, else id % 10; loaded_at: one a minute from
# 2025-03-01, the latest 2025-03-04 11:19. custs holds 0..89: 380 rows refer to 90..99.
SETUP = """
CREATE TABLE items AS SELECT
    i AS id,
    CASE WHEN i < 1234 THEN NULL ELSE i % 100 END AS cust,
    CASE WHEN i < 1234 THEN NULL ELSE i END AS ext,
    CASE i % 10 WHEN 0 THEN 'lost' WHEN 1 THEN NULL ELSE 'paid' END AS status,
    CASE i % 10 WHEN 0 THEN -1 WHEN 5 THEN NULL ELSE i % 10 END AS amount,
    TIMESTAMP '2025-03-01' + i * INTERVAL 1 MINUTE AS loaded_at
FROM range(5000) t(i);
CREATE TABLE custs AS SELECT i AS cust_id FROM range(90) t(i);
"""
COLUMNS = ["id", "cust", "ext", "status", "amount", "loaded_at"]
AS_OF = "2025-03-04"  # "now" is 2025-03-05 00:00 UTC: the latest row is 12 h 41 min old


def spec_with(*tests: Any, **target: Any) -> Spec:
    return Spec.from_dict(
        {
            "source_tables": ["items"],
            "columns": COLUMNS,
            "target_table": {"name": "items_out", **target},
            "tests": list(tests),
        }
    )


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATAMORPH_AS_OF", AS_OF)
    path = tmp_path / "tests.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(SETUP)
    return path


@pytest.fixture
def engine(db: Path) -> Iterator[DuckDBEngine]:
    with DuckDBEngine(db) as opened:
        yield opened


def report_of(engine: DuckDBEngine, the_spec: Spec, rows: str = "SELECT * FROM items") -> Any:
    engine.execute(f"CREATE OR REPLACE TABLE out AS {rows}")
    return validate(engine, the_spec, "out", engine.catalog(samples=0))


def only_test(engine: DuckDBEngine, test: Any, rows: str = "SELECT * FROM items") -> CheckResult:
    (result,) = [
        c for c in report_of(engine, spec_with(test), rows).checks if c.kind == "user_test"
    ]
    return result


def oracle(engine: DuckDBEngine, sql: str) -> int:
    ((count,),) = engine.query(sql).rows
    return int(count)


# ---- each type passes, and fails with the exact count -------------------------------------

FAILING = [
    ({"not_null": "cust"}, 1234),
    ({"not_null": ["ext", "status"]}, 1234 + 500 - 124),  # status NULL among id >= 1234 too
    ({"accepted_values": {"column": "status", "values": ["paid"]}}, 500),
    ({"relationships": {"column": "cust", "to": "custs", "field": "cust_id"}}, 380),
    ({"expression_is_true": "amount >= 0"}, 1000),  # 500 negative, 500 NULL: NULL fails
    ({"sql": "SELECT * FROM {{ this }} WHERE amount < 0"}, 500),
    ({"sql": "select id from {{this}} where status = 'lost' and id >= 1234"}, 376),
]


@pytest.mark.parametrize(("test", "count"), FAILING, ids=lambda v: str(v)[:40])
def test_a_failing_test_counts_every_failing_row_and_shows_a_sample(
    engine: DuckDBEngine, test: Any, count: int
) -> None:
    result = only_test(engine, test)
    assert result.status == "fail" and result.severity == "error"
    assert result.observed == count and result.expected == 0
    assert len(result.sample_rows) == MAX_SAMPLE_ROWS
    assert f"{count:,}" in result.message and "(5 shown)" in result.message
    assert result.phase == 1 and result.name.startswith("test: ")
    assert result.query is not None
    on_source = result.query.replace('"out"', '"items"')  # the same query on the source rows
    assert oracle(engine, f"SELECT count(*) FROM ({on_source})") == count


def test_the_hand_counts_above_are_the_data_s(engine: DuckDBEngine) -> None:
    """The expected counts of FAILING, recounted in Python from the rows themselves."""
    rows = engine.query("SELECT id, cust, ext, status, amount FROM items").rows
    assert sum(1 for r in rows if r[2] is None or r[3] is None) == 1234 + 500 - 124
    assert sum(1 for r in rows if r[1] is not None and r[1] >= 90) == 380
    assert sum(1 for r in rows if r[4] is None or r[4] < 0) == 1000
    assert sum(1 for r in rows if r[3] == "lost" and r[0] >= 1234) == 376


PASSING = [
    {"unique": "id"},
    {"unique": "ext"},  # 1,234 NULLs, every value once: a NULL is not a value
    {"unique": ["id", "cust"]},
    {"not_null": ["id", "loaded_at"]},
    {"accepted_values": {"column": "status", "values": ["paid", "lost"]}},  # NULL is not_null's
    {"relationships": {"column": "ext", "to": "items", "field": "id"}},  # NULL refers to nothing
    {"relationships": {"column": "cust", "to": "items_out", "field": "id"}},  # the output itself
    {"expression_is_true": "coalesce(amount, 0) >= -1"},
    {"row_count": {"min": 5000, "max": 5000}},  # both bounds inclusive
    {"freshness": {"column": "loaded_at", "max_age": "1 day"}},
    {"sql": "SELECT * FROM {{ this }} WHERE id < 0"},
]


@pytest.mark.parametrize("test", PASSING, ids=lambda v: str(v)[:40])
def test_a_passing_test_passes(engine: DuckDBEngine, test: Any) -> None:
    result = only_test(engine, test)
    assert result.status == "pass", result
    assert result.sample_rows == []


def test_unique_counts_duplicated_keys_and_the_rows_they_cover(engine: DuckDBEngine) -> None:
    result = only_test(engine, {"unique": "cust"})
    assert result.status == "fail"
    assert result.observed == 100  # the values 0..99, each on several rows; NULLs not counted
    assert "100 duplicated values of cust (keys, not rows) over 3,766 rows" in result.message
    assert len(result.sample_rows) == MAX_SAMPLE_ROWS
    pairs = Counter(engine.query("SELECT cust, status FROM items").rows)
    both = only_test(engine, {"unique": ["cust", "status"]})
    assert both.observed == sum(1 for (c, s), n in pairs.items() if c is not None and s and n > 1)


def test_row_count_fails_outside_its_bounds(engine: DuckDBEngine) -> None:
    above = only_test(engine, {"row_count": {"max": 4999}})
    assert (above.status, above.observed, above.expected) == ("fail", 5000, "between 0 and 4,999")
    below = only_test(engine, {"row_count": {"min": 5001}})
    assert below.status == "fail" and "not between 5,001 and no maximum" in below.message
    assert only_test(engine, {"row_count": {"min": 1}}).status == "pass"


def test_freshness_reads_the_as_of_day_and_an_empty_output_is_stale(
    engine: DuckDBEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = only_test(engine, {"freshness": {"column": "loaded_at", "max_age": "12 hours"}})
    assert stale.status == "fail" and stale.observed == "2025-03-04 11:19:00"
    assert stale.expected.startswith(">= 2025-03-04 12:00:00 UTC")
    fresh = {"freshness": {"column": "loaded_at", "max_age": "13 hours"}}
    assert only_test(engine, fresh).status == "pass"
    empty = only_test(engine, fresh, rows="SELECT * FROM items WHERE false")
    assert empty.status == "fail" and empty.observed is None and "no loaded_at" in empty.message
    monkeypatch.delenv("DATAMORPH_AS_OF")  # now: the real clock, 2025 is long gone
    assert only_test(
        engine, {"freshness": {"column": "loaded_at", "max_age": "4 weeks"}}
    ).status == ("fail")


def test_freshness_of_a_column_that_is_no_time_is_an_error_not_a_pass(
    engine: DuckDBEngine,
) -> None:
    result = only_test(engine, {"freshness": {"column": "status", "max_age": "1 day"}})
    assert result.status == "error" and "date or timestamp" in result.message


def test_a_table_gone_since_the_spec_check_makes_a_relationship_an_error(
    engine: DuckDBEngine,
) -> None:
    test = {"relationships": {"column": "cust", "to": "custs", "field": "cust_id"}}
    engine.execute("CREATE TABLE out AS SELECT * FROM items")
    catalog = engine.catalog(samples=0)  # still lists custs: the spec checks clean
    engine.execute("ALTER TABLE custs RENAME TO cust_list")
    report = validate(engine, spec_with(test), "out", catalog)
    (result,) = [c for c in report.checks if c.kind == "user_test"]
    assert result.status == "error" and report.status == "error"
    assert "the table 'custs' the test refers to is not in the database" in result.message
    assert "did you mean 'cust_list'?" in result.message


@pytest.mark.parametrize(
    ("sql", "why"),
    [
        ("DROP TABLE items", "only SELECT"),
        ("SELECT * FROM {{ this }}; SELECT 1", "one statement"),
        ("SELECT getenv('HOME') FROM {{ this }}", "getenv"),
    ],
)
def test_a_sql_test_that_is_not_one_safe_select_is_refused(
    engine: DuckDBEngine, db: Path, tmp_path: Path, sql: str, why: str
) -> None:
    # validation refuses it too, should one get past the spec check (which refuses it first)
    engine.execute("CREATE TABLE out AS SELECT * FROM items")
    ctx = open_context(engine, spec_with(), "out", engine.catalog(samples=0))
    try:
        (result,) = user_tests(dataclasses.replace(ctx, spec=spec_with({"sql": sql})))
    finally:
        close_context(ctx)
    assert result.status == "error" and "refused" in result.message and why in result.message
    assert oracle(engine, "SELECT count(*) FROM items") == 5000  # nothing was dropped
    bad = tmp_path / "bad_sql.json"
    bad.write_text(spec_with({"sql": sql}).to_json())
    code, err = compile_cli(bad, db)
    assert code == 2 and "tests[0].sql" in err and why in err


# ---- severity ----------------------------------------------------------------------------


def test_a_failing_warn_test_is_a_warning_not_a_failure(engine: DuckDBEngine) -> None:
    warned = report_of(engine, spec_with({"not_null": "cust", "severity": "warn"}))
    (result,) = warned.warnings
    assert warned.status == "pass" and result.status == "fail" and result.severity == "warn"
    assert warned.counts["warn"] == 1 and warned.counts["fail"] == 0 and warned.failed == []
    assert result.observed == 1234 and "does not fail the run" in result.message
    data = warned.as_dict()
    assert data["counts"]["warn"] == 1 and data["checks"][-2]["severity"] == "warn"
    markdown = warned.to_markdown()
    assert "1 warning" in markdown and "| warn |" in markdown and "(a warning)" in markdown
    assert ValidationReport.model_validate(data).counts == warned.counts
    failed = report_of(engine, spec_with({"not_null": "cust"}))
    assert failed.status == "fail" and [c.name for c in failed.failed] == ["test: not_null: cust"]


def test_an_errored_test_is_never_a_pass_and_blocks_only_at_severity_error(
    engine: DuckDBEngine,
) -> None:
    broken = {"freshness": {"column": "status", "max_age": "1 day"}}
    as_error = report_of(engine, spec_with(broken))
    assert as_error.status == "error" and blocks_publishing(as_error.as_dict())
    as_warn = report_of(engine, spec_with({**broken, "severity": "warn"}))
    assert as_warn.status == "error" and not blocks_publishing(as_warn.as_dict())
    assert as_warn.as_dict()["unverified"][0]["severity"] == "warn"


def test_a_test_fails_again_before_it_counts_and_repeated_names_stay_apart(
    engine: DuckDBEngine,
) -> None:
    report = report_of(engine, spec_with({"not_null": "cust"}, {"not_null": "cust"}))
    tests = [c for c in report.checks if c.kind == "user_test"]
    assert [c.name for c in tests] == ["test: not_null: cust", "test: not_null: cust (2)"]
    assert all(c.status == "fail" and c.verified for c in tests)  # re-run by phase 4.5


def test_a_test_of_a_column_the_output_lacks_is_skipped_beside_the_failing_schema(
    engine: DuckDBEngine,
) -> None:
    report = report_of(
        engine, spec_with({"not_null": "cust"}, {"not_null": "id"}), "SELECT id FROM items"
    )
    by_name = {c.name: c for c in report.checks}
    assert by_name["schema"].status == "fail"
    assert by_name["test: not_null: cust"].status == "skipped"
    assert "no column 'cust'" in by_name["test: not_null: cust"].message
    assert by_name["test: not_null: id"].status == "pass"  # the others run all the same


# ---- in a run: an error test blocks the publish, a warn test does not ---------------------


def test_a_run_publishes_past_a_warning_and_not_past_a_failing_test(db: Path) -> None:
    first = datamorph.run(spec_with(), database=str(db), target="published", max_iterations=0)
    assert first.ok

    def published() -> list[tuple[Any, ...]]:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute("SELECT * FROM published ORDER BY id").fetchall()

    before = published()
    with duckdb.connect(str(db)) as con:  # new data: the next run would change the target
        con.execute("UPDATE items SET amount = 7 WHERE id = 3")
    failing = spec_with({"row_count": {"max": 10}}, {"not_null": "cust", "severity": "warn"})
    blocked = datamorph.run(failing, database=str(db), target="published", max_iterations=0)
    assert not blocked.ok and blocked.validation_status == "fail"
    assert "test: row_count between 0 and 10" in (blocked.message or "")
    assert published() == before  # the target is untouched

    warned = spec_with({"not_null": "cust", "severity": "warn"}, {"unique": "id"})
    done = datamorph.run(warned, database=str(db), target="published", max_iterations=0)
    assert done.ok and done.validation_status == "pass"
    assert done.report["counts"]["warn"] == 1
    (warning,) = [c for c in done.report["checks"] if c["severity"] == "warn"]
    assert warning["status"] == "fail" and warning["observed"] == 1234
    assert published() != before and published()[3][4] == 7

    broken_warn = spec_with(
        {"freshness": {"column": "status", "max_age": "1 day", "severity": "warn"}}
    )
    unverified = datamorph.run(broken_warn, database=str(db), target="published", max_iterations=0)
    assert unverified.ok and unverified.validation_status == "error"
    broken = spec_with({"freshness": {"column": "status", "max_age": "1 day"}})
    stopped = datamorph.run(broken, database=str(db), target="published", max_iterations=0)
    assert stopped.status == "needs_attention"


# ---- the spec check: exit 2 before anything runs ------------------------------------------


def compile_cli(spec_file: Path, db: Path) -> tuple[int, str]:
    datamorph_bin = Path(sys.executable).with_name("datamorph")
    env = {**os.environ, "DATAMORPH_DAEMON": "off"}
    done = subprocess.run(
        [str(datamorph_bin), "compile", "--spec", str(spec_file), "-d", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    ("test", "path", "said"),
    [
        ({"not_null": "custt"}, "tests[0].columns", "did you mean 'cust'?"),
        ({"unique": ["id", "stauts"]}, "tests[0].columns[1]", "did you mean 'status'?"),
        (
            {"freshness": {"column": "loaded_at", "max_age": "2 fortnights"}},
            "tests[0].max_age",
            "unknown unit",
        ),
        ({"freshness": {"column": "loaded_at", "max_age": "1 month"}}, "tests[0].max_age", "vary"),
        (
            {"relationships": {"column": "cust", "to": "custz", "field": "cust_id"}},
            "tests[0].to",
            "did you mean 'custs'?",
        ),
        (
            {"relationships": {"column": "cust", "to": "custs", "field": "cust"}},
            "tests[0].field",
            "did you mean 'cust_id'?",
        ),
        ({"expression_is_true": "amount >="}, "tests[0].expression", "cannot parse"),
        ({"expression_is_true": "amout > 0"}, "tests[0].expression", "did you mean 'amount'?"),
        ({"expression_is_true": "sum(amount) > 0"}, "tests[0].expression", "each row"),
        ({"sql": "DELETE FROM items"}, "tests[0].sql", "only SELECT"),
    ],
)
def test_a_bad_test_is_exit_2_with_its_field_path(
    db: Path, tmp_path: Path, test: Any, path: str, said: str
) -> None:
    with DuckDBEngine(db) as opened:
        problems = spec_with(test).check(opened.catalog(samples=0))
    assert [p.path for p in problems] == [path], problems
    assert said in str(problems[0])
    spec_file = tmp_path / "bad.json"
    spec_file.write_text(spec_with(test).to_json())
    code, err = compile_cli(spec_file, db)
    assert code == 2, err
    assert path in err and said in err


def test_good_tests_compile(db: Path, tmp_path: Path) -> None:
    spec_file = tmp_path / "good.json"
    spec_file.write_text(spec_with(*PASSING).to_json())
    code, err = compile_cli(spec_file, db)
    assert code == 0, err


# ---- PostgreSQL ----------------------------------------------------------------------------


def test_user_tests_run_on_postgres(pg_retail: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same queries in PostgreSQL's dialect, on a real server: exact counts, a table named
    in another case, a DATE column's freshness, and a singular test."""
    from datamorph.engines import open_engine

    monkeypatch.setenv("DATAMORPH_AS_OF", "2026-01-01")  # the last order is of 2025-12-31
    the_spec = Spec.from_dict(
        {
            "source_tables": ["orders"],
            "columns": ["order_id", "customer_id", "status", "amount", "discount", "order_date"],
            "target_table": {"name": "orders_checked"},
            "tests": [
                {"unique": "order_id"},
                {
                    "relationships": {
                        "column": "customer_id",
                        "to": "Customers",
                        "field": "customer_id",
                    }
                },
                {"accepted_values": {"column": "status", "values": ["completed", "shipped"]}},
                {"not_null": "discount", "severity": "warn"},
                {"expression_is_true": "amount - coalesce(discount, 0) >= 0"},
                {"freshness": {"column": "order_date", "max_age": "2 days"}},
                {"sql": "SELECT * FROM {{ this }} WHERE status <> lower(trim(status))"},
            ],
        }
    )
    engine = open_engine(pg_retail)
    try:
        engine.execute("DROP TABLE IF EXISTS orders_out")
        engine.execute("CREATE TABLE orders_out AS SELECT * FROM orders")
        report = validate(engine, the_spec, "orders_out", engine.catalog(samples=0))

        def count(where: str) -> int:
            ((n,),) = engine.query(f"SELECT count(*) FROM orders WHERE {where}").rows
            return int(n)

        expected = {
            "test: unique: order_id": ("pass", 0),
            "test: relationships: customer_id -> Customers.customer_id": ("pass", 0),
            "test: accepted_values: status": (
                "fail",
                count("status NOT IN ('completed', 'shipped')"),
            ),
            "test: not_null: discount": ("fail", count("discount IS NULL")),
            "test: expression_is_true: amount - coalesce(discount, 0) >= 0": ("pass", 0),
            "test: sql: SELECT * FROM {{ this }} WHERE status <> lower(trim(status))": (
                "fail",
                count("status <> lower(trim(status))"),
            ),
        }
        got = {c.name: (c.status, c.observed) for c in report.checks if c.kind == "user_test"}
        fresh = got.pop("test: freshness: order_date")
        assert got == expected, report.to_markdown()
        assert fresh == ("pass", "2025-12-31")
        assert expected["test: not_null: discount"][1] > MAX_SAMPLE_ROWS  # a sample, a true count
        assert report.status == "fail" and report.counts["warn"] == 1
    finally:
        engine.execute("DROP TABLE IF EXISTS orders_out")
        engine.close()


# ---- Spark -------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.xdist_group("spark_user_tests")  # one session, on one worker
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_user_tests_run_on_spark(
    retail_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendered in Spark's dialect (backquoted names, its casts), on a local session."""
    import shutil

    if shutil.which("java") is None:
        pytest.skip("java is not installed: cannot start Spark")
    pytest.importorskip("pyspark")
    from datamorph.engines.spark import SparkEngine
    from datamorph.engines.transfer import copy_tables

    monkeypatch.setenv("DATAMORPH_AS_OF", "2026-01-01")
    engine = SparkEngine("local[1]", warehouse=tmp_path / "warehouse")
    try:
        copy_tables(retail_template, ("customers", "orders"), engine, tmp_path)
        the_spec = Spec.from_dict(
            {
                "source_tables": ["orders"],
                "columns": ["order_id", "customer_id", "status", "discount", "order_date"],
                "target_table": {"name": "orders_checked"},
                "tests": [
                    {"unique": ["customer_id", "status"]},
                    {
                        "relationships": {
                            "column": "customer_id",
                            "to": "customers",
                            "field": "customer_id",
                        }
                    },
                    {"not_null": "discount", "severity": "warn"},
                    {"expression_is_true": "discount >= 0"},  # NULL fails
                    {"row_count": {"max": 10}},
                    {"freshness": {"column": "order_date", "max_age": "2 days"}},
                    {"sql": "SELECT * FROM {{ this }} WHERE status <> lower(trim(status))"},
                ],
            }
        )
        engine.execute(
            "CREATE TABLE orders_out AS "
            "SELECT order_id, customer_id, status, discount, order_date FROM orders"
        )
        report = validate(engine, the_spec, "orders_out", engine.catalog(samples=0))
        got = {c.name: (c.status, c.observed) for c in report.checks if c.kind == "user_test"}
        assert got == {
            "test: unique: customer_id, status": ("fail", 302),
            "test: relationships: customer_id -> customers.customer_id": ("pass", 0),
            "test: not_null: discount": ("fail", 1178),
            "test: expression_is_true: discount >= 0": ("fail", 1178),
            "test: row_count between 0 and 10": ("fail", 2000),
            "test: freshness: order_date": ("pass", "2025-12-31"),
            "test: sql: SELECT * FROM {{ this }} WHERE status <> lower(trim(status))": ("fail", 17),
        }, report.to_markdown()
        assert report.counts["warn"] == 1
    finally:
        engine.spark.stop()

"""Regressions of issue 15, on real DuckDB runs:

1. a NULL group key is a group: the grain check and row_diff treat NULL as a value, unless the
   spec lists the key in `target_table.not_null` (a row-level key stays "unique, not null");
2. every count a check reports is the true count, the rows shown a sample;
3. a qualify with a window (the monitor's deduplication adds one) is checked, not an error;
   and a check that errors is not a pass: the run does not publish green.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

import datamorph
from datamorph.codegen.sql import compile_sql
from datamorph.engines.base import staging_name
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.monitor.monitor import MonitorConfig
from datamorph.monitor.strategies import Backoff
from datamorph.runs import RunStore
from datamorph.spec import Spec
from datamorph.validation import checks, validate
from datamorph.validation.report import MAX_SAMPLE_ROWS, CheckResult, ValidationReport

# sales: two of six rows have no region; events: 97 of 200 keys appear twice (297 rows)
SETUP = """
CREATE TABLE sales (id INTEGER, region VARCHAR, channel VARCHAR, amount DOUBLE);
INSERT INTO sales VALUES (1, 'east', 'web', 10), (2, NULL, 'web', 5), (3, 'west', 'shop', 7),
    (4, NULL, 'shop', 3), (5, 'east', NULL, 1), (6, 'west', 'web', 2);
CREATE TABLE events AS SELECT i % 200 AS k, i * 1.0 AS v FROM range(0, 297) t(i);
"""
BY_REGION: dict[str, Any] = {
    "source_tables": ["sales"],
    "group_by": ["region"],
    "aggregations": [{"name": "total", "expr": "sum(amount)"}, {"name": "n", "expr": "count(*)"}],
    "target_table": {"name": "by_region"},
}


def spec(base: dict[str, Any], **target: Any) -> Spec:
    return Spec.from_dict({**base, "target_table": {**base["target_table"], **target}})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "issue15.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(SETUP)
    return path


@pytest.fixture
def engine(db: Path) -> Iterator[DuckDBEngine]:
    with DuckDBEngine(db) as opened:
        yield opened


def check(engine: DuckDBEngine, the_spec: Spec, sql: str | None = None) -> ValidationReport:
    """Validate `sql` (default: the spec's own SQL, which still gets a reference: `code` is
    not given) written to a table."""
    catalog = engine.catalog(samples=0)
    engine.execute(f"CREATE OR REPLACE TABLE out AS {sql or compile_sql(the_spec, catalog)}")
    return validate(engine, the_spec, "out", catalog)


def by_name(report: ValidationReport) -> dict[str, CheckResult]:
    return {c.name: c for c in report.checks}


# ---- 1. a NULL group is a group -------------------------------------------------------------


@pytest.mark.parametrize("keys", [[], ["region"]], ids=["group-by keys", "declared keys"])
def test_a_null_group_key_passes(engine: DuckDBEngine, keys: list[str]) -> None:
    report = check(engine, spec(BY_REGION, keys=keys))
    found = by_name(report)
    assert report.status == "pass", report.to_markdown()
    assert found["grain unique (region)"].status == "pass"
    assert found["grain not null (region)"].status == "skipped"
    assert "target_table.not_null" in found["grain not null (region)"].message
    assert found["row_diff (region)"].status == "pass"


def test_two_keys_one_of_them_null(engine: DuckDBEngine) -> None:
    two = {**BY_REGION, "group_by": ["region", "channel"]}
    report = check(engine, spec(two, keys=["region", "channel"]))
    assert report.status == "pass", report.to_markdown()
    assert by_name(report)["row_diff (region, channel)"].observed == 0


def test_a_key_declared_not_null_fails_on_its_null_group(engine: DuckDBEngine) -> None:
    report = check(engine, spec(BY_REGION, keys=["region"], not_null=["region"]))
    null = by_name(report)["grain not null (region)"]
    assert report.status == "fail" and null.status == "fail"
    assert null.observed == 1 and null.sample_rows[0]["region"] is None


def test_row_level_keys_stay_not_null(engine: DuckDBEngine) -> None:
    """v1's "keys are unique and not null" is unchanged for an output that is not grouped."""
    rows = {"source_tables": ["sales"], "columns": ["region", "amount"]}
    report = check(engine, spec({**rows, "target_table": {"name": "t"}}, keys=["region"]))
    assert by_name(report)["grain not null (region)"].status == "fail"


def test_row_diff_still_sees_a_dropped_or_an_invented_null_group(engine: DuckDBEngine) -> None:
    the_spec = spec(BY_REGION, keys=["region"])
    right = compile_sql(the_spec, engine.catalog(samples=0))
    dropped = check(engine, the_spec, f"SELECT * FROM ({right}) WHERE region IS NOT NULL")
    diff = by_name(dropped)["row_diff (region)"]
    assert diff.status == "fail" and diff.observed == 1
    assert diff.sample_rows[0]["region"] is None and diff.sample_rows[0]["total"] is None
    west_lost = "CASE WHEN region = 'west' THEN NULL ELSE region END"
    nulled = f"SELECT {west_lost} AS region, total, n FROM ({right})"
    invented = check(engine, the_spec, nulled)
    assert by_name(invented)["row_diff (region)"].status == "fail"
    assert by_name(invented)["grain unique (region)"].observed == 1  # two NULL rows now


def test_not_null_must_name_a_key(engine: DuckDBEngine) -> None:
    problems = spec(BY_REGION, not_null=["regoin"]).check(engine.catalog(samples=0))
    assert [(p.path, p.hint) for p in problems] == [
        ("target_table.not_null[0]", "did you mean 'region'?")
    ]
    assert "not_null" not in spec(BY_REGION).to_json()  # written only when used


def test_a_run_grouped_on_a_nullable_column_publishes(db: Path, store: RunStore) -> None:
    result = datamorph.run(spec(BY_REGION, keys=["region"]), database=str(db), store=store)
    assert (result.status, result.validation_status) == ("completed", "pass")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("SELECT total FROM by_region WHERE region IS NULL").fetchall() == [(8.0,)]


# ---- 2. true counts -------------------------------------------------------------------------

EVENTS: dict[str, Any] = {
    "source_tables": ["events"],
    "columns": ["k", "v"],
    "target_table": {"name": "ev", "keys": ["k"]},
}


def test_counts_are_true_counts_and_samples_are_samples(engine: DuckDBEngine) -> None:
    report = check(engine, spec(EVENTS))
    unique = by_name(report)["grain unique (k)"]
    assert (unique.status, unique.observed) == ("fail", 97)
    assert len(unique.sample_rows) == MAX_SAMPLE_ROWS
    assert all(row["copies"] == 2 for row in unique.sample_rows)
    assert unique.message.startswith("97 duplicate keys over 194 rows")
    # the spec's own result has the same 297 rows; each duplicated key pairs its two rows with
    # the reference's two, and two of the four pairs differ: 97 keys differ, not 194 pairs
    diff = by_name(report)["row_diff (k)"]
    assert diff.observed == 97 and len(diff.sample_rows) == MAX_SAMPLE_ROWS
    assert diff.message.startswith("97 keys differ")


def test_a_predicate_counts_every_row_it_breaks(engine: DuckDBEngine) -> None:
    filtered = spec({**EVENTS, "filters": ["v >= 100"]})
    report = check(engine, filtered, "SELECT k, v FROM events")
    broken = by_name(report)["filter[0]"]
    assert (broken.status, broken.observed, len(broken.sample_rows)) == ("fail", 100, 5)


# ---- 3. windows, and an error is not a pass -------------------------------------------------

KEEP_FIRST = 'row_number() OVER (PARTITION BY "k" ORDER BY "k", "v") = 1'  # the monitor's


def test_a_deduplicating_qualify_is_checked(engine: DuckDBEngine) -> None:
    deduplicated = spec({**EVENTS, "qualify": [KEEP_FIRST]})
    report = check(engine, deduplicated)
    qualify = by_name(report)["qualify[0]"]
    assert report.status == "pass", report.to_markdown()
    assert qualify.status == "pass" and qualify.observed == 0
    broken = check(engine, deduplicated, "SELECT k, v FROM events")  # not deduplicated
    qualify = by_name(broken)["qualify[0]"]
    assert (qualify.status, qualify.observed) == ("fail", 97)
    assert "_dm_holds" not in qualify.sample_rows[0]


@pytest.mark.parametrize(
    ("predicate", "checked"),
    [
        ('rank() OVER (PARTITION BY "k" ORDER BY "v") <= 1', True),
        ('1 >= dense_rank() OVER (PARTITION BY "k" ORDER BY "v") AND "v" >= 0', True),
        ('row_number() OVER (PARTITION BY "k" ORDER BY "v") = 2', False),
        ('count(*) OVER (PARTITION BY "k") > 1', False),
    ],
)
def test_window_predicates_are_checked_only_where_the_output_can_tell(
    engine: DuckDBEngine, predicate: str, checked: bool
) -> None:
    """A window over the output sees only the rows kept: a cap on a rank still holds there;
    anything else would fail a correct output, so it is skipped, saying why."""
    unkeyed = {**EVENTS, "target_table": {"name": "ev"}}
    report = check(engine, spec({**unkeyed, "qualify": [predicate]}))
    qualify = by_name(report)["qualify[0]"]
    assert report.status == "pass", report.to_markdown()
    assert qualify.status == ("pass" if checked else "skipped")
    if not checked:
        assert "window over the output rows" in qualify.message


def broken_check(ctx: checks.Context) -> Iterator[CheckResult]:
    """A check whose own query fails on the real engine."""
    ctx.q("SELECT no_such_function_dm(1)")
    yield from ()


@pytest.fixture
def with_broken_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "PHASE1", [*checks.PHASE1, ("broken", broken_check)])


def test_a_check_that_errors_makes_the_report_an_error_not_a_pass(
    engine: DuckDBEngine, with_broken_check: None
) -> None:
    report = check(engine, spec(BY_REGION))
    assert report.status == "error" and not report.failed
    assert [u["name"] for u in report.as_dict()["unverified"]] == ["broken"]
    assert "Not verified" in report.to_markdown()


def test_a_run_whose_check_errors_does_not_publish(
    db: Path, store: RunStore, with_broken_check: None
) -> None:
    result = datamorph.run(spec(BY_REGION), database=str(db), store=store)
    assert (result.status, result.validation_status) == ("needs_attention", "error")
    assert result.iterations == 0  # nothing to heal: the code is not known to be wrong
    assert "validation incomplete: not verified: broken" in (result.message or "")
    with duckdb.connect(str(db), read_only=True) as con:
        assert not con.sql(
            "SELECT * FROM duckdb_tables() WHERE table_name = 'by_region'"
        ).fetchall()


def quick() -> MonitorConfig:
    return MonitorConfig(backoff=Backoff(base=0.2, cap=1.0))


def test_a_deduplicated_run_is_verified_and_publishes(db: Path, store: RunStore) -> None:
    """Duplicate keys fail the grain; the monitor's Deduplicate adds a qualify, and the re-run's
    qualify check runs (it errored before, and the run was published as a pass anyway)."""
    result = datamorph.run(
        spec(EVENTS), database=str(db), store=store, approve=("deduplicate",), monitor=quick()
    )
    assert (result.status, result.validation_status) == ("completed", "pass"), result.message
    qualify = [c for c in result.report["checks"] if c["kind"] == "qualify"]
    assert [(c["status"], c["observed"]) for c in qualify] == [("pass", 0)]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("SELECT count(*), count(DISTINCT k) FROM ev").fetchall() == [(200, 200)]


def test_broken_llm_tests_alone_publish_but_not_as_a_pass(
    db: Path, store: RunStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LLM-written tests that break are broken tests, not a broken pipeline: the spec's checks
    all held, so the run publishes; its validation status is `error` and it says what the
    broken test did not verify."""
    from llm_servers import OpenAIServer, data

    staged = staging_name("issue15-llm")  # the table the tests are written for
    count = {"sql": f"SELECT count(*) FROM {staged}", "expect": {"kind": "value", "value": 3}}
    tests = [
        {"name": "three_regions", "reason": "east, west and no region", **count},
        {
            "name": "typo",
            "sql": f"SELECT * FROM {staged} WHERE totl < 0",  # no such column: a broken test
            "expect": {"kind": "zero_rows"},
            "reason": "no negative totals",
        },
        {"name": "again", "reason": "the same", **count},
    ]
    with OpenAIServer() as server:
        server.script(data({"tests": tests}))
        monkeypatch.setenv("OPENAI_BASE_URL", f"{server.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "test-key")
        result = datamorph.run(
            spec(BY_REGION),
            prompt="total amount per region",
            llm="openai:test-model",
            database=str(db),
            store=store,
            run_id="issue15-llm",
        )
    assert (result.status, result.validation_status) == ("completed", "error")
    assert result.message == "completed; not verified: llm:typo"
    assert [u["name"] for u in result.report["unverified"]] == ["llm:typo"]
    assert all(
        c["status"] == "pass"
        for c in result.report["checks"]
        if c["phase"] == 1 and c["status"] != "skipped"
    )


def test_postgres_null_groups_and_a_deduplicating_qualify(
    postgres: Any, isolated_home: Path
) -> None:
    """PostgreSQL has no FULL JOIN on IS NOT DISTINCT FROM and no QUALIFY: row_diff's LEFT JOIN
    each way and the window's sub-query, on a real server."""
    from datamorph.engines import open_engine

    password, host, port = (getattr(postgres, k) for k in ("password", "host", "port"))
    url = f"postgresql://postgres:{password}@{host}:{port}/postgres?schema=issue15"
    engine = open_engine(url, create=True)
    try:
        engine.execute("DROP TABLE IF EXISTS sales, events, out")
        setup = SETUP.replace("DOUBLE", "DOUBLE PRECISION").replace(
            "range(0, 297) t(i)", "generate_series(0, 296) t(i)"
        )
        for statement in setup.split(";"):
            if statement.strip():
                engine.execute(statement)
        catalog = engine.catalog(samples=0)
        by_region = spec(BY_REGION, keys=["region"])
        engine.execute(f"CREATE TABLE out AS {compile_sql(by_region, catalog, 'postgres')}")
        report = validate(engine, by_region, "out", catalog)
        assert report.status == "pass", report.to_markdown()
        assert by_name(report)["row_diff (region)"].observed == 0
        engine.execute("DELETE FROM out WHERE region IS NULL")
        diff = by_name(validate(engine, by_region, "out", catalog))["row_diff (region)"]
        assert (diff.status, diff.observed) == ("fail", 1)

        engine.execute("DROP TABLE out")
        deduplicated = spec({**EVENTS, "qualify": [KEEP_FIRST]})
        engine.execute("CREATE TABLE out AS SELECT k, v FROM events")
        report = validate(engine, deduplicated, "out", catalog)
        assert (by_name(report)["qualify[0]"].status, by_name(report)["qualify[0]"].observed) == (
            "fail",
            97,
        )
        assert by_name(report)["grain unique (k)"].observed == 97
        engine.execute("DROP TABLE out")
        engine.execute(f"CREATE TABLE out AS {compile_sql(deduplicated, catalog, 'postgres')}")
        report = validate(engine, deduplicated, "out", catalog)
        assert report.status == "pass", report.to_markdown()
        assert by_name(report)["qualify[0]"].status == "pass"
    finally:
        engine.close()

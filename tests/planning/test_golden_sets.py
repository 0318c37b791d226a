"""The golden prompt sets are well-formed and every reference query answers on its database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import sqlglot
from sqlglot import exp

from .golden import CATEGORIES, GOLDEN_SETS, GoldenPrompt, build_golden_database, load_golden
from .hr_data import HR_TABLES, build_hr
from .judge import judge, run_reference

MIN_PROMPTS = {"demo": 60, "hr": 30}
MIN_PER_CATEGORY = 3  # across both sets
SEED_PROMPT = (
    "Join customers and orders on customer_id, calculate total order amount per customer, "
    "filter customers with total > 1000"
)
ALL = [prompt for name in GOLDEN_SETS for prompt in load_golden(name)]


@pytest.fixture(scope="module")
def golden_cons(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, duckdb.DuckDBPyConnection]]:
    folder = tmp_path_factory.mktemp("golden")
    cons = {
        name: duckdb.connect(str(build_golden_database(name, folder / f"{name}.duckdb")))
        for name in GOLDEN_SETS
    }
    yield cons
    for con in cons.values():
        con.close()


def test_set_sizes() -> None:
    for name, minimum in MIN_PROMPTS.items():
        assert len(load_golden(name)) >= minimum, name


def test_ids_unique_and_categories_valid() -> None:
    ids = Counter(prompt.id for prompt in ALL)
    assert not [i for i, n in ids.items() if n > 1]
    for prompt in ALL:
        assert prompt.id.startswith(f"{prompt.set}-"), prompt.id
        assert prompt.category in CATEGORIES, prompt.id
        assert prompt.prompt.strip() and prompt.reference_sql.strip(), prompt.id
    per_category = Counter(prompt.category for prompt in ALL)
    assert {c: per_category[c] for c in CATEGORIES if per_category[c] < MIN_PER_CATEGORY} == {}


def test_combined_share_and_seed_prompt() -> None:
    combined = sum(prompt.category == "combined" for prompt in ALL)
    assert 0.15 <= combined / len(ALL) <= 0.3
    assert SEED_PROMPT in [prompt.prompt for prompt in load_golden("demo")]


def _outer_order(prompt: GoldenPrompt) -> exp.Order | None:
    tree = sqlglot.parse_one(prompt.reference_sql, read="duckdb")
    assert isinstance(tree, exp.Select), prompt.id
    return tree.args.get("order")


@pytest.mark.parametrize("prompt", ALL, ids=[prompt.id for prompt in ALL])
def test_ordered_flag_matches_order_by(prompt: GoldenPrompt) -> None:
    assert prompt.ordered == (_outer_order(prompt) is not None), prompt.id


@pytest.mark.parametrize("prompt", ALL, ids=[prompt.id for prompt in ALL])
def test_references_run(
    prompt: GoldenPrompt, golden_cons: dict[str, duckdb.DuckDBPyConnection]
) -> None:
    reference = run_reference(golden_cons[prompt.set], prompt.reference_sql)
    assert reference.rows, f"{prompt.id} returns no rows"
    assert len(set(reference.columns)) == len(reference.columns), prompt.id
    # The judge accepts the reference itself, with its columns reversed plus an extra one.
    reversed_rows = [(None, *row[::-1]) for row in reference.rows]
    verdict = judge(
        ["extra", *reference.columns[::-1]],
        reversed_rows,
        reference.columns,
        reference.rows,
        ordered=prompt.ordered,
    )
    assert verdict.ok, (prompt.id, verdict.reason)


@pytest.mark.parametrize(
    "prompt", [p for p in ALL if p.ordered], ids=[p.id for p in ALL if p.ordered]
)
def test_ordered_references_have_no_ties(
    prompt: GoldenPrompt, golden_cons: dict[str, duckdb.DuckDBPyConnection]
) -> None:
    """Sorted output (and a top N) is only well defined when its sort keys are all distinct,
    including the first row left out by the limit."""
    tree = sqlglot.parse_one(prompt.reference_sql, read="duckdb")
    assert isinstance(tree, exp.Select)
    order = tree.args["order"]
    limit = tree.args.get("limit")
    keys = [item.this.copy() for item in order.expressions]
    probe = tree.copy()
    probe.set("limit", None)
    probe.set("order", None)
    probe = probe.select(*[exp.alias_(key, f"__key{i}") for i, key in enumerate(keys)])
    probe = probe.order_by(*[item.copy() for item in order.expressions])
    rows = golden_cons[prompt.set].execute(probe.sql(dialect="duckdb")).fetchall()
    sort_keys = [row[-len(keys) :] for row in rows]
    if limit is not None:
        sort_keys = sort_keys[: int(limit.expression.name) + 1]
    ties = [i for i in range(len(sort_keys) - 1) if sort_keys[i] == sort_keys[i + 1]]
    assert not ties, f"{prompt.id}: tied sort keys at rows {ties}"


def _dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in HR_TABLES}


def test_hr_data_is_deterministic_per_seed(tmp_path: Path) -> None:
    first, again, other = duckdb.connect(), duckdb.connect(), duckdb.connect()
    build_hr(first, seed=1)
    build_hr(again, seed=1)
    build_hr(other, seed=2)
    assert _dump(first) == _dump(again)
    assert _dump(first) != _dump(other)
    build_hr(first, seed=1)  # rebuilding replaces the tables
    assert _dump(first) == _dump(again)


def test_hr_data_shape(golden_cons: dict[str, duckdb.DuckDBPyConnection]) -> None:
    con = golden_cons["hr"]
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in HR_TABLES}
    assert counts["departments"] == 12 and counts["employees"] == 600
    assert 2_000 <= sum(counts.values()) <= 10_000
    keys = con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert {t for (t,) in keys} == set(HR_TABLES)
    checks = {
        # every employee but the CEO has a manager who is an employee
        "SELECT count(*) FROM employees WHERE manager_id IS NULL": 1,
        "SELECT count(*) FROM employees e WHERE manager_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM employees m WHERE m.employee_id = e.manager_id)": 0,
        # the salary is the latest compensation record's base salary
        "SELECT count(*) FROM employees e WHERE salary <> (SELECT arg_max(base_salary, "
        "effective_date) FROM compensation c WHERE c.employee_id = e.employee_id)": 0,
        "SELECT count(*) FROM employees WHERE termination_date <= hire_date": 0,
        "SELECT count(*) FROM projects WHERE (end_date IS NULL) <> "
        "(status IN ('active', 'on_hold'))": 0,
        "SELECT count(*) FROM projects WHERE end_date < start_date": 0,
        "SELECT count(*) FROM assignments GROUP BY project_id HAVING count(*) "
        "FILTER (WHERE role = 'lead') <> 1": None,
    }
    for sql, expected in checks.items():
        found = con.execute(sql).fetchall()
        if expected is None:
            assert found == [], sql
        else:
            assert found == [(expected,)], sql
    nulls = con.execute(
        "SELECT count(*) FILTER (WHERE email IS NULL), count(*) FILTER (WHERE termination_date "
        "IS NOT NULL) FROM employees"
    ).fetchone()
    assert nulls is not None and nulls[0] > 0 and nulls[1] > 0

"""The offline planner on the golden sets, judged by executing its plans against the
hand-written references (tests/planning/judge.py).

Prompts the planner cannot read yet are strict expected failures, each with the reason: a
regression fails the suite, and a gap that closes makes its entry fail until it is removed
from KNOWN_GAPS. bench/planner.py reports the accuracy per category.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from datamorph.catalog import Catalog
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.planning.rules import RulePlanner

from .golden import GOLDEN_SETS, GoldenPrompt, build_golden_database, load_golden
from .judge import judge_outputs, run_reference, run_spec

KNOWN_GAPS = {
    "demo-025": "'total paid' sums orders.amount instead of payments.amount",
    "demo-045": "days between two dates (date_diff) is not understood",
    "demo-046": "CASE labels ('large' when ..., 'small' otherwise) are not understood",
    "demo-062": "the left join loses the count filter on 'active' customers in France",
    "demo-063": "'spent more than 5,000 in total' with a later 'total' reference",
    "hr-013": "'the department that owns it' is read as a grouping",
    "hr-017": "'every department ... number of projects it runs' is not a left join yet",
    "hr-019": "'people assigned' does not name the assignments table",
    "hr-022": "the month of a nullable date keeps a NULL group",
    "hr-026": "'highest-paid' after 'top 10' is not read as ordering by salary",
    "hr-029": "string concatenation ('first name, a space, then last name')",
    "hr-030": "'the total compensation as ...' per record is read as one total",
    "hr-031": "'monthly salary (annual salary divided by 12)' groups by month",
    "hr-033": "'at least one project' (existence) is not understood",
    "hr-045": "a second 'then by' sort key after 'descending'",
    "hr-046": "a self join (managers and their direct reports)",
    "hr-047": "'sorted by hire date and then employee id' keeps only the first key",
}

CASES = [g for name in GOLDEN_SETS for g in load_golden(name)]


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple]]:
    opened = {}
    for name in GOLDEN_SETS:
        path = build_golden_database(name, tmp_path_factory.mktemp(name) / f"{name}.duckdb")
        engine = DuckDBEngine(Path(path))
        opened[name] = (engine, engine.catalog(samples=3, profile=True))
    yield opened
    for engine, _ in opened.values():
        engine.close()


def _marks(case: GoldenPrompt) -> list[pytest.MarkDecorator]:
    reason = KNOWN_GAPS.get(case.id)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=_marks(c)) for c in CASES])
def test_offline_planner_matches_reference(
    case: GoldenPrompt, databases: dict[str, tuple[DuckDBEngine, Catalog]]
) -> None:
    engine, catalog = databases[case.set]
    spec = RulePlanner().plan(case.prompt, catalog)
    verdict = judge_outputs(
        run_spec(engine, spec, catalog),
        run_reference(engine, case.reference_sql),
        ordered=case.ordered,
    )
    assert verdict.ok, f"{case.prompt}\n{verdict.reason}\nspec: {spec.to_json(indent=None)}"


def test_known_gaps_name_real_prompts() -> None:
    assert set(KNOWN_GAPS) <= {c.id for c in CASES}

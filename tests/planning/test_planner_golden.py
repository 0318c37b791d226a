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
    "demo-045": "days between two dates (date_diff) is not understood",
    "demo-046": "CASE labels ('large' when ..., 'small' otherwise) are not understood",
    "demo-063": "'spent more than 5,000 in total', then 'with their total' as a reference",
    "hr-029": "string concatenation ('first name, a space, then last name')",
    "hr-033": "'how many distinct employees ... at least one project' (count over existence)",
    "hr-045": "'sorted by assignment count descending, then by project id' loses the first key",
    "hr-046": "a self join (managers and their direct reports)",
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

"""The fault suite: does self-healing bring broken code back to what the spec asks for?

Every pipeline of tests/validation/pipelines.py is compiled; each fault of `faults.py` breaks
that SQL (never the spec) the way a person or an LLM might. Each broken pipeline that applies
runs through `datamorph.run(spec, code=broken_sql, ...)` (execute, validate, heal, publish) on
the seeded retail database. A run is healed when it completes AND its published table equals
the correct output (sorted row multisets, numbers within 1e-9). Goals: at least 40 broken
pipelines over at least 10 kinds, 95 % healed, at most 1.5 iterations on average over the
healed runs, every kind healed at least once, and no run ever leaves wrong rows in its target
(a run that does not complete leaves the target as it was).

The sweep prints per-kind figures and writes them to docs/healing_faults.md (overwritten).
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.runs import RunStore
from datamorph.spec import Spec
from validation.pipelines import PIPELINES

from .fault_tools import FaultContext, parse, typo
from .faults import FAULTS
from .figures import markdown
from .harness import Case, expected_rows, fetch, inject, run_case

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "docs" / "healing_faults.md"
MIN_CASES, MIN_KINDS, MIN_HEALED, MAX_ITERATIONS = 40, 10, 0.95, 1.5


@dataclass
class Suite:
    database: Path
    cases: list[Case]


@pytest.fixture(scope="module")
def suite(retail_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Suite]:
    """A copy of the seeded retail database (2,000 orders, seed 7) and every broken pipeline
    that applies to it. Runs never publish a failed result and each pipeline writes its own
    target, so one copy serves the whole module."""
    path = tmp_path_factory.mktemp("fault_suite") / "retail.duckdb"
    shutil.copy(retail_template, path)
    with DuckDBEngine(path) as engine:
        catalog = engine.catalog(samples=0)
        cases = [
            case for name, spec in PIPELINES.items() for case in inject(engine, name, spec, catalog)
        ]
    yield Suite(path, cases)


# ---- the faults themselves (fast) -------------------------------------------------------------


def test_typo_is_plausible_and_new() -> None:
    assert typo("customer_id") == "custmer_id"
    assert typo("orders") == "ordrs"
    assert typo("amount") != "amount"
    assert typo("orders", ["ordrs"]) not in {"orders", "ordrs"}


def test_faults_apply_widely(suite: Suite) -> None:
    """Enough broken pipelines of enough kinds, each broken the way its family says."""
    kinds = {case.kind for case in suite.cases}
    assert len(suite.cases) >= MIN_CASES, len(suite.cases)
    assert len(kinds) >= MIN_KINDS, sorted(kinds)
    assert kinds == set(FAULTS), f"never applied: {sorted(set(FAULTS) - kinds)}"
    for case in suite.cases:
        assert (case.engine_error is not None) == (case.family == "error"), case.kind


def test_fault_returns_none_when_it_does_not_apply(suite: Suite) -> None:
    with DuckDBEngine(suite.database) as engine:
        catalog = engine.catalog(samples=0)
    spec = PIPELINES["channel_totals"]  # one table, no join, no HAVING
    sql = expected_sql(spec, catalog)
    ctx = FaultContext("channel_totals", spec, catalog, sql)
    for kind in ("ambiguous_column", "misspelt_join_key", "wrong_join_type", "missing_having"):
        assert FAULTS[kind](parse(sql), ctx) is None, kind


def test_expected_rows_is_the_compiled_query(suite: Suite) -> None:
    spec = PIPELINES["channel_totals"]
    with DuckDBEngine(suite.database) as engine:
        catalog = engine.catalog(samples=0)
        expected = expected_rows(engine, spec, catalog)
        again = fetch(engine, expected_sql(spec, catalog) + "\n-- the same query")
    assert expected.columns == ("channel", "orders", "customers", "revenue", "avg_discount")
    assert expected.rows and expected.same_as(again)


def expected_sql(spec: Spec, catalog: Catalog) -> str:
    return compile_sql(spec, catalog, "duckdb")


# ---- the sweep --------------------------------------------------------------------------------


@pytest.mark.slow
def test_broken_pipelines_heal(
    suite: Suite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATAMORPH_LLM", raising=False)  # offline healing and validation
    started = time.perf_counter()
    with RunStore(tmp_path / "home") as store:
        outcomes = [
            run_case(suite.database, store, case, number)
            for number, case in enumerate(suite.cases, 1)
        ]
    seconds = time.perf_counter() - started
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = markdown(
        outcomes,
        "# Fault suite: what self-healing repairs",
        "Written by `tests/healing/test_fault_suite.py` (overwritten each run); "
        f"{stamp}, {seconds:.1f} s. Each fault breaks a pipeline's compiled SQL (never the "
        "spec); the broken code runs through `datamorph.run` on the seeded retail database "
        "(2,000 orders, seed 7). Healed: the run completed and its published table equals "
        "the correct output. Mean iterations are over the healed runs; s / iteration is one "
        "remediation iteration (fix, execute and validate again), fix ms the healer's own "
        "time in it, run s the whole run; lines changed per fix are diff lines (+ and -); "
        "regenerated counts runs that fell back to rebuilding the query from the spec; "
        "classified as is the failure kind of the first iteration.",
    )
    print("\n" + report)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(report)

    wrong = [(o.case.pipeline, o.case.kind, o.status) for o in outcomes if not o.target_ok]
    assert not wrong, f"targets left holding wrong rows: {wrong}"
    healed = [o for o in outcomes if o.healed]
    failed = [
        (o.case.pipeline, o.case.kind, o.last_failure[:200]) for o in outcomes if not o.healed
    ]
    assert len(healed) / len(outcomes) >= MIN_HEALED, f"not healed: {failed}"
    never = set(FAULTS) - {o.case.kind for o in healed}
    assert not never, f"kinds never healed: {sorted(never)}"
    mean_iterations = sum(o.iterations for o in healed) / len(healed)
    assert mean_iterations <= MAX_ITERATIONS, mean_iterations

"""The seeded-defect suite: does validation catch wrong code, and pass right code?

Every pipeline of `pipelines.py` is compiled; its correct SQL must validate (no false
failures). Then each defect of `defects.py` breaks that SQL (the spec stays correct), the broken
SQL runs into a table and the validator must fail it. A defect that does not apply returns None
and is not counted; one whose output equals the correct output row for row is a no-op, not a
missed detection. Goals (from the issue): at least 12 kinds of defect over at least 10
pipelines, at least 95 % of defects detected, no false failures.

The sweep prints a report and appends it to docs/validation_defects.md.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlglot

from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.errors import DataMorphError
from datamorph.spec import Spec
from datamorph.validation import validate
from datamorph.validation.equivalence import proven_equivalent

from .defects import DEFECTS, same_rows
from .mutations import DefectContext
from .pipelines import PIPELINES

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "docs" / "validation_defects.md"
MIN_KINDS, MIN_PIPELINES, MIN_DETECTION = 12, 10, 0.95
REPORT_HEADER = """# Seeded-defect suite: what validation catches

Written by `tests/validation/test_defect_suite.py`; every run of the sweep appends a section.
Each pipeline's correct SQL (compiled from its spec) must pass validation; each defect breaks
the SQL (never the spec) the way a person or an LLM might, and validation must fail the output.
A defect that does not apply to a pipeline is not counted; one that leaves the output identical
to the correct output (same rows, same types) is a no-op, not a miss.
"""


@dataclass
class Retail:
    engine: DuckDBEngine
    catalog: Catalog

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.engine.execute(sql).fetchall()

    def create(self, table: str, sql: str) -> None:
        self.engine.execute(f'CREATE OR REPLACE TABLE "{table}" AS {sql}')

    def drop(self, table: str) -> None:
        self.engine.execute(f'DROP TABLE IF EXISTS "{table}"')


@dataclass
class Outcome:
    pipeline: str
    defect: str
    status: str  # n/a | error | no-op | detected | missed | proven (a prover error)
    checks: list[str] = field(default_factory=list)  # the kinds of the failed checks
    sql: str | None = None


@pytest.fixture(scope="module")
def retail(retail_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Retail]:
    """The seeded retail database (2,000 orders, seed 7), one copy for the whole module."""
    path = tmp_path_factory.mktemp("defect_suite") / "retail.duckdb"
    shutil.copy(retail_template, path)
    with DuckDBEngine(path) as engine:
        yield Retail(engine, engine.catalog(samples=0))


def correct_sql(retail: Retail, spec: Spec) -> str:
    return compile_sql(spec, retail.catalog, "duckdb")


def failed_kinds(retail: Retail, spec: Spec, table: str, code: str | None = None) -> list[str]:
    """The kinds of the checks validation failed ([] when it passed); `code` made the table."""
    report = validate(retail.engine, spec, table, retail.catalog, code=code)
    kinds = [check.kind for check in report.failed]
    assert (report.status == "fail") == bool(kinds)
    return kinds


@pytest.mark.parametrize("name", sorted(PIPELINES))
def test_correct_output_passes(retail: Retail, name: str) -> None:
    spec = PIPELINES[name]
    table = f"ok_{name}"
    retail.create(table, correct_sql(retail, spec))
    try:
        report = validate(retail.engine, spec, table, retail.catalog)
    finally:
        retail.drop(table)
    failures = [f"{c.name}: {c.message} ({c.observed} vs {c.expected})" for c in report.failed]
    assert report.status == "pass", f"false failure on {name}: {failures}"


def sweep(retail: Retail) -> tuple[list[Outcome], list[str]]:
    """Every defect on every pipeline; and the pipelines whose correct output failed."""
    outcomes: list[Outcome] = []
    false_failures: list[str] = []
    for name, spec in PIPELINES.items():
        sql = correct_sql(retail, spec)
        good, bad = f"good_{name}", f"bad_{name}"
        retail.create(good, sql)
        if failed_kinds(retail, spec, good):
            false_failures.append(name)
        keys = ", ".join(f'"{k}"' for k in spec.target_table.keys)
        cursor = retail.engine.execute(f'SELECT * FROM "{good}" ORDER BY {keys}')
        columns = [d[0] for d in cursor.description or []]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        types = {column: kind for column, kind, *_ in retail.rows(f'DESCRIBE "{good}"')}
        for kind, defect in DEFECTS.items():
            ctx = DefectContext(spec, retail.catalog, rows, types, retail.rows)
            broken = defect(sqlglot.parse_one(sql, read="duckdb"), ctx)
            outcome = judge(retail, spec, name, kind, broken, good, bad)
            # a wrong answer the prover called the spec's own query would skip the reference
            tested = outcome.status in {"detected", "missed"} and broken is not None
            if tested and proven_equivalent(str(broken), sql, retail.catalog, "duckdb"):
                outcome.status = "proven"
            outcomes.append(outcome)
        retail.drop(good)
        retail.drop(bad)
    return outcomes, false_failures


def judge(
    retail: Retail, spec: Spec, name: str, kind: str, broken: str | None, good: str, bad: str
) -> Outcome:
    if broken is None:
        return Outcome(name, kind, "n/a")
    try:
        retail.create(bad, broken)
    except DataMorphError as error:  # the defect itself is broken: a harness bug
        return Outcome(name, kind, "error", [error.message], broken)
    if same_rows(retail.rows, good, bad):
        return Outcome(name, kind, "no-op", sql=broken)
    checks = failed_kinds(retail, spec, bad, code=broken)
    return Outcome(name, kind, "detected" if checks else "missed", checks, broken)


def test_seeded_defects_are_detected(retail: Retail) -> None:
    started = time.perf_counter()
    outcomes, false_failures = sweep(retail)
    seconds = time.perf_counter() - started
    report = markdown(outcomes, false_failures, seconds)
    print(report)
    append_report(report)

    errors = [(o.pipeline, o.defect, o.checks, o.sql) for o in outcomes if o.status == "error"]
    assert not errors, f"defects that produce invalid SQL: {errors}"
    assert not false_failures, f"correct outputs failed validation: {false_failures}"
    proven = [(o.pipeline, o.defect, o.sql) for o in outcomes if o.status == "proven"]
    assert not proven, f"wrong code proven equivalent to the spec's query: {proven}"
    tested = [o for o in outcomes if o.status in {"detected", "missed"}]
    kinds = {o.defect for o in tested}
    assert len(kinds) >= MIN_KINDS, f"only {sorted(kinds)} applied"
    assert len(PIPELINES) >= MIN_PIPELINES
    undetected = set(DEFECTS) - {o.defect for o in tested if o.status == "detected"}
    assert not undetected, f"kinds never detected: {sorted(undetected)}"
    detected = sum(o.status == "detected" for o in tested)
    missed = [(o.pipeline, o.defect) for o in tested if o.status == "missed"]
    assert detected / len(tested) >= MIN_DETECTION, f"missed: {missed}"


# ---- the report -------------------------------------------------------------------------------


def _rows_by(outcomes: list[Outcome], attribute: str) -> list[str]:
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(getattr(outcome, attribute), []).append(outcome)
    lines = []
    for label, group in groups.items():
        count = Counter(o.status for o in group)
        tested = count["detected"] + count["missed"]
        applied = tested + count["no-op"] + count["error"]
        rate = f"{100 * count['detected'] / tested:.0f} %" if tested else "-"
        line = f"| {label} | {applied} | {count['no-op']} | {tested} | {count['detected']} | {rate}"
        if attribute == "defect":
            caught = Counter(
                kind for o in group for kind in set(o.checks) if o.status == "detected"
            )
            line += " | " + ", ".join(f"{kind} {n}" for kind, n in caught.most_common())
        lines.append(line + " |")
    return lines


def markdown(outcomes: list[Outcome], false_failures: list[str], seconds: float) -> str:
    tested = [o for o in outcomes if o.status in {"detected", "missed"}]
    detected = sum(o.status == "detected" for o in tested)
    no_ops = [o for o in outcomes if o.status == "no-op"]
    missed = [o for o in tested if o.status == "missed"]
    rate = 100 * detected / len(tested) if tested else 0.0
    which = f" ({', '.join(false_failures)})" if false_failures else ""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## Run of {stamp}",
        "",
        f"{len(PIPELINES)} pipelines x {len(DEFECTS)} defect kinds: "
        f"{len(tested) + len(no_ops)} applied, {len(no_ops)} no-ops, {len(tested)} tested, "
        f"**{detected} detected ({rate:.1f} %)**; false failures on correct outputs: "
        f"**{len(false_failures)}**{which}"
        f"; sweep {seconds:.1f} s.",
        "",
        "| defect kind | applied | no-op | tested | detected | rate | failed check kinds |",
        "|---|---|---|---|---|---|---|",
        *_rows_by(outcomes, "defect"),
        "",
        "| pipeline | applied | no-op | tested | detected | rate |",
        "|---|---|---|---|---|---|",
        *_rows_by(outcomes, "pipeline"),
        "",
        "No-ops (the defect left the output unchanged): "
        + (", ".join(f"{o.pipeline} / {o.defect}" for o in no_ops) or "none")
        + ".",
        "",
        "Missed: " + (", ".join(f"{o.pipeline} / {o.defect}" for o in missed) or "none") + ".",
    ]
    for o in missed:
        lines += ["", f"```sql\n-- {o.pipeline} / {o.defect}\n{o.sql}\n```"]
    return "\n".join(lines) + "\n"


def append_report(section: str) -> None:
    """The latest sweep replaces the previous one, so test runs do not grow the file."""
    REPORT.write_text(REPORT_HEADER + "\n" + section, encoding="utf-8")

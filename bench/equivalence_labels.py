"""Self-check of the frozen equivalence cases (tests/validation_equivalence_frozen.py).

For each case: build its schema into a fresh DuckDB file, compile the spec with the public CLI
(`datamorph compile`), run the compiled SQL and the hand-written SQL, and confirm that
equivalent cases return identical tables (column names in order, rows as a multiset, row order
too when the spec has order_by) and non-equivalent cases return different tables on the data.
Never calls the prover. Usage: .venv/bin/python bench/equivalence_labels.py [case_id ...]
"""

from __future__ import annotations

import decimal
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
CASES_FILE = ROOT / "tests" / "validation_equivalence_frozen.py"
CLI = Path(sys.executable).with_name("datamorph")


def load_cases():
    spec = importlib.util.spec_from_file_location("frozen_cases", CASES_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SCHEMAS, module.CASES


def normalise(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return round(float(value), 9)
    return value


def run(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        rows = [tuple(normalise(v) for v in row) for row in cursor.fetchall()]
    return names, rows


def same(spec: dict, left, right) -> bool:
    if left[0] != right[0]:
        return False
    if spec.get("order_by"):
        return left[1] == right[1]
    return Counter(left[1]) == Counter(right[1])


def check(schemas, case, workdir: Path) -> str | None:
    db = workdir / f"{case['id']}.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(schemas[case["schema"]])
    spec_path = workdir / f"{case['id']}.json"
    spec_path.write_text(json.dumps(case["spec"]))
    compiled = subprocess.run(
        [str(CLI), "compile", "--spec", str(spec_path), "-d", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "DATAMORPH_DAEMON": "off"},  # leaves no server behind
    )
    if compiled.returncode != 0:
        return f"compile failed: {compiled.stderr.strip() or compiled.stdout.strip()}"
    try:
        reference = run(db, compiled.stdout)
        written = run(db, case["code"])
    except duckdb.Error as error:
        return f"query failed: {error}"
    equal = same(case["spec"], reference, written)
    if case["equivalent"] and not equal:
        return f"labelled equivalent but differs:\n  spec: {reference}\n  code: {written}"
    if not case["equivalent"] and equal:
        return f"labelled NOT equivalent but identical on the data: {reference}"
    return None


def main(argv: list[str]) -> int:
    schemas, cases = load_cases()
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    wanted = set(argv)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            if wanted and case["id"] not in wanted:
                continue
            problem = check(schemas, case, Path(tmp))
            if problem:
                failures += 1
                print(f"FAIL {case['id']}: {problem}")
    eq = sum(c["equivalent"] for c in cases)
    print(f"{len(cases)} cases ({eq} equivalent, {len(cases) - eq} not), {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

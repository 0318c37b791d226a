"""Output validation on a frozen held-out set: does a run publish right outputs, and only those?

The cases (tests/hostile/validation_frozen.py) were written blind to the validation code. Each
builds its own DuckDB file, then runs `datamorph.run(spec, code=..., database=...)` (healing
off, except the deduplication cases, which approve `deduplicate`) with a fresh run store. It
records whether the target was published, the validation status, the checks that failed or
errored, and the counts they reported, and compares with the truth, a hand-written SQL answer:

- a "pass" case (the output is right) is `passed` when the run published a table equal to the
  truth with validation "pass" and no check in error; `refused` when nothing was published (a
  false alarm); `pass with error` when it published the right table although a check errored;
- a "catch" case (the output is wrong) is `caught` when nothing was published;
- any case is `published wrong` when the published table differs from the truth (the headline
  error), and `crash` when the run raised;
- a count is checked for every failing check whose observed value is a number: grain unique
  (duplicate keys, or the extra rows), grain not null (rows with a NULL key), not_empty and
  row_count (rows), filter[i] and having[i] (rows where the condition is not true), row_diff
  (keys, or rows, that differ); the true value is computed from the code's own output.

Before a run, each case is checked on its own: a "pass" case's code must give the truth, a
"catch" case's code must not. Prints a table; `--append` adds it to docs/benchmarks.md.

    .venv/bin/python bench/validation_frozen.py [--cases ID...] [--append --label TEXT]
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import importlib.util
import re
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table

import datamorph
from common import append_report, machine
from datamorph.runs import RunStore

REPO = Path(__file__).resolve().parents[1]


def _load_cases() -> Any:
    # By path: the case file shares this script's module name.
    path = REPO / "tests" / "hostile" / "validation_frozen.py"
    spec = importlib.util.spec_from_file_location("validation_frozen_cases", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_CASES_MODULE = _load_cases()
CASES: list[dict[str, Any]] = _CASES_MODULE.CASES
SCHEMAS: dict[str, list[str]] = _CASES_MODULE.SCHEMAS

console = Console(width=240)
COUNTED = ("grain unique", "grain not null", "not_empty", "row_count", "filter[", "having[")


@dataclass
class Outcome:
    """What one case's run did, and how that compares with the truth."""

    case: dict[str, Any]
    verdict: str = ""
    published: bool = False
    status: str = ""
    validation: str = ""
    failing: list[str] = field(default_factory=list)
    errored: list[str] = field(default_factory=list)
    counts: list[str] = field(default_factory=list)
    wrong_counts: list[str] = field(default_factory=list)
    problem: str = ""
    seconds: float = 0.0


# ---- values ----------------------------------------------------------------------------------


def norm(value: Any) -> Any:
    """Comparable values: numbers to 9 significant digits, dates as text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, decimal.Decimal | float | int):
        return float(f"{float(value):.9g}")
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def fetch(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], Counter[tuple[Any, ...]]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return names, Counter(tuple(norm(v) for v in row) for row in cursor.fetchall())


# ---- building and running ------------------------------------------------------------------


def build(case: dict[str, Any], folder: Path) -> Path:
    database = folder / f"{case['id']}.duckdb"
    with duckdb.connect(str(database)) as con:
        for statement in SCHEMAS[case["schema"]]:
            con.execute(statement)
    return database


def sanity(case: dict[str, Any], database: Path) -> str:
    """A case that contradicts itself is reported, not scored."""
    if case["code"] is None:
        return ""
    with duckdb.connect(str(database), read_only=True) as con:
        truth_names, truth = fetch(con, case["truth"])
        names, rows = fetch(con, case["code"])
    if "deduplicate" in case["approve"]:  # the code repeats rows on purpose
        rows = Counter(set(rows))
    same = names == truth_names and rows == truth
    if case["expect"] == "pass" and not same:
        return "case error: the right code does not give the truth"
    if case["expect"] == "catch" and same:
        return "case error: the wrong code gives the truth"
    return ""


def run_case(case: dict[str, Any], folder: Path) -> Outcome:
    outcome = Outcome(case)
    database = build(case, folder)
    outcome.problem = sanity(case, database)
    if outcome.problem:
        outcome.verdict = "case error"
        return outcome
    code = None
    if case["code"] is not None:
        code = folder / f"{case['id']}.sql"
        code.write_text(case["code"] + "\n")
    started = time.perf_counter()
    try:
        with RunStore(folder / "store") as store:
            result = datamorph.run(
                case["spec"],
                code=code,
                database=str(database),
                store=store,
                max_iterations=case["iterations"],
                approve=case["approve"],
            )
    except Exception as error:  # a crash is a finding, not the end of the benchmark
        outcome.seconds = time.perf_counter() - started
        outcome.verdict = "crash"
        outcome.problem = f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
        return outcome
    outcome.seconds = time.perf_counter() - started
    outcome.status = result.status
    outcome.validation = result.validation_status
    checks = result.report.get("checks", []) if isinstance(result.report, dict) else []
    outcome.failing = [c["name"] for c in checks if c.get("status") == "fail"]
    outcome.errored = [c["name"] for c in checks if c.get("status") == "error"]
    judge(outcome, database, checks)
    return outcome


def judge(outcome: Outcome, database: Path, checks: list[dict[str, Any]]) -> None:
    case = outcome.case
    target = case["spec"]["target_table"]["name"]
    with duckdb.connect(str(database), read_only=True) as con:
        found = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [target]
        ).fetchone()
        outcome.published = bool(found and found[0])
        right = True
        if outcome.published:
            names, rows = fetch(con, f'SELECT * FROM "{target}"')
            truth_names, truth = fetch(con, case["truth"])
            right = names == truth_names and rows == truth
            if not right:
                outcome.problem = (
                    f"published {sum(rows.values())} rows, truth {sum(truth.values())}"
                )
        if case["iterations"] == 0:
            check_counts(outcome, con, checks)
    if outcome.published and not right:
        outcome.verdict = "published wrong"
    elif case["expect"] == "pass":
        if not outcome.published:
            outcome.verdict = "refused"
        elif outcome.errored or outcome.validation != "pass":
            outcome.verdict = "pass with error"
        else:
            outcome.verdict = "passed"
    else:
        outcome.verdict = "published right" if outcome.published else "caught"


# ---- counts ----------------------------------------------------------------------------------


def key_columns(name: str) -> list[str]:
    inside = re.search(r"\((.*)\)\s*$", name)
    return [part.strip().strip('"') for part in inside.group(1).split(",")] if inside else []


def unqualified(expr: str) -> str:
    """`s.status = 'x'` read on the output table, where columns have no alias."""
    return re.sub(r"\b[A-Za-z_]\w*\.(?=[A-Za-z_\"])", "", expr)


def true_counts(
    con: duckdb.DuckDBPyConnection, case: dict[str, Any], check: dict[str, Any]
) -> set[int] | None:
    """The values a correct check would report, or None where this runner cannot tell."""
    name = check["name"]
    output = case["code"] if case["code"] is not None else case["truth"]
    names, rows = fetch(con, output)
    if name.startswith(("not_empty", "row_count")):
        return {sum(rows.values())}
    if name.startswith("grain"):
        keys = key_columns(name)
        if not keys or any(k not in names for k in keys):
            return None
        at = [names.index(k) for k in keys]
        if name.startswith("grain not null"):
            return {sum(n for row, n in rows.items() if any(row[i] is None for i in at))}
        copies: Counter[tuple[Any, ...]] = Counter()
        for row, n in rows.items():
            copies[tuple(row[i] for i in at)] += n
        return {sum(1 for n in copies.values() if n > 1), sum(n - 1 for n in copies.values())}
    match = re.match(r"(filter|having)\[(\d+)\]", name)
    if match:
        field_name = "filters" if match.group(1) == "filter" else "having"
        expr = unqualified(case["spec"][field_name][int(match.group(2))])
        try:
            found = con.execute(
                f"SELECT count(*) FROM ({output}) AS t WHERE ({expr}) IS NOT TRUE"
            ).fetchone()
        except duckdb.Error:
            return None
        return {int(found[0])} if found else None
    if name.startswith("row_diff"):
        return row_diff_counts(con, case, names, rows, key_columns(name))
    return None


def row_diff_counts(
    con: duckdb.DuckDBPyConnection,
    case: dict[str, Any],
    names: list[str],
    rows: Counter[tuple[Any, ...]],
    keys: list[str],
) -> set[int] | None:
    truth_names, truth = fetch(con, case["truth"])
    if not keys or names != truth_names or any(k not in names for k in keys):
        return None
    at = [names.index(k) for k in keys]
    differing = (rows - truth) + (truth - rows)
    return {len({tuple(row[i] for i in at) for row in differing}), sum(differing.values())}


def check_counts(
    outcome: Outcome, con: duckdb.DuckDBPyConnection, checks: list[dict[str, Any]]
) -> None:
    for check in checks:
        observed = check.get("observed")
        counted = check["name"].startswith(COUNTED) or check["name"].startswith("row_diff")
        if check.get("status") != "fail" or not counted or isinstance(observed, bool):
            continue
        if not isinstance(observed, int):
            continue
        truths = true_counts(con, outcome.case, check)
        if truths is None:
            outcome.counts.append(f"{check['name']} {observed}/?")
            continue
        shown = " or ".join(str(t) for t in sorted(truths))
        outcome.counts.append(f"{check['name']} {observed}/{shown}")
        if observed not in truths:
            outcome.wrong_counts.append(f"{check['name']}: reported {observed}, true {shown}")
        expected = check.get("expected")
        if check["name"].startswith("row_count") and isinstance(expected, int):
            with_truth = sum(fetch(con, outcome.case["truth"])[1].values())
            if expected != with_truth:
                outcome.wrong_counts.append(f"row_count: expected {expected}, true {with_truth}")


# ---- report ----------------------------------------------------------------------------------


def summary(outcomes: list[Outcome]) -> list[str]:
    def tally(expect: str, contested: bool | None = None) -> tuple[int, int]:
        chosen = [
            o
            for o in outcomes
            if o.case["expect"] == expect
            and o.verdict != "case error"
            and (contested is None or o.case["contested"] == contested)
        ]
        good = "passed" if expect == "pass" else "caught"
        return sum(o.verdict == good for o in chosen), len(chosen)

    published = [o for o in outcomes if o.published]
    wrong = sum(o.verdict == "published wrong" for o in outcomes)
    with_error = [o for o in published if o.errored]
    reported = sum(len(o.counts) for o in outcomes)
    miscounted = sum(len(o.wrong_counts) for o in outcomes)
    by_kind = Counter(
        re.sub(r"[\[(].*", "", problem).strip().rstrip(":")
        for o in outcomes
        for problem in o.wrong_counts
    )
    lines = [
        "Must pass: {} of {} passed ({} of {} without the contested NULL-key cases).".format(
            *tally("pass"), *tally("pass", False)
        ),
        "Must catch: {} of {} caught.".format(*tally("catch")),
        f"Wrong among completed: {wrong} of {len(published)} published tables differ from"
        " the truth.",
        f"Published although a check errored: {len(with_error)}"
        + (f" ({', '.join(o.case['id'] for o in with_error)})." if with_error else "."),
        f"Counts reported by failing checks: {reported}; not the true count: {miscounted}.",
        "Wrong counts by check: "
        + (", ".join(f"{kind} {n}" for kind, n in sorted(by_kind.items())) or "none")
        + ".",
        "Crashes: {}; case errors: {}.".format(
            sum(o.verdict == "crash" for o in outcomes),
            sum(o.verdict == "case error" for o in outcomes),
        ),
    ]
    return lines


HEADERS = (
    "case",
    "expect",
    "published",
    "validation",
    "failing / errored checks",
    "counts (reported/true)",
    "outcome",
)


def row(outcome: Outcome) -> tuple[str, ...]:
    case = outcome.case
    checks = ", ".join(outcome.failing + [f"{name} (error)" for name in outcome.errored])
    outcome_text = outcome.verdict + (f": {outcome.problem}" if outcome.problem else "")
    if outcome.wrong_counts:
        outcome_text += "; wrong count"
    return (
        case["id"] + (" *" if case["contested"] else ""),
        case["expect"],
        "yes" if outcome.published else "no",
        outcome.validation or "-",
        checks or "-",
        "; ".join(outcome.counts) or "-",
        outcome_text,
    )


def show(outcomes: list[Outcome], lines: list[str]) -> None:
    table = Table(*HEADERS, title="Validation on the frozen held-out set")
    for outcome in outcomes:
        table.add_row(*row(outcome))
    console.print(table)
    for line in lines:
        console.print(line)
    for outcome in outcomes:
        for problem in outcome.wrong_counts:
            console.print(f"count: {outcome.case['id']}: {problem}")


def markdown(
    outcomes: list[Outcome], lines: list[str], label: str, wall: float, note: str
) -> list[str]:
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"\n## bench/validation_frozen.py: {label} ({today})\n",
        f"Machine: {machine()}. Command: `.venv/bin/python bench/validation_frozen.py`;"
        f" {wall:.0f} s wall. Code: datamorph imported from"
        f" `{Path(datamorph.__file__).parents[1]}` (repository HEAD {commit}). Cases:"
        " tests/hostile/validation_frozen.py, written blind to the validation code and not"
        " tuned on. Healing off except the three deduplication cases. `*`: a contested"
        " NULL-key case (see the case file)." + (f" {note}" if note else "") + "\n",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "---|" * len(HEADERS),
    ]
    for outcome in outcomes:
        out.append("| " + " | ".join(cell.replace("|", "/") for cell in row(outcome)) + " |")
    out += ["", *lines, ""]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="*", help="only the cases with these ids")
    parser.add_argument("--append", action="store_true", help="append to docs/benchmarks.md")
    parser.add_argument("--label", default="run", help="the section's label in the report")
    parser.add_argument("--note", default="", help="a sentence added to the report's section")
    args = parser.parse_args()
    chosen = [c for c in CASES if not args.cases or c["id"] in args.cases]
    started = time.perf_counter()
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="dm-validation-frozen-") as tmp:
        for case in chosen:
            folder = Path(tmp) / case["id"]
            folder.mkdir()
            outcomes.append(run_case(case, folder))
            console.print(f"{case['id']}: {outcomes[-1].verdict}", highlight=False)
    wall = time.perf_counter() - started
    lines = summary(outcomes)
    show(outcomes, lines)
    console.print(f"{wall:.0f} s")
    if args.append:
        append_report(markdown(outcomes, lines, args.label, wall, args.note))


if __name__ == "__main__":
    main()

"""Properties of the data that validation flags, told as facts with the person's options.

A failed grain check is not a defect of the code when nothing else failed: the checks against
the spec's own result passed (or the code is the spec's own SQL), so the spec computes the same
rows from these sources. Duplicate keys or NULL keys are then in the data, and what to do about
them is the person's decision: drop the duplicates (`deduplicate`, with approval), filter the
NULLs, or change what the spec declares. The monitor says so in plain words, with exact counts
taken from the staged output, instead of guessing at a code fix.

The measurements are shared with the `deduplicate` strategy, which reports what it removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from datamorph.errors import DataMorphError
from datamorph.json_cells import cell
from datamorph.monitor.gate import how_to_approve

if TYPE_CHECKING:
    from datamorph.monitor.classifier import Classification
    from datamorph.orchestrator import Run

SAMPLE_KEYS = 3  # keys shown with their rows, kept and removed
SAMPLE_ROWS = 10
KEPT = "_dm_kept"
# The counts are exact; what may be wrong is reading them as the data's: a spec whose keys do
# not fit its own result would fail the same way. Hence not 1.0.
MEASURED = 0.95
_GRAIN = re.compile(r"^grain (unique|not null) \((?P<keys>.+)\)$")
_REFERENCE = ("row_diff", "reconciliation", "row_count")


@dataclass(frozen=True)
class Finding:
    kind: str  # duplicate_keys | null_keys
    facts: str
    options: list[str]
    counts: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return f"{self.facts}. Options: " + "; ".join(self.options)


@dataclass(frozen=True)
class Duplicates:
    keys: list[str]
    values: int  # key values with more than one row
    removed: int  # rows beyond the first of each key: exact, whatever the sample shows
    differing: list[str]  # columns whose values differ between rows of one key
    sample: list[dict[str, Any]]  # rows of the first keys, KEPT true for the one kept

    def as_dict(self) -> dict[str, Any]:
        return {
            "keys": self.keys,
            "key_values_duplicated": self.values,
            "rows_removed": self.removed,
            "columns_that_differ": self.differing,
            "sample": self.sample,
        }


def data_findings(run: Run, failure: Any) -> list[Finding]:
    """What the failed checks say about the data; [] when they may be the code's."""
    checks = (getattr(failure, "report", None) or {}).get("checks", [])
    failed = [c for c in checks if c.get("status") == "fail"]
    if not failed or run.staging is None or run.spec is None:
        return []
    parsed = [_GRAIN.match(str(c.get("name", ""))) for c in failed]
    if any(m is None for m in parsed) or any(_failed_reference(c) for c in checks):
        return []  # something else failed too: the classifier reads it
    findings: list[Finding | None] = []
    try:
        for match in sorted(parsed, key=lambda m: m is not None and m.group(1) == "unique"):
            assert match is not None  # NULL keys first: they explain duplicates of NULL too
            keys = [k.strip() for k in match.group("keys").split(",")]
            if match.group(1) == "unique":
                findings.append(_duplicates_finding(run, keys))
            else:
                findings += [_nulls_finding(run, key) for key in keys]
    except DataMorphError:
        return []  # the output could not be measured: leave it to the classifier
    return [f for f in findings if f is not None]


def from_findings(findings: list[Finding], native_code: str | None) -> Classification:
    """The findings as a classification: measured, not guessed. Duplicate keys alone call for
    `deduplicate` (which the gate holds for approval); a NULL key is the person's to decide,
    recorded as data that is not what the spec says it is (`data_corruption`: escalate)."""
    from datamorph.monitor.classifier import Classification
    from datamorph.monitor.taxonomy import TAXONOMY, Category

    nulls = any(f.kind == "null_keys" for f in findings)
    category = Category.DATA_CORRUPTION if nulls else Category.DATA_DUPLICATION
    return Classification(
        category=str(category),
        confidence=MEASURED,
        strategy=TAXONOMY[category].strategy,
        probabilities={str(category): MEASURED, str(Category.CODE_DEFECT): 1 - MEASURED},
        codes=(native_code,) if native_code else (),
        layers={"findings": [f.kind for f in findings]},
    )


def _failed_reference(check: dict[str, Any]) -> bool:
    kind = str(check.get("kind") or check.get("name", "")).split()[0]
    return kind in _REFERENCE and check.get("status") in ("fail", "error")


# ---- duplicate keys ----------------------------------------------------------------------------


def measure_duplicates(run: Run, keys: list[str], *, null_keys: bool = True) -> Duplicates:
    """Duplicate keys in the staged output, counted exactly; the rows of the first few keys,
    marked with which one `deduplicate` keeps (the first in the order of every output).
    `null_keys=False` leaves out rows with a NULL key (the NULL finding tells of those)."""
    assert run.staging is not None
    q = quoter(run)
    table = q(run.staging.name)
    columns = list(run.engine.query(f"SELECT * FROM {table}", limit=0).columns)
    if not null_keys:
        table = (
            f"(SELECT * FROM {table} WHERE {' AND '.join(f'{q(k)} IS NOT NULL' for k in keys)}) t"
        )
    by = ", ".join(q(k) for k in keys)
    others = [c for c in columns if c.lower() not in {k.lower() for k in keys}][:20]
    distinct = "".join(f", count(DISTINCT {q(c)}) AS {q('d_' + c)}" for c in others)
    groups = f"SELECT count(*) AS copies{distinct} FROM {table} GROUP BY {by} HAVING count(*) > 1"
    differ = "".join(
        f", sum(CASE WHEN {q('d_' + c)} > 1 THEN 1 ELSE 0 END)" for c in others
    )  # fmt: skip
    row = run.engine.query(f"SELECT count(*), sum(copies - 1){differ} FROM ({groups}) g").rows[0]
    values, removed = int(row[0] or 0), int(row[1] or 0)
    differing = [c for c, n in zip(others, row[2:], strict=True) if n]
    order = ", ".join(q(c) for c in columns)
    ranked = (
        f"SELECT *, row_number() OVER (PARTITION BY {by} ORDER BY {order}) AS {q('_dm_n')}, "
        f"count(*) OVER (PARTITION BY {by}) AS {q('_dm_copies')}, "
        f"dense_rank() OVER (ORDER BY {by}) AS {q('_dm_key')} FROM {table}"
    )
    shown = ", ".join(q(c) for c in columns)
    sample = run.engine.query(
        f"SELECT {shown}, {q('_dm_n')} = 1 AS {q(KEPT)} FROM ({ranked}) r "
        f"WHERE {q('_dm_copies')} > 1 AND {q('_dm_key')} <= {SAMPLE_KEYS} "
        f"ORDER BY {by}, {q('_dm_n')}",
        limit=SAMPLE_ROWS,
    ).as_dicts()
    rows = [{k: cell(v) for k, v in r.items()} for r in sample]
    return Duplicates(keys, values, removed, differing, rows)


def _duplicates_finding(run: Run, keys: list[str]) -> Finding | None:
    """Duplicates among keys that are not NULL: rows that share a NULL key are the NULL
    finding's (the grain check counts NULL as one value)."""
    found = measure_duplicates(run, keys, null_keys=False)
    if not found.values:
        return None
    key = ", ".join(keys)
    differ = (
        f"; rows of one {key} differ in {', '.join(found.differing)}"
        if found.differing
        else "; the repeated rows are identical"
    )
    example = _example(found)
    facts = (
        f"{key} repeats in the output: {found.values:,} {key} value"
        f"{'s have' if found.values != 1 else ' has'} more than one row "
        f"({found.removed:,} extra row{'s' if found.removed != 1 else ''}{differ}){example}. "
        "The spec gives the same rows from these sources, so the duplicates are in the data, "
        "not in the code"
    )
    declared = run.spec is not None and bool(run.spec.target_table.keys)
    first = "" if declared else f"declare {key} in target_table.keys and "
    options = [
        f"to keep one row per {key} (drop the duplicate source rows), {first}approve "
        f"deduplicate: {how_to_approve('deduplicate')}",
        "or remove the duplicate rows from the source",
    ]
    if declared:
        options.append(
            f"or, if several rows per {key} are right, take {key} out of target_table.keys"
        )
    return Finding("duplicate_keys", facts, options, found.as_dict())


def _example(found: Duplicates) -> str:
    """`, e.g. customer_id 7: customer_name 'Ada', 'Ada (updated)'` from the sample."""
    if not found.sample:
        return ""
    first = found.sample[0]
    rows = [r for r in found.sample if all(r.get(k) == first.get(k) for k in found.keys)]
    example = ", e.g. " + ", ".join(f"{k} {first.get(k)!r}" for k in found.keys)
    if found.differing:
        column = found.differing[0]
        example += f": {column} " + ", ".join(repr(r.get(column)) for r in rows)
    return example


# ---- NULL keys ---------------------------------------------------------------------------------


def _nulls_finding(run: Run, key: str) -> Finding | None:
    assert run.staging is not None and run.spec is not None
    q = quoter(run)
    ((rows,),) = run.engine.query(
        f"SELECT count(*) FROM {q(run.staging.name)} WHERE {q(key)} IS NULL"
    ).rows
    if not rows:
        return None
    column = _source_column(run, key)
    grouped = run.spec.is_aggregate and key.lower() in _group_keys(run)
    declared = _declared(run, key)
    facts = _null_facts(run, key, int(rows), column, grouped) + {
        "not_null": f", and target_table.not_null says {key} is never NULL",
        "key": f", and {key} is a declared key, which is never NULL",
    }.get(declared, "")
    where = f"{column[0]}.{column[1]}" if column else key
    options = [
        f"if rows without {key} should not count, filter them (`{where} is not null`)",
        f"if they belong to a known value, name it (`coalesce({where}, 'unknown')`)",
    ]
    if declared == "not_null":
        options.append(f"if NULL is a real {key} here, take {key} out of target_table.not_null")
    elif declared == "key":
        options.append(f"if NULL is a real {key} here, take {key} out of target_table.keys")
    elif "not_null" in type(run.spec.target_table).model_fields:
        options.append(
            f"if a NULL {key} is always wrong, declare it NOT NULL (target_table.not_null)"
        )
    counts = {
        "key": key,
        "output_rows": int(rows),
        "source_nulls": column[2] if column else None,
    }
    return Finding("null_keys", facts, options, counts)


def _declared(run: Run, key: str) -> str:
    """How the spec forbids NULL in `key`: not_null, key (a declared key), or '' (it does not)."""
    assert run.spec is not None
    target = run.spec.target_table
    if key.lower() in {k.lower() for k in getattr(target, "not_null", ())}:
        return "not_null"
    return "key" if key.lower() in {k.lower() for k in target.keys} else ""


def _null_facts(
    run: Run, key: str, rows: int, column: tuple[str, str, int] | None, grouped: bool
) -> str:
    source = ""
    if column is not None:
        alias, name, nulls = column
        table = _table_of(run, alias)
        source = f"column {name} of {table} has {nulls:,} NULL{'s' if nulls != 1 else ''}; "
    plural = "s" if rows != 1 else ""
    if grouped:
        return f"{source}NULL is grouped as its own {key} group ({rows:,} output row{plural})"
    return f"{source}{rows:,} output row{plural} {'have' if plural else 'has'} no {key}"


def _group_keys(run: Run) -> set[str]:
    return {n.lower() for n, _ in run.resolved.main.group_items} if run.resolved else set()


def _source_column(run: Run, key: str) -> tuple[str, str, int] | None:
    """(alias, column, NULLs in the source table) when the key is a plain source column."""
    if run.resolved is None:
        return None
    trees = dict((n.lower(), t) for n, t in run.resolved.main.outputs)
    tree = trees.get(key.lower())
    if not isinstance(tree, exp.Column) or not tree.table:
        return None
    table = _table_of(run, tree.table)
    if table is None:
        return None
    q = quoter(run)
    try:
        ((nulls,),) = run.engine.query(
            f"SELECT count(*) FROM {q(table)} WHERE {q(tree.name)} IS NULL"
        ).rows
    except DataMorphError:
        return None  # a step of the spec, not a table: the output's count is enough
    return tree.table, tree.name, int(nulls)


def _table_of(run: Run, alias: str) -> str | None:
    assert run.spec is not None
    for source in run.spec.source_tables:
        if (source.alias or source.name).lower() == alias.lower():
            return str(source.name)
    return None


def quoter(run: Run) -> Callable[[str], str]:
    if run.engine.dialect == "spark":
        from datamorph.engines.spark import quote as spark_quote

        return spark_quote
    from datamorph.engines.base import quote

    return quote

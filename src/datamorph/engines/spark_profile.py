"""Column profiles on Spark: what the planner needs to link words to values and to know which
columns identify a row (Spark tables declare no keys).

The same statistics as engines/profiling.py, but gathered in one aggregate query per table
over a bounded sample, then one query per low-cardinality text column for its values: a Spark
job costs a fraction of a second even on a few rows, so one per column would make planning
slow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from datamorph.catalog import Column, ColumnProfile
from datamorph.engines.base import quote
from datamorph.engines.profiling import SAMPLE_ROWS, TOP_VALUES_MAX_DISTINCT

Rows = Callable[[str], Sequence[Sequence[Any]]]
_ORDERED = ("numeric", "text", "temporal")


def profiled_columns(table: str, columns: Sequence[Column], rows: Rows) -> tuple[Column, ...]:
    sample = f"(SELECT * FROM {quote(table)} LIMIT {SAMPLE_ROWS}) s"
    parts = ["count(*)"]
    for column in columns:
        col = quote(column.name)
        if column.family in _ORDERED:
            parts += [
                f"count(DISTINCT {col})",
                f"CAST(min({col}) AS STRING)",
                f"CAST(max({col}) AS STRING)",
            ]
        else:
            parts += ["NULL", "NULL", "NULL"]
        parts.append(f"count(*) - count({col})")
    found = rows(f"SELECT {', '.join(parts)} FROM {sample}")
    if not found:
        return tuple(columns)
    total, *stats = found[0]
    profiled = []
    for index, column in enumerate(columns):
        distinct, low, high, nulls = stats[4 * index : 4 * index + 4]
        top = _top_values(column, distinct, sample, rows)
        profile = ColumnProfile(
            distinct_count=distinct,
            null_fraction=nulls / total if total else None,
            min=low,
            max=high,
            top_values=top,
        )
        profiled.append(column.model_copy(update={"profile": profile}))
    return tuple(profiled)


def _top_values(column: Column, distinct: int | None, sample: str, rows: Rows) -> tuple[str, ...]:
    if column.family != "text" or not distinct or distinct > TOP_VALUES_MAX_DISTINCT:
        return ()
    col = quote(column.name)
    return tuple(
        str(value)
        for (value,) in rows(
            f"SELECT CAST({col} AS STRING) FROM {sample} WHERE {col} IS NOT NULL GROUP BY 1 "
            f"ORDER BY count(*) DESC, 1 LIMIT {TOP_VALUES_MAX_DISTINCT}"
        )
    )

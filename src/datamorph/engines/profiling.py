"""A column's profile from a sample of its table: distinct count, null fraction, range and, for
text with few values, every value (the names of menu items, staff or stations are what a
request names). The SQL is the same on every engine but for the sample and the distinct count,
which each engine says its own way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from datamorph.catalog import Column, ColumnProfile
from datamorph.engines.base import quote

SAMPLE_ROWS = 20_000
TOP_VALUES_MAX_DISTINCT = 200

Rows = Callable[[str], Sequence[Sequence[Any]]]


def profile_column(
    column: Column, rows: Rows, sample: str, *, distinct: str, ranged: bool = True
) -> Column:
    """`sample`: a FROM item of the sampled rows; `distinct`: the engine's distinct count of
    `{col}`; `ranged`: whether the engine can take this column's min and max."""
    col = quote(column.name)
    bounds = f"CAST(min({col}) AS VARCHAR), CAST(max({col}) AS VARCHAR)" if ranged else "NULL, NULL"
    found = rows(
        f"SELECT {distinct.format(col=col)}, count(*) - count({col}), count(*), {bounds} "
        f"FROM {sample}"
    )
    distinct_count, nulls, total, low, high = found[0] if found else (None, 0, 0, None, None)
    top: tuple[str, ...] = ()
    if column.family == "text" and distinct_count and distinct_count <= TOP_VALUES_MAX_DISTINCT:
        # UUID and JSON count as text but come back as objects: as VARCHAR
        top = tuple(
            value
            for (value,) in rows(
                f"SELECT CAST({col} AS VARCHAR) FROM {sample} WHERE {col} IS NOT NULL GROUP BY 1 "
                f"ORDER BY count(*) DESC, 1 LIMIT {TOP_VALUES_MAX_DISTINCT}"
            )
        )
    stats = ColumnProfile(
        distinct_count=distinct_count,
        null_fraction=nulls / total if total else None,
        min=low,
        max=high,
        top_values=top,
    )
    return column.model_copy(update={"profile": stats})

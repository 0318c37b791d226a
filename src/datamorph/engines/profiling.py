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
VALUES_ROWS = 10 * SAMPLE_ROWS  # DuckDB's frequent values: ~100 vectors, ~10 ms more at 10M rows
# Bumped whenever what a cached DuckDB catalog holds changes meaning (sampling, profile fields).
PROFILE_FORMAT = f"blocks-v1:{SAMPLE_ROWS}:{VALUES_ROWS}:{TOP_VALUES_MAX_DISTINCT}"

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


def profile_table(
    columns: Sequence[Column],
    rows: Rows,
    sample: str,
    *,
    distinct: str,
    values_sample: str | None = None,
) -> list[Column]:
    """Every column of one table as `profile_column` profiles it, in two statements instead
    of one or two per column. `values_sample`, when given, is where the frequent values are
    read (a wider sample than the statistics': a value the request names must be found)."""
    if not columns:
        return []
    stats = rows(
        "SELECT "
        + ", ".join(
            f"{distinct.format(col=c)}, count(*) - count({c}), count(*), "
            f"CAST(min({c}) AS VARCHAR), CAST(max({c}) AS VARCHAR)"
            for c in (quote(column.name) for column in columns)
        )
        + f" FROM {sample}"
    )
    found = stats[0] if stats else (None, 0, 0, None, None) * len(columns)
    per_column: list[Sequence[Any]] = [found[5 * i : 5 * i + 5] for i in range(len(columns))]
    listed = [
        i
        for i, (column, (count, *_)) in enumerate(zip(columns, per_column, strict=True))
        if column.family == "text" and count and count <= TOP_VALUES_MAX_DISTINCT
    ]
    tops = _top_values([columns[i] for i in listed], rows, values_sample or sample)
    top_of = {column_index: tops.get(k, ()) for k, column_index in enumerate(listed)}
    return [
        column.model_copy(
            update={
                "profile": ColumnProfile(
                    distinct_count=count,
                    null_fraction=nulls / total if total else None,
                    min=low,
                    max=high,
                    top_values=top_of.get(i, ()),
                )
            }
        )
        for i, (column, (count, nulls, total, low, high)) in enumerate(
            zip(columns, per_column, strict=True)
        )
    ]


def _top_values(columns: Sequence[Column], rows: Rows, sample: str) -> dict[int, tuple[str, ...]]:
    """The values of each column, most frequent first, ties by value (as `profile_column`
    orders them): one UNION ALL statement, sorted here."""
    if not columns:
        return {}
    parts = [
        f"SELECT {k} AS k, CAST({quote(c.name)} AS VARCHAR) AS v, count(*) AS n FROM {sample} "
        f"WHERE {quote(c.name)} IS NOT NULL GROUP BY 2"
        for k, c in enumerate(columns)
    ]
    grouped: dict[int, list[tuple[int, str]]] = {}
    for k, value, n in rows(" UNION ALL ".join(parts)):
        grouped.setdefault(k, []).append((-n, value))
    # VARCHAR compares by bytes, and UTF-8 byte order is code point order, as str compares
    return {
        k: tuple(v for _, v in sorted(pairs)[:TOP_VALUES_MAX_DISTINCT])
        for k, pairs in grouped.items()
    }

"""Seeded defects: realistic mistakes in a pipeline's CODE, made as sqlglot tree mutations.

Every defect takes the correct compiled SQL as a tree (`sqlglot.parse_one(sql, read="duckdb")`)
and a `DefectContext` (the spec, which stays correct, the catalog, the correct output and a way
to look values up in the source tables) and returns the defective SQL, or None when the mistake
does not apply to the pipeline (no LEFT JOIN to break, no HAVING to change, ...). The tree
passed in is never changed.

The twelve kinds, as the issue lists them:

- wrong_aggregate_column: the first SUM / AVG / MIN / MAX (else COUNT) aggregates another
  numeric column of the same table (`sum(o.amount)` -> `sum(o.discount)`), everywhere the code
  repeats that aggregate;
- missing_filter: the first WHERE conjunct is dropped;
- loosened_filter: the first WHERE conjunct that can be widened is: a range bound moves out by
  10 % (numbers) or a month (dates), `>` becomes `>=`, `col = 'x'` matches case- and
  space-insensitively (or also admits the most common other value), `<> 'x'` compares with the
  wrong case, an IN list gains the most common other value;
- inner_instead_of_left: the first LEFT / RIGHT / FULL join becomes an inner join;
- duplicated_rows: three of the output rows come out twice (UNION ALL);
- dropped_rows: a leftover debugging condition drops the source rows of one output key;
- wrong_grain: a date_trunc unit is coarsened (month -> quarter); else an id group key is
  dropped in favour of a sibling column (grouping customers by name, the id as MIN); else the
  only group key is another column of the same table;
- wrong_having_threshold: the HAVING constant loses a zero (1000 -> 100; >= 20 -> >= 2);
- null_key: the first key column is NULL for one row (CASE WHEN key = v THEN NULL ...);
- derived_column_wrong: the first arithmetic operator of a computed output flips (- <-> +,
  * <-> /), else a COALESCE(x, default) loses its default, else a TRIM / LOWER / UPPER is lost;
- wrong_join_key: the first join matches on another same-typed column of the joined table
  (`c.customer_id = o.order_id`);
- value_slightly_off: one measure is 1 % off (integers: off by one; with no numeric measure, a
  date one day off) for exactly one output row, selected by its key values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .defects_rows import (
    dropped_rows,
    duplicated_rows,
    inner_instead_of_left,
    loosened_filter,
    missing_filter,
    wrong_join_key,
)
from .defects_values import (
    derived_column_wrong,
    null_key,
    value_slightly_off,
    wrong_aggregate_column,
    wrong_grain,
    wrong_having_threshold,
)
from .mutations import (
    Defect,
)

DEFECTS: dict[str, Defect] = {
    "wrong_aggregate_column": wrong_aggregate_column,
    "missing_filter": missing_filter,
    "loosened_filter": loosened_filter,
    "inner_instead_of_left": inner_instead_of_left,
    "duplicated_rows": duplicated_rows,
    "dropped_rows": dropped_rows,
    "wrong_grain": wrong_grain,
    "wrong_having_threshold": wrong_having_threshold,
    "null_key": null_key,
    "derived_column_wrong": derived_column_wrong,
    "wrong_join_key": wrong_join_key,
    "value_slightly_off": value_slightly_off,
}


def same_rows(query: Callable[[str], list[tuple[Any, ...]]], left: str, right: str) -> bool:
    """Whether two tables hold the same columns (names and types) and the same multiset of
    rows, doubles compared to 9 significant digits (parallel sums may differ in the last bits)."""
    shapes = []
    for table in (left, right):
        shapes.append([(name, kind) for name, kind, *_ in query(f'DESCRIBE "{table}"')])
    if shapes[0] != shapes[1]:
        return False
    picked = ", ".join(
        f'round("{name}", 9 - ceil(log10(abs("{name}") + 1e-300))::INTEGER)'
        if kind in {"DOUBLE", "FLOAT", "REAL"}
        else f'"{name}"'
        for name, kind in shapes[0]
    )
    a, b = f'SELECT {picked} FROM "{left}"', f'SELECT {picked} FROM "{right}"'
    ((differ,),) = query(
        f"SELECT count(*) FROM (({a} EXCEPT ALL {b}) UNION ALL ({b} EXCEPT ALL {a}))"
    )
    return differ == 0

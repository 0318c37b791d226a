"""Comparing the rows two engines return: the same values once the engines' own types (Decimal,
datetime, numpy floats) are set aside, in any order."""

from __future__ import annotations

import math
from typing import Any

Rows = list[tuple[Any, ...]]


def plain(rows: Rows, digits: int = 4) -> Rows:
    """Sorted rows of plain values: numbers rounded to `digits`, dates and times as text."""

    def value(v: Any) -> Any:
        if v is None or isinstance(v, bool | int | str):
            return v
        if hasattr(v, "isoformat"):
            return v.isoformat()[:19]
        return round(float(v), digits)

    return sorted((tuple(value(v) for v in row) for row in rows), key=repr)


def close(a: Rows, b: Rows, tolerance: float = 1e-9) -> bool:
    """Equal row for row, floats within a relative and absolute `tolerance`."""
    if len(a) != len(b):
        return False
    for row_a, row_b in zip(a, b, strict=True):
        for x, y in zip(row_a, row_b, strict=True):
            if isinstance(x, float) and isinstance(y, float):
                if not math.isclose(x, y, rel_tol=tolerance, abs_tol=tolerance):
                    return False
            elif x != y:
                return False
    return True

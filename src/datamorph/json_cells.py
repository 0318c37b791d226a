"""Database values as JSON can carry them: query rows, samples and previews go to browsers
and to `--json` output.

Strict JSON has no NaN or Infinity, and a response that tried to send one would fail half-way
(a 500). Those become strings; decimals, dates and bytes follow the engines' `json_value`;
lists, structs and maps are converted all the way down.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from datamorph.engines.duckdb import json_value


def cell(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(key): cell(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [cell(item) for item in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    value = json_value(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # 'nan', 'inf', '-inf'
    return value


def rows(values: Iterable[Iterable[Any]]) -> list[list[Any]]:
    return [[cell(value) for value in row] for row in values]

"""Spark errors -> portable error categories.

Spark's exceptions carry an error condition (`UNRESOLVED_COLUMN.WITH_SUGGESTION`) and, for most,
a SQLSTATE shared with PostgreSQL (42703), so the SQLSTATE table decides the category; a few
conditions without one are named here. The message is Spark's first line, without the JVM
stack trace it appends.
"""

from __future__ import annotations

import re

from datamorph.engines.base import COMMON_HINTS, EngineError, ErrorCategory
from datamorph.engines.sqlstate import category_of_sqlstate

C = ErrorCategory
_BY_CONDITION = {
    "TASK_WRITE_FAILED": C.RESOURCE_EXHAUSTION,
    "SPARK_JOB_CANCELLED": C.TRANSIENT,
    "OPERATION_CANCELED": C.TRANSIENT,
}
# Failures of the JVM or the cluster rather than of the query, known by their words.
_BY_TEXT = (
    (re.compile(r"OutOfMemoryError|Java heap space|GC overhead", re.I), C.RESOURCE_EXHAUSTION),
    (re.compile(r"No space left on device", re.I), C.RESOURCE_EXHAUSTION),
    (
        re.compile(
            r"stopped SparkContext|SparkContext (was|has been) shut ?down|Connection refused|"
            r"Py4JNetworkError|Answer from Java side is empty|Master removed our application|"
            r"All masters are unresponsive|lost executor|ExecutorLostFailure",
            re.I,
        ),
        C.TRANSIENT,
    ),
)
_HINTS = {
    **COMMON_HINTS,
    C.RESOURCE_EXHAUSTION: "raise executor or driver memory, or reduce the data",
    C.PERMISSION: "the warehouse refuses this operation; check its permissions",
    C.CONFIGURATION: "check the master URL and the warehouse",
}


_CONDITION_IN_TEXT = re.compile(r"\[([A-Z][A-Z0-9_.]+)\]")


def map_spark_error(error: Exception) -> EngineError:
    """From a PySparkException (condition, SQLSTATE) or a raw Py4JJavaError (the condition
    read from its text: a cancelled job comes back that way)."""
    condition = _call(error, "getCondition") or _call(error, "getErrorClass")
    if condition is None:
        found = _CONDITION_IN_TEXT.search(str(error))
        condition = found.group(1) if found else None
    sqlstate = _call(error, "getSqlState")
    category = _BY_CONDITION.get(condition or "") or category_of_sqlstate(sqlstate)
    if category is C.UNKNOWN:
        category = _category_of_text(str(error))
    return EngineError(
        _first_line(error),
        category=category,
        engine="spark",
        native_type=condition or type(error).__name__,
        native_code=f"sqlstate:{sqlstate}" if sqlstate else None,
        hint=_HINTS[category],
    )


def _category_of_text(text: str) -> ErrorCategory:
    return next((category for pattern, category in _BY_TEXT if pattern.search(text)), C.UNKNOWN)


def _call(error: Exception, method: str) -> str | None:
    getter = getattr(error, method, None)
    try:
        value = getter() if callable(getter) else None
    except Exception:  # a py4j error without the JVM side: no condition to read
        return None
    return str(value) if value else None


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    # a Py4JJavaError starts with "An error occurred while calling o32.x.": the cause is next
    meaningful = [line for line in lines if not line.startswith("An error occurred while")]
    text = (meaningful or lines or [type(error).__name__])[0]
    return text.removeprefix(": ").split("\tat ")[0][:500]

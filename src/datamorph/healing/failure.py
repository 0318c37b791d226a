"""What went wrong, in the terms healing acts on.

A failure is an engine error (mapped onto portable categories, with the native message) and/or
the failed checks of a validation report. `classify` names its kind; fixers are keyed by kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from datamorph.engines.base import EngineError, ErrorCategory

# Kinds a fixer can act on; "unknown" goes to the last resort (or a person).
KINDS = (
    "unknown_column", "unknown_table", "ambiguous_column", "unknown_function", "syntax_error",
    "type_mismatch", "misnamed_output", "wrong_result", "transient", "data_error", "unknown",
)  # fmt: skip

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ambiguous_column", re.compile(r"ambiguous", re.I)),
    (
        "unknown_function",
        re.compile(
            r"function with name \S+ does not exist|"
            r"No function matches",
            re.I,
        ),
    ),
    ("unknown_table", re.compile(r"Table with name \S+ does not exist|Referenced table", re.I)),
    (
        "unknown_column",
        re.compile(
            r"Referenced column|column \S+ not found|"
            r"does not have a column",
            re.I,
        ),
    ),
    (
        "type_mismatch",
        re.compile(
            r"Cannot compare|Cannot mix|No function matches the given "
            r"name and argument types|Could not convert",
            re.I,
        ),
    ),
    ("syntax_error", re.compile(r"syntax error|Parser Error|does not parse", re.I)),
)


# Spark names its errors (error conditions): the kind follows from the name.
_SPARK_CONDITIONS = (
    ("AMBIGUOUS", "ambiguous_column"),
    ("UNRESOLVED_ROUTINE", "unknown_function"),
    ("TABLE_OR_VIEW_NOT_FOUND", "unknown_table"),
    ("UNRESOLVED_COLUMN", "unknown_column"),
    ("FIELD_NOT_FOUND", "unknown_column"),
    ("DATATYPE_MISMATCH", "type_mismatch"),
    ("PARSE_SYNTAX_ERROR", "syntax_error"),
)


@dataclass
class Failure:
    kind: str
    message: str
    error: EngineError | None = None
    failed_checks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        if self.failed_checks:
            names = ", ".join(c["name"] for c in self.failed_checks)
            return f"{self.kind}: failed checks {names}"
        return f"{self.kind}: {self.message}"


def classify(error: Exception | None, report: dict[str, Any] | None = None) -> Failure:
    """The kind of a failed execution (by message, then category) or of failed checks."""
    if isinstance(error, EngineError):
        condition = error.native_type.upper() if error.engine == "spark" else ""
        for prefix, kind in _SPARK_CONDITIONS:
            if condition.startswith(prefix):
                return Failure(kind, error.message, error)
        for kind, pattern in _PATTERNS:
            if pattern.search(error.message):
                return Failure(kind, error.message, error)
        by_category = {
            ErrorCategory.TRANSIENT: "transient",
            ErrorCategory.DATA_ERROR: "data_error",
            ErrorCategory.CODE_DEFECT: "syntax_error",
        }
        return Failure(by_category.get(error.category, "unknown"), error.message, error)
    checks = [c for c in (report or {}).get("checks", []) if c.get("status") == "fail"]
    if checks:
        kind = "misnamed_output" if any(c["kind"] == "schema" for c in checks) else "wrong_result"
        return Failure(kind, "; ".join(c.get("message", "") for c in checks), None, checks)
    message = str(error) if error is not None else "unknown failure"
    return Failure("unknown", message, None)

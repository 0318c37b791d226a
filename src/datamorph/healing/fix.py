"""A fix: corrected code with its root-cause analysis and the changes made, as the original
Remediator's JSON (`root_cause_analysis`, `changes_made`, `corrected_code`)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Protocol

from datamorph.catalog import Catalog
from datamorph.healing.failure import Failure
from datamorph.spec import Spec


@dataclass
class Fix:
    corrected_code: str
    root_cause_analysis: str
    changes_made: list[str] = field(default_factory=list)
    fixer: str = ""
    regenerated: bool = False  # the last resort: the whole query rebuilt from the spec

    def diff(self, old: str) -> str:
        lines = difflib.unified_diff(
            old.splitlines(),
            self.corrected_code.splitlines(),
            "before.sql",
            "after.sql",
            lineterm="",
        )
        return "\n".join(lines) + "\n"

    def lines_changed(self, old: str) -> int:
        return sum(
            1
            for line in self.diff(old).splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "root_cause_analysis": self.root_cause_analysis,
            "changes_made": self.changes_made,
            "corrected_code": self.corrected_code,
            "fixer": self.fixer,
            "regenerated": self.regenerated,
        }


@dataclass
class FixRequest:
    """Everything a fixer may read; it returns a Fix or None (cannot fix this)."""

    failure: Failure
    code: str
    spec: Spec
    catalog: Catalog
    dialect: str
    iteration: int
    history: list[Fix] = field(default_factory=list)
    language: str = "sql"  # or "pyspark": a script whose build(spark) returns the result


class Fixer(Protocol):
    name: str

    def fix(self, request: FixRequest) -> Fix | None: ...

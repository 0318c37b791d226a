"""Planning within the tables a person named as the sources (the service's `source_tables`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from datamorph.catalog import Catalog
from datamorph.planning.base import Planner
from datamorph.spec import Spec


def restrict(catalog: Catalog, tables: Sequence[str]) -> Catalog:
    """The catalog cut down to `tables`; an unknown name raises NotFoundError (did-you-mean)."""
    kept = [catalog.table(name) for name in tables]
    return Catalog.of(kept, catalog.functions, catalog.dialect)


class ScopedPlanner:
    """Plans with `inner`, shown only the named tables: the planner cannot wander off to others.

    Attributes the orchestrator reads after planning (`last_usage`, `trace`) are the inner
    planner's.
    """

    def __init__(self, inner: Planner, tables: Sequence[str]) -> None:
        self.inner = inner
        self.tables = tuple(tables)
        self.name = inner.name

    def plan(self, prompt: str, catalog: Catalog) -> Spec:
        return self.inner.plan(prompt, restrict(catalog, self.tables))

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.inner, attribute)

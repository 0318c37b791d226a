"""Joins that repeat rows: a total over a table joined to the many side of another is wrong.

"Total shipment cost per customer, with their fuel logs" joined shipments to fuel logs through
vehicles: every shipment row then appears once per fuel log and its cost is added that many
times. Such a plan checks clean and runs; only its numbers are wrong. The planner refuses it
and says which join repeats which table, instead of publishing inflated totals.
"""

from __future__ import annotations

from collections.abc import Sequence

from datamorph.catalog import Catalog
from datamorph.planning.base import PlanningError
from datamorph.planning.intent import Measure
from datamorph.planning.joins import Edge

# Aggregates whose value changes when a row is repeated (min, max and distinct counts do not).
_SENSITIVE = frozenset({"sum", "avg", "count"})


def refuse_repeated_rows(
    edges: Sequence[Edge], measures: Sequence[Measure], catalog: Catalog
) -> None:
    for edge in edges:
        many = not catalog.table(edge.new).is_unique(edge.key.right_column)
        if not many:
            continue
        below = _subtree(edges, edge.new)
        for measure in measures:
            table = measure.derived.columns[0][0] if measure.derived else measure.table
            repeated = measure.fn in _SENSITIVE and not _distinct_count(measure, catalog)
            if repeated and table not in below:
                raise PlanningError(
                    f"joining {edge.new} repeats each row of {table} once per matching "
                    f"{edge.new} row, so {measure.name} would be inflated",
                    unplaced=[edge.new],
                    hint=f"ask for {measure.name} without {edge.new}, or for a count of "
                    f"distinct {table}",
                )


def _distinct_count(measure: Measure, catalog: Catalog) -> bool:
    """A row count of a table with a key is rendered count(DISTINCT key): repeats do not
    change it."""
    return (
        measure.fn == "count"
        and measure.column is None
        and measure.derived is None
        and (catalog.table(measure.table).entity_key is not None)
    )


def _subtree(edges: Sequence[Edge], root: str) -> set[str]:
    found, grew = {root}, True
    while grew:
        grew = False
        for edge in edges:
            if edge.known in found and edge.new not in found:
                found.add(edge.new)
                grew = True
    return found

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
from datamorph.planning.intent import Intent, Measure
from datamorph.planning.joins import Edge

# Aggregates whose value changes when a row is repeated (min, max and distinct counts do not).
_SENSITIVE = frozenset({"sum", "avg", "count"})


def refuse_repeated_rows(
    edges: Sequence[Edge], measures: Sequence[Measure], catalog: Catalog
) -> None:
    """Walk the join tree away from each measured table: crossing a join into a column that
    is not unique on the far side repeats the measured rows."""
    for measure in measures:
        table = measure.derived.columns[0][0] if measure.derived else measure.table
        if measure.fn not in _SENSITIVE or _distinct_count(measure, catalog):
            continue
        repeater = _first_repeat(edges, table, catalog)
        if repeater is not None:
            raise PlanningError(
                f"joining {repeater} repeats each row of {table} once per matching "
                f"{repeater} row, so {measure.name} would be inflated",
                unplaced=[repeater],
                hint=f"ask for {measure.name} without {repeater}, or for a count of "
                f"distinct {table}",
            )


def _first_repeat(edges: Sequence[Edge], start: str, catalog: Catalog) -> str | None:
    seen, frontier = {start}, [start]
    while frontier:
        here = frontier.pop()
        for edge in edges:
            ends = {
                edge.known: (edge.new, edge.key.right_column),
                edge.new: (edge.known, edge.key.left_column),
            }
            if here not in ends or ends[here][0] in seen:
                continue
            there, column = ends[here]
            if not catalog.table(there).is_unique(column):
                return there
            seen.add(there)
            frontier.append(there)
    return None


def _distinct_count(measure: Measure, catalog: Catalog) -> bool:
    """A row count of a table with a key is rendered count(DISTINCT key): repeats do not
    change it."""
    return (
        measure.fn == "count"
        and measure.column is None
        and measure.derived is None
        and (catalog.table(measure.table).entity_key is not None)
    )


def repeats_listed(edges: Sequence[Edge], shown: set[str], catalog: Catalog) -> str | None:
    """'employees with a bonus over 5,000' joins compensation only to filter: each employee
    would be listed once per matching record. The table that repeats the listed rows, if
    any (the caller lists each row once: an exists, not a join)."""
    for table in shown:
        repeater = _first_repeat(edges, table, catalog)
        if repeater is not None and repeater not in shown:
            return repeater
    return None


def refuse_shared_parents(edges: Sequence[Edge], intent: Intent, catalog: Catalog) -> None:
    """A measure grouped by a table it only shares a parent with, or a condition on such a
    table of the listed rows, is refused: "events with more than 20 attendees" on
    bookings.attendees, where events and bookings only share a room, would keep an event for
    any booking of its room."""
    listed = intent.tables[0] if intent.tables else None
    for table in {c.table for c in intent.filters if c.table} - {listed}:
        parent = shared_parent(edges, table, listed, catalog) if listed else None
        if parent is not None:
            raise PlanningError(
                f"the condition on {table} reaches {listed} only through {parent}: any "
                f"{table} row of the same {parent} would keep a {listed} row",
                unplaced=[table],
                hint=f"say how {table} relates to {listed}, or ask about {table} itself",
            )
    measured = {m.table for m in intent.measures if m.derived is None}
    for group in intent.groups:
        for table in measured - {group.table}:
            parent = shared_parent(edges, table, group.table, catalog)
            if parent is not None:
                raise PlanningError(
                    f"{table} and {group.table} only share {parent}: each {table} row "
                    f"would count for every {group.table} row of its {parent}",
                    unplaced=[group.table],
                    hint=f"group by {parent} instead, or say how {table} relates to {group.table}",
                )


def shared_parent(edges: Sequence[Edge], start: str, goal: str, catalog: Catalog) -> str | None:
    """'work orders per machine' where both only point at a line: the path goes up to the
    line and down to its machines, so each work order would count for every machine of its
    line. The shared table, when the path from `start` to `goal` goes up and then down."""
    steps = _path(edges, start, goal)
    if steps is None:
        return None
    went_up = None
    for _here, there, column in steps:
        unique = catalog.table(there).is_unique(column)
        if unique and went_up is None:
            went_up = there
        elif not unique and went_up is not None:
            return went_up
    return None


def _path(edges: Sequence[Edge], start: str, goal: str) -> list[tuple[str, str, str]] | None:
    """(from, to, the key column on the 'to' side) along the join tree."""
    routes: dict[str, list[tuple[str, str, str]]] = {start: []}
    frontier = [start]
    while frontier:
        here = frontier.pop()
        for edge in edges:
            ends = {
                edge.known: (edge.new, edge.key.right_column),
                edge.new: (edge.known, edge.key.left_column),
            }
            if here not in ends or ends[here][0] in routes:
                continue
            there, column = ends[here]
            routes[there] = [*routes[here], (here, there, column)]
            frontier.append(there)
    return routes.get(goal)


def refuse_sorting_by_many(intent: Intent, catalog: Catalog) -> None:
    """'top 3 agents by tickets closed' read as agents sorted by one ticket's closing time:
    a list sorted by a column of a table it has many rows in repeats each row once per such
    row and says nothing of a total or a latest one. Refused, naming both tables."""
    if intent.measures or intent.groups or not intent.tables:
        return
    listed = intent.tables[0]
    shown = {t for t, _ in intent.columns}  # rows of a table whose columns are shown
    for key in intent.order:
        if not key.table or not key.column or key.table in {listed, *shown}:
            continue
        keys = catalog.join_keys(listed, key.table)
        if keys and not catalog.table(key.table).is_unique(keys[0].right_column):
            raise PlanningError(
                f"the request sorts {listed} by {key.table}.{key.column}, and each {listed} row "
                f"has many {key.table} rows: it is not said whether by their number, their "
                "total, the latest or the earliest",
                unplaced=[key.column],
                hint=f"say e.g. 'by the number of {key.table}' or 'by total ...'",
            )

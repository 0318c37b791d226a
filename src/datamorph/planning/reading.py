"""Which words of a request produced which element of the plan: the planner's reading.

Each pass of the offline planner consumes some words and adds some elements to the intent; the
difference before and after a pass pairs them. A person reads the result before confirming:

    "clients" -> table customers (a synonym of client)
    "per country" -> group by customers.country
    "never" "borrowed" -> keep books with no loans
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from datamorph.planning.intent import Condition, Group, Intent, Measure, OrderKey
from datamorph.planning.linking import Item

_LISTS = ("tables", "measures", "groups", "filters", "having", "order", "columns", "anti",
          "derived", "versus_average", "versus_overall")  # fmt: skip
_SCALARS = ("limit", "distinct", "preserve", "zero_fill", "rank_within", "relative", "window")


@dataclass(frozen=True)
class Snapshot:
    used: frozenset[int]
    sizes: dict[str, int]
    scalars: dict[str, Any]


def snapshot(items: list[Item], intent: Intent) -> Snapshot:
    return Snapshot(
        frozenset(i for i, item in enumerate(items) if item.used),
        {name: len(getattr(intent, name)) for name in _LISTS},
        {name: getattr(intent, name) for name in _SCALARS},
    )


def added(intent: Intent, before: Snapshot) -> list[tuple[str, Any]]:
    """The elements a pass added, as (list name, element)."""
    found = [
        (name, element)
        for name in _LISTS
        for element in getattr(intent, name)[before.sizes[name] :]
    ]
    for name in _SCALARS:
        value = getattr(intent, name)
        if value != before.scalars[name] and value not in (None, False):
            found.append((name, value))
    return found


def reading_of_pass(items: list[Item], intent: Intent, before: Snapshot) -> str | None:
    """One line: the words this pass consumed and the elements it added, or None."""
    words = [
        _word(item)
        for i, item in enumerate(items)
        if item.used and i not in before.used and item.kind != "filler"
    ]
    elements = [describe(name, element) for name, element in added(intent, before)]
    if not words and not elements:
        return None
    if not words:  # tables are mentioned without consuming their words
        named = {intent.tables[i] for i in range(before.sizes["tables"], len(intent.tables))}
        words = [
            _word(x) for x in items if any(r.kind == "table" and r.table in named for r in x.refs)
        ]
    said = " ".join(dict.fromkeys(words)) or "(no word: implied by the others)"
    return f"{said} -> {'; '.join(elements) or 'read as part of the structure'}"


def _word(item: Item) -> str:
    via = next((r.via for r in item.refs if r.via), None)
    return f'"{item.text}"' + (f" ({via})" if via else "")


def describe(kind: str, element: Any) -> str:
    if isinstance(element, Measure):
        what = f"{element.table}.{element.column}" if element.column else f"rows of {element.table}"
        if element.derived is not None:
            what = element.derived.name
        return f"measure {element.name} = {element.fn}({what})"
    if isinstance(element, Group):
        column = f"{element.table}.{element.column}" if element.column else element.table
        return f"group by {element.grain + ' of ' if element.grain else ''}{column}"
    if isinstance(element, Condition):
        subject = element.measure.name if element.measure else f"{element.table}.{element.column}"
        where = "keep groups where" if kind == "having" else "keep rows where"
        return f"{where} {element.sql_template.format(col=subject)}"
    if isinstance(element, OrderKey):
        return "sort" + (" descending" if element.desc else " ascending")
    return {
        "tables": "table {}",
        "columns": "show {}",
        "anti": "keep rows with no match in {}",
        "derived": "compute {}",
        "versus_average": "compare with the average: {}",
        "versus_overall": "compare with the average over every row: {}",
        "limit": "keep the first {} rows",
        "distinct": "drop duplicate rows",
        "preserve": "keep every row of {} (left join)",
        "zero_fill": "show 0 where nothing matches",
        "rank_within": "keep the first rows of each group: {}",
        "relative": "keep {}",
        "window": "add the {} of the first measure over the periods",
    }[kind].format(_plain(element))


_WINDOWS = {
    "running": "running total",
    "change": "change from the previous period",
    "pct_change": "percentage change from the previous period (empty after a period of 0)",
}


def _plain(value: Any) -> str:
    if hasattr(value, "anchor") and getattr(value, "exact", False):  # Relative, to the instant
        table, column = value.column
        return f"{table}.{column} at or after its latest value minus {value.count} {value.unit}s"
    if hasattr(value, "anchor"):  # Relative
        table, column = value.column
        today = "today" if value.today == "current_date" else value.today  # the as-of day
        end = "the latest date in the data" if value.anchor == "data" else today
        unit = value.unit + ("s" if value.count != 1 else "")
        return f"the {value.count} calendar {unit} of {table}.{column} ending on {end}, included"
    if isinstance(value, str) and value in _WINDOWS:
        return _WINDOWS[value]
    if hasattr(value, "group") and hasattr(value, "by"):  # RankWithin
        order = "highest" if value.desc else "lowest"
        group = f"{value.group.table}.{value.group.column or 'key'}"
        by = value.by.name if isinstance(value.by, Measure) else f"{value.by[0]}.{value.by[1]}"
        return f"{value.n} per {group}, {order} {by} first"
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return f"{value[0]}.{value[1]}"
    if isinstance(value, tuple) and isinstance(value[0], Measure | tuple):  # versus an average
        subject = _plain(value[0])
        column = value[0] if isinstance(value[0], tuple) else (value[0].table, value[0].column)
        within = f" within each {_plain(value[2])}" if len(value) > 2 and value[2] else ""
        return f"{subject} {value[1]} the average of {_plain(column)}{within}"
    if hasattr(value, "name"):
        return str(value.name)
    return str(value)

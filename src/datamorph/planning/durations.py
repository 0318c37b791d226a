"""Time between two events of a row: 'days from report to closing', 'how many minutes pass
between an order being placed and it being delivered', 'average days between loss and report'.

The span is `date_diff(unit, first, second)` of two date columns the request names in that
order; an aggregate word before the unit ('average', 'longest') makes it a measure, 'how many'
before it is the span itself. Both ends must be dates of one table: a span between two
tables' dates needs a join the request did not say.
"""

from __future__ import annotations

from datamorph.planning.derived import place
from datamorph.planning.intent import Derived, Intent
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item
from datamorph.planning.util import next_index, previous_index

_UNITS = {
    "days": "day", "day": "day", "minutes": "minute", "mins": "minute", "hours": "hour",
    "hrs": "hour", "weeks": "week", "seconds": "second", "months": "month", "years": "year",
}  # fmt: skip
_STARTS = frozenset({"between", "from", "since"})
_ENDS = frozenset({"and", "to", "until", "till"})
# Verbs of time going by, read as part of the span: "how many days pass / it took"
_ELAPSING = frozenset({"pass", "passed", "passes", "elapse", "elapsed", "took", "take", "takes"})
_REACH = 14  # items between the unit and the span's second end


def durations(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        unit = _UNITS.get(item.text)
        if item.used or unit is None or item.kind not in {"kw", "word"}:
            continue
        span = _span(items, i, lexicon)
        if span is None:
            continue
        (a, first), (b, second) = span
        if (first.table != second.table) or first.column == second.column:
            continue
        _consume(items, i, b)
        items[a].used = items[b].used = True  # "delivered" is the date here, not a status
        name = f"{unit}s_{_short(first.column)}_to_{_short(second.column)}"
        template = f"date_diff('{unit}', {{c0}}, {{c1}})"
        columns = [(first.table, first.column or ""), (second.table, second.column or "")]
        intent.mention(first.table)
        place(items, i, Derived(name, template, columns), intent)


def _span(items: list[Item], i: int, lexicon: Lexicon) -> tuple[tuple[int, Ref], ...] | None:
    """The two dates after 'between'/'from' and 'and'/'to', in the request's order."""
    ends: list[tuple[int, Ref]] = []
    opened = False
    for k in range(i + 1, min(len(items), i + _REACH)):
        x = items[k]
        if not opened:
            opened = x.text in _STARTS
            if x.kind == "punct" or (x.kind == "ref" and not opened and _date(x, lexicon)):
                return None
            continue
        found = _date(x, lexicon)
        if found is not None and not x.used:
            ends.append((k, found))
            if len(ends) == 2:
                between = items[ends[0][0] + 1 : k]
                return tuple(ends) if any(y.text in _ENDS for y in between) else None
    return None


def _date(item: Item, lexicon: Lexicon) -> Ref | None:
    dates = [
        r
        for r in item.refs
        if r.kind == "column"
        and r.column
        and lexicon.catalog.table(r.table).column(r.column).family == "temporal"
    ]
    return dates[0] if len(dates) == 1 else None


def _consume(items: list[Item], i: int, last: int) -> None:
    for x in items[i : last + 1]:
        if x.kind != "ref" or _date_like(x):
            x.used = True
    j = previous_index(items, i)
    while j is not None and (items[j].text == "calendar" or items[j].is_kw("agg", "count")):
        items[j].used = True  # "how many calendar days": the span, not a count of rows
        j = previous_index(items, j)
    k = next_index(items, i)
    if k is not None and items[k].text in _ELAPSING:
        items[k].used = True


def _date_like(item: Item) -> bool:
    return all(r.kind == "column" for r in item.refs)


def _short(column: str | None) -> str:
    parts = (column or "").lower().split("_")
    kept = [p for p in parts if p not in {"at", "on", "date", "ts", "time"}]
    return "_".join(kept or parts)

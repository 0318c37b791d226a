"""Rows ranked by what the request implies, not by a column it names: 'our oldest member'
(the birth date), 'the 3 most recent orders' (the table's one date), 'the busiest club' (the
rows that happen there). Each is read only when the catalog leaves one candidate; otherwise
the words stay unplaced and the request is refused.
"""

from __future__ import annotations

from datamorph.planning.intent import Group, Intent, Measure, OrderKey
from datamorph.planning.lexicon import Lexicon
from datamorph.planning.linking import Item
from datamorph.planning.ranking import is_grouped, wanted_rows
from datamorph.planning.synonyms import tables_of_kind
from datamorph.planning.util import add_measure, next_index, table_ref, tables_pointing_at

_AGES = {"oldest": False, "youngest": True, "eldest": False}  # sort descending by birth?


def ages(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'our oldest member', 'the 3 youngest riders': people ranked by their one date of birth
    (oldest = born first). A table with no birth date, or not of people, stays unplaced:
    'oldest account' may mean the first opened."""
    for i, item in enumerate(items):
        j = next_index(items, i)
        if item.used or item.text not in _AGES or j is None:
            continue
        ref = table_ref(items[j])
        if ref is None or not _people(ref.table, lexicon):
            continue
        births = [
            c.name
            for c in lexicon.catalog.table(ref.table).columns
            if c.family in {"temporal", "numeric"}
            and {"birth", "dob", "born"} & set(c.name.lower().split("_"))
        ]
        if len(births) != 1:
            continue
        item.used = items[j].used = True
        intent.mention(ref.table)
        intent.order.append(OrderKey(desc=_AGES[item.text], table=ref.table, column=births[0]))
        intent.limit = intent.limit or wanted_rows(items, i)


_RECENT = {"most recent": True, "latest": True, "newest": True, "earliest": False, "oldest": False}


def own_date(table: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """A table's one date: its only temporal column, or the one named for it."""
    from datamorph.planning.dates import date_column

    return date_column(Intent(tables=[table]), lexicon, near=None)


def recency(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'the 3 most recent orders', 'the earliest hire': rows ranked by their table's one date
    (people by age are ages(); 'in each' is a ranking within groups, for pergroup)."""
    if is_grouped(items):
        return
    for i, item in enumerate(items):
        j = next_index(items, i)
        if item.used or item.text not in _RECENT or j is None:
            continue
        ref = table_ref(items[j])
        found = own_date(ref.table, lexicon) if ref is not None else None
        if ref is None or found is None or (item.text == "oldest" and _people(ref.table, lexicon)):
            continue  # "the oldest employee" is about age, never the hire date
        item.used = items[j].used = True
        intent.mention(ref.table)
        intent.order.append(OrderKey(desc=_RECENT[item.text], table=found[0], column=found[1]))
        intent.limit = intent.limit or wanted_rows(items, i)


def _people(table: str, lexicon: Lexicon) -> bool:
    return table in tables_of_kind("person", lexicon)


_BUSY = frozenset({"busiest", "quietest"})
_POPULAR = frozenset({"popular", "visited", "used", "frequented", "booked", "active"})


def busiest(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'the busiest club', 'the 3 most popular classes': ranked by the number of rows of the
    one table that points at them (visits, bookings); with several such tables, a question."""
    if is_grouped(items):
        return
    for i, item in enumerate(items):
        j = next_index(items, i)
        if item.used or j is None:
            continue
        words = [item]
        if item.is_kw("agg", "max", "min") and items[j].text in _POPULAR:
            if any(r.kind in {"value", "column"} for r in items[j].refs):
                continue  # "the most active mortgages": 'Active' is their status
            words.append(items[j])  # "most popular"
            j = next_index(items, j)
        elif item.text not in _BUSY:
            continue
        ref = table_ref(items[j]) if j is not None else None
        if ref is None or j is None:
            continue
        children = tables_pointing_at(lexicon, ref.table)
        if len(children) != 1 or not _an_event(children[0], lexicon):
            continue  # a property's rooms are its parts, not its activity
        for x in [*words, items[j]]:
            x.used = True
        measure = add_measure(intent, Measure("count", children[0], None))
        intent.groups.append(Group(ref.table))
        desc = item.text != "quietest" and item.meaning != "min"
        intent.order.append(OrderKey(desc=desc, measure=measure))
        intent.limit = intent.limit or wanted_rows(items, i)


def _an_event(table: str, lexicon: Lexicon) -> bool:
    """Rows that happen (a visit, a claim): they carry a date."""
    return any(c.family == "temporal" for c in lexicon.catalog.table(table).columns)

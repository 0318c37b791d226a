"""Superlatives that rank by frequency or count past a qualifier: 'the 3 most prescribed
drugs', 'which three countries have the most members', 'the most urgent complaints', 'the
most diesel' (a column named in full beats a table named in part).
"""

from __future__ import annotations

from datamorph.planning.intent import Group, Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item
from datamorph.planning.util import add_measure, column_ref, next_index, table_ref


def ranked_values(
    items: list[Item], i: int, counted: str, intent: Intent, lexicon: Lexicon
) -> None:
    """'which three countries have the most members': the values of the counted rows' own
    column named before the superlative are the groups ranked."""
    from datamorph.planning.discourse import is_participle
    from datamorph.planning.measures import is_dimension, is_key, is_temporal

    if intent.groups or grouping_words(items):
        return
    for item in reversed(items[:i]):
        if table_ref(item) is not None:
            return  # "which team closed the most complaints": the team is ranked
        if item.used or item.kind != "ref" or is_participle(item.text):
            continue
        own = [r for r in item.refs if r.kind == "column" and r.table == counted and r.column]
        temporal = bool(own) and is_temporal(lexicon, own[0])
        if len(own) == 1 and is_dimension(lexicon, own[0]) and not is_key(own[0]) and not temporal:
            item.used = True
            intent.groups.append(Group(counted, own[0].column))
        return


def most_frequent(
    items: list[Item], i: int, j: int, intent: Intent, lexicon: Lexicon
) -> Measure | None:
    """'most' + a verb naming a table + a column of that table that groups: each value of the
    column, ranked by the number of the verb's rows (the count returned)."""
    from datamorph.planning.discourse import is_participle
    from datamorph.planning.measures import is_dimension, is_key

    verb = table_ref(items[j])
    events = {r.table for r in items[j].refs if r.kind == "column" and r.weak}
    if verb is None and len(events) == 1:  # "dispatched" names parcels by dispatched_at
        verb = Ref("table", events.pop())
    k = next_index(items, j)
    if verb is None or k is None or not is_participle(items[j].text):
        return None
    column = column_ref(items[k], intent)
    if column is None or not column.column or column.table != verb.table or table_ref(items[k]):
        return None
    if not is_dimension(lexicon, column) or is_key(column):
        return None
    items[i].used = items[j].used = items[k].used = True
    intent.groups.append(Group(column.table, column.column))
    return add_measure(intent, Measure("count", verb.table, None))


def ranked_table(item: Item) -> Ref | None:
    """The table 'the most X' counts, unless X names a column fully and the table only in
    part: 'the most fuel' is fuel_logs.fuel_l summed, not the number of fuel_logs."""
    ref = table_ref(item)
    strong = [r for r in item.refs if r.kind == "column" and not r.weak]
    return None if ref is not None and ref.weak and strong else ref


def grouping_words(items: list[Item]) -> bool:
    return any(x.is_kw("group") for x in items)

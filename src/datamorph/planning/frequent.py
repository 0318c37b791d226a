"""Superlatives that rank by frequency or count past a qualifier: 'the 3 most prescribed
drugs', 'which three countries have the most members', 'the most urgent complaints', 'the
most diesel' (a column named in full beats a table named in part), 'top 5 performers by
tickets sold' (ranked by how many rows of a table).
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


def by_rows_of(items: list[Item], j: int, intent: Intent, lexicon: Lexicon) -> None:
    """'top 5 performers by tickets (sold)': ranked by how many rows of the table named after
    'by', when what is ranked is something else (a column, or another table)."""
    ranked = next_index(items, j)
    by = next_index(items, ranked) if ranked is not None else None
    counted = next_index(items, by) if by is not None else None
    if ranked is None or by is None or counted is None or not items[by].is_kw("group", "by"):
        return
    table = table_ref(items[counted])
    columns = [r for r in items[counted].refs if r.kind == "column" and not r.weak]
    said = items[counted].text
    if table is None or columns or not said.endswith("s") or items[ranked].kind != "ref":
        return
    if any(r.kind == "table" and r.table == table.table for r in items[ranked].refs):
        return  # "top 5 tickets by ...": the rows themselves
    after = next_index(items, counted)
    if after is not None and items[after].kind == "filler" and items[after].meaning == "relation":
        items[after].used = True  # "tickets sold": sold says nothing more than the rows
    elif after is not None and _event_of(items[after], table.table, lexicon):
        items[after].used = True  # "tickets bought": the rows, each bought once
    intent.mention(table.table)
    intent.order[-1].measure = add_measure(intent, Measure("count", table.table, None))
    items[by].used = items[counted].used = True


def _event_of(item: Item, table: str, lexicon: Lexicon) -> bool:
    from datamorph.planning.measures import is_temporal

    refs = item.refs if item.kind == "ref" else []
    return (
        bool(refs)
        and item.text.endswith(("ed", "t"))
        and all(r.kind == "column" and r.table == table and is_temporal(lexicon, r) for r in refs)
    )

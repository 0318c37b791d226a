"""Passes for the constructs analysts' requests use beyond filter-group-sort.

- "books that were never borrowed": the event's date lives in another table (loans), so the
  books kept are those with no loan (anti join), not loans whose date is missing;
- "how many accounts have at least one open deal": a count of accounts that have one, not a
  count of deals per account;
- "loans per month", "employees by department": a plural table before a grouping is counted;
- "products priced above the average": compared with the average over all rows (a window).
"""

from __future__ import annotations

from datamorph.planning.intent import Condition, Group, Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref, stem
from datamorph.planning.linking import Item
from datamorph.planning.util import (
    add_measure,
    column_ref,
    next_index,
    previous_index,
    table_ref,
    tables_pointing_at,
)


def _temporal(lexicon: Lexicon, ref: Ref) -> bool:
    return bool(ref.column) and (
        lexicon.catalog.table(ref.table).column(ref.column or "").family == "temporal"
    )


def never_happened(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'never borrowed' where `borrowed_at` is in loans and the request is about books."""
    for i, item in enumerate(items):
        if item.used or not item.is_kw("null", "null"):
            continue
        if _never_related(items, i, intent, lexicon):
            continue
        j = next_index(items, i)
        if j is None or items[j].kind != "ref" or table_ref(items[j]) is not None:
            continue
        if _never_did_a_thing(items, i, j, intent, lexicon):
            continue
        dates = [
            r for r in items[j].refs if r.kind == "column" and r.weak and _temporal(lexicon, r)
        ]  # a verb naming the event ("borrowed"), not a column named outright
        entity = next((t for t in intent.tables if all(r.table != t for r in dates)), None)
        if not dates or entity is None or entity in intent.modifiers:
            continue
        event = dates[0].table
        if not lexicon.catalog.join_keys(entity, event):
            continue
        item.used = items[j].used = True
        if event in intent.tables:
            intent.tables.remove(event)
        intent.anti.append(event)


def _never_related(items: list[Item], i: int, intent: Intent, lexicon: Lexicon) -> bool:
    """'promo codes that have never been used', 'rooms never booked': a verb that only relates
    rows, said of the one table in play, and nothing after it: no row of the one table that
    references it (with two such tables, which one is meant is a question)."""
    k = i + 1
    while k < len(items) and items[k].text in {"been", "be", "ever"}:
        k += 1
    if k >= len(items) or not (items[k].kind == "filler" and items[k].meaning == "relation"):
        return False
    after = next_index(items, k)
    if (after is not None and items[after].kind != "punct") or len(intent.tables) != 1:
        return False
    referencing = tables_pointing_at(lexicon, intent.tables[0])
    if len(referencing) != 1:
        return False
    items[i].used = items[k].used = True
    intent.anti.append(referencing[0])
    return True


def _never_did_a_thing(items: list[Item], i: int, j: int, intent: Intent, lexicon: Lexicon) -> bool:
    """'accounts that never opened a support ticket', 'volunteers who never completed a
    shift': the object names the table whose rows must not exist, and the verb what those
    rows did (a date set, a status value), read on that table only; the condition then goes
    inside the anti join. The verb is left to the passes that read dates and values, so a verb
    they cannot read stays unplaced."""
    k = next_index(items, j)
    while k is not None and items[k].kind == "filler" and items[k].text in {"a", "an", "any"}:
        k = next_index(items, k)
    thing = table_ref(items[k]) if k is not None and not items[k].used else None
    entity = next((t for t in intent.tables if thing is None or t != thing.table), None)
    if k is None or thing is None or entity is None or entity in intent.modifiers:
        return False
    verb = items[j]
    on_thing = [r for r in verb.refs if r.table == thing.table and r.kind in {"value", "column"}]
    on_thing = [r for r in on_thing if r.kind == "value" or _temporal(lexicon, r)]
    if not on_thing or not lexicon.catalog.join_keys(entity, thing.table):
        return False
    exact = [r for r in on_thing if r.kind == "value" and str(r.value).lower() == verb.text]
    dated = [r for r in on_thing if r.kind == "column"]
    # "never opened a requisition" is about the opening (opened_on), not the state 'open'
    on_thing = exact or dated or on_thing
    verb.refs = on_thing  # "opened" of the tickets, not of the regions
    items[i].used = items[k].used = True
    if len(on_thing) == 1 and on_thing[0].kind == "column":
        # "never closed a ticket": none of their tickets has a closing date
        verb.used = True
        intent.filters.append(Condition("{col} IS NOT NULL", thing.table, on_thing[0].column))
    if thing.table in intent.tables:
        intent.tables.remove(thing.table)
    intent.anti.append(thing.table)
    return True


def existence(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'at least one project', 'any open deal' after a counted or listed entity: the entity
    must have one; no count of the other table per entity."""
    for i, item in enumerate(items):
        if item.used or not item.is_kw("cmp", ">="):
            continue
        j = next_index(items, i)
        if j is None or items[j].kind != "number" or items[j].value != 1:
            continue
        k = next_index(items, j)
        other = table_ref(items[k]) if k is not None else None
        counted = [m for m in intent.measures if m.fn == "count" and m.column is None]
        if other is None or k is None or intent.groups:
            continue
        if counted and counted[0].table == other.table:
            continue
        item.used = items[j].used = items[k].used = True
        intent.mention(other.table)
        if not counted:
            intent.distinct = True  # "customers with at least one order": each customer once


def implicit_count(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'loans per month', 'projects by status': the plural before a grouping is counted."""
    if intent.measures or not intent.groups:
        return
    for i, item in enumerate(items):
        ref = table_ref(item) if not item.used else None
        flagged = _flag_noun(item, lexicon)  # "smokers per club": the members who smoke
        if ref is None and flagged is None:
            continue
        if ref is None:
            assert flagged is not None
            ref = Ref("table", flagged)
        j = next_index(items, i)
        singular = stem(item.text) == item.text and item.text != ref.table.lower()  # aircraft
        if singular and not _plural_head(items, j, ref.table):
            continue
        if singular and j is not None:
            j = next_index(items, j)  # "scholarship awards per month": the awards are counted
        j = _past_qualifier(items, j)  # "enrollments in Fall 2024 per course"
        j = _past_flag(items, j, lexicon)  # "bookings with breakfast per channel"
        j = _past_comparison(items, j, ref.table)  # "aircraft with more than 200 seats by"
        if j is not None and _own_event(items[j], ref.table):
            j = next_index(items, j)  # "employees hired each year": hired names their date
        if j is not None and (items[j].is_kw("group") or items[j].is_kw("grain")):
            if any(g.table == ref.table and g.column is None for g in intent.groups):
                continue
            if _other_rows_before(items, i, ref.table, intent):
                return  # "bookings of licensed venues by color": which rows are counted?
            item.used = item.used or flagged is None  # a flag still filters the rows
            item.value = add_measure(intent, Measure("count", ref.table, None))
            return


def _other_rows_before(items: list[Item], i: int, table: str, intent: Intent) -> bool:
    grouped = {g.table for g in intent.groups if g.column is None}  # the groups themselves
    return any(
        (other := table_ref(x)) is not None
        and other.table not in grouped | {table}
        and stem(x.text) != x.text
        for x in items[:i]
    )


def _flag_noun(item: Item, lexicon: Lexicon, *, plural: bool = True) -> str | None:
    """The table whose rows a plural naming one of its flags stands for ('non-smokers' of
    members.smoker), or None."""
    last = item.text.split()[-1] if item.text else ""
    if item.kind != "ref" or not item.refs or (plural and stem(last) == last):
        return None
    tables = {r.table for r in item.refs}
    flags = all(
        r.kind == "column"
        and lexicon.catalog.table(r.table).column(r.column or "").family == "boolean"
        for r in item.refs
    )
    return tables.pop() if flags and len(tables) == 1 else None


_PLACES = frozenset({"in", "during", "from", "at", "on", "for"})


def _past_comparison(items: list[Item], j: int | None, table: str) -> int | None:
    """Past 'more than 200 seats' (a comparison on a column of the counted rows)."""
    k = j
    if k is not None and items[k].is_kw("null", "notnull"):
        k = next_index(items, k)  # "with a" before the comparison
    if k is None or not (items[k].is_kw("cmp") or items[k].kind == "op"):
        return j
    value = next_index(items, k)
    if value is None or items[value].kind not in {"number", "year"}:
        return j
    column = next_index(items, value)
    if column is None or items[column].kind != "ref":
        return j
    own = [r for r in items[column].refs if r.kind == "column" and r.table == table]
    return next_index(items, column) if own and table_ref(items[column]) is None else j


def _past_flag(items: list[Item], j: int | None, lexicon: Lexicon) -> int | None:
    """Past 'with <a flag>' between the counted rows and the grouping."""
    if j is None:
        return j
    k = next_index(items, j) if items[j].is_kw("null", "notnull") else j
    if k is None or _flag_noun(items[k], lexicon, plural=False) is None:
        return j
    return next_index(items, k)


def _past_qualifier(items: list[Item], j: int | None) -> int | None:
    """Past 'in <value or period>' between the counted rows and the grouping."""
    if j is None or items[j].text not in _PLACES:
        return j
    k = next_index(items, j)
    if k is None:
        return j
    said = items[k]
    literal = said.kind in {"year", "month", "date"}
    value = said.kind == "ref" and bool(said.refs) and all(r.kind == "value" for r in said.refs)
    return next_index(items, k) if literal or value else j


def _own_event(item: Item, table: str) -> bool:
    return (
        item.kind == "ref"
        and bool(item.refs)
        and all(r.kind == "column" and r.weak and r.table == table for r in item.refs)
    )


def _plural_head(items: list[Item], j: int | None, table: str) -> bool:
    """'scholarship awards': a plural noun naming the table's own event heads the compound."""
    if j is None or items[j].used or items[j].kind != "ref" or stem(items[j].text) == items[j].text:
        return False
    return all(r.kind == "column" and r.table == table for r in items[j].refs)


def above_average(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'priced above the average', 'customers whose total is below average': compared with
    the average over every row (or every group) of the result."""
    for i, item in enumerate(items):
        if item.used or not item.is_kw("cmp", ">", "<", ">=", "<="):
            continue
        j = next_index(items, i)
        if j is None or not items[j].is_kw("agg", "avg"):
            continue
        if _group_average_versus_all(items, i, j, intent):
            continue
        subject = _compared(items, i, intent)
        if subject is None:
            continue
        item.used = items[j].used = True
        k = next_index(items, j)
        if k is not None and items[k].kind == "ref" and _same(items[k], subject):
            items[k].used = True  # "above the average price"
        within = _within(items, j, intent)
        intent.versus_average.append((subject, item.meaning or ">", within))


def _group_average_versus_all(items: list[Item], i: int, j: int, intent: Intent) -> bool:
    """'properties with an average review score higher than the average score (over all
    reviews)': each group's average against the average of every row, not of the groups."""
    c = previous_index(items, i)
    a = previous_index(items, c) if c is not None else None
    if a is None or c is None or not items[a].is_kw("agg", "avg") or items[a].used:
        return False
    ref = column_ref(items[c], intent)
    if ref is None or not ref.column or table_ref(items[c]) is not None:
        return False
    group = _groups_compared(items, a, ref, intent)
    if group is None:
        return False
    measure = add_measure(intent, Measure("avg", ref.table, ref.column))
    for x in (items[a], items[c], items[i], items[j]):
        x.used = True
    k = next_index(items, j)
    if k is not None and items[k].kind == "ref" and _same(items[k], (ref.table, ref.column)):
        items[k].used = True  # "than the average score"
        k = next_index(items, k)
    _over_all(items, k, ref.table)
    if group not in intent.groups:
        intent.groups.append(group)
    intent.versus_overall.append((measure, items[i].meaning or ">"))
    return True


def _groups_compared(items: list[Item], a: int, ref: Ref, intent: Intent) -> Group | None:
    """What has the average: the noun said before it ('properties with an average score',
    'performers whose average ...'), a table or a column of one; none said, none guessed."""
    k = previous_index(items, a)
    while k is not None and items[k].kind != "ref":
        k = previous_index(items, k)
    if k is None:
        return None
    said = table_ref(items[k])
    if said is not None and said.table != ref.table and said.table in intent.tables:
        return Group(said.table)
    column = column_ref(items[k], intent)
    if said is None and column is not None and column.column and column.table != ref.table:
        items[k].used = True
        return Group(column.table, column.column)
    return None


def _over_all(items: list[Item], k: int | None, table: str) -> None:
    """'over all reviews', 'across every review', 'overall': the rows the average is over."""
    if k is None or items[k].text not in {"over", "across", "of"}:
        return
    m = next_index(items, k)
    if m is not None and items[m].is_kw("left", "all"):
        m = next_index(items, m)
    named = table_ref(items[m]) if m is not None else None
    if m is not None and named is not None and named.table == table:
        for x in items[k : m + 1]:
            x.used = True


def _within(items: list[Item], j: int, intent: Intent) -> tuple[str, str] | None:
    """'the average price of books in the same genre', 'of the trainers at their own club',
    'above the average for their make':
    the average over the row's own group (a column, or a table by its key)."""
    for k in range(j + 1, min(len(items), j + 9)):
        if items[k].text not in {"same", "own", "their", "its"}:  # "for their make"
            continue
        m = next_index(items, k)
        if m is None:
            return None
        table = table_ref(items[m])
        ref = column_ref(items[m], intent) if table is None else None
        if table is None and (ref is None or not ref.column):
            return None
        between = [x for x in items[j + 1 : m] if x is not items[k]]
        if any(
            x.kind == "word" or (x.kind == "kw" and x.cls not in {"date", "on"}) for x in between
        ):
            return None  # something else is said between: not ours to read
        for x in [*between, items[k], items[m]]:
            x.used = True
        if table is not None:
            intent.mention(table.table)
            return table.table, ""
        return ref.table, ref.column  # type: ignore[union-attr,return-value]
    return None


def _compared(items: list[Item], i: int, intent: Intent) -> Measure | tuple[str, str] | None:
    j = previous_index(items, i)
    if j is None:
        return None
    if isinstance(items[j].value, Measure):
        return items[j].value
    ref = column_ref(items[j], intent)
    if ref is None or not ref.column or table_ref(items[j]) is not None:
        return intent.measures[-1] if intent.measures and intent.groups else None
    items[j].used = True
    return ref.table, ref.column


def _same(item: Item, subject: Measure | tuple[str, str]) -> bool:
    if isinstance(subject, Measure):
        return any(r.column == subject.column for r in item.refs)
    return any((r.table, r.column) == subject for r in item.refs)

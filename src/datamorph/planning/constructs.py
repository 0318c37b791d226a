"""Passes for the constructs analysts' requests use beyond filter-group-sort.

- "books that were never borrowed": the event's date lives in another table (loans), so the
  books kept are those with no loan (anti join), not loans whose date is missing;
- "how many accounts have at least one open deal": a count of accounts that have one, not a
  count of deals per account;
- "loans per month", "employees by department": a plural table before a grouping is counted;
- "the two longest books in each genre": the top N within each group (a window), not a limit;
- "products priced above the average": compared with the average over all rows (a window).
"""

from __future__ import annotations

from datamorph.planning.intent import Group, Intent, Measure, RankWithin
from datamorph.planning.lexicon import Lexicon, Ref, stem
from datamorph.planning.linking import Item
from datamorph.planning.util import (
    add_measure,
    column_ref,
    next_index,
    previous_index,
    table_ref,
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
        j = next_index(items, i)
        if j is None or items[j].kind != "ref" or table_ref(items[j]) is not None:
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
        ref = table_ref(item)
        if ref is None or item.used or stem(item.text) == item.text:
            continue
        j = next_index(items, i)
        if j is not None and (items[j].is_kw("group") or items[j].is_kw("grain")):
            if any(g.table == ref.table and g.column is None for g in intent.groups):
                continue
            item.used = True
            item.value = add_measure(intent, Measure("count", ref.table, None))
            return


def top_per_group(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'the two longest books (most pages) in each genre', 'top 3 titles per genre by watch
    time': rank rows within each group, keep the first N of each."""
    for i, item in enumerate(items):
        if item.kind != "number" or item.used or item.value is None or item.value < 1:
            continue
        rank = next_index(items, i)
        before = previous_index(items, i)
        word = items[rank] if rank is not None else None
        if before is not None and items[before].is_kw("agg", "top", "bottom"):
            word = items[before]
        if word is None or not word.is_kw("agg", "max", "min", "top", "bottom"):
            continue
        group_at = _group_word(items, i)
        if group_at is None:
            continue
        g = next_index(items, group_at)
        grouped = column_ref(items[g], intent) if g is not None else None
        by = _ranked_column(items, i, group_at, intent, lexicon)
        if grouped is None or by is None or g is None:
            continue
        desc = word.meaning in {"max", "top"}
        for x in (item, word, items[group_at], items[g]):
            x.used = True
        intent.rank_within = RankWithin(
            int(item.value), desc, Group(grouped.table, grouped.column), by
        )
        intent.mention(by[0])
        return


def _group_word(items: list[Item], i: int) -> int | None:
    for k in range(i + 1, len(items)):
        if items[k].is_kw("group", "per") and not items[k].used:
            return k
    return None


def _ranked_column(
    items: list[Item], i: int, group_at: int, intent: Intent, lexicon: Lexicon
) -> tuple[str, str] | None:
    """The number a per-group ranking sorts by: the first numeric column named after the
    superlative ('longest books (most pages)', 'by watch time'), before or after the group."""
    for k in [*range(i + 1, group_at), *range(group_at + 2, len(items))]:
        x = items[k]
        if x.used or x.kind != "ref" or table_ref(x) is not None:
            continue
        ref = column_ref(x, intent)
        if ref is None or not ref.column:
            continue
        column = lexicon.catalog.table(ref.table).column(ref.column)
        if column.family in {"numeric", "temporal"}:
            x.used = True
            _absorb(items, k)
            return ref.table, ref.column
    return None


def _absorb(items: list[Item], k: int) -> None:
    """'(most pages)', 'by watch time': the words that introduce the ranked column."""
    j = previous_index(items, k)
    if j is not None and (items[j].is_kw("agg", "max", "min") or items[j].is_kw("group", "by")):
        items[j].used = True


def above_average(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'priced above the average', 'customers whose total is below average': compared with
    the average over every row (or every group) of the result."""
    for i, item in enumerate(items):
        if item.used or not item.is_kw("cmp", ">", "<", ">=", "<="):
            continue
        j = next_index(items, i)
        if j is None or not items[j].is_kw("agg", "avg"):
            continue
        subject = _compared(items, i, intent)
        if subject is None:
            continue
        item.used = items[j].used = True
        k = next_index(items, j)
        if k is not None and items[k].kind == "ref" and _same(items[k], subject):
            items[k].used = True  # "above the average price"
        intent.versus_average.append((subject, item.meaning or ">"))


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

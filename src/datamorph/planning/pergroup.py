"""The top N within each group: 'the two longest books in each genre', 'for each brand, the 2
properties with the most bookings', 'the most expensive room at each property'.

A ranking and a grouping in one request mean the first N of every group (a window), never the
first N rows overall: read as a plain LIMIT, such a request returns the top of one group only.
Rows are ranked by a column of their own ('longest' -> pages) or by a measure per row entity
('with the most bookings' -> the number of bookings per property).
"""

from __future__ import annotations

from datamorph.planning.base import PlanningError
from datamorph.planning.intent import Group, Intent, Measure, RankWithin
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item
from datamorph.planning.util import (
    MONEY_WORDS,
    add_measure,
    column_ref,
    money_column,
    next_index,
    previous_index,
    table_ref,
)

_RANKS = ("max", "min", "top", "bottom")


def top_per_group(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    group_at = next(
        (k for k, x in enumerate(items) if x.is_kw("group", "per") and not x.used), None
    )
    rank_at = next(
        (k for k, x in enumerate(items) if x.is_kw("agg", *_RANKS) and not x.used
         and x.text not in {"first", "last"} and not _a_direction(items, k)),
        None,
    )  # fmt: skip
    if group_at is None or rank_at is None:
        return
    following = next_index(items, rank_at)
    if following is not None and items[following].is_kw("and"):
        return  # "cheapest and most expensive rate for each type": two measures per group
    g = next_index(items, group_at)
    group = _group_of(items[g], intent, lexicon) if g is not None else None
    if group is None or g is None:
        return
    number = _number_near(items, rank_at)
    after = next_index(items, rank_at)
    if after is not None and items[after].kind == "number":
        after = next_index(items, after)
    if after is not None and after != g and table_ref(items[after]) is None:
        following = next_index(items, after)  # "the 2 heaviest orders": past the quantity
        if following is not None and following != g and table_ref(items[following]):
            after = following
    obj = table_ref(items[after]) if after is not None and after != g else None
    entity = _entity_before(items, rank_at, group.table if group.column is None else None)
    desc = items[rank_at].meaning in {"max", "top"}
    if obj is not None and entity is not None and obj.table != entity:
        by: tuple[str, str] | Measure = add_measure(intent, Measure("count", obj.table, None))
        intent.groups.append(Group(entity))
        used = [items[after]]  # type: ignore[index]
    else:
        entity = obj.table if obj is not None else entity
        found = _row_number_of(items, rank_at, group_at, entity, intent, lexicon)
        if entity is None or found is None:
            return
        by, used = found, [items[after]] if obj is not None else []  # type: ignore[index]
        if found[0] != entity:  # "the two agents who wrote the most premium": their total
            if items[rank_at].text not in {"most", "least", "fewest"}:
                raise PlanningError(
                    f"'{items[rank_at].text}' ranks {entity} by {found[0]}.{found[1]}, a column "
                    f"of another table: it is not said whether by its total or by one row",
                    unplaced=[items[rank_at].text],
                    hint=f"say 'the highest total {found[1]}' or name the {found[0]} ranked",
                )
            by = add_measure(intent, Measure("sum", found[0], found[1]))
            intent.groups.append(Group(entity))
    for x in [items[rank_at], items[group_at], items[g], *used, *([number] if number else [])]:
        x.used = True
    n = int(number.value) if number is not None else 1
    intent.rank_within = RankWithin(n, desc, group, by)
    intent.mention(group.table)
    if entity is not None:
        intent.mention(entity)


_TEMPORAL_RANKS = frozenset({"most recent", "latest", "newest", "earliest"})


def _a_direction(items: list[Item], k: int) -> bool:
    """'most first', 'highest first': the order of the result, not a ranking within groups."""
    j = next_index(items, k)
    return j is not None and items[j].text in {"first", "last"}


def _group_of(item: Item, intent: Intent, lexicon: Lexicon) -> Group | None:
    table = table_ref(item)
    if table is not None:
        return Group(table.table)
    ref = column_ref(item, intent)
    return Group(ref.table, ref.column) if ref is not None and ref.column else None


def _number_near(items: list[Item], at: int) -> Item | None:
    """'the 2 largest', 'top 3', 'the 2 properties with the most': the count of rows kept."""
    k = next_index(items, at)
    if k is not None and items[k].kind == "number" and not items[k].used:
        return items[k]
    k = previous_index(items, at)
    if k is not None and table_ref(items[k]) is not None:
        k = previous_index(items, k)  # past the entity: "the 2 properties with the most"
    if k is not None and items[k].kind == "number" and not items[k].used:
        return items[k]
    return None


def _entity_before(items: list[Item], at: int, group_table: str | None) -> str | None:
    for item in reversed(items[:at]):
        ref = table_ref(item)
        if ref is not None and ref.table != group_table:
            return ref.table
    return None


def _row_number_of(
    items: list[Item], at: int, group_at: int, entity: str | None, intent: Intent,
    lexicon: Lexicon,
) -> tuple[str, str] | None:  # fmt: skip
    """The column rows are ranked by: a number named after the superlative or after 'by',
    else the entity's money for 'most expensive' / 'cheapest'."""
    for k in range(at + 1, len(items)):
        x = items[k]
        if k == group_at or x.used or x.kind != "ref" or table_ref(x) is not None:
            continue
        ref = column_ref(x, intent)
        if ref is not None and ref.column and _numeric(lexicon, ref) and entity is not None:
            x.used = True
            j = previous_index(items, k)
            if j is not None and (items[j].is_kw("group", "by") or items[j].is_kw("agg")):
                items[j].used = True  # "by base rate", "(most pages)"
            return ref.table, ref.column
    if entity is not None and items[at].text in {"most expensive", "cheapest", "priciest"}:
        return money_column(Intent(tables=[entity]), lexicon)
    if entity is not None and items[at].text in _TEMPORAL_RANKS:
        from datamorph.planning.implied_ranks import own_date

        return own_date(entity, lexicon)  # "the newest employee in each department"
    paid = next_index(items, at)
    if entity is not None and paid is not None and items[paid].text in MONEY_WORDS:
        found = money_column(Intent(tables=[entity]), lexicon)  # "the highest paid employee"
        if found is not None and found[0] == entity:
            items[paid].used = True
            return found
    return None


def _numeric(lexicon: Lexicon, ref: Ref) -> bool:
    family = lexicon.catalog.table(ref.table).column(ref.column or "").family
    return family in {"numeric", "temporal"}

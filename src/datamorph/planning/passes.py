"""The offline planner's passes: each reads the linked items and fills the intent.

Order matters and is fixed in `run_all`: structure first (joins, top-N, ordering, aggregates,
grouping), then conditions (`conditions.py`, `presence.py`), then what is left (columns, tables).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from datamorph.planning import (
    conditions,
    constructs,
    dates,
    derived,
    discourse,
    durations,
    implied_ranks,
    joinshape,
    measures,
    pergroup,
    periods,
    presence,
    ranking,
    states,
)
from datamorph.planning.builder import label_of
from datamorph.planning.discourse import is_participle, is_verb_form
from datamorph.planning.intent import Condition, Group, Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref, stem
from datamorph.planning.linking import Item
from datamorph.planning.measures import family, is_key
from datamorph.planning.tokens import number_literal
from datamorph.planning.util import (
    MONEY_WORDS,
    add_measure,
    column_ref,
    entity_key,
    money_column,
    next_index,
    table_ref,
)

Pass = Callable[[list[Item], Intent, Lexicon], None]


def run_all(items: list[Item], intent: Intent, lexicon: Lexicon) -> list[str]:
    """Run every pass; returns the reading: which words produced which elements."""
    from datamorph.planning.reading import reading_of_pass, snapshot

    lines: list[str] = []
    for step in PASSES:
        before = snapshot(items, intent)
        step(items, intent, lexicon)
        fresh = {i for i, item in enumerate(items) if item.used} - before.used
        while len(intent.filter_words) < len(intent.filters):
            intent.filter_words.append(fresh)
        line = reading_of_pass(items, intent, before)
        if line is not None and not any(line.startswith(f"{said} -> ") for said in _said(lines)):
            lines.append(line)
    return lines


def _said(lines: list[str]) -> list[str]:
    return [line.split(" -> ", 1)[0] for line in lines]


def mention_tables(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    intent.named_columns |= {
        r.column.lower() for x in items if x.kind == "ref" for r in x.refs if r.column
    }
    for i, item in enumerate(items):
        ref = table_ref(item)
        if ref is not None:
            after = items[i + 1] if i + 1 < len(items) else None
            owned = table_ref(after) if after is not None else None
            if item.owner and owned is not None:
                intent.mention(owned.table)  # "the office's agents": the agents are listed
            intent.mention(ref.table)
            if owned is not None and not item.owner:
                intent.modifiers.add(ref.table)  # "project assignments": a kind of assignment
            continue
        owners = {r.table for r in item.refs if r.kind == "column" and not r.weak}
        if len(owners) == 1:  # "product category" names the products table too
            intent.mention(owners.pop())


def lookups(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'customer 42', 'order #1500': the row whose key is that number."""
    for i, item in enumerate(items):
        ref = table_ref(item)
        j = i + 1
        if j >= len(items) or items[j].kind != "number" or item.used:
            continue
        key = entity_key(lexicon, ref.table) if ref is not None else None
        if ref is None:  # "flight_id 412": a key column typed as it is, then its value
            column = column_ref(item, intent)
            if column is None or not column.column or "_" not in item.text:
                continue
            ref, key = column, column.column
            intent.mention(ref.table)
        if key is None:
            continue
        item.used = items[j].used = True
        value = number_literal(float(items[j].value))
        intent.filters.append(Condition(f"{{col}} = {value}", table=ref.table, column=key))


def joins(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if item.is_kw("join"):
            item.used = True
        if item.is_kw("on"):
            j = next_index(items, i)
            if j is None:
                continue
            ref = column_ref(items[j], intent)
            if ref is not None and ref.column and _shared(lexicon, ref.column):
                item.used = items[j].used = True
                intent.join_columns.append(ref.column.lower())


def _shared(lexicon: Lexicon, column: str) -> bool:
    """'join ... on customer_id': a join column is in two tables ('on what dates' is not)."""
    return sum(t.has_column(column) for t in lexicon.catalog.tables.values()) >= 2


def _unit_of_average(intent: Intent, table: str) -> bool:
    """'average calories per visit', 'the amount paid by attendees' when the amounts are the
    attendees' own: each row is one term of the total or average, not a group of its own (which
    would total one row)."""
    return bool(intent.measures) and all(m.table == table for m in intent.measures)


def grouping(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    if intent.pending_grain:  # "month over month change": the months are the groups
        _group_by_grain(
            Item("kw", "", cls="grain", meaning=intent.pending_grain), intent, lexicon, items
        )
    for i, item in enumerate(items):
        if item.is_kw("grain") and not item.used:
            _group_by_grain(item, intent, lexicon, items)
            continue
        if not item.is_kw("group") or item.used or _passive_agent(items, i):
            continue
        j = next_index(items, i)
        if j is not None and items[j].used and items[j].text in joinshape.OWN:
            j = next_index(items, j)  # "per home club": the club itself
        if j is None:
            continue
        target = items[j]
        if _state_of_next_table(items, j):
            continue  # "for every returned loan": each loan (returned), not each return date
        if _order_by_instead(item, target, intent, lexicon, sorted_before=_sorted_before(items, i)):
            item.used = True
            continue
        if target.is_kw("grain"):
            item.used = True
            _group_by_grain(target, intent, lexicon, items)
        elif (ref := table_ref(target)) is not None:
            if _foreign_attribute(items, j, ref.table):
                continue  # "per patron borough": whose borough, through which relation?
            head = table_ref(items[j + 1]) if j + 1 < len(items) else None
            if head is not None and head.table != ref.table and not items[j + 1].used:
                target.used = True  # "per member club": the club (of the member), the head
                target, ref = items[j + 1], head
            own = _own_attribute(items, j, ref.table, lexicon)
            if own is not None:  # "per customer state": the customers' state, once
                item.used = target.used = items[j + 1].used = True
                intent.mention(ref.table)
                intent.groups.append(Group(ref.table, own))
                continue
            item.used = target.used = True
            intent.mention(ref.table)
            averaged = all(m.fn == "avg" for m in intent.measures)
            # "by attendees" after their own amounts: who paid, each row one term of the sum
            if not ((averaged or item.meaning == "by") and _unit_of_average(intent, ref.table)):
                intent.groups.append(Group(ref.table))
        elif (ref := column_ref(target, intent)) is not None and ref.column:
            if not _dimension(lexicon, ref):  # "cost per km" is a rate, not a grouping
                derived.rate(items, i, j, ref, intent, lexicon)
                continue
            k = next_index(items, j)
            if k is not None and items[k].is_kw("grain") and _temporal(lexicon, ref):
                item.used = True  # "for each check-in month": the months of check_in
                _group_by_grain(items[k], intent, lexicon, items)
                continue
            if _temporal(lexicon, ref) and _period_said(items):
                # "interviews in 2025 (by interview date)": the date the period is of
                item.used = target.used = True
                target.refs = [replace(r, weak=True) for r in target.refs]
                continue
            item.used = target.used = True
            said = (ref.table, ref.column)
            if any(g.grain and (g.table, g.column) == said for g in intent.groups):
                continue  # "per month ..., by award date": which date the months are of
            intent.groups.append(Group(ref.table, ref.column))


_COPULAS = frozenset({"was", "were", "is", "are", "been", "be", "being", "get", "got"})


def _predicate(items: list[Item], k: int) -> bool:
    """A participle after 'were', 'is', 'got': what the rows are said to be."""
    return (
        k > 0
        and items[k - 1].text in _COPULAS
        and is_participle(items[k].text)
        and table_ref(items[k]) is None  # "units were ordered": the orders, a relation
    )


def _plural_noun(text: str) -> bool:
    return " " not in text and text.endswith("s") and stem(text) != text and not is_verb_form(text)


def _period_said(items: list[Item]) -> bool:
    return any(x.kind in {"year", "month", "date"} and not x.used for x in items)


def _own_attribute(items: list[Item], j: int, table: str, lexicon: Lexicon) -> str | None:
    """'customer state': a table noun, then one of its own columns that can group."""
    if j + 1 >= len(items) or items[j + 1].kind != "ref" or items[j + 1].used:
        return None
    if table_ref(items[j + 1]) is not None:
        return None
    own = [
        r
        for r in items[j + 1].refs
        if r.kind == "column" and r.table == table and _dimension(lexicon, r)
    ]
    return own[0].column if len({r.column for r in own}) == 1 else None


def _foreign_attribute(items: list[Item], j: int, table: str) -> bool:
    """A table noun right before a column of another table: a compound ('patron borough')
    that names the column through a relation the request does not say."""
    if j + 1 >= len(items) or items[j + 1].kind != "ref":
        return False
    refs = items[j + 1].refs
    return bool(refs) and all(r.kind == "column" and r.table != table for r in refs)


def _state_of_next_table(items: list[Item], j: int) -> bool:
    k = next_index(items, j)
    return (
        k is not None
        and table_ref(items[k]) is not None
        and table_ref(items[j]) is None
        and is_participle(items[j].text)
    )


def _passive_agent(items: list[Item], i: int) -> bool:
    """'deals owned by reps', 'orders placed by customers': after a verb, 'by' names who did
    it (the join says so), not a grouping."""
    if items[i].meaning != "by" or i == 0:
        return False
    before = items[i - 1]
    return before.meaning == "relation" or (
        before.kind in {"filler", "word"} and is_participle(before.text)
    )


def _sorted_before(items: list[Item], i: int) -> bool:
    return any(x.is_kw("order") for x in items[:i])


def _order_by_instead(
    item: Item, target: Item, intent: Intent, lexicon: Lexicon, sorted_before: bool = False
) -> bool:
    """'top 5 customers by revenue': after a top-N, 'by' names the order, not a group. After
    'sorted by X', a further 'by Y' is the second key ('and within a cuisine by rate')."""
    pending = [o for o in intent.order if o.measure is None and o.column is None]
    if item.meaning != "by" or not pending:
        return False
    key = pending[1] if sorted_before and len(pending) > 1 else pending[0]
    if isinstance(target.value, Measure):
        key.measure = target.value
        return True
    column = column_ref(target, intent)
    if column is not None and column.column:
        target.used = True
        numeric = lexicon.catalog.table(column.table).column(column.column).family == "numeric"
        if numeric and column.table not in intent.tables[:1]:
            key.measure = add_measure(intent, Measure("sum", column.table, column.column))
        else:
            key.table, key.column = column.table, column.column
        return True
    if target.kind == "word" and target.text in MONEY_WORDS:
        found = money_column(intent, lexicon)
        if found is not None:
            target.used = True
            key.measure = add_measure(intent, Measure("sum", found[0], found[1]))
            return True
    return False


def _group_by_grain(item: Item, intent: Intent, lexicon: Lexicon, items: list[Item]) -> None:
    found = dates.date_column(intent, lexicon, near=items, consume=True, named_first=False)
    if found is None:
        return
    item.used = True
    grain = item.meaning or "month"
    if not any(g.grain == grain for g in intent.groups):
        intent.groups.append(Group(found[0], found[1], grain=grain, name=grain))
        column = lexicon.catalog.table(found[0]).column(found[1])
        if column.nullable and dates.named_date_column(intent, lexicon, items):
            # "employees terminated per month": those with no termination date are out
            intent.filters.append(Condition("{col} IS NOT NULL", table=found[0], column=found[1]))


def _asks_for_values(items: list[Item]) -> bool:
    """'Which countries ...', 'what genres ...': a question about a column's values, plural."""
    content = [x for x in items if x.kind != "punct"]
    if len(content) < 2 or content[0].text not in {"which", "what"}:
        return False
    named = content[1]
    is_column = named.kind == "ref" and table_ref(named) is None
    return is_column and named.text != stem(named.text)


def _key_first(intent: Intent, lexicon: Lexicon, table: str) -> None:
    """Listed columns of a table start with its key, so each row says which row it is."""
    key = entity_key(lexicon, table)
    if key is not None and (table, key) not in intent.columns and intent.auto_key is None:
        intent.columns.insert(0, (table, key))
        intent.auto_key = (table, key)
        label = label_of(lexicon.catalog.table(table))  # and what a person calls the row
        if label is not None and (table, label) not in intent.columns:
            intent.columns.insert(1, (table, label))
            intent.auto_label = (table, label)


# Keywords that need no element of their own; every other keyword a pass did not realise
# ("not", "never", "monthly", "sorted", ...) is reported as unplaced.
_CONSUMED_CLASSES = frozenset({"and", "as", "join", "on"})


def leftovers(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    aggregated = bool(intent.measures or intent.groups)
    for k, item in enumerate(items):
        if item.used:
            continue
        if item.kind == "ref" and _predicate(items, k):
            continue  # "orders that were tipped": a condition not read, never a column shown
        if item.kind == "ref":
            ref = column_ref(item, intent)
            if (
                ref is not None
                and ref.weak
                and (is_verb_form(item.text) or _temporal(lexicon, ref))
                and not (not aggregated and _plural_noun(item.text))
            ):
                # "returned", "open": no grouping on returned_on, it stays unplaced; "names
                # and dates" in a list asks to show them
                continue
            if ref is not None and ref.column and not (table_ref(item) and not ref.column):
                if aggregated and not _dimension(lexicon, ref):
                    continue  # a number left over is no grouping: it stays unplaced
                if aggregated and ref.weak:
                    continue  # "an item" is not a grouping on order_item_id, "req" on req_code
                item.used = True
                if aggregated:
                    if not any(
                        g.table == ref.table and g.column == ref.column for g in intent.groups
                    ):
                        intent.groups.append(Group(ref.table, ref.column))
                elif (ref.table, ref.column) not in intent.columns:
                    intent.columns.append((ref.table, ref.column))
                    _key_first(
                        intent,
                        lexicon,
                        intent.preserve or intent.tables[0] if intent.tables else ref.table,
                    )
            elif table_ref(item) is not None:
                item.used = True
        elif item.is_kw("group", "per") and intent.groups and _pronoun_each(items, item):
            item.used = True  # "how much did each spend": each of the groups already read
        elif item.is_kw("distinct"):
            item.used = True
            intent.distinct = not aggregated
        elif item.kind == "kw" and item.cls in _CONSUMED_CLASSES:
            j = next_index(items, items.index(item))
            if item.cls == "as" and (
                j is None or items[j].kind == "punct" or items[j].is_kw("and")
            ):
                item.kind = "word"  # "what it's called": the name it asks for is not placed
                continue
            item.used = True
    if not aggregated and intent.columns and _asks_for_values(items):
        intent.distinct = True  # "which countries do we have properties in": the countries
    if intent.distinct and intent.auto_key in intent.columns:
        intent.columns.remove(intent.auto_key)  # "the distinct countries": no key per row
        if intent.auto_label in intent.columns:
            intent.columns.remove(intent.auto_label)


def _pronoun_each(items: list[Item], item: Item) -> bool:
    if item.text != "each":
        return item.text.startswith("each ")
    j = next_index(items, items.index(item))
    return j is None or items[j].kind not in {"ref", "word"}


def _dimension(lexicon: Lexicon, ref: Ref) -> bool:
    """Columns a result can be grouped by when the request only names them: labels,
    categories, dates, flags and keys; never a measure-like number."""
    assert ref.column is not None
    column = lexicon.catalog.table(ref.table).column(ref.column)
    return column.family != "numeric" or is_key(ref)


def _temporal(lexicon: Lexicon, ref: Ref) -> bool:
    return bool(ref.column) and family(lexicon, ref) == "temporal"


PASSES: list[Pass] = [
    mention_tables,
    discourse.who,
    lookups,
    joinshape.roles,
    discourse.when,
    joins,
    joinshape.keep_all,
    joinshape.own_reference,
    constructs.never_happened,
    joinshape.zero_fill,
    pergroup.top_per_group,
    periods.relative_range,
    periods.range_note,
    implied_ranks.ages,
    implied_ranks.recency,
    implied_ranks.busiest,
    ranking.top_n,
    ranking.superlatives,
    ranking.ordering,
    joinshape.versus,
    derived.derived,
    durations.durations,
    periods.windows,
    constructs.above_average,
    measures.aggregates,
    measures.measure_references,
    measures.on_average,
    periods.calendar_period,
    grouping,
    measures.pronoun_aggregates,
    joinshape.zero_keeps_groups,
    constructs.implicit_count,
    constructs.existence,
    conditions.comparisons,
    dates.dates,
    presence.nulls,
    states.states,
    presence.values,
    presence.booleans,
    ranking.finish_order,
    periods.ratios,
    leftovers,
    discourse.discourse,
    discourse.prepositions,
]

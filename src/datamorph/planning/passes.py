"""The offline planner's passes: each reads the linked items and fills the intent.

Order matters and is fixed in `run_all`: structure first (joins, top-N, ordering, aggregates,
grouping), then conditions (`conditions.py`, `presence.py`), then what is left (columns, tables).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from datamorph.planning import (
    codes,
    conditions,
    constructs,
    dates,
    derived,
    discourse,
    durations,
    implied_ranks,
    joinshape,
    leftovers,
    measures,
    now,
    pergroup,
    periods,
    presence,
    ranking,
    states,
    tallies,
    units,
)
from datamorph.planning.discourse import is_participle
from datamorph.planning.intent import Condition, Group, Intent, Measure
from datamorph.planning.lexicon import Lexicon, split_name
from datamorph.planning.linking import Item
from datamorph.planning.measures import is_dimension, is_temporal
from datamorph.planning.tokens import number_literal
from datamorph.planning.util import (
    MONEY_WORDS,
    add_measure,
    column_ref,
    entity_key,
    money_column,
    next_index,
    previous_index,
    table_ref,
)

Pass = Callable[[list[Item], Intent, Lexicon], None]


def run_all(items: list[Item], intent: Intent, lexicon: Lexicon) -> list[str]:
    """Run every pass; returns the reading: which words produced which elements."""
    from datamorph.planning.audit import Step
    from datamorph.planning.reading import added, reading_of_pass, snapshot

    lines: list[str] = []
    for step in PASSES:
        before = snapshot(items, intent)
        step(items, intent, lexicon)
        fresh = {i for i, item in enumerate(items) if item.used} - before.used
        intent.trace.append(Step(step.__name__, fresh, added(intent, before)))
        while len(intent.filter_words) < len(intent.filters):
            intent.filter_words.append(fresh)
        own_reading = step in _OWN_READING  # it revises earlier elements and says how
        line = None if own_reading else reading_of_pass(items, intent, before)
        if line is not None and line not in lines:
            lines.append(line)
    return [_without_retracted(line, intent) for line in lines] + intent.revisions


def _without_retracted(line: str, intent: Intent) -> str:
    """A filter a later pass took back is no longer in the reading of the pass that made it."""
    from datamorph.planning.reading import describe

    said, _, elements = line.partition(" -> ")
    gone = {describe("filters", c) for c in intent.retracted}
    kept = [e for e in elements.split("; ") if e not in gone]
    return f"{said} -> {'; '.join(kept)}" if kept else f"{said} -> read as part of the structure"


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


def _measures_of_its_own_rows(intent: Intent, table: str) -> bool:
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
            if not _unit_of_the_column_before(items, i, intent):
                _group_by_grain(item, intent, lexicon, items)
            continue
        if not item.is_kw("group") or item.used or _passive_agent(items, i):
            continue
        j = next_index(items, i)
        if j is not None and items[j].used and items[j].text in joinshape.OWN:
            j = next_index(items, j)  # "per home club": the club itself
        if j is None:
            continue
        if any(x.text in leftovers.DEICTIC for x in items[i + 1 : j]):
            continue  # "for this season": one season, which no value here says; not a grouping
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
            own_rows = _measures_of_its_own_rows(intent, ref.table)
            if not ((averaged or item.meaning == "by") and own_rows):
                intent.groups.append(Group(ref.table))
        elif (ref := column_ref(target, intent)) is not None and ref.column:
            if not is_dimension(lexicon, ref):  # "cost per km" is a rate, not a grouping
                derived.rate(items, i, j, ref, intent, lexicon)
                continue
            k = next_index(items, j)
            if k is not None and items[k].is_kw("grain") and is_temporal(lexicon, ref):
                item.used = True  # "for each check-in month": the months of check_in
                _group_by_grain(items[k], intent, lexicon, items)
                continue
            if is_temporal(lexicon, ref) and _period_said(items):
                # "interviews in 2025 (by interview date)": the date the period is of
                item.used = target.used = True
                target.refs = [replace(r, weak=True) for r in target.refs]
                continue
            k = next_index(items, j)
            flag = lexicon.catalog.table(ref.table).column(ref.column).family == "boolean"
            if (
                flag
                and k is not None
                and (owner := table_ref(items[k]))
                and owner.table == ref.table
            ):
                continue  # "payments by premium clients": the flag qualifies the clients
            item.used = target.used = True
            said = (ref.table, ref.column)
            if any(g.grain and (g.table, g.column) == said for g in intent.groups):
                continue  # "per month ..., by award date": which date the months are of
            intent.groups.append(Group(ref.table, ref.column))


_GRAIN_UNITS = {
    "year": {"year", "years", "yr", "yrs", "y"},
    "month": {"month", "months", "mo", "mon", "mth", "mths"},
    "week": {"week", "weeks", "wk", "wks"},
    "day": {"day", "days", "d"},
}


def _unit_of_the_column_before(items: list[Item], i: int, intent: Intent) -> bool:
    """'average term in years' for term_years: the unit the column is in, no year grain."""
    k = previous_index(items, i)
    if k is None or items[k].text != "in":
        return False
    m = previous_index(items, k)
    ref = column_ref(items[m], intent) if m is not None else None
    units = _GRAIN_UNITS.get(items[i].meaning or "", set())
    if ref is None or not ref.column or split_name(ref.column)[-1] not in units:
        return False
    items[i].used = items[k].used = True
    return True


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
        if r.kind == "column" and r.table == table and is_dimension(lexicon, r)
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
    verb = before.kind in {"filler", "word"} or (
        before.kind == "ref" and all(r.kind == "column" and r.weak for r in before.refs)
    )  # "placed", weakly the orders' placed_at: still the verb
    return before.meaning == "relation" or (verb and is_participle(before.text))


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


def numbered_periods(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'month number', 'week number': the grouped period's number within its year."""
    for i, item in enumerate(items[:-1]):
        said = items[i + 1]
        if not item.is_kw("grain") or said.used or said.text != "number":
            continue
        grouped = [g for g in intent.groups if g.grain == item.meaning]
        if grouped and item.meaning in {"month", "week", "quarter"}:
            grouped[0].numbered = True
            item.used = said.used = True


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


_OWN_READING: set[Pass] = {tallies.conditional_counts}

PASSES: list[Pass] = [
    mention_tables,
    states.current_or_former,
    discourse.who,
    states.leaving,
    lookups,
    codes.identifiers,
    joinshape.roles,
    joinshape.said_roles,
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
    numbered_periods,
    measures.pronoun_aggregates,
    joinshape.zero_keeps_groups,
    constructs.implicit_count,
    constructs.existence,
    conditions.comparisons,
    conditions.column_equals_number,
    conditions.column_equals_quoted,
    joinshape.zero_admitted,
    dates.dates,
    presence.nulls,
    states.states,
    presence.values,
    presence.booleans,
    ranking.finish_order,
    periods.ratios,
    tallies.conditional_counts,
    now.now_words,
    now.still_a_state,
    units.output_units,
    leftovers.label_words,
    leftovers.leftovers,
    discourse.discourse,
    discourse.events,
    discourse.prepositions,
]

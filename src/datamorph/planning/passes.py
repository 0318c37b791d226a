"""The offline planner's passes: each reads the linked items and fills the intent.

Order matters and is fixed in `run_all`: structure first (joins, top-N, ordering, aggregates,
grouping), then conditions (`conditions.py`), then what is left (columns, tables).
"""

from __future__ import annotations

from collections.abc import Callable

from datamorph.planning import (
    conditions,
    constructs,
    derived,
    joinshape,
    pergroup,
    periods,
    ranking,
)
from datamorph.planning.intent import Condition, Group, Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item
from datamorph.planning.ranking import is_grouped
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
    value_refs,
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
    for i, item in enumerate(items):
        ref = table_ref(item)
        if ref is not None:
            intent.mention(ref.table)
            after = items[i + 1] if i + 1 < len(items) else None
            if after is not None and table_ref(after) is not None:
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
        if ref is None or j >= len(items) or items[j].kind != "number":
            continue
        key = entity_key(lexicon, ref.table)
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


_AGGREGATES = ("sum", "avg", "count", "min", "max")


def aggregates(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if not item.is_kw("agg", *_AGGREGATES) or item.used:
            continue
        fn = item.meaning or "sum"
        chain = _chain(items, i)
        j = _subject_index(items, chain[-1], lexicon)
        if j is None:
            continue
        for k in chain[:-1]:  # "minimum and maximum price": each word, one subject
            measure = _measure_for(
                items[j], items[k].meaning or "sum", False, intent, lexicon, items[k].text
            )
            if measure is not None:
                items[k].used = True
                items[k].value = add_measure(intent, measure)
                if k + 1 < len(items) and items[k + 1].is_kw("and"):
                    items[k + 1].used = True
        i = chain[-1]
        fn = items[i].meaning or "sum"
        distinct = any(x.is_kw("distinct") for x in items[i + 1 : j])
        measure = _measure_for(items[j], fn, distinct, intent, lexicon, items[i].text)
        if measure is None:
            continue
        for x in items[i : j + 1]:
            if x.kind in {"kw", "filler"} or x is items[j]:
                x.used = True
        items[j].value = add_measure(intent, measure)
        items[i].value = items[j].value


def _chain(items: list[Item], i: int) -> list[int]:
    """Indexes of 'minimum and maximum' (aggregate words joined by 'and') from `i`."""
    chain = [i]
    while True:
        j = next_index(items, chain[-1])
        k = next_index(items, j) if j is not None and items[j].is_kw("and") else None
        if k is None or not items[k].is_kw("agg", *_AGGREGATES) or items[k].used:
            return chain
        chain.append(k)


def _subject_index(items: list[Item], i: int, lexicon: Lexicon) -> int | None:
    """What an aggregate word applies to, past values and flags ('number of captured
    payments'); when nothing named follows them, the first of them ('number of hires')."""
    first = j = next_index(items, i, skip_cls={"distinct"})
    while j is not None and (items[j].used or _is_qualifier(items[j], lexicon)):
        j = next_index(items, j, skip_cls={"distinct"})
    if j is None or items[j].kind not in {"ref", "word"}:
        return first if first is not None and not items[first].used else None
    return j


def _is_qualifier(item: Item, lexicon: Lexicon) -> bool:
    """A value or a flag between an aggregate and what it counts: captured, remote, won."""
    if item.kind in {"year", "month", "date"} or item.is_kw("not"):
        return True
    if item.kind != "ref" or table_ref(item) is not None:
        return False
    if all(_family(lexicon, r) == "boolean" for r in item.refs if r.kind == "column") and any(
        r.kind == "column" for r in item.refs
    ):
        return True
    if value_refs(item) and not any(r.kind == "column" and not r.weak for r in item.refs):
        return True
    catalog = lexicon.catalog
    return any(
        r.kind == "column"
        and r.column
        and r.weak
        and catalog.table(r.table).column(r.column).family in {"boolean", "temporal"}
        for r in item.refs
    ) and not any(r.kind == "column" and not r.weak for r in item.refs)


def _family(lexicon: Lexicon, ref: Ref) -> str:
    assert ref.column is not None
    return lexicon.catalog.table(ref.table).column(ref.column).family


_SUMMING = frozenset({"sum", "sum of", "add up", "adding up", "added up", "add them up", "summed"})


def _measure_for(
    item: Item, fn: str, distinct: bool, intent: Intent, lexicon: Lexicon, word: str = ""
) -> Measure | None:
    column = column_ref(item, intent)
    if column is not None and column.column:
        if fn == "count" and column.weak and not distinct:
            return Measure("count", column.table, None)  # "number of hires": count the rows
        numeric = lexicon.catalog.table(column.table).column(column.column).family == "numeric"
        if fn == "count" and numeric and not distinct and not _is_key(column):
            return Measure("sum", column.table, column.column)  # "how many hours": their total
        if fn == "count":
            fn = "count_distinct" if distinct or not _is_key(column) else "count"
        return Measure(fn, column.table, column.column)
    table = table_ref(item)
    if (
        table is not None
        and fn in {"sum", "avg"}
        and (word in _SUMMING or item.text in MONEY_WORDS)
    ):
        # "add up the payments": the total of their money, never their number
        found = money_column(Intent(tables=[table.table]), lexicon)
        if found is None or found[0] != table.table:
            return None
        intent.mention(table.table)
        return Measure("sum", found[0], found[1])
    if table is not None and fn in {"count", "sum"}:
        intent.mention(table.table)
        return Measure("count", table.table, None)
    if item.kind == "word" and item.text in MONEY_WORDS:
        found = money_column(intent, lexicon, item.text)
        if found is not None:
            intent.mention(found[0])
            return Measure(fn if fn != "count" else "sum", found[0], found[1])
    return None


def measure_references(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'order count', 'with their total': aggregate words that name a measure already there;
    'revenue per category': a money word in a grouped request is the total of money."""
    for item in items:
        if item.used or item.kind != "word" or item.text not in MONEY_WORDS:
            continue
        if not (is_grouped(items) or intent.measures):
            continue
        sums = [m for m in intent.measures if m.fn == "sum"]
        found = money_column(intent, lexicon)
        if sums:
            item.used, item.value = True, sums[0]
        elif found is not None:
            item.used = True
            item.value = add_measure(intent, Measure("sum", found[0], found[1]))
    for i, item in enumerate(items):
        if item.used or not item.is_kw("agg", "sum", "count", "avg", "min", "max"):
            continue
        j = previous_index(items, i)
        before = table_ref(items[j]) if j is not None else None
        if item.meaning == "count" and before is not None:
            item.used = items[j].used = True  # type: ignore[index]
            item.value = add_measure(intent, Measure("count", before.table, None))
            continue
        same = [m for m in intent.measures if m.fn == item.meaning]
        k = next_index(items, i)
        if same and (k is None or items[k].kind != "ref" or items[k].used):
            item.used = True
            item.value = same[0]


def _is_key(ref: Ref) -> bool:
    return bool(ref.column and (ref.column.lower() == "id" or ref.column.lower().endswith("_id")))


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
        if j is None:
            continue
        target = items[j]
        if _order_by_instead(item, target, intent, lexicon):
            item.used = True
            continue
        if target.is_kw("grain"):
            item.used = True
            _group_by_grain(target, intent, lexicon, items)
        elif (ref := table_ref(target)) is not None:
            item.used = target.used = True
            intent.mention(ref.table)
            intent.groups.append(Group(ref.table))
        elif (ref := column_ref(target, intent)) is not None and ref.column:
            if not _dimension(lexicon, ref):  # "cost per km" is a rate, not a grouping
                derived.rate(items, i, j, ref, intent, lexicon)
                continue
            item.used = target.used = True
            intent.groups.append(Group(ref.table, ref.column))


def _passive_agent(items: list[Item], i: int) -> bool:
    """'deals owned by reps', 'orders placed by customers': after a verb, 'by' names who did
    it (the join says so), not a grouping."""
    if items[i].meaning != "by" or i == 0:
        return False
    before = items[i - 1]
    return before.meaning == "relation" or (
        before.kind in {"filler", "word"} and is_verb_form(before.text)
    )


def _order_by_instead(item: Item, target: Item, intent: Intent, lexicon: Lexicon) -> bool:
    """'top 5 customers by revenue': after a top-N, 'by' names the order, not a group."""
    pending = [o for o in intent.order if o.measure is None and o.column is None]
    if item.meaning != "by" or not pending:
        return False
    key = pending[0]
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
    found = conditions.date_column(intent, lexicon, near=items, consume=True, named_first=False)
    if found is None:
        return
    item.used = True
    grain = item.meaning or "month"
    if not any(g.grain == grain for g in intent.groups):
        intent.groups.append(Group(found[0], found[1], grain=grain, name=grain))
        column = lexicon.catalog.table(found[0]).column(found[1])
        if column.nullable and conditions.named_date_column(intent, lexicon, items):
            # "employees terminated per month": those with no termination date are out
            intent.filters.append(Condition("{col} IS NOT NULL", table=found[0], column=found[1]))


def _key_first(intent: Intent, lexicon: Lexicon, table: str) -> None:
    """Listed columns of a table start with its key, so each row says which row it is."""
    key = entity_key(lexicon, table)
    if key is not None and (table, key) not in intent.columns and intent.auto_key is None:
        intent.columns.insert(0, (table, key))
        intent.auto_key = (table, key)


# Keywords that need no element of their own; every other keyword a pass did not realise
# ("not", "never", "monthly", "sorted", ...) is reported as unplaced.
_CONSUMED_CLASSES = frozenset({"and", "as", "join", "on"})


def leftovers(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    aggregated = bool(intent.measures or intent.groups)
    for item in items:
        if item.used:
            continue
        if item.kind == "ref":
            ref = column_ref(item, intent)
            if (
                ref is not None
                and ref.weak
                and (is_verb_form(item.text) or _temporal(lexicon, ref))
            ):
                continue  # "returned", "open": no grouping on returned_on: it stays unplaced
            if ref is not None and ref.column and not (table_ref(item) and not ref.column):
                item.used = True
                if aggregated and not _dimension(lexicon, ref):
                    continue  # "total won amount": a number left over is no grouping
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
    if intent.distinct and intent.auto_key in intent.columns:
        intent.columns.remove(intent.auto_key)  # "the distinct countries": no key per row


def _dimension(lexicon: Lexicon, ref: Ref) -> bool:
    """Columns a result can be grouped by when the request only names them: labels,
    categories, dates, flags and keys; never a measure-like number."""
    assert ref.column is not None
    column = lexicon.catalog.table(ref.table).column(ref.column)
    return column.family != "numeric" or _is_key(ref)


def _temporal(lexicon: Lexicon, ref: Ref) -> bool:
    return bool(ref.column) and _family(lexicon, ref) == "temporal"


def is_verb_form(text: str) -> bool:
    """A participle or gerund ('returned', 'shipping'): a verb names an event, not a column to
    group or list by."""
    return text.endswith(("ed", "ing")) and len(text) > 4


def who(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'who works in Sales?': the people of the catalog. With one table of people it is that
    table; with several and none named, the word stays unplaced (a question for the user)."""
    from datamorph.planning.synonyms import tables_of_kind

    for i, item in enumerate(items):
        if item.kind != "filler" or item.text not in {"who", "whom"}:
            continue
        if i > 0 and items[i - 1].kind != "punct":
            continue  # "customers who ...": a relative pronoun, not a question about people
        people = tables_of_kind("person", lexicon)
        if any(t in intent.tables for t in people):
            continue
        if len(people) == 1:
            intent.tables.insert(0, people[0])
        elif people:
            item.kind, item.refs = "word", [Ref("table", t) for t in people]


_EMPHASIS = frozenset({"in total", "overall", "altogether", "combined"})


def discourse(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """Words that repeat what the plan already says: 'in total' after a count, 'biggest
    first' after a ranking, 'how many does each have' after a grouping. Only when the element
    they refer to exists; otherwise they stay unplaced."""
    for i, item in enumerate(items):
        if item.used:
            continue
        j = next_index(items, i)
        after = items[j] if j is not None else None
        if item.is_kw("agg", "sum") and item.text in _EMPHASIS and intent.measures:
            item.used = True
        elif item.is_kw("agg", "min", "max") and item.text in {"first", "last"} and intent.order:
            before = previous_index(items, i)
            item.used = before is not None and items[before].used
        elif item.is_kw("group", "per") and intent.groups and (after is None or not after.refs):
            item.used = after is None or after.kind == "punct" or after.text in {"one", "1"}
            if after is not None and after.text == "one":
                after.used = True


def prepositions(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'in France', 'from the Sales department': a time preposition before something the plan
    placed is a plain preposition; before nothing placed, it stays unplaced."""
    for i, item in enumerate(items):
        if item.used or not (item.is_kw("date", "in", ">=", "<=") or item.is_kw("group", "by")):
            continue
        j = next_index(items, i)
        stranded = j is None or items[j].kind == "punct"
        if stranded and item.text in {"from", "in", "on"}:
            item.used = True  # "the countries our customers come from"
        elif (
            j is not None
            and items[j].used
            and (items[j].kind == "ref" or items[j].is_kw("group") or items[j].is_kw("cmp"))
        ):
            item.used = True  # "in France", "through each channel", "held by at least 30"


PASSES: list[Pass] = [
    mention_tables,
    who,
    lookups,
    joins,
    joinshape.keep_all,
    constructs.never_happened,
    joinshape.zero_fill,
    pergroup.top_per_group,
    periods.relative_range,
    ranking.top_n,
    ranking.superlatives,
    ranking.ordering,
    joinshape.versus,
    derived.derived,
    periods.windows,
    constructs.above_average,
    aggregates,
    measure_references,
    grouping,
    constructs.implicit_count,
    constructs.existence,
    conditions.comparisons,
    conditions.dates,
    conditions.nulls,
    conditions.values,
    conditions.booleans,
    ranking.finish_order,
    periods.ratios,
    leftovers,
    discourse,
    prepositions,
]

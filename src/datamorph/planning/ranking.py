"""Ranking passes: top-N, superlatives ("the 3 largest"), sort orders, and the entity a
ranking is about."""

from __future__ import annotations

from datamorph.planning import frequent
from datamorph.planning.base import PlanningError
from datamorph.planning.builder import label_of
from datamorph.planning.intent import Group, Intent, Measure, OrderKey
from datamorph.planning.lexicon import Lexicon
from datamorph.planning.linking import Item
from datamorph.planning.util import (
    MONEY_WORDS,
    add_measure,
    column_ref,
    money_column,
    next_index,
    previous_index,
    table_after_qualifier,
    table_ref,
    tables_pointing_at,
    totals_of,
)


def top_n(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if item.used:
            continue
        if item.is_kw("agg", "top", "bottom", "max", "min"):
            j = next_index(items, i)
            if j is not None and items[j].kind == "number":
                intent.limit = int(items[j].value)
                item.used = items[j].used = True
                intent.order.append(OrderKey(desc=item.meaning in {"top", "max"}))
                frequent.by_rows_of(items, j, intent, lexicon)
        if item.kind == "number" and not item.used:
            j = next_index(items, i)
            if j is not None and items[j].is_kw("agg", "max", "min", "top", "bottom"):
                intent.limit = int(item.value)
                item.used = items[j].used = True
                intent.order.append(OrderKey(desc=items[j].meaning in {"max", "top"}))
                k = next_index(items, j)
                if items[j].text in _COUNTING and k is not None:  # "3 most prescribed drugs"
                    intent.order[-1].measure = frequent.most_frequent(items, j, k, intent, lexicon)


def _then(items: list[Item], i: int) -> bool:
    """A further sort key: 'then by', 'and then', ', then'."""
    item = items[i]
    after_then = i > 0 and items[i - 1].text == "then"
    return (item.text == "then" and not item.used) or (after_then and item.is_kw("group", "by"))


def superlatives(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'the 3 departments with the largest budget', 'which segment has the highest average
    amount', 'which 3 countries have the most customers': rank by what follows."""
    for i, item in enumerate(items):
        if item.used or not item.is_kw("agg", "max", "min"):
            continue
        if _money_verb_ranked(items, i, intent, lexicon):
            continue
        j = next_index(items, i)
        if j is not None and items[j].text == "-":  # "highest-paid"
            items[j].used = True
            j = next_index(items, j)
        after = next_index(items, j) if j is not None else None
        if (
            j is not None
            and items[j].used
            and table_ref(items[j]) is not None
            and after is not None
            and items[after].text in MONEY_WORDS
        ):
            j = after  # "the most scholarship money": the money is ranked
        if j is None:
            continue
        if item.text in _COUNTING and (k := table_after_qualifier(items, j, lexicon)) is not None:
            j = k  # "the most urgent complaints": the complaints are counted, the flag filters
        nxt, desc = items[j], item.meaning == "max"
        ranked_table = frequent.ranked_table(nxt)
        if nxt.is_kw("and") and item.text in _SIZES:  # "the smallest and the largest deal"
            k = next_index(items, j)
            m = next_index(items, k) if k is not None else None
            if m is not None and items[k].is_kw("agg", "max", "min") and table_ref(items[m]):  # type: ignore[index]
                _by_size(items, i, m, table_ref(items[m]).table, intent, lexicon)  # type: ignore[union-attr]
                if item.used:
                    nxt.used = True
                continue
        if nxt.is_kw("agg", "sum", "avg", "count", "min", "max"):
            item.used = True  # "highest average X": aggregates() builds the measure
            intent.order.append(OrderKey(desc=desc))
            intent.limit = intent.limit or wanted_rows(items, i)
        elif item.text in _COUNTING and (
            by_count := frequent.most_frequent(items, i, j, intent, lexicon)
        ):
            # "the most prescribed drugs": the drugs of the most prescriptions
            intent.order.append(OrderKey(desc=item.meaning == "max", measure=by_count))
            intent.limit = intent.limit or wanted_rows(items, i)
        elif (ref := ranked_table) is not None and item.text not in _COUNTING:
            # "the largest deal" is not the most deals: its size, which is its money
            _by_size(items, i, j, ref.table, intent, lexicon)
        elif (ref := ranked_table) is not None and _ranks_groups(items, i):
            item.used = nxt.used = True  # "the most customers": count them per group
            frequent.ranked_values(items, i, ref.table, intent, lexicon)
            measure = add_measure(intent, Measure("count", ref.table, None))
            intent.order.append(OrderKey(desc=desc, measure=measure))
            intent.limit = intent.limit or wanted_rows(items, i)
        elif (ref := ranked_table) is not None and (entity := _entity(items, i, ref.table)):
            item.used = nxt.used = True  # "which 3 properties have the most bookings"
            measure = add_measure(intent, Measure("count", ref.table, None))
            intent.groups.append(Group(entity))
            intent.order.append(OrderKey(desc=desc, measure=measure))
            intent.limit = intent.limit or wanted_rows(items, i)
        elif nxt.kind == "word" and nxt.text in MONEY_WORDS and not is_grouped(items):
            found = money_column(intent, lexicon)  # "the 10 highest-paid employees"
            entity = _named_before(items, i) or (intent.tables[0] if intent.tables else None)
            if found is not None and entity not in {None, found[0]}:
                item.used = nxt.used = True  # "servers with the most check revenue": per server
                measure = add_measure(intent, Measure("sum", found[0], found[1]))
                intent.groups.append(Group(entity or found[0]))
                intent.order.append(OrderKey(desc=desc, measure=measure))
                intent.limit = intent.limit or wanted_rows(items, i)
            elif found is not None:
                item.used = nxt.used = True
                intent.order.append(OrderKey(desc=desc, table=found[0], column=found[1]))
                intent.limit = intent.limit or wanted_rows(items, i)
        elif (col := column_ref(nxt, intent)) is not None and col.column and _counted(items, i):
            if is_grouped(items):
                continue  # "for each product, the highest quantity": an aggregate
            item.used = nxt.used = True
            entity = _named_before(items, i) or (intent.tables[0] if intent.tables else col.table)
            if entity != col.table:  # "which 5 projects logged the most hours": sum per project
                measure = add_measure(intent, Measure("sum", col.table, col.column))
                # "which shop category had the highest sales": per category, not per shop
                frequent.ranked_values(items, i, entity, intent, lexicon)
                if not intent.groups:
                    intent.groups.append(Group(entity))
                intent.order.append(OrderKey(desc=desc, measure=measure))
            else:  # "the 3 departments with the largest budget"
                intent.order.append(OrderKey(desc=desc, table=col.table, column=col.column))
            intent.limit = intent.limit or wanted_rows(items, i)


def _money_verb_ranked(items: list[Item], i: int, intent: Intent, lexicon: Lexicon) -> bool:
    """'the five clients who have spent the most': their total money, highest first."""
    item = items[i]
    before = previous_index(items, i)
    particles = []
    while before is not None and items[before].text in {"the", "a", "out", "in", "up"}:
        particles.append(items[before])  # "paid out the most"
        before = previous_index(items, before)
    if item.text not in _COUNTING or before is None:
        return False
    verb = items[before]
    if verb.used or verb.kind != "word" or verb.text not in MONEY_WORDS:
        return False
    entity = _named_before(items, before)
    if entity is None:
        return False
    found = money_column(intent, lexicon)
    if found is None or found[0] == entity:  # what a customer spends is in its orders
        found = _money_of_facts(entity, lexicon)
    if found is None:
        return False
    item.used = verb.used = True
    for particle in particles:
        particle.used = True
    measure = add_measure(intent, Measure("sum", found[0], found[1]))
    if entity != found[0]:
        intent.groups.append(Group(entity))
    intent.order.append(OrderKey(desc=item.text == "most", measure=measure))
    intent.limit = intent.limit or wanted_rows(items, i)
    return True


def _money_of_facts(entity: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The one money column among the tables that point at `entity` (its facts)."""
    found = set()
    for table in tables_pointing_at(lexicon, entity):
        column = money_column(Intent(tables=[table]), lexicon)
        if column is not None and column[0] == table:
            found.add(column)
    return found.pop() if len(found) == 1 else None


def _entity(items: list[Item], i: int, counted: str) -> str | None:
    """The table whose rows are ranked: the one named before the superlative."""
    if frequent.grouping_words(items):
        return None
    for item in reversed(items[:i]):
        ref = table_ref(item)
        if ref is not None:
            return ref.table if ref.table != counted else None
    return None


def _named_before(items: list[Item], i: int) -> str | None:
    """'In every branch, the two agents who wrote the most premium': the ranked rows are the
    nearest table named before the superlative, not the first one of the request."""
    for item in reversed(items[:i]):
        if item.text in _CLAUSE_ENDS:
            return None
        ref = table_ref(item)
        if ref is not None:
            return ref.table
    return None


_SIZES = frozenset({"largest", "biggest", "smallest", "priciest", "cheapest", "most expensive"})


def _by_size(
    items: list[Item], i: int, j: int, table: str, intent: Intent, lexicon: Lexicon
) -> None:
    """'the biggest payment', 'for each rep, the smallest deal': a row's size is its money,
    when its table has one money column; per group it is that column's min or max."""
    item = items[i]
    found = money_column(Intent(tables=[table]), lexicon)
    if item.text not in _SIZES or found is None or found[0] != table:
        return
    item.used = items[j].used = True
    intent.mention(table)
    fn = "max" if item.meaning == "max" else "min"
    if is_grouped(items):
        item.value = add_measure(intent, Measure(fn, table, found[1]))
        return
    intent.order.append(OrderKey(desc=fn == "max", table=table, column=found[1]))
    intent.limit = intent.limit or wanted_rows(items, i)


# Superlatives that count what follows ("the most customers"); others ("largest") measure it.
_COUNTING = frozenset({"most", "fewest", "least"})
_CLAUSE_ENDS = frozenset({".", "?", "!", ";"})


def wanted_rows(items: list[Item], i: int) -> int | None:
    """'which 3 countries ...' -> 3; 'which segment has the highest ...' -> 1; 'most
    assignments first' -> no limit: a sort. Only a number of the same sentence counts, and
    never one a comparison owns ('more than 15 assignments')."""
    if any(x.text in {"first", "last"} for x in items[i + 1 : i + 4]):
        return None
    start = max((k + 1 for k in range(i) if items[k].text in _CLAUSE_ENDS), default=0)
    for k in range(start, i):
        item = items[k]
        owned = k > 0 and (items[k - 1].is_kw("cmp") or items[k - 1].kind == "op")
        if item.kind == "number" and not item.used and not owned:
            item.used = True
            return int(item.value)
    return 1


def is_grouped(items: list[Item]) -> bool:
    return any(item.is_kw("group", "per") for item in items)


def _ranks_groups(items: list[Item], i: int) -> bool:
    return any(item.kind == "ref" and not table_ref(item) for item in items[:i]) or any(
        item.is_kw("group") for item in items
    )


def _counted(items: list[Item], i: int) -> bool:
    """A superlative over rows needs a count or a 'which/the N' before it."""
    return any(item.kind == "number" for item in items[:i]) or any(
        item.kind == "filler" and item.text in {"which", "the"} for item in items[:i]
    )


def ordering(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'sorted by X descending, then by Y', 'sorted by hire date and then employee id'."""
    sorting = False
    directed: set[int] = set()  # keys whose direction was said: another direction is a new key
    for i, item in enumerate(items):
        if item.is_kw("order"):
            sorting = True
            item.used = True
            intent.order.append(OrderKey(desc=False))
        elif _then(items, i) and not (sorting or intent.order) and _listed_by(items, i):
            sorting = True  # "agents by branch, then by rate": a list's 'by' sorts it
            intent.order.append(OrderKey(desc=False))
            _then_key(items, i, intent)
        elif (sorting or intent.order) and _then(items, i):
            _then_key(items, i, intent)
        elif item.is_kw("dir"):
            item.used = True
            if not intent.order or len(intent.order) - 1 in directed:
                # "by cuisine A to Z, and within a cuisine by rate, highest first": two keys
                intent.order.append(OrderKey(desc=item.meaning == "desc"))
            else:
                intent.order[-1].desc = item.meaning == "desc"
            intent.order[-1].said = True
            directed.add(len(intent.order) - 1)


def _then_key(items: list[Item], i: int, intent: Intent) -> None:
    j = next_index(items, i)
    ref = column_ref(items[j], intent) if j is not None else None
    if ref is not None and ref.column and j is not None and table_ref(items[j]) is None:
        items[i].used = items[j].used = True
        intent.order.append(OrderKey(desc=False, table=ref.table, column=ref.column))


def _listed_by(items: list[Item], i: int) -> bool:
    """A list with no aggregate whose 'by X' comes before a 'then by'."""
    if any(x.is_kw("agg") or x.is_kw("group", "per") for x in items):
        return False
    return any(x.is_kw("group", "by") and not x.used for x in items[:i])


def finish_order(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """Order keys still without a subject sort by the first measure (top-N by the measure)."""
    for i, item in enumerate(items):
        if item.is_kw("order") or (item.is_kw("group", "by") and not item.used):
            j = next_index(items, i)
            if j is None:
                continue
            pending = [
                o
                for o in intent.order
                if o.measure is None and o.column is None and o.alias is None
            ]
            if not pending:
                break
            k = next_index(items, j)
            if isinstance(items[j].value, Measure):
                pending[0].measure = items[j].value
            elif table_ref(items[j]) and k is not None and isinstance(items[k].value, Measure):
                pending[0].measure = items[k].value  # "sorted by assignment count"
            elif (ref := column_ref(items[j], intent)) is not None and ref.column:
                items[j].used = item.used = True
                pending[0].table, pending[0].column = ref.table, ref.column
    _alphabetical(items, intent, lexicon)  # before any default: these say their subject
    _chronological(items, intent)
    for key in intent.order:
        if key.alias is not None:
            continue
        if key.measure is None and key.column is None and intent.measures:
            key.measure = intent.measures[0]
        elif key.measure is None and key.column is None and _prices(items):
            # "the 10 most expensive products": rank by the table's money column
            found = money_column(intent, lexicon)
            if found is not None:
                key.table, key.column = found
    _top_entity(items, intent)
    _entity_of_measures(items, intent)
    _measured_columns(intent)
    _merge_repeated_keys(intent)
    if any(o.measure is None and o.column is None and o.alias is None for o in intent.order):
        raise PlanningError(
            "the request asks for an order but does not say by what",
            unplaced=[x.text for x in items if x.is_kw("dir") or x.is_kw("order")],
            hint="say what to sort by, e.g. 'sorted by total amount, highest first'",
        )


_PRICE_WORDS = frozenset(
    {"most expensive", "least expensive", "cheapest", "priciest", "costliest", "dearest"}
)


def _prices(items: list[Item]) -> bool:
    """A superlative of price or a money word: only then is an order by the money column."""
    return any(x.text in _PRICE_WORDS | _SIZES or x.text in MONEY_WORDS for x in items)


def _alphabetical(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'customers ordered alphabetically': by the table's label, the only text it can mean."""
    said = any(x.is_kw("dir", "asc") and "alphabet" in x.text for x in items)
    pending = [
        o for o in intent.order if o.measure is None and o.column is None and o.alias is None
    ]
    if not said or not pending or not intent.tables:
        return
    table = lexicon.catalog.table(intent.tables[0])
    label = label_of(table)
    if label is not None:
        pending[0].table, pending[0].column = table.name, label


_TOTALS = frozenset({"sum", "avg", "min", "max"})


def _measured_columns(intent: Intent) -> None:
    """'the 5 people with the most hours ..., most hours first': in a grouped result, a sort
    by a column that a measure totals is a sort by that measure."""
    if not intent.groups:
        return
    for key in intent.order:
        if key.measure is not None or key.column is None:
            continue
        measured = totals_of(intent, key.table, key.column)
        if len(measured) == 1:
            key.measure, key.table, key.column = measured[0], None, None


def _merge_repeated_keys(intent: Intent) -> None:
    """'then by hire date, most recent hires first': one key, in the direction said for it.
    Two directions said for one key contradict each other: the request is refused."""
    kept: list[OrderKey] = []
    for key in intent.order:
        twin = next((k for k in kept if _subject(k) == _subject(key) != (None, None)), None)
        if twin is None:
            kept.append(key)
        elif twin.desc != key.desc and twin.said and key.said:
            raise PlanningError(
                f"the request sorts by {_subject(key)[1]} both ascending and descending",
                hint="say one direction for each sort key",
            )
        elif key.said and not twin.said:
            twin.desc, twin.said = key.desc, True
    keyed = [k for k in kept if _subject(k) != (None, None)]
    if len(keyed) == 1:
        # "the five longest rides by distance, longest first": the direction said again
        kept = [k for k in kept if _subject(k) != (None, None) or k.desc != keyed[0].desc]
    intent.order = kept


def _subject(key: OrderKey) -> tuple[object, object]:
    if key.measure is not None:
        return ("measure", key.measure.name)
    if key.alias is not None:
        return ("alias", key.alias)
    return (key.table, key.column)


def _chronological(items: list[Item], intent: Intent) -> None:
    """'in month order', 'in chronological order': by the period of the grain."""
    said = any(x.is_kw("dir", "asc") and "order" in x.text and "ascending" not in x.text
               for x in items)  # fmt: skip
    pending = [
        o for o in intent.order if o.measure is None and o.column is None and o.alias is None
    ]
    period = next((g.name for g in intent.groups if g.grain), None)
    if said and pending and period:
        pending[0].alias = period


def _entity_of_measures(items: list[Item], intent: Intent) -> None:
    """'active customers with their number of orders (including those without)': per customer."""
    if intent.groups or not intent.measures:
        return
    entity = intent.preserve
    if entity is None and any(x.is_kw("join") for x in items) and intent.tables:
        entity = intent.tables[0]
    if entity is not None and entity != intent.measures[0].table:
        intent.groups.append(Group(entity))


def _top_entity(items: list[Item], intent: Intent) -> None:
    """'top 5 customers by amount': rank customers, so group by the table after 'top 5'."""
    if intent.limit is None or intent.groups or not intent.measures:
        return
    for i, item in enumerate(items):
        if item.is_kw("agg", "top", "bottom", "max", "min") or item.kind == "number":
            j = next_index(items, i, skip_cls={"agg"})
            while j is not None and items[j].kind == "number":
                j = next_index(items, j, skip_cls={"agg"})
            ref = table_ref(items[j]) if j is not None else None
            if ref is not None and ref.table != intent.measures[0].table:
                intent.groups.append(Group(ref.table))
                return

"""Measures: 'total amount', 'number of hires', 'minimum and maximum price', 'how many
hours' (their total), 'add up the payments' (their money), and aggregate words that refer to
a measure already there ('with their total')."""

from __future__ import annotations

from datamorph.planning.discourse import is_verb_form
from datamorph.planning.intent import Condition, Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref, split_name, stem, unit_of
from datamorph.planning.linking import Item
from datamorph.planning.ranking import is_grouped
from datamorph.planning.util import (
    MONEY_WORDS,
    add_measure,
    column_ref,
    money_column,
    next_index,
    previous_index,
    table_ref,
    value_refs,
)

_AGGREGATES = ("sum", "avg", "count", "min", "max")


def aggregates(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if not item.is_kw("agg", *_AGGREGATES) or item.used:
            continue
        fn = item.meaning or "sum"
        chain = _chain(items, i)
        j = _subject_index(items, chain[-1], lexicon)
        if item.text in _SUMMING and (j is None or items[j].kind != "ref"):
            j = _summed_before(items, i)  # "orders adding up to more than 1,000"
        if j is None:
            continue
        j = _past_unit(items, j, intent, lexicon)  # "how many litres of fuel": the fuel
        j = _past_owner(items, j, intent, lexicon)  # "total downtime cost": its cost
        j = _compound_head(items, j)  # "how many course registrations": the registrations
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
        if fn == "count" and j + 1 < len(items) and items[j + 1].text in _ROW_NOUNS:
            items[j + 1].used = True  # "how many pay records": rows, not the pay
            measure = Measure("count", measure.table, None)
        for x in items[i : j + 1]:
            if x.kind in {"kw", "filler"} or x is items[j]:
                x.used = True
        items[j].value = add_measure(intent, measure)
        items[i].value = items[j].value


def pronoun_aggregates(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'how many are there of each?', 'how much did they add up to?': with one table in
    play, a count or a sum that names nothing is of that table's rows (or money)."""
    if len(intent.tables) != 1:
        return
    table = intent.tables[0]
    for i, item in enumerate(items):
        if item.used or not item.is_kw("agg", "count", "sum"):
            continue
        j = next_index(items, i)
        if j is not None and items[j].kind in {"ref", "word"}:
            continue
        if item.meaning == "count" and item.text in {"how many", "number"}:
            item.used = True
            item.value = add_measure(intent, Measure("count", table, None))
        elif item.meaning == "sum" and (item.text in _SUMMING or _how_much(items, i)):
            found = money_column(Intent(tables=[table]), lexicon)
            if found is not None and found[0] == table:
                item.used = True
                item.value = add_measure(intent, Measure("sum", *found))


def _how_much(items: list[Item], i: int) -> bool:
    """'how much in total', 'what were orders worth in total': money, where 'how many in
    total' is the count again."""
    if i >= 2 and items[i - 1].text == "much" and items[i - 2].text == "how":
        return True
    before = items[i - 1] if i else None
    if before is not None and before.kind == "word" and before.text in MONEY_WORDS:
        before.used = True
        return True
    return False


def _summed_before(items: list[Item], i: int) -> int | None:
    j = previous_index(items, i)
    return j if j is not None and table_ref(items[j]) is not None else None


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
    while j is not None and (
        items[j].used
        or _is_qualifier(items[j], lexicon)
        or state_before_noun(items, j, lexicon)
        or (items[j].text == "new" and items[j].kind == "word")  # read with the dates later
    ):
        j = next_index(items, j, skip_cls={"distinct"})
    if j is None or items[j].kind not in {"ref", "word"}:
        return first if first is not None and not items[first].used else None
    return j


def _compound_head(items: list[Item], j: int) -> int:
    """Two table nouns in a row are one compound; the last one is what it names."""
    first = table_ref(items[j])
    if j + 1 >= len(items) or items[j + 1].used:
        return j
    if first is None:  # "the number of watch sessions": sessions, which watch_seconds is of
        head = table_ref(items[j + 1])
        own = head is not None and any(r.table == head.table for r in items[j].refs)
        plural = stem(items[j + 1].text) != items[j + 1].text  # "kWh read" is no compound
        modifier = items[j].kind == "ref" and stem(items[j].text) == items[j].text and plural
        return j + 1 if own and modifier and not is_verb_form(items[j].text) else j
    if stem(items[j].text) != items[j].text or is_verb_form(items[j + 1].text):
        return j  # a modifier is singular ("course"); "customers ordered" is a clause
    head = table_ref(items[j + 1])
    return j + 1 if head is not None and head.table != first.table else j


def state_before_noun(items: list[Item], j: int, lexicon: Lexicon) -> bool:
    """'number of open critical tickets': 'open' (ticket.opened) is a state of the tickets
    counted, not a date whose distinct values are counted."""
    item = items[j]
    if item.kind != "ref" or table_ref(item) is not None or " " in item.text:
        return False
    dates = [r for r in item.refs if r.kind == "column" and r.column and is_temporal(lexicon, r)]
    if not dates or len(dates) != len(item.refs):
        return False
    k = j + 1  # right before the noun, past values and flags only: not 'date ... among us'
    while k < len(items) and _is_qualifier(items[k], lexicon):
        k += 1
    head = table_ref(items[k]) if k < len(items) else None
    return head is not None and any(r.table == head.table for r in dates)


def _is_qualifier(item: Item, lexicon: Lexicon) -> bool:
    """A value or a flag between an aggregate and what it counts: captured, remote, won."""
    if item.kind in {"year", "month", "date"} or item.is_kw("not"):
        return True
    if item.kind != "ref" or table_ref(item) is not None:
        return False
    if all(family(lexicon, r) == "boolean" for r in item.refs if r.kind == "column") and any(
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


def family(lexicon: Lexicon, ref: Ref) -> str:
    assert ref.column is not None
    return lexicon.catalog.table(ref.table).column(ref.column).family


def _participle(word: str) -> bool:
    from datamorph.planning.discourse import is_participle

    return " " not in word and is_participle(word)


_ROW_NOUNS = frozenset({"records", "rows", "entries", "lines"})
_SUMMING = frozenset({"sum", "sum of", "add up", "adding up", "added up", "add them up", "summed"})


def _measure_for(
    item: Item, fn: str, distinct: bool, intent: Intent, lexicon: Lexicon, word: str = ""
) -> Measure | None:
    column = column_ref(item, intent)
    if column is not None and column.column:
        kind = lexicon.catalog.table(column.table).column(column.column).family
        if fn in {"sum", "avg", "min", "max"} and kind in {"text", "boolean"}:
            return None  # "the cheapest item" is no alphabetical minimum of the item's name
        if kind == "temporal" and _grades_a_span(word):
            return None  # "the shortest visit" is its length, not its earliest date
        if fn == "count" and kind == "boolean":  # "how many smokers": the rows with the flag
            truth = "false" if column.negated else "true"
            intent.filters.append(
                Condition(f"{{col}} = {truth}", table=column.table, column=column.column)
            )
            return Measure("count", column.table, None)
        numeric = kind == "numeric"
        if fn == "count" and numeric and _participle(item.text):
            return None  # "how many discounted orders" counts orders, never adds discounts up
        if fn == "count" and column.weak and not distinct and not (numeric and word == "how many"):
            return Measure("count", column.table, None)  # "number of hires": count the rows
        if fn == "count" and numeric and not distinct and not is_key(column):
            return Measure("sum", column.table, column.column)  # "how many hours": their total
        if fn == "count":
            fn = "count_distinct" if distinct or not is_key(column) else "count"
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
    if table is not None and fn == "sum" and is_verb_form(item.text):
        # "total invoiced", "total ordered": the amount the verb moved, never a row count
        found = money_column(Intent(tables=[table.table]), lexicon)
        if found is None or found[0] != table.table:
            return None
        intent.mention(table.table)
        return Measure("sum", found[0], found[1])
    if table is not None and fn == "sum" and _names_money(table.table, lexicon):
        found = money_column(Intent(tables=[table.table]), lexicon)  # "total payments": money
        if found is None or found[0] != table.table:
            return None
        intent.mention(table.table)
        return Measure("sum", found[0], found[1])
    if table is not None and fn == "avg":
        # "the average offer", "the average donation": the size of one is its money
        found = money_column(Intent(tables=[table.table]), lexicon)
        if found is None or found[0] != table.table:
            return None
        intent.mention(table.table)
        return Measure("avg", found[0], found[1])
    if table is not None and fn in {"count", "sum"}:
        intent.mention(table.table)
        return Measure("count", table.table, None)
    if item.kind == "word" and item.text in MONEY_WORDS:
        found = money_column(intent, lexicon, item.text)
        if found is not None:
            intent.mention(found[0])
            return Measure(fn if fn != "count" else "sum", found[0], found[1])
    return None


_PARTICIPLES = frozenset({"paid", "spent", "earned", "billed", "charged", "donated", "raised"})


def _grades_a_span(word: str) -> bool:
    """'shortest', 'longest': adjectives of a length or a duration, which a date is not."""
    from datamorph.planning.wordnet import wordnet

    net = wordnet()
    if net is None or not word.isalpha():
        return False
    nouns = {n for b in net.base_forms(word, "a") for n in net.attributes(b)}
    return bool(nouns & {"length", "duration"})


def _clause_of_rows(items: list[Item], k: int) -> bool:
    """A money participle right after a plural table noun: 'orders paid by card'."""
    j = previous_index(items, k)
    if j is None or items[k].text not in _PARTICIPLES:
        return False
    return table_ref(items[j]) is not None and stem(items[j].text) != items[j].text


def measure_references(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'order count', 'with their total': aggregate words that name a measure already there;
    'revenue per category': a money word in a grouped request is the total of money."""
    averaged = any(x.is_kw("agg", "avg") and not x.used for x in items)
    for n, item in enumerate(items):
        if item.used or item.kind != "word" or item.text not in MONEY_WORDS or averaged:
            continue  # 'what does an item cost on average': an average, read by on_average
        if _clause_of_rows(items, n):
            continue  # "number of orders paid by card": which orders, not their money
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


def _names_money(table: str, lexicon: Lexicon) -> bool:
    """A table whose rows are amounts of money (WordNet: a payment, a fee, a premium are
    kinds of cost): its total is their money, not their number."""
    from datamorph.planning.wordnet import wordnet

    net = wordnet()
    noun = stem(table.lower().split("_")[-1])
    depth = net.is_kind_of(noun, "cost") if net is not None else None
    return depth is not None and depth <= 3


def is_key(ref: Ref) -> bool:
    return bool(ref.column and (ref.column.lower() == "id" or ref.column.lower().endswith("_id")))


def on_average(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'what does an item cost on average', 'how much does the average employee earn': the
    average of the money a verb names, over the rows of the table in play."""
    for i, item in enumerate(items):
        if item.used or not item.is_kw("agg", "avg"):
            continue
        money = next(
            (x for x in items if x.kind == "word" and x.text in MONEY_WORDS and not x.used), None
        )
        found = money_column(intent, lexicon) if money is not None and intent.tables else None
        if money is None or found is None or found[0] not in intent.tables:
            continue
        before = previous_index(items, i)
        if before is not None and items[before].is_kw("on"):
            items[before].used = True  # "on average"
        item.used = money.used = True
        item.value = money.value = add_measure(intent, Measure("avg", found[0], found[1]))


def _past_owner(items: list[Item], j: int, intent: Intent, lexicon: Lexicon) -> int:
    """'total downtime cost': a table, then a number column of that table, is the column."""
    owner = table_ref(items[j])
    k = j + 1
    clause = k < len(items) and (
        stem(items[j].text) != items[j].text or is_verb_form(items[k].text)
    )  # "orders paid by card" is a clause about orders, "deal value" a compound
    if owner is not None and k < len(items) and items[k].text in MONEY_WORDS and not clause:
        found = money_column(Intent(tables=[owner.table]), lexicon)  # "total deal value"
        if found is not None and found[0] == owner.table:
            items[j].used = True
            intent.mention(owner.table)
            return k
    if owner is None or k >= len(items) or items[k].kind != "ref" or table_ref(items[k]):
        return j
    column = column_ref(items[k], Intent(tables=[owner.table]))
    if column is None or column.table != owner.table or family(lexicon, column) != "numeric":
        return j
    items[j].used = True
    intent.mention(owner.table)
    return k


def _past_unit(items: list[Item], j: int, intent: Intent, lexicon: Lexicon) -> int:
    """'litres of fuel', 'hours of downtime': a unit then the column measured in it."""
    said = unit_of(items[j].text) if items[j].kind == "word" else None
    k = next_index(items, j)
    ref = column_ref(items[k], intent) if said and k is not None else None
    if ref is None or not ref.column or k is None:
        return j
    if unit_of(split_name(ref.column)[-1]) != said:
        return j
    items[j].used = True
    return k


def is_dimension(lexicon: Lexicon, ref: Ref) -> bool:
    """Columns a result can be grouped by when the request only names them: labels,
    categories, dates, flags and keys; never a measure-like number."""
    assert ref.column is not None
    column = lexicon.catalog.table(ref.table).column(ref.column)
    # year_opened, floorNo, tier_level: whole numbers that say which, not how much
    ordinal = "int" in column.type.lower() and bool(_ORDINAL_WORDS & set(split_name(ref.column)))
    return column.family != "numeric" or is_key(ref) or ordinal


_ORDINAL_WORDS = frozenset({
    "year", "no", "num", "number", "nr", "code", "level", "rank", "tier", "floor", "zone",
    "band", "class", "quarter", "month", "week",
})  # fmt: skip


def is_temporal(lexicon: Lexicon, ref: Ref) -> bool:
    return bool(ref.column) and family(lexicon, ref) == "temporal"

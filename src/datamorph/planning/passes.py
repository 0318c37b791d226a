"""The offline planner's passes: each reads the linked items and fills the intent.

Order matters and is fixed in `run_all`: structure first (joins, top-N, ordering, aggregates,
grouping), then conditions (`conditions.py`), then what is left (columns, tables).
"""

from __future__ import annotations

from collections.abc import Callable

from datamorph.planning import conditions, derived
from datamorph.planning.intent import Condition, Group, Intent, Measure, OrderKey
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item
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


def run_all(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for step in PASSES:
        step(items, intent, lexicon)


def mention_tables(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for item in items:
        ref = table_ref(item)
        if ref is not None:
            intent.mention(ref.table)
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
            if ref is not None and ref.column:
                item.used = items[j].used = True
                intent.join_columns.append(ref.column.lower())


def keep_all(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'including customers without orders' keeps every customer (left join);
    'customers without orders' keeps only those (anti join)."""
    for i, item in enumerate(items):
        is_none = item.kind == "kw" and item.cls == "null" and item.meaning == "null"
        if not (is_none or item.is_kw("not")):
            continue
        j = next_index(items, i)
        other = table_ref(items[j]) if j is not None else None
        if other is None or j is None:
            continue
        kept = _kept_table(items, i, other.table)
        left = any(x.is_kw("left") for x in items[max(0, i - 4) : i]) or (
            _measured(items, other.table) and any(x.is_kw("left") for x in items)
        )
        item.used = items[j].used = True
        _absorb_object(items, j, intent)
        if left and kept:
            intent.preserve = kept
            intent.mention(other.table)
        else:
            intent.anti.append(other.table)
            if other.table in intent.tables:
                intent.tables.remove(other.table)
    for item in items:
        if item.is_kw("left"):
            item.used = True
            if item.meaning == "left" and intent.preserve is None:
                j = next_index(items, items.index(item))
                ref = table_ref(items[j]) if j is not None else None
                if ref is not None:
                    intent.preserve = ref.table


def _kept_table(items: list[Item], i: int, other: str) -> str | None:
    """The table whose rows are kept: the entity named before, not the one counted."""
    for item in items[:i]:
        ref = table_ref(item)
        if ref is not None and ref.table != other:
            return ref.table
    return None


def _absorb_object(items: list[Item], j: int, intent: Intent) -> None:
    """'not assigned to any project': the project belongs to the missing assignment."""
    k = next_index(items, j)
    if (
        k is not None
        and table_ref(items[k]) is not None
        and any(x.text in {"to", "any", "a", "an", "on", "in"} for x in items[j + 1 : k])
    ):
        items[k].used = True
        table = table_ref(items[k]).table  # type: ignore[union-attr]
        if table in intent.tables:
            intent.tables.remove(table)


def _measured(items: list[Item], table: str) -> bool:
    """Is `table` counted or summed somewhere ('the number of projects')?"""
    for i, item in enumerate(items):
        if item.is_kw("agg", "count", "sum", "avg"):
            j = next_index(items, i)
            ref = table_ref(items[j]) if j is not None else None
            if ref is not None and ref.table == table:
                return True
    return False


def _previous_table(items: list[Item], i: int) -> str | None:
    for item in reversed(items[:i]):
        ref = table_ref(item)
        if ref is not None:
            return ref.table
    return None


def top_n(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if item.is_kw("agg", "top", "bottom", "max", "min"):
            j = next_index(items, i)
            if j is not None and items[j].kind == "number":
                intent.limit = int(items[j].value)
                item.used = items[j].used = True
                intent.order.append(OrderKey(desc=item.meaning in {"top", "max"}))
        if item.kind == "number" and not item.used:
            j = next_index(items, i)
            if j is not None and items[j].is_kw("agg", "max", "min", "top", "bottom"):
                intent.limit = int(item.value)
                item.used = items[j].used = True
                intent.order.append(OrderKey(desc=items[j].meaning in {"max", "top"}))


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
        j = next_index(items, i)
        if j is not None and items[j].text == "-":  # "highest-paid"
            items[j].used = True
            j = next_index(items, j)
        if j is None:
            continue
        nxt, desc = items[j], item.meaning == "max"
        if nxt.is_kw("agg", "sum", "avg", "count", "min", "max"):
            item.used = True  # "highest average X": aggregates() builds the measure
            intent.order.append(OrderKey(desc=desc))
            intent.limit = intent.limit or _wanted_rows(items, i)
        elif (ref := table_ref(nxt)) is not None and _ranks_groups(items, i):
            item.used = nxt.used = True  # "the most customers": count them per group
            measure = add_measure(intent, Measure("count", ref.table, None))
            intent.order.append(OrderKey(desc=desc, measure=measure))
            intent.limit = intent.limit or _wanted_rows(items, i)
        elif nxt.kind == "word" and nxt.text in MONEY_WORDS and not _grouped(items):
            found = money_column(intent, lexicon)  # "the 10 highest-paid employees"
            if found is not None:
                item.used = nxt.used = True
                intent.order.append(OrderKey(desc=desc, table=found[0], column=found[1]))
                intent.limit = intent.limit or _wanted_rows(items, i)
        elif (col := column_ref(nxt, intent)) is not None and col.column and _counted(items, i):
            if _grouped(items):
                continue  # "for each product, the highest quantity": an aggregate
            item.used = nxt.used = True
            entity = intent.tables[0] if intent.tables else col.table
            if entity != col.table:  # "which 5 projects logged the most hours": sum per project
                measure = add_measure(intent, Measure("sum", col.table, col.column))
                intent.groups.append(Group(entity))
                intent.order.append(OrderKey(desc=desc, measure=measure))
            else:  # "the 3 departments with the largest budget"
                intent.order.append(OrderKey(desc=desc, table=col.table, column=col.column))
            intent.limit = intent.limit or _wanted_rows(items, i)


def _wanted_rows(items: list[Item], i: int) -> int:
    """'which 3 countries ...' -> 3; 'which segment has the highest ...' -> 1."""
    for item in items[:i]:
        if item.kind == "number" and not item.used:
            item.used = True
            return int(item.value)
    return 1


def _grouped(items: list[Item]) -> bool:
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
    for i, item in enumerate(items):
        if item.is_kw("order"):
            sorting = True
            item.used = True
            intent.order.append(OrderKey(desc=False))
        elif sorting and _then(items, i):
            j = next_index(items, i)
            ref = column_ref(items[j], intent) if j is not None else None
            if ref is not None and ref.column and j is not None and table_ref(items[j]) is None:
                item.used = items[j].used = True
                intent.order.append(OrderKey(desc=False, table=ref.table, column=ref.column))
        elif item.is_kw("dir"):
            item.used = True
            if not intent.order:
                intent.order.append(OrderKey(desc=item.meaning == "desc"))
            else:
                intent.order[-1].desc = item.meaning == "desc"


def aggregates(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if not item.is_kw("agg", "sum", "avg", "count", "min", "max") or item.used:
            continue
        fn = item.meaning or "sum"
        j = _subject_index(items, i, lexicon)
        if j is None:
            continue
        distinct = any(x.is_kw("distinct") for x in items[i + 1 : j])
        measure = _measure_for(items[j], fn, distinct, intent, lexicon)
        if measure is None:
            continue
        for x in items[i : j + 1]:
            if x.kind in {"kw", "filler"} or x is items[j]:
                x.used = True
        items[j].value = add_measure(intent, measure)
        item.value = items[j].value


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
    """A value or a flag between an aggregate and what it counts: captured, remote."""
    if item.kind in {"year", "month", "date"} or item.is_kw("not"):
        return True
    if item.kind != "ref" or table_ref(item) is not None:
        return False
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


def _measure_for(
    item: Item, fn: str, distinct: bool, intent: Intent, lexicon: Lexicon
) -> Measure | None:
    column = column_ref(item, intent)
    if column is not None and column.column:
        if fn == "count" and column.weak and not distinct:
            return Measure("count", column.table, None)  # "number of hires": count the rows
        if fn == "count":
            fn = "count_distinct" if distinct or not _is_key(column) else "count"
        return Measure(fn, column.table, column.column)
    table = table_ref(item)
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
        if not (_grouped(items) or intent.measures):
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
    for i, item in enumerate(items):
        if item.is_kw("grain") and not item.used:
            _group_by_grain(item, intent, lexicon, items)
            continue
        if not item.is_kw("group"):
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
            item.used = target.used = True
            intent.groups.append(Group(ref.table, ref.column))


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
    found = conditions.date_column(intent, lexicon, near=items, consume=False)
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


def finish_order(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """Order keys still without a subject sort by the first measure (top-N by the measure)."""
    for i, item in enumerate(items):
        if item.is_kw("order") or (item.is_kw("group", "by") and not item.used):
            j = next_index(items, i)
            if j is None:
                continue
            pending = [o for o in intent.order if o.measure is None and o.column is None]
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
    for key in intent.order:
        if key.measure is None and key.column is None and intent.measures:
            key.measure = intent.measures[0]
        elif key.measure is None and key.column is None:
            # "the 10 most expensive products": rank by the table's money column
            found = money_column(intent, lexicon)
            if found is not None:
                key.table, key.column = found
    _top_entity(items, intent)
    _entity_of_measures(items, intent)
    intent.order = [o for o in intent.order if o.measure is not None or o.column is not None]


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


def _key_first(intent: Intent, lexicon: Lexicon, table: str) -> None:
    """Listed columns of a table start with its key, so each row says which row it is."""
    key = entity_key(lexicon, table)
    if key is not None and (table, key) not in intent.columns and intent.auto_key is None:
        intent.columns.insert(0, (table, key))
        intent.auto_key = (table, key)


def versus(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'remote vs non-remote', 'active versus inactive': compare the groups of a flag."""
    for i, item in enumerate(items):
        if not item.is_kw("versus"):
            continue
        j = previous_index(items, i)
        flag = _flag(items[j], lexicon) if j is not None else None
        if flag is None:
            continue
        item.used = items[j].used = True  # type: ignore[index]
        k = next_index(items, i)
        while k is not None and (items[k].is_kw("not") or items[k].is_kw("arith")):
            items[k].used = True  # "vs non-remote"
            k = next_index(items, k)
        if k is not None and _flag(items[k], lexicon) == flag:
            items[k].used = True
        for m in range(i - 1, -1, -1):  # "non-remote": the "non" and "-" before it
            if items[m].used or not items[m].is_kw("not"):
                break
            items[m].used = True
        intent.groups.append(Group(flag.table, flag.column))


def _flag(item: Item, lexicon: Lexicon) -> Ref | None:
    for ref in item.refs if item.kind == "ref" else []:
        column = lexicon.catalog.table(ref.table).column(ref.column) if ref.column else None
        if ref.kind == "column" and column is not None and column.family == "boolean":
            return Ref("column", ref.table, ref.column)
    return None


def zero_fill(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'(show 0 for those)', 'counting a missing bonus as 0': empty measures become 0."""
    for item in items:
        zero = (item.kind == "number" and item.value == 0) or item.text == "zero"
        if zero and not item.used:
            item.used = True
            intent.zero_fill = True


_CONSUMED_CLASSES = frozenset({"and", "as", "group", "grain", "not", "left", "arith", "null"})


def leftovers(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    aggregated = bool(intent.measures or intent.groups)
    for item in items:
        if item.used:
            continue
        if item.kind == "ref":
            ref = column_ref(item, intent)
            if ref is not None and ref.column and not (table_ref(item) and not ref.column):
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
        elif item.is_kw("distinct"):
            item.used = True
            intent.distinct = not aggregated
        elif item.kind == "kw" and item.cls in _CONSUMED_CLASSES:
            item.used = True
    if intent.distinct and intent.auto_key in intent.columns:
        intent.columns.remove(intent.auto_key)  # "the distinct countries": no key per row


PASSES: list[Pass] = [
    mention_tables,
    lookups,
    joins,
    keep_all,
    zero_fill,
    top_n,
    superlatives,
    ordering,
    versus,
    derived.derived,
    aggregates,
    measure_references,
    grouping,
    conditions.comparisons,
    conditions.dates,
    conditions.nulls,
    conditions.values,
    conditions.booleans,
    finish_order,
    leftovers,
]

"""Condition passes: comparisons, date ranges, nulls, known values and boolean flags.

A comparison's subject decides where it goes: a measure ("total above 1000", "customers with
more than 5 orders") becomes `having`; a column ("amount over 500") a row filter.
"""

from __future__ import annotations

import datetime as dt

from datamorph.planning.discourse import is_participle
from datamorph.planning.intent import Condition, Group, Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref, split_name
from datamorph.planning.linking import Item
from datamorph.planning.tokens import date_literal, number_literal
from datamorph.planning.units import column_of_unit, only_column_in_unit, unit_after
from datamorph.planning.util import (
    MONEY_NAMES,
    MONEY_WORDS,
    add_measure,
    column_ref,
    money_column,
    next_index,
    previous_index,
    table_after_qualifier,
    table_ref,
    value_refs,
)

_LITERALS = {"number", "year", "month", "date", "string"}
_FLIP = {">": "<", "<": ">", ">=": "<=", "<=": ">=", "=": "=", "!=": "!="}


def comparisons(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    last: tuple[Measure | Ref, int] | None = None  # the previous comparison's subject, end
    for i, item in enumerate(items):
        if item.used or not (item.is_kw("cmp") or item.kind == "op"):
            continue
        op = item.meaning if item.kind == "kw" else item.text
        if op in {">=+", "<=+"}:  # "5 or more orders": the number comes first
            _trailing(items, i, op[:2], intent, lexicon)
            continue
        values = _values_after(items, i, between=op == "between")
        if not values:
            continue
        subject = _subject(items, i, values[-1], intent, lexicon)
        if subject is None and last is not None and _and_again(items, last[1], i):
            subject = last[0]  # "at least 100 but under 200": the same amount, bounded twice
        if subject is None:
            continue
        if not _comparable(subject, values, lexicon):
            values = _years_as_numbers(values)  # "a deposit over 2000" is an amount, not a year
            if not values or not _comparable(subject, values, lexicon):
                continue
        last = (subject, items.index(values[-1][1]))
        item.used = True
        factor = 1.0
        for _, value_item in values:
            value_item.used = True
            factor = unit_after(items, value_item, subject, lexicon)
        scaled = [v * factor if isinstance(v, float | int) else v for v, _ in values]
        _add(intent, subject, op or "=", scaled)


def _years_as_numbers(values: list[tuple[object, Item]]) -> list[tuple[object, Item]]:
    """The values again with each year read as its number; empty when none was a year."""
    if not any(item.kind == "year" for _, item in values):
        return []
    return [(float(item.text) if item.kind == "year" else v, item) for v, item in values]


def _and_again(items: list[Item], end: int, i: int) -> bool:
    """Only 'and' or 'but' between the previous comparison's value and this one."""
    between = [x for x in items[end + 1 : i] if x.kind != "filler"]
    if not between or not all(x.text in {"and", "but"} for x in between):  # never "or"
        return False
    for x in between:
        x.used = True
    return True


def _comparable(
    subject: Measure | Ref, values: list[tuple[object, Item]], lexicon: Lexicon
) -> bool:
    """A date compares with a date column, a number with a number: 'orders between March and
    May' is about their date, never their amount."""
    temporal = any(isinstance(v, tuple | dt.date) for v, _ in values)
    money = [item.text[0] for _, item in values if _money_value(item)]
    if money:  # "$600 a night" is never nights, and $300 is not 300 euros
        column = subject.column
        if isinstance(subject, Measure) and subject.fn in {"count", "count_distinct"}:
            return False
        if column is None or not _names_money(column):
            return False
        named = set(split_name(column)) & set(_SYMBOL_OF.values())
        return not named or named == {_SYMBOL_OF[money[0]]}
    if isinstance(subject, Measure):
        return not temporal
    family = lexicon.catalog.table(subject.table).column(subject.column or "").family
    if temporal:
        return family == "temporal"
    numeric = all(isinstance(v, float | int) for v, _ in values)
    return family in {"numeric", "unknown"} if numeric else True


def _values_after(items: list[Item], i: int, *, between: bool) -> list[tuple[object, Item]]:
    j = next_index(items, i)
    if j is None or items[j].kind not in _LITERALS:
        return []
    found = [(items[j].value, items[j])]
    if between:
        k = next_index(items, j)
        m = next_index(items, k) if k is not None and items[k].is_kw("and") else None
        if m is None or items[m].kind not in _LITERALS:
            return []
        items[k].used = True  # type: ignore[index]
        found.append((items[m].value, items[m]))
    return found


def _subject(
    items: list[Item], i: int, last: tuple[object, Item], intent: Intent, lexicon: Lexicon
) -> Measure | Ref | None:
    after = next_index(items, items.index(last[1]))
    if after is not None and items[after].text == "times":
        return _times(items, i, after, intent)
    after = _past_qualifier(items, after, lexicon)
    if after is not None and (counted := table_ref(items[after])) is not None:
        # "customers with more than 5 orders": count the orders per customer
        items[after].used = True
        _group_by_entity(items, i, intent, exclude=counted.table)
        return add_measure(intent, Measure("count", counted.table, None))
    if after is not None and (named := _numeric_column(items[after], intent, lexicon)):
        items[after].used = True  # "books with more than 300 pages"
        return named
    j = previous_index(items, i)
    while j is not None and items[j].kind == "kw" and items[j].cls in {"not", "null"}:
        j = previous_index(items, j)
    if j is None:
        return None
    before = items[j]
    if isinstance(before.value, Measure):
        if intent.tables and before.value.table != intent.tables[0]:
            # "clients whose orders add up to more than 1,000": per client
            _group_by_entity(items, i, intent, exclude=before.value.table)
        return before.value
    if before.is_kw("agg", "sum", "avg", "count", "min", "max"):
        before.used = True
        same = [m for m in intent.measures if m.fn == before.meaning]
        candidates = same or intent.measures
        return candidates[0] if candidates else None
    column = column_ref(before, intent)
    grouped = {(g.table, g.column) for g in intent.groups}
    if column is not None and column.column and not table_ref(before):
        before.used = True
        if (column.table, column.column) in grouped and intent.measures:
            return intent.measures[-1]  # "only countries above 10,000": the countries' total
        return column
    if before.kind == "word" and before.text in MONEY_WORDS:
        before.used = True
        if not intent.measures and _in_total(items, i):
            _group_by_entity(items, i, intent, exclude="")
        found = money_column(intent, lexicon)
        if intent.groups and found and not intent.measures:
            return add_measure(intent, Measure("sum", found[0], found[1]))
        if intent.measures:
            return intent.measures[-1]
        return Ref("column", found[0], found[1]) if found else None
    if (
        before.kind == "word"
        and is_participle(before.text)
        and len(intent.tables) == 1
        and not _aggregated_nearby(items, i)
    ):  # "travelled more than 200 km in total" is a sum over other rows: not the row's own
        united = column_of_unit(items, last[1], intent.tables[0], lexicon)
        if united is not None and not only_column_in_unit(united, lexicon):
            united = None  # "vehicles that travelled 500 km": their odometer or their trips?
        if united is not None:  # "flights covering more than 9,000 km", "visits that lasted"
            before.used = True
            return united
    if table_ref(before) is not None:
        # "orders over 30 km": only a column in that very unit; "flights over 2 hours" could
        # be any quantity of time (a delay, a duration) and is not converted into one
        united = column_of_unit(items, last[1], table_ref(before).table, lexicon, exact=True)  # type: ignore[union-attr]
        if united is not None:
            return united  # "orders longer than 30 km": the table's column in km
        if intent.measures:
            return intent.measures[-1]
        if _money_value(last[1]):
            found = money_column(intent, lexicon)  # "orders over $500"
            return Ref("column", found[0], found[1]) if found else None
    return None


_CURRENCIES = frozenset({"usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "inr", "cny", "sek",
                         "nok", "dkk", "pln", "dollars", "euros", "pounds"})  # fmt: skip


_SYMBOL_OF = {"$": "usd", "€": "eur", "£": "gbp"}


def _names_money(column: str) -> bool:
    """A column that can hold money: a currency in its name or a money word (price, fee)."""
    words = set(split_name(column))
    return bool(words & _CURRENCIES) or bool(words & MONEY_NAMES)


def _money_value(value: Item) -> bool:
    return value.text[:1] in "$€£"


def _numeric_column(item: Item, intent: Intent, lexicon: Lexicon) -> Ref | None:
    ref = column_ref(item, intent)
    if ref is None or not ref.column or item.used or table_ref(item) is not None:
        return None
    family = lexicon.catalog.table(ref.table).column(ref.column).family
    return ref if family == "numeric" else None


def _aggregated_nearby(items: list[Item], i: int) -> bool:
    return any(x.is_kw("agg") for x in items[max(0, i - 4) : i + 6])


def _in_total(items: list[Item], i: int) -> bool:
    """'spent more than 5,000 in total': the comparison is on the sum."""
    for item in items[i + 1 : i + 4]:
        if item.is_kw("agg", "sum"):
            item.used = True
            return True
    return False


def _past_qualifier(items: list[Item], k: int | None, lexicon: Lexicon) -> int | None:
    """'doctors with at least 150 completed appointments': the appointments are counted, the
    status filters them (the values pass reads it); a qualifier of another table is not.
    'at least one' is existence (read elsewhere), and a second value of the same column
    ('at least 2 Italian and 2 Japanese restaurants') would need a filter per count."""
    if k is None or items[k].kind != "ref" or table_ref(items[k]) is not None:
        return k
    said = items[previous_index(items, k) or 0]
    if said.kind != "number" or float(said.value) <= 1:
        return k
    columns = {(r.table, r.column) for r in items[k].refs if r.kind == "value"}
    again = [x for x in items if x is not items[k] and x.kind == "ref"]
    if any((r.table, r.column) in columns for x in again for r in x.refs if r.kind == "value"):
        return k
    counted = table_after_qualifier(items, k, lexicon)
    return k if counted is None else counted


def _times(items: list[Item], i: int, after: int, intent: Intent) -> Measure | None:
    """'clients who have ordered more than 20 times': the verb names the rows counted (orders);
    a verb that names no table leaves the request unplaced."""
    j = previous_index(items, i)
    verb = table_ref(items[j]) if j is not None and items[j].kind == "ref" else None
    if verb is None and j is not None:  # "borrowed" names loans by their borrowed_at
        events = {r.table for r in items[j].refs if r.kind == "column" and r.weak}
        verb = Ref("table", events.pop()) if len(events) == 1 and items[j].refs else None
    if verb is None or j is None or not intent.tables or verb.table == intent.tables[0]:
        return None
    items[j].used = items[after].used = True
    _group_by_entity(items, j, intent, exclude=verb.table)
    return add_measure(intent, Measure("count", verb.table, None))


def _group_by_entity(items: list[Item], i: int, intent: Intent, *, exclude: str) -> None:
    """The rows each count is of: the one table said before it. With two ("cars with repairs
    by more than one mechanic"), whose count it is is a question: no group is read, and the
    request is refused as one with a count kept but no groups."""
    if intent.groups:
        return
    before = [ref.table for item in items[:i] if (ref := table_ref(item)) is not None]
    candidates = list(dict.fromkeys(t for t in reversed(before) if t != exclude))
    if len(candidates) == 1:
        intent.groups.append(Group(candidates[0]))


def _trailing(items: list[Item], i: int, op: str, intent: Intent, lexicon: Lexicon) -> None:
    j = previous_index(items, i)
    k = next_index(items, i)
    if j is None or items[j].kind not in {"number", "year"}:
        return
    counted = table_ref(items[k]) if k is not None else None
    if counted is None:  # "gifts of £1,000 or more": the amount, as 'at least £1,000'
        _trailing_value(items, i, j, op, intent, lexicon)
        return
    assert k is not None
    items[i].used = items[j].used = items[k].used = True
    _group_by_entity(items, j, intent, exclude=counted.table)
    measure = add_measure(intent, Measure("count", counted.table, None))
    _add(intent, measure, op, [items[j].value])


def _trailing_value(
    items: list[Item], i: int, j: int, op: str, intent: Intent, lexicon: Lexicon
) -> None:
    said = items[j]
    value: object = float(said.text) if said.kind == "year" else said.value
    subject = _subject(items, j, (value, said), intent, lexicon)
    if subject is None or not _comparable(subject, [(value, said)], lexicon):
        return
    items[i].used = said.used = True
    factor = unit_after(items, said, subject, lexicon)
    _add(intent, subject, op, [value * factor if isinstance(value, float | int) else value])


def _add(intent: Intent, subject: Measure | Ref, op: str, values: list[object]) -> None:
    if isinstance(subject, Measure):
        template = template_for(op, values, temporal=False)
        intent.having.append(Condition(template, measure=subject))
        return
    temporal = any(isinstance(v, tuple) for v in values)
    template = template_for(op, values, temporal=temporal)
    intent.filters.append(Condition(template, table=subject.table, column=subject.column))


def template_for(op: str, values: list[object], *, temporal: bool) -> str:
    # a day is the whole day, on a timestamp as on a date: "until 15 March" keeps 15 March 18:00
    values = [_whole_day(v) for v in values]
    temporal = temporal or any(isinstance(v, tuple) for v in values)
    if op == "between":
        low, high = values
        if temporal:
            return f"{{col}} >= {_sql(low, 0)} AND {{col}} < {_sql(high, 1)}"
        return f"{{col}} BETWEEN {_sql(low, 0)} AND {_sql(high, 0)}"
    value = values[0]
    if isinstance(value, tuple):  # a year or month compared to a date column
        start, end = value
        bounds = {
            ">": (">=", end),
            ">=": (">=", start),
            "<": ("<", start),
            "<=": ("<", end),
            "=": None,
            "!=": None,
        }
        if bounds.get(op) is None:
            return f"{{col}} >= {date_literal(start)} AND {{col}} < {date_literal(end)}"
        sign, day = bounds[op]  # type: ignore[misc]
        return f"{{col}} {sign} {date_literal(day)}"
    return f"{{col}} {op} {_sql(value, 0)}"


def _whole_day(value: object) -> object:
    if type(value) is dt.date:
        return (value, value + dt.timedelta(days=1))
    return value


def _sql(value: object, side: int) -> str:
    if isinstance(value, tuple):
        return date_literal(value[side])
    if isinstance(value, dt.date):
        return date_literal(value)
    if isinstance(value, float | int):
        return number_literal(float(value))
    return "'" + str(value).replace("'", "''") + "'"


def column_equals_number(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'tickets with priority 1', 'bins on level 2': a number column named, then its value."""
    for i, item in enumerate(items):
        k = next_index(items, i)
        if item.used or k is None or items[k].used or items[k].kind != "number":
            continue
        column = _numeric_column(item, intent, lexicon)
        after = next_index(items, k)
        if column is None or table_ref(item) is not None:
            continue
        if column.weak and not _named_but_for_a_number_suffix(item.text, column.column or ""):
            continue  # 'floor' names floor_no in full; 'room' does not name room_rate
        follows = items[after] if after is not None else None
        if (
            follows is not None
            and follows.kind == "ref"
            and not table_ref(follows)
            and not is_participle(follows.text)
            and not value_refs(follows)
        ):
            continue  # "rating 4 stars" reads on; "priority 1 tickets", "... 1 opened" end
        if not float(items[k].value).is_integer():
            continue
        item.used = items[k].used = True
        intent.mention(column.table)
        _add(intent, column, "=", [items[k].value])


def _named_but_for_a_number_suffix(said: str, column: str) -> bool:
    rest = [w for w in split_name(column) if w not in said.split()]
    return bool(rest) and all(w in {"no", "num", "nr", "number"} for w in rest)


def column_equals_quoted(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """ "rooms with room_type 'MR'": a text column named outright, then a quoted value: the
    value, exactly as typed, whether or not the catalog's samples hold it."""
    for i, item in enumerate(items[:-1]):
        quoted = items[i + 1]
        if item.used or quoted.used or quoted.kind != "string" or item.kind != "ref":
            continue
        columns = {(r.table, r.column) for r in item.refs if r.kind == "column" and not r.weak}
        if len(columns) != 1 or any(r.kind == "table" for r in item.refs):
            continue
        (table, column), *_ = columns
        if lexicon.catalog.table(table).column(column or "").family != "text":
            continue
        item.used = quoted.used = True
        intent.mention(table)
        _add(intent, Ref("column", table, column), "=", [quoted.value])

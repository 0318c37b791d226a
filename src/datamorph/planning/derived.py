"""Derived columns: arithmetic between columns and numbers, named from the request.

"net amount as amount minus discount, treating a missing discount as zero"
    -> net_amount = o.amount - coalesce(o.discount, 0)
"monthly salary (annual salary divided by 12)"  -> monthly_salary = e.salary / 12
"unit price including 20% VAT"                  -> unit_price_with_vat = p.unit_price * 1.2
"total net amount (...) per segment"            -> sum(...) per segment
"""

from __future__ import annotations

import re

from datamorph.planning.discourse import is_participle
from datamorph.planning.intent import Derived, Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item
from datamorph.planning.tokens import number_literal
from datamorph.planning.util import (
    add_measure,
    column_ref,
    next_index,
    previous_index,
    table_ref,
)

_SIGNS = {"-": "-", "+": "+", "*": "*", "/": "/"}


def derived(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if item.used or not item.is_kw("arith"):
            continue
        left, right = previous_index(items, i), next_index(items, i)
        if left is None or right is None:
            continue
        if any(items[x].text.endswith("%") for x in (left, right)):
            continue  # "price plus 20%" is the price times 1.2, read below
        if items[i].text == "-" and _said_before_a_dash(items, left):
            items[i].kind = "filler"  # "results above 90 - score and date": a dash
            continue
        a, b = _operand(items[left], intent), _operand(items[right], intent)
        if a is None or b is None or (isinstance(a, str) and isinstance(b, str)):
            continue
        if not all(_arithmetic(x, lexicon) for x in (a, b)):
            continue  # "SKU-1007" is a code, not a subtraction from a text column
        _build(items, left, i, right, a, b, intent)
    for i, item in enumerate(items):
        if item.kind == "number" and not item.used and item.text.endswith("%"):
            _percent(items, i, intent)


def _said_before_a_dash(items: list[Item], left: int) -> bool:
    """A number that ends a comparison or names a row is no operand of a minus."""
    if items[left].kind != "number":
        return False
    before = previous_index(items, left)
    return before is not None and (
        items[before].is_kw("cmp")
        or items[before].kind == "op"
        or table_ref(items[before]) is not None
    )


Operand = tuple[str, str] | str  # (table, column) or a number literal


def _arithmetic(x: Operand, lexicon: Lexicon) -> bool:
    if isinstance(x, str):
        return True
    return lexicon.catalog.table(x[0]).column(x[1]).family in {"numeric", "temporal"}


def _operand(item: Item, intent: Intent) -> Operand | None:
    if item.kind == "number":
        return number_literal(float(item.value))
    ref = column_ref(item, intent)
    return (ref.table, ref.column) if ref is not None and ref.column else None


def _build(
    items: list[Item], left: int, op: int, right: int, a: Operand, b: Operand, intent: Intent
) -> None:
    sign = _SIGNS.get(items[op].meaning or "", "-")
    columns = [x for x in (a, b) if isinstance(x, tuple)]
    parts = [_placeholder(x, columns, intent.zero_fill and sign in "+-") for x in (a, b)]
    for index in (left, op, right):
        items[index].used = True
    name = _name(items, left) or _fallback_name(a, sign, b)
    result = Derived(name, f"{parts[0]} {sign} {parts[1]}", columns)
    place(items, left, result, intent)


def rate(items: list[Item], per: int, j: int, by: Ref, intent: Intent, lexicon: Lexicon) -> None:
    """'cost per km', 'revenue per seat': one number divided by another of the same row.
    Anything else after 'per' that is a number stays unplaced: no grouping by a measure."""
    k = previous_index(items, per)
    top = column_ref(items[k], intent) if k is not None and not items[k].used else None
    if top is None or not top.column or k is None:
        return
    if lexicon.catalog.table(top.table).column(top.column).family != "numeric":
        return
    if top.table != by.table:
        return
    for index in (k, per, j):
        items[index].used = True
    name = f"{top.column}_per_{by.column}".lower()
    columns = [(top.table, top.column), (by.table, by.column or "")]
    place(items, k, Derived(name, "{c0} / nullif({c1}, 0)", columns), intent)


def _placeholder(x: Operand, columns: list[tuple[str, str]], zero: bool) -> str:
    if isinstance(x, str):
        return x
    slot = f"{{c{columns.index(x)}}}"
    return f"coalesce({slot}, 0)" if zero else slot


def _percent(items: list[Item], i: int, intent: Intent) -> None:
    """'unit price including 20% VAT': the price times 1.2."""
    j = previous_index(items, i)
    while j is not None and items[j].kind in {"kw", "filler"}:
        if items[j].is_kw("cmp"):
            return  # "a fee above 4%": a threshold, which the comparisons read
        j = previous_index(items, j)
    column = column_ref(items[j], intent) if j is not None else None
    if column is None or not column.column or j is None:
        return
    k = next_index(items, i)
    if k is not None and items[k].is_kw("cmp"):
        return  # "a fee of 6% or more"
    label = items[k].text if k is not None and items[k].kind == "word" else "increase"
    factor = number_literal(1 + float(items[i].value))
    items[i].used = items[j].used = True
    for x in items[j + 1 : i]:  # "including", "with", "plus" between the column and the rate
        if x.kind == "kw" and x.cls in {"left", "arith", "join"}:
            x.used = True
    if k is not None and items[k].kind == "word":
        items[k].used = True
    name = f"{column.column}_with_{label}".lower()
    place(items, j, Derived(name, f"{{c0}} * {factor}", [(column.table, column.column)]), intent)


def _name(items: list[Item], start: int) -> str | None:
    """Words naming the result: 'net amount as ...', 'monthly salary (annual ...'."""
    j = previous_index(items, start)
    while j is not None and items[j].is_kw("grain"):  # "annual salary": an adjective here
        items[j].used = True
        j = previous_index(items, j)
    if j is None or not (items[j].is_kw("as") or items[j].text == "("):
        return None
    items[j].used = True
    words: list[str] = []
    k = _skip_each_table(items, previous_index(items, j))
    while k is not None and _nameable(items[k]):
        words.insert(0, items[k].text)
        items[k].used = True
        k = previous_index(items, k)
    return re.sub(r"[^a-z0-9]+", "_", " ".join(words).lower()).strip("_") or None


def _skip_each_table(items: list[Item], k: int | None) -> int | None:
    """'monthly salary of each employee (...)': the name is before 'of each employee'."""
    if k is None or items[k].kind != "ref":
        return k
    g = previous_index(items, k)
    if g is not None and items[g].is_kw("group"):
        items[k].used = items[g].used = True
        o = g - 1
        while o >= 0 and items[o].kind == "filler":  # "of", "the"
            items[o].used = True
            o -= 1
        return o if o >= 0 else None
    return k


def _nameable(item: Item) -> bool:
    if item.used and not item.is_kw("grain"):
        return False
    return item.kind in {"word", "ref"} or item.is_kw("grain")


def _fallback_name(a: Operand, sign: str, b: Operand) -> str:
    words = {"-": "minus", "+": "plus", "*": "times", "/": "per"}[sign]
    return f"{_operand_text(a)}_{words}_{_operand_text(b)}"


def _operand_text(x: Operand) -> str:
    return x[1] if isinstance(x, tuple) else x.replace(".", "_")


def place(items: list[Item], start: int, result: Derived, intent: Intent) -> None:
    """An aggregate word before the name ('total net amount') makes it a measure, unless the
    request is per row ('for every compensation record, the total compensation as ...');
    then it is a column of each row, and 'for each order' over the same table is no grouping.
    """
    table = result.columns[0][0] if result.columns else ""
    per_row = _per_row(items, start, table) or any(
        g.column is None and g.table == table for g in intent.groups
    )
    for k in range(start - 1, max(-1, start - 6), -1):
        if items[k].is_kw("agg", "sum", "avg", "min", "max"):
            items[k].used = True
            if per_row:
                result.name = f"{items[k].text}_{result.name}".replace(" ", "_")
                break
            add_measure(intent, Measure(items[k].meaning or "sum", table, None, derived=result))
            return
    intent.derived.append(result)
    intent.groups = [g for g in intent.groups if not (g.column is None and g.table == table)]


def _per_row(items: list[Item], start: int, table: str) -> bool:
    """'for every <table> ...' before the derived column."""
    for k in range(start - 1):
        if not items[k].is_kw("group", "per"):
            continue
        named = items[k + 2] if is_participle(items[k + 1].text) else items[k + 1]
        if any(r.kind == "table" and r.table == table for r in named.refs):
            items[k].used = True  # "for every returned loan": each loan
            return True
    return False

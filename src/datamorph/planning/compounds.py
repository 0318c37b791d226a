"""Items that name one thing together, merged after linking: 'the date of the order' is
orders.order_date, 'first and last name' two columns, 'opening date' / 'the date it was filed'
the date itself, 'sales channel' the channel (a money word qualifying it), 'highest salary
first' an order, 'units produced' the one column both words agree on, 'cancellation rate' the
flag whose share is asked.
"""

from __future__ import annotations

from dataclasses import replace

from datamorph.planning.lexicon import Lexicon, Ref, split_name, stem
from datamorph.planning.linking import MONEY_WORDS, Item
from datamorph.planning.synonyms import event_flags, synonym_columns


def merge(items: list[Item], lexicon: Lexicon) -> None:
    """The merges, in an order that lets each see the one before."""
    _column_of_table(items, lexicon)
    _column_said_backwards(items, lexicon)
    _ellipsis(items, lexicon)
    _time_heads(items, lexicon)
    _superlative_first(items, lexicon)
    _agreeing_pair(items)
    _name_in_two_words(items, lexicon)
    _event_rates(items, lexicon)
    _modifiers_of_columns(items, lexicon)
    _synonym_rivals(items, lexicon)
    _dashes(items, lexicon)
    _money_of_table(items, lexicon)


def _synonym_rivals(items: list[Item], lexicon: Lexicon) -> None:
    """'cost' reaches food_cost_eur only by its last word; when the same table has a column
    named by a synonym of the word (price_eur), both are candidates and the request must say
    which, instead of the planner taking the one that shares the spelling."""
    for item in items:
        columns = [r for r in item.refs if r.kind == "column"]
        if item.kind != "ref" or " " in item.text or not columns:
            continue
        if not all(r.weak for r in columns) or len(columns) != len(item.refs):
            continue
        found = synonym_columns(item.text, {r.table for r in columns}, lexicon)
        named = {(c.table, c.column) for c in columns}
        rivals = [r for r in found if (r.table, r.column) not in named]
        if rivals:
            item.refs = item.refs + [replace(r, weak=True) for r in rivals]


def _money_of_table(items: list[Item], lexicon: Lexicon) -> None:
    """'scholarship money', 'payment revenue': a table's noun before a money word says whose
    money it is; it is not a count of the table's rows besides."""
    from datamorph.planning.intent import Intent
    from datamorph.planning.util import money_column, table_ref

    i = 0
    while i < len(items) - 1:
        table, word = table_ref(items[i]), items[i + 1]
        modifier = stem(items[i].text) == items[i].text  # "orders paid" is a clause
        if table is not None and modifier and word.kind == "word" and word.text in MONEY_WORDS:
            found = money_column(Intent(tables=[table.table]), lexicon)
            if found is not None and found[0] == table.table:
                items[i].used = True  # names whose money it is; the money word measures it
        i += 1


def _dashes(items: list[Item], lexicon: Lexicon) -> None:
    """'open reqs per department - department name and count', 'req code + title': a dash or
    plus between words that are not both numbers separates or lists; arithmetic needs two
    numeric operands ('price - cost')."""
    for i, item in enumerate(items):
        if not item.is_kw("arith", "-", "+") or item.text not in {"-", "+"}:
            continue
        before = items[i - 1] if i else None
        after = items[i + 1] if i + 1 < len(items) else None
        if not (_numeric(before, lexicon) and _numeric(after, lexicon)):
            items[i] = (
                Item("filler", item.text)
                if item.text == "-"
                else Item("kw", item.text, cls="and", meaning="and")
            )


def _numeric(item: Item | None, lexicon: Lexicon) -> bool:
    if item is None:
        return False
    if item.kind == "number":
        return True
    if item.kind != "ref":
        return False
    columns = [r for r in item.refs if r.kind == "column" and r.column]
    return bool(columns) and all(
        lexicon.catalog.table(r.table).column(r.column or "").family == "numeric" for r in columns
    )


_COLUMN_HEADS = frozenset({"address", "name"})  # "email address" is the email


def _modifiers_of_columns(items: list[Item], lexicon: Lexicon) -> None:
    """'sales channel', 'revenue band': a money word before a column that holds no amount
    qualifies it; it is no total. 'email address': a head that adds nothing to the column."""
    i = 0
    while i < len(items) - 1:
        first, second = items[i], items[i + 1]
        if first.kind == "word" and first.text in MONEY_WORDS and _not_amount(second, lexicon):
            items[i : i + 2] = [Item("ref", f"{first.text} {second.text}", refs=second.refs)]
        elif second.kind == "word" and second.text in _COLUMN_HEADS and _not_amount(first, lexicon):
            items[i : i + 2] = [Item("ref", f"{first.text} {second.text}", refs=first.refs)]
        i += 1


def _not_amount(item: Item, lexicon: Lexicon) -> bool:
    columns = [r for r in item.refs if r.kind == "column" and r.column]
    return (
        item.kind == "ref"
        and len(columns) == len(item.refs) > 0
        and all(
            lexicon.catalog.table(r.table).column(r.column or "").family == "text" for r in columns
        )
    )


def _event_rates(items: list[Item], lexicon: Lexicon) -> None:
    """'cancellation rate': the noun before 'rate' names the flag whose share is asked."""
    for i, item in enumerate(items[:-1]):
        if item.kind == "word" and items[i + 1].text == "rate":
            flags = event_flags(item.text, lexicon)
            if len(flags) == 1:
                items[i] = Item("ref", item.text, refs=flags)


def _name_in_two_words(items: list[Item], lexicon: Lexicon) -> None:
    """'allow pets', 'pets are allowed': two words a few fillers apart that are together the two
    words of one column's name (pets_allowed) name that column, not each its own column."""
    for i, item in enumerate(items):
        for j in range(i + 1, min(i + 4, len(items))):
            if items[j].kind != "filler":
                break
        else:
            continue
        other = items[j]
        if item.kind not in {"ref", "word"} or other.kind not in {"ref", "word"}:
            continue
        found = _column_named_by(item.text, other.text, items[i].refs + other.refs, lexicon)
        if found is not None:
            items[i] = Item("ref", f"{item.text} {other.text}", refs=[found])
            for k in range(i + 1, j + 1):
                items[k] = Item("filler", items[k].text)


def _column_named_by(first: str, second: str, refs: list[Ref], lexicon: Lexicon) -> Ref | None:
    """The one column among `refs` whose name is exactly these two words in either order."""
    words = {stem(first), stem(second)}
    if len(words) < 2:
        return None
    found = {
        (r.table, r.column)
        for r in refs
        if r.kind == "column"
        and r.column
        and {stem(w) for w in split_name(r.column) if w not in {"is", "has"}} == words
    }
    if len(found) != 1:
        return None
    table, column = next(iter(found))
    return Ref("column", table, column)


def _agreeing_pair(items: list[Item]) -> None:
    """'units produced': two words side by side that can each mean several columns, and
    agree on exactly one, name that one."""
    i = 0
    while i < len(items) - 1:
        first, second = items[i], items[i + 1]
        if first.kind == "ref" and second.kind == "ref" and len(first.refs + second.refs) > 2:
            ours = {(r.table, r.column) for r in first.refs if r.kind == "column"}
            common = [r for r in second.refs if r.kind == "column" and (r.table, r.column) in ours]
            if len(common) == 1 and len(ours) + len(second.refs) > 2:
                items[i : i + 2] = [Item("ref", f"{first.text} {second.text}", refs=common)]
        i += 1


def _superlative_first(items: list[Item], lexicon: Lexicon) -> None:
    """'earliest hires first', 'highest salary first': an order on the column, not a measure."""
    for i in range(len(items) - 2):
        most, named, first = items[i], items[i + 1], items[i + 2]
        if not (most.is_kw("agg", "min", "max", "top") and first.text == "first"):
            continue
        direction = "desc" if most.meaning in {"max", "top"} else "asc"
        if named.kind == "ref" and named.refs and all(r.kind == "column" for r in named.refs):
            if not _text_refs(named, lexicon):  # "highest salary first": that column
                items[i] = Item("kw", most.text, cls="order", meaning="by")
                items[i + 2] = Item("kw", "first", cls="dir", meaning=direction)
                continue
        elif table_of(named) is None and not (
            named.kind == "word" and named.text.endswith(("er", "ers"))
        ):
            continue
        # "biggest spender first", "top category first": the rows or groups by the measure
        items[i] = Item("filler", most.text)
        if named.kind == "word":
            items[i + 1] = Item("filler", named.text)
        items[i + 2] = Item("kw", "first", cls="dir", meaning=direction)


def _text_refs(item: Item, lexicon: Lexicon) -> bool:
    return all(
        lexicon.catalog.table(r.table).column(r.column or "").family == "text"
        for r in item.refs
        if r.kind == "column"
    )


def table_of(item: Item) -> str | None:
    tables = [r.table for r in item.refs if r.kind == "table"]
    return tables[0] if item.kind == "ref" and len(tables) == 1 else None


_TIME_HEADS = frozenset({"date", "dates", "time", "times", "timestamp", "datetime", "day"})


def _time_heads(items: list[Item], lexicon: Lexicon) -> None:
    """'opening date', 'date of birth', 'check-in time': the head noun names no column of
    its own when the word beside it already names a date or a timestamp."""
    i = 0
    while i < len(items):
        if items[i].text in _TIME_HEADS and items[i].kind in {"word", "ref"}:
            before = items[i - 1] if i else None
            k = i + 2 + (i + 2 < len(items) and items[i + 2].text in {"the", "a", "an", "its"})
            after = (
                items[k]
                if i + 1 < len(items) and items[i + 1].text == "of" and k < len(items)
                else None
            )
            # with its head the phrase names the date itself, no longer a verb's weak echo
            if before is not None and _temporal_refs(before, lexicon):
                # "move-in date": the date column, not the value 'move_in' of another column
                before.text = f"{before.text} {items[i].text}"
                before.refs = [replace(r, weak=False) for r in _temporal_refs(before, lexicon)]
                del items[i]
                continue
            if after is not None and _temporal_ref(after, lexicon):
                after.text = f"{items[i].text} of {after.text}"
                after.refs = [replace(r, weak=False) for r in after.refs]
                del items[i:k]
                continue
            clause = _date_clause(items, i, lexicon)
            if clause is not None:  # "the date the ticket was opened", "the date it signed up"
                verb = items[clause]
                verb.text = " ".join(x.text for x in items[i : clause + 1])
                verb.refs = [replace(r, weak=False) for r in verb.refs]
                del items[i:clause]
                continue
        i += 1


_CLAUSE_WORDS = frozenset({"the", "a", "an", "it", "they", "he", "she", "was", "were", "is",
                           "are", "got", "first", "when", "on", "which"})  # fmt: skip


def _date_clause(items: list[Item], i: int, lexicon: Lexicon) -> int | None:
    """'date the ticket was opened': the verb, after its subject, whose date is meant."""
    for k in range(i + 1, min(len(items), i + 6)):
        x = items[k]
        if _temporal_ref(x, lexicon):
            return k
        if x.text not in _CLAUSE_WORDS and not (x.kind == "ref" and _is_table(x)):
            return None
    return None


def _is_table(item: Item) -> bool:
    return bool(item.refs) and all(r.kind == "table" for r in item.refs)


def _temporal_refs(item: Item, lexicon: Lexicon) -> list[Ref]:
    """The date columns among an item's candidates."""
    if item.kind != "ref":
        return []
    return [
        r
        for r in item.refs
        if r.kind == "column"
        and r.column
        and lexicon.catalog.table(r.table).column(r.column).family == "temporal"
    ]


def _temporal_ref(item: Item, lexicon: Lexicon) -> bool:
    columns = [r for r in item.refs if r.kind == "column" and r.column]
    return (
        item.kind == "ref"
        and len(columns) == len(item.refs) > 0
        and all(
            lexicon.catalog.table(r.table).column(r.column).family == "temporal"  # type: ignore[arg-type]
            for r in columns
        )
    )


def _column_of_table(items: list[Item], lexicon: Lexicon) -> None:
    """'the date of the order' is orders.order_date: '<word> of the <table>'."""
    for i in range(len(items) - 2):
        head, of = items[i], items[i + 1]
        if of.text != "of" or head.kind not in {"word", "ref", "filler"}:
            continue
        k = i + 2 + (items[i + 2].text in {"the", "a", "an", "its", "their"})
        if k >= len(items) or items[k].kind != "ref":
            continue
        tables = [r for r in items[k].refs if r.kind == "table"]
        for table in tables:
            found = lexicon.match([*stem_words(table.table), head.text], 0)
            refs = [r for r in (found[1] if found else []) if r.table == table.table]
            if refs and found and found[0] == len(stem_words(table.table)) + 1:
                items[i] = Item("ref", f"{head.text} of {table.table}", refs=refs)
                break


# Heads of "<head> of <noun>" that ask for an aggregate, never a column named "<noun> <head>"
_AGGREGATE_HEADS = frozenset(
    """number count total sum average avg amount share percentage percent proportion rate
    ratio list most top names""".split()  # noqa: SIM905 - a word list reads better as text
)


_HEADS = frozenset({"word", "ref", "kw"})  # "year" is also a grain's keyword


def _column_said_backwards(items: list[Item], lexicon: Lexicon) -> None:
    """'year of birth' is customer.birthYear, 'date of cancellation' cancel_date: a column's
    two words said with 'of' between them, the other way round."""
    for i in range(len(items) - 2):
        head, of, noun = items[i], items[i + 1], items[i + 2]
        if of.text != "of" or head.kind not in _HEADS or noun.kind not in {"word", "ref"}:
            continue
        if head.text in _AGGREGATE_HEADS or " " in head.text or " " in noun.text:
            continue
        found = lexicon.match([noun.text, head.text], 0)
        refs = [r for r in (found[1] if found else []) if r.kind == "column" and not r.weak]
        if found and found[0] == 2 and refs:
            items[i] = Item("ref", f"{head.text} of {noun.text}", refs=refs)
            items[i + 1] = Item("filler", "of")
            items[i + 2] = Item("filler", noun.text)


def _ellipsis(items: list[Item], lexicon: Lexicon) -> None:
    """'first and last name' is first_name and last_name."""
    for i in range(len(items) - 2):
        head, conj, tail = items[i], items[i + 1], items[i + 2]
        if head.kind == "ref" or not conj.is_kw("and") or tail.kind != "ref":
            continue
        last = tail.text.split()[-1]
        found = lexicon.match([head.text, last], 0)
        if found and found[0] == 2:
            items[i] = Item("ref", f"{head.text} {last}", refs=found[1])


def stem_words(table: str) -> list[str]:
    parts = table.lower().split("_")
    return [*parts[:-1], parts[-1].rstrip("s")]

"""Periods in a request: 'in 2024', 'since March 2025', 'from January to March 2025',
'between 2024-01-01 and 2024-03-31' (end day included), and which date column they are about:
one named nearby ("hired in"), the event the request names ("patrons who borrowed ... in
2024"), the table named just before ("an order in 2025"), the measured table's own date. A
table with several dates and none named is a question for the user, never a guess.
"""

from __future__ import annotations

import datetime as dt

from datamorph.planning.anchors import anchored
from datamorph.planning.conditions import template_for
from datamorph.planning.intent import Condition, Intent
from datamorph.planning.lexicon import Lexicon, Ref, split_name, stem
from datamorph.planning.linking import Item
from datamorph.planning.tokens import date_literal
from datamorph.planning.util import next_index, previous_index, table_ref


def dates(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if item.used or item.kind not in {"year", "month", "date"}:
            continue
        j = previous_index(items, i)
        between = j is not None and items[j].is_kw("cmp", "between") and not items[j].used
        prep = items[j] if j is not None and (items[j].is_kw("date") or between) else None
        op = "in" if between or prep is None else prep.meaning
        window = items[max(0, i - 4) : i]
        if item.kind == "year" and _year_number(items, i, prep, window, intent, lexicon):
            continue
        found = (
            date_column(intent, lexicon, near=window, columns_only=True)
            or date_column(intent, lexicon, near=_event_words(items[:i]), columns_only=True)
            # named after the period ("events from June to August - names and dates"), the
            # date is also asked for: it chooses the date and stays to be shown
            or date_column(
                intent, lexicon, near=_event_words(items[i:]), columns_only=True, consume=False
            )
            or date_column(intent, lexicon, near=window)
        )  # a date named nearby, then the event the request names, then the table's own date
        if found is None:
            continue
        item.used = True
        if prep is not None:
            prep.used = True
        k = next_index(items, i)
        if k is not None and items[k].text in {"onwards", "onward"}:
            items[k].used = True
        from_period = prep is not None and prep.text == "from" and item.kind != "date"
        if op == ">=" and from_period and not _open_ended(items, i):
            op = "in"  # "orders from 2024" are those of 2024; "from 2024 onwards" is since
        value = item.value if item.kind != "date" else (item.value, item.value)
        template = template_for("=" if op == "in" else op or "=", [value], temporal=True)
        if item.kind == "date" and op == "in":  # the whole day, for dates and timestamps alike
            next_day = date_literal(item.value + dt.timedelta(days=1))
            template = f"{{col}} >= {date_literal(item.value)} AND {{col}} < {next_day}"
        end = _range_end(items, i) if op in {">=", "in"} else None
        if end is not None:
            end.used = True
            stop = end.value[1] if isinstance(end.value, tuple) else end.value + dt.timedelta(1)
            template = (
                template_for(">=", [value], temporal=True) + f" AND {{col}} < {date_literal(stop)}"
            )
        intent.filters.append(Condition(template, table=found[0], column=found[1]))


def _year_number(
    items: list[Item],
    i: int,
    prep: Item | None,
    window: list[Item],
    intent: Intent,
    lexicon: Lexicon,
) -> bool:
    """'buildings built after 1980' when the year is a number column (year_built): compared as
    a number, never as the date of another column."""
    k = next_index(items, i)
    after = [items[k]] if k is not None and items[k].kind == "ref" else []
    found = _year_column(after, intent, lexicon) or _year_column(window, intent, lexicon)
    if found is None:  # "the 2024 season" (a season column of years), "built after 1980"
        return False
    for named in after:
        if found in {(r.table, r.column) for r in named.refs}:
            named.used = True
    op = "=" if prep is None or prep.meaning in {"in", None} else prep.meaning
    end = _range_end(items, i) if op in {">=", "="} else None
    start = int(items[i].text)
    if end is not None and end.kind == "year":
        end.used = True
        template = f"{{col}} BETWEEN {start} AND {int(end.text)}"
    elif prep is not None and prep.text == "from" and not _open_ended(items, i):
        template = f"{{col}} = {start}"
    else:
        template = f"{{col}} {op} {start}"
    for used in (items[i], prep):
        if used is not None:
            used.used = True
    k = next_index(items, i)
    if k is not None and items[k].text in {"onwards", "onward"}:
        items[k].used = True
    intent.filters.append(Condition(template, table=found[0], column=found[1]))
    return True


def _year_column(window: list[Item], intent: Intent, lexicon: Lexicon) -> tuple[str, str] | None:
    """A whole-number column holding years (year_built, birth_year) named just before."""
    for item in reversed(window):
        if item.kind != "ref" or table_ref(item) is not None:
            continue
        years = {
            (r.table, r.column)
            for r in item.refs
            if r.kind == "column" and r.column and _holds_years(lexicon, r.table, r.column)
        }
        # a year column of a table the request is not about is no reading of this one
        ours = {ref for ref in years if ref[0] in intent.tables or not intent.tables}
        if len(ours) == 1:
            item.used = True
            return next(iter(ours))
    return None


def _holds_years(lexicon: Lexicon, table: str, name: str) -> bool:
    """A whole-number column of years: named so (year_built), or whose values all are."""
    column = lexicon.catalog.table(table).column(name)
    if column.family != "numeric":
        return False
    if "year" in split_name(name):
        return True
    profile = column.profile
    try:
        low, high = float(profile.min or ""), float(profile.max or "")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        return False
    return "int" in column.type.lower() and 1900 <= low <= high <= 2100


def _open_ended(items: list[Item], i: int) -> bool:
    j = next_index(items, i)
    return j is not None and (items[j].text in {"onwards", "onward"} or items[j].is_kw("date"))


def _range_end(items: list[Item], i: int) -> Item | None:
    """'from 1 June 2023 to 31 August 2023': the end of the range, inclusive."""
    j = i + 1
    if j < len(items) and items[j].text in {"to", "until", "through", "and", "-"}:
        j += 1
        if j < len(items) and items[j].kind in {"date", "month", "year"} and not items[j].used:
            return items[j]
    return None


def named_date_column(intent: Intent, lexicon: Lexicon, items: list[Item]) -> bool:
    """Is a date column named by a verb ('terminated')? Then its NULLs are no period."""
    return any(
        r.kind == "column" and r.weak and _is_temporal(lexicon, r)
        for item in items
        if item.kind == "ref"
        for r in item.refs
    )


def date_column(
    intent: Intent,
    lexicon: Lexicon,
    near: list[Item] | None,
    *,
    consume: bool = True,
    named_first: bool = True,
    columns_only: bool = False,
) -> tuple[str, str] | None:
    """The date column a time phrase is about: named nearby ("hired in"), else the main table's."""
    for item in reversed(near or []):
        if table_ref(item) is not None:
            continue  # "orders" names the table, not orders.order_date
        dates = [
            r
            for r in (item.refs if item.kind == "ref" else [])
            if r.kind == "column" and _is_temporal(lexicon, r)
        ]
        ours = [r for r in dates if r.table in intent.tables] or dates
        if (
            ours
            and intent.tables
            and not any(r.table in intent.tables for r in ours)
            and not _links_tables_in_play(ours[0].table, intent, lexicon)
        ):
            # "outages that started in 2024": the outages' own date (began_at), never an
            # invoice's period_start two joins away, which 'started' only spells alike
            ours = _synonym_dates(item.text, intent, lexicon)
            if not ours:
                continue
        if len({(r.table, r.column) for r in ours}) > 1 and any(
            r.table in intent.tables for r in dates
        ):
            continue  # "started": of which table in play? not this word's to say
        if ours:  # "trips started ...": the trips' start, not another table's
            item.used = item.used or consume
            return ours[0].table, ours[0].column or ""
    said = anchored(intent, lexicon)  # "... (by finish date)": the date the request names
    if said is not None:
        return said
    if columns_only:
        return None
    named = [r.table for item in reversed(near or []) for r in item.refs if r.kind == "table"]
    measured = [m.table for m in intent.measures]
    grouped = {g.table for g in intent.groups if g.column is None}
    if measured:  # "total nights per property in 2024": the nights' year, not the property's
        named = [t for t in named if t not in grouped or t in measured]
    # a period filter is about the table named just before it ("an order in 2025"); a grain
    # buckets what is measured ("monthly number of orders ... from customers in the UK")
    if not named_first and not measured:
        # "comments per agent per month": nothing is measured yet; the comments, counted
        # later, come before the agent named nearer
        measured = intent.tables[:1]
    tables = (named + measured if named_first else measured + named) + intent.tables
    if not tables and len(lexicon.catalog.tables) > 1:
        return None  # no table in play: which table's date would be a guess
    for name in tables or list(lexicon.catalog.tables):
        table = lexicon.catalog.table(name)
        temporal = [c for c in table.columns if c.family == "temporal"]
        own = [c for c in temporal if _names_its_table(c.name, table.name)]
        if len(temporal) == 1 or len(own) == 1:
            return table.name, (own or temporal)[0].name
        # a check opened and closed (timestamps, hours apart): a check of 2025 is one opened
        # in 2025; a stay's check-in and check-out dates lie days apart, and stay a question
        instants = [c.name for c in temporal if "timestamp" in c.type.lower()]
        start = start_of_pair(instants) if len(instants) == len(temporal) else None
        if start is not None:
            return table.name, start
        if temporal:  # orders with ordered_at, shipped_at, returned_on: the request must say
            return None
    return None


_STARTS = frozenset(
    """open opened start started begin began in from pickup depart departed file filed create
    created submit submitted raise raised report reported log logged request requested""".split()  # noqa: SIM905
)
_ENDS = frozenset(
    """close closed end ended finish finished out to dropoff arrive arrived restore restored
    resolve resolved complete completed stop stopped""".split()  # noqa: SIM905
)


def _names_its_table(column: str, table: str) -> bool:
    """order_date of orders; adm_ts of admission, whose name it clips; paid_at of payments,
    named by the verb of the table's noun (WordNet: payment -> pay)."""
    noun = stem(split_name(table)[-1]) if split_name(table) else table.lower()
    if stem(table) in column.lower():
        return True
    first = split_name(column)[0] if split_name(column) else ""
    if len(first) >= 3 and first != noun and noun.startswith(first):
        return True
    from datamorph.planning.wordnet import wordnet

    net = wordnet()
    if net is None or not first.isalpha():
        return False
    verbs = set(net.related_forms(noun, "n"))
    return bool(verbs & set(net.base_forms(first, "v")))


def start_of_pair(names: list[str]) -> str | None:
    """Of exactly two dates that name the start and the end of one thing (opened_ts and
    closed_ts, check_in and check_out, start_time and end_time), the start."""
    if len(names) != 2:
        return None
    first, second = (split_name(n) for n in names)
    if len(first) != len(second):
        return None
    differ = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    if len(differ) != 1:
        return None
    a, b = differ[0]
    if a in _STARTS and b in _ENDS:
        return names[0]
    if b in _STARTS and a in _ENDS:
        return names[1]
    return None


def _links_tables_in_play(table: str, intent: Intent, lexicon: Lexicon) -> bool:
    """'patrons who borrowed a book in 2024': loans, between patrons and books, is the event."""
    linked = [t for t in intent.tables if lexicon.catalog.join_keys(t, table)]
    return len(linked) >= 2


def _synonym_dates(word: str, intent: Intent, lexicon: Lexicon) -> list[Ref]:
    """Dates of the tables in play named by a synonym of the verb: 'started' -> began_at."""
    from datamorph.planning.wordnet import wordnet

    net = wordnet()
    if net is None or not word.isalpha():
        return []
    wanted = net.synonyms(word, "v") | set(net.base_forms(word, "v"))
    found = []
    for name in intent.tables:
        for column in lexicon.catalog.table(name).columns:
            parts = split_name(column.name)
            verbs = {b for p in parts for b in net.base_forms(p, "v")}
            if column.family == "temporal" and verbs & wanted:
                found.append(Ref("column", name, column.name, via=f"a synonym of {word}"))
    return found


def _event_words(items: list[Item]) -> list[Item]:
    """Words naming a date column anywhere in the request ('patrons who borrowed ... in
    2024'): the event a period is about."""
    return [
        item
        for item in items
        if item.kind == "ref" and any(r.kind == "column" and r.weak for r in item.refs)
    ]


def _is_temporal(lexicon: Lexicon, ref: Ref) -> bool:
    assert ref.column is not None
    return lexicon.catalog.table(ref.table).column(ref.column).family == "temporal"

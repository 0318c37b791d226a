"""Passes on how a request is said rather than what it asks: 'who' (the catalog's table of
people), emphasis that repeats an element the plan has ('in total', 'biggest first'), and
prepositions explained by what follows them ('in France', 'through each channel')."""

from __future__ import annotations

from datamorph.planning.intent import Condition, Intent, OrderKey
from datamorph.planning.lexicon import Lexicon, Ref, split_name, unit_of
from datamorph.planning.linking import Item
from datamorph.planning.util import next_index, previous_index, table_ref


def is_verb_form(text: str) -> bool:
    """A participle or gerund ('returned', 'shipping'): a verb names an event, not a column to
    group or list by."""
    # an identifier typed as it is ('dt_joined') names its column, whatever its last word
    return text.endswith(("ed", "ing")) and len(text) > 4 and "_" not in text


def is_participle(text: str) -> bool:
    """'returned', and the irregular ones WordNet knows: 'written', 'sold', 'taught'."""
    from datamorph.planning.wordnet import wordnet

    if is_verb_form(text):
        return True
    net = wordnet()
    if net is None or not text.isalpha() or "_" in text:
        return False
    bases = net.base_forms(text, "v")
    return bool(bases) and text not in bases and not net.base_forms(text, "n")


def who(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'who works in Sales?': the people of the catalog. With one table of people it is that
    table; with several and none named, the word stays unplaced (a question for the user)."""
    from datamorph.planning.synonyms import tables_of_kind

    for i, item in enumerate(items):
        if item.kind != "filler" or item.text not in {"who", "whom"}:
            continue
        asked_next = i > 0 and (items[i - 1].is_kw("and") or items[i - 1].text == ",")
        if i > 0 and items[i - 1].kind != "punct" and not asked_next:
            continue  # "customers who ...": a relative pronoun, not a question about people
        people = tables_of_kind("person", lexicon)
        if any(t in intent.tables for t in people) or _names_the_person(items, i):
            continue
        if asked_next:  # "..., and who did the inspection": a person the plan may not show
            item.kind = "word"
            continue
        if len(people) == 1:
            intent.tables.insert(0, people[0])
        elif people:
            item.kind, item.refs = "word", [Ref("table", t) for t in people]


def _names_the_person(items: list[Item], i: int) -> bool:
    """'who's the PI at site S-204?': the column after 'who is the' holds the person."""
    if i + 1 >= len(items) or items[i + 1].text not in {"is", "was", "are", "were", "the"}:
        return False  # "and who scored it": who did it, not a column named
    k = next_index(items, i + 1 if items[i + 1].text != "the" else i)
    if k is None or items[k].kind != "ref" or table_ref(items[k]) is not None:
        return False
    # 'the PI' names pi_name by its role: a name is a person's
    return any(
        r.kind == "column" and (not r.weak or split_name(r.column or "")[-1:] == ("name",))
        for r in items[k].refs
    )


_EMPHASIS = frozenset({"in total", "overall", "altogether", "combined"})
_CLAUSE = frozenset({".", "?", "!", ";", ","})


def when(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'when did it open?', 'when was she hired': the date the verb names is shown."""
    for i, item in enumerate(items):
        if item.text != "when" or item.used or (i and items[i - 1].text not in _CLAUSE | {"and"}):
            continue  # "orders when ...": a condition, not a question
        for x in items[i + 1 :]:
            if x.text in _CLAUSE:
                break
            # "when did she join": a verb the linker took for a keyword still names a date
            refs = (x.refs if x.kind == "ref" else _as_said(x, lexicon)) + _event_nouns(x, lexicon)
            dates = [
                r
                for r in refs
                if r.kind == "column"
                and r.column
                and r.table in intent.tables
                and lexicon.catalog.table(r.table).column(r.column).family == "temporal"
            ]
            dates = list({(r.table, r.column): r for r in dates}.values())
            if x.kind in {"ref", "kw", "word"} and not x.used and len(dates) == 1:
                from datamorph.planning.leftovers import key_first

                item.used = x.used = True
                x.refs = dates  # "when did it expire": the date, not the 'expired' status
                intent.columns.append((dates[0].table, dates[0].column or ""))
                key_first(intent, lexicon, dates[0].table)  # which row's date it is
                break
        if not item.used:
            item.kind = "word"  # a question 'when' that no date answers is never dropped


def _event_nouns(item: Item, lexicon: Lexicon) -> list[Ref]:
    """'when did it expire': the noun of the verb names the date (expiration_date)."""
    from datamorph.planning.wordnet import wordnet

    net = wordnet()
    if net is None or item.kind not in {"ref", "kw", "word"} or " " in item.text:
        return []
    nouns = {n for v in net.base_forms(item.text, "v") for n in net.related_forms(v, "v")}
    found = [lexicon.match([n], 0) for n in sorted(nouns) if " " not in n]
    return [r for f in found if f for r in f[1]]


def _as_said(item: Item, lexicon: Lexicon) -> list[Ref]:
    if item.kind != "kw" or " " in item.text:
        return []
    found = lexicon.match([item.text], 0)
    return found[1] if found else []


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
            if not item.used:
                _ranked_first(items, i, intent)
        elif item.is_kw("agg", "min", "max") and item.text == "first":
            _ranked_first(items, i, intent)
        elif item.text in {"keep", "keeping"} and after is not None and after.used:
            # "only keep countries over 10,000": what is kept is the condition after it
            k = next_index(items, j) if j is not None else None
            item.used = k is not None and items[k].used and items[k].is_kw("cmp")
        elif item.is_kw("incl") and any("<" in f.sql_template for f in intent.filters):
            item.used = True  # "to 2024-03-31 inclusive": range ends already include the day
        elif item.is_kw("group", "per") and intent.groups and (after is None or not after.refs):
            item.used = after is None or after.kind == "punct" or after.text in {"one", "1"}
            if after is not None and after.text == "one":
                after.used = True
        elif _restates_a_measure(items, i, intent):
            item.used = True
            before = previous_index(items, i)
            if before is not None and items[before].text in {"in", "on"} and not items[before].used:
                items[before].used = True  # "paid the most in fares"


def events(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'orders placed by customers in Peckham': the verb names the event the listed rows
    record (orders.placed_at), so the rows kept are those where it happened. Not when a
    period of the same rows is read on another date ("flights scheduled to depart in March"
    with the March on departed_at): which date is meant is then a question, left unplaced."""
    from datamorph.planning.measures import is_temporal

    for i, item in enumerate(items):
        if item.used or item.kind != "ref" or not is_participle(item.text):
            continue
        if not all(r.kind == "column" and r.weak and is_temporal(lexicon, r) for r in item.refs):
            continue
        own = [r for r in item.refs if r.table in intent.tables]
        before = previous_index(items, i)
        if len(own) != 1 or (before is not None and items[before].is_kw("not", "null")):
            continue
        if verb_coordinated(items, i):
            continue  # "joined and left in 2024": the period that follows is said of both
        ref = own[0]
        other_dates = [
            f
            for f in intent.filters
            if f.table == ref.table
            and f.column != ref.column
            and is_temporal(lexicon, Ref("column", ref.table, f.column))
        ]
        if other_dates:
            continue
        item.used = True
        intent.filters.append(Condition("{col} IS NOT NULL", ref.table, ref.column))


def verb_coordinated(items: list[Item], i: int) -> bool:
    """'joined and left in 2024': a verb joined by 'and' to another verb (or to a word naming
    an event's date, "left" for left_dt) shares what follows them."""
    j = next_index(items, i)
    k = next_index(items, j) if j is not None and items[j].is_kw("and") else None
    if k is None or not is_participle(items[i].text):
        return False
    dated = any(r.kind == "column" and r.weak for r in items[k].refs)
    return is_participle(items[k].text) or dated


def _restates_a_measure(items: list[Item], i: int, intent: Intent) -> bool:
    """'the riders who paid the most in fares': "paid" already made the sum of trips.fare_eur,
    and "fares" names that very column and nothing else. Only when no word placed so far
    names the column, so a second mention of a measure ("fares and fares per km") is never
    folded into the first."""
    item = items[i]
    columns = {(r.table, r.column) for r in item.refs if r.kind == "column"}
    if item.kind != "ref" or len(columns) != 1 or any(r.kind != "column" for r in item.refs):
        return False
    (column,) = columns
    summed = [m for m in intent.measures if not m.fn.startswith("count")]
    if not any((m.table, m.column) == column for m in summed):
        return False
    return not any(
        other.used and column in {(r.table, r.column) for r in other.refs} for other in items
    )


_NEWER = frozenset({"newest", "latest", "most recent"})


def _ranked_first(items: list[Item], i: int, intent: Intent) -> None:
    """'biggest spenders first', 'highest average first', 'oldest quarter first': the order
    of the result, by its first measure or by its period."""
    k = previous_index(items, i)
    between: list[Item] = []
    while k is not None and len(between) < 3 and not items[k].is_kw("agg", "max", "min", "top"):
        between.append(items[k])
        k = previous_index(items, k)
    if k is None or items[k].used or not items[k].is_kw("agg", "max", "min", "top"):
        return
    period = next((g.name for g in intent.groups if g.grain), None)
    said_period = any(x.is_kw("grain") for x in between)
    if not all(x.is_kw("agg") or x.is_kw("grain") or x.used for x in between):
        return  # "biggest spender first": a word the plan does not have
    word = items[k]
    if said_period and period is not None:
        key = OrderKey(desc=word.text in _NEWER, alias=period)
    elif intent.measures and not said_period:
        key = OrderKey(desc=word.meaning in {"max", "top"}, measure=intent.measures[0])
    else:
        return
    if intent.order:
        return
    intent.order.append(key)
    for x in [word, *between, items[i]]:
        x.used = True


def _unit_in_play(word: str, intent: Intent, lexicon: Lexicon) -> bool:
    """Does a measured or shown column carry this unit in its name (`length_min`)?"""
    said = unit_of(word)
    if said is None:
        return False
    named: list[tuple[str | None, str | None]] = [(m.table, m.column) for m in intent.measures]
    named += intent.columns + [(f.table, f.column) for f in intent.filters if f.table]
    named += [(o.table, o.column) for o in intent.order if o.table]
    return any(column and unit_of(split_name(column)[-1]) == said for _, column in named)


_TIME_LITERALS = frozenset({"year", "month", "date", "number"})


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
        elif j is not None and item.text == "in" and _unit_in_play(items[j].text, intent, lexicon):
            item.used = items[j].used = True  # "average length in minutes", "price in dollars"
        elif (
            j is not None
            and items[j].used
            and (items[j].kind == "ref" or items[j].is_kw("group") or items[j].is_kw("cmp"))
        ):
            item.used = True  # "in France", "through each channel", "held by at least 30"
        elif item.text == "in" and (j is None or items[j].kind not in _TIME_LITERALS):
            # "came in via mobile", "what state is it in": a plain preposition. Whatever
            # follows is placed, or reported, on its own.
            item.used = True

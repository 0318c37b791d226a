"""States named by the event that ends or starts them: 'closed claims' are those with a close
date, 'claims that are still open' those without one (WordNet: open is the opposite of closed).

A participle of a table's own date column ('closed' for `closed_date`), said with no date
after it, keeps the rows where the event happened; its opposite keeps the rows where it did
not. 'claims closed in 2024' is a date range (dates.py reads it first); a table that is not in
the request is never reached this way.
"""

from __future__ import annotations

from datamorph.planning.discourse import is_participle, verb_coordinated
from datamorph.planning.intent import Condition, Intent
from datamorph.planning.lexicon import Lexicon, Ref, key_of
from datamorph.planning.linking import Item
from datamorph.planning.util import negates_a_child, next_index, previous_index, table_ref
from datamorph.planning.wordnet import wordnet


def states(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if item.used or item.kind not in {"ref", "word"} or not _ends_clause(items, i):
            continue
        if verb_coordinated(items, i):
            continue  # "joined and left in 2024": the period after them is said of both
        found = _event(item, intent, lexicon)
        if found is not None and any(
            r.kind == "value" and r.table == found.table for r in item.refs
        ):
            # "closed wallets": closed_date is set, or status is 'Closed'? Data may disagree
            item.kind, item.meaning = "word", "ambiguous"
            continue
        absent = False
        if found is None and _a_value_in_play(item, intent):
            j = previous_index(items, i)
            if j is not None and items[j].text == "still":  # "still open": the value as of now
                items[j].used = True
            continue  # "open reqs" with a status 'open': the value says it, no opposite date
        if found is None:
            found, absent = _opposite_event(item, intent, lexicon), True
        if found is None:
            continue
        j = previous_index(items, i)
        said_not = j is not None and items[j].is_kw("not")
        if said_not and not absent and negates_a_child(intent, found.table, lexicon):
            # "trials that haven't enrolled a single participant": no participant row has
            # it, which is not a filter on the participants joined; left unplaced
            continue
        if j is not None and said_not:
            items[j].used, absent = True, not absent
        if j is not None and items[j].text == "still":  # "still open": the state as of now
            if not absent:
                # "still employed" is hired and not yet gone: the start event alone says
                # nothing of "still", and its ending event is not known here
                continue
            items[j].used = True
        item.used = True
        intent.filters.append(
            Condition(
                f"{{col}} {'IS NULL' if absent else 'IS NOT NULL'}",
                table=found.table,
                column=found.column,
            )
        )


def _a_value_in_play(item: Item, intent: Intent) -> bool:
    return any(r.kind == "value" and r.table in intent.tables for r in item.refs)


def _ends_clause(items: list[Item], i: int) -> bool:
    """What may follow a state word: the end, a comma, 'and', or the table it describes
    ('closed claims'). Anything else ('to depart', 'in 2024', 'by') is another construct."""
    j = next_index(items, i)
    # "open critical tickets": a value or a flag may stand between the state and its table
    while j is not None and items[j].kind == "ref" and _qualifies(items[j]):
        j = next_index(items, j)
    if j is None:
        return True
    nxt = items[j]
    return nxt.kind == "punct" or nxt.is_kw("and") or table_ref(nxt) is not None


def _qualifies(item: Item) -> bool:
    return table_ref(item) is None and bool(item.refs) and all(r.kind == "value" for r in item.refs)


def _event(item: Item, intent: Intent, lexicon: Lexicon) -> Ref | None:
    """'closed': the date column a participle names, of a table in the request."""
    if item.kind != "ref" or " " in item.text or not _inflected_verb(item.text):
        return None
    return _one_date(item.refs, intent, lexicon)


def _inflected_verb(text: str) -> bool:
    """'closed', 'left' (of leave): a verb's past, even when English also has the noun."""
    net = wordnet()
    if is_participle(text):
        return True
    bases = net.base_forms(text, "v") if net is not None and text.isalpha() else []
    if any(text in (b + "s", b + "es") for b in bases):
        return False  # "dates", "ships": a plural noun far more often than a verb's -s form
    return bool(bases) and text not in bases


def _opposite_event(item: Item, intent: Intent, lexicon: Lexicon) -> Ref | None:
    """'open': the date column its opposite ('closed') names."""
    net = wordnet()
    if net is None or not item.text.isalpha():
        return None
    refs = [
        ref
        for opposite in sorted(net.antonyms(item.text, "a"))
        for ref in lexicon.phrases.get(key_of((opposite,)), [])
    ]
    return _one_date(refs, intent, lexicon)


def _one_date(refs: list[Ref], intent: Intent, lexicon: Lexicon) -> Ref | None:
    dates = {
        r
        for r in refs
        if r.kind == "column"
        and r.column
        and r.table in intent.tables
        and lexicon.catalog.table(r.table).column(r.column).family == "temporal"
    }
    return next(iter(dates)) if len(dates) == 1 else None


def current_or_former(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'current members', 'former members', 'still a member': the rows whose leaving date is
    empty, or set, when the table has exactly one date that says it ended (`left_dt`,
    `terminated_on`). With none, or several, the word stays unplaced."""
    for i, item in enumerate(items):
        said = _CURRENT.get(item.text)
        j = next_index(items, i)
        owner = table_ref(items[j]) if j is not None else None
        if item.used or item.kind != "word" or said is None or owner is None:
            continue
        if item.text == "still" and items[i + 1].text not in {"a", "an"}:
            continue  # "still a member" is a current member; "still open" is states' own
        ends = _ending_dates(owner.table, lexicon)
        if len(ends) != 1:
            continue
        item.used = True
        intent.mention(owner.table)
        test = "{col} IS NULL" if said == "current" else "{col} IS NOT NULL"
        intent.filters.append(Condition(test, table=owner.table, column=ends[0]))


def _ending_dates(table: str, lexicon: Lexicon) -> list[str]:
    """The date columns of `table` that say its rows ended: `left_dt`, `termination_date`."""
    from datamorph.planning.lexicon import split_name

    return [
        c.name
        for c in lexicon.catalog.table(table).columns
        if c.family == "temporal" and _ENDING & set(split_name(c.name))
    ]


_CURRENT = {
    "current": "current", "existing": "current", "still": "current", "former": "former",
    "ex": "former",
}  # fmt: skip
_ENDING = frozenset({
    "left", "leave", "ended", "closed", "terminated", "terminate", "termination", "cancelled",
    "canceled", "churned", "churn", "resigned", "departed", "exit", "exited", "deactivated",
    "quit",
})  # fmt: skip


_LEAVING = frozenset({"left", "quit", "departed", "resigned"})


def leaving(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'who has left', 'staff who haven't left', 'left since 2025': the one date of the rows in
    play that says they ended (`termination_date`), read as the date 'left' names; with none,
    or several, the word stays unplaced."""
    for item in items:
        if item.used or item.kind != "word" or item.text not in _LEAVING:
            continue
        ends = [(t, column) for t in intent.tables for column in _ending_dates(t, lexicon)]
        if len(ends) == 1:
            table, column = ends[0]
            item.kind = "ref"
            item.refs = [Ref("column", table, column, weak=True, via=f"the date {column} ends")]

"""Conditions on what a row has: 'orders without a coupon' (absent), 'completed orders' (a
sampled value, 'France or Germany' a list of them), 'remote employees' (a flag), each negated
by 'not', 'never', 'excluding'. A value of a table the request does not name is a question
when several could be meant.
"""

from __future__ import annotations

from datamorph.planning.intent import Condition, Intent
from datamorph.planning.lexicon import Lexicon, Ref, stem
from datamorph.planning.linking import Item
from datamorph.planning.util import (
    column_ref,
    negates_a_child,
    next_index,
    points_at,
    previous_index,
    table_ref,
    value_refs,
)


def nulls(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    _having_an(items)
    for i, item in enumerate(items):
        if item.used or not (item.is_kw("null") or _not_having(items, i, lexicon)):
            continue
        j = next_index(items, i)
        while j is not None and items[j].text in _HAVING:
            j = next_index(items, j)
        ref = column_ref(items[j], intent) if j is not None else None
        if (ref is None or items[j].used) and item.text in {"unknown", "not recorded", "missing"}:  # type: ignore[index]
            j = previous_index(items, i)  # "accounts whose industry is unknown"
            ref = column_ref(items[j], intent) if j is not None else None
        if ref is None or not ref.column or table_ref(items[j]):  # type: ignore[index]
            continue
        if item.meaning == "notnull" and items[j].used:  # type: ignore[index]
            # "events with a ticket price under 20": the comparison says it all; a free event
            # is under 20, not an event without a price
            item.used = True
            continue
        # a Y/N text column is a flag too: "rooms without AV" is has_av = 'N', not a NULL
        true, false = _truths(lexicon, ref) or ("true", "false")
        boolean = _truths(lexicon, ref) is not None
        if item.is_kw("not") and boolean:
            continue  # "not remote" is a flag, for booleans()
        listed = intent.tables[0] if intent.tables else ref.table
        own = ref.table == listed or points_at(lexicon, listed, ref.table)
        if boolean and item.meaning != "notnull" and not own:
            # "members with no late loan": no loan of theirs is late (an exclusion of the late
            # loans), never "a loan of theirs that is not late"
            item.used = items[j].used = True  # type: ignore[index]
            intent.anti.append(ref.table)
            intent.filters.append(
                Condition(f"{{col}} = {true}", table=ref.table, column=ref.column)
            )
            continue
        item.used = items[j].used = True  # type: ignore[index]
        if boolean:  # "rooms that have a sea view", "rooms without a sea view": the flag itself
            value = true if item.meaning == "notnull" else false
            intent.filters.append(
                Condition(f"{{col}} = {value}", table=ref.table, column=ref.column)
            )
            continue
        if _counted_as_zero(items, j):  # type: ignore[arg-type]
            intent.zero_fill = True  # "treating a missing discount as zero": not a filter
            continue
        if item.meaning != "notnull" and not own:
            # "employees with no bonus": none of their records has one, or one has none?
            # "clients who never paid": no payment at all, never a payment with no date
            item.used = items[j].used = False  # type: ignore[index]
            continue
        test = "{col} IS NOT NULL" if item.meaning == "notnull" else "{col} IS NULL"
        if lexicon.catalog.table(ref.table).column(ref.column).family == "numeric":
            # "classes with no bookings" on a count: none is zero as much as nothing recorded
            test = (
                "coalesce({col}, 0) <> 0" if item.meaning == "notnull" else "coalesce({col}, 0) = 0"
            )
        intent.filters.append(Condition(test, table=ref.table, column=ref.column))


def _having_an(items: list[Item]) -> None:
    """'accounts that have an account manager', 'members who have email': a condition, as
    'have a' is, never filler words before a column shown. Not after a negation ("don't have
    an email", which `_not_having` reads), nor before what a comparison already placed."""
    for i in range(len(items) - 1):
        have, article = items[i : i + 2]
        if not (have.kind == "filler" and have.text in {"have", "has"}):
            continue
        named = items[i + 2] if article.text == "an" and i + 2 < len(items) else article
        if named.kind != "ref" or named.used or table_ref(named) is not None:
            continue
        before = previous_index(items, i)
        if before is not None and (items[before].is_kw("not") or items[before].is_kw("null")):
            continue
        have.kind, have.cls, have.meaning = "kw", "null", "notnull"
        article.used = article.used or article is not named


def _not_having(items: list[Item], i: int, lexicon: Lexicon) -> bool:
    """ "didn't get any discount", "don't have an email": a negated verb of having before a
    column is its absence (the verb itself is read as a relation)."""
    item = items[i]
    if not item.is_kw("not") or item.used:
        return False
    k, verb = i + 1, False
    while k < len(items) and (items[k].kind == "filler" or items[k].text in _HAVING):
        verb = verb or items[k].meaning == "relation" or items[k].text in _HAVING
        k += 1
    if verb:  # "didn't include a bonus": the verb is read with the absence
        for x in items[i + 1 : k]:
            x.used = x.used or x.text in _HAVING
    return verb


_HAVING = frozenset({
    "have", "has", "had", "include", "includes", "included", "contain", "get", "gets", "got",
    "receive", "received",
})  # fmt: skip


def _counted_as_zero(items: list[Item], j: int) -> bool:
    for k in range(j + 1, min(len(items), j + 4)):
        if items[k].is_kw("as"):
            m = next_index(items, k)
            if m is not None and (items[m].text == "zero" or items[m].value == 0):
                items[k].used = items[m].used = True
                return True
    return False


def _names_a_column_in_the_plan(item: Item, intent: Intent) -> bool:
    groups = [*intent.groups, *([intent.rank_within.group] if intent.rank_within else [])]
    planned = {(g.table, g.column) for g in groups} | set(intent.columns)
    return any(r.kind == "column" and (r.table, r.column) in planned for r in item.refs)


def values(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    i = 0
    while i < len(items):
        item = items[i]
        refs = value_refs(item)
        if item.used or not refs or table_ref(item) or _strong_column(item):
            i += 1
            continue
        far = not any(r.table in intent.tables for r in refs)
        if _names_a_column_in_the_plan(item, intent):
            i += 1  # "for each branch, ...: branch, officer name": the column, said again
            continue
        if far and any(r.kind == "column" and r.table in intent.tables for r in item.refs):
            i += 1  # "closed claims": the claims' close date, not a 'closed' of another table
            continue
        ref = _pick_value(_named_beside(items, i, refs), intent)
        if ref is None:
            i += 1
            continue
        chosen, j = [ref.value], i
        # "France or Germany", "France and Germany": one column's values, either of them;
        # an 'or' anywhere else joins two conditions the plan cannot say, and stays unplaced
        while (k := next_index(items, j)) is not None and (
            items[k].is_kw("and") or items[k].is_kw("or")
        ):
            m = next_index(items, k)
            more = value_refs(items[m]) if m is not None else []
            same = [r for r in more if (r.table, r.column) == (ref.table, ref.column)]
            if not same:
                break
            items[k].used = True
            chosen.append(same[0].value)
            j = m  # type: ignore[assignment]
        if _negates_a_description(items, i, j):
            i = j + 1  # left unplaced: "other than the cancelled Northern Drift 2024"
            continue
        negated = _negated(items, i)
        _article_before(items, i)  # "vans with a box body": an article, not 'body IS NOT NULL'
        for x in items[i : j + 1]:
            if value_refs(x):
                x.used = True
        _column_word_before(items, i, ref)  # "channels other than direct", "status completed"
        _column_word_after(items, j, ref)  # "a premium-tier plan"
        intent.mention(ref.table)
        if _names_the_rows(items, i, ref):  # "trucks stationed at depot 3": vehicles listed
            intent.tables.remove(ref.table)
            intent.tables.insert(0, ref.table)
        intent.filters.append(_membership(ref, chosen, negated))
        i = j + 1


def _column_word_before(items: list[Item], i: int, ref: Ref) -> None:
    k = previous_index(items, i)
    while k is not None and items[k].is_kw("not") and items[k].used:
        k = previous_index(items, k)
    if k is None or items[k].used or items[k].kind != "ref":
        return
    if any(
        r.kind == "column" and (r.table, r.column) == (ref.table, ref.column) for r in items[k].refs
    ):
        items[k].used = True


def _article_before(items: list[Item], i: int) -> None:
    k = previous_index(items, i)
    if (
        k is not None
        and not items[k].used
        and items[k].is_kw("null", "notnull")
        and items[k].text.split()[-1] in {"a", "an"}
    ):
        items[k].used = True


def _names_the_rows(items: list[Item], i: int, ref: Ref) -> bool:
    """A value said in the plural before any table ('trucks', of kind 'truck') names the rows
    listed; a value said as it is ('Sales', a department) names no rows."""
    plural = stem(items[i].text) != items[i].text != str(ref.value).lower()
    return plural and not any(table_ref(x) for x in items[:i])


def _column_word_after(items: list[Item], j: int, ref: Ref) -> None:
    k = next_index(items, j)
    if k is not None and not items[k].used and _names_column(items[k], ref):
        items[k].used = True


def _names_column(item: Item, ref: Ref) -> bool:
    return item.kind == "ref" and any(
        r.kind == "column" and (r.table, r.column) == (ref.table, ref.column) for r in item.refs
    )


def _named_beside(items: list[Item], i: int, refs: list[Ref]) -> list[Ref]:
    """'premium' is a code and a tier of plans; 'a premium-tier plan' says which."""
    around = [k for k in (previous_index(items, i), next_index(items, i)) if k is not None]
    named = [r for r in refs if any(_names_column(items[k], r) for k in around)]
    return named or refs


def _strong_column(item: Item) -> bool:
    return any(r.kind == "column" and not r.weak for r in item.refs)


def _pick_value(refs: list[Ref], intent: Intent) -> Ref | None:
    """The column a value belongs to: the one in play; 'returned' as a status of orders and a
    reason of refunds, neither in play, is a question."""
    in_play = [r for r in refs if r.table in intent.tables]
    candidates = in_play or refs
    if not in_play and intent.tables and intent.nearness is not None:
        near = intent.nearness
        closest = min(near(r.table, intent.tables) for r in candidates)
        candidates = [r for r in candidates if near(r.table, intent.tables) == closest]
    if len({(r.table, r.column) for r in candidates}) > 1:
        return None  # two columns hold the value and the request does not say which
    return candidates[0]


def _negates_a_description(items: list[Item], i: int, j: int) -> bool:
    """'other than the cancelled Northern Drift 2024' excludes one edition, not every
    cancelled one: a negation over several values said together is no single condition."""
    before, after = previous_index(items, i), next_index(items, j)
    if before is None or after is None or not items[before].is_kw("not"):
        return False
    following = items[after]
    return not following.used and (bool(value_refs(following)) or following.kind == "year")


def _negated(items: list[Item], i: int) -> bool:
    j = previous_index(items, i)
    if j is not None and items[j].is_kw("not"):
        items[j].used = True
        return True
    return False


def _membership(ref: Ref, chosen: list[str | None], negated: bool) -> Condition:
    quoted = ", ".join("'" + str(v).replace("'", "''") + "'" for v in chosen)
    if len(chosen) == 1:
        template = f"{{col}} {'!=' if negated else '='} {quoted}"
    else:
        template = f"{{col}} {'NOT IN' if negated else 'IN'} ({quoted})"
    return Condition(template, table=ref.table, column=ref.column)


def booleans(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if item.used or item.kind != "ref":
            continue
        flags = [r for r in item.refs if r.kind == "column" and _truths(lexicon, r)]
        if not flags:
            continue
        if any(v.table in {f.table for f in flags} for v in value_refs(item)):
            # 'GREEN' a tariff's code and `green` its flag: the request must say which
            item.kind, item.meaning = "word", "ambiguous"
            continue
        # "active": of drivers or of depots, when neither is in play?
        ref = _pick_value(flags, intent)
        if ref is None:
            continue
        j = previous_index(items, i)
        said_not = j is not None and items[j].is_kw("not")
        excluded = j is not None and said_not and _rows_excluded(items, j, i, ref.table)
        if said_not and not excluded and negates_a_child(intent, ref.table, lexicon):
            continue  # left unplaced, "haven't" with it
        negated = _negated(items, i) != ref.negated
        item.used = True
        _same_flag_after(items, i, ref)
        intent.mention(ref.table)
        true, false = _truths(lexicon, ref) or ("true", "false")
        intent.filters.append(
            Condition(f"{{col}} = {false if negated else true}", table=ref.table, column=ref.column)
        )


# Words that leave rows out: what follows names the rows, not a parent without any of them.
_EXCLUDING = frozenset(
    {"excluding", "ignoring", "ignore", "leaving out", "leave out", "not counting", "except",
     "disregarding", "skipping", "setting aside", "barring"}
)  # fmt: skip


def _rows_excluded(items: list[Item], j: int, i: int, table: str) -> bool:
    """'ignoring refunded tickets': an exclusion word, the flag, then its own table's name."""
    k = next_index(items, i)
    named = table_ref(items[k]) if k is not None else None
    return items[j].text in _EXCLUDING and named is not None and named.table == table


def _same_flag_after(items: list[Item], i: int, ref: Ref) -> None:
    """'academic centres' for acad, commented 'academic medical centre': the words that
    follow and name the same flag are the same mention, not a second condition."""
    k = next_index(items, i)
    while k is not None and not items[k].used and items[k].kind == "ref":
        if not any((r.table, r.column) == (ref.table, ref.column) for r in items[k].refs):
            return
        items[k].used = True
        k = next_index(items, k)


# Text columns that hold a yes/no answer ('Y if the rate is fixed, N if variable'): flags.
_TEXT_TRUTHS = ({"Y", "N"}, {"Yes", "No"}, {"YES", "NO"}, {"T", "F"}, {"y", "n"})


def _truths(lexicon: Lexicon, ref: Ref) -> tuple[str, str] | None:
    """The SQL literals for true and false of a flag column: a boolean, or a Y/N text."""
    if not ref.column:
        return None
    column = lexicon.catalog.table(ref.table).column(ref.column)
    if column.family == "boolean":
        return "true", "false"
    held = set(column.profile.top_values) if column.profile and column.family == "text" else set()
    for pair in _TEXT_TRUTHS:
        if held and held <= pair and len(pair) == 2:
            yes, no = sorted(pair, key=lambda v: v[0] not in "YyT")
            return f"'{yes}'", f"'{no}'"
    return None

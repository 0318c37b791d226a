"""Readings that are complete and answer another question: the audit's concerns about the
result as a whole, not about one pass's words. A condition on every row of another table read
as "at least one", a top-N of one table cut as groups of another, a count that admits zero
per a column of the filtered table, rows counted where each holds the quantity asked for, and
a kind of one table's rows read as a value of a table the request does not name."""

from __future__ import annotations

import re
from itertools import pairwise

from datamorph.planning.intent import Intent
from datamorph.planning.lexicon import Lexicon, Ref, split_name, stem
from datamorph.planning.linking import COPULAS, Item
from datamorph.planning.util import next_index, previous_index, table_ref


def concerns(items: list[Item], intent: Intent, lexicon: Lexicon) -> list[str]:
    return [
        *_every_one_of_theirs(items, intent),
        *_ranked_rows_lost(items, intent),
        *_empty_groups_lost(intent),
        *_rows_counted_for_a_quantity(intent, lexicon),
        *_qualifier_from_an_unnamed_table(items, intent),
        *_state_of_an_unnamed_table(items, intent),
        *_instants_grouped(intent, lexicon),
        *_amount_not_computed(items, intent),
    ]


def _every_one_of_theirs(items: list[Item], intent: Intent) -> list[str]:
    """'owners whose walks are all finished', 'owners where every walk was finished': a
    condition on every row of another table, which a filter (any one of them) does not say."""
    if intent.groups:
        return []  # "total value of all orders that weren't cancelled, by cuisine"
    listed = intent.tables[0] if intent.tables else None
    # "total value of all orders that weren't cancelled": every row is summed, none selected
    conditioned = {c.table for c in intent.filters} - {m.table for m in intent.measures}
    found = []
    for i, item in enumerate(items):
        if item.text not in _EVERY:
            continue
        for k in (previous_index(items, i), next_index(items, i)):
            said = table_ref(items[k]) if k is not None else None
            table = said.table if said is not None else None
            if table is not None and table != listed and table in conditioned:
                found.append(
                    f'"{item.text}" asks that every {table} row of each {listed} row meets the '
                    f"condition; the plan keeps those with at least one"
                )
                break
    return found


def _ranked_rows_lost(items: list[Item], intent: Intent) -> list[str]:
    """'the top 2 mechanics per make': the rows ranked are mechanics; a result of one row per
    make, ranked and cut at 2, answers another question."""
    if not intent.groups or intent.limit is None or intent.rank_within is not None:
        return []
    for i, item in enumerate(items):
        if not item.is_kw("agg", "top", "bottom"):
            continue
        j = next_index(items, i)
        k = next_index(items, j) if j is not None and items[j].kind == "number" else j
        ranked = table_ref(items[k]) if k is not None else None
        if ranked is not None and not any(g.table == ranked.table for g in intent.groups):
            grouped = intent.groups[0].column or intent.groups[0].table
            return [f'"{item.text}" ranks {ranked.table}, but the result has one row per {grouped}']
    return []


def _qualifier_from_an_unnamed_table(items: list[Item], intent: Intent) -> list[str]:
    """'contract recruiters' kept by requisition.employment_type = 'contract', 'kids' passes'
    by lesson.ltype = 'KID': a word before a table's name says what kind of its rows; a value
    of a table the request names nowhere else is another table's kind, joined in for it."""
    named = _named_tables(items)
    for i, item in enumerate(items[:-1]):
        owner = table_ref(items[i + 1])
        values = [r for r in item.refs if r.kind == "value"]
        if owner is None or item.kind != "ref" or item.owner or len(values) != len(item.refs):
            continue  # "Dumont's sections": an owner, whose table the join reaches
        for ref in values:
            if ref.table != owner.table and _kept_from_elsewhere(ref, intent, named):
                return [
                    f'"{item.text} {items[i + 1].text}" was read as {ref.label}, a value of a '
                    f"table the request does not name, not as a kind of {owner.table}"
                ]
    return []


def _state_of_an_unnamed_table(items: list[Item], intent: Intent) -> list[str]:
    """'claims that are still open' kept by rental.status = 'O': a state said of one table's
    rows is theirs; a value of a table the request names nowhere else answers for other rows."""
    named = _named_tables(items)
    for i, item in enumerate(items):
        values = [r for r in item.refs if r.kind == "value"]
        if item.kind != "ref" or not values:
            continue
        subject = _predicated_of(items, i)
        for ref in values:
            if subject and ref.table != subject and _kept_from_elsewhere(ref, intent, named):
                return [
                    f'"{item.text}" is said of {subject}, but the plan reads it as {ref.label}, '
                    f"a value of a table the request does not name"
                ]
    return []


def _predicated_of(items: list[Item], i: int) -> str | None:
    """The table a predicate word is said of: 'claims are still open', 'orders not yet paid'."""
    k = i - 1
    while k >= 0 and (items[k].text in _LINKING or items[k].kind == "punct"):
        k -= 1
    if k == i - 1 or k < 0 or not any(items[j].text in COPULAS for j in range(k + 1, i)):
        return None
    said = table_ref(items[k])
    return said.table if said is not None else None


def _kept_from_elsewhere(ref: Ref, intent: Intent, named: set[str]) -> bool:
    """A value the plan filters on, of a table the request names nowhere."""
    kept = any(c.table == ref.table and c.column == ref.column for c in intent.filters)
    return kept and ref.table not in named


def _named_tables(items: list[Item]) -> set[str]:
    return {
        r.table
        for x in items
        if x.kind == "ref"
        for r in x.refs
        if r.kind == "table" or (r.kind == "column" and not r.weak)
    }


def _instants_grouped(intent: Intent, lexicon: Lexicon) -> list[str]:
    """'for each sales channel' grouped by event.onSaleAt: one group per instant is no period
    anyone asks for; a time column is grouped by a day, a month or a year."""
    for group in intent.groups:
        if group.column is None or group.grain:
            continue
        table = lexicon.catalog.table(group.table)
        if table.has_column(group.column) and table.column(group.column).type.upper().startswith(
            "TIMESTAMP"
        ):
            return [
                f"the plan makes one group per distinct time of {group.table}.{group.column}; "
                "say the period (per day, per month) if that is what is meant"
            ]
    return []


def _amount_not_computed(items: list[Item], intent: Intent) -> list[str]:
    """'How much did we take in booking fees?' asks for an amount; a plan that lists the fee
    of every ticket answers which fees there were."""
    said = any(a.text == "how" and b.text == "much" for a, b in pairwise(items))
    # "how much is the Pro yearly plan": one row looked up, whose money is the amount
    looked_up = any(
        re.match(r"\{col\} (?:= |IN \()", c.sql_template)
        and not re.search(r"= (?:true|false)\b", c.sql_template, re.I)
        for c in intent.filters
    )
    if said and not (intent.measures or intent.derived or looked_up):
        return ["'how much' asks for an amount, but the plan computes none: it lists rows"]
    return []


def _rows_counted_for_a_quantity(intent: Intent, lexicon: Lexicon) -> list[str]:
    """'page views per section' on `PageViewDaily(view_date, views)`: each row holds a number
    of views; counting the rows answers how many days were recorded, not how many views."""
    for measure in intent.measures:
        if measure.fn != "count" or measure.column is not None or measure.derived is not None:
            continue
        table = lexicon.catalog.table(measure.table)
        named = {stem(w) for w in split_name(table.name)}
        for column in table.columns:
            words = split_name(column.name)
            if column.family == "numeric" and len(words) == 1 and stem(words[0]) in named:
                return [
                    f"the plan counts rows of {table.name}, but each row holds a number of "
                    f"{column.name} ({table.name}.{column.name}), which may be what is asked"
                ]
    return []


def _empty_groups_lost(intent: Intent) -> list[str]:
    """'which gallery had the fewest exhibitions opening in 2024': a gallery with none in 2024
    has the fewest, but the filter removes its rows and with them the gallery; a count that
    admits zero, per a column of the filtered table, answers for the other groups only."""
    from datamorph.planning.joinshape import zero_admitting_counts

    if intent.preserve:
        return []
    counted = {m.table for m in zero_admitting_counts(intent)}
    filtered = {c.table for c in intent.filters}
    for group in intent.groups:
        if group.column and not group.grain and group.table in counted & filtered:
            return [
                f"a {group.column} whose {group.table} rows all fail the conditions has a count "
                f"of 0, but the plan lists only the {group.column} values that keep a row"
            ]
    return []


_EVERY = frozenset({"all", "every", "always"})
_LINKING = COPULAS | {"still", "currently", "now", "yet", "already", "not", "no", "longer"}

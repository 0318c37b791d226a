"""The last pass: what the other passes left. A column a listing names is shown (with the
row's key and label first); a column beside an aggregate is a grouping only when it is a
dimension said by its own name; a table named is in play; a keyword that needs no element is
consumed. Everything else stays unplaced, so the request is refused naming it."""

from __future__ import annotations

from datamorph.planning.builder import label_of
from datamorph.planning.discourse import is_participle, is_verb_form
from datamorph.planning.intent import Group, Intent
from datamorph.planning.lexicon import Lexicon, Ref, stem
from datamorph.planning.linking import Item
from datamorph.planning.measures import is_dimension, is_temporal, state_before_noun
from datamorph.planning.util import (
    column_ref,
    entity_key,
    next_index,
    previous_index,
    table_ref,
    tables_pointed_to,
    totals_of,
)

_COPULAS = frozenset({"was", "were", "is", "are", "been", "be", "being", "get", "got"})


def _predicate(items: list[Item], k: int) -> bool:
    """A participle after 'were', 'is', 'got': what the rows are said to be."""
    return (
        k > 0
        and items[k - 1].text in _COPULAS
        and is_participle(items[k].text)
        and table_ref(items[k]) is None  # "units were ordered": the orders, a relation
    )


def _object_of_a_verb(items: list[Item], k: int) -> bool:
    """'paid rent', 'renewed contracts': a noun right after a verb of the request is what the
    verb acted on; showing it as a column would answer another question."""
    before = previous_index(items, k)
    if before is None or items[before].kind == "kw" or items[before].text in _COPULAS:
        return False
    verb = items[before]
    if not (is_participle(verb.text) and table_ref(verb) is None and _column_ref_only(verb)):
        return False
    # a verb said of a subject ("who paid rent", "have ever paid rent"), not an adjective
    # before its noun ("refrigerated vehicles", "planned downtime")
    return before > 0 and items[before - 1].text in _SUBJECT_MARKERS


_SUBJECT_MARKERS = frozenset({"have", "has", "had", "ever", "who", "that", "which", "they", "we"})


def _column_ref_only(item: Item) -> bool:
    return item.kind in {"word", "filler"} or all(r.kind == "column" for r in item.refs)


def _qualified_elsewhere(
    items: list[Item], k: int, intent: Intent, lexicon: Lexicon, ref: Ref
) -> bool:
    """'customers with a VIP status': the word before the column was read on another table
    (customers.is_vip), so "status" is the status of that, not the repairs' status column; a
    column of a table no other element touches, whose rows are many for each listed row, is
    then left unplaced."""
    before = previous_index(items, k)
    qualifier = items[before] if before is not None else None
    if qualifier is None or not qualifier.used or qualifier.kind != "ref":
        return False
    if all(r.table == ref.table for r in qualifier.refs):
        return False
    from datamorph.planning.shaping import referenced

    listed = intent.tables[0] if intent.tables else None
    if listed is None or ref.table in referenced(intent):
        return False
    return ref.table not in tables_pointed_to(lexicon, listed)  # one value per listed row


def _listed(items: list[Item], k: int) -> bool:
    """'title, performer and date': the last of a list of columns, a noun, not a verb form."""
    if k < 2 or is_participle(items[k].text) or items[k].text.endswith("ed"):
        return False
    joined = items[k - 1].text in {",", "and"}
    return joined and items[k - 2].used and items[k - 2].kind == "ref"


def _plural_noun(text: str) -> bool:
    return " " not in text and text.endswith("s") and stem(text) != text and not is_verb_form(text)


def _asks_for_values(items: list[Item]) -> bool:
    """'Which countries ...', 'what genres ...': a question about a column's values, plural."""
    content = [x for x in items if x.kind != "punct"]
    if content and content[0].text in {"in", "from", "at", "for", "to", "on", "of", "by"}:
        content = content[1:]  # "in which cities do they live", "from which countries"
    if len(content) < 2 or content[0].text not in {"which", "what"}:
        return False
    named = content[1]
    is_column = named.kind == "ref" and table_ref(named) is None
    return is_column and named.text != stem(named.text)


def key_first(intent: Intent, lexicon: Lexicon, table: str) -> None:
    """Listed columns of a table start with its key, so each row says which row it is."""
    key = entity_key(lexicon, table)
    if key is not None and (table, key) not in intent.columns and intent.auto_key is None:
        intent.columns.insert(0, (table, key))
        intent.auto_key = (table, key)
        label = label_of(lexicon.catalog.table(table))  # and what a person calls the row
        if label is not None and (table, label) not in intent.columns:
            intent.columns.insert(1, (table, label))
            intent.auto_label = (table, label)


# Keywords that need no element of their own; every other keyword a pass did not realise
# ("not", "never", "monthly", "sorted", ...) is reported as unplaced.
_CONSUMED_CLASSES = frozenset({"and", "as", "join", "on"})


# "this season", "the current term": one value, which no value said here names ("that premium"
# points back at a column already read)
DEICTIC = frozenset({"this", "these", "current", "next"})


def leftovers(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    aggregated = bool(intent.measures or intent.groups)
    for k, item in enumerate(items):
        if item.used:
            continue
        if item.kind == "ref" and k and items[k - 1].is_kw("not"):
            continue  # "ignoring refunded tickets": a condition, never a grouping on the flag
        if item.kind == "ref" and _predicate(items, k):
            continue  # "orders that were tipped": a condition not read, never a column shown
        if item.kind == "ref" and _object_of_a_verb(items, k):
            continue  # "tenants who paid rent in cash": what was paid, never a column shown
        if item.kind == "ref":
            ref = column_ref(item, intent)
            if (
                ref is not None
                and ref.weak
                and (is_verb_form(item.text) or is_temporal(lexicon, ref))
                and not (not aggregated and (_plural_noun(item.text) or _listed(items, k)))
            ):
                # "returned", "open": no grouping on returned_on, it stays unplaced; "names
                # and dates" in a list asks to show them
                continue
            if ref is not None and ref.column and not (table_ref(item) and not ref.column):
                if aggregated and totals_of(intent, ref.table, ref.column):
                    item.used = True  # "total kills ... name and kills": the total, shown
                    continue
                if aggregated and not is_dimension(lexicon, ref):
                    continue  # a number left over is no grouping: it stays unplaced
                if aggregated and ref.weak and _label_of_a_group(ref, intent, lexicon):
                    item.used = True  # "top 5 courses by enrolments - title and count"
                    continue
                if aggregated and ref.weak:
                    continue  # "an item" is not a grouping on order_item_id, "req" on req_code
                if aggregated and state_before_noun(items, k, lexicon):
                    continue  # "open tickets per agent": no grouping by each opening instant
                if aggregated and is_temporal(lexicon, ref) and is_participle(item.text):
                    continue  # "how many clients paid at fuel shops": no grouping by paid_at
                if k and items[k - 1].text in DEICTIC:
                    continue  # "sold for this season": one season, which no value here says
                item.used = True
                if aggregated:
                    if not any(
                        g.table == ref.table and g.column == ref.column for g in intent.groups
                    ):
                        intent.groups.append(Group(ref.table, ref.column))
                elif not aggregated and _qualified_elsewhere(items, k, intent, lexicon, ref):
                    item.used = False  # "customers with a VIP status": not the repairs' status
                elif (ref.table, ref.column) == intent.auto_label:
                    intent.auto_label = None  # "tag, name and district code": asked for
                elif (ref.table, ref.column) not in intent.columns:
                    intent.columns.append((ref.table, ref.column))
                    key_first(
                        intent,
                        lexicon,
                        intent.preserve or intent.tables[0] if intent.tables else ref.table,
                    )
            elif table_ref(item) is not None:
                item.used = True
        elif (
            item.kind == "word"
            and item.text == "new"
            and _new_per_period(items, k, intent, lexicon)
        ):
            item.used = True  # "new members per month": counted in the month they joined
        elif item.is_kw("group", "per") and intent.groups and _pronoun_each(items, item):
            item.used = True  # "how much did each spend": each of the groups already read
        elif item.is_kw("distinct"):
            item.used = True
            intent.distinct = not aggregated
        elif item.kind == "kw" and item.cls in _CONSUMED_CLASSES:
            j = next_index(items, items.index(item))
            if item.cls == "as" and (
                j is None or items[j].kind == "punct" or items[j].is_kw("and")
            ):
                item.kind = "word"  # "what it's called": the name it asks for is not placed
                continue
            item.used = True
    if not aggregated and intent.columns and _asks_for_values(items):
        intent.distinct = True  # "which countries do we have properties in": the countries
    if intent.distinct and intent.auto_key in intent.columns:
        intent.columns.remove(intent.auto_key)  # "the distinct countries": no key per row
        if intent.auto_label in intent.columns:
            intent.columns.remove(intent.auto_label)


def _new_per_period(items: list[Item], k: int, intent: Intent, lexicon: Lexicon) -> bool:
    """'new' before a table whose rows are counted per period of their only date (a row is
    new in the period it was recorded); with several dates, which one makes it new is asked."""
    j = next_index(items, k)
    ref = table_ref(items[j]) if j is not None else None
    if ref is None or any(m.table != ref.table for m in intent.measures):
        return False
    if not intent.groups:  # "new learners who signed up last month": new in that period
        return _in_a_period_of_their_own(ref.table, intent, lexicon)
    dates = [c for c in lexicon.catalog.table(ref.table).columns if c.family == "temporal"]
    return len(dates) == 1 and all(g.grain and g.table == ref.table for g in intent.groups)


def _label_of_a_group(ref: Ref, intent: Intent, lexicon: Lexicon) -> bool:
    """The name column of a table grouped as an entity: shown with each group anyway."""
    grouped = any(g.table == ref.table and g.column is None for g in intent.groups)
    return grouped and label_of(lexicon.catalog.table(ref.table)) == ref.column


def _in_a_period_of_their_own(table: str, intent: Intent, lexicon: Lexicon) -> bool:
    columns = {(c.table, c.column) for c in intent.filters if c.table == table and c.column}
    if intent.relative is not None and intent.relative.column[0] == table:
        columns.add(intent.relative.column)
    return any(lexicon.catalog.table(t).column(str(c)).family == "temporal" for t, c in columns)


def _pronoun_each(items: list[Item], item: Item) -> bool:
    if item.text != "each":
        return item.text.startswith("each ")
    j = next_index(items, items.index(item))
    return j is None or items[j].kind not in {"ref", "word"}


_NAME_WORDS = frozenset({"name", "names"})


def label_words(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'names of agents', 'agent names', 'the name of each customer': the column that names a
    row of that table (its label), when the table has one; otherwise 'name' stays unplaced."""
    for i, item in enumerate(items):
        if item.used or item.kind != "word" or item.text not in _NAME_WORDS:
            continue
        j = previous_index(items, i)
        k = next_index(items, i)
        if k is not None and items[k].is_kw("group", "per"):  # "name of each customer"
            k = next_index(items, k)
        owner = table_ref(items[j]) if j is not None else None
        if owner is None and k is not None:
            owner = table_ref(items[k])
        label = label_of(lexicon.catalog.table(owner.table)) if owner is not None else None
        if owner is not None and label is not None:
            item.kind = "ref"
            item.refs = [Ref("column", owner.table, label, via=f"the label of {owner.table}")]

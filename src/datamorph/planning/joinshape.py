"""Passes on the shape of the join: rows kept with no match (left join) or only those with
none (anti join), flags compared side by side ("remote vs non-remote"), and zero-filled totals."""

from __future__ import annotations

import operator
import re

from datamorph.catalog import Table
from datamorph.planning.intent import Group, Intent, Measure
from datamorph.planning.joins import role_words
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item
from datamorph.planning.util import (
    next_index,
    previous_index,
    table_ref,
)


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
        near = [x for x in items[max(0, i - 4) : i] if x.is_kw("left")]
        zeroed = any(x.text == "zero" or (x.kind == "number" and x.value == 0) for x in items)
        said = zeroed or any(x.is_kw("left") for x in items)  # "... as zero": kept, as 0
        left = bool(near) or (_measured(items, other.table) and said)
        if left and kept:  # "including customers without orders": the left join says it
            for x in near or [x for x in items if x.is_kw("left")]:
                x.used = True
        item.used = items[j].used = True
        _absorb_object(items, j, intent)
        if left and kept:
            intent.preserve = kept
            intent.mention(other.table)
        else:
            intent.anti.append(other.table)
            if other.table in intent.tables:
                intent.tables.remove(other.table)
    _with_none(items, intent)
    for item in items:
        if item.is_kw("left", "all"):
            item.used = True  # "all", "every": no element of their own
        elif item.is_kw("left") and intent.preserve is None:
            j = next_index(items, items.index(item))
            ref = table_ref(items[j]) if j is not None else None
            if ref is not None:  # "including customers ...": every customer is kept
                item.used = True
                intent.preserve = ref.table


def _with_none(items: list[Item], intent: Intent) -> None:
    """'including agents with none', 'agents with none included': every agent is kept, with
    nothing counted for those that have none."""
    for i, item in enumerate(items):
        if item.used or item.text not in {"none", "nothing"}:
            continue
        j = previous_index(items, i)
        while j is not None and items[j].text in {"with", "that", "who", "have", "has"}:
            j = previous_index(items, j)
        ref = table_ref(items[j]) if j is not None else None
        included = [x for x in items if x.is_kw("left") or x.text in {"included", "too"}]
        if ref is None or not included or intent.preserve not in {None, ref.table}:
            continue
        intent.preserve = ref.table
        for x in [item, *included]:
            x.used = True


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
        if item.is_kw("agg", "count", "sum", "avg"):  # "number of rooms", "room count"
            for j in (next_index(items, i), previous_index(items, i)):
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


def _none_of(items: list[Item], at: int) -> bool:
    """'don't run any', 'haven't got any': a negated verb whose object is 'any' alone."""
    ahead = items[at + 1 : at + 4]
    stop = next((k for k, x in enumerate(ahead) if x.text in {"any", "anything"}), None)
    if stop is None:
        return False
    after = items[at + 2 + stop] if at + 2 + stop < len(items) else None
    return after is None or after.kind in {"punct", "filler"} or after.is_kw("cmp")


_HAVE = frozenset({"have", "has", "had"})
_FILL_VERBS = frozenset({"treating", "counting", "showing", "taking", "reporting"})


def zero_fill(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'(show 0 for those)', 'counting a missing bonus as 0': empty measures become 0."""
    for at, item in enumerate(items):
        if item.text == "none" and intent.preserve and at and items[at - 1].text in _HAVE:
            item.used = True  # "including lines that have none": the kept rows, as zeros
            continue
        zeroed = intent.preserve or any(x.text == "zero" or x.value == 0 for x in items)
        if item.is_kw("not") and not item.used and zeroed and _none_of(items, at):
            item.used = True  # "departments that don't run any should show zero"
            continue
        zero = (item.kind == "number" and item.value == 0) or item.text == "zero"
        if zero and not item.used:
            item.used = True
            intent.zero_fill = True
            at = items.index(item)
            for x in items[max(0, at - 10) : at]:
                if x.text in _FILL_VERBS:  # "treating a missing discount as zero"
                    x.used = True


OWN = frozenset({"home", "own"})


def own_reference(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'members whose home club is in Munich': the club a member's row points to, when the
    member has exactly one key to clubs; otherwise 'home' stays unplaced."""
    for i, item in enumerate(items[:-1]):
        if item.used or item.text not in OWN or not intent.tables:
            continue
        target = table_ref(items[i + 1])
        subject = lexicon.catalog.table(intent.tables[0])
        if target is None or target.table == subject.name:
            continue
        keys = [fk for fk in subject.foreign_keys if fk.ref_table.lower() == target.table.lower()]
        if len(keys) == 1 and len(intent.tables) == 2 and target.table in intent.tables:
            item.used = True


def zero_keeps_groups(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'how many projects does each department run? ... should show zero': a zero for a group
    that has no rows keeps that group, so the grouped table is kept whole (a left join)."""
    if not intent.zero_fill:
        return
    measured = {m.table for m in intent.measures}
    for table in [t for t in intent.anti if t in measured]:
        # "properties that have no rooms yet as zero": the rows shown as zero, not a filter
        intent.anti.remove(table)
        intent.mention(table)
    if intent.preserve is not None:
        return
    entities = [g.table for g in intent.groups if g.column is None]
    if len(entities) == 1 and entities[0] not in measured and len(intent.groups) == 1:
        intent.preserve = entities[0]


def zero_admitted(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'owners with at most one walk', 'fewer than 3 orders', 'the fewest walks': a count kept
    (or ranked first) when it is 0 keeps the groups that have no rows at all, so the grouped
    table is kept whole and empty counts are 0; an inner join would silently drop exactly the
    owners with none."""
    counted = zero_admitting_counts(intent)
    if not counted or intent.preserve:
        return
    entities = [g.table for g in intent.groups if g.column is None]
    measured = {m.table for m in counted}
    if len(entities) == 1 and entities[0] not in measured:
        intent.preserve = entities[0]
        intent.zero_fill = True


def zero_admitting_counts(intent: Intent) -> list[Measure]:
    """The counts a group is kept (or ranked first) for when they are 0."""
    counted = [
        c.measure
        for c in intent.having
        if c.measure is not None
        and c.measure.fn.startswith("count")
        and _holds_for_zero(c.sql_template)
    ]
    # "the walker with the fewest walks": a walker with none has the fewest
    counted += [
        o.measure
        for o in intent.order
        if o.measure is not None and o.measure.fn.startswith("count") and not o.desc
    ]
    return counted


_COMPARED = re.compile(r"^\{col\}\s*(<=|>=|<>|!=|<|>|=)\s*(-?\d+(?:\.\d+)?)$")


def _holds_for_zero(template: str) -> bool:
    said = _COMPARED.match(template.strip())
    if said is None:
        return False
    return bool(_OPERATORS[said.group(1)](0, float(said.group(2))))


_OPERATORS = {
    "<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt, "=": operator.eq,
    "<>": operator.ne, "!=": operator.ne,
}  # fmt: skip


_ORIGIN = frozenset({"origin", "orig", "source", "src", "from", "start", "departure", "pickup"})
_DESTINATION = frozenset(
    {"destination", "dest", "target", "to", "end", "arrival", "dropoff", "drop"}
)
_ROLE_OF = {"from": _ORIGIN, "out of": _ORIGIN, "to": _DESTINATION, "into": _DESTINATION}


def roles(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'flights from Madrid', 'trips to Centraal': of two keys to the same table, 'from' is
    the one named origin/source/start, 'to' the one named destination/target/end."""
    for i, item in enumerate(items):
        roles_said = _ROLE_OF.get(item.text)
        j = next_index(items, i)
        if roles_said is None or item.used or j is None or items[j].kind != "ref":
            continue
        table = items[j].refs[0].table
        keys = [
            column
            for other in lexicon.catalog.tables.values()
            if other.name != table
            for column in _keys_to(other, table, lexicon)
        ]
        chosen = [c for c in keys if set(c.lower().split("_")) & roles_said]
        if len(keys) > 1 and len(chosen) == 1:
            intent.named_columns.add(chosen[0].lower())
            item.used = True


def said_roles(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'who's banned at the moment', 'bans issued by Mod_Ember': of two keys to the same table,
    the one whose name holds a word of the request as typed (`banned_player_id`,
    `issued_by_player_id`); 'bans' alone names neither."""
    said = {w for item in items for w in item.text.split()}
    for table in lexicon.catalog.tables.values():
        by_target: dict[str, list[tuple[str, str]]] = {}
        for key in table.foreign_keys:
            if len(key.columns) == 1:
                by_target.setdefault(key.ref_table, []).append((key.columns[0], key.ref_columns[0]))
        for target, pairs in by_target.items():
            chosen = [p for p in pairs if role_words(p[0], target) & said]
            if len(pairs) < 2 or len(chosen) != 1 or _journey(pairs, target, said):
                continue
            # joined on it, as "join ... on" would say; "approved" is read by the join
            intent.join_columns += [chosen[0][0].lower(), chosen[0][1].lower()]
            role = role_words(chosen[0][0], target)
            for item in items:
                if item.kind == "word" and item.text in role:
                    item.used = True


def _journey(pairs: list[tuple[str, str]], target: str, said: set[str]) -> bool:
    """Keys of an origin and a destination, with 'from' or 'to' said: `roles` reads them, and
    'destination cities of flights from Madrid' is both ends at once, never one."""
    ends = _ORIGIN | _DESTINATION
    return bool(said & set(_ROLE_OF)) and any(role_words(c, target) & ends for c, _ in pairs)


def _keys_to(table: Table, target: str, lexicon: Lexicon) -> list[str]:
    return [
        k.left_column
        for k in lexicon.catalog.join_keys(table.name, target)
        if k.score >= 0.6 and k.left_column.lower() != (table.entity_key or "").lower()
    ]

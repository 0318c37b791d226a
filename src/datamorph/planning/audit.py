"""The planner checks its own reading before it builds: words and elements must answer for
each other.

Each pass consumes some words and adds some elements (`passes.run_all` records a `Step` for
each). A plan is trusted only when the two directions hold:
- every element that changes the answer (a filter, a group, a measure, a sort, a limit, an
  exclusion) was produced by at least one word: nothing is added by default;
- every word that names a column or a value is used by an element of the same pass that
  touches that column (or its table): a word is not swallowed by an element it says nothing
  about ("by loan type" absorbed into an average of days);
- a literal (a number, a date, a quoted value) is read once: "4%" is not both a threshold and
  a computed increase.
A concern refuses the plan; the user sees the words and what they became, and rephrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from datamorph.planning import misreadings
from datamorph.planning.intent import (
    Condition,
    Derived,
    Group,
    Intent,
    Measure,
    OrderKey,
    RankWithin,
)
from datamorph.planning.lexicon import Lexicon
from datamorph.planning.linking import Item
from datamorph.planning.measures import family, is_temporal

_ANSWER_CHANGING = ("filters", "having", "groups", "measures", "order", "anti", "derived",
                    "versus_average", "versus_overall", "limit", "rank_within", "relative",
                    "window")  # fmt: skip
# a number compared with: "{col} > 0.04", not the 1 of "INTERVAL 1 YEAR"
_NUMBER = re.compile(r"(?:[<>]=?|!=|<>|=)\s*(-?\d+(?:\.\d+)?)(?![\w.'])")


@dataclass
class Step:
    """One pass: the items it consumed and the elements it added, as (list name, element)."""

    name: str
    words: set[int]
    elements: list[tuple[str, Any]] = field(default_factory=list)


def touched(element: Any) -> tuple[set[tuple[str, str]], set[str]]:
    """The (table, column) pairs and the tables an element reads."""
    columns: set[tuple[str, str]] = set()
    tables: set[str] = set()
    _collect(element, columns, tables)
    return columns, tables


def _collect(value: Any, columns: set[tuple[str, str]], tables: set[str]) -> None:
    if isinstance(value, Measure):
        tables.add(value.table)
        if value.column:
            columns.add((value.table, value.column))
        _collect(value.derived, columns, tables)
    elif isinstance(value, Derived):
        columns.update(value.columns)
        tables.update(t for t, _ in value.columns)
    elif isinstance(value, Group | Condition | OrderKey):
        if value.table:
            tables.add(value.table)
            if value.column:
                columns.add((value.table, value.column))
        _collect(getattr(value, "measure", None), columns, tables)
    elif isinstance(value, RankWithin):
        _collect(value.group, columns, tables)
        _collect(value.by, columns, tables)
    elif hasattr(value, "anchor") and hasattr(value, "column"):  # Relative
        _collect(value.column, columns, tables)
    elif isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        columns.add(value)
        tables.add(value[0])
    elif isinstance(value, tuple | list):
        for part in value:
            _collect(part, columns, tables)
    elif isinstance(value, str):
        tables.add(value)


def concerns(items: list[Item], intent: Intent, lexicon: Lexicon) -> list[str]:
    """What the reading cannot account for, one sentence each; empty when it holds."""
    steps: list[Step] = intent.trace
    named = _named(items)
    keys = {c.lower() for c in intent.join_columns}  # "join ... on customer_id"
    in_plan = (*_touched_by_all(steps), keys)
    found: list[str] = []
    said_tables = _touched_by_all([s for s in steps if _said(items, s)])[1]
    for step in steps:
        found += _unsaid_elements(items, step, named, said_tables)
        found += _swallowed_words(items, step, in_plan, lexicon)
        found += _table_word_as_filter(items, step, lexicon)
        found += _shown_instead_of_value(items, step, in_plan[1])
        found += _qualifier_shown_from_elsewhere(items, step)
    found += _literals_read_twice(items, steps)
    found += _contradictions(intent.filters)
    found += misreadings.concerns(items, intent, lexicon)
    return list(dict.fromkeys(found))


_OPPOSITES = (("= true", "= false"), ("IS NULL", "IS NOT NULL"), ("= '", "!= '"))


def _contradictions(filters: list[Condition]) -> list[str]:
    """'US sites that aren't academic centres' read as acad = false and acad = true: two
    conditions on one column that no row can meet together mean a word was read twice."""
    found = []
    for a in filters:
        for b in filters:
            if a is b or (a.table, a.column) != (b.table, b.column) or not a.column:
                continue
            for yes, no in _OPPOSITES:
                if a.sql_template.replace(yes, no, 1) == b.sql_template and yes in a.sql_template:
                    found.append(
                        f"{a.table}.{a.column} is kept both {a.sql_template[6:]} and "
                        f"{b.sql_template[6:]}"
                    )
    return found


def _named(items: list[Item]) -> set[tuple[str, str | None]]:
    """Every table (table, None) and column a word of the request names."""
    return {(r.table, r.column) for x in items if x.kind == "ref" for r in x.refs}


def _touched_by_all(steps: list[Step]) -> tuple[set[tuple[str, str]], set[str]]:
    columns: set[tuple[str, str]] = set()
    tables: set[str] = set()
    for step in steps:
        for _, element in step.elements:
            more_columns, more_tables = touched(element)
            columns |= more_columns
            tables |= more_tables
    return columns, tables


def _said(items: list[Item], step: Step) -> bool:
    return any(items[i].kind != "filler" for i in step.words)


def _unsaid_elements(
    items: list[Item], step: Step, named: set[tuple[str, str | None]], said_tables: set[str]
) -> list[str]:
    """An element no word produced is fine only when what it reads was named elsewhere:
    'top 5 customers by total amount' groups by the customers its ranking named, and
    'superhosts per venue' counts the hosts its flag reads."""
    if _said(items, step):
        return []
    from datamorph.planning.reading import describe

    found = []
    for kind, element in step.elements:
        if kind not in _ANSWER_CHANGING:
            continue
        columns, tables = touched(element)
        if all((t, None) in named for t in tables) or any(c in named for c in columns):
            continue
        if kind == "measures" and _whole(element) and element.table in said_tables:
            continue
        found.append(f"no word of the request asks to {describe(kind, element)}")
    return found


def _swallowed_words(
    items: list[Item],
    step: Step,
    in_plan: tuple[set[tuple[str, str]], set[str], set[str]],
    lexicon: Lexicon,
) -> list[str]:
    """A word that names only columns must be read as one of them somewhere in the plan, or
    be the event verb of a table the pass reads ('never borrowed' for loans.borrowed_at).
    Partial matches ('rate' in base_rate_usd) are guesses the linker offered, not claims."""
    columns, tables = _touched_by_all([step])
    whole = _whole_tables(step)  # "never watched": the word is the event of the sessions table
    found = []
    for i in sorted(step.words):
        item = items[i]
        refs = [r for r in item.refs if _claims(item, r, in_plan[1])]
        if item.kind != "ref" or not refs or any(r.kind == "table" for r in item.refs):
            continue
        if any(
            (r.table, r.column) in columns
            or (r.table, r.column) in in_plan[0]
            or (r.column or "").lower() in in_plan[2]
            or (r.table in tables and is_temporal(lexicon, r))
            or r.table in whole
            or _qualifies_table(items, i, r.table, in_plan[1])
            for r in refs
        ):
            continue
        names = " or ".join(dict.fromkeys(r.label for r in refs))
        found.append(f'"{item.text}" names {names}, which the plan does not use for it')
    return found


def _qualifies_table(items: list[Item], i: int, table: str, tables: set[str]) -> bool:
    """'watch sessions': a word said just before its own table's name is a kind of that
    table's rows, not a claim on the column (watch_seconds) it shares a part with."""
    after = items[i + 1] if i + 1 < len(items) else None
    return (
        table in tables
        and after is not None
        and any(r.kind == "table" and r.table == table and not r.weak for r in after.refs)
    )


def _claims(item: Item, ref: Any, tables: set[str]) -> bool:
    """Whether a link is a claim the plan must honour, not a guess the linker offered: a
    partial name ('rate' in base_rate_usd) is a guess; so is a value reached from another word
    form ('opened' for 'open', 'same' for 'Sam') or stored in a table the plan does not read
    (values collide across tables: 'closed' claims and a ticket stage 'closed')."""
    if ref.weak:
        return False
    if ref.kind != "value":
        return True
    return ref.table in tables and _plain(item.text) == _plain(str(ref.value))


def _plain(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _whole_tables(step: Step) -> set[str]:
    """Tables an element of the step reads as a whole: rows counted, rows without a match,
    groups of the entity, the table itself."""
    found = set()
    for kind, element in step.elements:
        if kind in {"anti", "tables", "preserve"} and isinstance(element, str):
            found.add(element)
        elif _whole(element):
            found.add(element.table)
    return found


def _whole(element: Any) -> bool:
    if isinstance(element, Measure):
        return element.column is None and element.derived is None
    return isinstance(element, Group) and element.column is None


def _shown_instead_of_value(items: list[Item], step: Step, tables: set[str]) -> list[str]:
    """'Open bugs' shown with their opened date when 'open' is also a status: a word that can
    be a condition is not quietly read as a column to show. A word naming a table ('offers')
    is the entity, and a value of a table the plan does not read is no candidate."""
    if not step.elements or any(kind != "columns" for kind, _ in step.elements):
        return []
    found = []
    for i in sorted(step.words):
        item = items[i]
        if item.kind != "ref" or any(r.kind == "table" and not r.weak for r in item.refs):
            continue
        values = [r for r in item.refs if r.kind == "value" and not r.weak and r.table in tables]
        if values:
            found.append(
                f'"{item.text}" could mean {values[0].label}, but it was read as a column to show'
            )
    return found


def _qualifier_shown_from_elsewhere(items: list[Item], step: Step) -> list[str]:
    """'PhD students' showing instructors.phd_yr: a word said before a table's name is a kind
    of that table's rows; a part of another table's column name is no reading of it."""
    shown = {element for kind, element in step.elements if kind == "columns"}
    found = []
    for i in sorted(step.words):
        item, after = items[i], items[i + 1] if i + 1 < len(items) else None
        if item.kind != "ref" or after is None or not item.refs:
            continue
        owners = {r.table for r in after.refs if r.kind == "table" and not r.weak}
        if not owners or not all(r.weak and r.table not in owners for r in item.refs):
            continue
        for r in item.refs:
            if (r.table, r.column) in shown:
                found.append(
                    f'"{item.text} {after.text}" was read as {r.label} shown beside '
                    f"{next(iter(owners))}, not as a kind of {next(iter(owners))}"
                )
    return found


def _table_word_as_filter(items: list[Item], step: Step, lexicon: Lexicon) -> list[str]:
    """'frozen accounts' keeps only joint accounts when the word naming the table also reaches
    is_joint_account by a part of its name: a table's name is not a condition."""
    found = []
    for kind, element in step.elements:
        if kind != "filters" or not isinstance(element, Condition) or not element.column:
            continue
        column = (element.table, element.column)
        words = [items[i] for i in step.words if items[i].kind == "ref"]
        linking = [r for x in words for r in x.refs if (r.table, r.column) == column]
        if not linking or not all(r.weak for r in linking):
            continue
        if family(lexicon, linking[0]) != "boolean":
            continue
        for word in words:
            if any(r.kind == "table" and not r.weak for r in word.refs) and any(
                (r.table, r.column) == column for r in word.refs
            ):
                found.append(
                    f'"{word.text}" names the table {element.table} and is also read as a '
                    f"condition on {element.table}.{element.column}"
                )
    return found


def _literals_read_twice(items: list[Item], steps: list[Step]) -> list[str]:
    """A condition whose number no word of its own pass gave took it from another element:
    'above 4%' read as a filter and as an increase of 4 % both."""
    found = []
    for step in steps:
        own = {_number(items[i]) for i in step.words} - {None}
        for kind, element in step.elements:
            if kind not in {"filters", "having"} or not isinstance(element, Condition):
                continue
            for said in _NUMBER.findall(element.sql_template):
                value = float(said)
                if own & {value, value * 100, value / 100}:
                    continue
                others = [
                    items[i].text
                    for other in steps
                    if other is not step
                    for i in other.words
                    if _number(items[i]) in {value, value * 100, value / 100}
                ]
                if others:
                    found.append(f'"{others[0]}" is read twice: also as {element.sql_template}')
    return found


def _number(item: Item) -> float | None:
    if item.kind != "number":
        return None
    try:
        return float(item.value)
    except (TypeError, ValueError):
        return None

"""Identifiers typed bare in a request: "policy AU000512", "work orders for SKU-1007", "the
book with ISBN 9784176848787". Such a value is rarely among the catalog's few sampled values,
so it is linked by its shape: the text column whose known values are all written the same way
(same runs of letters and digits, same separators, same letter prefix) is the one it belongs to.
A shape that two columns share is settled by the word before the code ("site S-204"); when that
does not settle it, the code stays unplaced and the request is refused, never guessed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from datamorph.catalog import Column, Table
from datamorph.planning.intent import Condition, Intent
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item
from datamorph.planning.util import previous_index

_RUNS = re.compile(r"[A-Za-z]+|\d+|.")
# Long digit strings that are identifiers, not amounts: ISBNs, phone numbers, account numbers.
_DIGIT_CODE = re.compile(r"\d{6,}")
# Words between a column's name and its value that say nothing more: "ISBN no. 978...".
_NUMBER_WORDS = frozenset({"no", "number", "nr", "id", "code", "ref", "reference"})


def shape(text: str) -> tuple[str, ...]:
    """'SKU-1007' -> ('a3', '-', '94'): letter and digit runs by length, separators as they are."""
    return tuple(
        f"a{len(run)}" if run.isalpha() else f"9{len(run)}" if run.isdigit() else run
        for run in _RUNS.findall(text)
    )


def _prefix(text: str) -> str:
    match = re.match(r"[A-Za-z]+", text)
    return match.group().upper() if match else ""


def _known_values(table: Table, column: Column) -> list[str]:
    values = [str(row[column.name]) for row in table.samples if row.get(column.name) is not None]
    profile = column.profile
    if profile is not None:
        values += [str(v) for v in profile.top_values]
        values += [str(v) for v in (profile.min, profile.max) if v is not None]
    return list(dict.fromkeys(values))


def _written_like(code: str, values: list[str]) -> bool:
    """Every known value has the code's shape, and its letter prefix where they all share one:
    'S-204' among 'S-101', 'S-318'; 'AU000512' among 'RE000001', 'HO000002'."""
    if len(values) < 2:
        return False
    prefixes = {_prefix(v) for v in values}
    if len(prefixes) == 1 and _prefix(code) not in prefixes:
        return False
    return all(shape(v) == shape(code) for v in values)


def candidates(code: str, lexicon: Lexicon) -> list[Ref]:
    """The text columns that hold `code` among their known values, or else whose known values
    are all written like it."""
    found: list[Ref] = []
    shaped: list[Ref] = []
    for table, column in _text_columns(lexicon):
        values = _known_values(table, column)
        if any(v.upper() == code.upper() for v in values):
            found.append(Ref("value", table.name, column.name, _as_stored(code, values)))
        elif _written_like(code, values):
            shaped.append(Ref("value", table.name, column.name, _as_stored(code, values)))
    return _owners(found or shaped, lexicon)


def _owners(found: list[Ref], lexicon: Lexicon) -> list[Ref]:
    """The key a code identifies, not the copies that point to it: `policies.policy_no`, not
    `claims.policy_no` (the join reaches the claims of that policy)."""
    pointing = set()
    for ref in found:
        for key in lexicon.catalog.table(ref.table).foreign_keys:
            target = (key.ref_table, *key.ref_columns)
            if key.columns == (ref.column,) and any((r.table, r.column) == target for r in found):
                pointing.add((ref.table, ref.column))
    return [r for r in found if (r.table, r.column) not in pointing]


def _text_columns(lexicon: Lexicon) -> Iterator[tuple[Table, Column]]:
    for table in lexicon.catalog.tables.values():
        for column in table.columns:
            if column.family == "text":
                yield table, column


def _as_stored(code: str, values: list[str]) -> str:
    """The code in the case its column stores: 'au000512' typed, 'AU000512' stored."""
    exact = next((v for v in values if v.upper() == code.upper()), None)
    if exact is not None:
        return exact
    if all(v == v.upper() for v in values):
        return code.upper()
    return code


def identifiers(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """A bare code, or a long digit string after a column that holds such strings: the row
    whose column has that value."""
    for i, item in enumerate(items):
        if item.used or not _is_code(item, i):
            continue
        said = str(item.value if item.kind == "code" else item.text)
        found = candidates(said, lexicon)
        before = _naming_item(items, i)
        if before is not None:
            named = _named_by(items[before], found)
            found = named or ([] if item.kind == "number" else found)
        if len({(r.table, r.column) for r in found}) != 1:
            continue  # no column or two: left unplaced, the refusal names it
        ref = found[0]
        item.used = True
        if before is not None and _named_by(items[before], found):
            items[before].used = True
        intent.mention(ref.table)
        value = str(ref.value).replace("'", "''")
        intent.filters.append(Condition(f"{{col}} = '{value}'", table=ref.table, column=ref.column))


def _is_code(item: Item, i: int) -> bool:
    if item.kind == "code":
        return True
    # a long number is an identifier only after a word that names a text column of such digits
    return item.kind == "number" and bool(_DIGIT_CODE.fullmatch(item.text)) and i > 0


def _naming_item(items: list[Item], i: int) -> int | None:
    """The word that names what the code identifies: 'policy AU000512', 'ISBN no. 978...'."""
    k = previous_index(items, i)
    while k is not None and items[k].kind in {"word", "filler"} and items[k].text in _NUMBER_WORDS:
        k = previous_index(items, k)
    if k is None or items[k].kind != "ref" or items[k].used:
        return None
    return k


def _named_by(item: Item, found: list[Ref]) -> list[Ref]:
    """The candidates in the table the word names ('policy'), or else the column it names."""
    tables = {r.table for r in item.refs if r.kind == "table"}
    if tables:
        return [r for r in found if r.table in tables]
    columns = {(r.table, r.column) for r in item.refs if r.kind == "column"}
    return [r for r in found if (r.table, r.column) in columns]

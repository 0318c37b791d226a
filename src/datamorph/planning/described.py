"""What a column is called besides its name: the phrases of its comment ('on-time delivery
flag'), the meanings its comment gives to coded values ('D done, S scheduled'), what makes a
flag true ('True if the field can be irrigated'), and WordNet's synonyms of a person's name
parts ('first name' for given_name). Each phrase comes with the ref it names; the lexicon
indexes them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from datamorph.catalog import Column, Table
from datamorph.planning.lexicon import IDENTIFIERS, MAX_PHRASE, UNITS, Ref, split_name
from datamorph.planning.tokens import fold

Phrase = tuple[tuple[str, ...], Ref]

# 'D done', 'FERT fertiliser', 'SL sandy loam': a code in capitals, then what it means
_CODED = re.compile(r"(?P<code>[A-Z][A-Z0-9]{0,5})\s+(?:=\s*)?(?P<meaning>[A-Za-z][\w /-]*)$")
_FLAG_COMMENT = re.compile(r"true\s*(?:if|when|=|:|-|means)\s*(?P<clause>.+)")
_FILLER = frozenset(
    "a an the it is are be can has have this that its of to for with on in at by".split()  # noqa: SIM905
)


def phrases(table: Table, column: Column, words: tuple[str, ...]) -> Iterator[Phrase]:
    if column.family == "text" and len(words) <= 2:
        yield from _name_synonyms(table, column, words)
    if column.comment:
        yield from _comment(table, column)
        yield from _coded_values(table, column)
        yield from _flag(table, column)


_DATE_WORDS = frozenset({"time", "date", "timestamp", "day", "datetime"})


def _comment(table: Table, column: Column) -> Iterator[Phrase]:
    """`otd` commented 'on-time delivery flag' is "on-time delivery" and "on-time delivery
    flag"; 'Soil type code' is also "soil type", 'Rainfall mm' also "rainfall" (weakly)."""
    from datamorph.planning.linking import FILLER

    text = (column.comment or "").lower()
    # the leading noun phrase: 'account manager' of 'account manager who closed the sale'
    lead = re.split(r"[,;:(]|\b(?:who|that|which|when|where|for|of|in|on|at|by|with|as)\b", text)
    ref = Ref("column", table.name, column.name, via=f"the comment of {column.name}")
    said = tuple(w for w in re.findall(r"[a-z0-9]+", lead[0]) if w not in FILLER)
    bare = said
    while len(bare) > 1 and bare[-1] in IDENTIFIERS | UNITS | {"flag"}:
        bare = bare[:-1]
    if len(bare) == 1 and bare != said:
        yield bare, replace(ref, weak=True)
    named = split_name(column.name)
    head = tuple(w for w in said if w not in _DATE_WORDS)  # 'Discharge time' is 'discharge'
    one_word = bool(head) and not any(w.isalpha() for w in head[1:])  # not 'academic year'
    if one_word and any(len(w) >= 3 and head[0] != w and head[0].startswith(w) for w in named):
        yield head[:1], ref  # `sev` commented 'Severity: ...', `prio` 'Priority 1 to 4
    for phrase in {text, lead[0], " ".join(bare)}:
        words = tuple(w for w in re.findall(r"[a-z0-9]+", phrase) if w not in FILLER)
        if 1 < len(words) <= MAX_PHRASE:  # whole phrases: their parts may mean other things
            yield words, ref


def _name_synonyms(table: Table, column: Column, words: tuple[str, ...]) -> Iterator[Phrase]:
    """`given_name` is also "first name" and "forename", `surname` "last name". A one-word
    name gets only phrases (a single word's synonyms stray: title, claim)."""
    from datamorph.planning.wordnet import wordnet

    net = wordnet()
    if net is None:
        return
    ref = Ref("column", table.name, column.name, via=f"a synonym of {column.name}")
    for synonym in sorted(net.synonyms("_".join(words))):
        said = tuple(synonym.split())
        if said == words or (len(said) == 1 and (len(words) == 1 or said[0] in words)):
            continue
        if len(said) <= MAX_PHRASE:
            yield said, ref


def _coded_values(table: Table, column: Column) -> Iterator[Phrase]:
    """'Status: D done, S scheduled, X cancelled': each code is named by its words, when the
    code is one of the column's own values (so a comment is never taken on trust)."""
    values = {v.strip().upper(): v for v in (column.profile.top_values if column.profile else ())}
    text = re.sub(r"\([^)]*\)", "", (column.comment or "").split(":", 1)[-1])
    for entry in re.split(r"[,;]", text):
        match = _CODED.match(entry.strip())
        if match is None or match.group("code").upper() not in values:
            continue
        value = values[match.group("code").upper()]
        words = tuple(re.findall(r"[a-z][a-z0-9]*", fold(match.group("meaning").lower())))
        via = f"'{' '.join(words)}' in the comment of {column.name}"
        for phrase in {words, tuple(w for w in words if w not in _FILLER)}:
            if phrase and len(phrase) <= MAX_PHRASE:
                yield phrase, Ref("value", table.name, column.name, value, via=via)


def _flag(table: Table, column: Column) -> Iterator[Phrase]:
    """'True if the field can be irrigated': the flag is named by what makes it true."""
    if column.family != "boolean":
        return
    match = _FLAG_COMMENT.match((column.comment or "").strip().lower())
    if match is None:
        return
    clause = re.split(r"[,;(/]", match.group("clause"))[0]
    raw = re.findall(r"[a-z]+", clause)
    words = [w for w in raw if w not in _FILLER]
    if "but" in raw:  # 'screened but never enrolled': what comes before 'but' is everyone's
        words = [w for w in raw[raw.index("but") + 1 :] if w not in _FILLER]
    elif _CONJUNCTIONS & set(raw):
        return  # 'paid and shipped': no one word of it makes the flag true
    ref = Ref("column", table.name, column.name, weak=True, via=f"the comment of {column.name}")
    # the last word says what makes it true ('can be irrigated'), unless it is the object
    # of a preposition ('a repeat report of an earlier request' is no "request")
    last = [] if _PREPOSITIONS & set(raw[-4:-1]) else words[-1:]
    for word in sorted({*last, *(w for w in words if w.endswith("ed"))}):
        # 'screened but never enrolled': true means not enrolled
        said_not = any(w in _NEGATIONS for w in words[: words.index(word)])
        yield (word,), replace(ref, negated=said_not)


_NEGATIONS = frozenset({"not", "never", "no", "without", "nor"})
_CONJUNCTIONS = frozenset({"and", "or", "while", "although", "though"})
_PREPOSITIONS = frozenset("of to for with about from on in at by into onto".split())  # noqa: SIM905

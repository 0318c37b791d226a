"""Which date a request's periods are read on, when it says so apart from the period:
"orders cancelled during 2025 - go by the date of cancellation", "completed in 2024 (by
finish date)", "spend this year, based on the issue date".

The phrase is taken from the text before linking, like the other notes; its words must name
exactly one date column, which then anchors every period of the request that names no date of
its own. A phrase naming no date, or two, and one that anchors no period, stays unplaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datamorph.planning.intent import Intent
from datamorph.planning.lexicon import Lexicon

_GENERIC = frozenset(
    "the a an its their it they of was were is are date time timestamp day".split()  # noqa: SIM905
)
_VERBS = r"(?:go(?:ing)?\s+by|based\s+on|dated\s+by|judged\s+by|use|using|count(?:ed|ing)?\s+by)"
# "go by the date of cancellation", "(by finish date)", "based on the issue date"
_NOTES = (
    re.compile(
        rf"[,;(]?\s*\b{_VERBS}\s+(?:the\s+)?(?P<what>(?:[\w-]+\s+){{0,5}}?(?:date|time|"
        r"timestamp|day)(?:\s+(?:of|it|they|the)\s+(?:[\w-]+\s*){1,4}?)?)\s*\)?"
        # ", not the order date": the date it is not, said along
        r"(?:\s*,?\s*not\s+(?:by\s+)?the\s+(?:[\w-]+\s+){0,3}?(?:date|time))?(?=[.,;:)?!]|$)",
        re.I,
    ),
    re.compile(
        r"\(\s*by\s+(?:the\s+)?(?P<what>(?:[\w-]+\s+){0,3}(?:date|time|timestamp))\s*\)", re.I
    ),
    # "go by when they were bought", "based on when it was shipped": the event's own date
    re.compile(
        rf"[,;(]?\s*\b{_VERBS}\s+when\s+(?:it|they|he|she|the\s+\w+)\s+(?:was|were|got)\s+"
        r"(?P<what>[a-z]+)\s*\)?(?=[.,;:)?!]|\s+and\b|$)",
        re.I,
    ),
)


@dataclass
class AnchorNote:
    said: str  # the phrase as written
    words: tuple[str, ...]  # the words that name the date
    column: tuple[str, str] | None = None
    used: bool = False


def take_anchor(text: str) -> tuple[str, AnchorNote | None]:
    for pattern in _NOTES:
        found = pattern.search(text)
        if found is None:
            continue
        what = found.group("what").lower().replace("_", " ")
        words = tuple(w for w in re.findall(r"[a-z0-9]+", what) if w not in _GENERIC)
        said = found.group(0).strip(" ,;:()")
        return text[: found.start()] + " " + text[found.end() :], AnchorNote(said, words)
    return text, None


def anchored(intent: Intent, lexicon: Lexicon) -> tuple[str, str] | None:
    """The date the request said to go by, named among the tables now in play; marks it
    used. None when there is no such note or its words name no single date."""
    note: AnchorNote | None = intent.anchor_note
    if note is None or not note.words:
        return None
    note.column = _named(note.words, lexicon, intent)
    if note.column is None or (intent.tables and note.column[0] not in intent.tables):
        return None
    note.used = True
    return note.column


def confirmed(intent: Intent, lexicon: Lexicon) -> bool:
    """A note whose date the passes read anyway ('cancelled during 2025 - go by the date of
    cancellation'): it restates the period's column, and is placed."""
    note: AnchorNote | None = intent.anchor_note
    if note is None or note.used or not note.words:
        return note is None or note.used
    column = _named(note.words, lexicon, intent)
    on = {(c.table, c.column) for c in (*intent.filters, *intent.having)}
    on |= {(g.table, g.column) for g in intent.groups if g.grain}
    if intent.relative is not None:
        on.add(intent.relative.column)
    note.used = column is not None and column in on
    note.column = column if note.used else None
    return note.used


def _named(words: tuple[str, ...], lexicon: Lexicon, intent: Intent) -> tuple[str, str] | None:
    """The one date column the words reach, as the linker reads them ('cancellation' is a
    form of cancel: cancelled_at), preferring the tables in play."""
    from datamorph.planning.linking import link
    from datamorph.planning.measures import is_temporal
    from datamorph.planning.tokens import tokenize
    from datamorph.planning.wordnet import wordnet

    refs = [ref for item in link(tokenize(" ".join(words)), lexicon) for ref in item.refs]
    net = wordnet()
    verbs = {v for w in words for v in net.related_forms(w, "n")} if net is not None else set()
    for verb in verbs:  # 'cancellation' is the event of cancel: cancelled_at
        for form in (verb, verb + "ed", verb + "d", verb + verb[-1:] + "ed"):
            refs += (lexicon.match([form], 0) or (0, []))[1]
    found = {
        (ref.table, ref.column or "")
        for ref in refs
        if ref.kind == "column" and is_temporal(lexicon, ref)
    }
    in_play = {c for c in found if c[0] in intent.tables}
    found = in_play or found
    return found.pop() if len(found) == 1 else None

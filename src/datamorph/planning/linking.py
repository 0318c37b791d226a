"""Link a request's tokens to the catalog and to operations: the items the parser reads.

Every token ends up as exactly one item: a reference to the catalog (table, column, value), a
literal (number, year, month, date, string), an operation keyword (aggregate, grouping,
comparison, ordering, ...), a filler word ("show", "the"), or an unplaced word. Unplaced words
are what the planner reports instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.tokens import Token

# Operation keywords, by class. Multi-word phrases are matched before single words.
KEYWORDS: dict[str, dict[str, str]] = {
    "agg": {
        "total": "sum",
        "sum of": "sum",
        "sum": "sum",
        "overall": "sum",
        "combined": "sum",
        "average": "avg",
        "avg": "avg",
        "mean": "avg",
        "number of": "count",
        "count of": "count",
        "count": "count",
        "how many": "count",
        "num of": "count",
        "amount of": "sum",
        "minimum": "min",
        "min": "min",
        "lowest": "min",
        "smallest": "min",
        "earliest": "min",
        "least": "min",
        "cheapest": "min",
        "oldest": "min",
        "shortest": "min",
        "first": "min",
        "maximum": "max",
        "max": "max",
        "highest": "max",
        "largest": "max",
        "biggest": "max",
        "greatest": "max",
        "latest": "max",
        "most recent": "max",
        "longest": "max",
        "newest": "max",
        "most expensive": "max",
        "top": "top",
        "bottom": "bottom",
        "last": "max",
    },
    "distinct": {"distinct": "distinct", "unique": "distinct", "different": "distinct"},
    "group": {
        "per": "per",
        "by": "by",
        "for each": "per",
        "for every": "per",
        "each": "per",
        "grouped by": "per",
        "group by": "per",
        "broken down by": "per",
        "split by": "per",
        "across": "per",
        "in each": "per",
    },
    "grain": {
        "month": "month",
        "monthly": "month",
        "year": "year",
        "yearly": "year",
        "annual": "year",
        "annually": "year",
        "day": "day",
        "daily": "day",
        "week": "week",
        "weekly": "week",
        "quarter": "quarter",
        "quarterly": "quarter",
    },
    "cmp": {
        "more than": ">",
        "greater than": ">",
        "over": ">",
        "above": ">",
        "exceeds": ">",
        "exceeding": ">",
        "exceed": ">",
        "higher than": ">",
        "larger than": ">",
        "bigger than": ">",
        "at least": ">=",
        "no less than": ">=",
        "or more": ">=+",
        "less than": "<",
        "fewer than": "<",
        "under": "<",
        "below": "<",
        "lower than": "<",
        "smaller than": "<",
        "at most": "<=",
        "no more than": "<=",
        "or less": "<=+",
        "or fewer": "<=+",
        "equal to": "=",
        "equals": "=",
        "exactly": "=",
        "between": "between",
        "not equal to": "!=",
    },
    "date": {
        "in": "in",
        "during": "in",
        "since": ">=",
        "after": ">",
        "before": "<",
        "until": "<",
        "prior to": "<",
        "from": ">=",
        "on or after": ">=",
        "on or before": "<=",
        "as of": ">=",
        "starting": ">=",
        "through": "<=",
    },
    "order": {
        "sorted by": "by",
        "ordered by": "by",
        "order by": "by",
        "sort by": "by",
        "ranked by": "by",
        "rank by": "by",
        "sorted": "by",
        "ordered": "by",
    },
    "dir": {
        "descending": "desc",
        "desc": "desc",
        "ascending": "asc",
        "asc": "asc",
        "highest first": "desc",
        "largest first": "desc",
        "biggest first": "desc",
        "lowest first": "asc",
        "smallest first": "asc",
        "most recent first": "desc",
        "newest first": "desc",
        "oldest first": "asc",
        "alphabetically": "asc",
        "in descending order": "desc",
        "in ascending order": "asc",
    },
    "null": {
        "without": "null",
        "with no": "null",
        "missing": "null",
        "lacking": "null",
        "no": "null",
        "null": "null",
        "empty": "null",
        "is null": "null",
        "have no": "null",
        "has no": "null",
        "without any": "null",
        "never": "null",
        "with an": "notnull",
        "with a": "notnull",
        "has a": "notnull",
        "have a": "notnull",
        "not null": "notnull",
        "known": "notnull",
    },
    "not": {
        "not": "not",
        "non": "not",
        "excluding": "not",
        "except": "not",
        "other than": "not",
        "isn't": "not",
        "aren't": "not",
        "inactive": "not",
    },
    "left": {
        "including": "left",
        "even those": "left",
        "even if": "left",
        "even": "left",
        "including those": "left",
        "all": "all",
        "every": "all",
        "also those": "left",
    },
    "join": {
        "join": "join",
        "joined with": "join",
        "combined with": "join",
        "joining": "join",
        "together with": "join",
        "along with": "join",
        "and their": "join",
        "with their": "join",
        "match": "join",
        "matched with": "join",
    },
    "on": {"on": "on", "using": "on", "via": "on"},
    "arith": {
        "minus": "-",
        "plus": "+",
        "times": "*",
        "multiplied by": "*",
        "divided by": "/",
        "less": "-",
        "after subtracting": "-",
        "net of": "-",
    },
    "and": {"and": "and", "or": "or", ",": "and", "as well as": "and"},
    "as": {"as": "as", "named": "as", "called": "as"},
}

FILLER = frozenset(
    """
    show list give me find get display return calculate compute what which is are the a an of
    for to please i we want need see let lets us rows records data table tables information info
    details respective corresponding do does did there have has had be been being it its they
    them this that these those any some as value values result results report summary summarize
    summarise breakdown how much who whom whose where when also too just only their his her with
    filter filtered filters keep keeping having select pull fetch retrieve produce create build
    make generate along together plus including from status so then than ones one each kind type
    all both into new out up down here were was will would should could can may might must shall
    stored store save saved write written named called name s orders' customers' by per
    respectively percent figure figures number numbers amount amounts count counts level levels
    placed made paid got gotten included include includes belonging belong belongs among within
    inside across over under via using on at e.g etc i.e
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_KEYWORD_INDEX = [
    (tuple(phrase.split()), cls, meaning)
    for cls, table in KEYWORDS.items()
    for phrase, meaning in table.items()
]
_KEYWORD_INDEX.sort(key=lambda entry: -len(entry[0]))


@dataclass
class Item:
    kind: str  # ref | number | year | month | date | string | op | kw | filler | word | punct
    text: str
    refs: list[Ref] = field(default_factory=list)
    value: Any = None
    cls: str | None = None  # keyword class
    meaning: str | None = None
    used: bool = False

    def is_kw(self, cls: str, *meanings: str) -> bool:
        return self.kind == "kw" and self.cls == cls and (not meanings or self.meaning in meanings)


def link(tokens: list[Token], lexicon: Lexicon) -> list[Item]:
    words = [t.text if t.is_word else "\0" for t in tokens]
    items: list[Item] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.is_word:
            items.append(_literal(token))
            i += 1
            continue
        size, item = _best_match(words, i, lexicon)
        items.append(item)
        i += size
    return items


def _literal(token: Token) -> Item:
    if token.kind == "punct" and token.text == ",":
        return Item("kw", ",", cls="and", meaning="and")
    if token.kind == "punct" and token.text in "+-*/":
        return Item("kw", token.text, cls="arith", meaning=token.text)
    return Item(token.kind, token.text, value=token.value)


def _best_match(words: list[str], i: int, lexicon: Lexicon) -> tuple[int, Item]:
    phrase = lexicon.match(words, i)
    keyword = _keyword(words, i)
    # A multi-word catalog phrase ("order date") beats a keyword; a keyword beats one word
    # that also names a column ("total" the operation, not a column called total).
    catalog_wins = phrase and (phrase[0] > 1 or keyword is None)
    if phrase and catalog_wins and not (keyword and keyword[0] > phrase[0]):
        size, refs = phrase
        return size, Item("ref", " ".join(words[i : i + size]), refs=refs)
    if keyword:
        size, cls, meaning = keyword
        return size, Item("kw", " ".join(words[i : i + size]), cls=cls, meaning=meaning)
    word = words[i]
    if word in FILLER:
        return 1, Item("filler", word)
    fuzzy = lexicon.fuzzy(word)
    if fuzzy:
        return 1, Item("ref", word, refs=fuzzy)
    return 1, Item("word", word)


def _keyword(words: list[str], i: int) -> tuple[int, str, str] | None:
    for phrase, cls, meaning in _KEYWORD_INDEX:
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase), cls, meaning
    return None

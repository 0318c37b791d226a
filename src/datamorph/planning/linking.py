"""Link a request's tokens to the catalog and to operations: the items the parser reads.

Every token ends up as exactly one item: a reference to the catalog (table, column, value), a
literal (number, year, month, date, string), an operation keyword (aggregate, grouping,
comparison, ordering, ...), a filler word ("show", "the"), or an unplaced word. Unplaced words
are what the planner reports instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from datamorph.planning.lexicon import Lexicon, Ref, key_of, split_name
from datamorph.planning.synonyms import Related, graded, relate
from datamorph.planning.tokens import Token

# Money words have their own reading (the money column of the fact in play), never a synonym.
MONEY_WORDS = frozenset({
    "revenue", "sales", "spend", "spending", "spent", "turnover", "income", "money", "value",
    "cost", "costs", "payroll", "paid", "pay", "pays", "earned", "earn", "earnings", "worth",
    "priced", "charged", "charging", "charges", "costing", "billed",
    "raised", "raise", "raising", "donated", "giving", "takings", "proceeds",
})  # fmt: skip

# Operation keywords, by class: "class meaning: phrase | phrase ...". Multi-word phrases are
# matched before single words. A text table, so the vocabulary reads (and diffs) as a list.
_VOCABULARY = """
agg sum: total | sum of | sum | overall | combined | in total | altogether | add up | adding up
agg sum: added up | add them up | summed
agg avg: average | avg | mean | averaging
agg count: number of | count of | count | how many | num of
agg min: minimum | min | lowest | smallest | earliest | least | cheapest | oldest | shortest
agg min: fewest | first
agg max: maximum | max | highest | largest | biggest | greatest | latest | most recent
agg max: longest | newest | most expensive | most | last
agg top: top
agg bottom: bottom
distinct distinct: distinct | unique | different | just once | only once | each just once
distinct distinct: once each | no duplicates | without duplicates | with no duplicates
group per: per | for each | for every | each | grouped by | group by | broken down by
group per: split by | in each | in every | within each | each one | each of them | each of those
group by: by
grain month: month | monthly | months
grain year: year | yearly | annual | annually | years
grain day: day | daily | days
grain week: week | weekly | weeks
grain quarter: quarter | quarterly | quarters
cmp >: more than | greater than | over | above | exceeds | exceeding | exceed | higher than
cmp >: larger than | bigger than
cmp >=: at least | no less than
cmp >=+: or more
cmp <: less than | fewer than | under | below | lower than | smaller than
cmp <=: at most | no more than
cmp <=+: or less | or fewer
cmp =: equal to | equals | exactly
cmp !=: not equal to
cmp between: between
date in: in | during
date >=: since | from | on or after | as of | starting | onwards | onward
date >: after | later than
date <: before | until | prior to | earlier than
date <=: on or before | through
order by: sorted by | ordered by | order by | sort by | ranked by | rank by | sorted
dir desc: descending | desc | highest first | largest first | biggest first | newest first
dir desc: most recent first | in descending order | from highest to lowest
dir desc: highest to lowest | largest to smallest | from largest to smallest | newest to oldest
dir desc: z to a | reverse alphabetical order | in reverse alphabetical order
dir asc: ascending | asc | lowest first | smallest first | oldest first | alphabetically
dir asc: ordered alphabetically | sorted alphabetically | listed alphabetically | a to z
dir asc: in alphabetical order | alphabetical order | alphabetical
dir asc: in chronological order | chronologically | in date order | in month order
dir asc: in time order | in year order | in quarter order | in week order
dir asc: in ascending order | from lowest to highest | lowest to highest | smallest to largest
dir asc: from smallest to largest | oldest to newest
null null: without | with no | missing | lacking | no | null | empty | is null | have no
null null: has no | without any | never | not any | unknown | not recorded
null null: not on any | aren't on any | isn't on any | not in any | aren't in any | isn't in any
null null: not part of any | on no | in no | not a single | without a single
null null: nobody | no one | noone
null notnull: with an | with a | has a | have a | not null | known | used a | used an
not not: not | non | excluding | except | other than | isn't | aren't | haven't | hasn't
not not: outside of | outside | weren't | wasn't | won't | no longer
not not: didn't | don't | doesn't
not not: ignoring | ignore | leaving out | leave out | skipping | skip | not counting
not not: apart from | except for | setting aside | set aside | disregarding | disregard
not not: exclude | excludes | barring | not including | save for
left left: including | even those | even if | even | including those | also those
left left: keeping | keep | retaining | include | include those | include the ones
left all: all | every
window running: running total | cumulative total | running sum | cumulative | running count
window change: month over month change | month over month | change from the previous month
window change: year over year change | year over year | change from the previous year
window change: week over week change | week over week | quarter over quarter change
window change: quarter over quarter | change from the previous | change from previous
window change: change versus the previous | difference from the previous
window change: change in count from the previous | change in count versus the previous
window change: change in total from the previous | change in the count from the previous
window change: compared with the previous
window pct_change: percentage change from the previous
ratio pct: percentage of | percent of | % of | percentage of all
ratio share: share of | proportion of | fraction of | ratio of
incl incl: both days included | both dates included | both days inclusive | inclusive
incl incl: end date included | that day included
versus versus: vs | versus | compared to | compared with
join join: join | joined with | combined with | joining | together with | along with
join join: and their | with their | match | matched with | next to | alongside | beside
on on: on | using | via
arith -: minus | less | after subtracting | net of
arith +: plus
filler none: right now | at the moment | at present | on record | on file | so far | to date
filler none: of all time | in our records | in the database | in the data | pull up | look up
filler none: over all | across all | over every | across every
filler none: in the catalogue | in the catalog | in our catalogue | in our catalog
filler none: in the system | in our system | on the books | on our books
arith *: times | multiplied by
arith /: divided by
and and: and | as well as | but
or or: or
as as: as | named | called
"""


def _parse_vocabulary(text: str) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for line in text.strip().splitlines():
        head, phrases = line.split(":", 1)
        cls, meaning = head.split()
        for phrase in phrases.split("|"):
            table.setdefault(cls, {})[phrase.strip()] = meaning
    return table


KEYWORDS = _parse_vocabulary(_VOCABULARY)

FILLER = frozenset(
    """
    show list give me find get display return calculate compute what which is are the a an of
    for to please i we want need see let lets us rows records data table tables information info
    details respective corresponding do does did there have has had be been being it its they
    them this that these those as result results report how who whom whose where when also
    too just only their his her with select pull fetch retrieve produce create build make
    generate into will would should could can may might must shall stored store save saved
    write written named called s our your my e.g etc i.e what's here were was so then
    please kindly along much filter filtered keep keeping having summary summarize
    summarise breakdown any anything yet across single altogether at about against among
    within inside such ever answer express
    gimme you it's that's there's here's they're we're currently now
    presently ones something someone somebody anyone anybody everyone everybody
    he she him obviously really clearly basically
    """.split()  # noqa: SIM905 - a word list reads better as text
)
"""Words that carry no query meaning in any schema: articles, pronouns, auxiliaries and the
verbs of asking. The list is generic on purpose and must not grow with test sets: a word that
could name a filter, a measure, a grain or a sort (status, amount, new, never, ...) is not
filler, so when the plan does not realise it the request is refused, naming it."""

# Everyday words that are also data values ('IT' the department, 'US' the country): as
# single lower-case words they are read as English.
_PRONOUNS = frozenset({"it", "us", "we", "me", "he", "she", "they", "i", "a", "an", "other"})

# Imperatives that open a request and are also nouns ("Name the three countries").
_REQUEST_VERBS = frozenset({"name", "list", "rank", "sort"})

_KEYWORD_INDEX = [
    (tuple(phrase.split()), cls, meaning)
    for cls, table in KEYWORDS.items()
    for phrase, meaning in table.items()
]
_KEYWORD_INDEX.sort(key=lambda entry: -len(entry[0]))


@dataclass
class Item:
    # ref | number | year | month | date | string | code | op | kw | filler | word | punct
    kind: str
    text: str
    refs: list[Ref] = field(default_factory=list)
    value: Any = None
    cls: str | None = None  # keyword class
    meaning: str | None = None
    used: bool = False
    owner: bool = False  # said as a possessive: "the office's agents"

    def is_kw(self, cls: str, *meanings: str) -> bool:
        return self.kind == "kw" and self.cls == cls and (not meanings or self.meaning in meanings)


_AMOUNT = re.compile(
    r"(?:a|an|one|two|three|\d+(?:\.\d+)?) (?:second|minute|hour|day|week|month|quarter|year)s?"
)
_HAVING_WORDS = frozenset({
    "with", "have", "has", "had", "having", "use", "used", "uses", "who", "that", "which",
    "they", "ever",
})  # fmt: skip


def link(tokens: list[Token], lexicon: Lexicon) -> list[Item]:
    words = [t.text if t.is_word else "\0" for t in tokens]
    items: list[Item] = []
    words = ["who" if w == "who's" else lexicon.spelled_as_catalog(w) for w in words]
    if words and words[0] in _REQUEST_VERBS:  # "Name the three countries ...": a verb here
        items.append(Item("filler", words[0]))
        tokens, words = tokens[1:], words[1:]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.is_word:
            items.append(_literal(token))
            i += 1
            continue
        labelled = _labelled_period(tokens, i, lexicon)
        if labelled is not None:  # "Fall 2024": a value, not a word and a year
            items.append(labelled)
            i += 2
            continue
        code = _code_in_capitals(tokens[i], words, i, lexicon, items[-1] if items else None)
        if code is not None:  # "US sites": the country code, not the pronoun
            items.append(code)
            i += 1
            continue
        # a phrase ends at a possessive: "product's unit price" is the product's unit price
        stop = next((k + 1 for k in range(i, len(tokens)) if tokens[k].possessive), len(words))
        size, item = _best_match(words[:stop], i, lexicon)
        if item.text in words[i] and item.kind == "word":
            found = _graded(words, i, lexicon)
            if found is not None:
                size, pair = found
                items.extend(pair)
                i += size
                continue
        item.owner = tokens[i + size - 1].possessive
        items.append(item)
        i += size
    from datamorph.planning import compounds  # it reads this module's Item

    compounds.merge(items, lexicon)
    return items


def _code_in_capitals(
    token: Token, words: list[str], i: int, lexicon: Lexicon, before: Item | None
) -> Item | None:
    """A grammar word written in capitals that is a stored code ('US', 'IT', 'OR'); one
    letter ('A', 'I') only right after the column it is a value of ('grade A')."""
    if not token.capitals or words[i] not in FILLER | _PRONOUNS | _GRAMMAR:
        return None
    refs = lexicon.phrases.get(key_of((words[i],)), [])
    values = [r for r in refs if r.kind == "value" and str(r.value) == token.text.upper()]
    if len(words[i]) == 1:
        named = (
            {(r.table, r.column) for r in before.refs if r.kind == "column"} if before else set()
        )
        values = [r for r in values if (r.table, r.column) in named]
    return Item("ref", words[i], refs=values) if values else None


def _labelled_period(tokens: list[Token], i: int, lexicon: Lexicon) -> Item | None:
    """A word and a year that together are a sampled value: 'Fall 2024', 'FY 2025'."""
    if i + 1 >= len(tokens) or tokens[i + 1].kind not in {"year", "number"}:
        return None
    text = f"{tokens[i].text} {tokens[i + 1].text}"
    refs = [r for r in lexicon.phrases.get(key_of(tuple(text.split())), []) if r.kind == "value"]
    return Item("ref", text, refs=refs) if refs else None


def _literal(token: Token) -> Item:
    if token.kind == "punct" and token.text == ",":
        return Item("kw", ",", cls="and", meaning="and")
    if token.kind == "punct" and token.text in "+-*/":
        return Item("kw", token.text, cls="arith", meaning=token.text)
    return Item(token.kind, token.text, value=token.value)


def _best_match(words: list[str], i: int, lexicon: Lexicon) -> tuple[int, Item]:
    phrase = lexicon.match(words, i)
    if phrase and phrase[0] > 1 and _preposition_of_a_place(words, i + phrase[0] - 1):
        # "clients who paid at fuel shops": the verb and a place, not the column paid_at
        phrase = lexicon.match(words[: i + phrase[0] - 1], i)
    while phrase and phrase[0] > 1 and _opens_keyword(words, i + phrase[0] - 1):
        # "borrowed at least one": the column borrowed_at must not swallow "at least"
        phrase = lexicon.match(words[: i + phrase[0] - 1], i)
    keyword = _keyword(words, i)
    # A multi-word catalog phrase ("order date") beats a keyword; a keyword beats one word
    # that also names a column ("total" the operation, not a column called total).
    catalog_wins = phrase and (phrase[0] > 1 or keyword is None)
    if phrase and catalog_wins and not (keyword and keyword[0] > phrase[0]):
        size, refs = phrase
        if size == 1 and all(r.kind == "column" and r.weak for r in refs):
            refs = refs + lexicon.clipped(words[i])  # "reqs": requisitions, not req_code
        only_values = all(r.kind == "value" for r in refs)
        vague = words[i] in FILLER | _PRONOUNS and not _modifies_a_table(words, i, lexicon)
        vague = vague and not (i > 0 and words[i - 1] in COPULAS and words[i] not in _GRAMMAR)
        if not (size == 1 and only_values and vague):
            return size, Item("ref", " ".join(words[i : i + size]), refs=refs)
        if _content_word_as_value(words, i):  # "how many of them are express?": which?
            return 1, Item("word", words[i], refs=refs, meaning="ambiguous")
    if keyword and keyword[1] == "filler":  # "right now", "on file": a phrase that asks nothing
        return keyword[0], Item("filler", " ".join(words[i : i + keyword[0]]))
    if keyword:
        size, cls, meaning = keyword
        return size, Item("kw", " ".join(words[i : i + size]), cls=cls, meaning=meaning)
    word = words[i]
    if word == "only" and i > 0 and words[i - 1] in _HAVING_WORDS:
        # "owners with only cash walks", "mechanics who only work on Fords": every one of
        # them, which no element says
        return 1, Item("word", word)
    if word == "within" and _AMOUNT.fullmatch(" ".join(words[i + 1 : i + 3])):
        # "closed within a week", "within 3 days of booking": a duration no element says
        return 1, Item("word", word)
    if word in FILLER:
        return 1, Item("filler", word)
    verbatim = lexicon.phrases.get(key_of(split_name(word))) if "_" in word else None
    if verbatim:  # an identifier typed as it is: store_id, order_date
        refs = list(verbatim)
        own = [r for r in refs if r.column and _is_primary_key(lexicon, r)]
        # flight_id is flights' own key, a reference to it elsewhere
        return 1, Item("ref", word, refs=own if len(own) == 1 else refs)
    clipped = lexicon.clipping_of(word)
    if clipped:  # "district" for the table dists
        return 1, Item("ref", word, refs=clipped)
    fuzzy = lexicon.fuzzy(word)
    if fuzzy:
        return 1, Item("ref", word, refs=fuzzy)
    related = relate(word, lexicon) if word not in MONEY_WORDS else Related("none")
    possessed = i > 0 and words[i - 1] in _POSSESSIVES  # "their own club"
    if related.kind == "light" and not possessed and _modifies_a_table(words, i, lexicon):
        # "live courses", "used cars", "assigned tickets": a participle or adjective before a
        # table's name is a state of its rows, not the relation the verb names
        return 1, Item("word", word)
    if related.kind == "light":
        return 1, Item("filler", word, meaning="relation")
    if related.kind == "refs":
        return 1, Item("ref", word, refs=list(related.refs))
    if related.kind == "ambiguous":
        return 1, Item("word", word, refs=list(related.refs), meaning="ambiguous")
    return 1, Item("word", word)


# Grammar words: never a value, whatever the data holds ('a' grade, 'it' department).
_GRAMMAR = frozenset(
    """a an the of for to is are was were be been being it its they them this that these those
    i we you me us he she his her our your my their who whom whose which what where when how
    do does did have has had with as at in on by from and or not no so then there here s""".split()  # noqa: SIM905
)
COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being"})  # "are express": a value
_POSSESSIVES = frozenset({"their", "its", "his", "her", "our", "my", "your", "whose"})
# Words after which a word of asking is a verb: "express it as a percentage", "show the ..."
_VERB_OBJECTS = frozenset({"the", "it", "them", "this", "that", "these", "those", "as", "me", "a"})


def _content_word_as_value(words: list[str], i: int) -> bool:
    """A word of asking that is also a value ('express', 'single', 'summary'), not used as a
    verb: the request may mean the value, and dropping it would answer another question."""
    if words[i] in _GRAMMAR or words[i] in _PRONOUNS:
        return False
    following = words[i + 1] if i + 1 < len(words) else ""
    return following not in _VERB_OBJECTS and i > 0


def _preposition_of_a_place(words: list[str], last: int) -> bool:
    """The 'at'/'on' that ends a column's name (paid_at, shipped_on) used as a preposition:
    a word follows that is no time ('at fuel shops', not 'at 9:00', 'on 3 May')."""
    if words[last] not in {"at", "on"} or last + 1 >= len(words):
        return False
    following = words[last + 1]
    return following.isalpha() and following not in _TIME_WORDS


_TIME_WORDS = frozenset(
    """noon midnight night dawn weekends weekdays monday tuesday wednesday thursday friday
    saturday sunday""".split()  # noqa: SIM905 - a word list reads better as text
)


def _modifies_a_table(words: list[str], i: int, lexicon: Lexicon) -> bool:
    """'express shipments', 'single rooms': a word of asking ('express the share as ...') or
    a vague one ('single') that stands before a table's name is that table's value."""
    if words[i] in _PRONOUNS or i + 1 >= len(words):
        return False
    following = lexicon.match(words, i + 1)
    return following is not None and any(r.kind == "table" for r in following[1])


def _is_primary_key(lexicon: Lexicon, ref: Ref) -> bool:
    key = lexicon.catalog.table(ref.table).primary_key
    return len(key) == 1 and key[0].lower() == (ref.column or "").lower()


def _graded(words: list[str], i: int, lexicon: Lexicon) -> tuple[int, list[Item]] | None:
    """'the 2 heaviest orders' -> max + weight; 'longer than 30 km' -> length + '>'. The
    quantity comes first for a comparison (its subject), after the superlative (its object);
    when no column measures it, only the operator is read and the unit or a name must say."""
    found = graded(words[i], lexicon)
    if found is None:
        return None
    direction, refs = found
    quantity = [Item("ref", words[i], refs=refs)] if refs else []
    if direction in {"<", ">"}:
        if i + 1 >= len(words) or words[i + 1] != "than":
            return None
        return 2, [*quantity, Item("kw", f"{words[i]} than", cls="cmp", meaning=direction)]
    return 1, [Item("kw", words[i], cls="agg", meaning=direction), *quantity]


def _opens_keyword(words: list[str], i: int) -> bool:
    found = _keyword(words, i)
    return found is not None and found[0] > 1


def _keyword(words: list[str], i: int) -> tuple[int, str, str] | None:
    for phrase, cls, meaning in _KEYWORD_INDEX:
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase), cls, meaning
    return None

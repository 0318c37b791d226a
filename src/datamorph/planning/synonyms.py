"""Words that are not a catalog name, linked through WordNet: base forms, synonyms, kinds.

A request says "clients" where the table is `customers`, "price" where the column is
`cost_usd` (listed as "cost"), "people" where the table is `employees`. The candidates are
scored (lexicon.EXACT ... KIND_OF); when the best candidates name different things the word is
ambiguous, and the planner asks "did you mean A or B" instead of picking one.

Light verbs ("placed", "has", "belong", "made") state that two things are related; the join the
plan already has realises them, so they are read as such, never as a filter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from datamorph.catalog import Catalog
from datamorph.planning.lexicon import (
    DATE_SUFFIXES,
    KIND_OF,
    SYNONYM,
    Lexicon,
    Ref,
    key_of,
    said_as,
    split_name,
    stem,
)
from datamorph.planning.wordnet import WordNet, wordnet

# Verbs whose meaning is "is related to": they add no element of their own. A generic
# English list (possession, creation, participation), not a vocabulary of any schema.
LIGHT_VERBS = frozenset(
    """
    have own hold contain include belong make place do get come run use record log work put
    take bring involve feature carry submit file issue locate situate base sell receive collect
    generate live reside station handle serve process assign
    """.split()  # noqa: SIM905 - a word list reads better as text
)
MAX_KIND_DEPTH = 4


@dataclass(frozen=True)
class Related:
    kind: str  # light | refs | ambiguous | none
    refs: tuple[Ref, ...] = ()
    score: float = 0.0


def relate(word: str, lexicon: Lexicon) -> Related:
    """What a word that names nothing in the catalog may still mean."""
    if word.endswith("ly") and len(word) > 5:  # "remotely" is the flag remote
        found = [r for r in _lookup(lexicon, [word[:-2]]) if _is_flag(lexicon, r)]
        if found:
            return _decide(found, 1.0, f"the adverb of {word[:-2]}")
    net = wordnet()
    if net is None or len(word) < 3 or not word.isalpha():
        return Related("none")
    if any(base in LIGHT_VERBS for base in net.base_forms(word, "v")):
        return Related("light")
    for bases in (net.base_forms(word, "n"), net.base_forms(word, "v")):
        found = [r for r in _lookup(lexicon, bases) if not _ongoing_for_past(r, word)]
        if found and not net.base_forms(word, "n") and all(_agents(r, bases) for r in found):
            # "drivers who never drove a shipment": the verb links its doers to the shipment
            return Related("light")
        if found:
            return _decide(found, 1.0, f"a form of {bases[0]}")
    # a noun's synonyms if it is one ("name" is not "call"); values are never reached this way
    forms = sorted(net.related_forms(word, "v") - {word})  # verbs name events: "terminated"
    found = [r for r in _lookup(lexicon, [f for f in forms if " " not in f]) if r.kind != "value"]
    if net.base_forms(word, "n"):  # "rides" are not the riders: a noun names no table of agents
        agents = {f for f in forms if net.is_kind_of(f, "person") is not None}
        found = [r for r in found if r.kind != "table" or key_of((r.table,)) not in _keys(agents)]
    verbs = net.base_forms(word, "v")
    if found and not net.base_forms(word, "n") and all(_agents(r, verbs) for r in found):
        return Related("light")  # "drivers who have never driven ...": the doers, named before
    if found:  # "terminated": termination_date
        return _decide(found, 1.0, f"a form of {word}")
    synonyms = (net.synonyms(word, "n") or net.synonyms(word, "v")) - {word}
    found = [
        r
        for r in _lookup(lexicon, sorted(s for s in synonyms if " " not in s))
        if r.kind != "value"
    ]
    if any(not r.weak for r in found):  # a synonym of a part of a name is too far
        return _decide(found, SYNONYM, f"a synonym of {word}")
    events = _event_dates(word, lexicon)
    if events:  # "bought" is when it was purchased: purchasedAt
        return _decide(events, SYNONYM, f"a synonym of {word}")
    kinds = _kinds(word, lexicon)
    if kinds:
        return _decide(kinds, KIND_OF, f"a kind of {word}")
    members = _members(word, lexicon)
    if members:  # "staff": the employees, whose kind a staff member is
        return _decide(members, KIND_OF, f"the members of {word}")
    return Related("none")


def _event_dates(word: str, lexicon: Lexicon) -> list[Ref]:
    """Date columns named for a verb that means what `word` means: 'bought' -> purchasedAt,
    'signed up' ... A column named for the event itself and a date, nothing more."""
    net = wordnet()
    if net is None or not word.endswith(("ed", "t")) or net.base_forms(word, "n"):
        return []
    synonyms = {s for b in net.base_forms(word, "v") for s in net.synonyms(b, "v") if " " not in s}
    found = []
    for ref in _lookup(lexicon, sorted(synonyms - {word})):
        if ref.kind != "column" or ref.column is None:
            continue
        column = lexicon.catalog.table(ref.table).column(ref.column)
        words = [w for w in split_name(ref.column) if w not in DATE_SUFFIXES]
        if column.family == "temporal" and len(words) == 1:
            found.append(ref)
    return found


def _agents(ref: Ref, verbs: list[str]) -> bool:
    """A table named for the doers of a verb: drivers (drive), managers, instructors."""
    if ref.kind != "table":
        return False
    noun = stem(ref.table.lower().split("_")[-1])
    return any(
        noun in {f"{v}r", f"{v}er", f"{v}or", f"{v[:-1]}or", f"{v}{v[-1]}er"} for v in verbs if v
    )


def _ongoing_for_past(ref: Ref, word: str) -> bool:
    """'grew' is no 'growing' status: a value for what is going on is not reached from a
    verb's past ('fields that grew potatoes' are not the plantings still growing)."""
    if ref.kind != "value" or word.endswith("ing"):
        return False
    said = f"{ref.value} {ref.via or ''}".lower()
    return any(w.endswith("ing") for w in re.findall(r"[a-z]+", said))


def synonym_columns(word: str, tables: set[str], lexicon: Lexicon) -> list[Ref]:
    """Columns of `tables` whose whole name (units aside) is a synonym of `word`."""
    net = wordnet()
    if net is None or not word.isalpha():
        return []
    synonyms = (net.synonyms(word, "n") | net.synonyms(word, "v")) - {word}
    return [
        r
        for r in _lookup(lexicon, sorted(s for s in synonyms if " " not in s))
        if r.kind == "column" and not r.weak and r.table in tables
    ]


def _members(word: str, lexicon: Lexicon) -> list[Ref]:
    """Tables whose rows are the members of a collective noun: named by a member, or whose
    noun a member is a kind of ('staffer' is an employee)."""
    net = wordnet()
    if net is None:
        return []
    members = sorted(m for m in net.members(word) if " " not in m)
    found = [r for r in _lookup(lexicon, members) if r.kind == "table"]
    for table in lexicon.catalog.tables.values():
        noun = stem(table.name.lower().split("_")[-1])
        if any(_close_kind(net, m, noun) for m in members):
            found.append(Ref("table", table.name))
    return list(dict.fromkeys(found))


def _close_kind(net: WordNet, specific: str, general: str) -> bool:
    depth = net.is_kind_of(specific, general)
    return depth is not None and depth <= 2


def _is_flag(lexicon: Lexicon, ref: Ref) -> bool:
    if ref.kind != "column" or not ref.column:
        return False
    return lexicon.catalog.table(ref.table).column(ref.column).family == "boolean"


def event_flags(word: str, lexicon: Lexicon) -> list[Ref]:
    """The flag a noun of an event names: "cancellation" is `cancelled`. Only asked for before
    'rate' ("cancellation rate"): elsewhere the noun may qualify another ("cancellation fee")."""
    net = wordnet()
    if net is None or not word.isalpha():
        return []
    events = [p for f in sorted(net.related_forms(word, "n") - {word}) for p in _participles(f)]
    found = [r for r in _lookup(lexicon, events) if _is_event(lexicon, r)]
    return [replace(r, via=f"the event of {word}") for r in dict.fromkeys(found)]


def _participles(verb: str) -> list[str]:
    """'cancel' -> cancel, cancelled, canceled: the forms a flag column is named by."""
    if " " in verb:
        return []
    ending = "d" if verb.endswith("e") else "ed"
    return list(dict.fromkeys([verb, verb + ending, verb + verb[-1] + "ed"]))


def _is_event(lexicon: Lexicon, ref: Ref) -> bool:
    if ref.kind != "column" or not ref.column:
        return False
    return lexicon.catalog.table(ref.table).column(ref.column).family == "boolean"


def _keys(words: set[str]) -> set[tuple[str, ...]]:
    return {key_of((w,)) for w in words} | {key_of((w + "s",)) for w in words}


def _lookup(lexicon: Lexicon, words: list[str]) -> list[Ref]:
    found: list[Ref] = []
    for word in words:
        named = [r for r in lexicon.phrases.get(key_of((word,)), []) if said_as(r, [word])]
        # "customer" for a table the catalog clips to `cust`
        found += named or [replace(r, weak=False) for r in lexicon.clipping_of(word)]
    return found


def _kinds(word: str, lexicon: Lexicon) -> list[Ref]:
    return [Ref("table", name) for name in tables_of_kind(word, lexicon)]


def tables_of_kind(word: str, lexicon: Lexicon) -> list[str]:
    """Tables whose noun is a kind of `word` ("people": employees, customers)."""
    net = wordnet()
    if net is None:
        return []
    found = []
    for table in lexicon.catalog.tables.values():
        noun = table.name.lower().split("_")[-1]
        depth = net.is_kind_of(noun, word)
        if depth is not None and depth <= MAX_KIND_DEPTH:
            found.append(table.name)
    return found


def sibling_tables(word: str, catalog: Catalog) -> list[str]:
    """Tables whose noun is the word's next of kin ("ride" and trips: both a journey). Too far
    to link; close enough to suggest when the word is refused."""
    net = wordnet()
    if net is None or not word.isalpha():
        return []
    parents = {o for depth, o in net.generalisations(word) if depth == 1}
    found = []
    for name in catalog.table_names:
        noun = name.lower().split("_")[-1]
        if parents & {o for depth, o in net.generalisations(noun) if depth == 1}:
            found.append(name)
    return found


def _decide(refs: list[Ref], score: float, how: str) -> Related:
    # a word's own forms may prefer full names; a synonym weighs every column it could mean
    strong = [r for r in refs if not r.weak] or refs if score >= 1.0 else list(refs)
    targets = {(r.kind, r.table, r.column, r.value) for r in strong}
    tables = {r for r in strong if r.kind == "table"}
    if len(tables) == 1 and len(targets) > 1:
        strong = list(tables)  # "client": the customers table, not its customer_id column
        targets = {(r.kind, r.table, r.column, r.value) for r in strong}
    named = tuple(replace(r, via=how) for r in dict.fromkeys(strong))
    if len(targets) > 1:
        return Related("ambiguous", named, score)
    return Related("refs", named, score)


# Adjectives whose comparative and superlative go down: "shorter", "cheapest", "youngest".
_DOWNWARD = frozenset(
    """short cheap small low light young few little early slow near close thin narrow""".split()  # noqa: SIM905
)


def graded(word: str, lexicon: Lexicon) -> tuple[str, list[Ref]] | None:
    """'heaviest' -> (max, weight_kg), 'longer' -> (>, length): a comparative or superlative
    adjective and the column of the quantity it grades (WordNet's attribute of the adjective)."""
    net = wordnet()
    if net is None or not word.endswith(("est", "er")) or len(word) < 5:
        return None
    bases = [b for b in net.base_forms(word, "a") if b != word]
    if not bases:
        return None
    superlative = word.endswith("est")
    down = bases[0] in _DOWNWARD
    direction = ("min" if down else "max") if superlative else ("<" if down else ">")
    nouns = sorted(n for b in bases for n in net.attributes(b) if " " not in n)
    refs = [r for r in _lookup(lexicon, nouns) if r.kind == "column"]
    return direction, [replace(r, via=f"what '{word}' grades") for r in dict.fromkeys(refs)]

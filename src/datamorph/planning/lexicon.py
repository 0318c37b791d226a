"""Schema linking: the phrases that name each table, column and known value of a catalog.

`customers` is named by "customers" and "customer"; `orders.amount` by "amount",
"amounts" and "order amount"; `customers.customer_name` by "customer name" and, within its
table, "name"; a sampled value such as `orders.status = 'completed'` by "completed". Phrases
are keyed by stemmed words, so "hired" finds `hire_date` and "salaries" finds `salary`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from datamorph.catalog import Catalog, Column, Table
from datamorph.planning.identifiers import DATE_SUFFIXES as DATE_SUFFIXES  # re-exported
from datamorph.planning.identifiers import IDENTIFIERS as IDENTIFIERS  # re-exported
from datamorph.planning.identifiers import UNITS as UNITS  # re-exported
from datamorph.planning.identifiers import split_name as split_name  # re-exported
from datamorph.planning.identifiers import unit_of
from datamorph.planning.shortnames import ABBREVIATIONS, ShortNames, known_word
from datamorph.planning.tokens import fold, season_key

RefKind = Literal["table", "column", "value"]
MAX_PHRASE = 4
_FUZZY_CUTOFF = 0.84
# Name endings that say "how many" rather than what: `scrap_qty` is the scrap.
_COUNTS = frozenset({"qty", "cnt", "count", "num", "amt"})
# Heads that name the thing before them, never the row's owner: head_name, contact_email.
_LABEL_HEADS = frozenset({"name", "title", "email", "phone"}) | IDENTIFIERS
# Tables named for a thing and a generic container: `downtime_events`, `fuel_logs`.
_CONTAINERS = frozenset({"event", "log", "record", "entry", "history", "item", "line", "data"})

# A table's grain written after its name: `PageViewDaily`, `sales_monthly`.
_GRAINS = frozenset({"daily", "weekly", "monthly", "quarterly", "yearly", "annual", "hourly"})
# Words of a name that are no noun: `check_in`, `sign_up`, `drop_off`.
_PARTICLES = frozenset({"in", "out", "on", "off", "up", "at", "of", "by", "to", "for", "down"})
# Nouns for the lines of a document: `order_items` are also "order lines", "order entries".
_LINE_NOUNS = ("item", "line", "entry")
# Nouns that name a categorical column by its kind: "vehicle type", "kind of cuisine".
_KIND_NOUNS = ("type", "kind", "category", "sort")
# Link strengths, for the reading and for choosing between candidates.
EXACT, UNIT, SYNONYM, KIND_OF = 1.0, 0.95, 0.8, 0.6


@dataclass(frozen=True)
class Ref:
    """What a phrase names: a table, a column, or a value of a column."""

    kind: RefKind
    table: str
    column: str | None = None
    value: str | None = None
    weak: bool = False  # named by a partial phrase ("name" for customer_name)
    negated: bool = False  # "inactive" for is_active
    via: str | None = None  # how a word that is not the name reached it ("synonym of client")

    @property
    def label(self) -> str:
        if self.kind == "table":
            return self.table
        if self.kind == "value":
            return f"{self.table}.{self.column} = '{self.value}'"
        return f"{self.table}.{self.column}"


def stem(word: str) -> str:
    """A crude, predictable stem (hired -> hire, salaries -> salary)."""
    w = word.lower()
    if len(w) <= 3:
        return w
    for suffix, repl in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("xes", "x"),
    ):
        if w.endswith(suffix):
            return w[: -len(suffix)] + repl
    if w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith("ing") and len(w) > 5:
        return _undouble(w[:-3])
    if w.endswith("ed") and len(w) > 4:
        return _undouble(w[:-2]) if not w.endswith("eed") else w[:-1]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        singular = w[:-1]  # "bookings" and "booking" meet: both stem to "book"
        return stem(singular) if singular.endswith(("ing", "ed")) else singular
    return w


def _undouble(w: str) -> str:
    # hiring -> hir -> hire ; shipped -> shipp -> ship ; ordered -> order
    if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "ls":
        return w[:-1]
    if w.endswith(("r", "v", "c", "z")) and len(w) <= 4:
        return w + "e"
    return w


# Words before `_name` that qualify the row's own name; any other (branch_name) names
# another thing, whose name the row merely carries.
_OWN_NAME = frozenset(
    """full first last given family middle display legal short long official common preferred
    nick user real formal""".split()  # noqa: SIM905 - a word list reads better as text
)


def _another_things_name(words: tuple[str, ...], owner: tuple[str, ...], column: Column) -> bool:
    """`branch_name` in loan_officers is the branch's name: "name" there means full_name."""
    return (
        column.family == "text"
        and len(words) == 2
        and words[-1] in {"name", "nm"}
        and words[0] not in _OWN_NAME
        and stem(words[0]) not in {stem(w) for w in owner}
    )


def key_of(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_canonical(stem(w)) for w in words)


def _canonical(stemmed: str) -> str:
    # "hire" and "hir" (from "hired") meet at "hir"
    return stemmed[:-1] if stemmed.endswith("e") and len(stemmed) > 3 else stemmed


def said_as(ref: Ref, said: list[str]) -> bool:
    """A short code in capitals ('LIN', 'SL') is met only as written, never as a form of an
    English word ('lines', 'sl')."""
    code = (
        ref.kind == "value"
        and ref.via is None  # 'sandy loam', named by a comment, is not the code's spelling
        and isinstance(ref.value, str)
        and _SHORT_CODE.fullmatch(ref.value)
    )
    return not code or " ".join(said) == str(ref.value).lower()


_SHORT_CODE = re.compile(r"[A-Z]{2,4}")


class Lexicon:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.phrases: dict[tuple[str, ...], list[Ref]] = {}
        self._vocabulary: set[str] = set()
        self._short = ShortNames(catalog)
        for table in catalog.tables.values():
            self._add_table(table)
        for table in catalog.tables.values():
            self._add_container(table)
        for table in catalog.tables.values():
            self._add_kinds(table)
        for table in catalog.tables.values():
            self._add_head(table)
        for table in catalog.tables.values():
            self._add_keyed(table)

    # ---- building --------------------------------------------------------------------------

    def _add(self, words: tuple[str, ...], ref: Ref) -> None:
        if not words or len(words) > MAX_PHRASE:
            return
        refs = self.phrases.setdefault(key_of(words), [])
        if ref not in refs:
            refs.append(ref)

    def _add_table(self, table: Table) -> None:
        words = split_name(table.name)
        self._add(words, Ref("table", table.name))
        if len(words) > 1 and table.name.isalnum():  # ticketOrder typed as it is
            self._add((table.name.lower(),), Ref("table", table.name))
        initials = "".join(w[0] for w in words if w.isalpha())
        if len(words) > 1 and len(initials) == len(words) and not known_word(initials):
            self._add((initials,), Ref("table", table.name, weak=True))  # "AE" adverse_events
        # "assigned" names assignments, "enrolled" enrollments: the verb of a -ment noun
        last = stem(words[-1]) if words else ""
        if last.endswith("ment") and len(last) > 7:
            self._add((*words[:-1], last[:-4]), Ref("table", table.name, weak=True))
        if len(words) > 1 and stem(words[-1]) in _LINE_NOUNS:  # order_items: "order lines"
            for noun in (*_LINE_NOUNS, "line item"):
                self._add((*words[:-1], *noun.split()), Ref("table", table.name, weak=True))
        if len(words) > 2 and words[-1] in _GRAINS:  # PageViewDaily: "page views"
            self._add(words[:-1], Ref("table", table.name, weak=True))
        singular = (*words[:-1], stem(words[-1])) if words else words
        for column in table.columns:
            self._add_column(table, column, singular)

    def _add_container(self, table: Table) -> None:
        """`downtime_events` is also "downtime", when no other table is named so."""
        words = split_name(table.name)
        if len(words) < 2 or stem(words[-1]) not in _CONTAINERS:
            return
        if any(r.kind == "table" for r in self.phrases.get(key_of(words[:-1]), [])):
            return
        self._add(words[:-1], Ref("table", table.name, weak=True))

    def _add_head(self, table: Table) -> None:
        """`support_tickets` is also "tickets", when nothing else is named so."""
        words = split_name(table.name)
        head = words[-1:] if len(words) > 1 else ()
        if not head or stem(head[0]) in _CONTAINERS:
            return
        # "orders" for ticketOrder even though ticketOrderId and orderedAt share the word
        # (weakly); anything stronger keeps it
        if any(r.kind != "column" or not r.weak for r in self.phrases.get(key_of(head), [])):
            return
        self._add(head, Ref("table", table.name, weak=True))
        for column in table.columns:  # "payment method" for premium_payments.method
            words = split_name(column.name)
            if words[:1] != head and key_of((*head, *words)) not in self.phrases:
                self._add((*head, *words), Ref("column", table.name, column.name))

    def _add_keyed(self, table: Table) -> None:
        """`player_account` keyed by `player_id` holds players: it is also "players", when no
        table is named so (`customer_account` keyed by `account_id` stays the accounts)."""
        words = split_name(table.name)
        if len(table.primary_key) != 1 or len(words) < 2:
            return
        key = split_name(table.primary_key[0])
        if len(key) != 2 or key[1] != "id" or key[0] not in words[:-1]:
            return
        if any(r.kind == "table" for r in self.phrases.get(key_of(key[:1]), [])):
            return
        self._add(key[:1], Ref("table", table.name, weak=True))

    def _add_kinds(self, table: Table) -> None:
        """A text column is also named with its kind: `vehicle` is "vehicle type", "kind of
        vehicle"; only where no column has that name itself (a real `vehicle_type` wins)."""
        for column in table.columns:
            words = split_name(column.name)
            if column.family != "text" or words[-1:] in {("id",), ("name",)} or len(words) > 2:
                continue
            ref = Ref("column", table.name, column.name, weak=True)
            for noun in _KIND_NOUNS:
                for phrase in ((*words, noun), (noun, "of", *words)):
                    if key_of(phrase) not in self.phrases:
                        self._add(phrase, ref)

    def _add_column(self, table: Table, column: Column, table_words: tuple[str, ...]) -> None:
        words = split_name(column.name)
        # loan.member, a reference to the member table: "members" names the table, and the
        # column only weakly (else "vip members" would show loan.member)
        ref = Ref("column", table.name, column.name, weak=self._references(table, column, words))
        self._add(words, ref)
        if len(words) > 1 and column.name.isalnum():  # setLengthMin typed as it is
            self._add((column.name.lower(),), Ref("column", table.name, column.name))
        expanded = tuple(ABBREVIATIONS.get(w, w) for w in words)
        if expanded != words:  # planned_qty is "planned quantity", dept_id "department id"
            self._add(expanded, ref)
        # "order amount" for orders.amount; "customer email" for customers.email
        if words[: len(table_words)] != table_words:
            self._add(table_words + words, ref)
        else:
            # customer_name within customers is also just "name" (weakly)
            rest = words[len(table_words) :]
            if rest and rest != ("id",):
                self._add(rest, Ref("column", table.name, column.name, weak=True))
        self._add_short_forms(table, column, words)
        if expanded != words:  # cmpltd_dt is also "cmpltd", as completed_date is "completed"
            self._add_short_forms(table, column, expanded)
        self._add_decomposed(table, column, words)
        if expanded != words:  # soil_cd is also "soil", eqp_typ "type" (weakly)
            self._add_decomposed(table, column, expanded)
        if column.family == "numeric" and expanded[-1:] == ("quantity",):
            self._add(("units",), Ref("column", table.name, column.name, weak=True))
        from datamorph.planning import described

        for phrase, found in described.phrases(table, column, words):
            if found.via and found.via.startswith("a synonym") and key_of(phrase) in self.phrases:
                continue  # a synonym never takes a phrase that already names something
            self._add(phrase, found)
        if column.profile and column.family == "text":
            for value in column.profile.top_values:
                self._add_value(table, column, value)

    def _references(self, table: Table, column: Column, words: tuple[str, ...]) -> bool:
        """A column named as the table it references: loan.member -> member(ref)."""
        said = tuple(stem(w) for w in words)
        for other in self.catalog.tables.values():
            if other.name == table.name:
                continue
            if tuple(stem(w) for w in split_name(other.name)) != said:
                continue
            keys = self.catalog.join_keys(table.name, other.name)
            if any(k.left_column.lower() == column.name.lower() for k in keys):
                return True
        return False

    def _add_short_forms(self, table: Table, column: Column, words: tuple[str, ...]) -> None:
        """`hire_date` is also "hired"/"hire"; `is_active` is also "active" (weakly)."""
        if column.family == "temporal" and len(words) > 1 and words[-1] in DATE_SUFFIXES:
            weak = Ref("column", table.name, column.name, weak=True)
            self._add(words[:-1], weak)
            # "signup" is also "signed up"; "checkout", "checked out"
            head = words[-2]
            for particle in ("up", "out", "in", "off"):
                if head.endswith(particle) and len(head) > len(particle) + 2:
                    self._add((*words[:-2], head[: -len(particle)], particle), weak)
        if len(words) > 1 and words[-1] in {"flag", "flg", "ind", "yn"}:  # fixed_rate_flag
            self._add(words[:-1], Ref("column", table.name, column.name))
        if column.family == "numeric" and len(words) > 1 and words[-1] == "year":
            self._add(words[:-1], Ref("column", table.name, column.name, weak=True))  # birth
        if column.family == "boolean" and len(words) > 1 and words[0] in {"is", "has", "can"}:
            self._add(words[1:], Ref("column", table.name, column.name, weak=True))
            if len(words) == 2:
                negated = Ref("column", table.name, column.name, weak=True, negated=True)
                for prefix in ("in", "non", "un"):
                    self._add((prefix + words[1],), negated)
                self._add(("non", words[1]), negated)
        if column.family == "boolean" and len(words) == 1:  # planned: "unplanned", "non planned"
            negated = Ref("column", table.name, column.name, weak=True, negated=True)
            for prefix in ("un", "non"):
                self._add((prefix + words[0],), negated)
            self._add(("non", words[0]), negated)

    def _add_decomposed(self, table: Table, column: Column, words: tuple[str, ...]) -> None:
        """`weight_kg` is "weight"; `home_store_id` is "home store" (weakly: the key of one)."""
        strong = Ref("column", table.name, column.name)
        weak = Ref("column", table.name, column.name, weak=True)
        owner = split_name(table.name)
        owner = (*owner[:-1], stem(owner[-1])) if owner else owner
        if len(words) > 1 and (words[-1] in _COUNTS or words[-1].isdigit()):  # score_10, scrap_qty
            self._add(words[:-1], strong)
        unit = words[-1] in UNITS or unit_of(words[-1]) is not None  # _kg, _kilometres
        if len(words) > 1 and (unit or words[-1].isdigit()):  # score_10: "score"
            self._add(words[:-1], strong)
            self._add(owner + words[:-1], strong)  # "room rate" for rooms.base_rate_usd
        if len(words) > 1 and words[-1] in {"pct", "percent"}:  # a percentage is a rate
            for noun in ("rate", "percentage"):
                self._add((*words[:-1], noun), strong)
        if (len(words) > 2 and words[-1] == "id") or (len(words) > 1 and words[-1] in IDENTIFIERS):
            self._add(words[:-1], weak)
        if len(words) > 1 and words[-1] == "nm" and column.family == "text":
            self._add(words[:-1], weak)  # farm_nm: "per farm", the farms by their name
        # the head noun of a compound name: `unit_price` is "price", `base_salary` "salary"
        named = words[:-1] if words[-1:] == ("code",) else words  # ban_reason_code: "reason"
        head = [
            w
            for w in named
            if w not in UNITS and w not in _PARTICLES and w != "id" and not w.isdigit()
        ][-1:]  # `check_in` has no head noun: "in" names nothing
        if len(words) > 1 and head and head[0] not in DATE_SUFFIXES and head != [words[0]]:
            if not _another_things_name(words, owner, column):
                self._add((head[0],), weak)
            else:  # "name and branch": branch_name is how the row names its branch
                self._add(words[:1], weak)
            if head[0] not in _LABEL_HEADS:  # head_name is the head's name, not the department's
                self._add((*owner, head[0]), strong)  # "room rate": the rate of a room

    def _add_value(self, table: Table, column: Column, value: str) -> None:
        """Values normalised: case, '_' and punctuation ('in_transit', 'No-Show', 'Tier 2')."""
        lowered = fold(value.strip().lower())
        if re.fullmatch(r"(?:19|20)\d\d[/-]\d\d", lowered):  # '2023/24', '2022-23'
            self._add((season_key(lowered),), Ref("value", table.name, column.name, value))
            return
        words = tuple(re.findall(r"[a-z][a-z0-9]*|\d+", lowered))
        if words and not words[0].isdigit() and len(words) <= MAX_PHRASE:
            self._add(words, Ref("value", table.name, column.name, value))

    # ---- matching --------------------------------------------------------------------------

    def spelled_as_catalog(self, word: str) -> str:
        """`word`, or its other spelling ('labour' for labor_min) when only that one names
        something in the catalog."""
        from datamorph.planning.spelling import variants

        if not self._vocabulary:
            self._vocabulary = {w for key in self.phrases for w in key}
        if key_of((word,))[0] in self._vocabulary:
            return word
        known = [v for v in variants(word) if key_of((v,))[0] in self._vocabulary]
        return known[0] if len(known) == 1 else word

    def match(self, words: list[str], start: int) -> tuple[int, list[Ref]] | None:
        """The longest phrase starting at `start`: (length, candidate refs). Each length is
        tried as said, then with words spelled out in full read as the catalog's short
        names ('labour hours' for lbr_hrs)."""
        for length in range(min(MAX_PHRASE, len(words) - start), 0, -1):
            said = words[start : start + length]
            refs = [r for r in self.phrases.get(key_of(tuple(said)), []) if said_as(r, said)]
            short = [self._short.spelled_out(w) or w for w in said]
            if not refs and short != said:
                refs = [r for r in self.phrases.get(key_of(tuple(short)), []) if r.kind != "value"]
            if refs:
                return length, refs
        return None

    def fuzzy(self, word: str) -> list[Ref]:
        """Refs for a misspelt single word ("custmers"), or none. A word English knows
        ("products", "nightly") is no typo of a name it resembles."""
        clipped = self.clipped(word)
        if clipped:
            return clipped
        if len(word) < 5 or known_word(word):
            return []
        singles = {k[0]: refs for k, refs in self.phrases.items() if len(k) == 1}
        key = _canonical(stem(word))
        close = difflib.get_close_matches(key, list(singles), n=1, cutoff=_FUZZY_CUTOFF)
        # a typo changes a letter or two; a suffix ("nightly" for nights) is another word
        if not close or abs(len(close[0]) - len(key)) > 1:
            return []
        return singles[close[0]]

    def clipped(self, said: str) -> list[Ref]:
        """'reqs' for requisitions, 'appts' for appointments: a word English does not know
        that begins exactly one table's name (weakly: a question if anything else fits)."""
        if len(said) < 3 or not said.isalpha() or known_word(said):
            return []
        word = stem(said)
        tables = [
            name
            for name in self.catalog.table_names
            if (first := split_name(name)[0]) != word and first.startswith(word)
        ]
        return [Ref("table", tables[0], weak=True)] if len(tables) == 1 else []

    def clipping_of(self, said: str) -> list[Ref]:
        """'districts' for a table `dists`, 'departments' for `depts`: a table named by a
        clipped form English does not know, that begins the word said (one table only)."""
        if len(said) < 5 or not said.isalpha():
            return []
        word = stem(said)
        tables = []
        for name in self.catalog.table_names:
            words = split_name(name)
            clip = stem(words[-1])
            if len(clip) >= 3 and clip != word and word.startswith(clip) and not known_word(clip):
                tables.append((name, words[:-1]))
        if len(tables) != 1:
            return []
        return [Ref("table", tables[0][0], weak=True, via=f"clipped to {tables[0][0]}")]

    def columns(self, table: str) -> Iterator[Column]:
        yield from self.catalog.table(table).columns

"""Names the catalog writes short: the abbreviations naming conventions share (`qty`, `cust`)
and the parts of one catalog's names that are words cut short (`rnt`, `brnch`, `presc`), with
the word a request spells each of them out by."""

from __future__ import annotations

import re
from functools import cached_property

from datamorph.catalog import Catalog
from datamorph.planning.identifiers import (
    DATE_SUFFIXES,
    IDENTIFIERS,
    UNITS,
    abbreviates,
    split_name,
)

# Abbreviations naming conventions use in identifiers (not words of any one schema).
ABBREVIATIONS = {
    "qty": "quantity", "amt": "amount", "num": "number", "no": "number", "pct": "percent",
    "desc": "description", "dt": "date", "addr": "address", "cnt": "count", "temp": "temperature",
    "dept": "department", "emp": "employee", "cust": "customer", "prod": "product",
    "txn": "transaction", "acct": "account", "qtr": "quarter", "yr": "year", "mgr": "manager",
    "dob": "birth", "avg": "average", "tel": "phone", "msg": "message", "img": "image",
    "pos": "position", "nat": "nationality", "att": "attendance", "loc": "location",
    "cat": "category", "wk": "week", "mo": "month", "hr": "hour", "hrs": "hours",
    "nm": "name", "typ": "type", "cd": "code", "grp": "group", "eqp": "equipment",
    "equip": "equipment", "maint": "maintenance", "mnt": "maintenance", "fld": "field",
    "yld": "yield", "purch": "purchase", "px": "price", "prc": "price", "ssn": "season",
    "flg": "flag", "obs": "observation", "tgt": "target", "inv": "invoice", "pmt": "payment",
    "svc": "service", "sts": "status", "stat": "status", "tot": "total", "bal": "balance",
    "rt": "rate",
}  # fmt: skip


def known_word(word: str) -> bool:
    from datamorph.planning.wordnet import wordnet

    net = wordnet()
    return net is not None and any(net.base_forms(word, pos) for pos in ("n", "v", "a", "r"))


class ShortNames:
    """The abbreviated name parts of one catalog, and which of them a word spells out."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._spelled_out: dict[str, str | None] = {}

    def spelled_out(self, word: str) -> str | None:
        """The one abbreviated name part that `word` spells out: 'branches' for `brnch`,
        'damage' for `dmg_claim`, 'vehicles' for `veh` (its consonants, or its beginning)."""
        from datamorph.planning.lexicon import stem

        if len(word) < 3 or not word.isalpha():
            return None
        if word not in self._spelled_out:
            forms = {word.lower(), stem(word.lower())}  # 'cmpltd' keeps the -ed of 'completed'
            found = {
                p
                for p in self._abbreviated
                for form in forms
                if abbreviates(p, form) and not self._spelled_in_full_elsewhere(p, forms)
            }
            self._spelled_out[word] = found.pop() if len(found) == 1 else None
        return self._spelled_out[word]

    def _spelled_in_full_elsewhere(self, part: str, forms: set[str]) -> bool:
        """`presc_nm` beside a table `prescribers`: the catalog itself says 'presc' is a
        prescriber, so 'prescription' is not what it abbreviates."""
        from datamorph.planning.lexicon import stem

        full = {
            stem(name_part)
            for name_part in self._name_parts
            if len(name_part) >= len(part) + 3 and abbreviates(part, name_part)
        }
        return bool(full) and not full & {stem(form) for form in forms}

    @cached_property
    def _name_parts(self) -> frozenset[str]:
        return frozenset(
            part
            for table in self.catalog.tables.values()
            for name in (table.name, *(c.name for c in table.columns))
            for part in split_name(name)
        )

    @cached_property
    def _abbreviated(self) -> frozenset[str]:
        """Parts of table and column names that are no English word nor a known
        abbreviation: 'rnt', 'brnch', 'mlg'."""
        return frozenset(
            part
            for part in self._name_parts
            if part.isalpha()
            and 2 <= len(part) <= 6
            and part not in ABBREVIATIONS
            and part not in UNITS
            and part not in IDENTIFIERS
            and part not in DATE_SUFFIXES
            and (not known_word(part) or not re.search(r"[aeiouy]", part))  # 'cst', 'pmt'
        )

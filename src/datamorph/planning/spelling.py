"""British and American spellings meet: a request that says "labour", "colour" or "cancelled"
reaches `labor_minutes`, `color` or a 'canceled' status, and "analyze" reaches `analysed_at`.

Only the regular spelling patterns are listed (-our/-or, -re/-er, -ise/-ize, -yse/-yze,
-ll-/-l-, -ogue/-og, -ence/-ense, -mme/-m); a variant is used only when the catalog has it and
not the word as written, so an English word is never turned into another one.
"""

from __future__ import annotations

import re

_END = r"(?=s?$|ed$|ing$|er$|ers$|ite$|ites$)"
_VERB_END = r"(?=e$|es$|ed$|ing$|ation$|ations$)"

# (pattern, replacement), British to American and American to British
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[a-z]{3})our" + _END, "or"),  # labour, colour, favourite (not hour, flour)
        (r"(?<=[a-z]{2}[^aeiou]o)r" + _END, "ur"),  # labor, color
        (r"(?<=[bt])re(?=s?$|d$)", "er"),  # centre, metre, litre, fibre
        (r"(?<=[bt])er(?=s?$)", "re"),  # center, meter
        (r"(?<=[a-z]{3})is" + _VERB_END, "iz"),  # organise, organisation
        (r"(?<=[a-z]{3})iz" + _VERB_END, "is"),
        (r"ys" + _VERB_END, "yz"),  # analyse
        (r"yz" + _VERB_END, "ys"),
        # cancelled, travelled, modelling: a doubled l after two syllables (not filled, called)
        (r"([aeiou][^aeiou]{1,2}[aeiou])ll(?=ed$|ing$|er$|ers$)", r"\1l"),
        (r"([aeiou][^aeiou]{1,2}[aeiou])l(?=ed$|ing$|er$|ers$)", r"\1ll"),  # canceled
        (r"ogue(?=s?$)", "og"),  # catalogue, dialogue
        (r"(?<=[a-z]{3})og(?=s?$)", "ogue"),
        (r"ence(?=s?$)", "ense"),  # licence, defence
        (r"ense(?=s?$)", "ence"),
        (r"mme(?=s?$)", "m"),  # programme
    )
)


def variants(word: str) -> list[str]:
    """The other spellings of `word` by the regular patterns (no check that they are words)."""
    found = [rule.sub(replacement, word, count=1) for rule, replacement in _RULES]
    return [w for w in dict.fromkeys(found) if w != word]

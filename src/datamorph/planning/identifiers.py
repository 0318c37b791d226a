"""The words of an identifier, whatever the team's naming habit: `order_date`, `orderDate`,
`dt_joined`, `date_the_account_was_created`, `rpr_ord`; the units written into names; and
whether a name part is a word written short (`asst` for asset, `brnch` for branch)."""

from __future__ import annotations

import itertools
import re

# Units written into column names: `weight_kg` is named by "weight", `price_eur` by "price".
UNITS = frozenset(
    """
    km m cm mm mi ft kg g lb lbs oz t usd eur gbp jpy chf cad aud inr cny sek nok dkk pln pct
    percent min mins minutes sec secs seconds s ms hr hrs h hours days d wks weeks mo months yrs
    years c f l ml kw kwh mwh w wh v mb gb tb kb bytes px
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Name endings that say a column is a date or a time: `hire_date`, `paid_at`, `rpt_ts`.
DATE_SUFFIXES = frozenset({"date", "at", "on", "time", "ts", "day"})
# Name endings that identify the thing named before them: `product_sku`, `country_code`.
IDENTIFIERS = frozenset({"sku", "code", "key", "ref", "uuid", "number", "no"})
# Units as people write them, by the unit they mean.
_UNIT_WORDS = {
    "km": "km kilometer kilometers kilometre kilometres kms",
    "mi": "mi mile miles",
    "m": "m meter meters metre metres",
    "kg": "kg kgs kilo kilos kilogram kilograms",
    "g": "g gram grams",
    "lb": "lb lbs pound_weight",
    "min": "min mins minute minutes",
    "sec": "s sec secs second seconds",
    "h": "h hr hrs hour hours",
    "d": "d day days",
    "usd": "usd dollar dollars",
    "eur": "eur euro euros",
    "gbp": "gbp pound pounds sterling",
    "pct": "pct percent percentage",
    "l": "l liter liters litre litres",
    "kwh": "kwh",
    "kw": "kw kilowatt kilowatts",
    "c": "c celsius",
}
_UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words.split()}


def unit_of(word: str) -> str | None:
    """The unit a word or a name part means: 'kilometres' and `_km` are both km."""
    return _UNIT_OF.get(word.lower())


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def split_name(name: str) -> tuple[str, ...]:
    """The words of an identifier: `order_date`, `orderDate`, `HTTPStatus`, `ship-to`; a
    type prefix is read as the suffix it stands for (`dt_joined` as joined date,
    `b_active` as active flag) or dropped where it says only the type (`tbl_`, `txt_`)."""
    words = [w for w in _CAMEL.sub("_", name).lower().replace("-", "_").split("_") if w]
    if len(words) > 1 and words[0] in _TYPE_PREFIXES:
        suffix = _TYPE_PREFIXES[words[0]]
        words = words[1:] + ([suffix] if suffix else [])
    if len(words) > 1 and words[-1] == "fk":  # school_fk: the key of a school, as school_id
        words[-1] = "id"
    # is_joint_account keeps its own reading; 'was_the_workout_shared' is a phrase
    if len(words) > 2 and (_NAME_FILLER & set(words[1:]) or _unit_after_in(words)):
        words = _descriptive(words)
    return tuple(words)


# Words of a name written as a phrase ('date_the_account_was_created', 'number_of_laps',
# 'was_the_workout_shared') that say nothing of the data.
_NAME_FILLER = frozenset("the a an was were is are does did do has have how been of".split())  # noqa: SIM905
_LEADING = frozenset({"date", "time", "timestamp", "day", "year", "month"})
_QUESTIONS = frozenset({"was", "were", "is", "are", "does", "did", "do", "has", "have"})


def _unit_after_in(words: list[str]) -> bool:
    return any(w in {"in", "per"} and unit_of(n) for w, n in itertools.pairwise(words))


def _descriptive(words: list[str]) -> list[str]:
    """A name written as a phrase, in the order names are usually written: the date word
    last ('account created date'), 'number of laps' as 'laps count', a unit after 'in' as the
    word last ('distance kilometres'), a yes/no question as its flag ('workout shared flag')."""
    question = words[0] in _QUESTIONS
    at = words.index("number") if "number" in words else -1
    counted = at >= 0 and words[at + 1 : at + 2] == ["of"]
    if counted:
        words = words[:at] + words[at + 2 :]
    kept: list[str] = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in _NAME_FILLER or (word in {"in", "per"} and unit_of(following)):
            continue
        kept.append(word)
    if counted:
        kept.append("count")
    if len(kept) > 1 and kept[0] in _LEADING:
        kept = [*kept[1:], kept[0]]
    if question:
        kept.append("flag")
    return kept or words


# Prefixes some teams put before every name to say its type: `tbl_member`, `dt_joined`,
# `b_active`, `n_segments`, `amt_fare_usd`, `cd_tier`, `id_member`, `txt_email`.
_TYPE_PREFIXES: dict[str, str | None] = {
    "tbl": None, "txt": None, "amt": None, "n": None, "num": None, "str": None,
    "dt": "date", "ts": "at", "b": "flag", "bln": "flag", "cd": "code", "id": "id",
}  # fmt: skip


def abbreviates(part: str, word: str) -> bool:
    """`part` is `word` cut short ('veh', 'cust') or written without its vowels ('brnch',
    'rnt' for rental, 'dmg')."""
    if part == word or part[0] != word[0]:
        return False
    consonants = _single(word[0] + re.sub(r"[aeiou]", "", word[1:]))
    if len(part) == 2:  # 'tg' is 'tag' and nothing longer: two letters say little
        return consonants == part
    # 'asst' for asset, 'mileage' and 'millage' both 'mlg'
    return (len(part) >= 3 and word.startswith(part)) or consonants.startswith(_single(part))


def _single(letters: str) -> str:
    return re.sub(r"(.)\1+", r"\1", letters)

"""How the numbers of a result are shown: 'rounded to 1 decimal', 'round to two decimal
places', 'to 2 dp'. Taken out of the text before parsing (the rounding explains those words);
the plan rounds every computed number it outputs, or the words stay unplaced when it computes
none.
"""

from __future__ import annotations

import re

_DIGITS = {"zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4}
_N = r"(?P<n>\d|zero|no|one|two|three|four)"
_PLACES = r"(?:decimal\s+places?|decimal\s+digits?|decimals?|dp|d\.p\.|places?)"
_ROUNDINGS = (
    re.compile(
        r"[,;]?\s*\(?\s*(?:and\s+)?"
        r"(?:rounded|round(?:ing)?(?:\s+(?:it|them|that|those|the\s+\w+))?)"
        rf"\s+(?:off\s+)?to\s+{_N}\s+{_PLACES}\s*\)?",
        re.I,
    ),
    # "..., one decimal." at the end of a clause
    re.compile(rf"[,;]\s*{_N}\s+(?:decimal\s+places?|decimals?)\s*(?=[.;)]|$)", re.I),
    # "... per status to 1 decimal place", "(to 2 dp)"
    re.compile(rf"[,;]?\s*\(?\s*\bto\s+{_N}\s+(?:decimal\s+places?|decimals?|dp)\b\s*\)?", re.I),
)


def take_rounding(text: str) -> tuple[str, int | None, str | None]:
    """(text without the rounding, the number of decimals, the words said)."""
    for pattern in _ROUNDINGS:
        found = pattern.search(text)
        if found is None:
            continue
        said = found.group("n")
        digits = int(said) if said.isdigit() else _DIGITS[said.lower()]
        said_text = found.group(0).strip(" ,;")
        return text[: found.start()] + " " + text[found.end() :], digits, said_text
    return text, None, None


def rounded(expr: str, digits: int | None) -> str:
    return expr if digits is None else f"round({expr}, {digits})"

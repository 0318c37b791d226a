"""Dates said without a year, and day ranges written short: "between 1 and 14 June", "1-10 Aug",
"Sept 3", "from April through June this year", "January-September 2025".

A month said without a year is this year's when it has begun by today (the planner's as-of
day): on 18 June 2025, "in May" is May 2025 and "1-14 June" is 1-14 June 2025. A month of this
year that has not begun yet could be last year's or the coming one, so it keeps no year and the
request is refused naming it. The year is written into the request ("June 2025"), so the
reading shows which year was taken.
"""

from __future__ import annotations

import datetime as dt
import re

from datamorph.planning.tokens import MONTHS

_NUMBER = {**MONTHS, "may": 5}  # the tokenizer leaves "may" out: a verb more often
# "May" only in capitals, and abbreviations only beside a day: "may" is a verb, "Jan" a name.
_MONTH = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|(?-i:May))"
)
_ABBR = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|\u2013|to|through|until|till|and)\s*"
_LINK = r"\s*(?P<link>-|\u2013|to|through|until|till|and)\s*"

_DAY_MONTH = re.compile(
    rf"\b(?:(?P<d1>{_DAY}){_LINK})?(?P<d2>{_DAY})\s+(?P<m>{_MONTH}|{_ABBR})\b", re.I
)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH}|{_ABBR})\s+(?P<d1>{_DAY})(?:\s*(?P<link>-|\u2013)\s*(?P<d2>{_DAY}))?\b(?![:.]\d)",
    re.I,
)
_MONTH_ONLY = re.compile(rf"\b(?P<m>{_MONTH})\b", re.I)
_MONTH_RANGE = re.compile(rf"\b({_MONTH}|{_ABBR})\s*[-\u2013]\s*({_MONTH}|{_ABBR})\b", re.I)
_YEAR_AFTER = re.compile(r"^,?\s*(?:of\s+)?(?:19|20)\d\d\b")
_THIS_OR_LAST = re.compile(r"^\s*(?:of\s+)?(this|last)\s+year\b", re.I)
_SPAN_AFTER = re.compile(
    rf"^{_TO}(?:(?:the\s+)?{_DAY}\s+(?:of\s+)?)?(?:{_MONTH}|{_ABBR})?\s*(?:{_DAY})?,?\s*(?:19|20)\d\d\b",
    re.I,
)


def with_years(text: str, today: dt.date) -> str:
    """`text` with the year written after each month said without one, where it is certain."""
    text = _MONTH_RANGE.sub(r"\1 to \2", text)
    taken: list[tuple[int, int]] = []
    edits: list[tuple[int, int, str]] = []
    for pattern in (_DAY_MONTH, _MONTH_DAY, _MONTH_ONLY):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            replacement = _dated(match, text[end:], today)
            if replacement is not None:
                edits.append((start, end + replacement[1], replacement[0]))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _dated(match: re.Match[str], after: str, today: dt.date) -> tuple[str, int] | None:
    """The words of `match` with a year, and how many characters after it they replace."""
    said = match.group("m")
    month = _NUMBER[said.lower().rstrip(".")]
    groups = match.groupdict()
    days = [groups[k] for k in ("d1", "d2") if groups.get(k)]
    link = groups.get("link") or "to"
    link = "to" if link in {"-", "\u2013"} else link
    if _YEAR_AFTER.match(after) or _SPAN_AFTER.match(after):
        # its year is said, here or after a span: only '1-14 Sept 2025' is rewritten
        return (f"{_plain(days[0])} {link} {_plain(days[1])} {said}", 0) if len(days) == 2 else None
    this_or_last = _THIS_OR_LAST.match(after)
    if this_or_last:
        year = today.year - (this_or_last.group(1).lower() == "last")
        return _written(said, days, link, year), this_or_last.end()
    if dt.date(today.year, month, 1) > today:
        return None  # last year's or the coming one: not certain
    return _written(said, days, link, today.year), 0


def _plain(day: str) -> str:
    return re.sub(r"(st|nd|rd|th)$", "", day, flags=re.I)


def _written(month: str, days: list[str], link: str, year: int) -> str:
    if len(days) == 2:
        return f"{_plain(days[0])} {month} {year} {link} {_plain(days[1])} {month} {year}"
    if days:
        return f"{_plain(days[0])} {month} {year}"
    return f"{month} {year}"

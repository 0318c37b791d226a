"""Passes for requests about periods and proportions.

- "in the last 30 days of data" / "in the past 4 weeks": a window of calendar days ending on
  the data's latest date (said with "of data", "in the data") or on today (otherwise); the
  reading says which, so a person sees the anchor before confirming;
- "running total of amount per month", "month over month change in revenue": a window over
  the periods of the result;
- "percentage of orders that were cancelled", "share of members on trial per country": the
  conditions after the word become the numerator, the rows before it the denominator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datamorph.planning import dates
from datamorph.planning.intent import Condition, Derived, Intent, Measure, Relative
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item
from datamorph.planning.util import add_measure, column_ref, next_index, previous_index, table_ref

_LAST = frozenset({"last", "past", "previous", "trailing", "final"})
_DAYS_PER = {"day": 1, "week": 7}
_GRAINS = {"month": "month", "year": "year", "week": "week", "quarter": "quarter"}
_DATA = frozenset({"data", "dataset", "latest", "recorded"})


def relative_range(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    for i, item in enumerate(items):
        if item.used or item.text not in _LAST or i + 2 >= len(items):
            continue
        number, grain = items[i + 1], items[i + 2]
        if number.kind != "number" or not grain.is_kw("grain"):
            continue
        found = dates.date_column(intent, lexicon, near=items, consume=True)
        if found is None:
            continue
        anchor = "data" if any(x.text in _DATA for x in items[i + 3 : i + 7]) else "today"
        unit = grain.meaning or "day"
        count = int(number.value) * _DAYS_PER.get(unit, 1)
        intent.relative = Relative(
            count, "day" if unit in _DAYS_PER else unit, anchor, found, today=intent.today
        )
        note = intent.range_note  # "..., i.e. on or after the latest X minus 30 days"
        if note is not None and note.exact and (note.days, intent.relative.unit) == (count, "day"):
            intent.relative.exact = True
        for x in (item, number, grain):
            x.used = True
        k = previous_index(items, i)
        before = items[k] if k is not None else None
        if before is not None and (before.is_kw("date") or before.text in {"over", "within"}):
            before.used = True  # "in the last 30 days", "over the past 4 weeks"
        if anchor == "data":
            for x in items[i + 3 : i + 7]:
                if x.text in _DATA:
                    x.used = True


_THIS = frozenset({"this", "current"})
_PREVIOUS = frozenset({"last", "previous", "prior"})
_CALENDAR = frozenset({"year", "quarter", "month", "week"})


def calendar_period(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'orders this year', 'revenue last month': the current or the previous calendar period,
    relative to today (the reading says so); never a grouping by the period."""
    for i, item in enumerate(items[:-1]):
        grain = items[i + 1]
        if item.used or item.text not in _THIS | _PREVIOUS or not grain.is_kw("grain"):
            continue
        unit = grain.meaning or ""
        if unit not in _CALENDAR or grain.text != unit:  # "last 30 days", "yearly": not ours
            continue
        # "total tips per server last month": the tips' month, not the servers' dates
        found = dates.date_column(
            intent,
            lexicon,
            near=items[:i],
            consume=True,
            named_first=not any(m.column and m.fn != "count_distinct" for m in intent.measures),
        )
        if found is None:
            continue
        start = f"date_trunc('{unit}', {intent.today})"
        if item.text in _PREVIOUS:
            start = f"{start} - INTERVAL 1 {unit.upper()}"
        template = f"{{col}} >= {start} AND {{col}} < {start} + INTERVAL 1 {unit.upper()}"
        intent.filters.append(Condition(template, table=found[0], column=found[1]))
        item.used = grain.used = True
        k = previous_index(items, i)
        if k is not None and (items[k].is_kw("date") or items[k].text in {"during", "over"}):
            items[k].used = True  # "in the last month"


def windows(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'running total of amount', 'cumulative number of orders', 'month over month change'."""
    for i, item in enumerate(items):
        if item.used or not item.is_kw("window"):
            continue
        item.used = True
        intent.window = item.meaning
        grain = _window_grain(items, i)
        intent.window_grain = grain
        if grain is not None and not any(g.grain for g in intent.groups):
            intent.pending_grain = grain  # "month over month": per month
        j = next_index(items, i)
        if item.text.endswith(("total", "sum")) and j is not None and items[j].kind == "ref":
            ref = column_ref(items[j], intent)
            if ref is not None and ref.column and table_ref(items[j]) is None:
                items[j].used = True
                items[j].value = add_measure(intent, Measure("sum", ref.table, ref.column))


def _window_grain(items: list[Item], i: int) -> str | None:
    """The period a change is measured against: 'month over month', 'change from the previous
    quarter' (the grain word after the phrase is the window's, not a second grouping)."""
    words = items[i].text.split()
    for word in (words[0], words[-1]):
        if word in _GRAINS:
            return _GRAINS[word]
    j = next_index(items, i)
    if words[-1] in {"previous", "prior"} and j is not None and items[j].is_kw("grain"):
        items[j].used = True
        return items[j].meaning
    return None


def ratios(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'percentage of orders that were cancelled': the average of a 0/100 flag per row."""
    for i, item in enumerate(items):
        if item.used or not item.is_kw("ratio"):
            continue
        j = next_index(items, i)
        counted = table_ref(items[j]) if j is not None else None
        if counted is None or j is None:
            continue
        after = [
            k
            for k, words in enumerate(intent.filter_words)
            if words and min(words) > j and intent.filters[k].table
        ]
        if after:
            items[j].used = True
            _ratio_of(item, counted.table, after, intent)
    _rates(items, intent)


def _rates(items: list[Item], intent: Intent) -> None:
    """'cancellation rate per channel', 'pass rate of each inspector': the share of rows for
    which the word before 'rate' holds (a flag or a value the conditions already read)."""
    for r, item in enumerate(items):
        if item.used or item.text != "rate" or item.kind not in {"word", "ref"} or r == 0:
            continue
        if any(ref.table in intent.tables for ref in item.refs):
            continue  # "the premium rate" on a table with a rate column: that column
        before = [
            k
            for k, words in enumerate(intent.filter_words)
            if words == {r - 1} and intent.filters[k].table and intent.filters[k].column
        ]
        if len(before) == 1:
            table = intent.filters[before[0]].table
            _ratio_of(item, table or "", before, intent, kind="share")


def _ratio_of(
    item: Item, table: str, picked_at: list[int], intent: Intent, kind: str | None = None
) -> None:
    picked = [intent.filters[k] for k in picked_at]
    columns = [(c.table or "", c.column or "") for c in picked]
    tests = [c.sql_template.format(col=f"{{c{n}}}") for n, c in enumerate(picked)]
    kind = intent.ratio_scale or kind or item.meaning
    scale = "100.0" if kind == "pct" else "1.0"
    name = ("pct" if kind == "pct" else "share") + f"_of_{table}"
    test = " AND ".join(f"({t})" for t in tests)
    flag = Derived(name, f"CASE WHEN {test} THEN {scale} ELSE 0 END", columns)
    for k in sorted(picked_at, reverse=True):
        del intent.filters[k]
        del intent.filter_words[k]
    item.used = True
    intent.mention(table)
    measure = add_measure(intent, Measure("avg", table, None, derived=flag))
    measure.name = name


_RATIO_WORDS = re.compile(r"\b(percentage|percent|share|fraction|proportion|ratio|rate)\b", re.I)
_SCALE = re.compile(
    r"\(?\s*(?:as\s+a\s+(?:percentage|fraction|share)\s*)?(?:on\s+a\s+)?(?:from\s+|between\s+)?"
    r"\b0\s*(?:-|to|and)\s*(1|100)\b\s*(?:scale)?\s*\)?"
    r"|\bas\s+a\s+(percentage|fraction|share)\b",
    re.I,
)


def take_scale(text: str) -> tuple[str, str | None, str | None]:
    """'(0-100)', 'as a fraction between 0 and 1', 'as a percentage': how a ratio is shown.
    Taken out of the text (the ratio's element explains it) and returned as pct or share."""
    if not _RATIO_WORDS.search(text):
        return text, None, None
    found = list(_SCALE.finditer(text))
    if not found:
        return text, None, None
    scale = None
    for match in found:
        said = (match.group(1) or match.group(2) or "").lower()
        scale = "pct" if said in {"100", "percentage"} else "share" if said else scale
    for match in reversed(found):
        text = text[: match.start()] + " " + text[match.end() :]
    return text, scale, ", ".join(m.group(0).strip() for m in found)


_FIRST_PERIOD = re.compile(
    r"\(\s*(?:the\s+)?(?:first|earliest|oldest)\s+(?:day|week|month|quarter|year|period)\s+"
    r"(?:has|have|gets|shows)\s+(?:no|none|nothing|an?\s+empty|a\s+null)"
    r"(?:\s+(?:previous|prior|earlier)(?:\s+(?:one|day|week|month|quarter|year|period))?"
    r"|\s+change|\s+value)?\s*\)"
    r"|\(\s*(?:none|null|empty|blank|no\s+change)\s+for\s+the\s+(?:first|earliest)\s+"
    r"(?:day|week|month|quarter|year|period)\s*\)",
    re.I,
)


def take_first_period_note(text: str) -> tuple[str, str | None]:
    """'(the first month has no previous one)': how a change between periods starts, which
    the change's lag gives anyway. Taken out, and placed only when the plan has a change."""
    found = _FIRST_PERIOD.search(text)
    if found is None:
        return text, None
    return text[: found.start()] + " " + text[found.end() :], found.group(0).strip()


@dataclass
class RangeNote:
    """'the 30 days ending on the latest borrow date, that day included': a range of days up
    to the data's latest date of a named column, said in full."""

    days: int
    date_words: tuple[str, ...]
    said: str
    placed: bool = False
    exact: bool = False  # "on or after the latest created_at minus 30 days": to the instant


_RANGE_NOTE = re.compile(
    r"(?:[:;,(]\s*(?:i\.e\.,?\s*|that\s+is,?\s*|meaning\s+)?|\bin\s+)?"
    r"the\s+(?P<n>\d+)\s+(?:calendar\s+)?days\s+"
    r"(?:ending\s+(?:on|with)|up\s+to(?:\s+and\s+including)?|through|until)\s+"
    r"the\s+(?:latest|most\s+recent|last|newest)\s+(?P<what>(?:[\w-]+\s+){0,3})"
    r"(?:date|day|timestamp|time)\b"
    r"(?:\s+(?:in|of)\s+the\s+(?:data|dataset|\w+\s+table))?"
    r"(?:\s*,?\s*\(?\s*(?:that|this|the\s+latest|the\s+last)\s+(?:day|date)\s+included\s*\)?"
    r"|\s*\(?\s*inclusive\s*\)?|\s*,?\s*both\s+(?:days|ends)\s+included)?\s*\)?",
    re.I,
)


# "i.e. on or after the latest created_at minus 30 days": the same range, to the instant
_INSTANT_NOTE = re.compile(
    r"(?:[:;,(]\s*(?:i\.e\.,?\s*|that\s+is,?\s*|meaning\s+)?)?"
    r"(?:on\s+or\s+after|at\s+or\s+after|no\s+earlier\s+than)\s+"
    r"the\s+(?:latest|most\s+recent|last|newest|maximum)\s+(?P<what>(?:[\w-]+\s+){1,3}?)"
    r"minus\s+(?P<n>\d+)\s+days?\b\s*\)?",
    re.I,
)


def take_range_note(text: str) -> tuple[str, RangeNote | None]:
    for pattern in (_RANGE_NOTE, _INSTANT_NOTE):
        found = pattern.search(text)
        if found is None:
            continue
        what = found.group("what").lower().replace("_", " ")
        words = tuple(w for w in re.findall(r"[a-z0-9]+", what) if w not in {"date", "time"})
        note = RangeNote(
            int(found.group("n")),
            words,
            found.group(0).strip(" ,;:"),
            exact=pattern is _INSTANT_NOTE,
        )
        return text[: found.start()] + " " + text[found.end() :], note
    return text, None


def range_note(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """Place a RangeNote: it restates the range read from 'the last 30 days of the data', or
    it is the range itself; either way the named date must be the range's column."""
    note = intent.range_note
    if note is None:
        return
    column = _named_date(note.date_words, lexicon, intent)
    relative = intent.relative
    if relative is None and column is not None:
        intent.relative = Relative(note.days, "day", "data", column, exact=note.exact)
        note.placed = True
    elif relative is not None and (relative.count, relative.unit) == (note.days, "day"):
        note.placed = (column is None and not note.date_words) or column == relative.column
        if note.placed:
            relative.anchor, relative.exact = "data", note.exact
    if note.placed and intent.relative is not None:  # "members who joined in ...": that date
        placed = intent.relative.column
        for item in items:
            if (
                item.kind == "ref"
                and not item.used
                and any((r.table, r.column) == placed for r in item.refs)
            ):
                item.used = True


def _named_date(words: tuple[str, ...], lexicon: Lexicon, intent: Intent) -> tuple[str, str] | None:
    """The one date column the words name ('borrow', 'scheduled departure', 'opened on')."""
    found: set[tuple[str, str]] = set()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            match = lexicon.match(list(words[start : start + size]), 0)
            if not match or match[0] != size:
                continue
            for ref in match[1]:
                if ref.kind == "column" and ref.column and _temporal_column(lexicon, ref):
                    found.add((ref.table, ref.column))
        if found:
            break
    in_play = {c for c in found if c[0] in intent.tables}
    found = in_play or found
    return found.pop() if len(found) == 1 else None


def _temporal_column(lexicon: Lexicon, ref: Ref) -> bool:
    return lexicon.catalog.table(ref.table).column(ref.column or "").family == "temporal"

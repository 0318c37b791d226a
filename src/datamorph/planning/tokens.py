"""Tokens of a request: words, numbers, dates, quoted strings and comparison signs.

Literals are recognised here, once, so the parser only sees typed tokens: `1,000` and `1k` are
the number 1000, `March 2025` is a month, `2024` is a year (when it can be one), `'Berlin'` a
string, `>=` a comparison, `SKU-1007` a code (a value typed bare, linked by its shape).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["word", "number", "year", "month", "date", "string", "op", "punct", "code"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
MONTHS.pop("may", None)  # "may" is a verb far more often; "May 2024" is handled with a year
_MAY = 5

_TOKEN = re.compile(
    r"""
    (?P<string>(?<![\w'])'[^']*'(?![\w])|"[^"]*")
  | (?P<date>\d{4}-\d{2}-\d{2})
  | (?P<season>(?:19|20)\d\d[/-]\d\d(?![\d/-]))
  | (?P<dmy>\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4})
  | (?P<number>[$€£]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[ ]?(?:k|m|%)?(?![\w-]))
  | (?P<op>>=|<=|!=|<>|=>|=<|>|<|=)
  | (?P<mdy>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+
      \d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})
  | (?P<code>(?<![\w'-])(?=[a-z0-9-]*\d)(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]{1,4}\d{3,}[a-z0-9]*)
      (?![\w-]))
  | (?P<word>[a-z_][a-z0-9_']*)
  | (?P<alnum>[$€£]?\d(?:[\w']|[.,-](?=\w))*)
  | (?P<punct>[,.;:?!()*/+-])
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str  # as written (lower-cased for words)
    value: object = None  # number (float), date (dt.date), (start, end) for year/month
    possessive: bool = False  # "office's": owns what follows
    capitals: bool = False  # written in capitals: "US" the code, not "us"

    @property
    def is_word(self) -> bool:
        return self.kind == "word"


_NUMBER_WORDS = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905
    )
}


_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])", re.IGNORECASE)


def tokenize(text: str) -> list[Token]:
    # "check-in", "work-order", "month-over-month": the words of a hyphenated compound
    raw = [_possessive(_token(m)) for m in _TOKEN.finditer(_HYPHEN.sub(" ", fold(text)))]
    numbered = [_number_word(t, raw[k - 1] if k else None) for k, t in enumerate(raw)]
    merged = _merge_quarters(_merge_months(numbered))
    return _merge_edges(_month_spans(_day_spans(merged)))


# Contractions of 'is' and 'us' that end like a possessive
_CONTRACTIONS = frozenset(
    "it's that's what's there's here's who's let's he's she's where's how's one's".split()  # noqa: SIM905
)


def fold(text: str) -> str:
    """Accents dropped ('crème brûlée' is 'creme brulee'), on requests and sampled values
    alike, so either spelling meets the other; quoted strings are folded too, and a value
    reached through the lexicon keeps the catalog's own spelling."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def season_key(text: str) -> str:
    return text.replace("-", "/")


def _possessive(token: Token) -> Token:
    """ "the customer's orders", "customers' orders": the customer(s), owning what follows."""
    text = token.text
    if not token.is_word or text in _CONTRACTIONS:
        return token
    if text.endswith("'s") and len(text) > 3:
        return Token("word", text[:-2], possessive=True)
    if text.endswith("'") and len(text) > 2:
        return Token("word", text[:-1], possessive=True)
    return token


def _number_word(token: Token, before: Token | None = None) -> Token:
    """'at least one project' -> 1 ('zero' stays a word: 'treating missing as zero'; 'one'
    after 'each', 'the', 'any' is a pronoun: 'how many did each one bring in')."""
    pronoun = token.text == "one" and before is not None and before.text in _ONE_AS_PRONOUN
    if token.is_word and token.text in _NUMBER_WORDS and token.text != "zero" and not pronoun:
        return Token("number", token.text, _NUMBER_WORDS[token.text])
    return token


_ONE_AS_PRONOUN = frozenset({"each", "every", "the", "this", "that", "which", "any", "no", "a"})


def _token(match: re.Match[str]) -> Token:
    kind = match.lastgroup or "punct"
    text = match.group()
    if kind == "season":  # "2023/24", "2023-24": a season or academic year, as its data says
        return Token("word", season_key(text))
    if kind == "string":
        return Token("string", text, text[1:-1])
    if kind in {"date", "dmy", "mdy"}:
        return _date(text, kind)
    if kind == "number":
        return _number(text)
    if kind == "op":
        return Token("op", {"=>": ">=", "=<": "<=", "<>": "!="}.get(text, text))
    if kind == "code":  # "SKU-1007", "AU000512": a value as typed, linked by its shape
        return Token("code", text.lower(), text)
    if kind == "alnum":  # "1940s", "10km", "3rd": said, and never dropped unread
        return Token("word", text.lower())
    if kind == "word":
        capitals = text.isupper()  # "US", and "A" in "grade A" (linking decides which)
        return Token("word", text.lower().rstrip("'"), capitals=capitals)
    return Token("punct", text)


def _date(text: str, kind: str) -> Token:
    """A date token; an impossible date ('2025-13-45', '31 February 2024') stays a word, so the
    planner names it as unread instead of failing or guessing."""
    try:
        value = dt.date.fromisoformat(text) if kind == "date" else _spelled_date(text)
    except ValueError:
        return Token("word", text.lower())
    return Token("date", text, value)


def _spelled_date(text: str) -> dt.date:
    """'1 June 2023', 'June 1st, 2023' -> a date."""
    parts = re.findall(r"[a-z]+|\d+", text.lower())
    month = next(MONTHS.get(p[:3]) or MONTHS.get(p) or 0 for p in parts if p.isalpha())
    day, year = (
        [int(p) for p in parts if p.isdigit()][-2:]
        if parts[0].isalpha()
        else (int(parts[0]), int(parts[-1]))
    )
    return dt.date(year, month or _MAY, day)


def _number(text: str) -> Token:
    clean = text.lstrip("$€£").replace(",", "").replace(" ", "").lower()
    scale = 1.0
    if clean.endswith("k"):
        clean, scale = clean[:-1], 1_000.0
    elif clean.endswith("m"):
        clean, scale = clean[:-1], 1_000_000.0
    percent = clean.endswith("%")
    value = float(clean.rstrip("%")) * scale
    if percent:
        return Token("number", text, value / 100)
    if re.fullmatch(r"(19|20)\d\d", text.strip()):  # "£2,000", "2,000", "2000.5": amounts
        year = int(clean)
        return Token("year", text, (dt.date(year, 1, 1), dt.date(year + 1, 1, 1)))
    return Token("number", text, value)


_EDGES = {"start": 0, "beginning": 0, "end": 1}


def _merge_edges(tokens: list[Token]) -> list[Token]:
    """'the start of 2020' is 1 January 2020; 'the end of March 2025' is 31 March 2025."""
    merged: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        after = tokens[i + 1 : i + 3]
        if (
            token.is_word
            and token.text in _EDGES
            and len(after) == 2
            and after[0].text == "of"
            and after[1].kind in {"year", "month"}
        ):
            period: tuple[dt.date, dt.date] = after[1].value  # type: ignore[assignment]
            start, end = period
            day = start if _EDGES[token.text] == 0 else end - dt.timedelta(days=1)
            merged.append(Token("date", f"{token.text} of {after[1].text}", day))
            i += 3
            continue
        merged.append(token)
        i += 1
    return merged


def _merge_months(tokens: list[Token]) -> list[Token]:
    """`March 2025` -> one month token; a lone `March` stays a word."""
    merged: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        month = MONTHS.get(token.text) or (_MAY if token.text == "may" else None)
        if token.is_word and month and nxt is not None and nxt.kind == "year":
            start = nxt.value[0].replace(month=month)  # type: ignore[index]
            end = (start + dt.timedelta(days=32)).replace(day=1)
            merged.append(Token("month", f"{token.text} {nxt.text}", (start, end)))
            i += 2
            continue
        merged.append(token)
        i += 1
    return merged


_QUARTER = re.compile(r"^(?:q([1-4])|h([12]))$")
_HALVES = {"first": 1, "second": 2}


def _merge_quarters(tokens: list[Token]) -> list[Token]:
    """'Q1 2025' and 'the first half of 2025' are periods like 'March 2025'."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token, rest = tokens[i], tokens[i + 1 : i + 4]
        match = _QUARTER.match(token.text) if token.is_word else None
        if match and rest and rest[0].kind == "year":
            months = 3 if match.group(1) else 6
            index = int(match.group(1) or match.group(2)) - 1
            out.append(_period(token.text + " " + rest[0].text, rest[0], index * months, months))
            i += 2
            continue
        halves = token.text in _HALVES and len(rest) == 3 and rest[0].text == "half"
        if halves and rest[1].text == "of" and rest[2].kind == "year":
            index = _HALVES[token.text] - 1
            out.append(_period(f"{token.text} half of {rest[2].text}", rest[2], index * 6, 6))
            i += 4
            continue
        out.append(token)
        i += 1
    return out


def _period(text: str, year: Token, first_month: int, months: int) -> Token:
    start = year.value[0].replace(month=first_month + 1)  # type: ignore[index]
    stop_month = first_month + months
    stop = start.replace(year=start.year + stop_month // 12, month=stop_month % 12 + 1)
    return Token("month", text, (start, stop))


def _day_spans(tokens: list[Token]) -> list[Token]:
    """'June 1 and June 15, 2024', 'March 1 through March 31, 2025': the first day takes the
    year of the second."""
    out = list(tokens)
    for i in range(len(out) - 3):
        month, day, link, last = out[i], out[i + 1], out[i + 2], out[i + 3]
        number = MONTHS.get(month.text) or (_MAY if month.text == "may" else None)
        if not (month.is_word and number and day.kind == "number" and last.kind == "date"):
            continue
        if link.text not in _SPAN_WORDS or not 1 <= float(day.value) <= 31:  # type: ignore[arg-type]
            continue
        end: dt.date = last.value  # type: ignore[assignment]
        try:
            value = end.replace(month=number, day=int(float(day.value)))  # type: ignore[arg-type]
        except ValueError:
            continue
        out[i] = Token("date", f"{month.text} {day.text}", value)
        out[i + 1] = Token("punct", "")
    return _day_first_spans([t for t in out if not (t.kind == "punct" and t.text == "")])


def _day_first_spans(tokens: list[Token]) -> list[Token]:
    """'1 January and 31 March 2025', 'between 1 and 15 March 2025': the first day takes the
    month and the year it leaves out from the second."""
    out = list(tokens)
    for i in range(len(out) - 2):
        day = out[i]
        if day.kind != "number" or not 1 <= float(day.value) <= 31:  # type: ignore[arg-type]
            continue
        month = out[i + 1]
        number = MONTHS.get(month.text) or (_MAY if month.text == "may" else None)
        named = month.is_word and number is not None
        link, last = (out[i + 2], out[i + 3]) if named and i + 3 < len(out) else out[i + 1 : i + 3]
        if link.text not in _SPAN_WORDS or last.kind != "date":
            continue
        end: dt.date = last.value  # type: ignore[assignment]
        try:
            value = end.replace(month=number if named else end.month, day=int(float(day.value)))  # type: ignore[arg-type]
        except ValueError:
            continue
        if value > end:
            continue
        out[i] = Token("date", f"{day.text} {month.text}" if named else day.text, value)
        if named:
            out[i + 1] = Token("punct", "")
    return [t for t in out if not (t.kind == "punct" and t.text == "")]


_SPAN_WORDS = frozenset({"to", "through", "until", "and", "-", "till"})


def _month_spans(tokens: list[Token]) -> list[Token]:
    """'January to March 2025', 'between March and May 2024': the first month takes the
    year of the second (the year before when it would come after it)."""
    out = list(tokens)
    for i in range(len(out) - 2):
        first, link, last = out[i], out[i + 1], out[i + 2]
        month = MONTHS.get(first.text) or (_MAY if first.text == "may" else None)
        if not (first.is_word and month and link.text in _SPAN_WORDS and last.kind == "month"):
            continue
        end_start = last.value[0]  # type: ignore[index]
        start = end_start.replace(month=month)
        if start > end_start:
            start = start.replace(year=start.year - 1)
        stop = (start + dt.timedelta(days=32)).replace(day=1)
        out[i] = Token("month", f"{first.text} {start.year}", (start, stop))
    return out


def number_literal(value: float) -> str:
    """SQL text of a number: integers without a decimal point."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def date_literal(value: dt.date) -> str:
    return f"DATE '{value.isoformat()}'"

"""Set phrases whose words mean something other than each word alone, rewritten to the plain
words the parser reads: "break the projects down by status" is "the projects by status".

The list is English, not a schema's: a phrase belongs here only when it means the same in any
request, and its rewrite keeps every word that can name data.
"""

from __future__ import annotations

import re

_NAMED_ORDERS = (
    r"alphabetical|reverse\s+alphabetical|chronological|reverse\s+chronological|date|time|day"
    r"|week|month|quarter|year|ascending|descending|any|this|that|the|same|which|some|no"
    r"|whatever|random|reverse|numerical|numeric"
)
_IDIOMS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "break it down by channel", "break the projects down by status": a grouping
    (re.compile(r"\bbreak\s+(?:it\s+|them\s+|this\s+|that\s+)?down\s+by\b", re.I), "by"),
    (re.compile(r"\bbreak\s+((?:\S+\s+){1,6}?)down\s+by\b", re.I), r"\1by"),
    # "break down the captured payments ... by method": the 'by' that follows says how
    (re.compile(r"\bbreak\s+down\b(?=.*\bby\b)", re.I), ""),
    # "most assignments first, ties broken by project id": a second sort key
    (re.compile(r"\b(?:with\s+)?ties\s+(?:broken|settled|resolved)\s+by\b", re.I), "then by"),
    (re.compile(r"\bbreaking\s+ties\s+by\b", re.I), "then by"),
    # "break ties by surname", "ties alphabetical by reason", "(ties by hostname)"
    (re.compile(r"\bbreak\s+(?:any\s+)?ties\s+by\b", re.I), "then by"),
    (re.compile(r"\bties\s+(alphabetical(?:ly)?|ascending|descending)\s+by\b", re.I), r"then by"),
    (re.compile(r"\bties\s+by\b", re.I), "then by"),
    # "(renewals and expired policies count)", "(cancelled ones included)": an inclusion note,
    # saying no filter applies; its words name nothing to filter on ("(months without walks
    # included)" asks for empty groups, which is no such note)
    (
        re.compile(
            r"\((?![^()]*\b(?:without|no|none|zero|missing|empty)\b)"
            r"\s*[^()]*?\b(?:(?:also\s+)?counts?|(?:are\s+|is\s+)?included)(?:\s+too)?\s*\)",
            re.I,
        ),
        "",
    ),
    # ", cancelled ones included.", "; refunds count too": the same note as a clause
    (
        re.compile(
            r"(?:^|(?<=[.;,:?!]))\s*(?:(?!with\b|and\b|not\b|both\b|that\b|end\b|days?\b|dates?\b|without\b|no\b|none\b|zero\b|missing\b|empty\b)[a-z][\w-]*\s+){1,3}?"
            r"(?:(?:are|is)\s+)?"
            r"(?:included(?:\s+too)?|counts?\s+too|counts?\s+as\s+well|also\s+counts?)"
            r"\s*(?=[.;,)?!]|$)",
            re.I,
        ),
        " ",
    ),
    # "Count refunded ones as well.", "include cancelled orders too": an inclusion note, in a
    # clause of its own, saying no filter applies
    (
        re.compile(
            r"(?:(?:^|(?<=[.;,(?!]))\s*(?:count|include)\s+(?:the\s+)?[a-z]+ed\s+(?:[a-z]+\s+)?"
            r"(?:as\s+well|too)|\s+and\s+(?:count|include)\s+(?:the\s+)?[a-z]+ed(?:\s+[a-z]+)?"
            r"(?:\s+(?:as\s+well|too))?)\s*(?=[.;,)?!]|$)",
            re.I,
        ),
        " ",
    ),
    # "all VIP tickets, refunded or not", "(cancelled or not)": an inclusion note after a
    # comma or a bracket (not "whether they were refunded or not", which asks for the flag)
    (
        re.compile(
            r"(?<=[,(;:])\s*(?:both\s+)?[a-z]+ed\s+or\s+not\b(?!\s+(?:to|at|on|in|by)\b)", re.I
        ),
        " ",
    ),
    # "every event, whatever its status", "of any status", "regardless of status": no filter
    (
        re.compile(
            r",?\s*\b(?:whatever\s+(?:its|their)\s+status|(?:of|in)\s+any\s+status|"
            r"regardless\s+of\s+(?:its\s+|their\s+)?status)\b",
            re.I,
        ),
        " ",
    ),
    # "cost less than 20 apiece", "over 5 each?": the amount is per unit, the price's own
    (re.compile(r"(\d)\s+(?:apiece|each)\s*(?=[?.!,;]|$)", re.I), r"\1 "),
    # "don't include cancelled loans", "do not count voided bookings": an exclusion (but
    # "frozen ones don't count as open" defines a word, and stays unplaced)
    (
        re.compile(
            r"\b(?:don'?t|do\s+not|doesn'?t|does\s+not)\s+(?:include|count)\b(?!\s+as\b)(?=\s+[a-z])",
            re.I,
        ),
        "excluding",
    ),
    # "voided entries excluded", "Voided AE records don't count": the exclusion said after
    # its words, the whole clause from its start (else "voided" would be left as a filter)
    (
        re.compile(
            r"(?:(?:^|(?<=[.;,:(?!]))\s*|(?<=\s-)\s*|\b(?=with\s))(?:with\s+)?"
            r"((?:(?!with\b)[a-z][\w-]*\s+){0,3}?(?!with\b)[a-z][\w-]*)\s+(?:excluded|left\s+out|"
            r"not\s+included|omitted|(?:don'?t|do\s+not)\s+count)\b(?!\s+as\b)",
            re.I,
        ),
        r" excluding \1",
    ),
    # "born before 1950": the date of birth (English has no 'born' column to name)
    (
        re.compile(
            r"\b(?:(?:were|was|is|are)\s+)?born\b(?=\s+(?:before|after|in|on|between|since|during|from)\b)",
            re.I,
        ),
        "with birth",
    ),
    # "more docks than the average (station)", "fewer visits than average": a comparison
    (re.compile(r"\bmore\s+(\w+)\s+than\s+(?=(?:the\s+)?average\b)", re.I), r"\1 above "),
    (re.compile(r"\b(?:fewer|less)\s+(\w+)\s+than\s+(?=(?:the\s+)?average\b)", re.I), r"\1 below "),
    # "patrons who borrowed at least once": one time or more, the count of the verb's rows
    (re.compile(r"\bat\s+least\s+once\b", re.I), "at least 1 times"),
    (re.compile(r"\bmore\s+than\s+once\b", re.I), "more than 1 times"),
    # "in the year 2021", "during calendar year 2024", "the month of March": the date itself
    (re.compile(r"\b(?:the\s+(?:calendar\s+)?|calendar\s+)year\s+(?=(?:19|20)\d\d\b)", re.I), ""),
    (re.compile(r"\b(?:the\s+)?month\s+of\s+(?=[A-Z][a-z]+\b)"), ""),
    # "percentage growth over the previous year", "% change versus the year before"
    (
        re.compile(
            r"(?:\bpercentage|\bpercent|%)\s+(?:change|growth|increase|difference)\s+"
            r"(?:from|versus|vs\.?|over|compared\s+(?:with|to)|against|on)\s+the\s+"
            r"(?:(?:previous|prior|preceding)\b|(?=(?:day|week|month|quarter|year)\s+before\b))",
            re.I,
        ),
        "percentage change from the previous ",
    ),
    (re.compile(r"\b(day|week|month|quarter|year)\s+before\b", re.I), r"\1"),
    # "depots whose shipments cost more than $250 on average": the average is compared
    (
        re.compile(
            r"\b(\w+)\s+(?:is\s+|are\s+|was\s+|were\s+)?"
            r"((?:more|less|fewer|greater|higher|lower)\s+than|over|under|above|below"
            r"|at\s+least|at\s+most)\s+([$\u20ac\u00a3]?\d[\d,.]*(?:\s+[a-z]+)?)\s+on\s+average\b",
            re.I,
        ),
        r"average \1 \2 \3",
    ),
    # "the most frequently prescribed drugs", "most often borrowed": the most
    (re.compile(r"\b(most|least)\s+(?:frequently|often|commonly)\b", re.I), r"\1"),
    # "by region A-Z", "Z-A" (any dash): the alphabetical directions
    (re.compile(r"\b([AaZz])\s*[-\u2013\u2014]\s*([AaZz])\b"), r"\1 to \2"),
    # "starting with the most expensive", "beginning with the oldest": the sort's direction
    (
        re.compile(
            r"\b(?:starting|beginning)\s+with\s+the\s+((?:most|least)\s+\w+|\w+est)\b", re.I
        ),
        r"\1 first",
    ),
    # "in line order", "in seat number order", "in order of arrival": sorted by it; the named
    # orders ("in alphabetical order", "in date order") are directions of their own
    (
        re.compile(
            r"\bin\s+(?!(?:" + _NAMED_ORDERS + r")\s+order\b)((?:[a-z][\w-]*\s+){1,2}?)order\b",
            re.I,
        ),
        r"sorted by \1",
    ),
    (re.compile(r"\bin\s+order\s+of\b", re.I), "sorted by"),
    # "left the company", "quit the firm": left; the company is the employer, no table
    (
        re.compile(
            r"\b(left|quit)\s+(?:the\s+|our\s+)?(?:company|firm|organi[sz]ation|business)\b", re.I
        ),
        r"\1",
    ),
)


def rewrite(text: str) -> str:
    for pattern, replacement in _IDIOMS:
        text = pattern.sub(replacement, text)
    return text

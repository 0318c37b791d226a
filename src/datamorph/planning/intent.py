"""What the offline planner understood: the intent its passes fill with catalog-linked pieces
(measures, groups, conditions, order, windows). `builder.py` turns it into a spec."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Derived:
    """A computed column: `template` uses {c0}, {c1}... for `columns` (table, column)."""

    name: str
    template: str
    columns: list[tuple[str, str]]


@dataclass
class Measure:
    fn: str  # sum | avg | count | count_distinct | min | max
    table: str
    column: str | None  # None: count rows of `table` (or aggregate `derived`)
    name: str = ""
    derived: Derived | None = None


@dataclass
class Group:
    table: str
    column: str | None = None  # None: the table as an entity (its key and label)
    grain: str | None = None  # month | year | ... on `column`
    name: str = ""
    numbered: bool = False  # "month number": also the period's number within its year


@dataclass
class Condition:
    sql_template: str  # "{col} > 1000" ; {col} is the column or measure
    table: str | None = None
    column: str | None = None
    measure: Measure | None = None


@dataclass
class OrderKey:
    desc: bool
    measure: Measure | None = None
    table: str | None = None
    column: str | None = None
    alias: str | None = None  # an output name: the period of a grain ("month")
    said: bool = False  # the request gave the direction ("A to Z", "newest first")


@dataclass
class RankWithin:
    """Keep the first `n` rows of each group, ranked by a column."""

    n: int
    desc: bool
    group: Group
    by: tuple[str, str] | Measure  # a column of each row, or a measure per row entity


@dataclass
class Relative:
    """The last `count` days (months, years) ending today or on the data's latest date."""

    count: int
    unit: str  # day | month | year
    anchor: str  # today | data
    column: tuple[str, str]
    exact: bool = False  # to the instant (>= latest - N days), not whole calendar days
    today: str = "current_date"  # SQL for "today": the run's day, or the as-of day


@dataclass
class Intent:
    tables: list[str] = field(default_factory=list)
    today: str = "current_date"  # SQL for the day relative periods end on
    measures: list[Measure] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    filters: list[Condition] = field(default_factory=list)
    having: list[Condition] = field(default_factory=list)
    order: list[OrderKey] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)
    limit: int | None = None
    distinct: bool = False
    preserve: str | None = None  # left join keeping every row of this table
    anti: list[str] = field(default_factory=list)  # keep rows with no match in these tables
    join_columns: list[str] = field(default_factory=list)
    target: str | None = None
    zero_fill: bool = False  # empty groups show 0, not NULL ("show 0 for those")
    auto_key: tuple[str, str] | None = None  # a key added to a listing, not asked for
    auto_label: tuple[str, str] | None = None  # and the label added with it
    derived: list[Derived] = field(default_factory=list)
    modifiers: set[str] = field(default_factory=set)  # "project" in "project assignments"
    rank_within: RankWithin | None = None  # "the two longest books in each genre"
    # "above the average": (the measure or (table, column), the comparison)
    versus_average: list[tuple[Measure | tuple[str, str], str, tuple[str, str] | None]] = field(
        default_factory=list
    )  # (subject, comparison, the group the average is over: None for all rows)
    # "an average score higher than the average score over all reviews": (the average per
    # group, the comparison), compared with the average over every row, not over the groups
    versus_overall: list[tuple[Measure, str]] = field(default_factory=list)
    relative: Relative | None = None  # "in the last 30 days of data"
    window_grain: str | None = None  # the period a change compares with ("previous year")
    range_note: Any = None  # periods.RangeNote: "the 30 days ending on the latest visit date"
    anchor_note: Any = None  # anchors.AnchorNote: "go by the date of cancellation"
    window: str | None = None  # running | change: over the periods of the result
    pending_grain: str | None = None  # "month over month" asks for months
    named_columns: set[str] = field(default_factory=set)  # every column a word of it names
    said: set[str] = field(default_factory=set)  # the stems of every word of the request
    # joins from a table to the nearest table in play (set by the planner from its join graph)
    nearness: Callable[[str, list[str]], int] | None = None
    ratio_scale: str | None = None  # pct | share, said apart: "(0-100)", "as a fraction"
    round_digits: int | None = None  # "rounded to 1 decimal": every computed number shown
    filter_words: list[set[int]] = field(default_factory=list)  # items behind each filter
    revisions: list[str] = field(default_factory=list)  # reading lines of a later re-reading
    retracted: list[Condition] = field(default_factory=list)  # filters a re-reading took back
    trace: list[Any] = field(default_factory=list)  # audit.Step per pass: words and elements

    def mention(self, table: str) -> None:
        if table not in self.tables:
            self.tables.append(table)

"""The offline planner: English to spec without an LLM, by linking words to the catalog.

Passes run in a fixed order over the linked items (see `linking.py`), each consuming the items
it understands: target name, joins, top-N and ordering, aggregates, grouping, comparisons,
dates, nulls, values, booleans, plain columns, tables. Whatever no pass consumed is reported
as unplaced words and the plan fails (`needs_attention`) rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import time

from datamorph.catalog import Catalog
from datamorph.planning import idioms, passes, yearless
from datamorph.planning.anchors import confirmed, take_anchor
from datamorph.planning.audit import concerns
from datamorph.planning.base import MAX_PROMPT_CHARS, PlanningError
from datamorph.planning.builder import SpecBuilder
from datamorph.planning.intent import Condition, Intent
from datamorph.planning.joins import JoinGraph
from datamorph.planning.lexicon import Lexicon, stem
from datamorph.planning.linking import Item, link
from datamorph.planning.periods import take_first_period_note, take_range_note, take_scale
from datamorph.planning.presentation import take_rounding
from datamorph.planning.synonyms import sibling_tables
from datamorph.planning.tokens import date_literal, tokenize
from datamorph.spec import Spec, SpecError

_TARGET = re.compile(
    r"\b(?:(?:save|store|write|put|load|insert)\s+(?:it|them|the\s+results?|this)?\s*"
    r"(?:into|to|as|in)|into|as|named|called)\s+(?:a\s+)?(?:new\s+)?(?:table\s+)?"
    r"[`'\"]?(?P<name>[A-Za-z_][A-Za-z0-9_]*)[`'\"]?\s*[.!]?\s*$",
    re.IGNORECASE,
)
_TARGET_TABLE = re.compile(
    r"\b(?:into|as|to)\s+(?:a\s+)?(?:new\s+)?table\s+[`'\"]?(?P<name>[A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE,
)
_DESTRUCTIVE = re.compile(
    r"\b(drop|delete|truncate|update|insert\s+into|alter|grant|revoke|ignore\s+(the\s+)?"
    r"(above|previous|prior)|disregard)\b",
    re.IGNORECASE,
)


class RulePlanner:
    """Deterministic planner over a catalog; no model, no network."""

    name = "rules"

    def __init__(self, as_of: dt.date | None = None) -> None:
        # the day "this year", "last month", "last 30 days" are relative to; None: the day the
        # spec runs (current_date), so a saved spec stays relative
        self.as_of = as_of
        self._cache: dict[int, tuple[Lexicon, JoinGraph]] = {}
        self.last_seconds = 0.0
        self.last_reading: list[str] = []  # which words produced which element of the plan
        self.last_concerns: list[str] = []

    def plan(self, prompt: str, catalog: Catalog) -> Spec:
        started = time.perf_counter()
        try:
            return self._plan(prompt, catalog)
        finally:
            self.last_seconds = time.perf_counter() - started

    def _plan(self, prompt: str, catalog: Catalog) -> Spec:
        self.last_reading = []
        text = _screen(prompt)
        lexicon, graph = self._index(catalog)
        text, target = _take_target(text, catalog)
        text, scale, scale_said = take_scale(text)
        text, digits, rounding_said = take_rounding(text)
        text = idioms.rewrite(yearless.with_years(text, self.as_of or dt.date.today()))
        text, first_note = take_first_period_note(text)
        text, range_said = take_range_note(text)
        text, anchor_said = take_anchor(text)
        items = link(tokenize(text), lexicon)
        intent = Intent(target=target, ratio_scale=scale, nearness=graph.distance)
        intent.today = date_literal(self.as_of) if self.as_of else "current_date"
        intent.round_digits = digits
        intent.range_note = range_said
        intent.anchor_note = anchor_said
        intent.said = {stem(w) for item in items for w in item.text.split()}
        self.last_reading = passes.run_all(items, intent, lexicon)
        self.last_concerns = concerns(items, intent, lexicon)
        unplaced = _unplaced(items)
        ratio = any(m.derived and m.derived.template.startswith("CASE") for m in intent.measures)
        ratio = ratio or intent.window == "pct_change"
        if rounding_said and not (intent.measures or intent.derived):
            unplaced.append(rounding_said)  # nothing computed to round
        elif rounding_said:
            self.last_reading.append(f'"{rounding_said}" -> round computed numbers to {digits}')
        if scale_said and not ratio:
            unplaced.append(scale_said)  # a scale was given for a ratio the plan does not have
        elif scale_said:
            self.last_reading.append(f'"{scale_said}" -> the ratio shown as a {scale}')
        if range_said is not None and not range_said.placed:
            unplaced.append(range_said.said)  # a range of days the plan does not have
        elif range_said is not None:
            table, column = intent.relative.column  # type: ignore[union-attr]
            kept = (
                f"rows at or after the latest {table}.{column} minus {range_said.days} days"
                if range_said.exact
                else f"the {range_said.days} days ending on the latest {table}.{column}, "
                "that day included"
            )
            self.last_reading.append(f'"{range_said.said}" -> keep {kept}')
        if anchor_said is not None and not confirmed(intent, lexicon):
            unplaced.append(anchor_said.said)  # a date to go by that no period is read on
        elif anchor_said is not None and anchor_said.column is not None:
            table, column = anchor_said.column
            self.last_reading.append(f'"{anchor_said.said}" -> periods read on {table}.{column}')
        if first_note and intent.window not in {"change", "pct_change"}:
            unplaced.append(first_note)  # says how a change starts, for a plan without one
        elif first_note:
            self.last_reading.append(f'"{first_note}" -> the first period has no change')
        if unplaced:
            raise PlanningError(
                f"could not place: {', '.join(repr(w) for w in unplaced)}"
                + _did_you_mean(items, unplaced, catalog),
                unplaced=unplaced,
                hint="use table and column names from `datamorph catalog`, or configure an "
                "LLM with --llm",
            )
        if not intent.tables and not intent.measures and not intent.columns:
            raise PlanningError(
                "the request names no table or column of this database",
                hint="list them with `datamorph catalog`",
            )
        periods = {g.grain for g in intent.groups if g.grain}
        if intent.window_grain and periods and periods != {intent.window_grain}:
            raise PlanningError(
                f"the change is from the previous {intent.window_grain}, but the result is "
                f"per {' and per '.join(sorted(periods))}",
                hint=f"group by {intent.window_grain}, or ask for the change from the previous "
                f"{next(iter(periods))}",
            )
        if not intent.groups and not all(_exists(c) for c in intent.having):
            raise PlanningError(
                "the request keeps totals above or below a value, but says no groups to total",
                hint="say what each total is for: 'per customer', 'for each store'",
            )
        _require_something_per_group(intent, lexicon)
        _refuse_counting_each_group_itself(intent, catalog)
        spec = SpecBuilder(intent, catalog, graph, prompt).build()
        try:
            spec.require_valid(catalog)
        except SpecError as error:
            raise PlanningError(f"the plan does not check: {error.message}") from None
        if self.last_concerns:  # after the structural checks, whose refusals say more
            raise PlanningError(
                "the reading does not hold: " + "; ".join(self.last_concerns),
                hint="say it with the catalog's words (see `datamorph plan` for how each word "
                "was read), or configure an LLM with --llm",
            )
        return spec

    def _index(self, catalog: Catalog) -> tuple[Lexicon, JoinGraph]:
        key = id(catalog)
        if key not in self._cache:
            self._cache = {key: (Lexicon(catalog), JoinGraph(catalog))}
        return self._cache[key]


def _require_something_per_group(intent: Intent, lexicon: Lexicon) -> None:
    """'members who smoke by club' with nothing counted would list the clubs that have one,
    an answer to another question: the request must say what each group gets."""
    from datamorph.planning.util import points_at

    grouped = {g.table for g in intent.groups}
    # "which department does each project belong to": one department per project, a listing
    rows = [
        t
        for t in intent.tables
        if t not in grouped and not any(points_at(lexicon, g, t) for g in grouped)
    ]
    columns_only = all(g.column is not None for g in intent.groups)
    # "bookings with breakfast per channel" with nothing counted would list the channels
    # (unfiltered, "each country just once" is a list of the countries)
    chosen = columns_only and intent.filters and not intent.columns
    rows = rows or ([g.table for g in intent.groups] if chosen else [])
    if intent.groups and not intent.measures and rows:
        raise PlanningError(
            f"the request groups {rows[0]} by {intent.groups[0].column or intent.groups[0].table}"
            " but says nothing to count, total or average for each group",
            hint=f"say what each group gets, e.g. 'the number of {rows[0]} per ...'",
        )


def _refuse_counting_each_group_itself(intent: Intent, catalog: Catalog) -> None:
    """'per department ... how many' read as the number of departments in each department
    is 1 everywhere: the count is of something the request did not name."""
    for m in intent.measures:
        if (
            m.fn.startswith("count")
            and any(g.table == m.table and g.column is None for g in intent.groups)
            and (m.column is None or m.column == catalog.table(m.table).entity_key)
        ):
            raise PlanningError(
                f"the request counts {m.table} within each {m.table}, which is 1 for every"
                " group: it does not say what to count",
                hint="name what is counted, e.g. 'the number of orders per customer'",
            )


def _exists(condition: Condition) -> bool:
    """'at least one': a count of at least one, true of every row an inner join keeps."""
    counted = condition.measure is not None and condition.measure.fn.startswith("count")
    return counted and condition.sql_template.replace(" ", "") in {"{col}>=1", "{col}>0"}


def _screen(prompt: str) -> str:
    text = (prompt or "").strip()
    if not text:
        raise PlanningError("the request is empty", hint="describe the table you want")
    if len(text) > MAX_PROMPT_CHARS:
        raise PlanningError(
            f"the request is {len(text):,} characters; the limit is {MAX_PROMPT_CHARS:,}",
            hint="describe one table per request",
        )
    if _DESTRUCTIVE.search(text):
        word = _DESTRUCTIVE.search(text).group(0)  # type: ignore[union-attr]
        raise PlanningError(
            f"'{word}' asks for something other than reading data",
            unplaced=[word],
            hint="DataMorph only builds new tables from queries; it never changes sources",
        )
    return text


def _take_target(text: str, catalog: Catalog) -> tuple[str, str | None]:
    for pattern in (_TARGET_TABLE, _TARGET):
        match = pattern.search(text)
        if match and not catalog.has_table(match.group("name")):
            name = match.group("name")
            if pattern is _TARGET and not ("_" in name or pattern is _TARGET_TABLE):
                continue  # "... as revenue" is an alias, not a table name
            return (text[: match.start()] + text[match.end() :]).strip(), name.lower()
    return text, None


def _did_you_mean(items: list[Item], unplaced: list[str], catalog: Catalog) -> str:
    """'; clients: did you mean customers or clients_archive?' for each word with candidates:
    close ones the linker found (ambiguous synonyms), else names spelt alike."""
    names = list(catalog.table_names) + [c.name for t in catalog.tables.values() for c in t.columns]
    parts = []
    for word in unplaced:
        item = next((x for x in items if x.text == word and x.refs), None)
        candidates = sibling_tables(word, catalog) if " " not in word else []
        candidates += [r.label for r in item.refs] if item is not None else []
        said = next((x for x in items if x.text == word), None)
        if not candidates and said is not None and _is_time_word(said):
            candidates = _dates_in_play(items, catalog)
        if not candidates:
            candidates = difflib.get_close_matches(word, names, n=3, cutoff=0.75)
        if candidates:
            parts.append(f"{word}: did you mean {' or '.join(dict.fromkeys(candidates))}?")
    return "; " + "; ".join(parts) if parts else ""


def _is_time_word(item: Item) -> bool:
    return item.kind in {"year", "month", "date"} or item.is_kw("grain") or item.is_kw("date")


def _dates_in_play(items: list[Item], catalog: Catalog) -> list[str]:
    """The date columns of the tables a request names: the choices for 'which date?'."""
    tables = dict.fromkeys(r.table for x in items for r in x.refs if x.kind == "ref")
    return [
        f"{t}.{c.name}" for t in tables for c in catalog.table(t).columns if c.family == "temporal"
    ]


def _needs_an_element(item: Item) -> bool:
    """A keyword that changes the answer ('not', 'monthly', 'sorted', 'at least') must have
    produced an element of the plan; 'all' and 'every' and the like need none."""
    if item.cls == "left":
        return item.meaning == "left"
    return item.cls not in {"and", "as", "join", "on", "distinct"}


def _unplaced(items: list[Item]) -> list[str]:
    # a word that names something in the catalog but became no element is unplaced too
    words = [item.text for item in items if item.kind in {"word", "ref"} and not item.used]
    words += [
        item.text
        for item in items
        if item.kind == "kw" and not item.used and _needs_an_element(item)
    ]
    words += [
        item.text
        for item in items
        if item.kind in {"number", "string", "op", "year", "month", "date", "code"}
        and not item.used
    ]
    return list(dict.fromkeys(words))

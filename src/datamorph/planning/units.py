"""Units said with a number: 'longer than 30 km' on `distance_km`, 'over two hours' on
`length_min` (120). A unit is read only when it is the column's own or converts into it (time
into time, distance into distance); any other unit stays unplaced rather than being ignored.
"""

from __future__ import annotations

from datamorph.planning.intent import Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref, split_name, unit_of
from datamorph.planning.linking import Item
from datamorph.planning.util import tables_pointing_at


def unit_after(items: list[Item], value: Item, subject: Measure | Ref, lexicon: Lexicon) -> float:
    """'longer than 30 km' on distance_km: the unit is read when it is the column's own, or
    converted when both measure time ('over two hours' on duration_min is over 120); any other
    unit ('30 km' on duration_min) stays unplaced rather than being ignored. The factor the
    value is multiplied by."""
    at = items.index(value)
    column = subject.column
    if isinstance(subject, Measure):  # "an average rate above 300 dollars": the rate's unit
        column = subject.column if subject.fn in {"sum", "avg", "min", "max"} else None
    if value.text.endswith("%") and column and _in_percent_points(subject.table, column, lexicon):
        return 100.0  # "a fee above 4%" on fee_pct holding 1.5 .. 9.5 is fee_pct > 4
    if at + 1 >= len(items) or not column:
        return 1.0
    factor = conversion(unit_of(items[at + 1].text), unit_of(split_name(column)[-1]))
    if factor is not None:
        items[at + 1].used = True
    return factor or 1.0


def _in_percent_points(table: str, column: str, lexicon: Lexicon) -> bool:
    """A rate column stores percent points, not fractions, when its profiled values exceed 1."""
    profile = lexicon.catalog.table(table).column(column).profile
    try:
        return profile is not None and profile.max is not None and float(profile.max) > 1
    except ValueError:
        return False


# Units one converts into another, in a common base (seconds, metres).
_SCALES = {"sec": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0, "km": 1000.0, "m": 1.0}
_TIME = frozenset({"sec", "min", "h", "d"})


def conversion(said: str | None, own: str | None) -> float | None:
    """How many of the column's unit one said unit is: h -> min is 60; None when apart."""
    if said is None or own is None:
        return None
    if said == own:
        return 1.0
    if said in _SCALES and own in _SCALES and (said in _TIME) == (own in _TIME):
        return _SCALES[said] / _SCALES[own]
    return None


def column_of_unit(
    items: list[Item], value: Item, table: str, lexicon: Lexicon, *, exact: bool = False
) -> Ref | None:
    """The column of `table` whose name carries the unit written after the value."""
    at = items.index(value)
    said = unit_of(items[at + 1].text) if at + 1 < len(items) else None
    if said is None:
        return None
    columns = [c for c in lexicon.catalog.table(table).columns if c.family == "numeric"]
    for close in (True,) if exact else (True, False):  # the unit, else one it converts into
        found = [
            c.name
            for c in columns
            if (conversion(said, unit_of(split_name(c.name)[-1])) == 1.0) == close
            and conversion(said, unit_of(split_name(c.name)[-1])) is not None
        ]
        if found:
            return Ref("column", table, found[0]) if len(found) == 1 else None
    return None


def only_column_in_unit(ref: Ref, lexicon: Lexicon) -> bool:
    """No table of the row's events (one pointing at it) holds a quantity in that unit, which
    the verb could be summing: 'vehicles that travelled 500 km' may be their trips'."""
    own = unit_of(split_name(ref.column or "")[-1])
    return not any(
        c.family == "numeric" and conversion(unit_of(split_name(c.name)[-1]), own)
        for table in tables_pointing_at(lexicon, ref.table)
        for c in lexicon.catalog.table(table).columns
    )


def output_units(items: list[Item], intent: Intent, lexicon: Lexicon) -> None:
    """'total fares last month, in pounds' on `fare_gbp`, 'average trip length (km)' on
    `len_km`: a unit said of what is shown, read when every shown quantity that carries a unit
    carries that one. A unit that would need converting ('in euros' on `price_cents`, 'in
    hours' on `length_min`) stays unplaced: the result would be in another unit."""
    owned = [u for u in _shown_units(intent) if u is not None]
    for i, item in enumerate(items):
        said = unit_of(item.text) if item.kind in {"word", "ref"} and not item.used else None
        if said is None or not owned or any(conversion(said, u) != 1.0 for u in owned):
            continue
        item.used = True
        before = items[i - 1] if i else None
        if before is not None and before.text == "in" and not before.used:
            before.used = True


def _shown_units(intent: Intent) -> list[str | None]:
    """The unit of each quantity the result shows (None where its name has none)."""
    quantities = [(m.table, m.column) for m in intent.measures if m.fn in _SAME_UNIT and m.column]
    quantities += intent.columns
    return [unit_of(split_name(column)[-1]) for _, column in quantities if column]


_SAME_UNIT = frozenset({"sum", "avg", "min", "max"})

"""Small helpers the planner's passes share: finding items, choosing refs, naming measures."""

from __future__ import annotations

from datamorph.planning.intent import Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref, stem
from datamorph.planning.linking import MONEY_WORDS as MONEY_WORDS  # re-exported
from datamorph.planning.linking import Item

# Money columns, most specific first ("amount" before "line_amount"; "unit_price" by suffix).
_MONEY_COLUMNS = (
    "amount", "total", "line_amount", "revenue", "sales", "price", "salary", "base_salary",
    "value", "cost", "budget", "fare", "fee", "charge",
)  # fmt: skip
# Words that name money in a column's name: `unit_price`, `late_fee`, `balance`.
MONEY_NAMES = frozenset(
    {w for name in _MONEY_COLUMNS for w in name.split("_")}
    | {"premium", "payout", "spend", "income", "balance", "tip", "wage", "pay", "rate", "tax"}
)
_SKIPPED = frozenset({"filler"})


def next_index(items: list[Item], i: int, *, skip_cls: set[str] | None = None) -> int | None:
    """Index of the next item after `i` that is not a filler word (nor of `skip_cls`)."""
    for j in range(i + 1, len(items)):
        item = items[j]
        if item.kind in _SKIPPED or (skip_cls and item.kind == "kw" and item.cls in skip_cls):
            continue
        return j
    return None


def previous_index(items: list[Item], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if items[j].kind not in _SKIPPED:
            return j
    return None


def table_ref(item: Item) -> Ref | None:
    if item.kind != "ref":
        return None
    return next((r for r in item.refs if r.kind == "table"), None)


def column_ref(item: Item, intent: Intent) -> Ref | None:
    """The column an item names, preferring tables already in play and strong names."""
    if item.kind != "ref":
        return None
    columns = [r for r in item.refs if r.kind == "column"]
    if not columns:
        return None
    if table_ref(item) is not None and all(r.weak for r in columns):
        return None  # "order" is the orders table more than orders.order_date

    def rank(ref: Ref) -> tuple[int, int, int]:
        # a column's own name beats a comment that mentions the words ("department name")
        return (0 if ref.table in intent.tables else 1, 1 if ref.weak else 0, 1 if ref.via else 0)

    best = min(rank(r) for r in columns)
    tied = [r for r in columns if rank(r) == best]
    if len({r.table for r in tied}) > 1 and best[0] == 1 and intent.tables and intent.nearness:
        near = intent.nearness
        closest = min(near(r.table, intent.tables) for r in tied)
        tied = [r for r in tied if near(r.table, intent.tables) == closest]  # the nearest
    if len({r.table for r in tied}) > 1 and best[0] == 1:
        return None  # "city": of customers or of depots, equally near? A question
    if len({r.table for r in tied}) > 1:
        return min(tied, key=lambda r: intent.tables.index(r.table))  # the table named first
    if len({r.column for r in tied}) > 1:
        return None  # "cost": food_cost or price, both as near? A question, not a pick
    return tied[0]


def value_refs(item: Item) -> list[Ref]:
    return [r for r in item.refs if r.kind == "value"] if item.kind == "ref" else []


def totals_of(intent: Intent, table: str | None, column: str | None) -> list[Measure]:
    """The measures that total, average or bound a column ('total hours': sum of hours)."""
    return [
        m
        for m in intent.measures
        if (m.table, m.column) == (table, column) and m.fn in {"sum", "avg", "min", "max"}
    ]


def add_measure(intent: Intent, measure: Measure) -> Measure:
    """Add (or find the same) measure, named readably and uniquely."""
    for existing in intent.measures:
        if (existing.fn, existing.table, existing.column) == (
            measure.fn,
            measure.table,
            measure.column,
        ):
            return existing
    measure.name = _unique(intent, _measure_name(measure))
    intent.measures.append(measure)
    intent.mention(measure.table)
    return measure


def _measure_name(m: Measure) -> str:
    if m.derived is not None:
        prefix = {"sum": "total", "avg": "avg", "min": "min", "max": "max"}.get(m.fn, m.fn)
        return f"{prefix}_{m.derived.name}"
    if m.column is None:
        return f"{stem(m.table)}_count"
    return {
        "sum": m.column if m.column.lower().startswith("total") else f"total_{m.column}",
        "avg": f"avg_{m.column}",
        "count": f"{m.column}_count",
        "count_distinct": f"distinct_{m.column}_count",
        "min": f"min_{m.column}",
        "max": f"max_{m.column}",
    }[m.fn].lower()


def _unique(intent: Intent, name: str) -> str:
    taken = {m.name for m in intent.measures}
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    return candidate


_MONEY_VERBS = {
    "paid": "pay",
    "pay": "pay",
    "pays": "pay",
    "spent": "spend",
    "sold": "sale",
    "earned": "earn",
    "spend": "spend",
}


def money_column(
    intent: Intent, lexicon: Lexicon, word: str | None = None
) -> tuple[str, str] | None:
    """The money column for 'revenue'/'sales': in the tables in play, most specific first;
    'paid' prefers a table named for paying (payments), 'sold' one for sales."""
    tables = intent.tables or list(lexicon.catalog.tables)
    verb = _MONEY_VERBS.get(word or "")
    if verb:
        named = [t for t in lexicon.catalog.table_names if t.lower().startswith(verb)]
        tables = named + [t for t in tables if t not in named]
    for exact in (True, False):  # "amount" before "line_amount"; then "unit_price" for price
        for wanted in _MONEY_COLUMNS:
            hits = [
                (name, column.name)
                for name in tables
                for column in lexicon.catalog.table(name).columns
                if column.family == "numeric" and _money_name(column.name, wanted, exact)
            ]
            if hits and not intent.tables and len({t for t, _ in hits}) > 1 and not verb:
                return None  # no table named, and several hold money: which is meant?
            if len([h for h in hits if h[0] == hits[0][0]]) > 1:
                return None  # claimed_amount and paid_amount: the money of a claim is which?
            if hits:
                return lexicon.catalog.table(hits[0][0]).name, hits[0][1]
    return None


def _money_name(name: str, wanted: str, exact: bool) -> bool:
    lowered = _without_unit(name.lower())  # amount_usd is an amount
    return lowered == wanted if exact else lowered.endswith("_" + wanted)


def _without_unit(name: str) -> str:
    from datamorph.planning.lexicon import UNITS

    head, _, last = name.rpartition("_")
    return head if head and last in UNITS else name


def entity_key(lexicon: Lexicon, table: str) -> str | None:
    return lexicon.catalog.table(table).entity_key


def points_at(lexicon: Lexicon, child: str, parent: str) -> bool:
    """Does `child` hold a reference to `parent`'s key (one parent, many children)?"""
    catalog = lexicon.catalog
    key = catalog.table(parent).entity_key
    if key is None or child == parent:
        return False
    return any(
        k.right_column.lower() == key.lower() and k.left_column != catalog.table(child).entity_key
        for k in catalog.join_keys(child, parent)
    )


def tables_pointing_at(lexicon: Lexicon, parent: str) -> list[str]:
    """The tables whose rows each belong to one `parent` row (its facts, events, parts)."""
    return [t for t in lexicon.catalog.table_names if points_at(lexicon, t, parent)]


def tables_pointed_to(lexicon: Lexicon, table: str) -> set[str]:
    """`table` and every table its rows point to, directly or through others: one row of each
    per `table` row (an order's customer, that customer's city)."""
    reached, frontier = {table}, [table]
    while frontier:
        here = frontier.pop()
        for other in lexicon.catalog.table_names:
            if other not in reached and points_at(lexicon, here, other):
                reached.add(other)
                frontier.append(other)
    return reached


def negates_a_child(intent: Intent, table: str, lexicon: Lexicon) -> bool:
    """'trials that haven't enrolled a single participant': a negated condition on rows that
    belong to the rows asked for says none of them has it (no match), which a filter on the
    joined rows would not; the passes leave it unplaced rather than read it so."""
    subject = intent.tables[0] if intent.tables else None
    if subject is None or table == subject or table in intent.anti:
        return False  # "never had an adverse event, voided ones excluded": the match's own
    return points_at(lexicon, table, subject)


def table_after_qualifier(items: list[Item], j: int, lexicon: Lexicon) -> int | None:
    """The index of the table after a flag or a value of its own ("most urgent complaints",
    "at least 150 completed appointments"): the rows counted, which the qualifier filters."""
    if items[j].kind != "ref" or table_ref(items[j]) is not None:
        return None
    k = next_index(items, j)
    counted = table_ref(items[k]) if k is not None else None
    if counted is None or items[k].used:  # type: ignore[index]
        return None
    catalog = lexicon.catalog
    own = [
        r
        for r in items[j].refs
        if r.table == counted.table
        and (
            r.kind == "value"
            or (
                r.kind == "column"
                and r.column
                and catalog.table(r.table).column(r.column).family == "boolean"
            )
        )
    ]
    return k if own and len(own) == len(items[j].refs) else None

"""A seeded B2B sales CRM database, a development domain for the planner.

`build(con, seed=1)` (re)creates four tables in `con`'s main schema. Every value comes from
Python's `random.Random(seed)`, drawn in a fixed order, so one seed always gives the same
tables and another seed gives other ones. Deals run from 2023-01-01 to 2025-06-30.

- reps (25): rep_id, full_name (unique), region ('North America', 'EMEA', 'APAC', 'LATAM'),
  quota_usd (annual quota), hired_on. The two reps hired in 2025 have no deals yet.
- accounts (300): account_id, company (unique), industry (NULL when unknown), employees (NULL
  when unknown), arr_usd (annual recurring revenue; NULL for prospects that never bought),
  churned. About one account in seven has no deal at all.
- deals (1,400): deal_id, account_id, rep_id, source ('inbound', 'outbound', 'partner',
  'referral'), stage ('prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won',
  'closed_lost'), amount_usd (NULL for some early deals), opened_on, closed_on (NULL while open),
  won (NULL while open).
- activities (~5,600): activity_id, deal_id, kind ('call', 'email', 'meeting'), happened_at,
  duration_min (NULL for emails). Some deals have no activity.

Primary keys and foreign keys are declared; some columns carry comments. The prompts of
sales_crm.json are written against seed 1.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from decimal import Decimal

import duckdb

TABLES: tuple[str, ...] = ("reps", "accounts", "deals", "activities")
N_ACCOUNTS = 300
N_DEALS = 1_400
START = dt.date(2023, 1, 1)
# The last day anything happens in the data set.
AS_OF = dt.date(2025, 6, 30)

_REGIONS = [("North America", 0.4), ("EMEA", 0.3), ("APAC", 0.18), ("LATAM", 0.12)]
_REP_FIRST = ["Aaron", "Beatriz", "Caleb", "Daria", "Emeka", "Fiona", "Gustavo", "Hana"]
_REP_FIRST += ["Ivan", "Jasmine", "Kofi", "Lena", "Mateo", "Nora", "Omar", "Pilar", "Rhys"]
_REP_FIRST += ["Sana", "Theo", "Valentina", "Wyatt", "Yuki", "Zeynep", "Bruno", "Clara"]
_REP_LAST = ["Adeyemi", "Bergstrom", "Cruz", "Dubois", "Eastwood", "Fujita", "Grant", "Horvat"]
_REP_LAST += ["Iqbal", "Jovanovic", "Keller", "Larsen", "Moreau", "Nguyen", "Ortiz", "Patel"]
_INDUSTRIES = [("Software", 0.22), ("Healthcare", 0.14), ("Finance", 0.15), ("Retail", 0.12)]
_INDUSTRIES += [("Manufacturing", 0.14), ("Education", 0.08), ("Logistics", 0.1)]
_INDUSTRIES += [("Media", 0.05)]
_PREFIXES = ["Acme", "Blue", "Cedar", "Delta", "Echo", "Fern", "Granite", "Helix", "Iron"]
_PREFIXES += ["Jade", "Kite", "Lumen", "Maple", "Nova", "Onyx", "Pine", "Quill", "Rapid"]
_PREFIXES += ["Sable", "Tidal"]
_CORES = ["works", "point", "stack", "field", "line", "bridge", "forge", "wave", "path"]
_CORES += ["logic", "gate", "leaf", "scale", "spring", "tree"]
_SUFFIXES = ["Inc", "Labs", "Systems", "Group", "Ltd"]
_SOURCES = [("inbound", 0.35), ("outbound", 0.35), ("partner", 0.15), ("referral", 0.15)]
_OPEN_STAGES = ["prospecting", "qualification", "proposal", "negotiation"]
_KINDS = [("call", 0.4), ("email", 0.42), ("meeting", 0.18)]

_DDL = {
    "reps": """rep_id INTEGER PRIMARY KEY, full_name VARCHAR NOT NULL, region VARCHAR,
        quota_usd DECIMAL(12,2), hired_on DATE""",
    "accounts": """account_id INTEGER PRIMARY KEY, company VARCHAR NOT NULL, industry VARCHAR,
        employees INTEGER, arr_usd DECIMAL(12,2), churned BOOLEAN""",
    "deals": """deal_id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES accounts (account_id),
        rep_id INTEGER REFERENCES reps (rep_id), source VARCHAR, stage VARCHAR,
        amount_usd DECIMAL(12,2), opened_on DATE, closed_on DATE, won BOOLEAN""",
    "activities": """activity_id INTEGER PRIMARY KEY,
        deal_id INTEGER REFERENCES deals (deal_id), kind VARCHAR, happened_at TIMESTAMP,
        duration_min INTEGER""",
}
_COMMENTS = {
    ("reps", "quota_usd"): "Annual sales quota in US dollars",
    ("accounts", "employees"): "Headcount of the customer company; NULL when unknown",
    ("accounts", "arr_usd"): "Annual recurring revenue in US dollars; NULL for prospects that "
    "never bought",
    ("accounts", "churned"): "True when the account has cancelled its subscription",
    ("deals", "amount_usd"): "Expected (open) or final (closed) deal value in US dollars",
    ("deals", "closed_on"): "Date the deal was won or lost; NULL while it is open",
    ("deals", "won"): "True when closed won, false when closed lost, NULL while open",
    ("activities", "duration_min"): "Length in minutes; NULL for emails",
}


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no literal for {value!r}")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Iterable[object]]) -> None:
    for start in range(0, len(rows), 1000):
        values = ", ".join(
            "(" + ", ".join(_literal(v) for v in row) + ")" for row in rows[start : start + 1000]
        )
        con.execute(f"INSERT INTO main.{table} VALUES {values}")


def _pick(rng: random.Random, choices: list[tuple[str, float]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _reps(rng: random.Random) -> list[tuple[object, ...]]:
    names = [f"{f} {last}" for f in _REP_FIRST for last in _REP_LAST]
    rng.shuffle(names)
    rows = []
    for rid in range(1, 26):
        if rid > 23:  # the two newest reps
            hired = _day(rng, dt.date(2025, 2, 1), dt.date(2025, 5, 30))
        else:
            hired = _day(rng, dt.date(2016, 3, 1), dt.date(2024, 6, 30))
        quota = Decimal(rng.randint(40, 120) * 10_000)
        rows.append((rid, names[rid - 1], _pick(rng, _REGIONS), quota, hired))
    return rows


def _accounts(rng: random.Random) -> list[tuple[object, ...]]:
    names = [f"{p}{c} {s}" for p in _PREFIXES for c in _CORES for s in _SUFFIXES[:1]]
    names += [f"{p} {s}" for p in _PREFIXES for s in _SUFFIXES[1:]]
    rng.shuffle(names)
    rows = []
    for aid in range(1, N_ACCOUNTS + 1):
        industry = None if rng.random() < 0.04 else _pick(rng, _INDUSTRIES)
        employees = None if rng.random() < 0.06 else int(10 ** rng.uniform(1, 4.5))
        # arr_usd and churned are set once the deals are known.
        rows.append([aid, names[aid - 1], industry, employees, None, False])
    return rows


def _deals(
    rng: random.Random, accounts: list[list[object]], reps: list[tuple[object, ...]]
) -> list[tuple[object, ...]]:
    active = [a for a in accounts if rng.random() >= 0.14]
    a_weights = [rng.random() ** 2 + 0.15 for _ in active]
    rows = []
    for did in range(1, N_DEALS + 1):
        account = rng.choices(active, weights=a_weights)[0]
        opened = _day(rng, START, dt.date(2025, 6, 20))
        # The two newest reps (hired in 2025) own no deal yet.
        staffed = [r for r in reps[:23] if isinstance(r[4], dt.date) and r[4] <= opened]
        rep = rng.choice(staffed)
        source = _pick(rng, _SOURCES)
        closed: dt.date | None = opened + dt.timedelta(days=rng.randint(12, 200))
        assert closed is not None
        if closed > AS_OF:
            closed = None
        amount = Decimal(int(10 ** rng.uniform(3.7, 5.4)) // 100 * 100)
        won: bool | None
        if closed is None:
            won = None
            stage = rng.choice(_OPEN_STAGES)
            amount_or_none = None if stage == "prospecting" and rng.random() < 0.5 else amount
        else:
            won = rng.random() < (0.45 if source in ("partner", "referral") else 0.32)
            stage = "closed_won" if won else "closed_lost"
            amount_or_none = amount
        rows.append((did, account[0], rep[0], source, stage, amount_or_none, opened, closed, won))
    return rows


def _activities(rng: random.Random, deals: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    rows = []
    aid = 0
    for deal in deals:
        opened, closed = deal[6], deal[7]
        assert isinstance(opened, dt.date)
        last = closed if isinstance(closed, dt.date) else AS_OF
        n = 0 if rng.random() < 0.1 else rng.randint(1, 8)
        for _ in range(n):
            aid += 1
            kind = _pick(rng, _KINDS)
            day = _day(rng, opened, last)
            at = dt.datetime.combine(
                day, dt.time(rng.randint(8, 18), rng.choice([0, 15, 30, 45]), rng.randint(0, 59))
            )
            if kind == "call":
                minutes: int | None = rng.randint(5, 60)
            elif kind == "meeting":
                minutes = rng.choice([15, 30, 45, 60, 90])
            else:
                minutes = None
            rows.append((aid, deal[0], kind, at, minutes))
    return rows


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the CRM tables in `con`'s main schema, deterministically for `seed`."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an integer, not {seed!r}")
    rng = random.Random(seed)
    for table in reversed(TABLES):  # children first: the foreign keys are declared
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")
    for (table, column), text in _COMMENTS.items():
        con.execute(f"COMMENT ON COLUMN main.{table}.{column} IS {_literal(text)}")
    reps = _reps(rng)
    accounts = _accounts(rng)
    deals = _deals(rng, accounts, reps)
    won_total: dict[object, Decimal] = {}
    for deal in deals:
        if deal[8] is True and isinstance(deal[5], Decimal):
            won_total[deal[1]] = won_total.get(deal[1], Decimal(0)) + deal[5]
    for account in accounts:
        if account[0] in won_total:
            churned = rng.random() < 0.16
            account[5] = churned
            # Recurring revenue is about a third of what was won, nothing once churned.
            share = Decimal(f"{rng.uniform(0.25, 0.4):.2f}")
            account[4] = (
                Decimal(0) if churned else (won_total[account[0]] * share).quantize(Decimal("1.00"))
            )
    _insert(con, "reps", reps)
    _insert(con, "accounts", accounts)
    _insert(con, "deals", deals)
    _insert(con, "activities", _activities(rng, deals))

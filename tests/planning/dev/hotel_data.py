"""A seeded hotel-chain database, a development domain for the planner (tests/planning/dev/).

`build(con, seed=1)` (re)creates five tables in `con`'s main schema. Rows come from Python's
`random.Random(seed)`, so one seed always gives the same tables and another seed other ones.
Stays run from 2023-01-01 to 2025-06-30 (nothing happens after the last day).

- properties (20): property_id, brand, city, country_code (ISO 3166 alpha-2), stars,
  opened_on. Two cities have two properties. Property 20 is still in development: no opening
  date, no star rating and no rooms yet; property 19 opened in 2024, property 18 in May 2025.
- rooms (~260): room_id, property_id, room_type (standard, deluxe, suite, family), beds,
  base_rate_usd (the nightly rack rate), sea_view (only at coastal properties), accessible.
  A few rooms were never booked.
- guests (900): given, family, nationality (NULL when not given), loyalty_tier (silver, gold,
  platinum; NULL for guests outside the loyalty programme), born_on (NULL when not given).
  About one guest in eight never booked.
- bookings (~6,000): guest_id, room_id, channel (direct, ota, agent, corporate), created_at
  (TIMESTAMP, never before 2023-01-01), check_in and check_out (DATE, check_out = check_in +
  nights), nights, total_usd (the price quoted, kept on cancelled bookings too), cancelled,
  breakfast. booking_id follows created_at.
- reviews (~1,500): one at most per stay that was not cancelled; score_10 (1..10),
  written_at (TIMESTAMP, after check_out), text_len (NULL when only a score was left).

Primary keys and the foreign keys rooms -> properties, bookings -> guests and rooms,
reviews -> bookings are declared; a few cryptic columns carry a COMMENT.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import duckdb

TABLES: tuple[str, ...] = ("properties", "rooms", "guests", "bookings", "reviews")
FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 6, 30)
N_GUESTS = 900
N_BOOKINGS = 6_000

_DDL = {
    "properties": """property_id INTEGER PRIMARY KEY, brand VARCHAR NOT NULL,
        city VARCHAR NOT NULL, country_code VARCHAR(2) NOT NULL, stars SMALLINT,
        opened_on DATE""",
    "rooms": """room_id INTEGER PRIMARY KEY,
        property_id INTEGER NOT NULL REFERENCES properties (property_id),
        room_type VARCHAR NOT NULL, beds SMALLINT NOT NULL, base_rate_usd DECIMAL(8,2) NOT NULL,
        sea_view BOOLEAN NOT NULL, accessible BOOLEAN NOT NULL""",
    "guests": """guest_id INTEGER PRIMARY KEY, given VARCHAR NOT NULL, family VARCHAR NOT NULL,
        nationality VARCHAR(2), loyalty_tier VARCHAR, born_on DATE""",
    "bookings": """booking_id INTEGER PRIMARY KEY,
        guest_id INTEGER NOT NULL REFERENCES guests (guest_id),
        room_id INTEGER NOT NULL REFERENCES rooms (room_id), channel VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL, check_in DATE NOT NULL, check_out DATE NOT NULL,
        nights SMALLINT NOT NULL, total_usd DECIMAL(10,2) NOT NULL, cancelled BOOLEAN NOT NULL,
        breakfast BOOLEAN NOT NULL""",
    "reviews": """review_id INTEGER PRIMARY KEY,
        booking_id INTEGER NOT NULL REFERENCES bookings (booking_id), score_10 SMALLINT NOT NULL,
        written_at TIMESTAMP NOT NULL, text_len INTEGER""",
}
_COMMENTS = {
    ("properties", "country_code"): "ISO 3166-1 alpha-2 country of the property",
    ("rooms", "base_rate_usd"): "nightly rack rate of the room in US dollars, before discounts",
    ("rooms", "beds"): "number of beds in the room",
    ("guests", "nationality"): "ISO 3166-1 alpha-2 country of the guest's passport",
    ("guests", "loyalty_tier"): "silver, gold or platinum; NULL for guests outside the programme",
    ("bookings", "channel"): "sales channel: direct, ota (online travel agency), agent, corporate",
    ("bookings", "total_usd"): "price quoted for the whole stay in US dollars",
    ("reviews", "score_10"): "guest rating from 1 (worst) to 10 (best)",
    ("reviews", "text_len"): "characters of review text; NULL when the guest left only a score",
}

# brand, city, country, stars, opened_on, coastal
_PROPERTIES: list[tuple[str, str, str, int | None, dt.date | None, bool]] = [
    ("Azure Bay", "Lisbon", "PT", 4, dt.date(2009, 5, 1), True),
    ("Meridian", "Lisbon", "PT", 5, dt.date(2016, 3, 15), True),
    ("Nomad", "Porto", "PT", 3, dt.date(2018, 6, 1), True),
    ("Azure Bay", "Barcelona", "ES", 4, dt.date(2005, 4, 20), True),
    ("Nomad", "Valencia", "ES", 3, dt.date(2019, 9, 1), True),
    ("Azure Bay", "Malaga", "ES", 4, dt.date(2012, 5, 10), True),
    ("Meridian", "Paris", "FR", 5, dt.date(1998, 10, 1), False),
    ("Nomad", "Lyon", "FR", 3, dt.date(2021, 2, 1), False),
    ("Azure Bay", "Nice", "FR", 4, dt.date(2011, 6, 15), True),
    ("Meridian", "Rome", "IT", 5, dt.date(2003, 3, 1), False),
    ("Nomad", "Milan", "IT", 3, dt.date(2020, 1, 20), False),
    ("Azure Bay", "Naples", "IT", 4, dt.date(2014, 4, 1), True),
    ("Meridian", "Berlin", "DE", 4, dt.date(2010, 11, 1), False),
    ("Nomad", "Berlin", "DE", 3, dt.date(2017, 8, 1), False),
    ("Meridian", "London", "GB", 5, dt.date(2001, 5, 1), False),
    ("Nomad", "Edinburgh", "GB", 3, dt.date(2022, 4, 1), False),
    ("Azure Bay", "Split", "HR", 4, dt.date(2015, 5, 20), True),
    ("Azure Bay", "Athens", "GR", 4, dt.date(2025, 5, 12), True),
    ("Meridian", "Vienna", "AT", 5, dt.date(2024, 3, 1), False),
    ("Nomad", "Amsterdam", "NL", None, None, False),
]
_ROOM_TYPES = [("standard", 0.5), ("deluxe", 0.25), ("family", 0.15), ("suite", 0.10)]
_TYPE_FACTOR = {"standard": 1.0, "deluxe": 1.35, "family": 1.5, "suite": 2.4}
_STAR_RATE = {3: 85.0, 4: 140.0, 5: 260.0}
_GIVEN = ["Ana", "Ben", "Clara", "David", "Elena", "Farid", "Giulia", "Hugo", "Ines", "Jonas",
          "Kira", "Liam", "Maya", "Noah", "Olga", "Pedro", "Quentin", "Rosa", "Sven", "Tara",
          "Umar", "Vera", "Will", "Yusuf", "Zara", "Amelie", "Bruno", "Chloe", "Dario",
          "Emil"]  # fmt: skip
_FAMILY = ["Almeida", "Becker", "Costa", "Dubois", "Evans", "Fernandez", "Greco", "Hansen",
           "Ivanov", "Jensen", "Kowalski", "Larsen", "Martin", "Novak", "Olsen", "Papadopoulos",
           "Quinn", "Rossi", "Silva", "Taylor", "Urban", "Vidal", "Weber", "Young", "Zimmermann",
           "Moreau", "Nielsen", "Horvat", "Smith", "Brown"]  # fmt: skip
_NATIONALITIES = [("GB", 0.18), ("DE", 0.15), ("US", 0.14), ("FR", 0.10), ("ES", 0.08),
                  ("IT", 0.08), ("NL", 0.07), ("PT", 0.05), ("SE", 0.05), ("CH", 0.04),
                  ("JP", 0.03), ("BR", 0.03)]  # fmt: skip
_TIERS = [(None, 0.55), ("silver", 0.25), ("gold", 0.15), ("platinum", 0.05)]
_CHANNELS = [("direct", 0.33), ("ota", 0.42), ("agent", 0.10), ("corporate", 0.15)]
_CANCEL = {"direct": 0.08, "ota": 0.18, "agent": 0.10, "corporate": 0.06}
_NIGHTS = [(1, 0.16), (2, 0.22), (3, 0.2), (4, 0.13), (5, 0.09), (6, 0.06), (7, 0.08), (8, 0.02),
           (9, 0.01), (10, 0.01), (14, 0.02)]  # fmt: skip
# Relative demand by month of check-in (summer is high season).
_SEASON = {1: 0.55, 2: 0.6, 3: 0.8, 4: 0.95, 5: 1.1, 6: 1.35, 7: 1.6, 8: 1.65, 9: 1.2, 10: 0.95,
           11: 0.6, 12: 0.85}  # fmt: skip


def _pick(rng: random.Random, choices: Sequence[tuple[Any, float]]) -> Any:
    u, edge = rng.random(), 0.0
    for value, share in choices[:-1]:
        edge += share
        if u < edge:
            return value
    return choices[-1][0]


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def _literal(value: Any) -> str:
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
    return "'" + str(value).replace("'", "''") + "'"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
    rows = list(rows)
    for start in range(0, len(rows), 1_000):
        chunk = rows[start : start + 1_000]
        values = ",\n".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in chunk)
        con.execute(f"INSERT INTO main.{table} VALUES {values}")


def _properties() -> list[tuple[Any, ...]]:
    return [
        (i, brand, city, country, stars, opened)
        for i, (brand, city, country, stars, opened, _coastal) in enumerate(_PROPERTIES, 1)
    ]


def _rooms(rng: random.Random) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for property_id, (_b, _c, _cc, stars, opened, coastal) in enumerate(_PROPERTIES, 1):
        if opened is None:
            continue  # still in development: no rooms yet
        for _ in range(rng.randint(8, 19)):
            room_type = _pick(rng, _ROOM_TYPES)
            beds = rng.randint(2, 3) if room_type == "family" else rng.randint(1, 2)
            rate = _STAR_RATE[stars or 3] * _TYPE_FACTOR[room_type] * rng.uniform(0.85, 1.2)
            sea_view = coastal and rng.random() < 0.35
            accessible = rng.random() < 0.1
            rows.append(
                (len(rows) + 1, property_id, room_type, beds, _money(rate), sea_view, accessible)
            )
    return rows


def _guests(rng: random.Random) -> list[tuple[Any, ...]]:
    rows = []
    for guest_id in range(1, N_GUESTS + 1):
        nationality = None if rng.random() < 0.04 else _pick(rng, _NATIONALITIES)
        tier = _pick(rng, _TIERS)
        born = None
        if rng.random() >= 0.08:
            born = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randint(0, 21_900))
        rows.append((guest_id, rng.choice(_GIVEN), rng.choice(_FAMILY), nationality, tier, born))
    return rows


def _bookings(
    rng: random.Random, rooms: list[tuple[Any, ...]], guests: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    opened = {i: p[4] for i, p in enumerate(_PROPERTIES, 1)}
    stars = {i: p[3] for i, p in enumerate(_PROPERTIES, 1)}
    # Some rooms are never sold (kept out of inventory), some guests never book.
    sold = [r for r in rooms if rng.random() >= 0.02]
    bookers = [g for g in guests if rng.random() >= 0.12]
    weights = [rng.paretovariate(2.5) for _ in bookers]
    span = (LAST_DAY - FIRST_DAY).days
    raw = []
    while len(raw) < N_BOOKINGS:
        nights = _pick(rng, _NIGHTS)
        check_in = FIRST_DAY + dt.timedelta(days=rng.randint(0, span - nights))
        if rng.random() > _SEASON[check_in.month] / 1.65:
            continue  # fewer stays out of season
        room = rng.choice(sold)
        if opened[room[1]] > check_in:
            continue
        guest = rng.choices(bookers, weights)[0]
        channel = _pick(rng, _CHANNELS)
        lead = min(int(rng.expovariate(1 / 35)), (check_in - FIRST_DAY).days)
        created = dt.datetime.combine(check_in - dt.timedelta(days=lead), dt.time()) + (
            dt.timedelta(minutes=rng.randint(0, 24 * 60 - 1), seconds=rng.randint(0, 59))
        )
        breakfast = rng.random() < (0.55 if stars[room[1]] == 5 else 0.35)
        season = 0.8 + 0.25 * _SEASON[check_in.month]
        discount = {"direct": 1.0, "ota": 0.93, "agent": 0.9, "corporate": 0.85}[channel]
        total = nights * float(room[4]) * season * discount
        total += (18.0 * room[3] * nights) if breakfast else 0.0
        cancelled = rng.random() < _CANCEL[channel]
        raw.append(
            (
                created,
                guest[0],
                room[0],
                channel,
                check_in,
                nights,
                _money(total),
                cancelled,
                breakfast,
            )
        )
    raw.sort(key=lambda b: (b[0], b[1], b[2]))
    return [
        (
            i,
            guest_id,
            room_id,
            channel,
            created,
            check_in,
            check_in + dt.timedelta(days=nights),
            nights,
            total,
            cancelled,
            breakfast,
        )
        for i, (
            created,
            guest_id,
            room_id,
            channel,
            check_in,
            nights,
            total,
            cancelled,
            breakfast,
        ) in enumerate(raw, 1)
    ]


def _reviews(
    rng: random.Random, bookings: list[tuple[Any, ...]], rooms: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    property_of = {r[0]: r[1] for r in rooms}
    rows: list[tuple[Any, ...]] = []
    last = dt.datetime.combine(LAST_DAY, dt.time(23, 59, 59))
    for b in bookings:
        booking_id, _g, room_id, _ch, _cr, _ci, check_out, _n, _t, cancelled, _bf = b
        if cancelled or rng.random() >= 0.3:
            continue
        written = dt.datetime.combine(check_out, dt.time()) + dt.timedelta(
            days=int(rng.expovariate(1 / 4)),
            minutes=rng.randint(6 * 60, 23 * 60 + 59),
            seconds=rng.randint(0, 59),
        )
        if written > last:
            continue
        stars = _PROPERTIES[property_of[room_id] - 1][3] or 3
        score = round(rng.gauss(4.2 + 0.8 * stars, 1.8))
        score = max(1, min(10, score))
        text_len = None if rng.random() < 0.3 else int(20 + rng.expovariate(1 / 260))
        rows.append((len(rows) + 1, booking_id, score, written, text_len))
    return rows


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the hotel tables in `con`'s main schema, deterministically for `seed`."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an integer, not {seed!r}")
    rng = random.Random(seed)
    for table in reversed(TABLES):  # children first: the foreign keys are declared
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")
    for (table, column), text in _COMMENTS.items():
        con.execute(f"COMMENT ON COLUMN main.{table}.{column} IS {_literal(text)}")
    rooms = _rooms(rng)
    guests = _guests(rng)
    bookings = _bookings(rng, rooms, guests)
    reviews = _reviews(rng, bookings, rooms)
    _insert(con, "properties", _properties())
    _insert(con, "rooms", rooms)
    _insert(con, "guests", guests)
    _insert(con, "bookings", bookings)
    _insert(con, "reviews", reviews)

"""A seeded airline database: airports, aircraft, flights, passengers and tickets.

`build(con, seed=1)` (re)creates five tables in `con`'s main schema from Python's `random`
seeded with `seed`, so one seed always gives the same tables and another seed other ones.
Flights are scheduled between 2023-01-01 and 2025-06-30 (the last day of the data).

- airports (20): airport_id, code (IATA), city, country, hub, elevation_m (NULL for one).
  Reykjavik (KEF) and Anchorage (ANC) have no flights at all.
- aircraft (16): aircraft_id, tail (registration), model, maker, seats, range_km,
  delivered_at, retired. The last one was delivered in June 2025 and has not flown yet.
- flights (~1,400): flight_id, code (flight number), origin_id / destination_id (airports),
  aircraft_id, scheduled_at, departed_at, arrived_at, delay_min, duration_min, distance_km,
  fuel_l, pax, delayed, cancelled, international, otp. Cancelled flights (~4%) have NULL
  departed_at, arrived_at, delay_min, duration_min, fuel_l and otp, and pax 0.
  delayed = departure delay of 15 minutes or more; otp = arrived within 15 minutes of the
  scheduled arrival; pax = number of checked-in tickets of the flight.
- passengers (900): passenger_id, full (full name), email (NULL for ~5%), country, joined_at
  (loyalty sign-up, NULL when not enrolled), tier (NULL when not enrolled), miles, premium
  (lounge subscription). About one in ten never bought a ticket.
- tickets (~5,500): ticket_id, flight_id, passenger_id, booked_at, cabin ('economy',
  'business', 'first'), fare_usd, baggage_kg (NULL without checked bag), seat, checked_in,
  refunded (only tickets of cancelled flights are refunded).

Primary keys and foreign keys are declared; a few columns carry comments.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

import duckdb

TABLES: tuple[str, ...] = ("airports", "aircraft", "flights", "passengers", "tickets")
AS_OF = dt.date(2025, 6, 30)
FIRST_DAY = dt.date(2023, 1, 1)

# code, city, country, hub, elevation_m, lat, lon
_AIRPORTS = [
    ("JFK", "New York", "US", True, 4, 40.64, -73.78),
    ("LAX", "Los Angeles", "US", True, 38, 33.94, -118.41),
    ("ORD", "Chicago", "US", True, 205, 41.98, -87.90),
    ("ATL", "Atlanta", "US", False, 313, 33.64, -84.43),
    ("SFO", "San Francisco", "US", False, 4, 37.62, -122.38),
    ("SEA", "Seattle", "US", False, 132, 47.45, -122.31),
    ("MIA", "Miami", "US", False, 2, 25.80, -80.29),
    ("BOS", "Boston", "US", False, 6, 42.36, -71.01),
    ("DEN", "Denver", "US", False, 1656, 39.86, -104.67),
    ("YYZ", "Toronto", "CA", False, 173, 43.68, -79.63),
    ("YVR", "Vancouver", "CA", False, 4, 49.19, -123.18),
    ("MEX", "Mexico City", "MX", False, 2230, 19.44, -99.07),
    ("LHR", "London", "GB", True, 25, 51.47, -0.45),
    ("CDG", "Paris", "FR", False, 119, 49.01, 2.55),
    ("FRA", "Frankfurt", "DE", False, 111, 50.04, 8.56),
    ("AMS", "Amsterdam", "NL", False, None, 52.31, 4.76),
    ("MAD", "Madrid", "ES", False, 610, 40.47, -3.57),
    ("NRT", "Tokyo", "JP", False, 43, 35.77, 140.39),
    ("KEF", "Reykjavik", "IS", False, 52, 63.98, -22.61),
    ("ANC", "Anchorage", "US", False, 46, 61.17, -149.99),
]  # fmt: skip
_SERVED = 18  # airports 19 and 20 have no flights

# model, maker, seats, range_km, count
_FLEET = [
    ("E175", "Embraer", 76, 3700, 3),
    ("A320neo", "Airbus", 180, 6300, 4),
    ("737 MAX 8", "Boeing", 172, 6500, 4),
    ("787-9", "Boeing", 290, 14000, 3),
    ("A350-900", "Airbus", 315, 15000, 2),
]

_FIRST = ["Ana", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
          "Kira", "Liam", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sam", "Tara",
          "Umar", "Vera", "Will", "Yuki", "Zara"]  # fmt: skip
_LAST = ["Adams", "Berg", "Costa", "Dubois", "Evans", "Fuchs", "Garcia", "Hansen", "Ito",
         "Jensen", "Kowalski", "Lee", "Moreau", "Novak", "Olsen", "Patel", "Rossi", "Silva",
         "Tanaka", "Weber", "Young"]  # fmt: skip
_COUNTRIES = [("US", 0.45), ("CA", 0.1), ("GB", 0.1), ("FR", 0.07), ("DE", 0.07),
              ("MX", 0.06), ("JP", 0.06), ("ES", 0.05), ("NL", 0.04)]  # fmt: skip

_DDL = {
    "airports": """airport_id INTEGER PRIMARY KEY, code VARCHAR NOT NULL, city VARCHAR,
        country VARCHAR, hub BOOLEAN, elevation_m INTEGER""",
    "aircraft": """aircraft_id INTEGER PRIMARY KEY, tail VARCHAR NOT NULL, model VARCHAR,
        maker VARCHAR, seats INTEGER, range_km INTEGER, delivered_at TIMESTAMP,
        retired BOOLEAN""",
    "flights": """flight_id INTEGER PRIMARY KEY, code VARCHAR,
        origin_id INTEGER REFERENCES airports (airport_id),
        destination_id INTEGER REFERENCES airports (airport_id),
        aircraft_id INTEGER REFERENCES aircraft (aircraft_id),
        scheduled_at TIMESTAMP, departed_at TIMESTAMP, arrived_at TIMESTAMP,
        delay_min INTEGER, duration_min INTEGER, distance_km INTEGER, fuel_l INTEGER,
        pax INTEGER, delayed BOOLEAN, cancelled BOOLEAN, international BOOLEAN, otp BOOLEAN""",
    "passengers": """passenger_id INTEGER PRIMARY KEY, "full" VARCHAR, email VARCHAR,
        country VARCHAR, joined_at TIMESTAMP, tier VARCHAR, miles INTEGER, premium BOOLEAN""",
    "tickets": """ticket_id INTEGER PRIMARY KEY,
        flight_id INTEGER REFERENCES flights (flight_id),
        passenger_id INTEGER REFERENCES passengers (passenger_id),
        booked_at TIMESTAMP, cabin VARCHAR, fare_usd DECIMAL(8,2), baggage_kg DECIMAL(4,1),
        seat VARCHAR, checked_in BOOLEAN, refunded BOOLEAN""",
}

_COMMENTS = [
    ("airports", "hub", "true for the airline's hub airports"),
    ("aircraft", "tail", "registration mark painted on the tail"),
    ("flights", "code", "published flight number"),
    ("flights", "otp", "on-time performance flag: arrived within 15 minutes of schedule"),
    ("flights", "pax", "passengers on board (checked-in tickets)"),
    ("flights", "delay_min", "departure delay in minutes"),
    ("flights", "delayed", "departure delayed by 15 minutes or more"),
    ("passengers", "full", "passenger's full name"),
    ("passengers", "premium", "pays for the lounge subscription"),
    ("passengers", "tier", "loyalty tier; NULL when not enrolled"),
    ("tickets", "baggage_kg", "checked baggage weight; NULL when no bag was checked"),
]


def _km(a: int, b: int) -> int:
    _, _, _, _, _, lat1, lon1 = _AIRPORTS[a - 1]
    _, _, _, _, _, lat2, lon2 = _AIRPORTS[b - 1]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * 6371 * math.asin(math.sqrt(h)))


def _weighted(rng: random.Random, choices: list[tuple[str, float]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _ts(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0)) + dt.timedelta(minutes=minute)


def _lit(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list) -> None:
    for start in range(0, len(rows), 1000):
        values = ", ".join(
            "(" + ", ".join(_lit(v) for v in row) + ")" for row in rows[start : start + 1000]
        )
        con.execute(f"INSERT INTO main.{table} VALUES {values}")


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the airline tables in `con`'s main schema, deterministically."""
    rng = random.Random(seed)
    for table in reversed(TABLES):
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")

    # airports
    airports = [(i, *row[:5]) for i, row in enumerate(_AIRPORTS, start=1)]

    # aircraft
    aircraft: list[list[Any]] = []
    n = 0
    for model, maker, seats, range_km, count in _FLEET:
        for _ in range(count):
            n += 1
            delivered = _ts(
                dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(3600)),
                rng.randrange(8 * 60, 18 * 60),
            )
            aircraft.append([n, f"N{100 + n}DM", model, maker, seats, range_km, delivered, False])
    aircraft[2][7] = True  # an old E175, retired at the end of 2024
    aircraft[2][6] = dt.datetime(2009, 3, 2, 10, 30)
    n += 1
    aircraft.append(
        [n, f"N{100 + n}DM", "A321neo", "Airbus", 200, 7400, dt.datetime(2025, 6, 12, 9, 0), False]
    )
    retired_until = dt.date(2024, 12, 31)

    # routes: pairs of served airports, both directions
    routes: list[tuple[int, int]] = []
    hubs = [i for i, r in enumerate(_AIRPORTS[:_SERVED], start=1) if r[3]]
    for hub in hubs:
        for other in range(1, _SERVED + 1):
            if (
                other != hub
                and (hub, other) not in routes
                and (rng.random() < 0.75 or other in hubs)
            ):
                routes += [(hub, other), (other, hub)]
    for a, b in [(4, 7), (5, 6), (9, 5), (10, 11), (14, 15), (16, 17)]:
        if (a, b) not in routes:
            routes += [(a, b), (b, a)]
    route_no = {r: 100 + 2 * i for i, r in enumerate(sorted(routes))}

    flights: list[list[Any]] = []
    total_days = (AS_OF - FIRST_DAY).days + 1
    for fid in range(1, 1401):
        origin, dest = rng.choice(routes)
        km = _km(origin, dest)
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(total_days))
        capable = [
            a for a in aircraft[:-1] if a[5] >= km * 1.05 and not (a[7] and day > retired_until)
        ]
        plane = rng.choice(capable)
        sched = _ts(day, rng.randrange(6 * 60, 22 * 60, 5))
        planned = round(35 + km / 13.5)
        international = _AIRPORTS[origin - 1][2] != _AIRPORTS[dest - 1][2]
        cancelled = rng.random() < 0.04
        if cancelled:
            departed = arrived = delay = duration = fuel = otp = None
            delayed = False
        else:
            r = rng.random()
            delay = (
                0
                if r < 0.55
                else rng.randrange(1, 15)
                if r < 0.78
                else rng.randrange(15, 60)
                if r < 0.95
                else rng.randrange(60, 300)
            )
            duration = planned + rng.randrange(-12, 25)
            departed = sched + dt.timedelta(minutes=delay)
            arrived = departed + dt.timedelta(minutes=duration)
            delayed = delay >= 15
            otp = (delay + duration - planned) <= 15
            fuel = int(round(duration * plane[4] * rng.uniform(0.9, 1.1) * 0.55, -1))
        flights.append(
            [
                fid,
                f"DM{route_no[(origin, dest)]}",
                origin,
                dest,
                plane[0],
                sched,
                departed,
                arrived,
                delay,
                duration,
                km,
                fuel,
                0,
                delayed,
                cancelled,
                international,
                otp,
            ]
        )

    # passengers
    passengers = []
    for pid in range(1, 901):
        full = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        email = (
            None if rng.random() < 0.05 else f"{full.lower().replace(' ', '.')}{pid}@mail.example"
        )
        country = _weighted(rng, _COUNTRIES)
        if rng.random() < 0.55:
            joined = _ts(
                dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3800)), rng.randrange(24 * 60)
            )
            tier = _weighted(rng, [("silver", 0.6), ("gold", 0.3), ("platinum", 0.1)])
            miles = rng.randrange(0, 250_000) * {"silver": 1, "gold": 2, "platinum": 4}[tier]
        else:
            joined, tier, miles = None, None, 0
        premium = rng.random() < (0.5 if tier in ("gold", "platinum") else 0.08)
        passengers.append((pid, full, email, country, joined, tier, miles, premium))
    buyers = [p[0] for p in passengers if rng.random() < 0.9]

    # tickets
    tickets = []
    tid = 0
    pax = {f[0]: 0 for f in flights}
    for f in flights:
        seats_taken: set[str] = set()
        on_board: set[int] = set()
        for _ in range(rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 6, 7])):
            pid = rng.choice(buyers)
            if pid in on_board:
                continue
            on_board.add(pid)
            tid += 1
            cabin = _weighted(rng, [("economy", 0.78), ("business", 0.17), ("first", 0.05)])
            km = f[10]
            base = 45 + km * 0.085
            fare = round(
                base * {"economy": 1, "business": 3.2, "first": 5.5}[cabin] * rng.uniform(0.7, 1.5),
                2,
            )
            booked = f[5] - dt.timedelta(minutes=rng.randrange(60 * 24, 60 * 24 * 150))
            bag = None if rng.random() < 0.35 else round(rng.uniform(5, 32), 1)
            while True:
                row = (
                    rng.randrange(1, 10)
                    if cabin == "first"
                    else rng.randrange(10, 20)
                    if cabin == "business"
                    else rng.randrange(20, 45)
                )
                seat = f"{row}{rng.choice('ABCDEF')}"
                if seat not in seats_taken:
                    seats_taken.add(seat)
                    break
            cancelled = f[14]
            checked = (not cancelled) and rng.random() < 0.93
            refunded = cancelled and rng.random() < 0.85
            if checked:
                pax[f[0]] += 1
            tickets.append((tid, f[0], pid, booked, cabin, fare, bag, seat, checked, refunded))
    for f in flights:
        f[12] = pax[f[0]]

    _insert(con, "airports", airports)
    _insert(con, "aircraft", aircraft)
    _insert(con, "flights", flights)
    _insert(con, "passengers", passengers)
    _insert(con, "tickets", tickets)
    for table, column, text in _COMMENTS:
        con.execute(f'COMMENT ON COLUMN main.{table}."{column}" IS {_lit(text)}')

"""A seeded database of a city bike-sharing service in Amsterdam: price plans, docking
stations, the bike fleet, registered riders, rides and workshop repairs.

`build(con, seed=1)` (re)creates six tables in `con`'s main schema from Python's `random`
seeded with `seed`, so one seed always gives the same tables and another seed other ones.
Rides run from 2024-01-01 to 2025-09-30: 2025-09-30 is the last day of the data (the latest
`started_at` date). Repairs are reported in the same window; a repair resolved after
2025-09-30 is still open (resolved_on NULL).

- plans (6): plan_code (PK, e.g. 'PAYG', 'MONTHLY', 'ANNUAL', 'STUDENT', 'CORPORATE',
  'FAMILY'), label (display title of the plan), monthly_fee_eur (0 for pay-as-you-go and
  corporate; the annual plan's fee is its yearly price / 12), unlock_eur (charged at the start
  of every ride), included_min (free minutes per ride), per_min_eur (charged per started
  minute beyond the included minutes), annual (billed once a year). 'FAMILY' was launched
  without any subscribers yet: no rider is on it.
- stations (40): station_id, station_name, district ('Centrum', 'West', 'Oost', 'Zuid',
  'Noord', 'Nieuw-West'), lat, lon, dock_count (number of docks), opened_on (DATE),
  has_charging (e-bike charging at the docks), kiosk (payment terminal on site). Stations
  39 'Sloterplas' and 40 'Amstel Business Park' opened in late September 2025 and have no
  rides at all (neither as start nor as end); a few others opened during 2024.
- bikes (50): bike_id, frame_no (unique, e.g. 'AMS-E-0007'; 'E' for e-bikes, 'C' for classic
  bikes), model, is_electric, battery_wh (battery capacity, NULL for classic bikes),
  weight_kg, in_service_since (DATE), retired_on (DATE, NULL while the bike is still in the
  fleet). Bike 50 entered service on 2025-09-28 and has no rides yet.
- riders (600): rider_id, first_name, last_name, birth_year (NULL when not given), email
  (NULL for some), plan_code (-> plans), home_station_id (-> stations; the rider's favourite
  station, NULL when not set), signed_up_at (TIMESTAMP), cancelled_on (DATE the account was
  closed, NULL while active), student, is_verified (identity check passed), newsletter
  (opted in). Roughly one rider in twelve never took a ride.
- trips (~5,600): trip_id, rider_id, bike_id, start_station_id, end_station_id (NULL when the
  bike was left outside a dock), started_at and ended_at (TIMESTAMP), duration_sec,
  distance_km (GPS distance, NULL when the GPS track is missing), fare_eur (what the rider
  was charged: unlock fee + per-minute charge beyond the plan's included minutes; halved on
  promo rides), promo (a promo code was applied), rating (1-5 stars given by the rider
  after the ride, NULL when not rated; most rides are not rated). Every ride is by a rider
  on their current plan. E-bike rides cost 0.10 EUR more per billable minute. A handful of
  late-evening rides end after midnight (ended_at on the next day); a ride's date is the
  date of its started_at.
- repairs (~250): repair_id, bike_id, reported_at (TIMESTAMP), resolved_on (DATE, NULL while
  the repair is still open), issue ('flat tyre', 'brakes', 'chain', 'lights', 'battery',
  'vandalism'), labour_min, parts_eur, under_warranty, mechanic (surname).

Primary keys and foreign keys are declared; a few columns carry comments.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

import duckdb

TABLES: tuple[str, ...] = ("plans", "stations", "bikes", "riders", "trips", "repairs")
AS_OF = dt.date(2025, 9, 30)
FIRST_DAY = dt.date(2024, 1, 1)

# plan_code, label, monthly_fee_eur, unlock_eur, included_min, per_min_eur, annual, weight
_PLANS = [
    ("PAYG", "Pay as you go", 0.00, 1.00, 0, 0.25, False, 0.30),
    ("MONTHLY", "Monthly pass", 12.90, 0.00, 30, 0.15, False, 0.28),
    ("ANNUAL", "Annual pass", 8.25, 0.00, 45, 0.12, True, 0.18),
    ("STUDENT", "Student pass", 6.90, 0.00, 45, 0.10, False, 0.14),
    ("CORPORATE", "Corporate account", 0.00, 0.00, 60, 0.10, False, 0.10),
    ("FAMILY", "Family bundle", 24.90, 0.00, 45, 0.12, False, 0.0),
]  # fmt: skip

_DISTRICT_CENTRE = {
    "Centrum": (52.3730, 4.8930),
    "West": (52.3780, 4.8600),
    "Oost": (52.3600, 4.9300),
    "Zuid": (52.3450, 4.8750),
    "Noord": (52.3950, 4.9200),
    "Nieuw-West": (52.3630, 4.8000),
}

# station_name, district, dock_count, opened_on, has_charging, kiosk, popularity
_STATIONS = [
    ("Centraal Station", "Centrum", 60, dt.date(2019, 4, 1), True, True, 9.0),
    ("Dam", "Centrum", 36, dt.date(2019, 4, 1), False, True, 6.0),
    ("Leidseplein", "Centrum", 32, dt.date(2019, 4, 1), True, True, 5.5),
    ("Rembrandtplein", "Centrum", 24, dt.date(2019, 5, 15), False, False, 4.0),
    ("Waterlooplein", "Centrum", 28, dt.date(2019, 5, 15), True, False, 4.2),
    ("Nieuwmarkt", "Centrum", 20, dt.date(2020, 3, 2), False, True, 3.5),
    ("Jordaan", "Centrum", 18, dt.date(2020, 3, 2), False, False, 3.0),
    ("Muntplein", "Centrum", 22, dt.date(2021, 6, 1), False, True, 3.2),
    ("Westerpark", "West", 26, dt.date(2019, 9, 1), True, False, 3.4),
    ("Bos en Lommer", "West", 16, dt.date(2020, 7, 1), False, False, 1.8),
    ("Kinkerstraat", "West", 20, dt.date(2020, 7, 1), False, True, 2.4),
    ("Sloterdijk", "West", 30, dt.date(2021, 2, 15), True, True, 2.9),
    ("Hallen", "West", 18, dt.date(2022, 5, 10), False, False, 2.0),
    ("Spaarndammerbuurt", "West", 14, dt.date(2024, 4, 15), False, False, 1.2),
    ("Oosterpark", "Oost", 24, dt.date(2019, 9, 1), True, False, 2.8),
    ("Amstel Station", "Oost", 34, dt.date(2019, 9, 1), True, True, 3.6),
    ("Artis", "Oost", 20, dt.date(2020, 4, 1), False, True, 2.5),
    ("Java-eiland", "Oost", 16, dt.date(2021, 8, 1), False, False, 1.6),
    ("Science Park", "Oost", 28, dt.date(2022, 9, 1), True, True, 2.2),
    ("Muiderpoort", "Oost", 18, dt.date(2021, 8, 1), False, False, 1.9),
    ("IJburg", "Oost", 22, dt.date(2024, 7, 1), True, False, 1.3),
    ("Museumplein", "Zuid", 40, dt.date(2019, 4, 1), True, True, 5.0),
    ("Vondelpark Oost", "Zuid", 30, dt.date(2019, 4, 1), False, True, 4.4),
    ("De Pijp", "Zuid", 26, dt.date(2019, 5, 15), False, False, 3.9),
    ("Sarphatipark", "Zuid", 18, dt.date(2020, 3, 2), False, False, 2.6),
    ("Zuidas", "Zuid", 38, dt.date(2020, 10, 1), True, True, 3.3),
    ("RAI", "Zuid", 32, dt.date(2021, 2, 15), True, True, 2.7),
    ("Olympisch Stadion", "Zuid", 20, dt.date(2021, 6, 1), False, False, 1.7),
    ("Buikslotermeerplein", "Noord", 24, dt.date(2020, 10, 1), True, True, 2.1),
    ("NDSM Werf", "Noord", 26, dt.date(2021, 4, 1), False, False, 2.3),
    ("Noorderpark", "Noord", 18, dt.date(2021, 4, 1), False, False, 1.5),
    ("Van der Pekbuurt", "Noord", 12, dt.date(2022, 5, 10), False, False, 1.1),
    ("Overhoeks", "Noord", 16, dt.date(2024, 2, 1), True, False, 1.4),
    ("Osdorpplein", "Nieuw-West", 22, dt.date(2020, 7, 1), False, True, 1.6),
    ("Lelylaan", "Nieuw-West", 28, dt.date(2020, 7, 1), True, True, 2.0),
    ("Slotervaart", "Nieuw-West", 16, dt.date(2022, 9, 1), False, False, 1.2),
    ("Geuzenveld", "Nieuw-West", 14, dt.date(2023, 3, 1), False, False, 0.9),
    ("Nieuw Sloten", "Nieuw-West", 12, dt.date(2024, 9, 2), False, False, 0.8),
    ("Sloterplas", "Nieuw-West", 18, dt.date(2025, 9, 22), True, False, 0.0),
    ("Amstel Business Park", "Oost", 30, dt.date(2025, 9, 26), True, True, 0.0),
]  # fmt: skip

# model, is_electric, battery_wh, weight_kg, how many
_MODELS = [
    ("Urban Classic 3", False, None, 19.5, 16),
    ("Urban Classic 7", False, None, 21.0, 12),
    ("Volt E1", True, 418, 27.5, 12),
    ("Volt E2", True, 540, 26.0, 10),
]  # fmt: skip

_FIRST_NAMES = ["Anouk", "Bram", "Daan", "Emma", "Femke", "Gijs", "Hanna", "Ilse", "Jasper",
                "Julia", "Lars", "Lotte", "Milan", "Noor", "Olivier", "Pien", "Ruben", "Sanne",
                "Sem", "Tess", "Thijs", "Vera", "Yara", "Zeynep", "Mohammed", "Sofia", "Luca",
                "Amira", "Finn", "Eva"]  # fmt: skip
_LAST_NAMES = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser",
               "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
               "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Yilmaz",
               "El Amrani", "Kok", "Jacobs"]  # fmt: skip
_MECHANICS = ["Bakker", "Koster", "Ramdin", "Verhoeven", "Wouters"]
_ISSUES = ["flat tyre", "brakes", "chain", "lights", "battery", "vandalism"]

_DDL = {
    "plans": """plan_code VARCHAR PRIMARY KEY, label VARCHAR NOT NULL,
        monthly_fee_eur DECIMAL(6,2), unlock_eur DECIMAL(4,2), included_min INTEGER,
        per_min_eur DECIMAL(4,2), annual BOOLEAN""",
    "stations": """station_id INTEGER PRIMARY KEY, station_name VARCHAR NOT NULL,
        district VARCHAR, lat DOUBLE, lon DOUBLE, dock_count INTEGER, opened_on DATE,
        has_charging BOOLEAN, kiosk BOOLEAN""",
    "bikes": """bike_id INTEGER PRIMARY KEY, frame_no VARCHAR UNIQUE, model VARCHAR,
        is_electric BOOLEAN, battery_wh INTEGER, weight_kg DECIMAL(4,1),
        in_service_since DATE, retired_on DATE""",
    "riders": """rider_id INTEGER PRIMARY KEY, first_name VARCHAR, last_name VARCHAR,
        birth_year INTEGER, email VARCHAR, plan_code VARCHAR REFERENCES plans (plan_code),
        home_station_id INTEGER REFERENCES stations (station_id), signed_up_at TIMESTAMP,
        cancelled_on DATE, student BOOLEAN, is_verified BOOLEAN, newsletter BOOLEAN""",
    "trips": """trip_id INTEGER PRIMARY KEY,
        rider_id INTEGER REFERENCES riders (rider_id),
        bike_id INTEGER REFERENCES bikes (bike_id),
        start_station_id INTEGER REFERENCES stations (station_id),
        end_station_id INTEGER REFERENCES stations (station_id),
        started_at TIMESTAMP, ended_at TIMESTAMP, duration_sec INTEGER,
        distance_km DECIMAL(5,2), fare_eur DECIMAL(6,2), promo BOOLEAN, rating INTEGER""",
    "repairs": """repair_id INTEGER PRIMARY KEY,
        bike_id INTEGER REFERENCES bikes (bike_id), reported_at TIMESTAMP,
        resolved_on DATE, issue VARCHAR, labour_min INTEGER, parts_eur DECIMAL(6,2),
        under_warranty BOOLEAN, mechanic VARCHAR""",
}

_COMMENTS = [
    ("plans", "label", "plan title shown in the app"),
    ("plans", "included_min", "free minutes included in every ride"),
    ("plans", "per_min_eur", "price per started minute beyond the included minutes"),
    ("stations", "dock_count", "number of docking points at the station"),
    ("stations", "kiosk", "station has a payment terminal"),
    ("bikes", "battery_wh", "battery capacity in watt-hours; NULL for non-electric bikes"),
    ("riders", "home_station_id", "favourite station chosen by the rider in the app"),
    ("riders", "cancelled_on", "date the rider closed the account; NULL while active"),
    ("trips", "end_station_id", "NULL when the bike was parked outside a dock"),
    ("trips", "distance_km", "GPS distance; NULL when the track is missing"),
    ("trips", "fare_eur", "amount charged to the rider for the ride"),
    ("trips", "rating", "1-5 stars given after the ride; NULL when not rated"),
    ("repairs", "labour_min", "mechanic time spent on the repair"),
]

# seasonal demand by month (1 = peak)
_SEASON = {1: 0.45, 2: 0.5, 3: 0.65, 4: 0.8, 5: 0.92, 6: 1.0, 7: 1.0, 8: 0.95, 9: 0.88,
           10: 0.72, 11: 0.55, 12: 0.45}  # fmt: skip
_HOUR_WEIGHTS = [0.2, 0.1, 0.05, 0.03, 0.05, 0.3, 1.2, 3.2, 4.5, 2.4, 1.6, 1.7, 2.2, 2.0, 1.7,
                 1.9, 2.8, 4.2, 3.9, 2.5, 1.8, 1.3, 0.9, 0.5]  # fmt: skip


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
    """Insert rows column-wise: one parameter list per column, unnested side by side."""
    if not rows:
        return
    columns = [list(col) for col in zip(*rows, strict=True)]
    select = ", ".join(f"unnest(${i})" for i in range(1, len(columns) + 1))
    con.execute(f"INSERT INTO main.{table} SELECT {select}", columns)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _at(rng: random.Random, day: dt.date, hour: int | None = None) -> dt.datetime:
    if hour is None:
        hour = rng.randrange(7, 19)
    return dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)))


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the bike-sharing tables in `con`'s main schema, deterministically."""
    rng = random.Random(seed)
    for table in reversed(TABLES):
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")

    plans = [row[:7] for row in _PLANS]
    plan_of = {row[0]: row for row in _PLANS}

    # stations
    stations = []
    for sid, (name, district, docks, opened, charging, kiosk, _pop) in enumerate(
        _STATIONS, start=1
    ):
        lat0, lon0 = _DISTRICT_CENTRE[district]
        lat = round(lat0 + rng.uniform(-0.012, 0.012), 5)
        lon = round(lon0 + rng.uniform(-0.02, 0.02), 5)
        stations.append((sid, name, district, lat, lon, docks, opened, charging, kiosk))
    popularity = {sid: row[6] for sid, row in enumerate(_STATIONS, start=1)}
    opened_on = {sid: row[3] for sid, row in enumerate(_STATIONS, start=1)}

    # bikes
    bikes: list[list[Any]] = []
    bid = 0
    used_days: set[dt.date] = set()  # distinct in-service dates
    for model, electric, battery, weight, count in _MODELS:
        for _ in range(count):
            bid += 1
            since = _day(rng, dt.date(2021, 3, 1), dt.date(2024, 10, 31))
            while since in used_days:
                since += dt.timedelta(days=1)
            used_days.add(since)
            bikes.append([bid, model, electric, battery, weight, since, None])
    rng.shuffle(bikes)
    bikes = bikes[:49]
    bikes.append([0, "Volt E2", True, 540, 26.0, dt.date(2025, 9, 28), None])
    # a few bikes retired during the data window
    retirements = [dt.date(2024, 8, 19), dt.date(2025, 2, 3), dt.date(2025, 5, 27),
                   dt.date(2025, 7, 14)]  # fmt: skip
    for b, retired in zip(bikes[3:7], retirements, strict=True):
        if b[5] > dt.date(2023, 6, 1):  # retired bikes entered service before mid-2023
            used_days.discard(b[5])
            while b[5] > dt.date(2023, 6, 1) or b[5] in used_days:
                b[5] -= dt.timedelta(days=211)
            used_days.add(b[5])
        b[6] = retired
    bike_rows: list[tuple[Any, ...]] = []
    counters = {True: 0, False: 0}
    for i, b in enumerate(bikes, start=1):
        counters[b[2]] += 1
        frame = f"AMS-{'E' if b[2] else 'C'}-{counters[b[2]]:04d}"
        weight = round(b[4] + rng.uniform(-0.4, 0.4), 1)
        bike_rows.append((i, frame, b[1], b[2], b[3], weight, b[5], b[6]))

    # riders
    riders = []
    plan_codes = [p[0] for p in _PLANS]
    plan_weights = [p[7] for p in _PLANS]
    live_stations = [sid for sid in popularity if popularity[sid] > 0]
    for rid in range(1, 601):
        signed = _at(rng, _day(rng, dt.date(2022, 3, 1), dt.date(2025, 9, 25)),
                     rng.randrange(0, 24))  # fmt: skip
        birth = rng.randrange(1952, 2007)
        student = 2025 - birth <= 27 and rng.random() < 0.55
        plan = (
            "STUDENT"
            if student and rng.random() < 0.7
            else rng.choices(plan_codes, weights=plan_weights)[0]
        )
        if plan == "STUDENT":
            student = True
        cancelled = None
        days_left = (AS_OF - signed.date()).days
        if days_left > 90 and rng.random() < 0.2:
            cancelled = signed.date() + dt.timedelta(days=60 + rng.randrange(days_left - 60))
        home = None
        if rng.random() > 0.15:
            home = rng.choices(live_stations, weights=[popularity[s] for s in live_stations])[0]
            if opened_on[home] > signed.date():
                home = None
        riders.append(
            (
                rid,
                rng.choice(_FIRST_NAMES),
                rng.choice(_LAST_NAMES),
                None if rng.random() < 0.08 else birth,
                None if rng.random() < 0.06 else f"rider{rid}@mail.example",
                plan,
                home,
                signed,
                cancelled,
                student,
                rng.random() < 0.85,
                rng.random() < 0.35,
            )
        )

    # trips
    span_all = (AS_OF - FIRST_DAY).days + 1
    trips = []
    fleet = [r for r in bike_rows if r[0] != 50]
    for r in riders:
        rid, plan, home, signed, cancelled = r[0], r[5], r[6], r[7], r[8]
        if rng.random() < 0.07:
            continue
        first = max(signed.date() + dt.timedelta(days=1), FIRST_DAY)
        last = cancelled or AS_OF
        if first > last:
            continue
        span = (last - first).days + 1
        intensity = rng.choice([2, 4, 6, 10, 15, 25, 40])
        count = max(1, round(span / span_all * intensity * rng.uniform(0.6, 1.4)))
        e_lover = rng.random() < 0.3
        p = plan_of[plan]
        made = 0
        while made < count:
            day = _day(rng, first, last)
            if rng.random() > _SEASON[day.month]:
                continue
            if day.weekday() >= 5 and rng.random() < 0.25:
                continue
            hour = rng.choices(range(24), weights=_HOUR_WEIGHTS)[0]
            start_at = _at(rng, day, hour)
            open_now = [s for s in live_stations if opened_on[s] <= day]
            if home is not None and rng.random() < 0.5:
                start = home
            else:
                start = rng.choices(open_now, weights=[popularity[s] for s in open_now])[0]
            roll = rng.random()
            if roll < 0.02:
                end = None
            elif roll < 0.07:
                end = start
            else:
                end = rng.choices(open_now, weights=[popularity[s] for s in open_now])[0]
            bikes_now = [b for b in fleet if b[6] <= day and (b[7] is None or b[7] > day)]
            pick = ([b for b in bikes_now if b[3]] or bikes_now) if e_lover else bikes_now
            bike = rng.choice(pick)
            electric = bike[3]
            minutes = math.exp(rng.gauss(math.log(13), 0.6))
            if end == start:
                minutes *= 1.8
            if electric:
                minutes *= 0.85
            minutes = min(minutes, 175)
            duration = max(75, int(minutes * 60 + rng.randrange(-30, 31)))
            speed = rng.uniform(17, 23) if electric else rng.uniform(12, 17)
            distance: float | None = round(duration / 3600 * speed, 2)
            if rng.random() < 0.05:
                distance = None
            billable = max(0, math.ceil(duration / 60) - p[4])
            per_min = p[5] + (0.10 if electric else 0.0)
            fare = p[3] + billable * per_min
            promo = rng.random() < 0.06
            if promo:
                fare /= 2
            fare = round(fare, 2)
            rating = None
            if rng.random() < 0.35:
                rating = rng.choices([1, 2, 3, 4, 5], weights=[0.05, 0.08, 0.2, 0.37, 0.3])[0]
                if electric and rating < 5 and rng.random() < 0.2:
                    rating += 1
            ended = start_at + dt.timedelta(seconds=duration)
            trips.append(
                [
                    0,
                    rid,
                    bike[0],
                    start,
                    end,
                    start_at,
                    ended,
                    duration,
                    distance,
                    fare,
                    promo,
                    rating,
                ]
            )
            made += 1
    trips.sort(key=lambda t: (t[5], t[1]))
    for i, t in enumerate(trips, start=1):
        t[0] = i

    # repairs
    repairs = []
    for row in bike_rows:
        bid, electric, since, retired = row[0], row[3], row[6], row[7]
        first = max(since, FIRST_DAY)
        last = retired or AS_OF
        if bid == 50 or first > last:
            continue
        n = rng.choice([0, 2, 3, 4, 5, 6, 7, 8, 10])
        for _ in range(n):
            issues = _ISSUES if electric else [*_ISSUES[:4], "vandalism"]
            issue = rng.choices(issues, weights=[0.3, 0.2, 0.15, 0.12, 0.15, 0.08][: len(issues)])[
                0
            ]
            reported = _at(rng, _day(rng, first, last))
            fix_days = rng.choice([0, 0, 1, 1, 2, 3, 4, 6, 9, 14, 21])
            resolved: dt.date | None = reported.date() + dt.timedelta(days=fix_days)
            if resolved is None or resolved > AS_OF or rng.random() < 0.02:
                resolved = None
            labour = {"flat tyre": 20, "brakes": 35, "chain": 30, "lights": 15, "battery": 45,
                      "vandalism": 60}[issue] + rng.randrange(-10, 26)  # fmt: skip
            parts = {"flat tyre": 12, "brakes": 28, "chain": 22, "lights": 9, "battery": 310,
                     "vandalism": 75}[issue] * rng.uniform(0.7, 1.4)  # fmt: skip
            warranty = (dt.date(2025, 9, 30) - since).days < 730 and rng.random() < 0.6
            repairs.append(
                [
                    0,
                    bid,
                    reported,
                    resolved,
                    issue,
                    labour,
                    round(parts, 2),
                    warranty,
                    rng.choice(_MECHANICS),
                ]
            )
    repairs.sort(key=lambda x: (x[2], x[1]))
    for i, x in enumerate(repairs, start=1):
        x[0] = i

    _insert(con, "plans", plans)
    _insert(con, "stations", stations)
    _insert(con, "bikes", bike_rows)
    _insert(con, "riders", riders)
    _insert(con, "trips", trips)
    _insert(con, "repairs", repairs)
    for table, column, text in _COMMENTS:
        con.execute(f'COMMENT ON COLUMN main.{table}."{column}" IS {_lit(text)}')

"""A seeded database of a chain of fitness clubs: clubs, trainers, members, visits, classes
and payments.

`build(con, seed=1)` (re)creates six tables in `con`'s main schema from Python's `random`
seeded with `seed`, so one seed always gives the same tables and another seed other ones.
Activity (visits, classes, payments) runs from 2023-01-01 to 2025-06-30 (the last day of the
data).

- clubs (8): club_id, title, city, opened_on, has_pool, flagship, capacity. "FitHub Harbour"
  (club 8) opened in June 2025: no members, visits or classes yet (one trainer).
- trainers (24): trainer_id, surname (unique), specialty (NULL for generalists), club_id, hired_on,
  rate_eur (hourly), is_certified, freelance. A few trainers teach no classes.
- members (900): member_id, forename, surname, dob, club_id (home club), joined_on, left_on
  (NULL while a member), plan ('basic', 'plus', 'premium'), fee_eur (monthly, 0 on trial),
  bmi and hr_max (NULL when the intake test was skipped), smoker, active (= left_on IS NULL),
  has_locker, is_trial, email (NULL for some). Some members never visited.
- visits (~6,000): visit_id, member_id, club_id (where the visit happened; mostly the home
  club), visit_date, length_min (NULL when no check-out was recorded), kcal (NULL without a
  wearable).
- classes (~1,300): class_id, club_id, trainer_id, kind ('yoga', 'spin', 'hiit', 'pilates',
  'boxing'), held_on, length_min, spots, booked, is_cancelled.
- payments (~2,500): payment_id, member_id, paid_on, amount_eur, kind ('membership',
  'personal_training', 'merchandise', 'late_fee'), method ('card', 'sepa', 'cash').

Primary keys and foreign keys are declared; a few columns carry comments.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

TABLES: tuple[str, ...] = ("clubs", "trainers", "members", "visits", "classes", "payments")
AS_OF = dt.date(2025, 6, 30)
FIRST_DAY = dt.date(2023, 1, 1)

# title, city, opened_on, has_pool, flagship, capacity, share of members
_CLUBS = [
    ("FitHub Mitte", "Berlin", dt.date(2016, 3, 1), True, True, 420, 0.22),
    ("FitHub Kreuzberg", "Berlin", dt.date(2019, 9, 15), False, False, 260, 0.14),
    ("FitHub Altona", "Hamburg", dt.date(2017, 5, 2), True, False, 310, 0.16),
    ("FitHub Schwabing", "Munich", dt.date(2018, 1, 8), False, True, 350, 0.17),
    ("FitHub Ehrenfeld", "Cologne", dt.date(2020, 10, 1), False, False, 220, 0.11),
    ("FitHub Sachsenhausen", "Frankfurt", dt.date(2021, 4, 12), True, False, 280, 0.12),
    ("FitHub Neustadt", "Dresden", dt.date(2022, 11, 20), False, False, 180, 0.08),
    ("FitHub Harbour", "Hamburg", dt.date(2025, 6, 2), True, False, 240, 0.0),
]  # fmt: skip
_SPECIALTIES = ["yoga", "strength", "cardio", "pilates", "boxing"]
_KIND_FOR = {
    "yoga": ["yoga"],
    "pilates": ["pilates", "yoga"],
    "boxing": ["boxing", "hiit"],
    "cardio": ["spin", "hiit"],
    "strength": ["hiit"],
    None: ["spin", "hiit", "yoga"],
}
_FORENAMES = ["Anna", "Ben", "Clara", "Deniz", "Emil", "Fatma", "Greta", "Hannes", "Ida",
              "Jan", "Karla", "Lukas", "Mia", "Niklas", "Olivia", "Paul", "Rania", "Sven",
              "Tilda", "Umut", "Vanessa", "Yusuf", "Zoe"]  # fmt: skip
_SURNAMES = ["Albrecht", "Becker", "Demir", "Engel", "Fischer", "Graf", "Hoffmann", "Jung",
             "Keller", "Lange", "Meyer", "Neumann", "Otto", "Peters", "Richter", "Schulz",
             "Vogel", "Wagner", "Yilmaz", "Ziegler"]  # fmt: skip
_TRAINER_SURNAMES = [
    "Arslan",
    "Bauer",
    "Brandt",
    "Dietrich",
    "Franke",
    "Hahn",
    "Haas",
    "Koch",
    "Kraus",
    "Lorenz",
    "Maier",
    "Nowak",
    "Pohl",
    "Roth",
    "Sauer",
    "Seidel",
    "Stein",
    "Thiel",
    "Ulrich",
    "Voigt",
    "Walter",
    "Winter",
    "Wolf",
    "Zimmer",
]
_PLANS = {"basic": 24.90, "plus": 39.90, "premium": 59.90}

_DDL = {
    "clubs": """club_id INTEGER PRIMARY KEY, title VARCHAR NOT NULL, city VARCHAR,
        opened_on DATE, has_pool BOOLEAN, flagship BOOLEAN, capacity INTEGER""",
    "trainers": """trainer_id INTEGER PRIMARY KEY, surname VARCHAR, specialty VARCHAR,
        club_id INTEGER REFERENCES clubs (club_id), hired_on DATE, rate_eur DECIMAL(6,2),
        is_certified BOOLEAN, freelance BOOLEAN""",
    "members": """member_id INTEGER PRIMARY KEY, forename VARCHAR, surname VARCHAR, dob DATE,
        club_id INTEGER REFERENCES clubs (club_id), joined_on DATE, left_on DATE,
        plan VARCHAR, fee_eur DECIMAL(6,2), bmi DECIMAL(4,1), hr_max INTEGER,
        smoker BOOLEAN, active BOOLEAN, has_locker BOOLEAN, is_trial BOOLEAN, email VARCHAR""",
    "visits": """visit_id INTEGER PRIMARY KEY,
        member_id INTEGER REFERENCES members (member_id),
        club_id INTEGER REFERENCES clubs (club_id), visit_date DATE, length_min INTEGER,
        kcal INTEGER""",
    "classes": """class_id INTEGER PRIMARY KEY, club_id INTEGER REFERENCES clubs (club_id),
        trainer_id INTEGER REFERENCES trainers (trainer_id), kind VARCHAR, held_on DATE,
        length_min INTEGER, spots INTEGER, booked INTEGER, is_cancelled BOOLEAN""",
    "payments": """payment_id INTEGER PRIMARY KEY,
        member_id INTEGER REFERENCES members (member_id), paid_on DATE,
        amount_eur DECIMAL(8,2), kind VARCHAR, method VARCHAR""",
}

_COMMENTS = [
    ("clubs", "title", "club name shown on the sign"),
    ("clubs", "capacity", "maximum number of people on the floor at once"),
    ("trainers", "rate_eur", "hourly rate in euros"),
    ("members", "dob", "date of birth"),
    ("members", "bmi", "body-mass index measured at the intake test"),
    ("members", "hr_max", "maximum heart rate in beats per minute, from the intake test"),
    ("members", "fee_eur", "monthly membership fee in euros; 0 during a trial"),
    ("members", "is_trial", "on a free trial month"),
    ("members", "active", "still a member (left_on is NULL)"),
    ("visits", "kcal", "calories burned, from the member's wearable"),
    ("classes", "spots", "places offered in the class"),
    ("classes", "booked", "places booked"),
]


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


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the gym tables in `con`'s main schema, deterministically."""
    rng = random.Random(seed)
    for table in reversed(TABLES):
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")

    clubs = [(i, *row[:6]) for i, row in enumerate(_CLUBS, start=1)]
    open_clubs = list(range(1, 8))

    # trainers: three per open club, one more at Mitte and Schwabing, one at Harbour
    trainers = []
    homes = [c for c in open_clubs for _ in range(3)] + [1, 4, 8]
    surnames = rng.sample(_TRAINER_SURNAMES, len(homes))
    for tid, club in enumerate(homes, start=1):
        specialty = None if tid in (5, 17) else rng.choice(_SPECIALTIES)
        hired = max(_CLUBS[club - 1][2], _day(rng, dt.date(2016, 1, 1), dt.date(2024, 12, 31)))
        if club == 8:
            hired = dt.date(2025, 5, 19)
        freelance = rng.random() < 0.3
        rate = round(rng.uniform(28, 70) + (10 if specialty == "boxing" else 0), 2)
        trainers.append(
            (tid, surnames[tid - 1], specialty, club, hired, rate, rng.random() < 0.7, freelance)
        )
    idle_trainers = {6, 19, 24}  # teach no classes (24 is at Harbour)

    # members
    members = []
    shares = [c[6] for c in _CLUBS]
    for mid in range(1, 901):
        club = rng.choices(range(1, 9), weights=shares)[0]
        opened = _CLUBS[club - 1][2]
        joined = _day(rng, max(opened, dt.date(2021, 1, 1)), dt.date(2025, 6, 15))
        left = None
        if rng.random() < 0.25 and (AS_OF - joined).days > 60:
            left = joined + dt.timedelta(days=30 + rng.randrange((AS_OF - joined).days - 30))
        is_trial = left is None and (AS_OF - joined).days < 60 and rng.random() < 0.5
        plan = rng.choices(list(_PLANS), weights=[0.5, 0.32, 0.18])[0]
        fee = 0.0 if is_trial else _PLANS[plan]
        tested = rng.random() < 0.8
        bmi = round(rng.gauss(25, 3.8), 1) if tested else None
        dob = _day(rng, dt.date(1958, 1, 1), dt.date(2006, 12, 31))
        hr_max = (220 - (AS_OF.year - dob.year) + rng.randrange(-8, 9)) if tested else None
        email = None if rng.random() < 0.07 else f"member{mid}@mail.example"
        members.append(
            (
                mid,
                rng.choice(_FORENAMES),
                rng.choice(_SURNAMES),
                dob,
                club,
                joined,
                left,
                plan,
                fee,
                bmi,
                hr_max,
                rng.random() < 0.14,
                left is None,
                rng.random() < 0.3,
                is_trial,
                email,
            )
        )

    # visits: each member has a visit frequency; about 8% never come
    visits = []
    vid = 0
    start = FIRST_DAY
    for m in members:
        mid, club, joined, left = m[0], m[4], m[5], m[6]
        if rng.random() < 0.08:
            continue
        first = max(joined, start)
        last = left or AS_OF
        if first > last:
            continue
        span = (last - first).days + 1
        count = max(1, int(span / 365 * rng.choice([1, 2, 3, 5, 8, 12])))
        kcal_user = rng.random() < 0.4
        for _ in range(count):
            vid += 1
            where = (
                club if rng.random() < 0.88 else rng.choice([c for c in open_clubs if c != club])
            )
            day = _day(rng, first, last)
            length = None if rng.random() < 0.03 else rng.randrange(20, 150)
            kcal = int(length * rng.uniform(5, 11)) if kcal_user and length else None
            visits.append([vid, mid, where, day, length, kcal])
    visits.sort(key=lambda v: (v[3], v[1], v[0]))
    for i, v in enumerate(visits, start=1):
        v[0] = i

    # classes
    classes = []
    cid = 0
    teaching = [t for t in trainers if t[0] not in idle_trainers]
    day = FIRST_DAY
    while day <= AS_OF:
        for club in open_clubs:
            if day < _CLUBS[club - 1][2] or rng.random() > 0.19:
                continue
            local = [t for t in teaching if t[3] == club and t[4] <= day] or [
                t for t in teaching if t[7] and t[4] <= day
            ]
            trainer = rng.choice(local)
            kind = rng.choice(_KIND_FOR[trainer[2]])
            cid += 1
            spots = rng.choice([12, 15, 20, 24])
            booked = min(spots, int(spots * rng.uniform(0.3, 1.15)))
            classes.append(
                (
                    cid,
                    club,
                    trainer[0],
                    kind,
                    day,
                    rng.choice([45, 45, 60, 60, 90]),
                    spots,
                    booked,
                    rng.random() < 0.05,
                )
            )
        day += dt.timedelta(days=1)

    # payments
    payments = []
    pid = 0
    for m in members:
        mid, joined, left, fee, is_trial = m[0], m[5], m[6], m[8], m[14]
        if is_trial:
            continue
        first = max(joined, FIRST_DAY)
        last = left or AS_OF
        if first > last:
            continue
        n = rng.choice([0, 1, 2, 3, 4, 5, 6])
        for _ in range(n):
            pid += 1
            kind = rng.choices(
                ["membership", "personal_training", "merchandise", "late_fee"],
                weights=[0.55, 0.2, 0.17, 0.08],
            )[0]
            amount = {
                "membership": round(fee * rng.choice([3, 6, 12]), 2),
                "personal_training": round(rng.choice([1, 5, 10]) * 55.0, 2),
                "merchandise": round(rng.uniform(9, 120), 2),
                "late_fee": 15.0,
            }[kind]
            method = rng.choices(["card", "sepa", "cash"], weights=[0.5, 0.4, 0.1])[0]
            payments.append([pid, mid, _day(rng, first, last), amount, kind, method])
    payments.sort(key=lambda p: (p[2], p[1], p[0]))
    for i, p in enumerate(payments, start=1):
        p[0] = i

    _insert(con, "clubs", clubs)
    _insert(con, "trainers", trainers)
    _insert(con, "members", members)
    _insert(con, "visits", visits)
    _insert(con, "classes", classes)
    _insert(con, "payments", payments)
    for table, column, text in _COMMENTS:
        con.execute(f'COMMENT ON COLUMN main.{table}."{column}" IS {_lit(text)}')

"""Fitness app test database (DuckDB, ``main`` schema).

A consumer fitness-tracking app. People sign up (free), may upgrade to a paid subscription
plan, log their workouts (from the phone's GPS, a paired watch, by hand, or imported from
another app) and can join time-boxed challenges ("run 100 km this spring").

The data covers 2024-01-01 up to and including **2025-07-31**, which is the last day of the
data ("today" for every question: "this year" is 2025, "last month" is June 2025, "last
quarter" is April-June 2025, "this month" is July 2025). Older rows exist: accounts created
since 2022, workouts imported from other apps dated in 2023, payment history since
2023-01-01, and challenges from 2023 on; some challenges start after today and already have
participants. Distances are in kilometres, durations in minutes, energy in kilojoules (kJ;
1 kcal = 4.184 kJ) and money in US dollars (every user is billed in USD, whatever the
country). Timestamps are the user's local time. Code columns hold short upper-case codes;
the allowed codes are listed below and explained in the column comments (``COMMENT ON
COLUMN`` in ``_DDL``).

Tables
------

``subscription_plans`` -- one row per plan the app sells or has sold.

* ``plan_code`` (VARCHAR, primary key): 'FREE', 'PLUS_M', 'PLUS_Y', 'PRO_M', 'PRO_Y',
  'FAMILY_M', 'CLASSIC_M' (see column comment).
* ``plan_name`` (VARCHAR, unique): marketing name, e.g. 'Pro (yearly)'.
* ``price_per_billing_period_in_dollars`` (DECIMAL(7,2)): list price charged once per
  billing period, in USD; 0 for the free plan.
* ``length_of_billing_period_in_months`` (INTEGER): 1 for monthly plans, 12 for yearly
  plans; NULL for the free plan (never billed).
* ``does_the_plan_include_premium_challenges`` (BOOLEAN): true if members on this plan may
  join challenges that are for paying members only.
* ``is_the_plan_still_on_sale`` (BOOLEAN): false for plans new users can no longer buy
  (existing members keep them).

``users`` -- one row per account, including closed accounts.

* ``user_id`` (INTEGER, primary key).
* ``display_name`` (VARCHAR): first name and initial of the surname, e.g. 'Emma W.'; NOT
  unique (different people share a display name, often in different countries).
* ``email_address`` (VARCHAR, unique).
* ``country_code`` (VARCHAR): two-letter ISO code of the user's country: 'GB' (United
  Kingdom), 'IE' (Ireland), 'US' (United States), 'CA' (Canada), 'AU' (Australia), 'NZ' (New
  Zealand), 'DE' (Germany), 'NL' (Netherlands), 'FR' (France), 'ES' (Spain).
* ``date_the_account_was_created`` (DATE): sign-up day.
* ``current_plan_code`` (VARCHAR, foreign key to ``subscription_plans``): the plan the user
  is on today; 'FREE' for users who never paid or who cancelled, and for closed accounts.
* ``year_of_birth`` (INTEGER): NULL when the user did not say.
* ``weekly_goal_in_minutes`` (INTEGER): the user's weekly exercise target in minutes; NULL
  when no goal is set.
* ``preferred_unit_system`` (VARCHAR): 'METRIC' or 'IMPERIAL' -- only how the app displays
  figures; every stored figure is metric.
* ``was_the_email_address_verified`` (BOOLEAN).
* ``date_the_account_was_closed`` (DATE): day the user deleted the account; NULL = account
  still open.

``workouts`` -- one row per logged workout (a few thousand rows).

* ``workout_id`` (INTEGER, primary key).
* ``user_id`` (INTEGER, foreign key to ``users``).
* ``activity_type_code`` (VARCHAR): 'RUN', 'RIDE' (cycling), 'SWIM', 'WALK', 'HIKE', 'YOGA',
  'STRENGTH' (weights / gym), 'ROW' (rowing machine).
* ``started_at`` (TIMESTAMP): start of the workout, user's local time. Imported workouts
  can be older than 2024 and older than the account.
* ``duration_in_minutes`` (INTEGER): moving time in whole minutes.
* ``distance_in_kilometres`` (DECIMAL(6,2)): distance covered in km; NULL for 'YOGA' and
  'STRENGTH' (no distance).
* ``number_of_laps`` (INTEGER): pool lengths of 25 metres, only for pool swims; NULL for
  every other workout, including open-water swims.
* ``total_energy_burned_kj`` (INTEGER): estimated energy burned in kilojoules; NULL when the
  app could not estimate it (some manual entries).
* ``average_heart_rate_in_beats_per_minute`` (INTEGER): only for workouts recorded with a
  watch ('WCH'); NULL otherwise.
* ``how_the_workout_was_recorded`` (VARCHAR): 'GPS', 'WCH', 'MAN', 'IMP' (see column comment).
* ``was_the_workout_shared`` (BOOLEAN): true if the user posted it to the community feed.
* ``was_the_workout_deleted`` (BOOLEAN): true if the user deleted it (deleted workouts stay
  in the table but must be ignored in every count and total).

``challenges`` -- one row per challenge edition. Popular challenges run every year under
the same name, so ``challenge_name`` is not unique.

* ``challenge_id`` (INTEGER, primary key).
* ``challenge_name`` (VARCHAR): e.g. 'Spring 100K Run'.
* ``activity_type_code`` (VARCHAR): the only activity that counts towards the challenge
  (same codes as ``workouts``); NULL = any activity counts.
* ``first_day_of_the_challenge`` (DATE), ``last_day_of_the_challenge`` (DATE): inclusive.
* ``target_distance_in_kilometres`` (DECIMAL(6,1)): distance to cover; NULL for challenges
  whose target is a number of workouts.
* ``target_number_of_workouts`` (INTEGER): workouts to log; NULL for distance challenges.
* ``is_the_challenge_for_paying_members_only`` (BOOLEAN): true if only users on a plan that
  includes premium challenges may join.
* ``points_awarded_for_completion`` (INTEGER): reward points a user gets on completing it.

``challenge_participations`` -- one row per user who joined a challenge edition (a user
joins an edition at most once).

* ``participation_id`` (INTEGER, primary key).
* ``challenge_id`` (INTEGER, foreign key to ``challenges``).
* ``user_id`` (INTEGER, foreign key to ``users``).
* ``date_the_user_joined`` (DATE): can be up to two weeks before the challenge starts (up
  to two months for challenges that start after today).
* ``participation_status_code`` (VARCHAR): 'J', 'C', 'A' (see column comment). 'J' only
  occurs for challenges that have not ended yet.
* ``date_the_participation_ended`` (DATE): for 'C' the day the target was reached, for 'A'
  the day the user gave up (or the challenge's last day); NULL for 'J'.

``subscription_payments`` -- one row per attempt to charge a user for a paid plan, since
2023-01-01. Monthly plans are charged every month and yearly plans every twelve months,
starting on the day the user upgraded (later charges fall on the same day of the month, or
on the 28th when that day is later); a failed charge is usually retried a few days later
(a new row). Charges stop when the user cancels (goes back to 'FREE') or closes the account.

* ``payment_id`` (INTEGER, primary key).
* ``user_id`` (INTEGER, foreign key to ``users``).
* ``plan_code`` (VARCHAR, foreign key to ``subscription_plans``): plan being paid for.
* ``date_the_payment_was_attempted`` (DATE).
* ``amount_in_dollars`` (DECIMAL(7,2)): amount charged in USD, after any discount.
* ``payment_outcome_code`` (VARCHAR): 'PAID', 'FAIL', 'RFND' (see column comment). Only
  'PAID' rows are revenue.
* ``payment_method_code`` (VARCHAR): 'CARD', 'PAYPAL', 'APPLE' (Apple Pay), 'GOOGLE'
  (Google Pay).
* ``discount_code_used`` (VARCHAR): 'WELCOME50' (50 % off the first payment), 'STUDENT20'
  (20 % off every payment); NULL when no discount.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 7, 31)
PAYMENTS_FROM = dt.date(2023, 1, 1)

# code, name, price, months, premium challenges, on sale
_PLANS = [
    ("FREE", "Free", 0.00, None, False, True),
    ("PLUS_M", "Plus (monthly)", 7.99, 1, False, True),
    ("PLUS_Y", "Plus (yearly)", 79.99, 12, False, True),
    ("PRO_M", "Pro (monthly)", 12.99, 1, True, True),
    ("PRO_Y", "Pro (yearly)", 119.99, 12, True, True),
    ("FAMILY_M", "Family (monthly)", 19.99, 1, True, True),
    ("CLASSIC_M", "Classic (monthly, legacy)", 4.99, 1, False, False),
]
_PRICE = {p[0]: p[2] for p in _PLANS}
_MONTHS = {p[0]: p[3] for p in _PLANS}
_PREMIUM = {p[0] for p in _PLANS if p[4]}

_COUNTRIES = [("GB", 30), ("US", 24), ("IE", 6), ("CA", 8), ("AU", 8), ("NZ", 3),
              ("DE", 9), ("NL", 5), ("FR", 4), ("ES", 3)]  # fmt: skip
_FIRST = [
    "Emma", "Oliver", "Sophie", "James", "Chloe", "Liam", "Mia", "Noah", "Grace", "Jack",
    "Olivia", "Lucas", "Hannah", "Ethan", "Aoife", "Conor", "Sarah", "Daniel", "Lena", "Jonas",
    "Anna", "Finn", "Sanne", "Daan", "Camille", "Hugo", "Lucia", "Pablo", "Priya", "Arjun",
    "Zoe", "Ben", "Ruby", "Sam", "Isla", "Max", "Megan", "Tom", "Laura", "David",
]  # fmt: skip
_INITIALS = "ABCDEFGHJKLMNOPRSTW"
_DOMAINS = ["gmail.com", "outlook.com", "icloud.com", "yahoo.com", "proton.me", "hotmail.com"]

# activity -> (km/h range or None, kJ per minute, weight for picking favourites)
_ACTIVITIES = {
    "RUN": ((8.0, 13.0), 42, 30), "RIDE": ((16.0, 30.0), 36, 18), "SWIM": ((1.8, 3.4), 38, 8),
    "WALK": ((4.2, 6.2), 17, 22), "HIKE": ((3.0, 5.0), 27, 7), "YOGA": (None, 12, 9),
    "STRENGTH": (None, 26, 12), "ROW": ((8.0, 12.0), 39, 5),
}  # fmt: skip
_DURATION = {
    "RUN": (20, 75), "RIDE": (30, 150), "SWIM": (20, 60), "WALK": (20, 90), "HIKE": (60, 300),
    "YOGA": (15, 75), "STRENGTH": (25, 80), "ROW": (15, 45),
}  # fmt: skip

# name, activity, first day, last day, target km, target workouts, paying only, points
_CHALLENGES = [
    ("Winter Warrior", None, dt.date(2023, 12, 1), dt.date(2024, 2, 29), None, 24, False, 250),
    ("New Year Kickstart", None, dt.date(2024, 1, 1), dt.date(2024, 1, 31), None, 8, False, 100),
    ("Leap Day Dash", "RUN", dt.date(2024, 2, 29), dt.date(2024, 2, 29), 5.0, None, False, 29),
    ("Spring 100K Run", "RUN", dt.date(2024, 3, 1), dt.date(2024, 5, 31), 100.0, None, True, 300),
    ("Summer Ride 500", "RIDE", dt.date(2024, 6, 1), dt.date(2024, 8, 31), 500.0, None, True, 400),
    ("Swim the Channel", "SWIM", dt.date(2024, 7, 1), dt.date(2024, 9, 30), 34.0, None, True, 500),
    ("Walktober", "WALK", dt.date(2024, 10, 1), dt.date(2024, 10, 31), 40.0, None, False, 150),
    ("Marathon Month", "RUN", dt.date(2024, 11, 1), dt.date(2024, 11, 30), 42.2, None, False, 200),
    ("Winter Warrior", None, dt.date(2024, 12, 1), dt.date(2025, 2, 28), None, 24, False, 250),
    ("New Year Kickstart", None, dt.date(2025, 1, 1), dt.date(2025, 1, 31), None, 8, False, 100),
    ("Row Your Boat", "ROW", dt.date(2025, 2, 1), dt.date(2025, 2, 28), 20.0, None, True, 150),
    ("Spring 100K Run", "RUN", dt.date(2025, 3, 1), dt.date(2025, 5, 31), 100.0, None, True, 300),
    ("Yoga Every Day", "YOGA", dt.date(2025, 4, 1), dt.date(2025, 4, 30), None, 12, False, 120),
    ("Strength Streak", "STRENGTH", dt.date(2025, 5, 1), dt.date(2025, 6, 30), None, 12, False,
     150),
    ("Summer Ride 500", "RIDE", dt.date(2025, 6, 1), dt.date(2025, 8, 31), 500.0, None, True, 400),
    ("July Step Up", "WALK", dt.date(2025, 7, 1), dt.date(2025, 7, 31), 30.0, None, False, 100),
    ("Autumn Hike Series", "HIKE", dt.date(2025, 9, 1), dt.date(2025, 10, 31), 40.0, None, False,
     200),
    ("Walktober", "WALK", dt.date(2025, 10, 1), dt.date(2025, 10, 31), 40.0, None, False, 150),
]  # fmt: skip

_DDL = """
CREATE TABLE subscription_plans (
    plan_code VARCHAR PRIMARY KEY,
    plan_name VARCHAR NOT NULL UNIQUE,
    price_per_billing_period_in_dollars DECIMAL(7, 2) NOT NULL,
    length_of_billing_period_in_months INTEGER,
    does_the_plan_include_premium_challenges BOOLEAN NOT NULL,
    is_the_plan_still_on_sale BOOLEAN NOT NULL
);
CREATE TABLE users (
    user_id INTEGER PRIMARY KEY,
    display_name VARCHAR NOT NULL,
    email_address VARCHAR NOT NULL UNIQUE,
    country_code VARCHAR NOT NULL,
    date_the_account_was_created DATE NOT NULL,
    current_plan_code VARCHAR NOT NULL REFERENCES subscription_plans (plan_code),
    year_of_birth INTEGER,
    weekly_goal_in_minutes INTEGER,
    preferred_unit_system VARCHAR NOT NULL,
    was_the_email_address_verified BOOLEAN NOT NULL,
    date_the_account_was_closed DATE
);
CREATE TABLE workouts (
    workout_id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (user_id),
    activity_type_code VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    duration_in_minutes INTEGER NOT NULL,
    distance_in_kilometres DECIMAL(6, 2),
    number_of_laps INTEGER,
    total_energy_burned_kj INTEGER,
    average_heart_rate_in_beats_per_minute INTEGER,
    how_the_workout_was_recorded VARCHAR NOT NULL,
    was_the_workout_shared BOOLEAN NOT NULL,
    was_the_workout_deleted BOOLEAN NOT NULL
);
CREATE TABLE challenges (
    challenge_id INTEGER PRIMARY KEY,
    challenge_name VARCHAR NOT NULL,
    activity_type_code VARCHAR,
    first_day_of_the_challenge DATE NOT NULL,
    last_day_of_the_challenge DATE NOT NULL,
    target_distance_in_kilometres DECIMAL(6, 1),
    target_number_of_workouts INTEGER,
    is_the_challenge_for_paying_members_only BOOLEAN NOT NULL,
    points_awarded_for_completion INTEGER NOT NULL
);
CREATE TABLE challenge_participations (
    participation_id INTEGER PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES challenges (challenge_id),
    user_id INTEGER NOT NULL REFERENCES users (user_id),
    date_the_user_joined DATE NOT NULL,
    participation_status_code VARCHAR NOT NULL,
    date_the_participation_ended DATE,
    UNIQUE (challenge_id, user_id)
);
CREATE TABLE subscription_payments (
    payment_id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (user_id),
    plan_code VARCHAR NOT NULL REFERENCES subscription_plans (plan_code),
    date_the_payment_was_attempted DATE NOT NULL,
    amount_in_dollars DECIMAL(7, 2) NOT NULL,
    payment_outcome_code VARCHAR NOT NULL,
    payment_method_code VARCHAR NOT NULL,
    discount_code_used VARCHAR
);
COMMENT ON COLUMN subscription_plans.plan_code IS
    'FREE = free tier; PLUS_M / PLUS_Y = Plus monthly / yearly; PRO_M / PRO_Y = Pro monthly / '
    'yearly; FAMILY_M = Family monthly (up to 5 people); CLASSIC_M = legacy Classic monthly, '
    'no longer sold';
COMMENT ON COLUMN subscription_plans.price_per_billing_period_in_dollars IS
    'List price in US dollars charged once per billing period (monthly or yearly)';
COMMENT ON COLUMN users.country_code IS
    'ISO 3166 alpha-2: GB = United Kingdom, IE = Ireland, US = United States, CA = Canada, '
    'AU = Australia, NZ = New Zealand, DE = Germany, NL = Netherlands, FR = France, ES = Spain';
COMMENT ON COLUMN users.date_the_account_was_closed IS
    'Day the account was deleted by the user; NULL = account still open';
COMMENT ON COLUMN workouts.activity_type_code IS
    'RUN = running, RIDE = cycling, SWIM = swimming, WALK = walking, HIKE = hiking, '
    'YOGA = yoga, STRENGTH = weight / gym training, ROW = indoor rowing';
COMMENT ON COLUMN workouts.distance_in_kilometres IS
    'Distance in kilometres; NULL for YOGA and STRENGTH';
COMMENT ON COLUMN workouts.number_of_laps IS
    'Pool lengths of 25 m (pool swims only); NULL otherwise';
COMMENT ON COLUMN workouts.total_energy_burned_kj IS
    'Estimated energy burned in kilojoules (kJ, 1 kcal = 4.184 kJ); NULL = no estimate';
COMMENT ON COLUMN workouts.how_the_workout_was_recorded IS
    'GPS = phone GPS tracking, WCH = paired smartwatch, MAN = entered by hand, '
    'IMP = imported from another app';
COMMENT ON COLUMN workouts.was_the_workout_deleted IS
    'True = deleted by the user; ignore deleted workouts in counts and totals';
COMMENT ON COLUMN challenges.activity_type_code IS
    'Activity that counts towards the challenge (workout codes); NULL = any activity';
COMMENT ON COLUMN challenge_participations.participation_status_code IS
    'J = joined, still taking part (challenge not over yet); C = completed (target reached); '
    'A = abandoned (gave up or did not reach the target in time)';
COMMENT ON COLUMN subscription_payments.payment_outcome_code IS
    'PAID = charge succeeded; FAIL = charge declined (no money taken); '
    'RFND = charged then refunded in full';
COMMENT ON COLUMN subscription_payments.amount_in_dollars IS
    'Amount of the charge in US dollars after any discount';
"""

_DROP_ORDER = ["subscription_payments", "challenge_participations", "challenges", "workouts",
               "users", "subscription_plans"]  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    return dt.date(day.year + month0 // 12, month0 % 12 + 1, min(day.day, 28))


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _plan_on(user: dict, day: dt.date) -> str:
    """Plan a user was on at the end of ``day``."""
    if user["upgraded"] is None or day < user["upgraded"]:
        return "FREE"
    if user["stopped"] is not None and day >= user["stopped"]:
        return "FREE"
    return user["plan"]


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the fitness app tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)
    _insert(con, "subscription_plans", [tuple(p) for p in _PLANS])

    # ------------------------------------------------------------------ users
    users: list[dict] = []
    emails: set[str] = set()
    n_users = 420
    for uid in range(1, n_users + 1):
        # sign-ups grow over time: 2022 few, 2025 many
        r = rng.random()
        if r < 0.12:
            created = _random_day(rng, dt.date(2022, 1, 10), dt.date(2022, 12, 31))
        elif r < 0.30:
            created = _random_day(rng, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
        elif r < 0.66:
            created = _random_day(rng, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        else:
            created = _random_day(rng, dt.date(2025, 1, 1), LAST_DAY)
        first = rng.choice(_FIRST)
        initial = rng.choice(_INITIALS)
        country = rng.choices([c for c, _ in _COUNTRIES], weights=[w for _, w in _COUNTRIES])[0]
        while True:
            email = f"{first.lower()}.{initial.lower()}{rng.randint(1, 999)}@{rng.choice(_DOMAINS)}"
            if email not in emails:
                emails.add(email)
                break
        closed = None
        if rng.random() < 0.07 and created < dt.date(2025, 6, 1):
            closed = _random_day(rng, created + dt.timedelta(days=20), LAST_DAY)
        end = closed or LAST_DAY
        upgraded = plan = stopped = None
        if rng.random() < 0.5:
            upgraded = created + dt.timedelta(days=rng.choice([0, 0, 3, 10, 30, 60, 120, 250]))
            if upgraded <= end:
                if upgraded < dt.date(2024, 1, 1) and rng.random() < 0.3:
                    plan = "CLASSIC_M"
                else:
                    plan = rng.choices(["PLUS_M", "PLUS_Y", "PRO_M", "PRO_Y", "FAMILY_M"],
                                       weights=[34, 14, 24, 12, 10])[0]  # fmt: skip
                if rng.random() < 0.28:
                    stopped = upgraded + dt.timedelta(days=rng.randint(35, 600))
                    if stopped > LAST_DAY:
                        stopped = None
                if closed is not None and (stopped is None or stopped > closed):
                    stopped = closed
            else:
                upgraded = None
        rate = rng.choices([0.0, 0.05, 0.12, 0.25, 0.45, 0.8, 1.5],
                           weights=[16, 20, 20, 18, 13, 9, 4])[0]  # fmt: skip
        favourites = rng.sample(list(_ACTIVITIES), k=rng.choice([1, 1, 2, 2, 3]))
        user = {
            "id": uid, "name": f"{first} {initial}.", "email": email, "country": country,
            "created": created, "closed": closed, "upgraded": upgraded, "plan": plan,
            "stopped": stopped, "rate": rate, "fav": favourites,
            "student": rng.random() < 0.08,
            "method": rng.choices(["CARD", "PAYPAL", "APPLE", "GOOGLE"],
                                  weights=[50, 18, 20, 12])[0],
        }  # fmt: skip
        users.append(user)
    # a few people who share a display name in different countries
    for a, b, name in [(5, 77, "Emma W."), (12, 140, "Sam K."), (201, 333, "Sam K."),
                       (18, 260, "Grace O."), (90, 390, "Lucas M.")]:  # fmt: skip
        users[a - 1]["name"] = name
        users[b - 1]["name"] = name
    users[76]["country"] = "AU" if users[4]["country"] != "AU" else "NZ"
    users[259]["country"] = "US" if users[17]["country"] != "US" else "CA"

    user_rows = []
    for u in users:
        current = "FREE" if u["closed"] is not None else _plan_on(u, LAST_DAY)
        yob = None if rng.random() < 0.22 else rng.randint(1958, 2007)
        goal = None if rng.random() < 0.4 else rng.choice([60, 90, 120, 150, 150, 180, 240, 300])
        units = (
            "IMPERIAL"
            if u["country"] == "US" and rng.random() < 0.8
            else ("IMPERIAL" if rng.random() < 0.08 else "METRIC")
        )
        verified = rng.random() < 0.88
        user_rows.append((u["id"], u["name"], u["email"], u["country"], u["created"], current, yob,
                          goal, units, verified, u["closed"]))  # fmt: skip
    _insert(con, "users", user_rows)

    # ------------------------------------------------------------------ challenge sign-ups
    joins: list[tuple[int, dict, dt.date]] = []
    for cid, (name, act, first, last, _km, _count, paying, _points) in enumerate(
        _CHALLENGES, start=1
    ):
        if name == "Leap Day Dash" or (name == "Walktober" and first.year == 2025):
            continue  # nobody joined
        open_from = first - dt.timedelta(days=14 if first <= LAST_DAY else 60)
        close_at = min(last - dt.timedelta(days=3), LAST_DAY)
        for u in users:
            latest = min(close_at, u["closed"] or close_at)
            if u["created"] > latest or latest < open_from or u["rate"] == 0.0:
                continue
            joined = _random_day(rng, max(open_from, u["created"]), latest)
            if paying and _plan_on(u, joined) not in _PREMIUM:
                continue
            interest = 0.03 + (0.22 if act is None or act in u["fav"] else 0.0)
            interest *= min(1.5, 0.4 + u["rate"]) * (2.2 if paying else 1.0)
            if rng.random() < interest:
                joins.append((cid, u, joined))

    # ------------------------------------------------------------------ workouts
    def workout(u: dict, day: dt.date, act: str) -> list:
        speed_range, kj_per_min, _ = _ACTIVITIES[act]
        weekend = day.weekday() >= 5
        hour = rng.choice([8, 9, 10, 11, 15] if weekend else [6, 7, 12, 17, 18, 19, 20])
        started = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59)))
        lo, hi = _DURATION[act]
        minutes = rng.randint(lo, hi)
        if day < FIRST_DAY:
            how = "IMP"
        elif rng.random() < 0.85:
            how = u["device"]
        else:
            how = rng.choice(["GPS", "WCH", "MAN"])
        if act in ("YOGA", "STRENGTH"):
            if how == "GPS":
                how = "MAN"
            km = None
        else:
            km = round(minutes / 60 * rng.uniform(*speed_range), 2)
        laps = None
        if act == "SWIM":
            if how == "GPS":
                how = "WCH"
            if rng.random() < 0.75:  # pool swim
                laps = max(8, round(km / 0.025))
                km = round(laps * 0.025, 2)
        if act == "ROW" and how == "GPS":
            how = "MAN"
        energy = round(minutes * kj_per_min * rng.uniform(0.75, 1.3))
        if how == "MAN" and rng.random() < 0.35:
            energy = None
        hr = rng.randint(95, 172) if how == "WCH" else None
        shared = rng.random() < (0.3 if act in ("RUN", "RIDE", "HIKE") else 0.12)
        deleted = rng.random() < 0.035
        return [u["id"], act, started, minutes, km, laps, energy, hr, how, shared, deleted]

    workouts: list[list] = []
    for u in users:
        u["device"] = rng.choices(["GPS", "WCH", "MAN"], weights=[45, 40, 15])[0]
        if u["rate"] == 0.0:
            # tried the app once or twice, then deleted the entries
            if rng.random() < 0.12:
                for _ in range(rng.randint(1, 2)):
                    day = _random_day(rng, max(u["created"], FIRST_DAY), u["closed"] or LAST_DAY)
                    w = workout(u, day, rng.choice(u["fav"]))
                    w[10] = True
                    workouts.append(w)
            continue
        start = max(u["created"], FIRST_DAY)
        end = u["closed"] or LAST_DAY
        # some users lapse and stop logging
        if rng.random() < 0.25:
            end = min(end, _random_day(rng, start, LAST_DAY))
        weeks = max(0.0, ((end - start).days + 1) / 7)
        n = round(u["rate"] * weeks * rng.uniform(0.7, 1.3))
        days = [_random_day(rng, start, end) for _ in range(n)]
        # imported history from another app (dated before 2024, possibly before sign-up)
        if u["created"] < dt.date(2024, 6, 1) and rng.random() < 0.2:
            for _ in range(rng.randint(3, 18)):
                days.append(_random_day(rng, dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
        for day in days:
            act = (
                rng.choice(u["fav"])
                if rng.random() < 0.85
                else rng.choices(list(_ACTIVITIES), weights=[a[2] for a in _ACTIVITIES.values()])[0]
            )
            workouts.append(workout(u, day, act))
    # committed challengers train for the challenge
    for cid, u, joined in joins:
        _name, act, first, last, km, count, _paying, _points = _CHALLENGES[cid - 1]
        lo = max(first, joined, u["created"], FIRST_DAY)
        hi = min(last, LAST_DAY, u["closed"] or LAST_DAY)
        if hi < lo or rng.random() < 0.4:
            continue
        effort = rng.uniform(0.5, 1.5)
        done = 0.0
        while done < effort * (km if km is not None else count):
            w = workout(u, _random_day(rng, lo, hi), act or rng.choice(u["fav"]))
            workouts.append(w)
            done += float(w[4] or 0) if km is not None else 1
    # GPS glitches: absurd distances, deleted by the user afterwards
    for act in ("RUN", "RIDE", "WALK", "HIKE"):
        for year in (2024, 2025, 2025):
            pool = [w for w in workouts if w[1] == act and w[2].year == year and not w[10]]
            w = list(rng.choice(pool))
            w[4] = round(float(w[4]) * rng.uniform(2.5, 4.0), 2)
            w[7], w[8], w[9], w[10] = None, "GPS", False, True
            w[2] = w[2] + dt.timedelta(minutes=rng.randint(1, 30))
            workouts.append(w)
    # a deleted re-upload of some workouts (same start, same figures)
    for w in rng.sample(workouts, 40):
        copy = list(w)
        copy[10] = True
        workouts.append(copy)
    workouts.sort(key=lambda w: (w[2], w[0], w[10]))
    _insert(con, "workouts", [(i, *w) for i, w in enumerate(workouts, start=1)])

    # ------------------------------------------------------------------ challenges
    _insert(con, "challenges", [(i, *c) for i, c in enumerate(_CHALLENGES, start=1)])
    by_user: dict[int, list[list]] = {}
    for w in workouts:
        if not w[10]:
            by_user.setdefault(w[0], []).append(w)
    participations = []
    for cid, u, joined in joins:
        _name, act, first, last, km, count, _paying, _points = _CHALLENGES[cid - 1]
        total = 0.0
        reached = None
        for w in by_user.get(u["id"], []):
            wday = w[2].date()
            if wday < first or wday > last or (act is not None and w[1] != act):
                continue
            total += float(w[4] or 0) if km is not None else 1
            if total >= (km if km is not None else count):
                reached = wday
                break
        if reached is not None:
            status, ended = "C", max(reached, joined)
        elif last < LAST_DAY:
            status = "A"
            ended = last if rng.random() < 0.5 else _random_day(rng, max(joined, first), last)
        elif rng.random() < 0.2 and first < LAST_DAY:
            status, ended = "A", _random_day(rng, max(joined, first) + dt.timedelta(days=1),
                                             LAST_DAY)  # fmt: skip
        else:
            status, ended = "J", None
        participations.append((cid, u["id"], joined, status, ended))
    participations.sort(key=lambda p: (p[2], p[0], p[1]))
    _insert(con, "challenge_participations",
            [(i, *p) for i, p in enumerate(participations, start=1)])  # fmt: skip

    # ------------------------------------------------------------------ payments
    payments = []
    for u in users:
        if u["upgraded"] is None:
            continue
        months = _MONTHS[u["plan"]]
        stop = u["stopped"] or (LAST_DAY + dt.timedelta(days=1))
        k = 0
        due = u["upgraded"]
        while due < stop and due <= LAST_DAY:
            if due >= PAYMENTS_FROM:
                price = _PRICE[u["plan"]]
                discount = None
                if u["student"]:
                    discount = "STUDENT20"
                elif k == 0 and months == 1 and rng.random() < 0.3:
                    discount = "WELCOME50"
                amount = round(price * (0.8 if discount == "STUDENT20" else
                                        0.5 if discount == "WELCOME50" else 1.0), 2)  # fmt: skip
                r = rng.random()
                outcome = "FAIL" if r < 0.05 else "RFND" if r < 0.07 else "PAID"
                payments.append((u["id"], u["plan"], due, amount, outcome, u["method"], discount))
                if outcome == "FAIL":
                    retry = due + dt.timedelta(days=rng.randint(2, 5))
                    if retry <= LAST_DAY and rng.random() < 0.85:
                        payments.append((u["id"], u["plan"], retry, amount, "PAID", u["method"],
                                         discount))  # fmt: skip
            k += 1
            due = _add_months(u["upgraded"], k * months)
    payments.sort(key=lambda p: (p[2], p[0]))
    _insert(con, "subscription_payments", [(i, *p) for i, p in enumerate(payments, start=1)])

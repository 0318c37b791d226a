"""Airline frequent-flyer programme test database (DuckDB, ``main`` schema).

Meridian Air (airline code ``MR``) runs a frequent-flyer programme, "Meridian Miles". Members
earn award miles by flying (on Meridian Air or on one of its partner airlines) and by spending
with partner companies (hotels, car rental firms, co-branded credit cards, shops), and spend
miles on redemptions (award flight tickets and cabin upgrades). Each member holds an elite
tier that changes over time as the member qualifies for a higher tier or is downgraded.

The activity data (flights, partner transactions, redemption bookings) covers 2023-01-01 up to
and including **2025-10-31**, which is the last day of the data ("today" for every question:
"this year" is 2025, "last month" is September 2025, "last quarter" is July-September 2025,
"last year" is 2024). Member records and tier history go back to 2011 (members who joined
before 2023 have no flights before 2023 in this database), and redemptions can have a travel
date after today. Money is in US dollars (``amt_*_usd``); distances and miles are counts of
statute miles / award miles. Naming: tables are prefixed ``tbl_``; columns are prefixed by
type: ``id_`` identifiers, ``n_`` counts and other numbers, ``amt_`` money, ``dt_`` dates,
``ts_`` timestamps, ``b_`` booleans, ``cd_`` codes, ``txt_`` free text. Code columns hold short
upper-case codes; the allowed codes are listed below and explained in the column comments
(``COMMENT ON COLUMN``, see ``_DDL``). Airports are three-letter IATA codes: DEN Denver and ORD
Chicago O'Hare (Meridian's two hubs), SFO San Francisco, LAX Los Angeles, SEA Seattle, JFK New
York JFK, BOS Boston, ATL Atlanta, DFW Dallas/Fort Worth, MIA Miami, PHX Phoenix, MSP
Minneapolis, AUS Austin, HNL Honolulu, YYZ Toronto, LHR London Heathrow, CDG Paris, FRA
Frankfurt, NRT Tokyo Narita, CUN Cancun, MEX Mexico City.

Tables
------

``tbl_member`` -- one row per programme member (account), open or closed.

* ``id_member`` (INTEGER, primary key): member identifier (ascending with join date).
* ``txt_member_no`` (VARCHAR, unique): membership number printed on the card, 'MR' plus seven
  digits, e.g. 'MR4827163'.
* ``txt_first_name``, ``txt_last_name`` (VARCHAR): member's name. Names are not unique: several
  members can share the same first and last name.
* ``txt_email`` (VARCHAR, unique): e-mail address; NULL when none was given (common for members
  enrolled at an airport desk).
* ``dt_birth`` (DATE): date of birth; NULL when unknown.
* ``dt_joined`` (DATE): enrolment date (the day the member joined / signed up).
* ``cd_home_airport`` (VARCHAR): member's home airport (IATA code, see above).
* ``cd_country`` (VARCHAR): country of residence, ISO code: 'US', 'CA', 'GB' or 'MX'.
* ``cd_enrol_channel`` (VARCHAR): how the member enrolled: 'WEB' website, 'APP' mobile app,
  'APT' airport desk, 'PTR' through a co-branded credit card application.
* ``cd_tier`` (VARCHAR): current elite tier, from lowest to highest 'BLU' Blue (base tier,
  every member starts here), 'SLV' Silver, 'GLD' Gold, 'PLT' Platinum. It equals
  ``cd_tier_to`` of the member's latest row in ``tbl_tier_change``.
* ``n_miles_balance`` (INTEGER): redeemable award miles in the account at the end of today
  (2025-10-31). When an account is closed its balance is normally forfeited and set to 0, but
  some closed accounts still show their old balance.
* ``b_email_optin`` (BOOLEAN): true if the member agreed to marketing e-mails.
* ``b_active`` (BOOLEAN): true = account open; false = account closed.
* ``dt_closed`` (DATE): day the account was closed; NULL for open accounts. A closed account
  has no flights, partner transactions or bookings after this day; redemptions it still held
  for later travel were cancelled on this day.

``tbl_partner`` -- one row per earning partner company (not partner airlines).

* ``id_partner`` (INTEGER, primary key).
* ``txt_partner_name`` (VARCHAR, unique): partner / product name, e.g. 'Hollins Grand Hotels',
  'Meridian Rewards Card'.
* ``cd_partner_type`` (VARCHAR): 'HTL' hotel chain, 'CAR' car rental, 'CCD' co-branded credit
  card (issued with a bank), 'RTL' retail, dining and other partners.
* ``n_miles_per_usd`` (DECIMAL(3,1)): award miles earned per US dollar of qualifying spend.
* ``dt_partner_since`` (DATE): start of the partnership (a partnership can start after today:
  signed but not yet live).
* ``dt_partner_ended`` (DATE): last day of the partnership; NULL = still a partner.

``tbl_flight_segment`` -- one row per flight segment (one take-off and landing) flown by a
member and claimed for miles. A trip with a connection at a hub is two segments; a return
trip is at least two segments. Only flown segments are recorded.

* ``id_segment`` (INTEGER, primary key).
* ``id_member`` (INTEGER, foreign key to ``tbl_member``).
* ``dt_segment`` (DATE): date the segment was flown (local departure date).
* ``cd_carrier`` (VARCHAR): operating airline: 'MR' Meridian Air (own flights), or a partner
  airline: 'AT' Atlantica Airways (Paris, Frankfurt), 'NS' Northstar Air (Tokyo), 'SO' Sol
  Aereo (Mexico City).
* ``txt_flight_no`` (VARCHAR): flight number, carrier code plus number, e.g. 'MR214'.
* ``cd_origin``, ``cd_destination`` (VARCHAR): departure and arrival airport (IATA code). A
  route is an origin-destination pair; DEN-JFK and JFK-DEN are different directions.
* ``cd_fare_class`` (VARCHAR): one-letter booking class of the ticket; it determines the cabin
  and the earning rate (percentage of the distance earned as base miles): First 'F' 150 %,
  'A' 125 %; Business 'J' 150 %, 'C' 125 %, 'D' and 'I' 100 %; Premium Economy 'W' 110 %, 'P'
  100 %; Economy 'Y', 'B', 'M' 100 %, 'H', 'K', 'L' 75 %, 'Q', 'T' 50 %, 'N' (basic economy)
  25 %. Base miles are at least 500 per segment except in class 'N'.
* ``cd_cabin`` (VARCHAR): cabin flown: 'F' First, 'J' Business, 'W' Premium Economy,
  'Y' Economy.
* ``n_distance_mi`` (INTEGER): great-circle distance of the segment in statute miles.
* ``amt_fare_usd`` (DECIMAL(8,2)): base fare of the segment in USD, excluding taxes and fees;
  NULL for segments operated by partner airlines (fare not known to Meridian).
* ``n_miles_earned`` (INTEGER): award miles for the segment = base miles plus the elite bonus
  for the member's tier on the day flown (Silver +25 %, Gold +50 %, Platinum +100 % of base
  miles). For 'PND' segments it is the amount that will post; NULL for 'REJ' segments.
* ``n_tier_points`` (INTEGER): tier points that count towards tier qualification (depend on
  distance and cabin; discount classes 'Q', 'T', 'N' earn half); NULL for 'REJ' segments.
* ``cd_credit_status`` (VARCHAR): 'CRD' miles credited (posted to the account), 'PND' pending
  (flown recently, not yet posted), 'REJ' credit rejected (ticket not eligible; no miles).
  Only 'CRD' segments have added miles and tier points to the account.
* ``ts_credited`` (TIMESTAMP): when the miles were posted; NULL unless 'CRD'.
* ``b_retro_claim`` (BOOLEAN): true if the miles were only credited after the member filed a
  missing-miles claim (credited 30 days or more after the flight).

``tbl_partner_txn`` -- one row per partner earning transaction: a hotel stay, a car rental, a
monthly credit-card statement or a retail / dining purchase.

* ``id_txn`` (INTEGER, primary key).
* ``id_member`` (INTEGER, foreign key to ``tbl_member``).
* ``id_partner`` (INTEGER, foreign key to ``tbl_partner``).
* ``dt_txn`` (DATE): transaction date: check-out day of a hotel stay, return day of a rental
  car, statement date (the 25th) for credit cards, purchase day otherwise.
* ``txt_location`` (VARCHAR): city of the hotel or rental station; NULL for credit cards and
  retail partners.
* ``amt_spend_usd`` (DECIMAL(10,2)): qualifying spend in USD (whole stay / rental / statement).
* ``n_nights`` (INTEGER): nights of the hotel stay; NULL unless the partner is a hotel.
* ``n_rental_days`` (INTEGER): rental days; NULL unless the partner is a car rental firm.
* ``n_miles_earned`` (INTEGER): award miles for the transaction (spend times the partner's
  rate, rounded down).
* ``cd_txn_status`` (VARCHAR): 'PST' posted, 'REV' reversed (refund or chargeback: the miles
  were taken back; reversed transactions must be ignored in spend and mile totals).

``tbl_redemption`` -- one row per redemption booking (miles spent).

* ``id_redemption`` (INTEGER, primary key).
* ``id_member`` (INTEGER, foreign key to ``tbl_member``).
* ``cd_award_type`` (VARCHAR): 'FLT' award flight (ticket paid with miles), 'UPG' upgrade of a
  paid ticket to a higher cabin.
* ``ts_booked`` (TIMESTAMP): when the redemption was booked.
* ``dt_travel`` (DATE): departure date of the (outbound) flight; can be after today.
* ``cd_origin``, ``cd_destination`` (VARCHAR): departure and arrival airport of the outbound
  flight (IATA codes).
* ``cd_cabin`` (VARCHAR): cabin of the award ticket, or the cabin upgraded to for 'UPG':
  'F', 'J', 'W' or 'Y' (same codes as ``tbl_flight_segment.cd_cabin``).
* ``n_passengers`` (INTEGER): passengers on the booking (1-4; always 1 for upgrades).
* ``n_miles_spent`` (INTEGER): miles deducted for the whole booking (all passengers, both
  directions for a return ticket); refunded if the booking is cancelled.
* ``amt_taxes_usd`` (DECIMAL(8,2)): taxes, fees and upgrade co-payments paid in cash, USD.
* ``cd_status`` (VARCHAR): 'BKD' booked, travel still to come (travel date after today);
  'CXL' cancelled (miles refunded to the account); 'FLN' flown (travel took place).
* ``dt_cancelled`` (DATE): day the booking was cancelled; NULL unless 'CXL'.

``tbl_tier_change`` -- history of tier changes, one row per change (the first row of every
member is the enrolment into Blue). Annual reviews on 1 March downgrade members (by one tier
at most) whose tier points in the previous calendar year fall short of their tier; upgrades
take effect on the day of the flight with which the calendar-year tier points reach a threshold
(Silver 1,500, Gold 3,000, Platinum 5,000). Several changes of one member can share a date.

* ``id_tier_change`` (INTEGER, primary key).
* ``id_member`` (INTEGER, foreign key to ``tbl_member``).
* ``dt_effective`` (DATE): day the new tier took effect.
* ``cd_tier_from`` (VARCHAR): tier before the change ('BLU', 'SLV', 'GLD', 'PLT'); NULL for
  the enrolment row.
* ``cd_tier_to`` (VARCHAR): tier after the change.
* ``cd_reason`` (VARCHAR): 'ENR' enrolment, 'QUA' upgrade after qualifying on tier points,
  'DWN' downgrade at the annual review, 'MAT' status match (Gold granted to match the member's
  status with another airline).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 10, 31)

# code -> (city, latitude, longitude, country)
_AIRPORTS = {
    "DEN": ("Denver", 39.8561, -104.6737, "US"), "ORD": ("Chicago", 41.9742, -87.9073, "US"),
    "SFO": ("San Francisco", 37.6213, -122.3790, "US"),
    "LAX": ("Los Angeles", 33.9416, -118.4085, "US"),
    "SEA": ("Seattle", 47.4502, -122.3088, "US"), "JFK": ("New York", 40.6413, -73.7781, "US"),
    "BOS": ("Boston", 42.3656, -71.0096, "US"), "ATL": ("Atlanta", 33.6407, -84.4277, "US"),
    "DFW": ("Dallas", 32.8998, -97.0403, "US"), "MIA": ("Miami", 25.7959, -80.2870, "US"),
    "PHX": ("Phoenix", 33.4352, -112.0101, "US"), "MSP": ("Minneapolis", 44.8848, -93.2223, "US"),
    "AUS": ("Austin", 30.1975, -97.6664, "US"), "HNL": ("Honolulu", 21.3187, -157.9225, "US"),
    "YYZ": ("Toronto", 43.6777, -79.6248, "CA"), "LHR": ("London", 51.4700, -0.4543, "GB"),
    "CDG": ("Paris", 49.0097, 2.5479, "FR"), "FRA": ("Frankfurt", 50.0379, 8.5622, "DE"),
    "NRT": ("Tokyo", 35.7720, 140.3929, "JP"), "CUN": ("Cancun", 21.0365, -86.8771, "MX"),
    "MEX": ("Mexico City", 19.4361, -99.0719, "MX"),
}  # fmt: skip
_HUBS = ("DEN", "ORD")
# airports served only by a partner airline (from the hubs)
_PARTNER_CARRIER = {"CDG": "AT", "FRA": "AT", "NRT": "NS", "MEX": "SO"}
_HOME_WEIGHTS = {
    "DEN": 24, "ORD": 22, "SFO": 6, "LAX": 6, "SEA": 6, "JFK": 5, "BOS": 5, "ATL": 4, "DFW": 4,
    "MIA": 3, "PHX": 3, "MSP": 3, "AUS": 3, "YYZ": 2, "LHR": 2, "MEX": 1,
}  # fmt: skip
_DEST_WEIGHTS = {
    "DEN": 8, "ORD": 8, "SFO": 7, "LAX": 8, "SEA": 5, "JFK": 9, "BOS": 5, "ATL": 5, "DFW": 5,
    "MIA": 5, "PHX": 4, "MSP": 3, "AUS": 4, "HNL": 3, "YYZ": 3, "LHR": 4, "CDG": 2, "FRA": 2,
    "NRT": 2, "CUN": 4, "MEX": 2,
}  # fmt: skip

_TIERS = ["BLU", "SLV", "GLD", "PLT"]
_TIER_BONUS = {"BLU": 0.0, "SLV": 0.25, "GLD": 0.5, "PLT": 1.0}
# tier points needed in a calendar year
_THRESHOLDS = {"SLV": 1500, "GLD": 3000, "PLT": 5000}

# fare class -> (cabin, earn percentage of distance, fare USD per mile)
_FARE_CLASSES = {
    "F": ("F", 150, 0.95), "A": ("F", 125, 0.70),
    "J": ("J", 150, 0.75), "C": ("J", 125, 0.60), "D": ("J", 100, 0.48), "I": ("J", 100, 0.40),
    "W": ("W", 110, 0.30), "P": ("W", 100, 0.24),
    "Y": ("Y", 100, 0.32), "B": ("Y", 100, 0.26), "M": ("Y", 100, 0.22),
    "H": ("Y", 75, 0.17), "K": ("Y", 75, 0.15), "L": ("Y", 75, 0.13),
    "Q": ("Y", 50, 0.11), "T": ("Y", 50, 0.095), "N": ("Y", 25, 0.08),
}  # fmt: skip
_CABIN_TP = {"F": 3.0, "J": 2.0, "W": 1.5, "Y": 1.0}
# one-way award price per passenger by cabin and distance band (<1000, <3000, longer miles)
_AWARD_CHART = {"Y": [12500, 25000, 40000], "W": [20000, 35000, 60000],
                "J": [30000, 50000, 80000], "F": [45000, 70000, 110000]}  # fmt: skip

# name, type, miles per USD, since, ended, nightly/daily rate range (hotel/car)
_PARTNERS = [
    ("Hollins Grand Hotels", "HTL", 5.0, dt.date(2016, 4, 1), None, (180, 420)),
    ("Stayfield Inns", "HTL", 3.0, dt.date(2019, 1, 15), None, (85, 170)),
    ("Marlowe Resorts", "HTL", 6.0, dt.date(2021, 6, 1), None, (260, 640)),
    ("Harbourview Suites", "HTL", 4.0, dt.date(2018, 3, 1), dt.date(2024, 6, 30), (150, 300)),
    ("Roadway Car Rental", "CAR", 4.0, dt.date(2015, 9, 1), None, (38, 95)),
    ("Zipdrive Rentals", "CAR", 3.0, dt.date(2020, 2, 1), None, (30, 70)),
    ("Alto Car Hire", "CAR", 5.0, dt.date(2025, 9, 1), None, (45, 110)),
    ("Meridian Rewards Card", "CCD", 1.5, dt.date(2014, 1, 1), None, None),
    ("Meridian Business Card", "CCD", 2.0, dt.date(2019, 5, 1), None, None),
    ("Dine & Fly", "RTL", 2.0, dt.date(2017, 8, 1), None, None),
    ("SkyShop Online", "RTL", 3.0, dt.date(2020, 11, 1), None, None),
    ("Novo Books", "RTL", 2.0, dt.date(2019, 2, 1), dt.date(2024, 12, 31), None),
    ("Citrus Fuel", "RTL", 1.0, dt.date(2022, 3, 1), None, None),
    ("Lumen Energy", "RTL", 1.0, dt.date(2025, 12, 1), None, None),
]  # fmt: skip

_FIRST = [
    "James", "Mary", "Michael", "Patricia", "Robert", "Jennifer", "David", "Linda", "William",
    "Elizabeth", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Karen",
    "Matthew", "Nancy", "Anthony", "Lisa", "Mark", "Emily", "Paul", "Laura", "Steven", "Anna",
    "Andrew", "Priya", "Kevin", "Olivia", "Brian", "Sofia", "George", "Hannah", "Luis", "Mei",
    "Carlos", "Grace", "Oliver", "Chloe", "Rahul", "Aisha", "Ethan", "Zoe", "Marco", "Ines",
]  # fmt: skip
_LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee",
    "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King",
    "Wright", "Scott", "Nguyen", "Hill", "Adams", "Baker", "Nelson", "Patel", "Chen", "Kim",
    "Murphy", "O'Brien", "Schneider", "Okafor", "Fischer", "Rossi", "Tanaka", "Novak", "Dubois",
]  # fmt: skip

_DDL = """
CREATE TABLE tbl_member (
    id_member INTEGER PRIMARY KEY,
    txt_member_no VARCHAR NOT NULL UNIQUE,
    txt_first_name VARCHAR NOT NULL,
    txt_last_name VARCHAR NOT NULL,
    txt_email VARCHAR UNIQUE,
    dt_birth DATE,
    dt_joined DATE NOT NULL,
    cd_home_airport VARCHAR NOT NULL,
    cd_country VARCHAR NOT NULL,
    cd_enrol_channel VARCHAR NOT NULL,
    cd_tier VARCHAR NOT NULL,
    n_miles_balance INTEGER NOT NULL,
    b_email_optin BOOLEAN NOT NULL,
    b_active BOOLEAN NOT NULL,
    dt_closed DATE
);
CREATE TABLE tbl_partner (
    id_partner INTEGER PRIMARY KEY,
    txt_partner_name VARCHAR NOT NULL UNIQUE,
    cd_partner_type VARCHAR NOT NULL,
    n_miles_per_usd DECIMAL(3, 1) NOT NULL,
    dt_partner_since DATE NOT NULL,
    dt_partner_ended DATE
);
CREATE TABLE tbl_flight_segment (
    id_segment INTEGER PRIMARY KEY,
    id_member INTEGER NOT NULL REFERENCES tbl_member (id_member),
    dt_segment DATE NOT NULL,
    cd_carrier VARCHAR NOT NULL,
    txt_flight_no VARCHAR NOT NULL,
    cd_origin VARCHAR NOT NULL,
    cd_destination VARCHAR NOT NULL,
    cd_fare_class VARCHAR NOT NULL,
    cd_cabin VARCHAR NOT NULL,
    n_distance_mi INTEGER NOT NULL,
    amt_fare_usd DECIMAL(8, 2),
    n_miles_earned INTEGER,
    n_tier_points INTEGER,
    cd_credit_status VARCHAR NOT NULL,
    ts_credited TIMESTAMP,
    b_retro_claim BOOLEAN NOT NULL
);
CREATE TABLE tbl_partner_txn (
    id_txn INTEGER PRIMARY KEY,
    id_member INTEGER NOT NULL REFERENCES tbl_member (id_member),
    id_partner INTEGER NOT NULL REFERENCES tbl_partner (id_partner),
    dt_txn DATE NOT NULL,
    txt_location VARCHAR,
    amt_spend_usd DECIMAL(10, 2) NOT NULL,
    n_nights INTEGER,
    n_rental_days INTEGER,
    n_miles_earned INTEGER NOT NULL,
    cd_txn_status VARCHAR NOT NULL
);
CREATE TABLE tbl_redemption (
    id_redemption INTEGER PRIMARY KEY,
    id_member INTEGER NOT NULL REFERENCES tbl_member (id_member),
    cd_award_type VARCHAR NOT NULL,
    ts_booked TIMESTAMP NOT NULL,
    dt_travel DATE NOT NULL,
    cd_origin VARCHAR NOT NULL,
    cd_destination VARCHAR NOT NULL,
    cd_cabin VARCHAR NOT NULL,
    n_passengers INTEGER NOT NULL,
    n_miles_spent INTEGER NOT NULL,
    amt_taxes_usd DECIMAL(8, 2) NOT NULL,
    cd_status VARCHAR NOT NULL,
    dt_cancelled DATE
);
CREATE TABLE tbl_tier_change (
    id_tier_change INTEGER PRIMARY KEY,
    id_member INTEGER NOT NULL REFERENCES tbl_member (id_member),
    dt_effective DATE NOT NULL,
    cd_tier_from VARCHAR,
    cd_tier_to VARCHAR NOT NULL,
    cd_reason VARCHAR NOT NULL
);
COMMENT ON COLUMN tbl_member.cd_tier IS
    'Current elite tier: BLU = Blue (base), SLV = Silver, GLD = Gold, PLT = Platinum (highest)';
COMMENT ON COLUMN tbl_member.cd_enrol_channel IS
    'WEB = website, APP = mobile app, APT = airport desk, PTR = co-branded credit card signup';
COMMENT ON COLUMN tbl_member.n_miles_balance IS
    'Redeemable award miles in the account at the end of 2025-10-31 (count of miles)';
COMMENT ON COLUMN tbl_member.b_active IS
    'True = account open; false = account closed on dt_closed';
COMMENT ON COLUMN tbl_partner.cd_partner_type IS
    'HTL = hotel, CAR = car rental, CCD = co-branded credit card, RTL = retail / dining / other';
COMMENT ON COLUMN tbl_partner.n_miles_per_usd IS
    'Award miles earned per US dollar of qualifying spend';
COMMENT ON COLUMN tbl_flight_segment.cd_carrier IS
    'MR = Meridian Air (own); partners AT = Atlantica, NS = Northstar Air, SO = Sol Aereo';
COMMENT ON COLUMN tbl_flight_segment.cd_cabin IS
    'Cabin flown: F = First, J = Business, W = Premium Economy, Y = Economy';
COMMENT ON COLUMN tbl_flight_segment.n_distance_mi IS
    'Great-circle distance of the segment in statute miles';
COMMENT ON COLUMN tbl_flight_segment.amt_fare_usd IS
    'Base fare of the segment in USD excluding taxes; NULL for partner-operated segments';
COMMENT ON COLUMN tbl_flight_segment.cd_credit_status IS
    'CRD = credited (posted), PND = pending (not yet posted), REJ = rejected (no miles)';
COMMENT ON COLUMN tbl_partner_txn.cd_txn_status IS
    'PST = posted, REV = reversed (refund / chargeback; miles taken back, ignore in totals)';
COMMENT ON COLUMN tbl_redemption.cd_award_type IS
    'FLT = award flight ticket, UPG = cabin upgrade on a paid ticket';
COMMENT ON COLUMN tbl_redemption.cd_status IS
    'BKD = booked, travel still to come; CXL = cancelled (miles refunded); FLN = flown';
COMMENT ON COLUMN tbl_redemption.n_miles_spent IS
    'Miles deducted for the whole booking (all passengers); refunded if cancelled';
COMMENT ON COLUMN tbl_tier_change.cd_reason IS
    'ENR = enrolment, QUA = qualified upgrade, DWN = annual-review downgrade, MAT = status match';
"""

_DROP_ORDER = ["tbl_tier_change", "tbl_redemption", "tbl_partner_txn", "tbl_flight_segment",
               "tbl_partner", "tbl_member"]  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) with one statement, column by column."""
    if not rows:
        return
    columns = [list(col) for col in zip(*rows, strict=True)]
    select = ", ".join(f"UNNEST(${i})" for i in range(1, len(columns) + 1))
    con.execute(f"INSERT INTO {table} SELECT {select}", columns)


def _distance(a: str, b: str) -> int:
    _, lat1, lon1, _ = _AIRPORTS[a]
    _, lat2, lon2, _ = _AIRPORTS[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * 3958.8 * math.asin(math.sqrt(h)))


def _route(home: str, dest: str) -> list[tuple[str, str]]:
    """Segments from ``home`` to ``dest``; every segment touches a hub."""
    if home in _HUBS or dest in _HUBS:
        return [(home, dest)]
    if dest in _PARTNER_CARRIER and dest in ("CDG", "FRA"):
        hub = "ORD"
    elif dest in _PARTNER_CARRIER:
        hub = "DEN"
    else:
        hub = min(_HUBS, key=lambda h: _distance(home, h) + _distance(h, dest))
    return [(home, hub), (hub, dest)]


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _ts(rng: random.Random, day: dt.date, lo_hour: int = 0, hi_hour: int = 23) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(lo_hour, hi_hour), rng.randint(0, 59),
                                            rng.randint(0, 59)))  # fmt: skip


def _poisson(rng: random.Random, lam: float) -> int:
    n, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return n
        n += 1


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the loyalty programme tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------------ members
    years = list(range(2011, 2026))
    year_w = [2, 3, 3, 4, 4, 5, 5, 4, 5, 6, 7, 8, 9, 10, 9]
    members: list[dict] = []
    for _ in range(640):
        year = rng.choices(years, weights=year_w)[0]
        hi = LAST_DAY if year == 2025 else dt.date(year, 12, 31)
        joined = _day(rng, dt.date(year, 1, 1), hi)
        home = rng.choices(list(_HOME_WEIGHTS), weights=list(_HOME_WEIGHTS.values()))[0]
        level = rng.choices([0, 1, 2, 3], weights=[62, 21, 12, 5])[0]
        if joined.year >= 2025 and level > 1:
            level = rng.choice([0, 1, level])
        members.append({"joined": joined, "home": home, "level": level})
    members.sort(key=lambda m: m["joined"])
    used_no: set[str] = set()
    used_mail: set[str] = set()
    for idx, m in enumerate(members, start=1):
        m["id"] = idx
        while True:
            no = f"MR{rng.randint(1000000, 9999999)}"
            if no not in used_no:
                used_no.add(no)
                break
        m["no"] = no
        m["first"] = rng.choice(_FIRST)
        m["last"] = rng.choice(_LAST)
        base = f"{m['first']}.{m['last']}".lower().replace("'", "")
        mail = f"{base}@example.com"
        k = 1
        while mail in used_mail:
            k += 1
            mail = f"{base}{k}@example.com"
        used_mail.add(mail)
        channel = rng.choices(["WEB", "APP", "APT", "PTR"], weights=[40, 30, 15, 15])[0]
        if channel == "APP" and m["joined"].year < 2016:
            channel = "WEB"
        m["channel"] = channel
        m["email"] = None if rng.random() < (0.25 if channel == "APT" else 0.05) else mail
        m["birth"] = (
            None if rng.random() < 0.09 else _day(rng, dt.date(1950, 1, 1), dt.date(2004, 12, 31))
        )
        m["optin"] = rng.random() < 0.55
        m["closed"] = None
        if rng.random() < 0.07:
            lo = max(m["joined"] + dt.timedelta(days=90), dt.date(2023, 2, 1))
            if lo < dt.date(2025, 10, 15):
                m["closed"] = _day(rng, lo, dt.date(2025, 10, 15))
        m["country"] = _AIRPORTS[m["home"]][3]
        m["end"] = m["closed"] or LAST_DAY
        m["start"] = max(m["joined"], FIRST_DAY)

    # ------------------------------------------------------------------ partners
    partners = []
    for pid, (name, ptype, rate, since, ended, rng_rate) in enumerate(_PARTNERS, start=1):
        partners.append({"id": pid, "name": name, "type": ptype, "rate": rate, "since": since,
                         "ended": ended, "price": rng_rate})  # fmt: skip
    _insert(con, "tbl_partner", [(p["id"], p["name"], p["type"], p["rate"], p["since"], p["ended"])
                                 for p in partners])  # fmt: skip

    def _partner_open(p: dict, day: dt.date) -> bool:
        return p["since"] <= day and (p["ended"] is None or day <= p["ended"])

    hotels = [p for p in partners if p["type"] == "HTL"]
    cars = [p for p in partners if p["type"] == "CAR"]
    cards = [p for p in partners if p["type"] == "CCD"]
    shops = [p for p in partners if p["type"] == "RTL"]

    # ------------------------------------------------- trips -> segments, stays, rentals
    # events per member: (date, kind, payload); processed chronologically afterwards
    events: dict[int, list] = {m["id"]: [] for m in members}
    flight_numbers: dict[tuple[str, str, str], str] = {}
    used_numbers: set[str] = set()
    rate_by_level = {0: 0.5, 1: 1.8, 2: 3.8, 3: 7.0}  # round trips per year
    premium_by_level = {0: 0.04, 1: 0.10, 2: 0.22, 3: 0.45}
    partner_rows: list[list] = []  # id_member, id_partner, dt, location, spend, nights, days
    for m in members:
        span = (m["end"] - m["start"]).days
        if span <= 0:
            continue
        n_trips = _poisson(rng, rate_by_level[m["level"]] * span / 365.0)
        for _ in range(n_trips):
            out_day = _day(rng, m["start"], m["end"])
            dests = [d for d in _DEST_WEIGHTS if d != m["home"]]
            dest = rng.choices(dests, weights=[_DEST_WEIGHTS[d] for d in dests])[0]
            stay = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 7, 9, 12])
            back_day = out_day + dt.timedelta(days=stay)
            legs = [(out_day, s) for s in _route(m["home"], dest)]
            if back_day <= m["end"] and rng.random() < 0.93:
                legs += [(back_day, (b, a)) for a, b in reversed(_route(m["home"], dest))]
            long_haul = sum(_distance(a, b) for _, (a, b) in legs[:1]) > 2500
            prem = premium_by_level[m["level"]] * (2.0 if long_haul else 1.0)
            r = rng.random()
            if r < prem * 0.15:
                cabin_classes = ["F", "A"]
            elif r < prem:
                cabin_classes = ["J", "C", "D", "I"]
            elif r < prem + 0.08:
                cabin_classes = ["W", "P"]
            else:
                cabin_classes = ["Y", "B", "M", "H", "K", "L", "Q", "T", "N"]
            fare_class = rng.choice(cabin_classes)
            for day, (a, b) in legs:
                carrier = _PARTNER_CARRIER.get(b) or _PARTNER_CARRIER.get(a) or "MR"
                key = (carrier, a, b)
                if key not in flight_numbers:
                    lo, hi = (100, 1999) if carrier == "MR" else (10, 899)
                    while True:
                        num = f"{carrier}{rng.randint(lo, hi)}"
                        if num not in used_numbers:
                            used_numbers.add(num)
                            break
                    flight_numbers[key] = num
                seg = {"carrier": carrier, "flight": flight_numbers[key], "o": a, "d": b,
                       "fc": fare_class}  # fmt: skip
                events[m["id"]].append((day, "seg", seg))
            # hotel stay / car rental at the destination, booked with partners
            if back_day <= m["end"]:
                city = _AIRPORTS[dest][0]
                if rng.random() < 0.30:
                    open_h = [p for p in hotels if _partner_open(p, back_day)]
                    if open_h:
                        h = rng.choices(open_h, weights=[4, 5, 2, 3][: len(open_h)])[0]
                        nightly = rng.uniform(*h["price"])
                        partner_rows.append([m["id"], h["id"], back_day, city,
                                             round(nightly * stay, 2), stay, None])  # fmt: skip
                if rng.random() < 0.16:
                    open_c = [p for p in cars if _partner_open(p, back_day)]
                    c = rng.choice(open_c)
                    days = stay + rng.choice([0, 1, 1])
                    daily = rng.uniform(*c["price"])
                    partner_rows.append([m["id"], c["id"], back_day, city, round(daily * days, 2),
                                         None, days])  # fmt: skip

    # co-branded cards: monthly statements
    for m in members:
        p_card = 0.55 if m["channel"] == "PTR" else 0.02 + 0.03 * m["level"]
        if rng.random() >= p_card:
            continue
        card = cards[0] if rng.random() < 0.7 else cards[1]
        opened = max(m["joined"], card["since"]) + dt.timedelta(days=rng.randint(0, 400))
        monthly = rng.uniform(300, 1500) * (1 + 0.5 * m["level"])
        y, mo = FIRST_DAY.year, FIRST_DAY.month
        while True:
            stmt = dt.date(y, mo, 25)
            if stmt > m["end"]:
                break
            if stmt >= opened and rng.random() < 0.92:
                spend = round(monthly * rng.uniform(0.35, 1.8), 2)
                partner_rows.append([m["id"], card["id"], stmt, None, spend, None, None])
            mo += 1
            if mo == 13:
                y, mo = y + 1, 1
    # retail / dining
    for _ in range(380):
        m = rng.choice(members)
        if m["end"] <= m["start"]:
            continue
        day = _day(rng, m["start"], m["end"])
        open_s = [p for p in shops if _partner_open(p, day)]
        if not open_s:
            continue
        s = rng.choice(open_s)
        partner_rows.append([m["id"], s["id"], day, None, round(rng.uniform(12, 420), 2), None,
                             None])  # fmt: skip
    by_id = {p["id"]: p for p in partners}
    for row in partner_rows:
        p = by_id[row[1]]
        status = "REV" if rng.random() < (0.01 if p["type"] == "CCD" else 0.045) else "PST"
        miles = int(float(row[4]) * p["rate"])
        row += [miles, status]
        if status == "PST":
            events[row[0]].append((row[2], "ptn", miles))

    # ------------------------------------------------- chronological simulation per member
    segments: list[tuple] = []
    redemptions: list[tuple] = []
    tier_changes: list[tuple] = []
    matched = set(rng.sample([m["id"] for m in members if m["level"] <= 1], 14))
    for m in members:
        mid = m["id"]
        tier = "BLU"
        tier_changes.append((mid, m["joined"], None, "BLU", "ENR"))
        # history before the flight data starts
        if m["joined"] < dt.date(2022, 3, 1) and m["level"] > 0:
            target = _TIERS[m["level"]]
            d = _day(rng, m["joined"] + dt.timedelta(days=60), dt.date(2022, 12, 15))
            if d > m["joined"]:
                if m["level"] == 3 and rng.random() < 0.5:
                    tier_changes.append((mid, d, tier, "GLD", "QUA"))
                    tier = "GLD"
                    d = min(d + dt.timedelta(days=rng.randint(200, 700)), dt.date(2022, 12, 20))
                tier_changes.append((mid, d, tier, target, "QUA"))
                tier = target
        balance = 0
        if m["joined"] < FIRST_DAY:
            balance = rng.randint(0, [12000, 60000, 150000, 300000][m["level"]])
        match_day = None
        if mid in matched:
            match_day = _day(rng, max(m["start"], dt.date(2023, 2, 1)), m["end"])
        # redemption attempts
        years_active = max(0, (m["end"] - m["start"]).days) / 365
        n_red = _poisson(rng, [0.35, 1.3, 2.4, 3.5][m["level"]] * years_active)
        for _ in range(n_red):
            events[mid].append((_day(rng, m["start"], m["end"]), "red", None))
        for y in (2024, 2025):
            if dt.date(y, 3, 1) <= m["end"] and dt.date(y, 3, 1) > m["joined"]:
                events[mid].append((dt.date(y, 3, 1), "rev", y - 1))
        if match_day:
            events[mid].append((match_day, "mat", None))
        order = {"rev": 0, "mat": 1, "seg": 2, "ptn": 3, "red": 4}
        evs = sorted(events[mid], key=lambda e: (e[0], order[e[1]]))
        year_points: dict[int, int] = {}
        pending_refunds: list[tuple[dt.date, int]] = []
        for day, kind, payload in evs:
            # refunds of cancelled redemptions come back on the cancellation day
            for rd, amount in list(pending_refunds):
                if rd <= day:
                    balance += amount
                    pending_refunds.remove((rd, amount))
            if kind == "rev":
                pts = year_points.get(payload, 0)
                earned = "BLU"
                for t in ("SLV", "GLD", "PLT"):
                    if pts >= _THRESHOLDS[t]:
                        earned = t
                if _TIERS.index(earned) < _TIERS.index(tier):
                    new = _TIERS[_TIERS.index(tier) - 1]
                    tier_changes.append((mid, day, tier, new, "DWN"))
                    tier = new
            elif kind == "mat":
                if _TIERS.index(tier) < 2:
                    tier_changes.append((mid, day, tier, "GLD", "MAT"))
                    tier = "GLD"
            elif kind == "seg":
                a, b, fc = payload["o"], payload["d"], payload["fc"]
                cabin, pct, usd_mi = _FARE_CLASSES[fc]
                dist = _distance(a, b)
                base = round(dist * pct / 100)
                if fc != "N":
                    base = max(base, 500)
                miles = base + round(base * _TIER_BONUS[tier])
                points = round(dist * _CABIN_TP[cabin] / 10 * (0.5 if fc in "QTN" else 1.0))
                fare = None
                if payload["carrier"] == "MR":
                    fare = round(max(59.0, dist * usd_mi * rng.uniform(0.8, 1.35)), 2)
                age = (LAST_DAY - day).days
                retro = False
                if age <= 3 or (age <= 20 and rng.random() < 0.45):
                    status = "PND"
                elif rng.random() < 0.03:
                    status = "REJ"
                else:
                    status = "CRD"
                credited = None
                if status == "CRD":
                    if rng.random() < 0.04 and age > 160:
                        retro = True
                        credited = _ts(rng, day + dt.timedelta(days=rng.randint(30, 150)), 8, 18)
                    else:
                        credited = _ts(rng, day + dt.timedelta(days=rng.randint(1, 9)))
                    credited = min(credited, dt.datetime.combine(m["end"], dt.time(23, 59, 59)))
                if status == "REJ":
                    miles_out, points_out = None, None
                else:
                    miles_out, points_out = miles, points
                segments.append((mid, day, payload["carrier"], payload["flight"], a, b, fc,
                                 cabin, dist, fare, miles_out, points_out, status, credited,
                                 retro))  # fmt: skip
                if status == "CRD":
                    balance += miles
                    year_points[day.year] = year_points.get(day.year, 0) + points
                    pts = year_points[day.year]
                    for t in ("SLV", "GLD", "PLT"):
                        if pts >= _THRESHOLDS[t] and _TIERS.index(t) > _TIERS.index(tier):
                            tier_changes.append((mid, day, tier, t, "QUA"))
                            tier = t
            elif kind == "ptn":
                balance += payload
            elif kind == "red":
                award = "FLT" if rng.random() < 0.74 else "UPG"
                pax = 1 if award == "UPG" else rng.choices([1, 2, 3, 4], weights=[60, 28, 8, 4])[0]
                dests = [d for d in _DEST_WEIGHTS if d != m["home"]]
                dest = rng.choices(dests, weights=[_DEST_WEIGHTS[d] for d in dests])[0]
                dist = _distance(m["home"], dest)
                if award == "FLT":
                    cabin = rng.choices(["Y", "W", "J", "F"], weights=[68, 8, 20, 4])[0]
                    band = 0 if dist < 1000 else 1 if dist < 3000 else 2
                    per = _AWARD_CHART[cabin][band]
                    per = int(per * rng.choice([1.0, 1.0, 1.0, 1.2, 1.5]))
                    round_trip = rng.random() < 0.6
                    cost = per * (2 if round_trip else 1) * pax
                    intl = _AIRPORTS[dest][3] != "US" or m["country"] != "US"
                    tax = (rng.uniform(90, 420) if intl else 5.60 * (2 if round_trip else 1)) * pax
                else:
                    cabin = rng.choices(["W", "J", "F"], weights=[25, 60, 15])[0]
                    cost = rng.choice([10000, 15000, 20000, 25000, 30000, 40000])
                    tax = rng.choice([0.0, 0.0, 75.0, 150.0, 250.0])
                if cost > balance:
                    continue
                booked = _ts(rng, day, 6, 23)
                travel = day + dt.timedelta(days=rng.randint(6, 320))
                cancelled = None
                if travel > LAST_DAY:
                    status = "CXL" if rng.random() < 0.11 else "BKD"
                    if status == "CXL":
                        cancelled = _day(rng, day, LAST_DAY)
                else:
                    status = "CXL" if rng.random() < 0.14 else "FLN"
                    if status == "CXL":
                        cancelled = _day(rng, day, travel - dt.timedelta(days=1))
                if m["closed"] and travel > m["closed"]:
                    status, cancelled = "CXL", m["closed"]
                balance -= cost
                if cancelled:
                    pending_refunds.append((cancelled, cost))
                redemptions.append((mid, award, booked, travel, m["home"], dest, cabin, pax, cost,
                                    round(tax, 2), status, cancelled))  # fmt: skip
        for _, amount in pending_refunds:
            balance += amount
        if m["closed"] and rng.random() < 0.7:
            balance = 0
        m["balance"] = balance
        m["tier"] = tier

    _insert(con, "tbl_member", [
        (m["id"], m["no"], m["first"], m["last"], m["email"], m["birth"], m["joined"], m["home"],
         m["country"], m["channel"], m["tier"], m["balance"], m["optin"], m["closed"] is None,
         m["closed"]) for m in members
    ])  # fmt: skip
    segments.sort(key=lambda s: (s[1], s[0]))
    _insert(con, "tbl_flight_segment", [(i, *s) for i, s in enumerate(segments, start=1)])
    partner_rows.sort(key=lambda r: (r[2], r[0], r[1]))
    _insert(con, "tbl_partner_txn", [(i, *r) for i, r in enumerate(partner_rows, start=1)])
    redemptions.sort(key=lambda r: r[2])
    _insert(con, "tbl_redemption", [(i, *r) for i, r in enumerate(redemptions, start=1)])
    tier_changes.sort(key=lambda t: (t[1], t[0]))
    _insert(con, "tbl_tier_change", [(i, *t) for i, t in enumerate(tier_changes, start=1)])

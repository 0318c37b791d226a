"""City 311 service requests test database (DuckDB, ``main`` schema).

The city of Port Halden runs a 311 line: residents report non-emergency problems in public
space (potholes, graffiti, a missing or damaged bin, a broken streetlight, illegal dumping, a
fallen tree, a leaking hydrant...) by phone, mobile app, web form, e-mail or at the counter.
Each report is logged as a service request, routed to the city department responsible for its
type and assigned to one of that department's crews. Some requests are inspected before the
work (to confirm and size the problem) or after it (quality check); the crews' site visits are
recorded as work orders. The city is divided into 6 council districts, each made of several
neighbourhoods.

The data covers requests opened from 2024-01-01 up to and including **2025-05-14**, which is
the last day of the data ("today" for every question: "this year" is 2025, "last year" is 2024,
"this month" is May 2025, "last month" is April 2025, "last quarter" is January-March 2025).
The data also holds a few requests opened in November-December 2023 (the tail of the old
system's export, most of them resolved before 2024, with their inspections and work orders),
and some inspections are scheduled for days after today.
Money is in US dollars (``*_usd``), labour in person-hours, areas in square kilometres.
Timestamps (``*_ts``) are local city time; plain dates are ``*_date`` / ``*_on``. Status-like
columns hold short upper-case codes; the allowed codes are listed below and repeated in the
column comments (``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``nbhds`` -- one row per neighbourhood. Neighbourhood names are unique only within a
district: 'Riverside' and 'Oak Hill' each exist in two different districts.

* ``nbhd_id`` (INTEGER, primary key): neighbourhood identifier.
* ``nbhd_name`` (VARCHAR): neighbourhood name.
* ``district`` (INTEGER): council district number, 1 to 6.
* ``population`` (INTEGER): residents at the 2020 census.
* ``area_sq_km`` (DECIMAL(5,2)): land area in square kilometres.

``depts`` -- the city departments that handle 311 requests.

* ``dept_code`` (VARCHAR, primary key): short code, one of 'STR', 'SAN', 'PRK', 'WTR', 'TRF',
  'CEN' (see column comment).
* ``dept_name`` (VARCHAR, unique): full name, e.g. 'Streets & Roads'.
* ``director`` (VARCHAR): name of the department director.
* ``labour_rate_usd`` (DECIMAL(6,2)): standard (fully loaded) labour cost in USD per
  person-hour, used to cost work orders: labour cost = ``labour_hours`` x this rate.
* ``after_hours`` (BOOLEAN): true if the department runs a 24/7 on-call service.

``crews`` -- field crews (teams) of the departments, current and disbanded. Crew names are
unique only within a department: 'North Crew', 'South Crew' and 'Night Crew' exist in more
than one department.

* ``crew_id`` (INTEGER, primary key).
* ``crew_name`` (VARCHAR): crew name.
* ``dept_code`` (VARCHAR, foreign key to ``depts``): department the crew belongs to.
* ``lead_name`` (VARCHAR): crew supervisor (first name and surname).
* ``shift`` (VARCHAR): 'DAY', 'EVE' or 'NGT' (hours in the column comment).
* ``crew_size`` (INTEGER): number of workers in the crew.
* ``formed_on`` (DATE): day the crew was set up (can be before 2024).
* ``active`` (BOOLEAN): false for crews that have been disbanded (they keep their history).

``service_reqs`` -- one row per service request (311 report). This table refers to the other
tables by plain names without ``_id``: ``nbhd``, ``dept`` and ``crew``.

* ``req_id`` (INTEGER, primary key): request identifier.
* ``req_no`` (VARCHAR, unique): public reference given to the caller, e.g. 'SR-24-00153'.
* ``req_type`` (VARCHAR): problem type code, one of 'POT' pothole, 'SWK' damaged sidewalk,
  'GRF' graffiti, 'BIN' missing or damaged waste bin, 'DMP' illegal dumping, 'SLT'
  streetlight out, 'SGN' damaged or missing traffic sign, 'TRE' fallen tree or branch, 'PLY'
  playground damage, 'WLK' water leak (main or hydrant), 'DRN' blocked storm drain, 'ABV'
  abandoned vehicle, 'OVG' overgrown vacant lot (see column comment).
* ``channel`` (VARCHAR): how it was reported, one of 'PHN', 'APP', 'WEB', 'EML', 'WLK', 'INT'
  (see column comment; 'INT' = reported internally by city staff).
* ``address`` (VARCHAR): street address of the problem, e.g. '1420 Elm St'; NULL when the
  report only carried a map pin (app reports).
* ``nbhd`` (INTEGER, foreign key to ``nbhds.nbhd_id``): neighbourhood of the problem; NULL
  when the location could not be matched to a neighbourhood.
* ``dept`` (VARCHAR, foreign key to ``depts.dept_code``): department responsible.
* ``crew`` (INTEGER, foreign key to ``crews.crew_id``): crew the request is (or was last)
  assigned to; NULL while not assigned (and for requests cancelled before assignment).
* ``urgent`` (BOOLEAN): true when the problem was flagged as a safety hazard (due next day).
* ``duplicate`` (BOOLEAN): true when the report repeats an earlier request about the same
  problem. Duplicates are linked to the original and share its crew, status and resolution
  time; count only non-duplicate requests when counting distinct problems.
* ``dup_of`` (INTEGER, foreign key to ``service_reqs.req_id``): the original request of a
  duplicate; NULL unless ``duplicate``.
* ``status`` (VARCHAR): current state code, one of 'NEW', 'ASG', 'WIP', 'RES', 'CXL' (see
  column comment). 'NEW', 'ASG' and 'WIP' requests are open.
* ``opened_ts`` (TIMESTAMP): when the request was received (the request date).
* ``assigned_ts`` (TIMESTAMP): when it was assigned to a crew; NULL if never assigned.
* ``resolved_ts`` (TIMESTAMP): when it was marked resolved; NULL unless status 'RES'.
* ``due_date`` (DATE): service-level target date: the request should be resolved by the end of
  this day. A request resolved on a later day than ``due_date`` was resolved late.
* ``satisfaction`` (INTEGER): the caller's rating in the follow-up survey, 1 (very
  dissatisfied) to 5 (very satisfied); NULL when no survey answer (surveys are only sent for
  resolved, non-duplicate requests reported by app, web or e-mail).

``inspections`` -- inspector visits to a request's site, one row per inspection, done or
scheduled.

* ``inspection_id`` (INTEGER, primary key).
* ``req_id`` (INTEGER, foreign key to ``service_reqs``).
* ``inspector`` (VARCHAR): inspector's name.
* ``kind`` (VARCHAR): 'PRE' (assessment before any work) or 'POST' (quality check after the
  work).
* ``scheduled_date`` (DATE): day the inspection was (or is) planned for; may be after today.
* ``inspected_ts`` (TIMESTAMP): when the inspection actually took place; NULL if it has not
  happened yet.
* ``outcome`` (VARCHAR): 'CONF', 'NFND', 'PASS' or 'FAIL' (see column comment; 'CONF'/'NFND'
  for PRE, 'PASS'/'FAIL' for POST); NULL if not done yet.
* ``severity`` (INTEGER): for a PRE inspection that confirmed the problem, its severity from 1
  (minor) to 5 (dangerous); NULL otherwise.
* ``est_cost_usd`` (DECIMAL(9,2)): repair cost estimated by the inspector in USD; only for a
  PRE inspection that confirmed the problem (may also be NULL there).

``work_orders`` -- crew site visits (work orders) on requests, one row per visit. A request
can need several visits (a temporary make-safe, then the permanent fix).

* ``wo_id`` (INTEGER, primary key).
* ``req_id`` (INTEGER, foreign key to ``service_reqs``).
* ``crew_id`` (INTEGER, foreign key to ``crews``): crew that did the visit.
* ``started_ts`` (TIMESTAMP), ``finished_ts`` (TIMESTAMP): start and end of the work on site.
* ``labour_hours`` (DECIMAL(5,1)): person-hours booked (crew members x hours on site).
* ``material_cost_usd`` (DECIMAL(9,2)): materials and parts used, in USD (0 when none).
* ``result`` (VARCHAR): 'FIX', 'TMP', 'UTA' or 'REF' (see column comment).
* ``voided`` (BOOLEAN): true for a work order entered by mistake (a double entry) and
  cancelled; voided work orders must be ignored in every count and total.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 5, 14)
_END = dt.datetime(2025, 5, 14, 23, 59, 59)

# name, district, population, area km2, weight multiplier for requests
_NBHDS = [
    ("Old Town", 1, 14200, 2.10, 1.5), ("Harbourside", 1, 9800, 3.40, 1.2),
    ("Oak Hill", 1, 12600, 4.80, 0.9), ("Market Square", 1, 6100, 1.30, 1.6),
    ("Riverside", 2, 18300, 5.60, 1.0), ("Millbrook", 2, 15400, 6.20, 0.9),
    ("Canal Row", 2, 7300, 1.90, 1.3), ("Fairview", 2, 11900, 4.40, 0.8),
    ("Northgate", 3, 21500, 7.10, 1.0), ("Elmwood", 3, 16800, 5.90, 0.8),
    ("Brookside", 3, 9100, 3.20, 0.9), ("Airport Industrial", 3, 240, 8.90, 0.6),
    ("Eastfield", 4, 19700, 6.80, 1.1), ("Oak Hill", 4, 8700, 3.70, 0.9),
    ("Pine Ridge", 4, 13300, 9.40, 0.7), ("Station Quarter", 4, 10400, 2.30, 1.3),
    ("Riverside", 5, 11200, 4.10, 1.0), ("Southport", 5, 22800, 7.60, 1.2),
    ("Greenway", 5, 14100, 5.50, 0.8), ("Hollis Park", 5, 12000, 6.30, 0.9),
    ("Westbury", 6, 17600, 8.20, 0.8), ("Cedar Flats", 6, 10900, 4.90, 1.1),
    ("Linden Heights", 6, 8300, 6.70, 0.7), ("Maple Grove", 6, 15900, 7.40, 0.9),
]  # fmt: skip

# code, name, director, labour rate, after hours
_DEPTS = [
    ("STR", "Streets & Roads", "Angela Whitford", 58.00, True),
    ("SAN", "Sanitation", "Raymond Okafor", 46.50, False),
    ("PRK", "Parks & Forestry", "Helen Marsh", 52.00, False),
    ("WTR", "Water & Sewer", "Victor Alvarez", 64.00, True),
    ("TRF", "Traffic Operations", "Sunita Rao", 61.50, True),
    ("CEN", "Code Enforcement", "Daniel Brennan", 55.00, False),
]  # fmt: skip

# name, dept, shift, size, formed_on, disbanded_on (None = active)
_CREWS = [
    ("North Crew", "STR", "DAY", 4, dt.date(2019, 3, 4), None),
    ("South Crew", "STR", "DAY", 4, dt.date(2019, 3, 4), None),
    ("Paving Crew", "STR", "DAY", 6, dt.date(2021, 5, 17), dt.date(2024, 10, 31)),
    ("Night Crew", "STR", "NGT", 3, dt.date(2022, 1, 10), None),
    ("North Crew", "SAN", "DAY", 3, dt.date(2018, 6, 1), None),
    ("South Crew", "SAN", "DAY", 3, dt.date(2018, 6, 1), None),
    ("Graffiti Squad", "SAN", "EVE", 2, dt.date(2020, 9, 14), None),
    ("Bulk Pickup Crew", "SAN", "DAY", 3, dt.date(2023, 2, 6), None),
    ("Tree Crew A", "PRK", "DAY", 4, dt.date(2017, 4, 3), None),
    ("Tree Crew B", "PRK", "DAY", 4, dt.date(2024, 8, 19), None),
    ("Playground Crew", "PRK", "DAY", 2, dt.date(2020, 4, 6), None),
    ("Leak Response 1", "WTR", "DAY", 3, dt.date(2016, 1, 11), None),
    ("Leak Response 2", "WTR", "EVE", 3, dt.date(2019, 7, 1), None),
    ("Night Crew", "WTR", "NGT", 3, dt.date(2021, 11, 1), None),
    ("Drain Crew", "WTR", "DAY", 2, dt.date(2018, 3, 12), None),
    ("Leak Response 3", "WTR", "DAY", 3, dt.date(2025, 5, 5), None),
    ("Signals & Lighting", "TRF", "DAY", 2, dt.date(2017, 8, 21), None),
    ("Sign Shop", "TRF", "DAY", 2, dt.date(2017, 8, 21), None),
    ("Night Crew", "TRF", "NGT", 2, dt.date(2023, 10, 2), None),
    ("Enforcement Team East", "CEN", "DAY", 2, dt.date(2020, 1, 6), None),
    ("Enforcement Team West", "CEN", "DAY", 2, dt.date(2020, 1, 6), None),
    ("Vehicle Unit", "CEN", "EVE", 2, dt.date(2022, 6, 13), None),
]  # fmt: skip

# type -> (dept, weight, monthly seasonality, SLA days, urgent share, pre-inspection share,
#          visit hours (lo, hi), material usd (lo, hi), survey-worthy, crews preferred)
_TYPES: dict[str, tuple] = {
    "POT": ("STR", 22, [1.8, 2.2, 2.0, 1.5, 1.0, 0.8, 0.7, 0.7, 0.8, 1.0, 1.2, 1.5], 10, 0.08,
            0.35, (1.0, 3.5), (40, 420), ["North Crew", "South Crew", "Paving Crew"]),
    "SWK": ("STR", 6, [0.8] * 3 + [1.1] * 6 + [0.9] * 3, 30, 0.04, 0.65, (3.0, 9.0),
            (250, 2600), ["Paving Crew", "North Crew", "South Crew"]),
    "GRF": ("SAN", 14, [0.7, 0.7, 0.9, 1.0, 1.2, 1.3, 1.4, 1.3, 1.1, 1.0, 0.8, 0.7], 7, 0.02,
            0.0, (0.8, 3.0), (15, 140), ["Graffiti Squad"]),
    "BIN": ("SAN", 12, [1.0] * 12, 10, 0.0, 0.0, (0.3, 1.0), (45, 95),
            ["North Crew", "South Crew"]),
    "DMP": ("SAN", 10, [0.8, 0.8, 1.0, 1.1, 1.2, 1.2, 1.1, 1.1, 1.0, 1.0, 0.9, 1.0], 5, 0.10,
            0.2, (1.0, 4.0), (0, 60), ["Bulk Pickup Crew", "North Crew", "South Crew"]),
    "SLT": ("TRF", 11, [1.4, 1.3, 1.0, 0.9, 0.8, 0.7, 0.7, 0.8, 1.0, 1.2, 1.4, 1.5], 7, 0.06,
            0.0, (0.5, 2.0), (30, 260), ["Signals & Lighting", "Night Crew"]),
    "SGN": ("TRF", 5, [1.0] * 12, 7, 0.20, 0.0, (0.5, 2.0), (60, 380), ["Sign Shop"]),
    "TRE": ("PRK", 7, [1.5, 1.6, 1.3, 1.0, 0.8, 1.0, 1.1, 1.0, 0.8, 1.2, 1.4, 1.3], 5, 0.30,
            0.6, (2.0, 7.0), (0, 180), ["Tree Crew A", "Tree Crew B"]),
    "PLY": ("PRK", 3, [0.5, 0.5, 0.8, 1.1, 1.4, 1.6, 1.6, 1.5, 1.1, 0.8, 0.6, 0.5], 14, 0.10,
            0.3, (1.0, 4.0), (40, 900), ["Playground Crew"]),
    "WLK": ("WTR", 5, [1.6, 1.5, 1.1, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.5], 2, 0.45,
            0.0, (2.0, 8.0), (120, 1800), ["Leak Response 1", "Leak Response 2", "Night Crew"]),
    "DRN": ("WTR", 5, [1.2, 1.0, 1.1, 1.2, 1.0, 0.8, 0.8, 0.9, 1.2, 1.4, 1.3, 1.1], 5, 0.15,
            0.3, (1.0, 4.0), (0, 150), ["Drain Crew", "Leak Response 1"]),
    "ABV": ("CEN", 6, [1.0] * 12, 10, 0.0, 1.0, (0.5, 1.5), (0, 0),
            ["Vehicle Unit", "Enforcement Team East", "Enforcement Team West"]),
    "OVG": ("CEN", 4, [0.4, 0.4, 0.6, 1.0, 1.5, 1.8, 1.8, 1.6, 1.2, 0.8, 0.5, 0.4], 21, 0.0,
            1.0, (0.5, 1.5), (0, 0), ["Enforcement Team East", "Enforcement Team West"]),
}  # fmt: skip
# median days from assignment to the fix, per type
_FIX_DAYS = {"POT": 2.6, "SWK": 11, "GRF": 1.8, "BIN": 3.2, "DMP": 1.2, "SLT": 2.2, "SGN": 1.8,
             "TRE": 1.1, "PLY": 4.5, "WLK": 0.3, "DRN": 1.3, "ABV": 2.5, "OVG": 6}  # fmt: skip

_CHANNELS = [("APP", 34), ("PHN", 33), ("WEB", 18), ("EML", 6), ("WLK", 3), ("INT", 6)]

_STREETS = [
    "Elm St", "Harbour Rd", "King St", "Mill Ln", "Canal St", "Station Rd", "Oak Ave",
    "Pine St", "Cedar Ave", "Maple Dr", "Bridge St", "Church Rd", "Market St", "Hill Rd",
    "Park Ave", "Lake Shore Dr", "Union St", "Water St", "Grove Rd", "Linden Ave",
    "Southport Blvd", "North Rd", "Garden St", "Quarry Ln", "Victoria St", "Fairview Ave",
]  # fmt: skip

_FIRST = [
    "Marcus", "Tanya", "Luis", "Keisha", "Dmitri", "Rosa", "Jamal", "Linh", "Patrick", "Ana",
    "Owen", "Mei", "Carlos", "Brenda", "Hector", "Olga", "Darnell", "Priya", "Sean", "Fatou",
    "Gareth", "Yesenia", "Abdul", "Crystal", "Tomasz", "Gloria",
]  # fmt: skip
_LAST = [
    "Johnson", "Ramirez", "Nguyen", "Williams", "Kowalski", "Diaz", "Brooks", "Tran", "Murphy",
    "Souza", "Jackson", "Huang", "Mendoza", "Clark", "Vargas", "Ivanova", "Hayes", "Patel",
    "O'Neill", "Diallo", "Foster", "Morales", "Rahman", "Bell", "Nowak", "Ortiz",
]  # fmt: skip
_INSPECTORS = {
    "STR": ["Gwen Parry", "Luis Ortega", "Ben Adeyemi"],
    "SAN": ["Kara Lindqvist"],
    "PRK": ["Martin Cole", "Ifeoma Nwosu"],
    "WTR": ["Shaun Doyle"],
    "CEN": ["Rita Campos", "Joel Becker", "Nadia Farouk"],
}

_DDL = """
CREATE TABLE nbhds (
    nbhd_id INTEGER PRIMARY KEY,
    nbhd_name VARCHAR NOT NULL,
    district INTEGER NOT NULL,
    population INTEGER NOT NULL,
    area_sq_km DECIMAL(5, 2) NOT NULL
);
CREATE TABLE depts (
    dept_code VARCHAR PRIMARY KEY,
    dept_name VARCHAR NOT NULL UNIQUE,
    director VARCHAR NOT NULL,
    labour_rate_usd DECIMAL(6, 2) NOT NULL,
    after_hours BOOLEAN NOT NULL
);
CREATE TABLE crews (
    crew_id INTEGER PRIMARY KEY,
    crew_name VARCHAR NOT NULL,
    dept_code VARCHAR NOT NULL REFERENCES depts (dept_code),
    lead_name VARCHAR NOT NULL,
    shift VARCHAR NOT NULL,
    crew_size INTEGER NOT NULL,
    formed_on DATE NOT NULL,
    active BOOLEAN NOT NULL
);
CREATE TABLE service_reqs (
    req_id INTEGER PRIMARY KEY,
    req_no VARCHAR NOT NULL UNIQUE,
    req_type VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    address VARCHAR,
    nbhd INTEGER REFERENCES nbhds (nbhd_id),
    dept VARCHAR NOT NULL REFERENCES depts (dept_code),
    crew INTEGER REFERENCES crews (crew_id),
    urgent BOOLEAN NOT NULL,
    duplicate BOOLEAN NOT NULL,
    dup_of INTEGER REFERENCES service_reqs (req_id),
    status VARCHAR NOT NULL,
    opened_ts TIMESTAMP NOT NULL,
    assigned_ts TIMESTAMP,
    resolved_ts TIMESTAMP,
    due_date DATE NOT NULL,
    satisfaction INTEGER
);
CREATE TABLE inspections (
    inspection_id INTEGER PRIMARY KEY,
    req_id INTEGER NOT NULL REFERENCES service_reqs (req_id),
    inspector VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    scheduled_date DATE NOT NULL,
    inspected_ts TIMESTAMP,
    outcome VARCHAR,
    severity INTEGER,
    est_cost_usd DECIMAL(9, 2)
);
CREATE TABLE work_orders (
    wo_id INTEGER PRIMARY KEY,
    req_id INTEGER NOT NULL REFERENCES service_reqs (req_id),
    crew_id INTEGER NOT NULL REFERENCES crews (crew_id),
    started_ts TIMESTAMP NOT NULL,
    finished_ts TIMESTAMP NOT NULL,
    labour_hours DECIMAL(5, 1) NOT NULL,
    material_cost_usd DECIMAL(9, 2) NOT NULL,
    result VARCHAR NOT NULL,
    voided BOOLEAN NOT NULL
);
COMMENT ON COLUMN nbhds.district IS 'Council district number 1-6';
COMMENT ON COLUMN nbhds.area_sq_km IS 'Land area in square kilometres';
COMMENT ON COLUMN depts.dept_code IS
    'STR = Streets & Roads, SAN = Sanitation, PRK = Parks & Forestry, WTR = Water & Sewer, '
    'TRF = Traffic Operations, CEN = Code Enforcement';
COMMENT ON COLUMN depts.labour_rate_usd IS 'Loaded labour cost in USD per person-hour';
COMMENT ON COLUMN crews.shift IS 'DAY = 07:00-15:30, EVE = 15:00-23:30, NGT = 23:00-07:30';
COMMENT ON COLUMN crews.active IS 'False = crew disbanded';
COMMENT ON COLUMN service_reqs.req_type IS
    'POT = pothole, SWK = damaged sidewalk, GRF = graffiti, BIN = missing/damaged waste bin, '
    'DMP = illegal dumping, SLT = streetlight out, SGN = damaged/missing traffic sign, '
    'TRE = fallen tree or branch, PLY = playground damage, WLK = water leak (main/hydrant), '
    'DRN = blocked storm drain, ABV = abandoned vehicle, OVG = overgrown vacant lot';
COMMENT ON COLUMN service_reqs.channel IS
    'PHN = phone call, APP = mobile app, WEB = web form, EML = e-mail, WLK = walk-in at the '
    'counter, INT = reported internally by city staff';
COMMENT ON COLUMN service_reqs.nbhd IS 'Neighbourhood (nbhds.nbhd_id); NULL = not geocoded';
COMMENT ON COLUMN service_reqs.dept IS 'Responsible department (depts.dept_code)';
COMMENT ON COLUMN service_reqs.crew IS 'Assigned crew (crews.crew_id); NULL = not assigned';
COMMENT ON COLUMN service_reqs.duplicate IS
    'True = repeat report of an earlier request (dup_of); shares its status';
COMMENT ON COLUMN service_reqs.status IS
    'NEW = received, not assigned; ASG = assigned to a crew; WIP = work in progress; '
    'RES = resolved; CXL = cancelled (withdrawn, invalid or not found)';
COMMENT ON COLUMN service_reqs.due_date IS 'Service-level target: resolve by end of this day';
COMMENT ON COLUMN service_reqs.satisfaction IS
    'Survey rating 1 = very dissatisfied .. 5 = very satisfied; NULL = no answer';
COMMENT ON COLUMN inspections.kind IS 'PRE = assessment before work, POST = quality check';
COMMENT ON COLUMN inspections.outcome IS
    'CONF = problem confirmed, NFND = problem not found (PRE); PASS = work accepted, '
    'FAIL = rework needed (POST); NULL = not inspected yet';
COMMENT ON COLUMN inspections.severity IS '1 = minor .. 5 = dangerous (confirmed PRE only)';
COMMENT ON COLUMN work_orders.labour_hours IS 'Person-hours (crew members x hours on site)';
COMMENT ON COLUMN work_orders.result IS
    'FIX = permanently fixed, TMP = temporary make-safe, UTA = unable to access/complete, '
    'REF = referred to a utility or contractor';
COMMENT ON COLUMN work_orders.voided IS 'True = entered by mistake; ignore in counts and totals';
"""

_DROP_ORDER = ["work_orders", "inspections", "service_reqs", "crews", "depts", "nbhds"]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _sec(ts: dt.datetime | None) -> dt.datetime | None:
    return None if ts is None else ts.replace(microsecond=0)


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    total = sum(w for _, w in pairs)
    r = rng.uniform(0, total)
    for value, w in pairs:
        r -= w
        if r <= 0:
            return value
    return pairs[-1][0]


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the 311 tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # -------------------------------------------------------------- neighbourhoods
    nbhds: list[dict[str, Any]] = [
        {"id": i, "name": n, "district": d, "pop": p, "area": a, "w": w}
        for i, (n, d, p, a, w) in enumerate(_NBHDS, start=1)
    ]
    _insert(con, "nbhds", [(n["id"], n["name"], n["district"], n["pop"], n["area"])
                           for n in nbhds])  # fmt: skip
    _insert(con, "depts", list(_DEPTS))

    # ---------------------------------------------------------------------- crews
    crews: list[dict] = []
    leads = set()
    for i, (name, dept, shift, size, formed, disbanded) in enumerate(_CREWS, start=1):
        while True:
            lead = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if lead not in leads:
                leads.add(lead)
                break
        crews.append({"id": i, "name": name, "dept": dept, "shift": shift, "size": size,
                      "formed": formed, "end": disbanded, "lead": lead})  # fmt: skip
    _insert(con, "crews", [(c["id"], c["name"], c["dept"], c["lead"], c["shift"], c["size"],
                            c["formed"], c["end"] is None) for c in crews])  # fmt: skip
    crew_by = {(c["dept"], c["name"]): c for c in crews}

    def _crew_for(dept: str, names: list[str], day: dt.date, urgent: bool, night: bool) -> dict:
        pool = [crew_by[(dept, n)] for n in names if (dept, n) in crew_by]
        if dept == "PRK" and "Tree Crew A" in names:
            pool = [crew_by[("PRK", "Tree Crew A")], crew_by[("PRK", "Tree Crew B")]]
        if night and (dept, "Night Crew") in crew_by:
            return crew_by[(dept, "Night Crew")]
        live = [c for c in pool if c["formed"] <= day and (c["end"] is None or day <= c["end"])
                and c["name"] != "Leak Response 3"]  # fmt: skip
        if not live:
            live = [
                c
                for c in crews
                if c["dept"] == dept
                and c["formed"] <= day
                and (c["end"] is None or day <= c["end"])
                and c["name"] != "Leak Response 3"
            ]
        weights = [3.0 / (k + 1) for k in range(len(live))]
        return _weighted(rng, list(zip(live, weights, strict=True)))

    # ------------------------------------------------------------------- requests
    reqs: list[dict] = []
    type_pairs_cache: dict[int, list[tuple[str, float]]] = {}

    def _type_for(month: int) -> str:
        if month not in type_pairs_cache:
            type_pairs_cache[month] = [(t, v[1] * v[2][month - 1]) for t, v in _TYPES.items()]
        return _weighted(rng, type_pairs_cache[month])

    nb_pairs = [(n, n["pop"] ** 0.5 * n["w"]) for n in nbhds]
    airport = next(n for n in nbhds if n["name"] == "Airport Industrial")

    def _new_request(opened: dt.datetime) -> dict:
        rtype = _type_for(opened.month)
        dept, _, _, sla, urgent_share, *_ = _TYPES[rtype]
        if rtype == "TRE" and rng.random() < 0.12:
            dept = "STR"  # tree blocking the carriageway
        channel = _weighted(rng, _CHANNELS)
        if rtype in ("ABV", "OVG") and channel == "APP" and rng.random() < 0.5:
            channel = "PHN"
        nb = _weighted(rng, nb_pairs) if rng.random() > 0.025 else None
        if nb is airport and opened.date() >= dt.date(2024, 7, 1):
            nb = next(n for n in nbhds if n["name"] == "Northgate")
        urgent = rng.random() < urgent_share
        house = rng.randint(1, 260) * 10 + rng.choice([0, 2, 4, 6])
        address: str | None = f"{house} {rng.choice(_STREETS)}"
        if channel == "APP" and rng.random() < 0.35:
            address = None
        due = opened.date() + dt.timedelta(days=1 if urgent else sla)
        return {"type": rtype, "dept": dept, "channel": channel, "nbhd": nb["id"] if nb else None,
                "urgent": urgent, "address": address, "opened": opened, "due": due,
                "duplicate": False, "dup_of": None}  # fmt: skip

    # carried-over backlog from late 2023
    for _ in range(28):
        day = dt.date(2023, 11, 1) + dt.timedelta(days=rng.randint(0, 60))
        opened = dt.datetime.combine(day, dt.time(rng.randint(7, 19), rng.randint(0, 59)))
        reqs.append(_new_request(opened))
    day = FIRST_DAY
    while day <= LAST_DAY:
        base = 5.6 if day.weekday() < 5 else 3.2
        n = max(0, int(rng.gauss(base, 1.8) + 0.5))
        if day in (dt.date(2024, 1, 17), dt.date(2025, 2, 8)):  # storms
            n += 14
        for _ in range(n):
            hour = _weighted(rng, [(h, 3 if 8 <= h <= 18 else 1 if 6 <= h <= 22 else 0.3)
                                   for h in range(24)])  # fmt: skip
            opened = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)))
            r = _new_request(opened)
            if day in (dt.date(2024, 1, 17), dt.date(2025, 2, 8)) and rng.random() < 0.6:
                r["type"], r["dept"] = "TRE", "PRK"
                r["urgent"] = rng.random() < 0.5
                r["due"] = day + dt.timedelta(days=1 if r["urgent"] else 5)
            reqs.append(r)
        day += dt.timedelta(days=1)

    # outcome of each original request
    inspections: list[dict] = []
    work: list[dict] = []
    for r in reqs:
        rtype = r["type"]
        _, _, _, _, _, pre_share, hours_rng, mat_rng, crew_names = _TYPES[rtype]
        opened = r["opened"]
        night = r["urgent"] and (opened.hour >= 22 or opened.hour < 6)
        r["crew"] = None
        r["assigned"] = None
        r["resolved"] = None
        r["status"] = None
        r["satisfaction"] = None
        # cancelled up front (withdrawn / invalid)
        if rng.random() < 0.045:
            r["status"] = "CXL"
            continue
        cursor = opened
        # pre-inspection
        if rng.random() < pre_share and not (r["urgent"] and rtype in ("TRE", "WLK")):
            sched = (opened + dt.timedelta(days=rng.uniform(0.5, 6))).date()
            insp_dept = r["dept"] if r["dept"] in _INSPECTORS else "STR"
            insp = {
                "req": r,
                "inspector": rng.choice(_INSPECTORS[insp_dept]),
                "kind": "PRE",
                "sched": sched,
                "ts": None,
                "outcome": None,
                "sev": None,
                "est": None,
            }
            if rng.random() < 0.06:
                insp["sched"] = sched = sched + dt.timedelta(days=rng.randint(5, 20))
            when = dt.datetime.combine(sched, dt.time(rng.randint(8, 15), rng.randint(0, 59)))
            if when.date() > LAST_DAY:
                inspections.append(insp)
                r["status"] = "NEW"
                continue
            if rng.random() < 0.05 and when.date() > LAST_DAY - dt.timedelta(days=25):
                inspections.append(insp)  # overdue, not yet done
                r["status"] = "NEW"
                continue
            insp["ts"] = when
            if rng.random() < 0.12:
                insp["outcome"] = "NFND"
                inspections.append(insp)
                r["status"] = "CXL"
                continue
            insp["outcome"] = "CONF"
            insp["sev"] = _weighted(rng, [(1, 2), (2, 4), (3, 4), (4, 2), (5, 1)])
            if mat_rng[1] > 0 and rng.random() < 0.85:
                mid = (mat_rng[0] + mat_rng[1]) / 2 + hours_rng[1] * 55
                insp["est"] = round(mid * rng.uniform(0.4, 1.6) * (0.7 + insp["sev"] * 0.15), -1)
            inspections.append(insp)
            cursor = when
        # assignment
        delay_h = rng.expovariate(1 / (2 if r["urgent"] else 20))
        if rtype in ("ABV", "OVG"):
            delay_h = rng.expovariate(1 / 12)
        assigned = cursor + dt.timedelta(hours=delay_h)
        if assigned > _END or rng.random() < 0.005:
            r["status"] = "NEW"
            continue
        crew = _crew_for(r["dept"], crew_names, assigned.date(), r["urgent"], night)
        r["crew"] = crew["id"]
        r["assigned"] = assigned
        if rng.random() < 0.02:  # cancelled after assignment
            r["status"] = "CXL"
            continue
        # work visits
        fix_days = _FIX_DAYS[rtype] * (0.12 if r["urgent"] else 1.0)
        start = assigned + dt.timedelta(days=rng.lognormvariate(0, 0.8) * fix_days)
        start = max(
            start.replace(hour=max(7, min(start.hour, 20))),
            assigned + dt.timedelta(minutes=rng.randint(20, 90)),
        )
        visits = 1
        u = rng.random()
        if u < 0.14:
            visits = 2
        elif u < 0.17:
            visits = 3
        if rtype in ("WLK", "TRE") and r["urgent"] and rng.random() < 0.4:
            visits = max(visits, 2)
        visit_crew = crew
        finished_all = True
        for v in range(visits):
            if start > _END - dt.timedelta(hours=2):
                finished_all = False
                break
            if visit_crew["end"] is not None and start.date() > visit_crew["end"]:
                visit_crew = _crew_for(r["dept"], crew_names, start.date(), False, False)
            hours = rng.uniform(*hours_rng)
            finish = start + dt.timedelta(hours=hours)
            if finish > _END:
                finished_all = False
                break
            last = v == visits - 1
            if last:
                res = "REF" if rng.random() < 0.04 and rtype in ("WLK", "SLT", "SWK") else "FIX"
            else:
                res = "TMP" if rng.random() < 0.65 else "UTA"
            mat = 0.0 if mat_rng[1] == 0 else rng.uniform(*mat_rng)
            if res == "UTA":
                mat = 0.0
            elif res == "TMP":
                mat *= 0.3
            if rtype == "DMP" and rng.random() < 0.5:
                mat = 0.0
            work.append({"req": r, "crew": visit_crew, "start": start, "finish": finish,
                         "hours": round(hours * visit_crew["size"], 1), "mat": round(mat, 2),
                         "result": res, "voided": False})  # fmt: skip
            start = finish + dt.timedelta(days=rng.lognormvariate(0, 0.7) * max(fix_days, 1))
            start = start.replace(hour=max(7, min(start.hour, 20)))
            if rng.random() < 0.25:
                day_ = start.date()
                visit_crew = _crew_for(r["dept"], crew_names, day_, False, False)
        if not finished_all:
            r["status"] = "WIP" if any(w["req"] is r for w in work[-3:]) else "ASG"
            continue
        if rng.random() < 0.005:  # completed on site but never closed in the system
            r["status"] = "WIP"
            continue
        resolved = work[-1]["finish"] + dt.timedelta(hours=rng.expovariate(1 / 6))
        if resolved > _END:
            r["status"] = "WIP"
            continue
        r["status"] = "RES"
        r["resolved"] = resolved
        r["crew"] = work[-1]["crew"]["id"]
        # post inspection
        if r["dept"] in ("STR", "WTR", "PRK") and rng.random() < 0.22:
            sched = (resolved + dt.timedelta(days=rng.uniform(2, 20))).date()
            insp = {
                "req": r,
                "inspector": rng.choice(_INSPECTORS[r["dept"]]),
                "kind": "POST",
                "sched": sched,
                "ts": None,
                "outcome": None,
                "sev": None,
                "est": None,
            }
            if sched <= LAST_DAY:
                insp["ts"] = dt.datetime.combine(
                    sched, dt.time(rng.randint(8, 16), rng.randint(0, 59))
                )
                insp["outcome"] = "FAIL" if rng.random() < 0.11 else "PASS"
            inspections.append(insp)
        # survey
        if r["channel"] in ("APP", "WEB", "EML") and rng.random() < 0.38:
            late = resolved.date() > r["due"]
            score = rng.choice([4, 5, 5, 3, 4, 5]) if not late else rng.choice([1, 2, 2, 3, 3, 4])
            r["satisfaction"] = score

    # a slightly high backlog of old, still-open requests
    for r in reqs:
        if (
            r["opened"].date() < dt.date(2024, 1, 1)
            and r["status"] == "RES"
            and rng.random() < 0.15
        ):
            r["status"] = "WIP"
            r["resolved"] = None
            r["satisfaction"] = None

    # duplicates of existing requests (same problem, reported again within two days)
    dups: list[dict] = []
    for r in reqs:
        if r["opened"].date() < FIRST_DAY:
            continue
        share = 0.14 if r["type"] in ("WLK", "TRE", "SLT", "DMP") else 0.06
        if rng.random() < share:
            for _ in range(1 if rng.random() < 0.8 else 2):
                opened = r["opened"] + dt.timedelta(hours=rng.uniform(0.2, 48))
                if opened > _END:
                    continue
                if r["resolved"] is not None and opened > r["resolved"]:
                    continue
                d = dict(r)
                d.update({"opened": opened, "duplicate": True, "dup_of": r,
                          "channel": _weighted(rng, _CHANNELS), "satisfaction": None,
                          "due": opened.date() + dt.timedelta(
                              days=1 if r["urgent"] else _TYPES[r["type"]][3])})  # fmt: skip
                if r["assigned"] is not None and opened > r["assigned"]:
                    d["assigned"] = opened + dt.timedelta(minutes=rng.randint(5, 90))
                    if r["resolved"] is not None and d["assigned"] > r["resolved"]:
                        d["assigned"] = r["resolved"]
                if d["address"] is not None and rng.random() < 0.3:
                    d["address"] = None if d["channel"] == "APP" else d["address"]
                dups.append(d)

    # void work orders: double entries of a real visit
    for w in list(work):
        if rng.random() < 0.03:
            entry = dict(w)
            entry["voided"] = True
            if rng.random() < 0.5:
                entry["hours"] = round(w["hours"] * rng.choice([2, 10]), 1)
            work.append(entry)

    # ids in order of opening
    everything = sorted(reqs + dups, key=lambda x: x["opened"])
    per_year: dict[int, int] = {}
    for i, r in enumerate(everything, start=1):
        r["id"] = i
        yy = r["opened"].year
        per_year[yy] = per_year.get(yy, 0) + 1
        r["no"] = f"SR-{yy % 100:02d}-{per_year[yy]:05d}"

    def _row(r: dict) -> tuple:
        return (
            r["id"],
            r["no"],
            r["type"],
            r["channel"],
            r["address"],
            r["nbhd"],
            r["dept"],
            r["crew"],
            r["urgent"],
            r["duplicate"],
            r["dup_of"]["id"] if r["dup_of"] is not None else None,
            r["status"],
            _sec(r["opened"]),
            _sec(r["assigned"]),
            _sec(r["resolved"]),
            r["due"],
            r["satisfaction"],
        )

    _insert(con, "service_reqs", [_row(r) for r in everything if not r["duplicate"]])
    _insert(con, "service_reqs", [_row(r) for r in everything if r["duplicate"]])

    inspections.sort(key=lambda x: (x["sched"], x["req"]["id"], x["kind"]))
    _insert(con, "inspections", [(i, x["req"]["id"], x["inspector"], x["kind"], x["sched"],
                                  _sec(x["ts"]), x["outcome"], x["sev"], x["est"])
                                 for i, x in enumerate(inspections, start=1)])  # fmt: skip
    work.sort(key=lambda x: (x["start"], x["req"]["id"], x["voided"]))
    _insert(con, "work_orders", [(i, w["req"]["id"], w["crew"]["id"], _sec(w["start"]),
                                  _sec(w["finish"]), w["hours"], w["mat"], w["result"],
                                  w["voided"])
                                 for i, w in enumerate(work, start=1)])  # fmt: skip

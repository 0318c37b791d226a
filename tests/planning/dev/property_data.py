"""Residential property management test database (DuckDB, ``main`` schema).

A property management company runs a portfolio of apartment buildings in three cities
(Portland, Seattle and Tacoma). The data covers the period from 2023-01-01 up to and
including **2025-06-30**, which is the last day of the data ("today" for every question).
Only ``leases.signed_on`` can fall slightly before 2023-01-01 (leases for the very first
move-ins were signed in late 2022). Money is in US dollars, areas in square feet and
durations in minutes unless a column name says otherwise.

Tables
------

``buildings`` -- one row per apartment building the company manages.

* ``bldg_id`` (INTEGER, primary key): building identifier.
* ``label`` (VARCHAR): the building's marketing name, e.g. "Maple Court".
* ``street_address`` (VARCHAR): street address (number and street).
* ``city`` (VARCHAR): 'Portland', 'Seattle' or 'Tacoma'.
* ``year_built`` (INTEGER): year construction was completed.
* ``floors`` (INTEGER): number of residential floors.
* ``has_elevator`` (BOOLEAN): true if the building has a passenger elevator.
* ``pets_allowed`` (BOOLEAN): true if tenants may keep cats and dogs.
* ``acquired_on`` (DATE): day the company took over management of the building. Most
  buildings were taken over on 2023-01-01; a few later. No move-in, rent payment,
  maintenance request or inspection of a building's units predates this day (a lease can
  be signed shortly before it). One building was taken
  over on 2025-06-01 and none of its units has been leased yet.

``units`` -- one row per apartment (rentable unit).

* ``unit_id`` (INTEGER, primary key): unit identifier.
* ``bldg_id`` (INTEGER, foreign key to ``buildings``): building the unit is in.
* ``unit_no`` (VARCHAR): door number within the building, e.g. '3B' (floor then letter).
  Unique only within a building.
* ``floor`` (INTEGER): floor the unit is on (1 = ground floor).
* ``bedrooms`` (INTEGER): number of bedrooms; 0 means a studio.
* ``bathrooms`` (DECIMAL(2,1)): number of bathrooms; 1.5 means one full and one half bath.
* ``area_sqft`` (INTEGER): interior floor area in square feet.
* ``list_rent_usd`` (DECIMAL(8,2)): current asking (advertised) monthly rent in USD as of
  2025-06-30. This is NOT what existing tenants pay; see ``leases.monthly_rent_usd``.
* ``furnished`` (BOOLEAN): true if the unit is rented with furniture.
* ``is_accessible`` (BOOLEAN): true if the unit is wheelchair accessible.
* ``offline`` (BOOLEAN): true if the unit is currently held off the market (for example
  for renovation); offline units have no active lease. Some offline units have never
  been leased at all.

``tenants`` -- one row per person who has registered with the company as a renter or
applicant. Some registered applicants never signed a lease.

* ``tenant_id`` (INTEGER, primary key): tenant identifier.
* ``full_name`` (VARCHAR): first name and surname, e.g. "Maria Lopez". Unique.
* ``surname`` (VARCHAR): family name only (the last word of ``full_name``).
* ``email`` (VARCHAR): contact e-mail address; NULL when no e-mail is on file.
* ``phone`` (VARCHAR): contact phone number; NULL when no phone number is on file.
* ``birth_year`` (INTEGER): year of birth; NULL when the tenant declined to give it.
* ``registered_on`` (DATE): day the person registered / first applied.

``leases`` -- one row per tenancy: a single primary tenant renting a single unit from
moving in to moving out. There are no overlapping leases for the same unit.

* ``lease_id`` (INTEGER, primary key): lease identifier.
* ``unit_id`` (INTEGER, foreign key to ``units``): unit rented.
* ``tenant_id`` (INTEGER, foreign key to ``tenants``): primary (signing) tenant.
* ``signed_on`` (DATE): day the lease contract was signed (always before ``move_in``).
* ``move_in`` (DATE): day the tenant moved in; the tenancy and rent start this day.
* ``term_months`` (INTEGER): contractual term length in months (6, 12, 18 or 24).
* ``lease_end`` (DATE): last day of the contractual term (``move_in`` plus
  ``term_months`` months, minus one day). It may lie after 2025-06-30.
* ``move_out`` (DATE): day the tenant actually handed back the keys. NULL means the tenant
  still lives in the unit as of 2025-06-30 (the lease is "active"). A tenant may leave
  before ``lease_end`` (early termination) or stay on month to month after it.
* ``monthly_rent_usd`` (DECIMAL(8,2)): monthly rent agreed in this lease, in USD; fixed for
  the life of the lease.
* ``deposit_amt`` (DECIMAL(8,2)): security deposit collected in USD; NULL means no deposit
  was collected (waived).
* ``occupants`` (INTEGER): number of people living in the unit, including the tenant.
* ``has_pet`` (BOOLEAN): true if the tenant declared a pet in the lease (only possible in
  buildings where pets are allowed).

``rent_payments`` -- one row per payment received. Rent is due on the 1st of every
calendar month in which a lease is in residence (the full monthly rent, no proration for
partial months; for the move-in month it is due on the move-in day). Usually one payment
covers one month, but occasionally a month is paid in two instalments, and some months were
never paid (there is simply no row).

* ``payment_id`` (INTEGER, primary key): payment identifier.
* ``lease_id`` (INTEGER, foreign key to ``leases``): lease the payment is for.
* ``period_month`` (DATE): first day of the calendar month the payment covers
  (the rent month), e.g. 2024-03-01 for March 2024 rent.
* ``paid_on`` (DATE): day the money was received. Usually within a few days of the due
  day; it can be a few days before the rent month starts (paid early) or weeks later.
* ``amt_usd`` (DECIMAL(8,2)): amount received in USD, excluding any late fee.
* ``late_fee_usd`` (DECIMAL(6,2)): late fee charged with this payment in USD; 0 when the
  payment was on time. Rent received more than five days after its due day (on the 7th
  of the month or later; for the move-in month, more than five days after move-in) is
  late and carries a 50 USD fee. A "late payment" is a payment with a non-zero late fee.
  When a month is paid in two instalments, only the first can carry the fee.
* ``method`` (VARCHAR): 'ach' (bank transfer), 'card', 'check' or 'cash'; NULL when the
  method was not recorded.

``vendors`` -- outside contractors the company can send to fix things.

* ``vendor_id`` (INTEGER, primary key): vendor identifier.
* ``company`` (VARCHAR): vendor's business name.
* ``trade`` (VARCHAR): specialty: 'plumbing', 'electrical', 'hvac', 'appliance', 'pest',
  'locks', 'general', 'roofing' or 'landscaping'.
* ``hourly_rate_usd`` (DECIMAL(6,2)): agreed labour rate in USD per hour.
* ``is_licensed`` (BOOLEAN): true if the vendor holds a state contractor licence.
* ``insured`` (BOOLEAN): true if the vendor has a liability insurance certificate on file.
* ``contact_email`` (VARCHAR): e-mail for work orders; NULL when not on file.
* ``onboarded_on`` (DATE): day the vendor was approved. Some vendors have never been sent
  on any job.

``maintenance_requests`` -- one row per repair / maintenance ticket for a unit.

* ``request_id`` (INTEGER, primary key): ticket identifier.
* ``unit_id`` (INTEGER, foreign key to ``units``): unit the problem is in.
* ``tenant_id`` (INTEGER, foreign key to ``tenants``): tenant who reported it; NULL when
  the ticket was opened by staff (e.g. during an inspection or while the unit was vacant).
* ``submitted_at`` (TIMESTAMP): when the ticket was submitted.
* ``category`` (VARCHAR): 'plumbing', 'electrical', 'hvac', 'appliance', 'pest', 'locks' or
  'other'.
* ``priority`` (VARCHAR): 'low', 'normal' or 'urgent'.
* ``title`` (VARCHAR): short description of the problem, e.g. "Leaking kitchen faucet".
* ``vendor_id`` (INTEGER, foreign key to ``vendors``): outside vendor the job was given to;
  NULL means the job was handled by the company's own staff (in-house) or the ticket was
  cancelled before anyone was assigned.
* ``status`` (VARCHAR): 'open' (not started), 'in_progress', 'closed' (work finished) or
  'cancelled' (withdrawn, no work done).
* ``closed_at`` (TIMESTAMP): when the work was finished; set only when ``status`` is
  'closed', NULL otherwise.
* ``labor_duration_min`` (INTEGER): minutes of labour spent on the job; NULL unless closed.
* ``parts_qty`` (INTEGER): number of spare parts used; 0 if none; NULL unless closed.
* ``cost_usd`` (DECIMAL(8,2)): total cost billed for the job in USD (vendor labour plus
  parts; in-house jobs only bill parts so may cost 0); NULL unless closed.

``inspections`` -- one row per inspection visit of a unit. A move-in inspection is done
on each lease's move-in day, a move-out inspection on the move-out day, and each unit
gets at most one annual inspection per calendar year while the company manages it.

* ``inspection_id`` (INTEGER, primary key): inspection identifier.
* ``unit_id`` (INTEGER, foreign key to ``units``): unit inspected.
* ``inspected_on`` (DATE): day of the visit.
* ``kind`` (VARCHAR): 'move_in', 'move_out' or 'annual'.
* ``inspector`` (VARCHAR): full name of the staff inspector.
* ``score`` (INTEGER): condition score from 0 (very poor) to 100 (perfect); NULL when the
  inspection could not be completed (no access to the unit).
* ``passed`` (BOOLEAN): true when score >= 70, false when score < 70; NULL when ``score``
  is NULL.
* ``duration_min`` (INTEGER): length of the visit in minutes.
* ``notes`` (VARCHAR): free-text remarks; NULL when the inspector wrote none (inspections
  without a score always carry the note 'No access to unit').
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 6, 30)
_OFFLINE_FROM = dt.date(2025, 3, 31)  # offline units are vacated by this day

_FIRST_NAMES = [
    "Maria", "James", "Aisha", "Wei", "Carlos", "Emily", "Noah", "Priya", "Liam", "Sofia",
    "Omar", "Hannah", "Diego", "Grace", "Yuki", "Ethan", "Fatima", "Lucas", "Chloe", "Mateo",
    "Amara", "Oliver", "Leah", "Ravi", "Zoe", "Samuel", "Ingrid", "Tomas", "Nadia", "Felix",
    "Rosa", "Kenji", "Elena", "Marcus", "Julia", "Andre", "Mei", "Victor", "Alice", "Hugo",
]  # fmt: skip
_SURNAMES = [
    "Lopez", "Smith", "Khan", "Chen", "Garcia", "Johnson", "Nguyen", "Patel", "Brown", "Rossi",
    "Haddad", "Miller", "Santos", "Kim", "Tanaka", "Wilson", "Ahmed", "Silva", "Martin", "Reyes",
    "Okafor", "Walker", "Cohen", "Sharma", "Evans", "Baker", "Larsen", "Novak", "Petrov",
    "Schmidt", "Moreno", "Sato", "Ivanova", "Hughes", "Fischer", "Dubois", "Wong", "Castillo",
    "Adams", "Berg", "Turner", "Price", "Ortiz", "Young", "Foster", "Grant", "Lund", "Mendes",
]  # fmt: skip

_BUILDINGS = [
    # label, street, city, year_built, floors, has_elevator, pets_allowed, acquired_on
    ("Maple Court", "1200 NW Everett St", "Portland", 1964, 3, False, True, FIRST_DAY),
    ("Harbor View Lofts", "88 Alaskan Way", "Seattle", 2008, 6, True, False, FIRST_DAY),
    ("Cedar Terrace", "415 SE Belmont St", "Portland", 1987, 4, False, True, FIRST_DAY),
    ("The Ellis", "2301 E Pine St", "Seattle", 2016, 5, True, True, FIRST_DAY),
    ("Riverside Flats", "77 S Tacoma Way", "Tacoma", 1972, 3, False, True, FIRST_DAY),
    ("Birchwood Apartments", "930 N Lombard St", "Portland", 1995, 4, True, False, FIRST_DAY),
    ("Summit Place", "1550 Broadway E", "Seattle", 2019, 7, True, True, dt.date(2023, 9, 1)),
    ("Oak Hollow", "3100 6th Ave", "Tacoma", 1958, 2, False, False, FIRST_DAY),
    ("Pioneer Row", "640 Pacific Ave", "Tacoma", 2002, 4, True, True, dt.date(2024, 4, 15)),
    ("Juniper House", "211 SW Gibbs St", "Portland", 2024, 3, True, True, dt.date(2025, 6, 1)),
]
_RATE_PER_SQFT = {"Portland": 2.25, "Seattle": 2.95, "Tacoma": 1.8}

_VENDORS = [
    # company, trade, hourly_rate_usd, is_licensed, insured, contact_email, onboarded_on
    ("Rose City Plumbing", "plumbing", 115.0, True, True, "jobs@rosecityplumb.com", FIRST_DAY),
    ("Sound Pipe & Drain", "plumbing", 98.0, True, False, None, dt.date(2023, 6, 12)),
    ("Brightline Electric", "electrical", 125.0, True, True, "dispatch@brightline.com", FIRST_DAY),
    ("Volt Brothers", "electrical", 92.5, False, True, None, dt.date(2023, 3, 20)),
    ("Northwind HVAC", "hvac", 130.0, True, True, "service@northwindhvac.com", FIRST_DAY),
    ("Cascade Climate Co", "hvac", 110.0, True, True, "ops@cascadeclimate.com", FIRST_DAY),
    ("ApplianceDoc", "appliance", 85.0, False, True, "help@appliancedoc.com", FIRST_DAY),
    ("Fixit Appliance Repair", "appliance", 79.0, False, False, None, dt.date(2024, 2, 1)),
    ("PestAway NW", "pest", 70.0, True, True, "book@pestaway.com", FIRST_DAY),
    ("KeyMaster Locksmiths", "locks", 65.0, True, False, "keys@keymaster.com", FIRST_DAY),
    ("Handy Crew", "general", 55.0, False, False, None, FIRST_DAY),
    ("Evergreen Roofing", "roofing", 140.0, True, True, "bids@evroof.com", dt.date(2023, 5, 8)),
    ("Green Thumb Grounds", "landscaping", 48.0, False, True, None, dt.date(2024, 9, 3)),
    ("Summit Mechanical", "hvac", 145.0, True, True, None, dt.date(2025, 5, 19)),
]  # fmt: skip

_TITLES = {
    "plumbing": [
        "Leaking kitchen faucet", "Clogged bathroom sink", "Toilet keeps running",
        "No hot water", "Slow shower drain", "Pipe leak under sink",
    ],
    "electrical": [
        "Outlet not working", "Breaker keeps tripping", "Flickering lights",
        "Bathroom fan dead", "Smoke detector chirping",
    ],
    "hvac": ["Heater not working", "AC blowing warm air", "Thermostat broken", "Noisy furnace"],
    "appliance": [
        "Fridge not cooling", "Dishwasher leaking", "Oven won't heat", "Washer won't drain",
        "Dryer not heating",
    ],
    "pest": ["Mice in kitchen", "Ants in bathroom", "Cockroach sighting", "Bed bug concern"],
    "locks": ["Lost keys", "Front door lock sticking", "Mailbox lock broken"],
    "other": ["Window won't close", "Cabinet door broken", "Mold on ceiling", "Carpet stain"],
}  # fmt: skip
_CATEGORY_WEIGHTS = {
    "plumbing": 30, "electrical": 15, "hvac": 14, "appliance": 18, "pest": 7, "locks": 6,
    "other": 10,
}  # fmt: skip
_INSPECTORS = ["Dana Whitfield", "Luis Ortega", "Kara Nilsen", "Ben Ashford"]
_NOTES = [
    "Minor wall scuffs",
    "Carpet worn in hallway",
    "Smoke detector replaced",
    "Tenant not home, entered with notice",
    "Small water stain under sink",
    "Excellent condition",
    "Needs repainting",
    "Blinds damaged",
]

_DDL = """
CREATE TABLE buildings (
    bldg_id INTEGER PRIMARY KEY,
    label VARCHAR NOT NULL,
    street_address VARCHAR NOT NULL,
    city VARCHAR NOT NULL,
    year_built INTEGER NOT NULL,
    floors INTEGER NOT NULL,
    has_elevator BOOLEAN NOT NULL,
    pets_allowed BOOLEAN NOT NULL,
    acquired_on DATE NOT NULL
);
CREATE TABLE units (
    unit_id INTEGER PRIMARY KEY,
    bldg_id INTEGER NOT NULL REFERENCES buildings (bldg_id),
    unit_no VARCHAR NOT NULL,
    floor INTEGER NOT NULL,
    bedrooms INTEGER NOT NULL,
    bathrooms DECIMAL(2, 1) NOT NULL,
    area_sqft INTEGER NOT NULL,
    list_rent_usd DECIMAL(8, 2) NOT NULL,
    furnished BOOLEAN NOT NULL,
    is_accessible BOOLEAN NOT NULL,
    offline BOOLEAN NOT NULL
);
CREATE TABLE tenants (
    tenant_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL UNIQUE,
    surname VARCHAR NOT NULL,
    email VARCHAR,
    phone VARCHAR,
    birth_year INTEGER,
    registered_on DATE NOT NULL
);
CREATE TABLE leases (
    lease_id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (unit_id),
    tenant_id INTEGER NOT NULL REFERENCES tenants (tenant_id),
    signed_on DATE NOT NULL,
    move_in DATE NOT NULL,
    term_months INTEGER NOT NULL,
    lease_end DATE NOT NULL,
    move_out DATE,
    monthly_rent_usd DECIMAL(8, 2) NOT NULL,
    deposit_amt DECIMAL(8, 2),
    occupants INTEGER NOT NULL,
    has_pet BOOLEAN NOT NULL
);
CREATE TABLE rent_payments (
    payment_id INTEGER PRIMARY KEY,
    lease_id INTEGER NOT NULL REFERENCES leases (lease_id),
    period_month DATE NOT NULL,
    paid_on DATE NOT NULL,
    amt_usd DECIMAL(8, 2) NOT NULL,
    late_fee_usd DECIMAL(6, 2) NOT NULL,
    method VARCHAR
);
CREATE TABLE vendors (
    vendor_id INTEGER PRIMARY KEY,
    company VARCHAR NOT NULL,
    trade VARCHAR NOT NULL,
    hourly_rate_usd DECIMAL(6, 2) NOT NULL,
    is_licensed BOOLEAN NOT NULL,
    insured BOOLEAN NOT NULL,
    contact_email VARCHAR,
    onboarded_on DATE NOT NULL
);
CREATE TABLE maintenance_requests (
    request_id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (unit_id),
    tenant_id INTEGER REFERENCES tenants (tenant_id),
    submitted_at TIMESTAMP NOT NULL,
    category VARCHAR NOT NULL,
    priority VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    vendor_id INTEGER REFERENCES vendors (vendor_id),
    status VARCHAR NOT NULL,
    closed_at TIMESTAMP,
    labor_duration_min INTEGER,
    parts_qty INTEGER,
    cost_usd DECIMAL(8, 2)
);
CREATE TABLE inspections (
    inspection_id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units (unit_id),
    inspected_on DATE NOT NULL,
    kind VARCHAR NOT NULL,
    inspector VARCHAR NOT NULL,
    score INTEGER,
    passed BOOLEAN,
    duration_min INTEGER NOT NULL,
    notes VARCHAR
);
COMMENT ON COLUMN units.list_rent_usd IS
    'Current asking monthly rent in USD as of 2025-06-30; not the rent paid by tenants';
COMMENT ON COLUMN leases.move_out IS
    'Actual move-out day; NULL while the tenant still lives in the unit (active lease)';
COMMENT ON COLUMN rent_payments.period_month IS
    'First day of the rent month this payment covers';
COMMENT ON COLUMN maintenance_requests.vendor_id IS
    'Outside vendor assigned; NULL = handled in-house or cancelled before assignment';
"""

_DROP_ORDER = [
    "inspections",
    "maintenance_requests",
    "rent_payments",
    "leases",
    "vendors",
    "tenants",
    "units",
    "buildings",
]


def _add_months(day: dt.date, months: int) -> dt.date:
    """Return ``day`` shifted by ``months`` calendar months (clamped to month length)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (next_first - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of every calendar month touched by the closed range [start, end]."""
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = _add_months(current, 1)
    return months


def _round5(value: float) -> float:
    return float(round(value / 5) * 5)


def _insert(con: Any, table: str, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    row_marks = "(" + ", ".join("?" for _ in columns) + ")"
    prefix = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(prefix + ", ".join(row_marks for _ in chunk), params)


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the property management tables in ``con``."""
    rng = random.Random(seed)

    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ---------------------------------------------------------------- buildings
    buildings = []
    for bldg_id, spec in enumerate(_BUILDINGS, start=1):
        buildings.append((bldg_id, *spec))
    _insert(
        con,
        "buildings",
        [
            "bldg_id",
            "label",
            "street_address",
            "city",
            "year_built",
            "floors",
            "has_elevator",
            "pets_allowed",
            "acquired_on",
        ],
        buildings,
    )

    # ---------------------------------------------------------------- units
    units = []
    unit_info: dict[int, dict[str, Any]] = {}
    unit_id = 0
    for bldg_id, _label, _street, city, year_built, floors, elevator, pets, acquired in buildings:
        per_floor = rng.randint(3, 5) if floors <= 4 else rng.randint(2, 4)
        if acquired == dt.date(2025, 6, 1):
            per_floor = 3
        for floor in range(1, floors + 1):
            for letter in "ABCDE"[:per_floor]:
                unit_id += 1
                bedrooms = rng.choices([0, 1, 2, 3], weights=[18, 40, 30, 12])[0]
                low, high = [(400, 560), (580, 820), (840, 1120), (1150, 1480)][bedrooms]
                area = rng.randint(low, high) // 5 * 5
                bathrooms = [1.0, 1.0, rng.choice([1.0, 1.5, 2.0]), rng.choice([1.5, 2.0])][
                    bedrooms
                ]
                furnished = rng.random() < 0.15
                rate = _RATE_PER_SQFT[city] * (1.0 + (year_built - 1990) * 0.003)
                rate *= rng.uniform(0.93, 1.08)
                if furnished:
                    rate *= 1.12
                list_rent = _round5(area * rate)
                accessible = (floor == 1 or elevator) and rng.random() < 0.45
                offline = acquired != dt.date(2025, 6, 1) and rng.random() < 0.03
                units.append(
                    (
                        unit_id,
                        bldg_id,
                        f"{floor}{letter}",
                        floor,
                        bedrooms,
                        bathrooms,
                        area,
                        list_rent,
                        furnished,
                        accessible,
                        offline,
                    )
                )
                unit_info[unit_id] = {
                    "acquired": acquired,
                    "list_rent": list_rent,
                    "bedrooms": bedrooms,
                    "pets": pets,
                    "offline": offline,
                }
    _insert(
        con,
        "units",
        [
            "unit_id",
            "bldg_id",
            "unit_no",
            "floor",
            "bedrooms",
            "bathrooms",
            "area_sqft",
            "list_rent_usd",
            "furnished",
            "is_accessible",
            "offline",
        ],
        units,
    )

    # ---------------------------------------------------------------- tenants
    tenants: list[tuple] = []
    used_names: set[str] = set()

    def new_tenant(registered: dt.date) -> int:
        while True:
            surname = rng.choice(_SURNAMES)
            full_name = f"{rng.choice(_FIRST_NAMES)} {surname}"
            if full_name not in used_names:
                break
        used_names.add(full_name)
        tenant_id = len(tenants) + 1
        handle = full_name.lower().replace(" ", ".")
        email = (
            None
            if rng.random() < 0.08
            else f"{handle}@{rng.choice(['mail.com', 'pdx.net', 'example.org'])}"
        )
        phone = (
            None
            if rng.random() < 0.12
            else f"({rng.choice([503, 206, 253])}) 555-{rng.randint(0, 9999):04d}"
        )
        birth_year = None if rng.random() < 0.1 else rng.randint(1950, 2004)
        tenants.append((tenant_id, full_name, surname, email, phone, birth_year, registered))
        return tenant_id

    # ---------------------------------------------------------------- leases
    leases: list[tuple] = []
    lease_info: list[dict[str, Any]] = []
    returning: list[tuple[int, dt.date]] = []  # tenants who moved out, may rent again
    for uid, info in unit_info.items():
        if info["offline"] and rng.random() < 0.7:
            continue
        if info["acquired"] > dt.date(2025, 5, 1):
            continue
        cursor = info["acquired"]
        first = True
        while True:
            if first:
                gap = rng.randint(10, 120)
                first = False
            else:
                gap = rng.choice([0, 0, 1, 3, 7, 14, 21, 30, 45, 60, 90])
            move_in = cursor + dt.timedelta(days=gap)
            if move_in > LAST_DAY - dt.timedelta(days=3):
                break
            if info["offline"] and move_in > _OFFLINE_FROM - dt.timedelta(days=60):
                break
            term = rng.choices([6, 12, 18, 24], weights=[10, 60, 15, 15])[0]
            lease_end = _add_months(move_in, term) - dt.timedelta(days=1)
            roll = rng.random()
            if roll < 0.12:
                move_out = move_in + dt.timedelta(
                    days=rng.randint(45, max(46, (lease_end - move_in).days - 10))
                )
            elif roll < 0.55:
                move_out = lease_end
            else:
                move_out = _add_months(lease_end, rng.randint(1, 14))
                move_out -= dt.timedelta(days=rng.randint(0, 20))
            if info["offline"]:
                move_out = min(move_out, _OFFLINE_FROM)
            if move_out > LAST_DAY:
                move_out = None
            signed_on = move_in - dt.timedelta(days=rng.randint(3, 45))
            eligible = [i for i, (_, left) in enumerate(returning) if left < signed_on]
            if eligible and rng.random() < 0.1:
                tenant_id = returning.pop(rng.choice(eligible))[0]
            else:
                tenant_id = new_tenant(signed_on - dt.timedelta(days=rng.randint(0, 90)))
            years_back = (LAST_DAY - move_in).days / 365.0
            rent = _round5(info["list_rent"] / (1.045**years_back) * rng.uniform(0.94, 1.04))
            deposit = None if rng.random() < 0.1 else _round5(rent * rng.choice([1.0, 1.0, 1.5]))
            occupants = min(1 + info["bedrooms"] + rng.choice([-1, 0, 0, 1]), 6)
            occupants = max(occupants, 1)
            has_pet = info["pets"] and rng.random() < 0.35
            lease_id = len(leases) + 1
            leases.append(
                (
                    lease_id,
                    uid,
                    tenant_id,
                    signed_on,
                    move_in,
                    term,
                    lease_end,
                    move_out,
                    rent,
                    deposit,
                    occupants,
                    has_pet,
                )
            )
            lease_info.append(
                {
                    "id": lease_id,
                    "unit": uid,
                    "tenant": tenant_id,
                    "move_in": move_in,
                    "move_out": move_out,
                    "rent": rent,
                    "reliability": rng.random(),
                }
            )
            if move_out is None:
                break
            returning.append((tenant_id, move_out))
            cursor = move_out + dt.timedelta(days=1)

    # applicants who never signed a lease
    for _ in range(rng.randint(18, 30)):
        new_tenant(FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days)))
    _insert(
        con,
        "tenants",
        ["tenant_id", "full_name", "surname", "email", "phone", "birth_year", "registered_on"],
        tenants,
    )
    _insert(
        con,
        "leases",
        [
            "lease_id",
            "unit_id",
            "tenant_id",
            "signed_on",
            "move_in",
            "term_months",
            "lease_end",
            "move_out",
            "monthly_rent_usd",
            "deposit_amt",
            "occupants",
            "has_pet",
        ],
        leases,
    )

    # ---------------------------------------------------------------- rent payments
    payments = []
    for lease in lease_info:
        end = lease["move_out"] or LAST_DAY
        late_prob = 0.03 + 0.25 * (lease["reliability"] < 0.15)
        preferred = rng.choices(["ach", "card", "check", "cash"], weights=[50, 25, 18, 7])[0]
        for month in _month_starts(lease["move_in"], end):
            due = max(month, lease["move_in"])
            if rng.random() < 0.015 + 0.05 * (lease["reliability"] < 0.1):
                continue  # never paid
            if rng.random() < late_prob:
                paid_on = due + dt.timedelta(days=rng.randint(6, 40))
            else:
                paid_on = due + dt.timedelta(days=rng.choice([-3, -1, 0, 0, 1, 2, 3, 4, 5]))
            if paid_on > LAST_DAY:
                continue
            late_fee = 50.0 if (paid_on - due).days > 5 else 0.0
            method = None if rng.random() < 0.03 else preferred
            if rng.random() < 0.1:
                method = rng.choice(["ach", "card", "check", "cash"])
            if rng.random() < 0.04 and (LAST_DAY - paid_on).days > 20:
                first_part = _round5(lease["rent"] * rng.uniform(0.3, 0.7))
                second_paid = paid_on + dt.timedelta(days=rng.randint(5, 18))
                payments.append((lease["id"], month, paid_on, first_part, late_fee, method))
                payments.append(
                    (lease["id"], month, second_paid, lease["rent"] - first_part, 0.0, method)
                )
            else:
                payments.append((lease["id"], month, paid_on, lease["rent"], late_fee, method))
    payments.sort(key=lambda row: (row[2], row[0]))
    _insert(
        con,
        "rent_payments",
        ["payment_id", "lease_id", "period_month", "paid_on", "amt_usd", "late_fee_usd", "method"],
        [(i, *row) for i, row in enumerate(payments, start=1)],
    )

    # ---------------------------------------------------------------- vendors
    vendors = [(i, *spec) for i, spec in enumerate(_VENDORS, start=1)]
    _insert(
        con,
        "vendors",
        [
            "vendor_id",
            "company",
            "trade",
            "hourly_rate_usd",
            "is_licensed",
            "insured",
            "contact_email",
            "onboarded_on",
        ],
        vendors,
    )
    by_trade: dict[str, list[tuple]] = {}
    for vendor in vendors:
        by_trade.setdefault(vendor[2], []).append(vendor)

    # ---------------------------------------------------------------- maintenance
    leases_by_unit: dict[int, list[dict[str, Any]]] = {}
    for lease in lease_info:
        leases_by_unit.setdefault(lease["unit"], []).append(lease)

    def tenant_on(uid: int, day: dt.date) -> int | None:
        for lease in leases_by_unit.get(uid, []):
            if lease["move_in"] <= day and (lease["move_out"] is None or day <= lease["move_out"]):
                return lease["tenant"]
        return None

    end_ts = dt.datetime(2025, 6, 30, 23, 59, 59)
    requests = []
    categories = list(_CATEGORY_WEIGHTS)
    weights = list(_CATEGORY_WEIGHTS.values())
    for uid, info in unit_info.items():
        start = info["acquired"]
        span = (LAST_DAY - start).days
        if span <= 0:
            continue
        n_requests = rng.choices(
            [0, 1, 2, 3, 4, 5, 6, 8, 12], weights=[6, 10, 12, 14, 14, 14, 12, 10, 8]
        )[0]
        n_requests = round(n_requests * 1.4 * span / 911)
        for _ in range(n_requests):
            day = start + dt.timedelta(days=rng.randint(0, span))
            submitted = dt.datetime.combine(day, dt.time(rng.randint(6, 22), rng.randint(0, 59)))
            tenant_id = tenant_on(uid, day)
            if tenant_id is not None and rng.random() < 0.1:
                tenant_id = None
            category = rng.choices(categories, weights=weights)[0]
            priority = rng.choices(["low", "normal", "urgent"], weights=[30, 58, 12])[0]
            if category in ("pest", "locks") and rng.random() < 0.4:
                priority = "urgent"
            title = rng.choice(_TITLES[category])
            trade = category if category != "other" else "general"
            vendor = None
            if rng.random() < 0.6:
                candidates = [v for v in by_trade[trade] if v[7] <= day]
                if candidates:
                    vendor = rng.choice(candidates)
            hours = {
                "urgent": rng.uniform(1, 60),
                "normal": rng.uniform(4, 24 * 9),
                "low": rng.uniform(24, 24 * 30),
            }[priority]
            closed = submitted + dt.timedelta(hours=hours)
            status = "closed"
            if rng.random() < 0.04:
                status = "cancelled"
                vendor = None
            elif closed > end_ts:
                status = "in_progress" if rng.random() < 0.6 else "open"
            if status == "closed":
                duration = rng.randint(2, 48) * 5
                parts = rng.choices([0, 1, 2, 3, 4], weights=[40, 30, 15, 10, 5])[0]
                parts_cost = sum(rng.uniform(8, 120) for _ in range(parts))
                labour = duration / 60 * vendor[3] if vendor else 0.0
                cost = round(labour + parts_cost, 2)
                requests.append(
                    (uid, tenant_id, submitted, category, priority, title,
                     vendor[0] if vendor else None, status, closed.replace(microsecond=0),
                     duration, parts, cost)
                )  # fmt: skip
            else:
                requests.append(
                    (uid, tenant_id, submitted, category, priority, title,
                     vendor[0] if vendor else None, status, None, None, None, None)
                )  # fmt: skip
    requests.sort(key=lambda row: (row[2], row[0]))
    _insert(
        con,
        "maintenance_requests",
        [
            "request_id",
            "unit_id",
            "tenant_id",
            "submitted_at",
            "category",
            "priority",
            "title",
            "vendor_id",
            "status",
            "closed_at",
            "labor_duration_min",
            "parts_qty",
            "cost_usd",
        ],
        [(i, *row) for i, row in enumerate(requests, start=1)],
    )

    # ---------------------------------------------------------------- inspections
    visits: list[tuple[int, dt.date, str]] = []
    for lease in lease_info:
        visits.append((lease["unit"], lease["move_in"], "move_in"))
        if lease["move_out"] is not None:
            visits.append((lease["unit"], lease["move_out"], "move_out"))
    for uid, info in unit_info.items():
        for year in range(info["acquired"].year, LAST_DAY.year + 1):
            day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if info["acquired"] <= day <= LAST_DAY:
                visits.append((uid, day, "annual"))
    inspections = []
    for uid, day, kind in visits:
        base = {"move_in": 88, "move_out": 74, "annual": 82}[kind]
        score: int | None = max(20, min(100, round(rng.gauss(base, 10))))
        if kind == "annual" and rng.random() < 0.04:
            score = None
        passed = None if score is None else score >= 70
        duration = rng.randint(4, 18) * 5
        notes = rng.choice(_NOTES) if rng.random() < 0.35 else None
        if score is None:
            notes = "No access to unit"
        inspections.append(
            (uid, day, kind, rng.choice(_INSPECTORS), score, passed, duration, notes)
        )
    inspections.sort(key=lambda row: (row[1], row[0]))
    _insert(
        con,
        "inspections",
        [
            "inspection_id",
            "unit_id",
            "inspected_on",
            "kind",
            "inspector",
            "score",
            "passed",
            "duration_min",
            "notes",
        ],
        [(i, *row) for i, row in enumerate(inspections, start=1)],
    )

"""Veterinary practice group test database (DuckDB, ``main`` schema).

A group of six small-animal veterinary clinics in Ireland. Pet owners (the practice calls
them "clients") register with the group and bring their pets ("patients") to appointments
("visits") with one of the vets. Each vet works at exactly one clinic, and every visit takes
place at the clinic of its vet. Completed visits (and some missed appointments) are charged
on invoices; invoices are paid in cash, by card, or by the pet's insurer.

The data covers appointments from 2024-01-01 up to and including **2025-09-30**, which is the
last day of the data ("today" for every question): "this year" is 2025, "last year" is 2024,
"this month" is September 2025, "last month" is August 2025, "last quarter" is April-June
2025 (Q2 2025). Appointments already booked for October 2025 are in the data with status
'scheduled'. Owners, pets and vets were registered or hired long before 2024 in many cases.
Money is in euro (``*_eur``, VAT included), weights in kilograms (``*_kg``), durations in
minutes (``*_min``). Timestamps (``*_at``) are local clinic time; dates are ``*_on``.
Unless a question says otherwise, the date of a visit is the day of its ``appointment_at``
(for a completed visit that is also the day of ``seen_at``). Coded columns hold the values
listed below; their meaning is also stored in the column comments (``COMMENT ON COLUMN``,
see ``_DDL``).

Tables
------

``clinics`` -- one row per clinic of the group.

* ``clinic_id`` (INTEGER, primary key).
* ``clinic_name`` (VARCHAR, unique): e.g. 'Corrib Vets'.
* ``city`` (VARCHAR): town the clinic is in.
* ``region`` (VARCHAR): region of the country, one of 'North', 'South', 'East', 'West'.
* ``opened_on`` (DATE): day the clinic opened; Marble City Vets only opened in March 2025.
* ``has_emergency_unit`` (BOOLEAN): true if the clinic runs an out-of-hours emergency unit.

``vets`` -- veterinary surgeons, current and former. Each vet works at one clinic.

* ``vet_id`` (INTEGER, primary key).
* ``full_name`` (VARCHAR): first name and surname (no "Dr" prefix).
* ``clinic_id`` (INTEGER, foreign key to ``clinics``): the clinic the vet works (worked) at.
* ``specialty`` (VARCHAR): 'general', 'surgery', 'dentistry' or 'exotics' (rabbits, birds,
  reptiles).
* ``is_locum`` (BOOLEAN): true for locum (temporary, agency) vets, false for permanent staff.
* ``hired_on`` (DATE): first working day.
* ``left_on`` (DATE): last working day; NULL = still working for the group (a current vet).

``owners`` -- pet owners ("clients"). Different owners can share the same name.

* ``owner_id`` (INTEGER, primary key).
* ``first_name`` (VARCHAR), ``last_name`` (VARCHAR).
* ``email`` (VARCHAR): contact e-mail; NULL when the owner gave none.
* ``city`` (VARCHAR): town the owner lives in.
* ``home_clinic_id`` (INTEGER, foreign key to ``clinics``): the clinic the owner registered
  with ("home practice"). Owners may still take their pets to any clinic of the group.
* ``registered_on`` (DATE): day the owner registered with the group.

``pets`` -- animals registered with the group ("patients"). An owner has one or more pets;
pet names repeat across owners.

* ``pet_id`` (INTEGER, primary key).
* ``owner_id`` (INTEGER, foreign key to ``owners``).
* ``pet_name`` (VARCHAR).
* ``species`` (VARCHAR): 'dog', 'cat', 'rabbit', 'bird' or 'reptile'.
* ``breed`` (VARCHAR): breed name, e.g. 'Border Collie', 'Crossbreed'; NULL = not known.
* ``sex`` (VARCHAR): 'M' = male, 'F' = female.
* ``born_on`` (DATE): date of birth; NULL when not known (e.g. rescue animals).
* ``weight_kg`` (DECIMAL(6,3)): most recent recorded body weight in kilograms.
* ``vaccinated`` (BOOLEAN): true if the pet's core vaccinations are up to date today
  (always false for birds and reptiles, which have no core vaccines).
* ``insured`` (BOOLEAN): true if the pet has pet-health insurance.
* ``neutered`` (BOOLEAN): true if the pet is neutered / spayed.
* ``deceased_on`` (DATE): day the pet died; NULL = alive. Some pets died before 2024.

``visits`` -- appointments: one pet seen (or to be seen) by one vet at the vet's clinic.

* ``visit_id`` (INTEGER, primary key).
* ``pet_id`` (INTEGER, foreign key to ``pets``).
* ``vet_id`` (INTEGER, foreign key to ``vets``): the vet the appointment is with.
* ``clinic_id`` (INTEGER, foreign key to ``clinics``): where the visit takes place (always the
  vet's clinic).
* ``booked_at`` (TIMESTAMP): when the appointment was made (booking time), always on or
  before the appointment itself.
* ``appointment_at`` (TIMESTAMP): the date and time the appointment is (was) for.
* ``seen_at`` (TIMESTAMP): when the vet actually started seeing the pet (same day as the
  appointment); NULL unless the visit is 'completed'.
* ``closed_on`` (DATE): day the case was closed (notes finished, lab results in); NULL unless
  'completed'. A completed visit whose ``closed_on`` is NULL is still open.
* ``status`` (VARCHAR): 'scheduled' (appointment in the future), 'completed' (pet was seen),
  'no_show' (owner did not turn up) or 'cancelled' (cancelled before the appointment).
* ``reason`` (VARCHAR): reason code, one of 'VAC', 'CHK', 'ILL', 'INJ', 'SUR', 'DEN' (see column
  comment).
* ``urgent`` (BOOLEAN): true for urgent appointments, booked the same day.
* ``duration_min`` (INTEGER): length of the consultation in minutes; NULL unless 'completed'.

``invoices`` -- invoices for visits. A completed visit normally has one invoice (free
follow-up check-ups have none); a no-show may be charged a missed-appointment fee; cancelled
and scheduled visits have no invoice. A wrong invoice is voided and replaced by a new one for
the same visit, so a visit can have one voided and one valid invoice.

* ``invoice_id`` (INTEGER, primary key).
* ``visit_id`` (INTEGER, foreign key to ``visits``).
* ``issued_on`` (DATE): invoice date.
* ``billed_eur`` (DECIMAL(8,2)): amount charged in euro.
* ``paid_eur`` (DECIMAL(8,2)): amount received so far in euro (0 when nothing paid; never
  more than ``billed_eur``). Outstanding amount = ``billed_eur`` - ``paid_eur``.
* ``method`` (VARCHAR): how the money was paid, 'cash', 'card' or 'insurance' (paid by the
  pet's insurer); NULL when nothing has been paid.
* ``paid_on`` (DATE): day the invoice was settled in full; NULL while anything is still
  outstanding (unpaid or part-paid), and for voided invoices.
* ``is_void`` (BOOLEAN): true if the invoice was voided (cancelled and replaced); voided
  invoices must be ignored in every amount and count.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 9, 30)
_END = dt.datetime(2025, 9, 30, 23, 59, 59)
_HORIZON = dt.date(2025, 10, 31)  # appointments already booked up to this day

_CLINICS = [
    # id, name, city, region, opened_on, has_emergency_unit
    (1, "Harbour View Veterinary", "Dublin", "East", dt.date(2009, 5, 11), True),
    (2, "Northside Animal Clinic", "Dundalk", "North", dt.date(2014, 9, 1), False),
    (3, "Corrib Vets", "Galway", "West", dt.date(2011, 3, 14), False),
    (4, "Lee Valley Vets", "Cork", "South", dt.date(2006, 10, 2), True),
    (5, "Shannon Pet Hospital", "Limerick", "West", dt.date(2016, 6, 20), True),
    (6, "Marble City Vets", "Kilkenny", "South", dt.date(2025, 3, 3), False),
]  # fmt: skip
# share of owners per home clinic, and neighbouring towns owners live in
_CLINIC_WEIGHT = {1: 30, 2: 14, 3: 17, 4: 22, 5: 13, 6: 4}
_TOWNS = {
    1: ["Dublin", "Dublin", "Dublin", "Swords", "Bray"],
    2: ["Dundalk", "Dundalk", "Drogheda"],
    3: ["Galway", "Galway", "Oranmore", "Athenry"],
    4: ["Cork", "Cork", "Cork", "Ballincollig", "Midleton"],
    5: ["Limerick", "Limerick", "Ennis"],
    6: ["Kilkenny", "Kilkenny", "Thomastown"],
}

_VETS = [
    # name, clinic, specialty, is_locum, hired_on, left_on, workload weight
    ("Ronan Gallagher", 1, "general", False, dt.date(2010, 2, 1), None, 1.30),
    ("Sinead Kavanagh", 1, "surgery", False, dt.date(2013, 8, 19), None, 0.85),
    ("Eoin Fitzgerald", 1, "general", True, dt.date(2024, 3, 4), None, 1.05),
    ("Maeve Dunne", 1, "general", False, dt.date(2016, 1, 11), dt.date(2024, 11, 15), 1.15),
    ("Orla Nolan", 1, "dentistry", False, dt.date(2019, 5, 6), None, 0.75),
    ("Cian Hegarty", 1, "general", False, dt.date(2025, 9, 22), None, 0.0),
    ("Padraig Lynch", 2, "general", False, dt.date(2014, 9, 1), None, 1.25),
    ("Grainne Boyle", 2, "general", False, dt.date(2017, 2, 13), None, 0.95),
    ("Darragh Quinn", 2, "exotics", False, dt.date(2021, 10, 4), None, 0.60),
    ("Fiona Burke", 3, "general", False, dt.date(2011, 3, 14), None, 1.20),
    ("Colm Flaherty", 3, "surgery", False, dt.date(2012, 6, 5), None, 0.80),
    ("Deirdre Mahon", 3, "general", True, dt.date(2023, 7, 3), dt.date(2025, 4, 30), 1.00),
    ("Liam Joyce", 3, "exotics", False, dt.date(2020, 1, 20), None, 0.65),
    ("Aoife Brennan", 4, "general", False, dt.date(2018, 4, 9), None, 1.25),
    ("Donal McCarthy", 4, "surgery", False, dt.date(2006, 10, 2), None, 0.90),
    ("Eimear Crowley", 4, "dentistry", False, dt.date(2015, 9, 14), None, 0.70),
    ("Kevin Lucey", 4, "general", True, dt.date(2024, 6, 3), None, 1.05),
    ("Brian Sheehan", 4, "general", False, dt.date(2008, 1, 7), dt.date(2024, 6, 30), 1.10),
    ("Claire Ryan", 5, "general", False, dt.date(2016, 6, 20), None, 1.20),
    ("Mark O'Dea", 5, "surgery", False, dt.date(2016, 6, 20), None, 0.85),
    ("Niamh Kelly", 5, "exotics", False, dt.date(2019, 11, 4), None, 0.74),
    ("Tom Hayes", 5, "general", True, dt.date(2025, 1, 13), None, 1.00),
    ("Aisling Phelan", 6, "general", False, dt.date(2025, 2, 17), None, 1.10),
    ("Conor Brophy", 6, "general", False, dt.date(2025, 3, 3), None, 0.90),
]  # fmt: skip

_FIRST = [
    "Aoife", "Ciara", "Niamh", "Siobhan", "Orla", "Sinead", "Roisin", "Grainne", "Emma", "Sarah",
    "Laura", "Katie", "Mary", "Anne", "Claire", "Sean", "Ciaran", "Conor", "Darragh", "Eoin",
    "Cian", "Padraig", "Declan", "Liam", "Michael", "John", "Patrick", "Tom", "James", "Brian",
    "Kevin", "Mark", "David", "Fiona", "Maeve", "Aisling", "Eimear", "Deirdre", "Colm", "Donal",
    "Joanne", "Paul", "Gerard", "Noel", "Helen", "Rachel", "Adam", "Jack", "Chloe", "Sophie",
]  # fmt: skip
_LAST = [
    "Murphy", "Kelly", "O'Sullivan", "Walsh", "Smith", "O'Brien", "Byrne", "Ryan", "O'Connor",
    "O'Neill", "Reilly", "Doyle", "McCarthy", "Gallagher", "Doherty", "Kennedy", "Lynch",
    "Murray", "Quinn", "Moore", "McLoughlin", "Carroll", "Connolly", "Daly", "Wilson", "Dunne",
    "Burke", "Collins", "Campbell", "Clarke", "Hughes", "Farrell", "Fitzgerald", "Brown",
    "Maguire", "Nolan", "Flynn", "Callaghan", "O'Donnell", "Duffy", "Boyle", "Healy", "Power",
    "Whelan", "Fox", "Hogan", "Kearney", "Tierney", "Moran", "Keane",
]  # fmt: skip
_PET_NAMES = [
    "Bella", "Luna", "Max", "Charlie", "Milo", "Coco", "Daisy", "Teddy", "Bailey", "Rosie",
    "Lola", "Buddy", "Alfie", "Molly", "Oscar", "Ruby", "Simba", "Nala", "Bruno", "Toby",
    "Poppy", "Lily", "Archie", "Leo", "Misty", "Ginger", "Shadow", "Smokey", "Pepper", "Oreo",
    "Honey", "Rocky", "Zeus", "Jasper", "Willow", "Hazel", "Murphy", "Sooty", "Tigger", "Kiwi",
    "Sunny", "Rex", "Ziggy", "Biscuit", "Bonnie", "Finn", "Maisie", "Ollie", "Pippa", "Scout",
]  # fmt: skip

# species -> (share, visits per year, [(breed, weight lo kg, weight hi kg, share)], lifespan y)
_SPECIES: dict[str, tuple[Any, ...]] = {
    "dog": (50, 3.4, [
        ("Labrador Retriever", 25, 36, 16), ("Cockapoo", 7, 12, 12.5),
        ("Border Collie", 14, 22, 11), ("Jack Russell Terrier", 5, 8, 9.5), ("Cavapoo", 5, 10, 8),
        ("Golden Retriever", 25, 34, 7), ("Springer Spaniel", 18, 24, 5.5),
        ("German Shepherd", 28, 40, 5), ("Crossbreed", 6, 30, 12), ("French Bulldog", 9, 13, 4),
        ("Shih Tzu", 4, 7, 3), ("Beagle", 9, 14, 3.5), ("Staffordshire Bull Terrier", 12, 17, 2.5),
        ("Irish Setter", 24, 32, 1.5), (None, 5, 30, 4),
    ], 13),
    "cat": (35, 2.3, [
        ("Domestic Shorthair", 3.2, 5.8, 50), ("Domestic Longhair", 3.4, 6.0, 18),
        ("British Shorthair", 4.0, 7.0, 7), ("Maine Coon", 5.5, 8.5, 5), ("Siamese", 3.0, 5.0, 5),
        ("Ragdoll", 4.5, 7.5, 5), ("Bengal", 3.8, 6.5, 4), ("Persian", 3.2, 5.5, 3),
        (None, 3.0, 6.0, 5),
    ], 15),
    "rabbit": (7, 1.8, [
        ("Netherland Dwarf", 0.8, 1.3, 30), ("Lionhead", 1.2, 1.8, 25),
        ("Holland Lop", 1.5, 2.0, 25), ("Rex", 3.0, 4.5, 10), (None, 1.0, 3.0, 10),
    ], 9),
    "bird": (4, 1.2, [
        ("Budgerigar", 0.030, 0.045, 45), ("Cockatiel", 0.080, 0.110, 30),
        ("African Grey", 0.400, 0.550, 15), ("Canary", 0.015, 0.025, 10),
    ], 12),
    "reptile": (4, 1.2, [
        ("Bearded Dragon", 0.35, 0.55, 40), ("Leopard Gecko", 0.05, 0.09, 25),
        ("Corn Snake", 0.6, 0.9, 15), ("Hermann's Tortoise", 0.9, 2.0, 15), (None, 0.1, 1.0, 5),
    ], 20),
}  # fmt: skip

# reason -> (weight for dogs/cats, weight for exotics, minutes lo, hi, price lo, hi)
_REASONS = {
    "VAC": (24, 8, 10, 20, 45, 75),
    "CHK": (26, 40, 15, 30, 40, 60),
    "ILL": (25, 30, 20, 45, 60, 240),
    "INJ": (12, 10, 20, 60, 80, 400),
    "SUR": (6, 6, 45, 180, 300, 1500),
    "DEN": (7, 6, 30, 90, 150, 600),
}  # fmt: skip

_DDL = """
CREATE TABLE clinics (
    clinic_id INTEGER PRIMARY KEY,
    clinic_name VARCHAR NOT NULL UNIQUE,
    city VARCHAR NOT NULL,
    region VARCHAR NOT NULL,
    opened_on DATE NOT NULL,
    has_emergency_unit BOOLEAN NOT NULL
);
CREATE TABLE vets (
    vet_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL,
    clinic_id INTEGER NOT NULL REFERENCES clinics (clinic_id),
    specialty VARCHAR NOT NULL,
    is_locum BOOLEAN NOT NULL,
    hired_on DATE NOT NULL,
    left_on DATE
);
CREATE TABLE owners (
    owner_id INTEGER PRIMARY KEY,
    first_name VARCHAR NOT NULL,
    last_name VARCHAR NOT NULL,
    email VARCHAR,
    city VARCHAR NOT NULL,
    home_clinic_id INTEGER NOT NULL REFERENCES clinics (clinic_id),
    registered_on DATE NOT NULL
);
CREATE TABLE pets (
    pet_id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES owners (owner_id),
    pet_name VARCHAR NOT NULL,
    species VARCHAR NOT NULL,
    breed VARCHAR,
    sex VARCHAR NOT NULL,
    born_on DATE,
    weight_kg DECIMAL(6, 3) NOT NULL,
    vaccinated BOOLEAN NOT NULL,
    insured BOOLEAN NOT NULL,
    neutered BOOLEAN NOT NULL,
    deceased_on DATE
);
CREATE TABLE visits (
    visit_id INTEGER PRIMARY KEY,
    pet_id INTEGER NOT NULL REFERENCES pets (pet_id),
    vet_id INTEGER NOT NULL REFERENCES vets (vet_id),
    clinic_id INTEGER NOT NULL REFERENCES clinics (clinic_id),
    booked_at TIMESTAMP NOT NULL,
    appointment_at TIMESTAMP NOT NULL,
    seen_at TIMESTAMP,
    closed_on DATE,
    status VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    urgent BOOLEAN NOT NULL,
    duration_min INTEGER
);
CREATE TABLE invoices (
    invoice_id INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL REFERENCES visits (visit_id),
    issued_on DATE NOT NULL,
    billed_eur DECIMAL(8, 2) NOT NULL,
    paid_eur DECIMAL(8, 2) NOT NULL,
    method VARCHAR,
    paid_on DATE,
    is_void BOOLEAN NOT NULL
);
COMMENT ON COLUMN clinics.region IS 'Region of the country: North, South, East or West';
COMMENT ON COLUMN vets.specialty IS
    'general, surgery, dentistry or exotics (rabbits, birds, reptiles)';
COMMENT ON COLUMN vets.left_on IS 'Last working day; NULL = still working for the group';
COMMENT ON COLUMN pets.sex IS 'M = male, F = female';
COMMENT ON COLUMN pets.weight_kg IS 'Most recent body weight in kilograms';
COMMENT ON COLUMN pets.vaccinated IS 'True = core vaccinations up to date as of today';
COMMENT ON COLUMN pets.deceased_on IS 'Day the pet died; NULL = alive';
COMMENT ON COLUMN visits.status IS
    'scheduled = future appointment, completed = pet was seen, '
    'no_show = owner did not turn up, cancelled = cancelled in advance';
COMMENT ON COLUMN visits.reason IS
    'VAC = vaccination, CHK = routine check-up, ILL = illness, '
    'INJ = injury, SUR = surgery, DEN = dental';
COMMENT ON COLUMN visits.closed_on IS
    'Day the case was closed; NULL for a completed visit = case still open';
COMMENT ON COLUMN visits.duration_min IS 'Consultation length in minutes (completed visits only)';
COMMENT ON COLUMN invoices.billed_eur IS 'Amount charged in euro, VAT included';
COMMENT ON COLUMN invoices.paid_eur IS 'Amount received so far in euro; 0 = nothing paid';
COMMENT ON COLUMN invoices.method IS
    'cash, card or insurance (paid by the insurer); NULL = nothing paid yet';
COMMENT ON COLUMN invoices.paid_on IS 'Day settled in full; NULL = still outstanding or void';
COMMENT ON COLUMN invoices.is_void IS 'True = voided and replaced; ignore in all totals';
"""

_DROP_ORDER = ["invoices", "visits", "pets", "owners", "vets", "clinics"]


def _insert(con: Any, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _pick(rng: random.Random, weighted: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    """Pick one tuple from a list whose last element is the weight."""
    return rng.choices(weighted, weights=[w[-1] for w in weighted])[0]


def _slot(rng: random.Random, day: dt.date) -> dt.datetime:
    """A bookable 15-minute appointment slot on ``day`` (Saturdays: mornings only)."""
    last_hour = 12 if day.weekday() == 5 else 17
    return dt.datetime.combine(day, dt.time(rng.randint(8, last_hour), rng.choice([0, 15, 30, 45])))


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the veterinary practice tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)
    _insert(con, "clinics", _CLINICS)
    opened = {c[0]: c[4] for c in _CLINICS}

    vets: list[dict[str, Any]] = [
        {"id": i, "name": v[0], "clinic": v[1], "spec": v[2], "locum": v[3], "hired": v[4],
         "left": v[5], "w": v[6]}
        for i, v in enumerate(_VETS, start=1)
    ]  # fmt: skip
    _insert(con, "vets", [(v["id"], v["name"], v["clinic"], v["spec"], v["locum"], v["hired"],
                           v["left"]) for v in vets])  # fmt: skip

    # -------------------------------------------------------------------- owners
    owners: list[dict[str, Any]] = []
    clinic_ids = list(_CLINIC_WEIGHT)
    for oid in range(1, 541):
        home = rng.choices(clinic_ids, weights=list(_CLINIC_WEIGHT.values()))[0]
        if home == 6:
            reg = opened[6] + dt.timedelta(days=rng.randint(-20, 200))
        elif rng.random() < 0.1:
            reg = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        else:
            reg = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randint(0, 5800))
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        if (first, last) == ("Ciara", "Walsh"):
            first = "Chloe"
        email = None
        if rng.random() < 0.82:
            dom = rng.choice(["gmail.com", "eircom.net", "outlook.com", "yahoo.ie", "icloud.com"])
            tag = last.lower().replace("'", "")
            email = f"{first.lower()}.{tag}{rng.randint(1, 99)}@{dom}"
        owners.append({"id": oid, "first": first, "last": last, "email": email,
                       "city": rng.choice(_TOWNS[home]), "home": home, "reg": reg})  # fmt: skip
    # two different clients called Ciara Walsh (Cork and Galway); one called Sean Murphy
    # in Dublin, Cork and Limerick each
    for oid, first, last, home, city in [
        (37, "Ciara", "Walsh", 4, "Cork"), (301, "Ciara", "Walsh", 3, "Galway"),
        (58, "Sean", "Murphy", 1, "Dublin"), (214, "Sean", "Murphy", 4, "Cork"),
        (415, "Sean", "Murphy", 5, "Limerick"),
    ]:  # fmt: skip
        o = owners[oid - 1]
        o.update(first=first, last=last, home=home, city=city)
        o["reg"] = min(o["reg"], dt.date(2023, 6, 1))
        o["email"] = f"{first.lower()}.{last.lower()}{oid}@gmail.com"
    _insert(con, "owners", [(o["id"], o["first"], o["last"], o["email"], o["city"], o["home"],
                             o["reg"]) for o in owners])  # fmt: skip

    # ---------------------------------------------------------------------- pets
    pets: list[dict[str, Any]] = []
    species_w = [(s, v[0]) for s, v in _SPECIES.items()]
    for o in owners:
        n = rng.choices([1, 2, 3, 4], weights=[58, 29, 10, 3])[0]
        first_species = None
        for _ in range(n):
            if first_species is not None and rng.random() < 0.55:
                sp = first_species
            else:
                sp = _pick(rng, species_w)[0]
            first_species = first_species or sp
            _, _, breeds, life = _SPECIES[sp]
            breed, lo, hi, _ = _pick(rng, breeds)
            age_days = rng.randint(60, int(life * 365))
            born = LAST_DAY - dt.timedelta(days=age_days)
            known_birth = not (rng.random() < 0.06)
            dead = None
            if age_days > life * 365 * 0.55 and rng.random() < 0.22:
                dead = LAST_DAY - dt.timedelta(days=rng.randint(5, 1100))
                if dead < max(born, o["reg"]) + dt.timedelta(days=60):
                    dead = None
            young = age_days < 365
            scale = min(1.0, 0.35 + age_days / 365 * 0.65) if sp in ("dog", "cat") else 1.0
            weight = round(rng.uniform(lo, hi) * scale, 3)
            pets.append({
                "owner": o, "name": rng.choice(_PET_NAMES), "species": sp, "breed": breed,
                "sex": rng.choice("MF"), "born": born if known_birth else None,
                "age_start": born, "weight": max(weight, 0.015),
                "vacc": rng.random() < (0.8 if sp in ("dog", "cat") else 0.35 if sp == "rabbit"
                                        else 0.0),
                "insured": rng.random() < (0.45 if sp == "dog" else 0.3 if sp == "cat" else 0.08),
                "neutered": (not young) and rng.random() < (0.75 if sp in ("dog", "cat", "rabbit")
                                                            else 0.05),
                "dead": dead,
            })  # fmt: skip
    rng.shuffle(pets)
    for i, p in enumerate(pets, start=1):
        p["id"] = i
    # Biscuit the beagle belongs to the Cork Ciara Walsh; the Galway one has no Biscuit
    by_owner: dict[int, list[dict[str, Any]]] = {}
    for p in pets:
        by_owner.setdefault(p["owner"]["id"], []).append(p)
    for p in by_owner[301]:
        if p["name"] == "Biscuit":
            p["name"] = "Bonnie"
    biscuit = by_owner[37][0]
    biscuit.update(name="Biscuit", species="dog", breed="Beagle", weight=12.4, dead=None)
    for p in by_owner[37][1:]:
        if p["name"] == "Biscuit":
            p["name"] = "Scout"
    # exactly one rabbit called Clover (owner with an e-mail); Clover is also a dog and a cat
    clover_owners = [o for o in owners if o["email"] and o["id"] not in (37, 301)]
    for sp, o in zip(["rabbit", "dog", "cat"], rng.sample(clover_owners[50:], 3), strict=True):
        p = by_owner[o["id"]][0]
        _, _, breeds, _ = _SPECIES[sp]
        breed, lo, hi, _ = _pick(rng, breeds)
        p.update(
            name="Clover", species=sp, breed=breed, weight=round(rng.uniform(lo, hi), 3), dead=None
        )
    # the heaviest dog and the heaviest cat ever registered have died
    for sp, breed, kg in [("dog", "German Shepherd", 42.6), ("cat", "Maine Coon", 9.05)]:
        died = [p for p in pets if p["species"] == sp and p["dead"] is not None]
        gone = max(died, key=lambda p: (p["weight"], p["id"]))
        gone.update(breed=breed, weight=kg)
    _insert(con, "pets", [(p["id"], p["owner"]["id"], p["name"], p["species"], p["breed"],
                           p["sex"], p["born"], p["weight"], p["vacc"], p["insured"],
                           p["neutered"], p["dead"]) for p in pets])  # fmt: skip

    # -------------------------------------------------------------------- visits
    def _vets_at(clinic: int, day: dt.date, spec: str | None) -> list[dict[str, Any]]:
        out = [v for v in vets if v["clinic"] == clinic and v["w"] > 0 and v["hired"] <= day
               and (v["left"] is None or day <= v["left"])]  # fmt: skip
        # dental work goes to the surgeon where a clinic has no dentist
        for wanted in {"dentistry": ["dentistry", "surgery"]}.get(spec or "", [spec]):
            special = [v for v in out if v["spec"] == wanted]
            if special:
                return special
        return [v for v in out if v["spec"] in ("general", spec or "general")] or out

    visits: list[list[Any]] = []
    for p in pets:
        o = p["owner"]
        _, per_year, _, _ = _SPECIES[p["species"]]
        rate = per_year * rng.uniform(0.4, 1.6)
        if rng.random() < 0.07:
            rate = 0.0  # registered but never brought in
        start = max(FIRST_DAY, o["reg"], p["age_start"] + dt.timedelta(days=56))
        stop = min(_HORIZON, p["dead"] or _HORIZON)
        day = start + dt.timedelta(days=int(rng.uniform(0, 200)))
        while rate > 0:
            day += dt.timedelta(days=max(7, int(rng.expovariate(rate / 365))))
            if day >= stop:
                break
            if day.weekday() == 6:
                day += dt.timedelta(days=1)
            exotic = p["species"] not in ("dog", "cat")
            reason = rng.choices(
                list(_REASONS), weights=[r[1 if exotic else 0] for r in _REASONS.values()]
            )[0]
            clinic = o["home"] if rng.random() < 0.88 else rng.choice(clinic_ids)
            if day < opened[clinic]:
                clinic = 1 if o["home"] == 6 and rng.random() < 0.5 else 4
            spec = {"SUR": "surgery", "DEN": "dentistry"}.get(reason)
            if exotic:
                spec = "exotics"
            cands = _vets_at(clinic, day, spec)
            if not cands:
                continue
            vet = rng.choices(cands, weights=[v["w"] for v in cands])[0]
            urgent = reason in ("ILL", "INJ") and rng.random() < 0.3
            appt = _slot(rng, day)
            if urgent:
                booked = appt - dt.timedelta(minutes=rng.randint(20, 300))
            else:
                booked = appt - dt.timedelta(days=rng.randint(1, 42), minutes=rng.randint(0, 600))
            if booked > _END:
                continue  # not booked yet
            if appt > _END:
                status = "scheduled"
            else:
                r = rng.random()
                status = "cancelled" if r < 0.075 else "no_show" if r < 0.115 else "completed"
                if urgent and status == "no_show":
                    status = "completed"
            visits.append([p, vet, clinic, booked, appt, status, reason, urgent])
    # the vet who joined on 2025-09-22 has only two October appointments so far
    hegarty = vets[5]
    dublin_pets = [p for p in pets if p["owner"]["home"] == 1 and p["dead"] is None
                   and p["species"] in ("dog", "cat")]  # fmt: skip
    plan = [
        (dt.datetime(2025, 9, 26, 11, 5), dt.datetime(2025, 10, 2, 9, 30)),
        (dt.datetime(2025, 9, 29, 16, 40), dt.datetime(2025, 10, 14, 15, 0)),
    ]
    for p, (booked, appt) in zip(rng.sample(dublin_pets, 2), plan, strict=True):
        visits.append([p, hegarty, 1, booked, appt, "scheduled", "VAC", False])
    visits.sort(key=lambda v: (v[4], v[0]["id"]))

    rows: list[tuple[Any, ...]] = []
    invoices: list[list[Any]] = []
    for vid, (p, vet, clinic, booked, appt, status, reason, urgent) in enumerate(visits, 1):
        _, _, mlo, mhi, plo, phi = _REASONS[reason]
        seen: dt.datetime | None = None
        closed: dt.date | None = None
        minutes: int | None = None
        if status == "completed":
            seen = appt + dt.timedelta(minutes=rng.randint(-5, 35))
            minutes = rng.randint(mlo, mhi)
            r = rng.random()
            lag = 0 if r < 0.68 else rng.randint(1, 5) if r < 0.9 else rng.randint(6, 30)
            if reason in ("SUR", "ILL") and rng.random() < 0.3:
                lag = rng.randint(3, 21)
            closed = seen.date() + dt.timedelta(days=lag)
            if closed > LAST_DAY or rng.random() < 0.008:
                closed = None
        rows.append((vid, p["id"], vet["id"], clinic, booked, appt, seen, closed, status, reason,
                     urgent, minutes))  # fmt: skip

        # ------------------------------------------------------------- invoices
        if status == "completed":
            if reason == "CHK" and rng.random() < 0.08:
                continue  # free follow-up check-up
            assert seen is not None
            issued = seen.date()
            amount = round(rng.uniform(plo, phi) * (1.25 if urgent else 1.0), 2)
            if rng.random() < 0.03 and issued + dt.timedelta(days=12) <= LAST_DAY:
                wrong = round(amount * rng.choice([0.5, 0.9, 1.1, 1.8]), 2)
                invoices.append([vid, issued, wrong, 0.0, None, None, True])
                issued += dt.timedelta(days=rng.randint(1, 10))
            method: str | None
            paid_on: dt.date | None
            if p["insured"] and amount > 150 and rng.random() < 0.8:
                method = "insurance"
                settle = issued + dt.timedelta(days=rng.randint(12, 55))
                paid, paid_on = amount, settle
                if settle > LAST_DAY:
                    method, paid, paid_on = None, 0.0, None
            else:
                cash_share = 0.4 if issued.year == 2024 else 0.28
                method = "cash" if rng.random() < cash_share else "card"
                r = rng.random()
                if r < 0.9:
                    paid, paid_on = (
                        amount,
                        issued + dt.timedelta(days=0 if r < 0.82 else rng.randint(1, 20)),
                    )
                    if paid_on > LAST_DAY:
                        paid, paid_on, method = 0.0, None, None
                elif r < 0.95:
                    paid, paid_on = round(amount * rng.choice([0.25, 0.5, 0.6]), 2), None
                else:
                    method, paid, paid_on = None, 0.0, None
            invoices.append([vid, issued, amount, paid, method, paid_on, False])
        elif status == "no_show" and rng.random() < 0.45:
            issued = appt.date() + dt.timedelta(days=1)
            if issued > LAST_DAY:
                continue
            if rng.random() < 0.5:
                invoices.append(
                    [
                        vid,
                        issued,
                        25.0,
                        25.0,
                        "card",
                        issued + dt.timedelta(days=rng.randint(0, 14)),
                        False,
                    ]
                )
                if invoices[-1][5] > LAST_DAY:
                    invoices[-1][3:6] = [0.0, None, None]
            else:
                invoices.append([vid, issued, 25.0, 0.0, None, None, False])
    _insert(con, "visits", rows)
    _insert(con, "invoices", [(i, *inv) for i, inv in enumerate(invoices, start=1)])

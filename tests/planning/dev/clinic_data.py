"""A seeded outpatient-clinic ("clinic") database: clinics, doctors, patients, visits, scripts.

`build(con, seed=1)` (re)creates five tables in `con`'s main schema from a `random.Random(seed)`
stream, so one seed always gives the same rows. Naming habits: dates end in _on or _date (dob is
the birth date), abbreviations (appt, dx_code, bmi, rx), some booleans with is_/has_ (is_senior,
has_allergy, is_followup, is_generic) and some bare adjectives (smoker, insured, telehealth,
part_time, accredited), money in euros (fee_eur, copay_eur), durations in minutes (length_min).
Primary and foreign keys are declared; a few columns carry comments.

- clinics (10): clinic_id, title, city, opened_on, rooms, accredited. Clinic 10 opened in May 2025
  and has no doctors (so no appointments).
- doctors (46): doctor_id, clinic_id, surname, forename, specialty ('general practice',
  'cardiology', 'dermatology', 'pediatrics', 'orthopedics', 'psychiatry', 'endocrinology'),
  hired_on, is_senior, part_time, license_no (NULL for the doctors still being registered).
  Nobody sees patients before their hire date; the two doctors hired in June 2025 (no
  license_no yet) have no appointments.
- patients (900): patient_id, surname, forename, dob, sex ('F'/'M'), city, home_clinic_id,
  smoker, insured, has_allergy, bmi (NULL when never measured, ~15%), registered_on, email (NULL
  for ~12%). About 80 patients have no appointments; nobody has a visit before their
  registered_on date.
- appointments (~4,800): appt_id, patient_id, doctor_id, booked_on, visit_date, status
  ('completed', 'cancelled', 'no_show', 'scheduled'), length_min, dx_code, fee_eur, copay_eur,
  is_followup, telehealth. visit_date spans 2023-01-02..2025-06-28 (no Sundays); booked_on is
  0-45 days earlier (not before 2023-01-01). 'scheduled' appointments are the ones from
  2025-06-16 on that have not taken place yet. length_min, fee_eur and copay_eur are NULL unless
  completed; dx_code is NULL unless completed (and for ~5% of completed visits).
- prescriptions (~2,400): rx_id, appt_id (completed appointments only), drug, dose_mg,
  supply_days, refills, is_generic.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import duckdb

TABLES: tuple[str, ...] = ("clinics", "doctors", "patients", "appointments", "prescriptions")
N_PATIENTS = 900
N_APPOINTMENTS = 4800
FIRST_DAY = dt.date(2023, 1, 2)
LAST_DAY = dt.date(2025, 6, 30)
SCHEDULED_FROM = dt.date(2025, 6, 16)

_DDL = {
    "clinics": """clinic_id INTEGER PRIMARY KEY, title VARCHAR NOT NULL, city VARCHAR,
        opened_on DATE, rooms INTEGER, accredited BOOLEAN""",
    "doctors": """doctor_id INTEGER PRIMARY KEY,
        clinic_id INTEGER REFERENCES clinics (clinic_id), surname VARCHAR, forename VARCHAR,
        specialty VARCHAR, hired_on DATE, is_senior BOOLEAN, part_time BOOLEAN,
        license_no VARCHAR""",
    "patients": """patient_id INTEGER PRIMARY KEY, surname VARCHAR, forename VARCHAR, dob DATE,
        sex VARCHAR, city VARCHAR, home_clinic_id INTEGER REFERENCES clinics (clinic_id),
        smoker BOOLEAN, insured BOOLEAN, has_allergy BOOLEAN, bmi DECIMAL(4,1),
        registered_on DATE, email VARCHAR""",
    "appointments": """appt_id INTEGER PRIMARY KEY,
        patient_id INTEGER REFERENCES patients (patient_id),
        doctor_id INTEGER REFERENCES doctors (doctor_id), booked_on DATE, visit_date DATE,
        status VARCHAR, length_min INTEGER, dx_code VARCHAR, fee_eur DECIMAL(7,2),
        copay_eur DECIMAL(7,2), is_followup BOOLEAN, telehealth BOOLEAN""",
    "prescriptions": """rx_id INTEGER PRIMARY KEY,
        appt_id INTEGER REFERENCES appointments (appt_id), drug VARCHAR, dose_mg DECIMAL(7,1),
        supply_days INTEGER, refills INTEGER, is_generic BOOLEAN""",
}

_COMMENTS = {
    ("clinics", "title"): "clinic name",
    ("doctors", "is_senior"): "senior consultant",
    ("patients", "dob"): "date of birth",
    ("patients", "bmi"): "body mass index at the last measurement; NULL when never measured",
    ("patients", "home_clinic_id"): "clinic where the patient is registered",
    ("appointments", "appt_id"): "appointment id",
    ("appointments", "dx_code"): "ICD-10 diagnosis code recorded at the visit",
    ("appointments", "fee_eur"): "total fee billed for the visit",
    ("appointments", "copay_eur"): "part of the fee paid by the patient out of pocket",
    ("appointments", "length_min"): "how long the visit lasted",
    ("prescriptions", "supply_days"): "days of medication supplied",
}

_CLINICS = [
    (1, "Riverside Health Centre", "Antwerp", dt.date(2009, 3, 2), 14, True),
    (2, "Old Harbour Clinic", "Antwerp", dt.date(2015, 9, 14), 9, True),
    (3, "St. Bavo Outpatients", "Ghent", dt.date(2004, 1, 12), 18, True),
    (4, "Lindenhof Medical", "Ghent", dt.date(2019, 6, 3), 7, False),
    (5, "Grand Place Polyclinic", "Brussels", dt.date(2001, 4, 23), 22, True),
    (6, "Ixelles Family Practice", "Brussels", dt.date(2012, 11, 5), 8, False),
    (7, "Meuse Valley Clinic", "Liege", dt.date(2017, 2, 20), 11, True),
    (8, "Canal Side Care", "Bruges", dt.date(2021, 8, 30), 6, False),
    (9, "Leuven Specialist Centre", "Leuven", dt.date(2010, 5, 17), 16, True),
    (10, "Westgate Health Point", "Bruges", dt.date(2025, 5, 12), 4, False),
]
_CLINIC_WEIGHTS = [0.13, 0.08, 0.16, 0.07, 0.2, 0.08, 0.1, 0.06, 0.12]
# specialty, share of doctors, base fee, visit minutes (mean), prescribes (probability)
_SPECIALTIES = [
    ("general practice", 0.34, 38.0, 15, 0.55),
    ("cardiology", 0.12, 92.0, 35, 0.6),
    ("dermatology", 0.1, 68.0, 20, 0.5),
    ("pediatrics", 0.14, 46.0, 20, 0.35),
    ("orthopedics", 0.1, 84.0, 30, 0.3),
    ("psychiatry", 0.1, 98.0, 50, 0.45),
    ("endocrinology", 0.1, 79.0, 30, 0.65),
]
_DX = {
    "general practice": ["J06.9", "R51", "M54.5", "I10", "E11.9", "K21.9"],
    "cardiology": ["I10", "I25.1", "I48.0", "I50.9"],
    "dermatology": ["L20.9", "L40.0", "L70.0", "D22.5"],
    "pediatrics": ["J06.9", "H66.9", "J45.9", "A09"],
    "orthopedics": ["M54.5", "M17.1", "S83.5", "M75.1"],
    "psychiatry": ["F32.1", "F41.1", "F90.0", "F43.2"],
    "endocrinology": ["E11.9", "E03.9", "E66.0", "E05.0"],
}
# fmt: off
_DRUGS: dict[str, list[tuple[str, float]]] = {
    "general practice": [("amoxicillin", 500), ("ibuprofen", 400), ("omeprazole", 20),
                         ("paracetamol", 1000)],
    "cardiology": [("bisoprolol", 5), ("atorvastatin", 40), ("apixaban", 5), ("ramipril", 10)],
    "dermatology": [("doxycycline", 100), ("isotretinoin", 20), ("hydrocortisone", 10)],
    "pediatrics": [("amoxicillin", 250), ("paracetamol", 250), ("salbutamol", 0.1)],
    "orthopedics": [("ibuprofen", 600), ("naproxen", 500), ("diclofenac", 75)],
    "psychiatry": [("sertraline", 50), ("escitalopram", 10), ("methylphenidate", 18)],
    "endocrinology": [("metformin", 850), ("levothyroxine", 0.1), ("semaglutide", 1)],
}
_SURNAMES = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
             "Wouters", "De Smet", "Dubois", "Lambert", "Martin", "Dupont", "Leclercq", "Hermans",
             "Michiels", "Lemaire", "Renard", "Aerts", "Desmet", "Van Damme", "Vermeulen",
             "Pauwels", "Segers", "Smets", "Bogaert", "Declercq", "Fontaine", "Simon"]
_FORENAMES_F = ["Emma", "Louise", "Marie", "Elise", "Lina", "Nora", "Sofie", "Anna", "Julie",
                "Lotte", "Camille", "Ines", "Amira", "Hanne", "Zoe"]
_FORENAMES_M = ["Lucas", "Noah", "Arthur", "Louis", "Jules", "Adam", "Victor", "Mathis", "Liam",
                "Finn", "Thomas", "Rayan", "Wout", "Pieter", "Milan"]
_CITIES = ["Antwerp", "Ghent", "Brussels", "Liege", "Bruges", "Leuven", "Mechelen", "Namur",
           "Aalst", "Hasselt"]
# fmt: on
_STATUSES = [("completed", 0.8), ("cancelled", 0.12), ("no_show", 0.08)]


def _weighted(rng: random.Random, choices: list[tuple]) -> tuple:
    u, edge = rng.random(), 0.0
    for choice in choices:
        edge += choice[1]
        if u < edge:
            return choice
    return choices[-1]


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _sql(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    for i in range(0, len(rows), 1000):
        values = ", ".join(
            "(" + ", ".join(_sql(v) for v in row) + ")" for row in rows[i : i + 1000]
        )
        con.execute(f"INSERT INTO main.{table} VALUES {values}")


def _doctors(rng: random.Random) -> list[tuple]:
    rows, names = [], set()
    did = 0
    for clinic in range(1, 10):
        size = {1: 6, 2: 3, 3: 7, 4: 3, 5: 8, 6: 3, 7: 5, 8: 3, 9: 6}[clinic]
        for k in range(size):
            did += 1
            specialty = "general practice" if k == 0 else _weighted(rng, _SPECIALTIES)[0]
            while True:
                female = rng.random() < 0.55
                forename = rng.choice(_FORENAMES_F if female else _FORENAMES_M)
                surname = rng.choice(_SURNAMES)
                if (surname, forename) not in names:
                    names.add((surname, forename))
                    break
            # the first doctor of each clinic (a GP) has been there since before the data starts
            hired = _day(
                rng, dt.date(2005, 1, 1), dt.date(2020, 12, 31) if k == 0 else dt.date(2024, 12, 31)
            )
            rows.append(
                [
                    did,
                    clinic,
                    surname,
                    forename,
                    specialty,
                    hired,
                    hired.year < 2016 and rng.random() < 0.7,
                    rng.random() < 0.2,
                    f"BE-{rng.randrange(10**6, 10**7)}",
                ]
            )
    # two doctors hired in June 2025: no license number registered yet, no appointments
    for clinic, specialty, surname, forename in [
        (3, "dermatology", "Lemaire", "Ines"),
        (5, "cardiology", "Aerts", "Milan"),
    ]:
        did += 1
        rows.append(
            [
                did,
                clinic,
                surname,
                forename,
                specialty,
                _day(rng, dt.date(2025, 6, 2), dt.date(2025, 6, 20)),
                False,
                False,
                None,
            ]
        )
    return [tuple(r) for r in rows]


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the clinic tables in `con`'s main schema, deterministically for `seed`."""
    rng = random.Random(seed)
    for table in reversed(TABLES):  # children first: the foreign keys are declared
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")
    for (table, column), text in _COMMENTS.items():
        con.execute(f"COMMENT ON COLUMN main.{table}.{column} IS '{text}'")

    _insert(con, "clinics", _CLINICS)
    doctors = _doctors(rng)
    _insert(con, "doctors", doctors)
    specialty_info = {s[0]: s for s in _SPECIALTIES}

    # patients
    patients: list[list[Any]] = []
    clinic_city = {c[0]: c[2] for c in _CLINICS}
    for pid in range(1, N_PATIENTS + 1):
        female = rng.random() < 0.52
        home = rng.choices(range(1, 10), weights=_CLINIC_WEIGHTS)[0]
        city = clinic_city[home] if rng.random() < 0.75 else rng.choice(_CITIES)
        dob = _day(rng, dt.date(1936, 1, 1), dt.date(2021, 12, 31))
        adult = dob < dt.date(2006, 1, 1)
        smoker = adult and rng.random() < 0.22
        bmi = None if rng.random() < 0.15 else round(rng.gauss(26.0 if adult else 18.5, 4.0), 1)
        registered = _day(rng, dt.date(2015, 1, 1), dt.date(2025, 6, 1))
        surname = rng.choice(_SURNAMES)
        forename = rng.choice(_FORENAMES_F if female else _FORENAMES_M)
        email = (
            None
            if rng.random() < 0.12
            else f"{forename}.{surname}{pid}".lower().replace(" ", "") + "@mail.be"
        )
        patients.append(
            [
                pid,
                surname,
                forename,
                dob,
                "F" if female else "M",
                city,
                home,
                smoker,
                rng.random() < 0.82,
                rng.random() < 0.18,
                bmi,
                registered,
                email,
            ]
        )

    # appointments: 60 patients never come (and a few rare visitors happen not to); some come often
    pool = [p for p in patients]
    rng.shuffle(pool)
    visitors = sorted(pool[60:], key=lambda p: p[0])
    weights = [min(rng.paretovariate(1.8), 12.0) for _ in visitors]
    staffed = [d for d in doctors if d[5] < dt.date(2025, 1, 1)]
    by_clinic: dict[int, list[tuple]] = {}
    for d in staffed:
        by_clinic.setdefault(d[1], []).append(d)
    appointments = []
    days = (LAST_DAY - FIRST_DAY).days
    for aid in range(1, N_APPOINTMENTS + 1):
        patient = rng.choices(visitors, weights=weights)[0]
        frac = max(rng.random(), rng.random()) if rng.random() < 0.3 else rng.random()
        visit = FIRST_DAY + dt.timedelta(days=int(frac * days))
        visit = min(visit, LAST_DAY)
        if visit.weekday() == 6:  # closed on Sundays
            visit -= dt.timedelta(days=1) if visit > FIRST_DAY else dt.timedelta(days=-1)
        clinic = patient[6] if rng.random() < 0.8 else rng.choice(list(by_clinic))
        doctor = rng.choice([d for d in by_clinic[clinic] if d[5] <= visit])
        if patient[3] >= dt.date(2007, 1, 1) and rng.random() < 0.7:  # children see pediatrics
            peds = [d for d in staffed if d[4] == "pediatrics" and d[5] <= visit]
            doctor = rng.choice(peds)
        booked = max(visit - dt.timedelta(days=rng.randint(0, 45)), dt.date(2023, 1, 1))
        _spec, _share, base_fee, minutes, _rx = specialty_info[doctor[4]]
        telehealth = doctor[4] in ("psychiatry", "general practice", "endocrinology") and (
            rng.random() < (0.35 if visit.year >= 2024 else 0.2)
        )
        followup = rng.random() < 0.3
        if visit >= SCHEDULED_FROM and rng.random() < 0.75:
            status = "scheduled"
        else:
            status = _weighted(rng, _STATUSES)[0]
        length = fee = copay = dx = None
        if status == "completed":
            length = max(5, round(rng.gauss(minutes * (0.7 if followup else 1.0), minutes * 0.25)))
            fee = base_fee * (1.2 if doctor[6] else 1.0) * (0.8 if telehealth else 1.0)
            fee = round(fee * rng.uniform(0.9, 1.15) * (1.04 if visit.year == 2025 else 1.0), 2)
            copay = round(fee * rng.uniform(0.15, 0.3), 2) if patient[8] else fee
            dx = None if rng.random() < 0.05 else rng.choice(_DX[doctor[4]])
        appointments.append(
            (
                aid,
                patient[0],
                doctor[0],
                booked,
                visit,
                status,
                length,
                dx,
                fee,
                copay,
                followup,
                telehealth,
            )
        )
    # nobody visits before registering
    first_visit: dict[int, dt.date] = {}
    for a in appointments:
        first_visit[a[1]] = min(first_visit.get(a[1], a[4]), a[4])
    for p in patients:
        if p[0] in first_visit:
            p[11] = min(p[11], first_visit[p[0]])
    _insert(con, "patients", [tuple(p) for p in patients])
    _insert(con, "appointments", appointments)

    # prescriptions
    scripts, rid = [], 0
    doctor_spec = {d[0]: d[4] for d in doctors}
    for a in appointments:
        if a[5] != "completed":
            continue
        specialty = doctor_spec[a[2]]
        if rng.random() >= specialty_info[specialty][4]:
            continue
        for _ in range(1 if rng.random() < 0.75 else 2):
            rid += 1
            drug, dose = rng.choice(_DRUGS[specialty])
            supply = rng.choice([5, 7, 10, 14, 28, 30, 60, 90])
            refills = 0 if supply <= 14 else rng.choice([0, 1, 2, 3, 5])
            scripts.append((rid, a[0], drug, float(dose), supply, refills, rng.random() < 0.6))
    _insert(con, "prescriptions", scripts)

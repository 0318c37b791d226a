"""Retail pharmacy test database (DuckDB, ``main`` schema).

One independent community pharmacy in the Portland, Oregon area. Patients bring in
prescriptions written by outside prescribers (doctors, dentists, nurse practitioners); the
pharmacy records each prescription once and then every time it is dispensed (the first fill
and each refill) at the counter.

Prescriptions go back to 2023-07-01; the dispensing history in ``dispense`` starts on
2024-01-01 (older fills were not migrated). The last day of the data is **2025-05-14**, which
is "today" for every question: "this year" is 2025, "last year" is 2024, "this month" is May
2025 (up to today), "last month" is April 2025, "this quarter" is April-June 2025 (up to
today), "last quarter" is January-March 2025, "the last N days" are the N days ending today
(today included). Money is in US dollars (``*amt`` and ``unit_cost`` columns), drug strength in
milligrams. Dates are plain DATE columns ending in ``_dt``. Coded columns hold short codes; what
each code means is stated below and in the column's comment (``COMMENT ON COLUMN``, see
``_DDL``).

Tables
------

``patient`` -- one row per patient registered at the pharmacy.

* ``patient_id`` (INTEGER, primary key).
* ``first_nm`` (VARCHAR), ``last_nm`` (VARCHAR): given name and surname. Names are not unique
  (e.g. there are two different patients called Maria Garcia).
* ``birth_dt`` (DATE): date of birth.
* ``sex`` (VARCHAR): 'F' = female, 'M' = male, 'U' = not stated.
* ``postcode`` (VARCHAR): 5-digit US ZIP code of the home address, e.g. '97214'.
* ``insurer`` (VARCHAR): name of the patient's current prescription insurance plan, one of
  'Medicare Part D', 'Medicaid', 'Regence BlueCross', 'Aetna', 'Cigna', 'UnitedHealthcare',
  'Moda Health'; NULL = no insurance (a cash-paying patient).
* ``reg_dt`` (DATE): day the patient was registered at the pharmacy (can be years before 2024).
  Some patients (among them a few registered recently) have no prescriptions on file.

``prescribers`` -- outside prescribers whose prescriptions the pharmacy has on file.

* ``presc_id`` (INTEGER, primary key).
* ``presc_nm`` (VARCHAR): prescriber's full name without title, e.g. 'Sarah Patel'. Not unique:
  there are two different prescribers called David Chen (a cardiologist and a family doctor).
* ``specialty`` (VARCHAR): 'Family Medicine', 'Internal Medicine', 'Cardiology', 'Psychiatry',
  'Pediatrics', 'Dermatology', 'Endocrinology', 'Pain Management', 'Dentistry' or
  'Urgent Care'.
* ``clinic_city`` (VARCHAR): city of the prescriber's clinic: 'Portland', 'Beaverton',
  'Gresham', 'Hillsboro', 'Lake Oswego', 'Tigard' (Oregon) or 'Vancouver' (Washington).
* ``dea_no`` (VARCHAR): DEA registration number; NULL = the prescriber holds no DEA
  registration and cannot prescribe controlled substances.

``drug`` -- the pharmacy's drug list (formulary), one row per product: a drug name in one
form and one strength. The same ``drug_nm`` appears in several rows when it is stocked in
several strengths or forms (e.g. 'Lisinopril' 10 mg and 20 mg tablets, 'Amoxicillin'
capsules and liquid). Some products have never been dispensed.

* ``drug_id`` (INTEGER, primary key).
* ``drug_nm`` (VARCHAR): drug name; generic products carry the generic (chemical) name, brand
  products the brand name (e.g. 'Lipitor' is brand atorvastatin).
* ``form`` (VARCHAR): dosage form code: 'tab' = tablet, 'cap' = capsule, 'liq' = oral
  liquid, 'inj' = injection (pre-filled syringe, pen or vial).
* ``strength_mg`` (DECIMAL(8,3)): milligrams of active ingredient per dispensing unit: per
  tablet or capsule, per 5 mL of liquid, per syringe/pen/vial for injections.
* ``sched`` (VARCHAR): US controlled-substance schedule, 'II', 'III', 'IV' or 'V' (II = highest
  abuse potential, no refills allowed); NULL = not a controlled substance.
* ``generic_yn`` (VARCHAR): 'Y' = generic product, 'N' = brand-name product.
* ``ther_cls`` (VARCHAR): therapeutic class, e.g. 'Statin', 'ACE inhibitor', 'Antibiotic',
  'Opioid analgesic', 'SSRI', 'Benzodiazepine', 'Stimulant', 'Anticoagulant', 'GLP-1 agonist'.
* ``unit_cost`` (DECIMAL(10,4)): the pharmacy's current acquisition cost in USD of one
  dispensing unit: one tablet, one capsule, one mL of liquid, one syringe/pen/vial.

``rx`` -- prescriptions, one row per prescription written for a patient (one drug each).

* ``rx_id`` (INTEGER, primary key): prescription number.
* ``patient_id`` (INTEGER, foreign key to ``patient``).
* ``presc_id`` (INTEGER, foreign key to ``prescribers``): who wrote it.
* ``drug_id`` (INTEGER, foreign key to ``drug``).
* ``rx_dt`` (DATE): day the prescription was written (2023-07-01 to today).
* ``qty`` (INTEGER): quantity prescribed per fill, in dispensing units (tablets, capsules, mL
  of liquid, syringes/pens/vials).
* ``days_supply`` (INTEGER): number of days one fill is meant to last.
* ``refills`` (INTEGER): number of refills allowed after the first fill (0 = single fill only;
  always 0 for schedule II drugs). The total number of fills allowed is ``refills`` + 1.
* ``refills_left`` (INTEGER): refills still remaining as of today. It goes down only for
  fills with status 'filled' (including fills made before 2024 that are not in ``dispense``);
  a prescription never filled still has all its refills left.

``dispense`` -- one row per dispensing event at the counter (a first fill or a refill).

* ``disp_id`` (INTEGER, primary key).
* ``rx_id`` (INTEGER, foreign key to ``rx``).
* ``disp_dt`` (DATE): day the medicine was dispensed (2024-01-01 to today).
* ``qty`` (INTEGER): quantity dispensed in dispensing units; usually the prescribed ``rx.qty``,
  lower for a partial fill.
* ``pt_amt`` (DECIMAL(10,2)): amount charged to the patient in USD (co-pay, or the full price
  for a cash patient).
* ``ins_amt`` (DECIMAL(10,2)): amount billed to the patient's insurer in USD; NULL when no
  insurer was billed (cash sale). The total price of a fill is ``pt_amt`` plus ``ins_amt``
  (``ins_amt`` counted as 0 when NULL).
* ``rph`` (VARCHAR): initials of the pharmacist who checked and released the fill, e.g. 'AK'.
* ``status`` (VARCHAR): 'filled' = handed to the patient (a real dispense);
  'returned_to_stock' = prepared but never picked up, put back on the shelf and reversed;
  'voided' = entered in error and cancelled. Only 'filled' rows count as dispensed, as
  sales or as revenue; the amounts on 'returned_to_stock' and 'voided' rows were reversed
  and must be ignored in totals.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_RX_DAY = dt.date(2023, 7, 1)
FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 5, 14)

_DDL = """
CREATE TABLE patient (
    patient_id INTEGER PRIMARY KEY,
    first_nm VARCHAR NOT NULL,
    last_nm VARCHAR NOT NULL,
    birth_dt DATE NOT NULL,
    sex VARCHAR NOT NULL,
    postcode VARCHAR NOT NULL,
    insurer VARCHAR,
    reg_dt DATE NOT NULL
);
CREATE TABLE prescribers (
    presc_id INTEGER PRIMARY KEY,
    presc_nm VARCHAR NOT NULL,
    specialty VARCHAR NOT NULL,
    clinic_city VARCHAR NOT NULL,
    dea_no VARCHAR
);
CREATE TABLE drug (
    drug_id INTEGER PRIMARY KEY,
    drug_nm VARCHAR NOT NULL,
    form VARCHAR NOT NULL,
    strength_mg DECIMAL(8, 3) NOT NULL,
    sched VARCHAR,
    generic_yn VARCHAR NOT NULL,
    ther_cls VARCHAR NOT NULL,
    unit_cost DECIMAL(10, 4) NOT NULL
);
CREATE TABLE rx (
    rx_id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient (patient_id),
    presc_id INTEGER NOT NULL REFERENCES prescribers (presc_id),
    drug_id INTEGER NOT NULL REFERENCES drug (drug_id),
    rx_dt DATE NOT NULL,
    qty INTEGER NOT NULL,
    days_supply INTEGER NOT NULL,
    refills INTEGER NOT NULL,
    refills_left INTEGER NOT NULL
);
CREATE TABLE dispense (
    disp_id INTEGER PRIMARY KEY,
    rx_id INTEGER NOT NULL REFERENCES rx (rx_id),
    disp_dt DATE NOT NULL,
    qty INTEGER NOT NULL,
    pt_amt DECIMAL(10, 2) NOT NULL,
    ins_amt DECIMAL(10, 2),
    rph VARCHAR NOT NULL,
    status VARCHAR NOT NULL
);
COMMENT ON COLUMN patient.sex IS 'F = female, M = male, U = not stated';
COMMENT ON COLUMN patient.postcode IS '5-digit US ZIP code of the home address';
COMMENT ON COLUMN patient.insurer IS
    'Current prescription insurance plan name; NULL = uninsured cash-paying patient';
COMMENT ON COLUMN prescribers.dea_no IS
    'DEA registration number; NULL = cannot prescribe controlled substances';
COMMENT ON COLUMN drug.form IS
    'tab = tablet, cap = capsule, liq = oral liquid, inj = injection (syringe, pen or vial)';
COMMENT ON COLUMN drug.strength_mg IS
    'mg of active ingredient per tablet/capsule, per 5 mL of liquid, per syringe/pen/vial';
COMMENT ON COLUMN drug.sched IS
    'Controlled-substance schedule II, III, IV or V (II = strictest, no refills); NULL = none';
COMMENT ON COLUMN drug.generic_yn IS 'Y = generic product, N = brand-name product';
COMMENT ON COLUMN drug.unit_cost IS
    'Acquisition cost in USD per dispensing unit (tablet, capsule, mL, syringe/pen/vial)';
COMMENT ON COLUMN rx.qty IS 'Quantity prescribed per fill, in dispensing units';
COMMENT ON COLUMN rx.refills IS
    'Refills allowed after the first fill (0 = one fill only); total fills allowed = refills + 1';
COMMENT ON COLUMN rx.refills_left IS
    'Refills remaining as of today; decreases only for status filled dispenses';
COMMENT ON COLUMN dispense.qty IS
    'Quantity dispensed in dispensing units (lower than rx.qty for a partial fill)';
COMMENT ON COLUMN dispense.pt_amt IS
    'USD charged to the patient (co-pay, or full price for cash sales)';
COMMENT ON COLUMN dispense.ins_amt IS
    'USD billed to the insurer; NULL = cash sale, no insurer billed';
COMMENT ON COLUMN dispense.rph IS 'Initials of the releasing pharmacist';
COMMENT ON COLUMN dispense.status IS
    'filled = handed out; returned_to_stock = not picked up, reversed; voided = error, cancelled';
"""

_DROP_ORDER = ["dispense", "rx", "drug", "prescribers", "patient"]

# name, form, strength_mg, sched, generic_yn, ther_cls, unit_cost, popularity, chronic
_DRUGS = [
    ("Lisinopril", "tab", 10, None, "Y", "ACE inhibitor", 0.045, 14, True),
    ("Lisinopril", "tab", 20, None, "Y", "ACE inhibitor", 0.062, 9, True),
    ("Losartan", "tab", 50, None, "Y", "ARB", 0.11, 8, True),
    ("Amlodipine", "tab", 5, None, "Y", "Calcium channel blocker", 0.038, 11, True),
    ("Amlodipine", "tab", 10, None, "Y", "Calcium channel blocker", 0.052, 6, True),
    ("Metoprolol Succinate", "tab", 25, None, "Y", "Beta blocker", 0.14, 8, True),
    ("Hydrochlorothiazide", "tab", 25, None, "Y", "Diuretic", 0.033, 7, True),
    ("Atorvastatin", "tab", 20, None, "Y", "Statin", 0.071, 13, True),
    ("Atorvastatin", "tab", 40, None, "Y", "Statin", 0.094, 9, True),
    ("Lipitor", "tab", 40, None, "N", "Statin", 6.85, 2, True),
    ("Rosuvastatin", "tab", 10, None, "Y", "Statin", 0.12, 6, True),
    ("Metformin", "tab", 500, None, "Y", "Biguanide", 0.029, 12, True),
    ("Metformin", "tab", 1000, None, "Y", "Biguanide", 0.048, 6, True),
    ("Januvia", "tab", 100, None, "N", "DPP-4 inhibitor", 18.40, 3, True),
    ("Ozempic", "inj", 2, None, "N", "GLP-1 agonist", 935.00, 3, True),
    ("Levothyroxine", "tab", 0.05, None, "Y", "Thyroid hormone", 0.21, 9, True),
    ("Levothyroxine", "tab", 0.1, None, "Y", "Thyroid hormone", 0.24, 6, True),
    ("Synthroid", "tab", 0.1, None, "N", "Thyroid hormone", 1.62, 2, True),
    ("Eliquis", "tab", 5, None, "N", "Anticoagulant", 9.35, 4, True),
    ("Warfarin", "tab", 5, None, "Y", "Anticoagulant", 0.095, 2, True),
    ("Enoxaparin", "inj", 40, None, "Y", "Anticoagulant", 11.80, 1, False),
    ("Omeprazole", "cap", 20, None, "Y", "Proton pump inhibitor", 0.085, 10, True),
    ("Sertraline", "tab", 50, None, "Y", "SSRI", 0.068, 9, True),
    ("Sertraline", "tab", 100, None, "Y", "SSRI", 0.082, 5, True),
    ("Zoloft", "tab", 50, None, "N", "SSRI", 11.20, 1, True),
    ("Escitalopram", "tab", 10, None, "Y", "SSRI", 0.075, 7, True),
    ("Fluoxetine", "cap", 20, None, "Y", "SSRI", 0.065, 6, True),
    ("Bupropion XL", "tab", 150, None, "Y", "Antidepressant", 0.31, 5, True),
    ("Montelukast", "tab", 10, None, "Y", "Leukotriene antagonist", 0.12, 5, True),
    ("Gabapentin", "cap", 300, None, "Y", "Anticonvulsant", 0.085, 8, True),
    ("Pregabalin", "cap", 75, "V", "Y", "Anticonvulsant", 0.26, 4, True),
    ("Amoxicillin", "cap", 500, None, "Y", "Antibiotic", 0.14, 12, False),
    ("Amoxicillin", "liq", 250, None, "Y", "Antibiotic", 0.055, 6, False),
    ("Azithromycin", "tab", 250, None, "Y", "Antibiotic", 0.95, 8, False),
    ("Cephalexin", "cap", 500, None, "Y", "Antibiotic", 0.19, 5, False),
    ("Doxycycline", "cap", 100, None, "Y", "Antibiotic", 0.42, 4, False),
    ("Prednisone", "tab", 10, None, "Y", "Corticosteroid", 0.06, 6, False),
    ("Ibuprofen", "tab", 800, None, "Y", "NSAID", 0.075, 6, False),
    ("Ondansetron", "tab", 4, None, "Y", "Antiemetic", 0.11, 3, False),
    ("Cetirizine", "liq", 5, None, "Y", "Antihistamine", 0.045, 2, False),
    ("Medroxyprogesterone", "inj", 150, None, "Y", "Contraceptive", 38.50, 2, True),
    ("Methotrexate", "inj", 25, None, "Y", "Antimetabolite", 42.00, 0, True),
    ("Tretinoin", "cap", 10, None, "Y", "Retinoid", 3.85, 2, True),
    ("Oxycodone", "tab", 5, "II", "Y", "Opioid analgesic", 0.24, 5, False),
    ("Hydrocodone/APAP", "tab", 10, "II", "Y", "Opioid analgesic", 0.29, 5, False),
    ("Amphetamine Salts", "tab", 20, "II", "Y", "Stimulant", 0.58, 5, True),
    ("Methylphenidate ER", "tab", 36, "II", "Y", "Stimulant", 2.95, 3, True),
    ("Concerta", "tab", 36, "II", "N", "Stimulant", 14.20, 1, True),
    ("Buprenorphine/Naloxone", "tab", 8, "III", "Y", "Opioid dependence", 2.65, 2, True),
    ("Testosterone Cypionate", "inj", 200, "III", "Y", "Androgen", 24.00, 2, True),
    ("Tramadol", "tab", 50, "IV", "Y", "Opioid analgesic", 0.085, 5, False),
    ("Alprazolam", "tab", 0.5, "IV", "Y", "Benzodiazepine", 0.055, 5, True),
    ("Lorazepam", "tab", 1, "IV", "Y", "Benzodiazepine", 0.072, 3, True),
    ("Clonazepam", "tab", 0.5, "IV", "Y", "Benzodiazepine", 0.048, 4, True),
    ("Zolpidem", "tab", 10, "IV", "Y", "Sedative hypnotic", 0.09, 4, True),
    ("Ambien", "tab", 10, "IV", "N", "Sedative hypnotic", 16.75, 0, True),
    ("Promethazine with Codeine", "liq", 10, "V", "Y", "Antitussive", 0.16, 2, False),
]  # fmt: skip

_KID_CLASSES = ("Antibiotic", "Antihistamine", "Leukotriene antagonist", "Stimulant")

# therapeutic class -> specialties that typically write it (first = most common)
_CLASS_SPEC = {
    "ACE inhibitor": ["Family Medicine", "Internal Medicine", "Cardiology"],
    "ARB": ["Internal Medicine", "Cardiology", "Family Medicine"],
    "Calcium channel blocker": ["Family Medicine", "Cardiology", "Internal Medicine"],
    "Beta blocker": ["Cardiology", "Internal Medicine"],
    "Diuretic": ["Family Medicine", "Internal Medicine", "Cardiology"],
    "Statin": ["Family Medicine", "Cardiology", "Internal Medicine"],
    "Biguanide": ["Endocrinology", "Family Medicine", "Internal Medicine"],
    "DPP-4 inhibitor": ["Endocrinology", "Internal Medicine"],
    "GLP-1 agonist": ["Endocrinology", "Internal Medicine"],
    "Thyroid hormone": ["Endocrinology", "Family Medicine"],
    "Anticoagulant": ["Cardiology", "Internal Medicine"],
    "Proton pump inhibitor": ["Family Medicine", "Internal Medicine"],
    "SSRI": ["Psychiatry", "Family Medicine"],
    "Antidepressant": ["Psychiatry", "Family Medicine"],
    "Leukotriene antagonist": ["Pediatrics", "Family Medicine"],
    "Anticonvulsant": ["Pain Management", "Internal Medicine", "Family Medicine"],
    "Antibiotic": ["Urgent Care", "Family Medicine", "Pediatrics", "Dentistry"],
    "Corticosteroid": ["Urgent Care", "Family Medicine"],
    "NSAID": ["Urgent Care", "Dentistry", "Family Medicine"],
    "Antiemetic": ["Urgent Care", "Family Medicine"],
    "Antihistamine": ["Pediatrics", "Family Medicine"],
    "Contraceptive": ["Family Medicine"],
    "Antimetabolite": ["Dermatology"],
    "Retinoid": ["Dermatology"],
    "Opioid analgesic": ["Pain Management", "Dentistry", "Urgent Care"],
    "Stimulant": ["Psychiatry", "Pediatrics"],
    "Opioid dependence": ["Psychiatry", "Pain Management"],
    "Androgen": ["Endocrinology", "Family Medicine"],
    "Benzodiazepine": ["Psychiatry", "Family Medicine"],
    "Sedative hypnotic": ["Psychiatry", "Internal Medicine"],
    "Antitussive": ["Urgent Care", "Family Medicine"],
}

# name, specialty, clinic city, has DEA registration
_PRESCRIBERS = [
    ("Sarah Patel", "Family Medicine", "Portland", True),
    ("David Chen", "Cardiology", "Portland", True),
    ("David Chen", "Family Medicine", "Beaverton", True),
    ("Emily Johansson", "Family Medicine", "Portland", True),
    ("Michael Okafor", "Internal Medicine", "Portland", True),
    ("Laura Whitfield", "Internal Medicine", "Gresham", True),
    ("Robert Nakamura", "Cardiology", "Lake Oswego", True),
    ("Ana Morales", "Family Medicine", "Gresham", True),
    ("James O'Connell", "Psychiatry", "Portland", True),
    ("Priya Raman", "Psychiatry", "Beaverton", True),
    ("Thomas Becker", "Pediatrics", "Portland", True),
    ("Hannah Lindqvist", "Pediatrics", "Hillsboro", False),
    ("Kevin Tran", "Dermatology", "Tigard", False),
    ("Olivia Grant", "Dermatology", "Portland", False),
    ("Marcus Webb", "Endocrinology", "Portland", True),
    ("Fatima Haddad", "Endocrinology", "Vancouver", True),
    ("Brian Kowalski", "Pain Management", "Gresham", True),
    ("Julia Santos", "Pain Management", "Portland", True),
    ("Steven Park", "Dentistry", "Beaverton", True),
    ("Rachel Green", "Dentistry", "Tigard", True),
    ("Daniel Flores", "Urgent Care", "Portland", True),
    ("Megan Riley", "Urgent Care", "Hillsboro", True),
    ("Christopher Hall", "Urgent Care", "Vancouver", False),
    ("Jennifer Liu", "Family Medicine", "Hillsboro", True),
    ("William Foster", "Family Medicine", "Tigard", False),
    ("Amanda Brooks", "Internal Medicine", "Lake Oswego", True),
    ("Nathan Ivanov", "Internal Medicine", "Vancouver", True),
    ("Grace Whitaker", "Family Medicine", "Vancouver", True),
    ("Samuel Adeyemi", "Cardiology", "Beaverton", True),
    ("Chloe Martin", "Psychiatry", "Lake Oswego", True),
    ("Ethan Brooks", "Family Medicine", "Lake Oswego", False),
    ("Isabel Cruz", "Pediatrics", "Gresham", True),
    ("Victor Petrov", "Dentistry", "Portland", False),
    ("Natalie Young", "Family Medicine", "Beaverton", True),
    ("Omar Siddiqui", "Internal Medicine", "Hillsboro", True),
    ("Lucy Harper", "Endocrinology", "Lake Oswego", True),
    # on file but have written nothing the pharmacy has seen
    ("Gregory Mills", "Cardiology", "Vancouver", True),
    ("Sofia Rossi", "Dermatology", "Beaverton", False),
]  # fmt: skip

_FIRST_F = [
    "Maria", "Jennifer", "Linda", "Patricia", "Susan", "Emma", "Olivia", "Ava", "Sophia",
    "Mia", "Karen", "Nancy", "Lisa", "Betty", "Helen", "Sandra", "Donna", "Carol", "Ruth",
    "Sharon", "Michelle", "Laura", "Kimberly", "Deborah", "Amy", "Angela", "Nguyet", "Aiko",
    "Fatima", "Leilani", "Rosa", "Ingrid",
]  # fmt: skip
_FIRST_M = [
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
    "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Paul", "Steven", "Andrew", "Kenneth",
    "Joshua", "Kevin", "Brian", "George", "Liam", "Noah", "Ethan", "Hiroshi", "Minh", "Jorge",
    "Tariq", "Bjorn", "Kalani", "Dmitri",
]  # fmt: skip
_LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
    "Nguyen", "Tanaka", "Olsen", "Kaufman", "Yamamoto", "Novak", "Kealoha", "Haddad", "Larsen",
    "Okoro", "Schmidt", "Baker", "Reyes", "Ward",
]  # fmt: skip
_POSTCODES = [
    "97201", "97202", "97205", "97206", "97209", "97211", "97212", "97214", "97215", "97217",
    "97219", "97220", "97225", "97229", "97230", "97233", "97005", "97006", "97080", "97123",
    "97223", "97034", "98660", "98684",
]  # fmt: skip
_INSURERS = [
    ("Regence BlueCross", 20), ("Aetna", 12), ("Cigna", 9), ("UnitedHealthcare", 13),
    ("Moda Health", 10),
]  # fmt: skip
# commercial co-pay (generic, brand) per plan
_COPAY = {
    "Regence BlueCross": (10.0, 40.0), "Aetna": (5.0, 35.0), "Cigna": (10.0, 50.0),
    "UnitedHealthcare": (15.0, 45.0), "Moda Health": (5.0, 30.0),
    "Medicare Part D": (4.0, 47.0), "Medicaid": (0.0, 3.0),
}  # fmt: skip
# pharmacist initials, first working day, last working day
_RPH = [
    ("AK", dt.date(2019, 3, 1), None, 30), ("BL", dt.date(2021, 6, 1), None, 25),
    ("CM", dt.date(2018, 1, 8), None, 22), ("DR", dt.date(2022, 9, 1), None, 15),
    ("JT", dt.date(2020, 2, 1), dt.date(2024, 8, 30), 18),
    ("NH", dt.date(2025, 2, 3), None, 20),
]  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 300):
        chunk = rows[start : start + 300]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _rand_day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _pharmacist(rng: random.Random, day: dt.date) -> str:
    on_duty = [(r[0], r[3]) for r in _RPH if r[1] <= day and (r[2] is None or day <= r[2])]
    return rng.choices([r[0] for r in on_duty], weights=[r[1] for r in on_duty])[0]


def _rx_shape(rng: random.Random, d: dict, age: int) -> tuple[int, int, int]:
    """Return (qty per fill, days supply, refills allowed) for a new prescription."""
    form, sched, chronic = d["form"], d["sched"], d["chronic"]
    if form == "inj":
        if d["name"] == "Ozempic":
            qty, days = 1, 28
        elif d["name"] == "Medroxyprogesterone":
            qty, days = 1, 90
        elif d["name"] == "Enoxaparin":
            qty = rng.choice([10, 14])
            days = qty
        else:
            qty, days = 4, 28
    elif form == "liq":
        qty = rng.choice([100, 150, 200]) if d["cls"] != "Antitussive" else rng.choice([120, 180])
        days = 10 if d["cls"] == "Antibiotic" else rng.choice([10, 14, 30])
    elif chronic:
        per_day = 2 if d["name"] in ("Metformin", "Gabapentin", "Pregabalin") else 1
        if d["cls"] in ("Benzodiazepine",):
            per_day = rng.choice([1, 2, 3])
        days = 90 if (sched is None and rng.random() < 0.3) else 30
        qty = per_day * days
    else:
        if d["cls"] == "Antibiotic":
            qty, days = (6, 5) if d["name"] == "Azithromycin" else (rng.choice([20, 28, 30]), 10)
        elif d["cls"] == "Opioid analgesic":
            days = rng.choice([3, 5, 7, 10, 30] if d["sched"] == "II" else [5, 10, 30])
            qty = days * rng.choice([2, 3, 4])
        else:
            days = rng.choice([5, 7, 10, 14])
            qty = days * rng.choice([1, 2, 3])
    if sched == "II":
        refills = 0
    elif sched in ("III", "IV", "V"):
        refills = rng.choice([0, 1, 2, 2, 3, 5]) if chronic else rng.choice([0, 0, 1])
    elif chronic:
        refills = rng.choice([3, 5, 5, 11, 11]) if days == 30 else rng.choice([1, 3, 3])
        if form == "inj" and d["name"] == "Medroxyprogesterone":
            refills = 3
    else:
        refills = rng.choice([0, 0, 0, 1])
    return qty, days, refills


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the pharmacy tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------------ drugs
    drugs: list[dict] = []
    for i, row in enumerate(_DRUGS, start=1):
        name, form, mg, sched, gen, cls, cost, pop, chronic = row
        drugs.append({"id": i, "name": name, "form": form, "mg": mg, "sched": sched, "gen": gen,
                      "cls": cls, "cost": cost, "pop": pop, "chronic": chronic})  # fmt: skip
    _insert(con, "drug", [(d["id"], d["name"], d["form"], d["mg"], d["sched"], d["gen"], d["cls"],
                           d["cost"]) for d in drugs])  # fmt: skip

    # ------------------------------------------------------------ prescribers
    prescribers: list[dict] = []
    for i, (name, spec, city, dea) in enumerate(_PRESCRIBERS, start=1):
        last = name.split()[-1].replace("'", "")
        dea_no = f"{'AB'[i % 2]}{last[0]}{rng.randint(1000000, 9999999)}" if dea else None
        prescribers.append({"id": i, "name": name, "spec": spec, "city": city, "dea": dea_no,
                            "w": rng.uniform(0.6, 1.6), "active": i <= 36})  # fmt: skip
    _insert(con, "prescribers", [(p["id"], p["name"], p["spec"], p["city"], p["dea"])
                                 for p in prescribers])  # fmt: skip

    # --------------------------------------------------------------- patients
    patients: list[dict] = []
    n_patients = 640
    for i in range(1, n_patients + 1):
        r = rng.random()
        if r < 0.12:
            age_target = rng.randint(1, 17)
        elif r < 0.62:
            age_target = rng.randint(18, 64)
        else:
            age_target = rng.randint(65, 94)
        birth = dt.date(LAST_DAY.year - age_target, 1, 1) - dt.timedelta(days=rng.randint(0, 364))
        birth = birth + dt.timedelta(days=134)
        s = rng.random()
        sex = "F" if s < 0.53 else "M" if s < 0.985 else "U"
        first = rng.choice(_FIRST_F if sex == "F" else _FIRST_M if sex == "M" else
                           _FIRST_F + _FIRST_M)  # fmt: skip
        last = rng.choice(_LAST)
        age = _age(birth, LAST_DAY)
        q = rng.random()
        if age >= 65:
            insurer = "Medicare Part D" if q < 0.8 else None if q < 0.9 else "Regence BlueCross"
        elif q < 0.17:
            insurer = None
        elif q < 0.32:
            insurer = "Medicaid"
        else:
            insurer = rng.choices([x[0] for x in _INSURERS], weights=[x[1] for x in _INSURERS])[0]
        if rng.random() < 0.88:
            reg = _rand_day(rng, dt.date(2012, 1, 1), dt.date(2024, 6, 30))
        else:
            reg = _rand_day(rng, dt.date(2024, 7, 1), LAST_DAY)
        reg = max(reg, birth)
        patients.append({"id": i, "first": first, "last": last, "birth": birth, "sex": sex,
                         "post": rng.choice(_POSTCODES), "ins": insurer, "reg": reg,
                         "age": age, "act": rng.paretovariate(3.0)})  # fmt: skip
    # name duplicates: two different Maria Garcias and two James Smiths
    patients[10].update(first="Maria", last="Garcia", sex="F")
    patients[211].update(first="Maria", last="Garcia", sex="F")
    patients[44].update(first="James", last="Smith", sex="M")
    patients[377].update(first="James", last="Smith", sex="M")
    # recently registered patients with nothing on file yet
    for p in patients[-12:]:
        p["reg"] = _rand_day(rng, dt.date(2025, 3, 1), LAST_DAY)
        p["act"] = 0.0
    _insert(con, "patient", [(p["id"], p["first"], p["last"], p["birth"], p["sex"], p["post"],
                              p["ins"], p["reg"]) for p in patients])  # fmt: skip

    # ------------------------------------------------------------ prescriptions
    by_spec: dict[str, list[dict]] = {}
    for p in prescribers:
        if p["active"]:
            by_spec.setdefault(p["spec"], []).append(p)
    rx_rows: list[tuple] = []
    disp_rows: list[tuple] = []
    rx_id = 1000
    for pat in patients:
        if pat["act"] == 0.0:
            continue
        n_rx = int(rng.expovariate(1 / 2.4) * pat["act"] * (1.4 if pat["age"] >= 65 else 1.0))
        n_rx = min(14, n_rx + (1 if rng.random() < 0.93 else 0))
        for _ in range(n_rx):
            cand = [d for d in drugs if d["pop"] > 0]
            weights = []
            for d in cand:
                w = d["pop"]
                if pat["age"] < 18:
                    kid = d["cls"] in _KID_CLASSES or d["form"] == "liq"
                    w *= 3.0 if kid else 0.05
                elif pat["age"] >= 65 and d["chronic"] and d["sched"] is None:
                    w *= 1.8
                if d["name"] == "Medroxyprogesterone" and pat["sex"] != "F":
                    w = 0.0
                if d["name"] == "Testosterone Cypionate" and pat["sex"] != "M":
                    w = 0.0
                weights.append(w)
            d = rng.choices(cand, weights=weights)[0]
            specs = _CLASS_SPEC[d["cls"]]
            if pat["age"] < 18 and "Pediatrics" in specs:
                spec = "Pediatrics"
            else:
                specs = [s for s in specs if s != "Pediatrics"] if pat["age"] >= 18 else specs
                spec = rng.choices(specs, weights=[4, 2, 1, 1][: len(specs)])[0]
            pool = [p for p in by_spec[spec] if d["sched"] is None or p["dea"] is not None]
            if not pool:
                pool = [p for p in by_spec["Family Medicine"] if p["dea"] is not None]
            presc = rng.choices(pool, weights=[p["w"] for p in pool])[0]
            lo = max(FIRST_RX_DAY, pat["reg"])
            if lo > LAST_DAY:
                continue
            rx_dt = _rand_day(rng, lo, LAST_DAY)
            qty, days, refills = _rx_shape(rng, d, pat["age"])
            rx_id += 1

            # ---- dispensing history of this prescription
            fills_used = 0
            events: list[tuple] = []
            if rng.random() < 0.065:
                start = None  # never picked up / never brought in
            else:
                delay = 0 if rng.random() < 0.55 else rng.randint(1, 4)
                if rng.random() < 0.06:
                    delay = rng.randint(7, 40)
                start = rx_dt + dt.timedelta(days=delay)
            day = start
            persistence = 0.93 if d["chronic"] else 0.4
            while day is not None and day <= LAST_DAY and fills_used <= refills:
                status = "filled"
                r = rng.random()
                if r < 0.035:
                    status = "returned_to_stock"
                elif r < 0.06:
                    status = "voided"
                fill_qty = qty
                if status == "filled" and rng.random() < 0.04:
                    fill_qty = max(1, int(qty * rng.choice([0.25, 0.5, 0.5, 0.75])))
                events.append((day, fill_qty, status))
                if status == "voided":
                    # re-entered correctly the same day
                    events.append((day, qty, "filled"))
                    fill_qty = qty
                    status = "filled"
                if status == "filled":
                    fills_used += 1
                    gap = max(1, int(days * fill_qty / qty)) + rng.randint(-3, 6)
                    if rng.random() > persistence:
                        break
                else:
                    gap = rng.randint(5, 30)
                    if rng.random() < 0.4:
                        break
                day = day + dt.timedelta(days=gap)
            refills_left = max(0, refills - max(0, fills_used - 1))
            rx_rows.append((rx_id, pat["id"], presc["id"], d["id"], rx_dt, qty, days, refills,
                            refills_left))  # fmt: skip
            for day, fill_qty, status in events:
                if day < FIRST_DAY:
                    continue
                price = round(fill_qty * d["cost"] * rng.uniform(1.18, 1.32) + 4.5, 2)
                if pat["ins"] is None:
                    pt_amt, ins_amt = price, None
                else:
                    gen_pay, brand_pay = _COPAY[pat["ins"]]
                    copay = gen_pay if d["gen"] == "Y" else brand_pay
                    if days >= 90 and pat["ins"] != "Medicaid":
                        copay *= 2
                    pt_amt = min(copay, price)
                    ins_amt = round(price - pt_amt, 2)
                disp_rows.append((rx_id, day, fill_qty, pt_amt, ins_amt,
                                  _pharmacist(rng, day), status))  # fmt: skip
    _insert(con, "rx", rx_rows)
    disp_rows.sort(key=lambda r: (r[1], r[0]))
    _insert(con, "dispense", [(i, *r) for i, r in enumerate(disp_rows, start=1)])

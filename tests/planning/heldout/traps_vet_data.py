"""Veterinary practice group test database (DuckDB, ``main`` schema).

A group of small-animal veterinary practices in Ireland. Each clinic employs vets; owners
("clients") register their pets with the group; a pet is seen by a vet at a clinic during a
visit (an appointment); the visit is billed on one or more invoices, which are paid in cash,
by card or by the pet's insurer.

The visit history starts on 2024-01-01 (some appointments for early 2024 were booked in
November or December 2023). The last day of the data is **2025-05-20** ("today" for every question:
"this year" is 2025, "last year" is 2024, "last month" is April 2025, "last quarter" is the
first quarter of 2025, January to March). Appointments already booked for dates after today
are in the data with status 'scheduled'. Money is in euro (``*_eur``), weights in kilograms
(``*_kg``), durations in minutes (``*_min``). Timestamps (``*_at``) are local clinic time;
dates are ``*_on``. The date of a visit is the day of its appointment (``appointment_at``)
unless a question names another date (booked, seen, closed). Owners are also called clients.

Tables
------

``clinics`` -- one row per clinic (practice branch).

* ``clinic_id`` (INTEGER, primary key).
* ``clinic_name`` (VARCHAR, unique): e.g. 'Dublin North', 'Cork City'.
* ``city`` (VARCHAR): town the clinic is in (two clinics are in Dublin).
* ``opened_on`` (DATE): day the clinic opened (Kilkenny opened in March 2025).
* ``has_surgery`` (BOOLEAN): true if the clinic has an operating theatre; surgery visits
  take place only at these clinics.
* ``exam_rooms`` (INTEGER): number of consulting rooms.

``vets`` -- veterinary surgeons, current and former. Each vet is based at one clinic; locum
vets and a few others also cover appointments at other clinics, so the clinic of a visit is
not always the vet's own clinic. Two different vets are both called 'Sean Murphy'.

* ``vet_id`` (INTEGER, primary key).
* ``full_name`` (VARCHAR): first name and surname (not unique).
* ``clinic_id`` (INTEGER, foreign key to ``clinics``): the clinic the vet is based at.
* ``specialty`` (VARCHAR): 'surgery', 'dentistry', 'exotics' (rabbits, birds, reptiles),
  'dermatology' or 'cardiology'; NULL for a general practitioner (GPs also do routine
  surgery such as neutering).
* ``is_locum`` (BOOLEAN): true for a locum (temporary cover) vet.
* ``hired_on`` (DATE): first working day.
* ``left_on`` (DATE): last working day; NULL = still working for the group.

``owners`` -- clients (pet owners). Different owners can share the same name.

* ``owner_id`` (INTEGER, primary key).
* ``first_name`` (VARCHAR), ``last_name`` (VARCHAR).
* ``email`` (VARCHAR): e-mail address; NULL when the client gave none.
* ``city`` (VARCHAR): town the client lives in.
* ``home_clinic_id`` (INTEGER, foreign key to ``clinics``): the clinic the client registered
  at (their usual clinic).
* ``registered_on`` (DATE): day the client registered with the group (can be years before
  2024). A few clients registered but have no pet on file.
* ``subscribed`` (BOOLEAN): true if the client receives the newsletter and reminders.

``pets`` -- one row per animal, including animals that have since died. Pet names repeat
across owners.

* ``pet_id`` (INTEGER, primary key).
* ``owner_id`` (INTEGER, foreign key to ``owners``).
* ``pet_name`` (VARCHAR).
* ``species`` (VARCHAR): 'dog', 'cat', 'rabbit', 'bird' or 'reptile'.
* ``breed`` (VARCHAR): breed name, 'Crossbreed' for mixed breeds; NULL when not recorded.
* ``sex`` (VARCHAR): 'M' = male, 'F' = female.
* ``born_on`` (DATE): date of birth; NULL when unknown (e.g. rescue animals).
* ``weight_kg`` (DECIMAL(5,2)): most recently recorded body weight in kg.
* ``vaccinated`` (BOOLEAN): true if the pet's core vaccinations are up to date today (always
  false for birds and reptiles, which have no core vaccinations).
* ``insured`` (BOOLEAN): true if the pet has pet insurance today.
* ``neutered`` (BOOLEAN): true if the pet is spayed/castrated.
* ``has_microchip`` (BOOLEAN): true if the pet is microchipped.
* ``deceased_on`` (DATE): date of death; NULL = alive.

``visits`` -- one row per appointment of one pet with one vet at one clinic.

* ``visit_id`` (INTEGER, primary key).
* ``pet_id`` (INTEGER, foreign key to ``pets``).
* ``vet_id`` (INTEGER, foreign key to ``vets``): vet the appointment is with.
* ``clinic_id`` (INTEGER, foreign key to ``clinics``): clinic where the appointment is.
* ``booked_at`` (TIMESTAMP): when the appointment was made.
* ``appointment_at`` (TIMESTAMP): start of the booked slot (after today for 'scheduled').
* ``seen_at`` (TIMESTAMP): when the consultation actually started; NULL unless 'completed'.
* ``closed_on`` (DATE): day the vet closed the case (notes and results complete); NULL while
  the case is still open and always NULL for visits that were not completed.
* ``status`` (VARCHAR): 'scheduled', 'completed', 'no_show' or 'cancelled' (see column
  comment). Only 'completed' visits actually took place.
* ``reason`` (VARCHAR): 'vaccination', 'checkup', 'illness', 'injury', 'dental', 'surgery'
  or 'follow_up'.
* ``is_emergency`` (BOOLEAN): true for emergency appointments (booked the same day).
* ``duration_min`` (INTEGER): length of the consultation in minutes; NULL unless completed.

``invoices`` -- bills raised for visits. A completed visit normally has one invoice; when the
pet is insured the bill is often split into an invoice to the insurer and one for the owner's
share; free follow-ups have no invoice; a no-show can be charged a no-show fee. An invoice
issued in error is voided and usually re-issued under a new number.

* ``invoice_id`` (INTEGER, primary key).
* ``invoice_no`` (VARCHAR, unique): e.g. 'INV-24-00017'.
* ``visit_id`` (INTEGER, foreign key to ``visits``).
* ``issued_on`` (DATE): day the invoice was issued.
* ``amount_billed_eur`` (DECIMAL(8,2)): amount invoiced in euro.
* ``amount_paid_eur`` (DECIMAL(8,2)): amount received so far in euro; 0 when nothing has been
  paid; can be less than the amount billed (part payment, insurer paid less).
* ``method`` (VARCHAR): how it was paid: 'cash', 'card' or 'insurance'; NULL when nothing has
  been paid.
* ``paid_on`` (DATE): day the payment was received; NULL when nothing has been paid.
* ``is_void`` (BOOLEAN): true if the invoice was cancelled; void invoices must be ignored in
  every count and total.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 5, 20)
HORIZON = dt.date(2025, 7, 31)  # last day appointments are booked for

# name, city, opened_on, has_surgery, exam_rooms, visit weight
_CLINICS = [
    ("Dublin North", "Dublin", dt.date(2009, 4, 6), True, 5, 10),
    ("Dublin South", "Dublin", dt.date(2014, 9, 1), True, 4, 9),
    ("Cork City", "Cork", dt.date(2011, 2, 14), True, 4, 8),
    ("Galway", "Galway", dt.date(2016, 6, 20), False, 3, 6),
    ("Limerick", "Limerick", dt.date(2019, 3, 11), False, 3, 5),
    ("Kilkenny", "Kilkenny", dt.date(2025, 3, 3), False, 2, 3),
]  # fmt: skip

# full_name, clinic index, specialty, is_locum, hired_on, left_on
_VETS = [
    ("Aoife Brennan", 0, None, False, dt.date(2012, 5, 1), None),
    ("Conor Walsh", 0, "surgery", False, dt.date(2015, 9, 14), None),
    ("Niamh O'Sullivan", 0, "dermatology", False, dt.date(2018, 1, 8), None),
    ("Sean Murphy", 0, None, False, dt.date(2021, 3, 1), None),
    ("Roisin Kelly", 1, "dentistry", False, dt.date(2016, 2, 1), None),
    ("Declan Byrne", 1, "surgery", False, dt.date(2014, 9, 1), dt.date(2024, 9, 30)),
    ("Orla Doyle", 1, None, False, dt.date(2020, 7, 6), None),
    ("Fiona Ryan", 1, "cardiology", False, dt.date(2024, 10, 7), None),
    ("Padraig Nolan", 2, "surgery", False, dt.date(2013, 4, 15), None),
    ("Sean Murphy", 2, None, False, dt.date(2017, 11, 20), None),
    ("Ciara McCarthy", 2, "exotics", False, dt.date(2019, 5, 13), None),
    ("Eimear Flynn", 2, None, False, dt.date(2022, 1, 10), dt.date(2025, 2, 28)),
    ("Brian Fitzgerald", 3, None, False, dt.date(2016, 6, 20), None),
    ("Sinead Quinn", 3, "exotics", False, dt.date(2021, 9, 6), None),
    ("Liam Gallagher", 3, None, False, dt.date(2023, 2, 1), None),
    ("Grainne Power", 4, None, False, dt.date(2019, 3, 11), None),
    ("Kevin Daly", 4, "dentistry", False, dt.date(2022, 8, 29), None),
    ("Maeve Carroll", 5, None, False, dt.date(2025, 2, 17), None),
    ("Tomas Hayes", 5, None, False, dt.date(2025, 5, 19), None),
    ("Ruth Keane", 0, None, True, dt.date(2023, 6, 1), None),
    ("Dara Lynch", 2, None, True, dt.date(2024, 2, 5), dt.date(2024, 12, 20)),
    ("Ailbhe Moran", 1, "surgery", True, dt.date(2024, 11, 4), None),
]  # fmt: skip

_FIRST = [
    "Mary", "John", "Patrick", "Siobhan", "Michael", "Anne", "Ciaran", "Deirdre", "Thomas",
    "Catherine", "James", "Emma", "Sarah", "David", "Laura", "Mark", "Rachel", "Paul", "Claire",
    "Eoin", "Aisling", "Cian", "Sophie", "Darragh", "Katie", "Shane", "Louise", "Barry",
    "Nuala", "Colm", "Yvonne", "Gerard", "Helen", "Peter", "Sorcha", "Ronan", "Julie", "Niall",
    "Karen", "Oisin", "Lisa", "Fergal", "Tara", "Enda", "Bridget", "Alan", "Una", "Marek",
    "Agnieszka", "Ana", "Lucas",
]  # fmt: skip
_LAST = [
    "Murphy", "Kelly", "O'Brien", "Walsh", "Smith", "O'Connor", "Ryan", "Byrne", "O'Neill",
    "Doyle", "McCarthy", "Gallagher", "Doherty", "Kennedy", "Lynch", "Murray", "Quinn", "Moore",
    "McLoughlin", "Carroll", "Connolly", "Daly", "Connell", "Wilson", "Dunne", "Brennan",
    "Burke", "Collins", "Campbell", "Clarke", "Johnston", "Hughes", "Farrell", "Fitzgerald",
    "Brown", "Martin", "Maguire", "Nolan", "Flynn", "Thompson", "Kowalski", "Silva", "Nowak",
]  # fmt: skip
_PET_NAMES = [
    "Bella", "Max", "Luna", "Charlie", "Milo", "Daisy", "Coco", "Buddy", "Rosie", "Bailey",
    "Molly", "Teddy", "Lola", "Oscar", "Poppy", "Alfie", "Ruby", "Loki", "Nala", "Simba",
    "Bonnie", "Rocky", "Lily", "Bruno", "Willow", "Murphy", "Misty", "Shadow", "Pepper",
    "Ziggy", "Archie", "Holly", "Toby", "Smokey", "Biscuit", "Jasper", "Maple", "Finn",
    "Hazel", "Juno", "Pickle", "Sox", "Tilly", "Bramble", "Fudge",
]  # fmt: skip
# species -> (share, breeds with weights, (min kg, max kg), vaccinated share, insured share)
_SPECIES = {
    "dog": (48, [("Labrador Retriever", 8), ("Cocker Spaniel", 5), ("Border Collie", 5),
                 ("Jack Russell Terrier", 5), ("Cavapoo", 4), ("German Shepherd", 3),
                 ("French Bulldog", 3), ("Golden Retriever", 3), ("Shih Tzu", 2),
                 ("Irish Setter", 1), ("Crossbreed", 8)], (4.0, 42.0), 0.8, 0.42),
    "cat": (38, [("Domestic Shorthair", 14), ("Domestic Longhair", 4), ("British Shorthair", 3),
                 ("Maine Coon", 2), ("Siamese", 2), ("Ragdoll", 2), ("Bengal", 1),
                 ("Crossbreed", 3)], (2.5, 7.5), 0.72, 0.26),
    "rabbit": (7, [("Netherland Dwarf", 2), ("Holland Lop", 3), ("Lionhead", 2),
                   ("Crossbreed", 2)], (1.0, 3.5), 0.55, 0.06),
    "bird": (4, [("Budgerigar", 3), ("Cockatiel", 2), ("African Grey", 1)], (0.03, 0.5),
             0.0, 0.0),
    "reptile": (3, [("Bearded Dragon", 3), ("Leopard Gecko", 2), ("Corn Snake", 1)],
                (0.05, 0.6), 0.0, 0.0),
}  # fmt: skip
# reason -> (weight, (min duration, max duration), (min price, max price))
_REASONS = {
    "vaccination": (20, (10, 20), (45, 78)),
    "checkup": (22, (15, 30), (48, 70)),
    "illness": (24, (15, 45), (60, 260)),
    "injury": (10, (20, 60), (80, 420)),
    "dental": (7, (30, 90), (150, 640)),
    "surgery": (6, (45, 180), (280, 1900)),
    "follow_up": (11, (10, 20), (30, 50)),
}  # fmt: skip

_DDL = """
CREATE TABLE clinics (
    clinic_id INTEGER PRIMARY KEY,
    clinic_name VARCHAR NOT NULL UNIQUE,
    city VARCHAR NOT NULL,
    opened_on DATE NOT NULL,
    has_surgery BOOLEAN NOT NULL,
    exam_rooms INTEGER NOT NULL
);
CREATE TABLE vets (
    vet_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL,
    clinic_id INTEGER NOT NULL REFERENCES clinics (clinic_id),
    specialty VARCHAR,
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
    registered_on DATE NOT NULL,
    subscribed BOOLEAN NOT NULL
);
CREATE TABLE pets (
    pet_id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES owners (owner_id),
    pet_name VARCHAR NOT NULL,
    species VARCHAR NOT NULL,
    breed VARCHAR,
    sex VARCHAR NOT NULL,
    born_on DATE,
    weight_kg DECIMAL(5, 2) NOT NULL,
    vaccinated BOOLEAN NOT NULL,
    insured BOOLEAN NOT NULL,
    neutered BOOLEAN NOT NULL,
    has_microchip BOOLEAN NOT NULL,
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
    is_emergency BOOLEAN NOT NULL,
    duration_min INTEGER
);
CREATE TABLE invoices (
    invoice_id INTEGER PRIMARY KEY,
    invoice_no VARCHAR NOT NULL UNIQUE,
    visit_id INTEGER NOT NULL REFERENCES visits (visit_id),
    issued_on DATE NOT NULL,
    amount_billed_eur DECIMAL(8, 2) NOT NULL,
    amount_paid_eur DECIMAL(8, 2) NOT NULL,
    method VARCHAR,
    paid_on DATE,
    is_void BOOLEAN NOT NULL
);
COMMENT ON COLUMN vets.specialty IS
    'surgery, dentistry, exotics (rabbits, birds, reptiles), dermatology, cardiology; '
    'NULL = general practitioner';
COMMENT ON COLUMN vets.left_on IS
    'Last working day; NULL = still working for the group';
COMMENT ON COLUMN pets.species IS
    'dog, cat, rabbit, bird or reptile';
COMMENT ON COLUMN pets.weight_kg IS
    'Most recent body weight in kilograms';
COMMENT ON COLUMN pets.vaccinated IS
    'True = core vaccinations up to date as of today';
COMMENT ON COLUMN pets.deceased_on IS
    'Date of death; NULL = alive';
COMMENT ON COLUMN visits.status IS
    'scheduled = booked for a future date, completed = pet was seen, '
    'no_show = owner did not turn up, cancelled = called off before the appointment';
COMMENT ON COLUMN visits.closed_on IS
    'Day the vet closed the case; NULL = case still open (or visit not completed)';
COMMENT ON COLUMN visits.duration_min IS
    'Consultation length in minutes; NULL unless completed';
COMMENT ON COLUMN invoices.amount_billed_eur IS
    'Amount invoiced, euro';
COMMENT ON COLUMN invoices.amount_paid_eur IS
    'Amount received so far, euro; 0 = nothing paid yet';
COMMENT ON COLUMN invoices.method IS
    'cash, card or insurance (paid by the insurer); NULL = nothing paid yet';
COMMENT ON COLUMN invoices.is_void IS
    'True = invoice cancelled; ignore void invoices in counts and totals';
"""

_DROP_ORDER = ["invoices", "visits", "pets", "owners", "vets", "clinics"]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _working(vet: dict, day: dt.date) -> bool:
    return vet["hired_on"] <= day and (vet["left_on"] is None or day <= vet["left_on"])


def _money(x: float) -> float:
    return round(x, 2)


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the veterinary tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------------- clinics
    clinics = []
    for i, (name, city, opened, surgery, _rooms, weight) in enumerate(_CLINICS, start=1):
        clinics.append({"id": i, "name": name, "city": city, "opened": opened,
                        "surgery": surgery, "weight": weight})  # fmt: skip
    _insert(con, "clinics", [(c["id"], c["name"], c["city"], c["opened"], c["surgery"],
                              _CLINICS[c["id"] - 1][4]) for c in clinics])  # fmt: skip

    # ---------------------------------------------------------------------- vets
    vets = []
    for i, (name, ci, spec, locum, hired, left) in enumerate(_VETS, start=1):
        vets.append({"id": i, "name": name, "clinic": ci + 1, "spec": spec, "locum": locum,
                     "hired_on": hired, "left_on": left})  # fmt: skip
    _insert(con, "vets", [(v["id"], v["name"], v["clinic"], v["spec"], v["locum"],
                           v["hired_on"], v["left_on"]) for v in vets])  # fmt: skip

    # -------------------------------------------------------------------- owners
    owners = []
    towns = {1: ["Dublin", "Swords", "Malahide"], 2: ["Dublin", "Dun Laoghaire", "Bray"],
             3: ["Cork", "Cobh", "Ballincollig"], 4: ["Galway", "Oranmore"],
             5: ["Limerick", "Ennis"], 6: ["Kilkenny", "Thomastown"]}  # fmt: skip
    n_owners = 560
    for i in range(1, n_owners + 1):
        clinic = rng.choices(clinics, weights=[c["weight"] for c in clinics])[0]
        if clinic["id"] == 6:
            reg = clinic["opened"] + dt.timedelta(
                days=rng.randint(0, (LAST_DAY - clinic["opened"]).days)
            )
        else:
            start = max(clinic["opened"], dt.date(2010, 1, 1))
            span = (LAST_DAY - start).days
            reg = start + dt.timedelta(days=int(span * rng.random() ** 0.7))
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        email = (
            None
            if rng.random() < 0.14
            else (
                f"{first.lower()}.{last.lower().replace(chr(39), '')}{rng.randint(1, 99)}@"
                + rng.choice(["gmail.com", "eircom.net", "outlook.ie", "yahoo.ie"])
            )
        )
        owners.append({"id": i, "first": first, "last": last, "email": email,
                       "city": rng.choice(towns[clinic["id"]]), "clinic": clinic["id"],
                       "reg": reg, "sub": rng.random() < 0.55})  # fmt: skip
    # two clients named Mary Murphy (different towns)
    owners[10].update(first="Mary", last="Murphy")
    owners[300].update(first="Mary", last="Murphy")
    _insert(con, "owners", [(o["id"], o["first"], o["last"], o["email"], o["city"], o["clinic"],
                             o["reg"], o["sub"]) for o in owners])  # fmt: skip

    # ---------------------------------------------------------------------- pets
    pets = []
    species_list = list(_SPECIES)
    for o in owners:
        r = rng.random()
        n = 0 if r < 0.03 else 1 if r < 0.62 else 2 if r < 0.88 else 3 if r < 0.97 else 4
        if o["id"] in (11, 301):
            n = max(n, 2)
        first_species = None
        for _ in range(n):
            if first_species and rng.random() < 0.55:
                sp = first_species
            else:
                sp = rng.choices(species_list, weights=[_SPECIES[s][0] for s in species_list])[0]
            first_species = first_species or sp
            _, breeds, (lo, hi), vacc, ins = _SPECIES[sp]
            breed = rng.choices([b for b, _ in breeds], weights=[w for _, w in breeds])[0]
            if rng.random() < 0.05:
                breed = None
            max_age = {"dog": 15, "cat": 19, "rabbit": 10, "bird": 20, "reptile": 14}[sp]
            born = LAST_DAY - dt.timedelta(days=rng.randint(60, max_age * 365))
            if born < o["reg"] - dt.timedelta(days=3650):
                born = o["reg"] - dt.timedelta(days=rng.randint(100, 3000))
            born_known = rng.random() > 0.06
            weight = rng.uniform(lo, hi)
            if sp == "dog" and breed in ("Jack Russell Terrier", "Shih Tzu", "Cavapoo"):
                weight = rng.uniform(4.0, 10.0)
            dead = None
            if rng.random() < 0.06:
                dead = FIRST_DAY + dt.timedelta(
                    days=rng.randint(20, (LAST_DAY - FIRST_DAY).days - 5)
                )
            pets.append({
                "id": len(pets) + 1, "owner": o["id"], "name": rng.choice(_PET_NAMES),
                "species": sp, "breed": breed, "sex": rng.choice("MF"),
                "born": born, "born_known": born_known, "weight": round(weight, 2 if weight < 1 else 1),  # noqa: E501
                "vacc": rng.random() < vacc, "ins": rng.random() < ins,
                "neut": rng.random() < (0.75 if sp in ("dog", "cat") else 0.3),
                "chip": rng.random() < (0.93 if sp in ("dog", "cat") else 0.1),
                "dead": dead, "clinic": o["clinic"], "reg": o["reg"],
            })  # fmt: skip
    _insert(con, "pets", [(p["id"], p["owner"], p["name"], p["species"], p["breed"], p["sex"],
                           p["born"] if p["born_known"] else None, p["weight"], p["vacc"],
                           p["ins"], p["neut"], p["chip"], p["dead"]) for p in pets])  # fmt: skip

    # -------------------------------------------------------------------- visits
    visits = []
    today_end = dt.datetime.combine(LAST_DAY, dt.time(23, 59))
    reasons = list(_REASONS)
    for p in pets:
        rate = {"dog": 5.0, "cat": 3.8, "rabbit": 3.0, "bird": 1.4, "reptile": 1.6}[p["species"]]
        rate *= rng.choice([0.2, 0.6, 1.0, 1.0, 1.4, 2.0])
        start = max(FIRST_DAY, p["reg"], p["born"] + dt.timedelta(days=45))
        end = HORIZON if p["dead"] is None else p["dead"]
        if start > end:
            continue
        span = (end - start).days
        n = int(rate * span / 365 + rng.random())
        for _ in range(n):
            day = start + dt.timedelta(days=rng.randint(0, span))
            if day.weekday() == 6:
                day += dt.timedelta(days=1)
                if day > end:
                    continue
            clinic_id = p["clinic"] if rng.random() < 0.9 else rng.choice([1, 2, 3, 4, 5])
            if clinics[clinic_id - 1]["opened"] > day:
                clinic_id = rng.choice([1, 2, 3])
            reason = rng.choices(reasons, weights=[_REASONS[r][0] for r in reasons])[0]
            if p["species"] in ("bird", "reptile") and reason in ("vaccination", "dental"):
                reason = "checkup"
            if reason == "surgery" and not clinics[clinic_id - 1]["surgery"]:
                clinic_id = rng.choice([1, 2, 3]) if clinic_id != 4 else 1
            # vet: own clinic staff, specialist when it fits, sometimes a cover vet
            staff = [v for v in vets if _working(v, day) and v["clinic"] == clinic_id]
            cover = [v for v in vets if _working(v, day) and v["clinic"] != clinic_id
                     and (v["locum"] or v["id"] in (4, 15))]  # fmt: skip
            pref = []
            if reason == "surgery":
                pref = [v for v in staff if v["spec"] == "surgery"]
            elif reason == "dental":
                pref = [v for v in staff if v["spec"] == "dentistry"]
            elif p["species"] in ("rabbit", "bird", "reptile"):
                pref = [v for v in staff if v["spec"] == "exotics"]
            if pref and rng.random() < 0.75:
                vet = rng.choice(pref)
            elif cover and (not staff or rng.random() < 0.08):
                vet = rng.choice(cover)
            elif staff:
                vet = rng.choice(staff)
            else:
                continue
            if vet["id"] == 19 and day <= LAST_DAY:  # brand-new vet: future appointments only
                continue
            emergency = reason in ("illness", "injury") and rng.random() < 0.22
            slot = dt.datetime.combine(
                day, dt.time(rng.randint(8, 18), rng.choice([0, 15, 30, 45]))
            )
            if emergency:
                booked = slot - dt.timedelta(minutes=rng.randint(20, 300))
            else:
                lead = rng.choice([0, 1, 2, 3, 5, 7, 7, 10, 14, 14, 21, 28, 35, 42, 60])
                booked = slot - dt.timedelta(days=lead, hours=rng.randint(1, 10),
                                             minutes=rng.randint(0, 59))  # fmt: skip
            if booked > today_end:
                continue
            if slot > today_end:
                status = "cancelled" if rng.random() < 0.08 else "scheduled"
            else:
                r = rng.random()
                status = (
                    "completed"
                    if r < 0.84 or emergency
                    else "no_show"
                    if r < 0.905
                    else "cancelled"
                )
            seen = closed = dur = None
            if status == "completed":
                seen = slot + dt.timedelta(minutes=rng.randint(-5, 35))
                lo, hi = _REASONS[reason][1]
                dur = rng.randint(lo, hi)
                r = rng.random()
                if r < 0.03 or (day > LAST_DAY - dt.timedelta(days=12) and r < 0.35):
                    closed = None
                else:
                    closed = day + dt.timedelta(
                        days=rng.choice([0, 0, 0, 0, 0, 1, 1, 2, 3, 5, 7, 10, 11, 14, 21])
                    )
                    if closed > LAST_DAY:
                        closed = None
            visits.append({"pet": p, "vet": vet["id"], "clinic": clinic_id, "booked": booked,
                           "slot": slot, "seen": seen, "closed": closed, "status": status,
                           "reason": reason, "emergency": emergency, "dur": dur})  # fmt: skip
    visits.sort(key=lambda v: (v["slot"], v["pet"]["id"]))
    for i, v in enumerate(visits, start=1):
        v["id"] = i
    _insert(con, "visits", [(v["id"], v["pet"]["id"], v["vet"], v["clinic"], v["booked"], v["slot"],
                             v["seen"], v["closed"], v["status"], v["reason"], v["emergency"],
                             v["dur"]) for v in visits])  # fmt: skip

    # ------------------------------------------------------------------ invoices
    invoices = []

    def pay(issued: dt.date, amount: float, method: str, delay: int, part: bool) -> tuple:
        paid_on = issued + dt.timedelta(days=delay)
        if paid_on > LAST_DAY:
            return (0.0, None, None)
        paid = _money(amount * rng.uniform(0.4, 0.9)) if part else amount
        return (paid, method, paid_on)

    for v in visits:
        if v["status"] == "no_show":
            if rng.random() < 0.5:
                issued = v["slot"].date() + dt.timedelta(days=1)
                if issued > LAST_DAY:
                    continue
                paid = (
                    pay(issued, 30.0, "card", rng.randint(0, 20), False)
                    if rng.random() < 0.45
                    else (0.0, None, None)
                )
                invoices.append([v["id"], issued, 30.0, *paid, False])
            continue
        if v["status"] != "completed":
            continue
        if v["reason"] == "follow_up" and rng.random() < 0.6:
            continue
        lo, hi = _REASONS[v["reason"]][2]
        total = _money(lo + (hi - lo) * rng.random() ** 1.6)
        issued = v["seen"].date()
        owner_method = "card" if rng.random() < 0.7 else "cash"
        if v["pet"]["ins"] and total > 150 and rng.random() < 0.75:
            excess = _money(min(total, rng.choice([75.0, 100.0, 125.0])))
            insurer = _money(total - excess)
            if insurer > 0:
                short = rng.random() < 0.12
                ins_paid = pay(issued, insurer, "insurance", rng.randint(8, 55), short)
                invoices.append([v["id"], issued, insurer, *ins_paid, False])
            own_paid = pay(
                issued,
                excess,
                owner_method,
                0 if rng.random() < 0.8 else rng.randint(1, 30),
                rng.random() < 0.03,
            )
            invoices.append([v["id"], issued, excess, *own_paid, False])
        else:
            r = rng.random()
            delay = 0 if r < 0.8 else rng.randint(1, 45)
            own = pay(issued, total, owner_method, delay, rng.random() < 0.04)
            if rng.random() < 0.04:
                own = (0.0, None, None)
            invoices.append([v["id"], issued, total, *own, False])
        if rng.random() < 0.035:  # first invoice issued in error: void, re-issued
            bad = invoices[-1]
            redo = list(bad)
            bad[3:6] = [0.0, None, None]
            bad[6] = True
            bad[2] = _money(bad[2] * rng.choice([1.1, 0.9, 1.25]))
            redo[1] = min(LAST_DAY, bad[1] + dt.timedelta(days=rng.randint(0, 3)))
            if redo[5] is not None and redo[5] < redo[1]:
                redo[5] = redo[1]
            if redo[5] is not None and redo[5] > LAST_DAY:
                redo[3:6] = [0.0, None, None]
            invoices.append(redo)
    invoices.sort(key=lambda r: (r[1], r[0]))
    rows = []
    for i, (visit_id, issued, billed, paid, method, paid_on, void) in enumerate(invoices, start=1):
        no = f"INV-{issued.year % 100:02d}-{i:05d}"
        rows.append((i, no, visit_id, issued, billed, paid, method, paid_on, void))
    _insert(con, "invoices", rows)

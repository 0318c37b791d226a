"""Car rental test database (DuckDB, ``main`` schema).

A car rental company rents cars and vans from branches in Germany and Austria. Customers
book a vehicle, pick it up at a branch and return it at the same or another branch (a
"one-way" rental). After the return, damage found on the vehicle is recorded as a damage
claim against the rental.

The data covers rentals starting from 2023-01-01 up to and including **2025-06-18**, which
is the last day of the data ("today" for every question; "this year" is 2025, "this month"
is June 2025 up to today, "last month" is May 2025, "last quarter" is January-March 2025,
"last year" is 2024). Reservations for pickups after today are already in the data (status
'R'). Vehicles, customers and branches can date from before 2023. Money is in euros
(``*_eur``), distances in kilometres (``*_km``), fuel/charge levels in percent (``*_pct``).
Timestamps (``*_ts``) are local branch time; dates end in ``_dt`` (or ``_dob``). Boolean
columns end in ``_flg``. Code columns hold short upper-case codes; the allowed codes are
listed below and their meanings are stated in the column comments (``COMMENT ON COLUMN``,
see ``_DDL``).

Tables
------

``brnch`` -- one row per rental branch (station), current and closed.

* ``brnch_id`` (INTEGER, primary key): branch identifier.
* ``brnch_code`` (VARCHAR, unique): short code, IATA/city code plus site, e.g. 'MUC-APT'.
* ``brnch_name`` (VARCHAR): site name within the city, e.g. 'Airport', 'Hauptbahnhof'
  (main railway station). The same name is used in several cities, so a branch is
  identified by city plus name (or by its code).
* ``brnch_city`` (VARCHAR): city in English, e.g. 'Munich', 'Vienna'.
* ``brnch_country`` (VARCHAR): ISO 3166 two-letter country code, 'DE' or 'AT'.
* ``airport_flg`` (BOOLEAN): true if the branch is located at an airport.
* ``opened_dt`` (DATE): day the branch opened.
* ``closed_dt`` (DATE): day the branch closed for good; NULL = still operating.

``veh`` -- one row per vehicle in the fleet, current and retired (sold).

* ``veh_id`` (INTEGER, primary key): vehicle identifier.
* ``plate_no`` (VARCHAR, unique): licence plate, e.g. 'M-CR 4411'.
* ``veh_make`` (VARCHAR): manufacturer, e.g. 'Volkswagen', 'Toyota'.
* ``veh_mdl`` (VARCHAR): model name, e.g. 'Golf', 'Transit Custom'.
* ``veh_cat`` (VARCHAR): rental category code, one of 'ECON' (economy), 'COMP' (compact),
  'SUV' (sport utility vehicle) or 'VAN' (van / minibus).
* ``fuel_typ`` (VARCHAR): drive code, 'P' (petrol), 'D' (diesel), 'H' (petrol hybrid) or
  'E' (battery electric).
* ``veh_yr`` (INTEGER): model year.
* ``home_brnch_id`` (INTEGER, foreign key to ``brnch``): branch the vehicle belongs to
  (where it is normally picked up and serviced).
* ``acq_dt`` (DATE): day the vehicle joined the fleet.
* ``retired_dt`` (DATE): day the vehicle left the fleet (sold); NULL = still in the fleet.

``cust`` -- one row per registered customer (client / renter / driver).

* ``cust_id`` (INTEGER, primary key): customer number.
* ``cust_fname`` (VARCHAR), ``cust_lname`` (VARCHAR): first name and surname. Names are not
  unique; several customers share the same full name.
* ``cust_email`` (VARCHAR): e-mail address; NULL when the customer gave none.
* ``cust_dob`` (DATE): date of birth.
* ``cust_lic_country`` (VARCHAR): ISO 3166 two-letter code of the country that issued the
  driving licence, e.g. 'DE', 'AT', 'GB', 'US'.
* ``cust_lic_dt`` (DATE): day the driving licence was first issued.
* ``cust_tier`` (VARCHAR): loyalty tier code, 'B' (basic), 'S' (silver) or 'G' (gold).
* ``reg_dt`` (DATE): day the customer registered (can be before 2023).

``rnt`` -- one row per rental agreement (booking), including cancelled bookings and future
reservations.

* ``rnt_id`` (INTEGER, primary key): rental (agreement) number.
* ``cust_id`` (INTEGER, foreign key to ``cust``): customer who rents (the main driver).
* ``veh_id`` (INTEGER, foreign key to ``veh``): vehicle rented.
* ``pickup_brnch_id`` (INTEGER, foreign key to ``brnch``): branch where the vehicle is
  (or was to be) picked up.
* ``return_brnch_id`` (INTEGER, foreign key to ``brnch``): branch where the vehicle is (or
  was to be) returned; differs from the pickup branch for one-way rentals.
* ``booked_ts`` (TIMESTAMP): when the booking was made (up to two months before pickup, so
  some early-2023 rentals were booked in late 2022; never after today).
* ``rnt_start_ts`` (TIMESTAMP): pickup time; for reservations ('R') and cancelled bookings
  ('X') the booked pickup time.
* ``rnt_end_ts`` (TIMESTAMP): return time; for 'R' and 'X' the booked return time; NULL
  for an open rental ('O', vehicle still out).
* ``odo_start_km`` (INTEGER): odometer reading at pickup in km; NULL for 'R' and 'X'.
* ``odo_end_km`` (INTEGER): odometer reading at return in km; set only for closed rentals
  ('C'). Distance driven = ``odo_end_km - odo_start_km``.
* ``fuel_lvl_pct`` (INTEGER): tank level (battery charge for electric cars) at return, in
  percent 0-100; NULL unless closed, and NULL for some closed rentals where it was not
  recorded. Vehicles are handed out full (100).
* ``daily_rate_eur`` (DECIMAL(6,2)): agreed price per rental day in EUR (incl. VAT,
  excluding insurance).
* ``ins_flg`` (BOOLEAN): true if the customer took the optional damage insurance
  (collision damage waiver).
* ``rnt_sts`` (VARCHAR): status code, one of 'O', 'C', 'X', 'R' (see column comment).
  Cancelled bookings ('X') never took place: the vehicle was not handed out and nothing
  was charged.

``dmg_claim`` -- damage claims, one row per damage found on a returned vehicle. A rental
can have several claims. Claims exist only for closed rentals.

* ``claim_id`` (INTEGER, primary key).
* ``rnt_id`` (INTEGER, foreign key to ``rnt``): rental during which the damage occurred.
* ``dmg_typ`` (VARCHAR): damage type code, one of 'SCR', 'DNT', 'GLS', 'TYR', 'MEC', 'INT'
  (see column comment).
* ``claim_amt_eur`` (DECIMAL(8,2)): estimated repair cost claimed, in EUR.
* ``rptd_dt`` (DATE): day the damage was reported (on or after the return day).
* ``settled_dt`` (DATE): day the claim was settled (closed with a payment); NULL = not
  settled yet (still open) or voided.
* ``settled_amt_eur`` (DECIMAL(8,2)): amount finally paid in EUR; NULL unless settled.
* ``void_flg`` (BOOLEAN): true if the claim was withdrawn as a mistake (no damage after
  all); voided claims must be ignored in counts and totals.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 6, 18)
_END = dt.datetime(2025, 6, 18, 23, 59, 59)
_BOOKING_HORIZON = dt.date(2025, 8, 31)

# id, code, name, city, country, airport, opened, closed, weight (share of the fleet)
_BRANCHES = [
    (1, "MUC-HBF", "Hauptbahnhof", "Munich", "DE", False, dt.date(2014, 3, 1), None, 9),
    (2, "MUC-APT", "Airport", "Munich", "DE", True, dt.date(2011, 5, 2), None, 12),
    (3, "BER-HBF", "Hauptbahnhof", "Berlin", "DE", False, dt.date(2016, 7, 1), None, 8),
    (4, "BER-APT", "Airport", "Berlin", "DE", True, dt.date(2020, 10, 31), None, 10),
    (5, "FRA-APT", "Airport", "Frankfurt", "DE", True, dt.date(2009, 4, 1), None, 11),
    (6, "HAM-HBF", "Hauptbahnhof", "Hamburg", "DE", False, dt.date(2018, 2, 15), None, 7),
    (7, "CGN-CTY", "Innenstadt", "Cologne", "DE", False, dt.date(2019, 9, 1),
     dt.date(2024, 9, 30), 5),
    (8, "VIE-APT", "Airport", "Vienna", "AT", True, dt.date(2021, 4, 1), None, 7),
    (9, "VIE-WBF", "Westbahnhof", "Vienna", "AT", False, dt.date(2022, 5, 16), None, 5),
    (10, "LEJ-HBF", "Hauptbahnhof", "Leipzig", "DE", False, dt.date(2025, 6, 16), None, 0),
]  # fmt: skip
_PLATE_PREFIX = {1: "M", 2: "M", 3: "B", 4: "B", 5: "F", 6: "HH", 7: "K", 8: "W", 9: "W",
                 10: "L"}  # fmt: skip

# category -> [(make, model, fuel codes to choose from), ...]
_MODELS = {
    "ECON": [("Fiat", "500", "PH"), ("Volkswagen", "Polo", "P"), ("Renault", "Clio", "PD"),
             ("Opel", "Corsa", "PE"), ("Peugeot", "208", "PE"), ("Toyota", "Yaris", "H")],
    "COMP": [("Volkswagen", "Golf", "PDH"), ("Ford", "Focus", "PD"), ("Toyota", "Corolla", "H"),
             ("Skoda", "Octavia", "PD"), ("Volkswagen", "ID.3", "E"), ("Opel", "Astra", "PD")],
    "SUV": [("Volkswagen", "Tiguan", "PD"), ("BMW", "X3", "DH"), ("Toyota", "RAV4", "H"),
            ("Skoda", "Kodiaq", "D"), ("Tesla", "Model Y", "E"), ("Peugeot", "3008", "PH")],
    "VAN": [("Ford", "Transit Custom", "D"), ("Mercedes-Benz", "Vito", "D"),
            ("Volkswagen", "Transporter", "D"), ("Renault", "Trafic", "D")],
}  # fmt: skip
_CAT_WEIGHT = {"ECON": 30, "COMP": 32, "SUV": 24, "VAN": 14}
_BASE_RATE = {"ECON": 39.0, "COMP": 51.0, "SUV": 78.0, "VAN": 94.0}
_KM_PER_DAY = {"ECON": 95, "COMP": 120, "SUV": 135, "VAN": 85}

_FIRST = [
    "Anna", "Lukas", "Sophie", "Maximilian", "Laura", "Felix", "Julia", "Jonas", "Lea", "Paul",
    "Marie", "Leon", "Emma", "Tobias", "Hannah", "David", "Sarah", "Daniel", "Lisa", "Michael",
    "James", "Emily", "Oliver", "Charlotte", "Pierre", "Camille", "Marco", "Giulia", "Jan",
    "Katarzyna", "Carlos", "Lucia", "Thomas", "Sabine", "Stefan", "Petra", "Noah", "Mia",
]  # fmt: skip
_LAST = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
    "Schulz", "Koch", "Richter", "Klein", "Wolf", "Gruber", "Huber", "Bauer", "Steiner", "Moser",
    "Smith", "Jones", "Brown", "Taylor", "Dubois", "Martin", "Rossi", "Bianchi", "Kowalski",
    "Nowak", "Garcia", "Lopez", "de Vries", "Jansen", "Novak", "Horvath", "Peters",
]  # fmt: skip
# licence country -> weight
_LIC_COUNTRIES = {"DE": 52, "AT": 14, "CH": 4, "NL": 5, "FR": 4, "IT": 4, "PL": 4, "GB": 5,
                  "US": 5, "ES": 2, "CZ": 2, "HU": 1}  # fmt: skip
_DMG = {  # type -> (weight, min eur, max eur)
    "SCR": (40, 120, 650), "DNT": (24, 250, 1800), "GLS": (12, 180, 1100),
    "TYR": (10, 90, 480), "MEC": (6, 600, 4200), "INT": (8, 60, 700),
}  # fmt: skip

_DDL = """
CREATE TABLE brnch (
    brnch_id INTEGER PRIMARY KEY,
    brnch_code VARCHAR NOT NULL UNIQUE,
    brnch_name VARCHAR NOT NULL,
    brnch_city VARCHAR NOT NULL,
    brnch_country VARCHAR NOT NULL,
    airport_flg BOOLEAN NOT NULL,
    opened_dt DATE NOT NULL,
    closed_dt DATE
);
CREATE TABLE veh (
    veh_id INTEGER PRIMARY KEY,
    plate_no VARCHAR NOT NULL UNIQUE,
    veh_make VARCHAR NOT NULL,
    veh_mdl VARCHAR NOT NULL,
    veh_cat VARCHAR NOT NULL,
    fuel_typ VARCHAR NOT NULL,
    veh_yr INTEGER NOT NULL,
    home_brnch_id INTEGER NOT NULL REFERENCES brnch (brnch_id),
    acq_dt DATE NOT NULL,
    retired_dt DATE
);
CREATE TABLE cust (
    cust_id INTEGER PRIMARY KEY,
    cust_fname VARCHAR NOT NULL,
    cust_lname VARCHAR NOT NULL,
    cust_email VARCHAR,
    cust_dob DATE NOT NULL,
    cust_lic_country VARCHAR NOT NULL,
    cust_lic_dt DATE NOT NULL,
    cust_tier VARCHAR NOT NULL,
    reg_dt DATE NOT NULL
);
CREATE TABLE rnt (
    rnt_id INTEGER PRIMARY KEY,
    cust_id INTEGER NOT NULL REFERENCES cust (cust_id),
    veh_id INTEGER NOT NULL REFERENCES veh (veh_id),
    pickup_brnch_id INTEGER NOT NULL REFERENCES brnch (brnch_id),
    return_brnch_id INTEGER NOT NULL REFERENCES brnch (brnch_id),
    booked_ts TIMESTAMP NOT NULL,
    rnt_start_ts TIMESTAMP NOT NULL,
    rnt_end_ts TIMESTAMP,
    odo_start_km INTEGER,
    odo_end_km INTEGER,
    fuel_lvl_pct INTEGER,
    daily_rate_eur DECIMAL(6, 2) NOT NULL,
    ins_flg BOOLEAN NOT NULL,
    rnt_sts VARCHAR NOT NULL
);
CREATE TABLE dmg_claim (
    claim_id INTEGER PRIMARY KEY,
    rnt_id INTEGER NOT NULL REFERENCES rnt (rnt_id),
    dmg_typ VARCHAR NOT NULL,
    claim_amt_eur DECIMAL(8, 2) NOT NULL,
    rptd_dt DATE NOT NULL,
    settled_dt DATE,
    settled_amt_eur DECIMAL(8, 2),
    void_flg BOOLEAN NOT NULL
);
COMMENT ON COLUMN brnch.airport_flg IS
    'True = branch located at an airport terminal';
COMMENT ON COLUMN veh.veh_cat IS
    'ECON = economy, COMP = compact, SUV = sport utility vehicle, VAN = van / minibus';
COMMENT ON COLUMN veh.fuel_typ IS
    'P = petrol, D = diesel, H = petrol hybrid, E = battery electric';
COMMENT ON COLUMN cust.cust_lic_country IS
    'ISO 3166-1 alpha-2 code of the country that issued the driving licence';
COMMENT ON COLUMN cust.cust_tier IS
    'Loyalty tier: B = basic, S = silver, G = gold';
COMMENT ON COLUMN rnt.rnt_sts IS
    'O = open (car out), C = closed (returned), X = cancelled (never happened), R = reserved';
COMMENT ON COLUMN rnt.daily_rate_eur IS
    'Price per rental day in EUR incl. VAT, excluding insurance';
COMMENT ON COLUMN rnt.ins_flg IS
    'True = customer took the optional damage insurance (CDW)';
COMMENT ON COLUMN rnt.odo_start_km IS
    'Odometer at pickup in km; NULL for R and X';
COMMENT ON COLUMN rnt.odo_end_km IS
    'Odometer at return in km; NULL unless C';
COMMENT ON COLUMN rnt.fuel_lvl_pct IS
    'Tank (or battery) level at return in percent 0-100; NULL unless C or not recorded';
COMMENT ON COLUMN dmg_claim.dmg_typ IS
    'SCR = scratch, DNT = dent, GLS = glass, TYR = tyre/wheel, MEC = mechanical, INT = interior';
COMMENT ON COLUMN dmg_claim.void_flg IS
    'True = claim withdrawn as a mistake; ignore voided claims in counts and totals';
COMMENT ON COLUMN dmg_claim.settled_dt IS
    'Day the claim was settled; NULL = still open or voided';
"""

_DROP_ORDER = ["dmg_claim", "rnt", "cust", "veh", "brnch"]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _age(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _ts(day: dt.date, rng: random.Random, lo: int = 7, hi: int = 20) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(lo, hi), rng.choice(range(0, 60, 5))))


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the car rental tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------------ branches
    _insert(con, "brnch", [b[:8] for b in _BRANCHES])
    branch = {b[0]: b for b in _BRANCHES}

    def _open(bid: int, day: dt.date) -> bool:
        b = branch[bid]
        return b[6] <= day and (b[7] is None or day <= b[7])

    # ------------------------------------------------------------------ vehicles
    vehicles: list[dict] = []
    plates: set[str] = set()
    homes = [b[0] for b in _BRANCHES if b[8] > 0]
    home_w = [b[8] for b in _BRANCHES if b[8] > 0]
    cats = list(_CAT_WEIGHT)
    for _ in range(78):
        home = rng.choices(homes, weights=home_w)[0]
        cat = rng.choices(cats, weights=[_CAT_WEIGHT[c] for c in cats])[0]
        make, model, fuels = rng.choice(_MODELS[cat])
        acq = dt.date(2021, 6, 1) + dt.timedelta(days=rng.randint(0, 1380))
        acq = max(acq, branch[home][6])
        retired = None
        if branch[home][7] is not None:
            retired = branch[home][7]  # fleet of the closed branch was sold at closing
            acq = min(acq, dt.date(2023, 6, 1))
        elif acq < dt.date(2022, 9, 1) and rng.random() < 0.4:
            retired = acq + dt.timedelta(days=rng.randint(700, 1100))
            if retired >= LAST_DAY:
                retired = None
        vehicles.append({
            "home": home, "cat": cat, "make": make, "model": model,
            "fuel": rng.choice(fuels),
            "year": acq.year - (1 if acq.month < 4 and rng.random() < 0.5 else 0),
            "acq": acq, "retired": retired,
            "km": 0 if rng.random() < 0.8 else rng.randint(8000, 35000),
        })  # fmt: skip
    # three new cars for the new Leipzig branch (no rentals yet), one brand-new Munich car
    for make, model, cat, fuel in [("Volkswagen", "Polo", "ECON", "P"),
                                   ("Skoda", "Octavia", "COMP", "D"),
                                   ("Ford", "Transit Custom", "VAN", "D")]:  # fmt: skip
        vehicles.append(
            {
                "home": 10,
                "cat": cat,
                "make": make,
                "model": model,
                "fuel": fuel,
                "year": 2025,
                "acq": dt.date(2025, 6, 10),
                "retired": None,
                "km": 0,
            }
        )
    vehicles.append(
        {
            "home": 2,
            "cat": "SUV",
            "make": "BMW",
            "model": "X3",
            "fuel": "H",
            "year": 2025,
            "acq": dt.date(2025, 6, 17),
            "retired": None,
            "km": 0,
        }
    )
    vehicles.sort(key=lambda v: (v["acq"], v["home"]))
    for i, v in enumerate(vehicles, start=1):
        v["id"] = i
        while True:
            plate = (
                f"{_PLATE_PREFIX[v['home']]}-{rng.choice('ACRSXV')}{rng.choice('ARTV')} "
                f"{rng.randint(100, 9999)}"
            )
            if plate not in plates:
                plates.add(plate)
                break
        v["plate"] = plate
    veh_rows = [(v["id"], v["plate"], v["make"], v["model"], v["cat"], v["fuel"], v["year"],
                 v["home"], v["acq"], v["retired"]) for v in vehicles]  # fmt: skip
    _insert(con, "veh", veh_rows)

    # ----------------------------------------------------------------- customers
    customers: list[dict] = []
    countries = list(_LIC_COUNTRIES)
    for i in range(1, 1101):
        fname, lname = rng.choice(_FIRST), rng.choice(_LAST)
        dob = dt.date(1944, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 57 + 14))
        if rng.random() < 0.12:  # young drivers
            dob = dt.date(1999, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 4))
        country = rng.choices(countries, weights=[_LIC_COUNTRIES[c] for c in countries])[0]
        lic = dob + dt.timedelta(
            days=365 * 18 + rng.randint(0, 365 * 6 if dob.year < 1999 else 700)
        )
        customers.append({
            "id": i, "fname": fname, "lname": lname, "email": None, "dob": dob,
            "country": country, "lic": lic, "w": rng.paretovariate(1.6),
            "active": rng.random() > 0.13, "first": None, "n": 0,
        })  # fmt: skip
    # two pairs of namesakes with different licence countries
    customers[40].update(fname="Anna", lname="Schmidt", country="DE")
    customers[517].update(fname="Anna", lname="Schmidt", country="AT")
    customers[77].update(fname="James", lname="Smith", country="GB")
    customers[802].update(fname="James", lname="Smith", country="US")
    emails: set[str] = set()
    for c in customers:
        if rng.random() < 0.09:
            continue  # no e-mail given
        dom = rng.choice(["gmail.com", "web.de", "gmx.at", "outlook.com", "yahoo.com",
                          "mail.example"])  # fmt: skip
        local = f"{c['fname']}.{c['lname']}".lower().replace(" ", "")
        for a, b in (("ü", "ue"), ("ö", "oe"), ("ä", "ae")):
            local = local.replace(a, b)
        email = f"{local}{rng.randint(1, 999)}@{dom}"
        if email not in emails:
            emails.add(email)
            c["email"] = email
    renters = [c for c in customers if c["active"]]
    renter_w = [c["w"] for c in renters]

    def _pick_customer(day: dt.date) -> dict:
        for _ in range(50):
            c = rng.choices(renters, weights=renter_w)[0]
            if _age(c["dob"], day) >= 21 and c["lic"] <= day - dt.timedelta(days=365):
                return c
        return renters[0]

    # ------------------------------------------------------------------- rentals
    rentals: list[dict] = []
    same_country = {bid: [b[0] for b in _BRANCHES if b[4] == branch[bid][4] and b[0] != bid
                          and b[8] > 0] for bid in branch}  # fmt: skip
    for v in vehicles:
        start_day = max(v["acq"], FIRST_DAY)
        stop_day = min(v["retired"] or _BOOKING_HORIZON, _BOOKING_HORIZON)
        if v["home"] == 10 or v["acq"] > dt.date(2025, 6, 15):
            continue
        day = start_day + dt.timedelta(days=rng.randint(0, 10))
        km = v["km"]
        while True:
            busy = 1.25 if day.month in (7, 8, 12) else 1.0
            length = min(
                28,
                max(
                    1,
                    int(rng.expovariate(1 / (3.2 if v["cat"] != "VAN" else 2.2)))
                    + (1 if rng.random() < 0.6 else 0),
                ),
            )
            if day + dt.timedelta(days=length) > stop_day:
                break
            pick = v["home"]
            if not _open(pick, day):
                break
            ret = pick
            if rng.random() < 0.13:
                opts = [b for b in same_country[pick] if _open(b, day + dt.timedelta(days=length))]
                if opts:
                    ret = rng.choice(opts)
            start = _ts(day, rng)
            end = _ts(day + dt.timedelta(days=length), rng)
            if length == 1 and end <= start:
                end = start + dt.timedelta(hours=rng.randint(20, 26))
            booked = start - dt.timedelta(days=rng.randint(0, 60), hours=rng.randint(1, 20))
            cust = _pick_customer(day)
            rate = _BASE_RATE[v["cat"]] * busy
            rate *= 1.15 if branch[pick][5] else 1.0
            rate *= {2023: 1.0, 2024: 1.05, 2025: 1.09}[day.year]
            rate *= 0.85 if length >= 7 else 1.0
            rate *= rng.uniform(0.9, 1.12)
            rate = round(rate) - (0.1 if rng.random() < 0.5 else 0.0)
            ins = rng.random() < (0.48 if branch[pick][5] else 0.33)
            r = {"cust": cust["id"], "veh": v["id"], "pick": pick, "ret": ret, "booked": booked,
                 "start": start, "end": end, "odo_s": None, "odo_e": None, "fuel": None,
                 "rate": rate, "ins": ins, "cat": v["cat"], "len": length}  # fmt: skip
            cancel = rng.random() < 0.07
            if cancel:
                r["sts"] = "X"
                if booked.date() > LAST_DAY:
                    r["booked"] = start - dt.timedelta(days=rng.randint(2, 20))
                if r["booked"] > _END:
                    r["booked"] = _END - dt.timedelta(hours=rng.randint(1, 40))
                if rng.random() < 0.3:
                    r["cust"] = rng.choice(
                        [c for c in customers if not c["active"] and _age(c["dob"], day) >= 21]
                    )["id"]
                rentals.append(r)
                day += dt.timedelta(days=max(1, int(rng.expovariate(1 / 6))))
                continue
            if start > _END:
                ahead = (day - LAST_DAY).days
                if rng.random() < min(0.85, ahead / 50):  # not (yet) booked that far ahead
                    day += dt.timedelta(days=length + int(rng.expovariate(1 / 15)))
                    continue
                r["sts"] = "R"
                if booked > _END:
                    r["booked"] = _END - dt.timedelta(
                        days=rng.randint(0, 30), hours=rng.randint(1, 9)
                    )
            elif end > _END or (day > LAST_DAY - dt.timedelta(days=40) and rng.random() < 0.012):
                r["sts"] = "O"  # still out (a few are long overdue)
                r["end"] = None
                r["odo_s"] = km
                rentals.append(r)
                stop_day = day  # the car is out: no further bookings
                break
            else:
                r["sts"] = "C"
                r["odo_s"] = km
                dist = max(15, int(rng.gauss(_KM_PER_DAY[v["cat"]], 45) * length
                                   * rng.uniform(0.6, 1.4)))  # fmt: skip
                km += dist
                r["odo_e"] = km
                f = rng.random()
                r["fuel"] = 100 if f < 0.62 else None if f < 0.66 else rng.randint(8, 95)
                km += rng.randint(2, 40)  # transfers / service drives
            if r["booked"] > _END:
                r["booked"] = _END - dt.timedelta(hours=rng.randint(1, 200))
            rentals.append(r)
            cust["n"] += 1
            idle = 1 + int(rng.expovariate(1 / 14)) + (4 if day.month in (1, 2, 11) else 0)
            day = day + dt.timedelta(days=length + idle)
    rentals.sort(key=lambda r: (r["booked"], r["veh"]))
    rentals_rows = []
    for i, r in enumerate(rentals, start=1):
        r["id"] = i
        rentals_rows.append((i, r["cust"], r["veh"], r["pick"], r["ret"], r["booked"], r["start"],
                             r["end"], r["odo_s"], r["odo_e"], r["fuel"], r["rate"], r["ins"],
                             r["sts"]))  # fmt: skip

    # customers: registration before the first booking, loyalty tier from activity
    first_booking: dict[int, dt.date] = {}
    count: dict[int, int] = {}
    for r in rentals:
        d = r["booked"].date()
        first_booking[r["cust"]] = min(first_booking.get(r["cust"], d), d)
        if r["sts"] in ("C", "O"):
            count[r["cust"]] = count.get(r["cust"], 0) + 1
    cust_rows = []
    for c in customers:
        adult = c["dob"] + dt.timedelta(days=365 * 18 + 30)
        if c["id"] in first_booking:
            latest = first_booking[c["id"]]
            reg = latest - dt.timedelta(days=int(rng.expovariate(1 / 300)))
        else:
            latest = LAST_DAY
            reg = LAST_DAY - dt.timedelta(days=rng.randint(0, 1400))
        reg = min(latest, max(reg, adult, dt.date(2015, 1, 1)))
        n = count.get(c["id"], 0)
        tier = "G" if n >= 9 else "S" if n >= 4 else "B"
        if tier != "B" and rng.random() < 0.1:
            tier = "B"
        cust_rows.append((c["id"], c["fname"], c["lname"], c["email"], c["dob"], c["country"],
                          c["lic"], tier, reg))  # fmt: skip
    _insert(con, "cust", cust_rows)
    _insert(con, "rnt", rentals_rows)

    # ------------------------------------------------------------- damage claims
    claims = []
    types = list(_DMG)
    for r in rentals:
        if r["sts"] != "C":
            continue
        p = 0.07 + (0.04 if r["cat"] in ("VAN", "SUV") else 0.0) + 0.004 * r["len"]
        if rng.random() >= p:
            continue
        n = 1 if rng.random() < 0.85 else 2
        for _ in range(n):
            typ = rng.choices(types, weights=[_DMG[t][0] for t in types])[0]
            amt = round(rng.uniform(_DMG[typ][1], _DMG[typ][2]), 2)
            rptd = r["end"].date() + dt.timedelta(
                days=0 if rng.random() < 0.7 else rng.randint(1, 9)
            )
            if rptd > LAST_DAY:
                continue
            void = rng.random() < 0.07
            settled = settled_amt = None
            if not void:
                s = rptd + dt.timedelta(days=rng.randint(6, 75) + (30 if typ == "MEC" else 0))
                if s <= LAST_DAY and rng.random() < 0.93:
                    settled = s
                    settled_amt = round(amt * rng.uniform(0.55, 1.0), 2)
            claims.append((r["id"], typ, amt, rptd, settled, settled_amt, void))
    claims.sort(key=lambda c: (c[3], c[0]))
    _insert(con, "dmg_claim", [(i, *c) for i, c in enumerate(claims, start=1)])

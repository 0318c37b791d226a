"""A seeded energy-metering database (held-out planner evaluation, domain "energy").

`build(con, seed=1)` (re)creates six tables in `con`'s main schema from Python's
`random.Random` with a fixed seed, so one seed always gives identical tables. Readings run from
January 2023 to the data's last day, 2025-06-30.

- tariffs (5): tariff_id (PK), code, unit_rate_gbp (per kWh), standing_charge_gbp (per day),
  green, fixed_until (NULL for variable tariffs).
- sites (60): site_id (PK), label, postcode, region (a code: 'NW', 'NE', 'YH', 'MID', 'LDN',
  'SE', 'SW', 'SCO'), commercial, tariff_id (FK), floor_m2 (NULL when unknown), opened_on. Some
  sites opened during the period; the two newest have no meter yet.
- meters (~100): meter_id (PK), site_id (FK), serial, smart, phases (1 or 3), capacity_kw,
  installed_on, removed_on (NULL while in service).
- readings (~2,400): reading_id (PK), meter_id (FK), read_at (one reading per meter per month in
  service), kwh (consumption since the previous reading; higher in winter and at commercial
  sites), peak_kw, temp_c (outside temperature, NULL when the probe gave nothing), voltage_v,
  is_estimated (only non-smart meters are estimated).
- outages (~125): outage_id (PK), site_id (FK), began_at, restored_at (NULL while still out),
  planned, cause ('maintenance' for planned ones; 'storm', 'equipment', 'third_party',
  'overload' or NULL when unknown for the others). About a quarter of the sites never had one.
- invoices (~450): invoice_id (PK), site_id (FK), billed_on (a few days after each quarter),
  period_start, period_end (the quarter), kwh_billed (the metered kWh of the quarter),
  amount_gbp (kwh_billed at the unit rate plus the daily standing charge), paid_on (NULL when
  unpaid), is_disputed. Quarters from 2023 Q1 to 2025 Q1 are billed; 2025 Q2 is not yet.

Primary keys and foreign keys are declared.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb

TABLES: tuple[str, ...] = ("tariffs", "sites", "meters", "readings", "outages", "invoices")
START = dt.date(2023, 1, 1)
AS_OF = dt.date(2025, 6, 30)

_DDL = {
    "tariffs": """tariff_id INTEGER PRIMARY KEY, code VARCHAR NOT NULL,
        unit_rate_gbp DECIMAL(6,4) NOT NULL, standing_charge_gbp DECIMAL(6,4) NOT NULL,
        green BOOLEAN NOT NULL, fixed_until DATE""",
    "sites": """site_id INTEGER PRIMARY KEY, label VARCHAR NOT NULL, postcode VARCHAR NOT NULL,
        region VARCHAR NOT NULL, commercial BOOLEAN NOT NULL,
        tariff_id INTEGER NOT NULL REFERENCES tariffs (tariff_id), floor_m2 INTEGER,
        opened_on DATE NOT NULL""",
    "meters": """meter_id INTEGER PRIMARY KEY, site_id INTEGER NOT NULL REFERENCES sites (site_id),
        serial VARCHAR NOT NULL, smart BOOLEAN NOT NULL, phases INTEGER NOT NULL,
        capacity_kw DECIMAL(6,1) NOT NULL, installed_on DATE NOT NULL, removed_on DATE""",
    "readings": """reading_id INTEGER PRIMARY KEY,
        meter_id INTEGER NOT NULL REFERENCES meters (meter_id), read_at TIMESTAMP NOT NULL,
        kwh DECIMAL(10,2) NOT NULL, peak_kw DECIMAL(7,2) NOT NULL, temp_c DECIMAL(4,1),
        voltage_v DECIMAL(5,1) NOT NULL, is_estimated BOOLEAN NOT NULL""",
    "outages": """outage_id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites (site_id), began_at TIMESTAMP NOT NULL,
        restored_at TIMESTAMP, planned BOOLEAN NOT NULL, cause VARCHAR""",
    "invoices": """invoice_id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites (site_id), billed_on DATE NOT NULL,
        period_start DATE NOT NULL, period_end DATE NOT NULL, kwh_billed DECIMAL(12,2) NOT NULL,
        amount_gbp DECIMAL(10,2) NOT NULL, paid_on DATE, is_disputed BOOLEAN NOT NULL""",
}

_TARIFFS = [
    (1, "FLEX", "0.2450", "0.5300", False, None),
    (2, "FIX24", "0.2290", "0.4800", False, dt.date(2024, 12, 31)),
    (3, "GREEN", "0.2610", "0.5100", True, None),
    (4, "BIZ-STD", "0.2120", "0.9500", False, dt.date(2026, 3, 31)),
    (5, "BIZ-GREEN", "0.2280", "0.9900", True, None),
]
_REGIONS = [
    ("NW", "M", 0.16),
    ("NE", "NE", 0.1),
    ("YH", "LS", 0.12),
    ("MID", "B", 0.15),
    ("LDN", "E", 0.17),
    ("SE", "BN", 0.1),
    ("SW", "BS", 0.1),
    ("SCO", "G", 0.1),
]
_PLACES = [
    "Mill Lane",
    "Riverside",
    "Station Road",
    "Oak Park",
    "Harbour View",
    "Kings Cross",
    "Elm Grove",
    "Castle Street",
    "Meadow Way",
    "Canal Wharf",
    "Hillcrest",
    "Victoria",
    "Abbey Fields",
    "North Gate",
    "Bridge End",
    "Market Square",
    "Foundry",
    "Willow Bank",
]
_HOME = ["House", "Cottage", "Flats", "Lodge"]
_BUSINESS = ["Depot", "School", "Library", "Clinic", "Warehouse", "Offices", "Leisure Centre",
             "Bakery"]  # fmt: skip
_CAUSES = [("storm", 0.3), ("equipment", 0.3), ("third_party", 0.15), ("overload", 0.1),
           (None, 0.15)]  # fmt: skip
N_SITES = 60
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _pick(rng: random.Random, choices: list[tuple[Any, float]]) -> Any:
    u, edge = rng.random(), 0.0
    for value, *rest in choices:
        edge += rest[-1]
        if u < edge:
            return value
    return choices[-1][0]


def _q(x: float, places: str = "0.01") -> Decimal:
    return Decimal(repr(x)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _literal(v: Any) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | Decimal):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, dt.datetime):
        return f"TIMESTAMP '{v.isoformat(sep=' ')}'"
    if isinstance(v, dt.date):
        return f"DATE '{v.isoformat()}'"
    return "'" + str(v).replace("'", "''") + "'"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> None:
    for i in range(0, len(rows), 500):
        chunk = rows[i : i + 500]
        values = ",\n".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in chunk)
        con.execute(f"INSERT INTO main.{table} VALUES {values}")


def _month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


# Typical outside temperature per month (UK-ish), for readings and the seasonal load.
_TEMP = [4.5, 5.0, 7.0, 9.5, 12.5, 15.5, 17.5, 17.0, 14.5, 11.0, 7.5, 5.0]


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the energy tables in `con`'s main schema, deterministically."""
    rng = random.Random(f"energy-{seed}")
    for table in reversed(TABLES):  # children first: the foreign keys are declared
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")

    tariffs = [(t[0], t[1], Decimal(t[2]), Decimal(t[3]), t[4], t[5]) for t in _TARIFFS]
    rate = {t[0]: (t[2], t[3]) for t in tariffs}

    # sites
    sites: list[tuple[Any, ...]] = []
    labels: set[str] = set()
    for site_id in range(1, N_SITES + 1):
        commercial = rng.random() < 0.45
        while True:
            kind = rng.choice(_BUSINESS if commercial else _HOME)
            label = f"{rng.choice(_PLACES)} {kind}"
            if label not in labels:
                labels.add(label)
                break
        region = _pick(rng, _REGIONS)
        area = next(r[1] for r in _REGIONS if r[0] == region)
        district, sector = rng.randrange(1, 30), rng.randrange(1, 10)
        unit = rng.choice(_UNIT_LETTERS) + rng.choice(_UNIT_LETTERS)
        postcode = f"{area}{district} {sector}{unit}"
        if commercial:
            tariff_id = 4 if rng.random() < 0.6 else 5
            floor = None if rng.random() < 0.15 else rng.randrange(150, 4000)
        else:
            tariff_id = _pick(rng, [(1, 0.45), (2, 0.3), (3, 0.25)])
            floor = None if rng.random() < 0.25 else rng.randrange(45, 260)
        if site_id > N_SITES - 10:  # the last sites opened during the period
            opened = START + dt.timedelta(days=rng.randrange(120, 880))
        else:
            opened = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(0, 6500))
        sites.append((site_id, label, postcode, region, commercial, tariff_id, floor, opened))
    sites[-2] = (*sites[-2][:7], dt.date(2025, 6, 2))  # newest sites: no meter yet
    sites[-1] = (*sites[-1][:7], dt.date(2025, 6, 16))

    # meters
    meters: list[tuple[Any, ...]] = []
    for s in sites[:-2]:
        site_id, commercial, opened = s[0], s[4], s[7]
        n = rng.choice([1, 2, 2, 3]) if commercial else rng.choice([1, 1, 1, 2])
        for _ in range(n):
            meter_id = len(meters) + 1
            smart = rng.random() < 0.6
            phases = 3 if commercial and rng.random() < 0.8 else 1
            cap = _q(rng.uniform(40, 250) if phases == 3 else rng.uniform(8, 24), "0.1")
            lo = max(opened, dt.date(2019, 1, 1))
            if opened >= START:
                installed = opened + dt.timedelta(days=rng.randrange(0, 20))
            elif rng.random() < 0.2:
                installed = START + dt.timedelta(days=rng.randrange(0, 800))
            else:
                installed = lo + dt.timedelta(days=rng.randrange(max((START - lo).days, 1)))
            removed = None
            if rng.random() < 0.08:
                removed = installed + dt.timedelta(days=rng.randrange(200, 700))
                if removed >= AS_OF or removed < START:
                    removed = None
            serial = f"MTR-{rng.randrange(100000, 999999)}"
            meters.append((meter_id, site_id, serial, smart, phases, cap, installed, removed))
    site_of = {s[0]: s for s in sites}

    # readings: one per meter per month in service (not before 2023-01)
    readings: list[tuple[Any, ...]] = []
    for m in meters:
        site = site_of[m[1]]
        base = (rng.uniform(2500, 14000) if site[4] else rng.uniform(180, 420)) / 30
        month = _month_start(max(m[6], START))
        month = _add_months(month, 1) if m[6] > month else month
        last = m[7] or AS_OF
        while month <= last:
            day = rng.randrange(1, 28) if month < dt.date(2025, 6, 1) else rng.randrange(1, 29)
            read_at = dt.datetime(month.year, month.month, day, rng.randrange(6, 20),
                                  rng.randrange(60), rng.randrange(60))  # fmt: skip
            if read_at.date() > last:
                break
            mean_t = _TEMP[month.month - 1]
            season = 1.0 + 0.045 * (12 - mean_t)
            kwh = _q(base * 30 * season * rng.uniform(0.8, 1.2))
            peak = _q(float(m[5]) * rng.uniform(0.15, 0.85))
            temp = None if rng.random() < 0.06 else _q(mean_t + rng.gauss(0, 2.5), "0.1")
            volts = _q((400 if m[4] == 3 else 230) * rng.uniform(0.97, 1.04), "0.1")
            estimated = (not m[3]) and rng.random() < 0.25
            readings.append((0, m[0], read_at, kwh, peak, temp, volts, estimated))
            month = _add_months(month, 1)
    readings.sort(key=lambda r: (r[2], r[1]))
    readings = [(i, *r[1:]) for i, r in enumerate(readings, start=1)]

    # outages: none for about a quarter of the sites
    outages: list[tuple[Any, ...]] = []
    for s in sites:
        if rng.random() < 0.25:
            continue
        lo = dt.datetime.combine(max(s[7], START), dt.time())
        span = int((dt.datetime.combine(AS_OF, dt.time(23)) - lo).total_seconds())
        if span <= 0:
            continue
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 5, 6])):
            began = lo + dt.timedelta(seconds=rng.randrange(span))
            planned = rng.random() < 0.2
            minutes = rng.randrange(30, 360) if planned else int(rng.expovariate(1 / 150)) + 5
            restored: dt.datetime | None = began + dt.timedelta(minutes=minutes)
            if restored > dt.datetime.combine(AS_OF, dt.time(23, 59)):
                restored = None
            cause = "maintenance" if planned else _pick(rng, _CAUSES)
            outages.append((0, s[0], began.replace(microsecond=0), restored, planned, cause))
    outages.sort(key=lambda o: (o[2], o[1]))
    outages = [(i, *o[1:]) for i, o in enumerate(outages, start=1)]

    # invoices: per site per quarter, from the quarter the site opened, up to 2025 Q1
    site_kwh: dict[tuple[int, dt.date], float] = {}
    meter_site = {m[0]: m[1] for m in meters}
    for r in readings:
        q = dt.date(r[2].year, 3 * ((r[2].month - 1) // 3) + 1, 1)
        key = (meter_site[r[1]], q)
        site_kwh[key] = site_kwh.get(key, 0.0) + float(r[3])
    invoices: list[tuple[Any, ...]] = []
    quarter = START
    while quarter <= dt.date(2025, 1, 1):
        end = _add_months(quarter, 3) - dt.timedelta(days=1)
        for s in sites:
            used = site_kwh.get((s[0], quarter))
            if used is None:
                continue
            unit, standing = rate[s[5]]
            days = (end - quarter).days + 1
            amount = _q(float(Decimal(repr(round(used, 2))) * unit + standing * days))
            billed = end + dt.timedelta(days=rng.randrange(3, 15))
            paid = None if rng.random() < 0.1 else billed + dt.timedelta(days=rng.randrange(2, 40))
            if paid is not None and paid > AS_OF:
                paid = None
            disputed = rng.random() < 0.06
            invoices.append((0, s[0], billed, quarter, end, _q(used), amount, paid, disputed))
        quarter = _add_months(quarter, 3)
    invoices.sort(key=lambda i: (i[2], i[1]))
    invoices = [(i, *row[1:]) for i, row in enumerate(invoices, start=1)]

    _insert(con, "tariffs", tariffs)
    _insert(con, "sites", sites)
    _insert(con, "meters", meters)
    _insert(con, "readings", readings)
    _insert(con, "outages", outages)
    _insert(con, "invoices", invoices)

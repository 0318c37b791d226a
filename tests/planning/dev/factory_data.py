"""A seeded manufacturing-plant database, a development domain for the planner (dev/).

`build(con, seed=1)` (re)creates five tables in `con`'s main schema. Rows come from Python's
`random.Random(seed)`, so one seed always gives the same tables and another seed other ones.
Production runs from 2023-01-02 to 2025-06-30 (nothing happens after the last day).

- lines (8): line_id, code, hall (North, South, East), commissioned_on. Line 8 (C3) was
  commissioned in May 2025: it has machines but no work orders yet.
- machines (~60): machine_id, line_id, vendor, model, max_rpm, installed_on, retired_on (NULL
  while in service). Some machines were retired during the period and replaced; a few never
  had any downtime.
- work_orders (~2,400): wo_id, product_sku, line_id, planned_qty, produced_qty, scrap_qty,
  started_at, finished_at (NULL while still running at the end of the data), priority
  (1 = most urgent .. 4 = lowest), rush.
- downtime_events (~1,100): event_id, machine_id, began_at, ended_at (NULL while ongoing),
  reason (breakdown, maintenance, changeover, material_shortage, power_outage), planned
  (maintenance and changeovers are planned), cost_eur (NULL until costed, about a week
  after the stoppage; two breakdowns are still open at the end of the data).
- inspections (~2,500): inspection_id, wo_id, inspected_at, inspector, passed, defects.
  Most finished work orders are inspected once, some twice (re-inspection after a failure),
  running ones and a few finished ones never.

Primary keys and the foreign keys machines -> lines, work_orders -> lines,
downtime_events -> machines, inspections -> work_orders are declared; a few cryptic columns
carry a COMMENT.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import duckdb

TABLES: tuple[str, ...] = ("lines", "machines", "work_orders", "downtime_events", "inspections")
FIRST_DAY = dt.date(2023, 1, 2)
LAST_DAY = dt.date(2025, 6, 30)
N_WORK_ORDERS = 2_400
N_DOWNTIME = 1_100

_DDL = {
    "lines": """line_id INTEGER PRIMARY KEY, code VARCHAR NOT NULL, hall VARCHAR NOT NULL,
        commissioned_on DATE NOT NULL""",
    "machines": """machine_id INTEGER PRIMARY KEY,
        line_id INTEGER NOT NULL REFERENCES lines (line_id), vendor VARCHAR NOT NULL,
        model VARCHAR NOT NULL, max_rpm INTEGER NOT NULL, installed_on DATE NOT NULL,
        retired_on DATE""",
    "work_orders": """wo_id INTEGER PRIMARY KEY, product_sku VARCHAR NOT NULL,
        line_id INTEGER NOT NULL REFERENCES lines (line_id), planned_qty INTEGER NOT NULL,
        produced_qty INTEGER NOT NULL, scrap_qty INTEGER NOT NULL,
        started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, priority SMALLINT NOT NULL,
        rush BOOLEAN NOT NULL""",
    "downtime_events": """event_id INTEGER PRIMARY KEY,
        machine_id INTEGER NOT NULL REFERENCES machines (machine_id),
        began_at TIMESTAMP NOT NULL, ended_at TIMESTAMP, reason VARCHAR NOT NULL,
        planned BOOLEAN NOT NULL, cost_eur DECIMAL(10,2)""",
    "inspections": """inspection_id INTEGER PRIMARY KEY,
        wo_id INTEGER NOT NULL REFERENCES work_orders (wo_id), inspected_at TIMESTAMP NOT NULL,
        inspector VARCHAR NOT NULL, passed BOOLEAN NOT NULL, defects INTEGER NOT NULL""",
}
_COMMENTS = {
    ("lines", "hall"): "production hall the line stands in",
    ("machines", "max_rpm"): "maximum spindle speed in revolutions per minute",
    ("machines", "retired_on"): "day the machine was taken out of service; NULL while in service",
    ("work_orders", "product_sku"): "stock keeping unit of the product made",
    ("work_orders", "scrap_qty"): "units produced but scrapped",
    ("work_orders", "priority"): "1 = most urgent, 4 = lowest",
    ("work_orders", "rush"): "expedited at the customer's request",
    ("downtime_events", "cost_eur"): "cost of the stoppage in euros; NULL until costed",
    ("inspections", "defects"): "number of defects found in the sample",
}

# code, hall, commissioned_on
_LINES: list[tuple[str, str, dt.date]] = [
    ("A1", "North", dt.date(2014, 3, 3)),
    ("A2", "North", dt.date(2016, 9, 12)),
    ("A3", "North", dt.date(2019, 1, 14)),
    ("B1", "South", dt.date(2012, 6, 4)),
    ("B2", "South", dt.date(2018, 4, 23)),
    ("C1", "East", dt.date(2020, 10, 5)),
    ("C2", "East", dt.date(2022, 2, 7)),
    ("C3", "East", dt.date(2025, 5, 19)),
]
_VENDORS = {
    "Fanuc": ["Robodrill a-D21", "Robocut a-C600"],
    "Haas": ["VF-2", "VF-4SS", "ST-20"],
    "DMG Mori": ["DMU 50", "NLX 2500"],
    "Okuma": ["Genos M560", "LB3000"],
    "Mazak": ["Integrex i-200", "QTE-200"],
}
_VENDOR_SHARE = [("Haas", 0.3), ("Fanuc", 0.2), ("DMG Mori", 0.2), ("Okuma", 0.15),
                 ("Mazak", 0.15)]  # fmt: skip
_SKUS = [f"SKU-{n}" for n in range(1001, 1026)]
_INSPECTORS = ["Abel", "Brandt", "Chen", "Duarte", "Eklund", "Fofana", "Gruber", "Haddad"]
# reason, share, planned, cost per hour (EUR)
_REASONS = [("breakdown", 0.32, False, 950.0), ("maintenance", 0.28, True, 260.0),
            ("changeover", 0.22, True, 180.0), ("material_shortage", 0.12, False, 420.0),
            ("power_outage", 0.06, False, 1300.0)]  # fmt: skip
_PRIORITIES = [(1, 0.1), (2, 0.25), (3, 0.45), (4, 0.2)]


def _pick(rng: random.Random, choices: Sequence[tuple[Any, float]]) -> Any:
    u, edge = rng.random(), 0.0
    for value, share in choices[:-1]:
        edge += share
        if u < edge:
            return value
    return choices[-1][0]


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
    rows = list(rows)
    for start in range(0, len(rows), 1_000):
        chunk = rows[start : start + 1_000]
        values = ",\n".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in chunk)
        con.execute(f"INSERT INTO main.{table} VALUES {values}")


def _moment(rng: random.Random, first: dt.date, last: dt.date) -> dt.datetime:
    """A random time between the start of `first` and the end of `last`, to the minute."""
    days = (last - first).days
    return dt.datetime.combine(first, dt.time()) + dt.timedelta(
        days=rng.randint(0, days), minutes=rng.randint(0, 24 * 60 - 1)
    )


def _machines(rng: random.Random) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for line_id, (_code, _hall, commissioned) in enumerate(_LINES, 1):
        for _ in range(rng.randint(5, 8)):
            vendor = _pick(rng, _VENDOR_SHARE)
            model = rng.choice(_VENDORS[vendor])
            max_rpm = rng.randrange(4_000, 20_001, 500)
            installed = commissioned + dt.timedelta(days=rng.randint(0, 120))
            retired = None
            if commissioned.year < 2023 and rng.random() < 0.15:
                retired = FIRST_DAY + dt.timedelta(days=rng.randint(30, 850))
            rows.append([line_id, vendor, model, max_rpm, installed, retired])
            if retired is not None:  # replaced a few weeks later
                vendor = _pick(rng, _VENDOR_SHARE)
                rows.append(
                    [
                        line_id,
                        vendor,
                        rng.choice(_VENDORS[vendor]),
                        rng.randrange(4_000, 20_001, 500),
                        retired + dt.timedelta(days=rng.randint(7, 40)),
                        None,
                    ]
                )
    rows.sort(key=lambda m: (m[4], m[0]))
    return [(i, *m) for i, m in enumerate(rows, 1)]


def _work_orders(rng: random.Random) -> list[tuple[Any, ...]]:
    end = dt.datetime.combine(LAST_DAY, dt.time(23, 59))
    producing = [i for i, line in enumerate(_LINES, 1) if line[2] < FIRST_DAY]
    raw = []
    for _ in range(N_WORK_ORDERS):
        line_id = rng.choice(producing)
        started = _moment(rng, FIRST_DAY, LAST_DAY)
        if started.weekday() == 6:  # no starts on Sundays
            started -= dt.timedelta(days=1)
        planned = rng.randrange(50, 2_001, 10)
        rush = rng.random() < 0.08
        priority = 1 if rush and rng.random() < 0.6 else _pick(rng, _PRIORITIES)
        hours = 3 + planned / rng.uniform(15, 40) * rng.uniform(0.8, 1.6)
        finished: dt.datetime | None = started + dt.timedelta(minutes=round(hours * 60))
        if finished > end:
            finished = None
            share = min(1.0, (end - started).total_seconds() / 3600 / hours)
            produced = int(planned * share * rng.uniform(0.8, 1.0))
        else:
            produced = int(planned * rng.uniform(0.86, 1.04))
        scrap = int(produced * max(0.0, rng.gauss(0.025, 0.02)))
        raw.append(
            (
                rng.choice(_SKUS),
                line_id,
                planned,
                produced,
                scrap,
                started,
                finished,
                priority,
                rush,
            )
        )
    raw.sort(key=lambda w: (w[5], w[1]))
    return [(i, *w) for i, w in enumerate(raw, 1)]


def _downtime(rng: random.Random, machines: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    end = dt.datetime.combine(LAST_DAY, dt.time(23, 59))
    # Some machines never stop; the rest stop at different rates.
    prone = [m for m in machines if rng.random() >= 0.1]
    weights = [rng.uniform(0.3, 3.0) for _ in prone]
    raw = []
    while len(raw) < N_DOWNTIME:
        # A moment first, then one of the machines in service at that moment.
        began = _moment(rng, FIRST_DAY, LAST_DAY)
        day = began.date()
        in_service = [
            (m, w)
            for m, w in zip(prone, weights, strict=True)
            if m[5] <= day and (m[6] is None or day < m[6])
        ]
        if not in_service:
            continue
        machine_id = rng.choices([m for m, _ in in_service], [w for _, w in in_service])[0][0]
        reason, _share, planned, per_hour = _pick(rng, [(r, r[1]) for r in _REASONS])
        minutes = int(15 + rng.expovariate(1 / (240 if reason == "breakdown" else 90)))
        ended: dt.datetime | None = began + dt.timedelta(minutes=minutes)
        cost = Decimal(f"{minutes / 60 * per_hour * rng.uniform(0.7, 1.4):.2f}")
        if ended > end:
            ended = None
        if ended is None or began > end - dt.timedelta(days=7):
            cost = None  # costed about a week after the stoppage
        raw.append((machine_id, began, ended, reason, planned, cost))
    # Two breakdowns still open at the end of the data.
    in_service = [m for m in prone if m[6] is None and m[5] < LAST_DAY]
    for machine in rng.sample(in_service, 2):
        began = end - dt.timedelta(minutes=rng.randint(60, 600))
        raw.append((machine[0], began, None, "breakdown", False, None))
    raw.sort(key=lambda e: (e[1], e[0]))
    return [(i, *e) for i, e in enumerate(raw, 1)]


def _inspections(rng: random.Random, work_orders: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    end = dt.datetime.combine(LAST_DAY, dt.time(23, 59))
    raw = []
    for wo in work_orders:
        wo_id, _sku, _line, _pl, produced, scrap, _st, finished, _prio, _rush = wo
        if finished is None or rng.random() < 0.08:
            continue
        at = finished + dt.timedelta(minutes=rng.randint(20, 48 * 60))
        quality = scrap / max(produced, 1)
        while at <= end:
            defects = int(rng.expovariate(1 / (0.6 + 40 * quality)))
            passed = defects <= 2 and rng.random() >= 0.03
            raw.append((wo_id, at, rng.choice(_INSPECTORS), passed, defects))
            if passed or rng.random() < 0.3:
                break
            at += dt.timedelta(minutes=rng.randint(4 * 60, 72 * 60))
    raw.sort(key=lambda r: (r[1], r[0]))
    return [(i, *r) for i, r in enumerate(raw, 1)]


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the factory tables in `con`'s main schema, deterministically for `seed`."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an integer, not {seed!r}")
    rng = random.Random(seed)
    for table in reversed(TABLES):  # children first: the foreign keys are declared
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")
    for (table, column), text in _COMMENTS.items():
        con.execute(f"COMMENT ON COLUMN main.{table}.{column} IS {_literal(text)}")
    machines = _machines(rng)
    work_orders = _work_orders(rng)
    downtime = _downtime(rng, machines)
    inspections = _inspections(rng, work_orders)
    lines = [(i, code, hall, day) for i, (code, hall, day) in enumerate(_LINES, 1)]
    _insert(con, "lines", lines)
    _insert(con, "machines", machines)
    _insert(con, "work_orders", work_orders)
    _insert(con, "downtime_events", downtime)
    _insert(con, "inspections", inspections)

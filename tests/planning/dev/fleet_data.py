"""A seeded logistics ("fleet") database: depots, vehicles, drivers, customers, shipments, fuel.

`build(con, seed=1)` (re)creates six tables in `con`'s main schema from a `random.Random(seed)`
stream, so one seed always gives the same rows. Naming habits: units in column names (weight_kg,
distance_km, cost_usd, fuel_l, capacity_kg, area_m2, sla_h), timestamps end in _at, booleans carry
no is_/has_ prefix (active, refrigerated, fragile, signed, otd), labels are plain nouns (city,
label, full, plate). Primary and foreign keys are declared; a few columns carry comments.

- depots (8): depot_id, city, region, area_m2, docks, active. Depot 8 (Reno) is inactive, has no
  region (NULL) and no vehicles, drivers or shipments.
- vehicles (60): vehicle_id, depot_id, plate, kind ('van', 'truck', 'semi', 'cargo_bike'),
  capacity_kg, refrigerated, built_year, odometer_km, active. Inactive vehicles carry no
  shipments and no fuel logs; cargo bikes have no fuel logs.
- drivers (80): driver_id, depot_id, full (full name), license_class ('B', 'C', 'CE'), hired_at
  (DATE), rating (NULL for drivers hired in 2025), active. The inactive drivers and those hired
  after February 2025 drive no shipments (3 drivers in all).
- customers (150): customer_id, label (company name), city, segment ('retail', 'wholesale',
  'pharma', 'food', 'industrial'), signed (contract signed), created_at, email (NULL for ~10%).
  12 customers have no shipments.
- shipments (3,000): shipment_id, customer_id, depot_id, vehicle_id, driver_id, status
  ('delivered', 'in_transit', 'pending', 'cancelled', 'returned'), priority ('standard',
  'express', 'same_day'), weight_kg, distance_km, cost_usd, fragile, refrigerated, booked_at,
  picked_up_at, delivered_at, sla_h, otd, stars. booked_at spans 2023-01-01..2025-06-30.
  picked_up_at is NULL for pending and cancelled shipments; vehicle_id and driver_id are NULL for
  cancelled ones; delivered_at and otd are NULL unless status = 'delivered'; stars (customer
  rating 1-5) is NULL unless delivered, and NULL for about half of those.
- fuel_logs (~1,860): fuel_log_id, vehicle_id, filled_at, fuel_l, cost_usd, odometer_km.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

TABLES: tuple[str, ...] = ("depots", "vehicles", "drivers", "customers", "shipments", "fuel_logs")
N_VEHICLES = 60
N_DRIVERS = 80
N_CUSTOMERS = 150
N_SHIPMENTS = 3000
START = dt.datetime(2023, 1, 1)
AS_OF = dt.datetime(2025, 6, 30, 23, 59)

_DDL = {
    "depots": """depot_id INTEGER PRIMARY KEY, city VARCHAR NOT NULL, region VARCHAR,
        area_m2 INTEGER, docks INTEGER, active BOOLEAN""",
    "vehicles": """vehicle_id INTEGER PRIMARY KEY,
        depot_id INTEGER REFERENCES depots (depot_id), plate VARCHAR, kind VARCHAR,
        capacity_kg INTEGER, refrigerated BOOLEAN, built_year INTEGER, odometer_km INTEGER,
        active BOOLEAN""",
    "drivers": """driver_id INTEGER PRIMARY KEY, depot_id INTEGER REFERENCES depots (depot_id),
        "full" VARCHAR, license_class VARCHAR, hired_at DATE, rating DECIMAL(3,2),
        active BOOLEAN""",
    "customers": """customer_id INTEGER PRIMARY KEY, label VARCHAR, city VARCHAR,
        segment VARCHAR, signed BOOLEAN, created_at TIMESTAMP, email VARCHAR""",
    "shipments": """shipment_id INTEGER PRIMARY KEY,
        customer_id INTEGER REFERENCES customers (customer_id),
        depot_id INTEGER REFERENCES depots (depot_id),
        vehicle_id INTEGER REFERENCES vehicles (vehicle_id),
        driver_id INTEGER REFERENCES drivers (driver_id), status VARCHAR, priority VARCHAR,
        weight_kg DECIMAL(8,2), distance_km DECIMAL(7,1), cost_usd DECIMAL(10,2),
        fragile BOOLEAN, refrigerated BOOLEAN, booked_at TIMESTAMP, picked_up_at TIMESTAMP,
        delivered_at TIMESTAMP, sla_h INTEGER, otd BOOLEAN, stars INTEGER""",
    "fuel_logs": """fuel_log_id INTEGER PRIMARY KEY,
        vehicle_id INTEGER REFERENCES vehicles (vehicle_id), filled_at TIMESTAMP,
        fuel_l DECIMAL(6,1), cost_usd DECIMAL(8,2), odometer_km INTEGER""",
}

_COMMENTS = {
    ("depots", "docks"): "number of loading docks",
    ("drivers", "full"): "full name of the driver",
    ("drivers", "rating"): "average dispatcher rating 1-5; NULL until the first review",
    ("customers", "label"): "customer company name",
    ("customers", "signed"): "customer has a signed framework contract",
    ("shipments", "sla_h"): "promised delivery window in hours, counted from pickup",
    ("shipments", "otd"): "on-time delivery flag: delivered within sla_h of pickup",
    ("shipments", "stars"): "customer feedback score 1-5, NULL when none was given",
    ("shipments", "refrigerated"): "needs a cold chain",
    ("shipments", "cost_usd"): "price charged to the customer for the shipment",
    ("fuel_logs", "fuel_l"): "litres of fuel filled",
}

_DEPOTS = [
    (1, "Denver", "West", 5200, 14, True),
    (2, "Phoenix", "West", 4100, 10, True),
    (3, "Dallas", "South", 6800, 18, True),
    (4, "Atlanta", "South", 4700, 12, True),
    (5, "Chicago", "Midwest", 7300, 20, True),
    (6, "Columbus", "Midwest", 3100, 8, True),
    (7, "Newark", "East", 5900, 16, True),
    (8, "Reno", None, 2200, 6, False),
]
_DEPOT_WEIGHTS = [0.13, 0.09, 0.19, 0.12, 0.22, 0.07, 0.18]
_KINDS = [("van", 0.5, 1500), ("truck", 0.3, 8000), ("semi", 0.1, 24000), ("cargo_bike", 0.1, 150)]
# fmt: off
_FIRST = ["Aaron", "Bianca", "Carlos", "Dana", "Elijah", "Fatima", "Gavin", "Hana", "Ivan",
          "Julia", "Kofi", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quentin", "Rosa", "Samir",
          "Tara", "Umar", "Vera", "Wyatt", "Yusuf", "Zara"]
_LAST = ["Abbott", "Brennan", "Chavez", "Doyle", "Ellis", "Foster", "Garcia", "Hale", "Ingram",
         "Jensen", "Kowalski", "Lindqvist", "Moreno", "Novak", "Okafor", "Pruitt", "Ramos",
         "Sato", "Tran", "Underwood", "Vasquez", "Whitaker", "Young"]
_CO_A = ["Acme", "Blue Ridge", "Cascade", "Summit", "Harbor", "Ironwood", "Juniper", "Keystone",
         "Lakeside", "Meridian", "Northstar", "Oakline", "Pinecrest", "Redrock", "Silverline"]
_CO_B = ["Foods", "Pharma", "Supply", "Traders", "Industries", "Goods", "Market", "Labs",
         "Wholesale", "Outfitters"]
_CITIES = ["Denver", "Phoenix", "Dallas", "Atlanta", "Chicago", "Columbus", "Newark", "Houston",
           "Tucson", "Boulder", "Savannah", "Detroit", "Trenton", "Austin"]
_SEGMENTS = [("retail", 0.35), ("wholesale", 0.25), ("food", 0.2), ("pharma", 0.1),
             ("industrial", 0.1)]
# fmt: on
_PRIORITIES = [("standard", 0.6, 72, 1.0), ("express", 0.3, 24, 1.5), ("same_day", 0.1, 12, 2.2)]


def _weighted(rng: random.Random, choices: list[tuple]) -> tuple:
    u, edge = rng.random(), 0.0
    for choice in choices:
        edge += choice[1]
        if u < edge:
            return choice
    return choices[-1]


def _at(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    """A random time between start and end, to the minute."""
    minutes = int((end - start).total_seconds() // 60)
    return start + dt.timedelta(minutes=rng.randrange(minutes))


def _sql(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    for i in range(0, len(rows), 1000):
        values = ", ".join(
            "(" + ", ".join(_sql(v) for v in row) + ")" for row in rows[i : i + 1000]
        )
        con.execute(f"INSERT INTO main.{table} VALUES {values}")


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the fleet tables in `con`'s main schema, deterministically for `seed`."""
    rng = random.Random(seed)
    for table in reversed(TABLES):  # children first: the foreign keys are declared
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")
    for (table, column), text in _COMMENTS.items():
        con.execute(f"COMMENT ON COLUMN main.{table}.\"{column}\" IS '{text}'")

    _insert(con, "depots", _DEPOTS)
    live_depots = [d[0] for d in _DEPOTS if d[5]]

    # vehicles
    vehicles = []
    for vid in range(1, N_VEHICLES + 1):
        depot = rng.choices(live_depots, weights=_DEPOT_WEIGHTS)[0]
        kind, _share, capacity = _weighted(rng, _KINDS)
        capacity = int(round(capacity * rng.uniform(0.8, 1.2), -1))
        refrigerated = kind in ("van", "truck") and rng.random() < 0.3
        built = rng.randint(2012, 2024)
        odometer = int(
            (2025 - built) * rng.uniform(18_000, 60_000) * (0.1 if kind == "cargo_bike" else 1)
        )
        active = rng.random() > 0.1
        vehicles.append(
            (
                vid,
                depot,
                f"FL-{1000 + vid * 7}",
                kind,
                capacity,
                refrigerated,
                built,
                odometer,
                active,
            )
        )
    _insert(con, "vehicles", vehicles)

    # drivers
    drivers, used_names = [], set()
    for did in range(1, N_DRIVERS + 1):
        while True:
            full = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if full not in used_names:
                used_names.add(full)
                break
        depot = rng.choices(live_depots, weights=_DEPOT_WEIGHTS)[0]
        hired = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(4100))
        rating = None if hired.year >= 2025 else round(rng.uniform(2.8, 5.0), 2)
        active = rng.random() > 0.08
        drivers.append(
            (
                did,
                depot,
                full,
                _weighted(rng, [("B", 0.4), ("C", 0.4), ("CE", 0.2)])[0],
                hired,
                rating,
                active,
            )
        )
    _insert(con, "drivers", drivers)

    # customers
    customers, labels = [], set()
    for cid in range(1, N_CUSTOMERS + 1):
        while True:
            label = f"{rng.choice(_CO_A)} {rng.choice(_CO_B)}"
            if label not in labels:
                labels.add(label)
                break
        email = None if rng.random() < 0.1 else f"ops@{label.lower().replace(' ', '')}.com"
        customers.append(
            (
                cid,
                label,
                rng.choice(_CITIES),
                _weighted(rng, _SEGMENTS)[0],
                rng.random() < 0.6,
                _at(rng, dt.datetime(2021, 1, 1), START),
                email,
            )
        )
    _insert(con, "customers", customers)

    # shipments: some customers never ship, some customers ship a lot
    shippers = list(range(1, N_CUSTOMERS + 1))
    rng.shuffle(shippers)
    idle_customers = set(shippers[:12])
    shippers = sorted(shippers[12:])
    cust_weights = [rng.paretovariate(1.6) for _ in shippers]
    fleet_by_depot: dict[int, list[tuple]] = {d: [] for d in live_depots}
    for v in vehicles:
        if v[8]:
            fleet_by_depot[v[1]].append(v)
    crew_by_depot: dict[int, list[int]] = {d: [] for d in live_depots}
    for d in drivers:
        # inactive drivers and those hired after March 2025 drive nothing
        if d[6] and d[4] < dt.date(2025, 3, 1):
            crew_by_depot[d[1]].append(d[0])
    shipments = []
    span = AS_OF - START
    for sid in range(1, N_SHIPMENTS + 1):
        customer = rng.choices(shippers, weights=cust_weights)[0]
        depot = rng.choices(live_depots, weights=_DEPOT_WEIGHTS)[0]
        # volume grows over time: sample the booking with a mild upward trend
        frac = max(rng.random(), rng.random()) if rng.random() < 0.4 else rng.random()
        booked = START + dt.timedelta(minutes=int(frac * span.total_seconds() // 60))
        priority, _share, sla_h, mult = _weighted(rng, _PRIORITIES)
        refrigerated = rng.random() < 0.18
        fragile = rng.random() < 0.15
        candidates = [v for v in fleet_by_depot[depot] if v[3] != "cargo_bike" or not refrigerated]
        if refrigerated:
            candidates = [v for v in candidates if v[5]] or candidates
        vehicle = rng.choice(candidates)
        if vehicle[3] == "cargo_bike":
            weight = round(rng.uniform(0.5, 60), 2)
            distance = round(rng.uniform(0.8, 18), 1)
        else:
            weight = round(rng.lognormvariate(5.0, 1.1) + 1, 2)
            weight = round(min(weight, vehicle[4] * rng.uniform(0.6, 0.9)), 2)
            distance = round(rng.lognormvariate(4.3, 0.9) + 2, 1)
        cost = round(
            (12 + distance * 1.35 + weight * 0.08) * mult * (1.25 if refrigerated else 1)
            + rng.uniform(0, 9),
            2,
        )
        picked = booked + dt.timedelta(minutes=rng.randint(60, 30 * 60))
        drive_h = (
            distance / rng.uniform(35, 70)
            + rng.uniform(0.5, 4)
            + (rng.expovariate(1 / 10) if priority == "standard" else rng.expovariate(1 / 3))
        )
        if rng.random() < 0.1:  # held up: late against the promised window
            drive_h += sla_h * rng.uniform(0.6, 1.6)
        delivered = picked + dt.timedelta(minutes=int(drive_h * 60))
        outcome = rng.random()
        if outcome < 0.07:
            status = "cancelled"
        elif picked > AS_OF or (booked > AS_OF - dt.timedelta(days=4) and rng.random() < 0.5):
            status = "pending"
        elif outcome < 0.13:
            status = "returned"
        elif delivered > AS_OF or (booked > AS_OF - dt.timedelta(days=12) and rng.random() < 0.6):
            status = "in_transit"
        else:
            status = "delivered"
        driver_id: int | None = rng.choice(crew_by_depot[depot])
        vehicle_id: int | None = vehicle[0]
        picked_at: dt.datetime | None = picked
        delivered_at: dt.datetime | None = delivered
        if status == "cancelled":
            picked_at = delivered_at = None
            vehicle_id = driver_id = None
        elif status == "pending":
            picked_at = delivered_at = None
        elif status != "delivered":
            delivered_at = None
        otd = None if delivered_at is None else delivered <= picked + dt.timedelta(hours=sla_h)
        stars = None
        if status == "delivered" and rng.random() < 0.5:
            stars = rng.choices([1, 2, 3, 4, 5], weights=[3, 5, 15, 40, 37])[0]
            if otd is False:
                stars = max(1, stars - 2)
        shipments.append(
            (
                sid,
                customer,
                depot,
                vehicle_id,
                driver_id,
                status,
                priority,
                weight,
                distance,
                cost,
                fragile,
                refrigerated,
                booked,
                picked_at,
                delivered_at,
                sla_h,
                otd,
                stars,
            )
        )
    assert not idle_customers & {s[1] for s in shipments}
    _insert(con, "shipments", shipments)

    # fuel logs: active motor vehicles, roughly every few weeks each
    fuel_logs, fid = [], 0
    for v in vehicles:
        if not v[8] or v[3] == "cargo_bike":
            continue
        tank = {"van": 80, "truck": 300, "semi": 600}[v[3]]
        t = START + dt.timedelta(hours=rng.randint(0, 24 * 40))
        odo = max(v[7] - rng.randint(40_000, 90_000), 1000)
        while t <= AS_OF:
            fid += 1
            litres = round(tank * rng.uniform(0.35, 0.95), 1)
            price = rng.uniform(1.05, 1.45) if t.year == 2023 else rng.uniform(0.98, 1.38)
            odo += int(litres * rng.uniform(3.5, 9))
            fuel_logs.append((fid, v[0], t, litres, round(litres * price, 2), odo))
            t += dt.timedelta(hours=rng.randint(24 * 12, 24 * 40))
    _insert(con, "fuel_logs", fuel_logs)

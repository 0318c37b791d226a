"""City waste collection service -- data dictionary.

The business
------------
The city's waste collection service empties bins belonging to households,
businesses and public buildings.  The city is split into districts.  Each
collection route lies in one district and collects one waste stream (general
waste, recycling, organics or glass) on a fixed weekday.  Every time a route
is driven on a given day that is one "run", done by one truck.  During a run
the crew stops at each bin on the route ("collection stop"): the bin is
emptied and its contents are weighed on the truck's lifting arm, or the stop
is recorded as missed with a reason.  Only bins fitted with a weighing chip
are tracked in this data set, so each route has just a handful of bins.
Residents and businesses can file complaints with the service.  "Weight
collected" always means the sum of collected_weight_kg (kg) over stops.

Dates
-----
2025-09-30 is the last day of the data, 'today' for every question; this
year is 2025, last year is 2024, this month is September 2025, last month is
August 2025.  2025-09-30 is a Tuesday and the data is complete up to the end
of that day.  Data starts on 2023-01-02.  Exact ranges:
  * this year            = 2025-01-01 .. 2025-09-30
  * last year            = 2024 (2024-01-01 .. 2024-12-31)
  * this month           = September 2025 (2025-09-01 .. 2025-09-30)
  * last month           = August 2025 (2025-08-01 .. 2025-08-31)
  * last 30 days         = 2025-09-01 .. 2025-09-30 (today included)
  * last 7 days          = 2025-09-24 .. 2025-09-30 (today included)
  * this quarter         = Q3 2025 (2025-07-01 .. 2025-09-30)
  * last quarter         = Q2 2025 (2025-04-01 .. 2025-06-30)
The day of a collection stop is the collection day of its run (a run never
crosses midnight, so it is also the date of the stop's logged time).

Tables
------
districts -- one row per city district.
  district              VARCHAR  PK  district name, e.g. 'Harbourside'.
  city_sector           VARCHAR      code: 'C' = city centre, 'N' = north,
                                     'E' = east, 'S' = south, 'W' = west.
  resident_population   INTEGER      number of residents (2024 census).
  district_area_km2     DOUBLE       land area in square kilometres.
  'Airport Park' was annexed to the city recently and has no collection
  routes (and so no bins) yet; its residents can still file complaints.

trucks -- one row per collection truck the service owns or has owned.
  truck_registration    VARCHAR  PK  number plate, e.g. 'WC-21-315'.
  truck_make_model      VARCHAR      manufacturer and model.
  loader_type           VARCHAR      code: 'REAR' = rear loader (crew tip
                                     wheeled bins at the back), 'SIDE' = side
                                     loader (automated arm), 'FRONT' = front
                                     loader (large containers).
  fuel_type             VARCHAR      code: 'DIESEL', 'CNG' (compressed natural
                                     gas), 'ELECTRIC' (battery electric).
  payload_capacity_kg   INTEGER      maximum load the truck may carry, kg.
  commissioned_day      DATE         day the truck entered service.
  retired_day           DATE         day the truck left service; NULL while
                                     the truck is still in service.
  Some trucks are spares that cover other trucks' routes; one truck was
  commissioned in September 2025 and has not been used on any run yet.

routes -- one row per collection route.
  route_label           VARCHAR  PK  e.g. 'HAR-RES-1' (district, stream, no.).
  district              VARCHAR  FK -> districts.district.
  waste_stream          VARCHAR      code: 'RES' = residual / general waste,
                                     'REC' = mixed dry recycling,
                                     'ORG' = food and garden organics,
                                     'GLS' = glass.
  collection_weekday    VARCHAR      code: 'MON', 'TUE', 'WED', 'THU', 'FRI'.
  collection_frequency_days INTEGER  7 = weekly, 14 = fortnightly,
                                     28 = every four weeks.
  started_day           DATE         day the route was first scheduled.
  discontinued          BOOLEAN      TRUE if the route is no longer driven
                                     (it keeps its past runs); FALSE = active.

bins -- one row per bin (container) the service empties.
  bin_serial            VARCHAR  PK  serial number on the bin, e.g. 'B-10023'.
  route_label           VARCHAR  FK -> routes.route_label; the route that
                                     empties this bin (a bin is on exactly one
                                     route, so its district and waste stream
                                     are those of its route).
  premises_type         VARCHAR      who the bin belongs to, code:
                                     'HH' = household, 'BIZ' = business,
                                     'PUB' = public building (school, library,
                                     park).
  street_address        VARCHAR      address where the bin stands.
  bin_volume_litres     INTEGER      bin size in litres (120, 240, 360, 660,
                                     1100).
  installed_day         DATE         day the bin was delivered.
  removed_day           DATE         day the bin was taken away; NULL while
                                     the bin is still in place ("current"
                                     bins).  Removed bins keep their history.
  A few bins were installed so recently that they have never been collected.

route_runs -- one row per run: a route driven (or planned) on one day.
  run_number            INTEGER  PK
  route_label           VARCHAR  FK -> routes.route_label.
  truck_registration    VARCHAR  FK -> trucks.truck_registration; the truck
                                     assigned to the run (also filled in for
                                     cancelled runs).
  collection_day        DATE         day of the run.
  run_status            VARCHAR      code: 'DONE' = completed normally,
                                     'PARTIAL' = aborted part way (breakdown,
                                     crew shortage); the remaining stops are
                                     recorded as missed,
                                     'CANCELLED' = not driven at all (weather,
                                     holidays, strikes); a cancelled run has
                                     no collection stops.
  crew_size             INTEGER      number of crew on the truck incl. driver.
  departed_time         TIMESTAMP    time the truck left the depot; NULL for
                                     cancelled runs.
  returned_time         TIMESTAMP    time the truck returned to the depot;
                                     NULL for cancelled runs.
  drive_distance_km     DOUBLE       distance driven during the run, km;
                                     NULL for cancelled runs.
  fuel_used_litres      DOUBLE       diesel burned, litres; only for diesel
                                     trucks, NULL otherwise and for cancelled
                                     runs.
  gas_used_kg           DOUBLE       compressed natural gas used, kg; only for
                                     CNG trucks, NULL otherwise.
  energy_used_kwh       DOUBLE       battery energy used, kWh; only for
                                     electric trucks, NULL otherwise.

collection_stops -- one row per bin visit during a (non-cancelled) run.
  stop_number           INTEGER  PK
  run_number            INTEGER  FK -> route_runs.run_number.
  bin_serial            VARCHAR  FK -> bins.bin_serial.
  logged_time           TIMESTAMP    time the crew logged the stop.
  missed                BOOLEAN      TRUE if the bin was not emptied.
  miss_reason           VARCHAR      only for missed stops (NULL otherwise),
                                     code: 'BLOCKED' = access blocked (e.g.
                                     parked cars), 'NOT_OUT' = bin not put out,
                                     'CONTAMINATED' = wrong material in a
                                     recycling / organics / glass bin, so it
                                     was refused, 'NO_TIME' = run aborted
                                     before reaching the bin.
  collected_weight_kg   DOUBLE       weight emptied from the bin, kg; NULL for
                                     missed stops.
  overflowing           BOOLEAN      TRUE if the crew found the bin
                                     overflowing (lid not closing).
  stop_duration_min     DOUBLE       minutes the truck spent at the stop.

complaints -- one row per complaint filed by a resident or business.
  complaint_number      INTEGER  PK
  district              VARCHAR  FK -> districts.district; where the problem
                                     was.
  bin_serial            VARCHAR  FK -> bins.bin_serial; the bin the complaint
                                     is about, NULL when it is not about a
                                     particular bin.
  filed_day             DATE         day the complaint was filed.
  complaint_type        VARCHAR      code: 'MISSED' = missed collection,
                                     'SPILLAGE' = litter / spillage left
                                     behind, 'DAMAGE' = bin damaged by the
                                     crew, 'NOISE' = noise / too early,
                                     'CREW' = crew conduct.
  contact_channel       VARCHAR      code: 'APP' = city app, 'PHONE', 'EMAIL'.
  withdrawn             BOOLEAN      TRUE if the complainant withdrew the
                                     complaint; withdrawn complaints are never
                                     resolved.
  resolved              BOOLEAN      TRUE once the service closed the case.
  resolved_day          DATE         day the complaint was resolved; NULL when
                                     not resolved.  "Open" complaints are
                                     those neither resolved nor withdrawn.
"""

from __future__ import annotations

import datetime as _dt
import random

LAST_DAY = _dt.date(2025, 9, 30)
FIRST_DAY = _dt.date(2023, 1, 2)

_DDL_STATEMENTS = [
    """CREATE TABLE districts (
        district VARCHAR PRIMARY KEY,
        city_sector VARCHAR NOT NULL,
        resident_population INTEGER NOT NULL,
        district_area_km2 DOUBLE NOT NULL
    )""",
    """CREATE TABLE trucks (
        truck_registration VARCHAR PRIMARY KEY,
        truck_make_model VARCHAR NOT NULL,
        loader_type VARCHAR NOT NULL,
        fuel_type VARCHAR NOT NULL,
        payload_capacity_kg INTEGER NOT NULL,
        commissioned_day DATE NOT NULL,
        retired_day DATE
    )""",
    """CREATE TABLE routes (
        route_label VARCHAR PRIMARY KEY,
        district VARCHAR NOT NULL REFERENCES districts(district),
        waste_stream VARCHAR NOT NULL,
        collection_weekday VARCHAR NOT NULL,
        collection_frequency_days INTEGER NOT NULL,
        started_day DATE NOT NULL,
        discontinued BOOLEAN NOT NULL
    )""",
    """CREATE TABLE bins (
        bin_serial VARCHAR PRIMARY KEY,
        route_label VARCHAR NOT NULL REFERENCES routes(route_label),
        premises_type VARCHAR NOT NULL,
        street_address VARCHAR NOT NULL,
        bin_volume_litres INTEGER NOT NULL,
        installed_day DATE NOT NULL,
        removed_day DATE
    )""",
    """CREATE TABLE route_runs (
        run_number INTEGER PRIMARY KEY,
        route_label VARCHAR NOT NULL REFERENCES routes(route_label),
        truck_registration VARCHAR NOT NULL REFERENCES trucks(truck_registration),
        collection_day DATE NOT NULL,
        run_status VARCHAR NOT NULL,
        crew_size INTEGER NOT NULL,
        departed_time TIMESTAMP,
        returned_time TIMESTAMP,
        drive_distance_km DOUBLE,
        fuel_used_litres DOUBLE,
        gas_used_kg DOUBLE,
        energy_used_kwh DOUBLE
    )""",
    """CREATE TABLE collection_stops (
        stop_number INTEGER PRIMARY KEY,
        run_number INTEGER NOT NULL REFERENCES route_runs(run_number),
        bin_serial VARCHAR NOT NULL REFERENCES bins(bin_serial),
        logged_time TIMESTAMP NOT NULL,
        missed BOOLEAN NOT NULL,
        miss_reason VARCHAR,
        collected_weight_kg DOUBLE,
        overflowing BOOLEAN NOT NULL,
        stop_duration_min DOUBLE NOT NULL
    )""",
    """CREATE TABLE complaints (
        complaint_number INTEGER PRIMARY KEY,
        district VARCHAR NOT NULL REFERENCES districts(district),
        bin_serial VARCHAR REFERENCES bins(bin_serial),
        filed_day DATE NOT NULL,
        complaint_type VARCHAR NOT NULL,
        contact_channel VARCHAR NOT NULL,
        withdrawn BOOLEAN NOT NULL,
        resolved BOOLEAN NOT NULL,
        resolved_day DATE
    )""",
]

# all CREATE TABLE statements as one script (no COMMENT statements: the
# naming habit of this schema puts the meaning into the column names)
_DDL = ";\n\n".join(_DDL_STATEMENTS) + ";\n"

_DROP_ORDER = [
    "complaints",
    "collection_stops",
    "route_runs",
    "bins",
    "routes",
    "trucks",
    "districts",
]

D = _dt.date

_DISTRICTS = [
    ("Harbourside", "C", 18400, 3.1),
    ("Old Town", "C", 12600, 2.2),
    ("Millbrook", "N", 22100, 6.8),
    ("Northgate", "N", 15300, 5.4),
    ("Riverside", "E", 19800, 4.9),
    ("Eastfield", "E", 26500, 9.7),
    ("Southmoor", "S", 17200, 8.3),
    ("Westhill", "W", 14900, 7.1),
    ("Airport Park", "S", 2300, 11.5),
]

_TRUCKS = [
    ("WC-19-101", "Dennis Eagle Elite 6", "REAR", "DIESEL", 11000, D(2019, 3, 1), D(2024, 6, 30)),
    ("WC-19-102", "Dennis Eagle Elite 6", "REAR", "DIESEL", 11000, D(2019, 3, 1), None),
    ("WC-20-207", "Mercedes-Benz Econic 2630", "REAR", "DIESEL", 10500, D(2020, 5, 11), None),
    ("WC-20-208", "Mercedes-Benz Econic 2630 NGT", "REAR", "CNG", 10000, D(2020, 5, 11), None),
    (
        "WC-18-033",
        "Scania P280 Sideloader",
        "SIDE",
        "DIESEL",
        9000,
        D(2018, 2, 15),
        D(2023, 10, 31),
    ),
    ("WC-21-315", "Volvo FE Electric", "REAR", "ELECTRIC", 8500, D(2021, 9, 1), None),
    ("WC-21-316", "Volvo FE Electric", "REAR", "ELECTRIC", 8500, D(2021, 9, 1), None),
    ("WC-22-420", "Scania L320 CNG Sideloader", "SIDE", "CNG", 9500, D(2022, 4, 4), None),
    ("WC-22-421", "Mack LR Front Loader", "FRONT", "DIESEL", 12000, D(2022, 4, 4), None),
    ("WC-23-510", "Dennis Eagle eCollect", "REAR", "ELECTRIC", 9000, D(2023, 10, 16), None),
    ("WC-24-612", "Mercedes-Benz eEconic", "REAR", "ELECTRIC", 9500, D(2024, 6, 17), None),
    ("WC-17-005", "Iveco Eurocargo 150", "REAR", "DIESEL", 7500, D(2017, 6, 1), None),
    ("WC-20-209", "Mercedes-Benz Econic 2630", "REAR", "DIESEL", 10500, D(2020, 5, 11), None),
    ("WC-25-701", "Volvo FE Electric", "REAR", "ELECTRIC", 9000, D(2025, 9, 15), None),
]
_SPARES = ["WC-17-005", "WC-20-209"]

# label, district, stream, weekday, frequency, started, discontinued,
# last run day (None = still running), [(primary truck, from_day)], base km
_ROUTES = [
    (
        "HAR-RES-1",
        "Harbourside",
        "RES",
        "MON",
        7,
        D(2016, 4, 4),
        False,
        None,
        [("WC-21-315", None)],
        24.0,
    ),
    (
        "HAR-REC-1",
        "Harbourside",
        "REC",
        "WED",
        14,
        D(2018, 1, 3),
        False,
        None,
        [("WC-21-316", None)],
        22.0,
    ),
    (
        "OLD-RES-1",
        "Old Town",
        "RES",
        "TUE",
        7,
        D(2016, 4, 5),
        False,
        None,
        [("WC-21-315", None)],
        19.0,
    ),
    (
        "OLD-REC-1",
        "Old Town",
        "REC",
        "THU",
        14,
        D(2018, 1, 4),
        False,
        None,
        [("WC-21-316", None)],
        18.0,
    ),
    (
        "MIL-RES-1",
        "Millbrook",
        "RES",
        "MON",
        14,
        D(2015, 6, 1),
        False,
        None,
        [("WC-19-102", None)],
        41.0,
    ),
    (
        "MIL-RES-2",
        "Millbrook",
        "RES",
        "THU",
        14,
        D(2015, 6, 4),
        False,
        None,
        [("WC-19-102", None)],
        38.0,
    ),
    (
        "MIL-ORG-1",
        "Millbrook",
        "ORG",
        "FRI",
        14,
        D(2019, 3, 8),
        False,
        None,
        [("WC-20-208", None)],
        44.0,
    ),
    (
        "NOR-RES-1",
        "Northgate",
        "RES",
        "TUE",
        14,
        D(2015, 6, 2),
        False,
        None,
        [("WC-19-101", None), ("WC-24-612", D(2024, 7, 1))],
        36.0,
    ),
    (
        "NOR-GLS-1",
        "Northgate",
        "GLS",
        "WED",
        28,
        D(2022, 5, 4),
        False,
        None,
        [("WC-22-421", None)],
        47.0,
    ),
    (
        "RIV-RES-1",
        "Riverside",
        "RES",
        "WED",
        14,
        D(2015, 6, 3),
        False,
        None,
        [("WC-20-207", None)],
        33.0,
    ),
    (
        "RIV-REC-1",
        "Riverside",
        "REC",
        "FRI",
        14,
        D(2018, 1, 5),
        False,
        None,
        [("WC-22-420", None)],
        35.0,
    ),
    (
        "EAS-RES-1",
        "Eastfield",
        "RES",
        "THU",
        14,
        D(2015, 6, 4),
        False,
        None,
        [("WC-20-207", None)],
        52.0,
    ),
    (
        "EAS-REC-1",
        "Eastfield",
        "REC",
        "TUE",
        14,
        D(2018, 1, 2),
        False,
        None,
        [("WC-22-420", None)],
        55.0,
    ),
    (
        "EAS-ORG-1",
        "Eastfield",
        "ORG",
        "MON",
        14,
        D(2019, 3, 4),
        True,
        D(2024, 10, 31),
        [("WC-20-208", None)],
        58.0,
    ),
    (
        "SOU-RES-1",
        "Southmoor",
        "RES",
        "FRI",
        14,
        D(2015, 6, 5),
        False,
        None,
        [("WC-18-033", None), ("WC-23-510", D(2023, 11, 1))],
        45.0,
    ),
    (
        "SOU-GLS-1",
        "Southmoor",
        "GLS",
        "MON",
        28,
        D(2024, 3, 4),
        False,
        None,
        [("WC-22-421", None)],
        49.0,
    ),
    (
        "WES-RES-1",
        "Westhill",
        "RES",
        "FRI",
        14,
        D(2015, 6, 5),
        False,
        None,
        [("WC-19-101", None), ("WC-24-612", D(2024, 7, 1))],
        43.0,
    ),
    (
        "WES-REC-1",
        "Westhill",
        "REC",
        "MON",
        14,
        D(2018, 1, 1),
        False,
        None,
        [("WC-22-420", None)],
        40.0,
    ),
    (
        "WES-ORG-1",
        "Westhill",
        "ORG",
        "WED",
        14,
        D(2025, 3, 5),
        False,
        None,
        [("WC-20-208", None)],
        39.0,
    ),
    (
        "OLD-GLS-1",
        "Old Town",
        "GLS",
        "FRI",
        28,
        D(2021, 1, 8),
        True,
        D(2023, 8, 31),
        [("WC-22-421", None)],
        21.0,
    ),
]

_WEEKDAYS = {"MON": 0, "TUE": 1, "WED": 2, "THU": 3, "FRI": 4}

_STREETS = {
    "Harbourside": ["Quay Street", "Anchor Lane", "Dockside Walk", "Marina Parade", "Ropewalk"],
    "Old Town": ["Market Square", "Church Lane", "Castle Street", "Guild Row", "Mint Yard"],
    "Millbrook": ["Mill Road", "Brook Close", "Willow Drive", "Meadow Way", "Orchard Rise"],
    "Northgate": ["North Road", "Gatehouse Lane", "Elm Grove", "Station Avenue", "Hillcrest"],
    "Riverside": ["River Terrace", "Ferry Lane", "Towpath Road", "Bridge Street", "Weir Close"],
    "Eastfield": ["Field Lane", "Eastway", "Barley Crescent", "Harvest Road", "Poplar Avenue"],
    "Southmoor": ["Moor Lane", "Heather Close", "South Parade", "Fenwick Road", "Bracken Way"],
    "Westhill": ["West Hill Road", "Summit Drive", "Beacon Lane", "Ridgeway", "Sunset Close"],
}

# number of bins per route and the share of business / public bins
_BIN_MIX = {
    "HAR": (6, 0.45, 0.10),
    "OLD": (5, 0.40, 0.15),
    "MIL": (5, 0.10, 0.10),
    "NOR": (4, 0.15, 0.10),
    "RIV": (5, 0.20, 0.10),
    "EAS": (5, 0.15, 0.10),
    "SOU": (4, 0.10, 0.15),
    "WES": (4, 0.10, 0.10),
}

_KG_PER_LITRE = {"RES": 0.085, "REC": 0.045, "ORG": 0.12, "GLS": 0.16}


def _insert(con, table, rows, batch=400):
    """Insert rows in multi-row VALUES batches (much faster than executemany)."""
    if not rows:
        return
    width = len(rows[0])
    one = "(" + ", ".join(["?"] * width) + ")"
    for i in range(0, len(rows), batch):
        chunk = rows[i : i + batch]
        sql = f"INSERT INTO {table} VALUES " + ", ".join([one] * len(chunk))
        con.execute(sql, [v for row in chunk for v in row])


def _truck_for(route, day, rng, truck_by_reg):
    primaries = route[8]
    primary = primaries[0][0]
    for reg, since in primaries:
        if since is None or day >= since:
            primary = reg
    if rng.random() < 0.10:
        pool = list(_SPARES)
        if rng.random() < 0.3:
            pool = [t[0] for t in _TRUCKS if t[0] != primary]
        pool = [
            r
            for r in pool
            if truck_by_reg[r][5] <= day
            and (truck_by_reg[r][6] is None or truck_by_reg[r][6] >= day)
            and r != "WC-25-701"
        ]
        if pool:
            return rng.choice(pool)
    return primary


def build(con, seed: int = 1) -> None:
    rng = random.Random(seed)
    for t in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {t}")
    for stmt in _DDL_STATEMENTS:
        con.execute(stmt)

    _insert(con, "districts", _DISTRICTS)
    _insert(con, "trucks", _TRUCKS)
    _insert(con, "routes", [r[:7] for r in _ROUTES])
    truck_by_reg = {t[0]: t for t in _TRUCKS}
    route_by_label = {r[0]: r for r in _ROUTES}

    # ---------------------------------------------------------------- bins
    bins = []
    serial = 10000
    used_addresses = set()
    for r in _ROUTES:
        label, district, stream = r[0], r[1], r[2]
        n, p_biz, p_pub = _BIN_MIX[label[:3]]
        n += rng.choice([0, 0, 1]) if stream in ("RES", "REC") else rng.choice([-1, 0])
        for _ in range(n):
            serial += rng.randint(1, 37)
            u = rng.random()
            if u < p_biz:
                ptype = "BIZ"
                vol = (
                    rng.choice([660, 1100, 1100])
                    if stream != "GLS"
                    else rng.choice([240, 360, 660])
                )
            elif u < p_biz + p_pub:
                ptype = "PUB"
                vol = rng.choice([360, 660]) if stream != "GLS" else 240
            else:
                ptype = "HH"
                vol = rng.choice([120, 240, 240]) if stream != "GLS" else rng.choice([120, 240])
            while True:
                addr = f"{rng.randint(1, 180)} {rng.choice(_STREETS[district])}"
                if (addr, stream) not in used_addresses:
                    used_addresses.add((addr, stream))
                    break
            start = max(r[5], D(2015, 6, 1))
            if start >= D(2022, 1, 1):
                installed = start + _dt.timedelta(days=rng.randint(-14, 20))
            else:
                installed = start + _dt.timedelta(days=rng.randint(0, 900))
                if installed > D(2022, 12, 1) and rng.random() < 0.7:
                    installed = start + _dt.timedelta(days=rng.randint(0, 60))
            removed = None
            if r[7] is not None:
                removed = r[7] + _dt.timedelta(days=rng.randint(1, 20))
            elif rng.random() < 0.07:
                removed = max(D(2023, 3, 1), installed + _dt.timedelta(days=90)) + _dt.timedelta(
                    days=rng.randint(0, 800)
                )
                if removed >= LAST_DAY:
                    removed = None
            bins.append([f"B-{serial}", label, ptype, addr, vol, installed, removed])
    # some bins added during the data period
    extra = [
        ("HAR-RES-1", "BIZ", 1100, D(2024, 2, 12)),
        ("OLD-REC-1", "BIZ", 660, D(2024, 9, 2)),
        ("RIV-RES-1", "HH", 240, D(2025, 1, 20)),
        ("EAS-REC-1", "PUB", 660, D(2025, 5, 6)),
        ("MIL-RES-1", "HH", 240, D(2025, 9, 23)),  # never collected yet
        ("WES-REC-1", "HH", 240, D(2025, 9, 26)),  # never collected yet
        ("SOU-RES-1", "HH", 120, D(2025, 7, 14)),
    ]
    for label, ptype, vol, inst in extra:
        serial += rng.randint(1, 37)
        district = route_by_label[label][1]
        addr = f"{rng.randint(181, 240)} {rng.choice(_STREETS[district])}"
        bins.append([f"B-{serial}", label, ptype, addr, vol, inst, None])
    _insert(con, "bins", bins)
    bins_by_route = {}
    for b in bins:
        bins_by_route.setdefault(b[1], []).append(b)

    # ---------------------------------------------------------------- runs
    runs = []
    stops = []
    run_no = 500000
    stop_no = 0
    bin_fill = {b[0]: rng.uniform(0.5, 1.0) for b in bins}  # bin habit
    # days with city-wide cancellations (snow, strike)
    bad_days = {
        D(2023, 1, 24),
        D(2023, 12, 26),
        D(2024, 1, 16),
        D(2024, 1, 17),
        D(2024, 12, 25),
        D(2024, 12, 26),
        D(2025, 1, 9),
        D(2025, 2, 11),
        D(2025, 8, 18),
        D(2025, 9, 10),
    }
    for r in _ROUTES:
        label, district, stream, wd, freq = r[0], r[1], r[2], r[3], r[4]
        first = FIRST_DAY + _dt.timedelta(days=(_WEEKDAYS[wd] - FIRST_DAY.weekday()) % 7)
        # align fortnightly/4-weekly routes with their start day
        offset = (first - r[5]).days % freq
        if offset:
            first += _dt.timedelta(days=freq - offset)
        end = r[7] or LAST_DAY
        day = first
        while day <= end:
            if day < r[5]:
                day += _dt.timedelta(days=freq)
                continue
            run_no += rng.randint(1, 3)
            reg = _truck_for(r, day, rng, truck_by_reg)
            fuel = truck_by_reg[reg][3]
            u = rng.random()
            p_cancel = 0.015 + (0.05 if day.month in (1, 12) else 0.0)
            if (day in bad_days and rng.random() < 0.8) or u < p_cancel:
                status = "CANCELLED"
            elif u < p_cancel + 0.05 + (0.04 if reg in _SPARES else 0):
                status = "PARTIAL"
            else:
                status = "DONE"
            crew = 2 if truck_by_reg[reg][2] in ("SIDE", "FRONT") else rng.choice([3, 3, 3, 4, 2])
            if status == "CANCELLED":
                runs.append(
                    [run_no, label, reg, day, status, crew, None, None, None, None, None, None]
                )
                day += _dt.timedelta(days=freq)
                continue
            departed = _dt.datetime.combine(day, _dt.time(6, 0)) + _dt.timedelta(
                minutes=rng.randint(0, 50)
            )
            t = departed + _dt.timedelta(minutes=rng.uniform(12, 30))
            day_bins = [
                b
                for b in bins_by_route.get(label, [])
                if b[5] <= day and (b[6] is None or b[6] > day)
            ]
            rng.shuffle(day_bins)
            abort_at = len(day_bins)
            if status == "PARTIAL":
                abort_at = rng.randint(max(0, len(day_bins) // 3), max(0, len(day_bins) - 1))
            season = 1.0
            if stream == "ORG":
                season = 1.5 if day.month in (5, 6, 7, 8, 9) else 0.7
            elif stream == "RES" and day.month == 12:
                season = 1.2
            for i, b in enumerate(day_bins):
                stop_no += 1
                t += _dt.timedelta(minutes=rng.uniform(2, 12))
                overflowing = rng.random() < (
                    0.05
                    + (0.10 if b[2] == "BIZ" else 0)
                    + (0.08 if day.month in (12, 1) else 0)
                    + (0.05 if bin_fill[b[0]] > 0.9 else 0)
                )
                if i >= abort_at:
                    missed, reason = True, "NO_TIME"
                else:
                    m = rng.random()
                    base = 0.03 + (0.03 if district in ("Old Town", "Harbourside") else 0)
                    if m < base:
                        missed = True
                        reason = (
                            "BLOCKED"
                            if district in ("Old Town", "Harbourside") and rng.random() < 0.6
                            else rng.choice(["BLOCKED", "NOT_OUT", "NOT_OUT"])
                        )
                    elif stream != "RES" and m < base + 0.035:
                        missed, reason = True, "CONTAMINATED"
                    else:
                        missed, reason = False, None
                if missed:
                    weight = None
                    dur = round(rng.uniform(0.3, 1.5), 1)
                else:
                    fill = min(
                        1.15,
                        bin_fill[b[0]] * rng.uniform(0.55, 1.15) * season
                        + (0.15 if overflowing else 0),
                    )
                    weight = round(b[4] * _KG_PER_LITRE[stream] * fill, 1)
                    dur = round(
                        rng.uniform(0.8, 2.5)
                        + (1.5 if b[4] >= 660 else 0)
                        + (0.8 if overflowing else 0),
                        1,
                    )
                t += _dt.timedelta(minutes=dur)
                stops.append(
                    [
                        stop_no,
                        run_no,
                        b[0],
                        t.replace(microsecond=0),
                        missed,
                        reason,
                        weight,
                        overflowing,
                        dur,
                    ]
                )
            returned = (
                t
                + _dt.timedelta(minutes=rng.uniform(25, 70))
                + _dt.timedelta(minutes=len(day_bins) * rng.uniform(6, 14))
            )
            km = r[9] * rng.uniform(0.9, 1.15) * (0.65 if status == "PARTIAL" else 1.0)
            km = round(km, 1)
            litres = gas = kwh = None
            if fuel == "DIESEL":
                litres = round(
                    km * rng.uniform(0.48, 0.62) * (1.1 if reg == "WC-17-005" else 1.0), 1
                )
            elif fuel == "CNG":
                gas = round(km * rng.uniform(0.38, 0.47), 1)
            else:
                kwh = round(km * rng.uniform(1.5, 2.0), 1)
            runs.append(
                [
                    run_no,
                    label,
                    reg,
                    day,
                    status,
                    crew,
                    departed.replace(microsecond=0),
                    returned.replace(microsecond=0),
                    km,
                    litres,
                    gas,
                    kwh,
                ]
            )
            day += _dt.timedelta(days=freq)

    _insert(con, "route_runs", runs)
    _insert(con, "collection_stops", stops)

    # ---------------------------------------------------------------- complaints
    complaints = []
    run_by_no = {r[0]: r for r in runs}
    route_district = {r[0]: r[1] for r in _ROUTES}
    bin_route = {b[0]: b[1] for b in bins}
    bin_ids = [b for b in bins]

    def channel(day):
        u = rng.random()
        app = 0.35 + 0.1 * (day.year - 2023)
        if u < app:
            return "APP"
        return "PHONE" if u < app + 0.4 else "EMAIL"

    def add(district, bin_serial, filed, ctype):
        if filed > LAST_DAY:
            return
        withdrawn = rng.random() < 0.05
        resolved = False
        resolved_day = None
        if not withdrawn:
            slow = {"DAMAGE": 12, "CREW": 8, "MISSED": 2, "SPILLAGE": 3, "NOISE": 6}[ctype]
            delay = int(rng.expovariate(1.0 / slow))
            if rng.random() < 0.06:
                delay += rng.randint(20, 60)
            rd = filed + _dt.timedelta(days=delay)
            if rd <= LAST_DAY and rng.random() < 0.95:
                resolved, resolved_day = True, rd
        complaints.append(
            [
                0,
                district,
                bin_serial,
                filed,
                ctype,
                channel(filed),
                withdrawn,
                resolved,
                resolved_day,
            ]
        )

    for s in stops:
        if s[4]:
            p = 0.35 if s[5] in ("NO_TIME", "BLOCKED") else 0.15
            if rng.random() < p:
                run = run_by_no[s[1]]
                filed = run[3] + _dt.timedelta(days=min(int(rng.expovariate(0.6)), 12))
                add(route_district[bin_route[s[2]]], s[2], filed, "MISSED")
    span = (LAST_DAY - FIRST_DAY).days
    weights = [d[2] for d in _DISTRICTS]
    for _ in range(260):
        filed = FIRST_DAY + _dt.timedelta(days=rng.randint(0, span))
        ctype = rng.choices(["SPILLAGE", "DAMAGE", "NOISE", "CREW"], [5, 3, 2, 1.5])[0]
        district = rng.choices([d[0] for d in _DISTRICTS], weights)[0]
        cands = [
            b
            for b in bin_ids
            if route_district[b[1]] == district and b[5] <= filed and (b[6] is None or b[6] > filed)
        ]
        need_bin = (
            ctype == "DAMAGE"
            or (ctype == "SPILLAGE" and rng.random() < 0.4)
            or (ctype == "CREW" and rng.random() < 0.3)
        )
        bs = rng.choice(cands)[0] if (need_bin and cands) else None
        add(district, bs, filed, ctype)
    complaints.sort(key=lambda c: (c[3], c[1], c[4]))
    no = 24000
    for c in complaints:
        no += rng.randint(1, 4)
        c[0] = no
    _insert(con, "complaints", complaints)


if __name__ == "__main__":
    import time

    import duckdb

    t0 = time.time()
    c = duckdb.connect()
    build(c)
    for t in reversed(_DROP_ORDER):
        print(t, c.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
    print("seconds", round(time.time() - t0, 2))

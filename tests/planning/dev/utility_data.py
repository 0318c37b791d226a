"""Water utility asset maintenance test database (DuckDB, ``main`` schema).

A regional water utility maintains its distribution network: pipes (water mains), pumps,
valves and fire hydrants, grouped into eight operating districts. Every job on an asset is a
work order (WO), either planned (scheduled servicing, inspections, valve exercising) or
reactive (a fault: leak, burst, seized valve, pump failure...). Work orders are carried out by
crews (in-house teams or contractors), who book their labour hours on the order when it is
completed. Materials (pipe, fittings, repair clamps, spare parts, aggregates) are issued from
stores to work orders.

Identifiers follow the utility's ERP (SAP-style) habit of abbreviated names: vowels dropped or
words cut short (``wrk_ord`` = work order, ``crw`` = crew, ``asst`` = asset, ``dstrct`` =
district, ``mtrl`` = material, ``iss`` = issue, ``rsd`` = raised, ``strt`` = started, ``fnsh`` =
finished, ``lbr`` = labour, ``qty`` = quantity, ``cst`` = cost, ``ts`` = timestamp, ``dt`` =
date).

Work orders are raised from 2023-01-01 up to and including **2025-08-31**, which is the last
day of the data ("today" for every question: "this year" is 2025, "last month" is July 2025,
"last quarter" is April-June 2025, "last year" is 2024). About 35 orders raised in
November/December 2022 were migrated from the old system because they were not yet finished
at go-live on 2023-01-01 (they keep their 2022 raised dates). Some planned orders raised in
August 2025 are scheduled (due) after today and have not started. Money is in euros
(``*_eur``), lengths in metres (``*_m``), diameters in millimetres (``*_mm``), motor power in
kilowatts (``*_kw``), labour in person-hours (``lbr_hrs``). Timestamps (``*_ts``) are local
time; dates are ``*_dt``. Status-like columns hold short upper-case codes; the allowed codes
are listed below and what each code means is also stated in the column's comment
(``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``dstrct`` -- one row per operating district of the network.

* ``dstrct_cd`` (VARCHAR, primary key): three-letter district code: 'NTH' = Northgate,
  'STH' = Southmoor, 'EST' = Eastbrook, 'WST' = Westfield, 'CTR' = City Centre,
  'HRB' = Harbourside, 'RVR' = Riverside, 'HLD' = Highlands.
* ``dstrct_nm`` (VARCHAR, unique): district name, e.g. 'Northgate', 'City Centre'.
* ``ar_typ`` (VARCHAR): area type code: 'URB' = urban, 'SUB' = suburban, 'RUR' = rural.
* ``pop_srvd`` (INTEGER): number of residents supplied with water in the district.
* ``dstrct_mgr`` (VARCHAR): name of the district's network manager.

``crw`` -- one row per maintenance crew (team), current and former.

* ``crw_id`` (INTEGER, primary key).
* ``crw_nm`` (VARCHAR, unique): crew name, e.g. 'Northgate Mains'.
* ``crw_typ`` (VARCHAR): 'INT' = in-house crew of the utility, 'CTR' = external contractor.
* ``spclty`` (VARCHAR): specialty code: 'MNS' = mains (pipes), 'MEC' = mechanical (pumps),
  'GEN' = general network operations (valves and hydrants).
* ``bs_dstrct_cd`` (VARCHAR, foreign key to ``dstrct``): district of the depot the crew works
  from; NULL for contractors (they cover the whole network).
* ``hdcnt`` (INTEGER): number of people in the crew.
* ``hrly_rt_eur`` (DECIMAL(6,2)): charge rate in euros per labour hour (person-hour); labour
  cost of a work order = ``lbr_hrs`` x this rate.
* ``frmd_dt`` (DATE): day the crew was formed (or the contract started).
* ``actv_flg`` (BOOLEAN): true if the crew currently works; false = disbanded / contract ended
  (the 'Harbour Mains B' crew was disbanded at the end of 2023). The crew formed in August
  2025 has not carried out any work order yet.

``asst`` -- one row per network asset (current and decommissioned).

* ``asst_id`` (INTEGER, primary key).
* ``asst_tg`` (VARCHAR, unique): asset tag, type-district-number, e.g. 'PP-NTH-0012'.
* ``asst_nm`` (VARCHAR): descriptive name by location, e.g. 'Mill Lane main',
  'Station Road hydrant', 'Hilltop booster pump 2'. Not unique: the same street name occurs
  in several districts, so e.g. 'High Street hydrant' exists in more than one district.
* ``asst_typ`` (VARCHAR): asset type code: 'PP' = pipe (water main segment), 'PMP' = pump,
  'VLV' = valve, 'HYD' = fire hydrant.
* ``dstrct_cd`` (VARCHAR, foreign key to ``dstrct``): district the asset is in.
* ``instl_dt`` (DATE): installation date; NULL when unknown (some old mains and valves).
* ``pp_mtrl`` (VARCHAR): pipe material code, only for pipes (NULL otherwise): 'CI' = cast
  iron, 'AC' = asbestos cement, 'DI' = ductile iron, 'PVC' = PVC, 'PE' = polyethylene.
* ``dmtr_mm`` (INTEGER): nominal diameter in millimetres; NULL for pumps.
* ``lgth_m`` (DECIMAL(8,1)): length of the pipe segment in metres; NULL for non-pipes.
* ``pwr_kw`` (DECIMAL(6,1)): rated motor power in kilowatts; only for pumps, NULL otherwise.
* ``crtclty`` (INTEGER): criticality 1..5; 5 = most critical (failure affects many customers).
* ``cndtn_scr`` (INTEGER): condition grade from the last inspection, 1 = very good ..
  5 = very poor; NULL = never graded.
* ``stts`` (VARCHAR): asset status code: 'ACT' = in service, 'OOS' = out of service
  (temporarily isolated), 'DCM' = decommissioned (removed / abandoned).
* ``dcm_dt`` (DATE): day the asset was decommissioned; NULL unless ``stts`` = 'DCM'.
* ``rplc_cst_eur`` (DECIMAL(12,2)): estimated replacement cost of the asset in euros.

``wrk_ord`` -- one row per work order.

* ``wo_id`` (INTEGER, primary key).
* ``wo_nr`` (VARCHAR, unique): work order number, e.g. 'WO-24-00153' (two-digit year raised).
* ``asst_id`` (INTEGER, foreign key to ``asst``): asset worked on.
* ``crw_id`` (INTEGER, foreign key to ``crw``): crew assigned; NULL while not yet assigned
  (some open orders, some cancelled ones).
* ``wo_typ`` (VARCHAR): 'PLN' = planned (preventive / scheduled), 'RCT' = reactive (fault).
* ``prty`` (VARCHAR): priority code: 'P1' = emergency (complete same/next day), 'P2' = urgent
  (within 2 days), 'P3' = routine (within 7 days), 'P4' = planned/low (by the scheduled date).
* ``flt_cd`` (VARCHAR): fault code, only for reactive orders (NULL for planned): 'LEAK' =
  leak, 'BRST' = burst main, 'SEIZ' = seized / inoperable, 'MECH' = mechanical failure,
  'ELEC' = electrical failure, 'DMG' = third-party damage (e.g. hit by a vehicle).
* ``cstmr_rprt`` (BOOLEAN): true when the order was raised from a customer call/report.
* ``stts`` (VARCHAR): order status code: 'OPN' = raised, not started; 'INP' = in progress
  (started, not finished); 'CMP' = completed; 'CAN' = cancelled (duplicate report, no fault
  found, asset removed...). Cancelled orders were never worked on.
* ``rsd_ts`` (TIMESTAMP): when the order was raised.
* ``due_dt`` (DATE): target completion date (from the priority for reactive orders; the
  scheduled date for planned ones). A completed order is late when it finished on a later
  day than ``due_dt``; an order not completed and not cancelled whose ``due_dt`` is before
  today (2025-08-31) is overdue.
* ``strt_ts`` (TIMESTAMP): when work started on site; NULL for 'OPN' and 'CAN'.
* ``fnsh_ts`` (TIMESTAMP): when work was finished; set only for 'CMP'.
* ``lbr_hrs`` (DECIMAL(6,1)): labour booked in person-hours; set only for 'CMP' (booked at
  completion), NULL otherwise.
* ``lbr_cst_eur`` (DECIMAL(10,2)): labour cost in euros (``lbr_hrs`` x the crew's hourly
  rate); set only for 'CMP'. Material cost is not included (see ``mtrl_iss``).

``mtrl`` -- material catalogue: one row per stocked material.

* ``mtrl_id`` (INTEGER, primary key).
* ``mtrl_cd`` (VARCHAR, unique): material code, e.g. 'RPR-CLMP-150'.
* ``mtrl_dsc`` (VARCHAR, unique): description, e.g. 'Repair clamp 150mm'.
* ``mtrl_grp`` (VARCHAR): material group code: 'PIPE' = pipe, 'FTG' = fittings and couplings,
  'CLMP' = repair clamps, 'VLVP' = valve and hydrant parts, 'PMPP' = pump and motor parts,
  'CIVL' = civils/reinstatement (aggregate, asphalt, concrete), 'CHEM' = chemicals.
* ``uom`` (VARCHAR): unit of measure: 'EA' = each (piece), 'M' = metre, 'T' = tonne,
  'KG' = kilogram, 'M3' = cubic metre.
* ``std_cst_eur`` (DECIMAL(10,2)): current standard cost of one unit (one ``uom``) in euros.

``mtrl_iss`` -- materials issued to work orders, one row per issue booking.

* ``iss_id`` (INTEGER, primary key).
* ``wo_id`` (INTEGER, foreign key to ``wrk_ord``).
* ``mtrl_id`` (INTEGER, foreign key to ``mtrl``).
* ``iss_dt`` (DATE): day the material was issued.
* ``iss_qty`` (DECIMAL(10,2)): quantity issued, in the material's unit of measure (``uom``).
* ``unt_cst_eur`` (DECIMAL(10,2)): cost of one unit at the time of issue in euros (prices
  change over time, so it can differ from ``mtrl.std_cst_eur``). Value of an issue =
  ``iss_qty`` x ``unt_cst_eur``.
* ``iss_src`` (VARCHAR): where it came from: 'STR' = central store, 'VAN' = van stock,
  'DIR' = bought directly from a supplier for the job.
* ``vd_flg`` (BOOLEAN): true if the booking was voided (entered in error / reversed); voided
  issues must be ignored in every quantity or cost total.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 8, 31)
_END = dt.datetime(2025, 8, 31, 23, 59, 59)

# code, name, area type, population, manager, number of assets, pump stations
_DISTRICTS = [
    ("NTH", "Northgate", "URB", 48200, "Helen Marsh", 175, ["Northgate", "Windmill Hill"]),
    ("STH", "Southmoor", "SUB", 36900, "Rajesh Iyer", 150, ["Southmoor"]),
    ("EST", "Eastbrook", "SUB", 31500, "Claire Dubois", 130, ["Eastbrook"]),
    ("WST", "Westfield", "RUR", 12800, "Owen Pritchard", 95, ["Westfield", "Copse End"]),
    ("CTR", "City Centre", "URB", 61300, "Marta Kowalczyk", 225, ["Castle Yard"]),
    ("HRB", "Harbourside", "URB", 27400, "Sean Gallagher", 135, ["Quayside"]),
    ("RVR", "Riverside", "SUB", 22100, "Amina Yusuf", 110, ["Riverside"]),
    ("HLD", "Highlands", "RUR", 8600, "Duncan Frazer", 70, ["Hilltop", "Crag Top", "Fell Gate"]),
]  # fmt: skip

# name, type, specialty, base district, headcount, rate, formed, active
_CREWS = [
    ("Northgate Mains", "INT", "MNS", "NTH", 4, 54.00, dt.date(2016, 4, 1), True),
    ("City Mains", "INT", "MNS", "CTR", 5, 56.50, dt.date(2014, 1, 6), True),
    ("Southmoor Mains", "INT", "MNS", "STH", 4, 52.50, dt.date(2017, 9, 4), True),
    ("Eastbrook Mains", "INT", "MNS", "EST", 4, 53.00, dt.date(2018, 3, 5), True),
    ("West & Highlands Mains", "INT", "MNS", "WST", 3, 51.00, dt.date(2019, 6, 3), True),
    ("Harbour Mains", "INT", "MNS", "HRB", 4, 55.00, dt.date(2015, 2, 2), True),
    ("Pump Fitters North", "INT", "MEC", "NTH", 3, 61.00, dt.date(2012, 5, 14), True),
    ("Pump Fitters South", "INT", "MEC", "STH", 3, 59.50, dt.date(2013, 10, 7), True),
    ("Network Ops North", "INT", "GEN", "CTR", 3, 47.50, dt.date(2016, 1, 11), True),
    ("Network Ops South", "INT", "GEN", "RVR", 3, 46.00, dt.date(2018, 8, 20), True),
    ("AquaFix Contracting", "CTR", "MNS", None, 6, 82.00, dt.date(2021, 4, 1), True),
    ("Pennine Pump Services", "CTR", "MEC", None, 2, 94.00, dt.date(2022, 1, 1), True),
    ("Harbour Mains B", "INT", "MNS", "HRB", 3, 53.50, dt.date(2019, 1, 7), False),
    ("Highlands Rapid Response", "INT", "GEN", "HLD", 2, 49.00, dt.date(2025, 8, 18), True),
]  # fmt: skip
_NORTH = {"NTH", "CTR", "HRB", "EST"}
_MAINS_CREW = {"NTH": 1, "CTR": 2, "STH": 3, "EST": 4, "RVR": 4, "WST": 5, "HLD": 5, "HRB": 6}
_CONTRACT_MAINS, _CONTRACT_PUMPS, _HARBOUR_B = 11, 12, 13
_HARBOUR_B_END = dt.date(2023, 12, 22)

_STREETS = [
    "High Street", "Station Road", "Church Lane", "Mill Lane", "Park Road", "Victoria Road",
    "Green Lane", "Manor Road", "Queen Street", "King Street", "London Road", "School Lane",
    "The Crescent", "Chapel Street", "North Road", "Bridge Street", "Elm Grove", "Orchard Way",
    "Meadow Close", "Kings Avenue", "Harbour Road", "Quay Street", "River Walk", "Moor Lane",
    "Farm Road", "Castle Street", "Market Place", "Albert Road", "Springfield Road",
    "Brook Lane", "Windsor Road", "Cedar Avenue", "Beech Drive", "Union Street", "Forge Lane",
    "Abbey Road", "Willow Way", "Grange Road", "Tannery Lane", "Hill Crest",
]  # fmt: skip

# code, description, group, uom, standard cost
_MATERIALS = [
    ("PE-PIPE-063", "PE100 pipe 63mm", "PIPE", "M", 6.80),
    ("PE-PIPE-125", "PE100 pipe 125mm", "PIPE", "M", 18.50),
    ("PE-PIPE-180", "PE100 pipe 180mm", "PIPE", "M", 34.00),
    ("PE-PIPE-250", "PE100 pipe 250mm", "PIPE", "M", 61.00),
    ("DI-PIPE-150", "Ductile iron pipe 150mm", "PIPE", "M", 72.00),
    ("DI-PIPE-300", "Ductile iron pipe 300mm", "PIPE", "M", 165.00),
    ("CPLG-100", "Universal coupling 100mm", "FTG", "EA", 68.00),
    ("CPLG-150", "Universal coupling 150mm", "FTG", "EA", 94.00),
    ("CPLG-300", "Universal coupling 300mm", "FTG", "EA", 212.00),
    ("EF-CPLR-125", "Electrofusion coupler 125mm", "FTG", "EA", 21.50),
    ("TEE-150", "Flanged tee 150mm", "FTG", "EA", 145.00),
    ("RPR-CLMP-100", "Repair clamp 100mm", "CLMP", "EA", 58.00),
    ("RPR-CLMP-150", "Repair clamp 150mm", "CLMP", "EA", 76.00),
    ("RPR-CLMP-300", "Repair clamp 300mm", "CLMP", "EA", 148.00),
    ("GATE-VLV-100", "Gate valve 100mm", "VLVP", "EA", 420.00),
    ("GATE-VLV-150", "Gate valve 150mm", "VLVP", "EA", 610.00),
    ("VLV-SPNDL", "Valve spindle and cap", "VLVP", "EA", 85.00),
    ("VLV-GLND-PKG", "Valve gland packing set", "VLVP", "EA", 18.00),
    ("HYD-HEAD", "Hydrant head assembly", "VLVP", "EA", 385.00),
    ("HYD-SEAL-KIT", "Hydrant seal kit", "VLVP", "EA", 42.00),
    ("AIR-VLV-050", "Air release valve 50mm", "VLVP", "EA", 265.00),
    ("PMP-MECH-SEAL", "Pump mechanical seal", "PMPP", "EA", 310.00),
    ("PMP-BRG-SET", "Pump bearing set", "PMPP", "EA", 185.00),
    ("PMP-IMPLR", "Pump impeller", "PMPP", "EA", 940.00),
    ("MTR-CNTCTR", "Motor contactor", "PMPP", "EA", 126.00),
    ("PMP-SVC-KIT", "Pump service kit", "PMPP", "EA", 64.00),
    ("AGG-TYP1", "Type 1 sub-base aggregate", "CIVL", "T", 32.50),
    ("ASPH-HOT", "Hot rolled asphalt", "CIVL", "T", 118.00),
    ("CONC-C20", "Ready-mix concrete C20", "CIVL", "M3", 135.00),
    ("CHLR-TAB", "Chlorine tablets", "CHEM", "KG", 9.40),
]  # fmt: skip
_PRICE_LEVEL = {2022: 0.90, 2023: 0.92, 2024: 0.97, 2025: 1.00}

_TABLES = """
CREATE TABLE dstrct (
    dstrct_cd VARCHAR PRIMARY KEY,
    dstrct_nm VARCHAR NOT NULL UNIQUE,
    ar_typ VARCHAR NOT NULL,
    pop_srvd INTEGER NOT NULL,
    dstrct_mgr VARCHAR NOT NULL
);
CREATE TABLE crw (
    crw_id INTEGER PRIMARY KEY,
    crw_nm VARCHAR NOT NULL UNIQUE,
    crw_typ VARCHAR NOT NULL,
    spclty VARCHAR NOT NULL,
    bs_dstrct_cd VARCHAR REFERENCES dstrct (dstrct_cd),
    hdcnt INTEGER NOT NULL,
    hrly_rt_eur DECIMAL(6, 2) NOT NULL,
    frmd_dt DATE NOT NULL,
    actv_flg BOOLEAN NOT NULL
);
CREATE TABLE asst (
    asst_id INTEGER PRIMARY KEY,
    asst_tg VARCHAR NOT NULL UNIQUE,
    asst_nm VARCHAR NOT NULL,
    asst_typ VARCHAR NOT NULL,
    dstrct_cd VARCHAR NOT NULL REFERENCES dstrct (dstrct_cd),
    instl_dt DATE,
    pp_mtrl VARCHAR,
    dmtr_mm INTEGER,
    lgth_m DECIMAL(8, 1),
    pwr_kw DECIMAL(6, 1),
    crtclty INTEGER NOT NULL,
    cndtn_scr INTEGER,
    stts VARCHAR NOT NULL,
    dcm_dt DATE,
    rplc_cst_eur DECIMAL(12, 2) NOT NULL
);
CREATE TABLE wrk_ord (
    wo_id INTEGER PRIMARY KEY,
    wo_nr VARCHAR NOT NULL UNIQUE,
    asst_id INTEGER NOT NULL REFERENCES asst (asst_id),
    crw_id INTEGER REFERENCES crw (crw_id),
    wo_typ VARCHAR NOT NULL,
    prty VARCHAR NOT NULL,
    flt_cd VARCHAR,
    cstmr_rprt BOOLEAN NOT NULL,
    stts VARCHAR NOT NULL,
    rsd_ts TIMESTAMP NOT NULL,
    due_dt DATE NOT NULL,
    strt_ts TIMESTAMP,
    fnsh_ts TIMESTAMP,
    lbr_hrs DECIMAL(6, 1),
    lbr_cst_eur DECIMAL(10, 2)
);
CREATE TABLE mtrl (
    mtrl_id INTEGER PRIMARY KEY,
    mtrl_cd VARCHAR NOT NULL UNIQUE,
    mtrl_dsc VARCHAR NOT NULL UNIQUE,
    mtrl_grp VARCHAR NOT NULL,
    uom VARCHAR NOT NULL,
    std_cst_eur DECIMAL(10, 2) NOT NULL
);
CREATE TABLE mtrl_iss (
    iss_id INTEGER PRIMARY KEY,
    wo_id INTEGER NOT NULL REFERENCES wrk_ord (wo_id),
    mtrl_id INTEGER NOT NULL REFERENCES mtrl (mtrl_id),
    iss_dt DATE NOT NULL,
    iss_qty DECIMAL(10, 2) NOT NULL,
    unt_cst_eur DECIMAL(10, 2) NOT NULL,
    iss_src VARCHAR NOT NULL,
    vd_flg BOOLEAN NOT NULL
);
"""

_COMMENTS = {
    "dstrct.ar_typ": "URB = urban, SUB = suburban, RUR = rural",
    "crw.crw_typ": "INT = in-house crew, CTR = external contractor",
    "crw.spclty": (
        "MNS = mains (pipes), MEC = mechanical (pumps), GEN = general network ops (valves, "
        "hydrants)"
    ),
    "crw.hrly_rt_eur": "Charge rate in EUR per labour (person) hour",
    "crw.actv_flg": "True = crew currently working; false = disbanded / contract ended",
    "asst.asst_typ": "PP = pipe (main segment), PMP = pump, VLV = valve, HYD = fire hydrant",
    "asst.pp_mtrl": (
        "Pipe material: CI = cast iron, AC = asbestos cement, DI = ductile iron, PVC = PVC, "
        "PE = polyethylene; NULL for non-pipes"
    ),
    "asst.dmtr_mm": "Nominal diameter in millimetres; NULL for pumps",
    "asst.lgth_m": "Pipe segment length in metres; NULL for non-pipes",
    "asst.pwr_kw": "Pump motor rating in kW; NULL for non-pumps",
    "asst.crtclty": "Criticality 1 (low) .. 5 (most critical)",
    "asst.cndtn_scr": "Condition grade 1 = very good .. 5 = very poor; NULL = never graded",
    "asst.stts": "ACT = in service, OOS = out of service (isolated), DCM = decommissioned",
    "wrk_ord.wo_typ": "PLN = planned / preventive, RCT = reactive (fault)",
    "wrk_ord.prty": (
        "P1 = emergency (same/next day), P2 = urgent (2 days), P3 = routine (7 days), P4 = "
        "planned/low"
    ),
    "wrk_ord.flt_cd": (
        "LEAK = leak, BRST = burst main, SEIZ = seized/inoperable, MECH = mechanical failure, "
        "ELEC = electrical failure, DMG = third-party damage; NULL for planned orders"
    ),
    "wrk_ord.stts": (
        "OPN = raised not started, INP = in progress, CMP = completed, CAN = cancelled (never "
        "worked)"
    ),
    "wrk_ord.due_dt": "Target completion date; completed after this day = late",
    "wrk_ord.lbr_hrs": "Labour in person-hours, booked at completion (NULL unless CMP)",
    "wrk_ord.lbr_cst_eur": "Labour cost in EUR = lbr_hrs x crew hourly rate (NULL unless CMP)",
    "mtrl.mtrl_grp": (
        "PIPE = pipe, FTG = fittings, CLMP = repair clamps, VLVP = valve/hydrant parts, PMPP "
        "= pump/motor parts, CIVL = civils/reinstatement, CHEM = chemicals"
    ),
    "mtrl.uom": "EA = each, M = metre, T = tonne, KG = kilogram, M3 = cubic metre",
    "mtrl_iss.iss_qty": "Quantity issued in the unit of measure of the material (mtrl.uom)",
    "mtrl_iss.unt_cst_eur": (
        "Unit cost in EUR at time of issue; issue value = iss_qty x unt_cst_eur"
    ),
    "mtrl_iss.iss_src": "STR = central store, VAN = van stock, DIR = direct purchase",
    "mtrl_iss.vd_flg": "True = booking voided (reversed); ignore voided rows in totals",
}
_DDL = _TABLES + "".join(
    f"COMMENT ON COLUMN {column} IS '{text}';\n" for column, text in _COMMENTS.items()
)

_DROP_ORDER = ["mtrl_iss", "mtrl", "wrk_ord", "asst", "crw", "dstrct"]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _work_time(rng: random.Random, day: dt.date) -> dt.datetime:
    """A time during the working day (07:00-16:59) on ``day``."""
    return dt.datetime.combine(
        day, dt.time(rng.randint(7, 16), rng.choice([0, 10, 15, 20, 30, 40, 45, 50]))
    )


def _any_time(rng: random.Random, day: dt.date) -> dt.datetime:
    """Faults are reported around the clock, mostly by day."""
    hour = rng.randint(7, 21) if rng.random() < 0.8 else rng.choice([0, 1, 2, 3, 4, 5, 6, 22, 23])
    return dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59)))


def _next_workday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the utility maintenance tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ----------------------------------------------------------------- districts
    _insert(con, "dstrct", [(d[0], d[1], d[2], d[3], d[4]) for d in _DISTRICTS])

    # --------------------------------------------------------------------- crews
    crews = []
    for i, c in enumerate(_CREWS, start=1):
        crews.append({"id": i, "rate": c[5], "spec": c[2], "base": c[3]})
    _insert(con, "crw", [(i, *c) for i, c in enumerate(_CREWS, start=1)])

    # -------------------------------------------------------------------- assets
    assets: list[dict] = []
    for dcd, _nm, _area, _pop, _mgr, n_assets, stations in _DISTRICTS:
        used_names: dict[str, int] = {}
        seq = {"PP": 0, "PMP": 0, "VLV": 0, "HYD": 0}
        streets = rng.sample(_STREETS, k=22)
        kinds: list[str] = []
        for _st in stations:
            kinds += ["PMP"] * rng.choice([2, 2, 3])
        while len(kinds) < n_assets:
            r = rng.random()
            kinds.append("PP" if r < 0.47 else "VLV" if r < 0.74 else "HYD")
        pump_no: dict[str, int] = {}
        station_iter = [st for st in stations for _ in range(3)]
        for kind in kinds:
            seq[kind] += 1
            a: dict[str, Any] = {"typ": kind, "dst": dcd, "tag": f"{kind}-{dcd}-{seq[kind]:04d}"}
            if kind == "PMP":
                st = station_iter[(seq[kind] - 1) % len(station_iter)]
                pump_no[st] = pump_no.get(st, 0) + 1
                name = f"{st} booster pump {pump_no[st]}"
            else:
                street = rng.choice(streets)
                label = {"PP": "main", "VLV": "sluice valve", "HYD": "hydrant"}[kind]
                base = f"{street} {label}"
                used_names[base] = used_names.get(base, 0) + 1
                name = base if used_names[base] == 1 else f"{base} {used_names[base]}"
            a["name"] = name
            # installation and physical attributes
            if kind == "PP":
                year = rng.choice(range(1948, 2025))
                if year < 1965:
                    mat = rng.choice(["CI", "CI", "CI", "AC"])
                elif year < 1980:
                    mat = rng.choice(["CI", "AC", "AC", "DI"])
                elif year < 1995:
                    mat = rng.choice(["DI", "DI", "PVC", "AC"])
                else:
                    mat = rng.choice(["PE", "PE", "PE", "DI", "PVC"])
                a["mat"] = mat
                a["dia"] = rng.choice([80, 100, 100, 150, 150, 150, 200, 250, 300, 450])
                a["len"] = round(
                    rng.uniform(25, 1400) if a["dia"] < 300 else rng.uniform(300, 2600), 1
                )
                a["kw"] = None
                per_m = {80: 240, 100: 280, 150: 380, 200: 470, 250: 560, 300: 680, 450: 980}[
                    a["dia"]
                ]
                a["cost"] = round(a["len"] * per_m * rng.uniform(0.9, 1.15), 2)
                base_crit = {80: 1, 100: 2, 150: 2, 200: 3, 250: 3, 300: 4, 450: 5}[a["dia"]]
                a["crit"] = min(5, max(1, base_crit + rng.choice([-1, 0, 0, 1])))
                unknown = year < 1970 and rng.random() < 0.25
            elif kind == "PMP":
                year = rng.choice(range(1986, 2025))
                a["mat"], a["dia"], a["len"] = None, None, None
                a["kw"] = rng.choice(
                    [7.5, 11.0, 15.0, 22.0, 30.0, 37.0, 45.0, 55.0, 75.0, 90.0, 110.0]
                )
                a["cost"] = round(9000 + a["kw"] * 1150 * rng.uniform(0.9, 1.2), 2)
                a["crit"] = 5 if a["kw"] >= 55 else rng.choice([3, 4, 4])
                unknown = False
            elif kind == "VLV":
                year = rng.choice(range(1955, 2025))
                a["mat"], a["len"], a["kw"] = None, None, None
                a["dia"] = rng.choice([80, 100, 100, 150, 150, 200, 300, 450])
                a["cost"] = round({80: 1800, 100: 2300, 150: 3900, 200: 6200, 300: 12500,
                                   450: 24000}[a["dia"]] * rng.uniform(0.9, 1.15), 2)  # fmt: skip
                a["crit"] = min(
                    5, max(1, (2 if a["dia"] <= 150 else 4) + rng.choice([-1, 0, 0, 1]))
                )
                unknown = year < 1965 and rng.random() < 0.2
            else:
                year = rng.choice(range(1962, 2025))
                a["mat"], a["len"], a["kw"] = None, None, None
                a["dia"] = rng.choice([80, 100, 100])
                a["cost"] = round(rng.uniform(3200, 4800), 2)
                a["crit"] = rng.choice([1, 2, 2, 3])
                unknown = False
            if rng.random() < 0.025:  # brand-new assets installed during the period
                a["instl"] = _day(rng, dt.date(2023, 3, 1), dt.date(2025, 6, 30))
            else:
                a["instl"] = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            a["instl_known"] = None if unknown else a["instl"]
            age = (LAST_DAY - a["instl"]).days / 365.25
            grade = 1 + min(4, int(age / 16 + rng.uniform(-0.8, 1.2)))
            a["cond"] = None if rng.random() < 0.08 else max(1, min(5, grade))
            r = rng.random()
            if r < 0.05 and kind != "PMP" and a["instl"] < dt.date(2022, 1, 1):
                a["stts"], a["dcm"] = "DCM", _day(rng, dt.date(2023, 2, 1), dt.date(2025, 7, 31))
            elif r < 0.085:
                a["stts"], a["dcm"] = "OOS", None
            else:
                a["stts"], a["dcm"] = "ACT", None
            assets.append(a)
    rng.shuffle(assets)
    for i, a in enumerate(assets, start=1):
        a["id"] = i
    _insert(con, "asst", [(a["id"], a["tag"], a["name"], a["typ"], a["dst"], a["instl_known"],
                           a["mat"], a["dia"], a["len"], a["kw"], a["crit"], a["cond"], a["stts"],
                           a["dcm"], a["cost"]) for a in assets])  # fmt: skip

    # --------------------------------------------------------------- work orders
    orders: list[dict] = []

    def pick_crew(a: dict, day: dt.date, reactive: bool) -> int:
        if a["typ"] == "PMP":
            if rng.random() < (0.25 if reactive else 0.1):
                return _CONTRACT_PUMPS
            return 7 if a["dst"] in _NORTH else 8
        if a["typ"] == "PP" or (a["typ"] in ("VLV", "HYD") and reactive and rng.random() < 0.3):
            if rng.random() < 0.14:
                return _CONTRACT_MAINS
            crew = _MAINS_CREW[a["dst"]]
            if a["dst"] == "HRB" and day <= _HARBOUR_B_END and rng.random() < 0.5:
                return _HARBOUR_B
            return crew
        return 9 if a["dst"] in _NORTH else 10

    def add(a: dict, typ: str, prty: str, flt: str | None, raised: dt.datetime, due: dt.date,
            start: dt.datetime | None, hours: float, elapsed_h: float, cust: bool,
            cancel: bool) -> None:  # fmt: skip
        o: dict[str, Any] = {"asst": a, "typ": typ, "prty": prty, "flt": flt, "rsd": raised,
                             "due": due, "cust": cust}  # fmt: skip
        crew = pick_crew(a, (start or raised).date(), typ == "RCT")
        if cancel:
            o.update(stts="CAN", crew=crew if rng.random() < 0.5 else None, strt=None, fnsh=None,
                     hrs=None)  # fmt: skip
        elif start is None or start > _END:
            o.update(stts="OPN", crew=crew if rng.random() < 0.6 else None, strt=None, fnsh=None,
                     hrs=None)  # fmt: skip
        else:
            fin = start + dt.timedelta(minutes=int(elapsed_h * 60))
            recent = start > _END - dt.timedelta(days=4 if typ == "PLN" else 12)
            if fin > _END or (recent and rng.random() < 0.4):
                o.update(stts="INP", crew=crew, strt=start, fnsh=None, hrs=None)
            else:
                o.update(stts="CMP", crew=crew, strt=start, fnsh=fin, hrs=round(hours, 1))
        orders.append(o)

    # planned work
    for a in assets:
        lo = max(FIRST_DAY, a["instl"] + dt.timedelta(days=60))
        hi = a["dcm"] - dt.timedelta(days=20) if a["dcm"] else dt.date(2025, 10, 20)
        if a["typ"] == "PMP":
            interval, hrs_rng = 91, (2.5, 8.0)
        elif a["typ"] == "HYD":
            interval, hrs_rng = 365 if rng.random() < 0.8 else 0, (0.5, 2.5)
        elif a["typ"] == "VLV":
            interval, hrs_rng = (540 if a["crit"] >= 3 or rng.random() < 0.4 else 0), (0.5, 3.0)
        else:
            interval, hrs_rng = (0 if rng.random() < 0.9 else 9999), (4.0, 14.0)
        if interval == 0 or lo > hi:
            continue
        sched = lo + dt.timedelta(days=rng.randint(0, min(interval, 700) - 1))
        while sched <= hi:
            sched = _next_workday(sched)
            raised = _work_time(rng, sched - dt.timedelta(days=rng.randint(10, 35)))
            if raised.date() > LAST_DAY:
                break
            slip = rng.choice([-6, -4, -3, -2, -1, -1, 0, 0, 0, 0, 1, 2, 3, 5, 9, 16, 30])
            start_day = _next_workday(sched + dt.timedelta(days=slip))
            start = _work_time(rng, start_day)
            hours = rng.uniform(*hrs_rng)
            cancel = rng.random() < 0.03
            add(a, "PLN", "P4" if a["typ"] != "PP" else "P3", None, raised, sched, start, hours,
                hours / rng.choice([1, 2, 2]), False, cancel)  # fmt: skip
            sched = sched + dt.timedelta(days=interval + rng.randint(-10, 10))

    # reactive work
    month_weight = {1: 1.6, 2: 1.5, 3: 1.1, 4: 0.9, 5: 0.8, 6: 0.8, 7: 0.9, 8: 0.9, 9: 0.9,
                    10: 1.0, 11: 1.2, 12: 1.5}  # fmt: skip
    sla = {"P1": 1, "P2": 2, "P3": 7, "P4": 28}
    for a in assets:
        if a["typ"] == "PP":
            rate = {"CI": 1.1, "AC": 0.9, "DI": 0.3, "PVC": 0.3, "PE": 0.12}[a["mat"]]
        elif a["typ"] == "PMP":
            rate = 1.5
        elif a["typ"] == "VLV":
            rate = 0.3
        else:
            rate = 0.45
        rate *= 0.6 + 0.25 * (a["cond"] or 3)
        lo = max(FIRST_DAY, a["instl"] + dt.timedelta(days=10))
        hi = a["dcm"] or LAST_DAY
        t = lo
        while True:
            t = t + dt.timedelta(days=max(1, int(rng.expovariate(rate) * 365)))
            if t > hi:
                break
            if rng.random() * 1.6 > month_weight[t.month]:
                continue
            if a["typ"] == "PP":
                flt = rng.choices(["LEAK", "BRST", "DMG"], [55, 33, 12])[0]
            elif a["typ"] == "PMP":
                flt = rng.choices(["MECH", "ELEC", "LEAK"], [50, 35, 15])[0]
            elif a["typ"] == "VLV":
                flt = rng.choices(["SEIZ", "LEAK", "DMG"], [55, 35, 10])[0]
            else:
                flt = rng.choices(["LEAK", "DMG", "SEIZ"], [45, 35, 20])[0]
            if flt == "BRST" or (a["typ"] == "PMP" and a["crit"] == 5 and flt != "LEAK"):
                prty = "P1"
            elif flt in ("DMG",) or (flt == "LEAK" and rng.random() < 0.35) or a["typ"] == "PMP":
                prty = "P2"
            else:
                prty = "P3" if rng.random() < 0.9 else "P4"
            raised = _any_time(rng, t)
            if prty == "P1":
                start = raised + dt.timedelta(minutes=rng.randint(35, 300))
            elif prty == "P2":
                start = raised + dt.timedelta(minutes=rng.randint(120, 2400))
            elif prty == "P3":
                start = _work_time(
                    rng, _next_workday(raised.date() + dt.timedelta(days=rng.randint(1, 9)))
                )
            else:
                start = _work_time(
                    rng, _next_workday(raised.date() + dt.timedelta(days=rng.randint(5, 60)))
                )
            if prty in ("P3", "P4") and t >= dt.date(2025, 1, 1) and rng.random() < 0.06:
                start = None  # backlog: never got started
            if flt == "BRST":
                elapsed = rng.uniform(4, 16)
                hours = elapsed * rng.uniform(2.5, 4)
            elif a["typ"] == "PMP":
                elapsed = rng.uniform(2, 12) if rng.random() < 0.85 else rng.uniform(30, 120)
                hours = min(elapsed, 10) * rng.uniform(1.5, 2.5)
            elif a["typ"] == "PP":
                elapsed = rng.uniform(2, 9) if rng.random() < 0.85 else rng.uniform(26, 80)
                hours = min(elapsed, 9) * rng.uniform(2, 3.5)
            else:
                elapsed = rng.uniform(0.7, 5)
                hours = elapsed * rng.uniform(1.5, 2.5)
            cust = rng.random() < (0.7 if a["typ"] in ("PP", "HYD") else 0.15)
            cancel = rng.random() < 0.04
            due = raised.date() + dt.timedelta(days=sla[prty])
            add(a, "RCT", prty, flt, raised, due, start, hours, elapsed, cust, cancel)
            if cust and not cancel and rng.random() < 0.07:  # duplicate customer report
                dup = raised + dt.timedelta(minutes=rng.randint(8, 180))
                add(a, "RCT", prty, flt, dup, dup.date() + dt.timedelta(days=sla[prty]), None, 0, 0,
                    True, True)  # fmt: skip

    # orders migrated from the old system (raised before go-live)
    old = [a for a in assets if a["typ"] == "PP" and a["dcm"] is None and a["instl"].year < 2000]
    for a in rng.sample(old, k=12):
        raised = _any_time(rng, _day(rng, dt.date(2022, 11, 7), dt.date(2022, 12, 30)))
        start = _work_time(rng, _day(rng, dt.date(2023, 1, 3), dt.date(2023, 1, 20)))
        elapsed = rng.uniform(3, 9)
        add(a, "RCT", "P3", "LEAK", raised, raised.date() + dt.timedelta(days=7), start,
            elapsed * 2.5, elapsed, rng.random() < 0.5, False)  # fmt: skip

    orders.sort(key=lambda o: (o["rsd"], o["asst"]["id"]))
    year_seq: dict[int, int] = {}
    rows = []
    for i, o in enumerate(orders, start=1):
        o["id"] = i
        y = o["rsd"].year
        year_seq[y] = year_seq.get(y, 0) + 1
        cost = None
        if o["hrs"] is not None:
            cost = round(o["hrs"] * crews[o["crew"] - 1]["rate"], 2)
        rows.append((i, f"WO-{y % 100:02d}-{year_seq[y]:05d}", o["asst"]["id"], o["crew"], o["typ"],
                     o["prty"], o["flt"], o["cust"], o["stts"], o["rsd"], o["due"], o["strt"],
                     o["fnsh"], o["hrs"], cost))  # fmt: skip
    _insert(con, "wrk_ord", rows)

    # ----------------------------------------------------------------- materials
    mat_id = {m[0]: i for i, m in enumerate(_MATERIALS, start=1)}
    std = {m[0]: m[4] for m in _MATERIALS}
    _insert(con, "mtrl", [(i, *m) for i, m in enumerate(_MATERIALS, start=1)])

    def size(dia: int | None, options: dict[int, str]) -> str:
        best = min(options, key=lambda d: abs(d - (dia or 100)))
        return options[best]

    issues: list[tuple] = []

    def issue(o: dict, code: str, qty: float, void: bool = False) -> None:
        start = o["strt"] or o["rsd"]
        last = (o["fnsh"] or min(_END, start + dt.timedelta(days=3))).date()
        day = _day(rng, start.date(), min(last, start.date() + dt.timedelta(days=2)))
        price = round(std[code] * _PRICE_LEVEL[day.year] * rng.uniform(0.97, 1.04), 2)
        src = rng.choices(["STR", "VAN", "DIR"], [70, 25, 5])[0]
        issues.append([o["id"], mat_id[code], day, round(qty, 2), price, src, void])

    for o in orders:
        a = o["asst"]
        worked = o["stts"] in ("CMP", "INP")
        if not worked:
            if o["stts"] == "CAN" and o["crew"] and rng.random() < 0.15:
                issue(o, "AGG-TYP1", rng.randint(1, 4), void=True)
            continue
        flt, typ = o["flt"], a["typ"]
        if typ == "PP" and o["typ"] == "RCT":
            if flt == "BRST" or (flt == "DMG" and rng.random() < 0.5):
                if a["dia"] >= 250 and a["mat"] in ("CI", "DI"):
                    pipe = "DI-PIPE-300"
                elif a["mat"] in ("CI", "DI") and a["dia"] >= 150:
                    pipe = "DI-PIPE-150"
                else:
                    pipe = size(
                        a["dia"], {63: "PE-PIPE-063", 125: "PE-PIPE-125", 180: "PE-PIPE-180"}
                    )
                issue(o, pipe, rng.randint(3, 14))
                issue(o, size(a["dia"], {100: "CPLG-100", 150: "CPLG-150", 300: "CPLG-300"}), 2)
                if pipe.startswith("PE") and rng.random() < 0.4:
                    issue(o, "EF-CPLR-125", rng.randint(1, 4))
                issue(o, "CHLR-TAB", rng.choice([0.5, 1.0, 1.5, 2.0]))
            else:
                clamps = {100: "RPR-CLMP-100", 150: "RPR-CLMP-150", 300: "RPR-CLMP-300"}
                clamp = size(a["dia"], clamps)
                issue(o, clamp, rng.choice([1, 1, 1, 2]))
            if rng.random() < 0.75:
                issue(o, "AGG-TYP1", round(rng.uniform(0.5, 6.0), 1))
            if rng.random() < 0.55:
                issue(o, "ASPH-HOT", round(rng.uniform(0.3, 2.5), 1))
            if rng.random() < 0.05:
                issue(o, "CONC-C20", round(rng.uniform(0.5, 2.0), 1))
        elif typ == "VLV":
            if o["typ"] == "PLN":
                if rng.random() < 0.25:
                    issue(o, "VLV-GLND-PKG", 1)
            elif flt == "SEIZ" and rng.random() < 0.3:
                issue(o, "GATE-VLV-100" if a["dia"] <= 100 else "GATE-VLV-150", 1)
                issue(o, "AGG-TYP1", round(rng.uniform(1, 4), 1))
            elif flt == "SEIZ":
                issue(o, "VLV-SPNDL", 1)
            else:
                issue(o, "VLV-GLND-PKG", rng.choice([1, 1, 2]))
        elif typ == "HYD":
            if o["typ"] == "PLN":
                if rng.random() < 0.2:
                    issue(o, "HYD-SEAL-KIT", 1)
            elif flt == "DMG":
                issue(o, "HYD-HEAD", 1)
                if rng.random() < 0.5:
                    issue(o, "CONC-C20", round(rng.uniform(0.2, 0.8), 1))
            else:
                issue(o, "HYD-SEAL-KIT", rng.choice([1, 1, 2]))
        elif typ == "PMP":
            if o["typ"] == "PLN":
                issue(o, "PMP-SVC-KIT", 1)
            elif flt == "ELEC":
                issue(o, "MTR-CNTCTR", rng.choice([1, 1, 2]))
            elif flt == "LEAK":
                issue(o, "PMP-MECH-SEAL", 1)
            else:
                part = rng.choices(["PMP-BRG-SET", "PMP-MECH-SEAL", "PMP-IMPLR"], [50, 35, 15])[0]
                issue(o, part, 1)
    # voided bookings: some entered twice (the copy voided), some simply reversed
    extra = []
    for row in issues:
        r = rng.random()
        if r < 0.025:
            extra.append([*row[:6], True])
        elif r < 0.04:
            row[6] = True
    issues += extra
    issues.sort(key=lambda r: (r[2], r[0], r[1]))
    _insert(con, "mtrl_iss", [(i, *r) for i, r in enumerate(issues, start=1)])

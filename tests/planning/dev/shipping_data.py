# ruff: noqa: E501 - the data dictionary and DDL hold long comment strings
"""Container port test database (DuckDB, ``main`` schema).

The Port of Northmere is a European container port with three terminals (North, South and
River). Ocean-going container ships and smaller feeder ships call at the port, lie alongside
a berth, and the quay cranes discharge (unload) and load containers. The harbour master
records every port call; the terminal operating system records every container move; the
port authority invoices each call for port dues, pilotage, towage, berth hire and waste.

The period of the data is 2024-01-01 up to and including **2025-04-30** (a few calls from the
last days of December 2023 are included as well); it is the last day of the data
("today" for every question; "this year" is 2025, "last year" is 2024, "last month" is March
2025, "last quarter" is January-March 2025). Calls expected after today are already in the
schedule. Money is in euros (``*_eur``), lengths and depths in metres (``*_m``), weights in
metric tonnes (``*_t``), ship size in gross tonnage (``gt``) and container capacity in
twenty-foot equivalent units (``teu``). Timestamps are port local time. Coded columns hold
short upper-case codes; the allowed codes are listed below and what each code means is also
stated in the column's comment (``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``shipping_lines`` -- one row per shipping line (liner carrier / vessel operator).

* ``line_id`` (INTEGER, primary key).
* ``line_code`` (VARCHAR, unique): three-letter carrier code, e.g. 'NCL'.
* ``line_name`` (VARCHAR, unique): company name, e.g. 'Nordhavn Container Line'.
* ``hq_country`` (VARCHAR): two-letter ISO country code of the head office ('DK' Denmark,
  'SG' Singapore, 'DE' Germany, 'CH' Switzerland, 'CN' China, 'FR' France, 'GB' United
  Kingdom, 'FI' Finland, 'ID' Indonesia, 'PA' Panama, 'ES' Spain, 'NZ' New Zealand).
* ``alliance`` (VARCHAR): carrier alliance code, one of 'GEM' (Gemini Cooperation), 'OCN'
  (Ocean Alliance), 'THE' (THE Alliance); NULL = independent line, not in any alliance.
* ``founded_yr`` (INTEGER): year the company was founded.
  Some lines have vessels on file but have never called at the port.

``vessels`` -- one row per ship known to the port (sister ships often share a naming
pattern; two different ships are both called 'Stella Maris' -- the IMO number is unique).

* ``vsl_id`` (INTEGER, primary key).
* ``vsl_imo`` (VARCHAR, unique): seven-digit IMO ship identification number, e.g. '9456123'.
* ``vsl_name`` (VARCHAR): ship name (not unique).
* ``line_id`` (INTEGER, foreign key to ``shipping_lines``): line operating the ship.
* ``flag`` (VARCHAR): two-letter ISO code of the flag state (country of registry): 'PA'
  Panama, 'LR' Liberia, 'MH' Marshall Islands, 'MT' Malta, 'SG' Singapore, 'HK' Hong Kong,
  'DK' Denmark, 'DE' Germany, 'GB' United Kingdom, 'PT' Portugal, 'CY' Cyprus, 'FI' Finland.
* ``vsl_type`` (VARCHAR): size class code, one of 'FDR', 'PMX', 'NPX', 'ULC' (see column
  comment): feeder, Panamax, Neo-Panamax, ultra-large container ship.
* ``gt`` (INTEGER): gross tonnage (a dimensionless measure of the ship's internal volume).
* ``teu`` (INTEGER): nominal container capacity of the ship in TEU.
* ``length_m`` (DECIMAL(5,1)): length overall in metres.
* ``draft_m`` (DECIMAL(4,1)): maximum (summer) draught in metres.
* ``built_yr`` (INTEGER): year the ship was delivered by the shipyard.

``berths`` -- one row per berth (quay section where one ship lies alongside).

* ``berth_id`` (INTEGER, primary key).
* ``berth_code`` (VARCHAR, unique): e.g. 'N1', 'S4', 'R2'; the letter is the terminal.
* ``terminal`` (VARCHAR): 'NORTH', 'SOUTH' or 'RIVER' (the river quay is for feeders).
* ``length_m`` (DECIMAL(5,1)): usable quay length in metres.
* ``depth_m`` (DECIMAL(4,1)): water depth alongside at lowest tide in metres; a ship may
  berth only if its arrival draught plus 0.5 m under-keel clearance fits.
* ``sts_cranes`` (INTEGER): number of ship-to-shore (quay) cranes serving the berth.
* ``reefer_plugs`` (INTEGER): number of power points for refrigerated containers.
* ``opened_on`` (DATE): day the berth entered service.
* ``closed_on`` (DATE): day the berth was taken out of service (closed for rebuilding);
  NULL = in service.

``port_calls`` -- one row per visit of a ship to the port (a "port call"), including
cancelled and future (expected) calls.

* ``call_id`` (INTEGER, primary key).
* ``call_ref`` (VARCHAR, unique): harbour master reference, e.g. 'NMR24-0153'.
* ``vsl_id`` (INTEGER, foreign key to ``vessels``).
* ``berth_id`` (INTEGER, foreign key to ``berths``): berth where the ship lay alongside;
  NULL if the ship has not (yet) berthed (statuses 'EXP', 'ANC', 'CXL').
* ``voyage_no`` (VARCHAR): the line's voyage number, e.g. '417E'.
* ``last_port`` (VARCHAR): UN/LOCODE of the previous port of call: 'NLRTM' Rotterdam,
  'BEANR' Antwerp, 'DEHAM' Hamburg, 'GBFXT' Felixstowe, 'ESALG' Algeciras, 'MAPTM' Tanger
  Med, 'CNSHA' Shanghai, 'SGSIN' Singapore, 'USNYC' New York, 'PLGDN' Gdansk, 'FIHEL'
  Helsinki, 'IEDUB' Dublin, 'PTLEI' Leixoes.
* ``call_eta`` (TIMESTAMP): estimated time of arrival announced by the line 24 hours before
  arrival (for future calls: the planned arrival).
* ``call_ata`` (TIMESTAMP): actual time of arrival (pilot boarded at the port limits); NULL
  if not yet arrived or cancelled.
* ``berthed_at`` (TIMESTAMP): time the ship was made fast alongside the berth; NULL if not
  (yet) berthed. The time between ``call_ata`` and ``berthed_at`` is spent waiting at anchor
  and in pilotage.
* ``call_atd`` (TIMESTAMP): actual time of departure from the berth; NULL if the ship has
  not left (yet).
* ``call_status`` (VARCHAR): one of 'EXP', 'ANC', 'ALB', 'DEP', 'CXL' (see column comment).
* ``arr_draft_m`` (DECIMAL(4,1)): draught of the ship on arrival in metres; NULL if not
  arrived.

``container_moves`` -- one row per container lifted by a quay crane during a port call.

* ``move_id`` (INTEGER, primary key).
* ``call_id`` (INTEGER, foreign key to ``port_calls``).
* ``cntr_no`` (VARCHAR): ISO 6346 container number, owner prefix plus seven digits, e.g.
  'NHCU4812734'; the same box can appear in several moves (e.g. discharged, later loaded).
* ``move_type`` (VARCHAR): 'D', 'L' or 'S' (see column comment): discharge (import, ship to
  quay), load (export, quay to ship), shifting/restow (box moved on board for stowage
  reasons; restows do not count as port throughput).
* ``size_ft`` (INTEGER): container length in feet: 20, 40 or 45.
* ``teu`` (DECIMAL(3,2)): twenty-foot equivalent units of the box: 1.00 for a 20 ft, 2.00
  for a 40 ft, 2.25 for a 45 ft container.
* ``is_empty`` (BOOLEAN): true for an empty container (no cargo).
* ``weight_t`` (DECIMAL(5,1)): verified gross mass in tonnes (container tare plus cargo).
* ``is_reefer`` (BOOLEAN): true for a refrigerated container (needs a reefer plug).
* ``dg_class`` (VARCHAR): IMDG dangerous goods class of the cargo: '1.4', '2.1', '2.2',
  '3', '4.1', '5.1', '6.1', '8' or '9' (see column comment); NULL = not dangerous goods.
* ``operator_line_id`` (INTEGER, foreign key to ``shipping_lines``): line that owns/operates
  the box (may differ from the ship's line because lines share space on each other's ships).
* ``moved_at`` (TIMESTAMP): time of the crane lift.
* ``is_void`` (BOOLEAN): true if the move record was cancelled as entered in error; void
  moves must be ignored in every count and total.

``call_charges`` -- invoice lines raised by the port authority for a departed call (calls
that left in the last few days may not be invoiced yet).

* ``chg_id`` (INTEGER, primary key).
* ``call_id`` (INTEGER, foreign key to ``port_calls``).
* ``chg_code`` (VARCHAR): 'DUES', 'PILOT', 'TUG', 'BERTH' or 'WASTE' (see column comment).
* ``qty`` (DECIMAL(10,2)): billed quantity in the unit of the charge: gross tonnage for
  'DUES', pilot trips for 'PILOT', tug hours for 'TUG', hours alongside for 'BERTH', cubic
  metres for 'WASTE'.
* ``unit_rate_eur`` (DECIMAL(8,3)): tariff in euros per unit of ``qty``. The charged amount
  of a line is ``qty * unit_rate_eur``.
* ``invoiced_on`` (DATE): invoice date.
* ``chg_status`` (VARCHAR): 'INV', 'PAID' or 'VOID' (see column comment). A voided line was
  cancelled (usually replaced by a corrected line) and must be ignored in every total.
* ``paid_on`` (DATE): day payment was received; NULL unless 'PAID'.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 4, 30)
_END = dt.datetime(2025, 4, 30, 23, 59, 59)
_SCHEDULE_UNTIL = dt.datetime(2025, 5, 21)

# code, name, hq country, alliance, founded, box prefix, fleet [(name, type, flag, built?)]
_LINES = [
    ("NCL", "Nordhavn Container Line", "DK", "GEM", 1904, "NHCU", [
        ("Nordhavn Aalborg", "ULC", "DK"), ("Nordhavn Bergen", "ULC", "DK"),
        ("Nordhavn Cadiz", "NPX", "SG"), ("Nordhavn Dover", "NPX", "DK"),
        ("Nordhavn Esbjerg", "NPX", "HK"), ("Nordhavn Faro", "ULC", "DK"),
    ]),
    ("PCS", "Pacific Crescent Shipping", "SG", "OCN", 1968, "PCSU", [
        ("Pacific Jade", "ULC", "SG"), ("Pacific Pearl", "NPX", "SG"),
        ("Pacific Coral", "NPX", "LR"), ("Pacific Amber", "NPX", "SG"),
        ("Stella Maris", "PMX", "LR"),
    ]),
    ("HLX", "Hanseatic Lloyd Express", "DE", "THE", 1921, "HLXU", [
        ("Elbe Express", "NPX", "DE"), ("Weser Express", "NPX", "DE"),
        ("Alster Express", "PMX", "LR"), ("Trave Express", "PMX", "MH"),
        ("Havel Express", "NPX", "MH"),
    ]),
    ("MED", "Meridian Sea Lines", "CH", None, 1970, "MSLU", [
        ("Meridian Sofia", "ULC", "PA"), ("Meridian Chiara", "NPX", "PA"),
        ("Meridian Lucia", "NPX", "LR"), ("Meridian Elena", "PMX", "PA"),
    ]),
    ("ORI", "Orient Star Lines", "CN", "OCN", 1961, "OSLU", [
        ("Orient Harmony", "ULC", "HK"), ("Orient Prosperity", "ULC", "HK"),
        ("Orient Fortune", "NPX", "PA"), ("Orient Glory", "NPX", "HK"),
        ("Orient Wisdom", "NPX", "SG"),
    ]),
    ("ATL", "Atlas Boxline", "FR", "OCN", 1996, "ATBU", [
        ("Atlas Rhone", "NPX", "MT"), ("Atlas Loire", "PMX", "MT"),
        ("Atlas Seine", "PMX", "MT"), ("Atlas Garonne", "NPX", "MH"),
    ]),
    ("KRS", "Kestrel Feeder Services", "GB", None, 2003, "KFSU", [
        ("Kestrel", "FDR", "GB"), ("Merlin", "FDR", "GB"), ("Osprey", "FDR", "CY"),
        ("Harrier", "FDR", "PT"), ("Stella Maris", "FDR", "CY"), ("Peregrine", "FDR", "PT"),
    ]),
    ("BAL", "Baltica Shortsea", "FI", None, 1988, "BSSU", [
        ("Baltica Aura", "FDR", "FI"), ("Baltica Kemi", "FDR", "FI"),
        ("Baltica Oulu", "FDR", "MT"), ("Baltica Pori", "FDR", "CY"),
    ]),
    ("SUN", "Sunda Maritime", "ID", "THE", 1979, "SUMU", [
        ("Sunda Jaya", "NPX", "SG"), ("Sunda Mulia", "NPX", "PA"),
        ("Sunda Permata", "NPX", "SG"),
    ]),
    ("CAR", "Caribe Container Co", "PA", None, 2009, "CCCU", [
        ("Caribe Star", "PMX", "PA"), ("Caribe Sol", "PMX", "PA"),
    ]),
    ("IBX", "Iberia Express Lines", "ES", None, 1999, "IBXU", [
        ("Iberia Bilbao", "FDR", "PT"), ("Iberia Vigo", "PMX", "PT"),
        ("Iberia Cadiz", "FDR", "MT"),
    ]),
    ("TAS", "Tasman Bay Shipping", "NZ", None, 2015, "TBSU", [
        ("Tasman Kea", "PMX", "PA"),
    ]),
]  # fmt: skip
# lines that never call here, and individual ships that never called
_NO_CALLS_LINES = {"CAR", "TAS"}
_NO_CALLS_SHIPS = {"Nordhavn Faro", "Meridian Elena", "Baltica Pori"}
# ship type -> (teu range, length range, draft range, built range, days between calls)
_TYPES = {
    "FDR": ((700, 2500), (118.0, 182.0), (7.2, 9.8), (1997, 2017), (13, 20)),
    "PMX": ((3000, 5100), (228.0, 294.0), (11.0, 13.4), (2000, 2013), (20, 28)),
    "NPX": ((8000, 14500), (299.0, 366.0), (14.0, 15.6), (2008, 2022), (30, 45)),
    "ULC": ((18000, 24100), (398.0, 400.0), (15.9, 16.5), (2015, 2023), (49, 63)),
}  # fmt: skip
_PORTS = {
    "FDR": ["NLRTM", "BEANR", "DEHAM", "GBFXT", "PLGDN", "FIHEL", "IEDUB", "PTLEI"],
    "PMX": ["NLRTM", "BEANR", "ESALG", "MAPTM", "GBFXT", "USNYC", "PTLEI"],
    "NPX": ["NLRTM", "BEANR", "DEHAM", "ESALG", "MAPTM", "USNYC", "SGSIN"],
    "ULC": ["NLRTM", "DEHAM", "SGSIN", "CNSHA", "ESALG", "MAPTM"],
}  # fmt: skip
# code, terminal, length m, depth m, cranes, reefer plugs, opened, closed
_BERTHS = [
    ("N1", "NORTH", 370.0, 15.5, 4, 380, dt.date(1998, 5, 4), None),
    ("N2", "NORTH", 370.0, 15.5, 4, 380, dt.date(1998, 5, 4), None),
    ("N3", "NORTH", 310.0, 14.0, 3, 250, dt.date(2004, 9, 1), None),
    ("S1", "SOUTH", 450.0, 17.0, 6, 600, dt.date(2012, 3, 19), None),
    ("S2", "SOUTH", 450.0, 17.0, 6, 600, dt.date(2012, 3, 19), None),
    ("S3", "SOUTH", 300.0, 13.5, 3, 220, dt.date(1986, 6, 2), dt.date(2024, 10, 15)),
    ("S4", "SOUTH", 470.0, 17.5, 7, 720, dt.date(2025, 2, 3), None),
    ("R1", "RIVER", 210.0, 10.5, 2, 120, dt.date(1979, 4, 23), None),
    ("R2", "RIVER", 190.0, 10.0, 2, 90, dt.date(1979, 4, 23), None),
]  # fmt: skip
_FIRST_KEPT = dt.datetime(2023, 12, 26)
_PORT_CLOSED = [
    (dt.datetime(2024, 2, 8, 11, 0), dt.datetime(2024, 2, 9, 15, 0)),
    (dt.datetime(2024, 11, 22, 6, 0), dt.datetime(2024, 11, 23, 18, 0)),
    (dt.datetime(2025, 4, 30, 2, 0), dt.datetime(2025, 5, 1, 9, 0)),
]
_DG = (["3", "9", "8", "2.1", "6.1", "4.1", "5.1", "2.2", "1.4"],
       [34, 20, 14, 8, 8, 6, 5, 3, 2])  # fmt: skip

_DDL = """
CREATE TABLE shipping_lines (
    line_id INTEGER PRIMARY KEY,
    line_code VARCHAR NOT NULL UNIQUE,
    line_name VARCHAR NOT NULL UNIQUE,
    hq_country VARCHAR NOT NULL,
    alliance VARCHAR,
    founded_yr INTEGER NOT NULL
);
CREATE TABLE vessels (
    vsl_id INTEGER PRIMARY KEY,
    vsl_imo VARCHAR NOT NULL UNIQUE,
    vsl_name VARCHAR NOT NULL,
    line_id INTEGER NOT NULL REFERENCES shipping_lines (line_id),
    flag VARCHAR NOT NULL,
    vsl_type VARCHAR NOT NULL,
    gt INTEGER NOT NULL,
    teu INTEGER NOT NULL,
    length_m DECIMAL(5, 1) NOT NULL,
    draft_m DECIMAL(4, 1) NOT NULL,
    built_yr INTEGER NOT NULL
);
CREATE TABLE berths (
    berth_id INTEGER PRIMARY KEY,
    berth_code VARCHAR NOT NULL UNIQUE,
    terminal VARCHAR NOT NULL,
    length_m DECIMAL(5, 1) NOT NULL,
    depth_m DECIMAL(4, 1) NOT NULL,
    sts_cranes INTEGER NOT NULL,
    reefer_plugs INTEGER NOT NULL,
    opened_on DATE NOT NULL,
    closed_on DATE
);
CREATE TABLE port_calls (
    call_id INTEGER PRIMARY KEY,
    call_ref VARCHAR NOT NULL UNIQUE,
    vsl_id INTEGER NOT NULL REFERENCES vessels (vsl_id),
    berth_id INTEGER REFERENCES berths (berth_id),
    voyage_no VARCHAR NOT NULL,
    last_port VARCHAR NOT NULL,
    call_eta TIMESTAMP NOT NULL,
    call_ata TIMESTAMP,
    berthed_at TIMESTAMP,
    call_atd TIMESTAMP,
    call_status VARCHAR NOT NULL,
    arr_draft_m DECIMAL(4, 1)
);
CREATE TABLE container_moves (
    move_id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES port_calls (call_id),
    cntr_no VARCHAR NOT NULL,
    move_type VARCHAR NOT NULL,
    size_ft INTEGER NOT NULL,
    teu DECIMAL(3, 2) NOT NULL,
    is_empty BOOLEAN NOT NULL,
    weight_t DECIMAL(5, 1) NOT NULL,
    is_reefer BOOLEAN NOT NULL,
    dg_class VARCHAR,
    operator_line_id INTEGER NOT NULL REFERENCES shipping_lines (line_id),
    moved_at TIMESTAMP NOT NULL,
    is_void BOOLEAN NOT NULL
);
CREATE TABLE call_charges (
    chg_id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES port_calls (call_id),
    chg_code VARCHAR NOT NULL,
    qty DECIMAL(10, 2) NOT NULL,
    unit_rate_eur DECIMAL(8, 3) NOT NULL,
    invoiced_on DATE NOT NULL,
    chg_status VARCHAR NOT NULL,
    paid_on DATE
);
COMMENT ON COLUMN shipping_lines.alliance IS
    'GEM = Gemini Cooperation, OCN = Ocean Alliance, THE = THE Alliance; NULL = independent';
COMMENT ON COLUMN vessels.vsl_type IS
    'FDR = feeder (< 3000 TEU), PMX = Panamax, NPX = Neo-Panamax, ULC = ultra-large (> 18000 TEU)';
COMMENT ON COLUMN vessels.gt IS 'Gross tonnage (dimensionless volume measure)';
COMMENT ON COLUMN vessels.flag IS 'ISO 3166 two-letter code of the flag state (registry)';
COMMENT ON COLUMN berths.depth_m IS 'Depth alongside at lowest astronomical tide, metres';
COMMENT ON COLUMN port_calls.call_status IS
    'EXP = expected (not arrived), ANC = arrived, waiting at anchor, ALB = alongside berth, DEP = departed, CXL = call cancelled';
COMMENT ON COLUMN port_calls.call_eta IS 'Estimated time of arrival announced 24 h ahead';
COMMENT ON COLUMN port_calls.call_ata IS 'Actual time of arrival at port limits (pilot on board)';
COMMENT ON COLUMN port_calls.call_atd IS 'Actual time of departure from the berth';
COMMENT ON COLUMN container_moves.move_type IS
    'D = discharge (import), L = load (export), S = shifting/restow (not throughput)';
COMMENT ON COLUMN container_moves.teu IS '20 ft = 1.00, 40 ft = 2.00, 45 ft = 2.25 TEU';
COMMENT ON COLUMN container_moves.weight_t IS 'Verified gross mass in metric tonnes';
COMMENT ON COLUMN container_moves.dg_class IS
    'IMDG class: 1.4 explosives, 2.1 flammable gas, 2.2 non-flammable gas, 3 flammable liquid, 4.1 flammable solid, 5.1 oxidiser, 6.1 toxic, 8 corrosive, 9 miscellaneous; NULL = not dangerous';
COMMENT ON COLUMN container_moves.is_void IS 'True = record cancelled; ignore in all counts';
COMMENT ON COLUMN call_charges.chg_code IS
    'DUES = port dues per GT, PILOT = pilotage per trip, TUG = towage per tug hour, BERTH = berth hire per hour alongside, WASTE = waste reception per m3';
COMMENT ON COLUMN call_charges.chg_status IS
    'INV = invoiced, unpaid; PAID = paid; VOID = cancelled line, ignore in totals';
"""

_DROP_ORDER = ["call_charges", "container_moves", "port_calls", "berths", "vessels",
               "shipping_lines"]  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _minute(ts: dt.datetime) -> dt.datetime:
    return ts.replace(second=0, microsecond=0)


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the container port tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------ lines & vessels
    lines, vessels, prefix = [], [], {}
    imos: set[str] = set()
    for lid, (code, name, hq, alliance, founded, pfx, fleet) in enumerate(_LINES, start=1):
        lines.append((lid, code, name, hq, alliance, founded))
        prefix[lid] = pfx
        for vname, vtype, flag in fleet:
            teu_r, len_r, dr_r, built_r, gap_r = _TYPES[vtype]
            teu = rng.randint(*teu_r) // 10 * 10
            built = rng.randint(*built_r)
            if vname == "Nordhavn Faro":
                built = 2025
            while True:
                imo = str(rng.randint(9150000, 9990000))
                if imo not in imos:
                    imos.add(imo)
                    break
            length = round(len_r[0] + (len_r[1] - len_r[0]) * (teu - teu_r[0])
                           / (teu_r[1] - teu_r[0]) + rng.uniform(-4, 4), 1)  # fmt: skip
            length = min(max(length, len_r[0]), len_r[1])
            vessels.append({
                "id": len(vessels) + 1, "imo": imo, "name": vname, "line": lid,
                "code": code, "flag": flag, "type": vtype, "gt": round(teu * rng.uniform(9.6, 11.2)),
                "teu": teu, "length": length, "draft": round(rng.uniform(*dr_r), 1),
                "built": built, "gap": gap_r, "alliance": alliance,
                "calls": code not in _NO_CALLS_LINES and vname not in _NO_CALLS_SHIPS,
            })  # fmt: skip
    _insert(con, "shipping_lines", lines)
    _insert(con, "vessels", [(v["id"], v["imo"], v["name"], v["line"], v["flag"], v["type"],
                              v["gt"], v["teu"], v["length"], v["draft"], v["built"])
                             for v in vessels])  # fmt: skip
    _insert(con, "berths", [(i, *b) for i, b in enumerate(_BERTHS, start=1)])

    # ------------------------------------------------------------------ port calls
    plan = []  # (eta, vessel, voyage no)
    for v in vessels:
        if not v["calls"]:
            continue
        eta = dt.datetime(2023, 12, 8) + dt.timedelta(hours=rng.randint(0, 24 * v["gap"][1]))
        voyage = rng.randint(101, 480)
        while eta < _SCHEDULE_UNTIL:
            eta = _minute(eta)
            plan.append((eta, v, f"{voyage}{rng.choice('EW')}"))
            voyage += 1
            eta += dt.timedelta(days=rng.randint(*v["gap"]), hours=rng.randint(-20, 20))
    plan.sort(key=lambda p: (p[0], p[1]["id"]))

    berth_free = {i: dt.datetime(2023, 11, 1) for i in range(1, len(_BERTHS) + 1)}
    calls = []
    for eta, v, voyage in plan:
        call = {"eta": eta, "v": v, "voyage": voyage, "berth": None, "ata": None,
                "berthed": None, "atd": None, "draft": None,
                "last_port": rng.choice(_PORTS[v["type"]])}  # fmt: skip
        calls.append(call)
        if eta <= _END and rng.random() < 0.03:
            call["status"] = "CXL"
            continue
        late = rng.random()
        if late < 0.08:
            delay = rng.uniform(12, 40)
        elif late < 0.12:
            delay = -rng.uniform(4, 10)
        else:
            delay = rng.gauss(1.0, 3.0)
        ata = _minute(eta + dt.timedelta(hours=delay))
        if ata > _END:
            call["status"] = "EXP"
            continue
        draft = round(v["draft"] * rng.uniform(0.74, 0.98), 1)
        # congestion / weather / tide windows keep some ships at anchor for hours
        ready = ata + dt.timedelta(hours=rng.uniform(4, 30) if rng.random() < 0.1 else 0.0)
        best = None
        for bid, (_, term, blen, depth, _, _, opened, closed) in enumerate(_BERTHS, start=1):
            if blen < v["length"] + 15 or depth < draft + 0.5:
                continue
            if ata.date() < opened or (
                closed is not None and ata.date() >= closed - dt.timedelta(days=3)
            ):
                continue
            start = max(ready + dt.timedelta(minutes=rng.randint(80, 170)),
                        berth_free[bid] + dt.timedelta(minutes=rng.randint(45, 120)))  # fmt: skip
            for closed_from, closed_to in _PORT_CLOSED:  # gales: no berthing operations
                if closed_from <= start < closed_to:
                    start = closed_to + dt.timedelta(minutes=rng.randint(20, 90))
            penalty = 0.0
            if v["type"] == "FDR" and term != "RIVER":
                penalty = 8.0
            elif v["type"] in ("PMX", "NPX") and blen >= 450:
                penalty = 3.0
            score = start + dt.timedelta(hours=penalty)
            if best is None or score < best[0]:
                best = (score, bid, start)
        assert best is not None
        _, bid, berthed = best
        berthed = _minute(berthed)
        stay = {"FDR": (8, 18), "PMX": (14, 28), "NPX": (20, 40), "ULC": (30, 62)}[v["type"]]
        atd = _minute(berthed + dt.timedelta(hours=rng.uniform(*stay)))
        for closed_from, closed_to in _PORT_CLOSED:  # no unberthing in a gale either
            if closed_from <= atd < closed_to:
                atd = _minute(closed_to + dt.timedelta(minutes=rng.randint(30, 240)))
        berth_free[bid] = atd
        call.update(ata=ata, draft=draft)
        if berthed > _END:
            call["status"] = "ANC"
            continue
        call.update(berth=bid, berthed=berthed)
        if atd > _END:
            call["status"] = "ALB"
            continue
        call.update(atd=atd, status="DEP")
    calls = [c for c in calls if c["eta"] >= _FIRST_KEPT]
    calls.sort(key=lambda c: (c["ata"] or c["eta"], c["v"]["id"]))

    year_seq: dict[int, int] = {}
    call_rows = []
    for cid, c in enumerate(calls, start=1):
        c["id"] = cid
        yr = (c["ata"] or c["eta"]).year
        year_seq[yr] = year_seq.get(yr, 0) + 1
        c["ref"] = f"NMR{yr % 100:02d}-{year_seq[yr]:04d}"
        call_rows.append(
            (
                cid,
                c["ref"],
                c["v"]["id"],
                c["berth"],
                c["voyage"],
                c["last_port"],
                c["eta"],
                c["ata"],
                c["berthed"],
                c["atd"],
                c["status"],
                c["draft"],
            )
        )
    _insert(con, "port_calls", call_rows)

    # ------------------------------------------------------------- container moves
    deep_sea = [lid for lid, (code, *_rest) in enumerate(_LINES, start=1)
                if code in ("NCL", "PCS", "HLX", "MED", "ORI", "ATL", "SUN")]  # fmt: skip
    alliance_of = {lid: line[3] for lid, line in enumerate(_LINES, start=1)}
    moves = []
    discharged: list[tuple[str, int, int]] = []  # (cntr_no, size, operator)
    n_moves = {"FDR": (3, 10), "PMX": (5, 12), "NPX": (8, 16), "ULC": (10, 21)}
    for c in calls:
        if c["berthed"] is None:
            continue
        v = c["v"]
        start = c["berthed"] + dt.timedelta(minutes=40)
        end = (c["atd"] or _END) - dt.timedelta(minutes=40)
        span = (end - start).total_seconds()
        if span <= 0:
            continue
        same = [lid for lid in deep_sea if alliance_of[lid] == v["alliance"] and lid != v["line"]]
        for _ in range(rng.randint(*n_moves[v["type"]])):
            kind = rng.choices("DLS", weights=[47, 46, 7])[0]
            frac = {"D": (0.0, 0.6), "L": (0.4, 1.0), "S": (0.0, 1.0)}[kind]
            moved = start + dt.timedelta(seconds=span * rng.uniform(*frac))
            if moved > _END:
                continue
            if v["type"] == "FDR":
                op = rng.choice(deep_sea) if rng.random() < 0.6 else v["line"]
            elif same and rng.random() < 0.22:
                op = rng.choice(same)
            else:
                op = v["line"]
            size = rng.choices([20, 40, 45], weights=[36, 58, 6])[0]
            cntr = f"{prefix[op]}{rng.randint(0, 9999999):07d}"
            if kind == "L" and discharged and rng.random() < 0.12:
                cntr, size, op = discharged.pop(rng.randrange(len(discharged)))
            empty = rng.random() < 0.18
            reefer = not empty and size != 45 and rng.random() < (0.16 if size == 40 else 0.05)
            dg = None
            if not empty and not reefer and rng.random() < 0.07:
                dg = rng.choices(*_DG)[0]
                if v["code"] == "IBX":  # Iberia Express ships do not accept dangerous goods
                    dg = None
            tare = {20: 2.2, 40: 3.8, 45: 4.8}[size] + (0.8 if reefer else 0.0)
            if empty:
                weight = tare + rng.choice([0.0, 0.1, -0.1])
            else:
                cap = {20: 28.0, 40: 30.0, 45: 30.5}[size]
                weight = tare + min(max(rng.gauss(cap * 0.5, cap * 0.2), 1.5), cap - tare)
            teu = {20: 1.0, 40: 2.0, 45: 2.25}[size]
            if kind == "D":
                discharged.append((cntr, size, op))
            moves.append((c["id"], cntr, kind, size, teu, empty, round(weight, 1), reefer, dg,
                          op, _minute(moved) + dt.timedelta(seconds=rng.randint(0, 59)),
                          rng.random() < 0.015))  # fmt: skip
    moves.sort(key=lambda m: (m[10], m[0]))
    _insert(con, "container_moves", [(i, *m) for i, m in enumerate(moves, start=1)])

    # --------------------------------------------------------------- call charges
    charges = []
    for c in calls:
        if c["atd"] is None:
            continue
        v = c["v"]
        invoiced = c["atd"].date() + dt.timedelta(days=rng.randint(1, 4))
        if invoiced > LAST_DAY:
            continue
        hours = math.ceil((c["atd"] - c["berthed"]).total_seconds() / 3600)
        pilot_rate = 780.0 if v["length"] < 200 else 1150.0 if v["length"] < 300 else 1620.0
        lines_c = [
            ("DUES", float(v["gt"]), 0.092 if invoiced.year == 2024 else 0.096),
            ("PILOT", 2.0 if rng.random() < 0.95 else 3.0, pilot_rate),
            ("BERTH", float(hours), round(v["length"] * 0.25, 3)),
        ]
        if v["type"] != "FDR" or rng.random() < 0.2:
            tugs = {"FDR": (1.0, 2.5), "PMX": (2.5, 5.0), "NPX": (4.0, 7.5), "ULC": (6.0, 10.0)}
            lines_c.append(("TUG", round(rng.uniform(*tugs[v["type"]]) * 2) / 2, 540.0))
        if rng.random() < 0.35:
            lines_c.append(("WASTE", round(rng.uniform(1.0, 18.0), 1), 42.5))
        for code, qty, rate in lines_c:
            if rng.random() < 0.03:
                charges.append((c["id"], code, round(qty * rng.uniform(1.1, 1.6), 2) if code != "PILOT"
                                else qty + 1, rate, invoiced, "VOID", None))  # fmt: skip
                re_inv = invoiced + dt.timedelta(days=rng.randint(2, 9))
            else:
                re_inv = invoiced
            if re_inv > LAST_DAY:
                continue
            paid = re_inv + dt.timedelta(days=rng.randint(8, 50))
            if paid <= LAST_DAY and rng.random() < 0.95:
                charges.append((c["id"], code, qty, rate, re_inv, "PAID", paid))
            else:
                charges.append((c["id"], code, qty, rate, re_inv, "INV", None))
    charges.sort(key=lambda ch: (ch[4], ch[0]))
    _insert(con, "call_charges", [(i, *ch) for i, ch in enumerate(charges, start=1)])

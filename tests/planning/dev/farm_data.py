"""Arable farming group test database (DuckDB, ``main`` schema).

Greenholt Estates farms arable land in eastern England, run as four farm units: 'Home
Farm', 'Ridgeway', 'Brook End' and 'Fen Side'. The data covers the period from
2022-08-01 up to and including **2025-09-30**, which is the last day of the data ("today"
for every question). Crops are recorded by *season* = harvest year (UK convention): the
2024 season of winter wheat was sown in autumn 2023 and harvested in summer 2024. Seasons
2023, 2024 and 2025 are complete or in progress; a few season-2026 crops were already
sown in September 2025. Money is in pounds sterling (GBP), areas in hectares (ha),
weights in tonnes (t), rain in millimetres and temperatures in degrees Celsius.
Column names are abbreviated; every abbreviation is explained below and in the column
comments (``COMMENT ON COLUMN``).

Tables
------

``fields`` -- one row per field (parcel of land) the group farms or has farmed.

* ``fld_id`` (INTEGER, primary key): field identifier.
* ``fld_nm`` (VARCHAR): field name, e.g. 'Long Acre'. Unique.
* ``farm_nm`` (VARCHAR): farm unit the field belongs to: 'Home Farm', 'Ridgeway',
  'Brook End' or 'Fen Side'.
* ``area_ha`` (DECIMAL(6,2)): total field area in hectares.
* ``soil_cd`` (VARCHAR): dominant soil type code: 'CL' clay, 'LM' loam, 'SL' sandy loam,
  'SI' silt, 'PT' peat, 'CH' chalk (thin chalky soil).
* ``ph`` (DECIMAL(3,1)): soil pH from the latest soil test; NULL when never sampled.
* ``irrig_flg`` (BOOLEAN): true if the field has irrigation (reservoir / pipe access).
* ``tenure_cd`` (VARCHAR): 'O' owned by the group, 'R' rented from a landlord.
* ``rent_gbp_ha`` (DECIMAL(6,2)): annual rent in GBP per hectare; NULL for owned fields.
* ``retired_dt`` (DATE): day the field left the group (sold or lease ended); NULL means
  the group still farms it. Retired fields have no plantings after that day.
  Some fields are permanent pasture (grazed, never cropped) and have no plantings.

``crops`` -- lookup table of crop codes.

* ``crop_cd`` (VARCHAR, primary key): crop code, e.g. 'WW' winter wheat, 'OSR' oilseed rape.
* ``crop_desc`` (VARCHAR): crop description, e.g. 'Winter wheat'.
* ``crop_grp`` (VARCHAR): 'cereal', 'oilseed', 'pulse', 'root' or 'forage'.
* ``sow_ssn`` (VARCHAR): usual sowing time: 'autumn' (sown in autumn of the year before
  the harvest year) or 'spring' (sown in the harvest year).
* ``tgt_yld_t_ha`` (DECIMAL(5,1)): target (benchmark) yield in tonnes per hectare.
* ``ref_px_gbp_t`` (DECIMAL(6,2)): reference sale price in GBP per tonne; NULL for forage
  crops that are fed on farm and not sold. One crop in the list has never been grown.

``plantings`` -- one row per crop sown on a field for one season. A field normally has
one planting per season; occasionally a field is split between two crops (two plantings,
whose areas add up to the field area).

* ``pltg_id`` (INTEGER, primary key): planting identifier.
* ``fld_id`` (INTEGER, foreign key to ``fields``): field sown.
* ``crop_cd`` (VARCHAR, foreign key to ``crops``): crop sown.
* ``season`` (INTEGER): harvest year the crop belongs to (2023 to 2026).
* ``plant_dt`` (DATE): sowing (planting) day.
* ``area_ha`` (DECIMAL(6,2)): hectares sown with this crop (field area, or part of it).
* ``var_nm`` (VARCHAR): crop variety, e.g. 'Skyfall'; NULL when not recorded.
* ``seed_kg_ha`` (DECIMAL(6,1)): seed rate in kilograms per hectare; NULL when not recorded.
* ``pl_status`` (VARCHAR): 'G' growing (in the ground, or harvest started but not
  finished; such plantings can already have some harvest rows), 'H' harvested
  (harvest complete), 'F' failed (crop lost, e.g. flooded or eaten by pests; written off
  with no harvest).

``harvests`` -- one row per harvest day (load record) of a planting. A planting is
usually harvested over one to four days; grass leys are cut several times a season.

* ``harv_id`` (INTEGER, primary key): harvest record identifier.
* ``pltg_id`` (INTEGER, foreign key to ``plantings``): planting harvested.
* ``harv_dt`` (DATE): day harvested.
* ``yld_t`` (DECIMAL(8,2)): tonnes of crop harvested that day (fresh weight, all grades
  including rejected loads). Yield per hectare = total tonnes / planting ``area_ha``.
* ``moist_pct`` (DECIMAL(4,1)): grain moisture percent at intake; NULL when not measured
  (never measured for root and forage crops).
* ``grade_cd`` (VARCHAR): quality grade given by the buyer: 'P' premium (e.g. milling),
  'S' standard, 'R' rejected; NULL for forage crops, which are not sold.

``wx_daily`` -- one row per day from the estate weather station at Home Farm. A few
days are missing entirely (station offline).

* ``obs_dt`` (DATE, primary key): observation day.
* ``rain_mm`` (DECIMAL(5,1)): rainfall in millimetres; 0 on dry days; NULL when the rain
  gauge was faulty that day.
* ``tmax_c`` (DECIMAL(4,1)): maximum air temperature, degrees Celsius.
* ``tmin_c`` (DECIMAL(4,1)): minimum air temperature, degrees Celsius. A frost day is a
  day with ``tmin_c`` below 0.
* ``sun_h`` (DECIMAL(3,1)): hours of sunshine.

``equipment`` -- one row per machine or implement the group owns or has owned.

* ``eqp_id`` (INTEGER, primary key): equipment identifier.
* ``eqp_nm`` (VARCHAR): fleet name, e.g. 'Tractor 3'. Unique.
* ``eqp_typ`` (VARCHAR): type code: 'TRC' tractor, 'CMB' combine harvester, 'SPR'
  sprayer, 'DRL' seed drill, 'TRL' trailer, 'BLR' baler, 'CUL' cultivator, 'ATV' quad bike.
* ``make`` (VARCHAR): manufacturer, e.g. 'John Deere'.
* ``farm_nm`` (VARCHAR): farm unit the machine is based at (same values as fields).
* ``purch_dt`` (DATE): day bought.
* ``purch_gbp`` (DECIMAL(10,2)): purchase price in GBP.
* ``eng_hrs`` (INTEGER): engine hours on the meter as of today (or at disposal); NULL for
  implements without an engine.
* ``disp_dt`` (DATE): day the machine was sold or scrapped; NULL means still in the fleet.

``eqp_maint`` -- one row per maintenance job on a machine.

* ``mnt_id`` (INTEGER, primary key): maintenance job identifier.
* ``eqp_id`` (INTEGER, foreign key to ``equipment``): machine worked on.
* ``mnt_dt`` (DATE): day of the job (for scheduled jobs, the planned day; may be after
  today).
* ``mnt_typ`` (VARCHAR): 'SVC' routine service, 'REP' repair (breakdown), 'INS'
  statutory inspection / test.
* ``descr`` (VARCHAR): short description, e.g. 'Replace hydraulic pump'.
* ``cost_gbp`` (DECIMAL(9,2)): cost of the job in GBP (parts plus labour); NULL unless
  the job is done.
* ``dwn_days`` (INTEGER): days the machine was out of action; NULL unless done.
* ``contr_flg`` (BOOLEAN): true if done by an outside dealer / contractor, false if done
  in-house by farm staff.
* ``mnt_status`` (VARCHAR): 'D' done, 'S' scheduled (not yet done), 'X' cancelled.
  Some machines have never had a maintenance job.

``inputs`` -- one row per purchase invoice line for farm inputs.

* ``inp_id`` (INTEGER, primary key): purchase line identifier.
* ``purch_dt`` (DATE): invoice day.
* ``farm_nm`` (VARCHAR): farm unit the goods were delivered to.
* ``pltg_id`` (INTEGER, foreign key to ``plantings``): planting the input was bought
  for; NULL for general store purchases (fuel, lime, stock fertiliser).
* ``inp_typ`` (VARCHAR): 'FERT' fertiliser, 'SEED' seed, 'CHEM' crop protection chemical
  (herbicide, fungicide, insecticide), 'FUEL' red diesel, 'LIME' agricultural lime.
* ``prod_nm`` (VARCHAR): product bought, e.g. 'Ammonium nitrate 34.5% N'.
* ``supplier`` (VARCHAR): supplier name.
* ``qty`` (DECIMAL(10,2)): quantity bought, in ``qty_unit``.
* ``qty_unit`` (VARCHAR): 't' tonnes, 'kg' kilograms or 'L' litres.
* ``cost_gbp`` (DECIMAL(10,2)): invoice line cost in GBP excluding VAT.
* ``void_flg`` (BOOLEAN): true if the invoice line was voided (cancelled / credited);
  voided lines are not real spend. Often a corrected line was issued instead.
  Farm-saved seed is not bought, so some plantings have no seed purchase.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

TODAY = dt.date(2025, 9, 30)
START = dt.date(2022, 8, 1)

_DDL = """
CREATE TABLE fields (
    fld_id INTEGER PRIMARY KEY,
    fld_nm VARCHAR NOT NULL UNIQUE,
    farm_nm VARCHAR NOT NULL,
    area_ha DECIMAL(6, 2) NOT NULL,
    soil_cd VARCHAR NOT NULL,
    ph DECIMAL(3, 1),
    irrig_flg BOOLEAN NOT NULL,
    tenure_cd VARCHAR NOT NULL,
    rent_gbp_ha DECIMAL(6, 2),
    retired_dt DATE
);
CREATE TABLE crops (
    crop_cd VARCHAR PRIMARY KEY,
    crop_desc VARCHAR NOT NULL,
    crop_grp VARCHAR NOT NULL,
    sow_ssn VARCHAR NOT NULL,
    tgt_yld_t_ha DECIMAL(5, 1) NOT NULL,
    ref_px_gbp_t DECIMAL(6, 2)
);
CREATE TABLE plantings (
    pltg_id INTEGER PRIMARY KEY,
    fld_id INTEGER NOT NULL REFERENCES fields (fld_id),
    crop_cd VARCHAR NOT NULL REFERENCES crops (crop_cd),
    season INTEGER NOT NULL,
    plant_dt DATE NOT NULL,
    area_ha DECIMAL(6, 2) NOT NULL,
    var_nm VARCHAR,
    seed_kg_ha DECIMAL(6, 1),
    pl_status VARCHAR NOT NULL
);
CREATE TABLE harvests (
    harv_id INTEGER PRIMARY KEY,
    pltg_id INTEGER NOT NULL REFERENCES plantings (pltg_id),
    harv_dt DATE NOT NULL,
    yld_t DECIMAL(8, 2) NOT NULL,
    moist_pct DECIMAL(4, 1),
    grade_cd VARCHAR
);
CREATE TABLE wx_daily (
    obs_dt DATE PRIMARY KEY,
    rain_mm DECIMAL(5, 1),
    tmax_c DECIMAL(4, 1) NOT NULL,
    tmin_c DECIMAL(4, 1) NOT NULL,
    sun_h DECIMAL(3, 1) NOT NULL
);
CREATE TABLE equipment (
    eqp_id INTEGER PRIMARY KEY,
    eqp_nm VARCHAR NOT NULL UNIQUE,
    eqp_typ VARCHAR NOT NULL,
    make VARCHAR NOT NULL,
    farm_nm VARCHAR NOT NULL,
    purch_dt DATE NOT NULL,
    purch_gbp DECIMAL(10, 2) NOT NULL,
    eng_hrs INTEGER,
    disp_dt DATE
);
CREATE TABLE eqp_maint (
    mnt_id INTEGER PRIMARY KEY,
    eqp_id INTEGER NOT NULL REFERENCES equipment (eqp_id),
    mnt_dt DATE NOT NULL,
    mnt_typ VARCHAR NOT NULL,
    descr VARCHAR NOT NULL,
    cost_gbp DECIMAL(9, 2),
    dwn_days INTEGER,
    contr_flg BOOLEAN NOT NULL,
    mnt_status VARCHAR NOT NULL
);
CREATE TABLE inputs (
    inp_id INTEGER PRIMARY KEY,
    purch_dt DATE NOT NULL,
    farm_nm VARCHAR NOT NULL,
    pltg_id INTEGER REFERENCES plantings (pltg_id),
    inp_typ VARCHAR NOT NULL,
    prod_nm VARCHAR NOT NULL,
    supplier VARCHAR NOT NULL,
    qty DECIMAL(10, 2) NOT NULL,
    qty_unit VARCHAR NOT NULL,
    cost_gbp DECIMAL(10, 2) NOT NULL,
    void_flg BOOLEAN NOT NULL
);
"""

_COMMENTS = {
    "fields.fld_id": "Field identifier",
    "fields.fld_nm": "Field name",
    "fields.farm_nm": "Farm unit: Home Farm, Ridgeway, Brook End or Fen Side",
    "fields.area_ha": "Field area in hectares",
    "fields.soil_cd": "Soil type code: CL clay, LM loam, SL sandy loam, SI silt, PT peat, CH chalk",
    "fields.ph": "Soil pH from latest soil test; NULL = never sampled",
    "fields.irrig_flg": "True if the field can be irrigated",
    "fields.tenure_cd": "Tenure: O owned, R rented",
    "fields.rent_gbp_ha": "Annual rent in GBP per hectare; NULL for owned fields",
    "fields.retired_dt": "Day the field left the group; NULL = still farmed",
    "crops.crop_cd": "Crop code",
    "crops.crop_desc": "Crop description",
    "crops.crop_grp": "Crop group: cereal, oilseed, pulse, root, forage",
    "crops.sow_ssn": "Usual sowing time: autumn or spring",
    "crops.tgt_yld_t_ha": "Target (benchmark) yield, tonnes per hectare",
    "crops.ref_px_gbp_t": "Reference sale price GBP per tonne; NULL for forage not sold",
    "plantings.pltg_id": "Planting identifier",
    "plantings.season": "Harvest year the crop belongs to",
    "plantings.plant_dt": "Sowing / planting date",
    "plantings.area_ha": "Hectares sown with this crop",
    "plantings.var_nm": "Crop variety; NULL = not recorded",
    "plantings.seed_kg_ha": "Seed rate kg per hectare; NULL = not recorded",
    "plantings.pl_status": "Planting status: G growing, H harvested, F failed (written off)",
    "harvests.harv_dt": "Harvest date",
    "harvests.yld_t": "Tonnes harvested that day (fresh weight, all grades)",
    "harvests.moist_pct": "Grain moisture percent at intake; NULL = not measured",
    "harvests.grade_cd": "Buyer grade: P premium, S standard, R rejected; NULL forage",
    "wx_daily.obs_dt": "Observation date",
    "wx_daily.rain_mm": "Rainfall mm; NULL = gauge fault",
    "wx_daily.tmax_c": "Maximum temperature, deg C",
    "wx_daily.tmin_c": "Minimum temperature, deg C",
    "wx_daily.sun_h": "Sunshine hours",
    "equipment.eqp_nm": "Fleet name of the machine",
    "equipment.eqp_typ": "Type: TRC tractor, CMB combine, SPR sprayer, DRL drill, TRL trailer, "
    "BLR baler, CUL cultivator, ATV quad bike",
    "equipment.purch_dt": "Purchase date",
    "equipment.purch_gbp": "Purchase price GBP",
    "equipment.eng_hrs": "Engine hours on meter; NULL for unpowered implements",
    "equipment.disp_dt": "Disposal (sold/scrapped) date; NULL = still in fleet",
    "eqp_maint.mnt_dt": "Maintenance job date (planned date if scheduled)",
    "eqp_maint.mnt_typ": "Job type: SVC service, REP repair, INS inspection/test",
    "eqp_maint.descr": "Job description",
    "eqp_maint.cost_gbp": "Job cost GBP; NULL unless done",
    "eqp_maint.dwn_days": "Days out of action; NULL unless done",
    "eqp_maint.contr_flg": "True = outside contractor/dealer, false = in-house",
    "eqp_maint.mnt_status": "Status: D done, S scheduled, X cancelled",
    "inputs.purch_dt": "Invoice date",
    "inputs.farm_nm": "Farm unit delivered to",
    "inputs.pltg_id": "Planting the input is for; NULL = general store purchase",
    "inputs.inp_typ": "Input type: FERT fertiliser, SEED, CHEM crop protection, FUEL, LIME",
    "inputs.prod_nm": "Product name",
    "inputs.qty": "Quantity in qty_unit",
    "inputs.qty_unit": "Unit: t tonnes, kg, L litres",
    "inputs.cost_gbp": "Line cost GBP excl. VAT",
    "inputs.void_flg": "True = invoice line voided/credited, not real spend",
}

_DROP_ORDER = [
    "inputs",
    "eqp_maint",
    "equipment",
    "wx_daily",
    "harvests",
    "plantings",
    "crops",
    "fields",
]

# crop_cd: (desc, group, sow season, target t/ha, price, seed kg/ha, seed GBP/ha, varieties)
_CROPS = {
    "WW": (
        "Winter wheat",
        "cereal",
        "autumn",
        8.5,
        190.0,
        170,
        78,
        ["Skyfall", "Extase", "Champion", "Graham"],
    ),
    "SW": ("Spring wheat", "cereal", "spring", 6.5, 195.0, 200, 80, ["Mulika", "KWS Cochise"]),
    "WB": (
        "Winter barley",
        "cereal",
        "autumn",
        7.2,
        170.0,
        160,
        70,
        ["KWS Orwell", "Bolton", "Craft"],
    ),
    "SB": (
        "Spring barley",
        "cereal",
        "spring",
        5.8,
        185.0,
        175,
        72,
        ["Laureate", "Diablo", "Planet"],
    ),
    "WO": ("Winter oats", "cereal", "autumn", 6.0, 175.0, 150, 60, ["Mascani", "Gerald"]),
    "OSR": (
        "Oilseed rape",
        "oilseed",
        "autumn",
        3.4,
        400.0,
        4,
        65,
        ["Aurelia", "Campus", "Ambassador"],
    ),
    "BN": ("Field beans", "pulse", "spring", 4.2, 230.0, 220, 110, ["Lynx", "Fuego"]),
    "PEA": ("Combining peas", "pulse", "spring", 3.8, 250.0, 230, 130, ["Karpate", "LG Aviator"]),
    "POT": (
        "Potatoes",
        "root",
        "spring",
        45.0,
        180.0,
        2800,
        900,
        ["Maris Piper", "Markies", "Royal"],
    ),
    "SBT": ("Sugar beet", "root", "spring", 75.0, 32.0, 3, 190, ["BTS 3325", "Daphna"]),
    "MZ": ("Forage maize", "forage", "spring", 40.0, None, 28, 170, ["Prospect", "Ambition"]),
    "GRS": ("Italian ryegrass ley", "forage", "autumn", 32.0, None, 35, 80, ["Fox", "Tetragold"]),
    "LIN": ("Linseed", "oilseed", "spring", 1.8, 450.0, 50, 60, ["Batsman"]),
}

# (start month, start day, window days, year offset from season)
_SOW = {
    "autumn": (9, 4, 45, -1),
    "spring": (3, 5, 40, 0),
}
_SOW_SPECIAL = {
    "OSR": (8, 14, 25, -1),
    "POT": (4, 1, 25, 0),
    "MZ": (4, 22, 20, 0),
    "GRS": (8, 25, 25, -1),
}
_HARV = {
    "WB": (7, 6, 18, 0),
    "OSR": (7, 16, 20, 0),
    "PEA": (7, 12, 22, 0),
    "WO": (8, 1, 18, 0),
    "WW": (8, 2, 28, 0),
    "SW": (8, 12, 22, 0),
    "SB": (8, 10, 24, 0),
    "BN": (8, 22, 26, 0),
    "LIN": (9, 1, 20, 0),
    "POT": (9, 8, 40, 0),
    "MZ": (9, 26, 28, 0),
    "SBT": (10, 1, 110, 0),
}

_FARMS = {
    "Home Farm": (
        ["CL", "CL", "LM", "LM", "SL"],
        {"WW": 5, "WB": 2, "OSR": 2, "BN": 2, "SB": 1, "WO": 1},
    ),
    "Ridgeway": (
        ["CH", "CH", "LM", "SL"],
        {"WW": 3, "WB": 3, "SB": 3, "OSR": 2, "PEA": 1, "GRS": 1},
    ),
    "Brook End": (
        ["SI", "CL", "LM", "SL"],
        {"WW": 3, "POT": 2, "SB": 2, "MZ": 2, "GRS": 2, "BN": 1},
    ),
    "Fen Side": (["PT", "PT", "SI", "SI"], {"WW": 3, "SBT": 3, "POT": 2, "SW": 1, "PEA": 1}),
}
_FIELD_NAMES = [
    "Long Acre",
    "Top Meadow",
    "Church Field",
    "Mill Piece",
    "Windmill Hill",
    "Great Ground",
    "Little Ground",
    "Barn Close",
    "Hollow Field",
    "Ash Furlong",
    "Twelve Acres",
    "Pond Field",
    "Far Baulk",
    "Cow Pasture",
    "Gravel Pit",
    "Hare Park",
    "Oak Close",
    "Rookery",
    "Sheepwash",
    "Bottom Field",
    "Dairy Ground",
    "Lodge Field",
    "Crossways",
    "Broad Lees",
    "New Piece",
    "Shoulder of Mutton",
    "Kiln Field",
    "Spinney Field",
    "Hilltop",
    "Ridge Piece",
    "Beacon Field",
    "Chalk Pit",
    "Flint Hill",
    "Down Field",
    "Brook Meadow",
    "Water Lane",
    "Willow Holt",
    "Osier Bed",
    "Ferry Field",
    "Island Field",
    "Mere Side",
    "Fen Drove",
    "Black Fen",
    "Dyke End",
    "Engine Field",
    "Washland",
    "Lode Field",
    "Sluice Piece",
    "Turf Fen",
    "Middle Drove",
    "Pumping Station",
    "Eel Pie",
    "Reed Field",
    "Carr Field",
    "Parsonage",
    "Hundred Acre",
    "Gate Field",
    "Orchard Piece",
    "Old Orchard",
    "Wood Paddock",
]
_SEASON_FX = {2023: 1.0, 2024: 0.86, 2025: 0.95, 2026: 1.0}
_SOIL_FX = {"CL": 1.0, "LM": 1.05, "SL": 0.92, "SI": 1.04, "PT": 1.08, "CH": 0.88}
_FERT = [
    ("Ammonium nitrate 34.5% N", "t", 0.35),
    ("Urea 46% N", "t", 0.25),
    ("NPK 20-10-10", "t", 0.3),
    ("Triple superphosphate", "t", 0.12),
    ("Muriate of potash", "t", 0.15),
]
_FERT_PX = {2022: 720.0, 2023: 520.0, 2024: 360.0, 2025: 345.0}
_CHEM = [
    ("Herbicide - pendimethalin", 2.0, 9.5),
    ("Herbicide - glyphosate", 3.0, 4.2),
    ("Fungicide - prothioconazole", 0.8, 38.0),
    ("Insecticide - cypermethrin", 0.25, 22.0),
    ("Fungicide - fluxapyroxad", 1.0, 31.0),
]
_SUPPLIERS = {
    "FERT": ["Frontier Agriculture", "Yara UK", "Agrii"],
    "SEED": ["Agrii", "Frontier Agriculture", "KWS UK", "Limagrain"],
    "CHEM": ["Agrii", "Hutchinsons", "Frontier Agriculture"],
    "FUEL": ["Certas Energy", "Watson Fuels"],
    "LIME": ["Longcliffe Quarries"],
}
_EQUIPMENT = [
    # type, make, farm, purchase date, price, engine hours (None = no engine), disposal date
    ("TRC", "John Deere", "Home Farm", (2016, 3, 14), 112000, 7450, None),
    ("TRC", "John Deere", "Home Farm", (2021, 9, 2), 148500, 2980, None),
    ("TRC", "Fendt", "Ridgeway", (2018, 4, 20), 131000, 5620, None),
    ("TRC", "New Holland", "Brook End", (2012, 6, 1), 78000, 11230, (2024, 2, 28)),
    ("TRC", "New Holland", "Brook End", (2024, 3, 5), 139000, 1210, None),
    ("TRC", "Massey Ferguson", "Fen Side", (2019, 10, 11), 96500, 4310, None),
    ("TRC", "Massey Ferguson", "Fen Side", (2025, 8, 18), 104000, 35, None),
    ("CMB", "Claas", "Home Farm", (2017, 7, 1), 285000, 2410, None),
    ("CMB", "New Holland", "Fen Side", (2014, 6, 20), 198000, 3320, None),
    ("SPR", "Amazone", "Home Farm", (2020, 2, 10), 68000, None, None),
    ("SPR", "Househam", "Fen Side", (2022, 1, 15), 152000, 1840, None),
    ("DRL", "Vaderstad", "Home Farm", (2018, 8, 1), 54000, None, None),
    ("DRL", "Horsch", "Ridgeway", (2023, 7, 28), 61500, None, None),
    ("TRL", "Richard Western", "Home Farm", (2015, 5, 5), 18500, None, None),
    ("TRL", "Richard Western", "Ridgeway", (2015, 5, 5), 18500, None, None),
    ("TRL", "Marston", "Fen Side", (2020, 6, 30), 24000, None, None),
    ("TRL", "Marston", "Brook End", (2009, 4, 2), 11000, None, (2023, 11, 30)),
    ("BLR", "Krone", "Ridgeway", (2019, 5, 18), 42000, None, None),
    ("BLR", "McHale", "Brook End", (2021, 4, 22), 58500, None, None),
    ("CUL", "Sumo", "Home Farm", (2017, 9, 9), 23500, None, None),
    ("CUL", "Lemken", "Fen Side", (2023, 2, 14), 31000, None, None),
    ("CUL", "Kuhn", "Brook End", (2016, 3, 3), 19800, None, None),
    ("ATV", "Honda", "Home Farm", (2020, 3, 1), 9800, 1620, None),
    ("ATV", "Honda", "Ridgeway", (2022, 11, 20), 10400, 880, None),
    ("ATV", "Yamaha", "Fen Side", (2013, 5, 7), 7200, 4450, (2023, 3, 31)),
    ("SPR", "Berthoud", "Ridgeway", (2025, 9, 1), 71000, None, None),
]
_TYPE_NAMES = {
    "TRC": "Tractor",
    "CMB": "Combine",
    "SPR": "Sprayer",
    "DRL": "Drill",
    "TRL": "Trailer",
    "BLR": "Baler",
    "CUL": "Cultivator",
    "ATV": "Quad",
}
_REPAIRS = [
    "Replace hydraulic pump",
    "Repair PTO clutch",
    "Replace tyre",
    "Fix electrical fault",
    "Replace bearings",
    "Weld cracked frame",
    "Replace drive belt",
    "Repair fuel injector",
    "Replace nozzle body",
    "Fix wiring loom",
]


def _d(y: int, m: int, d: int) -> dt.date:
    return dt.date(y, m, d)


def _insert(con: Any, table: str, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in columns) + ")"
    prefix = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        con.execute(prefix + ", ".join(marks for _ in chunk), [v for row in chunk for v in row])


def _window(rng: random.Random, spec: tuple, season: int) -> dt.date:
    month, day, days, offset = spec
    return _d(season + offset, month, day) + dt.timedelta(days=rng.randint(0, days))


def _pick(rng: random.Random, weights: dict[str, int], avoid: str | None) -> str:
    options = {c: w for c, w in weights.items() if c != avoid or c in ("WW", "GRS")}
    if avoid == "WW" and "WW" in options:
        options["WW"] = 1  # second wheat is possible but unusual
    codes = list(options)
    return rng.choices(codes, [options[c] for c in codes])[0]


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the farm tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)
    for column, text in _COMMENTS.items():
        con.execute(f"COMMENT ON COLUMN {column} IS '{text}'")

    # ------------------------------------------------------------------ crops
    _insert(
        con,
        "crops",
        ["crop_cd", "crop_desc", "crop_grp", "sow_ssn", "tgt_yld_t_ha", "ref_px_gbp_t"],
        [(cd, v[0], v[1], v[2], v[3], v[4]) for cd, v in _CROPS.items()],
    )

    # ------------------------------------------------------------------ fields
    fields = []
    names = list(_FIELD_NAMES)
    farm_of_name = {}
    counts = {"Home Farm": 17, "Ridgeway": 13, "Brook End": 14, "Fen Side": 14}
    idx = 0
    for farm, n in counts.items():
        for _ in range(n):
            farm_of_name[names[idx]] = farm
            idx += 1
    farm_of_name["Old Orchard"] = "Home Farm"
    farm_of_name["Wood Paddock"] = "Ridgeway"
    for fld_id, name in enumerate(names, start=1):
        farm = farm_of_name[name]
        soils, _ = _FARMS[farm]
        soil = rng.choice(soils)
        area = round(min(64.0, max(1.8, rng.lognormvariate(math.log(14), 0.6))), 2)
        ph = (
            None
            if rng.random() < 0.12
            else round(rng.uniform(5.6, 8.1) if soil != "CH" else rng.uniform(7.6, 8.3), 1)
        )
        irrig = farm in ("Brook End", "Fen Side") and rng.random() < 0.5
        rented = rng.random() < 0.3
        rent = round(rng.uniform(180, 320), 2) if rented else None
        fields.append(
            [fld_id, name, farm, area, soil, ph, irrig, "R" if rented else "O", rent, None]
        )
    # edge cases: ties in area, an exact 10 ha field, permanent pasture, retired fields
    fields[3][3] = 22.5
    fields[20][3] = 22.5
    fields[7][3] = 10.0
    fields[31][3] = 9.99
    pasture = {"Cow Pasture", "Old Orchard", "Wood Paddock", "Sheepwash"}
    retired = {
        "Gravel Pit": _d(2024, 10, 1),
        "Eel Pie": _d(2024, 9, 30),
        "Parsonage": _d(2023, 9, 29),
    }
    for f in fields:
        if f[1] in retired:
            f[9] = retired[f[1]]
    _insert(
        con,
        "fields",
        [
            "fld_id",
            "fld_nm",
            "farm_nm",
            "area_ha",
            "soil_cd",
            "ph",
            "irrig_flg",
            "tenure_cd",
            "rent_gbp_ha",
            "retired_dt",
        ],
        [tuple(f) for f in fields],
    )

    # ------------------------------------------------------------------ plantings + harvests
    plantings: list[list] = []
    harvests: list[tuple] = []
    for f in fields:
        fld_id, name, farm, area, soil = f[0], f[1], f[2], f[3], f[4]
        if name in pasture:
            continue
        weights = _FARMS[farm][1]
        prev_crop, prev_end = None, _d(2022, 8, 20)
        for season in (2023, 2024, 2025, 2026):
            crop = _pick(rng, weights, prev_crop)
            if prev_crop in ("POT", "SBT", "MZ"):
                for _ in range(20):
                    if _CROPS[crop][2] == "spring":
                        break
                    crop = _pick(rng, weights, prev_crop)
                if _CROPS[crop][2] != "spring":
                    crop = "SB" if "SB" in weights else "SW" if "SW" in weights else "PEA"
            parts = [(crop, area)]
            if season < 2026 and rng.random() < 0.08 and area > 8:
                other = _pick(rng, weights, crop)
                if other != crop and (
                    _CROPS[other][2] == "spring" or prev_crop not in ("POT", "SBT", "MZ")
                ):
                    share = round(area * rng.uniform(0.35, 0.6), 2)
                    parts = [(crop, round(area - share, 2)), (other, share)]
            last_end = prev_end
            for crop_cd, part_area in parts:
                info = _CROPS[crop_cd]
                spec = _SOW_SPECIAL.get(crop_cd, _SOW[info[2]])
                plant = _window(rng, spec, season)
                if plant <= prev_end:
                    plant = prev_end + dt.timedelta(days=rng.randint(4, 12))
                if f[9] is not None and plant >= f[9]:
                    continue
                if plant > TODAY:
                    continue
                var = None if rng.random() < 0.1 else rng.choice(info[7])
                seed_rate = (
                    None if rng.random() < 0.07 else round(info[5] * rng.uniform(0.9, 1.12), 1)
                )
                pltg_id = len(plantings) + 1
                row = [pltg_id, fld_id, crop_cd, season, plant, part_area, var, seed_rate, "G"]
                plantings.append(row)
                fx = _SEASON_FX[season] * _SOIL_FX[soil] * rng.gauss(1.0, 0.1)
                if crop_cd == "POT" and f[6]:
                    fx *= 1.12
                total = info[3] * fx * part_area
                if crop_cd == "GRS":
                    cut_days = [
                        _d(season, 5, 12),
                        _d(season, 6, 28),
                        _d(season, 8, 14),
                        _d(season, 9, 22),
                    ]
                    n_cuts = rng.choice([3, 3, 4])
                    days = [c + dt.timedelta(days=rng.randint(0, 6)) for c in cut_days[:n_cuts]]
                else:
                    first = _window(rng, _HARV[crop_cd], season)
                    n = rng.choice([1, 1, 2, 2, 3, 4]) if part_area > 6 else rng.choice([1, 1, 2])
                    if crop_cd in ("POT", "SBT"):
                        n += 2
                    gap = 25 if crop_cd == "SBT" else 3
                    days = sorted(
                        {first + dt.timedelta(days=i * rng.randint(1, gap)) for i in range(n)}
                    )
                if f[9] is not None and max(days) >= f[9]:
                    plantings.pop()  # the field was given up before this crop was harvested
                    continue
                if rng.random() < 0.035 and max(days) < TODAY:
                    row[8] = "F"
                    last_end = max(last_end, plant + dt.timedelta(days=150))
                    continue
                done = [d for d in days if d <= TODAY]
                row[8] = "H" if len(done) == len(days) else "G"
                share_w = [rng.uniform(0.6, 1.4) for _ in days]
                for d, w in zip(done, share_w, strict=False):
                    tonnes = round(total * w / sum(share_w), 2)
                    group = info[1]
                    moist = None
                    if group in ("cereal", "oilseed", "pulse") and rng.random() > 0.06:
                        moist = round(rng.uniform(12.5, 19.5) + (2 if season == 2024 else 0), 1)
                    grade = None
                    if group != "forage":
                        r = rng.random()
                        grade = "R" if r < 0.04 else "P" if r < 0.4 else "S"
                    harvests.append((pltg_id, d, tonnes, moist, grade))
                last_end = max(last_end, max(days))
            prev_crop, prev_end = crop, last_end
    harvests.sort(key=lambda h: (h[1], h[0]))
    _insert(
        con,
        "plantings",
        [
            "pltg_id",
            "fld_id",
            "crop_cd",
            "season",
            "plant_dt",
            "area_ha",
            "var_nm",
            "seed_kg_ha",
            "pl_status",
        ],
        [tuple(p) for p in plantings],
    )
    _insert(
        con,
        "harvests",
        ["harv_id", "pltg_id", "harv_dt", "yld_t", "moist_pct", "grade_cd"],
        [(i, *h) for i, h in enumerate(harvests, start=1)],
    )

    # ------------------------------------------------------------------ weather
    wx = []
    missing = {
        _d(2023, 2, 14),
        _d(2023, 2, 15),
        _d(2023, 2, 16),
        _d(2024, 7, 3),
        _d(2025, 1, 20),
        _d(2025, 8, 9),
    }
    day = START
    while day <= TODAY:
        if day not in missing:
            doy = day.timetuple().tm_yday
            seasonal = math.sin(2 * math.pi * (doy - 110) / 365)
            tmax = (
                13.5
                + 8.5 * seasonal
                + rng.gauss(0, 2.6)
                + (1.2 if day.year == 2025 and 5 <= day.month <= 8 else 0)
            )
            tmin = tmax - rng.uniform(4.5, 10.5)
            wet = 0.42 - 0.08 * seasonal
            if _d(2023, 9, 15) <= day <= _d(2024, 4, 30):
                wet += 0.15
            if _d(2025, 2, 15) <= day <= _d(2025, 6, 15):
                wet -= 0.18
            rain = round(rng.expovariate(1 / 4.2), 1) if rng.random() < wet else 0.0
            rain_v: float | None = rain if rng.random() > 0.008 else None
            sun = round(
                max(
                    0.0,
                    min(
                        15.5,
                        (4.5 + 3.8 * seasonal) * rng.uniform(0.3, 1.6) - (2 if rain > 2 else 0),
                    ),
                ),
                1,
            )
            wx.append((day, rain_v, round(tmax, 1), round(tmin, 1), sun))
        day += dt.timedelta(days=1)
    _insert(con, "wx_daily", ["obs_dt", "rain_mm", "tmax_c", "tmin_c", "sun_h"], wx)

    # ------------------------------------------------------------------ equipment + maintenance
    equipment, maint = [], []
    type_count: dict[str, int] = {}
    for eqp_id, (typ, make, farm, pd, price, hrs, disp) in enumerate(_EQUIPMENT, start=1):
        type_count[typ] = type_count.get(typ, 0) + 1
        name = f"{_TYPE_NAMES[typ]} {type_count[typ]}"
        purch = _d(*pd)
        disp_d = _d(*disp) if disp else None
        equipment.append((eqp_id, name, typ, make, farm, purch, float(price), hrs, disp_d))
        if eqp_id in (15, 26):  # a trailer and a brand-new sprayer never maintained
            continue
        first = max(purch + dt.timedelta(days=30), START)
        end = disp_d or _d(2025, 11, 30)
        age = max(0, 2023 - purch.year)
        jobs = []
        svc_gap = 140 if hrs is not None else 300
        d = first + dt.timedelta(days=rng.randint(0, 60))
        while d <= end:
            jobs.append(
                (
                    d,
                    "SVC",
                    "Annual service"
                    if hrs is None
                    else rng.choice(["250 h service", "500 h service", "Oil and filter change"]),
                )
            )
            d += dt.timedelta(days=svc_gap + rng.randint(-20, 40))
        if typ in ("SPR", "TRL", "CMB"):
            y = first.year
            while _d(y, 3, 1) <= end:
                insp = _d(y, 3, 1) + dt.timedelta(days=rng.randint(0, 60))
                if first <= insp <= end:
                    jobs.append(
                        (
                            insp,
                            "INS",
                            "NSTS sprayer test" if typ == "SPR" else "Annual safety inspection",
                        )
                    )
                y += 1
        n_rep = max(0, int(rng.gauss(2 + age * 0.4, 1.5)))
        span = (min(end, TODAY) - first).days
        for _ in range(n_rep if span > 30 else 0):
            jobs.append(
                (first + dt.timedelta(days=rng.randint(0, span)), "REP", rng.choice(_REPAIRS))
            )
        for d, typ_m, descr in sorted(jobs):
            status = "S" if d > TODAY else "X" if rng.random() < 0.04 else "D"
            contr = (
                typ_m == "INS"
                or (typ_m == "REP" and rng.random() < 0.6)
                or (typ_m == "SVC" and rng.random() < 0.35)
            )
            cost = down = None
            if status == "D":
                base = {"SVC": 380, "INS": 260, "REP": 1450}[typ_m] * (
                    1.8 if typ in ("CMB", "TRC") else 1.0
                )
                cost = round(base * rng.lognormvariate(0, 0.45) * (1.3 if contr else 1.0), 2)
                down = {
                    "SVC": rng.randint(0, 1),
                    "INS": rng.randint(0, 1),
                    "REP": rng.randint(1, 14),
                }[typ_m]
            maint.append((eqp_id, d, typ_m, descr, cost, down, contr, status))
    maint.sort(key=lambda m: (m[1], m[0]))
    _insert(
        con,
        "equipment",
        [
            "eqp_id",
            "eqp_nm",
            "eqp_typ",
            "make",
            "farm_nm",
            "purch_dt",
            "purch_gbp",
            "eng_hrs",
            "disp_dt",
        ],
        equipment,
    )
    _insert(
        con,
        "eqp_maint",
        [
            "mnt_id",
            "eqp_id",
            "mnt_dt",
            "mnt_typ",
            "descr",
            "cost_gbp",
            "dwn_days",
            "contr_flg",
            "mnt_status",
        ],
        [(i, *m) for i, m in enumerate(maint, start=1)],
    )

    # ------------------------------------------------------------------ inputs
    field_farm = {f[0]: f[2] for f in fields}
    inputs: list[tuple] = []

    def add(
        day: dt.date,
        farm: str,
        pltg: int | None,
        typ: str,
        prod: str,
        qty: float,
        unit: str,
        cost: float,
    ) -> None:
        if day > TODAY or day < START:
            return
        supplier = rng.choice(_SUPPLIERS[typ])
        if rng.random() < 0.035:
            inputs.append(
                (day, farm, pltg, typ, prod, supplier, round(qty, 2), unit, round(cost, 2), True)
            )
            if rng.random() < 0.6:
                day = min(TODAY, day + dt.timedelta(days=rng.randint(1, 10)))
                cost *= rng.uniform(0.9, 1.0)
            else:
                return
        inputs.append(
            (day, farm, pltg, typ, prod, supplier, round(qty, 2), unit, round(cost, 2), False)
        )

    for p in plantings:
        pltg_id, fld_id, crop_cd, season, plant, area = p[0], p[1], p[2], p[3], p[4], float(p[5])
        info = _CROPS[crop_cd]
        farm = field_farm[fld_id]
        rate = float(p[7]) if p[7] is not None else info[5]
        if not (info[1] == "cereal" and rng.random() < 0.18):
            add(
                plant - dt.timedelta(days=rng.randint(5, 28)),
                farm,
                pltg_id,
                "SEED",
                f"{info[0]} seed",
                rate * area,
                "kg",
                info[6] * area * rng.uniform(0.9, 1.15),
            )
        if info[1] != "pulse":
            n_fert = rng.choice([1, 2, 2, 3])
            for k in range(n_fert):
                if info[2] == "autumn":
                    day = _d(season, 2, 12) + dt.timedelta(days=rng.randint(0, 70))
                else:
                    day = plant + dt.timedelta(days=rng.randint(-12, 30))
                prod, unit, rate_t = _FERT[0] if k == 0 else rng.choice(_FERT[1:])
                qty = rate_t * area * rng.uniform(0.85, 1.15)
                add(
                    day,
                    farm,
                    pltg_id,
                    "FERT",
                    prod,
                    qty,
                    unit,
                    qty * _FERT_PX.get(day.year, 345.0) * rng.uniform(0.95, 1.05),
                )
        elif rng.random() < 0.5:
            day = plant + dt.timedelta(days=rng.randint(-20, 10))
            qty = 0.12 * area
            add(
                day,
                farm,
                pltg_id,
                "FERT",
                "Triple superphosphate",
                qty,
                "t",
                qty * _FERT_PX.get(day.year, 345.0),
            )
        for _ in range(rng.choice([0, 1, 1, 2])):
            prod, l_ha, px = rng.choice(_CHEM)
            day = plant + dt.timedelta(days=rng.randint(20, 200))
            qty = l_ha * area
            add(day, farm, pltg_id, "CHEM", prod, qty, "L", qty * px * rng.uniform(0.95, 1.1))
    for farm in _FARMS:
        m = START
        while m <= TODAY:
            if rng.random() < 0.85:
                qty = rng.randint(18, 60) * 100.0 * (1.6 if farm == "Home Farm" else 1.0)
                add(
                    m + dt.timedelta(days=rng.randint(0, 27)),
                    farm,
                    None,
                    "FUEL",
                    "Red diesel",
                    qty,
                    "L",
                    qty
                    * (0.98 if m.year == 2022 else 0.78 if m.year == 2023 else 0.71)
                    * rng.uniform(0.93, 1.07),
                )
            m = _d(m.year + (m.month == 12), m.month % 12 + 1, 1)
        for year in (2022, 2023, 2024, 2025):
            if rng.random() < 0.6:
                qty = rng.randint(40, 200)
                add(
                    _d(year, 8, 20) + dt.timedelta(days=rng.randint(0, 40)),
                    farm,
                    None,
                    "LIME",
                    "Ground limestone",
                    qty,
                    "t",
                    qty * rng.uniform(28, 34),
                )
            if rng.random() < 0.7:
                qty = rng.randint(20, 80)
                add(
                    _d(year, 1, 10) + dt.timedelta(days=rng.randint(0, 30)),
                    farm,
                    None,
                    "FERT",
                    "Ammonium nitrate 34.5% N",
                    qty,
                    "t",
                    qty * _FERT_PX[year] * 0.97,
                )
    inputs.sort(key=lambda r: (r[0], r[1], r[2] or 0, r[3]))
    _insert(
        con,
        "inputs",
        [
            "inp_id",
            "purch_dt",
            "farm_nm",
            "pltg_id",
            "inp_typ",
            "prod_nm",
            "supplier",
            "qty",
            "qty_unit",
            "cost_gbp",
            "void_flg",
        ],
        [(i, *r) for i, r in enumerate(inputs, start=1)],
    )

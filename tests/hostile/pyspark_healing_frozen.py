"""Frozen held-out cases for healing a user's PySpark script that fails.

Written blind to the healing code (src/datamorph/healing/, engines/spark_python.py and their
tests) on 2026-12-07, then frozen: not to be tuned on. Do not edit a case to make the healer
pass it; a case that fails shows a defect (or a limit) of the healer.

Only the spec contract (spec/model.py, tests/specs/), docs/spark.md, the allow-list
(codegen/pyspark_rules.py, codegen/static_python.py) and scripts compiled by
`datamorph compile --dialect pyspark` were known to the author.

`CASES` holds 40 dicts, on six schemas invented for them (a lending library, a vehicle fleet,
hospital admissions, a music streaming service, energy meters, a school):
- "id": unique;
- "tables": {name: {"columns": {column: duckdb type}, "rows": [[...], ...]}}, dates written
  "YYYY-MM-DD";
- "spec": the DataMorph spec (version 1) of the question the user meant;
- "good_script": a hand-written PySpark script answering it: `build(spark)` reads with
  `spark.table` and returns exactly the spec's output columns, `main()` writes with saveAsTable;
- "broken_script": the same script with one realistic mistake (two in eight cases);
- "kind": the mistake's kind, "name" (misspelt column), "table" (misspelt table), "function"
  (misspelt function in SQL text), "output_name" (wrong `.alias`), "logic" (runs, wrong rows),
  "python" (a Python-level mistake) or "qualifier" (wrong DataFrame alias before a column);
  with two mistakes, the kind of the one that makes the script fail;
- "note": what is wrong.

`verify()` (run this file) checks every case mechanically: the spec's answer on DuckDB equals the
good script's rows and columns on Spark (local, ANSI on), the good script passes the allow-list,
the broken script fails on Spark (or, for "logic", runs and returns other rows), and each
mistake alone breaks the script.
"""

from __future__ import annotations

import copy
from typing import Any

# ---------------------------------------------------------------------------------------------
# Schemas


def _table(columns: dict[str, str], rows: list[list[Any]]) -> dict[str, Any]:
    return {"columns": columns, "rows": rows}


LIBRARY = {
    "books": _table(
        {
            "book_id": "INTEGER",
            "title": "VARCHAR",
            "genre": "VARCHAR",
            "published_year": "INTEGER",
            "list_price": "DECIMAL(10,2)",
        },
        [
            [1, "The Salt Road", "fiction", 2015, 18.99],
            [2, "Quiet Engines", "science", 2019, 32.50],
            [3, "Northern Lights Atlas", "travel", 2011, 45.00],
            [4, "A Brief Harbour", "fiction", 2021, 14.25],
            [5, "Counting Crows", "science", 2008, 27.00],
            [6, "Gardens of Ash", "fiction", 2019, 18.99],
            [7, "The Map Room", "travel", 2023, None],
            [8, "Protein Folding for All", "science", 2022, 39.90],
            [9, "Letters to Nobody", None, 2017, 12.00],
            [10, "Winter Kitchen", "cookery", 2020, 24.00],
            [11, "Small Hours", "fiction", 2008, 9.99],
            [12, "Bread & Stone", "cookery", 2016, 24.00],
        ],
    ),
    "members": _table(
        {
            "member_id": "INTEGER",
            "full_name": "VARCHAR",
            "branch": "VARCHAR",
            "joined_on": "DATE",
            "is_student": "BOOLEAN",
        },
        [
            [101, "Ada Okafor", "Central", "2021-03-14", False],
            [102, "Bram Visser", "Riverside", "2022-07-01", True],
            [103, "Chen Li", "Central", "2020-11-20", True],
            [104, "Dana Ruiz", "Hillside", "2023-01-05", False],
            [105, "Eli Novak", "Riverside", "2019-06-30", False],
            [106, "Farah Haddad", "Central", "2024-02-11", True],
            [107, "Gus Moreau", None, "2022-09-09", False],
            [108, "Hana Sato", "Hillside", "2021-12-01", True],
            [109, "Ivo Petrov", "Central", "2023-05-17", False],
            [110, "Jade Kim", "Riverside", "2024-08-22", True],
        ],
    ),
    "loans": _table(
        {
            "loan_id": "BIGINT",
            "book_id": "INTEGER",
            "member_id": "INTEGER",
            "borrowed_on": "DATE",
            "due_on": "DATE",
            "returned_on": "DATE",
            "late_fee": "DECIMAL(10,2)",
        },
        [
            [5001, 1, 101, "2024-01-03", "2024-01-24", "2024-01-20", 0.00],
            [5002, 2, 102, "2024-01-05", "2024-01-26", "2024-02-02", 1.75],
            [5003, 3, 103, "2024-01-09", "2024-01-30", None, None],
            [5004, 1, 104, "2024-01-15", "2024-02-05", "2024-02-05", 0.00],
            [5005, 4, 101, "2024-01-22", "2024-02-12", "2024-02-20", 2.00],
            [5006, 6, 105, "2024-02-01", "2024-02-22", "2024-02-21", 0.00],
            [5007, 8, 103, "2024-02-03", "2024-02-24", "2024-03-01", 1.50],
            [5008, 10, 106, "2024-02-10", "2024-03-02", "2024-03-02", 0.00],
            [5009, 12, 106, "2024-02-10", "2024-03-02", None, None],
            [5010, 5, 102, "2024-02-14", "2024-03-06", "2024-03-20", 3.50],
            [5011, 2, 108, "2024-02-20", "2024-03-12", "2024-03-10", 0.00],
            [5012, 9, 107, "2024-03-01", "2024-03-22", "2024-03-25", 0.75],
            [5013, 11, 101, "2024-03-02", "2024-03-23", "2024-03-23", 0.00],
            [5014, 7, 104, "2024-03-05", "2024-03-26", None, None],
            [5015, 1, 108, "2024-03-11", "2024-04-01", "2024-04-09", 2.00],
            [5016, 6, 103, "2024-03-15", "2024-04-05", "2024-04-04", 0.00],
            [5017, 3, 105, "2024-03-18", "2024-04-08", "2024-04-30", 5.50],
            [5018, 4, 102, "2024-04-02", "2024-04-23", "2024-04-22", 0.00],
            [5019, 8, 106, "2024-04-04", "2024-04-25", None, None],
            [5020, 10, 101, "2024-04-10", "2024-05-01", "2024-05-01", 0.00],
            [5021, 2, 104, "2024-04-12", "2024-05-03", "2024-05-15", 3.00],
            [5022, 12, 107, "2024-04-20", "2024-05-11", "2024-05-10", 0.00],
            [5023, 5, 108, "2024-04-25", "2024-05-16", None, None],
            [5024, 1, 103, "2024-05-02", "2024-05-23", "2024-05-30", 1.75],
        ],
    ),
}

FLEET = {
    "vehicles": _table(
        {
            "vehicle_id": "INTEGER",
            "plate": "VARCHAR",
            "make": "VARCHAR",
            "fuel_type": "VARCHAR",
            "depot": "VARCHAR",
            "in_service": "BOOLEAN",
        },
        [
            [1, "KX-101", "Volvo", "diesel", "North", True],
            [2, "KX-102", "Volvo", "diesel", "South", True],
            [3, "EV-201", "BYD", "electric", "North", True],
            [4, "EV-202", "Tesla", "electric", "South", False],
            [5, "HY-301", "Toyota", "hybrid", "North", True],
            [6, "KX-103", "MAN", "diesel", None, True],
            [7, "EV-203", "BYD", "electric", "East", True],
            [8, "HY-302", "Toyota", "hybrid", "East", False],
        ],
    ),
    "drivers": _table(
        {
            "driver_id": "INTEGER",
            "driver_name": "VARCHAR",
            "licence_class": "VARCHAR",
            "hired": "DATE",
        },
        [
            [11, "Oona Berg", "C", "2018-04-01"],
            [12, "Pavel Dvorak", "C", "2020-09-15"],
            [13, "Rita Kaur", "B", "2021-02-20"],
            [14, "Sami Laine", "CE", "2016-11-11"],
            [15, "Tomas Greer", "B", "2023-06-01"],
            [16, "Uma Patel", "C", None],
        ],
    ),
    "trips": _table(
        {
            "trip_id": "BIGINT",
            "vehicle_id": "INTEGER",
            "driver_id": "INTEGER",
            "trip_date": "DATE",
            "km": "DOUBLE",
            "revenue": "DECIMAL(10,2)",
        },
        [
            [9001, 1, 11, "2024-05-01", 182.5, 410.00],
            [9002, 2, 12, "2024-05-01", 96.0, 220.50],
            [9003, 3, 13, "2024-05-02", 54.2, 130.00],
            [9004, 1, 14, "2024-05-02", 240.0, 515.75],
            [9005, 5, 11, "2024-05-03", 75.5, 160.00],
            [9006, 4, 15, "2024-05-03", 12.0, None],
            [9007, 6, 12, "2024-05-04", 310.8, 690.00],
            [9008, 7, 13, "2024-05-04", 44.4, 98.40],
            [9009, 3, 16, "2024-05-05", 61.0, 140.00],
            [9010, 2, 14, "2024-05-06", 150.0, 330.00],
            [9011, 1, 11, "2024-05-07", 182.5, 410.00],
            [9012, 8, 15, "2024-05-07", 20.0, 45.00],
            [9013, 5, 12, "2024-05-08", 88.1, 190.25],
            [9014, 7, None, "2024-05-08", 39.9, 85.00],
            [9015, 3, 13, "2024-05-09", 58.7, 130.00],
            [9016, 6, 14, "2024-05-10", 275.3, 600.00],
            [9017, 2, 11, "2024-05-11", 101.2, 225.00],
            [9018, 5, 16, "2024-05-12", 0.0, 0.00],
            [9019, 1, 12, "2024-05-13", 199.9, 440.00],
            [9020, 7, 13, "2024-05-14", 47.5, 105.00],
            [9021, 6, None, "2024-05-14", 260.0, None],
            [9022, 3, 15, "2024-05-15", 66.6, 150.00],
            [9023, 2, 14, "2024-05-16", 120.0, 265.00],
            [9024, 5, 11, "2024-05-17", 92.4, 200.00],
            [9025, 1, 16, "2024-05-18", 210.0, 465.00],
        ],
    ),
    "fuel_fills": _table(
        {
            "fill_id": "INTEGER",
            "vehicle_id": "INTEGER",
            "filled_on": "DATE",
            "litres": "DOUBLE",
            "cost": "DECIMAL(10,2)",
        },
        [
            [1, 1, "2024-05-02", 180.0, 306.00],
            [2, 2, "2024-05-03", 95.5, 162.35],
            [3, 5, "2024-05-04", 40.0, 68.00],
            [4, 6, "2024-05-05", 210.0, 357.00],
            [5, 1, "2024-05-09", 175.0, 301.00],
            [6, 8, "2024-05-09", 22.0, 37.40],
            [7, 2, "2024-05-12", 88.0, 151.36],
            [8, 6, "2024-05-13", 205.5, 349.35],
            [9, 5, "2024-05-15", 41.2, 70.04],
            [10, 1, "2024-05-16", 190.0, 327.00],
        ],
    ),
}

HOSPITAL = {
    "wards": _table(
        {"ward_code": "VARCHAR", "ward_name": "VARCHAR", "floor": "INTEGER", "beds": "INTEGER"},
        [
            ["ED", "Emergency", 0, 30],
            ["CAR", "Cardiology", 2, 18],
            ["ORT", "Orthopaedics", 3, 22],
            ["PAE", "Paediatrics", 1, 16],
            ["ONC", "Oncology", 4, 20],
        ],
    ),
    "patients": _table(
        {
            "patient_id": "INTEGER",
            "mrn": "VARCHAR",
            "birth_date": "DATE",
            "sex": "VARCHAR",
            "postcode": "VARCHAR",
        },
        [
            [201, "M-0001", "1950-02-11", "F", "LS1"],
            [202, "M-0002", "1987-07-23", "M", "LS2"],
            [203, "M-0003", "2015-05-02", "F", "LS1"],
            [204, "M-0004", "1962-12-30", "M", None],
            [205, "M-0005", "1999-01-17", "F", "LS6"],
            [206, "M-0006", "2019-09-09", "M", "LS2"],
            [207, "M-0007", "1945-04-04", "M", "LS6"],
            [208, "M-0008", "1978-08-19", None, "LS1"],
            [209, "M-0009", "2001-03-03", "F", "LS7"],
            [210, "M-0010", "1958-10-10", "F", "LS2"],
            [211, "M-0011", "1990-06-06", "M", "LS7"],
            [212, "M-0012", "2010-01-01", "F", "LS1"],
        ],
    ),
    "admissions": _table(
        {
            "adm_id": "INTEGER",
            "patient_id": "INTEGER",
            "ward_code": "VARCHAR",
            "admitted": "DATE",
            "discharged": "DATE",
            "triage_level": "INTEGER",
            "bill_amount": "DECIMAL(10,2)",
        },
        [
            [1, 201, "CAR", "2024-03-01", "2024-03-06", 2, 4200.00],
            [2, 202, "ED", "2024-03-02", "2024-03-02", 4, 350.00],
            [3, 203, "PAE", "2024-03-03", "2024-03-05", 3, 980.50],
            [4, 204, "CAR", "2024-03-04", "2024-03-12", 1, 7800.00],
            [5, 205, "ED", "2024-03-05", "2024-03-05", 5, 120.00],
            [6, 206, "PAE", "2024-03-07", "2024-03-08", 3, 640.00],
            [7, 207, "ORT", "2024-03-08", "2024-03-20", 2, 9100.00],
            [8, 201, "ED", "2024-03-10", "2024-03-10", 3, 410.00],
            [9, 208, "ORT", "2024-03-11", "2024-03-15", 3, 3900.00],
            [10, 209, "ED", "2024-03-12", None, 2, None],
            [11, 210, "ONC", "2024-03-13", "2024-03-27", 2, 12500.00],
            [12, 202, "ORT", "2024-03-15", "2024-03-18", 3, 2750.00],
            [13, 204, "ED", "2024-03-16", "2024-03-16", 4, 300.00],
            [14, 207, "CAR", "2024-03-18", "2024-03-25", 1, 6400.00],
            [15, 203, "ED", "2024-03-20", "2024-03-20", 4, 280.00],
            [16, 205, "ONC", "2024-03-21", None, 3, None],
            [17, 210, "ONC", "2024-03-25", "2024-04-02", 2, 8800.00],
            [18, 206, "ED", "2024-03-26", "2024-03-26", 5, 150.00],
            [19, 208, "CAR", "2024-03-28", "2024-04-01", 2, 4200.00],
            [20, 201, "CAR", "2024-04-02", "2024-04-09", 1, 7800.00],
            [21, 209, "ORT", "2024-04-03", "2024-04-06", 3, 2600.00],
            [22, 207, "ED", "2024-04-05", "2024-04-05", 2, None],
        ],
    ),
}

MUSIC = {
    "artists": _table(
        {"artist_id": "INTEGER", "artist_name": "VARCHAR", "country": "VARCHAR"},
        [
            [1, "Neon Harbor", "NL"],
            [2, "Ochre Tide", "GB"],
            [3, "Palomino Set", "US"],
            [4, "Quill & Quiver", "GB"],
            [5, "Rosa Vent", "ES"],
            [6, "Static Bloom", None],
        ],
    ),
    "tracks": _table(
        {
            "track_id": "INTEGER",
            "artist_id": "INTEGER",
            "track_title": "VARCHAR",
            "duration_sec": "INTEGER",
            "is_explicit": "BOOLEAN",
            "genre": "VARCHAR",
        },
        [
            [31, 1, "Low Tide Lights", 214, False, "synthpop"],
            [32, 1, "Paper Satellites", 187, False, "synthpop"],
            [33, 2, "Brine", 245, True, "indie"],
            [34, 2, "Coastline Static", 199, False, "indie"],
            [35, 3, "Dust Road", 263, False, "country"],
            [36, 3, "Saddle Song", 241, False, "country"],
            [37, 4, "Inkwell", 176, True, "indie"],
            [38, 5, "Sol de Marzo", 230, False, "latin"],
            [39, 5, "Viento", 205, False, "latin"],
            [40, 6, "Hum", 300, True, None],
            [41, 6, "Glass Garden", 188, False, "ambient"],
            [42, 4, "Feather Drafts", 210, False, "indie"],
        ],
    ),
    "listeners": _table(
        {"listener_id": "INTEGER", "handle": "VARCHAR", "plan": "VARCHAR", "signup_date": "DATE"},
        [
            [501, "mothlight", "premium", "2023-01-10"],
            [502, "kestrel_k", "free", "2023-05-22"],
            [503, "juno.b", "family", "2022-11-30"],
            [504, "riverstone", "premium", "2024-02-14"],
            [505, "nightjar", "free", "2024-03-01"],
            [506, "o_p_q", "student", "2023-09-09"],
            [507, "tallgrass", "free", None],
        ],
    ),
    "plays": _table(
        {
            "play_id": "BIGINT",
            "listener_id": "INTEGER",
            "track_id": "INTEGER",
            "played_on": "DATE",
            "seconds_played": "INTEGER",
            "skipped": "BOOLEAN",
        },
        [
            [1, 501, 31, "2024-06-01", 214, False],
            [2, 501, 33, "2024-06-01", 30, True],
            [3, 502, 35, "2024-06-01", 263, False],
            [4, 503, 38, "2024-06-02", 230, False],
            [5, 503, 39, "2024-06-02", 12, True],
            [6, 504, 31, "2024-06-02", 214, False],
            [7, 504, 32, "2024-06-03", 187, False],
            [8, 505, 37, "2024-06-03", 176, False],
            [9, 506, 40, "2024-06-03", 45, True],
            [10, 501, 34, "2024-06-04", 199, False],
            [11, 502, 36, "2024-06-04", 241, False],
            [12, 503, 31, "2024-06-04", 100, True],
            [13, 504, 33, "2024-06-05", 245, False],
            [14, 505, 38, "2024-06-05", 230, False],
            [15, 506, 41, "2024-06-05", 188, False],
            [16, 507, 35, "2024-06-06", 263, False],
            [17, 501, 31, "2024-06-06", 214, False],
            [18, 502, 37, "2024-06-06", 20, True],
            [19, 503, 42, "2024-06-07", 210, False],
            [20, 504, 35, "2024-06-07", 263, False],
            [21, 505, 31, "2024-06-07", 214, False],
            [22, 506, 33, "2024-06-08", 5, True],
            [23, 507, 38, "2024-06-08", 230, False],
            [24, 501, 39, "2024-06-08", 205, False],
            [25, 502, 31, "2024-06-09", None, None],
            [26, 503, 36, "2024-06-09", 241, False],
            [27, 504, 40, "2024-06-09", 300, False],
            [28, 505, 34, "2024-06-10", 60, True],
        ],
    ),
}

ENERGY = {
    "sites": _table(
        {"site_id": "INTEGER", "site_name": "VARCHAR", "region": "VARCHAR", "tariff": "VARCHAR"},
        [
            [1, "Depot Alpha", "north", "flat"],
            [2, "Harbour Office", "south", "peak"],
            [3, "Mill Lane Works", "north", "peak"],
            [4, "Quarry Gate", "west", "flat"],
            [5, "Riverside Lab", "south", None],
        ],
    ),
    "meters": _table(
        {"meter_id": "VARCHAR", "site_id": "INTEGER", "meter_kind": "VARCHAR", "installed": "DATE"},
        [
            ["MTR-A1", 1, "electric", "2019-05-01"],
            ["MTR-A2", 1, "gas", "2019-05-01"],
            ["MTR-B1", 2, "electric", "2021-08-15"],
            ["MTR-C1", 3, "electric", "2018-02-20"],
            ["MTR-C2", 3, "electric", "2023-10-01"],
            ["MTR-D1", 4, "gas", "2020-01-10"],
            ["MTR-E1", 5, "electric", "2024-01-05"],
            ["MTR-X9", None, "electric", "2022-06-06"],
        ],
    ),
    "readings": _table(
        {
            "reading_id": "BIGINT",
            "meter_id": "VARCHAR",
            "read_date": "DATE",
            "kwh": "DOUBLE",
            "is_estimated": "BOOLEAN",
        },
        [
            [1, "MTR-A1", "2024-01-31", 1520.5, False],
            [2, "MTR-A2", "2024-01-31", 3010.0, False],
            [3, "MTR-B1", "2024-01-31", 880.25, True],
            [4, "MTR-C1", "2024-01-31", 4100.0, False],
            [5, "MTR-C2", "2024-01-31", 2200.0, False],
            [6, "MTR-D1", "2024-01-31", 2650.75, True],
            [7, "MTR-E1", "2024-01-31", 410.0, False],
            [8, "MTR-X9", "2024-01-31", 99.0, False],
            [9, "MTR-A1", "2024-02-29", 1480.0, False],
            [10, "MTR-A2", "2024-02-29", 2875.5, True],
            [11, "MTR-B1", "2024-02-29", 910.0, False],
            [12, "MTR-C1", "2024-02-29", 3950.0, False],
            [13, "MTR-C2", "2024-02-29", None, True],
            [14, "MTR-D1", "2024-02-29", 2500.0, False],
            [15, "MTR-E1", "2024-02-29", 432.5, False],
            [16, "MTR-A1", "2024-03-31", 1390.25, False],
            [17, "MTR-A2", "2024-03-31", 2600.0, False],
            [18, "MTR-B1", "2024-03-31", 870.0, True],
            [19, "MTR-C1", "2024-03-31", 4025.0, False],
            [20, "MTR-C2", "2024-03-31", 2150.0, False],
            [21, "MTR-D1", "2024-03-31", 2390.0, True],
            [22, "MTR-E1", "2024-03-31", 455.0, False],
            [23, "MTR-X9", "2024-03-31", 101.0, True],
        ],
    ),
}

SCHOOL = {
    "students": _table(
        {
            "student_id": "INTEGER",
            "given_name": "VARCHAR",
            "family_name": "VARCHAR",
            "year_group": "INTEGER",
            "house": "VARCHAR",
        },
        [
            [1, "Amara", "Nwosu", 10, "Oak"],
            [2, "Ben", "Carter", 10, "Ash"],
            [3, "Cleo", "Dubois", 11, "Oak"],
            [4, "Dev", "Mehta", 11, "Elm"],
            [5, "Esme", "Fraser", 12, "Ash"],
            [6, "Finn", "Gallagher", 12, "Elm"],
            [7, "Gia", "Rossi", 10, None],
            [8, "Hugo", "Lindqvist", 11, "Oak"],
            [9, "Isla", "MacLeod", 12, "Oak"],
            [10, "Jonah", "Abiodun", 10, "Elm"],
            [11, "Kira", "Tanaka", 11, "Ash"],
            [12, "Liam", "O'Neill", 12, "Ash"],
        ],
    ),
    "courses": _table(
        {
            "course_code": "VARCHAR",
            "course_title": "VARCHAR",
            "department": "VARCHAR",
            "credits": "INTEGER",
        },
        [
            ["MAT101", "Algebra I", "Maths", 10],
            ["MAT201", "Calculus", "Maths", 20],
            ["PHY101", "Mechanics", "Science", 15],
            ["BIO101", "Cells and Systems", "Science", 15],
            ["HIS101", "Modern History", "Humanities", 10],
            ["ART101", "Studio Practice", "Arts", 5],
        ],
    ),
    "enrolments": _table(
        {
            "student_id": "INTEGER",
            "course_code": "VARCHAR",
            "term": "VARCHAR",
            "mark": "DOUBLE",
            "passed": "BOOLEAN",
        },
        [
            [1, "MAT101", "2024T1", 72.0, True],
            [1, "PHY101", "2024T1", 65.5, True],
            [1, "HIS101", "2024T2", 58.0, True],
            [2, "MAT101", "2024T1", 44.0, False],
            [2, "BIO101", "2024T2", 51.0, True],
            [3, "MAT201", "2024T1", 88.5, True],
            [3, "PHY101", "2024T2", 79.0, True],
            [4, "MAT201", "2024T1", 39.5, False],
            [4, "HIS101", "2024T1", 67.0, True],
            [4, "BIO101", "2024T2", None, None],
            [5, "MAT201", "2024T2", 91.0, True],
            [5, "PHY101", "2024T1", 84.0, True],
            [5, "HIS101", "2024T2", 72.0, True],
            [6, "BIO101", "2024T1", 55.5, True],
            [6, "MAT201", "2024T2", 49.0, False],
            [7, "MAT101", "2024T2", 61.0, True],
            [7, "HIS101", "2024T1", 72.0, True],
            [8, "PHY101", "2024T1", 47.5, False],
            [8, "MAT101", "2024T2", 70.0, True],
            [9, "MAT201", "2024T1", 95.0, True],
            [9, "BIO101", "2024T1", 88.0, True],
            [9, "PHY101", "2024T2", 88.0, True],
            [10, "MAT101", "2024T1", 52.0, True],
            [10, "HIS101", "2024T2", None, None],
            [12, "BIO101", "2024T1", 63.0, True],
            [12, "MAT201", "2024T2", 72.0, True],
        ],
    ),
}

SCHEMAS = {
    "library": LIBRARY,
    "fleet": FLEET,
    "hospital": HOSPITAL,
    "music": MUSIC,
    "energy": ENERGY,
    "school": SCHOOL,
}

# ---------------------------------------------------------------------------------------------
# Cases

CASES: list[dict[str, Any]] = []
# Each case's mistakes as (text of the good script, its replacement), applied in order: kept for
# verify(), which checks that each one alone breaks the script.
EDITS: dict[str, list[tuple[str, str]]] = {}
# The schema each case's tables come from (for the summary).
SCHEMA_OF: dict[str, str] = {}


def _case(
    case_id: str,
    schema: str,
    kind: str,
    note: str,
    spec: dict[str, Any],
    good: str,
    edits: list[tuple[str, str]],
) -> None:
    tables = {name: copy.deepcopy(SCHEMAS[schema][name]) for name in _tables_of(spec)}
    broken = good
    for old, new in edits:
        if broken.count(old) != 1:
            raise ValueError(f"{case_id}: {old!r} occurs {broken.count(old)} times")
        broken = broken.replace(old, new)
    CASES.append(
        {
            "id": case_id,
            "tables": tables,
            "spec": spec,
            "good_script": good,
            "broken_script": broken,
            "kind": kind,
            "note": note,
        }
    )
    EDITS[case_id] = edits
    SCHEMA_OF[case_id] = schema


def _tables_of(spec: dict[str, Any]) -> list[str]:
    steps = {step["name"] for step in spec.get("steps", [])}
    names: list[str] = []
    for query in [*spec.get("steps", []), spec]:
        for source in query["source_tables"]:
            name = source if isinstance(source, str) else source["name"]
            if name not in steps and name not in names:
                names.append(name)
    return names


# ---- library ---------------------------------------------------------------------------------

_case(
    "lib_loans_by_genre",
    "library",
    "name",
    'F.sum("late_fees"): the column is late_fee',
    {
        "version": 1,
        "description": "Loans and late fees per genre; books without a genre are 'unknown'",
        "source_tables": [{"name": "loans", "alias": "l"}, {"name": "books", "alias": "b"}],
        "join_conditions": [{"left": "l", "right": "b", "on": "l.book_id = b.book_id"}],
        "group_by": ["coalesce(b.genre, 'unknown') AS genre"],
        "aggregations": [
            {"name": "loan_count", "expr": "count(l.loan_id)"},
            {"name": "fees_collected", "expr": "sum(l.late_fee)"},
        ],
        "order_by": [{"expr": "loan_count", "desc": True}, "genre"],
        "target_table": {"name": "genre_loan_stats", "mode": "replace", "keys": ["genre"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession) -> DataFrame:
    loans = spark.table("loans")
    books = spark.table("books")
    return (
        loans.join(books, on="book_id", how="inner")
        .withColumn("genre", F.coalesce(F.col("genre"), F.lit("unknown")))
        .groupBy("genre")
        .agg(
            F.count("loan_id").alias("loan_count"),
            F.sum("late_fee").alias("fees_collected"),
        )
        .orderBy(F.desc("loan_count"), "genre")
    )


def main() -> None:
    spark = SparkSession.builder.appName("genre-loans").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("genre_loan_stats")


if __name__ == "__main__":
    main()
""",
    [('F.sum("late_fee")', 'F.sum("late_fees")')],
)

_case(
    "lib_late_returners",
    "library",
    "logic",
    "returned_on >= due_on counts books returned on the due day as late",
    {
        "version": 1,
        "description": "Members who returned books after the due date, with how many times",
        "source_tables": [{"name": "members", "alias": "m"}, {"name": "loans", "alias": "l"}],
        "join_conditions": [{"left": "m", "right": "l", "on": "m.member_id = l.member_id"}],
        "filters": ["l.returned_on > l.due_on"],
        "group_by": ["m.member_id", "m.full_name"],
        "aggregations": [{"name": "late_returns", "expr": "count(*)"}],
        "order_by": [{"expr": "late_returns", "desc": True}, "member_id"],
        "target_table": {"name": "late_returners", "keys": ["member_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    members = spark.table("members")
    loans = spark.table("loans")
    late = loans.filter(loans["returned_on"] > loans["due_on"])
    result = (
        late.join(members, late["member_id"] == members["member_id"])
        .groupBy(members["member_id"], members["full_name"])
        .agg(F.count(F.lit(1)).alias("late_returns"))
    )
    return result.orderBy(result["late_returns"].desc(), result["member_id"])


def main():
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("late_returners")


if __name__ == "__main__":
    main()
""",
    [('loans["returned_on"] > loans["due_on"]', 'loans["returned_on"] >= loans["due_on"]')],
)

_case(
    "lib_idle_members",
    "library",
    "table",
    'spark.table("loan"): the table is loans',
    {
        "version": 1,
        "description": "Members who have never borrowed a book",
        "source_tables": [{"name": "members", "alias": "m"}, {"name": "loans", "alias": "l"}],
        "join_conditions": [
            {"left": "m", "right": "l", "type": "anti", "on": "m.member_id = l.member_id"}
        ],
        "columns": ["m.member_id", "m.full_name", "m.branch"],
        "order_by": ["member_id"],
        "target_table": {"name": "idle_members", "keys": ["member_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession

TARGET = "idle_members"


def build(spark) -> DataFrame:
    members = spark.table("members")
    borrowers = spark.table("loans").select("member_id").distinct()
    return (
        members.join(borrowers, on=["member_id"], how="left_anti")
        .select("member_id", "full_name", "branch")
        .orderBy("member_id")
    )


def main():
    spark = SparkSession.builder.appName(TARGET).getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable(TARGET)


if __name__ == "__main__":
    main()
""",
    [('spark.table("loans")', 'spark.table("loan")')],
)

_case(
    "lib_branch_turnaround",
    "library",
    "function",
    "avrg() in F.expr (avg), and the filter tests due_on instead of returned_on (keeps open loans)",
    {
        "version": 1,
        "description": "Average days a returned book stayed out, per home branch of the member",
        "source_tables": [{"name": "loans", "alias": "l"}, {"name": "members", "alias": "m"}],
        "join_conditions": [{"left": "l", "right": "m", "on": "l.member_id = m.member_id"}],
        "filters": ["l.returned_on IS NOT NULL"],
        "group_by": ["m.branch"],
        "aggregations": [
            {
                "name": "avg_days_out",
                "expr": "round(avg(date_diff('day', l.borrowed_on, l.returned_on)), 2)",
            },
            {"name": "returned", "expr": "count(*)"},
        ],
        "order_by": ["branch"],
        "target_table": {"name": "branch_turnaround", "keys": ["branch"], "allow_empty": False},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    loans = spark.table("loans").alias("l")
    members = spark.table("members").alias("m")
    joined = loans.join(members, F.col("l.member_id") == F.col("m.member_id"))
    back = joined.where("l.returned_on IS NOT NULL")
    return (
        back.groupBy("m.branch")
        .agg(
            F.expr("round(avg(datediff(l.returned_on, l.borrowed_on)), 2)").alias("avg_days_out"),
            F.expr("count(*)").alias("returned"),
        )
        .orderBy("branch")
    )


def main() -> None:
    spark = SparkSession.builder.appName("branch_turnaround").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("branch_turnaround")


if __name__ == "__main__":
    main()
""",
    [
        ('F.expr("round(avg(', 'F.expr("round(avrg('),
        ('"l.returned_on IS NOT NULL"', '"l.due_on IS NOT NULL"'),
    ],
)

_case(
    "lib_top_titles",
    "library",
    "output_name",
    'count aliased "borrow_count" but selected (and the spec names it) as times_borrowed',
    {
        "version": 1,
        "description": "The three most borrowed titles",
        "source_tables": [{"name": "loans", "alias": "l"}, {"name": "books", "alias": "b"}],
        "join_conditions": [{"left": "l", "right": "b", "on": "l.book_id = b.book_id"}],
        "group_by": ["b.book_id", "b.title"],
        "aggregations": [{"name": "times_borrowed", "expr": "count(*)"}],
        "columns": ["b.title", "times_borrowed"],
        "order_by": [{"expr": "times_borrowed", "desc": True}, "title"],
        "limit": 3,
        "target_table": {"name": "top_titles", "keys": ["title"]},
    },
    """\
import pyspark.sql.functions as F
from pyspark.sql import DataFrame, SparkSession


def build(spark: SparkSession) -> DataFrame:
    counts = spark.table("loans").groupBy("book_id").agg(F.count(F.lit(1)).alias("times_borrowed"))
    ranked = counts.join(spark.table("books"), "book_id").select("title", "times_borrowed")
    return ranked.orderBy(F.col("times_borrowed").desc(), F.col("title").asc()).limit(3)


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("top_titles")


if __name__ == "__main__":
    main()
""",
    [('.alias("times_borrowed")', '.alias("borrow_count")')],
)

_case(
    "lib_student_fees_q1",
    "library",
    "logic",
    "the is_student filter is missing: non-students' fees are counted",
    {
        "version": 1,
        "description": "Late fees owed by student members on loans taken in Q1 2024",
        "source_tables": [{"name": "loans", "alias": "l"}, {"name": "members", "alias": "m"}],
        "join_conditions": [{"left": "l", "right": "m", "on": "l.member_id = m.member_id"}],
        "filters": ["m.is_student", "l.borrowed_on < DATE '2024-04-01'"],
        "group_by": ["m.member_id", "m.full_name"],
        "aggregations": [{"name": "total_fees", "expr": "sum(coalesce(l.late_fee, 0))"}],
        "order_by": [{"expr": "total_fees", "desc": True}, "member_id"],
        "target_table": {"name": "student_fees_q1", "keys": ["member_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

QUARTER_END = "2024-04-01"


def build(spark: SparkSession) -> DataFrame:
    members = spark.table("members").where(F.col("is_student"))
    loans = spark.table("loans").where(F.col("borrowed_on") < F.lit(QUARTER_END).cast("date"))
    return (
        loans.join(members, "member_id")
        .groupBy("member_id", "full_name")
        .agg(F.sum(F.coalesce(F.col("late_fee"), F.lit(0))).alias("total_fees"))
        .orderBy(F.col("total_fees").desc(), "member_id")
    )


def main() -> None:
    spark = SparkSession.builder.appName("student-fees").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("student_fees_q1")


if __name__ == "__main__":
    main()
""",
    [('spark.table("members").where(F.col("is_student"))', 'spark.table("members")')],
)

_case(
    "lib_open_loans",
    "library",
    "qualifier",
    'F.col("m.title"): title belongs to the books DataFrame, aliased b',
    {
        "version": 1,
        "description": "Books still out, with who has them, oldest loan first",
        "source_tables": [
            {"name": "loans", "alias": "l"},
            {"name": "members", "alias": "m"},
            {"name": "books", "alias": "b"},
        ],
        "join_conditions": [
            {"left": "l", "right": "m", "on": "l.member_id = m.member_id"},
            {"left": "l", "right": "b", "on": "l.book_id = b.book_id"},
        ],
        "filters": ["l.returned_on IS NULL"],
        "columns": ["l.loan_id", "m.full_name", "b.title", "l.borrowed_on"],
        "order_by": ["borrowed_on", "loan_id"],
        "target_table": {"name": "open_loans", "keys": ["loan_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    l = spark.table("loans").alias("l")
    m = spark.table("members").alias("m")
    b = spark.table("books").alias("b")
    return (
        l.join(m, F.col("l.member_id") == F.col("m.member_id"))
        .join(b, F.col("l.book_id") == F.col("b.book_id"))
        .where(F.col("l.returned_on").isNull())
        .select(
            F.col("l.loan_id"), F.col("m.full_name"), F.col("b.title"), F.col("l.borrowed_on")
        )
        .orderBy("borrowed_on", "loan_id")
    )


def main() -> None:
    spark = SparkSession.builder.appName("open-loans").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("open_loans")


if __name__ == "__main__":
    main()
""",
    [('F.col("b.title")', 'F.col("m.title")')],
)

# ---- fleet -----------------------------------------------------------------------------------

_case(
    "fleet_depot_revenue",
    "fleet",
    "logic",
    'F.count("revenue") where the total revenue (sum) was meant',
    {
        "version": 1,
        "description": "Trips and revenue per depot (vehicles without a depot: 'unassigned')",
        "source_tables": [{"name": "trips", "alias": "t"}, {"name": "vehicles", "alias": "v"}],
        "join_conditions": [{"left": "t", "right": "v", "on": "t.vehicle_id = v.vehicle_id"}],
        "group_by": ["coalesce(v.depot, 'unassigned') AS depot"],
        "aggregations": [
            {"name": "trip_count", "expr": "count(*)"},
            {"name": "total_revenue", "expr": "sum(t.revenue)"},
        ],
        "order_by": [{"expr": "total_revenue", "desc": True}],
        "target_table": {"name": "depot_revenue", "keys": ["depot"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    trips = spark.table("trips")
    fleet = spark.table("vehicles").select(
        "vehicle_id", F.coalesce("depot", F.lit("unassigned")).alias("depot")
    )
    return (
        trips.join(fleet, "vehicle_id")
        .groupBy("depot")
        .agg(F.count("*").alias("trip_count"), F.sum("revenue").alias("total_revenue"))
        .orderBy(F.col("total_revenue").desc())
    )


def main() -> None:
    spark = SparkSession.builder.appName("depot-revenue").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("depot_revenue")


if __name__ == "__main__":
    main()
""",
    [('F.sum("revenue")', 'F.count("revenue")')],
)

_case(
    "fleet_km_by_fuel",
    "fleet",
    "name",
    'where("in_servce = true"): the column is in_service',
    {
        "version": 1,
        "description": "Kilometres driven per fuel type by vehicles in service",
        "source_tables": [{"name": "vehicles", "alias": "v"}, {"name": "trips", "alias": "t"}],
        "join_conditions": [{"left": "v", "right": "t", "on": "v.vehicle_id = t.vehicle_id"}],
        "filters": ["v.in_service"],
        "group_by": ["v.fuel_type"],
        "aggregations": [
            {"name": "total_km", "expr": "round(sum(t.km), 1)"},
            {"name": "vehicles", "expr": "count(DISTINCT v.vehicle_id)"},
        ],
        "order_by": ["fuel_type"],
        "target_table": {"name": "km_by_fuel", "keys": ["fuel_type"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession) -> DataFrame:
    active = spark.table("vehicles").where("in_service = true")
    trips = spark.table("trips")
    joined = active.join(trips, active.vehicle_id == trips.vehicle_id)
    return (
        joined.groupBy(active.fuel_type)
        .agg(
            F.round(F.sum(trips.km), 1).alias("total_km"),
            F.countDistinct(active.vehicle_id).alias("vehicles"),
        )
        .orderBy("fuel_type")
    )


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("km_by_fuel")


if __name__ == "__main__":
    main()
""",
    [('"in_service = true"', '"in_servce = true"')],
)

_case(
    "fleet_driver_km",
    "fleet",
    "python",
    "GroupedData.aggregate() does not exist (agg)",
    {
        "version": 1,
        "description": "Trips and kilometres per driver, drivers without trips included",
        "source_tables": [{"name": "drivers", "alias": "d"}, {"name": "trips", "alias": "t"}],
        "join_conditions": [
            {"left": "d", "right": "t", "type": "left", "on": "d.driver_id = t.driver_id"}
        ],
        "group_by": ["d.driver_id", "d.driver_name"],
        "aggregations": [
            {"name": "n_trips", "expr": "count(t.trip_id)"},
            {"name": "km_driven", "expr": "coalesce(sum(t.km), 0)"},
        ],
        "order_by": [{"expr": "km_driven", "desc": True}, "driver_id"],
        "target_table": {"name": "driver_km", "keys": ["driver_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    drivers = spark.table("drivers")
    trips = spark.table("trips")
    per_driver = (
        drivers.join(trips, "driver_id", "left")
        .groupBy("driver_id", "driver_name")
        .agg(
            F.count("trip_id").alias("n_trips"),
            F.coalesce(F.sum("km"), F.lit(0.0)).alias("km_driven"),
        )
    )
    return per_driver.orderBy(F.desc("km_driven"), F.asc("driver_id"))


def main() -> None:
    spark = SparkSession.builder.appName("driver-km").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("driver_km")


if __name__ == "__main__":
    main()
""",
    [("        .agg(\n", "        .aggregate(\n")],
)

_case(
    "fleet_fuel_per_plate",
    "fleet",
    "logic",
    "fills joined on fill_id = vehicle_id instead of vehicle_id = vehicle_id",
    {
        "version": 1,
        "description": "Litres bought and fuel cost per number plate",
        "source_tables": [{"name": "fuel_fills", "alias": "f"}, {"name": "vehicles", "alias": "v"}],
        "join_conditions": [{"left": "f", "right": "v", "on": "f.vehicle_id = v.vehicle_id"}],
        "group_by": ["v.plate"],
        "aggregations": [
            {"name": "litres", "expr": "round(sum(f.litres), 1)"},
            {"name": "fuel_cost", "expr": "sum(f.cost)"},
        ],
        "order_by": ["plate"],
        "target_table": {"name": "fuel_per_plate", "keys": ["plate"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark):
    fills = spark.table("fuel_fills")
    vehicles = spark.table("vehicles")
    return (
        fills.join(vehicles, fills["vehicle_id"] == vehicles["vehicle_id"])
        .groupBy(vehicles["plate"])
        .agg(
            F.round(F.sum(fills["litres"]), 1).alias("litres"),
            F.sum(fills["cost"]).alias("fuel_cost"),
        )
        .orderBy("plate")
    )


def main():
    spark = SparkSession.builder.appName("fuel-per-plate").getOrCreate()
    out: DataFrame = build(spark)
    out.write.mode("overwrite").saveAsTable("fuel_per_plate")


if __name__ == "__main__":
    main()
""",
    [('fills["vehicle_id"] == vehicles', 'fills["fill_id"] == vehicles')],
)

_case(
    "fleet_longest_trip",
    "fleet",
    "output_name",
    'km aliased "max_km" but sorted (and named in the spec) as longest_km',
    {
        "version": 1,
        "description": "Each driver's longest trip (ties: the earlier trip id), longest first",
        "source_tables": [{"name": "trips", "alias": "t"}, {"name": "drivers", "alias": "d"}],
        "join_conditions": [{"left": "t", "right": "d", "on": "t.driver_id = d.driver_id"}],
        "columns": ["d.driver_name", "t.trip_id", "t.km AS longest_km"],
        "qualify": [
            "row_number() OVER (PARTITION BY t.driver_id ORDER BY t.km DESC, t.trip_id) = 1"
        ],
        "order_by": [{"expr": "longest_km", "desc": True}],
        "target_table": {"name": "longest_trip", "keys": ["trip_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    w = Window.partitionBy("driver_id").orderBy(F.col("km").desc(), F.col("trip_id").asc())
    best = (
        spark.table("trips")
        .withColumn("rn", F.row_number().over(w))
        .filter(F.col("rn") == 1)
        .join(spark.table("drivers"), "driver_id")
    )
    return best.select("driver_name", "trip_id", F.col("km").alias("longest_km")).orderBy(
        F.desc("longest_km")
    )


def main() -> None:
    spark = SparkSession.builder.appName("longest-trip").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("longest_trip")


if __name__ == "__main__":
    main()
""",
    [('.alias("longest_km")', '.alias("max_km")')],
)

_case(
    "fleet_electric_driver_revenue",
    "fleet",
    "qualifier",
    'F.col("t.fuel_type"): fuel_type is a column of vehicles (v), not trips (t)',
    {
        "version": 1,
        "description": "Revenue each driver earned in electric vehicles",
        "source_tables": [
            {"name": "trips", "alias": "t"},
            {"name": "vehicles", "alias": "v"},
            {"name": "drivers", "alias": "d"},
        ],
        "join_conditions": [
            {"left": "t", "right": "v", "on": "t.vehicle_id = v.vehicle_id"},
            {"left": "t", "right": "d", "on": "t.driver_id = d.driver_id"},
        ],
        "filters": ["v.fuel_type = 'electric'"],
        "group_by": ["d.driver_name"],
        "aggregations": [
            {"name": "ev_revenue", "expr": "sum(t.revenue)"},
            {"name": "ev_trips", "expr": "count(*)"},
        ],
        "order_by": [{"expr": "ev_revenue", "desc": True}],
        "target_table": {"name": "electric_driver_revenue", "keys": ["driver_name"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F

FUEL = "electric"


def build(spark: SparkSession) -> DataFrame:
    t = spark.table("trips").alias("t")
    v = spark.table("vehicles").alias("v")
    d = spark.table("drivers").alias("d")
    df = t.join(v, F.col("t.vehicle_id") == F.col("v.vehicle_id"))
    df = df.join(d, F.col("t.driver_id") == F.col("d.driver_id"))
    df = df.filter(F.col("v.fuel_type") == FUEL)
    df = df.groupBy(F.col("d.driver_name")).agg(
        F.sum("t.revenue").alias("ev_revenue"),
        F.count(F.lit(1)).alias("ev_trips"),
    )
    return df.orderBy(F.col("ev_revenue").desc())


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("electric_driver_revenue")


if __name__ == "__main__":
    main()
""",
    [('F.col("v.fuel_type")', 'F.col("t.fuel_type")')],
)

_case(
    "fleet_cost_per_litre",
    "fleet",
    "table",
    'spark.table("fuel_fill") (fuel_fills), and the having keeps vehicles with a single fill',
    {
        "version": 1,
        "description": "Average price paid per litre, vehicles with at least two fills",
        "source_tables": [{"name": "fuel_fills", "alias": "f"}, {"name": "vehicles", "alias": "v"}],
        "join_conditions": [{"left": "f", "right": "v", "on": "f.vehicle_id = v.vehicle_id"}],
        "group_by": ["v.vehicle_id", "v.plate"],
        "aggregations": [
            {"name": "fills", "expr": "count(*)"},
            {"name": "cost_per_litre", "expr": "round(sum(f.cost) / sum(f.litres), 3)"},
        ],
        "having": ["fills >= 2"],
        "order_by": [{"expr": "cost_per_litre", "desc": True}],
        "target_table": {"name": "cost_per_litre", "keys": ["vehicle_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    fills = spark.table("fuel_fills")
    vehicles = spark.table("vehicles")
    agg = (
        fills.join(vehicles, ["vehicle_id"])
        .groupBy("vehicle_id", "plate")
        .agg(
            F.expr("count(*) AS fills"),
            F.expr("round(sum(cost) / sum(litres), 3) AS cost_per_litre"),
        )
    )
    return agg.where("fills >= 2").orderBy(F.col("cost_per_litre").desc())


def main() -> None:
    spark = SparkSession.builder.appName("cost-per-litre").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("cost_per_litre")


if __name__ == "__main__":
    main()
""",
    [
        ('spark.table("fuel_fills")', 'spark.table("fuel_fill")'),
        ('"fills >= 2"', '"fills >= 1"'),
    ],
)

# ---- hospital --------------------------------------------------------------------------------

_case(
    "hosp_ward_billing",
    "hospital",
    "function",
    'summ() in F.expr (sum), and the stay count aliased "n_stays" instead of stays',
    {
        "version": 1,
        "description": "Completed stays and amount billed per ward",
        "source_tables": [{"name": "admissions", "alias": "a"}, {"name": "wards", "alias": "w"}],
        "join_conditions": [{"left": "a", "right": "w", "on": "a.ward_code = w.ward_code"}],
        "filters": ["a.discharged IS NOT NULL"],
        "group_by": ["w.ward_name"],
        "aggregations": [
            {"name": "stays", "expr": "count(*)"},
            {"name": "total_billed", "expr": "sum(a.bill_amount)"},
        ],
        "order_by": [{"expr": "total_billed", "desc": True}],
        "target_table": {"name": "ward_billing", "keys": ["ward_name"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    a = spark.table("admissions").alias("a")
    w = spark.table("wards").alias("w")
    closed = a.where(F.expr("a.discharged IS NOT NULL"))
    return (
        closed.join(w, F.expr("a.ward_code = w.ward_code"))
        .groupBy("w.ward_name")
        .agg(
            F.expr("count(*)").alias("stays"),
            F.expr("sum(a.bill_amount)").alias("total_billed"),
        )
        .orderBy(F.expr("total_billed").desc())
    )


def main() -> None:
    spark = SparkSession.builder.appName("ward-billing").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ward_billing")


if __name__ == "__main__":
    main()
""",
    [
        ('"sum(a.bill_amount)"', '"summ(a.bill_amount)"'),
        ('.alias("stays")', '.alias("n_stays")'),
    ],
)

_case(
    "hosp_urgent_by_ward",
    "hospital",
    "logic",
    "triage_level < 2 drops level-2 admissions; urgent means levels 1 and 2",
    {
        "version": 1,
        "description": "Urgent admissions (triage 1 or 2) and their bills per ward",
        "source_tables": ["admissions"],
        "filters": ["triage_level <= 2"],
        "group_by": ["ward_code"],
        "aggregations": [
            {"name": "urgent_admissions", "expr": "count(*)"},
            {"name": "urgent_billed", "expr": "sum(bill_amount)"},
        ],
        "order_by": ["ward_code"],
        "target_table": {"name": "urgent_by_ward", "keys": ["ward_code"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession) -> DataFrame:
    return (
        spark.table("admissions")
        .filter(F.col("triage_level") <= 2)
        .groupBy("ward_code")
        .agg(
            F.count("*").alias("urgent_admissions"),
            F.sum("bill_amount").alias("urgent_billed"),
        )
        .orderBy("ward_code")
    )


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("urgent_by_ward")


if __name__ == "__main__":
    main()
""",
    [('F.col("triage_level") <= 2', 'F.col("triage_level") < 2')],
)

_case(
    "hosp_oncology_patients",
    "hospital",
    "name",
    'F.col("ward_cd"): the column is ward_code',
    {
        "version": 1,
        "description": "Patients admitted to oncology at least once",
        "steps": [
            {
                "name": "onc_stays",
                "source_tables": ["admissions"],
                "filters": ["ward_code = 'ONC'"],
                "columns": ["patient_id"],
                "distinct": True,
            }
        ],
        "source_tables": [
            {"name": "patients", "alias": "p"},
            {"name": "onc_stays", "alias": "o"},
        ],
        "join_conditions": [
            {"left": "p", "right": "o", "type": "semi", "on": "p.patient_id = o.patient_id"}
        ],
        "columns": ["p.patient_id", "p.mrn", "p.birth_date"],
        "order_by": ["patient_id"],
        "target_table": {"name": "oncology_patients", "keys": ["patient_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    onc = spark.table("admissions").where(F.col("ward_code") == F.lit("ONC"))
    return (
        spark.table("patients")
        .join(onc, on="patient_id", how="left_semi")
        .select("patient_id", "mrn", "birth_date")
        .orderBy("patient_id")
    )


def main() -> None:
    spark = SparkSession.builder.appName("oncology-patients").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("oncology_patients")


if __name__ == "__main__":
    main()
""",
    [('F.col("ward_code")', 'F.col("ward_cd")')],
)

_case(
    "hosp_repeat_patients",
    "hospital",
    "qualifier",
    'F.col("a.mrn") (mrn is on patients, p), and the cut is >= 2 admissions instead of >= 3',
    {
        "version": 1,
        "description": "Patients admitted three times or more, with their lifetime bill",
        "source_tables": [{"name": "patients", "alias": "p"}, {"name": "admissions", "alias": "a"}],
        "join_conditions": [{"left": "p", "right": "a", "on": "p.patient_id = a.patient_id"}],
        "group_by": ["p.patient_id", "p.mrn"],
        "aggregations": [
            {"name": "admissions", "expr": "count(a.adm_id)"},
            {"name": "lifetime_bill", "expr": "coalesce(sum(a.bill_amount), 0)"},
        ],
        "having": ["admissions >= 3"],
        "order_by": [{"expr": "admissions", "desc": True}, "patient_id"],
        "target_table": {"name": "repeat_patients", "keys": ["patient_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F

MIN_ADMISSIONS = 3


def build(spark: SparkSession) -> DataFrame:
    p = spark.table("patients").alias("p")
    a = spark.table("admissions").alias("a")
    stats = (
        p.join(a, F.col("p.patient_id") == F.col("a.patient_id"))
        .groupBy(F.col("p.patient_id"), F.col("p.mrn"))
        .agg(
            F.count(F.col("a.adm_id")).alias("admissions"),
            F.coalesce(F.sum(F.col("a.bill_amount")), F.lit(0)).alias("lifetime_bill"),
        )
    )
    return stats.where(F.col("admissions") >= MIN_ADMISSIONS).orderBy(
        F.col("admissions").desc(), F.col("patient_id")
    )


def main() -> None:
    spark = SparkSession.builder.appName("repeat-patients").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("repeat_patients")


if __name__ == "__main__":
    main()
""",
    [('F.col("p.mrn")', 'F.col("a.mrn")'), ("MIN_ADMISSIONS = 3", "MIN_ADMISSIONS = 2")],
)

_case(
    "hosp_adult_avg_bill",
    "hospital",
    "logic",
    "the adults-only filter on birth_date is missing: children's stays are averaged in",
    {
        "version": 1,
        "description": "Average bill per ward for adult patients (born before 2006)",
        "source_tables": [{"name": "admissions", "alias": "a"}, {"name": "patients", "alias": "p"}],
        "join_conditions": [{"left": "a", "right": "p", "on": "a.patient_id = p.patient_id"}],
        "filters": ["p.birth_date < DATE '2006-01-01'"],
        "group_by": ["a.ward_code"],
        "aggregations": [
            {"name": "avg_bill", "expr": "round(avg(a.bill_amount), 2)"},
            {"name": "adult_stays", "expr": "count(*)"},
        ],
        "order_by": ["ward_code"],
        "target_table": {"name": "adult_avg_bill", "keys": ["ward_code"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

ADULT_BORN_BEFORE = "2006-01-01"


def build(spark: SparkSession) -> DataFrame:
    adults = spark.table("patients").filter(
        F.col("birth_date") < F.to_date(F.lit(ADULT_BORN_BEFORE))
    )
    stays = spark.table("admissions")
    return (
        stays.join(adults.select("patient_id"), "patient_id")
        .groupBy("ward_code")
        .agg(
            F.round(F.avg("bill_amount"), 2).alias("avg_bill"),
            F.count(F.lit(1)).alias("adult_stays"),
        )
        .orderBy("ward_code")
    )


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("adult_avg_bill")


if __name__ == "__main__":
    main()
""",
    [
        (
            'spark.table("patients").filter(\n'
            '        F.col("birth_date") < F.to_date(F.lit(ADULT_BORN_BEFORE))\n'
            "    )",
            'spark.table("patients")',
        )
    ],
)

_case(
    "hosp_open_beds",
    "hospital",
    "output_name",
    'count aliased "occupied" but sorted (and named in the spec) as open_stays',
    {
        "version": 1,
        "description": "Patients currently in each ward (not discharged), every ward listed",
        "source_tables": [{"name": "wards", "alias": "w"}, {"name": "admissions", "alias": "a"}],
        "join_conditions": [
            {
                "left": "w",
                "right": "a",
                "type": "left",
                "on": "w.ward_code = a.ward_code AND a.discharged IS NULL",
            }
        ],
        "group_by": ["w.ward_name", "w.beds"],
        "aggregations": [{"name": "open_stays", "expr": "count(a.adm_id)"}],
        "order_by": [{"expr": "open_stays", "desc": True}, "ward_name"],
        "target_table": {"name": "open_beds", "keys": ["ward_name"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    wards = spark.table("wards")
    still_in = spark.table("admissions").where(F.col("discharged").isNull())
    return (
        wards.join(still_in, "ward_code", "left")
        .groupBy("ward_name", "beds")
        .agg(F.count("adm_id").alias("open_stays"))
        .orderBy(F.desc("open_stays"), "ward_name")
    )


def main() -> None:
    spark = SparkSession.builder.appName("open-beds").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("open_beds")


if __name__ == "__main__":
    main()
""",
    [('.alias("open_stays")', '.alias("occupied")')],
)

_case(
    "hosp_monthly_billing",
    "hospital",
    "python",
    'pandas habit: adm["month"] = ... (a DataFrame takes no item assignment; withColumn)',
    {
        "version": 1,
        "description": "Admissions and amount billed per month of admission",
        "source_tables": ["admissions"],
        "transformations": [{"name": "month", "expr": "strftime(admitted, '%Y-%m')"}],
        "group_by": ["month"],
        "aggregations": [
            {"name": "admissions", "expr": "count(*)"},
            {"name": "billed", "expr": "sum(bill_amount)"},
        ],
        "order_by": ["month"],
        "target_table": {"name": "monthly_billing", "keys": ["month"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    adm = spark.table("admissions")
    adm = adm.withColumn("month", F.date_format("admitted", "yyyy-MM"))
    return (
        adm.groupBy("month")
        .agg(F.count("adm_id").alias("admissions"), F.sum("bill_amount").alias("billed"))
        .orderBy("month")
    )


def main() -> None:
    spark = SparkSession.builder.appName("monthly-billing").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("monthly_billing")


if __name__ == "__main__":
    main()
""",
    [
        (
            'adm = adm.withColumn("month", F.date_format("admitted", "yyyy-MM"))',
            'adm["month"] = F.date_format("admitted", "yyyy-MM")',
        )
    ],
)

# ---- music -----------------------------------------------------------------------------------

_case(
    "music_artist_minutes",
    "music",
    "function",
    "sun() in F.expr: the function is sum",
    {
        "version": 1,
        "description": "Minutes streamed per artist",
        "source_tables": [
            {"name": "plays", "alias": "p"},
            {"name": "tracks", "alias": "t"},
            {"name": "artists", "alias": "a"},
        ],
        "join_conditions": [
            {"left": "p", "right": "t", "on": "p.track_id = t.track_id"},
            {"left": "t", "right": "a", "on": "t.artist_id = a.artist_id"},
        ],
        "group_by": ["a.artist_name"],
        "aggregations": [
            {"name": "minutes_streamed", "expr": "round(sum(p.seconds_played) / 60.0, 1)"}
        ],
        "order_by": [{"expr": "minutes_streamed", "desc": True}],
        "target_table": {"name": "artist_minutes", "keys": ["artist_name"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession) -> DataFrame:
    plays = spark.table("plays")
    tracks = spark.table("tracks")
    artists = spark.table("artists")
    joined = plays.join(tracks, on="track_id").join(artists, on="artist_id")
    minutes = F.expr("round(sum(seconds_played) / 60.0, 1)")
    return (
        joined.groupBy("artist_name")
        .agg(minutes.alias("minutes_streamed"))
        .orderBy(F.desc("minutes_streamed"))
    )


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("artist_minutes")


if __name__ == "__main__":
    main()
""",
    [("round(sum(seconds_played)", "round(sun(seconds_played)")],
)

_case(
    "music_genre_reach",
    "music",
    "logic",
    "F.count(listener_id) counts plays, not distinct listeners (countDistinct)",
    {
        "version": 1,
        "description": "How many different listeners each genre reached, and its plays",
        "source_tables": [{"name": "plays", "alias": "p"}, {"name": "tracks", "alias": "t"}],
        "join_conditions": [{"left": "p", "right": "t", "on": "p.track_id = t.track_id"}],
        "group_by": ["t.genre"],
        "aggregations": [
            {"name": "unique_listeners", "expr": "count(DISTINCT p.listener_id)"},
            {"name": "plays", "expr": "count(*)"},
        ],
        "order_by": [{"expr": "unique_listeners", "desc": True}, "genre"],
        "target_table": {"name": "genre_reach", "keys": ["genre"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    p = spark.table("plays")
    t = spark.table("tracks")
    return (
        p.join(t, p.track_id == t.track_id)
        .groupBy(t.genre)
        .agg(
            F.countDistinct(p.listener_id).alias("unique_listeners"),
            F.count(F.lit(1)).alias("plays"),
        )
        .orderBy(F.col("unique_listeners").desc(), F.col("genre"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("genre-reach").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("genre_reach")


if __name__ == "__main__":
    main()
""",
    [("F.countDistinct(p.listener_id)", "F.count(p.listener_id)")],
)

_case(
    "music_skip_rate",
    "music",
    "logic",
    "F.count() of the 0/1 skip flag counts every play: 100 % skips everywhere (sum)",
    {
        "version": 1,
        "description": "Share of plays skipped, per subscription plan",
        "source_tables": [{"name": "plays", "alias": "p"}, {"name": "listeners", "alias": "l"}],
        "join_conditions": [{"left": "p", "right": "l", "on": "p.listener_id = l.listener_id"}],
        "group_by": ["l.plan"],
        "aggregations": [
            {"name": "plays", "expr": "count(*)"},
            {
                "name": "skip_pct",
                "expr": "round(100.0 * count(*) FILTER (WHERE p.skipped) / count(*), 1)",
            },
        ],
        "order_by": ["plan"],
        "target_table": {"name": "skip_rate", "keys": ["plan"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    plays = spark.table("plays")
    listeners = spark.table("listeners")
    skipped_flag = F.when(F.col("skipped"), 1).otherwise(0)
    return (
        plays.join(listeners, "listener_id")
        .groupBy("plan")
        .agg(
            F.count(F.lit(1)).alias("plays"),
            F.round(F.sum(skipped_flag) * 100.0 / F.count(F.lit(1)), 1).alias("skip_pct"),
        )
        .orderBy("plan")
    )


def main() -> None:
    spark = SparkSession.builder.appName("skip-rate").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("skip_rate")


if __name__ == "__main__":
    main()
""",
    [("F.sum(skipped_flag)", "F.count(skipped_flag)")],
)

_case(
    "music_explicit_free",
    "music",
    "table",
    'spark.table("listener"): the table is listeners',
    {
        "version": 1,
        "description": "Explicit tracks played by listeners on the free plan, per handle",
        "source_tables": [
            {"name": "plays", "alias": "p"},
            {"name": "tracks", "alias": "t"},
            {"name": "listeners", "alias": "l"},
        ],
        "join_conditions": [
            {"left": "p", "right": "t", "on": "p.track_id = t.track_id"},
            {"left": "p", "right": "l", "on": "p.listener_id = l.listener_id"},
        ],
        "filters": ["t.is_explicit", "l.plan = 'free'"],
        "group_by": ["l.handle"],
        "aggregations": [{"name": "explicit_plays", "expr": "count(*)"}],
        "order_by": ["handle"],
        "target_table": {"name": "explicit_free", "keys": ["handle"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    plays = spark.table("plays")
    explicit = spark.table("tracks").where("is_explicit")
    free = spark.table("listeners").where(F.col("plan") == "free")
    return (
        plays.join(explicit, "track_id")
        .join(free, "listener_id")
        .groupBy("handle")
        .agg(F.count("play_id").alias("explicit_plays"))
        .orderBy("handle")
    )


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("explicit_free")


if __name__ == "__main__":
    main()
""",
    [('spark.table("listeners")', 'spark.table("listener")')],
)

_case(
    "music_counted_streams",
    "music",
    "logic",
    "seconds_played > 30 drops plays of exactly 30 s; a stream counts from 30 s",
    {
        "version": 1,
        "description": "Streams that count (30 seconds or more) per track",
        "source_tables": [{"name": "plays", "alias": "p"}, {"name": "tracks", "alias": "t"}],
        "join_conditions": [{"left": "p", "right": "t", "on": "p.track_id = t.track_id"}],
        "filters": ["p.seconds_played >= 30"],
        "group_by": ["t.track_id", "t.track_title"],
        "aggregations": [{"name": "counted_streams", "expr": "count(*)"}],
        "columns": ["t.track_title", "counted_streams"],
        "order_by": [{"expr": "counted_streams", "desc": True}, "track_title"],
        "target_table": {"name": "counted_streams", "keys": ["track_title"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F

MIN_SECONDS = 30


def build(spark: SparkSession) -> DataFrame:
    plays = spark.table("plays").filter(F.col("seconds_played") >= MIN_SECONDS)
    tracks = spark.table("tracks")
    return (
        plays.join(tracks, "track_id")
        .groupBy("track_id", "track_title")
        .agg(F.count("*").alias("counted_streams"))
        .select("track_title", "counted_streams")
        .orderBy(F.desc("counted_streams"), "track_title")
    )


def main() -> None:
    spark = SparkSession.builder.appName("counted-streams").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("counted_streams")


if __name__ == "__main__":
    main()
""",
    [(">= MIN_SECONDS", "> MIN_SECONDS")],
)

_case(
    "music_country_listeners",
    "music",
    "qualifier",
    'F.col("t.country"): country is a column of artists (a), not tracks (t)',
    {
        "version": 1,
        "description": "Listeners and distinct tracks played per artist country ('??' unknown)",
        "source_tables": [
            {"name": "plays", "alias": "p"},
            {"name": "tracks", "alias": "t"},
            {"name": "artists", "alias": "a"},
        ],
        "join_conditions": [
            {"left": "p", "right": "t", "on": "p.track_id = t.track_id"},
            {"left": "t", "right": "a", "on": "t.artist_id = a.artist_id"},
        ],
        "group_by": ["coalesce(a.country, '??') AS country"],
        "aggregations": [
            {"name": "listeners", "expr": "count(DISTINCT p.listener_id)"},
            {"name": "tracks_played", "expr": "count(DISTINCT p.track_id)"},
        ],
        "order_by": ["country"],
        "target_table": {"name": "country_listeners", "keys": ["country"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    p = spark.table("plays").alias("p")
    t = spark.table("tracks").alias("t")
    a = spark.table("artists").alias("a")
    df = p.join(t, F.col("p.track_id") == F.col("t.track_id")).join(
        a, F.col("t.artist_id") == F.col("a.artist_id")
    )
    country = F.coalesce(F.col("a.country"), F.lit("??")).alias("country")
    return (
        df.groupBy(country)
        .agg(
            F.countDistinct("p.listener_id").alias("listeners"),
            F.countDistinct("p.track_id").alias("tracks_played"),
        )
        .orderBy("country")
    )


def main() -> None:
    spark = SparkSession.builder.appName("country-listeners").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("country_listeners")


if __name__ == "__main__":
    main()
""",
    [('F.col("a.country")', 'F.col("t.country")')],
)

_case(
    "music_daily_activity",
    "music",
    "python",
    "DataFrame.orderby() does not exist (orderBy), and listeners counts plays (countDistinct)",
    {
        "version": 1,
        "description": "Plays and active listeners per day",
        "source_tables": ["plays"],
        "group_by": ["played_on"],
        "aggregations": [
            {"name": "plays", "expr": "count(*)"},
            {"name": "listeners", "expr": "count(DISTINCT listener_id)"},
        ],
        "order_by": ["played_on"],
        "target_table": {"name": "daily_activity", "keys": ["played_on"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    daily = (
        spark.table("plays")
        .groupBy("played_on")
        .agg(
            F.count(F.lit(1)).alias("plays"),
            F.countDistinct("listener_id").alias("listeners"),
        )
    )
    return daily.orderBy("played_on")


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("daily_activity")


if __name__ == "__main__":
    main()
""",
    [
        ("daily.orderBy(", "daily.orderby("),
        ('F.countDistinct("listener_id")', 'F.count("listener_id")'),
    ],
)

# ---- energy ----------------------------------------------------------------------------------

_case(
    "energy_actual_by_region",
    "energy",
    "logic",
    "the filter dropping estimated readings is missing",
    {
        "version": 1,
        "description": "Metered (not estimated) consumption per region",
        "source_tables": [
            {"name": "readings", "alias": "r"},
            {"name": "meters", "alias": "m"},
            {"name": "sites", "alias": "s"},
        ],
        "join_conditions": [
            {"left": "r", "right": "m", "on": "r.meter_id = m.meter_id"},
            {"left": "m", "right": "s", "on": "m.site_id = s.site_id"},
        ],
        "filters": ["NOT r.is_estimated"],
        "group_by": ["s.region"],
        "aggregations": [
            {"name": "actual_kwh", "expr": "round(sum(r.kwh), 2)"},
            {"name": "readings", "expr": "count(r.kwh)"},
        ],
        "order_by": ["region"],
        "target_table": {"name": "actual_by_region", "keys": ["region"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    actual = spark.table("readings").where(~F.col("is_estimated"))
    meters = spark.table("meters")
    sites = spark.table("sites")
    return (
        actual.join(meters, "meter_id")
        .join(sites, "site_id")
        .groupBy("region")
        .agg(F.round(F.sum("kwh"), 2).alias("actual_kwh"), F.count("kwh").alias("readings"))
        .orderBy("region")
    )


def main() -> None:
    spark = SparkSession.builder.appName("actual-by-region").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("actual_by_region")


if __name__ == "__main__":
    main()
""",
    [('spark.table("readings").where(~F.col("is_estimated"))', 'spark.table("readings")')],
)

_case(
    "energy_meter_delta",
    "energy",
    "name",
    "ORDER BY reading_date inside the F.expr window: the column is read_date",
    {
        "version": 1,
        "description": "Each reading with the change from the meter's previous reading",
        "source_tables": ["readings"],
        "columns": [
            "meter_id",
            "read_date",
            "kwh",
            "kwh - lag(kwh) OVER (PARTITION BY meter_id ORDER BY read_date) AS delta_kwh",
        ],
        "order_by": ["meter_id", "read_date"],
        "target_table": {"name": "meter_delta", "keys": ["meter_id", "read_date"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

DELTA = "kwh - lag(kwh) OVER (PARTITION BY meter_id ORDER BY read_date)"


def build(spark: SparkSession) -> DataFrame:
    return (
        spark.table("readings")
        .select("meter_id", "read_date", "kwh", F.expr(DELTA).alias("delta_kwh"))
        .orderBy("meter_id", "read_date")
    )


def main() -> None:
    spark = SparkSession.builder.appName("meter-delta").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("meter_delta")


if __name__ == "__main__":
    main()
""",
    [("ORDER BY read_date)", "ORDER BY reading_date)")],
)

_case(
    "energy_tariff_totals",
    "energy",
    "output_name",
    'sum aliased "kwh_total" but selected (and named in the spec) as total_kwh',
    {
        "version": 1,
        "description": "Consumption and number of meters per tariff (no tariff: 'unknown')",
        "source_tables": [
            {"name": "readings", "alias": "r"},
            {"name": "meters", "alias": "m"},
            {"name": "sites", "alias": "s"},
        ],
        "join_conditions": [
            {"left": "r", "right": "m", "on": "r.meter_id = m.meter_id"},
            {"left": "m", "right": "s", "on": "m.site_id = s.site_id"},
        ],
        "group_by": ["coalesce(s.tariff, 'unknown') AS tariff"],
        "aggregations": [
            {"name": "total_kwh", "expr": "round(sum(r.kwh), 2)"},
            {"name": "meter_count", "expr": "count(DISTINCT r.meter_id)"},
        ],
        "order_by": [{"expr": "total_kwh", "desc": True}],
        "target_table": {"name": "tariff_totals", "keys": ["tariff"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    r = spark.table("readings")
    m = spark.table("meters")
    s = spark.table("sites").withColumn("tariff", F.coalesce(F.col("tariff"), F.lit("unknown")))
    totals = (
        r.join(m, on="meter_id")
        .join(s, on="site_id")
        .groupBy("tariff")
        .agg(
            F.round(F.sum("kwh"), 2).alias("total_kwh"),
            F.countDistinct("meter_id").alias("meter_count"),
        )
    )
    return totals.select("tariff", "total_kwh", "meter_count").orderBy(F.col("total_kwh").desc())


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("tariff_totals")


if __name__ == "__main__":
    main()
""",
    [('.alias("total_kwh")', '.alias("kwh_total")')],
)

_case(
    "energy_feb_mar",
    "energy",
    "logic",
    "the range ends on 2024-03-30, dropping the readings of 31 March",
    {
        "version": 1,
        "description": "Consumption per site from 1 February to 31 March 2024",
        "source_tables": [
            {"name": "readings", "alias": "r"},
            {"name": "meters", "alias": "m"},
            {"name": "sites", "alias": "s"},
        ],
        "join_conditions": [
            {"left": "r", "right": "m", "on": "r.meter_id = m.meter_id"},
            {"left": "m", "right": "s", "on": "m.site_id = s.site_id"},
        ],
        "filters": ["r.read_date BETWEEN DATE '2024-02-01' AND DATE '2024-03-31'"],
        "group_by": ["s.site_name"],
        "aggregations": [{"name": "kwh_feb_mar", "expr": "round(sum(r.kwh), 2)"}],
        "order_by": ["site_name"],
        "target_table": {"name": "site_kwh_feb_mar", "keys": ["site_name"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession) -> DataFrame:
    start = F.to_date(F.lit("2024-02-01"))
    end = F.to_date(F.lit("2024-03-31"))
    window = spark.table("readings").where(F.col("read_date").between(start, end))
    return (
        window.join(spark.table("meters"), "meter_id")
        .join(spark.table("sites"), "site_id")
        .groupBy("site_name")
        .agg(F.round(F.sum("kwh"), 2).alias("kwh_feb_mar"))
        .orderBy("site_name")
    )


def main() -> None:
    spark = SparkSession.builder.appName("site-kwh").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("site_kwh_feb_mar")


if __name__ == "__main__":
    main()
""",
    [('F.lit("2024-03-31")', 'F.lit("2024-03-30")')],
)

_case(
    "energy_kind_avg",
    "energy",
    "qualifier",
    'F.col("s.meter_kind") (meter_kind is on meters, m), and the mean aliased "mean_kwh"',
    {
        "version": 1,
        "description": "Average reading per site and meter kind, meters installed before 2023",
        "source_tables": [
            {"name": "readings", "alias": "r"},
            {"name": "meters", "alias": "m"},
            {"name": "sites", "alias": "s"},
        ],
        "join_conditions": [
            {"left": "r", "right": "m", "on": "r.meter_id = m.meter_id"},
            {"left": "m", "right": "s", "on": "m.site_id = s.site_id"},
        ],
        "filters": ["m.installed < DATE '2023-01-01'"],
        "group_by": ["s.site_name", "m.meter_kind"],
        "aggregations": [
            {"name": "avg_kwh", "expr": "round(avg(r.kwh), 1)"},
            {"name": "n_readings", "expr": "count(*)"},
        ],
        "order_by": ["site_name", "meter_kind"],
        "target_table": {"name": "kind_avg", "keys": ["site_name", "meter_kind"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    r = spark.table("readings").alias("r")
    m = spark.table("meters").alias("m")
    s = spark.table("sites").alias("s")
    older = m.where(F.col("m.installed") < F.lit("2023-01-01").cast("date"))
    return (
        r.join(older, F.col("r.meter_id") == F.col("m.meter_id"))
        .join(s, F.col("m.site_id") == F.col("s.site_id"))
        .groupBy(F.col("s.site_name"), F.col("m.meter_kind"))
        .agg(
            F.round(F.avg(F.col("r.kwh")), 1).alias("avg_kwh"),
            F.count(F.lit(1)).alias("n_readings"),
        )
        .select("site_name", "meter_kind", "avg_kwh", "n_readings")
        .orderBy("site_name", "meter_kind")
    )


def main() -> None:
    spark = SparkSession.builder.appName("kind-avg").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("kind_avg")


if __name__ == "__main__":
    main()
""",
    [
        ('F.col("m.meter_kind")', 'F.col("s.meter_kind")'),
        ('.alias("avg_kwh")', '.alias("mean_kwh")'),
    ],
)

_case(
    "energy_site_totals",
    "energy",
    "function",
    "coalese() in F.expr (coalesce), and sum(kwhs) for the column kwh",
    {
        "version": 1,
        "description": "Total consumption per site, zero for a site without readings",
        "source_tables": [
            {"name": "sites", "alias": "s"},
            {"name": "meters", "alias": "m"},
            {"name": "readings", "alias": "r"},
        ],
        "join_conditions": [
            {"left": "s", "right": "m", "type": "left", "on": "s.site_id = m.site_id"},
            {"left": "m", "right": "r", "type": "left", "on": "m.meter_id = r.meter_id"},
        ],
        "group_by": ["s.site_id", "s.site_name"],
        "aggregations": [{"name": "total_kwh", "expr": "coalesce(sum(r.kwh), 0)"}],
        "order_by": ["site_id"],
        "target_table": {"name": "site_totals", "keys": ["site_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    sites = spark.table("sites")
    meters = spark.table("meters")
    readings = spark.table("readings")
    joined = sites.join(meters, "site_id", "left").join(readings, "meter_id", "left")
    return (
        joined.groupBy("site_id", "site_name")
        .agg(F.expr("coalesce(sum(kwh), 0)").alias("total_kwh"))
        .orderBy("site_id")
    )


def main() -> None:
    spark = SparkSession.builder.appName("site-totals").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("site_totals")


if __name__ == "__main__":
    main()
""",
    [("coalesce(sum(kwh)", "coalese(sum(kwh)"), ("sum(kwh)", "sum(kwhs)")],
)

# ---- school ----------------------------------------------------------------------------------

_case(
    "school_dept_marks",
    "school",
    "name",
    'F.col("departmnt"): the column is department',
    {
        "version": 1,
        "description": "Average mark and number of students per department",
        "source_tables": [{"name": "enrolments", "alias": "e"}, {"name": "courses", "alias": "c"}],
        "join_conditions": [{"left": "e", "right": "c", "on": "e.course_code = c.course_code"}],
        "group_by": ["c.department"],
        "aggregations": [
            {"name": "avg_mark", "expr": "round(avg(e.mark), 2)"},
            {"name": "students", "expr": "count(DISTINCT e.student_id)"},
        ],
        "order_by": [{"expr": "avg_mark", "desc": True}],
        "target_table": {"name": "dept_marks", "keys": ["department"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    enr = spark.table("enrolments")
    courses = spark.table("courses")
    return (
        enr.join(courses, "course_code")
        .groupBy(F.col("department"))
        .agg(
            F.round(F.avg(F.col("mark")), 2).alias("avg_mark"),
            F.countDistinct(F.col("student_id")).alias("students"),
        )
        .orderBy(F.col("avg_mark").desc())
    )


def main() -> None:
    spark = SparkSession.builder.appName("dept-marks").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("dept_marks")


if __name__ == "__main__":
    main()
""",
    [('F.col("department")', 'F.col("departmnt")')],
)

_case(
    "school_credits",
    "school",
    "logic",
    "F.max(credits) gives the largest single course's credits, not the credits earned (sum)",
    {
        "version": 1,
        "description": "Credits earned (courses passed) per student",
        "source_tables": [
            {"name": "enrolments", "alias": "e"},
            {"name": "courses", "alias": "c"},
            {"name": "students", "alias": "s"},
        ],
        "join_conditions": [
            {"left": "e", "right": "c", "on": "e.course_code = c.course_code"},
            {"left": "e", "right": "s", "on": "e.student_id = s.student_id"},
        ],
        "filters": ["e.passed"],
        "group_by": ["s.student_id", "s.given_name || ' ' || s.family_name AS student_name"],
        "aggregations": [{"name": "credits_earned", "expr": "sum(c.credits)"}],
        "order_by": [{"expr": "credits_earned", "desc": True}, "student_id"],
        "target_table": {"name": "student_credits", "keys": ["student_id"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def build(spark: SparkSession) -> DataFrame:
    students = spark.table("students").withColumn(
        "student_name", F.concat_ws(" ", "given_name", "family_name")
    )
    passed = spark.table("enrolments").filter("passed")
    return (
        passed.join(spark.table("courses"), "course_code")
        .join(students, "student_id")
        .groupBy("student_id", "student_name")
        .agg(F.sum("credits").alias("credits_earned"))
        .orderBy(F.desc("credits_earned"), "student_id")
    )


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("student_credits")


if __name__ == "__main__":
    main()
""",
    [('F.sum("credits")', 'F.max("credits")')],
)

_case(
    "school_house_distinctions",
    "school",
    "table",
    'spark.table("enrollments"): the table is spelt enrolments',
    {
        "version": 1,
        "description": "Marks of 70 or more per house (students without a house: 'none')",
        "source_tables": [{"name": "enrolments", "alias": "e"}, {"name": "students", "alias": "s"}],
        "join_conditions": [{"left": "e", "right": "s", "on": "e.student_id = s.student_id"}],
        "filters": ["e.mark >= 70"],
        "group_by": ["coalesce(s.house, 'none') AS house"],
        "aggregations": [{"name": "distinctions", "expr": "count(*)"}],
        "order_by": [{"expr": "distinctions", "desc": True}, "house"],
        "target_table": {"name": "house_distinctions", "keys": ["house"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    e = spark.table("enrolments")
    s = spark.table("students")
    return (
        e.where(e.mark >= 70)
        .join(s, e.student_id == s.student_id)
        .select(F.coalesce(s.house, F.lit("none")).alias("house"))
        .groupBy("house")
        .count()
        .withColumnRenamed("count", "distinctions")
        .orderBy(F.desc("distinctions"), "house")
    )


def main() -> None:
    spark = SparkSession.builder.appName("house-distinctions").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("house_distinctions")


if __name__ == "__main__":
    main()
""",
    [('spark.table("enrolments")', 'spark.table("enrollments")')],
)

_case(
    "school_top_per_course",
    "school",
    "logic",
    "the rank window is partitioned by term instead of course_code",
    {
        "version": 1,
        "description": "The best mark in each course and who got it (ties all kept)",
        "source_tables": [{"name": "enrolments", "alias": "e"}, {"name": "students", "alias": "s"}],
        "join_conditions": [{"left": "e", "right": "s", "on": "e.student_id = s.student_id"}],
        "columns": ["e.course_code", "s.given_name", "e.mark"],
        "qualify": ["rank() OVER (PARTITION BY e.course_code ORDER BY e.mark DESC) = 1"],
        "order_by": ["course_code", "given_name"],
        "target_table": {"name": "top_per_course", "keys": ["course_code", "given_name"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    by_course = Window.partitionBy("course_code").orderBy(F.col("mark").desc())
    ranked = (
        spark.table("enrolments")
        .join(spark.table("students"), "student_id")
        .withColumn("pos", F.rank().over(by_course))
    )
    return (
        ranked.where(F.col("pos") == 1)
        .select("course_code", "given_name", "mark")
        .orderBy("course_code", "given_name")
    )


def main() -> None:
    spark = SparkSession.builder.appName("top-per-course").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("top_per_course")


if __name__ == "__main__":
    main()
""",
    [('Window.partitionBy("course_code")', 'Window.partitionBy("term")')],
)

_case(
    "school_t1_distinctions",
    "school",
    "python",
    "Python `and` between two Columns (ValueError): the conditions must be combined with &",
    {
        "version": 1,
        "description": "Marks of 70 or more in term 2024T1 per year group",
        "source_tables": [{"name": "enrolments", "alias": "e"}, {"name": "students", "alias": "s"}],
        "join_conditions": [{"left": "e", "right": "s", "on": "e.student_id = s.student_id"}],
        "filters": ["e.mark >= 70", "e.term = '2024T1'"],
        "group_by": ["s.year_group"],
        "aggregations": [{"name": "distinctions", "expr": "count(*)"}],
        "order_by": ["year_group"],
        "target_table": {"name": "t1_distinctions", "keys": ["year_group"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F

TERM = "2024T1"


def build(spark: SparkSession) -> DataFrame:
    enr = spark.table("enrolments")
    strong = enr.where((F.col("mark") >= 70) & (F.col("term") == TERM))
    return (
        strong.join(spark.table("students"), "student_id")
        .groupBy("year_group")
        .agg(F.count(F.lit(1)).alias("distinctions"))
        .orderBy("year_group")
    )


def main() -> None:
    spark = SparkSession.builder.getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("t1_distinctions")


if __name__ == "__main__":
    main()
""",
    [
        (
            '(F.col("mark") >= 70) & (F.col("term") == TERM)',
            'F.col("mark") >= 70 and F.col("term") == TERM',
        )
    ],
)

_case(
    "school_pass_rates",
    "school",
    "output_name",
    'rate aliased "pass_pct" but selected as pass_rate; and ungraded (NULL mark) rows are kept',
    {
        "version": 1,
        "description": "Pass rate per course among graded enrolments",
        "source_tables": [{"name": "enrolments", "alias": "e"}, {"name": "courses", "alias": "c"}],
        "join_conditions": [{"left": "e", "right": "c", "on": "e.course_code = c.course_code"}],
        "filters": ["e.mark IS NOT NULL"],
        "group_by": ["c.course_code", "c.course_title"],
        "aggregations": [
            {"name": "sat", "expr": "count(*)"},
            {
                "name": "pass_rate",
                "expr": "round(100.0 * count(*) FILTER (WHERE e.passed) / count(*), 1)",
            },
        ],
        "order_by": [{"expr": "pass_rate", "desc": True}, "course_code"],
        "target_table": {"name": "pass_rates", "keys": ["course_code"]},
    },
    """\
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    graded = spark.table("enrolments").where(F.col("mark").isNotNull())
    stats = (
        graded.join(spark.table("courses"), "course_code")
        .groupBy("course_code", "course_title")
        .agg(
            F.count(F.lit(1)).alias("sat"),
            F.round(
                100.0 * F.count(F.when(F.col("passed"), True)) / F.count(F.lit(1)), 1
            ).alias("pass_rate"),
        )
    )
    return stats.select("course_code", "course_title", "sat", "pass_rate").orderBy(
        F.desc("pass_rate"), "course_code"
    )


def main() -> None:
    spark = SparkSession.builder.appName("pass-rates").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("pass_rates")


if __name__ == "__main__":
    main()
""",
    [
        ('.alias("pass_rate")', '.alias("pass_pct")'),
        ('spark.table("enrolments").where(F.col("mark").isNotNull())', 'spark.table("enrolments")'),
    ],
)


# ---------------------------------------------------------------------------------------------
# Verification

KINDS = ("name", "table", "function", "output_name", "logic", "python", "qualifier")
TYPES = ("INTEGER", "BIGINT", "DOUBLE", "DECIMAL(10,2)", "VARCHAR", "DATE", "BOOLEAN")


def _spark_session() -> Any:
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[1]")
        .appName("pyspark-healing-frozen")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.shuffle.partitions", "1")
        .getOrCreate()
    )


def _python_value(value: Any, duck_type: str) -> Any:
    import datetime as dt
    import decimal

    if value is None:
        return None
    if duck_type == "DATE":
        return dt.date.fromisoformat(value)
    if duck_type.startswith("DECIMAL"):
        return decimal.Decimal(str(value)).quantize(decimal.Decimal("0.01"))
    if duck_type == "DOUBLE":
        return float(value)
    return value


def _spark_type(duck_type: str) -> Any:
    from pyspark.sql import types as T

    return {
        "INTEGER": T.IntegerType(),
        "BIGINT": T.LongType(),
        "DOUBLE": T.DoubleType(),
        "DECIMAL(10,2)": T.DecimalType(10, 2),
        "VARCHAR": T.StringType(),
        "DATE": T.DateType(),
        "BOOLEAN": T.BooleanType(),
    }[duck_type]


def _normal(value: Any) -> Any:
    import datetime as dt
    import decimal

    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def _sort_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(
        (0, "") if v is None else (1, round(v, 6) if isinstance(v, float) else v) for v in row
    )


def _rows(rows: Any) -> list[tuple[Any, ...]]:
    return sorted((tuple(_normal(v) for v in row) for row in rows), key=_sort_key)


def _same(left: list[tuple[Any, ...]], right: list[tuple[Any, ...]]) -> bool:
    if len(left) != len(right):
        return False
    for a, b in zip(left, right, strict=True):
        if len(a) != len(b):
            return False
        for x, y in zip(a, b, strict=True):
            if isinstance(x, int | float) and isinstance(y, int | float) and x is not y:
                if isinstance(x, bool) or isinstance(y, bool):
                    if x != y:
                        return False
                elif abs(float(x) - float(y)) > 1e-6:
                    return False
            elif x != y:
                return False
    return True


def _duckdb_answer(case: dict[str, Any], folder: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    import duckdb

    from datamorph.codegen.sql import compile_sql
    from datamorph.engines.duckdb import DuckDBEngine
    from datamorph.spec import Spec

    path = f"{folder}/{case['id']}.duckdb"
    con = duckdb.connect(path)
    for name, table in case["tables"].items():
        columns = table["columns"]
        ddl = ", ".join(f'"{c}" {t}' for c, t in columns.items())
        con.execute(f'CREATE TABLE "{name}" ({ddl})')
        marks = ", ".join("?" for _ in columns)
        types = list(columns.values())
        rows = [
            [_python_value(v, t) for v, t in zip(row, types, strict=True)] for row in table["rows"]
        ]
        con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
    con.close()
    engine = DuckDBEngine(path)
    try:
        catalog = engine.catalog(samples=0)
        spec = Spec.from_dict(case["spec"])
        spec.require_valid(catalog)
        result = engine.query(compile_sql(spec, catalog))
    finally:
        engine.close()
    return list(result.columns), _rows(result.rows)


def _register(spark: Any, case: dict[str, Any]) -> None:
    from pyspark.sql import types as T

    for view in spark.catalog.listTables():
        if view.isTemporary:
            spark.catalog.dropTempView(view.name)
    for name, table in case["tables"].items():
        columns = table["columns"]
        schema = T.StructType(
            [T.StructField(c, _spark_type(t), nullable=True) for c, t in columns.items()]
        )
        types = list(columns.values())
        rows = [
            tuple(_python_value(v, t) for v, t in zip(row, types, strict=True))
            for row in table["rows"]
        ]
        spark.createDataFrame(rows, schema).createOrReplaceTempView(name)


def _run(spark: Any, script: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    namespace: dict[str, Any] = {"__name__": "frozen_case"}
    exec(compile(script, "<case>", "exec"), namespace)
    frame = namespace["build"](spark)
    return list(frame.columns), _rows(frame.collect())


def _outcome(spark: Any, script: str) -> tuple[str, Any]:
    """('error', message) or ('rows', (columns, rows))."""
    try:
        return "rows", _run(spark, script)
    except Exception as error:
        first = (str(error).strip().splitlines() or [""])[0]
        return "error", f"{type(error).__name__}: {first[:100]}"


def _shape_problems(script: str) -> list[str]:
    import ast

    tree = ast.parse(script)
    problems = []
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.If):
            if "__main__" not in ast.unparse(node.test):
                problems.append("a top-level if that is not the __main__ guard")
        elif not isinstance(node, ast.Import | ast.ImportFrom | ast.Assign | ast.Expr):
            problems.append(f"top-level {type(node).__name__}")
    if not {"build", "main"} <= names:
        problems.append("build() or main() missing")
    main = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "main")
    if "saveAsTable" not in ast.unparse(main):
        problems.append("main() does not saveAsTable")
    if script.count("saveAsTable") != 1:
        problems.append("saveAsTable outside main()")
    return problems


def verify() -> int:
    import collections
    import logging
    import tempfile

    from datamorph.codegen.static_python import static_check_python

    failures: list[str] = []
    ids = [case["id"] for case in CASES]
    if len(ids) != len(set(ids)):
        failures.append("duplicate ids")
    spark = _spark_session()
    spark.sparkContext.setLogLevel("OFF")
    for logger in ("DataFrameQueryContextLogger", "SQLQueryContextLogger"):
        logging.getLogger(logger).setLevel(logging.CRITICAL + 1)
    static_refused = []
    with tempfile.TemporaryDirectory() as folder:
        for case in CASES:
            cid = case["id"]
            problems: list[str] = []
            if case["kind"] not in KINDS:
                problems.append(f"kind {case['kind']}")
            for name, table in case["tables"].items():
                if not 5 <= len(table["rows"]) <= 30:
                    problems.append(f"{name}: {len(table['rows'])} rows")
                if set(table["columns"].values()) - set(TYPES):
                    problems.append(f"{name}: a type outside the list")
            problems += _shape_problems(case["good_script"])
            checked = static_check_python(case["good_script"])
            if checked:
                problems.append(f"good script refused by the allow-list: {checked}")
            if static_check_python(case["broken_script"]):
                static_refused.append(cid)
            columns, expected = _duckdb_answer(case, folder)
            _register(spark, case)
            status, got = _outcome(spark, case["good_script"])
            if status == "error":
                problems.append(f"good script fails: {got}")
            elif got[0] != columns:
                problems.append(f"good columns {got[0]} != spec outputs {columns}")
            elif not _same(got[1], expected):
                problems.append(f"good rows differ:\n  spark  {got[1]}\n  duckdb {expected}")
            if not expected:
                problems.append("the answer is empty")
            if case["broken_script"] == case["good_script"]:
                problems.append("broken script equals the good one")
            status, got = _outcome(spark, case["broken_script"])
            broken_says = got if status == "error" else "runs, other rows"
            if case["kind"] == "logic":
                if status == "error":
                    problems.append(f"logic mistake does not run: {got}")
                elif got[0] == columns and _same(got[1], expected):
                    problems.append("logic mistake returns the right answer")
            elif status != "error":
                problems.append("broken script runs")
            # each mistake alone breaks the script
            for old, new in EDITS[cid]:
                alone = case["good_script"].replace(old, new)
                status, got = _outcome(spark, alone)
                if status == "rows" and got[0] == columns and _same(got[1], expected):
                    problems.append(f"the edit {old!r} -> {new!r} alone changes nothing")
            print(
                f"{'FAIL' if problems else 'ok  '} {cid:32} {case['kind']:12} {len(expected)} rows"
            )
            print(f"     broken: {broken_says}")
            for problem in problems:
                print(f"     {problem}")
            if problems:
                failures.append(cid)
    kinds = collections.Counter(case["kind"] for case in CASES)
    schemas = collections.Counter(SCHEMA_OF[case["id"]] for case in CASES)
    two = sum(1 for case in CASES if len(EDITS[case["id"]]) > 1)
    print(f"\n{len(CASES)} cases, {len(CASES) - len(failures)} verified, {len(failures)} failed")
    print("per kind:", dict(sorted(kinds.items())))
    print("per schema:", dict(schemas))
    print(f"two mistakes: {two} cases; broken refused by the allow-list: {len(static_refused)}")
    print("  " + ", ".join(static_refused))
    if failures:
        print("FAILED:", ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(verify())

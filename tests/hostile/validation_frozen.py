"""Frozen held-out cases for output validation: does a run publish exactly the right outputs?

Written blind to the validation code (src/datamorph/validation/ and tests/validation/ were not
opened) on 2026-12-07, then frozen: not to be tuned on. Do not edit a case to make validation
pass it; a case that fails shows a defect (or a limit) of validation. Known to the author: the
spec contract (spec/model.py, tests/specs/), README.md, DESIGN.md, docs/monitor.md and the
public entry points (`datamorph.run`, `datamorph run|validate --help`).

Each case is a dict:
- "id": unique; "schema": which invented data set ("clinics", "warehouses", "courses",
  "sensors"), built by the SQL in `SCHEMAS` into a fresh DuckDB file;
- "expect": "pass" (the output is a correct answer to the spec: it must publish with
  validation "pass" and no check in error) or "catch" (the output is wrong: it must not
  publish; where a failing check reports a count, the count must be the true one);
- "spec": the DataMorph spec (version 1) of the question;
- "code": hand-written SQL given with `--code` (a wrong query for most "catch" cases, a right
  one written differently from the compiler for some "pass" cases), or None to run the spec's
  own compiled SQL;
- "truth": the correct answer, hand-written SQL (never the compiler's), the reference a
  published table is compared with;
- "approve": strategies approved up front (("deduplicate",) for the dedup cases);
- "iterations": healing iterations allowed (0 everywhere except the dedup cases, so the
  figures measure validation, not healing);
- "contested": True where the verdict rests on the NULL-key reading below;
- "note": why the verdict is what it is.

The NULL-key reading. The v1 contract calls `target_table.keys` "Declared grain: unique, not
null" (model.py, DESIGN.md, README), yet a NULL group is a legitimate group (`GROUP BY`
makes one), and the spec has no field to say "this key must not be NULL" apart from the
grain. These cases read `keys` (or, without keys, the group-by columns) as the grain in which
NULL is one value: a correct output holding one NULL-key row must pass, two NULL-key rows are
a duplicate key. "Declared NOT NULL" is expressible only outside `keys`: a filter
`x IS NOT NULL` in the spec (cases `sen_notnull_filter_*`). Cases whose verdict depends on this
reading (a NULL in a *declared* key) carry "contested": True and are reported apart.
"""

from __future__ import annotations

from typing import Any

SCHEMAS: dict[str, list[str]] = {
    # Clinics: regions with NULLs and unicode, a clinic without visits, visits without a
    # clinic (NULL join key), NULL fees, NULL visit kinds.
    "clinics": [
        "CREATE TABLE clinics (clinic_id INTEGER PRIMARY KEY, clinic_name VARCHAR NOT NULL,"
        " region VARCHAR, opened DATE)",
        "INSERT INTO clinics VALUES (1, 'Harbour Clinic', 'Nord', DATE '2019-03-01'),"
        " (2, 'Hillside Practice', NULL, DATE '2020-07-15'),"
        " (3, 'Riverside Health', 'Süd', DATE '2018-01-10'),"
        " (4, 'Old Town Surgery', NULL, DATE '2021-05-05'),"
        " (5, 'Clinique Étoile', 'Île-de-France', DATE '2022-09-30'),"
        " (6, 'Lakeside (closed)', 'Nord', DATE '2015-02-02')",
        "CREATE TABLE visits (visit_id INTEGER, clinic_id INTEGER, patient VARCHAR,"
        " visit_date DATE, fee DECIMAL(8,2), kind VARCHAR)",
        "INSERT INTO visits SELECT i, CASE WHEN i % 17 = 0 THEN NULL ELSE 1 + i % 5 END,"
        " 'p' || (i % 23), DATE '2025-01-01' + CAST(i * 3 % 90 AS INTEGER),"
        " CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(10 + i % 7 * 12.5 AS DECIMAL(8,2)) END,"
        " CASE i % 4 WHEN 0 THEN 'checkup' WHEN 1 THEN 'urgent' WHEN 2 THEN NULL"
        " ELSE 'vaccine' END FROM range(1, 121) t(i)",
    ],
    # Warehouses and shipments: unicode cities, NULL warehouse codes and carriers, 1,200
    # shipments (1,000 delivered), two tracking scans per shipment, returns whose reason is
    # always NULL, and a load table with every shipment twice (exact duplicates).
    "warehouses": [
        "CREATE TABLE warehouses (wh_code VARCHAR, city VARCHAR, capacity INTEGER)",
        "INSERT INTO warehouses VALUES ('ZRH1', 'Zürich', 1200), ('GRU2', 'São Paulo', 3400),"
        " ('HND3', '東京', 2100), ('OSL4', 'Oslo', NULL), ('XXX9', NULL, 50)",
        "CREATE TABLE shipments (shipment_id BIGINT, wh_code VARCHAR, carrier VARCHAR,"
        " shipped_on DATE, weight_kg DOUBLE, status VARCHAR)",
        "INSERT INTO shipments SELECT i, CASE i % 5 WHEN 0 THEN 'ZRH1' WHEN 1 THEN 'GRU2'"
        " WHEN 2 THEN 'HND3' WHEN 3 THEN 'OSL4' ELSE NULL END,"
        " CASE WHEN i % 9 = 0 THEN NULL ELSE 'carrier_' || (i % 3) END,"
        " DATE '2025-01-15' + CAST(i % 120 AS INTEGER),"
        " CASE WHEN i % 13 = 0 THEN NULL ELSE round(1 + (i * 7 % 50) / 3.0, 2) END,"
        " CASE WHEN i % 6 = 0 THEN 'returned' ELSE 'delivered' END FROM range(1, 1201) t(i)",
        "CREATE TABLE tracking (shipment_id BIGINT, scan VARCHAR)",
        "INSERT INTO tracking SELECT i, s FROM range(1, 1201) t(i), (VALUES ('in'), ('out')) v(s)",
        "CREATE TABLE returns (return_id INTEGER, reason VARCHAR, refund DOUBLE)",
        "INSERT INTO returns SELECT i, NULL, i * 2.5 FROM range(1, 8) t(i)",
        "CREATE TABLE shipment_load (shipment_id BIGINT, wh_code VARCHAR, weight_kg DOUBLE)",
        "INSERT INTO shipment_load SELECT shipment_id, wh_code, weight_kg FROM shipments"
        " WHERE shipment_id <= 300",
        "INSERT INTO shipment_load SELECT shipment_id, wh_code, weight_kg FROM shipments"
        " WHERE shipment_id <= 300 AND shipment_id % 3 = 0",
    ],
    # Courses and enrollments: departments with NULLs, enrollments in courses 151-160 that
    # do not exist (orphans), NULL grades; (student_id, course_id) is unique.
    "courses": [
        "CREATE TABLE courses (course_id INTEGER, title VARCHAR, dept VARCHAR, credits INTEGER)",
        "INSERT INTO courses SELECT i, 'Course ' || i, CASE WHEN i % 7 = 0 THEN NULL"
        " ELSE ['Maths', 'Physics', 'History', 'Linguistics'][1 + i % 4] END, 3 + i % 3"
        " FROM range(1, 151) t(i)",
        "CREATE TABLE enrollments (student_id INTEGER, course_id INTEGER, term VARCHAR,"
        " grade DOUBLE)",
        "INSERT INTO enrollments SELECT s, 1 + (s * 7 + k * 13) % 160,"
        " CASE WHEN k % 2 = 0 THEN '2025A' ELSE '2025B' END,"
        " CASE WHEN (s + k) % 10 = 0 THEN NULL ELSE 40 + (s * k) % 60 END"
        " FROM range(1, 301) a(s), range(0, 4) b(k)",
        "CREATE TABLE enrollment_load AS SELECT * FROM enrollments WHERE student_id <= 50",
        "INSERT INTO enrollment_load SELECT * FROM enrollments WHERE student_id <= 50"
        " AND student_id % 2 = 0",
    ],
    # Sensors and readings: sites with NULLs, one sensor with a single reading (41), NULL
    # values, timestamps unique per sensor, two calibrations per sensor.
    "sensors": [
        "CREATE TABLE sensors (sensor_id INTEGER, site VARCHAR, kind VARCHAR)",
        "INSERT INTO sensors SELECT i, CASE WHEN i % 5 = 0 THEN NULL"
        " ELSE 'site-' || ['A', 'B', 'C'][1 + i % 3] END,"
        " CASE i % 3 WHEN 0 THEN 'temp' WHEN 1 THEN 'humidity' ELSE 'co2' END"
        " FROM range(1, 42) t(i)",
        "CREATE TABLE readings (sensor_id INTEGER, ts TIMESTAMP, value DOUBLE)",
        "INSERT INTO readings SELECT 1 + i % 40, TIMESTAMP '2025-06-01 00:00:00'"
        " + to_minutes(CAST(i * 37 AS BIGINT)),"
        " CASE WHEN i % 29 = 0 THEN NULL ELSE round(sin(i) * 50 + 20, 3) END"
        " FROM range(0, 2000) t(i)",
        "INSERT INTO readings VALUES (41, TIMESTAMP '2025-06-03 12:00:00', 7.5)",
        "CREATE TABLE calibrations (sensor_id INTEGER, calibrated_on DATE)",
        "INSERT INTO calibrations SELECT i, DATE '2025-01-01' + CAST(k * 90 AS INTEGER)"
        " FROM range(1, 42) t(i), range(0, 2) b(k)",
        "CREATE TABLE one_gateway (gateway_id INTEGER, label VARCHAR)",
        "INSERT INTO one_gateway VALUES (1, 'gw-α')",
    ],
}


def _case(
    id: str,
    schema: str,
    expect: str,
    spec: dict[str, Any],
    truth: str,
    note: str,
    code: str | None = None,
    *,
    approve: tuple[str, ...] = (),
    iterations: int = 0,
    contested: bool = False,
) -> dict[str, Any]:
    return {
        "id": id,
        "schema": schema,
        "expect": expect,
        "spec": spec,
        "code": code,
        "truth": truth,
        "approve": approve,
        "iterations": iterations,
        "contested": contested,
        "note": note,
    }


# ---------------------------------------------------------------------------------------------
# Specs shared by several cases

VISITS_BY_REGION = {
    "description": "Visits and fees per clinic region",
    "source_tables": [{"name": "visits", "alias": "v"}, {"name": "clinics", "alias": "c"}],
    "join_conditions": [{"left": "v", "right": "c", "on": "v.clinic_id = c.clinic_id"}],
    "group_by": ["c.region"],
    "aggregations": [
        {"name": "visit_count", "expr": "count(*)"},
        {"name": "fees", "expr": "sum(v.fee)"},
    ],
    "target_table": {"name": "visits_by_region", "keys": ["region"]},
}
VISITS_BY_REGION_TRUTH = (
    "SELECT c.region, count(*) AS visit_count, sum(v.fee) AS fees"
    " FROM clinics c, visits v WHERE c.clinic_id = v.clinic_id GROUP BY c.region"
)

VISITS_PER_CLINIC = {
    "description": "Every clinic with its number of visits, zero included",
    "source_tables": [{"name": "clinics", "alias": "c"}, {"name": "visits", "alias": "v"}],
    "join_conditions": [
        {"left": "c", "right": "v", "type": "left", "on": "c.clinic_id = v.clinic_id"}
    ],
    "group_by": ["c.clinic_id", "c.clinic_name"],
    "aggregations": [
        {"name": "visit_count", "expr": "count(v.visit_id)"},
        {"name": "fees", "expr": "sum(v.fee)"},
    ],
    "target_table": {"name": "clinic_visits", "keys": ["clinic_id"]},
}
VISITS_PER_CLINIC_TRUTH = (
    "SELECT c.clinic_id, c.clinic_name,"
    " (SELECT count(*) FROM visits v WHERE v.clinic_id = c.clinic_id) AS visit_count,"
    " (SELECT sum(fee) FROM visits v WHERE v.clinic_id = c.clinic_id) AS fees FROM clinics c"
)

DELIVERED = {
    "description": "Delivered shipments, one row each",
    "source_tables": [{"name": "shipments", "alias": "s"}],
    "filters": ["s.status = 'delivered'"],
    "columns": ["s.shipment_id", "s.wh_code", "s.weight_kg"],
    "target_table": {"name": "delivered_shipments", "keys": ["shipment_id"]},
}
DELIVERED_TRUTH = "SELECT shipment_id, wh_code, weight_kg FROM shipments WHERE status = 'delivered'"

WEIGHT_BY_CITY = {
    "description": "Delivered weight per warehouse city",
    "source_tables": [{"name": "shipments", "alias": "s"}, {"name": "warehouses", "alias": "w"}],
    "join_conditions": [{"left": "s", "right": "w", "on": "s.wh_code = w.wh_code"}],
    "filters": ["s.status = 'delivered'"],
    "group_by": ["w.city"],
    "aggregations": [
        {"name": "shipment_count", "expr": "count(*)"},
        {"name": "total_kg", "expr": "sum(s.weight_kg)"},
    ],
    "target_table": {"name": "weight_by_city", "keys": ["city"]},
}
WEIGHT_BY_CITY_TRUTH = (
    "SELECT w.city, count(*) AS shipment_count, sum(s.weight_kg) AS total_kg"
    " FROM warehouses w JOIN shipments s USING (wh_code) WHERE s.status = 'delivered'"
    " GROUP BY w.city"
)

MONTHLY_WEIGHT = {
    "description": "Shipped weight per warehouse code and month, Q1 2025 through 31 March",
    "source_tables": [{"name": "shipments", "alias": "s"}],
    "filters": ["s.shipped_on BETWEEN DATE '2025-01-01' AND DATE '2025-03-31'"],
    "group_by": ["s.wh_code", "date_trunc('month', s.shipped_on) AS month"],
    "aggregations": [{"name": "total_kg", "expr": "sum(s.weight_kg)"}],
    "target_table": {"name": "monthly_weight", "keys": ["wh_code", "month"]},
}
MONTHLY_WEIGHT_TRUTH = (
    "SELECT wh_code, date_trunc('month', shipped_on) AS month, sum(weight_kg) AS total_kg"
    " FROM shipments WHERE shipped_on >= DATE '2025-01-01' AND shipped_on < DATE '2025-04-01'"
    " GROUP BY ALL"
)

ENROLL_BY_DEPT = {
    "description": "Enrollments and average grade per department, orphan courses included",
    "source_tables": [{"name": "enrollments", "alias": "e"}, {"name": "courses", "alias": "c"}],
    "join_conditions": [
        {"left": "e", "right": "c", "type": "left", "on": "e.course_id = c.course_id"}
    ],
    "group_by": ["c.dept"],
    "aggregations": [
        {"name": "enrolled", "expr": "count(*)"},
        {"name": "avg_grade", "expr": "avg(e.grade)"},
    ],
    "target_table": {"name": "enrollment_by_dept", "keys": ["dept"]},
}
ENROLL_BY_DEPT_TRUTH = (
    "SELECT c.dept, count(*) AS enrolled, avg(e.grade) AS avg_grade"
    " FROM enrollments e LEFT JOIN courses c ON c.course_id = e.course_id GROUP BY c.dept"
)

COURSE_TERMS = {
    "description": "Enrolled students per course, passing grades only",
    "source_tables": [{"name": "enrollments", "alias": "e"}],
    "filters": ["e.grade >= 50"],
    "group_by": ["e.course_id"],
    "aggregations": [{"name": "passed", "expr": "count(*)"}],
    "target_table": {"name": "course_passes", "keys": ["course_id"]},
}
COURSE_TERMS_TRUTH = (
    "SELECT course_id, count(*) AS passed FROM enrollments WHERE grade >= 50 GROUP BY course_id"
)

LATEST_READING = {
    "description": "The latest reading of each sensor",
    "source_tables": [{"name": "readings", "alias": "r"}],
    "columns": ["r.sensor_id", "r.ts", "r.value"],
    "qualify": ["row_number() OVER (PARTITION BY r.sensor_id ORDER BY r.ts DESC) = 1"],
    "target_table": {"name": "latest_reading", "keys": ["sensor_id"]},
}
LATEST_READING_TRUTH = (
    "SELECT r.sensor_id, r.ts, r.value FROM readings r"
    " WHERE r.ts = (SELECT max(x.ts) FROM readings x WHERE x.sensor_id = r.sensor_id)"
)

SITE_STATS = {
    "description": "Readings per sensor site (sites known only)",
    "source_tables": [{"name": "readings", "alias": "r"}, {"name": "sensors", "alias": "s"}],
    "join_conditions": [{"left": "r", "right": "s", "on": "r.sensor_id = s.sensor_id"}],
    "filters": ["s.site IS NOT NULL"],
    "group_by": ["s.site"],
    "aggregations": [
        {"name": "reading_count", "expr": "count(r.value)"},
        {"name": "peak", "expr": "max(r.value)"},
    ],
    "target_table": {"name": "site_stats", "keys": ["site"]},
}
SITE_STATS_TRUTH = (
    "SELECT s.site, count(r.value) AS reading_count, max(r.value) AS peak"
    " FROM sensors s JOIN readings r ON r.sensor_id = s.sensor_id"
    " WHERE s.site IS NOT NULL GROUP BY s.site"
)

BUSY_SENSORS = {
    "description": "Sensors with at least 49 non-missing readings, with their mean value",
    "source_tables": [{"name": "readings", "alias": "r"}],
    "group_by": ["r.sensor_id"],
    "aggregations": [
        {"name": "n", "expr": "count(r.value)"},
        {"name": "mean_value", "expr": "avg(r.value)"},
    ],
    "having": ["n >= 49"],
    "target_table": {"name": "busy_sensors", "keys": ["sensor_id"]},
}
BUSY_SENSORS_TRUTH = (
    "SELECT sensor_id, count(value) AS n, avg(value) AS mean_value FROM readings"
    " GROUP BY sensor_id HAVING count(value) >= 49"
)

HEAVY_VISITS = {
    "description": "Visits with a fee over 20, one row each",
    "source_tables": [{"name": "visits", "alias": "v"}],
    "filters": ["v.fee > 20"],
    "columns": ["v.visit_id", "v.clinic_id", "v.fee"],
    "target_table": {"name": "paid_visits", "keys": ["visit_id"]},
}
HEAVY_VISITS_TRUTH = "SELECT visit_id, clinic_id, fee FROM visits WHERE fee > 20"

# ---------------------------------------------------------------------------------------------
# Correct outputs: must publish with "pass"

PASS: list[dict[str, Any]] = [
    _case(
        "cli_region_nulls_nokeys",
        "clinics",
        "pass",
        {**VISITS_BY_REGION, "target_table": {"name": "visits_by_region"}},
        VISITS_BY_REGION_TRUTH,
        "two clinics have no region: one NULL group; no keys declared, so the grain is the"
        " group-by and NULL is one of its values",
    ),
    _case(
        "cli_region_nulls_keys",
        "clinics",
        "pass",
        VISITS_BY_REGION,
        VISITS_BY_REGION_TRUTH,
        "the same with keys ['region']: one NULL-region row is one group, not a broken grain",
        contested=True,
    ),
    _case(
        "cli_region_nulls_usercode",
        "clinics",
        "pass",
        VISITS_BY_REGION,
        VISITS_BY_REGION_TRUTH,
        "a correct hand-written query (comma join, WHERE) for the NULL-region grouping:"
        " row-level comparison must match the NULL group to the NULL group",
        code=(
            "SELECT c.region, count(*) AS visit_count, sum(v.fee) AS fees"
            " FROM clinics AS c, visits AS v WHERE v.clinic_id = c.clinic_id GROUP BY c.region"
        ),
        contested=True,
    ),
    _case(
        "cli_region_kind_two_null_keys",
        "clinics",
        "pass",
        {
            "description": "Visits per region and visit kind",
            "source_tables": [{"name": "visits", "alias": "v"}, {"name": "clinics", "alias": "c"}],
            "join_conditions": [{"left": "v", "right": "c", "on": "v.clinic_id = c.clinic_id"}],
            "group_by": ["c.region", "v.kind"],
            "aggregations": [{"name": "visit_count", "expr": "count(*)"}],
            "target_table": {"name": "visits_by_region_kind", "keys": ["region", "kind"]},
        },
        "SELECT c.region, v.kind, count(*) AS visit_count FROM visits v"
        " JOIN clinics c ON c.clinic_id = v.clinic_id GROUP BY c.region, v.kind",
        "NULLs in both key columns (region NULL, kind NULL, and both NULL): every combination"
        " appears once",
        code=(
            "SELECT c.region, v.kind, count(*) AS visit_count FROM visits v"
            " JOIN clinics c ON c.clinic_id = v.clinic_id GROUP BY v.kind, c.region"
        ),
        contested=True,
    ),
    _case(
        "wh_all_null_group",
        "warehouses",
        "pass",
        {
            "description": "Refunds per return reason",
            "source_tables": [{"name": "returns", "alias": "r"}],
            "group_by": ["r.reason"],
            "aggregations": [
                {"name": "returns", "expr": "count(*)"},
                {"name": "refunded", "expr": "sum(r.refund)"},
            ],
            "target_table": {"name": "refunds_by_reason", "keys": ["reason"]},
        },
        "SELECT NULL::VARCHAR AS reason, count(*) AS returns, sum(refund) AS refunded FROM returns",
        "every reason is NULL: the answer is one row whose key is NULL",
        contested=True,
    ),
    _case(
        "cli_null_measures",
        "clinics",
        "pass",
        VISITS_PER_CLINIC,
        VISITS_PER_CLINIC_TRUTH,
        "clinic 6 has no visits: count 0 and a NULL sum; NULL fees elsewhere are skipped",
    ),
    _case(
        "cli_null_measures_usercode",
        "clinics",
        "pass",
        VISITS_PER_CLINIC,
        VISITS_PER_CLINIC_TRUTH,
        "the same as a correct hand-written LEFT JOIN (NULL join keys of orphan visits match"
        " nothing)",
        code=(
            "SELECT c.clinic_id, c.clinic_name, count(v.visit_id) AS visit_count,"
            " sum(v.fee) AS fees FROM clinics c LEFT JOIN visits v ON v.clinic_id = c.clinic_id"
            " GROUP BY c.clinic_id, c.clinic_name"
        ),
    ),
    _case(
        "sen_overall_one_row",
        "sensors",
        "pass",
        {
            "description": "Overall reading statistics",
            "source_tables": [{"name": "readings", "alias": "r"}],
            "aggregations": [
                {"name": "readings", "expr": "count(*)"},
                {"name": "missing", "expr": "count(*) - count(r.value)"},
                {"name": "low", "expr": "min(r.value)"},
                {"name": "high", "expr": "max(r.value)"},
            ],
            "target_table": {"name": "reading_overview"},
        },
        "SELECT count(*) AS readings, count(*) - count(value) AS missing, min(value) AS low,"
        " max(value) AS high FROM readings",
        "an aggregate without grouping: exactly one row",
    ),
    _case(
        "sen_one_row_source",
        "sensors",
        "pass",
        {
            "description": "Gateways with their labels",
            "source_tables": [{"name": "one_gateway", "alias": "g"}],
            "columns": ["g.gateway_id", "upper(g.label) AS label"],
            "target_table": {"name": "gateways", "keys": ["gateway_id"]},
        },
        "SELECT 1 AS gateway_id, upper('gw-α') AS label",
        "a one-row source table with a Greek letter upper-cased",
    ),
    _case(
        "sen_single_reading_sensor",
        "sensors",
        "pass",
        {
            "description": "Readings of sensor 41",
            "source_tables": [{"name": "readings", "alias": "r"}],
            "filters": ["r.sensor_id = 41"],
            "group_by": ["r.sensor_id"],
            "aggregations": [
                {"name": "n", "expr": "count(*)"},
                {"name": "mean_value", "expr": "avg(r.value)"},
            ],
            "target_table": {"name": "sensor_41", "keys": ["sensor_id"]},
        },
        "SELECT 41 AS sensor_id, 1 AS n, 7.5 AS mean_value",
        "one group of one reading",
    ),
    _case(
        "wh_empty_allowed",
        "warehouses",
        "pass",
        {
            "description": "Shipments heavier than a tonne (none expected)",
            "source_tables": [{"name": "shipments", "alias": "s"}],
            "filters": ["s.weight_kg > 1000"],
            "columns": ["s.shipment_id", "s.weight_kg"],
            "target_table": {
                "name": "tonne_shipments",
                "keys": ["shipment_id"],
                "allow_empty": True,
            },
        },
        "SELECT shipment_id, weight_kg FROM shipments WHERE false",
        "no shipment weighs over 1000 kg and the spec allows an empty result",
    ),
    _case(
        "wh_city_unicode",
        "warehouses",
        "pass",
        WEIGHT_BY_CITY,
        WEIGHT_BY_CITY_TRUTH,
        "unicode keys (Zürich, São Paulo, 東京); warehouse XXX9 has no city but no shipment,"
        " shipments without a warehouse code join nothing",
    ),
    _case(
        "wh_city_unicode_usercode",
        "warehouses",
        "pass",
        WEIGHT_BY_CITY,
        WEIGHT_BY_CITY_TRUTH,
        "the same, hand-written with USING and the filter inside the join",
        code=(
            "SELECT w.city, count(*) AS shipment_count, sum(s.weight_kg) AS total_kg"
            " FROM shipments s JOIN warehouses w ON w.wh_code = s.wh_code"
            " AND s.status = 'delivered' GROUP BY w.city"
        ),
    ),
    _case(
        "wh_monthly_dates_nullcode",
        "warehouses",
        "pass",
        MONTHLY_WEIGHT,
        MONTHLY_WEIGHT_TRUTH,
        "date grain with a NULL warehouse code (shipments i % 5 = 4) in one key column",
        code=(
            "SELECT s.wh_code, date_trunc('month', s.shipped_on) AS month,"
            " sum(s.weight_kg) AS total_kg FROM shipments s"
            " WHERE s.shipped_on >= DATE '2025-01-01' AND s.shipped_on <= DATE '2025-03-31'"
            " GROUP BY 1, 2"
        ),
        contested=True,
    ),
    _case(
        "wh_delivered_1000_rows",
        "warehouses",
        "pass",
        DELIVERED,
        DELIVERED_TRUTH,
        "1,000 distinct keys, NULL warehouse codes and weights in non-key columns",
        code=(
            "SELECT shipment_id, wh_code, weight_kg FROM shipments WHERE status IN ('delivered')"
        ),
    ),
    _case(
        "crs_dept_orphans",
        "courses",
        "pass",
        ENROLL_BY_DEPT,
        ENROLL_BY_DEPT_TRUTH,
        "the NULL department gathers courses without a department and orphan enrollments",
        contested=True,
    ),
    _case(
        "crs_dept_orphans_usercode",
        "courses",
        "pass",
        ENROLL_BY_DEPT,
        ENROLL_BY_DEPT_TRUTH,
        "the same written as a RIGHT JOIN",
        code=(
            "SELECT c.dept, count(*) AS enrolled, avg(e.grade) AS avg_grade"
            " FROM courses c RIGHT JOIN enrollments e ON e.course_id = c.course_id"
            " GROUP BY c.dept"
        ),
        contested=True,
    ),
    _case(
        "sen_having_busy",
        "sensors",
        "pass",
        BUSY_SENSORS,
        BUSY_SENSORS_TRUTH,
        "having on a count of values: 11 of 41 sensors; NULL values ignored by count and avg",
    ),
    _case(
        "sen_latest_qualify_usercode",
        "sensors",
        "pass",
        LATEST_READING,
        LATEST_READING_TRUTH,
        "latest reading per sensor, hand-written with a sub-query instead of QUALIFY; some"
        " latest values are NULL",
        code=(
            "SELECT sensor_id, ts, value FROM (SELECT r.sensor_id, r.ts, r.value,"
            " row_number() OVER (PARTITION BY r.sensor_id ORDER BY r.ts DESC) AS rn"
            " FROM readings r) AS ranked WHERE rn = 1"
        ),
    ),
    _case(
        "sen_site_kind_distinct",
        "sensors",
        "pass",
        {
            "description": "The distinct site and kind pairs of the sensors",
            "source_tables": [{"name": "sensors", "alias": "s"}],
            "columns": ["s.site", "s.kind"],
            "distinct": True,
            "target_table": {"name": "site_kinds", "keys": ["site", "kind"]},
        },
        "SELECT site, kind FROM sensors GROUP BY site, kind",
        "distinct pairs where site is NULL for some kinds: each pair once",
        contested=True,
    ),
    _case(
        "wh_dedup_load",
        "warehouses",
        "pass",
        {
            "description": "Loaded shipments, one row each, over 10 kg",
            "source_tables": [{"name": "shipment_load", "alias": "l"}],
            "filters": ["l.weight_kg > 10"],
            "columns": ["l.shipment_id", "l.wh_code", "l.weight_kg"],
            "target_table": {"name": "loaded_shipments", "keys": ["shipment_id"]},
        },
        "SELECT DISTINCT shipment_id, wh_code, weight_kg FROM shipment_load WHERE weight_kg > 10",
        "the load holds exact duplicates; with deduplicate approved the deduplicated output is"
        " the right answer, and every check (the filter included) must run, not error",
        approve=("deduplicate",),
        iterations=5,
    ),
    _case(
        "crs_dedup_load",
        "courses",
        "pass",
        {
            "description": "Loaded enrollments with a grade of 50 or more",
            "source_tables": [{"name": "enrollment_load", "alias": "l"}],
            "filters": ["l.grade >= 50"],
            "columns": ["l.student_id", "l.course_id", "l.term", "l.grade"],
            "target_table": {"name": "loaded_passes", "keys": ["student_id", "course_id"]},
        },
        "SELECT DISTINCT student_id, course_id, term, grade FROM enrollment_load WHERE grade >= 50",
        "exact duplicates in a two-column grain, deduplicate approved",
        approve=("deduplicate",),
        iterations=5,
    ),
    _case(
        "wh_dedup_usercode",
        "warehouses",
        "pass",
        {
            "description": "Loaded shipments of warehouse ZRH1, one row each",
            "source_tables": [{"name": "shipment_load", "alias": "l"}],
            "filters": ["l.wh_code = 'ZRH1'"],
            "columns": ["l.shipment_id", "l.wh_code", "l.weight_kg"],
            "target_table": {"name": "zrh_shipments", "keys": ["shipment_id"]},
        },
        "SELECT DISTINCT shipment_id, wh_code, weight_kg FROM shipment_load WHERE wh_code = 'ZRH1'",
        "a user's query that applies the filter but keeps the load's duplicates; deduplicate"
        " approved: the published table must be deduplicated and the filter check must run",
        code=(
            "SELECT l.shipment_id, l.wh_code, l.weight_kg FROM shipment_load l"
            " WHERE l.wh_code = 'ZRH1'"
        ),
        approve=("deduplicate",),
        iterations=5,
    ),
]

# ---------------------------------------------------------------------------------------------
# Wrong outputs: must not publish (and report true counts)

CATCH: list[dict[str, Any]] = [
    _case(
        "wh_dup_97",
        "warehouses",
        "catch",
        DELIVERED,
        DELIVERED_TRUTH,
        "97 delivered shipments (ids 1-116) appear twice: 97 duplicate keys",
        code=(
            "SELECT shipment_id, wh_code, weight_kg FROM shipments WHERE status = 'delivered'"
            " UNION ALL SELECT shipment_id, wh_code, weight_kg FROM shipments"
            " WHERE status = 'delivered' AND shipment_id <= 116"
        ),
    ),
    _case(
        "wh_dup_1000_fanout",
        "warehouses",
        "catch",
        DELIVERED,
        DELIVERED_TRUTH,
        "a join to tracking (two scans per shipment) doubles every row: 1,000 duplicate keys",
        code=(
            "SELECT s.shipment_id, s.wh_code, s.weight_kg FROM shipments s"
            " JOIN tracking t ON t.shipment_id = s.shipment_id WHERE s.status = 'delivered'"
        ),
    ),
    _case(
        "crs_dup_40_triples",
        "courses",
        "catch",
        COURSE_TERMS,
        COURSE_TERMS_TRUTH,
        "40 courses (1-40) appear three times: 40 duplicate keys, 80 extra rows",
        code=(
            "SELECT course_id, count(*) AS passed FROM enrollments WHERE grade >= 50"
            " GROUP BY course_id UNION ALL SELECT course_id, count(*) AS passed FROM enrollments"
            " WHERE grade >= 50 AND course_id <= 40 GROUP BY course_id"
            " UNION ALL SELECT course_id, count(*) AS passed FROM enrollments"
            " WHERE grade >= 50 AND course_id <= 40 GROUP BY course_id"
        ),
    ),
    _case(
        "crs_dup_grouped_by_term",
        "courses",
        "catch",
        COURSE_TERMS,
        COURSE_TERMS_TRUTH,
        "grouped by course and term instead of course: every course with passes in both terms"
        " repeats (the runner counts them)",
        code=(
            "SELECT course_id, count(*) AS passed FROM enrollments WHERE grade >= 50"
            " GROUP BY course_id, term"
        ),
    ),
    _case(
        "cli_two_null_region_rows",
        "clinics",
        "catch",
        VISITS_BY_REGION,
        VISITS_BY_REGION_TRUTH,
        "grouped by region and clinic: the NULL region appears twice (clinics 2 and 4) and Nord"
        " once per clinic with visits",
        code=(
            "SELECT c.region, count(*) AS visit_count, sum(v.fee) AS fees FROM visits v"
            " JOIN clinics c ON c.clinic_id = v.clinic_id GROUP BY c.region, c.clinic_id"
        ),
    ),
    _case(
        "cli_null_group_dropped",
        "clinics",
        "catch",
        VISITS_BY_REGION,
        VISITS_BY_REGION_TRUTH,
        "the NULL-region group is filtered out: a legitimate row is missing",
        code=(
            "SELECT c.region, count(*) AS visit_count, sum(v.fee) AS fees FROM visits v"
            " JOIN clinics c ON c.clinic_id = v.clinic_id WHERE c.region IS NOT NULL"
            " GROUP BY c.region"
        ),
    ),
    _case(
        "cli_null_group_relabelled",
        "clinics",
        "catch",
        VISITS_BY_REGION,
        VISITS_BY_REGION_TRUTH,
        "the NULL region is published as 'unknown': a key value the answer does not have",
        code=(
            "SELECT coalesce(c.region, 'unknown') AS region, count(*) AS visit_count,"
            " sum(v.fee) AS fees FROM visits v JOIN clinics c ON c.clinic_id = v.clinic_id"
            " GROUP BY 1"
        ),
    ),
    _case(
        "cli_orphans_added",
        "clinics",
        "catch",
        {**VISITS_BY_REGION, "target_table": {"name": "visits_by_region"}},
        VISITS_BY_REGION_TRUTH,
        "a LEFT JOIN from visits lets the 7 visits without a clinic into the NULL-region group:"
        " its count and fees are too high",
        code=(
            "SELECT c.region, count(*) AS visit_count, sum(v.fee) AS fees FROM visits v"
            " LEFT JOIN clinics c ON c.clinic_id = v.clinic_id GROUP BY c.region"
        ),
    ),
    _case(
        "cli_left_became_inner",
        "clinics",
        "catch",
        VISITS_PER_CLINIC,
        VISITS_PER_CLINIC_TRUTH,
        "an inner join drops clinic 6, which has no visits",
        code=(
            "SELECT c.clinic_id, c.clinic_name, count(v.visit_id) AS visit_count,"
            " sum(v.fee) AS fees FROM clinics c JOIN visits v ON v.clinic_id = c.clinic_id"
            " GROUP BY c.clinic_id, c.clinic_name"
        ),
    ),
    _case(
        "cli_count_star_on_left_join",
        "clinics",
        "catch",
        VISITS_PER_CLINIC,
        VISITS_PER_CLINIC_TRUTH,
        "count(*) instead of count(v.visit_id): clinic 6 shows 1 visit instead of 0",
        code=(
            "SELECT c.clinic_id, c.clinic_name, count(*) AS visit_count,"
            " sum(v.fee) AS fees FROM clinics c LEFT JOIN visits v ON v.clinic_id = c.clinic_id"
            " GROUP BY c.clinic_id, c.clinic_name"
        ),
    ),
    _case(
        "cli_fee_null_as_zero_count",
        "clinics",
        "catch",
        VISITS_PER_CLINIC,
        VISITS_PER_CLINIC_TRUTH,
        "coalesce(sum(fee), 0): clinic 6's total is 0 where the answer is NULL",
        code=(
            "SELECT c.clinic_id, c.clinic_name, count(v.visit_id) AS visit_count,"
            " coalesce(sum(v.fee), 0) AS fees FROM clinics c LEFT JOIN visits v"
            " ON v.clinic_id = c.clinic_id GROUP BY c.clinic_id, c.clinic_name"
        ),
    ),
    _case(
        "wh_fanout_totals",
        "warehouses",
        "catch",
        WEIGHT_BY_CITY,
        WEIGHT_BY_CITY_TRUTH,
        "a join to tracking doubles every count and total; keys stay unique",
        code=(
            "SELECT w.city, count(*) AS shipment_count, sum(s.weight_kg) AS total_kg"
            " FROM shipments s JOIN warehouses w ON w.wh_code = s.wh_code"
            " JOIN tracking t ON t.shipment_id = s.shipment_id WHERE s.status = 'delivered'"
            " GROUP BY w.city"
        ),
    ),
    _case(
        "wh_avg_for_sum",
        "warehouses",
        "catch",
        WEIGHT_BY_CITY,
        WEIGHT_BY_CITY_TRUTH,
        "avg instead of sum for total_kg",
        code=(
            "SELECT w.city, count(*) AS shipment_count, avg(s.weight_kg) AS total_kg"
            " FROM shipments s JOIN warehouses w ON w.wh_code = s.wh_code"
            " WHERE s.status = 'delivered' GROUP BY w.city"
        ),
    ),
    _case(
        "wh_filter_missing_grouped",
        "warehouses",
        "catch",
        WEIGHT_BY_CITY,
        WEIGHT_BY_CITY_TRUTH,
        "the status filter is not applied: returned shipments are counted",
        code=(
            "SELECT w.city, count(*) AS shipment_count, sum(s.weight_kg) AS total_kg"
            " FROM shipments s JOIN warehouses w ON w.wh_code = s.wh_code GROUP BY w.city"
        ),
    ),
    _case(
        "wh_city_unicode_mangled",
        "warehouses",
        "catch",
        WEIGHT_BY_CITY,
        WEIGHT_BY_CITY_TRUTH,
        "city keys upper-cased: ZÜRICH, SÃO PAULO are not the catalog's values",
        code=(
            "SELECT upper(w.city) AS city, count(*) AS shipment_count,"
            " sum(s.weight_kg) AS total_kg FROM shipments s JOIN warehouses w"
            " ON w.wh_code = s.wh_code WHERE s.status = 'delivered' GROUP BY 1"
        ),
    ),
    _case(
        "wh_measures_swapped",
        "warehouses",
        "catch",
        {
            **WEIGHT_BY_CITY,
            "aggregations": [
                {"name": "lightest_kg", "expr": "min(s.weight_kg)"},
                {"name": "heaviest_kg", "expr": "max(s.weight_kg)"},
            ],
        },
        "SELECT w.city, min(s.weight_kg) AS lightest_kg, max(s.weight_kg) AS heaviest_kg"
        " FROM warehouses w JOIN shipments s USING (wh_code) WHERE s.status = 'delivered'"
        " GROUP BY w.city",
        "min and max swapped between two columns of the same type",
        code=(
            "SELECT w.city, max(s.weight_kg) AS lightest_kg, min(s.weight_kg) AS heaviest_kg"
            " FROM shipments s JOIN warehouses w ON w.wh_code = s.wh_code"
            " WHERE s.status = 'delivered' GROUP BY w.city"
        ),
    ),
    _case(
        "wh_date_off_by_one",
        "warehouses",
        "catch",
        MONTHLY_WEIGHT,
        MONTHLY_WEIGHT_TRUTH,
        "`< DATE '2025-03-31'` drops the last day of March from the March totals",
        code=(
            "SELECT s.wh_code, date_trunc('month', s.shipped_on) AS month,"
            " sum(s.weight_kg) AS total_kg FROM shipments s"
            " WHERE s.shipped_on >= DATE '2025-01-01' AND s.shipped_on < DATE '2025-03-31'"
            " GROUP BY 1, 2"
        ),
    ),
    _case(
        "wh_week_for_month",
        "warehouses",
        "catch",
        MONTHLY_WEIGHT,
        MONTHLY_WEIGHT_TRUTH,
        "truncated to the week instead of the month: about four times the rows",
        code=(
            "SELECT s.wh_code, date_trunc('week', s.shipped_on) AS month,"
            " sum(s.weight_kg) AS total_kg FROM shipments s"
            " WHERE s.shipped_on BETWEEN DATE '2025-01-01' AND DATE '2025-03-31' GROUP BY 1, 2"
        ),
    ),
    _case(
        "wh_filter_missing_rowlevel",
        "warehouses",
        "catch",
        {**DELIVERED, "columns": ["s.shipment_id", "s.status", "s.weight_kg"]},
        "SELECT shipment_id, status, weight_kg FROM shipments WHERE status = 'delivered'",
        "the status filter is not applied and status is in the output: 200 rows break it",
        code="SELECT shipment_id, status, weight_kg FROM shipments",
    ),
    _case(
        "cli_filter_null_fee_rows",
        "clinics",
        "catch",
        HEAVY_VISITS,
        HEAVY_VISITS_TRUTH,
        "filter `fee > 20` not applied: rows with fee <= 20 and rows with a NULL fee (which the"
        " WHERE would have dropped) all break it",
        code="SELECT visit_id, clinic_id, fee FROM visits",
    ),
    _case(
        "cli_filter_only_nulls_leak",
        "clinics",
        "catch",
        HEAVY_VISITS,
        HEAVY_VISITS_TRUTH,
        "`fee > 20 OR fee IS NULL`: only the 10 NULL-fee rows are wrong; a filter check that"
        " reads NOT (fee > 20) misses them, the row count does not",
        code="SELECT visit_id, clinic_id, fee FROM visits WHERE fee > 20 OR fee IS NULL",
    ),
    _case(
        "sen_notnull_filter_ignored",
        "sensors",
        "catch",
        SITE_STATS,
        SITE_STATS_TRUTH,
        "the spec declares site NOT NULL through its filter; the code keeps the NULL-site"
        " sensors: one NULL-key row the answer does not have",
        code=(
            "SELECT s.site, count(r.value) AS reading_count, max(r.value) AS peak"
            " FROM readings r JOIN sensors s ON s.sensor_id = r.sensor_id GROUP BY s.site"
        ),
    ),
    _case(
        "sen_notnull_filter_null_injected",
        "sensors",
        "catch",
        SITE_STATS,
        SITE_STATS_TRUTH,
        "site-C relabelled NULL: a NULL key where the spec's filter forbids one, and site-C"
        " missing",
        code=(
            "SELECT CASE WHEN s.site = 'site-C' THEN NULL ELSE s.site END AS site,"
            " count(r.value) AS reading_count, max(r.value) AS peak FROM readings r"
            " JOIN sensors s ON s.sensor_id = r.sensor_id WHERE s.site IS NOT NULL GROUP BY 1"
        ),
    ),
    _case(
        "sen_having_missing",
        "sensors",
        "catch",
        BUSY_SENSORS,
        BUSY_SENSORS_TRUTH,
        "the HAVING is not applied: the 30 sensors under 49 values are published",
        code=(
            "SELECT sensor_id, count(value) AS n, avg(value) AS mean_value FROM readings"
            " GROUP BY sensor_id"
        ),
    ),
    _case(
        "sen_earliest_not_latest",
        "sensors",
        "catch",
        LATEST_READING,
        LATEST_READING_TRUTH,
        "ORDER BY ts ASC: the earliest reading of each sensor, one row per key all the same",
        code=(
            "SELECT sensor_id, ts, value FROM (SELECT r.sensor_id, r.ts, r.value,"
            " row_number() OVER (PARTITION BY r.sensor_id ORDER BY r.ts) AS rn"
            " FROM readings r) AS ranked WHERE rn = 1"
        ),
    ),
    _case(
        "sen_mean_rounded_int",
        "sensors",
        "catch",
        BUSY_SENSORS,
        BUSY_SENSORS_TRUTH,
        "the mean cast to INTEGER: wrong values and a wrong type",
        code=(
            "SELECT sensor_id, count(value) AS n, CAST(avg(value) AS INTEGER) AS mean_value"
            " FROM readings GROUP BY sensor_id HAVING count(value) >= 49"
        ),
    ),
    _case(
        "crs_wrong_join_key",
        "courses",
        "catch",
        ENROLL_BY_DEPT,
        ENROLL_BY_DEPT_TRUTH,
        "joined on student_id = course_id: departments assigned at random",
        code=(
            "SELECT c.dept, count(*) AS enrolled, avg(e.grade) AS avg_grade FROM enrollments e"
            " LEFT JOIN courses c ON c.course_id = e.student_id GROUP BY c.dept"
        ),
    ),
    _case(
        "crs_empty_output",
        "courses",
        "catch",
        COURSE_TERMS,
        COURSE_TERMS_TRUTH,
        "a contradictory filter empties the output where the answer has rows",
        code=(
            "SELECT course_id, count(*) AS passed FROM enrollments WHERE grade >= 50"
            " AND grade < 50 GROUP BY course_id"
        ),
    ),
    _case(
        "crs_top10_limit_ignored",
        "courses",
        "catch",
        {
            **COURSE_TERMS,
            "order_by": [{"expr": "passed", "desc": True}, {"expr": "course_id"}],
            "limit": 10,
            "target_table": {"name": "top_courses", "keys": ["course_id"]},
        },
        "SELECT course_id, count(*) AS passed FROM enrollments WHERE grade >= 50"
        " GROUP BY course_id ORDER BY passed DESC, course_id LIMIT 10",
        "the top 10 courses asked; every course published",
        code=(
            "SELECT course_id, count(*) AS passed FROM enrollments WHERE grade >= 50"
            " GROUP BY course_id ORDER BY passed DESC, course_id"
        ),
    ),
]

CASES: list[dict[str, Any]] = PASS + CATCH

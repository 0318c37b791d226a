"""City bus network test database (DuckDB, ``main`` schema): Kelbridge supported routes.

Kelbridge City Council pays a bus operator to run its *supported* (tendered) bus routes:
low-frequency services that a commercial operator would not run on its own, each with a
fixed timetable of a few trips a day (some routes only run on certain weekdays). The data
holds those routes, the stops, the operator's vehicles, every timetabled trip, every
smartcard tap made on board and the service incidents (delays, breakdowns, ...) logged by
the control room.

Dates and periods
-----------------
Trips start on 2024-01-01. The last day of the data is **2025-06-18** (a Wednesday): it is
"today" for every question, and all of today's trips have already run. "This year" is 2025
(up to today), "last year" is 2024, "this month" is June 2025 (1-18 June), "last month" is
May 2025, "last quarter" is January-March 2025 (Q1), "yesterday" is 2025-06-17 and "the
last 7 days" / "last week" are 12-18 June 2025, today included. The timetable is already
loaded up to 2025-06-30, so trips after today exist with status 'S' (scheduled); there are
no taps or incidents after today.

A trip belongs to the day of its scheduled departure (``sched_dep_time``), even a night
trip that arrives after midnight. Taps are dated by ``tap_time``. Incidents are dated by
when they happened (``occ_time``), unless a question is explicitly about when they were
reported or logged (``rpt_time``).

Units: lengths and distances are in metres (``*_m``), durations in seconds (``*_s``),
money in pence (``fare_p``; 100 pence = 1 pound, GBP). All timestamps (``*_time``) are UK
local time. Yes/no columns hold the text 'Y' or 'N'. Code columns hold a single letter (or
two for ``dep_cd``); the codes are listed below, and a few of them are repeated as column
comments (``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``stp`` -- one row per bus stop (40 stops).

* ``stp_id`` (INTEGER, primary key).
* ``stp_nm`` (VARCHAR): stop name as shown on the flag. Not unique: there is a 'High
  Street' stop in both Oldtown and Northgate, and a 'Station Road' stop in both Oldtown and
  Eastfield.
* ``area`` (VARCHAR): district of the city the stop is in ('City Centre', 'Harbour',
  'University', 'Hillcrest', 'Marsh Lane', 'Airport', 'Oldtown', 'Northgate', 'Eastfield',
  'Riverside', 'Hospital', 'Parkway', 'Retail Park').
* ``zn`` (INTEGER): fare zone of the stop: 1 (city centre), 2 (inner suburbs) or 3 (outer
  suburbs and the airport). Zones are used for planning only; fares do not depend on them.
* ``shltr`` (VARCHAR): 'Y' if the stop has a passenger shelter, 'N' if not.
* ``rtpi`` (VARCHAR): 'Y' if the stop has a real-time departures display, 'N' if not.

``rte`` -- one row per route (15 routes), current, past and planned.

* ``rte_cd`` (VARCHAR, primary key): route number as shown on the bus, e.g. '5', '12X',
  'N4'. Route '12' and route '12X' are two different routes.
* ``rte_nm`` (VARCHAR): descriptive name, e.g. 'Central - Airport via Oldtown'.
* ``svc_typ`` (VARCHAR): type of service: 'R' = regular stopping service, 'X' = express
  (limited stops, higher fare), 'N' = night bus (Friday and Saturday nights only), 'S' =
  school service (school days only, i.e. Monday-Friday outside the school holidays).
* ``len_m`` (INTEGER): length of the route end to end, in metres (the same in both
  directions).
* ``orig_stp`` (INTEGER, foreign key to ``stp``): the route's first stop (its origin
  terminus) in the outbound direction.
* ``dest_stp`` (INTEGER, foreign key to ``stp``): the route's last stop (its destination
  terminus) in the outbound direction. Inbound trips run the other way, from ``dest_stp``
  back to ``orig_stp``.
* ``st`` (VARCHAR): route status today: 'A' = active (running to its timetable), 'S' =
  suspended (temporarily not running; route '18' has been suspended since 2025-05-19 for
  bridge repairs; its last timetabled trips were on 2025-05-16), 'W' = withdrawn (permanently
  discontinued), 'P' = planned (not started yet). An "active" route means ``st = 'A'``.
* ``start_dt`` (DATE): first day of service (for a planned route, the day it will start).
* ``end_dt`` (DATE): last day of service. Set for withdrawn routes; it is also set in
  advance when a withdrawal has been announced, so an active route can have an
  ``end_dt`` in the future (it keeps running until then). NULL = no end date.

``veh`` -- one row per bus in the operator's fleet for these routes (18 buses), including
retired ones.

* ``veh_no`` (VARCHAR, primary key): fleet number painted on the bus, e.g. 'KB112'.
* ``reg_mk`` (VARCHAR, unique): registration plate.
* ``mk`` (VARCHAR): manufacturer ('Alexander Dennis', 'Wright', 'Yutong', 'Optare').
* ``prop`` (VARCHAR): propulsion: 'D' = diesel, 'H' = diesel-electric hybrid, 'E' =
  battery electric.
* ``seats`` (INTEGER): number of seats.
* ``stand`` (INTEGER): number of standing places (total capacity = seats + stand).
* ``dep_cd`` (VARCHAR): depot the bus is based at: 'NG' = Northgate depot, 'RV' =
  Riverside depot. Buses usually, but not always, work routes run from their own depot.
* ``in_svc_dt`` (DATE): day the bus entered service with the operator.
* ``st`` (VARCHAR): fleet status today: 'A' = in service, 'O' = off road (in the workshop
  long term, not available), 'R' = retired (left the fleet). "In service" / "active" means
  ``st = 'A'``.
* ``off_dt`` (DATE): day a retired bus left the fleet; NULL for buses that are not retired.

``trip`` -- one row per timetabled trip: one run of a route in one direction, past, today
or scheduled (about 6,700 trips).

* ``trip_id`` (INTEGER, primary key).
* ``rte_cd`` (VARCHAR, foreign key to ``rte``).
* ``dir`` (VARCHAR): direction: 'O' = outbound (from the route's ``orig_stp`` to its
  ``dest_stp``), 'I' = inbound (from ``dest_stp`` back to ``orig_stp``).
* ``veh_no`` (VARCHAR, foreign key to ``veh``): bus that worked the trip. NULL when the trip
  was cancelled before a bus was allocated, and for future trips (buses are allocated on
  the day).
* ``sched_dep_time``, ``sched_arr_time`` (TIMESTAMP): timetabled departure from the first
  stop and arrival at the last stop. Night trips may arrive after midnight.
* ``act_dep_time``, ``act_arr_time`` (TIMESTAMP): actual departure from the first stop and
  actual arrival, recorded by the bus's tracker; for a part-run trip ``act_arr_time`` is
  when it terminated short. Both NULL for cancelled and future trips.
* ``trip_st`` (VARCHAR): 'C' = completed (ran the whole route), 'P' = part-run (ran, but
  was curtailed and terminated before the last stop), 'X' = cancelled (did not run at all),
  'S' = scheduled (in the future, not run yet). A trip "ran" / "operated" when its status is
  'C' or 'P'.

Punctuality is measured at departure from the first stop: a trip that ran is **on time**
when it left no more than 60 seconds before and no more than 300 seconds (5 minutes) after
its ``sched_dep_time``; **early** when it left more than 60 seconds before it; **late**
when it left more than 300 seconds after it. A trip's actual running (journey) time is
``act_arr_time - act_dep_time``; its timetabled running time is ``sched_arr_time -
sched_dep_time``.

``tap`` -- one row per smartcard tap on a bus card reader (about 16,000 taps). Passengers
tap once when boarding; there is no tap-out.

* ``tap_id`` (INTEGER, primary key).
* ``card_no`` (VARCHAR): smartcard number, e.g. 'KC210049'. One card = one passenger.
  There is no card table.
* ``trip_id`` (INTEGER, foreign key to ``trip``): trip boarded.
* ``stp_id`` (INTEGER, foreign key to ``stp``): stop where the passenger boarded.
* ``tap_time`` (TIMESTAMP): time of the tap.
* ``fare_cd`` (VARCHAR): fare category of the card: 'A' = adult, 'C' = child (under 16),
  'U' = student, 'S' = senior / disabled concession. A card's category never changes.
* ``fare_p`` (INTEGER): the fare for the tap in pence. Adult fares depend on the type of
  service (and the regular adult fare went up on 2025-04-06); child and student fares are
  discounted. Senior concession travel is free (fare_p = 0) except before 09:30 on Monday
  to Friday, when the adult fare is charged. For a declined tap this is the fare that was
  attempted (nothing was taken); for a refunded tap it is the fare that was charged and
  later paid back.
* ``tap_st`` (VARCHAR): 'V' = valid (fare taken), 'R' = refunded (fare taken and later
  paid back, e.g. after a curtailed trip; the passenger did travel), 'D' = declined (card
  rejected, e.g. not enough balance; the passenger did not board on that tap).

A **boarding** is a tap with ``tap_st`` 'V' or 'R' (declined taps are not boardings);
the number of **passengers** is the number of different cards. **Fare revenue** is the
sum of ``fare_p`` over valid ('V') taps only; refunds are the ``fare_p`` of 'R' taps.

``incd`` -- one row per service incident logged by the control room (about 950).

* ``incd_id`` (INTEGER, primary key).
* ``trip_id`` (INTEGER, foreign key to ``trip``): trip affected; NULL for incidents not
  tied to a trip (e.g. damage at a stop). A trip can have more than one incident.
* ``stp_id`` (INTEGER, foreign key to ``stp``): stop at or near which it happened; NULL if
  not recorded.
* ``occ_time`` (TIMESTAMP): when the incident happened.
* ``rpt_time`` (TIMESTAMP): when it was reported / logged by the control room; on or after
  ``occ_time`` (minutes later for staff reports, up to a few days later for reports from
  passengers).
* ``cause`` (VARCHAR): what caused it: 'T' = traffic congestion, 'M' = mechanical fault
  (breakdown), 'W' = weather, 'P' = passenger (disruptive or taken-ill passenger), 'R' =
  roadworks or diversion, 'S' = staff (no driver available), 'V' = vandalism or damage.
* ``rpt_by`` (VARCHAR): who reported it: 'D' = the bus driver, 'C' = the control room
  (from the vehicle trackers), 'P' = a passenger (app, phone or e-mail).
* ``delay_s`` (INTEGER): delay the incident caused to the trip, in seconds; NULL when no
  delay was measured (cancelled trips, incidents not tied to a running trip, most passenger
  reports).

Primary keys and foreign keys are declared.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
TODAY = dt.date(2025, 6, 18)
HORIZON = dt.date(2025, 6, 30)

_DDL = """
CREATE TABLE stp (
    stp_id INTEGER PRIMARY KEY,
    stp_nm VARCHAR NOT NULL,
    area VARCHAR NOT NULL,
    zn INTEGER NOT NULL,
    shltr VARCHAR NOT NULL,
    rtpi VARCHAR NOT NULL
);
CREATE TABLE rte (
    rte_cd VARCHAR PRIMARY KEY,
    rte_nm VARCHAR NOT NULL,
    svc_typ VARCHAR NOT NULL,
    len_m INTEGER NOT NULL,
    orig_stp INTEGER NOT NULL REFERENCES stp (stp_id),
    dest_stp INTEGER NOT NULL REFERENCES stp (stp_id),
    st VARCHAR NOT NULL,
    start_dt DATE NOT NULL,
    end_dt DATE
);
CREATE TABLE veh (
    veh_no VARCHAR PRIMARY KEY,
    reg_mk VARCHAR NOT NULL UNIQUE,
    mk VARCHAR NOT NULL,
    prop VARCHAR NOT NULL,
    seats INTEGER NOT NULL,
    stand INTEGER NOT NULL,
    dep_cd VARCHAR NOT NULL,
    in_svc_dt DATE NOT NULL,
    st VARCHAR NOT NULL,
    off_dt DATE
);
CREATE TABLE trip (
    trip_id INTEGER PRIMARY KEY,
    rte_cd VARCHAR NOT NULL REFERENCES rte (rte_cd),
    dir VARCHAR NOT NULL,
    veh_no VARCHAR REFERENCES veh (veh_no),
    sched_dep_time TIMESTAMP NOT NULL,
    sched_arr_time TIMESTAMP NOT NULL,
    act_dep_time TIMESTAMP,
    act_arr_time TIMESTAMP,
    trip_st VARCHAR NOT NULL
);
CREATE TABLE tap (
    tap_id INTEGER PRIMARY KEY,
    card_no VARCHAR NOT NULL,
    trip_id INTEGER NOT NULL REFERENCES trip (trip_id),
    stp_id INTEGER NOT NULL REFERENCES stp (stp_id),
    tap_time TIMESTAMP NOT NULL,
    fare_cd VARCHAR NOT NULL,
    fare_p INTEGER NOT NULL,
    tap_st VARCHAR NOT NULL
);
CREATE TABLE incd (
    incd_id INTEGER PRIMARY KEY,
    trip_id INTEGER REFERENCES trip (trip_id),
    stp_id INTEGER REFERENCES stp (stp_id),
    occ_time TIMESTAMP NOT NULL,
    rpt_time TIMESTAMP NOT NULL,
    cause VARCHAR NOT NULL,
    rpt_by VARCHAR NOT NULL,
    delay_s INTEGER
);
COMMENT ON COLUMN rte.svc_typ IS
    'R = regular, X = express, N = night (Fri/Sat nights), S = school days only';
COMMENT ON COLUMN rte.len_m IS
    'Route length end to end, in metres';
COMMENT ON COLUMN veh.prop IS
    'D = diesel, H = hybrid, E = battery electric';
COMMENT ON COLUMN trip.trip_st IS
    'C = completed, P = part-run (curtailed), X = cancelled, S = scheduled (future)';
COMMENT ON COLUMN tap.tap_st IS
    'V = valid, R = refunded (passenger travelled), D = declined (did not board)';
COMMENT ON COLUMN tap.fare_p IS
    'Fare in pence; attempted fare for declined taps, paid-back fare for refunded taps';
COMMENT ON COLUMN incd.cause IS
    'T = traffic, M = mechanical, W = weather, P = passenger, R = roadworks, S = staff, '
    'V = vandalism';
COMMENT ON COLUMN incd.delay_s IS
    'Delay caused to the trip in seconds; NULL = not measured';
"""

_DROP_ORDER = ["incd", "tap", "trip", "veh", "rte", "stp"]

# stp_id, name, area, zone, shelter, real-time display
_STOPS = [
    (1, "Central Bus Station", "City Centre", 1, "Y", "Y"),
    (2, "Market Place", "City Centre", 1, "Y", "Y"),
    (3, "Cathedral", "City Centre", 1, "N", "Y"),
    (4, "Bridge Street", "City Centre", 1, "Y", "N"),
    (5, "Canal Basin", "City Centre", 1, "N", "N"),
    (6, "Harbour Gate", "Harbour", 2, "Y", "Y"),
    (7, "Ferry Terminal", "Harbour", 2, "Y", "N"),
    (8, "Fish Quay", "Harbour", 2, "N", "N"),
    (9, "University Library", "University", 2, "Y", "Y"),
    (10, "Science Park", "University", 2, "Y", "N"),
    (11, "Hillcrest Shops", "Hillcrest", 3, "Y", "N"),
    (12, "Hillcrest Top", "Hillcrest", 3, "N", "N"),
    (13, "Park Road", "Hillcrest", 2, "N", "N"),
    (14, "Marsh Lane Terminus", "Marsh Lane", 3, "Y", "N"),
    (15, "Mill Lane", "Marsh Lane", 3, "N", "N"),
    (16, "Victoria Road", "Marsh Lane", 2, "Y", "N"),
    (17, "Airport Terminal", "Airport", 3, "Y", "Y"),
    (18, "Oldtown Square", "Oldtown", 2, "Y", "Y"),
    (19, "High Street", "Oldtown", 2, "Y", "N"),
    (20, "Station Road", "Oldtown", 2, "N", "N"),
    (21, "Northgate", "Northgate", 2, "Y", "Y"),
    (22, "High Street", "Northgate", 2, "N", "N"),
    (23, "Eastfield Interchange", "Eastfield", 3, "Y", "Y"),
    (24, "Station Road", "Eastfield", 3, "N", "N"),
    (25, "Riverside Park", "Riverside", 2, "N", "N"),
    (26, "Hospital Main Entrance", "Hospital", 2, "Y", "Y"),
    (27, "Parkway Station", "Parkway", 3, "Y", "Y"),
    (28, "Retail Park", "Retail Park", 3, "Y", "N"),
    (29, "Kelbridge Academy", "Marsh Lane", 3, "Y", "N"),
    (30, "Leisure Centre", "University", 2, "N", "N"),
    (31, "Kings Arms", "Hillcrest", 3, "N", "N"),
    (32, "Quayside Bars", "Harbour", 2, "N", "N"),
    (33, "Golf Club", "Airport", 3, "N", "N"),
    (34, "Cemetery Gates", "Riverside", 2, "N", "N"),
    (35, "Business Park", "Eastfield", 3, "Y", "N"),
    (36, "Fire Station", "Northgate", 2, "N", "N"),
    (37, "Sports Ground", "Parkway", 3, "N", "N"),
    (38, "Police Station", "City Centre", 1, "N", "N"),
    (39, "Tesco Extra", "Retail Park", 3, "Y", "N"),
    (40, "Crematorium", "Oldtown", 3, "N", "N"),
]

# rte_cd -> (name, type, len_m, outbound stops, status, start, end, depot, mean boardings,
#            timetable [(weekdays, "HH:MM", dir)])
_MF = (0, 1, 2, 3, 4)
_MS = (0, 1, 2, 3, 4, 5)
_ROUTES = {
    "3": ("Central - Hillcrest", "R", 7800, [1, 2, 4, 13, 12, 11], "A",
          dt.date(2016, 4, 4), None, "NG", 3.0,
          [((0, 2, 4, 5), "09:15", "O"), ((0, 2, 4, 5), "14:30", "I")]),
    "5": ("Central - Marsh Lane", "R", 9400, [1, 38, 16, 15, 14], "A",
          dt.date(2015, 9, 7), None, "NG", 3.5,
          [(_MF, "08:05", "O"), (_MF, "17:20", "I"), ((5,), "10:00", "O")]),
    "7": ("Harbour - University", "R", 11200, [6, 7, 5, 3, 30, 9], "A",
          dt.date(2018, 1, 8), None, "RV", 3.0,
          [((1, 3), "07:45", "O"), ((1, 3), "16:15", "I")]),
    "9X": ("Hillcrest - University Express", "X", 12600, [11, 13, 10, 9], "A",
           dt.date(2021, 9, 6), None, "NG", 3.0,
           [(_MF, "07:20", "O"), (_MF, "17:05", "I")]),
    "12": ("Central - Airport via Oldtown", "R", 18900, [1, 2, 18, 19, 20, 40, 33, 17], "A",
           dt.date(2014, 5, 12), None, "RV", 4.0,
           [((0, 1, 2, 3, 4, 5, 6), "06:30", "O"), ((0, 1, 2, 3, 4, 5, 6), "19:10", "I")]),
    "12X": ("Central - Airport Express", "X", 16500, [1, 18, 17], "A",
            dt.date(2019, 6, 3), None, "RV", 2.5,
            [((0, 2, 4), "05:50", "O"), ((0, 2, 4), "20:40", "I")]),
    "18": ("Northgate - Eastfield", "R", 13100, [21, 36, 22, 24, 23], "S",
           dt.date(2017, 2, 6), None, "NG", 2.5,
           [((0, 2, 4), "08:40", "O"), ((0, 2, 4), "15:50", "I")]),
    "22": ("Riverside - Hospital", "R", 8800, [25, 34, 4, 26], "W",
           dt.date(2016, 10, 3), dt.date(2024, 11, 28), "RV", 2.0,
           [((1, 3), "10:10", "O"), ((1, 3), "13:45", "I")]),
    "26": ("Central - Parkway", "R", 6900, [1, 4, 37, 27], "A",
           dt.date(2025, 3, 3), None, "NG", 2.5,
           [(_MF, "07:55", "O"), (_MF, "17:40", "I")]),
    "31": ("Oldtown - Hospital", "R", 7100, [18, 19, 34, 26], "W",
           dt.date(2020, 4, 6), dt.date(2025, 2, 27), "RV", 2.0,
           [((1, 3), "09:30", "O"), ((1, 3), "12:30", "I")]),
    "40": ("University - Retail Park", "R", 10400, [9, 30, 39, 28], "A",
           dt.date(2019, 11, 4), dt.date(2025, 7, 26), "RV", 2.5,
           [((0, 2, 5), "11:00", "O"), ((0, 2, 5), "15:00", "I")]),
    "N1": ("Central - Hillcrest Night", "N", 8200, [1, 2, 13, 31, 11], "A",
           dt.date(2022, 9, 2), None, "NG", 4.0,
           [((4, 5), "23:20", "O")]),
    "N4": ("Central - Harbour Night", "N", 9900, [1, 3, 32, 8, 6], "A",
           dt.date(2023, 5, 5), None, "RV", 4.5,
           [((4, 5), "23:00", "I"), ((4, 5), "23:45", "O")]),
    "S9": ("Marsh Lane - Kelbridge Academy", "S", 7400, [14, 15, 16, 29], "A",
           dt.date(2018, 9, 3), None, "NG", 8.0,
           [(_MF, "07:35", "O"), (_MF, "15:25", "I")]),
    "44": ("Eastfield - Business Park", "R", 5600, [23, 24, 35], "P",
           dt.date(2025, 7, 7), None, "NG", 0.0, []),
}  # fmt: skip
_SPEED_M_PER_MIN = {"R": 300, "X": 470, "N": 420, "S": 290}
_SUSPENDED_FROM = dt.date(2025, 5, 19)

# school holidays (inclusive ranges): no school service
_SCHOOL_HOLIDAYS = [
    (dt.date(2024, 1, 1), dt.date(2024, 1, 3)),
    (dt.date(2024, 2, 12), dt.date(2024, 2, 16)),
    (dt.date(2024, 3, 29), dt.date(2024, 4, 12)),
    (dt.date(2024, 5, 27), dt.date(2024, 5, 31)),
    (dt.date(2024, 7, 24), dt.date(2024, 9, 3)),
    (dt.date(2024, 10, 28), dt.date(2024, 11, 1)),
    (dt.date(2024, 12, 20), dt.date(2025, 1, 3)),
    (dt.date(2025, 2, 17), dt.date(2025, 2, 21)),
    (dt.date(2025, 4, 7), dt.date(2025, 4, 21)),
    (dt.date(2025, 5, 26), dt.date(2025, 5, 30)),
]

# veh_no, reg, make, prop, seats, stand, depot, in service, status, off date
_VEHICLES = [
    ("KB101", "KX16 BDA", "Alexander Dennis", "D", 38, 25, "NG", dt.date(2016, 3, 1), "A", None),
    ("KB102", "KX16 BDE", "Alexander Dennis", "D", 38, 25, "NG", dt.date(2016, 3, 1), "R",
     dt.date(2024, 8, 30)),
    ("KB103", "KX16 BDF", "Alexander Dennis", "D", 38, 25, "NG", dt.date(2016, 3, 1), "A", None),
    ("KB104", "KX17 CLA", "Alexander Dennis", "D", 38, 25, "RV", dt.date(2017, 2, 13), "R",
     dt.date(2025, 1, 31)),
    ("KB105", "KX17 CLB", "Alexander Dennis", "D", 38, 25, "RV", dt.date(2017, 2, 13), "A", None),
    ("KB106", "KX17 CLC", "Alexander Dennis", "D", 40, 22, "NG", dt.date(2017, 2, 13), "A", None),
    ("KB110", "KY19 HWA", "Wright", "H", 41, 30, "RV", dt.date(2019, 5, 20), "A", None),
    ("KB111", "KY19 HWB", "Wright", "H", 41, 30, "RV", dt.date(2019, 5, 20), "A", None),
    ("KB112", "KY19 HWC", "Wright", "H", 41, 30, "NG", dt.date(2019, 5, 20), "A", None),
    ("KB113", "KY20 JTO", "Wright", "H", 39, 32, "RV", dt.date(2020, 1, 6), "A", None),
    ("KB120", "KE24 EVA", "Yutong", "E", 35, 30, "RV", dt.date(2024, 3, 11), "A", None),
    ("KB121", "KE24 EVB", "Yutong", "E", 35, 30, "RV", dt.date(2024, 3, 11), "A", None),
    ("KB122", "KE74 EVC", "Yutong", "E", 35, 40, "NG", dt.date(2024, 9, 2), "A", None),
    ("KB123", "KE74 EVD", "Yutong", "E", 35, 40, "RV", dt.date(2024, 9, 2), "A", None),
    ("KB124", "KE25 EVE", "Yutong", "E", 35, 40, "NG", dt.date(2025, 6, 2), "A", None),
    ("KB130", "KN14 OPA", "Optare", "D", 23, 10, "NG", dt.date(2014, 7, 1), "A", None),
    ("KB131", "KN14 OPB", "Optare", "D", 23, 10, "NG", dt.date(2014, 7, 1), "O", None),
    ("KB132", "KN15 OPC", "Optare", "D", 25, 12, "NG", dt.date(2015, 3, 2), "A", None),
]  # fmt: skip
_OFF_ROAD_FROM = {"KB131": dt.date(2025, 4, 10)}

# fare category -> (share of cards)
_FARE_MIX = [("A", 52), ("S", 26), ("U", 13), ("C", 9)]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 400):
        chunk = rows[start : start + 400]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _school_day(day: dt.date) -> bool:
    if day.weekday() >= 5:
        return False
    return not any(lo <= day <= hi for lo, hi in _SCHOOL_HOLIDAYS)


def _runs_on(code: str, day: dt.date) -> bool:
    spec = _ROUTES[code]
    start, end = spec[5], spec[6]
    if day < start or (end is not None and day > end):
        return False
    if code == "18" and day >= _SUSPENDED_FROM:
        return False
    return spec[1] != "S" or _school_day(day)


def _adult_fare(svc: str, day: dt.date) -> int:
    if svc == "X":
        return 350
    if svc == "N":
        return 300
    return 240 if day >= dt.date(2025, 4, 6) else 220


def _fare(cat: str, svc: str, when: dt.datetime) -> int:
    adult = _adult_fare(svc, when.date())
    if cat == "A":
        return adult
    if cat == "C":
        return 100 if svc == "S" else adult // 2
    if cat == "U":
        return int(round(adult * 0.7 / 10) * 10)
    # senior concession: free except before 09:30 on weekdays
    if when.weekday() < 5 and when.time() < dt.time(9, 30):
        return adult
    return 0


def _vehicle_ok(v: tuple, day: dt.date) -> bool:
    if v[7] > day:
        return False
    if v[9] is not None and day > v[9]:
        return False
    off = _OFF_ROAD_FROM.get(v[0])
    return off is None or day < off


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the Kelbridge bus tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    _insert(con, "stp", list(_STOPS))
    rte_rows = []
    for code, (name, svc, len_m, stops, st, start, end, *_rest) in _ROUTES.items():
        rte_rows.append((code, name, svc, len_m, stops[0], stops[-1], st, start, end))
    _insert(con, "rte", rte_rows)
    _insert(con, "veh", list(_VEHICLES))

    # --------------------------------------------------------------------- trips
    trips: list[dict] = []
    day = FIRST_DAY
    while day <= HORIZON:
        for code, spec in _ROUTES.items():
            if not _runs_on(code, day):
                continue
            svc, len_m = spec[1], spec[2]
            for days, hhmm, direction in spec[9]:
                if day.weekday() not in days:
                    continue
                hh, mm = (int(x) for x in hhmm.split(":"))
                dep = dt.datetime.combine(day, dt.time(hh, mm))
                run_min = round(len_m / _SPEED_M_PER_MIN[svc] / 5) * 5
                trips.append({"rte": code, "dir": direction, "dep": dep,
                              "arr": dep + dt.timedelta(minutes=run_min)})  # fmt: skip
        day += dt.timedelta(days=1)
    trips.sort(key=lambda t: (t["dep"], t["rte"], t["dir"]))

    # statuses, vehicles, actual times
    busy: dict[tuple[str, dt.date], list[tuple[dt.datetime, dt.datetime]]] = {}
    for i, t in enumerate(trips, start=1):
        t["id"] = i
        code = t["rte"]
        spec = _ROUTES[code]
        svc, depot = spec[1], spec[7]
        day = t["dep"].date()
        t["veh"] = t["act_dep"] = t["act_arr"] = None
        if day > TODAY:
            t["st"] = "S"
            continue
        p_cancel, p_part = 0.035, 0.025
        if code == "18":
            p_cancel = 0.07
        if code == "26":
            p_cancel = p_part = 0.0
        if code == "9X" and day >= dt.date(2025, 1, 1):
            p_cancel = p_part = 0.004
        r = rng.random()
        if r < p_cancel:
            t["st"] = "X"
            t["cancel_cause"] = rng.choices(["S", "M", "W", None], weights=[45, 30, 10, 15])[0]
            if rng.random() < 0.3:  # cancelled after a bus had been allocated
                pass
            else:
                continue
        else:
            t["st"] = "P" if r < p_cancel + p_part else "C"
        # choose a vehicle
        pool = [v for v in _VEHICLES if _vehicle_ok(v, day)]
        if svc == "N":
            pool = [v for v in pool if v[3] != "E"]
        if svc == "S":
            small = [v for v in pool if v[2] == "Optare" and v[6] == "NG"]
            pool = small if small and rng.random() < 0.85 else pool
        home = [v for v in pool if v[6] == depot]
        if home and rng.random() < 0.88:
            pool = home
        free = []
        for v in pool:
            slots = busy.get((v[0], day), [])
            if not any(s < t["arr"] + dt.timedelta(minutes=20) and t["dep"] < e for s, e in slots):
                free.append(v)
        veh = rng.choice(free or pool)
        busy.setdefault((veh[0], day), []).append((t["dep"], t["arr"]))
        t["veh"] = veh[0]
        if t["st"] == "X":
            continue
        u = rng.random()
        if code == "26":
            late_s = rng.randint(-45, 200)
        elif u < 0.03:
            late_s = rng.randint(-240, -61)
        elif u < 0.9:
            late_s = rng.randint(-50, 280)
        else:
            late_s = rng.randint(301, 1500)
        t["late_s"] = late_s
        t["act_dep"] = t["dep"] + dt.timedelta(seconds=late_s)
        sched_run = (t["arr"] - t["dep"]).total_seconds()
        run = sched_run * rng.uniform(0.9, 1.25)
        if t["st"] == "P":
            run = sched_run * rng.uniform(0.3, 0.8)
            t["part_frac"] = run / sched_run
        t["act_arr"] = t["act_dep"] + dt.timedelta(seconds=int(run))
    _insert(con, "trip", [(t["id"], t["rte"], t["dir"], t["veh"], t["dep"], t["arr"],
                           t["act_dep"], t["act_arr"], t["st"]) for t in trips])  # fmt: skip

    # ---------------------------------------------------------------------- cards
    rng = random.Random(seed * 1000 + 2)
    codes = [c for c in _ROUTES if _ROUTES[c][9]]
    cards: list[dict] = []
    for k in range(760):
        cat = rng.choices([c for c, _ in _FARE_MIX], weights=[w for _, w in _FARE_MIX])[0]
        if k < 70:
            cat, fav = ("C" if rng.random() < 0.9 else "U"), ["S9"]
        else:
            fav = rng.sample(codes, rng.choice([1, 1, 2, 3]))
        cards.append({"no": f"KC{210000 + k * 7 + rng.randint(0, 6)}", "cat": cat, "fav": fav,
                      "w": rng.uniform(0.2, 3.0)})  # fmt: skip
    riders: dict[str, list[dict]] = {c: [] for c in codes}
    for c in cards:
        for code in c["fav"]:
            riders[code].append(c)

    # ----------------------------------------------------------------------- taps
    taps: list[tuple] = []
    for t in trips:
        if t["st"] not in ("C", "P"):
            continue
        code = t["rte"]
        spec = _ROUTES[code]
        svc, stops = spec[1], list(spec[3])
        if t["dir"] == "I":
            stops.reverse()
        board_stops = stops[:-1]
        if t["st"] == "P":
            board_stops = board_stops[: max(1, int(len(board_stops) * t["part_frac"]))]
        mean = spec[8] * 0.7
        if t["dep"].weekday() >= 5 and svc != "N":
            mean *= 0.7
        n = max(0, round(rng.gauss(mean, mean * 0.6)))
        local = riders[code]
        chosen: list[dict] = []
        for _ in range(n):
            pool = local if local and rng.random() < 0.8 else cards
            c = rng.choices(pool, weights=[x["w"] for x in pool])[0]
            if c not in chosen:
                chosen.append(c)
        full_run = (t["arr"] - t["dep"]).total_seconds()
        for c in chosen:
            k = rng.randrange(len(board_stops)) if rng.random() < 0.5 else 0
            stop = board_stops[k]
            frac = k / max(1, len(stops) - 1)
            when = t["act_dep"] + dt.timedelta(seconds=int(full_run * frac) + rng.randint(0, 50))
            fare = _fare(c["cat"], svc, when)
            s = rng.random()
            if t["st"] == "P" and s < 0.35:
                status = "R"
            elif fare > 0 and s < 0.03:
                status = "D"
            elif fare > 0 and s < 0.045:
                status = "R"
            else:
                status = "V"
            taps.append((c["no"], t["id"], stop, when, c["cat"], fare, status))
            if status == "D" and rng.random() < 0.6:
                # tried again with a topped-up card a minute later
                retry = when + dt.timedelta(seconds=rng.randint(40, 90))
                taps.append((c["no"], t["id"], stop, retry, c["cat"], fare, "V"))
    taps.sort(key=lambda x: (x[3], x[1], x[0]))
    _insert(con, "tap", [(i, *x) for i, x in enumerate(taps, start=1)])

    # ------------------------------------------------------------------ incidents
    rng = random.Random(seed * 1000 + 3)
    incs: list[tuple] = []

    def staff_report(occ: dt.datetime) -> tuple[str, dt.datetime]:
        occ = occ.replace(microsecond=0)
        if rng.random() < 0.45:
            return "C", occ + dt.timedelta(minutes=rng.randint(1, 15), seconds=rng.randint(0, 59))
        if rng.random() < 0.75:
            return "D", occ + dt.timedelta(minutes=rng.randint(3, 30), seconds=rng.randint(0, 59))
        # written up by the driver at the end of the shift
        return "D", occ + dt.timedelta(minutes=rng.randint(180, 720))

    def passenger_report(occ: dt.datetime) -> dt.datetime:
        return occ.replace(microsecond=0) + dt.timedelta(minutes=rng.randint(60, 60 * 24 * 6))

    for t in trips:
        if t["st"] == "S" or t["rte"] == "26":
            continue
        spec = _ROUTES[t["rte"]]
        stops = list(spec[3]) if t["dir"] == "O" else list(reversed(spec[3]))
        if t["st"] == "X":
            cause = t.get("cancel_cause")
            if cause is None:
                continue
            occ = t["dep"] - dt.timedelta(minutes=rng.randint(10, 150))
            by, rpt = staff_report(occ)
            incs.append((t["id"], None, occ, rpt, cause, by if cause != "S" else "C", None))
            continue
        if t["st"] == "P":
            cause = rng.choices(["M", "T", "R", "P", "W"], weights=[40, 15, 15, 20, 10])[0]
            frac = t["part_frac"]
            occ = (t["act_dep"] + (t["act_arr"] - t["act_dep"]) * 0.95).replace(microsecond=0)
            stop = stops[min(len(stops) - 2, int((len(stops) - 1) * frac))]
            by, rpt = staff_report(occ)
            incs.append((t["id"], stop, occ, rpt, cause, by, rng.randint(600, 2700)))
            continue
        late = t.get("late_s", 0)
        if late > 300 and rng.random() < 0.5:
            cause = rng.choices(["T", "R", "W", "M", "S"], weights=[50, 25, 10, 8, 7])[0]
            occ = t["dep"] - dt.timedelta(minutes=rng.randint(0, 20))
            by, rpt = staff_report(occ)
            incs.append((t["id"], stops[0], occ, rpt, cause, by,
                         max(60, late + rng.randint(-90, 30))))  # fmt: skip
        if rng.random() < 0.02:
            cause = rng.choices(["T", "P", "W", "R"], weights=[40, 25, 15, 20])[0]
            k = rng.randint(1, len(stops) - 2)
            occ = t["act_dep"] + (t["act_arr"] - t["act_dep"]) * (k / (len(stops) - 1))
            occ = occ.replace(microsecond=0)
            by, rpt = staff_report(occ)
            incs.append((t["id"], stops[k], occ, rpt, cause, by, rng.randint(60, 900)))
            if cause == "R" and rng.random() < 0.8 and k + 1 < len(stops) - 1:
                occ2 = occ + dt.timedelta(minutes=rng.randint(3, 9))
                by2, rpt2 = staff_report(occ2)
                incs.append((t["id"], stops[k + 1], occ2, rpt2, "R", by2, rng.randint(60, 600)))
        if rng.random() < 0.02:
            cause = rng.choices(["P", "T", "M", "V"], weights=[45, 25, 15, 15])[0]
            k = rng.randint(0, len(stops) - 2)
            occ = t["act_dep"] + (t["act_arr"] - t["act_dep"]) * (k / (len(stops) - 1))
            occ = occ.replace(microsecond=0)
            delay = rng.randint(60, 400) if rng.random() < 0.2 else None
            incs.append((t["id"], stops[k], occ, passenger_report(occ), cause, "P", delay))
    # damage at stops, not tied to a trip
    day = FIRST_DAY
    stop_ids = [s[0] for s in _STOPS if s[0] != 35]
    while day <= TODAY:
        if rng.random() < 0.07:
            occ = dt.datetime.combine(day, dt.time(rng.randint(0, 23), rng.randint(0, 59)))
            stop = rng.choice(stop_ids)
            if rng.random() < 0.7:
                by, rpt = "P", passenger_report(occ)
            else:
                by, rpt = "C", occ + dt.timedelta(minutes=rng.randint(30, 600))
            incs.append((None, stop, occ, rpt, "V", by, None))
        day += dt.timedelta(days=1)
    end_today = dt.datetime.combine(TODAY, dt.time(23, 59))
    incs = [x for x in incs if x[3] <= end_today]
    incs.sort(key=lambda x: (x[2], x[0] or 0, x[4]))
    _insert(con, "incd", [(i, *x) for i, x in enumerate(incs, start=1)])

"""Ski resort test database (DuckDB, ``main`` schema).

A mid-sized ski resort in the Austrian Alps sells lift passes, has twelve lifts in three
sectors, rents out equipment from its shop at the valley station and runs a ski school.
Every lift pass is a contactless card; each time a card is held against a lift gate the
gate records a *scan*. The same card is shown in the rental shop and at the ski school, so
rentals and lessons are recorded against the pass of the person who uses them.

**Today** is **2025-03-14** (a Friday), the last day of the data; the data is a snapshot
taken at 18:00 that evening, after the lifts closed (all of today's scans are in). For every
question: "this year" is 2025 (1 January up to and including today), "last year" is 2024
(the calendar year), "this month" is March 2025 up to today, "last month" is February 2025,
"yesterday" is 2025-03-13, "last Saturday" is 2025-03-08, "so far" means up to and
including today.

The resort is only open in winter. A **season** is named after the two years it spans:

* season '2023/24' ran from 2023-12-09 to 2024-04-14 (complete);
* season '2024/25' opened on 2024-12-07 and is scheduled to close on 2025-04-21; it is the
  current season ("this season"); "last season" is '2023/24'.

So calendar 2024 contains the end of season 2023/24 and the start of season 2024/25.
Some passes, rentals and lessons have already been booked for days after today (up to the
end of the season).

Money is in euros (EUR). Some money columns say so in their name (``priceeur``), others
do not (``fee``, ``payrate``) but are euros as well. Yes/no columns hold the text 'Y' or
'N'. Coded columns hold short upper-case codes listed below; a few of them are repeated in
column comments (``COMMENT ON COLUMN``).

There is no customer table. A person is only known through the passes sold to them; the
same person buying two passes appears twice, under two pass numbers. In questions, a
"skier", "guest" or "pass holder" therefore means one pass (count passes, not names;
names are not unique).

Tables
------

``lift`` -- one row per lift (gondolas, chairlifts, drag lifts and the children's
conveyor belt).

* ``liftid`` (INTEGER, primary key).
* ``liftname`` (VARCHAR, unique): name of the lift, e.g. 'Dorfbahn', 'Gletscherbahn'.
* ``lifttype`` (VARCHAR): 'GON' (gondola), 'CHR' (chairlift), 'TBAR' (T-bar drag lift),
  'CARP' (magic carpet, the conveyor belt in the children's area).
* ``sector`` (VARCHAR): area of the mountain: 'Village' (the valley-station area with the
  beginner and children's lifts), 'Nordhang' (north slope) or 'Glacier'.
* ``seats`` (INTEGER): people per cabin or chair; NULL for drag lifts and the carpet.
* ``hourcap`` (INTEGER): uphill capacity, people per hour.
* ``basealt`` (INTEGER): altitude of the bottom station, metres above sea level.
* ``topalt`` (INTEGER): altitude of the top station, metres. The vertical rise of a lift
  is ``topalt - basealt``.
* ``heated`` (VARCHAR): 'Y' if the chairs have heated seats, else 'N' (always 'N' for
  anything that is not a chairlift).
* ``builtyr`` (INTEGER): year the lift was built (or last replaced).
* ``inservice`` (VARCHAR): 'Y' if the lift runs this season; 'N' = taken out of service
  (it ran last season but not this one). The 'Hochalm' chairlift is new this season.

``pass`` -- one row per lift pass sold (both seasons).

* ``passid`` (INTEGER, primary key): pass number printed on the card.
* ``holder`` (VARCHAR): name of the person the pass is for (not unique).
* ``birthyr`` (INTEGER): holder's year of birth.
* ``country`` (VARCHAR): holder's country of residence, ISO code: 'AT', 'DE', 'NL', 'GB',
  'CH', 'DK', 'BE', 'IT', 'US'.
* ``passtype`` (VARCHAR): 'D1' (one day), 'PM' (afternoon pass: one day from 12:00),
  'D3' (three consecutive days), 'D6' (six consecutive days), 'SZN' (season pass, valid
  every day of the season).
* ``agecat`` (VARCHAR): price category by age at the start of the season: 'K' (small
  child under 6, rides free, price 0), 'C' (child 6-15), 'A' (adult 16-64), 'S' (senior
  65 and over). "Children" / "kids" means 'K' and 'C' together.
* ``season`` (VARCHAR): '2023/24' or '2024/25'.
* ``channel`` (VARCHAR): where it was sold: 'WEB' (online shop), 'DESK' (ticket desk at
  the valley station), 'HOTL' (sold by a partner hotel).
* ``soldat`` (TIMESTAMP): when the pass was bought. Online and hotel sales are usually
  days or weeks before the first valid day; season passes are mostly sold in the autumn
  before the season (so many 2024/25 season passes were sold in calendar 2024).
* ``validfrom`` (DATE), ``validto`` (DATE): first and last day the pass opens the lift
  gates (equal for 'D1' and 'PM'). Some passes start after today.
* ``priceeur`` (DECIMAL(7,2)): price paid, in euros (0 for 'K').
* ``insured`` (VARCHAR): 'Y' if the buyer took the pass insurance, else 'N'. Only insured
  passes can be refunded.
* ``refundat`` (TIMESTAMP): when the pass was refunded (after an injury or illness); NULL
  = not refunded. A refund pays back the full ``priceeur``; the pass stops working at the
  moment of the refund. **Pass revenue** (net) = ``priceeur`` of passes that were not
  refunded.

A pass is **active** on a given day ("active" alone means today) when that day is between
``validfrom`` and ``validto`` and the pass had not been refunded by the end of that day
(``refundat`` is NULL or later than that day).

``scan`` -- one row per time a pass was held against a lift gate.

* ``scanid`` (INTEGER, primary key).
* ``passid`` (INTEGER, foreign key to ``pass``).
* ``liftid`` (INTEGER, foreign key to ``lift``).
* ``scantime`` (TIMESTAMP): when the card was scanned.
* ``granted`` (VARCHAR): 'Y' = the gate opened and the holder rode the lift; 'N' = the
  scan was rejected (pass not valid that day, already refunded, or scanned twice within a
  minute at the same gate). **A ride** is a scan with ``granted = 'Y'``; rejected scans are
  not rides. A pass was **used** on a day when it has at least one ride that day.

``rental`` -- one row per item (or package) rented from the resort's shop, with its
return.

* ``rentid`` (INTEGER, primary key).
* ``passid`` (INTEGER, foreign key to ``pass``): pass of the person the gear is for.
* ``gear`` (VARCHAR): 'SKI' (skis and poles), 'SNB' (snowboard), 'BOOT' (ski or board
  boots), 'HELM' (helmet), 'PKG' (package: skis, poles, boots and helmet).
* ``days`` (INTEGER): number of days rented.
* ``bookedat`` (TIMESTAMP): when the rental was booked (online in advance, or at the
  counter a few minutes before pick-up).
* ``pickedat`` (TIMESTAMP): when the gear was handed over; NULL if it never was
  (cancelled, or booked for a later day).
* ``dueat`` (TIMESTAMP): when the gear has to be back: 17:30 on the last rental day.
* ``returnedat`` (TIMESTAMP): when the gear came back; NULL if it has not (yet).
* ``fee`` (DECIMAL(7,2)): rental price for the booked days, in euros. Cancelled rentals
  ('CXL') are not charged; **rental revenue** is the ``fee`` of rentals that were picked up.
* ``damaged`` (VARCHAR): 'Y' if the gear came back damaged, else 'N'.
* ``rstatus`` (VARCHAR): 'BKD' (booked, not picked up yet, for today or a later day),
  'OUT' (picked up, not returned yet), 'RET' (returned), 'LST' (reported lost, will never
  be returned), 'CXL' (cancelled before pick-up).

A returned rental is **late** when ``returnedat`` is after ``dueat``. A rental is
**overdue** when it is still out (``rstatus = 'OUT'``) and its ``dueat`` has passed (before
today's snapshot, i.e. due on an earlier day than today or today at 17:30).

``instructor`` -- one row per ski-school instructor.

* ``instrid`` (INTEGER, primary key).
* ``iname`` (VARCHAR): instructor's name.
* ``lvl`` (VARCHAR): instructor qualification: 'L1' (entry level), 'L2', 'L3' (fully
  qualified, the highest).
* ``langs`` (VARCHAR): languages the instructor teaches in, comma separated ISO codes such
  as 'DE,EN,NL' ('DE' German, 'EN' English, 'NL' Dutch, 'IT' Italian, 'FR' French).
* ``snowboard`` (VARCHAR): 'Y' if the instructor is also qualified to teach snowboarding
  (everyone teaches skiing).
* ``freelance`` (VARCHAR): 'Y' = freelancer paid per lesson, 'N' = employed by the school.
* ``hiredon`` (DATE): first day with the ski school.
* ``payrate`` (DECIMAL(6,2)): what the school pays the instructor per teaching hour, EUR.
  Instructors are paid per session they hold: the session's length in hours times
  ``payrate``, however many pupils were in it.
* ``lefton`` (DATE): last day with the ski school; NULL = still with the school.

``lesson`` -- one row per pupil booked into a lesson. A private lesson ('PRV') has one
pupil; group ('GRP') and kids' group ('KID') lessons have several pupils, i.e. several
rows with the same instructor and start time. A **session** is one instructor teaching at
one start time (the distinct (``instrid``, ``startsat``) pairs); a session is **held** when
at least one of its rows has status 'DN'.

* ``lessonid`` (INTEGER, primary key).
* ``passid`` (INTEGER, foreign key to ``pass``): the pupil's pass.
* ``instrid`` (INTEGER, foreign key to ``instructor``): instructor teaching it; NULL when
  no instructor has been assigned yet (only for some upcoming lessons).
* ``ltype`` (VARCHAR): 'PRV' (private), 'GRP' (adult/teen group), 'KID' (kids' group).
* ``sport`` (VARCHAR): 'SKI' or 'SNB' (snowboard).
* ``plevel`` (VARCHAR): the pupil's ability: 'BEG' (beginner), 'INT' (intermediate), 'ADV'
  (advanced).
* ``bookedat`` (TIMESTAMP): when the lesson was booked.
* ``startsat`` (TIMESTAMP), ``endsat`` (TIMESTAMP): scheduled start and end of the lesson
  (same day). A lesson's length is ``endsat - startsat``.
* ``priceeur`` (DECIMAL(7,2)): price of the booking for this pupil, EUR. Cancelled lessons
  are not charged; **lesson revenue** is ``priceeur`` of lessons with status 'DN' or 'NS'.
* ``lstatus`` (VARCHAR): 'BK' (booked, upcoming), 'DN' (done: the lesson took place with
  this pupil), 'CX' (cancelled), 'NS' (no-show: the pupil did not turn up; still charged).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TODAY = dt.date(2025, 3, 14)
SNAPSHOT = dt.datetime(2025, 3, 14, 18, 0)
SEASONS = {
    "2023/24": (dt.date(2023, 12, 9), dt.date(2024, 4, 14)),
    "2024/25": (dt.date(2024, 12, 7), dt.date(2025, 4, 21)),
}

_DDL = """
CREATE TABLE lift (
    liftid INTEGER PRIMARY KEY,
    liftname VARCHAR NOT NULL UNIQUE,
    lifttype VARCHAR NOT NULL,
    sector VARCHAR NOT NULL,
    seats INTEGER,
    hourcap INTEGER NOT NULL,
    basealt INTEGER NOT NULL,
    topalt INTEGER NOT NULL,
    heated VARCHAR NOT NULL,
    builtyr INTEGER NOT NULL,
    inservice VARCHAR NOT NULL
);
CREATE TABLE pass (
    passid INTEGER PRIMARY KEY,
    holder VARCHAR NOT NULL,
    birthyr INTEGER NOT NULL,
    country VARCHAR NOT NULL,
    passtype VARCHAR NOT NULL,
    agecat VARCHAR NOT NULL,
    season VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    soldat TIMESTAMP NOT NULL,
    validfrom DATE NOT NULL,
    validto DATE NOT NULL,
    priceeur DECIMAL(7, 2) NOT NULL,
    insured VARCHAR NOT NULL,
    refundat TIMESTAMP
);
CREATE TABLE scan (
    scanid INTEGER PRIMARY KEY,
    passid INTEGER NOT NULL REFERENCES pass (passid),
    liftid INTEGER NOT NULL REFERENCES lift (liftid),
    scantime TIMESTAMP NOT NULL,
    granted VARCHAR NOT NULL
);
CREATE TABLE rental (
    rentid INTEGER PRIMARY KEY,
    passid INTEGER NOT NULL REFERENCES pass (passid),
    gear VARCHAR NOT NULL,
    days INTEGER NOT NULL,
    bookedat TIMESTAMP NOT NULL,
    pickedat TIMESTAMP,
    dueat TIMESTAMP NOT NULL,
    returnedat TIMESTAMP,
    fee DECIMAL(7, 2) NOT NULL,
    damaged VARCHAR NOT NULL,
    rstatus VARCHAR NOT NULL
);
CREATE TABLE instructor (
    instrid INTEGER PRIMARY KEY,
    iname VARCHAR NOT NULL,
    lvl VARCHAR NOT NULL,
    langs VARCHAR NOT NULL,
    snowboard VARCHAR NOT NULL,
    freelance VARCHAR NOT NULL,
    hiredon DATE NOT NULL,
    payrate DECIMAL(6, 2) NOT NULL,
    lefton DATE
);
CREATE TABLE lesson (
    lessonid INTEGER PRIMARY KEY,
    passid INTEGER NOT NULL REFERENCES pass (passid),
    instrid INTEGER REFERENCES instructor (instrid),
    ltype VARCHAR NOT NULL,
    sport VARCHAR NOT NULL,
    plevel VARCHAR NOT NULL,
    bookedat TIMESTAMP NOT NULL,
    startsat TIMESTAMP NOT NULL,
    endsat TIMESTAMP NOT NULL,
    priceeur DECIMAL(7, 2) NOT NULL,
    lstatus VARCHAR NOT NULL
);
COMMENT ON COLUMN lift.lifttype IS
    'GON = gondola, CHR = chairlift, TBAR = T-bar drag lift, CARP = magic carpet';
COMMENT ON COLUMN lift.inservice IS
    'Y = runs this season, N = out of service this season';
COMMENT ON COLUMN pass.passtype IS
    'D1 = one day, PM = afternoon, D3 = three days, D6 = six days, SZN = season pass';
COMMENT ON COLUMN pass.agecat IS
    'K = under 6 (free), C = child 6-15, A = adult, S = senior 65+';
COMMENT ON COLUMN scan.granted IS
    'Y = gate opened (a ride), N = scan rejected';
COMMENT ON COLUMN rental.rstatus IS
    'BKD = booked, OUT = picked up not returned, RET = returned, LST = lost, CXL = cancelled';
COMMENT ON COLUMN lesson.lstatus IS
    'BK = booked (upcoming), DN = done, CX = cancelled, NS = pupil no-show (charged)';
COMMENT ON COLUMN lesson.instrid IS
    'Instructor teaching the lesson; NULL = not assigned yet';
"""

_DROP_ORDER = ["lesson", "rental", "scan", "instructor", "pass", "lift"]

# (name, type, sector, seats, hourcap, basealt, topalt, heated, builtyr, inservice)
_LIFTS = [
    ("Dorfbahn", "GON", "Village", 10, 2400, 1040, 1810, "N", 2012, "Y"),
    ("Kinderland", "CARP", "Village", None, 900, 1045, 1062, "N", 2016, "Y"),
    ("Wiesenlift", "TBAR", "Village", None, 1000, 1050, 1230, "N", 1989, "Y"),
    ("Nordhang Express", "CHR", "Nordhang", 6, 2800, 1790, 2240, "Y", 2018, "Y"),
    ("Gamskar", "CHR", "Nordhang", 4, 2000, 1810, 2150, "N", 2003, "Y"),
    ("Sonnleiten", "TBAR", "Nordhang", None, 1100, 1760, 1980, "N", 1994, "Y"),
    ("Hochalm", "CHR", "Nordhang", 6, 2600, 1620, 2310, "Y", 2024, "Y"),
    ("Gletscherbahn", "GON", "Glacier", 8, 2000, 1820, 2890, "N", 2008, "Y"),
    ("Eisgrat", "CHR", "Glacier", 4, 1800, 2480, 3010, "N", 2001, "Y"),
    ("Firnlift", "TBAR", "Glacier", None, 1200, 2650, 2840, "N", 1998, "Y"),
    ("Altes Joch", "TBAR", "Glacier", None, 900, 2390, 2620, "N", 1978, "N"),
    ("Kesselkopf", "CHR", "Glacier", 3, 1500, 2300, 2760, "N", 1996, "Y"),
]  # fmt: skip
# ride weights by lift id for adults / children (C) / small kids (K)
_W_ADULT = [1.2, 0.0, 0.4, 2.5, 1.5, 0.8, 2.0, 1.5, 1.2, 0.8, 0.6, 1.0]
_W_CHILD = [1.2, 0.3, 1.5, 2.0, 1.5, 0.8, 1.5, 1.2, 0.8, 0.6, 0.4, 0.8]
_W_KID = [1.0, 6.0, 2.0, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
_HOCHALM, _ALTES_JOCH = 7, 11

# (name, lvl, langs, snowboard, freelance, hiredon, payrate)
_INSTRUCTORS: list[tuple] = [
    ("Anna Huber", "L3", "DE,EN", "N", "N", dt.date(2009, 12, 1), 38.0),
    ("Markus Egger", "L3", "DE,EN,IT", "Y", "N", dt.date(2011, 11, 15), 38.0),
    ("Sophie Brandl", "L2", "DE,EN,FR", "N", "N", dt.date(2016, 12, 1), 32.0),
    ("Jonas Pichler", "L2", "DE,EN", "Y", "N", dt.date(2017, 12, 1), 32.0),
    ("Lena Gruber", "L1", "DE", "N", "N", dt.date(2021, 12, 4), 26.0),
    ("Tobias Moser", "L2", "DE,EN,NL", "N", "N", dt.date(2018, 12, 1), 32.0),
    ("Femke de Vries", "L2", "NL,EN,DE", "Y", "Y", dt.date(2019, 12, 14), 34.0),
    ("Tom Whitaker", "L1", "EN", "Y", "Y", dt.date(2022, 12, 10), 28.0),
    ("Katharina Steiner", "L3", "DE,EN", "N", "N", dt.date(2005, 12, 1), 40.0),
    ("Lukas Hofer", "L1", "DE,EN", "N", "N", dt.date(2023, 12, 1), 26.0),
    ("Pia Kofler", "L2", "DE,EN,IT", "N", "Y", dt.date(2020, 12, 12), 34.0),
    ("Elias Wallner", "L1", "DE", "Y", "N", dt.date(2024, 11, 20), 26.0),
    ("Nina Rainer", "L2", "DE,EN", "N", "N", dt.date(2014, 12, 1), 32.0),
    ("Daan Bakker", "L1", "NL,EN", "Y", "Y", dt.date(2024, 12, 1), 28.0),
    ("Julia Obermair", "L1", "DE,EN", "N", "N", dt.date(2025, 3, 10), 26.0),
    ("Georg Lechner", "L3", "DE", "N", "N", dt.date(1998, 12, 1), 40.0),
]  # fmt: skip
_PRIVATE_ONLY = 11  # Pia Kofler only teaches private lessons
_LAST_SEASON_ONLY = 16  # Georg Lechner retired after season 2023/24
_NEW_HIRE = 15  # Julia Obermair joined on 2025-03-10: only upcoming lessons so far
_OFF_SICK = (13, dt.date(2025, 1, 20), dt.date(2025, 3, 5))  # Nina Rainer, knee injury

_FIRST = ["Lukas", "Anna", "Felix", "Marie", "Jan", "Sophie", "Max", "Laura", "Tim", "Emma",
          "Daan", "Sanne", "Bram", "Fleur", "Oliver", "Charlotte", "Harry", "Lucy", "Noah",
          "Mia", "Elias", "Hannah", "Lars", "Freja", "Luca", "Giulia", "Thomas", "Julia",
          "Stefan", "Eva", "Pieter", "Lotte", "Jack", "Amelia", "Matteo", "Lea"]  # fmt: skip
_LAST = ["Mueller", "Schmidt", "Bauer", "Wagner", "Hofmann", "Weber", "de Jong", "Jansen",
         "Visser", "Smith", "Taylor", "Brown", "Jensen", "Nielsen", "Rossi", "Bianchi",
         "Maes", "Peeters", "Keller", "Meier", "Fischer", "Koch", "Huber", "Winkler",
         "Bakker", "Wilson", "Davies", "Hansen", "Lang", "Berger"]  # fmt: skip
_COUNTRIES = [("AT", 30), ("DE", 30), ("NL", 15), ("GB", 8), ("CH", 5), ("DK", 4), ("BE", 4),
              ("IT", 2), ("US", 2)]  # fmt: skip

_BASE_PRICE = {
    "2023/24": {"D1": 59.0, "PM": 45.0, "D3": 165.0, "D6": 299.0, "SZN": 720.0},
    "2024/25": {"D1": 63.0, "PM": 48.0, "D3": 176.0, "D6": 319.0, "SZN": 765.0},
}
_AGE_FACTOR = {"K": 0.0, "C": 0.55, "A": 1.0, "S": 0.85}
_PASS_DAYS = {"D1": 1, "PM": 1, "D3": 3, "D6": 6}
_GEAR_RATE = {"SKI": 32.0, "SNB": 30.0, "BOOT": 14.0, "HELM": 6.0, "PKG": 45.0}


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]


def _busy(day: dt.date) -> float:
    """Relative number of visitors on ``day``."""
    w = 1.0
    if day.weekday() >= 5:
        w *= 1.8
    if (day.month == 12 and day.day >= 23) or (day.month == 1 and day.day <= 6):
        w *= 2.5
    if (day.month == 2) or (day.month == 3 and day.day <= 2):
        w *= 2.0
    if day.month == 4:
        w *= 0.6
    if dt.date(2025, 3, 7) <= day <= dt.date(2025, 3, 16):
        w *= 2.2  # Dutch and Belgian spring-holiday week
    return w


def _at(day: dt.date, minutes: int) -> dt.datetime:
    """Timestamp ``minutes`` after midnight on ``day``."""
    return dt.datetime.combine(day, dt.time(0, 0)) + dt.timedelta(minutes=minutes)


def _season_of(day: dt.date) -> str:
    for name, (first, last) in SEASONS.items():
        if first <= day <= last:
            return name
    raise ValueError(day)


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the ski resort tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # --------------------------------------------------------------------- lifts
    _insert(con, "lift", [(i, *row) for i, row in enumerate(_LIFTS, start=1)])

    # -------------------------------------------------------------------- passes
    passes: list[dict] = []
    for season, (first, last) in SEASONS.items():
        start_year = first.year
        days = _days(first, last)
        weights = [_busy(d) for d in days]
        # season passes
        for k in range(18):
            agecat = rng.choices(["A", "C", "S"], weights=[70, 20, 10])[0]
            if k < 15:
                sold_day = dt.date(start_year, 9, 15) + dt.timedelta(days=rng.randint(0, 75))
            else:
                sold_day = first + dt.timedelta(days=rng.randint(5, 45))
            soldat = _at(sold_day, rng.randint(8 * 60, 22 * 60))
            channel = "WEB" if rng.random() < 0.6 else "DESK"
            passes.append({"season": season, "type": "SZN", "agecat": agecat,
                           "channel": channel, "soldat": soldat,
                           "from": max(first, sold_day), "to": last})  # fmt: skip
        # day and multi-day passes
        for _ in range(290):
            ptype = rng.choices(["D1", "PM", "D3", "D6"], weights=[38, 10, 20, 32])[0]
            n = _PASS_DAYS[ptype]
            vfrom = rng.choices(days, weights=weights)[0]
            if vfrom + dt.timedelta(days=n - 1) > last:
                vfrom = last - dt.timedelta(days=n - 1)
            vto = vfrom + dt.timedelta(days=n - 1)
            agecat = rng.choices(["A", "C", "K", "S"], weights=[62, 22, 5, 11])[0]
            channel = rng.choices(["WEB", "DESK", "HOTL"], weights=[45, 45, 10])[0]
            if vfrom > TODAY:
                channel = "WEB" if rng.random() < 0.85 else "HOTL"
            if channel == "WEB":
                soldat = _at(vfrom, rng.randint(6 * 60, 23 * 60 + 59)) - dt.timedelta(
                    days=rng.randint(1, 45)
                )
            elif channel == "HOTL":
                soldat = _at(vfrom, rng.randint(8 * 60, 20 * 60)) - dt.timedelta(
                    days=rng.randint(0, 3)
                )
                if soldat.date() == vfrom and soldat.hour >= 10:
                    soldat = soldat - dt.timedelta(days=1)
            elif ptype == "PM":
                soldat = _at(vfrom, rng.randint(11 * 60 + 30, 13 * 60 + 30))
            elif n > 1 and rng.random() < 0.3:
                soldat = _at(vfrom - dt.timedelta(days=1), rng.randint(15 * 60, 17 * 60 + 30))
            else:
                soldat = _at(vfrom, rng.randint(7 * 60 + 45, 10 * 60 + 30))
            if soldat > SNAPSHOT:
                continue  # not sold yet
            passes.append({"season": season, "type": ptype, "agecat": agecat,
                           "channel": channel, "soldat": soldat, "from": vfrom,
                           "to": vto})  # fmt: skip
    passes.sort(key=lambda p: (p["soldat"], p["from"]))
    for i, p in enumerate(passes, start=1):
        p["id"] = i
        start_year = SEASONS[p["season"]][0].year
        age = {
            "K": rng.randint(2, 5),
            "C": rng.randint(6, 15),
            "A": rng.randint(16, 64),
            "S": rng.randint(65, 80),
        }[p["agecat"]]
        p["birthyr"] = start_year - age
        p["holder"] = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        p["country"] = rng.choices([c for c, _ in _COUNTRIES], [w for _, w in _COUNTRIES])[0]
        base = _BASE_PRICE[p["season"]][p["type"]] * _AGE_FACTOR[p["agecat"]]
        lead = (p["from"] - p["soldat"].date()).days
        if p["channel"] == "WEB" and p["type"] in ("D3", "D6") and lead >= 7:
            base *= 0.95
        p["price"] = round(base, 2)
        p["insured"] = "Y" if p["agecat"] != "K" and rng.random() < 0.3 else "N"
        p["refundat"] = None
        if p["insured"] == "Y" and p["from"] <= TODAY and rng.random() < 0.14:
            last_day = min(p["to"], TODAY)
            span = (last_day - p["from"]).days
            if p["type"] == "SZN":
                span = min(span, 60)
            rday = p["from"] + dt.timedelta(days=rng.randint(0, span))
            refundat = _at(rday, rng.randint(10 * 60, 17 * 60 + 30))
            p["refundat"] = max(refundat, p["soldat"] + dt.timedelta(minutes=rng.randint(60, 180)))

    pass_rows = [(p["id"], p["holder"], p["birthyr"], p["country"], p["type"], p["agecat"],
                  p["season"], p["channel"], p["soldat"], p["from"], p["to"], p["price"],
                  p["insured"], p["refundat"]) for p in passes]  # fmt: skip
    _insert(con, "pass", pass_rows)

    # --------------------------------------------------------------------- scans
    rng = random.Random(seed * 1000 + 2)
    scans: list[tuple] = []
    for p in passes:
        never = rng.random() < 0.03
        for day in _days(p["from"], min(p["to"], TODAY)):
            if never:
                break
            if p["refundat"] is not None and day >= p["refundat"].date():
                # hurt on the day of the refund: may have ridden in the morning
                same_day = day == p["refundat"].date() and p["type"] != "SZN"
                if not (same_day and rng.random() < 0.5):
                    break
            if p["type"] == "SZN":
                prob = 0.2 if day.weekday() >= 5 else 0.05
            elif p["type"] in ("D1", "PM"):
                prob = 0.98
            else:
                prob = 0.88
            if rng.random() >= prob:
                continue
            season = _season_of(day)
            weights = {"K": _W_KID, "C": _W_CHILD}.get(p["agecat"], _W_ADULT)[:]
            if season == "2023/24":
                weights[_HOCHALM - 1] = 0.0
            else:
                weights[_ALTES_JOCH - 1] = 0.0
            if p["type"] == "PM":
                t = rng.randint(12 * 60, 13 * 60 + 30)
                stop = rng.randint(14 * 60 + 30, 16 * 60 + 15)
            elif p["agecat"] == "K":
                t = rng.randint(9 * 60, 10 * 60 + 30)
                stop = rng.randint(11 * 60 + 30, 14 * 60)
            else:
                t = rng.randint(8 * 60 + 30, 10 * 60 + 30)
                stop = rng.randint(12 * 60 + 30, 16 * 60 + 15)
            first_lift = 2 if p["agecat"] == "K" else 1
            lunch = p["type"] == "PM"
            r = 0
            while t <= stop:
                lift = first_lift if r == 0 else rng.choices(range(1, 13), weights=weights)[0]
                r += 1
                if p["refundat"] is not None and _at(day, t) >= p["refundat"]:
                    break
                scans.append((p["id"], lift, _at(day, t) + dt.timedelta(seconds=rng.randint(0, 59)),
                              "Y"))  # fmt: skip
                if rng.random() < 0.02:
                    scans.append((p["id"], lift, _at(day, t + 1) + dt.timedelta(seconds=5),
                                  "N"))  # fmt: skip
                t += rng.randint(20, 50)
                if not lunch and t >= 11 * 60 + 45 and rng.random() < 0.6:
                    lunch = True
                    t += rng.randint(45, 90)  # lunch break
        early = p["from"] - dt.timedelta(days=1)
        if never and rng.random() < 0.5 and early >= SEASONS[p["season"]][0] and early <= TODAY:
            # came a day early, was turned away at the gate and never came back
            scans.append((p["id"], 1, _at(early, rng.randint(8 * 60 + 30, 9 * 60 + 45)), "N"))
        # a rejected attempt the morning after the pass ran out (or after a refund)
        after = p["to"] + dt.timedelta(days=1)
        if p["refundat"] is not None and p["type"] != "SZN" and rng.random() < 0.5:
            after = p["refundat"].date() + dt.timedelta(days=1)
        elif p["type"] == "SZN" or rng.random() >= 0.05:
            after = None
        if after is not None and after <= TODAY and after <= SEASONS[p["season"]][1]:
            scans.append((p["id"], 1, _at(after, rng.randint(8 * 60 + 30, 9 * 60 + 45)), "N"))
    scans.sort(key=lambda s: (s[2], s[0]))
    _insert(con, "scan", [(i, *s) for i, s in enumerate(scans, start=1)])

    # ------------------------------------------------------------------- rentals
    rng = random.Random(seed * 1000 + 3)
    rentals: list[tuple] = []
    for p in passes:
        if p["type"] == "SZN" or rng.random() >= (
            0.38 if p["from"] < TODAY - dt.timedelta(days=8) else 0.7
        ):
            continue
        if p["agecat"] == "K":
            items = [rng.choice(["HELM", "PKG"])]
        else:
            r = rng.random()
            if r < 0.4:
                items = ["PKG"]
            elif r < 0.6:
                items = ["SKI", "BOOT"] if rng.random() < 0.5 else ["SKI"]
            elif r < 0.75:
                items = ["SNB", "BOOT"]
            elif r < 0.87:
                items = ["BOOT"]
            else:
                items = ["HELM"]
            if "PKG" not in items and "HELM" not in items and rng.random() < 0.3:
                items.append("HELM")
        n = _PASS_DAYS[p["type"]]
        if n > 1 and rng.random() < 0.25:
            n -= rng.randint(1, n - 1)
        start = p["from"]
        online = p["channel"] == "WEB" or rng.random() < 0.2
        pick_min = (
            rng.randint(11 * 60 + 30, 12 * 60 + 45)
            if p["type"] == "PM"
            else rng.randint(8 * 60, 10 * 60)
        )
        planned_pick = max(
            _at(start, pick_min), p["soldat"] + dt.timedelta(minutes=rng.randint(5, 25))
        )
        if online:
            booked = planned_pick - dt.timedelta(minutes=rng.randint(60 * 12, 60 * 24 * 30))
            booked = max(booked, p["soldat"])
        else:
            booked = max(planned_pick - dt.timedelta(minutes=rng.randint(4, 20)), p["soldat"])
        if booked > SNAPSHOT:
            continue
        last_day = start + dt.timedelta(days=n - 1)
        due = _at(last_day, 17 * 60 + 30)
        cancelled = rng.random() < (0.08 if online else 0.0)
        late = rng.random() < 0.13
        damage_roll = rng.random()
        for gear in items:
            rate = _GEAR_RATE[gear] * (0.6 if p["agecat"] in ("C", "K") else 1.0)
            fee = round(rate * n, 2)
            picked = returned = None
            damaged = "N"
            if cancelled:
                status = "CXL"
            elif start > TODAY or (start == TODAY and planned_pick > SNAPSHOT):
                status = "BKD"
            else:
                picked = planned_pick + dt.timedelta(minutes=rng.randint(0, 6))
                if rng.random() < 0.015 and due < SNAPSHOT:
                    status = "LST"
                else:
                    if late:
                        returned = due + dt.timedelta(minutes=rng.randint(20, 60 * 40))
                        if not 8 <= returned.hour < 18:  # the shop is closed at night
                            next_day = returned.date() + dt.timedelta(days=returned.hour >= 18)
                            returned = _at(next_day, rng.randint(8 * 60, 10 * 60))
                    else:
                        returned = due - dt.timedelta(minutes=rng.randint(5, 150))
                    if p["refundat"] is not None and p["refundat"] < returned:
                        returned = max(picked, p["refundat"]) + dt.timedelta(minutes=45)
                    if returned > SNAPSHOT or ((SNAPSHOT - due).days <= 6 and rng.random() < 0.3):
                        status, returned = "OUT", None
                    else:
                        status = "RET"
                        damaged = "Y" if damage_roll < 0.06 else "N"
            rentals.append((p["id"], gear, n, booked, picked, due, returned, fee, damaged,
                            status))  # fmt: skip
    rentals.sort(key=lambda r: (r[3], r[0], r[1]))
    _insert(con, "rental", [(i, *r) for i, r in enumerate(rentals, start=1)])

    # --------------------------------------------------------------- instructors
    _insert(
        con,
        "instructor",
        [
            (i, *row, dt.date(2024, 4, 30) if i == _LAST_SEASON_ONLY else None)
            for i, row in enumerate(_INSTRUCTORS, start=1)
        ],
    )

    # ------------------------------------------------------------------- lessons
    rng = random.Random(seed * 1000 + 4)
    lessons: list[tuple] = []
    horizon = TODAY + dt.timedelta(days=21)
    for season, (first, last) in SEASONS.items():
        for day in _days(first, min(last, horizon)):
            valid = [p for p in passes if p["from"] <= day <= p["to"]
                     and (p["refundat"] is None or p["refundat"].date() >= day)]  # fmt: skip
            if not valid:
                continue
            n_sessions = rng.choices([0, 1, 2, 3], weights=[20, 40, 30, 10])[0]
            if _busy(day) > 2.5:
                n_sessions += 1
            if day > TODAY:
                n_sessions = rng.choice([0, 1, 1])
            staff = [
                i
                for i, row in enumerate(_INSTRUCTORS, start=1)
                if row[5] <= day
                and not (i == _LAST_SEASON_ONLY and season == "2024/25")
                and not (i == _OFF_SICK[0] and _OFF_SICK[1] <= day <= _OFF_SICK[2])
            ]
            busy: dict[int, list[tuple[int, int]]] = {}
            taken: set[int] = set()
            for _ in range(n_sessions):
                ltype = rng.choices(["PRV", "GRP", "KID"], weights=[55, 30, 15])[0]
                if ltype == "PRV":
                    start = rng.choice([9 * 60, 11 * 60, 13 * 60, 14 * 60 + 30])
                    length = rng.choice([60, 120, 120, 180] if start < 14 * 60 else [60, 120])
                    size = 1
                elif ltype == "GRP":
                    start, length, size = (
                        rng.choice([10 * 60, 13 * 60 + 30]),
                        120,
                        rng.randint(2, 7),
                    )
                else:
                    start, length, size = 9 * 60 + 30, 180, rng.randint(3, 8)
                sport = "SNB" if ltype != "KID" and rng.random() < 0.2 else "SKI"
                plevel = rng.choices(["BEG", "INT", "ADV"], weights=[50, 35, 15])[0]
                if ltype == "KID":
                    pool = [p for p in valid if p["agecat"] in ("K", "C")]
                elif ltype == "GRP":
                    pool = [p for p in valid if p["agecat"] in ("A", "S", "C")]
                else:
                    pool = valid
                pool = [p for p in pool if p["id"] not in taken]
                if not pool:
                    continue
                pupils = rng.sample(pool, min(size, len(pool)))
                cands = [
                    i
                    for i in staff
                    if (sport == "SKI" or _INSTRUCTORS[i - 1][3] == "Y")
                    and (ltype == "PRV" or i != _PRIVATE_ONLY)
                    and all(start + length <= s or start >= e for s, e in busy.get(i, []))
                ]
                if not cands:
                    continue
                if any(p["country"] == "NL" for p in pupils) and rng.random() < 0.6:
                    dutch = [i for i in cands if "NL" in _INSTRUCTORS[i - 1][2]]
                    cands = dutch or cands
                instr = rng.choice(cands)
                if day > TODAY and _NEW_HIRE in cands and rng.random() < 0.4:
                    instr = _NEW_HIRE
                busy.setdefault(instr, []).append((start, start + length))
                startsat = _at(day, start)
                endsat = startsat + dt.timedelta(minutes=length)
                unassigned = day > TODAY and rng.random() < 0.3
                for p in pupils:
                    taken.add(p["id"])
                    if rng.random() < 0.2:
                        booked = _at(day, rng.randint(7 * 60 + 30, 8 * 60 + 45))
                    else:
                        booked = startsat - dt.timedelta(minutes=rng.randint(60 * 14, 60 * 24 * 20))
                    if booked > SNAPSHOT:
                        booked = SNAPSHOT - dt.timedelta(minutes=rng.randint(60, 60 * 24 * 10))
                    if booked >= startsat:
                        booked = startsat - dt.timedelta(minutes=30)
                    if day > TODAY:
                        status = "CX" if rng.random() < 0.1 else "BK"
                    else:
                        status = rng.choices(["DN", "CX", "NS"], weights=[88, 7, 5])[0]
                        if p["refundat"] is not None and p["refundat"] < startsat:
                            status = "CX"
                    prices = {
                        "PRV": 80.0 if season == "2023/24" else 85.0,
                        "GRP": 59.0 if season == "2023/24" else 65.0,
                        "KID": 69.0 if season == "2023/24" else 75.0,
                    }
                    price = prices[ltype] * (length / 60 if ltype == "PRV" else 1)
                    who = None if unassigned else instr
                    lessons.append((p["id"], who, ltype, sport, plevel, booked, startsat, endsat,
                                    round(price, 2), status))  # fmt: skip
    lessons.sort(key=lambda r: (r[6], r[1] or 0, r[0]))
    _insert(con, "lesson", [(i, *r) for i, r in enumerate(lessons, start=1)])

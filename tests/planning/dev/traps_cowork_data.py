"""Co-working operator test database (DuckDB, ``main`` schema).

A UK co-working company runs five sites (buildings). Each site has an open floor of
numbered hot desks, bookable meeting rooms, private offices, phone booths and one event
space. Members (individuals, most of them working for a client company) book desks and
rooms by the hour, are invoiced once a month, and can sign up for the community events the
operator runs at its sites.

The data covers bookings from 2024-01-01 onwards; the last day of the data is
**2025-05-14** (a Wednesday), which is "today" for every question: "this year" is 2025,
"last month" is April 2025, "this month" is May 2025 (up to today), "last quarter" is
January-March 2025 and "last year" is 2024. Some bookings and events are already scheduled
for after today (up to the end of June 2025). Member records go back to 2022, so some
members joined (and a few even left) before the booking data starts.

Money is in pounds sterling (GBP, columns ``*_gbp``), VAT included. Timestamps (``*_ts``)
are UK local time; dates are ``*_dt``. Two yes/no columns hold the text 'Y' or 'N'
(``room.has_av`` and ``invoices.paid_flag``). Coded columns hold short codes; their meaning
is listed below and repeated in the column comments (``COMMENT ON COLUMN``, see ``_DDL``).

Sites (``room.site_name`` / ``member.home_site``; there is no separate site table):
'Shoreditch' (London), 'Clerkenwell' (London), 'Ancoats' (Manchester), 'Harbourside'
(Bristol) and 'Leith' (Edinburgh, opened on 2025-02-03).

Tables
------

``room`` -- one row per bookable space (desk, room, booth, office or event space).

* ``room_id`` (INTEGER, primary key).
* ``site_name`` (VARCHAR): site the space is in (see the list above).
* ``city`` (VARCHAR): city of the site: 'London', 'Manchester', 'Bristol' or 'Edinburgh'.
* ``room_name`` (VARCHAR): name shown on the door. Meeting rooms are named after
  scientists and engineers, and the same name is used at several sites (there is a
  'Lovelace' room at three sites). All hot desks share the name 'Open floor', phone booths
  are 'Booth A', 'Booth B', private offices 'Office 1', 'Office 2', ... and the event space
  is 'Event space'.
* ``room_type`` (VARCHAR): kind of space, one of 'HD' (hot desk), 'MR' (meeting room),
  'PO' (private office), 'PB' (phone booth), 'EV' (event space).
* ``dsk_no`` (INTEGER): desk number on the site's open floor (1, 2, ...); only set for hot
  desks ('HD'), NULL for every other kind of space.
* ``capacity`` (INTEGER): maximum number of people the space is meant for (1 for desks and
  booths).
* ``hourly_rate_gbp`` (DECIMAL(6,2)): list price of one hour in the space, in GBP.
* ``has_av`` (VARCHAR): 'Y' if the space has a screen and video-conferencing kit, 'N' if not.
* ``opened_dt`` (DATE): first day the space could be booked.

``member`` -- one row per member (a person), current and former.

* ``mbr_id`` (INTEGER, primary key): member number.
* ``full_name`` (VARCHAR): first name and surname; not unique (two different people can
  share a name).
* ``email`` (VARCHAR, unique).
* ``company`` (VARCHAR): the client company the member works for; NULL for independent
  freelancers. Several members can belong to the same company.
* ``plan`` (VARCHAR): current membership plan, one of 'monthly' (fixed monthly fee that
  covers hot desks; hours in every other kind of space are charged on top), 'flex' (pay as
  you go, every booked hour charged) or 'day_pass' (occasional visitor, pays per booking).
* ``home_site`` (VARCHAR): site the member is registered at (a ``room.site_name`` value);
  members may book at any site.
* ``joined_dt`` (DATE): first day of membership.
* ``left_dt`` (DATE): last day of membership; NULL = still a member today. Every non-NULL
  value is on or before 2025-05-14.

``bookings`` -- one row per booking of a space by a member.

* ``booking_id`` (INTEGER, primary key).
* ``mbr_id`` (INTEGER, foreign key to ``member``): member who made (and pays for) the
  booking.
* ``room_id`` (INTEGER, foreign key to ``room``): space booked.
* ``start_ts`` (TIMESTAMP), ``end_ts`` (TIMESTAMP): booked slot (always on the same day,
  ``end_ts`` after ``start_ts``). Some slots are after today (future bookings).
* ``status`` (VARCHAR): 'CNF' (confirmed: the booking stands and, if in the past, took
  place), 'CXL' (cancelled by the member; the slot was released and nothing was charged) or
  'NSH' (no-show: confirmed but the member never turned up; still charged). Future bookings
  are 'CNF' or 'CXL'.
* ``created_ts`` (TIMESTAMP): when the booking was made. Usually before ``start_ts``; for
  walk-in bookings made at the front desk it can be a few minutes after ``start_ts``.
* ``attendees`` (INTEGER): number of people the member said would use the space
  (1 for desks and booths); NULL when not given. Can exceed the room's capacity.

A booking's duration is ``end_ts - start_ts``; its list value is the duration in hours
times the room's ``hourly_rate_gbp``.

``invoices`` -- monthly invoices to members. A member gets one invoice per calendar month in
which they owe something (monthly-plan members every month they are a member; flex and
day-pass members only for months with charged bookings). Invoices start with January 2024.

* ``inv_id`` (INTEGER, primary key).
* ``mbr_id`` (INTEGER, foreign key to ``member``): member billed.
* ``inv_month`` (DATE): the month the invoice is for (first day of that month, e.g.
  2025-03-01 = March 2025). The latest billed month is April 2025.
* ``issued_dt`` (DATE): day the invoice was sent, in the first days of the following month.
* ``due_dt`` (DATE): payment deadline, 14 days after ``issued_dt``.
* ``amt_gbp`` (DECIMAL(8,2)): invoice total in GBP (plan fee, charged hours and extras such
  as printing, lockers and guest passes).
* ``inv_status`` (VARCHAR): 'ISS' (issued, valid) or 'VOID' (voided because of an error;
  a corrected 'ISS' invoice for the same member and month was issued a few days later).
  Voided invoices must be ignored in any total or count of invoices.
* ``paid_flag`` (VARCHAR): 'Y' if the invoice has been paid, 'N' if not (always 'N' for
  voided invoices).
* ``paid_dt`` (DATE): day the payment was received; NULL when not paid. An invoice is
  overdue when it is valid, unpaid and its ``due_dt`` is before today; a payment is late
  when ``paid_dt`` is after ``due_dt``.

``events`` -- community events (talks, workshops, socials) run at the sites, past and
scheduled.

* ``event_id`` (INTEGER, primary key).
* ``room_id`` (INTEGER, foreign key to ``room``): space the event is held in (gives the site).
* ``title`` (VARCHAR): event title; recurring events (e.g. 'Friday Social') reuse the same
  title at several sites and dates.
* ``event_type`` (VARCHAR): 'TALK' (talk or panel), 'WKSP' (hands-on workshop), 'SOCL'
  (social / drinks), 'NETW' (networking breakfast).
* ``event_dt`` (DATE): day of the event (some are after today).
* ``max_places`` (INTEGER): places available; NULL = no limit.
* ``ticket_gbp`` (DECIMAL(6,2)): price per member in GBP; 0 = free.

``attendance`` -- sign-ups for events: one row per member who registered for an event.
Registering does not mean attending: a member attended only if they were checked in.

* ``event_id`` (INTEGER, foreign key to ``events``).
* ``mbr_id`` (INTEGER, foreign key to ``member``).
* ``registered_ts`` (TIMESTAMP): when the member signed up.
* ``checked_in_ts`` (TIMESTAMP): when the member was checked in at the door; NULL = did not
  turn up (or the event has not happened yet).

Primary key (``event_id``, ``mbr_id``).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
TODAY = dt.date(2025, 5, 14)
HORIZON = dt.date(2025, 6, 30)
_TODAY_END = dt.datetime(2025, 5, 14, 23, 59, 0)

_DDL = """
CREATE TABLE room (
    room_id INTEGER PRIMARY KEY,
    site_name VARCHAR NOT NULL,
    city VARCHAR NOT NULL,
    room_name VARCHAR NOT NULL,
    room_type VARCHAR NOT NULL,
    dsk_no INTEGER,
    capacity INTEGER NOT NULL,
    hourly_rate_gbp DECIMAL(6, 2) NOT NULL,
    has_av VARCHAR NOT NULL,
    opened_dt DATE NOT NULL
);
CREATE TABLE member (
    mbr_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL,
    email VARCHAR NOT NULL UNIQUE,
    company VARCHAR,
    plan VARCHAR NOT NULL,
    home_site VARCHAR NOT NULL,
    joined_dt DATE NOT NULL,
    left_dt DATE
);
CREATE TABLE bookings (
    booking_id INTEGER PRIMARY KEY,
    mbr_id INTEGER NOT NULL REFERENCES member (mbr_id),
    room_id INTEGER NOT NULL REFERENCES room (room_id),
    start_ts TIMESTAMP NOT NULL,
    end_ts TIMESTAMP NOT NULL,
    status VARCHAR NOT NULL,
    created_ts TIMESTAMP NOT NULL,
    attendees INTEGER
);
CREATE TABLE invoices (
    inv_id INTEGER PRIMARY KEY,
    mbr_id INTEGER NOT NULL REFERENCES member (mbr_id),
    inv_month DATE NOT NULL,
    issued_dt DATE NOT NULL,
    due_dt DATE NOT NULL,
    amt_gbp DECIMAL(8, 2) NOT NULL,
    inv_status VARCHAR NOT NULL,
    paid_flag VARCHAR NOT NULL,
    paid_dt DATE
);
CREATE TABLE events (
    event_id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES room (room_id),
    title VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    event_dt DATE NOT NULL,
    max_places INTEGER,
    ticket_gbp DECIMAL(6, 2) NOT NULL
);
CREATE TABLE attendance (
    event_id INTEGER NOT NULL REFERENCES events (event_id),
    mbr_id INTEGER NOT NULL REFERENCES member (mbr_id),
    registered_ts TIMESTAMP NOT NULL,
    checked_in_ts TIMESTAMP,
    PRIMARY KEY (event_id, mbr_id)
);
COMMENT ON COLUMN room.room_type IS
    'HD = hot desk, MR = meeting room, PO = private office, PB = phone booth, EV = event space';
COMMENT ON COLUMN room.dsk_no IS
    'Desk number on the open floor; only for room_type HD, NULL otherwise';
COMMENT ON COLUMN room.hourly_rate_gbp IS
    'List price per hour in GBP (VAT included)';
COMMENT ON COLUMN room.has_av IS
    'Y = screen and video-conferencing kit, N = none';
COMMENT ON COLUMN member.plan IS
    'monthly = fixed monthly fee, flex = pay as you go, day_pass = occasional visitor';
COMMENT ON COLUMN member.left_dt IS
    'Last day of membership; NULL = still a member';
COMMENT ON COLUMN bookings.status IS
    'CNF = confirmed, CXL = cancelled by member (not charged), NSH = no-show (charged)';
COMMENT ON COLUMN bookings.attendees IS
    'Number of people expected in the space; NULL = not given';
COMMENT ON COLUMN invoices.inv_month IS
    'Month billed (first day of the month)';
COMMENT ON COLUMN invoices.inv_status IS
    'ISS = issued (valid), VOID = voided, ignore in totals';
COMMENT ON COLUMN invoices.paid_flag IS
    'Y = paid, N = not paid';
COMMENT ON COLUMN invoices.amt_gbp IS
    'Invoice total in GBP, VAT included';
COMMENT ON COLUMN events.event_type IS
    'TALK = talk/panel, WKSP = workshop, SOCL = social, NETW = networking breakfast';
COMMENT ON COLUMN events.max_places IS
    'Places available; NULL = unlimited';
COMMENT ON COLUMN attendance.checked_in_ts IS
    'Check-in time at the door; NULL = registered but did not attend (or event not held yet)';
"""

_DROP_ORDER = ["attendance", "events", "invoices", "bookings", "member", "room"]

# site -> (city, opened, number of hot desks, desk rate, meeting rooms [(name, capacity)],
#          private offices [capacity], booths, event space capacity)
_SITES = {
    "Shoreditch": ("London", dt.date(2019, 4, 1), 14, 6.00,
                   [("Lovelace", 6), ("Turing", 4), ("Brunel", 12), ("Hopper", 8), ("Curie", 4)],
                   [4, 6, 2], 2, 60),
    "Clerkenwell": ("London", dt.date(2020, 9, 1), 10, 6.00,
                    [("Faraday", 8), ("Turing", 6), ("Darwin", 4), ("Franklin", 4)],
                    [2, 4], 2, 40),
    "Ancoats": ("Manchester", dt.date(2021, 3, 1), 12, 5.00,
                [("Lovelace", 8), ("Turing", 4), ("Babbage", 6), ("Brunel", 4)],
                [4, 6], 2, 50),
    "Harbourside": ("Bristol", dt.date(2022, 1, 10), 8, 5.00,
                    [("Brunel", 6), ("Darwin", 4), ("Somerville", 10)],
                    [2, 4], 1, 40),
    "Leith": ("Edinburgh", dt.date(2025, 2, 3), 6, 4.50,
              [("Lovelace", 6), ("Maxwell", 4)],
              [4], 1, 30),
}  # fmt: skip
_MR_RATE = {4: 25.0, 6: 35.0, 8: 45.0, 10: 55.0, 12: 70.0}
_PO_RATE = {2: 30.0, 4: 40.0, 6: 55.0}

_FIRST = ["James", "Olivia", "Amelia", "Harry", "Sam", "Priya", "Mohammed", "Chloe", "Tom",
          "Grace", "Daniel", "Aisha", "Jack", "Emily", "Ravi", "Sophie", "Liam", "Hannah",
          "Ben", "Zara", "Oliver", "Isla", "Noah", "Freya", "Leo", "Maya", "Ethan", "Ruby",
          "Callum", "Niamh", "Kwame", "Mei", "Lucas", "Ella", "Arjun", "Rosie"]  # fmt: skip
_LAST = ["Smith", "Jones", "Taylor", "Brown", "Patel", "Khan", "Wilson", "Evans", "Thomas",
         "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Green",
         "Hall", "Wood", "Clarke", "Campbell", "Murray", "Ahmed", "Chen", "Okafor", "Kelly",
         "Price", "Morgan", "Reid", "Shah"]  # fmt: skip
# company -> relative size; None = freelancer
_COMPANIES = [("Acme Analytics", 10), ("Brightpath Media", 6), ("Copperleaf Studio", 4),
              ("Dovetail Legal", 4), ("Emberline Games", 6), ("Fennel & Co", 3),
              ("Greyhound Logistics", 3), ("Hollow Oak Design", 4), ("Inkwell Publishing", 3),
              ("Juniper Health", 5), ("Kestrel Robotics", 5), ("Lumen Energy", 4),
              ("Marlow Consulting", 6), ("Northwind Traders", 5), ("Orbital Apps", 4),
              ("Pinecone Labs", 3), ("Quayside Architects", 3), ("Riverstone Capital", 2),
              ("Saltmarsh Films", 3), ("Tidewater Foods", 2), ("Umber Recruitment", 3),
              ("Vantage Data", 4), ("Wildflower Events", 2), ("Yellowhammer PR", 2)]  # fmt: skip
_CORPORATE = ("Dovetail Legal", "Riverstone Capital", "Quayside Architects")
_SITE_WEIGHT = {"Shoreditch": 32, "Clerkenwell": 22, "Ancoats": 22, "Harbourside": 16, "Leith": 8}

_EVENT_TITLES = {
    "TALK": ["Founder Stories", "Funding 101", "AI for Small Teams", "Pitch Night",
             "Design Systems Panel"],
    "WKSP": ["Pitch Deck Clinic", "Bookkeeping Basics", "Intro to Figma", "SEO Workshop",
             "Public Speaking Workshop"],
    "SOCL": ["Friday Social", "Summer Party", "Quiz Night", "Pizza & Games"],
    "NETW": ["Networking Breakfast", "Members Breakfast"],
}  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _active(m: dict, day: dt.date) -> bool:
    return m["joined"] <= day and (m["left"] is None or day <= m["left"])


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the co-working tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # --------------------------------------------------------------------- rooms
    rooms: list[dict] = []

    def add_room(site, name, rtype, dsk, cap, rate, av, opened):
        rooms.append({"id": len(rooms) + 1, "site": site, "city": _SITES[site][0], "name": name,
                      "type": rtype, "dsk": dsk, "cap": cap, "rate": rate, "av": av,
                      "opened": opened})  # fmt: skip

    for site, (city, opened, n_desks, desk_rate, mrs, pos, booths, ev_cap) in _SITES.items():
        for k in range(1, n_desks + 1):
            add_room(site, "Open floor", "HD", k, 1, desk_rate, "N", opened)
        for name, cap in mrs:
            rate = _MR_RATE[cap] + (5.0 if city == "London" else 0.0)
            av = "N" if (cap == 4 and rng.random() < 0.5) else "Y"
            add_room(site, name, "MR", None, cap, rate, av, opened)
        for k, cap in enumerate(pos, start=1):
            add_room(
                site,
                f"Office {k}",
                "PO",
                None,
                cap,
                _PO_RATE[cap],
                "Y" if cap >= 4 else "N",
                opened,
            )
        for k in range(booths):
            add_room(site, f"Booth {'AB'[k]}", "PB", None, 1, 8.00, "Y" if k == 0 else "N", opened)
        add_room(site, "Event space", "EV", None, ev_cap, 120.00, "Y", opened)
    # later additions: extra desks and a new meeting room
    add_room("Harbourside", "Open floor", "HD", 9, 1, 5.00, "N", dt.date(2024, 9, 2))
    add_room("Harbourside", "Open floor", "HD", 10, 1, 5.00, "N", dt.date(2024, 9, 2))
    add_room("Clerkenwell", "Hopper", "MR", None, 6, 40.00, "Y", dt.date(2024, 11, 4))
    add_room("Shoreditch", "Booth C", "PB", None, 1, 8.00, "N", dt.date(2025, 5, 12))
    _insert(con, "room", [(r["id"], r["site"], r["city"], r["name"], r["type"], r["dsk"],
                           r["cap"], r["rate"], r["av"], r["opened"]) for r in rooms])  # fmt: skip

    # ------------------------------------------------------------------- members
    members: list[dict] = []
    used_emails: dict[str, int] = {}
    comp_names = [c for c, _ in _COMPANIES]
    comp_w = [w for _, w in _COMPANIES]
    sites = list(_SITE_WEIGHT)
    for i in range(1, 431):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        name = f"{first} {last}"
        plan = rng.choices(["monthly", "flex", "day_pass"], weights=[45, 35, 20])[0]
        company = None if rng.random() < 0.25 else rng.choices(comp_names, weights=comp_w)[0]
        if company in _CORPORATE:
            plan = "monthly"  # corporate accounts: everyone on the monthly plan
        home = rng.choices(sites, weights=list(_SITE_WEIGHT.values()))[0]
        site_open = _SITES[home][1]
        lo = max(dt.date(2022, 1, 10), site_open)
        joined = lo + dt.timedelta(days=rng.randint(0, (dt.date(2025, 5, 9) - lo).days))
        if home == "Leith" and rng.random() < 0.5:
            joined = site_open + dt.timedelta(days=rng.randint(0, 20))
        left = None
        if rng.random() < 0.3 and (TODAY - joined).days > 60:
            left = joined + dt.timedelta(days=rng.randint(45, (TODAY - joined).days))
        domain = (company or "gmail").lower().replace(" & ", "").replace(" ", "") + ".co.uk"
        local = f"{first}.{last}".lower()
        n = used_emails.get(local + domain, 0)
        used_emails[local + domain] = n + 1
        email = f"{local}{n + 1 if n else ''}@{domain}"
        activity = {"monthly": 3.0, "flex": 2.0, "day_pass": 0.8}[plan] * rng.uniform(0.3, 1.7)
        if rng.random() < 0.08:
            activity = 0.0  # signed up but never books
        members.append({"id": i, "name": name, "email": email, "company": company,
                        "plan": plan, "home": home, "joined": joined, "left": left,
                        "act": activity})  # fmt: skip
    _insert(con, "member", [(m["id"], m["name"], m["email"], m["company"], m["plan"], m["home"],
                             m["joined"], m["left"]) for m in members])  # fmt: skip

    # ------------------------------------------------------------------ bookings
    rng = random.Random(seed * 1000 + 2)
    by_site_type: dict[tuple[str, str], list[dict]] = {}
    for r in rooms:
        by_site_type.setdefault((r["site"], r["type"]), []).append(r)
    never_booked = {rooms[-1]["id"]}  # the booth opened two days before today
    # one meeting room is out of favour: rarely booked, never in 2025
    quiet_room = next(r["id"] for r in rooms if r["site"] == "Ancoats" and r["name"] == "Brunel")
    bookings: list[tuple] = []
    occupied: dict[tuple[int, dt.date], list[tuple[dt.datetime, dt.datetime]]] = {}
    day = FIRST_DAY
    while day <= HORIZON:
        weekday = day.weekday() < 5
        n = rng.randint(7, 13) if weekday else rng.randint(0, 2)
        if day > TODAY:
            ahead = (day - TODAY).days
            n = int(n * max(0.1, 1 - ahead / 50))
        active = [m for m in members if _active(m, day) and m["act"] > 0]
        if day > TODAY:
            active = [m for m in active if m["joined"] <= TODAY]
        weights = [m["act"] for m in active]
        for _ in range(n):
            m = rng.choices(active, weights=weights)[0]
            site = m["home"] if rng.random() < 0.82 else rng.choice(sites)
            if m["plan"] == "day_pass":
                rtype = "HD" if rng.random() < 0.9 else "PB"
            else:
                rtype = rng.choices(["HD", "MR", "PB", "PO", "EV"], weights=[48, 32, 9, 9, 2])[0]
            options = [r for r in by_site_type.get((site, rtype), [])
                       if r["opened"] <= day and r["id"] not in never_booked]  # fmt: skip
            if rtype == "MR":
                options = [
                    r
                    for r in options
                    if r["id"] != quiet_room or (day.year == 2024 and rng.random() < 0.2)
                ]
            if not options:
                continue
            room = rng.choice(options)
            if rtype == "HD":
                start_h, hours = rng.randint(16, 22) / 2, rng.randint(6, 18) / 2
            elif rtype == "MR":
                start_h, hours = rng.randint(16, 34) / 2, rng.choice([1, 1, 1.5, 2, 2, 3])
            elif rtype == "PB":
                start_h, hours = rng.randint(16, 36) / 2, rng.choice([0.5, 0.5, 1])
            elif rtype == "PO":
                start_h, hours = rng.randint(16, 22) / 2, rng.randint(4, 16) / 2
            else:
                start_h, hours = rng.choice([9, 13, 17, 18]), rng.choice([2, 3, 4])
            start = dt.datetime.combine(day, dt.time(int(start_h), int(start_h * 60) % 60))
            end = start + dt.timedelta(minutes=int(hours * 60))
            if rtype != "HD":
                slots = occupied.setdefault((room["id"], day), [])
                if any(s < end and start < e for s, e in slots):
                    continue
                slots.append((start, end))
            r = rng.random()
            if r < 0.025 and day <= TODAY:
                created = start + dt.timedelta(minutes=rng.randint(3, 40))  # walk-in
            else:
                lead = min(rng.expovariate(1 / 4.0), 45) if r < 0.9 else rng.uniform(0.02, 0.5)
                created = start - dt.timedelta(days=lead)
                created = created.replace(second=0, microsecond=0)
            if created > _TODAY_END:
                created = _TODAY_END - dt.timedelta(minutes=rng.randint(10, 60 * 24 * 5))
            floor = dt.datetime.combine(m["joined"], dt.time(8, 0))
            if created < floor:
                created = floor + dt.timedelta(minutes=rng.randint(0, 90))
            s = rng.random()
            if start.date() <= TODAY:
                status = "CNF" if s < 0.84 else "CXL" if s < 0.95 else "NSH"
            else:
                status = "CNF" if s < 0.9 else "CXL"
            if rtype in ("HD", "PB"):
                attendees = 1
            elif rng.random() < 0.08:
                attendees = None
            else:
                attendees = rng.randint(1, room["cap"] + (2 if rng.random() < 0.1 else 0))
            bookings.append((m["id"], room["id"], start, end, status, created, attendees))
        day += dt.timedelta(days=1)
    bookings.sort(key=lambda b: (b[2], b[1], b[0]))
    _insert(con, "bookings", [(i, *b) for i, b in enumerate(bookings, start=1)])

    # ------------------------------------------------------------------ invoices
    rng = random.Random(seed * 1000 + 3)
    room_by_id = {r["id"]: r for r in rooms}
    usage: dict[tuple[int, dt.date], float] = {}
    for mbr, rid, start, end, status, _c, _a in bookings:
        if status == "CXL" or start.date() > dt.date(2025, 4, 30):
            continue
        rt = room_by_id[rid]
        m = members[mbr - 1]
        if m["plan"] == "monthly" and rt["type"] == "HD":
            continue  # desks are included in the monthly fee
        hours = (end - start).total_seconds() / 3600
        key = (mbr, _month_start(start.date()))
        usage[key] = usage.get(key, 0.0) + hours * float(rt["rate"])
    fees = {m["id"]: rng.choice([220.0, 260.0, 300.0, 350.0, 420.0]) for m in members}
    invoices: list[list] = []
    month = FIRST_DAY
    last_billed = dt.date(2025, 4, 1)
    while month <= last_billed:
        month_end = _next_month(month) - dt.timedelta(days=1)
        for m in members:
            active = m["joined"] <= month_end and (m["left"] is None or m["left"] >= month)
            use = usage.get((m["id"], month), 0.0)
            if m["plan"] == "monthly" and active:
                amt = fees[m["id"]] + use
            elif use > 0:
                amt = use
            else:
                continue
            if rng.random() < 0.45:
                amt += rng.randint(60, 2500) / 100  # printing, guest passes, lockers
            issued = _next_month(month) + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2]))
            invoices.append([m["id"], month, issued, round(amt, 2)])
        month = _next_month(month)
    inv_rows: list[tuple] = []
    for mbr, month, issued, amt in invoices:
        due = issued + dt.timedelta(days=14)
        if rng.random() < 0.035:
            # voided invoice, replaced a few days later by a corrected one
            inv_rows.append((mbr, month, issued, due, round(amt * rng.uniform(1.05, 1.4), 2),
                             "VOID", "N", None))  # fmt: skip
            issued = issued + dt.timedelta(days=rng.randint(3, 9))
            due = issued + dt.timedelta(days=14)
        paid_dt = None
        if issued <= TODAY:
            p = rng.random()
            if p < 0.975:
                lag = rng.randint(0, 12) if rng.random() < 0.75 else rng.randint(13, 60)
                paid_dt = issued + dt.timedelta(days=lag)
                if paid_dt > TODAY:
                    paid_dt = None
        inv_rows.append((mbr, month, issued, due, amt, "ISS",
                         "Y" if paid_dt else "N", paid_dt))  # fmt: skip
    inv_rows.sort(key=lambda r: (r[2], r[0], r[5] != "VOID"))
    _insert(con, "invoices", [(i, *r) for i, r in enumerate(inv_rows, start=1)])

    # -------------------------------------------------------------------- events
    rng = random.Random(seed * 1000 + 4)
    events: list[tuple] = []
    attendance: list[tuple] = []
    ev_rooms = {r["site"]: r for r in rooms if r["type"] == "EV"}
    big_mr = {}
    for r in rooms:
        if r["type"] == "MR" and r["cap"] >= big_mr.get(r["site"], {"cap": 0})["cap"]:
            big_mr[r["site"]] = r
    day = dt.date(2024, 1, 8)
    while day <= HORIZON:
        for site in sites:
            if _SITES[site][1] > day or rng.random() < 0.55:
                continue
            etype = rng.choices(["TALK", "WKSP", "SOCL", "NETW"], weights=[30, 25, 30, 15])[0]
            title = rng.choice(_EVENT_TITLES[etype])
            offset = {"TALK": 2, "WKSP": 1, "SOCL": 4, "NETW": 3}[etype]
            edate = day + dt.timedelta(days=offset)
            if edate == TODAY:
                edate -= dt.timedelta(days=1)  # nothing is scheduled on the data's last day
            room = ev_rooms[site] if etype != "WKSP" or rng.random() < 0.4 else big_mr[site]
            if etype == "SOCL":
                places, price = None, 0.0
            elif etype == "WKSP":
                places, price = (
                    min(room["cap"], rng.choice([10, 12, 15, 20])),
                    rng.choice([10.0, 15.0, 20.0]),
                )
            else:
                places, price = rng.choice([20, 30, room["cap"]]), rng.choice([0.0, 0.0, 5.0])
            events.append((len(events) + 1, room["id"], title, etype, edate, places, price))
        day += dt.timedelta(days=14)
    for eid, rid, _title, etype, edate, places, _price in events:
        site = room_by_id[rid]["site"]
        cap = places if places is not None else room_by_id[rid]["cap"]
        pool = [m for m in members if _active(m, min(edate, TODAY))]
        local = [m for m in pool if m["home"] == site]
        other = [m for m in pool if m["home"] != site]
        r = rng.random()
        n = 0 if r < 0.04 else rng.randint(max(2, cap // 4), cap)
        if edate > TODAY:
            n = n // 2
        chosen = rng.sample(local, min(len(local), int(n * 0.85)))
        chosen += rng.sample(other, min(len(other), n - len(chosen)))
        no_shows = r > 0.97
        for m in chosen:
            reg = dt.datetime.combine(edate, dt.time(9, 0)) - dt.timedelta(
                minutes=rng.randint(60, 60 * 24 * 21)
            )
            reg = max(reg, dt.datetime.combine(m["joined"], dt.time(9, 0)))
            if reg > _TODAY_END:
                reg = _TODAY_END - dt.timedelta(minutes=rng.randint(30, 3000))
            checked = None
            if edate <= TODAY and not no_shows and rng.random() < 0.74:
                hour = {"TALK": 18, "WKSP": 13, "SOCL": 17, "NETW": 8}[etype]
                checked = dt.datetime.combine(edate, dt.time(hour, rng.randint(0, 40)))
            attendance.append((eid, m["id"], reg, checked))
    _insert(con, "events", events)
    attendance.sort(key=lambda a: (a[0], a[2], a[1]))
    _insert(con, "attendance", attendance)

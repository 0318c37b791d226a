"""Music festival ticketing test database (DuckDB, ``main`` schema).

A festival company runs a handful of boutique music festivals in the UK, Spain, the
Netherlands and the US. Each festival brand is held once a year (an *edition*) over three
days in one city. The company books artists to play sets on the festival stages, sells
tickets online, through its app, through resale partners and at the box office, and checks
every ticket at the gates.

The data covers the festival editions of 2023, 2024 and 2025 (ticket sales for the 2023
editions started in August 2022). The last day of the data is **2025-09-15**, which is
"today" for every question: "this year" is 2025, "last month" is August 2025, "last quarter"
is April-June 2025 (Q2 2025) and "last year" is 2024. One edition (Riverbend Sound 2025) is
still to come and is on sale; one edition (Northern Drift 2024) was cancelled on 2024-08-09,
when its ticket sales stopped; all its orders were refunded within three weeks.

All money is stored as integer **euro cents** (``...Cents``; 14900 = EUR 149.00; UK and US
sales are converted to euros at the order date). Set lengths are in minutes. Timestamps
(``...At``) are local time at the festival site; dates are ``...On``. Coded columns hold
short upper-case codes; the allowed codes are listed below and explained in the column
comments (``COMMENT ON COLUMN``, see ``_DDL``). Booleans have no ``is`` prefix.

Tables
------

``festival`` -- one row per festival edition (one brand in one year).

* ``festivalId`` (INTEGER, primary key).
* ``label`` (VARCHAR): festival brand, e.g. 'Harbour Lights'. The same label appears once
  per year, so a label alone does not identify an edition; use it with ``edition``.
* ``edition`` (INTEGER): year of the edition, e.g. 2024.
* ``city`` (VARCHAR): host city.
* ``countryCode`` (VARCHAR): ISO 3166 two-letter country of the host city: 'GB', 'ES',
  'NL' or 'US'.
* ``startsOn`` (DATE): first festival day.
* ``endsOn`` (DATE): last festival day (editions last three days, ``startsOn`` + 2).
* ``dailyCapacity`` (INTEGER): licensed maximum number of people on site per day.
* ``status`` (VARCHAR): 'HELD' (took place), 'PLAN' (upcoming, on sale) or 'CANC'
  (cancelled; every ticket order was refunded and no set was played).
* ``soldOut`` (BOOLEAN): true if the edition sold out before it started.

``artist`` -- one row per act (solo artist, band or DJ) the company has a contract with,
whether or not it has ever been booked.

* ``artistId`` (INTEGER, primary key).
* ``title`` (VARCHAR): the act's name as billed. Two different acts are both called
  'Echo Park' (one from the US, one from the UK); tell them apart by ``countryCode``.
* ``genre`` (VARCHAR): main genre code, one of 'ROCK', 'POP', 'ELEC', 'HIPHOP', 'FOLK',
  'JAZZ' (see column comment).
* ``countryCode`` (VARCHAR): ISO two-letter home country of the act.
* ``formedYear`` (INTEGER): year the act was formed or the solo artist debuted; NULL when
  unknown.
* ``memberCount`` (INTEGER): number of people in the act (1 = solo artist / DJ).

``performance`` -- one row per set in a festival line-up (an act playing once on one stage
at one edition). An act plays at most once per edition.

* ``performanceId`` (INTEGER, primary key).
* ``festivalId`` (INTEGER, foreign key to ``festival``).
* ``artistId`` (INTEGER, foreign key to ``artist``).
* ``stage`` (VARCHAR): stage code, one of 'MAIN', 'TENT', 'GROVE', 'CLUB' (see column
  comment). Every edition has the same four stages.
* ``startsAt`` (TIMESTAMP): scheduled start of the set; CLUB sets can start after midnight
  (their ``startsAt`` is then on the following calendar day).
* ``setLengthMin`` (INTEGER): scheduled length of the set in minutes.
* ``headliner`` (BOOLEAN): true for the closing act of the MAIN stage on each festival day
  (three headliners per edition).
* ``feeCents`` (INTEGER): fee agreed with the act for the set, in euro cents; NULL when the
  fee is confidential (not disclosed to analysts).
* ``status`` (VARCHAR): 'PLAYED', 'CANC' (set cancelled; no fee paid) or 'SCHED' (scheduled
  for an upcoming edition).

``customer`` -- one row per registered ticket buyer (client account). Some accounts have
never placed an order.

* ``customerId`` (INTEGER, primary key).
* ``label`` (VARCHAR): the customer's full name as entered (not unique; different people
  share names).
* ``email`` (VARCHAR, unique): login e-mail address.
* ``city`` (VARCHAR): home city.
* ``countryCode`` (VARCHAR): ISO two-letter home country.
* ``joinedOn`` (DATE): day the account was created (can be before 2023).
* ``birthYear`` (INTEGER): year of birth; NULL when not given.
* ``newsletter`` (BOOLEAN): true if the customer has opted in to marketing e-mails.

``ticketOrder`` -- one row per ticket purchase. One order is for one edition and one ticket
tier and can hold several identical tickets (``quantity``).

* ``ticketOrderId`` (INTEGER, primary key).
* ``customerId`` (INTEGER, foreign key to ``customer``).
* ``festivalId`` (INTEGER, foreign key to ``festival``).
* ``orderedAt`` (TIMESTAMP): when the order was paid.
* ``channel`` (VARCHAR): sales channel, one of 'WEB', 'APP', 'BOX', 'RESALE' (see column
  comment). Box office orders are only placed on festival days.
* ``tier`` (VARCHAR): ticket type, one of 'GA', 'DAY', 'VIP', 'COMP' (see column comment).
* ``validOn`` (DATE): the festival day a 'DAY' ticket is valid for; NULL for all other
  tiers (they are valid on all three days).
* ``quantity`` (INTEGER): number of tickets in the order (1-6).
* ``priceCents`` (INTEGER): price of ONE ticket in euro cents, excluding the booking fee
  (0 for 'COMP'). Early-bird orders were cheaper.
* ``bookingFeeCents`` (INTEGER): booking fee charged once for the whole order, in euro cents
  (0 at the box office and for 'COMP'). The amount a customer paid for an order is
  ``quantity * priceCents + bookingFeeCents``.
* ``refunded`` (BOOLEAN): true if the whole order was refunded (refunded tickets are void
  and must not be counted as sales, revenue or tickets sold).
* ``refundedOn`` (DATE): day the refund was paid out; NULL unless ``refunded``.

``gateScan`` -- one row per scan of a ticket at a festival gate (only editions that were
held have scans). A ticket is scanned on each day its holder comes in; holders who leave and
come back are scanned again ('REENTRY'); void or wrong-day tickets are refused ('DENIED').

* ``gateScanId`` (INTEGER, primary key).
* ``ticketOrderId`` (INTEGER, foreign key to ``ticketOrder``).
* ``ticketNo`` (INTEGER): which ticket of the order was scanned, 1 .. ``quantity``.
* ``gate`` (VARCHAR): entrance code, one of 'NORTH', 'SOUTH', 'VIP' (see column comment).
* ``scannedAt`` (TIMESTAMP): when the ticket was scanned.
* ``outcome`` (VARCHAR): 'ADMIT' (first entry of that ticket that day), 'REENTRY' (entry
  after leaving the site the same day) or 'DENIED' (refused: refunded ticket or a day ticket
  on the wrong day). An *admission* is a scan with outcome 'ADMIT'.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from itertools import accumulate
from typing import Any

FIRST_DAY = dt.date(2022, 8, 1)
LAST_DAY = dt.date(2025, 9, 15)
_END = dt.datetime(2025, 9, 15, 23, 59, 59)
_CANCELLED_ON = dt.date(2024, 8, 9)  # Northern Drift 2024 called off; sales stopped that day

# label, city, country, [(edition, start, status, sold out)], daily capacity, GA price EUR
_FESTIVALS = [
    ("Harbour Lights", "Bristol", "GB", [(2023, dt.date(2023, 7, 14), "HELD", False),
                                          (2024, dt.date(2024, 7, 12), "HELD", True),
                                          (2025, dt.date(2025, 7, 11), "HELD", False)], 1200, 169),
    ("Northern Drift", "Manchester", "GB", [(2023, dt.date(2023, 8, 25), "HELD", False),
                                            (2024, dt.date(2024, 8, 23), "CANC", False),
                                            (2025, dt.date(2025, 8, 22), "HELD", False)], 900, 139),
    ("Sol y Sombra", "Valencia", "ES", [(2023, dt.date(2023, 6, 9), "HELD", False),
                                        (2024, dt.date(2024, 6, 7), "HELD", False),
                                        (2025, dt.date(2025, 6, 13), "HELD", True)], 1400, 119),
    ("Lakeshore Jam", "Chicago", "US", [(2024, dt.date(2024, 8, 2), "HELD", False),
                                        (2025, dt.date(2025, 8, 1), "HELD", False)], 1000, 189),
    ("Riverbend Sound", "Austin", "US", [(2023, dt.date(2023, 10, 6), "HELD", False),
                                         (2024, dt.date(2024, 10, 4), "HELD", True),
                                         (2025, dt.date(2025, 10, 3), "PLAN", False)], 1100, 159),
    ("Kanal Weekend", "Rotterdam", "NL", [(2024, dt.date(2024, 9, 13), "HELD", False),
                                          (2025, dt.date(2025, 9, 12), "HELD", False)], 800, 129),
]  # fmt: skip

_GENRES = ["ROCK", "POP", "ELEC", "HIPHOP", "FOLK", "JAZZ"]
_ADJ = [
    "Velvet", "Paper", "Silver", "Hollow", "Neon", "Wild", "Quiet", "Golden", "Electric",
    "Broken", "Lunar", "Crimson", "Static", "Glass", "Midnight", "Copper", "Amber", "Frozen",
    "Distant", "Sunday", "Violet", "Burning", "Tidal", "Northern",
]  # fmt: skip
_NOUN = [
    "Foxes", "Harbour", "Lanterns", "Tides", "Engines", "Ghosts", "Wolves", "Gardens",
    "Pilots", "Mirrors", "Rivers", "Sparrows", "Circuits", "Saints", "Comets", "Orchards",
    "Avenue", "Hearts", "Kites", "Machines",
]  # fmt: skip
_SOLO_FIRST = [
    "Maya", "Jonah", "Lola", "Theo", "Inés", "Kofi", "Freya", "Marco", "Nadia", "Ruben",
    "Sage", "Elif", "Owen", "Priya", "Dario", "Hana", "Lucas", "Zara", "Milo", "Ada",
]  # fmt: skip
_SOLO_LAST = [
    "Reyes", "Vance", "Okafor", "Lind", "Moreau", "Castell", "Byrne", "Janssen", "Sato",
    "Quinn", "Haddad", "Novak", "Ferro", "Baker", "Holm",
]  # fmt: skip
_DJ = ["DJ Kestrel", "Nightshift", "Lumen", "Parallax", "Kora", "Solenne", "Mr. Tempo",
       "Orbit Theory", "Halcyon", "Vektor", "Strata", "Pulsewidth"]  # fmt: skip
_ART_COUNTRY = ["GB", "GB", "GB", "US", "US", "US", "NL", "ES", "ES", "DE", "FR", "IE", "SE",
                "AU", "CA"]  # fmt: skip

_CUST_FIRST = [
    "Oliver", "Amelia", "Jack", "Isla", "Harry", "Ava", "George", "Mia", "Noah", "Emily",
    "Lucía", "Hugo", "Martina", "Pablo", "Sofía", "Daan", "Sanne", "Lieke", "Bram", "Emma",
    "Liam", "Olivia", "Ethan", "Sophia", "Mason", "Chloe", "Sam", "Alex", "Jordan", "Taylor",
]  # fmt: skip
_CUST_LAST = [
    "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "García", "Martínez", "López",
    "Sánchez", "de Vries", "Jansen", "Bakker", "Visser", "Johnson", "Miller", "Davis",
    "Walker", "Hughes", "Green", "Murphy", "Kelly", "Navarro", "Romero",
]  # fmt: skip
_CITIES = {
    "GB": ["London", "Bristol", "Manchester", "Leeds", "Bath", "Cardiff", "Liverpool"],
    "ES": ["Valencia", "Madrid", "Barcelona", "Alicante", "Sevilla"],
    "NL": ["Rotterdam", "Amsterdam", "Utrecht", "The Hague", "Eindhoven"],
    "US": ["Chicago", "Austin", "Houston", "Milwaukee", "Dallas", "Denver"],
    "DE": ["Berlin", "Cologne"], "FR": ["Paris", "Lyon"], "IE": ["Dublin"],
}  # fmt: skip
_DOMAINS = ["mail.com", "inbox.net", "post.org", "webmail.eu", "fastmail.io"]

# stage -> list of (start hour, start minute, min length, max length); last MAIN slot = headliner
_SLOTS = {
    "MAIN": [(14, 30, 45, 60), (16, 30, 60, 75), (18, 45, 60, 75), (21, 0, 90, 120)],
    "TENT": [(15, 0, 45, 50), (17, 0, 45, 55), (19, 0, 50, 60), (21, 30, 50, 60)],
    "GROVE": [(13, 0, 40, 45), (15, 15, 40, 45), (17, 30, 40, 50)],
    "CLUB": [(23, 0, 90, 90), (24, 45, 90, 120)],
}

_DDL = """
CREATE TABLE festival (
    festivalId INTEGER PRIMARY KEY,
    label VARCHAR NOT NULL,
    edition INTEGER NOT NULL,
    city VARCHAR NOT NULL,
    countryCode VARCHAR NOT NULL,
    startsOn DATE NOT NULL,
    endsOn DATE NOT NULL,
    dailyCapacity INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    soldOut BOOLEAN NOT NULL,
    UNIQUE (label, edition)
);
CREATE TABLE artist (
    artistId INTEGER PRIMARY KEY,
    title VARCHAR NOT NULL,
    genre VARCHAR NOT NULL,
    countryCode VARCHAR NOT NULL,
    formedYear INTEGER,
    memberCount INTEGER NOT NULL
);
CREATE TABLE performance (
    performanceId INTEGER PRIMARY KEY,
    festivalId INTEGER NOT NULL REFERENCES festival (festivalId),
    artistId INTEGER NOT NULL REFERENCES artist (artistId),
    stage VARCHAR NOT NULL,
    startsAt TIMESTAMP NOT NULL,
    setLengthMin INTEGER NOT NULL,
    headliner BOOLEAN NOT NULL,
    feeCents INTEGER,
    status VARCHAR NOT NULL
);
CREATE TABLE customer (
    customerId INTEGER PRIMARY KEY,
    label VARCHAR NOT NULL,
    email VARCHAR NOT NULL UNIQUE,
    city VARCHAR NOT NULL,
    countryCode VARCHAR NOT NULL,
    joinedOn DATE NOT NULL,
    birthYear INTEGER,
    newsletter BOOLEAN NOT NULL
);
CREATE TABLE ticketOrder (
    ticketOrderId INTEGER PRIMARY KEY,
    customerId INTEGER NOT NULL REFERENCES customer (customerId),
    festivalId INTEGER NOT NULL REFERENCES festival (festivalId),
    orderedAt TIMESTAMP NOT NULL,
    channel VARCHAR NOT NULL,
    tier VARCHAR NOT NULL,
    validOn DATE,
    quantity INTEGER NOT NULL,
    priceCents INTEGER NOT NULL,
    bookingFeeCents INTEGER NOT NULL,
    refunded BOOLEAN NOT NULL,
    refundedOn DATE
);
CREATE TABLE gateScan (
    gateScanId INTEGER PRIMARY KEY,
    ticketOrderId INTEGER NOT NULL REFERENCES ticketOrder (ticketOrderId),
    ticketNo INTEGER NOT NULL,
    gate VARCHAR NOT NULL,
    scannedAt TIMESTAMP NOT NULL,
    outcome VARCHAR NOT NULL
);
COMMENT ON COLUMN festival.status IS
    'HELD = took place, PLAN = upcoming (on sale), CANC = cancelled (all orders refunded)';
COMMENT ON COLUMN festival.dailyCapacity IS
    'Licensed maximum number of people on site per festival day';
COMMENT ON COLUMN artist.genre IS
    'ROCK = rock/indie, POP, ELEC = electronic/DJ, HIPHOP = hip-hop/rap, FOLK, JAZZ = jazz/soul';
COMMENT ON COLUMN performance.stage IS
    'MAIN = main stage, TENT = big top, GROVE = acoustic woodland stage, CLUB = late-night tent';
COMMENT ON COLUMN performance.setLengthMin IS
    'Scheduled length of the set in minutes';
COMMENT ON COLUMN performance.feeCents IS
    'Artist fee for the set in euro cents (EUR 1 = 100); NULL = confidential';
COMMENT ON COLUMN performance.status IS
    'PLAYED = set took place, CANC = set cancelled (no fee paid), SCHED = scheduled (upcoming)';
COMMENT ON COLUMN ticketOrder.channel IS
    'WEB = website, APP = mobile app, BOX = on-site box office, RESALE = partner reseller';
COMMENT ON COLUMN ticketOrder.tier IS
    'GA = 3-day general admission, DAY = one day (validOn), VIP = 3-day VIP, COMP = free (guest)';
COMMENT ON COLUMN ticketOrder.priceCents IS
    'Euro cents per ticket, without booking fee; paid = quantity * priceCents + bookingFeeCents';
COMMENT ON COLUMN ticketOrder.refunded IS
    'True = whole order refunded; refunded tickets are void and excluded from sales';
COMMENT ON COLUMN gateScan.gate IS
    'NORTH = main entrance, SOUTH = car park / shuttle entrance, VIP = VIP and guest-list entrance';
COMMENT ON COLUMN gateScan.outcome IS
    'ADMIT = first entry of the ticket that day, REENTRY = re-entry the same day, DENIED = refused';
"""

_DROP_ORDER = ["gateScan", "ticketOrder", "customer", "performance", "artist", "festival"]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order), passing one list per column."""
    if not rows:
        return
    cols = [list(col) for col in zip(*rows, strict=True)]
    select = ", ".join(f"unnest(${i})" for i in range(1, len(cols) + 1))
    con.execute(f"INSERT INTO {table} SELECT {select}", cols)


def _artists(rng: random.Random) -> list[dict]:
    titles: list[tuple[str, str, int]] = []  # title, genre, members
    seen: set[str] = set()
    while len(titles) < 70:
        t = (
            f"The {rng.choice(_ADJ)} {rng.choice(_NOUN)}"
            if rng.random() < 0.6
            else f"{rng.choice(_ADJ)} {rng.choice(_NOUN)}"
        )
        if t.replace("The ", "") in seen:
            continue
        seen.add(t.replace("The ", ""))
        titles.append((t, rng.choice(["ROCK", "ROCK", "POP", "FOLK", "JAZZ"]), rng.randint(2, 6)))
    while len(titles) < 112:
        t = f"{rng.choice(_SOLO_FIRST)} {rng.choice(_SOLO_LAST)}"
        if t in seen:
            continue
        seen.add(t)
        titles.append((t, rng.choice(["POP", "POP", "FOLK", "HIPHOP", "HIPHOP", "JAZZ"]), 1))
    for t in _DJ:
        titles.append((t, "ELEC", 1 if rng.random() < 0.8 else 2))
    rng.shuffle(titles)
    titles.insert(17, ("Echo Park", "ROCK", 4))
    titles.insert(88, ("Echo Park", "ELEC", 2))
    artists = []
    for i, (title, genre, members) in enumerate(titles, start=1):
        country = rng.choice(_ART_COUNTRY)
        if title == "Echo Park":
            country = "US" if genre == "ROCK" else "GB"
        formed = None if rng.random() < 0.12 else rng.randint(1994, 2022)
        artists.append({"id": i, "title": title, "genre": genre, "country": country,
                        "formed": formed, "members": members,
                        "pop": rng.paretovariate(1.1)})  # fmt: skip
    return artists


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the festival ticketing tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ----------------------------------------------------------------- festivals
    festivals: list[dict] = []
    for label, city, country, editions, cap, ga in _FESTIVALS:
        for year, start, status, sold_out in editions:
            festivals.append({"label": label, "edition": year, "city": city, "country": country,
                              "start": start, "end": start + dt.timedelta(days=2),
                              "cap": cap + rng.choice([-100, 0, 0, 100]) * (year - 2023),
                              "status": status, "soldOut": sold_out,
                              "ga": ga + 10 * (year - 2023)})  # fmt: skip
    festivals.sort(key=lambda f: f["start"])
    for i, f in enumerate(festivals, start=1):
        f["id"] = i
    _insert(con, "festival", [(f["id"], f["label"], f["edition"], f["city"], f["country"],
                               f["start"], f["end"], f["cap"], f["status"], f["soldOut"])
                              for f in festivals])  # fmt: skip

    # ------------------------------------------------------------------- artists
    artists = _artists(rng)
    _insert(con, "artist", [(a["id"], a["title"], a["genre"], a["country"], a["formed"],
                             a["members"]) for a in artists])  # fmt: skip
    # a few contracted acts are never booked
    bookable = [a for a in artists if a["id"] % 9 != 4]
    elec = [a for a in bookable if a["genre"] == "ELEC"]
    live = [a for a in bookable if a["genre"] != "ELEC"]

    # --------------------------------------------------------------- performances
    perfs: list[tuple] = []
    for f in festivals:
        used: set[int] = set()

        def pick(pool: list[dict], top: bool, used: set[int] = used) -> dict:
            cands = [a for a in pool if a["id"] not in used]
            ranked = sorted(cands, key=lambda a: -a["pop"])
            if top:
                a = rng.choice(ranked[:14])
            else:
                a = rng.choices(cands, weights=[min(x["pop"], 5) for x in cands])[0]
            used.add(a["id"])
            return a

        for d in range(3):
            day = f["start"] + dt.timedelta(days=d)
            for stage, slots in _SLOTS.items():
                for k, (hh, mm, lo, hi) in enumerate(slots):
                    head = stage == "MAIN" and k == len(slots) - 1
                    a = pick(elec if stage == "CLUB" else live, head)
                    starts = dt.datetime.combine(day, dt.time(0, 0)) + dt.timedelta(
                        hours=hh, minutes=mm
                    )
                    length = rng.choice(range(lo, hi + 1, 5))
                    if head:
                        fee = rng.randint(30, 110) * 100_000
                    elif stage == "MAIN":
                        fee = rng.randint(60, 250) * 10_000
                    else:
                        fee = rng.randint(15, 90) * 10_000
                    if rng.random() < 0.08:
                        fee = None
                    if f["status"] == "CANC":
                        status = "CANC"
                    elif f["status"] == "PLAN":
                        status = "SCHED"
                    else:
                        status = "CANC" if (not head and rng.random() < 0.04) else "PLAYED"
                    perfs.append((f["id"], a["id"], stage, starts, length, head, fee, status))
    perfs.sort(key=lambda p: (p[3], p[0], p[2]))
    _insert(con, "performance", [(i, *p) for i, p in enumerate(perfs, start=1)])

    # ----------------------------------------------------------------- customers
    customers: list[dict] = []
    emails: set[str] = set()
    home_weights = {"GB": 34, "ES": 18, "NL": 14, "US": 26, "DE": 3, "FR": 3, "IE": 2}
    for i in range(1, 1651):
        country = rng.choices(list(home_weights), weights=list(home_weights.values()))[0]
        first, last = rng.choice(_CUST_FIRST), rng.choice(_CUST_LAST)
        plain = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore")
        base = plain.decode().lower().replace(" ", "")
        email = f"{base}@{rng.choice(_DOMAINS)}"
        n = 1
        while email in emails:
            n += 1
            email = f"{base}{n}@{rng.choice(_DOMAINS)}"
        emails.add(email)
        joined = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, (LAST_DAY - dt.date(
            2019, 1, 1)).days))  # fmt: skip
        customers.append({"id": i, "label": f"{first} {last}", "email": email,
                          "city": rng.choice(_CITIES[country]), "country": country,
                          "joined": joined,
                          "birth": None if rng.random() < 0.2 else rng.randint(1962, 2006),
                          "news": rng.random() < 0.45, "pop": rng.paretovariate(1.6)})  # fmt: skip

    _insert(con, "customer", [(c["id"], c["label"], c["email"], c["city"], c["country"],
                               c["joined"], c["birth"], c["news"]) for c in customers])  # fmt: skip

    # -------------------------------------------------------------------- orders
    orders: list[dict] = []
    for f in festivals:
        onsale = f["start"] - dt.timedelta(days=300)
        days = [f["start"] + dt.timedelta(days=d) for d in range(3)]
        target = int(f["cap"] * (1.0 if f["soldOut"] else rng.uniform(0.55, 0.8)))
        if f["status"] == "PLAN":
            target = int(target * 0.6)
        sold = 0
        # buyers must have an account before ordering; locals more likely
        locals_ = [c for c in customers if c["country"] == f["country"]]
        others = [c for c in customers if c["country"] != f["country"]]
        cum = {
            id(locals_): list(accumulate(min(x["pop"], 6) for x in locals_)),
            id(others): list(accumulate(min(x["pop"], 6) for x in others)),
        }
        pre: list[dict] = []
        while sold < target:
            # early sales bump + late ramp
            u = rng.random()
            frac = rng.uniform(0, 0.15) if u < 0.25 else rng.betavariate(3.0, 1.4)
            od = onsale + dt.timedelta(days=int(frac * 299))
            ts = dt.datetime.combine(od, dt.time(rng.randint(0, 23), rng.randint(0, 59),
                                                 rng.randint(0, 59)))  # fmt: skip
            if ts > _END or (f["status"] == "CANC" and od >= _CANCELLED_ON):
                continue
            tier = rng.choices(["GA", "DAY", "VIP", "COMP"], weights=[60, 20, 14, 3])[0]
            qty = rng.choices([1, 2, 3, 4, 5, 6], weights=[30, 42, 10, 12, 3, 3])[0]
            if tier == "VIP":
                qty = min(qty, 4)
            if tier == "COMP":
                qty = rng.choice([1, 2])
            channel = rng.choices(["WEB", "APP", "RESALE"], weights=[55, 35, 10])[0]
            pre.append({"f": f, "at": ts, "tier": tier, "qty": qty, "channel": channel})
            sold += qty if tier != "DAY" else max(1, qty // 3)
        # box office sales on the festival days (held editions that did not sell out)
        if f["status"] == "HELD" and not f["soldOut"]:
            for _ in range(rng.randint(25, 45)):
                day = rng.choice(days)
                ts = dt.datetime.combine(day, dt.time(rng.randint(11, 19), rng.randint(0, 59),
                                                      rng.randint(0, 59)))  # fmt: skip
                if ts > _END:
                    continue
                tier = rng.choices(["GA", "DAY", "VIP"], weights=[25, 65, 10])[0]
                pre.append({"f": f, "at": ts, "tier": tier, "qty": rng.choice([1, 1, 2, 2, 3]),
                            "channel": "BOX", "day": day})  # fmt: skip
        for o in pre:
            pool = locals_ if rng.random() < 0.7 else others
            for _ in range(20):
                c = rng.choices(pool, cum_weights=cum[id(pool)])[0]
                if c["joined"] <= o["at"].date():
                    break
            else:
                c = rng.choice([x for x in pool if x["joined"] <= o["at"].date()])
            o["cust"] = c["id"]
            ga = f["ga"] * 100
            early = o["at"].date() < f["start"] - dt.timedelta(days=200)
            base = {"GA": ga, "DAY": ga * 45 // 100, "VIP": ga * 22 // 10, "COMP": 0}[o["tier"]]
            if early and o["tier"] in ("GA", "VIP"):
                base = base * 85 // 100
            if o["channel"] == "BOX" and o["tier"] != "COMP":
                base = base * 110 // 100
            o["price"] = base // 100 * 100 if o["tier"] != "DAY" else base // 50 * 50
            if o["tier"] == "COMP" or o["channel"] == "BOX":
                o["fee"] = 0
            elif o["channel"] == "RESALE":
                o["fee"] = 450 + 200 * o["qty"]
            else:
                o["fee"] = 250 + 150 * o["qty"]
            if o["tier"] == "DAY":
                o["valid"] = o.get("day") or rng.choice(days)
            else:
                o["valid"] = None
            # refunds
            o["refunded"], o["refundedOn"] = False, None
            if f["status"] == "CANC":
                o["refunded"] = True
                o["refundedOn"] = _CANCELLED_ON + dt.timedelta(days=rng.randint(1, 21))
            elif o["channel"] != "BOX" and o["tier"] != "COMP" and rng.random() < 0.055:
                latest = min(f["start"] - dt.timedelta(days=1), LAST_DAY)
                first = o["at"].date() + dt.timedelta(days=1)
                if first <= latest:
                    o["refunded"] = True
                    o["refundedOn"] = first + dt.timedelta(
                        days=rng.randint(0, min(60, (latest - first).days))
                    )
        orders.extend(pre)
    orders.sort(key=lambda o: o["at"])
    for i, o in enumerate(orders, start=1):
        o["id"] = i
    _insert(con, "ticketOrder", [(o["id"], o["cust"], o["f"]["id"], o["at"], o["channel"],
                                  o["tier"], o["valid"], o["qty"], o["price"], o["fee"],
                                  o["refunded"], o["refundedOn"]) for o in orders])  # fmt: skip

    # ----------------------------------------------------------------- gate scans
    scans: list[tuple] = []
    for o in orders:
        f = o["f"]
        if f["status"] != "HELD":
            continue
        days = [f["start"] + dt.timedelta(days=d) for d in range(3)]
        for t in range(1, o["qty"] + 1):
            if o["refunded"]:
                if rng.random() < 0.15:
                    when = dt.datetime.combine(
                        rng.choice(days), dt.time(rng.randint(12, 18), rng.randint(0, 59))
                    )
                    scans.append((o["id"], t, "NORTH", when, "DENIED"))
                continue
            if rng.random() < 0.04:  # no-show
                continue
            if o["tier"] == "DAY":
                attend = [o["valid"]]
                if rng.random() < 0.03:  # tries another day first
                    other = rng.choice([d for d in days if d != o["valid"]])
                    when = dt.datetime.combine(
                        other, dt.time(rng.randint(12, 18), rng.randint(0, 59))
                    )
                    scans.append((o["id"], t, rng.choice(["NORTH", "SOUTH"]), when, "DENIED"))
            elif o["channel"] == "BOX":  # bought on site: in straight away, maybe later days
                attend = [o["day"]] + [d for d in days if d > o["day"] and rng.random() < 0.7]
            else:
                attend = [d for d in days if rng.random() < 0.86] or [rng.choice(days)]
            for day in attend:
                if o["channel"] == "BOX" and day == o["day"]:
                    first_in = o["at"] + dt.timedelta(minutes=rng.randint(2, 25))
                else:
                    first_in = dt.datetime.combine(day, dt.time(11, 30)) + dt.timedelta(
                        minutes=int(rng.triangular(0, 600, 240)))  # fmt: skip
                if o["tier"] in ("VIP", "COMP"):
                    gate = "VIP" if rng.random() < 0.9 else "NORTH"
                else:
                    gate = "NORTH" if rng.random() < 0.62 else "SOUTH"
                if first_in > _END:
                    continue
                scans.append((o["id"], t, gate, first_in, "ADMIT"))
                if rng.random() < 0.12:
                    back = first_in + dt.timedelta(minutes=rng.randint(40, 240))
                    if back <= _END and back.date() == day:
                        scans.append((o["id"], t, gate, back, "REENTRY"))
    scans.sort(key=lambda s: (s[3], s[0], s[1]))
    _insert(con, "gateScan", [(i, *s) for i, s in enumerate(scans, start=1)])

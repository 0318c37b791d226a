"""Concert and theatre ticketing test database (DuckDB, ``main`` schema).

A small UK ticket agency sells tickets for concerts, comedy and theatre shows at venues
across Great Britain. The agency does not sell a whole venue: for every event the promoter
gives it an *allocation* (a fixed number of tickets it may sell); the rest of the house is
sold elsewhere. Customers buy online (web site or app) or at the agency's box-office
counters; box-office buyers need not have an account.

The data covers events from 2024-01-01 to 2025-09-30 and ticket sales from autumn 2023 up to
and including **2025-05-31**, which is the last day of the data ("today" for every question:
"this year" is 2025, "this month" is May 2025, "last month" is April 2025, "last quarter" is
January-March 2025, "last year" is 2024). Events dated after today are upcoming; their
tickets have been sold in advance and none has been scanned yet. Sales made in 2023 are for
events early in 2024.

All money is in pounds sterling (GBP), stored as plain decimals with pence (e.g. 42.50).
Timestamps (``...At``) are UK local time; plain dates are ``...Date``, ``validFrom`` and
``validTo``. Coded columns hold short lower-case or upper-case codes; the allowed codes are
listed below and repeated in the column comments (``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``venue`` -- one row per venue the agency sells for. Some venue names exist in more than one
city (e.g. there is a 'Theatre Royal' in Bath and one in Newcastle). A couple of venues were
signed up recently and have no events yet.

* ``venueId`` (INTEGER, primary key).
* ``name`` (VARCHAR): venue name (not unique on its own; name + city is unique).
* ``city`` (VARCHAR): town or city, e.g. 'London', 'Manchester', 'Glasgow'.
* ``capacity`` (INTEGER): maximum audience of the whole venue (people), seated plus standing.
* ``venueType`` (VARCHAR): one of 'arena', 'theatre', 'concert_hall', 'club', 'open_air'.

``event`` -- one row per performance (a show on one date at one venue). A tour or a theatre
run is several rows with the same performer and title.

* ``eventId`` (INTEGER, primary key).
* ``venueId`` (INTEGER, foreign key to ``venue``).
* ``title`` (VARCHAR): name of the show or tour, e.g. 'Afterglow Tour', 'Hamlet'.
* ``performer`` (VARCHAR): artist, band, comedian or theatre company.
* ``genre`` (VARCHAR): one of 'rock', 'pop', 'jazz', 'classical', 'electronic', 'comedy',
  'musical', 'drama'.
* ``eventDate`` (DATE): date of the performance as originally announced.
* ``onSaleAt`` (TIMESTAMP): when tickets went on general sale.
* ``allocation`` (INTEGER): number of tickets the agency was given to sell for this event.
* ``status`` (VARCHAR): one of 'scheduled', 'cancelled', 'postponed' (see column comment).
  A 'scheduled' event dated on or before today has taken place; a 'cancelled' event will
  never take place (all its tickets were refunded); a 'postponed' event did not take place
  on ``eventDate`` and has not taken place yet.
* ``rescheduledDate`` (DATE): new date of a postponed event; NULL when the event is not
  postponed or when the new date has not been announced yet.

``customer`` -- one row per registered customer account (web site / app).

* ``customerId`` (INTEGER, primary key).
* ``firstName`` (VARCHAR), ``lastName`` (VARCHAR): the customer's name; full names are not
  unique (two different people can share a name).
* ``email`` (VARCHAR, unique): login e-mail address.
* ``country`` (VARCHAR): ISO 3166 two-letter country code of the customer's address: 'GB'
  (United Kingdom), 'IE' (Ireland), 'FR' (France), 'DE' (Germany), 'NL' (Netherlands), 'ES'
  (Spain) or 'US' (United States).
* ``signupDate`` (DATE): day the account was created.
* ``birthYear`` (INTEGER): year of birth; NULL when the customer did not give it.
* ``marketingOptIn`` (BOOLEAN): true if the customer agreed to receive marketing e-mails.
  Some customers have never bought a ticket.

``promoCode`` -- discount codes customers can enter at checkout.

* ``promoCodeId`` (INTEGER, primary key).
* ``code`` (VARCHAR, unique): the code the customer types, e.g. 'SPRING24'.
* ``discount`` (INTEGER): discount in percent of the face value, e.g. 15 = 15 % off.
* ``validFrom`` (DATE): first day the code can be used.
* ``validTo`` (DATE): last day the code can be used (inclusive); NULL = no end date.
* ``eventId`` (INTEGER, foreign key to ``event``): the only event the code can be used for;
  NULL = valid for any event. Some codes have never been used.

``ticket`` -- one row per ticket sold (one admission). A purchase of several tickets at once
gives several rows with the same customer, event and ``purchasedAt``.

* ``ticketId`` (INTEGER, primary key).
* ``eventId`` (INTEGER, foreign key to ``event``).
* ``customerId`` (INTEGER, foreign key to ``customer``): buyer; NULL for box-office sales to
  people without an account.
* ``tier`` (VARCHAR): seat tier code, one of 'GA', 'STD', 'PRM', 'VIP' (see column comment).
* ``seat`` (VARCHAR): seat label row + number, e.g. 'F14'; NULL for 'GA' (standing) tickets.
* ``faceValue`` (DECIMAL(8,2)): list price of the ticket in GBP before any discount.
* ``price`` (DECIMAL(8,2)): amount charged for the ticket in GBP, after the promo-code
  discount if one was used (equal to ``faceValue`` otherwise); excludes the booking fee.
* ``fee`` (DECIMAL(6,2)): booking fee charged on top of ``price`` in GBP; 0 for box-office
  sales.
* ``channel`` (VARCHAR): sales channel code, one of 'WEB', 'APP', 'BOX' (see column comment).
* ``purchasedAt`` (TIMESTAMP): when the ticket was bought.
* ``promoCodeId`` (INTEGER, foreign key to ``promoCode``): code used for this ticket; NULL =
  no code.
* ``refunded`` (BOOLEAN): true if the money (price and fee) was paid back; a refunded ticket
  is void and cannot be used. Every ticket of a cancelled event is refunded; other refunds
  are at the customer's request.
* ``scannedAt`` (TIMESTAMP): when the ticket was scanned at the venue door; NULL = never
  scanned (the buyer did not turn up, the ticket was refunded, or the event has not taken
  place).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 5, 31)
LAST_EVENT_DAY = dt.date(2025, 9, 30)
_END = dt.datetime(2025, 5, 31, 23, 59, 59)

# name, city, capacity, venueType, first day with events (None = no events yet)
_VENUES = [
    ("Theatre Royal", "Bath", 900, "theatre", FIRST_DAY),
    ("Theatre Royal", "Newcastle", 1250, "theatre", FIRST_DAY),
    ("Northern Arena", "Manchester", 12000, "arena", FIRST_DAY),
    ("The Brickworks", "Manchester", 650, "club", FIRST_DAY),
    ("Riverside Hall", "London", 2200, "concert_hall", FIRST_DAY),
    ("Camden Vault", "London", 450, "club", FIRST_DAY),
    ("Southbank Playhouse", "London", 780, "theatre", FIRST_DAY),
    ("Clyde Arena", "Glasgow", 9500, "arena", FIRST_DAY),
    ("The Blue Lantern", "Glasgow", 320, "club", FIRST_DAY),
    ("Harbourside Amphitheatre", "Bristol", 5000, "open_air", FIRST_DAY),
    ("Kingsway Concert Hall", "Birmingham", 2100, "concert_hall", FIRST_DAY),
    ("Millgate Theatre", "Leeds", 950, "theatre", FIRST_DAY),
    ("Castle Meadow", "Cardiff", 8000, "open_air", FIRST_DAY),
    ("Usher Rooms", "Edinburgh", 1100, "concert_hall", dt.date(2024, 4, 1)),
    ("The Attic", "Bristol", 250, "club", None),
    ("Quayside Studio", "Newcastle", 180, "theatre", None),
]  # fmt: skip

# performer, genre, venue types it plays, number of events, base face value GBP, titles
_PERFORMERS = [
    ("The Velvet Owls", "rock", ("arena", "open_air", "concert_hall"), 9, 48.0,
     ["Nightjar Tour", "Return of the Owls"]),
    ("Iron Meridian", "rock", ("club", "concert_hall"), 8, 26.0, ["Rust Belt Tour"]),
    ("Static Bloom", "rock", ("club",), 7, 18.5, ["Afterglow Tour"]),
    ("Harbour Lights", "rock", ("open_air", "arena"), 5, 55.0, ["Lighthouse Live"]),
    ("Mia Calloway", "pop", ("arena", "open_air"), 8, 62.0, ["Paper Hearts Tour"]),
    ("Neon Harbour", "pop", ("club", "concert_hall"), 7, 29.0, ["Synth Summer", "Neon Nights"]),
    ("Jules Okafor", "pop", ("concert_hall", "theatre"), 6, 38.0, ["Songs from the Kitchen"]),
    ("Sable & Rye", "pop", ("club", "concert_hall"), 6, 24.0, ["Afterglow Tour"]),
    ("The Ellis Quartet", "jazz", ("club", "concert_hall"), 8, 22.0, ["Late Sets"]),
    ("Nadia Brookes Trio", "jazz", ("club",), 7, 19.0, ["Blue Hours"]),
    ("Blue Fathom", "jazz", ("concert_hall",), 4, 27.5, ["Deep Water"]),
    ("Northern Sinfonia Players", "classical", ("concert_hall",), 9, 34.0,
     ["Beethoven Five", "Winter Serenades", "Mahler in the Evening"]),
    ("Elena Varga", "classical", ("concert_hall", "theatre"), 5, 41.0, ["Chopin Recital"]),
    ("Albion String Quartet", "classical", ("concert_hall", "theatre"), 6, 26.0,
     ["Haydn & Britten"]),
    ("Kaleido", "electronic", ("club", "open_air"), 7, 27.0, ["Prism All Night"]),
    ("Drift Theory", "electronic", ("club", "arena"), 6, 33.0, ["Low Tide"]),
    ("Danny Rourke", "comedy", ("theatre", "concert_hall"), 9, 25.0, ["Mostly Harmless"]),
    ("Priya Shah", "comedy", ("theatre", "club"), 8, 21.0, ["Aunty Knows Best"]),
    ("Tom Ashdown", "comedy", ("club", "theatre"), 6, 16.0, ["Work in Progress"]),
    ("Meg Fairley", "comedy", ("theatre", "concert_hall", "arena"), 6, 32.0, ["Overthinker"]),
]  # fmt: skip

# theatre runs: company, genre, title, base face value, number of performances
_RUNS = [
    ("Westgate Productions", "musical", "Sunset Avenue", 45.0, 12),
    ("Westgate Productions", "musical", "The Lighthouse Keeper", 42.0, 10),
    ("Old Mill Theatre Company", "drama", "Hamlet", 30.0, 9),
    ("Old Mill Theatre Company", "drama", "The Crucible", 28.0, 8),
    ("Lantern Stage", "drama", "A Doll's House", 24.0, 7),
    ("Lantern Stage", "musical", "Paper Moon", 36.0, 8),
]  # fmt: skip

_FIRST = [
    "Oliver", "Amelia", "Harry", "Isla", "Jack", "Ava", "George", "Mia", "Noah", "Grace",
    "Charlie", "Sophie", "Thomas", "Emily", "James", "Chloe", "William", "Lucy", "Daniel",
    "Hannah", "Ciaran", "Aoife", "Liam", "Niamh", "Lucas", "Camille", "Jonas", "Lena", "Daan",
    "Sanne", "Pablo", "Lucia", "Ethan", "Madison", "Ryan", "Sarah", "Priya", "Mohammed",
    "Fatima", "Tariq",
]  # fmt: skip
_LAST = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Wright", "Walker", "Evans", "Collins", "Murphy", "O'Connor", "Kelly", "Martin", "Bernard",
    "Muller", "Schmidt", "de Vries", "Jansen", "Garcia", "Lopez", "Miller", "Khan", "Hughes",
    "Edwards", "Green", "Clarke", "Hall", "Roberts", "Thompson", "Ahmed", "Campbell",
]  # fmt: skip
_COUNTRIES = [("GB", 80), ("IE", 6), ("US", 4), ("FR", 3), ("DE", 3), ("NL", 2), ("ES", 2)]

# code, discount %, validFrom, validTo, restricted to event (performer, nth event) or None
_PROMOS = [
    ("WELCOME10", 10, dt.date(2023, 9, 1), None, None),
    ("STUDENT", 10, dt.date(2024, 1, 1), None, None),
    ("SPRING24", 15, dt.date(2024, 3, 1), dt.date(2024, 4, 30), None),
    ("SUMMER24", 20, dt.date(2024, 6, 1), dt.date(2024, 8, 31), None),
    ("FLASH48", 30, dt.date(2024, 9, 12), dt.date(2024, 9, 13), None),
    ("AUTUMN24", 15, dt.date(2024, 9, 15), dt.date(2024, 10, 31), None),
    ("BLACKFRI24", 25, dt.date(2024, 11, 29), dt.date(2024, 12, 2), None),
    ("XMAS24", 15, dt.date(2024, 12, 3), dt.date(2024, 12, 24), None),
    ("NEWYEAR25", 10, dt.date(2025, 1, 1), dt.date(2025, 1, 15), None),
    ("SPRING25", 15, dt.date(2025, 3, 1), dt.date(2025, 4, 30), None),
    ("MAYDAY25", 20, dt.date(2025, 5, 1), dt.date(2025, 5, 5), None),
    ("SUMMER25", 20, dt.date(2025, 6, 1), dt.date(2025, 8, 31), None),
    ("ROURKE20", 20, dt.date(2024, 1, 1), dt.date(2025, 12, 31), ("Danny Rourke", 4)),
    ("SINFONIA30", 30, dt.date(2024, 1, 1), dt.date(2025, 12, 31),
     ("Northern Sinfonia Players", 6)),
    ("OWLS2FOR1", 50, dt.date(2024, 1, 1), dt.date(2025, 12, 31), ("The Velvet Owls", 7)),
    ("TESTFREE", 100, dt.date(2024, 2, 1), dt.date(2024, 2, 1), None),
    ("PRESS100", 100, dt.date(2024, 1, 1), dt.date(2025, 12, 31), ("Mia Calloway", 7)),
]  # fmt: skip
# relative chance that a purchase inside the validity window uses the code
_PROMO_USE = {"WELCOME10": 0.02, "STUDENT": 0.03, "FLASH48": 0.5, "BLACKFRI24": 0.45,
              "MAYDAY25": 0.3, "ROURKE20": 0.25, "SINFONIA30": 0.3, "OWLS2FOR1": 0.2,
              "TESTFREE": 0.0, "SUMMER25": 0.0, "PRESS100": 0.05}  # fmt: skip

_DDL = """
CREATE TABLE venue (
    venueId INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    city VARCHAR NOT NULL,
    capacity INTEGER NOT NULL,
    venueType VARCHAR NOT NULL,
    UNIQUE (name, city)
);
CREATE TABLE event (
    eventId INTEGER PRIMARY KEY,
    venueId INTEGER NOT NULL REFERENCES venue (venueId),
    title VARCHAR NOT NULL,
    performer VARCHAR NOT NULL,
    genre VARCHAR NOT NULL,
    eventDate DATE NOT NULL,
    onSaleAt TIMESTAMP NOT NULL,
    allocation INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    rescheduledDate DATE
);
CREATE TABLE customer (
    customerId INTEGER PRIMARY KEY,
    firstName VARCHAR NOT NULL,
    lastName VARCHAR NOT NULL,
    email VARCHAR NOT NULL UNIQUE,
    country VARCHAR NOT NULL,
    signupDate DATE NOT NULL,
    birthYear INTEGER,
    marketingOptIn BOOLEAN NOT NULL
);
CREATE TABLE promoCode (
    promoCodeId INTEGER PRIMARY KEY,
    code VARCHAR NOT NULL UNIQUE,
    discount INTEGER NOT NULL,
    validFrom DATE NOT NULL,
    validTo DATE,
    eventId INTEGER REFERENCES event (eventId)
);
CREATE TABLE ticket (
    ticketId INTEGER PRIMARY KEY,
    eventId INTEGER NOT NULL REFERENCES event (eventId),
    customerId INTEGER REFERENCES customer (customerId),
    tier VARCHAR NOT NULL,
    seat VARCHAR,
    faceValue DECIMAL(8, 2) NOT NULL,
    price DECIMAL(8, 2) NOT NULL,
    fee DECIMAL(6, 2) NOT NULL,
    channel VARCHAR NOT NULL,
    purchasedAt TIMESTAMP NOT NULL,
    promoCodeId INTEGER REFERENCES promoCode (promoCodeId),
    refunded BOOLEAN NOT NULL,
    scannedAt TIMESTAMP
);
COMMENT ON COLUMN venue.venueType IS
    'arena, theatre, concert_hall, club or open_air (outdoor site)';
COMMENT ON COLUMN venue.capacity IS
    'Maximum audience of the whole venue, in people (seated plus standing)';
COMMENT ON COLUMN event.status IS
    'scheduled = going ahead (took place if eventDate <= 2025-05-31), cancelled = called off, '
    'all tickets refunded, postponed = moved to rescheduledDate (NULL = new date not yet known)';
COMMENT ON COLUMN event.allocation IS
    'Number of tickets the agency may sell for this event (not the venue capacity)';
COMMENT ON COLUMN event.eventDate IS
    'Date of the performance as originally announced';
COMMENT ON COLUMN customer.country IS
    'ISO 3166 alpha-2 code: GB, IE, FR, DE, NL, ES or US';
COMMENT ON COLUMN customer.marketingOptIn IS
    'True = agreed to receive marketing e-mails';
COMMENT ON COLUMN promoCode.discount IS
    'Discount in percent of the face value (15 = 15 % off)';
COMMENT ON COLUMN promoCode.validTo IS
    'Last day the code can be used, inclusive; NULL = no end date';
COMMENT ON COLUMN promoCode.eventId IS
    'Only event the code is valid for; NULL = valid for every event';
COMMENT ON COLUMN ticket.tier IS
    'GA = general admission (standing, no seat), STD = standard seat, PRM = premium seat, '
    'VIP = VIP package (best seats plus hospitality)';
COMMENT ON COLUMN ticket.faceValue IS
    'List price of the ticket in GBP before any discount';
COMMENT ON COLUMN ticket.price IS
    'Amount charged for the ticket in GBP after any promo discount, excluding the booking fee';
COMMENT ON COLUMN ticket.fee IS
    'Booking fee in GBP charged on top of price; 0 for box-office sales';
COMMENT ON COLUMN ticket.channel IS
    'WEB = web site, APP = mobile app, BOX = box-office counter (customerId may be NULL)';
COMMENT ON COLUMN ticket.refunded IS
    'True = price and fee paid back; the ticket is void';
COMMENT ON COLUMN ticket.scannedAt IS
    'Door scan time; NULL = never scanned (no-show, refunded or event not yet held)';
"""

_DROP_ORDER = ["ticket", "promoCode", "customer", "event", "venue"]

_TIERS = {
    # venueType -> [(tier, share, price multiplier)]
    "arena": [("GA", 0.55, 1.0), ("STD", 0.30, 1.0), ("PRM", 0.10, 1.5), ("VIP", 0.05, 3.2)],
    "open_air": [("GA", 0.85, 1.0), ("VIP", 0.15, 2.8)],
    "club": [("GA", 1.0, 1.0)],
    "theatre": [("STD", 0.65, 1.0), ("PRM", 0.30, 1.45), ("VIP", 0.05, 2.6)],
    "concert_hall": [("STD", 0.70, 1.0), ("PRM", 0.30, 1.4)],
}
_ONLINE_HOURS = [2, 1, 1, 1, 1, 1, 2, 4, 6, 7, 12, 9, 8, 8, 7, 6, 6, 7, 9, 10, 10, 9, 6, 4]
_VENUE_PRICE = {"arena": 1.15, "open_air": 1.1, "club": 0.85, "theatre": 1.0, "concert_hall": 1.0}


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _rand_day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the ticketing tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # -------------------------------------------------------------------- venues
    venues: list[dict[str, Any]] = []
    for i, (name, city, cap, vtype, opened) in enumerate(_VENUES, start=1):
        venues.append({"id": i, "name": name, "city": city, "cap": cap, "type": vtype,
                       "first": opened})  # fmt: skip
    _insert(con, "venue", [(v["id"], v["name"], v["city"], v["cap"], v["type"]) for v in venues])

    # -------------------------------------------------------------------- events
    raw_events: list[dict[str, Any]] = []
    used_slots: set[tuple[int, dt.date]] = set()

    def free_day(venue: dict, lo: dt.date, hi: dt.date) -> dt.date:
        lo = max(lo, venue["first"])
        for _ in range(200):
            day = _rand_day(rng, lo, hi)
            if day != LAST_DAY and (venue["id"], day) not in used_slots:
                return day
        raise RuntimeError("no free day")

    for performer, genre, vtypes, n, base, titles in _PERFORMERS:
        pool = [v for v in venues if v["type"] in vtypes and v["first"] is not None]
        for k in range(n):
            venue = rng.choice(pool)
            day = free_day(venue, FIRST_DAY, LAST_EVENT_DAY)
            used_slots.add((venue["id"], day))
            title = titles[0] if len(titles) == 1 or day.year == 2024 else titles[-1]
            if len(titles) == 3:
                title = titles[k % 3]
            raw_events.append({"venue": venue, "title": title, "performer": performer,
                               "genre": genre, "date": day, "base": base})  # fmt: skip
    theatres = [v for v in venues if v["type"] == "theatre" and v["first"] is not None]
    for company, genre, title, base, n in _RUNS:
        venue = rng.choice(theatres)
        start = free_day(venue, FIRST_DAY, LAST_EVENT_DAY - dt.timedelta(days=n + 4))
        day = start
        for _ in range(n):
            while (venue["id"], day) in used_slots or day == LAST_DAY:
                day += dt.timedelta(days=1)
            used_slots.add((venue["id"], day))
            raw_events.append({"venue": venue, "title": title, "performer": company,
                               "genre": genre, "date": day, "base": base})  # fmt: skip
            day += dt.timedelta(days=rng.choice([1, 1, 1, 2]))
    raw_events.sort(key=lambda e: (e["date"], e["venue"]["id"]))

    events: list[dict[str, Any]] = []
    for i, e in enumerate(raw_events, start=1):
        vt = e["venue"]["type"]
        lo, hi = {"club": (18, 40), "theatre": (30, 70), "concert_hall": (30, 70),
                  "arena": (60, 120), "open_air": (60, 110)}[vt]  # fmt: skip
        e["id"] = i
        e["alloc"] = rng.randint(lo // 5, hi // 5) * 5
        lead = rng.randint(40, 170)
        e["onsale"] = dt.datetime.combine(e["date"] - dt.timedelta(days=lead), dt.time(10, 0))
        r = rng.random()
        e["status"] = "cancelled" if r < 0.06 else "postponed" if r < 0.1 else "scheduled"
        e["resched"] = None
        if e["status"] == "postponed" and rng.random() < 0.6:
            e["resched"] = max(e["date"], LAST_DAY) + dt.timedelta(days=rng.randint(30, 150))
        e["price"] = round(e["base"] * _VENUE_PRICE[vt] * rng.uniform(0.92, 1.1) * 2) / 2
        events.append(e)
    # events that have their own promo code go ahead as planned
    by_performer: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        by_performer.setdefault(e["performer"], []).append(e)
    for *_, target in _PROMOS:
        if target is not None:
            target_ev = by_performer[target[0]][target[1]]
            target_ev["status"], target_ev["resched"] = "scheduled", None
    _insert(con, "event", [(e["id"], e["venue"]["id"], e["title"], e["performer"], e["genre"],
                            e["date"], e["onsale"], e["alloc"], e["status"], e["resched"])
                           for e in events])  # fmt: skip

    # ----------------------------------------------------------------- customers
    customers: list[dict[str, Any]] = []
    emails: set[str] = set()
    countries = [c for c, _ in _COUNTRIES]
    weights = [w for _, w in _COUNTRIES]
    for i in range(1, 1151):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        country = rng.choices(countries, weights=weights)[0]
        if i <= 120:
            signup = _rand_day(rng, dt.date(2019, 3, 1), dt.date(2023, 8, 31))
        else:
            signup = _rand_day(rng, dt.date(2023, 9, 1), LAST_DAY)
        base_mail = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
        mail = f"{base_mail}@example.com"
        n = 1
        while mail in emails:
            n += 1
            mail = f"{base_mail}{n}@example.com"
        emails.add(mail)
        birth = None if rng.random() < 0.3 else rng.randint(1948, 2006)
        optin = rng.random() < 0.55
        weight = min(6.0, rng.paretovariate(1.6))  # how often the customer buys
        customers.append({"id": i, "first": first, "last": last, "mail": mail,
                          "country": country, "signup": signup, "birth": birth,
                          "optin": optin, "w": weight})  # fmt: skip
    # two people called Sarah Collins (different countries), two called Liam Murphy
    customers[40].update(first="Sarah", last="Collins", country="GB")
    customers[41].update(first="Sarah", last="Collins", country="IE")
    customers[300].update(first="Liam", last="Murphy", country="IE")
    customers[700].update(first="Liam", last="Murphy", country="GB")
    for c in (customers[40], customers[41], customers[300], customers[700]):
        c["mail"] = f"{c['first']}.{c['last']}.{c['id']}@example.com".lower()
    # a slice of accounts never buys anything
    buyers = [c for c in customers if rng.random() > 0.14]
    _insert(con, "customer", [(c["id"], c["first"], c["last"], c["mail"], c["country"],
                               c["signup"], c["birth"], c["optin"])
                              for c in customers])  # fmt: skip

    # -------------------------------------------------------------- promo codes
    promos: list[dict[str, Any]] = []
    for i, (code, disc, vfrom, vto, target) in enumerate(_PROMOS, start=1):
        ev = by_performer[target[0]][target[1]] if target is not None else None
        promos.append({"id": i, "code": code, "disc": disc, "from": vfrom, "to": vto,
                       "event": ev, "use": _PROMO_USE.get(code, 0.12)})  # fmt: skip
    _insert(
        con,
        "promoCode",
        [
            (
                p["id"],
                p["code"],
                p["disc"],
                p["from"],
                p["to"],
                p["event"]["id"] if p["event"] else None,
            )
            for p in promos
        ],
    )

    # ------------------------------------------------------------------- tickets
    tickets: list[tuple] = []
    for e in events:
        vt = e["venue"]["type"]
        onsale = e["onsale"]
        sale_end = min(dt.datetime.combine(e["date"], dt.time(17, 0)), _END)
        if e["status"] == "cancelled":
            # called off some time before the show: sales stop then
            sale_end = min(
                sale_end,
                dt.datetime.combine(
                    e["date"] - dt.timedelta(days=rng.randint(3, 30)), dt.time(12, 0)
                ),
            )
        if sale_end <= onsale:
            continue
        span = (sale_end - onsale).total_seconds()
        full_span = (dt.datetime.combine(e["date"], dt.time(17, 0)) - onsale).total_seconds()
        demand = rng.uniform(0.35, 1.25)
        target = min(e["alloc"], round(e["alloc"] * demand * min(1.0, span / full_span)))
        tiers = _TIERS[vt]
        seat_no: dict[str, int] = {}
        sold = 0
        while sold < target:
            qty = min(target - sold, rng.choices([1, 2, 3, 4], weights=[35, 45, 10, 10])[0])
            # sales are front-loaded: many buy soon after the on-sale
            frac = rng.random() ** 1.8
            day = (onsale + dt.timedelta(seconds=int(frac * span))).date()
            channel = rng.choices(["WEB", "APP", "BOX"], weights=[55, 33, 12])[0]
            if channel == "BOX":  # counters open 10:00-18:00
                secs = rng.randint(10 * 3600, 18 * 3600 - 1)
            else:  # online, mostly daytime and evening
                hour = rng.choices(range(24), weights=_ONLINE_HOURS)[0]
                secs = hour * 3600 + rng.randint(0, 3599)
            ts = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=secs)
            ts = max(onsale, min(ts, sale_end))
            eligible = [c for c in buyers if c["signup"] <= ts.date()]
            cust = None
            if channel != "BOX" or rng.random() < 0.4:
                cust = rng.choices(eligible, weights=[c["w"] for c in eligible])[0]
            tier, _, mult = rng.choices(tiers, weights=[t[1] for t in tiers])[0]
            face = round(e["price"] * mult * 2) / 2
            promo = None
            if channel != "BOX":
                valid = [p for p in promos if p["from"] <= ts.date()
                         and (p["to"] is None or ts.date() <= p["to"])
                         and (p["event"] is None or p["event"]["id"] == e["id"])]  # fmt: skip
                for p in valid:
                    if rng.random() < p["use"]:
                        promo = p
                        break
            price = round(face * (100 - promo["disc"]) / 100, 2) if promo else face
            fee = 0.0 if channel == "BOX" else round(max(1.5, face * 0.1), 2)
            refunded_all = e["status"] == "cancelled"
            refund_p = 0.25 if e["status"] == "postponed" else 0.03
            group_refund = refunded_all or rng.random() < refund_p
            for _ in range(qty):
                seat = None
                if tier != "GA":
                    seat_no[tier] = seat_no.get(tier, 0) + 1
                    n = seat_no[tier]
                    row_base = {"VIP": 0, "PRM": 3, "STD": 8}[tier]
                    seat = f"{chr(ord('A') + row_base + (n - 1) // 20)}{(n - 1) % 20 + 1}"
                scanned = None
                held = e["status"] == "scheduled" and e["date"] < LAST_DAY
                if held and not group_refund and rng.random() < 0.93:
                    scanned = dt.datetime.combine(e["date"], dt.time(18, 0)) + dt.timedelta(
                        seconds=rng.randint(0, 3 * 3600 + 900)
                    )
                tickets.append((e["id"], cust["id"] if cust else None, tier, seat, face, price,
                                fee, channel, ts, promo["id"] if promo else None,
                                group_refund, scanned))  # fmt: skip
            sold += qty
    tickets.sort(key=lambda t: (t[8], t[0]))
    _insert(con, "ticket", [(i, *t) for i, t in enumerate(tickets, start=1)])

"""Art museum test database (DuckDB, ``main`` schema).

A mid-sized public art museum in Utrecht (the Netherlands) keeps a catalogue of the objects
it holds, puts on exhibitions in five galleries, lends objects to other institutions and
borrows objects from them, sells admission tickets and runs a membership scheme. Members get
in free (they show their card and are issued a free 'MEM' ticket).

**Today** is **2025-10-15** (a Wednesday), the last day of the data; ticket sales stop at
17:30 that day. For every question: "this year" is 2025 (1 January up to and including
today), "last year" is 2024, "this month" is October 2025 up to today, "last month" is
September 2025, "last quarter" is July-September 2025 (Q3 2025), "so far" means up to and
including today. Ticket data starts with visits on 2024-01-02; a few tickets for visits after
today (up to 2025-12-31) have already been sold online. The catalogue, exhibitions, loans and
memberships go further back (and some exhibitions and loans are already planned for after
today).

Money is in euros, stored as **integer euro cents** (columns ending in ``Cents``); "in
euros" means the cent value divided by 100. The museum is closed on Mondays (and on
25 December and 1 January), so there are no visits on those days.

Tables
------

``obj`` -- one row per object the registrar has catalogued: the museum's own objects and
objects borrowed from other institutions (a borrowed object keeps its record after it has
gone back).

* ``objId`` (INTEGER, primary key).
* ``objectRef`` (VARCHAR, unique): the object number written on labels. Own objects carry
  their accession number, year acquired + running number (e.g. '1994.37'); borrowed objects
  carry a loan number 'L' + year + running number (e.g. 'L2024.12').
* ``objName`` (VARCHAR): the object's title or name ('Portrait of a Young Woman', 'Amphora');
  not unique.
* ``makerName`` (VARCHAR): artist, photographer or workshop; NULL when the maker is unknown
  (most antiquities).
* ``dept`` (VARCHAR): curatorial department, one of 'PNT' (paintings), 'SCU' (sculpture),
  'PAP' (prints and drawings, i.e. works on paper), 'DEC' (decorative arts: ceramics, glass,
  silver, furniture, textiles), 'PHO' (photography), 'ANT' (antiquities).
* ``madeYear`` (INTEGER): year the object was made (best estimate); negative numbers are
  years BC (-450 = 450 BC); NULL when not known.
* ``owned`` (BOOLEAN): true = the museum's own object; false = borrowed from another
  institution (see ``loan`` with direction 'IN').
* ``acqMethod`` (VARCHAR): how an own object came to the museum: 'PUR' (bought), 'GIF' (gift
  from a living donor), 'BEQ' (bequest, left in a will), 'TRA' (transfer from another public
  body). NULL for borrowed objects.
* ``acquiredOn`` (DATE): date the object entered the museum's collection (accession date);
  NULL for borrowed objects.
* ``purchaseCents`` (BIGINT): price the museum paid, for purchases ('PUR') only; NULL for
  every other object.
* ``valuationCents`` (BIGINT): current insurance valuation (for borrowed objects: the value
  agreed with the lender).
* ``conditionCode`` (VARCHAR): conservation condition at the last check: 'G' (good), 'F'
  (fair), 'P' (poor: needs conservation before it can travel or go on show).
* ``onDisplay`` (BOOLEAN): true if the object is on show in the museum today (in the
  permanent galleries or in a current exhibition); false if in storage, out on loan,
  deaccessioned or (for borrowed objects) already returned or not yet arrived.
* ``deaccessionedOn`` (DATE): date an own object was formally removed from the collection
  (sold, transferred or destroyed); NULL = still in the collection.

**The collection** means the museum's own objects that have not been deaccessioned
(``owned`` and ``deaccessionedOn IS NULL``). Borrowed objects are never part of it.

``exh`` -- one row per exhibition (past, current and planned).

* ``exhId`` (INTEGER, primary key).
* ``exhTitle`` (VARCHAR): title of the exhibition (unique).
* ``exhKind`` (VARCHAR): 'TMP' (temporary exhibition curated in-house; may include borrowed
  objects), 'TRV' (travelling exhibition hosted from another institution: every object in it
  is borrowed), 'FOC' (small focus display drawn from the collection).
* ``gallery`` (VARCHAR): where it is shown: 'Long Gallery', 'West Wing', 'Print Room',
  'Courtyard Hall' or 'Garden Pavilion'.
* ``opensOn`` (DATE): first day open to the public.
* ``closesOn`` (DATE): last day open to the public (inclusive).
* ``curator`` (VARCHAR): name of the lead curator.
* ``ticketed`` (BOOLEAN): true = visitors need an exhibition ticket (a surcharge on top of
  admission, free for members); false = included in general admission.
* ``budgetCents`` (BIGINT): approved budget for the exhibition.

An exhibition is *running* (or *on*) on a day d when ``opensOn <= d <= closesOn``; it is
*current* when it is running today and *upcoming* when ``opensOn`` is after today. Its *run*
(length) in days is ``closesOn - opensOn + 1``.

``exhObj`` -- which objects are shown in which exhibition (the checklist). Planned
exhibitions may not have any objects assigned yet.

* ``exhId`` (INTEGER, foreign key to ``exh``).
* ``objId`` (INTEGER, foreign key to ``obj``).
* ``catNo`` (INTEGER): number of the object in the exhibition catalogue (1, 2, ...).

Primary key (``exhId``, ``objId``).

``loan`` -- one row per loan agreement or request, in either direction.

* ``loanId`` (INTEGER, primary key).
* ``objId`` (INTEGER, foreign key to ``obj``): the object lent.
* ``direction`` (VARCHAR): 'IN' = the partner lends the object to us (we borrow it; the
  object is one of our borrowed ``obj`` rows); 'OUT' = we lend one of our own objects to the
  partner (the partner borrows it).
* ``partner`` (VARCHAR): the other institution (lender for 'IN', borrower for 'OUT').
* ``partnerCountry`` (VARCHAR): ISO country code of the partner ('NL', 'GB', 'FR', 'DE',
  'IT', 'ES', 'SE', 'US', 'JP').
* ``requestedOn`` (DATE): day the borrower's request was received.
* ``loanStatus`` (VARCHAR): 'REQ' (requested, no decision yet), 'AGR' (agreed by the lender),
  'DEC' (declined by the lender), 'WDR' (withdrawn by the borrower). Only agreed loans ever
  move an object.
* ``startOn`` (DATE): day the object leaves the lender (proposed date for loans that were
  not agreed).
* ``dueBackOn`` (DATE): agreed (or proposed) day for the object to be back with the lender.
* ``returnedOn`` (DATE): day the object actually arrived back with the lender; NULL if it has
  not come back yet or never left.
* ``feeCents`` (INTEGER): loan fee, paid by the borrower to the lender (so we receive it on
  'OUT' loans and pay it on 'IN' loans); 0 = no fee.

A loan is *in progress* (the object is *out on loan* / *away*) when ``loanStatus = 'AGR'``,
``startOn <= today`` and ``returnedOn IS NULL``. Such a loan is *overdue* when its
``dueBackOn`` is before today. A return is *late* when ``returnedOn > dueBackOn``.

``mbr`` -- one row per membership (a member and their card).

* ``mbrId`` (INTEGER, primary key): membership number.
* ``holderName`` (VARCHAR): name of the card holder; not unique.
* ``email`` (VARCHAR, unique).
* ``city`` (VARCHAR): where the member lives.
* ``tier`` (VARCHAR): 'IND' (individual, admits 1), 'JNT' (joint, admits 2 adults), 'FAM'
  (family, 2 adults and up to 4 children), 'PAT' (patron, admits 2, plus invitations).
* ``joinedOn`` (DATE): first day of membership.
* ``expiresOn`` (DATE): last day of the paid membership year; it moves on by a year at each
  renewal. Membership is continuous from ``joinedOn`` to ``expiresOn``.
* ``autoRenew`` (BOOLEAN): true if the fee is collected automatically at renewal.
* ``annualFeeCents`` (INTEGER): fee for one membership year at the member's tier.

A membership is *active* (*current*) on a day d when ``joinedOn <= d <= expiresOn``; members
whose ``expiresOn`` is before today have *lapsed*.

``tkt`` -- one row per admission ticket sold (a ticket can admit several people).

* ``tktId`` (INTEGER, primary key).
* ``soldAt`` (TIMESTAMP): when the ticket was bought (or issued, for member tickets).
* ``visitOn`` (DATE): the day the ticket is valid for. Desk tickets are sold on the day;
  online tickets days or weeks ahead.
* ``tktType`` (VARCHAR): 'ADT' (adult), 'CON' (concession: students, 65+), 'CHD' (child
  under 18, free admission), 'FAM' (family ticket, flat price), 'GRP' (group of 10 or more,
  price per person), 'MEM' (free ticket issued to a member on their card).
* ``partySize`` (INTEGER): number of people admitted with the ticket.
* ``priceCents`` (INTEGER): total price paid for the ticket (all its people); 0 for free
  tickets.
* ``exhId`` (INTEGER, foreign key to ``exh``): the ticketed exhibition the ticket gives
  access to; NULL = general admission only.
* ``mbrId`` (INTEGER, foreign key to ``mbr``): membership used; set only for 'MEM' tickets.
* ``channel`` (VARCHAR): 'WEB' (bought online) or 'DESK' (bought at the front desk).
* ``scannedAt`` (TIMESTAMP): when the ticket was scanned at the entrance; NULL = not used
  (yet).
* ``refundedAt`` (TIMESTAMP): when the ticket was refunded; NULL = not refunded. Refunded
  tickets are never scanned.

Every row counts as a ticket sold, free ones included (a 'MEM' ticket is sold for 0).
Ticket *revenue* (*takings*, *sales*) for a period is the sum of ``priceCents`` of tickets
sold (``soldAt``) in the period that have not been refunded. *Visitors* (people who came in,
people through the door) are counted in people: the sum of ``partySize`` over tickets that
were scanned; a *visit* happened on ``visitOn`` only if the ticket was scanned. A member
*visit* is a scanned 'MEM' ticket.

Row counts for seed 1: obj 667 (131 of them borrowed), exh 22, exhObj 322, loan 203,
mbr 460, tkt 5,880.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TODAY = dt.date(2025, 10, 15)
_CUT = dt.datetime(2025, 10, 15, 17, 30)
TICKETS_FROM = dt.date(2024, 1, 2)
TICKETS_TO = dt.date(2025, 12, 31)

_DDL = """
CREATE TABLE obj (
    objId INTEGER PRIMARY KEY,
    objectRef VARCHAR NOT NULL UNIQUE,
    objName VARCHAR NOT NULL,
    makerName VARCHAR,
    dept VARCHAR NOT NULL,
    madeYear INTEGER,
    owned BOOLEAN NOT NULL,
    acqMethod VARCHAR,
    acquiredOn DATE,
    purchaseCents BIGINT,
    valuationCents BIGINT NOT NULL,
    conditionCode VARCHAR NOT NULL,
    onDisplay BOOLEAN NOT NULL,
    deaccessionedOn DATE
);
CREATE TABLE exh (
    exhId INTEGER PRIMARY KEY,
    exhTitle VARCHAR NOT NULL UNIQUE,
    exhKind VARCHAR NOT NULL,
    gallery VARCHAR NOT NULL,
    opensOn DATE NOT NULL,
    closesOn DATE NOT NULL,
    curator VARCHAR NOT NULL,
    ticketed BOOLEAN NOT NULL,
    budgetCents BIGINT NOT NULL
);
CREATE TABLE exhObj (
    exhId INTEGER NOT NULL REFERENCES exh (exhId),
    objId INTEGER NOT NULL REFERENCES obj (objId),
    catNo INTEGER NOT NULL,
    PRIMARY KEY (exhId, objId)
);
CREATE TABLE loan (
    loanId INTEGER PRIMARY KEY,
    objId INTEGER NOT NULL REFERENCES obj (objId),
    direction VARCHAR NOT NULL,
    partner VARCHAR NOT NULL,
    partnerCountry VARCHAR NOT NULL,
    requestedOn DATE NOT NULL,
    loanStatus VARCHAR NOT NULL,
    startOn DATE NOT NULL,
    dueBackOn DATE NOT NULL,
    returnedOn DATE,
    feeCents INTEGER NOT NULL
);
CREATE TABLE mbr (
    mbrId INTEGER PRIMARY KEY,
    holderName VARCHAR NOT NULL,
    email VARCHAR NOT NULL UNIQUE,
    city VARCHAR NOT NULL,
    tier VARCHAR NOT NULL,
    joinedOn DATE NOT NULL,
    expiresOn DATE NOT NULL,
    autoRenew BOOLEAN NOT NULL,
    annualFeeCents INTEGER NOT NULL
);
CREATE TABLE tkt (
    tktId INTEGER PRIMARY KEY,
    soldAt TIMESTAMP NOT NULL,
    visitOn DATE NOT NULL,
    tktType VARCHAR NOT NULL,
    partySize INTEGER NOT NULL,
    priceCents INTEGER NOT NULL,
    exhId INTEGER REFERENCES exh (exhId),
    mbrId INTEGER REFERENCES mbr (mbrId),
    channel VARCHAR NOT NULL,
    scannedAt TIMESTAMP,
    refundedAt TIMESTAMP
);
COMMENT ON COLUMN obj.dept IS
    'PNT paintings, SCU sculpture, PAP works on paper, DEC decorative art, PHO photos, ANT antique';
COMMENT ON COLUMN obj.acqMethod IS
    'PUR = purchase, GIF = gift, BEQ = bequest, TRA = transfer; NULL for borrowed objects';
COMMENT ON COLUMN obj.owned IS
    'true = own object, false = borrowed from another institution';
COMMENT ON COLUMN obj.deaccessionedOn IS
    'Date removed from the collection; NULL = still in the collection';
COMMENT ON COLUMN loan.direction IS
    'IN = we borrow from the partner, OUT = we lend to the partner';
COMMENT ON COLUMN loan.loanStatus IS
    'REQ = requested, AGR = agreed, DEC = declined by lender, WDR = withdrawn by borrower';
COMMENT ON COLUMN loan.feeCents IS
    'Fee paid by the borrower to the lender, euro cents';
COMMENT ON COLUMN mbr.tier IS
    'IND = individual, JNT = joint, FAM = family, PAT = patron';
COMMENT ON COLUMN tkt.tktType IS
    'ADT = adult, CON = concession, CHD = child, FAM = family, GRP = group, MEM = member (free)';
COMMENT ON COLUMN tkt.partySize IS
    'Number of people admitted with this ticket';
COMMENT ON COLUMN tkt.scannedAt IS
    'Scanned at the entrance; NULL = not used';
"""

_DROP_ORDER = ["tkt", "mbr", "loan", "exhObj", "exh", "obj"]

_DEPT_WEIGHTS = {"PNT": 120, "SCU": 60, "PAP": 130, "DEC": 100, "PHO": 70, "ANT": 40}
_MAKERS = {
    "PNT": ["Jan van Aalst", "Maria Verhulst", "Cornelis Dekker", "Hendrick Brouwer",
            "Emile Garnier", "Sophie Lindqvist", "Willem Rademaker", "Giulia Ferrante",
            "Thomas Ashcombe", "Clara Hoogendijk"],
    "SCU": ["Anton Belaert", "Ilse Marten", "Pietro Calvi", "Hugo Renard", "Greta Holm",
            "Daan Kuipers"],
    "PAP": ["Jan van Aalst", "Lucas Ommeren", "Katsura Eitoku", "Adriaen Pels",
            "Marthe Delorme", "Oskar Brandt", "Maria Verhulst"],
    "DEC": ["De Roos Pottery", "Haagse Zilversmeden", "Atelier Mercier", "Leerdam Glassworks",
            "Gerrit Vonk"],
    "PHO": ["Henriette Blom", "Frank Oudshoorn", "Ada Whitcombe", "Ruth Kessler",
            "Milan Horak", "Noor Hamdi"],
    "ANT": ["Workshop of the Vetralla Painter"],
}  # fmt: skip
_NAMES = {
    "PNT": ["Portrait of a Young Woman", "River Landscape with Ferry", "Still Life with Lemons",
            "Winter Scene on the Ice", "View of Haarlem", "Self-Portrait",
            "Interior with a Sleeping Maid", "Seascape at Dusk", "The Card Players",
            "Flowers in a Glass Vase", "Church Interior", "Wooded Landscape",
            "Portrait of a Merchant", "Harbour at Dordrecht", "Orchard in Bloom"],
    "SCU": ["Bust of a Man", "Standing Figure", "Reclining Nude", "Head of a Child",
            "Mother and Child", "Torso", "Horse and Rider", "Abstract Form II",
            "Saint Catherine", "Dancer"],
    "PAP": ["Study of Hands", "Landscape with Windmill", "The Three Trees",
            "Sheet of Figure Studies", "View of a Canal", "Portrait Sketch",
            "Botanical Study: Tulip", "Street Scene", "Cottage by a Stream", "Mountain Pass"],
    "DEC": ["Tin-glazed Dish", "Silver Tazza", "Tulip Vase", "Lacquer Cabinet", "Wine Glass",
            "Tea Service", "Tapestry Fragment", "Marquetry Table", "Pewter Flagon",
            "Embroidered Panel"],
    "PHO": ["Street Corner, Rotterdam", "Portrait of a Fisherman", "Dunes at Scheveningen",
            "Factory Workers", "Untitled (Window)", "Market Day", "Self-Portrait with Camera",
            "Harbour Cranes", "Children Playing", "Night Tram"],
    "ANT": ["Amphora", "Oil Lamp", "Scarab Amulet", "Bronze Mirror", "Votive Figure",
            "Cylinder Seal", "Funerary Stele", "Glass Unguentarium", "Red-figure Cup",
            "Coin of Hadrian"],
}  # fmt: skip
_MADE = {"PNT": (1480, 1965), "SCU": (1500, 1990), "PAP": (1500, 2005), "DEC": (1620, 1950),
         "PHO": (1845, 2015), "ANT": (-1500, 400)}  # fmt: skip
_VALUE = {"PNT": 12.8, "SCU": 12.2, "PAP": 10.2, "DEC": 10.6, "PHO": 9.6, "ANT": 11.0}

_PARTNERS = [
    ("Harlow Art Gallery", "GB"), ("Musee des Tanneurs", "FR"),
    ("Kunsthalle Breitenbach", "DE"), ("Stedelijk Museum Oosterveld", "NL"),
    ("Galleria Vasari Nuova", "IT"), ("Bay City Museum of Art", "US"),
    ("Kagami Print Museum", "JP"), ("Northgate University Collections", "GB"),
    ("Museo del Tajo", "ES"), ("Lakeshore Photography Center", "US"),
    ("Fondation Lemaire", "FR"), ("Fries Museum Leeuwarden", "NL"),
    ("Nationalmuseum Sundvik", "SE"), ("Museo Archeologico di Vetralla", "IT"),
    ("Groninger Kunstkamer", "NL"),
]  # fmt: skip
_COUNTRY = dict(_PARTNERS)

# (title, kind, gallery, opens, closes, curator, ticketed, budget euros,
#  own [(dept, n)], borrowed [(dept, n)], lender for TRV shows (None = various))
_EXHIBITIONS = [
    ("Dutch Skies: Landscape Painting 1600-1700", "TMP", "Long Gallery", "2023-02-10",
     "2023-06-18", "Anouk de Wit", True, 420_000, [("PNT", 14)], [("PNT", 4)], None),
    ("Salt and Silver: Early Photography", "TMP", "Print Room", "2023-03-03", "2023-07-30",
     "Lena Vos", False, 95_000, [("PHO", 16)], [], None),
    ("Garden of Delights: Ceramics", "FOC", "Garden Pavilion", "2023-05-05", "2023-09-10",
     "Joris Bakker", False, 40_000, [("DEC", 12)], [], None),
    ("Gods and Heroes", "TRV", "Courtyard Hall", "2023-09-22", "2024-01-14",
     "Farida El Amrani", True, 610_000, [], [("ANT", 14), ("SCU", 6)],
     "Museo Archeologico di Vetralla"),
    ("New Acquisitions 2023", "FOC", "West Wing", "2023-10-06", "2024-02-25", "Pieter Smeets",
     False, 30_000, [("NEW", 10)], [], None),
    ("Waves and Woodblocks: Hokusai in Print", "TRV", "Print Room", "2024-02-16",
     "2024-06-09", "Lena Vos", True, 380_000, [], [("PAP", 24)], "Kagami Print Museum"),
    ("The Sculptor's Hand", "TMP", "Courtyard Hall", "2024-03-08", "2024-08-25",
     "Joris Bakker", True, 350_000, [("SCU", 10)], [("SCU", 5)], None),
    ("Faces of the City: Street Photography", "TMP", "West Wing", "2024-04-12", "2024-09-01",
     "Lena Vos", False, 120_000, [("PHO", 14), ("PAP", 3)], [], None),
    ("Light on Canvas: Impressionist Works", "TMP", "Long Gallery", "2024-06-07", "2024-11-03",
     "Anouk de Wit", True, 780_000, [("PNT", 12)], [("PNT", 8)], None),
    ("Paper Trails", "FOC", "Print Room", "2024-07-05", "2024-10-27", "Pieter Smeets", False,
     35_000, [("PAP", 15)], [], None),
    ("Treasures of the Nile", "TRV", "Courtyard Hall", "2024-10-04", "2025-03-02",
     "Farida El Amrani", True, 690_000, [], [("ANT", 22)], "Bay City Museum of Art"),
    ("Winter Interiors", "FOC", "West Wing", "2024-11-22", "2025-02-16", "Joris Bakker",
     False, 45_000, [("DEC", 8), ("PNT", 5)], [], None),
    ("Rembrandt's Circle", "TMP", "Long Gallery", "2025-02-14", "2025-06-15", "Anouk de Wit",
     True, 820_000, [("PNT", 10), ("PAP", 6)], [("PNT", 6)], None),
    ("Portraits in Silver", "FOC", "Print Room", "2025-03-07", "2025-07-06", "Lena Vos",
     False, 38_000, [("PHO", 12)], [], None),
    ("Glass and Fire", "FOC", "Garden Pavilion", "2025-04-04", "2025-08-31", "Joris Bakker",
     False, 42_000, [("DEC", 12)], [], None),
    ("Modern Forms", "TMP", "Courtyard Hall", "2025-04-25", "2025-11-09", "Pieter Smeets",
     True, 450_000, [("SCU", 8), ("PNT", 6)], [("SCU", 4)], None),
    ("Recent Gifts", "FOC", "West Wing", "2025-05-16", "2025-10-12", "Pieter Smeets", False,
     28_000, [("GIFT", 10)], [], None),
    ("Northern Light: Scandinavian Painting", "TRV", "Long Gallery", "2025-07-11",
     "2026-01-11", "Anouk de Wit", True, 720_000, [], [("PNT", 18)], "Nationalmuseum Sundvik"),
    ("The Photographer's Eye", "TMP", "Print Room", "2025-09-05", "2026-01-18", "Lena Vos",
     False, 110_000, [("PHO", 10), ("PAP", 4)], [], None),
    ("Stitch by Stitch: Textiles", "TMP", "West Wing", "2025-10-31", "2026-03-01",
     "Joris Bakker", True, 260_000, [("DEC", 9)], [("DEC", 5)], None),
    ("Ancient Colour", "TMP", "Garden Pavilion", "2026-02-13", "2026-06-07",
     "Farida El Amrani", True, 300_000, [], [], None),
    ("Spring Focus: Flower Still Lifes", "FOC", "West Wing", "2026-03-20", "2026-05-31",
     "Anouk de Wit", False, 25_000, [], [], None),
]  # fmt: skip

_FIRST = ["Anna", "Bram", "Daan", "Emma", "Fleur", "Lotte", "Sem", "Noah", "Julia", "Mila",
          "Thijs", "Sanne", "Ruben", "Iris", "Lucas", "Femke", "Jesse", "Eva", "Milan", "Sara",
          "Youssef", "Ayla", "Jan", "Marieke", "Kees", "Ingrid", "Pieter", "Nora", "Tim",
          "Lisa", "Mohamed", "Fatima", "Wouter", "Esther", "Hugo", "Roos"]  # fmt: skip
_LAST = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
         "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
         "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
         "de Graaf", "van der Meer", "Kok", "Jacobs", "Haddou", "Yilmaz", "Verbeek"]  # fmt: skip
_CITIES = {"Utrecht": 48, "Amersfoort": 10, "Zeist": 9, "Amsterdam": 13, "Hilversum": 7,
           "Rotterdam": 6, "Den Haag": 5, "Nieuwegein": 8}  # fmt: skip
_TIER_FEE = {"IND": 6500, "JNT": 9500, "FAM": 11000}


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _at(day: dt.date, rng: random.Random, lo_min: int, hi_min: int) -> dt.datetime:
    """A timestamp on ``day`` between ``lo_min`` and ``hi_min`` minutes after midnight."""
    return dt.datetime.combine(day, dt.time(0, 0)) + dt.timedelta(
        minutes=rng.randint(lo_min, hi_min)
    )


def _overlaps(a0: dt.date, a1: dt.date, b0: dt.date, b1: dt.date) -> bool:
    return a0 <= b1 and b0 <= a1


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the museum tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ----------------------------------------------------------------- own objects
    objs: list[dict] = []
    depts = list(_DEPT_WEIGHTS)
    maker_start: dict[str, int] = {}
    for dept, makers in _MAKERS.items():
        if dept == "ANT":
            continue
        lo, hi = _MADE[dept]
        for maker in makers:
            maker_start.setdefault(maker, rng.randint(max(lo, 1500), hi - 45))
    for maker in ("Anders Lund", "Kari Solheim", "Edvard Nyberg", "Hilma Strand"):
        maker_start[maker] = rng.randint(1840, 1900)
    plan = [d for d in depts for _ in range(_DEPT_WEIGHTS[d])]
    rng.shuffle(plan)
    for dept in plan:
        r = rng.random()
        if r < 0.55:
            acquired = _d("1890-01-01") + dt.timedelta(days=rng.randint(0, 365 * 120))
        else:
            acquired = _d("2010-01-01") + dt.timedelta(days=rng.randint(0, 5750))
        method = rng.choices(["PUR", "GIF", "BEQ", "TRA"], weights=[35, 35, 20, 10])[0]
        lo, hi = _MADE[dept]
        made = rng.randint(lo, min(hi, acquired.year))
        if dept == "ANT":
            maker = _MAKERS["ANT"][0] if rng.random() < 0.1 else None
        elif rng.random() < (0.3 if dept == "DEC" else 0.06):
            maker = None
        else:
            fits = [m for m in _MAKERS[dept] if maker_start[m] + 2 <= acquired.year]
            maker = rng.choice(fits) if fits else None
            if maker:
                made = maker_start[maker] + rng.randint(
                    0, min(45, acquired.year - maker_start[maker])
                )
        value = int(rng.lognormvariate(_VALUE[dept], 1.1)) * 100
        value = max(value, 20_000)
        price = None
        if method == "PUR":
            price = int(value * rng.uniform(0.25, 0.9) / 10_000) * 10_000 or 50_000
        cond = rng.choices(["G", "F", "P"], weights=[70, 22, 8])[0]
        if dept == "PHO" and cond == "P":
            cond = "F"  # the photography store is climate controlled
        deacc = None
        if rng.random() < 0.035 and acquired < _d("2015-01-01"):
            deacc = _d("2012-01-01") + dt.timedelta(days=rng.randint(0, 4900))
            deacc = max(deacc, acquired + dt.timedelta(days=400))
        objs.append({"dept": dept, "name": rng.choice(_NAMES[dept]), "maker": maker,
                     "made": made if rng.random() > 0.04 else None, "owned": True,
                     "method": method, "acquired": acquired, "price": price, "value": value,
                     "cond": cond, "deacc": deacc})  # fmt: skip
    # a few recent acquisitions, so the acquisition displays have material
    for k in range(16):
        dept = rng.choice(["PNT", "PAP", "PHO", "DEC", "SCU"])
        maker = rng.choice(_MAKERS[dept])
        acquired = _d("2022-03-01") + dt.timedelta(days=rng.randint(0, 1100))
        method = "PUR" if k % 3 == 0 else rng.choice(["GIF", "BEQ"])
        value = max(int(rng.lognormvariate(_VALUE[dept], 0.9)) * 100, 50_000)
        objs.append({"dept": dept, "name": rng.choice(_NAMES[dept]),
                     "maker": maker,
                     "made": min(maker_start[maker] + rng.randint(0, 45), 2024),
                     "owned": True, "method": method, "acquired": acquired,
                     "price": int(value * 0.6 / 10_000) * 10_000 if method == "PUR" else None,
                     "value": value, "cond": "G", "deacc": None})  # fmt: skip
    objs.sort(key=lambda o: o["acquired"])
    seq: dict[int, int] = {}
    for o in objs:
        y = o["acquired"].year
        seq[y] = seq.get(y, 0) + 1
        o["ref"] = f"{y}.{seq[y]}"
        o["exh"] = []  # (opens, closes) of the exhibitions the object is in
        o["away"] = False
        o["current_show"] = False

    # ------------------------------------------------------------- exhibitions
    rng = random.Random(seed * 1000 + 2)
    exh_rows: list[tuple] = []
    exh_obj: list[tuple] = []
    loans: list[dict] = []
    loan_seq: dict[int, int] = {}
    other_partners = [p for p, _ in _PARTNERS if p not in ("Nationalmuseum Sundvik",)]

    def borrowed_obj(dept: str, lender: str, opens: dt.date, closes: dt.date, status: str):
        y = (opens - dt.timedelta(days=300)).year
        loan_seq[y] = loan_seq.get(y, 0) + 1
        lo, hi = _MADE[dept]
        maker = None
        if dept == "PAP" and lender == "Kagami Print Museum":
            maker = "Katsushika Hokusai"
        elif dept != "ANT":
            maker = rng.choice(_MAKERS[dept] + ["Anders Lund", "Kari Solheim"] * (dept == "PNT"))
        if lender == "Nationalmuseum Sundvik":
            maker = rng.choice(["Anders Lund", "Kari Solheim", "Edvard Nyberg", "Hilma Strand"])
            lo = 1840
        made = rng.randint(lo, hi)
        if maker in maker_start:
            made = maker_start[maker] + rng.randint(0, 45)
        elif maker == "Katsushika Hokusai":
            made = rng.randint(1814, 1849)
        o = {"dept": dept, "name": rng.choice(_NAMES[dept]), "maker": maker,
             "made": made, "owned": False, "method": None, "acquired": None,
             "price": None, "value": max(int(rng.lognormvariate(_VALUE[dept] + 0.4, 0.9)), 500)
             * 100, "cond": rng.choices(["G", "F"], weights=[85, 15])[0], "deacc": None,
             "ref": f"L{y}.{loan_seq[y]}", "exh": [], "away": False,
             "current_show": False}  # fmt: skip
        objs.append(o)
        requested = opens - dt.timedelta(days=rng.randint(240, 420))
        start = opens - dt.timedelta(days=rng.randint(8, 25))
        due = closes + dt.timedelta(days=rng.randint(10, 25))
        returned = None
        if status == "AGR" and due <= TODAY:
            returned = due + dt.timedelta(days=rng.choice([-6, -4, -3, -2, -1, 0, 0, 1, 3]))
            if returned > TODAY:
                returned = None
        fee = rng.choice([0, 0, 25_000, 50_000, 75_000, 100_000, 150_000])
        loans.append({"obj": o, "dir": "IN", "partner": lender, "requested": requested,
                      "status": status, "start": start, "due": due, "returned": returned,
                      "fee": fee})  # fmt: skip
        return o

    for eid, spec in enumerate(_EXHIBITIONS, start=1):
        title, kind, gallery, opens_s, closes_s, curator, ticketed, budget, own, borrowed = spec[
            :10
        ]
        lender = spec[10]
        opens, closes = _d(opens_s), _d(closes_s)
        exh_rows.append((eid, title, kind, gallery, opens, closes, curator, ticketed,
                         budget * 100))  # fmt: skip
        chosen: list[dict] = []
        for dept, n in own:
            if dept == "NEW":
                pool = [
                    o
                    for o in objs
                    if o["owned"]
                    and o["deacc"] is None
                    and _d("2022-01-01") <= o["acquired"] < opens - dt.timedelta(days=30)
                ]
            elif dept == "GIFT":
                pool = [
                    o
                    for o in objs
                    if o["owned"]
                    and o["deacc"] is None
                    and o["method"] in ("GIF", "BEQ")
                    and _d("2023-06-01") <= o["acquired"] < opens - dt.timedelta(days=30)
                ]
            else:
                pool = [o for o in objs if o["owned"] and o["dept"] == dept
                        and o["acquired"] < opens - dt.timedelta(days=30)
                        and (o["deacc"] is None or o["deacc"] > closes) and o["cond"] != "P"
                        and all(o is not c for c in chosen)]  # fmt: skip
            chosen += rng.sample(pool, min(n, len(pool)))
        for dept, n in borrowed:
            for _ in range(n):
                src = lender or rng.choice(other_partners)
                chosen.append(borrowed_obj(dept, src, opens, closes, "AGR"))
            if lender is None:
                # a lender or two said no
                for _ in range(rng.randint(1, 2)):
                    borrowed_obj(dept, rng.choice(other_partners), opens, closes, "DEC")
        if title == "Ancient Colour":
            for _ in range(4):
                borrowed_obj("ANT", "Musee des Tanneurs", opens, closes, "REQ")
            borrowed_obj("ANT", "Fondation Lemaire", opens, closes, "AGR")
        if kind != "TRV":
            rng.shuffle(chosen)
        for k, o in enumerate(chosen, start=1):
            exh_obj.append((eid, o, k))
            o["exh"].append((opens, closes))
            if opens <= TODAY <= closes:
                o["current_show"] = True

    # ------------------------------------------------------------ outgoing loans
    rng = random.Random(seed * 1000 + 3)
    lendable = [o for o in objs if o["owned"] and o["dept"] in ("PNT", "PAP", "SCU", "PHO", "DEC")
                and o["cond"] != "P" and o["deacc"] is None]  # fmt: skip
    borrowers = [
        p
        for p, _ in _PARTNERS
        if p not in ("Kagami Print Museum", "Museo Archeologico di Vetralla")
    ]
    n_out = 0
    attempts = 0
    while n_out < 72 and attempts < 2000:
        attempts += 1
        o = rng.choice(lendable)
        requested = _d("2023-01-09") + dt.timedelta(days=rng.randint(0, 1000))
        start = requested + dt.timedelta(days=rng.randint(60, 200))
        due = start + dt.timedelta(days=rng.randint(60, 240))
        if o["acquired"] >= requested:
            continue
        busy = [(a, b + dt.timedelta(days=20)) for a, b in o["exh"]]
        busy += [(lo_["start"], lo_["due"] + dt.timedelta(days=60)) for lo_ in loans
                 if lo_["obj"] is o and lo_["status"] == "AGR"]  # fmt: skip
        if any(_overlaps(start, due, a, b) for a, b in busy):
            continue
        if requested > _d("2025-07-20"):
            status = "REQ" if rng.random() < 0.7 else "AGR"
        else:
            status = rng.choices(["AGR", "DEC", "WDR"], weights=[72, 18, 10])[0]
        returned = None
        if status == "AGR" and start <= TODAY and due <= TODAY:
            p = rng.random()
            if p < 0.07:
                returned = None  # overdue
            elif p < 0.27:
                returned = due + dt.timedelta(days=rng.randint(3, 45))
            else:
                returned = due - dt.timedelta(days=rng.randint(0, 10))
            if returned is not None and returned > TODAY:
                returned = None
        fee = rng.choice([0, 0, 0, 20_000, 40_000, 50_000, 80_000, 120_000, 200_000])
        loans.append({"obj": o, "dir": "OUT", "partner": rng.choice(borrowers),
                      "requested": requested, "status": status, "start": start, "due": due,
                      "returned": returned, "fee": fee})  # fmt: skip
        if status == "AGR" and start <= TODAY and returned is None:
            o["away"] = True
        n_out += 1

    # ------------------------------------------------------------- obj rows
    rng = random.Random(seed * 1000 + 4)
    for i, o in enumerate(objs, start=1):
        o["id"] = i
        if not o["owned"]:
            here = any(
                lo_["obj"] is o and lo_["status"] == "AGR" and lo_["start"] <= TODAY
                and lo_["returned"] is None for lo_ in loans
            )  # fmt: skip
            o["display"] = here and o["current_show"]
        elif o["deacc"] is not None or o["away"]:
            o["display"] = False
        elif o["current_show"]:
            o["display"] = True
        else:
            share = 0.05 if o["dept"] in ("PAP", "PHO") else 0.3
            o["display"] = o["cond"] != "P" and rng.random() < share
    _insert(con, "obj", [(o["id"], o["ref"], o["name"], o["maker"], o["dept"], o["made"],
                          o["owned"], o["method"], o["acquired"], o["price"], o["value"],
                          o["cond"], o["display"], o["deacc"]) for o in objs])  # fmt: skip
    _insert(con, "exh", exh_rows)
    _insert(con, "exhObj", [(e, o["id"], k) for e, o, k in exh_obj])
    loans.sort(key=lambda lo_: (lo_["requested"], lo_["obj"]["id"]))
    _insert(con, "loan", [(i, lo_["obj"]["id"], lo_["dir"], lo_["partner"],
                           _COUNTRY[lo_["partner"]], lo_["requested"], lo_["status"],
                           lo_["start"], lo_["due"], lo_["returned"], lo_["fee"])
                          for i, lo_ in enumerate(loans, start=1)])  # fmt: skip

    # ------------------------------------------------------------- memberships
    rng = random.Random(seed * 1000 + 5)
    members: list[dict] = []
    emails: set[str] = set()
    cities, city_w = list(_CITIES), list(_CITIES.values())
    for i in range(1, 461):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        joined = TODAY - dt.timedelta(days=min(int(rng.expovariate(1 / 900)) + 3, 3500))
        tier = rng.choices(["IND", "JNT", "FAM", "PAT"], weights=[45, 25, 22, 8])[0]
        auto = rng.random() < 0.6
        years = 1
        while _add_years(joined, years) <= TODAY:
            if rng.random() < (0.93 if auto else 0.62):
                years += 1
            else:
                break
        expires = _add_years(joined, years) - dt.timedelta(days=1)
        fee = _TIER_FEE[tier] if tier != "PAT" else rng.choice([30_000, 50_000, 100_000])
        base = f"{first}.{last}".lower().replace(" ", "")
        email = f"{base}@example.nl"
        n = 2
        while email in emails:
            email = f"{base}{n}@example.nl"
            n += 1
        emails.add(email)
        keen = 0.0 if rng.random() < 0.14 else rng.expovariate(1.0) + 0.15
        members.append({"id": i, "name": f"{first} {last}", "email": email,
                        "city": rng.choices(cities, weights=city_w)[0], "tier": tier,
                        "joined": joined, "expires": expires, "auto": auto, "fee": fee,
                        "keen": keen})  # fmt: skip
    _insert(con, "mbr", [(m["id"], m["name"], m["email"], m["city"], m["tier"], m["joined"],
                          m["expires"], m["auto"], m["fee"]) for m in members])  # fmt: skip

    # ---------------------------------------------------------------- tickets
    rng = random.Random(seed * 1000 + 6)
    shows = [(eid, _d(s[3]), _d(s[4])) for eid, s in enumerate(_EXHIBITIONS, start=1) if s[6]]
    tickets: list[tuple] = []
    day = TICKETS_FROM
    while day <= TICKETS_TO:
        closed = day.weekday() == 0 or (day.month, day.day) in ((12, 25), (1, 1))
        if closed:
            day += dt.timedelta(days=1)
            continue
        weekend = day.weekday() >= 5
        n_pub = rng.randint(9, 15) if weekend else rng.randint(4, 8)
        if day.month in (7, 8):
            n_pub += 3
        n_mem = rng.randint(1, 4) if weekend else rng.randint(0, 3)
        future = day > TODAY
        if future:
            ahead = (day - TODAY).days
            keep = max(0.0, 0.45 - ahead / 180)
            n_pub = sum(1 for _ in range(n_pub) if rng.random() < keep)
            n_mem = sum(1 for _ in range(n_mem) if rng.random() < keep)
        running = [eid for eid, a, b in shows if a <= day <= b]
        y25 = day.year >= 2025
        for k in range(n_pub + n_mem):
            member = None
            if k >= n_pub:
                pool = [m for m in members if m["joined"] <= day <= m["expires"] and m["keen"]]
                if not pool:
                    continue
                member = rng.choices(pool, weights=[m["keen"] for m in pool])[0]
                ttype = "MEM"
                size = {"IND": 1, "JNT": rng.choice([1, 2, 2]), "FAM": rng.randint(2, 5),
                        "PAT": rng.choice([1, 2])}[member["tier"]]  # fmt: skip
            else:
                ttype = rng.choices(["ADT", "CON", "CHD", "FAM", "GRP"],
                                    weights=[46, 21, 8, 18, 4])[0]  # fmt: skip
                size = {"ADT": rng.choice([1, 1, 1, 2, 2, 3]), "CON": rng.choice([1, 1, 2]),
                        "CHD": rng.choice([1, 1, 2, 3]), "FAM": rng.randint(3, 6),
                        "GRP": rng.randint(10, 28)}[ttype]  # fmt: skip
            exh_id = None
            if running and rng.random() < (0.5 if ttype == "MEM" else 0.42):
                exh_id = rng.choice(running)
            unit = {"ADT": 1850 if y25 else 1750, "CON": 1200 if y25 else 1100, "CHD": 0,
                    "GRP": 1500 if y25 else 1400, "MEM": 0}  # fmt: skip
            surcharge = {"ADT": 600, "CON": 600, "GRP": 600, "CHD": 300, "MEM": 0}
            if ttype == "FAM":
                price = (4800 if y25 else 4500) + (1500 if exh_id else 0)
            else:
                price = size * (unit[ttype] + (surcharge[ttype] if exh_id else 0))
            if future or ttype == "GRP":
                channel = "WEB" if future else "DESK"
            elif ttype == "MEM":
                channel = "WEB" if rng.random() < 0.35 else "DESK"
            else:
                channel = "WEB" if rng.random() < 0.55 else "DESK"
            if channel == "DESK":
                sold = _at(day, rng, 600, 990)
            else:
                lead = min(int(rng.expovariate(1 / 6)), 60)
                if future:
                    lead = (day - TODAY).days + min(int(rng.expovariate(1 / 5)), 40)
                sold = _at(day - dt.timedelta(days=lead), rng, 420, 1380)
                if lead == 0:
                    sold = _at(day, rng, 420, 900)
                if sold > _CUT:
                    sold = _CUT - dt.timedelta(minutes=rng.randint(5, 600))
            refunded = None
            if price > 0 and (rng.random() < (0.055 if channel == "WEB" else 0.006)):
                latest = min(dt.datetime.combine(day, dt.time(10, 0)), _CUT)
                span = int((latest - sold).total_seconds() // 60)
                if span > 5:
                    refunded = sold + dt.timedelta(minutes=rng.randint(5, span))
            scanned = None
            if refunded is None and not future:
                if channel == "DESK":
                    scanned = sold + dt.timedelta(minutes=rng.randint(0, 8))
                elif rng.random() < 0.92:
                    scanned = _at(day, rng, 600, 1000)
                    if scanned > _CUT:
                        scanned = None
            tickets.append((sold, day, ttype, size, price, exh_id,
                            member["id"] if member else None, channel, scanned,
                            refunded))  # fmt: skip
        day += dt.timedelta(days=1)
    tickets.sort(key=lambda t: (t[0], t[1]))
    _insert(con, "tkt", [(i, *t) for i, t in enumerate(tickets, start=1)])

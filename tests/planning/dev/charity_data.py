"""Charity fundraising test database (DuckDB, ``main`` schema).

A UK registered charity ("Brightwater Trust") raises money from individual supporters and
from organisations (companies, grant-making trusts, schools, churches). It runs fundraising
campaigns by post ('mail'), online ('web') and through events ('event'), takes one-off gifts
and monthly direct-debit gifts, organises events that supporters register for, and relies on
volunteers who log their hours.

The data covers the period from 2023-01-01 up to and including **2025-09-30**, which is the
last day of the data ("today" for every question: "this year" is 2025, "last month" is
August 2025). Donors may have registered before 2023 (long-standing supporters), but no
donation, event or volunteer shift before 2023-01-01 is recorded. A few events (and one
campaign) are scheduled after today. Money is in pounds sterling (GBP); hours are in hours.

Money "raised" means the sum of ``donation_amount`` over donations whose ``status`` is
'completed'; refunded, failed and pending donations do not count as money raised.

Tables
------

``donors`` -- one row per supporter record (a person or an organisation) in the CRM. Some
donors have never given (prospects, people who only attend events or only volunteer).

* ``donor_id`` (INTEGER, primary key): donor identifier.
* ``donor_type`` (VARCHAR): 'individual' or 'organisation'.
* ``first_name`` (VARCHAR): person's given name; NULL for organisations.
* ``last_name`` (VARCHAR): person's family name; NULL for organisations.
* ``org_name`` (VARCHAR): organisation's name; NULL for individuals. A donor's display
  name is ``first_name || ' ' || last_name`` for individuals and ``org_name`` for
  organisations. Individual names are not unique (there are two "James Smith" donors).
* ``email_address`` (VARCHAR): contact e-mail; NULL when none is on file.
* ``city`` (VARCHAR): town/city of the postal address, e.g. 'London'; NULL when unknown.
* ``birth_date`` (DATE): date of birth; always NULL for organisations and NULL for
  individuals who did not give it.
* ``donor_registered_on`` (DATE): day the record was created (the donor "joined");
  can be as early as 2015.
* ``email_opt_in`` (BOOLEAN): true if the donor agreed to receive marketing e-mails
  (always false when ``email_address`` is NULL).
* ``gift_aid_declaration`` (BOOLEAN): true if the donor signed a Gift Aid declaration
  (UK taxpayer). Always false for organisations.

``campaigns`` -- fundraising campaigns (appeals).

* ``campaign_id`` (INTEGER, primary key): campaign identifier.
* ``campaign_name`` (VARCHAR): e.g. 'Christmas Appeal 2024'.
* ``channel`` (VARCHAR): main channel: 'mail' (postal appeal), 'web' (online) or
  'event' (event-led fundraising).
* ``campaign_start_date`` (DATE): first day of the campaign.
* ``campaign_end_date`` (DATE): last day of the campaign (inclusive); NULL for the
  open-ended 'Monthly Giving Programme'. One campaign starts after 2025-09-30.
* ``campaign_goal_amount`` (DECIMAL(10,2)): fundraising target in GBP; NULL when no target
  was set.
* ``campaign_cost_amount`` (DECIMAL(10,2)): money spent running the campaign (printing,
  postage, ads, venues) in GBP.
* ``campaign_manager`` (VARCHAR): full name of the staff member who runs the campaign.

``recurring_gift_plans`` -- monthly direct-debit pledges by individuals. A few donors
cancelled a plan and later started a new one.

* ``plan_id`` (INTEGER, primary key): plan identifier.
* ``donor_id`` (INTEGER, foreign key to ``donors``): the pledging donor.
* ``monthly_amount`` (DECIMAL(8,2)): amount collected each month in GBP.
* ``collection_day`` (INTEGER): day of the month the debit is taken (1-28).
* ``plan_started_on`` (DATE): day the pledge was set up (first collection is on the
  first collection day on or after this day).
* ``plan_cancelled_on`` (DATE): day the donor cancelled; NULL means the plan is still
  active. No collection happens on or after this day.
* ``cancellation_reason`` (VARCHAR): 'financial', 'moved abroad', 'supporting another
  charity', 'unhappy with contact' or 'other'; NULL for active plans and for cancelled
  plans where no reason was recorded.

``donations`` -- one row per gift (one-off gifts and every monthly collection of a
recurring plan).

* ``donation_id`` (INTEGER, primary key): donation identifier.
* ``donor_id`` (INTEGER, foreign key to ``donors``): who gave (also filled for anonymous
  gifts; "anonymous" only means the donor asked not to be publicly credited).
* ``campaign_id`` (INTEGER, foreign key to ``campaigns``): campaign the gift is attributed
  to; NULL for unsolicited / general-fund gifts. All recurring collections are attributed
  to the 'Monthly Giving Programme'.
* ``recurring_plan_id`` (INTEGER, foreign key to ``recurring_gift_plans``): plan the
  collection belongs to; NULL for one-off gifts.
* ``donation_amount`` (DECIMAL(10,2)): gift amount in GBP (before any Gift Aid).
* ``donation_received_at`` (TIMESTAMP): when the gift was received/processed.
* ``payment_method`` (VARCHAR): 'card', 'direct_debit', 'bank_transfer', 'cheque' or
  'cash'. Recurring collections are always 'direct_debit'.
* ``is_recurring`` (BOOLEAN): true for monthly plan collections, false for one-off gifts.
* ``gift_aid_eligible`` (BOOLEAN): true when the charity can reclaim Gift Aid on the gift
  (the donor is an individual with a Gift Aid declaration and the gift is not anonymous).
  Gift Aid adds 25% of the donation amount (25p per GBP 1) for completed gifts.
* ``anonymous`` (BOOLEAN): true if the donor asked to remain anonymous for this gift.
* ``status`` (VARCHAR): 'completed' (money received), 'refunded' (received then returned),
  'failed' (card declined / direct debit bounced, no money received) or 'pending' (cheque or
  transfer not yet cleared; only in the last days before 2025-09-30).

``events`` -- fundraising and supporter events.

* ``event_id`` (INTEGER, primary key): event identifier.
* ``event_name`` (VARCHAR): e.g. 'Summer Gala Dinner 2024'.
* ``event_type`` (VARCHAR): 'gala', 'fun_run', 'quiz_night', 'bake_sale', 'concert' or
  'webinar'.
* ``campaign_id`` (INTEGER, foreign key to ``campaigns``): campaign the event belongs to;
  NULL for stand-alone events.
* ``event_date`` (DATE): day the event takes/took place.
* ``venue_city`` (VARCHAR): city of the venue; NULL for online events (webinars).
* ``ticket_price`` (DECIMAL(6,2)): price of one ticket in GBP; 0 for free events.
* ``capacity`` (INTEGER): maximum number of tickets/places; NULL when unlimited.
* ``event_status`` (VARCHAR): 'held' (took place), 'cancelled' (called off; it has no
  registrations) or 'scheduled' (in the future, after 2025-09-30).

``event_attendees`` -- one row per donor registration for an event (at most one per donor
and event). Two held events have no registrations at all.

* ``registration_id`` (INTEGER, primary key): registration identifier.
* ``event_id`` (INTEGER, foreign key to ``events``): the event.
* ``donor_id`` (INTEGER, foreign key to ``donors``): who registered.
* ``registered_on`` (DATE): day of registration (before the event).
* ``tickets_bought`` (INTEGER): number of tickets/places in this registration (the
  donor plus guests).
* ``amount_paid`` (DECIMAL(8,2)): total ticket money paid in GBP (``tickets_bought`` x
  ``ticket_price``, or 0 for complimentary tickets).
* ``checked_in`` (BOOLEAN): true if the party turned up; false for no-shows; NULL for
  events that have not happened yet (scheduled).

``volunteers`` -- people who volunteer for the charity. Some are also donors.

* ``volunteer_id`` (INTEGER, primary key): volunteer identifier.
* ``first_name`` (VARCHAR), ``last_name`` (VARCHAR): the volunteer's name.
* ``donor_id`` (INTEGER, foreign key to ``donors``): the volunteer's donor record when
  they are also a supporter in the CRM; NULL otherwise.
* ``home_city`` (VARCHAR): where the volunteer lives.
* ``volunteer_started_on`` (DATE): day they signed up as a volunteer (can be before 2023).
* ``background_check_passed`` (BOOLEAN): DBS background check result: true = passed,
  false = failed; NULL = not (yet) done.
* ``is_active`` (BOOLEAN): false when the volunteer has stopped volunteering. Some
  volunteers have never done a shift.

``volunteer_shifts`` -- one row per booked volunteering shift.

* ``shift_id`` (INTEGER, primary key): shift identifier.
* ``volunteer_id`` (INTEGER, foreign key to ``volunteers``): who was booked.
* ``event_id`` (INTEGER, foreign key to ``events``): event supported; NULL for shifts not
  at an event (shop, office, street collections, driving).
* ``shift_date`` (DATE): day of the shift.
* ``activity`` (VARCHAR): 'event_support', 'charity_shop', 'office', 'street_collection'
  or 'driving'.
* ``shift_status`` (VARCHAR): 'completed', 'no_show' (volunteer did not turn up) or
  'cancelled' (called off in advance).
* ``hours_logged`` (DECIMAL(4,2)): hours worked; set only for completed shifts, NULL
  otherwise.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 9, 30)

_FIRST_NAMES = [
    "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Charlie", "Grace",
    "Thomas", "Emily", "Arthur", "Freya", "William", "Sophie", "James", "Poppy", "Henry", "Ruby",
    "Aarav", "Priya", "Mohammed", "Fatima", "Kwame", "Ngozi", "Liam", "Siobhan", "Callum",
    "Eilidh", "Rhys", "Carys", "Daniel", "Hannah", "Samuel", "Chloe", "Yusuf", "Zara", "Tom",
    "Margaret", "David", "Susan", "Peter", "Helen", "Alan", "Janet", "Ian", "Linda",
]  # fmt: skip
_SURNAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Khan", "Ahmed", "Campbell", "Murray", "Hughes", "Edwards",
    "Lewis", "Singh", "Okoye", "Mensah", "Price", "Moore", "Baker", "Harris", "Morgan",
    "Cooper", "Ward", "Turner", "Shaw", "Fraser", "MacDonald", "Begum", "Ali", "Reid", "Kelly",
]  # fmt: skip
_ORG_PREFIX = [
    "Halden", "Northgate", "Riverside", "Ashcombe", "Kingsley", "Meridian", "Oakfield",
    "Sterling", "Harbour", "Willow", "Pennine", "Thames", "Brook", "Highfield", "Lanyon",
    "Carver", "Greystone", "Elmstead", "Foxley", "Marsden",
]  # fmt: skip
_ORG_SUFFIX = [
    "Foundation", "Ltd", "Trust", "plc", "Primary School", "Rotary Club", "Parish Church",
    "Solicitors LLP", "Building Society", "Engineering Ltd",
]  # fmt: skip
_CITIES = {
    "London": 30, "Manchester": 10, "Birmingham": 9, "Bristol": 8, "Leeds": 7, "Liverpool": 6,
    "Glasgow": 6, "Edinburgh": 6, "Cardiff": 5, "Sheffield": 5, "Nottingham": 4,
    "Brighton": 4, "Norwich": 2, "Exeter": 2, "York": 2,
}  # fmt: skip
_MANAGERS = ["Rachel Odum", "Simon Blake", "Nadia Hussain", "Gareth Lloyd"]

_CAMPAIGNS = [
    # name, channel, start, end, goal, cost, manager index
    ("Winter Appeal 2023", "mail", "2023-01-09", "2023-03-31", 40000, 6200, 0),
    ("Spring Online Drive 2023", "web", "2023-03-01", "2023-05-31", 15000, 2400, 2),
    ("Summer Gala 2023", "event", "2023-06-01", "2023-07-15", 60000, 18500, 1),
    ("Autumn Letter Appeal 2023", "mail", "2023-09-01", "2023-11-30", 35000, 5800, 0),
    ("Giving Tuesday 2023", "web", "2023-11-20", "2023-12-05", 10000, 900, 2),
    ("Christmas Appeal 2023", "mail", "2023-12-01", "2024-01-31", 50000, 7400, 0),
    ("Spring Online Drive 2024", "web", "2024-03-01", "2024-05-31", 15000, 2600, 2),
    ("Fun Run 2024", "event", "2024-04-01", "2024-05-31", 25000, 9800, 3),
    ("Summer Gala 2024", "event", "2024-06-01", "2024-07-20", 60000, 21000, 1),
    ("Emergency Flood Appeal", "web", "2024-08-12", "2024-09-30", None, 1500, 2),
    ("Autumn Letter Appeal 2024", "mail", "2024-09-01", "2024-11-30", 35000, 6100, 0),
    ("Christmas Appeal 2024", "mail", "2024-12-01", "2025-01-31", 55000, 7900, 0),
    ("Quiz Night Series 2025", "event", "2025-02-01", "2025-06-30", 8000, 2200, 3),
    ("Spring Online Drive 2025", "web", "2025-03-01", "2025-05-31", 18000, 3100, 2),
    ("Summer Gala 2025", "event", "2025-06-01", "2025-07-19", 65000, 23500, 1),
    ("Monthly Giving Programme", "web", "2023-01-01", None, None, 4800, 3),
    ("Autumn Letter Appeal 2025", "mail", "2025-09-01", "2025-11-30", 38000, 6400, 0),
    ("Winter Appeal 2025", "mail", "2025-11-01", "2026-01-31", 45000, 3000, 0),
]
_MONTHLY = 16  # campaign_id of the Monthly Giving Programme

_EVENTS = [
    # name, type, campaign_id, date, city, price, capacity, status
    ("Winter Quiz Night", "quiz_night", None, "2023-02-17", "London", 10, 80, "held"),
    ("Bristol Bake Sale", "bake_sale", None, "2023-04-15", "Bristol", 0, None, "held"),
    ("Summer Gala Auction Preview", "gala", 3, "2023-06-22", "London", 0, 120, "held"),
    ("Summer Gala Dinner 2023", "gala", 3, "2023-07-08", "London", 95, 250, "held"),
    ("Leeds Charity Quiz", "quiz_night", None, "2023-10-13", "Leeds", 8, 60, "held"),
    ("Christmas Carol Concert 2023", "concert", 6, "2023-12-14", "Manchester", 15, 200, "held"),
    ("Supporter Webinar: Our Impact", "webinar", None, "2024-02-28", None, 0, None, "held"),
    ("Glasgow Ceilidh", "concert", None, "2024-03-22", "Glasgow", 12, 150, "held"),
    ("Spring Fun Run 2024 - London", "fun_run", 8, "2024-05-12", "London", 25, 400, "held"),
    ("Spring Fun Run 2024 - Manchester", "fun_run", 8, "2024-05-19", "Manchester", 25, 250, "held"),
    ("Summer Gala Dinner 2024", "gala", 9, "2024-07-13", "London", 110, 260, "held"),
    ("Flood Appeal Briefing", "webinar", 10, "2024-08-29", None, 0, None, "held"),
    ("Autumn Quiz Night 2024", "quiz_night", None, "2024-10-18", "Birmingham", 10, 80, "held"),
    ("Cardiff Coffee Morning", "bake_sale", None, "2024-11-09", "Cardiff", 0, 40, "held"),
    ("Christmas Carol Concert 2024", "concert", 12, "2024-12-12", "Manchester", 15, 200, "held"),
    ("Quiz Night: February 2025", "quiz_night", 13, "2025-02-21", "London", 10, 80, "held"),
    ("Quiz Night: March 2025", "quiz_night", 13, "2025-03-21", "Bristol", 10, 80, "held"),
    ("Quiz Night: April 2025", "quiz_night", 13, "2025-04-25", "Leeds", 10, 80, "cancelled"),
    ("Quiz Night: May 2025", "quiz_night", 13, "2025-05-23", "London", 10, 80, "held"),
    ("Summer Gala Dinner 2025", "gala", 15, "2025-07-12", "London", 120, 280, "held"),
    ("Edinburgh Fringe Fundraiser", "concert", None, "2025-08-16", "Edinburgh", 18, 120, "held"),
    ("York Summer Bake Sale", "bake_sale", None, "2025-08-30", "York", 0, None, "held"),
    ("Supporter Webinar: Annual Review", "webinar", None, "2025-09-10", None, 0, None, "held"),
    ("Autumn Fun Run 2025", "fun_run", 17, "2025-10-12", "London", 30, 500, "scheduled"),
    ("Autumn Quiz Night 2025", "quiz_night", None, "2025-10-24", "Birmingham", 12, 80, "scheduled"),
    (
        "Christmas Carol Concert 2025",
        "concert",
        18,
        "2025-12-11",
        "Manchester",
        18,
        200,
        "scheduled",
    ),
]
_EMPTY_EVENTS = {"Cardiff Coffee Morning", "York Summer Bake Sale", "Autumn Quiz Night 2025"}
_SOLD_OUT = {"Summer Gala Dinner 2024", "Quiz Night: May 2025"}

_DDL = """
CREATE TABLE donors (
    donor_id INTEGER PRIMARY KEY,
    donor_type VARCHAR NOT NULL,
    first_name VARCHAR,
    last_name VARCHAR,
    org_name VARCHAR,
    email_address VARCHAR,
    city VARCHAR,
    birth_date DATE,
    donor_registered_on DATE NOT NULL,
    email_opt_in BOOLEAN NOT NULL,
    gift_aid_declaration BOOLEAN NOT NULL
);
CREATE TABLE campaigns (
    campaign_id INTEGER PRIMARY KEY,
    campaign_name VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    campaign_start_date DATE NOT NULL,
    campaign_end_date DATE,
    campaign_goal_amount DECIMAL(10, 2),
    campaign_cost_amount DECIMAL(10, 2) NOT NULL,
    campaign_manager VARCHAR NOT NULL
);
CREATE TABLE recurring_gift_plans (
    plan_id INTEGER PRIMARY KEY,
    donor_id INTEGER NOT NULL REFERENCES donors (donor_id),
    monthly_amount DECIMAL(8, 2) NOT NULL,
    collection_day INTEGER NOT NULL,
    plan_started_on DATE NOT NULL,
    plan_cancelled_on DATE,
    cancellation_reason VARCHAR
);
CREATE TABLE donations (
    donation_id INTEGER PRIMARY KEY,
    donor_id INTEGER NOT NULL REFERENCES donors (donor_id),
    campaign_id INTEGER REFERENCES campaigns (campaign_id),
    recurring_plan_id INTEGER REFERENCES recurring_gift_plans (plan_id),
    donation_amount DECIMAL(10, 2) NOT NULL,
    donation_received_at TIMESTAMP NOT NULL,
    payment_method VARCHAR NOT NULL,
    is_recurring BOOLEAN NOT NULL,
    gift_aid_eligible BOOLEAN NOT NULL,
    anonymous BOOLEAN NOT NULL,
    status VARCHAR NOT NULL
);
CREATE TABLE events (
    event_id INTEGER PRIMARY KEY,
    event_name VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    campaign_id INTEGER REFERENCES campaigns (campaign_id),
    event_date DATE NOT NULL,
    venue_city VARCHAR,
    ticket_price DECIMAL(6, 2) NOT NULL,
    capacity INTEGER,
    event_status VARCHAR NOT NULL
);
CREATE TABLE event_attendees (
    registration_id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (event_id),
    donor_id INTEGER NOT NULL REFERENCES donors (donor_id),
    registered_on DATE NOT NULL,
    tickets_bought INTEGER NOT NULL,
    amount_paid DECIMAL(8, 2) NOT NULL,
    checked_in BOOLEAN
);
CREATE TABLE volunteers (
    volunteer_id INTEGER PRIMARY KEY,
    first_name VARCHAR NOT NULL,
    last_name VARCHAR NOT NULL,
    donor_id INTEGER REFERENCES donors (donor_id),
    home_city VARCHAR NOT NULL,
    volunteer_started_on DATE NOT NULL,
    background_check_passed BOOLEAN,
    is_active BOOLEAN NOT NULL
);
CREATE TABLE volunteer_shifts (
    shift_id INTEGER PRIMARY KEY,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers (volunteer_id),
    event_id INTEGER REFERENCES events (event_id),
    shift_date DATE NOT NULL,
    activity VARCHAR NOT NULL,
    shift_status VARCHAR NOT NULL,
    hours_logged DECIMAL(4, 2)
);
COMMENT ON COLUMN donors.org_name IS
    'Organisation name; NULL for individual donors (use first_name/last_name instead)';
COMMENT ON COLUMN donations.status IS
    'completed, refunded, failed or pending; only completed gifts count as money raised';
COMMENT ON COLUMN donations.gift_aid_eligible IS
    'Gift Aid reclaimable (adds 25 percent of the amount for completed gifts)';
COMMENT ON COLUMN campaigns.campaign_end_date IS
    'Last day of the campaign (inclusive); NULL = open-ended';
COMMENT ON COLUMN volunteer_shifts.hours_logged IS
    'Hours worked; NULL unless shift_status = completed';
"""

_DROP_ORDER = [
    "volunteer_shifts",
    "volunteers",
    "event_attendees",
    "events",
    "donations",
    "recurring_gift_plans",
    "campaigns",
    "donors",
]


def _d(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _rand_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert full rows (values in the table's column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    prefix = f"INSERT INTO {table} VALUES "
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(prefix + ", ".join(marks for _ in chunk), params)


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the charity tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)
    cities = list(_CITIES)
    city_w = list(_CITIES.values())

    # ------------------------------------------------------------------ donors
    donors: list[tuple] = []
    info: dict[int, dict[str, Any]] = {}
    combos = [(f, s) for f in _FIRST_NAMES for s in _SURNAMES if (f, s) != ("James", "Smith")]
    names = [*rng.sample(combos, 878), ("James", "Smith"), ("James", "Smith")]
    rng.shuffle(names)
    orgs = rng.sample([f"{p} {s}" for p in _ORG_PREFIX for s in _ORG_SUFFIX], 112)
    kinds = ["individual"] * len(names) + ["organisation"] * len(orgs)
    rng.shuffle(kinds)
    ni = no = 0
    for donor_id, kind in enumerate(kinds, start=1):
        if rng.random() < 0.4:
            reg = _rand_day(rng, dt.date(2015, 1, 1), dt.date(2022, 12, 31))
        else:
            reg = _rand_day(rng, FIRST_DAY, dt.date(2025, 9, 28))
        city = None if rng.random() < 0.05 else rng.choices(cities, city_w)[0]
        if kind == "individual":
            first, last = names[ni]
            ni += 1
            org = None
            email = None if rng.random() < 0.15 else f"{first}.{last}{donor_id}@example.com".lower()
            birth = None
            if rng.random() < 0.7:
                birth = dt.date(rng.randint(1938, 2005), rng.randint(1, 12), rng.randint(1, 28))
            gift_aid = rng.random() < 0.6
        else:
            first = last = None
            org = orgs[no]
            no += 1
            slug = org.lower().replace(" ", "")
            email = None if rng.random() < 0.1 else f"info@{slug}.org.uk"
            birth = None
            gift_aid = False
        opt_in = email is not None and rng.random() < 0.55
        donors.append((donor_id, kind, first, last, org, email, city, birth, reg, opt_in, gift_aid))
        info[donor_id] = {"kind": kind, "reg": reg, "city": city, "gift_aid": gift_aid}
    _insert(con, "donors", donors)

    # ------------------------------------------------------------------ campaigns
    campaigns = []
    camp_info = {}
    camp_weight = {}
    for cid, (name, channel, start, end, goal, cost, mgr) in enumerate(_CAMPAIGNS, start=1):
        campaigns.append((cid, name, channel, _d(start), _d(end), goal, cost, _MANAGERS[mgr]))
        camp_info[cid] = (channel, _d(start), _d(end))
        if end is not None:  # assignment weight ~ target per campaign day
            camp_weight[cid] = (goal or 20000) / ((_d(end) - _d(start)).days + 1)
    _insert(con, "campaigns", campaigns)

    # ------------------------------------------------------------------ one-off donations
    gifts: list[tuple] = []  # rows without donation_id, sorted later

    def add_gift(donor: int, camp: int | None, plan: int | None, amount: float,
                 when: dt.datetime, method: str, recurring: bool, anon: bool,
                 status: str) -> None:  # fmt: skip
        eligible = info[donor]["kind"] == "individual" and info[donor]["gift_aid"] and not anon
        gifts.append(
            (donor, camp, plan, round(amount, 2), when, method, recurring, eligible, anon, status)
        )

    small = [5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 250, 500, 1000]
    small_w = [6, 14, 4, 14, 12, 5, 3, 14, 3, 9, 2, 3, 2, 1.5, 0.5]
    major = [500, 1000, 1500, 2500, 5000, 10000]
    org_amounts = [250, 500, 1000, 1500, 2000, 2500, 5000, 10000, 25000]
    org_w = [10, 16, 18, 8, 8, 10, 8, 4, 1]
    tier_of: dict[int, str] = {}
    for donor_id, d in info.items():
        if d["kind"] == "organisation":
            tier = rng.choices(["none", "light", "regular"], [15, 55, 30])[0]
        else:
            tier = rng.choices(["none", "light", "regular", "major"], [13, 55, 26, 6])[0]
        tier_of[donor_id] = tier
        start = max(d["reg"], FIRST_DAY)
        years = (LAST_DAY - start).days / 365
        count = {"none": 0, "light": rng.randint(1, 2),
                 "regular": max(1, round(rng.uniform(1.2, 3.5) * years)),
                 "major": max(1, round(rng.uniform(1.5, 5) * years))}[tier]  # fmt: skip
        for _ in range(count):
            day = _rand_day(rng, start, LAST_DAY)
            active = [
                cid
                for cid, (_ch, cs, ce) in camp_info.items()
                if cid != _MONTHLY and cs <= day and (ce is None or day <= ce)
            ]
            camp = None
            if active and rng.random() < 0.75:
                camp = rng.choices(active, [camp_weight[c] for c in active])[0]
            channel = camp_info[camp][0] if camp else None
            if d["kind"] == "organisation":
                method = rng.choices(["bank_transfer", "cheque"], [70, 30])[0]
                amount = float(rng.choices(org_amounts, org_w)[0])
            else:
                method = {
                    "mail": rng.choices(["cheque", "card", "bank_transfer"], [45, 35, 20])[0],
                    "web": rng.choices(["card", "bank_transfer"], [90, 10])[0],
                    "event": rng.choices(["cash", "card"], [50, 50])[0],
                    None: rng.choices(["card", "bank_transfer", "cheque"], [60, 25, 15])[0],
                }[channel]
                if tier == "major" and rng.random() < 0.6:
                    amount = float(rng.choice(major))
                elif rng.random() < 0.15:
                    amount = round(rng.uniform(3, 300), 2)
                else:
                    amount = float(rng.choices(small, small_w)[0])
            if method == "cash":
                amount = min(amount, 200.0)
            if method in ("cheque", "bank_transfer", "cash"):
                hour = rng.randint(9, 16)
            else:
                hour = rng.choices(range(24), [1] * 7 + [3] * 12 + [5] * 5)[0]
            when = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)))
            status = "completed"
            roll = rng.random()
            if (LAST_DAY - day).days <= 6 and method in ("cheque", "bank_transfer"):
                status = "pending" if roll < 0.6 else "completed"
            elif method == "card" and roll < 0.04:
                status = "failed"
            elif roll > 0.975:
                status = "refunded"
            anon = rng.random() < 0.06
            add_gift(donor_id, camp, None, amount, when, method, False, anon, status)

    # Boundary gifts that make careless date/amount filters wrong.
    individuals = [k for k, v in info.items() if v["kind"] == "individual" and v["reg"] < FIRST_DAY]
    edge = [
        (dt.datetime(2025, 3, 1, 0, 0, 0), 100.0, 14),
        (dt.datetime(2025, 5, 31, 23, 58, 10), 250.0, 14),
        (dt.datetime(2025, 6, 1, 0, 0, 5), 50.0, None),
        (dt.datetime(2024, 12, 31, 23, 59, 30), 500.0, 12),
        (dt.datetime(2025, 1, 1, 0, 0, 20), 500.0, 12),
        (dt.datetime(2025, 8, 31, 23, 45, 0), 75.0, None),
        (dt.datetime(2025, 9, 30, 22, 15, 0), 40.0, 17),
    ]
    for when, amount, camp in edge:
        add_gift(rng.choice(individuals), camp, None, amount, when, "card", False, False,
                 "completed")  # fmt: skip

    # ------------------------------------------------------------------ recurring plans
    plans: list[tuple] = []
    pool = [k for k, v in info.items() if v["kind"] == "individual" and tier_of[k] != "none"]
    planners = rng.sample(pool, 190)
    reasons = ["financial", "moved abroad", "supporting another charity",
               "unhappy with contact", "other"]  # fmt: skip
    restarters = set(planners[:6])
    for donor_id in planners:
        starts = [_rand_day(rng, max(info[donor_id]["reg"], FIRST_DAY), dt.date(2025, 9, 20))]
        if donor_id in restarters:
            starts = [_rand_day(rng, max(info[donor_id]["reg"], FIRST_DAY), dt.date(2023, 6, 30))]
        for n, start in enumerate(starts):
            amount = float(rng.choices([5, 8, 10, 12, 15, 20, 25, 30, 50],
                                       [12, 4, 25, 5, 14, 16, 10, 6, 4])[0])  # fmt: skip
            cancelled = None
            first_of_two = donor_id in restarters and n == 0
            if first_of_two:
                cancelled = start + dt.timedelta(days=rng.randint(90, 420))
            elif donor_id not in restarters and rng.random() < 0.33:
                latest = (LAST_DAY - start).days
                if latest > 45:
                    cancelled = start + dt.timedelta(days=rng.randint(40, latest))
            reason = None
            if cancelled is not None and rng.random() < 0.8:
                reason = rng.choices(reasons, [35, 10, 15, 10, 30])[0]
            plan_id = len(plans) + 1
            cday = rng.choice([1, 1, 5, 10, 15, 15, 20, 25, 28])
            plans.append((plan_id, donor_id, amount, cday, start, cancelled, reason))
            if first_of_two:
                starts.append(cancelled + dt.timedelta(days=rng.randint(60, 300)))
    _insert(con, "recurring_gift_plans", plans)
    for plan_id, donor_id, amount, cday, start, cancelled, _reason in plans:
        month = start.replace(day=1)
        stop = cancelled if cancelled is not None else LAST_DAY + dt.timedelta(days=1)
        while True:
            day = month.replace(day=cday)
            month = _add_months(month, 1)
            if day < start:
                continue
            if day >= stop or day > LAST_DAY:
                break
            roll = rng.random()
            status = "completed"
            if (LAST_DAY - day).days < 3:
                status = "pending"
            elif roll < 0.04:
                status = "failed"
            elif roll > 0.993:
                status = "refunded"
            when = dt.datetime.combine(day, dt.time(6, rng.randint(0, 59), rng.randint(0, 59)))
            add_gift(donor_id, _MONTHLY, plan_id, amount, when, "direct_debit", True, False,
                     status)  # fmt: skip

    gifts.sort(key=lambda row: (row[4], row[0]))
    _insert(con, "donations", [(i, *row) for i, row in enumerate(gifts, start=1)])

    # ------------------------------------------------------------------ events + attendees
    events = []
    attendees: list[tuple] = []
    for eid, (name, etype, camp, date, city, price, cap, status) in enumerate(_EVENTS, start=1):
        day = _d(date)
        events.append((eid, name, etype, camp, day, city, price, cap, status))
        if status == "cancelled" or name in _EMPTY_EVENTS:
            continue
        if cap is None:
            target = rng.randint(40, 140)
        elif name in _SOLD_OUT:
            target = cap
        else:
            target = int(cap * rng.uniform(0.45, 0.93))
        eligible = [k for k, v in info.items() if v["reg"] < day]
        local = [k for k in eligible if info[k]["city"] == city]
        chosen: set[int] = set()
        sold = 0
        while sold < target:
            src = local if local and rng.random() < 0.7 else eligible
            donor_id = rng.choice(src)
            if donor_id in chosen:
                continue
            chosen.add(donor_id)
            max_t = {"gala": 4, "fun_run": 2, "quiz_night": 6, "concert": 4}.get(etype, 3)
            tickets = min(rng.randint(1, max_t), target - sold)
            sold += tickets
            latest = min(day - dt.timedelta(days=1), LAST_DAY)
            reg_on = _rand_day(rng, max(latest - dt.timedelta(days=75), info[donor_id]["reg"]),
                               latest)  # fmt: skip
            paid = 0.0 if rng.random() < 0.05 else tickets * price
            checked = None if status == "scheduled" else rng.random() < 0.88
            attendees.append((eid, donor_id, reg_on, tickets, paid, checked))
    _insert(con, "events", events)
    _insert(con, "event_attendees", [(i, *row) for i, row in enumerate(attendees, start=1)])

    # ------------------------------------------------------------------ volunteers
    volunteers = []
    donor_people = [row for row in donors if row[1] == "individual" and row[6] is not None]
    linked = rng.sample(donor_people, 62)
    used = {(row[2], row[3]) for row in donors if row[1] == "individual"}
    for vid in range(1, 161):
        if vid <= len(linked):
            row = linked[vid - 1]
            first, last, donor_id, city = row[2], row[3], row[0], row[6]
        else:
            while True:
                first, last = rng.choice(_FIRST_NAMES), rng.choice(_SURNAMES)
                if (first, last) not in used:
                    break
            used.add((first, last))
            donor_id, city = None, rng.choices(cities, city_w)[0]
        started = _rand_day(rng, dt.date(2018, 1, 1), dt.date(2025, 9, 25))
        check = rng.choices([True, False, None], [72, 4, 24])[0]
        active = rng.random() > 0.2
        volunteers.append((vid, first, last, donor_id, city, started, check, active))
    rng.shuffle(volunteers)
    volunteers = [(i, *row[1:]) for i, row in enumerate(volunteers, start=1)]
    vol_info = {i: (row[5], row[7]) for i, row in enumerate(volunteers, start=1)}
    _insert(con, "volunteers", volunteers)

    # ------------------------------------------------------------------ shifts
    held = [(row[0], row[4]) for row in events if row[8] == "held"]
    shifts: list[tuple] = []
    hours_range = {"event_support": (6, 20), "charity_shop": (6, 15), "office": (4, 12),
                   "street_collection": (3, 8), "driving": (2, 10)}  # fmt: skip
    for vid, (started, active) in vol_info.items():
        if rng.random() < 0.09:
            continue  # never did a shift
        begin = max(started, FIRST_DAY)
        end = LAST_DAY if active else _rand_day(rng, begin, LAST_DAY)
        if begin > LAST_DAY - dt.timedelta(days=3):
            continue
        n = min(90, int(rng.paretovariate(1.3) * 4))
        for _ in range(n):
            activity = rng.choices(list(hours_range), [15, 40, 20, 15, 10])[0]
            event_id = None
            if activity == "event_support":
                options = [(e, d) for e, d in held if begin <= d <= end]
                if not options:
                    activity = "charity_shop"
                else:
                    event_id, day = rng.choice(options)
            if event_id is None:
                day = _rand_day(rng, begin, end)
            status = rng.choices(["completed", "no_show", "cancelled"], [88, 5, 7])[0]
            low, high = hours_range[activity]
            hours = rng.randint(low, high) / 2 if status == "completed" else None
            shifts.append((vid, event_id, day, activity, status, hours))
    shifts.sort(key=lambda row: (row[2], row[0]))
    _insert(con, "volunteer_shifts", [(i, *row) for i, row in enumerate(shifts, start=1)])

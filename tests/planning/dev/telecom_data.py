"""Mobile telecom operator test database (DuckDB, ``main`` schema).

Northwave Mobile is a mobile network operator in Ireland selling monthly (postpaid) plans
to consumers and to business customers. A subscriber is an account holder (a person or a
company); each subscriber has one or more SIM lines, each line is on one tariff plan, the
subscriber receives one bill per calendar month, and the operator keeps daily usage totals
per line, number-porting requests and support contacts.

The data covers the period from 2024-10-01 up to and including **2025-09-30**, which is the
last day of the data ("today" for every question: "this year" is 2025, "last month" is
August 2025, "this month" is September 2025). Older facts (sign-up and activation days,
tariff launch days) can predate the period. Exceptions to the period:

* bills exist for the usage months October 2024 to August 2025; the September 2025 bill has
  not been issued yet;
* daily usage (``usage_days``) is only retained from **2025-08-01** to 2025-09-30;
* ``ports`` only holds requests made on or after 2024-10-01.

Units: money is in euro **cents** as integers (1999 = EUR 19.99), data volumes in
megabytes (MB, 1 GB = 1024 MB), durations in seconds. Columns named ``*_time`` are
TIMESTAMPs (local time), columns named ``*_day`` are DATEs. Yes/no facts are SMALLINT flags
holding 1 (yes) or 0 (no).

Tables
------

``tariffs`` -- one row per tariff plan (price plan) the operator sells or has sold.

* ``tariff_id`` (INTEGER, primary key): tariff identifier.
* ``tariff_name`` (VARCHAR): marketing name, e.g. 'Unlimited Max'. Unique.
* ``segment`` (VARCHAR): 'consumer' or 'business' -- which kind of subscriber may buy it.
* ``fee_cents`` (INTEGER): monthly fee (recurring charge) in euro cents per line.
* ``data_mb`` (INTEGER): monthly data allowance in MB; NULL means unlimited data.
* ``voice_sec`` (INTEGER): monthly domestic call allowance in seconds; NULL means unlimited
  calls; 0 means a data-only plan (no calls possible: tablets, routers, trackers).
* ``roaming_included`` (SMALLINT): 1 if use in the EU is included in the allowance at no
  extra charge ("roam like at home"), 0 if roaming is charged separately.
* ``contract_months`` (INTEGER): minimum commitment in months; 0 means no contract
  (SIM-only, cancel any time).
* ``launched_day`` (DATE): first day the tariff could be sold.
* ``retired_day`` (DATE): last day the tariff could be sold to new lines; NULL means it is
  still on sale. Lines already on a retired tariff keep it. Two tariffs have never had any
  line (one retired long ago, one launched in mid-September 2025).

``subscribers`` -- one row per account holder (customer).

* ``subscriber_id`` (INTEGER, primary key): account number.
* ``full_name`` (VARCHAR): person's name ("Aoife Byrne") or, for business accounts, the
  company name ("Harbour Logistics Ltd"). Unique.
* ``business`` (SMALLINT): 1 for a business (company) account, 0 for a consumer.
* ``city`` (VARCHAR): billing address city: 'Dublin', 'Cork', 'Galway', 'Limerick',
  'Waterford', 'Kilkenny' or 'Sligo'.
* ``birth_year`` (INTEGER): account holder's year of birth; always NULL for business
  accounts, and NULL for some consumers who did not give it.
* ``email`` (VARCHAR): contact e-mail; NULL when none is on file.
* ``signup_channel`` (VARCHAR): where the account was opened: 'online', 'store',
  'telesales' or 'partner' (a reseller).
* ``signup_day`` (DATE): day the account was opened (= activation day of its first line).
* ``status`` (VARCHAR): 'active'; 'suspended' (service barred for non-payment, lines still
  exist and bills keep being issued); or 'closed' (the customer left, all lines terminated).
* ``closed_day`` (DATE): day the account was closed (the last line's deactivation day);
  NULL unless ``status`` = 'closed'. A few accounts were closed before 2024-10-01.

``lines`` -- one row per SIM line (mobile number / subscription).

* ``line_id`` (INTEGER, primary key): line identifier.
* ``subscriber_id`` (INTEGER, foreign key to ``subscribers``): owning account.
* ``tariff_id`` (INTEGER, foreign key to ``tariffs``): tariff plan of the line (a line
  keeps its tariff for its whole life).
* ``msisdn`` (VARCHAR): the mobile number, formatted like '087 123 4567'. Unique.
* ``device`` (VARCHAR): device the SIM is used in: 'phone', 'tablet', 'router' (mobile
  broadband), 'watch' (smartwatch) or 'tracker' (IoT GPS tracker).
* ``sim_type`` (VARCHAR): 'physical' (plastic SIM card) or 'esim'.
* ``roaming_enabled`` (SMALLINT): 1 if the line may be used abroad, 0 if roaming is barred
  on the line (such lines never have roaming usage).
* ``activated_day`` (DATE): day the line went live.
* ``deactivated_day`` (DATE): day the line was terminated (last day of service); NULL means
  the line is still in service today.
* ``status`` (VARCHAR): 'active', 'suspended' (barred because the account is suspended; no
  usage while suspended, still billed) or 'terminated' (``deactivated_day`` is set).

``bills`` -- one row per monthly bill (invoice) to a subscriber. A subscriber gets a bill
for every usage month in which at least one of its lines was in service for at least one
day. The bill for a month is issued on the 5th of the following month and is due by the
last day of that following month.

* ``bill_id`` (INTEGER, primary key): bill (invoice) number.
* ``subscriber_id`` (INTEGER, foreign key to ``subscribers``): billed account.
* ``period_day`` (DATE): first day of the usage month the bill covers (2025-03-01 for the
  March 2025 bill).
* ``issued_day`` (DATE): day the bill was issued (normally the 5th of the next month;
  re-issued bills a few days later).
* ``due_day`` (DATE): payment due date.
* ``amount_cents`` (INTEGER): bill total in euro cents, equal to the sum of its items
  (discounts are negative items).
* ``paid_day`` (DATE): day the payment was received; NULL while unpaid. A bill paid after
  its ``due_day`` was paid late.
* ``status`` (VARCHAR): 'paid'; 'open' (unpaid, not yet due); 'overdue' (unpaid and past
  its due day); or 'void' (issued with an error and cancelled; a corrected bill for the
  same subscriber and month was issued a few days later). Void bills, their amounts and
  their items must be ignored in any revenue, billing or payment figure. There is at most
  one non-void bill per subscriber and month.

``bill_items`` -- one row per charge or credit on a bill.

* ``item_id`` (INTEGER, primary key): item identifier.
* ``bill_id`` (INTEGER, foreign key to ``bills``): bill the item is on.
* ``line_id`` (INTEGER, foreign key to ``lines``): line the charge is for; NULL for
  account-level items (discounts and late fees).
* ``item_type`` (VARCHAR): 'plan_fee' (the monthly tariff fee of a line, charged in full
  for every month the line was in service on at least one day), 'device_installment'
  (monthly handset repayment), 'data_overage' (extra data beyond the allowance),
  'roaming' (charged use abroad), 'discount' (a credit; negative amount) or 'late_fee'
  (750 cents, charged when the previous month's bill was paid late or not at all by its
  due day).
* ``amount_cents`` (INTEGER): amount in euro cents; negative only for 'discount'.

``usage_days`` -- one row per line per day on which the line used the network (days with
no usage have no row). Retained only from 2025-08-01 to 2025-09-30.

* ``line_id`` (INTEGER, foreign key to ``lines``; primary key with ``usage_day``).
* ``usage_day`` (DATE): the day.
* ``calls`` (INTEGER): number of outgoing calls made.
* ``voice_sec`` (INTEGER): total outgoing call duration in seconds.
* ``sms`` (INTEGER): number of text messages sent.
* ``data_mb`` (INTEGER): mobile data used in MB (download plus upload).
* ``roaming`` (SMALLINT): 1 if the line was abroad that day (all the day's usage was
  abroad), 0 if at home in Ireland.
* ``country_code`` (VARCHAR): ISO code of the visited country ('ES', 'FR', 'IT', 'PT',
  'GB', 'DE', 'US', 'TR' or 'CH') when ``roaming`` = 1; NULL when ``roaming`` = 0.

``ports`` -- one row per number-porting request made on or after 2024-10-01. A port-in
brings a customer's existing number from another operator to Northwave (a new customer
won from a competitor); a port-out moves one of our numbers to a competitor (churn).

* ``port_id`` (INTEGER, primary key): request identifier.
* ``line_id`` (INTEGER, foreign key to ``lines``): the Northwave line concerned (for a
  port-in, the line that received the number; when a port-in failed the line was activated
  with a new number instead).
* ``direction`` (VARCHAR): 'in' or 'out'.
* ``other_operator`` (VARCHAR): the competitor: the operator the number came from (port-in)
  or went to (port-out): 'Vodafone', 'Three', 'Eir', 'Tesco Mobile', 'Virgin Mobile' or
  'Lyca Mobile'.
* ``request_time`` (TIMESTAMP): when the request was received.
* ``completed_time`` (TIMESTAMP): when the number actually moved; NULL unless ``status`` =
  'completed'. A completed port-out is the line's ``deactivated_day``; a completed port-in
  is the line's ``activated_day``.
* ``status`` (VARCHAR): 'completed', 'pending' (still in progress today), 'rejected' (refused,
  e.g. wrong account details) or 'cancelled' (withdrawn by the customer, for a port-out
  typically after a retention offer).
* ``reason`` (VARCHAR): port-outs only: reason the customer gave for leaving: 'price',
  'coverage', 'service', 'moving_abroad' or 'other'; NULL for port-ins and when no reason
  was given.

``contacts`` -- one row per customer-support interaction.

* ``contact_id`` (INTEGER, primary key): interaction identifier.
* ``subscriber_id`` (INTEGER, foreign key to ``subscribers``): customer who got in touch.
* ``line_id`` (INTEGER, foreign key to ``lines``): line the contact was about; NULL when it
  concerned the account as a whole.
* ``contact_time`` (TIMESTAMP): when the interaction started.
* ``channel`` (VARCHAR): 'phone' (call centre), 'chat' (web/app chat), 'store' (visit to a
  shop) or 'email'.
* ``reason`` (VARCHAR): 'billing', 'network' (coverage / outage / speed), 'roaming',
  'device', 'plan_change', 'porting' or 'other'.
* ``agent`` (VARCHAR): name of the staff member who handled it; NULL when the chat bot
  handled a chat without a human.
* ``handle_sec`` (INTEGER): handling time in seconds; NULL for e-mails (not measured).
* ``resolved`` (SMALLINT): 1 if the issue was resolved in this interaction (first-contact
  resolution), 0 if not.
* ``csat`` (INTEGER): customer satisfaction survey score from 1 (very unhappy) to 5 (very
  happy); NULL when the customer did not answer the survey.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 10, 1)
LAST_DAY = dt.date(2025, 9, 30)
USAGE_FROM = dt.date(2025, 8, 1)
LATE_FEE = 750

_D = dt.date
_TARIFFS = [
    # name, segment, fee_cents, data_mb, voice_sec, roaming_included, contract, launched, retired
    ("Pay Monthly 5GB", "consumer", 1500, 5120, 18000, 0, 0, _D(2019, 3, 1), _D(2024, 12, 31)),
    ("Pay Monthly 15GB", "consumer", 2000, 15360, None, 1, 12, _D(2019, 3, 1), None),
    ("Unlimited", "consumer", 3500, None, None, 1, 24, _D(2021, 6, 1), None),
    ("Unlimited Max", "consumer", 4500, None, None, 1, 24, _D(2023, 4, 1), None),
    ("Basic 1GB", "consumer", 800, 1024, 6000, 0, 0, _D(2018, 1, 15), None),
    ("Youth 30GB", "consumer", 1800, 30720, None, 1, 12, _D(2022, 9, 1), None),
    ("Data SIM 50GB", "consumer", 2500, 51200, 0, 1, 12, _D(2018, 1, 15), None),
    ("Senior Talk", "consumer", 1000, 2048, None, 0, 0, _D(2020, 1, 6), None),
    ("Business Essentials", "business", 2200, 10240, None, 1, 24, _D(2019, 3, 1), None),
    ("Business Pro", "business", 3900, 51200, None, 1, 24, _D(2021, 1, 11), None),
    ("Business Unlimited", "business", 5200, None, None, 1, 24, _D(2023, 1, 9), None),
    ("Business Data 100GB", "business", 4500, 102400, 0, 1, 24, _D(2019, 3, 1), None),
    ("IoT Tracker", "business", 300, 100, 0, 0, 12, _D(2024, 3, 4), None),
    ("Legacy Classic", "consumer", 1200, 500, 12000, 0, 0, _D(2014, 5, 1), _D(2017, 6, 30)),
    ("Unlimited Lite", "consumer", 2900, None, None, 0, 12, _D(2025, 9, 15), None),
]  # fmt: skip
# device -> candidate tariff ids (1-based) and weights
_PLAN_CHOICE = {
    ("consumer", "phone"): ([1, 2, 3, 4, 5, 6, 8], [14, 26, 22, 12, 8, 9, 9]),
    ("consumer", "tablet"): ([7], [1]),
    ("consumer", "router"): ([7], [1]),
    ("consumer", "watch"): ([5], [1]),
    ("business", "phone"): ([9, 10, 11], [40, 35, 25]),
    ("business", "tablet"): ([12], [1]),
    ("business", "router"): ([12], [1]),
    ("business", "tracker"): ([13], [1]),
}

_FIRST = [
    "Aoife", "Sean", "Ciara", "Conor", "Niamh", "Darragh", "Siobhan", "Cian", "Roisin", "Eoin",
    "Sinead", "Padraig", "Orla", "Liam", "Grainne", "Fionn", "Maeve", "Oisin", "Clodagh",
    "Declan", "Emma", "Jack", "Sophie", "James", "Anna", "Tomasz", "Katarzyna", "Marco",
    "Priya", "Ahmed", "Ana", "Luca", "Mei", "Olumide", "Chloe", "Brian", "Aisling", "Ronan",
]  # fmt: skip
_SURNAMES = [
    "Murphy", "Kelly", "Byrne", "Walsh", "Ryan", "O'Brien", "O'Sullivan", "Doyle", "McCarthy",
    "Gallagher", "Kennedy", "Lynch", "Murray", "Quinn", "Moore", "McLoughlin", "Carroll",
    "Connolly", "Daly", "Brennan", "Nowak", "Kowalski", "Rossi", "Sharma", "Khan", "Silva",
    "Chen", "Adeyemi", "Fitzgerald", "Nolan", "Hughes", "Power", "Duffy", "Farrell", "Reilly",
]  # fmt: skip
_COMPANIES = [
    "Harbour Logistics Ltd", "Liffey Legal LLP", "Corrib Construction", "Shannon Foods Ltd",
    "Emerald Dental Group", "Burren Tours", "Atlantic Couriers", "Greenway Energy",
    "Kilkenny Crafts Co-op", "Clontarf Accountants", "Munster Motors", "Tara Tech Solutions",
    "Connacht Plumbing", "Blackrock Physio", "Quayside Catering", "Oakfield Nursing Home",
    "Northside Taxis", "Mizen Marine Services", "Slaney Security", "Wicklow Water Works",
    "Boyne Valley Farms", "Galway Bay Hotels", "Lee Valley Dairies", "Dalkey Design Studio",
    "Avoca Property Group", "Fastnet Freight", "Claddagh Jewellers", "Moher Media",
    "Brigid's Pharmacy", "Celtic Cleaning Services", "Tullamore Timber", "Ennis Electrical",
    "Sligo Surveyors", "Barrow Boats", "Howth Seafood Co", "Dublin Bike Couriers",
    "Carlow Crane Hire", "Suir Software", "Glendalough Events", "Skellig Labs",
]  # fmt: skip
_EXTRA_DEVICES = {
    "business": (["phone", "router", "tablet", "tracker"], [68, 10, 8, 14]),
    "consumer": (["phone", "tablet", "watch", "router"], [58, 16, 12, 14]),
}
_P_USE = {"phone": 0.62, "tablet": 0.22, "router": 0.55, "watch": 0.3, "tracker": 0.75}
_CITIES = ["Dublin", "Cork", "Galway", "Limerick", "Waterford", "Kilkenny", "Sligo"]
_CITY_W = [44, 18, 12, 10, 7, 5, 4]
_OPERATORS = ["Vodafone", "Three", "Eir", "Tesco Mobile", "Virgin Mobile", "Lyca Mobile"]
_OPERATOR_W = [34, 28, 18, 10, 6, 4]
_COUNTRIES = ["ES", "FR", "IT", "PT", "GB", "DE", "US", "TR", "CH"]
_COUNTRY_W = [26, 16, 12, 10, 14, 7, 8, 4, 3]
_AGENTS = [
    "Deirdre Nolan", "Kevin Walsh", "Lucia Ferreira", "Paul Keane", "Zofia Mazur",
    "Gary Byrne", "Helen O'Neill", "Arjun Mehta", "Sarah Doherty",
]  # fmt: skip
_OUT_REASONS = ["price", "coverage", "service", "moving_abroad", "other", None]
_REASONS = ["billing", "network", "roaming", "device", "plan_change", "porting", "other"]
_REASON_W = [31, 19, 8, 12, 13, 4, 13]

_DDL = """
CREATE TABLE tariffs (
    tariff_id INTEGER PRIMARY KEY, tariff_name VARCHAR NOT NULL UNIQUE, segment VARCHAR NOT NULL,
    fee_cents INTEGER NOT NULL, data_mb INTEGER, voice_sec INTEGER,
    roaming_included SMALLINT NOT NULL, contract_months INTEGER NOT NULL,
    launched_day DATE NOT NULL, retired_day DATE
);
CREATE TABLE subscribers (
    subscriber_id INTEGER PRIMARY KEY, full_name VARCHAR NOT NULL UNIQUE,
    business SMALLINT NOT NULL, city VARCHAR NOT NULL, birth_year INTEGER, email VARCHAR,
    signup_channel VARCHAR NOT NULL, signup_day DATE NOT NULL, status VARCHAR NOT NULL,
    closed_day DATE
);
CREATE TABLE lines (
    line_id INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (subscriber_id),
    tariff_id INTEGER NOT NULL REFERENCES tariffs (tariff_id), msisdn VARCHAR NOT NULL UNIQUE,
    device VARCHAR NOT NULL, sim_type VARCHAR NOT NULL, roaming_enabled SMALLINT NOT NULL,
    activated_day DATE NOT NULL, deactivated_day DATE, status VARCHAR NOT NULL
);
CREATE TABLE bills (
    bill_id INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (subscriber_id),
    period_day DATE NOT NULL, issued_day DATE NOT NULL, due_day DATE NOT NULL,
    amount_cents INTEGER NOT NULL, paid_day DATE, status VARCHAR NOT NULL
);
CREATE TABLE bill_items (
    item_id INTEGER PRIMARY KEY, bill_id INTEGER NOT NULL REFERENCES bills (bill_id),
    line_id INTEGER REFERENCES lines (line_id), item_type VARCHAR NOT NULL,
    amount_cents INTEGER NOT NULL
);
CREATE TABLE usage_days (
    line_id INTEGER NOT NULL REFERENCES lines (line_id), usage_day DATE NOT NULL,
    calls INTEGER NOT NULL, voice_sec INTEGER NOT NULL, sms INTEGER NOT NULL,
    data_mb INTEGER NOT NULL, roaming SMALLINT NOT NULL, country_code VARCHAR,
    PRIMARY KEY (line_id, usage_day)
);
CREATE TABLE ports (
    port_id INTEGER PRIMARY KEY, line_id INTEGER NOT NULL REFERENCES lines (line_id),
    direction VARCHAR NOT NULL, other_operator VARCHAR NOT NULL, request_time TIMESTAMP NOT NULL,
    completed_time TIMESTAMP, status VARCHAR NOT NULL, reason VARCHAR
);
CREATE TABLE contacts (
    contact_id INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (subscriber_id),
    line_id INTEGER REFERENCES lines (line_id), contact_time TIMESTAMP NOT NULL,
    channel VARCHAR NOT NULL, reason VARCHAR NOT NULL, agent VARCHAR, handle_sec INTEGER,
    resolved SMALLINT NOT NULL, csat INTEGER
);
COMMENT ON COLUMN tariffs.fee_cents IS 'Monthly recurring fee per line in euro cents';
COMMENT ON COLUMN tariffs.data_mb IS 'Monthly data allowance in MB; NULL = unlimited';
COMMENT ON COLUMN subscribers.business IS '1 = business (company) account, 0 = consumer';
COMMENT ON COLUMN lines.deactivated_day IS 'Last day of service; NULL = line still in service';
COMMENT ON COLUMN bills.period_day IS 'First day of the usage month billed';
COMMENT ON COLUMN usage_days.roaming IS '1 = usage abroad that day, 0 = at home (Ireland)';
COMMENT ON COLUMN contacts.csat IS 'Satisfaction score 1-5; NULL = survey not answered';
"""

_DROP_ORDER = [
    "contacts", "ports", "usage_days", "bill_items", "bills", "lines", "subscribers", "tariffs",
]  # fmt: skip


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def _month_end(first: dt.date) -> dt.date:
    return _add_months(first, 1) - dt.timedelta(days=1)


def _rand_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _rand_time(rng: random.Random, day: dt.date, h0: int = 8, h1: int = 21) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, rng.randint(h0, h1), rng.randint(0, 59),
                       rng.randint(0, 59))  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (values in the table's column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 300):
        chunk = rows[start : start + 300]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk),
                    [v for r in chunk for v in r])  # fmt: skip


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the telecom operator tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------------ tariffs
    tariffs = {i: spec for i, spec in enumerate(_TARIFFS, start=1)}
    _insert(con, "tariffs", [(i, *spec) for i, spec in tariffs.items()])

    def on_sale(tid: int, day: dt.date) -> bool:
        spec = tariffs[tid]
        return spec[7] <= day and (spec[8] is None or day <= spec[8])

    # -------------------------------------------------------------- subscribers
    n_consumer, n_business = 184, 36
    kinds = [0] * n_consumer + [1] * n_business
    rng.shuffle(kinds)
    used_names: set[str] = set()
    companies = list(_COMPANIES)
    rng.shuffle(companies)
    subs: list[dict] = []
    for sid, business in enumerate(kinds, start=1):
        if business:
            name = companies.pop()
        else:
            while True:
                name = f"{rng.choice(_FIRST)} {rng.choice(_SURNAMES)}"
                if name not in used_names:
                    break
        used_names.add(name)
        earliest = dt.date(2019, 3, 1) if business else dt.date(2018, 2, 1)
        if rng.random() < 0.2:
            signup = _rand_day(rng, FIRST_DAY, dt.date(2025, 9, 24))
        else:
            span = (FIRST_DAY - earliest).days - 1
            signup = earliest + dt.timedelta(days=int(span * rng.random() ** 0.7))
        birth = None if business or rng.random() < 0.09 else rng.randint(1944, 2007)
        slug = name.lower().replace("'", "").replace(" ", ".")
        email: str | None
        if business:
            email = f"accounts@{slug.split('.')[0]}.ie"
        else:
            email = None if rng.random() < 0.13 else f"{slug}{rng.randint(1, 99)}@mail.ie"
        channel = rng.choices(
            ["online", "store", "telesales", "partner"],
            [20, 25, 15, 40] if business else [45, 38, 12, 5],
        )[0]
        subs.append({
            "id": sid, "name": name, "business": business,
            "city": rng.choices(_CITIES, _CITY_W)[0], "birth": birth, "email": email,
            "channel": channel, "signup": signup, "status": "active", "closed": None,
            "portout": False, "late_prob": rng.choice([0.02, 0.05, 0.1, 0.3]),
        })  # fmt: skip

    # account closures and suspensions
    old = [s for s in subs if s["signup"] < dt.date(2024, 3, 1)]
    for s in rng.sample(old, 4):
        s["status"] = "closed"
        s["closed"] = _rand_day(rng, dt.date(2024, 4, 1), dt.date(2024, 9, 20))
    candidates = [s for s in subs if s["status"] == "active" and s["signup"] < dt.date(2025, 5, 1)]
    for s in rng.sample(candidates, 30):
        s["status"] = "closed"
        s["closed"] = _rand_day(rng, max(FIRST_DAY, s["signup"] + dt.timedelta(days=60)),
                                dt.date(2025, 9, 26))  # fmt: skip
        s["portout"] = rng.random() < 0.65
    candidates = [s for s in subs if s["status"] == "active" and s["signup"] < dt.date(2025, 3, 1)]
    for s in rng.sample(candidates, 8):
        s["status"] = "suspended"
        s["suspend_month"] = rng.choice([_add_months(dt.date(2025, 1, 1), k) for k in range(6)])
        s["late_prob"] = 0.6

    keys = ["id", "name", "business", "city", "birth", "email", "channel", "signup", "status",
            "closed"]  # fmt: skip
    _insert(con, "subscribers", [tuple(s[k] for k in keys) for s in subs])

    # -------------------------------------------------------------------- lines
    lines: list[dict] = []
    msisdns: set[str] = set()
    ports: list[tuple] = []

    def new_msisdn() -> str:
        while True:
            num = f"08{rng.choice('35679')} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            if num not in msisdns:
                msisdns.add(num)
                return num

    for s in subs:
        seg = "business" if s["business"] else "consumer"
        if s["business"]:
            count = rng.choices([1, 2, 3, 4, 5, 6, 8, 11, 15], [4, 8, 8, 6, 5, 4, 3, 1, 1])[0]
        else:
            count = rng.choices([1, 2, 3, 4], [66, 22, 8, 4])[0]
        stop = s["closed"] or LAST_DAY
        for k in range(count):
            if k == 0:
                device, act = "phone", s["signup"]
            else:
                devices, weights = _EXTRA_DEVICES[seg]
                device = rng.choices(devices, weights)[0]
                act = _rand_day(rng, s["signup"], stop) if rng.random() < 0.8 else s["signup"]
            ids, weights = _PLAN_CHOICE[(seg, device)]
            ok = [(t, w) for t, w in zip(ids, weights, strict=True) if on_sale(t, act)]
            if not ok:
                device = "phone"
                ids, weights = _PLAN_CHOICE[(seg, device)]
                ok = [(t, w) for t, w in zip(ids, weights, strict=True) if on_sale(t, act)]
            tid = rng.choices([t for t, _ in ok], [w for _, w in ok])[0]
            deact = None
            if s["closed"]:
                keep = k == 0 or rng.random() < 0.7
                deact = s["closed"] if keep else _rand_day(rng, act, s["closed"])
            elif k > 0 and rng.random() < 0.1 and act < dt.date(2025, 8, 1):
                deact = _rand_day(rng, act + dt.timedelta(days=30), dt.date(2025, 9, 28))
            if s["status"] == "closed" or deact is not None:
                status = "terminated"
            elif s["status"] == "suspended":
                status = "suspended"
            else:
                status = "active"
            esim = device == "phone" and act.year >= 2021 and rng.random() < 0.35
            sim = "esim" if device == "watch" or esim else "physical"
            roam = 0 if device == "tracker" or (device == "phone" and rng.random() < 0.1) else 1
            line = {
                "id": len(lines) + 1, "sub": s, "tariff": tid, "msisdn": new_msisdn(),
                "device": device, "sim": sim, "roam": roam, "act": act, "deact": deact,
                "status": status, "installment": 0,
            }  # fmt: skip
            if device == "phone" and rng.random() < 0.3:
                line["installment"] = rng.choice([1250, 1800, 2500, 3300, 4100])
            lines.append(line)

    lines.sort(key=lambda ln: (ln["act"], ln["sub"]["id"]))
    for i, ln in enumerate(lines, start=1):
        ln["id"] = i
    keys = ["tariff", "msisdn", "device", "sim", "roam", "act", "deact", "status"]
    _insert(con, "lines", [(ln["id"], ln["sub"]["id"], *(ln[k] for k in keys)) for ln in lines])
    by_sub: dict[int, list[dict]] = {}
    for ln in lines:
        by_sub.setdefault(ln["sub"]["id"], []).append(ln)

    # -------------------------------------------------------------------- ports
    def operator() -> str:
        return rng.choices(_OPERATORS, _OPERATOR_W)[0]

    for ln in lines:
        if ln["act"] >= dt.date(2024, 10, 6) and ln["device"] == "phone" and rng.random() < 0.5:
            req = _rand_time(rng, ln["act"] - dt.timedelta(days=rng.randint(1, 4)))
            status = rng.choices(["completed", "rejected", "cancelled"], [84, 11, 5])[0]
            done = None
            if status == "completed":
                done = _rand_time(rng, ln["act"], 9, 18)
                if done < req:
                    done = req + dt.timedelta(hours=2)
            ports.append((ln["id"], "in", operator(), req, done, status, None))
        ported = ln["sub"]["portout"] and ln["device"] == "phone"
        if ported and ln["deact"] and ln["deact"] >= FIRST_DAY:
            day = ln["deact"]
            req = _rand_time(rng, day - dt.timedelta(days=rng.randint(1, 3)))
            done = _rand_time(rng, day, 9, 18)
            if done < req:
                done = req + dt.timedelta(hours=3)
            reason = rng.choices(_OUT_REASONS, [35, 18, 16, 6, 10, 15])[0]
            ports.append((ln["id"], "out", operator(), req, done, "completed", reason))
    active_phones = [
        ln
        for ln in lines
        if ln["device"] == "phone" and ln["status"] == "active" and ln["act"] < dt.date(2025, 8, 1)
    ]
    for ln in rng.sample(active_phones, 22):
        reason = rng.choices(_OUT_REASONS, [45, 15, 15, 0, 10, 15])[0]
        if len([p for p in ports if p[5] == "pending"]) < 4:
            req = _rand_time(rng, _rand_day(rng, dt.date(2025, 9, 25), LAST_DAY))
            ports.append((ln["id"], "out", operator(), req, None, "pending", reason))
        else:
            req = _rand_time(rng, _rand_day(rng, max(FIRST_DAY, ln["act"]), dt.date(2025, 9, 20)))
            status = rng.choices(["cancelled", "rejected"], [60, 40])[0]
            ports.append((ln["id"], "out", operator(), req, None, status, reason))
    ports.sort(key=lambda p: (p[3], p[0]))
    _insert(con, "ports", [(i, *p) for i, p in enumerate(ports, start=1)])

    # -------------------------------------------------------------------- bills
    months = [_add_months(FIRST_DAY, k) for k in range(11)]  # Oct 2024 .. Aug 2025
    bills: list[tuple] = []
    items: list[tuple] = []
    bill_id = 0
    for s in subs:
        prev_late = False
        welcome = s["signup"] >= dt.date(2024, 9, 1) and not s["business"] and rng.random() < 0.5
        for m in months:
            m_end = _month_end(m)
            active = [
                ln
                for ln in by_sub.get(s["id"], [])
                if ln["act"] <= m_end and (ln["deact"] is None or ln["deact"] >= m)
            ]
            if not active:
                prev_late = False
                continue
            rows: list[tuple[int | None, str, int]] = []
            fees = 0
            for ln in active:
                spec = tariffs[ln["tariff"]]
                rows.append((ln["id"], "plan_fee", spec[2]))
                fees += spec[2]
                months_in = (m.year - ln["act"].year) * 12 + m.month - ln["act"].month
                if ln["installment"] and months_in < 24:
                    rows.append((ln["id"], "device_installment", ln["installment"]))
                if spec[3] is not None and spec[4] != 0 and rng.random() < 0.07:
                    rows.append((ln["id"], "data_overage", rng.randint(4, 30) * 50))
                if ln["roam"] and rng.random() < (0.1 if spec[5] == 0 else 0.03):
                    rows.append((ln["id"], "roaming", rng.randint(150, 6800)))
            if s["business"] and len(active) >= 5:
                rows.append((None, "discount", -round(fees * 0.1)))
            if welcome and months_in_period(s["signup"], m) < 6:
                rows.append((None, "discount", -500))
            if prev_late:
                rows.append((None, "late_fee", LATE_FEE))
            total = sum(r[2] for r in rows)
            issued = dt.date(_add_months(m, 1).year, _add_months(m, 1).month, 5)
            due = _month_end(_add_months(m, 1))
            if rng.random() < 0.025:  # erroneous bill, voided and re-issued
                bill_id += 1
                wrong = [
                    (r[0], r[1], r[2] + (rng.randint(5, 40) * 100 if j == 0 else 0))
                    for j, r in enumerate(rows)
                ]
                bills.append((bill_id, s["id"], m, issued, due, sum(r[2] for r in wrong),
                              None, "void"))  # fmt: skip
                items.extend((bill_id, *r) for r in wrong)
                issued = issued + dt.timedelta(days=rng.randint(2, 6))
            unpaying = s["status"] == "suspended" and m >= s["suspend_month"]
            if s["status"] == "closed" and m == months_in_closed(s) and rng.random() < 0.3:
                unpaying = True
            paid = None
            if not unpaying:
                if rng.random() < s["late_prob"]:
                    paid = due + dt.timedelta(days=rng.randint(1, 25))
                else:
                    paid = issued + dt.timedelta(days=rng.randint(0, (due - issued).days))
                if paid > LAST_DAY:
                    paid = None
            status = "paid" if paid is not None else "open" if due >= LAST_DAY else "overdue"
            prev_late = paid is None or paid > due
            bill_id += 1
            bills.append((bill_id, s["id"], m, issued, due, total, paid, status))
            items.extend((bill_id, *r) for r in rows)
    bills.sort(key=lambda b: (b[3], b[1], b[0]))
    renumber = {b[0]: i for i, b in enumerate(bills, start=1)}
    _insert(con, "bills", [(renumber[b[0]], *b[1:]) for b in bills])
    items = [(renumber[it[0]], *it[1:]) for it in items]
    items.sort(key=lambda it: it[0])
    _insert(con, "bill_items", [(i, *it) for i, it in enumerate(items, start=1)])

    # --------------------------------------------------------------- usage_days
    usage: list[tuple] = []
    n_days = (LAST_DAY - USAGE_FROM).days + 1
    for ln in lines:
        if ln["status"] == "suspended" or ln["tariff"] == 14:
            continue
        spec = tariffs[ln["tariff"]]
        device = ln["device"]
        p_use = min(0.97, _P_USE[device] * rng.uniform(0.55, 1.2))
        heavy = rng.lognormvariate(0, 0.6) * (2.2 if spec[3] is None else 1.0)
        trips: dict[dt.date, str] = {}
        if ln["roam"] and rng.random() < 0.3:
            for _ in range(rng.choice([1, 1, 2])):
                start = USAGE_FROM + dt.timedelta(days=rng.randint(0, n_days - 3))
                dest = rng.choices(_COUNTRIES, _COUNTRY_W)[0]
                for d in range(rng.randint(2, 12)):
                    trips[start + dt.timedelta(days=d)] = dest
        for d in range(n_days):
            day = USAGE_FROM + dt.timedelta(days=d)
            if day < ln["act"] or (ln["deact"] is not None and day > ln["deact"]):
                continue
            if rng.random() > p_use:
                continue
            if device == "phone":
                calls = rng.choices(range(9), [14, 18, 17, 14, 11, 9, 7, 6, 4])[0]
                voice = sum(rng.randint(15, 900) for _ in range(calls))
                sms = rng.choices(range(7), [35, 20, 15, 11, 9, 6, 4])[0]
                data = int(rng.uniform(20, 700) * heavy)
            elif device == "tracker":
                calls, voice, sms, data = 0, 0, rng.randint(0, 2), rng.randint(1, 4)
            elif device == "watch":
                calls = rng.choice([0, 0, 0, 1])
                voice, sms = calls * rng.randint(20, 200), rng.choice([0, 0, 1])
                data = rng.randint(5, 120)
            else:
                calls, voice, sms = 0, 0, 0
                data = int(rng.uniform(50, 2500 if device == "router" else 900) * heavy)
            country = trips.get(day)
            if country is not None:
                data = int(data * 0.6)
            usage.append((ln["id"], day, calls, voice, sms, data, 1 if country else 0, country))
    _insert(con, "usage_days", usage)

    # ----------------------------------------------------------------- contacts
    contacts: list[tuple] = []
    for s in subs:
        start = max(FIRST_DAY, s["signup"])
        stop = min(LAST_DAY, s["closed"] or LAST_DAY)
        if stop < start:
            continue
        n = rng.choices([0, 1, 2, 3, 4, 5, 6, 8, 12, 16], [14, 16, 15, 13, 11, 9, 8, 7, 5, 2])[0]
        if s["business"]:
            n += rng.randint(0, 6)
        for _ in range(n):
            day = _rand_day(rng, start, stop)
            reason = rng.choices(_REASONS, _REASON_W)[0]
            if s["portout"] and s["closed"] and rng.random() < 0.4:
                reason = "porting"
                day = _rand_day(rng, max(start, stop - dt.timedelta(days=20)), stop)
            channel = rng.choices(["phone", "chat", "store", "email"], [40, 31, 17, 12])[0]
            when = _rand_time(rng, day, 0 if channel == "chat" else 8,
                              23 if channel in ("chat", "email") else 20)  # fmt: skip
            agent: str | None = rng.choice(_AGENTS)
            if channel == "chat" and rng.random() < 0.3:
                agent = None
            handle = {
                "phone": rng.randint(90, 1800), "chat": rng.randint(120, 2400),
                "store": rng.randint(300, 2700), "email": None,
            }[channel]  # fmt: skip
            resolved = 1 if rng.random() < (0.5 if reason == "network" else 0.75) else 0
            csat = None
            if rng.random() < 0.45:
                weights = [4, 6, 14, 36, 40] if resolved else [30, 28, 22, 14, 6]
                csat = rng.choices([1, 2, 3, 4, 5], weights)[0]
            line_id = None
            live = [
                ln
                for ln in by_sub[s["id"]]
                if ln["act"] <= day and (ln["deact"] is None or ln["deact"] >= day)
            ]
            about_line = reason in ("network", "roaming", "device", "porting")
            if live and (about_line or rng.random() < 0.4):
                line_id = rng.choice(live)["id"]
            row = (s["id"], line_id, when, channel, reason, agent, handle, resolved, csat)
            contacts.append(row)
    # boundary cases around the month change August / September 2025
    sid = next(s["id"] for s in subs if s["status"] == "active" and s["signup"] < FIRST_DAY)
    edge_line = next(ln["id"] for ln in by_sub[sid] if ln["deact"] is None)
    contacts.append((sid, edge_line, dt.datetime(2025, 8, 31, 23, 52, 10), "chat", "network",
                     None, 340, 0, None))  # fmt: skip
    contacts.append((sid, None, dt.datetime(2025, 9, 1, 0, 4, 45), "chat", "billing",
                     "Zofia Mazur", 610, 1, 4))  # fmt: skip
    contacts.sort(key=lambda c: (c[2], c[0]))
    _insert(con, "contacts", [(i, *c) for i, c in enumerate(contacts, start=1)])


def months_in_period(signup: dt.date, month: dt.date) -> int:
    """Whole months between the sign-up month and ``month``."""
    return (month.year - signup.year) * 12 + month.month - signup.month


def months_in_closed(sub: dict) -> dt.date | None:
    """Usage month of the final bill of a closed account (the closing month)."""
    return sub["closed"].replace(day=1) if sub["closed"] else None

"""Consumer lending test database (DuckDB, ``main`` schema).

A UK consumer lender ("the company") lends to private individuals (personal loans, car
finance, debt consolidation and home improvement loans) through a network of high-street
branches, by phone and online. A client
(borrower) applies for a loan; the application is approved, declined, withdrawn by the
client or still waiting for a decision. Most approved applications are paid out as a loan.
Every loan is repaid in fixed monthly instalments (an annuity schedule); the client's actual
payments are recorded separately and can be late, missing (missed instalment) or reversed
(e.g. a returned direct debit).

The company started lending in October 2022. The data runs from 2022-10-03 up to and including
**2025-05-20**, which is the last day of the data and "today" for every question: "this year"
is 2025, "last year" is 2024, "this month" is May 2025, "last month" is April 2025, "last
quarter" is January-March 2025 (Q1 2025). Repayment schedules extend beyond today (future
instalments have no payments yet), and some clients registered before lending began.

Money is in pounds sterling (columns ending ``_gbp``, two decimals). Interest rates are annual
percentage rates in percent (``apr_pct`` 12.9 means 12.9 % a year). Terms and durations are in
whole months (``*_months``). Dates are calendar dates (``*_date``); there are no timestamps.
Status columns hold lower-case full words; the allowed values are listed below and repeated in
the column comments (``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``loan_officers`` -- staff who handle applications, current and former. Each officer works at
one branch; the branch is stored on the officer row (there is no separate branch table).

* ``officer_id`` (INTEGER, primary key).
* ``full_name`` (VARCHAR): first name and surname.
* ``job_title`` (VARCHAR): 'loan officer', 'senior loan officer' or 'branch manager'.
* ``branch_name`` (VARCHAR): the branch the officer works at, e.g. 'Manchester Piccadilly'.
  There are two branches in Manchester ('Manchester Piccadilly' and 'Manchester Didsbury').
* ``branch_city`` (VARCHAR): town or city of the branch.
* ``approval_limit_gbp`` (DECIMAL(10,2)): largest loan principal in GBP the officer may
  approve on their own.
* ``hired_date`` (DATE): first working day.
* ``left_date`` (DATE): last working day; NULL = still employed.

``borrowers`` -- one row per client (borrower) who has registered with the company, whether or
not they ever applied. Different clients can have the same name (they live in different cities).

* ``borrower_id`` (INTEGER, primary key).
* ``full_name`` (VARCHAR): first name and surname (not unique).
* ``date_of_birth`` (DATE).
* ``city`` (VARCHAR): town or city of the home address.
* ``employment_status`` (VARCHAR): 'employed', 'self-employed', 'retired', 'student' or
  'unemployed', as declared at the latest application.
* ``annual_income_gbp`` (DECIMAL(10,2)): declared gross yearly income in GBP; NULL = not
  declared.
* ``credit_score`` (INTEGER): credit bureau score from 0 to 999 (higher is better); NULL = no
  credit file ("thin file").
* ``homeowner_flag`` (VARCHAR(1)): 'Y' = owns their home (with or without a mortgage),
  'N' = renting or living with family.
* ``has_ccj`` (BOOLEAN): true if the client has a county court judgment (a court-registered
  unpaid debt) on their credit file.
* ``is_marketing_opt_in`` (BOOLEAN): true if the client agreed to receive marketing e-mails.
* ``registered_date`` (DATE): day the client's account was created (can be before 2022-10-03).

``loan_applications`` -- one row per loan application.

* ``application_id`` (INTEGER, primary key).
* ``borrower_id`` (INTEGER, foreign key to ``borrowers``).
* ``officer_id`` (INTEGER, foreign key to ``loan_officers``): officer who handled the
  application; NULL for online applications decided automatically (no officer involved).
* ``product_type`` (VARCHAR): 'personal loan', 'car finance', 'debt consolidation' or
  'home improvement'.
* ``channel`` (VARCHAR): how the client applied: 'branch', 'online' or 'phone'.
* ``applied_date`` (DATE): day the application was submitted.
* ``amount_requested_gbp`` (DECIMAL(10,2)): amount the client asked to borrow, in GBP.
* ``term_requested_months`` (INTEGER): repayment period the client asked for, in months.
* ``application_status`` (VARCHAR): 'approved', 'declined', 'withdrawn' (client gave up
  before a decision) or 'pending' (no decision yet; only recent applications).
* ``decision_date`` (DATE): day the application was approved or declined; NULL for withdrawn
  and pending applications.
* ``decline_reason`` (VARCHAR): 'affordability', 'credit score', 'fraud check' or
  'incomplete documents'; NULL unless the application was declined.

``loans`` -- one row per loan paid out (disbursed) to a client. Each loan comes from exactly
one approved application; approved applications without a loan were not taken up by the
client (or, for a few very recent ones, not paid out yet). ``borrower_id`` repeats the
borrower of the application.

* ``loan_id`` (INTEGER, primary key).
* ``application_id`` (INTEGER, unique, foreign key to ``loan_applications``). The product type
  of a loan is the ``product_type`` of its application.
* ``borrower_id`` (INTEGER, foreign key to ``borrowers``).
* ``principal_gbp`` (DECIMAL(10,2)): amount lent (paid out) in GBP; can be lower than the
  amount requested.
* ``apr_pct`` (DECIMAL(5,2)): annual interest rate in percent; the monthly interest rate is
  ``apr_pct / 12 / 100``.
* ``term_months`` (INTEGER): number of monthly instalments.
* ``monthly_payment_gbp`` (DECIMAL(10,2)): regular monthly instalment in GBP (the last
  instalment can differ slightly, by less than one pound).
* ``disbursed_date`` (DATE): day the money was paid out to the client.
* ``is_secured`` (BOOLEAN): true if the loan is secured on the financed vehicle (car finance).
* ``has_guarantor`` (BOOLEAN): true if a guarantor co-signed the loan.
* ``loan_status`` (VARCHAR): 'active' (still being repaid, including loans in arrears),
  'paid off' (every instalment paid), 'defaulted' (the client stopped paying and the loan was
  passed to collections) or 'cancelled' (the client withdrew within the 14-day cooling-off
  period and returned the money; cancelled loans have no schedule and no payments and
  should be left out of lending totals).
* ``closed_date`` (DATE): day the loan was paid off, declared in default or cancelled; NULL
  for active loans.

``repayment_schedule`` -- the contractual repayment plan: one row per monthly instalment of
a loan, including instalments due after today.

* ``schedule_id`` (INTEGER, primary key).
* ``loan_id`` (INTEGER, foreign key to ``loans``).
* ``instalment_no`` (INTEGER): 1 for the first instalment, up to ``term_months``.
* ``due_date`` (DATE): day the instalment is due (one month apart, on the same day of month).
* ``amount_due_gbp`` (DECIMAL(10,2)): instalment amount in GBP
  (= ``principal_part_gbp`` + ``interest_part_gbp``).
* ``principal_part_gbp`` (DECIMAL(10,2)): part of the instalment that repays principal.
* ``interest_part_gbp`` (DECIMAL(10,2)): part of the instalment that is interest.

``payments`` -- money received from clients: one row per payment attempt against one
instalment. Every payment pays one full instalment. An instalment is **paid** when it has a
'completed' payment; it is **paid late** when that completed payment's ``paid_date`` is after
the instalment's ``due_date``; it is **missed** when its ``due_date`` is on or before today
and it has no completed payment. A reversed payment does not count as paid; it is often
followed by a second (completed) payment for the same instalment.

* ``payment_id`` (INTEGER, primary key).
* ``schedule_id`` (INTEGER, foreign key to ``repayment_schedule``): instalment being paid.
* ``loan_id`` (INTEGER, foreign key to ``loans``): the instalment's loan (repeated for
  convenience).
* ``paid_date`` (DATE): day the money was received.
* ``amount_gbp`` (DECIMAL(10,2)): amount received in GBP.
* ``payment_method`` (VARCHAR): 'direct debit', 'debit card' or 'bank transfer'.
* ``payment_status`` (VARCHAR): 'completed' or 'reversed' (the money was taken back, e.g. a
  direct debit returned unpaid by the client's bank; the payment must be ignored in any total).
* ``reversed_date`` (DATE): day the payment was reversed; NULL for completed payments.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2022, 10, 3)
LAST_DAY = dt.date(2025, 5, 20)

_DDL = """
CREATE TABLE loan_officers (
    officer_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL,
    job_title VARCHAR NOT NULL,
    branch_name VARCHAR NOT NULL,
    branch_city VARCHAR NOT NULL,
    approval_limit_gbp DECIMAL(10, 2) NOT NULL,
    hired_date DATE NOT NULL,
    left_date DATE
);
CREATE TABLE borrowers (
    borrower_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL,
    date_of_birth DATE NOT NULL,
    city VARCHAR NOT NULL,
    employment_status VARCHAR NOT NULL,
    annual_income_gbp DECIMAL(10, 2),
    credit_score INTEGER,
    homeowner_flag VARCHAR(1) NOT NULL,
    has_ccj BOOLEAN NOT NULL,
    is_marketing_opt_in BOOLEAN NOT NULL,
    registered_date DATE NOT NULL
);
CREATE TABLE loan_applications (
    application_id INTEGER PRIMARY KEY,
    borrower_id INTEGER NOT NULL REFERENCES borrowers (borrower_id),
    officer_id INTEGER REFERENCES loan_officers (officer_id),
    product_type VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    applied_date DATE NOT NULL,
    amount_requested_gbp DECIMAL(10, 2) NOT NULL,
    term_requested_months INTEGER NOT NULL,
    application_status VARCHAR NOT NULL,
    decision_date DATE,
    decline_reason VARCHAR
);
CREATE TABLE loans (
    loan_id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL UNIQUE REFERENCES loan_applications (application_id),
    borrower_id INTEGER NOT NULL REFERENCES borrowers (borrower_id),
    principal_gbp DECIMAL(10, 2) NOT NULL,
    apr_pct DECIMAL(5, 2) NOT NULL,
    term_months INTEGER NOT NULL,
    monthly_payment_gbp DECIMAL(10, 2) NOT NULL,
    disbursed_date DATE NOT NULL,
    is_secured BOOLEAN NOT NULL,
    has_guarantor BOOLEAN NOT NULL,
    loan_status VARCHAR NOT NULL,
    closed_date DATE
);
CREATE TABLE repayment_schedule (
    schedule_id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL REFERENCES loans (loan_id),
    instalment_no INTEGER NOT NULL,
    due_date DATE NOT NULL,
    amount_due_gbp DECIMAL(10, 2) NOT NULL,
    principal_part_gbp DECIMAL(10, 2) NOT NULL,
    interest_part_gbp DECIMAL(10, 2) NOT NULL
);
CREATE TABLE payments (
    payment_id INTEGER PRIMARY KEY,
    schedule_id INTEGER NOT NULL REFERENCES repayment_schedule (schedule_id),
    loan_id INTEGER NOT NULL REFERENCES loans (loan_id),
    paid_date DATE NOT NULL,
    amount_gbp DECIMAL(10, 2) NOT NULL,
    payment_method VARCHAR NOT NULL,
    payment_status VARCHAR NOT NULL,
    reversed_date DATE
);
COMMENT ON COLUMN borrowers.credit_score IS
    'Credit bureau score 0-999, higher is better; NULL = no credit file (thin file)';
COMMENT ON COLUMN borrowers.homeowner_flag IS
    'Y = owns their home (with or without mortgage), N = renting or living with family';
COMMENT ON COLUMN borrowers.has_ccj IS
    'True = a county court judgment (unpaid debt registered by a court) is on the credit file';
COMMENT ON COLUMN loan_applications.officer_id IS
    'Officer who handled the application; NULL = online application decided automatically';
COMMENT ON COLUMN loan_applications.application_status IS
    'approved, declined, withdrawn (client gave up before a decision) or pending (no decision yet)';
COMMENT ON COLUMN loan_applications.decline_reason IS
    'affordability, credit score, fraud check or incomplete documents; NULL unless declined';
COMMENT ON COLUMN loans.apr_pct IS
    'Annual interest rate in percent (12.9 = 12.9 % a year); monthly rate = apr_pct / 12 / 100';
COMMENT ON COLUMN loans.loan_status IS
    'active (being repaid, incl. arrears), paid off, defaulted (sent to collections) or
cancelled (withdrawn in the 14-day cooling-off period; leave out of totals)';
COMMENT ON COLUMN loans.principal_gbp IS 'Amount paid out to the client, in GBP';
COMMENT ON COLUMN repayment_schedule.amount_due_gbp IS
    'Instalment amount in GBP = principal_part_gbp + interest_part_gbp';
COMMENT ON COLUMN payments.payment_status IS
    'completed or reversed (money taken back, e.g. returned direct debit; ignore in totals)';
COMMENT ON COLUMN payments.paid_date IS
    'Day the money was received; a payment is late when paid_date is after the due_date';
"""

_DROP_ORDER = ["payments", "repayment_schedule", "loans", "loan_applications", "borrowers",
               "loan_officers"]  # fmt: skip

# id, name, title, branch, city, limit, hired, left
_OFFICERS = [
    (1, "Helen Marsh", "branch manager", "Manchester Piccadilly", "Manchester", 40000,
     dt.date(2019, 4, 1), None),
    (2, "Owen Pritchard", "loan officer", "Manchester Piccadilly", "Manchester", 15000,
     dt.date(2021, 9, 6), None),
    (3, "Aisha Rahman", "senior loan officer", "Manchester Didsbury", "Manchester", 25000,
     dt.date(2020, 2, 3), None),
    (4, "Tom Gallagher", "loan officer", "Manchester Didsbury", "Manchester", 15000,
     dt.date(2022, 8, 15), dt.date(2024, 3, 28)),
    (5, "Priya Nair", "branch manager", "Leeds Briggate", "Leeds", 40000,
     dt.date(2018, 11, 5), None),
    (6, "Callum Reid", "loan officer", "Leeds Briggate", "Leeds", 12000,
     dt.date(2023, 1, 9), None),
    (7, "Grace Okafor", "senior loan officer", "Birmingham New Street", "Birmingham", 25000,
     dt.date(2020, 6, 1), None),
    (8, "Daniel Hughes", "loan officer", "Birmingham New Street", "Birmingham", 15000,
     dt.date(2022, 1, 10), dt.date(2024, 11, 15)),
    (9, "Fiona Campbell", "branch manager", "Glasgow Buchanan Street", "Glasgow", 40000,
     dt.date(2017, 3, 13), None),
    (10, "Ross McLeod", "loan officer", "Glasgow Buchanan Street", "Glasgow", 15000,
     dt.date(2022, 5, 3), None),
    (11, "Sophie Turner", "senior loan officer", "Bristol Broadmead", "Bristol", 25000,
     dt.date(2021, 3, 1), None),
    (12, "James Whitfield", "loan officer", "Bristol Broadmead", "Bristol", 12000,
     dt.date(2024, 2, 19), None),
    (13, "Marek Nowak", "senior loan officer", "London Croydon", "London", 30000,
     dt.date(2019, 10, 7), None),
    (14, "Chloe Bennett", "loan officer", "London Croydon", "London", 15000,
     dt.date(2022, 9, 26), None),
    (15, "Rhys Evans", "loan officer", "Cardiff Queen Street", "Cardiff", 15000,
     dt.date(2023, 6, 5), None),
    (16, "Nadia Hussain", "loan officer", "Leeds Briggate", "Leeds", 12000,
     dt.date(2025, 5, 6), None),
]  # fmt: skip

_FIRST = [
    "Oliver", "Amelia", "George", "Olivia", "Harry", "Isla", "Jack", "Ava", "Jacob", "Emily",
    "Noah", "Sophia", "Charlie", "Grace", "Thomas", "Mia", "Oscar", "Poppy", "William", "Ella",
    "James", "Lily", "Mohammed", "Evie", "Daniel", "Freya", "Samuel", "Chloe", "Joseph", "Ruby",
    "David", "Sarah", "Michael", "Rachel", "Paul", "Karen", "Mark", "Claire", "Andrew", "Emma",
    "Aaliyah", "Ibrahim", "Priya", "Arjun", "Zainab", "Kwame", "Niamh", "Callum", "Siobhan",
    "Liam", "Megan", "Rhys", "Bethan", "Ewan", "Kirsty", "Tomasz", "Agnieszka", "Stuart",
]  # fmt: skip
_LAST = [
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
    "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
    "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
    "Baker", "Harrison", "Morgan", "Allen", "Khan", "Ali", "Begum", "Shah", "Kaur", "Singh",
    "Murphy", "O'Brien", "Campbell", "Stewart", "MacDonald", "Kowalski", "Mensah", "Okoro",
]  # fmt: skip
# city -> weight
_CITIES = {
    "Manchester": 16, "Leeds": 11, "Birmingham": 11, "Glasgow": 9, "Bristol": 8, "London": 13,
    "Cardiff": 6, "Salford": 4, "Bradford": 4, "Wolverhampton": 3, "Paisley": 2, "Bath": 2,
    "Stockport": 3, "Newport": 2, "Wakefield": 2, "Croydon": 3,
}  # fmt: skip
# nearest branch city for a client city
_NEAREST = {
    "Salford": "Manchester", "Stockport": "Manchester", "Bradford": "Leeds", "Wakefield": "Leeds",
    "Wolverhampton": "Birmingham", "Paisley": "Glasgow", "Bath": "Bristol", "Newport": "Cardiff",
    "Croydon": "London",
}  # fmt: skip

_PRODUCTS = {
    # type: (weight, min amount, max amount, step, terms, base apr)
    "personal loan": (40, 1000, 15000, 500, [12, 18, 24, 36, 48], 9.9),
    "car finance": (25, 4000, 30000, 500, [24, 36, 48, 60], 7.9),
    "debt consolidation": (20, 3000, 25000, 1000, [24, 36, 48, 60], 12.9),
    "home improvement": (15, 2000, 20000, 1000, [12, 24, 36, 48, 60], 8.9),
}  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _add_months(day: dt.date, months: int) -> dt.date:
    """Same day of month ``months`` later (days are at most 28 here)."""
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, day.day)


def _rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _employed(off: tuple, day: dt.date) -> bool:
    return off[6] <= day and (off[7] is None or day <= off[7])


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the lending tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    _insert(con, "loan_officers", [tuple(o) for o in _OFFICERS])

    # ----------------------------------------------------------------- borrowers
    borrowers: list[dict] = []
    seen: set[tuple[str, str]] = set()
    cities = list(_CITIES)
    city_w = list(_CITIES.values())
    n_borrowers = 560
    while len(borrowers) < n_borrowers:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        city = rng.choices(cities, city_w)[0]
        if (name, city) in seen:
            continue
        seen.add((name, city))
        r = rng.random()
        emp = ("employed" if r < 0.66 else "self-employed" if r < 0.80 else "retired"
               if r < 0.89 else "student" if r < 0.95 else "unemployed")  # fmt: skip
        if emp == "retired":
            dob = _rand_date(rng, dt.date(1940, 1, 1), dt.date(1960, 12, 31))
        elif emp == "student":
            dob = _rand_date(rng, dt.date(1998, 1, 1), dt.date(2004, 9, 30))
        else:
            dob = _rand_date(rng, dt.date(1958, 1, 1), dt.date(2004, 9, 30))
        base = {"employed": 34000, "self-employed": 38000, "retired": 21000, "student": 9000,
                "unemployed": 7000}[emp]  # fmt: skip
        income = round(base * rng.lognormvariate(0, 0.38) / 100) * 100
        if rng.random() < (0.25 if emp in ("unemployed", "student") else 0.04):
            income = None
        score = int(max(280, min(999, rng.gauss(690, 130))))
        if rng.random() < 0.05 or (emp == "student" and rng.random() < 0.3):
            score = None
        owner = "Y" if rng.random() < (0.72 if emp == "retired" else 0.45) else "N"
        if emp == "student":
            owner = "N"
        ccj = score is not None and score < 560 and rng.random() < 0.35
        borrowers.append({
            "name": name, "dob": dob, "city": city, "emp": emp, "income": income,
            "score": score, "owner": owner, "ccj": ccj, "optin": rng.random() < 0.38,
        })  # fmt: skip
    rng.shuffle(borrowers)
    for i, b in enumerate(borrowers, start=1):
        b["id"] = i
    # two clients with exactly the same name in different cities (besides random clashes)
    borrowers[10]["name"] = borrowers[11]["name"] = "Sarah Thompson"
    borrowers[10]["city"], borrowers[11]["city"] = "Leeds", "Bristol"
    borrowers[40]["name"] = borrowers[41]["name"] = borrowers[42]["name"] = "David Jones"
    borrowers[40]["city"], borrowers[41]["city"], borrowers[42]["city"] = (
        "Cardiff",
        "Manchester",
        "Glasgow",
    )

    # ------------------------------------------------------------- applications
    span = (LAST_DAY - FIRST_DAY).days
    apps: list[dict] = []
    for b in borrowers:
        r = rng.random()
        n_apps = 0 if r < 0.13 else 1 if r < 0.70 else 2 if r < 0.92 else 3
        # growth: later dates are more likely
        first = FIRST_DAY + dt.timedelta(days=int(span * rng.random() ** 0.8))
        if rng.random() < 0.25 or first < dt.date(2023, 1, 1):
            b["reg"] = _rand_date(rng, dt.date(2019, 3, 1), min(first, dt.date(2022, 9, 30)))
        else:
            b["reg"] = first - dt.timedelta(days=rng.randint(0, 12))
        if n_apps == 0:
            b["reg"] = _rand_date(rng, dt.date(2020, 1, 1), LAST_DAY)
        # nobody registers before their 18th birthday
        b["reg"] = max(b["reg"], dt.date(b["dob"].year + 18, b["dob"].month, min(b["dob"].day, 28)))
        day = first
        for _ in range(n_apps):
            if day > LAST_DAY:
                break
            apps.append({"b": b, "applied": day})
            day = day + dt.timedelta(days=rng.randint(40, 420))
    apps.sort(key=lambda a: (a["applied"], a["b"]["id"]))
    prod_names = list(_PRODUCTS)
    prod_w = [p[0] for p in _PRODUCTS.values()]
    for i, a in enumerate(apps, start=1):
        a["id"] = i
        b = a["b"]
        ptype = rng.choices(prod_names, prod_w)[0]
        _, lo, hi, step, terms, _apr = _PRODUCTS[ptype]
        a["ptype"] = ptype
        a["amount"] = float(rng.randrange(lo, hi + 1, step))
        if rng.random() < 0.5:  # small loans are more common
            a["amount"] = float(max(lo, round(a["amount"] / 2 / step) * step))
        a["term"] = rng.choice(terms)
        r = rng.random()
        channel = "branch" if r < 0.45 else "online" if r < 0.85 else "phone"
        home = _NEAREST.get(b["city"], b["city"])
        # the newest hire (still in training) has not handled any application yet
        active = [o for o in _OFFICERS if _employed(o, a["applied"]) and o[0] != 16]
        local = [o for o in active if o[4] == home]
        if channel == "branch" and not local:
            channel = "phone"
        if channel == "branch":
            off = rng.choice(local)
        elif channel == "phone" or rng.random() < 0.3:
            off = rng.choice(active)
        else:
            off = None
        a["channel"], a["officer"] = channel, off
        # decision
        score = b["score"]
        risk = 0.25 if score is None else max(0.02, min(0.85, (760 - score) / 420))
        if b["ccj"]:
            risk += 0.3
        if b["income"] is None:
            risk += 0.2
        elif a["amount"] > b["income"] * 0.6:
            risk += 0.25
        age_days = (LAST_DAY - a["applied"]).days
        r = rng.random()
        if age_days <= 12 and rng.random() < 0.75 - age_days * 0.05:
            a["status"], a["decision"], a["reason"] = "pending", None, None
        elif r < 0.08:
            a["status"], a["decision"], a["reason"] = "withdrawn", None, None
        else:
            if off is None:  # automatic decision: same or next day
                wait = rng.choice([0, 0, 0, 1])
            elif channel == "phone":
                wait = rng.choice([0, 1, 1, 2, 2, 3, 5])
            else:
                wait = rng.choice([0, 1, 2, 2, 3, 3, 4, 5, 7, 9])
            decision = a["applied"] + dt.timedelta(days=wait)
            if decision > LAST_DAY:
                a["status"], a["decision"], a["reason"] = "pending", None, None
            elif rng.random() < risk:
                if rng.random() < 0.03:
                    reason = "fraud check"
                elif score is None or score < 600 or b["ccj"]:
                    reason = "credit score" if rng.random() < 0.75 else "affordability"
                else:
                    reason = "affordability" if rng.random() < 0.7 else "incomplete documents"
                a["status"], a["decision"], a["reason"] = "declined", decision, reason
            else:
                a["status"], a["decision"], a["reason"] = "approved", decision, None
    _insert(con, "borrowers", [
        (b["id"], b["name"], b["dob"], b["city"], b["emp"], b["income"], b["score"], b["owner"],
         b["ccj"], b["optin"], b["reg"]) for b in borrowers])  # fmt: skip
    _insert(con, "loan_applications", [
        (a["id"], a["b"]["id"], a["officer"][0] if a["officer"] else None, a["ptype"],
         a["channel"], a["applied"], a["amount"], a["term"], a["status"], a["decision"],
         a["reason"]) for a in apps])  # fmt: skip

    # ------------------------------------------------------------------- loans
    loans: list[dict] = []
    for a in apps:
        if a["status"] != "approved" or rng.random() < 0.06:
            continue
        disb = a["decision"] + dt.timedelta(days=rng.choice([1, 1, 2, 3, 4, 7, 10]))
        if disb > LAST_DAY:
            continue
        b = a["b"]
        principal = a["amount"]
        if rng.random() < 0.15:
            step = _PRODUCTS[a["ptype"]][3]
            principal = max(float(step), round(principal * rng.uniform(0.6, 0.9) / step) * step)
        if a["officer"] is not None:
            principal = min(principal, float(a["officer"][5]))
        score = b["score"] if b["score"] is not None else 560
        apr = _PRODUCTS[a["ptype"]][5] + max(0.0, (820 - score) / 18) + rng.uniform(-1, 1)
        apr = round(max(4.9, min(39.9, apr)), 1)
        term = a["term"]
        loans.append(
            {
                "a": a,
                "b": b,
                "principal": principal,
                "apr": apr,
                "term": term,
                "disb": disb,
                "secured": a["ptype"] == "car finance",
                "guar": (score < 600 and rng.random() < 0.3) or rng.random() < 0.03,
            }
        )
    for i, ln in enumerate(loans, start=1):
        ln["id"] = i

    schedule_rows: list[tuple] = []
    payment_rows: list[tuple] = []
    sid = 0
    pid = 0
    for ln in loans:
        p, n = ln["principal"], ln["term"]
        rate = ln["apr"] / 12 / 100
        pay = round(p * rate / (1 - (1 + rate) ** -n), 2)
        ln["pay"] = pay
        # cancelled within the 14-day cooling-off period
        if rng.random() < 0.03 and ln["disb"] + dt.timedelta(days=14) <= LAST_DAY:
            ln["status"] = "cancelled"
            ln["closed"] = ln["disb"] + dt.timedelta(days=rng.randint(2, 14))
            continue
        score = ln["b"]["score"] if ln["b"]["score"] is not None else 560
        if score >= 720:
            p_late, p_miss, p_rev, p_def = 0.03, 0.003, 0.01, 0.02
        elif score >= 600:
            p_late, p_miss, p_rev, p_def = 0.09, 0.015, 0.03, 0.08
        else:
            p_late, p_miss, p_rev, p_def = 0.22, 0.05, 0.08, 0.25
        default_from = rng.randint(2, min(20, n - 2)) if rng.random() < p_def else None
        first_due = _add_months(ln["disb"].replace(day=min(ln["disb"].day, 28)), 1)
        balance = p
        misses_in_row = 0
        status, closed = "active", None
        all_paid = True
        last_paid = None
        for k in range(1, n + 1):
            sid += 1
            due = _add_months(first_due, k - 1)
            interest = round(balance * rate, 2)
            princ = round(balance, 2) if k == n else round(pay - interest, 2)
            balance = round(balance - princ, 2)
            amount = round(princ + interest, 2)
            schedule_rows.append((sid, ln["id"], k, due, amount, princ, interest))
            if due > LAST_DAY or status == "defaulted":
                all_paid = False
                continue
            # behaviour for this instalment
            if default_from is not None and k >= default_from:
                kind = "miss"
            else:
                r = rng.random()
                kind = ("miss" if r < p_miss else "late" if r < p_miss + p_late else "rev"
                        if r < p_miss + p_late + p_rev else "ok")  # fmt: skip
            method = (
                "direct debit"
                if rng.random() < 0.8
                else rng.choice(["debit card", "bank transfer"])
            )
            paid_ok = None
            if kind == "ok":
                d = due if method == "direct debit" else due - dt.timedelta(days=rng.randint(0, 3))
                pid += 1
                payment_rows.append((pid, sid, ln["id"], d, amount, method, "completed", None))
                paid_ok = d
            elif kind == "late":
                d = due + dt.timedelta(days=rng.choice([1, 2, 3, 5, 7, 10, 14, 21, 30, 45]))
                m = (
                    method
                    if method != "direct debit"
                    else rng.choice(["debit card", "bank transfer"])
                )
                if d <= LAST_DAY:
                    pid += 1
                    payment_rows.append((pid, sid, ln["id"], d, amount, m, "completed", None))
                    paid_ok = d
            elif kind == "rev":
                rev = due + dt.timedelta(days=rng.randint(2, 5))
                if rev <= LAST_DAY:
                    pid += 1
                    payment_rows.append(
                        (pid, sid, ln["id"], due, amount, "direct debit", "reversed", rev)
                    )
                    if rng.random() < 0.7:
                        d = rev + dt.timedelta(days=rng.randint(1, 20))
                        if d <= LAST_DAY:
                            pid += 1
                            payment_rows.append(
                                (
                                    pid,
                                    sid,
                                    ln["id"],
                                    d,
                                    amount,
                                    rng.choice(["debit card", "bank transfer"]),
                                    "completed",
                                    None,
                                )
                            )
                            paid_ok = d
                else:  # reversal not yet known: the collection still looks fine today
                    pid += 1
                    payment_rows.append(
                        (pid, sid, ln["id"], due, amount, "direct debit", "completed", None)
                    )
                    paid_ok = due
            if paid_ok is None:
                all_paid = False
                misses_in_row += 1
                if (
                    default_from is not None
                    and misses_in_row >= 3
                    and due + dt.timedelta(days=30) <= LAST_DAY
                ):
                    status, closed = "defaulted", due + dt.timedelta(days=30)
            else:
                misses_in_row = 0
                last_paid = max(last_paid, paid_ok) if last_paid else paid_ok
        if status == "active" and all_paid:
            status, closed = "paid off", last_paid
        ln["status"], ln["closed"] = status, closed

    _insert(con, "loans", [
        (ln["id"], ln["a"]["id"], ln["b"]["id"], ln["principal"], ln["apr"], ln["term"],
         ln["pay"], ln["disb"], ln["secured"], ln["guar"], ln["status"], ln["closed"])
        for ln in loans])  # fmt: skip
    _insert(con, "repayment_schedule", schedule_rows)
    _insert(con, "payments", payment_rows)

"""Recruiting / applicant tracking test database (DuckDB, ``main`` schema).

Northbeam Software, a mid-sized software company, tracks its hiring in an applicant
tracking system (ATS). Hiring managers open job openings ("requisitions", "reqs") in their
departments, recruiters post them and manage the pipeline, candidates apply through
various sources (job boards, employee referrals, agencies, the careers site, ...), go
through a phone screen and an interview loop, and some receive offers, which they accept
or decline.

The data covers requisitions opened from January 2024 up to and including **2025-09-30**,
which is the last day of the data ("today" for every question: "this year" is 2025,
"last month" is August 2025). Profiles of current employees in the ATS (internal
candidates) can date from 2023. Only a few rows lie after today: interviews already
scheduled for the coming two weeks (``interview.status`` = 'scheduled') and agreed start
dates of new hires (``offer.start_date``). Salary ranges are annual amounts in thousands
of US dollars (``*_k`` columns); offer amounts are annual base salaries in US dollars;
durations are in minutes.

Tables
------

``department`` -- one row per department of the company.

* ``department_key`` (INTEGER, primary key): department identifier.
* ``department_name`` (VARCHAR): e.g. 'Platform Engineering', 'Sales'. Unique.
* ``division`` (VARCHAR): 'Engineering', 'Product', 'Go-to-Market' or 'G&A' (general and
  administrative).
* ``cost_center`` (VARCHAR): finance cost-center code, e.g. 'CC-110'.
* ``head_name`` (VARCHAR): full name of the department head.
  The 'Legal' department has never opened a requisition.

``recruiter`` -- one row per member of the talent acquisition team.

* ``recruiter_key`` (INTEGER, primary key): recruiter identifier.
* ``full_name`` (VARCHAR): first name and surname. Unique.
* ``email`` (VARCHAR): work e-mail address.
* ``focus_area`` (VARCHAR): 'technical', 'business', 'executive' or 'university'.
* ``hire_date`` (DATE): day the recruiter joined the company.
* ``is_active`` (BOOLEAN): false for recruiters who have left the company (their
  requisitions keep pointing to them; a colleague did their phone screens afterwards).
* ``contractor`` (BOOLEAN): true for contract (agency-supplied) recruiters, false for
  employees.
  One recruiter joined in September 2025 and owns no requisition yet.

``source`` -- one row per channel through which candidates can apply.

* ``source_key`` (INTEGER, primary key): source identifier.
* ``source_name`` (VARCHAR): e.g. 'LinkedIn Jobs', 'Employee referral'. Unique.
* ``channel`` (VARCHAR): 'job_board', 'referral', 'agency', 'career_site', 'social',
  'event', 'sourcing' (recruiter outreach) or 'internal' (internal job board, used only by
  current employees).
* ``is_paid`` (BOOLEAN): true if the company pays for the source.
* ``agency_fee_pct`` (DECIMAL(4,1)): agency placement fee as a percentage of the hire's
  first-year base salary; NULL for sources that are not agencies.
* ``added_date`` (DATE): day the source was set up in the ATS. One job board was added
  in September 2025 and has no applications yet.

``requisition`` -- one row per job opening.

* ``requisition_key`` (INTEGER, primary key): requisition identifier.
* ``req_code`` (VARCHAR): human-facing code, 'REQ-' + year opened + '-' + sequence, e.g.
  'REQ-2024-0007'. Unique.
* ``job_title`` (VARCHAR): posted job title, e.g. 'Senior Backend Engineer'.
* ``department_key`` (INTEGER, foreign key to ``department``): hiring department.
* ``recruiter_key`` (INTEGER, foreign key to ``recruiter``): recruiter who owns the req;
  NULL when no recruiter has been assigned yet.
* ``hiring_manager`` (VARCHAR): full name of the hiring manager.
* ``job_level`` (VARCHAR): 'intern', 'junior', 'mid', 'senior', 'staff', 'manager' or
  'director'.
* ``employment_type`` (VARCHAR): 'full_time', 'part_time', 'contract' or 'internship'.
* ``location`` (VARCHAR): home office: 'New York', 'Austin', 'Chicago', 'Toronto' or
  'London'.
* ``is_remote`` (BOOLEAN): true if the role can be done fully remotely.
* ``internal`` (BOOLEAN): true if the opening was posted internally only (only current
  employees could apply, all through the 'Internal job board' source).
* ``headcount`` (INTEGER): number of people to hire on this req (1 to 4).
* ``salary_min_k`` (INTEGER): bottom of the approved annual base salary range in
  thousands of USD (e.g. 120 = 120,000 USD); NULL when no range was published.
* ``salary_max_k`` (INTEGER): top of the range in thousands of USD; NULL exactly when
  ``salary_min_k`` is NULL.
* ``opened_date`` (DATE): day the req was opened (approved and posted).
* ``closed_date`` (DATE): day the req was closed: for 'filled' the day the last needed
  offer was accepted, for 'cancelled' the day it was cancelled; NULL for 'open' and
  'on_hold' reqs.
* ``status`` (VARCHAR): 'open' (still hiring), 'on_hold' (paused, not taking new
  applicants), 'filled' (all ``headcount`` positions hired) or 'cancelled' (closed
  without filling every position). Some reqs, especially very new or quickly cancelled
  ones, have no applications at all.

``candidate`` -- one row per person in the ATS. A candidate can apply to several reqs; a
few candidates were added to the talent pool by recruiters and never applied to anything.

* ``candidate_key`` (INTEGER, primary key): candidate identifier.
* ``first_name`` (VARCHAR), ``last_name`` (VARCHAR): given name and surname. Full names
  are unique.
* ``email`` (VARCHAR): personal e-mail address.
* ``phone`` (VARCHAR): phone number; NULL when none was given.
* ``city`` (VARCHAR): city the candidate lives in.
* ``country`` (VARCHAR): 'USA', 'Canada', 'UK', 'Germany', 'India' or 'Brazil'.
* ``years_experience`` (INTEGER): years of professional experience stated by the
  candidate; NULL when not stated.
* ``current_employer`` (VARCHAR): employer at the time the profile was created; NULL when
  unknown or not employed. Internal candidates show 'Northbeam Software'.
* ``internal`` (BOOLEAN): true if the candidate is a current Northbeam employee.
* ``created_date`` (DATE): day the candidate profile was created in the ATS (on or before
  the candidate's first application).

``application`` -- one row per candidate applying to one requisition (a candidate
applies at most once to a given req).

* ``application_key`` (INTEGER, primary key): application identifier.
* ``candidate_key`` (INTEGER, foreign key to ``candidate``): applicant.
* ``requisition_key`` (INTEGER, foreign key to ``requisition``): job applied to.
* ``source_key`` (INTEGER, foreign key to ``source``): where the application came from.
* ``applied_date`` (DATE): day the application was received.
* ``has_referral`` (BOOLEAN): true if an employee referred the candidate; this is the
  case exactly for applications whose source channel is 'referral'.
* ``referrer_name`` (VARCHAR): full name of the referring employee; NULL when
  ``has_referral`` is false.
* ``expected_salary_k`` (INTEGER): annual base salary the candidate asked for, in
  thousands of USD; NULL when the candidate did not say.
* ``stage`` (VARCHAR): furthest pipeline stage reached, in order 'applied' (résumé
  received), 'screen' (had a recruiter phone screen), 'interview' (had at least one
  interview after the screen), 'offer' (received an offer) and 'hired' (accepted an offer).
* ``status`` (VARCHAR): 'active' (still in process), 'hired', 'rejected' (turned down by
  the company), 'withdrawn' (candidate pulled out before any offer) or 'offer_declined'
  (candidate declined the offer).
* ``decision_date`` (DATE): day the application reached its final status; NULL while
  ``status`` is 'active'.
* ``rejection_reason`` (VARCHAR): why the company rejected the candidate, e.g.
  'not enough experience', 'position filled', 'requisition cancelled', 'offer rescinded';
  NULL unless ``status`` is 'rejected'.

``interview`` -- one row per interview (including the recruiter phone screen).

* ``interview_key`` (INTEGER, primary key): interview identifier.
* ``application_key`` (INTEGER, foreign key to ``application``): application interviewed.
* ``interview_date`` (DATE): day of the interview (may be after 2025-09-30 only for
  'scheduled' interviews).
* ``round_type`` (VARCHAR): 'phone_screen' (by a recruiter), 'technical',
  'hiring_manager', 'onsite' or 'culture'.
* ``interviewer_name`` (VARCHAR): full name of the interviewer (the recruiter for phone
  screens, the hiring manager for 'hiring_manager' rounds).
* ``duration_min`` (INTEGER): planned length in minutes.
* ``status`` (VARCHAR): 'completed', 'cancelled' (called off, usually rescheduled as a
  new row), 'no_show' (the candidate did not attend) or 'scheduled' (in the future).
* ``score`` (INTEGER): interviewer's rating from 1 (poor) to 5 (excellent); NULL unless
  the interview was completed, and NULL for a few completed interviews whose feedback
  was never submitted.
* ``recommendation`` (VARCHAR): 'strong_hire', 'hire', 'no_hire' or 'strong_no_hire';
  NULL exactly when ``score`` is NULL.

``offer`` -- one row per written offer. An application usually has at most one offer;
when a candidate negotiated, the first offer has status 'revised' and a second, higher
offer follows.

* ``offer_key`` (INTEGER, primary key): offer identifier.
* ``application_key`` (INTEGER, foreign key to ``application``): application the offer
  was made on.
* ``offer_date`` (DATE): day the offer was extended.
* ``offer_amount_usd`` (DECIMAL(10,2)): offered annual base salary in USD. It usually
  lies within the req's salary range but can exceed ``salary_max_k`` * 1000.
* ``signing_bonus_usd`` (DECIMAL(10,2)): one-time signing bonus in USD; NULL when none.
* ``status`` (VARCHAR): 'pending' (awaiting an answer), 'accepted', 'declined',
  'rescinded' (withdrawn by the company) or 'revised' (replaced by a later offer).
* ``response_date`` (DATE): day the offer was accepted, declined, rescinded or replaced;
  NULL while pending.
* ``start_date`` (DATE): agreed first working day; only for accepted offers (NULL
  otherwise). It can lie after 2025-09-30.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 2)
TODAY = dt.date(2025, 9, 30)

_FIRST = [
    "Avery", "Jordan", "Priyanka", "Mateus", "Hiroshi", "Leila", "Connor", "Anika", "Bruno",
    "Dalia", "Eitan", "Farah", "Gustavo", "Helena", "Ibrahim", "Jasmine", "Kofi", "Lena",
    "Mohit", "Nora", "Oscar", "Paula", "Quentin", "Rania", "Stefan", "Tara", "Umar",
    "Valentina", "Wesley", "Ximena", "Yusuf", "Zara", "Arjun", "Beatriz", "Callum", "Deepa",
    "Emeka", "Freya", "Gabriel", "Hana", "Isaac", "Julia", "Kai", "Lucia", "Marco", "Naomi",
    "Owen", "Pooja", "Rafael", "Sana", "Theo", "Uma", "Viktor", "Willa", "Aditya", "Chiara",
    "Amelia", "Benedikt", "Carmen", "Darius", "Elif", "Finn", "Giulia", "Hamza", "Imani",
    "Joaquin", "Keira", "Luca", "Maya", "Nikhil", "Olga", "Pedro", "Rhea", "Samuel", "Tess",
    "Vikram", "Wren", "Yara", "Zane", "Ayesha",
]  # fmt: skip
_LAST = [
    "Abbott", "Banerjee", "Carvalho", "Dimitrov", "Eriksen", "Fernandes", "Gallagher",
    "Hoffmann", "Iyer", "Jablonski", "Kowalski", "Lindqvist", "Mahmoud", "Nakamura",
    "O'Brien", "Pereira", "Quinn", "Rahman", "Sokolov", "Thompson", "Uddin", "Vasquez",
    "Whitaker", "Xu", "Yamada", "Zimmerman", "Agarwal", "Brennan", "Costa", "Delgado",
    "Ellison", "Fujita", "Grewal", "Holt", "Ivanov", "Jensen", "Kaur", "Lambert", "Moreau",
    "Nwosu", "Osei", "Park", "Reddy", "Schneider", "Tran", "Vogel", "Walsh", "Young",
    "Alvarez", "Bianchi", "Chowdhury", "Douglas", "Esposito", "Fleming", "Goldberg", "Hayes",
    "Ishikawa", "Joshi", "Keller", "Lim", "Mensah", "Novak", "Olsen", "Patel", "Ramos",
    "Stewart", "Takahashi", "Varga", "Weber", "Zhou",
]  # fmt: skip

_DEPARTMENTS = [
    # name, division, cost_center, head, weight (share of reqs)
    ("Platform Engineering", "Engineering", "CC-110", "Miriam Okonjo", 18),
    ("Product Engineering", "Engineering", "CC-120", "Tobias Lindgren", 22),
    ("Data Science", "Engineering", "CC-130", "Anjali Mehta", 9),
    ("Product Management", "Product", "CC-210", "Russell Kane", 7),
    ("Design", "Product", "CC-220", "Ines Marchetti", 5),
    ("Sales", "Go-to-Market", "CC-310", "Derek Fontaine", 16),
    ("Marketing", "Go-to-Market", "CC-320", "Camila Restrepo", 7),
    ("Customer Success", "Go-to-Market", "CC-330", "Graham Whitfield", 10),
    ("Finance", "G&A", "CC-410", "Yvonne Achterberg", 4),
    ("People", "G&A", "CC-420", "Samir Haddad", 3),
    ("Legal", "G&A", "CC-430", "Rebecca Stroud", 0),
]
_TITLES = {
    "Platform Engineering": ["Backend Engineer", "Site Reliability Engineer", "DevOps Engineer",
                             "Security Engineer", "Platform Engineer"],
    "Product Engineering": ["Frontend Engineer", "Full Stack Engineer", "Mobile Engineer",
                            "Backend Engineer", "QA Engineer"],
    "Data Science": ["Data Scientist", "Data Engineer", "Machine Learning Engineer",
                     "Analytics Engineer"],
    "Product Management": ["Product Manager", "Technical Product Manager"],
    "Design": ["Product Designer", "UX Researcher"],
    "Sales": ["Account Executive", "Sales Development Representative", "Sales Engineer"],
    "Marketing": ["Content Marketing Manager", "Demand Generation Manager",
                  "Product Marketing Manager"],
    "Customer Success": ["Customer Success Manager", "Support Specialist",
                         "Implementation Consultant"],
    "Finance": ["Financial Analyst", "Accountant"],
    "People": ["People Partner", "Talent Coordinator"],
}  # fmt: skip
_TECH = {"Platform Engineering", "Product Engineering", "Data Science"}
_LEVEL_PREFIX = {"intern": "Intern ", "junior": "Junior ", "mid": "", "senior": "Senior ",
                 "staff": "Staff ", "manager": "", "director": ""}  # fmt: skip
_LEVEL_BASE_K = {"intern": 55, "junior": 80, "mid": 110, "senior": 145, "staff": 180,
                 "manager": 165, "director": 215}  # fmt: skip
_LOCATIONS = ["New York", "Austin", "Chicago", "Toronto", "London"]

_RECRUITERS = [
    # full_name, focus_area, hire_date, is_active, contractor
    ("Hannah Brightwater", "technical", dt.date(2021, 4, 12), True, False),
    ("Marcus Oyelaran", "technical", dt.date(2022, 1, 10), True, False),
    ("Sofia Castellanos", "technical", dt.date(2022, 8, 1), True, False),
    ("Dev Raman", "technical", dt.date(2023, 2, 6), False, False),
    ("Lauren McAllister", "technical", dt.date(2024, 3, 4), True, True),
    ("Kenji Mori", "technical", dt.date(2024, 6, 17), True, False),
    ("Brianna Fitzgerald", "business", dt.date(2020, 11, 2), True, False),
    ("Tomasz Wrobel", "business", dt.date(2022, 5, 23), True, False),
    ("Adaeze Nnamdi", "business", dt.date(2023, 9, 11), False, True),
    ("Claire Donovan", "business", dt.date(2024, 1, 8), True, False),
    ("Rohan Kapoor", "business", dt.date(2024, 10, 14), True, True),
    ("Evelyn Sutherland", "executive", dt.date(2019, 7, 1), True, False),
    ("Felipe Andrade", "executive", dt.date(2023, 5, 15), True, False),
    ("Grace Liang", "university", dt.date(2022, 9, 6), True, False),
    ("Noor Siddiqui", "university", dt.date(2024, 8, 26), True, True),
    ("Patrick Dunleavy", "technical", dt.date(2025, 9, 8), True, False),
]
_LEFT = {"Dev Raman": dt.date(2025, 2, 28), "Adaeze Nnamdi": dt.date(2024, 12, 20)}

_SOURCES = [
    # name, channel, is_paid, agency_fee_pct, added_date, weight, pass multiplier
    ("LinkedIn Jobs", "job_board", True, None, dt.date(2023, 1, 1), 26, 0.9),
    ("Indeed", "job_board", True, None, dt.date(2023, 1, 1), 22, 0.7),
    ("Glassdoor", "job_board", True, None, dt.date(2023, 6, 1), 8, 0.8),
    ("Stack Overflow Jobs", "job_board", True, None, dt.date(2023, 1, 1), 5, 1.0),
    ("Employee referral", "referral", False, None, dt.date(2023, 1, 1), 12, 1.6),
    ("Careers site", "career_site", False, None, dt.date(2023, 1, 1), 16, 1.0),
    ("Hunt & Partners", "agency", True, 20.0, dt.date(2023, 3, 1), 3, 1.4),
    ("Apex Talent", "agency", True, 18.5, dt.date(2024, 5, 1), 3, 1.3),
    ("LinkedIn Recruiter outreach", "sourcing", True, None, dt.date(2023, 1, 1), 6, 1.2),
    ("Twitter / X", "social", False, None, dt.date(2023, 1, 1), 2, 0.8),
    ("University career fair", "event", True, None, dt.date(2023, 9, 1), 3, 1.0),
    ("Internal job board", "internal", False, None, dt.date(2023, 1, 1), 0, 1.5),
    ("Wellfound", "job_board", True, None, dt.date(2025, 9, 15), 0, 1.0),
]
_SOURCED = ("LinkedIn Recruiter outreach", "Hunt & Partners", "Apex Talent")
_CITIES = {
    "USA": ["New York", "Brooklyn", "Austin", "Chicago", "Denver", "Seattle", "Boston",
            "San Francisco", "Atlanta"],
    "Canada": ["Toronto", "Montreal", "Vancouver"], "UK": ["London", "Manchester", "Edinburgh"],
    "Germany": ["Berlin", "Munich"], "India": ["Bengaluru", "Pune", "Hyderabad"],
    "Brazil": ["São Paulo", "Recife"],
}  # fmt: skip
_EMPLOYERS = ["Globex", "Initech", "Hooli", "Vandelay Industries", "Stark Analytics",
              "Pied Piper", "Umbrella Health", "Wayne Logistics", "Acme Cloud", "Soylent Foods",
              "Cyberdyne", "Tyrell Labs", "Massive Dynamic", "Oscorp Retail"]  # fmt: skip
_REJECT_EARLY = ["not enough experience", "skills mismatch", "location", "salary expectations"]
_REJECT_LATE = ["failed technical assessment", "culture fit", "not enough experience",
                "stronger candidate chosen", "salary expectations"]  # fmt: skip
_ROUND_MIN = {"phone_screen": 30, "technical": 60, "hiring_manager": 45, "onsite": 180,
              "culture": 45}  # fmt: skip

_DDL = """
CREATE TABLE department (
    department_key INTEGER PRIMARY KEY, department_name VARCHAR NOT NULL UNIQUE,
    division VARCHAR NOT NULL, cost_center VARCHAR NOT NULL, head_name VARCHAR NOT NULL
);
CREATE TABLE recruiter (
    recruiter_key INTEGER PRIMARY KEY, full_name VARCHAR NOT NULL UNIQUE,
    email VARCHAR NOT NULL, focus_area VARCHAR NOT NULL, hire_date DATE NOT NULL,
    is_active BOOLEAN NOT NULL, contractor BOOLEAN NOT NULL
);
CREATE TABLE source (
    source_key INTEGER PRIMARY KEY, source_name VARCHAR NOT NULL UNIQUE,
    channel VARCHAR NOT NULL, is_paid BOOLEAN NOT NULL, agency_fee_pct DECIMAL(4, 1),
    added_date DATE NOT NULL
);
CREATE TABLE requisition (
    requisition_key INTEGER PRIMARY KEY,
    req_code VARCHAR NOT NULL UNIQUE,
    job_title VARCHAR NOT NULL,
    department_key INTEGER NOT NULL REFERENCES department (department_key),
    recruiter_key INTEGER REFERENCES recruiter (recruiter_key),
    hiring_manager VARCHAR NOT NULL, job_level VARCHAR NOT NULL,
    employment_type VARCHAR NOT NULL, location VARCHAR NOT NULL,
    is_remote BOOLEAN NOT NULL, internal BOOLEAN NOT NULL, headcount INTEGER NOT NULL,
    salary_min_k INTEGER, salary_max_k INTEGER,
    opened_date DATE NOT NULL, closed_date DATE, status VARCHAR NOT NULL
);
CREATE TABLE candidate (
    candidate_key INTEGER PRIMARY KEY, first_name VARCHAR NOT NULL,
    last_name VARCHAR NOT NULL, email VARCHAR NOT NULL, phone VARCHAR,
    city VARCHAR NOT NULL, country VARCHAR NOT NULL, years_experience INTEGER,
    current_employer VARCHAR, internal BOOLEAN NOT NULL, created_date DATE NOT NULL
);
CREATE TABLE application (
    application_key INTEGER PRIMARY KEY,
    candidate_key INTEGER NOT NULL REFERENCES candidate (candidate_key),
    requisition_key INTEGER NOT NULL REFERENCES requisition (requisition_key),
    source_key INTEGER NOT NULL REFERENCES source (source_key),
    applied_date DATE NOT NULL, has_referral BOOLEAN NOT NULL, referrer_name VARCHAR,
    expected_salary_k INTEGER, stage VARCHAR NOT NULL, status VARCHAR NOT NULL,
    decision_date DATE, rejection_reason VARCHAR
);
CREATE TABLE interview (
    interview_key INTEGER PRIMARY KEY,
    application_key INTEGER NOT NULL REFERENCES application (application_key),
    interview_date DATE NOT NULL, round_type VARCHAR NOT NULL,
    interviewer_name VARCHAR NOT NULL, duration_min INTEGER NOT NULL,
    status VARCHAR NOT NULL, score INTEGER, recommendation VARCHAR
);
CREATE TABLE offer (
    offer_key INTEGER PRIMARY KEY,
    application_key INTEGER NOT NULL REFERENCES application (application_key),
    offer_date DATE NOT NULL, offer_amount_usd DECIMAL(10, 2) NOT NULL,
    signing_bonus_usd DECIMAL(10, 2), status VARCHAR NOT NULL, response_date DATE,
    start_date DATE
);
COMMENT ON COLUMN requisition.salary_min_k IS
    'Bottom of the annual base salary range, thousands of USD; NULL = range not published';
COMMENT ON COLUMN requisition.closed_date IS
    'Day the req was filled or cancelled; NULL while open or on hold';
COMMENT ON COLUMN application.stage IS
    'Furthest stage reached: applied, screen, interview, offer, hired';
COMMENT ON COLUMN interview.score IS
    'Interviewer rating 1-5; NULL unless completed (or feedback not submitted)';
COMMENT ON COLUMN offer.offer_amount_usd IS 'Offered annual base salary in USD';
"""

_DROP_ORDER = ["offer", "interview", "application", "candidate", "requisition", "source",
               "recruiter", "department"]  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in the table's column order) into ``table``."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    prefix = f"INSERT INTO {table} VALUES "
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        con.execute(prefix + ", ".join(marks for _ in chunk), [v for r in chunk for v in r])


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _score(rng: random.Random, good: bool) -> int:
    if good:
        return rng.choices([3, 4, 5], weights=[25, 45, 30])[0]
    return rng.choices([1, 2, 3], weights=[30, 45, 25])[0]


def _recommendation(rng: random.Random, score: int | None) -> str | None:
    if score is None:
        return None
    if score == 3:
        return rng.choice(["hire", "no_hire"])
    return {5: "strong_hire", 4: "hire", 2: "no_hire", 1: "strong_no_hire"}[score]


def _simulate(rng: random.Random, req: dict, applied: dt.date, mult: float) -> dict:
    """Full, uncut life of one application: interviews, offers and final outcome."""
    rec = {"applied": applied, "stages": [(applied, "applied")], "interviews": [],
           "offers": [], "final": None}  # fmt: skip

    def finish(day: dt.date, status: str, reason: str | None) -> dict:
        rec["final"] = (day, status, reason)
        return rec

    review = applied + _days(rng.randint(3, 20))
    if rng.random() > min(0.9, 0.42 * mult):
        if rng.random() < 0.06:
            return finish(review, "withdrawn", None)
        return finish(review, "rejected", rng.choice(_REJECT_EARLY))
    screen = applied + _days(rng.randint(2, 12))
    passed = rng.random() < min(0.9, 0.5 * mult)
    rec["stages"].append((screen, "screen"))
    screener = req["screener"]
    if screener in _LEFT and screen > _LEFT[screener]:
        screener = req["backup"]  # the owner has left; a colleague screens instead
    rec["interviews"].append((screen, "phone_screen", screener, _score(rng, passed)))
    if not passed:
        if rng.random() < 0.08:
            return finish(screen + _days(rng.randint(1, 6)), "withdrawn", None)
        return finish(screen + _days(rng.randint(0, 3)), "rejected", rng.choice(_REJECT_EARLY))
    rounds = ["hiring_manager", "technical" if req["tech"] else "culture"]
    rounds += rng.sample(["onsite", "culture", "technical"], rng.choice([0, 0, 1, 2]))
    rounds = list(dict.fromkeys(rounds))
    passed = rng.random() < min(0.85, 0.33 * mult)
    day = screen
    weak = rng.randrange(len(rounds))
    for i, rnd in enumerate(rounds):
        day = day + _days(rng.randint(2, 9))
        who = req["manager"] if rnd == "hiring_manager" else rng.choice(req["panel"])
        good = passed or (i != weak and rng.random() < 0.6)
        rec["interviews"].append((day, rnd, who, _score(rng, good)))
        if i == 0:
            rec["stages"].append((day, "interview"))
    if not passed:
        if rng.random() < 0.1:
            return finish(day + _days(rng.randint(1, 7)), "withdrawn", None)
        return finish(day + _days(rng.randint(1, 5)), "rejected", rng.choice(_REJECT_LATE))
    offer_day = day + _days(rng.randint(2, 8))
    rec["stages"].append((offer_day, "offer"))
    lo, hi = req["range"]
    amount = round(rng.uniform(lo, hi) * 2) * 500.0
    roll = rng.random()
    if roll < 0.07:
        amount = hi * 1000.0 + rng.randint(1, 10) * 500.0  # just above the range
    elif roll < 0.1:
        amount = hi * 1000.0
    bonus = float(rng.choice([5000, 10000, 10000, 15000, 20000])) if rng.random() < 0.35 else None
    if rng.random() < 0.08:
        answer = offer_day + _days(rng.randint(2, 6))
        rec["offers"].append([offer_day, amount, bonus, "revised", answer])
        offer_day, amount = answer, round(amount * rng.uniform(1.03, 1.08) / 500) * 500.0
    answer = offer_day + _days(rng.randint(1, 10))
    outcome = rng.choices(["accepted", "declined", "rescinded"], weights=[77, 19, 4])[0]
    rec["offers"].append([offer_day, amount, bonus, outcome, answer])
    if outcome == "accepted":
        rec["stages"].append((answer, "hired"))
        rec["start"] = answer + _days(rng.randint(14, 45))
        return finish(answer, "hired", None)
    if outcome == "declined":
        return finish(answer, "offer_declined", None)
    return finish(answer, "rejected", "offer rescinded")


def _cut(rng: random.Random, rec: dict, cut: dt.date, reason: str | None) -> dict:
    """Forget everything after ``cut``; ``reason`` None leaves the application active."""
    day = rec["final"][0]
    if day is None or (day <= cut and not rec.get("force")):
        return rec
    out = dict(rec)
    out["stages"] = [s for s in rec["stages"] if s[0] <= cut]
    if reason is None and cut == TODAY:
        soon = [i for i in rec["interviews"] if cut < i[0] <= cut + _days(14)]
        out["interviews"] = [i for i in rec["interviews"] if i[0] <= cut] + [
            (d, r, w, None, "scheduled") for d, r, w, _ in soon
        ]
    else:
        out["interviews"] = [i for i in rec["interviews"] if i[0] <= cut]
    offers = []
    decided = min(TODAY, cut + _days(rng.randint(0, 3)))
    for o in rec["offers"]:
        if o[0] > cut:
            continue
        if o[4] > cut or (rec.get("force") and o[3] == "accepted"):
            if reason == "position filled":
                offers = []  # the outstanding offer is withdrawn unrecorded
                break
            o = [o[0], o[1], o[2], "pending" if reason is None else "rescinded",
                 None if reason is None else decided]  # fmt: skip
        offers.append(o)
    out["offers"] = offers
    if not offers:
        out["stages"] = [s for s in out["stages"] if s[1] != "offer"]
    out["stages"] = [s for s in out["stages"] if s[1] != "hired"]
    out.pop("start", None)
    out["final"] = (None, "active", None) if reason is None else (decided, "rejected", reason)
    out["force"] = False
    return out


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the recruiting tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------ dimensions
    _insert(con, "department", [(i, *d[:4]) for i, d in enumerate(_DEPARTMENTS, start=1)])
    recruiters = []
    for i, (name, focus, hired, active, contractor) in enumerate(_RECRUITERS, start=1):
        email = name.lower().replace(" ", ".") + "@northbeam.io"
        recruiters.append((i, name, email, focus, hired, active, contractor))
    _insert(con, "recruiter", recruiters)
    _insert(con, "source", [(i, *s[:5]) for i, s in enumerate(_SOURCES, start=1)])
    source_keys = {s[0]: i for i, s in enumerate(_SOURCES, start=1)}

    staff_names = [f"{first} {last}" for first in _FIRST for last in _LAST]
    rng.shuffle(staff_names)
    panels = {d[0]: [staff_names.pop() for _ in range(6)] for d in _DEPARTMENTS}
    referrers = [staff_names.pop() for _ in range(40)]
    taken_names = {r[0] for r in _RECRUITERS} | {d[3] for d in _DEPARTMENTS}
    taken_names |= {n for p in panels.values() for n in p} | set(referrers)

    # ------------------------------------------------------------ requisitions
    n_reqs = 175
    span = (TODAY - FIRST_DAY).days
    opened_days = sorted(FIRST_DAY + _days(int(span * rng.random() ** 0.85)) for _ in range(n_reqs))
    opened_days[-1] = TODAY - _days(1)  # a brand-new req, no applicants yet
    dept_weights = [d[4] for d in _DEPARTMENTS]
    reqs: list[dict] = []
    seq_by_year: dict[int, int] = {}
    for key, opened in enumerate(opened_days, start=1):
        d_idx = rng.choices(range(len(_DEPARTMENTS)), weights=dept_weights)[0]
        dept = _DEPARTMENTS[d_idx][0]
        tech = dept in _TECH
        level = rng.choices(list(_LEVEL_PREFIX), weights=[5, 14, 30, 26, 8, 11, 4])[0]
        emp_type = rng.choices(["full_time", "part_time", "contract"], weights=[88, 4, 8])[0]
        if level == "intern":
            emp_type = "internship"
        title = _LEVEL_PREFIX[level] + rng.choice(_TITLES[dept])
        if level == "manager":
            title = "Manager, " + dept
        elif level == "director":
            title = "Director of " + dept
        focus = ("executive" if level == "director" else "university" if level == "intern"
                 else "technical" if tech else "business")  # fmt: skip
        pool = [i for i, r in enumerate(_RECRUITERS, start=1)
                if r[1] == focus and r[2] <= opened and _LEFT.get(r[0], TODAY) >= opened
                and r[0] != "Patrick Dunleavy"]  # fmt: skip
        recruiter = rng.choice(pool) if pool else None
        if opened >= TODAY - _days(12) and rng.random() < 0.5:
            recruiter = None
        base = _LEVEL_BASE_K[level] * (1.12 if tech else 1.0) * rng.uniform(0.92, 1.08)
        lo = int(round(base * 0.88 / 5) * 5)
        hi = int(round(base * 1.15 / 5) * 5)
        published = rng.random() > 0.1
        internal = rng.random() < 0.08 and level not in ("intern", "director")
        seq_by_year[opened.year] = seq_by_year.get(opened.year, 0) + 1
        reqs.append({
            "key": key, "code": f"REQ-{opened.year}-{seq_by_year[opened.year]:04d}",
            "title": title, "dept": d_idx + 1, "recruiter": recruiter,
            "manager": rng.choice(panels[dept][:2]) if level != "director"
            else _DEPARTMENTS[d_idx][3],
            "level": level, "type": emp_type, "location": rng.choices(
                _LOCATIONS, weights=[34, 24, 16, 12, 14])[0],
            "remote": rng.random() < (0.4 if tech else 0.2), "internal": internal,
            "headcount": rng.choices([1, 2, 3, 4], weights=[74, 16, 7, 3])[0]
            if level not in ("director", "manager", "staff") else 1,
            "min": lo if published else None, "max": hi if published else None,
            "range": (lo, hi), "opened": opened, "tech": tech, "panel": panels[dept],
            "screener": _RECRUITERS[recruiter - 1][0] if recruiter
            else "Patrick Dunleavy",
            "backup": {"technical": "Kenji Mori"}.get(focus, "Claire Donovan"),
        })  # fmt: skip

    # ------------------------------------------------------------ applications
    src_names = [s[0] for s in _SOURCES]
    src_weights = [s[5] for s in _SOURCES]
    src_mult = {s[0]: s[6] for s in _SOURCES}
    apps: list[dict] = []
    for req in reqs:
        opened = req["opened"]
        fate = rng.random()
        stop = None
        if fate < 0.08 and opened < dt.date(2025, 8, 1):
            stop = ("cancel", opened + _days(rng.randint(3, 120)))
        elif fate < 0.13 and opened >= dt.date(2025, 1, 1):
            stop = ("hold", opened + _days(rng.randint(15, 60)))
        if stop and stop[1] > TODAY:
            stop = None
        if req["key"] == 12:
            stop = ("cancel", opened + _days(2))  # cancelled before anybody applied
        window = opened + _days(rng.randint(70, 160))
        rate = (0.12 if req["internal"] else rng.uniform(0.17, 0.42)) * req["headcount"] ** 0.6
        if req["level"] == "intern":
            rate *= 1.8
        mine: list[dict] = []
        day = opened + _days(rng.randint(1, 6))
        if req["key"] == 12:
            day = TODAY + _days(1)
        while day <= min(TODAY, window) and (stop is None or day <= stop[1]):
            if req["internal"]:
                src = "Internal job board"
            else:
                src = rng.choices(src_names, weights=src_weights)[0]
                if src == "University career fair" and req["level"] not in ("intern", "junior"):
                    src = "Careers site"
            mult = src_mult[src] * (1.4 if req["level"] in ("director", "staff") else 1.0)
            rec = _simulate(rng, req, day, mult)
            rec.update(req=req, source=src)
            mine.append(rec)
            day += _days(int(rng.expovariate(rate)))
        hires = sorted((r["final"][0], i) for i, r in enumerate(mine)
                       if r["final"][1] == "hired" and r["final"][0] <= TODAY)  # fmt: skip
        fill = hires[req["headcount"] - 1][0] if len(hires) >= req["headcount"] else None
        if stop and fill and fill <= stop[1]:
            stop = None
        status, closed = "open", None
        if fill and not stop:
            status, closed = "filled", fill
            keep = {i for _, i in hires[: req["headcount"]]}
            mine = [r for r in mine if r["applied"] <= fill]
            for i, r in enumerate(mine):
                if i not in keep:
                    r["force"] = r["final"][1] == "hired"
                    mine[i] = _cut(rng, r, fill, "position filled")
        elif stop and stop[0] == "cancel":
            status, closed = "cancelled", stop[1]
            mine = [_cut(rng, r, stop[1], "requisition cancelled") for r in mine]
        elif stop:
            status = "on_hold"
            mine = [r for r in mine if r["applied"] <= stop[1]]
            mine = [_cut(rng, r, stop[1], None) for r in mine]
        req["status"], req["closed"] = status, closed
        apps.extend(_cut(rng, r, TODAY, None) for r in mine)
    for req in reqs:
        if req["recruiter"] is None and req["status"] != "open":
            req["recruiter"] = 2

    _insert(con, "requisition",
            [(r["key"], r["code"], r["title"], r["dept"], r["recruiter"], r["manager"],
              r["level"], r["type"], r["location"], r["remote"], r["internal"],
              r["headcount"], r["min"], r["max"], r["opened"], r["closed"], r["status"])
             for r in reqs])  # fmt: skip

    # ------------------------------------------------------------ candidates
    apps.sort(key=lambda a: (a["applied"], a["req"]["key"]))
    candidates: list[list] = []
    used_names: set[str] = set(taken_names)
    applied_to: dict[int, set[int]] = {}

    def new_candidate(created: dt.date, internal: bool) -> int:
        while True:
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            if f"{first} {last}" not in used_names:
                break
            if rng.random() < 0.3:
                last = "-".join(rng.sample(_LAST, 2))
                if f"{first} {last}" not in used_names:
                    break
        used_names.add(f"{first} {last}")
        country = rng.choices(list(_CITIES), weights=[60, 12, 12, 5, 7, 4])[0]
        if internal:
            country = rng.choice(["USA", "USA", "Canada", "UK"])
        exp = max(0, min(30, round(rng.gammavariate(2.2, 3.2))))
        email_user = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
        employer = rng.choice(_EMPLOYERS) if rng.random() < 0.7 else None
        if internal:
            employer = "Northbeam Software"
        domain = rng.choice(["gmail.com", "outlook.com", "proton.me"])
        phone = f"+1-555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
        candidates.append([
            len(candidates) + 1, first, last, f"{email_user}{rng.randint(1, 99)}@{domain}",
            None if rng.random() < 0.18 else phone,
            rng.choice(_CITIES[country]), country,
            None if rng.random() < 0.09 else exp, employer, internal, created,
        ])  # fmt: skip
        applied_to[len(candidates)] = set()
        return len(candidates)

    internal_pool = [new_candidate(dt.date(2023, 12, rng.randint(1, 28)), True)
                     for _ in range(30)]  # fmt: skip
    for c in internal_pool:
        candidates[c - 1][10] = dt.date(2023, 6, 1) + _days(rng.randint(0, 200))
    for app in apps:
        req = app["req"]
        if req["internal"]:
            choices = [c for c in internal_pool if req["key"] not in applied_to[c]]
            cand = rng.choice(choices) if choices else new_candidate(app["applied"], True)
        else:
            cand = None
            if rng.random() < 0.11 and len(candidates) > 60:
                c = rng.randint(31, len(candidates))
                if req["key"] not in applied_to[c] and candidates[c - 1][10] <= app["applied"]:
                    cand = c
            if cand is None:
                lead = rng.randint(1, 40) if app["source"] in _SOURCED else 0
                cand = new_candidate(app["applied"] - _days(lead), False)
        applied_to[cand].add(req["key"])
        app["candidate"] = cand
    for _ in range(45):  # talent pool, never applied
        new_candidate(FIRST_DAY + _days(rng.randint(0, span)), False)
    _insert(con, "candidate", [tuple(c) for c in candidates])

    # ------------------------------------------------------------ application rows
    app_rows, interviews, offers = [], [], []
    for key, app in enumerate(apps, start=1):
        req = app["req"]
        day, status, reason = app["final"]
        referral = app["source"] == "Employee referral"
        expected = None
        if rng.random() < 0.6:
            ask = rng.uniform(req["range"][0] * 0.9, req["range"][1] * 1.15)
            expected = int(round(ask / 5) * 5)
        stage = app["stages"][-1][1] if app["stages"] else "applied"
        if status == "hired":
            stage = "hired"
        app_rows.append((key, app["candidate"], req["key"], source_keys[app["source"]],
                         app["applied"], referral, rng.choice(referrers) if referral else None,
                         expected, stage, status, day, reason))  # fmt: skip
        for itv in app["interviews"]:
            i_day, rnd, who, score = itv[:4]
            state = itv[4] if len(itv) > 4 else "completed"
            if state == "completed" and rng.random() < 0.06:
                gone = rng.choices(["cancelled", "no_show"], weights=[3, 1])[0]
                early = i_day - _days(rng.randint(1, 5))
                if early > app["applied"]:
                    interviews.append([key, early, rnd, who, _ROUND_MIN[rnd], gone, None, None])
            if state == "completed" and rng.random() < 0.03:
                score = None
            interviews.append([key, i_day, rnd, who, _ROUND_MIN[rnd], state, score,
                               _recommendation(rng, score)])  # fmt: skip
        for o in app["offers"]:
            start = app.get("start") if o[3] == "accepted" else None
            offers.append([key, o[0], o[1], o[2], o[3], o[4], start])
    _insert(con, "application", app_rows)
    interviews.sort(key=lambda r: (r[1], r[0]))
    _insert(con, "interview", [(i, *r) for i, r in enumerate(interviews, start=1)])
    offers.sort(key=lambda r: (r[1], r[0]))
    _insert(con, "offer", [(i, *r) for i, r in enumerate(offers, start=1)])

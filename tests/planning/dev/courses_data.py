"""Online learning platform test database (DuckDB, ``main`` schema).

An online learning platform sells self-paced video courses. Independent instructors write
courses; learners sign up (on a free or paid subscription plan), buy or enrol in courses,
watch the lessons, may finish the course (and receive a certificate) and may leave a review.

The platform opened to the public on 2023-01-01; a handful of instructors and courses were
set up during a private beta in 2022 (before any learner could sign up). The data runs up to
and including **2025-06-15**, which is the last day of the data ("today" for every question):
"this year" is 2025, "last year" is 2024, "this month" is 1-15 June 2025, "last month" is May
2025, "last quarter" is January-March 2025 (Q1 2025), "the last 30 days" are 2025-05-17 to
2025-06-15 inclusive. Money is in US dollars (columns ending ``_usd``), durations are in
minutes (``duration_minutes``). Timestamps end in ``_ts`` (platform time, UTC), calendar
dates end in ``_date``. Countries are two-letter ISO codes (see below). Coded columns and
their allowed values are listed below and in the column comments (``COMMENT ON COLUMN``,
see ``_DDL``).

Country codes used in ``country_code``: 'US' United States, 'GB' United Kingdom, 'IN'
India, 'DE' Germany, 'CA' Canada, 'AU' Australia, 'NG' Nigeria, 'BR' Brazil, 'FR' France,
'ES' Spain, 'JP' Japan, 'MX' Mexico.

Tables
------

``instructors`` -- one row per instructor (course author) with an account on the platform.

* ``instructor_id`` (INTEGER, primary key).
* ``full_name`` (VARCHAR, unique): first name and surname.
* ``country_code`` (VARCHAR): two-letter ISO country code of the instructor's residence.
* ``joined_date`` (DATE): day the instructor account was approved (2022 = private beta).
* ``revenue_share_percent`` (INTEGER): share of the net course revenue paid to the
  instructor, in percent (e.g. 50 = half).
  Some instructors have not published any course yet (drafts only, or no course at all).

``courses`` -- one row per course (published, draft or withdrawn).

* ``course_id`` (INTEGER, primary key).
* ``course_title`` (VARCHAR): course title. Titles are NOT unique: a few generic titles
  (e.g. 'Introduction to Statistics') exist as separate courses by different instructors.
* ``subject_area`` (VARCHAR): one of 'Data Science', 'Programming', 'Design', 'Business',
  'Marketing', 'Languages', 'Photography', 'Music'.
* ``course_level`` (VARCHAR): difficulty code, 'beginner', 'intermediate' or 'advanced'.
* ``list_price_usd`` (DECIMAL(7,2)): catalogue price in USD before any discount; 0 for free
  courses.
* ``published`` (BOOLEAN): true if the course is currently live in the catalogue. False for
  drafts (never released, no enrolments) and for withdrawn courses (taken down by the
  instructor; their past enrolments remain).
* ``instructor_id`` (INTEGER, foreign key to ``instructors``): author of the course.
* ``created_date`` (DATE): day the course was created on the platform.
* ``lesson_count`` (INTEGER): number of lessons in the course (lessons are numbered 1..n).

``learners`` -- one row per learner account (students who watch courses).

* ``learner_id`` (INTEGER, primary key).
* ``full_name`` (VARCHAR): first name and surname; NOT unique (several learners share a
  name, usually in different countries).
* ``email_address`` (VARCHAR, unique).
* ``country_code`` (VARCHAR): two-letter ISO country code; NULL when the learner did not
  give a country.
* ``signup_date`` (DATE): day the account was created (2023-01-01 or later).
* ``subscription_plan`` (VARCHAR): current plan code, 'free', 'plus' or 'pro' (see column
  comment). The plan does not change the price paid for a course.
  Many learners signed up but never enrolled in any course.

``enrolments`` -- one row per learner enrolled in a course (a purchase, or a free sign-up
for a free course). A learner enrols in the same course at most once.

* ``enrolment_id`` (INTEGER, primary key).
* ``learner_id`` (INTEGER, foreign key to ``learners``).
* ``course_id`` (INTEGER, foreign key to ``courses``).
* ``enrolled_ts`` (TIMESTAMP): when the learner enrolled (bought the course).
* ``coupon_code`` (VARCHAR): discount coupon used, 'WELCOME10' (10 % off), 'SPRING25'
  (25 % off) or 'FLASH50' (50 % off); NULL when no coupon was used.
* ``price_paid_usd`` (DECIMAL(7,2)): amount the learner actually paid in USD, i.e. the
  list price after the coupon discount; 0 for free courses. Revenue = sum of
  ``price_paid_usd`` over enrolments that were not refunded.
* ``refunded`` (BOOLEAN): true if the purchase was refunded (money returned, access
  removed). Refunded enrolments are never completed and never get a certificate; they do
  not count as revenue.
* ``completed_ts`` (TIMESTAMP): when the learner finished the last lesson of the course;
  NULL when the course has not been completed (yet).
* ``certificate_issued`` (BOOLEAN): true if a certificate of completion was issued. Only
  completed enrolments can have one, and not all do (the final quiz must be passed).

``lesson_completions`` -- one row per lesson a learner finished within an enrolment.

* ``lesson_completion_id`` (INTEGER, primary key).
* ``enrolment_id`` (INTEGER, foreign key to ``enrolments``).
* ``lesson_number`` (INTEGER): 1..``courses.lesson_count``; each lesson at most once per
  enrolment.
* ``duration_minutes`` (INTEGER): minutes of video the learner watched for this lesson.
* ``completed_ts`` (TIMESTAMP): when the lesson was finished.

``course_reviews`` -- one row per review. At most one review per enrolment; refunded
enrolments may also have a review.

* ``review_id`` (INTEGER, primary key).
* ``enrolment_id`` (INTEGER, foreign key to ``enrolments``, unique).
* ``stars`` (INTEGER): rating from 1 (worst) to 5 (best).
* ``review_date`` (DATE): day the review was posted.
* ``review_text`` (VARCHAR): written comment; NULL for a stars-only review.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 6, 15)
_END = dt.datetime(2025, 6, 15, 23, 59, 59)

_COUNTRIES = ["US", "GB", "IN", "DE", "CA", "AU", "NG", "BR", "FR", "ES", "JP", "MX"]
_LEARNER_COUNTRY_WEIGHTS = [30, 14, 16, 7, 6, 5, 5, 5, 4, 3, 2, 3]
_INSTRUCTOR_COUNTRY_WEIGHTS = [30, 20, 12, 8, 8, 6, 3, 3, 4, 3, 1, 2]

# subject -> [(title, level), ...]
_TITLES = {
    "Data Science": [
        ("Introduction to Statistics", "beginner"), ("Python for Data Analysis", "beginner"),
        ("Machine Learning in Practice", "intermediate"),
        ("Deep Learning with PyTorch", "advanced"),
        ("SQL for Analysts", "beginner"), ("Time Series Forecasting", "advanced"),
        ("Data Visualisation with ggplot2", "intermediate"), ("Bayesian Methods", "advanced"),
        ("A/B Testing Essentials", "intermediate"), ("Feature Engineering Deep Dive", "advanced"),
    ],
    "Programming": [
        ("JavaScript from Scratch", "beginner"), ("Modern React", "intermediate"),
        ("Rust for Systems Programmers", "advanced"), ("Go Concurrency Patterns", "advanced"),
        ("Python Fundamentals", "beginner"), ("Clean Code in Java", "intermediate"),
        ("Git and GitHub Basics", "beginner"), ("Docker and Kubernetes", "intermediate"),
        ("Algorithms and Data Structures", "intermediate"), ("TypeScript in Depth", "advanced"),
    ],
    "Design": [
        ("Figma for Beginners", "beginner"), ("UX Research Methods", "intermediate"),
        ("Typography Masterclass", "advanced"), ("Colour Theory for Designers", "beginner"),
        ("Design Systems at Scale", "advanced"), ("Logo Design Workshop", "intermediate"),
    ],
    "Business": [
        ("Introduction to Statistics", "beginner"),
        ("Financial Modelling in Excel", "intermediate"),
        ("Project Management Fundamentals", "beginner"), ("Negotiation Skills", "intermediate"),
        ("Startup Finance", "advanced"), ("Leadership for New Managers", "beginner"),
        ("Business Strategy Case Studies", "advanced"),
    ],
    "Marketing": [
        ("SEO Fundamentals", "beginner"), ("Google Ads Bootcamp", "intermediate"),
        ("Content Marketing Strategy", "intermediate"), ("Email Marketing Automation", "advanced"),
        ("Social Media Marketing", "beginner"), ("Marketing Analytics", "advanced"),
    ],
    "Languages": [
        ("Spanish for Travellers", "beginner"), ("Business English", "intermediate"),
        ("Japanese Hiragana and Katakana", "beginner"),
        ("French Grammar Intensive", "intermediate"),
        ("German B2 Exam Preparation", "advanced"), ("Conversational Italian", "beginner"),
    ],
    "Photography": [
        ("Smartphone Photography", "beginner"), ("Portrait Lighting", "intermediate"),
        ("Lightroom Editing Workflow", "intermediate"), ("Landscape Photography", "advanced"),
        ("Street Photography", "beginner"),
    ],
    "Music": [
        ("Guitar for Absolute Beginners", "beginner"), ("Music Theory Essentials", "beginner"),
        ("Mixing and Mastering", "advanced"), ("Piano Chords and Progressions", "intermediate"),
        ("Songwriting Workshop", "intermediate"),
    ],
}  # fmt: skip
# generic titles that a second instructor also publishes (in the same subject area)
_DUPLICATE_TITLES = [
    ("Data Science", "Python for Data Analysis", "intermediate"),
    ("Programming", "Python Fundamentals", "beginner"),
    ("Photography", "Smartphone Photography", "beginner"),
]
_PRICES = {
    "beginner": [0.0, 19.99, 24.99, 29.99, 39.99],
    "intermediate": [39.99, 49.99, 59.99, 79.99],
    "advanced": [79.99, 99.99, 129.99, 149.99],
}

_FIRST = [
    "Sarah", "James", "Priya", "Mohammed", "Emma", "Oliver", "Aisha", "Lucas", "Sofia", "Daniel",
    "Chloe", "Raj", "Hannah", "Thomas", "Yuki", "Carlos", "Grace", "Ben", "Fatima", "Liam",
    "Anna", "Kwame", "Isabel", "Noah", "Mei", "Jonas", "Laura", "Ahmed", "Zoe", "Pedro",
    "Ella", "Arjun", "Nina", "Samuel", "Leah", "Tomás", "Olivia", "Chidi", "Marie", "Kenji",
]  # fmt: skip
_LAST = [
    "Khan", "Smith", "Patel", "Müller", "Brown", "Garcia", "Okafor", "Singh", "Martin", "Jones",
    "Silva", "Tanaka", "Wilson", "Schmidt", "Taylor", "Dubois", "Lopez", "Kumar", "Evans",
    "Adeyemi", "Fischer", "Walker", "Rossi", "Nakamura", "Hughes", "Santos", "Clarke", "Mehta",
    "Becker", "Murphy", "Roberts", "Fernandez", "Wright", "Ito", "Green",
]  # fmt: skip

_REVIEW_TEXT = {
    1: ["Waste of money.", "Audio quality is terrible.", "Far too basic, asked for a refund."],
    2: ["Content is outdated.", "Instructor rushes through everything.", "Expected more depth."],
    3: ["Decent but could be better organised.", "OK for the price.", "Some lessons are great."],
    4: ["Very clear explanations.", "Good exercises, a bit long.", "Solid course overall."],
    5: ["Best course I have taken!", "Excellent, highly recommended.", "Changed my career."],
}

_DDL = """
CREATE TABLE instructors (
    instructor_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL UNIQUE,
    country_code VARCHAR NOT NULL,
    joined_date DATE NOT NULL,
    revenue_share_percent INTEGER NOT NULL
);
CREATE TABLE courses (
    course_id INTEGER PRIMARY KEY,
    course_title VARCHAR NOT NULL,
    subject_area VARCHAR NOT NULL,
    course_level VARCHAR NOT NULL,
    list_price_usd DECIMAL(7, 2) NOT NULL,
    published BOOLEAN NOT NULL,
    instructor_id INTEGER NOT NULL REFERENCES instructors (instructor_id),
    created_date DATE NOT NULL,
    lesson_count INTEGER NOT NULL
);
CREATE TABLE learners (
    learner_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL,
    email_address VARCHAR NOT NULL UNIQUE,
    country_code VARCHAR,
    signup_date DATE NOT NULL,
    subscription_plan VARCHAR NOT NULL
);
CREATE TABLE enrolments (
    enrolment_id INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learners (learner_id),
    course_id INTEGER NOT NULL REFERENCES courses (course_id),
    enrolled_ts TIMESTAMP NOT NULL,
    coupon_code VARCHAR,
    price_paid_usd DECIMAL(7, 2) NOT NULL,
    refunded BOOLEAN NOT NULL,
    completed_ts TIMESTAMP,
    certificate_issued BOOLEAN NOT NULL,
    UNIQUE (learner_id, course_id)
);
CREATE TABLE lesson_completions (
    lesson_completion_id INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments (enrolment_id),
    lesson_number INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL,
    completed_ts TIMESTAMP NOT NULL,
    UNIQUE (enrolment_id, lesson_number)
);
CREATE TABLE course_reviews (
    review_id INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL UNIQUE REFERENCES enrolments (enrolment_id),
    stars INTEGER NOT NULL,
    review_date DATE NOT NULL,
    review_text VARCHAR
);
COMMENT ON COLUMN instructors.country_code IS
    'ISO 3166 alpha-2: US, GB (United Kingdom), IN, DE, CA, AU, NG, BR, FR, ES, JP, MX';
COMMENT ON COLUMN instructors.revenue_share_percent IS
    'Instructor share of net course revenue, in percent (0-100)';
COMMENT ON COLUMN courses.course_level IS
    'beginner, intermediate or advanced';
COMMENT ON COLUMN courses.list_price_usd IS
    'Catalogue price in US dollars before coupons; 0 = free course';
COMMENT ON COLUMN courses.published IS
    'True = live in the catalogue; false = draft (never released) or withdrawn';
COMMENT ON COLUMN learners.country_code IS
    'ISO 3166 alpha-2 (GB = United Kingdom); NULL = not provided';
COMMENT ON COLUMN learners.subscription_plan IS
    'free = free tier, plus = Plus (monthly paid), pro = Pro (annual paid, top tier)';
COMMENT ON COLUMN enrolments.coupon_code IS
    'WELCOME10 = 10% off, SPRING25 = 25% off, FLASH50 = 50% off; NULL = no coupon';
COMMENT ON COLUMN enrolments.price_paid_usd IS
    'Amount paid in US dollars after coupon discount; 0 for free courses';
COMMENT ON COLUMN enrolments.refunded IS
    'True = purchase refunded; exclude from revenue';
COMMENT ON COLUMN enrolments.completed_ts IS
    'When the course was finished; NULL = not completed';
COMMENT ON COLUMN lesson_completions.duration_minutes IS
    'Minutes of video watched for the lesson';
COMMENT ON COLUMN course_reviews.stars IS
    'Rating 1 (worst) to 5 (best)';
"""

_DROP_ORDER = ["course_reviews", "lesson_completions", "enrolments", "learners", "courses",
               "instructors"]  # fmt: skip
_COUPONS = {"WELCOME10": 0.10, "SPRING25": 0.25, "FLASH50": 0.50}


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _rand_date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max((hi - lo).days, 0)))


def _rand_ts(rng: random.Random, day: dt.date) -> dt.datetime:
    hour = rng.choices(range(24), weights=[1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5,
                                           5, 5, 5, 5, 6, 6, 7, 8, 8, 6, 4, 2])[0]  # fmt: skip
    return dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)))


def _growth_date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    """A date in [lo, hi], denser towards hi (the platform grows)."""
    span = max((hi - lo).days, 0)
    return lo + dt.timedelta(days=int(span * (rng.random() ** 0.75)))


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the learning-platform tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # --------------------------------------------------------------- instructors
    names = [f"{f} {s}" for f in _FIRST for s in _LAST]
    rng.shuffle(names)
    instructors = []
    for iid in range(1, 37):
        name = names.pop()
        if iid <= 5:
            joined = _rand_date(rng, dt.date(2022, 5, 1), dt.date(2022, 11, 30))
        elif iid >= 34:
            joined = _rand_date(rng, dt.date(2025, 3, 1), dt.date(2025, 6, 1))
        else:
            joined = _rand_date(rng, dt.date(2022, 12, 1), dt.date(2024, 10, 31))
        country = rng.choices(_COUNTRIES, weights=_INSTRUCTOR_COUNTRY_WEIGHTS)[0]
        share = rng.choice([50, 50, 60, 60, 70, 75])
        instructors.append({"id": iid, "name": name, "country": country, "joined": joined,
                            "share": share})  # fmt: skip
    _insert(con, "instructors", [(i["id"], i["name"], i["country"], i["joined"], i["share"])
                                 for i in instructors])  # fmt: skip

    # --------------------------------------------------------------- courses
    pool = [(subj, title, lvl) for subj, items in _TITLES.items() for title, lvl in items]
    pool += _DUPLICATE_TITLES
    rng.shuffle(pool)
    # instructors 35 and 36 have nothing; 34 has only a draft
    authors = [i for i in instructors if i["id"] <= 33]
    subj_of: dict[int, list[str]] = {}
    for i in authors:
        subj_of[i["id"]] = rng.sample(list(_TITLES), 2)
    courses = []
    taken: set[tuple[int, str]] = set()
    for subj, title, lvl in pool:
        cands = [i for i in authors if subj in subj_of[i["id"]] and (i["id"], title) not in taken]
        if not cands:
            cands = [i for i in authors if (i["id"], title) not in taken]
        inst = rng.choice(cands)
        taken.add((inst["id"], title))
        cid = len(courses) + 1
        created = min(
            LAST_DAY - dt.timedelta(days=30),
            inst["joined"] + dt.timedelta(days=rng.randint(10, 320)),
        )
        price = rng.choice(_PRICES[lvl])
        lessons = rng.randint(6, 14) if lvl == "beginner" else rng.randint(8, 22)
        courses.append({"id": cid, "title": title, "subj": subj, "lvl": lvl, "price": price,
                        "published": True, "inst": inst["id"], "created": created,
                        "lessons": lessons, "quality": rng.uniform(-1.2, 1.0),
                        "pop": rng.choice([1, 1, 2, 2, 3, 4, 6, 9]),
                        "withdrawn": None})  # fmt: skip
    # drafts: recent, never released
    for c in rng.sample(courses, 6):
        c["published"] = False
        c["created"] = _rand_date(rng, dt.date(2025, 3, 1), dt.date(2025, 6, 10))
        c["pop"] = 0
    c = {"id": len(courses) + 1, "title": "Watercolour Sketching", "subj": "Design",
         "lvl": "beginner", "price": 29.99, "published": False, "inst": 34,
         "created": instructors[33]["joined"] + dt.timedelta(days=4), "lessons": 9,
         "quality": 0.0, "pop": 0,
         "withdrawn": None}  # fmt: skip
    courses.append(c)
    # withdrawn: old courses taken down; enrolments stop at the withdrawal day
    old = [c for c in courses if c["published"] and c["created"] < dt.date(2023, 9, 1)]
    for c in rng.sample(old, 4):
        c["published"] = False
        c["withdrawn"] = _rand_date(rng, dt.date(2024, 3, 1), dt.date(2025, 2, 28))
    # published very recently: nobody has enrolled yet
    for c in courses:
        if c["published"] and c["created"] >= dt.date(2025, 5, 1):
            c["pop"] = 0
    _insert(con, "courses", [(c["id"], c["title"], c["subj"], c["lvl"], c["price"],
                              c["published"], c["inst"], c["created"], c["lessons"])
                             for c in courses])  # fmt: skip

    # --------------------------------------------------------------- learners
    learner_first = [*_FIRST, "Aaron", "Bella", "Diego", "Eva", "Hiro", "Ivan", "Jade", "Kofi"]
    learners = []
    emails: set[str] = set()
    for lid in range(1, 1501):
        name = f"{rng.choice(learner_first)} {rng.choice(_LAST)}"
        country = rng.choices(_COUNTRIES, weights=_LEARNER_COUNTRY_WEIGHTS)[0]
        if rng.random() < 0.04:
            country = None
        signup = _growth_date(rng, FIRST_DAY, LAST_DAY)
        plan = rng.choices(["free", "plus", "pro"], weights=[58, 27, 15])[0]
        base = name.lower().replace(" ", ".").replace("ü", "u").replace("á", "a")
        email = f"{base}@example.com"
        n = 1
        while email in emails:
            n += 1
            email = f"{base}{n}@example.com"
        emails.add(email)
        learners.append({"id": lid, "name": name, "email": email, "country": country,
                         "signup": signup, "plan": plan})  # fmt: skip
    _insert(con, "learners", [(x["id"], x["name"], x["email"], x["country"], x["signup"],
                               x["plan"]) for x in learners])  # fmt: skip

    # --------------------------------------------------------------- enrolments
    enrol_courses = [c for c in courses if c["pop"] > 0]
    enrolments = []
    lessons = []
    reviews = []
    for x in learners:
        k = rng.choices([0, 1, 2, 3, 4, 5, 7], weights=[
            {"free": 30, "plus": 14, "pro": 8}[x["plan"]], 30, 20, 12, 8, 5, 3])[0]  # fmt: skip
        chosen: set[int] = set()
        for _ in range(k):
            if rng.random() < 0.5:
                day = _rand_date(rng, x["signup"], min(LAST_DAY, x["signup"] + dt.timedelta(30)))
            else:
                day = _rand_date(rng, x["signup"], LAST_DAY)
            open_courses = [q for q in enrol_courses if q["created"] + dt.timedelta(days=3) <= day
                            and (q["withdrawn"] is None or day <= q["withdrawn"])
                            and q["id"] not in chosen]  # fmt: skip
            if not open_courses:
                continue
            c = rng.choices(open_courses, weights=[q["pop"] for q in open_courses])[0]
            chosen.add(c["id"])
            enrolled = _rand_ts(rng, day)
            coupon = None
            if c["price"] > 0 and rng.random() < 0.3:
                coupon = rng.choices(list(_COUPONS), weights=[5, 3, 2])[0]
            paid = round(c["price"] * (1 - _COUPONS[coupon]), 2) if coupon else c["price"]
            refunded = paid > 0 and rng.random() < 0.07
            if refunded and enrolled.date() > LAST_DAY - dt.timedelta(days=2):
                refunded = False
            p_complete = {"beginner": 0.45, "intermediate": 0.35, "advanced": 0.25}[c["lvl"]]
            p_complete += 0.1 if x["plan"] == "pro" else 0.0
            completed = None
            n_done = 0
            if refunded:
                n_done = rng.choice([0, 0, 1, 2])
            elif rng.random() < p_complete:
                completed = enrolled + dt.timedelta(days=rng.randint(2, 150),
                                                    minutes=rng.randint(0, 1440))  # fmt: skip
                if completed > _END:
                    completed = None
                    n_done = rng.randint(1, c["lessons"] - 1)
                else:
                    n_done = c["lessons"]
            else:
                n_done = rng.choices([0, rng.randint(1, c["lessons"] - 1)], weights=[3, 7])[0]
            cert = completed is not None and rng.random() < 0.88
            eid = len(enrolments) + 1
            enrolments.append([eid, x["id"], c["id"], enrolled, coupon, paid, refunded,
                               completed, cert])  # fmt: skip
            # lessons
            if refunded:
                end = enrolled + dt.timedelta(days=rng.randint(1, 12))
            elif completed is not None:
                end = completed
            else:
                end = min(_END, enrolled + dt.timedelta(days=rng.randint(5, 200)))
            span = (end - enrolled).total_seconds()
            stamps = sorted(rng.uniform(0, span) for _ in range(n_done))
            if completed is not None and stamps:
                stamps[-1] = span
            for num, offs in enumerate(stamps, start=1):
                ts = enrolled + dt.timedelta(seconds=int(offs))
                if ts > _END:
                    ts = _END
                mins = max(2, int(rng.gauss(14 if c["lvl"] == "beginner" else 19, 6)))
                lessons.append((eid, num, mins, ts))
            # review
            p_review = 0.5 if completed is not None else (0.35 if refunded else 0.15)
            if n_done == 0 and not refunded:
                p_review = 0.02
            if rng.random() < p_review:
                base_day = (completed or (enrolled + dt.timedelta(days=rng.randint(1, 40)))).date()
                rday = min(LAST_DAY, base_day + dt.timedelta(days=rng.randint(0, 21)))
                mood = c["quality"] + (-1.5 if refunded else 0.0) + rng.gauss(0, 1.1)
                stars = 5 if mood > 0.9 else 4 if mood > -0.1 else 3 if mood > -0.9 else (
                    2 if mood > -1.7 else 1)  # fmt: skip
                text = rng.choice(_REVIEW_TEXT[stars]) if rng.random() < 0.6 else None
                reviews.append((eid, stars, rday, text))
    enrolments.sort(key=lambda e: e[3])
    remap = {e[0]: new for new, e in enumerate(enrolments, start=1)}
    for e in enrolments:
        e[0] = remap[e[0]]
    _insert(con, "enrolments", [tuple(e) for e in enrolments])
    lessons = sorted(((remap[e], n, m, ts) for e, n, m, ts in lessons), key=lambda r: (r[3], r[0]))
    _insert(con, "lesson_completions", [(i, *r) for i, r in enumerate(lessons, start=1)])
    reviews = sorted(((remap[e], s, d, t) for e, s, d, t in reviews), key=lambda r: (r[2], r[0]))
    _insert(con, "course_reviews", [(i, *r) for i, r in enumerate(reviews, start=1)])

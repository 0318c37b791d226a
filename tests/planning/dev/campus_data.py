"""A seeded database of a small university: departments, instructors, students, the course
catalogue, course sections per term, enrollments with grades, and scholarship awards.

`build(con, seed=1)` (re)creates seven tables in `con`'s main schema from Python's `random`
seeded with `seed`, so one seed always gives the same tables and another seed other ones.
The data covers six terms, Fall 2022 to Spring 2025, and was extracted on 2025-03-14 (the last
day of the data), in the middle of Spring 2025: Spring 2025 is the term in progress, so its
enrollments have no grade yet. With seed 1 the latest registration is 2025-01-27 07:22 and the
latest scholarship award date is 2025-03-13. Row counts below are for seed 1.

- departments (8): dept_id, dept_name, dept_code ('CS', 'MATH', 'PHYS', 'BIO', 'ECON', 'HIST',
  'ENGL', 'DS'), building, founded_yr, budget_usd (annual), has_grad_program. "Data Science"
  (dept 8, founded 2024) has two catalogue courses that have never been offered and two
  instructors who teach nothing.
- instructors (42): instructor_id, first_name, last_name (unique), dept_id, rank ('Lecturer',
  'Assistant Professor', 'Associate Professor', 'Professor'), hired_on, salary_usd (annual,
  whole dollars), tenured, phd_yr (year of the doctorate; NULL for instructors without one),
  email (NULL for a few). Three instructors teach no section at all (one History professor on
  leave and the two Data Science hires).
- students (1,300): student_id, first_name, last_name, major_dept_id (NULL = undeclared
  major), advisor_id (an instructor; NULL for some), level ('undergrad', 'masters',
  'doctoral'), admitted_on, birth_date, international, home_country ('United States' for
  domestic students), is_part_time, gpa (cumulative, 0-4 scale, includes work before Fall 2022;
  NULL for students with no graded course yet), email. 108 students have no enrollment at all:
  deferred admissions, and students who finished or left before Fall 2022.
- courses (50): course_id, course_code ('CS 101'), title (unique), dept_id, cr_hrs (credit
  hours), level ('intro', 'intermediate', 'advanced', 'graduate'), has_lab, prereq_course_id
  (the required earlier course, NULL when there is none). Five courses have never been offered.
- sections (252): section_id, course_id, instructor_id (NULL for three Spring 2025 sections
  whose teacher is still to be announced), term ('Fall 2022', 'Spring 2023', 'Fall 2023',
  'Spring 2024', 'Fall 2024', 'Spring 2025'; sort terms by term_start, not by the text),
  term_start, section_no (1, 2 within a course and term), room (NULL for online sections),
  seats (capacity; never exceeded), is_online.
- enrollments (7,707): enrollment_id, student_id, section_id, enrolled_at (registration
  timestamp, from about 11 weeks before to 6 days after the term starts), score (final
  percentage 0-100; NULL for withdrawals and the current term), grade ('A', 'A-', 'B+', 'B',
  'B-', 'C+', 'C', 'D', 'F', or 'W' for a withdrawal; NULL while the course is in progress),
  grade_pts (4.0 for A ... 0.0 for F; NULL for 'W' and in progress). A grade of D or better
  is a pass; F is a fail.
- scholarships (536): scholarship_id, student_id, fund (name of the scholarship fund, e.g.
  "Dean's Merit Award", 'Hardship Bursary'), amount_usd (multiples of 50), awarded_on,
  acad_yr ('2022-23', '2023-24', '2024-25'), need_based, renewable. Need-based funds go to
  domestic students only; 'Global Scholars Award' only to international students.

Primary keys and foreign keys are declared (courses.prereq_course_id references courses);
a few columns carry comments.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

TABLES: tuple[str, ...] = (
    "departments",
    "instructors",
    "students",
    "courses",
    "sections",
    "enrollments",
    "scholarships",
)
AS_OF = dt.date(2025, 3, 14)

# dept_name, dept_code, building, founded_yr, budget_usd, has_grad_program, instructors
_DEPTS = [
    ("Computer Science", "CS", "Turing Hall", 1972, 4_250_000.00, True, 7),
    ("Mathematics", "MATH", "Noether Hall", 1891, 2_140_000.00, True, 6),
    ("Physics", "PHYS", "Curie Building", 1895, 2_860_000.00, True, 5),
    ("Biology", "BIO", "Darwin Hall", 1903, 3_470_000.00, True, 6),
    ("Economics", "ECON", "Keynes House", 1921, 1_930_000.00, True, 5),
    ("History", "HIST", "Gibbon Hall", 1889, 1_180_000.00, False, 6),
    ("English", "ENGL", "Woolf Hall", 1889, 1_090_000.00, False, 5),
    ("Data Science", "DS", "Turing Hall", 2024, 640_000.00, False, 2),
]  # fmt: skip
_ROOM_PREFIX = {1: "TUR", 2: "NOE", 3: "CUR", 4: "DAR", 5: "KEY", 6: "GIB", 7: "WLF", 8: "TUR"}

# dept_id, number, title, cr_hrs, has_lab, prereq number (same dept), ever offered
_COURSES = [
    (1, 101, "Introduction to Programming", 4, True, None, True),
    (1, 201, "Data Structures", 4, True, 101, True),
    (1, 220, "Computer Systems", 3, False, 101, True),
    (1, 310, "Algorithms", 3, False, 201, True),
    (1, 340, "Databases", 3, False, 201, True),
    (1, 370, "Machine Learning", 3, False, 201, True),
    (1, 410, "Compilers", 3, False, 220, False),
    (1, 520, "Advanced Algorithms", 3, False, 310, True),
    (1, 560, "Distributed Systems", 3, False, None, True),
    (2, 101, "Calculus I", 4, False, None, True),
    (2, 102, "Calculus II", 4, False, 101, True),
    (2, 210, "Linear Algebra", 3, False, None, True),
    (2, 230, "Discrete Mathematics", 3, False, None, True),
    (2, 310, "Real Analysis", 3, False, 102, True),
    (2, 330, "Probability", 3, False, 102, True),
    (2, 510, "Measure Theory", 3, False, 310, True),
    (2, 540, "Algebraic Topology", 3, False, None, False),
    (3, 101, "Mechanics", 4, True, None, True),
    (3, 102, "Electricity and Magnetism", 4, True, 101, True),
    (3, 250, "Modern Physics", 3, False, 102, True),
    (3, 320, "Quantum Mechanics", 3, False, 250, True),
    (3, 350, "Thermodynamics", 3, False, None, True),
    (3, 530, "Quantum Field Theory", 3, False, 320, True),
    (4, 101, "Cell Biology", 4, True, None, True),
    (4, 110, "Ecology", 3, False, None, True),
    (4, 220, "Genetics", 4, True, 101, True),
    (4, 240, "Microbiology", 4, True, 101, True),
    (4, 330, "Molecular Biology", 3, False, 220, True),
    (4, 360, "Neuroscience", 3, False, None, True),
    (4, 510, "Advanced Genomics", 3, False, 330, True),
    (5, 101, "Principles of Microeconomics", 3, False, None, True),
    (5, 102, "Principles of Macroeconomics", 3, False, None, True),
    (5, 210, "Econometrics", 3, False, 101, True),
    (5, 301, "Game Theory", 3, False, 101, True),
    (5, 330, "Labor Economics", 3, False, None, True),
    (5, 505, "Advanced Microeconomic Theory", 3, False, 301, True),
    (6, 101, "World History to 1500", 3, False, None, True),
    (6, 102, "World History since 1500", 3, False, None, True),
    (6, 215, "History of Science", 3, False, None, True),
    (6, 240, "The American Civil War", 3, False, None, True),
    (6, 330, "The Cold War", 3, False, None, True),
    (6, 399, "Senior Thesis Seminar", 2, False, None, True),
    (7, 101, "College Writing", 3, False, None, True),
    (7, 120, "Introduction to Poetry", 3, False, None, True),
    (7, 210, "Shakespeare", 3, False, None, True),
    (7, 250, "The Modern Novel", 3, False, None, True),
    (7, 310, "Creative Writing Workshop", 2, False, None, True),
    (7, 395, "Literary Theory", 3, False, None, False),
    (8, 200, "Data Wrangling", 3, True, None, False),
    (8, 300, "Statistical Learning", 3, False, None, False),
]  # fmt: skip

_TERMS = [
    ("Fall 2022", dt.date(2022, 8, 29)),
    ("Spring 2023", dt.date(2023, 1, 17)),
    ("Fall 2023", dt.date(2023, 8, 28)),
    ("Spring 2024", dt.date(2024, 1, 16)),
    ("Fall 2024", dt.date(2024, 8, 26)),
    ("Spring 2025", dt.date(2025, 1, 21)),
]
_CURRENT_TERM = "Spring 2025"

_FIRST = ["Aaliyah", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Isabel",
          "Jamal", "Kira", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Samuel",
          "Tara", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zane", "Amir", "Bianca", "Carlos",
          "Dana", "Ethan", "Fatima", "Gabriel", "Hannah", "Ivan", "Julia", "Kofi",
          "Lena"]  # fmt: skip
_LAST = ["Adams", "Baker", "Chen", "Diaz", "Evans", "Flores", "Garcia", "Hughes", "Ito", "Jones",
         "Khan", "Lopez", "Martin", "Nguyen", "Okafor", "Patel", "Reyes", "Smith", "Taylor",
         "Usman", "Vargas", "Walker", "Xu", "Young", "Zhang", "Kim", "Muller", "Rossi",
         "Silva", "Novak"]  # fmt: skip
_INSTRUCTOR_LAST = [
    "Abernathy", "Bergstrom", "Castellano", "Delacroix", "Eriksen", "Fairbanks", "Galloway",
    "Halvorsen", "Ibarra", "Jankowski", "Kowalczyk", "Lindqvist", "Marchetti", "Nakamura",
    "Oyelaran", "Pemberton", "Quintero", "Rasmussen", "Sandoval", "Thorne", "Underwood",
    "Valenti", "Whitfield", "Yamamoto", "Zielinski", "Ashworth", "Brennan", "Calloway",
    "Dumont", "Ellsworth", "Fitzgerald", "Grimaldi", "Hargrove", "Iverson", "Kensington",
    "Lockhart", "Montague", "Northcott", "Okonkwo", "Prescott", "Ravensworth", "Stanhope",
]  # fmt: skip
_COUNTRIES = ["China", "India", "South Korea", "Germany", "Brazil", "Nigeria", "Canada",
              "Mexico", "Vietnam", "France"]  # fmt: skip
_RANK_SALARY = {
    "Lecturer": (58_000, 74_000),
    "Assistant Professor": (82_000, 104_000),
    "Associate Professor": (101_000, 128_000),
    "Professor": (126_000, 178_000),
}
_GRADES = [(93, "A", 4.0), (90, "A-", 3.7), (87, "B+", 3.3), (83, "B", 3.0), (80, "B-", 2.7),
           (77, "C+", 2.3), (70, "C", 2.0), (60, "D", 1.0), (0, "F", 0.0)]  # fmt: skip
# fund, need_based, renewable, (low, high) amount_usd
_FUNDS = [
    ("Dean's Merit Award", False, True, (2_000, 8_000)),
    ("Alumni Legacy Fund", False, False, (1_000, 4_000)),
    ("STEM Excellence Grant", False, True, (3_000, 10_000)),
    ("Global Scholars Award", False, True, (5_000, 15_000)),
    ("First Generation Grant", True, True, (1_500, 6_000)),
    ("Hardship Bursary", True, False, (500, 2_500)),
]

_DDL = {
    "departments": """dept_id INTEGER PRIMARY KEY, dept_name VARCHAR NOT NULL,
        dept_code VARCHAR NOT NULL, building VARCHAR, founded_yr INTEGER,
        budget_usd DECIMAL(12,2), has_grad_program BOOLEAN""",
    "instructors": """instructor_id INTEGER PRIMARY KEY, first_name VARCHAR,
        last_name VARCHAR NOT NULL, dept_id INTEGER REFERENCES departments (dept_id),
        rank VARCHAR, hired_on DATE, salary_usd INTEGER, tenured BOOLEAN, phd_yr INTEGER,
        email VARCHAR""",
    "students": """student_id INTEGER PRIMARY KEY, first_name VARCHAR, last_name VARCHAR,
        major_dept_id INTEGER REFERENCES departments (dept_id),
        advisor_id INTEGER REFERENCES instructors (instructor_id), level VARCHAR,
        admitted_on DATE, birth_date DATE, international BOOLEAN, home_country VARCHAR,
        is_part_time BOOLEAN, gpa DECIMAL(3,2), email VARCHAR""",
    "courses": """course_id INTEGER PRIMARY KEY, course_code VARCHAR NOT NULL,
        title VARCHAR NOT NULL, dept_id INTEGER REFERENCES departments (dept_id),
        cr_hrs INTEGER, level VARCHAR, has_lab BOOLEAN,
        prereq_course_id INTEGER REFERENCES courses (course_id)""",
    "sections": """section_id INTEGER PRIMARY KEY,
        course_id INTEGER REFERENCES courses (course_id),
        instructor_id INTEGER REFERENCES instructors (instructor_id), term VARCHAR,
        term_start DATE, section_no INTEGER, room VARCHAR, seats INTEGER, is_online BOOLEAN""",
    "enrollments": """enrollment_id INTEGER PRIMARY KEY,
        student_id INTEGER REFERENCES students (student_id),
        section_id INTEGER REFERENCES sections (section_id), enrolled_at TIMESTAMP,
        score DECIMAL(5,2), grade VARCHAR, grade_pts DECIMAL(2,1)""",
    "scholarships": """scholarship_id INTEGER PRIMARY KEY,
        student_id INTEGER REFERENCES students (student_id), fund VARCHAR,
        amount_usd DECIMAL(9,2), awarded_on DATE, acad_yr VARCHAR, need_based BOOLEAN,
        renewable BOOLEAN""",
}

_COMMENTS = [
    ("departments", "budget_usd", "annual operating budget in US dollars"),
    ("instructors", "salary_usd", "annual base salary in US dollars"),
    ("instructors", "phd_yr", "year the doctorate was awarded; NULL if none"),
    ("students", "major_dept_id", "department of the declared major; NULL = undeclared"),
    ("students", "gpa", "cumulative grade point average on a 0-4 scale"),
    ("students", "international", "holds a student visa"),
    ("courses", "cr_hrs", "credit hours earned by passing the course"),
    ("sections", "term_start", "first day of classes of the term"),
    ("sections", "seats", "enrollment capacity of the section"),
    ("enrollments", "score", "final course percentage, 0-100"),
    ("enrollments", "grade", "letter grade; W = withdrawn; NULL while in progress"),
    ("enrollments", "grade_pts", "grade points for the letter grade (A = 4.0)"),
    ("scholarships", "acad_yr", "academic year the award is for, e.g. 2024-25"),
]


def _lit(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list) -> None:
    """Insert rows column-wise: one list parameter per column, unnested in SQL."""
    if not rows:
        return
    columns = list(zip(*rows, strict=True))
    select = ", ".join(f"unnest($c{i})" for i in range(len(columns)))
    params = {f"c{i}": list(col) for i, col in enumerate(columns)}
    con.execute(f"INSERT INTO main.{table} SELECT {select}", params)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _level(number: int) -> str:
    if number < 200:
        return "intro"
    if number < 300:
        return "intermediate"
    if number < 500:
        return "advanced"
    return "graduate"


def _grade(score: float) -> tuple[str, float]:
    for floor, letter, points in _GRADES:
        if score >= floor:
            return letter, points
    return "F", 0.0


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the university tables in `con`'s main schema, deterministically."""
    rng = random.Random(seed)
    for table in reversed(TABLES):
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")

    departments = [(i, *row[:6]) for i, row in enumerate(_DEPTS, start=1)]

    # instructors
    instructors = []
    surnames = rng.sample(_INSTRUCTOR_LAST, len(_INSTRUCTOR_LAST))
    iid = 0
    for dept_id, row in enumerate(_DEPTS, start=1):
        for k in range(row[6]):
            iid += 1
            if dept_id == 8:
                rank = "Assistant Professor" if k == 0 else "Lecturer"
                hired = _day(rng, dt.date(2024, 6, 1), dt.date(2024, 8, 15))
            else:
                rank = rng.choices(list(_RANK_SALARY), weights=[0.2, 0.3, 0.25, 0.25])[0]
                span = {"Lecturer": 2010, "Assistant Professor": 2017}.get(rank, 1992)
                hired = _day(rng, dt.date(span, 1, 1), dt.date(2022, 7, 31))
            low, high = _RANK_SALARY[rank]
            salary = rng.randrange(low, high) // 10 * 10
            tenured = rank == "Professor" or (rank == "Associate Professor" and rng.random() < 0.8)
            phd = None
            if rank != "Lecturer" or rng.random() < 0.35:
                phd = hired.year - rng.randrange(1, 7)
            first = rng.choice(_FIRST)
            last = surnames[iid - 1]
            email = None if rng.random() < 0.08 else f"{first[0].lower()}{last.lower()}@uni.edu"
            instructors.append(
                [iid, first, last, dept_id, rank, hired, salary, tenured, phd, email]
            )
    by_dept: dict[int, list[int]] = {}
    for ins in instructors:
        by_dept.setdefault(ins[3], []).append(ins[0])
    # History's last instructor is on research leave: teaches nothing; DS teaches nothing
    idle = {by_dept[6][-1], *by_dept[8]}
    teaching = {d: [i for i in ids if i not in idle] for d, ids in by_dept.items()}

    # courses: courses without a prerequisite first (self-referencing foreign key)
    courses = []
    number_to_id: dict[tuple[int, int], int] = {}
    for cid, (dept_id, number, *_rest) in enumerate(_COURSES, start=1):
        number_to_id[(dept_id, number)] = cid
    for cid, (dept_id, number, title, cr, lab, pre, _offered) in enumerate(_COURSES, start=1):
        code = f"{_DEPTS[dept_id - 1][1]} {number}"
        prereq = number_to_id[(dept_id, pre)] if pre else None
        courses.append((cid, code, title, dept_id, cr, _level(number), lab, prereq))
    course_info = {c[0]: c for c in courses}

    # sections
    sections = []
    sid = 0
    term_sections: dict[str, list[list]] = {}
    for term, start in _TERMS:
        term_sections[term] = []
        for cid, (dept_id, number, *_rest, offered) in enumerate(_COURSES, start=1):
            if not offered:
                continue
            level = _level(number)
            if level != "intro" and rng.random() > 0.7:
                continue
            count = 2 if level == "intro" and rng.random() < 0.6 else 1
            for no in range(1, count + 1):
                sid += 1
                online = rng.random() < 0.12
                room = None if online else f"{_ROOM_PREFIX[dept_id]} {rng.randrange(100, 340)}"
                seats = {
                    "intro": [25, 30, 40, 60],
                    "intermediate": [40, 50, 60, 80],
                    "advanced": [35, 45, 60, 75],
                    "graduate": [12, 15, 20, 25],
                }[level][rng.randrange(4)]
                teacher = rng.choice(teaching[dept_id])
                row = [sid, cid, teacher, term, start, no, room, seats, online]
                sections.append(row)
                term_sections[term].append(row)
    # three sections of the current term still have their teacher to be announced
    current = term_sections[_CURRENT_TERM]
    for row in rng.sample(current, 3):
        row[2] = None

    # students
    students = []
    intakes = [dt.date(y, 8, 26) for y in range(2019, 2025)] + [
        dt.date(y, 1, 16) for y in range(2020, 2026)
    ]
    ability: dict[int, float] = {}
    for st in range(1, 1301):
        level = rng.choices(["undergrad", "masters", "doctoral"], weights=[0.8, 0.13, 0.07])[0]
        admitted = rng.choices(intakes, weights=[5 if d.month == 8 else 1 for d in intakes])[0]
        admitted = admitted - dt.timedelta(days=rng.randrange(0, 6))
        intl = rng.random() < (0.1 if level == "undergrad" else 0.38)
        country = rng.choice(_COUNTRIES) if intl else "United States"
        major = rng.choices(range(1, 9), weights=[22, 12, 9, 15, 14, 8, 9, 2])[0]
        years_in = (AS_OF - admitted).days / 365
        if level == "undergrad" and years_in < 2 and rng.random() < 0.18:
            major = None
        if level != "undergrad" and not _DEPTS[major - 1][5]:
            major = rng.randrange(1, 6)
        advisor = None
        if major is not None and (level != "undergrad" or rng.random() < 0.75):
            advisor = rng.choice(by_dept[major])
        age = 18 if level == "undergrad" else rng.randrange(22, 29)
        birth = _day(
            rng,
            dt.date(admitted.year - age - 1, admitted.month, 1),
            dt.date(admitted.year - age, admitted.month, 1),
        )
        part_time = rng.random() < (0.05 if level == "undergrad" else 0.2)
        skill = min(4.0, max(0.6, rng.gauss(3.0, 0.55)))
        ability[st] = skill
        first = rng.choice(_FIRST)
        last = rng.choice(_LAST)
        email = f"{first.lower()}.{last.lower()}{st}@student.uni.edu"
        students.append(
            [st, first, last, major, advisor, level, admitted, birth, intl, country, part_time,
             None, email]
        )  # fmt: skip

    # enrollments
    enrollments = []
    deferred = set(rng.sample(range(1, 1301), 26))
    terms_active = {"undergrad": 8, "masters": 4, "doctoral": 10}
    graded: dict[int, list[float]] = {}
    filled: dict[int, int] = {}  # seats taken per section
    for s in students:
        st, major, level, admitted = s[0], s[3], s[5], s[6]
        if st in deferred:
            continue
        dropout_after = rng.randrange(2, 8) if rng.random() < 0.08 else 99
        load = 1 if s[10] else (2 if level != "undergrad" else rng.choice([1, 2, 2, 2, 3]))
        taken: set[int] = set()
        for term, start in _TERMS:
            if start < admitted - dt.timedelta(days=10):
                continue
            n_before = sum(1 for _t, d in _TERMS if admitted - dt.timedelta(days=10) <= d < start)
            # terms already studied before Fall 2022
            n_before += max(0, round((_TERMS[0][1] - admitted).days / 182.5))
            if n_before >= terms_active[level] or n_before >= dropout_after:
                continue
            year = n_before // 2 + 1
            if level == "undergrad":
                wanted = ["intro", "intermediate"] if year <= 2 else ["intermediate", "advanced"]
            else:
                wanted = ["graduate", "advanced"]
            pool = [
                row
                for row in term_sections[term]
                if course_info[row[1]][5] in wanted
                and row[1] not in taken
                and filled.get(row[0], 0) < row[7]
            ]
            own = [row for row in pool if course_info[row[1]][3] == major]
            k = max(1, load + rng.choice([-1, 0, 0, 0]))
            for _ in range(k):
                choices = own if own and rng.random() < (0.6 if level == "undergrad" else 0.85) \
                    else pool  # fmt: skip
                choices = [row for row in choices if row[1] not in taken]
                if not choices:
                    break
                row = rng.choice(choices)
                taken.add(row[1])
                filled[row[0]] = filled.get(row[0], 0) + 1
                if filled[row[0]] >= row[7]:
                    pool = [r for r in pool if r[0] != row[0]]
                    own = [r for r in own if r[0] != row[0]]
                when = dt.datetime.combine(start, dt.time(8, 0)) + dt.timedelta(
                    minutes=rng.randrange(-75 * 1440, 6 * 1440)
                )
                if term == _CURRENT_TERM:
                    withdrawn = rng.random() < 0.02
                    score = None
                    grade, pts = ("W", None) if withdrawn else (None, None)
                elif rng.random() < 0.04:
                    score, grade, pts = None, "W", None
                else:
                    raw = 49 + 11 * ability[st] + rng.gauss(0, 9)
                    score = round(min(100.0, max(20.0, raw)), 2)
                    grade, pts = _grade(score)
                    graded.setdefault(st, []).append(pts)
                enrollments.append([0, st, row[0], when, score, grade, pts])
    enrollments.sort(key=lambda e: (e[3], e[1], e[2]))
    for i, e in enumerate(enrollments, start=1):
        e[0] = i

    # gpa: registrar's cumulative figure (includes terms before Fall 2022)
    for s in students:
        st = s[0]
        if st in deferred or (st not in graded and s[6] >= _TERMS[0][1] - dt.timedelta(days=10)):
            continue  # no graded work yet
        mine = graded.get(st, [])
        prior = min(4.0, max(0.0, ability[st] + rng.gauss(0, 0.25)))
        weight = max(0, round((_TERMS[0][1] - s[6]).days / 182.5)) * 2
        total = sum(mine) + prior * weight
        s[11] = round(min(4.0, total / (len(mine) + weight)), 2) if mine or weight else None

    # scholarships
    scholarships = []
    aid = 0
    years = [("2022-23", 2022), ("2023-24", 2023), ("2024-25", 2024)]
    for s in students:
        st, intl, admitted = s[0], s[8], s[6]
        if st in deferred or rng.random() > 0.27:
            continue
        for label, y in years:
            if admitted > dt.date(y + 1, 2, 1) or rng.random() > 0.6:
                continue
            funds = [f for f in _FUNDS if intl or f[0] != "Global Scholars Award"]
            if intl:
                funds = [f for f in funds if not f[1]]
            fund, need, renew, (low, high) = rng.choice(funds)
            aid += 1
            if admitted.month == 1 and admitted.year == y + 1:
                awarded = _day(rng, admitted - dt.timedelta(days=60), admitted)
            else:
                awarded = _day(rng, dt.date(y, 4, 1), dt.date(y, 9, 30))
            if y == 2024 and rng.random() < 0.12:
                awarded = _day(rng, dt.date(2025, 1, 6), AS_OF)
            amount = round(rng.randrange(low, high) / 50) * 50.0
            scholarships.append([aid, st, fund, amount, awarded, label, need, renew])
    scholarships.sort(key=lambda a: (a[4], a[1]))
    for i, a in enumerate(scholarships, start=1):
        a[0] = i

    _insert(con, "departments", departments)
    _insert(con, "instructors", instructors)
    _insert(con, "students", students)
    _insert(con, "courses", [c for c in courses if c[7] is None])
    # prerequisites are inserted in dependency order (a prerequisite can have one itself)
    pending = [c for c in courses if c[7] is not None]
    present = {c[0] for c in courses if c[7] is None}
    while pending:
        ready = [c for c in pending if c[7] in present]
        _insert(con, "courses", ready)
        present.update(c[0] for c in ready)
        pending = [c for c in pending if c[0] not in present]
    _insert(con, "sections", sections)
    _insert(con, "enrollments", enrollments)
    _insert(con, "scholarships", scholarships)
    for table, column, text in _COMMENTS:
        con.execute(f'COMMENT ON COLUMN main.{table}."{column}" IS {_lit(text)}')

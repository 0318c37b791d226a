"""School district test database (DuckDB, ``main`` schema).

A small public school district runs elementary, middle and high schools. Each student is
enrolled at one school and is in one grade level. Classes are run as class sections (one
subject, one grade, one teacher, one term); students enrol in class sections and receive a
final mark at the end of the term. Every school day the register records for each student
whether they were present, absent or late.

The data covers the 2023-24 school year (only its third term and the students and teachers of
that time) and the 2024-25 school year up to and including **2025-06-20**, which is the last
day of the data ("today" for every question; "this year" is 2025, "this month" is June 2025,
"last month" is May 2025, "this school year" is 2024-25, "this term" is term 3 of 2024-25,
"last term" is term 2 of 2024-25; weeks run Monday to Sunday, so "last week" is 2025-06-09 to
2025-06-15). Money is in US dollars. Marks are whole numbers from 0 to 100; 50 or more is a
pass. Flags are stored as one-character text, ``'Y'`` (yes) or ``'N'`` (no). Some dates are
stored as real ``DATE`` columns (names ending in ``_on`` or ``_date``) and some as text in the
form ``'YYYYMMDD'`` (names ending in ``_ymd``, e.g. ``'20240903'``); convert the text ones with
``strptime(x, '%Y%m%d')`` before doing date arithmetic. Foreign keys end in ``_fk`` and point
to the ``_id`` primary key of the named table. Coded columns hold short upper-case codes; the
allowed codes are listed below and explained in the column comments (``COMMENT ON COLUMN``,
see ``_DDL``).

School year and terms (the same dates at every school):

* 2023-24 term 3: 2024-04-15 to 2024-06-21 (the last day of the 2023-24 school year).
* 2024-25 term 1 (autumn / fall): 2024-09-03 to 2024-12-20.
* 2024-25 term 2 (winter / spring): 2025-01-06 to 2025-03-28.
* 2024-25 term 3 (summer): 2025-04-22 to 2025-06-27 -- still running on 2025-06-20, so its
  class enrolments have no final marks yet.

Tables
------

``school`` -- one row per school of the district, including one school that has closed.

* ``school_id`` (INTEGER, primary key).
* ``school_code`` (VARCHAR, unique): three-letter code, e.g. 'HIL'.
* ``school_name`` (VARCHAR, unique): full name, e.g. 'Hillcrest High School'.
* ``school_type`` (VARCHAR): 'ELEM' (elementary / primary, grades 0-5), 'MIDD' (middle
  school, grades 6-8) or 'HIGH' (high school, grades 9-12).
* ``area`` (VARCHAR): part of the district: 'North', 'South', 'East', 'West' or 'Central'.
* ``principal_name`` (VARCHAR): current head teacher / principal; NULL for the closed school.
* ``phone`` (VARCHAR): main office phone number, e.g. '(555) 201-4410'.
* ``capacity`` (INTEGER): number of students the building is planned for.
* ``opened_year`` (INTEGER): calendar year the school opened.
* ``is_open`` (CHAR(1)): 'Y' = school is operating, 'N' = closed (Cedar Grove Elementary
  closed at the end of the 2023-24 school year; it only has 2023-24 data).

``teacher`` -- one row per teacher employed by the district now or since 2023-24. A teacher
belongs to one school. Two different teachers can have the same name at different schools.

* ``teacher_id`` (INTEGER, primary key).
* ``school_fk`` (INTEGER, foreign key to ``school``): the school the teacher works (or last
  worked) at.
* ``staff_code`` (VARCHAR, unique): staff number, e.g. 'T1043'.
* ``first_name`` (VARCHAR), ``last_name`` (VARCHAR).
* ``email`` (VARCHAR): district e-mail address; NULL for teachers who have left (mailbox
  deleted).
* ``department`` (VARCHAR): teaching specialism: 'Primary' (elementary class teacher), 'Arts',
  'Mathematics', 'English', 'Science', 'History', 'Spanish', 'Computing' or 'Music'.
* ``hired_ymd`` (VARCHAR, 'YYYYMMDD' text): first day of employment with the district.
* ``left_on`` (DATE): last day of employment; NULL = still employed (a current teacher).
* ``fte`` (DECIMAL(3,2)): full-time equivalent, 1.00 = full time, 0.50 = half time; a
  teacher with ``fte`` below 1.00 is part-time.
* ``annual_salary`` (INTEGER): gross pay in US dollars per year actually paid at the teacher's
  ``fte`` (a 0.50 teacher is paid half of the full-time rate); for teachers who have left, the
  salary at the time they left.
* ``is_certified`` (CHAR(1)): 'Y' = holds a full state teaching certificate, 'N' = not (yet)
  certified (provisional or emergency licence).

``student`` -- one row per student enrolment at a school. A student who moves from one
district school to another gets a new row (new ``student_no``) at the new school; the old row
gets ``left_on`` and leave reason 'INT'. Names are not unique (the same name occurs at
different schools and sometimes in the same school).

* ``student_id`` (INTEGER, primary key).
* ``school_fk`` (INTEGER, foreign key to ``school``).
* ``student_no`` (VARCHAR, unique): student number, e.g. 'S-10457'.
* ``first_name`` (VARCHAR), ``last_name`` (VARCHAR).
* ``gender`` (CHAR(1)): 'F' = female, 'M' = male, 'X' = non-binary / not stated.
* ``birth_ymd`` (VARCHAR, 'YYYYMMDD' text): date of birth.
* ``grade_level`` (SMALLINT): grade in the 2024-25 school year, 0 = kindergarten, 1 to 12 =
  grades 1 to 12; for students who left before or during 2024-25 it is the grade they were in
  when they left.
* ``enrolled_on`` (DATE): day the student started at this school.
* ``left_on`` (DATE): last day at this school; NULL = still enrolled (a current student).
* ``leave_reason`` (VARCHAR): why the student left: 'GRD' (graduated), 'MOV' (moved out of the
  district), 'INT' (moved to another school in the district) or 'OTH' (other, e.g. home
  schooling); NULL for current students.
* ``free_meals`` (CHAR(1)): 'Y' = eligible for free school meals (free lunch), 'N' = not.
* ``has_iep`` (CHAR(1)): 'Y' = has an Individualized Education Program (special educational
  needs support plan), 'N' = not.
* ``guardian_email`` (VARCHAR): parent / guardian e-mail address; NULL when not given.

``class_section`` -- one row per class: one subject for one grade at one school in one term.

* ``class_section_id`` (INTEGER, primary key).
* ``school_fk`` (INTEGER, foreign key to ``school``).
* ``teacher_fk`` (INTEGER, foreign key to ``teacher``): the teacher of the class; NULL when no
  teacher is assigned (vacancy).
* ``section_code`` (VARCHAR): subject abbreviation, grade ('K' for kindergarten) and section
  letter, e.g. 'MAT-10-A' or 'ENG-K-A'; unique only within a school and term (the same code
  is reused every term and at every school).
* ``subject`` (VARCHAR): 'Mathematics', 'English', 'Science', 'Art', 'History', 'Spanish',
  'Computing' or 'Music'.
* ``grade_level`` (SMALLINT): grade the class is for (0 = kindergarten).
* ``school_year`` (VARCHAR): '2023-24' or '2024-25'.
* ``term`` (SMALLINT): 1, 2 or 3 within the school year (dates above).
* ``start_date`` (DATE): first day of the term.
* ``end_ymd`` (VARCHAR, 'YYYYMMDD' text): last day of the term.
* ``room`` (VARCHAR): classroom, e.g. 'R204'; NULL when not yet allocated.
* ``max_seats`` (SMALLINT): maximum number of students allowed in the class.
* ``is_cancelled`` (CHAR(1)): 'Y' = class was cancelled (did not run), 'N' = class ran.

``enrolment`` -- one row per student per class section they were enrolled in.

* ``enrolment_id`` (INTEGER, primary key).
* ``student_fk`` (INTEGER, foreign key to ``student``).
* ``class_section_fk`` (INTEGER, foreign key to ``class_section``).
* ``enrolled_ymd`` (VARCHAR, 'YYYYMMDD' text): day the student was added to the class.
* ``status`` (VARCHAR): 'ENR' (enrolled, class still running), 'CMP' (completed the class),
  'WDR' (withdrew / dropped the class) or 'INC' (incomplete: term ended without a mark).
* ``dropped_on`` (DATE): day the student withdrew; set only for 'WDR', NULL otherwise.
* ``final_mark`` (SMALLINT): end-of-term mark 0-100 (50 or more = pass); set only for 'CMP',
  NULL otherwise.

``attendance`` -- daily register: one row per student per school day. The electronic register
starts on 2025-05-01, so there are no attendance rows before May 2025. School days are Monday
to Friday except Memorial Day (2025-05-26). A row entered by mistake is not deleted but marked
void (``is_void = 'Y'``) and a corrected row is added for the same student and day; void rows
must be ignored when counting attendance.

* ``attendance_id`` (INTEGER, primary key).
* ``student_fk`` (INTEGER, foreign key to ``student``).
* ``attend_date`` (DATE): the school day.
* ``status`` (CHAR(1)): 'P' = present, 'A' = absent (the whole day), 'L' = late (arrived
  after registration; counts as attending).
* ``is_excused`` (CHAR(1)): for 'A' and 'L' rows: 'Y' = excused (illness, appointment, note
  from a parent), 'N' = unexcused; NULL for 'P' rows.
* ``minutes_late`` (SMALLINT): how many minutes late the student arrived; set only for 'L'
  rows, NULL otherwise.
* ``recorded_by_fk`` (INTEGER, foreign key to ``teacher``): teacher who took the register;
  NULL when the entry was made by the school office.
* ``is_void`` (CHAR(1)): 'Y' = entry voided (entered in error, ignore it), 'N' = valid entry.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

LAST_DAY = dt.date(2025, 6, 20)

# (school_year, term, start, end)
_TERMS = [
    ("2023-24", 3, dt.date(2024, 4, 15), dt.date(2024, 6, 21)),
    ("2024-25", 1, dt.date(2024, 9, 3), dt.date(2024, 12, 20)),
    ("2024-25", 2, dt.date(2025, 1, 6), dt.date(2025, 3, 28)),
    ("2024-25", 3, dt.date(2025, 4, 22), dt.date(2025, 6, 27)),
]
_YEAR_START = {"2023-24": dt.date(2023, 9, 5), "2024-25": dt.date(2024, 9, 3)}
_YEAR_END_2324 = dt.date(2024, 6, 21)

# id, code, name, type, area, principal, phone, capacity, opened, open
_SCHOOLS = [
    (1, "ASH", "Ashford Elementary", "ELEM", "North", "Dana Whitaker", "(555) 201-4410", 60,
     1962, "Y"),
    (2, "BRK", "Brookside Elementary", "ELEM", "South", "Luis Carrillo", "(555) 201-5523", 55,
     1978, "Y"),
    (3, "CED", "Cedar Grove Elementary", "ELEM", "East", None, "(555) 201-6637", 40, 1951, "N"),
    (4, "LKV", "Lakeview Middle School", "MIDD", "Central", "Renee Adebayo", "(555) 202-1180",
     60, 1989, "Y"),
    (5, "HIL", "Hillcrest High School", "HIGH", "West", "Gordon McAllister", "(555) 203-3302",
     80, 1971, "Y"),
    (6, "RVS", "Riverside High School", "HIGH", "East", "Yvonne Castillo", "(555) 203-7741",
     64, 2004, "Y"),
]  # fmt: skip
_GRADES = {"ELEM": range(0, 6), "MIDD": range(6, 9), "HIGH": range(9, 13)}
_SUBJECTS = {
    "ELEM": ["Mathematics", "English", "Science", "Art"],
    "MIDD": ["Mathematics", "English", "Science", "History", "Spanish", "Music"],
    "HIGH": ["Mathematics", "English", "Science", "History", "Spanish", "Computing"],
}
_ABBR = {"Mathematics": "MAT", "English": "ENG", "Science": "SCI", "Art": "ART",
         "History": "HIS", "Spanish": "SPA", "Computing": "CMP", "Music": "MUS"}  # fmt: skip
_ELECTIVES = ("Spanish", "Computing", "Music", "Art")
_SUBJ_OFFSET = {"Mathematics": -4, "English": 1, "Science": -2, "Art": 7, "History": 0,
                "Spanish": -1, "Computing": 3, "Music": 6}  # fmt: skip

# teachers: school code, first, last, department, grades taught (None = all of the school's
# grades for that department), hired, left_on, fte, certified
_TEACHERS = [
    ("ASH", "Helen", "Brandt", "Primary", [0], "20080825", None, "1.00", "Y"),
    ("ASH", "Samuel", "Osei", "Primary", [1], "20150824", None, "1.00", "Y"),
    ("ASH", "Maria", "Lopez", "Primary", [2], "20190826", None, "1.00", "Y"),
    ("ASH", "Karen", "Fitzgerald", "Primary", [3], "19990830", "2024-12-20", "1.00", "Y"),
    ("ASH", "Tobias", "Lindqvist", "Primary", [3], "20250106", None, "1.00", "N"),
    ("ASH", "Aisha", "Rahman", "Primary", [4], "20120827", None, "1.00", "Y"),
    ("ASH", "Peter", "Novak", "Primary", [5], "20210823", None, "1.00", "Y"),
    ("ASH", "Chloe", "Dumont", "Arts", None, "20170828", None, "0.60", "Y"),
    ("BRK", "Janet", "Morrow", "Primary", [0], "20050829", None, "1.00", "Y"),
    ("BRK", "Omar", "Haddad", "Primary", [1], "20230828", None, "1.00", "N"),
    ("BRK", "Lucy", "Pham", "Primary", [2], "20110822", None, "1.00", "Y"),
    ("BRK", "Derek", "Olsen", "Primary", [3], "20160829", None, "1.00", "Y"),
    ("BRK", "Grace", "Okafor", "Primary", [4], "20100823", None, "1.00", "Y"),
    ("BRK", "Nina", "Petrova", "Primary", [5], "20140825", None, "0.80", "Y"),
    ("BRK", "Felix", "Moreau", "Arts", None, "20240902", None, "0.50", "N"),
    ("CED", "Ruth", "Abernathy", "Primary", [0, 1], "19940829", "2024-06-30", "1.00", "Y"),
    ("CED", "George", "Tan", "Primary", [2, 3], "20010827", "2024-06-30", "1.00", "Y"),
    ("CED", "Irene", "Walsh", "Primary", [4, 5], "20130826", "2024-06-30", "1.00", "Y"),
    ("CED", "Paul", "Mensah", "Arts", None, "20180827", "2024-06-30", "0.50", "Y"),
    ("LKV", "David", "Kim", "Mathematics", None, "20090824", None, "1.00", "Y"),
    ("LKV", "Sophie", "Laurent", "English", None, "20130826", None, "1.00", "Y"),
    ("LKV", "Marcus", "Bell", "Science", None, "20180827", None, "1.00", "Y"),
    ("LKV", "Hannah", "Schulz", "History", None, "20110829", None, "1.00", "Y"),
    ("LKV", "Carmen", "Ruiz", "Spanish", None, "20200824", None, "0.80", "Y"),
    ("LKV", "Elliot", "Grant", "Music", None, "20160822", None, "0.50", "Y"),
    ("LKV", "Priya", "Natarajan", "Mathematics", [], "20250505", None, "1.00", "N"),
    ("HIL", "Robert", "Hughes", "Mathematics", [9, 10], "20000828", None, "1.00", "Y"),
    ("HIL", "Angela", "Ferreira", "Mathematics", [11, 12], "20070827", None, "1.00", "Y"),
    ("HIL", "Thomas", "Byrne", "English", [9, 10], "20030825", None, "1.00", "Y"),
    ("HIL", "Leah", "Goldberg", "English", [11, 12], "20190826", None, "1.00", "Y"),
    ("HIL", "David", "Kim", "Science", None, "20120827", None, "1.00", "Y"),
    ("HIL", "Michelle", "Carter", "History", None, "20060828", None, "1.00", "Y"),
    ("HIL", "Javier", "Morales", "Spanish", None, "20140825", None, "1.00", "Y"),
    ("HIL", "Wei", "Zhang", "Computing", None, "20220822", None, "1.00", "N"),
    ("RVS", "Maria", "Lopez", "Mathematics", None, "20100823", None, "1.00", "Y"),
    ("RVS", "Kevin", "O'Neill", "English", None, "20040830", None, "1.00", "Y"),
    ("RVS", "Fatima", "Bello", "Science", [9, 10], "20150824", None, "1.00", "Y"),
    ("RVS", "Daniel", "Weber", "History", None, "20210823", None, "0.80", "Y"),
    ("RVS", "Isabel", "Navarro", "Spanish", None, "20170828", None, "0.60", "Y"),
    ("RVS", "Ryan", "Costa", "Computing", None, "20190826", "2025-03-28", "1.00", "Y"),
    ("RVS", "Olivia", "Grant", "Science", [11, 12], "20240902", None, "1.00", "N"),
    ("HIL", "Arthur", "Pryce", "History", None, "19960826", "2024-06-30", "1.00", "Y"),
]  # fmt: skip
# HIL History 2023-24 was taught by Arthur Pryce (retired), Michelle Carter took over in 2024-25;
# Leah Goldberg (HIL English) is on leave in term 3 of 2024-25, Thomas Byrne covers her classes.
_ID = {(t[1], t[2]): i for i, t in enumerate(_TEACHERS, start=1) if t[0] == "HIL"}
_PRYCE, _GOLDBERG, _BYRNE = _ID["Arthur", "Pryce"], _ID["Leah", "Goldberg"], _ID["Thomas", "Byrne"]

_FIRST_M = [
    "Liam", "Noah", "Mateo", "Ethan", "Lucas", "Aiden", "Elijah", "Jayden", "Omar", "Caleb",
    "Yusuf", "Diego", "Leo", "Finn", "Malik", "Ravi", "Owen", "Tariq", "Jonah", "Kai",
]  # fmt: skip
_FIRST_F = [
    "Emma", "Olivia", "Ava", "Sofia", "Mia", "Isabella", "Amara", "Chloe", "Zoe", "Layla",
    "Hannah", "Grace", "Nora", "Aaliyah", "Priya", "Ella", "Lily", "Maya", "Ruby", "Imani",
]  # fmt: skip
_LAST = [
    "Nguyen", "Smith", "Garcia", "Johnson", "Patel", "Brown", "Martinez", "Williams", "Lee",
    "Davis", "Hernandez", "Wilson", "Kowalski", "Okoro", "Murphy", "Reyes", "Chen", "Taylor",
    "Ali", "Thompson", "Rossi", "Jackson", "Kaur", "Walker", "Flores", "Young", "Ibrahim",
    "King", "Silva", "Scott", "Novak", "Adams", "Hoang", "Baker", "Cruz", "Mitchell",
]  # fmt: skip

_DDL = """
CREATE TABLE school (
    school_id INTEGER PRIMARY KEY,
    school_code VARCHAR NOT NULL UNIQUE,
    school_name VARCHAR NOT NULL UNIQUE,
    school_type VARCHAR NOT NULL,
    area VARCHAR NOT NULL,
    principal_name VARCHAR,
    phone VARCHAR NOT NULL,
    capacity INTEGER NOT NULL,
    opened_year INTEGER NOT NULL,
    is_open CHAR(1) NOT NULL
);
CREATE TABLE teacher (
    teacher_id INTEGER PRIMARY KEY,
    school_fk INTEGER NOT NULL REFERENCES school (school_id),
    staff_code VARCHAR NOT NULL UNIQUE,
    first_name VARCHAR NOT NULL,
    last_name VARCHAR NOT NULL,
    email VARCHAR,
    department VARCHAR NOT NULL,
    hired_ymd VARCHAR NOT NULL,
    left_on DATE,
    fte DECIMAL(3, 2) NOT NULL,
    annual_salary INTEGER NOT NULL,
    is_certified CHAR(1) NOT NULL
);
CREATE TABLE student (
    student_id INTEGER PRIMARY KEY,
    school_fk INTEGER NOT NULL REFERENCES school (school_id),
    student_no VARCHAR NOT NULL UNIQUE,
    first_name VARCHAR NOT NULL,
    last_name VARCHAR NOT NULL,
    gender CHAR(1) NOT NULL,
    birth_ymd VARCHAR NOT NULL,
    grade_level SMALLINT NOT NULL,
    enrolled_on DATE NOT NULL,
    left_on DATE,
    leave_reason VARCHAR,
    free_meals CHAR(1) NOT NULL,
    has_iep CHAR(1) NOT NULL,
    guardian_email VARCHAR
);
CREATE TABLE class_section (
    class_section_id INTEGER PRIMARY KEY,
    school_fk INTEGER NOT NULL REFERENCES school (school_id),
    teacher_fk INTEGER REFERENCES teacher (teacher_id),
    section_code VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    grade_level SMALLINT NOT NULL,
    school_year VARCHAR NOT NULL,
    term SMALLINT NOT NULL,
    start_date DATE NOT NULL,
    end_ymd VARCHAR NOT NULL,
    room VARCHAR,
    max_seats SMALLINT NOT NULL,
    is_cancelled CHAR(1) NOT NULL
);
CREATE TABLE enrolment (
    enrolment_id INTEGER PRIMARY KEY,
    student_fk INTEGER NOT NULL REFERENCES student (student_id),
    class_section_fk INTEGER NOT NULL REFERENCES class_section (class_section_id),
    enrolled_ymd VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    dropped_on DATE,
    final_mark SMALLINT
);
CREATE TABLE attendance (
    attendance_id INTEGER PRIMARY KEY,
    student_fk INTEGER NOT NULL REFERENCES student (student_id),
    attend_date DATE NOT NULL,
    status CHAR(1) NOT NULL,
    is_excused CHAR(1),
    minutes_late SMALLINT,
    recorded_by_fk INTEGER REFERENCES teacher (teacher_id),
    is_void CHAR(1) NOT NULL
);
COMMENT ON COLUMN school.school_type IS
    'ELEM = elementary (grades 0-5), MIDD = middle school (grades 6-8), HIGH = high school (9-12)';
COMMENT ON COLUMN school.is_open IS 'Y = school operating, N = school closed';
COMMENT ON COLUMN teacher.hired_ymd IS 'First day of employment, text YYYYMMDD (not a DATE)';
COMMENT ON COLUMN teacher.left_on IS 'Last day of employment; NULL = currently employed';
COMMENT ON COLUMN teacher.fte IS 'Full-time equivalent: 1.00 = full time, below 1.00 = part-time';
COMMENT ON COLUMN teacher.annual_salary IS 'Gross USD per year actually paid at the given fte';
COMMENT ON COLUMN teacher.is_certified IS 'Y = full state teaching certificate, N = not certified';
COMMENT ON COLUMN student.birth_ymd IS 'Date of birth, text YYYYMMDD (not a DATE)';
COMMENT ON COLUMN student.grade_level IS
    'Grade in 2024-25 (or when the student left): 0 = kindergarten, 1-12 = grade 1 to 12';
COMMENT ON COLUMN student.left_on IS 'Last day at this school; NULL = current student';
COMMENT ON COLUMN student.leave_reason IS
    'GRD = graduated, MOV = moved out of district, INT = to another district school, OTH = other';
COMMENT ON COLUMN student.free_meals IS 'Y = eligible for free school meals, N = not eligible';
COMMENT ON COLUMN student.has_iep IS 'Y = has an Individualized Education Program (IEP), N = no';
COMMENT ON COLUMN class_section.term IS
    'Term within school_year: 1 = Sep-Dec, 2 = Jan-Mar, 3 = Apr-Jun';
COMMENT ON COLUMN class_section.end_ymd IS 'Last day of the term, text YYYYMMDD (not a DATE)';
COMMENT ON COLUMN class_section.is_cancelled IS 'Y = class cancelled (did not run), N = class ran';
COMMENT ON COLUMN class_section.teacher_fk IS 'Teacher of the class; NULL = no teacher assigned';
COMMENT ON COLUMN enrolment.enrolled_ymd IS 'Day added to the class, text YYYYMMDD (not a DATE)';
COMMENT ON COLUMN enrolment.status IS
    'ENR = enrolled (class running), CMP = completed, WDR = withdrew/dropped, INC = incomplete';
COMMENT ON COLUMN enrolment.final_mark IS
    'End-of-term mark 0-100 (50+ = pass); only for status CMP, else NULL';
COMMENT ON COLUMN attendance.status IS 'P = present, A = absent all day, L = late (arrived late)';
COMMENT ON COLUMN attendance.is_excused IS
    'For A and L rows: Y = excused, N = unexcused; NULL for P rows';
COMMENT ON COLUMN attendance.minutes_late IS 'Minutes late, only for status L, else NULL';
COMMENT ON COLUMN attendance.recorded_by_fk IS
    'Teacher who took the register; NULL = entered by the school office';
COMMENT ON COLUMN attendance.is_void IS 'Y = voided entry (entered in error, ignore), N = valid';
"""

_DROP_ORDER = ["attendance", "enrolment", "class_section", "student", "teacher", "school"]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 400):
        chunk = rows[start : start + 400]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _ymd(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _rand_day(rng: random.Random, first: dt.date, last: dt.date, weekday: bool = True) -> dt.date:
    if last < first:
        return first
    while True:
        day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
        if not weekday or day.weekday() < 5:
            return day


def _school_days(first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5 and day != dt.date(2025, 5, 26):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the school district tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    schools = {s[1]: {"id": s[0], "type": s[3]} for s in _SCHOOLS}
    _insert(con, "school", _SCHOOLS)

    # ------------------------------------------------------------------ teachers
    teachers = []
    rows = []
    used_salaries: set[int] = set()
    for tid, (code, first, last, dept, grades, hired, left, fte, cert) in enumerate(
        _TEACHERS, start=1
    ):
        years = 2025 - int(hired[:4])
        full = 47000 + 1650 * min(years, 26) + (2500 if schools[code]["type"] == "HIGH" else 0)
        full += 3000 if cert == "Y" else 0
        full += rng.randint(0, 60) * 25
        salary = round(full * float(fte) / 10) * 10
        while salary in used_salaries:
            salary += 10
        used_salaries.add(salary)
        left_on = dt.date.fromisoformat(left) if left else None
        email = None if left_on else f"{first[0].lower()}.{last.lower().replace(chr(39), '')}"
        if email:
            email += (
                f"{tid}@district.example.org"
                if (first, last) in {("Maria", "Lopez"), ("David", "Kim")}
                else "@district.example.org"
            )
        teachers.append({"id": tid, "school": code, "dept": dept, "grades": grades,
                         "hired": dt.date(int(hired[:4]), int(hired[4:6]), int(hired[6:])),
                         "left": left_on})  # fmt: skip
        rows.append((tid, schools[code]["id"], f"T{1000 + tid * 7 + rng.randint(0, 6)}", first,
                     last, email, dept, hired, left_on, fte, salary, cert))  # fmt: skip
    _insert(con, "teacher", rows)

    def _employed(t: dict, first: dt.date, last: dt.date) -> bool:
        return t["hired"] <= last and (t["left"] is None or t["left"] >= first)

    # ------------------------------------------------------------------ students
    students: list[dict] = []
    next_no = [10021]

    def _new_student(code: str, grade: int, enrolled: dt.date, like: dict | None = None) -> dict:
        sid = len(students) + 1
        if like is None:
            gender = rng.choices("FMX", weights=[48, 48, 4])[0]
            first = rng.choice({"F": _FIRST_F, "M": _FIRST_M}.get(gender, _FIRST_F + _FIRST_M))
            last = rng.choice(_LAST)
            # born in the school year cohort of the 2024-25 grade
            cohort = 2019 - grade
            birth = dt.date(cohort, 9, 1) + dt.timedelta(days=rng.randint(0, 364))
            free = "Y" if rng.random() < 0.32 else "N"
            iep = "Y" if rng.random() < 0.12 else "N"
            ability = rng.gauss(0, 11)
            p_abs = rng.choice([0.01, 0.02, 0.03, 0.04, 0.05, 0.07, 0.10, 0.16])
            p_late = rng.choice([0.01, 0.02, 0.04, 0.06, 0.09])
            email = None
            if rng.random() < 0.82:
                email = f"{last.lower()}.family{rng.randint(1, 999)}@mail.example.com"
        else:
            gender, first, last = like["gender"], like["first"], like["last"]
            birth, free, iep, ability = like["birth"], like["free"], like["iep"], like["ability"]
            p_abs, p_late, email = like["p_abs"], like["p_late"], like["email"]
        next_no[0] += rng.randint(1, 9)
        s = {"id": sid, "school": code, "no": f"S-{next_no[0]}", "first": first, "last": last,
             "gender": gender, "birth": birth, "grade": grade, "enrolled": enrolled,
             "left": None, "reason": None, "free": free, "iep": iep, "email": email,
             "ability": ability, "p_abs": p_abs, "p_late": p_late}  # fmt: skip
        students.append(s)
        return s

    per_grade = {"ASH": 7, "BRK": 6, "CED": 4, "LKV": 15, "HIL": 14, "RVS": 13}
    for code in [s[1] for s in _SCHOOLS]:
        stype = schools[code]["type"]
        low = min(_GRADES[stype])
        for grade in _GRADES[stype]:
            for _ in range(per_grade[code]):
                if code == "CED":
                    # grade in 2023-24 is `grade`; 2024-25 grade would be grade + 1
                    start_year = 2023 - (grade - low)
                    enrolled = dt.date(start_year, 9, rng.choice([4, 5, 5, 6]))
                    s = _new_student(code, grade + 1, enrolled)
                    s["grade"] = grade
                    s["left"] = _YEAR_END_2324
                    continue
                start_year = 2024 - (grade - low)
                enrolled = dt.date(start_year, 9, rng.choice([2, 3, 3, 4, 5]))
                if start_year == 2024:
                    enrolled = dt.date(2024, 9, 3)
                if rng.random() < 0.08 and start_year < 2024:
                    enrolled = _rand_day(rng, dt.date(start_year, 10, 1),
                                         dt.date(start_year + 1, 5, 30))  # fmt: skip
                _new_student(code, grade, enrolled)
        if stype == "HIGH":
            # last year's seniors who graduated
            for _ in range(8 if code == "HIL" else 6):
                s = _new_student(code, 13, dt.date(2020, 9, rng.choice([1, 2, 3])))
                s["grade"] = 12
                s["left"], s["reason"] = _YEAR_END_2324, "GRD"
    # Cedar Grove closed: some pupils moved to Ashford / Brookside, others left the district
    ced = [s for s in students if s["school"] == "CED"]
    for i, s in enumerate(ced):
        if s["grade"] == 5:
            s["reason"] = "MOV" if i % 3 == 0 else "OTH"
            continue
        if i % 4 == 3:
            s["reason"] = "MOV"
            continue
        s["reason"] = "INT"
        _new_student("ASH" if i % 2 == 0 else "BRK", s["grade"] + 1, dt.date(2024, 9, 3), like=s)
    # mid-year joiners in 2024-25
    joiners = [("ASH", 2, dt.date(2024, 10, 14)), ("BRK", 4, dt.date(2024, 11, 4)),
               ("LKV", 7, dt.date(2025, 1, 21)), ("HIL", 10, dt.date(2025, 2, 10)),
               ("RVS", 11, dt.date(2025, 3, 17)), ("ASH", 0, dt.date(2025, 4, 28)),
               ("LKV", 6, dt.date(2025, 5, 12)), ("HIL", 9, dt.date(2025, 6, 2)),
               ("BRK", 1, dt.date(2025, 1, 13)), ("HIL", 11, dt.date(2024, 12, 2))]  # fmt: skip
    for code, grade, day in joiners:
        _new_student(code, grade, day)
    # leavers during 2024-25
    current = [s for s in students if s["left"] is None and s["enrolled"] <= dt.date(2024, 9, 3)]
    leave_days = [dt.date(2024, 10, 18), dt.date(2024, 11, 22), dt.date(2024, 12, 20),
                  dt.date(2025, 1, 31), dt.date(2025, 2, 14), dt.date(2025, 3, 28),
                  dt.date(2025, 4, 11), dt.date(2025, 5, 16), dt.date(2025, 5, 30),
                  dt.date(2025, 6, 6), dt.date(2025, 6, 13)]  # fmt: skip
    picked = rng.sample(current, len(leave_days))
    for s, day in zip(picked, leave_days, strict=True):
        s["left"] = day
        s["reason"] = rng.choice(["MOV", "MOV", "OTH"])
    # two Hillcrest students moved to Riverside in January
    hil = [s for s in students if s["school"] == "HIL" and s["left"] is None
           and s["enrolled"] < dt.date(2024, 9, 1) and s["grade"] in (10, 11)]  # fmt: skip
    for s in hil[:2]:
        s["left"], s["reason"] = dt.date(2025, 1, 17), "INT"
        _new_student("RVS", s["grade"], dt.date(2025, 1, 21), like=s)
    # a few names deliberately shared between schools
    shared = [("Liam", "Nguyen", "M"), ("Sofia", "Garcia", "F"), ("Noah", "Patel", "M")]
    for (first, last, sex), code_a, code_b in zip(
        shared, ["ASH", "LKV", "HIL"], ["RVS", "HIL", "BRK"], strict=True
    ):
        for code in (code_a, code_b):
            cand = [
                s
                for s in students
                if s["school"] == code
                and s["left"] is None
                and s["reason"] is None
                and s["first"] != first
                and s["gender"] == sex
            ]
            s = cand[len(cand) // 3]
            s["first"], s["last"] = first, last
    rows = []
    for s in students:
        rows.append((s["id"], schools[s["school"]]["id"], s["no"], s["first"], s["last"],
                     s["gender"], _ymd(s["birth"]), s["grade"], s["enrolled"], s["left"],
                     s["reason"], s["free"], s["iep"], s["email"]))  # fmt: skip
    _insert(con, "student", rows)

    # ------------------------------------------------------------ class sections
    sections = []
    teacher_effect = {t["id"]: rng.gauss(0, 3) for t in teachers}
    for year, term, start, end in _TERMS:
        for code, sch in schools.items():
            if code == "CED" and year != "2023-24":
                continue
            stype = sch["type"]
            for grade in _GRADES[stype]:
                for subject in _SUBJECTS[stype]:
                    dept = "Arts" if subject == "Art" else subject
                    if stype == "ELEM" and subject != "Art":
                        dept = "Primary"
                    cands = [t for t in teachers if t["school"] == code and t["dept"] == dept
                             and (t["grades"] is None or grade in t["grades"])
                             and _employed(t, start + dt.timedelta(days=14), end)]  # fmt: skip
                    if code == "HIL" and subject == "History":
                        cands = [t for t in cands if (t["id"] == _PRYCE) == (year == "2023-24")]
                    teacher = cands[0]["id"] if cands else None
                    if teacher == _GOLDBERG and (year, term) == ("2024-25", 3):
                        teacher = _BYRNE  # Leah Goldberg on leave, Thomas Byrne covers
                    gtxt = "K" if grade == 0 else f"{grade:02d}"
                    room = f"R{rng.randint(1, 3)}{rng.randint(1, 2)}{rng.randint(0, 9)}"
                    if stype == "ELEM" and subject != "Art":
                        room = f"R{100 + grade + 1}"
                    if rng.random() < 0.04:
                        room = None
                    seats = {"ELEM": 24, "MIDD": 28, "HIGH": 30}[stype]
                    sections.append({
                        "id": len(sections) + 1, "school": code, "teacher": teacher,
                        "code": f"{_ABBR[subject]}-{gtxt}-A", "subject": subject,
                        "grade": grade, "year": year, "term": term, "start": start, "end": end,
                        "room": room, "seats": seats, "cancelled": "N",
                    })  # fmt: skip
    # cancelled classes and an extra section nobody signed up for
    by_key = {(s["school"], s["year"], s["term"], s["code"]): s for s in sections}
    by_key[("RVS", "2024-25", 2, "SPA-12-A")]["cancelled"] = "Y"
    by_key[("HIL", "2024-25", 1, "CMP-09-A")]["cancelled"] = "Y"
    by_key[("LKV", "2024-25", 3, "MUS-08-A")]["cancelled"] = "Y"
    by_key[("ASH", "2023-24", 3, "ART-04-A")]["cancelled"] = "Y"
    base = by_key[("HIL", "2024-25", 2, "SPA-11-A")]
    extra = dict(base, id=len(sections) + 1, code="SPA-11-B", room="R118", seats=20)
    sections.append(extra)
    base = by_key[("LKV", "2024-25", 1, "HIS-07-A")]
    sections.append(dict(base, id=len(sections) + 1, code="HIS-07-B", room=None, seats=20,
                         teacher=None))  # fmt: skip
    _insert(con, "class_section", [
        (s["id"], schools[s["school"]]["id"], s["teacher"], s["code"], s["subject"], s["grade"],
         s["year"], s["term"], s["start"], _ymd(s["end"]), s["room"], s["seats"],
         s["cancelled"]) for s in sections
    ])  # fmt: skip

    # ---------------------------------------------------------------- enrolments
    enrolments = []
    for sec in sections:
        if sec["code"].endswith("-B"):
            if sec["code"] == "HIS-07-B":
                continue  # nobody enrolled
            # a small second Spanish group: a handful of students moved from section A
            continue
        if sec["cancelled"] == "Y" and sec["code"] != "MUS-08-A":
            continue
        year_grade_shift = 1 if sec["year"] == "2023-24" else 0
        roster = [s for s in students if s["school"] == sec["school"]
                  and s["grade"] - year_grade_shift == sec["grade"]
                  and s["enrolled"] <= sec["end"]
                  and (s["left"] is None or s["left"] >= sec["start"])]  # fmt: skip
        if sec["year"] == "2023-24":
            # 2023-24 grade of a graduate stored as 12 means grade 12 last year
            roster = [s for s in students if s["school"] == sec["school"]
                      and s["enrolled"] <= sec["end"]
                      and (s["left"] is None or s["left"] >= sec["start"])
                      and ((s["grade"] if s["left"] == _YEAR_END_2324 else s["grade"] - 1)
                           == sec["grade"])]  # fmt: skip
        for s in roster:
            joined = max(s["enrolled"], sec["start"])
            if s["enrolled"] <= sec["start"]:
                joined = sec["start"] - dt.timedelta(days=rng.randint(0, 12))
            status, dropped, mark = "CMP", None, None
            ended = sec["end"] <= LAST_DAY
            if sec["cancelled"] == "Y":
                status, dropped = "WDR", sec["start"]
            elif s["left"] is not None and s["left"] < sec["end"]:
                status, dropped = "WDR", s["left"]
            elif (sec["subject"] in _ELECTIVES and rng.random() < 0.05) or rng.random() < 0.012:
                status = "WDR"
                dropped = _rand_day(
                    rng,
                    max(joined, sec["start"]) + dt.timedelta(days=3),
                    min(sec["end"], LAST_DAY) - dt.timedelta(days=5),
                )
            elif not ended:
                status = "ENR"
            elif rng.random() < 0.015:
                status = "INC"
            else:
                raw = (69 + s["ability"] + _SUBJ_OFFSET[sec["subject"]]
                       + teacher_effect.get(sec["teacher"], 0) + rng.gauss(0, 7)
                       - (4 if s["iep"] == "Y" else 0) + (sec["term"] - 2))  # fmt: skip
                mark = max(3, min(100, round(raw)))
            enrolments.append((s["id"], sec["id"], _ymd(joined), status, dropped, mark))
    # the Hillcrest second Spanish group in term 2: students from section A switched over
    spa_a = by_key[("HIL", "2024-25", 2, "SPA-11-A")]["id"]
    spa_b = extra["id"]
    moved = 0
    for i, e in enumerate(enrolments):
        if e[1] == spa_a and e[3] == "CMP" and moved < 5 and i % 2 == 0:
            enrolments[i] = (e[0], spa_b, e[2], e[3], e[4], e[5])
            moved += 1
    _insert(con, "enrolment", [(i, *e) for i, e in enumerate(enrolments, start=1)])

    # ---------------------------------------------------------------- attendance
    days = _school_days(dt.date(2025, 5, 1), LAST_DAY)
    homeroom: dict[int, int | None] = {}
    for s in students:
        code = s["school"]
        staff = [t for t in teachers if t["school"] == code and t["left"] is None
                 and t["hired"] <= dt.date(2025, 5, 1)]  # fmt: skip
        if schools[code]["type"] == "ELEM":
            own = [t for t in staff if t["dept"] == "Primary" and s["grade"] in (t["grades"] or [])]
            homeroom[s["id"]] = own[0]["id"] if own else None
        else:
            homeroom[s["id"]] = staff[s["id"] % len(staff)]["id"] if staff else None
    flu_day = dt.date(2025, 6, 13)
    att = []
    for day in days:
        for s in students:
            if s["enrolled"] > day or (s["left"] is not None and s["left"] < day):
                continue
            p_abs = s["p_abs"] * (4 if day == flu_day and s["school"] == "HIL" else 1)
            if day.weekday() == 0:
                p_abs *= 1.4
            r = rng.random()
            if r < p_abs:
                status, exc, late = "A", ("Y" if rng.random() < 0.55 else "N"), None
            elif r < p_abs + s["p_late"]:
                status, exc, late = "L", ("Y" if rng.random() < 0.2 else "N"), rng.randint(3, 50)
            else:
                status, exc, late = "P", None, None
            who = homeroom[s["id"]] if rng.random() < 0.9 else None
            if rng.random() < 0.012:
                wrong = rng.choice([c for c in "PAL" if c != status])
                att.append(
                    (
                        s["id"],
                        day,
                        wrong,
                        None if wrong == "P" else "N",
                        rng.randint(5, 30) if wrong == "L" else None,
                        who,
                        "Y",
                    )
                )
            att.append((s["id"], day, status, exc, late, who, "N"))
    _insert(con, "attendance", [(i, *a) for i, a in enumerate(att, start=1)])

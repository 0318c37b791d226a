"""A seeded public-library database, a development domain for the planner.

`build(con, seed=1)` (re)creates five tables in `con`'s main schema. Every value comes from
Python's `random.Random(seed)`, drawn in a fixed order, so one seed always gives the same
tables and another seed gives other ones. Activity runs from 2023-01-01 to 2025-06-30.

- branches (10): branch_id, label, borough, opened_on. "Red Hook" opened in June 2025 and has
  no loans or reservations yet.
- books (300): isbn (TEXT key), title (unique), author, genre, pages (NULL for a few),
  published_year (NULL for a few), price_usd (replacement price). About a tenth of the books
  were never borrowed.
- patrons (500): patron_id, first, last, joined_on, premium, birth_year (NULL when not given).
  About 15% of the patrons have never borrowed anything.
- loans (4,000): loan_id, isbn, patron_id, branch_id, borrowed_at, due_on (21 days after the
  borrow date, 28 for premium patrons), returned_at (NULL while the book is still out),
  late_fee_usd (0.25 per day late, at most 10; NULL while the book is still out).
- reservations (700): reservation_id, isbn, patron_id, branch_id, reserved_at, status
  ('waiting', 'fulfilled', 'cancelled'), picked_up_on (NULL unless fulfilled).

Primary keys and foreign keys are declared; some columns carry comments. The prompts of
library.json are written against seed 1.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from decimal import Decimal

import duckdb

TABLES: tuple[str, ...] = ("branches", "books", "patrons", "loans", "reservations")
N_BOOKS = 300
N_PATRONS = 500
N_LOANS = 4_000
N_RESERVATIONS = 700
START = dt.date(2023, 1, 1)
# The last day anything happens in the data set.
AS_OF = dt.date(2025, 6, 30)

_BRANCHES: list[tuple[str, str, dt.date]] = [
    ("Central Library", "Manhattan", dt.date(1911, 5, 23)),
    ("Harlem", "Manhattan", dt.date(1932, 9, 1)),
    ("Park Slope", "Brooklyn", dt.date(1906, 3, 12)),
    ("Williamsburg", "Brooklyn", dt.date(1905, 10, 2)),
    ("Flushing", "Queens", dt.date(1998, 6, 15)),
    ("Astoria", "Queens", dt.date(1904, 11, 19)),
    ("Fordham", "Bronx", dt.date(1923, 4, 2)),
    ("Riverdale", "Bronx", dt.date(1956, 1, 30)),
    ("St. George", "Staten Island", dt.date(1907, 8, 8)),
    ("Red Hook", "Brooklyn", dt.date(2025, 6, 14)),
]
_BRANCH_WEIGHTS = [0.2, 0.08, 0.12, 0.1, 0.13, 0.09, 0.1, 0.07, 0.11]
_NEW_BRANCH = 10

# genre, share of books, pages range, price range
_GENRES: list[tuple[str, float, tuple[int, int], tuple[float, float]]] = [
    ("Fiction", 0.20, (180, 620), (12.0, 32.0)),
    ("Mystery", 0.14, (220, 480), (10.0, 28.0)),
    ("Science Fiction", 0.10, (240, 720), (12.0, 30.0)),
    ("Fantasy", 0.09, (280, 900), (14.0, 36.0)),
    ("Romance", 0.08, (180, 420), (8.0, 20.0)),
    ("Biography", 0.09, (240, 640), (18.0, 40.0)),
    ("History", 0.09, (260, 780), (20.0, 48.0)),
    ("Science", 0.08, (200, 560), (22.0, 55.0)),
    ("Children", 0.08, (24, 180), (6.0, 18.0)),
    ("Poetry", 0.05, (60, 220), (10.0, 24.0)),
]
_ADJECTIVES = ["Silent", "Hidden", "Broken", "Golden", "Distant", "Last", "Burning", "Quiet"]
_ADJECTIVES += ["Crimson", "Forgotten", "Winter", "Paper", "Hollow", "Endless", "Little"]
_ADJECTIVES += ["Velvet", "Northern"]
_NOUNS = ["River", "Garden", "Kingdom", "Harbor", "Letters", "Orchard", "Machine", "Lighthouse"]
_NOUNS += ["Mountain", "Promise", "Archive", "Island", "Storm", "Crown", "Bridge", "Compass"]
_FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonah"]
_FIRST += ["Kira", "Leo", "Maya", "Noah", "Olga", "Priya", "Quentin", "Rosa", "Sam", "Tara"]
_FIRST += ["Umar", "Vera", "Wes", "Xin", "Yusuf", "Zara"]
_LAST = ["Abbott", "Brennan", "Chen", "Diaz", "Ellis", "Ferreira", "Goldberg", "Haddad"]
_LAST += ["Ito", "Jensen", "Kowalski", "Lindqvist", "Mensah", "Novak", "Okafor", "Park"]
_LAST += ["Quinlan", "Rossi", "Singh", "Tanaka", "Ueda", "Volkov", "Williams", "Young"]
_AUTHOR_FIRST = ["Amelia", "Bernard", "Celeste", "Dmitri", "Eleanor", "Franz", "Gloria"]
_AUTHOR_FIRST += ["Harold", "Isabel", "Julian", "Katherine", "Lorenzo", "Margaret", "Nadia"]
_AUTHOR_LAST = ["Ashworth", "Blackwood", "Carrington", "Delacroix", "Everly", "Fairchild"]
_AUTHOR_LAST += ["Greaves", "Hawthorne", "Irving", "Kellerman", "Lockhart", "Marlowe"]

_DDL = {
    "branches": """branch_id INTEGER PRIMARY KEY, label VARCHAR NOT NULL, borough VARCHAR,
        opened_on DATE""",
    "books": """isbn VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, author VARCHAR,
        genre VARCHAR, pages INTEGER, published_year INTEGER, price_usd DECIMAL(8,2)""",
    "patrons": """patron_id INTEGER PRIMARY KEY, first VARCHAR, last VARCHAR, joined_on DATE,
        premium BOOLEAN, birth_year INTEGER""",
    "loans": """loan_id INTEGER PRIMARY KEY, isbn VARCHAR REFERENCES books (isbn),
        patron_id INTEGER REFERENCES patrons (patron_id),
        branch_id INTEGER REFERENCES branches (branch_id), borrowed_at TIMESTAMP,
        due_on DATE, returned_at TIMESTAMP, late_fee_usd DECIMAL(6,2)""",
    "reservations": """reservation_id INTEGER PRIMARY KEY, isbn VARCHAR REFERENCES books (isbn),
        patron_id INTEGER REFERENCES patrons (patron_id),
        branch_id INTEGER REFERENCES branches (branch_id), reserved_at TIMESTAMP,
        status VARCHAR, picked_up_on DATE""",
}
_COMMENTS = {
    ("branches", "label"): "Display name of the branch",
    ("books", "price_usd"): "Replacement price of one copy, in US dollars",
    ("books", "pages"): "Page count; NULL when unknown",
    ("patrons", "first"): "First name",
    ("patrons", "last"): "Last name (surname)",
    ("patrons", "premium"): "True for patrons with a paid premium membership",
    ("patrons", "birth_year"): "Year of birth; NULL when the patron did not give it",
    ("loans", "due_on"): "Date the book must be back: 21 days after borrowing, 28 for premium",
    ("loans", "returned_at"): "When the book came back; NULL while it is still out",
    ("loans", "late_fee_usd"): "Fee charged at return, 0.25 USD per day late (at most 10 USD); "
    "NULL while the book is still out",
    ("reservations", "picked_up_on"): "Date a fulfilled reservation was collected",
}


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no literal for {value!r}")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Iterable[object]]) -> None:
    for start in range(0, len(rows), 1000):
        values = ", ".join(
            "(" + ", ".join(_literal(v) for v in row) + ")" for row in rows[start : start + 1000]
        )
        con.execute(f"INSERT INTO main.{table} VALUES {values}")


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _books(rng: random.Random) -> list[tuple[object, ...]]:
    titles = [f"The {a} {n}" for a in _ADJECTIVES for n in _NOUNS]
    titles += [f"{n} of {a} Days" for a in _ADJECTIVES[:6] for n in _NOUNS[:8]]
    rng.shuffle(titles)
    authors = [f"{f} {last}" for f in _AUTHOR_FIRST for last in _AUTHOR_LAST]
    rng.shuffle(authors)
    authors = authors[:90]
    isbns: set[str] = set()
    rows = []
    for i in range(N_BOOKS):
        while True:
            isbn = "978" + "".join(str(rng.randint(0, 9)) for _ in range(10))
            if isbn not in isbns:
                isbns.add(isbn)
                break
        genre, _share, (p_lo, p_hi), (c_lo, c_hi) = rng.choices(
            _GENRES, weights=[g[1] for g in _GENRES]
        )[0]
        pages = None if rng.random() < 0.03 else rng.randint(p_lo, p_hi)
        year = None if rng.random() < 0.025 else 2025 - int(rng.random() ** 2.2 * 75)
        price = _money(rng.uniform(c_lo, c_hi) // 1 + 0.99)
        author = authors[min(int(rng.random() ** 1.6 * len(authors)), len(authors) - 1)]
        rows.append((isbn, titles[i], author, genre, pages, year, price))
    return rows


def _patrons(rng: random.Random) -> list[tuple[object, ...]]:
    rows = []
    for pid in range(1, N_PATRONS + 1):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        joined = _day(rng, dt.date(2015, 1, 5), AS_OF)
        premium = rng.random() < 0.22
        birth = None if rng.random() < 0.06 else rng.randint(1940, 2014)
        rows.append((pid, first, last, joined, premium, birth))
    return rows


def _timestamp(rng: random.Random, day: dt.date) -> dt.datetime:
    clock = dt.time(rng.randint(9, 19), rng.randint(0, 59), rng.randint(0, 59))
    return dt.datetime.combine(day, clock)


def _loans(
    rng: random.Random, books: list[tuple[object, ...]], patrons: list[tuple[object, ...]]
) -> list[tuple[object, ...]]:
    isbns = [b[0] for b in books]
    # Popularity: a tenth of the books are never borrowed, the rest by a skewed weight.
    weights = [0.0 if rng.random() < 0.1 else rng.random() ** 3 + 0.05 for _ in isbns]
    recent = AS_OF - dt.timedelta(days=7)
    borrowers = [p for p in patrons if rng.random() >= 0.12 and p[3] <= recent]
    p_weights = [rng.random() ** 2 + 0.1 for _ in borrowers]
    branches = list(range(1, _NEW_BRANCH))
    rows = []
    for loan_id in range(1, N_LOANS + 1):
        patron = rng.choices(borrowers, weights=p_weights)[0]
        pid, premium = patron[0], patron[4]
        joined = patron[3]
        assert isinstance(joined, dt.date)
        first_day = max(START, joined)
        borrowed = _timestamp(rng, _day(rng, first_day, AS_OF))
        due = borrowed.date() + dt.timedelta(days=28 if premium else 21)
        u = rng.random()
        if u < 0.02:
            days_out = 400  # lost: never returned
        elif u < 0.82:
            days_out = rng.randint(2, 21)
        else:
            days_out = rng.randint(22, 70)
        returned: dt.datetime | None = _timestamp(rng, borrowed.date() + dt.timedelta(days_out))
        if returned is not None and returned.date() > AS_OF:
            returned = None  # still out
        fee = None
        if returned is not None:
            late = max(0, (returned.date() - due).days)
            fee = _money(min(10.0, 0.25 * late))
        isbn = rng.choices(isbns, weights=weights)[0]
        branch = rng.choices(branches, weights=_BRANCH_WEIGHTS)[0]
        rows.append((loan_id, isbn, pid, branch, borrowed, due, returned, fee))
    return rows


def _reservations(
    rng: random.Random, books: list[tuple[object, ...]], patrons: list[tuple[object, ...]]
) -> list[tuple[object, ...]]:
    isbns = [b[0] for b in books]
    reservers = [p for p in patrons if rng.random() < 0.45 and p[3] <= AS_OF]
    rows = []
    for rid in range(1, N_RESERVATIONS + 1):
        patron = rng.choice(reservers)
        joined = patron[3]
        assert isinstance(joined, dt.date)
        reserved = _timestamp(rng, _day(rng, max(START, joined), AS_OF))
        age = (AS_OF - reserved.date()).days
        u = rng.random()
        if age < 20 and u < 0.7:
            status, picked = "waiting", None
        elif u < 0.8:
            wait = rng.randint(1, 19)
            if reserved.date() + dt.timedelta(days=wait) > AS_OF:
                status, picked = "waiting", None
            else:
                status, picked = "fulfilled", reserved.date() + dt.timedelta(days=wait)
        else:
            status, picked = "cancelled", None
        branch = rng.choices(range(1, _NEW_BRANCH), weights=_BRANCH_WEIGHTS)[0]
        rows.append((rid, rng.choice(isbns), patron[0], branch, reserved, status, picked))
    return rows


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the library tables in `con`'s main schema, deterministically for `seed`."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an integer, not {seed!r}")
    rng = random.Random(seed)
    for table in reversed(TABLES):  # children first: the foreign keys are declared
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")
    for (table, column), text in _COMMENTS.items():
        con.execute(f"COMMENT ON COLUMN main.{table}.{column} IS {_literal(text)}")
    branches = [(i, *b) for i, b in enumerate(_BRANCHES, start=1)]
    books = _books(rng)
    patrons = _patrons(rng)
    _insert(con, "branches", branches)
    _insert(con, "books", books)
    _insert(con, "patrons", patrons)
    _insert(con, "loans", _loans(rng, books, patrons))
    _insert(con, "reservations", _reservations(rng, books, patrons))

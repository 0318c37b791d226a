"""A seeded video-streaming database (held-out planner evaluation, domain "streaming").

`build(con, seed=1)` (re)creates five tables in `con`'s main schema from Python's `random.Random`
with a fixed seed, so one seed always gives identical tables. Everything happens between
2023-01-01 and 2025-06-30 (the data's last day).

- plans (6): plan_id (PK), code, tier ('basic' | 'standard' | 'premium'), price_eur (monthly list
  price), screens, hd, ads. 'basic_ads' is the only plan with ads; the basic plans are not HD.
- members (500): member_id (PK), handle (unique), country_code (two letters; NULL for a few),
  signup_ts, birth_year (NULL when not given), kids_profile, referred_by (the member_id of an
  earlier member, NULL for most), ltv (lifetime value in EUR: mrr_eur times months subscribed,
  0 for members who never subscribed).
- subscriptions (~500): sub_id (PK), member_id, plan_id, started_ts, cancelled_ts (NULL = still
  active), autorenew, trial, mrr_eur (monthly recurring revenue in EUR after discount, below the
  plan price for discounted subscriptions), cancel_reason (NULL when still active and for some
  cancelled ones). About 12% of members never subscribed; some cancelled and came back later.
- titles (150): title_id (PK), name, kind ('film' | 'series'), genre, release_year, runtime_min
  (episode length for series; NULL for a few), maturity, original, added_on. The last titles
  (ids 136-150) have never been watched.
- sessions (~4,000): session_id (PK), member_id, title_id, watched_ts (inside one of the member's
  subscriptions), watch_seconds, device, rating_pct (0-100, NULL when the viewer did not rate),
  finished. Some subscribers never watched anything; nothing was watched on 2025-05-31 (an
  outage), so "the last 30 days" of sessions is all of June 2025 however it is counted.

Primary keys and foreign keys are declared; `ltv`, `mrr_eur`, `rating_pct` and `referred_by`
carry column comments.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb

TABLES: tuple[str, ...] = ("plans", "members", "subscriptions", "titles", "sessions")
START = dt.datetime(2023, 1, 1)
AS_OF = dt.datetime(2025, 6, 30, 23, 59, 59)

_DDL = {
    "plans": """plan_id INTEGER PRIMARY KEY, code VARCHAR NOT NULL, tier VARCHAR NOT NULL,
        price_eur DECIMAL(6,2) NOT NULL, screens INTEGER NOT NULL, hd BOOLEAN NOT NULL,
        ads BOOLEAN NOT NULL""",
    "members": """member_id INTEGER PRIMARY KEY, handle VARCHAR NOT NULL, country_code VARCHAR,
        signup_ts TIMESTAMP NOT NULL, birth_year INTEGER, kids_profile BOOLEAN NOT NULL,
        referred_by INTEGER, ltv DECIMAL(10,2) NOT NULL""",
    "subscriptions": """sub_id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES members (member_id),
        plan_id INTEGER NOT NULL REFERENCES plans (plan_id), started_ts TIMESTAMP NOT NULL,
        cancelled_ts TIMESTAMP, autorenew BOOLEAN NOT NULL, trial BOOLEAN NOT NULL,
        mrr_eur DECIMAL(6,2) NOT NULL, cancel_reason VARCHAR""",
    "titles": """title_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        genre VARCHAR NOT NULL, release_year INTEGER NOT NULL, runtime_min INTEGER,
        maturity VARCHAR NOT NULL, original BOOLEAN NOT NULL, added_on DATE NOT NULL""",
    "sessions": """session_id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES members (member_id),
        title_id INTEGER NOT NULL REFERENCES titles (title_id), watched_ts TIMESTAMP NOT NULL,
        watch_seconds INTEGER NOT NULL, device VARCHAR NOT NULL, rating_pct INTEGER,
        finished BOOLEAN NOT NULL""",
}

_COMMENTS = {
    ("members", "ltv"): "lifetime value in EUR",
    ("members", "referred_by"): "member_id of the member who referred this one",
    ("subscriptions", "mrr_eur"): "monthly recurring revenue in EUR, after discount",
    ("sessions", "rating_pct"): "thumbs rating given after watching, 0-100; NULL if not rated",
}

# plan_id, code, tier, price_eur, screens, hd, ads, weight
_PLANS = [
    (1, "basic_ads", "basic", "5.99", 1, False, True, 0.22),
    (2, "basic", "basic", "8.99", 1, False, False, 0.18),
    (3, "standard", "standard", "13.49", 2, True, False, 0.27),
    (4, "student", "standard", "6.99", 1, True, False, 0.08),
    (5, "premium", "premium", "17.99", 4, True, False, 0.17),
    (6, "family", "premium", "21.99", 6, True, False, 0.08),
]
_COUNTRIES = [("DE", 0.24), ("FR", 0.18), ("ES", 0.13), ("IT", 0.12), ("NL", 0.09),
              ("PL", 0.08), ("BE", 0.05), ("PT", 0.04), ("AT", 0.04), ("IE", 0.03)]  # fmt: skip
_HANDLE_A = [
    "blue",
    "quiet",
    "lucky",
    "night",
    "pixel",
    "retro",
    "sunny",
    "wild",
    "cosmic",
    "velvet",
    "urban",
    "misty",
    "rapid",
    "silver",
    "golden",
    "happy",
    "lazy",
    "noisy",
]
_HANDLE_B = ["fox", "owl", "otter", "panda", "raven", "tiger", "koala", "lynx", "whale",
             "badger", "falcon", "gecko", "heron", "moose", "yak", "zebra"]  # fmt: skip
_REASONS = [("price", 0.35), ("content", 0.25), ("technical", 0.10), ("moved", 0.08),
            (None, 0.22)]  # fmt: skip
_GENRES = [
    ("drama", 0.22),
    ("comedy", 0.18),
    ("thriller", 0.14),
    ("documentary", 0.12),
    ("animation", 0.10),
    ("sci-fi", 0.09),
    ("horror", 0.08),
    ("romance", 0.07),
]
_MATURITY = [("all", 0.25), ("7+", 0.15), ("13+", 0.25), ("16+", 0.2), ("18+", 0.15)]
_DEVICES = [("tv", 0.38), ("mobile", 0.27), ("web", 0.15), ("tablet", 0.12), ("console", 0.08)]
_TITLE_A = [
    "Silent",
    "Broken",
    "Last",
    "Golden",
    "Hidden",
    "Northern",
    "Crimson",
    "Paper",
    "Electric",
    "Distant",
    "Wild",
    "Frozen",
    "Velvet",
    "Iron",
    "Midnight",
    "Little",
]
_TITLE_B = [
    "Harbor",
    "Empire",
    "Garden",
    "Signal",
    "Witness",
    "Orchard",
    "Frontier",
    "Circus",
    "Lighthouse",
    "Kingdom",
    "Station",
    "Island",
    "Summer",
    "Letters",
    "Machine",
]
N_MEMBERS = 500
N_TITLES = 150
N_UNWATCHED = 15  # the last titles are never watched
OUTAGE_DAY = dt.date(2025, 5, 31)  # a platform outage: no sessions that day


def _pick(rng: random.Random, choices: list[tuple[Any, float]]) -> Any:
    u, edge = rng.random(), 0.0
    for value, share in choices:
        edge += share
        if u < edge:
            return value
    return choices[-1][0]


def _money(x: float | Decimal) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _ts(rng: random.Random, lo: dt.datetime, hi: dt.datetime) -> dt.datetime:
    span = int((hi - lo).total_seconds())
    return lo + dt.timedelta(seconds=rng.randrange(max(span, 1)))


def _literal(v: Any) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | Decimal):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, dt.datetime):
        return f"TIMESTAMP '{v.isoformat(sep=' ')}'"
    if isinstance(v, dt.date):
        return f"DATE '{v.isoformat()}'"
    return "'" + str(v).replace("'", "''") + "'"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> None:
    for i in range(0, len(rows), 500):
        chunk = rows[i : i + 500]
        values = ",\n".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in chunk)
        con.execute(f"INSERT INTO main.{table} VALUES {values}")


def _months(a: dt.datetime, b: dt.datetime) -> Decimal:
    return Decimal(str(round((b - a).total_seconds() / 86400 / 30.4375, 4)))


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the streaming tables in `con`'s main schema, deterministically."""
    rng = random.Random(f"streaming-{seed}")
    for table in reversed(TABLES):  # children first: the foreign keys are declared
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")
    for (table, column), text in _COMMENTS.items():
        con.execute(f"COMMENT ON COLUMN main.{table}.{column} IS '{text}'")

    plans = [p[:7] for p in _PLANS]
    price = {p[0]: Decimal(p[3]) for p in _PLANS}
    plan_weights = [(p[0], p[7]) for p in _PLANS]

    # members: signups spread over the whole period, slightly growing
    members: list[list[Any]] = []
    handles: set[str] = set()
    for member_id in range(1, N_MEMBERS + 1):
        while True:
            handle = f"{rng.choice(_HANDLE_A)}_{rng.choice(_HANDLE_B)}{rng.randrange(10, 1000)}"
            if handle not in handles:
                handles.add(handle)
                break
        country = None if rng.random() < 0.03 else _pick(rng, _COUNTRIES)
        frac = rng.random() ** 0.85
        signup = START + dt.timedelta(
            seconds=int(frac * ((AS_OF - START).total_seconds() - 86400 * 10))
        )
        birth = None if rng.random() < 0.12 else rng.randrange(1952, 2008)
        kids = rng.random() < 0.2
        members.append([member_id, handle, country, signup, birth, kids, None, Decimal("0")])
    members.sort(key=lambda m: m[3])  # ids in signup order
    for i, m in enumerate(members, start=1):
        m[0] = i
    for m in members:
        if m[0] > 20 and rng.random() < 0.15:
            m[6] = rng.randrange(1, m[0])

    # subscriptions
    subs: list[list[Any]] = []
    for m in members:
        if rng.random() < 0.12:
            continue  # never subscribed
        start = m[3] + dt.timedelta(seconds=rng.randrange(0, 86400 * 8))
        while start < AS_OF:
            plan_id = _pick(rng, plan_weights)
            trial = rng.random() < 0.3
            cancelled = None
            if rng.random() < 0.45:
                c = start + dt.timedelta(days=rng.randrange(5, 420), seconds=rng.randrange(86400))
                if c < AS_OF:
                    cancelled = c
            autorenew = rng.random() < (0.3 if cancelled else 0.8)
            discount = 1 if rng.random() < 0.75 else _pick(rng, [(0.8, 0.6), (0.5, 0.4)])
            mrr = _money(price[plan_id] * Decimal(str(discount)))
            reason = _pick(rng, _REASONS) if cancelled else None
            subs.append(
                [len(subs) + 1, m[0], plan_id, start, cancelled, autorenew, trial, mrr, reason]
            )
            if cancelled is None or rng.random() > 0.3:
                break
            start = cancelled + dt.timedelta(
                days=rng.randrange(10, 200), seconds=rng.randrange(86400)
            )
    ltv: dict[int, Decimal] = {}
    for s in subs:
        end = s[4] or AS_OF
        ltv[s[1]] = ltv.get(s[1], Decimal("0")) + s[7] * _months(s[3], end)
    for m in members:
        m[7] = _money(ltv.get(m[0], Decimal("0")))

    # titles
    titles: list[tuple[Any, ...]] = []
    names: set[str] = set()
    for title_id in range(1, N_TITLES + 1):
        while True:
            name = f"{rng.choice(_TITLE_A)} {rng.choice(_TITLE_B)}"
            if rng.random() < 0.25:
                name = "The " + name
            if name not in names:
                names.add(name)
                break
        kind = "series" if rng.random() < 0.35 else "film"
        genre = _pick(rng, _GENRES)
        if genre == "documentary" and kind == "series" and rng.random() < 0.5:
            kind = "film"
        release = rng.randrange(1985, 2026)
        runtime: int | None = rng.randrange(22, 61) if kind == "series" else rng.randrange(78, 181)
        if rng.random() < 0.04:
            runtime = None
        added_lo = max(dt.date(2022, 6, 1), dt.date(release, 1, 1))
        added_hi = dt.date(2025, 6, 1)
        added = added_lo + dt.timedelta(days=rng.randrange(max((added_hi - added_lo).days, 1)))
        original = rng.random() < 0.2
        titles.append((title_id, name, kind, genre, release, runtime, _pick(rng, _MATURITY),
                       original, added))  # fmt: skip
    watchable = titles[: N_TITLES - N_UNWATCHED]
    popularity = [1.0 / (1 + (i % 40)) ** 0.6 for i in range(len(watchable))]

    # sessions: inside a subscription, after the title was added
    watchers = {s[1] for s in subs}
    idle = {mid for mid in watchers if rng.random() < 0.1}
    sessions: list[tuple[Any, ...]] = []
    for s in subs:
        if s[1] in idle:
            continue
        end = s[4] or AS_OF
        days = max((end - s[3]).days, 1)
        n = max(0, int(rng.gauss(days / 22, 3)))
        for _ in range(min(n, 60)):
            when = _ts(rng, s[3], end)
            title = rng.choices(watchable, weights=popularity)[0]
            if title[8] > when.date() or when.date() == OUTAGE_DAY:
                continue
            full = (title[5] or 45) * 60
            secs = (
                int(full * min(1.0, rng.random() ** 0.5 * 1.05))
                if rng.random() < 0.9
                else rng.randrange(30, 300)
            )
            secs = max(secs, 30)
            finished = secs >= 0.9 * full
            rating = None if rng.random() < 0.65 else rng.randrange(0, 101)
            device = _pick(rng, _DEVICES)
            sessions.append((0, s[1], title[0], when, secs, device, rating, finished))
    sessions.sort(key=lambda r: (r[3], r[1]))
    sessions = [(i, *r[1:]) for i, r in enumerate(sessions, start=1)]

    _insert(con, "plans", plans)
    _insert(con, "members", [tuple(m) for m in members])
    _insert(con, "subscriptions", [tuple(s) for s in subs])
    _insert(con, "titles", titles)
    _insert(con, "sessions", sessions)

"""A seeded database of a personal-lines insurance company: branches, agents, claim adjusters,
policyholders, policies, premium payments and claims.

`build(con, seed=1)` (re)creates seven tables in `con`'s main schema from Python's `random`
seeded with `seed`, so one seed always gives the same tables and another seed other ones.
Policies take effect from 2021-01-01 on; the data ends on 2025-09-30 (the last day of the
data: no policy starts, payment, loss or claim report after it). Money is in US dollars.

- branches (7): branch_id, branch_label (the branch's name), state_code (two-letter US state),
  city, opened_on, regional_hq. "Sacramento Midtown" (branch 7, CA) opened in August 2025: one
  agent, no policies yet.
- agents (24): agent_id, agent_name (unique), branch_id, license_no, hired_on, terminated_on
  (NULL while employed), commission_pct (percent of premium, 0-100 scale), is_active
  (= terminated_on IS NULL), captive (TRUE = sells only our products, FALSE = independent).
  Agents 12 and 24 were hired in August/September 2025 and have sold no policies.
- adjusters (12): adjuster_id, surname (unique), specialty ('auto', 'property', 'life',
  'commercial', or NULL for generalists), hired_on, is_staff (FALSE = contractor),
  hourly_rate_usd (NULL for staff adjusters, who are salaried), license_state. The
  'commercial' adjuster and the one hired in September 2025 have handled no claims.
- policyholders (1,000): holder_id, first_name, last_name, birth_date, state_code, email (NULL
  for some), customer_since, credit_tier ('A' best to 'D'; NULL when no credit check was run),
  smoker, paperless. About 4% (41 with seed 1) hold no policy (prospects who were only
  quoted); nobody lives in CA.
- policies (~2,400): policy_no (e.g. 'AU000123'; prefix AU auto, HO home, RE renters, LI life,
  UM umbrella), holder_id, agent_id (the selling agent), product_line ('auto', 'home',
  'renters', 'life', 'umbrella'), effective_date, expiration_date, cancelled_date (NULL unless
  cancelled early), status ('active', 'expired', 'cancelled', as of 2025-09-30),
  annual_premium_usd, deductible_usd (NULL for life and umbrella), coverage_limit_usd (the
  death benefit for life policies), pay_plan ('monthly', 'quarterly', 'annual'), is_renewal.
  Auto, home, renters and umbrella policies run 12 months and are often renewed as a new
  policy (same holder and line, new policy_no); life policies run 10 or 20 years. Most
  policies (about 80%) have no claims.
- premium_payments (~7,500): payment_id, policy_no, paid_at (TIMESTAMP), amount_usd (one
  installment: annual premium x 1/12, 3/12 or 12/12 by pay plan), method ('ach', 'card',
  'check'), late (paid more than 10 days after the due date). A first installment can be paid
  up to a week before the policy takes effect, so a few payments fall in late December 2020.
  The latest payment is on 2025-09-30.
- claims (~600): claim_id, policy_no, adjuster_id (NULL while not yet assigned; only a couple
  of claims reported in the last days), loss_date (DATE of the incident), reported_at
  (TIMESTAMP; with seed 1 the latest report is on 2025-09-24), closed_date (NULL while open),
  cause ('collision', 'theft', 'glass', 'liability', 'water', 'fire', 'wind', 'death'),
  claimed_amount_usd (capped at the coverage limit), paid_amount_usd (NULL while open, 0 when
  denied; approved life claims pay the full death benefit), approved (NULL while open),
  fraud_flag.

Primary keys and foreign keys are declared; a few columns carry comments.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import duckdb
import pyarrow as pa

TABLES: tuple[str, ...] = (
    "branches",
    "agents",
    "adjusters",
    "policyholders",
    "policies",
    "premium_payments",
    "claims",
)
AS_OF = dt.date(2025, 9, 30)
FIRST_DAY = dt.date(2021, 1, 1)

# branch_label, state_code, city, opened_on, regional_hq
_BRANCHES = [
    ("Midtown Manhattan", "NY", "New York", dt.date(2009, 4, 1), True),
    ("Newark Gateway", "NJ", "Newark", dt.date(2012, 6, 15), False),
    ("Center City", "PA", "Philadelphia", dt.date(2011, 3, 1), True),
    ("Columbus North", "OH", "Columbus", dt.date(2015, 9, 10), False),
    ("Austin Riverside", "TX", "Austin", dt.date(2017, 2, 20), True),
    ("Tampa Bay", "FL", "Tampa", dt.date(2019, 11, 4), False),
    ("Sacramento Midtown", "CA", "Sacramento", dt.date(2025, 8, 18), False),
]  # fmt: skip
_AGENT_BRANCH = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7]
_AGENT_NAMES = [
    "Dana Whitfield", "Marcus Oyelaran", "Priya Raman", "Tom Kessler", "Elena Vasquez",
    "Greg Halloran", "Nadia Petrova", "Luis Carvajal", "Hannah Brooks", "Owen McCarthy",
    "Keisha Thompson", "Ravi Desai", "Bethany Cole", "Arturo Mendez", "Julia Novak",
    "Derek Pham", "Sofia Lindqvist", "Carlos Ibarra", "Megan O'Neil", "Victor Adeyemi",
    "Rachel Stein", "Jamal Washington", "Ingrid Sorensen", "Kevin Tran",
]  # fmt: skip
# surname, specialty, hired_on, is_staff, license_state
_ADJUSTERS = [
    ("Abernathy", "auto", dt.date(2014, 5, 12), True, "NY"),
    ("Bellweather", "auto", dt.date(2017, 8, 1), True, "PA"),
    ("Castellano", "auto", dt.date(2020, 3, 16), False, "TX"),
    ("Drummond", "property", dt.date(2012, 1, 9), True, "NJ"),
    ("Esposito", "property", dt.date(2019, 6, 3), False, "FL"),
    ("Fairbanks", "property", dt.date(2021, 9, 20), True, "OH"),
    ("Gallagher", "life", dt.date(2016, 11, 7), True, "NY"),
    ("Holloway", None, dt.date(2018, 2, 26), False, "TX"),
    ("Iwasaki", None, dt.date(2022, 4, 11), True, "PA"),
    ("Jankowski", "auto", dt.date(2023, 7, 17), False, "FL"),
    ("Kowalczyk", "commercial", dt.date(2015, 10, 5), True, "NJ"),
    ("Lindgren", "property", dt.date(2025, 9, 15), True, "OH"),
]  # fmt: skip
_FIRST = ["James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda",
          "William", "Elizabeth", "Jose", "Maria", "Kwame", "Aisha", "Wei", "Mei", "Raj",
          "Ananya", "Ethan", "Olivia", "Noah", "Emma", "Liam", "Chloe", "Omar", "Fatima",
          "Diego", "Lucia", "Tyler", "Brianna"]  # fmt: skip
_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
         "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor",
         "Moore", "Jackson", "Lee", "Nguyen", "Patel", "Kim", "Chen", "Murphy", "Rivera",
         "Cohen", "Okafor", "Schmidt", "Rossi", "Kowalski", "Sullivan"]  # fmt: skip
_STATES = {"NY": 0.22, "NJ": 0.13, "PA": 0.17, "OH": 0.12, "TX": 0.17, "FL": 0.14,
           "CT": 0.03, "GA": 0.02}  # fmt: skip
_LINES = {"auto": 0.40, "home": 0.24, "renters": 0.14, "life": 0.12, "umbrella": 0.10}
_PREFIX = {"auto": "AU", "home": "HO", "renters": "RE", "life": "LI", "umbrella": "UM"}
_BASE_PREMIUM = {"auto": 1450.0, "home": 1650.0, "renters": 210.0, "life": 620.0,
                 "umbrella": 380.0}  # fmt: skip
_TIER_FACTOR = {"A": 0.85, "B": 1.0, "C": 1.15, "D": 1.35, None: 1.1}
_CAUSES = {
    "auto": (["collision", "theft", "glass", "liability"], [0.55, 0.1, 0.25, 0.1]),
    "home": (["water", "fire", "wind", "theft", "liability"], [0.4, 0.08, 0.3, 0.12, 0.1]),
    "renters": (["theft", "water", "fire"], [0.6, 0.3, 0.1]),
    "umbrella": (["liability"], [1.0]),
    "life": (["death"], [1.0]),
}
_SEVERITY = {"collision": 4200, "theft": 7000, "glass": 650, "liability": 18000,
             "water": 9500, "fire": 42000, "wind": 12500}  # fmt: skip
_CLAIM_RATE = {"auto": 0.4, "home": 0.25, "renters": 0.12, "umbrella": 0.05, "life": 0.02}
_ADJ_FOR = {"auto": "auto", "home": "property", "renters": "property",
            "umbrella": "property", "life": "life"}  # fmt: skip

_DDL = {
    "branches": """branch_id INTEGER PRIMARY KEY, branch_label VARCHAR NOT NULL,
        state_code VARCHAR(2), city VARCHAR, opened_on DATE, regional_hq BOOLEAN""",
    "agents": """agent_id INTEGER PRIMARY KEY, agent_name VARCHAR NOT NULL,
        branch_id INTEGER REFERENCES branches (branch_id), license_no VARCHAR,
        hired_on DATE, terminated_on DATE, commission_pct DECIMAL(4,1), is_active BOOLEAN,
        captive BOOLEAN""",
    "adjusters": """adjuster_id INTEGER PRIMARY KEY, surname VARCHAR NOT NULL,
        specialty VARCHAR, hired_on DATE, is_staff BOOLEAN, hourly_rate_usd DECIMAL(6,2),
        license_state VARCHAR(2)""",
    "policyholders": """holder_id INTEGER PRIMARY KEY, first_name VARCHAR, last_name VARCHAR,
        birth_date DATE, state_code VARCHAR(2), email VARCHAR, customer_since DATE,
        credit_tier VARCHAR(1), smoker BOOLEAN, paperless BOOLEAN""",
    "policies": """policy_no VARCHAR PRIMARY KEY,
        holder_id INTEGER REFERENCES policyholders (holder_id),
        agent_id INTEGER REFERENCES agents (agent_id), product_line VARCHAR,
        effective_date DATE, expiration_date DATE, cancelled_date DATE, status VARCHAR,
        annual_premium_usd DECIMAL(10,2), deductible_usd DECIMAL(8,2),
        coverage_limit_usd DECIMAL(12,2), pay_plan VARCHAR, is_renewal BOOLEAN""",
    "premium_payments": """payment_id INTEGER PRIMARY KEY,
        policy_no VARCHAR REFERENCES policies (policy_no), paid_at TIMESTAMP,
        amount_usd DECIMAL(10,2), method VARCHAR, late BOOLEAN""",
    "claims": """claim_id INTEGER PRIMARY KEY,
        policy_no VARCHAR REFERENCES policies (policy_no),
        adjuster_id INTEGER REFERENCES adjusters (adjuster_id), loss_date DATE,
        reported_at TIMESTAMP, closed_date DATE, cause VARCHAR,
        claimed_amount_usd DECIMAL(12,2), paid_amount_usd DECIMAL(12,2), approved BOOLEAN,
        fraud_flag BOOLEAN""",
}

_COMMENTS = [
    ("branches", "branch_label", "branch name shown on signage and letterheads"),
    ("agents", "commission_pct", "commission on written premium, in percent (0-100)"),
    ("agents", "captive", "TRUE if the agent sells only our products; FALSE if independent"),
    ("adjusters", "hourly_rate_usd", "contractor billing rate; NULL for salaried staff"),
    ("policyholders", "credit_tier", "insurance credit tier, A (best) to D; NULL if not run"),
    ("policies", "annual_premium_usd", "premium for one year of cover, in US dollars"),
    ("policies", "coverage_limit_usd", "most we pay per claim; the death benefit for life"),
    ("policies", "cancelled_date", "date the policy was cancelled before expiring"),
    ("policies", "status", "active, expired or cancelled as of 2025-09-30"),
    ("claims", "loss_date", "date the incident happened"),
    ("claims", "claimed_amount_usd", "amount the policyholder asked for"),
    ("claims", "paid_amount_usd", "amount paid out; NULL while open, 0 when denied"),
    ("claims", "approved", "decision on the claim; NULL while the claim is open"),
    ("claims", "fraud_flag", "flagged by the special investigations unit"),
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
    # Through Arrow: a literal INSERT ... VALUES of ~10,000 rows takes about a second.
    columns = list(zip(*rows, strict=True))
    staged = pa.table({f"c{i}": pa.array(list(col)) for i, col in enumerate(columns)})
    con.register("_staged_rows", staged)
    try:
        con.execute(f"INSERT INTO main.{table} SELECT * FROM _staged_rows")
    finally:
        con.unregister("_staged_rows")


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError


def _at(rng: random.Random, day: dt.date, first_hour: int, last_hour: int) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(rng.randrange(first_hour, last_hour), rng.randrange(60), rng.randrange(60))
    )


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the insurance tables in `con`'s main schema, deterministically."""
    rng = random.Random(seed)
    for table in reversed(TABLES):
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")

    branches = [(i, *row) for i, row in enumerate(_BRANCHES, start=1)]

    # agents
    agents: list[tuple[Any, ...]] = []
    for aid, (name, branch) in enumerate(zip(_AGENT_NAMES, _AGENT_BRANCH, strict=True), start=1):
        hired = max(_BRANCHES[branch - 1][3], _day(rng, dt.date(2008, 1, 1), dt.date(2022, 12, 31)))
        if aid == 12:
            hired = dt.date(2025, 9, 22)
        if aid == 24:
            hired = dt.date(2025, 8, 18)
        terminated = {5: dt.date(2023, 6, 30), 17: dt.date(2024, 11, 15)}.get(aid)
        state = _BRANCHES[branch - 1][1]
        agents.append(
            (
                aid,
                name,
                branch,
                f"{state}-{rng.randrange(100000, 1000000)}",
                hired,
                terminated,
                round(rng.uniform(7.5, 15.5), 1),
                terminated is None,
                rng.random() < 0.7,
            )
        )
    agent_state = {a[0]: _BRANCHES[a[2] - 1][1] for a in agents}

    def pick_agent(state: str, day: dt.date, keep: int | None = None) -> int:
        def ok(a: tuple) -> bool:
            return a[4] <= day and (a[5] is None or a[5] > day) and a[0] not in (12, 24)

        if keep is not None and ok(agents[keep - 1]):
            return keep
        local = [a[0] for a in agents if ok(a) and agent_state[a[0]] == state]
        return rng.choice(local or [a[0] for a in agents if ok(a)])

    # adjusters
    adjusters: list[tuple[Any, ...]] = []
    for jid, (surname, specialty, hired, staff, lic) in enumerate(_ADJUSTERS, start=1):
        rate = None if staff else round(rng.uniform(55, 95), 2)
        adjusters.append((jid, surname, specialty, hired, staff, rate, lic))

    # policyholders (customer_since filled in after their policies are known)
    holders: list[list[Any]] = []
    for hid in range(1, 1001):
        state = rng.choices(list(_STATES), weights=list(_STATES.values()))[0]
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        email = None if rng.random() < 0.06 else f"{first.lower()}.{last.lower()}{hid}@example.com"
        tier = (
            None if rng.random() < 0.08 else rng.choices("ABCD", weights=[0.3, 0.35, 0.25, 0.1])[0]
        )
        holders.append(
            [
                hid,
                first,
                last,
                _day(rng, dt.date(1945, 1, 1), dt.date(2004, 12, 31)),
                state,
                email,
                None,
                tier,
                rng.random() < 0.13,
                rng.random() < 0.55,
            ]
        )

    # policies: per holder a few product lines, each a chain of renewals
    # [no, holder, agent, line, eff, exp, cancelled, status, premium, ded, limit, plan, renewal]
    policies: list[list[Any]] = []
    for h in holders:
        hid, state, tier, smoker = h[0], h[4], h[7], h[8]
        n_lines = rng.choices([0, 1, 2, 3], weights=[0.045, 0.55, 0.3, 0.105])[0]
        lines: set[str] = set()
        while len(lines) < n_lines:
            lines.add(rng.choices(list(_LINES), weights=list(_LINES.values()))[0])
        since = None
        for line in sorted(lines):
            start = _day(rng, FIRST_DAY, AS_OF)
            since = start if since is None else min(since, start)
            agent = None
            premium = _BASE_PREMIUM[line] * _TIER_FACTOR[tier] * rng.uniform(0.7, 1.4)
            if line == "life" and smoker:
                premium *= 1.8
            deductible = {
                "auto": rng.choice([250, 500, 500, 1000]),
                "home": rng.choice([1000, 2500, 2500, 5000]),
                "renters": rng.choice([250, 500]),
            }.get(line)
            limit = {
                "auto": rng.choice([50000, 100000, 300000]),
                "home": rng.choice([250000, 400000, 550000, 800000]),
                "renters": rng.choice([20000, 30000, 50000]),
                "life": rng.choice([100000, 250000, 500000, 1000000]),
                "umbrella": rng.choice([1000000, 2000000]),
            }[line]
            plan = rng.choices(["monthly", "quarterly", "annual"], weights=[0.12, 0.3, 0.58])[0]
            renewal = False
            eff = start
            while eff <= AS_OF:
                agent = pick_agent(state, eff, agent)
                months = 12 if line != "life" else rng.choice([120, 240])
                exp = _add_months(eff, months)
                cancelled = None
                if rng.random() < 0.07:
                    until = min(exp, AS_OF)
                    if (until - eff).days > 30:
                        cancelled = _day(
                            rng, eff + dt.timedelta(days=15), until - dt.timedelta(days=1)
                        )
                status = "cancelled" if cancelled else ("expired" if exp <= AS_OF else "active")
                policies.append(
                    [None, hid, agent, line, eff, exp, cancelled, status,
                     round(premium, 2), deductible, limit, plan, renewal]
                )  # fmt: skip
                if cancelled or exp > AS_OF or rng.random() > 0.62:
                    break
                eff = exp
                renewal = True
                premium *= rng.uniform(1.0, 1.09)
        h[6] = (
            since - dt.timedelta(days=rng.choice([0, 0, 0, 3, 14]))
            if since
            else _day(rng, FIRST_DAY, AS_OF)
        )

    policies.sort(key=lambda p: (p[4], p[1], p[3]))
    for i, p in enumerate(policies, start=1):
        p[0] = f"{_PREFIX[p[3]]}{i:06d}"

    # premium payments: one per installment due while the policy is in force
    payments: list[list[Any]] = []
    step = {"monthly": 1, "quarterly": 3, "annual": 12}
    for p in policies:
        no, eff, exp, cancelled, premium, plan = p[0], p[4], p[5], p[6], p[8], p[11]
        end = min(exp, cancelled or exp, AS_OF + dt.timedelta(days=1))
        k = 0
        while True:
            due = _add_months(eff, k * step[plan])
            k += 1
            if due >= end:
                break
            if k > 1 and rng.random() < 0.015:
                continue  # missed installment
            late = rng.random() < 0.07
            offset = rng.randrange(11, 45) if late else rng.randrange(-7, 6)
            day = due + dt.timedelta(days=offset)
            if day > AS_OF:
                continue
            method = rng.choices(["ach", "card", "check"], weights=[0.5, 0.38, 0.12])[0]
            amount = round(premium * step[plan] / 12, 2)
            payments.append([None, no, _at(rng, day, 6, 23), amount, method, late])
    payments.sort(key=lambda x: (x[2], x[1]))
    for i, x in enumerate(payments, start=1):
        x[0] = i

    # claims
    claims: list[list[Any]] = []
    for p in policies:
        no, line, eff, exp, cancelled, ded, limit = p[0], p[3], p[4], p[5], p[6], p[9], p[10]
        end = min(exp, cancelled or exp, AS_OF)
        years = (end - eff).days / 365.0
        if years <= 0:
            continue
        rate = _CLAIM_RATE[line] * min(years, 1.0) * (years if line == "life" else 1)
        n = 0
        while n < 3 and rng.random() < rate * (0.6 if n else 1):
            n += 1
        for _ in range(n):
            loss = _day(rng, eff, end)
            reported_day = loss + dt.timedelta(days=min(int(rng.expovariate(1 / 6)), 60))
            if reported_day > AS_OF:
                continue
            causes, weights = _CAUSES[line]
            cause = rng.choices(causes, weights=weights)[0]
            if cause == "death":
                claimed = float(limit)
            else:
                sev = _SEVERITY[cause] * (0.55 if line == "renters" else 1.0)
                claimed = round(min(sev * rng.lognormvariate(0, 0.6), limit), 2)
            fraud = rng.random() < 0.045
            closed = None
            if rng.random() < 0.97:
                closed = reported_day + dt.timedelta(
                    days=rng.randrange(4, 120 if cause != "death" else 60)
                )
                if closed > AS_OF:
                    closed = None
            approved = paid = None
            if closed:
                approved = rng.random() < (0.15 if fraud else 0.8)
                if approved and cause == "death":
                    paid = claimed
                elif approved:
                    paid = max(round(claimed * rng.uniform(0.6, 1.0) - (ded or 0), 2), 75.0)
                else:
                    paid = 0.0
            adjuster = None
            if not ((AS_OF - reported_day).days < 10 and rng.random() < 0.6):
                pool = [
                    a[0]
                    for a in adjusters
                    if a[3] <= reported_day and a[2] in (_ADJ_FOR[line], None) and a[0] != 12
                ]
                adjuster = rng.choice(pool)
            claims.append([None, no, adjuster, loss, _at(rng, reported_day, 7, 20), closed, cause,
                           claimed, paid, approved, fraud])  # fmt: skip
    claims.sort(key=lambda c: (c[4], c[1]))
    for i, c in enumerate(claims, start=1):
        c[0] = i

    _insert(con, "branches", branches)
    _insert(con, "agents", agents)
    _insert(con, "adjusters", adjusters)
    _insert(con, "policyholders", holders)
    _insert(con, "policies", policies)
    _insert(con, "premium_payments", payments)
    _insert(con, "claims", claims)
    for table, column, text in _COMMENTS:
        con.execute(f'COMMENT ON COLUMN main.{table}."{column}" IS {_lit(text)}')

"""Issue tracker test database (DuckDB, ``main`` schema).

A mid-sized software company ("Northwind Software") tracks the work on its products in one
issue tracker. Every piece of work is an *issue* (a bug report, a feature request or an
internal task) in exactly one *project*. Engineers are assigned to issues, log the hours
they spend on them (*worklogs*) and discuss them in *comments*. Finished bugs and features
ship to customers in a *release* of their project.

The main period of the data runs from 2023-01-01 up to and including **2025-05-15**, which is
the last day of the data ("today" for every question: "this year" is 2025, "last month" is
April 2025, "last quarter" is January-March 2025, "last year" is 2024). Some records lie
outside the main period: the archived Legacy Billing project has issues, releases and time
bookings from 2022, most projects were started and most engineers were hired before 2023, and
some releases are planned for dates after today. Times are in hours, story points are
abstract effort units, money is in US dollars. Timestamps (``opened``, ``closed``,
``posted``) are UTC. Status-like columns hold short upper-case codes; the allowed codes are
listed below and each code's meaning is also stated in the column comment
(``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``engineer`` -- one row per person who works in the tracker, current and former
(employees and contractors).

* ``id`` (INTEGER, primary key): engineer identifier.
* ``login`` (VARCHAR, unique): tracker user name, e.g. 'mchen'.
* ``fullname`` (VARCHAR): first name and surname. Not unique: there are two different
  engineers called "Sam Patel" (logins 'spatel' and 'spatel2') in different teams.
* ``team`` (VARCHAR): 'Payments', 'Mobile', 'Web', 'Platform' or 'Data'.
* ``role`` (VARCHAR): job code, one of 'BE' (backend developer), 'FE' (frontend developer),
  'MOB' (mobile developer), 'QA' (test engineer), 'SRE' (site reliability engineer),
  'EM' (engineering manager).
* ``hired`` (DATE): first working day.
* ``departed`` (DATE): last working day; NULL = still with the company.
* ``is_contractor`` (BOOLEAN): true for external contractors, false for employees.
* ``rate`` (DECIMAL(6,2)): internal cost of one hour of this person's time in US dollars
  per hour (used to cost logged hours).

``project`` -- one row per product / code base.

* ``id`` (INTEGER, primary key).
* ``code`` (VARCHAR, unique): short project key, e.g. 'PAY'; issue references start with it.
* ``title`` (VARCHAR, unique): project name, e.g. 'Payments Gateway'.
* ``team`` (VARCHAR): owning team (same codes as ``engineer.team``).
* ``lead_id`` (INTEGER, foreign key to ``engineer``): technical lead; NULL = lead position
  vacant.
* ``started`` (DATE): day the project was created in the tracker (can be before 2023).
* ``archived`` (DATE): day the project was closed down (read-only afterwards); NULL = active.

``release`` -- one row per planned or shipped version of a project.

* ``id`` (INTEGER, primary key).
* ``project_id`` (INTEGER, foreign key to ``project``).
* ``tag`` (VARCHAR): version label, e.g. 'v2.4.0'; unique within a project only -- the same
  tag exists in several projects.
* ``planned`` (DATE): target ship date (may be after 2025-05-15 for future releases).
* ``shipped`` (DATE): day the release actually went out; NULL unless ``status`` = 'SHP'.
* ``status`` (VARCHAR): 'PLN' (planned, not shipped yet), 'SHP' (shipped) or 'CXL'
  (cancelled, never shipped).
* ``is_hotfix`` (BOOLEAN): true for an unscheduled patch release (tags ending in .1, .2 ...).

``issue`` -- one row per ticket.

* ``id`` (INTEGER, primary key).
* ``project_id`` (INTEGER, foreign key to ``project``).
* ``ref`` (VARCHAR, unique): human reference, project code plus number, e.g. 'PAY-142'.
* ``kind`` (VARCHAR): 'BUG' (defect), 'FEAT' (feature / enhancement request) or 'TASK'
  (internal chore, never customer-visible).
* ``title`` (VARCHAR): one-line summary. Not unique: the same summary can appear in several
  projects and, for duplicate reports, twice in one project.
* ``prio`` (INTEGER): priority 1-4; 1 = urgent, 2 = high, 3 = normal, 4 = low.
* ``sev`` (VARCHAR): severity of a bug: 'S1' (critical: outage or data loss), 'S2' (major),
  'S3' (minor), 'S4' (cosmetic); NULL for features and tasks.
* ``status`` (VARCHAR): workflow state: 'OPN' (open, not started), 'WIP' (in progress),
  'REV' (in code review), 'DON' (done / fixed), 'WNF' (closed as won't fix) or 'DUP'
  (closed as a duplicate of another issue). 'DON', 'WNF' and 'DUP' are closed states;
  only 'DON' counts as resolved/fixed. Open = 'OPN', 'WIP' or 'REV'.
* ``pts`` (INTEGER): estimate in story points (1, 2, 3, 5, 8 or 13); NULL = not estimated.
* ``opened`` (TIMESTAMP): when the issue was created.
* ``closed`` (TIMESTAMP): when it reached a closed state; NULL while open.
* ``reporter_id`` (INTEGER, foreign key to ``engineer``): who filed it; NULL = reported by a
  customer through the support desk.
* ``assignee_id`` (INTEGER, foreign key to ``engineer``): who owns it now; NULL = unassigned.
* ``fix_release_id`` (INTEGER, foreign key to ``release``): release that ships (or will ship)
  the fix or feature; NULL = not scheduled into a release (always NULL for tasks and for
  'WNF'/'DUP' issues).
* ``is_regression`` (BOOLEAN): true if the bug broke something that used to work (always
  false for features and tasks).
* ``dup_of`` (INTEGER, foreign key to ``issue``): for 'DUP' issues the earlier issue it
  duplicates; NULL otherwise.

``worklog`` -- time bookings: one row per booking of time by an engineer on an issue (an
engineer may book several entries on the same issue and day).

* ``id`` (INTEGER, primary key).
* ``issue_id`` (INTEGER, foreign key to ``issue``).
* ``engineer_id`` (INTEGER, foreign key to ``engineer``): who did the work.
* ``logged`` (DATE): day the work was done.
* ``hrs_logged`` (DECIMAL(4,2)): hours worked, in quarter hours (0.25 to 8.00).
* ``activity`` (VARCHAR): 'DEV' (development), 'TST' (testing), 'REV' (code review) or
  'INV' (investigation / reproduction).
* ``is_void`` (BOOLEAN): true if the booking was voided (logged in error); voided rows must
  be ignored in every total of hours.

``comment`` -- discussion on an issue, one row per comment.

* ``id`` (INTEGER, primary key).
* ``issue_id`` (INTEGER, foreign key to ``issue``).
* ``author_id`` (INTEGER, foreign key to ``engineer``): who wrote it; NULL = written by the
  customer (through the support desk).
* ``posted`` (TIMESTAMP): when it was posted.
* ``body`` (VARCHAR): the text.
* ``is_internal`` (BOOLEAN): true for internal notes that customers cannot see.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pyarrow as pa

FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2025, 5, 15)
_END = dt.datetime(2025, 5, 15, 23, 59, 59)

_DDL = """
CREATE TABLE engineer (
    id INTEGER PRIMARY KEY,
    login VARCHAR NOT NULL UNIQUE,
    fullname VARCHAR NOT NULL,
    team VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    hired DATE NOT NULL,
    departed DATE,
    is_contractor BOOLEAN NOT NULL,
    rate DECIMAL(6, 2) NOT NULL
);
CREATE TABLE project (
    id INTEGER PRIMARY KEY,
    code VARCHAR NOT NULL UNIQUE,
    title VARCHAR NOT NULL UNIQUE,
    team VARCHAR NOT NULL,
    lead_id INTEGER REFERENCES engineer (id),
    started DATE NOT NULL,
    archived DATE
);
CREATE TABLE release (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project (id),
    tag VARCHAR NOT NULL,
    planned DATE NOT NULL,
    shipped DATE,
    status VARCHAR NOT NULL,
    is_hotfix BOOLEAN NOT NULL
);
CREATE TABLE issue (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project (id),
    ref VARCHAR NOT NULL UNIQUE,
    kind VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    prio INTEGER NOT NULL,
    sev VARCHAR,
    status VARCHAR NOT NULL,
    pts INTEGER,
    opened TIMESTAMP NOT NULL,
    closed TIMESTAMP,
    reporter_id INTEGER REFERENCES engineer (id),
    assignee_id INTEGER REFERENCES engineer (id),
    fix_release_id INTEGER REFERENCES release (id),
    is_regression BOOLEAN NOT NULL,
    dup_of INTEGER REFERENCES issue (id)
);
CREATE TABLE worklog (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issue (id),
    engineer_id INTEGER NOT NULL REFERENCES engineer (id),
    logged DATE NOT NULL,
    hrs_logged DECIMAL(4, 2) NOT NULL,
    activity VARCHAR NOT NULL,
    is_void BOOLEAN NOT NULL
);
CREATE TABLE comment (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issue (id),
    author_id INTEGER REFERENCES engineer (id),
    posted TIMESTAMP NOT NULL,
    body VARCHAR NOT NULL,
    is_internal BOOLEAN NOT NULL
);
COMMENT ON COLUMN engineer.role IS
    'BE = backend, FE = frontend, MOB = mobile, QA = tester, SRE = site reliability, EM = manager';
COMMENT ON COLUMN engineer.rate IS
    'Internal cost in USD per hour of work';
COMMENT ON COLUMN release.status IS
    'PLN = planned (not shipped yet), SHP = shipped, CXL = cancelled (never shipped)';
COMMENT ON COLUMN issue.kind IS
    'BUG = defect, FEAT = feature request, TASK = internal chore';
COMMENT ON COLUMN issue.prio IS
    'Priority: 1 = urgent, 2 = high, 3 = normal, 4 = low';
COMMENT ON COLUMN issue.sev IS
    'S1 = critical (outage/data loss), S2 = major, S3 = minor, S4 = cosmetic; NULL = not a bug';
COMMENT ON COLUMN issue.status IS
    'OPN = open, WIP = in progress, REV = in review, DON = done, WNF = won''t fix, DUP = duplicate';
COMMENT ON COLUMN issue.pts IS
    'Story points estimate (1, 2, 3, 5, 8, 13); NULL = not estimated';
COMMENT ON COLUMN issue.reporter_id IS
    'Engineer who filed the issue; NULL = reported by a customer via the support desk';
COMMENT ON COLUMN worklog.hrs_logged IS
    'Hours worked in this booking, in quarter hours (0.25 to 8.00)';
COMMENT ON COLUMN worklog.activity IS
    'DEV = development, TST = testing, REV = code review, INV = investigation';
COMMENT ON COLUMN worklog.is_void IS
    'True = booking voided (logged in error); ignore in totals';
COMMENT ON COLUMN comment.author_id IS
    'NULL = written by the customer through the support desk';
"""

_DROP_ORDER = ["comment", "worklog", "issue", "release", "project", "engineer"]

_TEAMS = ["Payments", "Mobile", "Web", "Platform", "Data"]
_TEAM_ROLES = {
    "Payments": ["BE", "BE", "BE", "FE", "QA"],
    "Mobile": ["MOB", "MOB", "MOB", "BE", "QA"],
    "Web": ["FE", "FE", "FE", "BE", "QA"],
    "Platform": ["BE", "SRE", "SRE", "BE", "QA"],
    "Data": ["BE", "BE", "BE", "SRE", "QA"],
}

_FIRST = [
    "Maria", "Chen", "Oliver", "Aisha", "Lukas", "Priya", "Tom", "Sofia", "Daniel", "Yuki",
    "Ahmed", "Emma", "Jonas", "Fatima", "Ravi", "Hannah", "Diego", "Ingrid", "Kwame", "Laura",
    "Mateo", "Nora", "Pavel", "Rachel", "Samir", "Tessa", "Victor", "Wen", "Zoe", "Bruno",
    "Clara", "Felix", "Grace", "Hugo", "Irene", "Jakub", "Leila", "Marco", "Nina", "Omar",
]  # fmt: skip
_LAST = [
    "Garcia", "Chen", "Smith", "Okafor", "Becker", "Sharma", "Nguyen", "Rossi", "Kim", "Tanaka",
    "Hassan", "Brown", "Weber", "Ali", "Kumar", "Schmidt", "Lopez", "Larsen", "Mensah", "Martin",
    "Silva", "Novak", "Ivanov", "Cohen", "Haddad", "Visser", "Moreau", "Li", "Evans", "Costa",
    "Dubois", "Fischer", "Walsh", "Lambert", "Conti", "Kowalski", "Rahimi", "Romano", "Berg",
    "Farouk",
]  # fmt: skip

# code, title, team, started, archived, issues per month, first major version
_PROJECTS = [
    ("PAY", "Payments Gateway", "Payments", dt.date(2020, 3, 2), None, 14, 3),
    ("CHK", "Checkout", "Payments", dt.date(2021, 6, 14), None, 9, 2),
    ("IOS", "iOS App", "Mobile", dt.date(2019, 9, 9), None, 12, 4),
    ("AND", "Android App", "Mobile", dt.date(2019, 9, 9), None, 13, 4),
    ("WEB", "Customer Portal", "Web", dt.date(2018, 4, 16), None, 15, 5),
    ("ADM", "Admin Console", "Web", dt.date(2022, 2, 1), None, 6, 1),
    ("API", "Public API", "Platform", dt.date(2020, 11, 3), None, 10, 2),
    ("INF", "Infrastructure", "Platform", dt.date(2018, 1, 8), None, 8, 1),
    ("ETL", "Data Pipeline", "Data", dt.date(2021, 1, 11), None, 8, 2),
    ("RPT", "Reporting", "Data", dt.date(2023, 3, 6), None, 7, 1),
    ("LEG", "Legacy Billing", "Payments", dt.date(2016, 5, 2), dt.date(2023, 9, 29), 6, 7),
    ("SRCH", "Search Service", "Platform", dt.date(2024, 9, 2), None, 5, 1),
]

_BUG_TITLES = [
    "Crash on login screen", "Timeout when exporting CSV", "Wrong rounding on invoice totals",
    "Button misaligned on Safari", "Memory leak in sync worker", "Typo in password reset email",
    "Null pointer in webhook handler", "Dashboard loads slowly", "Duplicate notifications sent",
    "Session expires too early", "Dark mode colours unreadable", "Date picker shows wrong month",
    "500 error on empty search", "Currency symbol missing", "Retry loop never stops",
    "Timezone offset wrong after DST", "Pagination skips last page", "Upload fails over 10 MB",
    "Race condition in cache refresh", "Logout does not clear token", "Broken link in footer",
    "Chart legend overlaps labels", "Push notification not delivered", "Deadlock in batch job",
    "Incorrect tax for EU customers", "App freezes on rotation", "Email sent twice",
    "Sorting by date is wrong", "Error message not translated", "Stale data after refresh",
]  # fmt: skip
_FEAT_TITLES = [
    "Add export to Excel", "Support single sign-on", "Add dark mode", "Bulk edit records",
    "Two-factor authentication", "Saved filters", "Webhook retries with backoff",
    "Multi-currency support", "Audit log for admin actions", "Keyboard shortcuts",
    "Customisable dashboard widgets", "Scheduled reports", "In-app feedback form",
    "Rate limiting per API key", "Offline mode", "Accessibility improvements",
    "Search suggestions", "CSV import wizard", "Usage analytics page", "Role-based permissions",
]  # fmt: skip
_TASK_TITLES = [
    "Upgrade database driver", "Rotate API keys", "Clean up feature flags",
    "Update third-party licences", "Migrate CI to new runners", "Remove dead code",
    "Bump framework version", "Document release process", "Add load test",
    "Renew TLS certificates", "Refactor config loading", "Archive old logs",
]  # fmt: skip
_COMMENTS = [
    "Can reproduce on staging.", "Cannot reproduce, need more details.", "Fix is in review.",
    "Deployed to staging, please verify.", "Customer confirmed the workaround helps.",
    "Added a unit test for this case.", "Looks related to the last deploy.",
    "Raising priority, several customers affected.", "Moving to next sprint.",
    "Root cause found in the retry logic.", "Any update on this?", "Still happening for us.",
    "Verified on production.", "Blocked by the driver upgrade.", "Splitting into two tickets.",
    "Thanks, works now.", "Attached logs from the failing run.", "Pairing on this tomorrow.",
]  # fmt: skip
_CUSTOMER_COMMENTS = [
    "Any update on this?", "Still happening for us.", "Thanks, works now.",
    "This is blocking our month-end close.", "Attached a screenshot.",
    "Customer confirmed the workaround helps.",
]  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in one statement via Arrow."""
    if not rows:
        return
    columns = list(zip(*rows, strict=True))
    data = pa.table({f"c{i}": pa.array(list(col)) for i, col in enumerate(columns)})
    con.register("_bugtracker_rows", data)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _bugtracker_rows")
    finally:
        con.unregister("_bugtracker_rows")


def _employed(e: dict, day: dt.date) -> bool:
    return e["hired"] <= day and (e["departed"] is None or day <= e["departed"])


def _ramping(e: dict) -> bool:
    """Hires of March 2025 are still onboarding: no assignments and no time logged yet."""
    return e["hired"] >= dt.date(2025, 3, 1)


def _rand_ts(rng: random.Random, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(rng.randint(7, 19), rng.randint(0, 59), rng.randint(0, 59))
    )


def _rand_day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the issue tracker tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ----------------------------------------------------------------- engineers
    engineers: list[dict] = []
    used_logins: set[str] = set()
    firsts = _FIRST[:]
    lasts = _LAST[:]
    rng.shuffle(firsts)
    rng.shuffle(lasts)
    names = [
        (firsts[i % len(firsts)], lasts[(i * 7 + i // 40 * 3) % len(lasts)]) for i in range(44)
    ]
    names[5] = ("Sam", "Patel")
    names[29] = ("Sam", "Patel")
    for i, (first, last) in enumerate(names):
        team = _TEAMS[i % len(_TEAMS)]
        slot = (i // len(_TEAMS)) % 6
        role = "EM" if slot == 5 else _TEAM_ROLES[team][slot % 5]
        login = (first[0] + last).lower().replace("'", "")
        while login in used_logins:
            login = login.rstrip("0123456789") + str(
                int(login[-1]) + 1 if login[-1].isdigit() else 2
            )
        used_logins.add(login)
        hired = dt.date(rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28))
        if i >= 40:  # recent hires (some with no work logged yet)
            hired = dt.date(2025, rng.randint(1, 4), rng.randint(1, 28))
        departed = None
        if i in (3, 11, 17, 26, 33):
            departed = _rand_day(rng, dt.date(2023, 5, 1), dt.date(2025, 2, 28))
            hired = min(hired, dt.date(2022, 6, 1))
        contractor = rng.random() < 0.15 and role != "EM"
        base = {"BE": 78, "FE": 72, "MOB": 76, "QA": 60, "SRE": 85, "EM": 95}[role]
        rate = round(base * rng.uniform(0.85, 1.25) + (15 if contractor else 0), 0)
        engineers.append({
            "id": i + 1, "login": login, "fullname": f"{first} {last}", "team": team,
            "role": role, "hired": hired, "departed": departed, "contractor": contractor,
            "rate": rate,
        })  # fmt: skip
    # make sure every team has enough staff employed throughout
    _insert(con, "engineer", [
        (e["id"], e["login"], e["fullname"], e["team"], e["role"], e["hired"], e["departed"],
         e["contractor"], e["rate"]) for e in engineers
    ])  # fmt: skip
    by_team = {t: [e for e in engineers if e["team"] == t] for t in _TEAMS}

    # ------------------------------------------------------------------ projects
    projects: list[dict] = []
    for pid, (code, title, team, started, archived, rate, major) in enumerate(_PROJECTS, 1):
        leads = [e for e in by_team[team] if e["role"] in ("BE", "EM", "SRE", "MOB", "FE")
                 and e["departed"] is None and e["hired"] < dt.date(2024, 1, 1)]  # fmt: skip
        lead = rng.choice(leads)["id"] if leads and code != "ADM" else None
        projects.append({
            "id": pid, "code": code, "title": title, "team": team, "lead": lead,
            "started": started, "archived": archived, "rate": rate, "major": major,
        })  # fmt: skip
    _insert(con, "project", [
        (p["id"], p["code"], p["title"], p["team"], p["lead"], p["started"], p["archived"])
        for p in projects
    ])  # fmt: skip

    # ------------------------------------------------------------------ releases
    releases: list[dict] = []
    for p in projects:
        start = max(p["started"], dt.date(2022, 1, 1) if p["code"] == "LEG" else FIRST_DAY)
        end = p["archived"] or dt.date(2025, 8, 31)
        major, minor = p["major"], rng.randint(0, 6)
        day = start + dt.timedelta(days=rng.randint(10, 40))
        while day <= end:
            minor += 1
            if minor > 9:
                major, minor = major + 1, 0
            tag = f"v{major}.{minor}.0"
            rel = {"project": p["id"], "tag": tag, "planned": day, "hotfix": False}
            releases.append(rel)
            if rng.random() < 0.3:
                for k in range(1, rng.choice([2, 2, 2, 3])):
                    hday = day + dt.timedelta(days=rng.randint(3, 12) * k)
                    if hday > end:
                        break
                    releases.append({"project": p["id"], "tag": f"v{major}.{minor}.{k}",
                                     "planned": hday, "hotfix": True, "base": rel})  # fmt: skip
            day += dt.timedelta(days=rng.choice([28, 35, 42, 42, 49, 56]))
    releases.sort(key=lambda r: (r["planned"], r["project"], r["tag"]))
    kept: list[dict] = []
    for r in releases:
        parent = r.get("base")
        if parent is not None and parent["status"] == "CXL":
            r["status"] = "CXL"
            continue  # a cancelled release gets no patch releases
        if r["planned"] > LAST_DAY:
            r["status"], r["shipped"] = "PLN", None
        elif parent is None and rng.random() < 0.06:
            r["status"], r["shipped"] = "CXL", None
        elif r["planned"] > LAST_DAY - dt.timedelta(days=25) and rng.random() < 0.4:
            r["status"], r["shipped"] = "PLN", None  # running late: due date passed, not out yet
        elif parent is not None and parent["status"] != "SHP":
            r["status"], r["shipped"] = "PLN", None
        else:
            slip = rng.choice([-2, -1, 0, 0, 0, 1, 2, 3, 5, 8, 13])
            shipped = r["planned"] + dt.timedelta(days=slip)
            if parent is not None:
                shipped = max(shipped, parent["shipped"] + dt.timedelta(days=1))
            if shipped > LAST_DAY:
                r["status"], r["shipped"] = "PLN", None
            else:
                r["status"], r["shipped"] = "SHP", shipped
        kept.append(r)
    releases = kept
    for rid, r in enumerate(releases, 1):
        r["id"] = rid
    _insert(con, "release", [
        (r["id"], r["project"], r["tag"], r["planned"], r["shipped"], r["status"], r["hotfix"])
        for r in releases
    ])  # fmt: skip
    rel_by_project: dict[int, list[dict]] = {p["id"]: [] for p in projects}
    for r in releases:
        rel_by_project[r["project"]].append(r)

    # -------------------------------------------------------------------- issues
    issues: list[dict] = []
    for p in projects:
        lo = max(p["started"], dt.date(2022, 1, 3) if p["code"] == "LEG" else FIRST_DAY)
        hi = p["archived"] or LAST_DAY
        months = max(1, round((hi - lo).days / 30.4))
        for _ in range(round(months * p["rate"] * rng.uniform(0.9, 1.1))):
            day = _rand_day(rng, lo, hi)
            kind = rng.choices(["BUG", "FEAT", "TASK"], weights=[55, 30, 15])[0]
            sev = None
            if kind == "BUG":
                sev = rng.choices(["S1", "S2", "S3", "S4"], weights=[5, 20, 50, 25])[0]
                prio = {"S1": 1, "S2": rng.choice([1, 2, 2]), "S3": rng.choice([2, 3, 3, 4]),
                        "S4": rng.choice([3, 4, 4])}[sev]  # fmt: skip
                title = rng.choice(_BUG_TITLES)
            elif kind == "FEAT":
                prio = rng.choices([1, 2, 3, 4], weights=[2, 20, 50, 28])[0]
                title = rng.choice(_FEAT_TITLES)
            else:
                prio = rng.choices([1, 2, 3, 4], weights=[3, 20, 55, 22])[0]
                title = rng.choice(_TASK_TITLES)
            issues.append({"project": p, "kind": kind, "sev": sev, "prio": prio,
                           "title": title, "opened": _rand_ts(rng, day)})  # fmt: skip
    issues.sort(key=lambda x: x["opened"])
    counters: dict[str, int] = {}
    staff_cache: dict[tuple[str, dt.date], list[dict]] = {}

    def staff(team: str, day: dt.date) -> list[dict]:
        key = (team, day)
        if key not in staff_cache:
            staff_cache[key] = [e for e in by_team[team] if _employed(e, day)]
        return staff_cache[key]

    resolve_days = {1: (0.2, 6), 2: (1, 20), 3: (2, 60), 4: (3, 150)}
    seen: dict[str, list[dict]] = {}
    for iid, x in enumerate(issues, 1):
        p = x["project"]
        x["id"] = iid
        counters[p["code"]] = counters.get(p["code"], 0) + (1 if counters.get(p["code"]) else 101)
        x["ref"] = f"{p['code']}-{counters[p['code']]}"
        oday = x["opened"].date()
        team_now = staff(p["team"], oday) or by_team[p["team"]]
        devs = [
            e for e in team_now if e["role"] not in ("QA", "EM") and not _ramping(e)
        ] or team_now
        if x["kind"] == "BUG" and rng.random() < 0.22:
            x["reporter"] = None
        else:
            x["reporter"] = rng.choice(team_now)["id"]
        # points
        if x["kind"] == "BUG":
            x["pts"] = rng.choice([1, 1, 2, 2, 3, 3, 5, 8]) if rng.random() < 0.6 else None
        else:
            x["pts"] = rng.choice([1, 2, 3, 3, 5, 5, 8, 13]) if rng.random() < 0.88 else None
        x["regression"] = x["kind"] == "BUG" and rng.random() < 0.14
        # resolution
        lo_d, hi_d = resolve_days[x["prio"]]
        span = rng.uniform(lo_d, hi_d) * (1 + (x["pts"] or 2) / 6)
        if rng.random() < 0.12:
            span *= 4
        closed = (x["opened"] + dt.timedelta(days=span)).replace(microsecond=0)
        archived = p["archived"]
        if archived and closed.date() > archived:
            closed = dt.datetime.combine(archived, dt.time(17, 0)) if rng.random() < 0.6 else None
            if closed is None:
                closed = dt.datetime.combine(archived, dt.time(17, 30))
                x["force"] = "WNF"
        if closed is not None and closed > _END:
            closed = None
        if closed is not None and not archived and rng.random() < 0.04:
            closed = None  # forgotten old ticket still open
        x["closed"] = closed
        if closed is None:
            x["status"] = rng.choices(["OPN", "WIP", "REV"], weights=[55, 30, 15])[0]
        else:
            x["status"] = x.get("force") or rng.choices(["DON", "WNF", "DUP"],
                                                        weights=[82, 9, 9])[0]  # fmt: skip
            if x["kind"] == "TASK" and x["status"] == "DUP":
                x["status"] = "DON"
        # assignee
        if (x["status"] == "OPN" and rng.random() < 0.45) or (
            x["status"] in ("WNF", "DUP") and rng.random() < 0.5
        ):
            x["assignee"] = None
        else:
            x["assignee"] = rng.choice(devs)["id"]
        x["dup_of"] = None
        x["fix"] = None
        if x["status"] == "DUP":
            earlier = seen.setdefault(p["code"], [])
            same = [y for y in earlier if y["title"] == x["title"]]
            pool = same[-5:] or earlier[-30:]
            if pool:
                x["dup_of"] = rng.choice(pool)["id"]
            else:
                x["status"] = "WNF"
        if x["kind"] != "TASK" and x["status"] in ("DON", "WIP", "REV"):
            after = x["closed"].date() if x["closed"] else LAST_DAY
            cands = [
                r
                for r in rel_by_project[p["id"]]
                if r["status"] != "CXL"
                and r["planned"] >= after
                and (x["closed"] is None or r["status"] == "PLN" or r["shipped"] >= after)
            ]
            if x["status"] == "DON":
                if cands and rng.random() < 0.93:
                    x["fix"] = cands[0]["id"]
            elif cands and rng.random() < 0.35:
                x["fix"] = cands[0]["id"]
        seen.setdefault(p["code"], []).append(x)
    _insert(con, "issue", [
        (x["id"], x["project"]["id"], x["ref"], x["kind"], x["title"], x["prio"], x["sev"],
         x["status"], x["pts"], x["opened"], x["closed"], x["reporter"], x["assignee"], x["fix"],
         x["regression"], None) for x in issues
    ])  # fmt: skip
    # dup_of points at an earlier issue of the same table, so it is set after the insert
    for x in issues:
        if x["dup_of"] is not None:
            con.execute("UPDATE issue SET dup_of = ? WHERE id = ?", [x["dup_of"], x["id"]])

    # ------------------------------------------------------------------ worklogs
    eng_by_id = {e["id"]: e for e in engineers}
    worklogs: list[tuple] = []
    for x in issues:
        if x["status"] == "OPN" or (x["status"] == "DUP" and rng.random() < 0.7):
            continue
        if x["assignee"] is None and x["status"] in ("WNF", "DUP"):
            continue
        p = x["project"]
        start = x["opened"].date()
        stop = x["closed"].date() if x["closed"] else LAST_DAY
        n = max(1, round((x["pts"] or 2) * rng.uniform(0.5, 1.4)))
        if x["status"] == "WNF":
            n = max(1, n // 3)
        owner = eng_by_id[x["assignee"]] if x["assignee"] else None
        for _ in range(n):
            day = _rand_day(rng, start, stop)
            if day.weekday() >= 5 and rng.random() < 0.8:
                day -= dt.timedelta(days=day.weekday() - 4)
                if day < start:
                    day = start
            roll = rng.random()
            if owner and roll < 0.7 and _employed(owner, day):
                who, act = owner, rng.choices(["DEV", "INV"], weights=[75, 25])[0]
            else:
                pool = [e for e in staff(p["team"], day) if not _ramping(e)]
                if not pool:
                    continue
                who = rng.choice(pool)
                act = "TST" if who["role"] == "QA" else rng.choice(["REV", "REV", "INV", "DEV"])
            hrs = rng.choice([0.25, 0.5, 0.75, 1, 1.5, 2, 2, 2.5, 3, 3, 4, 4, 5, 6, 7.5, 8])
            if act == "REV":
                hrs = min(hrs, 2.0)
            worklogs.append((x["id"], who["id"], day, hrs, act, rng.random() < 0.035))
    worklogs.sort(key=lambda w: (w[2], w[0], w[1]))
    _insert(con, "worklog", [(i, *w) for i, w in enumerate(worklogs, start=1)])

    # ------------------------------------------------------------------ comments
    comments: list[tuple] = []
    for x in issues:
        p = x["project"]
        k = rng.choices([0, 1, 2, 3, 4, 6], weights=[22, 28, 22, 14, 9, 5])[0]
        if x["reporter"] is None:
            k += 1
        start = x["opened"]
        stop = x["closed"] or _END
        for _ in range(k):
            secs = rng.randint(60, max(120, int((stop - start).total_seconds())))
            ts = start + dt.timedelta(seconds=secs)
            if ts > stop:
                ts = stop
            pool = staff(p["team"], ts.date())
            if x["reporter"] is None and rng.random() < 0.35:
                comments.append((x["id"], None, ts, rng.choice(_CUSTOMER_COMMENTS), False))
            elif pool:
                who = rng.choice(pool)
                comments.append((x["id"], who["id"], ts, rng.choice(_COMMENTS),
                                 rng.random() < 0.3))  # fmt: skip
    comments.sort(key=lambda c: (c[2], c[0]))
    _insert(con, "comment", [(i, *c) for i, c in enumerate(comments, start=1)])

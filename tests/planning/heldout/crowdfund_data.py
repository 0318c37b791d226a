"""Crowdfund: data dictionary for analysts.

THE BUSINESS
------------
We run a reward-based crowdfunding platform. Creators sign up and launch
projects (campaigns). Each project has a funding goal in US dollars and a
deadline. Backers pledge money to projects, usually choosing one of the
project's reward tiers (a pledge must be at least the tier's minimum). A
backer may cancel a pledge before the deadline; a cancelled pledge is never
charged. When a creator cancels a project, all of its open pledges are
cancelled at the same moment. At the deadline the pledges that were not
cancelled are added up: if that total reaches the goal the project is
funded ("successful"), the backers are charged, and the creator receives a
payout two weeks later minus our platform fee (5 % of the gross) and the card
processing fee. If the goal is not reached the project has failed and nobody
is charged. After a successful campaign we sometimes refund individual
charged pledges (disputes, undeliverable rewards); refunds do not change the
project's funded status or its payout.

DATES AND "TODAY"
-----------------
The data covers 2023-01-01 through 2025-08-31.
2025-08-31 is the last day of the data, 'today' for every question.
  * this year       = 2025 (2025-01-01 .. 2025-08-31); last year = 2024
  * this month      = August 2025; last month = July 2025 (2025-07-01 .. 2025-07-31)
  * last 30 days    = 2025-08-02 .. 2025-08-31 inclusive (today included)
  * last 7 days     = 2025-08-25 .. 2025-08-31 inclusive
  * quarters are calendar quarters (Q1 = January to March, ...)
All timestamps (columns ending in At) are UTC; an event "happened on" the
calendar date of its timestamp. Columns ending in Date are plain dates.
All money columns (ending in Usd) are US dollars with two decimals.

Common business terms
  * "pledged amount" / "amount raised" of a project = sum of amountUsd of its
    pledges that are NOT cancelled (refunded pledges still count, because
    refunds happen after the deadline).
  * "successful" / "funded" project = statusCode 'SUCC'; "failed" = 'FAIL';
    "live" / "active campaign" = 'LIVE'; "cancelled project" = 'CANC'.
  * "ended" projects = successful or failed (deadline passed, not cancelled).
  * campaign length = days from the launch date to the deadline date.

TABLES
------
creator -- one row per person/studio with a creator account
  creatorId     INTEGER  PK.
  displayName   VARCHAR  public creator name, unique.
  countryCode   VARCHAR  ISO country of the creator: 'US' United States,
                         'GB' United Kingdom, 'CA' Canada, 'DE' Germany,
                         'FR' France, 'AU' Australia, 'JP' Japan.
  joinedDate    DATE     day the creator account was opened.
  verified      BOOLEAN  identity verified by our trust team.
  Some creators have never launched a project.

project -- one row per campaign
  projectId     INTEGER  PK.
  creatorId     INTEGER  -> creator.creatorId (who runs the campaign).
  title         VARCHAR  project title, unique.
  categoryCode  VARCHAR  'TECH' technology/gadgets, 'GAME' tabletop and
                         video games, 'FILM' film and video, 'MUSC' music,
                         'ART' art and illustration, 'FOOD' food and drink,
                         'PUBL' publishing (books, comics), 'DSGN' product
                         design.
  goalAmountUsd DECIMAL(12,2) funding goal in USD (multiple of 50).
  launchedAt    TIMESTAMP when the campaign went live.
  deadlineDate  DATE     last day backers can pledge; funded status is
                         decided at the end of this day.
  statusCode    VARCHAR  'LIVE' campaign still running (deadline today or
                         later), 'SUCC' successful: non-cancelled pledges
                         reached the goal by the deadline, 'FAIL' failed:
                         deadline passed without reaching the goal, 'CANC'
                         cancelled by the creator before the deadline.
  cancelledAt   TIMESTAMP when the creator cancelled the project; NULL unless
                         statusCode = 'CANC'.
  featured      BOOLEAN  shown on the home page by us.
  staffPick     BOOLEAN  carries the "Staff pick" badge.

reward -- reward tiers offered by a project (a project may have none)
  rewardId              INTEGER PK.
  projectId             INTEGER -> project.projectId.
  tierName              VARCHAR name of the tier (unique within a project,
                                e.g. 'Early Bird', 'Deluxe Bundle').
  minimumPledgeUsd      DECIMAL(10,2) smallest pledge that gets this reward.
  backerLimit           INTEGER maximum number of (non-cancelled) pledges the
                                tier accepts; NULL = unlimited.
  estimatedDeliveryDate DATE    promised delivery month, stored as the 1st
                                of that month.
  shipsWorldwide        BOOLEAN true if the reward ships to any country,
                                false if domestic shipping only.

backer -- one row per backer (supporter) account
  backerId      INTEGER  PK.
  backerName    VARCHAR  full name of the backer.
  countryCode   VARCHAR  same codes as creator.countryCode.
  signedUpAt    TIMESTAMP when the account was created.
  newsletter    BOOLEAN  subscribed to our newsletter.
  closedDate    DATE     day the backer closed the account; NULL = account
                         still open. Some backers have never pledged.

pledge -- one row per pledge of a backer to a project
  pledgeId          INTEGER PK.
  projectId         INTEGER -> project.projectId.
  backerId          INTEGER -> backer.backerId.
  rewardId          INTEGER -> reward.rewardId; NULL = pledged without
                            choosing a reward ("no reward, just support").
  amountUsd         DECIMAL(10,2) pledged amount in USD.
  pledgedAt         TIMESTAMP when the pledge was made.
  paymentMethodCode VARCHAR 'CARD' credit/debit card, 'PYPL' PayPal,
                            'APPL' Apple Pay, 'GOOG' Google Pay.
  cancelled         BOOLEAN pledge was cancelled (by the backer, or
                            automatically because the project was
                            cancelled); never charged.
  cancelledAt       TIMESTAMP when it was cancelled; NULL if not cancelled.
  refunded          BOOLEAN charged and later refunded (only on successful
                            projects; never together with cancelled).
  refundedDate      DATE    day the refund was issued; NULL if not refunded.

payout -- money transferred to the creator of a successful project
  payoutId          INTEGER PK.
  projectId         INTEGER -> project.projectId (at most one payout per
                            project). The row is created on its scheduled
                            date, so successful projects whose deadline is
                            less than 14 days ago have no payout row yet; a
                            few older successful projects also have none
                            (creator never completed bank details).
  scheduledDate     DATE    planned transfer day (deadline + 14 days).
  paidDate          DATE    day the money actually left us; NULL unless
                            statusCode = 'PAID'.
  statusCode        VARCHAR 'PAID' transferred, 'HELD' held for a trust and
                            safety review, 'RTND' returned by the creator's
                            bank (bad account details), to be retried.
  grossAmountUsd    DECIMAL(12,2) sum of the project's non-cancelled pledges.
  platformFeeUsd    DECIMAL(12,2) our platform fee, 5 % of gross.
  processingFeeUsd  DECIMAL(12,2) card processing: 3 % of gross + 0.20 per
                            charged pledge.
  netAmountUsd      DECIMAL(12,2) what the creator receives:
                            gross - platform fee - processing fee.
"""

import datetime as _dt
import random
from decimal import Decimal

_DDL = """
CREATE TABLE creator (
    creatorId    INTEGER PRIMARY KEY,
    displayName  VARCHAR NOT NULL,
    countryCode  VARCHAR NOT NULL,
    joinedDate   DATE NOT NULL,
    verified     BOOLEAN NOT NULL
);
CREATE TABLE project (
    projectId     INTEGER PRIMARY KEY,
    creatorId     INTEGER NOT NULL REFERENCES creator(creatorId),
    title         VARCHAR NOT NULL,
    categoryCode  VARCHAR NOT NULL,
    goalAmountUsd DECIMAL(12,2) NOT NULL,
    launchedAt    TIMESTAMP NOT NULL,
    deadlineDate  DATE NOT NULL,
    statusCode    VARCHAR NOT NULL,
    cancelledAt   TIMESTAMP,
    featured      BOOLEAN NOT NULL,
    staffPick     BOOLEAN NOT NULL
);
CREATE TABLE reward (
    rewardId              INTEGER PRIMARY KEY,
    projectId             INTEGER NOT NULL REFERENCES project(projectId),
    tierName              VARCHAR NOT NULL,
    minimumPledgeUsd      DECIMAL(10,2) NOT NULL,
    backerLimit           INTEGER,
    estimatedDeliveryDate DATE NOT NULL,
    shipsWorldwide        BOOLEAN NOT NULL
);
CREATE TABLE backer (
    backerId     INTEGER PRIMARY KEY,
    backerName   VARCHAR NOT NULL,
    countryCode  VARCHAR NOT NULL,
    signedUpAt   TIMESTAMP NOT NULL,
    newsletter   BOOLEAN NOT NULL,
    closedDate   DATE
);
CREATE TABLE pledge (
    pledgeId          INTEGER PRIMARY KEY,
    projectId         INTEGER NOT NULL REFERENCES project(projectId),
    backerId          INTEGER NOT NULL REFERENCES backer(backerId),
    rewardId          INTEGER REFERENCES reward(rewardId),
    amountUsd         DECIMAL(10,2) NOT NULL,
    pledgedAt         TIMESTAMP NOT NULL,
    paymentMethodCode VARCHAR NOT NULL,
    cancelled         BOOLEAN NOT NULL,
    cancelledAt       TIMESTAMP,
    refunded          BOOLEAN NOT NULL,
    refundedDate      DATE
);
CREATE TABLE payout (
    payoutId         INTEGER PRIMARY KEY,
    projectId        INTEGER NOT NULL REFERENCES project(projectId),
    scheduledDate    DATE NOT NULL,
    paidDate         DATE,
    statusCode       VARCHAR NOT NULL,
    grossAmountUsd   DECIMAL(12,2) NOT NULL,
    platformFeeUsd   DECIMAL(12,2) NOT NULL,
    processingFeeUsd DECIMAL(12,2) NOT NULL,
    netAmountUsd     DECIMAL(12,2) NOT NULL
);
"""

_TABLES_DROP_ORDER = ["payout", "pledge", "backer", "reward", "project", "creator"]

TODAY = _dt.date(2025, 8, 31)
START = _dt.date(2023, 1, 1)

_FIRST = [
    "Ada",
    "Ben",
    "Chloe",
    "Dario",
    "Elena",
    "Felix",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kara",
    "Liam",
    "Mina",
    "Noah",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Umar",
    "Vera",
    "Wes",
    "Xenia",
    "Yuki",
    "Zane",
    "Amara",
    "Bruno",
    "Cleo",
    "Diego",
    "Esme",
    "Finn",
    "Greta",
    "Hugo",
    "Ivy",
    "Jade",
    "Kofi",
    "Lena",
    "Marco",
    "Nina",
]
_LAST = [
    "Abbott",
    "Baker",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "Garcia",
    "Hayes",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Meyer",
    "Nakamura",
    "Okafor",
    "Patel",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ueda",
    "Vargas",
    "Weber",
    "Young",
    "Zimmer",
    "Bauer",
    "Chen",
    "Dalton",
    "Ellis",
    "Moreau",
]
_STUDIO = ["Studio", "Works", "Collective", "Labs", "Press", "Games", "Co."]

_ADJ = [
    "Brass",
    "Silent",
    "Golden",
    "Tiny",
    "Wandering",
    "Electric",
    "Hidden",
    "Crimson",
    "Paper",
    "Lunar",
    "Wild",
    "Clockwork",
    "Velvet",
    "Frozen",
    "Copper",
    "Hollow",
    "Neon",
    "Salt",
    "Amber",
    "Iron",
    "Glass",
    "Secret",
    "Open",
    "Little",
    "Northern",
]
_NOUN = [
    "Lantern",
    "Garden",
    "Orchestra",
    "Atlas",
    "Kitchen",
    "Machine",
    "Harbor",
    "Forest",
    "Notebook",
    "Compass",
    "Archive",
    "Tavern",
    "Signal",
    "Bakery",
    "Museum",
    "Engine",
    "Voyage",
    "Canvas",
    "River",
    "Workshop",
    "Chronicle",
    "Drum",
    "Island",
    "Sketchbook",
    "Backpack",
]
_CAT_SUFFIX = {
    "TECH": ["Smart Light", "Dev Board", "Charger", "Speaker", "Tracker"],
    "GAME": ["Board Game", "Card Game", "RPG", "Video Game", "Dice Set"],
    "FILM": ["Documentary", "Short Film", "Web Series", "Feature Film"],
    "MUSC": ["Album", "Vinyl Pressing", "EP", "Tour"],
    "ART": ["Art Book", "Mural", "Print Series", "Enamel Pins"],
    "FOOD": ["Hot Sauce", "Food Truck", "Cookbook", "Craft Cider"],
    "PUBL": ["Novel", "Comic", "Zine", "Anthology", "Picture Book"],
    "DSGN": ["Wallet", "Desk Lamp", "Backpack", "Notebook Cover", "Mug"],
}
_CATS = ["TECH", "GAME", "FILM", "MUSC", "ART", "FOOD", "PUBL", "DSGN"]
_CAT_W = [14, 22, 10, 9, 8, 7, 13, 12]
_COUNTRIES = ["US", "GB", "CA", "DE", "FR", "AU", "JP"]
_CREATOR_CW = [45, 15, 10, 10, 7, 7, 6]
_BACKER_CW = [40, 14, 11, 12, 9, 8, 6]
_TIERS = [
    "Digital Thanks",
    "Early Bird",
    "Supporter",
    "Standard Edition",
    "Collector's Edition",
    "Deluxe Bundle",
    "Founders' Circle",
]
_TIER_MIN = [5, 15, 25, 45, 90, 150, 400]
_PAY = ["CARD", "PYPL", "APPL", "GOOG"]
_PAY_W = [55, 22, 15, 8]


def _cents(x):
    return round(x * 100)


def _money(c):
    return Decimal(c).scaleb(-2)


def _rand_date(rng, a, b):
    return a + _dt.timedelta(days=rng.randint(0, (b - a).days))


def _rand_ts_between(rng, a, b):
    """Uniform timestamp (whole seconds) between datetimes a and b."""
    span = int((b - a).total_seconds())
    if span <= 0:
        return a
    return a + _dt.timedelta(seconds=rng.randint(0, span))


def _round_up(x):
    x = int(x)
    return ((x + 4999) // 5000) * 5000


def _round_down(x):
    return (int(x) // 5000) * 5000


def _day_start(d):
    return _dt.datetime(d.year, d.month, d.day)


def _day_end(d):
    return _dt.datetime(d.year, d.month, d.day, 23, 59, 59)


def _insert(con, table, types, rows):
    if not rows:
        return
    cols = list(zip(*rows, strict=False))
    sel = ", ".join(f"unnest(${i + 1}::{t}[])" for i, t in enumerate(types))
    con.execute(f"INSERT INTO {table} SELECT {sel}", [list(c) for c in cols])


def build(con, seed: int = 1) -> None:
    rng = random.Random(seed)
    for t in _TABLES_DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {t}")
    for stmt in _DDL.split(";"):
        if stmt.strip():
            con.execute(stmt)

    # ---------------- creators ----------------
    creators = []
    names = set()
    n_creators = 160
    for cid in range(1, n_creators + 1):
        while True:
            if rng.random() < 0.25:
                nm = f"{rng.choice(_LAST)} {rng.choice(_STUDIO)}"
            else:
                nm = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if nm not in names:
                names.add(nm)
                break
        country = rng.choices(_COUNTRIES, _CREATOR_CW)[0]
        joined = _rand_date(rng, _dt.date(2022, 3, 1), _dt.date(2025, 8, 20))
        if rng.random() < 0.7:
            joined = min(joined, _rand_date(rng, _dt.date(2022, 3, 1), _dt.date(2025, 8, 20)))
        verified = rng.random() < 0.6
        creators.append((cid, nm, country, joined, verified))
    # creator activity weights (some prolific creators, ~15% never launch)
    cweights = []
    for _c in creators:
        u = rng.random()
        if u < 0.15:
            cweights.append(0.0)
        elif u < 0.25:
            cweights.append(6.0)
        else:
            cweights.append(1.0)

    # ---------------- projects ----------------
    n_projects = 540
    titles = set()
    projects = []  # dicts
    lengths = [15, 21, 30, 30, 30, 30, 45, 45, 60]
    for pid in range(1, n_projects + 1):
        while True:
            cidx = rng.choices(range(n_creators), cweights)[0]
            joined = creators[cidx][3]
            lo = max(joined, START)
            if lo <= _dt.date(2025, 8, 28):
                break
        cat = rng.choices(_CATS, _CAT_W)[0]
        while True:
            t = f"{rng.choice(_ADJ)} {rng.choice(_NOUN)} {rng.choice(_CAT_SUFFIX[cat])}"
            if t not in titles:
                titles.add(t)
                break
        # more launches in later periods (platform growth)
        d = _rand_date(rng, lo, _dt.date(2025, 8, 28))
        d2 = _rand_date(rng, lo, _dt.date(2025, 8, 28))
        launch_d = max(d, d2) if rng.random() < 0.2 else d
        launched = _rand_ts_between(
            rng,
            _day_start(launch_d) + _dt.timedelta(hours=7),
            _day_start(launch_d) + _dt.timedelta(hours=21),
        )
        deadline = launch_d + _dt.timedelta(days=rng.choice(lengths))
        featured = rng.random() < 0.09
        staff = rng.random() < (0.35 if featured else 0.10)
        status = None
        cancelled_at = None
        if rng.random() < 0.07:
            status = "CANC"
            end = min(_day_end(deadline), _day_end(TODAY))
            cancelled_at = _rand_ts_between(rng, launched + _dt.timedelta(hours=6), end)
            if cancelled_at > end - _dt.timedelta(hours=2):
                cancelled_at = end - _dt.timedelta(hours=2)
        elif deadline >= TODAY:
            status = "LIVE"
        projects.append(
            dict(
                pid=pid,
                cid=creators[cidx][0],
                title=t,
                cat=cat,
                launched=launched,
                deadline=deadline,
                status=status,
                cancelled_at=cancelled_at,
                featured=featured,
                staff=staff,
            )
        )

    # ---------------- rewards ----------------
    rewards = []
    proj_rewards = {}
    rid = 0
    for p in projects:
        k = rng.choices([0, 1, 2, 3, 4, 5], [8, 10, 25, 30, 17, 10])[0]
        idxs = sorted(rng.sample(range(len(_TIERS)), k))
        lst = []
        for i in idxs:
            rid += 1
            base = _TIER_MIN[i]
            mn = base + rng.choice([0, 0, 0, 5, 10, -4 if base > 5 else 0])
            if p["cat"] == "TECH" and base >= 25:
                mn = mn * 2
            limit = None if rng.random() < 0.6 else rng.choice([10, 20, 25, 50, 100, 200, 300])
            if i == 1 and limit is None and rng.random() < 0.7:
                limit = rng.choice([10, 15, 25, 50])
            deliver = p["deadline"] + _dt.timedelta(days=rng.randint(30, 330))
            deliver = deliver.replace(day=1)
            ww = rng.random() < 0.55
            rewards.append([rid, p["pid"], _TIERS[i], _cents(mn), limit, deliver, ww])
            lst.append(len(rewards) - 1)
        proj_rewards[p["pid"]] = lst

    # ---------------- backers ----------------
    n_backers = 950
    backers = []
    for bid in range(1, n_backers + 1):
        nm = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        country = rng.choices(_COUNTRIES, _BACKER_CW)[0]
        sd = _rand_date(rng, _dt.date(2022, 1, 1), TODAY)
        signed = _rand_ts_between(rng, _day_start(sd), _day_end(sd))
        news = rng.random() < 0.45
        closed = None
        if rng.random() < 0.06 and sd < _dt.date(2025, 8, 1):
            closed = _rand_date(rng, sd + _dt.timedelta(days=20), TODAY)
        backers.append((bid, nm, country, signed, news, closed))
    # backer activity weights: heavy backers, ~12% never pledge
    bweights = []
    for _backer in backers:
        u = rng.random()
        if u < 0.12:
            bweights.append(0.0)
        elif u < 0.20:
            bweights.append(8.0)
        else:
            bweights.append(rng.choice([0.5, 1.0, 1.5]))

    # ---------------- pledges ----------------
    pledges = []
    tier_taken = {}
    for p in projects:
        mu = 2.15 + (0.9 if p["featured"] else 0) + (0.4 if p["staff"] else 0)
        n = int(rng.lognormvariate(mu, 0.8))
        if rng.random() < 0.05:
            n = 0
        start = p["launched"]
        end = _day_end(p["deadline"])
        if p["cancelled_at"] is not None:
            end = p["cancelled_at"] - _dt.timedelta(minutes=5)
        end = min(end, _day_end(TODAY))
        if end <= start:
            n = 0
        # eligible backers: signed up before the project's end, open at pledge
        elig = [
            i
            for i, b in enumerate(backers)
            if b[3] < end and (b[5] is None or _day_start(b[5]) > start) and bweights[i] > 0
        ]
        if not elig:
            n = 0
        ew = [bweights[i] for i in elig]
        rl = proj_rewards[p["pid"]]
        for _ in range(n):
            bi = rng.choices(elig, ew)[0]
            b = backers[bi]
            lo = max(start, b[3])
            hi = end
            if b[5] is not None:
                hi = min(hi, _day_start(b[5]) - _dt.timedelta(seconds=1))
            # front-loaded pledging: first days and last days busier
            if rng.random() < 0.35:
                hi2 = min(hi, lo + _dt.timedelta(days=3))
                at = _rand_ts_between(rng, lo, hi2)
            else:
                at = _rand_ts_between(rng, lo, hi)
            reward_idx = None
            if rl and rng.random() < 0.85:
                cand = [
                    ri
                    for ri in rl
                    if rewards[ri][4] is None or tier_taken.get(ri, 0) < rewards[ri][4]
                ]
                if cand:
                    wts = [3, 5, 6, 4, 2, 1, 1]
                    cw = [wts[_TIERS.index(rewards[ri][2])] for ri in cand]
                    reward_idx = rng.choices(cand, cw)[0]
            if reward_idx is not None:
                amt = rewards[reward_idx][3]
                if rng.random() < 0.2:
                    amt += _cents(rng.choice([1, 2, 5, 5, 10, 20, 50]))
            else:
                amt = _cents(rng.choice([1, 5, 10, 10, 20, 25, 50, 100, 3, 15]))
                if rng.random() < 0.1:
                    amt = rng.randint(100, 25000)
            pay = rng.choices(_PAY, _PAY_W)[0]
            cancelled = False
            cat_ = None
            if rng.random() < 0.08:
                cancelled = True
                cat_ = min(end, _rand_ts_between(rng, at + _dt.timedelta(minutes=10), end))
            if p["status"] == "CANC" and not cancelled:
                cancelled = True
                cat_ = p["cancelled_at"]
            if reward_idx is not None and not cancelled:
                tier_taken[reward_idx] = tier_taken.get(reward_idx, 0) + 1
            pledges.append(
                [
                    None,
                    p["pid"],
                    b[0],
                    rewards[reward_idx][0] if reward_idx is not None else None,
                    amt,
                    at,
                    pay,
                    cancelled,
                    cat_,
                    False,
                    None,
                ]
            )
    # pledge ids in time order
    pledges.sort(key=lambda r: (r[5], r[1], r[2]))
    for i, r in enumerate(pledges, start=1):
        r[0] = i
    by_proj = {}
    for r in pledges:
        by_proj.setdefault(r[1], []).append(r)

    # ---------------- goals and statuses ----------------
    for p in projects:
        rows = by_proj.get(p["pid"], [])
        s = sum(r[4] for r in rows if not r[7])
        tot = sum(r[4] for r in rows)
        if p["status"] == "CANC":
            base = tot if tot else _cents(rng.choice([2000, 5000, 8000]))
            goal = max(25000, _round_up(base / rng.uniform(0.2, 0.9)))
        elif p["status"] == "LIVE":
            goal = max(25000, _round_up((s if s else _cents(3000)) / rng.uniform(0.15, 1.6)))
        else:
            goal = None
            if s > 0 and rng.random() < 0.7:
                g = _round_down(s / rng.uniform(1.0, 2.6))
                if g >= 25000:
                    goal = g
            if goal is None:
                base = s if s else _cents(rng.choice([1500, 4000, 10000]))
                goal = max(25000, _round_up(base / rng.uniform(0.08, 0.97)))
        if p["status"] is None:
            p["status"] = "SUCC" if s >= goal else "FAIL"
        p["goal"] = goal
        p["raised"] = s
        p["n_charged"] = sum(1 for r in rows if not r[7])

    # ---------------- refunds ----------------
    for p in projects:
        if p["status"] != "SUCC":
            continue
        first = p["deadline"] + _dt.timedelta(days=3)
        if first > TODAY:
            continue
        for r in by_proj.get(p["pid"], []):
            if not r[7] and rng.random() < 0.045:
                r[9] = True
                r[10] = _rand_date(rng, first, min(TODAY, p["deadline"] + _dt.timedelta(days=150)))

    # ---------------- payouts ----------------
    payouts = []
    poid = 0
    for p in sorted(projects, key=lambda q: (q["deadline"], q["pid"])):
        if p["status"] != "SUCC":
            continue
        sched = p["deadline"] + _dt.timedelta(days=14)
        if sched > TODAY or rng.random() < 0.03:
            continue
        poid += 1
        gross = p["raised"]
        pf = round(gross * 0.05)
        proc = round(gross * 0.03) + 20 * p["n_charged"]
        net = gross - pf - proc
        u = rng.random()
        if u < 0.06:
            st, paid = "HELD", None
        elif u < 0.10:
            st, paid = "RTND", None
        else:
            st = "PAID"
            paid = sched + _dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 3, 5]))
            if paid > TODAY:
                paid = TODAY
        payouts.append(
            (poid, p["pid"], sched, paid, st, _money(gross), _money(pf), _money(proc), _money(net))
        )

    # ---------------- write ----------------
    _insert(con, "creator", ["INTEGER", "VARCHAR", "VARCHAR", "DATE", "BOOLEAN"], creators)
    _insert(
        con,
        "project",
        [
            "INTEGER",
            "INTEGER",
            "VARCHAR",
            "VARCHAR",
            "DECIMAL(12,2)",
            "TIMESTAMP",
            "DATE",
            "VARCHAR",
            "TIMESTAMP",
            "BOOLEAN",
            "BOOLEAN",
        ],
        [
            (
                p["pid"],
                p["cid"],
                p["title"],
                p["cat"],
                _money(p["goal"]),
                p["launched"],
                p["deadline"],
                p["status"],
                p["cancelled_at"],
                p["featured"],
                p["staff"],
            )
            for p in projects
        ],
    )
    _insert(
        con,
        "reward",
        ["INTEGER", "INTEGER", "VARCHAR", "DECIMAL(10,2)", "INTEGER", "DATE", "BOOLEAN"],
        [(r[0], r[1], r[2], _money(r[3]), r[4], r[5], r[6]) for r in rewards],
    )
    _insert(
        con, "backer", ["INTEGER", "VARCHAR", "VARCHAR", "TIMESTAMP", "BOOLEAN", "DATE"], backers
    )
    _insert(
        con,
        "pledge",
        [
            "INTEGER",
            "INTEGER",
            "INTEGER",
            "INTEGER",
            "DECIMAL(10,2)",
            "TIMESTAMP",
            "VARCHAR",
            "BOOLEAN",
            "TIMESTAMP",
            "BOOLEAN",
            "DATE",
        ],
        [
            (r[0], r[1], r[2], r[3], _money(r[4]), r[5], r[6], r[7], r[8], r[9], r[10])
            for r in pledges
        ],
    )
    _insert(
        con,
        "payout",
        [
            "INTEGER",
            "INTEGER",
            "DATE",
            "DATE",
            "VARCHAR",
            "DECIMAL(12,2)",
            "DECIMAL(12,2)",
            "DECIMAL(12,2)",
            "DECIMAL(12,2)",
        ],
        payouts,
    )

"""Arcade: data dictionary for the "Shardfall Arena" analytics database.

The business
------------
Shardfall Arena is an online multiplayer shooter (free to play).  Players create an
account, join matches on maps in one of four game modes, either ranked (counts towards the
competitive ladder) or casual.  The game makes money by selling cosmetic and convenience
items in the in-game store for real money; purchases can be refunded.  Players who cheat,
bot or behave badly get banned, temporarily or permanently.

Dates and "today"
-----------------
2025-06-30 (a Monday) is the last day of the data, 'today' for every question.
  * this year      = 2025-01-01 .. 2025-06-30;   last year = calendar year 2024
  * this month     = June 2025;                  last month = May 2025
  * last 7 days    = 2025-06-24 .. 2025-06-30 (today included)
  * last 30 days   = 2025-06-01 .. 2025-06-30 (today included)
  * this quarter   = Q2 2025 (April-June); last quarter = Q1 2025 (January-March)
  * Q1 = Jan-Mar, Q2 = Apr-Jun, Q3 = Jul-Sep, Q4 = Oct-Dec
Matches are dated by the time they started (GameMatch.ts_started); purchases by the time they
were made (ItemPurchase.ts_purchased).  Matches run from 2023-07-01; accounts exist from
2023-01-01.  All timestamps are UTC, without time zone.

Money
-----
All money columns are integer US cents (prefix amt_, suffix _cents).  Divide by 100 for dollars.
"Revenue" (net revenue) = the sum of amt_paid_cents of purchases that were NOT refunded.
"Gross" purchase amount = the sum of amt_paid_cents of all purchases, refunded ones included.

Column-name prefixes
--------------------
id_ identifier, txt_ text, cd_ code, dt_ date, ts_ timestamp, n_ count/number,
amt_ money amount in cents, pct_ percentage (0-100), flg_ boolean flag.

Tables
------
PlayerAccount -- one row per player account
  id_player      INTEGER  PK
  txt_gamertag   VARCHAR  the player's public name (unique)
  cd_region      VARCHAR  home region: NA = North America, EU = Europe, SA = South America,
                          AS = Asia, OC = Oceania
  cd_platform    VARCHAR  platform the account plays on: PC = PC, PS = PlayStation,
                          XB = Xbox, SW = Nintendo Switch
  dt_registered  DATE     day the account was created (sign-up / registration date)
  dt_last_login  DATE     last day the player logged in; NULL = never logged in after
                          creating the account (such players never played or bought anything)
  flg_active     BOOLEAN  TRUE = account open; FALSE = account closed (deleted) by its owner

GameMap -- one row per map
  id_map          INTEGER  PK
  txt_map_name    VARCHAR  map name (unique)
  n_max_players   INTEGER  maximum number of players the map supports
  dt_released     DATE     day the map was released
  flg_retired     BOOLEAN  TRUE = map removed from the rotation (no longer playable)

GameMatch -- one row per match (game session)
  id_match          INTEGER    PK
  id_map            INTEGER    FK -> GameMap.id_map
  cd_mode           VARCHAR    game mode: TDM = Team Deathmatch, CTF = Capture the Flag,
                               KOTH = King of the Hill, BR = Battle Royale
  flg_ranked        BOOLEAN    TRUE = ranked (competitive) match; FALSE = casual match
  cd_server_region  VARCHAR    region of the server that hosted the match (same codes as
                               PlayerAccount.cd_region)
  ts_started        TIMESTAMP  when the match started (this dates the match)
  ts_ended          TIMESTAMP  when the match ended; NULL for abandoned matches
  cd_status         VARCHAR    FIN = finished normally; ABN = abandoned (server crash or too
                               few players; nobody wins an abandoned match)

MatchResult -- one row per player per match (the player's result in that match)
  id_match          INTEGER       PK part, FK -> GameMatch.id_match
  id_player         INTEGER       PK part, FK -> PlayerAccount.id_player
  n_kills           INTEGER       enemies eliminated by the player
  n_deaths          INTEGER       times the player died
  n_assists         INTEGER       kill assists
  n_score           INTEGER       points earned in the match
  flg_win           BOOLEAN       TRUE = the player was on the winning side (team modes) or was
                                  the last one standing (BR); a player who left early never wins
  n_minutes_played  INTEGER       minutes the player spent in the match (less than the match
                                  length when the player left early)
  pct_accuracy      DECIMAL(5,2)  shots hit / shots fired x 100; NULL when not recorded
                                  (game clients before 2024-01-01 did not record accuracy)

StoreItem -- one row per item sold in the in-game store
  id_item          INTEGER  PK
  txt_item_name    VARCHAR  item name (unique)
  cd_category      VARCHAR  SKIN = character/weapon skin, EMOTE = emote/dance,
                            BUNDLE = bundle of several items, BOOST = XP booster,
                            COINS = pack of in-game currency
  amt_price_cents  INTEGER  current list price in cents
  dt_launched      DATE     day the item went on sale
  flg_limited      BOOLEAN  TRUE = limited-time offer

ItemPurchase -- one row per purchase of one item with real money
  id_purchase     INTEGER    PK
  id_player       INTEGER    FK -> PlayerAccount.id_player (the buyer)
  id_item         INTEGER    FK -> StoreItem.id_item
  ts_purchased    TIMESTAMP  when the purchase was made
  amt_paid_cents  INTEGER    amount actually charged in cents (can be below the list price
                             because of discounts)
  cd_payment      VARCHAR    payment method: CARD = credit/debit card, PAYPAL = PayPal,
                             MOBILE = mobile carrier billing, GIFT = gift card
  dt_refunded     DATE       day the purchase was refunded (always in full); NULL = not
                             refunded.  Refunded purchases are not revenue.

PlayerBan -- one row per ban imposed on a player (a player can be banned several times)
  id_ban         INTEGER  PK
  id_player      INTEGER  FK -> PlayerAccount.id_player
  dt_banned      DATE     first day of the ban
  dt_ends        DATE     first day the player may play again; NULL for permanent bans
  flg_permanent  BOOLEAN  TRUE = permanent ban (dt_ends is NULL)
  cd_reason      VARCHAR  CHT = cheating, TOX = toxic behaviour (abuse, harassment),
                          BOT = botting / AFK farming, FRD = payment fraud
  A ban is in force on day d when dt_banned <= d and (dt_ends IS NULL or dt_ends > d).
  Length of a temporary ban in days = dt_ends - dt_banned.
"""

import csv
import datetime as _dt
import os
import random
import tempfile

_DDL = """
CREATE TABLE PlayerAccount (
    id_player      INTEGER PRIMARY KEY,
    txt_gamertag   VARCHAR NOT NULL UNIQUE,
    cd_region      VARCHAR NOT NULL,
    cd_platform    VARCHAR NOT NULL,
    dt_registered  DATE NOT NULL,
    dt_last_login  DATE,
    flg_active     BOOLEAN NOT NULL
);
CREATE TABLE GameMap (
    id_map         INTEGER PRIMARY KEY,
    txt_map_name   VARCHAR NOT NULL UNIQUE,
    n_max_players  INTEGER NOT NULL,
    dt_released    DATE NOT NULL,
    flg_retired    BOOLEAN NOT NULL
);
CREATE TABLE GameMatch (
    id_match          INTEGER PRIMARY KEY,
    id_map            INTEGER NOT NULL REFERENCES GameMap(id_map),
    cd_mode           VARCHAR NOT NULL,
    flg_ranked        BOOLEAN NOT NULL,
    cd_server_region  VARCHAR NOT NULL,
    ts_started        TIMESTAMP NOT NULL,
    ts_ended          TIMESTAMP,
    cd_status         VARCHAR NOT NULL
);
CREATE TABLE MatchResult (
    id_match          INTEGER NOT NULL REFERENCES GameMatch(id_match),
    id_player         INTEGER NOT NULL REFERENCES PlayerAccount(id_player),
    n_kills           INTEGER NOT NULL,
    n_deaths          INTEGER NOT NULL,
    n_assists         INTEGER NOT NULL,
    n_score           INTEGER NOT NULL,
    flg_win           BOOLEAN NOT NULL,
    n_minutes_played  INTEGER NOT NULL,
    pct_accuracy      DECIMAL(5,2),
    PRIMARY KEY (id_match, id_player)
);
CREATE TABLE StoreItem (
    id_item          INTEGER PRIMARY KEY,
    txt_item_name    VARCHAR NOT NULL UNIQUE,
    cd_category      VARCHAR NOT NULL,
    amt_price_cents  INTEGER NOT NULL,
    dt_launched      DATE NOT NULL,
    flg_limited      BOOLEAN NOT NULL
);
CREATE TABLE ItemPurchase (
    id_purchase     INTEGER PRIMARY KEY,
    id_player       INTEGER NOT NULL REFERENCES PlayerAccount(id_player),
    id_item         INTEGER NOT NULL REFERENCES StoreItem(id_item),
    ts_purchased    TIMESTAMP NOT NULL,
    amt_paid_cents  INTEGER NOT NULL,
    cd_payment      VARCHAR NOT NULL,
    dt_refunded     DATE
);
CREATE TABLE PlayerBan (
    id_ban         INTEGER PRIMARY KEY,
    id_player      INTEGER NOT NULL REFERENCES PlayerAccount(id_player),
    dt_banned      DATE NOT NULL,
    dt_ends        DATE,
    flg_permanent  BOOLEAN NOT NULL,
    cd_reason      VARCHAR NOT NULL
);
COMMENT ON COLUMN PlayerAccount.dt_last_login IS 'Last day the player logged in, NULL = never logged in after creating the account';
COMMENT ON COLUMN PlayerAccount.flg_active IS 'FALSE = account closed by its owner';
COMMENT ON COLUMN GameMap.flg_retired IS 'TRUE = map removed from the rotation';
COMMENT ON COLUMN GameMatch.ts_ended IS 'NULL when the match was abandoned (cd_status = ABN)';
COMMENT ON COLUMN GameMatch.cd_status IS 'FIN = finished, ABN = abandoned (nobody wins)';
COMMENT ON COLUMN MatchResult.flg_win IS 'Player was on the winning side / last one standing';
COMMENT ON COLUMN MatchResult.n_minutes_played IS 'Minutes the player was in the match, less than the match length if the player left early';
COMMENT ON COLUMN MatchResult.pct_accuracy IS 'Shots hit / shots fired x 100, NULL when not recorded (before 2024-01-01)';
COMMENT ON COLUMN ItemPurchase.amt_paid_cents IS 'Amount actually charged in US cents, after discounts';
COMMENT ON COLUMN ItemPurchase.dt_refunded IS 'Day of the (full) refund, NULL = not refunded';
COMMENT ON COLUMN PlayerBan.dt_ends IS 'First day the player may play again, NULL for permanent bans';
"""

_TABLES_DROP_ORDER = [
    "PlayerBan",
    "ItemPurchase",
    "MatchResult",
    "GameMatch",
    "StoreItem",
    "GameMap",
    "PlayerAccount",
]

LAST_DAY = _dt.date(2025, 6, 30)
FIRST_REG = _dt.date(2023, 1, 1)
FIRST_MATCH = _dt.date(2023, 7, 1)

_ADJ = [
    "Silent",
    "Crimson",
    "Frost",
    "Rapid",
    "Lucky",
    "Shadow",
    "Iron",
    "Neon",
    "Wild",
    "Toxic",
    "Golden",
    "Brave",
    "Lazy",
    "Hyper",
    "Mystic",
    "Rogue",
    "Cosmic",
    "Savage",
    "Sneaky",
    "Atomic",
    "Turbo",
    "Pixel",
    "Lunar",
    "Solar",
    "Grim",
]
_NOUN = [
    "Fox",
    "Viper",
    "Wolf",
    "Falcon",
    "Ghost",
    "Tiger",
    "Panda",
    "Raven",
    "Sniper",
    "Comet",
    "Knight",
    "Ninja",
    "Otter",
    "Hawk",
    "Badger",
    "Mantis",
    "Shark",
    "Cobra",
    "Titan",
    "Yeti",
    "Goblin",
    "Dragon",
    "Lynx",
    "Moose",
]

_MAPS = [
    # name, max players, released, retired
    ("Dust Harbor", 10, _dt.date(2022, 11, 1), False),
    ("Neon Alley", 10, _dt.date(2022, 11, 1), False),
    ("Frozen Relay", 10, _dt.date(2022, 11, 1), True),
    ("Old Mill", 8, _dt.date(2022, 11, 1), True),
    ("Iron Quarry", 16, _dt.date(2022, 11, 1), False),
    ("Practice Yard", 8, _dt.date(2023, 1, 1), False),
    ("Sunken Temple", 12, _dt.date(2023, 3, 15), False),
    ("Skyline Rooftops", 8, _dt.date(2023, 6, 1), False),
    ("Canyon Run", 16, _dt.date(2023, 9, 20), False),
    ("Lotus Gardens", 12, _dt.date(2024, 2, 10), False),
    ("Blackout Station", 10, _dt.date(2024, 7, 4), False),
    ("Glacier Outpost", 16, _dt.date(2024, 11, 15), False),
    ("Red Market", 10, _dt.date(2025, 3, 1), False),
    ("Obsidian Keep", 12, _dt.date(2025, 6, 27), False),
]
_RETIRE_DAY = _dt.date(2024, 3, 1)  # retired maps were last played before this day
_NO_MATCH_MAPS = {"Practice Yard", "Obsidian Keep"}
_MAP_WEIGHT = {
    "Dust Harbor": 9,
    "Neon Alley": 8,
    "Frozen Relay": 4,
    "Old Mill": 3,
    "Iron Quarry": 6,
    "Sunken Temple": 5,
    "Skyline Rooftops": 3,
    "Canyon Run": 6,
    "Lotus Gardens": 4,
    "Blackout Station": 5,
    "Glacier Outpost": 5,
    "Red Market": 6,
}

_ITEMS = [
    # name, category, price cents, launched, limited, popularity
    ("Crimson Viper Skin", "SKIN", 1499, "2023-01-01", False, 8),
    ("Arctic Camo Skin", "SKIN", 999, "2023-01-01", False, 7),
    ("Golden Rifle Skin", "SKIN", 1999, "2023-02-14", False, 6),
    ("Neon Samurai Skin", "SKIN", 1799, "2023-05-01", False, 7),
    ("Halloween Reaper Skin", "SKIN", 1299, "2023-10-15", True, 4),
    ("Desert Nomad Skin", "SKIN", 799, "2023-03-10", False, 5),
    ("Cyber Punk Skin", "SKIN", 1599, "2024-01-20", False, 6),
    ("Winter Yeti Skin", "SKIN", 1199, "2023-12-01", True, 4),
    ("Ocean Drift Skin", "SKIN", 899, "2024-05-05", False, 5),
    ("Dragon Scale Skin", "SKIN", 1999, "2024-08-08", False, 6),
    ("Pixel Hero Skin", "SKIN", 999, "2024-03-03", False, 4),
    ("Stealth Ops Skin", "SKIN", 1399, "2023-07-20", False, 5),
    ("Lunar New Year Skin", "SKIN", 1499, "2025-01-25", True, 4),
    ("Glitch Skin", "SKIN", 1299, "2025-04-10", False, 5),
    ("Retro Arcade Skin", "SKIN", 849, "2023-04-04", False, 0),
    ("Victory Dance", "EMOTE", 499, "2023-01-01", False, 6),
    ("Facepalm", "EMOTE", 299, "2023-01-01", False, 5),
    ("Floss Loop", "EMOTE", 399, "2023-06-12", False, 4),
    ("Salute", "EMOTE", 299, "2023-01-01", False, 3),
    ("Moonwalk", "EMOTE", 599, "2024-02-02", False, 4),
    ("Confetti Toss", "EMOTE", 349, "2024-06-15", True, 3),
    ("Slow Clap", "EMOTE", 299, "2024-09-09", False, 3),
    ("Air Guitar", "EMOTE", 449, "2025-02-20", False, 3),
    ("Starter Bundle", "BUNDLE", 999, "2023-01-01", False, 6),
    ("Season 1 Battle Bundle", "BUNDLE", 2499, "2023-07-01", True, 3),
    ("Legends Bundle", "BUNDLE", 3999, "2023-11-20", False, 3),
    ("Summer Splash Bundle", "BUNDLE", 1999, "2024-06-01", True, 3),
    ("Season 2 Battle Bundle", "BUNDLE", 2499, "2024-07-01", True, 3),
    ("Founders Bundle", "BUNDLE", 4999, "2025-06-29", True, 0),
    ("XP Boost 1 Day", "BOOST", 199, "2023-01-01", False, 6),
    ("XP Boost 7 Days", "BOOST", 799, "2023-01-01", False, 5),
    ("XP Boost 30 Days", "BOOST", 1999, "2023-08-01", False, 3),
    ("Double Loot Weekend", "BOOST", 499, "2024-04-01", True, 3),
    ("Coin Pouch (500)", "COINS", 499, "2023-01-01", False, 9),
    ("Coin Sack (1100)", "COINS", 999, "2023-01-01", False, 8),
    ("Coin Chest (2400)", "COINS", 1999, "2023-01-01", False, 5),
    ("Coin Vault (6500)", "COINS", 4999, "2023-01-01", False, 2),
    ("Coin Hoard (14000)", "COINS", 9999, "2023-09-01", False, 1),
]

_REGIONS = ["NA"] * 35 + ["EU"] * 30 + ["AS"] * 20 + ["SA"] * 10 + ["OC"] * 5
_PLATFORMS = ["PC"] * 45 + ["PS"] * 25 + ["XB"] * 20 + ["SW"] * 10
_PAYMENTS = ["CARD"] * 55 + ["PAYPAL"] * 20 + ["MOBILE"] * 15 + ["GIFT"] * 10
_MODES = ["TDM"] * 40 + ["BR"] * 25 + ["CTF"] * 20 + ["KOTH"] * 15
_DURATION = {"TDM": (10, 20), "CTF": (15, 30), "KOTH": (12, 25), "BR": (18, 35)}


def _d(s):
    return _dt.date.fromisoformat(s)


def _rand_date(rng, lo, hi, skew=1.0):
    """Date in [lo, hi]; skew > 1 favours later dates."""
    span = (hi - lo).days
    if span <= 0:
        return lo
    x = rng.random() ** (1.0 / skew)
    return lo + _dt.timedelta(days=min(span, int(x * (span + 1))))


def _insert(con, table, rows):
    """Bulk-load rows through a temporary CSV file (much faster than row-wise INSERTs)."""
    if not rows:
        return
    fd, path = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(fd, "w", newline="") as fh:
            w = csv.writer(fh)
            for r in rows:
                w.writerow(
                    [
                        ""
                        if v is None
                        else (
                            "true"
                            if v is True
                            else "false"
                            if v is False
                            else v.isoformat(sep=" ")
                            if isinstance(v, _dt.datetime)
                            else v.isoformat()
                            if isinstance(v, _dt.date)
                            else v
                        )
                        for v in r
                    ]
                )
        con.execute(f"COPY {table} FROM '{path}' (FORMAT csv, HEADER false, NULL '')")
    finally:
        os.remove(path)


def build(con, seed: int = 1) -> None:
    rng = random.Random(seed)
    for t in _TABLES_DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {t}")
    for stmt in _DDL.split(";"):
        if stmt.strip():
            con.execute(stmt)

    # ---------------- players ----------------
    players = []  # dicts
    tags = set()
    n_players = 720
    for pid in range(1, n_players + 1):
        while True:
            tag = f"{rng.choice(_ADJ)}{rng.choice(_NOUN)}{rng.randint(1, 99)}"
            if tag not in tags:
                tags.add(tag)
                break
        r = rng.random()
        if r < 0.22:  # launch wave
            reg = _rand_date(rng, FIRST_REG, _dt.date(2023, 6, 30))
        else:
            reg = _rand_date(rng, _dt.date(2023, 7, 1), LAST_DAY, skew=1.3)
        active = rng.random() < 0.88
        if rng.random() < 0.06:
            last = None
        elif active:
            if rng.random() < 0.75:
                last = _rand_date(rng, max(reg, LAST_DAY - _dt.timedelta(days=45)), LAST_DAY)
            else:
                last = _rand_date(rng, reg, LAST_DAY)
        else:
            hi = max(reg, LAST_DAY - _dt.timedelta(days=20))
            last = _rand_date(rng, reg, hi)
        players.append(
            dict(
                id=pid,
                tag=tag,
                region=rng.choice(_REGIONS),
                platform=rng.choice(_PLATFORMS),
                reg=reg,
                last=last,
                active=active,
                bans=[],
                weight=min(8.0, rng.paretovariate(1.3)),
                skill=rng.lognormvariate(0.0, 0.3),
                spend=(min(12.0, rng.paretovariate(1.1)) if rng.random() < 0.45 else 0.0),
            )
        )

    # ---------------- bans ----------------
    bans = []
    reasons = ["CHT"] * 40 + ["TOX"] * 30 + ["BOT"] * 20 + ["FRD"] * 10
    candidates = [
        p
        for p in players
        if p["last"] is not None
        and (p["last"] - p["reg"]).days > 10
        and p["reg"] < _dt.date(2025, 6, 1)
    ]
    rng.shuffle(candidates)
    banned_players = candidates[:64]
    fraud_players = []
    bid = 0
    for i, p in enumerate(banned_players):
        nb = 2 if i % 6 == 0 else 1
        lo = max(p["reg"] + _dt.timedelta(days=2), FIRST_MATCH)
        if i < 6:  # a few early offenders, banned within a month of signing up
            lo = max(p["reg"] + _dt.timedelta(days=2), FIRST_MATCH)
            start = _rand_date(rng, lo, lo + _dt.timedelta(days=25))
        elif i < 12:  # some recent bans still in force
            start = _rand_date(rng, max(lo, _dt.date(2025, 6, 10)), LAST_DAY)
        else:
            start = _rand_date(rng, lo, max(lo, LAST_DAY - _dt.timedelta(days=5)))
        for k in range(nb):
            if start > LAST_DAY:
                break
            reason = rng.choice(reasons)
            perm = (k == nb - 1) and rng.random() < 0.2
            if reason == "FRD" and rng.random() < 0.7:
                perm = True
            if perm:
                ends = None
            else:
                lengths = [7, 14, 30] if 6 <= i < 12 else [1, 3, 3, 7, 7, 7, 14, 14, 30]
                ends = start + _dt.timedelta(days=rng.choice(lengths))
            bid += 1
            bans.append((bid, p["id"], start, ends, perm, reason))
            p["bans"].append((start, ends))
            if reason == "FRD":
                fraud_players.append(p)
            if perm:
                p["last"] = min(p["last"], start) if p["last"] else start
                break
            start = ends + _dt.timedelta(days=rng.randint(20, 200))
    # chronological ids
    bans.sort(key=lambda b: (b[2], b[1]))
    bans = [(i + 1, *b[1:]) for i, b in enumerate(bans)]

    # ---------------- maps ----------------
    maps = [(i + 1, n, m, rel, ret) for i, (n, m, rel, ret) in enumerate(_MAPS)]

    # ---------------- matches & results ----------------
    total_days = (LAST_DAY - FIRST_MATCH).days
    match_days = sorted(
        FIRST_MATCH
        + _dt.timedelta(days=min(total_days, int((rng.random() ** 0.7) * (total_days + 1))))
        for _ in range(1450)
    )
    matches = []
    results = []
    hours = list(range(24))
    hour_w = [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 6, 7, 9, 10, 10, 8, 5, 3]

    def eligible(p, day):
        if p["last"] is None or p["reg"] > day or p["last"] < day:
            return False
        return all(not (s <= day and (e is None or e > day)) for s, e in p["bans"])

    mid = 0
    for day in match_days:
        mode = rng.choice(_MODES)
        cands = [
            m
            for m in maps
            if m[1] not in _NO_MATCH_MAPS and m[3] <= day and not (m[4] and day >= _RETIRE_DAY)
        ]
        if mode == "BR":
            cands = [m for m in cands if m[2] >= 16]
        mp = rng.choices(cands, weights=[_MAP_WEIGHT[m[1]] for m in cands])[0]
        pool = [p for p in players if eligible(p, day)]
        if len(pool) < 4:
            continue
        k = rng.randint(8, mp[2]) if mode == "BR" else 2 * rng.randint(2, mp[2] // 2)
        k = min(k, len(pool) - len(pool) % 2 if mode != "BR" else len(pool))
        chosen = []
        ws = [p["weight"] for p in pool]
        while len(chosen) < k:
            p = rng.choices(pool, weights=ws)[0]
            if p not in chosen:
                chosen.append(p)
        mid += 1
        ranked = rng.random() < 0.4
        start = _dt.datetime.combine(
            day, _dt.time(rng.choices(hours, hour_w)[0], rng.randint(0, 59), rng.randint(0, 59))
        )
        lo, hi = _DURATION[mode]
        dur = rng.randint(lo, hi)
        abandoned = rng.random() < 0.06
        if abandoned:
            dur = rng.randint(2, max(3, dur // 2))
            ended = None
            status = "ABN"
        else:
            ended = start + _dt.timedelta(minutes=dur, seconds=rng.randint(0, 59))
            status = "FIN"
        region_counts = {}
        for p in chosen:
            region_counts[p["region"]] = region_counts.get(p["region"], 0) + 1
        server = max(sorted(region_counts), key=lambda r: region_counts[r])
        matches.append((mid, mp[0], mode, ranked, server, start, ended, status))
        winners = {chosen[0]["id"]} if mode == "BR" else {p["id"] for p in chosen[: k // 2]}
        for p in chosen:
            skill = max(0.5, min(2.2, p["skill"]))
            left = rng.random() < 0.08
            mins = dur if not left else rng.randint(1, max(1, dur - 1))
            kills = max(0, int(rng.gauss(mins * 0.35 * skill, 2.5)))
            if mode == "BR":
                kills = max(0, int(kills * 0.4))
            deaths = (
                max(0, int(rng.gauss(mins * 0.33 / skill, 2.5)))
                if mode != "BR"
                else rng.randint(0, 1)
            )
            assists = max(0, int(rng.gauss(kills * 0.4, 2)))
            win = (not abandoned) and (not left) and p["id"] in winners
            score = kills * 100 + assists * 50 + (500 if win else 0) + rng.randint(0, 150)
            acc = (
                None
                if day < _dt.date(2024, 1, 1)
                else round(min(95.0, max(5.0, rng.gauss(30 * skill**0.5, 7))), 2)
            )
            results.append((mid, p["id"], kills, deaths, assists, score, win, mins, acc))

    # ---------------- items ----------------
    items = []
    for i, (n, c, price, launched, lim, pop) in enumerate(_ITEMS):
        items.append((i + 1, n, c, price, _d(launched), lim, pop))

    # ---------------- purchases ----------------
    payers = [p for p in players if p["spend"] > 0 and p["last"] is not None]
    purchases = []
    pw = [p["spend"] for p in payers]
    for _ in range(2300):
        p = rng.choices(payers, weights=pw)[0]
        day = _rand_date(rng, p["reg"], p["last"], skew=1.2)
        avail = [it for it in items if it[4] <= day and it[6] > 0]
        it = rng.choices(avail, weights=[x[6] for x in avail])[0]
        ts = _dt.datetime.combine(
            day, _dt.time(rng.choices(hours, hour_w)[0], rng.randint(0, 59), rng.randint(0, 59))
        )
        price = it[3]
        if rng.random() < 0.18:
            price = round(price * rng.choice([0.5, 0.75, 0.8])) - 1 + (1 if price % 2 == 0 else 0)
        refunded = None
        if rng.random() < 0.065:
            refunded = min(LAST_DAY, day + _dt.timedelta(days=rng.randint(0, 14)))
        purchases.append([p["id"], it[0], ts, price, rng.choice(_PAYMENTS), refunded])
    # fraudsters: everything they bought was charged back / refunded
    fraud_ids = {p["id"] for p in fraud_players}
    for fp in fraud_players[:4]:
        for _ in range(rng.randint(2, 4)):
            day = _rand_date(rng, fp["reg"], fp["last"])
            avail = [it for it in items if it[4] <= day and it[6] > 0]
            it = rng.choice(avail)
            ts = _dt.datetime.combine(day, _dt.time(rng.randint(0, 23), rng.randint(0, 59)))
            purchases.append([fp["id"], it[0], ts, it[3], rng.choice(_PAYMENTS), None])
    for row in purchases:
        if row[0] in fraud_ids:
            row[5] = min(LAST_DAY, row[2].date() + _dt.timedelta(days=rng.randint(1, 10)))
    purchases.sort(key=lambda r: r[2])
    purchases = [(i + 1, *tuple(r)) for i, r in enumerate(purchases)]

    _insert(
        con,
        "PlayerAccount",
        [
            (p["id"], p["tag"], p["region"], p["platform"], p["reg"], p["last"], p["active"])
            for p in players
        ],
    )
    _insert(con, "GameMap", maps)
    _insert(con, "GameMatch", matches)
    _insert(con, "MatchResult", results)
    _insert(con, "StoreItem", [it[:6] for it in items])
    _insert(con, "ItemPurchase", purchases)
    _insert(con, "PlayerBan", bans)

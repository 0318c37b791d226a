"""Online multiplayer game test database (DuckDB, ``main`` schema).

"Arena" is a team-based online shooter. Players create an account, play matches (two teams
fight on one map, on a server in one region), buy cosmetic items and boosts in the in-game
store (for themselves or as a gift for another player), send each other friend requests, and
get banned by staff moderators when they break the rules.

The game launched on 2023-10-02, so accounts go back to then; matches and store purchases
are recorded from 2024-01-01 onwards. The last day of the data is **2025-08-20** (a
Wednesday), which is "today" for every question: "this year" is 2025 (1 January up to and
including today), "last month" is July 2025, "this month" is August 2025 up to today,
"last year" is 2024, "the last 30 days" is 2025-07-22 through 2025-08-20 inclusive and
"right now" / "currently" means at the end of today (``TIMESTAMP '2025-08-21 00:00:00'``).
There is nothing scheduled after today: every match, purchase, friend request and ban in
the data started on or before today.

All timestamps (columns ``*_at``) are in UTC; date columns (``*_date``) are UTC calendar
days. Money is in US dollars (``*_usd``). Yes/no columns are INTEGER 0/1 (1 = yes) and are
named ``is_*``, ``was_*``, ``did_*`` or ``left_*``. Coded columns hold short upper-case codes
listed below; a few of them are also explained in column comments (``COMMENT ON COLUMN``,
see ``_DDL``).

Region codes (used by ``player_account.home_region_code`` and
``game_match.server_region_code``): 'NA' North America, 'EU' Europe, 'SA' South America,
'AS' Asia, 'OC' Oceania.

Definitions used in questions:

* An **active player** is a non-staff player whose account is open
  (``account_closed_date`` is NULL) and who took part in at least one match (a row in
  ``match_participation``) that started in the last 30 days (2025-07-22 .. 2025-08-20).
* **Revenue** (or "spend", "money spent") is the sum of ``purchase_amount_usd`` over
  purchases that were not refunded (``was_refunded = 0``). A refunded purchase brings in
  nothing. "Sales" or "purchases" counted without saying otherwise include refunded ones.
* Two players are **friends** (right now) when there is a ``friend_link`` row between them,
  in either direction, whose ``link_status_code`` is 'A'.
* A player is **currently banned** when they have a ban that was not overturned
  (``was_overturned_on_appeal = 0``) and that has not run out: ``ban_end_at`` is NULL
  (permanent) or after the end of today (``>= TIMESTAMP '2025-08-21 00:00:00'``).
* A **win** is a ``match_participation`` row with ``did_win = 1``; a player's **win rate**
  is their wins divided by the matches they took part in.
* **Moderators** are the staff accounts (``player_account.is_staff_account = 1``); staff
  accounts issue bans and never play matches or buy anything.

Tables
------

``player_account`` -- one row per account (players and staff), open or closed.

* ``player_id`` (INTEGER, primary key).
* ``player_display_name`` (VARCHAR, unique): the in-game name shown to other players
  (e.g. 'NeonFalcon', 'GrimOtter77'). Staff names start with 'Mod_'.
* ``home_region_code`` (VARCHAR): region the player registered in (see region codes). A
  player can play on servers in any region.
* ``signup_date`` (DATE): day the account was created.
* ``referred_by_player_id`` (INTEGER, foreign key to ``player_account.player_id``): the
  existing player whose referral (invite) link the new player signed up through; NULL when
  the player was not referred. Self-reference: the referrer is another row of this table.
* ``is_premium_subscriber`` (INTEGER 0/1): 1 if the player currently pays for the Premium
  subscription (a monthly membership, unrelated to store items with "Premium" in their name).
* ``is_staff_account`` (INTEGER 0/1): 1 for staff / moderator accounts.
* ``current_skill_rating`` (INTEGER): the player's current ranked rating (higher is better,
  roughly 600-2800); NULL for accounts that have never played a ranked match (and for
  staff).
* ``account_closed_date`` (DATE): day the account was closed (deleted by the player or
  shut down); NULL = the account is open. Every non-NULL value is on or before today.

``game_match`` -- one row per match.

* ``match_id`` (INTEGER, primary key).
* ``game_mode_code`` (VARCHAR): 'RNK' ranked (3 vs 3, affects the skill rating), 'CAS'
  casual (quick play, 2-4 per team), 'TRN' tournament (4 vs 4, organised events) or 'CUS'
  custom lobby (a private match set up by a player, 1-4 per team).
* ``map_name`` (VARCHAR): the map played: 'Harbor', 'Dunes', 'Citadel', 'Frostbite',
  'Overgrowth' or 'Skyforge' (the newest map, added on 2025-06-03).
* ``server_region_code`` (VARCHAR): region of the server that ran the match (where the
  match was played, see region codes).
* ``started_at`` (TIMESTAMP): when the match started.
* ``ended_at`` (TIMESTAMP): when the match finished; NULL when the match was abandoned
  (server crash or too many players quit) and never finished. An abandoned match has no
  winner.
* ``host_player_id`` (INTEGER, foreign key to ``player_account``): for custom lobbies
  ('CUS') the player who created and hosted the lobby; the host usually plays in it but
  sometimes only sets it up (or spectates) without playing. NULL for every other mode.

A match's length (duration) is ``ended_at - started_at`` (finished matches only).

``match_participation`` -- one row per player who took part in a match. Primary key
(``match_id``, ``player_id``).

* ``match_id`` (INTEGER, foreign key to ``game_match``).
* ``player_id`` (INTEGER, foreign key to ``player_account``).
* ``team_number`` (INTEGER): 1 or 2.
* ``final_score`` (INTEGER): points the player scored in that match (kills, objectives,
  assists); 0 or more.
* ``kill_count`` (INTEGER), ``death_count`` (INTEGER): kills made and deaths suffered in
  the match.
* ``did_win`` (INTEGER 0/1): 1 when the player's team won the match (also for a player of
  that team who left early); always 0 in an abandoned match.
* ``left_before_end`` (INTEGER 0/1): 1 if the player quit (rage-quit or disconnected)
  before the match ended.

``store_purchase`` -- one row per item bought in the in-game store.

* ``purchase_id`` (INTEGER, primary key).
* ``buyer_player_id`` (INTEGER, foreign key to ``player_account``): the player who paid.
* ``gift_recipient_player_id`` (INTEGER, foreign key to ``player_account``): the player
  who received the item when it was bought as a gift; NULL when the buyer bought it for
  themselves.
* ``item_category_code`` (VARCHAR): 'SKN' character skin, 'BPS' battle pass, 'CUR'
  coin pack (in-game currency), 'BST' XP booster, 'EMT' emote.
* ``item_name`` (VARCHAR): item bought, e.g. 'Ember Knight Skin', 'Battle Pass',
  'Battle Pass Premium' (the deluxe battle pass; it has nothing to do with the Premium
  subscription), '1200 Coins', 'XP Booster 7 days', 'Victory Dance Emote'.
* ``purchase_amount_usd`` (DECIMAL(8,2)): amount charged, in USD, after any sale discount.
* ``purchased_at`` (TIMESTAMP): when the purchase was made.
* ``was_refunded`` (INTEGER 0/1): 1 if the money was given back to the buyer.
* ``refund_date`` (DATE): day the refund was processed (0-25 days after the purchase); NULL
  when not refunded.

``friend_link`` -- one row per friend request between two players. A pair of players
appears at most once, in one direction. Primary key (``requester_player_id``,
``addressee_player_id``).

* ``requester_player_id`` (INTEGER, foreign key to ``player_account``): player who sent
  the request.
* ``addressee_player_id`` (INTEGER, foreign key to ``player_account``): player who received
  it.
* ``requested_at`` (TIMESTAMP): when the request was sent.
* ``link_status_code`` (VARCHAR): current state of the link: 'P' pending (not answered
  yet), 'A' accepted (the two are friends now), 'D' declined, 'R' removed (it was accepted
  but one of the two unfriended the other later).
* ``accepted_date`` (DATE): day the request was accepted; set for 'A' and also for 'R'
  links (a removed friendship keeps the day it had been accepted); NULL for 'P' and 'D'.

``player_ban`` -- one row per ban (suspension) given to a player.

* ``ban_id`` (INTEGER, primary key).
* ``banned_player_id`` (INTEGER, foreign key to ``player_account``): the player who was
  banned.
* ``issued_by_player_id`` (INTEGER, foreign key to ``player_account``): the staff account
  (moderator) who issued the ban.
* ``ban_reason_code`` (VARCHAR): 'CHT' cheating, 'TOX' toxic behaviour / abusive chat,
  'AFK' repeatedly leaving matches, 'EXP' exploiting a bug.
* ``ban_start_at`` (TIMESTAMP): when the ban took effect.
* ``ban_end_at`` (TIMESTAMP): when the ban runs out; NULL = permanent ban.
* ``was_overturned_on_appeal`` (INTEGER 0/1): 1 if the ban was lifted after an appeal
  (it is then void and no longer applies, whatever ``ban_end_at`` says).

A banned player cannot play while a ban that was not overturned is running.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

LAUNCH = dt.date(2023, 10, 2)
FIRST_DAY = dt.date(2024, 1, 1)
TODAY = dt.date(2025, 8, 20)
_NOW = dt.datetime(2025, 8, 21, 0, 0, 0)

_DDL = """
CREATE TABLE player_account (
    player_id INTEGER PRIMARY KEY,
    player_display_name VARCHAR NOT NULL UNIQUE,
    home_region_code VARCHAR NOT NULL,
    signup_date DATE NOT NULL,
    referred_by_player_id INTEGER REFERENCES player_account (player_id),
    is_premium_subscriber INTEGER NOT NULL,
    is_staff_account INTEGER NOT NULL,
    current_skill_rating INTEGER,
    account_closed_date DATE
);
CREATE TABLE game_match (
    match_id INTEGER PRIMARY KEY,
    game_mode_code VARCHAR NOT NULL,
    map_name VARCHAR NOT NULL,
    server_region_code VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    host_player_id INTEGER REFERENCES player_account (player_id)
);
CREATE TABLE match_participation (
    match_id INTEGER NOT NULL REFERENCES game_match (match_id),
    player_id INTEGER NOT NULL REFERENCES player_account (player_id),
    team_number INTEGER NOT NULL,
    final_score INTEGER NOT NULL,
    kill_count INTEGER NOT NULL,
    death_count INTEGER NOT NULL,
    did_win INTEGER NOT NULL,
    left_before_end INTEGER NOT NULL,
    PRIMARY KEY (match_id, player_id)
);
CREATE TABLE store_purchase (
    purchase_id INTEGER PRIMARY KEY,
    buyer_player_id INTEGER NOT NULL REFERENCES player_account (player_id),
    gift_recipient_player_id INTEGER REFERENCES player_account (player_id),
    item_category_code VARCHAR NOT NULL,
    item_name VARCHAR NOT NULL,
    purchase_amount_usd DECIMAL(8, 2) NOT NULL,
    purchased_at TIMESTAMP NOT NULL,
    was_refunded INTEGER NOT NULL,
    refund_date DATE
);
CREATE TABLE friend_link (
    requester_player_id INTEGER NOT NULL REFERENCES player_account (player_id),
    addressee_player_id INTEGER NOT NULL REFERENCES player_account (player_id),
    requested_at TIMESTAMP NOT NULL,
    link_status_code VARCHAR NOT NULL,
    accepted_date DATE,
    PRIMARY KEY (requester_player_id, addressee_player_id)
);
CREATE TABLE player_ban (
    ban_id INTEGER PRIMARY KEY,
    banned_player_id INTEGER NOT NULL REFERENCES player_account (player_id),
    issued_by_player_id INTEGER NOT NULL REFERENCES player_account (player_id),
    ban_reason_code VARCHAR NOT NULL,
    ban_start_at TIMESTAMP NOT NULL,
    ban_end_at TIMESTAMP,
    was_overturned_on_appeal INTEGER NOT NULL
);
COMMENT ON COLUMN game_match.game_mode_code IS
    'RNK = ranked, CAS = casual, TRN = tournament, CUS = custom lobby (hosted by a player)';
COMMENT ON COLUMN game_match.ended_at IS
    'NULL = match abandoned, never finished (no winner)';
COMMENT ON COLUMN game_match.host_player_id IS
    'Player who set up the custom lobby (CUS only); may or may not have played in it';
COMMENT ON COLUMN friend_link.link_status_code IS
    'P = pending, A = accepted (friends now), D = declined, R = removed after being accepted';
COMMENT ON COLUMN player_ban.ban_reason_code IS
    'CHT = cheating, TOX = toxic behaviour, AFK = leaving matches, EXP = bug exploit';
COMMENT ON COLUMN player_ban.ban_end_at IS
    'When the ban runs out; NULL = permanent';
COMMENT ON COLUMN store_purchase.was_refunded IS
    '1 = money returned to the buyer (see refund_date), 0 = not refunded';
"""

_DROP_ORDER = [
    "player_ban",
    "friend_link",
    "store_purchase",
    "match_participation",
    "game_match",
    "player_account",
]

_REGIONS = ["NA", "EU", "SA", "AS", "OC"]
_REGION_WEIGHT = [34, 36, 10, 14, 6]
_MAPS = ["Harbor", "Dunes", "Citadel", "Frostbite", "Overgrowth"]
_NEW_MAP = ("Skyforge", dt.date(2025, 6, 3))

_ADJ = ["Neon", "Grim", "Silent", "Rapid", "Crimson", "Frozen", "Lucky", "Rogue", "Static",
        "Hollow", "Iron", "Velvet", "Feral", "Cosmic", "Shadow", "Toxic", "Golden", "Atomic",
        "Savage", "Mellow", "Quantum", "Sneaky", "Brave", "Dusty"]  # fmt: skip
_NOUN = ["Falcon", "Otter", "Viper", "Raven", "Badger", "Lynx", "Comet", "Wraith", "Panda",
         "Mantis", "Coyote", "Phoenix", "Golem", "Jackal", "Kraken", "Yeti", "Pixel", "Nomad",
         "Hornet", "Walrus"]  # fmt: skip
_STAFF = [("Mod_Aurora", dt.date(2023, 10, 2), None),
          ("Mod_Bishop", dt.date(2023, 10, 2), None),
          ("Mod_Cassidy", dt.date(2023, 10, 16), dt.date(2024, 11, 29)),
          ("Mod_Dorian", dt.date(2024, 1, 8), None),
          ("Mod_Ember", dt.date(2024, 3, 4), None),
          ("Mod_Flint", dt.date(2025, 2, 10), None)]  # fmt: skip
# moderator that stopped handling bans at the end of 2024 (moved to another team)
_QUIET_MOD = "Mod_Dorian"

# category -> [(item, list price)]
_ITEMS = {
    "SKN": [("Ember Knight Skin", 12.99), ("Frost Warden Skin", 9.99),
            ("Neon Ronin Skin", 14.99), ("Desert Nomad Skin", 7.99)],
    "BPS": [("Battle Pass", 9.99), ("Battle Pass", 9.99), ("Battle Pass Premium", 24.99)],
    "CUR": [("500 Coins", 4.99), ("1200 Coins", 9.99), ("2600 Coins", 19.99),
            ("6500 Coins", 49.99)],
    "BST": [("XP Booster 1 day", 1.99), ("XP Booster 7 days", 5.99)],
    "EMT": [("Victory Dance Emote", 2.99), ("Taunt Emote", 1.99), ("Salute Emote", 1.99)],
}  # fmt: skip
_CAT_WEIGHT = {"CUR": 34, "SKN": 25, "BPS": 14, "BST": 16, "EMT": 11}


def _insert(con: Any, table: str, rows: list[tuple], chunk_size: int = 250) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), chunk_size):
        chunk = rows[start : start + chunk_size]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _open_on(p: dict, day: dt.date) -> bool:
    return p["signup"] <= day and (p["closed"] is None or day <= p["closed"])


def _at(day: dt.date, rng: random.Random, lo_h: int = 0, hi_h: int = 23) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(lo_h, hi_h), rng.randint(0, 59)))


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the game tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------------- players
    raw: list[dict] = []
    names: set[str] = set()
    for name, signup, closed in _STAFF:
        names.add(name)
        raw.append({"name": name, "region": "NA" if len(raw) % 2 else "EU", "signup": signup,
                    "closed": closed, "staff": 1, "premium": 0, "act": 0.0, "spend": 0.0,
                    "skill": 0.0, "pref": "any", "influence": 0.0})  # fmt: skip
    while len(raw) < 430:
        name = rng.choice(_ADJ) + rng.choice(_NOUN)
        if rng.random() < 0.45:
            name += str(rng.randint(1, 99))
        if name in names:
            continue
        names.add(name)
        if rng.random() < 0.22:
            signup = LAUNCH + dt.timedelta(days=rng.randint(0, 30))
        else:
            signup = LAUNCH + dt.timedelta(
                days=rng.randint(0, (dt.date(2025, 8, 16) - LAUNCH).days)
            )
        closed = None
        if rng.random() < 0.1 and (TODAY - signup).days > 40:
            closed = signup + dt.timedelta(days=rng.randint(20, (TODAY - signup).days))
        act = rng.lognormvariate(0, 0.8)
        if rng.random() < 0.07:
            act = 0.0  # created an account but never played
        spend = 0.0 if rng.random() < 0.38 else rng.lognormvariate(0, 0.9)
        r = rng.random()
        pref = "ranked" if r < 0.09 else "casual" if r < 0.17 else "any"
        raw.append({"name": name, "region": rng.choices(_REGIONS, _REGION_WEIGHT)[0],
                    "signup": signup, "closed": closed, "staff": 0,
                    "premium": int(closed is None and rng.random() < 0.23), "act": act,
                    "spend": spend, "skill": rng.gauss(0, 1), "pref": pref,
                    "influence": rng.choice([0.2, 0.5, 1.0, 1.0, 4.0])})  # fmt: skip
    raw.sort(key=lambda p: (p["signup"], p["staff"] == 0, p["name"]))
    players = raw
    for i, p in enumerate(players, start=1):
        p["id"] = i
        p["referrer"] = None
    gamers = [p for p in players if not p["staff"]]
    for p in gamers:
        if p["signup"] > LAUNCH + dt.timedelta(days=7) and rng.random() < 0.27:
            cands = [q for q in gamers if q["signup"] < p["signup"] and _open_on(q, p["signup"])]
            if cands:
                q = rng.choices(cands, [c["influence"] for c in cands])[0]
                p["referrer"] = q["id"]

    # ---------------------------------------------------------------------- bans
    rng = random.Random(seed * 1000 + 1)
    staff = [p for p in players if p["staff"]]
    bans: list[dict] = []
    perm_banned: set[int] = set()
    day = dt.date(2024, 1, 20)
    while day <= TODAY:
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2])):
            cands = [p for p in gamers if _open_on(p, day) and p["act"] > 0
                     and p["id"] not in perm_banned]  # fmt: skip
            victim = rng.choices(cands, [1.0 + (3.0 if p["skill"] > 1.3 else 0) for p in cands])[0]
            mods = [m for m in staff if _open_on(m, day)
                    and not (m["name"] == _QUIET_MOD and day.year >= 2025)]  # fmt: skip
            mod = rng.choice(mods)
            reason = rng.choices(["CHT", "TOX", "AFK", "EXP"], [24, 40, 26, 10])[0]
            start = _at(day, rng)
            days = {
                "CHT": rng.choice([30, None]),
                "TOX": rng.choice([1, 3, 7, 7, 30]),
                "AFK": rng.choice([1, 1, 3]),
                "EXP": rng.choice([7, 30, None]),
            }[reason]
            end = None if days is None else start + dt.timedelta(days=days)
            overturned = int(rng.random() < (0.2 if reason == "CHT" else 0.07))
            if end is None and not overturned:
                perm_banned.add(victim["id"])
            bans.append({"victim": victim["id"], "mod": mod["id"], "reason": reason,
                         "start": start, "end": end, "over": overturned})  # fmt: skip
        day += dt.timedelta(days=3)
    blocked: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
    for b in bans:
        if not b["over"]:
            blocked.setdefault(b["victim"], []).append((b["start"], b["end"] or _NOW))

    def can_play(p: dict, when: dt.datetime) -> bool:
        return not any(s <= when < e for s, e in blocked.get(p["id"], []))

    # -------------------------------------------------------------- friend links
    rng = random.Random(seed * 1000 + 2)
    links: dict[tuple[int, int], dict] = {}
    pairs: set[tuple[int, int]] = set()
    while len(links) < 900:
        a = rng.choices(gamers, [0.3 + p["act"] for p in gamers])[0]
        same = [p for p in gamers if p["region"] == a["region"] and p is not a]
        b = rng.choice(same) if rng.random() < 0.8 else rng.choice(gamers)
        if b is a or (min(a["id"], b["id"]), max(a["id"], b["id"])) in pairs:
            continue
        lo = max(a["signup"], b["signup"])
        hi = min(TODAY, a["closed"] or TODAY, b["closed"] or TODAY)
        if hi < lo:
            continue
        req = _at(lo + dt.timedelta(days=rng.randint(0, (hi - lo).days)), rng)
        s = rng.random()
        status = "A" if s < 0.62 else "P" if s < 0.76 else "D" if s < 0.89 else "R"
        acc = None
        if status in ("A", "R"):
            acc = req.date() + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 9]))
            if acc > TODAY:
                acc, status = None, "P"
            elif status == "R" and (TODAY - acc).days < 3:
                status = "A"
        pairs.add((min(a["id"], b["id"]), max(a["id"], b["id"])))
        links[(a["id"], b["id"])] = {"req": req, "status": status, "acc": acc}
    friends: dict[int, list[tuple[int, dt.date]]] = {}
    for (x, y), v in links.items():
        if v["acc"] is not None:
            friends.setdefault(x, []).append((y, v["acc"]))
            friends.setdefault(y, []).append((x, v["acc"]))

    # ------------------------------------------------------------------- matches
    rng = random.Random(seed * 1000 + 3)
    matches: list[tuple] = []
    parts: list[tuple] = []
    ranked_players: set[int] = set()
    day = FIRST_DAY
    while day <= TODAY:
        n = rng.choice([0, 1, 1, 1, 2]) if day.year == 2024 else rng.choice([1, 1, 1, 2, 2, 2])
        for _ in range(n):
            mode = rng.choices(["RNK", "CAS", "TRN", "CUS"], [44, 34, 8, 14])[0]
            maps = list(_MAPS) + ([_NEW_MAP[0]] * 2 if day >= _NEW_MAP[1] else [])
            mapname = rng.choice(maps)
            region = rng.choices(_REGIONS, [34, 38, 9, 14, 5])[0]
            start = _at(day, rng)
            per_team = {"RNK": 3, "CAS": rng.randint(2, 4), "TRN": 4, "CUS": rng.randint(1, 4)}
            pool = [p for p in gamers if p["act"] > 0 and _open_on(p, day) and can_play(p, start)]
            if mode == "RNK":
                pool = [p for p in pool if p["pref"] != "casual"]
            else:
                pool = [p for p in pool if p["pref"] != "ranked"]
            size = 2 * per_team[mode]
            if len(pool) < size + 1:
                continue
            weights = [p["act"] * (3.0 if p["region"] == region else 0.35) for p in pool]
            chosen: list[dict] = []
            while len(chosen) < size:
                p = rng.choices(pool, weights)[0]
                if p not in chosen:
                    chosen.append(p)
            host = None
            if mode == "CUS":
                if rng.random() < 0.85:
                    host = chosen[0]["id"]
                else:
                    others = [p for p in pool if p not in chosen]
                    host = rng.choice(others)["id"]
            length = rng.randint(25, 48) if mode == "TRN" else rng.randint(9, 36)
            end = start + dt.timedelta(minutes=length, seconds=rng.randint(0, 59))
            abandoned = rng.random() < 0.045
            if day == TODAY and end > _NOW:
                end = _NOW - dt.timedelta(minutes=1)
            mid = len(matches) + 1
            matches.append((mid, mode, mapname, region, start, None if abandoned else end, host))
            team1, team2 = chosen[: per_team[mode]], chosen[per_team[mode] :]
            edge = sum(p["skill"] for p in team1) - sum(p["skill"] for p in team2)
            winner = 1 if edge + rng.gauss(0, 1.5) > 0 else 2
            for team_no, team in ((1, team1), (2, team2)):
                for p in team:
                    if mode == "RNK":
                        ranked_players.add(p["id"])
                    kills = max(0, int(rng.gauss(6 + 2.5 * p["skill"], 3)))
                    deaths = max(0, int(rng.gauss(6 - 1.5 * p["skill"], 2.5)))
                    won = int(not abandoned and team_no == winner)
                    left = int(rng.random() < (0.045 if p["pref"] != "casual" else 0.02))
                    if left:
                        kills, deaths = kills // 2, deaths // 2
                    score = kills * 100 + rng.randint(0, 12) * 25 + (150 if won else 0)
                    parts.append((mid, p["id"], team_no, score, kills, deaths, won, left))
        day += dt.timedelta(days=1)

    # ----------------------------------------------------------------- purchases
    rng = random.Random(seed * 1000 + 4)
    purchases: list[tuple] = []
    day = FIRST_DAY
    while day <= TODAY:
        buyers = [p for p in gamers if p["spend"] > 0 and _open_on(p, day)]
        for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 4])):
            p = rng.choices(buyers, [b["spend"] for b in buyers])[0]
            cat = rng.choices(list(_CAT_WEIGHT), list(_CAT_WEIGHT.values()))[0]
            item, price = rng.choice(_ITEMS[cat])
            if rng.random() < 0.15:
                price = round(price * 0.8, 2)  # sale
            recipient = None
            if cat in ("SKN", "EMT", "BPS") and rng.random() < 0.12:
                pals = [q for q, acc in friends.get(p["id"], [])
                        if acc <= day and _open_on(players[q - 1], day)]  # fmt: skip
                if pals:
                    recipient = rng.choice(pals)
            when = _at(day, rng)
            refunded = int(rng.random() < 0.055)
            rdate = None
            if refunded:
                rdate = min(TODAY, day + dt.timedelta(days=rng.randint(0, 25)))
            purchases.append((p["id"], recipient, cat, item, price, when, refunded, rdate))
        day += dt.timedelta(days=1)
    # a few one-off buyers who asked for their money back
    late = [p for p in gamers if p["spend"] == 0 and p["act"] > 0 and p["closed"] is None]
    for p in rng.sample(late, 4):
        item, price = rng.choice(_ITEMS["SKN"])
        day = max(p["signup"], FIRST_DAY) + dt.timedelta(days=rng.randint(1, 20))
        if day > TODAY - dt.timedelta(days=3):
            continue
        when = _at(day, rng)
        rdate = day + dt.timedelta(days=rng.randint(0, 2))
        purchases.append((p["id"], None, "SKN", item, price, when, 1, rdate))
    purchases.sort(key=lambda r: (r[5], r[0]))

    # -------------------------------------------------------------------- insert
    rows = []
    for p in players:
        rating = None
        if p["id"] in ranked_players:
            rating = round(1500 + 380 * p["skill"] + rng.gauss(0, 70))
            rating = max(600, min(2800, rating))
        rows.append((p["id"], p["name"], p["region"], p["signup"], p["referrer"],
                     p["premium"], p["staff"], rating, p["closed"]))  # fmt: skip
    # one row per statement: a referrer must exist before the row that points to it
    _insert(con, "player_account", rows, chunk_size=1)
    _insert(con, "game_match", matches)
    _insert(con, "match_participation", parts)
    _insert(con, "store_purchase", [(i, *r) for i, r in enumerate(purchases, start=1)])
    link_rows = [(x, y, v["req"], v["status"], v["acc"]) for (x, y), v in links.items()]
    link_rows.sort(key=lambda r: (r[2], r[0], r[1]))
    _insert(con, "friend_link", link_rows)
    bans.sort(key=lambda b: (b["start"], b["victim"]))
    _insert(con, "player_ban", [(i, b["victim"], b["mod"], b["reason"], b["start"], b["end"],
                                 b["over"]) for i, b in enumerate(bans, start=1)])  # fmt: skip

"""Amateur football (soccer) league: a small synthetic database for planner evaluation.

The data covers one county amateur league over three seasons: 2022/23, 2023/24 and 2024/25.
A season runs from 1 July to 30 June; league matches are played from mid-August to late May
(most on Saturdays, some on Friday evenings or Sundays, replays midweek or on a Sunday), and
on the first and the last matchday of every season all six matches kick off at 15:00 on the
Saturday. Registrations for a season are dated from 1 July onwards. The first match kicks off
on Saturday 13 August 2022 (2022-08-13) and the last day of the data is Saturday 24 May 2025
(2025-05-24), the final matchday of 2024/25; nothing in the database is dated later. All money
is in euros; all timestamps are local time without a time zone.

Each season has 12 clubs playing a double round robin (every club hosts every other club
once), i.e. 22 matchdays and 132 completed matches per season. Old Quarry FC was relegated
after 2022/23 and Fenwick Colliery was promoted in its place, so 13 clubs appear in total.

Tables
------

venues -- the grounds matches are played at.
    venue_id      INTEGER primary key.
    venue_name    name of the ground, e.g. 'Ashford Road'.
    town          town the ground is in.
    capacity      maximum number of spectators allowed (people).
    surface       'grass' or 'artificial' (a 3G artificial pitch).
    floodlit      TRUE if the ground has floodlights (needed for evening kick-offs).
    opened_year   year the ground opened; NULL when not known.
    The newest venue, 'Riverside 3G', has never hosted a league match.

clubs -- the member clubs.
    club_id        INTEGER primary key.
    club           the club's name, e.g. 'Ashford Town'.
    short_code     three-letter abbreviation used on fixture lists, e.g. 'ASH'.
    nickname       supporters' nickname for the club; NULL when the club has none.
    founded        year the club was founded.
    home_venue_id  the club's usual home ground (references venues); NULL for a club without
                   a ground of its own, which hires whichever ground is free. Two pairs of
                   clubs share a ground, and a club occasionally plays a home match away
                   from its usual ground.

players -- every player the league office has a record for.
    player_id   INTEGER primary key.
    first_name  given name.
    surname     family name.
    nickname    the name the player is known by on the pitch; NULL for most players.
    dob         date of birth (DATE).
    nat         nationality as a three-letter FIFA code, e.g. 'ENG', 'IRL', 'POL'; NULL when
                the player has not declared one.
    pos         usual position: 'GK' goalkeeper, 'DF' defender, 'MF' midfielder,
                'FW' forward.
    height_cm   height in centimetres; NULL when not measured.
    A handful of players have a record but were never registered with any club.

referees -- match officials.
    referee_id      INTEGER primary key.
    full_name       the referee's full name.
    grade           referee grade: 'A' (most senior), 'B' or 'C'.
    licensed_since  date the referee qualified (DATE).
    is_active       FALSE for a referee who has retired; TRUE otherwise.
    One referee qualified in March 2025 and has not yet officiated a league match.

registrations -- a player's registration with a club for one season; this is also how
    transfers are recorded. A player has one row per club per season; a player who changed
    club during a season (the January window) has two rows in that season.
    registration_id  INTEGER primary key.
    player_id        the player (references players).
    club_id          the club (references clubs).
    season           the season label: '2022/23', '2023/24' or '2024/25'.
    registered_on    first day the player was eligible to play for the club (DATE).
    released_on      day the registration ended; the player is no longer eligible for the
                     club from that day on. NULL when the registration ran to the end of the
                     season. When a player moves club in January the old registration's
                     released_on equals the new registration's registered_on.
    shirt_no         squad number; NULL when the club did not report one.
    fee_eur          transfer fee in euros paid by this club to the player's previous league
                     club. NULL when the registration is not a transfer (the player stayed at
                     the same club, or came from outside the league); 0.00 for a transfer
                     between league clubs with no fee.
    is_loan          TRUE when the player is on loan to this club from another league club.

matches -- one row per scheduled fixture. A postponed or abandoned fixture keeps its row and
    the fixture is replayed later as a new row with the same season and matchday, usually
    midweek.
    match_id      INTEGER primary key, in kick-off order.
    season        season label, as in registrations.
    matchday      round number within the season, 1 to 22.
    kickoff_at    scheduled kick-off date and time (TIMESTAMP, local time).
    home_club_id  the host club (references clubs).
    away_club_id  the visiting club (references clubs).
    venue_id      the ground (references venues).
    referee_id    the referee (references referees); NULL when the league has no record of
                  who refereed.
    status        'played', 'postponed' (called off before kick-off, no events) or
                  'abandoned' (stopped during play; goals and cards from before the stoppage
                  are kept in goals and cards, but there is no final score).
    home_goals    goals scored by the home club; NULL unless status = 'played'.
    away_goals    goals scored by the away club; NULL unless status = 'played'.
    att           attendance (number of spectators); NULL when not counted, and always NULL
                  for postponed fixtures.
    League points: a win is worth 3 points, a draw 1, a defeat 0.

goals -- one row per goal in played or abandoned matches. For played matches the goals of
    each club add up to the match score.
    goal_id           INTEGER primary key.
    match_id          the match (references matches).
    player_id         the player who put the ball in the net (references players); for an
                      own goal this is a player of the conceding club.
    club_id           the club the goal counts for (references clubs); for an own goal this
                      is the opponent of the player's club.
    minute            minute of the match in which the goal was scored, 1-based; first-half
                      stoppage time is recorded as 45 and second-half stoppage time as 90 plus
                      the added minute (e.g. 93).
    penalty           TRUE if scored from a penalty kick.
    own_goal          TRUE if it was an own goal.
    assist_player_id  the team-mate who provided the assist (references players); NULL when
                      there was no assist or none was recorded (always NULL for penalties and
                      own goals).

cards -- one row per disciplinary card shown.
    card_id    INTEGER primary key.
    match_id   the match (references matches).
    player_id  the player shown the card (references players).
    club_id    the player's club in that match (references clubs).
    minute     minute of the match, same convention as goals.minute.
    colour     'Y' for a yellow card (caution), 'R' for a red card (sending off).
    reason     the referee's reason, e.g. 'foul', 'dissent', 'time wasting'; NULL when the
               report gave none. A red card shown for a second caution has reason
               'second caution' and is not preceded by a separate second yellow row.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

SEASONS = [("2022/23", 2022), ("2023/24", 2023), ("2024/25", 2024)]
LAST_DAY = dt.date(2025, 5, 24)

VENUES = [
    # venue_id, venue_name, town, capacity, surface, floodlit, opened_year
    (1, "Ashford Road", "Ashford", 1200, "grass", True, 1921),
    (2, "Millbrook Park", "Millbrook", 600, "grass", False, 1954),
    (3, "The Dell", "Kingsmead", 900, "grass", True, 1932),
    (4, "Vale Recreation Ground", "Harrow Vale", 450, "grass", False, None),
    (5, "Quarry Lane", "Old Quarry", 350, "grass", False, 1968),
    (6, "Brook Lane", "Brookfield", 800, "artificial", True, 2011),
    (7, "Eastfield Sports Centre", "Eastfield", 1500, "artificial", True, 2004),
    (8, "Westgate Park", "Westgate", 700, "grass", True, 1947),
    (9, "Northcote Common", "Northcote", 300, "grass", False, None),
    (10, "Colliery Welfare Ground", "Fenwick", 1000, "grass", True, 1926),
    (11, "Riverside 3G", "Millbrook", 500, "artificial", True, 2025),
]
UNUSED_VENUE = 11

CLUBS = [
    # club_id, club, short_code, nickname, founded, home_venue_id
    (1, "Ashford Town", "ASH", "The Millers", 1919, 1),
    (2, "Millbrook Rovers", "MIL", None, 1952, 2),
    (3, "Kingsmead United", "KMU", "The Kings", 1930, 3),
    (4, "Harrow Vale", "HAR", None, 1976, 4),
    (5, "St Kilda Athletic", "SKA", "The Saints", 1988, 3),
    (6, "Brook Lane Wanderers", "BLW", "Wanderers", 2009, 6),
    (7, "Eastfield Albion", "EAL", "The Albion", 1961, 7),
    (8, "Westgate Celtic", "WGC", "The Bhoys", 1945, 8),
    (9, "Northcote Rangers", "NCR", None, 1999, 9),
    (10, "Park Royal Dynamos", "PRD", "Dynamo", 2014, None),
    (11, "Sandy Hill", "SAN", None, 1983, 2),
    (12, "Old Quarry FC", "OQF", "The Quarrymen", 1966, 5),
    (13, "Fenwick Colliery", "FEN", "The Pitmen", 1924, 10),
]
RELEGATED_CLUB = 12
PROMOTED_CLUB = 13

REFEREES = [
    # referee_id, full_name, grade, licensed_since, is_active
    (1, "Martin Hale", "A", dt.date(2004, 5, 1), True),
    (2, "Sarah Okafor", "A", dt.date(2009, 9, 15), True),
    (3, "Derek Pryce", "B", dt.date(1998, 3, 20), True),
    (4, "Tomasz Nowicki", "B", dt.date(2012, 7, 1), True),
    (5, "Gareth Lloyd", "B", dt.date(2015, 6, 10), True),
    (6, "Aisha Bello", "C", dt.date(2019, 8, 1), True),
    (7, "Colin Marsh", "C", dt.date(2017, 4, 2), True),
    (8, "Rui Fonseca", "B", dt.date(2011, 1, 12), True),
    (9, "Paul Whitcombe", "A", dt.date(1995, 8, 30), False),
    (10, "Hannah Reid", "C", dt.date(2021, 5, 5), True),
    (11, "Ian Cartwright", "C", dt.date(2020, 10, 1), True),
    (12, "Kemi Adeyemi", "C", dt.date(2024, 7, 15), True),
    (13, "Leo Brennan", "C", dt.date(2025, 3, 1), True),
]
RETIRED_REFEREE = 9
RETIRED_AFTER = dt.date(2024, 6, 30)
UNUSED_REFEREE = 13

FIRST_NAMES = [
    "James", "Jack", "Tom", "Daniel", "Ryan", "Luke", "Sam", "Josh", "Adam", "Ben", "Callum",
    "Connor", "Dan", "Jordan", "Kieran", "Lewis", "Liam", "Matt", "Nathan", "Owen", "Reece",
    "Scott", "Alex", "Chris", "Harry", "Joe", "Kyle", "Lee", "Mark", "Mo", "Jamal", "Kwame",
    "Piotr", "Kacper", "Tiago", "Diego", "Andrei", "Marius", "Sean", "Ciaran", "Rhys",
    "Dylan", "Ellis", "Finn", "George", "Isaac", "Jake", "Louis", "Marcus", "Nico", "Olly",
]  # fmt: skip
SURNAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans",
    "Thomas", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes",
    "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Jackson", "Turner", "Hill",
    "Moore", "Cooper", "Ward", "Morris", "King", "Baker", "Price", "Bennett", "Gray",
    "Murphy", "Kelly", "O'Brien", "Byrne", "Kowalski", "Nowak", "Wisniewski", "Mensah",
    "Okoro", "Adeleke", "Silva", "Pereira", "Garcia", "Popescu", "Campbell", "Reid", "Shaw",
    "Fletcher", "Dixon", "Palmer", "Barker", "Holmes", "Lawson", "Knight", "Fox",
]  # fmt: skip
NICKNAMES = [
    "Tiny", "Smudge", "Chalky", "Lofty", "Spud", "Rocket", "Magic", "Tank", "Diesel", "Dodge",
    "Nobby", "Chopper", "Stretch", "Wolfie", "Jonno", "Robbo", "Gazza", "Shez",
]  # fmt: skip
NATS = [
    ("ENG", 62), ("IRL", 6), ("SCO", 5), ("WAL", 4), ("POL", 6), ("NGA", 3), ("GHA", 2),
    ("POR", 2), ("ESP", 1), ("ROU", 3), ("JAM", 2), ("FRA", 1), ("LTU", 1), ("BRA", 1),
]  # fmt: skip
CARD_REASONS_Y = [
    ("foul", 55), ("dissent", 18), ("unsporting behaviour", 10), ("time wasting", 7),
    ("delaying the restart", 4), ("entering the field without permission", 1),
]  # fmt: skip
CARD_REASONS_R = [
    ("second caution", 45), ("serious foul play", 25), ("violent conduct", 12),
    ("denying a goal-scoring opportunity", 12), ("offensive language", 6),
]  # fmt: skip

DDL = """
CREATE TABLE venues (
    venue_id INTEGER PRIMARY KEY,
    venue_name VARCHAR NOT NULL,
    town VARCHAR NOT NULL,
    capacity INTEGER NOT NULL,
    surface VARCHAR NOT NULL,
    floodlit BOOLEAN NOT NULL,
    opened_year INTEGER
);
CREATE TABLE clubs (
    club_id INTEGER PRIMARY KEY,
    club VARCHAR NOT NULL,
    short_code VARCHAR NOT NULL,
    nickname VARCHAR,
    founded INTEGER NOT NULL,
    home_venue_id INTEGER REFERENCES venues (venue_id)
);
CREATE TABLE players (
    player_id INTEGER PRIMARY KEY,
    first_name VARCHAR NOT NULL,
    surname VARCHAR NOT NULL,
    nickname VARCHAR,
    dob DATE NOT NULL,
    nat VARCHAR,
    pos VARCHAR NOT NULL,
    height_cm INTEGER
);
CREATE TABLE referees (
    referee_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL,
    grade VARCHAR NOT NULL,
    licensed_since DATE NOT NULL,
    is_active BOOLEAN NOT NULL
);
CREATE TABLE registrations (
    registration_id INTEGER PRIMARY KEY,
    player_id INTEGER NOT NULL REFERENCES players (player_id),
    club_id INTEGER NOT NULL REFERENCES clubs (club_id),
    season VARCHAR NOT NULL,
    registered_on DATE NOT NULL,
    released_on DATE,
    shirt_no INTEGER,
    fee_eur DECIMAL(8, 2),
    is_loan BOOLEAN NOT NULL
);
CREATE TABLE matches (
    match_id INTEGER PRIMARY KEY,
    season VARCHAR NOT NULL,
    matchday INTEGER NOT NULL,
    kickoff_at TIMESTAMP NOT NULL,
    home_club_id INTEGER NOT NULL REFERENCES clubs (club_id),
    away_club_id INTEGER NOT NULL REFERENCES clubs (club_id),
    venue_id INTEGER NOT NULL REFERENCES venues (venue_id),
    referee_id INTEGER REFERENCES referees (referee_id),
    status VARCHAR NOT NULL,
    home_goals INTEGER,
    away_goals INTEGER,
    att INTEGER
);
CREATE TABLE goals (
    goal_id INTEGER PRIMARY KEY,
    match_id INTEGER NOT NULL REFERENCES matches (match_id),
    player_id INTEGER NOT NULL REFERENCES players (player_id),
    club_id INTEGER NOT NULL REFERENCES clubs (club_id),
    minute INTEGER NOT NULL,
    penalty BOOLEAN NOT NULL,
    own_goal BOOLEAN NOT NULL,
    assist_player_id INTEGER REFERENCES players (player_id)
);
CREATE TABLE cards (
    card_id INTEGER PRIMARY KEY,
    match_id INTEGER NOT NULL REFERENCES matches (match_id),
    player_id INTEGER NOT NULL REFERENCES players (player_id),
    club_id INTEGER NOT NULL REFERENCES clubs (club_id),
    minute INTEGER NOT NULL,
    colour VARCHAR NOT NULL,
    reason VARCHAR
);
"""

COMMENTS = [
    ("matches.att", "Attendance (number of spectators). NULL when not counted"),
    (
        "goals.club_id",
        "Club the goal counts for. For an own goal, the opponent of the scorer's club",
    ),
    ("goals.minute", "Match minute, 1-based. Second-half stoppage time is stored as 90 + n"),
    (
        "registrations.fee_eur",
        "Transfer fee in EUR. NULL = not a transfer, 0 = free transfer between league clubs",
    ),
]

TABLES_CHILD_FIRST = [
    "cards",
    "goals",
    "matches",
    "registrations",
    "referees",
    "players",
    "clubs",
    "venues",
]


def _weighted(rng: random.Random, pairs: list[tuple[Any, float]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _matchday_dates(year: int) -> list[dt.date]:
    """22 Saturdays from mid-August to late May, skipping the Christmas break."""
    day = dt.date(year, 8, 13)
    while day.weekday() != 5:
        day += dt.timedelta(days=1)
    end = dt.date(year + 1, 5, 25)
    sats = []
    while day <= end:
        if not (dt.date(year, 12, 20) <= day <= dt.date(year + 1, 1, 5)):
            sats.append(day)
        day += dt.timedelta(days=7)
    n = len(sats)
    return [sats[round(i * (n - 1) / 21)] for i in range(22)]


def _round_robin(clubs: list[int]) -> list[list[tuple[int, int]]]:
    """Circle method: 11 rounds of (home, away), then the same rounds reversed."""
    teams = list(clubs)
    n = len(teams)
    rounds = []
    for r in range(n - 1):
        pairs = []
        for i in range(n // 2):
            a, b = teams[i], teams[n - 1 - i]
            pairs.append((a, b) if (r + i) % 2 == 0 else (b, a))
        rounds.append(pairs)
        teams = [teams[0], teams[-1], *teams[1:-1]]
    return rounds + [[(b, a) for a, b in rnd] for rnd in rounds]


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.players: list[tuple] = []
        self.player_pos: dict[int, str] = {}
        self.finish: dict[int, float] = {}
        self.create: dict[int, float] = {}
        self.temper: dict[int, float] = {}
        self.regs: list[dict[str, Any]] = []

    # ---- players -------------------------------------------------------------------
    def new_player(self, pos: str, when: dt.date, young: bool = False) -> int:
        rng = self.rng
        pid = len(self.players) + 1
        age = rng.randint(17, 24) if young else min(44, max(17, round(rng.gauss(26, 5.5))))
        dob = when - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        nat = None if rng.random() < 0.05 else _weighted(rng, NATS)
        nickname = rng.choice(NICKNAMES) if rng.random() < 0.1 else None
        height = None
        if rng.random() > 0.16:
            height = round(rng.gauss(184 if pos == "GK" else 178, 6.5))
        self.players.append(
            (pid, rng.choice(FIRST_NAMES), rng.choice(SURNAMES), nickname, dob, nat, pos, height)
        )
        self.player_pos[pid] = pos
        self.finish[pid] = rng.lognormvariate(0, 0.7)
        self.create[pid] = rng.lognormvariate(0, 0.6)
        self.temper[pid] = rng.lognormvariate(0, 0.6)
        return pid

    def add_reg(
        self,
        pid: int,
        club: int,
        season: str,
        on: dt.date,
        fee: float | None = None,
        loan: bool = False,
    ) -> dict[str, Any]:
        reg = {
            "player_id": pid,
            "club_id": club,
            "season": season,
            "registered_on": on,
            "released_on": None,
            "shirt_no": None,
            "fee_eur": fee,
            "is_loan": loan,
        }
        self.regs.append(reg)
        return reg

    def transfer_fee(self) -> float:
        r = self.rng.random()
        if r < 0.45:
            return 0.0
        return float(self.rng.choice([50, 75, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500]))

    def squads(self) -> None:
        rng = self.rng
        pos_mix = ["GK"] * 2 + ["DF"] * 7 + ["MF"] * 7 + ["FW"] * 5
        carry: dict[int, int] = {}  # player -> club at the end of the previous season
        for idx, (season, year) in enumerate(SEASONS):
            clubs = self.season_clubs(season)
            start = dt.date(year, 7, 1)
            first_md = _matchday_dates(year)[0]
            squad: dict[int, list[int]] = {c: [] for c in clubs}
            if idx > 0:
                for pid, club in carry.items():
                    r = rng.random()
                    if club in clubs and r < 0.72:
                        squad[club].append(pid)
                        self.add_reg(pid, club, season, _rand_date(rng, start, first_md))
                    elif r < (0.80 if club in clubs else 0.30):
                        dest = rng.choice([c for c in clubs if c != club])
                        squad[dest].append(pid)
                        on = _rand_date(rng, start, first_md)
                        self.add_reg(pid, dest, season, on, fee=self.transfer_fee())
            for club in clubs:
                target = rng.randint(19, 24)
                have = [self.player_pos[p] for p in squad[club]]
                need = list(pos_mix)
                for p in have:
                    if p in need:
                        need.remove(p)
                rng.shuffle(need)
                while len(squad[club]) < target:
                    pos = need.pop() if need else rng.choice(["DF", "MF", "FW"])
                    on = _rand_date(rng, start, first_md)
                    pid = self.new_player(pos, on, young=idx > 0 and rng.random() < 0.5)
                    squad[club].append(pid)
                    self.add_reg(pid, club, season, on)
            # late signings in the autumn
            for club in clubs:
                for _ in range(rng.choice([0, 0, 1, 1, 2])):
                    on = _rand_date(rng, dt.date(year, 9, 1), dt.date(year, 11, 30))
                    pid = self.new_player(rng.choice(["DF", "MF", "FW"]), on)
                    squad[club].append(pid)
                    self.add_reg(pid, club, season, on)
            # January window: moves between league clubs, and a few players released
            season_regs = [r for r in self.regs if r["season"] == season]
            movers = rng.sample(season_regs, rng.randint(7, 11))
            for reg in movers:
                if reg["released_on"] is not None or reg["registered_on"].month == 1:
                    continue
                on = _rand_date(rng, dt.date(year + 1, 1, 6), dt.date(year + 1, 1, 31))
                reg["released_on"] = on
                dest = rng.choice([c for c in clubs if c != reg["club_id"]])
                loan = rng.random() < 0.3
                fee = 0.0 if loan and rng.random() < 0.7 else self.transfer_fee()
                self.add_reg(reg["player_id"], dest, season, on, fee=fee, loan=loan)
            for reg in rng.sample(season_regs, rng.randint(3, 6)):
                if reg["released_on"] is None:
                    off = _rand_date(rng, dt.date(year, 10, 1), dt.date(year + 1, 3, 31))
                    reg["released_on"] = max(off, reg["registered_on"] + dt.timedelta(days=30))
            carry = {
                r["player_id"]: r["club_id"]
                for r in self.regs
                if r["season"] == season and r["released_on"] is None
            }
        # shirt numbers, unique within a club and season
        used: dict[tuple[int, str], set[int]] = {}
        for reg in self.regs:
            taken = used.setdefault((reg["club_id"], reg["season"]), set())
            if rng.random() < 0.05:
                continue
            pos = self.player_pos[reg["player_id"]]
            prefs = [1, 13, 21, 25] if pos == "GK" else list(range(2, 31))
            free = [n for n in prefs if n not in taken] or [
                n for n in range(2, 41) if n not in taken
            ]
            num = free[0] if pos == "GK" else rng.choice(free)
            taken.add(num)
            reg["shirt_no"] = num
        # a few people on file who were never registered
        for _ in range(5):
            self.new_player(rng.choice(["GK", "DF", "MF", "FW"]), dt.date(2025, 4, 1), young=True)

    @staticmethod
    def season_clubs(season: str) -> list[int]:
        ids = [c[0] for c in CLUBS]
        if season == "2022/23":
            return [c for c in ids if c != PROMOTED_CLUB]
        return [c for c in ids if c != RELEGATED_CLUB]

    def eligible(self, club: int, season: str, day: dt.date) -> list[int]:
        return [
            r["player_id"]
            for r in self.regs
            if r["club_id"] == club
            and r["season"] == season
            and r["registered_on"] <= day
            and (r["released_on"] is None or r["released_on"] > day)
        ]


def _generate(seed: int) -> dict[str, list[tuple]]:
    gen = _Gen(seed)
    rng = gen.rng
    gen.squads()
    venue_by_id = {v[0]: v for v in VENUES}
    home_venue = {c[0]: c[5] for c in CLUBS}
    strength = {c[0]: rng.gauss(0, 0.3) for c in CLUBS}
    pull = {c[0]: rng.lognormvariate(0, 0.4) for c in CLUBS}
    strict = {r[0]: rng.lognormvariate(0, 0.3) for r in REFEREES}
    hire_venues = [v[0] for v in VENUES if v[0] != UNUSED_VENUE]

    fixtures: list[dict[str, Any]] = []
    for season, year in SEASONS:
        clubs = gen.season_clubs(season)
        rng.shuffle(clubs)
        dates = _matchday_dates(year)
        for md, pairs in enumerate(_round_robin(clubs), start=1):
            day = dates[md - 1]
            for home, away in pairs:
                venue = home_venue[home]
                if venue is None:
                    venue = rng.choice([4, 6, 7, 9])
                elif rng.random() < 0.04:
                    venue = rng.choice([v for v in hire_venues if v != venue])
                floodlit = venue_by_id[venue][5]
                r = rng.random()
                if md in (1, 22):
                    kick = dt.datetime.combine(day, dt.time(15, 0))
                elif r < 0.12 and floodlit:
                    kick = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(19, 45))
                elif r < 0.27:
                    t = dt.time(11, 0) if rng.random() < 0.5 else dt.time(14, 0)
                    kick = dt.datetime.combine(day + dt.timedelta(days=1), t)
                else:
                    t = dt.time(14, 0) if day.month in (11, 12, 1, 2) else dt.time(15, 0)
                    kick = dt.datetime.combine(day, t)
                fixtures.append(
                    {
                        "season": season,
                        "matchday": md,
                        "kickoff_at": kick,
                        "home": home,
                        "away": away,
                        "venue": venue,
                    }
                )
                winter = day.month in (11, 12, 1, 2)
                p = rng.random()
                status = "played"
                if 1 < md <= 19 and p < (0.06 if winter else 0.01):
                    status = "postponed"
                elif 1 < md <= 19 and p > 0.992:
                    status = "abandoned"
                fixtures[-1]["status"] = status
                if status != "played":
                    gap = rng.choice([11, 18, 25])
                    replay_day = day + dt.timedelta(days=gap)  # a Wednesday
                    if floodlit:
                        rkick = dt.datetime.combine(replay_day, dt.time(19, 30))
                    else:
                        rkick = dt.datetime.combine(replay_day + dt.timedelta(days=4), dt.time(11))
                    fixtures.append(
                        {
                            "season": season,
                            "matchday": md,
                            "kickoff_at": rkick,
                            "home": home,
                            "away": away,
                            "venue": venue,
                            "status": "played",
                        }
                    )
    fixtures.sort(key=lambda f: (f["kickoff_at"], f["home"]))

    matches: list[tuple] = []
    goals: list[tuple] = []
    cards: list[tuple] = []
    for match_id, fx in enumerate(fixtures, start=1):
        day = fx["kickoff_at"].date()
        season, home, away, status = fx["season"], fx["home"], fx["away"], fx["status"]
        refs = [
            r[0]
            for r in REFEREES
            if r[3] < day - dt.timedelta(days=30)
            and r[0] != UNUSED_REFEREE
            and not (r[0] == RETIRED_REFEREE and day > RETIRED_AFTER)
        ]
        ref = None if rng.random() < 0.04 else rng.choice(refs)
        cap = venue_by_id[fx["venue"]][3]
        att = None
        if status != "postponed" and rng.random() > 0.12:
            base = 60 + 90 * pull[home] + 40 * pull[away]
            if fx["matchday"] >= 20:
                base *= 1.3
            if fx["kickoff_at"].weekday() == 2:
                base *= 0.7
            att = max(12, min(cap, round(rng.gauss(base, base * 0.25))))
        hg = ag = None
        stop_at = 96
        if status == "played":
            diff = strength[home] - strength[away]
            hg = _poisson(rng, 1.55 * math.exp(diff))
            ag = _poisson(rng, 1.2 * math.exp(-diff))
            counts = {home: hg, away: ag}
        elif status == "abandoned":
            stop_at = rng.randint(25, 80)
            counts = {home: _poisson(rng, 0.8), away: _poisson(rng, 0.6)}
        else:
            counts = {}
        matches.append(
            (
                match_id,
                season,
                fx["matchday"],
                fx["kickoff_at"],
                home,
                away,
                fx["venue"],
                ref,
                status,
                hg,
                ag,
                att,
            )
        )
        if status == "postponed":
            continue
        squads = {c: gen.eligible(c, season, day) for c in (home, away)}

        def minute(limit: int) -> int:
            m = rng.randint(1, 94)
            if m > 90:
                m = 90 + rng.randint(1, 6)
            return min(m, limit)

        for club, n in counts.items():
            other = away if club == home else home
            for _ in range(n):
                m = minute(stop_at)
                if rng.random() < 0.04:
                    w = {"GK": 1.0, "DF": 4.0, "MF": 2.0, "FW": 1.0}
                    opp = squads[other]
                    scorer = rng.choices(opp, [w[gen.player_pos[p]] for p in opp])[0]
                    goals.append((match_id, scorer, club, m, False, True, None))
                    continue
                w = {"GK": 0.02, "DF": 1.0, "MF": 3.0, "FW": 6.0}
                own = squads[club]
                scorer = rng.choices(own, [w[gen.player_pos[p]] * gen.finish[p] for p in own])[0]
                pen = rng.random() < 0.09
                assist = None
                if not pen and rng.random() < 0.62:
                    wa = {"GK": 0.1, "DF": 1.5, "MF": 4.0, "FW": 3.0}
                    mates = [p for p in own if p != scorer]
                    assist = rng.choices(
                        mates, [wa[gen.player_pos[p]] * gen.create[p] for p in mates]
                    )[0]
                goals.append((match_id, scorer, club, m, pen, False, assist))
        mult = strict[ref] if ref is not None else 1.0
        wc = {"GK": 0.3, "DF": 3.0, "MF": 2.5, "FW": 1.2}
        frac = stop_at / 96
        for _ in range(_poisson(rng, 3.1 * mult * frac)):
            club = rng.choice((home, away))
            sq = squads[club]
            who = rng.choices(sq, [wc[gen.player_pos[p]] * gen.temper[p] for p in sq])[0]
            reason = None if rng.random() < 0.08 else _weighted(rng, CARD_REASONS_Y)
            cards.append((match_id, who, club, minute(stop_at), "Y", reason))
        if rng.random() < 0.13 * mult * frac:
            club = rng.choice((home, away))
            sq = squads[club]
            who = rng.choices(sq, [wc[gen.player_pos[p]] * gen.temper[p] ** 2 for p in sq])[0]
            reason = None if rng.random() < 0.05 else _weighted(rng, CARD_REASONS_R)
            cards.append((match_id, who, club, max(20, minute(stop_at)), "R", reason))

    goals.sort(key=lambda g: (g[0], g[3]))
    cards.sort(key=lambda c: (c[0], c[4]))
    regs = sorted(gen.regs, key=lambda r: (r["season"], r["registered_on"], r["player_id"]))
    return {
        "venues": VENUES,
        "clubs": CLUBS,
        "players": gen.players,
        "referees": REFEREES,
        "registrations": [
            (
                i,
                r["player_id"],
                r["club_id"],
                r["season"],
                r["registered_on"],
                r["released_on"],
                r["shirt_no"],
                r["fee_eur"],
                r["is_loan"],
            )
            for i, r in enumerate(regs, start=1)
        ],
        "matches": matches,
        "goals": [(i, *g) for i, g in enumerate(goals, start=1)],
        "cards": [(i, *c) for i, c in enumerate(cards, start=1)],
    }


COLUMNS = {
    "venues": "venue_id, venue_name, town, capacity, surface, floodlit, opened_year",
    "clubs": "club_id, club, short_code, nickname, founded, home_venue_id",
    "players": "player_id, first_name, surname, nickname, dob, nat, pos, height_cm",
    "referees": "referee_id, full_name, grade, licensed_since, is_active",
    "registrations": (
        "registration_id, player_id, club_id, season, registered_on, released_on, shirt_no, "
        "fee_eur, is_loan"
    ),
    "matches": (
        "match_id, season, matchday, kickoff_at, home_club_id, away_club_id, venue_id, "
        "referee_id, status, home_goals, away_goals, att"
    ),
    "goals": "goal_id, match_id, player_id, club_id, minute, penalty, own_goal, assist_player_id",
    "cards": "card_id, match_id, player_id, club_id, minute, colour, reason",
}


def build(con: Any, seed: int = 1) -> None:
    """(Re)create the league tables in ``con`` (a DuckDB connection) with data from ``seed``."""
    data = _generate(seed)
    for table in TABLES_CHILD_FIRST:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    for stmt in DDL.split(";"):
        if stmt.strip():
            con.execute(stmt)
    for column, text in COMMENTS:
        quoted = text.replace("'", "''")
        con.execute(f"COMMENT ON COLUMN {column} IS '{quoted}'")
    for table in reversed(TABLES_CHILD_FIRST):
        cols = COLUMNS[table]
        marks = ", ".join("?" for _ in cols.split(","))
        rows = [list(r) for r in data[table]]
        con.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)

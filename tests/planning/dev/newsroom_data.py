"""Newsroom test database (DuckDB, ``main`` schema).

An online regional-and-national news site ("The Harbour Courier") keeps its editorial
records in six tables: the sections of the site, the people who write and edit for it, the
articles, every revision (edit) made to an article, daily page-view counts per article and
the corrections it has published.

**Today** is **2025-06-11** (a Wednesday), the last day of the data. For every question:
"this year" is 2025 (1 January up to and including today), "last year" is 2024, "this
month" is June 2025 up to today, "last month" is May 2025, "last quarter" is January-March
2025 (Q1 2025), "so far" / "to date" means up to and including today, and "the last 30
days" means 2025-05-13 to 2025-06-11 inclusive. Articles were filed from 2024-01-02
onwards; staff records and sections go further back. Nothing in the data is after today.

Timestamps (columns ending in ``_ts``) are local newsroom time (TIMESTAMP); plain dates
(columns ending in ``_on`` or ``_date``) are DATE. Coded columns hold lowercase words; their
meanings are listed below (a few are repeated in ``COMMENT ON COLUMN``, see ``_DDL``).

Vocabulary used by the desk:

* A piece is **published** / **went live** at its ``published_ts``. An article counts as
  published in a period when its ``published_ts`` falls in that period, *whatever its
  current status*: a piece that was later retracted was still published. **Currently live**
  (still up on the site) means ``article_status = 'published'``.
* The **writer** / **author** / **byline** of a piece is ``Article.author_id``; the
  **signing-off editor** (the editor who approved it for publication, or spiked it) is
  ``Article.editor_id``. The two are always different people.
* **Turnaround** is the time from filing to going live: ``published_ts - filed_ts``.
* A **post-publication edit** is a revision whose ``edit_ts`` is after the article's
  ``published_ts``.
* **Current staff** are people with ``left_on`` NULL. Freelancers are in ``Staff`` too
  (``contract_type = 'freelance'``).
* An article's views **to date** are the sum of ``PageViewDaily.views`` over all its days.

Tables
------

``Section`` -- one row per section (desk) of the site.

* ``section_id`` (INTEGER, primary key).
* ``section_name`` (VARCHAR, unique): 'Politics', 'Business', 'World', 'Sport', 'Culture',
  'Science', 'Opinion', 'Travel', 'Climate', 'Local'.
* ``url_slug`` (VARCHAR): path segment on the site, e.g. 'politics'.
* ``launched_on`` (DATE): day the section first appeared on the site. 'Climate' was
  launched on 2025-02-03; before that climate stories ran in 'Science'.
* ``closed_on`` (DATE): last day the section took new articles; NULL = still running. Only
  'Travel' is closed (2024-09-30); its old articles stay on the site.

``Staff`` -- one row per person who writes or edits for the site, current and former,
including freelancers.

* ``staff_id`` (INTEGER, primary key).
* ``full_name`` (VARCHAR, unique).
* ``email`` (VARCHAR, unique).
* ``job_title`` (VARCHAR): 'managing editor' (one person, signs off anything and does the
  legal reads), 'section editor' (runs one section and signs off its articles),
  'copy editor' (central copy desk, copy edits and fact checks for every section),
  'senior reporter', 'reporter', 'columnist' (writes opinion columns) or
  'data journalist'.
* ``contract_type`` (VARCHAR): 'staff' (employee) or 'freelance' (paid per piece).
* ``desk_section_id`` (INTEGER, foreign key to ``Section``): the section the person is
  attached to; NULL for the managing editor, the copy desk, the data journalist and all
  freelancers (who can write for any section). Writers on a desk normally write for that
  section, but not only.
* ``hired_on`` (DATE): first day (first commission for freelancers).
* ``left_on`` (DATE): last day; NULL = still with the paper.

``Article`` -- one row per article ever filed, whether or not it was published.

* ``article_id`` (INTEGER, primary key).
* ``headline`` (VARCHAR): current headline (headlines are not unique).
* ``section_id`` (INTEGER, foreign key to ``Section``).
* ``author_id`` (INTEGER, foreign key to ``Staff``): the writer (byline).
* ``editor_id`` (INTEGER, foreign key to ``Staff``): the signing-off editor; NULL while the
  article is still a draft (not yet assigned to an editor).
* ``article_type`` (VARCHAR): 'news', 'analysis', 'feature', 'interview', 'live blog'
  (a rolling page updated through the day) or 'opinion' (columns and editorials; only in
  the 'Opinion' section, and everything in 'Opinion' is of this type).
* ``article_status`` (VARCHAR): 'draft' (being written), 'in review' (filed, with its
  editor), 'published' (currently live), 'retracted' (was published, later taken down)
  or 'spiked' (killed by the editor; never published).
* ``paywall`` (VARCHAR): 'free' or 'subscribers only' (readable by paying subscribers only).
* ``word_count`` (INTEGER): length of the current text in words.
* ``filed_ts`` (TIMESTAMP): when the writer first filed the copy (created the article).
* ``published_ts`` (TIMESTAMP): when the article went live; NULL if it never has
  ('draft', 'in review', 'spiked'). Set for 'published' and 'retracted' articles.
* ``retracted_ts`` (TIMESTAMP): when a retracted article was taken down; NULL otherwise.

``Revision`` -- one row per saved edit of an article (the edit history). The writer's first
filing is not a revision.

* ``revision_id`` (INTEGER, primary key).
* ``article_id`` (INTEGER, foreign key to ``Article``).
* ``revision_no`` (INTEGER): 1, 2, 3, ... in time order within the article.
* ``edited_by_id`` (INTEGER, foreign key to ``Staff``): who made the edit (this can be the
  writer, the signing-off editor, a copy editor or anyone else).
* ``edit_ts`` (TIMESTAMP): when the edit was saved.
* ``edit_kind`` (VARCHAR): 'copy edit', 'fact check', 'rewrite', 'headline change',
  'legal read' (checked by the managing editor for legal risk), 'update' (new information
  added, typically by the writer) or 'correction' (the text change that goes with a
  published correction).
* ``words_changed`` (INTEGER): number of words added, removed or changed.

``PageViewDaily`` -- page views per article per day. One row per article and day on which
the article had at least one view (days without views have no row). Views are counted from
the day an article goes live until it is retracted (retracted articles get no views after
their ``retracted_ts`` day).

* ``article_id`` (INTEGER, foreign key to ``Article``).
* ``view_date`` (DATE): the day the views happened.
* ``views`` (INTEGER): page views that day.
* ``visitors`` (INTEGER): distinct visitors (browsers) that day; at most ``views``. A
  reader who comes back on another day is counted again, so visitors of different days
  must not be added up as "distinct readers".
* ``subscriber_views`` (INTEGER): the part of ``views`` made by logged-in paying
  subscribers (free articles get subscriber views too).

Primary key (``article_id``, ``view_date``).

``Correction`` -- one row per correction notice appended to a published article.

* ``correction_id`` (INTEGER, primary key).
* ``article_id`` (INTEGER, foreign key to ``Article``).
* ``issued_on`` (DATE): day the correction was published.
* ``severity`` (VARCHAR): 'minor' (typo-level, e.g. a misspelt name), 'major' (a material
  factual error) or 'legal' (issued on legal advice).
* ``error_kind`` (VARCHAR): 'wrong name', 'wrong figure', 'misquote', 'wrong date',
  'factual error' or 'missing context'.
* ``raised_by`` (VARCHAR): who pointed the error out: 'reader', 'story subject',
  'staff' or 'regulator'.
* ``approved_by_id`` (INTEGER, foreign key to ``Staff``): the editor who approved the
  correction notice (a section editor or the managing editor).
* ``note`` (VARCHAR): text of the notice.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 2)
TODAY = dt.date(2025, 6, 11)
_TODAY_END = dt.datetime(2025, 6, 11, 23, 0, 0)

_DDL = """
CREATE TABLE Section (
    section_id INTEGER PRIMARY KEY,
    section_name VARCHAR NOT NULL UNIQUE,
    url_slug VARCHAR NOT NULL,
    launched_on DATE NOT NULL,
    closed_on DATE
);
CREATE TABLE Staff (
    staff_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL UNIQUE,
    email VARCHAR NOT NULL UNIQUE,
    job_title VARCHAR NOT NULL,
    contract_type VARCHAR NOT NULL,
    desk_section_id INTEGER REFERENCES Section (section_id),
    hired_on DATE NOT NULL,
    left_on DATE
);
CREATE TABLE Article (
    article_id INTEGER PRIMARY KEY,
    headline VARCHAR NOT NULL,
    section_id INTEGER NOT NULL REFERENCES Section (section_id),
    author_id INTEGER NOT NULL REFERENCES Staff (staff_id),
    editor_id INTEGER REFERENCES Staff (staff_id),
    article_type VARCHAR NOT NULL,
    article_status VARCHAR NOT NULL,
    paywall VARCHAR NOT NULL,
    word_count INTEGER NOT NULL,
    filed_ts TIMESTAMP NOT NULL,
    published_ts TIMESTAMP,
    retracted_ts TIMESTAMP
);
CREATE TABLE Revision (
    revision_id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES Article (article_id),
    revision_no INTEGER NOT NULL,
    edited_by_id INTEGER NOT NULL REFERENCES Staff (staff_id),
    edit_ts TIMESTAMP NOT NULL,
    edit_kind VARCHAR NOT NULL,
    words_changed INTEGER NOT NULL
);
CREATE TABLE PageViewDaily (
    article_id INTEGER NOT NULL REFERENCES Article (article_id),
    view_date DATE NOT NULL,
    views INTEGER NOT NULL,
    visitors INTEGER NOT NULL,
    subscriber_views INTEGER NOT NULL,
    PRIMARY KEY (article_id, view_date)
);
CREATE TABLE Correction (
    correction_id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES Article (article_id),
    issued_on DATE NOT NULL,
    severity VARCHAR NOT NULL,
    error_kind VARCHAR NOT NULL,
    raised_by VARCHAR NOT NULL,
    approved_by_id INTEGER NOT NULL REFERENCES Staff (staff_id),
    note VARCHAR NOT NULL
);
COMMENT ON COLUMN Staff.contract_type IS
    'staff = employee, freelance = paid per piece (no desk)';
COMMENT ON COLUMN Article.editor_id IS
    'Signing-off editor (approved or spiked the piece); NULL while a draft';
COMMENT ON COLUMN Article.article_status IS
    'draft, in review, published (currently live), retracted (was live, taken down), spiked';
COMMENT ON COLUMN Article.paywall IS
    'free or subscribers only';
COMMENT ON COLUMN PageViewDaily.subscriber_views IS
    'Views by logged-in paying subscribers (part of views)';
COMMENT ON COLUMN Correction.severity IS
    'minor = typo-level, major = material factual error, legal = issued on legal advice';
"""

_DROP_ORDER = ["Correction", "PageViewDaily", "Revision", "Article", "Staff", "Section"]

# id, name, slug, launched, closed, popularity (relative views)
_SECTIONS = [
    (1, "Politics", "politics", dt.date(2009, 3, 2), None, 1.4),
    (2, "Business", "business", dt.date(2009, 3, 2), None, 0.9),
    (3, "World", "world", dt.date(2011, 6, 6), None, 1.1),
    (4, "Sport", "sport", dt.date(2009, 3, 2), None, 1.6),
    (5, "Culture", "culture", dt.date(2012, 9, 3), None, 0.8),
    (6, "Science", "science", dt.date(2014, 1, 13), None, 0.7),
    (7, "Opinion", "opinion", dt.date(2009, 3, 2), None, 0.9),
    (8, "Travel", "travel", dt.date(2016, 5, 2), dt.date(2024, 9, 30), 0.5),
    (9, "Climate", "climate", dt.date(2025, 2, 3), None, 0.8),
    (10, "Local", "local", dt.date(2018, 4, 9), None, 1.0),
]  # fmt: skip

# id, name, job title, contract, desk, hired, left, writing weight, sections written for
_STAFF = [
    (1, "Helen Marsh", "managing editor", "staff", None, dt.date(2012, 4, 2), None, 0, ()),
    (2, "Tom Hale", "section editor", "staff", 1, dt.date(2015, 1, 12), None, 0.25, (1,)),
    (3, "Priya Nair", "section editor", "staff", 2, dt.date(2017, 8, 7), None, 0.2, (2,)),
    (4, "Marcus Bell", "section editor", "staff", 3, dt.date(2014, 3, 3), None, 0.2, (3,)),
    (5, "Sinead Doyle", "section editor", "staff", 4, dt.date(2016, 7, 4), None, 0.3, (4,)),
    (6, "Ana Ferreira", "section editor", "staff", 5, dt.date(2019, 2, 4), None, 0.3, (5,)),
    (7, "Kenji Watanabe", "section editor", "staff", 6, dt.date(2018, 9, 3), None, 0.2, (6,)),
    (8, "Ruth Abernathy", "section editor", "staff", 7, dt.date(2013, 5, 6), None, 0.4, (7,)),
    (9, "Owen Pritchard", "section editor", "staff", 8, dt.date(2016, 4, 4),
     dt.date(2024, 10, 31), 0.3, (8,)),
    (10, "Leila Haddad", "section editor", "staff", 9, dt.date(2025, 1, 13), None, 0.3, (9,)),
    (11, "Gareth Rees", "section editor", "staff", 10, dt.date(2011, 10, 3), None, 0.2, (10,)),
    (12, "Fiona Clarke", "copy editor", "staff", None, dt.date(2016, 2, 1), None, 0, ()),
    (13, "Samuel Adeyemi", "copy editor", "staff", None, dt.date(2020, 6, 1), None, 0, ()),
    (14, "Beatriz Santos", "copy editor", "staff", None, dt.date(2019, 1, 7),
     dt.date(2024, 11, 29), 0, ()),
    (15, "Joe Whitfield", "copy editor", "staff", None, dt.date(2024, 12, 2), None, 0, ()),
    (16, "Daniel Okoro", "senior reporter", "staff", 1, dt.date(2017, 3, 6), None, 1.3, (1,)),
    (17, "Grace Liu", "reporter", "staff", 1, dt.date(2021, 9, 6), None, 1.1, (1, 10)),
    (18, "Hamish Fraser", "reporter", "staff", 1, dt.date(2022, 1, 10), None, 1.0, (1,)),
    (19, "Nadia Rahman", "senior reporter", "staff", 2, dt.date(2016, 11, 7), None, 1.1, (2,)),
    (20, "Lewis Carter", "reporter", "staff", 2, dt.date(2023, 2, 6), None, 0.9, (2, 10)),
    (21, "Ingrid Solberg", "senior reporter", "staff", 3, dt.date(2015, 5, 11), None, 1.0,
     (3,)),
    (22, "Yusuf Demir", "reporter", "staff", 3, dt.date(2022, 8, 1), None, 0.9, (3, 1)),
    (23, "Callum Murray", "senior reporter", "staff", 4, dt.date(2014, 8, 4), None, 1.2, (4,)),
    (24, "Jade Thompson", "reporter", "staff", 4, dt.date(2021, 3, 1), None, 1.1, (4,)),
    (25, "Ravi Menon", "reporter", "staff", 4, dt.date(2023, 9, 4), dt.date(2025, 3, 28),
     1.0, (4,)),
    (26, "Eleanor Voss", "senior reporter", "staff", 5, dt.date(2018, 1, 8), None, 0.9, (5,)),
    (27, "Theo Marchetti", "reporter", "staff", 5, dt.date(2022, 4, 4), None, 0.8, (5, 8)),
    (28, "Amara Obi", "senior reporter", "staff", 6, dt.date(2019, 10, 7), None, 0.9, (6,)),
    (29, "Felix Brandt", "reporter", "staff", 6, dt.date(2023, 1, 9), None, 0.7, (6,)),
    (30, "Margaret Quinn", "columnist", "staff", 7, dt.date(2010, 9, 6), None, 0.8, (7,)),
    (31, "Simon Achebe", "columnist", "staff", 7, dt.date(2020, 1, 6), None, 0.7, (7,)),
    (32, "Clare Dunmore", "columnist", "staff", 7, dt.date(2017, 4, 3), dt.date(2024, 6, 28),
     0.7, (7,)),
    (33, "Poppy Harrington", "reporter", "staff", 8, dt.date(2019, 6, 3), dt.date(2024, 9, 30),
     0.8, (8,)),
    (34, "Jonah Whitaker", "reporter", "staff", 9, dt.date(2025, 1, 20), None, 1.0, (9,)),
    (35, "Maya Lindqvist", "reporter", "staff", 9, dt.date(2025, 2, 3), None, 0.9, (9,)),
    (36, "Bethan Morgan", "senior reporter", "staff", 10, dt.date(2018, 6, 4), None, 1.0,
     (10,)),
    (37, "Kieran Walsh", "reporter", "staff", 10, dt.date(2022, 11, 7), None, 0.9, (10, 4)),
    (38, "Oscar Delgado", "reporter", "freelance", None, dt.date(2021, 5, 3), None, 0.5,
     (3, 8)),
    (39, "Hannah Kowalski", "reporter", "freelance", None, dt.date(2020, 3, 2), None, 0.5,
     (5,)),
    (40, "Idris Bello", "reporter", "freelance", None, dt.date(2023, 4, 3), None, 0.4, (4,)),
    (41, "Lucy Pembroke", "reporter", "freelance", None, dt.date(2022, 7, 4), None, 0.4,
     (6, 9)),
    (42, "Zoe Adair", "reporter", "staff", 1, dt.date(2025, 4, 7), None, 0.6, (1,)),
    (43, "Arun Pillai", "reporter", "staff", 2, dt.date(2025, 5, 19), None, 0, ()),
    (44, "Chen Wei", "data journalist", "staff", None, dt.date(2021, 1, 11), None, 0.3,
     (2, 6)),
]  # fmt: skip

_TYPE_WEIGHTS = {
    "news": 55,
    "analysis": 15,
    "feature": 13,
    "interview": 9,
    "live blog": 10,
}
# words (lo, hi), turnaround minutes (lo, hi), view days (lo, hi), view scale
_TYPE_SHAPE = {
    "news": ((350, 1100), (30, 480), (3, 10), 1.0),
    "analysis": ((900, 2200), (240, 2880), (5, 14), 0.8),
    "feature": ((1500, 4000), (600, 5760), (7, 24), 0.7),
    "interview": ((1000, 2500), (300, 2880), (4, 12), 0.7),
    "live blog": ((2000, 8000), (5, 45), (1, 3), 2.2),
    "opinion": ((700, 1300), (120, 1800), (4, 12), 0.8),
}
_PAYWALL_P = {
    "news": 0.15,
    "analysis": 0.7,
    "feature": 0.5,
    "interview": 0.4,
    "live blog": 0.0,
    "opinion": 1.0,
}

_TOPICS = {
    1: ["Council budget", "Ministers", "By-election", "Housing bill", "Party conference",
        "Select committee", "Voting reform", "Cabinet reshuffle"],
    2: ["Port traffic", "Interest rates", "Retail sales", "Shipyard jobs", "Energy prices",
        "Start-up funding", "Pension funds", "Tourism spending"],
    3: ["Ceasefire talks", "Trade deal", "Election abroad", "Flood relief", "Summit",
        "Border dispute", "Aid pledge"],
    4: ["Harbour FC", "Cup tie", "Transfer window", "Rowing regatta", "Cricket season",
        "Marathon", "Rugby derby", "Boxing night"],
    5: ["Festival line-up", "Gallery reopening", "Theatre review", "New album", "Book prize",
        "Film premiere"],
    6: ["Vaccine trial", "Telescope data", "Gene study", "AI model", "Ocean survey",
        "Battery research", "Heatwave study"],
    7: ["The council", "Our schools", "The housing crisis", "Free speech", "The NHS",
        "Public transport", "The high street"],
    8: ["Coastal walks", "City break", "Island hopping", "Rail journey", "Hidden beaches"],
    9: ["Sea levels", "Flood defences", "Wind farm", "Emissions target", "Heat pumps",
        "River pollution"],
    10: ["Bus routes", "Harbour bridge", "School places", "Library closures", "Market hall",
         "Road works", "Park plans"],
}  # fmt: skip
_VERBS = ["under fire", "set to change", "in focus", "explained", ": what we know",
          "faces delay", "wins backing", "sparks row", "hits record", "in doubt",
          "back on track", "under review"]  # fmt: skip
_OPINION_ENDS = ["deserves better", "needs a rethink", "is failing us", "is worth defending"]
_NOTE = {
    "wrong name": "An earlier version of this article misspelt a name.",
    "wrong figure": "An earlier version of this article gave an incorrect figure.",
    "misquote": "An earlier version of this article misquoted a speaker.",
    "wrong date": "An earlier version of this article gave the wrong date.",
    "factual error": "An earlier version of this article contained a factual error.",
    "missing context": "This article has been updated to add context.",
}


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _on(staff: tuple, day: dt.date) -> bool:
    """Is the staff member with the paper on ``day``?"""
    return staff[5] <= day and (staff[6] is None or day <= staff[6])


def _section_open(sid: int, day: dt.date) -> bool:
    sec = _SECTIONS[sid - 1]
    return sec[3] <= day and (sec[4] is None or day <= sec[4])


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the newsroom tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    _insert(con, "Section", [s[:5] for s in _SECTIONS])
    staff_rows = []
    for s in _STAFF:
        first, last = s[1].lower().split(" ")
        email = f"{first}.{last}@harbourcourier.co.uk"
        if s[3] == "freelance":
            email = f"{first}{last}.writes@mailbox.org"
        staff_rows.append((s[0], s[1], email, s[2], s[3], s[4], s[5], s[6]))
    _insert(con, "Staff", staff_rows)
    sec_editor = {s[4]: s for s in _STAFF if s[2] == "section editor"}
    copy_desk = [s for s in _STAFF if s[2] == "copy editor"]

    # ------------------------------------------------------------------ articles
    articles: list[dict] = []
    day = FIRST_DAY
    while day <= TODAY:
        n = rng.choice([1, 1, 2, 2]) if day.weekday() < 5 else rng.choice([0, 1])
        writers = [s for s in _STAFF if s[7] > 0 and _on(s, day)]
        for _ in range(n):
            w = rng.choices(writers, weights=[s[7] for s in writers])[0]
            options = [sid for sid in w[8] if _section_open(sid, day)]
            if not options:
                # e.g. the climate desk before the Climate section launched
                options = [6] if w[4] == 9 else []
            if not options:
                continue
            sid = rng.choice(options)
            if sid == 7:
                atype = "opinion"
            elif sid == 8:
                atype = rng.choice(["feature", "feature", "interview"])
            else:
                kinds = list(_TYPE_WEIGHTS)
                weights = [_TYPE_WEIGHTS[k] for k in kinds]
                if sid not in (1, 4, 3):
                    weights[kinds.index("live blog")] = 1
                atype = rng.choices(kinds, weights=weights)[0]
            words, turn, _vd, _vs = _TYPE_SHAPE[atype]
            filed = dt.datetime.combine(day, dt.time(rng.randint(7, 19), rng.randint(0, 59)))
            topic = rng.choice(_TOPICS[sid])
            verb = rng.choice(_VERBS)
            headline = f"{topic}{verb}" if verb.startswith(":") else f"{topic} {verb}"
            if atype == "live blog":
                headline = f"Live: {topic.lower()} - latest updates"
            elif atype == "opinion":
                headline = f"{topic} {rng.choice(_OPINION_ENDS)}"
            elif atype == "interview":
                headline = f"Interview: {topic.lower()} {verb.lstrip(': ')}"
            articles.append(
                {
                    "sid": sid,
                    "author": w[0],
                    "type": atype,
                    "filed": filed,
                    "words": rng.randint(*words),
                    "turn": rng.randint(*turn),
                    "headline": headline,
                    "paywall": "subscribers only" if rng.random() < _PAYWALL_P[atype] else "free",
                }
            )
        day += dt.timedelta(days=1)

    def pick_editor(sid: int, author: int, when: dt.date) -> int:
        ed = sec_editor.get(sid)
        if ed is None or not _on(ed, when) or ed[0] == author or rng.random() < 0.18:
            return 1
        return ed[0]

    for i, a in enumerate(articles, start=1):
        a["id"] = i
        filed = a["filed"]
        pub = filed + dt.timedelta(minutes=a["turn"])
        a["editor"] = None
        a["pub"] = None
        a["retracted"] = None
        age = (TODAY - filed.date()).days
        if age <= 6 and rng.random() < 0.45:
            a["status"] = "draft" if rng.random() < 0.5 else "in review"
        elif pub > _TODAY_END:
            a["status"] = "in review"
        elif rng.random() < 0.04:
            a["status"] = "spiked"
        else:
            a["status"] = "published"
            a["pub"] = pub
        if a["status"] != "draft":
            a["editor"] = pick_editor(a["sid"], a["author"], filed.date())
    # a handful of abandoned drafts from earlier in the year
    for a in rng.sample([a for a in articles if a["status"] == "published"
                         and dt.date(2025, 1, 1) <= a["filed"].date() < dt.date(2025, 5, 1)],
                        4):  # fmt: skip
        a["status"], a["pub"], a["editor"] = "draft", None, None

    # retractions: a few chosen to straddle periods (published in one year, pulled in the next)
    published = [a for a in articles if a["status"] == "published"]
    forced = [
        (dt.date(2024, 12, 9), dt.date(2024, 12, 20), 40),  # pulled in January 2025
        (dt.date(2025, 3, 3), dt.date(2025, 3, 14), 5),  # published and pulled in March
        (dt.date(2025, 3, 17), dt.date(2025, 3, 28), 30),  # pulled in April
        (dt.date(2024, 5, 6), dt.date(2024, 5, 17), 20),
        (dt.date(2024, 10, 7), dt.date(2024, 10, 18), 3),
        (dt.date(2025, 5, 12), dt.date(2025, 5, 23), 6),
    ]
    for lo, hi, lag in forced:
        cands = [a for a in published if lo <= a["pub"].date() <= hi and a["type"] != "opinion"]
        a = rng.choice(cands)
        a["status"] = "retracted"
        a["retracted"] = a["pub"] + dt.timedelta(days=lag, minutes=rng.randint(60, 600))
        published.remove(a)

    # one opinion column pulled as well
    cands = [a for a in published if a["type"] == "opinion" and a["pub"].year == 2024]
    a = rng.choice(cands)
    a["status"] = "retracted"
    a["retracted"] = a["pub"] + dt.timedelta(days=2, hours=3)

    _insert(
        con,
        "Article",
        [
            (a["id"], a["headline"], a["sid"], a["author"], a["editor"], a["type"],
             a["status"], a["paywall"], a["words"], a["filed"], a["pub"], a["retracted"])
            for a in articles
        ],
    )  # fmt: skip

    # ----------------------------------------------------------------- revisions
    rng = random.Random(seed * 1000 + 2)
    revisions: list[tuple] = []

    def copy_editor(when: dt.datetime) -> int:
        pool = [s for s in copy_desk if _on(s, when.date())]
        return rng.choice(pool)[0]

    corrections: list[tuple] = []
    for a in articles:
        edits: list[tuple[dt.datetime, int, str, int]] = []
        filed, pub = a["filed"], a["pub"]
        if a["status"] == "draft":
            if rng.random() < 0.5:
                when = filed + dt.timedelta(minutes=rng.randint(20, 600))
                edits.append((min(when, _TODAY_END), a["author"], "update", rng.randint(20, 300)))
        else:
            end = pub or min(filed + dt.timedelta(hours=rng.randint(2, 30)), _TODAY_END)
            span = max(int((end - filed).total_seconds() // 60), 4)
            kinds = ["copy edit"]
            if rng.random() < 0.35:
                kinds.append("fact check")
            if rng.random() < 0.3:
                kinds.append("rewrite")
            if rng.random() < 0.25:
                kinds.append("headline change")
            if a["sid"] in (1, 2, 10, 7) and rng.random() < 0.12:
                kinds.append("legal read")
            if a["type"] == "live blog":
                kinds = ["copy edit"]
            for k in kinds:
                when = filed + dt.timedelta(minutes=rng.randint(1, span - 1))
                if k in ("copy edit",):
                    who = copy_editor(when)
                elif k == "fact check":
                    who = 44 if rng.random() < 0.25 else copy_editor(when)
                elif k == "legal read":
                    who = 1
                else:
                    who = a["editor"]
                words = {"copy edit": (5, 120), "fact check": (0, 40), "rewrite": (150, 900),
                         "headline change": (3, 14), "legal read": (0, 80)}[k]  # fmt: skip
                edits.append((when, who, k, rng.randint(*words)))
        if pub is not None:
            stop = a["retracted"] or _TODAY_END
            if a["type"] == "live blog":
                for _ in range(rng.randint(4, 12)):
                    when = pub + dt.timedelta(minutes=rng.randint(10, 600))
                    if when < stop:
                        edits.append((when, a["author"], "update", rng.randint(40, 400)))
            elif rng.random() < 0.3:
                for _ in range(rng.randint(1, 2)):
                    when = pub + dt.timedelta(minutes=rng.randint(30, 60 * 24 * 10))
                    if when >= stop:
                        continue
                    k = rng.choices(["update", "headline change", "copy edit"], [5, 3, 2])[0]
                    if k == "update":
                        who = a["author"]
                    elif k == "headline change":
                        who = a["editor"] if rng.random() < 0.7 else 1
                    else:
                        who = copy_editor(when)
                    edits.append((when, who, k, rng.randint(3, 250)))
            # corrections
            n_corr = 0
            if a["status"] == "retracted":
                n_corr = 1
            elif a["type"] != "live blog":
                r = rng.random()
                n_corr = 2 if r < 0.02 else 1 if r < 0.11 else 0
            for c in range(n_corr):
                limit = (a["retracted"] or _TODAY_END).date()
                lag = rng.choice([0, 0, 1, 1, 2, 3, 5, 8, 13, 21, 34])
                issued = min(pub.date() + dt.timedelta(days=lag + c * 2), limit)
                if a["status"] == "retracted":
                    severity = rng.choice(["major", "legal"])
                    kind = "factual error"
                else:
                    severity = rng.choices(["minor", "major", "legal"], [62, 32, 6])[0]
                    kind = rng.choice(list(_NOTE))
                raised = rng.choices(["reader", "story subject", "staff", "regulator"],
                                     [45, 25, 25, 5])[0]  # fmt: skip
                approver = 1
                ed = sec_editor.get(a["sid"])
                if (severity != "legal" and ed is not None and _on(ed, issued)
                        and ed[0] != a["author"] and rng.random() < 0.8):  # fmt: skip
                    approver = ed[0]
                corrections.append((a["id"], issued, severity, kind, raised, approver,
                                    _NOTE[kind]))  # fmt: skip
                when = dt.datetime.combine(issued, dt.time(rng.randint(8, 18), rng.randint(0, 59)))
                when = max(when, pub + dt.timedelta(minutes=5))
                if a["retracted"] is not None:
                    when = min(when, a["retracted"] - dt.timedelta(minutes=5))
                edits.append((when, approver, "correction", rng.randint(2, 60)))
        edits.sort()
        for no, (when, who, kind, words) in enumerate(edits, start=1):
            revisions.append((a["id"], no, who, when, kind, words))
    _insert(con, "Revision", [(i, *r) for i, r in enumerate(revisions, start=1)])

    corrections.sort(key=lambda c: (c[1], c[0]))
    _insert(con, "Correction", [(i, *c) for i, c in enumerate(corrections, start=1)])

    # ---------------------------------------------------------------- page views
    rng = random.Random(seed * 1000 + 3)
    views: list[tuple] = []
    for a in articles:
        if a["pub"] is None:
            continue
        _w, _t, (d_lo, d_hi), scale = _TYPE_SHAPE[a["type"]]
        base = 900 * scale * _SECTIONS[a["sid"] - 1][5] * rng.lognormvariate(0, 0.6)
        last = (a["retracted"] or _TODAY_END).date()
        days = rng.randint(d_lo, d_hi)
        dates = [a["pub"].date() + dt.timedelta(days=k) for k in range(days)]
        if rng.random() < 0.08:  # evergreen pieces resurface now and then
            dates += [a["pub"].date() + dt.timedelta(days=rng.randint(days + 5, 200))
                      for _ in range(rng.randint(2, 6))]  # fmt: skip
        seen = set()
        for k, d in enumerate(dates):
            if d > last or d in seen:
                continue
            seen.add(d)
            decay = 0.55**k if k < days else 0.02
            v = int(base * decay * rng.uniform(0.7, 1.3))
            if k == 0 and a["pub"].hour >= 20:
                v = int(v * 0.3)
            if v < 1:
                continue
            visitors = max(1, int(v * rng.uniform(0.62, 0.9)))
            share = rng.uniform(0.7, 0.95) if a["paywall"] != "free" else rng.uniform(0.1, 0.3)
            views.append((a["id"], d, v, visitors, int(v * share)))
    views.sort(key=lambda r: (r[1], r[0]))
    _insert(con, "PageViewDaily", views)

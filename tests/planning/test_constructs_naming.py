"""Naming habits beyond snake_case, and words whose sense the catalog reverses.

- camelCase identifiers are split like snake_case ones (`examResult` is "exam result"), and
  typed as they are (`scorePct`);
- a code written in capitals is the code even where the word is a pronoun ("US courses");
- a flag's comment that says what it is not ('signed up but never attended') names it
  negated: "attended pupils" are the ones whose no_show is false;
- "courses that haven't attended a single pupil" asks that no pupil row has it, which a filter
  on the pupils joined would not answer: refused, never read as a filter.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.planning.probe import Database, open_schema, outcome, sorted_rows

from datamorph.planning.base import PlanningError
from datamorph.planning.lexicon import split_name

SCHOOL = """
CREATE TABLE courses (course_id INTEGER PRIMARY KEY, title VARCHAR, iso_ctry VARCHAR,
  online BOOLEAN);
CREATE TABLE pupils (pupil_id INTEGER PRIMARY KEY, course_id INTEGER REFERENCES courses,
  full_name VARCHAR, no_show BOOLEAN);
CREATE TABLE "examResult" ("examResultId" INTEGER PRIMARY KEY,
  "pupilId" INTEGER REFERENCES pupils, "scoredAt" TIMESTAMP, "scorePct" DOUBLE);
COMMENT ON COLUMN pupils.no_show IS 'True = signed up but never attended';
INSERT INTO courses SELECT i, 'course ' || i, ['US', 'IT', 'FR'][1 + i % 3], i % 2 = 0
  FROM range(1, 13) t(i);
INSERT INTO pupils SELECT i, 1 + i % 10, 'pupil ' || i, i % 7 = 0 FROM range(1, 121) t(i);
INSERT INTO "examResult" SELECT i, 1 + i % 120, TIMESTAMP '2025-01-01' + INTERVAL (i) HOUR,
  (i * 37) % 100 FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("school")), SCHOOL)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("examResultId", ("exam", "result", "id")),
        ("HTTPStatus", ("http", "status")),
        ("scoredAt", ("scored", "at")),
        ("order_date", ("order", "date")),
        ("ship-to", ("ship", "to")),
    ],
)
def test_identifiers_split_into_words(name: str, words: tuple[str, ...]) -> None:
    assert split_name(name) == words


@pytest.mark.parametrize(
    ("prompt", "sql"),
    [
        (
            "number of exam results per pupil",
            'SELECT p.pupil_id, p.full_name, count(*) FROM "examResult" e JOIN pupils p'
            ' ON e."pupilId" = p.pupil_id GROUP BY ALL',
        ),
        ("average scorePct of exam results", 'SELECT avg("scorePct") FROM "examResult"'),
        ("courses in the US - title", "SELECT course_id, title FROM courses WHERE iso_ctry = 'US'"),
        (
            "attended pupils per course",
            "SELECT c.course_id, c.title, count(*) FROM pupils p JOIN courses c USING (course_id)"
            " WHERE NOT no_show GROUP BY ALL",
        ),
    ],
)
def test_requests_on_other_naming_habits(prompt: str, sql: str, school: Any) -> None:
    assert outcome(prompt, school) == sorted_rows(sql, school)


@pytest.mark.parametrize(
    "prompt",
    ["which courses haven't attended a single pupil", "courses whose pupils have not attended"],
)
def test_a_negation_over_the_rows_of_each_is_refused(prompt: str, school: Any) -> None:
    got = outcome(prompt, school)
    assert isinstance(got, PlanningError), got


def test_who_asked_in_a_second_clause_is_not_dropped(school: Any) -> None:
    got = outcome("exam results above 90 - the score, and who scored it", school)
    assert isinstance(got, PlanningError) or any("pupil" in str(c) for c in got[0]), got


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("tbl_member", ("member",)),
        ("dt_joined", ("joined", "date")),
        ("ts_booked", ("booked", "at")),
        ("b_active", ("active", "flag")),
        ("n_miles_earned", ("miles", "earned")),
        ("cd_tier", ("tier", "code")),
        ("id_member", ("member", "id")),
        ("amt_fare_usd", ("fare", "usd")),
        ("n", ("n",)),
        ("school_fk", ("school", "id")),
        ("date_the_account_was_created", ("account", "created", "date")),
        ("number_of_laps", ("laps", "count")),
        ("distance_in_kilometres", ("distance", "kilometres")),
        ("was_the_workout_shared", ("workout", "shared", "flag")),
        ("year_of_birth", ("birth", "year")),
        ("is_joint_account", ("is", "joint", "account")),
    ],
)
def test_names_read_as_they_are_usually_written(name: str, words: tuple[str, ...]) -> None:
    assert split_name(name) == words


def test_an_identifier_typed_as_it_is_is_no_verb(school: Any) -> None:
    """'... - title and scoredAt': the column shown, not a state 'scored'."""
    got = outcome("exam results with scorePct above 90 - scorePct and scoredAt", school)
    assert got == sorted_rows(
        'SELECT "examResultId", "scorePct", "scoredAt" FROM "examResult" WHERE "scorePct" > 90',
        school,
    )

"""Wording that names a column without mirroring it, on a schema written for these tests:
a year held as a number (`year_opened`, `birth_year`), a number that looks like a year after a
comparison, a two-word column name split by the sentence ('allow pets' for `pets_allowed`),
'but' joining two conditions, and British or American spelling of a catalog word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.planning.probe import Database, answer, expect, numbers, open_schema, refusal

SCHEMA = """
CREATE TABLE venues (venue_id INTEGER PRIMARY KEY, venue_name VARCHAR, year_opened INTEGER,
  capacity INTEGER, pets_allowed BOOLEAN, has_parking BOOLEAN, is_licensed BOOLEAN,
  insured BOOLEAN, opened_on DATE);
CREATE TABLE hosts (host_id INTEGER PRIMARY KEY, host_name VARCHAR, birth_year INTEGER,
  joined_on DATE, superhost BOOLEAN, home_venue_id INTEGER REFERENCES venues);
CREATE TABLE bookings (booking_id INTEGER PRIMARY KEY, venue_id INTEGER REFERENCES venues,
  host_id INTEGER REFERENCES hosts, booked_on DATE, deposit_gbp DECIMAL(8, 2), has_pet BOOLEAN,
  status VARCHAR, labor_duration_min INTEGER, color VARCHAR);
INSERT INTO venues SELECT i, 'venue ' || i, 1950 + (i * 7) % 70, 50 + (i * 37) % 400,
  i % 3 = 0, i % 2 = 0, i % 4 > 0, i % 5 > 1, DATE '2020-01-01' + CAST(i * 40 AS INT)
  FROM range(1, 31) t(i);
INSERT INTO hosts SELECT i, 'host ' || i, 1960 + (i * 3) % 45, DATE '2021-01-01' + CAST(i AS INT),
  i % 3 = 1, 1 + i % 4 FROM range(1, 21) t(i);
INSERT INTO bookings SELECT i, 1 + (i * 7) % 30, 1 + i % 20, DATE '2024-01-01' + CAST(i AS INT),
  500 + (i * 131) % 3000, i % 3 = 0 AND (1 + (i * 7) % 30) % 3 = 0,
  ['confirmed', 'canceled', 'completed'][1 + i % 3], 30 + (i * 17) % 200,
  ['red', 'blue', 'green'][1 + i % 3]
  FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def venues(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("venues")), SCHEMA)


@pytest.mark.parametrize(
    ("prompt", "sql"),
    [
        ("venues opened after 1980", "SELECT venue_id FROM venues WHERE year_opened > 1980"),
        ("venues opened in 1985", "SELECT venue_id FROM venues WHERE year_opened = 1985"),
        (
            "venues opened between 1960 and 1990",
            "SELECT venue_id FROM venues WHERE year_opened BETWEEN 1960 AND 1990",
        ),
        ("hosts born before 1980", "SELECT host_id FROM hosts WHERE birth_year < 1980"),
    ],
)
def test_a_year_held_as_a_number_is_compared_as_one(
    prompt: str, sql: str, venues: Database
) -> None:
    assert {r[0] for r in answer(prompt, venues)} == {r[0] for r in expect(sql, venues)}


def test_a_number_after_a_comparison_is_an_amount_even_when_it_looks_like_a_year(
    venues: Database,
) -> None:
    got = answer("bookings with a deposit over 2000", venues)
    assert {r[0] for r in got} == {
        r[0] for r in expect("SELECT booking_id FROM bookings WHERE deposit_gbp > 2000", venues)
    }


@pytest.mark.parametrize("prompt", ["venues that allow pets", "venues where pets are allowed"])
def test_a_column_name_split_by_the_sentence_is_that_one_column(
    prompt: str, venues: Database
) -> None:
    """Not venues with a booking that brought a pet (`bookings.has_pet`)."""
    got = {r[0] for r in answer(prompt, venues)}
    assert got == {r[0] for r in expect("SELECT venue_id FROM venues WHERE pets_allowed", venues)}


def test_but_joins_two_conditions(venues: Database) -> None:
    got = {r[0] for r in answer("venues that are licensed but not insured", venues)}
    sql = "SELECT venue_id FROM venues WHERE is_licensed AND NOT insured"
    assert got == {r[0] for r in expect(sql, venues)}


@pytest.mark.parametrize(
    ("prompt", "sql"),
    [
        (
            "average labour duration per venue",
            "SELECT b.venue_id, v.venue_name, avg(labor_duration_min) FROM bookings b"
            " JOIN venues v USING (venue_id) GROUP BY ALL",
        ),
        (
            "how many bookings were cancelled",
            "SELECT count(*) FROM bookings WHERE status = 'canceled'",
        ),
        (
            "number of bookings per colour",
            "SELECT color, count(*) FROM bookings GROUP BY color",
        ),
    ],
)
def test_british_spelling_reaches_an_american_catalog(
    prompt: str, sql: str, venues: Database
) -> None:
    assert sorted(answer(prompt, venues)) == sorted(expect(sql, venues))


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("labour", "labor"),
        ("color", "colour"),
        ("centre", "center"),
        ("canceled", "cancelled"),
        ("organisation", "organization"),
        ("catalogue", "catalog"),
        ("licence", "license"),
    ],
)
def test_spelling_variants_go_both_ways(word: str, other: str) -> None:
    from datamorph.planning.spelling import variants

    assert other in variants(word)
    assert word in variants(other)


@pytest.mark.parametrize("word", ["hour", "flour", "filled", "called", "failed", "size"])
def test_words_that_only_look_british_have_no_variant(word: str) -> None:
    from datamorph.planning.spelling import variants

    assert variants(word) == []


@pytest.mark.parametrize(
    ("prompt", "sql"),
    [
        ("how many superhosts are there", "SELECT count(*) FROM hosts WHERE superhost"),
        (
            "superhosts per venue",
            "SELECT v.venue_id, v.venue_name, count(*) FROM hosts h"
            " JOIN venues v ON h.home_venue_id = v.venue_id WHERE superhost GROUP BY ALL",
        ),
    ],
)
def test_a_flag_said_as_a_noun_counts_the_rows_that_have_it(
    prompt: str, sql: str, venues: Database
) -> None:
    """Never COUNT(DISTINCT superhost), which is 1 or 2 whatever the data."""
    assert sorted(answer(prompt, venues)) == sorted(expect(sql, venues))


@pytest.mark.parametrize(
    ("prompt", "sql"),
    [
        ("average deposit per booking", "SELECT avg(deposit_gbp) FROM bookings"),
        (
            "average deposit per booking by venue",
            "SELECT v.venue_id, v.venue_name, avg(deposit_gbp) FROM bookings b"
            " JOIN venues v USING (venue_id) GROUP BY ALL",
        ),
    ],
)
def test_per_row_of_an_average_is_its_unit_not_a_group(
    prompt: str, sql: str, venues: Database
) -> None:
    """Grouped by booking, each average would be of one row."""
    assert numbers(sorted(answer(prompt, venues))) == numbers(sorted(expect(sql, venues)))


def test_a_grouping_with_nothing_to_count_is_refused(venues: Database) -> None:
    """Listing the venues that have such a host answers another question."""
    message = refusal("hosts who joined in 2021 by venue", venues)
    assert "says nothing to count" in message


@pytest.mark.parametrize(
    ("prompt", "sql"),
    [
        (
            "bookings with a pet per status",
            "SELECT status, count(*) FROM bookings WHERE has_pet GROUP BY 1",
        ),
        (
            "licensed venues by year opened",
            "SELECT year_opened, count(*) FROM venues WHERE is_licensed GROUP BY 1",
        ),
    ],
)
def test_the_rows_before_a_grouping_are_counted_past_a_flag(
    prompt: str, sql: str, venues: Database
) -> None:
    assert sorted(answer(prompt, venues)) == sorted(expect(sql, venues))


def test_two_kinds_of_rows_before_a_grouping_is_a_question(venues: Database) -> None:
    """Bookings or venues: never the venues counted because they were said last."""
    assert "nothing to count" in refusal("canceled bookings of licensed venues by color", venues)


def test_the_rows_before_a_grouping_are_counted_past_a_comparison(venues: Database) -> None:
    got = answer("venues with more than 200 capacity by year opened", venues)
    want = expect(
        "SELECT year_opened, count(*) FROM venues WHERE capacity > 200 GROUP BY 1", venues
    )
    assert sorted(got) == sorted(want)

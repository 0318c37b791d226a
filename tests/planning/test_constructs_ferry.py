"""Readings added on the fourth batch's retirement, on a ferry schema of camelCase names: a
light verb before a table's name is a state ('live sailings'); inclusion notes ('cancelled or
not', 'whatever their status'); a verb's synonym names an event's date ('bought' is
purchasedAt) and 'go by when they were bought' anchors periods on it; 'year of birth' is
birthYear; 'top 3 captains by bookings' counts bookings; 'never been used' is no row of the
one table that references it; 'new' beside the period of a table's own date. And what is
refused rather than guessed: 'how much' with nothing computed, a state said of one table
read as another table's value, one group per instant of a timestamp."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.planning.probe import Database, open_schema, outcome, sorted_rows

from datamorph.codegen.sql import compile_sql
from datamorph.planning.base import PlanningError
from datamorph.planning.rules import RulePlanner

FERRY = """
CREATE TABLE ports (portId INTEGER PRIMARY KEY, portName VARCHAR, country VARCHAR);
CREATE TABLE sailing (sailingId INTEGER PRIMARY KEY, portId INTEGER REFERENCES ports(portId),
  captain VARCHAR, sailDate DATE, boardingOpensAt TIMESTAMP, status VARCHAR);
CREATE TABLE passenger (passengerId INTEGER PRIMARY KEY, fullName VARCHAR, birthYear INTEGER,
  joinedDate DATE);
CREATE TABLE voucher (voucherId INTEGER PRIMARY KEY, code VARCHAR, pctOff INTEGER);
CREATE TABLE booking (bookingId INTEGER PRIMARY KEY,
  sailingId INTEGER REFERENCES sailing(sailingId),
  passengerId INTEGER REFERENCES passenger(passengerId),
  voucherId INTEGER REFERENCES voucher(voucherId),
  purchasedAt TIMESTAMP, cancelled BOOLEAN, fare DECIMAL(8,2), fee DECIMAL(6,2));
INSERT INTO ports VALUES (1, 'Dover', 'GB'), (2, 'Calais', 'FR'), (3, 'Hull', 'GB');
INSERT INTO sailing SELECT i, 1 + i % 3,
  ['Ayla Moss', 'Ben Ruiz', 'Cora Tan', 'Dev Shah'][1 + i % 4],
  DATE '2024-01-01' + CAST(i * 5 AS INTEGER),
  TIMESTAMP '2024-01-01 07:00:00' + INTERVAL (i * 5) DAY + INTERVAL (i % 7) HOUR,
  ['open', 'closed', 'cancelled'][1 + i % 3] FROM range(1, 121) t(i);
INSERT INTO passenger SELECT i, 'Passenger ' || i, 1940 + i % 60,
  DATE '2023-01-01' + CAST(i * 3 AS INTEGER) FROM range(1, 301) t(i);
INSERT INTO voucher SELECT i, 'SAIL' || (10 * i), 5 * i FROM range(1, 9) t(i);
INSERT INTO booking SELECT i, 1 + i % 120, 1 + (i * 7) % 300,
  CASE WHEN i % 4 = 0 THEN 1 + i % 5 END,
  CASE WHEN i % 50 = 0 THEN NULL
       ELSE TIMESTAMP '2024-01-01 09:30:00' + INTERVAL (i % 600) DAY END,
  i % 9 = 0, 20 + (i * 13) % 80, 2 + i % 4 FROM range(1, 1501) t(i);
"""
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("ferry")), FERRY)


def _outcome(prompt: str, db: Database) -> list[tuple[Any, ...]] | PlanningError:
    try:
        spec = RulePlanner(as_of=AS_OF).plan(prompt, db[1])
    except PlanningError as refused:
        return refused
    return sorted(db[0].con.execute(compile_sql(spec, db[1], "duckdb")).fetchall())


def _column(rows: Any, at: int) -> list[Any]:
    assert isinstance(rows, list), rows
    return sorted(row[at] for row in rows)


def test_a_light_verb_before_a_table_is_a_state_not_a_relation(ferry: Any) -> None:
    got = outcome("number of live sailings per captain", ferry)
    assert isinstance(got, PlanningError) and "live" in got.message


def test_a_light_verb_after_a_possessive_is_no_state(ferry: Any) -> None:
    got = outcome("passengers on their own sailing", ferry)
    assert not (isinstance(got, PlanningError) and "'own'" in got.message)


def test_or_not_after_a_comma_keeps_every_row(ferry: Any) -> None:
    got = outcome("average fare of all bookings, cancelled or not", ferry)
    assert got == sorted_rows("SELECT avg(fare) FROM booking", ferry)


def test_whatever_their_status_keeps_every_row(ferry: Any) -> None:
    got = outcome("sailings from Hull, whatever their status: captain and date", ferry)
    expected = sorted_rows(
        "SELECT s.captain FROM sailing s JOIN ports p USING (portId) WHERE p.portName = 'Hull'",
        ferry,
    )
    assert _column(got, -2) == [r[0] for r in expected] or _column(got, 0) == [
        r[0] for r in expected
    ]


def test_a_singular_date_ending_a_list_is_shown(ferry: Any) -> None:
    spec = RulePlanner().plan("sailings from Hull: captain, status and date", ferry[1])
    assert any(c.endswith("sailDate") for c in spec.columns or [])


def test_a_synonym_of_the_verb_names_the_event_date(ferry: Any) -> None:
    got = _outcome("how many bookings were bought in March 2025?", ferry)
    assert got == sorted_rows(
        "SELECT count(*) FROM booking WHERE purchasedAt >= DATE '2025-03-01' "
        "AND purchasedAt < DATE '2025-04-01'",
        ferry,
    )


def test_go_by_when_they_were_bought_anchors_the_period(ferry: Any) -> None:
    got = _outcome("How many bookings in 2024? Go by when they were bought.", ferry)
    assert got == sorted_rows("SELECT count(*) FROM booking WHERE year(purchasedAt) = 2024", ferry)


def test_year_of_birth_is_the_column_said_the_other_way_round(ferry: Any) -> None:
    spec = RulePlanner().plan("full name and year of birth of every passenger", ferry[1])
    assert any(c.endswith("birthYear") for c in spec.columns or [])


def test_top_n_of_a_column_by_a_table_counts_its_rows(ferry: Any) -> None:
    got = _outcome("top 2 captains by bookings sold", ferry)
    expected = sorted_rows(
        "SELECT captain, count(*) AS n FROM booking JOIN sailing USING (sailingId) "
        "GROUP BY captain ORDER BY n DESC LIMIT 2",
        ferry,
    )
    assert got == expected


def test_never_been_used_is_no_row_of_the_referencing_table(ferry: Any) -> None:
    got = _outcome("which vouchers have never been used? just the codes", ferry)
    expected = sorted_rows(
        "SELECT code FROM voucher v WHERE NOT EXISTS "
        "(SELECT 1 FROM booking b WHERE b.voucherId = v.voucherId)",
        ferry,
    )
    assert _column(got, -1) == [r[0] for r in expected] and expected


def test_new_is_read_with_the_period_of_the_tables_own_date(ferry: Any) -> None:
    got = _outcome("How many new passengers joined last month?", ferry)
    assert got == sorted_rows(
        "SELECT count(*) FROM passenger WHERE joinedDate >= DATE '2025-05-01' "
        "AND joinedDate < DATE '2025-06-01'",
        ferry,
    )


def test_how_much_with_nothing_computed_is_refused(ferry: Any) -> None:
    got = outcome("How much did we take in fees?", ferry)
    if isinstance(got, list):  # an amount is one number, never the fee of every booking
        assert got == sorted_rows("SELECT sum(fee) FROM booking", ferry)
    else:
        assert "how much" in got.message or "much" in got.unplaced


def test_a_state_said_of_one_table_is_not_another_tables_value(ferry: Any) -> None:
    got = outcome("how many bookings are still open?", ferry)
    assert isinstance(got, PlanningError) and "open" in got.message


def test_one_group_per_instant_is_refused(ferry: Any) -> None:
    got = outcome("number of bookings per purchased at", ferry)
    assert isinstance(got, PlanningError) and "one group per distinct time" in got.message


def test_groups_above_the_overall_average_are_the_groups_said(ferry: Any) -> None:
    got = outcome(
        "Which captains have an average fare above the average fare over all bookings?", ferry
    )
    expected = sorted_rows(
        "SELECT captain FROM booking JOIN sailing USING (sailingId) GROUP BY captain "
        "HAVING avg(fare) > (SELECT avg(fare) FROM booking)",
        ferry,
    )
    assert isinstance(got, list) and sorted(r[0] for r in got) == [r[0] for r in expected]


def test_periods_of_a_date_leave_out_the_rows_without_one(ferry: Any) -> None:
    got = _outcome("total fees per quarter, go by when they were bought", ferry)
    assert isinstance(got, list) and all(row[0] is not None for row in got)
    assert sum(float(r[-1]) for r in got) == pytest.approx(
        float(
            sorted_rows("SELECT sum(fee) FROM booking WHERE purchasedAt IS NOT NULL", ferry)[0][0]
        )
    )


def test_ignoring_flagged_rows_is_a_filter_not_a_grouping(ferry: Any) -> None:
    got = _outcome("top 2 captains by bookings, ignoring cancelled bookings", ferry)
    expected = sorted_rows(
        "SELECT captain, count(*) AS n FROM booking JOIN sailing USING (sailingId) "
        "WHERE NOT cancelled GROUP BY captain ORDER BY n DESC LIMIT 2",
        ferry,
    )
    assert got == expected


def test_when_did_asks_for_the_date_its_verb_names(ferry: Any) -> None:
    spec = RulePlanner().plan("when did Passenger 12 join?", ferry[1])
    assert any(c.endswith("joinedDate") for c in spec.columns or [])


def test_a_question_when_that_no_date_answers_is_refused(ferry: Any) -> None:
    got = outcome("when did Passenger 12 complain?", ferry)
    assert isinstance(got, PlanningError) and "when" in got.message


def test_the_column_a_total_is_of_named_again_in_the_list_is_the_total(ferry: Any) -> None:
    got = _outcome("Top 2 captains by total fare. Captain and fare.", ferry)
    expected = sorted_rows(
        "SELECT captain, sum(fare) AS f FROM booking JOIN sailing USING (sailingId) "
        "GROUP BY captain ORDER BY f DESC LIMIT 2",
        ferry,
    )
    assert isinstance(got, list) and [(r[0], float(r[-1])) for r in got] == [
        (r[0], float(r[1])) for r in expected
    ]

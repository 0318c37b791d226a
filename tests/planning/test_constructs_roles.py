"""Of two keys to the same table, the one whose name holds a word the request typed
('approved', 'holder') is the join; with neither said, the request is refused. 'Right now',
'at the moment' ask nothing of a table whose rows never end, but on a table with a date that
ends a row (`valid_until`) they ask for a state the plan must say, else they are refused. A
`_code` column is named by the word before the suffix ('per zone' for `zone_code`)."""

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

JUNE_18 = dt.date(2025, 6, 18)

PERMITS = """
CREATE TABLE drivers (driver_id INTEGER PRIMARY KEY, driver_name VARCHAR, plate VARCHAR,
  barred BOOLEAN);
COMMENT ON COLUMN drivers.barred IS 'True = barred: checked but never cleared';
CREATE TABLE permits (permit_id INTEGER PRIMARY KEY,
  holder_driver_id INTEGER REFERENCES drivers(driver_id),
  approved_by_driver_id INTEGER REFERENCES drivers(driver_id),
  zone_code VARCHAR, valid_from DATE, valid_until DATE);
CREATE TABLE wardens (warden_id INTEGER PRIMARY KEY, warden_name VARCHAR, beat VARCHAR);
INSERT INTO drivers SELECT i, 'driver ' || i, 'P' || i, i % 7 = 0 FROM range(1, 41) t(i);
INSERT INTO permits SELECT i, 1 + i % 40, 1 + (i * 7) % 5, ['Z1', 'Z2', 'Z3'][1 + i % 3],
  DATE '2024-01-01' + CAST(i * 5 AS INTEGER),
  CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '2024-06-01' + CAST(i * 5 AS INTEGER) END
  FROM range(1, 121) t(i);
INSERT INTO wardens SELECT i, 'warden ' || i, ['north', 'south'][1 + i % 2] FROM range(1, 9) t(i);
CREATE TABLE PatrolVisitDaily (visit_date DATE, zone_code VARCHAR, visits INTEGER);
INSERT INTO PatrolVisitDaily SELECT DATE '2025-01-01' + CAST(i AS INTEGER),
  ['Z1', 'Z2', 'Z3'][1 + i % 3], 5 + i % 9 FROM range(0, 90) t(i);
CREATE TABLE stewards (steward_id INTEGER PRIMARY KEY, steward_name VARCHAR, grade VARCHAR,
  is_active BOOLEAN, left_on DATE);
CREATE TABLE duties (duty_id INTEGER PRIMARY KEY,
  steward_id INTEGER REFERENCES stewards(steward_id), duty_kind VARCHAR);
INSERT INTO stewards SELECT i, 'steward ' || i, ['A', 'B'][1 + i % 2], i % 4 <> 0,
  CASE WHEN i % 5 = 0 THEN DATE '2024-06-01' END FROM range(1, 21) t(i);
INSERT INTO duties SELECT i, 1 + i % 20, ['contract', 'regular'][1 + i % 2]
  FROM range(1, 61) t(i);
CREATE TABLE marshals (marshal_id INTEGER PRIMARY KEY, marshal_name VARCHAR,
  terminated_on DATE);
INSERT INTO marshals SELECT i, 'marshal ' || i,
  CASE WHEN i % 3 = 0 THEN DATE '2023-03-01' + CAST(i * 40 AS INTEGER) END FROM range(1, 25) t(i);
CREATE TABLE fines (fine_id INTEGER PRIMARY KEY, issued_on DATE, amount_gbp DECIMAL(8,2));
INSERT INTO fines SELECT i, DATE '2024-11-01' + CAST(i * 2 AS INTEGER), 30 + i % 50
  FROM range(1, 150) t(i);
CREATE TABLE clubs_sessions (session_id INTEGER PRIMARY KEY,
  coach_driver_id INTEGER REFERENCES drivers(driver_id), held_on DATE);
CREATE TABLE attendances (session_id INTEGER REFERENCES clubs_sessions(session_id),
  driver_id INTEGER REFERENCES drivers(driver_id));
INSERT INTO clubs_sessions SELECT i, 1 + i % 6, DATE '2025-01-01' + CAST(i AS INTEGER)
  FROM range(1, 31) t(i);
INSERT INTO attendances SELECT 1 + i % 30, 1 + (i * 11) % 40 FROM range(1, 200) t(i);
"""


@pytest.fixture(scope="module")
def permits(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("permits")), PERMITS)


def _names(rows: list[tuple[Any, ...]]) -> list[str]:
    return sorted(v for row in rows for v in row if isinstance(v, str) and v.startswith("driver"))


def test_the_key_named_by_a_typed_word_is_the_join(permits: Any) -> None:
    got = outcome("permits in zone Z2 with the name of the driver who approved them", permits)
    expected = sorted_rows(
        "SELECT d.driver_name FROM permits p JOIN drivers d ON d.driver_id = "
        "p.approved_by_driver_id WHERE p.zone_code = 'Z2'",
        permits,
    )
    assert isinstance(got, list) and _names(got) == sorted(r[0] for r in expected)


def test_the_other_key_named(permits: Any) -> None:
    got = outcome("permits in zone Z2 with the holder driver name", permits)
    expected = sorted_rows(
        "SELECT d.driver_name FROM permits p JOIN drivers d ON d.driver_id = "
        "p.holder_driver_id WHERE p.zone_code = 'Z2'",
        permits,
    )
    assert isinstance(got, list) and _names(got) == sorted(r[0] for r in expected)


def test_no_key_named_is_refused(permits: Any) -> None:
    got = outcome("permits in zone Z2 with the driver name", permits)
    assert isinstance(got, PlanningError) and "more than one way" in got.message


def test_now_on_a_table_whose_rows_end_is_refused(permits: Any) -> None:
    # valid_until ends a permit: 'at the moment' asks for the permits valid today
    got = outcome("permits in zone Z1 at the moment", permits)
    assert isinstance(got, PlanningError) and "at the moment" in got.message


def test_now_with_a_lookup_reads_the_row(permits: Any) -> None:
    got = outcome("what zone is permit 12 in right now?", permits)
    assert isinstance(got, list) and len(got) == 1 and "Z1" in got[0]


def test_now_on_a_table_without_an_ending_is_filler(permits: Any) -> None:
    got = outcome("wardens on the north beat right now", permits)
    assert got == sorted_rows("SELECT * FROM wardens WHERE beat = 'north'", permits)


def test_a_code_column_is_named_by_the_word_before_code(permits: Any) -> None:
    got = outcome("number of permits per zone", permits)
    assert got == sorted_rows("SELECT zone_code, count(*) FROM permits GROUP BY 1", permits)


def _as_of(prompt: str, db: Database, day: dt.date) -> list[tuple[Any, ...]] | PlanningError:
    try:
        spec = RulePlanner(as_of=day).plan(prompt, db[1])
    except PlanningError as refused:
        return refused
    return sorted(db[0].con.execute(compile_sql(spec, db[1], "duckdb")).fetchall())


def test_days_of_a_month_without_a_year_are_this_years_when_begun(permits: Any) -> None:
    got = _as_of("fines issued between 1 and 14 June", permits, JUNE_18)
    expected = sorted_rows(
        "SELECT * FROM fines WHERE issued_on BETWEEN DATE '2025-06-01' AND DATE '2025-06-14'",
        permits,
    )
    assert got == expected and got


def test_a_short_day_range_with_a_year(permits: Any) -> None:
    got = _as_of("total fine amount 1-14 Sept 2024", permits, JUNE_18)
    expected = sorted_rows(
        "SELECT sum(amount_gbp) FROM fines "
        "WHERE issued_on BETWEEN DATE '2024-09-01' AND DATE '2024-09-14'",
        permits,
    )
    assert got == expected


def test_a_month_without_a_year(permits: Any) -> None:
    got = _as_of("how many fines in May", permits, JUNE_18)
    expected = sorted_rows(
        "SELECT count(*) FROM fines WHERE issued_on >= DATE '2025-05-01' "
        "AND issued_on < DATE '2025-06-01'",
        permits,
    )
    assert got == expected and got[0][0] > 0


def test_a_month_not_yet_begun_this_year_is_refused(permits: Any) -> None:
    # on 18 June, 'August' is last August or the coming one: which, is not said
    got = _as_of("how many fines in August", permits, JUNE_18)
    assert isinstance(got, PlanningError) and "august" in got.message


def test_a_key_named_for_a_role_not_said_beside_a_link_table_is_refused(permits: Any) -> None:
    # clubs_sessions.coach_driver_id joins drivers as coaches; attendances as attendees
    got = outcome("number of sessions per driver", permits)
    assert isinstance(got, PlanningError) and "more than one way" in got.message


def test_the_role_said_takes_its_key(permits: Any) -> None:
    got = outcome("number of sessions per coach driver", permits)
    expected = sorted_rows(
        "SELECT d.driver_id, d.driver_name, count(*) FROM clubs_sessions s JOIN drivers d "
        "ON d.driver_id = s.coach_driver_id GROUP BY ALL",
        permits,
    )
    assert isinstance(got, list) and [r[-1] for r in got] == [r[-1] for r in expected]


def test_what_a_flag_comment_says_before_but_names_no_flag(permits: Any) -> None:
    # every driver was checked: 'checked' is no reading of barred
    got = outcome("how many checked drivers", permits)
    assert isinstance(got, PlanningError) and "checked" in got.message
    assert outcome("cleared drivers", permits) == sorted_rows(
        "SELECT * FROM drivers WHERE NOT barred", permits
    )


def test_a_direction_said_again_after_a_ranked_order(permits: Any) -> None:
    got = outcome("the 3 biggest fines by amount, biggest first", permits)
    expected = sorted_rows("SELECT * FROM fines ORDER BY amount_gbp DESC, fine_id LIMIT 3", permits)
    assert [r[-1] for r in got] == sorted(r[-1] for r in expected)  # type: ignore[index]


def test_rows_holding_a_quantity_are_not_counted_for_it(permits: Any) -> None:
    # PatrolVisitDaily is named "patrol visits" (its grain dropped); each row holds `visits`
    got = outcome("patrol visits per zone", permits)
    assert isinstance(got, PlanningError) and "PatrolVisitDaily.visits" in got.message


def test_a_column_after_this_is_one_value_not_a_grouping(permits: Any) -> None:
    # "this zone" is one zone, which nothing in the request says: never a count per zone
    got = outcome("how many permits for this zone", permits)
    assert isinstance(got, PlanningError) and "zone" in got.message


def test_still_before_a_flag_is_read_by_the_flag(permits: Any) -> None:
    got = outcome("stewards who are still active", permits)
    assert got == sorted_rows("SELECT * FROM stewards WHERE is_active", permits)


def test_still_a_member_of_a_table_is_its_leaving_date_empty(permits: Any) -> None:
    got = outcome("everyone in grade A who's still a steward", permits)
    expected = sorted_rows("SELECT * FROM stewards WHERE grade = 'A' AND left_on IS NULL", permits)
    assert got == expected and got


def test_a_kind_read_from_a_table_not_named_is_refused(permits: Any) -> None:
    # 'contract' is a duty kind: "contract stewards" does not say it means their duties
    got = outcome("contract stewards", permits)
    assert isinstance(got, PlanningError) and "does not name" in got.message


def test_a_one_letter_value_right_after_its_column_is_a_condition(permits: Any) -> None:
    # "A" is an article anywhere else; after `grade` it is the grade, never dropped unread
    got = outcome("names of stewards in grade A", permits)
    assert got == sorted_rows(
        "SELECT steward_id, steward_name FROM stewards WHERE grade = 'A'", permits
    )


def test_quit_is_the_one_date_that_ends_the_rows(permits: Any) -> None:
    got = outcome("marshals who have quit the company", permits)
    assert got == sorted_rows(
        "SELECT marshal_id, marshal_name, terminated_on FROM marshals "
        "WHERE terminated_on IS NOT NULL",
        permits,
    )
    got = outcome("how many marshals quit in 2024", permits)
    assert got == sorted_rows(
        "SELECT count(*) FROM marshals WHERE terminated_on >= DATE '2024-01-01' "
        "AND terminated_on < DATE '2025-01-01'",
        permits,
    )


def test_a_sort_by_a_column_with_no_one_value_per_group_is_refused(permits: Any) -> None:
    # grouped by grade, each group has many steward names: max(name) would be a made-up order
    got = outcome("number of duties per grade, sorted by steward name", permits)
    assert isinstance(got, PlanningError) and "no one value per group" in got.message

"""Identifiers typed bare ('boat MB000043', 'berth B-117', 'job JB-2024-0007', a phone number
of digits): linked by the shape of the column's known values, the key a code identifies rather
than the copies that point to it; a code no column is written like, or that two columns could
hold, is refused and named. Also: 'who's the harbourmaster' asks for the column, not for the
people table; 'in order of cost' and 'in berth order' sort; and the fewest per a column of the
filtered table is refused (a group with no row left has a count of 0 the plan cannot show)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.planning.probe import Database, open_schema, outcome, sorted_rows

from datamorph.codegen.sql import compile_sql
from datamorph.planning.base import PlanningError
from datamorph.planning.rules import RulePlanner

BOATYARD = """
CREATE TABLE berths (berth_code VARCHAR PRIMARY KEY, pontoon VARCHAR, harbourmaster VARCHAR);
CREATE TABLE boats (hull_no VARCHAR PRIMARY KEY, boat_name VARCHAR,
  berth_code VARCHAR REFERENCES berths(berth_code), owner_phone VARCHAR);
CREATE TABLE skippers (skipper_id INTEGER PRIMARY KEY, skipper_name VARCHAR,
  hull_no VARCHAR REFERENCES boats(hull_no));
CREATE TABLE jobs (job_ref VARCHAR PRIMARY KEY, hull_no VARCHAR REFERENCES boats(hull_no),
  job_kind VARCHAR, cost_gbp DECIMAL(8,2), done_on DATE);
CREATE TABLE quotes (quote_ref VARCHAR PRIMARY KEY, hull_no VARCHAR REFERENCES boats(hull_no),
  quoted_gbp DECIMAL(8,2));
INSERT INTO berths SELECT 'B-' || (100 + i), ['North', 'South'][1 + i % 2],
  ['Ann Lee', 'Bo Chan', 'Cy Diaz'][1 + i % 3] FROM range(1, 41) t(i);
INSERT INTO boats SELECT ['YT', 'MB', 'SL'][1 + i % 3] || lpad(CAST(i AS VARCHAR), 6, '0'),
  'Boat ' || i, 'B-' || (101 + i % 40), '07700' || CAST(900000 + i AS VARCHAR)
  FROM range(1, 91) t(i);
INSERT INTO skippers SELECT i, 'skipper ' || i,
  ['YT', 'MB', 'SL'][1 + i % 3] || lpad(CAST(i AS VARCHAR), 6, '0') FROM range(1, 91) t(i);
INSERT INTO jobs SELECT 'JB-2024-' || lpad(CAST(i AS VARCHAR), 4, '0'),
  ['YT', 'MB', 'SL'][1 + (i % 90 + 1) % 3] || lpad(CAST(i % 90 + 1 AS VARCHAR), 6, '0'),
  ['antifouling', 'engine', 'rigging', 'survey'][1 + i % 4], 50 + (i * 37) % 900,
  DATE '2024-01-01' + CAST(i * 3 AS INTEGER) FROM range(1, 301) t(i);
INSERT INTO quotes SELECT 'JB-2025-' || lpad(CAST(i AS VARCHAR), 4, '0'),
  ['YT', 'MB', 'SL'][1 + i % 3] || lpad(CAST(i AS VARCHAR), 6, '0'), 100 + i
  FROM range(1, 61) t(i);
UPDATE jobs SET job_kind = 'survey' WHERE job_kind = 'rigging' AND done_on >= DATE '2025-01-01';
"""


@pytest.fixture(scope="module")
def yard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("yard")), BOATYARD)


def _one_column(prompt: str, db: Database, column: str) -> list[Any]:
    """The values of `column` in the planned result (the plan may show more columns)."""
    spec = RulePlanner().plan(prompt, db[1])
    cursor = db[0].con.execute(compile_sql(spec, db[1], "duckdb"))
    names = [d[0] for d in cursor.description]
    return sorted(row[names.index(column)] for row in cursor.fetchall())


def test_a_bare_code_is_the_key_its_shape_names(yard: Any) -> None:
    got = _one_column("jobs on boat MB000043", yard, "job_ref")
    expected = [
        r[0] for r in sorted_rows("SELECT job_ref FROM jobs WHERE hull_no = 'MB000043'", yard)
    ]
    assert got == expected and got


def test_a_code_typed_in_lower_case_keeps_the_stored_case(yard: Any) -> None:
    got = _one_column("jobs on boat mb000043", yard, "job_ref")
    assert got == _one_column("jobs on boat MB000043", yard, "job_ref") and got


def test_a_hyphenated_code(yard: Any) -> None:
    got = outcome("pontoon of berth B-117", yard)
    assert isinstance(got, list) and [r[-1] for r in got] == ["South"]


def test_who_is_the_column_that_holds_the_person(yard: Any) -> None:
    # skippers is the one table of people; the harbourmaster is a column of berths
    got = outcome("Who's the harbourmaster at berth B-117?", yard)
    assert isinstance(got, list) and len(got) == 1 and "Cy Diaz" in got[0]


def test_a_long_number_after_a_column_of_digit_strings(yard: Any) -> None:
    got = _one_column("the boat with owner phone 07700900042", yard, "boat_name")
    assert got == ["Boat 42"]


def test_a_code_no_column_is_written_like_is_refused(yard: Any) -> None:
    got = outcome("jobs on boat ZZ-99", yard)
    assert isinstance(got, PlanningError) and "zz-99" in got.message


def test_a_code_two_tables_could_hold_is_refused(yard: Any) -> None:
    # 'JB-2024-0007' is written like job_ref and like quote_ref: nothing says which
    got = outcome("show JB-2024-0007", yard)
    assert isinstance(got, PlanningError) and "jb-2024-0007" in got.message


def test_the_word_before_a_code_settles_two_candidates(yard: Any) -> None:
    got = _one_column("cost of job JB-2024-0007", yard, "cost_gbp")
    assert got == [
        r[0] for r in sorted_rows("SELECT cost_gbp FROM jobs WHERE job_ref = 'JB-2024-0007'", yard)
    ]


def test_in_order_of_a_column_sorts(yard: Any) -> None:
    spec = RulePlanner().plan("jobs on boat MB000043 in order of cost", yard[1])
    assert [o.expr.split(".")[-1] for o in spec.order_by] == ["cost_gbp"]
    assert not spec.order_by[0].desc


def test_in_column_order_sorts(yard: Any) -> None:
    spec = RulePlanner().plan("berths with their harbourmaster, in pontoon order", yard[1])
    assert [o.expr.split(".")[-1] for o in spec.order_by] == ["pontoon"]


def test_the_fewest_per_a_column_of_the_filtered_table_is_refused(yard: Any) -> None:
    # rigging jobs stop in 2024: rigging has 0 jobs in 2025, which a WHERE on done_on hides
    got = outcome("which job kind had the fewest jobs done in 2025?", yard)
    assert isinstance(got, PlanningError) and "count of 0" in got.message


def test_a_unit_said_of_what_is_shown_is_read_when_it_is_the_columns(yard: Any) -> None:
    got = outcome("total cost of survey jobs, in pounds", yard)
    assert got == sorted_rows("SELECT sum(cost_gbp) FROM jobs WHERE job_kind = 'survey'", yard)


def test_a_unit_that_would_need_converting_is_refused(yard: Any) -> None:
    got = outcome("total cost of survey jobs, in euros", yard)
    assert isinstance(got, PlanningError) and "euros" in got.message

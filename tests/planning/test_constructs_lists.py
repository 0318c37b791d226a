"""Lists and groupings, on a schema written for these tests: a dash or plus that separates
rather than subtracts, 'by <date>' that names the date a period is of, a word reached only by
part of a name that must not become a grouping, a count of the groups themselves, and a column
whose name ends like the table's label ('head_name' is not the department's name)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.planning.probe import Database, answer, expect, open_schema, refusal

SCHEMA = """
CREATE TABLE department (department_key INTEGER PRIMARY KEY, department_name VARCHAR,
  head_name VARCHAR);
CREATE TABLE requisition (requisition_key INTEGER PRIMARY KEY, req_code VARCHAR,
  department_key INTEGER REFERENCES department, status VARCHAR, opened_date DATE,
  budget_k INTEGER, spent_k INTEGER, closed_date DATE);
CREATE TABLE interview (interview_key INTEGER PRIMARY KEY,
  requisition_key INTEGER REFERENCES requisition, interview_date DATE, status VARCHAR);
CREATE TABLE shift (shift_key INTEGER PRIMARY KEY, started_at TIMESTAMP, ended_at TIMESTAMP,
  tips DOUBLE);
INSERT INTO shift SELECT i, TIMESTAMP '2024-12-30 18:00:00' + INTERVAL (i * 7) HOUR,
  TIMESTAMP '2024-12-30 18:00:00' + INTERVAL (i * 7 + 6) HOUR, i FROM range(1, 40) t(i);
INSERT INTO department VALUES (1, 'Sales', 'Ann Lee'), (2, 'Platform', 'Bo Chan'),
  (3, 'Legal', 'Cy Dunn');
INSERT INTO requisition SELECT i, 'REQ' || i, 1 + i % 3, ['open', 'filled', 'closed'][1 + i % 3],
  DATE '2024-06-01' + CAST(i * 9 AS INT), 50 + i % 40, 10 + i % 30,
  CASE WHEN i % 3 = 2 THEN DATE '2025-06-01' END FROM range(1, 61) t(i);
INSERT INTO interview SELECT i, 1 + i % 60, DATE '2024-10-01' + CAST(i * 2 AS INT),
  ['completed', 'cancelled'][1 + i % 2] FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def hiring(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("hiring")), SCHEMA)


@pytest.mark.parametrize(
    "prompt",
    [
        "open requisitions - req code and department name",
        "open requisitions: req code + department name",
    ],
)
def test_a_dash_or_plus_between_words_separates(prompt: str, hiring: Database) -> None:
    got = {(r[-2], r[-1]) for r in answer(prompt, hiring)}
    want = expect(
        "SELECT req_code, department_name FROM requisition JOIN department"
        " USING (department_key) WHERE status = 'open'",
        hiring,
    )
    assert got == set(want) and want


def test_a_dash_between_two_numbers_still_subtracts(hiring: Database) -> None:
    got = answer("requisitions with req code and budget_k - spent_k", hiring)
    want = expect("SELECT req_code, budget_k - spent_k FROM requisition", hiring)
    assert sorted((r[-2], r[-1]) for r in got) == sorted(want)


def test_by_a_date_next_to_a_period_names_the_date_of_the_period(hiring: Database) -> None:
    got = answer(
        "completed interviews in 2025 per department (by interview date): department name"
        " and number of interviews",
        hiring,
    )
    want = expect(
        "SELECT department_name, count(*) FROM interview JOIN requisition USING"
        " (requisition_key) JOIN department USING (department_key)"
        " WHERE interview.status = 'completed' AND year(interview_date) = 2025"
        " GROUP BY department_name",
        hiring,
    )
    assert sorted((r[-2], r[-1]) for r in got) == sorted(want)


def test_the_name_of_the_department_is_not_its_heads_name(hiring: Database) -> None:
    got = answer("open requisitions with their department name", hiring)
    names = {v for row in got for v in row if isinstance(v, str)}
    assert "Sales" in names and "Ann Lee" not in names


def test_counting_each_group_within_itself_is_refused(hiring: Database) -> None:
    assert "1 for every" in refusal("per department, how many departments", hiring)


def test_a_period_of_a_start_and_end_timestamp_is_of_the_start(hiring: Database) -> None:
    """A shift of 2025 is one started in 2025 (its end lies hours later)."""
    got = answer("total tips of shifts in 2025", hiring)
    want = expect("SELECT sum(tips) FROM shift WHERE year(started_at) = 2025", hiring)
    assert got == want


def test_a_value_said_beats_the_opposite_of_a_date(hiring: Database) -> None:
    """'open' is a status value here; 'not closed' (no closed_date) would add filled ones."""
    got = {r[0] for r in answer("open requisitions", hiring)}
    sql = "SELECT requisition_key FROM requisition WHERE status = 'open'"
    assert got == {r[0] for r in expect(sql, hiring)}


def test_a_clipped_table_name_names_the_table(hiring: Database) -> None:
    """'reqs' is no English word, and begins only requisition."""
    got = answer("open reqs per department", hiring)
    want = expect(
        "SELECT department_key, count(*) FROM requisition WHERE status = 'open' GROUP BY 1",
        hiring,
    )
    assert sorted((r[0], r[-1]) for r in got) == sorted(want)


def test_a_month_number_is_the_month_within_its_year(hiring: Database) -> None:
    got = answer("number of interviews per month in 2025: month number and count", hiring)
    want = expect(
        "SELECT month(interview_date), count(*) FROM interview"
        " WHERE year(interview_date) = 2025 GROUP BY 1",
        hiring,
    )
    assert sorted((r[-2], r[-1]) for r in got) == sorted(want) and len(want) > 1

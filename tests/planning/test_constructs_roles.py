"""Of two keys to the same table, the one whose name holds a word the request typed
('approved', 'holder') is the join; with neither said, the request is refused. 'Right now',
'at the moment' ask nothing of a table whose rows never end, but on a table with a date that
ends a row (`valid_until`) they ask for a state the plan must say, else they are refused. A
`_code` column is named by the word before the suffix ('per zone' for `zone_code`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.planning.probe import Database, open_schema, outcome, sorted_rows

from datamorph.planning.base import PlanningError

PERMITS = """
CREATE TABLE drivers (driver_id INTEGER PRIMARY KEY, driver_name VARCHAR, plate VARCHAR);
CREATE TABLE permits (permit_id INTEGER PRIMARY KEY,
  holder_driver_id INTEGER REFERENCES drivers(driver_id),
  approved_by_driver_id INTEGER REFERENCES drivers(driver_id),
  zone_code VARCHAR, valid_from DATE, valid_until DATE);
CREATE TABLE wardens (warden_id INTEGER PRIMARY KEY, warden_name VARCHAR, beat VARCHAR);
INSERT INTO drivers SELECT i, 'driver ' || i, 'P' || i FROM range(1, 41) t(i);
INSERT INTO permits SELECT i, 1 + i % 40, 1 + (i * 7) % 5, ['Z1', 'Z2', 'Z3'][1 + i % 3],
  DATE '2024-01-01' + CAST(i * 5 AS INTEGER),
  CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '2024-06-01' + CAST(i * 5 AS INTEGER) END
  FROM range(1, 121) t(i);
INSERT INTO wardens SELECT i, 'warden ' || i, ['north', 'south'][1 + i % 2] FROM range(1, 9) t(i);
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

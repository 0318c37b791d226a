"""Ranges of days and sort directions as people write them, on the couriers schema of
test_constructs_couriers.py: a first day that leaves out its month or year, a note that the
range includes both ends, 'A-Z', and the start of an event whose end is 'restored'."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.planning.probe import Database, answer, expect, open_schema, refusal
from tests.planning.test_constructs_couriers import SCHEMA

from datamorph.planning.tokens import tokenize

OUTAGES = """
CREATE TABLE outages (outage_id INTEGER PRIMARY KEY, began_at TIMESTAMP, restored_at TIMESTAMP);
INSERT INTO outages SELECT i, TIMESTAMP '2024-01-01' + INTERVAL (i * 5) DAY,
  TIMESTAMP '2024-01-01' + INTERVAL (i * 5) DAY + INTERVAL 3 HOUR FROM range(1, 100) t(i);
"""


@pytest.fixture(scope="module")
def couriers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("ranges")), SCHEMA + OUTAGES)


@pytest.mark.parametrize(
    ("said", "first"),
    [
        ("1 March and 31 May 2024", "2024-03-01"),
        ("1 and 31 May 2024", "2024-05-01"),
        ("1 March 2024 and 31 May 2024", "2024-03-01"),
    ],
)
def test_the_first_day_takes_what_it_leaves_out_from_the_last(said: str, first: str) -> None:
    dates = [t.value.isoformat() for t in tokenize(f"between {said}") if t.kind == "date"]
    assert dates == [first, "2024-05-31"]


def test_a_first_day_after_the_last_is_not_moved_into_its_month() -> None:
    assert [t.kind for t in tokenize("between 31 and 1 May 2024")][:2] == ["word", "number"]


@pytest.mark.parametrize("note", [", both days included", " (inclusive)", " inclusive", ""])
def test_a_range_of_days_includes_both_and_may_say_so(note: str, couriers: Database) -> None:
    rows = answer(f"refuel logs between 1 and 15 March 2024{note}", couriers)
    want = expect(
        "SELECT refuel_log_id FROM refuel_logs WHERE logged_on BETWEEN '2024-03-01' AND "
        "'2024-03-15'",
        couriers,
    )
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


def test_an_inclusive_note_without_a_range_is_not_read(couriers: Database) -> None:
    assert "inclusive" in refusal("refuel logs of courier 3, inclusive", couriers)


@pytest.mark.parametrize(("said", "desc"), [("A-Z", False), ("Z–A", True), ("a - z", False)])
def test_alphabetical_directions_written_with_a_dash(
    said: str, desc: bool, couriers: Database
) -> None:
    rows = answer(f"hubs sorted by town {said}", couriers)
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=desc)


def test_a_period_of_events_is_of_their_start_when_the_end_is_a_restoration(
    couriers: Database,
) -> None:
    rows = answer("how many outages were there each quarter", couriers)
    want = expect(
        "SELECT date_trunc('quarter', began_at), count(*) FROM outages GROUP BY 1", couriers
    )
    assert sorted((str(r[0])[:10], r[1]) for r in rows) == sorted(
        (str(r[0])[:10], r[1]) for r in want
    )

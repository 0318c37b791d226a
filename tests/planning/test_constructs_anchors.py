"""The date a request says to go by: "(by close date)", "going by the date of closure",
"based on the cancellation date". It anchors the periods that name no date of their own; a
note naming no date of the catalog, or one no period uses, is refused with its words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.planning.probe import Database, open_schema, outcome, sorted_rows

from datamorph.planning.base import PlanningError

DESK = """
CREATE TABLE tickets (ticket_id INTEGER PRIMARY KEY, opened_at TIMESTAMP, closed_at TIMESTAMP,
  cancelled_at TIMESTAMP, queue VARCHAR);
INSERT INTO tickets SELECT i, TIMESTAMP '2023-11-01' + INTERVAL (i * 29) HOUR,
  CASE WHEN i % 5 = 0 THEN NULL ELSE TIMESTAMP '2023-12-20' + INTERVAL (i * 29) HOUR END,
  CASE WHEN i % 5 = 0 THEN TIMESTAMP '2023-11-03' + INTERVAL (i * 31) HOUR END,
  ['billing', 'tech'][1 + i % 2] FROM range(1, 601) t(i);
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("desk")), DESK)


IN_2024 = "{} >= TIMESTAMP '2024-01-01' AND {} < TIMESTAMP '2025-01-01'"


@pytest.mark.parametrize(
    ("prompt", "column"),
    [
        ("how many tickets in 2024 (by close date)?", "closed_at"),
        ("how many tickets in 2024, going by the date of closure", "closed_at"),
        ("how many tickets in 2024? Go by the cancellation date.", "cancelled_at"),
        ("how many tickets in 2024, based on the opening date", "opened_at"),
    ],
)
def test_the_date_said_anchors_the_period(prompt: str, column: str, desk: Any) -> None:
    where = IN_2024.format(column, column)
    assert outcome(prompt, desk) == sorted_rows(f"SELECT count(*) FROM tickets WHERE {where}", desk)


def test_without_the_note_the_date_is_a_question(desk: Any) -> None:
    got = outcome("how many tickets in 2024?", desk)
    assert isinstance(got, PlanningError)


@pytest.mark.parametrize(
    "prompt",
    [
        "how many tickets in 2024, going by the shipping date",  # no such date
        "how many tickets per queue, going by the close date",  # no period to anchor
    ],
)
def test_a_note_that_anchors_nothing_is_refused_by_its_words(prompt: str, desk: Any) -> None:
    got = outcome(prompt, desk)
    assert isinstance(got, PlanningError), got
    assert "going by the" in got.message

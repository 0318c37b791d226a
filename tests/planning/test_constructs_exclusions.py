"""Exclusions said every way analysts say them: before the words ("don't include cancelled
loans", "do not count voided bookings") and after them ("voided entries excluded", "cancelled
ones left out", "cancelled ones don't count"). A definition ("frozen ones don't count as
open") is no exclusion, and stays unplaced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.planning.probe import Database, open_schema, outcome, sorted_rows

from datamorph.planning.base import PlanningError

KENNEL = """
CREATE TABLE stays (stay_id INTEGER PRIMARY KEY, dog VARCHAR, stay_state VARCHAR,
  nights INTEGER);
INSERT INTO stays SELECT i, 'dog ' || i, ['booked', 'voided', 'finished', 'voided'][1 + i % 4],
  1 + i % 9 FROM range(1, 81) t(i);
"""


@pytest.fixture(scope="module")
def kennel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("kennel")), KENNEL)


@pytest.mark.parametrize(
    "prompt",
    [
        "total nights of stays. Don't include voided stays",
        "total nights of stays, do not count voided stays",
        "total nights of stays, voided ones excluded",
        "total nights of stays with voided stays left out",
        "total nights of stays - voided ones don't count",
        "total nights of stays, voided stays not included",
    ],
)
def test_an_exclusion_before_or_after_its_words(prompt: str, kennel: Any) -> None:
    expected = (
        kennel[0]
        .con.execute("SELECT sum(nights) FROM stays WHERE stay_state <> 'voided'")
        .fetchall()
    )
    assert outcome(prompt, kennel) == expected


def test_a_definition_is_no_exclusion(kennel: Any) -> None:
    got = outcome("number of stays (voided ones don't count as finished)", kennel)
    assert isinstance(got, PlanningError)


@pytest.mark.parametrize(
    "prompt",
    [
        "total nights of stays, voided ones included",
        "total nights of stays; voided stays count too",
        "total nights of stays. Count voided ones as well.",
        "total nights of stays (voided ones included)",
    ],
)
def test_an_inclusion_note_filters_nothing(prompt: str, kennel: Any) -> None:
    expected = kennel[0].con.execute("SELECT sum(nights) FROM stays").fetchall()
    assert outcome(prompt, kennel) == expected


def test_next_to_joins_what_it_names(kennel: Any) -> None:
    """'every stay next to its dog': the rows with their column, nothing dropped."""
    got = outcome("every stay id next to its dog", kennel)
    assert got == sorted_rows("SELECT stay_id, dog FROM stays", kennel)

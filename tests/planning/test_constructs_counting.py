"""Counting and listing as people ask, on the couriers schema of test_constructs_couriers.py:
'at least N <qualified> rows', 'the most <verb>ed <values>', 'in which towns ...', a kind of
row named by a value in the plural, and an average compared 'on average'."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.planning.probe import Database, answer, expect, numbers, open_schema, refusal
from tests.planning.test_constructs_couriers import SCHEMA

VANS = """
CREATE TABLE vans (van_id INTEGER PRIMARY KEY, hub_id INTEGER REFERENCES hubs,
  body VARCHAR, payload_kg INTEGER);
INSERT INTO vans SELECT i, 1 + i % 4, ['panel', 'box', 'panel', 'crew'][1 + i % 4], 800 + i * 10
  FROM range(1, 41) t(i);
"""


@pytest.fixture(scope="module")
def couriers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("counting")), SCHEMA + VANS)


def test_at_least_n_rows_with_a_value_counts_only_those_rows(couriers: Database) -> None:
    rows = answer("couriers with at least 4 express parcels", couriers)
    want = expect(
        "SELECT courier_id FROM parcels WHERE service = 'express' GROUP BY 1 HAVING count(*) >= 4",
        couriers,
    )
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


def test_two_counts_of_one_column_s_values_are_not_merged_into_one_filter(
    couriers: Database,
) -> None:
    """Each count would need its own filter; one WHERE with both values would be empty."""
    refusal("couriers with at least 2 express parcels and at least 2 standard parcels", couriers)


def test_the_most_verbed_values_are_ranked_by_the_verbs_rows(couriers: Database) -> None:
    rows = answer("the most frequently dispatched service", couriers)
    want = expect(
        "SELECT service, count(*) FROM parcels GROUP BY 1 ORDER BY 2 DESC LIMIT 1", couriers
    )
    assert numbers(rows) == numbers(want)


def test_in_which_values_is_a_question_about_the_values(couriers: Database) -> None:
    rows = answer("in which towns are the vans with a box body based?", couriers)
    want = expect(
        "SELECT DISTINCT town FROM vans JOIN hubs USING (hub_id) WHERE body = 'box'", couriers
    )
    assert sorted(rows) == sorted(want) and want


def test_a_plural_value_before_any_table_names_the_rows_listed(couriers: Database) -> None:
    rows = answer("panels stationed at hub 1", couriers)
    want = expect("SELECT van_id FROM vans WHERE body = 'panel' AND hub_id = 1", couriers)
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


def test_a_value_said_as_it_is_names_no_rows(couriers: Database) -> None:
    """'Leeds' is a town: couriers of the Leeds hub are listed, not hubs."""
    rows = answer("who works at Leeds?", couriers)
    want = expect(
        "SELECT courier_id FROM couriers JOIN hubs USING (hub_id) WHERE town = 'Leeds'", couriers
    )
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


def test_a_comparison_on_average_compares_the_average(couriers: Database) -> None:
    rows = answer("hubs whose van payload is over 1000 kg on average", couriers)
    want = expect("SELECT hub_id FROM vans GROUP BY 1 HAVING avg(payload_kg) > 1000", couriers)
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


def test_over_all_rows_adds_nothing(couriers: Database) -> None:
    rows = answer("average payload over all vans", couriers)
    assert numbers(rows) == numbers(expect("SELECT avg(payload_kg) FROM vans", couriers))


def test_which_n_values_have_the_most_rows(couriers: Database) -> None:
    rows = answer("which body has the most vans?", couriers)
    want = expect("SELECT body, count(*) FROM vans GROUP BY 1 ORDER BY 2 DESC LIMIT 1", couriers)
    assert numbers(rows) == numbers(want)


def test_nobody_is_a_row_with_no_match(couriers: Database) -> None:
    rows = answer("parcels that nobody surveyed", couriers)
    want = expect(
        "SELECT parcel_id FROM parcels WHERE parcel_id NOT IN (SELECT parcel_id FROM surveys)",
        couriers,
    )
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


def test_in_the_catalogue_adds_nothing(couriers: Database) -> None:
    rows = answer("what bodies do we have in the catalogue?", couriers)
    assert sorted(rows) == sorted(expect("SELECT DISTINCT body FROM vans", couriers))


def test_new_rows_per_period_are_counted_by_their_only_date(couriers: Database) -> None:
    rows = answer("new couriers per year", couriers)
    want = expect("SELECT year(hired_on), count(*) FROM couriers GROUP BY 1", couriers)
    assert sorted((int(str(r[0])[:4]), r[1]) for r in rows) == sorted(want)


def test_new_rows_with_several_dates_are_a_question(couriers: Database) -> None:
    """A parcel has a dispatch and a delivery time: which one makes it new is not said."""
    refusal("new parcels per month", couriers)


def test_how_many_and_how_many_of_them_are_two_counts_side_by_side(couriers: Database) -> None:
    """The second count's condition does not filter the rows of the first count."""
    rows = answer(
        "for each courier, how many parcels are there and how many of them are express?",
        couriers,
    )
    want = expect(
        "SELECT courier_id, count(*), count(*) FILTER (WHERE service = 'express') FROM parcels"
        " GROUP BY 1",
        couriers,
    )
    assert sorted((r[0], r[-2], r[-1]) for r in numbers(rows)) == sorted(numbers(want))


def test_a_word_of_asking_that_is_a_value_is_never_dropped(couriers: Database) -> None:
    """'express' also asks ('express it as ...'): after 'of them are' it can only be refused
    or read as the value, never ignored."""
    rows = answer("share of parcels that are express", couriers)
    want = expect(
        "SELECT avg(CASE WHEN service = 'express' THEN 1.0 ELSE 0 END) FROM parcels", couriers
    )
    assert numbers(rows) == numbers(want)
    assert "express" in refusal("how many parcels per courier, express", couriers)

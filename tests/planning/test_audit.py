"""The reading audit: words and plan elements must answer for each other.

The first tests hand the audit a reading directly (items, and the steps that consumed them), so
each concern is checked apart from whatever the passes happen to read today. The last ones
plan whole requests on a marina schema written for this file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.planning.probe import Database, open_schema, outcome, sorted_rows

from datamorph.catalog import Catalog
from datamorph.planning.audit import Step, concerns
from datamorph.planning.base import PlanningError
from datamorph.planning.intent import Condition, Derived, Group, Intent, Measure
from datamorph.planning.lexicon import Lexicon, Ref
from datamorph.planning.linking import Item

MARINA = """
CREATE TABLE berths (berth_id INTEGER PRIMARY KEY, berth_code VARCHAR,
  is_berth_covered BOOLEAN, length_m DOUBLE, berth_state VARCHAR);
CREATE TABLE moorings (mooring_id INTEGER PRIMARY KEY, berth_id INTEGER REFERENCES berths,
  boat_name VARCHAR, boat_class VARCHAR, fee_pct DOUBLE, discount DOUBLE, arrived_on DATE,
  stay_nights INTEGER);
INSERT INTO berths SELECT i, 'B-' || i, i % 3 = 0, 8 + i % 12,
  ['Free', 'Taken', 'Closed'][1 + i % 3] FROM range(1, 41) t(i);
INSERT INTO moorings SELECT i, 1 + i % 40, 'boat ' || i,
  ['Sloop', 'Ketch', 'Catamaran'][1 + i % 3], 1.5 + i % 9, (i % 7) / 20,
  DATE '2025-01-01' + CAST(i * 3 AS INTEGER), 1 + i % 10 FROM range(1, 201) t(i);
"""


@pytest.fixture(scope="module")
def marina(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("marina")), MARINA)


def word(text: str, *refs: Ref) -> Item:
    return Item("ref", text, list(refs), used=True)


def audit(items: list[Item], steps: list[Step], catalog: Catalog) -> list[str]:
    intent = Intent()
    intent.trace = steps
    return concerns(items, intent, Lexicon(catalog))


CLASS = Ref("column", "moorings", "boat_class")
NIGHTS = Ref("column", "moorings", "stay_nights")


def test_a_word_swallowed_by_an_element_it_does_not_name_is_a_concern(marina: Any) -> None:
    """'average stay by boat class' read as one average of nights: the group was lost."""
    items = [word("stay", NIGHTS), word("boat class", CLASS)]
    average = Measure("avg", "moorings", "stay_nights")
    found = audit(items, [Step("measures", {0, 1}, [("measures", average)])], marina[1])
    assert any('"boat class"' in c and "moorings.boat_class" in c for c in found), found


def test_the_same_words_read_as_what_they_name_hold(marina: Any) -> None:
    items = [word("stay", NIGHTS), word("boat class", CLASS)]
    steps = [
        Step("measures", {0}, [("measures", Measure("avg", "moorings", "stay_nights"))]),
        Step("groups", {1}, [("groups", Group("moorings", "boat_class"))]),
    ]
    assert audit(items, steps, marina[1]) == []


def test_an_element_no_word_asked_for_is_a_concern(marina: Any) -> None:
    items = [word("moorings", Ref("table", "moorings")), Item("filler", "please", used=True)]
    steps = [
        Step("tables", {0}, [("tables", "moorings")]),
        Step("default", {1}, [("groups", Group("berths", "berth_state"))]),
    ]
    found = audit(items, steps, marina[1])
    assert any(c.startswith("no word of the request asks to") for c in found), found


def test_a_number_read_twice_is_a_concern(marina: Any) -> None:
    """'above 4%' as a threshold and, again, as a 4 % increase of the fee."""
    fee = Ref("column", "moorings", "fee_pct")
    four = Item("number", "4%", value=0.04, used=True)
    items = [word("fee", fee), four, Item("kw", "above", cls="cmp", used=True)]
    increase = Derived("fee_with_increase", "{c0} * 1.04", [("moorings", "fee_pct")])
    threshold = Condition("{col} > 0.04", "moorings", "fee_pct")
    steps = [
        Step("derived", {0, 1}, [("derived", increase)]),
        Step("comparisons", {2}, [("filters", threshold)]),
    ]
    found = audit(items, steps, marina[1])
    assert any('"4%" is read twice' in c for c in found), found


def test_a_value_word_shown_as_a_column_is_a_concern(marina: Any) -> None:
    """'taken berths' showing berth_state instead of keeping the taken ones."""
    taken = Ref("value", "berths", "berth_state", "Taken")
    items = [word("taken", taken, Ref("column", "berths", "berth_state"))]
    steps = [Step("leftovers", {0}, [("columns", ("berths", "berth_state"))])]
    found = audit(items, steps, marina[1])
    assert any("could mean berths.berth_state = 'Taken'" in c for c in found), found


def test_a_table_word_reaching_a_flag_by_part_of_its_name_is_not_a_filter(marina: Any) -> None:
    covered = Ref("column", "berths", "is_berth_covered", weak=True)
    items = [word("berths", Ref("table", "berths"), covered)]
    steps = [Step("flags", {0}, [("filters", Condition("{col}", "berths", "is_berth_covered"))])]
    found = audit(items, steps, marina[1])
    assert any("names the table berths" in c for c in found), found


# ---- whole requests ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "sql"),
    [
        (
            "moorings with a fee above 4% - boat name",
            "SELECT mooring_id, boat_name FROM moorings WHERE fee_pct > 4",
        ),
        (
            "moorings with a fee of 6% or more - boat name",
            "SELECT mooring_id, boat_name FROM moorings WHERE fee_pct >= 6",
        ),
        (
            "moorings with a discount above 10% - boat name",
            "SELECT mooring_id, boat_name FROM moorings WHERE discount > 0.1",
        ),
    ],
)
def test_a_percentage_compares_on_the_scale_the_column_stores(
    prompt: str, sql: str, marina: Any
) -> None:
    """fee_pct holds percent points (1.5 .. 9.5), discount holds fractions (0 .. 0.3)."""
    assert outcome(prompt, marina) == sorted_rows(sql, marina)


def test_a_percentage_added_to_a_column_multiplies_it(marina: Any) -> None:
    got = outcome("boat name and fee including 10% tax", marina)
    assert got == sorted_rows("SELECT mooring_id, boat_name, fee_pct * 1.1 FROM moorings", marina)


def test_a_qualifier_read_as_another_tables_column_is_a_concern(marina: Any) -> None:
    """'Sloop moorings' must not show a column of berths that merely shares a word."""
    state = Ref("column", "berths", "berth_state", weak=True)
    items = [word("state", state), word("moorings", Ref("table", "moorings"))]
    steps = [Step("leftovers", {0, 1}, [("columns", ("berths", "berth_state"))])]
    found = audit(items, steps, marina[1])
    assert any("not as a kind of moorings" in c for c in found), found


def test_two_conditions_no_row_can_meet_are_a_concern(marina: Any) -> None:
    covered = Ref("column", "berths", "is_berth_covered")
    items = [Item("kw", "not", cls="not", used=True), word("covered", covered)]
    steps = [
        Step(
            "flags",
            {0, 1},
            [
                ("filters", Condition("{col} = false", "berths", "is_berth_covered")),
                ("filters", Condition("{col} = true", "berths", "is_berth_covered")),
            ],
        )
    ]
    intent = Intent()
    intent.trace = steps
    intent.filters = [element for _, element in steps[0].elements]
    found = concerns(items, intent, Lexicon(marina[1]))
    assert any("is kept both" in c for c in found), found


def test_a_label_asked_for_stays_when_the_rows_are_distinct(marina: Any) -> None:
    """'which sloops ...? boat name and fee': the boat name was asked for, and stays when
    the rows are made distinct (the row key added on its own goes)."""
    got = outcome("which sloops have a fee above 5%? boat name and fee", marina)
    sql = (
        "SELECT DISTINCT boat_name, fee_pct FROM moorings WHERE fee_pct > 5"
        " AND boat_class = 'Sloop'"
    )
    assert got == sorted_rows(sql, marina)


def test_how_many_of_a_participle_never_adds_the_number_up(marina: Any) -> None:
    """'how many discounted moorings' counts moorings; sum(discount) answers another question."""
    got = outcome("how many discounted moorings per boat class", marina)
    if not isinstance(got, PlanningError):
        assert got == sorted_rows(
            "SELECT boat_class, count(*) FROM moorings WHERE discount > 0 GROUP BY ALL", marina
        )

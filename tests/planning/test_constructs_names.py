"""Naming rows and columns, on a schema written for these tests: a row's label when it is not
called `name` (`menu_items.item`, `fld_nm`), values with accents and values beyond the twenty
most frequent, and a word that reaches one column by its spelling and another by its meaning."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.planning.probe import Database, answer, expect, open_schema, refusal

from datamorph.engines.duckdb import DuckDBEngine

SCHEMA = """
CREATE TABLE kitchens (kitchen_id INTEGER PRIMARY KEY, ktch_nm VARCHAR, city VARCHAR);
CREATE TABLE menu_items (menu_item_id INTEGER PRIMARY KEY,
  kitchen_id INTEGER REFERENCES kitchens, item VARCHAR, price_eur DECIMAL(6, 2),
  food_cost_eur DECIMAL(6, 2), vegetarian BOOLEAN);
INSERT INTO kitchens VALUES (1, 'Le Comptoir', 'Lyon'), (2, 'Sakura', 'Paris');
INSERT INTO menu_items SELECT i, 1 + i % 2,
  'plate ' || chr(CAST(97 + i % 26 AS INT)) || chr(CAST(97 + i // 26 AS INT)) || 'x',
  5 + i % 17, 1 + i % 5, i % 3 = 0
  FROM range(1, 120) t(i);
INSERT INTO menu_items VALUES (500, 1, 'Crème brûlée', 8, 2, true);
"""


@pytest.fixture(scope="module")
def kitchens(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("kitchens")), SCHEMA)


def test_a_listing_shows_what_a_person_calls_each_row(kitchens: Database) -> None:
    """`item` is the label of menu_items (its head noun), so a list of prices says whose."""
    rows = answer("vegetarian menu items at Sakura with their prices", kitchens)
    want = expect(
        "SELECT item FROM menu_items JOIN kitchens USING (kitchen_id)"
        " WHERE vegetarian AND ktch_nm = 'Sakura'",
        kitchens,
    )
    assert {r[1] for r in rows} == {r[0] for r in want} and want


def test_an_abbreviated_name_column_is_the_label() -> None:
    from datamorph.planning.builder import label_of

    with DuckDBEngine(":memory:") as engine:
        engine.con.execute("CREATE TABLE fields (fld_id INTEGER PRIMARY KEY, fld_nm VARCHAR)")
        assert label_of(engine.catalog().table("fields")) == "fld_nm"


@pytest.mark.parametrize("said", ["crème brûlée", "creme brulee", "Crème Brûlée"])
def test_accents_are_neither_required_nor_in_the_way(said: str, kitchens: Database) -> None:
    rows = answer(f"what is the price of the {said}", kitchens)
    assert [float(r[-1]) for r in rows] == [8.0]


def test_a_value_beyond_the_twenty_most_frequent_is_still_known(kitchens: Database) -> None:
    """120 distinct dishes: the one asked for is not among the most frequent."""
    rows = answer("what is the price of plate nex", kitchens)  # i = 117
    assert [float(r[-1]) for r in rows] == [float(5 + 117 % 17)]


def test_a_word_that_names_two_columns_by_spelling_and_by_meaning_is_a_question(
    kitchens: Database,
) -> None:
    """'cost' is the last word of food_cost_eur and a synonym of price_eur."""
    message = refusal("what does the crème brûlée cost", kitchens)
    assert "food_cost_eur" in message and "price_eur" in message

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
CREATE TABLE fields (fld_id INTEGER PRIMARY KEY, fld_nm VARCHAR, soil_cd VARCHAR,
  irrig_flg BOOLEAN, tenure_cd VARCHAR, crop_cd VARCHAR, farm_nm VARCHAR);
CREATE TABLE plantings (pltg_id INTEGER PRIMARY KEY, fld_id INTEGER REFERENCES fields,
  season INTEGER, plant_dt DATE, pl_status VARCHAR);
COMMENT ON COLUMN plantings.pl_status IS 'Status: G growing, H harvested';
COMMENT ON COLUMN fields.soil_cd IS 'Soil type code: CL clay, SL sandy loam, PT peat';
COMMENT ON COLUMN fields.irrig_flg IS 'True if the field can be irrigated';
COMMENT ON COLUMN fields.tenure_cd IS 'Tenure: O owned, R rented (leased), X unknown';
INSERT INTO fields SELECT i, 'field ' || i, ['CL', 'SL', 'PT'][1 + i % 3], i % 4 = 0,
  ['O', 'R'][1 + i % 2], ['LIN', 'WW'][1 + i % 2], ['Home', 'Ridge'][1 + i % 2]
  FROM range(1, 41) t(i);
INSERT INTO plantings SELECT i, 1 + i % 40, 2023 + i % 3, DATE '2022-09-01' + CAST(i * 9 AS INT),
  ['G', 'H'][1 + i % 2] FROM range(1, 121) t(i);
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


@pytest.mark.parametrize(
    ("prompt", "where"),
    [
        ("sandy loam fields", "soil_cd = 'SL'"),
        ("rented fields", "tenure_cd = 'R'"),
        ("irrigated fields", "irrig_flg"),
    ],
)
def test_a_comment_names_coded_values_and_flags(
    prompt: str, where: str, kitchens: Database
) -> None:
    got = {r[0] for r in answer(prompt, kitchens)}
    assert got == {r[0] for r in expect(f"SELECT fld_id FROM fields WHERE {where}", kitchens)}


def test_a_comment_is_not_taken_for_codes_the_column_does_not_hold(kitchens: Database) -> None:
    """'X unknown' is in the comment, but no field has tenure X: 'unknown' names nothing."""
    assert refusal("unknown fields", kitchens)


def test_a_short_code_is_met_only_as_written(kitchens: Database) -> None:
    """'lines' is no form of the crop code 'LIN'."""
    assert "lines" in refusal("fields with lines", kitchens)


def test_a_superlative_is_never_the_minimum_of_a_name(kitchens: Database) -> None:
    """'the cheapest item' is no MIN(item), the first name in the alphabet."""
    assert "cheapest" in refusal("the cheapest item in each kitchen", kitchens)


def test_a_year_before_a_column_of_years_compares_that_column(kitchens: Database) -> None:
    """'the 2024 season' is season = 2024, not plantings planted in 2024."""
    got = {r[0] for r in answer("plantings in the 2024 season", kitchens)}
    assert got == {
        r[0] for r in expect("SELECT pltg_id FROM plantings WHERE season = 2024", kitchens)
    }


def test_a_past_tense_never_reaches_an_ongoing_state(kitchens: Database) -> None:
    """'grew' is not the 'G growing' status."""
    assert "grew" in refusal("plantings that grew", kitchens)


def test_an_abbreviated_name_names_its_entity(kitchens: Database) -> None:
    got = answer("irrigated fields per farm", kitchens)
    want = expect("SELECT farm_nm, count(*) FROM fields WHERE irrig_flg GROUP BY 1", kitchens)
    assert sorted(got) == sorted(want)

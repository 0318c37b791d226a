"""People and money, on a schema written for these tests: 'first name' for `given_name`
(WordNet synonyms of a column's name), verbs that only relate ('collected', 'received'), an
amount with its currency before 'or more', and a table's noun before a money word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.planning.probe import Database, answer, expect, numbers, open_schema, refusal

SCHEMA = """
CREATE TABLE servers (server_id INTEGER PRIMARY KEY, given_name VARCHAR, family_name VARCHAR);
CREATE TABLE checks (check_id INTEGER PRIMARY KEY, server_id INTEGER REFERENCES servers,
  total_gbp DECIMAL(8, 2), tip_gbp DECIMAL(6, 2), promo_code VARCHAR, payment_method VARCHAR);
INSERT INTO servers SELECT i, ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay'][i],
  ['Ortiz', 'Park', 'Quinn', 'Reyes', 'Stone', 'Tran'][i] FROM range(1, 7) t(i);
INSERT INTO checks SELECT i, 1 + (i * 7) % 6, 20 + (i * 37) % 180, (i * 13) % 17,
  CASE WHEN i % 5 = 0 THEN 'SPRING' || i % 3 END, ['card', 'cash'][1 + i % 2]
  FROM range(1, 200) t(i);
"""


@pytest.fixture(scope="module")
def diner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("diner")), SCHEMA)


def test_first_and_last_name_reach_given_and_family_name(diner: Database) -> None:
    got = answer("Which 3 servers collected the most tips? First name, last name", diner)
    want = expect(
        "SELECT given_name, family_name FROM checks JOIN servers USING (server_id)"
        " GROUP BY ALL ORDER BY sum(tip_gbp) DESC LIMIT 3",
        diner,
    )
    assert {(r[1], r[2]) for r in got} == set(want) and len(got) == 3


def test_an_amount_with_its_currency_before_or_more(diner: Database) -> None:
    got = {r[0] for r in answer("checks of £150 or more", diner)}
    assert got == {
        r[0] for r in expect("SELECT check_id FROM checks WHERE total_gbp >= 150", diner)
    }


def test_a_table_noun_before_a_money_word_says_whose_money(diner: Database) -> None:
    got = answer("the 2 servers with the most check revenue", diner)
    want = expect(
        "SELECT server_id, sum(total_gbp) FROM checks GROUP BY 1 ORDER BY 2 DESC LIMIT 2", diner
    )
    assert numbers([(r[0], r[-1]) for r in got]) == numbers(want)


def test_with_a_before_a_comparison_keeps_the_zeros(diner: Database) -> None:
    """'checks with a tip under 5' includes the checks whose tip is 0."""
    got = {r[0] for r in answer("checks with a tip under 5", diner)}
    want = {r[0] for r in expect("SELECT check_id FROM checks WHERE tip_gbp < 5", diner)}
    assert got == want and any(
        r[0] == 0 for r in expect("SELECT tip_gbp FROM checks WHERE tip_gbp < 5", diner)
    )


def test_by_the_rows_that_hold_the_amount_names_who_not_a_group(diner: Database) -> None:
    """'the total paid by checks per server': each check is one term, grouped by server."""
    got = answer("the total tip paid by checks per server", diner)
    want = expect("SELECT server_id, sum(tip_gbp) FROM checks GROUP BY 1", diner)
    assert sorted(numbers([(r[0], r[-1]) for r in got])) == sorted(numbers(want))


def test_the_average_of_a_table_of_amounts_is_of_its_money(diner: Database) -> None:
    got = answer("the average check per server", diner)
    want = expect("SELECT server_id, avg(total_gbp) FROM checks GROUP BY 1", diner)
    assert sorted(numbers([(r[0], r[-1]) for r in got])) == sorted(numbers(want))


def test_used_a_column_is_its_presence_not_a_grouping(diner: Database) -> None:
    got = answer("how many checks used a promo code", diner)
    assert got == expect("SELECT count(*) FROM checks WHERE promo_code IS NOT NULL", diner)


def test_a_participle_said_of_the_rows_is_a_condition_or_a_refusal(diner: Database) -> None:
    """'checks that were tipped' is no list of checks with their tip column."""
    assert "tipped" in refusal("checks that were tipped", diner)


def test_a_money_participle_after_the_rows_is_no_sum(diner: Database) -> None:
    """'number of checks paid by card' counts checks; it never sums their money."""
    assert "paid" in refusal("number of checks paid by card", diner)

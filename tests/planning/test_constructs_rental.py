"""Constructs analysts use, read on a car-rental schema written for this file: each completed
plan is executed and compared with a hand-written query, and each near miss is refused.

The schema has a car's home branch (one key from cars to branches) and two keys from rentals
to branches (pickup and return), so 'home' can be read for cars and must be refused for
rentals.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.planning.probe import Database, answer, expect, open_schema, refusal
from tests.planning.probe import numbers as rounded

from datamorph.planning.wordnet import wordnet

RENTALS = """
CREATE TABLE branches (branch_id INTEGER PRIMARY KEY, city VARCHAR);
CREATE TABLE cars (car_id INTEGER PRIMARY KEY, branch_id INTEGER REFERENCES branches,
  model VARCHAR, seats INTEGER);
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, full_name VARCHAR, vip BOOLEAN);
CREATE TABLE rentals (rental_id INTEGER PRIMARY KEY, car_id INTEGER REFERENCES cars,
  customer_id INTEGER REFERENCES customers, pickup_branch_id INTEGER REFERENCES branches,
  return_branch_id INTEGER REFERENCES branches, started_on DATE, cancelled BOOLEAN,
  fee_eur DECIMAL(10, 2), km_driven INTEGER);
CREATE TABLE extras (extra_id INTEGER PRIMARY KEY, rental_id INTEGER REFERENCES rentals,
  item VARCHAR, quantity INTEGER);
INSERT INTO branches SELECT i, ['Oslo', 'Bergen', 'Tromso', 'Bodo', 'Alta'][i]
  FROM range(1, 6) t(i);
INSERT INTO cars SELECT i, 1 + i % 4, ['polo', 'golf', 'passat'][1 + i % 3], 4 + i % 3
  FROM range(1, 31) t(i);
INSERT INTO customers SELECT i, 'customer ' || i, i % 5 = 0 FROM range(1, 41) t(i);
INSERT INTO rentals SELECT i, 1 + (i * 7) % 29, 1 + (i * 11) % 40, 1 + i % 4, 1 + (i + 1) % 4,
  DATE '2024-01-01' + CAST((i * 3) % 540 AS INTEGER), i % 9 = 0, 40 + (i * 13) % 300,
  (i * 37) % 900 FROM range(1, 601) t(i);
INSERT INTO extras SELECT i, 1 + (i * 5) % 600, ['gps', 'child seat', 'chains'][1 + i % 3],
  1 + i % 4 FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def rental(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(tmp_path_factory.mktemp("rental"), RENTALS)


def numbers(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted(rounded(rows))


@pytest.mark.skipif(wordnet() is None, reason="Debian's wordnet-base is not installed")
def test_a_rate_is_the_share_of_rows_where_its_event_holds(rental: Any) -> None:
    got = answer("cancellation rate per customer, as a share from 0 to 1", rental)
    want = expect(
        "SELECT c.customer_id, c.full_name, avg(CASE WHEN r.cancelled THEN 1.0 ELSE 0 END) "
        "FROM rentals r JOIN customers c USING (customer_id) GROUP BY ALL",
        rental,
    )
    assert numbers(got) == numbers(want)


def test_a_rate_of_nothing_the_plan_reads_is_refused(rental: Any) -> None:
    assert "rate" in refusal("utilisation rate per car", rental)


def test_home_is_the_one_key_a_row_has_to_that_table(rental: Any) -> None:
    got = answer("number of cars per home branch", rental)
    want = expect("SELECT branch_id, count(*) FROM cars GROUP BY branch_id", rental)
    assert numbers(got) == numbers(want)


def test_home_is_refused_when_the_row_has_two_keys_to_that_table(rental: Any) -> None:
    assert "home" in refusal("rentals per home branch", rental)


def test_a_range_of_days_said_in_full_is_the_range(rental: Any) -> None:
    got = answer("rentals in the 30 days up to the latest start date (inclusive)", rental)
    want = expect(
        "SELECT * FROM rentals WHERE started_on > (SELECT max(started_on) FROM rentals) - 30",
        rental,
    )
    assert numbers(got) == numbers(want) and 0 < len(want) < 600


def test_a_restated_range_must_agree_with_the_range(rental: Any) -> None:
    agreed = (
        "rentals in the last 30 days of the data: the 30 days ending on the latest start date, "
        "that day included"
    )
    assert len(answer(agreed, rental)) == len(
        expect(
            "SELECT * FROM rentals WHERE started_on > (SELECT max(started_on) FROM rentals) - 30",
            rental,
        )
    )
    disagreeing = agreed.replace("the 30 days ending", "the 20 days ending")
    assert "20 days" in refusal(disagreeing, rental)


def test_a_change_explains_its_first_period_and_nothing_else_may(rental: Any) -> None:
    got = answer(
        "rentals per start month and the change from the previous month "
        "(the first month has no previous one)",
        rental,
    )
    assert got[0][2] is None and all(row[2] is not None for row in got[1:])
    assert "first month" in refusal(
        "number of rentals per car (the first month has no previous one)", rental
    )


def test_a_date_column_then_a_grain_groups_by_its_periods(rental: Any) -> None:
    got = answer("number of rentals for each start month", rental)
    want = expect(
        "SELECT date_trunc('month', started_on), count(*) FROM rentals GROUP BY 1", rental
    )
    assert numbers(got) == numbers(want)


def test_how_many_units_is_the_total_quantity(rental: Any) -> None:
    got = answer("how many units of extras per item", rental)
    want = expect("SELECT item, sum(quantity) FROM extras GROUP BY item", rental)
    assert numbers(got) == numbers(want)


def test_including_rows_that_have_none_counts_them_as_zero(rental: Any) -> None:
    got = answer("number of rentals of each car, including cars that have none", rental)
    assert len(got) == 30 and (30, 0) in got


def test_a_superlative_then_first_orders_by_that_column(rental: Any) -> None:
    got = answer("all rentals, earliest start date first", rental)
    dates = [row[5] for row in got]
    assert dates == sorted(dates) and len(got) == 600


def test_a_total_of_a_tables_number_column(rental: Any) -> None:
    got = answer("total rental fee per car", rental)
    want = expect("SELECT car_id, sum(fee_eur) FROM rentals GROUP BY car_id", rental)
    assert numbers(got) == numbers(want)


def test_a_plain_in_is_a_preposition(rental: Any) -> None:
    got = answer("which cars are in Oslo", rental)
    assert len(got) == len(expect("SELECT * FROM cars WHERE branch_id = 1", rental)) > 0


def test_break_down_by_is_a_grouping_and_a_bare_how_many_counts_its_rows(rental: Any) -> None:
    got = answer("Break the cars down by model: how many are there of each?", rental)
    want = expect("SELECT model, count(*) FROM cars GROUP BY model", rental)
    assert numbers(got) == numbers(want)


def test_how_much_in_total_is_money_where_how_many_is_a_count(rental: Any) -> None:
    got = answer("rentals by pickup branch: how many and how much in total", rental)
    want = expect("SELECT pickup_branch_id, count(*), sum(fee_eur) FROM rentals GROUP BY 1", rental)
    assert numbers(got) == numbers(want)


def test_rows_adding_up_to_a_value_are_totalled_per_asking_entity(rental: Any) -> None:
    got = answer("Which customers have rentals adding up to more than 2,900?", rental)
    want = expect(
        "SELECT customer_id, full_name, sum(fee_eur) FROM rentals JOIN customers "
        "USING (customer_id) GROUP BY ALL HAVING sum(fee_eur) > 2900",
        rental,
    )
    assert numbers(got) == numbers(want) and 0 < len(want) < 40


def test_a_condition_on_a_total_without_groups_is_refused(rental: Any) -> None:
    assert "groups" in refusal("total rental fee above 1000", rental)


def test_a_sort_by_a_superlative_takes_no_number_a_comparison_owns(rental: Any) -> None:
    got = answer(
        "For cars with more than 20 rentals, how many rentals does each have? "
        "Most rentals first, ties broken by car id",
        rental,
    )
    want = expect(
        "SELECT car_id, count(*) AS n FROM rentals GROUP BY car_id HAVING count(*) > 20 "
        "ORDER BY n DESC, car_id",
        rental,
    )
    assert [row[0] for row in got] == [row[0] for row in want] and len(want) > 1


def test_show_zero_keeps_the_groups_that_have_no_rows(rental: Any) -> None:
    got = answer(
        "How many rentals does each car have? Cars that don't have any should show zero", rental
    )
    assert len(got) == 30 and (30, 0) in got


def test_a_percentage_change_from_the_previous_period(rental: Any) -> None:
    got = answer(
        "number of rentals per month and the percentage change (0-100) versus the month before",
        rental,
    )
    want = expect(
        "SELECT m, n, 100.0 * (n - lag(n) OVER (ORDER BY m)) / lag(n) OVER (ORDER BY m) FROM "
        "(SELECT date_trunc('month', started_on) m, count(*) n FROM rentals GROUP BY 1) "
        "ORDER BY m",
        rental,
    )
    assert len(got) == len(want) > 12 and got[0][2] is None
    assert all(
        abs(float(g[2]) - float(w[2])) < 1e-9 for g, w in zip(got[1:], want[1:], strict=True)
    )


@pytest.mark.parametrize(
    "prompt",
    [
        "number of rentals per month and the change from the previous year",
        "number of rentals per month and the percentage change versus the year before",
        "number of rentals per quarter, month over month change",
    ],
)
def test_a_change_against_another_period_than_the_results_is_refused(
    prompt: str, rental: Any
) -> None:
    assert "previous" in refusal(prompt, rental)


def test_a_key_typed_as_it_is_then_a_number_is_that_row(rental: Any) -> None:
    assert answer("car_id 5 with its model", rental) == expect(
        "SELECT car_id, model FROM cars WHERE car_id = 5", rental
    )
    assert len(answer("rentals of car_id 5", rental)) == len(
        expect("SELECT * FROM rentals WHERE car_id = 5", rental)
    )


def test_an_event_noun_names_its_flag_only_before_rate(rental: Any) -> None:
    # a "cancellation fee" is not the fee of cancelled rentals: there is no such column
    assert "cancellation" in refusal("total cancellation fee per customer", rental)


def test_money_compares_only_with_money_in_the_same_currency(rental: Any) -> None:
    assert "$5" in refusal("cars with over $5 seats", rental)
    assert "$300" in refusal("rentals with a fee above $300", rental)  # the fee is in euros
    assert len(answer("rentals with a fee above €300", rental)) == len(
        expect("SELECT * FROM rentals WHERE fee_eur > 300", rental)
    )


def test_the_size_of_a_row_is_its_money(rental: Any) -> None:
    got = answer("the 3 biggest rentals", rental)
    want = expect("SELECT * FROM rentals ORDER BY fee_eur DESC, rental_id LIMIT 3", rental)
    assert [row[7] for row in got] == [row[7] for row in want]
    got = answer("for each customer, the smallest and the largest rental", rental)
    want = expect(
        "SELECT customer_id, full_name, min(fee_eur), max(fee_eur) FROM rentals "
        "JOIN customers USING (customer_id) GROUP BY ALL",
        rental,
    )
    assert numbers(got) == numbers(want)
    assert "largest" in refusal("the largest branch", rental)  # a branch has no money


def test_rows_that_have_none_shown_as_zero_are_kept_not_excluded(rental: Any) -> None:
    got = answer("Rental count per car, showing cars that have no rentals yet as zero", rental)
    assert len(got) == 30 and (30, 0) in got

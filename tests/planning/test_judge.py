"""The judge that scores planners: what it accepts, what it rejects, and why."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from datamorph.catalog import Catalog
from datamorph.demo.showcase import demo_spec
from datamorph.engines.duckdb import DuckDBEngine

from .judge import judge, run_reference, run_spec

REF_COLS = ["customer_id", "total"]
REF_ROWS = [(1, Decimal("10.50")), (2, Decimal("20.00")), (3, Decimal("7.25"))]


def test_identical_result_passes() -> None:
    verdict = judge(REF_COLS, REF_ROWS, REF_COLS, REF_ROWS, ordered=True)
    assert verdict.ok, verdict.reason
    assert verdict.mapping == {"customer_id": "customer_id", "total": "total"}


def test_columns_may_be_renamed_and_permuted() -> None:
    result = [(total, cid) for cid, total in REF_ROWS]
    verdict = judge(["sum_amount", "id"], result, REF_COLS, REF_ROWS, ordered=False)
    assert verdict.ok, verdict.reason
    assert verdict.mapping == {"customer_id": "id", "total": "sum_amount"}


def test_extra_result_columns_are_allowed() -> None:
    result = [("Ada", cid, total, True) for cid, total in REF_ROWS]
    verdict = judge(["name", "cid", "t", "flag"], result, REF_COLS, REF_ROWS, ordered=False)
    assert verdict.ok, verdict.reason


def test_missing_column_fails() -> None:
    result = [(cid,) for cid, _ in REF_ROWS]
    verdict = judge(["customer_id"], result, REF_COLS, REF_ROWS, ordered=False)
    assert not verdict.ok
    assert "'total'" in verdict.reason


def test_wrong_value_fails() -> None:
    result = [*REF_ROWS[:2], (3, Decimal("7.50"))]
    verdict = judge(REF_COLS, result, REF_COLS, REF_ROWS, ordered=False)
    assert not verdict.ok
    assert "'total'" in verdict.reason


def test_row_count_must_match() -> None:
    verdict = judge(REF_COLS, REF_ROWS[:2], REF_COLS, REF_ROWS, ordered=False)
    assert not verdict.ok
    assert "expected 3 rows, got 2" in verdict.reason
    duplicated = judge(REF_COLS, [*REF_ROWS, REF_ROWS[0]], REF_COLS, REF_ROWS, ordered=False)
    assert not duplicated.ok


def test_rows_are_a_multiset() -> None:
    reference = [(1,), (1,), (2,)]
    assert judge(["x"], [(2,), (1,), (1,)], ["x"], reference, ordered=False).ok
    assert not judge(["x"], [(1,), (2,), (2,)], ["x"], reference, ordered=False).ok


def test_numbers_compare_with_tolerance_across_types() -> None:
    reference = [(Decimal("10.50"), 3, 1_000_000_000.0)]
    close = [(10.504, 3.0, 1_000_000_100.0)]  # abs 0.004; int vs float; rel 1e-7
    assert judge(list("abc"), close, list("abc"), reference, ordered=False).ok
    far = [(10.52, 3.0, 1_000_000_000.0)]  # abs 0.02 on a small number
    assert not judge(list("abc"), far, list("abc"), reference, ordered=False).ok
    off = [(10.50, 3.0, 1_000_010_000.0)]  # rel 1e-5
    assert not judge(list("abc"), off, list("abc"), reference, ordered=False).ok


def test_booleans_are_not_numbers_and_nulls_only_match_nulls() -> None:
    assert not judge(["b"], [(1,), (0,)], ["b"], [(True,), (False,)], ordered=False).ok
    assert judge(["b"], [(False,), (True,)], ["b"], [(True,), (False,)], ordered=False).ok
    assert not judge(["x"], [(0,), (1,)], ["x"], [(None,), (1,)], ordered=False).ok
    assert judge(["x"], [(1,), (None,)], ["x"], [(None,), (1,)], ordered=False).ok
    nan = float("nan")
    assert judge(["x"], [(nan,)], ["x"], [(nan,)], ordered=False).ok


def test_strings_compare_exactly() -> None:
    assert not judge(["s"], [("completed",)], ["s"], [("Completed",)], ordered=False).ok
    assert not judge(["s"], [("completed ",)], ["s"], [("completed",)], ordered=False).ok
    assert not judge(["s"], [("1",)], ["s"], [(1,)], ordered=False).ok


def test_order_matters_only_when_asked() -> None:
    shuffled = [REF_ROWS[2], REF_ROWS[0], REF_ROWS[1]]
    assert judge(REF_COLS, shuffled, REF_COLS, REF_ROWS, ordered=False).ok
    verdict = judge(REF_COLS, shuffled, REF_COLS, REF_ROWS, ordered=True)
    assert not verdict.ok
    assert "order" in verdict.reason


def test_values_must_pair_up_within_rows() -> None:
    reference = [(1, "x"), (2, "y")]
    crossed = [(1, "y"), (2, "x")]  # each column right on its own, the rows wrong
    verdict = judge(["n", "s"], crossed, ["n", "s"], reference, ordered=False)
    assert not verdict.ok
    assert "do not pair up" in verdict.reason


def test_tries_other_candidate_columns() -> None:
    # x and y hold the same values; only y lines up with s.
    reference = [(1, "p"), (2, "q"), (3, "r")]
    result = [(3, 1, "p"), (2, 2, "q"), (1, 3, "r")]
    verdict = judge(["x", "y", "s"], result, ["a", "b"], reference, ordered=True)
    assert verdict.ok, verdict.reason
    assert verdict.mapping == {"a": "y", "b": "s"}


def test_near_equal_numbers_that_sort_differently_still_match() -> None:
    reference = [(1.0, "a"), (1.004, "b")]
    result = [(1.005, "a"), (1.0, "b")]
    assert judge(["n", "s"], result, ["n", "s"], reference, ordered=False).ok
    assert not judge(["n", "s"], [(1.02, "a"), (1.0, "b")], ["n", "s"], reference, ordered=False).ok


def test_dates_and_timestamps_compare_as_iso_strings() -> None:
    reference = [(dt.date(2024, 3, 1),), (dt.date(2024, 4, 1),)]
    for result in (
        [(dt.datetime(2024, 3, 1),), (dt.datetime(2024, 4, 1),)],  # date_trunc gives TIMESTAMP
        [("2024-03-01",), ("2024-04-01",)],
        [("2024-03",), ("2024-04",)],  # a month label
    ):
        verdict = judge(["month"], result, ["month"], reference, ordered=False)
        assert verdict.ok, (result, verdict.reason)
    not_midnight = [(dt.datetime(2024, 3, 1, 12),), (dt.datetime(2024, 4, 1),)]
    assert not judge(["m"], not_midnight, ["month"], reference, ordered=False).ok
    wrong_month = [("2024-03",), ("2024-05",)]
    assert not judge(["m"], wrong_month, ["month"], reference, ordered=False).ok


def test_integer_years_match_a_year_grain() -> None:
    reference = [(dt.date(2023, 1, 1), 5), (dt.date(2024, 1, 1), 7)]
    assert judge(["year", "n"], [(2024, 7), (2023, 5)], ["y", "n"], reference, ordered=False).ok
    # The other way round (integer years in the reference) is not a time grain reading.
    years = [(2023,), (2024,)]
    assert not judge(
        ["d"], [(dt.date(2023, 1, 1),), (dt.date(2024, 1, 1),)], ["y"], years, ordered=False
    ).ok
    months = [(dt.date(2024, 2, 1),)]
    assert not judge(["y"], [(2024,)], ["m"], months, ordered=False).ok


def test_run_spec_and_run_reference_agree_on_the_demo_pipeline(
    retail_engine: DuckDBEngine, retail_catalog: Catalog
) -> None:
    reference = run_reference(
        retail_engine.con,
        """
        SELECT c.customer_id, c.customer_name,
            sum(o.amount - coalesce(o.discount, 0)) AS total_amount, count(*) AS order_count
        FROM customers c JOIN orders o ON o.customer_id = c.customer_id
        WHERE o.status = 'completed'
        GROUP BY c.customer_id, c.customer_name
        HAVING sum(o.amount - coalesce(o.discount, 0)) > 1000
        ORDER BY total_amount DESC
        """,
    )
    result = run_spec(retail_engine, demo_spec(), retail_catalog)
    assert reference.rows
    verdict = judge(*result, *reference, ordered=True)
    assert verdict.ok, verdict.reason
    # A reference missing the threshold keeps more rows: the judge notices.
    looser = run_reference(
        retail_engine.con,
        "SELECT customer_id FROM orders WHERE status = 'completed' GROUP BY customer_id",
    )
    assert not judge(*result, *looser, ordered=False).ok


def test_large_whole_numbers_within_tolerance_still_pair_rows() -> None:
    reference = [(2_000_000_000.0, "a"), (2_000_000_100.0, "b")]
    result = [(2_000_000_150.0, "a"), (1_999_999_900.0, "b")]
    assert judge(["n", "s"], result, ["n", "s"], reference, ordered=False).ok

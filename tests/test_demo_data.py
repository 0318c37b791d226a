"""The seeded retail demo data: determinism, integrity, shape and the documented dirt."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from datamorph.demo.data import RETAIL_FOREIGN_KEYS, RETAIL_TABLES, generate_retail
from datamorph.errors import UsageError

STATUSES = {
    "completed": 0.70,
    "shipped": 0.10,
    "pending": 0.08,
    "cancelled": 0.07,
    "returned": 0.05,
}
PRIMARY_KEYS = {
    "customers": "customer_id",
    "products": "product_id",
    "orders": "order_id",
    "order_items": "order_item_id",
    "payments": "payment_id",
}


def _generated(orders: int, seed: int = 42) -> tuple[duckdb.DuckDBPyConnection, dict[str, int]]:
    con = duckdb.connect()
    return con, generate_retail(con, orders=orders, seed=seed)


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection, _ = _generated(10_000)
    yield connection
    connection.close()


def _row(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...]:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    return _row(con, sql)[0]


def _snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in RETAIL_TABLES}


def test_same_seed_gives_identical_tables() -> None:
    first, _ = _generated(2_000, seed=7)
    second, _ = _generated(2_000, seed=7)
    assert _snapshot(first) == _snapshot(second)


def test_another_seed_gives_different_tables() -> None:
    first, _ = _generated(2_000, seed=42)
    second, _ = _generated(2_000, seed=43)  # adjacent seeds are the likeliest to be related
    a, b = _snapshot(first), _snapshot(second)
    assert all(a[table] != b[table] for table in RETAIL_TABLES)
    # Not merely shifted: an order's status under one seed says nothing about the other, so the
    # two agree about as often as two independent draws would (~51%).
    status = "SELECT lower(trim(status)) FROM orders ORDER BY order_id"
    pairs = zip(first.execute(status).fetchall(), second.execute(status).fetchall(), strict=True)
    agreement = sum(x == y for x, y in pairs) / 2_000
    assert agreement == pytest.approx(sum(p * p for p in STATUSES.values()), abs=0.05)


def test_row_counts_scale_with_orders() -> None:
    small_con, small = _generated(1_000)
    large_con, large = _generated(20_000)
    for counts, con, orders in ((small, small_con, 1_000), (large, large_con, 20_000)):
        assert set(counts) == set(RETAIL_TABLES)
        assert counts == {t: _one(con, f"SELECT count(*) FROM {t}") for t in RETAIL_TABLES}
        assert counts["orders"] == orders
        assert counts["customers"] == max(100, orders // 10)
        assert counts["products"] >= 50
        assert 2.3 * orders <= counts["order_items"] <= 2.7 * orders
        assert 0.8 * orders <= counts["payments"] <= 1.05 * orders
    assert large["customers"] > small["customers"]
    assert large["order_items"] > 15 * small["order_items"]


def test_regenerating_replaces_the_tables_and_leaves_no_staging() -> None:
    other = duckdb.connect()
    generate_retail(other, orders=3_000)
    counts = generate_retail(other, orders=1_000)
    assert _one(other, "SELECT count(*) FROM orders") == counts["orders"] == 1_000
    tables = {row[0] for row in other.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == set(RETAIL_TABLES)


def test_primary_keys_are_declared_and_unique(con: duckdb.DuckDBPyConnection) -> None:
    declared = con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
        "WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert {table: columns[0] for table, columns in declared} == PRIMARY_KEYS
    for table, key in PRIMARY_KEYS.items():
        assert _one(con, f"SELECT count(DISTINCT {key}) = count(*) FROM {table}")


def test_every_foreign_key_value_exists_in_its_parent(con: duckdb.DuckDBPyConnection) -> None:
    assert len(RETAIL_FOREIGN_KEYS) == 4
    for child, column, parent, key in RETAIL_FOREIGN_KEYS:
        orphans = _one(
            con,
            f"SELECT count(*) FROM {child} c ANTI JOIN {parent} p ON c.{column} = p.{key}",
        )
        assert orphans == 0, f"{child}.{column} has values missing from {parent}.{key}"


def test_column_types_match_the_published_schema(con: duckdb.DuckDBPyConnection) -> None:
    types = dict(
        ((t, c), d)
        for t, c, d in con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns()"
        ).fetchall()
    )
    assert types[("products", "unit_price")] == "DECIMAL(10,2)"
    assert types[("orders", "amount")] == "DECIMAL(12,2)"
    assert types[("orders", "discount")] == "DECIMAL(10,2)"
    assert types[("order_items", "order_item_id")] == "BIGINT"
    assert types[("payments", "payment_date")] == "DATE"
    assert types[("customers", "is_active")] == "BOOLEAN"


def test_amounts_reconcile(con: duckdb.DuckDBPyConnection) -> None:
    mismatched_orders = _one(
        con,
        """SELECT count(*) FROM orders o
           FULL JOIN (SELECT order_id, sum(line_amount) AS s FROM order_items GROUP BY 1) i
             USING (order_id)
           WHERE o.amount IS DISTINCT FROM i.s""",
    )
    assert mismatched_orders == 0
    bad_lines = "SELECT count(*) FROM order_items WHERE line_amount <> quantity * unit_price"
    assert _one(con, bad_lines) == 0
    paid_mismatch = _one(
        con,
        """SELECT count(*) FROM orders o
           JOIN (SELECT order_id, sum(amount) AS paid FROM payments GROUP BY 1) p USING (order_id)
           WHERE p.paid <> o.amount - coalesce(o.discount, 0)""",
    )
    assert paid_mismatch == 0


def test_payments_never_precede_their_order(con: duckdb.DuckDBPyConnection) -> None:
    early = _one(
        con,
        "SELECT count(*) FROM payments p JOIN orders o USING (order_id) "
        "WHERE p.payment_date < o.order_date",
    )
    assert early == 0


def test_most_orders_have_one_payment_and_unpaid_ones_are_pending_or_cancelled(
    con: duckdb.DuckDBPyConnection,
) -> None:
    per_order = dict(
        con.execute(
            """SELECT n, count(*) / sum(count(*)) OVER () FROM (
                 SELECT count(p.order_id) AS n FROM orders o LEFT JOIN payments p USING (order_id)
                 GROUP BY o.order_id) GROUP BY n"""
        ).fetchall()
    )
    assert per_order[1] > 0.8
    assert 0.01 < per_order[2] < 0.1
    unpaid_statuses = {
        row[0]
        for row in con.execute(
            "SELECT DISTINCT lower(trim(status)) FROM orders "
            "WHERE order_id NOT IN (SELECT order_id FROM payments)"
        ).fetchall()
    }
    assert unpaid_statuses == {"pending", "cancelled"}


def test_status_distribution_is_roughly_as_specified(con: duckdb.DuckDBPyConnection) -> None:
    shares = dict(
        con.execute(
            "SELECT lower(trim(status)), count(*) / sum(count(*)) OVER () FROM orders GROUP BY 1"
        ).fetchall()
    )
    assert set(shares) == set(STATUSES)
    for status, expected in STATUSES.items():
        assert shares[status] == pytest.approx(expected, abs=0.02), status


def test_customers_without_orders_exist_and_activity_is_skewed(
    con: duckdb.DuckDBPyConnection,
) -> None:
    never = _one(
        con,
        "SELECT avg((customer_id NOT IN (SELECT customer_id FROM orders))::INTEGER) FROM customers",
    )
    assert 0.03 <= never <= 0.12
    # The busiest 1% of customers place far more than 1% of the orders.
    top_share = _one(
        con,
        """SELECT sum(n) / (SELECT count(*) FROM orders) FROM (
             SELECT count(*) AS n FROM orders GROUP BY customer_id ORDER BY n DESC
             LIMIT (SELECT count(*) // 100 FROM customers))""",
    )
    assert top_share > 0.05
    before_signup = "SELECT count(*) FROM customers JOIN orders USING (customer_id) "
    assert _one(con, before_signup + "WHERE order_date < signup_date") == 0


def test_orders_span_the_period_and_grow(con: duckdb.DuckDBPyConnection) -> None:
    first, last = _row(con, "SELECT min(order_date), max(order_date) FROM orders")
    assert first.year == 2021 and last.year == 2025
    per_year = dict(
        con.execute("SELECT year(order_date), count(*) FROM orders GROUP BY 1").fetchall()
    )
    assert per_year[2025] > 1.5 * per_year[2021]
    assert _one(
        con,
        "SELECT count(*) FILTER (month(order_date) = 12) > 1.5 * count(*) "
        "FILTER (month(order_date) = 6) FROM orders",
    )


def test_items_quantities_and_discounts_have_the_specified_shape(
    con: duckdb.DuckDBPyConnection,
) -> None:
    per_order = "SELECT count(*) AS n FROM order_items GROUP BY order_id"
    low, high, avg = _row(con, f"SELECT min(n), max(n), avg(n) FROM ({per_order})")
    assert (low, high) == (1, 4) and avg == pytest.approx(2.5, abs=0.1)
    quantities = "SELECT min(quantity), max(quantity), mode(quantity) FROM order_items"
    q_low, q_high, q_mode = _row(con, quantities)
    assert (q_low, q_high, q_mode) == (1, 10, 1)
    discounts = "SELECT avg((discount IS NULL)::INTEGER), max(discount / amount) FROM orders"
    null_share, max_rate = _row(con, discounts)
    assert null_share == pytest.approx(0.6, abs=0.03)
    assert max_rate <= 0.1501


def test_dirt_exists_in_the_documented_proportions(con: duckdb.DuckDBPyConnection) -> None:
    def share(table: str, condition: str) -> float:
        return float(_one(con, f"SELECT avg(({condition})::INTEGER) FROM {table}"))

    assert 0.01 <= share("customers", "email IS NULL") <= 0.035
    malformed = "email NOT LIKE '%@%' OR email <> lower(email) OR email <> trim(email)"
    assert 0.003 <= share("customers", f"email IS NOT NULL AND ({malformed})") <= 0.02
    assert 0.001 <= share("customers", "customer_name <> trim(customer_name)") <= 0.015
    assert 0.005 <= share("orders", f"status NOT IN {tuple(STATUSES)}") <= 0.015
    assert share("orders", f"lower(trim(status)) NOT IN {tuple(STATUSES)}") == 0
    variants = {row[0] for row in con.execute("SELECT DISTINCT status FROM orders").fetchall()}
    assert {"COMPLETED", " completed", "Completed"} <= variants
    assert 0 < _one(con, "SELECT count(*) FROM products WHERE category IS NULL") <= 5
    assert 0.002 <= share("payments", "method IS NULL") <= 0.01


@pytest.mark.parametrize("orders", [0, 999, 10_000_001, -5])
def test_out_of_range_orders_is_a_usage_error(orders: int) -> None:
    with pytest.raises(UsageError) as raised:
        generate_retail(duckdb.connect(), orders=orders)
    assert raised.value.hint


@pytest.mark.parametrize("orders", ["1000", 1000.0, True])
def test_non_integer_orders_is_a_usage_error(orders: Any) -> None:
    with pytest.raises(UsageError):
        generate_retail(duckdb.connect(), orders=orders)

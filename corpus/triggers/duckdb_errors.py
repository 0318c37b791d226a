"""DuckDB failures provoked for real, part 1: statements run against a small retail schema.

Each trigger is a list of statements that must fail, run on a fresh in-memory database holding
`FIXTURE`; the category is what the statement does wrong. File, setting, lock and memory
failures are in `duckdb_files.py`; `harvest()` here runs both.

Labelling decisions (one label per message template, decided by the trigger's intent):
- a NOT NULL violation is `code_defect`: every trigger is code that writes a NULL into a
  required column (an INSERT that leaves it out, a lookup that did not match);
- CHECK and FOREIGN KEY violations are `data_corruption`: the loaded rows break a declared
  rule of the data (negative amounts, orders of customers that do not exist);
- conversion errors come from casting data columns (raw text loaded as is), never literals
  written in the code: `data_corruption`;
- an INSERT whose source has gained a column is `schema_mismatch` (the source drifted);
- an integer overflow in the code's arithmetic is `code_defect` (the code chose the type).
"""

from __future__ import annotations

from typing import Any

import duckdb

from corpus.common import Recorder
from datamorph.monitor.taxonomy import Category

C = Category

FIXTURE = """
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email VARCHAR UNIQUE,
    segment VARCHAR NOT NULL, signup_date DATE);
CREATE TABLE products (product_id INTEGER PRIMARY KEY, product_name VARCHAR NOT NULL,
    category VARCHAR, unit_price DECIMAL(10, 2) CHECK (unit_price >= 0));
CREATE TABLE orders (order_id INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers (customer_id), order_date DATE NOT NULL,
    status VARCHAR, amount DECIMAL(12, 2) CHECK (amount >= 0), channel VARCHAR);
CREATE TABLE order_items (order_id INTEGER, line_no INTEGER, product_id INTEGER,
    quantity INTEGER CHECK (quantity > 0), PRIMARY KEY (order_id, line_no));
CREATE TABLE raw_orders (batch INTEGER, order_id VARCHAR, order_date VARCHAR, amount VARCHAR,
    quantity VARCHAR, payload VARCHAR, placed_at VARCHAR);
CREATE TABLE daily_sales (sale_date DATE, store_id INTEGER, revenue DECIMAL(12, 2));
INSERT INTO customers VALUES (1, 'ada@example.com', 'retail', '2023-01-05'),
    (2, 'ben@example.com', 'wholesale', '2023-02-11'), (3, NULL, 'retail', '2023-03-02');
INSERT INTO products VALUES (10, 'Headphones', 'electronics', 119.00),
    (11, 'Atlas', 'books', 18.50), (12, 'Planter', NULL, 34.99);
INSERT INTO orders VALUES (100, 1, '2024-01-03', 'completed', 137.50, 'web'),
    (101, 2, '2024-01-04', 'pending', 18.50, 'store'),
    (102, 1, '2024-02-10', 'completed', 34.99, 'web');
INSERT INTO order_items VALUES (100, 1, 10, 1), (100, 2, 11, 1), (101, 1, 11, 1),
    (102, 1, 12, 1);
INSERT INTO raw_orders VALUES
    (1, '1001', '2024-03-01', '19.99', '2', '{"sku": "A-1"}', '2024-03-01 10:00:00'),
    (2, '1002', '2024-02-30', 'n/a', '-1', '{sku: A-2}', '31/12/2024 08:15'),
    (3, '10x3', '2024-13-01', '1,299.00', '300', '{"sku": "A-3"', '2024-03-01T25:00:00'),
    (4, 'ORD-1004', '03/15/2024', 'EUR 12.00', '70000', 'null,', 'yesterday'),
    (5, '', 'not a date', '', 'two', '', '2024-06-31 09:00:00');
CREATE TABLE sales_wide AS SELECT *, 'EUR' AS currency FROM daily_sales;
CREATE TABLE stg_customers AS SELECT *, now()::DATE AS loaded_on FROM customers;
"""

Triggers = list[tuple[str, Category, list[str]]]

SCHEMA: Triggers = [
    (
        "unknown_column",
        C.SCHEMA_MISMATCH,
        [
            "SELECT order_id, amont FROM orders",
            "SELECT customer_id, emial FROM customers",
            "SELECT product_id, categroy FROM products",
        ],
    ),
    (
        "unknown_table",
        C.SCHEMA_MISMATCH,
        [
            "SELECT * FROM ordrs",
            "SELECT count(*) FROM order_item",
            "SELECT * FROM stg_payments",
        ],
    ),
    (
        "unknown_qualified_column",
        C.SCHEMA_MISMATCH,
        [
            "SELECT o.amount_usd FROM orders o",
            "SELECT c.customer_name FROM customers c",
        ],
    ),
    (
        "unknown_schema",
        C.SCHEMA_MISMATCH,
        [
            "SELECT * FROM staging.orders",
            "SELECT * FROM analytics.daily_sales",
        ],
    ),
    (
        "insert_source_gained_column",
        C.SCHEMA_MISMATCH,
        [
            "INSERT INTO daily_sales SELECT * FROM sales_wide",
            "INSERT INTO customers SELECT * FROM stg_customers",
        ],
    ),
    (
        "insert_by_name_unknown_column",
        C.SCHEMA_MISMATCH,
        [
            "INSERT INTO daily_sales BY NAME SELECT DATE '2024-01-01' AS sale_day",
            "INSERT INTO products BY NAME SELECT 13 AS product_id, 'Kite' AS name",
        ],
    ),
    (
        "view_column_dropped",
        C.SCHEMA_MISMATCH,
        [
            "CREATE VIEW v AS SELECT order_id, channel FROM orders; "
            "ALTER TABLE orders DROP COLUMN channel; SELECT * FROM v",
            "CREATE VIEW v AS SELECT sale_date, revenue FROM daily_sales; "
            "ALTER TABLE daily_sales RENAME COLUMN revenue TO net_revenue; SELECT * FROM v",
        ],
    ),
]

CODE: Triggers = [
    (
        "syntax_error",
        C.CODE_DEFECT,
        [
            "SELEC * FROM orders",
            "SELECT * FROM orders WHERE",
            "SELECT order_id,, amount FROM orders",
        ],
    ),
    (
        "unknown_function",
        C.CODE_DEFECT,
        [
            "SELECT summ(amount) FROM orders",
            "SELECT avrage(unit_price) FROM products",
            "SELECT datediff_days(order_date, current_date) FROM orders",
        ],
    ),
    (
        "missing_group_by",
        C.CODE_DEFECT,
        [
            "SELECT customer_id, sum(amount) FROM orders",
            "SELECT channel, status, count(*) FROM orders GROUP BY channel",
        ],
    ),
    (
        "ambiguous_column",
        C.CODE_DEFECT,
        [
            "SELECT status FROM orders o JOIN orders o2 ON o2.order_id = o.order_id",
            "SELECT order_id FROM orders o JOIN order_items i ON i.order_id = o.order_id",
            "SELECT product_id FROM order_items i JOIN products p ON p.product_id = i.product_id",
        ],
    ),
    (
        "wrong_arity",
        C.CODE_DEFECT,
        [
            "SELECT substr() FROM customers",
            "SELECT round(amount, 2, 1) FROM orders",
        ],
    ),
    (
        "no_matching_overload",
        C.CODE_DEFECT,
        [
            "SELECT order_id + 'EUR' FROM orders",
            "SELECT order_date - 'yesterday' FROM orders",
        ],
    ),
    (
        "window_in_where",
        C.CODE_DEFECT,
        [
            "SELECT * FROM orders WHERE row_number() OVER (ORDER BY order_date) = 1",
            "SELECT * FROM products WHERE rank() OVER (ORDER BY unit_price DESC) <= 3",
        ],
    ),
    (
        "aggregate_in_where",
        C.CODE_DEFECT,
        [
            "SELECT customer_id FROM orders WHERE sum(amount) > 100",
            "SELECT channel FROM orders WHERE count(*) > 1 GROUP BY channel",
        ],
    ),
    (
        "nested_aggregate",
        C.CODE_DEFECT,
        [
            "SELECT sum(max(amount)) FROM orders",
            "SELECT avg(count(*)) FROM order_items GROUP BY order_id",
        ],
    ),
    ("order_by_out_of_range", C.CODE_DEFECT, ["SELECT order_id FROM orders ORDER BY 3"]),
    (
        "set_operation_columns",
        C.CODE_DEFECT,
        [
            "SELECT order_id, amount FROM orders UNION ALL SELECT order_id FROM order_items",
        ],
    ),
    (
        "scalar_subquery_rows",
        C.CODE_DEFECT,
        [
            "SELECT (SELECT order_id FROM orders WHERE customer_id = 1) AS last_order",
        ],
    ),
    (
        "invalid_regex",
        C.CODE_DEFECT,
        [
            "SELECT regexp_matches(email, '([a-z]+@') FROM customers",
            "SELECT regexp_replace(product_name, '[A-Z', '') FROM products",
        ],
    ),
    (
        "unknown_type",
        C.CODE_DEFECT,
        [
            "SELECT CAST(amount AS integr) FROM orders",
            "SELECT CAST(order_date AS datetim) FROM orders",
        ],
    ),
    (
        "integer_overflow",
        C.CODE_DEFECT,
        [
            "SELECT order_id * 100000 * 100000 FROM orders",
            "SELECT CAST(quantity AS SMALLINT) * 40000::SMALLINT FROM order_items",
        ],
    ),
    (
        "bad_date_part",
        C.CODE_DEFECT,
        [
            "SELECT date_trunc('fortnight', order_date) FROM orders",
            "SELECT date_part('weekday_name', signup_date) FROM customers",
        ],
    ),
    (
        "not_null_written",
        C.CODE_DEFECT,
        [
            "INSERT INTO customers (customer_id, email) VALUES (4, 'dev@example.com')",
            "INSERT INTO products (product_id, category) VALUES (13, 'toys')",
            "INSERT INTO orders (order_id, customer_id, amount) "
            "SELECT order_id + 1000, customer_id, amount FROM orders",
        ],
    ),
]

DATA: Triggers = [
    (
        "cast_text_column",
        C.DATA_CORRUPTION,
        [
            "SELECT CAST(amount AS DECIMAL(12, 2)) FROM raw_orders WHERE batch = 2",
            "SELECT CAST(amount AS DOUBLE) FROM raw_orders WHERE batch = 4",
            "SELECT CAST(order_id AS INTEGER) FROM raw_orders WHERE batch = 3",
        ],
    ),
    (
        "cast_date_column",
        C.DATA_CORRUPTION,
        [
            "SELECT CAST(order_date AS DATE) FROM raw_orders WHERE batch = 2",
            "SELECT CAST(order_date AS DATE) FROM raw_orders WHERE batch = 3",
            "SELECT CAST(placed_at AS TIMESTAMP) FROM raw_orders WHERE batch = 3",
        ],
    ),
    (
        "strptime_column",
        C.DATA_CORRUPTION,
        [
            "SELECT strptime(placed_at, '%Y-%m-%d %H:%M:%S') FROM raw_orders WHERE batch = 2",
            "SELECT strptime(placed_at, '%Y-%m-%d %H:%M:%S') FROM raw_orders WHERE batch = 4",
        ],
    ),
    (
        "value_out_of_range",
        C.DATA_CORRUPTION,
        [
            "SELECT CAST(CAST(quantity AS INTEGER) AS TINYINT) FROM raw_orders WHERE batch = 3",
            "SELECT CAST(CAST(quantity AS INTEGER) AS SMALLINT) FROM raw_orders WHERE batch = 4",
        ],
    ),
    (
        "malformed_json_column",
        C.DATA_CORRUPTION,
        [
            "SELECT CAST(payload AS JSON) FROM raw_orders WHERE batch = 2",
            "SELECT json_extract(payload, '$.sku') FROM raw_orders WHERE batch = 3",
        ],
    ),
    (
        "enum_value",
        C.DATA_CORRUPTION,
        [
            "CREATE TYPE order_status AS ENUM ('pending', 'completed', 'cancelled'); "
            "SELECT CAST(x AS order_status) FROM (VALUES ('shipped')) t(x)",
            "CREATE TYPE segment AS ENUM ('retail', 'wholesale'); "
            "SELECT CAST(x AS segment) FROM (VALUES ('Retail ')) t(x)",
        ],
    ),
    (
        "check_violation",
        C.DATA_CORRUPTION,
        [
            "INSERT INTO orders VALUES (103, 2, '2024-02-11', 'refunded', -18.50, 'web')",
            "INSERT INTO products VALUES (13, 'Kite', 'toys', -2.00)",
        ],
    ),
    (
        "foreign_key_violation",
        C.DATA_CORRUPTION,
        [
            "INSERT INTO orders VALUES (104, 42, '2024-03-01', 'completed', 10.00, 'web')",
            "INSERT INTO orders VALUES (105, 7, '2024-03-02', 'pending', 99.00, 'store')",
        ],
    ),
]

DUPLICATES: Triggers = [
    (
        "primary_key_duplicate",
        C.DATA_DUPLICATION,
        [
            "INSERT INTO orders VALUES (100, 1, '2024-01-03', 'completed', 137.50, 'web')",
            "INSERT INTO customers VALUES (2, 'ben2@example.com', 'retail', '2024-01-01')",
            "INSERT INTO products SELECT * FROM products WHERE product_id = 11",
        ],
    ),
    (
        "composite_key_duplicate",
        C.DATA_DUPLICATION,
        [
            "INSERT INTO order_items VALUES (100, 2, 12, 3)",
            "INSERT INTO order_items SELECT * FROM order_items WHERE order_id = 101",
        ],
    ),
    (
        "unique_duplicate",
        C.DATA_DUPLICATION,
        [
            "INSERT INTO customers VALUES (5, 'ada@example.com', 'retail', '2024-02-01')",
            "CREATE TABLE emails (email VARCHAR UNIQUE); "
            "INSERT INTO emails VALUES ('ops@example.com'), ('ops@example.com')",
        ],
    ),
]


def run_statement(sql: str) -> None:
    con = duckdb.connect()
    try:
        con.execute(FIXTURE)
        con.execute(sql).fetchall()
    finally:
        con.close()


def duckdb_code(error: BaseException) -> str | None:
    """`duckdb:Binder` for a BinderException; the generic duckdb.Error has no type to name."""
    name = type(error).__name__
    if not isinstance(error, duckdb.Error) or name in {"Error", "DatabaseError"}:
        return None
    return "duckdb:" + name.removesuffix("Exception")


def run_table(recorder: Recorder, triggers: Triggers) -> None:
    for trigger, category, statements in triggers:
        for sql in statements:
            recorder.expect(trigger, category, lambda sql=sql: run_statement(sql))


def harvest() -> list[dict[str, Any]]:
    from corpus.triggers import duckdb_files  # the file, setting and lock triggers

    recorder = Recorder("duckdb", duckdb_code)
    for triggers in (SCHEMA, CODE, DATA, DUPLICATES):
        run_table(recorder, triggers)
    duckdb_files.run_all(recorder)
    return recorder.finish()

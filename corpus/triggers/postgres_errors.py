"""PostgreSQL failures provoked for real on a live server through psycopg 3.

`harvest(dsn)` takes a superuser conninfo over TCP on a server whose host connections need a
password (tests/pg_server.py starts one; corpus/harvest.py does when given no DSN). It creates
a scratch database and roles, provokes every failure, and drops them again. Statement failures
are here; connections, authentication, locks and timeouts are in `postgres_sessions.py`.

Messages are `str(error)` as psycopg reports it (the server's primary message, then DETAIL,
HINT, CONTEXT or the LINE/caret, cut to three lines); codes are `sqlstate:<SQLSTATE>`, or
`psycopg:<class>` when the failure happened on the client (no SQLSTATE).

Labelling decisions, as for the other SQL engines:
- NOT NULL violations are `code_defect` (the code writes a NULL); CHECK, FOREIGN KEY, value
  length and range violations of loaded values are `data_corruption` (the rows break a
  declared rule of the data); an arithmetic overflow inside the code's own expression is
  `code_defect`;
- an INSERT whose source gained a column, or whose column types drifted, is
  `schema_mismatch` even though PostgreSQL files the first under syntax errors (42601);
- a read-only transaction refusing a write is `permission_denied`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

from corpus.common import Recorder
from datamorph.monitor.taxonomy import Category

C = Category
DATABASE = "corpus_shop"
ROLES = {  # role: (password, extra options)
    "analyst": ("analyst-pw", ""),
    "loader": ("loader-pw", "CONNECTION LIMIT 1"),
    "batch_etl": ("batch-pw", "CONNECTION LIMIT 1"),
    "auditor": ("auditor-pw", "VALID UNTIL '2001-01-01'"),
    "reporting": (None, "NOLOGIN"),
}

SCHEMA = [
    "CREATE TABLE customers (customer_id integer PRIMARY KEY, email text UNIQUE, "
    "segment text NOT NULL, country varchar(2))",
    "CREATE TABLE orders (order_id integer PRIMARY KEY, "
    "customer_id integer REFERENCES customers (customer_id), order_date date NOT NULL, "
    "status text, amount numeric(10, 2) CHECK (amount >= 0), channel text)",
    "CREATE TABLE order_items (order_id integer, line_no integer, sku varchar(8) NOT NULL, "
    "quantity integer CHECK (quantity > 0), PRIMARY KEY (order_id, line_no))",
    "CREATE TABLE raw_orders (batch integer, order_id text, order_date text, amount text, "
    "quantity text, payload text, country text)",
    "CREATE TABLE daily_sales (sale_date date, store_id integer, revenue numeric(12, 2))",
    "CREATE TABLE sales_wide AS SELECT *, 'EUR'::text AS currency FROM daily_sales",
    "CREATE TABLE stg_daily_sales (sale_date text, store_id text, revenue text)",
    "CREATE SCHEMA finance",
    "CREATE TABLE finance.salaries (employee_id integer, salary numeric)",
    "INSERT INTO customers VALUES (1, 'ada@example.com', 'retail', 'DE'), "
    "(2, 'ben@example.com', 'b2b', 'GB'), (3, NULL, 'retail', 'FR')",
    "INSERT INTO orders VALUES (100, 1, '2024-01-03', 'completed', 137.50, 'web'), "
    "(101, 2, '2024-01-04', 'pending', 18.50, 'store'), "
    "(102, 1, '2024-02-10', 'completed', 34.99, 'web')",
    "INSERT INTO order_items VALUES (100, 1, 'SKU-1', 1), (100, 2, 'SKU-2', 2), "
    "(101, 1, 'SKU-2', 1)",
    "INSERT INTO raw_orders VALUES "
    "(1, '1001', '2024-03-01', '19.99', '2', '{\"sku\": \"A-1\"}', 'DE'), "
    "(2, '1002', '2024-02-30', 'n/a', '-1', '{sku: A-2}', 'DEU'), "
    "(3, '10x3', '31/12/2024', '1,299.00', '99999999999', '{\"sku\": \"A-3\"', 'Germany'), "
    "(4, 'ORD-1004', '2024-13-01', '123456789.00', '0', 'null,', 'D')",
    "INSERT INTO stg_daily_sales VALUES ('2024-03-01', '7', '1200.50')",
    "GRANT SELECT ON customers TO analyst",
]

Statements = Sequence[str]
# (trigger, category, role, variants): each variant runs in one transaction, rolled back.
STATEMENTS: list[tuple[str, Category, str, list[Statements]]] = [
    ("undefined_table", C.SCHEMA_MISMATCH, "postgres", [
        ["SELECT * FROM ordrs"], ["SELECT count(*) FROM order_item"],
        ["INSERT INTO refunds VALUES (1, 100, 5.0)"],
    ]),
    ("undefined_column", C.SCHEMA_MISMATCH, "postgres", [
        ["SELECT order_id, amont FROM orders"], ["SELECT customer_name FROM customers"],
        ["UPDATE orders SET shipped_at = now()"],
    ]),
    ("insert_unknown_column", C.SCHEMA_MISMATCH, "postgres", [
        ["INSERT INTO orders (order_id, sales_channel) VALUES (103, 'web')"],
        ["INSERT INTO customers (customer_id, full_name) VALUES (4, 'Dev')"],
    ]),
    ("undefined_schema", C.SCHEMA_MISMATCH, "postgres", [
        ["CREATE TABLE staging.orders_copy (LIKE orders)"],
        ["CREATE VIEW analytics.daily_revenue AS SELECT 1"],
    ]),
    ("insert_source_gained_column", C.SCHEMA_MISMATCH, "postgres", [
        ["INSERT INTO daily_sales SELECT * FROM sales_wide"],
        ["INSERT INTO order_items SELECT *, 0 AS discount FROM order_items"],
    ]),
    ("insert_column_type_drifted", C.SCHEMA_MISMATCH, "postgres", [
        ["INSERT INTO daily_sales SELECT * FROM stg_daily_sales"],
        ["INSERT INTO orders (order_id, order_date) SELECT 200, order_date FROM raw_orders"],
    ]),
    ("syntax_error", C.CODE_DEFECT, "postgres", [
        ["SELEC * FROM orders"], ["SELECT * FROM orders WHERE"], ["SELECT * FORM orders"],
    ]),
    ("undefined_function", C.CODE_DEFECT, "postgres", [
        ["SELECT summ(amount) FROM orders"],
        ["SELECT datediff('day', order_date, now()) FROM orders"],
    ]),
    ("undefined_operator", C.CODE_DEFECT, "postgres", [
        ["SELECT * FROM orders WHERE order_id = '100'::text"],
        ["SELECT order_date + order_date FROM orders"],
    ]),
    ("grouping_error", C.CODE_DEFECT, "postgres", [
        ["SELECT customer_id, sum(amount) FROM orders"],
        ["SELECT channel, status, count(*) FROM orders GROUP BY channel"],
    ]),
    ("aggregate_in_where", C.CODE_DEFECT, "postgres", [
        ["SELECT customer_id FROM orders WHERE sum(amount) > 100 GROUP BY customer_id"],
    ]),
    ("window_in_where", C.CODE_DEFECT, "postgres", [
        ["SELECT * FROM orders WHERE row_number() OVER (ORDER BY order_date) = 1"],
    ]),
    ("ambiguous_column", C.CODE_DEFECT, "postgres", [
        ["SELECT order_id FROM orders o JOIN order_items i ON i.order_id = o.order_id"],
        ["SELECT customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id"],
    ]),
    ("union_types", C.CODE_DEFECT, "postgres", [
        ["SELECT order_id FROM orders UNION SELECT email FROM customers"],
    ]),
    ("division_by_zero", C.CODE_DEFECT, "postgres", [
        ["SELECT sum(amount) / count(*) FILTER (WHERE status = 'refunded') FROM orders"],
        ["SELECT order_id % 0 FROM orders"],
    ]),
    ("subquery_rows", C.CODE_DEFECT, "postgres", [
        ["SELECT (SELECT order_id FROM orders WHERE customer_id = 1) AS last_order"],
    ]),
    ("invalid_regex", C.CODE_DEFECT, "postgres", [
        ["SELECT * FROM customers WHERE email ~ '([a-z]+@'"],
    ]),
    ("code_overflow", C.CODE_DEFECT, "postgres", [
        ["SELECT order_id * 100000 * 100000 FROM orders"],
    ]),
    ("not_null_written", C.CODE_DEFECT, "postgres", [
        ["INSERT INTO customers (customer_id, email) VALUES (4, 'dev@example.com')"],
        ["INSERT INTO orders (order_id, customer_id) "
         "SELECT order_id + 1000, customer_id FROM orders"],
    ]),
    ("unique_violation", C.DATA_DUPLICATION, "postgres", [
        ["INSERT INTO orders VALUES (100, 1, '2024-01-03', 'completed', 137.50, 'web')"],
        ["INSERT INTO customers VALUES (4, 'ada@example.com', 'retail', 'DE')"],
        ["INSERT INTO order_items SELECT * FROM order_items WHERE order_id = 101"],
    ]),
    ("unique_index_on_duplicates", C.DATA_DUPLICATION, "postgres", [
        ["CREATE UNIQUE INDEX orders_customer_channel ON orders (customer_id, channel)"],
    ]),
    ("upsert_same_key_twice", C.DATA_DUPLICATION, "postgres", [
        ["INSERT INTO customers VALUES (5, 'cy@example.com', 'retail', 'DE'), "
         "(5, 'cy@example.com', 'b2b', 'DE') ON CONFLICT (customer_id) DO UPDATE "
         "SET segment = excluded.segment"],
    ]),
    ("invalid_text_representation", C.DATA_CORRUPTION, "postgres", [
        ["SELECT amount::numeric FROM raw_orders WHERE batch = 2"],
        ["SELECT order_id::integer FROM raw_orders WHERE batch = 3"],
    ]),
    ("invalid_datetime", C.DATA_CORRUPTION, "postgres", [
        ["SELECT order_date::date FROM raw_orders WHERE batch = 2"],
        ["SELECT order_date::date FROM raw_orders WHERE batch = 3"],
    ]),
    ("value_out_of_range", C.DATA_CORRUPTION, "postgres", [
        ["SELECT quantity::integer FROM raw_orders WHERE batch = 3"],
        ["INSERT INTO orders (order_id, order_date, amount) "
         "SELECT 300, DATE '2024-03-01', amount::numeric FROM raw_orders WHERE batch = 4"],
    ]),
    ("value_too_long", C.DATA_CORRUPTION, "postgres", [
        ["INSERT INTO customers (customer_id, segment, country) "
         "SELECT 10 + batch, 'retail', country FROM raw_orders WHERE batch = 2"],
        ["INSERT INTO order_items VALUES (102, 2, 'SKU-2024-ORANGE-XL', 1)"],
    ]),
    ("invalid_json", C.DATA_CORRUPTION, "postgres", [
        ["SELECT payload::jsonb FROM raw_orders WHERE batch = 2"],
        ["SELECT payload::json ->> 'sku' FROM raw_orders WHERE batch = 3"],
    ]),
    ("check_violation", C.DATA_CORRUPTION, "postgres", [
        ["INSERT INTO orders VALUES (103, 2, '2024-02-11', 'refunded', -18.50, 'web')"],
        ["INSERT INTO order_items SELECT 101, 2, 'SKU-3', quantity::integer "
         "FROM raw_orders WHERE batch = 2"],
    ]),
    ("foreign_key_violation", C.DATA_CORRUPTION, "postgres", [
        ["INSERT INTO orders VALUES (104, 42, '2024-03-01', 'completed', 10.00, 'web')"],
        ["DELETE FROM customers WHERE customer_id = 1"],
    ]),
    ("permission_denied_table", C.PERMISSION_DENIED, "analyst", [
        ["SELECT * FROM orders"], ["INSERT INTO customers VALUES (9, NULL, 'retail', 'DE')"],
        ["UPDATE order_items SET quantity = 2"],
    ]),
    ("permission_denied_schema", C.PERMISSION_DENIED, "analyst", [
        ["SELECT * FROM finance.salaries"], ["CREATE TABLE finance.bonus (id integer)"],
    ]),
    ("not_owner", C.PERMISSION_DENIED, "analyst", [
        ["ALTER TABLE customers ADD COLUMN tier text"], ["DROP TABLE order_items"],
    ]),
    ("superuser_only", C.PERMISSION_DENIED, "analyst", [
        ["CREATE ROLE intruder"], ["SELECT pg_read_file('postgresql.conf')"],
        ["COPY customers TO '/tmp/customers.csv'"],
    ]),
    ("read_only_transaction", C.PERMISSION_DENIED, "postgres", [
        ["SET TRANSACTION READ ONLY", "INSERT INTO daily_sales VALUES ('2024-03-01', 1, 10)"],
        ["SET TRANSACTION READ ONLY", "DELETE FROM raw_orders"],
    ]),
    ("server_file_missing", C.MISSING_DEPENDENCY, "postgres", [
        ["COPY orders FROM '/srv/landing/orders_2024-03-31.csv' (FORMAT csv)"],
        ["COPY customers FROM '/data/exports/customers.csv' (FORMAT csv, HEADER)"],
    ]),
    ("extension_not_available", C.MISSING_DEPENDENCY, "postgres", [
        ["CREATE EXTENSION postgis"], ["CREATE EXTENSION timescaledb"],
    ]),
    ("invalid_parameter_value", C.CONFIGURATION_ERROR, "postgres", [
        ["SET work_mem = 'lots'"], ["SET TimeZone = 'Mars/Olympus'"],
        ["SET statement_timeout = '5 fortnights'"],
    ]),
    ("unrecognized_parameter", C.CONFIGURATION_ERROR, "postgres", [
        ["SET wrk_mem = '64MB'"], ["SHOW max_conections"],
    ]),
    ("parameter_needs_restart", C.CONFIGURATION_ERROR, "postgres", [
        ["SET max_connections = 500"], ["SET shared_buffers = '4GB'"],
    ]),
]  # fmt: skip


def sql_code(error: BaseException) -> str | None:
    state = getattr(error, "sqlstate", None)
    return f"sqlstate:{state}" if state else "psycopg:" + type(error).__name__


class Pg:
    """Conninfo strings for the harvest's roles and database, from the superuser's DSN."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn

    def conninfo(self, role: str = "postgres", **options: Any) -> str:
        if role != "postgres":
            password = ROLES[role][0]
            options.setdefault("user", role)
            if password is not None:
                options.setdefault("password", password)
        options.setdefault("dbname", DATABASE)
        return make_conninfo(self.dsn, **options)

    def connect(self, role: str = "postgres", autocommit: bool = False, **options: Any) -> Any:
        return psycopg.connect(self.conninfo(role, **options), autocommit=autocommit)


def setup(pg: Pg) -> None:
    teardown(pg)
    with psycopg.connect(pg.dsn, autocommit=True) as admin:
        for role, (password, extra) in ROLES.items():
            login = f"LOGIN PASSWORD '{password}'" if password else ""
            admin.execute(f"CREATE ROLE {role} {login} {extra}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    with pg.connect() as con:
        for sql in SCHEMA:
            con.execute(sql)


def teardown(pg: Pg) -> None:
    with psycopg.connect(pg.dsn, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [DATABASE],
        )
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        for role in ROLES:
            admin.execute(f"DROP ROLE IF EXISTS {role}")


def run_statements(pg: Pg, role: str, statements: Statements) -> None:
    with pg.connect(role) as con:
        try:
            for sql in statements:
                cursor = con.execute(sql)
                if cursor.description is not None:  # rows come back: fetch them (casts run)
                    cursor.fetchall()
        finally:
            con.rollback()


def copy_failures(recorder: Recorder, pg: Pg) -> None:
    """COPY FROM STDIN of files with bad rows: what a loader sees."""
    loads = [
        ("copy_bad_value", C.DATA_CORRUPTION, "orders (order_id, customer_id, order_date, amount)",
         "105,1,2024-03-01,12.00\n106,2,2024-03-02,n/a\n"),
        ("copy_bad_value", C.DATA_CORRUPTION, "order_items (order_id, line_no, sku, quantity)",
         "100,3,SKU-9,two\n"),
        ("copy_bad_value", C.DATA_CORRUPTION, "orders (order_id, customer_id, order_date)",
         "107,1,2024-02-30\n"),
        ("copy_missing_column", C.DATA_CORRUPTION, "orders (order_id, customer_id, order_date)",
         "108,1\n"),
        ("copy_extra_column", C.DATA_CORRUPTION, "customers (customer_id, email, segment)",
         "7,gus@example.com,retail,DE\n"),
        ("copy_bad_encoding", C.DATA_CORRUPTION, "customers (customer_id, email, segment)",
         b"8,fran\xe7ois@example.com,retail\n"),
    ]  # fmt: skip
    for trigger, category, target, data in loads:
        recorder.expect(trigger, category, lambda t=target, d=data: copy_in(pg, t, d))


def copy_in(pg: Pg, target: str, data: str | bytes) -> None:
    with pg.connect() as con:
        try:
            with (
                con.cursor() as cursor,
                cursor.copy(f"COPY {target} FROM STDIN (FORMAT csv)") as cp,
            ):
                cp.write(data)
        finally:
            con.rollback()


def keep_going(pg: Pg, first: str, then: str) -> None:
    """The code swallows an error and carries on in the same transaction."""
    with pg.connect() as con:
        try:
            with contextlib.suppress(psycopg.Error):
                con.execute(first)
            con.execute(then)
        finally:
            con.rollback()


def client_failures(recorder: Recorder, pg: Pg) -> None:
    for first, then in (
        ("SELECT 1 / 0", "SELECT count(*) FROM orders"),
        ("INSERT INTO orders (order_id) VALUES (100)", "UPDATE orders SET status = 'paid'"),
    ):
        recorder.expect(
            "failed_transaction", C.CODE_DEFECT, lambda f=first, t=then: keep_going(pg, f, t)
        )
    with pg.connect(autocommit=True) as con:
        recorder.expect(
            "nul_in_text", C.DATA_CORRUPTION, lambda: con.execute("SELECT %s::text", ["A-1\x00"])
        )
        for sql, params in (
            ("SELECT * FROM orders WHERE order_id = %s AND status = %s", [100]),
            ("INSERT INTO daily_sales VALUES (%s, %s)", ["2024-03-01", 1, 10]),
        ):
            recorder.expect(
                "placeholder_count",
                C.CODE_DEFECT,
                lambda s=sql, p=params: con.execute(s, p),
            )


def harvest(dsn: str) -> list[dict[str, Any]]:
    from corpus.triggers import postgres_sessions

    recorder = Recorder("postgres", sql_code)
    pg = Pg(dsn)
    setup(pg)
    try:
        for trigger, category, role, variants in STATEMENTS:
            for statements in variants:
                recorder.expect(
                    trigger, category, lambda r=role, s=statements: run_statements(pg, r, s)
                )
        copy_failures(recorder, pg)
        client_failures(recorder, pg)
        postgres_sessions.run_all(recorder, pg)
    finally:
        teardown(pg)
    return recorder.finish()

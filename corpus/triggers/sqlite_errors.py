"""SQLite failures provoked for real through the standard library's sqlite3.

Native codes are `sqlite:<errorname>` (the exception's `sqlite_errorname`, e.g. SQLITE_BUSY);
errors raised by the sqlite3 module itself, before SQLite runs (bindings, closed database,
options), are `python:<class>`. Labelling follows duckdb_errors.py: NOT NULL violations are
code that writes a NULL (`code_defect`); CHECK, FOREIGN KEY and STRICT type violations are
rows that break a declared rule of the data (`data_corruption`). A progress handler that
aborts a statement over its step budget, a page-count cap and a length limit are
`resource_exhaustion` (the work ran out of what it was given).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.common import Recorder, workdir
from datamorph.monitor.taxonomy import Category

C = Category

SCHEMA = """
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email TEXT UNIQUE,
    segment TEXT NOT NULL);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers (customer_id),
    amount NUMERIC CHECK (amount >= 0), status TEXT);
CREATE TABLE order_lines (order_id INTEGER, line_no INTEGER, sku TEXT NOT NULL,
    quantity INTEGER CHECK (quantity > 0), PRIMARY KEY (order_id, line_no));
CREATE TABLE payments (payment_id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL,
    paid REAL NOT NULL, method TEXT) STRICT;
CREATE TABLE events (event_id INTEGER PRIMARY KEY, payload TEXT);
INSERT INTO customers VALUES (1, 'ada@example.com', 'retail'), (2, 'ben@example.com', 'b2b');
INSERT INTO orders VALUES (10, 1, 25.0, 'paid'), (11, 2, 12.5, 'open');
INSERT INTO order_lines VALUES (10, 1, 'SKU-1', 2), (11, 1, 'SKU-2', 1);
INSERT INTO events VALUES (1, '{"kind": "click"}'), (2, '{"kind": click}');
"""

STATEMENTS: list[tuple[str, Category, list[str]]] = [
    (
        "no_such_table",
        C.SCHEMA_MISMATCH,
        [
            "SELECT * FROM order_items",
            "SELECT count(*) FROM customer",
            "INSERT INTO refunds VALUES (1, 10, 5.0)",
        ],
    ),
    (
        "no_such_column",
        C.SCHEMA_MISMATCH,
        [
            "SELECT order_total FROM orders",
            "SELECT customer_name FROM customers",
            "SELECT o.channel FROM orders o",
        ],
    ),
    (
        "insert_unknown_column",
        C.SCHEMA_MISMATCH,
        [
            "INSERT INTO orders (order_id, channel) VALUES (12, 'web')",
            "INSERT INTO customers (customer_id, country) VALUES (3, 'DE')",
        ],
    ),
    (
        "insert_value_count",
        C.SCHEMA_MISMATCH,
        [
            "INSERT INTO orders SELECT *, 'web' FROM orders",
            "INSERT INTO customers VALUES (3, 'cy@example.com', 'retail', 'DE')",
        ],
    ),
    (
        "syntax_error",
        C.CODE_DEFECT,
        [
            "SELEC * FROM orders",
            "SELECT * FROM orders WHERE",
            "SELECT order_id amount, FROM orders",
        ],
    ),
    (
        "no_such_function",
        C.CODE_DEFECT,
        [
            "SELECT summ(amount) FROM orders",
            "SELECT date_trunc('month', '2024-01-01')",
            "SELECT to_char(amount) FROM orders",
        ],
    ),
    (
        "misuse_of_aggregate",
        C.CODE_DEFECT,
        [
            "SELECT * FROM orders WHERE sum(amount) > 10",
            "SELECT customer_id FROM orders GROUP BY count(*)",
        ],
    ),
    (
        "wrong_argument_count",
        C.CODE_DEFECT,
        ["SELECT substr() FROM customers", "SELECT round(amount, 2, 0) FROM orders"],
    ),
    (
        "ambiguous_column",
        C.CODE_DEFECT,
        [
            "SELECT order_id FROM orders JOIN order_lines USING (order_id) "
            "JOIN orders o2 ON o2.order_id = orders.order_id",
            "SELECT customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id",
        ],
    ),
    (
        "not_null_written",
        C.CODE_DEFECT,
        [
            "INSERT INTO customers (customer_id, email) VALUES (3, 'cy@example.com')",
            "INSERT INTO order_lines (order_id, line_no, quantity) VALUES (10, 2, 1)",
            "INSERT INTO payments (payment_id, paid) VALUES (1, 25.0)",
        ],
    ),
    (
        "unique_violation",
        C.DATA_DUPLICATION,
        [
            "INSERT INTO customers VALUES (3, 'ada@example.com', 'retail')",
            "INSERT INTO orders VALUES (10, 1, 25.0, 'paid')",
            "INSERT INTO order_lines SELECT * FROM order_lines",
            "UPDATE customers SET email = 'ada@example.com' WHERE customer_id = 2",
        ],
    ),
    (
        "check_violation",
        C.DATA_CORRUPTION,
        [
            "INSERT INTO orders VALUES (12, 1, -4.5, 'refund')",
            "INSERT INTO order_lines VALUES (11, 2, 'SKU-3', 0)",
        ],
    ),
    (
        "strict_type_violation",
        C.DATA_CORRUPTION,
        [
            "INSERT INTO payments VALUES (1, 10, 'twelve', 'card')",
            "INSERT INTO payments VALUES ('P-2', 11, 12.5, 'cash')",
            "INSERT INTO payments VALUES (3, 'ORD-11', 12.5, 'card')",
        ],
    ),
    (
        "malformed_json",
        C.DATA_CORRUPTION,
        [
            "SELECT json_extract(payload, '$.kind') FROM events",
            "SELECT json(payload) FROM events WHERE event_id = 2",
        ],
    ),
]


def sqlite_code(error: BaseException) -> str | None:
    name = getattr(error, "sqlite_errorname", None)
    if name == "unknown":  # codes newer than Python's name table (SQLITE_CONSTRAINT_DATATYPE)
        return f"sqlite:{getattr(error, 'sqlite_errorcode', name)}"
    return f"sqlite:{name}" if name else f"python:{type(error).__name__}"


def fresh(path: str = "shop.db") -> sqlite3.Connection:
    Path(path).unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    con.execute("PRAGMA foreign_keys = ON")
    return con


def run(sql: str) -> None:
    con = fresh()
    try:
        con.execute(sql).fetchall()
    finally:
        con.close()


def with_connection(action: Callable[[sqlite3.Connection], object]) -> Callable[[], None]:
    def attempt() -> None:
        con = fresh()
        try:
            action(con)
        finally:
            con.close()

    return attempt


def foreign_keys(recorder: Recorder) -> None:
    for sql in (
        "INSERT INTO orders VALUES (12, 42, 10.0, 'paid')",
        "DELETE FROM customers WHERE customer_id = 1",
    ):
        recorder.expect(
            "foreign_key_violation",
            C.DATA_CORRUPTION,
            with_connection(lambda c, s=sql: c.execute(s)),
        )


def locks(recorder: Recorder) -> None:
    for statement in ("INSERT INTO orders VALUES (13, 1, 1.0, 'paid')", "BEGIN IMMEDIATE"):
        holder = fresh("busy.db")
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE orders SET status = 'paid'")
        other = sqlite3.connect("busy.db", timeout=0)
        try:
            recorder.expect(
                "database_locked", C.RESOURCE_LOCKED, lambda s=statement, o=other: o.execute(s)
            )
        finally:
            other.close()
            holder.rollback()
            holder.close()

    def drop_while_reading(con: sqlite3.Connection) -> None:
        cursor = con.execute("SELECT * FROM orders")
        cursor.fetchone()
        con.isolation_level = None
        con.execute("DROP TABLE orders")

    recorder.expect("table_locked", C.RESOURCE_LOCKED, with_connection(drop_while_reading))


def files(recorder: Recorder) -> None:
    Path("landing").mkdir()
    Path("landing/orders.db").write_text("order_id,amount\n10,25.0\n" * 400)
    Path("landing/export.sqlite").write_bytes(bytes(range(256)) * 32)
    for path in ("landing/orders.db", "landing/export.sqlite"):
        recorder.expect(
            "not_a_database",
            C.DATA_CORRUPTION,
            lambda p=path: sqlite3.connect(p).execute("SELECT * FROM sqlite_master").fetchall(),
        )
    damaged = damage_database()
    recorder.expect(
        "malformed_database",
        C.DATA_CORRUPTION,
        lambda: sqlite3.connect(damaged).execute("SELECT sum(length(note)) FROM notes").fetchall(),
    )
    fresh("readonly.db").close()
    for sql in ("INSERT INTO orders VALUES (14, 1, 2.0, 'paid')", "DELETE FROM customers"):
        recorder.expect(
            "readonly_database",
            C.PERMISSION_DENIED,
            lambda s=sql: sqlite3.connect("file:readonly.db?mode=ro", uri=True).execute(s),
        )
    for path in ("warehouse/2024/shop.db", "state/runs.db"):
        recorder.expect("cannot_open_file", C.MISSING_DEPENDENCY, lambda p=path: sqlite3.connect(p))
    for uri in ("file:shop.db?mode=rwx", "file:shop.db?mode=readonly"):
        recorder.expect(
            "bad_uri_mode", C.CONFIGURATION_ERROR, lambda u=uri: sqlite3.connect(u, uri=True)
        )
    for uri in ("file:shop.db?vfs=s3", "file:shop.db?vfs=unix-nfs"):
        recorder.expect(
            "unknown_vfs", C.CONFIGURATION_ERROR, lambda u=uri: sqlite3.connect(u, uri=True)
        )


def damage_database() -> str:
    con = sqlite3.connect("notes.db")
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, note TEXT)")
    con.executemany("INSERT INTO notes VALUES (?, ?)", ((i, "x" * 300) for i in range(2000)))
    con.commit()
    con.close()
    data = bytearray(Path("notes.db").read_bytes())
    page = 4096
    data[page * 3 : page * 6] = bytes(range(256)) * (page * 3 // 256)
    Path("notes.db").write_bytes(bytes(data))
    return "notes.db"


def limits(recorder: Recorder) -> None:
    def page_cap(con: sqlite3.Connection) -> None:
        con.execute("PRAGMA max_page_count = 12")
        con.executemany(
            "INSERT INTO events (payload) VALUES (?)", (("y" * 500,) for _ in range(500))
        )

    recorder.expect("database_full", C.RESOURCE_EXHAUSTION, with_connection(page_cap))

    def length_cap(con: sqlite3.Connection) -> None:
        con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 10_000)
        con.execute("SELECT group_concat(payload) FROM (SELECT zeroblob(20000) AS payload)")

    recorder.expect("too_big", C.RESOURCE_EXHAUSTION, with_connection(length_cap))

    def step_budget(con: sqlite3.Connection) -> None:
        con.set_progress_handler(lambda: 1, 10_000)  # a budget of 10,000 VM steps, then abort
        con.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
            "SELECT count(*) FROM (SELECT i FROM n LIMIT 10000000)"
        ).fetchall()

    recorder.expect("interrupted", C.RESOURCE_EXHAUSTION, with_connection(step_budget))


def api_misuse(recorder: Recorder) -> None:
    def deny(con: sqlite3.Connection) -> None:
        con.set_authorizer(lambda action, *args: sqlite3.SQLITE_DENY if action == 9 else 0)
        con.execute("DELETE FROM orders")

    recorder.expect("not_authorized", C.PERMISSION_DENIED, with_connection(deny))
    for sql, params in (
        ("SELECT * FROM orders WHERE order_id = ? AND status = ?", (10,)),
        ("INSERT INTO customers VALUES (?, ?, ?)", (3, "cy@example.com", "retail", "DE")),
    ):
        recorder.expect(
            "binding_count",
            C.CODE_DEFECT,
            with_connection(lambda c, s=sql, p=params: c.execute(s, p)),
        )
    recorder.expect(
        "several_statements",
        C.CODE_DEFECT,
        with_connection(lambda c: c.execute("DELETE FROM events; DELETE FROM orders")),
    )

    def closed() -> None:
        con = fresh()
        con.close()
        con.execute("SELECT 1")

    recorder.expect("closed_database", C.CODE_DEFECT, closed)
    recorder.expect(
        "bad_isolation_level",
        C.CONFIGURATION_ERROR,
        lambda: sqlite3.connect(":memory:", isolation_level="SERIALIZABLE"),
    )


def harvest() -> list[dict[str, Any]]:
    recorder = Recorder("sqlite", sqlite_code)
    with workdir("sqlite"):
        for trigger, category, statements in STATEMENTS:
            for sql in statements:
                recorder.expect(trigger, category, lambda s=sql: run(s))
        for step in (foreign_keys, locks, files, limits, api_misuse):
            step(recorder)
    return recorder.finish()

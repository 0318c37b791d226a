"""PostgreSQL session failures provoked for real: connecting, authenticating, locks, limits.

Run by postgres_errors.harvest() with the harvest's roles (see ROLES there). Labelling:
- a closed port, a server that never answers the handshake, and a backend terminated by an
  administrator are `network_timeout` (the peer is gone or silent: retry);
- a wrong or missing password, an unknown role, a role that may not log in and an expired
  password are `authentication_failure`;
- a database that does not exist, SSL required of a server without it, and malformed
  connection options are `configuration_error`;
- lock timeouts, NOWAIT, deadlocks, serialization failures and a database still in use are
  `resource_locked` (another session holds what this one needs);
- a statement cancelled by its statement_timeout (or by our own watchdog) and a temp file
  limit are `resource_exhaustion` (the work outran the time or disk it was given);
- a role's or database's connection limit is `quota_exceeded` (SQLSTATE 53300).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import psycopg

from corpus.common import Recorder, free_port, silent_server
from corpus.triggers.postgres_errors import Pg
from datamorph.monitor.taxonomy import Category

C = Category


def connect_failures(recorder: Recorder, pg: Pg) -> None:
    closed = free_port()
    recorder.expect("connection_refused", C.NETWORK_TIMEOUT, lambda: pg.connect(port=closed))
    with silent_server() as port:
        recorder.expect(
            "connect_timeout",
            C.NETWORK_TIMEOUT,
            lambda: pg.connect(port=port, connect_timeout=1),  # libpq waits at least 2 s
        )
    for role, password in (("analyst", "analyst-pw-old"), ("postgres", "Winter2024!")):
        recorder.expect(
            "password_failed",
            C.AUTHENTICATION_FAILURE,
            lambda r=role, p=password: pg.connect(user=r, password=p),
        )
    recorder.expect("password_expired", C.AUTHENTICATION_FAILURE, lambda: pg.connect("auditor"))
    recorder.expect(
        "no_password", C.AUTHENTICATION_FAILURE, lambda: pg.connect(user="analyst", password="")
    )
    socket_dir = show(pg, "unix_socket_directories").split(",")[0].strip()
    for role in ("etl_service", "dbt_runner"):
        recorder.expect(
            "role_does_not_exist",
            C.AUTHENTICATION_FAILURE,
            lambda r=role: pg.connect(host=socket_dir, user=r, password=""),
        )
    recorder.expect(
        "role_cannot_login",
        C.AUTHENTICATION_FAILURE,
        lambda: pg.connect(host=socket_dir, user="reporting", password=""),
    )
    for name in ("analytics", "warehouse_prod"):
        recorder.expect(
            "database_does_not_exist", C.CONFIGURATION_ERROR, lambda n=name: pg.connect(dbname=n)
        )
    recorder.expect(
        "ssl_not_supported", C.CONFIGURATION_ERROR, lambda: pg.connect(sslmode="require")
    )
    recorder.expect(
        "bad_connection_option",
        C.CONFIGURATION_ERROR,
        lambda: psycopg.connect(pg.conninfo() + " sslmod=require"),
    )
    recorder.expect("bad_port_value", C.CONFIGURATION_ERROR, lambda: pg.connect(port="54x"))


def show(pg: Pg, setting: str) -> str:
    with pg.connect(autocommit=True) as con:
        row = con.execute(f"SHOW {setting}").fetchone()
    return str(row[0]) if row else ""


def connection_limits(recorder: Recorder, pg: Pg) -> None:
    for role in ("loader", "batch_etl"):
        with pg.connect(role):
            recorder.expect("too_many_connections", C.QUOTA_EXCEEDED, lambda r=role: pg.connect(r))
    with pg.connect(autocommit=True) as admin:
        admin.execute("CREATE DATABASE reporting_mart CONNECTION LIMIT 1")
    try:
        with pg.connect(dbname="reporting_mart"):
            recorder.expect(
                "too_many_connections",
                C.QUOTA_EXCEEDED,
                lambda: pg.connect("analyst", dbname="reporting_mart"),
            )
            with pg.connect(autocommit=True) as admin:
                recorder.expect(
                    "database_in_use",
                    C.RESOURCE_LOCKED,
                    lambda: admin.execute("DROP DATABASE reporting_mart"),
                )
    finally:
        with pg.connect(autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS reporting_mart")


@contextlib.contextmanager
def holding(pg: Pg, *statements: str) -> Iterator[Any]:
    """Another session runs `statements` in an open transaction and keeps its locks."""
    with pg.connect() as holder:
        for sql in statements:
            holder.execute(sql)
        try:
            yield holder
        finally:
            holder.rollback()


def in_session(pg: Pg, *statements: str) -> None:
    with pg.connect() as con:
        try:
            for sql in statements:
                cursor = con.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
        finally:
            con.rollback()


def locks(recorder: Recorder, pg: Pg) -> None:
    with holding(pg, "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE"):
        for sql in ("SELECT count(*) FROM orders", "INSERT INTO orders (order_id) VALUES (1)"):
            recorder.expect(
                "lock_timeout",
                C.RESOURCE_LOCKED,
                lambda s=sql: in_session(pg, "SET lock_timeout = '100ms'", s),
            )
    with holding(pg, "UPDATE customers SET segment = 'b2b' WHERE customer_id = 1"):
        recorder.expect(
            "lock_nowait",
            C.RESOURCE_LOCKED,
            lambda: in_session(
                pg, "SELECT * FROM customers WHERE customer_id = 1 FOR UPDATE NOWAIT"
            ),
        )
    for table, key in (("orders", "order_id"), ("customers", "customer_id")):
        first, second = (100, 101) if table == "orders" else (1, 2)
        recorder.expect(
            "deadlock",
            C.RESOURCE_LOCKED,
            lambda t=table, k=key, a=first, b=second: deadlock(pg, t, k, a, b),
        )
    recorder.expect("serialization_failure", C.RESOURCE_LOCKED, lambda: serialization(pg))


def deadlock(pg: Pg, table: str, key: str, first: int, second: int) -> None:
    """Two sessions update two rows in opposite orders; the second detects the deadlock."""
    touch = f"UPDATE {table} SET {key} = {key} WHERE {key} = %s"
    with pg.connect() as a, pg.connect() as b:
        a.execute("SET deadlock_timeout = '10s'")  # a waits; b, checking first, is the victim
        b.execute("SET deadlock_timeout = '50ms'")
        a.execute(touch, [first])
        b.execute(touch, [second])
        waiter = threading.Thread(target=_quietly, args=(a, touch, second))
        waiter.start()
        try:
            # b must check for the deadlock after a waits, or a (10 s later) is the victim.
            _wait_until_blocked(b, a.info.backend_pid)
            b.execute(touch, [first])
        finally:
            b.rollback()
            waiter.join(timeout=30)
            a.rollback()


def _wait_until_blocked(observer: Any, pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = observer.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
        if row and row[0] == "Lock":
            return
        time.sleep(0.01)


def _quietly(con: Any, sql: str, value: int) -> None:
    with contextlib.suppress(psycopg.Error):
        con.execute(sql, [value])


def serialization(pg: Pg) -> None:
    with pg.connect() as a, pg.connect(autocommit=True) as b:
        a.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        a.execute("SELECT amount FROM orders WHERE order_id = 101").fetchall()
        b.execute("UPDATE orders SET amount = amount + 1 WHERE order_id = 101")
        try:
            a.execute("UPDATE orders SET amount = amount * 2 WHERE order_id = 101")
        finally:
            a.rollback()
            b.execute("UPDATE orders SET amount = amount - 1 WHERE order_id = 101")


def limits(recorder: Recorder, pg: Pg) -> None:
    for sql in ("SELECT pg_sleep(5)", "SELECT count(*) FROM generate_series(1, 500000000)"):
        recorder.expect(
            "statement_timeout",
            C.RESOURCE_EXHAUSTION,
            lambda s=sql: in_session(pg, "SET statement_timeout = '150ms'", s),
        )
    recorder.expect("query_cancelled", C.RESOURCE_EXHAUSTION, lambda: watchdog(pg))
    for limit in ("1MB", "2MB"):
        recorder.expect(
            "temp_file_limit",
            C.RESOURCE_EXHAUSTION,
            lambda lim=limit: in_session(
                pg,
                f"SET temp_file_limit = '{lim}'",
                "SET work_mem = '64kB'",
                "SELECT g FROM generate_series(1, 2000000) g ORDER BY random() LIMIT 1",
            ),
        )


def watchdog(pg: Pg) -> None:
    """Our own time budget: cancel the query from another thread after 150 ms."""
    with pg.connect() as con:
        timer = threading.Timer(0.15, con.cancel)
        timer.start()
        try:
            con.execute("SELECT pg_sleep(5)")
        finally:
            timer.cancel()
            con.rollback()


def terminated(recorder: Recorder, pg: Pg) -> None:
    with pg.connect("analyst", autocommit=True) as victim:
        pid = victim.info.backend_pid
        with pg.connect(autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
        recorder.expect(
            "terminated_by_admin", C.NETWORK_TIMEOUT, lambda: victim.execute("SELECT 1")
        )
        recorder.expect("connection_closed", C.NETWORK_TIMEOUT, lambda: victim.execute("SELECT 1"))


def run_all(recorder: Recorder, pg: Pg) -> None:
    connect_failures(recorder, pg)
    connection_limits(recorder, pg)
    locks(recorder, pg)
    limits(recorder, pg)
    terminated(recorder, pg)

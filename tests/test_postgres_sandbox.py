"""The read-only query path on PostgreSQL under attack: server functions that read files,
settings or the environment, run programs, sleep, or write are refused before they reach the
server, connected as a superuser (the worst case) — and what does reach it runs in a READ ONLY
transaction under a statement timeout."""

from __future__ import annotations

from typing import Any

import pytest

import datamorph
from datamorph.errors import UsageError

HOSTILE = [
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT pg_read_binary_file('/etc/hostname')",
    "SELECT * FROM pg_ls_dir('.')",
    "SELECT pg_stat_file('/etc/passwd')",
    "SELECT lo_import('/etc/passwd')",
    "SELECT current_setting('data_directory')",
    "SELECT set_config('search_path', 'pg_catalog', false)",
    "SELECT pg_sleep(30)",
    "SELECT pg_terminate_backend(1)",
    "SELECT pg_reload_conf()",
    "SELECT inet_server_addr()",
    "SELECT version()",
    "SELECT current_user",
    "SELECT txid_current()",
    "SELECT nextval('some_sequence')",
    "SELECT * FROM pg_shadow",
    "SELECT * FROM pg_authid",
    "SELECT * FROM pg_catalog.pg_roles",
    "SELECT * FROM information_schema.tables",
    "SELECT * FROM dblink('host=evil', 'SELECT 1') AS t(x int)",
    "SELECT query_to_xml('SELECT * FROM pg_authid', true, true, '')",
    "SELECT * FROM generate_series(1, 1000000000)",
    "SELECT repeat('x', 1000000000)",
    "COPY orders TO PROGRAM 'id'",
    "COPY (SELECT 1) TO '/tmp/leak.csv'",
    "CREATE TABLE leak AS SELECT * FROM orders",
    "SELECT * INTO leak FROM orders",
    "WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d",
    "SELECT 1; DROP TABLE orders",
    "DO $$ BEGIN PERFORM pg_sleep(1); END $$",
    "SET statement_timeout = 0",
    "SELECT * FROM orders, LATERAL pg_read_file('/etc/passwd') AS f",
    "SELECT (SELECT pg_read_file('/etc/passwd')) AS x FROM orders LIMIT 1",
    "SELECT amount FROM orders WHERE pg_sleep(1) IS NOT NULL",
]


@pytest.mark.parametrize("sql", HOSTILE)
def test_hostile_sql_is_refused_before_the_server(sql: str, pg_retail: str) -> None:
    with pytest.raises(UsageError):
        datamorph.query(sql, database=pg_retail, timeout=5)


def test_nothing_hostile_left_a_trace(pg_retail: str) -> None:
    for sql in HOSTILE:
        with pytest.raises(UsageError):
            datamorph.query(sql, database=pg_retail, timeout=5)
    names = datamorph.query(
        "SELECT count(*) AS n FROM orders", database=pg_retail
    ).rows  # the data is there, and untouched
    assert names[0][0] > 0
    engine: Any = __import__("datamorph.engines", fromlist=["open_engine"]).open_engine(pg_retail)
    try:
        assert "leak" not in engine.table_names()
    finally:
        engine.close()


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT customer_id, sum(amount) AS total FROM orders GROUP BY 1 ORDER BY 2 DESC LIMIT 3",
        "SELECT date_trunc('month', order_date) AS m, count(*) FROM orders GROUP BY 1",
        "WITH t AS (SELECT * FROM customers) SELECT count(*) FROM t",
        "SELECT coalesce(discount, 0) + 1 AS d FROM orders LIMIT 1",
        "SELECT upper(city) AS c, length(city) FROM customers LIMIT 2",
    ],
)
def test_ordinary_queries_are_answered(sql: str, pg_retail: str) -> None:
    assert datamorph.query(sql, database=pg_retail).rows

"""Read-only queries: `require_select` refuses writes (SELECT ... INTO too), and the sandbox
used by the HTTP service also refuses reading anything but the database's own tables."""

from __future__ import annotations

import pytest

from datamorph.engines.duckdb import DuckDBEngine
from datamorph.engines.sandbox import require_sandboxed_select
from datamorph.errors import NotFoundError, UsageError

TABLES = ["orders", "customers"]


def test_select_into_is_a_write_and_creates_nothing(retail_engine: DuckDBEngine) -> None:
    with pytest.raises(UsageError, match=r"not SELECT \.\.\. INTO"):
        retail_engine.query("SELECT * INTO copy FROM orders")

    assert not retail_engine.table_exists("copy")


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM orders",
        "SELECT * FROM main.orders",
        "WITH big AS (SELECT * FROM orders WHERE amount > 100) SELECT count(*) FROM big",
        "SELECT c.customer_id FROM customers c WHERE c.customer_id IN (SELECT customer_id "
        "FROM orders)",
        "SELECT * FROM (VALUES (1, 'a')) AS v(n, s)",
        "SELECT upper('x'), list_transform([1, 2], x -> x + 1)",
    ],
)
def test_queries_over_the_catalog_pass(sql: str) -> None:
    require_sandboxed_select(sql, "duckdb", TABLES)


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("SELECT * FROM read_text('/etc/passwd')", "table functions are not allowed"),
        ("SELECT * FROM read_csv('data.csv')", "table functions are not allowed"),
        ("SELECT * FROM glob('*')", "table functions are not allowed"),
        ("SELECT * FROM query('SELECT 1')", "table functions are not allowed"),
        ("SELECT * FROM duckdb_settings()", "table functions are not allowed"),
        ("SELECT (SELECT count(*) FROM read_parquet('x.parquet'))", "table functions"),
        ("SELECT current_setting('home_directory')", "current_setting() is not allowed"),
        ("SELECT read_blob_thing('x')", "read_blob_thing() is not allowed"),
        ("SELECT * FROM other.main.orders", "only this database's tables"),
        ("SELECT * FROM information_schema.tables", "only this database's tables"),
        ("SELECT * FROM 'secrets.csv'", "unknown table 'secrets.csv'"),
        ("SELECT 1; SELECT 2", "expected one statement"),
        ("$", "the query does not parse"),  # a TokenError, found by schemathesis
        ("SELECT 'open", "the query does not parse"),
    ],
)
def test_anything_reaching_outside_the_database_is_refused(sql: str, reason: str) -> None:
    with pytest.raises(UsageError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        require_sandboxed_select(sql, "duckdb", TABLES)


def test_an_unknown_table_gets_a_did_you_mean() -> None:
    with pytest.raises(NotFoundError) as raised:
        require_sandboxed_select("SELECT * FROM ordrs", "duckdb", TABLES)

    assert raised.value.hint == "did you mean 'orders'?"

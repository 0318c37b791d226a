"""The compilers: golden files per dialect, and compiled SQL equal to hand-written references."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
import sqlglot

from datamorph.catalog import Catalog
from datamorph.codegen.pyspark import compile_pyspark
from datamorph.codegen.sql import compile_sql
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.spec import Spec

TESTS = Path(__file__).parent
RETAIL_SPECS = sorted((TESTS / "specs").glob("*.json"))
RETAIL_SPECS = [p for p in RETAIL_SPECS if p.name != "tpch_schema.json"]
TPCH_SPECS = sorted((TESTS.parent / "examples" / "tpch").glob("q*.json"))
TPCH_SCHEMA = json.loads((TESTS / "specs" / "tpch_schema.json").read_text())
SUFFIX = {"duckdb": "sql", "postgres": "sql", "spark": "sql", "pyspark": "py", "glue": "py"}


def compile_for(spec: Spec, schema: Any, dialect: str) -> str:
    if dialect in ("pyspark", "glue"):
        return compile_pyspark(spec, schema, glue=dialect == "glue")
    return compile_sql(spec, schema, dialect) + "\n"


@pytest.fixture(scope="module")
def retail_schema(retail_template: Path) -> dict[str, dict[str, str]]:
    with DuckDBEngine(retail_template, read_only=True) as engine:
        return engine.catalog(samples=0).schema_mapping()


@pytest.mark.parametrize("dialect", list(SUFFIX))
@pytest.mark.parametrize("spec_path", RETAIL_SPECS + TPCH_SPECS, ids=lambda p: p.stem)
def test_golden_files(spec_path: Path, dialect: str, request: pytest.FixtureRequest) -> None:
    is_tpch = spec_path in TPCH_SPECS
    schema = TPCH_SCHEMA if is_tpch else request.getfixturevalue("retail_schema")
    code = compile_for(Spec.load(spec_path), schema, dialect)
    prefix = "tpch_" if is_tpch else ""
    golden = TESTS / "golden" / f"{prefix}{spec_path.stem}.{dialect}.{SUFFIX[dialect]}"
    if request.config.getoption("--update-golden") or not golden.exists():
        golden.write_text(code)
    assert code == golden.read_text(), f"{golden.name} changed; rerun with --update-golden"


@pytest.mark.parametrize("spec_path", RETAIL_SPECS + TPCH_SPECS, ids=lambda p: p.stem)
def test_generated_code_parses_in_its_dialect(
    spec_path: Path, request: pytest.FixtureRequest
) -> None:
    schema = TPCH_SCHEMA if spec_path in TPCH_SPECS else request.getfixturevalue("retail_schema")
    spec = Spec.load(spec_path)
    for dialect in ("duckdb", "postgres", "spark"):
        sqlglot.parse_one(compile_sql(spec, schema, dialect), read=dialect)
    ast.parse(compile_pyspark(spec, schema))
    ast.parse(compile_pyspark(spec, schema, glue=True))


# Independent, hand-written answers for each retail spec.
REFERENCES = {
    "customer_order_summary": """
        SELECT c.customer_id, c.customer_name,
               sum(o.amount - coalesce(o.discount, 0)) AS total_amount,
               count(o.order_id) AS order_count
        FROM customers c LEFT JOIN orders o ON c.customer_id = o.customer_id
        WHERE o.status = 'completed'
        GROUP BY ALL HAVING sum(o.amount - coalesce(o.discount, 0)) > 1000
        ORDER BY total_amount DESC""",
    "top_customers_by_month": """
        WITH m AS (
          SELECT date_trunc('month', order_date) AS month, customer_id, sum(amount) AS revenue
          FROM orders WHERE lower(trim(status)) = 'completed' GROUP BY ALL),
        r AS (SELECT *, rank() OVER (PARTITION BY month ORDER BY revenue DESC, customer_id)
                AS rank_in_month FROM m)
        SELECT * FROM r WHERE rank_in_month <= 3 ORDER BY month, rank_in_month""",
    "unpaid_orders": """
        SELECT order_id, customer_id, amount FROM orders o
        WHERE lower(trim(status)) <> 'cancelled' AND order_id NOT IN (
            SELECT order_id FROM payments WHERE status = 'captured')
        ORDER BY order_id""",
    "category_share": """
        SELECT coalesce(p.category, 'unknown') AS category, sum(i.line_amount) AS revenue,
               sum(i.quantity) AS units,
               sum(CASE WHEN o.channel = 'web' THEN i.line_amount END) AS web_revenue,
               round(100.0 * sum(CASE WHEN o.channel = 'web' THEN i.line_amount END)
                     / sum(i.line_amount), 2) AS web_share
        FROM order_items i JOIN products p USING (product_id) JOIN orders o USING (order_id)
        GROUP BY 1 ORDER BY revenue DESC""",
    "overall_totals": """
        SELECT count(*) AS orders, count(DISTINCT customer_id) AS customers,
               sum(amount) AS revenue, avg(discount) AS avg_discount
        FROM orders WHERE order_date >= DATE '2023-01-01'""",
    "customers_without_orders": """
        SELECT customer_id, trim(customer_name) AS customer_name, signup_date FROM customers
        WHERE customer_id NOT IN (SELECT customer_id FROM orders WHERE customer_id IS NOT NULL)
        ORDER BY signup_date DESC, customer_id LIMIT 50""",
}


def test_every_retail_spec_has_a_reference() -> None:
    assert {p.stem for p in RETAIL_SPECS} == set(REFERENCES)


@pytest.mark.parametrize("spec_path", RETAIL_SPECS, ids=lambda p: p.stem)
def test_compiled_sql_equals_hand_written_reference(
    spec_path: Path, retail_engine: DuckDBEngine, retail_catalog: Catalog
) -> None:
    spec = Spec.load(spec_path)
    assert spec.check(retail_catalog) == []
    got = retail_engine.query(compile_sql(spec, retail_catalog, "duckdb"))
    expected = retail_engine.query(REFERENCES[spec_path.stem])
    assert got.columns == expected.columns
    assert got.rows, "a reference with no rows proves nothing"
    assert got.rows == expected.rows


def test_inlined_boolean_names_keep_their_precedence() -> None:
    spec = Spec.from_dict(
        {
            "source_tables": ["t"],
            "transformations": [{"name": "flag", "expr": "a = 1 OR b = 2"}],
            "filters": ["NOT flag", "flag AND c > 0"],
            "columns": ["a"],
            "target_table": {"name": "out"},
        }
    )
    sql = compile_sql(
        spec, {"t": {"a": "INTEGER", "b": "INTEGER", "c": "INTEGER"}}, "duckdb", pretty=False
    )
    assert "NOT (t.a = 1 OR t.b = 2)" in sql
    assert "((t.a = 1 OR t.b = 2) AND t.c > 0)" in sql


def test_reserved_output_names_are_quoted_for_postgres() -> None:
    spec = Spec.from_dict(
        {
            "source_tables": ["t"],
            "columns": ["a AS order", "b AS user"],
            "target_table": {"name": "out"},
        }
    )
    sql = compile_sql(spec, {"t": {"a": "INTEGER", "b": "INTEGER"}}, "postgres", pretty=False)
    assert sql == 'SELECT t.a AS "order", t.b AS "user" FROM t'


def test_null_ordering_is_explicit_where_dialects_differ() -> None:
    spec = Spec.from_dict(
        {
            "source_tables": ["t"],
            "columns": ["a"],
            "order_by": ["a desc"],
            "target_table": {"name": "out"},
        }
    )
    schema = {"t": {"a": "INTEGER"}}
    # PostgreSQL sorts NULLs first on DESC; the spec means DuckDB's NULLS LAST everywhere.
    assert compile_sql(spec, schema, "postgres", pretty=False).endswith("DESC NULLS LAST")

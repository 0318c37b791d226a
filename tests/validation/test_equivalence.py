"""The equivalence prover (validation/equivalence.py) on the retail catalog, and what a run of
hand-written `--code` does with its answer: proven code needs no reference, anything else is
checked against one. The frozen held-out cases are in tests/test_equivalence_frozen.py."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import datamorph
from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.spec import Spec
from datamorph.validation.equivalence import proven_equivalent

ROOT = Path(__file__).resolve().parents[2]
SPEC_FILE = ROOT / "examples" / "customer_order_summary.json"

# the spec's question, written by hand: inner join the other way round, no aliases
HAND = """
SELECT customers.customer_id, customers.customer_name,
       SUM(orders.amount - COALESCE(orders.discount, 0)) AS total_amount,
       COUNT(orders.order_id) AS order_count
FROM orders JOIN customers ON customers.customer_id = orders.customer_id
WHERE orders.status = 'completed'
GROUP BY customers.customer_id, customers.customer_name
HAVING SUM(orders.amount - COALESCE(orders.discount, 0)) > 1000
ORDER BY total_amount DESC
"""
SPEC_SQL_WORDS = {  # pieces of the compiled SQL, replaced to make look-alikes
    "where": "WHERE\n  o.status = 'completed'",
    "join": "FROM customers AS c\nLEFT JOIN orders AS o\n  ON c.customer_id = o.customer_id",
}

PROVEN = {
    "hand-written, inner join reversed": lambda sql: HAND,
    "conditions flipped": lambda sql: sql.replace(
        "c.customer_id = o.customer_id", "o.customer_id = c.customer_id"
    ).replace("o.status = 'completed'", "'completed' = o.status"),
    "group by reordered": lambda sql: sql.replace(
        "c.customer_id,\n  c.customer_name\nHAVING", "c.customer_name,\n  c.customer_id\nHAVING"
    ),
    "other aliases": lambda sql: (
        sql.replace(" c.", " cu.")
        .replace("(c.", "(cu.")
        .replace(" o.", " od.")
        .replace("(o.", "(od.")
        .replace("AS c\n", "AS cu\n")
        .replace("AS o\n", "AS od\n")
    ),
}
NOT_PROVEN = {  # each one a different table in some database
    "IS NULL does not reject the outer rows": lambda sql: sql.replace(
        "o.status = 'completed'", "o.status = 'completed' OR o.status IS NULL"
    ),
    "COALESCE keeps the outer rows": lambda sql: sql.replace(
        "o.status = 'completed'", "COALESCE(o.status, 'completed') = 'completed'"
    ),
    "join direction swapped": lambda sql: sql.replace(
        "FROM customers AS c\nLEFT JOIN orders AS o", "FROM orders AS o\nLEFT JOIN customers AS c"
    ),
    "count(*) for count(column)": lambda sql: sql.replace("COUNT(o.order_id)", "COUNT(*)"),
    ">= for >": lambda sql: sql.replace("> 1000", ">= 1000"),
    "ascending": lambda sql: sql.replace("DESC", "ASC"),
    "no order": lambda sql: sql.split("ORDER BY")[0],
    "distinct": lambda sql: sql.replace("SELECT", "SELECT DISTINCT", 1),
    "output renamed": lambda sql: sql.replace("AS order_count", "AS orders"),
    "outputs reordered": lambda sql: sql.replace(
        "  c.customer_id,\n  c.customer_name,\n", "  c.customer_name,\n  c.customer_id,\n", 1
    ),
    "a limit": lambda sql: sql + "\nLIMIT 5",
    "discount left out": lambda sql: sql.replace(
        "SUM(o.amount - COALESCE(o.discount, 0)) AS", "SUM(o.amount) AS"
    ),
    "a subquery": lambda sql: f"SELECT * FROM ({sql}) AS q",
    "a second statement": lambda sql: f"{sql};\nSELECT 1",
    "a self-join": lambda sql: sql.replace(
        "WHERE", "JOIN customers AS c2 ON c2.customer_id = c.customer_id\nWHERE"
    ),
    "not SQL": lambda sql: "SELEC customer_id FROM",
    "an unknown column": lambda sql: sql.replace("o.order_id", "o.order_key"),
}


@pytest.fixture
def spec() -> Spec:
    return Spec.model_validate(json.loads(SPEC_FILE.read_text()))


@pytest.fixture
def spec_sql(spec: Spec, retail_catalog: Catalog) -> str:
    sql = compile_sql(spec, retail_catalog, "duckdb")
    assert all(words in sql for words in SPEC_SQL_WORDS.values()), sql  # the edits still apply
    return sql


@pytest.mark.parametrize("case", sorted(PROVEN))
def test_the_same_query_written_differently_is_proven(
    case: str, spec_sql: str, retail_catalog: Catalog, retail_engine: DuckDBEngine
) -> None:
    code = PROVEN[case](spec_sql)
    assert code != spec_sql
    assert proven_equivalent(code, spec_sql, retail_catalog, "duckdb")
    rows = retail_engine.execute(code).fetchall()  # and it is, on this data
    assert rows == retail_engine.execute(spec_sql).fetchall()


@pytest.mark.parametrize("case", sorted(NOT_PROVEN))
def test_a_look_alike_is_not_proven(case: str, spec_sql: str, retail_catalog: Catalog) -> None:
    code = NOT_PROVEN[case](spec_sql)
    assert code != spec_sql
    assert not proven_equivalent(code, spec_sql, retail_catalog, "duckdb")


def _checks(result: datamorph.RunResult) -> dict[str, dict[str, object]]:
    return {check["name"]: check for check in result.report["checks"]}


def test_a_run_of_proven_code_skips_the_reference_and_says_why(
    retail_db: Path, tmp_path: Path
) -> None:
    code = tmp_path / "hand.sql"
    code.write_text(HAND)
    result = datamorph.run(SPEC_FILE, database=str(retail_db), code=code, target="by_hand")
    assert result.status == "completed", result.message
    checks = _checks(result)
    reference_kinds = {"row_count", "reconciliation", "row_diff"}
    needing = [c for c in checks.values() if c["kind"] in reference_kinds]
    assert needing and all(c["status"] == "skipped" for c in needing), needing
    assert all("proven equivalent" in str(c["message"]) for c in needing), needing
    own = datamorph.run(SPEC_FILE, database=str(retail_db), target="by_spec")
    with duckdb.connect(str(retail_db), read_only=True) as con:
        assert (
            con.execute("SELECT * FROM by_hand").fetchall()
            == con.execute("SELECT * FROM by_spec").fetchall()
        )
    assert own.status == "completed"


def test_a_run_of_a_wrong_look_alike_is_checked_against_the_reference(
    retail_db: Path, tmp_path: Path
) -> None:
    code = tmp_path / "wrong.sql"
    code.write_text(HAND.replace("SUM(orders.amount - COALESCE(orders.discount, 0)) AS",
                                 "SUM(orders.amount) AS"))  # fmt: skip
    result = datamorph.run(
        SPEC_FILE, database=str(retail_db), code=code, target="wrong", max_iterations=0
    )
    assert result.status in {"failed", "needs_attention"}, result.message  # never published
    failed = {c["kind"] for c in result.report["checks"] if c["status"] == "fail"}
    assert "reconciliation" in failed
    with duckdb.connect(str(retail_db), read_only=True) as con:
        assert not con.execute(
            "SELECT 1 FROM duckdb_tables() WHERE table_name = 'wrong'"
        ).fetchall()  # nothing published

"""The offline PySpark fixers, on generated scripts broken the ways scripts break: each patches
only the literals at fault (found through the AST), keeps the rest of the script byte for byte,
and never touches a DataFrame's table alias."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from datamorph.catalog import Catalog
from datamorph.codegen.pyspark import compile_pyspark
from datamorph.engines.base import EngineError, ErrorCategory
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.engines.spark_python import script_problems
from datamorph.healing.failure import Failure, classify
from datamorph.healing.fix import FixRequest
from datamorph.healing.pyspark_fixers import (
    PYSPARK_CHAINS,
    PySparkNameFixer,
    PySparkOutputFixer,
    PySparkRegenerate,
    literals,
)
from datamorph.healing.remediate import Remediator
from datamorph.spec import Spec

SUMMARY = Spec.from_json(
    (Path(__file__).parent / "specs" / "customer_order_summary.json").read_text()
)


@pytest.fixture(scope="module")
def catalog(retail_template: Path) -> Catalog:
    with DuckDBEngine(retail_template, read_only=True) as engine:
        return engine.catalog(samples=0)


@pytest.fixture(scope="module")
def script(catalog: Catalog) -> str:
    return compile_pyspark(SUMMARY, catalog)


def _request(
    code: str, catalog: Catalog, kind: str = "unknown_column", message: str = "broken"
) -> FixRequest:
    return FixRequest(
        Failure(kind, message), code, SUMMARY, catalog, "spark", 1, language="pyspark"
    )


def test_a_misspelt_column_inside_sql_and_col_is_patched_in_place(
    script: str, catalog: Catalog
) -> None:
    broken = script.replace("o.amount", "o.amont").replace(
        'F.col("c.customer_name")', 'F.col("c.custmer_name")'
    )
    assert broken != script
    fix = PySparkNameFixer().fix(_request(broken, catalog))
    assert fix is not None and not fix.regenerated
    assert "amont" not in fix.corrected_code and "custmer" not in fix.corrected_code
    assert "column c.custmer_name -> c.customer_name" in fix.changes_made
    assert script_problems(fix.corrected_code) == []
    # only the broken lines changed: the table aliases c and o stay
    assert fix.lines_changed(broken) == 2 * len(
        {line for line in broken.splitlines() if "amont" in line or "custmer" in line}
    )
    assert '.alias("c")' in fix.corrected_code and '.alias("o")' in fix.corrected_code


def test_a_misspelt_table_and_function_are_patched(script: str, catalog: Catalog) -> None:
    broken = script.replace('spark.table("orders")', 'spark.table("ordrs")').replace(
        "SUM(", "SUMM("
    )
    said = "[UNRESOLVED_ROUTINE] Cannot resolve routine `SUMM` on search path [`system`.`builtin`]"
    fix = PySparkNameFixer().fix(_request(broken, catalog, "unknown_function", said))
    assert fix is not None
    assert 'spark.table("orders")' in fix.corrected_code
    assert "SUMM(" not in fix.corrected_code.upper().replace("SUM(", "")
    assert {"table ordrs -> orders", "function SUMM -> sum"} <= set(fix.changes_made)


def test_a_function_spark_did_not_name_is_left_alone(script: str, catalog: Catalog) -> None:
    """A name sqlglot does not know may still be Spark's: only what Spark could not resolve
    is renamed."""
    other = script.replace("SUM(", "SUMM(")
    fix = PySparkNameFixer().fix(_request(other, catalog, "unknown_column", "`o`.`amont`"))
    assert fix is None


def test_nothing_to_patch_is_no_fix(script: str, catalog: Catalog) -> None:
    assert PySparkNameFixer().fix(_request(script, catalog)) is None


def test_misnamed_outputs_are_renamed_in_the_spec_s_order(script: str, catalog: Catalog) -> None:
    broken = script.replace('"order_count"', '"n_orders"')
    fix = PySparkOutputFixer().fix(_request(broken, catalog, "misnamed_output"))
    assert fix is not None and fix.changes_made == ["output n_orders -> order_count"]
    assert fix.corrected_code == script


def test_frame_aliases_are_not_outputs(script: str, catalog: Catalog) -> None:
    roles: dict[str, set[str]] = {}
    for x in literals(ast.parse(script)):
        roles.setdefault(str(x.node.value), set()).add(x.role)
    assert roles["c"] == roles["o"] == {"frame_alias"}
    assert "output" in roles["total_amount"] and roles["orders"] == {"table"}


def test_regeneration_is_the_last_resort_and_says_so(script: str, catalog: Catalog) -> None:
    fix = PySparkRegenerate().fix(_request("def build(spark):\n    return 1\n", catalog))
    assert fix is not None and fix.regenerated and fix.corrected_code == script


def test_spark_conditions_name_the_failure_and_pick_the_pyspark_chain() -> None:
    error = EngineError(
        "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column ... `o`.`amont` cannot be resolved.",
        category=ErrorCategory.SCHEMA_MISMATCH,
        engine="spark",
        native_type="UNRESOLVED_COLUMN.WITH_SUGGESTION",
    )
    assert classify(error).kind == "unknown_column"
    assert Remediator().chain("unknown_column", "pyspark") == PYSPARK_CHAINS["unknown_column"]
    assert Remediator().chain("unknown_column", "sql")[0] == "outputs"

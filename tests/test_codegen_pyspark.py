"""The PySpark compiler: scripts that parse, read like Spark, and target Glue or plain Spark.

Running the scripts in Spark, against DuckDB, is in test_codegen_spark_run.py.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys

import pytest

from datamorph.codegen.pyspark import compile_pyspark
from datamorph.spec import Spec, SpecError
from pyspark_cases import CASES, SCHEMA, spec

# ---- the script ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("glue", [False, True])
def test_script_parses(name: str, glue: bool) -> None:
    code = compile_pyspark(CASES[name][0], SCHEMA, glue=glue)
    ast.parse(code)
    assert "def build(spark: SparkSession) -> DataFrame:" in code
    assert code == compile_pyspark(CASES[name][0], SCHEMA, glue=glue)  # deterministic


@pytest.mark.parametrize("name", CASES)
def test_plain_script_imports_only_pyspark(name: str) -> None:
    tree = ast.parse(compile_pyspark(CASES[name][0], SCHEMA))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add(node.module or "")
    assert {m.split(".")[0] for m in modules} <= {"pyspark"} | set(sys.stdlib_module_names)


@pytest.mark.parametrize("glue", [False, True])
def test_scripts_are_already_formatted(glue: bool) -> None:
    """Black-style output (checked with ruff format), so golden files diff cleanly."""
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed")
    for name, (case, _) in CASES.items():
        code = compile_pyspark(case, SCHEMA, glue=glue)
        command = [sys.executable, "-m", "ruff", "format", "--isolated", "--line-length=100", "-"]
        done = subprocess.run(command, input=code, capture_output=True, text=True, check=True)
        assert done.stdout == code, name


def _function_source(code: str, name: str) -> str:
    tree = ast.parse(code)
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert found, name
    return ast.get_source_segment(code, found[0]) or ""


def test_glue_variant() -> None:
    case = CASES["steps_semi_and_anti_join"][0]
    code = compile_pyspark(case, SCHEMA, glue=True, glue_database="sales")
    plain = compile_pyspark(case, SCHEMA)
    for needle in (
        "from awsglue.context import GlueContext",
        "from awsglue.job import Job",
        "from awsglue.utils import getResolvedOptions",
        'args = getResolvedOptions(sys.argv, ["JOB_NAME"])',
        "glueContext = GlueContext(sc)",
        'job.init(args["JOB_NAME"], args)',
        "create_dynamic_frame.from_catalog(",
        'GLUE_DATABASE = "sales"',
        'SOURCE_TABLES = ["customers", "orders"]',  # steps are not read from the catalog
        'TARGET_TABLE = "sales.result"',
        "job.commit()",
    ):
        assert needle in code
    assert "awsglue" not in plain
    assert code.index("register_sources(glueContext)") < code.index("build(spark).write")
    for function in ("build", "step_big_spenders", "step_cancelled"):
        assert _function_source(code, function) == _function_source(plain, function)


def test_plain_main_writes_target_with_mode() -> None:
    base = CASES["distinct"][0].model_dump()
    appended = Spec.from_dict({**base, "target_table": {"name": "result", "mode": "append"}})
    assert '.write.mode("overwrite").saveAsTable("result")' in compile_pyspark(
        CASES["distinct"][0], SCHEMA
    )
    code = compile_pyspark(appended, SCHEMA)
    assert '.write.mode("append").saveAsTable("result")' in code
    assert 'SparkSession.builder.appName("datamorph-result").getOrCreate()' in code
    assert 'if __name__ == "__main__":\n    main()' in code


def test_reads_like_spark() -> None:
    code = compile_pyspark(CASES["join_filter_group_having_order"][0], SCHEMA)
    assert 'df = spark.table("customers").alias("c")' in code
    assert (
        'df.join(spark.table("orders").alias("o"), F.expr("c.customer_id = o.customer_id"), "left")'
        in code
    )
    assert """df = df.where(F.expr("o.status = 'completed'"))""" in code
    assert 'F.expr("SUM(o.amount - COALESCE(o.discount, 0))").alias("total_amount")' in code
    assert 'df = df.where(F.expr("total_amount > 400"))' in code  # having over the agg name
    assert 'df = df.orderBy(F.col("total_amount").desc_nulls_last())' in code
    assert "Window" not in code
    lines = code.splitlines()
    assert max(len(line) for line in lines) <= 100


def test_having_and_order_on_unnamed_aggregates_use_hidden_columns() -> None:
    code = compile_pyspark(CASES["hidden_aggregates_and_full_join"][0], SCHEMA)
    assert 'F.expr("COUNT(*)").alias("_dm_agg0")' in code
    assert 'df = df.where(F.expr("_dm_agg0 > 1"))' in code
    # The order item is not an output: sorted before the select drops the hidden column.
    assert code.index("df = df.orderBy(") < code.index("df = df.select(")
    assert 'F.col("region").alias("order")' in code


def test_semi_and_anti_join_types() -> None:
    code = compile_pyspark(CASES["steps_semi_and_anti_join"][0], SCHEMA)
    assert '"left_semi"' in code and '"left_anti"' in code
    assert 'step_big_spenders(spark).createOrReplaceTempView("big_spenders")' in code


def test_spec_with_problems_raises() -> None:
    bad = spec(source_tables=["customers"], columns=["no_such_column"])
    with pytest.raises(SpecError):
        compile_pyspark(bad, SCHEMA)

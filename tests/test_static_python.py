"""Static checks of generated PySpark code: what may run, and what never may."""

from __future__ import annotations

import pytest

from datamorph.codegen.pyspark import compile_pyspark
from datamorph.codegen.static_python import static_check_python
from datamorph.demo.showcase import demo_spec


def test_the_compiler_s_own_scripts_pass() -> None:
    schema = {
        "customers": {"customer_id": "INTEGER", "customer_name": "VARCHAR"},
        "orders": {
            "order_id": "INTEGER",
            "customer_id": "INTEGER",
            "status": "VARCHAR",
            "amount": "DECIMAL(12,2)",
            "discount": "DECIMAL(10,2)",
        },
    }
    assert static_check_python(compile_pyspark(demo_spec(), schema)) == []


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("import os\nos.remove('x')", "import of 'os'"),
        ("from subprocess import run\nrun(['ls'])", "import of 'subprocess'"),
        ("data = open('/etc/passwd').read()", "call of 'open'"),
        ("eval('1+1')", "call of 'eval'"),
        ("import socket", "import of 'socket'"),
        ("x = ().__class__.__bases__", "private attribute '__class__'"),
        ("def build(spark):\n  return spark.table('t'", "does not parse"),
    ],
)
def test_unsafe_or_broken_scripts_are_refused(code: str, problem: str) -> None:
    problems = static_check_python(code)
    assert any(problem in p for p in problems), problems


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("df = spark.read.csv('/etc/passwd')", "'.read' is not allowed"),
        ("df = spark.sql('SELECT * FROM csv.`/etc/passwd`')", "'.sql' is not allowed"),
        ("build(spark).write.mode('overwrite').save('/tmp/out')", "'.save' is not allowed"),
        ("jvm = spark.sparkContext._jvm", "private attribute '_jvm'"),
        (
            "df = df.select(F.reflect(F.lit('java.lang.Runtime'), F.lit('getRuntime')))",
            "F.reflect is not allowed",
        ),
        ("df = df.withColumn('f', F.input_file_name())", "F.input_file_name is not allowed"),
        (
            "df = df.where(F.expr(\"java_method('java.lang.System', 'getenv', 'HOME') > ''\"))",
            "java_method() is not allowed",
        ),
        ("df = df.where(\"current_user() = 'root'\")", "current_user() is not allowed"),
        (
            "df = df.selectExpr(\"reflect('java.util.UUID', 'randomUUID') AS u\")",
            "reflect() is not allowed",
        ),
        ("df = df.where(F.expr('a = = 1'))", "does not parse"),
        ("slow = F.udf(lambda x: x)", "'.udf' is not allowed"),
    ],
)
def test_spark_doors_to_files_the_jvm_and_unlisted_functions_are_refused(
    line: str, problem: str
) -> None:
    code = f"from pyspark.sql import functions as F\n\n\ndef build(spark, df):\n    {line}\n"
    problems = static_check_python(code)
    assert any(problem in p for p in problems), problems


def test_column_builders_and_allowed_sql_pass() -> None:
    code = (
        "from pyspark.sql import functions as F\n\n\ndef build(spark):\n"
        "    df = spark.table('orders').alias('o')\n"
        "    df = df.where(F.expr(\"LOWER(TRIM(o.status)) = 'completed'\"))\n"
        "    df = df.groupBy(F.col('o.customer_id')).agg(F.sum('o.amount').alias('total'),\n"
        "        F.countDistinct('o.order_id').alias('n'), F.expr('AVG(o.amount)').alias('a'))\n"
        "    return df.orderBy(F.desc('total'), F.col('n').asc_nulls_last())\n"
    )
    assert static_check_python(code) == []


def test_every_compiled_case_passes() -> None:
    from pyspark_cases import CASES, SCHEMA

    for name, (spec, _) in CASES.items():
        assert static_check_python(compile_pyspark(spec, SCHEMA)) == [], name


def test_the_frozen_held_out_batteries() -> None:
    """Two batteries written blind to this checker (tests/hostile/pyspark_frozen_cases*.py).
    First contact, batch 1: 35 of 127 hostile scripts passed, 3 of 41 ordinary jobs refused;
    the checker was rebuilt as an allow-list. Batch 2 (written after, blind to both): 12 of
    128 passed, 4 of 35 refused; those gaps were closed too. Both are now tuned-on sets: the
    figures above are the held-out ones."""
    from hostile.pyspark_frozen_cases import FROZEN_CASES
    from hostile.pyspark_frozen_cases_2 import FROZEN_CASES_2

    cases = FROZEN_CASES + FROZEN_CASES_2
    passed = [cid for cid, code, hostile in cases if hostile and not static_check_python(code)]
    refused = [cid for cid, code, hostile in cases if not hostile and static_check_python(code)]
    assert passed == [] and refused == []


def test_a_function_the_engine_lacks_is_a_typo_for_healing_not_a_door() -> None:
    """With the engine's function names known, `summ(` calls nothing and is left to healing
    (as in SQL); a function the engine has and a run may not call is refused either way."""
    script = (
        "from pyspark.sql import functions as F\n\n\n"
        "def build(spark):\n"
        '    return spark.table("t").select(F.expr("{call}").alias("x"))\n'
    )
    spark_functions = frozenset({"sum", "reflect", "java_method", "avg"})
    typo = script.format(call="summ(amount)")
    assert static_check_python(typo) != []  # the engine's list unknown: refused
    assert static_check_python(typo, spark_functions) == []
    door = script.format(call="reflect('java.lang.System', 'exit', 1)")
    assert static_check_python(door, spark_functions) != []
    assert static_check_python(door) != []

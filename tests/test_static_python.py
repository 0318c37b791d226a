"""Static checks of generated PySpark code: what may run, and what never may."""

from __future__ import annotations

import pytest

from datamorph.codegen.pyspark import compile_pyspark
from datamorph.codegen.static import static_check_python
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
        ("x = ().__class__.__bases__", "dunder attribute"),
        ("def build(spark):\n  return spark.table('t'", "does not parse"),
    ],
)
def test_unsafe_or_broken_scripts_are_refused(code: str, problem: str) -> None:
    problems = static_check_python(code)
    assert any(problem in p for p in problems), problems

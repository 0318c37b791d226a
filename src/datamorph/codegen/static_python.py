"""Static checks of a PySpark script before it may run: what it imports, what it calls, and
the SQL inside it.

A PySpark job reaches outside its data by more doors than SQL does: Python itself (`open`,
`os`, `subprocess`), Spark's readers and writers (`spark.read.csv('/etc/...')`,
`df.write.save(path)`, `spark.sql(...)` over `csv.\\`path\\``), the JVM behind it (`_jvm`,
`sparkContext`), and SQL functions Spark has and DuckDB lacks (`reflect` and `java_method`
call any Java method). So a script passes only when it imports from a short list, reads
tables with `spark.table`, writes with `saveAsTable`, calls `F.<name>` only for the functions a
spec may use (spec/functions.py) plus Spark's column builders, and every SQL string it hands
Spark (`F.expr`, `where`, `filter`, `selectExpr`) parses and calls only allowed functions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

import sqlglot
from sqlglot.errors import ParseError, TokenError

from datamorph.spec.functions import ALLOWED, forbidden_functions

ALLOWED_IMPORTS = frozenset(
    {
        "pyspark",
        "math",
        "datetime",
        "decimal",
        "typing",
        "functools",
        "itertools",
        "collections",
        "re",
        "json",
        "__future__",
    }
)
_FORBIDDEN_CALLS = frozenset(
    {
        "open",
        "exec",
        "eval",
        "compile",
        "__import__",
        "input",
        "breakpoint",
        "globals",
        "locals",
        "vars",
        "getattr",
        "setattr",
        "delattr",
    }
)
_FORBIDDEN_NAMES = frozenset(
    {
        "os",
        "sys",
        "subprocess",
        "socket",
        "shutil",
        "pathlib",
        "urllib",
        "requests",
        "http",
        "ctypes",
        "importlib",
        "builtins",
    }
)
# Spark's doors to files, SQL text, the JVM and user code: a job reads with spark.table and
# writes with saveAsTable, nothing else.
_FORBIDDEN_ATTRIBUTES = frozenset(
    {
        "read",
        "readStream",
        "writeStream",
        "sql",
        "udf",
        "udtf",
        "sparkContext",
        "save",
        "csv",
        "parquet",
        "json",
        "text",
        "orc",
        "jdbc",
        "load",
        "addFile",
        "addPyFile",
        "rdd",
        "mapInPandas",
        "mapInArrow",
        "applyInPandas",
        "foreach",
        "foreachPartition",
        "pandas_api",
    }
)
# pyspark.sql.functions that build columns rather than compute values, and Spark's spellings
# of functions ALLOWED names the DuckDB way.
_SPARK_FUNCTIONS = frozenset(
    {
        "col",
        "column",
        "lit",
        "expr",
        "when",
        "asc",
        "desc",
        "asc_nulls_first",
        "asc_nulls_last",
        "desc_nulls_first",
        "desc_nulls_last",
        "broadcast",
        "struct",
        "array",
        "countDistinct",
        "count_distinct",
        "sumDistinct",
        "sum_distinct",
        "approx_count_distinct",
        "collect_list",
        "collect_set",
        "dayofmonth",
        "dayofweek",
        "dayofyear",
        "weekofyear",
        "to_date",
        "to_timestamp",
        "date_format",
        "datediff",
        "months_between",
        "add_months",
        "date_add",
        "date_sub",
        "isnull",
        "isnan",
        "nanvl",
        "greatest",
        "least",
        "bround",
        "signum",
        "stddev_samp",
        "stddev_pop",
        "var_samp",
        "var_pop",
    }
)
_SQL_TAKING = frozenset({"expr", "where", "filter", "selectExpr"})


def static_check_python(code: str) -> list[str]:
    """Problems of a PySpark script; an empty list when it may run."""
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        return [f"does not parse: line {error.lineno}: {error.msg}"]
    return [problem for node in ast.walk(tree) for problem in _problems(node)]


def _problems(node: ast.AST) -> Iterator[str]:
    line = getattr(node, "lineno", "?")
    if isinstance(node, ast.Import | ast.ImportFrom):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            names = [node.module or ""]
        for module in names:
            if module.split(".")[0] not in ALLOWED_IMPORTS:
                yield f"line {line}: import of '{module}' is not allowed"
    elif isinstance(node, ast.Name) and node.id in _FORBIDDEN_NAMES:
        yield f"line {line}: '{node.id}' is not allowed"
    elif isinstance(node, ast.Attribute):
        if node.attr.startswith("_"):
            yield f"line {line}: private attribute '{node.attr}' is not allowed"
        elif node.attr in _FORBIDDEN_ATTRIBUTES:
            yield f"line {line}: '.{node.attr}' is not allowed (read with spark.table, write "
            "with saveAsTable)"
    elif isinstance(node, ast.Call):
        yield from _call_problems(node, line)


def _call_problems(call: ast.Call, line: object) -> Iterator[str]:
    func = call.func
    if isinstance(func, ast.Name) and func.id in _FORBIDDEN_CALLS:
        yield f"line {line}: call of '{func.id}' is not allowed"
    if not isinstance(func, ast.Attribute):
        return
    if _is_functions_module(func.value) and not _spark_function_allowed(func.attr):
        yield f"line {line}: F.{func.attr}() is not allowed"
    if func.attr in _SQL_TAKING:
        for argument in call.args:
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                yield from _sql_problems(argument.value, line)


def _is_functions_module(value: ast.expr) -> bool:
    """`F.x`, `functions.x`, `pyspark.sql.functions.x`."""
    if isinstance(value, ast.Name):
        return value.id in ("F", "functions")
    return isinstance(value, ast.Attribute) and value.attr == "functions"


def _spark_function_allowed(name: str) -> bool:
    return name in _SPARK_FUNCTIONS or name.lower() in ALLOWED


def _sql_problems(text: str, line: object) -> Iterator[str]:
    try:
        tree = sqlglot.parse_one(text, read="spark")
    except (ParseError, TokenError):
        yield f"line {line}: the SQL '{text[:60]}' does not parse"
        return
    except RecursionError:
        yield f"line {line}: the SQL '{text[:60]}…' nests too deeply"
        return
    for name in dict.fromkeys(forbidden_functions(tree)):
        yield f"line {line}: {name}() is not allowed in '{text[:60]}'"

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
import re
from collections.abc import Iterator

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from datamorph.codegen.pyspark_rules import (
    ALLOWED_IMPORTS,
    FORBIDDEN_ATTRIBUTES,
    FORBIDDEN_CALLS,
    FORBIDDEN_NAMES,
    SPARK_FUNCTIONS,
)
from datamorph.spec.functions import ALLOWED, forbidden_functions

_SQL_TAKING = frozenset({"expr", "where", "filter", "selectExpr"})
_ONLY_LITERAL_SQL = frozenset({"expr", "selectExpr"})  # where/filter may also take a Column
# What may be imported from pyspark: the DataFrame API, window specs, types.
_PYSPARK_NAMES = {
    "pyspark.sql": frozenset(
        {"DataFrame", "SparkSession", "Window", "Column", "functions", "types", "Row"}
    ),
    "pyspark.sql.window": frozenset({"Window", "WindowSpec"}),
}
_FUNCTIONS_MODULE = "pyspark.sql.functions"
# Spark reads a file named in place of a table: csv.`/path`, parquet.`s3://...`
_PATH_IDENTIFIER = re.compile(
    r"\b(csv|json|parquet|orc|text|avro|delta|binaryFile|jdbc|libsvm|xml)\s*\.\s*`", re.I
)
_TABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")


def static_check_python(code: str, known: frozenset[str] | None = None) -> list[str]:
    """Problems of a PySpark script; an empty list when it may run. `known`: the engine's
    function names, when read from it. A name inside the script's SQL that Spark does not
    have (`summ(`) calls nothing: it is a typo for healing, as in SQL (run_guards.py), not a
    door; refused are the functions Spark has and a run may not call."""
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        return [f"does not parse: line {error.lineno}: {error.msg}"]
    script = _Script(tree, known)
    problems = [problem for node in ast.walk(tree) for problem in script.problems(node)]
    return list(dict.fromkeys(problems))


class _Script:
    """The names a script binds to pyspark.sql.functions, and what it assigns to names, so
    that an alias or a constant far from its use is judged like the thing itself."""

    def __init__(self, tree: ast.Module, known: frozenset[str] | None = None) -> None:
        self.known = known
        self.functions_aliases: set[str] = set()
        self.assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == _FUNCTIONS_MODULE and alias.asname:
                        self.functions_aliases.add(alias.asname)
            elif isinstance(node, ast.ImportFrom) and node.module == "pyspark.sql":
                for alias in node.names:
                    if alias.name == "functions":
                        self.functions_aliases.add(alias.asname or alias.name)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(node.value)
        # `G = F` makes G an alias too
        for name, values in self.assigned.items():
            if any(isinstance(v, ast.Name) and v.id in self.functions_aliases for v in values):
                self.functions_aliases.add(name)

    def problems(self, node: ast.AST) -> Iterator[str]:
        line = getattr(node, "lineno", "?")
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from _import_problems(node, line)
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES | FORBIDDEN_CALLS:
            yield f"line {line}: '{node.id}' is not allowed"
        elif isinstance(node, ast.Attribute):
            yield from self._attribute_problems(node, line)
        elif isinstance(node, ast.Call):
            yield from self._call_problems(node, line)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield from _embedded_sql_problems(node.value, line, self.known)

    def _attribute_problems(self, node: ast.Attribute, line: object) -> Iterator[str]:
        if node.attr.startswith("_"):
            yield f"line {line}: private attribute '{node.attr}' is not allowed"
        elif node.attr in FORBIDDEN_ATTRIBUTES or node.attr in FORBIDDEN_NAMES:
            yield (
                f"line {line}: '.{node.attr}' is not allowed (read with spark.table, write "
                "with saveAsTable)"
            )
        elif self._is_functions(node.value) and not _spark_function_allowed(node.attr):
            yield f"line {line}: F.{node.attr} is not allowed"

    def _is_functions(self, value: ast.expr) -> bool:
        if isinstance(value, ast.Name):
            return value.id in self.functions_aliases
        return isinstance(value, ast.Attribute) and value.attr == "functions"

    def _call_problems(self, call: ast.Call, line: object) -> Iterator[str]:
        func = call.func
        if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
            yield f"line {line}: call of '{func.id}' is not allowed"
        if not isinstance(func, ast.Attribute):
            return
        if func.attr in ("table", "saveAsTable"):
            yield from _table_name_problems(call, func.attr, line)
        if func.attr in _SQL_TAKING:
            for argument in call.args:
                yield from self._sql_argument_problems(argument, func.attr, line, depth=0)
        if func.attr == "agg":  # df.agg({"column": "function"}) names functions as text
            for argument in call.args:
                if isinstance(argument, ast.Dict):
                    yield from _aggregate_names(argument, line)

    def _sql_argument_problems(
        self, value: ast.expr, method: str, line: object, depth: int
    ) -> Iterator[str]:
        """SQL handed to Spark must be a literal the check can read, or a Column."""
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            yield from _sql_problems(value.value, line, self.known)
        elif isinstance(value, ast.Name) and depth < 3 and value.id in self.assigned:
            for assigned in self.assigned[value.id]:
                yield from self._sql_argument_problems(assigned, method, line, depth + 1)
        elif _builds_text(value) or method in _ONLY_LITERAL_SQL:
            yield f"line {line}: .{method}() takes SQL written out as one literal string"


def _builds_text(value: ast.expr) -> bool:
    """An f-string, a `+` or `%` with text, a `.format` or `.join`: SQL assembled at run time.
    (A Column compared with a literal, `F.col("s") == "x"`, builds no SQL.)"""
    for node in ast.walk(value):
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.BinOp) and any(_is_text(side) for side in (node.left, node.right)):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("format", "join", "replace")
        ):
            return True
    return False


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _import_problems(node: ast.Import | ast.ImportFrom, line: object) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            top = alias.name.split(".")[0]
            if (top == "pyspark" and alias.name != _FUNCTIONS_MODULE) or (
                top != "pyspark" and top not in ALLOWED_IMPORTS
            ):
                yield f"line {line}: import of '{alias.name}' is not allowed"
        return
    module = node.module or ""
    names = [alias.name for alias in node.names]
    if "*" in names:
        yield f"line {line}: 'from {module} import *' is not allowed"
    elif module == _FUNCTIONS_MODULE:
        for name in names:
            if not _spark_function_allowed(name):
                yield f"line {line}: import of '{name}' from {module} is not allowed"
    elif module in _PYSPARK_NAMES:
        for name in set(names) - _PYSPARK_NAMES[module]:
            yield f"line {line}: import of '{name}' from {module} is not allowed"
    elif module.split(".")[0] == "pyspark" and module != "pyspark.sql.types":
        yield f"line {line}: import from '{module}' is not allowed"
    elif module.split(".")[0] not in ALLOWED_IMPORTS:
        yield f"line {line}: import of '{module}' is not allowed"
    for name in names:
        if name.startswith("_"):
            yield f"line {line}: import of private '{name}' is not allowed"


def _table_name_problems(call: ast.Call, method: str, line: object) -> Iterator[str]:
    """spark.table and saveAsTable take a table's name, never a path: a literal is checked
    here, a name (a loop over table names) must not be text assembled at run time, and any
    path-like literal anywhere in the script is refused by `_embedded_sql_problems`."""
    if call.keywords:
        yield f"line {line}: .{method}() takes the table name alone (no path, format, options)"
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        if not _TABLE_NAME.match(first.value):
            yield f"line {line}: '{first.value[:60]}' is not a table name"
    elif first is None or _builds_text(first) or not isinstance(first, ast.Name):
        yield f"line {line}: .{method}() takes a table name written out as a string"


def _aggregate_names(mapping: ast.Dict, line: object) -> Iterator[str]:
    for value in mapping.values:
        name = value.value if isinstance(value, ast.Constant) else None
        if not isinstance(name, str) or not _spark_function_allowed(name):
            yield f"line {line}: .agg() names a function that is not allowed"


def _spark_function_allowed(name: str) -> bool:
    return name in SPARK_FUNCTIONS or name.lower() in ALLOWED


def _sql_problems(text: str, line: object, known: frozenset[str] | None) -> Iterator[str]:
    try:
        statements = [s for s in sqlglot.parse(text, read="spark") if s is not None]
    except (ParseError, TokenError):
        yield f"line {line}: the SQL '{text[:60]}' does not parse"
        return
    except RecursionError:
        yield f"line {line}: the SQL '{text[:60]}…' nests too deeply"
        return
    if len(statements) != 1:
        yield f"line {line}: the SQL '{text[:60]}' is not one expression"
        return
    yield from _calls_in(statements[0], text, line, known)


def _calls_in(
    tree: exp.Expr, text: str, line: object, known: frozenset[str] | None
) -> Iterator[str]:
    if isinstance(tree, exp.Query) or tree.find(exp.Query, exp.Subquery, exp.Table):
        yield f"line {line}: the SQL '{text[:60]}' holds a query; only expressions are allowed"
    for name in _refused_calls(tree, known):
        yield f"line {line}: {name}() is not allowed in '{text[:60]}'"


def _refused_calls(tree: exp.Expr, known: frozenset[str] | None) -> list[str]:
    """Functions outside the allow-list that the engine has (all of them when unknown)."""
    return [
        name
        for name in dict.fromkeys(forbidden_functions(tree))
        if name not in SPARK_FUNCTIONS and (known is None or name.lower() in known)
    ]


def _embedded_sql_problems(text: str, line: object, known: frozenset[str] | None) -> Iterator[str]:
    """Any string of the script that reads as SQL calling a refused function: SQL kept in a
    constant or a dictionary reaches Spark by a path the call checks cannot follow."""
    if _PATH_IDENTIFIER.search(text):
        yield f"line {line}: '{text[:60]}' names a file, not a table"
        return
    if "(" not in text or len(text) > 10_000:
        return
    try:
        tree = sqlglot.parse_one(text, read="spark")
    except (ParseError, TokenError, RecursionError, ValueError):
        return
    if tree is None:
        return
    for name in _refused_calls(tree, known):
        yield f"line {line}: the text '{text[:60]}' calls {name}()"

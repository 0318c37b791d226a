"""Offline fixers for PySpark scripts: the SQL fixers' ideas, applied through the Python AST.

A script names tables and columns in string literals (`spark.table("orders")`,
`F.col("amount")`, `.alias("total")`) and writes expressions as SQL inside `F.expr(...)`,
`selectExpr`, `where` and `filter`. The fixers find those literals in the tree and rewrite only
them, by their source positions, so the rest of the script keeps its shape and comments:

- py_names: an unknown table, column or function becomes the closest known one;
- py_outputs: output names (`.alias(...)`) the spec does not have are renamed, in order, to the
  ones it is missing;
- py_regenerate: the last resort, the whole script compiled from the spec (reported as such).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from datamorph.catalog import Catalog
from datamorph.errors import did_you_mean
from datamorph.healing.fix import Fix, FixRequest
from datamorph.spec.functions import ALLOWED

_SQL_TAKING = frozenset({"expr", "selectExpr", "where", "filter"})
_COLUMN_TAKING = frozenset({"col", "column"})
_NAME_LISTS = frozenset({"select", "groupBy", "orderBy", "sort", "drop", "partitionBy"})
_OUTPUTS = {"alias": 0, "withColumn": 0, "withColumnRenamed": 1}
# A DataFrame's `.alias("o")` names a table for qualified columns, not an output column.
_FRAME_METHODS = frozenset(
    {"table", "join", "where", "filter", "select", "groupBy", "agg", "distinct", "limit",
     "orderBy", "sort", "withColumn", "drop", "dropDuplicates", "union", "unionByName"}
)  # fmt: skip


@dataclass(frozen=True)
class Literal:
    """A string constant of the script, where it sits and what it is used as."""

    node: ast.Constant
    role: str  # table | column | sql | output | frame_alias | view


def literals(tree: ast.Module) -> Iterator[Literal]:
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        method = _method(call)
        for index, arg in enumerate(call.args):
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                continue
            role = _role(method, index, call)
            if role is not None:
                yield Literal(arg, role)


def _method(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _role(method: str, index: int, call: ast.Call) -> str | None:
    if method == "table" and index == 0:
        return "table"
    if method == "createOrReplaceTempView":
        return "view"
    if method == "alias" and _is_frame(call):
        return "frame_alias"
    if method in _SQL_TAKING:
        return "sql"
    if (method in _COLUMN_TAKING and index == 0) or method in _NAME_LISTS:
        return "column"
    if _OUTPUTS.get(method) == index:
        return "output"
    return None


def _is_frame(call: ast.Call) -> bool:
    """Is the receiver of `.alias(...)` a DataFrame (a name, or a DataFrame method's result)?"""
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if isinstance(receiver, ast.Name):
        return receiver.id not in {"F", "functions"}
    return isinstance(receiver, ast.Call) and _method(receiver) in _FRAME_METHODS


def _replace(code: str, edits: list[tuple[ast.Constant, str]]) -> str:
    """The script with each literal's source text replaced, last first (offsets stay valid)."""
    lines = code.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line.encode()))
    data = code.encode()
    for node, value in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
        begin = starts[node.lineno - 1] + node.col_offset
        end = starts[(node.end_lineno or node.lineno) - 1] + (node.end_col_offset or 0)
        data = data[:begin] + json.dumps(value).encode() + data[end:]
    return data.decode()


class PySparkNameFixer:
    name = "py_names"

    def fix(self, r: FixRequest) -> Fix | None:
        try:
            tree = ast.parse(r.code)
        except SyntaxError:
            return None
        found = list(literals(tree))
        known = _known_columns(r.catalog, found)
        changes: list[str] = []
        edits: list[tuple[ast.Constant, str]] = []
        for literal in found:
            value = str(literal.node.value)
            if literal.role == "sql":
                routines = _unresolved_routines(r.failure.message)
                fixed = _fix_sql(value, r.catalog, known, changes, routines)
            else:
                fixed = _FIXES.get(literal.role, _unchanged)(value, r.catalog, known, changes)
            if fixed != value:
                edits.append((literal.node, fixed))
        if not edits:
            return None
        return Fix(
            _replace(r.code, edits),
            f"names not in the catalog: {r.failure.message}",
            changes,
            self.name,
        )


def _known_columns(catalog: Catalog, found: list[Literal]) -> dict[str, str]:
    """lower name -> name: every catalog column, and every name the script defines."""
    known = {c.name.lower(): c.name for t in catalog.tables.values() for c in t.columns}
    known |= {str(x.node.value).lower(): str(x.node.value) for x in found if x.role == "output"}
    return known


def _unchanged(value: str, catalog: Catalog, known: dict[str, str], changes: list[str]) -> str:
    return value


def _fix_table(value: str, catalog: Catalog, known: dict[str, str], changes: list[str]) -> str:
    if catalog.has_table(value) or value.lower() in known:  # a step's temporary view
        return value
    guess = did_you_mean(value, catalog.table_names)
    if guess is None:
        return value
    changes.append(f"table {value} -> {guess}")
    return guess


def _fix_column(value: str, catalog: Catalog, known: dict[str, str], changes: list[str]) -> str:
    qualifier, dot, name = value.rpartition(".")  # "o.amount": the column part only
    if name == "*" or name.lower() in known:
        return value
    guess = did_you_mean(name, list(known.values()))
    if guess is None:
        return value
    changes.append(f"column {value} -> {qualifier}{dot}{guess}")
    return f"{qualifier}{dot}{guess}"


def _unresolved_routines(message: str) -> set[str]:
    """The functions Spark said it cannot find (UNRESOLVED_ROUTINE names them in backticks):
    only those are renamed, as a function sqlglot does not know may still be Spark's."""
    if "UNRESOLVED_ROUTINE" not in message and "routine" not in message.lower():
        return set()
    return {name.lower().split(".")[-1] for name in re.findall(r"`([^`]+)`", message)}


def _fix_sql(
    value: str, catalog: Catalog, known: dict[str, str], changes: list[str], routines: set[str]
) -> str:
    """Unknown columns, and the functions Spark could not resolve, in an SQL string."""
    from datamorph.engines.spark import SparkAnsi

    try:
        tree = sqlglot.parse_one(value, read=SparkAnsi)
    except (ParseError, TokenError):
        return value
    before = len(changes)
    for column in list(tree.find_all(exp.Column)):
        fixed = _fix_column(column.name, catalog, known, changes)
        if fixed != column.name:
            column.set("this", exp.to_identifier(fixed))
    for call in list(tree.find_all(exp.Anonymous)):
        name = str(call.this)
        guess = did_you_mean(name.lower(), sorted(ALLOWED))
        if guess is not None and name.lower() in routines and name.lower() not in ALLOWED:
            changes.append(f"function {name} -> {guess}")
            call.set("this", guess)  # Spark resolves the call by its name
    return tree.sql(dialect="spark") if len(changes) > before else value


_FIXES: dict[str, Callable[[str, Catalog, dict[str, str], list[str]], str]] = {
    "table": _fix_table,
    "column": _fix_column,
}


class PySparkOutputFixer:
    name = "py_outputs"

    def fix(self, r: FixRequest) -> Fix | None:
        try:
            tree = ast.parse(r.code)
        except SyntaxError:
            return None
        from datamorph.spec import resolve_spec

        wanted = resolve_spec(r.spec, r.catalog).main.output_names
        found = list(literals(tree))
        defined = [x.node for x in found if x.role == "output"]
        # a grouped or selected column keeps its name: F.col("c.customer_id") is customer_id
        kept = {str(x.node.value).rpartition(".")[2].lower() for x in found if x.role == "column"}
        present = {str(n.value).lower() for n in defined} | kept
        missing = [name for name in wanted if name.lower() not in present]
        unexpected = [
            n
            for n in defined
            if str(n.value).lower() not in {w.lower() for w in wanted}
            and not str(n.value).startswith("_dm_")
        ]
        if not missing or len(unexpected) < len(missing):
            return None
        edits = list(zip(unexpected[-len(missing) :], missing, strict=True))
        return Fix(
            _replace(r.code, edits),
            "output columns are named differently from the spec",
            [f"output {node.value!s} -> {name}" for node, name in edits],
            self.name,
        )


class PySparkRegenerate:
    name = "py_regenerate"

    def fix(self, r: FixRequest) -> Fix | None:
        from datamorph.codegen.pyspark import compile_pyspark

        code = compile_pyspark(r.spec, r.catalog)
        if code.strip() == r.code.strip():
            return None
        return Fix(
            code,
            f"last resort after {r.failure.kind}: the script rebuilt from the spec",
            ["whole script regenerated from the spec"],
            self.name,
            regenerated=True,
        )


_NAMES = ("py_names", "py_regenerate")
PYSPARK_CHAINS: dict[str, tuple[str, ...]] = {
    "unknown_column": _NAMES,
    "unknown_table": _NAMES,
    "unknown_function": _NAMES,
    "ambiguous_column": ("py_regenerate",),
    "misnamed_output": ("py_outputs", "py_regenerate"),
    "wrong_result": ("py_outputs", "py_regenerate"),
    "unknown": _NAMES,
}
PYSPARK_FIXERS = {
    f.name: f for f in (PySparkNameFixer(), PySparkOutputFixer(), PySparkRegenerate())
}

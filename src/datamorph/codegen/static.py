"""Static checks of SQL that a model wrote, before anything runs it.

`static_check` answers with the problems (empty when clean): the SQL parses, is exactly one
read-only query (`require_select`), reads only tables of the catalog (or its own CTEs), and every
column resolves (sqlglot's `qualify` with `validate_qualify_columns`). Each problem is one line a
model can act on, with a did-you-mean where there is a close name.
"""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.qualify import qualify

from datamorph.catalog import Catalog
from datamorph.engines.base import require_select
from datamorph.errors import UsageError, did_you_mean
from datamorph.spec.functions import forbidden_functions

_COLUMN = re.compile(r"Unknown column: (\w+)|Column '(\w+)' could not be resolved")


def static_check(sql: str, catalog: Catalog, dialect: str) -> list[str]:
    """The problems of `sql` against `catalog` in `dialect`; an empty list means clean."""
    if not sql.strip():
        return ["the code is empty: write one SELECT"]
    try:
        tree = require_select(sql, dialect)
    except UsageError as error:
        return [error.message]
    problems = [
        f"function {name}() is not allowed: generated code transforms the data and may not "
        "read settings, files or variables"
        for name in dict.fromkeys(forbidden_functions(tree, dialect))
    ]
    problems += _unknown_tables(tree, catalog)
    if problems:  # qualify would only report the same tables' columns as unresolved
        return problems
    schema: dict[str, object] = dict(catalog.schema_mapping())
    try:
        qualify(
            tree.copy(),
            schema=schema,
            dialect=dialect,
            validate_qualify_columns=True,
        )
    except SqlglotError as error:
        problems.append(_with_guess(str(error).splitlines()[0], tree, catalog))
    return problems


def _unknown_tables(tree: exp.Query, catalog: Catalog) -> list[str]:
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    problems = []
    for table in tree.find_all(exp.Table):
        name = table.name
        if not name or name.lower() in ctes or catalog.has_table(name):
            continue
        guess = did_you_mean(name, catalog.table_names)
        hint = f" (did you mean '{guess}'?)" if guess else ""
        problems.append(f"unknown table '{name}'{hint}")
    return problems


def _with_guess(message: str, tree: exp.Query, catalog: Catalog) -> str:
    """`Unknown column: amout` + "(did you mean 'amount'?)" from the tables the query reads."""
    match = _COLUMN.search(message)
    if not match:
        return message
    name = match.group(1) or match.group(2)
    read = {t.name for t in tree.find_all(exp.Table) if catalog.has_table(t.name)}
    columns = {c.name for t in read for c in catalog.table(t).columns}
    guess = did_you_mean(name, columns)
    if guess and guess.lower() != name.lower():
        return f"{message} (did you mean '{guess}'?)"
    if guess:  # the name exists in several tables: the reference is ambiguous
        return f"{message} (ambiguous: qualify it with its table's alias)"
    return message


# ---- Python (PySpark scripts) ----------------------------------------------------------------

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


def static_check_python(code: str) -> list[str]:
    """Problems of a generated PySpark script: it parses, imports only from the allow-list,
    and reaches for no files, network or processes (no open/exec/eval, no os/sys/socket...)."""
    import ast

    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        return [f"does not parse: line {error.lineno}: {error.msg}"]
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for module in modules:
                if module.split(".")[0] not in ALLOWED_IMPORTS:
                    problems.append(f"line {node.lineno}: import of '{module}' is not allowed")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _FORBIDDEN_CALLS
        ):
            problems.append(f"line {node.lineno}: call of '{node.func.id}' is not allowed")
        elif isinstance(node, ast.Name) and node.id in _FORBIDDEN_NAMES:
            problems.append(f"line {node.lineno}: '{node.id}' is not allowed")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("__"):
            problems.append(f"line {node.lineno}: dunder attribute '{node.attr}' is not allowed")
    return problems

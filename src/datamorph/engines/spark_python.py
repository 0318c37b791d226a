"""Run a PySpark script's `build(spark)` in the engine's session, after checking it.

A script DataMorph runs has the shape of a generated one (codegen/pyspark.py): imports, helper
functions, a `build(spark) -> DataFrame`, and a `main()` that writes the result when the file
runs under spark-submit. DataMorph calls `build` only and writes the DataFrame to staging
itself, so validation and the atomic publish hold for a user's script as for SQL. Hence:

- the static allow-list (codegen/static_python.py) first: imports, calls, embedded SQL;
- nothing but definitions and constants at the top level (the rest would run on load), and
  no writer reachable outside `main` (`build` must not write a table behind staging's back);
- the script runs with a reduced set of builtins and an import that admits only the allowed
  modules: a second fence behind the static check, not a sandbox of its own.
"""

from __future__ import annotations

import ast
import builtins
import traceback
from typing import Any

from datamorph.codegen.pyspark_rules import ALLOWED_IMPORTS, FORBIDDEN_CALLS
from datamorph.codegen.static_python import static_check_python
from datamorph.engines.base import EngineError, ErrorCategory
from datamorph.errors import UsageError

FILENAME = "<pyspark script>"
_WRITERS = frozenset({"write", "writeTo", "saveAsTable", "insertInto", "writeStream"})
_TOP_LEVEL = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign,
              ast.AnnAssign, ast.If, ast.Expr, ast.Pass)  # fmt: skip
_CONSTANT_PARTS = (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.Load, ast.Name,
                   ast.UnaryOp, ast.USub)  # fmt: skip
_SAFE_BUILTINS = {
    name: getattr(builtins, name)
    for name in dir(builtins)
    if not name.startswith("_") and name not in FORBIDDEN_CALLS
    and name not in {"help", "exit", "quit", "copyright", "credits", "license", "print"}
}  # fmt: skip


def script_problems(code: str, known: frozenset[str] | None = None) -> list[str]:
    """Why a script may not run (empty when it may): the allow-list, then its shape.
    `known`: the engine's function names (see static_check_python)."""
    problems = static_check_python(code, known)
    if problems:
        return problems
    tree = ast.parse(code)
    problems += [p for node in tree.body for p in _top_level_problems(node)]
    build = next(
        (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "build"), None
    )
    if build is None:
        problems.append("defines no build(spark) function returning the result")
    elif len(build.args.args) != 1:
        problems.append("build() must take exactly one argument: the Spark session")
    for function in (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name != "main"):
        problems += [
            f"line {node.lineno}: {function.name}() writes ({node.attr}); only main() may"
            for node in ast.walk(function)
            if isinstance(node, ast.Attribute) and node.attr in _WRITERS
        ]
    return problems


def _top_level_problems(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.If):  # only the `if __name__ == "__main__":` guard
        guard = ast.unparse(node.test).replace("'", '"')
        return [] if guard == '__name__ == "__main__"' else [_runs_on_load(node)]
    if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant):
        return [_runs_on_load(node)]
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        constant = all(isinstance(n, _CONSTANT_PARTS) for n in ast.walk(node.value))
        return [] if constant else [_runs_on_load(node)]
    return [] if isinstance(node, _TOP_LEVEL) else [_runs_on_load(node)]


def _runs_on_load(node: ast.stmt) -> str:
    return f"line {node.lineno}: only imports, definitions and constants may be at the top level"


def run_build(spark: Any, code: str, known: frozenset[str] | None = None) -> Any:
    """The DataFrame `build(spark)` returns. Refuses a script that may not run (UsageError)
    and maps Python errors raised by it onto a code defect naming the script's line."""
    problems = script_problems(code, known)
    if problems:
        raise UsageError(
            f"the PySpark script was refused: {problems[0]}"
            + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""),
            hint="a script defines build(spark) -> DataFrame using the DataFrame API only",
        )
    allowed = {"__import__": _allowed_import, "__build_class__": builtins.__build_class__}
    namespace: dict[str, Any] = {
        "__name__": "datamorph_script",
        "__builtins__": {**_SAFE_BUILTINS, **allowed},
    }
    try:
        exec(compile(code, FILENAME, "exec"), namespace)  # checked above; reduced builtins
        frame = namespace["build"](spark)
    except Exception as error:
        raise _python_error(error) from None
    if not hasattr(frame, "write") or not hasattr(frame, "columns"):
        raise EngineError(
            f"build() returned {type(frame).__name__}, not a DataFrame",
            category=ErrorCategory.CODE_DEFECT,
            engine="spark",
            native_type="TypeError",
            hint="return the result DataFrame from build(spark)",
        )
    return frame


def _allowed_import(name: str, *args: Any, **kwargs: Any) -> Any:
    if name.split(".")[0] not in ALLOWED_IMPORTS:
        raise ImportError(f"import of {name} is not allowed")
    return __import__(name, *args, **kwargs)


def _python_error(error: Exception) -> Exception:
    """A Spark error keeps Spark's mapping; a Python one is the script's defect, with the line."""
    from py4j.protocol import Py4JJavaError
    from pyspark.errors import PySparkException

    from datamorph.engines.spark_errors import map_spark_error

    if isinstance(error, (PySparkException, Py4JJavaError)):
        return map_spark_error(error)
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == FILENAME]
    where = f" (script line {lines[-1]})" if lines else ""
    return EngineError(
        f"{type(error).__name__}: {error}{where}",
        category=ErrorCategory.CODE_DEFECT,
        engine="spark",
        native_type=type(error).__name__,
        hint="the script is wrong; healing can rewrite it",
    )

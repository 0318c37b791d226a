"""DataMorph: plain-English requests to validated, self-healing ETL pipelines.

The Python API mirrors the CLI: each function takes the command's options as keyword
arguments, with the same defaults (the database is the configured one, else the demo
database), and raises `UsageError` (bad input, nothing ran) or `PipelineError`.

    import datamorph
    result = datamorph.run("spec.json", database="shop.duckdb")   # a spec file
    result = datamorph.run("top 5 customers by total amount")     # or a request in English
    result.to_pandas()
    planned = datamorph.plan("total amount per customer")         # the spec and its reading
    answer = datamorph.query("SELECT count(*) FROM orders")       # one read-only SELECT
    first = datamorph.show("orders", limit=5)                      # a table's first rows
    tables = datamorph.catalog(profile=True)                      # tables, columns, types
    code = datamorph.compile("spec.json", dialect="postgres")     # the code, run nothing
    report = datamorph.validate("spec.json", "orders_by_customer")
    loaded = datamorph.load("sales.csv", "sales")                 # a file into a table

Names are imported on first use (PEP 562), so `import datamorph` loads no engine, pandas,
pyarrow or LLM SDK: the CLI starts fast, and a script pays only for what it calls.
"""

from __future__ import annotations

import importlib
import sys
import types

# `typing` costs 15 ms to import, a third of what a command handed to the daemon costs in all:
# the names are only for type checkers, which read this constant as typing.TYPE_CHECKING.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"

# name: (module, attribute in it)
_LAZY: dict[str, tuple[str, str]] = {
    "CompiledCode": ("datamorph.commands", "CompiledCode"),
    "Catalog": ("datamorph.catalog", "Catalog"),
    "DataMorphError": ("datamorph.errors", "DataMorphError"),
    "LoadReport": ("datamorph.loading_models", "LoadReport"),
    "PipelineError": ("datamorph.errors", "PipelineError"),
    "PlanResult": ("datamorph.plan_request", "PlanResult"),
    "QueryAnswer": ("datamorph.query", "QueryAnswer"),
    "RunResult": ("datamorph.runner", "RunResult"),
    "Spec": ("datamorph.spec", "Spec"),
    "UsageError": ("datamorph.errors", "UsageError"),
    "ValidationReport": ("datamorph.validation.report", "ValidationReport"),
    "catalog": ("datamorph.commands", "read_catalog"),
    "compile": ("datamorph.commands", "compile_spec"),
    "load": ("datamorph.loading", "load"),
    "load_spec": ("datamorph.spec.loading", "load_spec"),
    "plan": ("datamorph.plan_request", "plan"),
    "query": ("datamorph.query", "query"),
    "rerun": ("datamorph.runner", "rerun"),
    "run": ("datamorph.runner", "run"),
    "show": ("datamorph.query", "show_table"),
    "validate": ("datamorph.commands", "validate_table"),
}

# the same names as _LAZY (a test holds them equal): a literal, for linters and IDEs
__all__ = [
    "Catalog",
    "CompiledCode",
    "DataMorphError",
    "LoadReport",
    "PipelineError",
    "PlanResult",
    "QueryAnswer",
    "RunResult",
    "Spec",
    "UsageError",
    "ValidationReport",
    "__version__",
    "catalog",
    "compile",
    "load",
    "load_spec",
    "plan",
    "query",
    "rerun",
    "run",
    "show",
    "validate",
]

if TYPE_CHECKING:  # what static type checkers and editors see; nothing is imported at runtime
    from datamorph.catalog import Catalog
    from datamorph.commands import CompiledCode
    from datamorph.commands import compile_spec as compile
    from datamorph.commands import read_catalog as catalog
    from datamorph.commands import validate_table as validate
    from datamorph.errors import DataMorphError, PipelineError, UsageError
    from datamorph.loading import load
    from datamorph.loading_models import LoadReport
    from datamorph.plan_request import PlanResult, plan
    from datamorph.query import QueryAnswer, query
    from datamorph.query import show_table as show
    from datamorph.runner import RunResult, rerun, run
    from datamorph.spec import Spec
    from datamorph.spec.loading import load_spec
    from datamorph.validation.report import ValidationReport


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'datamorph' has no attribute '{name}'")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(types.ModuleType):
    """The package module. Importing a submodule sets an attribute of its name on the package;
    `datamorph.query` and `datamorph.catalog` are both submodules and API functions, and the
    function keeps the name (so `datamorph.query(...)` works whatever was imported before)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return  # the submodule stays reachable through sys.modules and `from ... import`
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

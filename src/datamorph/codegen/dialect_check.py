"""Compile honestly: refuse a spec the target dialect cannot run, naming the function.

Spec expressions are DuckDB's SQL (spec/functions.py). sqlglot translates most functions into
the target's words (`strftime` -> `TO_CHAR` / `DATE_FORMAT`, `epoch_ms` -> `TIMESTAMP_MILLIS`),
but a function it does not know (`jaro_similarity`), or one it renders under a name the target
lacks (`dayname` in PostgreSQL), passes through as text: the code compiles and fails when run.
So the rendered code is checked, not the spec:

1. sqlglot renders with `unsupported_level=RAISE`: a construct it knows it cannot express in
   the target is refused with sqlglot's reason;
2. every call in the rendered code (a name followed by `(`, read by the target's tokenizer, so
   text in string literals is not a call) must be a function the target has: the connected
   server's list when there is one (PostgreSQL's `pg_proc`, Spark's `SHOW FUNCTIONS`), else
   the list read from the engines the tests run (functions/*.txt, bench/dialect_functions.py);
3. a few functions exist under the same name but take other arguments, or give other values
   (`_SAME_NAME_OTHER_MEANING`, found by running the functions a spec may call on real
   servers and comparing their values with DuckDB's: tests/compile_battery.py).

The refusal names the spec's function (DuckDB's name) and the dialect.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from itertools import pairwise

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ErrorLevel, UnsupportedError
from sqlglot.tokens import TokenType

from datamorph.errors import UsageError
from datamorph.spec.functions import function_name

DIALECT_NAMES = {"postgres": "PostgreSQL", "spark": "Spark"}

# SQL grammar that reads like a call but is no function of the catalog: `CAST(x AS ...)`,
# `WITHIN GROUP (ORDER BY ...)`, `COALESCE(...)` (PostgreSQL parses it as syntax).
_GRAMMAR = {
    "postgres": frozenset({"cast", "coalesce", "nullif", "greatest", "least", "trim", "group"}),
    "spark": frozenset({"group", "try_cast"}),
}
# Keywords that are also functions: checked like names (types, IN, OVER, EXISTS are not).
_KEYWORD_FUNCTIONS = frozenset({"left", "right", "replace", "format", "first", "unnest"})

# (dialect, DuckDB's function): why the translation fails there, or gives other values,
# although the name exists.
_SAME_NAME_OTHER_MEANING = {
    ("postgres", "bit_count"): "has no equivalent for numbers in PostgreSQL (its bit_count "
    "counts the bits of bytea or bit strings)",
    ("postgres", "time_bucket"): "has no equivalent in PostgreSQL (date_bin needs timestamps "
    "and an origin, and takes no months or years)",
    ("spark", "hash"): "gives other values in Spark (another hash function)",
}

_REWRITE = "rewrite the expression with functions both engines share, or run it on DuckDB"
_SHIPPED_HINT = {
    "postgres": "checked against the functions of {source}; compile with --database pointing "
    "at your server to check its own, or rewrite the expression with functions both share",
    "spark": "checked against the functions of {source}, the Spark DataMorph pins; rewrite the "
    "expression with functions both engines share, or run it on DuckDB",
}


def refuse_untranslatable(
    tree: exp.Expr, dialect: str, functions: Iterable[str] | None = None
) -> None:
    """UsageError naming the first function of `tree` (DuckDB's semantics) that `dialect`
    cannot run. `functions`: the connected engine's function names, else the shipped list."""
    if dialect not in DIALECT_NAMES:
        return  # DuckDB: the spec's own dialect, its functions checked with the spec
    known = _known(dialect, functions)
    for node in tree.find_all(exp.Func):
        reason = _SAME_NAME_OTHER_MEANING.get((dialect, function_name(node)))
        if reason is not None:
            raise refused(dialect, f"{_spec_name(node)}() {reason}")
    try:
        rendered = tree.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE)
    except UnsupportedError as error:
        raise _unsupported(tree, dialect, error) from None
    missing = [name for name in calls(rendered, dialect) if name not in known]
    if missing:
        raise _missing(tree, dialect, missing[0], shipped=functions is None)


def calls(sql: str, dialect: str) -> list[str]:
    """The names `sql` calls as functions (lower case, in order), grammar left out."""
    tokens = Dialect.get_or_raise(dialect).tokenize(sql)
    found = []
    for token, following in pairwise(tokens):
        name = token.text.lower()
        is_name = token.token_type == TokenType.VAR or name in _KEYWORD_FUNCTIONS
        if following.token_type == TokenType.L_PAREN and is_name:
            found.append(name)
    return [name for name in dict.fromkeys(found) if name not in _GRAMMAR[dialect]]


def refused(dialect: str, what: str, hint: str = _REWRITE) -> UsageError:
    target = DIALECT_NAMES[dialect]
    return UsageError(f"the spec cannot be compiled for {target}: {what}", hint=hint)


def _known(dialect: str, functions: Iterable[str] | None) -> frozenset[str]:
    if functions is None:
        return shipped_functions(dialect)
    return frozenset(name.lower() for name in functions)


@cache
def _shipped(dialect: str) -> tuple[str, frozenset[str]]:
    """(where the list was read, the names): bench/dialect_functions.py wrote it."""
    text = resources.files("datamorph.codegen").joinpath(f"functions/{dialect}.txt").read_text()
    lines = text.splitlines()
    source = lines[0].removeprefix("# ").split(":")[0] if lines else DIALECT_NAMES[dialect]
    return source, frozenset(line for line in lines if line and not line.startswith("#"))


def shipped_functions(dialect: str) -> frozenset[str]:
    """The functions of `dialect` as read from a real engine of the version the tests use."""
    return _shipped(dialect)[1]


def shipped_source(dialect: str) -> str:
    """The engine and version the shipped list was read from ("PostgreSQL 15.14")."""
    return _shipped(dialect)[0]


def _unsupported(tree: exp.Expr, dialect: str, error: UnsupportedError) -> UsageError:
    culprit = None
    for node in tree.walk():  # the deepest node sqlglot cannot render (walk: parents first)
        try:
            node.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE)
        except UnsupportedError:
            culprit = node
    reason = str(error).splitlines()[0].rstrip(".")
    # a wrapper (`any_value(x) IGNORE NULLS`) is named by the function it wraps
    function = culprit if isinstance(culprit, exp.Func) else culprit and culprit.find(exp.Func)
    if not isinstance(function, exp.Func):
        return refused(dialect, f"sqlglot cannot translate it ({reason})")
    return refused(dialect, f"{_spec_name(function)}() cannot be translated ({reason})")


def _missing(tree: exp.Expr, dialect: str, name: str, shipped: bool) -> UsageError:
    """Name the spec's function whose translation calls `name`: the smallest one."""
    candidates = [
        node for node in tree.find_all(exp.Func) if name in calls(node.sql(dialect), dialect)
    ]
    target = DIALECT_NAMES[dialect]
    hint = _SHIPPED_HINT[dialect].format(source=shipped_source(dialect)) if shipped else _REWRITE
    if not candidates:
        return refused(dialect, f"{name.upper()}() is not a function of {target}", hint)
    spec_name = _spec_name(min(candidates, key=lambda node: len(node.sql(dialect))))
    becomes = "" if spec_name == name else f" (it would become {name.upper()}(), unknown there)"
    return refused(dialect, f"DuckDB's {spec_name}() has no equivalent in {target}{becomes}", hint)


def _spec_name(node: exp.Func) -> str:
    """The function as the spec wrote it: DuckDB's name."""
    return function_name(node, "duckdb")

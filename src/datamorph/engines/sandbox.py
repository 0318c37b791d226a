"""Queries from people the service does not fully trust: read the database's tables, nothing else.

`require_select` keeps a query from writing. A query sent over HTTP must also stay inside the
database: DuckDB's table functions and string table names read files (`read_text('/etc/...')`,
`FROM 'data.csv'`, `glob('*')`), `query()` runs SQL of its own, and ATTACHed or other catalogs
are other databases. So every table a sandboxed query names must be one of the catalog's (or a
CTE of its own), and it may call only the functions a spec may (spec/functions.py: an
allow-list). This is the second fence: the engine itself reads no file (duckdb_confine.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlglot import exp

from datamorph.engines.base import require_select
from datamorph.errors import UsageError, unknown_name_error
from datamorph.spec.functions import forbidden_functions

# Longer than any query a person writes; parsing a megabyte of SQL only costs the service.
MAX_QUERY_CHARS = 100_000
_HINT = "query the database's tables; see POST /get/schemas"


def require_sandboxed_select(sql: str, dialect: str, tables: Iterable[str]) -> exp.Query:
    """One read-only SELECT over `tables` (and its own CTEs) only; else UsageError saying why."""
    if len(sql) > MAX_QUERY_CHARS:
        raise UsageError(
            f"the query is {len(sql):,} characters long; the limit is {MAX_QUERY_CHARS:,}",
            hint="send a shorter query",
        )
    try:
        return _checked(sql, dialect, tables)
    except RecursionError:
        raise UsageError(
            "the query nests too deeply to be checked", hint="flatten it, e.g. with a CTE"
        ) from None


def _checked(sql: str, dialect: str, tables: Iterable[str]) -> exp.Query:
    tree = require_select(sql, dialect)
    known = {name.lower() for name in tables}
    own = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        _check_table(table, known, own)
    for name in forbidden_functions(tree, dialect):
        raise UsageError(
            f"function {name}() is not allowed here",
            hint="queries here may use arithmetic, text, date, conditional, aggregate and "
            "window functions over the database's tables",
        )
    return tree


def _check_table(table: exp.Table, known: set[str], own: set[str]) -> None:
    if not isinstance(table.this, exp.Identifier):
        what = table.this.sql() if isinstance(table.this, exp.Expr) else "a function"
        raise UsageError(f"table functions are not allowed here: {what}", hint=_HINT)
    if table.catalog or table.db.lower() not in ("", "main"):
        raise UsageError(f"only this database's tables can be read, not {table.sql()}", hint=_HINT)
    if table.name.lower() not in known | own:
        raise unknown_name_error("table", table.name, known)

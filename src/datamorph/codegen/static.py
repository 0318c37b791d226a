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

"""Which statements a read-only PostgreSQL connection may still run: those that touch only
temporary tables (`CREATE TEMP TABLE ... AS SELECT`, `DROP TABLE pg_temp.x`).

Parsed, not pattern-matched: the statement must be exactly one CREATE of a TEMPORARY table
whose query writes nothing, or one DROP naming the pg_temp schema, which holds only this
session's temporary tables.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

_WRITING = (exp.Insert, exp.Update, exp.Delete, exp.Merge, exp.Drop, exp.Alter, exp.Into)


def only_temporary(sql: str) -> bool:
    try:
        statements = [s for s in sqlglot.parse(sql, read="postgres") if s is not None]
    except (ParseError, TokenError, RecursionError):
        return False
    if len(statements) != 1:
        return False
    statement = statements[0]
    if isinstance(statement, exp.Create):
        temporary = statement.find(exp.TemporaryProperty) is not None
        query = statement.expression
        writes = query is not None and any(isinstance(n, _WRITING) for n in query.walk())
        return temporary and str(statement.kind).upper() == "TABLE" and not writes
    if isinstance(statement, exp.Drop) and str(statement.kind).upper() == "TABLE":
        tables = statement.args.get("tables") or [statement.this]
        return all(isinstance(t, exp.Table) and t.db.lower() == "pg_temp" for t in tables)
    return False

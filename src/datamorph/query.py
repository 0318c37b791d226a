"""Read-only queries over a database's tables: `datamorph.query(...)`, `datamorph query`,
`POST /execute/query`. One path for all three, so each gets the same fences: one SELECT over
the catalog's tables calling allowed functions (engines/sandbox.py), on a connection the engine
confines (no file, setting or extension), read-only, cut off after `limit` rows, and
interrupted by the engine after `timeout` seconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from datamorph import notebook
from datamorph.engines import open_engine
from datamorph.errors import UsageError

if TYPE_CHECKING:
    from datamorph.engines.base import Engine, QueryResult

DEFAULT_LIMIT = 100
DEFAULT_TIMEOUT = 30.0


@dataclass(repr=False)  # the repr is notebook.Shown's
class QueryAnswer(notebook.Shown):
    """A query's answer: `columns`, their `types`, the `rows` (tuples), and `truncated` when
    more rows matched than the limit let through (`total_rows`: how many in all, when known)."""

    columns: list[str]
    types: list[str]
    rows: list[tuple[object, ...]]
    truncated: bool  # more rows than `limit` matched; only the first `limit` are here
    total_rows: int | None = None  # every row that matched, when counted (`show_table` does)

    def _view(self) -> notebook.View:
        return notebook.query_view(self)


def query(
    sql: str,
    *,
    database: str | None = None,
    engine: str | None = None,
    limit: int = DEFAULT_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
) -> QueryAnswer:
    """Run one read-only SELECT (`sql`) over the database's tables; `UsageError` says why one
    is refused (a file read, a setting, a table function, a write, a time limit passed).

    `database` and `engine` as in `datamorph.catalog`; at most `limit` rows come back
    (`truncated` says more matched); the engine stops the query after `timeout` seconds.

        answer = datamorph.query("SELECT count(*) AS n FROM orders")
        answer.rows[0][0]
    """
    opened = open_engine(database, engine, read_only=True)
    try:
        return sandboxed_query(opened, sql, limit=limit, timeout=timeout)
    finally:
        opened.close()


def sandboxed_query(engine: Engine, sql: str, *, limit: int, timeout: float) -> QueryAnswer:
    if limit < 1:
        raise UsageError(f"the row limit must be at least 1, got {limit}", hint="--limit 100")
    from datamorph.engines.sandbox import require_sandboxed_select

    tables = engine.catalog(samples=0, counts=False).table_names
    require_sandboxed_select(sql, engine.dialect, tables)
    result = _bounded(engine, sql, limit + 1, timeout)  # one row more says whether it was cut
    return QueryAnswer(
        columns=result.columns,
        types=result.types,
        rows=[tuple(row) for row in result.rows[:limit]],
        truncated=len(result.rows) > limit,
    )


def show_table(
    table: str,
    *,
    database: str | None = None,
    engine: str | None = None,
    limit: int = DEFAULT_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
) -> QueryAnswer:
    """The first `limit` rows of one of the database's tables, read-only, and how many it has
    in all (`total_rows`). The name must be a table of the catalog (else UsageError with the
    nearest names); it is quoted as an identifier, never pasted into the SQL as given.

    `table`: the table; `database`, `engine` and `timeout` as in `datamorph.query`.

        datamorph.show("orders", limit=5)
    """
    from sqlglot import exp

    opened = open_engine(database, engine, read_only=True)
    try:
        name = opened.catalog(samples=0, counts=False).table(table).name
        quoted = exp.to_identifier(name, quoted=True).sql(dialect=opened.dialect)
        answer = sandboxed_query(opened, f"SELECT * FROM {quoted}", limit=limit, timeout=timeout)
        answer.total_rows = len(answer.rows)
        if answer.truncated:  # counted only when the preview does not hold them all
            counted = sandboxed_query(
                opened, f"SELECT count(*) FROM {quoted}", limit=1, timeout=timeout
            )
            answer.total_rows = int(str(counted.rows[0][0]))
        return answer
    finally:
        opened.close()


def _bounded(engine: Engine, sql: str, limit: int, timeout: float) -> QueryResult:
    """The query, or UsageError when it ran past `timeout`: the query's cost, not a passing
    fault, so an error that says what to change rather than 'retrying may succeed'."""
    from datamorph.engines.base import EngineError

    try:
        return engine.query(sql, limit=limit, timeout=timeout)
    except EngineError as error:
        if "timed out" not in error.message:
            raise
        raise UsageError(
            f"the query ran past the {timeout:g} s limit and was stopped",
            hint="narrow it (filters, fewer joins) or aggregate before returning rows",
        ) from None

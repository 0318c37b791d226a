"""`datamorph query`: one read-only SELECT over the database's tables, printed as a table or
JSON. The same fences as `POST /execute/query` (datamorph/query.py). Registered by cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from datamorph.cli_errors import print_json
from datamorph.errors import UsageError
from datamorph.query import DEFAULT_LIMIT, DEFAULT_TIMEOUT

out = Console()


def query_command(
    sql: Annotated[
        str | None, typer.Argument(help="One SELECT over the database's tables.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the SELECT from a .sql file.")
    ] = None,
    database: Annotated[
        str | None, typer.Option("--database", "-d", help="DuckDB file path or URL.")
    ] = None,
    limit: Annotated[
        int, typer.Option(min=1, max=100_000, help="Rows to print at most.")
    ] = DEFAULT_LIMIT,
    timeout: Annotated[
        float, typer.Option(min=0.1, max=86_400, help="Seconds before the engine stops it.")
    ] = DEFAULT_TIMEOUT,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Run one read-only SELECT: the database's tables only, no files, settings or writes."""
    from datamorph import display
    from datamorph.engines.base import QueryResult
    from datamorph.query import query

    answer = query(_text(sql, file), database=database, limit=limit, timeout=timeout)
    if as_json:
        from datamorph.json_cells import cell  # strict JSON: NaN and Infinity as strings

        rows = [dict(zip(answer.columns, map(cell, row), strict=True)) for row in answer.rows]
        print_json(
            {"columns": answer.columns, "types": answer.types, "rows": rows,
             "truncated": answer.truncated}
        )  # fmt: skip
        return
    shown = QueryResult(columns=answer.columns, rows=answer.rows, types=answer.types)
    display.query_table(out, shown)
    more = "; more matched, raise --limit to see them" if answer.truncated else ""
    out.print(f"{len(answer.rows):,} row(s){more}", highlight=False, markup=False)


def _text(sql: str | None, file: Path | None) -> str:
    if (sql is None) == (file is None):
        raise UsageError(
            "give the SELECT as an argument or with --file, not both or neither",
            hint='datamorph query "SELECT count(*) FROM orders"',
        )
    if file is not None:
        from datamorph.runner import MAX_CODE_BYTES

        if file.is_file() and file.stat().st_size > MAX_CODE_BYTES:
            raise UsageError(f"'{file}' is over {MAX_CODE_BYTES:,} bytes", hint="one SELECT")
        return file.read_text(encoding="utf-8")
    assert sql is not None
    if not sql.strip():
        raise UsageError("the query is empty", hint='datamorph query "SELECT 1"')
    return sql

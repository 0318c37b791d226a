"""`datamorph query` and `datamorph show`: one read-only SELECT, or one table's first rows,
printed as a table, CSV or JSON. The same fences as `POST /execute/query`
(datamorph/query.py). Registered by cli.py."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from datamorph.cli_errors import print_json
from datamorph.cli_progress import progress_status
from datamorph.errors import UsageError
from datamorph.query import DEFAULT_LIMIT, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from datamorph.query import QueryAnswer

out = Console()
err = Console(stderr=True)

DatabaseOpt = Annotated[
    str | None, typer.Option("--database", "-d", help="DuckDB file path or URL.")
]
LimitOpt = Annotated[int, typer.Option(min=1, max=100_000, help="Rows to print at most.")]
TimeoutOpt = Annotated[
    float, typer.Option(min=0.1, max=86_400, help="Seconds before the engine stops it.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV (a header, then the rows).")]


def query_command(
    sql: Annotated[
        str | None, typer.Argument(help="One SELECT over the database's tables.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the SELECT from a .sql file.")
    ] = None,
    database: DatabaseOpt = None,
    limit: LimitOpt = DEFAULT_LIMIT,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Run one read-only SELECT: the database's tables only, no files, settings or writes."""
    from datamorph.query import query

    _one_format(as_json, as_csv)
    text = _text(sql, file)
    with progress_status(err, "querying...", enabled=not as_json):
        answer = query(text, database=database, limit=limit, timeout=timeout)
    print_answer(answer, as_json=as_json, as_csv=as_csv)


def show_command(
    table: Annotated[str, typer.Argument(help="A table of the database.", show_default=False)],
    database: DatabaseOpt = None,
    limit: LimitOpt = DEFAULT_LIMIT,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Show a table's first rows (read-only), and how many it has in all."""
    from datamorph.query import show_table

    _one_format(as_json, as_csv)
    with progress_status(err, f"reading {table}...", enabled=not as_json):
        answer = show_table(table, database=database, limit=limit, timeout=timeout)
    print_answer(answer, as_json=as_json, as_csv=as_csv)


def _one_format(as_json: bool, as_csv: bool) -> None:
    if as_json and as_csv:
        raise UsageError("--json and --csv both given", hint="choose one output format")


def print_answer(answer: QueryAnswer, *, as_json: bool, as_csv: bool) -> None:
    """The rows as JSON, CSV or a table; the 'more rows' note goes where it cannot spoil the
    data (stderr for CSV, a key in JSON)."""
    if as_json:
        from datamorph.json_cells import cell  # strict JSON: NaN and Infinity as strings

        rows = [dict(zip(answer.columns, map(cell, row), strict=True)) for row in answer.rows]
        data = {"columns": answer.columns, "types": answer.types, "rows": rows,
                "truncated": answer.truncated}  # fmt: skip
        if answer.total_rows is not None:
            data["total_rows"] = answer.total_rows
        print_json(data)
        return
    if as_csv:
        _write_csv(answer)
        if answer.truncated:
            err.print(more_rows_note(answer), highlight=False, markup=False)
        return
    from datamorph import display
    from datamorph.engines.base import QueryResult

    shown = QueryResult(columns=answer.columns, rows=answer.rows, types=answer.types)
    display.query_table(out, shown)
    out.print(more_rows_note(answer), highlight=False, markup=False)


def _write_csv(answer: QueryAnswer) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(answer.columns)
    for row in answer.rows:
        writer.writerow(["" if value is None else value for value in row])


def more_rows_note(answer: QueryAnswer) -> str:
    shown = len(answer.rows)
    if not answer.truncated:
        return f"{shown:,} row(s)"
    if answer.total_rows is not None:
        more = answer.total_rows - shown
        return f"{shown:,} of {answer.total_rows:,} rows shown; {more:,} more rows (raise --limit)"
    return f"{shown:,} row(s); more matched, raise --limit to see them"


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

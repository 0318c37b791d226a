"""`datamorph load`: a file into a table, with the schema it inferred and the values it could
not parse. The work is `datamorph.loading.load`; this renders its report (or, with --json,
prints it and nothing else) and draws a progress bar on stderr while a big file loads.
Registered by cli.py."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from datamorph.cli_errors import fail, print_json
from datamorph.errors import UsageError

if TYPE_CHECKING:  # the loader (DuckDB, pydantic) only when a file is loaded
    from datamorph.loading_models import Dirt, LoadRefused, LoadReport, SchemaMismatch

out = Console()
err = Console(stderr=True)
BIG_FILE = 50 * 1024 * 1024  # a bar from the start; a smaller file gets one after SLOW seconds
SLOW = 1.0
SHOWN_COLUMNS = 100
_WHY = {
    "inferred": "inferred",
    "option": "your option",
    "table": "the table's",
    "dirt": "text: dirt",
}


def load_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV, TSV, JSON, JSON lines, Parquet or Excel (.xlsx); CSV and JSON may be "
            "compressed (.gz, .zst)."
        ),
    ],
    table: Annotated[str, typer.Option("--table", "-t", help="Table to create or replace.")],
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            "-d",
            help="DuckDB file, postgresql:// URL, or spark:MASTER (default: the demo database).",
        ),
    ] = None,
    append: Annotated[
        bool, typer.Option(help="Append instead of replacing (the columns must match).")
    ] = False,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            help="COLUMN=TYPE, e.g. amount=DECIMAL(12,2) (repeatable).",
            show_default=False,
        ),
    ] = None,
    date_format: Annotated[
        list[str] | None,
        typer.Option(
            help="strptime format of dates, e.g. %d/%m/%Y (repeatable: tried in order, then ISO).",
            show_default=False,
        ),
    ] = None,
    timestamp_format: Annotated[
        list[str] | None,
        typer.Option(
            help="strptime format of timestamps, e.g. '%d/%m/%Y %H:%M' (repeatable).",
            show_default=False,
        ),
    ] = None,
    null: Annotated[
        list[str] | None,
        typer.Option(
            help="A value that means NULL, e.g. n/a (repeatable; empty fields are NULL anyway).",
            show_default=False,
        ),
    ] = None,
    delimiter: Annotated[
        str | None, typer.Option(help="CSV field delimiter (default: sniffed); \\t for a tab.")
    ] = None,
    header: Annotated[
        bool | None,
        typer.Option(
            "--header/--no-header",
            help="Whether the first CSV row names the columns (default: sniffed).",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="utf-8 (default), latin-1 or utf-16 (a BOM says so itself).")
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(help="Excel: the sheet to load, by name or 1-based number (default: first)."),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Refuse (exit 2) a column with dirt instead of loading it as text."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the load report as JSON.")] = False,
) -> None:
    """Load a file into a table, atomically (a failed load leaves the old table intact).

    Prints the inferred schema (column, type, nulls) and what could not be parsed: a column
    that is mostly numbers or dates with some dirt is loaded as text, with a warning, counts,
    examples and the fix (--strict refuses it instead)."""
    from datamorph.loading import load
    from datamorph.loading_models import LoadRefused, SchemaMismatch

    bar = ProgressBar(file, enabled=err.is_terminal and not as_json)
    try:
        report = load(
            file,
            table,
            database=database,
            append=append,
            types=column_types(types or []),
            date_format=date_format,
            timestamp_format=timestamp_format,
            nulls=null,
            delimiter=delimiter,
            header=header,
            encoding=encoding,
            sheet=sheet,
            strict=strict,
            progress=bar if bar.enabled else None,
        )
    except (LoadRefused, SchemaMismatch) as error:
        bar.close()
        refused(error, as_json)
        return
    finally:
        bar.close()
    if as_json:
        print_json(report.model_dump(mode="json"))
        return
    render(report)


def column_types(pairs: list[str]) -> dict[str, str]:
    """`--type amount=DECIMAL(12,2)`, given once per column."""
    chosen: dict[str, str] = {}
    for pair in pairs:
        column, sep, kind = pair.partition("=")
        if not sep or not column.strip() or not kind.strip():
            raise UsageError(
                f"--type takes COLUMN=TYPE, got '{pair}'", hint="e.g. --type amount=DECIMAL(12,2)"
            )
        if column.strip() in chosen:
            raise UsageError(f"--type {column.strip()} is given twice", hint="give it once")
        chosen[column.strip()] = kind.strip()
    return chosen


def render(report: LoadReport) -> None:
    out.print(
        Text.assemble(
            "loaded ",
            (f"{report.rows:,}", "bold"),
            " rows into ",
            (report.table, "bold"),
            f" ({report.table_rows:,} rows now, {report.database})",
        )
    )
    grid = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("column", "type", "nulls", "type from"):
        grid.add_column(name, overflow="fold")
    for column in report.columns[:SHOWN_COLUMNS]:
        nulls = "?" if column.nulls is None else f"{column.nulls:,}"
        style = "yellow" if column.source == "dirt" else ""
        grid.add_row(Text(column.name), column.type, nulls, Text(_WHY[column.source], style=style))
    out.print(grid)
    hidden = len(report.columns) - SHOWN_COLUMNS
    if hidden > 0:  # a 10,000-column file is not read on a screen: --json has them all
        out.print(f"... and {hidden:,} more columns (--json lists every one)", highlight=False)
    for dirt in report.dirt:
        err.print(Text.assemble(("warning: ", "bold yellow"), _dirt_line(dirt)), soft_wrap=True)
    if report.dirt:
        err.print(
            Text("(--strict refuses such a file instead of loading text columns)", style="dim")
        )
    for note in report.notes:
        err.print(Text(f"note: {note}", style="dim"), soft_wrap=True)


def _dirt_line(dirt: Dirt, *, loaded: bool = True) -> str:
    done = ": loaded as text" if loaded else ""
    return (
        f"{dirt.column}: {dirt.bad:,} of {dirt.values:,} values are not {dirt.expected} "
        f"({_examples(dirt)}){done}. Fix: {dirt.fix}"
    )


def _examples(dirt: Dirt) -> str:
    return ", ".join(f"'{value}' ×{count:,}" for value, count in dirt.examples[:3])


def refused(error: LoadRefused | SchemaMismatch, as_json: bool) -> None:
    """The details on stdout (a table, or the JSON), then the one-line error and exit 2."""
    from datamorph.loading_models import LoadRefused, SchemaMismatch

    problems = error.problems if isinstance(error, LoadRefused) else []
    if as_json:
        detail: dict[str, Any] = {"problems": [p.model_dump(mode="json") for p in problems]}
        if isinstance(error, SchemaMismatch):
            detail = {"missing": error.missing, "extra": error.extra, "changed": error.changed}
        print_json(
            {"error": True, "message": error.one_line(), "error_type": type(error).__name__}
            | detail
        )
    else:
        for problem in problems:
            out.print(Text(_dirt_line(problem, loaded=False)), soft_wrap=True)
    fail(error.one_line(), error.exit_code, type(error).__name__, as_json=False)


class ProgressBar:
    """Rich's bar on stderr, from the start for a big file, else once a step has taken more
    than SLOW seconds; never on a stderr that is not a terminal (Rich draws nothing there)."""

    def __init__(self, file: Path, *, enabled: bool) -> None:
        self.enabled = enabled
        try:
            self.big = file.stat().st_size > BIG_FILE
        except OSError:  # the library says what is wrong with the file
            self.big = False
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, phase: str, fraction: float | None) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if not self.big and time.monotonic() - self.started < SLOW:
                return
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(phase, total=1.0)
        total = None if fraction is None else 1.0
        self.bar.update(self.task, description=phase, total=total, completed=fraction or 0.0)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

"""Rich rendering for the terminal: tables, the run summary, the catalog, the event log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.syntax import Syntax
from rich.table import Table as RichTable

from datamorph.catalog import Catalog
from datamorph.engines.base import QueryResult
from datamorph.runner import RunResult
from datamorph.runs import Event, RunRecord
from datamorph.spec import Spec
from datamorph.validation.report import ValidationReport

_STATUS_STYLE = {
    "completed": "bold green",
    "failed": "bold red",
    "needs_attention": "bold yellow",
    "interrupted": "bold magenta",
    "cancelled": "dim",
    "pass": "green",
    "fail": "red",
    "skipped": "yellow",
    "error": "magenta",
}
_LEVEL_STYLE = {"error": "red", "warning": "yellow", "info": "", "debug": "dim"}


def styled(value: str) -> str:
    style = _STATUS_STYLE.get(value)
    return f"[{style}]{value}[/]" if style else value


def run_summary(console: Console, result: RunResult) -> None:
    rows_text = f"{result.rows:,} rows" if result.rows is not None else "no rows"
    fields = [
        ("status", styled(result.status)),
        ("run", escape(result.run_id)),
        ("target", f"{escape(result.target_table or '-')} ({rows_text})"),
        ("validation", styled(result.validation_status)),
        ("iterations", str(result.iterations)),
        ("spec", escape(result.spec_path or "-")),
        ("code", escape(result.code_path or "-")),
    ]
    if result.message and result.status != "completed":
        fields.append(("message", escape(result.message)))
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for name, value in fields:
        grid.add_row(name, value)
    console.print(grid)


def plan_panel(console: Console, spec: Spec, reading: str, words: Sequence[str] = ()) -> None:
    console.print(Syntax(spec.to_json(), "json", theme="ansi_dark", word_wrap=True))
    console.print("[bold]plan[/]")
    console.print(reading, highlight=False, markup=False)
    if words:
        console.print("[bold]how the request was read[/]")
        for line in words:
            console.print(f"- {line}", highlight=False, markup=False)


def query_table(console: Console, result: QueryResult, *, title: str | None = None) -> None:
    table = RichTable(title=title, header_style="bold cyan")
    for name in result.columns:
        table.add_column(escape(name), overflow="fold")
    for row in result.rows:
        table.add_row(*(_cell(value) for value in row))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return "[dim]NULL[/]"
    if isinstance(value, float):
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return escape(str(value))


def validation_table(console: Console, report: ValidationReport) -> None:
    counts = report.counts
    title = (
        f"validation of {escape(report.table)}: {styled(report.status)} ({counts['pass']} passed, "
        f"{counts['fail']} failed, {counts['error']} errors, {counts['skipped']} skipped)"
    )
    table = RichTable(title=title, header_style="bold cyan")
    for name in ("check", "status", "observed", "expected", "message"):
        table.add_column(name, overflow="fold")
    for check in report.checks:
        table.add_row(
            escape(check.name),
            styled(check.status),
            _check_value(check.observed),
            _check_value(check.expected),
            escape(check.message),
        )
    console.print(table)


def _check_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_cell(item) for item in value)
    return "" if value is None else _cell(value)


def catalog_table(console: Console, catalog: Catalog) -> None:
    table = RichTable(title="catalog", header_style="bold cyan")
    for name in ("table", "rows", "primary key", "columns"):
        table.add_column(name, overflow="fold")
    for item in catalog.tables.values():
        columns = ", ".join(
            f"{escape(c.name)} [dim]{escape(c.type.lower())}[/]" for c in item.columns
        )
        table.add_row(
            escape(item.name),
            f"{item.row_count:,}" if item.row_count is not None else "?",
            escape(", ".join(item.primary_key)) or "-",
            columns,
        )
    console.print(table)


def runs_table(console: Console, runs: Sequence[RunRecord]) -> None:
    table = RichTable(title="runs", header_style="bold cyan")
    table.add_column("run", no_wrap=True, min_width=22)
    table.add_column("created", no_wrap=True, min_width=14)
    table.add_column("status", no_wrap=True, min_width=9)
    table.add_column("rows", no_wrap=True, justify="right", min_width=5)
    # One line per run; `runs show` has the whole target name and message.
    table.add_column("target", no_wrap=True, overflow="ellipsis", max_width=28)
    table.add_column("message", no_wrap=True, overflow="ellipsis", max_width=36)
    for record in runs:
        table.add_row(
            escape(record.run_id),
            record.created_at.strftime("%m-%d %H:%M:%S"),
            styled(str(record.status)),
            f"{record.rows:,}" if record.rows is not None else "-",
            escape(record.target_table or "-"),
            escape(record.message or ""),
        )
    console.print(table)


def events_table(console: Console, events: Sequence[Event]) -> None:
    table = RichTable(header_style="bold cyan")
    for name in ("#", "time", "step", "level", "message"):
        table.add_column(name, overflow="fold")
    for event in events:
        style = _LEVEL_STYLE.get(event.level, "")
        message = f"[{style}]{escape(event.message)}[/]" if style else escape(event.message)
        table.add_row(
            str(event.seq),
            event.time.strftime("%H:%M:%S.%f")[:-3],
            escape(event.step),
            event.level,
            message,
        )
    console.print(table)


def code_block(console: Console, code: str, language: str) -> None:
    console.print(Syntax(code, language, theme="ansi_dark", word_wrap=True))

"""Rich rendering for the terminal: tables, the run summary, the catalog, the event log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable
from rich.text import Text

if TYPE_CHECKING:  # names for the signatures; importing them would load the whole library
    from datamorph.catalog import Catalog, Column
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
    "warning": "yellow",
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
    from rich.syntax import Syntax  # pygments, only to show code

    console.print(Syntax(spec.to_json(), "json", theme="ansi_dark", word_wrap=True))
    plan_reading(console, reading, words)


def plan_reading(console: Console, reading: str, words: Sequence[str] = ()) -> None:
    """The plan in plain English, and which words of the request made it."""
    console.print("[bold]plan[/]")
    console.print(reading, highlight=False, markup=False)
    if words:
        console.print("[bold]how the request was read[/]")
        for line in words:
            console.print(f"- {line}", highlight=False, markup=False)


def query_table(console: Console, result: QueryResult, *, title: str | None = None) -> None:
    cells = [[_cell(value) for value in row] for row in result.rows]
    table = RichTable(title=title, header_style="bold cyan")
    if _natural_width(result.columns, cells) > console.width:
        # no vertical rules: a column more fits before Rich starts folding names and values
        table = RichTable(
            title=title, header_style="bold cyan", box=box.SIMPLE_HEAD, show_edge=False
        )
    for name in result.columns:
        table.add_column(escape(name), overflow="fold")
    for row_cells in cells:
        table.add_row(*row_cells)
    console.print(table)


def _natural_width(columns: Sequence[str], cells: list[list[str]]) -> int:
    """Width of the table in the default box, no column folded: each column's widest text,
    its padding (2) and its rule (1), and the closing rule."""
    widths = [len(name) for name in columns]
    for row_cells in cells:
        widths = [
            max(w, len(Text.from_markup(c).plain)) for w, c in zip(widths, row_cells, strict=True)
        ]
    return sum(widths) + 3 * len(widths) + 1


def _cell(value: Any) -> str:
    if value is None:
        return "[dim]NULL[/]"
    if isinstance(value, float):
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return escape(str(value))


def validation_table(console: Console, report: ValidationReport) -> None:
    counts = report.counts
    warned = f", {counts['warn']} warnings" if counts.get("warn") else ""
    title = (
        f"validation of {escape(report.table)}: {styled(report.status)} ({counts['pass']} passed, "
        f"{counts['fail']} failed, {counts['error']} errors, {counts['skipped']} skipped"
        f"{warned})"
    )
    table = RichTable(title=title, header_style="bold cyan")
    for name in ("check", "status", "observed", "expected", "message"):
        table.add_column(name, overflow="fold")
    for check in report.checks:
        table.add_row(
            escape(check.name),
            # a failed test of severity warn: reported, and it did not fail the run
            styled("warning") if _warned(check) else styled(check.status),
            _check_value(check.observed),
            _check_value(check.expected),
            escape(check.message),
        )
    console.print(table)


def _warned(check: Any) -> bool:
    return bool(getattr(check, "is_warning", False))


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


def catalog_profiles(console: Console, catalog: Catalog) -> None:
    """`catalog --profile`: per table, each column's statistics from a sample of rows, one
    line per column, cut with an ellipsis to fit the console (`--json` has every value)."""
    for item in catalog.tables.values():
        rows = [(escape(c.name), escape(c.type.lower()), *_profile(c)) for c in item.columns]
        natural = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(_PROFILE)]
        widths = fit_widths(console.width, natural, minimum=[12, 7, 5, 8, 6, 6, 10])
        table = RichTable(title=f"{escape(item.name)} (profile)", header_style="bold cyan")
        for head, width in zip(_PROFILE, widths, strict=True):
            right = head in ("nulls", "distinct")
            table.add_column(
                head, width=width, no_wrap=True, overflow="ellipsis",
                justify="right" if right else "left",
            )  # fmt: skip
        for row in rows:
            table.add_row(*row)
        console.print(table)


_PROFILE = ("column", "type", "nulls", "distinct", "min", "max", "top values")


def fit_widths(total: int, natural: list[int], minimum: list[int]) -> list[int]:
    """Column widths that fit a heavy-box table in `total` characters: the widest column
    gives up a character at a time, none below its minimum."""
    budget = total - (3 * len(natural) + 1)  # borders and padding: 3 per column, plus 1
    widths = [max(n, 1) for n in natural]
    while sum(widths) > budget:
        shrinkable = [i for i, w in enumerate(widths) if w > minimum[i]]
        if not shrinkable:
            break  # narrower than the minimums: the console crops what is left
        widest = max(shrinkable, key=lambda i: widths[i] - minimum[i])
        widths[widest] -= 1
    return widths


def _profile(column: Column) -> tuple[str, ...]:
    found = column.profile
    if found is None:
        return ("-",) * 5
    nulls = f"{found.null_fraction:.0%}" if found.null_fraction is not None else "-"
    distinct = f"{found.distinct_count:,}" if found.distinct_count is not None else "-"
    return (
        nulls,
        distinct,
        escape(found.min) if found.min is not None else "-",
        escape(found.max) if found.max is not None else "-",
        escape(", ".join(found.top_values)) or "-",
    )


def runs_table(console: Console, runs: Sequence[RunRecord]) -> None:
    """One line per run, fitted to the console's width: the id, time, status and rows always
    whole; the target and the message share what is left, cut with an ellipsis (`runs show`
    has both whole). Narrower than ~100 columns, the message gives its room to the target."""
    narrow = console.width < 100
    created = "%m-%d %H:%M" if narrow else "%m-%d %H:%M:%S"
    rows = [
        (
            record.run_id,
            record.created_at.strftime(created),
            str(record.status),
            f"{record.rows:,}" if record.rows is not None else "-",
            record.target_table or "-",
            record.message or "",
        )
        for record in runs
    ]
    fixed = [max([len(head), *(len(row[i]) for row in rows)]) for i, head in enumerate(_RUN_HEADS)]
    free = console.width - sum(fixed[:4]) - (3 * 6 + 1)  # a heavy-box table: 3 per column + 1
    with_message = free >= 32
    if not with_message:
        free += 3  # the message column's borders and padding, given back
    target_width = max(6, min(fixed[4], free // 2 if with_message else free))
    table = RichTable(title="runs", header_style="bold cyan")
    for head in _RUN_HEADS[:4]:
        table.add_column(head, no_wrap=True, justify="right" if head == "rows" else "left")
    table.add_column("target", no_wrap=True, overflow="ellipsis", max_width=target_width)
    if with_message:
        table.add_column(
            "message", no_wrap=True, overflow="ellipsis", max_width=free - target_width
        )
    for run_id, when, status, count, target, message in rows:
        cells = [escape(run_id), when, styled(status), count, escape(target)]
        table.add_row(*cells, *([escape(message)] if with_message else []))
    console.print(table)


_RUN_HEADS = ("run", "created", "status", "rows", "target", "message")


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
    from rich.syntax import Syntax  # pygments, only to show code

    console.print(Syntax(code, language, theme="ansi_dark", word_wrap=True))

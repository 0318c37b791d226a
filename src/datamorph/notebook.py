"""How results show themselves in a REPL and a notebook: a one-line `repr` and a small HTML
table (`_repr_html_`, which Jupyter calls). A result class inherits `Shown` and says what to
show in `_view()`; everything here is text it already holds (showing a result never queries a
database), and every name and value is escaped, since tables, columns and cells come from
data."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # only for the annotations: the classes import this module
    from datamorph.catalog import Catalog
    from datamorph.loading_models import LoadReport
    from datamorph.plan_request import PlanResult
    from datamorph.query import QueryAnswer
    from datamorph.runner import RunResult
    from datamorph.validation.report import ValidationReport

# A notebook cell shows a glance, not the data: longer previews belong to to_pandas().
PREVIEW_ROWS = 10
# Listings (a catalog's tables, a report's checks) are bounded too, so a cell stays short.
LISTED_ITEMS = 50
_CELL_CHARS = 200

Item = TypeVar("Item")


@dataclass
class View:
    """What a result shows: a one-line summary, labelled fields, and optionally a table of
    rows (a preview) or a block of code."""

    kind: str
    summary: str
    fields: list[tuple[str, object]] = field(default_factory=list)
    columns: Sequence[str] = ()
    rows: Sequence[Sequence[object]] = ()
    more_rows: int = 0  # rows held beyond those in `rows`; said, not shown
    code: str | None = None

    def line(self) -> str:
        return f"<{self.kind} {self.summary}>"

    def html(self) -> str:
        parts = [f"<div><strong>{_text(self.kind)}</strong> {_text(self.summary)}"]
        if self.fields:
            parts.append(_fields_table(self.fields))
        if self.columns:
            parts.append(_rows_table(self.columns, self.rows, self.more_rows))
        if self.code is not None:
            parts.append(f"<pre><code>{html.escape(self.code)}</code></pre>")  # whole
        parts.append("</div>")
        return "\n".join(parts)


class Shown:
    """Mixin: `repr` and `_repr_html_` from the subclass's `_view()`; `str` is the repr too
    (pydantic's own would print every field, a catalog's thousand function names included)."""

    def _view(self) -> View:
        raise NotImplementedError

    def __repr__(self) -> str:
        return self._view().line()

    def __str__(self) -> str:
        return self._view().line()

    def _repr_html_(self) -> str:
        return self._view().html()


def run_view(result: RunResult) -> View:
    summary = (
        f"{result.run_id} {result.status} {result.target_table or '-'} "
        f"{count(result.rows, 'row')}, {count(result.iterations, 'iteration')}, "
        f"{seconds(result.seconds)}"
    )
    fields: list[tuple[str, object]] = [
        ("run", result.run_id),
        ("status", result.status),
        ("table", result.target_table),
        ("rows", count(result.rows, "row")),
        ("validation", result.validation_status),
        ("healing iterations", result.iterations),
        ("duration", seconds(result.seconds)),
        ("database", f"{result.database} ({result.engine})"),
    ]
    if result.message:
        fields.append(("message", result.message))
    return View("RunResult", summary, fields)


def plan_view(planned: PlanResult) -> View:
    target = planned.spec.target_table.name
    sources = ", ".join(source.name for source in planned.spec.source_tables)
    summary = (
        f"{target} from {sources} by the {planned.planner} planner in {seconds(planned.seconds)}"
    )
    fields: list[tuple[str, object]] = [
        ("target", target),
        ("sources", sources),
        ("planner", planned.planner),
        ("planned in", seconds(planned.seconds)),
    ]
    fields += [("words", line) for line in planned.reading]
    steps = [(line.removeprefix("- "),) for line in planned.explanation.splitlines()]
    return View(
        "PlanResult", summary, fields, columns=["the plan"], rows=steps, code=planned.spec.to_json()
    )


def query_view(answer: QueryAnswer) -> View:
    if answer.total_rows is not None:  # a table shown: how many it has in all is known
        rows = f"{len(answer.rows):,} of {count(answer.total_rows, 'row')}"
    else:
        rows = count(len(answer.rows), "row") + (" (more matched)" if answer.truncated else "")
    summary = f"{count(len(answer.columns), 'column')}, {rows}"
    shown, left_out = listed(answer.rows, PREVIEW_ROWS)
    names = [f"{name} ({kind})" for name, kind in zip(answer.columns, answer.types, strict=False)]
    return View(
        "QueryAnswer",
        summary,
        columns=names or answer.columns,
        rows=shown,
        more_rows=left_out,
    )


def catalog_view(catalog: Catalog) -> View:
    tables = list(catalog.tables.values())
    names, left_out = listed([t.name for t in tables], 5)
    summary = f"{catalog.dialect or '?'}, {count(len(tables), 'table')}"
    if names:
        summary += ": " + ", ".join(names) + (", …" if left_out else "")
    shown, more = listed(tables)
    rows = [
        (
            t.name,
            count(t.row_count, "row"),
            ", ".join(t.primary_key),
            ", ".join(f"{c.name} {c.type}" for c in t.columns),
        )
        for t in shown
    ]
    return View(
        "Catalog",
        summary,
        columns=["table", "rows", "primary key", "columns"],
        rows=rows,
        more_rows=more,
    )


def validation_view(report: ValidationReport) -> View:
    counts = report.counts
    summary = (
        f"{report.table} {report.status}: {counts['pass']} passed, {counts['fail']} failed, "
        f"{counts['error']} errors, {counts['skipped']} skipped in {seconds(report.seconds)}"
    )
    shown, more = listed(report.checks)
    rows = [(c.name, c.phase, c.status, c.observed, c.expected, c.message) for c in shown]
    return View(
        "ValidationReport",
        summary,
        columns=["check", "phase", "status", "observed", "expected", "message"],
        rows=rows,
        more_rows=more,
    )


def load_view(report: LoadReport) -> View:
    dirt = f", {count(len(report.dirt), 'column')} with dirt" if report.dirt else ""
    done = "appended to" if report.mode == "append" else "replaced"
    summary = (
        f"{report.table} {done}: {count(report.rows, 'row')} from {PurePath(report.file).name}, "
        f"{count(len(report.columns), 'column')}{dirt}, {seconds(report.seconds)}"
    )
    fields: list[tuple[str, object]] = [
        ("table", f"{report.table} ({count(report.table_rows, 'row')} now)"),
        ("database", report.database),
        ("file", f"{report.file} ({', '.join(filter(None, [report.format, report.compression]))})"),
    ]
    fields += [("dirt", warning) for warning in report.warnings]
    fields += [("note", note) for note in report.notes]
    shown, more = listed(report.columns)
    rows = [(c.name, c.type, "?" if c.nulls is None else f"{c.nulls:,}", c.source) for c in shown]
    return View(
        "LoadReport",
        summary,
        fields,
        columns=["column", "type", "nulls", "type from"],
        rows=rows,
        more_rows=more,
    )


def count(number: int | None, noun: str) -> str:
    """`1,204 rows`, `1 row`, `? rows` when unknown."""
    if number is None:
        return f"? {noun}s"
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def seconds(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def listed(items: Sequence[Item], limit: int = LISTED_ITEMS) -> tuple[list[Item], int]:
    """The first `limit` items and how many were left out."""
    return list(items[:limit]), max(0, len(items) - limit)


def _text(value: object) -> str:
    shown = "" if value is None else str(value)
    if len(shown) > _CELL_CHARS:
        shown = shown[: _CELL_CHARS - 1] + "…"
    return html.escape(shown)


def _fields_table(fields: list[tuple[str, object]]) -> str:
    rows = "".join(
        f"<tr><th style='text-align:left'>{_text(label)}</th>"
        f"<td style='text-align:left'>{_text(value)}</td></tr>"
        for label, value in fields
    )
    return f"<table>{rows}</table>"


def _rows_table(columns: Sequence[str], rows: Sequence[Sequence[object]], more: int) -> str:
    head = "".join(f"<th>{_text(name)}</th>" for name in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    tail = f"<p>… {count(more, 'more row')}</p>" if more else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{tail}"

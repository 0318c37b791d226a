"""The monitor's commands: `classify`, `monitor ingest`, `incidents list|show`.

Thin like the rest of the CLI: parse, call `datamorph.monitor.service`, print. Registered on
the main app by `datamorph.cli`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from datamorph.errors import UsageError

if TYPE_CHECKING:
    from datamorph.monitor.classifier import Classification

monitor_app = typer.Typer(
    rich_markup_mode=None, help="Errors from other pipelines: classify and file them."
)
incidents_app = typer.Typer(
    rich_markup_mode=None, help="Incidents: failures grouped by template, and decisions."
)

out = Console()
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON and nothing else.")]


def _line(data: Any) -> None:
    sys.stdout.write(json.dumps(data, default=str) + "\n")


def classification_json(result: Classification) -> dict[str, Any]:
    """The contract of `classify --json`: category, confidence, strategy, similar (+ more)."""
    data = result.as_dict()
    return {
        "category": data["category"],
        "confidence": data["confidence"],
        "strategy": data["strategy"],
        "similar": data["similar"],
        "runbooks": data["runbooks"],
        "codes": data["codes"],
    }


def classify_command(
    message: Annotated[str | None, typer.Argument(help="The error message.")] = None,
    from_file: Annotated[
        Path | None, typer.Option("--from", help='JSON Lines, one {"message": ...} per line.')
    ] = None,
    code: Annotated[
        str | None, typer.Option(help="The native code, namespaced: sqlstate:42501, http:429.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Classify an error message: category, calibrated confidence, strategy, similar cases."""
    from datamorph.monitor.service import classify, classify_lines
    from datamorph.runs import open_store

    if (message is None) == (from_file is None):
        raise UsageError(
            "give a message or --from FILE.jsonl, not both or neither",
            hint='datamorph classify "permission denied for table orders"',
        )
    if from_file is not None:
        for result in classify_lines(from_file):
            if as_json:
                _line(classification_json(result))
            else:
                _print_classification(result)
        return
    assert message is not None
    with open_store() as store:
        result = classify(message, code, store=store)
    if as_json:
        _line(classification_json(result))
    else:
        _print_classification(result)


def _print_classification(result: Classification) -> None:
    colour = "green" if result.confidence >= 0.75 else "yellow"
    out.print(
        f"[bold]{result.category}[/] [{colour}]{result.confidence:.2f}[/] -> "
        f"[cyan]{result.strategy}[/]"
        + (f"  [dim]codes: {', '.join(result.codes)}[/]" if result.codes else "")
    )
    for hit in result.similar:
        out.print(f"  [dim]similar ({hit.score:.1f}):[/] {hit.document.text[:110]}")
    for hit in result.runbooks:
        out.print(f"  [dim]runbook:[/] {hit.document.title}")


@monitor_app.command("ingest")
def ingest_command(
    file: Annotated[Path, typer.Argument(help='JSON Lines: {"message", "source", "job_id"}.')],
    as_json: JsonOpt = False,
) -> None:
    """Classify errors sent by other pipelines and file them as incidents (recommendations
    only: DataMorph acts on the runs it drives)."""
    from datamorph.monitor.service import ingest
    from datamorph.runs import open_store

    with open_store() as store:
        results = ingest(file, store)
    if as_json:
        for item in results:
            _line(
                {"line": item.line, "incident_id": item.incident_id, "job_id": item.event.job_id}
                | classification_json(item.classification)
            )
        return
    table = Table(title=f"{len(results)} events from {file.name}")
    for column in ("line", "source", "job", "category", "conf.", "strategy", "incident"):
        table.add_column(column)
    for item in results:
        c = item.classification
        table.add_row(
            str(item.line),
            item.event.source,
            item.event.job_id or "",
            c.category,
            f"{c.confidence:.2f}",
            c.strategy,
            item.incident_id,
        )
    out.print(table)


@incidents_app.command("list")
def incidents_list(
    limit: Annotated[
        int, typer.Option(min=1, max=100_000, help="How many, most recent first.")
    ] = 50,
    status: Annotated[str | None, typer.Option(help="open, resolved or escalated.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Recent incidents: category, confidence, events, strategy, status."""
    from datamorph.runs import open_store

    with open_store() as store:
        rows = store.incidents.incidents(limit=limit, status=status)
    if as_json:
        _line([{k: v for k, v in r.items() if k != "classification"} for r in rows])
        return
    table = Table(title="incidents")
    for column in ("incident", "status", "category", "conf.", "events", "strategy", "message"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            r["incident_id"],
            r["status"],
            r["category"],
            f"{r['confidence']:.2f}",
            str(r["event_count"]),
            r["strategy"] or "",
            r["message"][:80],
        )
    out.print(table)


@incidents_app.command("show")
def incidents_show(incident_id: str, as_json: JsonOpt = False) -> None:
    """One incident: its classification, events and every decision taken."""
    from datamorph.runs import open_store

    with open_store() as store:
        data = store.incidents.incident(incident_id)
    if as_json:
        _line(data)
        return
    out.print(
        f"[bold]{data['incident_id']}[/] {data['status']}: [bold]{data['category']}[/] "
        f"({data['confidence']:.2f}), {data['event_count']} events, source {data['source']}"
    )
    out.print(f"  {data['message']}")
    table = Table(title="decisions")
    for column in ("time", "run", "strategy", "action", "outcome", "seconds", "summary"):
        table.add_column(column, overflow="fold")
    for d in data["decisions"]:
        table.add_row(
            f"{d['time']:%H:%M:%S}",
            d["run_id"] or "",
            d["strategy"],
            d["action"],
            d["outcome"],
            f"{d['seconds'] or 0:.3f}",
            str(d["detail"].get("summary", "")),
        )
    out.print(table)

"""`datamorph runs ...`: past runs listed, shown, run again, their logs read. Registered by
cli.py, which also prints a run's result through `report_run`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from datamorph import display
from datamorph.cli_errors import print_json
from datamorph.cli_progress import RunProgress, shows_progress
from datamorph.errors import unknown_name_error

if TYPE_CHECKING:
    from datamorph.runner import RunResult
    from datamorph.runs import RunStatus

out = Console()
err = Console(stderr=True)
runs_app = typer.Typer(
    rich_markup_mode=None,
    help="Past runs: list them, show one, read its log.",
    no_args_is_help=True,
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object and nothing else.")]


def report_run(result: RunResult, as_json: bool) -> None:
    """The run's JSON or its summary; the exit code says whether it completed."""
    if as_json:
        print_json(result.as_dict())
    else:
        display.run_summary(out, result)
    raise typer.Exit(0 if result.ok else 1)


@runs_app.command("list")
def runs_list(
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="How many, newest first.")] = 20,
    status: Annotated[str | None, typer.Option(help="Only runs with this status.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List recent runs."""
    from datamorph.runs import open_store

    wanted = _status(status) if status else None
    with open_store() as store:
        records = store.list_runs(limit=limit, status=wanted)
    if as_json:
        print_json([r.model_dump(mode="json") for r in records])
    else:
        display.runs_table(out, records)


def _status(value: str) -> RunStatus:
    from datamorph.runs import RunStatus

    try:
        return RunStatus(value)
    except ValueError:
        raise unknown_name_error("status", value, [s.value for s in RunStatus]) from None


@runs_app.command("show")
def runs_show(run_id: str, as_json: JsonOpt = False) -> None:
    """Show one run: its record and its artifacts."""
    from datamorph.runs import open_store

    with open_store() as store:
        record = store.get_run(run_id)
        artifacts = store.artifacts(record.run_id)
    if as_json:
        data = record.model_dump(mode="json")
        data["artifacts"] = [a.model_dump(mode="json") for a in artifacts]
        print_json(data)
        return
    display.runs_table(out, [record])
    for name, value in (("target", record.target_table), ("message", record.message)):
        if value:  # whole here: the table above cuts them to fit
            out.print(f"[bold]{name}[/] {escape(value)}", soft_wrap=True)
    for artifact in artifacts:
        out.print(
            f"  [cyan]{escape(artifact.name)}[/] ({artifact.kind}, {artifact.size} bytes) "
            f"[dim]{escape(artifact.location)}[/]",
            soft_wrap=True,  # a path stays whole on its line, to be copied
        )


@runs_app.command("rerun")
def runs_rerun(
    run_id: str,
    max_iterations: Annotated[int, typer.Option(min=0, max=20, help="Healing at most.")] = 5,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            "-d",
            help="Another database (default: the run's; a server URL is stored without its "
            "password, which then comes from PGPASSWORD or ~/.pgpass).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run a past run's spec again, on the same database (its prompt too, for re-planning)."""
    from datamorph.runner import rerun

    options: dict[str, Any] = {"database": database} if database else {}
    with RunProgress(err, shows_progress(err, as_json)) as progress:
        result = rerun(run_id, max_iterations=max_iterations, on_event=progress, **options)
    report_run(result, as_json)


@runs_app.command("resume")
def runs_resume(
    run_id: str,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            "-d",
            help="The run's database, when its stored location lacks the password.",
        ),
    ] = None,
    llm: Annotated[str | None, typer.Option(help="provider:model instead of the run's.")] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Accept a plan not yet confirmed.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Continue an interrupted run from its last finished step: its stored spec and code,
    validated again before anything is published; never published twice."""
    report_run(resume_with_progress(run_id, database, llm, yes, as_json), as_json)


def resume_with_progress(
    run_id: str, database: str | None, llm: str | None, yes: bool, as_json: bool
) -> RunResult:
    """`runs resume`, with live progress on stderr."""
    from datamorph.resume import resume

    with RunProgress(err, shows_progress(err, as_json)) as progress:
        confirm = confirm_for(yes, as_json)
        return resume(
            run_id,
            database=database,
            llm=llm,
            confirm=progress.pausing(confirm) if confirm is not None else None,
            on_event=progress,
        )


def confirm_for(yes: bool, as_json: bool) -> Any:
    """The terminal's yes/no question about a plan, when a person is there to answer it."""
    import sys

    if yes:
        return lambda _spec, _reading: True
    if as_json or not sys.stdin.isatty():
        return None
    from datamorph.cli import _confirm

    return _confirm


@runs_app.command("logs")
def runs_logs(run_id: str, as_json: JsonOpt = False) -> None:
    """The run's events, in order."""
    from datamorph.runs import open_store

    with open_store() as store:
        record = store.get_run(run_id)
        events = store.events(record.run_id)
    if as_json:
        print_json([e.model_dump(mode="json") for e in events])
    else:
        display.events_table(out, events)

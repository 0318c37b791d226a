"""The project commands: `build` (the selected models in dependency order) and `ls` (the
models, their materialization, tags and upstreams). Registered by cli.py."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from datamorph.cli_errors import print_json
from datamorph.cli_options import DatabaseOpt, JsonOpt, LlmOpt
from datamorph.errors import UsageError

if TYPE_CHECKING:
    from datamorph.project.build import BuildResult, ModelResult

out = Console()
err = Console(stderr=True)

SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        "-s",
        help="Models to pick: NAME, NAME+ (and downstream), +NAME (and upstream), tag:X, "
        "path:FOLDER, wildcards (stg_*); several are a union. Default: all.",
    ),
]
ExcludeOpt = Annotated[
    list[str] | None, typer.Option("--exclude", help="Models to leave out (same forms).")
]
_STYLE = {"success": "green", "warn": "yellow", "fail": "red", "error": "red", "skipped": "dim"}
_WORD = {"success": "OK", "warn": "WARN", "fail": "FAIL", "error": "ERROR", "skipped": "SKIP"}


def build_command(
    select: SelectOpt = None,
    exclude: ExcludeOpt = None,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Start nothing new after the first failure.")
    ] = False,
    full_refresh: Annotated[
        bool,
        typer.Option(
            "--full-refresh", help="Incremental models rebuild from all rows (no watermark)."
        ),
    ] = False,
    threads: Annotated[
        int | None,
        typer.Option(min=1, help="Independent models built at once (default 4; Spark: 1)."),
    ] = None,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Build the project's models (or --select some) in dependency order: each one checked,
    validated and published as `run --spec` does. A model whose upstream failed is skipped.
    Writes target/run_results.json and target/manifest.json. Exit 0 when every model built,
    1 when one failed, 2 when one was bad input."""
    from datamorph.project import load_project
    from datamorph.project.build import build
    from datamorph.project.results import write_build_files

    project = load_project()
    lock = threading.Lock()
    total = [0]
    done = [0]

    def observe(name: str, result: ModelResult | None) -> None:
        if as_json:
            return
        with lock:
            if result is None:
                err.print(f"[dim]{done[0] + 1:>3} of {total[0]} START {escape(name)}[/]")
                return
            done[0] += 1
            _print_model(done[0], total[0], name, result)

    from datamorph.project import graph

    total[0] = len(graph.select(project, select or [], exclude or []))
    result = build(project, select, exclude, fail_fast=fail_fast, threads=threads,
                   full_refresh=full_refresh, database=database, on_model=observe)  # fmt: skip
    args = {"select": select or [], "exclude": exclude or [], "fail_fast": fail_fast,
            "full_refresh": full_refresh, "threads": threads}  # fmt: skip
    run_results, _ = write_build_files(result, args)
    if as_json:
        import json

        print_json(json.loads(run_results.read_text(encoding="utf-8")))
    else:
        _summary(result, str(run_results))
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def _print_model(index: int, total: int, name: str, result: ModelResult) -> None:
    print_model_result(name, result, f"{index:>3} of {total} ")


def print_model_result(name: str, result: ModelResult, prefix: str = "") -> None:
    """One model's end: OK/WARN/FAIL/ERROR/SKIP, its name, what it says, how long it took."""
    style = _STYLE[result.status]
    seconds = f" [dim]in {result.seconds:.2f} s[/]" if result.status != "skipped" else ""
    message = f"  {escape(result.message)}" if result.message else ""
    err.print(f"{prefix}[{style}]{_WORD[result.status]:<5}[/] {escape(name)}{message}{seconds}")


def _summary(result: BuildResult, where: str) -> None:
    counts = result.counts()
    parts = [f"{counts['success']} built"]
    parts += [f"{counts[k]} {k}" for k in ("warn", "fail", "error", "skipped") if counts[k]]
    style = "green" if result.ok else "red"
    err.print(f"[{style}]Done: {', '.join(parts)} in {result.seconds:.2f} s[/]")
    err.print(f"[dim]results: {escape(where)}[/]")


def ls_command(
    select: SelectOpt = None,
    exclude: ExcludeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List the project's models in build order: materialization, tags, upstream models."""
    from datamorph.project import graph, load_project

    project = load_project()
    names = graph.select(project, select or [], exclude or [])
    rows: list[dict[str, Any]] = [
        {
            "name": name,
            "materialized": project.models[name].materialization,
            "tags": list(project.models[name].tags),
            "depends_on": list(project.models[name].depends_on),
            "tests": len(project.models[name].spec.tests),
            "path": str(project.models[name].path.relative_to(project.root)),
        }
        for name in names
    ]
    if as_json:
        print_json(rows)
        return
    if not sys.stdout.isatty():  # a pipe: one name per line, for xargs and shell loops
        sys.stdout.write("".join(f"{row['name']}\n" for row in rows))
        return
    from rich.table import Table

    table = Table("model", "materialized", "tags", "upstream", "tests", "file")
    for row in rows:
        table.add_row(row["name"], row["materialized"], ", ".join(row["tags"]),
                      ", ".join(row["depends_on"]), str(row["tests"]), row["path"])  # fmt: skip
    out.print(table)


def add_command(
    request: Annotated[str, typer.Argument(help="The new model, in English.")],
    name: Annotated[
        str | None, typer.Option("--name", help="The model's name (default: the planner's).")
    ] = None,
    folder: Annotated[
        str, typer.Option(help="The folder under models/ to write it in (staging, marts...).")
    ] = "",
    fmt: Annotated[str, typer.Option("--format", help="yaml or json.")] = "yaml",
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Write it without asking.")] = False,
    database: DatabaseOpt = None,
    llm: LlmOpt = None,
) -> None:
    """Plan a new model from English and write it into the project's models/ folder. The plan
    is shown first and written once you agree (--yes: at once). Tables of other models become
    refs, so the model builds after them."""
    from datamorph import display
    from datamorph.project import load_project
    from datamorph.project.add import draft, write

    project = load_project()
    drafted = draft(project, request, name=name, folder=folder, fmt=fmt, database=database,
                    llm=llm)  # fmt: skip
    display.plan_reading(err, drafted.planned.explanation, drafted.planned.reading)
    where = drafted.path.relative_to(project.root)
    err.print(f"[bold]{escape(str(where))}[/]")
    err.print(drafted.text, highlight=False, markup=False)
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError("not written: nobody to ask", hint="pass --yes to write it")
        if not typer.confirm(f"write {where}?", default=True, err=True):
            err.print("nothing written")
            raise typer.Exit(1)
    written = write(project, drafted)
    err.print(f"[green]wrote {escape(str(written.relative_to(project.root)))}[/]; "
              f"build it with `datamorph build --select {drafted.name}`")  # fmt: skip


def init_command(
    folder: Annotated[
        Path, typer.Argument(help="The project's folder (default: here).", show_default=False)
    ] = Path("."),
    database: Annotated[
        str | None,
        typer.Option(help="The database its models read and write (a DuckDB file, a URL)."),
    ] = None,
) -> None:
    """Start a project: datamorph.toml and an empty models/ folder."""
    from datamorph.project import init_project

    if database is not None and "@" in database and "://" in database:
        raise UsageError(
            "a database URL with credentials does not go into datamorph.toml",
            hint="give it without the password; PGPASSWORD or ~/.pgpass supplies it",
        )
    path = init_project(folder, database)
    err.print(f"[green]wrote {escape(str(path))}[/] and {escape(str(folder / 'models'))}/; "
              'add a model with `datamorph add "..."`')  # fmt: skip

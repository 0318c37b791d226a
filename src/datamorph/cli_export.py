"""`datamorph export dbt DIR`: the project around the current directory as a dbt project
(datamorph/project/dbt_export.py). Registered by cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from datamorph.cli_errors import print_json
from datamorph.cli_options import JsonOpt

err = Console(stderr=True)
export_app = typer.Typer(
    rich_markup_mode=None,
    help="Write the project in another tool's format (dbt).",
    no_args_is_help=True,
)


@export_app.command("dbt")
def dbt_command(
    directory: Annotated[Path, typer.Argument(help="Folder to write the dbt project into.")],
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            "-d",
            help="DuckDB file or postgresql:// URL the dbt profile points at, and whose "
            "catalog compiles the models (default: the project's database).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Write into a folder that holds files (replaces models/)."),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Write a dbt project equivalent to this one: each model's compiled SELECT with ref()
    and source(), its materialization, the keys and tests as dbt tests, a profile for the
    dbt-duckdb (or dbt-postgres) adapter. `dbt build` there gives the same tables."""
    from datamorph.project import load_project
    from datamorph.project.dbt_export import export_dbt

    project = load_project()  # from anywhere inside the project
    result = export_dbt(project, directory, database=database, force=force)
    if as_json:
        print_json(
            {
                "directory": str(result.directory),
                "profile": result.profile,
                "models": result.models,
                "tests": result.tests,
                "files": [str(p.relative_to(result.directory)) for p in result.files],
            }
        )
        return
    err.print(
        f"[green]Exported {len(result.models)} models and {result.tests} tests to "
        f"{escape(str(result.directory))}[/] ({len(result.files)} files written)"
    )
    err.print(f"[dim]run it: cd {escape(str(result.directory))} && DBT_PROFILES_DIR=. dbt build[/]")

"""`datamorph config ...`: the effective configuration, where each value came from, and which
files were read. Secrets are masked. Registered by cli.py."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from datamorph.cli_errors import print_json

out = Console()
config_app = typer.Typer(
    rich_markup_mode=None,
    help="The effective configuration: files, environment and flags.",
    no_args_is_help=True,
)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object and nothing else.")]


@config_app.command("show")
def config_show(as_json: JsonOpt = False) -> None:
    """Every setting's effective value and where it came from (default, user file, project
    file, environment variable or flag); secrets as ***."""
    from datamorph.config import effective, shown

    values = effective()
    if as_json:
        print_json(
            {
                value.setting.name: {
                    "value": shown(value),
                    "source": value.source,
                    "env": value.setting.env,
                    "default": value.setting.default,
                }
                for value in values
            }
        )
        return
    table = Table(title="configuration", header_style="bold cyan")
    table.add_column("setting", no_wrap=True)
    table.add_column("value", overflow="fold")
    table.add_column("from", overflow="fold")
    for value in values:
        text = shown(value)
        default = f"[dim]{escape(value.setting.default.replace('`', ''))}[/]"  # README markup
        source = value.source
        style = "dim" if source == "default" else "green" if source.startswith("env") else ""
        table.add_row(
            value.setting.name,
            escape(text) if text is not None else default,
            f"[{style}]{escape(source)}[/]" if style else escape(source),
        )
    out.print(table)


@config_app.command("path")
def config_path(as_json: JsonOpt = False) -> None:
    """The configuration files DataMorph looks for, and whether each was found."""
    from datamorph.config import home
    from datamorph.config_files import project_file, user_file

    user, project = user_file(), project_file()
    found = {
        "user": {"path": str(user), "exists": user.is_file()},
        "project": {"path": str(project) if project else None, "exists": project is not None},
        "home": str(home().resolve()),
    }
    if as_json:
        print_json(found)
        return
    out.print(f"user file     {escape(str(user))}" + ("" if user.is_file() else " [dim](none)[/]"))
    out.print(
        "project file  "
        + (escape(str(project)) if project else "[dim](no datamorph.toml here or above)[/]")
    )
    out.print(f"home          {escape(found['home'])}")  # type: ignore[arg-type]

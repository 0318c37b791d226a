"""`datamorph docs`: write the project's documentation page. Registered by cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from datamorph.cli_errors import print_json
from datamorph.cli_options import DatabaseOpt, JsonOpt

err = Console(stderr=True)


def docs_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="The HTML file to write (a folder: its index.html). "
            "Default: target/docs/index.html in the project.",
        ),
    ] = None,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write the project's documentation as one HTML page that works offline: every model
    (description, file, materialization, keys, tags, upstream and downstream models, columns
    and types, tests, compiled SQL, last build status), the source tables and the lineage
    graph. Columns of a built model are read from the database (read-only)."""
    from datamorph.project import load_project
    from datamorph.project.docs import write_docs

    path, docs = write_docs(load_project(), out, database)
    if docs.catalog_problem:
        err.print(f"[yellow]warning:[/] the database could not be read: "
                  f"{escape(docs.catalog_problem)}; columns are the specs' own")  # fmt: skip
    if as_json:
        print_json({"path": str(path), "models": len(docs.models),
                    "sources": len(docs.sources), "database": docs.database})  # fmt: skip
        return
    # soft_wrap: the path stays whole, to be copied into a browser
    err.print(f"[green]Wrote[/] {escape(str(path))} ({len(docs.models)} models, "
              f"{len(docs.sources)} source tables)", soft_wrap=True)  # fmt: skip

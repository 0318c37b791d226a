"""The commands that read and never run a pipeline: `plan` (English to a spec), `compile`
(a spec to code), `validate` (a table against a spec) and `catalog`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from datamorph.cli_errors import print_json
from datamorph.cli_options import DatabaseOpt, JsonOpt, LlmOpt, SamplesOpt, SpecOpt, TargetOpt
from datamorph.cli_progress import progress_status

out = Console()
err = Console(stderr=True)


def plan_command(
    prompt: Annotated[str, typer.Argument(help="The request in English.")],
    database: DatabaseOpt = None,
    llm: LlmOpt = None,
    samples: SamplesOpt = True,
    target: TargetOpt = None,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the spec to this file instead of stdout."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Plan a request without running it: the spec JSON on stdout (or in --out FILE), ready
    for `run --spec`; its reading in plain English on stderr."""
    from datamorph import display
    from datamorph.runner import plan

    with progress_status(err, "planning...", enabled=not as_json):
        planned = plan(prompt, database=database, llm=llm, samples=samples, target=target)
    text = planned.spec.to_json() + "\n"
    if out_file is not None:
        out_file.write_text(text, encoding="utf-8")
    if as_json or out_file is None:
        sys.stdout.write(text)
    if as_json:
        return
    display.plan_reading(err, planned.explanation, planned.reading)
    where = f"; spec written to {escape(str(out_file))}" if out_file is not None else ""
    err.print(
        f"[dim]planned by the {planned.planner} planner in {planned.seconds * 1000:.0f} ms"
        f"{where}[/]"
    )


def compile_command(
    spec: SpecOpt,
    dialect: Annotated[
        str | None,
        typer.Option(help="duckdb, postgres, spark, pyspark or glue (default: the database's)."),
    ] = None,
    database: DatabaseOpt = None,
) -> None:
    """Print the code a spec compiles to, checked against the database's catalog."""
    from datamorph.commands import compile_spec

    with progress_status(err, "reading the catalog and compiling..."):  # Spark starts slowly
        compiled = compile_spec(spec, dialect=dialect, database=database)
    sys.stdout.write(compiled.code)


def validate_command(
    spec: SpecOpt,
    table: Annotated[str, typer.Option("--table", "-t", help="The table to validate.")],
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Validate a table against a spec: the rule-based checks, read-only. Exit 0 on pass,
    1 on fail or error (a check that gave no answer: not verified)."""
    from datamorph import display
    from datamorph.commands import validate_table

    with progress_status(err, f"validating {table}...", enabled=not as_json):
        report = validate_table(spec, table, database=database)
    if as_json:
        data = report.as_dict()
        print_json({"status": data["status"], "checks": data["checks"]})
    else:
        display.validation_table(out, report)
    raise typer.Exit(0 if report.status == "pass" else 1)


def catalog_command(
    database: DatabaseOpt = None,
    profile: Annotated[bool, typer.Option(help="Add column statistics from a sample.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List tables, columns, types, keys and row counts."""
    from datamorph import display
    from datamorph.commands import read_catalog

    with progress_status(err, "profiling the tables...", enabled=profile and not as_json):
        catalog = read_catalog(database, profile=profile, samples=3 if as_json else 0)
    if as_json:
        print_json(catalog.model_dump(mode="json"))
        return
    display.catalog_table(out, catalog)
    if profile:
        display.catalog_profiles(out, catalog)

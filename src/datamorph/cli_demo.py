"""`datamorph demo`: build the seeded retail database (DuckDB or PostgreSQL), run the sample
pipeline, show its first rows. Registered by cli.py."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from datamorph.cli_runs import JsonOpt, report_run
from datamorph.config import demo_database
from datamorph.demo import DEFAULT_ORDERS

if TYPE_CHECKING:
    from datamorph.project.build import BuildResult, ModelResult
    from datamorph.runner import RunResult

out = Console()
err = Console(stderr=True)


def demo_command(
    scale: Annotated[
        int, typer.Option(help="Number of orders (1,000 to 10,000,000).")
    ] = DEFAULT_ORDERS,
    database: Annotated[
        str | None,
        typer.Option(help="Where to build the demo database: a DuckDB file or postgresql://..."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Build the seeded retail database, run the sample pipeline, show the result."""
    from datamorph import display
    from datamorph.demo.showcase import build_demo_database, run_demo_pipeline
    from datamorph.engines import parse_database

    target = database or str(demo_database())
    on_postgres = parse_database(target).engine == "postgres"
    with err.status(f"generating demo data ({scale:,} orders)..."):
        if on_postgres:
            from datamorph.demo.postgres_demo import build_demo_on_postgres

            built = build_demo_on_postgres(target, orders=scale)
        else:
            built = build_demo_database(Path(target), orders=scale)
    if not as_json:
        rows = ", ".join(f"{name} {count:,}" for name, count in built.rows.items())
        out.print(  # built.path: the location as it may be shown (no password)
            f"[bold]demo database[/] {escape(str(built.path))}: {rows} "
            f"([cyan]{built.rows_per_second:,.0f} rows/s[/])"
        )
    with err.status("running the sample pipeline..."):
        result = run_demo_pipeline(target)
    if not as_json and result.ok:
        display.query_table(out, _preview(result), title=f"{result.target_table} (first 10 rows)")
    project = _demo_project(Path(target), as_json) if result.ok and not on_postgres else None
    report_run(result, as_json)
    if project is not None and not project.ok:
        raise typer.Exit(project.exit_code)


def _demo_project(database: Path, as_json: bool) -> BuildResult:
    """Write (once) and build the demo project beside the demo database."""
    from datamorph.cli_project import print_model_result
    from datamorph.demo.project import build_demo_project

    def show(name: str, done: ModelResult | None) -> None:
        if done is not None and not as_json:
            print_model_result(name, done)

    with err.status("building the demo project..."):
        built = build_demo_project(database, on_model=show)
    if not as_json:
        root = built.project.root
        words = {"success": "built"}
        counts = ", ".join(f"{n} {words.get(k, k)}" for k, n in built.counts().items() if n)
        out.print(f"[bold]demo project[/] {escape(str(root))}: {counts}; try `cd "
                  f"{escape(str(root))}` then `datamorph ls`, `datamorph build`, "
                  "`datamorph docs`")  # fmt: skip
    return built


def _preview(result: RunResult) -> Any:
    from datamorph.engines.base import QueryResult

    table = result.to_arrow(limit=10)
    return QueryResult(
        columns=table.column_names, rows=[tuple(row.values()) for row in table.to_pylist()]
    )

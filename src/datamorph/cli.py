"""The `datamorph` command: parse arguments, call the library, print, map errors to exit codes.

Exit codes: 0 completed, 1 the pipeline ran and did not complete, 2 bad input (nothing ran),
3 an internal error (a bug: please report it). Errors are one line on stderr; `--json` keeps
stdout to exactly one JSON object.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.main
from rich.console import Console
from typer import _click as click  # Typer's own copy of click
from typer._click import exceptions as click_errors

from datamorph.cli_config import config_app
from datamorph.cli_daemon import daemon_app
from datamorph.cli_demo import demo_command
from datamorph.cli_docs import docs_command
from datamorph.cli_errors import (
    fail,
    input_error,
    interrupted,
    is_validation_error,
    watching_interrupts,
)
from datamorph.cli_export import export_app
from datamorph.cli_glue import glue_app
from datamorph.cli_load import load_command
from datamorph.cli_monitor import classify_command, incidents_app, monitor_app
from datamorph.cli_options import (
    EXIT_CODES,
    DatabaseOpt,
    JsonOpt,
    LlmOpt,
    RootGroup,
    SamplesOpt,
    TargetOpt,
    print_version,
)
from datamorph.cli_progress import RunProgress, shows_progress
from datamorph.cli_project import add_command, build_command, init_command, ls_command
from datamorph.cli_query import query_command, show_command
from datamorph.cli_read import catalog_command, compile_command, plan_command, validate_command
from datamorph.cli_runs import report_run, runs_app
from datamorph.cli_serve import serve_command
from datamorph.cli_stats import stats_command
from datamorph.config import clear_flags, set_flag
from datamorph.errors import DataMorphError, UsageError, refuse_blank, unknown_name_error

# Every command imports what it uses when it runs: `--help`, `--version` or a typo must not
# pay for the engines, the run store, the planners or the monitor (most of a second).
if TYPE_CHECKING:
    from datamorph.spec import Spec

app = typer.Typer(
    rich_markup_mode=None,
    name="datamorph",
    help="Plain-English requests to validated, self-healing ETL pipelines.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=RootGroup,  # repeated options refused, help texts as paragraphs
)
app.add_typer(runs_app, name="runs")
app.add_typer(monitor_app, name="monitor")
app.add_typer(incidents_app, name="incidents")
app.add_typer(glue_app, name="glue")
app.add_typer(config_app, name="config")
app.add_typer(daemon_app, name="daemon")
app.add_typer(export_app, name="export")
app.command("classify")(classify_command)
app.command("serve")(serve_command)
app.command("query")(query_command)
app.command("show")(show_command)
app.command("stats")(stats_command)
app.command("load")(load_command)
app.command("build")(build_command)
app.command("ls")(ls_command)
app.command("docs")(docs_command)
app.command("add")(add_command)
app.command("init")(init_command)


@app.callback()
def global_options(
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Run store database URL (postgresql://... to share one between workers; "
            "default: SQLite under .datamorph). Also DATAMORPH_STORE, `store` in datamorph.toml.",
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            help="The [profiles.NAME] table of datamorph.toml to use (dev, prod, ...). Also "
            "DATAMORPH_PROFILE, `profile` in datamorph.toml.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Plain-English requests to validated, self-healing ETL pipelines."""
    clear_flags()  # one invocation's flags, not the last one's (tests run many in a process)
    if store is not None:
        refuse_blank("--store", store)
        set_flag("store", store, "--store")  # the top layer of the configuration
    if profile is not None:
        refuse_blank("--profile", profile)
        set_flag("profile", profile, "--profile")


out = Console()
err = Console(stderr=True)

PromptArg = Annotated[
    str | None, typer.Argument(help="The request in English (or give --spec).", show_default=False)
]
EngineOpt = Annotated[str | None, typer.Option(help="Engine name (default: from --database).")]
CodeOpt = Annotated[
    Path | None,
    typer.Option(help="Run this .sql file (or, on Spark, a .py PySpark script) instead."),
]
MasterOpt = Annotated[
    str | None,
    typer.Option(
        help="Spark master (local[*], spark://HOST:PORT...): run on Spark; "
        "also DATAMORPH_SPARK_MASTER."
    ),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
CodegenOpt = Annotated[
    str,
    typer.Option(
        "--codegen",
        help="Who writes the code: compiler (SQL from the spec, offline), llm (the model, "
        "checked before it runs) or pyspark (a PySpark script from the spec, on Spark).",
    ),
]


@app.command("run")
def run_command(
    prompt: PromptArg = None,
    spec: Annotated[Path | None, typer.Option("--spec", "-s", help="Spec JSON file.")] = None,
    database: DatabaseOpt = None,
    engine: EngineOpt = None,
    master: MasterOpt = None,
    code: CodeOpt = None,
    target: TargetOpt = None,
    llm: LlmOpt = None,
    samples: SamplesOpt = True,
    yes: YesOpt = False,
    codegen: CodegenOpt = "compiler",
    max_iterations: Annotated[
        int, typer.Option(min=0, max=20, help="Healing iterations at most (0: no healing).")
    ] = 5,
    source: Annotated[
        list[str] | None,
        typer.Option(help="NAME=FILE: read a file (or glob) as table NAME for this run."),
    ] = None,
    setting: Annotated[
        list[str] | None, typer.Option("--set", help="Engine setting KEY=VALUE (memory_limit...).")
    ] = None,
    approve: Annotated[
        list[str] | None,
        typer.Option(
            help="Pre-approve a strategy that changes data (deduplicate): it never "
            "acts without this or [policy] approve in datamorph.toml."
        ),
    ] = None,
    fallback_llm: Annotated[
        str | None, typer.Option(help="provider:model to switch to when the first is rate limited.")
    ] = None,
    replace_source: Annotated[
        bool,
        typer.Option(help="Allow the target to be a table DataMorph did not publish (a source)."),
    ] = False,
    resume: Annotated[
        bool,
        typer.Option(help="Continue an interrupted run of the same target instead, if any."),
    ] = False,
    full_refresh: Annotated[
        bool,
        typer.Option(
            help="Ignore the high-water mark; rebuild an append or merge target from the full "
            "output."
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Run a pipeline from a request in English or a spec file: plan, compile, stage,
    validate, publish atomically. A planned request is shown and confirmed first in a
    terminal, unless --yes."""
    from datamorph.engines import database_for
    from datamorph.orchestrator import CODEGENS
    from datamorph.runner import run

    if codegen not in CODEGENS:
        raise unknown_name_error("code generator", codegen, CODEGENS)
    if (prompt is None) == (spec is None):
        raise UsageError(
            "give either a request in English or --spec FILE, not both or neither",
            hint='datamorph run "total order amount per customer"',
        )
    ask = prompt is not None and not yes and not as_json and sys.stdin.isatty()
    if resume:
        _resume_instead(
            spec, prompt, database_for(database, engine, master), target, llm, yes, as_json
        )
    with RunProgress(err, shows_progress(err, as_json)) as progress:
        result = run(
            spec,
            prompt=prompt,
            code=code,
            database=database,
            engine=engine,
            target=target,
            llm=llm,
            samples=samples,
            confirm=progress.pausing(_confirm) if ask else None,
            codegen=codegen,
            max_iterations=max_iterations,
            sources=_pairs(source, "--source", "orders=landing/orders.csv"),
            settings=_pairs(setting, "--set", "memory_limit=2GB"),
            approve=_strategies(approve),
            fallback_llm=fallback_llm,
            replace_source=replace_source,
            master=master,
            on_event=progress,
            full_refresh=full_refresh,
        )
    report_run(result, as_json)


# what reads without running: registered here, after `run`, so the commands list keeps its order
app.command("plan")(plan_command)
app.command("compile")(compile_command)
app.command("validate")(validate_command)
app.command("catalog")(catalog_command)


def _pairs(values: list[str] | None, option: str, example: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values or []:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip() or not rest.strip():
            raise UsageError(
                f"{option} expects KEY=VALUE, got '{value}'", hint=f"{option} {example}"
            )
        pairs[key.strip()] = rest.strip()
    return pairs


def _strategies(values: list[str] | None) -> tuple[str, ...]:
    if not values:
        return ()
    from datamorph.monitor.strategies import STRATEGIES  # the monitor only when named

    for value in values:
        if value not in STRATEGIES:
            raise unknown_name_error("strategy", value, STRATEGIES)
    return tuple(values or ())


def _resume_instead(
    spec: Path | None,
    prompt: str | None,
    database: str | None,
    target: str | None,
    llm: str | None,
    yes: bool,
    as_json: bool,
) -> None:
    """`run --resume`: the newest interrupted run of the same target, continued; returns
    (to start a new run) when there is none."""
    from datamorph.cli_runs import resume_with_progress
    from datamorph.resume import find_interrupted
    from datamorph.runs import open_store
    from datamorph.spec.loading import load_spec

    wanted = target or (load_spec(spec).target_table.name if spec is not None else None)
    with open_store() as store:
        found = find_interrupted(store, database=database, target=wanted, prompt=prompt)
    if found is None:
        if not as_json:
            err.print("[dim]no interrupted run of this target to resume; starting a new run[/]")
        return
    if not as_json:
        err.print(f"resuming run {found.run_id}, interrupted: {found.message}")
    report_run(resume_with_progress(found.run_id, database, llm, yes, as_json), as_json)


def _confirm(spec: Spec, reading: str) -> bool:
    from datamorph import display

    display.plan_panel(out, spec, reading)
    try:
        return typer.confirm("Run this plan?", default=True)
    except (typer.Abort, EOFError):  # Ctrl-C or Ctrl-D at the question: the plan is declined
        return False


app.command("demo")(demo_command)  # registered here: the commands list keeps its order


INTERRUPTED = 130  # the shell's code for a process stopped by SIGINT


def main() -> None:
    """Entry point: the one place errors become exit codes."""
    with watching_interrupts():
        _main("--json" in sys.argv)


@cache
def click_command() -> click.Command:
    """The click command Typer builds from `app` (35 ms of reading signatures): built once per
    process, and by the daemon before it forks, so its children start with it."""
    return typer.main.get_command(app)


def _main(as_json: bool) -> None:
    try:
        # not standalone: usage errors come here (one line, not Typer's box); Exit comes back
        # as the return value, which becomes the exit code as in standalone mode
        # prog_name: the same name (and completion variable) however it was started
        outcome = click_command().main(standalone_mode=False, prog_name="datamorph")
        if outcome == INTERRUPTED:  # Typer turns Ctrl-C into this code, silently
            fail("interrupted (Ctrl-C)", INTERRUPTED, "Interrupted", as_json)
        sys.exit(outcome if isinstance(outcome, int) else 0)
    except click_errors.UsageError as error:  # Typer's own would draw a box of lines
        command = error.ctx.command_path if error.ctx else "datamorph"
        message = error.format_message().rstrip(".")
        fail(f"{message}. Hint: `{command} --help`", 2, "UsageError", as_json)
    except typer.Abort:
        fail("interrupted", INTERRUPTED, "Interrupted", as_json)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:
        if interrupted():  # Ctrl-C, come back as an engine's 'query interrupted' error
            fail("interrupted (Ctrl-C)", INTERRUPTED, "Interrupted", as_json)
        _fail_for(error, as_json)


def _fail_for(error: Exception, as_json: bool) -> None:
    if isinstance(error, DataMorphError):
        fail(error.one_line(), error.exit_code, type(error).__name__, as_json)
    if os.environ.get("DATAMORPH_DEBUG"):
        raise error
    if isinstance(error, RecursionError | UnicodeError | OSError) or is_validation_error(error):
        fail(input_error(error), 2, "UsageError", as_json)
    # a bug: one line, the traceback only on request
    fail(
        f"internal error: {type(error).__name__}: {error}. Hint: set DATAMORPH_DEBUG=1 "
        "for the traceback and please report it",
        3,
        "InternalError",
        as_json,
    )


if __name__ == "__main__":  # python -m datamorph.cli: as the `datamorph` executable
    from datamorph.cli_entry import run_then_exit

    run_then_exit(main)

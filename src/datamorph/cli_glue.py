"""`datamorph glue deploy|run`: a spec as an AWS Glue job (datamorph/glue.py). Registered by
cli.py. Status goes to stderr; stdout holds the result (one JSON object with --json)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from datamorph.cli_errors import print_json
from datamorph.errors import UsageError

if TYPE_CHECKING:
    from datamorph.glue import DeployResult, GlueJobConfig, GlueRun

out = Console()
err = Console(stderr=True)
glue_app = typer.Typer(
    rich_markup_mode=None,
    help="AWS Glue: deploy a spec as a Glue job, run it and follow the run.",
    no_args_is_help=True,
)

SpecOpt = Annotated[Path, typer.Option("--spec", "-s", help="Spec JSON file.")]
DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database", "-d", help="Database whose catalog checks the spec (default: the demo's)."
    ),
]
JobNameOpt = Annotated[
    str | None, typer.Option("--job-name", help="Glue job name (default: datamorph-TARGET).")
]
BucketOpt = Annotated[
    str | None,
    typer.Option(
        "--bucket", help="S3 bucket for the job script; must exist. DATAMORPH_GLUE_BUCKET."
    ),
]
PrefixOpt = Annotated[
    str | None,
    typer.Option("--prefix", help="Key prefix in the bucket: PREFIX/scripts/JOB/SHA.py."),
]
RoleOpt = Annotated[
    str | None,
    typer.Option("--role", help="IAM role ARN the job runs as. DATAMORPH_GLUE_ROLE."),
]
GlueVersionOpt = Annotated[str, typer.Option("--glue-version", help="AWS Glue version.")]
WorkerTypeOpt = Annotated[
    str,
    typer.Option("--worker-type", help="Standard, G.1X, G.2X, G.4X, G.8X, G.025X or Z.2X."),
]
WorkersOpt = Annotated[int, typer.Option("--workers", help="Number of workers (2 or more).")]
TimeoutOpt = Annotated[
    int | None,
    typer.Option("--timeout", help="Job timeout in minutes (default: Glue's, 2880)."),
]
RetriesOpt = Annotated[int, typer.Option("--max-retries", help="Retries of a failed run, 0-10.")]
ArgOpt = Annotated[
    list[str] | None,
    typer.Option("--arg", help="'--KEY=VALUE': a default argument of the job; repeatable."),
]
GlueDatabaseOpt = Annotated[
    str, typer.Option("--glue-database", help="Data Catalog database of sources and target.")
]
RegionOpt = Annotated[
    str | None, typer.Option("--region", help="AWS region. AWS_REGION, AWS_DEFAULT_REGION.")
]
EndpointOpt = Annotated[
    str | None,
    typer.Option(
        "--endpoint-url",
        help="One endpoint for S3 and Glue (an emulator). DATAMORPH_AWS_ENDPOINT_URL.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object and nothing else.")]


@glue_app.command("deploy")
def deploy_command(
    spec: SpecOpt,
    database: DatabaseOpt = None,
    job_name: JobNameOpt = None,
    bucket: BucketOpt = None,
    prefix: PrefixOpt = None,
    role: RoleOpt = None,
    glue_version: GlueVersionOpt = "4.0",
    worker_type: WorkerTypeOpt = "G.1X",
    workers: WorkersOpt = 2,
    timeout: TimeoutOpt = None,
    max_retries: RetriesOpt = 0,
    arg: ArgOpt = None,
    glue_database: GlueDatabaseOpt = "default",
    region: RegionOpt = None,
    endpoint_url: EndpointOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Upload the spec's Glue script to S3 and create or update the Glue job."""
    config = _config(
        job_name=job_name, bucket=bucket, prefix=prefix, role=role, glue_version=glue_version,
        worker_type=worker_type, number_of_workers=workers, timeout_minutes=timeout,
        max_retries=max_retries, arguments=_arguments(arg, "--arg"),
        glue_database=glue_database, region=region, endpoint_url=endpoint_url,
    )  # fmt: skip
    result = _deploy(spec, database, config)
    if as_json:
        print_json(asdict(result))
        return
    _say_deployed(out, result)


@glue_app.command("run")
def run_command(
    spec: Annotated[
        Path | None, typer.Option("--spec", "-s", help="Spec JSON file (deployed first).")
    ] = None,
    deploy: Annotated[
        bool, typer.Option("--deploy/--no-deploy", help="Deploy the spec before the run.")
    ] = True,
    run_arg: Annotated[
        list[str] | None,
        typer.Option("--run-arg", help="'--KEY=VALUE' for this run only; repeatable."),
    ] = None,
    poll_interval: Annotated[
        float, typer.Option(min=0.01, help="Seconds between reads of the run's state.")
    ] = 10.0,
    wait_timeout: Annotated[
        float, typer.Option(min=0.01, help="Seconds to wait for the run to end.")
    ] = 3600.0,
    database: DatabaseOpt = None,
    job_name: JobNameOpt = None,
    bucket: BucketOpt = None,
    prefix: PrefixOpt = None,
    role: RoleOpt = None,
    glue_version: GlueVersionOpt = "4.0",
    worker_type: WorkerTypeOpt = "G.1X",
    workers: WorkersOpt = 2,
    timeout: TimeoutOpt = None,
    max_retries: RetriesOpt = 0,
    arg: ArgOpt = None,
    glue_database: GlueDatabaseOpt = "default",
    region: RegionOpt = None,
    endpoint_url: EndpointOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Deploy the spec (unless --no-deploy), start a job run and follow it to its end. Exit 0
    when it SUCCEEDED, 1 when it ended otherwise."""
    from datamorph.glue import start_and_poll

    config = _config(
        job_name=job_name, bucket=bucket, prefix=prefix, role=role, glue_version=glue_version,
        worker_type=worker_type, number_of_workers=workers, timeout_minutes=timeout,
        max_retries=max_retries, arguments=_arguments(arg, "--arg"),
        glue_database=glue_database, region=region, endpoint_url=endpoint_url,
    )  # fmt: skip
    arguments = _arguments(run_arg, "--run-arg")
    deployed = None
    if deploy:
        if spec is None:
            raise UsageError("give --spec to deploy", hint="or --no-deploy --job-name NAME")
        deployed = _deploy(spec, database, config)
        _say_deployed(err, deployed)
    name = deployed.job_name if deployed else _job_name(spec, config)
    run = start_and_poll(
        name, arguments, config, poll_interval=poll_interval, timeout=wait_timeout,
        on_state=_say_state,
    )  # fmt: skip
    if as_json:
        print_json({**asdict(run), "deploy": asdict(deployed) if deployed else None})
        return
    out.print(
        f"{escape(run.job_name)}: run {run.run_id} {run.state} in {run.seconds:.1f} s",
        soft_wrap=True,
        highlight=False,
    )


def _config(**values: Any) -> GlueJobConfig:
    from datamorph.glue import GlueJobConfig

    return GlueJobConfig.resolve(**values)


def _arguments(pairs: list[str] | None, option: str) -> dict[str, str]:
    """'--KEY=VALUE' pairs as a dict; the key's form is checked by the config."""
    arguments: dict[str, str] = {}
    for pair in pairs or []:
        key, equals, value = pair.partition("=")
        if not equals:
            raise UsageError(
                f"{option} '{pair}' has no '='", hint=f"{option} '--KEY=VALUE' (one per {option})"
            )
        arguments[key] = value
    return arguments


def _deploy(spec: Path, database: str | None, config: GlueJobConfig) -> DeployResult:
    from datamorph.engines import open_engine
    from datamorph.glue import deploy, deploy_settings
    from datamorph.spec.loading import load_spec

    deploy_settings(config)  # before the database is opened
    loaded = load_spec(spec)
    engine = open_engine(database, read_only=True)
    try:
        catalog = engine.catalog(samples=0)
    finally:
        engine.close()
    return deploy(loaded, catalog, config)


def _job_name(spec: Path | None, config: GlueJobConfig) -> str:
    if config.job_name:
        return config.job_name
    if spec is None:
        raise UsageError("which Glue job? give --job-name or --spec", hint="--job-name NAME")
    from datamorph.spec.loading import load_spec

    return config.job_name_for(load_spec(spec))


def _say_deployed(console: Console, result: DeployResult) -> None:
    console.print(
        f"{result.action} Glue job [bold]{escape(result.job_name)}[/]; "
        f"script {escape(result.script_uri)}",
        soft_wrap=True,
    )


def _say_state(run: GlueRun) -> None:
    err.print(
        f"[dim]{run.seconds:7.1f} s[/] {escape(run.job_name)} run {run.run_id}: "
        f"[bold]{run.state}[/]",
        soft_wrap=True,
    )

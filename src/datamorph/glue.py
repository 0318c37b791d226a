"""AWS Glue through boto3: a spec deployed as a Glue job, and a job run started and followed.

`deploy()` compiles the spec into a Glue script (codegen/pyspark.py, `glue=True`) and uploads
it under a content-addressed key, `<prefix>/scripts/<job>/<sha256[:16]>.py`: a changed script
gets a new key, so a deploy never overwrites the script an older job definition (or a run
still going) points at. Then the job is created, or updated when one of that name exists.
`start_and_poll()` starts a run and reads it until it reaches a terminal state.

Settings not given come from the environment, or `glue_role`, `glue_bucket`, `aws_endpoint_url`
in a config file (datamorph.toml; `GlueJobConfig.resolve`):
  DATAMORPH_GLUE_ROLE             the IAM role (ARN or name) the job runs as; needed to deploy
  DATAMORPH_GLUE_BUCKET           the S3 bucket for job scripts; needed to deploy
  AWS_REGION, AWS_DEFAULT_REGION  the region (else boto3's own configuration)
  DATAMORPH_AWS_ENDPOINT_URL      one endpoint for S3 and Glue: an emulator, an S3-like store
Credentials are boto3's own chain (environment, profile, instance role): never printed or
stored, and AWS's error text is scrubbed of the secret key before it is shown. boto3 is
imported when a client is made, never when the CLI starts.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from datamorph.errors import (
    ConfigurationError,
    PipelineError,
    UsageError,
    refuse_blank,
    unknown_name_error,
)
from datamorph.glue_errors import ENDPOINT_ENV, aws_errors, clean_text, error_code, shown_url

if TYPE_CHECKING:
    from datamorph.catalog import Catalog
    from datamorph.spec import Spec

ROLE_ENV, BUCKET_ENV = "DATAMORPH_GLUE_ROLE", "DATAMORPH_GLUE_BUCKET"
REGION_ENVS = ("AWS_REGION", "AWS_DEFAULT_REGION")
_FROM_ENV = {"role": (ROLE_ENV,), "bucket": (BUCKET_ENV,), "region": REGION_ENVS,
             "endpoint_url": (ENDPOINT_ENV,)}  # fmt: skip

WORKER_TYPES = ("Standard", "G.1X", "G.2X", "G.4X", "G.8X", "G.025X", "Z.2X")
TERMINAL_STATES = frozenset({"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"})
# Glue sets these itself and documents that jobs must not: refused rather than overridden
RESERVED_ARGUMENTS = frozenset({"--conf", "--debug", "--mode", "--JOB_NAME"})
DEFAULT_ARGUMENTS = {"--enable-glue-datacatalog": "true", "--job-language": "python"}
MAX_TIMEOUT_MINUTES, MAX_RETRIES = 10_080, 10  # Glue's ceilings: 7 days, 10 retries
_BUCKET = re.compile(r"[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]")

ClientFactory = Callable[[str, "GlueJobConfig"], Any]


@dataclass(frozen=True)
class GlueJobConfig:
    """One Glue job's settings; checked when made (ConfigurationError / NotFoundError)."""

    job_name: str | None = None  # default: datamorph-<target table>
    bucket: str | None = None
    prefix: str = ""
    role: str | None = None
    glue_version: str = "4.0"
    worker_type: str = "G.1X"
    number_of_workers: int = 2
    timeout_minutes: int | None = None  # None: Glue's default (2880)
    max_retries: int = 0
    arguments: dict[str, str] = field(default_factory=dict)
    glue_database: str = "default"  # the Data Catalog database the script reads and writes
    region: str | None = None
    endpoint_url: str | None = None

    def __post_init__(self) -> None:
        _check_config(self)

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, **values: Any) -> GlueJobConfig:
        """The given values (None: not given), the rest from the configuration (or only from
        `env` when given), else defaults."""
        given = {key: value for key, value in values.items() if value is not None}
        for key, value in given.items():
            if isinstance(value, str):
                refuse_blank("--" + key.replace("_", "-"), value)
        configured: dict[str, str] = {}
        if env is None:  # files and environment, layered by datamorph.config
            from datamorph.config import glue_settings

            configured, env = glue_settings(), os.environ
        for key, names in _FROM_ENV.items():
            found = next((env[n].strip() for n in names if env.get(n, "").strip()), None)
            found = configured.get(key) or found
            if key not in given and found:
                given[key] = found
        return cls(**given)

    def job_name_for(self, spec: Spec) -> str:
        return self.job_name or _check_job_name(f"datamorph-{spec.target_table.name}")


@dataclass(frozen=True)
class DeployResult:
    job_name: str
    script_uri: str
    script_sha256: str
    action: Literal["created", "updated"]


@dataclass(frozen=True)
class GlueRun:
    """A job run as last read: its state, and the seconds since it was started."""

    job_name: str
    run_id: str
    state: str
    seconds: float
    error_message: str | None = None


class GlueRunError(PipelineError):
    """A run ended other than SUCCEEDED, or polling gave up first (`run.state` tells which;
    then the run goes on in AWS Glue)."""

    def __init__(self, message: str, run: GlueRun, hint: str) -> None:
        super().__init__(message, hint=hint)
        self.run = run


# ---- checks ------------------------------------------------------------------------------------


def _check_config(c: GlueJobConfig) -> None:
    if c.job_name is not None:
        _check_job_name(c.job_name)
    if c.worker_type not in WORKER_TYPES:
        raise unknown_name_error("worker type", c.worker_type, WORKER_TYPES)
    check_arguments(c.arguments)
    rules = [
        (c.bucket is None or _BUCKET.fullmatch(c.bucket), f"'{c.bucket}' is not an S3 bucket "
         "name", "give the bucket's name alone (no s3://, no /); the key prefix with --prefix"),
        (re.fullmatch(r"\d+\.\d+", c.glue_version), f"'{c.glue_version}' is not a Glue version",
         "a version such as 4.0 or 5.0"),
        (_int_in(c.number_of_workers, 2, None), f"number of workers cannot be "
         f"{c.number_of_workers!r}", "--workers 2 or more"),
        (c.timeout_minutes is None or _int_in(c.timeout_minutes, 1, MAX_TIMEOUT_MINUTES),
         f"job timeout cannot be {c.timeout_minutes!r}", "--timeout in minutes, 1 to 10080"),
        (_int_in(c.max_retries, 0, MAX_RETRIES), f"max retries cannot be {c.max_retries!r}",
         "--max-retries 0 to 10"),
        (re.fullmatch(r"\w+", c.glue_database), f"'{c.glue_database}' is not a Glue database "
         "name", "letters, digits and _"),
        (c.endpoint_url is None or re.match(r"https?://[^/\s]+", c.endpoint_url),
         f"endpoint URL '{shown_url(c.endpoint_url or '')}' is not http(s)://HOST[:PORT]",
         f"for example http://127.0.0.1:5000; or unset {ENDPOINT_ENV} to reach AWS"),
    ]  # fmt: skip
    for ok, message, hint in rules:
        if not ok:
            raise ConfigurationError(message, hint=hint)


def _check_job_name(name: str) -> str:
    if not 1 <= len(name) <= 255 or not name.isprintable():
        raise ConfigurationError(
            f"Glue job name '{name[:80]}' is not 1-255 printable characters",
            hint="give a shorter --job-name on one line",
        )
    return name


def _int_in(value: object, low: int, high: int | None) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return low <= value and (high is None or value <= high)


def check_arguments(arguments: Mapping[str, str]) -> None:
    """Glue job arguments: `--key` -> text value; the keys Glue keeps for itself refused."""
    for key, value in arguments.items():
        if not re.fullmatch(r"--[^\s=]+", key):
            raise ConfigurationError(
                f"job argument key '{key}' must start with '--'",
                hint=f"--arg '--{key.strip().lstrip('-') or 'name'}=VALUE'",
            )
        if key in RESERVED_ARGUMENTS:
            raise ConfigurationError(f"job argument '{key}' is set by AWS Glue", hint="drop it")
        if not isinstance(value, str):
            raise ConfigurationError(f"job argument '{key}' must be text", hint="quote it")


def deploy_settings(config: GlueJobConfig) -> tuple[str, str]:
    """The IAM role and the S3 bucket a deploy needs, else a ConfigurationError."""
    if not config.role:
        raise ConfigurationError(
            "no IAM role for the Glue job",
            hint=f"give --role arn:aws:iam::ACCOUNT:role/NAME or set {ROLE_ENV}",
        )
    if not config.bucket:
        raise ConfigurationError(
            "no S3 bucket for the job script", hint=f"give --bucket NAME or set {BUCKET_ENV}"
        )
    return config.role, config.bucket


# ---- deploy ------------------------------------------------------------------------------------


def glue_script(spec: Spec, catalog: Catalog, config: GlueJobConfig) -> str:
    """The Glue job script for `spec`, as `datamorph compile --dialect glue` prints it."""
    from datamorph.codegen.pyspark import compile_pyspark

    return compile_pyspark(spec, catalog, glue=True, glue_database=config.glue_database)


def script_key(config: GlueJobConfig, job_name: str, script: str) -> str:
    """`<prefix>/scripts/<job>/<sha256[:16]>.py`: one key per script text, never reused."""
    digest = hashlib.sha256(script.encode("utf-8")).hexdigest()
    folder = re.sub(r"[^A-Za-z0-9._-]", "_", job_name)
    parts = [config.prefix.strip("/"), "scripts", folder, f"{digest[:16]}.py"]
    return "/".join(part for part in parts if part)


def job_definition(config: GlueJobConfig, role: str, script_uri: str, spec: Spec) -> dict[str, Any]:
    """The fields CreateJob and UpdateJob's JobUpdate share; an update overwrites them all."""
    definition: dict[str, Any] = {
        "Description": (spec.description or f"DataMorph job: {spec.target_table.name}")[:2048],
        "Role": role,
        "Command": {"Name": "glueetl", "ScriptLocation": script_uri, "PythonVersion": "3"},
        "DefaultArguments": {**DEFAULT_ARGUMENTS, **config.arguments},
        "GlueVersion": config.glue_version,
        "WorkerType": config.worker_type,
        "NumberOfWorkers": config.number_of_workers,
        "MaxRetries": config.max_retries,
    }
    if config.timeout_minutes is not None:
        definition["Timeout"] = config.timeout_minutes
    return definition


def deploy(
    spec: Spec, catalog: Catalog, config: GlueJobConfig, client: ClientFactory | None = None
) -> DeployResult:
    """Upload the spec's Glue script to S3 (the bucket must exist), then create the job or
    update it."""
    role, bucket = deploy_settings(config)
    job_name = config.job_name_for(spec)
    script = glue_script(spec, catalog, config)
    key = script_key(config, job_name, script)
    s3 = _client(client, "s3", config)
    with aws_errors(f"upload the job script to s3://{bucket}/{key}", config):
        s3.put_object(Bucket=bucket, Key=key, Body=script.encode(), ContentType="text/x-python")
    uri = f"s3://{bucket}/{key}"
    glue = _client(client, "glue", config)
    definition = job_definition(config, role, uri, spec)
    action: Literal["created", "updated"] = "created"
    if _job_exists(glue, job_name, config):
        action = "updated"
        with aws_errors(f"update Glue job '{job_name}'", config):
            glue.update_job(JobName=job_name, JobUpdate=definition)
    else:
        with aws_errors(f"create Glue job '{job_name}'", config):
            glue.create_job(Name=job_name, **definition)
    digest = hashlib.sha256(script.encode()).hexdigest()
    return DeployResult(job_name=job_name, script_uri=uri, script_sha256=digest, action=action)


def _job_exists(glue: Any, job_name: str, config: GlueJobConfig) -> bool:
    with aws_errors(f"look up Glue job '{job_name}'", config):
        try:
            glue.get_job(JobName=job_name)
        except Exception as error:
            if error_code(error) == "EntityNotFoundException":
                return False
            raise
    return True


# ---- run ---------------------------------------------------------------------------------------


def start_and_poll(
    job_name: str,
    arguments: Mapping[str, str],
    config: GlueJobConfig,
    *,
    poll_interval: float = 10.0,
    timeout: float = 3600.0,
    on_state: Callable[[GlueRun], None] | None = None,
    client: ClientFactory | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> GlueRun:
    """Start a run of `job_name` (`arguments` over the job's defaults, for this run) and read
    it every `poll_interval` s until it ends; `on_state` hears each new state. Raises
    GlueRunError unless it SUCCEEDED within `timeout` s."""
    check_arguments(arguments)
    if poll_interval <= 0 or timeout <= 0:
        raise UsageError("the poll interval and the wait timeout must be over 0 s")
    glue = _client(client, "glue", config)
    started = clock()
    with aws_errors(f"start a run of Glue job '{job_name}'", config):
        run_id = glue.start_job_run(JobName=job_name, Arguments=dict(arguments))["JobRunId"]
    last = ""
    while True:
        with aws_errors(f"read Glue job run {run_id}", config):
            found = glue.get_job_run(JobName=job_name, RunId=run_id)["JobRun"]
        run = GlueRun(job_name, run_id, found["JobRunState"], round(clock() - started, 3),
                      found.get("ErrorMessage"))  # fmt: skip
        if run.state != last and on_state is not None:
            on_state(run)
        last = run.state
        if run.state == "SUCCEEDED":
            return run
        if run.state in TERMINAL_STATES or run.seconds >= timeout:
            raise _run_error(run)
        sleep(min(poll_interval, max(timeout - run.seconds, 0.0)))


def _run_error(run: GlueRun) -> GlueRunError:
    look = f"aws glue get-job-run --job-name {run.job_name} --run-id {run.run_id}"
    if run.state in TERMINAL_STATES:
        why = f": {clean_text(run.error_message)}" if run.error_message else ""
        message = f"Glue job run {run.run_id} of '{run.job_name}' ended {run.state}{why}"
        hint = f"read its log in CloudWatch (/aws-glue/jobs/error) or `{look}`"
        return GlueRunError(message, run, hint)
    message = f"stopped waiting after {run.seconds:.0f} s: Glue job run {run.run_id} of "
    message += f"'{run.job_name}' is still {run.state}"
    return GlueRunError(message, run, f"it goes on in AWS Glue; follow it with `{look}`")


# ---- boto3 and its errors ----------------------------------------------------------------------


def boto_client(service: str, config: GlueJobConfig) -> Any:
    """A boto3 client for `service` in the config's region, at its endpoint when one is set."""
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        raise ConfigurationError(
            "AWS Glue needs boto3", hint="pip install 'datamorph[glue]'"
        ) from None
    options: dict[str, Any] = {"retries": {"mode": "standard", "max_attempts": 3},
                               "connect_timeout": 10, "read_timeout": 60}  # fmt: skip
    if service == "s3" and config.endpoint_url:
        options["s3"] = {"addressing_style": "path"}  # S3-compatible stores and emulators
    session = boto3.session.Session(region_name=config.region)
    return session.client(service, endpoint_url=config.endpoint_url, config=Config(**options))


def _client(factory: ClientFactory | None, service: str, config: GlueJobConfig) -> Any:
    from datamorph.llm.network import OFFLINE_ENV, is_loopback_url, network_forbidden

    if network_forbidden() and not (config.endpoint_url and is_loopback_url(config.endpoint_url)):
        raise ConfigurationError(
            "network calls are disabled: AWS is not on this machine",
            hint=f"unset {OFFLINE_ENV}, or point --endpoint-url at a local emulator",
        )
    with aws_errors(f"set up the AWS {service} client", config):
        return (factory or boto_client)(service, config)

"""`datamorph glue deploy|run` against a local AWS emulator: moto's server (moto[server], pinned
in pyproject's dev extra) in a subprocess on a free loopback port, one per test session.

What the emulator does, as the tests below find it (docs/glue.md says the same):
- S3 keeps the objects put; a put into a bucket that does not exist answers NoSuchBucket.
- Glue keeps jobs (CreateJob, GetJob) as given: any role and any worker type pass unchecked.
- UpdateJob is not implemented by moto 5.2.5 (it answers HTTP 500, pinned by a test below), so
  the emulator started here adds one (`_LAUNCHER`): it overwrites the job's definition with
  the JobUpdate, as AWS documents. The update tests show what DataMorph sends and decides;
  that AWS takes it the same way is not shown.
- StartJobRun records a run and never runs the script. GetJobRun says SUCCEEDED at once; with
  moto's state manager set to "manual" the run steps STARTING -> RUNNING -> SUCCEEDED, one
  step every N reads. It never fails, so a failed run is shown with a stub client.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from datamorph.demo.showcase import demo_spec
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.errors import ConfigurationError, PipelineError, UsageError
from datamorph.glue import (
    DEFAULT_ARGUMENTS,
    GlueJobConfig,
    GlueRunError,
    deploy,
    glue_script,
    start_and_poll,
)

SECRET = "dm-glue-test-secret-7QxW2vLp9sKd"  # the AWS secret key of every test: never shown
ROLE = "arn:aws:iam::123456789012:role/datamorph-glue-test"
REGION = "us-east-1"
JOB_RUN = "glue::job_run"  # moto's state-manager name for Glue job runs

# moto's server, with the UpdateJob that moto 5.2.5 lacks: the job definition is replaced
# by the JobUpdate (fields left out are reset), which is what AWS documents for UpdateJob.
_LAUNCHER = """
import sys
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.glue.responses import GlueResponse
import moto.server

FIELDS = {"Description": "description", "LogUri": "log_uri", "Role": "role",
          "ExecutionProperty": "execution_property", "Command": "command",
          "DefaultArguments": "default_arguments", "Connections": "connections",
          "NonOverridableArguments": "non_overridable_arguments", "MaxRetries": "max_retries",
          "Timeout": "timeout", "MaxCapacity": "max_capacity", "GlueVersion": "glue_version",
          "NumberOfWorkers": "number_of_workers", "WorkerType": "worker_type"}

def update_job(self):
    job = self.glue_backend.get_job(self._get_param("JobName"))
    update = self._get_param("JobUpdate")
    for key, attribute in FIELDS.items():
        setattr(job, attribute, update.get(key))
    job.default_arguments = job.default_arguments or {}
    job.execution_property = job.execution_property or {}
    job.last_modified_on = utcnow()
    return ActionResult({"JobName": job.name})

if sys.argv[1] == "with-update-job":
    GlueResponse.update_job = update_job
moto.server.main(["-H", "127.0.0.1", "-p", sys.argv[2]])
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_emulator(log: Path, *, update_job: bool = True) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    mode = "with-update-job" if update_job else "plain"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, mode, str(port)], stdout=sink, stderr=sink
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the emulator exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/moto-api/data.json", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.1)
    _stop(process)
    pytest.fail("the emulator did not answer within 60 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The emulator's URL; it answers before the first test and is stopped after the last."""
    process, url = _start_emulator(tmp_path_factory.mktemp("moto") / "server.log")
    try:
        yield url
    finally:
        _stop(process)


class Aws:
    """The emulator as a test sees it: boto3 clients, and a fresh bucket and job name."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.s3 = boto3.client("s3", endpoint_url=url, region_name=REGION)
        self.glue = boto3.client("glue", endpoint_url=url, region_name=REGION)
        suffix = uuid.uuid4().hex[:10]
        self.bucket, self.job = f"dm-scripts-{suffix}", f"dm-job-{suffix}"
        self.s3.create_bucket(Bucket=self.bucket)

    def objects(self) -> dict[str, bytes]:
        listed = self.s3.list_objects_v2(Bucket=self.bucket).get("Contents", [])
        return {
            o["Key"]: self.s3.get_object(Bucket=self.bucket, Key=o["Key"])["Body"].read()
            for o in listed
        }

    def set_run_steps(self, times: int | None) -> None:
        """Job runs advance one state every `times` reads; None: moto's default (at once)."""
        path = "unset-transition" if times is None else "set-transition"
        body: dict[str, Any] = {"model_name": JOB_RUN}
        if times is not None:
            body["transition"] = {"progression": "manual", "times": times}
        request = urllib.request.Request(
            f"{self.url}/moto-api/state-manager/{path}", data=json.dumps(body).encode()
        )
        with urllib.request.urlopen(request, timeout=5):
            pass


def aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str) -> None:
    """Fake credentials for this test only, and nothing from this machine's AWS setup."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_REGION",
                 "DATAMORPH_GLUE_BUCKET"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("DATAMORPH_AWS_ENDPOINT_URL", url)
    monkeypatch.setenv("DATAMORPH_GLUE_ROLE", ROLE)


@pytest.fixture
def aws(emulator: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Aws]:
    aws_environment(monkeypatch, tmp_path, emulator)
    world = Aws(emulator)
    try:
        yield world
    finally:
        world.set_run_steps(None)


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(demo_spec().to_json())
    return path


def expected_script(retail_db: Path, glue_database: str = "default") -> str:
    with DuckDBEngine(retail_db, read_only=True) as engine:
        catalog = engine.catalog(samples=0)
    return glue_script(demo_spec(), catalog, GlueJobConfig(glue_database=glue_database))


# ---- deploy --------------------------------------------------------------------------------------


def test_deploy_uploads_the_compiled_script_and_creates_the_job(
    aws: Aws, run_cli: Any, spec_file: Path, retail_db: Path
) -> None:
    code, out, err = run_cli(
        "glue", "deploy", "--spec", str(spec_file), "--database", str(retail_db),
        "--job-name", aws.job, "--bucket", aws.bucket, "--prefix", "etl/", "--worker-type",
        "G.2X", "--workers", "5", "--glue-version", "5.0", "--timeout", "90", "--max-retries",
        "2", "--arg", "--day=2024-01-31", "--arg=--TempDir=s3://tmp/x", "--glue-database",
        "sales", "--json",
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    assert result["action"] == "created" and result["job_name"] == aws.job
    script = expected_script(retail_db, "sales")
    objects = aws.objects()
    key = f"etl/scripts/{aws.job}/{result['script_sha256'][:16]}.py"
    assert list(objects) == [key] and result["script_uri"] == f"s3://{aws.bucket}/{key}"
    assert objects[key].decode() == script  # the exact text `compile --dialect glue` gives
    compile(objects[key], "glue_job.py", "exec")
    job = aws.glue.get_job(JobName=aws.job)["Job"]
    assert job["Role"] == ROLE
    assert job["Command"] == {
        "Name": "glueetl", "ScriptLocation": result["script_uri"], "PythonVersion": "3"
    }  # fmt: skip
    assert (job["WorkerType"], job["NumberOfWorkers"], job["GlueVersion"]) == ("G.2X", 5, "5.0")
    assert (job["Timeout"], job["MaxRetries"]) == (90, 2)
    assert job["DefaultArguments"] == {
        **DEFAULT_ARGUMENTS, "--day": "2024-01-31", "--TempDir": "s3://tmp/x"
    }  # fmt: skip
    assert job["DefaultArguments"]["--enable-glue-datacatalog"] == "true"


def test_second_deploy_updates_the_job_and_keeps_the_old_script(
    aws: Aws, run_cli: Any, spec_file: Path, retail_db: Path, tmp_path: Path
) -> None:
    common = ["--database", str(retail_db), "--job-name", aws.job, "--bucket", aws.bucket]
    code, out, err = run_cli("glue", "deploy", "--spec", str(spec_file), *common, "--json")
    assert code == 0, err
    first = json.loads(out)
    changed = tmp_path / "changed.json"
    changed.write_text(demo_spec().model_copy(update={"limit": 10}).to_json())
    code, out, err = run_cli(
        "glue", "deploy", "--spec", str(changed), *common, "--workers", "3", "--json"
    )
    assert code == 0, err
    second = json.loads(out)
    assert (first["action"], second["action"]) == ("created", "updated")
    assert second["script_uri"] != first["script_uri"]
    names = [j["Name"] for j in aws.glue.get_jobs()["Jobs"] if j["Name"] == aws.job]
    assert names == [aws.job]  # one job, not two
    job = aws.glue.get_job(JobName=aws.job)["Job"]
    assert job["Command"]["ScriptLocation"] == second["script_uri"]
    assert job["NumberOfWorkers"] == 3
    objects = aws.objects()
    assert {f"s3://{aws.bucket}/{key}" for key in objects} == {
        first["script_uri"],
        second["script_uri"],
    }  # the old script is still there for the runs that used it
    # the same script again: the same key, still two objects
    code, out, _ = run_cli("glue", "deploy", "--spec", str(spec_file), *common, "--json")
    assert json.loads(out)["script_uri"] == first["script_uri"] and len(aws.objects()) == 2


# ---- run -----------------------------------------------------------------------------------------


def test_run_deploys_starts_and_ends_in_a_terminal_state(
    aws: Aws, run_cli: Any, spec_file: Path, retail_db: Path
) -> None:
    code, out, err = run_cli(
        "glue", "run", "--spec", str(spec_file), "--database", str(retail_db), "--job-name",
        aws.job, "--bucket", aws.bucket, "--run-arg", "--day=2024-02-01", "--poll-interval",
        "0.05", "--json",
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    assert result["state"] == "SUCCEEDED" and result["deploy"]["action"] == "created"
    assert f"run {result['run_id']}: SUCCEEDED" in err  # the status line, on stderr
    run = aws.glue.get_job_run(JobName=aws.job, RunId=result["run_id"])["JobRun"]
    assert run["Arguments"]["--day"] == "2024-02-01"
    # --no-deploy runs the job as it is: no new script, no new job
    code, out, err = run_cli(
        "glue", "run", "--no-deploy", "--job-name", aws.job, "--poll-interval", "0.05"
    )
    assert code == 0, err
    assert re.search(rf"{aws.job}: run jr_\w+ SUCCEEDED", out)
    assert len(aws.objects()) == 1


def test_poll_reports_each_state_until_the_run_ends(aws: Aws, retail_db: Path) -> None:
    config = GlueJobConfig.resolve(job_name=aws.job, bucket=aws.bucket)
    with DuckDBEngine(retail_db, read_only=True) as engine:
        deploy(demo_spec(), engine.catalog(samples=0), config)
    aws.set_run_steps(2)  # moto: one state every second read
    seen: list[str] = []
    sleeps: list[float] = []
    run = start_and_poll(
        aws.job, {"--day": "1"}, config, poll_interval=7.0, on_state=lambda r: seen.append(r.state),
        sleep=sleeps.append,
    )  # fmt: skip
    assert seen == ["STARTING", "RUNNING", "SUCCEEDED"]  # each change once
    assert run.state == "SUCCEEDED" and run.run_id.startswith("jr_")
    assert sleeps == [7.0, 7.0, 7.0]  # four reads: STARTING, RUNNING, RUNNING, SUCCEEDED


def test_poll_gives_up_after_the_wait_timeout(aws: Aws, retail_db: Path) -> None:
    config = GlueJobConfig.resolve(job_name=aws.job, bucket=aws.bucket)
    with DuckDBEngine(retail_db, read_only=True) as engine:
        deploy(demo_spec(), engine.catalog(samples=0), config)
    aws.set_run_steps(10**6)  # the run stays STARTING
    now = [0.0]
    with pytest.raises(GlueRunError, match=r"stopped waiting after 30 s: .* is still STARTING"):
        start_and_poll(
            aws.job, {}, config, poll_interval=10, timeout=30, clock=lambda: now[0],
            sleep=lambda s: now.__setitem__(0, now[0] + s),
        )  # fmt: skip


class _FailingGlue:
    """A stub Glue client: moto's runs never fail, AWS's do."""

    def start_job_run(self, **_: Any) -> dict[str, str]:
        return {"JobRunId": "jr_stub"}

    def get_job_run(self, **_: Any) -> dict[str, Any]:
        message = f"AnalysisException: Table or view not found: orders (key {SECRET})"
        return {"JobRun": {"JobRunState": "FAILED", "ErrorMessage": message}}


def test_a_failed_run_raises_with_the_runs_error_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    config = GlueJobConfig(endpoint_url="http://127.0.0.1:9")
    with pytest.raises(GlueRunError) as raised:
        start_and_poll("j", {}, config, client=lambda *_: _FailingGlue(), sleep=lambda _: None)
    assert raised.value.exit_code == 1 and raised.value.run.state == "FAILED"
    line = raised.value.one_line()
    assert "ended FAILED: AnalysisException: Table or view not found: orders" in line
    assert SECRET not in line and "****" in line


# ---- errors: one line, exit 2, nothing shown of the secret -------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--role", "arn:aws:iam::1:role/r"], r"no S3 bucket for the job script\. Hint: give "),
        (["--worker-type", "G.3X"], r"unknown worker type 'G\.3X'\. Hint: did you mean"),
        (["--worker-type", "Large"], r"unknown worker type 'Large'\. Hint: choose one of:"),
        (["--workers", "1"], r"number of workers cannot be 1\. Hint: --workers 2 or more"),
        (["--arg", "day=1"], r"job argument key 'day' must start with '--'\. Hint: --arg '--day="),
        (["--arg", "--conf=x"], r"job argument '--conf' is set by AWS Glue"),
        (["--arg", "--day"], r"--arg '--day' has no '='"),
        (["--bucket", "s3://b/x"], r"'s3://b/x' is not an S3 bucket name"),
        (["--timeout", "0"], r"job timeout cannot be 0"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    aws: Aws, run_cli: Any, spec_file: Path, options: list[str], message: str
) -> None:
    if "--role" in options:
        os.environ.pop("DATAMORPH_GLUE_ROLE")  # monkeypatched: restored after the test
    elif "--bucket" not in options:  # a second --bucket would be refused as given twice
        options = ["--bucket", aws.bucket, *options]
    code, out, err = run_cli("glue", "deploy", "--spec", str(spec_file), *options)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert re.search(message, err), err


def test_missing_role_says_how_to_give_one(
    aws: Aws, run_cli: Any, spec_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATAMORPH_GLUE_ROLE")
    code, out, err = run_cli("glue", "deploy", "--spec", str(spec_file), "--bucket", aws.bucket)
    assert (code, out) == (2, "")
    assert err == (
        "error: no IAM role for the Glue job. Hint: give --role "
        "arn:aws:iam::ACCOUNT:role/NAME or set DATAMORPH_GLUE_ROLE\n"
    )


def test_missing_bucket_is_not_created(
    aws: Aws, run_cli: Any, spec_file: Path, retail_db: Path
) -> None:
    code, out, err = run_cli(
        "glue", "deploy", "--spec", str(spec_file), "--database", str(retail_db), "--bucket",
        "dm-no-such-bucket", "--job-name", aws.job, "--json",
    )  # fmt: skip
    assert code == 2, err
    assert json.loads(out)["error_type"] == "NotFoundError"
    assert err == (
        "error: S3 bucket 'dm-no-such-bucket' does not exist. Hint: create it first, DataMorph "
        "never does: aws s3 mb s3://dm-no-such-bucket\n"
    )
    names = {b["Name"] for b in aws.s3.list_buckets()["Buckets"]}
    assert "dm-no-such-bucket" not in names
    with pytest.raises(aws.glue.exceptions.EntityNotFoundException):
        aws.glue.get_job(JobName=aws.job)  # no job without its script


def test_run_of_a_job_that_does_not_exist(aws: Aws, run_cli: Any) -> None:
    code, out, err = run_cli("glue", "run", "--no-deploy", "--job-name", aws.job)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: cannot start a run of Glue job '{aws.job}' ")
    assert "Hint: deploy it first" in err and err.count("\n") == 1


def test_unreachable_endpoint(run_cli: Any, spec_file: Path, retail_db: Path, aws: Aws) -> None:
    closed = f"http://127.0.0.1:{_free_port()}"
    code, out, err = run_cli(
        "glue", "deploy", "--spec", str(spec_file), "--database", str(retail_db), "--bucket",
        aws.bucket, "--endpoint-url", closed,
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err.startswith(f"error: cannot reach {closed} to upload the job script to s3://")
    assert "Hint: check --endpoint-url (DATAMORPH_AWS_ENDPOINT_URL)" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_offline_refuses_real_aws_before_connecting(
    aws: Aws, run_cli: Any, spec_file: Path, retail_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATAMORPH_AWS_ENDPOINT_URL")  # conftest turned DATAMORPH_OFFLINE on
    code, _, err = run_cli(
        "glue", "deploy", "--spec", str(spec_file), "--database", str(retail_db), "--bucket",
        aws.bucket,
    )  # fmt: skip
    assert code == 2
    assert err.startswith("error: network calls are disabled: AWS is not on this machine")


@pytest.mark.slow
def test_the_secret_key_is_never_printed_nor_written(
    aws: Aws, spec_file: Path, retail_db: Path, tmp_path: Path
) -> None:
    """The real command in its own process: its output, every file under the test's
    directory (DataMorph's home is there) and what it put in the emulator."""
    base = [sys.executable, "-m", "datamorph.cli", "glue"]
    runs = [
        [*base, "run", "--spec", str(spec_file), "--database", str(retail_db), "--job-name",
         aws.job, "--bucket", aws.bucket, "--poll-interval", "0.05", "--json"],
        [*base, "deploy", "--spec", str(spec_file), "--database", str(retail_db), "--bucket",
         aws.bucket, "--endpoint-url", f"http://127.0.0.1:{_free_port()}"],
        [*base, "deploy", "--spec", str(spec_file), "--bucket", aws.bucket, "--workers", "0"],
    ]  # fmt: skip
    codes = []
    for command in runs:
        done = subprocess.run(command, capture_output=True, env=dict(os.environ), timeout=120)
        codes.append(done.returncode)
        assert SECRET.encode() not in done.stdout + done.stderr
        assert b"Traceback" not in done.stderr
    assert codes == [0, 2, 2]
    for path in tmp_path.rglob("*"):
        assert not path.is_file() or SECRET.encode() not in path.read_bytes(), path
    assert all(SECRET.encode() not in body for body in aws.objects().values())
    assert SECRET not in json.dumps(aws.glue.get_job(JobName=aws.job)["Job"], default=str)


def test_the_cli_starts_without_boto3() -> None:
    code = "import sys, datamorph.cli; sys.exit(bool({'boto3', 'botocore'} & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0


# ---- settings --------------------------------------------------------------------------------


def test_settings_come_from_options_then_the_environment() -> None:
    env = {"DATAMORPH_GLUE_ROLE": "env-role", "DATAMORPH_GLUE_BUCKET": "env-bucket",
           "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-2",
           "DATAMORPH_AWS_ENDPOINT_URL": "http://127.0.0.1:4566"}  # fmt: skip
    config = GlueJobConfig.resolve(env, bucket="given-bucket")
    assert (config.role, config.bucket) == ("env-role", "given-bucket")
    assert (config.region, config.endpoint_url) == ("eu-west-1", "http://127.0.0.1:4566")
    assert GlueJobConfig.resolve({"AWS_DEFAULT_REGION": "us-east-2"}).region == "us-east-2"
    assert GlueJobConfig.resolve({"DATAMORPH_GLUE_ROLE": "  "}).role is None  # blank: unset
    assert GlueJobConfig.resolve({}).job_name_for(demo_spec()) == (
        "datamorph-customer_order_summary"
    )
    with pytest.raises(UsageError, match="--role is empty"):
        GlueJobConfig.resolve({}, role=" ")
    with pytest.raises(ConfigurationError, match="is not http"):
        GlueJobConfig(endpoint_url="127.0.0.1:4566")


def test_start_and_poll_checks_its_run_arguments() -> None:
    with pytest.raises(ConfigurationError, match="must start with '--'"):
        start_and_poll("j", {"day": "1"}, GlueJobConfig(), client=lambda *_: None)


# ---- what moto itself does -----------------------------------------------------------------------


@pytest.mark.slow
def test_plain_moto_does_not_implement_update_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, retail_db: Path
) -> None:
    """Why the emulator above adds UpdateJob: moto 5.2.5 answers it with HTTP 500. When a
    moto upgrade implements it, this test fails: drop `_LAUNCHER`'s UpdateJob then."""
    process, url = _start_emulator(tmp_path / "plain.log", update_job=False)
    try:
        aws_environment(monkeypatch, tmp_path, url)
        world = Aws(url)
        config = GlueJobConfig.resolve(job_name=world.job, bucket=world.bucket)
        with DuckDBEngine(retail_db, read_only=True) as engine:
            catalog = engine.catalog(samples=0)
        assert deploy(demo_spec(), catalog, config).action == "created"
        changed = demo_spec().model_copy(update={"limit": 5})
        with pytest.raises(PipelineError) as raised:
            deploy(changed, catalog, config)
        assert raised.value.message.startswith(f"AWS failed to update Glue job '{world.job}' (500")
    finally:
        _stop(process)


def test_moto_keeps_any_worker_type_and_role(aws: Aws) -> None:
    """Why DataMorph checks the worker type itself: the emulator takes anything."""
    command = {"Name": "glueetl", "ScriptLocation": f"s3://{aws.bucket}/x.py"}
    aws.glue.create_job(Name=aws.job, Role="not-a-role", Command=command, WorkerType="G.99X")
    job = aws.glue.get_job(JobName=aws.job)["Job"]
    assert (job["Role"], job["WorkerType"]) == ("not-a-role", "G.99X")

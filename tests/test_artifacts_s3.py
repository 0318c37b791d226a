"""Artifacts in an S3-compatible store: moto's server in this process, on a free loopback port.

Every test points DATAMORPH_S3_ENDPOINT_URL at that server and sets dummy AWS credentials (and
no profile, no instance metadata), so nothing can reach real AWS.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import socket
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from fastapi.testclient import TestClient
from moto.server import ThreadedMotoServer

from datamorph.api import ServiceSettings, create_app
from datamorph.errors import ConfigurationError
from datamorph.runs import ArtifactExistsError, RunStatus, RunStore, open_store
from datamorph.runs.artifact_backends import ArtifactIntegrityError
from datamorph.runs.artifacts_s3 import object_key

SPEC = Path(__file__).parent / "specs" / "customer_order_summary.json"
SECRET = "dummy-secret-key-never-printed"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A new bucket; the environment names it (under prefix 'dm') and the local server."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("DATAMORPH_S3_ENDPOINT_URL", endpoint)
    name = f"dm-{uuid.uuid4().hex[:12]}"
    s3(endpoint).create_bucket(Bucket=name)
    monkeypatch.setenv("DATAMORPH_ARTIFACTS", f"s3://{name}/dm")
    return name


@functools.cache  # a client takes a moment to make
def s3(endpoint: str) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")


def keys(endpoint: str, bucket: str) -> set[str]:
    listed = s3(endpoint).list_objects_v2(Bucket=bucket).get("Contents", [])
    return {item["Key"] for item in listed}


def test_a_run_keeps_spec_code_and_reports_at_the_original_keys(
    run_cli: Any,
    endpoint: str,
    bucket: str,
    retail_db: Path,
    isolated_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, err = run_cli("run", "--spec", str(SPEC), "--database", str(retail_db), "--json")
    assert code == 0, err
    result = json.loads(out)
    run_id = result["run_id"]
    assert result["status"] == "completed"
    assert result["spec_path"] == f"s3://{bucket}/dm/specs/{run_id}/spec.json"
    assert result["code_path"] == f"s3://{bucket}/dm/code/{run_id}/attempt-1.sql"
    assert keys(endpoint, bucket) == {
        f"dm/specs/{run_id}/spec.json",
        f"dm/code/{run_id}/attempt-1.sql",
        f"dm/reports/{run_id}/validation-attempt-1.json",
        f"dm/reports/{run_id}/validation-attempt-1.md",
    }
    assert not (isolated_home / "artifacts").exists()  # nothing written locally

    # The store's rows describe exactly the objects: hash, size, and S3's own checksum.
    with open_store() as store:
        artifacts = store.artifacts(run_id)
        spec_text = store.read_artifact(run_id, "spec.json")
    assert json.loads(spec_text)["target_table"]["name"] == "customer_order_summary"
    for artifact in artifacts:
        key = artifact.location.removeprefix(f"s3://{bucket}/")
        body = s3(endpoint).get_object(Bucket=bucket, Key=key)["Body"].read()
        head = s3(endpoint).head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
        assert artifact.path is None
        assert hashlib.sha256(body).hexdigest() == artifact.sha256
        assert len(body) == artifact.size == head["ContentLength"]
        assert base64.b64decode(head["ChecksumSHA256"]).hex() == artifact.sha256

    # `runs show` reads them back, as JSON and as text.
    code, out, err = run_cli("runs", "show", run_id, "--json")
    assert code == 0, err
    shown = {a["name"]: a for a in json.loads(out)["artifacts"]}
    assert shown["spec.json"]["location"] == result["spec_path"]
    assert shown["spec.json"]["path"] is None
    code, out, _ = run_cli("runs", "show", run_id)
    assert code == 0 and f"s3://{bucket}/dm/code/{run_id}/attempt-1.sql" in out

    # The HTTP API's run detail reads spec, code and report from the bucket.
    app = create_app(ServiceSettings(database=str(retail_db), home=isolated_home, workers=1))
    with TestClient(app) as client:
        detail = client.get(f"/api/runs/{run_id}").json()
    assert detail["spec"]["target_table"]["name"] == "customer_order_summary"
    assert detail["code"][0]["code"] == s3(endpoint).get_object(
        Bucket=bucket, Key=f"dm/code/{run_id}/attempt-1.sql"
    )["Body"].read().decode("utf-8")
    assert detail["validation"][0]["report"]["status"] == "pass"


def test_the_project_file_can_name_the_bucket(
    endpoint: str, bucket: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATAMORPH_ARTIFACTS")
    monkeypatch.delenv("DATAMORPH_S3_ENDPOINT_URL")
    (tmp_path / "datamorph.toml").write_text(
        f'artifacts = "s3://{bucket}/proj"\ns3_endpoint_url = "{endpoint}"\n'
    )
    with open_store() as store:
        run = store.create_run(engine="duckdb", database="db")
        saved = store.save_artifact(run.run_id, "spec.json", "{}", kind="spec")
    assert saved.location == f"s3://{bucket}/proj/specs/{run.run_id}/spec.json"
    assert keys(endpoint, bucket) == {f"proj/specs/{run.run_id}/spec.json"}


def test_a_name_is_saved_once_and_a_changed_object_is_caught(endpoint: str, bucket: str) -> None:
    with open_store() as store:
        run = store.create_run(engine="duckdb", database="db")
        first = store.save_artifact(run.run_id, "code/attempt-1.sql", "SELECT 1", kind="code")
        with pytest.raises(ArtifactExistsError, match="already exists"):
            store.save_artifact(run.run_id, "code/attempt-1.sql", "SELECT 2", kind="code")
        assert store.artifacts(run.run_id) == [first]
        assert store.read_artifact(run.run_id, "code/attempt-1.sql") == "SELECT 1"

        # An object without a row (a crash between the two) still blocks its name.
        key = f"dm/code/{run.run_id}/attempt-2.sql"
        s3(endpoint).put_object(Bucket=bucket, Key=key, Body=b"orphan")
        assert store.next_artifact_name(run.run_id, "code/attempt", ".sql") == (
            "code/attempt-3.sql"
        )

        # Replaced behind the store's back (a plain put, no condition): reading refuses it.
        s3(endpoint).put_object(Bucket=bucket, Key=f"dm/code/{run.run_id}/attempt-1.sql", Body=b"X")
        with pytest.raises(ArtifactIntegrityError, match="does not match"):
            store.read_artifact(run.run_id, "code/attempt-1.sql")


def test_a_local_file_changed_after_the_run_is_caught(isolated_home: Path) -> None:
    with RunStore(isolated_home) as store:
        run = store.create_run(engine="duckdb", database="db")
        saved = store.save_artifact(run.run_id, "spec.json", "{}", kind="spec")
        assert saved.path is not None and saved.location == str(saved.path)
        saved.path.chmod(0o644)
        saved.path.write_text("{ }")
        with pytest.raises(ArtifactIntegrityError, match="does not match"):
            store.read_artifact(run.run_id, "spec.json")


def _failed_run(run_cli: Any, retail_db: Path) -> tuple[str, str]:
    """Run the spec expecting the artifact store to fail: exit 2, one line, no secret; the
    run is recorded as failed with the same message. Returns (stderr, stored message)."""
    code, out, err = run_cli("run", "--spec", str(SPEC), "--database", str(retail_db))
    assert code == 2, out + err
    assert err.startswith("error:") and "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1
    assert SECRET not in err + out
    with open_store() as store:
        (record,) = store.list_runs()
    assert record.status is RunStatus.FAILED and record.message is not None
    assert SECRET not in record.message
    return err, record.message


def test_a_missing_bucket_fails_the_run_in_one_line(
    run_cli: Any,
    bucket: str,
    retail_db: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATAMORPH_ARTIFACTS", "s3://no-such-bucket-here/dm")
    err, message = _failed_run(run_cli, retail_db)
    assert "the bucket 'no-such-bucket-here' does not exist" in err
    assert "aws s3 mb s3://no-such-bucket-here" in err
    assert "does not exist" in message


def test_an_unreachable_endpoint_fails_the_run_in_one_line(
    run_cli: Any,
    bucket: str,
    retail_db: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    monkeypatch.setenv("DATAMORPH_S3_ENDPOINT_URL", closed)
    err, _ = _failed_run(run_cli, retail_db)
    assert f"the artifact store at {closed} cannot be reached" in err
    assert "DATAMORPH_S3_ENDPOINT_URL" in err


def test_refused_credentials_are_named_without_the_secret(
    run_cli: Any,
    endpoint: str,
    bucket: str,
    retail_db: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def moto_auth(count: str) -> None:  # moto checks keys after `count` more requests
        request = urllib.request.Request(
            f"{endpoint}/moto-api/reset-auth",
            data=count.encode(),
            method="POST",
            headers={"Content-Type": "text/plain"},  # a form body would be parsed away
        )
        with urllib.request.urlopen(request, timeout=5):
            pass

    moto_auth("0")
    try:
        err, _ = _failed_run(run_cli, retail_db)
    finally:
        moto_auth("inf")
    assert "refused the credentials or access (InvalidAccessKeyId)" in err
    assert "AWS_ACCESS_KEY_ID" in err


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("s3://Not_A_Bucket/x", "not a valid S3 bucket name"),
        ("gs://bucket/x", "unsupported artifact store 'gs://...'"),
    ],
)
def test_an_unusable_setting_is_one_line(
    run_cli: Any,
    setting: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATAMORPH_ARTIFACTS", setting)
    with pytest.raises(ConfigurationError, match=message):
        open_store()
    code, out, err = run_cli("runs", "list")
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_a_directory_setting_keeps_files_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATAMORPH_ARTIFACTS", str(tmp_path / "elsewhere"))
    with open_store() as store:
        run = store.create_run(engine="duckdb", database="db")
        saved = store.save_artifact(run.run_id, "code/attempt-1.sql", "SELECT 1", kind="code")
    assert saved.path == tmp_path / "elsewhere" / run.run_id / "code" / "attempt-1.sql"
    assert saved.path.read_text() == "SELECT 1"


def test_keys_are_one_to_one_with_names() -> None:
    names = [
        "spec.json",
        "spec-revision-2.json",
        "code/attempt-1.sql",
        "reports/validation-attempt-1.json",
        "planning/trace.json",
        "healing/iteration-1.diff",
        "notes.txt",
        "specs/spec.json",  # must not land on spec.json's key
        "other/notes.txt",  # nor on notes.txt's
        "other/specs/x",
    ]
    found = {name: object_key("p", "r1", name) for name in names}
    assert found["spec.json"] == "p/specs/r1/spec.json"
    assert found["spec-revision-2.json"] == "p/specs/r1/spec-revision-2.json"
    assert found["code/attempt-1.sql"] == "p/code/r1/attempt-1.sql"
    assert found["reports/validation-attempt-1.json"] == "p/reports/r1/validation-attempt-1.json"
    assert found["planning/trace.json"] == "p/planning/r1/trace.json"
    assert found["notes.txt"] == "p/other/r1/notes.txt"
    assert len(set(found.values())) == len(names)
    assert object_key("", "r1", "spec.json") == "specs/r1/spec.json"  # no prefix

"""Artifacts in S3 or any S3-compatible store (MinIO, moto...), through boto3 (the `s3` extra).

Keys follow the original AWS system's layout, grouped by what the file is, then by run:

    <prefix>/specs/<run_id>/spec.json              (top-level spec*.json names)
    <prefix>/code/<run_id>/attempt-1.sql           (name 'code/attempt-1.sql')
    <prefix>/reports/<run_id>/validation-attempt-1.json
    <prefix>/planning/<run_id>/trace.json          (any 'area/rest' name: area first)
    <prefix>/other/<run_id>/<name>                 (other top-level names, and names under the
                                                    reserved areas 'specs/' and 'other/')

The mapping is one-to-one, so two names never share a key. Objects are created with a
conditional put (If-None-Match: *): S3 refuses the second write under a key, which is how the
local backend's exclusive create behaves. Credentials come from the standard AWS chain
(environment, profile, instance role); they are never printed.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
import threading
from pathlib import Path, PurePosixPath
from typing import Any

from datamorph.errors import ConfigurationError, NotFoundError
from datamorph.runs.artifacts import (
    EXISTS_HINT,
    ArtifactExistsError,
    WrittenFile,
    check_run_id,
    normalize_name,
)

_BUCKET_RE = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_SPEC_RE = re.compile(r"spec(?:-[A-Za-z0-9._-]+)?\.json")
_RESERVED = frozenset({"specs", "other"})  # areas top-level names map to
# Refused writes: 412 when the key exists, 409 when another conditional write is in flight.
_TAKEN = frozenset({"PreconditionFailed", "ConditionalRequestConflict", "412"})
_MISSING = frozenset({"NoSuchKey", "404", "NotFound"})
_CREDENTIALS = frozenset(
    {
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "AccessDenied",
        "ExpiredToken",
        "InvalidToken",
        "InvalidClientTokenId",
        "403",
        "Forbidden",
    }
)


class ArtifactStoreError(ConfigurationError):
    """The artifact store cannot be used: missing bucket, refused credentials, no connection.

    A ConfigurationError, so a run records it and stops instead of trying to heal it.
    """


def parse_s3_url(url: str) -> tuple[str, str]:
    """`s3://bucket/some/prefix/` -> ('bucket', 'some/prefix'); ArtifactStoreError if unusable."""
    rest = url[len("s3://") :]
    bucket, _, prefix = rest.partition("/")
    if not _BUCKET_RE.fullmatch(bucket) or ".." in bucket:
        raise ArtifactStoreError(
            f"'{bucket}' in {url} is not a valid S3 bucket name",
            hint="use s3://bucket/prefix with a bucket of 3-63 lowercase letters, digits, '.', '-'",
        )
    return bucket, prefix.strip("/")


def object_key(prefix: str, run_id: str, name: str) -> str:
    """The key of artifact `name` of run `run_id` (see the module doc)."""
    parts = PurePosixPath(normalize_name(name)).parts
    run = check_run_id(run_id)
    tail: tuple[str, ...]
    if len(parts) == 1:
        area = "specs" if _SPEC_RE.fullmatch(parts[0]) else "other"
        tail = parts
    elif parts[0] in _RESERVED:
        area, tail = "other", parts  # kept whole: cannot meet a top-level name's key
    else:
        area, tail = parts[0], parts[1:]
    return "/".join(p for p in (prefix, area, run, *tail) if p)


class S3Artifacts:
    """Artifact objects under `s3://bucket/prefix`; `endpoint_url` for S3-compatible servers."""

    def __init__(self, url: str, *, endpoint_url: str | None = None) -> None:
        self.bucket, self.prefix = parse_s3_url(url)
        self.endpoint_url = endpoint_url
        if importlib.util.find_spec("boto3") is None:  # checked now, imported on first use
            raise ArtifactStoreError(
                f"artifacts in S3 ({url}) need boto3, which is not installed",
                hint="pip install 'datamorph[s3]', or set DATAMORPH_ARTIFACTS to a directory",
            )
        self._client: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"S3Artifacts(s3://{self.bucket}/{self.prefix}, endpoint={self.endpoint_url})"

    # -- the backend protocol -------------------------------------------------------------------

    def location(self, run_id: str, name: str) -> str:
        return f"s3://{self.bucket}/{object_key(self.prefix, run_id, name)}"

    def local_path(self, run_id: str, name: str) -> Path | None:
        return None

    def exists(self, run_id: str, name: str) -> bool:
        key = object_key(self.prefix, run_id, name)
        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except Exception as error:
            if _code(error) in _MISSING:
                return False
            raise self._explain(error, "look up", key) from None
        return True

    def write_new(self, run_id: str, name: str, content: str | bytes) -> WrittenFile:
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        key = object_key(self.prefix, run_id, name)
        digest = hashlib.sha256(data)
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=data,
                IfNoneMatch="*",  # S3 refuses the write if the key exists: never overwritten
                # S3 checks the bytes it received against the hash the store records.
                ChecksumAlgorithm="SHA256",
                ChecksumSHA256=base64.b64encode(digest.digest()).decode("ascii"),
            )
        except Exception as error:
            if _code(error) in _TAKEN:
                raise ArtifactExistsError(
                    f"artifact '{name}' already exists for run {run_id}",
                    path=f"s3://{self.bucket}/{key}",
                    hint=EXISTS_HINT,
                ) from None
            raise self._explain(error, "write", key) from None
        return WrittenFile(
            location=f"s3://{self.bucket}/{key}",
            path=None,
            sha256=digest.hexdigest(),
            size=len(data),
        )

    def read_bytes(self, run_id: str, name: str) -> bytes:
        key = object_key(self.prefix, run_id, name)
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=key)
            data: bytes = response["Body"].read()
        except Exception as error:
            if _code(error) in _MISSING:
                raise NotFoundError(
                    f"artifact '{name}' of run {run_id} is recorded but "
                    f"s3://{self.bucket}/{key} is missing",
                    hint="it was deleted from the bucket (or DATAMORPH_ARTIFACTS changed since)",
                ) from None
            raise self._explain(error, "read", key) from None
        return data

    def remove_own(self, run_id: str, name: str) -> None:
        key = object_key(self.prefix, run_id, name)
        try:
            self.client.delete_object(Bucket=self.bucket, Key=key)
        except Exception as error:
            raise self._explain(error, "remove", key) from None

    # -- the client and its errors --------------------------------------------------------------

    @property
    def client(self) -> Any:
        """One boto3 client, made on first use (boto3 takes a moment to import); thread-safe."""
        with self._lock:
            if self._client is None:
                self._client = self._make_client()
            return self._client

    def _make_client(self) -> Any:
        import boto3
        from botocore.config import Config

        config = Config(
            connect_timeout=5,
            read_timeout=30,
            # a store that is down should fail a command in seconds, not minutes
            retries={"mode": "standard", "total_max_attempts": 2},
            # local servers answer on an IP or a single name: no bucket subdomains there
            s3={"addressing_style": "path"} if self.endpoint_url else None,
        )
        try:
            return boto3.session.Session().client(
                "s3", endpoint_url=self.endpoint_url, config=config
            )
        except Exception as error:  # a malformed endpoint URL, an unknown profile
            raise self._explain(error, "connect to", "") from None

    def _explain(self, error: Exception, action: str, key: str) -> Exception:
        """One line saying what went wrong and what to try; botocore's own text is not shown
        (it can be long), only its error code or class. Anything not from boto3 (a bug)
        is returned as it is, to be raised with its traceback."""
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
            HTTPClientError,
            NoCredentialsError,
            PartialCredentialsError,
            ProfileNotFound,
        )
        from botocore.exceptions import ConnectionError as BotoConnectionError

        if not isinstance(error, BotoCoreError | ClientError):
            return error

        where = f"s3://{self.bucket}/{key}"
        code = _code(error)
        if code == "NoSuchBucket":
            return ArtifactStoreError(
                f"cannot {action} {where}: the bucket '{self.bucket}' does not exist",
                hint=f"create it (aws s3 mb s3://{self.bucket}), or fix DATAMORPH_ARTIFACTS "
                "(`artifacts` in datamorph.toml)",
            )
        if code in _CREDENTIALS:
            return ArtifactStoreError(
                f"cannot {action} {where}: the store refused the credentials or access ({code})",
                hint="check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_PROFILE and that "
                "they may get, put and delete objects and list the bucket",
            )
        if isinstance(error, NoCredentialsError | PartialCredentialsError | ProfileNotFound):
            return ArtifactStoreError(
                f"cannot {action} {where}: no usable AWS credentials ({type(error).__name__})",
                hint="set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE "
                "(see `aws configure`)",
            )
        if isinstance(error, BotoConnectionError | HTTPClientError):
            endpoint = self.endpoint_url or "AWS S3"
            return ArtifactStoreError(
                f"cannot {action} {where}: the artifact store at {endpoint} cannot be reached "
                f"({type(error).__name__})",
                hint="check DATAMORPH_S3_ENDPOINT_URL (`s3_endpoint_url` in datamorph.toml) "
                "and that the server is running"
                if self.endpoint_url
                else "check the network connection and AWS_REGION",
            )
        what = code or type(error).__name__
        return ArtifactStoreError(
            f"cannot {action} {where}: the artifact store failed ({what})",
            hint="check DATAMORPH_ARTIFACTS, DATAMORPH_S3_ENDPOINT_URL and the AWS credentials",
        )


def _code(error: Exception) -> str | None:
    """The S3 error code of a botocore ClientError ('NoSuchBucket', '404'...), else None."""
    response = getattr(error, "response", None)
    if not isinstance(response, dict):
        return None
    code = response.get("Error", {}).get("Code")
    return str(code) if code is not None else None

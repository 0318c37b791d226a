"""AWS SDK failures provoked for real: botocore clients call a local stub that answers with the
error bodies AWS documents, and botocore's own client-side failures happen for real.

botocore does the real work (protocol parsing, `ClientError` and its wording); the bodies
follow https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (REST-XML),
https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html (query XML) and the JSON
protocol of Glue and DynamoDB (`__type`, `message`). Client-side failures (no credentials, no
region, unknown profile, unreachable endpoint, read timeout, parameter validation) need no
answer at all. Source `aws`, codes `aws:<Error.Code>` or `python:<exception class>`.

Labelling decisions:
- a table or database missing from a catalog (Glue, DynamoDB) is `schema_mismatch`, like an
  unknown table in SQL; a missing object key is `missing_dependency` (the file has not landed);
- an unknown bucket, a wrong region or endpoint and a missing region are
  `configuration_error`; missing or expired credentials are `authentication_failure`;
- S3 SlowDown and every throttling or concurrency quota is `quota_exceeded`; a conditional
  put refused because the key already exists is `data_duplication`; a conflicting concurrent
  operation is `resource_locked`.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import botocore.session
from botocore.config import Config

from corpus.common import Recorder, free_port, python_code, serving, silent_server
from datamorph.monitor.taxonomy import Category

C = Category
S3_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}'
    "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>"
    "eftixk72aD6Ap51TnqcoF8eFidJG9Z/2mkiDFu8yU9AS1ed4OpIszj7UDNEHGran</HostId></Error>"
)
STS_XML = (
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
    "<Code>{code}</Code><Message>{message}</Message></Error>"
    "<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>"
)

# (trigger, operation, status, code, message, category): S3 REST-XML errors.
S3: list[tuple[str, str, int, str, str, Category]] = [
    ("NoSuchKey", "get_object", 404, "NoSuchKey", "The specified key does not exist.",
     C.MISSING_DEPENDENCY),
    ("NoSuchKey", "copy_object", 404, "NoSuchKey", "The specified key does not exist.",
     C.MISSING_DEPENDENCY),
    ("NoSuchBucket", "list_objects_v2", 404, "NoSuchBucket", "The specified bucket does not exist",
     C.CONFIGURATION_ERROR),
    ("AccessDenied", "get_object", 403, "AccessDenied", "Access Denied", C.PERMISSION_DENIED),
    ("AccessDenied", "put_object", 403, "AccessDenied", "Access Denied", C.PERMISSION_DENIED),
    ("AccessDenied", "list_objects_v2", 403, "AccessDenied", "Access Denied", C.PERMISSION_DENIED),
    ("SlowDown", "put_object", 503, "SlowDown", "Please reduce your request rate.",
     C.QUOTA_EXCEEDED),
    ("SlowDown", "get_object", 503, "SlowDown", "Please reduce your request rate.",
     C.QUOTA_EXCEEDED),
    ("InvalidAccessKeyId", "get_object", 403, "InvalidAccessKeyId",
     "The AWS Access Key Id you provided does not exist in our records.",
     C.AUTHENTICATION_FAILURE),
    ("SignatureDoesNotMatch", "put_object", 403, "SignatureDoesNotMatch",
     "The request signature we calculated does not match the signature you provided. Check "
     "your key and signing method.", C.AUTHENTICATION_FAILURE),
    ("ExpiredToken", "list_objects_v2", 400, "ExpiredToken", "The provided token has expired.",
     C.AUTHENTICATION_FAILURE),
    ("RequestTimeout", "put_object", 400, "RequestTimeout",
     "Your socket connection to the server was not read from or written to within the timeout "
     "period. Idle connections will be closed.", C.NETWORK_TIMEOUT),
    ("AuthorizationHeaderMalformed", "list_objects_v2", 400, "AuthorizationHeaderMalformed",
     "The authorization header is malformed; the region 'us-east-1' is wrong; expecting "
     "'eu-west-1'", C.CONFIGURATION_ERROR),
    ("ConditionalRequestConflict", "put_object", 409, "ConditionalRequestConflict",
     "A conflicting operation occurred. If using PutObject you can retry the request. If using "
     "multipart upload you should initiate another CreateMultipartUpload request and re-upload "
     "each part.", C.RESOURCE_LOCKED),
    ("InternalError", "get_object", 500, "InternalError",
     "We encountered an internal error. Please try again.", C.UNKNOWN),
    ("NotFound", "head_object", 404, "", "", C.MISSING_DEPENDENCY),
    ("Forbidden", "head_object", 403, "", "", C.PERMISSION_DENIED),
]  # fmt: skip

# (trigger, service, operation, status, code, message, category): query and JSON protocols.
OTHERS: list[tuple[str, str, str, int, str, str, Category]] = [
    ("ExpiredToken", "sts", "get_caller_identity", 400, "ExpiredToken",
     "The security token included in the request is expired", C.AUTHENTICATION_FAILURE),
    ("InvalidClientTokenId", "sts", "get_caller_identity", 403, "InvalidClientTokenId",
     "The security token included in the request is invalid.", C.AUTHENTICATION_FAILURE),
    ("AccessDenied", "sts", "assume_role", 403, "AccessDenied",
     "User: arn:aws:iam::123456789012:user/etl-runner is not authorized to perform: "
     "sts:AssumeRole on resource: arn:aws:iam::123456789012:role/warehouse-loader",
     C.PERMISSION_DENIED),
    ("EntityNotFoundException", "glue", "get_table", 400, "EntityNotFoundException",
     "Table orders_v2 not found.", C.SCHEMA_MISMATCH),
    ("EntityNotFoundException", "glue", "get_table", 400, "EntityNotFoundException",
     "Database analytics_raw not found.", C.SCHEMA_MISMATCH),
    ("ConcurrentRunsExceededException", "glue", "start_job_run", 400,
     "ConcurrentRunsExceededException", "Concurrent runs exceeded for nightly-orders-load",
     C.QUOTA_EXCEEDED),
    ("ThrottlingException", "glue", "get_table", 400, "ThrottlingException", "Rate exceeded",
     C.QUOTA_EXCEEDED),
    ("AccessDeniedException", "glue", "get_table", 400, "AccessDeniedException",
     "User: arn:aws:sts::123456789012:assumed-role/etl/runner is not authorized to perform: "
     "glue:GetTable on resource: arn:aws:glue:us-east-1:123456789012:catalog "
     "because no identity-based policy allows the glue:GetTable action", C.PERMISSION_DENIED),
    ("ProvisionedThroughputExceededException", "dynamodb", "put_item", 400,
     "ProvisionedThroughputExceededException",
     "The level of configured provisioned throughput for the table was exceeded. Consider "
     "increasing your provisioning level with the UpdateTable API.", C.QUOTA_EXCEEDED),
    ("ResourceNotFoundException", "dynamodb", "put_item", 400, "ResourceNotFoundException",
     "Requested resource not found", C.SCHEMA_MISMATCH),
    ("ConditionalCheckFailedException", "dynamodb", "put_item", 400,
     "ConditionalCheckFailedException", "The conditional request failed", C.DATA_DUPLICATION),
    ("TransactionConflictException", "dynamodb", "put_item", 400, "TransactionConflictException",
     "Transaction is ongoing for the item", C.RESOURCE_LOCKED),
    ("ValidationException", "dynamodb", "put_item", 400, "ValidationException",
     "One or more parameter values were invalid: Missing the key order_id in the item",
     C.CODE_DEFECT),
]  # fmt: skip

CALLS: dict[str, dict[str, Any]] = {
    "get_object": {"Bucket": "dm-landing", "Key": "orders/2024-03-31.csv"},
    "head_object": {"Bucket": "dm-landing", "Key": "orders/2024-03-31.csv"},
    "copy_object": {
        "Bucket": "dm-curated",
        "Key": "orders/2024-03-31.csv",
        "CopySource": "dm-landing/orders/2024-03-31.csv",
    },
    "put_object": {"Bucket": "dm-curated", "Key": "orders/part-0000.parquet", "Body": b"PAR1"},
    "list_objects_v2": {"Bucket": "dm-landing", "Prefix": "orders/"},
    "get_caller_identity": {},
    "assume_role": {
        "RoleArn": "arn:aws:iam::123456789012:role/warehouse-loader",
        "RoleSessionName": "datamorph",
    },
    "get_table": {"DatabaseName": "analytics", "Name": "orders_v2"},
    "start_job_run": {"JobName": "nightly-orders-load"},
    "put_item": {"TableName": "orders", "Item": {"order_id": {"S": "1001"}}},
}
NO_RETRIES = Config(retries={"total_max_attempts": 1}, connect_timeout=1, read_timeout=0.3)


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Stub:
    """Answers every request with `answer` (one trigger at a time)."""

    def __init__(self) -> None:
        self.answer = Answer(500, b"")
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # answers botocore's `Expect: 100-continue` at once

            def _reply(self) -> None:
                self.rfile.read(int(self.headers.get("content-length") or 0))
                answer = owner.answer
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(answer.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer.body)

            do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _reply

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"


@contextlib.contextmanager
def stub() -> Iterator[Stub]:
    server = Stub()
    with serving(server.httpd):
        yield server


@contextlib.contextmanager
def isolated_aws_environment() -> Iterator[None]:
    """No credentials, config files, profiles or instance metadata from this machine."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("AWS_")}
    for name in saved:
        del os.environ[name]
    os.environ.update(
        AWS_CONFIG_FILE="/nonexistent/aws/config",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent/aws/credentials",
        AWS_EC2_METADATA_DISABLED="true",
    )
    try:
        yield
    finally:
        for name in [k for k in os.environ if k.startswith("AWS_")]:
            del os.environ[name]
        os.environ.update(saved)


_SESSION: list[botocore.session.Session] = []


def client(service: str, endpoint: str, *, credentials: bool = True, **options: Any) -> Any:
    """A client with fixed fake keys (none with `credentials=False`), retries off. One shared
    session: creating sessions costs a quarter second each (the service models load)."""
    if "profile" in options or not credentials:  # resolved afresh, in the caller's environment
        session = botocore.session.Session(profile=options.get("profile"))
    else:
        if not _SESSION:
            _SESSION.append(botocore.session.Session())
        session = _SESSION[0]
    keys = (
        {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "wJalrXUtnFEMI/K7"}
        if credentials
        else {}
    )
    return session.create_client(
        service,
        region_name=options.get("region", "us-east-1"),
        endpoint_url=endpoint,
        config=NO_RETRIES,
        **keys,
    )


@functools.cache
def cached_client(service: str, endpoint: str) -> Any:
    return client(service, endpoint)


def call(service: str, operation: str, endpoint: str, **options: Any) -> Callable[[], object]:
    made = cached_client(service, endpoint) if not options else None  # others fail when made

    def attempt() -> object:
        target = made or client(service, endpoint, **options)
        return getattr(target, operation)(**CALLS[operation])

    return attempt


def aws_code(error: BaseException) -> str | None:
    response = getattr(error, "response", None)
    if isinstance(response, dict):
        code = response.get("Error", {}).get("Code")
        if code:
            return f"aws:{code}"
    return python_code(error)


def answers(recorder: Recorder) -> None:
    with stub() as server:
        for trigger, operation, status, code, message, category in S3:
            body = S3_XML.format(code=code, message=message).encode() if code else b""
            server.answer = Answer(status, body, {"content-type": "application/xml"})
            recorder.expect(f"aws.s3.{trigger}", category, call("s3", operation, server.url))
        for trigger, service, operation, status, code, message, category in OTHERS:
            server.answer = error_answer(service, status, code, message)
            recorder.expect(
                f"aws.{service}.{trigger}", category, call(service, operation, server.url)
            )


def error_answer(service: str, status: int, code: str, message: str) -> Answer:
    if service == "sts":
        body = STS_XML.format(code=code, message=message).encode()
        return Answer(status, body, {"content-type": "text/xml"})
    body = json.dumps({"__type": f"com.amazonaws.{service}#{code}", "message": message}).encode()
    return Answer(status, body, {"content-type": "application/x-amz-json-1.1"})


def client_side(recorder: Recorder) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    for operation in ("get_object", "list_objects_v2"):
        recorder.expect(
            "aws.endpoint_unreachable", C.NETWORK_TIMEOUT, call("s3", operation, closed)
        )
    with silent_server() as port:
        silent = f"http://127.0.0.1:{port}"
        for operation in ("get_object", "put_object"):
            recorder.expect("aws.read_timeout", C.NETWORK_TIMEOUT, call("s3", operation, silent))
    with isolated_aws_environment():
        for operation in ("get_object", "list_objects_v2"):
            recorder.expect(
                "aws.no_credentials",
                C.AUTHENTICATION_FAILURE,
                call("s3", operation, closed, credentials=False),
            )
        recorder.expect(
            "aws.no_region",
            C.CONFIGURATION_ERROR,
            lambda: botocore.session.Session().create_client("glue"),
        )
        for profile in ("analytics-prod", "etl"):
            recorder.expect(
                "aws.profile_not_found",
                C.CONFIGURATION_ERROR,
                call("s3", "get_object", closed, profile=profile),
            )
    for region in ("eu west 1", "us-east-1/"):
        recorder.expect(
            "aws.invalid_region",
            C.CONFIGURATION_ERROR,
            call("s3", "get_object", closed, region=region),
        )
    bad_params: list[tuple[str, dict[str, Any]]] = [
        ("get_object", {"Bucket": "dm-landing"}),
        ("put_object", {"Bucket": "dm-curated", "Key": "orders/part-0.parquet", "Body": 42}),
        ("list_objects_v2", {"Bucket": "dm-landing", "MaxKeys": "all"}),
    ]
    for operation, params in bad_params:
        recorder.expect(
            "aws.param_validation",
            C.CODE_DEFECT,
            lambda o=operation, p=params: getattr(client("s3", closed), o)(**p),
        )


def harvest() -> list[dict[str, Any]]:
    recorder = Recorder("aws", aws_code)
    started = time.perf_counter()
    answers(recorder)
    client_side(recorder)
    assert time.perf_counter() - started < 120, "the AWS harvest should take seconds"
    return recorder.finish()

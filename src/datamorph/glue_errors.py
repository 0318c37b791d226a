"""AWS's errors said as DataMorph's: one line, a hint, and never a secret.

botocore raises `ClientError` with a code for what the service refused, and its own classes
for what never reached it (no credentials, no region, no connection). Each becomes the
DataMorph error class a person acts on: configuration, not found, bad input, or a failure
worth retrying.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from datamorph.errors import (
    ConfigurationError,
    DataMorphError,
    NotFoundError,
    PipelineError,
    UsageError,
)

if TYPE_CHECKING:
    from datamorph.glue import GlueJobConfig

ENDPOINT_ENV = "DATAMORPH_AWS_ENDPOINT_URL"


@contextmanager
def aws_errors(action: str, config: GlueJobConfig) -> Iterator[None]:
    """botocore's errors, said as DataMorph's: one line and a hint."""
    try:
        yield
    except DataMorphError:
        raise
    except Exception as error:
        mapped = aws_error(error, action, config)
        if mapped is None:
            raise
        raise mapped from None


_ACCESS_HINT = ("check the credentials, and that they allow glue:GetJob, CreateJob, UpdateJob, "
                "StartJobRun, GetJobRun, s3:PutObject and iam:PassRole on the role")  # fmt: skip
# ClientError code -> (error class, message, hint); {action} {said} {bucket} are filled in
_CLIENT_ERRORS: dict[str, tuple[type[DataMorphError], str, str]] = {
    **dict.fromkeys(
        ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthFailure",
         "UnrecognizedClientException", "InvalidClientTokenId", "InvalidAccessKeyId",
         "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException"),
        (ConfigurationError, "AWS refused to {action} ({said})", _ACCESS_HINT),
    ),
    "NoSuchBucket": (NotFoundError, "S3 bucket '{bucket}' does not exist",
                     "create it first, DataMorph never does: aws s3 mb s3://{bucket}"),
    "EntityNotFoundException": (NotFoundError, "cannot {action} ({said})",
                                "deploy it first (`datamorph glue deploy`), or check --job-name"),
    **dict.fromkeys(
        ("InvalidInputException", "ValidationException", "AlreadyExistsException",
         "IdempotentParameterMismatchException"),
        (UsageError, "AWS Glue refused to {action} ({said})", "check the job options"),
    ),
    **dict.fromkeys(
        ("ResourceNumberLimitExceededException", "ServiceQuotaExceededException"),
        (ConfigurationError, "an AWS quota stops it: cannot {action} ({said})",
         "delete unused Glue jobs, or ask AWS for a higher quota"),
    ),
    "ConcurrentRunsExceededException": (PipelineError, "cannot {action}: a run is going ({said})",
                                        "wait for it to end, or raise MaxConcurrentRuns"),
}  # fmt: skip


def aws_error(error: BaseException, action: str, config: GlueJobConfig) -> DataMorphError | None:
    """The DataMorph error for a botocore error; None for anything else."""
    try:
        from botocore import exceptions as bx
    except ImportError:
        return None
    if isinstance(error, bx.ClientError):
        code, message = error_code(error) or "Unknown", clean_text(error_code(error, "Message"))
        kind, text, hint = _CLIENT_ERRORS.get(
            code, (PipelineError, "AWS failed to {action} ({said})", "try again later")
        )
        said = f"{code}: {message}" if message else code
        fill = {"action": action, "said": said, "bucket": config.bucket}
        return kind(text.format(**fill), hint=hint.format(**fill))
    if isinstance(error, bx.NoCredentialsError | bx.PartialCredentialsError):
        hint = "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE"
        return ConfigurationError(f"no AWS credentials to {action}", hint=hint)
    if isinstance(error, bx.NoRegionError):
        return ConfigurationError("no AWS region", hint="give --region or set AWS_REGION")
    if isinstance(error, bx.ProfileNotFound):
        return ConfigurationError(clean_text(str(error)), hint="check AWS_PROFILE")
    if isinstance(error, bx.ConnectionError | bx.ConnectionClosedError):
        where = shown_url(config.endpoint_url) if config.endpoint_url else "AWS"
        hint = f"check --endpoint-url ({ENDPOINT_ENV}), the region and the network"
        return ConfigurationError(f"cannot reach {where} to {action}", hint=hint)
    if isinstance(error, bx.BotoCoreError):
        return PipelineError(f"AWS call failed to {action}: {clean_text(str(error))}")
    return None


def error_code(error: BaseException, field: str = "Code") -> str:
    response = getattr(error, "response", None)
    value = response.get("Error", {}).get(field) if isinstance(response, dict) else None
    return str(value or "")


def clean_text(text: str | None, limit: int = 120) -> str:
    """AWS's text on one line: no HTML (an emulator's 500 page), no secret, at most `limit`."""
    text = " ".join(re.sub(r"<[^>]*>", " ", text or "").split())
    for name in ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        secret = os.environ.get(name, "")
        if len(secret) >= 8:
            text = text.replace(secret, "****")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_url(url: str) -> str:
    """A URL without the user:password@ some S3-compatible stores take in it."""
    return re.sub(r"//[^/@\s]*@", "//****@", url)

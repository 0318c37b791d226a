"""One retry policy for every provider, and the mapping of SDK errors onto ours.

The SDKs' own retries are switched off (`max_retries=0`) so this is the only policy:
capped exponential backoff with full jitter on 429, 408, 5xx (529 overloaded included),
connection errors and timeouts; a `retry-after` header, when present, sets the wait (capped).
Never on 400/401/403/404: those will fail the same way again. Both SDKs (Stainless-generated)
raise status errors with `status_code` and `response.headers`, and connection errors without.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from datamorph.llm.base import (
    LLMAuthenticationError,
    LLMConfigurationError,
    LLMError,
    LLMRetryableError,
)
from datamorph.llm.jsonextract import excerpt
from datamorph.llm.network import NetworkDisabledError

T = TypeVar("T")

AUTH_STATUSES = frozenset({401, 403})
RETRY_STATUSES = frozenset({408, 409, 429})  # plus every status >= 500 (529 = overloaded)


@dataclass(frozen=True)
class SdkErrors:
    """The exception classes of one SDK: HTTP status errors, and connection errors/timeouts."""

    status: type[Exception]
    connection: type[Exception]

    @property
    def any(self) -> tuple[type[Exception], ...]:
        return (self.status, self.connection)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # total tries, the first included
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 60.0  # a server asking for longer is not waited for longer
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    random: Callable[[], float] = field(default=random.random, compare=False)

    def backoff(self, retry: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `retry` (1-based)."""
        if retry_after is not None and retry_after >= 0:
            return min(retry_after, self.max_retry_after)
        ceiling = min(self.max_delay, self.base_delay * 2 ** (retry - 1))
        return self.random() * ceiling  # full jitter


def status_of(exc: BaseException) -> int | None:
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


def is_retryable(exc: BaseException, errors: SdkErrors) -> bool:
    if isinstance(exc, errors.connection):
        return True
    status = status_of(exc)
    return status is not None and (status in RETRY_STATUSES or status >= 500)


def retry_after_seconds(headers: Mapping[str, str] | None) -> float | None:
    """`retry-after-ms`, then `retry-after` as seconds or as an HTTP date; None when absent."""
    if not headers:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            pass
        parsed = email.utils.parsedate_tz(value)
        if parsed is not None:
            return max(0.0, float(email.utils.mktime_tz(parsed) - time.time()))
    return None


def _headers(exc: BaseException) -> Mapping[str, str] | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    return headers if isinstance(headers, Mapping) else None


def call_with_retries(
    call: Callable[[], T], *, policy: RetryPolicy, errors: SdkErrors, provider: str
) -> T:
    """`call()`, retried on transient failures; `LLMRetryableError` once the attempts are spent.

    Anything not retryable (400, 401, 404, ...) propagates unchanged for `to_llm_error`.
    """
    attempts = max(1, policy.attempts)
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except errors.any as exc:
            refusal = network_refusal(exc)
            if refusal is not None:
                raise refusal from exc
            if not is_retryable(exc, errors):
                raise
            if attempt == attempts:
                raise gave_up(exc, provider=provider, attempts=attempts) from exc
            policy.sleep(policy.backoff(attempt, retry_after_seconds(_headers(exc))))
    raise AssertionError("unreachable")  # pragma: no cover


def network_refusal(exc: BaseException) -> NetworkDisabledError | None:
    """The socket guard's refusal, when the SDK wrapped it into a connection error."""
    cause: BaseException | None = exc
    for _ in range(20):  # exception chains can loop
        if cause is None or isinstance(cause, NetworkDisabledError):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


def gave_up(exc: BaseException, *, provider: str, attempts: int) -> LLMRetryableError:
    status = status_of(exc)
    what = f"HTTP {status}" if status is not None else type(exc).__name__
    return LLMRetryableError(
        f"{provider} still failing after {attempts} attempts ({what}): {describe(exc)}",
        status=status,
    )


def describe(exc: BaseException) -> str:
    """The server's own message when it sent one, else the exception's; one short line."""
    message = getattr(exc, "api_message", None) or _body_message(exc) or str(exc)
    return excerpt(str(message), 240)


def _body_message(exc: BaseException) -> str | None:
    body: Any = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return str(inner["message"])
        if isinstance(body.get("message"), str):  # AWS (Bedrock) error shape
            return str(body["message"])
    return None


def to_llm_error(
    exc: BaseException, *, provider: str, key_hint: str
) -> LLMError | LLMConfigurationError:
    """The DataMorph error for an SDK error that was not (or no longer) worth retrying."""
    status = status_of(exc)
    if status in AUTH_STATUSES:
        return LLMAuthenticationError(
            f"{provider} rejected the credentials (HTTP {status}): {describe(exc)}", hint=key_hint
        )
    if status == 404:
        return LLMConfigurationError(
            f"{provider}: not found (HTTP 404): {describe(exc)}",
            hint="check the model name and the base URL",
        )
    if status is None or status >= 500 or status in RETRY_STATUSES:
        return gave_up(exc, provider=provider, attempts=1)
    return LLMError(
        f"{provider} refused the request (HTTP {status}): {describe(exc)}",
        hint="the request is invalid for this model; check the model name and max_tokens",
    )

"""One small protocol for every model: messages in, text (or JSON) out, usage reported.

Providers (Anthropic, Bedrock, OpenAI-compatible) implement `LLM`. Callers never see an SDK:
they get `Completion`s, and errors split by what to do about them (pydantic-ai's idea):
- `LLMRetryableError`: rate limits, overload, 5xx, timeouts; the provider already retried with
  capped exponential backoff and jitter, and gave up.
- `LLMResponseError`: the model answered, but not with what was asked (no JSON, wrong shape).
- `LLMBudgetExceeded`: the run's budget of calls, tokens or seconds is spent.
- `LLMConfigurationError`: a usage error (unknown provider, missing key); nothing was sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from datamorph.errors import ConfigurationError, PipelineError
from datamorph.redact import redact


@dataclass(frozen=True)
class Message:
    role: Literal["user", "assistant"]
    content: str


@dataclass
class Usage:
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    seconds: float = 0.0
    cost_usd: float = 0.0

    @property
    def tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.seconds += other.seconds
        self.cost_usd += other.cost_usd

    def as_dict(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "seconds": round(self.seconds, 3),
            "cost_usd": round(self.cost_usd, 6),
        }


@dataclass
class Completion:
    text: str
    provider: str
    model: str
    usage: Usage
    data: Any = None  # the parsed JSON when a schema was asked for
    stop_reason: str | None = None


class LLMError(PipelineError):
    """A model call failed."""


class LLMRetryableError(LLMError):
    """Rate limit, overload, server error or timeout that outlived the retries."""

    def __init__(self, message: str, *, status: int | None = None, hint: str | None = None):
        super().__init__(message, hint=hint or "try again later, or configure a fallback model")
        self.status = status


class LLMResponseError(LLMError):
    """The model's answer is not what was asked for (no JSON, wrong shape)."""


class LLMBudgetExceeded(LLMError):
    """The run's budget of calls, tokens or seconds is spent."""


class LLMConfigurationError(ConfigurationError):
    """The model cannot be reached as configured (unknown provider, missing key or URL)."""


class LLMAuthenticationError(LLMConfigurationError):
    """The provider rejected the credentials (401/403) during a run.

    Bad input before a run starts, but during one it may be a rotated or expired key: the
    monitor takes it on (`monitored`) and may re-read the credentials.
    """

    monitored = True


@dataclass
class Budget:
    """Per-run limits; every completion is charged, and a spent budget stops the next call."""

    max_calls: int = 20
    max_tokens: int = 200_000
    max_seconds: float = 300.0
    spent: Usage = field(default_factory=Usage)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def check(self) -> None:
        """Raise before a call when nothing is left to spend."""
        with self._lock:
            reason = self._exhausted()
        if reason:
            raise LLMBudgetExceeded(
                f"LLM budget exhausted: {reason}",
                hint="raise the budget (DATAMORPH_LLM_MAX_CALLS / _TOKENS / _SECONDS) or simplify",
            )

    def charge(self, usage: Usage) -> None:
        with self._lock:
            self.spent.add(usage)

    def _exhausted(self) -> str | None:
        if self.spent.calls >= self.max_calls:
            return f"{self.spent.calls} of {self.max_calls} calls used"
        if self.spent.tokens >= self.max_tokens:
            return f"{self.spent.tokens} of {self.max_tokens} tokens used"
        if self.spent.seconds >= self.max_seconds:
            return f"{self.spent.seconds:.0f} of {self.max_seconds:.0f} seconds used"
        return None


@runtime_checkable
class LLM(Protocol):
    provider: str
    model: str
    budget: Budget

    def complete(
        self,
        messages: Sequence[Message],
        *,
        system: str | None = None,
        json_schema: dict[str, Any] | None = None,
        schema_name: str = "output",
        temperature: float = 0.0,
        max_tokens: int = 4096,
    ) -> Completion:
        """One answer. With `json_schema`, `Completion.data` holds the parsed JSON object
        (tool use or a JSON-schema response format where the provider has one, robust
        extraction from text where it does not); otherwise `LLMResponseError`."""
        ...


def outgoing(messages: Sequence[Message], system: str | None) -> tuple[list[Message], str | None]:
    """What a provider is sent, secrets masked: an error being healed, an ingested log line or
    a request may quote a key or a password, and a provider keeps what it is sent."""
    cleaned = [Message(m.role, redact(m.content)) for m in messages]
    return cleaned, redact(system) if system else system


def elapsed_since(start: float) -> float:
    return time.perf_counter() - start

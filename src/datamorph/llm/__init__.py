"""Language models behind one protocol: `get_llm("anthropic:claude-sonnet-5-5")` or None."""

from datamorph.llm.base import (
    LLM,
    Budget,
    Completion,
    LLMBudgetExceeded,
    LLMConfigurationError,
    LLMError,
    LLMResponseError,
    LLMRetryableError,
    Message,
    Usage,
)
from datamorph.llm.network import NetworkDisabledError, forbid_network, network_forbidden
from datamorph.llm.registry import LLM_ENV, PROVIDERS, get_llm, parse_spec

__all__ = [
    "LLM",
    "LLM_ENV",
    "PROVIDERS",
    "Budget",
    "Completion",
    "LLMBudgetExceeded",
    "LLMConfigurationError",
    "LLMError",
    "LLMResponseError",
    "LLMRetryableError",
    "Message",
    "NetworkDisabledError",
    "Usage",
    "forbid_network",
    "get_llm",
    "network_forbidden",
    "parse_spec",
]

"""Approximate list prices, to put a dollar figure on a run's model usage.

USD per million tokens (input, output), from the providers' public price lists; they change,
so treat `cost_usd` as an estimate. A model not in the table (a local Ollama/vLLM model, or a
model released after this table) costs 0 here: unknown, not free. `price_known` says which.
"""

from __future__ import annotations

import re

from datamorph.llm.base import Usage

# (input, output) USD per 1M tokens
PRICES: dict[str, tuple[float, float]] = {
    # Anthropic (platform.claude.com model pages)
    "claude-fable-5-1": (10.0, 50.0),
    "claude-opus-5-5": (4.0, 20.0),
    "claude-opus-5": (5.0, 25.0),
    "claude-opus-4-8": (5.0, 25.0),
    "claude-opus-4-7": (5.0, 25.0),
    "claude-opus-4-6": (5.0, 25.0),
    "claude-opus-4-5": (5.0, 25.0),
    "claude-opus-4-1": (15.0, 75.0),
    "claude-opus-4-0": (15.0, 75.0),
    "claude-opus-4": (15.0, 75.0),
    "claude-sonnet-5-5": (2.0, 10.0),
    "claude-sonnet-5": (2.0, 10.0),
    "claude-sonnet-4-6": (3.0, 15.0),
    "claude-sonnet-4-5": (3.0, 15.0),
    "claude-sonnet-4-0": (3.0, 15.0),
    "claude-sonnet-4": (3.0, 15.0),
    "claude-3-7-sonnet": (3.0, 15.0),
    "claude-3-5-sonnet": (3.0, 15.0),
    "claude-haiku-4-5": (1.0, 5.0),
    "claude-3-5-haiku": (0.8, 4.0),
    "claude-3-haiku": (0.25, 1.25),
    # OpenAI (the 5.x rows as reported by third parties; verify before relying on them)
    "gpt-5.5": (5.0, 30.0),
    "gpt-5.4": (2.5, 15.0),
    "gpt-5.4-mini": (0.75, 4.5),
    "gpt-5": (1.25, 10.0),
    "gpt-5-mini": (0.25, 2.0),
    "gpt-5-nano": (0.05, 0.4),
    "gpt-4.1": (2.0, 8.0),
    "gpt-4.1-mini": (0.4, 1.6),
    "gpt-4.1-nano": (0.1, 0.4),
    "gpt-4o": (2.5, 10.0),
    "gpt-4o-mini": (0.15, 0.6),
    "o3": (2.0, 8.0),
    "o3-mini": (1.1, 4.4),
    "o4-mini": (1.1, 4.4),
}

# Bedrock ids ("us.anthropic.claude-sonnet-4-5-20250929-v1:0") and dated snapshots
# ("gpt-4o-mini-2024-07-18", "claude-3-5-haiku-20241022", "-latest") name the same models.
_REGION_PREFIX = re.compile(r"^(?:[a-z]{2,4}\.)?anthropic\.")
_SUFFIXES = re.compile(r"(?:-v\d+(?::\d+)?|-\d{8}|-\d{4}-\d{2}-\d{2}|-latest)+$")


def normalize_model(model: str) -> str:
    name = model.strip().lower().rsplit("/", 1)[-1]
    name = _REGION_PREFIX.sub("", name)
    return _SUFFIXES.sub("", name)


def price_known(model: str) -> bool:
    return normalize_model(model) in PRICES


def cost_usd(model: str, input_tokens: int, output_tokens: int) -> float:
    """Estimated cost of one call; 0.0 for a model not in the table (unknown price)."""
    price_in, price_out = PRICES.get(normalize_model(model), (0.0, 0.0))
    return (input_tokens * price_in + output_tokens * price_out) / 1_000_000


def usage_for(model: str, input_tokens: int, output_tokens: int, seconds: float) -> Usage:
    """The `Usage` of one completion, priced."""
    return Usage(
        calls=1,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        seconds=seconds,
        cost_usd=cost_usd(model, input_tokens, output_tokens),
    )

"""Choosing the model: `provider:model` from `--llm` or `DATAMORPH_LLM`, or none at all.

No spec means no LLM: callers fall back to the offline planner and fixers, never to a fake.
Providers import their SDK only when chosen, so `import datamorph` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from datamorph.errors import did_you_mean
from datamorph.llm.base import LLM, Budget, LLMConfigurationError

LLM_ENV = "DATAMORPH_LLM"
BUDGET_ENV = {
    "max_calls": "DATAMORPH_LLM_MAX_CALLS",
    "max_tokens": "DATAMORPH_LLM_MAX_TOKENS",
    "max_seconds": "DATAMORPH_LLM_MAX_SECONDS",
}
EXAMPLES = "anthropic:claude-sonnet-5-5, openai:gpt-4o-mini, bedrock:<model id>"

Factory = Callable[[str, Budget], LLM]


def _anthropic(model: str, budget: Budget) -> LLM:
    from datamorph.llm.anthropic import AnthropicLLM

    return AnthropicLLM(model, budget)


def _bedrock(model: str, budget: Budget) -> LLM:
    from datamorph.llm.anthropic import BedrockLLM

    return BedrockLLM(model, budget)


def _openai(model: str, budget: Budget) -> LLM:
    from datamorph.llm.openai import OpenAILLM

    return OpenAILLM(model, budget)


PROVIDERS: dict[str, Factory] = {
    "anthropic": _anthropic,
    "bedrock": _bedrock,
    "openai": _openai,
}


def parse_spec(spec: str) -> tuple[str, str]:
    """`"anthropic:claude-sonnet-5-5"` -> `("anthropic", "claude-sonnet-5-5")`.

    Only the first ':' separates: Bedrock model ids contain one (`...-v1:0`).
    """
    provider, sep, model = spec.strip().partition(":")
    provider, model = provider.strip().lower(), model.strip()
    if not sep or not provider or not model:
        raise LLMConfigurationError(
            f"LLM spec {spec!r} is not provider:model",
            hint=f"write it as provider:model, e.g. {EXAMPLES}",
        )
    if provider not in PROVIDERS:
        guess = did_you_mean(provider, PROVIDERS)
        hint = f"did you mean '{guess}'?" if guess else "choose one of: " + ", ".join(PROVIDERS)
        raise LLMConfigurationError(f"unknown LLM provider '{provider}'", hint=hint)
    return provider, model


def budget_from_env(env: Mapping[str, str] | None = None) -> Budget:
    """A `Budget` with the defaults, overridden by the configuration (`llm_max_calls`... in a
    config file, DATAMORPH_LLM_MAX_CALLS / _TOKENS / _SECONDS), or only by `env` when given."""
    budget = Budget()
    if env is None:
        from datamorph.config import llm_budget
        from datamorph.errors import ConfigurationError

        try:
            limits = llm_budget()
        except ConfigurationError as error:  # callers tell a model they cannot use by this type
            raise LLMConfigurationError(error.message, hint=error.hint) from None
        for field_name, value in limits.items():
            setattr(budget, field_name, value)
        return budget
    for field_name, var in BUDGET_ENV.items():
        raw = env.get(var, "").strip()
        if raw:
            setattr(
                budget, field_name, _positive_number(var, raw, integer=field_name != "max_seconds")
            )
    return budget


def _positive_number(var: str, raw: str, *, integer: bool) -> float:
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        value = -1
    if value < 0:
        kind = "a whole number" if integer else "a number of seconds"
        raise LLMConfigurationError(
            f"{var}={raw!r} is not {kind}", hint=f"set {var} to {kind} >= 0"
        )
    return value


def get_llm(spec: str | None = None, *, budget: Budget | None = None) -> LLM | None:
    """The configured model, or None when none is (spec and DATAMORPH_LLM both unset/empty)."""
    if spec is None:
        from datamorph.config import llm_spec

        spec = llm_spec() or ""
    if not spec.strip():
        return None
    provider, model = parse_spec(spec)
    return PROVIDERS[provider](model, budget if budget is not None else budget_from_env())

"""The pure helpers: JSON extraction from free text, retry timing, pricing."""

from __future__ import annotations

from typing import Any

import pytest

from datamorph.llm import LLMResponseError
from datamorph.llm.jsonextract import extract_json, strip_trailing_commas
from datamorph.llm.pricing import cost_usd, normalize_model, price_known
from datamorph.llm.retry import RetryPolicy, retry_after_seconds


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ('```json\n{"a": [1, 2,],}\n```', {"a": [1, 2]}),
        ('```\n{"a": 1}\n```', {"a": 1}),
        ('Plan: {"a": "x}y", "b": {"c": 2}} -- done', {"a": "x}y", "b": {"c": 2}}),
        ('{not json} then {"a": "comma, inside",}', {"a": "comma, inside"}),
        ('```python\nprint(1)\n```\n```json\n{"a": 2}\n```', {"a": 2}),
        ('He said "{" and then {"a": "\\"q\\""}', {"a": '"q"'}),
    ],
)
def test_extract_json(answer: str, expected: dict[str, Any]) -> None:
    assert extract_json(answer) == expected


def test_extract_json_failure_has_excerpt() -> None:
    with pytest.raises(LLMResponseError, match="no JSON object") as caught:
        extract_json("I think the answer is [1, 2, 3] " + "blah " * 100)
    assert "I think the answer" in caught.value.message
    assert len(caught.value.message) < 250


def test_strip_trailing_commas_leaves_strings_alone() -> None:
    assert strip_trailing_commas('{"a": ",}", "b": [1,],}') == '{"a": ",}", "b": [1]}'


def test_backoff_is_capped_full_jitter() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=8.0, random=lambda: 1.0)
    assert [policy.backoff(n) for n in range(1, 7)] == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert RetryPolicy(random=lambda: 0.25).backoff(3, None) == 1.0
    assert RetryPolicy(max_retry_after=10).backoff(1, retry_after=120) == 10


def test_retry_after_forms() -> None:
    assert retry_after_seconds({"retry-after": "3"}) == 3.0
    assert retry_after_seconds({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert retry_after_seconds({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None


def test_pricing_names() -> None:
    assert normalize_model("us.anthropic.claude-sonnet-4-5-20250929-v1:0") == "claude-sonnet-4-5"
    assert normalize_model("gpt-4o-mini-2024-07-18") == "gpt-4o-mini"
    assert normalize_model("claude-sonnet-5-5") == "claude-sonnet-5-5"
    assert cost_usd("claude-sonnet-4-5", 1_000_000, 1_000_000) == pytest.approx(18.0)
    assert cost_usd("claude-sonnet-5-5", 1_000_000, 0) == pytest.approx(2.0)
    assert price_known("gpt-4o") and not price_known("llama3.1")
    assert cost_usd("llama3.1", 10_000, 10_000) == 0.0

"""Getting one JSON object out of a model's text, however it was wrapped.

Models without a structured-output mode answer with prose, a ```json fence, or a bare object,
sometimes with trailing commas. `extract_json` tries, in order: the whole text, each fenced
block, then each balanced `{...}` in the prose; the first that parses as an object wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from datamorph.llm.base import LLMResponseError

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[ \t]*\r?\n(.*?)```", re.DOTALL)
_NAME_CHARS = re.compile(r"[^A-Za-z0-9_-]+")
WRAPPED_KEY = "result"


def extract_json(text: str) -> dict[str, Any]:
    """The first JSON object in `text`; `LLMResponseError` with an excerpt when there is none."""
    for candidate in _candidates(text):
        parsed = _parse_object(candidate)
        if parsed is not None:
            return parsed
    raise LLMResponseError(
        f"no JSON object in the model's answer: {excerpt(text)!r}",
        hint="the model did not follow the requested format; retry or use a stronger model",
    )


def excerpt(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _candidates(text: str) -> Iterator[str]:
    yield text.strip()
    fences = list(_FENCE.finditer(text))
    # ```json fences first, then any other fence
    for match in sorted(fences, key=lambda m: m.group(1).lower() != "json"):
        yield match.group(2).strip()
    yield from _balanced_objects(text)


def _parse_object(candidate: str) -> dict[str, Any] | None:
    if not candidate.startswith("{"):
        return None
    for variant in (candidate, strip_trailing_commas(candidate)):
        try:
            value = json.loads(variant)
        except ValueError:
            continue
        return value if isinstance(value, dict) else None
    return None


def _balanced_objects(text: str) -> Iterator[str]:
    """Every `{...}` whose braces balance (ignoring braces inside strings), left to right."""
    start = text.find("{")
    while start != -1:
        end = _matching_brace(text, start)
        if end is not None:
            yield text[start : end + 1]
        start = text.find("{", start + 1)


def _matching_brace(text: str, start: int) -> int | None:
    depth = 0
    in_string = escaped = False
    for index in range(start, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
    return None


def strip_trailing_commas(text: str) -> str:
    """Drop commas that directly precede `}` or `]` (outside strings): `{"a": 1,}` -> `{"a": 1}`."""
    out: list[str] = []
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "," and _next_significant(text, index + 1) in ("}", "]"):
            continue
        out.append(char)
    return "".join(out)


def _next_significant(text: str, index: int) -> str:
    while index < len(text) and text[index].isspace():
        index += 1
    return text[index] if index < len(text) else ""


# --- schemas --------------------------------------------------------------------------


def schema_name(name: str) -> str:
    """A tool / response-format name the APIs accept: ^[A-Za-z0-9_-]{1,64}$."""
    return _NAME_CHARS.sub("_", name).strip("_")[:64] or "output"


def object_schema(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Tool inputs and strict response formats must be objects; wrap anything else.

    Returns the schema to send and whether the answer must be unwrapped with `unwrap`.
    """
    if schema.get("type") == "object":
        return schema, False
    wrapped = {"type": "object", "properties": {WRAPPED_KEY: schema}, "required": [WRAPPED_KEY]}
    return wrapped, True


def unwrap(data: dict[str, Any], wrapped: bool) -> Any:
    if not wrapped:
        return data
    if WRAPPED_KEY not in data:
        raise LLMResponseError(
            f"the model's JSON lacks the '{WRAPPED_KEY}' key: {excerpt(str(data))}"
        )
    return data[WRAPPED_KEY]

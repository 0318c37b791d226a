"""SQL written by a model from the spec (`--codegen llm`), as the original Glue Executor did.

The model gets the spec, the schemas of the tables it reads and (unless `samples=False`) three
sample rows per table, and answers `{"code": "..."}`. The code is checked statically
(`static_check`: one SELECT, known tables and columns) before it may run; on problems the model
gets one correction round with every problem listed: two attempts in all, as the original. Code
that still has problems raises `CodegenError` (a `PipelineError`) carrying the trace.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from datamorph.catalog import Catalog
from datamorph.codegen.static import static_check
from datamorph.errors import PipelineError
from datamorph.llm.base import LLM, LLMResponseError, Message
from datamorph.llm.jsonextract import excerpt, extract_json
from datamorph.planning.context import render_table
from datamorph.spec import Spec

MAX_ATTEMPTS = 2
SCHEMA_NAME = "sql_code"
CODE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"code": {"type": "string", "description": "one SELECT statement"}},
    "required": ["code"],
}
RULES = """\
You write SQL for an ETL pipeline from its spec. Answer with one JSON object {{"code": "..."}}
holding exactly ONE {dialect} SELECT statement (WITH ... SELECT is fine): no DDL, no INSERT, no
';'. STRICTLY use the exact table and column names from the schemas given: do not invent or
assume names. Apply every join, filter, transformation, grouping, aggregation, having, order and
limit of the spec; the output columns are named and ordered as the spec says (the columns, or
else the group_by columns then the aggregations). Qualify every column with its table alias."""
_FENCE = re.compile(r"^```[A-Za-z]*\s*\n?(.*?)\n?```$", re.DOTALL)


class CodegenError(PipelineError):
    """The model's SQL still had problems after the correction round."""

    def __init__(self, message: str, *, trace: dict[str, Any], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.trace = trace


def generate_sql(
    llm: LLM, spec: Spec, catalog: Catalog, dialect: str, *, samples: bool = True
) -> tuple[str, dict[str, Any]]:
    """The model's SQL for `spec`, statically clean, and the trace (attempts, problems)."""
    trace: dict[str, Any] = {"dialect": dialect, "samples": samples, "attempts": []}
    messages = [Message("user", describe(spec, catalog, samples=samples))]
    problems: list[str] = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        started = time.perf_counter()
        code, answer, problems = _ask(llm, messages, catalog, dialect)
        trace["attempts"].append(
            {
                "attempt": attempt,
                "code": code,
                "problems": problems,
                "seconds": round(time.perf_counter() - started, 4),
            }
        )
        if not problems:
            return code, trace
        messages += [Message("assistant", answer), Message("user", correction(problems))]
    raise CodegenError(
        f"the model's SQL still has problems after {MAX_ATTEMPTS} attempts: " + "; ".join(problems),
        trace=trace,
        hint="run with --codegen compiler, or pass your own SQL with --code FILE",
    )


def _ask(
    llm: LLM, messages: list[Message], catalog: Catalog, dialect: str
) -> tuple[str, str, list[str]]:
    """(code, the answer as sent back to the model, problems)."""
    try:
        completion = llm.complete(
            messages,
            system=RULES.format(dialect=dialect),
            json_schema=CODE_SCHEMA,
            schema_name=SCHEMA_NAME,
            temperature=0.0,
        )
    except LLMResponseError as error:  # an answer, but not the JSON asked for
        return "", error.message, [f"the answer was not the JSON object asked for: {error.message}"]
    try:
        data = completion.data if isinstance(completion.data, dict) else None
        data = data if data is not None else extract_json(completion.text)
    except LLMResponseError as error:
        return "", completion.text, [error.message]
    raw = data.get("code")
    if not isinstance(raw, str) or not raw.strip():
        return "", completion.text, [f'no "code" string in the answer: {excerpt(str(data))}']
    code = clean_code(raw)
    answer = completion.text or json.dumps({"code": raw})
    return code, answer, static_check(code, catalog, dialect)


def clean_code(raw: str) -> str:
    """Drop a Markdown fence and trailing semicolons around the SQL."""
    code = raw.strip()
    fenced = _FENCE.match(code)
    if fenced:
        code = fenced.group(1).strip()
    return code.rstrip().rstrip(";").rstrip() + "\n"


def describe(spec: Spec, catalog: Catalog, *, samples: bool = True) -> str:
    """The generation prompt: the spec, the schemas it reads, and sample rows unless refused."""
    heading = "Source table schemas (USE EXACT COLUMN NAMES)"
    heading += ", with sample rows:" if samples else ":"
    return "\n\n".join(
        [
            "ETL spec:\n" + spec.to_json(),
            heading + "\n" + table_schemas(spec, catalog, samples=samples),
            "Write the SQL.",
        ]
    )


def table_schemas(spec: Spec, catalog: Catalog, *, samples: bool = False) -> str:
    names = [t.name for t in spec.source_tables]
    names += [t.name for step in spec.steps for t in step.source_tables]
    seen: dict[str, None] = {}
    for name in names:
        if catalog.has_table(name):
            seen.setdefault(catalog.table(name).name, None)
    blocks = []
    for name in seen:
        table = catalog.table(name)
        blocks.append(render_table(table, list(table.columns), samples))
    return "\n".join(blocks) or "(no catalog table matches the spec's source tables)"


def correction(problems: list[str]) -> str:
    listed = "\n".join(f"- {p}" for p in problems)
    return (
        "That SQL does not pass the static checks:\n"
        f"{listed}\n"
        'Fix every problem and answer with the corrected JSON object {"code": "..."} only.'
    )

"""The LLM fixer: the original Remediator's prompt as a `Fixer`, tried before the offline ones.

The model gets the failure (kind, message, failed checks), the code, the spec and the schemas of
the tables involved, and answers the original's JSON: `root_cause_analysis`, `changes_made`,
`corrected_code` (temperature 0.2). Its code must pass `static_check` (one SELECT, known tables
and columns) to count; a junk answer, a model error or code with problems is `None`, so the
offline fixers of the chain still get their turn. Only the code changes, never the checks.
"""

from __future__ import annotations

import json
from typing import Any

from datamorph.codegen.llm import clean_code, table_schemas
from datamorph.codegen.static import static_check
from datamorph.errors import ConfigurationError
from datamorph.healing.fix import Fix, Fixer, FixRequest
from datamorph.healing.remediate import Remediator
from datamorph.llm.base import LLM, LLMError, Message
from datamorph.llm.jsonextract import excerpt, extract_json

NAME = "llm"
TEMPERATURE = 0.2  # low, for deterministic fixes (as the original)
MAX_MESSAGE_CHARS = 2_000
FIX_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "root_cause_analysis": {"type": "string"},
        "changes_made": {"type": "array", "items": {"type": "string"}},
        "corrected_code": {"type": "string", "description": "one complete SELECT statement"},
    },
    "required": ["root_cause_analysis", "changes_made", "corrected_code"],
}
SYSTEM = """\
You are an expert ETL debugger. A {dialect} SQL query written for a pipeline spec failed: the
engine raised an error, or the output failed validation checks derived from the spec. Find the
root cause and correct the code; the spec and the checks are right and cannot change. Keep what
works: change as little as you can. STRICTLY use the exact table and column names from the
schemas given. The corrected code is exactly ONE SELECT statement (WITH ... SELECT is fine), no
';'. Answer with one JSON object: {{"root_cause_analysis": "...", "changes_made": ["..."],
"corrected_code": "..."}} and nothing else."""


PYSPARK_SYSTEM = """\
You are an expert ETL debugger. A PySpark script written for a pipeline spec failed: Spark
raised an error, or the output failed validation checks derived from the spec. Find the root
cause and correct the script; the spec and the checks are right and cannot change. Keep what
works: change as little as you can. STRICTLY use the exact table and column names from the
schemas given. The corrected code is the WHOLE script: the same imports, a function
`build(spark)` that returns the result DataFrame (DataFrame API and pyspark.sql.functions
only; read tables with spark.table), and `main()` writing it. Answer with one JSON object:
{"root_cause_analysis": "...", "changes_made": ["..."], "corrected_code": "..."} and nothing
else."""


def _problems(code: str, request: FixRequest) -> list[str]:
    if request.language == "pyspark":
        from datamorph.engines.spark_python import script_problems

        return script_problems(code)
    return static_check(code, request.catalog, request.dialect)


def _system(request: FixRequest) -> str:
    if request.language == "pyspark":
        return PYSPARK_SYSTEM
    return SYSTEM.format(dialect=request.dialect)


class LLMFixer:
    """A `Fixer` that asks a model; `None` whenever its answer cannot be used."""

    name = NAME

    def __init__(self, llm: LLM) -> None:
        self.llm = llm
        self.trace: list[dict[str, Any]] = []  # every call: iteration, outcome, problems

    def fix(self, request: FixRequest) -> Fix | None:
        note: dict[str, Any] = {"iteration": request.iteration, "kind": request.failure.kind}
        self.trace.append(note)
        try:
            completion = self.llm.complete(
                [Message("user", describe(request))],
                system=_system(request),
                json_schema=FIX_SCHEMA,
                schema_name="remediation",
                temperature=TEMPERATURE,
            )
            data = completion.data if isinstance(completion.data, dict) else None
            answer = data if data is not None else extract_json(completion.text)
        except (LLMError, ConfigurationError) as error:
            note["outcome"] = f"no answer: {error.message}"
            return None
        code = answer.get("corrected_code")
        if not isinstance(code, str) or not code.strip():
            note["outcome"] = f"no corrected_code: {excerpt(json.dumps(answer, default=str))}"
            return None
        code = clean_code(code) if request.language == "sql" else _unfenced(code)
        problems = _problems(code, request)
        if problems:
            note |= {"outcome": "rejected by the static checks", "problems": problems}
            return None
        note["outcome"] = "fixed"
        changes = answer.get("changes_made")
        return Fix(
            code,
            str(answer.get("root_cause_analysis") or "not given"),
            [str(c) for c in changes] if isinstance(changes, list) else [],
            fixer=NAME,
        )


def _unfenced(code: str) -> str:
    text = code.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[-1].rsplit("```", 1)[0]
    return text.strip() + "\n"


def describe(request: FixRequest) -> str:
    """The remediation prompt: what failed, the code, the spec, the schemas, earlier tries."""
    failure = request.failure
    parts = [
        f"Failure kind: {failure.kind}",
        f"Error message:\n{failure.message[:MAX_MESSAGE_CHARS]}",
    ]
    if failure.failed_checks:
        checks = [
            {k: c.get(k) for k in ("name", "kind", "message", "expected", "observed") if k in c}
            for c in failure.failed_checks
        ]
        parts.append("Failed checks:\n" + json.dumps(checks, indent=2, default=str))
    parts += [
        f"Code that failed:\n{request.code}",
        "ETL spec:\n" + request.spec.to_json(),
        "Table schemas (USE EXACT COLUMN NAMES):\n" + table_schemas(request.spec, request.catalog),
    ]
    if request.history:
        tried = [f"- {f.fixer}: {f.root_cause_analysis}" for f in request.history[-3:]]
        parts.append("Fixes already tried that did not work:\n" + "\n".join(tried))
    return "\n\n".join(parts)


def llm_remediator(llm: LLM, *, max_iterations: int | None = None) -> Remediator:
    """The default healer when a model is configured: the LLM fixer first in every chain, then
    the offline fixers as before."""
    from datamorph.healing.fixers import FIXERS

    fixers: dict[str, Fixer] = {**FIXERS, NAME: LLMFixer(llm)}
    if max_iterations is None:
        return Remediator(fixers=fixers, first=(NAME,))
    return Remediator(max_iterations=max_iterations, fixers=fixers, first=(NAME,))

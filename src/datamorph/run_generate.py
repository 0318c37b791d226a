"""The generating step: the code a run executes, and where it came from.

The user's code (`--code`, SQL or a PySpark script, checked before it may run), the model's
SQL (`--codegen llm`), or the spec compiled: to SQL in the engine's dialect, or to a PySpark
script (`--codegen pyspark`, on Spark). Every version is stored as an artifact, one per
attempt, so a healed run keeps what it tried.
"""

from __future__ import annotations

import json
from typing import Any

from datamorph.codegen.sql import render_sql, select_from_resolved
from datamorph.errors import ConfigurationError, UsageError
from datamorph.run_guards import refuse_unsafe_code
from datamorph.run_state import Run
from datamorph.runs import RunStatus

S = RunStatus


def generate(run: Run) -> RunStatus:
    assert run.spec is not None and run.resolved is not None
    _require_python_engine(run)
    if run.reuse_code is not None:  # resumed: the interrupted attempt's code, as stored
        if run.request.code is not None:
            _refuse_unsafe(run, run.reuse_code)
        run.code, run.reuse_code = run.reuse_code, None
        run.log("generating", f"re-using the stored code of attempt {run.attempt}")
        save_code(run)  # a new attempt, with its own report: the interrupted one may have one
        return S.EXECUTING
    if run.request.code is not None:
        _refuse_unsafe(run, run.request.code)
        run.code = run.request.code
        run.log("generating", "code given by the user")
    elif llm_codegen(run):
        _generate_with_llm(run)
    elif run.language == "pyspark":
        from datamorph.codegen.pyspark import compile_pyspark

        assert run.catalog is not None
        run.code = compile_pyspark(run.spec, run.catalog, functions=_compile_functions(run))
    else:
        tree = select_from_resolved(run.spec, run.resolved)
        run.code = render_sql(tree, run.engine.dialect, functions=_compile_functions(run))
    save_code(run)
    return S.EXECUTING


def _require_python_engine(run: Run) -> None:
    if run.language == "pyspark" and not hasattr(run.engine, "build_staging_python"):
        raise ConfigurationError(
            f"PySpark runs on the spark engine, not on {run.engine.name}",
            hint="pass --database spark:local[*] (or spark://HOST:PORT), or use SQL",
        )


def _refuse_unsafe(run: Run, code: str) -> None:
    if run.language == "sql":
        refuse_unsafe_code(code, run.engine.dialect, _engine_functions(run))
        return
    from datamorph.engines.spark_python import script_problems

    functions = getattr(run.engine, "functions", None)  # Spark's own function names
    problems = script_problems(code, functions() if functions is not None else None)
    if problems:
        raise UsageError(
            f"the PySpark script given with --code was refused: {problems[0]}",
            hint="a script defines build(spark) -> DataFrame using the DataFrame API only",
        )


def _engine_functions(run: Run) -> frozenset[str] | None:
    """The engine's function names, when the catalog was read from this engine."""
    catalog = run.catalog
    if catalog is None or catalog.dialect != run.engine.dialect:
        return None
    return catalog.functions


def _compile_functions(run: Run) -> frozenset[str] | None:
    """The functions the compiled code may call: the catalog's (PostgreSQL's pg_proc), or
    those the Spark session lists; None: the list shipped for the dialect."""
    functions = _engine_functions(run)
    listed = getattr(run.engine, "functions", None)  # Spark's session, asked on demand
    if functions is None and listed is not None:
        return frozenset(listed())
    return functions


def llm_codegen(run: Run) -> bool:
    return run.request.code is None and run.request.codegen == "llm"


def _generate_with_llm(run: Run) -> None:
    from datamorph.codegen.llm import CodegenError, generate_sql

    assert run.spec is not None and run.catalog is not None and run.llm is not None
    try:
        run.code, trace = generate_sql(
            run.llm, run.spec, run.catalog, run.engine.dialect, samples=run.request.samples
        )
    except CodegenError as error:
        _save_codegen_trace(run, error.trace)
        raise
    _save_codegen_trace(run, trace)
    attempts = len(trace["attempts"])
    run.log(
        "generating",
        f"code written by the model in {attempts} attempt{'s' if attempts > 1 else ''}",
        attempts=attempts,
        usage=run.llm.budget.spent.as_dict(),
    )


def _save_codegen_trace(run: Run, trace: dict[str, Any]) -> None:
    run.store.save_artifact(
        run.run_id, "codegen/trace.json", json.dumps(trace, indent=2, default=str), kind="log"
    )


def save_code(run: Run) -> None:
    assert run.code is not None
    run.attempt += 1
    suffix = ".py" if run.language == "pyspark" else ".sql"
    name = run.store.next_artifact_name(run.run_id, "code/attempt", suffix)
    artifact = run.store.save_artifact(run.run_id, name, run.code, kind="code", attempt=run.attempt)
    run.code_path = artifact.location

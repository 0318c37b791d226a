"""The workflow: one readable loop over run states.

    planning -> checking -> generating -> executing -> validating -> publishing -> completed
                                               ^             | fail
                                               +- remediating <+   (when a healer is configured)

Each step is a plain function `step(run) -> next status`. Before a step acts, its start is
written to the run store; its end or its failure is written before the loop moves on. Planning
from English, validation and healing are seams (`Planner`, `Validator`, `Healer`): with none
configured the run says so in its log and its result (`validation_status: "skipped"`) rather
than pretending.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import Any, cast

from datamorph.cancellation import stop_requested
from datamorph.catalog import Catalog
from datamorph.engines import Engine, EngineError, open_engine, parse_database
from datamorph.engines.base import Unopened
from datamorph.engines.merge import check_unique_keys
from datamorph.errors import (
    ConfigurationError,
    DataMorphError,
    UsageError,
    unknown_name_error,
)
from datamorph.planning.base import Planner, PlanningError
from datamorph.planning.explain import explain
from datamorph.planning.sources import sources_only
from datamorph.run_generate import generate, llm_codegen, save_code
from datamorph.run_guards import guard_sources
from datamorph.run_increment import check_target_spec, staged_code
from datamorph.run_publish import publish_step
from datamorph.run_record import model_usage, resumable_options
from datamorph.run_state import (
    Cancelled,
    Confirm,
    Healer,
    Run,
    RunRequest,
    ValidationOutcome,
    Validator,
)
from datamorph.run_validate import validate_step
from datamorph.runs import RunStatus, RunStore
from datamorph.spec import SpecError, resolve_spec

__all__ = [
    "CODEGENS", "Cancelled", "Confirm", "Healer", "Planner", "Run", "RunRequest",
    "ValidationOutcome", "Validator", "execute", "start_run",
]  # fmt: skip

S = RunStatus
# who writes the code: the spec compiler (SQL), the model (SQL), the compiler (a PySpark script)
CODEGENS = ("compiler", "llm", "pyspark")


def start_run(
    request: RunRequest,
    store: RunStore,
    *,
    planner: Planner | None = None,
    validators: Sequence[Validator] = (),
    healer: Healer | None = None,
    llm: Any = None,
    run_id: str | None = None,
) -> Run:
    """Open the engine and record a new run; bad input raises before anything is written.

    `run_id` is for callers that hand the id out before the run starts (the HTTP service).
    """
    if request.spec is None and request.prompt is None:
        raise UsageError("nothing to run", hint="pass a spec (--spec FILE) or a prompt")
    _check_codegen(request, llm)
    engine = _open_or_defer(request)
    target = request.target or (request.spec.target_table.name if request.spec else None)
    record = store.create_run(
        engine=engine.name,
        database=engine.location,
        prompt=request.prompt,
        target_table=target,
        run_id=run_id,
        request=resumable_options(request),
    )
    return Run(request, record.run_id, store, engine, planner, validators, healer, llm=llm)


def _open_or_defer(request: RunRequest) -> Engine:
    """The engine, or a placeholder when it is busy now: the run records and heals that."""
    try:
        return open_engine(request.database, request.engine, files=_source_files(request))
    except EngineError as error:
        location = parse_database(request.database)
        return cast(Engine, Unopened(location.engine, location.shown, error))


def _check_codegen(request: RunRequest, llm: Any) -> None:
    if request.codegen not in CODEGENS:
        raise unknown_name_error("code generator", request.codegen, CODEGENS)
    if request.codegen == "llm" and llm is None and request.code is None:
        raise ConfigurationError(
            "--codegen llm needs a model, and none is configured",
            hint="pass --llm provider:model (or set DATAMORPH_LLM), or use --codegen compiler",
        )


def execute(run: Run, start: RunStatus = S.PLANNING) -> Run:
    """Drive `run` from `start` (a resumed run starts later) to a terminal state."""
    status = start
    try:
        while not status.terminal:
            status = _step(run, status)
    except BaseException as error:  # a bug or an interrupt must not leave the run "executing"
        _record_abort(run, status, error)
        raise
    finally:
        _discard_staging(run)
        run.engine.close()
        if status.terminal:
            _finish(run, status)
        run.store.release(run.run_id)  # last: the lock says "alive" until the status is written
    return run


def _finish(run: Run, status: RunStatus) -> None:
    finish = getattr(run.healer, "finish", None)
    if finish is not None:
        finish(run, status)
    update: dict[str, Any] = {"status": status, "validation_status": run.validation.status}
    spent = model_usage(run)
    if spent is not None:  # every model call of the run: planning, code, tests, healing
        usage = run.store.get_run(run.run_id).usage
        planning = {"llm_planning": usage["llm"]} if "llm" in usage else {}
        update["usage"] = usage | planning | {"llm": spent}
    run.log(
        str(status),
        f"run {status}",
        level="info" if status in (S.COMPLETED, S.CANCELLED) else "error",
        update=update,
    )


def _record_abort(run: Run, status: RunStatus, error: BaseException) -> None:
    """Ctrl-C or a stop signal leaves the run resumable; a bug fails it."""
    stopped = isinstance(error, KeyboardInterrupt | SystemExit)
    final = S.INTERRUPTED if stopped else S.FAILED
    message = f"interrupted in step {status}: {type(error).__name__}"
    if stopped:
        message += f"; continue it with `datamorph runs resume {run.run_id}`"
    else:
        message += f": {error}"
    run.log(str(status), message, level="error", update={"status": final, "message": message})


def _step(run: Run, status: RunStatus) -> RunStatus:
    step = str(status)
    stop = stop_requested(run.run_id)  # asked from outside (the service's cancel): stop here
    if stop is not None:
        return _failed(run, step, Cancelled(f"{stop} before step {step}", hint="run it again"))
    run.log(step, f"{step} started", update={"status": status})
    started = time.perf_counter()
    try:
        next_status = STEPS[status](run)
    except DataMorphError as error:
        return _failed(run, step, error)
    run.log(step, f"{step} finished", defer=True, seconds=round(time.perf_counter() - started, 4))
    return next_status


def _failed(run: Run, step: str, error: DataMorphError) -> RunStatus:
    details = error.as_dict() if isinstance(error, EngineError) else {"type": type(error).__name__}
    category = getattr(error, "category", None)
    update = {"message": error.one_line(), "error_category": str(category) if category else None}
    run.log(step, error.one_line(), level="error", update=update, error=details)
    run.failure = error
    run.failed_step = step
    if isinstance(error, PlanningError):
        return S.NEEDS_ATTENTION  # the planner said what it could not read; a person decides
    if isinstance(error, Cancelled):
        return S.CANCELLED
    return S.REMEDIATING if run.healer is not None and _healable(run, error) else S.FAILED


def _healable(run: Run, error: DataMorphError) -> bool:
    """Failures of the pipeline, not of the request: bad input is the person's to fix.

    A spec that no longer checks against the catalog is the exception when the run can plan
    again from its prompt: that is schema drift, not a mistake in the request.
    """
    if isinstance(error, Cancelled):
        return False
    if getattr(error, "monitored", False):  # e.g. credentials rejected mid-run
        return True
    if isinstance(error, SpecError):
        return run.request.prompt is not None and run.request.spec is not None
    return not isinstance(error, UsageError)


# ---- the steps --------------------------------------------------------------------------------


def _plan(run: Run) -> RunStatus:
    _prepare_engine(run)
    # Samples, counts and value profiles are for planners; a given spec only needs the schema.
    planning = run.request.spec is None
    writing = llm_codegen(run) and run.request.samples  # the model writes the SQL from samples
    run.catalog = None if planning or writing else _spec_tables(run)
    run.catalog_partial = run.catalog is not None
    if run.catalog is None:
        run.catalog = run.engine.catalog(
            samples=3 if planning or writing else 0, counts=planning, profile=planning
        )
        run.log("planning", f"catalog has {len(run.catalog.tables)} tables", defer=True)
    else:
        named = ", ".join(run.catalog.table_names)
        run.log("planning", f"read the schema of the tables the spec names: {named}", defer=True)
    if run.request.spec is not None:
        run.spec = run.request.spec
        run.log("planning", "spec given; nothing to plan", defer=True)
    elif run.spec is not None:  # resumed: the stored plan, checked again in the next step
        run.log("planning", "re-using the plan stored before the interruption", defer=True)
    elif run.planner is None:
        raise ConfigurationError(
            "no planner is configured to turn English into a spec",
            hint="pass a spec with --spec FILE",
        )
    else:
        assert run.request.prompt is not None
        started = time.perf_counter()
        sources = _sources_only(run, run.catalog, run.request.prompt)
        try:
            run.spec = run.planner.plan(run.request.prompt, sources)
        finally:
            _record_usage(run, time.perf_counter() - started)
        for line in getattr(run.planner, "last_reading", []):
            run.log("planning", f"read: {line}", defer=True)
    if run.request.target:
        target = run.spec.target_table.model_copy(update={"name": run.request.target})
        run.spec = run.spec.model_copy(update={"target_table": target})
    return S.CHECKING


def _spec_tables(run: Run) -> Catalog | None:
    """A given spec needs the schema of its own tables and of its target (the guard against
    replacing a source reads it), not the whole catalog, whose listing costs DuckDB more than
    the rest of a small run; None where the engine cannot read them alone."""
    spec, read = run.request.spec, getattr(run.engine, "catalog_of", None)
    if spec is None or read is None or run.request.sources:
        return None
    target = run.request.target or spec.target_table.name
    steps = {step.name for step in spec.steps}
    tables = [t.name for t in spec.source_tables if t.name not in steps]
    tables += [t.name for step in spec.steps for t in step.source_tables if t.name not in steps]
    # a relationships test reads a table the query may not: the check needs its columns
    tables += [t.to for t in spec.tests if t.type == "relationships" and t.to and t.to != target]
    return cast(Catalog | None, read(list(dict.fromkeys(tables)), optional=[target]))


def _full_catalog(run: Run) -> None:
    """Healing searches the whole catalog for what the code may have meant."""
    if not run.catalog_partial:
        return
    try:
        run.catalog = run.engine.catalog(samples=0, counts=False, profile=False)
        run.catalog_partial = False
    except DataMorphError:
        pass  # the engine is what failed: the strategies reconnect, the spec's tables will do


def _sources_only(run: Run, catalog: Catalog, prompt: str) -> Catalog:
    """The catalog without the tables DataMorph published here, unless the request names one."""
    published = run.store.published_tables(run.engine.location)
    kept, hidden = sources_only(catalog, prompt, published)
    if hidden:
        run.log("planning", f"left out tables DataMorph published: {', '.join(hidden)}")
    return kept


def _prepare_engine(run: Run) -> None:
    """Connect (again, after a strategy reconnected), apply settings, read file sources."""
    if isinstance(run.engine, Unopened):
        run.engine = open_engine(
            run.request.database, run.request.engine, files=_source_files(run.request)
        )
        run.log("planning", f"connected to {run.engine.location}", defer=True)
    request = run.request
    if request.engine_settings and not run.settings_applied:
        configure = getattr(run.engine, "configure", None)
        if configure is None:
            raise ConfigurationError(
                f"the {run.engine.name} engine takes no settings", hint="drop --set"
            )
        configure(request.engine_settings)
        run.settings_applied = True
    if request.sources:
        attach = getattr(run.engine, "attach_sources", None)
        if attach is None:
            raise ConfigurationError(
                f"the {run.engine.name} engine cannot read file sources", hint="load them first"
            )
        rows = attach(request.sources)
        run.log("planning", f"read {len(rows)} file sources", rows=rows)


def _source_files(request: RunRequest) -> list[str]:
    return list((request.sources or {}).values())


def _record_usage(run: Run, seconds: float) -> None:
    assert run.planner is not None
    usage = getattr(run.planner, "last_usage", None)
    data: dict[str, Any] = {"planner": run.planner.name, "planning_seconds": round(seconds, 4)}
    if usage is not None:
        data |= {"llm": usage.as_dict()}
    trace = getattr(run.planner, "trace", None)
    if trace:  # every model call: sizes, tokens, the problems sent back for repair
        run.store.save_artifact(
            run.run_id, "planning/trace.json", json.dumps(trace, indent=2, default=str), kind="log"
        )
    run.log(
        "planning", f"planned by the {run.planner.name} planner", update={"usage": data}, usage=data
    )


def _check(run: Run) -> RunStatus:
    assert run.spec is not None and run.catalog is not None
    text = run.spec.to_json()
    if text != run.saved_spec:  # a resumed run re-checks its stored spec without a copy
        name = "spec.json" if run.spec_path is None else _next(run, "spec-revision", ".json")
        run.spec_path = run.store.save_artifact(run.run_id, name, text, kind="spec").location
        run.saved_spec = text
    run.store.update_run(run.run_id, target_table=run.spec.target_table.name)
    run.resolved = resolve_spec(run.spec, run.catalog)
    if run.resolved.problems:
        raise SpecError(run.resolved.problems)
    guard_sources(run)
    check_target_spec(run)
    reading = explain(run.spec)
    words = getattr(run.planner, "last_reading", []) if run.request.spec is None else []
    if words:
        reading += "\nhow the request was read:\n" + "\n".join(f"- {line}" for line in words)
    if run.request.confirm is not None and not run.request.confirm(run.spec, reading):
        raise Cancelled("the plan was not confirmed", hint="rephrase the request and run again")
    return S.GENERATING


def _next(run: Run, stem: str, suffix: str) -> str:
    return run.store.next_artifact_name(run.run_id, stem, suffix)


def _execute(run: Run) -> RunStatus:
    assert run.code is not None
    # A new attempt: what the previous attempt's validation said no longer applies.
    run.validation = ValidationOutcome("skipped")
    dropped = run.engine.cleanup_leftovers(run.store.active_run_ids())
    if dropped:
        run.log(
            "executing",
            f"dropped leftovers of crashed runs: {', '.join(dropped)}",
            level="warning",
            tables=dropped,
        )
    started = time.perf_counter()
    if run.language == "pyspark":
        run.staging = cast(Any, run.engine).build_staging_python(run.code, run.run_id)
    else:  # an incremental run reads only the rows above its high-water mark
        run.staging = run.engine.build_staging(staged_code(run, run.code), run.run_id)
    run.log(
        "executing",
        f"staged {run.staging.rows} rows in {run.staging.name}",
        rows=run.staging.rows,
        seconds=round(time.perf_counter() - started, 4),
    )
    target = run.spec.target_table if run.spec is not None else None
    if target is not None and target.mode == "merge":  # bad input: refused, never healed
        check_unique_keys(cast(Any, run.engine), run.staging.name, list(target.keys))
    return S.VALIDATING


def _remediate(run: Run) -> RunStatus:
    assert run.healer is not None and run.failure is not None
    run.iterations += 1
    run.store.update_run(run.run_id, iterations=run.iterations)
    failure: DataMorphError | ValidationOutcome = (
        run.validation if run.validation.status == "fail" else run.failure
    )
    before = run.code
    _full_catalog(run)
    decision = run.healer.heal(run, failure)
    if decision is False:
        return S.NEEDS_ATTENTION
    resume = S.EXECUTING if decision is True else RunStatus(decision)
    if resume is S.EXECUTING and run.code != before:
        save_code(run)
    return resume


def _discard_staging(run: Run) -> None:
    """A run that did not publish leaves nothing behind in the database."""
    if run.staging is None:
        return
    try:
        run.engine.drop_staging(run.staging)
    except DataMorphError as error:  # the next run's cleanup will drop it
        run.log("cleanup", f"could not drop {run.staging.name}: {error.message}", level="warning")


STEPS: dict[RunStatus, Callable[[Run], RunStatus]] = {
    S.PLANNING: _plan,
    S.CHECKING: _check,
    S.GENERATING: generate,
    S.EXECUTING: _execute,
    S.VALIDATING: validate_step,
    S.REMEDIATING: _remediate,
    S.PUBLISHING: publish_step,
}

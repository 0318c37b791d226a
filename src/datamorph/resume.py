"""Continue an interrupted run from its last finished step.

A run whose process died (kill, power cut, Ctrl-C) is marked `interrupted` by the next process
that opens the store. Resuming it re-uses what it had stored: the spec (checked again against
the catalog as it is now) and the code of its last attempt; it then executes, validates and
publishes as any run does, so nothing reaches the target without passing validation again.

Never twice: a run that died after the database committed its publish but before the store
heard of it is found in the engine's publish log (written in the publish transaction itself)
and completed without publishing again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datamorph.engines import connectable, open_engine
from datamorph.errors import UsageError
from datamorph.orchestrator import Confirm, Run, RunRequest, execute
from datamorph.run_state import EventObserver
from datamorph.runs import RunRecord, RunStatus, RunStore, open_store
from datamorph.spec import Spec

if TYPE_CHECKING:
    from datamorph.runner import RunResult

S = RunStatus


def resume(
    run_id: str,
    *,
    database: str | None = None,
    llm: str | None = None,
    store: RunStore | None = None,
    confirm: Confirm | None = None,
    on_event: EventObserver | None = None,
) -> RunResult:
    """Continue the interrupted run `run_id` (or a unique prefix of it) to a terminal state.

    `database` is needed only when the stored location lacks what connecting takes (a server
    password is never stored: pass the URL again, or let PGPASSWORD/~/.pgpass supply it).
    `llm` overrides the model the run was started with. A run that died before its plan was
    confirmed asks `confirm` again (and refuses to go on without it): nothing runs unagreed.
    """
    own_store = store is None
    store = store or open_store()
    try:
        record = check_resumable(store, run_id)
        store.claim(record.run_id)  # a second resume of the same run stops here
        try:
            record = _resumable(store, store.get_run(record.run_id))
            live = _rebuild(store, record, database, llm)
            live.request.on_event = on_event  # progress, as `run(on_event=...)`
            _ask_again(live, confirm)
        except BaseException:
            store.release(record.run_id)
            raise
        return _continue(live, record, database)
    finally:
        if own_store:
            store.close()


def find_interrupted(
    store: RunStore, *, database: str | None, target: str | None, prompt: str | None
) -> RunRecord | None:
    """The newest interrupted run building the same target in the same database (for
    `run --resume`); without a target, the same request in English stands for it."""
    from datamorph.engines import parse_database

    where = _same_place(parse_database(database).shown)
    for record in store.list_runs(limit=500, status=S.INTERRUPTED):
        if not where(record.database) or overtaken_by(store, record) is not None:
            continue
        if target is not None and (record.target_table or "").lower() == target.lower():
            return record
        if target is None and prompt is not None and record.prompt == prompt:
            return record
    return None


def _same_place(location: str) -> Any:
    """Compare database locations the way the store keeps them (file paths resolved)."""
    from pathlib import Path

    def normal(text: str) -> str:
        if "://" in text or text.startswith("spark:") or text == ":memory:":
            return text
        return str(Path(text).expanduser().resolve())

    wanted = normal(location)
    return lambda stored: normal(stored) == wanted


def check_resumable(store: RunStore, run_id: str) -> RunRecord:
    """The run's record when `resume` would take it now; UsageError saying why not."""
    store.mark_interrupted()  # a long-lived opener (the service) learns of deaths since
    return _resumable(store, store.get_run(run_id))


def _resumable(store: RunStore, record: RunRecord) -> RunRecord:
    if record.status is S.INTERRUPTED:
        _not_overtaken(store, record)
        return record
    if not record.status.terminal:
        raise UsageError(
            f"run {record.run_id} is still going ({record.status}, driven by {record.owner})",
            hint="only an interrupted run can be resumed; follow it with datamorph runs show",
        )
    raise UsageError(
        f"run {record.run_id} ended {record.status}; only an interrupted run can be resumed",
        hint=f"run its spec again with: datamorph runs rerun {record.run_id}",
    )


def _not_overtaken(store: RunStore, record: RunRecord) -> None:
    """Refuse when a later run has published the same target since: finishing the old run
    would replace newer data with the answer to an older request."""
    newer = overtaken_by(store, record)
    if newer is not None:
        raise UsageError(
            f"run {record.run_id} was overtaken: run {newer.run_id} published "
            f"{record.target_table} after it was interrupted",
            hint=f"start a new run if you still want this one's answer (datamorph runs rerun "
            f"{record.run_id})",
        )


def overtaken_by(store: RunStore, record: RunRecord) -> RunRecord | None:
    """The newest completed run of the same target and database started after `record`."""
    if record.target_table is None:
        return None
    for later in store.list_runs(limit=500, status=S.COMPLETED):
        if later.created_at <= record.created_at:
            break  # newest first: the rest are older
        same = (later.target_table or "").lower() == record.target_table.lower()
        if same and later.database == record.database:
            return later
    return None


def _rebuild(store: RunStore, record: RunRecord, database: str | None, llm: str | None) -> Run:
    from datamorph.planning import make_planner
    from datamorph.runner import run_parts

    options: dict[str, Any] = dict(record.request or {})
    spec, spec_path = _latest(store, record.run_id, "spec")
    spec = spec or options.get("spec")  # given, and killed before it was saved
    code, code_path = _latest(store, record.run_id, "code")
    model_name = llm or options.get("llm")
    request = RunRequest(
        spec=Spec.from_json(spec) if spec is not None else None,
        prompt=record.prompt,
        code=(code or options.get("code")) if options.get("given_code") else None,
        language=options.get("language", "sql"),
        database=database or connectable(record.database),
        engine=options.get("engine") or record.engine,
        target=options.get("target"),
        codegen=options.get("codegen", "compiler"),
        samples=options.get("samples", True),
        sources=dict(options.get("sources") or {}),
        engine_settings=dict(options.get("engine_settings") or {}),
        replace_source=options.get("replace_source", False),
        options=options | {"llm": model_name},
    )
    if request.spec is None and request.prompt is None:
        raise UsageError(f"run {record.run_id} stored neither a spec nor a request to resume")
    model, validators, healer = run_parts(
        model_name,
        None,
        None,
        int(options.get("max_iterations", 5)),
        tuple(options.get("approve") or ()),
        options.get("fallback_llm"),
    )
    planner = make_planner(model_name, samples=request.samples) if record.prompt else None
    engine = open_engine(request.database, request.engine, files=list(request.sources.values()))
    live = Run(request, record.run_id, store, engine, planner, validators, healer, llm=model)
    live.iterations = record.iterations
    live.attempt = len([a for a in store.artifacts(record.run_id) if a.kind == "code"])
    live.spec_path, live.saved_spec = spec_path, spec if spec_path is not None else None
    if spec is not None and not options.get("given_spec"):
        request.spec = None  # planned from English: re-check the stored plan, do not re-plan
        live.spec = Spec.from_json(spec)
    live.code_path, live.reuse_code = code_path, code
    return live


def _ask_again(live: Run, confirm: Confirm | None) -> None:
    """The plan was to be confirmed and the run died before it was: ask again."""
    if not (live.request.options.get("confirm") and not _finished(live, "checking")):
        return
    if confirm is None:
        raise UsageError(
            f"run {live.run_id} was waiting for its plan to be confirmed",
            hint="resume it from a terminal to answer, or pass --yes to accept the plan",
        )
    live.request.confirm = confirm


def _finished(live: Run, step: str) -> bool:
    return any(e.message == f"{step} finished" for e in live.store.events(live.run_id))


def _latest(store: RunStore, run_id: str, kind: str) -> tuple[str | None, str | None]:
    """The newest artifact of `kind` (its text and where it is), or (None, None)."""
    found = [a for a in store.artifacts(run_id) if a.kind == kind]
    if not found:
        return None, None
    return store.read_artifact(run_id, found[-1].name), found[-1].location


def _continue(live: Run, record: RunRecord, database: str | None) -> RunResult:
    from datamorph.runner import run_result

    target = live.spec.target_table.name if live.spec else record.target_table
    published = _published(live, target)
    if published is not None:
        from datamorph.run_publish import commit_mark

        commit_mark(live)  # its high-water mark, pending until the publish was known
        live.published = published
        live.log(
            "publishing",
            f"the interrupted run had already published {published.target} "
            f"({published.rows} rows); not publishing again",
            update={"rows": published.rows, "message": "completed", "error_category": None},
        )
        live.validation.status = "pass"  # a run publishes only after validation passed
        execute(live, S.COMPLETED)
        return run_result(live, database)
    start = S.PLANNING
    live.log("resuming", f"resuming the run interrupted in step {_died_in(live)}",
             update={"status": start, "message": None})  # fmt: skip
    execute(live, start)
    return run_result(live, database)


def _published(live: Run, target: str | None) -> Any:
    published_by = getattr(live.engine, "published_by", None)
    if target is None or published_by is None:
        return None
    return published_by(live.run_id, target)


def _died_in(live: Run) -> str:
    for event in reversed(live.store.events(live.run_id)):
        step = event.metadata.get("interrupted_in")
        if step:
            return str(step)
    return "unknown"

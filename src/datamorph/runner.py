"""The Python API: `datamorph.run(...)` for notebooks and scripts; the CLI is a layer over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datamorph import notebook
from datamorph.engines import connectable, database_for, open_engine
from datamorph.errors import DataMorphError, UsageError
from datamorph.llm.registry import get_llm
from datamorph.orchestrator import (
    Confirm,
    Healer,
    Planner,
    Run,
    RunRequest,
    Validator,
    execute,
    start_run,
)
from datamorph.plan_request import PlanResult as PlanResult  # re-exported (cli, API)
from datamorph.plan_request import plan as plan
from datamorph.plan_request import require_prompt
from datamorph.planning import make_planner
from datamorph.run_state import MAX_ITERATIONS, EventObserver, ValidationOutcome
from datamorph.runs import RunStatus, RunStore, open_store
from datamorph.spec import Spec
from datamorph.spec.loading import load_spec as load_spec  # re-exported (API)
from datamorph.validation import SpecValidator

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from datamorph.monitor.monitor import MonitorConfig


@dataclass(repr=False)  # the repr is notebook.Shown's
class RunResult(notebook.Shown):
    """What a run did: its `status` (`completed`, `failed`, `needs_attention`...), `run_id`,
    `target_table`, `rows`, `validation_status` and `report`, healing `iterations`, `seconds`
    it took; `to_arrow()` / `to_pandas()` read the published table back. `ok` is True when it
    completed. In a notebook it shows itself as a small table."""

    status: str
    run_id: str
    target_table: str | None
    validation_status: str
    iterations: int
    spec_path: str | None
    code_path: str | None
    rows: int | None
    message: str | None
    database: str  # where the table is, as it may be shown (a URL's password masked)
    engine: str
    report: dict[str, Any] = field(default_factory=dict)
    # what to connect to again: the database as given, password included; never shown
    connect_to: str | None = field(default=None, repr=False, compare=False)
    seconds: float | None = None  # from the run's start to its last record; not in as_dict()

    @property
    def ok(self) -> bool:
        return self.status == "completed"

    def _view(self) -> notebook.View:
        return notebook.run_view(self)

    def as_dict(self) -> dict[str, Any]:
        """The run JSON printed by `--json`: the same keys for every status."""
        return {
            "status": self.status,
            "run_id": self.run_id,
            "target_table": self.target_table,
            "validation_status": self.validation_status,
            "iterations": self.iterations,
            "spec_path": self.spec_path,
            "code_path": self.code_path,
            "rows": self.rows,
            "message": self.message,
        }

    def to_arrow(self, limit: int | None = None) -> pa.Table:
        """The published table as a pyarrow Table, its first `limit` rows when given."""
        if not self.ok or not self.target_table:
            raise UsageError(
                f"run {self.run_id} did not publish a table ({self.status})",
                hint="see `datamorph runs logs " + self.run_id + "`",
            )
        engine = open_engine(self.connect_to or self.database, self.engine, read_only=True)
        try:
            suffix = f" LIMIT {int(limit)}" if limit is not None else ""
            return engine.query_arrow(f'SELECT * FROM "{self.target_table}"{suffix}')
        finally:
            engine.close()

    def to_pandas(self, limit: int | None = None) -> pd.DataFrame:
        """The published table as a pandas DataFrame, its first `limit` rows when given."""
        return self.to_arrow(limit).to_pandas()


def run(
    spec: Spec | dict[str, Any] | str | Path | None = None,
    *,
    prompt: str | None = None,
    code: str | Path | None = None,
    database: str | None = None,
    engine: str | None = None,
    target: str | None = None,
    llm: str | None = None,
    samples: bool = True,
    confirm: Confirm | None = None,
    store: RunStore | None = None,
    planner: Planner | None = None,
    validators: tuple[Validator, ...] | None = None,
    healer: Healer | None = None,
    codegen: str = "compiler",
    max_iterations: int = MAX_ITERATIONS,
    sources: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    approve: tuple[str, ...] = (),
    fallback_llm: str | None = None,
    monitor: MonitorConfig | None = None,
    run_id: str | None = None,
    replace_source: bool = False,
    master: str | None = None,
    on_event: EventObserver | None = None,
    full_refresh: bool = False,
) -> RunResult:
    """Run a pipeline from a `spec` (a `Spec`, dict, JSON text or JSON file path), or from a
    request in English (`prompt`, or a sentence as the first argument).

    `database` is a DuckDB file, a `postgresql://` URL or a Spark master (default: the
    configured one, else the demo database); `engine` names the engine when it does not.
    `target` renames the output table; `max_iterations` bounds healing (0: none). `store`,
    `planner`, `validators`, `healer` and `monitor` replace the default parts (services, tests).

        result = datamorph.run("total amount per customer", database="shop.duckdb")
        result.to_pandas()

    A prompt is planned by the LLM planner when a model is configured (`llm="provider:model"`
    or DATAMORPH_LLM), else by the offline planner; `samples=False` keeps sample rows out of
    LLM prompts. `confirm(spec, reading)` is asked before anything runs. `codegen="llm"` has
    the model write the SQL from the spec (checked statically, one correction round) instead of
    the compiler; with a model configured, healing asks it first, then the offline fixers.

    `master` runs on Spark there (`local[4]`, `spark://host:7077`); a `code` path ending in .py
    is a PySpark script (its `build(spark)` is run), and `codegen="pyspark"` has the compiler
    write one. `sources` reads files into tables for this run only (`{"orders":
    "landing/*.csv"}`); `settings` tunes the engine (`{"memory_limit": "2GB"}`). Failures go to
    the monitor, which classifies them and acts when confident: `approve` pre-approves
    strategies that change data (`("deduplicate",)`: never done without it or the project's
    `[policy] approve`); `fallback_llm` is the second model used when the first is rate
    limited. A target that is a table DataMorph did not publish (a source) is replaced or
    appended to only with `replace_source=True`.
    `full_refresh=True` ignores an incremental target's high-water mark and rebuilds an
    append or merge target from the full output (replace semantics), keeping a new mark.
    `run_id` fixes the new run's id in advance (a service returns it before the run starts); by
    default the store allocates one. `on_event(entry)` is told each event as it is logged (a
    step started or finished, a healing decision with its classification), to show progress.

    Bad input (a spec that does not check, an unknown table) raises `UsageError` and writes
    nothing to any table. A pipeline that runs and fails, or a request the planner cannot
    read (`needs_attention`), returns a result whose `status` says so; the run store holds
    every event and artifact.
    """
    if isinstance(spec, str) and prompt is None and _reads_as_prompt(spec):
        spec, prompt = None, spec  # datamorph.run("top 5 customers by revenue")
    if spec is None:
        prompt = require_prompt(prompt)
    if prompt is not None:  # with a spec too, the prompt lets the monitor re-plan on drift
        planner = planner or make_planner(llm, samples=samples)
    database = database_for(database, engine, master)
    request = RunRequest(
        spec=load_spec(spec) if spec is not None else None,
        prompt=prompt,
        code=_read_code(code),
        language=_code_language(code),
        database=database,
        engine=engine,
        target=target,
        confirm=confirm,
        codegen=codegen,
        samples=samples,
        sources=dict(sources or {}),
        engine_settings=dict(settings or {}),
        replace_source=replace_source,
        on_event=on_event,
    )
    request.options = {
        "llm": llm, "max_iterations": max_iterations, "approve": list(approve),
        "fallback_llm": fallback_llm, "full_refresh": full_refresh,
    }  # fmt: skip
    model, validators, healer = run_parts(
        llm, validators, healer, max_iterations, approve, fallback_llm, monitor
    )
    own_store = store is None
    store = store or open_store()
    try:
        live = start_run(
            request,
            store,
            planner=planner,
            validators=validators,
            healer=healer,
            llm=model,
            run_id=run_id,
        )
        execute(live)
        if isinstance(live.failure, UsageError) and live.iterations == 0:
            raise live.failure  # bad input the monitor did not take on: the caller's to fix
        return run_result(live, database)
    finally:
        if own_store:
            store.close()


def run_parts(
    llm: str | None,
    validators: tuple[Validator, ...] | None,
    healer: Healer | None,
    max_iterations: int,
    approve: tuple[str, ...] | list[str],
    fallback_llm: str | None,
    monitor: MonitorConfig | None = None,
) -> tuple[Any, tuple[Validator, ...], Healer]:
    """The model, the validators and the healer a run is driven with."""
    model = get_llm(llm)  # one model (and one budget) for the whole run
    if validators is None:  # by default every run is validated against its spec
        validators = (SpecValidator(model),)
    if healer is None:  # and a failing one heals itself (never by weakening the checks)
        healer = DeferredHealer(
            lambda: _monitor(model, max_iterations, approve, fallback_llm, monitor)
        )
    return model, validators, healer


@dataclass
class DeferredHealer:
    """The monitor and its fixers, built at a run's first failure: a run that succeeds never
    loads them (the monitor, the fixers, the model's SDK), which costs a short run more than
    its query."""

    build: Callable[[], Healer]
    _healer: Healer | None = None

    def heal(self, run: Run, failure: DataMorphError | ValidationOutcome) -> bool | RunStatus:
        if self._healer is None:
            self._healer = self.build()
        return self._healer.heal(run, failure)

    def finish(self, run: Run, status: RunStatus) -> None:
        """The monitor's verdict on its own decisions (verified when the run completed); a
        run that never failed has none to give."""
        finish = getattr(self._healer, "finish", None)
        if finish is not None:
            finish(run, status)


def _monitor(
    model: Any,
    max_iterations: int,
    approve: tuple[str, ...] | list[str],
    fallback_llm: str | None,
    monitor: MonitorConfig | None,
) -> Healer:
    from datamorph.healing import Remediator
    from datamorph.healing.llm_fixer import llm_remediator
    from datamorph.monitor.monitor import Monitor, MonitorConfig

    remediator = (
        Remediator(max_iterations=max_iterations)
        if model is None
        else llm_remediator(model, max_iterations=max_iterations)
    )
    config = monitor or MonitorConfig(max_iterations=max_iterations)
    if approve:
        config.policy = replace(config.policy, approved=frozenset(approve))
    if fallback_llm:
        config.fallback_llm = lambda: get_llm(fallback_llm)
    return Monitor(remediator=remediator, config=config)


def run_result(live: Run, database: str | None) -> RunResult:
    """What a finished run returns, read back from the store."""
    record = live.store.get_run(live.run_id)
    return RunResult(
        status=str(record.status),
        run_id=record.run_id,
        target_table=record.target_table,
        validation_status=live.validation.status,
        iterations=record.iterations,
        spec_path=live.spec_path,
        code_path=live.code_path,
        rows=record.rows,
        message=record.message,
        database=live.engine.location,
        engine=live.engine.name,
        report=live.validation.report,
        connect_to=database,
        seconds=(record.updated_at - record.created_at).total_seconds(),
    )


def rerun(run_id: str, *, store: RunStore | None = None, **options: Any) -> RunResult:
    """Run the stored spec of run `run_id` again (its prompt too, so drift can be re-planned),
    on the same database unless `options` say otherwise; `options` are `datamorph.run`'s
    (`database`, `llm`, `max_iterations`...), `store` the run store to read it from.

        datamorph.rerun("20260101-120000-3f2a1b", max_iterations=0)
    """
    own_store = store is None
    store = store or open_store()
    try:
        record = store.get_run(run_id)
        names = [a.name for a in store.artifacts(record.run_id) if a.kind == "spec"]
        if not names:
            raise UsageError(
                f"run {record.run_id} has no spec to run again",
                hint="it stopped before planning finished; start a new run",
            )
        spec = Spec.from_json(store.read_artifact(record.run_id, names[-1]))
        # a server URL is stored without its password; the caller may pass the database again
        options.setdefault("database", connectable(record.database))
        options.setdefault("engine", record.engine)
        return run(spec, prompt=record.prompt, store=store, **options)
    finally:
        if own_store:
            store.close()


def _reads_as_prompt(text: str) -> bool:
    """A string that is no JSON, names no existing file and does not look like a path is a
    request in English; a missing 'spec.json' stays a missing file, not a prompt."""
    stripped = text.strip()
    if not stripped or stripped.startswith("{") or len(stripped) > 4096:
        return False
    if Path(stripped).suffix.lower() in {".json", ".yaml", ".yml"} or "/" in stripped:
        return False
    return not Path(stripped).exists()


def _code_language(code: str | Path | None) -> str:
    """A .py file is a PySpark script; code given as text is SQL."""
    return "pyspark" if code is not None and Path(code).suffix == ".py" else "sql"


def _read_code(code: str | Path | None) -> str | None:
    if code is None:
        return None
    path = Path(code)
    if isinstance(code, Path) or (len(str(code)) < 4096 and path.suffix in {".sql", ".py"}):
        if not path.is_file():
            raise UsageError(f"code file '{path}' not found", hint="pass an existing .sql file")
        if path.stat().st_size > MAX_CODE_BYTES:
            raise _code_too_long(path.stat().st_size)
        return path.read_text(encoding="utf-8")
    if len(str(code)) > MAX_CODE_BYTES:
        raise _code_too_long(len(str(code)))
    return str(code)


# A query a person writes or a model returns is kilobytes; a megabyte is a mistake (the wrong
# file), and parsing and healing it would take minutes.
MAX_CODE_BYTES = 1_000_000


def _code_too_long(size: int) -> UsageError:
    return UsageError(
        f"the code is {size:,} bytes; --code takes at most {MAX_CODE_BYTES:,}",
        hint="pass the .sql file of one query",
    )

"""`datamorph build`: run the selected models upstream first, each one a whole run (checked,
validated, published atomically, logged in the run store), as `datamorph run --spec` would.

A model whose upstream did not succeed is skipped and says which upstream; with `fail_fast`
nothing new starts after the first failure. Independent models run at once up to `threads`
on PostgreSQL and on a DuckDB file (whose runs share one database instance in this process, as
the HTTP service's runs do); a Spark session's run one after another. With threads, Ctrl-C
reaches the main thread only: it asks the running runs to stop at their next step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from datamorph.errors import DataMorphError
from datamorph.project import graph
from datamorph.project.models import Model, Project

Status = Literal["success", "warn", "fail", "error", "skipped"]


@dataclass
class ModelResult:
    """How one model's part of a build ended. `status`: success; warn (published, a `warn`
    test failed); fail (the run did not complete); error (bad input: nothing ran); skipped."""

    name: str
    status: Status
    message: str = ""
    run_id: str | None = None
    rows: int | None = None
    validation: str | None = None
    seconds: float = 0.0
    started_at: str | None = None
    completed_at: str | None = None
    exit_code: int = 0  # of the model's own run: 1 did not complete, 2 bad input


@dataclass
class BuildResult:
    project: Project
    selected: list[str]
    results: list[ModelResult] = field(default_factory=list)
    started_at: str = ""
    seconds: float = 0.0
    full_refresh: bool = False

    @property
    def ok(self) -> bool:
        return all(r.status in ("success", "warn") for r in self.results)

    @property
    def exit_code(self) -> int:
        """0 all built; 2 when a model was bad input (its file's to fix); else 1."""
        if self.ok:
            return 0
        return 2 if any(r.exit_code == 2 for r in self.results) else 1

    def counts(self) -> dict[str, int]:
        found = {status: 0 for status in ("success", "warn", "fail", "error", "skipped")}
        for result in self.results:
            found[result.status] += 1
        return found


Observer = Callable[[str, ModelResult | None], None]  # (model, None) at start; result at end


def build(
    project: Project,
    select: list[str] | None = None,
    exclude: list[str] | None = None,
    *,
    fail_fast: bool = False,
    threads: int | None = None,
    full_refresh: bool = False,
    database: str | None = None,
    on_model: Observer | None = None,
) -> BuildResult:
    """Build the selected models (all by default) in dependency order."""
    from datamorph import config
    from datamorph.engines import parse_database

    chosen = graph.select(project, select or [], exclude or [])
    database = database or config.default_database()
    location = parse_database(database)
    on_file = location.engine == "duckdb" and location.target != ":memory:"
    # a DuckDB file's runs share one database instance in this process, as the service's do
    parallel = location.engine == "postgres" or on_file
    if on_file:
        # one spelling of the file whatever the directory a build starts in: the run store
        # knows which tables DataMorph published by the database's location
        database = str(Path(location.target).resolve())
    limit = threads if threads is not None else (config.lookup("project.threads").value or 4)
    result = BuildResult(project, chosen, started_at=_now(), full_refresh=full_refresh)
    started = time.perf_counter()
    if parallel:
        from datamorph.runs import open_store

        open_store().close()  # a new store's schema made once, not raced by the first runs
        _bookkeeping(database, location.engine)
    runner = _Runner(project, chosen, database, full_refresh, fail_fast, on_model or _quiet)
    runner.go(max(1, int(limit)) if parallel else 1)
    result.results = [runner.results[name] for name in chosen]
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _bookkeeping(database: str, engine_name: str) -> None:
    """The database's bookkeeping tables, made once before runs start at once: runs that
    create them together race, and one of them fails for nothing."""
    from datamorph.engines import duckdb_staging, open_engine, publish_log

    engine = open_engine(database)
    try:
        execute = engine.execute
        publish_log.ensure(lambda sql, params: execute(sql, params))
        if engine_name == "duckdb":
            duckdb_staging.ensure(lambda sql, params: execute(sql, params))
    finally:
        engine.close()


def _quiet(_name: str, _result: ModelResult | None) -> None:
    return None


class _Runner:
    """The scheduling: which model may start, and what its end means for the others."""

    def __init__(
        self,
        project: Project,
        chosen: list[str],
        database: str,
        full_refresh: bool,
        fail_fast: bool,
        observer: Observer,
    ) -> None:
        self.project = project
        self.chosen = chosen
        self.database = database
        self.full_refresh = full_refresh
        self.fail_fast = fail_fast
        self.observer = observer
        self.results: dict[str, ModelResult] = {}
        self.stopped_by: str | None = None  # the model whose failure stopped a --fail-fast build
        self.run_ids: dict[str, str] = {}  # model -> the run id given to its run in advance
        selected = set(chosen)
        # upstreams outside the selection are taken as built already, as dbt does
        self.waits_on = {
            n: [d for d in project.models[n].depends_on if d in selected] for n in chosen
        }

    def go(self, threads: int) -> None:
        if threads == 1:
            for name in self.chosen:
                if not self._settle(name):
                    self._finish(name, self._run(self.project.models[name]))
            return
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="datamorph-build") as pool:
            running: dict[Future[ModelResult], str] = {}
            pending = list(self.chosen)
            try:
                while pending or running:
                    for name in [n for n in pending if self._ready(n)]:
                        pending.remove(name)
                        if not self._settle(name):
                            running[pool.submit(self._run, self.project.models[name])] = name
                    if not running:
                        continue
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        self._finish(running.pop(future), future.result())
            except KeyboardInterrupt:  # Ctrl-C reaches this thread only: stop the others' runs
                self._stop_running()
                raise

    def _stop_running(self) -> None:
        from datamorph.cancellation import request_stop

        for run_id in list(self.run_ids.values()):
            request_stop(run_id, "the build was interrupted (Ctrl-C)")

    def _ready(self, name: str) -> bool:
        return all(up in self.results for up in self.waits_on[name])

    def _settle(self, name: str) -> bool:
        """Skip `name` when an upstream did not succeed or the build is stopping: True if so."""
        failed = [
            u for u in self.waits_on[name] if self.results[u].status not in ("success", "warn")
        ]
        if failed:
            why = f"upstream '{failed[0]}' {self._ended(failed[0])}"
        elif self.stopped_by is not None:
            why = f"not started: --fail-fast after '{self.stopped_by}' failed"
        else:
            return False
        self._finish(name, ModelResult(name, "skipped", message=why))
        return True

    def _ended(self, name: str) -> str:
        status = self.results[name].status
        return {"skipped": "was skipped", "error": "was bad input"}.get(status, "failed")

    def _finish(self, name: str, result: ModelResult) -> None:
        self.results[name] = result
        if result.status in ("fail", "error") and self.fail_fast and self.stopped_by is None:
            self.stopped_by = name
        self.observer(name, result)

    def _run(self, model: Model) -> ModelResult:
        from datamorph.runs.store import new_run_id

        self.observer(model.name, None)
        started_at, started = _now(), time.perf_counter()
        self.run_ids[model.name] = run_id = new_run_id(datetime.now(UTC))
        try:
            outcome = _run_model(model, self.database, self.full_refresh, run_id)
        except DataMorphError as error:  # bad input: the model's file is the one to fix
            where = _where(model, self.project.root, error)
            said = _unbuilt(model, self.project, error) or error.one_line()
            outcome = ModelResult(model.name, "error", message=f"{where}: {said}",
                                  exit_code=error.exit_code)  # fmt: skip
        outcome.started_at, outcome.completed_at = started_at, _now()
        outcome.seconds = round(time.perf_counter() - started, 3)
        return outcome


def _where(model: Model, root: Path, error: DataMorphError) -> str:
    """The model's file, and the line of the field a spec problem names (`tests[0].columns`)."""
    import re

    from datamorph.project.models import line_of
    from datamorph.spec.problems import SpecError

    where = str(model.path.relative_to(root))
    if not isinstance(error, SpecError):
        return where
    parts = re.findall(r"([A-Za-z_]+)|\[(\d+)\]", error.problems[0].path)
    loc = tuple(int(index) if index else name for name, index in parts)
    line = line_of(model.path.read_text(encoding="utf-8"), loc) if loc else None
    return f"{where}, line {line}" if line else where


def _unbuilt(model: Model, project: Project, error: DataMorphError) -> str | None:
    """An unknown table that is a model of the project: it was never built, not misspelt."""
    from datamorph.spec.problems import SpecError

    if not isinstance(error, SpecError):
        return None
    for problem in error.problems:
        missing = [d for d in model.depends_on if f"unknown table '{d}'" in problem.message]
        if missing:
            return (
                f"{problem.path}: '{missing[0]}' is a model of the project that has not been "
                f"built. Hint: build it first: datamorph build --select +{model.name}"
            )
    return None


def _run_model(model: Model, database: str, full_refresh: bool, run_id: str) -> ModelResult:
    from datamorph.runner import run

    done = run(model.spec, database=database, run_id=run_id, full_refresh=full_refresh)
    warned = _warned(done.report)
    if done.ok:
        status: Status = "warn" if warned else "success"
        message = f"{done.rows:,} rows" if done.rows is not None else ""
        if warned:
            message += f"; warning: {', '.join(warned[:3])}"
        return ModelResult(model.name, status, message, done.run_id, done.rows,
                           done.validation_status)  # fmt: skip
    return ModelResult(model.name, "fail", done.message or done.status, done.run_id, None,
                       done.validation_status, exit_code=1)  # fmt: skip


def _warned(report: dict[str, Any]) -> list[str]:
    """The failed checks of severity warn in a run's validation report."""
    checks = report.get("checks", []) if isinstance(report, dict) else []
    return [c["name"] for c in checks if c.get("status") == "fail" and c.get("severity") == "warn"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

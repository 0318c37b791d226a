"""Runs in the background: a bounded pool of threads running `datamorph.run`, one shared store.

`/start` must answer with the run id before the run begins, so the id is allocated here and
handed to `datamorph.run(run_id=...)`. Until a worker picks the run up there is no record in
the store: the pool remembers the submission, and the service shows it as `queued`. Whatever
happens to a run, the service survives it, and an id it handed out never becomes unknown:
a run that dies before the store recorded it gets a failed record here.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from datamorph import cancellation
from datamorph.api.errors import ServiceBusy
from datamorph.engines import parse_database
from datamorph.errors import DataMorphError, NotFoundError
from datamorph.planning import make_planner
from datamorph.planning.base import Planner
from datamorph.planning.scope import ScopedPlanner
from datamorph.runner import RunResult, run
from datamorph.runs import RunStatus, RunStore, new_run_id
from datamorph.spec import Spec

log = logging.getLogger("datamorph.api")


@dataclass(frozen=True)
class Submission:
    """A run accepted by the service: what to run, and when it was asked for."""

    run_id: str
    prompt: str | None  # None: a spec run again without a request in English
    submitted_at: datetime
    target: str | None = None
    source_tables: tuple[str, ...] = ()
    spec: Spec | None = None  # the plan a person confirmed; None: plan from the prompt
    replace_source: bool = False  # the target may be a table DataMorph did not publish
    resume: bool = False  # continue this interrupted run (its record exists) instead


class RunPool:
    """At most `workers` runs at once; at most `max_queued` more waiting for a worker."""

    def __init__(
        self,
        store: RunStore,
        database: str,
        *,
        workers: int,
        max_queued: int,
        llm: str | None = None,
    ) -> None:
        self.store = store
        self.database = database
        self.llm = llm
        self.workers = workers
        self.max_queued = max_queued
        self._executor: ThreadPoolExecutor | None = None  # made on the first submit
        self._lock = threading.Lock()
        self._accepted: dict[str, Submission] = {}  # submitted and not finished
        self._running: set[str] = set()
        self._futures: dict[str, Future[None]] = {}

    def submit(
        self,
        prompt: str | None,
        *,
        target: str | None = None,
        source_tables: tuple[str, ...] = (),
        spec: Spec | None = None,
        replace_source: bool = False,
    ) -> Submission:
        now = self.store.now()
        with self._lock:
            run_id = new_run_id(now)
            while run_id in self._accepted:  # a burst within one second: ids stay unique
                run_id = new_run_id(now)
            submission = Submission(
                run_id, prompt, now, target, source_tables, spec, replace_source
            )
            self._accept(submission)
        return submission

    def submit_resume(self, run_id: str) -> Submission:
        """Continue an interrupted run in the background (checked now: an id that cannot be
        resumed is the client's error, not a queued run that fails later)."""
        from datamorph.resume import check_resumable

        record = check_resumable(self.store, run_id)
        submission = Submission(
            record.run_id, record.prompt or "", self.store.now(), record.target_table,
            resume=True,
        )  # fmt: skip
        with self._lock:
            if record.run_id in self._accepted:
                raise ServiceBusy(f"run {record.run_id} is already being resumed", hint="wait")
            self._accept(submission)
        return submission

    def _accept(self, submission: Submission) -> None:
        """Queue `submission` (the caller holds the lock)."""
        # A run just submitted counts as waiting until a worker takes it: the capacity is
        # every worker busy plus a full queue.
        if len(self._accepted) >= self.workers + self.max_queued:
            raise ServiceBusy(
                f"{self.workers} runs are running and {self.max_queued} are waiting",
                hint="retry in a little while",
            )
        if self._executor is None:  # first use, or served again after a shutdown
            self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="dm-run")
        self._accepted[submission.run_id] = submission
        self._futures[submission.run_id] = self._executor.submit(self._work, submission)

    def waiting(self, run_id: str) -> Submission | None:
        """The submission when the run was accepted and has no record in the store yet."""
        with self._lock:
            return self._accepted.get(run_id)

    def owns(self, run_id: str) -> bool:
        """Whether a worker of this pool has the run (waiting or running)."""
        with self._lock:
            return run_id in self._accepted

    def cancel(self, run_id: str) -> bool | None:
        """Cancel a run of this pool: True when it was still waiting (removed from the queue
        and recorded `cancelled`), False when running (asked to stop at its next step
        boundary), None when the pool does not have it."""
        with self._lock:
            submission = self._accepted.get(run_id)
            if submission is None:
                return None
            future = self._futures.get(run_id)
            removed = future is not None and future.cancel()  # only a job not yet started
            if not removed:
                cancellation.request_stop(run_id)
        if removed:
            self._record_end(submission, "cancelled before it started", RunStatus.CANCELLED)
            self._forget(run_id)
        return removed

    def queued(self) -> list[Submission]:
        """Accepted runs no worker has picked up yet, oldest first."""
        with self._lock:
            # a resumed run has its record already: listed from the store, not twice
            return [
                s for rid, s in self._accepted.items() if rid not in self._running and not s.resume
            ]

    def stats(self) -> dict[str, int]:
        with self._lock:
            running = len(self._running)
            return {
                "workers": self.workers,
                "running": running,
                "queued": len(self._accepted) - running,
            }

    def shutdown(self) -> None:
        """Record the runs still waiting as failed (their ids were handed out), then let the
        running ones finish: a run stopped half-way would be marked failed anyway."""
        with self._lock:
            executor, self._executor = self._executor, None
            cancelled = [self._accepted[rid] for rid, f in self._futures.items() if f.cancel()]
        for submission in cancelled:  # recorded first, forgotten next: never an unknown id
            self._record_end(submission, "the service stopped before the run started")
            self._forget(submission.run_id)
        if executor is not None:
            executor.shutdown(wait=True)

    # ---- a worker -----------------------------------------------------------------------------

    def _work(self, submission: Submission) -> None:
        with self._lock:
            self._running.add(submission.run_id)
        try:
            self._run(submission)
        except Exception:  # even recording the failure failed (the store is down): log it
            log.exception("run %s could not be recorded", submission.run_id)
        finally:
            self._forget(submission.run_id)

    def _forget(self, run_id: str) -> None:
        with self._lock:
            self._running.discard(run_id)
            self._accepted.pop(run_id, None)
            self._futures.pop(run_id, None)
        cancellation.forget(run_id)

    def _run(self, submission: Submission) -> None:
        try:
            result = self._resume(submission) if submission.resume else self._start(submission)
            log.info("run %s %s", result.run_id, result.status)
        except DataMorphError as error:  # bad input found once the run was under way
            self._record_end(submission, error.one_line())
        except Exception as error:  # a bug: the run is marked failed, the service goes on
            log.exception("run %s crashed", submission.run_id)
            self._record_end(submission, f"internal error: {type(error).__name__}: {error}")

    def _resume(self, submission: Submission) -> RunResult:
        from datamorph.resume import resume

        return resume(submission.run_id, database=self.database, llm=self.llm, store=self.store)

    def _start(self, submission: Submission) -> RunResult:
        return run(
            submission.spec,
            prompt=submission.prompt,
            database=self.database,
            store=self.store,
            target=submission.target,
            llm=self.llm,
            planner=self._planner(submission),
            confirm=None,  # the person confirmed the plan on the page, before /start
            run_id=submission.run_id,
            replace_source=submission.replace_source,
        )

    def _planner(self, submission: Submission) -> Planner | None:
        """The planner sees only the named source tables; None: runner.run's default one."""
        if not submission.source_tables:
            return None
        return ScopedPlanner(make_planner(self.llm), submission.source_tables)

    def _record_end(
        self, submission: Submission, message: str, status: RunStatus = RunStatus.FAILED
    ) -> None:
        """Make sure the run's record says it ended (failed, or cancelled while waiting),
        creating the record when there is none."""
        try:
            record = self.store.get_run(submission.run_id)
        except NotFoundError:
            record = None
        if record is not None and record.status.terminal:
            return  # the run recorded its own end
        if record is None:
            engine, database = location_of(self.database)
            self.store.create_run(
                engine=engine,
                database=database,
                prompt=submission.prompt,
                target_table=submission.target or _spec_target(submission.spec),
                run_id=submission.run_id,
                claim=False,  # recorded only to say how it ended: nothing drives it
            )
        self.store.add_event(
            submission.run_id,
            "planning" if record is None else str(record.status),
            message,
            level="error" if status is RunStatus.FAILED else "warning",
            run_update={"status": status, "message": message},
        )


def _spec_target(spec: Spec | None) -> str | None:
    return spec.target_table.name if spec is not None else None


def location_of(database: str) -> tuple[str, str]:
    """The engine and the database as a run records them (no password)."""
    try:
        location = parse_database(database)
    except DataMorphError:
        return "unknown", database
    return location.engine, location.shown

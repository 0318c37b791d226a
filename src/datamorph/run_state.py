"""What a run is made of: the request, the state the steps share, and the seams.

`Run` is the one object every step reads and writes; `Validator` and `Healer` are the seams
validation and the monitor plug into. Kept apart from the loop (`orchestrator.py`) so the loop
reads as the workflow and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from datamorph.catalog import Catalog
from datamorph.engines import Engine
from datamorph.engines.base import PublishResult, Staging
from datamorph.errors import DataMorphError, refuse_blank
from datamorph.planning.base import Planner
from datamorph.runs import EventEntry, RunStatus, RunStore
from datamorph.spec import ResolvedSpec, Spec

MAX_ITERATIONS = 5  # healing iterations a run may take at most (the design's bound)


@dataclass
class ValidationOutcome:
    status: str  # pass | fail | error (some check gave no answer: not a pass) | skipped
    report: dict[str, Any] = field(default_factory=dict)


class Validator(Protocol):
    def validate(self, run: Run) -> ValidationOutcome: ...


class Healer(Protocol):
    def heal(self, run: Run, failure: DataMorphError | ValidationOutcome) -> bool | RunStatus:
        """Act on the failure; the status to resume from (True: re-execute changed code)."""
        ...


# Shown the checked plan and its reading; False stops the run before anything executes.
Confirm = Callable[[Spec, str], bool]
# Told each event as the run logs it (a step started or finished, a healing decision): for a
# caller that shows progress. The run store keeps the same events; this only adds immediacy.
EventObserver = Callable[[EventEntry], None]


class Cancelled(DataMorphError):
    """A person declined the plan."""


@dataclass
class RunRequest:
    spec: Spec | None = None
    prompt: str | None = None
    code: str | None = None
    database: str | None = None
    engine: str | None = None
    target: str | None = None
    confirm: Confirm | None = None
    codegen: str = "compiler"
    samples: bool = True  # sample rows may go to the model (--codegen llm)
    sources: dict[str, str] = field(default_factory=dict)  # table name -> file read for the run
    engine_settings: dict[str, str] = field(default_factory=dict)  # memory_limit, threads...
    replace_source: bool = False  # the target may be a table DataMorph did not publish
    language: str = "sql"  # of `code`: sql, or pyspark (a script with build(spark))
    # the caller's own options kept with the run for `runs resume` (llm, max_iterations...)
    options: dict[str, Any] = field(default_factory=dict)
    on_event: EventObserver | None = None

    def __post_init__(self) -> None:
        for option, value in (
            ("--database", self.database),
            ("--engine", self.engine),
            ("--target", self.target),
        ):
            refuse_blank(option, value)


@dataclass
class Run:
    """Everything the steps share; one per pipeline run."""

    request: RunRequest
    run_id: str
    store: RunStore
    engine: Engine
    planner: Planner | None = None
    validators: Sequence[Validator] = ()
    healer: Healer | None = None
    catalog: Catalog | None = None
    catalog_partial: bool = False  # only the tables the spec names (and its target), see _plan
    spec: Spec | None = None
    resolved: ResolvedSpec | None = None  # the checked spec, resolved once for the compilers
    code: str | None = None
    code_path: str | None = None
    spec_path: str | None = None
    saved_spec: str | None = None  # the JSON of the spec last saved as an artifact
    attempt: int = 0
    iterations: int = 0
    staging: Staging | None = None
    validation: ValidationOutcome = field(default_factory=lambda: ValidationOutcome("skipped"))
    published: PublishResult | None = None
    failure: DataMorphError | None = None
    failed_step: str | None = None
    settings_applied: bool = False
    llm: Any = None  # the configured model (--codegen llm), or None
    reuse_code: str | None = None  # a resumed run's stored code, executed instead of new code
    _pending: list[EventEntry] = field(default_factory=list)

    @property
    def language(self) -> str:
        """What the run's code is written in: SQL, or a PySpark script (`--codegen pyspark`,
        or a user's .py file)."""
        if self.request.code is None and self.request.codegen == "pyspark":
            return "pyspark"
        return self.request.language if self.request.code is not None else "sql"

    def log(
        self,
        step: str,
        message: str,
        *,
        level: str = "info",
        update: dict[str, Any] | None = None,
        defer: bool = False,
        **metadata: Any,
    ) -> None:
        """Append an event; `update` changes the run record in the same transaction.

        A deferred event is written with the next one, in its transaction: a step's "finished"
        shares a commit with the next step's "started", which is still before that step acts,
        and a step's informational lines (what it connected to, read, found) with whatever it
        records next. A process killed in between loses those lines, never a status.
        """
        entry = EventEntry(step, message, level, metadata)
        self._pending.append(entry)
        if self.request.on_event is not None:
            self.request.on_event(entry)
        if not defer:
            self.store.add_events(self.run_id, self._pending, run_update=update)
            self._pending = []

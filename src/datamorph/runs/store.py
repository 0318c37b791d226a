"""The run store: every pipeline run, its events and its artifacts.

Runs move through states (planning ... completed | failed | needs_attention); callers write an
event for each transition before acting on it, so a crash leaves a trail to resume from.

Storage is SQLAlchemy Core over portable types (no ORM, no dialect-specific SQL) so the default
SQLite file can later be swapped for PostgreSQL shared by several workers. Tables, records and
the engine setup (the only SQLite-specific part, applied to SQLite only) are in `schema.py`;
artifact files in `artifacts.py`, or in S3 (`artifact_backends.py` picks).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from datamorph.errors import NotFoundError, UsageError, unknown_name_error
from datamorph.redact import masked_parameters, redact, redact_content, redact_json
from datamorph.runs.artifact_backends import (
    ArtifactBackend,
    artifact_backend,
    read_verified,
)
from datamorph.runs.artifacts import (
    Artifact,
    ArtifactExistsError,
    check_kind,
    check_run_id,
    normalize_name,
)
from datamorph.runs.incidents import IncidentLog
from datamorph.runs.liveness import Claim, busy, locks_for, owner_name
from datamorph.runs.schema import (
    EVENT_LEVELS,
    RUN_COLUMNS,
    TERMINAL,
    WRITE_OPTION,
    Event,
    EventEntry,
    RunRecord,
    RunStatus,
    artifacts_table,
    events_table,
    json_safe,
    make_engine,
    runs_table,
    validated_fields,
)
from datamorph.runs.store_errors import server_store_error, store_error
from datamorph.runs.store_sql import DriverStatements

_MAX_CANDIDATES = 8  # ambiguous-prefix candidates named in the error
_DID_YOU_MEAN_POOL = 500  # recent run ids compared against an unknown one


# what free-text search over runs looks in
_SEARCHED = (
    runs_table.c.run_id,
    runs_table.c.prompt,
    runs_table.c.target_table,
    runs_table.c.message,
)


def _contains(column: sa.ColumnElement[Any], text: str) -> sa.ColumnElement[bool]:
    # lower() on both sides: PostgreSQL's LIKE heeds case and SQLite's does not
    return sa.func.lower(column).contains(text.lower(), autoescape=True)


def utcnow() -> datetime:
    return datetime.now(UTC)


def open_store() -> RunStore:
    """The run store the configuration names: `home()`'s files, DATAMORPH_STORE's database,
    DATAMORPH_ARTIFACTS' artifact store."""
    from datamorph.config import artifacts_url, home, s3_endpoint_url, store_url

    return RunStore(home(), store_url(), artifacts=artifacts_url(), s3_endpoint=s3_endpoint_url())


def new_run_id(now: datetime) -> str:
    """Sortable and readable: UTC time to the second, then 6 random hex digits."""
    return f"{now.astimezone(UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


class RunStore:
    """Runs, events and artifacts under `root` (default `.datamorph` in the working directory).

    `url` picks the database (default `sqlite:///<root>/runs.db`); `artifacts` where artifact
    bytes go (default `<root>/artifacts`; a directory, `s3://bucket/prefix` with `s3_endpoint`
    for S3-compatible servers, or a backend). `clock` exists for tests that need to move time.
    Safe to share between threads; several processes may open the same database.
    """

    def __init__(
        self,
        root: Path | str = ".datamorph",
        url: str | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
        artifacts: str | ArtifactBackend | None = None,
        s3_endpoint: str | None = None,
    ) -> None:
        # Resolve now so a later chdir does not move the store.
        self.root = Path(root).expanduser().resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self.files = artifact_backend(artifacts, self.root, endpoint_url=s3_endpoint)
        # URL.create keeps odd characters in the path (spaces, '?', '#') from being parsed.
        db_url = url or sa.URL.create("sqlite", database=str(self.root / "runs.db"))
        self._engine = make_engine(db_url)
        self._sql = DriverStatements(self._engine.dialect)
        # every string bound to a statement is masked on its way to the database (redact.py)
        sa.event.listen(self._engine, "before_cursor_execute", masked_parameters, retval=True)
        self.url = self._engine.url.render_as_string(hide_password=True)  # password: ***
        self._clock = clock
        self._create_schema()
        self._locks = locks_for(self._engine, self.root)
        self._claims: dict[str, Claim] = {}
        # Whoever opens the store first notices runs whose process is gone.
        self.interrupted = self.mark_interrupted()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for run_id in list(self._claims):
            self.release(run_id)
        self._engine.dispose()

    def now(self) -> datetime:
        return self._clock()

    @property
    def incidents(self) -> IncidentLog:
        """The monitor's incidents, decisions and knowledge, in the same database."""
        return IncidentLog(self)

    # -- runs ---------------------------------------------------------------------------------

    def create_run(
        self,
        *,
        engine: str,
        database: str,
        prompt: str | None = None,
        target_table: str | None = None,
        run_id: str | None = None,
        request: Mapping[str, Any] | None = None,
        claim: bool = True,
    ) -> RunRecord:
        """A new run in `planning`, held by this process (`claim`) until `release`."""
        now = self._clock()
        for _ in range(5):  # a random suffix colliding twice in one second is not plausible
            rid = check_run_id(run_id) if run_id is not None else new_run_id(now)
            # our own run under this id: the insert below says it exists
            claimed = claim and rid not in self._claims
            if claimed:
                self._claim_lock(rid)
            record = RunRecord(
                run_id=rid,
                created_at=now,
                updated_at=now,
                heartbeat_at=now,
                status=RunStatus.PLANNING,
                prompt=redact_json(prompt),  # secrets never stored (redact.py)
                engine=engine,
                database=redact(database),
                target_table=target_table,
                owner=owner_name() if claim else None,
                request=json_safe(request) if request is not None else None,
            )
            row = record.model_dump() | {"status": record.status.value}
            try:
                with self._write() as conn:
                    conn.execute(runs_table.insert().values(**row))
                return record
            except BaseException as error:
                if claimed:
                    self.release(rid)
                if not isinstance(error, sa.exc.IntegrityError):
                    raise
                if run_id is not None:
                    raise UsageError(
                        f"run '{rid}' already exists", hint="omit the run id to get a fresh one"
                    ) from None
        raise RuntimeError("could not allocate a unique run id")

    def update_run(self, run_id: str, **fields: Any) -> RunRecord:
        """Set the given fields (unknown field -> ValueError) and bump updated/heartbeat times."""
        values = validated_fields(redact_json(fields))
        now = self._clock()
        values |= {"updated_at": now, "heartbeat_at": now}
        with self._write() as conn:
            # Only the given columns are written, so concurrent updates of other fields survive.
            self._update_existing(conn, run_id, values)
            return self._fetch_run(conn, run_id)

    def heartbeat(self, run_id: str) -> None:
        """Tell `active_run_ids` this run's worker is still alive."""
        with self._write() as conn:
            self._update_existing(conn, run_id, {"heartbeat_at": self._clock()})

    def get_run(self, run_id_or_prefix: str) -> RunRecord:
        """The run with this id, or the only run whose id starts with it (like a git hash)."""
        key = run_id_or_prefix.strip()
        if not key:
            raise UsageError("no run id given", hint="pass a run id or a unique prefix of one")
        with self._read() as conn:
            row = conn.execute(self._select_runs().where(runs_table.c.run_id == key)).first()
            if row is not None:
                return RunRecord.model_validate(row._asdict())
            matches = self._ids_with_prefix(conn, key)
            if len(matches) == 1:
                return self._fetch_run(conn, matches[0])
            if not matches:
                raise self._unknown_run(conn, key)
        shown = ", ".join(matches[:_MAX_CANDIDATES])
        more = ", ..." if len(matches) > _MAX_CANDIDATES else ""
        raise UsageError(
            f"run id prefix '{key}' is ambiguous: it matches {shown}{more}",
            hint="type more characters of the run id",
        )

    def list_runs(
        self,
        *,
        limit: int = 20,
        status: RunStatus | None = None,
        offset: int = 0,
        database: str | None = None,
        target: str | None = None,
        text: str | None = None,
    ) -> list[RunRecord]:
        """Newest first, skipping `offset`. `database`, `target` and `text` keep the runs whose
        database, target table, or any of id, prompt, target and message contain them
        (ignoring case, the same on SQLite and PostgreSQL)."""
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must not be negative")
        query = self._select_runs().order_by(
            runs_table.c.created_at.desc(), runs_table.c.run_id.desc()
        )
        if status is not None:
            query = query.where(runs_table.c.status == RunStatus(status).value)
        for columns, wanted in (
            ((runs_table.c.database,), database),
            ((runs_table.c.target_table,), target),
            (_SEARCHED, text),
        ):
            if wanted:
                query = query.where(sa.or_(*(_contains(c, wanted) for c in columns)))
        with self._read() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).all()
        return [RunRecord.model_validate(row._asdict()) for row in rows]

    def published_tables(self, database: str) -> set[str]:
        """Tables this store's runs published into `database`: outputs, not sources."""
        query = (
            sa.select(runs_table.c.target_table)
            .where(runs_table.c.database == database)
            .where(runs_table.c.status == RunStatus.COMPLETED.value)
            .where(runs_table.c.target_table.is_not(None))
            .distinct()
        )
        with self._read() as conn:
            return {row[0].lower() for row in conn.execute(query).all()}

    def active_run_ids(self, *, stale_after: timedelta = timedelta(minutes=10)) -> set[str]:
        """Runs not yet finished whose process is alive (it holds the run's lock).

        Runs recorded before locks existed have no owner: for those alone, a heartbeat within
        `stale_after` is the best evidence there is."""
        cutoff = self._clock() - stale_after
        return {
            run_id
            for run_id, owner, heartbeat, _ in self._going()
            if (heartbeat >= cutoff if owner is None else self._held(run_id))
        }

    def _held(self, run_id: str) -> bool:
        return run_id in self._claims or not self._locks.is_free(run_id)

    def claim(self, run_id: str) -> RunRecord:
        """Hold an existing run for this process (to resume it); RunBusy if someone does."""
        self._claim_lock(run_id)
        try:
            return self.update_run(run_id, owner=owner_name())
        except BaseException:
            self.release(run_id)
            raise

    def release(self, run_id: str) -> None:
        """Let go of a run this process held (after its last status is written)."""
        claim = self._claims.pop(run_id, None)
        if claim is not None:
            claim.release()

    def mark_interrupted(self, *, stale_after: timedelta = timedelta(minutes=10)) -> list[str]:
        """Runs still going on record whose process is gone become `interrupted`, with the
        step they died in; returns their ids. A run that ends meanwhile is left alone."""
        # One read gives the runs and what their liveness is judged on: a run created after a
        # first read of the live ones and before a second read of the going ones would look
        # dead (its lock file then removed from under it).
        cutoff = self._clock() - stale_after
        found = []
        for run_id, owner, heartbeat, status in self._going():
            alive = heartbeat >= cutoff if owner is None else self._held(run_id)
            if not alive and self._interrupt(run_id, status):
                found.append(run_id)
        return found

    def _interrupt(self, run_id: str, step: str) -> bool:
        message = (
            f"interrupted in step {step}: its process is gone; "
            f"continue it with `datamorph runs resume {run_id}`"
        )
        now = self._clock()
        with self._write() as conn:
            # Only if it is still where we saw it: a run that finished meanwhile is not touched.
            changed = conn.execute(
                runs_table.update()
                .where(runs_table.c.run_id == run_id, runs_table.c.status == step)
                .values(status=RunStatus.INTERRUPTED.value, message=message, updated_at=now)
            ).rowcount
        if not changed:
            return False
        self._locks.forget(run_id)
        self.add_event(run_id, step, message, level="error", metadata={"interrupted_in": step})
        return True

    def _going(self) -> list[tuple[str, str | None, datetime, str]]:
        """Runs not finished: id, owner, last heartbeat, status."""
        query = sa.select(
            runs_table.c.run_id, runs_table.c.owner, runs_table.c.heartbeat_at, runs_table.c.status
        ).where(runs_table.c.status.not_in([s.value for s in TERMINAL]))
        with self._read() as conn:
            return [(row[0], row[1], row[2], row[3]) for row in conn.execute(query).all()]

    def _claim_lock(self, run_id: str) -> None:
        if run_id in self._claims:
            raise busy(run_id)
        self._claims[run_id] = self._locks.claim(run_id)

    # -- events -------------------------------------------------------------------------------

    def add_event(
        self,
        run_id: str,
        step: str,
        message: str,
        *,
        level: str = "info",
        metadata: Mapping[str, Any] | None = None,
        run_update: Mapping[str, Any] | None = None,
    ) -> Event:
        """Append an event; `seq` counts 1, 2, 3... per run, also across threads and processes.

        `run_update` sets fields of the run in the same transaction (a state change and the
        event announcing it are never seen apart, and cost one commit).
        """
        entry = EventEntry(step=step, message=message, level=level, metadata=metadata or {})
        return self.add_events(run_id, [entry], run_update=run_update)[-1]

    def add_events(
        self,
        run_id: str,
        entries: Sequence[EventEntry],
        *,
        run_update: Mapping[str, Any] | None = None,
    ) -> list[Event]:
        """Append several events (and optionally update the run) in one transaction."""
        for entry in entries:
            if entry.level not in EVENT_LEVELS:
                raise ValueError(
                    f"unknown event level {entry.level!r}; expected one of {sorted(EVENT_LEVELS)}"
                )
        values: dict[str, Any] = {}
        if run_update:
            now = self._clock()
            values |= validated_fields(redact_json(dict(run_update)))
            values |= {"updated_at": now, "heartbeat_at": now}
        with self._write() as conn:
            # Claim the numbers by bumping the run's counter: the UPDATE holds the write lock
            # (SQLite) or the row lock (PostgreSQL) until commit, so two writers of the same run
            # can never read the same value, which max(seq) + 1 would allow.
            last = self._claim_seq(conn, run_id, len(entries), values)
            events = [
                Event(
                    run_id=run_id,
                    seq=last - len(entries) + offset + 1,
                    time=self._clock(),
                    step=entry.step,
                    level=entry.level,
                    message=redact(entry.message),
                    metadata=redact_json(json_safe(entry.metadata)),
                )
                for offset, entry in enumerate(entries)
            ]
            rows = [event.model_dump() for event in events]
            self._sql.insert(conn, events_table, rows)
        return events

    def _claim_seq(
        self, conn: Connection, run_id: str, count: int, values: Mapping[str, Any]
    ) -> int:
        """Bump the run's event counter by `count` (and set `values`); its new value."""
        last = self._sql.bump(conn, runs_table, "last_seq", count, ("run_id", run_id), values)
        if last is None:
            raise self._unknown_run(conn, run_id)
        return int(last)

    def events(self, run_id: str, *, after_seq: int = 0) -> list[Event]:
        """The run's events with seq > after_seq, oldest first (poll with the last seq seen)."""
        query = (
            sa.select(events_table)
            .where(events_table.c.run_id == run_id, events_table.c.seq > after_seq)
            .order_by(events_table.c.seq)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
            if not rows:
                self._require_run(conn, run_id)
        return [Event.model_validate(row._asdict()) for row in rows]

    # -- artifacts ----------------------------------------------------------------------------

    def save_artifact(
        self,
        run_id: str,
        name: str,
        content: str | bytes,
        *,
        kind: str,
        attempt: int | None = None,
    ) -> Artifact:
        """Write a new artifact file and record it; an existing name raises ArtifactExistsError."""
        clean = normalize_name(name)
        check_kind(kind)
        content = redact_content(content)  # spec, code, reports, traces: no secret kept
        # A run this process holds exists; the insert's foreign key checks the others again.
        if run_id not in self._claims:
            with self._read() as conn:
                self._require_run(conn, run_id)
        # The file goes first: exclusive create is the guard that holds across processes.
        written = self.files.write_new(run_id, clean, content)
        artifact = Artifact(
            run_id=run_id,
            name=clean,
            kind=kind,
            attempt=attempt,
            path=written.path,
            location=written.location,
            sha256=written.sha256,
            size=written.size,
            created_at=self._clock(),
        )
        try:
            row = artifact.model_dump(exclude={"path", "location"})
            with self._write() as conn:
                self._sql.insert(conn, artifacts_table, [row])
        except BaseException as exc:
            self.files.remove_own(run_id, clean)  # nobody else can have it: we created it
            if isinstance(exc, sa.exc.IntegrityError):  # recorded before, file since deleted
                raise ArtifactExistsError(
                    f"artifact '{clean}' is already recorded for run {run_id}",
                    path=written.path or written.location,
                ) from None
            raise
        return artifact

    def next_artifact_name(self, run_id: str, stem: str, suffix: str) -> str:
        """`<stem>-<n><suffix>` with the first n from 1 not yet used, e.g. 'code/attempt-3.sql'.

        Two workers may get the same answer; the slower one's save raises ArtifactExistsError.
        """
        if "/" in suffix or "\\" in suffix:
            raise UsageError(f"artifact suffix '{suffix}' must not contain a path separator")
        clean_stem = normalize_name(stem)
        taken = {artifact.name for artifact in self.artifacts(run_id)}
        n = 1
        # Also look at the disk: a file without a row (crash between the two) still blocks.
        while (name := f"{clean_stem}-{n}{suffix}") in taken or self.files.exists(run_id, name):
            n += 1
        return name

    def artifacts(self, run_id: str) -> list[Artifact]:
        """The run's artifacts in the order they were saved."""
        query = (
            sa.select(artifacts_table)
            .where(artifacts_table.c.run_id == run_id)
            .order_by(artifacts_table.c.id)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
            if not rows:
                self._require_run(conn, run_id)
        return [self._artifact_from_row(row._asdict()) for row in rows]

    def read_artifact(self, run_id: str, name: str) -> str:
        """The artifact's text (UTF-8), checked against the recorded hash."""
        clean = normalize_name(name)
        by_name = {artifact.name: artifact for artifact in self.artifacts(run_id)}
        if clean not in by_name:
            raise unknown_name_error("artifact", clean, by_name)
        return self.artifact_text(by_name[clean])

    def artifact_text(self, artifact: Artifact) -> str:
        """A listed artifact's text, wherever it is kept; ArtifactIntegrityError if changed."""
        return read_verified(self.files, artifact).decode("utf-8")

    # -- internals ----------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A transaction that will write (on SQLite it takes the write lock when it begins)."""
        with self._explained(), self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read-only transaction: one consistent snapshot for all its queries."""
        with self._explained(), self._engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _explained(self) -> Iterator[None]:
        """A damaged, read-only, locked or full SQLite store as one line saying what to do
        (PostgreSQL's errors pass as they are: the schema race below retries on them)."""
        try:
            yield
        except sa.exc.DBAPIError as error:
            if isinstance(error, sa.exc.IntegrityError):
                raise  # a duplicate run id is the caller's to handle
            if self._engine.dialect.name != "sqlite":
                if isinstance(error, sa.exc.OperationalError):  # unreachable, refused login
                    raise server_store_error(error, self.url) from None
                raise
            raise store_error(error, str(self._engine.url.database)) from None

    def _create_schema(self) -> None:
        from datamorph.runs.migrations import upgrade

        with self._write() as conn:
            self.upgraded = upgrade(conn)

    @staticmethod
    def _select_runs() -> sa.Select[Any]:
        return sa.select(*RUN_COLUMNS)

    def _fetch_run(self, conn: Connection, run_id: str) -> RunRecord:
        row = conn.execute(self._select_runs().where(runs_table.c.run_id == run_id)).first()
        if row is None:
            raise self._unknown_run(conn, run_id)
        return RunRecord.model_validate(row._asdict())

    def _update_existing(self, conn: Connection, run_id: str, values: Mapping[str, Any]) -> None:
        result = conn.execute(
            runs_table.update().where(runs_table.c.run_id == run_id).values(**values)
        )
        if result.rowcount == 0:
            raise self._unknown_run(conn, run_id)

    def _require_run(self, conn: Connection, run_id: str) -> None:
        query = sa.select(runs_table.c.run_id).where(runs_table.c.run_id == run_id)
        if conn.execute(query).first() is None:
            raise self._unknown_run(conn, run_id)

    def _ids_with_prefix(self, conn: Connection, prefix: str) -> list[str]:
        query = (
            sa.select(runs_table.c.run_id)
            .where(runs_table.c.run_id.startswith(prefix, autoescape=True))
            .order_by(runs_table.c.run_id)
            .limit(_MAX_CANDIDATES + 1)
        )
        # SQLite's LIKE ignores ASCII case and PostgreSQL's does not; filter to agree on both.
        return [rid for rid in conn.execute(query).scalars() if rid.startswith(prefix)]

    def _unknown_run(self, conn: Connection, run_id: str) -> NotFoundError:
        query = (
            sa.select(runs_table.c.run_id)
            .order_by(runs_table.c.created_at.desc())
            .limit(_DID_YOU_MEAN_POOL)
        )
        return unknown_name_error("run", run_id, conn.execute(query).scalars().all())

    def _artifact_from_row(self, row: Mapping[str, Any]) -> Artifact:
        run_id, name = row["run_id"], row["name"]
        path = self.files.local_path(run_id, name)  # checks the name once: not cheap locally
        location = str(path) if path is not None else self.files.location(run_id, name)
        return Artifact.model_validate({**row, "path": path, "location": location})

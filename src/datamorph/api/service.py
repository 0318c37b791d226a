"""One service instance: its settings, the run store, the worker pool, and the database reads.

Routes get it with `service_of(request)`; apart from that accessor nothing here knows HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from starlette.requests import Request

from datamorph.api.errors import ServiceUnavailable
from datamorph.api.settings import ServiceSettings
from datamorph.api.workers import RunPool, Submission
from datamorph.config import artifacts_url, s3_endpoint_url
from datamorph.engines import Engine, open_engine
from datamorph.errors import DataMorphError, NotFoundError
from datamorph.runs import RunRecord, RunStore


class Service:
    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self.store = RunStore(
            settings.home,
            settings.store,
            artifacts=artifacts_url(),
            s3_endpoint=s3_endpoint_url(),
        )
        self.pool = RunPool(
            self.store,
            settings.database,
            workers=settings.workers,
            max_queued=settings.max_queued,
            llm=settings.llm,
        )

    def close(self) -> None:
        self.pool.shutdown()
        self.store.close()

    @contextmanager
    def engine(self) -> Iterator[Engine]:
        """A connection to the service's database, for reads (queries go through
        `require_select`). A database that cannot be opened is the service's problem: 503."""
        try:
            limit = self.settings.memory_limit
            engine = open_engine(
                self.settings.database, settings={"memory_limit": limit} if limit else None
            )
        except DataMorphError as error:
            raise ServiceUnavailable(
                f"the database cannot be opened: {error.message}", hint=error.hint
            ) from None
        try:
            yield engine
        finally:
            engine.close()

    def find_run(self, run_id: str) -> RunRecord | Submission:
        """The run's record, or its submission while it waits for a worker; else 404.

        A worker records the run before the pool forgets the submission, so the second look
        at the store closes the gap between the two lookups.
        """
        try:
            return self.store.get_run(run_id)
        except NotFoundError:
            waiting = self.pool.waiting(run_id.strip())
            if waiting is not None:
                return waiting
            return self.store.get_run(run_id)


def service_of(request: Request) -> Service:
    """The service the app was created with (`create_app` puts it on `app.state`)."""
    service: Service = request.app.state.service
    return service

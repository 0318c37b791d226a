"""A run's events as a server-sent event stream, live while it runs.

The stream polls the run store (`events(run_id, after_seq=n)`): the store is the one source of
truth, shared with runs in other processes, so there is no in-memory bus to keep in step.
Each event goes out as `event: log` with its seq as the SSE id (a client reconnecting with
Last-Event-ID resumes after it); a final `event: end` carries the terminal status.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator

import anyio
from anyio import to_thread

from datamorph.api import run_detail
from datamorph.api.service import Service
from datamorph.runs.schema import TERMINAL

log = logging.getLogger("datamorph.api")

_TERMINAL = frozenset(str(status) for status in TERMINAL)
_KEEPALIVE_SECONDS = 15.0  # a comment line now and then keeps proxies from closing the stream


def _gone(service: Service, run: object) -> bool:
    """A run this service does not run, whose record has not moved for `stale_run_seconds`."""
    run_id = getattr(run, "run_id", "")
    updated = getattr(run, "updated_at", None)
    if updated is None or service.pool.owns(run_id):
        return False
    silent = (service.store.now() - updated).total_seconds()
    return silent > service.settings.stale_run_seconds


def frame(event: str, data: str, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {data}\n\n"


async def run_events(service: Service, run_id: str, after: int = 0) -> AsyncIterator[str]:
    """Events with seq > `after` as they are written, until the run reaches a terminal state."""
    idle = 0.0
    poll = service.settings.poll_seconds
    try:
        while True:
            # The status is read before the events: the event announcing a terminal status is
            # written in the same transaction as the status, so it is in this batch.
            run = await to_thread.run_sync(service.find_run, run_id)
            status = run_detail.status_of(run)
            batch = await to_thread.run_sync(run_detail.events, service, run, after)
            for event in batch:
                yield frame("log", event.model_dump_json(), event.seq)
                after = event.seq
            if status in _TERMINAL:
                yield frame("end", json.dumps({"run_id": run.run_id, "status": status}))
                return
            if not batch and _gone(service, run):
                silent = service.settings.stale_run_seconds
                why = (
                    f"no news from the run for over {silent:g} s and no worker of this service "
                    "runs it: its process has most likely stopped"
                )
                gone = {"run_id": run.run_id, "status": status, "gone": True, "message": why}
                yield frame("end", json.dumps(gone))
                return
            idle = 0.0 if batch else idle + poll
            if idle >= _KEEPALIVE_SECONDS:
                yield ": keep-alive\n\n"
                idle = 0.0
            await anyio.sleep(poll)
    except Exception as error:  # the response has started: say so in the stream, then stop
        log.exception("event stream of run %s failed", run_id)
        message = {"error": True, "message": f"{type(error).__name__}: {error}"}
        yield frame("error", json.dumps(message))

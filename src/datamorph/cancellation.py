"""Stopping a running run from outside it: a flag per run id, read between steps.

A step is never cut off half-way: the orchestrator looks at the flag before each step begins,
so a run asked to stop ends `cancelled` at the next step boundary, its staging table dropped
(publishing is one atomic step: either the table was published or nothing was). The flags live
in this process, which is where the service's workers run.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_requested: dict[str, str] = {}  # run id -> who asked, for the run's log


def request_stop(run_id: str, reason: str = "a person cancelled the run") -> None:
    with _lock:
        _requested[run_id] = reason


def stop_requested(run_id: str) -> str | None:
    """Why the run was asked to stop, or None."""
    with _lock:
        return _requested.get(run_id)


def forget(run_id: str) -> None:
    """Drop the flag once the run has ended (ids are not reused; this only frees memory)."""
    with _lock:
        _requested.pop(run_id, None)

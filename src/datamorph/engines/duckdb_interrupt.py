"""Ctrl-C that stops a DuckDB statement at once, on any number of cores.

DuckDB's Python client checks for a pending signal only between the tasks the calling thread
runs itself. When the query has fewer tasks than DuckDB has threads (a scan of one big range,
a machine with many cores), the calling thread parks until another DuckDB thread finishes its
task, which can take the whole query, and a Ctrl-C waits with it. So, in the main thread, the
statement runs on a helper thread while the main thread waits in Python, where a signal
handler runs at once; on KeyboardInterrupt the connection is interrupted and the helper's
statement ends with DuckDB's InterruptException, which is then given back as KeyboardInterrupt.

One helper per connection, started on first use: a fresh thread per statement costs about
0.3 ms, a hand-off to a waiting one about 0.1 ms.
"""

from __future__ import annotations

import queue
import signal
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class _Job:
    __slots__ = ("call", "done", "error", "value")

    def __init__(self, call: Callable[[], Any]) -> None:
        self.call = call
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.value = self.call()
        except BaseException as error:  # handed to the waiting thread, raised there
            self.error = error
        finally:
            self.done.set()


class InterruptibleStatements:
    """Runs calls on one connection so that a Ctrl-C in the main thread stops them."""

    def __init__(self, interrupt: Callable[[], None]) -> None:
        self._interrupt = interrupt
        self._jobs: queue.SimpleQueue[_Job | None] | None = None

    def run(self, call: Callable[[], T]) -> T:
        if not _ctrl_c_raises_here():
            return call()  # a service's worker thread, or Ctrl-C ignored: nothing to watch for
        job = _Job(call)
        self._queue().put(job)
        self._wait(job)
        if job.error is not None:
            raise job.error
        return job.value

    def close(self) -> None:
        if self._jobs is not None:
            self._jobs.put(None)
            self._jobs = None

    def _wait(self, job: _Job) -> None:
        interrupted = False
        while True:
            try:
                job.done.wait()
                break
            except KeyboardInterrupt:
                interrupted = True  # a second press while the statement winds down: same answer
                self._interrupt()
        if interrupted:
            raise KeyboardInterrupt

    def _queue(self) -> queue.SimpleQueue[_Job | None]:
        if self._jobs is None:
            self._jobs = queue.SimpleQueue()
            # a daemon: a statement still running must not hold the interpreter at exit
            threading.Thread(
                target=_serve, args=(self._jobs,), name="duckdb-statements", daemon=True
            ).start()
        return self._jobs


def _serve(jobs: queue.SimpleQueue[_Job | None]) -> None:
    while (job := jobs.get()) is not None:
        job.run()


def _ctrl_c_raises_here() -> bool:
    if threading.current_thread() is not threading.main_thread():
        return False  # signals are handled in the main thread only
    return callable(signal.getsignal(signal.SIGINT))

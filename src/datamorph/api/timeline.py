"""A run's timeline: each step it took, when it started and how long it lasted, from its events.

The orchestrator writes `<step> started` before a step acts and `<step> finished` (with the
step's own `seconds`) after it; a step that failed has an error event instead of the second.
Steps repeat when healing sends the run back (executing, validating, remediating, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from datamorph.api.models import StepSpan
from datamorph.runs import Event


@dataclass
class _Open:
    step: str
    started_at: datetime
    last_seen: datetime  # the step's latest event: where a step that never finished ended
    failed: bool = False


def timeline(events: Sequence[Event], *, ended: bool) -> list[StepSpan]:
    """The spans of `events` (oldest first); `ended`: the run is terminal, so a step without
    its `finished` event stopped there rather than still going."""
    spans: list[StepSpan] = []
    going: _Open | None = None
    for event in events:
        if event.message == f"{event.step} started":
            if going is not None:
                spans.append(_unfinished(going, ended=True))
            going = _Open(event.step, event.time, event.time)
        elif going is not None and event.step == going.step:
            if event.message == f"{event.step} finished":
                spans.append(_finished(going, event))
                going = None
            else:
                going.last_seen = event.time
                going.failed = going.failed or event.level == "error"
    if going is not None:
        spans.append(_unfinished(going, ended=ended))
    return spans


def _finished(going: _Open, event: Event) -> StepSpan:
    measured = event.metadata.get("seconds")  # the step's own clock: exact
    seconds = (
        float(measured)
        if isinstance(measured, int | float)
        else (event.time - going.started_at).total_seconds()
    )
    return StepSpan(
        step=going.step, started_at=going.started_at, seconds=seconds, outcome="finished"
    )


def _unfinished(going: _Open, *, ended: bool) -> StepSpan:
    if not ended:
        return StepSpan(
            step=going.step, started_at=going.started_at, seconds=None, outcome="running"
        )
    return StepSpan(
        step=going.step,
        started_at=going.started_at,
        seconds=(going.last_seen - going.started_at).total_seconds(),
        outcome="failed" if going.failed else "stopped",
    )

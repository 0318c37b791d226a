"""A store that looks for dead runs must not take a run started meanwhile for one: it judges
each run on the same read that found it (regression: a run created between two reads was
marked interrupted and its lock file removed from under it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from datamorph.runs import RunStore
from datamorph.runs.schema import RunStatus


def test_a_run_started_while_dead_runs_are_sought_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    with RunStore(home) as starter, RunStore(home) as seeker:
        started: list[str] = []
        going = seeker._going

        def a_run_starts_right_after(*args: object, **kwargs: object) -> object:
            found = going()
            if not started:  # another process starts a run just after this read
                started.append(starter.create_run(engine="duckdb", database="x").run_id)
            return found

        monkeypatch.setattr(seeker, "_going", a_run_starts_right_after)
        assert seeker.mark_interrupted() == []
        monkeypatch.undo()
        (run_id,) = started
        assert starter.get_run(run_id).status is RunStatus.PLANNING
        assert (home / "locks" / f"{run_id}.lock").exists()
        assert seeker.mark_interrupted() == []  # its lock is held: alive
        starter.release(run_id)
        assert seeker.mark_interrupted() == [run_id]  # and once its process lets go, dead

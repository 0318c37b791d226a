"""Spill folders: where a scaled DuckDB run writes what does not fit in memory.

One folder per run, `.datamorph/spill/<run id>`, made by the scale strategy. It is removed when
the run ends, completed or not (after the engine closed, so DuckDB has let go of its files);
the folders of runs that died before they could remove theirs are removed by the next run to
end. A folder of a run that is still going is never touched.
"""

from __future__ import annotations

import shutil
from collections.abc import Set
from pathlib import Path

from datamorph.config import home


def spill_root() -> Path:
    return home() / "spill"


def spill_folder(run_id: str) -> Path:
    return spill_root() / run_id


def remove_spill(run_id: str) -> bool:
    """Remove this run's spill folder; True when there was one."""
    folder = spill_folder(run_id)
    if not folder.is_dir():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return not folder.exists()


def remove_dead_spills(going: Set[str]) -> list[str]:
    """Remove the spill folders of runs not in `going` (runs still alive); their run ids."""
    root = spill_root()
    if not root.is_dir():
        return []
    removed = []
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and folder.name not in going:
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                removed.append(folder.name)
    return removed

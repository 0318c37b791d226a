"""What a run may change on its DuckDB connection: settings, and file sources as temp tables.

Kept apart from the engine's catalog and publishing code: these are the knobs the monitor
turns (scaling memory, pointing spills at a directory) and the inputs a run brings along.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from datamorph.engines.base import quote
from datamorph.engines.duckdb_confine import confined
from datamorph.errors import DataMorphError, UsageError, unknown_name_error

MAX_THREADS = 256
# Settings a run may change (and the monitor may scale), with the shape of a safe value.
SETTINGS = {
    "memory_limit": re.compile(r"^\d+(\.\d+)?\s*[KMGT]?i?B$", re.I),
    "threads": re.compile(r"^\d{1,4}$"),
    "temp_directory": re.compile(r"^[^'\0]*$"),
    "max_temp_directory_size": re.compile(r"^\d+(\.\d+)?\s*[KMGT]?i?B$", re.I),
    "preserve_insertion_order": re.compile(r"^(true|false)$", re.I),
}


class RunControls:
    """Mixed into DuckDBEngine, whose `execute` maps native errors."""

    con: Any
    _sources: dict[str, str]
    _reopening = False  # True while a fresh instance is being opened (see _reopen)

    def execute(self, sql: str, params: list[Any] | None = None) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _connect(self, settings: Mapping[str, str]) -> None:
        raise NotImplementedError

    def configure(self, settings: Mapping[str, str]) -> None:
        """Apply engine settings (memory_limit, threads, temp_directory...), checked first.

        memory_limit and threads change on a live connection. The spill folder does not once
        the fence is up, nor once the instance has spilled (DuckDB: "Cannot switch temporary
        directory after the current one has been used"): moving it opens a fresh instance."""
        for key, value in settings.items():
            _check_setting(key, str(value))
        moving = _moves_spill_folder(self, settings)
        if moving and confined(self.con):
            if self._reopening:  # connected again, to the instance another connection holds
                raise _shared_instance()
            self._reopen(settings)
            return
        for key, value in settings.items():
            if key != "temp_directory":
                self.execute(f"SET {key} = '{value}'")
        if moving:
            _set_spill_folder(self, str(settings["temp_directory"]))

    def _reopen(self, settings: Mapping[str, str]) -> None:
        """Close and open a fresh instance with `settings` on top of the current ones (file
        sources are read again). Another connection of this process holding the database
        keeps its instance alive, spill folder and all: UsageError, and the connection is
        open again, unchanged."""
        current = {k: v for k, v in self.settings().items() if SETTINGS[k].match(v)}
        merged = {**current, **settings}
        self.close()
        self._reopening = True
        try:
            self._connect(merged)
        except UsageError:
            self._reopening = False
            self._connect({})  # the instance another connection holds, as it is
            self.attach_sources(dict(getattr(self, "_sources", {})))
            raise
        finally:
            self._reopening = False
        self.attach_sources(dict(getattr(self, "_sources", {})))

    def scale_up(
        self, factor: int, memory_cap: int, spill: Path | None = None
    ) -> tuple[dict[str, str], dict[str, str]]:
        """More memory (times `factor`, within `memory_cap` bytes), no more threads than
        cores (each thread holds its own buffers), and a spill folder when spilling is off or
        goes to DuckDB's default beside the database (`spill`, removed when the run ends); a
        folder the person chose is kept. Raises UsageError when nothing is left to raise."""
        before = self.settings()
        changes = _scaled(before, factor, memory_cap)
        if spill is not None and before["temp_directory"] in {"", *_default_spill(self)}:
            spill.mkdir(parents=True, exist_ok=True)
            changes["temp_directory"] = str(spill)
        if not changes:
            raise UsageError(
                f"memory_limit is already at the cap ({before['memory_limit']}), threads "
                f"{before['threads']}, spilling to {before['temp_directory'] or 'nowhere'}",
                hint="give the machine more memory, or reduce the data",
            )
        try:
            self.configure(changes)
        except UsageError:  # another connection holds the instance: memory and threads only
            if "temp_directory" not in changes or len(changes) == 1:
                raise
            self.configure({k: v for k, v in changes.items() if k != "temp_directory"})
        return before, self.settings()

    def settings(self) -> dict[str, str]:
        names = ", ".join(f"current_setting('{key}')" for key in SETTINGS)
        row = self.execute(f"SELECT {names}").fetchone() or ()
        return {key: str(value) for key, value in zip(SETTINGS, row, strict=True)}

    def attach_sources(self, sources: Mapping[str, str]) -> dict[str, int]:
        """Read each file (or glob) into a temp table named for it; rows per table.

        The file is read now, once: every query of the run sees the same snapshot. A missing
        file raises DuckDB's own error, which the monitor classifies (often: not landed yet).
        """
        rows: dict[str, int] = {}
        self._sources = {**getattr(self, "_sources", {}), **sources}
        for name, path in sources.items():
            if Path(path).exists() and not (Path(path).is_file() or Path(path).is_dir()):
                raise UsageError(  # a FIFO would block the read forever
                    f"source '{path}' is not a regular file", hint="pass a file, folder or glob"
                )
            reader = _loader(Path(path))
            created = self.execute(
                f"CREATE OR REPLACE TEMP TABLE {quote(name)} AS SELECT * FROM {reader}(?)",
                [str(path)],
            )
            (rows[name],) = created.fetchone() or (0,)
        return rows


def _check_setting(key: str, value: str) -> None:
    pattern = SETTINGS.get(key)
    if pattern is None:
        raise unknown_name_error("engine setting", key, SETTINGS)
    if not pattern.match(value):
        raise UsageError(
            f"invalid value '{value}' for {key}", hint="e.g. memory_limit=2GB, threads=4"
        )
    if key == "threads" and not 1 <= int(value) <= MAX_THREADS:
        # thousands of threads only cost: starting them took longer than the run itself
        raise UsageError(
            f"threads={value} is out of range",
            hint=f"choose 1 to {MAX_THREADS} (cores: {os.cpu_count() or 1})",
        )


def _moves_spill_folder(controls: RunControls, settings: Mapping[str, str]) -> bool:
    if "temp_directory" not in settings:
        return False
    return str(settings["temp_directory"]) != controls.settings()["temp_directory"]


def _set_spill_folder(controls: RunControls, folder: str) -> None:
    """SET temp_directory, on an instance that has not spilled (a fresh one)."""
    try:
        controls.execute(f"SET temp_directory = '{folder}'")
    except DataMorphError as error:
        if "temporary directory" in error.message.lower():  # the instance spilled already
            raise _shared_instance() from None
        raise


def _shared_instance() -> UsageError:
    return UsageError(
        "the spill folder cannot change while another connection holds the database",
        hint="set temp_directory when the run starts (--set temp_directory=DIR)",
    )


def _scaled(before: Mapping[str, str], factor: int, memory_cap: int) -> dict[str, str]:
    """The memory and thread settings a scaled run gets: the changed ones only."""
    changes = {}
    memory = parse_bytes(before["memory_limit"])
    target = min(memory * factor, memory_cap)
    if target > memory:
        changes["memory_limit"] = f"{target // 2**20}MiB"
    cores = os.cpu_count() or 1
    if int(before["threads"]) > cores:
        changes["threads"] = str(cores)
    return changes


def _default_spill(controls: RunControls) -> set[str]:
    """Where DuckDB spills unless told: beside the database file (as given, or as a path)."""
    path = getattr(controls, "path", None)
    if path is None:
        return set()  # :memory: spills nowhere unless told
    return {f"{path}.tmp", f"{getattr(controls, 'location', path)}.tmp"}


def parse_bytes(text: str) -> int:
    """'47.6 MiB' / '8MB' / '2 GiB' -> bytes (DuckDB prints binary units)."""
    match = re.match(r"^\s*([\d.]+)\s*([KMGT]?)(i?)B\s*$", text, re.I)
    if not match:
        raise ValueError(f"not a size: {text!r}")
    number, unit, binary = match.groups()
    power = "BKMGT".index(unit.upper() or "B")
    return int(float(number) * (1024 if binary else 1000) ** power)


def _loader(path: Path) -> str:
    from datamorph.engines.duckdb import loader_for  # the one table of readers by suffix

    return loader_for(path, must_exist=False)

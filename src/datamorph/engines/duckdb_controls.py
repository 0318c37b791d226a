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
from datamorph.errors import UsageError, unknown_name_error

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

    def execute(self, sql: str, params: list[Any] | None = None) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _connect(self, settings: Mapping[str, str]) -> None:
        raise NotImplementedError

    def configure(self, settings: Mapping[str, str]) -> None:
        """Apply engine settings (memory_limit, threads, temp_directory...), checked first."""
        for key, value in settings.items():
            _check_setting(key, str(value))
        if _moves_spill_folder(self, settings) and confined(self.con):
            self._reconnect(settings)  # the fence keeps the spill folder: open a new instance
            return
        for key, value in settings.items():
            if key != "temp_directory" or _moves_spill_folder(self, {key: value}):
                self.execute(f"SET {key} = '{value}'")

    def _reconnect(self, settings: Mapping[str, str]) -> None:
        """Close and open again with `settings` on top of the current ones (file sources are
        read again). Only this connection may hold the database: a shared instance keeps its
        spill folder, and says so."""
        current = {k: v for k, v in self.settings().items() if SETTINGS[k].match(v)}
        merged = {**current, **settings}
        self.close()
        self._connect(merged)
        if self.settings()["temp_directory"] != str(merged["temp_directory"]):
            raise UsageError(
                "the spill folder cannot change while another connection holds the database",
                hint="set temp_directory when the run starts (--set temp_directory=DIR)",
            )
        self.attach_sources(dict(getattr(self, "_sources", {})))

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


def _loader(path: Path) -> str:
    from datamorph.engines.duckdb import loader_for  # the one table of readers by suffix

    return loader_for(path, must_exist=False)

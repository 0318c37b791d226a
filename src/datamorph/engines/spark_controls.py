"""What a run may change on its Spark session: settings (what `--set` and the monitor's scale
strategy turn), and file sources read as temporary views.

Runtime settings (shuffle partitions, adaptive execution, the broadcast threshold) are set on
the live session. Memory and cores are read when the application starts, so changing them
starts the session again (a new JVM in local mode, where the driver runs the tasks): the
tables live in the warehouse and outlast it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from datamorph.engines.spark_session import STARTUP_SETTINGS, spark_session, startup_settings
from datamorph.errors import UsageError, unknown_name_error

_SIZE = re.compile(r"^\d{1,6}[kmgt]?$", re.I)
_COUNT = re.compile(r"^\d{1,5}$")
SETTINGS = {
    "spark.sql.shuffle.partitions": _COUNT,
    "spark.sql.adaptive.enabled": re.compile(r"^(true|false)$", re.I),
    "spark.sql.autoBroadcastJoinThreshold": re.compile(r"^-1|\d{1,12}[kmgt]?b?$", re.I),
    "spark.driver.memory": _SIZE,
    "spark.executor.memory": _SIZE,
    "spark.executor.cores": _COUNT,
    "spark.cores.max": _COUNT,
}
_DEFAULTS = {"spark.driver.memory": "1g", "spark.executor.memory": "1g"}
MAX_SHUFFLE_PARTITIONS = 2000
_READERS = {".parquet": "parquet", ".csv": "csv", ".json": "json", ".jsonl": "json"}


class SparkControls:
    """Mixed into SparkEngine."""

    spark: Any
    master: str
    root: Path
    _sources: dict[str, str]

    def configure(self, settings: Mapping[str, str]) -> None:
        """Apply `--set` settings, checked first; startup ones start the session again."""
        for key, value in settings.items():
            _check_setting(key, str(value))
        startup = {k: str(v) for k, v in settings.items() if k in STARTUP_SETTINGS}
        if startup:
            runtime = self._runtime_settings()
            merged = {**startup_settings(), **startup}
            self.spark = spark_session(self.master, self.root, merged)
            for key, value in runtime.items():  # a new session starts from the defaults
                self.spark.conf.set(key, value)
            self.attach_sources(dict(getattr(self, "_sources", {})))
        for key, value in settings.items():
            if key not in STARTUP_SETTINGS:
                self.spark.conf.set(key, str(value))

    def settings(self) -> dict[str, str]:
        startup = {**_DEFAULTS, **startup_settings()}
        return {**{k: startup.get(k, "") for k in STARTUP_SETTINGS}, **self._runtime_settings()}

    def _runtime_settings(self) -> dict[str, str]:
        names = [k for k in SETTINGS if k not in STARTUP_SETTINGS]
        return {k: str(self.spark.conf.get(k)) for k in names}

    def scale_up(
        self, factor: int, memory_cap: int, spill: Path | None = None
    ) -> tuple[dict[str, str], dict[str, str]]:
        """More memory (driver and executors, within `memory_cap` bytes), more shuffle
        partitions (smaller tasks), adaptive execution on. Raises UsageError at the cap.
        `spill` is unused: Spark spills to its own local directories."""
        before = self.settings()
        memory = min(_bytes(before["spark.driver.memory"]) * factor, memory_cap)
        partitions = int(before["spark.sql.shuffle.partitions"]) * factor
        partitions = min(partitions, MAX_SHUFFLE_PARTITIONS)
        changes = {
            "spark.sql.shuffle.partitions": str(partitions),
            "spark.sql.adaptive.enabled": "true",
        }
        if memory > _bytes(before["spark.driver.memory"]):
            mib = f"{memory // 2**20}m"
            changes |= {"spark.driver.memory": mib, "spark.executor.memory": mib}
        if all(before.get(k, "").lower() == v.lower() for k, v in changes.items()):
            raise UsageError(
                "Spark is already at its memory cap and shuffle partitions",
                hint="give the cluster more memory or reduce the data",
            )
        self.configure(changes)
        return before, self.settings()

    def attach_sources(self, sources: Mapping[str, str]) -> dict[str, int]:
        """Each file (or folder, or glob) cached as a temporary view named for it: read now,
        once, so every query of the run sees the same snapshot."""
        from datamorph.engines.spark import quote

        rows: dict[str, int] = {}
        self._sources = {**getattr(self, "_sources", {}), **sources}
        for name, path in sources.items():
            frame = read_file(self.spark, Path(path))
            frame.createOrReplaceTempView(name)
            self.spark.sql(f"CACHE TABLE {quote(name)}")
            rows[name] = int(self.spark.table(name).count())
        return rows


def read_file(spark: Any, path: Path) -> Any:
    """A Parquet, CSV (with a header) or JSON-lines file as a DataFrame."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None and path.is_dir():
        reader = "parquet"
    if reader is None:
        raise UsageError(
            f"cannot read '{path.name}' on Spark", hint="use a .parquet, .csv or .json file"
        )
    options = {"header": True, "inferSchema": True} if reader == "csv" else {}
    return getattr(spark.read, reader)(str(path), **options)


def _check_setting(key: str, value: str) -> None:
    pattern = SETTINGS.get(key)
    if pattern is None:
        raise unknown_name_error("spark setting", key, SETTINGS)
    if not pattern.match(value):
        raise UsageError(
            f"invalid value '{value}' for {key}",
            hint="e.g. spark.driver.memory=4g, spark.sql.shuffle.partitions=64",
        )
    if key == "spark.sql.shuffle.partitions" and not 1 <= int(value) <= MAX_SHUFFLE_PARTITIONS:
        raise UsageError(f"{key} must be between 1 and {MAX_SHUFFLE_PARTITIONS}", hint="e.g. 64")


def _bytes(size: str) -> int:
    """Spark's sizes: `512m`, `2g`, a bare number of MiB (as spark.driver.memory reads it)."""
    text = size.strip().lower().removesuffix("b")
    units = {"k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text or 1024) * 2**20

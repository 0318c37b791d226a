"""`datamorph.loading.load`: a data file into a table, with the schema it inferred and the values
it could not parse said out loud, never silently turned into text.

The file is sniffed and scanned by an in-memory DuckDB (whatever the target engine), with the
options applied there: types, date and timestamp formats, null tokens, the CSV dialect. DuckDB
then loads the file itself into a staging table; PostgreSQL and Spark get the rows as a Parquet
file the reader wrote, already typed, through their own `stage_file`. Publishing is the
engine's atomic swap (or append): a refused or failed load leaves the table as it was.

Dirt (a column most of whose values are numbers or dates, but not all) is loaded as text with
a warning per column, its counts, examples and the fix; `strict=True` refuses it instead. A
value that breaks a type the caller demanded (`types=`, or the table's own under `append`) is
always refused: loading it as text would contradict the demand.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

import duckdb

from datamorph.engines import Engine, open_engine, parse_database
from datamorph.engines.base import quote
from datamorph.errors import UsageError, unknown_name_error
from datamorph.loading_models import (
    Dirt,
    LoadedColumn,
    LoadOptions,
    LoadRefused,
    LoadReport,
    SchemaMismatch,
)
from datamorph.loading_read import (
    FileKind,
    Progress,
    Source,
    canonical_type,
    check_file,
    check_table_name,
    excel_to_csv,
    notify,
    open_source,
    reader_connection,
    reading,
    watched,
)
from datamorph.loading_scan import Plan, Scan
from datamorph.spec.model import TargetTable

__all__ = ["LoadRefused", "LoadReport", "SchemaMismatch", "load", "load_into"]

WIDE = 200  # more columns than this: the scan's SQL costs more than the load; it is skipped


def load(
    file: str | Path,
    table: str,
    *,
    database: str | None = None,
    append: bool = False,
    types: Mapping[str, str] | None = None,
    date_format: str | Sequence[str] | None = None,
    timestamp_format: str | Sequence[str] | None = None,
    nulls: str | Sequence[str] | None = None,
    delimiter: str | None = None,
    header: bool | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Load `file`, a CSV, TSV, JSON/JSON-lines, Parquet or Excel (.xlsx) file, into `table`.

    CSV and JSON may be compressed (.gz, .zst). The table is replaced, or with `append=True`
    added to; either is atomic. `database`: a DuckDB file (default: the demo database), a
    postgresql:// URL or spark:MASTER.

    Options (the CLI's `--type`, `--date-format`... in the same words):
    types: column -> SQL type (`{"amount": "DECIMAL(12,2)"}`), instead of the inferred one.
    date_format, timestamp_format: strptime formats (one or several, tried in order, then ISO).
    nulls: tokens read as NULL, besides the empty field (`["n/a", "-"]`).
    delimiter, header, encoding (utf-8, latin-1, utf-16): the CSV dialect, else sniffed.
    sheet: an Excel workbook's sheet, by name or 1-based number (default: the first).
    strict: refuse a column that is mostly numbers or dates with some dirt, instead of
    loading it as text with a warning (`LoadReport.dirt`).
    progress: called with (phase, fraction or None) while a long step runs.

    Returns the LoadReport (rows, columns with types and nulls, dirt with fixes). Raises
    UsageError (nothing written): an unreadable file, an unknown column in `types`;
    LoadRefused: a value breaks a demanded type, or dirt under `strict`; SchemaMismatch: an
    append whose columns differ from the table's.
    """
    options = LoadOptions(
        types=dict(types or {}),
        date_formats=_many(date_format),
        timestamp_formats=_many(timestamp_format),
        nulls=_many(nulls),
        delimiter=delimiter,
        header=header,
        encoding=encoding,
        sheet=None if sheet is None else str(sheet),
        strict=strict,
    )
    return _load(Path(file), table, append, options, progress, database=database)


def load_into(
    engine: Engine,
    file: str | Path,
    table: str,
    *,
    append: bool = False,
    progress: Progress | None = None,
    **options: Any,
) -> LoadReport:
    """`load` on an engine the caller opened (and closes): the same options as `load`. A
    PostgreSQL or Spark engine gets the rows as Parquet; a DuckDB engine reads the file itself,
    so it must have been opened with the file among its `files`."""
    chosen = LoadOptions(
        types=dict(options.pop("types", None) or {}),
        date_formats=_many(options.pop("date_format", None)),
        timestamp_formats=_many(options.pop("timestamp_format", None)),
        nulls=_many(options.pop("nulls", None)),
        **options,
    )
    return _load(Path(file), table, append, chosen, progress, engine=engine)


def _load(
    path: Path,
    table: str,
    append: bool,
    options: LoadOptions,
    progress: Progress | None,
    *,
    database: str | None = None,
    engine: Engine | None = None,
) -> LoadReport:
    started = time.monotonic()
    check_table_name(table)
    kind = check_file(path, options)
    engine_name = engine.name if engine is not None else parse_database(database).engine
    with tempfile.TemporaryDirectory(prefix="datamorph-load-") as folder:
        work = Path(folder)
        readable, read_kind = path, kind
        if kind.format == "xlsx":
            readable = excel_to_csv(path, work, progress, sheet=options.sheet)
            read_kind = FileKind("csv", None)
        elif options.sheet is not None:
            raise UsageError(
                f"--sheet is for Excel workbooks, and '{path.name}' is {kind.format}",
                hint="leave --sheet out",
            )
        reader = reader_connection([readable, work])
        try:
            notify(progress, "reading the file's layout", None)
            source = open_source(reader, readable, read_kind, options)
            job = _Job(path, table, append, options, reader, source, work, progress)
            report = job.run(database, engine_name, engine)
        finally:
            reader.close()
    report.format, report.compression = kind.format, kind.compression
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _many(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


class _Job:
    """One load, from the sniffed source to the published table."""

    def __init__(
        self,
        path: Path,
        table: str,
        append: bool,
        options: LoadOptions,
        reader: duckdb.DuckDBPyConnection,
        source: Source,
        work: Path,
        progress: Progress | None,
    ) -> None:
        self.path, self.table, self.append, self.options = path, table, append, options
        self.reader, self.source, self.work, self.progress = reader, source, work, progress

    def run(self, database: str | None, engine_name: str, given: Engine | None) -> LoadReport:
        from datamorph.config import demo_database

        user_types = self._user_types()
        # DuckDB reads the file itself, so its fence must let it; a server engine gets Parquet
        files = [self._readable_file(), self.work] if engine_name == "duckdb" else []
        where = database or str(demo_database())
        engine = given
        if engine is None and self.append:  # the table's types are the demand: scan needs it
            engine = open_engine(where, create=True, files=files)
        try:
            existing = self._existing(engine) if engine is not None and self.append else None
            wanted = self._wanted(user_types, existing)
            plan, notes = self._plan(wanted)
            self._refuse(plan, existing)
            if engine is None:  # a refused load creates no database
                engine = open_engine(where, create=True, files=files)
            return self._publish(engine, plan, notes)
        finally:
            if engine is not None and given is None:
                engine.close()

    def _readable_file(self) -> Path:
        return Path(self.source.params[0])

    # ---- the types each column is to have ---------------------------------------------------

    def _user_types(self) -> dict[str, str]:
        columns = {name.lower(): name for name in self.source.columns}
        chosen: dict[str, str] = {}
        for name, text in self.options.types.items():
            if name.lower() not in columns:
                raise unknown_name_error("column", name, self.source.columns)
            chosen[columns[name.lower()]] = canonical_type(self.reader, text, "duckdb")
        return chosen

    def _existing(self, engine: Engine) -> dict[str, str] | None:
        if not engine.table_exists(self.table):
            return None
        table = engine.catalog(samples=0, counts=False).table(self.table)
        return {c.name: canonical_type(self.reader, c.type, engine.dialect) for c in table.columns}

    def _wanted(
        self, user: dict[str, str], existing: dict[str, str] | None
    ) -> dict[str, tuple[str, str]]:
        if existing is None:
            return {
                name: (user[name], "option") if name in user else (inferred, "inferred")
                for name, inferred in self.source.inferred.items()
            }
        in_table = {name.lower(): name for name in existing}
        in_file = {name.lower() for name in self.source.columns}
        missing = [name for name in existing if name.lower() not in in_file]
        extra = [name for name in self.source.columns if name.lower() not in in_table]
        changed = [
            f"{name} ({user[name]} by --type, {existing[in_table[name.lower()]]} in the table)"
            for name in user
            if name.lower() in in_table and user[name] != existing[in_table[name.lower()]]
        ]
        if missing or extra or changed:
            raise self._mismatch(missing, extra, changed)
        return {name: (existing[in_table[name.lower()]], "table") for name in self.source.columns}

    def _mismatch(self, missing: list[str], extra: list[str], changed: list[str]) -> SchemaMismatch:
        parts = [
            f"{label}: {', '.join(names)}"
            for label, names in (("missing", missing), ("extra", extra), ("type changes", changed))
            if names
        ]
        return SchemaMismatch(
            f"cannot append '{self.path.name}' to '{self.table}': its columns differ from the "
            f"table's ({'; '.join(parts)})",
            hint="make the file's columns match the table's, or load it into a new table "
            "(without --append)",
            missing=missing,
            extra=extra,
            changed=changed,
        )

    # ---- the scan ----------------------------------------------------------------------------

    def _plan(self, wanted: dict[str, tuple[str, str]]) -> tuple[Plan, list[str]]:
        if len(wanted) > WIDE:
            note = f"{len(wanted):,} columns: the dirt scan (up to {WIDE}) was skipped"
            types = {name: target for name, (target, _) in wanted.items()}
            sources = {name: source for name, (_, source) in wanted.items()}
            return Plan(types=types, sources=sources, nulls={}), [note]
        scan = Scan(
            self.source.reader,
            self.source.params,
            self.source.columns,
            self.options.date_formats + _own(self.source.date_format),
            self.options.timestamp_formats + _own(self.source.timestamp_format),
            lambda sql, params: self.reader.execute(sql, params).fetchall(),
        )
        with reading(self.path), watched(self.reader, "scanning for dirt", self.progress):
            return scan.run(wanted), []

    def _refuse(self, plan: Plan, existing: dict[str, str] | None) -> None:
        if plan.problems and existing is not None:
            changed = [
                f"{p.column} ({p.short()} the table's {p.expected}, e.g. '{p.examples[0][0]}')"
                for p in plan.problems
            ]
            raise self._mismatch([], [], changed)
        if plan.problems:
            raise LoadRefused(
                f"{_columns(plan.problems)} values that are not the --type given: "
                + ", ".join(f"{p.column} ({p.short()} {p.expected})" for p in plan.problems),
                hint=_fixes(plan.problems),
                problems=plan.problems,
            )
        if plan.dirt and self.options.strict:
            raise LoadRefused(
                f"--strict: {_columns(plan.dirt)} dirt, values that are not the numbers or dates "
                "the rest are: "
                + ", ".join(f"{d.column} ({d.short()} {d.expected})" for d in plan.dirt),
                hint=_fixes(plan.dirt),
                problems=plan.dirt,
            )

    # ---- staging and publishing ---------------------------------------------------------------

    def _select(self, plan: Plan) -> tuple[str, list[Any]]:
        source = self.source
        if not plan.nulls and len(plan.types) > WIDE:  # the wide path: DuckDB's own typed read
            exprs = [
                quote(name) if plan.types[name] == source.inferred[name]
                else f"CAST({quote(name)} AS {plan.types[name]}) AS {quote(name)}"
                for name in plan.types
            ]  # fmt: skip
            return f"SELECT {', '.join(exprs)} FROM {source.typed_reader}", source.typed_params
        scan = Scan(
            source.reader,
            source.params,
            source.columns,
            self.options.date_formats + _own(source.date_format),
            self.options.timestamp_formats + _own(source.timestamp_format),
            lambda sql, params: [],
        )
        exprs = [
            f"{scan.parse(name, target)} AS {quote(name)}" for name, target in plan.types.items()
        ]
        return f"SELECT {', '.join(exprs)} FROM {source.reader}", source.params

    def _publish(self, engine: Engine, plan: Plan, notes: list[str]) -> LoadReport:
        select, params = self._select(plan)
        run_id = f"load_{uuid.uuid4().hex[:12]}"
        staging = self._stage(engine, select, params, run_id)
        try:
            notify(self.progress, "publishing", None)
            mode = "append" if self.append else "replace"
            result = engine.publish(staging, TargetTable(name=self.table, mode=mode))
        except BaseException:
            with suppress(Exception):
                engine.drop_staging(staging)
            raise
        if engine.name != "duckdb":
            notes.append(f"the types are DuckDB's; {engine.name} has its own names for them")
        return LoadReport(
            file=str(self.path),
            table=result.target,
            database=engine.location,  # a server's without its password
            mode=mode,
            format="",
            compression=None,
            rows=staging.rows,
            table_rows=result.rows,
            columns=[
                LoadedColumn(
                    name=name, type=kind, nulls=plan.nulls.get(name), source=plan.sources[name]
                )
                for name, kind in plan.types.items()
            ],
            dirt=plan.dirt,
            dialect=self.source.dialect,
            notes=notes,
        )

    def _stage(self, engine: Engine, select: str, params: list[Any], run_id: str) -> Any:
        if engine.name == "duckdb":
            con = engine.con  # type: ignore[attr-defined]
            with watched(con, "loading", self.progress):
                return engine.stage_select(select, params, run_id)  # type: ignore[attr-defined]
        if not hasattr(engine, "stage_file"):
            raise UsageError(f"`load` is not supported by the {engine.name} engine")
        parquet = self.work / "load.parquet"
        with reading(self.path), watched(self.reader, "converting", self.progress):
            target = str(parquet).replace("'", "''")
            self.reader.execute(f"COPY ({select}) TO '{target}' (FORMAT parquet)", params)
        notify(self.progress, f"copying into {engine.name}", None)
        return engine.stage_file(parquet, run_id)


def _own(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


def _fixes(found: list[Dirt]) -> str:
    if len(found) == 1:
        return found[0].fix
    return "the examples and the fix of each column are listed above (`problems` in --json)"


def _columns(found: list[Dirt]) -> str:
    return "1 column has" if len(found) == 1 else f"{len(found)} columns have"

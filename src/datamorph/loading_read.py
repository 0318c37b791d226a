"""How `load` reads a file: its kind (CSV, JSON, Parquet, Excel; gzip or zstd), DuckDB's sniffer
for the CSV dialect and the types, and the raw reader the scan and the load select from.

A CSV is read raw (every column as text, with the sniffed dialect spelled out), so that the
scan and the load parse each value with the same expression: a value the scan passed cannot
fail the load, wherever it is in the file. Excel goes through a CSV written by openpyxl (the
DuckDB excel extension cannot be installed here), so it gets the same sniffing and dirt scan.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from datamorph.engines.duckdb_confine import CONFIG, confine
from datamorph.errors import NotFoundError, UsageError
from datamorph.loading_models import LoadOptions
from datamorph.spec.check import RESERVED_PREFIX

_FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
    ".parquet": "parquet",
    ".xlsx": "xlsx",
}
_COMPRESSIONS = {".gz": "gzip", ".zst": "zstd"}
_KINDS_HINT = (
    "use .csv, .tsv, .json, .jsonl, .parquet or .xlsx (CSV and JSON may end in .gz or .zst)"
)
_TYPE = re.compile(r"^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])?$")
_CSV_ONLY = ("delimiter", "header", "encoding", "nulls")
_ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "latin-1": "latin-1", "latin1": "latin-1",
              "iso-8859-1": "latin-1", "utf-16": "utf-16", "utf16": "utf-16"}  # fmt: skip


@dataclass(frozen=True)
class FileKind:
    format: str  # csv, json, parquet, xlsx
    compression: str | None  # gzip, zstd


@dataclass
class Source:
    """A file as the scan and the load read it."""

    kind: FileKind
    reader: str  # a table function call; its parameters are `params`
    params: list[Any]
    columns: dict[str, str]  # name -> type as `reader` gives it (all VARCHAR for a CSV)
    inferred: dict[str, str]  # name -> the type DuckDB infers for it
    date_format: str | None = None  # the sniffer's, for the columns it typed DATE
    timestamp_format: str | None = None
    dialect: dict[str, str] = field(default_factory=dict)
    typed_reader: str = ""  # the file read with the inferred types (a very wide file)
    typed_params: list[Any] = field(default_factory=list)


def file_kind(path: Path) -> FileKind:
    """The kind of a data file by its name, checked before anything is opened or written."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    compression = _COMPRESSIONS.get(suffixes[-1]) if suffixes else None
    base = suffixes[-2] if compression and len(suffixes) == 2 else (suffixes or [""])[-1]
    kind = _FORMATS.get(base)
    if kind is None or (compression and kind in ("parquet", "xlsx")):
        raise UsageError(f"cannot load '{path.name}': unknown file type", hint=_KINDS_HINT)
    return FileKind(kind, compression)


def check_table_name(table: str) -> None:
    if not table.strip():
        raise UsageError("the table name is empty", hint="give --table NAME")
    if table.lower().startswith(RESERVED_PREFIX):
        raise UsageError(
            f"table names starting with {RESERVED_PREFIX} are reserved", hint="choose another name"
        )


def canonical_type(con: duckdb.DuckDBPyConnection, text: str, dialect: str) -> str:
    """DuckDB's own name of a type (`int` -> INTEGER, `numeric(12,2)` -> DECIMAL(12,2)), the
    text a --type or a table gives checked to be a type and nothing else."""
    from sqlglot import exp

    bad = UsageError(
        f"unknown type '{text}'",
        hint="use a SQL type: BIGINT, DOUBLE, DECIMAL(12,2), DATE, TIMESTAMP, VARCHAR...",
    )
    if not _TYPE.match(text.strip()):
        raise bad
    try:
        built = exp.DataType.build(text.strip(), dialect=dialect).sql("duckdb")
        row = con.execute(f"SELECT typeof(CAST(NULL AS {built}))").fetchone()
    except Exception:  # sqlglot's or DuckDB's: either way the text is no type
        raise bad from None
    return str(row[0]) if row else text


def check_file(path: Path, options: LoadOptions) -> FileKind:
    kind = file_kind(path)
    if not path.is_file():
        raise NotFoundError(f"file '{path}' not found", hint="check the path")
    if path.stat().st_size == 0:  # DuckDB would make a one-column, 0-row table
        raise UsageError(f"'{path}' is empty: nothing to load", hint="check the file was written")
    with path.open("rb"):  # unreadable: the OSError says so, before a database is created
        pass
    given = [name for name in _CSV_ONLY if getattr(options, name) not in (None, (), "")]
    if kind.format in ("json", "parquet") and given:
        option = "--" + given[0].rstrip("s").replace("_", "-")
        raise UsageError(
            f"{option} applies to CSV and Excel files, not to {kind.format}",
            hint=f"drop {option}; a {kind.format} file says its own types (use --type)",
        )
    return kind


Progress = Callable[[str, float | None], None]  # (phase, fraction done or None: unknown)


def reader_connection(files: Sequence[Path]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that may read `files` (and folders) and nothing else."""
    con = duckdb.connect(":memory:", config=CONFIG)
    try:
        confine(con, files)
    except BaseException:
        con.close()
        raise
    return con


def notify(progress: Progress | None, phase: str, fraction: float | None) -> None:
    if progress is not None:
        progress(phase, fraction)


@contextmanager
def watched(
    con: duckdb.DuckDBPyConnection, phase: str, progress: Progress | None
) -> Iterator[None]:
    """Report the share of the running statement DuckDB has done, every 0.2 s."""
    if progress is None:
        yield
        return
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.2):
            value = con.query_progress()
            progress(phase, value / 100 if value >= 0 else None)

    thread = threading.Thread(target=poll, name="load-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
    progress(phase, 1.0)


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """DuckDB's complaints about the file are the user's input: one line, exit 2."""
    try:
        yield
    except duckdb.Error as error:
        raise UsageError(
            f"cannot read '{path.name}': {first_lines(error)}", hint=_hint(error)
        ) from None


def first_lines(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith(("Original Line", "Possible Solution"))]
    text = ": ".join(lines[:2]) if lines and lines[0].startswith("CSV Error") else lines[0]
    return text[:220] if lines else type(error).__name__


def _hint(error: BaseException) -> str:
    text = str(error)
    if "unicode" in text.lower() or "encoding" in text.lower():
        return "pass --encoding latin-1 (or utf-16), or save the file as UTF-8"
    if "Conversion" in type(error).__name__ or "Could not convert" in text:
        return "pass --type COLUMN=VARCHAR for that column, or fix the value"
    return "check the file's format, or pass --delimiter / --header / --no-header"


def open_source(
    con: duckdb.DuckDBPyConnection, path: Path, kind: FileKind, options: LoadOptions
) -> Source:
    """Sniff the file (CSV) or ask its reader (JSON, Parquet) for its columns and types."""
    with reading(path):
        if kind.format == "csv":
            return _csv_source(con, path, kind, options)
        function = "read_json" if kind.format == "json" else "read_parquet"
        args = "" if kind.format == "parquet" else ", compression = ?"
        params: list[Any] = [str(path)] + ([kind.compression or "auto"] if args else [])
        reader = f"{function}(?{args})"
        described = con.execute(f"DESCRIBE SELECT * FROM {reader}", params).fetchall()
        columns = {str(row[0]): str(row[1]) for row in described}
        return Source(
            kind, reader, params, columns, dict(columns), typed_reader=reader, typed_params=params
        )


def _csv_source(
    con: duckdb.DuckDBPyConnection, path: Path, kind: FileKind, options: LoadOptions
) -> Source:
    given = _csv_arguments(path, kind, options)
    names = ", ".join(f"{name} = ?" for name in given)
    row = con.execute(
        "SELECT Delimiter, Quote, Escape, SkipRows, HasHeader, Columns, DateFormat, "
        f"TimestampFormat FROM sniff_csv(?, {names})",
        [str(path), *given.values()],
    ).fetchone()
    assert row is not None  # sniff_csv answers one row or raises
    delimiter, quote_char, escape, skip, header, sniffed, date_format, ts_format = row
    inferred = {str(c["name"]): str(c["type"]) for c in sniffed}
    dialect = {
        "delim": delimiter,
        "quote": _empty(quote_char),
        "escape": _empty(escape),
        "skip": int(skip),
        "header": bool(header),
    }
    raw = {**given, **dialect, "auto_detect": False, "columns": dict.fromkeys(inferred, "VARCHAR")}
    typed = {**given, **dialect, "auto_detect": False, "columns": inferred}
    typed |= {"dateformat": date_format} if date_format else {}
    typed |= {"timestampformat": ts_format} if ts_format else {}
    shown = {"delimiter": delimiter, "header": str(bool(header)).lower()}
    shown |= {"date_format": date_format} if date_format else {}
    shown |= {"timestamp_format": ts_format} if ts_format else {}
    shown |= {"encoding": given["encoding"]} if "encoding" in given else {}
    return Source(
        kind,
        _call(raw),
        [str(path), *raw.values()],
        dict.fromkeys(inferred, "VARCHAR"),
        inferred,
        date_format,
        ts_format,
        shown,
        typed_reader=_call(typed),
        typed_params=[str(path), *typed.values()],
    )


def _call(arguments: dict[str, Any]) -> str:
    return "read_csv(?, " + ", ".join(f"{name} = ?" for name in arguments) + ")"


def _empty(value: str) -> str:
    return "" if value == "(empty)" else value


def _csv_arguments(path: Path, kind: FileKind, options: LoadOptions) -> dict[str, Any]:
    given: dict[str, Any] = {"nullstr": ["", *options.nulls]}  # an empty field is always NULL
    if kind.compression:
        given["compression"] = kind.compression
    if options.delimiter is not None:
        given["delim"] = options.delimiter.replace("\\t", "\t")
    if options.header is not None:
        given["header"] = options.header
    encoding = options.encoding or _bom_encoding(path, kind)
    if encoding is not None:
        if encoding.lower() not in _ENCODINGS:
            raise UsageError(f"unknown encoding '{encoding}'", hint="use utf-8, latin-1 or utf-16")
        given["encoding"] = _ENCODINGS[encoding.lower()]
    return given


def _bom_encoding(path: Path, kind: FileKind) -> str | None:
    """A UTF-16 file says so in its first two bytes: no need to make the user say it."""
    if kind.compression:
        return None
    with path.open("rb") as stream:
        return "utf-16" if stream.read(2) in (b"\xff\xfe", b"\xfe\xff") else None


# ---- Excel ----------------------------------------------------------------------------------


def excel_to_csv(
    path: Path, folder: Path, progress: Any = None, *, sheet: str | None = None
) -> Path:
    """A sheet of a workbook (`sheet`: its name or 1-based number; default the first) as a CSV
    in `folder`: dates as ISO text, numbers as Python writes them, empty cells empty; the CSV
    path then reads it like any other."""
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UsageError(
            f"cannot read '{path.name}' as an Excel workbook: {type(error).__name__}: {error}",
            hint="save it again as .xlsx from Excel, or export it as CSV",
        ) from None
    target = folder / (path.stem + ".csv")
    try:
        sheet_read = _sheet(book, sheet, path)
        total = sheet_read.max_row or 0
        with target.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            for number, row in enumerate(sheet_read.iter_rows(values_only=True), start=1):
                writer.writerow([_cell_text(value) for value in row])
                if progress is not None and number % 5_000 == 0 and total:
                    progress("reading the workbook", min(number / total, 1.0))
    finally:
        book.close()
    return target


def _sheet(book: Any, wanted: str | None, path: Path) -> Any:
    """The sheet asked for, by name (as Excel shows it) or 1-based number."""
    if wanted is None:
        return book.worksheets[0]
    if wanted in book.sheetnames:
        return book[wanted]
    if wanted.isdigit() and 1 <= int(wanted) <= len(book.worksheets):
        return book.worksheets[int(wanted) - 1]
    names = ", ".join(repr(name) for name in book.sheetnames)
    raise UsageError(
        f"'{path.name}' has no sheet {wanted!r}",
        hint=f"its sheets are {names}: give --sheet a name or a number from 1",
    )


_TRAILING_ZERO = re.compile(r"\.0$")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return _TRAILING_ZERO.sub("", repr(value))
    return str(value)

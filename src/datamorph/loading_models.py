"""What `datamorph load` is told and what it answers: the options, the report of a load (the
schema it chose, the values it could not parse) and the errors that carry a report."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from datamorph import notebook
from datamorph.errors import UsageError

# A column is "mostly" numbers or dates when at least this share of its values parse: below it
# the column is text that happens to hold a few numbers, above it the rest is dirt.
MOSTLY = 0.9


class LoadOptions(BaseModel):
    """How to read the file; every field left empty means "as DuckDB's sniffer infers"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    types: dict[str, str] = Field(default_factory=dict)  # column -> SQL type
    date_formats: tuple[str, ...] = ()  # strptime formats, tried in order
    timestamp_formats: tuple[str, ...] = ()
    nulls: tuple[str, ...] = ()  # tokens read as NULL (besides the empty field)
    delimiter: str | None = None
    header: bool | None = None
    encoding: str | None = None
    sheet: str | None = None  # Excel: the sheet's name or 1-based number (default: the first)
    strict: bool = False  # refuse a file with dirt instead of loading those columns as text


class LoadedColumn(BaseModel):
    name: str
    type: str  # the type the table has
    nulls: int | None  # None: not counted (a very wide file skips the scan)
    source: Literal["inferred", "option", "table", "dirt"]  # why it has that type


class Dirt(BaseModel):
    """A column most of whose values parse as `expected` but not all: what did not, and the
    fix. The column is loaded as text (or, with --strict, not at all)."""

    column: str
    expected: str  # the type most values parse as
    bad: int  # values that do not
    values: int  # non-null values in all
    examples: list[tuple[str, int]]  # the most frequent bad values, with their counts
    fix: str  # the options (or the cleaning expression) that would load it typed

    def short(self) -> str:
        return f"{self.bad:,} of {self.values:,} values not"

    def summary(self) -> str:
        shown = ", ".join(f"'{value}' ×{count:,}" for value, count in self.examples[:3])
        return f"{self.column}: {self.short()} {self.expected} ({shown})"


class LoadReport(notebook.Shown, BaseModel):
    """The answer of `load`: what went in, as which types, and what could not be parsed. In a
    notebook, a small table (notebook.py)."""

    file: str
    table: str
    database: str  # as it may be shown (no password)
    mode: Literal["replace", "append"]
    format: str  # csv, json, parquet, xlsx
    compression: str | None
    rows: int  # rows read from the file
    table_rows: int  # rows in the table after the load
    columns: list[LoadedColumn]
    dirt: list[Dirt] = Field(default_factory=list)
    dialect: dict[str, str] = Field(default_factory=dict)  # delimiter, header, formats found
    notes: list[str] = Field(default_factory=list)  # what the load did that a user should know
    seconds: float = 0.0

    @property
    def warnings(self) -> list[str]:
        return [f"{d.summary()}: loaded as text. Fix: {d.fix}" for d in self.dirt]

    def _view(self) -> notebook.View:
        return notebook.load_view(self)


class LoadRefused(UsageError):
    """The file cannot go in as asked (dirt under --strict, a value that is not the type a
    --type or the table demands); nothing was written. `problems` has the details."""

    def __init__(self, message: str, *, hint: str, problems: list[Dirt]) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems


class SchemaMismatch(UsageError):
    """An append whose file has other columns than the table; nothing was written."""

    def __init__(
        self,
        message: str,
        *,
        hint: str,
        missing: list[str],
        extra: list[str],
        changed: list[str],
    ) -> None:
        super().__init__(message, hint=hint)
        self.missing, self.extra, self.changed = missing, extra, changed

"""The read-only commands as library functions: `datamorph.catalog`, `datamorph.compile` and
`datamorph.validate`, which the CLI commands of the same names call too. Each opens the
database read-only (the configured default when none is given, as every command does), does
its work and closes it; bad input raises `UsageError`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datamorph import notebook
from datamorph.codegen.sql import SQL_DIALECTS, compile_sql
from datamorph.engines import open_engine
from datamorph.engines.unopened import cached_catalog
from datamorph.errors import unknown_name_error
from datamorph.spec import Spec
from datamorph.spec.loading import load_spec

if TYPE_CHECKING:
    from datamorph.catalog import Catalog
    from datamorph.validation import ValidationReport

DIALECTS = [*SQL_DIALECTS, "pyspark", "glue"]


def read_catalog(
    database: str | None = None,
    *,
    engine: str | None = None,
    profile: bool = False,
    samples: int = 0,
) -> Catalog:
    """The database's tables, columns, types, keys and row counts.

    `database` is a DuckDB file, a `postgresql://` URL or a Spark master (`spark:local[2]`);
    by default the configured one (DATAMORPH_DATABASE, `datamorph.toml`, else the demo
    database). `engine` names the engine when the URL does not. `profile` adds column
    statistics from a sample (distinct counts, null fractions, top values); `samples` keeps
    that many example rows per table.

        catalog = datamorph.catalog("shop.duckdb", profile=True)
        catalog.table("orders").column_names
    """
    opened = open_engine(database, engine, read_only=True)
    try:
        return opened.catalog(samples=samples, profile=profile)
    finally:
        opened.close()


@dataclass(repr=False)
class CompiledCode(notebook.Shown):
    """The code a spec compiles to: `str(compiled)` is the code, ready to run or save."""

    code: str
    dialect: str
    target_table: str

    def __str__(self) -> str:
        return self.code

    def _view(self) -> notebook.View:
        lines = notebook.count(len(self.code.splitlines()), "line")
        return notebook.View(
            "CompiledCode", f"{self.dialect}, {lines} for {self.target_table}", code=self.code
        )


def compile_spec(
    spec: Spec | dict[str, Any] | str | Path,
    *,
    dialect: str | None = None,
    database: str | None = None,
    engine: str | None = None,
) -> CompiledCode:
    """Compile a spec to code, checked against the database's catalog; runs nothing.

    `spec` is a `Spec`, a dict, a JSON string or a path to a JSON file. `dialect` is one of
    duckdb, postgres, spark, pyspark or glue (default: the database's own). `database` and
    `engine` say whose catalog the spec is checked against, as in `datamorph.catalog`.

        print(datamorph.compile("spec.json", dialect="postgres"))
    """
    if dialect is not None and dialect not in DIALECTS:
        raise unknown_name_error("dialect", dialect, DIALECTS)
    loaded = load_spec(spec)
    cached = cached_catalog(database, engine, samples=0)
    if cached is not None:
        catalog, dialect = cached[0], dialect or "duckdb"
    else:
        opened = open_engine(database, engine, read_only=True)
        try:
            catalog = opened.catalog(samples=0)
            dialect = dialect or opened.dialect
        finally:
            opened.close()
    if dialect in SQL_DIALECTS:
        code = compile_sql(loaded, catalog, dialect)
    else:
        from datamorph.codegen.pyspark import compile_pyspark

        code = compile_pyspark(loaded, catalog, glue=dialect == "glue")
    return CompiledCode(code.rstrip("\n") + "\n", dialect, loaded.target_table.name)


def validate_table(
    spec: Spec | dict[str, Any] | str | Path,
    table: str,
    *,
    database: str | None = None,
    engine: str | None = None,
) -> ValidationReport:
    """Validate an existing table against a spec with the rule-based checks, read-only.

    `spec` is a `Spec`, a dict, a JSON string or a path to a JSON file; `table` is the table
    to check; `database` and `engine` as in `datamorph.catalog`. The report's `status` is
    `pass`, `fail`, or `error` (a check gave no answer: not verified, never a pass).

        report = datamorph.validate("spec.json", "orders_by_customer")
        report.failed
    """
    from datamorph.validation import validate

    loaded = load_spec(spec)
    opened = open_engine(database, engine, read_only=True)
    try:
        catalog = opened.catalog(samples=0)
        if not (catalog.has_table(table) or opened.table_exists(table)):
            raise unknown_name_error("table", table, catalog.table_names)
        return validate(opened, loaded, table, catalog)
    finally:
        opened.close()

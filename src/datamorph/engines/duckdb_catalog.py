"""The catalog of a DuckDB database: tables, columns, keys, exact row counts, first rows and
column profiles from a bounded sample, cached between processes while the file is unchanged.

The profile never reads a whole table: a table of at most SAMPLE_ROWS rows is its own sample;
a larger one is sampled by blocks (`system` sampling picks whole vectors of 2,048 rows and
skips the rest: ~1 ms at 10M rows, where a reservoir of the same size reads every row, ~100 ms
per statement). Row counts are exact (`count(*)` comes from the table's metadata, not a scan):
`Table.is_unique` compares a distinct count with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from datamorph.catalog import Catalog, Column, ForeignKey, Table
from datamorph.engines import catalog_cache
from datamorph.engines.base import quote
from datamorph.engines.profiling import SAMPLE_ROWS, VALUES_ROWS, profile_table
from datamorph.errors import DataMorphError

Execute = Callable[[str, list[Any] | None], duckdb.DuckDBPyConnection]
JsonValue = Callable[[Any], Any]

# The database's own tables and this connection's temporary ones (a run's file sources).
IN_SCOPE = "database_name IN (current_database(), 'temp') AND schema_name = 'main'"
SAMPLE_SEED = 7

_FUNCTIONS_BY_VERSION: dict[str, frozenset[str]] = {}


def read_catalog(
    execute: Execute,
    path: Path | None,
    json_value: JsonValue,
    *,
    samples: int,
    profile: bool,
    counts: bool,
) -> Catalog:
    """The catalog, from the cache when the database file is unchanged since it was stored."""
    options = catalog_cache.options(samples=samples, profile=profile, counts=counts)
    key = _file_state(execute, path, options)
    if key is not None and (cached := catalog_cache.load(key)) is not None:
        return cached
    catalog = _read(execute, json_value, samples=samples, profile=profile, counts=counts)
    # Stored only when the file did not change while it was read (a writer in this process)
    if key is not None and _file_state(execute, path, options) == key:
        catalog_cache.store(key, catalog)
    return catalog


def read_named(
    execute: Execute, names: Sequence[str], optional: Sequence[str] = ()
) -> Catalog | None:
    """The catalog of just the tables `names` (each must exist, else None: the whole catalog
    then says which is missing and what is there) and of those of `optional` that exist.

    Columns, types, nullability and primary key from each table's own pragma: listing every
    table (duckdb_tables(), duckdb_columns()) makes DuckDB load every table's metadata, 20-45
    ms on a fresh connection to a 1M-row database, where this touches only the tables a spec
    reads, as its query will. No row counts, samples, comments, unique or foreign keys: a spec
    run reads none of them. The caller's connection has no temporary tables (they would
    shadow, as in `_columns`)."""
    tables = []
    for name in dict.fromkeys([*names, *optional]):
        if "." in name or name.lower().startswith("_dm_"):
            return None
        try:
            info = execute('SELECT name, type, "notnull", pk FROM pragma_table_info(?)', [name])
            rows = info.fetchall()
        except DataMorphError:
            rows = []
        if not rows:
            if name in optional and name not in names:
                continue
            return None
        columns = tuple(Column(name=c, type=t, nullable=not notnull) for c, t, notnull, _ in rows)
        tables.append(
            Table(name=name, columns=columns, primary_key=tuple(c for c, _, _, pk in rows if pk))
        )
    return Catalog.of(tables, functions=_functions(execute), dialect="duckdb")


def _file_state(
    execute: Execute, path: Path | None, options: dict[str, Any]
) -> dict[str, Any] | None:
    """What changes whenever the data does, or None when no such signal is safe.

    A committed write lands in the WAL (which only grows until a checkpoint) or, at a
    checkpoint, in the file, whose header carries a checkpoint counter: the header's bytes and
    the WAL's size say whether anything was committed since. Temporary tables (a run's file
    sources) and views (which may read anything) live outside the file: no cache then. An open
    transaction may hold writes not yet in either: no cache then either."""
    if path is None or not path.is_file():
        return None
    outside = execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'temp' UNION ALL "
        f"SELECT count(*) FROM duckdb_views() WHERE {IN_SCOPE} AND NOT internal",
        None,
    ).fetchall()
    if any(n for (n,) in outside) or _in_transaction(execute):
        return None
    tables = execute(
        "SELECT table_name, estimated_size, column_count FROM duckdb_tables() "
        "WHERE database_name = current_database() ORDER BY ALL",
        None,
    ).fetchall()
    return {
        **catalog_cache.file_signature(path),
        "duckdb": duckdb.__version__,
        "tables": [list(row) for row in tables],
        **options,
    }


def _in_transaction(execute: Execute) -> bool:
    """Whether an explicit transaction is open (its uncommitted writes are visible here): in
    autocommit every statement gets a new transaction id, inside one they share it."""
    first, second = (execute("SELECT txid_current()", None).fetchall() for _ in range(2))
    return first == second


def _read(
    execute: Execute, json_value: JsonValue, *, samples: int, profile: bool, counts: bool
) -> Catalog:
    columns = _columns(execute)
    names = [name for name in columns if not name.lower().startswith("_dm_")]
    constraints = _constraints(execute)
    tables = []
    for name in names:
        listed = columns.get(name, [])
        row_count = None
        if counts or profile:
            # Exact, not duckdb_tables().estimated_size, which still counts deleted rows.
            (row_count,) = execute(f"SELECT count(*) FROM {quote(name)}", None).fetchone() or (0,)
        if profile and row_count:
            listed = _profiled(execute, name, listed, row_count)
        keys = constraints.get(name, {})
        tables.append(
            Table(
                name=name,
                columns=tuple(listed),
                row_count=row_count,
                primary_key=tuple(keys.get("pk", ())),
                unique_keys=tuple(keys.get("unique", ())),
                foreign_keys=tuple(keys.get("fk", ())),
                samples=tuple(first_rows(execute, json_value, name, samples)) if samples else (),
            )
        )
    return Catalog.of(tables, functions=_functions(execute), dialect="duckdb")


def _profiled(execute: Execute, table: str, columns: list[Column], rows: int) -> list[Column]:
    """Distinct counts, null fractions and ranges from a sample of about SAMPLE_ROWS rows (as
    the reservoir sample before it), frequent values from one of about VALUES_ROWS rows: blocks
    are less spread than single rows, and a value missed is a request not understood."""
    return profile_table(
        columns,
        lambda sql: execute(sql, None).fetchall(),
        _blocks(table, rows, SAMPLE_ROWS),
        distinct="approx_count_distinct({col})",
        values_sample=_blocks(table, rows, VALUES_ROWS),
    )


def _blocks(table: str, rows: int, wanted: int) -> str:
    """About `wanted` rows of the table in whole vectors, or the table when it is that small."""
    if rows <= wanted:
        return quote(table)
    percent = 100.0 * wanted / rows
    return f"(SELECT * FROM {quote(table)} USING SAMPLE {percent:.6f}% (system, {SAMPLE_SEED}))"


def first_rows(
    execute: Execute, json_value: JsonValue, table: str, limit: int
) -> list[dict[str, Any]]:
    cursor = execute(f"SELECT * FROM {quote(table)} LIMIT {int(limit)}", None)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, map(json_value, row), strict=True)) for row in cursor.fetchall()]


def _functions(execute: Execute) -> frozenset[str]:
    # The built-in functions (~1,200 names, 25-45 ms to list) depend on the DuckDB build, not
    # on the data: read once per build and kept on disk, for a run that changed the file (its
    # own publish does) and so misses the cached catalog. A database's own macros are not
    # among them: a spec calling one is refused as calling an unknown function.
    version = duckdb.__version__
    if version not in _FUNCTIONS_BY_VERSION:
        known = catalog_cache.load_functions(version)
        if known is None:
            listed = execute(
                "SELECT DISTINCT function_name FROM duckdb_functions() WHERE internal", None
            )
            known = frozenset(f for (f,) in listed.fetchall())
            catalog_cache.store_functions(version, known)
        _FUNCTIONS_BY_VERSION[version] = known
    return _FUNCTIONS_BY_VERSION[version]


def _columns(execute: Execute) -> dict[str, list[Column]]:
    # A run's file sources are temp tables; they shadow a database table of the same name,
    # as they do in the run's queries, so they come last and replace it.
    rows = execute(
        "SELECT table_name, column_name, data_type, is_nullable, database_name = 'temp', "
        "comment "
        f"FROM duckdb_columns() WHERE {IN_SCOPE} "
        "ORDER BY database_name = 'temp', table_name, column_index",
        None,
    ).fetchall()
    columns: dict[str, list[Column]] = {}
    shadowed: set[str] = set()
    for table, name, sql_type, nullable, temporary, comment in rows:
        if temporary and table not in shadowed:
            shadowed.add(table)
            columns[table] = []
        columns.setdefault(table, []).append(
            Column(name=name, type=sql_type, nullable=bool(nullable), comment=comment or None)
        )
    return columns


def _constraints(execute: Execute) -> dict[str, dict[str, list[Any]]]:
    rows = execute(
        "SELECT table_name, constraint_type, constraint_column_names, referenced_table, "
        "referenced_column_names FROM duckdb_constraints() "
        "WHERE database_name = current_database() AND schema_name = 'main' "
        "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')",
        None,
    ).fetchall()
    found: dict[str, dict[str, list[Any]]] = {}
    for table, kind, cols, ref_table, ref_cols in rows:
        entry = found.setdefault(table, {"pk": [], "unique": [], "fk": []})
        if kind == "PRIMARY KEY":
            entry["pk"] = list(cols)
        elif kind == "UNIQUE":
            entry["unique"].append(tuple(cols))
        else:
            entry["fk"].append(
                ForeignKey(
                    columns=tuple(cols), ref_table=ref_table, ref_columns=tuple(ref_cols or ())
                )
            )
    return found

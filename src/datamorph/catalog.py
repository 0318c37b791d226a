"""What the engine holds: tables, columns, types, keys, row counts, samples and likely joins.

A catalog is a snapshot (plain data, JSON-serialisable) taken by an engine. Planning, checking,
compiling and validation read it; none of them talk to the engine for metadata.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from datamorph import notebook
from datamorph.errors import unknown_name_error

TypeFamily = Literal["numeric", "text", "temporal", "boolean", "other", "unknown"]

_FAMILY_PREFIXES: tuple[tuple[TypeFamily, tuple[str, ...]], ...] = (
    (
        "numeric",
        (
            "TINYINT",
            "SMALLINT",
            "INT",
            "BIGINT",
            "HUGEINT",
            "UTINYINT",
            "USMALLINT",
            "UINT",
            "UBIGINT",
            "UHUGEINT",
            "DECIMAL",
            "NUMERIC",
            "REAL",
            "FLOAT",
            "DOUBLE",
            "SERIAL",
            "BIGSERIAL",
            "LONG",
            "SHORT",
            "BYTE",
        ),
    ),
    ("text", ("VARCHAR", "CHAR", "TEXT", "STRING", "BPCHAR", "NAME", "UUID", "ENUM")),
    ("temporal", ("DATE", "TIME", "TIMESTAMP", "INTERVAL", "DATETIME")),
    ("boolean", ("BOOL",)),
)

# Names too generic to suggest a join on their own (every table has a "name" or "status").
_GENERIC_COLUMNS = frozenset(
    {
        "id",
        "name",
        "status",
        "type",
        "description",
        "created_at",
        "updated_at",
        "date",
        "amount",
        "value",
        "comment",
        "is_active",
        "category",
        "email",
        "city",
        "country",
    }
)


def type_family(sql_type: str) -> TypeFamily:
    """Coarse family of an engine type name, for join and comparison compatibility."""
    upper = sql_type.strip().upper()
    if not upper or upper == "UNKNOWN":
        return "unknown"
    for family, prefixes in _FAMILY_PREFIXES:
        if upper.startswith(prefixes):
            return family
    return "other"


def compatible_types(left: str, right: str) -> bool:
    """Whether values of the two types can be compared without an explicit cast."""
    a, b = type_family(left), type_family(right)
    return "unknown" in (a, b) or a == b


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ColumnProfile(_Model):
    """Statistics from a sample of rows: what a planner needs to link words to values."""

    distinct_count: int | None = None
    null_fraction: float | None = None
    min: str | None = None
    max: str | None = None
    top_values: tuple[str, ...] = ()


class Column(_Model):
    name: str
    type: str
    nullable: bool = True
    profile: ColumnProfile | None = None
    comment: str | None = None  # the engine's column comment, when it has one

    @property
    def family(self) -> TypeFamily:
        return type_family(self.type)


class ForeignKey(_Model):
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]


class Table(_Model):
    name: str
    columns: tuple[Column, ...]
    row_count: int | None = None
    primary_key: tuple[str, ...] = ()
    unique_keys: tuple[tuple[str, ...], ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    samples: tuple[dict[str, Any], ...] = ()

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name.lower() == name.lower():
                return column
        raise unknown_name_error("column", f"{self.name}.{name}", self.column_names)

    def has_column(self, name: str) -> bool:
        return any(column.name.lower() == name.lower() for column in self.columns)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def entity_key(self) -> str | None:
        """The one column that identifies a row: a single-column primary key, else `id` or
        `<singular>_id` (customers -> customer_id)."""
        if len(self.primary_key) == 1:
            return self.primary_key[0]
        wanted = {"id", f"{_singular(self.name)}_id"}
        return next((c.name for c in self.columns if c.name.lower() in wanted), None)

    def is_unique(self, column: str) -> bool:
        """Declared unique on its own, or profiled with one distinct value per row."""
        single = (column.lower(),)
        keys = [self.primary_key, *self.unique_keys]
        if any(tuple(k.lower() for k in key) == single for key in keys):
            return True
        profile = self.column(column).profile
        return bool(
            profile
            and profile.distinct_count
            and self.row_count
            and profile.null_fraction == 0
            and profile.distinct_count >= 0.98 * self.row_count
        )


class JoinKey(_Model):
    """A likely join between two tables, with how sure we are and why."""

    left_table: str
    left_column: str
    right_table: str
    right_column: str
    score: float = Field(ge=0, le=1)
    reason: str

    def on(self, left_ref: str, right_ref: str) -> str:
        return f"{left_ref}.{self.left_column} = {right_ref}.{self.right_column}"


_MIN_DISTINCT_FOR_KEY = 20
# A reference to under 5% of a table's keys is more likely two dense id ranges that overlap.
_MIN_KEY_COVERAGE = 0.05

# Fraction of the left column's distinct values found in the right column (0..1).
OverlapProbe = Callable[[str, str, str, str], float]


class Catalog(notebook.Shown, _Model):
    """A database's tables (`tables`, by lower-case name; `table(name)` finds one), their
    columns, types, keys and row counts, the engine's `functions` and SQL `dialect`."""

    tables: dict[str, Table]
    functions: frozenset[str] | None = None  # engine's function names, when it can list them
    dialect: str | None = None  # the SQL dialect of the engine the catalog was read from

    @classmethod
    def of(
        cls,
        tables: Iterable[Table],
        functions: Iterable[str] | None = None,
        dialect: str | None = None,
    ) -> Catalog:
        funcs = frozenset(f.lower() for f in functions) if functions is not None else None
        return cls(tables={t.name.lower(): t for t in tables}, functions=funcs, dialect=dialect)

    def _view(self) -> notebook.View:
        return notebook.catalog_view(self)

    def table(self, name: str) -> Table:
        try:
            return self.tables[name.lower()]
        except KeyError:
            raise unknown_name_error("table", name, self.table_names) from None

    def has_table(self, name: str) -> bool:
        return name.lower() in self.tables

    @property
    def table_names(self) -> list[str]:
        return [table.name for table in self.tables.values()]

    def schema_mapping(self) -> dict[str, dict[str, str]]:
        """{table: {column: type}}, the shape sqlglot's optimizer takes."""
        return {t.name: {c.name: c.type for c in t.columns} for t in self.tables.values()}

    def join_keys(
        self, left: str, right: str, *, overlap: OverlapProbe | None = None
    ) -> list[JoinKey]:
        """Likely join keys between two tables, best first.

        Declared foreign keys win; then names (same-named key columns, `<table>_id` to `id`);
        with an `overlap` probe, candidates are confirmed or demoted by their values, and key
        columns with no naming match are paired when their values nest.
        """
        lt, rt = self.table(left), self.table(right)
        candidates = _declared_keys(lt, rt) or _named_keys(lt, rt)
        if overlap is not None:
            candidates = _confirm_by_values(lt, rt, candidates, overlap)
        unique: dict[tuple[str, str], JoinKey] = {}
        for key in sorted(candidates, key=lambda k: -k.score):
            unique.setdefault((key.left_column.lower(), key.right_column.lower()), key)
        return list(unique.values())


def _declared_keys(left: Table, right: Table) -> list[JoinKey]:
    keys = []
    for owner, other, flipped in ((left, right, False), (right, left, True)):
        for fk in owner.foreign_keys:
            if fk.ref_table.lower() != other.name.lower() or len(fk.columns) != 1:
                continue
            own_col, ref_col = fk.columns[0], fk.ref_columns[0] if fk.ref_columns else "id"
            pair = (ref_col, own_col) if flipped else (own_col, ref_col)
            keys.append(
                JoinKey(
                    left_table=left.name,
                    left_column=pair[0],
                    right_table=right.name,
                    right_column=pair[1],
                    score=1.0,
                    reason=f"declared foreign key {owner.name}.{own_col}",
                )
            )
    return keys


def _singular(word: str) -> str:
    lowered = word.lower()
    if lowered.endswith("ies"):
        return lowered[:-3] + "y"
    if lowered.endswith(("ses", "xes")):
        return lowered[:-2]
    return lowered[:-1] if lowered.endswith("s") and not lowered.endswith("ss") else lowered


def _named_keys(left: Table, right: Table) -> list[JoinKey]:
    keys = []
    for lc in left.columns:
        for rc in right.columns:
            if not compatible_types(lc.type, rc.type):
                continue
            score, reason = _name_match(left, lc.name, right, rc.name)
            if score:
                keys.append(
                    JoinKey(
                        left_table=left.name,
                        left_column=lc.name,
                        right_table=right.name,
                        right_column=rc.name,
                        score=score,
                        reason=reason,
                    )
                )
    return keys


def _name_match(left: Table, lcol: str, right: Table, rcol: str) -> tuple[float, str]:
    a, b = lcol.lower(), rcol.lower()
    if a == b and a not in _GENERIC_COLUMNS:
        keyed = a in (k.lower() for k in (*left.primary_key, *right.primary_key))
        return (0.9, "same column name, a primary key") if keyed else (0.6, "same column name")
    for table, col, other_col in ((right, b, a), (left, a, b)):
        if col == "id" and other_col in {f"{_singular(table.name)}_id", f"{table.name.lower()}_id"}:
            return 0.85, f"{other_col} names table {table.name}"
    return 0.0, ""


def _may_reference(column: Column) -> bool:
    """Could this column hold another table's keys? Key-like names, or enough distinct values.

    A small code (a quantity from 1 to 10) nests in any id range, so it needs a name to count.
    """
    if column.family not in {"numeric", "text"}:
        return False
    name = column.name.lower()
    if name == "id" or name.endswith(("_id", "key", "_code", "_no")):
        return True
    return bool(column.profile and (column.profile.distinct_count or 0) >= _MIN_DISTINCT_FOR_KEY)


def _confirm_by_values(
    left: Table, right: Table, candidates: list[JoinKey], overlap: OverlapProbe
) -> list[JoinKey]:
    confirmed = []
    for key in candidates:
        fraction = overlap(left.name, key.left_column, right.name, key.right_column)
        if key.score >= 1.0 or fraction >= 0.9:
            score = min(1.0, max(key.score, 0.7 + 0.3 * fraction))
            confirmed.append(key.model_copy(update={"score": score}))
        elif fraction >= 0.5:
            confirmed.append(key.model_copy(update={"score": key.score * fraction}))
    if confirmed:
        return confirmed
    return confirmed or _nested_values(left, right, overlap)


def _coverage(ref: Column, key_table: Table) -> float:
    """Share of the key table's rows whose key the referencing column uses (0..1)."""
    distinct = ref.profile.distinct_count if ref.profile else None
    if not distinct or not key_table.row_count:
        return 1.0  # unknown: do not rule the pair out
    return min(1.0, distinct / key_table.row_count)


def _nested_values(left: Table, right: Table, overlap: OverlapProbe) -> list[JoinKey]:
    """No name matched: pair columns whose values nest into a unique column of the other table,
    whichever side holds the referencing column."""
    found = []
    for ref_table, key_table, flipped in ((left, right, False), (right, left, True)):
        # A column unique in its own table is a key, not a reference: dense id ranges nest in
        # each other (shop ids 1..200 inside visit ids 1..2000) without meaning a join.
        refs = [
            c for c in ref_table.columns if _may_reference(c) and not ref_table.is_unique(c.name)
        ]
        for ref in refs:
            for key in (c for c in key_table.columns if key_table.is_unique(c.name)):
                if ref.family != key.family:
                    continue
                coverage = _coverage(ref, key_table)
                if coverage < _MIN_KEY_COVERAGE:
                    continue
                fraction = overlap(ref_table.name, ref.name, key_table.name, key.name)
                if fraction < 0.95:
                    continue
                pair = (key.name, ref.name) if flipped else (ref.name, key.name)
                found.append(
                    JoinKey(
                        left_table=left.name,
                        left_column=pair[0],
                        right_table=right.name,
                        right_column=pair[1],
                        score=0.6 + 0.2 * fraction,
                        reason=f"{fraction:.0%} of {ref_table.name}.{ref.name} values are "
                        f"{key_table.name}.{key.name} keys",
                    )
                )
    return found

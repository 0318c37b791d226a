"""The tools faults are made with: the context a fault sees, and sqlglot helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlglot
from sqlglot import exp

from datamorph.catalog import Catalog, Column, type_family
from datamorph.spec import Spec

DIALECT = "duckdb"


@dataclass
class FaultContext:
    name: str  # the pipeline's name (a stable seed for choosing between variants)
    spec: Spec
    catalog: Catalog
    sql: str  # the correct compiled SQL, as text

    @property
    def keys(self) -> list[str]:
        return list(self.spec.target_table.keys)


Fault = Callable[[exp.Select, FaultContext], str | None]


# ---- helpers ----------------------------------------------------------------------------------


def render(tree: exp.Expr) -> str:
    """The tree as the compiler writes it (pretty, DuckDB), so only the fault differs."""
    return tree.sql(dialect=DIALECT, pretty=True)


def parse(sql: str) -> exp.Select:
    tree = sqlglot.parse_one(sql, read=DIALECT)
    assert isinstance(tree, exp.Select), sql
    return tree


def source_aliases(select: exp.Select, catalog: Catalog) -> dict[str, str]:
    """Alias (or name) -> catalog table, for the FROM table and every joined table (CTEs and
    unknown tables are left out)."""
    tables = [select.args["from_"].this] if select.args.get("from_") else []
    tables += [join.this for join in select.args.get("joins") or []]
    return {
        t.alias_or_name.lower(): catalog.table(t.name).name
        for t in tables
        if isinstance(t, exp.Table) and catalog.has_table(t.name)
    }


def column_of(select: exp.Select, catalog: Catalog, column: exp.Column) -> Column | None:
    """The catalog column a qualified column reference reads."""
    table = source_aliases(select, catalog).get(column.table.lower()) if column.table else None
    if table is None:
        return None
    for candidate in catalog.table(table).columns:
        if candidate.name.lower() == column.name.lower():
            return candidate
    return None


def is_key_like(name: str) -> bool:
    return name.lower().endswith("_id")


def is_numeric(column: Column) -> bool:
    return type_family(column.type) == "numeric"


def in_join(node: exp.Expr) -> bool:
    return node.find_ancestor(exp.Join) is not None


def typo(name: str, taken: Sequence[str] = ()) -> str:
    """A plausible misspelling: a vowel of the first word dropped (`customer_id` ->
    `custmer_id`, `orders` -> `ordrs`), never a name in `taken`."""
    first, _, rest = name.partition("_")
    vowels = [i for i, ch in enumerate(first) if ch.lower() in "aeiou" and i > 0]
    middle = len(vowels) // 2  # the middle vowel first, then its neighbours
    order = sorted(range(len(vowels)), key=lambda n: abs(n - middle))
    candidates = [first[: vowels[n]] + first[vowels[n] + 1 :] for n in order if len(first) > 3]
    candidates += [first[:-2] + first[-1] + first[-2]] if len(first) > 2 else []  # swap
    blocked = {t.lower() for t in taken} | {name.lower()}
    for candidate in candidates:
        misspelt = candidate + ("_" + rest if rest else "")
        if misspelt.lower() not in blocked:
            return misspelt
    return name + "x"


def replace_everywhere(tree: exp.Expr, old: exp.Expr, new: exp.Expr) -> exp.Expr:
    """Every subtree equal to `old` becomes `new` (code repeats an aggregate in HAVING,
    QUALIFY and windows, and repeats the mistake with it)."""
    return tree.transform(lambda node: new.copy() if node == old else node)


def conjuncts(condition: exp.Expr) -> list[exp.Expr]:
    return list(condition.flatten()) if isinstance(condition, exp.And) else [condition]


def projected_columns(select: exp.Select) -> list[exp.Column]:
    """The column references of the SELECT list, those inside aggregates first."""
    columns = [c for item in select.expressions for c in item.find_all(exp.Column)]
    aggregated = [c for c in columns if c.find_ancestor(exp.AggFunc) is not None]
    return aggregated + [c for c in columns if c not in aggregated]


# ---- faults where the code does not run -------------------------------------------------------

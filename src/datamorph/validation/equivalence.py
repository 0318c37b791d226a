"""Is hand-written SQL provably the spec's own query? Then its output is the reference.

Validating `--code` evaluates the spec's compiled SQL as a reference, which costs one more
execution of the query. When the code can be shown, without running it, to return the same
table in every database, that execution proves nothing new. This module tries to show it, and
says "not proven" at the first thing it cannot reason about: a wrong "proven" would publish a
different answer with a green check, where "not proven" only costs the reference's time.

Both queries are qualified against the catalog (sqlglot: every column names its table, stars
expanded, identifiers normalised), then brought to a canonical form by rewrites that keep the
result the same in every database:

- table aliases become the table's own name (each table may appear once: no self-joins);
- a LEFT JOIN is an inner one when a top-level WHERE conjunct rejects NULLs of its table (a
  comparison, IN, BETWEEN, LIKE or IS NOT NULL applied straight to one of its columns): the
  rows the outer join adds have NULLs there, and the WHERE drops them again;
- when every join is inner, the FROM is the set of tables and the ON and WHERE conditions one
  set of conjuncts (order, duplicates, `a = b` or `b = a`, `a < b` or `b > a` do not matter);
- GROUP BY items are a set; HAVING conjuncts are a set.

Everything else must be the same expression for expression: outputs with their names and in
their order, ORDER BY, LIMIT, OFFSET, DISTINCT. Subqueries, CTEs, set operations, RIGHT, FULL,
SEMI, ANTI and NATURAL joins, USING, LATERAL and table functions are not reasoned about.
"""

from __future__ import annotations

from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.qualify import qualify

from datamorph.catalog import Catalog

Canonical = dict[str, Any]

# operators that give NULL when either operand is NULL, so a NULL column fails the WHERE
_STRICT = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Like, exp.ILike)
_FLIPPED: dict[type[exp.Expr], type[exp.Expr]] = {exp.LT: exp.GT, exp.LTE: exp.GTE}
_SYMMETRIC = (exp.EQ, exp.NEQ)
# what a canonical query is not allowed to contain: no rewrite here reasons about them
_UNSUPPORTED = (exp.Subquery, exp.Union, exp.Intersect, exp.Except, exp.With, exp.Lateral,
                exp.Unnest, exp.TableSample, exp.Values)  # fmt: skip


_AS_WRITTEN = ("order", "limit", "offset", "distinct", "qualify")  # compared as they are


class NotProven(Exception):
    """The queries may be equivalent, but these rewrites cannot show it."""


def proven_equivalent(code: str, spec_sql: str, catalog: Catalog, dialect: str) -> bool:
    """True only when `code` returns the same table as `spec_sql` in every database with the
    catalog's schema; False means "not shown", never "different"."""
    try:
        schema = catalog.schema_mapping()
        return _canonical(code, schema, dialect) == _canonical(spec_sql, schema, dialect)
    except (NotProven, SqlglotError):
        return False


def _canonical(sql: str, schema: dict[str, dict[str, str]], dialect: str) -> Canonical:
    statements = sqlglot.parse(sql, read=dialect)
    if len(statements) != 1 or not isinstance(statements[0], exp.Select):
        raise NotProven("not one SELECT")
    tree = statements[0]
    if any(isinstance(node, _UNSUPPORTED) for node in tree.walk()):
        raise NotProven("a construct the rewrites do not cover")
    if sum(1 for _ in tree.find_all(exp.Select)) != 1:
        raise NotProven("a nested query")
    tree = qualify(tree, schema=dict(schema), dialect=dialect, validate_qualify_columns=True)
    names = _table_names(tree, schema)
    _rename_aliases(tree, names)
    return _select_form(tree, dialect)


def _table_names(tree: exp.Select, schema: dict[str, dict[str, str]]) -> dict[str, str]:
    """alias -> table name; each catalog table at most once, every source a catalog table."""
    known = {name.lower() for name in schema}
    names: dict[str, str] = {}
    for source in _sources(tree):
        if not isinstance(source, exp.Table) or not isinstance(source.this, exp.Identifier):
            raise NotProven("a source that is not a table")
        if source.args.get("db") or source.args.get("catalog"):
            raise NotProven("a table named with its schema")
        table = source.name.lower()
        if table not in known or table in names.values():
            raise NotProven("an unknown table, or one table read twice")
        names[source.alias_or_name] = table
    return names


def _sources(tree: exp.Select) -> list[exp.Expr]:
    from_ = tree.args.get("from_") or tree.args.get("from")
    if from_ is None:
        raise NotProven("no FROM")
    return [from_.this, *(join.this for join in tree.args.get("joins") or [])]


def _rename_aliases(tree: exp.Select, names: dict[str, str]) -> None:
    outputs = {e.alias_or_name for e in tree.expressions}
    for column in tree.find_all(exp.Column):
        if not column.table and column.name in outputs:
            continue  # an output named in ORDER BY (or HAVING): compared as written
        if column.table not in names:
            raise NotProven("a column of no table in the FROM")
        column.set("table", exp.to_identifier(names[column.table], quoted=True))
    for source in _sources(tree):
        source.set("alias", None)


def _select_form(tree: exp.Select, dialect: str) -> Canonical:
    where = _conjuncts(tree.args.get("where"))
    joins = [_inner_if_rejected(*_join_kind(j), where) for j in tree.args.get("joins") or []]
    tables = [_sources(tree)[0].name.lower(), *(table for _, table in joins)]
    ons = [join.args.get("on") for join in tree.args.get("joins") or []]
    render = _renderer(dialect)
    form: Canonical = {
        "outputs": [(e.alias_or_name, render(e.unalias())) for e in tree.expressions],
        "group": sorted({render(e) for e in (tree.args.get("group") or exp.Group()).expressions}),
        "having": _conjunct_set(_conjuncts(tree.args.get("having")), render),
        "rest": {k: render(v) for k in _AS_WRITTEN if (v := tree.args.get(k)) is not None},
    }
    if tree.args.get("group") is not None and _grouping_extras(tree.args["group"]):
        raise NotProven("ROLLUP, CUBE or GROUPING SETS")
    if all(kind == "inner" for kind, _ in joins):
        conditions = [c for on in ons for c in _conjuncts(on)] + where
        form["from"] = sorted(tables)
        form["conditions"] = _conjunct_set(conditions, render)
    else:
        form["from"] = tables[0]
        form["joins"] = [
            (kind, table, _conjunct_set(_conjuncts(on), render))
            for (kind, table), on in zip(joins, ons, strict=True)
        ]
        form["conditions"] = _conjunct_set(where, render)
    return form


def _grouping_extras(group: exp.Group) -> bool:
    return any(group.args.get(k) for k in ("rollup", "cube", "grouping_sets", "all", "totals"))


def _join_kind(join: exp.Join) -> tuple[str, str]:
    """'inner' or 'left', and the joined table; any other join is not reasoned about."""
    if join.args.get("using") or join.args.get("method") or join.args.get("match_condition"):
        raise NotProven("USING, NATURAL or ASOF")
    side = (join.side or "").upper()
    kind = (join.kind or "").upper()
    if side == "LEFT" and kind in ("", "OUTER"):
        return "left", join.this.name.lower()
    if side == "" and kind in ("", "INNER", "CROSS"):
        if kind != "CROSS" and join.args.get("on") is None and kind == "INNER":
            raise NotProven("INNER JOIN without ON")
        return "inner", join.this.name.lower()
    raise NotProven(f"a {side} {kind} join")


def _inner_if_rejected(kind: str, table: str, where: list[exp.Expr]) -> tuple[str, str]:
    if kind == "left" and any(_rejects_nulls_of(c, table) for c in where):
        return "inner", table
    return kind, table


def _rejects_nulls_of(conjunct: exp.Expr, table: str) -> bool:
    """Does `conjunct` come out NULL or false whenever `table`'s columns are all NULL? Only
    operators that are NULL on a NULL operand, applied to the bare column, count."""
    if isinstance(conjunct, exp.Not) and isinstance(conjunct.this, exp.Is):
        operands = [conjunct.this.this] if isinstance(conjunct.this.expression, exp.Null) else []
    elif isinstance(conjunct, _STRICT):
        operands = [conjunct.this, conjunct.expression]
    elif isinstance(conjunct, (exp.In, exp.Between)) and not conjunct.args.get("query"):
        operands = [conjunct.this]
    else:
        return False
    return any(isinstance(o, exp.Column) and o.table.lower() == table for o in operands)


def _conjuncts(clause: exp.Expr | None) -> list[exp.Expr]:
    if clause is None:
        return []
    if isinstance(clause, (exp.Where, exp.Having)):
        clause = clause.this
    return list(clause.flatten()) if isinstance(clause, exp.And) else [clause.unnest()]


def _conjunct_set(conjuncts: list[exp.Expr], render: Any) -> list[str]:
    return sorted({render(_oriented(c.unnest())) for c in conjuncts})


def _oriented(condition: exp.Expr) -> exp.Expr:
    """`b > a` for `a < b`, and the operands of = and <> in a fixed order."""
    flipped = _FLIPPED.get(type(condition))
    if flipped is not None:
        return flipped(this=condition.expression.copy(), expression=condition.this.copy())
    if isinstance(condition, _SYMMETRIC):
        left, right = sorted((condition.this, condition.expression), key=lambda e: e.sql())
        return type(condition)(this=left.copy(), expression=right.copy())
    return condition


def _renderer(dialect: str) -> Any:
    def render(node: exp.Expr) -> str:
        return node.sql(dialect=dialect, comments=False, normalize=True)

    return render

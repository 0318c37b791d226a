"""Spec -> one SELECT, built as a sqlglot tree and rendered for any dialect.

The tree is built once from the resolved spec (see `spec/resolve.py`); each dialect is only a
rendering of it, so DuckDB, PostgreSQL and Spark SQL cannot drift apart. Steps become CTEs,
semi/anti joins become SEMI/ANTI joins or EXISTS, QUALIFY a sub-query where the dialect lacks
it: sqlglot's dialect modules do those rewrites.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.dialects.duckdb import DuckDB

from datamorph.catalog import Catalog
from datamorph.codegen.dialect_check import refuse_untranslatable
from datamorph.codegen.postgres_rules import adapt_for_postgres, refuse_try_cast
from datamorph.codegen.spark_rules import adapt_for_spark
from datamorph.errors import unknown_name_error
from datamorph.spec import expressions as ex
from datamorph.spec.check import ResolvedSpec, resolve_spec
from datamorph.spec.model import Spec
from datamorph.spec.problems import SpecError
from datamorph.spec.resolve import ResolvedQuery, Schema

SQL_DIALECTS = {"duckdb": "duckdb", "postgres": "postgres", "spark": "spark"}

# DuckDB's list is PostgreSQL's reserved words plus a few of its own; quoting these keeps an
# output named `order` or `group` valid in every dialect.
_RESERVED = frozenset(DuckDB.Generator.RESERVED_KEYWORDS)

# Dialects that sqlglot renders without QUALIFY (it rewrites it into a sub-query).
_WITHOUT_QUALIFY = frozenset({"postgres", "spark"})

_JOIN_SIDES = {"left": "LEFT", "right": "RIGHT", "full": "FULL"}
_JOIN_KINDS = {"semi": "SEMI", "anti": "ANTI"}


def resolve_or_raise(spec: Spec, catalog: Catalog | Schema) -> ResolvedSpec:
    resolved = resolve_spec(spec, catalog)
    if resolved.problems:
        raise SpecError(resolved.problems)
    return resolved


def build_select(spec: Spec, catalog: Catalog | Schema) -> exp.Select:
    """The spec as one SELECT tree (steps as CTEs). Raises SpecError unless it checks clean."""
    return select_from_resolved(spec, resolve_or_raise(spec, catalog))


def select_from_resolved(spec: Spec, resolved: ResolvedSpec) -> exp.Select:
    select = query_select(resolved.main, distinct=spec.distinct, limit=spec.limit)
    for step, (name, step_query) in zip(spec.steps, resolved.steps, strict=True):
        cte = query_select(step_query, distinct=step.distinct, limit=step.limit)
        select = select.with_(name, as_=cte)
    return _quote_reserved(select)


def compile_sql(
    spec: Spec, catalog: Catalog | Schema, dialect: str = "duckdb", *, pretty: bool = True
) -> str:
    if dialect not in SQL_DIALECTS:
        raise unknown_name_error("dialect", dialect, SQL_DIALECTS)
    last = _LAST_COMPILED[0] if _LAST_COMPILED else None
    if last is not None and last[0] is spec and last[1] is catalog and last[2] == (dialect, pretty):
        return last[3]
    functions = catalog.functions if isinstance(catalog, Catalog) else None
    if isinstance(catalog, Catalog) and catalog.dialect != dialect:
        functions = None  # another engine's list says nothing of this dialect's functions
    sql = render_sql(build_select(spec, catalog), dialect, pretty=pretty, functions=functions)
    if isinstance(catalog, Catalog):  # a plain mapping may change in place
        _LAST_COMPILED[:] = [(spec, catalog, (dialect, pretty), sql)]
    return sql


# The last compilation, by identity (specs and catalogs are frozen): a run compiles its spec to
# generate the code, then again to validate the output against it.
_LAST_COMPILED: list[tuple[Spec, Catalog, tuple[str, bool], str]] = []


def render_sql(
    tree: exp.Select, dialect: str, *, pretty: bool = True, functions: frozenset[str] | None = None
) -> str:
    """`tree` (DuckDB semantics) in `dialect`, or refused naming the function or construct
    the dialect cannot run (`functions`: the connected engine's, else the shipped list)."""
    rendered: exp.Expr = tree
    if dialect == "postgres":
        refuse_try_cast(rendered)
        rendered = adapt_for_postgres(rendered)
    if dialect == "spark":
        rendered = adapt_for_spark(rendered)
    if dialect in _WITHOUT_QUALIFY:
        rendered = rendered.transform(lambda node: _sort_outside(node, dialect))
    refuse_untranslatable(rendered, dialect, functions)
    return rendered.sql(dialect=SQL_DIALECTS[dialect], pretty=pretty)


def _sort_outside(node: exp.Expr, dialect: str) -> exp.Expr:
    """Wrap a SELECT that the dialect cannot run as written:

    - QUALIFY: sqlglot's own rewrite leaves ORDER BY and LIMIT inside the sub-query, where
      they do not order the result;
    - Spark cannot ORDER BY an aggregate that is not in the select list of a grouped query.

    The result: SELECT outputs FROM (SELECT outputs, hidden columns) WHERE keep ORDER BY ...
    """
    if not isinstance(node, exp.Select):
        return node
    needs_wrap = bool(node.args.get("qualify"))
    outputs = [projection.alias_or_name for projection in node.expressions]
    if dialect == "spark" and _sorts_on_hidden_aggregate(node, outputs):
        needs_wrap = True
    return _wrapped(node, outputs) if needs_wrap else node


def _sorts_on_hidden_aggregate(node: exp.Select, outputs: list[str]) -> bool:
    order = node.args.get("order")
    return order is not None and any(
        not _is_output(ordered.this, outputs) and ex.has_aggregate(ordered.this)
        for ordered in order.expressions
    )


def _is_output(tree: exp.Expr, outputs: list[str]) -> bool:
    return isinstance(tree, exp.Column) and not tree.table and tree.name in outputs


def _wrapped(node: exp.Select, outputs: list[str]) -> exp.Select:
    inner = node.copy()
    qualify = inner.args.get("qualify")
    order, limit, with_ = inner.args.get("order"), inner.args.get("limit"), inner.args.get("with")
    for arg in ("qualify", "order", "limit", "with"):
        inner.set(arg, None)
    if qualify is not None:
        inner = inner.select(exp.alias_(qualify.this, "_dm_keep"), append=True)
    outer_order = []
    for i, ordered in enumerate(order.expressions if order else []):
        moved = ordered.copy()
        if not _is_output(ordered.this, outputs):
            inner = inner.select(exp.alias_(ordered.this.copy(), f"_dm_order{i}"), append=True)
            moved.set("this", exp.column(f"_dm_order{i}"))
        outer_order.append(moved)
    outer = exp.select(*(exp.column(name) for name in outputs)).from_(inner.subquery("_dm_q"))
    if qualify is not None:
        outer = outer.where(exp.column("_dm_keep"))
    if outer_order:
        outer = outer.order_by(*outer_order)
    outer.set("limit", limit)
    outer.set("with", with_)
    return outer


def query_select(
    rq: ResolvedQuery, *, distinct: bool = False, limit: int | None = None
) -> exp.Select:
    select = exp.select(*(_projection(name, tree) for name, tree in rq.outputs))
    select = select.from_(_table(rq.from_table, rq.from_ref))
    for join in rq.joins:
        select.append("joins", _join(join.table, join.ref, join.kind, join.on))
    if rq.filters:
        select = select.where(exp.and_(*(f.copy() for f in rq.filters)))
    if rq.group_items:
        select = select.group_by(*(tree.copy() for _, tree in rq.group_items))
    if rq.having:
        select = select.having(exp.and_(*(h.copy() for h in rq.having)))
    if rq.qualify:
        select = select.qualify(exp.and_(*(q.copy() for q in rq.qualify)))
    if rq.order_by:
        # Explicit null placement: dialects disagree on the default, results must not.
        select = select.order_by(
            *(
                exp.Ordered(this=tree.copy(), desc=desc, nulls_first=bool(nulls_first))
                for tree, desc, nulls_first in rq.order_by
            )
        )
    if distinct:
        select = select.distinct()
    if limit is not None:
        select = select.limit(limit)
    return select


def _projection(name: str, tree: exp.Expr) -> exp.Expr:
    body = tree.this if isinstance(tree, exp.Paren) else tree
    if isinstance(body, exp.Column) and body.name == name:
        return body.copy()
    return exp.alias_(body.copy(), name)


def _table(name: str, ref: str) -> exp.Expr:
    table = exp.to_table(name)
    return table if ref == name.lower() else table.as_(ref)


def _join(name: str, ref: str, kind: str, on: exp.Expr) -> exp.Join:
    join = exp.Join(this=_table(name, ref), on=on.copy())
    if kind in _JOIN_SIDES:
        join.set("side", _JOIN_SIDES[kind])
    elif kind in _JOIN_KINDS:
        join.set("kind", _JOIN_KINDS[kind])
    return join


def _quote_reserved(tree: exp.Select) -> exp.Select:
    for identifier in tree.find_all(exp.Identifier):
        if identifier.name.lower() in _RESERVED:
            identifier.set("quoted", True)
    return tree

"""`spec.check(catalog)`: every problem of a spec at once, each with its field path.

Resolution happens in `resolve.py`; this module applies the rules of each field in the order
the query runs (FROM/JOIN, transformations, WHERE, GROUP BY, aggregates, HAVING, projection,
QUALIFY, ORDER BY) and the rules of the spec as a whole (steps, target, functions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlglot import exp
from sqlglot.parser import Parser

from datamorph.catalog import Catalog
from datamorph.errors import did_you_mean
from datamorph.spec import expressions as ex
from datamorph.spec.functions import forbidden_functions
from datamorph.spec.model import Query, Spec
from datamorph.spec.problems import Problem, SpecError
from datamorph.spec.resolve import Names, ResolvedQuery, Resolver, Schema
from datamorph.spec.user_tests import check_tests

__all__ = ["Problem", "ResolvedSpec", "SpecError", "check_spec", "resolve_spec"]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")
RESERVED_PREFIX = "_dm_"


@dataclass
class ResolvedSpec:
    steps: list[tuple[str, ResolvedQuery]]
    main: ResolvedQuery
    problems: list[Problem]


def check_spec(spec: Spec, catalog: Catalog | Schema) -> list[Problem]:
    return list(resolve_spec(spec, catalog).problems)  # a copy: the resolution may be shared


# The last resolution of a spec against a catalog, both frozen models: a run resolves the same
# pair when it checks, compiles and validates (about 12 ms each on a small spec).
_LAST: list[tuple[Spec, Catalog, ResolvedSpec]] = []


def resolve_spec(spec: Spec, catalog: Catalog | Schema) -> ResolvedSpec:
    """The spec's queries resolved against the catalog's tables (or a plain schema). Treat the
    result as read-only: the same object is returned for the same spec and catalog objects."""
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is spec and last[1] is catalog:
        return last[2]
    resolved = _resolve(spec, catalog)
    if isinstance(catalog, Catalog):  # a dict schema may change in place: never kept
        _LAST[:] = [(spec, catalog, resolved)]
    return resolved


def _resolve(spec: Spec, catalog: Catalog | Schema) -> ResolvedSpec:
    schema: dict[str, dict[str, str]] = _schema_of(catalog)
    base_tables = {name.lower() for name in schema}
    problems: list[Problem] = []
    parsed: list[tuple[str, exp.Expr]] = []
    steps = []
    for i, step in enumerate(spec.steps):
        if step.name.lower() in {n.lower() for n in schema}:
            problems.append(
                Problem(
                    f"steps[{i}].name",
                    f"step '{step.name}' has the name of a table",
                    "duplicate_name",
                    "rename the step",
                )
            )
        resolver, resolved = resolve_query(step, schema, prefix=f"steps[{i}].")
        problems += resolved.problems
        parsed += resolver.parsed
        schema[step.name] = output_types(resolver, resolved)
        steps.append((step.name, resolved))
    resolver, main = resolve_query(spec, schema)
    problems += main.problems
    parsed += resolver.parsed
    problems += _target_problems(spec, main, base_tables)
    if spec.tests:  # the user's tests name outputs, tables and intervals: checked here too
        tables = {n: cols for n, cols in schema.items() if n.lower() in base_tables}
        refs = {s.name.lower() for q in (spec, *spec.steps) for s in q.source_tables if s.is_ref}
        found, trees = check_tests(
            spec.tests, main.output_names, tables, refs, spec.target_table.name
        )
        problems += found
        parsed += trees
    known = catalog.functions if isinstance(catalog, Catalog) else None
    if known is not None and isinstance(catalog, Catalog):
        problems += _function_problems(parsed, known, catalog.dialect)
    problems += _forbidden_problems(parsed, known)
    return ResolvedSpec(steps, main, problems)


def _schema_of(catalog: Catalog | Schema) -> dict[str, dict[str, str]]:
    if isinstance(catalog, Catalog):
        return {name: dict(cols) for name, cols in catalog.schema_mapping().items()}
    return {name: dict(cols) for name, cols in catalog.items()}


def resolve_query(query: Query, schema: Schema, prefix: str = "") -> tuple[Resolver, ResolvedQuery]:
    r = Resolver(query, schema, prefix)
    from_ref, joins = r.resolve_joins()
    out = ResolvedQuery(from_ref, r.refs.get(from_ref, query.source_tables[0].name), joins)
    row_names = _transformations(r, query)
    out.filters = r.resolve_list(query.filters, "filters", row_names, _row_rule(r, "a filter"))
    out.group_items = _named_items(r, query.group_by, "group_by", row_names)
    for path, tree in ((f"group_by[{i}]", t) for i, (_, t) in enumerate(out.group_items)):
        _row_rule(r, "a group-by expression")(tree, path)
    out.aggregations = _aggregations(r, query, row_names)
    out_names: Names = dict(row_names)
    out_names.update({n.lower(): t for n, t in out.group_items + out.aggregations})
    out.outputs = _outputs(r, query, out, out_names)
    final_names = {**out_names, **{n.lower(): t for n, t in out.outputs}}
    if query.having and not query.is_aggregate:
        r.problem(
            "having",
            "having needs group_by or aggregations",
            "misplaced_having",
            "use filters for row conditions",
        )
    out.having = r.resolve_list(query.having, "having", final_names)
    out.qualify = r.resolve_list(query.qualify, "qualify", final_names)
    out.order_by = _order_by(r, query, out, final_names)
    if query.is_aggregate:
        _check_grouping(r, out)
    _check_duplicates(r, out)
    out.problems = r.problems
    return r, out


def _transformations(r: Resolver, query: Query) -> Names:
    names: Names = {}
    for i, item in enumerate(query.transformations):
        path = f"transformations[{i}]"
        tree = r.parse(item.expr, path)
        if tree is None:
            continue
        if item.name.lower() in names:
            r.problem(
                f"{path}.name",
                f"transformation '{item.name}' is defined twice",
                "duplicate_name",
                "rename one of them",
            )
        tree = r.resolve_names(tree, path, names)
        if ex.has_aggregate(tree):
            r.problem(
                path,
                "a transformation is per row and cannot aggregate",
                "misplaced_aggregate",
                "move it to aggregations",
            )
        names[item.name.lower()] = tree
    return names


def _row_rule(r: Resolver, what: str) -> Any:
    def rule(tree: exp.Expr, path: str) -> None:
        if ex.has_aggregate(tree):
            r.problem(
                path,
                f"{what} cannot contain an aggregate",
                "misplaced_aggregate",
                "conditions on aggregates go in having",
            )
        elif ex.has_window(tree):
            r.problem(
                path,
                f"{what} cannot use a window function",
                "misplaced_window",
                "conditions on window results go in qualify",
            )

    return rule


def _named_items(
    r: Resolver, texts: tuple[str, ...], field_name: str, names: Names
) -> list[tuple[str, exp.Expr]]:
    items = []
    for i, text in enumerate(texts):
        name, tree = r.resolve_named(text, f"{field_name}[{i}]", names)
        if name is not None and tree is not None:
            items.append((name, tree))
    return items


def _aggregations(r: Resolver, query: Query, row_names: Names) -> list[tuple[str, exp.Expr]]:
    names = dict(row_names)
    items = []
    for i, item in enumerate(query.aggregations):
        path = f"aggregations[{i}]"
        tree = r.parse(item.expr, path)
        if tree is None:
            continue
        tree = r.resolve_names(tree, path, names)
        if not ex.has_aggregate(tree):
            r.problem(
                path,
                f"'{item.expr}' does not aggregate",
                "not_aggregate",
                "use an aggregate such as sum(...), or move it to transformations",
            )
        names[item.name.lower()] = tree
        items.append((item.name, tree))
    return items


def _outputs(
    r: Resolver, query: Query, out: ResolvedQuery, names: Names
) -> list[tuple[str, exp.Expr]]:
    if query.columns is not None:
        return _named_items(r, query.columns, "columns", names)
    if query.is_aggregate:
        return out.group_items + out.aggregations
    r.problem(
        "columns",
        "columns are required when nothing is aggregated",
        "missing_columns",
        'list the output, e.g. ["c.customer_id", "o.amount * 2 AS double_amount"]',
    )
    return []


def _order_by(
    r: Resolver, query: Query, out: ResolvedQuery, names: Names
) -> list[tuple[exp.Expr, bool, bool | None]]:
    outputs = {name.lower(): name for name in out.output_names}
    items = []
    for i, item in enumerate(query.order_by):
        path = f"order_by[{i}].expr"
        tree = r.parse(item.expr, path)
        if tree is None:
            continue
        if isinstance(tree, exp.Column) and not tree.table and tree.name.lower() in outputs:
            # A bare output name stays an alias: every dialect sorts by output aliases.
            resolved: exp.Expr = exp.column(outputs[tree.name.lower()])
        else:
            resolved = r.resolve_names(tree, path, names)
        items.append((resolved, item.desc, item.nulls_first))
    return items


def _check_grouping(r: Resolver, out: ResolvedQuery) -> None:
    group_keys = {ex.key(tree) for _, tree in out.group_items}
    outputs = {name.lower() for name in out.output_names}
    checked: list[tuple[str, exp.Expr]] = [
        *((f"columns[{i}]", t) for i, (_, t) in enumerate(out.outputs)),
        *((f"having[{i}]", t) for i, t in enumerate(out.having)),
        *((f"order_by[{i}].expr", t) for i, (t, _, _) in enumerate(out.order_by)),
    ]
    for path, tree in checked:
        for column in ex.ungrouped_columns(tree, group_keys):
            if not column.table and column.name.lower() in outputs:
                continue  # an output alias in ORDER BY
            r.problem(
                path,
                f"'{column.sql()}' is neither grouped nor aggregated",
                "ungrouped_column",
                "add it to group_by, or aggregate it (e.g. max(...))",
            )


def _check_duplicates(r: Resolver, out: ResolvedQuery) -> None:
    seen: set[str] = set()
    for name in out.output_names:
        if name.lower() in seen:
            r.problem(
                "columns" if r.query.columns is not None else "aggregations",
                f"output column '{name}' appears twice",
                "duplicate_name",
                "give each output column its own name",
            )
        seen.add(name.lower())


def output_types(r: Resolver, out: ResolvedQuery) -> dict[str, str]:
    """Best-effort types of a query's outputs, so later steps can join on them."""
    types = {}
    for name, tree in out.outputs:
        body = tree.this if isinstance(tree, exp.Paren) else tree
        if isinstance(body, exp.Column):
            types[name] = r.type_of(body) or "UNKNOWN"
        elif isinstance(body, exp.Count):
            types[name] = "BIGINT"
        elif isinstance(body, (exp.Sum, exp.Min, exp.Max)) and isinstance(body.this, exp.Column):
            types[name] = r.type_of(body.this) or "UNKNOWN"
        elif isinstance(body, exp.Avg):
            types[name] = "DOUBLE"
        else:
            types[name] = "UNKNOWN"
    return types


def _target_problems(spec: Spec, main: ResolvedQuery, base_tables: set[str]) -> list[Problem]:
    problems = []
    target = spec.target_table
    if not _IDENTIFIER.match(target.name):
        problems.append(
            Problem(
                "target_table.name",
                f"'{target.name}' is not a table name",
                "bad_target",
                "use letters, digits and underscores",
            )
        )
    elif target.name.lower().startswith(RESERVED_PREFIX):
        problems.append(
            Problem(
                "target_table.name",
                f"names starting with {RESERVED_PREFIX} are reserved for staging",
                "bad_target",
                "choose another name",
            )
        )
    sources = {s.name.lower() for q in (spec, *spec.steps) for s in q.source_tables}
    if target.name.lower() in sources & base_tables:
        problems.append(
            Problem(
                "target_table.name",
                f"target '{target.name}' is also a source",
                "target_is_source",
                "write the result to a new table",
            )
        )
    outputs = {name.lower() for name in main.output_names}
    for i, key_name in enumerate(target.keys):
        if key_name.lower() not in outputs:
            guess = did_you_mean(key_name, main.output_names)
            problems.append(
                Problem(
                    f"target_table.keys[{i}]",
                    f"key '{key_name}' is not an output column",
                    "unknown_key",
                    f"did you mean '{guess}'?" if guess else "keys name output columns",
                )
            )
    problems += _not_null_problems(target.not_null, target.keys or [n for n, _ in main.group_items])
    return problems


def _not_null_problems(
    not_null: tuple[str, ...], keys: list[str] | tuple[str, ...]
) -> list[Problem]:
    """`not_null` names keys: the declared ones, else the group-by outputs."""
    known = {k.lower() for k in keys}
    return [
        Problem(
            f"target_table.not_null[{i}]",
            f"'{name}' is not a key",
            "unknown_key",
            f"did you mean '{guess}'?"
            if (guess := did_you_mean(name, list(keys)))
            else "not_null names keys (target_table.keys, else the group-by outputs)",
        )
        for i, name in enumerate(not_null)
        if name.lower() not in known
    ]


def _function_problems(
    parsed: list[tuple[str, exp.Expr]], functions: frozenset[str], dialect: str | None = None
) -> list[Problem]:
    # Engines list hundreds of internal helpers (collate_*, pragma_*) and leave out special
    # forms (coalesce): suggest from the SQL vocabulary sqlglot knows, then the engine's list.
    common = {name.lower() for name in Parser.FUNCTIONS}
    problems = []
    for path, tree in parsed:
        for name in ex.function_names(tree):
            if name.lower() not in functions:
                guess = did_you_mean(name, common) or did_you_mean(name, functions)
                problems.append(
                    Problem(
                        path,
                        f"unknown function '{name}'{_engine_lacks(dialect)}",
                        "unknown_function",
                        f"did you mean '{guess}'?" if guess else None,
                    )
                )
    return problems


def _engine_lacks(dialect: str | None) -> str:
    """Which engine lacks the function, when the catalog is not DuckDB's (whose words the
    spec's expressions are in)."""
    engines = {"postgres": "PostgreSQL", "spark": "Spark"}
    if dialect in (None, "duckdb"):
        return ""
    return f" ({engines.get(dialect, dialect)} has no such function)"


def _forbidden_problems(
    parsed: list[tuple[str, exp.Expr]], known: frozenset[str] | None
) -> list[Problem]:
    """Functions that are not data transformations (settings, files, state), whoever wrote the
    expression; a name the engine does not know at all is already an unknown function."""
    problems = []
    for path, tree in parsed:
        for name in dict.fromkeys(forbidden_functions(tree)):
            if known is not None and name not in known and name.upper() not in Parser.FUNCTIONS:
                continue
            problems.append(
                Problem(
                    path,
                    f"function '{name}' is not allowed in a spec: expressions transform "
                    "the data and may not read settings, files or variables",
                    "forbidden_function",
                    "use arithmetic, text, date, conditional, aggregate or window functions",
                )
            )
    return problems

"""Seeded defects: realistic mistakes in a pipeline's CODE, made as sqlglot tree mutations.

Every defect takes the correct compiled SQL as a tree (`sqlglot.parse_one(sql, read="duckdb")`)
and a `DefectContext` (the spec, which stays correct, the catalog, the correct output and a way
to look values up in the source tables) and returns the defective SQL, or None when the mistake
does not apply to the pipeline (no LEFT JOIN to break, no HAVING to change, ...). The tree
passed in is never changed.

The twelve kinds, as the issue lists them:

- wrong_aggregate_column: the first SUM / AVG / MIN / MAX (else COUNT) aggregates another
  numeric column of the same table (`sum(o.amount)` -> `sum(o.discount)`), everywhere the code
  repeats that aggregate;
- missing_filter: the first WHERE conjunct is dropped;
- loosened_filter: the first WHERE conjunct that can be widened is: a range bound moves out by
  10 % (numbers) or a month (dates), `>` becomes `>=`, `col = 'x'` matches case- and
  space-insensitively (or also admits the most common other value), `<> 'x'` compares with the
  wrong case, an IN list gains the most common other value;
- inner_instead_of_left: the first LEFT / RIGHT / FULL join becomes an inner join;
- duplicated_rows: three of the output rows come out twice (UNION ALL);
- dropped_rows: a leftover debugging condition drops the source rows of one output key;
- wrong_grain: a date_trunc unit is coarsened (month -> quarter); else an id group key is
  dropped in favour of a sibling column (grouping customers by name, the id as MIN); else the
  only group key is another column of the same table;
- wrong_having_threshold: the HAVING constant loses a zero (1000 -> 100; >= 20 -> >= 2);
- null_key: the first key column is NULL for one row (CASE WHEN key = v THEN NULL ...);
- derived_column_wrong: the first arithmetic operator of a computed output flips (- <-> +,
  * <-> /), else a COALESCE(x, default) loses its default, else a TRIM / LOWER / UPPER is lost;
- wrong_join_key: the first join matches on another same-typed column of the joined table
  (`c.customer_id = o.order_id`);
- value_slightly_off: one measure is 1 % off (integers: off by one; with no numeric measure, a
  date one day off) for exactly one output row, selected by its key values.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from datamorph.catalog import Catalog, Column, type_family
from datamorph.spec import Spec

DIALECT = "duckdb"
AGGREGATES = (exp.Sum, exp.Avg, exp.Min, exp.Max)
ARITHMETIC = {exp.Sub: exp.Add, exp.Add: exp.Sub, exp.Mul: exp.Div, exp.Div: exp.Mul}
COARSER = {"DAY": "WEEK", "WEEK": "MONTH", "MONTH": "QUARTER", "QUARTER": "YEAR", "YEAR": "MONTH"}


@dataclass
class DefectContext:
    spec: Spec
    catalog: Catalog
    rows: list[dict[str, Any]]  # the correct output, sorted by the declared keys
    types: dict[str, str]  # output column -> DuckDB type
    lookup: Callable[[str], list[tuple[Any, ...]]]  # runs a read-only query on the sources

    @property
    def keys(self) -> list[str]:
        return list(self.spec.target_table.keys)


Defect = Callable[[exp.Select, DefectContext], str | None]


# ---- helpers ----------------------------------------------------------------------------------


def _render(tree: exp.Expr) -> str:
    return tree.sql(dialect=DIALECT)


def _sources(select: exp.Select) -> dict[str, str]:
    """Alias (or name) -> table name, for the FROM table and every joined table."""
    tables = [select.args["from_"].this] if select.args.get("from_") else []
    tables += [join.this for join in select.args.get("joins") or []]
    return {t.alias_or_name: t.name for t in tables if isinstance(t, exp.Table)}


def _table_columns(ctx: DefectContext, select: exp.Select, alias: str) -> list[Column]:
    """The catalog columns behind an alias; [] for a CTE or unknown table."""
    name = _sources(select).get(alias)
    if name is None or not ctx.catalog.has_table(name):
        return []
    return list(ctx.catalog.table(name).columns)


def _column_type(ctx: DefectContext, select: exp.Select, column: exp.Column) -> Column | None:
    for candidate in _table_columns(ctx, select, column.table):
        if candidate.name.lower() == column.name.lower():
            return candidate
    return None


def _is_key_like(ctx: DefectContext, select: exp.Select, alias: str, name: str) -> bool:
    table = _sources(select).get(alias)
    primary: tuple[str, ...] = ()
    if table and ctx.catalog.has_table(table):
        primary = ctx.catalog.table(table).primary_key
    return name.lower().endswith("_id") or name in primary


def _replace_everywhere(tree: exp.Expr, old: exp.Expr, new: exp.Expr) -> exp.Expr:
    """Every subtree equal to `old` becomes `new`: code that repeats an expression (in HAVING,
    QUALIFY, windows) repeats the mistake too."""
    return tree.transform(lambda node: new.copy() if node == old else node)


def _projection(select: exp.Select, name: str) -> exp.Expr | None:
    for item in select.expressions:
        if item.alias_or_name.lower() == name.lower():
            return item
    return None


def _unaliased(item: exp.Expr) -> exp.Expr:
    return item.this if isinstance(item, exp.Alias) else item


def _literal(value: Any, sql_type: str) -> exp.Expr:
    """A value of the output as a SQL literal of the output's type."""
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float | decimal.Decimal):
        return exp.Literal.number(str(value))
    if isinstance(value, str) and type_family(sql_type) == "text":
        return exp.Literal.string(value)
    text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else str(value)
    return exp.cast(exp.Literal.string(text), sql_type, dialect=DIALECT)


def _pick_row(ctx: DefectContext, columns: list[str], fraction: float) -> dict[str, Any] | None:
    """A deterministic row (about `fraction` of the way through) whose `columns` are not null."""
    usable = [row for row in ctx.rows if all(row.get(c) is not None for c in columns)]
    return usable[int(len(usable) * fraction)] if usable else None


def _key_condition(select: exp.Select, ctx: DefectContext, row: dict[str, Any]) -> exp.Expr | None:
    """`key_expr = value AND ...` selecting exactly `row` by its key values, as the code sees
    them (the expressions behind the key outputs, so it works in WHERE and projections)."""
    parts = []
    for key in ctx.keys:
        item = _projection(select, key)
        if item is None or _has_aggregate_or_window(_unaliased(item)):
            return None
        parts.append(
            exp.EQ(this=_unaliased(item).copy(), expression=_literal(row[key], ctx.types[key]))
        )
    return exp.and_(*parts) if parts else None


def _most_nulls(ctx: DefectContext, table: str, columns: list[str]) -> str:
    """The column of `table` with the most NULLs (the first on a tie)."""
    nulls = ctx.lookup(
        "SELECT " + ", ".join(f'count(*) - count("{c}")' for c in columns) + f" FROM {table}"
    )[0]
    return columns[max(range(len(columns)), key=lambda i: (nulls[i], -i))]


def _has_aggregate_or_window(node: exp.Expr) -> bool:
    return bool(node.find(exp.AggFunc, exp.Window))


def _conjuncts(condition: exp.Expr) -> list[exp.Expr]:
    return list(condition.flatten()) if isinstance(condition, exp.And) else [condition]


def _frequent_other(
    ctx: DefectContext, select: exp.Select, expr: exp.Expr, not_in: list[Any]
) -> Any:
    """The most frequent value of `expr` (over one table) other than `not_in`, or None."""
    aliases = {c.table for c in expr.find_all(exp.Column)}
    if len(aliases) != 1:
        return None
    alias = aliases.pop()
    table = _sources(select).get(alias)
    if table is None or not ctx.catalog.has_table(table):
        return None
    rows = ctx.lookup(
        f"SELECT v FROM (SELECT {_render(expr)} AS v, count(*) AS n FROM {table} AS {alias} "
        f"GROUP BY 1) WHERE v IS NOT NULL ORDER BY n DESC, v::VARCHAR"
    )
    for (value,) in rows:
        if str(value) not in {str(v) for v in not_in}:
            return value
    return None


# ---- the defects ------------------------------------------------------------------------------


def wrong_aggregate_column(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    found = [a for item in tree.expressions for a in item.find_all(*AGGREGATES)]
    found += [a for item in tree.expressions for a in item.find_all(exp.Count)]
    for aggregate in found:
        column = aggregate.find(exp.Column)
        if column is None:  # COUNT(*): count a nullable column of the FROM table instead
            star = aggregate.this
            first = tree.args["from_"].this
            candidates = [
                c.name
                for c in _table_columns(ctx, tree, first.alias_or_name)
                if c.nullable and not _is_key_like(ctx, tree, first.alias_or_name, c.name)
            ]
            if not isinstance(star, exp.Star) or not candidates:
                continue
            wrong = exp.column(_most_nulls(ctx, first.name, candidates), table=first.alias_or_name)
            new = aggregate.copy()
            new.set("this", wrong)
            return _render(_replace_everywhere(tree, aggregate.copy(), new))
        current = _column_type(ctx, tree, column)
        if current is None:
            continue
        used = {c.name.lower() for c in aggregate.find_all(exp.Column)}
        siblings = [
            c
            for c in _table_columns(ctx, tree, column.table)
            if c.name.lower() not in used
            and c.family == "numeric"
            and not _is_key_like(ctx, tree, column.table, c.name)
        ]
        siblings.sort(key=lambda c: c.type != current.type)  # same type first
        names = [c.name for c in siblings]
        if isinstance(aggregate, exp.Count):  # counting a column that has NULLs
            names = [c.name for c in _table_columns(ctx, tree, column.table) if c.nullable]
            names = [n for n in names if n.lower() not in used]
            names = [_most_nulls(ctx, _sources(tree)[column.table], names)] if names else []
        if not names:
            continue
        new = aggregate.copy()
        for inner in new.find_all(exp.Column):
            if inner == column:
                inner.replace(exp.column(names[0], table=column.table))
                break
        return _render(_replace_everywhere(tree, aggregate.copy(), new))
    return None


def _where_holder(tree: exp.Select) -> exp.Select | None:
    """The main query's WHERE, else the first step's (CTE) WHERE."""
    if tree.args.get("where"):
        return tree
    for cte in (tree.args.get("with_") or exp.With()).expressions:
        if isinstance(cte.this, exp.Select) and cte.this.args.get("where"):
            return cte.this
    return None


def missing_filter(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    holder = _where_holder(tree)
    if holder is None:
        return None
    rest = _conjuncts(holder.args["where"].this)[1:]
    holder.set("where", exp.Where(this=exp.and_(*rest)) if rest else None)
    return _render(tree)


def _widen(value: exp.Expr, lower: bool) -> exp.Expr | None:
    """A bound moved outwards: numbers by 10 %, dates by a month."""
    if isinstance(value, exp.Literal) and not value.is_string:
        number = decimal.Decimal(value.this)
        moved = number * decimal.Decimal("0.9" if lower else "1.1")
        if number == number.to_integral_value():
            moved = moved.to_integral_value(decimal.ROUND_FLOOR if lower else decimal.ROUND_CEILING)
            if moved == number:
                moved += -1 if lower else 1
        return exp.Literal.number(str(moved))
    if (
        isinstance(value, exp.Cast)
        and isinstance(value.this, exp.Literal)
        and value.is_type("date")
    ):
        day = dt.date.fromisoformat(value.this.this)
        month = day.month - 1 if lower else day.month + 1
        year = day.year + (month - 1) // 12
        moved = day.replace(year=year, month=(month - 1) % 12 + 1, day=min(day.day, 28))
        return exp.cast(exp.Literal.string(moved.isoformat()), "DATE")
    return None


def _loosened(select: exp.Select, ctx: DefectContext, condition: exp.Expr) -> exp.Expr | None:
    if isinstance(condition, exp.Between):
        low, high = _widen(condition.args["low"], True), _widen(condition.args["high"], False)
        if low is None or high is None:
            return None
        return exp.Between(this=condition.this.copy(), low=low, high=high)
    bounds = {exp.GT: True, exp.GTE: True, exp.LT: False, exp.LTE: False}
    if type(condition) in bounds:
        subject, value, lower = condition.this, condition.expression, bounds[type(condition)]
        if isinstance(subject, exp.Literal | exp.Cast) and not subject.find(exp.Column):
            subject, value, lower = value, subject, not lower  # `400 <= amount`
        widened = _widen(value, lower)
        if widened is None:
            return None
        return type(condition)(this=subject.copy(), expression=widened)
    if isinstance(condition, exp.EQ) and isinstance(condition.expression, exp.Literal):
        subject, value = condition.this, condition.expression
        if not value.is_string:
            return None
        if isinstance(subject, exp.Column):
            # Match dirty variants too (' completed', 'COMPLETED'), if the data has any.
            normal = exp.func("lower", exp.func("trim", subject.copy()))
            table = _sources(select).get(subject.table, "")
            if table and ctx.catalog.has_table(table):
                ((extra,),) = ctx.lookup(
                    f"SELECT count(*) FROM {table} AS {subject.table} WHERE "
                    f"{_render(normal)} = {_render(value)} AND {_render(subject)} <> "
                    f"{_render(value)}"
                )
                if extra:
                    return exp.EQ(this=normal, expression=value.copy())
        other = _frequent_other(ctx, select, subject, [value.this])
        if other is None:
            return None
        return exp.In(this=subject.copy(), expressions=[value.copy(), exp.Literal.string(other)])
    if isinstance(condition, exp.NEQ) and isinstance(condition.expression, exp.Literal):
        value = condition.expression
        if not value.is_string or value.this.upper() == value.this:
            return None
        return exp.NEQ(
            this=condition.this.copy(), expression=exp.Literal.string(value.this.upper())
        )
    if isinstance(condition, exp.In) and condition.expressions:
        values = [v.this for v in condition.expressions if isinstance(v, exp.Literal)]
        other = _frequent_other(ctx, select, condition.this, values)
        if other is None:
            return None
        extra = exp.Literal.string(other) if isinstance(other, str) else exp.Literal.number(other)
        return exp.In(
            this=condition.this.copy(),
            expressions=[*map(exp.Expr.copy, condition.expressions), extra],
        )
    return None


def loosened_filter(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    holder = _where_holder(tree)
    if holder is None:
        return None
    conjuncts = _conjuncts(holder.args["where"].this)
    for i, condition in enumerate(conjuncts):
        loose = _loosened(holder, ctx, condition)
        if loose is not None:
            conjuncts[i] = loose
            holder.set("where", exp.Where(this=exp.and_(*conjuncts)))
            return _render(tree)
    return None


def inner_instead_of_left(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    for join in tree.args.get("joins") or []:
        if join.args.get("side") in {"LEFT", "RIGHT", "FULL"}:
            join.set("side", None)
            return _render(tree)
    return None


def duplicated_rows(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    ctes = tree.args.get("with_")
    tree.set("with_", None)
    body = _render(tree)
    prefix = _render(ctes)[len("WITH ") :] + ", " if ctes else ""
    return (
        f"WITH {prefix}result AS ({body}) SELECT * FROM result "
        f"UNION ALL (SELECT * FROM result ORDER BY ALL LIMIT 3)"
    )


def dropped_rows(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    row = _pick_row(ctx, ctx.keys, 0.5)
    condition = _key_condition(tree, ctx, row) if row is not None else None
    if condition is None:
        return None
    if isinstance(condition, exp.EQ):  # `AND customer_id <> 104`
        leftover: exp.Expr = exp.NEQ(this=condition.this, expression=condition.expression)
    else:
        leftover = exp.Not(this=exp.Paren(this=condition))
    return _render(tree.where(leftover))  # ANDed to an existing WHERE


def wrong_grain(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    group = tree.args.get("group")
    if group is None:
        return None
    # A date_trunc grain one step coarser, everywhere.
    for item in group.expressions:
        trunc = item.find(exp.TimestampTrunc, exp.DateTrunc)
        if trunc is not None:
            unit = trunc.text("unit").upper()
            if unit not in COARSER:
                continue
            new = trunc.copy()
            new.set("unit", exp.Var(this=COARSER[unit]))
            return _render(_replace_everywhere(tree, trunc.copy(), new))
    keys = [_unaliased(_projection(tree, k) or exp.Null()) for k in ctx.keys]
    columns = [g for g in group.expressions if isinstance(g, exp.Column)]
    # An id key dropped from GROUP BY, its sibling columns of the same table kept (customers
    # grouped by name); the id comes out as MIN(id) so that the query still runs.
    for column in columns:
        siblings = [c for c in columns if c is not column and c.table == column.table]
        if column in keys and siblings and _is_key_like(ctx, tree, column.table, column.name):
            group.set("expressions", [g for g in group.expressions if g is not column])
            for item in tree.expressions:
                if _unaliased(item) == column:
                    item.replace(exp.alias_(column.copy(), item.alias_or_name))
            least = exp.Min(this=column.copy())
            for arg in ("expressions", "having", "qualify", "order"):  # after the grouping
                value = tree.args.get(arg)
                if isinstance(value, list):
                    tree.set(arg, [_replace_everywhere(v, column, least) for v in value])
                elif value is not None:
                    tree.set(arg, _replace_everywhere(value, column, least))
            return _render(tree)
    # The only group key is another column of the same table.
    if len(group.expressions) == 1 and group.expressions[0].find(exp.Column):
        column = group.expressions[0].find(exp.Column)
        current = _column_type(ctx, tree, column)
        others = [
            c
            for c in _table_columns(ctx, tree, column.table)
            if current is not None
            and c.name != current.name
            and c.family == current.family
            and not _is_key_like(ctx, tree, column.table, c.name)
        ]
        if others:
            wrong = exp.column(others[0].name, table=column.table)
            for item in tree.expressions:
                if not isinstance(item, exp.Alias) and _unaliased(item).find(exp.Column) == column:
                    item.replace(exp.alias_(item.copy(), column.name))  # keep the output name
            return _render(_replace_everywhere(tree, column.copy(), wrong))
    return None


def wrong_having_threshold(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    having = tree.args.get("having")
    if having is None:
        return None
    for comparison in having.find_all(exp.GT, exp.GTE, exp.LT, exp.LTE, exp.EQ, exp.NEQ):
        literal = comparison.expression
        if not isinstance(literal, exp.Literal) or literal.is_string:
            continue
        number = decimal.Decimal(literal.this)
        typo = number / 10 if abs(number) >= 10 else number - 1  # a zero lost
        text = str(int(typo)) if typo == typo.to_integral_value() else str(typo)
        literal.replace(exp.Literal.number(text))
        return _render(tree)
    return None


def null_key(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    key = ctx.keys[0]
    item = _projection(tree, key)
    row = _pick_row(ctx, [key], 0.3)
    if item is None or row is None:
        return None
    value = _unaliased(item)
    broken = exp.Case(
        ifs=[
            exp.If(
                this=exp.EQ(this=value.copy(), expression=_literal(row[key], ctx.types[key])),
                true=exp.Null(),
            )
        ],
        default=value.copy(),
    )
    item.replace(exp.alias_(broken, key))
    return _render(tree)


def _derived_targets(tree: exp.Select, ctx: DefectContext) -> list[exp.Expr]:
    """Computed outputs (not bare columns), those that are not keys first."""
    keys = {k.lower() for k in ctx.keys}
    items = [i for i in tree.expressions if not isinstance(_unaliased(i), exp.Column)]
    return sorted(items, key=lambda i: i.alias_or_name.lower() in keys)


def derived_column_wrong(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    targets = _derived_targets(tree, ctx)
    for item in targets:
        for node in _unaliased(item).walk():
            if type(node) in ARITHMETIC:
                flipped = ARITHMETIC[type(node)](
                    this=node.this.copy(), expression=node.expression.copy()
                )
                return _render(_replace_everywhere(tree, node.copy(), flipped))
    for item in targets:  # a missing-as-zero or default lost
        for node in _unaliased(item).find_all(exp.Coalesce):
            if node.expressions and isinstance(node.expressions[-1], exp.Literal):
                return _render(_replace_everywhere(tree, node.copy(), node.this.copy()))
    for item in targets:  # a cleaning function lost
        for node in _unaliased(item).find_all(exp.Trim, exp.Lower, exp.Upper):
            return _render(_replace_everywhere(tree, node.copy(), node.this.copy()))
    return None


def wrong_join_key(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    for join in tree.args.get("joins") or []:
        on = join.args.get("on")
        equality = on.find(exp.EQ) if on is not None else None
        if equality is None:
            continue
        joined = join.this.alias_or_name
        sides = sorted(
            (s for s in (equality.this, equality.expression) if isinstance(s, exp.Column)),
            key=lambda s: s.table != joined,  # the joined table's column first
        )
        for side in sides:
            current = _column_type(ctx, tree, side)
            if current is None:
                continue
            others = [
                c
                for c in _table_columns(ctx, tree, side.table)
                if c.name != current.name and c.type == current.type
            ]
            others.sort(key=lambda c: not c.name.endswith("_id"))
            if others:
                side.replace(exp.column(others[0].name, table=side.table))
                return _render(tree)
    return None


def value_slightly_off(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    keys = {k.lower() for k in ctx.keys}
    outputs = [
        item
        for item in tree.expressions
        if item.alias_or_name.lower() not in keys and not item.alias_or_name.lower().endswith("_id")
    ]
    # Numbers first (aggregates and windows, then computed, then plain columns); a date or
    # timestamp one day off where a pipeline has no numeric measure.
    outputs.sort(
        key=lambda i: (
            type_family(ctx.types.get(i.alias_or_name, "")) != "numeric",
            not _has_aggregate_or_window(_unaliased(i)),
            isinstance(_unaliased(i), exp.Column),
        )
    )
    for item in outputs:
        name = item.alias_or_name
        sql_type = ctx.types.get(name, "")
        family = type_family(sql_type)
        if family not in {"numeric", "temporal"} or "INTERVAL" in sql_type.upper():
            continue
        usable = [r for r in ctx.rows if _big_enough(r.get(name)) or family == "temporal"]
        usable = [r for r in usable if r.get(name) is not None]
        row = usable[len(usable) // 2] if usable else None
        condition = _key_condition(tree, ctx, row) if row is not None else None
        if condition is None:
            continue
        value = _unaliased(item)
        if isinstance(value, exp.Binary):
            value = exp.paren(value.copy())
        integer = sql_type.upper() in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"}
        if family == "temporal":
            shifted = exp.Add(
                this=value.copy(),
                expression=exp.Interval(this=exp.Literal.string("1"), unit=exp.Var(this="DAY")),
            )
            off: exp.Expr = exp.cast(shifted, sql_type)
        elif integer:
            off = exp.Add(this=value.copy(), expression=exp.Literal.number(1))
        else:
            off = exp.cast(
                exp.Mul(this=value.copy(), expression=exp.Literal.number("1.01")), sql_type
            )
        case = exp.Case(ifs=[exp.If(this=condition, true=off)], default=_unaliased(item).copy())
        item.replace(exp.alias_(case, name))
        return _render(tree)
    return None


def _big_enough(value: Any) -> bool:
    """1 % of it survives rounding to cents."""
    return isinstance(value, int | float | decimal.Decimal) and abs(value) >= 1


DEFECTS: dict[str, Defect] = {
    "wrong_aggregate_column": wrong_aggregate_column,
    "missing_filter": missing_filter,
    "loosened_filter": loosened_filter,
    "inner_instead_of_left": inner_instead_of_left,
    "duplicated_rows": duplicated_rows,
    "dropped_rows": dropped_rows,
    "wrong_grain": wrong_grain,
    "wrong_having_threshold": wrong_having_threshold,
    "null_key": null_key,
    "derived_column_wrong": derived_column_wrong,
    "wrong_join_key": wrong_join_key,
    "value_slightly_off": value_slightly_off,
}


def same_rows(query: Callable[[str], list[tuple[Any, ...]]], left: str, right: str) -> bool:
    """Whether two tables hold the same columns (names and types) and the same multiset of
    rows, doubles compared to 9 significant digits (parallel sums may differ in the last bits)."""
    shapes = []
    for table in (left, right):
        shapes.append([(name, kind) for name, kind, *_ in query(f'DESCRIBE "{table}"')])
    if shapes[0] != shapes[1]:
        return False
    picked = ", ".join(
        f'round("{name}", 9 - ceil(log10(abs("{name}") + 1e-300))::INTEGER)'
        if kind in {"DOUBLE", "FLOAT", "REAL"}
        else f'"{name}"'
        for name, kind in shapes[0]
    )
    a, b = f'SELECT {picked} FROM "{left}"', f'SELECT {picked} FROM "{right}"'
    ((differ,),) = query(
        f"SELECT count(*) FROM (({a} EXCEPT ALL {b}) UNION ALL ({b} EXCEPT ALL {a}))"
    )
    return differ == 0

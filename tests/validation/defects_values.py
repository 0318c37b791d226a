"""Seeded defects that change values and grain: aggregates, group keys, HAVING, keys,
derived columns, one value off."""

from __future__ import annotations

import decimal
from typing import Any

from sqlglot import exp

from datamorph.catalog import type_family

from .mutations import (
    AGGREGATES,
    ARITHMETIC,
    COARSER,
    DefectContext,
    column_type,
    has_aggregate_or_window,
    is_key_like,
    key_condition,
    most_nulls,
    pick_row,
    projection,
    render,
    replace_everywhere,
    source_aliases,
    table_columns,
    typed_literal,
    unaliased,
)


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
                for c in table_columns(ctx, tree, first.alias_or_name)
                if c.nullable and not is_key_like(ctx, tree, first.alias_or_name, c.name)
            ]
            if not isinstance(star, exp.Star) or not candidates:
                continue
            wrong = exp.column(most_nulls(ctx, first.name, candidates), table=first.alias_or_name)
            new = aggregate.copy()
            new.set("this", wrong)
            return render(replace_everywhere(tree, aggregate.copy(), new))
        current = column_type(ctx, tree, column)
        if current is None:
            continue
        used = {c.name.lower() for c in aggregate.find_all(exp.Column)}
        siblings = [
            c
            for c in table_columns(ctx, tree, column.table)
            if c.name.lower() not in used
            and c.family == "numeric"
            and not is_key_like(ctx, tree, column.table, c.name)
        ]
        siblings.sort(key=lambda c: c.type != current.type)  # same type first
        names = [c.name for c in siblings]
        if isinstance(aggregate, exp.Count):  # counting a column that has NULLs
            names = [c.name for c in table_columns(ctx, tree, column.table) if c.nullable]
            names = [n for n in names if n.lower() not in used]
            names = [most_nulls(ctx, source_aliases(tree)[column.table], names)] if names else []
        if not names:
            continue
        new = aggregate.copy()
        for inner in new.find_all(exp.Column):
            if inner == column:
                inner.replace(exp.column(names[0], table=column.table))
                break
        return render(replace_everywhere(tree, aggregate.copy(), new))
    return None


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
            return render(replace_everywhere(tree, trunc.copy(), new))
    keys = [unaliased(projection(tree, k) or exp.Null()) for k in ctx.keys]
    columns = [g for g in group.expressions if isinstance(g, exp.Column)]
    # An id key dropped from GROUP BY, its sibling columns of the same table kept (customers
    # grouped by name); the id comes out as MIN(id) so that the query still runs.
    for column in columns:
        siblings = [c for c in columns if c is not column and c.table == column.table]
        if column in keys and siblings and is_key_like(ctx, tree, column.table, column.name):
            group.set("expressions", [g for g in group.expressions if g is not column])
            for item in tree.expressions:
                if unaliased(item) == column:
                    item.replace(exp.alias_(column.copy(), item.alias_or_name))
            least = exp.Min(this=column.copy())
            for arg in ("expressions", "having", "qualify", "order"):  # after the grouping
                value = tree.args.get(arg)
                if isinstance(value, list):
                    tree.set(arg, [replace_everywhere(v, column, least) for v in value])
                elif value is not None:
                    tree.set(arg, replace_everywhere(value, column, least))
            return render(tree)
    # The only group key is another column of the same table.
    if len(group.expressions) == 1 and group.expressions[0].find(exp.Column):
        column = group.expressions[0].find(exp.Column)
        current = column_type(ctx, tree, column)
        others = [
            c
            for c in table_columns(ctx, tree, column.table)
            if current is not None
            and c.name != current.name
            and c.family == current.family
            and not is_key_like(ctx, tree, column.table, c.name)
        ]
        if others:
            wrong = exp.column(others[0].name, table=column.table)
            for item in tree.expressions:
                if not isinstance(item, exp.Alias) and unaliased(item).find(exp.Column) == column:
                    item.replace(exp.alias_(item.copy(), column.name))  # keep the output name
            return render(replace_everywhere(tree, column.copy(), wrong))
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
        return render(tree)
    return None


def null_key(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    key = ctx.keys[0]
    item = projection(tree, key)
    row = pick_row(ctx, [key], 0.3)
    if item is None or row is None:
        return None
    value = unaliased(item)
    broken = exp.Case(
        ifs=[
            exp.If(
                this=exp.EQ(this=value.copy(), expression=typed_literal(row[key], ctx.types[key])),
                true=exp.Null(),
            )
        ],
        default=value.copy(),
    )
    item.replace(exp.alias_(broken, key))
    return render(tree)


def _derived_targets(tree: exp.Select, ctx: DefectContext) -> list[exp.Expr]:
    """Computed outputs (not bare columns), those that are not keys first."""
    keys = {k.lower() for k in ctx.keys}
    items = [i for i in tree.expressions if not isinstance(unaliased(i), exp.Column)]
    return sorted(items, key=lambda i: i.alias_or_name.lower() in keys)


def derived_column_wrong(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    targets = _derived_targets(tree, ctx)
    for item in targets:
        for node in unaliased(item).walk():
            if type(node) in ARITHMETIC:
                flipped = ARITHMETIC[type(node)](
                    this=node.this.copy(), expression=node.expression.copy()
                )
                return render(replace_everywhere(tree, node.copy(), flipped))
    for item in targets:  # a missing-as-zero or default lost
        for node in unaliased(item).find_all(exp.Coalesce):
            if node.expressions and isinstance(node.expressions[-1], exp.Literal):
                return render(replace_everywhere(tree, node.copy(), node.this.copy()))
    for item in targets:  # a cleaning function lost
        for node in unaliased(item).find_all(exp.Trim, exp.Lower, exp.Upper):
            return render(replace_everywhere(tree, node.copy(), node.this.copy()))
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
            not has_aggregate_or_window(unaliased(i)),
            isinstance(unaliased(i), exp.Column),
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
        condition = key_condition(tree, ctx, row) if row is not None else None
        if condition is None:
            continue
        value = unaliased(item)
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
        case = exp.Case(ifs=[exp.If(this=condition, true=off)], default=unaliased(item).copy())
        item.replace(exp.alias_(case, name))
        return render(tree)
    return None


def _big_enough(value: Any) -> bool:
    """1 % of it survives rounding to cents."""
    return isinstance(value, int | float | decimal.Decimal) and abs(value) >= 1

"""Seeded defects that change which rows come out: filters, joins, duplicates, drops."""

from __future__ import annotations

import datetime as dt
import decimal

from sqlglot import exp

from .mutations import (
    DefectContext,
    column_type,
    conjunct_list,
    frequent_other,
    key_condition,
    pick_row,
    render,
    source_aliases,
    table_columns,
)


def missing_filter(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    holder = _where_holder(tree)
    if holder is None:
        return None
    rest = conjunct_list(holder.args["where"].this)[1:]
    holder.set("where", exp.Where(this=exp.and_(*rest)) if rest else None)
    return render(tree)


def _where_holder(tree: exp.Select) -> exp.Select | None:
    """The main query's WHERE, else the first step's (CTE) WHERE."""
    if tree.args.get("where"):
        return tree
    for cte in (tree.args.get("with_") or exp.With()).expressions:
        if isinstance(cte.this, exp.Select) and cte.this.args.get("where"):
            return cte.this
    return None


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
            table = source_aliases(select).get(subject.table, "")
            if table and ctx.catalog.has_table(table):
                ((extra,),) = ctx.lookup(
                    f"SELECT count(*) FROM {table} AS {subject.table} WHERE "
                    f"{render(normal)} = {render(value)} AND {render(subject)} <> "
                    f"{render(value)}"
                )
                if extra:
                    return exp.EQ(this=normal, expression=value.copy())
        other = frequent_other(ctx, select, subject, [value.this])
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
        other = frequent_other(ctx, select, condition.this, values)
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
    conjuncts = conjunct_list(holder.args["where"].this)
    for i, condition in enumerate(conjuncts):
        loose = _loosened(holder, ctx, condition)
        if loose is not None:
            conjuncts[i] = loose
            holder.set("where", exp.Where(this=exp.and_(*conjuncts)))
            return render(tree)
    return None


def inner_instead_of_left(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    for join in tree.args.get("joins") or []:
        if join.args.get("side") in {"LEFT", "RIGHT", "FULL"}:
            join.set("side", None)
            return render(tree)
    return None


def duplicated_rows(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    ctes = tree.args.get("with_")
    tree.set("with_", None)
    body = render(tree)
    prefix = render(ctes)[len("WITH ") :] + ", " if ctes else ""
    return (
        f"WITH {prefix}result AS ({body}) SELECT * FROM result "
        f"UNION ALL (SELECT * FROM result ORDER BY ALL LIMIT 3)"
    )


def dropped_rows(tree: exp.Select, ctx: DefectContext) -> str | None:
    tree = tree.copy()
    row = pick_row(ctx, ctx.keys, 0.5)
    condition = key_condition(tree, ctx, row) if row is not None else None
    if condition is None:
        return None
    if isinstance(condition, exp.EQ):  # `AND customer_id <> 104`
        leftover: exp.Expr = exp.NEQ(this=condition.this, expression=condition.expression)
    else:
        leftover = exp.Not(this=exp.Paren(this=condition))
    return render(tree.where(leftover))  # ANDed to an existing WHERE


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
            current = column_type(ctx, tree, side)
            if current is None:
                continue
            others = [
                c
                for c in table_columns(ctx, tree, side.table)
                if c.name != current.name and c.type == current.type
            ]
            others.sort(key=lambda c: not c.name.endswith("_id"))
            if others:
                side.replace(exp.column(others[0].name, table=side.table))
                return render(tree)
    return None

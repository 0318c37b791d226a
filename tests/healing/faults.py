"""Fault injections: realistic mistakes in a pipeline's CODE, for the self-healing suite.

Every fault takes the correct compiled SQL of a pipeline (`compile_sql(spec, catalog,
"duckdb")`) as a sqlglot tree plus a `FaultContext`, and returns the broken SQL text, or None
when the mistake does not apply (no join to misspell, no HAVING to drop, ...). The spec stays
correct: healing must bring the code back to what the spec asks for. The tree passed in is
never changed.

Two families:

- the code does not run (the engine refuses it): unknown_column (`o.amount` -> `o.amont`),
  unknown_table (`orders` -> `ordrs`), ambiguous_column (`c.customer_id` -> `customer_id` where
  two joined tables have it), unknown_function (`SUM` -> `SUMM`, `COALESCE` -> `COALESE`,
  `DATE_TRUNC` -> `DATE_TRUNCATE`, ...), syntax_error (a missing comma between select items, or
  `GROUP BY` -> `GROUP`), type_mismatch (a number compared with `'abc'`, a date with an int),
  misspelt_join_key (`o.customer_id` -> `o.custmer_id` in the ON);
- the code runs but the output is wrong: wrong_aggregate_column (`SUM(o.amount)` ->
  `SUM(o.discount)`), wrong_join_type (LEFT / RIGHT -> inner), missing_filter (a WHERE
  conjunct dropped), missing_having (the HAVING dropped), misnamed_output (`AS total_amount` ->
  `AS total_amt`).

`inject` applies every fault to a pipeline and keeps the broken SQL only when it behaves as its
family says on the real database (a refused query, or a different output): a LEFT join made
inner that loses no row is not a fault. `expected_rows` is the correct output a healed run is
compared with.
"""

from __future__ import annotations

import re
import zlib

import duckdb
from sqlglot import exp

from datamorph.catalog import type_family

from .fault_tools import (
    Fault,
    FaultContext,
    column_of,
    conjuncts,
    in_join,
    is_key_like,
    is_numeric,
    projected_columns,
    render,
    replace_everywhere,
    source_aliases,
    typo,
)


def unknown_column(tree: exp.Select, ctx: FaultContext) -> str | None:
    """A column of the SELECT list misspelt once (`o.amount` -> `o.amont`): measures before
    other columns, never an id."""
    tree = tree.copy()
    for column in projected_columns(tree):
        found = column_of(tree, ctx.catalog, column)
        if found is None or is_key_like(found.name):
            continue
        table = source_aliases(tree, ctx.catalog)[column.table.lower()]
        taken = [c.name for c in ctx.catalog.table(table).columns]
        column.set("this", exp.to_identifier(typo(found.name, taken)))
        return render(tree)
    return None


def unknown_table(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first table the main query reads misspelt (`orders` -> `ordrs`)."""
    tree = tree.copy()
    tables = [tree.args["from_"].this] if tree.args.get("from_") else []
    tables += [join.this for join in tree.args.get("joins") or []]
    for table in tables:
        if isinstance(table, exp.Table) and ctx.catalog.has_table(table.name):
            table.set("this", exp.to_identifier(typo(table.name, ctx.catalog.table_names)))
            return render(tree)
    return None


def ambiguous_column(tree: exp.Select, ctx: FaultContext) -> str | None:
    """A qualified column left unqualified where two of the joined tables have a column of that
    name (`c.customer_id` -> `customer_id`); outside the join conditions first."""
    tree = tree.copy()
    aliases = source_aliases(tree, ctx.catalog)
    if len(aliases) < 2:
        return None
    columns = [c for c in tree.find_all(exp.Column) if c.table]
    ordered = [c for c in columns if not in_join(c)] + [c for c in columns if in_join(c)]
    for column in ordered:
        owners = [t for t in aliases.values() if ctx.catalog.table(t).has_column(column.name)]
        if len(owners) >= 2:
            column.set("table", None)
            return render(tree)
    return None


# What people type instead of the function (the first one in the code that has a typo here).
FUNCTION_TYPOS = {
    "SUM": "SUMM",
    "COALESCE": "COALESE",
    "DATE_TRUNC": "DATE_TRUNCATE",  # (DuckDB knows `datetrunc`)
    "AVG": "AVERAGE",
    "ROUND": "ROUNDUP",
    "ROW_NUMBER": "ROWNUMBER",
    "RANK": "RANKING",
    "TRIM": "STRIP",
    "LOWER": "LOWERCASE",
}
_FUNCTION = re.compile(r"\b(" + "|".join(FUNCTION_TYPOS) + r")\(")


def unknown_function(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first function with a common misspelling here gets it wherever the code calls it
    (`SUM(` -> `SUMM(`): whoever believes the name is `DATE_TRUNCATE` writes it every time."""
    match = _FUNCTION.search(ctx.sql)
    if match is None:
        return None
    name = match.group(1)
    return re.sub(rf"\b{name}\(", FUNCTION_TYPOS[name] + "(", ctx.sql)


def parses(sql: str) -> bool:
    try:
        duckdb.extract_statements(sql)
    except duckdb.Error:
        return False
    return True


def syntax_error(tree: exp.Select, ctx: FaultContext) -> str | None:
    """`GROUP BY` -> `GROUP` (for about half of the grouped pipelines, chosen by name), else a
    comma missing between two select items (the first whose loss the parser refuses)."""
    text = ctx.sql
    if "GROUP BY" in text and zlib.crc32(ctx.name.encode()) % 2 == 0:
        return text.replace("GROUP BY", "GROUP", 1)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.rstrip().endswith(",") and i + 1 < len(lines):
            broken = "\n".join([*lines[:i], line.rstrip()[:-1], *lines[i + 1 :]])
            if not parses(broken):
                return broken
    return None


def _number_or_aggregate(select: exp.Select, ctx: FaultContext, node: exp.Expr) -> bool:
    if isinstance(node, exp.Count | exp.Sum | exp.Avg | exp.Window):
        return True
    if isinstance(node, exp.Column):
        found = column_of(select, ctx.catalog, node)
        return found is not None and is_numeric(found)
    return False


def _date_column(select: exp.Select, ctx: FaultContext, node: exp.Expr) -> bool:
    if not isinstance(node, exp.Column):
        return False
    found = column_of(select, ctx.catalog, node)
    return found is not None and type_family(found.type) == "temporal"


def _year_of(node: exp.Expr) -> exp.Expr | None:
    """A date literal (`CAST('2024-01-01' AS DATE)`) as the int people write for it (2024)."""
    if isinstance(node, exp.Cast) and isinstance(node.this, exp.Literal) and node.this.is_string:
        match = re.match(r"(\d{4})-", node.this.name)
        if match:
            return exp.Literal.number(match.group(1))
    return None


def type_mismatch(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first comparison of a number with a number literal compares it with `'abc'`, or of
    a date with a date literal compares it with an int (`o.order_date >= 2024`); in WHERE, then
    HAVING, then QUALIFY."""
    tree = tree.copy()
    comparisons = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE)
    for clause in ("where", "having", "qualify"):
        condition = tree.args.get(clause)
        if condition is None:
            continue
        for node in condition.find_all(*comparisons, exp.Between):
            left = node.this.unnest()
            right = node.args["low"] if isinstance(node, exp.Between) else node.expression
            if _date_column(tree, ctx, left) and (year := _year_of(right)) is not None:
                right.replace(year)
                return render(tree)
            if (
                _number_or_aggregate(tree, ctx, left)
                and isinstance(right, exp.Literal)
                and right.is_number
            ):
                right.replace(exp.Literal.string("abc"))
                return render(tree)
    return None


def misspelt_join_key(tree: exp.Select, ctx: FaultContext) -> str | None:
    """A key of the first join condition misspelt (`o.customer_id` -> `o.custmer_id`): the
    joined table's side when it is a catalog table, else the other side."""
    tree = tree.copy()
    for join in tree.args.get("joins") or []:
        on = join.args.get("on")
        if on is None:
            continue
        for eq in on.find_all(exp.EQ):
            for side in (eq.expression, eq.this):
                if isinstance(side, exp.Column):
                    found = column_of(tree, ctx.catalog, side)
                    if found is None:
                        continue
                    table = source_aliases(tree, ctx.catalog)[side.table.lower()]
                    taken = [c.name for c in ctx.catalog.table(table).columns]
                    side.set("this", exp.to_identifier(typo(found.name, taken)))
                    return render(tree)
    return None


# ---- faults where the code runs and the output is wrong ---------------------------------------


def wrong_aggregate_column(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first SUM / AVG / MIN / MAX of the SELECT list aggregates another numeric column of
    the same table (`SUM(o.amount)` -> `SUM(o.discount)`), wherever the code repeats it."""
    tree = tree.copy()
    for agg in (a for item in tree.expressions for a in item.find_all(exp.AggFunc)):
        if not isinstance(agg, exp.Sum | exp.Avg | exp.Min | exp.Max):
            continue
        for column in agg.find_all(exp.Column):
            found = column_of(tree, ctx.catalog, column)
            if found is None or not is_numeric(found):
                continue
            table = source_aliases(tree, ctx.catalog)[column.table.lower()]
            others = [
                c
                for c in ctx.catalog.table(table).columns
                if is_numeric(c) and not is_key_like(c.name) and c.name != found.name
            ]
            if not others:
                continue
            old = agg.copy()
            new = agg.copy()
            for target in new.find_all(exp.Column):
                if target == column:
                    target.set("this", exp.to_identifier(others[0].name))
            return render(replace_everywhere(tree, old, new))
    return None


def wrong_join_type(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first LEFT / RIGHT / FULL join becomes an inner join."""
    tree = tree.copy()
    for join in tree.args.get("joins") or []:
        if join.side:
            join.set("side", None)
            join.set("kind", None)
            return render(tree)
    return None


def missing_filter(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first WHERE conjunct is dropped (the WHERE, when it was the only one)."""
    tree = tree.copy()
    where = tree.args.get("where")
    if where is None:
        return None
    rest = conjuncts(where.this)[1:]
    tree.set("where", exp.Where(this=exp.and_(*rest)) if rest else None)
    return render(tree)


def missing_having(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The HAVING is dropped."""
    if tree.args.get("having") is None:
        return None
    tree = tree.copy()
    tree.set("having", None)
    return render(tree)


# Abbreviations people use for output names (`total_amount` -> `total_amt`).
ABBREVIATIONS = {
    "amount": "amt",
    "count": "cnt",
    "revenue": "rev",
    "value": "val",
    "quantity": "qty",
    "units": "qty",
    "number": "num",
    "name": "nm",
    "discount": "disc",
    "share": "pct",
    "change": "chg",
    "spend": "total",
    "orders": "n_orders",
    "customers": "n_customers",
    "payments": "n_payments",
    "paid": "amount_paid",
    "order": "ord",
    "category": "cat",
    "customer": "cust",
}


def abbreviate(name: str) -> str:
    words = name.split("_")
    for i in range(len(words) - 1, -1, -1):
        if words[i] in ABBREVIATIONS:
            return "_".join([*words[:i], ABBREVIATIONS[words[i]], *words[i + 1 :]])
    return name[:3] if len(name) > 3 else name + "_col"


def misnamed_output(tree: exp.Select, ctx: FaultContext) -> str | None:
    """The first non-key output is named otherwise (`AS total_amount` -> `AS total_amt`; a
    plain column gains such an alias); ORDER BY and QUALIFY follow the new name."""
    tree = tree.copy()
    keys = {k.lower() for k in ctx.keys}
    items = [i for i in tree.expressions if i.alias_or_name.lower() not in keys]
    # Aliased outputs first, then plain columns; ids last.
    items.sort(key=lambda i: (is_key_like(i.alias_or_name), not isinstance(i, exp.Alias)))
    for item in items:
        old = item.alias_or_name
        new = abbreviate(old)
        if new == old or any(i.alias_or_name == new for i in tree.expressions):
            continue
        body = item.this if isinstance(item, exp.Alias) else item
        item.replace(exp.alias_(body.copy(), new))
        for clause in ("order", "qualify"):
            node = tree.args.get(clause)
            for column in node.find_all(exp.Column) if node is not None else ():
                if not column.table and column.name == old:
                    column.set("this", exp.to_identifier(new))
        return render(tree)
    return None


# ---- the registry -----------------------------------------------------------------------------

# The code fails to run: the engine's error is what healing starts from.
ERROR_FAULTS: dict[str, Fault] = {
    "unknown_column": unknown_column,
    "unknown_table": unknown_table,
    "ambiguous_column": ambiguous_column,
    "unknown_function": unknown_function,
    "syntax_error": syntax_error,
    "type_mismatch": type_mismatch,
    "misspelt_join_key": misspelt_join_key,
}
# The code runs and its output is wrong: validation's failed checks are what healing starts from.
RESULT_FAULTS: dict[str, Fault] = {
    "wrong_aggregate_column": wrong_aggregate_column,
    "wrong_join_type": wrong_join_type,
    "missing_filter": missing_filter,
    "missing_having": missing_having,
    "misnamed_output": misnamed_output,
}
FAULTS: dict[str, Fault] = ERROR_FAULTS | RESULT_FAULTS

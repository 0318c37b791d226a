"""A spec read back in plain English, so a person can confirm a plan before it runs.

left join customers (c) to orders (o) on c.customer_id = o.customer_id, so customers
without orders are kept; keep rows where o.status = 'completed'; for each customer_id,
customer_name: total_amount = the total of net_amount, ...
"""

from __future__ import annotations

from sqlglot import exp

from datamorph.spec import Query, Spec
from datamorph.spec.expressions import ExpressionError, parse_expression, split_alias

_JOIN_WORDS = {
    "inner": "join {l} to {r} on {on}",
    "left": "left join {l} to {r} on {on}, so {l_name} without {r_name} are kept",
    "right": "right join {l} to {r} on {on}, so {r_name} without {l_name} are kept",
    "full": "full join {l} and {r} on {on}, keeping unmatched rows of both",
    "semi": "keep {l_name} that have {r_name} ({on})",
    "anti": "keep {l_name} that have no {r_name} ({on})",
}
_AGGREGATES = {
    exp.Sum: "the total of {x}",
    exp.Avg: "the average of {x}",
    exp.Min: "the smallest {x}",
    exp.Max: "the largest {x}",
}


def explain(spec: Spec) -> str:
    """The plan as sentences, one per clause, in the order the query runs."""
    lines = [f"step {step.name}: " + "; ".join(_query(step)) for step in spec.steps]
    lines += _query(spec)
    target = spec.target_table
    grain = f", one row per {', '.join(target.keys)}" if target.keys else ""
    action = "replace" if target.mode == "replace" else "append to"
    lines.append(f"{action} table {target.name}{grain}")
    return "\n".join(f"- {line}" for line in lines)


def _query(q: Query) -> list[str]:
    refs = {t.ref: t for t in q.source_tables}
    lines = [_sources(q)] if not q.join_conditions else []
    for join in q.join_conditions:
        left, right = refs.get(join.left), refs.get(join.right)
        lines.append(
            _JOIN_WORDS[join.type].format(
                l=_named(left.name, join.left) if left else join.left,
                r=_named(right.name, join.right) if right else join.right,
                l_name=left.name if left else join.left,
                r_name=right.name if right else join.right,
                on=join.on,
            )
        )
    lines += [f"compute {t.name} = {t.expr}" for t in q.transformations]
    if q.filters:
        lines.append("keep rows where " + " and ".join(q.filters))
    if q.group_by:
        lines.append("for each " + ", ".join(_output(g) for g in q.group_by) + ":")
    lines += [f"{a.name} = {_aggregate(a.expr)}" for a in q.aggregations]
    if q.having:
        lines.append("keep groups where " + " and ".join(q.having))
    if q.columns is not None:
        lines.append("output " + ", ".join(q.columns))
    if q.qualify:
        lines.append("keep rows where " + " and ".join(q.qualify) + " (after windows)")
    if q.distinct:
        lines.append("drop duplicate rows")
    if q.order_by:
        lines.append(
            "sort by "
            + ", ".join(f"{o.expr}, {'highest' if o.desc else 'lowest'} first" for o in q.order_by)
        )
    if q.limit is not None:
        lines.append(f"keep the first {q.limit} rows")
    return lines


def _sources(q: Query) -> str:
    return "read " + ", ".join(_named(t.name, t.ref) for t in q.source_tables)


def _named(name: str, ref: str) -> str:
    return name if ref == name else f"{name} ({ref})"


def _output(text: str) -> str:
    try:
        alias, body = split_alias(parse_expression(text, allow_alias=True))
    except ExpressionError:
        return text
    return f"{alias} ({body.sql()})" if alias else body.sql()


def _aggregate(text: str) -> str:
    try:
        tree = parse_expression(text)
    except ExpressionError:
        return text
    if isinstance(tree, exp.Count):
        inner = tree.this
        if isinstance(inner, exp.Distinct):
            return "the number of distinct " + ", ".join(e.sql() for e in inner.expressions)
        return (
            "the number of rows" if isinstance(inner, exp.Star) else f"the number of {inner.sql()}"
        )
    for kind, words in _AGGREGATES.items():
        if isinstance(tree, kind):
            return words.format(x=tree.this.sql())
    return text

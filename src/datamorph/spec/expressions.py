"""Parsing spec expressions with sqlglot, and the tree questions the checker and compiler ask."""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from datamorph.spec.model import EXPRESSION_DIALECT

# Nodes that can be inlined in place of a name without changing precedence.
_ATOMIC = (exp.Column, exp.Literal, exp.Func, exp.Paren, exp.Cast, exp.Boolean, exp.Null)
_OPERATORS = (exp.Binary, exp.Unary, exp.Between, exp.In)


_STATEMENTS = (
    exp.Block,
    exp.Command,
    exp.Insert,
    exp.Update,
    exp.Delete,
    exp.Create,
    exp.Drop,
    exp.Alter,
    exp.Merge,
    exp.Transaction,
    exp.Commit,
    exp.Rollback,
)


class ExpressionError(ValueError):
    """A snippet that does not parse as one SQL expression."""


# A filter or a measure a person writes is a line or two; 10,000 characters is a mistake, and
# tens of thousands of terms take sqlglot and the checks minutes to walk.
MAX_EXPRESSION_CHARS = 10_000


def parse_expression(text: str, *, allow_alias: bool = False) -> exp.Expr:
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(
            f"'{text[:40]}…' is {len(text):,} characters; an expression may have at most "
            f"{MAX_EXPRESSION_CHARS:,}"
        )
    try:
        statements = [s for s in sqlglot.parse(text, read=EXPRESSION_DIALECT) if s is not None]
    except RecursionError:
        raise ExpressionError(f"'{text[:60]}...' nests too deeply") from None
    except ParseError as error:
        first = error.errors[0] if error.errors else {}
        detail = first.get("description") or str(error).splitlines()[0]
        raise ExpressionError(f"cannot parse '{text}': {detail}") from None
    except TokenError as error:  # before parsing: an unclosed quote, a stray character
        raise ExpressionError(f"cannot parse '{text}': {str(error).splitlines()[0]}") from None
    # One expression, never a script: 'x = 1; DROP TABLE t' must not reach any engine.
    if len(statements) != 1 or any(isinstance(n, _STATEMENTS) for n in statements[0].walk()):
        raise ExpressionError(f"'{text}' holds a statement, not one expression")
    tree = statements[0]
    if isinstance(tree, exp.Query):
        raise ExpressionError(f"'{text}' is a query, not an expression (use steps)")
    if isinstance(tree, exp.Alias) and not allow_alias:
        raise ExpressionError(f"'{text}' has an alias where none is allowed")
    return tree


def split_alias(tree: exp.Expr) -> tuple[str | None, exp.Expr]:
    """(alias, expression) of `expr AS name`; (None, tree) when there is no alias."""
    if isinstance(tree, exp.Alias):
        return tree.alias, tree.this
    return None, tree


def natural_name(tree: exp.Expr) -> str | None:
    """The output name a bare column gets (`c.customer_id` -> `customer_id`)."""
    return (
        tree.name if isinstance(tree, exp.Column) and not isinstance(tree.this, exp.Star) else None
    )


def outside_windows(tree: exp.Expr) -> list[exp.Expr]:
    """Every node of `tree` that is not inside a window function's OVER (...)."""
    nodes: list[exp.Expr] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        nodes.append(node)
        if isinstance(node, exp.Window):
            continue
        stack.extend(child for child in node.iter_expressions())
    return nodes


def has_aggregate(tree: exp.Expr) -> bool:
    """An aggregate call that groups rows (one inside a window does not)."""
    return any(isinstance(node, exp.AggFunc) for node in outside_windows(tree))


def _is_aggregate_call(node: exp.Expr) -> bool:
    # `sum(x) FILTER (WHERE ...)`: the filter's columns are read per row, inside the aggregate.
    return isinstance(node, exp.AggFunc) or (
        isinstance(node, exp.Filter) and isinstance(node.this, exp.AggFunc)
    )


def has_window(tree: exp.Expr) -> bool:
    return tree.find(exp.Window) is not None


def has_subquery(tree: exp.Expr) -> bool:
    return tree.find(exp.Query) is not None


def parenthesize(tree: exp.Expr, parent: exp.Expr | None) -> exp.Expr:
    """A copy of `tree` safe to put where a column name under `parent` stood.

    Only an operand of an operator needs parentheses (`net * 2` with net = `a - b`); a function
    argument or a projection does not, and extra parentheses make generated code harder to read.
    """
    copy = tree.copy()
    if isinstance(parent, exp.Paren) or not isinstance(parent, _OPERATORS):
        return copy
    # And/Or/Xor/Pow are Func subclasses in sqlglot: being an operator wins over being atomic.
    if isinstance(copy, _ATOMIC) and not isinstance(copy, (*_OPERATORS, exp.Connector)):
        return copy
    return exp.Paren(this=copy)


def columns_of(tree: exp.Expr) -> list[exp.Column]:
    return [node for node in tree.find_all(exp.Column) if not isinstance(node.this, exp.Star)]


def key(tree: exp.Expr) -> str:
    """A comparable form of an expression (case and spacing do not matter)."""
    return tree.sql(dialect=EXPRESSION_DIALECT, normalize=True).lower()


def ungrouped_columns(tree: exp.Expr, group_keys: set[str]) -> list[exp.Column]:
    """Columns used outside an aggregate that are not (part of) a GROUP BY expression."""
    found: list[exp.Column] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if key(node) in group_keys or _is_aggregate_call(node):
            continue
        if isinstance(node, exp.Column) and not isinstance(node.this, exp.Star):
            found.append(node)
            continue
        stack.extend(node.iter_expressions())
    return found


def function_names(tree: exp.Expr) -> list[str]:
    """Names of functions sqlglot does not know (it parses them as Anonymous)."""
    return [node.name for node in tree.find_all(exp.Anonymous)]

"""A spec's SQL made right for PostgreSQL, or refused: never emitted silently wrong.

Spec expressions are written the DuckDB way and sqlglot translates most of the difference
(integer division, null ordering, `strftime`, `median`, QUALIFY). What it leaves, found by
running every spec of the suite on both engines:
- `round(double precision, integer)` does not exist in PostgreSQL: the value is rounded as
  NUMERIC (exact, like DuckDB's result for a decimal; a double's digits are kept);
- `date_trunc` of a DATE returns a TIMESTAMP in DuckDB and a TIMESTAMP WITH TIME ZONE in
  PostgreSQL (the date is read as midnight in the session's zone): the date is cast to
  TIMESTAMP first, as DuckDB does;
- `sha256` hashes text in DuckDB and bytes in PostgreSQL: the text's UTF-8 bytes are hashed;
- `mode(x)` is an ordered-set aggregate in PostgreSQL: `mode() WITHIN GROUP (ORDER BY x)`;
- `TRY_CAST` would become a plain CAST, which fails on a bad value where DuckDB gives NULL,
  and functions PostgreSQL does not have (`try_strptime`, `list_sum`) would pass through as
  text: both are refused when the code is compiled, naming the function (the functions by
  dialect_check.py, for every dialect).
"""

from __future__ import annotations

from sqlglot import exp

from datamorph.codegen.dialect_check import refused
from datamorph.codegen.format_strings import printf_format

_DATE_TYPES = {exp.DataType.Type.DATE}


def adapt_for_postgres(tree: exp.Expr) -> exp.Expr:
    """The same query, with DuckDB's semantics, in terms PostgreSQL runs."""
    return tree.transform(_adapt)


def _adapt(node: exp.Expr) -> exp.Expr:
    if isinstance(node, exp.Format):
        return printf_format(node, "postgres")
    if isinstance(node, exp.Round) and node.args.get("decimals") is not None:
        return exp.Round(this=_as_numeric(node.this), decimals=node.args["decimals"])
    if isinstance(node, exp.SHA2) and not isinstance(node.this, exp.Anonymous):
        # PostgreSQL hashes bytes (sha256(bytea)): the text's UTF-8 bytes, as DuckDB hashes
        return exp.SHA2(this=_utf8(node.this), length=node.args.get("length"))
    if isinstance(node, exp.Mode):  # an ordered-set aggregate in PostgreSQL
        order = exp.Order(expressions=[exp.Ordered(this=node.this.copy(), nulls_first=False)])
        return exp.WithinGroup(this=exp.Anonymous(this="MODE"), expression=order)
    if isinstance(node, exp.TimestampTrunc | exp.DateTrunc) and not _is_timestamp_cast(node.this):
        copy = node.copy()
        copy.set("this", exp.cast(node.this.copy(), exp.DataType.Type.TIMESTAMP))
        return copy
    return node


def _utf8(value: exp.Expr) -> exp.Expr:
    return exp.Anonymous(this="CONVERT_TO", expressions=[value.copy(), exp.Literal.string("UTF8")])


def _as_numeric(value: exp.Expr) -> exp.Expr:
    if isinstance(value, exp.Cast) and value.to.is_type(exp.DataType.Type.DECIMAL):
        return value
    return exp.cast(value.copy(), exp.DataType.Type.DECIMAL)


def _is_timestamp_cast(value: exp.Expr) -> bool:
    return isinstance(value, exp.Cast) and value.to.is_type(
        exp.DataType.Type.TIMESTAMP, exp.DataType.Type.TIMESTAMPTZ
    )


def refuse_try_cast(tree: exp.Expr) -> None:
    """TRY_CAST would become a plain CAST, which fails on a bad value where DuckDB gives NULL.
    (Functions PostgreSQL lacks are refused by dialect_check.py, for every dialect.)"""
    if tree.find(exp.TryCast) is not None:
        raise refused(
            "postgres", "TRY_CAST (PostgreSQL has no cast that gives NULL on a bad value)"
        )

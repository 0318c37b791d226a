"""A spec's SQL made right for PostgreSQL, or refused: never emitted silently wrong.

Spec expressions are written the DuckDB way and sqlglot translates most of the difference
(integer division, null ordering, `strftime`, `median`, QUALIFY). What it leaves, found by
running every spec of the suite on both engines:
- `round(double precision, integer)` does not exist in PostgreSQL: the value is rounded as
  NUMERIC (exact, like DuckDB's result for a decimal; a double's digits are kept);
- `date_trunc` of a DATE returns a TIMESTAMP in DuckDB and a TIMESTAMP WITH TIME ZONE in
  PostgreSQL (the date is read as midnight in the session's zone): the date is cast to
  TIMESTAMP first, as DuckDB does;
- `TRY_CAST` would become a plain CAST, which fails on a bad value where DuckDB gives NULL,
  and functions PostgreSQL does not have (`try_strptime`, `list_sum`) would pass through as
  text: both are refused when the code is compiled, naming the function.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlglot import exp

from datamorph.errors import UsageError

_DATE_TYPES = {exp.DataType.Type.DATE}


def adapt_for_postgres(tree: exp.Expr) -> exp.Expr:
    """The same query, with DuckDB's semantics, in terms PostgreSQL runs."""
    return tree.transform(_adapt)


def _adapt(node: exp.Expr) -> exp.Expr:
    if isinstance(node, exp.Round) and node.args.get("decimals") is not None:
        return exp.Round(this=_as_numeric(node.this), decimals=node.args["decimals"])
    if isinstance(node, exp.TimestampTrunc | exp.DateTrunc) and not _is_timestamp_cast(node.this):
        copy = node.copy()
        copy.set("this", exp.cast(node.this.copy(), exp.DataType.Type.TIMESTAMP))
        return copy
    return node


def _as_numeric(value: exp.Expr) -> exp.Expr:
    if isinstance(value, exp.Cast) and value.to.is_type(exp.DataType.Type.DECIMAL):
        return value
    return exp.cast(value.copy(), exp.DataType.Type.DECIMAL)


def _is_timestamp_cast(value: exp.Expr) -> bool:
    return isinstance(value, exp.Cast) and value.to.is_type(
        exp.DataType.Type.TIMESTAMP, exp.DataType.Type.TIMESTAMPTZ
    )


def refuse_unsupported(tree: exp.Expr, functions: Iterable[str] | None) -> None:
    """UsageError naming the first construct PostgreSQL cannot run as DuckDB would.
    `functions`: the server's function names (pg_proc), when a live catalog gives them."""
    known = {name.lower() for name in functions} if functions is not None else None
    for node in tree.walk():
        if isinstance(node, exp.TryCast):
            raise _refused("TRY_CAST (PostgreSQL has no cast that gives NULL on a bad value)")
        if not isinstance(node, exp.Anonymous) or (known and node.name.lower() in known):
            continue
        if known is None:  # compiled against another engine's catalog: cannot tell
            raise _refused(
                f"{node.name.upper()}() is not a function sqlglot can translate",
                hint="compile with --database postgresql://... to check the server's functions",
            )
        raise _refused(f"{node.name.upper()}() (PostgreSQL has no such function)")


_REWRITE = "rewrite the expression with functions both engines share, or run it on DuckDB"


def _refused(what: str, hint: str = _REWRITE) -> UsageError:
    return UsageError(f"the spec cannot be compiled for PostgreSQL: {what}", hint=hint)

"""The tests a user declares on a model's output (`spec.tests`), beside the checks DataMorph
derives from the spec itself. They run in validation's phase 1; a failing `error` test stops
the publish, a failing `warn` test is reported and does not.

Each test is one object with a `type`; the shorthand a person writes by hand is accepted too:

    {"unique": "order_id"}                      {"unique": ["customer_id", "month"]}
    {"not_null": "customer_id"}                 {"not_null": ["a", "b"]}
    {"accepted_values": {"column": "status", "values": ["paid", "open"]}}
    {"relationships": {"column": "customer_id", "to": "customers", "field": "customer_id"}}
    {"expression_is_true": "total_amount >= 0"}
    {"row_count": {"min": 1, "max": 100000}}
    {"freshness": {"column": "loaded_at", "max_age": "2 days"}}
    {"sql": "SELECT * FROM {{ this }} WHERE amount < 0"}   (singular: the rows it returns fail)

Every form takes `severity` ("error", the default, or "warn") and an optional `name`. Columns
are the model's output columns; `{{ this }}` in a singular test is the table being validated.
A singular test is written in DuckDB's SQL, as spec expressions are, and rendered in the
engine's. `max_age` is a fixed length: whole numbers of seconds, minutes, hours, days or weeks
('2 days', '1 day 6 hours'); a month or a year is not one. How each test runs, and what its
failing rows are: datamorph/validation/user_tests.py.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from datamorph.errors import did_you_mean
from datamorph.spec.problems import Problem

if TYPE_CHECKING:
    from sqlglot import exp

TestType = Literal[
    "unique",
    "not_null",
    "accepted_values",
    "relationships",
    "expression_is_true",
    "row_count",
    "freshness",
    "sql",
]
TEST_TYPES: tuple[str, ...] = TestType.__args__  # type: ignore[attr-defined]
Severity = Literal["error", "warn"]
# which fields each type needs; every other field must be absent
_NEEDS: dict[str, tuple[str, ...]] = {
    "unique": ("columns",),
    "not_null": ("columns",),
    "accepted_values": ("columns", "values"),
    "relationships": ("columns", "to", "field"),
    "expression_is_true": ("expression",),
    "row_count": (),
    "freshness": ("columns", "max_age"),
    "sql": ("sql",),
}
_OPTIONAL: dict[str, tuple[str, ...]] = {"row_count": ("min", "max")}
_FIELDS = ("columns", "values", "to", "field", "expression", "min", "max", "max_age", "sql")
# the key that holds the main argument in the shorthand form, per type
_SHORT_KEY = {
    "unique": "columns",
    "not_null": "columns",
    "expression_is_true": "expression",
    "sql": "sql",
    "freshness": "columns",
    "accepted_values": "columns",
    "relationships": "columns",
}


class UserTest(BaseModel):
    """One declared test. `columns` holds one column for the per-column types (`unique` may
    name several: their combination is unique)."""

    __test__ = False  # not a pytest test class, whatever its name
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    type: TestType
    name: str | None = Field(default=None, description="Shown in reports; a default is made.")
    severity: Severity = "error"
    columns: tuple[str, ...] = ()
    values: tuple[Any, ...] = ()
    to: str | None = Field(default=None, description="relationships: the table referred to.")
    field: str | None = Field(default=None, description="relationships: its column.")
    expression: str | None = None
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    max_age: str | None = Field(default=None, description="freshness: an interval, '2 days'.")
    sql: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if not isinstance(value, dict) or "type" in value:
            return _columns_as_tuple(value)
        kinds = [k for k in value if k in TEST_TYPES]
        if len(kinds) > 1:
            raise ValueError(f"one test per entry, not {' and '.join(kinds)}")
        if not kinds:
            unknown = [k for k in value if k not in (*_FIELDS, "name", "severity", "column")]
            guess = did_you_mean(unknown[0], TEST_TYPES) if unknown else None
            raise ValueError(
                f"unknown test '{unknown[0]}'" + (f"; did you mean '{guess}'?" if guess else "")
                if unknown
                else f"a test needs a type: one of {', '.join(TEST_TYPES)}"
            )
        (kind,) = kinds
        rest = {k: v for k, v in value.items() if k != kind}
        argument = value[kind]
        if isinstance(argument, dict):
            return _columns_as_tuple({"type": kind, **argument, **rest})
        if argument is None:
            return {"type": kind, **rest}
        return _columns_as_tuple({"type": kind, _SHORT_KEY.get(kind, "columns"): argument, **rest})

    @model_validator(mode="after")
    def _fields_fit_the_type(self) -> UserTest:
        needed = _NEEDS[self.type]
        missing = [f for f in needed if not getattr(self, f)]
        if missing:
            raise ValueError(f"a {self.type} test needs '{missing[0]}'")
        allowed = {*needed, *_OPTIONAL.get(self.type, ())}
        extra = [f for f in _FIELDS if f not in allowed and getattr(self, f) not in (None, ())]
        if extra:
            raise ValueError(f"a {self.type} test takes no '{extra[0]}'")
        if self.type not in ("unique",) and len(self.columns) > 1 and self.type != "not_null":
            raise ValueError(f"a {self.type} test names one column, not {len(self.columns)}")
        if self.type == "row_count" and self.min is None and self.max is None:
            raise ValueError("a row_count test needs 'min' or 'max'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"row_count: min {self.min} is above max {self.max}")
        return self

    @model_serializer(mode="wrap")
    def _compact(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if k == "type" or v not in (None, (), [])}

    @property
    def label(self) -> str:
        """The test's name in reports: given, else made from its type and arguments."""
        if self.name:
            return self.name
        if self.type == "row_count":
            top = "∞" if self.max is None else str(self.max)
            return f"row_count between {self.min or 0} and {top}"
        if self.type == "expression_is_true":
            return f"expression_is_true: {self.expression}"
        if self.type == "sql":
            return f"sql: {' '.join((self.sql or '').split())[:60]}"
        if self.type == "relationships":
            return f"relationships: {self.columns[0]} -> {self.to}.{self.field}"
        return f"{self.type}: {', '.join(self.columns)}"

    @property
    def max_age_delta(self) -> dt.timedelta:
        """`max_age` as a length of time; ValueError saying why when it is not one."""
        return parse_max_age(self.max_age or "")

    def singular_query(self, table: str) -> exp.Query:
        """A sql test's SELECT with `{{ this }}` as `table` (quoted), parsed in the spec's
        dialect. UsageError unless it is one read-only SELECT calling only the functions a
        spec may: a test reads, it never writes or asks the engine about itself."""
        # imported here: spec.model imports this module, and these import spec.model
        from datamorph.engines.base import quote, require_select
        from datamorph.errors import UsageError
        from datamorph.spec.functions import forbidden_functions
        from datamorph.spec.model import EXPRESSION_DIALECT

        text = _THIS.sub(lambda _: quote(table), self.sql or "")
        tree = require_select(text, EXPRESSION_DIALECT)
        forbidden = list(dict.fromkeys(forbidden_functions(tree, EXPRESSION_DIALECT)))
        if forbidden:
            raise UsageError(
                f"it calls {', '.join(forbidden[:3])}, outside the functions a test may use",
                hint="a test reads the data: arithmetic, text, date, conditional and aggregates",
            )
        return tree


# `{{ this }}`, spaces optional: the table a singular test is about
_THIS = re.compile(r"\{\{\s*this\s*\}\}")
_UNITS = {
    "second": 1, "sec": 1, "s": 1, "minute": 60, "min": 60, "m": 60, "hour": 3600, "hr": 3600,
    "h": 3600, "day": 86400, "d": 86400, "week": 604800, "wk": 604800, "w": 604800,
}  # fmt: skip
_AGE_PART = re.compile(r"(\d+)\s*([a-z]+)")


def parse_max_age(text: str) -> dt.timedelta:
    """'2 days', '6 hours', '1 day 12 hours', '90 min' as a timedelta. Months and years are
    refused: their length depends on the date, and a freshness bound should not."""
    said = text.strip().lower()
    parts = _AGE_PART.findall(said)
    leftover = _AGE_PART.sub("", said).replace(",", "").replace("and", "").strip()
    if not parts or leftover:
        raise ValueError(
            f"max_age '{text}' is not a length of time; write it as '2 days' or '6 hours'"
        )
    seconds = 0
    for number, unit in parts:
        # a plural ('days', 'hrs'), but never 'ms': minutes are not milliseconds
        name = unit[:-1] if len(unit) > 2 and unit.endswith("s") else unit
        if name not in _UNITS:
            fixed = "months and years vary in length; " if name[:2] in ("mo", "ye", "y") else ""
            raise ValueError(
                f"max_age '{text}': unknown unit '{unit}'; {fixed}use seconds, minutes, hours, "
                "days or weeks"
            )
        seconds += int(number) * _UNITS[name]
    if seconds <= 0:
        raise ValueError(f"max_age '{text}' is no time at all; give a length above zero")
    return dt.timedelta(seconds=seconds)


def _columns_as_tuple(value: Any) -> Any:
    if isinstance(value, dict):
        if isinstance(value.get("columns"), str):
            value = {**value, "columns": (value["columns"],)}
        if "column" in value:  # the singular spelling of one column
            column = value["column"]
            value = {k: v for k, v in value.items() if k != "column"}
            value["columns"] = (column,) if isinstance(column, str) else column
    return value


def check_tests(
    tests: tuple[UserTest, ...],
    outputs: list[str],
    tables: dict[str, dict[str, str]],
    refs: set[str],
    target: str,
) -> tuple[list[Problem], list[tuple[str, exp.Expr]]]:
    """The problems of `spec.tests` found before anything runs, each with its field path, and
    the expressions and queries they parse (the caller checks their functions as it does the
    spec's). `tables`: the catalog's tables and their columns; `refs`: the tables the spec
    reads as other models' targets, which may not exist yet; `target`: the spec's own."""
    from datamorph.engines.base import QueryDoesNotParse  # see singular_query
    from datamorph.errors import UsageError
    from datamorph.spec import expressions as ex

    problems: list[Problem] = []
    parsed: list[tuple[str, exp.Expr]] = []
    by_lower = {name.lower(): name for name in outputs}

    def unknown(path: str, name: str, where: list[str], what: str) -> Problem:
        guess = did_you_mean(name, where)
        return Problem(
            path,
            f"'{name}' is not {what}",
            "unknown_column",
            f"did you mean '{guess}'?" if guess else f"choose from: {', '.join(where[:8])}",
        )

    for i, test in enumerate(tests):
        at = f"tests[{i}]"
        for j, column in enumerate(test.columns):
            if column.lower() not in by_lower:
                path = f"{at}.columns" + (f"[{j}]" if len(test.columns) > 1 else "")
                problems.append(unknown(path, column, outputs, "an output column"))
        if test.type == "relationships" and test.to and test.field:
            problems += _relationship_problems(at, test.to, test.field, tables, refs, target)
            if test.to.lower() == target.lower() and test.field.lower() not in by_lower:
                problems.append(unknown(f"{at}.field", test.field, outputs, "an output column"))
        if test.type == "expression_is_true" and test.expression:
            try:
                tree = ex.parse_expression(test.expression)
            except ex.ExpressionError as error:
                problems.append(Problem(f"{at}.expression", str(error), "parse_error"))
                continue
            parsed.append((f"{at}.expression", tree))
            if ex.has_aggregate(tree) or ex.has_window(tree) or ex.has_subquery(tree):
                problems.append(
                    Problem(
                        f"{at}.expression",
                        "an expression_is_true test holds on each row, without aggregates, "
                        "windows or sub-queries",
                        "not_per_row",
                        "write a sql test: SELECT ... FROM {{ this }} ... returning bad rows",
                    )
                )
            for used in ex.columns_of(tree):
                if used.table or used.name.lower() not in by_lower:
                    where = f"{at}.expression"
                    problems.append(unknown(where, used.sql(), outputs, "an output column"))
        if test.type == "freshness" and test.max_age:
            try:
                parse_max_age(test.max_age)
            except ValueError as error:
                problems.append(Problem(f"{at}.max_age", str(error), "bad_interval"))
        if test.type == "sql":
            try:
                parsed.append((f"{at}.sql", test.singular_query(target)))
            except QueryDoesNotParse as error:
                problems.append(Problem(f"{at}.sql", error.message, "parse_error", error.hint))
            except UsageError as error:
                problems.append(
                    Problem(f"{at}.sql", f"refused: {error.message}", "not_a_select", error.hint)
                )
    return problems, parsed


def _relationship_problems(
    at: str, to: str, field: str, tables: dict[str, dict[str, str]], refs: set[str], target: str
) -> list[Problem]:
    known = {name.lower(): name for name in tables}
    if to.lower() == target.lower() or to.lower() in refs:
        return []  # the output itself, or a model built before this one
    if to.lower() not in known:
        guess = did_you_mean(to, list(tables))
        return [
            Problem(
                f"{at}.to",
                f"'{to}' is not a table of the database",
                "unknown_table",
                f"did you mean '{guess}'?" if guess else "name a table, or a ref of the spec",
            )
        ]
    columns = list(tables[known[to.lower()]])
    if field.lower() in {c.lower() for c in columns}:
        return []
    guess = did_you_mean(field, columns)
    return [
        Problem(
            f"{at}.field",
            f"'{field}' is not a column of '{to}'",
            "unknown_column",
            f"did you mean '{guess}'?" if guess else f"its columns: {', '.join(columns[:8])}",
        )
    ]

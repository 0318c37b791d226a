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
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from datamorph.errors import did_you_mean

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


def _columns_as_tuple(value: Any) -> Any:
    if isinstance(value, dict):
        if isinstance(value.get("columns"), str):
            value = {**value, "columns": (value["columns"],)}
        if "column" in value:  # the singular spelling of one column
            column = value["column"]
            value = {k: v for k, v in value.items() if k != "column"}
            value["columns"] = (column,) if isinstance(column, str) else column
    return value

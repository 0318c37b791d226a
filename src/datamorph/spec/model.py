"""The ETL spec: one typed, frozen document that planning produces and everything else reads.

The v1 JSON shape is a public contract (see docs/design.md). Fields may be added, never changed in
meaning. Additions beyond the DESIGN example, all optional and defaulting to "absent":

- `steps`: named intermediate queries (rendered as CTEs), usable as source tables by later
  steps and by the main query; for IN / EXISTS sub-queries and two-level aggregation.
- `qualify`: filters on window results, applied after `having`.
- `distinct`: drop duplicate output rows.
- join `type` also accepts `semi` and `anti` (keep rows of the left side that have / have no
  match), the portable spelling of EXISTS / NOT EXISTS.
- `order_by` items accept `nulls_first`.
- `target_table.not_null`: group keys that may never be NULL. A key that is a group-by output
  may otherwise be NULL: GROUP BY makes one group, and one row, of the NULLs, and validation
  treats that NULL as a value. v1's "keys are unique and not null" stands for every other key
  (one row per source row), unchanged.

Expressions are SQL snippets in the DuckDB dialect (close to ANSI); the compiler renders them
for every target dialect through sqlglot.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from datamorph.errors import UsageError, did_you_mean
from datamorph.spec.user_tests import UserTest

SPEC_VERSION: Literal[1] = 1
EXPRESSION_DIALECT = "duckdb"
JoinType = Literal["inner", "left", "right", "full", "semi", "anti"]
WriteMode = Literal["replace", "append", "merge"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class SourceTable(_Model):
    name: str = Field(min_length=1, description="Table (or step) read.")
    alias: str | None = Field(default=None, description="Alias used in expressions; the name.")
    # "ref" in JSON; `ref` in Python is the name expressions use (the property below)
    is_ref: bool = Field(
        default=False,
        validation_alias=AliasChoices("ref", "is_ref"),
        description="Another model's target (in a project): built first, and an error if "
        "no model writes it.",
    )

    @model_serializer(mode="wrap")
    def _ref_when_set(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.pop("is_ref", False):  # a spec without refs reads as before, in older versions
            data["ref"] = True
        return data

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        # "customers" is shorthand for {"name": "customers"}.
        return {"name": value} if isinstance(value, str) else value

    @property
    def ref(self) -> str:
        """The name expressions use for this table."""
        return self.alias or self.name


class JoinCondition(_Model):
    left: str = Field(description="Alias (or name) of a table already joined.")
    right: str = Field(description="Alias (or name) of the table joined to it.")
    type: JoinType = "inner"
    on: str = Field(min_length=1, description="Boolean SQL expression.")


class NamedExpression(_Model):
    name: str = Field(min_length=1)
    expr: str = Field(min_length=1)


class Transformation(NamedExpression):
    """A per-row derived column, usable by name in every later field."""


class Aggregation(NamedExpression):
    """A named aggregate; may use earlier aggregation names."""


class OrderItem(_Model):
    expr: str = Field(min_length=1)
    desc: bool = False
    nulls_first: bool | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        # "total_amount desc" is shorthand for {"expr": "total_amount", "desc": true}.
        if not isinstance(value, str):
            return value
        text = value.strip()
        lowered = text.lower()
        for suffix, desc in ((" desc", True), (" asc", False)):
            if lowered.endswith(suffix):
                return {"expr": text[: -len(suffix)].strip(), "desc": desc}
        return {"expr": text}


class Incremental(_Model):
    """Only the rows above the last successful run's high-water mark of `column`."""

    column: str = Field(
        min_length=1,
        description="An output column that only grows (a load time, an id): each run takes "
        "the rows above the highest value the last successful run published.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"column": value} if isinstance(value, str) else value


class TargetTable(_Model):
    name: str = Field(min_length=1)
    mode: WriteMode = Field(
        default="replace",
        description="replace the table, append to it, or merge: upsert on `keys`.",
    )
    keys: tuple[str, ...] = Field(
        default=(),
        description="Declared grain: unique, not null (a group-by output may be NULL: its "
        "NULLs are one group, unless listed in not_null).",
    )
    not_null: tuple[str, ...] = Field(
        default=(),
        description="Group keys that may never be NULL. Without it a NULL group key is one "
        "group (GROUP BY makes one row of the NULLs), not an error.",
    )
    allow_empty: bool = Field(default=False, description="An empty result is not an error.")
    incremental: Incremental | None = Field(
        default=None, description="append or merge only the rows above a high-water mark."
    )
    delete_when: str | None = Field(
        default=None,
        description="merge: output rows for which this is true delete the target's row with "
        "the same keys instead of upserting it.",
    )

    @model_validator(mode="after")
    def _mode_fits(self) -> TargetTable:
        if self.mode == "merge" and not self.keys:
            raise ValueError("mode 'merge' needs 'keys': the columns a row is matched on")
        if self.incremental is not None and self.mode == "replace":
            raise ValueError("an incremental target appends or merges; 'replace' drops the rows")
        if self.delete_when is not None and self.mode != "merge":
            raise ValueError("'delete_when' applies to mode 'merge' only")
        return self

    @model_serializer(mode="wrap")
    def _without_unused(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # written only when used: a spec without them reads as before, in older versions too
        data: dict[str, Any] = handler(self)
        for key in ("not_null", "incremental", "delete_when"):
            if not data.get(key):
                data.pop(key, None)
        return data


class Query(_Model):
    """The fields shared by the main query and its steps."""

    source_tables: tuple[SourceTable, ...] = Field(min_length=1)
    join_conditions: tuple[JoinCondition, ...] = ()
    filters: tuple[str, ...] = ()
    transformations: tuple[Transformation, ...] = ()
    group_by: tuple[str, ...] = ()
    aggregations: tuple[Aggregation, ...] = ()
    having: tuple[str, ...] = ()
    qualify: tuple[str, ...] = ()
    columns: tuple[str, ...] | None = None
    distinct: bool = False
    order_by: tuple[OrderItem, ...] = ()
    limit: int | None = Field(default=None, ge=0)

    @field_validator("filters", "group_by", "having", "qualify", "columns", mode="before")
    @classmethod
    def _single_string_is_a_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @property
    def is_aggregate(self) -> bool:
        return bool(self.group_by or self.aggregations)

    def table_refs(self) -> dict[str, SourceTable]:
        return {table.ref: table for table in self.source_tables}


class Step(Query):
    """A named intermediate query, readable by later steps and the main query."""

    name: str = Field(min_length=1)


_FIELD_ORDER = (
    "version",
    "description",
    "steps",
    *Query.model_fields,
    "target_table",
    "tests",
    "tags",
)


class Spec(Query):
    """The ETL spec, version 1: source tables, joins, filters, groups and measures, and the
    `target_table` to write. `Spec.load(path)`, `Spec.from_json(text)`, `spec.to_json()`."""

    version: Literal[1] = SPEC_VERSION
    description: str = ""
    steps: tuple[Step, ...] = ()
    target_table: TargetTable
    tests: tuple[UserTest, ...] = Field(
        default=(), description="Tests of the output the user declares (unique, not_null, ...)."
    )
    tags: tuple[str, ...] = Field(default=(), description="Labels to select models by.")

    @model_serializer(mode="wrap")
    def _ordered(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # The contract's field order (docs/design.md): a spec file reads as the query runs.
        data: dict[str, Any] = handler(self)
        for key in ("tests", "tags"):  # written only when used, as target_table.not_null
            if not data.get(key):
                data.pop(key, None)
        return {key: data[key] for key in _FIELD_ORDER if key in data}

    # ---- loading and saving -----------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "spec") -> Spec:
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            raise spec_error_from_validation(error, source) from None

    @classmethod
    def from_json(cls, text: str, *, source: str = "spec") -> Spec:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno} column {error.colno}"
            raise UsageError(
                f"{source} is not valid JSON: {where}: {error.msg}",
                hint="check for a missing comma or quote near that position",
            ) from None
        except ValueError as error:  # a number of over 4,300 digits, which Python refuses
            raise UsageError(
                f"{source} cannot be read: {str(error).split(';')[0]}",
                hint="numbers in a spec are versions, limits and offsets: small integers",
            ) from None
        return cls.from_dict(data, source=source)

    @classmethod
    def load(cls, path: str | Path) -> Spec:
        path = Path(path)
        if not path.is_file():
            raise UsageError(f"spec file '{path}' not found", hint="pass an existing JSON file")
        return cls.from_json(path.read_text(encoding="utf-8"), source=path.name)

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent, exclude_defaults=False)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """JSON Schema of the spec, as given to LLMs for structured output."""
        return cls.model_json_schema()

    # ---- checking ------------------------------------------------------------------------

    def check(self, catalog: Any) -> list[Any]:
        """Every problem of this spec against `catalog`, each with its field path."""
        from datamorph.spec.check import check_spec

        return check_spec(self, catalog)

    def require_valid(self, catalog: Any) -> None:
        """Raise `SpecError` listing every problem unless the spec checks clean."""
        from datamorph.spec.check import SpecError

        problems = self.check(catalog)
        if problems:
            raise SpecError(problems)


def spec_error_from_validation(error: ValidationError, source: str) -> UsageError:
    """One line for the first structural problem, with a did-you-mean for misspelt fields."""
    first = error.errors()[0]
    location = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    hint = "see `datamorph compile --help` or the spec contract in the README"
    if first["type"] == "extra_forbidden":
        field = str(first["loc"][-1])
        guess = did_you_mean(field, (*_FIELD_ORDER, "alias", "expr", "name", "keys", "mode"))
        hint = f"did you mean '{guess}'?" if guess else "remove the field"
        return UsageError(f"{source}: unknown field '{location}'{more}", hint=hint)
    message = str(first["msg"]).removeprefix("Value error, ")
    return UsageError(f"{source}: {location}: {message}{more}", hint=hint)

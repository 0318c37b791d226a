"""The ETL spec: model, JSON Schema, and `check(catalog)`."""

from datamorph.spec.check import ResolvedSpec, check_spec, resolve_spec
from datamorph.spec.model import (
    SPEC_VERSION,
    Aggregation,
    JoinCondition,
    OrderItem,
    Query,
    SourceTable,
    Spec,
    Step,
    TargetTable,
    Transformation,
)
from datamorph.spec.problems import Problem, SpecError

__all__ = [
    "SPEC_VERSION",
    "Aggregation",
    "JoinCondition",
    "OrderItem",
    "Problem",
    "Query",
    "ResolvedSpec",
    "SourceTable",
    "Spec",
    "SpecError",
    "Step",
    "TargetTable",
    "Transformation",
    "check_spec",
    "resolve_spec",
]

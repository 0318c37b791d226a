"""The service's JSON bodies, as pydantic models: they validate requests and document the API.

The original endpoints keep their field names (`user_prompt`, `table_names`, `query`...);
what is new is only added, never renamed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from datamorph.planning.base import MAX_PROMPT_CHARS
from datamorph.spec.check import RESERVED_PREFIX

# A run's status: the run JSON's values, plus `queued` (accepted, no worker free yet).
RunState = Literal[
    "queued",
    "planning",
    "checking",
    "generating",
    "executing",
    "validating",
    "remediating",
    "publishing",
    "completed",
    "failed",
    "needs_attention",
    "interrupted",
    "cancelled",
]


def _not_reserved(name: str) -> str:
    if name.lower().startswith(RESERVED_PREFIX):
        raise ValueError(f"names starting with {RESERVED_PREFIX} are reserved for staging")
    return name


TableName = Annotated[str, Field(min_length=1, max_length=255)]
TargetName = Annotated[
    str,
    Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=63),
    AfterValidator(_not_reserved),
]
Prompt = Annotated[str, Field(min_length=1, max_length=MAX_PROMPT_CHARS)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore")  # old clients may send more; it is not an error


# ---- the original endpoints ---------------------------------------------------------------------


class StartRequest(_Body):
    user_prompt: Prompt
    source_tables: list[TableName] | None = Field(
        default=None, max_length=50, description="Plan from these tables only."
    )
    target_table: TargetName | None = Field(default=None, description="Name of the output table.")
    spec: dict[str, Any] | None = Field(
        default=None,
        description="The plan a person confirmed (from POST /api/plan): run exactly this spec.",
    )
    replace_source: bool = Field(
        default=False,
        description="Allow the target to be a table DataMorph did not publish (a source).",
    )


class StartResponse(BaseModel):
    run_id: str
    status: RunState


class SchemasRequest(_Body):
    table_names: list[TableName] = Field(min_length=1, max_length=100)


class ColumnSchema(BaseModel):
    name: str
    type: str
    nullable: bool


class TableSchema(BaseModel):
    name: str
    columns: list[ColumnSchema]
    row_count: int | None
    primary_key: list[str]


class SchemasResponse(BaseModel):
    schemas: dict[str, TableSchema]


class DataRequest(_Body):
    table_names: list[TableName] = Field(min_length=1, max_length=100)
    limit: int = Field(default=10, ge=0, le=1_000)


class DataResponse(BaseModel):
    data: dict[str, list[dict[str, Any]]]


class QueryRequest(_Body):
    query: str = Field(min_length=1, max_length=100_000, description="One read-only SELECT.")


class QueryResponse(BaseModel):
    columns: list[str]
    types: list[str]
    rows: list[list[Any]]
    row_count: int
    truncated: bool = Field(description="More rows exist than the service returns.")


class EventOut(BaseModel):
    seq: int
    time: datetime
    step: str
    level: str
    message: str
    metadata: dict[str, Any]


class LogsResponse(BaseModel):
    run_id: str
    status: RunState
    events: list[EventOut]


class ComponentHealth(BaseModel):
    ok: bool
    detail: str


class HealthResponse(BaseModel):
    status: Literal["ok", "degraded"]
    version: str
    store: ComponentHealth
    engine: ComponentHealth
    workers: dict[str, int]
    auth: bool = Field(description="A bearer token is required by the other endpoints.")


# ---- the page's REST ----------------------------------------------------------------------------


class PlanRequest(_Body):
    user_prompt: Prompt
    source_tables: list[TableName] | None = Field(default=None, max_length=50)
    target_table: TargetName | None = None


class PlanResponse(BaseModel):
    spec: dict[str, Any]
    explanation: list[str] = Field(description="The plan in plain English, one line per step.")
    reading: list[str] = Field(
        default_factory=list, description="Which words of the request produced which element."
    )
    planner: str
    seconds: float


class RunSummary(BaseModel):
    run_id: str
    status: RunState
    prompt: str | None
    created_at: datetime
    updated_at: datetime
    target_table: str | None
    validation_status: str
    iterations: int
    rows: int | None
    message: str | None
    engine: str | None = None
    database: str | None = Field(default=None, description="Where the run read and wrote.")


class RunList(BaseModel):
    runs: list[RunSummary]
    offset: int = 0
    has_more: bool = Field(default=False, description="More runs match after this page.")


class CodeAttempt(BaseModel):
    attempt: int
    name: str
    code: str


class ValidationAttempt(BaseModel):
    attempt: int
    report: dict[str, Any]


class HealingIteration(BaseModel):
    iteration: int
    analysis: dict[str, Any]
    diff: str


class Preview(BaseModel):
    table: str
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


class StepSpan(BaseModel):
    step: str
    started_at: datetime
    seconds: float | None = Field(description="None while the step is still going.")
    outcome: Literal["finished", "failed", "running", "stopped"]


class RunDetail(RunSummary):
    engine: str | None
    database: str | None
    error_category: str | None
    usage: dict[str, Any]
    spec: dict[str, Any] | None = Field(description="The latest revision of the spec.")
    explanation: list[str] = Field(description="The spec in plain English.")
    code: list[CodeAttempt]
    validation: list[ValidationAttempt]
    healing: list[HealingIteration]
    decisions: list[dict[str, Any]] = Field(description="The monitor's decisions for this run.")
    preview: Preview | None = Field(description="First rows of the published table.")
    preview_note: str | None = Field(
        default=None, description="Why a completed run has no preview here."
    )
    artifacts: list[str]
    timeline: list[StepSpan] = Field(
        default_factory=list, description="Each step the run took, when and for how long."
    )

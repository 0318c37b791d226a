"""The JSON bodies of the page's console endpoints: cancel, the catalog, the incidents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from datamorph.api.models import RunState


class CancelResponse(BaseModel):
    run_id: str
    status: RunState = Field(
        description="`cancelled` when the run was still waiting; else its status now, until "
        "it stops at its next step boundary."
    )
    message: str


class CatalogColumn(BaseModel):
    name: str
    type: str
    nullable: bool
    profile: dict[str, Any] | None = Field(
        default=None, description="Distinct count, null fraction, min, max, top values."
    )


class CatalogTable(BaseModel):
    name: str
    row_count: int | None
    primary_key: list[str]
    columns: list[CatalogColumn]


class CatalogResponse(BaseModel):
    database: str
    tables: list[CatalogTable]


class Decision(BaseModel):
    time: datetime
    run_id: str | None
    category: str
    confidence: float
    strategy: str
    action: str = Field(description="act, escalate or recommend")
    outcome: str = Field(description="pending, verified, failed...")
    seconds: float | None


class Incident(BaseModel):
    incident_id: str
    created_at: datetime
    updated_at: datetime
    status: str = Field(description="open, resolved or escalated")
    source: str
    category: str
    confidence: float
    strategy: str | None
    event_count: int
    message: str
    decisions: list[Decision]


class IncidentList(BaseModel):
    incidents: list[Incident]

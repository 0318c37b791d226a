"""Incidents: failure events grouped by template, the monitor's decisions, and what it learned.

Lives in the run store's database (same SQLAlchemy engine, same transactions discipline):
`monitor_events` (one per failed step, or per line ingested from an external pipeline),
`incidents` (events of one template and source while unresolved), `decisions` (category,
confidence, strategy, action, outcome, duration) and `knowledge` (verified resolutions, which
the classifier's retrieval reads back).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from datamorph.errors import NotFoundError
from datamorph.redact import redact, redact_json
from datamorph.runs.schema import METADATA, UTCDateTime, json_safe

if TYPE_CHECKING:
    from datamorph.runs.store import RunStore

events_table = sa.Table(
    "monitor_events",
    METADATA,
    sa.Column("event_id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("time", UTCDateTime(), nullable=False),
    sa.Column("incident_id", sa.String(32), nullable=False, index=True),
    sa.Column("run_id", sa.String(64), index=True),
    sa.Column("job_id", sa.Text()),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("step", sa.String(64)),
    sa.Column("engine", sa.String(64)),
    sa.Column("message", sa.Text(), nullable=False),
    sa.Column("native_code", sa.String(128)),
    sa.Column("template_id", sa.String(16), nullable=False),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("confidence", sa.Float(), nullable=False),
)
incidents_table = sa.Table(
    "incidents",
    METADATA,
    sa.Column("incident_id", sa.String(32), primary_key=True),
    sa.Column("created_at", UTCDateTime(), nullable=False, index=True),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    sa.Column("template_id", sa.String(16), nullable=False, index=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # open | resolved | escalated
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("confidence", sa.Float(), nullable=False),
    sa.Column("strategy", sa.String(32)),
    sa.Column("event_count", sa.Integer(), nullable=False),
    sa.Column("message", sa.Text(), nullable=False),
    sa.Column("classification", sa.JSON(), nullable=False),
)
decisions_table = sa.Table(
    "decisions",
    METADATA,
    sa.Column("decision_id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("time", UTCDateTime(), nullable=False),
    sa.Column("incident_id", sa.String(32), nullable=False, index=True),
    sa.Column("run_id", sa.String(64), index=True),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("confidence", sa.Float(), nullable=False),
    sa.Column("strategy", sa.String(32), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),  # act | escalate | recommend
    sa.Column("outcome", sa.String(16), nullable=False),  # pending | verified | failed | ...
    sa.Column("seconds", sa.Float()),
    sa.Column("detail", sa.JSON(), nullable=False),
)
knowledge_table = sa.Table(
    "knowledge",
    METADATA,
    sa.Column("doc_id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("time", UTCDateTime(), nullable=False),
    sa.Column("incident_id", sa.String(32), nullable=False),
    sa.Column("template_id", sa.String(16), nullable=False),
    sa.Column("message", sa.Text(), nullable=False),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("strategy", sa.String(32), nullable=False),
    sa.Column("resolution", sa.Text(), nullable=False),
)


@dataclass(frozen=True)
class NewEvent:
    message: str
    source: str
    template_id: str
    category: str
    confidence: float
    classification: Mapping[str, Any]
    run_id: str | None = None
    job_id: str | None = None
    step: str | None = None
    engine: str | None = None
    native_code: str | None = None
    time: datetime | None = None


class IncidentLog:
    """The monitor's tables in a run store."""

    def __init__(self, store: RunStore) -> None:
        self.store = store

    def record_event(self, event: NewEvent) -> tuple[str, int]:
        """Store the event in the open incident of its template and source (or a new one)."""
        # an ingested log line may quote a key or a password: masked before it is kept
        event = replace(
            event,
            message=redact(event.message),
            job_id=redact(event.job_id) if event.job_id else event.job_id,
            classification=redact_json(dict(event.classification)),
        )
        now = event.time or self.store.now()
        with self.store._write() as conn:
            incident_id = self._open_incident(conn, event, now)
            row = {k: v for k, v in event.__dict__.items() if k != "classification"}
            result = conn.execute(
                events_table.insert().values(**row | {"time": now, "incident_id": incident_id})
            )
        return incident_id, _new_key(result)

    def _open_incident(self, conn: sa.Connection, event: NewEvent, now: datetime) -> str:
        found = conn.execute(
            sa.select(incidents_table.c.incident_id).where(
                incidents_table.c.template_id == event.template_id,
                incidents_table.c.source == event.source,
                incidents_table.c.status == "open",
            )
        ).scalar()
        values = {
            "updated_at": now,
            "category": event.category,
            "confidence": event.confidence,
            "classification": json_safe(event.classification),
        }
        if found is not None:
            conn.execute(
                incidents_table.update()
                .where(incidents_table.c.incident_id == found)
                .values(**values, event_count=incidents_table.c.event_count + 1)
            )
            return str(found)
        incident_id = f"inc-{now:%Y%m%d}-{secrets.token_hex(3)}"
        conn.execute(
            incidents_table.insert().values(
                incident_id=incident_id,
                created_at=now,
                template_id=event.template_id,
                source=event.source,
                status="open",
                event_count=1,
                message=event.message[:4000],
                **values,
            )
        )
        return incident_id

    def record_decision(self, incident_id: str, **fields: Any) -> int:
        detail = redact_json(json_safe(fields.pop("detail", {})))
        with self.store._write() as conn:
            result = conn.execute(
                decisions_table.insert().values(
                    time=self.store.now(), incident_id=incident_id, detail=detail, **fields
                )
            )
            conn.execute(
                incidents_table.update()
                .where(incidents_table.c.incident_id == incident_id)
                .values(strategy=fields.get("strategy"), updated_at=self.store.now())
            )
        return _new_key(result)

    def finish_decision(self, decision_id: int, outcome: str, **detail: Any) -> None:
        with self.store._write() as conn:
            row = conn.execute(
                sa.select(decisions_table).where(decisions_table.c.decision_id == decision_id)
            ).one()
            conn.execute(
                decisions_table.update()
                .where(decisions_table.c.decision_id == decision_id)
                .values(outcome=outcome, detail=redact_json(json_safe(dict(row.detail) | detail)))
            )

    def set_status(self, incident_id: str, status: str) -> None:
        with self.store._write() as conn:
            conn.execute(
                incidents_table.update()
                .where(incidents_table.c.incident_id == incident_id)
                .values(status=status, updated_at=self.store.now())
            )

    def learn(self, incident_id: str, *, resolution: str, strategy: str) -> None:
        """A verified resolution joins the knowledge base."""
        incident = self.incident(incident_id)
        with self.store._write() as conn:
            conn.execute(
                knowledge_table.insert().values(
                    time=self.store.now(),
                    incident_id=incident_id,
                    template_id=incident["template_id"],
                    message=incident["message"],
                    category=incident["category"],
                    strategy=strategy,
                    resolution=redact(resolution),
                )
            )

    # ---- reading -------------------------------------------------------------------------------

    def incidents(self, *, limit: int = 50, status: str | None = None) -> list[dict[str, Any]]:
        query = sa.select(incidents_table).order_by(incidents_table.c.updated_at.desc())
        if status:
            query = query.where(incidents_table.c.status == status)
        with self.store._read() as conn:
            return [dict(row._mapping) for row in conn.execute(query.limit(limit))]

    def incident(self, incident_id: str) -> dict[str, Any]:
        with self.store._read() as conn:
            rows = conn.execute(
                sa.select(incidents_table).where(
                    incidents_table.c.incident_id.startswith(incident_id, autoescape=True)
                )
            ).all()
            if len(rows) != 1:
                raise NotFoundError(
                    f"unknown incident '{incident_id}'"
                    if not rows
                    else f"incident id '{incident_id}' is ambiguous",
                    hint="list incidents with `datamorph incidents list`",
                )
            data = dict(rows[0]._mapping)
            key = data["incident_id"]
            data["events"] = _rows(conn, events_table, events_table.c.incident_id == key)
            data["decisions"] = _rows(conn, decisions_table, decisions_table.c.incident_id == key)
        return data

    def decisions(self, run_id: str) -> list[dict[str, Any]]:
        with self.store._read() as conn:
            return _rows(conn, decisions_table, decisions_table.c.run_id == run_id)

    def knowledge(self) -> list[dict[str, Any]]:
        with self.store._read() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(knowledge_table))]


def _rows(conn: sa.Connection, table: sa.Table, where: Any) -> list[dict[str, Any]]:
    key = next(iter(table.primary_key.columns))
    query = sa.select(table).where(where).order_by(key)
    return [dict(row._mapping) for row in conn.execute(query)]


def _new_key(result: sa.CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])

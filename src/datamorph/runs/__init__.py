"""The run store: pipeline runs, their event log and their artifact files."""

from datamorph.runs.artifacts import ARTIFACT_KINDS, Artifact, ArtifactExistsError
from datamorph.runs.schema import (
    EVENT_LEVELS,
    UPDATABLE_FIELDS,
    Event,
    EventEntry,
    RunRecord,
    RunStatus,
)
from datamorph.runs.store import RunStore, new_run_id, open_store

__all__ = [
    "ARTIFACT_KINDS",
    "EVENT_LEVELS",
    "UPDATABLE_FIELDS",
    "Artifact",
    "ArtifactExistsError",
    "Event",
    "EventEntry",
    "RunRecord",
    "RunStatus",
    "RunStore",
    "new_run_id",
    "open_store",
]

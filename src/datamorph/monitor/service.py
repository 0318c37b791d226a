"""The monitor's entry points for the CLI and the API: classify, ingest, learned knowledge."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from datamorph.errors import NotFoundError, UsageError
from datamorph.monitor.classifier import Classification, Classifier
from datamorph.monitor.corpus import frozen_templates, load_corpus, shipped_classifier
from datamorph.monitor.knowledge import Document
from datamorph.redact import redact
from datamorph.runs import RunStore


def classifier_with_knowledge(store: RunStore | None = None) -> Classifier:
    """The shipped classifier, plus the incidents this store's runs resolved and verified."""
    classifier = shipped_classifier()
    if store is None:
        return classifier
    learned = [
        Document(
            doc_id=f"learned:{row['doc_id']}",
            kind="incident",
            text=row["message"],
            category=row["category"],
            strategy=row["strategy"],
            resolution=row["resolution"],
        )
        for row in store.incidents.knowledge()
    ]
    return classifier.with_documents(learned)


@cache
def _frozen() -> frozenset[str]:
    return frozenset(frozen_templates(load_corpus()))


def is_frozen_template(template: str) -> bool:
    """True when the template belongs to the frozen evaluation set (never learned from)."""
    return template in _frozen()


def classify(
    message: str, native_code: str | None = None, *, store: RunStore | None = None
) -> Classification:
    if not message.strip():
        raise UsageError("the message is empty", hint='pass the error text: classify "MESSAGE"')
    return classifier_with_knowledge(store).classify(redact(message), native_code)


class ExternalEvent(BaseModel):
    """One line of `monitor ingest`: an error from a pipeline DataMorph did not run."""

    model_config = ConfigDict(extra="allow")

    message: str
    source: str = "external"
    job_id: str | None = None
    native_code: str | None = None
    step: str | None = None

    @field_validator("message")
    @classmethod
    def _masked(cls, message: str) -> str:
        """A pipeline's log line may quote a key: masked before it is classified or kept."""
        return redact(message)


@dataclass(frozen=True)
class Ingested:
    line: int
    event: ExternalEvent
    classification: Classification
    incident_id: str


def read_jsonl(path: Path, model: type[BaseModel]) -> Iterator[tuple[int, Any]]:
    """Parsed lines of a JSON Lines file; a bad line stops with its number and the reason."""
    if not path.is_file():
        raise NotFoundError(f"file '{path}' not found", hint="pass a JSON Lines file")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, model.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as error:
                reason = str(error).splitlines()[0]
                raise UsageError(
                    f"{path}:{number}: not a valid event ({reason})",
                    hint='one JSON object per line, e.g. {"message": "...", "source": "glue"}',
                ) from None


def ingest(path: Path, store: RunStore) -> list[Ingested]:
    """Classify each external event and file it in its incident; nothing is acted on.

    DataMorph cannot act on a pipeline it does not run, so each decision is a recommendation.
    """
    events = list(read_jsonl(path, ExternalEvent))
    classifier = classifier_with_knowledge(store)
    results = classifier.classify_many(
        [e.message for _, e in events], [e.native_code for _, e in events]
    )
    return [_file(store, n, e, c) for (n, e), c in zip(events, results, strict=True)]


def _file(store: RunStore, line: int, event: ExternalEvent, result: Classification) -> Ingested:
    incidents = store.incidents
    incident_id, _ = incidents.record_event(
        result.event(
            event.message,
            event.source,
            job_id=event.job_id,
            step=event.step,
            native_code=event.native_code,
        )
    )
    incidents.record_decision(
        incident_id,
        run_id=None,
        category=result.category,
        confidence=result.confidence,
        strategy=result.strategy,
        action="recommend",
        outcome="recommended",
        seconds=0.0,
        detail={"job_id": event.job_id, "line": line},
    )
    return Ingested(line, event, result, incident_id)


def classify_lines(path: Path) -> Iterable[Classification]:
    """`classify --from FILE.jsonl`: one classification per line, in order."""
    events = [e for _, e in read_jsonl(path, ExternalEvent)]
    return classifier_with_knowledge().classify_many(
        [e.message for e in events], [e.native_code for e in events]
    )

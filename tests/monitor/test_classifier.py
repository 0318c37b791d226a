"""The classifier's behaviour: grouped evaluation, better than code lookup, honest confidence,
and learning from verified resolutions but never from the frozen evaluation set."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from datamorph.monitor.corpus import frozen_templates, load_corpus, split_frozen
from datamorph.monitor.evaluate import (
    Prediction,
    code_baseline,
    cross_validate,
    expected_calibration_error,
    metrics,
)
from datamorph.monitor.knowledge import load_runbooks
from datamorph.monitor.monitor import Monitor, _Pending
from datamorph.monitor.service import classifier_with_knowledge, is_frozen_template
from datamorph.monitor.templates import template_id
from datamorph.runs import RunStatus, RunStore
from datamorph.runs.incidents import NewEvent


@pytest.fixture(scope="module")
def corpus() -> list[Any]:
    return load_corpus()


def test_template_siblings_and_triggers_share_a_group(corpus: list[Any]) -> None:
    by_template: dict[str, set[int]] = {}
    by_trigger: dict[str, set[int]] = {}
    for e in corpus:
        by_template.setdefault(template_id(e.message), set()).add(e.group)
        by_trigger.setdefault(e.trigger, set()).add(e.group)
    assert all(len(groups) == 1 for groups in by_template.values())
    assert all(len(groups) == 1 for groups in by_trigger.values())
    train, frozen = split_frozen(corpus)
    assert not {e.group for e in train} & {e.group for e in frozen}
    assert 0.1 < len(frozen) / len(corpus) < 0.35


def test_grouped_cross_validation_beats_code_lookup_and_its_confidence_means_something(
    corpus: list[Any],
) -> None:
    predictions = cross_validate(corpus, load_runbooks(), folds=3)
    full, baseline = metrics(predictions), metrics(code_baseline(corpus))
    assert full["macro_f1"] > baseline["macro_f1"]
    assert full["accuracy"] > baseline["accuracy"]
    sure = [p for p in predictions if p.confidence >= 0.75]
    unsure = [p for p in predictions if p.confidence < 0.5]
    assert sum(p.correct for p in sure) / len(sure) > sum(p.correct for p in unsure) / len(unsure)


def test_calibration_error_is_zero_for_a_calibrated_forecaster() -> None:
    exact = [Prediction("a", "a", 0.8)] * 8 + [Prediction("a", "b", 0.8)] * 2
    assert expected_calibration_error(exact) == pytest.approx(0.0)
    overconfident = [Prediction("a", "b", 0.95)] * 10
    assert expected_calibration_error(overconfident) == pytest.approx(0.95)


@dataclass
class FakeRun:
    run_id: str
    store: RunStore
    logged: list[str] = field(default_factory=list)

    def log(self, step: str, message: str, **_: Any) -> None:
        self.logged.append(message)


def _verified(store: RunStore, message: str) -> None:
    run = store.create_run(engine="duckdb", database=":memory:")
    incident, _ = store.incidents.record_event(
        NewEvent(message, "duckdb", template_id(message), "network_timeout", 0.9, {})
    )
    decision = store.incidents.record_decision(
        incident, run_id=run.run_id, category="network_timeout", confidence=0.9,
        strategy="retry", action="act", outcome="pending", seconds=0.1,
    )  # fmt: skip
    monitor = Monitor()
    monitor._pending[run.run_id] = _Pending(decision, incident, "retry", "waited and retried")
    monitor.finish(FakeRun(run.run_id, store), RunStatus.COMPLETED)  # type: ignore[arg-type]


def test_verified_resolutions_are_learned_except_frozen_templates(
    tmp_path: Path, corpus: list[Any]
) -> None:
    frozen_message = next(
        e.message for e in corpus if template_id(e.message) in frozen_templates(corpus)
    )
    assert is_frozen_template(template_id(frozen_message))
    novel = "warehouse gateway zq-17 stopped answering the export handshake"
    with RunStore(tmp_path) as store:
        _verified(store, frozen_message)
        assert store.incidents.knowledge() == []
        _verified(store, novel)
        learned = store.incidents.knowledge()
        assert [k["message"] for k in learned] == [novel]
        hits = classifier_with_knowledge(store).kb.search(novel, 1)
        assert hits and hits[0].document.resolution == "waited and retried"

"""The monitor's parts on their own: templates, retrieval, the gate, backoff, the incident log."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from datamorph.monitor.gate import GatePolicy
from datamorph.monitor.knowledge import Document, KnowledgeBase, vote
from datamorph.monitor.strategies import Backoff, parse_bytes
from datamorph.monitor.taxonomy import CATEGORIES, TAXONOMY, TRANSIENT, Category, taxonomy_markdown
from datamorph.monitor.templates import cluster_templates, mask, template_id
from datamorph.runs import RunStore
from datamorph.runs.incidents import NewEvent


def test_masking_keeps_the_wording_and_drops_names_numbers_paths_and_hosts() -> None:
    a = 'Binder Error: Referenced column "amt" not found in FROM clause!'
    b = 'Binder Error: Referenced column "price" not found in FROM clause!'
    assert mask(a) == mask(b) and "referenced column" in mask(a)
    assert template_id(a) == template_id(b)
    masked = mask('connection to server at "db.internal" (10.0.0.7), port 5432 failed after 30s')
    assert "10.0.0.7" not in masked and "5432" not in masked and "<host>" in masked
    assert mask("No files found that match the pattern /data/landing/2024-01-02/orders.csv") == (
        "no files found that match the pattern <path>"
    )


def test_drain_merges_unquoted_names_but_keeps_different_wording_apart() -> None:
    groups = cluster_templates(
        [
            "no such column: amount",
            "no such column: price",
            "no such table: orders",
            "database is locked",
        ]
    )
    assert groups[0] == groups[1]
    assert len({groups[1], groups[2], groups[3]}) == 3


def test_retrieval_finds_the_closest_past_incident_and_votes_for_its_category() -> None:
    kb = KnowledgeBase(
        [
            Document("1", "incident", "permission denied for table orders", "permission_denied"),
            Document("2", "incident", "could not connect: connection timed out", "network_timeout"),
            Document(
                "3",
                "incident",
                "duplicate key value violates unique constraint",
                "data_duplication",
            ),
        ]
    )
    hits = kb.search("ERROR: permission denied for table customers", 2)
    assert hits[0].document.doc_id == "1"
    distribution = vote(hits)
    assert distribution.argmax() == CATEGORIES.index("permission_denied")
    assert kb.search("zzzz qqqq", 3) == []


def test_the_gate_acts_above_the_threshold_and_data_changes_wait_for_approval() -> None:
    policy = GatePolicy()
    assert policy.verdict("retry", "nothing", 0.80)[0]
    assert not policy.verdict("retry", "nothing", 0.70)[0]
    acted, why = policy.verdict("deduplicate", "data", 0.85)
    assert not acted and "--approve deduplicate" in why
    assert not policy.verdict("deduplicate", "data", 0.99)[0]  # confidence is not consent
    approved = GatePolicy(approved=frozenset({"deduplicate"}))
    assert approved.verdict("deduplicate", "data", 0.85)[0]
    assert not approved.verdict("deduplicate", "data", 0.5)[0]  # approval never beats 0.75


def test_backoff_grows_exponentially_with_jitter_and_is_capped() -> None:
    backoff = Backoff(base=1.0, cap=8.0)
    first = [backoff.delay(1) for _ in range(200)]
    third = [backoff.delay(3) for _ in range(200)]
    assert all(0.5 <= d <= 1.0 for d in first) and all(2.0 <= d <= 4.0 for d in third)
    assert len(set(first)) > 100  # jittered, not a fixed schedule
    assert max(backoff.delay(10) for _ in range(50)) <= 8.0
    assert statistics.mean(third) > statistics.mean(first) * 3


def test_sizes_parse_as_duckdb_prints_them() -> None:
    assert parse_bytes("8MB") == 8_000_000
    assert parse_bytes("47.6 MiB") == int(47.6 * 2**20)
    assert parse_bytes("2GiB") == 2 * 2**30
    with pytest.raises(ValueError):
        parse_bytes("lots")


def test_permission_errors_never_retry_and_the_taxonomy_is_documented() -> None:
    assert TAXONOMY[Category.PERMISSION_DENIED].strategy == "escalate"
    assert Category.PERMISSION_DENIED not in TRANSIENT and Category.CODE_DEFECT not in TRANSIENT
    table = taxonomy_markdown()
    assert all(f"`{c}`" in table for c in CATEGORIES)
    docs = (Path(__file__).parents[2] / "docs" / "monitor.md").read_text()
    assert table in docs  # the documentation is the code's own table


def test_incidents_group_events_by_template_and_source_until_resolved(tmp_path: Path) -> None:
    def event(message: str, source: str = "glue") -> NewEvent:
        return NewEvent(message, source, template_id(message), "network_timeout", 0.9, {})

    with RunStore(tmp_path) as store:
        log = store.incidents
        first, _ = log.record_event(event("timeout after 30 s talking to 10.0.0.1"))
        again, _ = log.record_event(event("timeout after 45 s talking to 10.0.0.2"))
        other_source, _ = log.record_event(event("timeout after 30 s talking to 10.0.0.1", "dbt"))
        assert first == again != other_source
        log.set_status(first, "resolved")
        later, _ = log.record_event(event("timeout after 12 s talking to 10.0.0.3"))
        assert later != first
        shown = log.incident(first)
        assert shown["event_count"] == 2 and len(shown["events"]) == 2


def test_the_run_s_own_code_tells_a_bad_literal_from_bad_data() -> None:
    from datamorph.engines.base import EngineError, ErrorCategory
    from datamorph.monitor.monitor import native_code

    error = EngineError(
        'Conversion Error: Could not convert string "abc" to DECIMAL(38,2)',
        category=ErrorCategory.DATA_ERROR,
        engine="duckdb",
        native_type="ConversionException",
    )
    assert native_code(error, "SELECT 1 FROM t HAVING sum(x) > 'abc'") == (
        "datamorph:code:literal_conversion"
    )
    assert native_code(error, "SELECT CAST(label AS DECIMAL) FROM t") == "duckdb:Conversion"


def test_a_result_that_differs_from_the_spec_is_the_code_s_even_with_duplicate_keys() -> None:
    from types import SimpleNamespace

    from datamorph.monitor.monitor import describe

    def report(*names: str) -> SimpleNamespace:
        checks = [{"name": n, "status": "fail", "message": "x"} for n in names]
        return SimpleNamespace(report={"checks": [{"name": "schema", "status": "pass"}, *checks]})

    run = SimpleNamespace(failed_step="validating", code="SELECT 1")
    both = describe(run, report("grain unique (customer_id)", "row_diff (customer_id)"))  # type: ignore[arg-type]
    assert both.native_code == "datamorph:check:row_diff"
    alone = describe(run, report("grain unique (customer_id)"))  # type: ignore[arg-type]
    assert alone.native_code == "datamorph:check:grain"

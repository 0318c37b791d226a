"""Any text in, a spec or a DataMorphError out: the offline planner never crashes on input.

The HTTP service hands it whatever a client sends. Word salads of the planner's own
vocabulary reach deep into its passes; arbitrary unicode reaches its tokenizer.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datamorph.catalog import Catalog
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.errors import DataMorphError
from datamorph.planning.rules import RulePlanner

_WORDS = """orders customers products amount total per customer top 5 by after before between
and where status completed count average 1,000 1k -5 > <= = ( ) month year not null is with
without each largest 0.5 1e5 distinct channel web rank percent of share days since last first
name ' " $ % ; -- 2024-01-01 2025-02-30 O'Brien"""
VOCABULARY = [*_WORDS.split(), "March 2025", "31 June 2024", "June 31st, 2024", "\x1f", "9\x1e"]
PROMPTS = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12).map(" ".join)

# Crashes fuzzing found, kept as plain cases.
FOUND = [
    "not orders month status without since average status ; average where with",
    "u7\x1f orders",
    "orders after 2025-13-45",
    "orders placed on 31 February 2024",
]


@pytest.fixture(scope="module")
def catalog(retail_template: Path) -> Catalog:
    """What a run's planner is given: samples, counts and value profiles."""
    with DuckDBEngine(retail_template, read_only=True) as engine:
        return engine.catalog(samples=3, profile=True)


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(prompt=PROMPTS | st.text(max_size=60))
def test_the_planner_answers_any_text_with_a_spec_or_a_clear_error(
    prompt: str, catalog: Catalog
) -> None:
    with contextlib.suppress(DataMorphError):  # naming what it could not read is the contract
        RulePlanner().plan(prompt, catalog)


@pytest.mark.parametrize("prompt", FOUND)
def test_what_fuzzing_found(prompt: str, catalog: Catalog) -> None:
    with contextlib.suppress(DataMorphError):
        RulePlanner().plan(prompt, catalog)

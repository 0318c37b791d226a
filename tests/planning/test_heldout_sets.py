"""The frozen held-out sets are intact and well formed; their scores live in bench/planner.py.

They were written by helpers that had not read the planner, on schemas it was never tuned on,
and frozen: FROZEN.sha256 holds their checksums, so a change to a prompt, a
reference or a data builder fails here instead of silently moving the figures.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from .evalsets import FROZEN, build_database, load_cases

HERE = Path(__file__).parent / "heldout"


def test_the_frozen_files_are_unchanged() -> None:
    lines = (HERE / "FROZEN.sha256").read_text().split("\n")
    recorded = dict(reversed(line.split()) for line in lines if line.strip())
    assert len(recorded) == 2 * len(FROZEN)
    for name, digest in recorded.items():
        assert hashlib.sha256((HERE / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("name", FROZEN)
def test_each_set_is_big_enough_and_a_quarter_hard(name: str) -> None:
    cases = load_cases(name)
    difficulty = Counter(case.difficulty for case in cases)
    assert len(cases) >= 40
    assert difficulty["hard"] >= len(cases) // 4
    assert len({case.id for case in cases}) == len(cases)


@pytest.mark.parametrize("name", FROZEN)
def test_every_reference_answers_on_its_database(name: str, tmp_path: Path) -> None:
    with duckdb.connect(str(build_database(name, tmp_path / f"{name}.duckdb"))) as con:
        for case in load_cases(name):
            assert con.execute(case.reference_sql).fetchall(), case.id

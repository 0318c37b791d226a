"""The labelled error corpus: its shape, and that it is real.

The corpus (src/datamorph/monitor/data/corpus.jsonl) is written by corpus/harvest.py from
triggers that provoke each failure for real, plus entries transcribed from documentation.
The shape tests check the contract (fields, categories, size, share of real failures). The
reproducibility tests run the harvesters again and require that what they produce now is in
the committed corpus with the same label, and that they still produce at least 90 % of the
committed entries of their sources; run-specific bits (temp paths, ports, PIDs, timings) are
masked by `normalise_volatile` on both sides.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from datamorph.monitor.taxonomy import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # corpus/ is a directory of the repository, not of the package
    sys.path.insert(0, str(ROOT))

from corpus.common import FIELDS, ORIGINS  # noqa: E402
from corpus.harvest import HARVESTERS, OUT, read_jsonl  # noqa: E402
from corpus.normalise import normalise_volatile  # noqa: E402

MIN_MESSAGES, MIN_TRIGGERED_SHARE, MIN_PER_CATEGORY, MIN_REPRODUCED = 400, 0.70, 10, 0.90
CODE = re.compile(r"^[a-z0-9_]+:\S+$")


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return read_jsonl(OUT)


def test_every_line_has_the_fields(corpus: list[dict[str, Any]]) -> None:
    assert corpus, f"{OUT} is empty or missing: run `python corpus/harvest.py`"
    for item in corpus:
        assert set(FIELDS) <= set(item), item
        assert item["category"] in CATEGORIES, item
        assert item["origin"] in ORIGINS, item
        assert isinstance(item["message"], str) and item["message"].strip(), item
        assert item["message"].count(" | ") <= 2, item  # at most three lines
        assert item["native_code"] is None or CODE.match(item["native_code"]), item


def test_size_and_share_of_real_failures(corpus: list[dict[str, Any]]) -> None:
    origins = Counter(item["origin"] for item in corpus)
    assert len(corpus) >= MIN_MESSAGES
    assert origins["triggered"] / len(corpus) >= MIN_TRIGGERED_SHARE, origins


def test_every_category_but_unknown_is_represented(corpus: list[dict[str, Any]]) -> None:
    counts = Counter(item["category"] for item in corpus)
    thin = {c: counts[c] for c in CATEGORIES if c != "unknown" and counts[c] < MIN_PER_CATEGORY}
    assert not thin, thin


def test_documented_entries_cite_their_source(corpus: list[dict[str, Any]]) -> None:
    for item in corpus:
        if item["origin"] == "documented":
            assert str(item.get("reference", "")).startswith("https://"), item


def test_no_duplicates_and_no_message_with_two_labels(corpus: list[dict[str, Any]]) -> None:
    pairs = Counter((item["message"], item["category"]) for item in corpus)
    assert max(pairs.values()) == 1
    labels: dict[str, set[str]] = {}
    for item in corpus:
        labels.setdefault(item["message"], set()).add(item["category"])
    assert not {m: c for m, c in labels.items() if len(c) > 1}


def test_the_file_is_sorted_as_the_harvest_writes_it(corpus: list[dict[str, Any]]) -> None:
    keys = [(e["source"], e["trigger"], e["message"], e["category"]) for e in corpus]
    assert keys == sorted(keys)


# ---- reproducibility: the corpus is real --------------------------------------------------


def pairs(entries: Iterable[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(normalise_volatile(e["message"]), e["category"]) for e in entries}


def assert_reproduced(name: str, fresh: list[dict[str, Any]], corpus: list[dict[str, Any]]) -> None:
    """Compared on (masked message, category), the key the harvest deduplicates on: a text two
    producers share ("Connection error.", "division by zero") is in the corpus once, under
    the first source."""
    sources = HARVESTERS[name][1]
    triggered = [e for e in corpus if e["origin"] == "triggered"]
    committed = pairs(e for e in triggered if e["source"] in sources)
    produced = pairs(fresh)
    unexpected = sorted(produced - pairs(triggered))
    assert not unexpected, f"{name}: new or relabelled messages, re-harvest: {unexpected[:5]}"
    share = len(produced & committed) / len(committed)
    missing = sorted(committed - produced)
    assert share >= MIN_REPRODUCED, f"{name}: only {share:.0%} reproduced; lost {missing[:5]}"


@pytest.mark.parametrize("name", ["duckdb", "sqlite", "python", "datamorph", "llm", "aws"])
def test_harvest_reproduces_the_corpus(name: str, corpus: list[dict[str, Any]]) -> None:
    module = __import__(f"corpus.triggers.{HARVESTERS[name][0]}", fromlist=["harvest"])
    assert_reproduced(name, module.harvest(), corpus)


def test_postgres_harvest_reproduces_the_corpus(
    postgres: Any, corpus: list[dict[str, Any]]
) -> None:
    from corpus.triggers import postgres_errors

    assert_reproduced("postgres", postgres_errors.harvest(postgres.dsn()), corpus)


@pytest.mark.slow
def test_spark_harvest_reproduces_the_corpus(corpus: list[dict[str, Any]]) -> None:
    pytest.importorskip("pyspark")
    # A process of its own: a Spark session is per process, and its driver settings
    # (maxResultSize) only apply to a session that this harvest starts.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys; sys.path.insert(0, sys.argv[1]); "
            "from corpus.triggers import spark_errors; "
            "print(json.dumps(spark_errors.harvest()))",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert_reproduced("spark", json.loads(done.stdout.strip().splitlines()[-1]), corpus)

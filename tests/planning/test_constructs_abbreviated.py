"""Names written short, as some teams write every identifier: `tchn` for technicians,
`rpr_ord` for repair orders, `dly_rt_eur` for a daily rate. A word said in full reaches the one
name part that is that word without its vowels or cut short; the planner reads it as it reads
the full name, and refuses what it still cannot place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.planning.probe import Database, open_schema, outcome, sorted_rows

from datamorph.planning.lexicon import Lexicon, split_name

WORKSHOP = """
CREATE TABLE wrkshp (wrkshp_id INTEGER PRIMARY KEY, wrkshp_nm VARCHAR, cty VARCHAR);
CREATE TABLE tchn (tchn_id INTEGER PRIMARY KEY, full_nm VARCHAR,
  wrkshp_id INTEGER REFERENCES wrkshp, dly_rt_eur DOUBLE);
CREATE TABLE rpr_ord (ord_id INTEGER PRIMARY KEY, tchn_id INTEGER REFERENCES tchn,
  opnd_dt DATE, cmpltd_dt DATE, lbr_hrs DOUBLE, prt_cst_eur DOUBLE, mlg_km INTEGER);
INSERT INTO wrkshp SELECT i, 'shop ' || i, ['Ghent', 'Bruges', 'Namur'][1 + i % 3]
  FROM range(1, 7) t(i);
INSERT INTO tchn SELECT i, 'tech ' || i, 1 + i % 6, 200 + i * 10 FROM range(1, 21) t(i);
INSERT INTO rpr_ord SELECT i, 1 + i % 20, DATE '2024-01-01' + CAST(i AS INTEGER),
  CASE WHEN i % 5 = 0 THEN NULL ELSE DATE '2024-01-03' + CAST(i AS INTEGER) END,
  1 + i % 8, 20 + i % 300, 10000 + i * 97 FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("workshop")), WORKSHOP)


@pytest.mark.parametrize(
    ("said", "part"),
    [
        ("technicians", "tchn"),
        ("workshop", "wrkshp"),
        ("daily rate", "dly"),
        ("completed", "cmpltd"),
        ("mileage", "mlg"),
        ("parts cost", "prt"),
        ("city", "cty"),
        ("repair orders", "rpr"),
        ("opened", "opnd"),
    ],
)
def test_words_said_in_full_reach_their_short_name(said: str, part: str, workshop: Any) -> None:
    words = said.split()
    found = Lexicon(workshop[1]).match(words, 0)
    assert found is not None and found[0] == len(words), said
    names = {split_name(r.column or r.table)[0] for r in found[1]}
    assert part in names, found


@pytest.mark.parametrize("word", ["price", "weekly", "tech", "open"])
def test_words_that_spell_out_no_name_stay_as_said(word: str, workshop: Any) -> None:
    """No name's beginning or consonants ('open' is no opnd: 'opened' is)."""
    assert Lexicon(workshop[1]).match([word], 0) is None


@pytest.mark.parametrize(
    ("prompt", "sql"),
    [
        (
            "total labour hours per workshop",
            "SELECT w.wrkshp_id, w.wrkshp_nm, sum(lbr_hrs) FROM rpr_ord r JOIN tchn t USING "
            "(tchn_id) JOIN wrkshp w USING (wrkshp_id) GROUP BY ALL",
        ),
        (
            "number of repair orders per technician",
            "SELECT t.tchn_id, t.full_nm, count(*) FROM rpr_ord JOIN tchn t USING (tchn_id) "
            "GROUP BY ALL",
        ),
        (
            "repair orders with mileage above 50000",
            "SELECT * FROM rpr_ord WHERE mlg_km > 50000",
        ),
        (
            "how many repair orders were completed in 2024",
            "SELECT count(*) FROM rpr_ord WHERE cmpltd_dt >= '2024-01-01' AND "
            "cmpltd_dt < '2025-01-01'",
        ),
        (
            "list the technicians with their daily rate",
            "SELECT tchn_id, full_nm, dly_rt_eur FROM tchn",
        ),
    ],
)
def test_requests_in_full_words_on_short_names(prompt: str, sql: str, workshop: Any) -> None:
    assert outcome(prompt, workshop) == sorted_rows(sql, workshop)

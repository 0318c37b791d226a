"""Every prompt set the offline planner is measured on, and how a set is scored.

Sets, by what may be tuned on them:
- `demo`, `hr`: the golden sets (tests/planning/golden_*.json), written with the planner;
- `reworded_demo`, `reworded_hr`: the golden prompts reworded the way a person talks
  (same references), written by a helper that had not read the planner;
- `dev_*`: new schemas for development, written by helpers that had not read the planner
  (tests/planning/dev/); each was measured once on arrival, before any tuning on it;
- `heldout_crowdfund`, `heldout_brewery`, `heldout_wastecollect`, `heldout_arcade`: FROZEN sets
  on four schemas the planner was never tuned on (tests/planning/heldout/), written by helpers
  that had not read the planner (2026-12-06, fourth batch), 48 requests each, a quarter hard:
  camelCase columns, abbreviated names explained only in column comments, long descriptive
  names with units, PascalCase tables with type-marker prefixes.
  `heldout_traps_vet` and `heldout_traps_vets` (2026-12-06) are two trap sets on one domain (a
  veterinary group), written by two helpers from one brief: requests whose right reading
  differs from a keyword reading (every vs at least one, counts that can be zero, negation
  scope, agents, durations), to measure wrong answers on schemas not tuned on.
  They are reported, never tuned on: a change made to pass one of their prompts would make
  their figures meaningless.
- `dev_arena`, `dev_museum`, `dev_transit`, `dev_newsroom`, `dev_skiresort` (2026-12-06, third
  session) are development sets of new naming habits, half to two thirds trap requests.
- `dev_fleet`, `dev_clinic`, `dev_streaming`, `dev_energy` were the first frozen batch, and
  `dev_cityservices`, `dev_bugtracker`, `dev_shipping`, `dev_banking`, `dev_lending` the
  second, `dev_ticketing`, `dev_carrental`, `dev_courses`, `dev_pharmacy` the
  third. Each batch was retired to development when the next replaced it; their last figures
  as frozen sets are in docs/benchmarks.md.

`score(planner, set)` plans each prompt, runs the spec and the reference on the set's database
and sorts the outcome into correct, wrong (completed, different answer) and refused (a
PlanningError: the planner said what it could not read). "Wrong among completed" is the
headline error: a refusal costs a person a rephrasing, a wrong table costs trust.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .golden import GOLDEN_SETS, build_golden_database, load_golden

HERE = Path(__file__).parent
FROZEN = (
    "heldout_crowdfund",
    "heldout_brewery",
    "heldout_wastecollect",
    "heldout_arcade",
    "heldout_traps_vet",
    "heldout_traps_vets",
)
DEV = (
    "dev_library",
    "dev_sales_crm",
    "dev_hotel",
    "dev_factory",
    "dev_airline",
    "dev_gym",
    "dev_bikeshare",
    "dev_insurance",
    "dev_delivery",
    "dev_campus",
    "dev_league",
    "dev_cloud",
    "dev_property",
    "dev_restaurant",
    "dev_farm",
    "dev_recruiting",
    "dev_charity",
    "dev_telecom",
    "dev_warehouse",
    "dev_fleet",
    "dev_clinic",
    "dev_streaming",
    "dev_energy",
    "dev_cityservices",
    "dev_bugtracker",
    "dev_shipping",
    "dev_banking",
    "dev_lending",
    "dev_festival",
    "dev_utility",
    "dev_clinictrials",
    "dev_loyalty",
    "dev_marketplace",
    "dev_fitness",
    "dev_schools",
    "dev_traps_cowork",
    "dev_arena",
    "dev_museum",
    "dev_transit",
    "dev_newsroom",
    "dev_skiresort",
    "dev_ticketing",
    "dev_carrental",
    "dev_courses",
    "dev_pharmacy",
)
REWORDED = ("reworded_demo", "reworded_hr")
# The day a set's prompts were asked, where its data dictionary names one ("2025-09-30 is the
# last day of the data, 'today' for every question"): the planner runs as of that day, as a
# user on that day would, so "last month" is the month before it. Other sets use no relative
# periods, and plan as of the real today.
AS_OF = {
    "dev_airline": dt.date(2025, 6, 30),
    "dev_bikeshare": dt.date(2025, 9, 30),
    "dev_cloud": dt.date(2025, 6, 30),
    "dev_delivery": dt.date(2025, 3, 31),
    "dev_farm": dt.date(2025, 9, 30),
    "dev_league": dt.date(2025, 5, 24),
    "dev_property": dt.date(2025, 6, 30),
    "dev_recruiting": dt.date(2025, 9, 30),
    "dev_restaurant": dt.date(2025, 9, 30),
    "dev_charity": dt.date(2025, 9, 30),
    "dev_telecom": dt.date(2025, 9, 30),
    "dev_warehouse": dt.date(2025, 3, 31),
    "dev_cityservices": dt.date(2025, 5, 14),
    "dev_bugtracker": dt.date(2025, 5, 15),
    "dev_shipping": dt.date(2025, 4, 30),
    "dev_banking": dt.date(2025, 6, 30),
    "dev_lending": dt.date(2025, 5, 20),
    "dev_festival": dt.date(2025, 9, 15),
    "dev_utility": dt.date(2025, 8, 31),
    "dev_clinictrials": dt.date(2025, 3, 31),
    "dev_loyalty": dt.date(2025, 10, 31),
    "dev_marketplace": dt.date(2025, 11, 30),
    "dev_fitness": dt.date(2025, 7, 31),
    "dev_schools": dt.date(2025, 6, 20),
    "dev_ticketing": dt.date(2025, 5, 31),
    "dev_carrental": dt.date(2025, 6, 18),
    "dev_courses": dt.date(2025, 6, 15),
    "dev_pharmacy": dt.date(2025, 5, 14),
    "heldout_crowdfund": dt.date(2025, 8, 31),
    "heldout_brewery": dt.date(2025, 9, 14),
    "heldout_wastecollect": dt.date(2025, 9, 30),
    "heldout_arcade": dt.date(2025, 6, 30),
    "heldout_traps_vet": dt.date(2025, 5, 20),
    "heldout_traps_vets": dt.date(2025, 9, 30),
    "dev_traps_cowork": dt.date(2025, 5, 14),
    "dev_arena": dt.date(2025, 8, 20),
    "dev_museum": dt.date(2025, 10, 15),
    "dev_transit": dt.date(2025, 6, 18),
    "dev_newsroom": dt.date(2025, 6, 11),
    "dev_skiresort": dt.date(2025, 3, 14),
}
ALL_SETS = (*GOLDEN_SETS, *REWORDED, *DEV, *FROZEN)


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    difficulty: str  # basic | hard
    prompt: str
    reference_sql: str
    ordered: bool


def _folder_and_stem(name: str) -> tuple[Path, str]:
    if name.startswith("heldout_"):
        return HERE / "heldout", name.removeprefix("heldout_")
    if name.startswith("dev_"):
        return HERE / "dev", name.removeprefix("dev_")
    if name.startswith("reworded_"):
        return HERE, name
    raise ValueError(f"unknown set {name!r}; expected one of {ALL_SETS}")


def available(name: str) -> bool:
    if name in GOLDEN_SETS:
        return True
    folder, stem = _folder_and_stem(name)
    return (folder / f"{stem}.json").exists()


def load_cases(name: str) -> list[Case]:
    if name in GOLDEN_SETS:
        return [
            Case(g.id, g.category, "basic", g.prompt, g.reference_sql, g.ordered)
            for g in load_golden(name)
        ]
    folder, stem = _folder_and_stem(name)
    entries = json.loads((folder / f"{stem}.json").read_text())
    return [
        Case(
            id=e["id"],
            category=e["category"],
            difficulty=e.get("difficulty", "basic"),
            prompt=e["prompt"],
            reference_sql=e["reference_sql"],
            ordered=bool(e["ordered"]),
        )
        for e in entries
    ]


def build_database(name: str, path: Path) -> Path:
    """Create the DuckDB file set `name` is written against; returns `path`."""
    if name in GOLDEN_SETS:
        return build_golden_database(name, path)
    if name.startswith("reworded_"):
        return build_golden_database(name.removeprefix("reworded_"), path)
    folder, stem = _folder_and_stem(name)
    module = importlib.import_module(f"tests.planning.{folder.name}.{stem}_data")
    builder: Callable[..., None] = module.build
    with duckdb.connect(str(path)) as con:
        builder(con, seed=1)
        con.execute("CHECKPOINT")
    return path


@dataclass
class Outcome:
    case: Case
    verdict: str  # correct | wrong | refused | error
    detail: str = ""
    seconds: float = 0.0


@dataclass
class Score:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    def subset(self, difficulty: str | None = None) -> list[Outcome]:
        return [o for o in self.outcomes if difficulty in (None, o.case.difficulty)]

    def counts(self, difficulty: str | None = None) -> dict[str, int]:
        found = {"correct": 0, "wrong": 0, "refused": 0, "error": 0}
        for outcome in self.subset(difficulty):
            found[outcome.verdict] += 1
        return found


def score(name: str, folder: Path, planner: object | None = None) -> Score:
    """Plan, run and judge every prompt of set `name` (its database is built in `folder`)."""
    from datamorph.engines.duckdb import DuckDBEngine
    from datamorph.planning.base import PlanningError
    from datamorph.planning.rules import RulePlanner

    from .judge import judge_outputs, run_reference, run_spec

    planner = planner or RulePlanner(as_of=AS_OF.get(name))
    path = build_database(name, folder / f"{name}.duckdb")
    result = Score(name)
    with DuckDBEngine(path) as engine:
        catalog = engine.catalog(samples=3, profile=True)
        for case in load_cases(name):
            started = time.perf_counter()
            try:
                spec = planner.plan(case.prompt, catalog)  # type: ignore[attr-defined]
            except PlanningError as error:
                seconds = time.perf_counter() - started
                result.outcomes.append(Outcome(case, "refused", error.message, seconds))
                continue
            seconds = time.perf_counter() - started
            try:
                verdict = judge_outputs(
                    run_spec(engine, spec, catalog),
                    run_reference(engine, case.reference_sql),
                    ordered=case.ordered,
                )
            except duckdb.Error as error:
                result.outcomes.append(Outcome(case, "error", str(error)[:200], seconds))
                continue
            kind = "correct" if verdict.ok else "wrong"
            detail = "" if verdict.ok else f"{verdict.reason} | {spec.to_json(indent=None)}"
            result.outcomes.append(Outcome(case, kind, detail, seconds))
    return result

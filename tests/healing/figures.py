"""Per-kind figures of a fault sweep, and the Markdown report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .faults import FAULTS
from .harness import Outcome

# ---- the report -------------------------------------------------------------------------------


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


@dataclass
class KindFigures:
    kind: str
    applied: int
    healed: int
    mean_iterations: float | None  # over healed runs
    seconds_per_iteration: float | None  # fix, execute and validate again, per iteration
    fix_seconds: float | None  # the healer's own time per iteration (choosing the fix)
    run_seconds: float | None  # the whole run, wall clock, per run
    lines_changed: float | None  # per fix
    regenerated: int  # runs that used the last resort (the query rebuilt from the spec)
    fixers: str  # which fixers acted, with counts
    classified: str  # what the first failure was classified as, with counts
    target_violations: int

    @property
    def share(self) -> float:
        return self.healed / self.applied if self.applied else 0.0

    def row(self) -> list[str]:
        return [
            self.kind,
            str(self.applied),
            str(self.healed),
            f"{100 * self.share:.0f} %",
            _fmt(self.mean_iterations),
            _fmt(self.seconds_per_iteration, 3),
            _fmt(None if self.fix_seconds is None else 1000 * self.fix_seconds, 1),
            _fmt(self.run_seconds, 2),
            _fmt(self.lines_changed, 1),
            str(self.regenerated),
            self.fixers or "-",
            self.classified or "-",
        ]


COLUMNS = [
    "fault",
    "applied",
    "healed",
    "share",
    "mean iterations",
    "s / iteration",
    "fix ms",
    "run s",
    "lines changed / fix",
    "regenerated",
    "fixers",
    "classified as",
]


def _counts(values: Sequence[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in Counter(values).most_common())


def figures(outcomes: Sequence[Outcome], label: str) -> KindFigures:
    fixes = [f for o in outcomes for f in o.fixes]
    healed = [o for o in outcomes if o.healed]
    return KindFigures(
        kind=label,
        applied=len(outcomes),
        healed=len(healed),
        mean_iterations=_mean([o.iterations for o in healed]),
        seconds_per_iteration=_mean([t for o in outcomes for t in o.iteration_seconds]),
        fix_seconds=_mean([f.get("seconds", 0.0) for f in fixes]),
        run_seconds=_mean([o.seconds for o in outcomes]),
        lines_changed=_mean([f.get("lines_changed", 0) for f in fixes]),
        regenerated=sum(o.regenerated for o in outcomes),
        fixers=_counts([f.get("fixer", "?") for f in fixes]),
        classified=_counts(
            [(o.fixes[0].get("failure") or {}).get("kind", "?") for o in outcomes if o.fixes]
        ),
        target_violations=sum(not o.target_ok for o in outcomes),
    )


def per_kind(outcomes: Sequence[Outcome]) -> list[KindFigures]:
    """One line per fault kind (in FAULTS order), then the total."""
    rows = []
    for kind in FAULTS:
        group = [o for o in outcomes if o.case.kind == kind]
        if group:
            rows.append(figures(group, kind))
    rows.append(figures(outcomes, "all"))
    return rows


def unhealed(outcomes: Sequence[Outcome]) -> list[str]:
    return [
        f"{o.case.pipeline} / {o.case.kind}: {o.status} after {o.iterations} iteration(s); "
        f"{o.last_failure[:300]}"
        for o in outcomes
        if not o.healed
    ]


def markdown(outcomes: Sequence[Outcome], title: str, preamble: str = "") -> str:
    rows = per_kind(outcomes)
    total = rows[-1]
    lines = [
        title,
        "",
        *([preamble, ""] if preamble else []),
        f"{total.applied} broken pipelines over {len({o.case.pipeline for o in outcomes})} "
        f"pipelines and {len(rows) - 1} fault kinds: {total.healed} healed "
        f"({100 * total.share:.1f} %), mean iterations {_fmt(total.mean_iterations)} over the "
        f"healed, {total.regenerated} used the last resort (regeneration from the spec), "
        f"{total.target_violations} left wrong rows in the target.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
        *("| " + " | ".join(r.row()) + " |" for r in rows),
        "",
    ]
    failed = unhealed(outcomes)
    if failed:
        lines += ["Not healed:", "", *(f"- {line}" for line in failed), ""]
    wrong = [o for o in outcomes if not o.target_ok]
    if wrong:
        lines += [
            "Target holding wrong rows:",
            "",
            *(f"- {o.case.pipeline} / {o.case.kind} ({o.status})" for o in wrong),
            "",
        ]
    return "\n".join(lines)

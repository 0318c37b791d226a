"""Run metrics over a window: runs by status, first-attempt and healed success, healing
iterations, step and run durations, the monitor's healing success, and model usage.

Everything is counted in the database with SQL aggregates (SQLAlchemy Core), so a store of many
runs is never read into memory. The window is by the time a run was created (monitor decisions:
by the time they were taken). Percentiles are nearest-rank (the smallest value with at least p%
of the values at or below it), done with window functions both SQLite and PostgreSQL have.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from datamorph.errors import UsageError
from datamorph.runs.incidents import decisions_table
from datamorph.runs.schema import TERMINAL, RunStatus, events_table, runs_table

if TYPE_CHECKING:
    from datamorph.runs.store import RunStore

DEFAULT_WINDOW = "24h"
PERCENTILES = (50, 90, 99)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_WINDOW = re.compile(r"^\s*(\d{1,6})\s*([mhdw])\s*$", re.IGNORECASE)
_WINDOW_HINT = "give a number and a unit: m, h, d or w (e.g. 24h, 7d, 30d), or 'all'"


class Rate(BaseModel):
    count: int
    rate: float | None  # of the finished runs; None when none finished


class Durations(BaseModel):
    """Seconds: nearest-rank percentiles and the longest."""

    count: int
    p50: float
    p90: float
    p99: float
    max: float


class StepDurations(Durations):
    step: str


class HealingGroup(BaseModel):
    """The monitor's decisions for one fault category or one strategy.

    `success_rate` is verified / (verified + failed + escalated): of the settled decisions, the
    share whose re-run passed validation. Pending ones (a run still going) are left out.
    """

    name: str
    decisions: int
    verified: int
    failed: int
    escalated: int
    pending: int
    success_rate: float | None


class LLMUsage(BaseModel):
    """What runs recorded as model usage (their `usage.llm`: the planner's calls)."""

    runs: int
    calls: int
    input_tokens: int
    output_tokens: int
    cost_usd: float


class Metrics(BaseModel):
    window: str
    since: datetime | None  # None: all time
    until: datetime
    runs: int
    finished: int  # runs in a terminal status
    by_status: dict[str, int]
    first_attempt: Rate  # completed without healing
    after_healing: Rate  # completed after one or more healing iterations
    mean_healing_iterations: float | None  # over finished runs
    step_durations: list[StepDurations]
    run_durations: Durations | None  # creation to last update, finished runs
    healing_by_category: list[HealingGroup]
    healing_by_strategy: list[HealingGroup]
    llm: LLMUsage


def parse_window(text: str) -> timedelta | None:
    """'24h', '7d', '30d', '90m', '2w' -> a timedelta; 'all' -> None."""
    if text.strip().lower() == "all":
        return None
    match = _WINDOW.match(text)
    if match is None or int(match[1]) == 0:
        raise UsageError(f"unknown window '{text}'", hint=_WINDOW_HINT)
    return timedelta(**{_UNITS[match[2].lower()]: int(match[1])})


def collect(store: RunStore, window: str = DEFAULT_WINDOW) -> Metrics:
    """The metrics of the runs created within `window` of the store's clock."""
    span = parse_window(window)
    until = store.now()
    since = None if span is None else until - span
    runs = _runs_in(since)
    with store._read() as conn:  # one snapshot: the figures agree with each other
        by_status = _by_status(conn, runs)
        finished, first, healed, mean_iterations = _outcomes(conn, runs)
        steps = _step_durations(conn, runs)
        whole = _run_durations(conn, runs)
        by_category = _healing(conn, decisions_table.c.category, since)
        by_strategy = _healing(conn, decisions_table.c.strategy, since)
        llm = _llm_usage(conn, runs)
    return Metrics(
        window=window.strip().lower(),
        since=since,
        until=until,
        runs=sum(by_status.values()),
        finished=finished,
        by_status=by_status,
        first_attempt=Rate(count=first, rate=_ratio(first, finished)),
        after_healing=Rate(count=healed, rate=_ratio(healed, finished)),
        mean_healing_iterations=mean_iterations,
        step_durations=steps,
        run_durations=whole,
        healing_by_category=by_category,
        healing_by_strategy=by_strategy,
        llm=llm,
    )


# ---- the queries ------------------------------------------------------------------------------


def _runs_in(since: datetime | None) -> sa.Subquery:
    query = sa.select(runs_table)
    if since is not None:
        query = query.where(runs_table.c.created_at >= since)
    return query.subquery("windowed")


def _by_status(conn: sa.Connection, runs: sa.Subquery) -> dict[str, int]:
    rows = conn.execute(sa.select(runs.c.status, sa.func.count()).group_by(runs.c.status)).all()
    counts = {str(status): int(n) for status, n in rows}
    # The pipeline's order first; a status this code does not know yet goes after, by name.
    order = [s.value for s in RunStatus]
    known = {s: counts[s] for s in order if s in counts}
    return known | {s: counts[s] for s in sorted(counts) if s not in known}


def _outcomes(conn: sa.Connection, runs: sa.Subquery) -> tuple[int, int, int, float | None]:
    """Finished runs, completed at once, completed after healing, mean iterations."""
    completed = runs.c.status == RunStatus.COMPLETED.value
    query = sa.select(
        sa.func.count(),
        sa.func.count(sa.case((completed & (runs.c.iterations == 0), 1))),
        sa.func.count(sa.case((completed & (runs.c.iterations > 0), 1))),
        sa.func.avg(runs.c.iterations),
    ).where(runs.c.status.in_(_terminal()))
    finished, first, healed, mean = conn.execute(query).one()
    # rounded: PostgreSQL's numeric average and SQLite's float differ in the last digits
    return int(finished), int(first), int(healed), None if mean is None else round(float(mean), 4)


def _terminal() -> list[str]:
    # Read at call time: statuses added to TERMINAL later count as finished without a change here.
    return sorted(s.value for s in TERMINAL)


def _step_durations(conn: sa.Connection, runs: sa.Subquery) -> list[StepDurations]:
    # The orchestrator logs "<step> finished" with metadata `seconds` for every step that ended.
    events = events_table
    seconds = events.c["metadata"]["seconds"].as_float()
    values = (
        sa.select(events.c.step.label("key"), seconds.label("value"))
        .join(runs, runs.c.run_id == events.c.run_id)
        .where(events.c.message == events.c.step.concat(" finished"), seconds.is_not(None))
        .subquery("step_seconds")
    )
    found = {key: figures for key, figures in _percentiles(conn, values)}
    order = {s.value: i for i, s in enumerate(RunStatus)}
    return [
        StepDurations(step=key, **found[key].model_dump())
        for key in sorted(found, key=lambda k: (order.get(k, len(order)), k))
    ]


def _run_durations(conn: sa.Connection, runs: sa.Subquery) -> Durations | None:
    values = (
        sa.select(
            sa.literal("run").label("key"),
            SecondsBetween(runs.c.created_at, runs.c.updated_at).label("value"),
        )
        .where(runs.c.status.in_(_terminal()))
        .subquery("run_seconds")
    )
    found = _percentiles(conn, values)
    return found[0][1] if found else None


def _percentiles(conn: sa.Connection, values: sa.Subquery) -> list[tuple[str, Durations]]:
    """Per `key` of a (key, value) subquery: count, nearest-rank p50/p90/p99 and max."""
    ranked = sa.select(
        values.c.key,
        values.c.value,
        sa.func.row_number().over(partition_by=values.c.key, order_by=values.c.value).label("rank"),
        sa.func.count().over(partition_by=values.c.key).label("n"),
    ).subquery("ranked")

    def at(p: int) -> sa.ColumnElement[Any]:
        # nearest rank = ceil(p/100 * n): the first rank with rank * 100 >= p * n (integers)
        return sa.func.min(sa.case((ranked.c.rank * 100 >= p * ranked.c.n, ranked.c.value)))

    query = sa.select(
        ranked.c.key,
        sa.func.count(),
        *(at(p) for p in PERCENTILES),
        sa.func.max(ranked.c.value),
    ).group_by(ranked.c.key)
    return [
        (
            str(key),
            Durations(
                count=int(n), p50=_secs(p50), p90=_secs(p90), p99=_secs(p99), max=_secs(most)
            ),
        )
        for key, n, p50, p90, p99, most in conn.execute(query).all()
    ]


def _healing(
    conn: sa.Connection, column: sa.Column[Any], since: datetime | None
) -> list[HealingGroup]:
    d = decisions_table
    # Recommendations for outside pipelines (`datamorph monitor ingest`) heal nothing here.
    query = (
        sa.select(column, d.c.outcome, sa.func.count())
        .where(d.c.action != "recommend")
        .group_by(column, d.c.outcome)
    )
    if since is not None:
        query = query.where(d.c.time >= since)
    outcomes: dict[str, dict[str, int]] = defaultdict(dict)
    for name, outcome, n in conn.execute(query).all():
        outcomes[str(name)][str(outcome)] = int(n)
    groups = [_group(name, counts) for name, counts in outcomes.items()]
    return sorted(groups, key=lambda g: (-g.decisions, g.name))


def _group(name: str, counts: dict[str, int]) -> HealingGroup:
    verified, failed = counts.get("verified", 0), counts.get("failed", 0)
    escalated = counts.get("escalated", 0)
    return HealingGroup(
        name=name,
        decisions=sum(counts.values()),
        verified=verified,
        failed=failed,
        escalated=escalated,
        pending=counts.get("pending", 0),
        success_rate=_ratio(verified, verified + failed + escalated),
    )


def _llm_usage(conn: sa.Connection, runs: sa.Subquery) -> LLMUsage:
    usage = runs.c.usage

    def total(key: str, as_float: bool = False) -> sa.ColumnElement[Any]:
        path = usage[("llm", key)]
        return sa.func.coalesce(sa.func.sum(path.as_float() if as_float else path.as_integer()), 0)

    query = sa.select(
        sa.func.count(usage[("llm", "calls")].as_integer()),
        total("calls"),
        total("input_tokens"),
        total("output_tokens"),
        total("cost_usd", as_float=True),
    )
    n, calls, tokens_in, tokens_out, cost = conn.execute(query).one()
    return LLMUsage(
        runs=int(n),
        calls=int(calls),
        input_tokens=int(tokens_in),
        output_tokens=int(tokens_out),
        cost_usd=round(float(cost), 6),
    )


def _ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _secs(value: Any) -> float:
    return round(float(value), 4)


# ---- seconds between two timestamps -----------------------------------------------------------


class SecondsBetween(sa.sql.functions.FunctionElement[float]):
    """Seconds from the first timestamp to the second: the one date difference both store
    databases can do, each in its own words (SQL has no portable spelling)."""

    type = sa.Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(SecondsBetween, "sqlite")
def _seconds_sqlite(element: SecondsBetween, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


@compiles(SecondsBetween, "postgresql")
def _seconds_postgresql(element: SecondsBetween, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS DOUBLE PRECISION)"

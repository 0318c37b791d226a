"""The run metrics in Prometheus's text exposition format, through `prometheus_client`.

Every figure is over the same window as `collect` (default the last 24 hours), so every metric
is a gauge: a count over a sliding window can fall. A ratio with nothing to divide (no finished
run, no settled decision) is left out rather than reported as 0 or NaN.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric

from datamorph.runs.metrics import Durations, HealingGroup, Metrics

CONTENT_TYPE = CONTENT_TYPE_LATEST  # what generate_latest writes
QUANTILES = (("0.5", "p50"), ("0.9", "p90"), ("0.99", "p99"))
_NAMES = {"category": "fault category", "strategy": "strategy"}


def exposition(metrics: Metrics) -> bytes:
    """The metrics as one scrape's worth of text."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Snapshot(metrics))
    return generate_latest(registry)


class _Snapshot:
    """A collector that reports one `Metrics` (prometheus_client calls `collect`)."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterator[Metric]:
        m = self.metrics
        span = math.inf if m.since is None else (m.until - m.since).total_seconds()
        yield _gauge("datamorph_metrics_window_seconds", "The window the figures cover.", span)
        runs = GaugeMetricFamily(
            "datamorph_runs", "Runs created in the window, by status.", labels=["status"]
        )
        for status, count in m.by_status.items():
            runs.add_metric([status], count)
        yield runs
        yield _gauge("datamorph_runs_finished", "Runs in a terminal status.", m.finished)
        yield from _success(m)
        if m.mean_healing_iterations is not None:
            yield _gauge(
                "datamorph_healing_iterations_mean",
                "Mean healing iterations of the finished runs.",
                m.mean_healing_iterations,
            )
        yield from _durations(m)
        yield from _healing("category", m.healing_by_category)
        yield from _healing("strategy", m.healing_by_strategy)
        yield from _llm(m)


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def _success(m: Metrics) -> Iterator[Metric]:
    counts = GaugeMetricFamily(
        "datamorph_runs_completed",
        "Completed runs: on the first attempt, or after healing.",
        labels=["attempt"],
    )
    ratios = GaugeMetricFamily(
        "datamorph_runs_success_ratio",
        "Completed runs (first attempt, or healed) over finished runs.",
        labels=["attempt"],
    )
    for label, rate in (("first", m.first_attempt), ("healed", m.after_healing)):
        counts.add_metric([label], rate.count)
        if rate.rate is not None:
            ratios.add_metric([label], rate.rate)
    yield counts
    yield ratios


def _durations(m: Metrics) -> Iterator[Metric]:
    steps = GaugeMetricFamily(
        "datamorph_step_duration_seconds",
        "Step durations, nearest-rank quantiles.",
        labels=["step", "quantile"],
    )
    longest = GaugeMetricFamily(
        "datamorph_step_duration_max_seconds", "The longest step of each kind.", labels=["step"]
    )
    finished = GaugeMetricFamily(
        "datamorph_steps_finished", "Steps that finished, by step.", labels=["step"]
    )
    for step in m.step_durations:
        _quantiles(steps, step, [step.step])
        longest.add_metric([step.step], step.max)
        finished.add_metric([step.step], step.count)
    yield from (steps, longest, finished)
    whole = GaugeMetricFamily(
        "datamorph_run_duration_seconds",
        "Finished runs, creation to last update, nearest-rank quantiles.",
        labels=["quantile"],
    )
    if m.run_durations is not None:
        _quantiles(whole, m.run_durations, [])
        yield whole
        yield _gauge("datamorph_run_duration_max_seconds", "The longest run.", m.run_durations.max)


def _quantiles(family: GaugeMetricFamily, durations: Durations, labels: list[str]) -> None:
    for quantile, field in QUANTILES:
        family.add_metric([*labels, quantile], getattr(durations, field))


def _healing(kind: str, groups: list[HealingGroup]) -> Iterator[Metric]:
    decisions = GaugeMetricFamily(
        f"datamorph_healing_{kind}_decisions",
        f"The monitor's healing decisions by {_NAMES[kind]} and outcome.",
        labels=[kind, "outcome"],
    )
    ratios = GaugeMetricFamily(
        f"datamorph_healing_{kind}_success_ratio",
        "Verified over verified, failed and escalated decisions.",
        labels=[kind],
    )
    for group in groups:
        for outcome in ("verified", "failed", "escalated", "pending"):
            decisions.add_metric([group.name, outcome], getattr(group, outcome))
        if group.success_rate is not None:
            ratios.add_metric([group.name], group.success_rate)
    yield decisions
    yield ratios


def _llm(m: Metrics) -> Iterator[Metric]:
    yield _gauge("datamorph_llm_runs", "Runs that recorded model usage.", m.llm.runs)
    yield _gauge("datamorph_llm_calls", "Model calls the runs recorded.", m.llm.calls)
    tokens = GaugeMetricFamily(
        "datamorph_llm_tokens", "Model tokens the runs recorded.", labels=["direction"]
    )
    tokens.add_metric(["input"], m.llm.input_tokens)
    tokens.add_metric(["output"], m.llm.output_tokens)
    yield tokens
    yield _gauge("datamorph_llm_cost_usd", "Estimated model cost (list prices).", m.llm.cost_usd)

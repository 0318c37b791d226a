"""`datamorph stats`: the run metrics of a window (runs by status, success, healing, durations,
model usage) as Rich tables or one JSON object. Registered by cli.py; the figures come from
`datamorph.runs.metrics`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from datamorph.cli_errors import print_json
from datamorph.errors import refuse_blank

if TYPE_CHECKING:
    from datamorph.runs.metrics import Durations, HealingGroup, Metrics, Rate

out = Console()


def stats_command(
    since: Annotated[
        str,
        typer.Option(
            "--since", help="The window: runs created in the last 90m, 24h, 7d, 30d, 2w... or all."
        ),
    ] = "24h",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object and nothing else.")
    ] = False,
) -> None:
    """Run metrics: runs by status, success on the first attempt and after healing, durations,
    healing by fault category and strategy, and model tokens and cost."""
    from datamorph.runs import open_store
    from datamorph.runs.metrics import collect

    refuse_blank("--since", since)
    with open_store() as store:
        metrics = collect(store, since)
    if as_json:
        print_json(metrics.model_dump(mode="json"))
    else:
        show(out, metrics)


def show(console: Console, m: Metrics) -> None:
    from datamorph.display import styled

    span = "of all time" if m.since is None else f"since {m.since:%Y-%m-%d %H:%M} UTC ({m.window})"
    console.print(f"[bold]{m.runs:,} runs[/] {span}, {m.finished:,} finished")
    if not m.runs:
        return
    table = _table("runs by status", "status", "runs", "share")
    for status, count in m.by_status.items():
        table.add_row(styled(escape(status)), f"{count:,}", _percent(count / m.runs))
    console.print(table)
    table = _table("success (of finished runs)", "outcome", "runs", "rate")
    table.add_row("completed on the first attempt", *_rate(m.first_attempt))
    table.add_row("completed after healing", *_rate(m.after_healing))
    mean = m.mean_healing_iterations
    table.add_row("mean healing iterations", "-" if mean is None else f"{mean:.2f}", "")
    console.print(table)
    _durations(console, m)
    _healing(console, "healing by fault category", m.healing_by_category)
    _healing(console, "healing by strategy", m.healing_by_strategy)
    llm = m.llm
    console.print(
        f"model usage: {llm.calls:,} calls in {llm.runs:,} runs, {llm.input_tokens:,} input and "
        f"{llm.output_tokens:,} output tokens, ${llm.cost_usd:.4f} (list prices, estimated)"
    )


def _durations(console: Console, m: Metrics) -> None:
    rows: list[tuple[str, Durations]] = [(s.step, s) for s in m.step_durations]
    if m.run_durations is not None:
        rows.append(("[bold]whole run[/]", m.run_durations))
    if not rows:
        return
    table = _table("durations (seconds)", "step", "count", "p50", "p90", "p99", "max")
    for name, d in rows:
        table.add_row(name, f"{d.count:,}", *(f"{v:.3f}" for v in (d.p50, d.p90, d.p99, d.max)))
    console.print(table)


def _healing(console: Console, title: str, groups: list[HealingGroup]) -> None:
    if not groups:
        return
    columns = ("decisions", "verified", "failed", "escalated", "pending", "success")
    table = _table(title, title.rsplit(" ", 1)[-1], *columns)
    for g in groups:
        counts = (g.decisions, g.verified, g.failed, g.escalated, g.pending)
        rate = "-" if g.success_rate is None else _percent(g.success_rate)
        table.add_row(escape(g.name), *(f"{n:,}" for n in counts), rate)
    console.print(table)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, header_style="bold cyan", title_justify="left")
    table.add_column(columns[0], overflow="fold")
    for name in columns[1:]:
        table.add_column(name, justify="right")
    return table


def _rate(rate: Rate) -> tuple[str, str]:
    return f"{rate.count:,}", "-" if rate.rate is None else _percent(rate.rate)


def _percent(value: float) -> str:
    return f"{value:.1%}"

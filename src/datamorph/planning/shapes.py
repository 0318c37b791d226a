"""Shapes a single SELECT cannot take: a filter relative to the data's latest date, and windows
over the periods of an aggregated result. Both become steps (CTEs) of the spec."""

from __future__ import annotations

from typing import Any

from datamorph.planning.base import PlanningError
from datamorph.planning.intent import Intent, Relative
from datamorph.planning.presentation import rounded

LATEST_STEP, LATEST_ALIAS, BASE_STEP, BASE_ALIAS = "latest", "latest", "base", "base"
_QUERY_FIELDS = ("source_tables", "join_conditions", "filters", "transformations", "group_by",
                 "aggregations", "having", "qualify", "columns", "distinct")  # fmt: skip


def relative_filter(
    data: dict[str, Any], relative: Relative, column: str, today: str = "current_date"
) -> None:
    """Keep the `relative.count` calendar days (or months, years) ending on today or on the
    latest date of the column, that day included."""
    interval = f"INTERVAL {relative.count} {relative.unit.upper()}"
    if relative.anchor == "today":
        data["filters"].append(f"CAST({column} AS DATE) > {today} - {interval}")
        return
    table, name = relative.column
    step = {
        "name": LATEST_STEP,
        "source_tables": [{"name": table, "alias": "t"}],
        "columns": [f"max(t.{name}) AS latest_value"],
    }
    data.setdefault("steps", []).append(step)
    data["source_tables"].append({"name": LATEST_STEP, "alias": LATEST_ALIAS})
    data["join_conditions"].append(
        {"left": data["source_tables"][0]["alias"], "right": LATEST_ALIAS, "type": "inner",
         "on": "TRUE"}
    )  # fmt: skip
    if relative.exact:  # "on or after the latest created_at minus 30 days"
        data["filters"].append(f"{column} >= {LATEST_ALIAS}.latest_value - {interval}")
        return
    data["filters"].append(
        f"CAST({column} AS DATE) > CAST({LATEST_ALIAS}.latest_value AS DATE) - {interval}"
    )


def over_periods(data: dict[str, Any], intent: Intent, outputs: list[str]) -> dict[str, Any]:
    """'running total per month', 'month over month change': the aggregated query becomes a
    step; the main query adds the window over its period column."""
    period = next((g.name for g in intent.groups if g.grain), None)
    if period is None or not intent.measures:
        raise PlanningError(
            "a running total or a change between periods needs a period and a measure",
            hint="say the period, e.g. 'running total of amount per month'",
        )
    others = [o for o in outputs if o != period and o not in {m.name for m in intent.measures}]
    partition = f"PARTITION BY {', '.join(f'{BASE_ALIAS}.{o}' for o in others)} " if others else ""
    order = f"ORDER BY {BASE_ALIAS}.{period}"
    measure = intent.measures[0].name
    value, digits = f"{BASE_ALIAS}.{measure}", intent.round_digits
    if intent.window == "running":
        frame = "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"
        extra = rounded(f"sum({value}) OVER ({partition}{order} {frame})", digits)
        extra += f" AS running_{measure}"
    elif intent.window == "pct_change":  # NULL after a period of 0: no percentage of nothing
        scale = "1.0" if intent.ratio_scale == "share" else "100.0"
        before = f"lag({value}) OVER ({partition}{order})"
        extra = rounded(f"{scale} * ({value} - {before}) / NULLIF({before}, 0)", digits)
        extra += f" AS pct_change_in_{measure}"
    else:
        extra = rounded(f"{value} - lag({value}) OVER ({partition}{order})", digits)
        extra += f" AS change_in_{measure}"
    step = {"name": BASE_STEP, **{k: data[k] for k in _QUERY_FIELDS if k in data}}
    wrapped: dict[str, Any] = {
        "description": data["description"],
        "steps": [*data.get("steps", []), step],
        "source_tables": [{"name": BASE_STEP, "alias": BASE_ALIAS}],
        "columns": [f"{BASE_ALIAS}.{o}" for o in outputs] + [extra],
        "order_by": _outer_order(intent, period),
        "limit": data.get("limit"),
        "target_table": data["target_table"],
    }
    return wrapped


def _outer_order(intent: Intent, period: str) -> list[dict[str, Any]]:
    """The result's order, said in the request ('newest month first', 'highest total first'),
    on the step's outputs; by period, oldest first, when nothing is said."""
    said = []
    for key in intent.order:
        name = key.alias or (key.measure.name if key.measure is not None else None)
        if name is None:
            raise PlanningError(
                "a sort by a column is not supported with a running total or a change",
                hint="sort by the period or by the measure",
            )
        said.append({"expr": f"{BASE_ALIAS}.{name}", "desc": key.desc})
    return said or [{"expr": f"{BASE_ALIAS}.{period}", "desc": False}]

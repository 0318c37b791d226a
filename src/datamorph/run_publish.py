"""The publishing step: the validated output becomes the target, atomically.

`replace` swaps it in, `append` inserts it, `merge` upserts it on the keys (engines/merge.py
says how and why that way). A merge's result is validated again before it is published: the
increment passed its checks, yet the table the target becomes must hold its grain (one row
per key, no NULL where a key may not be NULL) and the spec's own tests too. When it does not,
nothing is published and the run says why.

For an incremental target (run_increment.py) the run's high-water mark, max(column) over the
rows it read, is recorded as pending before the publish and committed right after it; the
publish itself refuses when another run published the target since this run decided what to
read (merge.require_generation).
"""

from __future__ import annotations

import contextlib
import json
from typing import Any, cast

from datamorph.engines import merge
from datamorph.errors import DataMorphError, PipelineError
from datamorph.faults import crash_point
from datamorph.run_increment import Increment, full_refresh, increment
from datamorph.run_state import Run, ValidationOutcome
from datamorph.run_validate import completed_message
from datamorph.runs import RunStatus
from datamorph.runs.watermarks import Watermarks
from datamorph.spec.model import TargetTable

S = RunStatus

# why the merged result is not compared with the spec evaluated on its own (validation's
# reference): it also holds the rows of earlier runs, which the spec's query may no longer give
MERGED = (
    "the merged target holds earlier runs' rows too: checked for its grain and the spec's tests"
)


def publish_step(run: Run) -> RunStatus:
    assert run.staging is not None and run.spec is not None
    crash_point("after_staging")
    target = run.spec.target_table
    inc = increment(run)
    details: dict[str, Any] = {"read": run.staging.rows}  # the rows the run's output had
    if inc is not None and inc.column is not None:
        details["hwm_used"] = inc.mark
    mark = _mark(run, inc)
    if target.mode == "merge":
        counts = _merge(run, target, inc)
        details |= counts.as_dict()
        verdict = _check_merged(run)
        if verdict is not None:
            return verdict
    elif inc is not None and inc.full:  # an append target rebuilt: replace semantics
        target = TargetTable(name=target.name, mode="replace", keys=target.keys)
    if mark is not None:
        details["hwm_new"] = mark[0]
    return _publish(run, target, inc, mark, details)


def _mark(run: Run, inc: Increment | None) -> tuple[str | None, str | None] | None:
    """The mark this run leaves: max(column) over the rows it read; (None, None) for a full
    load that read none (the next run reads everything); None: keep the current mark."""
    if inc is None or inc.column is None:
        return None
    assert run.staging is not None
    found = merge.high_mark(cast(merge.MergeEngine, run.engine), run.staging.name, inc.column)
    if found is not None:
        return found
    return (None, None) if inc.mark is None else None


def _merge(run: Run, target: TargetTable, inc: Increment | None) -> merge.MergeCounts:
    assert run.staging is not None
    full = inc.full if inc is not None else full_refresh(run)
    engine = cast(merge.MergeEngine, run.engine)
    run.staging, counts = merge.merge_staging(engine, run.staging, target, full=full)
    run.log(
        "publishing",
        f"merged {counts.increment} output rows into {target.name}: {counts.inserted} new, "
        f"{counts.updated} replacing, {counts.deleted} deleted ({counts.delete_rows} delete "
        f"rows); {counts.merged} rows to publish",
        **cast(dict[str, Any], counts.as_dict()),
    )
    return counts


def _check_merged(run: Run) -> RunStatus | None:
    """The merged result validated before it is visible; a status when it may not be."""
    from datamorph.validation import validate
    from datamorph.validation.report import ValidationReport, blocks_publishing, unverified_names

    assert run.spec is not None and run.catalog is not None and run.staging is not None
    # The filters, having and qualify held on the increment (checked there); the target's
    # earlier rows met them when they were read, and a relative filter ("the last 30 days")
    # need not hold for them now: the merged table answers for its grain and tests only.
    spec = run.spec.model_copy(update={"filters": (), "having": (), "qualify": ()})
    report = validate(run.engine, spec, run.staging.name, run.catalog, no_reference=MERGED)
    data = report.as_dict()
    name = f"reports/merged-attempt-{run.attempt}"
    text = json.dumps(data, indent=2, default=str)
    run.store.save_artifact(run.run_id, f"{name}.json", text, kind="report", attempt=run.attempt)
    markdown = ValidationReport.model_validate(data).to_markdown()
    run.store.save_artifact(run.run_id, f"{name}.md", markdown, kind="report", attempt=run.attempt)
    failed = [c.name for c in report.checks if c.status == "fail"]
    if failed:
        first = next(c for c in report.checks if c.status == "fail")
        why = f": {first.message}" if first.message else ""
        return _refused(
            run,
            ValidationOutcome("fail", data),
            f"the merged result fails {', '.join(failed)}{why}",
            "the target's existing rows break it with this output; rebuild the target with "
            "--full-refresh, or fix them; nothing was published",
            S.FAILED,
        )
    if report.status == "error" and blocks_publishing(data):
        return _refused(
            run,
            ValidationOutcome("error", data),
            f"the merged result is not verified: {', '.join(unverified_names(data))}",
            "those checks could not run on the merged result; nothing was published",
            S.NEEDS_ATTENTION,
        )
    run.log("publishing", f"merged result validated: {report.status}", checks=len(report.checks))
    return None


def _refused(
    run: Run, outcome: ValidationOutcome, message: str, hint: str, status: RunStatus
) -> RunStatus:
    """Not healed: the code is not what is wrong, and re-running it would give the same."""
    run.validation = outcome
    run.failure = PipelineError(message, hint=hint)
    run.failed_step = "publishing"
    line = run.failure.one_line()
    run.log("publishing", line, level="error", update={"message": line,
            "validation_status": outcome.status})  # fmt: skip
    return status


def _publish(
    run: Run,
    target: TargetTable,
    inc: Increment | None,
    mark: tuple[str | None, str | None] | None,
    details: dict[str, Any],
) -> RunStatus:
    assert run.staging is not None and run.spec is not None
    marks = Watermarks(run.store)
    if mark is not None and inc is not None and inc.column is not None:
        marks.add_pending(
            run.run_id, run.engine.location, target.name, inc.column, mark[0], mark[1]
        )
    expected = inc.generation if inc is not None else None
    try:
        if expected is None:  # every engine's publish; only merge's engines take `expected`
            run.published = run.engine.publish(run.staging, target)
        else:
            run.published = cast(Any, run.engine).publish(run.staging, target, expected=expected)
    except BaseException as error:
        with contextlib.suppress(DataMorphError):
            marks.discard(run.run_id)  # nothing published: the mark was never true
        if isinstance(error, merge.TargetMoved):  # healing would retry on a stale read
            run.failure, run.failed_step = error, "publishing"
            line = error.one_line()
            run.log("publishing", line, level="error", update={"message": line})
            return S.FAILED
        raise
    run.staging = None
    crash_point("after_publish")  # committed in the database, not yet in the run store
    if mark is not None:
        marks.commit(run.run_id)
    published = run.published
    new = f"; high-water mark {inc.column} = {mark[0]}" if inc and mark and mark[0] else ""
    run.log(
        "publishing",
        f"published {published.target} ({published.rows} rows, {published.mode}){new}",
        rows=published.rows,
        replaced=published.replaced,
        **details,
        update={"rows": published.rows, "message": completed_message(run), "error_category": None},
    )
    return S.COMPLETED


def commit_mark(run: Run) -> None:
    """A resumed run found its publish already committed: its pending mark now counts."""
    Watermarks(run.store).commit(run.run_id)

"""Incremental targets: which rows a run reads, and the high-water mark it leaves.

With `target_table.incremental.column`, a run reads only the rows of its output whose column
is above the high-water mark (HWM) of the last run that published the target in this database
(runs/watermarks.py): the compiled code is wrapped, `SELECT * FROM (<code>) AS _dm_inc WHERE
column > mark` (merge.above_mark), when the staging table is built. The code artifacts and
healing keep the query itself, so a repaired or regenerated query is filtered the same way.

The decision is taken once, at the run's first execution, and stored with the run (its
`request`, which `runs resume` reads back): a resumed run reads exactly the rows it would have
read, whatever was published since. It also records how many times the target had been
published (merge.generation); the publish refuses when that changed meanwhile, so two runs can
never apply overlapping increments. A full load instead of an incremental one, and why:
- no mark yet (the first run) or a mark without a value (a full load that found no rows);
- the target does not exist (dropped by hand: the mark is ahead of it);
- `--full-refresh`: the target is rebuilt from the full output (replace semantics, for
  append targets too: appending every row again would duplicate them), and a new mark kept;
- the mark was kept on another column: a merge reloads everything (upserting is idempotent);
  an append refuses, as it does for an existing target without a mark (it would add every row
  again).
Rows whose column is NULL are read only by full loads: NULL is never above a mark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, cast

from datamorph.engines import merge
from datamorph.errors import UsageError
from datamorph.run_state import Run
from datamorph.runs.watermarks import Watermark, Watermarks
from datamorph.spec import Spec


@dataclass(frozen=True)
class Increment:
    """What a run of an append or merge target reads, decided once (stored with the run)."""

    column: str | None  # the incremental output column; None: not incremental
    mark: str | None  # read rows above this value; None: read everything
    mark_type: str | None
    mark_run: str | None  # the run that left the mark
    full: bool  # rebuild the target from the output alone (--full-refresh)
    generation: int  # publishes of the target when decided (merge.require_generation)
    note: str  # what was decided and why, as the run's events say it

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def increment(run: Run) -> Increment | None:
    """The run's increment: the stored one, else decided now and stored. None for a target
    that is replaced, or appended to without a mark."""
    assert run.spec is not None
    stored = run.request.options.get("increment")
    if stored:
        if not run.request.options.get("increment_shown"):  # resumed: say what it reads
            run.request.options["increment_shown"] = True
            run.log("executing", f"as decided when the run started: {stored['note']}",
                    increment=stored)  # fmt: skip
        return Increment(**stored)
    found = _decide(run, run.spec)
    if found is None:
        return None
    run.request.options |= {"increment": found.as_dict(), "increment_shown": True}
    request = run.store.get_run(run.run_id).request or {}
    run.log(
        "executing",
        found.note,
        update={"request": request | {"increment": found.as_dict()}},
        increment=found.as_dict(),
    )
    return found


def full_refresh(run: Run) -> bool:
    return bool(run.request.options.get("full_refresh"))


def _decide(run: Run, spec: Spec) -> Increment | None:
    target = spec.target_table
    full = full_refresh(run)
    if target.mode == "replace" or (
        target.mode == "append" and not target.incremental and not full
    ):
        return None
    engine = run.engine
    column = _output(run, target.incremental.column) if target.incremental else None
    decided = Increment(
        column,
        None,
        None,
        None,
        full,
        merge.generation(cast(merge.MergeEngine, engine), target.name),
        "",
    )
    if full:
        return _note(decided, "--full-refresh: the target is rebuilt from the full output")
    if column is None:
        return _note(decided, f"merging the whole output into {target.name}")
    mark = current_mark(run, target.name)
    exists = engine.table_exists(target.name)
    if mark is None or mark.value is None:
        if exists and target.mode == "append":
            raise _no_append(f"the target '{target.name}' exists but has no high-water mark")
        return _note(decided, f"no high-water mark for {target.name} yet: reading every row")
    if not exists:
        return _note(
            decided,
            f"the target {target.name} does not exist: ignoring the high-water mark "
            f"{column} = {mark.value} (run {mark.run_id}); full load",
        )
    if mark.column.lower() != column.lower():
        if target.mode == "append":
            raise _no_append(f"the high-water mark of '{target.name}' is on {mark.column}")
        return _note(
            decided,
            f"the high-water mark of {target.name} is on {mark.column}, not {column}: full load",
        )
    held = _held(cast(merge.MergeEngine, engine), target.name, column, mark)
    if held is not None and held[0] == 0:  # emptied by hand: nothing to duplicate, or to keep
        return _note(
            decided,
            f"the target {target.name} is empty: ignoring the high-water mark "
            f"{column} = {mark.value} (run {mark.run_id}); full load",
        )
    if held is not None and held[1] == 0 and target.mode == "append":
        raise UsageError(  # an append target only grows: the rows that set the mark are gone
            f"the target '{target.name}' has no row at its high-water mark {column} = "
            f"{mark.value} any more (rows removed by hand?): reading above it would leave a gap",
            hint="rebuild it from the full output with --full-refresh",
        )
    return Increment(
        column, mark.value, mark.value_type, mark.run_id, False, decided.generation,
        f"incremental: reading rows with {column} > {mark.value} (the high-water mark left by "
        f"run {mark.run_id})",
    )  # fmt: skip


def _held(
    engine: merge.MergeEngine, target: str, column: str, mark: Watermark
) -> tuple[int, int] | None:
    """(has rows, has rows at or above the mark), each 0 or 1: a LIMIT 1 probe, not a count
    of a large target; None when the target lacks the column (the publish says so)."""
    from datamorph.engines.base import quote

    try:
        name = merge.named(merge.columns_of(engine, target), column)
    except UsageError:
        return None
    assert mark.value is not None
    table = f"SELECT * FROM {quote(target)}"
    at = merge.above_mark(table, engine.dialect, name, mark.value, mark.value_type, inclusive=True)
    ((total,),) = engine.query(f"SELECT count(*) FROM ({table} LIMIT 1) AS _dm_any").rows
    ((found,),) = engine.query(f"SELECT count(*) FROM ({at} LIMIT 1) AS _dm_held").rows
    return int(total), int(found)


def _note(decided: Increment, note: str) -> Increment:
    return Increment(**(decided.as_dict() | {"note": note}))


def _no_append(why: str) -> UsageError:
    return UsageError(
        f"{why}: an incremental append would add every row again",
        hint="rebuild it from the full output with --full-refresh (that also records the mark)",
    )


def _output(run: Run, column: str) -> str:
    """The output column as the spec's query names it."""
    assert run.resolved is not None
    return merge.named(run.resolved.main.output_names, column)


def current_mark(run: Run, target: str) -> Watermark | None:
    """The newest mark of a publish that committed. A pending mark whose run the target's
    publish log names did commit (the process died before the store heard): it counts, and is
    marked so."""
    marks = Watermarks(run.store)
    published_by = getattr(run.engine, "published_by", None)
    for mark in marks.recent(run.engine.location, target):
        if mark.committed:
            return mark
        if published_by is not None and published_by(mark.run_id, target) is not None:
            marks.commit(mark.run_id)
            return mark
    return None


def staged_code(run: Run, code: str) -> str:
    """The code the staging table is built from: `code`, filtered above the mark if any."""
    found = increment(run)
    if found is None or found.mark is None or found.column is None:
        return code
    return merge.above_mark(code, run.engine.dialect, found.column, found.mark, found.mark_type)


def increment_view(run: Run) -> tuple[Spec, str | None, Callable[[str], str] | None]:
    """What validation of the staged increment compares with: the spec (an empty increment
    above a mark is allowed: nothing new is not an error; a merge's user tests are run on the
    merged result instead, run_publish.py), the code as staged, and the same filter for the
    spec's own reference query."""
    assert run.spec is not None
    spec, code = run.spec, run.code
    found = run.request.options.get("increment")
    inc = Increment(**found) if found else None
    update: dict[str, Any] = {}
    if spec.target_table.mode == "merge" and spec.tests:
        update["tests"] = ()
    wrap = None
    if inc is not None and inc.mark is not None and inc.column is not None:
        column, mark, kind = inc.column, inc.mark, inc.mark_type
        dialect = run.engine.dialect

        def wrap(sql: str) -> str:
            return merge.above_mark(sql, dialect, column, mark, kind)

        target = spec.target_table.model_copy(update={"allow_empty": True})
        update["target_table"] = target
        code = wrap(code) if code is not None else None
    return (spec.model_copy(update=update) if update else spec), code, wrap


def check_target_spec(run: Run) -> None:
    """What a merge or incremental spec needs beyond the checks every spec gets; SpecError
    (exit 2) naming the field."""
    from datamorph.spec.problems import Problem, SpecError

    assert run.spec is not None and run.resolved is not None
    target = run.spec.target_table
    if target.mode != "merge" and target.incremental is None:
        return
    outputs = run.resolved.main.output_names
    problems = []
    if target.incremental is not None:
        problems += _column_problem(
            "target_table.incremental.column", target.incremental.column, outputs
        )
        group = {n.lower() for n, _ in run.resolved.main.group_items}
        column = target.incremental.column.lower()
        if target.mode == "append" and run.spec.is_aggregate and column not in group:
            problems.append(
                Problem(
                    "target_table.incremental.column",
                    f"'{target.incremental.column}' is not a group key: an appended group "
                    "would be appended again, whole, when it changes",
                    "incremental_not_group_key",
                    "use a group-by output, or mode 'merge' with keys",
                )
            )
    if target.delete_when is not None:
        problems += _condition_problems(target.delete_when, outputs)
    if problems:
        raise SpecError(problems)


def _column_problem(path: str, name: str, outputs: list[str]) -> list[Any]:
    from datamorph.errors import did_you_mean
    from datamorph.spec.problems import Problem

    if name.lower() in {o.lower() for o in outputs}:
        return []
    guess = did_you_mean(name, outputs)
    hint = f"did you mean '{guess}'?" if guess else "name an output column"
    return [Problem(path, f"'{name}' is not an output column", "unknown_column", hint)]


def _condition_problems(text: str, outputs: list[str]) -> list[Any]:
    """delete_when: one row-level boolean expression on output columns, allowed functions."""
    import sqlglot
    from sqlglot import exp

    from datamorph.spec.functions import forbidden_functions
    from datamorph.spec.model import EXPRESSION_DIALECT
    from datamorph.spec.problems import Problem

    path = "target_table.delete_when"
    try:
        tree = sqlglot.parse_one(text, read=EXPRESSION_DIALECT)
    except sqlglot.errors.SqlglotError as error:
        why = str(error).splitlines()[0]
        return [Problem(path, f"does not parse: {why}", "bad_expression", "write one condition")]
    problems = []
    for column in tree.find_all(exp.Column):
        problems += _column_problem(path, column.name, outputs)
    row_level = (exp.AggFunc, exp.Window, exp.Subquery, exp.Select)
    if any(isinstance(node, row_level) for node in tree.walk()):
        problems.append(
            Problem(path, "must be a condition on one row", "bad_expression", "no aggregates, "
                    "windows or sub-queries")
        )  # fmt: skip
    forbidden = list(dict.fromkeys(forbidden_functions(tree, EXPRESSION_DIALECT)))
    if forbidden:
        problems.append(
            Problem(path, f"calls {', '.join(forbidden[:3])}", "forbidden_function",
                    "use the functions a spec may call")
        )  # fmt: skip
    return problems

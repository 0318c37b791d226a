"""What a run refuses before it touches a table: a source as its target, unsafe user code.

Both are the person's to fix, so they raise UsageError (exit 2), which the orchestrator never
heals: healing would mean replacing a table or code the person did not mean to give up.
"""

from __future__ import annotations

from datamorph.engines.base import QueryDoesNotParse, require_select
from datamorph.errors import UsageError
from datamorph.run_state import Run


def refuse_unsafe_code(code: str, dialect: str) -> None:
    """The user's code must be one read-only SELECT: anything else ends the run with the
    reason, never healed by swapping in other code the user did not write."""
    try:
        require_select(code, dialect)
    except QueryDoesNotParse:
        return  # broken, not unsafe: the engine says where, and healing may repair it
    except UsageError as error:
        raise UsageError(
            f"the code given with --code was refused: {error.message}",
            hint="--code takes one SELECT; DataMorph writes the target table itself",
        ) from None


def guard_sources(run: Run) -> None:
    """A table DataMorph did not publish is someone's source: never replaced by surprise."""
    assert run.spec is not None and run.catalog is not None
    target = run.spec.target_table.name
    if run.request.replace_source or not run.catalog.has_table(target):
        return
    if target.lower() in run.store.published_tables(run.engine.location):
        return
    verb = "append to" if run.spec.target_table.mode == "append" else "replace"
    raise UsageError(
        f"the target '{target}' is a table DataMorph did not publish (a source here); "
        f"the run would {verb} it",
        hint="choose another target name (--target), or pass --replace-source if you mean it",
    )

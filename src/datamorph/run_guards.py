"""What a run refuses before it touches a table: a source as its target, unsafe user code.

Both are the person's to fix, so they raise UsageError (exit 2), which the orchestrator never
heals: healing would mean replacing a table or code the person did not mean to give up.
"""

from __future__ import annotations

import re

from datamorph.engines.base import QueryDoesNotParse, require_select
from datamorph.errors import UsageError
from datamorph.run_state import Run
from datamorph.spec.functions import forbidden_functions
from datamorph.spec.model import Spec


def refuse_unsafe_code(code: str, dialect: str, known: frozenset[str] | None = None) -> None:
    """The user's code must be one read-only SELECT calling only the functions a spec may:
    anything else ends the run with the reason, never healed by swapping in other code the
    user did not write. SQL that is merely broken (a missing comma, a misspelt function the
    engine does not have: `known`, its function names) is left to healing."""
    try:
        tree = require_select(code, dialect)
    except QueryDoesNotParse:
        if _QUERY_START.match(code):
            return  # broken, not unsafe: the engine says where, and healing may repair it
        raise _refused(
            "it does not read as a query (it should start with SELECT or WITH)"
        ) from None
    except UsageError as error:
        raise _refused(error.message) from None
    forbidden = [
        name
        for name in dict.fromkeys(forbidden_functions(tree, dialect))
        if known is None or name in known  # `summ(` is a typo healing fixes, not a door
    ]
    if forbidden:
        raise _refused(f"it calls {', '.join(forbidden[:3])}, outside the functions a run may use")


# What a query starts with once comments and opening parentheses are set aside.
_QUERY_START = re.compile(
    r"^(\s+|--[^\n]*(\n|$)|/\*.*?\*/|\()*(SELECT|WITH|FROM|VALUES|TABLE)\b", re.I | re.S
)


def _refused(why: str) -> UsageError:
    return UsageError(
        f"the code given with --code was refused: {why}",
        hint="--code takes one SELECT; DataMorph writes the target table itself",
    )


def guard_sources(run: Run) -> None:
    """A table DataMorph did not publish is someone's source: never replaced by surprise."""
    assert run.spec is not None and run.catalog is not None
    refuse_merge_engine(run.spec, run.engine.name)
    target = run.spec.target_table.name
    _refuse_schema_in_name(target, run.engine.name)
    if run.request.replace_source or not run.catalog.has_table(target):
        return
    refuse_source_target(
        target,
        run.store.published_tables(run.engine.location),
        mode=run.spec.target_table.mode,
        hint="choose another target name (--target), or pass --replace-source if you mean it",
    )


def refuse_source_target(target: str, published: set[str], *, mode: str, hint: str) -> None:
    """UsageError when the existing table `target` is not one DataMorph published (`published`,
    lower case): the CLI, Python and HTTP callers differ only in how the hint is said."""
    if target.lower() in published:
        return
    verb = {"append": "append to", "merge": "merge into"}.get(mode, "replace")
    raise UsageError(
        f"the target '{target}' is a table DataMorph did not publish (a source here); "
        f"the run would {verb} it",
        hint=hint,
    )


# Engines whose catalog spans schemas, so a target may name one (none yet: DuckDB's is `main`).
_SCHEMA_ENGINES: frozenset[str] = frozenset()


def _refuse_schema_in_name(target: str, engine: str) -> None:
    """On DuckDB, `main.customers` would publish a new table literally named "main.customers"
    beside the source it names: surely not what the person meant."""
    schema, dot, table = target.rpartition(".")
    if dot and engine not in _SCHEMA_ENGINES:
        raise UsageError(
            f"the target '{target}' names a schema ('{schema}'); the {engine} engine writes to "
            "its own",
            hint=f"name the table alone: --target {table}",
        )


def refuse_merge_engine(spec: Spec, engine: str) -> None:
    """Merge and incremental loads run on the transactional SQL engines (engines/merge.py);
    Spark would need its own, and a merge run as something else would be wrong."""
    target = spec.target_table
    if (target.mode == "merge" or target.incremental is not None) and engine not in (
        "duckdb",
        "postgres",
    ):
        what = "mode 'merge'" if target.mode == "merge" else "an incremental target"
        raise UsageError(
            f"{what} is supported on duckdb and postgres",
            hint="run it on a DuckDB or PostgreSQL database, or use mode 'replace' or 'append'",
        )

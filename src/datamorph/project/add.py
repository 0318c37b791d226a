"""`datamorph add "REQUEST"`: plan a new model from English and write it into the project.

The plan is made against the database's catalog like `datamorph plan`; a source table that is
one of the project's models is marked `ref`, so the new model builds after it. The file is
written only once it reads back as a model and the project is still a DAG: a request that
would close a cycle is refused and nothing is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datamorph.errors import UsageError
from datamorph.plan_request import PlanResult
from datamorph.project.models import Project, load_models
from datamorph.spec import SourceTable, Spec

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Drafted:
    """A model planned and not yet written: where it would go, what it says, how it was read."""

    name: str
    path: Path
    text: str
    spec: Spec
    planned: PlanResult


def draft(
    project: Project,
    prompt: str,
    *,
    name: str | None = None,
    folder: str = "",
    fmt: str = "yaml",
    database: str | None = None,
    llm: str | None = None,
) -> Drafted:
    """Plan `prompt` into a model of `project`; nothing is written (see `write`)."""
    from datamorph.plan_request import plan

    if name is not None and not _NAME.match(name):
        raise UsageError(
            f"'{name}' cannot name a model", hint="letters, digits and _; not starting with a digit"
        )
    planned = plan(prompt, database=database, llm=llm, target=name)
    spec = _with_refs(planned.spec, project)
    name = spec.target_table.name
    if name in project.models:
        raise UsageError(
            f"the project has a model '{name}' already ({project.models[name].path})",
            hint="choose another name with --name",
        )
    if fmt not in ("yaml", "json"):
        raise UsageError(f"unknown format '{fmt}'", hint="use yaml or json")
    path = project.models_dir / folder / f"{name}.{fmt}"
    return Drafted(name, path, render(spec, fmt), spec, planned)


def write(project: Project, drafted: Drafted) -> Path:
    """Write the drafted model, then read the whole project back: a file that does not read
    as a model, or that closes a cycle, is removed again and the error raised."""
    from datamorph.project import graph

    drafted.path.parent.mkdir(parents=True, exist_ok=True)
    if drafted.path.exists():
        raise UsageError(f"{drafted.path} exists", hint="choose another name with --name")
    drafted.path.write_text(drafted.text, encoding="utf-8")
    try:
        models = load_models(project.models_dir)
        graph.order(Project(project.root, project.name, project.models_dir, models))
    except BaseException:
        drafted.path.unlink(missing_ok=True)
        raise
    return drafted.path


def render(spec: Spec, fmt: str) -> str:
    """The spec as a person would write it by hand: the fields that say something."""
    data = _compact(spec.model_dump(mode="json"))
    data.pop("version", None)
    if fmt == "json":
        return json.dumps(data, indent=2) + "\n"
    import yaml

    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {k: _compact(v) for k, v in value.items()}
        # `is False`: a 0 (a limit, an offset) says something; False and empties do not
        return {k: v for k, v in kept.items() if not (v is None or v is False or v in ([], "", {}))}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _with_refs(spec: Spec, project: Project) -> Spec:
    def marked(tables: tuple[SourceTable, ...]) -> tuple[SourceTable, ...]:
        return tuple(
            t.model_copy(update={"is_ref": True}) if t.name in project.models else t for t in tables
        )

    steps = tuple(s.model_copy(update={"source_tables": marked(s.source_tables)})
                  for s in spec.steps)  # fmt: skip
    return spec.model_copy(update={"source_tables": marked(spec.source_tables), "steps": steps})
